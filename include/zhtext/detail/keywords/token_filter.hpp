// zhtext/detail/keywords/token_filter.hpp - what a token item is made of, the filters a
// frequency table applies to tokens before counting them, and jieba.analyse's word
// filter.
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
#include "text.hpp"

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

// ---- the items keyword extraction ranks (keywords.hpp) ----

/// The text of a token item: its `.text`, or the item itself (a string).
template <class Item>
std::string_view item_text(const Item& it) {
  if constexpr (has_text_member<Item>::value) return std::string_view(it.text);
  else return std::string_view(it);
}
/// The POS tag of a token item: its `.tag`, or empty.
template <class Item>
std::string_view item_tag(const Item& it) {
  if constexpr (has_tag_member<Item>::value) return std::string_view(it.tag);
  else return {};
}
/// Whether `tag` is one of `allow`.
inline bool tag_allowed(const std::vector<std::string>& allow, std::string_view tag) noexcept {
  for (const std::string& a : allow)
    if (a == tag) return true;
  return false;
}
/// jieba's word filter: len(w.strip()) >= 2 and w.lower() not in stop_words (a
/// zhtext::keyword_stop_words: matches(w, buffer)).
template <class StopWords>
bool keyword_candidate(std::string_view w, const StopWords& stop, std::string& buffer) {
  return py_stripped_length_at_least_2(w) && !stop.matches(w, buffer);
}

}  // namespace zhtext::detail
