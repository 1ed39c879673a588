// script_bench.cpp - segmentation of traditional Chinese in its own script
// (zhtext/script.hpp: t2s, jieba's cut, the words mapped back) against segmentation of
// the same articles in simplified, in one process, line by line as `zhtext segment`
// cuts: one reused script_text, no allocation per line once its buffers have grown.
//
//   script_bench SIMPLIFIED TRADITIONAL [ROUNDS]   interleaved rounds (default 7), wall
//   script_bench SIMPLIFIED TRADITIONAL 1 SIDE     one pass of SIDE (simplified or
//                                                  traditional), for callgrind:
//     valgrind --tool=callgrind --collect-atstart=no --toggle-collect='*cut_lines*' ...
//
// TRADITIONAL is meant to be OpenCC's s2t of SIMPLIFIED (benchmarks/traditional_segment.sh
// makes both). Both sides must give as many words: the program checks it.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include <zhtext/script.hpp>
#include <zhtext/segment.hpp>

#include "bench_support.hpp"

namespace {

// Counts the words and their bytes (so that nothing is optimised away). A type of its
// own, not a lambda: callgrind's --toggle-collect matches function names, and the
// instantiations for a lambda would carry cut_lines' name.
struct word_counter {
  std::size_t* words;
  std::size_t* bytes;
  void operator()(const zhtext::token& t) const { ++*words, *bytes += t.text.size(); }
};

// Cuts every line of `text` (script traditional or simplified: converted or not);
// returns the number of words plus the sum of their lengths << 32.
[[gnu::noinline]] std::size_t cut_lines(const zhtext::segmenter& seg, const zhtext::simplifier& simp,
                                        std::string_view text, zhtext::text_script script, zhtext::script_text& st) {
  std::size_t words = 0, bytes = 0;
  const word_counter count{&words, &bytes};
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(pos, end - pos);
    if (script == zhtext::text_script::simplified) {
      seg.for_each_token(line, count);
    } else {
      simp.prepare(line, script, st);
      zhtext::for_each_token(seg, st, count);
    }
    pos = end + 1;
  }
  return words + (bytes << 32);
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: script_bench SIMPLIFIED TRADITIONAL [ROUNDS [simplified|traditional]]\n");
    return 2;
  }
  const std::string simp_text = bench::read_file(argv[1]), trad_text = bench::read_file(argv[2]);
  const int rounds = argc > 3 ? std::max(1, std::atoi(argv[3])) : 7;
  auto seg = zhtext::segmenter::load();
  zhtext::simplifier_options so;
  so.detection = false;
  auto simp = zhtext::simplifier::load(so);
  if (!seg || !simp) {
    std::fprintf(stderr, "%s\n", (!seg ? seg.error() : simp.error()).message.c_str());
    return 1;
  }
  zhtext::script_text st;
  if (argc > 4) {  // one pass of one side
    const bool trad = std::string_view(argv[4]) == "traditional";
    const std::size_t r = cut_lines(*seg, *simp, trad ? trad_text : simp_text,
                                    trad ? zhtext::text_script::traditional : zhtext::text_script::simplified, st);
    std::printf("%zu words\n", r & 0xFFFFFFFFu);
    return 0;
  }
  std::vector<double> ts, tt, ratio;
  std::size_t ws = 0, wt = 0;
  for (int r = 0; r <= rounds; ++r) {  // round 0 warms up
    auto t0 = std::chrono::steady_clock::now();
    ws = cut_lines(*seg, *simp, simp_text, zhtext::text_script::simplified, st);
    auto t1 = std::chrono::steady_clock::now();
    wt = cut_lines(*seg, *simp, trad_text, zhtext::text_script::traditional, st);
    auto t2 = std::chrono::steady_clock::now();
    if (r == 0) continue;
    ts.push_back(std::chrono::duration<double>(t1 - t0).count());
    tt.push_back(std::chrono::duration<double>(t2 - t1).count());
    ratio.push_back(tt.back() / ts.back());
  }
  if ((ws & 0xFFFFFFFFu) != (wt & 0xFFFFFFFFu)) {
    std::fprintf(stderr, "the two sides give different numbers of words: %zu, %zu\n", ws & 0xFFFFFFFFu,
                 wt & 0xFFFFFFFFu);
    return 1;
  }
  const double bs = *std::min_element(ts.begin(), ts.end()), bt = *std::min_element(tt.begin(), tt.end());
  std::printf("%.1f MB simplified, %.1f MB traditional, %zu words each; %d interleaved rounds\n\n",
              simp_text.size() / 1e6, trad_text.size() / 1e6, ws & 0xFFFFFFFFu, rounds);
  std::printf("| library, one thread | best | median | MB/s (best) |\n|---|---|---|---|\n");
  std::printf("| `segmenter::for_each_token` (simplified) | %.0f ms | %.0f ms | %.1f |\n", bs * 1e3, median(ts) * 1e3,
              simp_text.size() / bs / 1e6);
  std::printf("| `prepare` + `for_each_token` (traditional) | %.0f ms | %.0f ms | %.1f |\n\n", bt * 1e3,
              median(tt) * 1e3, trad_text.size() / bt / 1e6);
  std::printf("- traditional / simplified: %.2f best, %.2f median of per-round ratios\n", bt / bs, median(ratio));
  return 0;
}
