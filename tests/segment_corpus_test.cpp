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
  const compat_counts total = compare_corpus<4>([&](const std::string& path, const std::string& text,
                                                       const std::string& label) {
    const jieba_reference ref = run_jieba(path, ops);
    REQUIRE(ref.error.empty());
    return compare_with_jieba(*seg, text, ref, label);
  });
  print_counts(ops.empty() ? "corpus" : "corpus + user words", total, mode_names, "jieba");
  require_identical(total, total.lines, mode_names);
  CHECK(total.lines > 500);
}

}  // namespace

TEST_CASE("news corpus: identical to jieba on every line, four modes", "[segment][jieba][corpus]") {
  check_corpus("");
}

TEST_CASE("news corpus with a user dictionary and edits: identical to jieba", "[segment][jieba][corpus][userdict]") {
  check_corpus(data_path("segment_user_ops.txt"));
}
