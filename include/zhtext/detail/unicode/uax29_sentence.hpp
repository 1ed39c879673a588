// zhtext/detail/unicode/uax29_sentence.hpp - sentence boundaries, UAX #29 (Unicode 15.0)
// default rules SB1..SB998.
//
// The scanner reads forward from a boundary. Inside a sentence nothing breaks until
// a paragraph separator (SB4) or a terminator (ATerm "." or STerm "。！？!?"); after
// a terminator it reads Close* Sp* ParaSep? and decides with SB6..SB11, looking ahead
// for a lower-case letter for SB8 and back one code point for SB7. Extend and Format
// code points are folded into the code point before them (SB5), except after a
// paragraph separator.
//
// Cost: inside a sentence, code points that are neither separators nor terminators
// are skipped by their bytes (SWAR over runs of CJK or ASCII, a bit per BMP code
// point otherwise); the others cost one decode and one property lookup. The SB8 lookahead stops at the next letter or terminator,
// so each code point is looked at a bounded number of times. No allocation.
// Restart: a scan may also start inside a sentence, after a code point that is not a
// terminator, Close, Sp, separator, Extend or Format (a "neutral" position: no
// boundary there, and the rules after it only need that code point's class). Every
// Han character is such a position, so in Chinese text restart_before() is O(1).
#pragma once

#include <cstddef>
#include <cstdint>

#include "props.hpp"

namespace zhtext::detail {

// Inside namespace ucd, so the generated class names (sb_*) need no qualification.
namespace ucd::sentence_rules {
constexpr bool is_para_sep(std::uint8_t c) noexcept { return c == sb_sep || c == sb_cr || c == sb_lf; }
constexpr bool is_sa_term(std::uint8_t c) noexcept { return c == sb_aterm || c == sb_sterm; }
constexpr bool is_folded(std::uint8_t c) noexcept { return c == sb_extend || c == sb_format; }
/// Paragraph separators and terminators: the only classes that matter inside a sentence.
constexpr bool is_loud(std::uint8_t c) noexcept { return is_para_sep(c) || is_sa_term(c); }
/// A code point after which a scan can restart (see the top of this header).
constexpr bool is_neutral(std::uint8_t c) noexcept {
  return c == sb_other || c == sb_lower || c == sb_upper || c == sb_oletter || c == sb_numeric ||
         c == sb_scontinue;
}

struct ascii_class_table {
  std::uint8_t value[128];
};
constexpr ascii_class_table make_ascii_classes() noexcept {
  ascii_class_table t{};
  for (unsigned c = 0; c < 128; ++c) t.value[c] = record_sb[ascii_records.record[c]];
  return t;
}
/// Sentence_Break of the ASCII code points.
inline constexpr ascii_class_table ascii_classes = make_ascii_classes();

struct loud_ascii_table {
  unsigned char bytes[128];
  unsigned count;
};
constexpr loud_ascii_table make_loud_ascii() noexcept {
  loud_ascii_table t{};
  for (unsigned c = 0; c < 128; ++c)
    if (is_loud(ascii_classes.value[c])) t.bytes[t.count++] = static_cast<unsigned char>(c);
  return t;
}
/// The ASCII separators and terminators (LF, CR, "!", ".", "?").
inline constexpr loud_ascii_table loud_ascii = make_loud_ascii();

/// The fast paths' premise: no ASCII code point is Extend or Format.
constexpr bool ascii_never_folded() noexcept {
  for (unsigned c = 0; c < 0x80; ++c)
    if (is_folded(record_sb[ascii_records.record[c]])) return false;
  return true;
}
static_assert(ascii_never_folded(), "ASCII sentence classes changed: revisit the fast paths");
}  // namespace ucd::sentence_rules

/// Sentence boundaries of one text (a view; cheap to copy).
class sentence_scanner_uax29 {
 public:
  sentence_scanner_uax29(const unsigned char* p, std::size_t n) noexcept : p_(p), n_(n) {}

  /// The first boundary after st.pos, or some position > limit if there is no
  /// boundary at or before limit (st.pos < n).
  std::size_t next(scan_start st, std::size_t limit = static_cast<std::size_t>(-1)) const noexcept {
    namespace r = ucd::sentence_rules;
    std::size_t i = st.pos;
    const std::size_t stop = limit < n_ ? limit + 1 : n_;
    while (i < n_) {
      i = skip_quiet(i, stop);
      if (i >= stop) return i;
      const unit u = unit_at(p_, n_, i);
      const std::uint8_t c = sentence_class(u.value);
      i += u.size;
      if (c == ucd::sb_sep || c == ucd::sb_lf) return i;                  // SB4
      if (c == ucd::sb_cr) return i < n_ && p_[i] == '\n' ? i + 1 : i;    // SB3, SB4
      if (r::is_sa_term(c)) {
        const std::uint8_t before = class_before(i - u.size, st);
        const terminated t = after_terminator(skip_folded(i), c, before);  // SB5 first
        if (t.ends) return t.pos;
        i = t.pos;  // the sentence goes on
      }
    }
    return n_;
  }

  /// A boundary or neutral position at or before `pos` (pos < n) to scan from.
  scan_start restart_before(std::size_t pos) const noexcept {
    namespace r = ucd::sentence_rules;
    std::size_t q = unit_start(p_, n_, pos);
    if (q == 0) return {0};
    std::uint8_t after = sentence_class(unit_at(p_, n_, q).value);
    while (q > 0) {
      const std::size_t prev = previous_unit_start(p_, n_, q);
      const std::uint8_t before = sentence_class(unit_at(p_, n_, prev).value);
      if (before == ucd::sb_sep || before == ucd::sb_lf || (before == ucd::sb_cr && after != ucd::sb_lf))
        return {q};  // SB4: a boundary
      if (r::is_neutral(before) && !r::is_folded(after)) return {q, false, before};
      after = before;
      q = prev;
    }
    return {0};
  }

 private:
  // Skips code points that are neither a paragraph separator nor a terminator: eight
  // bytes at a time in runs of CJK ideographs or of ASCII, else ASCII through a table
  // and the rest of the BMP through ucd::sentence_loud_masks, without decoding. Stops
  // at or a little after `stop`, or at a code point the rules must see.
  std::size_t skip_quiet(std::size_t i, std::size_t stop) const noexcept {
    namespace r = ucd::sentence_rules;
    const unsigned char* const p_ = this->p_;  // locals: byte loads cannot alias them
    const std::size_t n_ = this->n_;
    while (i < stop) {
      if (n_ - i >= 8) {
        const std::uint64_t x = load_u64(p_ + i);
        if (cjk_window(x) || quiet_ascii_window(x)) {
          i += 8;  // may stop inside a CJK code point: the loop skips its continuation bytes
          continue;
        }
      }
      const unsigned b = p_[i];
      if (b < 0x80) {
        if (r::is_loud(r::ascii_classes.value[b])) break;
        ++i;
      } else if ((b & 0xC0) == 0x80) {
        ++i;  // rest of a CJK ideograph skipped above, or a stray byte (U+FFFD): quiet
      } else if (b < 0xE0) {
        if (b < 0xC2 || n_ - i < 2 || (p_[i + 1] & 0xC0) != 0x80) break;
        if (loud_bmp(((b & 0x1Fu) << 6) | (p_[i + 1] & 0x3Fu))) break;
        i += 2;
      } else if (b < 0xF0) {
        if (n_ - i < 3 || (p_[i + 1] & 0xC0) != 0x80 || (p_[i + 2] & 0xC0) != 0x80) break;
        // (An overlong or surrogate form is three U+FFFD, all quiet; skipping it whole is
        // as good, and if the table calls its value loud the full path decodes it.)
        if (loud_bmp(((b & 0x0Fu) << 12) | ((p_[i + 1] & 0x3Fu) << 6) | (p_[i + 2] & 0x3Fu))) break;
        i += 3;
      } else {
        break;
      }
    }
    return i;
  }

  // True if all 8 bytes are continuation bytes (80..BF) or lead bytes E4..E9. Every
  // code point that starts among them is a CJK ideograph (U+4000..U+9FFF) or an
  // ill-formed subpart (U+FFFD): quiet. SWAR: per byte, b ^ 0x80 must be below 0x40
  // or within 0x64..0x69.
  static bool cjk_window(std::uint64_t x) noexcept {
    constexpr std::uint64_t high = 0x8080808080808080ULL, ones = 0x0101010101010101ULL;
    if ((x & high) != high) return false;
    const std::uint64_t z = (x ^ high) | high;  // 0x80 + (b - 0x80) per byte, no borrows below
    const std::uint64_t ge40 = (z - 0x40 * ones) & high;
    const std::uint64_t ge64 = (z - 0x64 * ones) & high;
    const std::uint64_t ge6a = (z - 0x6A * ones) & high;
    return ((~ge40 | (ge64 & ~ge6a)) & high) == high;
  }

  // True if all 8 bytes are ASCII and none is a separator or terminator.
  static bool quiet_ascii_window(std::uint64_t x) noexcept {
    constexpr std::uint64_t high = 0x8080808080808080ULL, ones = 0x0101010101010101ULL;
    if (x & high) return false;
    std::uint64_t found = 0;
    for (unsigned k = 0; k < ucd::sentence_rules::loud_ascii.count; ++k) {
      const std::uint64_t v = x ^ (ones * ucd::sentence_rules::loud_ascii.bytes[k]);
      found |= (v - ones) & ~v & high;  // a zero byte: a loud byte in x
    }
    return found == 0;
  }

  static bool loud_bmp(unsigned c) noexcept {
    return (ucd::sentence_loud_masks[ucd::sentence_loud_index[c >> 6]] >> (c & 63)) & 1;
  }

  // The class SB7 sees before the terminator at t: the code point before it after
  // SB5 folding, or what the scan start says when there is none in this scan.
  std::uint8_t class_before(std::size_t t, scan_start st) const noexcept {
    std::size_t q = t;
    while (q > st.pos) {
      q = previous_unit_start(p_, n_, q);
      const std::uint8_t c = sentence_class(unit_at(p_, n_, q).value);
      if (!ucd::sentence_rules::is_folded(c)) return c;
    }
    if (q != t || st.boundary) return ucd::sb_other;  // at a boundary, SB5 does not fold
    return st.context;
  }

  std::size_t skip_folded(std::size_t i) const noexcept {
    while (i < n_) {
      if (p_[i] < 0x80) break;  // no ASCII code point is Extend or Format
      const unit u = unit_at(p_, n_, i);
      if (!ucd::sentence_rules::is_folded(sentence_class(u.value))) break;
      i += u.size;
    }
    return i;
  }

  struct terminated {
    bool ends;          // the sentence ends at pos (SB11), else reading goes on at pos
    std::size_t pos;
  };

  // After a terminator `term` (and its Extend/Format) ending at i, with `before` the
  // class before the terminator.
  terminated after_terminator(std::size_t i, std::uint8_t term, std::uint8_t before) const noexcept {
    namespace r = ucd::sentence_rules;
    if (i >= n_) return {true, n_};
    unit u = unit_at(p_, n_, i);
    std::uint8_t c = sentence_class(u.value);
    if (term == ucd::sb_aterm &&
        (c == ucd::sb_numeric ||                                                           // SB6
         (c == ucd::sb_upper && (before == ucd::sb_upper || before == ucd::sb_lower))))   // SB7
      return {false, i};
    for (const std::uint8_t run : {ucd::sb_close, ucd::sb_sp}) {  // SB9, SB10: Close* Sp*
      while (c == run) {
        i = skip_folded(i + u.size);
        if (i >= n_) return {true, n_};
        u = unit_at(p_, n_, i);
        c = sentence_class(u.value);
      }
    }
    if (r::is_para_sep(c)) {  // SB9, SB10, then SB11 after the separator
      i += u.size;
      if (c == ucd::sb_cr && i < n_ && p_[i] == '\n') ++i;
      return {true, i};
    }
    if (c == ucd::sb_scontinue || r::is_sa_term(c)) return {false, i};             // SB8a
    if (term == ucd::sb_aterm && lower_follows(i)) return {false, i};              // SB8
    return {true, i};                                                              // SB11
  }

  // SB8: does a Lower come before any OLetter, Upper, Lower, ParaSep or SATerm?
  bool lower_follows(std::size_t i) const noexcept {
    namespace r = ucd::sentence_rules;
    while (i < n_) {
      const unit u = unit_at(p_, n_, i);
      const std::uint8_t c = sentence_class(u.value);
      if (c == ucd::sb_lower) return true;
      if (c == ucd::sb_oletter || c == ucd::sb_upper || r::is_para_sep(c) || r::is_sa_term(c)) return false;
      i += u.size;
    }
    return false;
  }

  const unsigned char* p_;
  std::size_t n_;
};

}  // namespace zhtext::detail
