// utf8_bench.cpp - UTF-8 validation and code point counting, zhtext beside utfcpp
// (utf8::is_valid, utf8::distance) in the same program, on the news corpus (mostly
// 3-byte CJK), on ASCII text and on a mixed Latin/CJK/emoji text; then the corpus
// line by line (short strings: per-call costs), and zhtext's kernels (scalar, SSSE3,
// AVX2) side by side, including ill-formed text where counting is lenient.
//
//   utf8_bench [MIN_MB]      (default 64 MB per text)
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include <utf8.h>
#include <zhtext/utf8.hpp>

#include "bench_support.hpp"

namespace {

using zhtext::detail::utf8_kernel;
using zhtext::detail::utf8_kernel_name;

struct input {
  const char* name;
  std::string text;
};

}  // namespace

int main(int argc, char** argv) {
  const std::size_t min_bytes = (argc > 1 ? std::stoul(argv[1]) : 64) << 20;
  const std::string corpus = bench::corpus_text_or_exit("utf8_bench");
  const input inputs[] = {
      {"news corpus (CJK)", bench::repeat_to(corpus, min_bytes)},
      {"ASCII", bench::repeat_to("The quick brown fox jumps over the lazy dog, 1234567890 times. ", min_bytes)},
      {"mixed Latin/CJK/emoji",
       bench::repeat_to("zhtext 分词 café naïve — 社区 N95口罩 😀👍🏽 3200多名 résumé Ελληνικά ", min_bytes)},
  };

  std::printf("zhtext uses the %s kernel on this CPU.\n\n", utf8_kernel_name(zhtext::detail::best_utf8_kernel()));
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

  // The corpus line by line: one call per line, as a reader of text files makes.
  {
    const std::string& s = inputs[0].text;
    const std::vector<std::string_view> lines = bench::lines_of(s);
    std::size_t bytes = 0;
    for (std::string_view l : lines) bytes += l.size();
    std::size_t ok1 = 0, ok2 = 0, n1 = 0, n2 = 0;
    const double tv = bench::best_seconds(5, [&] {
      ok1 = 0;
      for (std::string_view l : lines) ok1 += zhtext::is_valid_utf8(l);
    });
    const double tu = bench::best_seconds(5, [&] {
      ok2 = 0;
      for (std::string_view l : lines) ok2 += utf8::is_valid(l.begin(), l.end());
    });
    const double tc = bench::best_seconds(5, [&] {
      n1 = 0;
      for (std::string_view l : lines) n1 += zhtext::count_code_points(l);
    });
    const double td = bench::best_seconds(5, [&] {
      n2 = 0;
      for (std::string_view l : lines) n2 += static_cast<std::size_t>(utf8::distance(l.begin(), l.end()));
    });
    if (ok1 != lines.size() || ok2 != lines.size() || n1 != n2) {
      std::fprintf(stderr, "utf8_bench: results disagree on the corpus lines\n");
      return 1;
    }
    const double v = bench::mb_per_s(bytes, tv), u = bench::mb_per_s(bytes, tu);
    const double c = bench::mb_per_s(bytes, tc), d = bench::mb_per_s(bytes, td);
    std::printf("| news corpus, line by line (%.0f bytes/line) | %.0f | %.0f MB/s | %.0f MB/s | %.1f× | %.0f MB/s | "
                "%.0f MB/s | %.1f× |\n",
                static_cast<double>(bytes) / lines.size(), bytes / 1e6, v, u, v / u, c, d, c / d);
  }

  // zhtext's kernels side by side (the scalar one is the pre-SIMD code), and lenient
  // counting on ill-formed text: Latin-1 read as UTF-8, an error every ~8 bytes.
  std::vector<utf8_kernel> kernels;
  for (utf8_kernel k : {utf8_kernel::scalar, utf8_kernel::ssse3, utf8_kernel::avx2})
    if (zhtext::detail::utf8_kernel_supported(k)) kernels.push_back(k);
  std::printf("\n| text |");
  for (utf8_kernel k : kernels) std::printf(" validate %s |", utf8_kernel_name(k));
  for (utf8_kernel k : kernels) std::printf(" count %s |", utf8_kernel_name(k));
  std::printf("\n|---|");
  for (std::size_t i = 0; i < 2 * kernels.size(); ++i) std::printf("---:|");
  std::printf("\n");
  const input latin1 = {"Latin-1 (ill-formed)",
                        bench::repeat_to("Le caf\xE9 na\xEFve, d\xE9j\xE0 vu \xE0 la cr\xE8me br\xFBl\xE9" "e. ",
                                         min_bytes / 4)};
  for (const input* in : {&inputs[0], &inputs[1], &inputs[2], &latin1}) {
    const std::string& s = in->text;
    const bool valid = zhtext::detail::validate_utf8_using(utf8_kernel::scalar, s).ok;
    const std::size_t expected = zhtext::detail::count_code_points_using(utf8_kernel::scalar, s);
    std::printf("| %s |", in->name);
    for (utf8_kernel k : kernels) {
      if (!valid) {
        std::printf(" — |");  // stops at the first error
        continue;
      }
      bool ok = false;
      const double t = bench::best_seconds(5, [&] { ok = zhtext::detail::validate_utf8_using(k, s).ok; });
      bench::keep(ok);
      std::printf(" %.0f MB/s |", bench::mb_per_s(s.size(), t));
    }
    for (utf8_kernel k : kernels) {
      std::size_t n = 0;
      const double t = bench::best_seconds(5, [&] { n = zhtext::detail::count_code_points_using(k, s); });
      if (n != expected) {
        std::fprintf(stderr, "utf8_bench: the %s kernel miscounts %s\n", utf8_kernel_name(k), in->name);
        return 1;
      }
      std::printf(" %.0f MB/s |", bench::mb_per_s(s.size(), t));
    }
    std::printf("\n");
  }
  return 0;
}
