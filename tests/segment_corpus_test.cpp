// segment_corpus_test.cpp - zhtext's segmentation against Debian's Python jieba on every
// line of every news corpus file, in the four modes, with the default dictionary and
// with a user dictionary plus edits. Required: 100 % of lines identical.
#include <catch2/catch.hpp>

#include "jieba_reference.hpp"

using namespace zhtext_test;

namespace {

void check_corpus(const std::string& ops) {
  auto seg = zhtext::segmenter::load();
  REQUIRE(seg);
  if (!ops.empty()) {
    auto results = apply_ops(*seg, ops);
    REQUIRE(results);
  }
  compat_counts total;
  const std::vector<std::string> files = corpus_files();
  REQUIRE(!files.empty());
  for (const std::string& path : files) {
    INFO(path);
    const jieba_reference ref = run_jieba(path, ops);
    REQUIRE(ref.error.empty());
    const std::string text = read_file(path);
    const compat_counts c = compare_with_jieba(*seg, text, ref, path.substr(path.rfind('/') + 1));
    CHECK(c.lines == split_lines(text).size());
    total.lines += c.lines;
    total.tokens += c.tokens;
    for (int m = 0; m < 4; ++m) total.identical[m] += c.identical[m];
  }
  std::cerr << "corpus" << (ops.empty() ? "" : " + user words") << ": " << total.lines << " lines;";
  for (int m = 0; m < 4; ++m) std::cerr << ' ' << mode_names[m] << ' ' << total.identical[m] << '/' << total.lines;
  std::cerr << " identical to jieba (" << total.tokens << " tokens)\n";
  for (int m = 0; m < 4; ++m) {
    INFO("mode " << mode_names[m]);
    CHECK(total.identical[m] == total.lines);
  }
  CHECK(total.lines > 500);
}

}  // namespace

TEST_CASE("news corpus: identical to jieba on every line, four modes", "[segment][jieba][corpus]") {
  check_corpus("");
}

TEST_CASE("news corpus with a user dictionary and edits: identical to jieba", "[segment][jieba][corpus][userdict]") {
  check_corpus(data_path("segment_user_ops.txt"));
}
