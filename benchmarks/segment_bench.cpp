// segment_bench.cpp - zhtext's side of the segmentation benchmark (benchmarks/segment/).
//
//   segment_bench --mode precise|precise-nohmm|full|search --input FILE
//                 [--tokens-out FILE] [--threads N]
//
// Prints one JSON line, the interface every runner of benchmarks/segment/ follows:
//   {"impl":"zhtext","mode":...,"bytes":N,"tokens":T,"load_s":x,"segment_s":y,"peak_rss_kib":z}
// load_s     time until the segmenter is ready (dictionary and HMM, from the image cache
//            when warm; "cache":"warm"|"cold" says which)
// segment_s  the loop over the input's lines only, each line cut into a vector of
//            std::string (like the peers' lists of strings); reading the file is excluded
// tokens     every token, white-space and empty ones included
// peak_rss   getrusage(RUSAGE_SELF).ru_maxrss after the loop
// Lines are the input split at '\n' (no final empty piece). --tokens-out writes one line
// per input line, tokens joined by two spaces, tokens that are empty or only Unicode
// White_Space dropped (as `zhtext segment` does); it is a second, untimed pass.
// load_cpu_s and segment_cpu_s are the CPU times of loading and of the loop (of the calling thread; with --threads, of the
// consumer only), a steadier figure than segment_s on a busy machine.
// --threads N cuts the whole text at once with zhtext::for_each_token_parallel on N
// threads (N = 1: for_each_token) instead of line by line, each token copied into one
// reused string, and adds "threads":N to the JSON; the tokens then include the line
// breaks. Compare --threads 1 and --threads 2 for the corpus API's speed-up.
#include <sys/resource.h>
#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <zhtext/chars.hpp>
#include <zhtext/segment.hpp>
#include <zhtext/segment_parallel.hpp>

#include "bench_support.hpp"

namespace {

int usage() {
  std::cerr << "usage: segment_bench --mode precise|precise-nohmm|full|search --input FILE [--tokens-out FILE] "
               "[--threads N]\n";
  return 2;
}

bool blank(std::string_view t) {
  for (const zhtext::code_point& c : zhtext::code_points(t))
    if (!c.valid || !zhtext::is_space(c.value)) return false;
  return true;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// CPU time of the calling thread: on a busy machine a better measure of the work than
// wall time (reported beside it, not instead of it).
double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

}  // namespace

int main(int argc, char** argv) {
  std::string mode, input, tokens_out;
  unsigned threads = 0;  // 0: the runner interface, line by line
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (i + 1 >= argc) return usage();
    if (a == "--mode") mode = argv[++i];
    else if (a == "--input") input = argv[++i];
    else if (a == "--tokens-out") tokens_out = argv[++i];
    else if (a == "--threads") threads = static_cast<unsigned>(std::stoul(argv[++i]));
    else return usage();
  }
  zhtext::cut_options opt;
  if (mode == "precise") opt = {zhtext::cut_mode::precise, true};
  else if (mode == "precise-nohmm") opt = {zhtext::cut_mode::precise, false};
  else if (mode == "full") opt = {zhtext::cut_mode::full, true};
  else if (mode == "search") opt = {zhtext::cut_mode::search, true};
  else return usage();
  if (input.empty()) return usage();

  std::string text;
  {
    std::ifstream in(input, std::ios::binary | std::ios::ate);
    if (!in) {
      std::cerr << "segment_bench: cannot open '" << input << "'\n";
      return 3;
    }
    text.resize(static_cast<std::size_t>(in.tellg()));
    in.seekg(0);
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
  }
  const std::vector<std::string_view> lines = bench::lines_of(text);

  const auto t0 = std::chrono::steady_clock::now();
  const double c0 = thread_cpu_seconds();
  auto seg = zhtext::segmenter::load();
  if (!seg) {
    std::cerr << "segment_bench: " << seg.error().message << '\n';
    return 3;
  }
  const double load_s = seconds_since(t0);
  const double load_cpu_s = thread_cpu_seconds() - c0;
  const bool warm = seg->base_dictionary()->report().origin == zhtext::load_report::origin_kind::cache_hit;

  std::size_t tokens = 0;
  const auto t1 = std::chrono::steady_clock::now();
  const double c1 = thread_cpu_seconds();
  if (threads >= 1) {
    std::string word;
    zhtext::for_each_token_parallel(*seg, text, [&](const zhtext::token& t) {
      word.assign(t.text);
      ++tokens;
    }, opt, threads);
  } else {
    std::vector<std::string> words;
    for (std::string_view line : lines) {
      words.clear();
      seg->for_each_token(line, [&](const zhtext::token& t) { words.emplace_back(t.text); }, opt);
      tokens += words.size();
    }
  }
  const double segment_s = seconds_since(t1);
  const double segment_cpu_s = thread_cpu_seconds() - c1;
  struct rusage ru {};
  getrusage(RUSAGE_SELF, &ru);

  if (!tokens_out.empty()) {
    std::ofstream out(tokens_out, std::ios::binary);
    std::string buf;
    for (std::string_view line : lines) {
      buf.clear();
      seg->for_each_token(line, [&](const zhtext::token& t) {
        if (blank(t.text)) return;
        if (!buf.empty()) buf += "  ";
        buf += t.text;
      }, opt);
      buf += '\n';
      out << buf;
    }
  }

  std::printf("{\"impl\":\"zhtext\",\"mode\":\"%s\",\"bytes\":%zu,\"tokens\":%zu,\"load_s\":%.6f,\"segment_s\":%.6f,"
              "\"peak_rss_kib\":%ld,\"cache\":\"%s\",\"load_cpu_s\":%.6f,\"segment_cpu_s\":%.6f%s}\n",
              mode.c_str(), text.size(), tokens, load_s, segment_s, ru.ru_maxrss, warm ? "warm" : "cold", load_cpu_s,
              segment_cpu_s,
              threads >= 1 ? (",\"threads\":" + std::to_string(threads)).c_str() : "");
  return 0;
}
