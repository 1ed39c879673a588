// discover_bench.cpp - new-word discovery on the news corpus: the top 30 candidates
// that jieba's dictionary lacks, how many of them are right, and the speed.
//
//   discover_bench JIEBA_HMM_WORDS [JUDGED_TSV] [MIN_MB]
//
// JIEBA_HMM_WORDS: the words of jieba's own segmentation of the corpus with HMM on
// (one per line; benchmarks/run.sh makes it with the installed Python jieba). A
// candidate counts as right by jieba when it is one of them.
// JUDGED_TSV: hand-checked verdicts, lines word<TAB>yes|no<TAB>note
// (benchmarks/discover_judged.tsv); candidates it does not list are "unjudged".
// MIN_MB: speed is also measured on the corpus repeated to this size (default 10).
// No peer has new-word discovery, so there is no ratio.
#include <cstdio>
#include <fstream>
#include <map>
#include <string>
#include <unordered_set>

#include <zhtext/discover.hpp>

#include "bench_support.hpp"

namespace {

std::unordered_set<std::string> first_fields(const std::string& path, char sep) {
  std::unordered_set<std::string> out;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::string w = line.substr(0, line.find(sep));
    if (!w.empty()) out.insert(w);
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: discover_bench JIEBA_HMM_WORDS [JUDGED_TSV] [MIN_MB]\n");
    return 2;
  }
  const std::unordered_set<std::string> hmm_words = first_fields(argv[1], '\n');
  std::map<std::string, std::string> judged;  // word -> "yes" / "no"
  if (argc > 2) {
    std::ifstream in(argv[2]);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      const std::size_t t1 = line.find('\t'), t2 = line.find('\t', t1 + 1);
      if (t1 != std::string::npos) judged[line.substr(0, t1)] = line.substr(t1 + 1, t2 == std::string::npos ? t2 : t2 - t1 - 1);
    }
  }
  const std::size_t min_bytes = (argc > 3 ? std::stoul(argv[3]) : 10) << 20;
  const std::unordered_set<std::string> dict = first_fields(std::string(ZHTEXT_DEFAULT_JIEBA_DIR) + "/dict.txt", ' ');
  std::string corpus;
  {
    const std::string all = bench::corpus_text();
    if (all.empty() || hmm_words.empty() || dict.empty()) {
      std::fprintf(stderr, "discover_bench: need the corpus (%s), %s and jieba's dict.txt\n", bench::corpus_dir().c_str(), argv[1]);
      return 1;
    }
    corpus = all;
  }
  const auto known = [&](std::string_view w) { return dict.count(std::string(w)) != 0; };
  zhtext::discover_options opt;  // the defaults
  opt.top = 30;
  auto found = zhtext::discover_words(corpus, opt, known);
  if (!found) {
    std::fprintf(stderr, "discover_bench: %s\n", found.error().message.c_str());
    return 1;
  }
  std::printf("Top %zu candidates not in jieba's dict.txt (default options: min_count %zu, min_cohesion %.1f, "
              "min_entropy %.1f, max_length %zu):\n\n",
              found->size(), opt.min_count, opt.min_cohesion, opt.min_entropy, opt.max_length);
  std::printf("| # | candidate | count | cohesion | entropy | score | in jieba's HMM segmentation | hand-checked |\n");
  std::printf("|---:|---|---:|---:|---:|---:|:---:|:---:|\n");
  std::size_t by_jieba = 0, yes = 0, no = 0, rank = 0;
  for (const auto& c : *found) {
    const std::string w(c.text);
    const bool j = hmm_words.count(w) != 0;
    by_jieba += j;
    const auto it = judged.find(w);
    const std::string verdict = it == judged.end() ? "unjudged" : it->second;
    yes += verdict == "yes";
    no += verdict == "no";
    std::printf("| %zu | %s | %zu | %.2f | %.2f | %.1f | %s | %s |\n", ++rank, w.c_str(), c.count, c.cohesion, c.entropy(),
                c.score, j ? "yes" : "no", verdict.c_str());
  }
  std::printf("\n| precision of the top %zu | |\n|---|---:|\n", found->size());
  std::printf("| judged by jieba's HMM segmentation | %zu / %zu = %.0f %% |\n", by_jieba, found->size(),
              100.0 * by_jieba / found->size());
  std::printf("| hand-checked (benchmarks/discover_judged.tsv) | %zu / %zu = %.0f %% (%zu unjudged) |\n", yes, yes + no,
              yes + no ? 100.0 * yes / (yes + no) : 0.0, found->size() - yes - no);

  // Speed: the corpus itself, and repeated (a larger input; repetition makes every
  // n-gram frequent, so this is a heavy case for the candidate stage).
  const std::string big = bench::repeat_to(corpus + "\n", min_bytes);
  zhtext::discover_options all = opt;
  all.top = 0;
  std::size_t n_small = 0, n_big = 0;
  const double ts = bench::best_seconds(20, [&] { n_small = zhtext::discover_words(corpus, all)->size(); });
  const double tb = bench::best_seconds(3, [&] { n_big = zhtext::discover_words(big, all)->size(); });
  std::printf("\n| input | MB | candidates | time | speed |\n|---|---:|---:|---:|---:|\n");
  std::printf("| news corpus | %.3f | %zu | %.1f ms | %.1f MB/s |\n", corpus.size() / 1e6, n_small, ts * 1e3,
              bench::mb_per_s(corpus.size(), ts));
  std::printf("| news corpus repeated | %.1f | %zu | %.0f ms | %.1f MB/s |\n", big.size() / 1e6, n_big, tb * 1e3,
              bench::mb_per_s(big.size(), tb));
  return 0;
}
