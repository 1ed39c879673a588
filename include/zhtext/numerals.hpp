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
#include "detail/entities/decimal.hpp"
#include "detail/entities/numeral_lexer.hpp"
#include "utf8.hpp"

namespace zhtext {

// `decimal` and `numeral_errc` (with to_string), the types of this API, are defined
// with the numeral lexer in detail/entities/decimal.hpp, which the internals share.

/// Result of reading a number: the value, or an error; `size` is the number of bytes
/// of the numeral (for an error: of the numeral characters that were rejected).
struct number_parse {
  decimal value{};
  numeral_errc error = numeral_errc::ok;
  std::size_t size = 0;
  explicit operator bool() const noexcept { return error == numeral_errc::ok; }
};

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
