// normalize_corpus_test.cpp - normalisation of the real news articles.
#include <catch2/catch.hpp>

#include <algorithm>

#include <zhtext/normalize.hpp>

#include "test_support.hpp"

namespace {

std::u32string han_only(std::string_view s) {
  std::u32string out;
  for (const zhtext::code_point& cp : zhtext::code_points(s))
    if (zhtext::is_han(cp.value)) out += cp.value;
  return out;
}

std::size_t count_lines(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

}  // namespace

TEST_CASE("corpus: normalisation keeps every Han character and maps back exactly", "[normalize][corpus]") {
  zhtext::normalize_options all;
  all.fold_width = all.cjk_punctuation = true;
  for (const std::string& path : zhtext_test::corpus_files()) {
    INFO(path);
    const std::string raw = zhtext_test::read_file(path);
    for (const auto& opt : {zhtext::normalize_options{}, all}) {
      const zhtext::normalized_text n = zhtext::normalize(raw, opt);
      REQUIRE(zhtext::is_valid_utf8(n.text));
      CHECK(han_only(n.text) == han_only(raw));
      if (!opt.cjk_punctuation) CHECK(n.text.size() <= raw.size());
      // Every output character maps to source bytes holding the same character, or
      // (when folded, converted or a joined break) to the characters it came from.
      for (const zhtext::code_point& cp : zhtext::code_points(n.text)) {
        const zhtext::byte_range r = n.map.to_source(cp.offset, cp.offset + cp.size);
        REQUIRE(r.end <= raw.size());
        const std::string_view src = std::string_view(raw).substr(r.begin, r.size());
        if (zhtext::is_han(cp.value)) REQUIRE(src == std::string_view(n.text).substr(cp.offset, cp.size));
      }
      // Nothing is left for a second pass to clean.
      CHECK(n.text.find("  ") == std::string::npos);
      CHECK(n.text.find("\n\n\n") == std::string::npos);
      CHECK(n.text.find('\r') == std::string::npos);
      CHECK(n.text.find(" \n") == std::string::npos);
    }
  }
}

TEST_CASE("corpus: hard wraps in article 001 are joined", "[normalize][corpus]") {
  for (const std::string& path : zhtext_test::corpus_files()) {
    if (path.find("/001_") == std::string::npos) continue;
    const std::string raw = zhtext_test::read_file(path);
    const std::string joined = zhtext::normalize(raw).text;
    INFO("lines before " << count_lines(raw) << ", after " << count_lines(joined));
    // The article is wrapped every ~20 characters; paragraphs are a few lines long.
    CHECK(count_lines(joined) * 2 < count_lines(raw));
    // A long line of the joined text that ends with a Han character (mid-sentence)
    // must end where the source has a blank line: the article has a few paragraph
    // breaks inside sentences, which normalisation keeps by design, and no single
    // wrapped line break may survive.
    const auto n = zhtext::normalize(raw);
    std::size_t han_line_ends = 0, lines = 0, unjoined = 0;
    std::size_t start = 0;
    while (start < joined.size()) {
      std::size_t end = joined.find('\n', start);
      if (end == std::string::npos) end = joined.size();
      const std::u32string line = zhtext::to_utf32(std::string_view(joined).substr(start, end - start));
      if (!line.empty()) {
        ++lines;
        if (zhtext::is_han(line.back()) && line.size() > 40) {
          ++han_line_ends;
          const std::size_t src_end = n.map.to_source(start, end).end;
          const std::size_t next = raw.find_first_not_of(" \n", src_end);
          const std::string gap = raw.substr(src_end, next - src_end);
          unjoined += std::count(gap.begin(), gap.end(), '\n') < 2;
        }
      }
      start = end + 1;
    }
    CHECK(lines > 50);
    CHECK(han_line_ends < 10);
    CHECK(unjoined == 0);
  }
}

TEST_CASE("corpus: Chinese punctuation leaves no half-width comma after a Han character", "[normalize][corpus]") {
  zhtext::normalize_options o;
  o.cjk_punctuation = true;
  std::size_t converted = 0;
  for (const std::string& path : zhtext_test::corpus_files()) {
    const std::string raw = zhtext_test::read_file(path);
    const std::string out = zhtext::normalize(raw, o).text;
    char32_t prev = 0;
    for (const zhtext::code_point& cp : zhtext::code_points(out)) {
      if (cp.value == ',' || cp.value == ';' || cp.value == '!' || cp.value == '?') CHECK_FALSE(zhtext::is_cjk(prev));
      if (cp.value == U'，') ++converted;
      prev = cp.value;
    }
  }
  CHECK(converted > 100);  // the corpus is full of half-width commas
}
