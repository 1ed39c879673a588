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

}  // namespace zhtext::detail
