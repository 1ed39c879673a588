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
  const pos_counts total = compare_corpus<2>([&](const std::string& path, const std::string& text,
                                                    const std::string& label) {
    const posseg_reference ref = run_posseg(path, ops);
    REQUIRE(ref.error.empty());
    return compare_with_posseg(*tagger, text, ref, label);
  });
  print_counts(ops.empty() ? "corpus" : "corpus + user words", total, posseg_modes, "jieba.posseg");
  require_identical(total, total.lines, posseg_modes);
  CHECK(total.lines > 500);
}

}  // namespace

TEST_CASE("news corpus: every line identical to jieba.posseg", "[pos][corpus]") { check_corpus(""); }

TEST_CASE("news corpus with user words: every line identical to jieba.posseg", "[pos][corpus][userdict]") {
  check_corpus(data_path("pos_user_ops.txt"));
}
