// formats_test.cpp - zhtext/formats.hpp: TSV field escaping and unescaping, JSON strings.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>

#include <zhtext/formats.hpp>

#include "test_support.hpp"

namespace {
std::string tsv(std::string_view s) {
  std::string out;
  zhtext::append_tsv_field(out, s);
  return out;
}
std::string json(std::string_view s) {
  std::string out;
  zhtext::append_json_string(out, s);
  return out;
}
}  // namespace

TEST_CASE("append_tsv_field escapes exactly the bytes TSV cannot hold", "[formats]") {
  CHECK(tsv("社区 news") == "社区 news");  // well-formed text as it is
  CHECK(tsv("a\tb\nc\rd\\e") == "a\\tb\\nc\\rd\\\\e");
  CHECK(tsv(std::string("x\0y\x1F\x7F", 5)) == "x\\x00y\\x1F\\x7F");
  CHECK(tsv("\xE4\xB8") == "\\xE4\\xB8");             // a truncated sequence, byte by byte
  CHECK(tsv("社\xFF区") == "社\\xFF区");
  CHECK(tsv("") == "");
  std::string out = "k\t";
  zhtext::append_tsv_field(out, "v\t");
  CHECK(out == "k\tv\\t");  // appends
}

TEST_CASE("unescape_tsv_field reverses append_tsv_field on any bytes", "[formats]") {
  zhtext_test::byte_fuzzer fuzz(13);
  std::string back;
  for (int i = 0; i < 2000; ++i) {
    const std::string s = fuzz.next(i % 40);
    const std::string field = tsv(s);
    CHECK(field.find('\t') == std::string::npos);
    CHECK(field.find('\n') == std::string::npos);
    REQUIRE(zhtext::unescape_tsv_field(field, back).ok());
    CHECK(back == s);
  }
  REQUIRE(zhtext::unescape_tsv_field("\\xe4\\xB8\\xad", back).ok());  // hex in either case
  CHECK(back == "中");
}

TEST_CASE("unescape_tsv_field names a bad escape", "[formats]") {
  std::string out;
  for (std::string_view bad : {"a\\", "a\\q", "\\x4", "\\xZZ"}) {
    INFO(bad);
    const auto r = zhtext::unescape_tsv_field(bad, out);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == zhtext::errc::parse_error);
    CHECK_FALSE(r.error().message.empty());
  }
  CHECK(zhtext::unescape_tsv_field("a\\q", out).error().message.find("unknown escape") != std::string::npos);
}

TEST_CASE("append_json_string writes a JSON string literal of valid UTF-8", "[formats]") {
  CHECK(json("说\"好\"") == "\"说\\\"好\\\"\"");
  CHECK(json("a\\b\n\t\r\b\f") == "\"a\\\\b\\n\\t\\r\\b\\f\"");
  CHECK(json(std::string("\0\x1F", 2)) == "\"\\u0000\\u001f\"");
  CHECK(json("\xE4\xB8x\xFF") == "\"\xEF\xBF\xBDx\xEF\xBF\xBD\"");  // ill-formed -> U+FFFD
  CHECK(json("") == "\"\"");
}
