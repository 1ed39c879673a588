// stop_words_test.cpp - the built-in stop-word list and user lists.
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <zhtext/stop_words.hpp>

#include "test_support.hpp"

namespace {

// The words of data/stopwords.txt, read here without zhtext: non-blank lines that do
// not start with '#', trimmed.
std::set<std::string> words_of_data_file() {
  std::ifstream in(std::string(ZHTEXT_SOURCE_DIR) + "/data/stopwords.txt");
  std::set<std::string> out;
  std::string line;
  while (std::getline(in, line)) {
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r' || line.back() == '\t')) line.pop_back();
    std::size_t b = line.find_first_not_of(" \t");
    if (b == std::string::npos || line[b] == '#') continue;
    out.insert(line.substr(b));
  }
  return out;
}

}  // namespace

TEST_CASE("the built-in list is data/stopwords.txt (the generated header is current)", "[stop-words]") {
  const std::set<std::string> file = words_of_data_file();
  REQUIRE(file.size() > 400);
  const zhtext::stop_words& sw = zhtext::stop_words::builtin();
  CHECK(sw.size() == file.size());
  std::set<std::string> builtin;
  for (std::string_view w : sw.words()) builtin.insert(std::string(w));
  CHECK(builtin == file);
  // Chinese and English function words are in, content words are not.
  for (const char* w : {"的", "了", "在", "和", "我们", "因为", "the", "of", "and"}) CHECK(sw.contains(w));
  for (const char* w : {"社区", "核酸检测", "居民", "news", "", "的的"}) CHECK_FALSE(sw.contains(w));
  // Every English entry is written in lower case; lookups ignore ASCII case only.
  CHECK(sw.contains("The"));
  CHECK(sw.contains("AND"));
  CHECK_FALSE(sw.contains("ＴＨＥ"));  // full-width letters are other characters
  // The same list through the file loader.
  auto loaded = zhtext::stop_words::load(std::string(ZHTEXT_SOURCE_DIR) + "/data/stopwords.txt");
  REQUIRE(loaded);
  CHECK(loaded->words() == sw.words());
}

TEST_CASE("parse: comments, blank lines, trimming, CRLF, BOM, case", "[stop-words]") {
  auto sw = zhtext::stop_words::parse("\xEF\xBB\xBF# a comment\n\n  甲  \r\n\t乙\n\xE3\x80\x80丙\xE3\x80\x80\nFoo\n  # also a comment\n#井", "t");
  REQUIRE(sw);
  const std::vector<std::string_view> expected = {"foo", "丙", "乙", "甲"};  // sorted by bytes
  CHECK(sw->words() == expected);
  CHECK(sw->contains("FOO"));
  CHECK(sw->contains("甲"));
  CHECK_FALSE(sw->contains("#井"));
  CHECK_FALSE(sw->contains(" 甲"));
  auto empty = zhtext::stop_words::parse("", "t");
  REQUIRE(empty);
  CHECK(empty->empty());
  CHECK_FALSE(zhtext::stop_words().contains("的"));
}

TEST_CASE("parse errors name the line", "[stop-words]") {
  auto bad_utf8 = zhtext::stop_words::parse("甲\n乙\n\xE4\xB8\n", "my.txt");
  REQUIRE_FALSE(bad_utf8);
  CHECK(bad_utf8.error().code == zhtext::errc::parse_error);
  CHECK(bad_utf8.error().message == "my.txt:3: invalid UTF-8 in a word");
  auto control = zhtext::stop_words::parse("a\nb\x01" "c\n", "my.txt");
  REQUIRE_FALSE(control);
  CHECK(control.error().message == "my.txt:2: control character in a word");
  auto nul = zhtext::stop_words::parse(std::string("x\0y", 3), "n");
  REQUIRE_FALSE(nul);
  CHECK(nul.error().message == "n:1: control character in a word");
  auto too_long = zhtext::stop_words::parse(std::string(256, 'a'), "l");
  REQUIRE_FALSE(too_long);
  CHECK(too_long.error().message == "l:1: word longer than 255 bytes");
  CHECK(zhtext::stop_words::parse(std::string(255, 'a'), "l"));
  auto missing = zhtext::stop_words::load("/nonexistent/stopwords.txt");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == zhtext::errc::not_found);
}

TEST_CASE("from_words and merged_with", "[stop-words]") {
  const std::vector<std::string> words = {"社区", "", "#标签", "News"};
  auto sw = zhtext::stop_words::from_words(words);
  REQUIRE(sw);
  CHECK(sw->size() == 3);
  CHECK(sw->contains("#标签"));  // taken as is: no comments here
  CHECK(sw->contains("news"));
  const std::vector<std::string> bad = {"ok", "\xFF"};
  auto err = zhtext::stop_words::from_words(bad, "list");
  REQUIRE_FALSE(err);
  CHECK(err.error().message == "list:2: invalid UTF-8 in a word");
  const zhtext::stop_words both = zhtext::stop_words::builtin().merged_with(*sw);
  CHECK(both.size() == zhtext::stop_words::builtin().size() + 3);
  CHECK(both.contains("的"));
  CHECK(both.contains("社区"));
  // Moving keeps the words (they live in the moved arena).
  zhtext::stop_words moved = std::move(*sw);
  CHECK(moved.contains("社区"));
}
