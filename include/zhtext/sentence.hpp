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
#include "detail/text/sentence_scanner.hpp"
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
      const byte_range br = detail::sentence_scanner<sentence_options>(s, r_->options_).next(pos);
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
  const detail::sentence_scanner<sentence_options> scan(text, options);
  for (byte_range r = scan.next(0); r.begin < text.size(); r = scan.next(r.end))
    f(sentence{text.substr(r.begin, r.end - r.begin), r.begin});
}

/// The sentences of `text` in a vector.
inline std::vector<sentence> split_sentences(std::string_view text, const sentence_options& options = {}) {
  std::vector<sentence> out;
  for_each_sentence(text, [&](const sentence& s) { out.push_back(s); }, options);
  return out;
}
/// Deleted: the sentences would view the temporary std::string.
template <class S, detail::if_temporary_string<S> = 0>
std::vector<sentence> split_sentences(S&&, const sentence_options& = {}) = delete;

}  // namespace zhtext
