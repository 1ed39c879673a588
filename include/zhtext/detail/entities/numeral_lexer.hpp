// zhtext/detail/entities/numeral_lexer.hpp - lexing and evaluating numerals (numerals.hpp).
//
// lex_numeral_run() cuts the maximal run of numeral characters at a byte into atoms
// (Chinese digits, 零, units 十百千万亿, Arabic numbers, 点-fractions, and - when asked -
// range slots: 六七, 十五六, 几十, 数千). evaluate_numeral() reads the atoms as one
// numeral under the grammar described in numerals.hpp: sections closed by 万 and 亿,
// small units in falling order, 零 as a gap, the elided last unit, digit-wise numerals
// when there is no unit at all. All arithmetic is checked (mul_ok / add_ok): overflow
// is an error value, never UB. A run holds at most `numeral_run::capacity` atoms; a
// longer one is consumed whole and reported malformed. No allocation.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>

#include "../unicode/char_classes.hpp"
#include "../unicode/utf8_decode.hpp"
#include "decimal.hpp"

namespace zhtext {

namespace detail {

// ---- checked arithmetic (no UB on overflow) -------------------------------------

constexpr std::int64_t i64_max = std::numeric_limits<std::int64_t>::max();

inline bool mul_ok(std::int64_t a, std::int64_t b, std::int64_t& r) noexcept {
  // Operands here are non-negative.
  if (a < 0 || b < 0) return false;
  if (a != 0 && b > i64_max / a) return false;
  r = a * b;
  return true;
}
inline bool add_ok(std::int64_t a, std::int64_t b, std::int64_t& r) noexcept {
  if (a < 0 || b < 0 || a > i64_max - b) return false;
  r = a + b;
  return true;
}
/// 10^k for k in 0..18.
inline std::int64_t pow10(unsigned k) noexcept {
  std::int64_t v = 1;
  for (unsigned i = 0; i < k && i < 18; ++i) v *= 10;
  return v;
}
/// Drops trailing zero fraction digits.
inline decimal normalized(decimal d) noexcept {
  while (d.scale > 0 && d.mantissa % 10 == 0) {
    d.mantissa /= 10;
    --d.scale;
  }
  return d;
}
/// d × 10^k (k <= 16), exact.
inline bool shift_ok(decimal d, unsigned k, decimal& out) noexcept {
  if (d.scale >= k) {
    out = normalized(decimal{d.mantissa, static_cast<std::uint8_t>(d.scale - k)});
    return true;
  }
  std::int64_t m;
  if (!mul_ok(d.mantissa, pow10(k - d.scale), m)) return false;
  out = decimal{m, 0};
  return true;
}
/// a + b for non-negative decimals, exact.
inline bool dec_add_ok(decimal a, decimal b, decimal& out) noexcept {
  while (a.scale < b.scale) {
    if (!mul_ok(a.mantissa, 10, a.mantissa)) return false;
    ++a.scale;
  }
  while (b.scale < a.scale) {
    if (!mul_ok(b.mantissa, 10, b.mantissa)) return false;
    ++b.scale;
  }
  std::int64_t m;
  if (!add_ok(a.mantissa, b.mantissa, m)) return false;
  out = normalized(decimal{m, a.scale});
  return true;
}
/// a × b for a non-negative decimal and a small non-negative integer, exact.
inline bool dec_mul_ok(decimal a, std::int64_t b, decimal& out) noexcept {
  std::int64_t m;
  if (!mul_ok(a.mantissa, b, m)) return false;
  out = normalized(decimal{m, a.scale});
  return true;
}

// ---- characters -------------------------------------------------------------

/// Value of an ASCII or full-width digit, or -1.
constexpr int arabic_digit_value(char32_t c) noexcept {
  if (c >= '0' && c <= '9') return static_cast<int>(c - '0');
  if (c >= 0xFF10 && c <= 0xFF19) return static_cast<int>(c - 0xFF10);
  return -1;
}
/// Chinese digit 0..9 (incl. financial forms, 〇 and ○ U+25CB), or -1.
constexpr int chinese_digit_value(char32_t c) noexcept {
  if (c == 0x25CB) return 0;  // ○ WHITE CIRCLE, the usual zero of typed years
  const std::int64_t v = chinese_numeral_value(c);
  return v >= 0 && v <= 9 ? static_cast<int>(v) : -1;
}
/// Chinese unit 十 百 千 万 亿 (and financial forms) as a power of ten (1, 2, 3, 4, 8), or 0.
constexpr int chinese_unit_power(char32_t c) noexcept {
  switch (chinese_numeral_value(c)) {
    case 10: return 1;
    case 100: return 2;
    case 1000: return 3;
    case 10000: return 4;
    case 100000000: return 8;
    default: return 0;
  }
}
constexpr bool is_liang(char32_t c) noexcept { return c == U'两' || c == U'兩'; }
constexpr bool is_decimal_point(char32_t c) noexcept { return c == '.' || c == 0xFF0E; }

// ---- lexing a numeral run -----------------------------------------------------

/// One element of a numeral: a digit, 零, a unit, an Arabic number, a fraction (the
/// digits after 点), or a range slot (六七, 几) when ranges are allowed.
/// (An aggregate without default member initialisers, so that a numeral_run's
/// buffer is not zero-filled on every use; make atoms with `numeral_atom a{}`.)
struct numeral_atom {
  enum class type : std::uint8_t { digit, zero, unit, arabic, fraction, range } t;
  std::uint8_t power;    ///< unit: 1, 2, 3, 4, 8
  bool liang;            ///< digit: written 两
  bool arabic_integer;   ///< arabic: no decimal point
  decimal value;         ///< digit, arabic, fraction: the value
  std::uint8_t lo, hi;   ///< range: the digits (几/数 = 2..9, or 1..9 after 十)
  bool wildcard;         ///< range: written 几 or 数
};

struct numeral_lex_options {
  bool ranges = false;        ///< 六七 / 十五六 / 几十 / 数千 become a range slot
  bool dian_anywhere = false; ///< 点 is a decimal point anywhere (inside 百分之…)
  /// Stop once the run has more atoms than numeral_run::capacity (it is malformed
  /// then, whatever follows): `end` is where lexing stopped and `cut_short` is set. A
  /// scanner that lexes at every character of a long run of mixed numerals (1一2二…)
  /// so reads a bounded stretch each time instead of the rest of the run.
  bool stop_past_capacity = false;
};

/// A lexed run of numeral characters starting at a given byte. Only atoms[0, count)
/// are meaningful (the buffer is not initialised).
struct numeral_run {
  static constexpr std::size_t capacity = 40;
  numeral_run() noexcept {}  // NOLINT: leaves `atoms` uninitialised on purpose
  numeral_atom atoms[capacity];
  std::size_t count = 0;
  std::size_t end = 0;            ///< byte just after the run
  bool too_long = false;          ///< more atoms than `capacity`
  bool cut_short = false;         ///< stopped past capacity (stop_past_capacity): the run goes on after `end`
  bool arabic_overflow = false;   ///< an Arabic number with too many digits
  bool has_range = false;
  bool chinese = false;           ///< has a Chinese digit or unit
  bool arabic = false;            ///< has an Arabic number
};

inline decoded decode_cp(const unsigned char* p, std::size_t n, std::size_t i) noexcept {
  return decode_at(p + i, p + n);
}

/// Lexes an Arabic number at i (a digit is there). Returns its end and value.
inline std::size_t lex_arabic(const unsigned char* p, std::size_t n, std::size_t i, decimal& value,
                              bool& integer, bool& overflow) noexcept {
  std::int64_t m = 0;
  std::uint8_t scale = 0;
  overflow = false;
  integer = true;
  int int_digits = 0;
  bool grouped = false;
  auto take_digit = [&](int d) {
    if (!overflow && (!mul_ok(m, 10, m) || !add_ok(m, d, m))) overflow = true;
  };
  for (;;) {  // integer part
    if (i >= n) break;
    const decoded d = decode_cp(p, n, i);
    const int v = d.error == utf8_errc::ok ? arabic_digit_value(d.value) : -1;
    if (v >= 0) {
      take_digit(v);
      ++int_digits;
      i += d.size;
      continue;
    }
    // Thousands separator: ASCII ',' + exactly three ASCII digits + a non-digit,
    // after 1..3 leading digits (or after a previous group).
    if (d.value == ',' && (grouped || (int_digits >= 1 && int_digits <= 3)) && i + 4 <= n &&
        p[i + 1] >= '0' && p[i + 1] <= '9' && p[i + 2] >= '0' && p[i + 2] <= '9' && p[i + 3] >= '0' &&
        p[i + 3] <= '9' && (i + 4 == n || arabic_digit_value(decode_cp(p, n, i + 4).value) < 0)) {
      grouped = true;
      for (int k = 1; k <= 3; ++k) take_digit(p[i + k] - '0');
      i += 4;
      continue;
    }
    break;
  }
  if (i < n) {  // fraction part
    const decoded d = decode_cp(p, n, i);
    if (d.error == utf8_errc::ok && is_decimal_point(d.value) && i + d.size < n &&
        arabic_digit_value(decode_cp(p, n, i + d.size).value) >= 0) {
      i += d.size;
      integer = false;
      while (i < n) {
        const decoded e = decode_cp(p, n, i);
        const int v = e.error == utf8_errc::ok ? arabic_digit_value(e.value) : -1;
        if (v < 0) break;
        take_digit(v);
        if (scale < 18) ++scale;
        else overflow = true;
        i += e.size;
      }
    }
  }
  value = normalized(decimal{m, scale});
  if (value.scale == 0) integer = true;
  return i;
}

/// Lexes the maximal run of numeral characters at byte i.
inline void lex_numeral_run(const unsigned char* p, std::size_t n, std::size_t i, const numeral_lex_options& opt,
                            numeral_run& run) noexcept {
  run.count = 0;
  run.too_long = run.cut_short = run.arabic_overflow = run.has_range = run.chinese = run.arabic = false;
  auto push = [&](const numeral_atom& a) {
    if (run.count < numeral_run::capacity) run.atoms[run.count++] = a;
    else run.too_long = true;
  };
  while (i < n) {
    if (run.too_long && opt.stop_past_capacity) {
      run.cut_short = true;
      break;
    }
    const decoded d = decode_cp(p, n, i);
    if (d.error != utf8_errc::ok) break;
    const char32_t c = d.value;
    if (arabic_digit_value(c) >= 0) {
      numeral_atom a{};
      a.t = numeral_atom::type::arabic;
      bool of = false;
      i = lex_arabic(p, n, i, a.value, a.arabic_integer, of);
      if (of) run.arabic_overflow = true;
      run.arabic = true;
      push(a);
      continue;
    }
    if (const int dv = chinese_digit_value(c); dv >= 0) {
      numeral_atom a{};
      a.t = dv == 0 ? numeral_atom::type::zero : numeral_atom::type::digit;
      a.value = decimal::from_int(dv);
      a.liang = is_liang(c);
      run.chinese = true;
      push(a);
      i += d.size;
      continue;
    }
    if (const int pw = chinese_unit_power(c); pw > 0) {
      numeral_atom a{};
      a.t = numeral_atom::type::unit;
      a.power = static_cast<std::uint8_t>(pw);
      run.chinese = true;
      push(a);
      i += d.size;
      continue;
    }
    if (c == U'廿' || c == U'卅') {  // 20, 30: a digit and 十
      numeral_atom a{};
      a.t = numeral_atom::type::digit;
      a.value = decimal::from_int(c == U'廿' ? 2 : 3);
      push(a);
      a.t = numeral_atom::type::unit;
      a.power = 1;
      push(a);
      run.chinese = true;
      i += d.size;
      continue;
    }
    if (c == U'点' && run.count > 0 &&
        (run.atoms[run.count - 1].t == numeral_atom::type::digit ||
         (run.atoms[run.count - 1].t == numeral_atom::type::unit && run.atoms[run.count - 1].power == 1))) {
      // Chinese decimal: 点 + digits, then 万/亿 (or anywhere inside 百分之…).
      std::size_t j = i + d.size;
      std::int64_t m = 0;
      std::uint8_t scale = 0;
      while (j < n) {
        const decoded e = decode_cp(p, n, j);
        const int v = e.error == utf8_errc::ok ? chinese_digit_value(e.value) : -1;
        if (v < 0 || is_liang(e.value) || scale >= 17) break;
        m = m * 10 + v;
        ++scale;
        j += e.size;
      }
      bool ok = scale > 0;
      if (ok && !opt.dian_anywhere) {
        const decoded e = j < n ? decode_cp(p, n, j) : decoded{0, 0, utf8_errc::truncated};
        ok = e.error == utf8_errc::ok && chinese_unit_power(e.value) >= 4;
      }
      if (!ok) break;
      numeral_atom a{};
      a.t = numeral_atom::type::fraction;
      a.value = normalized(decimal{m, scale});
      push(a);
      i = j;
      continue;
    }
    if (opt.ranges && (c == U'几' || c == U'数')) {
      // 几 anywhere in a run; 数 only right before a unit (数十, 数千, not 数据).
      const std::size_t j = i + d.size;
      const bool unit_next = j < n && chinese_unit_power(decode_cp(p, n, j).value) > 0;
      if (c == U'数' && (!unit_next || run.count != 0)) break;
      if (c == U'几' && !unit_next &&
          !(run.count > 0 && run.atoms[run.count - 1].t == numeral_atom::type::unit))
        break;  // 几 alone or 几个 is not a number; 十几 and 几十 are
      numeral_atom a{};
      a.t = numeral_atom::type::range;
      a.wildcard = true;
      a.lo = 2;
      a.hi = 9;
      push(a);
      run.chinese = true;
      i = j;
      continue;
    }
    break;
  }
  run.end = i;
  if (!opt.ranges || run.too_long) return;
  // Adjacent digits as an approximate range: 六七 (6..7), 十五六, 二三十, 一两 (1..2),
  // 两三 (2..3), 三五 (3..5). Only in runs with a unit, or of exactly two digits, so
  // that digit-wise years (二○一二) stay numbers.
  bool has_unit = false;
  std::size_t digits = 0;
  for (std::size_t k = 0; k < run.count; ++k) {
    has_unit |= run.atoms[k].t == numeral_atom::type::unit;
    digits += run.atoms[k].t == numeral_atom::type::digit;
  }
  for (std::size_t k = 0; k + 1 < run.count; ++k) {
    const numeral_atom& a = run.atoms[k];
    const numeral_atom& b = run.atoms[k + 1];
    if (a.t != numeral_atom::type::digit || b.t != numeral_atom::type::digit) continue;
    if (!has_unit && !(run.count == 2 && digits == 2)) break;
    const std::int64_t x = a.value.mantissa, y = b.value.mantissa;
    if (y == x + 1 || (x == 3 && y == 5)) {
      numeral_atom r{};
      r.t = numeral_atom::type::range;
      r.lo = static_cast<std::uint8_t>(x);
      r.hi = static_cast<std::uint8_t>(y);
      run.atoms[k] = r;
      for (std::size_t m = k + 1; m + 1 < run.count; ++m) run.atoms[m] = run.atoms[m + 1];
      --run.count;
      break;
    }
  }
  std::size_t ranges = 0;
  for (std::size_t k = 0; k < run.count; ++k) {
    numeral_atom& a = run.atoms[k];
    if (a.t != numeral_atom::type::range) continue;
    ++ranges;
    // 十几 / 十几万 (the ones right after 十): 11..19.
    if (a.wildcard && k > 0 && run.atoms[k - 1].t == numeral_atom::type::unit && run.atoms[k - 1].power == 1)
      a.lo = 1;
  }
  run.has_range = ranges > 0;
  if (ranges > 1) run.too_long = true;  // 几几, 六七八: not a numeral we read
}

/// Evaluates a run's atoms; a range slot takes its low (`high` false) or high digit.
inline numeral_errc evaluate_numeral(const numeral_run& run, bool high, decimal& out) noexcept {
  using T = numeral_atom::type;
  if (run.count == 0) return numeral_errc::not_a_number;
  if (run.too_long) return numeral_errc::malformed;
  if (run.arabic_overflow) return numeral_errc::overflow;
  auto atom_value = [&](const numeral_atom& a) -> decimal {
    if (a.t == T::range) return decimal::from_int(high ? a.hi : a.lo);
    return a.value;
  };
  bool any_unit = false, any_fraction = false;
  for (std::size_t k = 0; k < run.count; ++k) {
    any_unit |= run.atoms[k].t == T::unit;
    any_fraction |= run.atoms[k].t == T::fraction;
  }
  if (!any_unit && !any_fraction) {
    // A single Arabic number, a single digit, or a digit-wise numeral (二○○一).
    if (run.count == 1) {
      const numeral_atom& a = run.atoms[0];
      if (a.t == T::arabic || a.t == T::digit || a.t == T::zero || (a.t == T::range && !a.wildcard)) {
        out = atom_value(a);
        return numeral_errc::ok;
      }
      return numeral_errc::malformed;
    }
    std::int64_t v = 0;
    for (std::size_t k = 0; k < run.count; ++k) {
      const numeral_atom& a = run.atoms[k];
      if ((a.t != T::digit && a.t != T::zero) || a.liang) return numeral_errc::malformed;
      if (!mul_ok(v, 10, v) || !add_ok(v, a.value.mantissa, v)) return numeral_errc::overflow;
    }
    out = decimal::from_int(v);
    return numeral_errc::ok;
  }

  decimal total{}, wan{}, pending{};
  std::int64_t section = 0;
  bool has_pending = false, pending_chinese = false, pending_liang = false, pending_integer = true;
  bool wan_in_group = false, zero_pending = false;
  int last_small = 4;   // next small unit must have a smaller power
  int elide_power = 0;  // power of the last unit, for 两万五
  T prev = T::unit;
  bool first = true;
  for (std::size_t k = 0; k < run.count; ++k) {
    const numeral_atom& a = run.atoms[k];
    switch (a.t) {
      case T::digit:
      case T::range:
      case T::arabic: {
        if (has_pending) return numeral_errc::malformed;  // 三五百 (unless a range)
        if (a.t == T::arabic && !first && prev != T::zero &&
            !(prev == T::unit && run.atoms[k - 1].power >= 4))
          return numeral_errc::malformed;  // Arabic digits only first or after 万/亿/零
        pending = atom_value(a);
        has_pending = true;
        pending_chinese = a.t != T::arabic;
        pending_liang = a.liang;
        pending_integer = a.t != T::arabic || a.arabic_integer;
        break;
      }
      case T::zero:
        if (has_pending || zero_pending || first) return numeral_errc::malformed;
        zero_pending = true;
        break;
      case T::fraction: {
        // 三点五 (亿): the section so far plus the fraction, waiting for a big unit.
        if ((!has_pending || !pending_chinese) && !(section != 0 && !has_pending && prev == T::unit))
          return numeral_errc::malformed;
        decimal s;
        if (!dec_add_ok(decimal::from_int(section), has_pending ? pending : decimal{}, s) ||
            !dec_add_ok(s, a.value, pending))
          return numeral_errc::overflow;
        has_pending = true;
        section = 0;
        pending_chinese = false;  // no elision after a fraction
        pending_integer = false;
        if (k + 1 < run.count && !(run.atoms[k + 1].t == T::unit && run.atoms[k + 1].power >= 4))
          return numeral_errc::malformed;
        break;
      }
      case T::unit: {
        const int pw = a.power;
        if (pw <= 3) {  // 十 百 千
          if (pw >= last_small) return numeral_errc::malformed;
          decimal mult = decimal::from_int(1);
          if (has_pending) {
            if (pending.is_zero()) return numeral_errc::malformed;
            if (pending_liang && pw == 1) return numeral_errc::malformed;  // 两十
            if (!pending_chinese && (!(pending < decimal::from_int(10)))) return numeral_errc::malformed;
            mult = pending;
          } else if (pw == 1) {
            if (section != 0 || zero_pending) return numeral_errc::malformed;  // 十 starts a section
          } else {
            // 百万, 千亿: 百/千 with no digit only right before a big unit.
            const bool big_next = k + 1 < run.count && run.atoms[k + 1].t == T::unit && run.atoms[k + 1].power >= 4;
            if (!big_next || section != 0 || zero_pending) return numeral_errc::malformed;
          }
          decimal part, s;
          if (!shift_ok(mult, static_cast<unsigned>(pw), part)) return numeral_errc::overflow;
          if (!part.is_integer()) {  // 1.5千: fold the section into pending as a decimal
            if (!dec_add_ok(decimal::from_int(section), part, s)) return numeral_errc::overflow;
            if (s.is_integer()) section = s.mantissa;
            else {
              // A fractional section can only be closed by a big unit: keep it pending.
              if (!(k + 1 < run.count && run.atoms[k + 1].t == T::unit && run.atoms[k + 1].power >= 4))
                return numeral_errc::malformed;
              pending = s;
              has_pending = true;
              pending_chinese = false;
              section = 0;
              last_small = pw;
              elide_power = pw;
              zero_pending = false;
              prev = T::unit;
              first = false;
              continue;
            }
          } else if (!add_ok(section, part.mantissa, section)) {
            return numeral_errc::overflow;
          }
          has_pending = false;
          last_small = pw;
        } else {  // 万 亿
          decimal group = decimal::from_int(section);
          if (has_pending && !dec_add_ok(group, pending, group)) return numeral_errc::overflow;
          if (pw == 4) {
            if (wan_in_group || group.is_zero()) return numeral_errc::malformed;  // 万一, 一万二万
            if (!shift_ok(group, 4, wan)) return numeral_errc::overflow;
            wan_in_group = true;
          } else {
            decimal all;
            if (!dec_add_ok(total, wan, all) || !dec_add_ok(all, group, all)) return numeral_errc::overflow;
            if (all.is_zero()) return numeral_errc::malformed;  // 亿 with nothing before it
            if (!shift_ok(all, 8, total)) return numeral_errc::overflow;
            wan = decimal{};
            wan_in_group = false;
          }
          section = 0;
          has_pending = false;
          last_small = 4;
        }
        zero_pending = false;
        elide_power = pw;
        break;
      }
    }
    prev = a.t;
    first = false;
  }
  if (zero_pending && !has_pending) return numeral_errc::malformed;  // trailing 零
  if (has_pending) {
    if (pending_liang) return numeral_errc::malformed;  // 十两, 一百两
    // The elided unit: 两万五 = 25000, 三千二 = 3200 (not after 零, not after 十).
    if (!zero_pending && prev != T::zero && pending_chinese && elide_power >= 2 && pending_integer) {
      if (!shift_ok(pending, static_cast<unsigned>(elide_power == 8 ? 7 : elide_power - 1), pending))
        return numeral_errc::overflow;
    }
  }
  decimal v = total;
  if (!dec_add_ok(v, wan, v) || !dec_add_ok(v, decimal::from_int(section), v)) return numeral_errc::overflow;
  if (has_pending && !dec_add_ok(v, pending, v)) return numeral_errc::overflow;
  out = v;
  return numeral_errc::ok;
}

}  // namespace detail

}  // namespace zhtext
