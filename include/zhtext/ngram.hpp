// zhtext/ngram.hpp - characters and character n-grams as token streams.
//
// Word counts need a segmenter; character and character n-gram counts need nothing.
// `char_ngrams(text, n)` yields every run of n consecutive code points as a view into
// the text with its byte offset; `characters(text)` is the n = 1 case. With
// `han_only`, only n-grams made entirely of Han characters are produced (a non-Han
// character breaks the sequence), which is what Chinese term statistics want.
// Ill-formed UTF-8 counts as one character per maximal ill-formed subpart (its raw
// bytes are the view; see utf8.hpp); with `han_only` it breaks the sequence.
//
//   for (const zhtext::ngram& g : zhtext::char_ngrams("社区,新闻", 2))
//     std::cout << g.offset << ' ' << g.text << '\n';   // 0 社区 / 3 区, / 6 ,新 / 7 新闻
//   zhtext::char_ngram_options han;  han.han_only = true;
//   auto grams = zhtext::char_ngram_vector("社区,新闻", 2, han);   // 社区 新闻
//   zhtext::for_each_character(text, f);                         // the callback shape
//
// Any of these is a token source for frequency_table (frequency.hpp).
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "chars.hpp"
#include "detail/ranges/lazy_range.hpp"
#include "detail/text/ngram_cursor.hpp"
#include "text_span.hpp"
#include "utf8.hpp"

namespace zhtext {

/// A token that is a piece of the input: a view and its byte offset (text_span.hpp).
using ngram = text_span;

struct char_ngram_options {
  bool han_only = false;      ///< only n-grams of Han characters (is_han); others break the sequence
  bool space_breaks = false;  ///< white space (is_space) breaks the sequence: no n-gram holds
                              ///< white space (the n-grams `zhtext count --tokens ngram:N` counts)
};

/// A lazy, zero-copy forward range of the character n-grams of a text (see the top of
/// this header; detail/ranges/lazy_range.hpp). Holds a view: the text must outlive the
/// range. A full iteration is O(size of the text), whatever n is.
using char_ngram_range = detail::lazy_range<detail::char_ngram_cursor>;

/// The n-grams of `n` consecutive code points of `text`, lazily. n == 0 gives none.
inline char_ngram_range char_ngrams(std::string_view text, std::size_t n,
                                    const char_ngram_options& options = {}) noexcept {
  return char_ngram_range(detail::char_ngram_cursor(text, n, options.han_only, options.space_breaks));
}
/// Deleted: the range would outlive the temporary std::string it views.
template <class S, detail::if_temporary_string<S> = 0>
char_ngram_range char_ngrams(S&&, std::size_t, const char_ngram_options& = {}) = delete;

/// Calls `f(const ngram&)` for each n-gram of `text`; no allocation.
template <class F>
void for_each_char_ngram(std::string_view text, std::size_t n, F&& f, const char_ngram_options& options = {}) {
  detail::for_each_item(detail::char_ngram_cursor(text, n, options.han_only, options.space_breaks), f);
}

/// Calls `f(const ngram&)` for each n-gram of repair_utf8(text), in order: what
/// for_each_char_ngram gives on the repaired text, without making the repaired copy.
/// The text is repaired 64 KiB at a time, so memory stays under 200 KiB whatever its
/// size (a 50 MiB line of ill-formed bytes repairs to 150 MiB). Each n-gram's `.text`
/// holds repaired bytes (valid UTF-8, U+FFFD for each maximal ill-formed subpart) in a
/// buffer valid only during the call; its `.offset` is the byte offset in `text`
/// where it begins. O(size of the text), whatever n is.
template <class F>
void for_each_repaired_char_ngram(std::string_view text, std::size_t n, F&& f, const char_ngram_options& options = {}) {
  detail::for_each_repaired_ngram(text, n, options.han_only, options.space_breaks, f);
}

/// The n-grams of `text` in a vector.
inline std::vector<ngram> char_ngram_vector(std::string_view text, std::size_t n,
                                            const char_ngram_options& options = {}) {
  return detail::collect_items(detail::char_ngram_cursor(text, n, options.han_only, options.space_breaks));
}
/// Deleted: the n-grams would view the temporary std::string.
template <class S, detail::if_temporary_string<S> = 0>
std::vector<ngram> char_ngram_vector(S&&, std::size_t, const char_ngram_options& = {}) = delete;

/// The characters (code points) of `text` as tokens: char_ngrams(text, 1, options).
inline char_ngram_range characters(std::string_view text, const char_ngram_options& options = {}) noexcept {
  return char_ngrams(text, 1, options);
}
/// Deleted: the range would outlive the temporary std::string it views.
template <class S, detail::if_temporary_string<S> = 0>
char_ngram_range characters(S&&, const char_ngram_options& = {}) = delete;

/// Calls `f(const ngram&)` for each character of `text`: for_each_char_ngram(text, 1, f, options).
template <class F>
void for_each_character(std::string_view text, F&& f, const char_ngram_options& options = {}) {
  for_each_char_ngram(text, 1, f, options);
}

/// The characters of `text` in a vector: char_ngram_vector(text, 1, options).
inline std::vector<ngram> character_vector(std::string_view text, const char_ngram_options& options = {}) {
  return char_ngram_vector(text, 1, options);
}
/// Deleted: the characters would view the temporary std::string.
template <class S, detail::if_temporary_string<S> = 0>
std::vector<ngram> character_vector(S&&, const char_ngram_options& = {}) = delete;

}  // namespace zhtext
