// numerals_test.cpp - Chinese and Arabic numerals to exact numbers (zhtext/numerals.hpp).
#include <catch2/catch.hpp>

#include <limits>
#include <string>

#include <zhtext/numerals.hpp>

#include "test_support.hpp"

namespace {

std::string value_of(std::string_view s) {
  const zhtext::number_parse r = zhtext::parse_number(s);
  if (!r) return std::string("error: ") + zhtext::to_string(r.error);
  return r.value.to_string();
}

}  // namespace

TEST_CASE("positional Chinese numerals", "[numerals]") {
  CHECK(value_of("三千二百") == "3200");
  CHECK(value_of("一亿零五十") == "100000050");
  CHECK(value_of("十二") == "12");
  CHECK(value_of("十") == "10");
  CHECK(value_of("二十") == "20");
  CHECK(value_of("一十二") == "12");
  CHECK(value_of("一百零五") == "105");
  CHECK(value_of("一千零五十") == "1050");
  CHECK(value_of("一万零五百") == "10500");
  CHECK(value_of("一万零五") == "10005");
  CHECK(value_of("十万") == "100000");
  CHECK(value_of("三十万") == "300000");
  CHECK(value_of("两万") == "20000");
  CHECK(value_of("两千五百") == "2500");
  CHECK(value_of("一亿三千万") == "130000000");
  CHECK(value_of("三万亿") == "3000000000000");
  CHECK(value_of("一亿亿") == "10000000000000000");
  CHECK(value_of("九千九百九十九万九千九百九十九") == "99999999");
  CHECK(value_of("百万") == "1000000");
  CHECK(value_of("千万") == "10000000");
}

TEST_CASE("the elided last unit: 两万五 = 25000", "[numerals]") {
  CHECK(value_of("两万五") == "25000");
  CHECK(value_of("三千二") == "3200");
  CHECK(value_of("一百五") == "150");
  CHECK(value_of("一亿五") == "150000000");
  CHECK(value_of("五万三") == "53000");
  // Not after 零, not after 十, and not when the unit is written.
  CHECK(value_of("一万零五") == "10005");
  CHECK(value_of("十五") == "15");
  CHECK(value_of("两万五千") == "25000");
}

TEST_CASE("digit-wise numerals: 二○○一 = 2001", "[numerals]") {
  CHECK(value_of("二○○一") == "2001");   // ○ U+25CB
  CHECK(value_of("二〇〇一") == "2001");  // 〇 U+3007
  CHECK(value_of("二零二零") == "2020");
  CHECK(value_of("一九九八") == "1998");
  CHECK(value_of("零") == "0");
  CHECK(value_of("七") == "7");
  CHECK(value_of("两") == "2");
  CHECK(value_of("两两") == "error: malformed numeral");  // 两 is never read digit-wise
}

TEST_CASE("financial forms, 廿 and 卅", "[numerals]") {
  CHECK(value_of("壹贰叁") == "123");
  CHECK(value_of("伍佰") == "500");
  CHECK(value_of("壹萬贰仟叁佰肆拾伍") == "12345");
  CHECK(value_of("拾") == "10");
  CHECK(value_of("貳億") == "200000000");
  CHECK(value_of("廿三") == "23");
  CHECK(value_of("卅") == "30");
}

TEST_CASE("Arabic numbers, full-width digits, decimals, thousands separators", "[numerals]") {
  CHECK(value_of("3200") == "3200");
  CHECK(value_of("１２３") == "123");
  CHECK(value_of("６．５") == "6.5");
  CHECK(value_of("6.5") == "6.5");
  CHECK(value_of("0.25") == "0.25");
  CHECK(value_of("6.50") == "6.5");  // normalised
  CHECK(value_of("1,614") == "1614");
  CHECK(value_of("12,345,678") == "12345678");
  CHECK(value_of("1,234.5") == "1234.5");
  CHECK(value_of("1,61") == "error: not a number");  // not a thousands group
  CHECK(value_of("007") == "7");
}

TEST_CASE("Arabic numbers with Chinese units: 3.5万 = 35000", "[numerals]") {
  CHECK(value_of("3.5万") == "35000");
  CHECK(value_of("1.2亿") == "120000000");
  CHECK(value_of("1亿2000万") == "120000000");
  CHECK(value_of("3万5千") == "35000");
  CHECK(value_of("3千") == "3000");
  CHECK(value_of("1.5千") == "1500");
  CHECK(value_of("3.14159万") == "31415.9");
  CHECK(value_of("13000亿") == "1300000000000");
  CHECK(value_of("三点五亿") == "350000000");
  CHECK(value_of("十点五亿") == "1050000000");
}

TEST_CASE("malformed numerals are errors, not guesses", "[numerals]") {
  CHECK(value_of("三百五千") == "error: malformed numeral");  // units out of order
  CHECK(value_of("万一") == "error: malformed numeral");      // a unit with no digit
  CHECK(value_of("亿") == "error: malformed numeral");
  CHECK(value_of("十两") == "error: malformed numeral");      // 两 at the end
  CHECK(value_of("两十") == "error: malformed numeral");      // 两 before 十
  CHECK(value_of("一百零") == "error: malformed numeral");    // trailing 零
  CHECK(value_of("一千零零五") == "error: malformed numeral");  // doubled 零
  CHECK(value_of("三五百") == "error: malformed numeral");    // two digits in a row
  CHECK(value_of("一万二万") == "error: malformed numeral");  // 万 twice
  CHECK(value_of("12百") == "error: malformed numeral");      // Arabic 12 before 百
  CHECK(value_of("三3") == "error: malformed numeral");
  CHECK(value_of("千千万万") == "error: malformed numeral");
  CHECK(value_of("") == "error: empty");
  CHECK(value_of("abc") == "error: not a number");
  CHECK(value_of("3200多") == "error: not a number");  // trailing text
}

TEST_CASE("overflow is reported, never undefined", "[numerals]") {
  CHECK(value_of("一亿亿亿") == "error: overflow");
  CHECK(value_of("一亿亿亿亿亿亿亿亿亿亿") == "error: overflow");
  CHECK(value_of("99999999999999999999") == "error: overflow");
  CHECK(value_of("9223372036854775807") == "9223372036854775807");  // INT64_MAX fits
  CHECK(value_of("9223372036854775808") == "error: overflow");
  CHECK(value_of("九百亿亿") == "9000000000000000000");  // 9e18 still fits
  CHECK(value_of("一千亿亿") == "error: overflow");       // 1e19 does not
  CHECK(value_of("0.1234567890123456789") == "error: overflow");
  std::string many(5000, '9');
  const zhtext::number_parse r = zhtext::parse_number(many);
  CHECK(r.error == zhtext::numeral_errc::overflow);
  CHECK(r.size == many.size());  // the whole run is covered, so a scanner can skip it
}

TEST_CASE("parse_number_prefix reads the numeral at the start", "[numerals]") {
  zhtext::number_parse p = zhtext::parse_number_prefix("3200多名");
  REQUIRE(p);
  CHECK(p.value == zhtext::decimal::from_int(3200));
  CHECK(p.size == 4);
  p = zhtext::parse_number_prefix("两万五千人");
  REQUIRE(p);
  CHECK(p.value.to_string() == "25000");
  CHECK(p.size == 12);
  p = zhtext::parse_number_prefix("人");
  CHECK(p.error == zhtext::numeral_errc::not_a_number);
  CHECK(p.size == 0);
  p = zhtext::parse_number_prefix("万一");
  CHECK(p.error == zhtext::numeral_errc::malformed);
  CHECK(p.size == 6);
  p = zhtext::parse_number_prefix("12\xE4");  // ill-formed UTF-8 ends the numeral
  REQUIRE(p);
  CHECK(p.size == 2);
}

TEST_CASE("decimal: exact compare and printing", "[numerals]") {
  using zhtext::decimal;
  CHECK(decimal{65, 1} == decimal{650, 2});
  CHECK(decimal{65, 1} < decimal{7, 0});
  CHECK(decimal{-5, 0} < decimal{1, 3});
  CHECK(decimal{-25, 2}.to_string() == "-0.25");
  CHECK(decimal{5, 3}.to_string() == "0.005");
  CHECK(decimal{std::numeric_limits<std::int64_t>::min(), 0}.to_string() == "-9223372036854775808");
  // Comparing across a scale that would overflow a mantissa is still exact.
  CHECK_FALSE(decimal{std::numeric_limits<std::int64_t>::max(), 0} < decimal{1, 18});
  CHECK(decimal{1, 18} < decimal{std::numeric_limits<std::int64_t>::max(), 0});
  CHECK(decimal{65, 1}.to_double() == Approx(6.5));
}

TEST_CASE("any bytes: no crash, and values are always consistent", "[numerals][fuzz]") {
  zhtext_test::byte_fuzzer fuzz(20240601);
  const std::string alphabet[] = {"一", "二", "两", "十", "百", "千", "万", "亿", "零", "○", "点", "1", "9", ".",
                                  ",", "０", "廿", "几", "\xff", "\xe4\xb8"};
  for (int i = 0; i < 20000; ++i) {
    std::string s = fuzz.next(24);
    for (int k = 0; k < 6; ++k) s += alphabet[fuzz.engine()() % (sizeof alphabet / sizeof *alphabet)];
    const zhtext::number_parse p = zhtext::parse_number_prefix(s);
    REQUIRE(p.size <= s.size());
    if (p) {
      // A value that parses whole parses again to the same value.
      const zhtext::number_parse q = zhtext::parse_number(s.substr(0, p.size));
      REQUIRE(q);
      REQUIRE(q.value == p.value);
    }
  }
}
