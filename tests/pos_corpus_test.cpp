// pos_corpus_test.cpp - zhtext's POS tagging against Debian's Python jieba.posseg on
// every line of every news corpus file, with and without HMM, with the default
// dictionary and with user words (added with tags, deleted, re-tagged). Required:
// 100 % of lines identical, word for word and tag for tag.
#include <catch2/catch.hpp>

#include "pos_reference.hpp"

using namespace zhtext_test;

namespace {

void check_corpus(const std::string& ops) {
  auto tagger = zhtext::pos_tagger::load();
  REQUIRE(tagger);
  if (!ops.empty()) REQUIRE(apply_ops(tagger->get_segmenter(), ops));
  pos_counts total;
  const std::vector<std::string> files = corpus_files();
  REQUIRE(!files.empty());
  for (const std::string& path : files) {
    INFO(path);
    const posseg_reference ref = run_posseg(path, ops);
    REQUIRE(ref.error.empty());
    const std::string text = read_file(path);
    const pos_counts c = compare_with_posseg(*tagger, text, ref, path.substr(path.rfind('/') + 1));
    CHECK(c.lines == split_lines(text).size());
    total.lines += c.lines;
    total.tokens += c.tokens;
    for (int m = 0; m < 2; ++m) total.identical[m] += c.identical[m];
  }
  std::cerr << "corpus" << (ops.empty() ? "" : " + user words") << ": " << total.lines << " lines; HMM "
            << total.identical[0] << '/' << total.lines << ", no HMM " << total.identical[1] << '/' << total.lines
            << " identical to jieba.posseg (" << total.tokens << " tokens)\n";
  CHECK(total.identical[0] == total.lines);
  CHECK(total.identical[1] == total.lines);
  CHECK(total.lines > 500);
}

}  // namespace

TEST_CASE("news corpus: every line identical to jieba.posseg", "[pos][corpus]") { check_corpus(""); }

TEST_CASE("news corpus with user words: every line identical to jieba.posseg", "[pos][corpus][userdict]") {
  check_corpus(data_path("pos_user_ops.txt"));
}
