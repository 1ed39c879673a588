// zhtext/detail/unicode/boundaries.hpp - UAX #29 segments and boundaries of a text
// with any of the scanners (uax29_grapheme.hpp, uax29_word.hpp, uax29_sentence.hpp):
// what zhtext::for_each_grapheme / next_word_boundary / is_sentence_boundary and their
// siblings (unicode.hpp) run.
//
// A scanner restarts at a safe point before an offset (restart_before), so a boundary
// query costs the scan from there, not from the start of the text; previous_boundary
// widens its restart window (64, 256, ... bytes) until a boundary turns up. Pure; no
// allocation.
#pragma once

#include <cstddef>
#include <string_view>

#include "props.hpp"
#include "utf8_decode.hpp"

namespace zhtext::detail {

/// Calls f(Segment{piece, offset}) for each segment Scanner finds in `text`.
template <class Scanner, class Segment, class F>
void for_each_segment(std::string_view text, F& f) {
  const Scanner scan(bytes(text), text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t end = scan.next(scan_start{pos});
    f(Segment{text.substr(pos, end - pos), pos});
    pos = end;
  }
}

/// The first boundary after `offset` (text.size() at the end).
template <class Scanner>
std::size_t next_boundary(std::string_view text, std::size_t offset) noexcept {
  const std::size_t n = text.size();
  if (offset >= n) return n;
  const Scanner scan(bytes(text), n);
  std::size_t b = scan.next(scan.restart_before(offset));
  while (b <= offset) b = scan.next(scan_start{b});
  return b;
}

/// The last boundary before `offset` (0 at the start).
template <class Scanner>
std::size_t previous_boundary(std::string_view text, std::size_t offset) noexcept {
  const std::size_t n = text.size();
  if (offset == 0) return 0;
  if (offset > n) return n;
  const Scanner scan(bytes(text), n);
  // Restart further and further back until a boundary below `offset` turns up.
  for (std::size_t back = 64;; back *= 4) {
    const scan_start st = scan.restart_before(offset > back ? offset - back : 0);
    constexpr std::size_t none = static_cast<std::size_t>(-1);
    std::size_t best = st.boundary ? st.pos : none;
    for (std::size_t b = scan.next(st, offset); b < offset; b = scan.next(scan_start{b}, offset)) best = b;
    if (best != none) return best;
  }
}

/// Whether `offset` is a boundary (0 and text.size() are).
template <class Scanner>
bool is_boundary(std::string_view text, std::size_t offset) noexcept {
  const std::size_t n = text.size();
  if (offset == 0 || offset == n) return true;
  if (offset > n) return false;
  const Scanner scan(bytes(text), n);
  const scan_start st = scan.restart_before(offset);
  if (st.boundary && st.pos == offset) return true;
  std::size_t b = scan.next(st, offset);
  while (b < offset) b = scan.next(scan_start{b}, offset);
  return b == offset;
}

}  // namespace zhtext::detail
