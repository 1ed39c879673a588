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
//   auto grams = zhtext::char_ngram_list("社区,新闻", 2, han);   // 社区 新闻
//
// Any of these is a token source for frequency_table (frequency.hpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "chars.hpp"
#include "utf8.hpp"

namespace zhtext {

/// A token that is a piece of the input: a view and its byte offset.
struct ngram {
  std::string_view text;
  std::size_t offset = 0;
  friend bool operator==(const ngram& a, const ngram& b) noexcept { return a.offset == b.offset && a.text == b.text; }
  friend bool operator!=(const ngram& a, const ngram& b) noexcept { return !(a == b); }
};

struct char_ngram_options {
  bool han_only = false;      ///< only n-grams of Han characters (is_han); others break the sequence
  bool space_breaks = false;  ///< white space (is_space) breaks the sequence: no n-gram holds
                              ///< white space (the n-grams `zhtext count --tokens ngram:N` counts)
};

/// A lazy, zero-copy range of the character n-grams of a text (see the top of this
/// header). Holds a view: the text must outlive the range. Forward iterators; a full
/// iteration is O(size of the text), whatever n is.
class char_ngram_range {
 public:
  class iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = ngram;
    using difference_type = std::ptrdiff_t;
    using pointer = const ngram*;
    using reference = const ngram&;

    iterator() = default;
    reference operator*() const noexcept { return cur_; }
    pointer operator->() const noexcept { return &cur_; }
    iterator& operator++() noexcept {
      // Drop the first character of the window (its size was noted when it entered).
      begin_ += n_ <= ring ? sizes_[head_] : decode(begin_).size;
      head_ = (head_ + 1) % ring;
      --count_;
      fill();
      return *this;
    }
    iterator operator++(int) noexcept {
      iterator t = *this;
      ++*this;
      return t;
    }
    friend bool operator==(const iterator& a, const iterator& b) noexcept { return a.begin_ == b.begin_; }
    friend bool operator!=(const iterator& a, const iterator& b) noexcept { return a.begin_ != b.begin_; }

   private:
    friend class char_ngram_range;
    iterator(std::string_view s, std::size_t n, const char_ngram_options& o, bool at_end) noexcept
        : s_(s), n_(n), han_only_(o.han_only), space_breaks_(o.space_breaks) {
      if (at_end || n == 0) {
        begin_ = s_.size();
        return;
      }
      fill();
    }
    static constexpr std::size_t ring = 16;  // window sizes remembered for n <= ring

    decoded decode(std::size_t i) const noexcept {
      const auto* p = detail::bytes(s_) + i;
      const std::size_t avail = s_.size() - i;
      // Fast paths for ASCII and well-formed 3-byte sequences (all of CJK).
      if (p[0] < 0x80) return {p[0], 1, utf8_errc::ok};
      if (avail >= 3 && ((p[0] >= 0xE1 && p[0] <= 0xEC) || p[0] >= 0xEE) && p[0] <= 0xEF && detail::is_continuation(p[1]) &&
          detail::is_continuation(p[2]))
        return {static_cast<char32_t>(((p[0] & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F)), 3, utf8_errc::ok};
      return detail::decode_at(p, p + avail);
    }
    // Extends the window [begin_, end_) to n_ characters; at the end of the text the
    // iterator becomes the end iterator.
    void fill() noexcept {
      while (count_ < n_) {
        if (end_ >= s_.size()) {
          begin_ = end_ = s_.size();
          count_ = 0;
          cur_ = ngram{};
          return;
        }
        const decoded d = decode(end_);
        const bool ok = d.error == utf8_errc::ok;
        if ((han_only_ && (!ok || !is_han(d.value))) || (space_breaks_ && ok && is_space(d.value))) {
          begin_ = end_ = end_ + d.size;
          count_ = 0;
          head_ = 0;
          continue;
        }
        sizes_[(head_ + count_) % ring] = d.size;
        end_ += d.size;
        ++count_;
      }
      cur_ = ngram{s_.substr(begin_, end_ - begin_), begin_};
    }

    std::string_view s_;
    std::size_t n_ = 0;
    bool han_only_ = false, space_breaks_ = false;
    std::size_t begin_ = 0, end_ = 0, count_ = 0;
    std::size_t head_ = 0;                // sizes_[head_] is the window's first character's size
    std::uint8_t sizes_[ring] = {};       // ring of the window's character sizes
    ngram cur_{};
  };

  char_ngram_range(std::string_view s, std::size_t n, const char_ngram_options& options) noexcept
      : s_(s), n_(n), options_(options) {}
  iterator begin() const noexcept { return iterator(s_, n_, options_, false); }
  iterator end() const noexcept { return iterator(s_, n_, options_, true); }

 private:
  std::string_view s_;
  std::size_t n_;
  char_ngram_options options_;
};

/// The n-grams of `n` consecutive code points of `text`, lazily. n == 0 gives none.
inline char_ngram_range char_ngrams(std::string_view text, std::size_t n,
                                    const char_ngram_options& options = {}) noexcept {
  return char_ngram_range(text, n, options);
}
/// Deleted: the range would outlive the temporary std::string it views.
template <class S, detail::if_temporary_string<S> = 0>
char_ngram_range char_ngrams(S&&, std::size_t, const char_ngram_options& = {}) = delete;

/// The characters (code points) of `text` as tokens: char_ngrams(text, 1, options).
inline char_ngram_range characters(std::string_view text, const char_ngram_options& options = {}) noexcept {
  return char_ngram_range(text, 1, options);
}
/// Deleted: the range would outlive the temporary std::string it views.
template <class S, detail::if_temporary_string<S> = 0>
char_ngram_range characters(S&&, const char_ngram_options& = {}) = delete;

/// Calls `f(const ngram&)` for each n-gram of `text`; no allocation.
template <class F>
void for_each_char_ngram(std::string_view text, std::size_t n, F&& f, const char_ngram_options& options = {}) {
  for (const ngram& g : char_ngrams(text, n, options)) f(g);
}

/// The n-grams of `text` in a vector.
inline std::vector<ngram> char_ngram_list(std::string_view text, std::size_t n, const char_ngram_options& options = {}) {
  std::vector<ngram> out;
  for (const ngram& g : char_ngrams(text, n, options)) out.push_back(g);
  return out;
}
/// Deleted: the n-grams would view the temporary std::string.
template <class S, detail::if_temporary_string<S> = 0>
std::vector<ngram> char_ngram_list(S&&, std::size_t, const char_ngram_options& = {}) = delete;

}  // namespace zhtext
