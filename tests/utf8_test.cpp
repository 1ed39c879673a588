// utf8_test.cpp - validation, lenient decoding, iteration and offsets (zhtext/utf8.hpp).
#include <catch2/catch.hpp>

#include <map>

#include <utf8.h>  // utfcpp, the reference these tests compare with
#include <zhtext/utf8.hpp>

#include "test_support.hpp"

using zhtext::utf8_errc;
using zhtext_test::from_hex;

namespace {

utf8_errc kind_from_name(const std::string& name) {
  static const std::map<std::string, utf8_errc> kinds = {
      {"ok", utf8_errc::ok},
      {"truncated", utf8_errc::truncated},
      {"overlong", utf8_errc::overlong},
      {"surrogate", utf8_errc::surrogate},
      {"too_large", utf8_errc::too_large},
      {"stray_continuation", utf8_errc::stray_continuation},
      {"invalid_byte", utf8_errc::invalid_byte},
  };
  auto it = kinds.find(name);
  if (it == kinds.end()) FAIL("unknown kind " << name);
  return it->second;
}

// Reference decoder: concatenating the lenient code points must give repair_utf8.
std::string reencode(std::string_view s) {
  std::string out;
  for (const zhtext::code_point& cp : zhtext::code_points(s)) zhtext::append_utf8(out, cp.value);
  return out;
}

}  // namespace

TEST_CASE("the sequence table: first error offset, kind and maximal-subpart repair", "[utf8]") {
  int cases = 0;
  for (const std::vector<std::string>& col : zhtext_test::data_table("utf8_sequences.txt")) {
    REQUIRE(col.size() == 4);
    const std::string input = from_hex(col[0]);
    const std::string repaired = from_hex(col[3]);
    const utf8_errc kind = kind_from_name(col[2]);
    INFO("input " << col[0]);
    const zhtext::utf8_validation v = zhtext::validate_utf8(input);
    if (col[1] == "valid") {
      CHECK(v.ok);
      CHECK(zhtext::is_valid_utf8(input));
      CHECK(v.offset == input.size());
    } else {
      CHECK_FALSE(v.ok);
      CHECK(v.offset == std::stoul(col[1]));
      CHECK(v.kind == kind);
      CHECK(v.length >= 1);
      CHECK(v.length <= 3);
    }
    CHECK(zhtext::repair_utf8(input) == repaired);
    CHECK(reencode(input) == repaired);
    CHECK(zhtext::count_code_points(input) == zhtext::count_code_points(repaired));
    CHECK(zhtext::is_valid_utf8(repaired));
    // utfcpp, our dependency, agrees on validity.
    CHECK(utf8::is_valid(input.begin(), input.end()) == v.ok);
    ++cases;
  }
  CHECK(cases >= 40);
}

TEST_CASE("each error kind names itself", "[utf8]") {
  CHECK(std::string(zhtext::to_string(utf8_errc::truncated)) == "truncated sequence");
  CHECK(std::string(zhtext::to_string(utf8_errc::overlong)) == "overlong encoding");
  CHECK(std::string(zhtext::to_string(utf8_errc::surrogate)) == "encoded surrogate");
  CHECK(std::string(zhtext::to_string(utf8_errc::too_large)) == "code point above U+10FFFF");
  CHECK(std::string(zhtext::to_string(utf8_errc::stray_continuation)) == "stray continuation byte");
  CHECK(std::string(zhtext::to_string(utf8_errc::invalid_byte)) == "invalid byte");
}

TEST_CASE("errors are found after long ASCII and CJK runs (fast paths)", "[utf8]") {
  for (std::size_t pad = 0; pad < 40; ++pad) {
    std::string ascii(pad, 'a');
    std::string cjk;
    for (std::size_t i = 0; i < pad; ++i) cjk += "\xE4\xB8\xAD";
    for (const std::string& prefix : {ascii, cjk, ascii + cjk}) {
      const std::string s = prefix + "\xED\xA0\x80" + "tail";
      const auto v = zhtext::validate_utf8(s);
      CHECK_FALSE(v.ok);
      CHECK(v.offset == prefix.size());
      CHECK(v.kind == utf8_errc::surrogate);
      // A truncated sequence at the very end, after a 16-byte block boundary.
      const auto t = zhtext::validate_utf8(prefix + "\xE4\xB8");
      CHECK(t.offset == prefix.size());
      CHECK(t.kind == utf8_errc::truncated);
    }
  }
}

TEST_CASE("validation agrees with utfcpp on random bytes", "[utf8]") {
  zhtext_test::byte_fuzzer fuzz(42);
  for (int i = 0; i < 20000; ++i) {
    const std::string s = fuzz.next(64);
    const auto v = zhtext::validate_utf8(s);
    INFO("case " << i);
    REQUIRE(utf8::is_valid(s.begin(), s.end()) == v.ok);
    REQUIRE(static_cast<std::size_t>(utf8::find_invalid(s.begin(), s.end()) - s.begin()) == v.offset);
    if (v.ok) REQUIRE(static_cast<std::size_t>(utf8::distance(s.begin(), s.end())) == zhtext::count_code_points(s));
  }
}

TEST_CASE("code point iteration tiles the input and matches the counts", "[utf8]") {
  zhtext_test::byte_fuzzer fuzz(7);
  for (int i = 0; i < 5000; ++i) {
    const std::string s = fuzz.next(80);
    std::size_t pos = 0, n = 0;
    for (const zhtext::code_point& cp : zhtext::code_points(s)) {
      REQUIRE(cp.offset == pos);
      REQUIRE(cp.size >= 1);
      REQUIRE(cp.size <= 4);
      if (!cp.valid) REQUIRE(cp.value == zhtext::replacement_character);
      pos += cp.size;
      ++n;
    }
    REQUIRE(pos == s.size());
    REQUIRE(n == zhtext::count_code_points(s));
    REQUIRE(zhtext::repair_utf8(s) == reencode(s));
  }
}

TEST_CASE("code point values, offsets and sizes", "[utf8]") {
  const std::string s = "a\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80\xFF";  // a é 中 😀 <FF>
  std::vector<zhtext::code_point> cps(zhtext::code_points(s).begin(), zhtext::code_points(s).end());
  REQUIRE(cps.size() == 5);
  CHECK(cps[0].value == U'a');
  CHECK(cps[1].value == U'é');
  CHECK(cps[1].offset == 1);
  CHECK(cps[2].value == U'中');
  CHECK(cps[2].size == 3);
  CHECK(cps[3].value == U'😀');
  CHECK(cps[3].offset == 6);
  CHECK(cps[3].size == 4);
  CHECK_FALSE(cps[4].valid);
  CHECK(cps[4].value == 0xFFFD);
  CHECK(zhtext::to_utf32(s) == std::u32string(U"aé中😀\uFFFD"));
  CHECK(zhtext::to_utf8(U"aé中😀") == "a\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80");
}

TEST_CASE("byte <-> code point offsets", "[utf8]") {
  const std::string s = "新闻a\xF0\x9F\x98\x80\x80z";  // 新 闻 a 😀 <80> z
  CHECK(zhtext::byte_offset_of_code_point(s, 0) == 0);
  CHECK(zhtext::byte_offset_of_code_point(s, 1) == 3);
  CHECK(zhtext::byte_offset_of_code_point(s, 3) == 7);
  CHECK(zhtext::byte_offset_of_code_point(s, 4) == 11);
  CHECK(zhtext::byte_offset_of_code_point(s, 5) == 12);
  CHECK(zhtext::byte_offset_of_code_point(s, 6) == 13);
  CHECK(zhtext::byte_offset_of_code_point(s, 99) == s.size());
  for (std::size_t k = 0; k <= 6; ++k)
    CHECK(zhtext::code_point_index_of_byte(s, zhtext::byte_offset_of_code_point(s, k)) == k);
  CHECK(zhtext::code_point_index_of_byte(s, 1) == 1);  // inside 新: counts it
  CHECK(zhtext::code_point_index_of_byte(s, 1000) == 6);
}

TEST_CASE("complete_prefix_length makes chunked validation equal one-shot validation", "[utf8]") {
  CHECK(zhtext::complete_prefix_length("") == 0);
  CHECK(zhtext::complete_prefix_length("ab\xE4\xB8") == 2);
  CHECK(zhtext::complete_prefix_length("ab\xE4\xB8\xAD") == 5);
  CHECK(zhtext::complete_prefix_length("ab\xF0\x9F\x98") == 2);
  CHECK(zhtext::complete_prefix_length("ab\xE0\x80") == 4);  // cannot become valid: not held back
  CHECK(zhtext::complete_prefix_length("ab\x80") == 3);
  zhtext_test::byte_fuzzer fuzz(99);
  for (int i = 0; i < 3000; ++i) {
    const std::string s = fuzz.next(40);
    const bool whole = zhtext::is_valid_utf8(s);
    for (std::size_t cut = 0; cut <= s.size(); ++cut) {
      // Process the complete prefix of the first chunk, carry the rest.
      const std::string first = s.substr(0, cut);
      const std::size_t n = zhtext::complete_prefix_length(first);
      REQUIRE(n <= first.size());
      REQUIRE(first.size() - n <= 3);
      const bool chunked = zhtext::is_valid_utf8(first.substr(0, n)) && zhtext::is_valid_utf8(s.substr(n));
      REQUIRE(chunked == whole);
    }
  }
}

TEST_CASE("append_utf8 encodes through utfcpp and refuses non-scalar values", "[utf8]") {
  std::string out;
  zhtext::append_utf8(out, U'中');
  zhtext::append_utf8(out, 0xD800);
  zhtext::append_utf8(out, 0x110000);
  zhtext::append_utf8(out, 0x10FFFF);
  CHECK(out == "\xE4\xB8\xAD\xEF\xBF\xBD\xEF\xBF\xBD\xF4\x8F\xBF\xBF");
}

TEST_CASE("decode_utf8 on an empty view consumes nothing", "[utf8]") {
  const zhtext::decoded d = zhtext::decode_utf8("");
  CHECK(d.size == 0);
  CHECK(d.value == zhtext::replacement_character);
}
