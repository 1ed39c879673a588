// match_corpus_test.cpp - the matcher on the news corpus with dictionary words as
// patterns (jieba's dict.txt, Debian python3-jieba), against a reference that looks
// up every substring of the text in a hash set of the patterns.
#include <catch2/catch.hpp>

#include <fstream>
#include <random>
#include <unordered_map>

#include <zhtext/match.hpp>

#include "test_support.hpp"

using zhtext::match;
using zhtext::match_kind;

namespace {

// Every `step`-th word of >= 2 characters in dict.txt, from `first`; with `cjk_only`,
// words without ASCII (so every pattern has >= 6 bytes and the prefilter applies).
std::vector<std::string> dictionary_sample(std::size_t first, std::size_t step, std::size_t count, bool cjk_only) {
  const char* env = std::getenv("ZHTEXT_JIEBA_DIR");
  std::ifstream in(std::string(env != nullptr && *env != '\0' ? env : ZHTEXT_DEFAULT_JIEBA_DIR) + "/dict.txt");
  std::vector<std::string> out;
  std::size_t k = 0;
  for (std::string line; std::getline(in, line) && out.size() < count;) {
    const std::string w = line.substr(0, line.find(' '));
    if (zhtext::count_code_points(w) < 2) continue;
    if (cjk_only && std::any_of(w.begin(), w.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }))
      continue;
    if (k++ % step == first % step) out.push_back(w);
  }
  return out;
}

// Overlapping matches by substring lookup: at each character start, every length up
// to the longest pattern. Order: by end, then start.
std::vector<match> reference(const std::vector<std::string>& patterns, const std::string& text) {
  std::unordered_map<std::string, std::uint32_t> index;
  std::size_t longest = 0;
  for (std::uint32_t i = 0; i < patterns.size(); ++i) {
    index.emplace(patterns[i], i);  // first occurrence wins, as in the matcher
    longest = std::max(longest, patterns[i].size());
  }
  std::vector<std::size_t> starts;
  for (const auto& cp : zhtext::code_points(text)) starts.push_back(cp.offset);
  starts.push_back(text.size());
  std::vector<match> all;
  for (std::size_t i = 0; i < starts.size(); ++i)
    for (std::size_t j = i + 1; j < starts.size() && starts[j] - starts[i] <= longest; ++j) {
      const auto it = index.find(text.substr(starts[i], starts[j] - starts[i]));
      if (it != index.end()) all.push_back({starts[i], starts[j], it->second, it->second});
    }
  std::sort(all.begin(), all.end(), [](const match& a, const match& b) {
    return a.end != b.end ? a.end < b.end : a.begin < b.begin;
  });
  return all;
}

std::vector<match> leftmost(std::vector<match> all, bool longest) {
  std::sort(all.begin(), all.end(), [&](const match& a, const match& b) {
    if (a.begin != b.begin) return a.begin < b.begin;
    return longest ? a.end > b.end : a.pattern < b.pattern;
  });
  std::vector<match> out;
  std::size_t frontier = 0;
  for (std::size_t i = 0; i < all.size(); ++i) {
    if ((i > 0 && all[i].begin == all[i - 1].begin) || all[i].begin < frontier) continue;
    out.push_back(all[i]);
    frontier = all[i].end;
  }
  return out;
}

}  // namespace

TEST_CASE("dictionary words over the news corpus: every kind, both scanning loops", "[match][corpus]") {
  std::mt19937_64 rng(1);
  const std::vector<std::string> small = dictionary_sample(3, 97, 2000, true);  // prefiltered loop
  const std::vector<std::string> large = dictionary_sample(5, 7, 40000, false);  // plain automaton loop
  REQUIRE(small.size() == 2000);
  REQUIRE(large.size() == 40000);
  std::size_t total = 0;
  for (const auto* patterns : {&small, &large}) {
    zhtext::matcher_builder b;
    for (std::size_t i = 0; i < patterns->size(); ++i) REQUIRE(b.add((*patterns)[i], static_cast<std::uint32_t>(i)).ok());
    const zhtext::matcher m = b.build().value();
    const bool prefiltered = zhtext::detail::read_match_image(m.image()).value().filter != nullptr;
    CHECK(prefiltered == (patterns == &small));
    for (const std::string& path : zhtext_test::corpus_files()) {
      INFO(path << ", " << patterns->size() << " patterns");
      const std::string text = zhtext_test::read_file(path);
      const std::vector<match> want = reference(*patterns, text);
      total += want.size();
      CHECK(m.match_vector(text) == want);
      CHECK(m.match_vector(text, match_kind::leftmost_longest) == leftmost(want, true));
      CHECK(m.match_vector(text, match_kind::leftmost_first) == leftmost(want, false));
      auto s = m.stream();
      std::vector<match> streamed;
      for (std::size_t at = 0; at < text.size();) {
        const std::size_t n = std::min<std::size_t>(text.size() - at, 1 + rng() % 4096);
        s.feed(std::string_view(text).substr(at, n), [&](const match& x) { streamed.push_back(x); });
        at += n;
      }
      s.finish([&](const match& x) { streamed.push_back(x); });
      CHECK(streamed == want);
      // Masking keeps the text's length in characters and leaves no pattern behind.
      const std::string masked = m.mask(text, U'＊');
      CHECK(zhtext::count_code_points(masked) == zhtext::count_code_points(text));
      CHECK_FALSE(m.contains_any(masked));
      CHECK(m.contains_any(text) == !want.empty());
    }
  }
  CHECK(total > 1000);  // the corpus does contain dictionary words
}
