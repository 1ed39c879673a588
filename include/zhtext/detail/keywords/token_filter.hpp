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

#include "../unicode/char_classes.hpp"
#include "../unicode/utf8_decode.hpp"

namespace zhtext::detail {

template <class T, class = void> struct has_text_member : std::false_type {};
template <class T> struct has_text_member<T, std::void_t<decltype(std::declval<const T&>().text)>> : std::true_type {};
template <class T, class = void> struct has_offset_member : std::false_type {};
template <class T> struct has_offset_member<T, std::void_t<decltype(std::declval<const T&>().offset)>> : std::true_type {};
template <class T, class = void> struct has_tag_member : std::false_type {};
template <class T> struct has_tag_member<T, std::void_t<decltype(std::declval<const T&>().tag)>> : std::true_type {};

/// True if `token` (with POS tag *tag, or no tag when tag == nullptr) passes every
/// filter of `o` (a zhtext::frequency_options): its tag is in `o.pos` (when that is not
/// empty), it is not in `*o.stop_words` (when set), it has at least `o.min_length` code
/// points, it is all Han (when `o.han_only`), it is not all punctuation, space and
/// controls (when `o.skip_punctuation`).
template <class Options>
bool token_passes(const Options& o, std::string_view token, const std::string_view* tag) noexcept {
  const auto* const stop = o.stop_words;
  const std::size_t min_length = o.min_length;
  const bool han_only = o.han_only, skip_punctuation = o.skip_punctuation;
  const std::vector<std::string>& pos = o.pos;
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
    for (const code_point& cp : code_point_range(token)) {
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
