// utf8_bench.cpp - UTF-8 validation and code point counting, zhtext beside utfcpp
// (utf8::is_valid, utf8::distance) in the same program, on the news corpus (mostly
// 3-byte CJK), on ASCII text and on a mixed Latin/CJK/emoji text.
//
//   utf8_bench [MIN_MB]      (default 64 MB per text)
#include <cstdio>
#include <string>

#include <utf8.h>
#include <zhtext/utf8.hpp>

#include "bench_support.hpp"

int main(int argc, char** argv) {
  const std::size_t min_bytes = (argc > 1 ? std::stoul(argv[1]) : 64) << 20;
  const std::string corpus = bench::corpus_text();
  if (corpus.empty()) {
    std::fprintf(stderr, "utf8_bench: corpus not found at %s\n", bench::corpus_dir().c_str());
    return 1;
  }
  struct input {
    const char* name;
    std::string text;
  };
  const input inputs[] = {
      {"news corpus (CJK)", bench::repeat_to(corpus, min_bytes)},
      {"ASCII", bench::repeat_to("The quick brown fox jumps over the lazy dog, 1234567890 times. ", min_bytes)},
      {"mixed Latin/CJK/emoji",
       bench::repeat_to("zhtext 分词 café naïve — 社区 N95口罩 😀👍🏽 3200多名 résumé Ελληνικά ", min_bytes)},
  };
  std::printf("| text | MB | zhtext validate | utfcpp is_valid | ratio | zhtext count | utfcpp distance | ratio |\n");
  std::printf("|---|---:|---:|---:|---:|---:|---:|---:|\n");
  for (const input& in : inputs) {
    const std::string& s = in.text;
    bool ok1 = false, ok2 = false;
    std::size_t n1 = 0;
    std::ptrdiff_t n2 = 0;
    const double tv = bench::best_seconds(5, [&] { ok1 = zhtext::is_valid_utf8(s); });
    const double tu = bench::best_seconds(5, [&] { ok2 = utf8::is_valid(s.begin(), s.end()); });
    const double tc = bench::best_seconds(5, [&] { n1 = zhtext::count_code_points(s); });
    const double td = bench::best_seconds(5, [&] { n2 = utf8::distance(s.begin(), s.end()); });
    bench::keep(ok1);
    bench::keep(ok2);
    if (!ok1 || !ok2 || n1 != static_cast<std::size_t>(n2)) {
      std::fprintf(stderr, "utf8_bench: results disagree on %s\n", in.name);
      return 1;
    }
    const double v = bench::mb_per_s(s.size(), tv), u = bench::mb_per_s(s.size(), tu);
    const double c = bench::mb_per_s(s.size(), tc), d = bench::mb_per_s(s.size(), td);
    std::printf("| %s | %.0f | %.0f MB/s | %.0f MB/s | %.1f× | %.0f MB/s | %.0f MB/s | %.1f× |\n", in.name,
                s.size() / 1e6, v, u, v / u, c, d, c / d);
  }
  return 0;
}
