// convert_corpus_test.cpp - zhtext's converter against the `opencc` program on every
// line of the news corpus, for all 14 configurations: the corpus as it is (simplified
// Chinese), and, for the configurations that read traditional or Japanese text, the
// corpus converted to it by opencc itself. Skipped (exit 77) without the corpus or the
// program.
#include <catch2/catch.hpp>

#include <cstdio>
#include <map>

#include "convert_support.hpp"

TEST_CASE("opencc program: every line of the corpus, every configuration", "[convert][opencc][corpus]") {
  convert_test::require_opencc_program();
  zhtext_test::temp_dir dir("zhtext_convert_corpus");
  // Which text each configuration also reads: opencc's own conversion of the corpus.
  const std::map<std::string, std::string> source = {
      {"t2s", "s2t"},  {"t2tw", "s2t"}, {"t2hk", "s2t"},  {"t2jp", "s2t"},  {"tw2s", "s2twp"},
      {"tw2sp", "s2twp"}, {"tw2t", "s2tw"}, {"hk2s", "s2hk"}, {"hk2t", "s2hk"}, {"jp2t", "t2jp"}};
  std::map<std::string, std::size_t> lines_of;  // per configuration
  for (const std::string& file : zhtext_test::corpus_files()) {
    const std::string raw = zhtext_test::read_file(file);
    std::map<std::string, std::string> converted;
    for (const char* from : {"s2t", "s2tw", "s2twp", "s2hk"}) converted[from] = convert_test::run_opencc(from, raw, dir);
    converted["t2jp"] = convert_test::run_opencc("t2jp", converted["s2t"], dir);
    for (const std::string& name : convert_test::configs) {
      INFO(file << ", " << name);
      auto c = zhtext::converter::load(name);
      REQUIRE(c);
      std::size_t lines = convert_test::compare_lines(*c, raw, convert_test::run_opencc(name, raw, dir));
      const auto it = source.find(name);
      if (it != source.end()) {
        const std::string& text = converted[it->second];
        lines += convert_test::compare_lines(*c, text, convert_test::run_opencc(name, text, dir));
      }
      lines_of[name] += lines;
    }
  }
  std::size_t total = 0;
  for (const std::string& name : convert_test::configs) {
    std::printf("convert_corpus: %s: %zu lines compared, all equal\n", name.c_str(), lines_of[name]);
    total += lines_of[name];
  }
  std::printf("convert_corpus: %zu lines compared over 14 configurations, all equal\n", total);
}
