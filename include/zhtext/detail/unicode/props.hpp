// zhtext/detail/unicode/props.hpp - property lookup and code point navigation for the
// UAX #29 scanners (uax29_grapheme.hpp, uax29_word.hpp, uax29_sentence.hpp).
//
// Property lookup: the generated three-stage trie in tables.hpp maps a code
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

#include "utf8_decode.hpp"
#include "tables.hpp"

namespace zhtext::detail {

/// The property record of code point c through the trie (c <= U+10FFFF).
constexpr std::uint8_t ucd_trie_record(char32_t c) noexcept {
  constexpr unsigned b2 = ucd::stage2_bits, b3 = ucd::stage3_bits;
  const unsigned i1 = ucd::stage1[c >> (b2 + b3)];
  const unsigned i2 = ucd::stage2[(i1 << b2) | ((c >> b3) & ((1u << b2) - 1))];
  return ucd::stage3[(i2 << b3) | (c & ((1u << b3) - 1))];
}

struct ascii_record_table {
  std::uint8_t record[128];
};
constexpr ascii_record_table make_ascii_records() noexcept {
  ascii_record_table t{};
  for (char32_t c = 0; c < 128; ++c) t.record[c] = ucd_trie_record(c);
  return t;
}
/// Records of the ASCII code points, one load instead of three.
inline constexpr ascii_record_table ascii_records = make_ascii_records();

/// The property record of code point c (c > U+10FFFF reads as U+FFFD).
inline std::uint8_t ucd_record(char32_t c) noexcept {
  if (c < 0x80) return ascii_records.record[c];
  if (c > 0x10FFFF) c = replacement_character;
  return ucd_trie_record(c);
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
  const unsigned b0 = p[i];
  if (b0 < 0x80) return {b0, 1};
  if (n - i >= 3) {  // well-formed 3 bytes (all of CJK) inline; the rest through decode_at
    const std::uint32_t w = b0 | std::uint32_t{p[i + 1]} << 8 | std::uint32_t{p[i + 2]} << 16;
    if ((w & 0xC0C0F0u) == 0x8080E0u) {
      const char32_t c = ((w & 0x0Fu) << 12) | ((w & 0x3F00u) >> 2) | ((w >> 16) & 0x3Fu);
      if (c >= 0x800 && (c < 0xD800 || c > 0xDFFF)) return {c, 3};
    }
  }
  const decoded d = decode_at(p + i, p + n);
  return {d.value, d.size};
}

/// True if a well-formed 3-byte sequence of a "plain" code point starts at i: one with
/// Grapheme_Cluster_Break=Other, Word_Break=Other, Sentence_Break=Other or OLetter and
/// not Extended_Pictographic (Han, kana, CJK symbols; see ucd::plain_bmp_blocks). No
/// grapheme or word rule joins a plain code point with a plain or ASCII neighbour.
inline bool plain3_at(const unsigned char* p, std::size_t n, std::size_t i) noexcept {
  if (n - i < 3) return false;
  // Lead bytes E4..E9 (U+4000..U+9FFF, the CJK ideographs) are all plain: two checks.
  if (static_cast<unsigned>(p[i] - 0xE4) < 6 && (p[i + 1] & 0xC0) == 0x80 && (p[i + 2] & 0xC0) == 0x80) return true;
  // The three bytes as one word: 1110xxxx 10xxxxxx 10xxxxxx in one compare.
  const std::uint32_t w = std::uint32_t{p[i]} | std::uint32_t{p[i + 1]} << 8 | std::uint32_t{p[i + 2]} << 16;
  if ((w & 0xC0C0F0u) != 0x8080E0u) return false;
  const unsigned block = ((w & 0x0Fu) << 6) | ((w >> 8) & 0x3Fu);  // cp >> 6
  return (ucd::plain_bmp_blocks[block >> 3] >> (block & 7)) & 1;
}

constexpr bool ideograph_blocks_are_plain() noexcept {
  for (unsigned block = 0x4000 >> 6; block < 0xA000 >> 6; ++block)
    if (!((ucd::plain_bmp_blocks[block >> 3] >> (block & 7)) & 1)) return false;
  return true;
}
static_assert(ideograph_blocks_are_plain(), "U+4000..U+9FFF is no longer plain: revisit plain3_at");

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
