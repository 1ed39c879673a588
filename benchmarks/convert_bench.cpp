// convert_bench.cpp - OpenCC conversion: zhtext::converter beside libopencc 1.1.6
// (opencc::SimpleConverter, Debian libopencc-dev) in the same process on the same
// 12 MB text, and the `opencc` program run on a 12 MB file (whole process), for the
// comparison with `zhtext convert` once the command exists.
//
//   convert_bench [MB] [ROUNDS]      (default 12 MB, 5 rounds)
//
// The text: the news corpus, the demo's sample and the tests' sample repeated to the
// size; traditional text for t2s/tw2sp is opencc's own s2t/s2twp of it. Rounds are
// interleaved (zhtext, libopencc, zhtext, ...) so that a busy machine slows both alike;
// the tables give the best and the median round. Every output is compared with
// libopencc's: a benchmark of a wrong conversion would be worthless.
#include <opencc/SimpleConverter.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <zhtext/convert.hpp>

#include "bench_support.hpp"

namespace {

using clock_type = std::chrono::steady_clock;

double seconds_since(clock_type::time_point t0) {
  return std::chrono::duration<double>(clock_type::now() - t0).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

double best(const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); }

std::string shell_quoted(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// Wall time of a shell command, or -1 if it fails.
double time_command(const std::string& cmd) {
  const auto t0 = clock_type::now();
  if (std::system(cmd.c_str()) != 0) return -1;
  return seconds_since(t0);
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t bytes = (argc > 1 ? std::stoul(argv[1]) : 12) * 1000 * 1000;
  const int rounds = argc > 2 ? std::atoi(argv[2]) : 5;
  std::string base = bench::corpus_text_or_exit("convert_bench");
  base += bench::read_file(std::string(ZHTEXT_SOURCE_DIR) + "/examples/data/sample_news.txt");
  base += bench::read_file(std::string(ZHTEXT_SOURCE_DIR) + "/tests/data/convert_sample.txt");
  const std::string simplified = bench::repeat_to(base, bytes);
  const double mb = simplified.size() / 1e6;

  std::string traditional, traditional_tw;
  {
    opencc::SimpleConverter s2t("s2t.json"), s2twp("s2twp.json");
    traditional = s2t.Convert(simplified);
    traditional_tw = s2twp.Convert(simplified);
  }
  struct workload {
    const char* config;
    const std::string* text;
    const char* what;
  };
  const std::vector<workload> work = {{"t2s", &traditional, "traditional"},
                                      {"s2t", &simplified, "simplified"},
                                      {"s2twp", &simplified, "simplified"},
                                      {"tw2sp", &traditional_tw, "traditional (Taiwan)"}};

  std::printf("In-process conversion of %.1f MB, %d interleaved rounds (this machine is shared and busy: "
              "compare within a row).\n\n",
              mb, rounds);
  std::printf("| config | text | zhtext ready | libopencc ready | zhtext MB/s (best / median) | "
              "libopencc MB/s (best / median) | ratio (best) | same output |\n");
  std::printf("|---|---|---|---|---|---|---|---|\n");
  for (const workload& w : work) {
    // Ready: zhtext from its cached image (the first load below builds it if needed),
    // OpenCC parsing its JSON and mapping its .ocd2 files.
    {
      auto warm = zhtext::converter::load(w.config);
      if (!warm) {
        std::fprintf(stderr, "%s\n", warm.error().message.c_str());
        return 1;
      }
    }
    std::vector<double> z_ready, o_ready, z_time, o_time;
    bool same = true;
    for (int r = 0; r < rounds; ++r) {
      auto t0 = clock_type::now();
      auto z = zhtext::converter::load(w.config);
      z_ready.push_back(seconds_since(t0));
      t0 = clock_type::now();
      opencc::SimpleConverter o(std::string(w.config) + ".json");
      o_ready.push_back(seconds_since(t0));

      std::string zo;
      t0 = clock_type::now();
      z->convert_to(zo, *w.text);
      z_time.push_back(seconds_since(t0));
      t0 = clock_type::now();
      const std::string oo = o.Convert(*w.text);
      o_time.push_back(seconds_since(t0));
      same = same && zo == oo;
      bench::keep(zo);
    }
    std::printf("| %s | %s | %.2f ms | %.1f ms | %.0f / %.0f | %.1f / %.1f | %.0fx | %s |\n", w.config, w.what,
                best(z_ready) * 1e3, best(o_ready) * 1e3, mb / best(z_time), mb / median(z_time), mb / best(o_time),
                mb / median(o_time), best(o_time) / best(z_time), same ? "yes" : "NO");
  }

  // zhtext's other shapes on t2s: with the offset map (the whole text at once, and line
  // by line as an analysis of traditional text would call it), and streamed in 64 KiB
  // pieces.
  {
    auto z = zhtext::converter::load("t2s");
    std::vector<double> mapped, mapped_lines, streamed;
    std::size_t whole_pieces = 0;
    for (int r = 0; r < rounds; ++r) {
      auto t0 = clock_type::now();
      const zhtext::converted_text c = z->convert(traditional);
      mapped.push_back(seconds_since(t0));
      whole_pieces = c.map.pieces().size();
      t0 = clock_type::now();
      std::size_t pieces = 0;
      for (std::size_t b = 0; b < traditional.size();) {
        std::size_t e = traditional.find('\n', b);
        e = e == std::string::npos ? traditional.size() : e + 1;
        pieces += z->convert(std::string_view(traditional).substr(b, e - b)).map.pieces().size();
        b = e;
      }
      mapped_lines.push_back(seconds_since(t0));
      bench::keep(pieces);
      t0 = clock_type::now();
      zhtext::convert_stream s(*z);
      std::string out;
      for (std::size_t i = 0; i < traditional.size(); i += 65536)
        s.feed(std::string_view(traditional).substr(i, 65536), out);
      s.finish(out);
      streamed.push_back(seconds_since(t0));
      bench::keep(out);
    }
    std::printf("\nzhtext t2s, other shapes (MB/s, best / median): convert() with the offset map, the whole "
                "text in one call %.0f / %.0f (a map of %.1f M pieces: mostly page faults on this VM), line by "
                "line %.0f / %.0f; convert_stream in 64 KiB pieces %.0f / %.0f.\n",
                mb / best(mapped), mb / median(mapped), whole_pieces / 1e6, mb / best(mapped_lines), mb / median(mapped_lines),
                mb / best(streamed), mb / median(streamed));
  }

  // Whole process: the opencc program on the 12 MB file (for `zhtext convert` later).
  const std::string dir = std::string(ZHTEXT_BINARY_DIR);
  const std::string in_t = dir + "/convert_bench_traditional.txt", in_s = dir + "/convert_bench_simplified.txt",
                    out = dir + "/convert_bench_out.txt";
  {
    std::FILE* f = std::fopen(in_t.c_str(), "wb");
    std::fwrite(traditional.data(), 1, traditional.size(), f);
    std::fclose(f);
    f = std::fopen(in_s.c_str(), "wb");
    std::fwrite(simplified.data(), 1, simplified.size(), f);
    std::fclose(f);
  }
  std::printf("\nWhole process, the opencc program on a %.1f MB file, %d rounds (best / median wall time):\n\n", mb,
              rounds);
  std::printf("| command | best | median | MB/s (best) |\n|---|---|---|---|\n");
  for (const auto& [config, file] : {std::pair<const char*, std::string>{"t2s", in_t}, {"s2t", in_s}}) {
    std::vector<double> t;
    const std::string cmd = std::string("opencc -c ") + config + ".json -i " + shell_quoted(file) + " -o " +
                            shell_quoted(out);
    for (int r = 0; r < rounds; ++r) {
      const double s = time_command(cmd);
      if (s < 0) {
        std::printf("| `%s` | failed | | |\n", cmd.c_str());
        break;
      }
      t.push_back(s);
    }
    if (!t.empty())
      std::printf("| `opencc -c %s.json -i FILE -o OUT` | %.0f ms | %.0f ms | %.1f |\n", config, best(t) * 1e3,
                  median(t) * 1e3, mb / best(t));
  }
  std::remove(in_t.c_str());
  std::remove(in_s.c_str());
  std::remove(out.c_str());
  return 0;
}
