// zhtext/numerals.hpp - Chinese and Arabic numerals to exact numbers.
//
// Reads the numbers of Chinese news text into an exact `decimal` (an int64 mantissa
// and a decimal scale, so 6.5 and 3.5万 are exact):
//
//   - positional Chinese numerals: 三千二百 → 3200, 一亿零五十 → 100000050, 十二 → 12,
//     十 → 10, 两万 → 20000, 三万亿 → 3000000000000, 一亿亿 → 10^16;
//   - the elided last unit: after 百/千/万/亿 a final digit with no 零 before it counts
//     in the next lower place, 两万五 → 25000, 三千二 → 3200, 一百五 → 150, 一亿五 →
//     150000000 (but 一万零五 → 10005 and 十五 → 15);
//   - digit-wise numerals, every character a digit: 二○○一 → 2001, 一九九八 → 1998
//     (零 〇 and ○ U+25CB are all zero);
//   - financial forms 壹贰叁肆伍陆柒捌玖拾佰仟萬億 (and 貳參陸兩), 廿 (20) and 卅 (30);
//   - Arabic numbers in ASCII or full-width digits, with a decimal point (. or ．) and
//     ASCII thousands separators (1,614 but not 1,61); Arabic numbers mixed with
//     Chinese units: 3.5万 → 35000, 1.2亿 → 120000000, 1亿2000万 → 120000000, 3万5千;
//   - Chinese decimals before 万/亿: 三点五亿 → 350000000.
//
// Malformed numerals are errors, never guesses: units out of order (三百五千), two
// digits in a row in a positional numeral (三五百), 两 before 十 or at the end (两十,
// 十两), a trailing or doubled 零, a unit with no digit (万一; 十 may stand alone, and
// 百/千 directly before 万/亿: 百万, 千万). Arithmetic is checked: a value that does
// not fit (一亿亿亿, twenty digits) is `numeral_errc::overflow`, never UB.
//
//   zhtext::parse_number("两万五").value.to_string()      // "25000"
//   zhtext::parse_number("3.5万").value.to_string()       // "35000"
//   zhtext::parse_number("三百五千").error                  // numeral_errc::malformed
//   auto p = zhtext::parse_number_prefix("3200多名");      // p.value 3200, p.size 4
//
// All functions are pure, noexcept and allocation-free (to_string aside); any bytes
// are accepted (ill-formed UTF-8 simply ends a numeral).
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "chars.hpp"
#include "utf8.hpp"

namespace zhtext {

/// An exact decimal number, mantissa × 10^-scale. Values made by this library are
/// normalised (no trailing zero digits after the point), so equal numbers have equal
/// representations; operator== compares values anyway.
struct decimal {
  std::int64_t mantissa = 0;
  std::uint8_t scale = 0;  ///< digits after the decimal point, 0..18

  static constexpr decimal from_int(std::int64_t v) noexcept { return decimal{v, 0}; }
  constexpr bool is_integer() const noexcept { return scale == 0; }
  constexpr bool is_zero() const noexcept { return mantissa == 0; }
  /// The value as a double (rounded).
  double to_double() const noexcept {
    double v = static_cast<double>(mantissa);
    for (std::uint8_t i = 0; i < scale; ++i) v /= 10;
    return v;
  }
  /// "3200", "6.5", "-0.25": no exponent, no trailing zeros.
  std::string to_string() const {
    const bool neg = mantissa < 0;
    // Magnitude as unsigned, so INT64_MIN is fine too.
    std::uint64_t m = neg ? 0 - static_cast<std::uint64_t>(mantissa) : static_cast<std::uint64_t>(mantissa);
    char buf[48];
    int len = 0;
    do {
      buf[len++] = static_cast<char>('0' + m % 10);
      m /= 10;
    } while (m != 0);
    while (len <= scale) buf[len++] = '0';  // at least one digit before the point
    std::string out;
    if (neg) out += '-';
    for (int k = len - 1; k >= 0; --k) {
      out += buf[k];
      if (k == scale && k != 0) out += '.';
    }
    return out;
  }
  friend bool operator==(const decimal& a, const decimal& b) noexcept { return compare(a, b) == 0; }
  friend bool operator!=(const decimal& a, const decimal& b) noexcept { return compare(a, b) != 0; }
  friend bool operator<(const decimal& a, const decimal& b) noexcept { return compare(a, b) < 0; }

  /// -1, 0 or 1. Exact, without overflow.
  static int compare(decimal a, decimal b) noexcept {
    if ((a.mantissa < 0) != (b.mantissa < 0)) return a.mantissa < 0 ? -1 : 1;
    const int sign = a.mantissa < 0 ? -1 : 1;
    // Bring both to the larger scale; a mantissa that overflows doing so is the larger
    // magnitude.
    while (a.scale < b.scale) {
      if (a.mantissa > std::numeric_limits<std::int64_t>::max() / 10 ||
          a.mantissa < std::numeric_limits<std::int64_t>::min() / 10)
        return sign;
      a.mantissa *= 10;
      ++a.scale;
    }
    while (b.scale < a.scale) {
      if (b.mantissa > std::numeric_limits<std::int64_t>::max() / 10 ||
          b.mantissa < std::numeric_limits<std::int64_t>::min() / 10)
        return -sign;
      b.mantissa *= 10;
      ++b.scale;
    }
    return a.mantissa < b.mantissa ? -1 : a.mantissa > b.mantissa ? 1 : 0;
  }
};

/// Why a string is not a number.
enum class numeral_errc : std::uint8_t {
  ok = 0,
  empty,         ///< nothing to read
  not_a_number,  ///< the text does not start with a numeral character (or has trailing text)
  malformed,     ///< numeral characters in an order no numeral has (三百五千, 万一, 十两)
  overflow,      ///< the value does not fit an int64 mantissa (一亿亿亿, 20 digits)
};

constexpr const char* to_string(numeral_errc e) noexcept {
  switch (e) {
    case numeral_errc::ok: return "ok";
    case numeral_errc::empty: return "empty";
    case numeral_errc::not_a_number: return "not a number";
    case numeral_errc::malformed: return "malformed numeral";
    case numeral_errc::overflow: return "overflow";
  }
  return "unknown";
}

/// Result of reading a number: the value, or an error; `size` is the number of bytes
/// of the numeral (for an error: of the numeral characters that were rejected).
struct number_parse {
  decimal value{};
  numeral_errc error = numeral_errc::ok;
  std::size_t size = 0;
  explicit operator bool() const noexcept { return error == numeral_errc::ok; }
};

}  // namespace zhtext

#include "detail/entities/numeral_lexer.hpp"

namespace zhtext {

/// Reads the number at the start of `s`: the maximal run of numeral characters
/// (Chinese digits and units, Arabic digits with a decimal point or thousands
/// separators). `size` is the run's length in bytes; on error the value is 0 and
/// `size` still covers the rejected run, so a scanner can skip it. O(run length).
inline number_parse parse_number_prefix(std::string_view s) noexcept {
  if (s.empty()) return {decimal{}, numeral_errc::empty, 0};
  detail::numeral_run run;
  detail::lex_numeral_run(detail::bytes(s), s.size(), 0, detail::numeral_lex_options{}, run);
  if (run.end == 0) return {decimal{}, numeral_errc::not_a_number, 0};
  number_parse r;
  r.size = run.end;
  r.error = detail::evaluate_numeral(run, false, r.value);
  if (r.error != numeral_errc::ok) r.value = decimal{};
  return r;
}

/// Reads `s` as one number (see the top of this header); anything after the numeral
/// is an error (`not_a_number`, with `size` = where the numeral ended).
inline number_parse parse_number(std::string_view s) noexcept {
  number_parse r = parse_number_prefix(s);
  if (r && r.size != s.size()) {
    r.error = numeral_errc::not_a_number;
    r.value = decimal{};
  }
  return r;
}

}  // namespace zhtext
