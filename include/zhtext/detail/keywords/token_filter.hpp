// zhtext/detail/keywords/token_filter.hpp - what a token item is made of, and the filters a
// frequency table applies to tokens before counting them.
//
// Pure functions and traits; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "../../chars.hpp"
#include "../../stop_words.hpp"
#include "../../utf8.hpp"

namespace zhtext::detail {

template <class T, class = void> struct has_text_member : std::false_type {};
template <class T> struct has_text_member<T, std::void_t<decltype(std::declval<const T&>().text)>> : std::true_type {};
template <class T, class = void> struct has_offset_member : std::false_type {};
template <class T> struct has_offset_member<T, std::void_t<decltype(std::declval<const T&>().offset)>> : std::true_type {};
template <class T, class = void> struct has_tag_member : std::false_type {};
template <class T> struct has_tag_member<T, std::void_t<decltype(std::declval<const T&>().tag)>> : std::true_type {};

/// True if `token` (with POS tag *tag, or no tag when tag == nullptr) passes every
/// filter: its tag is in `pos` (when `pos` is not empty), it is not a stop word, it
/// has at least `min_length` code points, it is all Han (when `han_only`), it is not
/// all punctuation, space and controls (when `skip_punctuation`).
inline bool token_passes(const stop_words* stop, std::size_t min_length, bool han_only, bool skip_punctuation,
                         const std::vector<std::string>& pos, std::string_view token,
                         const std::string_view* tag) noexcept {
  if (!pos.empty()) {
    if (tag == nullptr) return false;
    bool found = false;
    for (const std::string& p : pos) found |= (p == *tag);
    if (!found) return false;
  }
  if (stop != nullptr && stop->contains(token)) return false;
  if (min_length > 1 || han_only || skip_punctuation) {
    std::size_t n = 0;
    bool all_han = true, all_punct = true;
    for (const code_point& cp : code_points(token)) {
      ++n;
      all_han &= cp.valid && is_han(cp.value);
      all_punct &= cp.valid && (is_cjk_punctuation(cp.value) || is_ascii_punctuation(cp.value) ||
                                is_space(cp.value) || is_control(cp.value));
    }
    if (n < min_length) return false;
    if (han_only && !all_han) return false;
    if (skip_punctuation && all_punct) return false;
  }
  return true;
}

}  // namespace zhtext::detail
