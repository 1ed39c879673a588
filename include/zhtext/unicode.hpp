// zhtext/unicode.hpp - Unicode text segmentation (UAX #29) and character width.
//
// Grapheme clusters ("user-perceived characters", extended clusters with emoji ZWJ
// sequences and flags), words and sentences by the default rules of Unicode Standard
// Annex #29 for Unicode 15.0, passing every line of the Unicode conformance files
// (GraphemeBreakTest.txt, WordBreakTest.txt, SentenceBreakTest.txt), with no ICU.
// Property data comes from detail/unicode/tables.hpp, generated from the UCD by
// tools/gen_unicode_tables.py. East_Asian_Width, Script=Han and the terminal column
// width of a text are in width.hpp, which this header includes.
//
// Segments are views into the caller's text with byte offsets; consecutive segments
// tile the text exactly (their concatenation is the input), so the word segments
// include runs of spaces and single punctuation marks — is_word_like() tells words
// apart. Han characters are each a word here (dictionary segmentation is a separate
// layer). The UAX #29 sentence rules are written for alphabetic scripts; for Chinese
// news text use zhtext::sentences (sentence.hpp), which `zhtext sentences` uses.
//
// Any bytes are accepted: ill-formed UTF-8 is read as U+FFFD, one per maximal
// ill-formed subpart (utf8.hpp), so a text segments exactly as repair_utf8(text)
// does (a subpart is never split; a combining mark after it joins it, as it would
// join U+FFFD). Everything here is pure (no global state), allocation-free except
// the *_vector functions, and safe to call from any thread.
//
// Each producer has the three shapes of the one vocabulary: a lazy forward range
// (graphemes, unicode_words, unicode_sentences), a callback (for_each_grapheme,
// for_each_unicode_word, for_each_unicode_sentence) and a vector (grapheme_vector,
// unicode_word_vector, unicode_sentence_vector).
//
// Cost: O(n) for a full iteration, one pass; runs of CJK ideographs and ASCII take
// fast paths (see benchmarks/README.md for MB/s beside ICU). The boundary functions
// find their context by stepping back to a position where the rules need nothing
// earlier: a few code points in ordinary text, the whole run inside long runs of
// letters (words), regional indicators or emoji ZWJ chains (graphemes).
//
//   std::string_view s = "👍🏽 中文 cafe\u0301!";
//   for (zhtext::segment g : zhtext::graphemes(s)) ...   // "👍🏽" " " "中" "文" " " "c" "a" "f" "e\u0301" "!"
//   for (zhtext::segment w : zhtext::unicode_words(s))    // "👍🏽" " " "中" "文" " " "cafe\u0301" "!"
//     if (zhtext::is_word_like(w.text)) ...                // "中" "文" "cafe\u0301"
//   zhtext::next_grapheme_boundary(s, 0);                 // 8: after 👍🏽 (two code points)
//   zhtext::display_width(s);                             // 13
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "detail/ranges/lazy_range.hpp"
#include "detail/unicode/boundaries.hpp"
#include "detail/unicode/uax29_grapheme.hpp"
#include "detail/unicode/uax29_sentence.hpp"
#include "detail/unicode/uax29_word.hpp"
#include "detail/unicode/props.hpp"
#include "text_span.hpp"
#include "utf8.hpp"
#include "width.hpp"

namespace zhtext {

/// The Unicode version of the property data ("15.0.0").
inline constexpr const char* unicode_version() noexcept { return detail::ucd::unicode_version; }

/// A segment (grapheme cluster, word or sentence): a view into the input and the byte
/// offset where it starts (text_span.hpp). Valid as long as the input is.
using segment = text_span;

/// Lazy, zero-copy forward ranges of the segments of a text, one boundary search per
/// step (detail/ranges/lazy_range.hpp). They hold a view: the text must outlive the
/// range and its iterators.
using grapheme_range = detail::uax29_range_fn<detail::grapheme_scanner>::range;
using unicode_word_range = detail::uax29_range_fn<detail::word_scanner>::range;
using unicode_sentence_range = detail::uax29_range_fn<detail::sentence_scanner_uax29>::range;

// Each kind of segment (grapheme clusters, words, sentences) comes in the three shapes
// (a lazy range, a callback, a vector: function objects, written once in
// detail/unicode/boundaries.hpp) and three boundary queries (references to functions,
// so they can be passed as function pointers). The range and vector refuse a temporary
// std::string (deleted overloads: the segments would view it). Cost: O(n) for a full
// iteration; a boundary query costs O(length of the segments around offset).

// ---- grapheme clusters -------------------------------------------------------------

/// graphemes(text): the extended grapheme clusters of `text`, lazily.
inline constexpr detail::uax29_range_fn<detail::grapheme_scanner> graphemes{};
/// for_each_grapheme(text, f): calls `f(const segment&)` for each grapheme cluster; no
/// allocation.
inline constexpr detail::uax29_for_each_fn<detail::grapheme_scanner> for_each_grapheme{};
/// grapheme_vector(text): the grapheme clusters of `text` in a vector.
inline constexpr detail::uax29_vector_fn<detail::grapheme_scanner> grapheme_vector{};

/// Number of grapheme clusters in `text` ("characters" as a user counts them).
inline std::size_t count_graphemes(std::string_view text) noexcept {
  std::size_t count = 0;
  for_each_grapheme(text, [&](const segment&) noexcept { ++count; });
  return count;
}

/// next_grapheme_boundary(text, offset): the first grapheme boundary after byte
/// `offset` (text.size() if offset >= size). `offset` may be anywhere, even inside a
/// code point.
inline constexpr auto& next_grapheme_boundary = detail::next_boundary<detail::grapheme_scanner>;
/// previous_grapheme_boundary(text, offset): the last grapheme boundary before byte
/// `offset` (0 if offset == 0; text.size() if offset > text.size()).
inline constexpr auto& previous_grapheme_boundary = detail::previous_boundary<detail::grapheme_scanner>;
/// is_grapheme_boundary(text, offset): true if byte `offset` is a grapheme boundary (0
/// and text.size() are).
inline constexpr auto& is_grapheme_boundary = detail::is_boundary<detail::grapheme_scanner>;

// ---- words ---------------------------------------------------------------------------

/// unicode_words(text): every segment between two UAX #29 word boundaries, lazily:
/// words, but also runs of white space and single punctuation marks, so that the
/// segments tile the text. Use is_word_like() to keep the words. Each Han character is
/// its own segment.
inline constexpr detail::uax29_range_fn<detail::word_scanner> unicode_words{};
/// for_each_unicode_word(text, f): calls `f(const segment&)` for each word-boundary
/// segment; no allocation.
inline constexpr detail::uax29_for_each_fn<detail::word_scanner> for_each_unicode_word{};

/// True if `s` contains a letter or a number (General_Category L* or N*, which
/// includes Han characters and kana): a word rather than spaces, punctuation or
/// symbols (emoji).
inline bool is_word_like(std::string_view s) noexcept {
  const unsigned char* p = detail::bytes(s);
  for (std::size_t i = 0; i < s.size();) {
    const detail::unit u = detail::unit_at(p, s.size(), i);
    if (detail::ucd_flags(u.value) & detail::ucd::flag_word_like) return true;
    i += u.size;
  }
  return false;
}

/// The word-boundary segments of `text` in a vector; with `word_like_only`, only the
/// segments for which is_word_like() holds.
inline std::vector<segment> unicode_word_vector(std::string_view text, bool word_like_only = false) {
  if (!word_like_only) return detail::uax29_vector_fn<detail::word_scanner>{}(text);
  std::vector<segment> out;
  for_each_unicode_word(text, [&](const segment& s) {
    if (is_word_like(s.text)) out.push_back(s);
  });
  return out;
}
/// Deleted: the segments would view the temporary std::string.
template <class S, detail::if_temporary_string<S> = 0>
std::vector<segment> unicode_word_vector(S&&, bool = false) = delete;

/// next_word_boundary(text, offset): the first word boundary after byte `offset`
/// (text.size() if offset >= size).
inline constexpr auto& next_word_boundary = detail::next_boundary<detail::word_scanner>;
/// previous_word_boundary(text, offset): the last word boundary before byte `offset`
/// (0 if offset == 0).
inline constexpr auto& previous_word_boundary = detail::previous_boundary<detail::word_scanner>;
/// is_word_boundary(text, offset): true if byte `offset` is a word boundary.
inline constexpr auto& is_word_boundary = detail::is_boundary<detail::word_scanner>;

// ---- sentences -----------------------------------------------------------------------

/// unicode_sentences(text): the sentences of `text` by the UAX #29 default rules,
/// lazily. Segments keep their trailing spaces and line break (they tile the text). For
/// Chinese text prefer zhtext::sentences (sentence.hpp).
inline constexpr detail::uax29_range_fn<detail::sentence_scanner_uax29> unicode_sentences{};
/// for_each_unicode_sentence(text, f): calls `f(const segment&)` for each UAX #29
/// sentence; no allocation.
inline constexpr detail::uax29_for_each_fn<detail::sentence_scanner_uax29> for_each_unicode_sentence{};
/// unicode_sentence_vector(text): the UAX #29 sentences of `text` in a vector.
inline constexpr detail::uax29_vector_fn<detail::sentence_scanner_uax29> unicode_sentence_vector{};

/// next_sentence_boundary(text, offset): the first sentence boundary after byte
/// `offset` (text.size() if offset >= size).
inline constexpr auto& next_sentence_boundary = detail::next_boundary<detail::sentence_scanner_uax29>;
/// previous_sentence_boundary(text, offset): the last sentence boundary before byte
/// `offset` (0 if offset == 0).
inline constexpr auto& previous_sentence_boundary = detail::previous_boundary<detail::sentence_scanner_uax29>;
/// is_sentence_boundary(text, offset): true if byte `offset` is a sentence boundary.
inline constexpr auto& is_sentence_boundary = detail::is_boundary<detail::sentence_scanner_uax29>;

}  // namespace zhtext
