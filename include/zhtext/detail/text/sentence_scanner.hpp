// zhtext/detail/text/sentence_scanner.hpp - the scanner behind zhtext::sentences()
// (sentence.hpp, which documents where sentences end).
//
// A template over zhtext::sentence_options (split_on_semicolon, line_breaks), so this
// layer does not include the public header. The scanner holds a view and the options and
// keeps no state between calls: next(pos) is O(length of the sentence plus the white
// space before it). Any bytes are accepted (ill-formed UTF-8 reads as U+FFFD).
// sentence_cursor walks a text with it for the range, the callback and the vector.
#pragma once

#include <cstddef>
#include <string_view>

#include "../../text_span.hpp"
#include "../unicode/char_classes.hpp"
#include "../unicode/utf8_decode.hpp"
#include "line_break.hpp"
#include "plain_run.hpp"

namespace zhtext::detail {

constexpr bool is_sentence_closer(char32_t c) noexcept {
  switch (c) {
    case U'”': case U'’': case U'」': case U'』': case U'）': case U'》': case U'】': case U'〕': case U'〉':
    case U'］': case U'｝': case ')': case ']': case '"': case '\'':
      return true;
    default:
      return false;
  }
}

constexpr bool is_comma_like(char32_t c) noexcept {
  return c == U'，' || c == U'、' || c == ',' || c == U'：' || c == ':';
}

constexpr bool is_ellipsis(char32_t c) noexcept { return c == U'…' || c == U'⋯'; }

/// Finds sentences one at a time. Each call is O(length of the sentence plus the
/// white space before it); it keeps no state between calls.
template <class Options>
class sentence_scanner {
  using line_break_mode = decltype(Options::line_breaks);

 public:
  sentence_scanner(std::string_view s, const Options& opt) noexcept
      : s_(s), p_(bytes(s)), n_(s.size()), opt_(opt) {}

  /// The next sentence at or after `pos`, or {n, n} if there is none.
  byte_range next(std::size_t pos) const noexcept {
    enders_run run;
    std::size_t i = pos;
    while (i < n_) {  // skip leading white space
      const decoded d = at(i);
      if (!is_space(d.value) || d.error != utf8_errc::ok) break;
      i += d.size;
    }
    if (i >= n_) return {n_, n_};
    const std::size_t begin = i;
    std::size_t end = i;       // end of the last visible character
    char32_t prev = 0;         // last visible character
    const bool heading = p_[i] == '#';

    while (i < n_) {
      // Ideographs, letters and digits never end a sentence: skip the run.
      if (const std::size_t e = plain_run_end(p_, i, n_); e != i) {
        prev = last_plain_char(p_, e);
        end = i = e;
        continue;
      }
      const decoded d = at(i);
      const char32_t c = d.error == utf8_errc::ok ? d.value : replacement_character;
      if (c == '\n' || c == '\r') {
        if (line_break_ends(i, prev, heading)) return {begin, end};
        i += d.size;
        continue;
      }
      if (is_space(c) && d.error == utf8_errc::ok) {
        i += d.size;
        continue;
      }
      std::size_t after = i + d.size;
      if (ends_sentence(c, prev, i, after, run)) {
        after = consume_enders(after, run);
        if (after >= n_ || !is_comma_like(at(after).value)) return {begin, after};
      }
      // Not an end: everything up to `after` belongs to the sentence.
      prev = last_visible(i, after, c);
      end = after;
      i = after;
    }
    return {begin, end};
  }

 private:
  // The last run of enders and closers measured by consume_enders: from any position
  // in [from, to] the run ends at `to`. Each ender of a long run (……等 does not end
  // a sentence, so every … of it asks) then costs O(1), not the run's length.
  struct enders_run {
    std::size_t from = 1, to = 0;  // empty
  };

  decoded at(std::size_t i) const noexcept { return decode_at(p_ + i, p_ + n_); }

  // The first visible character at or after i (0 at the end of the text).
  char32_t next_visible(std::size_t i) const noexcept {
    while (i < n_) {
      const decoded d = at(i);
      if (!is_space(d.value) || d.error != utf8_errc::ok) return d.value;
      i += d.size;
    }
    return 0;
  }

  char32_t last_visible(std::size_t from, std::size_t to, char32_t first) const noexcept {
    char32_t last = first;
    for (std::size_t i = from; i < to;) {
      const decoded d = at(i);
      last = d.value;
      i += d.size;
    }
    return last;
  }

  // Does the line break at i end the sentence?
  bool line_break_ends(std::size_t i, char32_t prev, bool heading) const noexcept {
    std::size_t newlines = 0;
    bool indented = false;
    while (i < n_) {
      const decoded d = at(i);
      if (d.error != utf8_errc::ok || !is_space(d.value)) break;
      if (d.value == '\r' && i + 1 < n_ && p_[i + 1] == '\n') ++i;  // CRLF is one break
      if (d.value == '\n' || d.value == '\r') {
        ++newlines;
        indented = false;
      } else {
        indented = true;
      }
      i += d.size;
    }
    if (i >= n_ || newlines >= 2) return true;
    switch (opt_.line_breaks) {
      case line_break_mode::always: return true;
      case line_break_mode::never: return false;
      case line_break_mode::wrap_aware: break;
    }
    return classify_line_break(prev, at(i).value, indented, heading) == line_break_kind::keep;
  }

  // Is the visible character c at [i, after) a sentence ender here? May extend
  // `after` over a run of ASCII dots.
  bool ends_sentence(char32_t c, char32_t prev, std::size_t i, std::size_t& after, enders_run& run) const noexcept {
    switch (c) {
      case U'。': case U'！': case U'？': case U'｡':
        return true;
      case '!': case '?':
        return is_cjk(prev) || is_han(next_visible(after));
      case U'；':
        return opt_.split_on_semicolon;
      case ';':
        return opt_.split_on_semicolon && (is_cjk(prev) || is_han(next_visible(after)));
      case U'…': case U'⋯':
        return ellipsis_ends(after, run);
      case '.': case U'．': {
        std::size_t j = after;
        while (c == '.' && j < n_ && p_[j] == '.') ++j;
        if (j - i >= 3) {  // "..." is an ellipsis
          after = j;
          return is_cjk(prev) && ellipsis_ends(after, run);
        }
        if (j - i == 2) return false;
        const char32_t next = after < n_ ? at(after).value : 0;
        return is_cjk(prev) && !is_ascii_alnum(fold_width(next));
      }
      default:
        return false;
    }
  }

  bool ellipsis_ends(std::size_t after, enders_run& run) const noexcept {
    const std::size_t j = consume_enders(after, run);
    return j >= n_ || at(j).value != U'等';
  }

  // Extends over following enders and closing quotes/brackets.
  std::size_t consume_enders(std::size_t i, enders_run& run) const noexcept {
    if (run.from <= i && i <= run.to) return run.to;
    run.from = i;
    while (i < n_) {
      const decoded d = at(i);
      const char32_t c = d.value;
      const bool ender = c == U'。' || c == U'！' || c == U'？' || c == U'｡' || c == '!' || c == '?' ||
                         c == '.' || is_ellipsis(c) || (opt_.split_on_semicolon && (c == U'；' || c == ';'));
      if (d.error != utf8_errc::ok || !(ender || is_sentence_closer(c))) break;
      i += d.size;
    }
    run.to = i;
    return i;
  }

  std::string_view s_;
  const unsigned char* p_;
  std::size_t n_;
  Options opt_;
};

/// The cursor of zhtext::sentence_range (see detail/ranges/lazy_range.hpp): the
/// sentences of a text, one scanner call per step.
template <class Options>
class sentence_cursor {
 public:
  using value_type = text_span;
  sentence_cursor() = default;
  sentence_cursor(std::string_view s, const Options& options) noexcept : s_(s), options_(options) {}
  bool next(text_span& out) noexcept {
    const byte_range r = sentence_scanner<Options>(s_, options_).next(pos_);
    if (r.begin >= s_.size()) return false;
    out = text_span{s_.substr(r.begin, r.end - r.begin), r.begin};
    pos_ = r.end;
    return true;
  }
  std::size_t position() const noexcept { return pos_; }

 private:
  std::string_view s_;
  Options options_{};
  std::size_t pos_ = 0;
};

}  // namespace zhtext::detail
