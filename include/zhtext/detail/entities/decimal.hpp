// zhtext/detail/entities/decimal.hpp - `decimal` (an exact decimal number) and
// `numeral_errc`, the types of zhtext/numerals.hpp.
//
// They are public types (namespace zhtext; numerals.hpp documents how numbers are read);
// they live here because the numeral lexer (numeral_lexer.hpp) and the entity
// recognisers (entities/*) produce them. Pure, noexcept values; thread-safe.
#pragma once

#include <cstdint>
#include <limits>
#include <string>

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

}  // namespace zhtext
