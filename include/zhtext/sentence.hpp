// zhtext/sentence.hpp - Chinese sentence splitting.
//
// Splits news text into sentences, as views into the caller's text with byte offsets.
// Unicode's default sentence rules (UAX #29, see unicode.hpp) are written for
// alphabetic scripts; this splitter follows Chinese punctuation practice instead:
//
//  - a sentence ends after 。！？ (and ｡), after ASCII ! ? and "." when they stand in
//    Chinese context (after a CJK character, or before a Han character for ! ?), after
//    an ellipsis …… / ⋯ / ... , and optionally after ；/ ; ;
//  - runs of enders stay together ("？！", "。。。") and closing quotes and brackets
//    ” ’ 」 』 ） 》 】 〕 〉 ) ] " ' stay with the sentence they close ("“好！”");
//  - no split when the enders are followed by a comma-like mark ("“好！”，他说"), and
//    none after an ellipsis followed by 等 ("张三、李四……等");
//  - no split in decimals, times, abbreviations or URLs ("6.5", "6:30", "U.S.",
//    "a.com/?q"): an ASCII "." ends a sentence only after a CJK character and before
//    something that is not a letter or digit; "——" never splits;
//  - blank lines always end a sentence; a single line break ends one unless it is a
//    hard wrap inside a paragraph (the same rule normalize() uses to join lines, see
//    detail/text/line_break.hpp), so wrapped PDF text still gives whole sentences;
//  - sentences carry no leading or trailing white space and are never empty.
//
//   for (const zhtext::sentence& s : zhtext::sentences("他说：“好！”然后走了。对吗？"))
//     std::cout << s.offset << ' ' << s.text << '\n';   // 0 他说：“好！”
//                                                       // 27 然后走了。
//                                                       // 42 对吗？
//   zhtext::for_each_sentence(text, f);  zhtext::sentence_vector(text);  // the other shapes
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "chars.hpp"
#include "detail/ranges/lazy_range.hpp"
#include "detail/text/sentence_scanner.hpp"
#include "text_span.hpp"
#include "utf8.hpp"

namespace zhtext {

/// How single line breaks are treated (blank lines always end a sentence).
enum class line_break_mode {
  wrap_aware,  ///< end a sentence unless the break is a hard wrap (default)
  always,      ///< every line break ends a sentence (one paragraph per line)
  never,       ///< only blank lines and punctuation end sentences
};

struct sentence_options {
  bool split_on_semicolon = false;  ///< also end sentences at ；and ; (Chinese context)
  line_break_mode line_breaks = line_break_mode::wrap_aware;
};

/// A sentence: a view into the input and the byte offset where it starts
/// (text_span.hpp). The view is valid as long as the input is.
using sentence = text_span;

/// A lazy, zero-copy forward range of the sentences of a text (see the top of this
/// header; detail/ranges/lazy_range.hpp). Holds a view: the text must outlive the range
/// and its iterators.
using sentence_range = detail::lazy_range<detail::sentence_cursor<sentence_options>>;

/// The sentences of `text`, lazily (see the top of this header). Any bytes are
/// accepted; ill-formed UTF-8 is treated as U+FFFD. O(n) for a full iteration.
inline sentence_range sentences(std::string_view text, const sentence_options& options = {}) noexcept {
  return sentence_range(detail::sentence_cursor<sentence_options>(text, options));
}
/// Deleted: the range would outlive the temporary std::string it views.
template <class S, detail::if_temporary_string<S> = 0>
sentence_range sentences(S&&, const sentence_options& = {}) = delete;

/// Calls `f(const sentence&)` for each sentence; no allocation.
template <class F>
void for_each_sentence(std::string_view text, F&& f, const sentence_options& options = {}) {
  detail::for_each_item(detail::sentence_cursor<sentence_options>(text, options), f);
}

/// The sentences of `text` in a vector.
inline std::vector<sentence> sentence_vector(std::string_view text, const sentence_options& options = {}) {
  return detail::collect_items(detail::sentence_cursor<sentence_options>(text, options));
}
/// Deleted: the sentences would view the temporary std::string.
template <class S, detail::if_temporary_string<S> = 0>
std::vector<sentence> sentence_vector(S&&, const sentence_options& = {}) = delete;

}  // namespace zhtext
