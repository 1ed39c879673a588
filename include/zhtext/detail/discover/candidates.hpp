// zhtext/detail/discover/candidates.hpp - what new-word discovery (discover.hpp) asks
// of a candidate n-gram besides its counts: whether its characters can make a word,
// whether the caller already knows it, and the branching entropy of its neighbours.
//
// Pure functions; thread-safe.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "../unicode/char_classes.hpp"
#include "../unicode/utf8_decode.hpp"
#include "ngram_index.hpp"

namespace zhtext::detail {

template <class K, class = void>
struct has_contains : std::false_type {};
template <class K>
struct has_contains<K, std::void_t<decltype(std::declval<const K&>().contains(std::string_view()))>> : std::true_type {};

// Is `w` in `known`: a predicate bool(std::string_view), an object with
// contains(std::string_view), or a set with count(key_type).
template <class Known>
bool is_known_word(const Known& known, std::string_view w) {
  if constexpr (std::is_invocable_r_v<bool, const Known&, std::string_view>) return known(w);
  else if constexpr (has_contains<Known>::value) return known.contains(w);
  else return known.count(typename Known::key_type(w)) != 0;
}

// Branching entropy of the neighbour symbols in v (sorted in place); each
// ngram_index::boundary counts as a symbol of its own.
inline double branching_entropy(std::vector<std::uint32_t>& v) {
  std::sort(v.begin(), v.end());
  const double total = static_cast<double>(v.size());
  double h = 0;
  for (std::size_t i = 0; i < v.size();) {
    std::size_t j = i + 1;
    if (v[i] == ngram_index::boundary) {
      h += std::log(total) / total;  // -p ln p with p = 1 / total
    } else {
      while (j < v.size() && v[j] == v[i]) ++j;
      const double p = static_cast<double>(j - i) / total;
      h -= p * std::log(p);
    }
    i = j;
  }
  return h;
}

/// Characters a new word may contain: not space, controls, punctuation, U+FFFD or
/// invisible format characters.
constexpr bool is_word_char(char32_t c) noexcept {
  return !is_space(c) && !is_control(c) && !is_cjk_punctuation(c) && !is_ascii_punctuation(c) &&
         c != replacement_character && !is_invisible_format(c);
}

}  // namespace zhtext::detail
