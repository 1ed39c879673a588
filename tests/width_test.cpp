// width_test.cpp - East_Asian_Width, Script=Han, code point and display width
// (zhtext/width.hpp). The property lookups are checked for every code point against
// EastAsianWidth.txt and Scripts.txt, parsed here at test time (Debian unicode-data).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <zhtext/chars.hpp>
#include <zhtext/width.hpp>

#include "test_support.hpp"

using zhtext::east_asian_width_class;

namespace {

std::string ucd_dir() {
  if (const char* env = std::getenv("ZHTEXT_UCD_DIR"); env != nullptr && *env != '\0') return env;
  return "/usr/share/unicode";
}

// Calls f(first, last, value) for each data line "XXXX..YYYY ; Value # ..." of a UCD file.
template <class F>
void for_each_range(const std::string& name, F f) {
  const std::string content = zhtext_test::read_file(ucd_dir() + "/" + name);
  REQUIRE(!content.empty());
  std::istringstream in(content);
  std::string line;
  while (std::getline(in, line)) {
    line = line.substr(0, line.find('#'));
    const auto semi = line.find(';');
    if (semi == std::string::npos) continue;
    const std::string range = line.substr(0, semi);
    std::string value = line.substr(semi + 1);
    value.erase(0, value.find_first_not_of(" \t"));
    value.erase(value.find_last_not_of(" \t") + 1);
    const auto dots = range.find("..");
    const char32_t first = static_cast<char32_t>(std::stoul(range.substr(0, dots), nullptr, 16));
    const char32_t last = dots == std::string::npos ? first : static_cast<char32_t>(std::stoul(range.substr(dots + 2), nullptr, 16));
    f(first, last, value);
  }
}

}  // namespace

TEST_CASE("east_asian_width matches EastAsianWidth.txt for every listed code point", "[width]") {
  const std::map<std::string, east_asian_width_class> names = {
      {"N", east_asian_width_class::neutral},     {"A", east_asian_width_class::ambiguous},
      {"H", east_asian_width_class::halfwidth},   {"W", east_asian_width_class::wide},
      {"F", east_asian_width_class::fullwidth},   {"Na", east_asian_width_class::narrow}};
  std::vector<bool> listed(0x110000, false);
  std::size_t checked = 0, wrong = 0;
  for_each_range("EastAsianWidth.txt", [&](char32_t first, char32_t last, const std::string& v) {
    REQUIRE(names.count(v) == 1);
    for (char32_t c = first; c <= last; ++c, ++checked) {
      listed[c] = true;
      if (zhtext::east_asian_width(c) != names.at(v)) ++wrong;
    }
  });
  CHECK(checked > 200000);
  CHECK(wrong == 0);
  // Unlisted code points: W in the CJK ideograph blocks and planes 2-3, else N (UAX #11).
  std::size_t wrong_default = 0;
  for (char32_t c = 0; c < 0x110000; ++c) {
    if (listed[c]) continue;
    const bool wide = (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
                      (c >= 0x20000 && c <= 0x2FFFD) || (c >= 0x30000 && c <= 0x3FFFD);
    if (zhtext::east_asian_width(c) != (wide ? east_asian_width_class::wide : east_asian_width_class::neutral))
      ++wrong_default;
  }
  CHECK(wrong_default == 0);
  CHECK(zhtext::east_asian_width(U'中') == east_asian_width_class::wide);
  CHECK(zhtext::east_asian_width(U'Ａ') == east_asian_width_class::fullwidth);
  CHECK(zhtext::east_asian_width(U'ｱ') == east_asian_width_class::halfwidth);
  CHECK(zhtext::east_asian_width(U'“') == east_asian_width_class::ambiguous);
  CHECK(zhtext::east_asian_width('a') == east_asian_width_class::narrow);
  CHECK(zhtext::east_asian_width(U'א') == east_asian_width_class::neutral);
  CHECK(zhtext::east_asian_width(0x110000) == east_asian_width_class::ambiguous);  // read as U+FFFD
  CHECK(zhtext::east_asian_width(0xFFFFFFFF) == east_asian_width_class::ambiguous);
}

TEST_CASE("is_han_script matches Script=Han in Scripts.txt for every code point", "[width]") {
  std::vector<bool> han(0x110000, false), assigned(0x110000, false);
  std::size_t count = 0;
  for_each_range("Scripts.txt", [&](char32_t first, char32_t last, const std::string& v) {
    for (char32_t c = first; c <= last; ++c) {
      assigned[c] = true;
      if (v == "Han") han[c] = true, ++count;
    }
  });
  CHECK(count > 90000);
  std::size_t wrong = 0;
  for (char32_t c = 0; c < 0x110000; ++c)
    if (zhtext::is_han_script(c) != han[c]) ++wrong;
  CHECK(wrong == 0);
  CHECK(zhtext::is_han_script(U'社'));
  CHECK(zhtext::is_han_script(U'々'));
  CHECK_FALSE(zhtext::is_han_script(U'〆'));
  CHECK_FALSE(zhtext::is_han_script(U'。'));
  CHECK_FALSE(zhtext::is_han_script(U'カ'));
  CHECK_FALSE(zhtext::is_han_script(0x110000));
  // zhtext::is_han (chars.hpp, whole blocks) agrees on the assigned code points it covers.
  for (char32_t c = 0; c < 0x110000; ++c)
    if (zhtext::is_han(c) && assigned[c] && !han[c]) FAIL("is_han(U+" << std::hex << unsigned(c) << ") but not Script=Han");
}

TEST_CASE("code_point_width", "[width]") {
  CHECK(zhtext::code_point_width('a') == 1);
  CHECK(zhtext::code_point_width(U'中') == 2);
  CHECK(zhtext::code_point_width(U'Ａ') == 2);
  CHECK(zhtext::code_point_width(U'ｱ') == 1);
  CHECK(zhtext::code_point_width(0x0301) == 0);  // combining acute
  CHECK(zhtext::code_point_width(0x20DD) == 0);  // enclosing circle (Me)
  CHECK(zhtext::code_point_width(0x200B) == 0);  // zero width space
  CHECK(zhtext::code_point_width(0x200D) == 0);  // ZWJ
  CHECK(zhtext::code_point_width(0xFEFF) == 0);  // BOM
  CHECK(zhtext::code_point_width(0x1160) == 0);  // Hangul medial vowel filler (V)
  CHECK(zhtext::code_point_width(0x11A8) == 0);  // Hangul final consonant (T)
  CHECK(zhtext::code_point_width(0x1100) == 2);  // Hangul initial consonant (L)
  CHECK(zhtext::code_point_width('\t') == 0);
  CHECK(zhtext::code_point_width('\n') == 0);
  CHECK(zhtext::code_point_width(0x2028) == 0);
  CHECK(zhtext::code_point_width(0x00AD) == 1);  // soft hyphen
  CHECK(zhtext::code_point_width(U'“') == 1);
  CHECK(zhtext::code_point_width(U'“', 2) == 2);
  CHECK(zhtext::code_point_width(0x1F600) == 2);  // 😀 (W)
  CHECK(zhtext::code_point_width(0x0915) == 1);  // क
  CHECK(zhtext::code_point_width(0x093F) == 1);  // ि spacing mark
  CHECK(zhtext::code_point_width(0x110000) == 1);  // read as U+FFFD (ambiguous)
}

TEST_CASE("display_width counts columns per grapheme cluster", "[width]") {
  CHECK(zhtext::display_width("") == 0);
  CHECK(zhtext::display_width("ok") == 2);
  CHECK(zhtext::display_width("中文ab") == 6);
  CHECK(zhtext::display_width("新冠肺炎疫情") == 12);
  CHECK(zhtext::display_width("ＡＢ１") == 6);
  CHECK(zhtext::display_width("ｱｲｳ") == 3);
  CHECK(zhtext::display_width("e\xCC\x81") == 1);             // e + combining acute
  CHECK(zhtext::display_width("\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD") == 2);  // 👍🏽
  CHECK(zhtext::display_width("\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7") == 2);  // 👨‍👩‍👧
  CHECK(zhtext::display_width("\xF0\x9F\x87\xA8\xF0\x9F\x87\xB3") == 2);  // 🇨🇳
  CHECK(zhtext::display_width("\xF0\x9F\x87\xA8") == 1);                  // a lone regional indicator
  CHECK(zhtext::display_width("\xE2\x9D\xA4") == 1);                      // ❤ (text presentation)
  CHECK(zhtext::display_width("\xE2\x9D\xA4\xEF\xB8\x8F") == 2);          // ❤️
  CHECK(zhtext::display_width("\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB") == 2);  // 한 as conjoining jamo
  CHECK(zhtext::display_width("\xED\x95\x9C") == 2);                      // 한
  CHECK(zhtext::display_width("a\tb\n") == 2);
  CHECK(zhtext::display_width("\xE2\x80\x8B") == 0);
  CHECK(zhtext::display_width("“好”") == 4);
  CHECK(zhtext::display_width("“好”", 2) == 6);
  CHECK(zhtext::display_width("\xFF\xE4\xB8") == 2);     // two ill-formed subparts, U+FFFD each
  CHECK(zhtext::display_width("\xFF\xE4\xB8", 2) == 4);
  CHECK(zhtext::display_width(std::string_view("a\0b", 3)) == 2);
}

TEST_CASE("truncate_to_width keeps whole clusters", "[width]") {
  CHECK(zhtext::truncate_to_width("新闻标题很长", 7) == "新闻标");
  CHECK(zhtext::truncate_to_width("新闻标题很长", 6) == "新闻标");
  CHECK(zhtext::truncate_to_width("新闻标题很长", 1).empty());
  CHECK(zhtext::truncate_to_width("新闻标题很长", 100) == "新闻标题很长");
  CHECK(zhtext::truncate_to_width("cafe\xCC\x81!", 4) == "cafe\xCC\x81");
  CHECK(zhtext::truncate_to_width("ab\xF0\x9F\x87\xA8\xF0\x9F\x87\xB3", 3) == "ab");
  CHECK(zhtext::truncate_to_width("", 3).empty());
  CHECK(zhtext::truncate_to_width("abc", 0).empty());
}
