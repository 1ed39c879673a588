// zhtext/detail/unicode_props.hpp - property lookup and code point navigation for the
// UAX #29 scanners (uax29_grapheme.hpp, uax29_word.hpp, uax29_sentence.hpp).
//
// Property lookup: the generated three-stage trie in unicode_tables.hpp maps a code
// point to a record (3 dependent byte loads, all tables together ~45 KB of constant
// data, L1/L2 resident on real text); the record arrays give each property.
//
// Navigation: text is read as the lenient decoding of utf8.hpp (detail::decode_at):
// every maximal ill-formed subpart is one "unit" read as U+FFFD. A unit never starts
// on a continuation byte unless that byte is stray, so unit starts can be found
// backwards from any byte offset by looking at most 4 bytes back.
#pragma once

#include <cstddef>
#include <cstdint>

#include "../utf8.hpp"
#include "unicode_tables.hpp"

namespace zhtext::detail {

/// The property record of code point c (c > U+10FFFF reads as U+FFFD).
inline std::uint8_t ucd_record(char32_t c) noexcept {
  if (c > 0x10FFFF) c = replacement_character;
  constexpr unsigned b2 = ucd::stage2_bits, b3 = ucd::stage3_bits;
  const unsigned i1 = ucd::stage1[c >> (b2 + b3)];
  const unsigned i2 = ucd::stage2[(i1 << b2) | ((c >> b3) & ((1u << b2) - 1))];
  return ucd::stage3[(i2 << b3) | (c & ((1u << b3) - 1))];
}

inline std::uint8_t grapheme_class(char32_t c) noexcept { return ucd::record_gcb[ucd_record(c)]; }
inline std::uint8_t word_class(char32_t c) noexcept { return ucd::record_wb[ucd_record(c)]; }
inline std::uint8_t sentence_class(char32_t c) noexcept { return ucd::record_sb[ucd_record(c)]; }
inline std::uint8_t ucd_flags(char32_t c) noexcept { return ucd::record_flags[ucd_record(c)]; }

/// A decoding unit: the code point (U+FFFD if ill-formed) and its size in bytes.
struct unit {
  char32_t value;
  std::size_t size;
};

inline unit unit_at(const unsigned char* p, std::size_t n, std::size_t i) noexcept {
  if (p[i] < 0x80) return {p[i], 1};
  const decoded d = decode_at(p + i, p + n);
  return {d.value, d.size};
}

/// Start of the unit that contains byte `pos` (pos < n).
inline std::size_t unit_start(const unsigned char* p, std::size_t n, std::size_t pos) noexcept {
  for (std::size_t k = 0; k <= 3 && k <= pos; ++k) {
    if (is_continuation(p[pos - k])) continue;
    if (k == 0) return pos;
    const std::size_t lead = pos - k;
    return lead + decode_at(p + lead, p + n).size > pos ? lead : pos;
  }
  return pos;  // a stray continuation byte
}

/// Start of the unit that ends at `q` (0 < q <= n, q a unit start or n).
inline std::size_t previous_unit_start(const unsigned char* p, std::size_t n, std::size_t q) noexcept {
  for (std::size_t k = 1; k <= 4 && k <= q; ++k) {
    if (is_continuation(p[q - k])) continue;
    return decode_at(p + q - k, p + n).size == k ? q - k : q - 1;
  }
  return q - 1;  // stray continuation bytes, one unit each
}

/// Where a scanner may start reading: at a boundary, or (sentences only) at a
/// position inside a segment where only the class of the previous code point matters.
struct scan_start {
  std::size_t pos = 0;
  bool boundary = true;
  std::uint8_t context = 0;  ///< class of the code point before pos, when !boundary
};

}  // namespace zhtext::detail
