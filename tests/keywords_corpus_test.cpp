// keywords_corpus_test.cpp - keyword extraction against Python jieba.analyse on every
// article of the news corpus and on every 20-line block of it: TF-IDF (top 20, all
// words, allowPOS=ns,n,vn,v) and TextRank (top 20, all words). Required: 100 % of
// documents identical (same words, same order, weights within 1e-9 / 1e-6 relative;
// the summary also counts weights equal to the last bit).
#include <catch2/catch.hpp>

#include "keywords_reference.hpp"

using namespace zhtext_test;

TEST_CASE("corpus: keywords identical to jieba.analyse, per article and per 20-line block", "[keywords][corpus][jieba]") {
  auto kw = zhtext::keyword_extractor::load();
  REQUIRE(kw);
  const std::vector<std::string> files = corpus_files();
  REQUIRE(!files.empty());
  struct variant {
    std::string method, allow;
    std::size_t top;
  };
  const std::vector<variant> variants = {
      {"tfidf", "", 20}, {"tfidf", "", 0}, {"tfidf", "ns,n,vn,v", 20}, {"textrank", "", 20}, {"textrank", "", 0}};
  std::vector<keyword_job> jobs;
  for (const std::string& path : files)
    for (const variant& v : variants)
      for (std::size_t lines : {0, 20})
        jobs.push_back({v.method, path, lines, v.top, v.allow,
                        path.substr(path.rfind('/') + 1) + " " + v.method + (v.allow.empty() ? "" : " " + v.allow) +
                            (lines ? " per 20 lines" : " whole") + " top " + std::to_string(v.top)});
  const std::vector<keyword_counts> counts = compare_keyword_jobs(*kw, jobs);
  REQUIRE(counts.size() == jobs.size() + 1);
  keyword_counts articles, blocks;
  for (std::size_t k = 0; k < jobs.size(); ++k) {
    INFO(jobs[k].label);
    CHECK(counts[k].identical == counts[k].documents);
    CHECK(counts[k].keywords > 0);
    keyword_counts& sum = jobs[k].lines == 0 ? articles : blocks;
    sum.documents += counts[k].documents;
    sum.identical += counts[k].identical;
    sum.keywords += counts[k].keywords;
    sum.exact_weights += counts[k].exact_weights;
  }
  for (const auto& [name, c] : {std::pair<const char*, const keyword_counts&>{"articles", articles}, {"20-line blocks", blocks}})
    std::cerr << "corpus " << name << " (" << variants.size() << " variants): " << c.identical << '/' << c.documents
              << " documents identical to jieba (" << c.keywords << " keywords, " << c.exact_weights
              << " weights equal to the bit)\n";
  CHECK(articles.identical == articles.documents);
  CHECK(blocks.identical == blocks.documents);
  CHECK(articles.documents == files.size() * variants.size());
  CHECK(blocks.documents > articles.documents);
}
