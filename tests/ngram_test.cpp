// ngram_test.cpp - characters and character n-grams as token streams.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <zhtext/ngram.hpp>

#include "test_support.hpp"

namespace {

// Reference: decode once, then slide a window of n code points; with han_only, only
// windows whose code points are all valid Han characters; with space_breaks, only
// windows without white space.
std::vector<zhtext::ngram> reference(std::string_view s, std::size_t n, bool han_only, bool space_breaks = false) {
  std::vector<zhtext::code_point> cps(zhtext::code_points(s).begin(), zhtext::code_points(s).end());
  std::vector<zhtext::ngram> out;
  if (n == 0) return out;
  for (std::size_t i = 0; i + n <= cps.size(); ++i) {
    bool ok = true;
    for (std::size_t k = i; k < i + n && han_only; ++k) ok &= cps[k].valid && zhtext::is_han(cps[k].value);
    for (std::size_t k = i; k < i + n && space_breaks; ++k) ok &= !(cps[k].valid && zhtext::is_space(cps[k].value));
    if (!ok) continue;
    const std::size_t begin = cps[i].offset;
    const std::size_t end = cps[i + n - 1].offset + cps[i + n - 1].size;
    out.push_back({s.substr(begin, end - begin), begin});
  }
  return out;
}

}  // namespace

TEST_CASE("character bigrams with offsets", "[ngram]") {
  const std::string_view s = "社区,新闻";
  const std::vector<zhtext::ngram> expected = {{"社区", 0}, {"区,", 3}, {",新", 6}, {"新闻", 7}};
  CHECK(zhtext::char_ngram_vector(s, 2) == expected);
  zhtext::char_ngram_options han;
  han.han_only = true;
  const std::vector<zhtext::ngram> han_expected = {{"社区", 0}, {"新闻", 7}};
  CHECK(zhtext::char_ngram_vector(s, 2, han) == han_expected);
  std::vector<zhtext::ngram> seen;
  zhtext::for_each_char_ngram(s, 2, [&](const zhtext::ngram& g) { seen.push_back(g); });
  CHECK(seen == expected);
}

TEST_CASE("characters are 1-grams; n = 0 and n beyond the text give nothing", "[ngram]") {
  const std::string_view s = "a中\xF0\x9F\x98\x80";
  const std::vector<zhtext::ngram> chars = {{"a", 0}, {"中", 1}, {"\xF0\x9F\x98\x80", 4}};
  std::vector<zhtext::ngram> got(zhtext::characters(s).begin(), zhtext::characters(s).end());
  CHECK(got == chars);
  CHECK(zhtext::char_ngram_vector(s, 0).empty());
  CHECK(zhtext::char_ngram_vector(s, 4).empty());
  CHECK(zhtext::char_ngram_vector(s, 3).size() == 1);
  CHECK(zhtext::char_ngram_vector("", 1).empty());
}

TEST_CASE("ill-formed UTF-8 is one character per maximal subpart, and breaks Han runs", "[ngram]") {
  const std::string s = "\xFF社\xE4\xB8区";  // FF, 社, E4 B8 (truncated), 区
  const std::vector<zhtext::ngram> chars = {{"\xFF", 0}, {"社", 1}, {"\xE4\xB8", 4}, {"区", 6}};
  CHECK(zhtext::char_ngram_vector(s, 1) == chars);
  zhtext::char_ngram_options han;
  han.han_only = true;
  CHECK(zhtext::char_ngram_vector(s, 2, han).empty());
  const std::vector<zhtext::ngram> han_chars = {{"社", 1}, {"区", 6}};
  CHECK(zhtext::char_ngram_vector(s, 1, han) == han_chars);
}

TEST_CASE("space_breaks: n-grams inside the runs between white space", "[ngram]") {
  zhtext::char_ngram_options runs;
  runs.space_breaks = true;
  const std::string s = "社区 新闻\u3000报道\t\nab";
  const std::vector<zhtext::ngram> two = {{"社区", 0}, {"新闻", 7}, {"报道", 16}, {"ab", 24}};
  CHECK(zhtext::char_ngram_vector(s, 2, runs) == two);
  CHECK(zhtext::char_ngram_vector(s, 3, runs).empty());
  CHECK(zhtext::char_ngram_vector(s, 1, runs).size() == 8);
}

TEST_CASE("n-grams agree with a sliding window over decoded code points (fuzz)", "[ngram]") {
  zhtext_test::byte_fuzzer fuzz(20240501);
  zhtext::char_ngram_options han;
  han.han_only = true;
  for (int round = 0; round < 2000; ++round) {
    const std::string s = fuzz.next(60);
    for (std::size_t n : {0, 1, 2, 3, 4, 7, 16, 17, 20}) {  // > 16: windows longer than the size ring
      INFO("round " << round << " n " << n);
      CHECK(zhtext::char_ngram_vector(s, n) == reference(s, n, false));
      CHECK(zhtext::char_ngram_vector(s, n, han) == reference(s, n, true));
      zhtext::char_ngram_options runs;
      runs.space_breaks = true;
      CHECK(zhtext::char_ngram_vector(s, n, runs) == reference(s, n, false, true));
      runs.han_only = true;
      CHECK(zhtext::char_ngram_vector(s, n, runs) == reference(s, n, true, true));
    }
  }
}

TEST_CASE("for_each_repaired_char_ngram: the n-grams of repair_utf8(text), offsets in text", "[ngram]") {
  // Texts past the 64 KiB pieces it repairs at a time, with sequences (valid and
  // ill-formed) across every piece boundary: the reference n-grams are those of the
  // raw text (one character per maximal subpart), each repaired, at the same offsets.
  zhtext_test::byte_fuzzer fuzz(20261207);
  std::vector<std::string> texts = {std::string(200000, '\x80'), std::string("\xC0\x80") + std::string(70000, 'a'), ""};
  for (int i = 0; i < 60000; ++i) texts[2] += "\xC0\x80";
  for (std::size_t shift = 0; shift < 4; ++shift) {  // a 4-byte character, then a truncated one, across 65536
    std::string s(65536 - shift, 'x');
    s += "\xF0\x9F\x98\x80\xF0\x9F\x98 \xE4\xB8\xAD\xE4\xB8\xAD";
    texts.push_back(s + std::string(100, '\xE4'));
  }
  std::string mixed;
  while (mixed.size() < 150000) mixed += fuzz.next(200);
  texts.push_back(mixed);
  for (const std::string& s : texts) {
    for (std::size_t n : {1, 2, 3, 5, 17}) {
      for (int mode = 0; mode < 4; ++mode) {
        INFO("size " << s.size() << " n " << n << " mode " << mode);
        zhtext::char_ngram_options o;
        o.han_only = (mode & 1) != 0;
        o.space_breaks = (mode & 2) != 0;
        std::vector<std::pair<std::string, std::size_t>> expected, got;
        for (const zhtext::ngram& g : reference(s, n, o.han_only, o.space_breaks))
          expected.emplace_back(zhtext::repair_utf8(g.text), g.offset);
        zhtext::for_each_repaired_char_ngram(s, n, [&](const zhtext::ngram& g) { got.emplace_back(std::string(g.text), g.offset); }, o);
        CHECK(got.size() == expected.size());
        CHECK(got == expected);
      }
    }
  }
}
