// zhtext/detail/discover/candidates.hpp - what new-word discovery (discover.hpp) asks
// of a candidate n-gram besides its counts: whether its characters can make a word,
// whether the caller already knows it, and the branching entropy of its neighbours.
//
// Pure functions; thread-safe.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "../platform/math.hpp"
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

// Adds to h the terms of k occurrences of neighbour `symbol` among `total`: one term
// -p ln p for a character, one of p = 1 / total per occurrence for
// ngram_index::boundary (each counts as a symbol of its own).
inline void add_branching_terms(double& h, std::uint32_t symbol, std::uint64_t k, double total) {
  if (symbol == ngram_index::boundary) {
    for (std::uint64_t i = 0; i < k; ++i) h += natural_log(total) / total;
  } else {
    const double p = static_cast<double>(k) / total;
    h -= p * natural_log(p);
  }
}

// Branching entropy of the neighbour symbols in v (sorted in place).
inline double branching_entropy(std::vector<std::uint32_t>& v) {
  std::sort(v.begin(), v.end());
  const double total = static_cast<double>(v.size());
  double h = 0;
  for (std::size_t i = 0; i < v.size();) {
    std::size_t j = i + 1;
    while (j < v.size() && v[j] == v[i]) ++j;
    add_branching_terms(h, v[i], j - i, total);
    i = j;
  }
  return h;
}

// Neighbour symbols and their occurrences, by symbol: the neighbours of an n-gram
// whose occurrences span several passes of the index, gathered pass by pass.
using neighbour_counts = std::vector<std::pair<std::uint32_t, std::uint64_t>>;

// Adds the symbols of v (sorted in place) to `counts`.
inline void add_neighbours(neighbour_counts& counts, std::vector<std::uint32_t>& v) {
  std::sort(v.begin(), v.end());
  neighbour_counts merged;
  merged.reserve(counts.size() + 16);
  std::size_t c = 0;
  for (std::size_t i = 0; i < v.size();) {
    std::size_t j = i + 1;
    while (j < v.size() && v[j] == v[i]) ++j;
    for (; c < counts.size() && counts[c].first < v[i]; ++c) merged.push_back(counts[c]);
    if (c < counts.size() && counts[c].first == v[i]) merged.emplace_back(v[i], counts[c++].second + (j - i));
    else merged.emplace_back(v[i], j - i);
    i = j;
  }
  for (; c < counts.size(); ++c) merged.push_back(counts[c]);
  counts.swap(merged);
}

// Branching entropy of `counts`: that of the vector of all its symbols, to the bit.
inline double branching_entropy(const neighbour_counts& counts) {
  std::uint64_t n = 0;
  for (const auto& e : counts) n += e.second;
  const double total = static_cast<double>(n);
  double h = 0;
  for (const auto& [symbol, k] : counts) add_branching_terms(h, symbol, k, total);
  return h;
}

/// Characters a new word may contain: not space, controls, punctuation, U+FFFD or
/// invisible format characters.
constexpr bool is_word_char(char32_t c) noexcept {
  return !is_space(c) && !is_control(c) && !is_cjk_punctuation(c) && !is_ascii_punctuation(c) &&
         c != replacement_character && !is_invisible_format(c);
}

}  // namespace zhtext::detail
