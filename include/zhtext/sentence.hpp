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
#pragma once

#include <cstddef>
#include <iterator>
#include <string_view>
#include <vector>

#include "chars.hpp"
#include "detail/text/line_break.hpp"
#include "detail/text/plain_run.hpp"
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

/// A sentence: a view into the input and the byte offset where it starts. The view is
/// valid as long as the input is.
struct sentence {
  std::string_view text;
  std::size_t offset = 0;
  friend bool operator==(const sentence& a, const sentence& b) noexcept {
    return a.offset == b.offset && a.text == b.text;
  }
};

namespace detail {

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
class sentence_scanner {
 public:
  sentence_scanner(std::string_view s, const sentence_options& opt) noexcept
      : s_(s), p_(bytes(s)), n_(s.size()), opt_(opt) {}

  /// The next sentence at or after `pos`, or {n, n} if there is none.
  byte_range next(std::size_t pos) const noexcept {
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
      if (ends_sentence(c, prev, i, after)) {
        after = consume_enders(after);
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
  bool ends_sentence(char32_t c, char32_t prev, std::size_t i, std::size_t& after) const noexcept {
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
        return ellipsis_ends(after);
      case '.': case U'．': {
        std::size_t j = after;
        while (c == '.' && j < n_ && p_[j] == '.') ++j;
        if (j - i >= 3) {  // "..." is an ellipsis
          after = j;
          return is_cjk(prev) && ellipsis_ends(after);
        }
        if (j - i == 2) return false;
        const char32_t next = after < n_ ? at(after).value : 0;
        return is_cjk(prev) && !is_ascii_alnum(fold_width(next));
      }
      default:
        return false;
    }
  }

  bool ellipsis_ends(std::size_t after) const noexcept {
    const std::size_t j = consume_enders(after);
    return j >= n_ || at(j).value != U'等';
  }

  // Extends over following enders and closing quotes/brackets.
  std::size_t consume_enders(std::size_t i) const noexcept {
    while (i < n_) {
      const decoded d = at(i);
      const char32_t c = d.value;
      const bool ender = c == U'。' || c == U'！' || c == U'？' || c == U'｡' || c == '!' || c == '?' ||
                         c == '.' || is_ellipsis(c) || (opt_.split_on_semicolon && (c == U'；' || c == ';'));
      if (d.error != utf8_errc::ok || !(ender || is_sentence_closer(c))) break;
      i += d.size;
    }
    return i;
  }

  std::string_view s_;
  const unsigned char* p_;
  std::size_t n_;
  sentence_options opt_;
};

}  // namespace detail

/// A lazy, zero-copy range of the sentences of a text (see the top of this header).
/// Holds a view: the text must outlive the range and its iterators.
class sentence_range {
 public:
  class iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = sentence;
    using difference_type = std::ptrdiff_t;
    using pointer = const sentence*;
    using reference = const sentence&;

    iterator() = default;
    reference operator*() const noexcept { return cur_; }
    pointer operator->() const noexcept { return &cur_; }
    iterator& operator++() noexcept {
      load(cur_.offset + cur_.text.size());
      return *this;
    }
    iterator operator++(int) noexcept {
      iterator t = *this;
      ++*this;
      return t;
    }
    friend bool operator==(const iterator& a, const iterator& b) noexcept {
      return a.cur_.offset == b.cur_.offset;
    }
    friend bool operator!=(const iterator& a, const iterator& b) noexcept { return !(a == b); }

   private:
    friend class sentence_range;
    iterator(const sentence_range* r, std::size_t pos) noexcept : r_(r) { load(pos); }
    void load(std::size_t pos) noexcept {
      const std::string_view s = r_->text_;
      const byte_range br = detail::sentence_scanner(s, r_->options_).next(pos);
      cur_ = sentence{s.substr(br.begin, br.end - br.begin), br.begin};
    }
    const sentence_range* r_ = nullptr;
    sentence cur_{};
  };

  sentence_range(std::string_view text, const sentence_options& options) noexcept
      : text_(text), options_(options) {}
  iterator begin() const noexcept { return iterator(this, 0); }
  iterator end() const noexcept { return iterator(this, text_.size()); }

 private:
  std::string_view text_;
  sentence_options options_;
};

/// The sentences of `text`, lazily (see the top of this header). Any bytes are
/// accepted; ill-formed UTF-8 is treated as U+FFFD. O(n) for a full iteration.
inline sentence_range sentences(std::string_view text, const sentence_options& options = {}) noexcept {
  return sentence_range(text, options);
}
/// Deleted: the range would outlive the temporary std::string it views.
template <class S, detail::if_temporary_string<S> = 0>
sentence_range sentences(S&&, const sentence_options& = {}) = delete;

/// Calls `f(const sentence&)` for each sentence; no allocation.
template <class F>
void for_each_sentence(std::string_view text, F&& f, const sentence_options& options = {}) {
  const detail::sentence_scanner scan(text, options);
  for (byte_range r = scan.next(0); r.begin < text.size(); r = scan.next(r.end))
    f(sentence{text.substr(r.begin, r.end - r.begin), r.begin});
}

/// The sentences of `text` in a vector.
inline std::vector<sentence> split_sentences(std::string_view text, const sentence_options& options = {}) {
  std::vector<sentence> out;
  for_each_sentence(text, [&](const sentence& s) { out.push_back(s); }, options);
  return out;
}

}  // namespace zhtext
