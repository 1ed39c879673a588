// zhtext/detail/unicode/uax29_word.hpp - word boundaries, UAX #29 (Unicode 15.0) default
// rules WB1..WB999.
//
// The scanner reads forward from a boundary and keeps the context the rules look
// at: the raw previous code point (WB3c, WB3d), the last two code points after WB4
// has folded Extend/Format/ZWJ into their base ("eff", "eff_prev": WB5..WB13b), and
// the length of the current run of regional indicators (WB15/WB16). WB6, WB7b and
// WB12 look one code point ahead (skipping Extend/Format/ZWJ).
//
// Han ideographs have Word_Break=Other, so each is a word of its own here; dictionary
// segmentation is a separate layer.
//
// Cost: one decode and one property lookup per code point, plus the lookahead after
// a MidLetter/MidNum-like code point. No allocation. Restart: a scan may start at
// any boundary; restart_before() walks back to a pair whose break needs no earlier
// context (next to white space, Han, punctuation: usually one step; O(run) inside a
// run of letters).
#pragma once

#include <cstddef>
#include <cstdint>

#include "props.hpp"

namespace zhtext::detail {

// Inside namespace ucd, so the generated class names (wb_*) need no qualification.
namespace ucd::word_rules {
inline constexpr std::uint8_t class_mask = 0x1F;
inline constexpr std::uint8_t none = class_mask;  // no code point (start or end of text)

constexpr bool is_ah_letter(std::uint8_t c) noexcept { return c == wb_aletter || c == wb_hebrew_letter; }
constexpr bool is_mid_letter_q(std::uint8_t c) noexcept {
  return c == wb_mid_letter || c == wb_mid_num_let || c == wb_single_quote;
}
constexpr bool is_mid_num_q(std::uint8_t c) noexcept {
  return c == wb_mid_num || c == wb_mid_num_let || c == wb_single_quote;
}
constexpr bool is_ignored(std::uint8_t c) noexcept { return c == wb_extend || c == wb_format || c == wb_zwj; }
constexpr bool is_newline(std::uint8_t c) noexcept { return c == wb_cr || c == wb_lf || c == wb_newline; }

/// WB5..WB16 between effective code points `prev2 prev | c`, `next` the one after c.
/// `ri_run` is the number of regional indicators ending at prev.
constexpr bool joins(std::uint8_t prev2, std::uint8_t prev, std::uint8_t c, std::uint8_t next,
                     unsigned ri_run) noexcept {
  if (is_ah_letter(prev) && is_ah_letter(c)) return true;                                   // WB5
  if (is_ah_letter(prev) && is_mid_letter_q(c) && is_ah_letter(next)) return true;          // WB6
  if (is_ah_letter(prev2) && is_mid_letter_q(prev) && is_ah_letter(c)) return true;         // WB7
  if (prev == wb_hebrew_letter && c == wb_single_quote) return true;                        // WB7a
  if (prev == wb_hebrew_letter && c == wb_double_quote && next == wb_hebrew_letter) return true;   // WB7b
  if (prev2 == wb_hebrew_letter && prev == wb_double_quote && c == wb_hebrew_letter) return true;  // WB7c
  if (prev == wb_numeric && c == wb_numeric) return true;                                   // WB8
  if (is_ah_letter(prev) && c == wb_numeric) return true;                                   // WB9
  if (prev == wb_numeric && is_ah_letter(c)) return true;                                   // WB10
  if (prev2 == wb_numeric && is_mid_num_q(prev) && c == wb_numeric) return true;            // WB11
  if (prev == wb_numeric && is_mid_num_q(c) && next == wb_numeric) return true;             // WB12
  if (prev == wb_katakana && c == wb_katakana) return true;                                 // WB13
  if ((is_ah_letter(prev) || prev == wb_numeric || prev == wb_katakana || prev == wb_extend_num_let) &&
      c == wb_extend_num_let)
    return true;                                                                            // WB13a
  if (prev == wb_extend_num_let && (is_ah_letter(c) || c == wb_numeric || c == wb_katakana)) return true;  // WB13b
  if (prev == wb_regional_indicator && c == wb_regional_indicator && ri_run % 2 == 1) return true;  // WB15, WB16
  return false;                                                                             // WB999
}

/// Does the rule set need the lookahead code point for this pair?
constexpr bool needs_next(std::uint8_t prev, std::uint8_t c) noexcept {
  return (is_ah_letter(prev) && is_mid_letter_q(c)) || (prev == wb_hebrew_letter && c == wb_double_quote) ||
         (prev == wb_numeric && is_mid_num_q(c));
}

/// True if there is a boundary between raw code points a | b whatever came before a
/// (a and b are word classes with the Extended_Pictographic bit).
constexpr bool certain_break(std::uint8_t a_bits, std::uint8_t b_bits) noexcept {
  const std::uint8_t a = a_bits & class_mask, b = b_bits & class_mask;
  if (a == wb_cr && b == wb_lf) return false;                                 // WB3
  if (is_newline(a) || is_newline(b)) return true;                           // WB3a, WB3b
  if (is_ignored(b)) return false;                                           // WB4
  if (a == wb_zwj && (b_bits & wb_ext_pict_bit)) return false;               // WB3c
  if (a == wb_wseg_space && b == wb_wseg_space) return false;                // WB3d
  // Every later rule that joins needs b, or a as the effective previous code point,
  // to be a letter, number, Katakana, ExtendNumLet, quote, Mid* or RI.
  if (b == wb_other || b == wb_wseg_space) return true;
  return a == wb_other || a == wb_wseg_space;
}

/// The fast path's premise: no ASCII code point is Extend, Format or ZWJ (WB4) or
/// Extended_Pictographic (WB3c).
constexpr bool ascii_is_simple() noexcept {
  for (unsigned c = 0; c < 0x80; ++c) {
    const std::uint8_t w = record_wb[ascii_records.record[c]];
    if (is_ignored(w & class_mask) || (w & wb_ext_pict_bit)) return false;
  }
  return true;
}
static_assert(ascii_is_simple(), "ASCII word classes changed: revisit the fast path");
}  // namespace ucd::word_rules

/// Word boundaries of one text (a view; cheap to copy).
class word_scanner {
 public:
  word_scanner(const unsigned char* p, std::size_t n) noexcept : p_(p), n_(n) {}

  /// The first boundary after st.pos (a boundary < n).
  std::size_t next(scan_start st, std::size_t /*limit*/ = static_cast<std::size_t>(-1)) const noexcept {
    namespace r = ucd::word_rules;
    std::size_t i = st.pos;
    // Fast path: a plain code point (CJK, Word_Break=Other) before ASCII or a plain one.
    if (p_[i] >= 0x80 && plain3_at(p_, n_, i)) {
      if (i + 3 >= n_) return n_;
      if (p_[i + 3] < 0x80 || plain3_at(p_, n_, i + 3)) return i + 3;
    }
    const unit u0 = unit_at(p_, n_, i);
    i += u0.size;
    std::uint8_t raw = word_class(u0.value);
    const std::uint8_t c0 = raw & r::class_mask;
    if (c0 == ucd::wb_cr) return i < n_ && p_[i] == '\n' ? i + 1 : i;  // WB3, WB3a
    if (c0 == ucd::wb_lf || c0 == ucd::wb_newline) return i;            // WB3a
    std::uint8_t eff = c0, eff_prev = r::none;
    unsigned ri_run = c0 == ucd::wb_regional_indicator ? 1 : 0;
    while (i < n_) {
      const unit u = unit_at(p_, n_, i);
      const std::uint8_t bits = word_class(u.value);
      const std::uint8_t c = bits & r::class_mask;
      const std::uint8_t raw_class = raw & r::class_mask;
      if (r::is_newline(c)) return i;                                              // WB3b
      bool join;
      if (raw_class == ucd::wb_zwj && (bits & ucd::wb_ext_pict_bit)) {
        join = true;                                                               // WB3c
      } else if (raw_class == ucd::wb_wseg_space && c == ucd::wb_wseg_space) {
        join = true;                                                               // WB3d
      } else if (r::is_ignored(c)) {                                               // WB4
        raw = bits;
        i += u.size;
        continue;
      } else {
        const std::uint8_t next = r::needs_next(eff, c) ? lookahead(i + u.size) : r::none;
        join = r::joins(eff_prev, eff, c, next, ri_run);
      }
      if (!join) return i;
      eff_prev = eff;
      eff = c;
      raw = bits;
      ri_run = c == ucd::wb_regional_indicator ? ri_run + 1 : 0;
      i += u.size;
    }
    return n_;
  }

  /// A boundary at or before `pos` (pos < n) from which next() may scan.
  scan_start restart_before(std::size_t pos) const noexcept {
    std::size_t q = unit_start(p_, n_, pos);
    if (q == 0) return {0};
    std::uint8_t after = word_class(unit_at(p_, n_, q).value);
    while (q > 0) {
      const std::size_t prev = previous_unit_start(p_, n_, q);
      const std::uint8_t before = word_class(unit_at(p_, n_, prev).value);
      if (ucd::word_rules::certain_break(before, after)) return {q};
      after = before;
      q = prev;
    }
    return {0};
  }

 private:
  // The class of the first code point at or after i that WB4 does not fold away.
  std::uint8_t lookahead(std::size_t i) const noexcept {
    while (i < n_) {
      const unit u = unit_at(p_, n_, i);
      const std::uint8_t c = word_class(u.value) & ucd::word_rules::class_mask;
      if (!ucd::word_rules::is_ignored(c)) return c;
      i += u.size;
    }
    return ucd::word_rules::none;
  }

  const unsigned char* p_;
  std::size_t n_;
};

}  // namespace zhtext::detail
