// zhtext/detail/unicode/width.hpp - terminal columns of code points and grapheme
// clusters, the measure behind zhtext::display_width and truncate_to_width (width.hpp,
// which documents the rules: UAX #11 East_Asian_Width, zero-width marks and controls,
// emoji presentation and flags as two columns).
//
// Reads the generated property trie (props.hpp) and the grapheme scanner
// (uax29_grapheme.hpp); O(n), no allocation, no state.
#pragma once

#include <cstddef>
#include <string_view>

#include "props.hpp"
#include "uax29_grapheme.hpp"

namespace zhtext::detail {

/// See zhtext::code_point_width (width.hpp).
inline unsigned code_point_width(char32_t c, unsigned ambiguous_width = 1) noexcept {
  const unsigned w = (ucd_flags(c) >> ucd::flag_width_shift) & 3;
  return w == 3 ? ambiguous_width : w;
}

// Columns of the grapheme cluster [i, end) of p (see width.hpp).
inline std::size_t cluster_width(const unsigned char* p, std::size_t i, std::size_t end,
                                 unsigned ambiguous_width) noexcept {
  unsigned width = 0, regional_indicators = 0;
  bool emoji_presentation = false;
  while (i < end) {
    const unit u = unit_at(p, end, i);
    const unsigned w = code_point_width(u.value, ambiguous_width);
    if (w > width) width = w;
    if (u.value == 0xFE0F) emoji_presentation = true;
    if (u.value >= 0x1F1E6 && u.value <= 0x1F1FF) ++regional_indicators;
    i += u.size;
  }
  if ((emoji_presentation && width > 0) || regional_indicators >= 2) return 2;
  return width;
}

// Calls f(begin, end, columns) for each grapheme cluster until f returns false.
template <class F>
void for_each_cluster_width(std::string_view text, unsigned ambiguous_width, F&& f) {
  const unsigned char* p = bytes(text);
  const std::size_t n = text.size();
  const grapheme_scanner scan(p, n);
  for (std::size_t i = 0; i < n;) {
    const unsigned b = p[i];
    // Fast path: printable ASCII not followed by a possible combining mark.
    if (b >= 0x20 && b < 0x7F && (i + 1 == n || p[i + 1] < 0x80)) {
      if (!f(i, i + 1, std::size_t{1})) return;
      ++i;
      continue;
    }
    const std::size_t end = scan.next(scan_start{i});
    if (!f(i, end, cluster_width(p, i, end, ambiguous_width))) return;
    i = end;
  }
}

}  // namespace zhtext::detail
