// frequency_bench.cpp - counting tokens into a frequency table (term frequency and
// document frequency, one document per line), zhtext::frequency_table beside the
// obvious std::unordered_map<std::string, ...> and std::map versions in the same
// program; then merging part tables and the TSV round trip.
//
//   frequency_bench [MIN_MB]      (default 16 MB: the news corpus repeated)
#include <cstdio>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include <zhtext/frequency.hpp>
#include <zhtext/ngram.hpp>

#include "bench_support.hpp"

namespace {

struct stats {
  std::uint64_t count = 0, df = 0, last_doc = 0, first_doc = 0, first_offset = 0;
};

// The same counting with a standard map: tf, df and first position.
template <class Map>
std::size_t count_std(const std::vector<std::string_view>& docs, std::size_t n, const zhtext::char_ngram_options& o) {
  Map m;
  std::uint64_t doc = 0;
  for (std::string_view d : docs) {
    ++doc;
    for (const zhtext::ngram& g : zhtext::char_ngrams(d, n, o)) {
      auto [it, inserted] = m.try_emplace(std::string(g.text));
      stats& s = it->second;
      if (inserted) {
        s.first_doc = doc;
        s.first_offset = g.offset;
      }
      ++s.count;
      if (s.last_doc != doc) {
        s.last_doc = doc;
        ++s.df;
      }
    }
  }
  return m.size();
}

std::size_t count_zhtext(zhtext::frequency_table& t, const std::vector<std::string_view>& docs, std::size_t n,
                         const zhtext::char_ngram_options& o) {
  for (std::string_view d : docs) t.add_document(zhtext::char_ngrams(d, n, o));
  return t.size();
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t min_bytes = (argc > 1 ? std::stoul(argv[1]) : 16) << 20;
  const std::string corpus = bench::corpus_text_or_exit("frequency_bench");
  const std::string text = bench::repeat_to(corpus, min_bytes);
  const std::vector<std::string_view> docs = bench::lines_of(text);
  const double mb = text.size() / 1e6;

  std::printf("Counting (tf, df, first position; one document per line) on %.0f MB:\n\n", mb);
  std::printf("| tokens | distinct | zhtext | std::unordered_map | ratio | std::map | ratio |\n");
  std::printf("|---|---:|---:|---:|---:|---:|---:|\n");
  struct task {
    const char* name;
    std::size_t n;
    bool han_only;
  };
  for (const task& k : {task{"characters", 1, false}, task{"character bigrams", 2, false},
                        task{"Han character 4-grams", 4, true}}) {
    zhtext::char_ngram_options o;
    o.han_only = k.han_only;
    std::size_t a = 0, b = 0, c = 0;
    const double tz = bench::best_seconds(3, [&] {
      zhtext::frequency_table t;
      a = count_zhtext(t, docs, k.n, o);
    });
    const double tu = bench::best_seconds(3, [&] { b = count_std<std::unordered_map<std::string, stats>>(docs, k.n, o); });
    const double tm = bench::best_seconds(1, [&] { c = count_std<std::map<std::string, stats>>(docs, k.n, o); });
    if (a != b || a != c) {
      std::fprintf(stderr, "frequency_bench: distinct counts disagree on %s\n", k.name);
      return 1;
    }
    std::printf("| %s | %zu | %.0f MB/s | %.0f MB/s | %.1f× | %.0f MB/s | %.1f× |\n", k.name, a, bench::mb_per_s(text.size(), tz),
                bench::mb_per_s(text.size(), tu), tu / tz, bench::mb_per_s(text.size(), tm), tm / tz);
  }

  // Map/reduce: 8 part tables of character bigrams (distinct per part: the corpus's),
  // merged; the TSV written and read back.
  const std::size_t parts = 8;
  std::vector<zhtext::frequency_table> tables(parts);
  for (std::size_t i = 0; i < docs.size(); ++i) tables[i * parts / docs.size()].add_document(zhtext::char_ngrams(docs[i], 2));
  std::size_t rows = 0;
  for (const auto& t : tables) rows += t.size();
  std::size_t merged_rows = 0;
  const double tmerge = bench::best_seconds(5, [&] {
    zhtext::frequency_table m;
    for (const auto& t : tables) m.merge(t);
    merged_rows = m.size();
  });
  zhtext::frequency_table all;
  for (const auto& t : tables) all.merge(t);
  std::string tsv;
  const double twrite = bench::best_seconds(5, [&] { tsv = all.to_tsv(); });
  std::string many;  // the 8 parts' TSV, as a reducer reads them
  for (const auto& t : tables) many += t.to_tsv();
  const double tread = bench::best_seconds(5, [&] {
    auto r = zhtext::frequency_table::from_tsv(many);
    bench::keep(r);
  });
  auto reduced = zhtext::frequency_table::from_tsv(many);
  if (!reduced || reduced->to_tsv() != tsv) {
    std::fprintf(stderr, "frequency_bench: TSV merge differs from the in-memory merge\n");
    return 1;
  }
  std::printf("\nMerging and TSV (character bigrams, %zu parts):\n\n", parts);
  std::printf("| step | input | time | speed |\n|---|---:|---:|---:|\n");
  std::printf("| merge %zu tables in memory | %zu rows | %.2f ms | %.1f M rows/s |\n", parts, rows, tmerge * 1e3,
              rows / tmerge / 1e6);
  std::printf("| write TSV (sorted) | %zu rows, %.2f MB | %.2f ms | %.0f MB/s |\n", merged_rows, tsv.size() / 1e6,
              twrite * 1e3, bench::mb_per_s(tsv.size(), twrite));
  std::printf("| read + merge %zu TSV tables | %.2f MB | %.2f ms | %.0f MB/s |\n", parts, many.size() / 1e6, tread * 1e3,
              bench::mb_per_s(many.size(), tread));
  return 0;
}
