// zhtext/detail/text/plain_run.hpp - skipping runs of characters that no text rule looks at.
//
// Most of a Chinese news text is ideographs, Latin letters and digits. normalize()
// and the sentence splitter have nothing to do on those but copy them and remember
// the last one, so they skip such runs with this byte loop (a few compares per
// character, no decoding, no classification) and decode only the characters around
// punctuation and white space. Pure functions; thread-safe.
#pragma once

#include <cstddef>

namespace zhtext::detail {

/// End of the run of plain characters starting at s[i] (i itself if s[i] starts none;
/// i <= n): ASCII letters and digits, and well-formed 3-byte sequences with lead byte
/// E4..E9 (U+4000..U+9FFF: CJK ideographs and the Yijing hexagram symbols). None of
/// them is white space, a control, punctuation, a full-width form or a sentence ender.
inline std::size_t plain_run_end(const unsigned char* s, std::size_t i, std::size_t n) noexcept {
  while (i < n) {
    const unsigned c = s[i];
    if (c - 0xE4u <= 0xE9u - 0xE4u) {
      if (n - i < 3 || (s[i + 1] & 0xC0) != 0x80 || (s[i + 2] & 0xC0) != 0x80) break;
      i += 3;
    } else if ((c | 0x20u) - 'a' < 26u || c - '0' < 10u) {
      ++i;
    } else {
      break;
    }
  }
  return i;
}

/// The last character of a non-empty plain run that ends at s + e.
inline char32_t last_plain_char(const unsigned char* s, std::size_t e) noexcept {
  if (s[e - 1] < 0x80) return s[e - 1];
  return static_cast<char32_t>(((s[e - 3] & 0x0Fu) << 12) | ((s[e - 2] & 0x3Fu) << 6) | (s[e - 1] & 0x3Fu));
}

}  // namespace zhtext::detail
