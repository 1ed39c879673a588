// script_bench.cpp - segmentation of traditional Chinese in its own script
// (zhtext/script.hpp: t2s, jieba's cut, the words mapped back) against segmentation of
// the same articles in simplified, in one process, line by line as `zhtext segment`
// cuts: the traditional text converted a batch of lines at a time (script_lines, as
// the program does), and line by line (simplifier::prepare into one reused
// script_text): no allocation per line once the buffers have grown. And the whole text
// as one (segmenter::for_each_token on the simplified text against prepare of the whole
// traditional text + for_each_token: the script option on a single text).
//
//   script_bench SIMPLIFIED TRADITIONAL [ROUNDS]   interleaved rounds (default 7), wall
//   script_bench SIMPLIFIED TRADITIONAL 1 SIDE     one pass of SIDE (simplified,
//                                                  traditional: in batches,
//                                                  traditional-lines, simplified-whole,
//                                                  traditional-whole), for callgrind:
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

// How the traditional side prepares its lines.
enum class side { simplified, traditional_lines, traditional_batches, simplified_whole, traditional_whole };

// Cuts every line of `text`: simplified as it is; traditional converted either line by
// line (simplifier::prepare, then for_each_token) or a batch of lines at a time
// (script_lines: about 1 MB of lines converted, then each cut). Returns the number of
// words plus the sum of their lengths << 32.
[[gnu::noinline]] std::size_t cut_lines(const zhtext::segmenter& seg, const zhtext::simplifier& simp,
                                        std::string_view text, side how, zhtext::script_text& st) {
  std::size_t words = 0, bytes = 0;
  const word_counter count{&words, &bytes};
  if (how == side::simplified_whole || how == side::traditional_whole) {  // the text as one
    if (how == side::simplified_whole) {
      seg.for_each_token(text, count);
    } else {
      simp.prepare(text, zhtext::text_script::traditional, st);
      zhtext::for_each_token(seg, st, count);
    }
    return words + (bytes << 32);
  }
  zhtext::script_lines lines(simp, zhtext::text_script::traditional);
  lines.reset(text);
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(pos, end - pos);
    if (how == side::simplified) {
      seg.for_each_token(line, count);
    } else if (how == side::traditional_lines) {
      simp.prepare(line, zhtext::text_script::traditional, st);
      zhtext::for_each_token(seg, st, count);
    } else {
      zhtext::for_each_token(seg, lines.line(pos, end), count);
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
    std::fprintf(stderr,
                 "usage: script_bench SIMPLIFIED TRADITIONAL [ROUNDS [simplified|traditional|traditional-lines|\n"
                 "                                                    simplified-whole|traditional-whole]]\n");
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
    const std::string_view name = argv[4];
    const side how = name == "traditional"         ? side::traditional_batches
                     : name == "traditional-lines" ? side::traditional_lines
                     : name == "traditional-whole" ? side::traditional_whole
                     : name == "simplified-whole"  ? side::simplified_whole
                                                   : side::simplified;
    const bool simplified = how == side::simplified || how == side::simplified_whole;
    const std::size_t r = cut_lines(*seg, *simp, simplified ? simp_text : trad_text, how, st);
    std::printf("%zu words\n", r & 0xFFFFFFFFu);
    return 0;
  }
  std::vector<double> ts, tb, tl, tsw, ttw, ratio_b, ratio_l, ratio_w;
  std::size_t ws = 0, wb = 0, wl = 0, wsw = 0, wtw = 0;
  for (int r = 0; r <= rounds; ++r) {  // round 0 warms up
    auto t0 = std::chrono::steady_clock::now();
    ws = cut_lines(*seg, *simp, simp_text, side::simplified, st);
    auto t1 = std::chrono::steady_clock::now();
    wb = cut_lines(*seg, *simp, trad_text, side::traditional_batches, st);
    auto t2 = std::chrono::steady_clock::now();
    wl = cut_lines(*seg, *simp, trad_text, side::traditional_lines, st);
    auto t3 = std::chrono::steady_clock::now();
    wsw = cut_lines(*seg, *simp, simp_text, side::simplified_whole, st);
    auto t4 = std::chrono::steady_clock::now();
    wtw = cut_lines(*seg, *simp, trad_text, side::traditional_whole, st);
    auto t5 = std::chrono::steady_clock::now();
    if (r == 0) continue;
    ts.push_back(std::chrono::duration<double>(t1 - t0).count());
    tb.push_back(std::chrono::duration<double>(t2 - t1).count());
    tl.push_back(std::chrono::duration<double>(t3 - t2).count());
    tsw.push_back(std::chrono::duration<double>(t4 - t3).count());
    ttw.push_back(std::chrono::duration<double>(t5 - t4).count());
    ratio_b.push_back(tb.back() / ts.back());
    ratio_l.push_back(tl.back() / ts.back());
    ratio_w.push_back(ttw.back() / tsw.back());
  }
  // Words; the traditional sides: their bytes too (the whole texts: more words, the
  // line feeds).
  if ((ws & 0xFFFFFFFFu) != (wb & 0xFFFFFFFFu) || wb != wl || (wsw & 0xFFFFFFFFu) != (wtw & 0xFFFFFFFFu)) {
    std::fprintf(stderr, "the sides give different words: %zu, %zu, %zu words; whole %zu, %zu\n", ws & 0xFFFFFFFFu,
                 wb & 0xFFFFFFFFu, wl & 0xFFFFFFFFu, wsw & 0xFFFFFFFFu, wtw & 0xFFFFFFFFu);
    return 1;
  }
  const auto best = [](const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); };
  const double bs = best(ts), bb = best(tb), bl = best(tl), bsw = best(tsw), btw = best(ttw);
  std::printf("%.1f MB simplified, %.1f MB traditional, %zu words each; %d interleaved rounds\n\n",
              simp_text.size() / 1e6, trad_text.size() / 1e6, ws & 0xFFFFFFFFu, rounds);
  std::printf("| library, one thread | best | median | MB/s (best) |\n|---|---|---|---|\n");
  std::printf("| `segmenter::for_each_token` (simplified) | %.0f ms | %.0f ms | %.1f |\n", bs * 1e3, median(ts) * 1e3,
              simp_text.size() / bs / 1e6);
  std::printf("| `script_lines` + `for_each_token` (traditional, 1 MB batches) | %.0f ms | %.0f ms | %.1f |\n", bb * 1e3,
              median(tb) * 1e3, trad_text.size() / bb / 1e6);
  std::printf("| `prepare` + `for_each_token` (traditional, line by line) | %.0f ms | %.0f ms | %.1f |\n", bl * 1e3,
              median(tl) * 1e3, trad_text.size() / bl / 1e6);
  std::printf("| `segmenter::for_each_token` (simplified, the whole text) | %.0f ms | %.0f ms | %.1f |\n", bsw * 1e3,
              median(tsw) * 1e3, simp_text.size() / bsw / 1e6);
  std::printf("| `prepare` + `for_each_token` (traditional, the whole text) | %.0f ms | %.0f ms | %.1f |\n\n",
              btw * 1e3, median(ttw) * 1e3, trad_text.size() / btw / 1e6);
  std::printf("- traditional in batches / simplified: %.2f best, %.2f median of per-round ratios\n", bb / bs,
              median(ratio_b));
  std::printf("- traditional line by line / simplified: %.2f best, %.2f median of per-round ratios\n", bl / bs,
              median(ratio_l));
  std::printf("- traditional whole text / simplified whole text: %.2f best, %.2f median of per-round ratios\n",
              btw / bsw, median(ratio_w));
  return 0;
}
