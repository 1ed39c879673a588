// zhtext/detail/uax29_sentence.hpp - sentence boundaries, UAX #29 (Unicode 15.0)
// default rules SB1..SB998.
//
// The scanner reads forward from a boundary. Inside a sentence nothing breaks until
// a paragraph separator (SB4) or a terminator (ATerm "." or STerm "。！？!?…"); after
// a terminator it reads Close* Sp* ParaSep? and decides with SB6..SB11, looking ahead
// for a lower-case letter for SB8. Extend and Format code points are folded into the
// code point before them (SB5), except after a paragraph separator.
//
// Cost: one decode and one property lookup per code point, and the SB8 lookahead,
// which stops at the next letter or terminator (so each code point is looked at a
// bounded number of times). No allocation.
// Restart: a scan may also start inside a sentence, after a code point that is not a
// terminator, Close, Sp, separator, Extend or Format (a "neutral" position: no
// boundary there, and the rules after it only need that code point's class). Every
// Han character is such a position, so in Chinese text restart_before() is O(1).
#pragma once

#include <cstddef>
#include <cstdint>

#include "unicode_props.hpp"

namespace zhtext::detail {

// Inside namespace ucd, so the generated class names (sb_*) need no qualification.
namespace ucd::sentence_rules {
constexpr bool is_para_sep(std::uint8_t c) noexcept { return c == sb_sep || c == sb_cr || c == sb_lf; }
constexpr bool is_sa_term(std::uint8_t c) noexcept { return c == sb_aterm || c == sb_sterm; }
constexpr bool is_folded(std::uint8_t c) noexcept { return c == sb_extend || c == sb_format; }
/// A code point after which a scan can restart (see the top of this header).
constexpr bool is_neutral(std::uint8_t c) noexcept {
  return c == sb_other || c == sb_lower || c == sb_upper || c == sb_oletter || c == sb_numeric ||
         c == sb_scontinue;
}
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
    // Class of the previous code point after SB5 (for SB7); other at a boundary.
    std::uint8_t prev = st.boundary ? std::uint8_t{ucd::sb_other} : st.context;
    while (i < n_) {
      if (i > limit) return i;
      const unit u = unit_at(p_, n_, i);
      const std::uint8_t c = sentence_class(u.value);
      i += u.size;
      if (c == ucd::sb_sep || c == ucd::sb_lf) return i;                  // SB4
      if (c == ucd::sb_cr) return i < n_ && p_[i] == '\n' ? i + 1 : i;    // SB3, SB4
      i = skip_folded(i);                                                 // SB5
      if (r::is_sa_term(c)) {
        const terminated t = after_terminator(i, c, prev);
        if (t.ends) return t.pos;
        i = t.pos;  // the sentence goes on; t.last is the class before t.pos
        prev = t.last;
        continue;
      }
      prev = c;
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
  std::size_t skip_folded(std::size_t i) const noexcept {
    while (i < n_) {
      const unit u = unit_at(p_, n_, i);
      if (!ucd::sentence_rules::is_folded(sentence_class(u.value))) break;
      i += u.size;
    }
    return i;
  }

  struct terminated {
    bool ends;          // the sentence ends at pos (SB11), else reading goes on at pos
    std::size_t pos;
    std::uint8_t last;  // class of the code point before pos
  };

  // After a terminator `term` (and its Extend/Format) ending at i, with `before` the
  // class before the terminator.
  terminated after_terminator(std::size_t i, std::uint8_t term, std::uint8_t before) const noexcept {
    namespace r = ucd::sentence_rules;
    std::uint8_t last = term;
    if (i >= n_) return {true, n_, last};
    unit u = unit_at(p_, n_, i);
    std::uint8_t c = sentence_class(u.value);
    if (term == ucd::sb_aterm &&
        (c == ucd::sb_numeric ||                                                           // SB6
         (c == ucd::sb_upper && (before == ucd::sb_upper || before == ucd::sb_lower))))   // SB7
      return {false, i, last};
    for (const std::uint8_t run : {ucd::sb_close, ucd::sb_sp}) {  // SB9, SB10: Close* Sp*
      while (c == run) {
        last = c;
        i = skip_folded(i + u.size);
        if (i >= n_) return {true, n_, last};
        u = unit_at(p_, n_, i);
        c = sentence_class(u.value);
      }
    }
    if (r::is_para_sep(c)) {  // SB9, SB10, then SB11 after the separator
      i += u.size;
      if (c == ucd::sb_cr && i < n_ && p_[i] == '\n') ++i;
      return {true, i, c};
    }
    if (c == ucd::sb_scontinue || r::is_sa_term(c)) return {false, i, last};             // SB8a
    if (term == ucd::sb_aterm && lower_follows(i)) return {false, i, last};              // SB8
    return {true, i, last};                                                              // SB11
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
