// frequency_corpus_test.cpp - on the news corpus: counting in parts and merging
// equals counting in one pass (in memory, through JSON, and through sorted or
// shuffled TSV as a map/reduce pipeline would pass it), and equals a straightforward
// reference count.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <vector>

#include <zhtext/frequency.hpp>
#include <zhtext/ngram.hpp>

#include "test_support.hpp"

namespace {

// Documents: each corpus file, or each non-empty line of every file.
std::vector<std::string> documents(bool lines) {
  std::vector<std::string> docs;
  for (const std::string& f : zhtext_test::corpus_files()) {
    const std::string text = zhtext_test::read_file(f);
    if (!lines) {
      docs.push_back(text);
      continue;
    }
    std::size_t b = 0;
    while (b < text.size()) {
      std::size_t e = text.find('\n', b);
      if (e == std::string::npos) e = text.size();
      if (e > b) docs.push_back(text.substr(b, e - b));
      b = e + 1;
    }
  }
  return docs;
}

zhtext::frequency_table count(const std::vector<std::string>& docs, std::size_t begin, std::size_t end, std::size_t n,
                              bool han_only) {
  zhtext::frequency_options o;
  o.first_document = begin;
  zhtext::frequency_table t(o);
  zhtext::char_ngram_options g;
  g.han_only = han_only;
  for (std::size_t d = begin; d < end; ++d) t.add_document(zhtext::char_ngrams(docs[d], n, g));
  return t;
}

std::vector<std::string> lines_of(const std::string& tsv) {
  std::vector<std::string> out;
  std::size_t b = 0;
  while (b < tsv.size()) {
    const std::size_t e = tsv.find('\n', b);
    out.push_back(tsv.substr(b, e - b + 1));
    b = e + 1;
  }
  return out;
}

}  // namespace

TEST_CASE("corpus: character n-gram counts equal a reference count", "[frequency][corpus]") {
  const std::vector<std::string> docs = documents(false);
  REQUIRE(!docs.empty());
  const zhtext::frequency_table t = count(docs, 0, docs.size(), 2, false);
  // Reference: decode to code points, count each window of two, documents via sets.
  std::map<std::string, std::pair<std::uint64_t, std::uint64_t>> ref;
  for (const std::string& d : docs) {
    std::vector<zhtext::code_point> cps(zhtext::code_points(d).begin(), zhtext::code_points(d).end());
    std::map<std::string, bool> seen;
    for (std::size_t i = 0; i + 1 < cps.size(); ++i) {
      const std::string g = d.substr(cps[i].offset, cps[i].size + cps[i + 1].size);
      auto& r = ref[g];
      ++r.first;
      if (!seen[g]) {
        seen[g] = true;
        ++r.second;
      }
    }
  }
  CHECK(t.size() == ref.size());
  std::size_t mismatches = 0;
  for (const auto& [g, r] : ref) {
    const auto row = t.find(g);
    mismatches += row.count != r.first || row.df != r.second;
  }
  CHECK(mismatches == 0);
}

TEST_CASE("corpus: merge of parts == one pass, in memory, JSON and TSV", "[frequency][corpus]") {
  std::mt19937_64 rng(2024);
  for (bool per_line : {false, true}) {
    const std::vector<std::string> docs = documents(per_line);
    for (std::size_t n : {1, 2, 3}) {
      for (bool han_only : {false, true}) {
        INFO("per_line " << per_line << " n " << n << " han_only " << han_only);
        const zhtext::frequency_table whole = count(docs, 0, docs.size(), n, han_only);
        const std::string whole_tsv = whole.to_tsv();
        const std::string whole_json = whole.to_json();
        REQUIRE(!whole.empty());
        for (std::size_t parts : {2, 3, 5}) {
          std::vector<std::size_t> cuts = {0, docs.size()};
          for (std::size_t k = 1; k < parts; ++k) cuts.push_back(rng() % (docs.size() + 1));
          std::sort(cuts.begin(), cuts.end());
          std::vector<zhtext::frequency_table> tables;
          for (std::size_t i = 0; i + 1 < cuts.size(); ++i) tables.push_back(count(docs, cuts[i], cuts[i + 1], n, han_only));
          // In memory, in reverse order.
          zhtext::frequency_table merged;
          for (std::size_t i = tables.size(); i-- > 0;) merged.merge(tables[i]);
          CHECK(merged.to_json() == whole_json);
          CHECK(merged.to_tsv() == whole_tsv);
          // Through JSON: serialise each part, parse, merge.
          zhtext::frequency_table from_json;
          for (const auto& t : tables) {
            auto back = zhtext::frequency_table::from_json(t.to_json());
            REQUIRE(back);
            from_json.merge(*back);
          }
          CHECK(from_json.to_json() == whole_json);
          // Through TSV, as map/reduce: the mappers' outputs concatenated, sorted like
          // `LC_ALL=C sort` (or shuffled), reduced in one table.
          std::vector<std::string> lines;
          for (const auto& t : tables)
            for (std::string& l : lines_of(t.to_tsv())) lines.push_back(std::move(l));
          for (bool sorted : {true, false}) {
            if (sorted) std::sort(lines.begin(), lines.end());
            else std::shuffle(lines.begin(), lines.end(), rng);
            std::string input;
            for (const std::string& l : lines) input += l;
            auto reduced = zhtext::frequency_table::from_tsv(input);
            REQUIRE(reduced);
            CHECK(reduced->to_tsv() == whole_tsv);
          }
        }
      }
    }
  }
}
