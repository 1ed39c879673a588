// zhtext/detail/text/ngram_cursor.hpp - the cursor behind zhtext::char_ngrams and
// zhtext::characters (ngram.hpp, which documents them).
//
// A window of n code points slides over the text one code point at a time; the sizes
// of the window's characters are kept 4 bits each in one 64-bit word, so dropping the
// first one costs a shift for n <= 16 (longer windows decode it again). With `han_only` a character
// that is not Han (or an ill-formed subpart) empties the window, with `space_breaks` a
// white-space character does. Cost: O(size of the
// text) for a full pass, whatever n is; no allocation. A view: copy it freely.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "../../text_span.hpp"
#include "../unicode/char_classes.hpp"
#include "../unicode/utf8_decode.hpp"

namespace zhtext::detail {

/// The cursor of zhtext::char_ngram_range (see detail/ranges/lazy_range.hpp).
class char_ngram_cursor {
 public:
  using value_type = text_span;
  char_ngram_cursor() = default;
  char_ngram_cursor(std::string_view s, std::size_t n, bool han_only, bool space_breaks) noexcept
      : s_(s), n_(n), han_only_(han_only), space_breaks_(space_breaks) {}

  bool next(text_span& out) noexcept {
    if (n_ == 0) return false;
    if (count_ == n_) {  // drop the window's first character (its size was noted when it entered)
      begin_ += n_ <= ring ? static_cast<std::size_t>(sizes_ & 0xF) : decode(begin_).size;
      sizes_ >>= 4;
      --count_;
    }
    while (count_ < n_) {  // extend the window to n characters
      if (end_ >= s_.size()) return false;
      const decoded d = decode(end_);
      const bool ok = d.error == utf8_errc::ok;
      if ((han_only_ && (!ok || !is_han(d.value))) || (space_breaks_ && ok && is_space(d.value))) {
        begin_ = end_ = end_ + d.size;
        count_ = 0;
        sizes_ = 0;
        continue;
      }
      if (count_ < ring) sizes_ |= std::uint64_t{d.size} << (4 * count_);
      end_ += d.size;
      ++count_;
    }
    out = text_span{std::string_view(s_.data() + begin_, end_ - begin_), begin_};
    return true;
  }
  std::size_t position() const noexcept { return begin_; }

 private:
  static constexpr std::size_t ring = 16;  // window sizes remembered for n <= ring

  decoded decode(std::size_t i) const noexcept {
    const auto* p = bytes(s_) + i;
    const std::size_t avail = s_.size() - i;
    // Fast paths for ASCII and well-formed 3-byte sequences (all of CJK).
    if (p[0] < 0x80) return {p[0], 1, utf8_errc::ok};
    if (avail >= 3 && ((p[0] >= 0xE1 && p[0] <= 0xEC) || p[0] >= 0xEE) && p[0] <= 0xEF && is_continuation(p[1]) &&
        is_continuation(p[2]))
      return {static_cast<char32_t>(((p[0] & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F)), 3, utf8_errc::ok};
    return decode_at(p, p + avail);
  }

  std::string_view s_;
  std::size_t n_ = 0;
  bool han_only_ = false, space_breaks_ = false;
  std::size_t begin_ = 0, end_ = 0, count_ = 0;
  std::uint64_t sizes_ = 0;  // the window's character sizes, 4 bits each, the first one lowest
};

/// zhtext::for_each_repaired_char_ngram (ngram.hpp): the n-grams char_ngram_cursor
/// gives on repair_utf8(s), with `s` repaired `piece` bytes at a time into one buffer
/// that carries the last n - 1 code points of the piece before (so every n-gram lies
/// whole in one buffer, and none in two: the carry is shorter than an n-gram). An
/// n-gram's offset in `s` is found by decoding the buffer and `s` side by side (a
/// maximal ill-formed subpart of `s` is one U+FFFD of the buffer; pieces end where
/// complete_prefix_length says, so they repair as the whole text does). Memory: the
/// buffer, at most 3 * piece + 128 bytes. Precondition: piece >= 4.
template <class F>
void for_each_repaired_ngram(std::string_view s, std::size_t n, bool han_only, bool space_breaks, F&& f,
                             std::size_t piece = std::size_t(64) << 10) {
  if (n == 0) return;
  const utf8_kernel k = best_utf8_kernel();
  const unsigned char* src = bytes(s);
  const unsigned char* src_end = src + s.size();
  std::string buf;                // the carried code points, then the piece repaired
  std::size_t buf_source = 0;     // where buf[0] begins in s
  for (std::size_t done = 0; done < s.size();) {
    const std::string_view chunk = s.substr(done, piece);
    const std::size_t len = done + chunk.size() == s.size() ? chunk.size() : complete_prefix_length(chunk);
    append_repaired_utf8_using(k, chunk.substr(0, len), buf);
    done += len;
    const unsigned char* b = bytes(buf);
    const unsigned char* b_end = b + buf.size();
    std::size_t bi = 0, si = buf_source;  // the same code point boundary of buf and of s
    auto walk_to = [&](std::size_t to) {
      while (bi < to) {
        bi += decode_at(b + bi, b_end).size;
        si += decode_at(src + si, src_end).size;
      }
    };
    char_ngram_cursor c(buf, n, han_only, space_breaks);
    text_span g;
    while (c.next(g)) {
      walk_to(g.offset);
      f(text_span{g.text, si});
    }
    std::size_t keep = buf.size();  // the last n - 1 code points go on with the next piece
    for (std::size_t m = 1; m < n && keep > 0; ++m)
      do --keep;
      while (keep > 0 && is_continuation(b[keep]));
    walk_to(keep);
    buf.erase(0, keep);
    buf_source = si;
  }
}

}  // namespace zhtext::detail
