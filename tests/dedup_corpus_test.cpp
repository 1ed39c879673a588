// dedup_corpus_test.cpp - near-duplicates (dedup.hpp) on the news corpus: its lines as
// documents and its articles whole, each with reprints carrying known edits (dropped,
// added and swapped lines, a new byline, digits in the other width, replaced
// characters, punctuation changes). Every reported pair must carry the exact
// similarity of the plain all-pairs reference (dedup_reference.hpp) and be >= the
// threshold; recall of the reference's pairs must be >= 98 %; shards merged must give
// the pairs of one index. Skipped (exit 77) without the corpus.
#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

#include <zhtext/dedup.hpp>

#include "dedup_reference.hpp"
#include "jieba_reference.hpp"  // split_lines
#include "test_support.hpp"

namespace {

using namespace zhtext_test;

std::vector<std::string> corpus_lines() {
  std::vector<std::string> lines;
  for (const std::string& f : corpus_files()) {
    const std::string text = read_file(f);
    for (const std::string_view l : split_lines(text)) lines.emplace_back(l);
  }
  return lines;
}

// Exactness of every pair, and the recall of the reference's pairs.
void check_docs(const std::vector<std::string>& docs, const zhtext::dedup_options& opt) {
  const auto ref = reference_pairs(docs, opt.shingle_size, opt.threshold);
  auto b = zhtext::dedup_index_builder::create(opt).value();
  for (const std::string& d : docs) b.add(d);
  const zhtext::dedup_index idx = b.build().value();
  std::size_t found = 0;
  idx.for_each_pair([&](const zhtext::dedup_pair& p) {
    INFO("pair " << p.first << " " << p.second);
    CHECK(p.similarity >= opt.threshold);
    const auto it = ref.find({p.first, p.second});
    REQUIRE(it != ref.end());
    CHECK(p.intersection == it->second.intersection);
    CHECK(p.union_size == it->second.union_size);
    ++found;
  });
  INFO("documents " << docs.size() << ", reference pairs " << ref.size() << ", found " << found);
  CHECK(ref.size() > 50);
  CHECK(static_cast<double>(found) >= 0.98 * static_cast<double>(ref.size()));

  // Two shards merged: the same pairs.
  auto s1 = zhtext::dedup_index_builder::create(opt).value(), s2 = zhtext::dedup_index_builder::create(opt).value();
  for (std::size_t i = 0; i < docs.size(); ++i) (i < docs.size() / 2 ? s1 : s2).add(docs[i]);
  const zhtext::dedup_index i1 = s1.build().value(), i2 = s2.build().value();
  auto merged = zhtext::dedup_index::merge(i1, i2);
  REQUIRE(merged.ok());
  CHECK(merged->pairs().size() == found);
  CHECK(merged->to_image() == idx.to_image());
}

}  // namespace

TEST_CASE("corpus lines and their reprints: exact pairs, recall >= 98%", "[dedup][corpus]") {
  const std::vector<std::string> lines = corpus_lines();
  REQUIRE(lines.size() > 100);
  edit_generator g(77);
  std::vector<std::string> docs;
  for (const std::string& l : lines) docs.push_back(l);
  // Reprints of lines with enough text: the line split at its commas into "lines"
  // that the edits drop, add, swap or change.
  std::vector<std::string> spare(lines.begin(), lines.begin() + 40);
  std::size_t reprints = 0;
  for (std::size_t i = 0; i < lines.size() && reprints < 500; i += 1 + g.pick(2)) {
    if (zhtext::shingle_text(lines[i]).size() < 60) continue;
    std::vector<std::string> parts;
    std::size_t b = 0;
    const std::string& l = lines[i];
    while (b < l.size()) {
      std::size_t e = l.find("，", b);
      e = e == std::string::npos ? l.size() : e + 3;
      parts.push_back(l.substr(b, e - b));
      b = e;
    }
    g.edit(parts, static_cast<int>(g.pick(7)), spare);
    std::string copy;
    for (const std::string& p : parts) copy += p;
    docs.push_back(copy);
    ++reprints;
  }
  check_docs(docs, {});
  zhtext::dedup_options k3;
  k3.shingle_size = 3;
  k3.threshold = 0.7;
  check_docs(docs, k3);
}

TEST_CASE("corpus articles and their reprints: exact pairs, recall >= 98%", "[dedup][corpus]") {
  edit_generator g(78);
  std::vector<std::string> docs;
  const std::vector<std::string> lines = corpus_lines();
  std::vector<std::string> spare(lines.begin(), lines.begin() + 40);
  for (const std::string& f : corpus_files()) {
    // The article's paragraphs in windows of ten: more, smaller articles.
    std::vector<std::string> paragraphs;
    const std::string text = read_file(f);
    for (const std::string_view l : split_lines(text))
      if (!l.empty()) paragraphs.emplace_back(l);
    for (std::size_t start = 0; start < paragraphs.size(); start += 10) {
      std::vector<std::string> article(paragraphs.begin() + static_cast<std::ptrdiff_t>(start),
                                       paragraphs.begin() + static_cast<std::ptrdiff_t>(std::min(start + 10, paragraphs.size())));
      docs.push_back(edit_generator::join(article));
      for (int r = 0; r < 4; ++r) {
        std::vector<std::string> copy = article;
        const std::size_t edits = 1 + g.pick(3);
        for (std::size_t e = 0; e < edits; ++e) g.edit(copy, static_cast<int>(g.pick(7)), spare);
        docs.push_back(edit_generator::join(copy));
      }
    }
  }
  check_docs(docs, {});
}
