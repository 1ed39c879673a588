// uax29_conformance_test.cpp - every line of the Unicode conformance files for UAX #29
// (GraphemeBreakTest.txt, WordBreakTest.txt, SentenceBreakTest.txt), read at test
// time from Debian's unicode-data (/usr/share/unicode/auxiliary, or $ZHTEXT_UCD_DIR).
//
// Each line "÷ 0020 × 0308 ÷ 0020 ÷" is encoded as UTF-8 and must give exactly the
// marked boundaries through every entry point: the lazy range, the callback and vector
// forms, and next/previous/is_*_boundary at every byte offset (including offsets inside
// a code point). The test prints the counts and requires 100 %.
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <zhtext/unicode.hpp>

#include "test_support.hpp"
#include "uax29_entry_points.hpp"

namespace {

std::string ucd_dir() {
  if (const char* env = std::getenv("ZHTEXT_UCD_DIR"); env != nullptr && *env != '\0') return env;
  return "/usr/share/unicode";
}

struct test_case {
  std::size_t line = 0;
  std::string text;
  std::vector<std::size_t> boundaries;  // byte offsets, including 0 and text.size()
};

// Parses a *BreakTest.txt file; a malformed line fails the test with file:line.
std::vector<test_case> load_cases(const std::string& name) {
  const std::string path = ucd_dir() + "/auxiliary/" + name;
  const std::string content = zhtext_test::read_file(path);
  INFO(path << " (Debian package unicode-data)");
  REQUIRE(!content.empty());
  std::vector<test_case> cases;
  std::istringstream in(content);
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    const std::string data = line.substr(0, line.find('#'));
    std::istringstream tokens(data);
    std::string tok;
    test_case tc;
    tc.line = number;
    bool any = false, expect_mark = true;
    while (tokens >> tok) {
      any = true;
      if (tok == "\xC3\xB7" || tok == "\xC3\x97") {  // ÷ ×
        INFO(path << ":" << number << ": two marks in a row");
        REQUIRE(expect_mark);
        if (tok == "\xC3\xB7") tc.boundaries.push_back(tc.text.size());
        expect_mark = false;
        continue;
      }
      INFO(path << ":" << number << ": bad token '" << tok << "'");
      REQUIRE(!expect_mark);
      REQUIRE(tok.find_first_not_of("0123456789ABCDEFabcdef") == std::string::npos);
      REQUIRE(tok.size() <= 6);
      zhtext::append_utf8(tc.text, static_cast<char32_t>(std::stoul(tok, nullptr, 16)));
      expect_mark = true;
    }
    if (!any) continue;
    INFO(path << ":" << number << ": must start and end with a mark");
    REQUIRE(!expect_mark);
    REQUIRE(tc.boundaries.size() >= 2);
    REQUIRE(tc.boundaries.front() == 0);
    REQUIRE(tc.boundaries.back() == tc.text.size());
    cases.push_back(std::move(tc));
  }
  return cases;
}

using entry_points = zhtext_test::uax29_entry_points;

std::vector<std::size_t> starts_and_end(const std::vector<zhtext::segment>& segs, std::size_t n) {
  std::vector<std::size_t> b;
  for (const auto& s : segs) b.push_back(s.offset);
  b.push_back(n);
  return b;
}

// Checks one case through every entry point; returns a description of the first
// disagreement, or "" if all agree with the file.
std::string check_case(const test_case& tc, const entry_points& ep) {
  const std::string_view s = tc.text;
  std::vector<std::size_t> expected = tc.boundaries;
  if (s.empty()) expected = {0};
  auto describe = [&](const char* what, const std::vector<std::size_t>& got) {
    std::ostringstream os;
    os << what << ": got";
    for (auto b : got) os << ' ' << b;
    os << ", expected";
    for (auto b : expected) os << ' ' << b;
    return os.str();
  };
  const auto segs = ep.range(s);
  for (const auto& seg : segs)
    if (seg.text.data() != s.data() + seg.offset) return "segment is not a view at its offset";
  if (auto got = starts_and_end(segs, s.size()); got != expected) return describe("range", got);
  if (auto got = starts_and_end(ep.callback(s), s.size()); got != expected) return describe("callback", got);
  if (auto got = starts_and_end(ep.vector(s), s.size()); got != expected) return describe("vector", got);
  const std::set<std::size_t> marks(expected.begin(), expected.end());
  for (std::size_t o = 0; o <= s.size() + 1; ++o) {
    auto up = marks.upper_bound(o);
    const std::size_t want_next = up == marks.end() ? s.size() : *up;
    auto lo = marks.lower_bound(o);
    const std::size_t want_prev = o == 0 ? 0 : (lo == marks.begin() ? 0 : *std::prev(lo));
    const bool want_is = marks.count(o) != 0;
    std::ostringstream os;
    if (ep.next(s, o) != want_next) os << "next(" << o << ") = " << ep.next(s, o) << ", expected " << want_next;
    else if (ep.previous(s, o) != want_prev)
      os << "previous(" << o << ") = " << ep.previous(s, o) << ", expected " << want_prev;
    else if (ep.is_boundary(s, o) != want_is) os << "is_boundary(" << o << ") = " << !want_is;
    if (!os.str().empty()) return os.str();
  }
  return "";
}

void run_file(const std::string& name, const entry_points& ep) {
  const auto cases = load_cases(name);
  std::size_t passed = 0;
  for (const auto& tc : cases) {
    const std::string why = check_case(tc, ep);
    if (why.empty()) {
      ++passed;
    } else {
      UNSCOPED_INFO(name << ":" << tc.line << ": " << why);
    }
  }
  std::printf("%s: %zu/%zu\n", name.substr(0, name.find('.')).c_str(), passed, cases.size());
  std::fflush(stdout);
  CHECK(cases.size() > 100);
  CHECK(passed == cases.size());
}

}  // namespace

TEST_CASE("GraphemeBreakTest.txt: every line", "[uax29][conformance]") {
  run_file("GraphemeBreakTest.txt", zhtext_test::grapheme_entry_points());
}

TEST_CASE("WordBreakTest.txt: every line", "[uax29][conformance]") {
  run_file("WordBreakTest.txt", zhtext_test::word_entry_points());
}

TEST_CASE("SentenceBreakTest.txt: every line", "[uax29][conformance]") {
  run_file("SentenceBreakTest.txt", zhtext_test::sentence_entry_points());
}

TEST_CASE("the property data is Unicode 15.0", "[uax29]") {
  CHECK(std::string(zhtext::unicode_version()) == "15.0.0");
  const std::string first_line = zhtext_test::read_file(ucd_dir() + "/auxiliary/GraphemeBreakTest.txt").substr(0, 40);
  CHECK(first_line.find("15.0.0") != std::string::npos);
}
