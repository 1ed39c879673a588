// zhtext/detail/unicode/uax29_grapheme.hpp - extended grapheme cluster boundaries, UAX #29
// (Unicode 15.0) rules GB3..GB999, as a finite-state machine.
//
// State machine: the state after reading a code point is its grapheme class (GCB with
// Extended_Pictographic as one more class) refined by the context that rules GB11 and
// GB12/GB13 need: "Extend after ExtPict Extend*", "ZWJ after ExtPict Extend*" and "RI
// that completes a pair". gcb_table[state][class] holds the break decision before a
// code point of that class and the next state; it is computed at compile time from
// the rules as written in the standard (gcb_breaks / gcb_next_state below).
//
// Cost: one decode, one property lookup and one table load per code point; ASCII
// followed by ASCII needs neither. No allocation; O(cluster length) per call.
// Restart: a scan may start at any boundary; restart_before() finds one at or before
// an arbitrary offset by walking back to a pair of code points whose break does not
// depend on earlier context (O(length of the cluster around the offset; for a run of
// regional indicators or of emoji joined by ZWJ, the run)).
// Unicode 15.0 has no Indic_Conjunct_Break (GB9c arrived in 15.1); the generator
// refuses data that has it.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "props.hpp"

namespace zhtext::detail {

// Inside namespace ucd, so the generated class names (gcb_*) need no qualification.
namespace ucd::grapheme_rules {
inline constexpr std::uint8_t classes = gcb_extended_pictographic + 1;
// Extra states beyond the classes.
inline constexpr std::uint8_t s_pict_extend = classes;      // ExtPict Extend*
inline constexpr std::uint8_t s_pict_zwj = classes + 1;     // ExtPict Extend* ZWJ
inline constexpr std::uint8_t s_ri_pair = classes + 2;      // second RI of a pair
inline constexpr std::uint8_t states = classes + 3;
inline constexpr std::uint8_t break_bit = 0x80;

constexpr std::uint8_t class_of_state(std::uint8_t s) noexcept {
  if (s == s_pict_extend) return gcb_extend;
  if (s == s_pict_zwj) return gcb_zwj;
  if (s == s_ri_pair) return gcb_regional_indicator;
  return s;
}

/// Is there a boundary between the code point that left state `s` and one of class `c`?
constexpr bool breaks(std::uint8_t s, std::uint8_t c) noexcept {
  const std::uint8_t p = class_of_state(s);
  if (p == gcb_cr && c == gcb_lf) return false;                                         // GB3
  if (p == gcb_control || p == gcb_cr || p == gcb_lf) return true;                      // GB4
  if (c == gcb_control || c == gcb_cr || c == gcb_lf) return true;                      // GB5
  if (p == gcb_l && (c == gcb_l || c == gcb_v || c == gcb_lv || c == gcb_lvt)) return false;  // GB6
  if ((p == gcb_lv || p == gcb_v) && (c == gcb_v || c == gcb_t)) return false;          // GB7
  if ((p == gcb_lvt || p == gcb_t) && c == gcb_t) return false;                         // GB8
  if (c == gcb_extend || c == gcb_zwj) return false;                                    // GB9
  if (c == gcb_spacing_mark) return false;                                              // GB9a
  if (p == gcb_prepend) return false;                                                   // GB9b
  if (s == s_pict_zwj && c == gcb_extended_pictographic) return false;                  // GB11
  if (s == gcb_regional_indicator && c == gcb_regional_indicator) return false;         // GB12, GB13
  return true;                                                                          // GB999
}

constexpr std::uint8_t next_state(std::uint8_t s, std::uint8_t c) noexcept {
  const bool in_pict = s == gcb_extended_pictographic || s == s_pict_extend;
  if (c == gcb_extend && in_pict) return s_pict_extend;
  if (c == gcb_zwj && in_pict) return s_pict_zwj;
  if (c == gcb_regional_indicator && s == gcb_regional_indicator) return s_ri_pair;
  return c;
}

constexpr std::array<std::array<std::uint8_t, classes>, states> make_table() noexcept {
  std::array<std::array<std::uint8_t, classes>, states> t{};
  for (std::uint8_t s = 0; s < states; ++s)
    for (std::uint8_t c = 0; c < classes; ++c)
      t[s][c] = static_cast<std::uint8_t>(next_state(s, c) | (breaks(s, c) ? break_bit : 0));
  return t;
}

inline constexpr auto table = make_table();

/// True if the break between classes a and b needs no earlier context (so a scan can
/// restart there): the pair rules say "break" and neither GB11 nor GB12/13 could apply.
constexpr bool certain_break(std::uint8_t a, std::uint8_t b) noexcept {
  if (a == gcb_zwj && b == gcb_extended_pictographic) return false;
  if (a == gcb_regional_indicator && b == gcb_regional_indicator) return false;
  return breaks(a, b);
}

/// The ASCII fast path's premise: ASCII is Other, CR, LF or Control.
constexpr bool ascii_is_simple() noexcept {
  for (unsigned c = 0; c < 0x80; ++c) {
    const std::uint8_t g = record_gcb[ascii_records.record[c]];
    if (g != gcb_other && g != gcb_cr && g != gcb_lf && g != gcb_control) return false;
  }
  return true;
}
static_assert(ascii_is_simple(), "ASCII grapheme classes changed: revisit the fast path");
}  // namespace ucd::grapheme_rules

/// Grapheme cluster boundaries of one text (a view; cheap to copy).
class grapheme_scanner {
 public:
  grapheme_scanner(const unsigned char* p, std::size_t n) noexcept : p_(p), n_(n) {}

  /// The first boundary after st.pos (a boundary < n); stops early only at n.
  std::size_t next(scan_start st, std::size_t /*limit*/ = static_cast<std::size_t>(-1)) const noexcept {
    std::size_t i = st.pos;
    // Fast paths: ASCII, and plain code points (CJK) before ASCII or a plain one.
    const unsigned b0 = p_[i];
    if (b0 < 0x80) {  // only CR LF stays together, and only non-ASCII can extend
      if (i + 1 >= n_) return n_;
      const unsigned b1 = p_[i + 1];
      if (b1 < 0x80) return b0 == '\r' && b1 == '\n' ? i + 2 : i + 1;
      if (b0 != '\r' && plain3_at(p_, n_, i + 1)) return i + 1;
    } else if (plain3_at(p_, n_, i)) {
      if (i + 3 >= n_) return n_;
      if (p_[i + 3] < 0x80 || plain3_at(p_, n_, i + 3)) return i + 3;
    }
    const unit u0 = unit_at(p_, n_, i);
    std::uint8_t state = grapheme_class(u0.value);
    i += u0.size;
    while (i < n_) {
      const unit u = unit_at(p_, n_, i);
      const std::uint8_t step = ucd::grapheme_rules::table[state][grapheme_class(u.value)];
      if (step & ucd::grapheme_rules::break_bit) return i;
      state = step;
      i += u.size;
    }
    return n_;
  }

  /// A boundary at or before `pos` (pos < n) from which next() may scan.
  scan_start restart_before(std::size_t pos) const noexcept {
    std::size_t q = unit_start(p_, n_, pos);
    if (q == 0) return {0};
    std::uint8_t after = grapheme_class(unit_at(p_, n_, q).value);
    while (q > 0) {
      const std::size_t prev = previous_unit_start(p_, n_, q);
      const std::uint8_t before = grapheme_class(unit_at(p_, n_, prev).value);
      if (ucd::grapheme_rules::certain_break(before, after)) return {q};
      after = before;
      q = prev;
    }
    return {0};
  }

 private:
  const unsigned char* p_;
  std::size_t n_;
};

}  // namespace zhtext::detail
