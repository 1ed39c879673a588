// match_bench.cpp - multi-pattern matching: zhtext's matcher beside Vectorscan (literal
// mode) and a plain failure-link Aho-Corasick, in one run, on the same text.
//
//   match_bench [--runs N] [--mb N] [--sizes 100,1000,...]
//
// Patterns: N distinct words of >= 2 characters from jieba's dict.txt (Debian
// python3-jieba; $ZHTEXT_JIEBA_DIR overrides the directory), sampled deterministically
// (a fixed-seed shuffle of the file's words; each size takes a prefix). Text: the news
// corpus repeated to >= 10 MB. All overlapping matches are counted by a callback.
// Reported: scan speed (MB/s on thread CPU time, best of N runs, engines interleaved),
// build time, peak RSS while building (measured in a forked child, minus the child's
// RSS before building), the size of the compiled structure, and whether the three
// engines found the same (start, end, pattern) triples. Vectorscan is timed without
// start-of-match tracking (its fastest mode for literals: a literal's start is its end
// minus its length) and checked once more with HS_FLAG_SOM_LEFTMOST, whose reported
// starts must equal ours. Prints Markdown tables (benchmarks/README.md).
#include <hs/hs.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include <zhtext/match.hpp>

#include "bench_support.hpp"

namespace {

double cpu_now() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// ---- inputs ---------------------------------------------------------------------

std::vector<std::string> dictionary_words() {
  const char* env = std::getenv("ZHTEXT_JIEBA_DIR");
  const std::string path = std::string(env != nullptr && *env != '\0' ? env : ZHTEXT_DEFAULT_JIEBA_DIR) + "/dict.txt";
  std::ifstream in(path);
  std::vector<std::string> words;
  std::unordered_set<std::string> seen;
  for (std::string line; std::getline(in, line);) {
    const std::string w = line.substr(0, line.find(' '));
    if (zhtext::is_valid_utf8(w) && zhtext::count_code_points(w) >= 2 && seen.insert(w).second) words.push_back(w);
  }
  std::uint64_t state = 20240601;
  auto next = [&] {  // splitmix64: the same sample on every platform
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  };
  for (std::size_t i = 0; i + 1 < words.size(); ++i) std::swap(words[i], words[i + next() % (words.size() - i)]);
  return words;
}

// ---- the baseline: textbook Aho-Corasick over bytes, sorted child lists ----------

class plain_ac {
 public:
  explicit plain_ac(const std::vector<std::string>& patterns) {
    nodes_.emplace_back();
    for (std::uint32_t i = 0; i < patterns.size(); ++i) {
      std::uint32_t s = 0;
      for (unsigned char c : patterns[i]) {
        std::uint32_t x = child(s, c);
        if (x == none) {
          x = static_cast<std::uint32_t>(nodes_.size());
          auto& kids = nodes_[s].kids;
          kids.insert(std::lower_bound(kids.begin(), kids.end(), std::make_pair(c, std::uint32_t{0})),
                      std::make_pair(c, x));
          nodes_.emplace_back();
        }
        s = x;
      }
      nodes_[s].pattern = i;
      lengths_.push_back(static_cast<std::uint32_t>(patterns[i].size()));
    }
    std::vector<std::uint32_t> queue{0};
    for (std::size_t q = 0; q < queue.size(); ++q) {
      const std::uint32_t s = queue[q];
      for (const auto& [c, x] : nodes_[s].kids) {
        queue.push_back(x);
        std::uint32_t f = 0;
        if (s != 0)
          for (std::uint32_t y = nodes_[s].fail;; y = nodes_[y].fail) {
            if (const std::uint32_t g = child(y, c); g != none) {
              f = g;
              break;
            }
            if (y == 0) break;
          }
        nodes_[x].fail = f;
        nodes_[x].out = nodes_[f].pattern != none ? f : nodes_[f].out;
      }
    }
  }
  template <class F>
  void scan(std::string_view text, F&& f) const {
    std::uint32_t s = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
      const unsigned char c = static_cast<unsigned char>(text[i]);
      for (;;) {
        if (const std::uint32_t x = child(s, c); x != none) {
          s = x;
          break;
        }
        if (s == 0) break;
        s = nodes_[s].fail;
      }
      for (std::uint32_t x = nodes_[s].pattern != none ? s : nodes_[s].out; x != none; x = nodes_[x].out)
        f(i + 1 - lengths_[nodes_[x].pattern], i + 1, nodes_[x].pattern);
    }
  }
  std::size_t memory() const {
    std::size_t n = nodes_.size() * sizeof(node);
    for (const node& x : nodes_) n += x.kids.capacity() * sizeof(x.kids[0]);
    return n;
  }

 private:
  static constexpr std::uint32_t none = 0xFFFFFFFFu;
  struct node {
    std::vector<std::pair<unsigned char, std::uint32_t>> kids;
    std::uint32_t fail = 0, pattern = none, out = none;
  };
  std::uint32_t child(std::uint32_t s, unsigned char c) const {
    const auto& k = nodes_[s].kids;
    const auto it = std::lower_bound(k.begin(), k.end(), std::make_pair(c, std::uint32_t{0}));
    return it != k.end() && it->first == c ? it->second : none;
  }
  std::vector<node> nodes_;
  std::vector<std::uint32_t> lengths_;
};

// ---- Vectorscan -----------------------------------------------------------------

struct vectorscan {
  hs_database_t* db = nullptr;
  hs_scratch_t* scratch = nullptr;
  vectorscan(const std::vector<std::string>& patterns, unsigned flag) {
    std::vector<const char*> expr;
    std::vector<unsigned> flags, ids;
    std::vector<std::size_t> lens;
    for (std::size_t i = 0; i < patterns.size(); ++i) {
      expr.push_back(patterns[i].data());
      flags.push_back(flag);
      ids.push_back(static_cast<unsigned>(i));
      lens.push_back(patterns[i].size());
    }
    hs_compile_error_t* err = nullptr;
    if (hs_compile_lit_multi(expr.data(), flags.data(), ids.data(), lens.data(), static_cast<unsigned>(expr.size()),
                             HS_MODE_BLOCK, nullptr, &db, &err) != HS_SUCCESS) {
      std::fprintf(stderr, "match_bench: Vectorscan compile failed: %s\n", err != nullptr ? err->message : "?");
      std::exit(1);
    }
    if (hs_alloc_scratch(db, &scratch) != HS_SUCCESS) std::exit(1);
  }
  ~vectorscan() {
    hs_free_scratch(scratch);
    hs_free_database(db);
  }
  std::size_t memory() const {
    std::size_t a = 0, b = 0;
    hs_database_size(db, &a);
    hs_scratch_size(scratch, &b);
    return a + b;
  }
  template <class F>
  void scan(std::string_view text, F& f) const {
    hs_scan(db, text.data(), static_cast<unsigned>(text.size()), 0, scratch,
            [](unsigned id, unsigned long long from, unsigned long long to, unsigned, void* ctx) {
              (*static_cast<F*>(ctx))(static_cast<std::size_t>(from), static_cast<std::size_t>(to), id);
              return 0;
            },
            &f);
  }
};

// ---- measurement helpers ----------------------------------------------------------

/// Peak RSS (MB) a forked child adds while running `build`.
template <class F>
double build_peak_rss_mb(F&& build) {
  int fds[2];
  if (pipe(fds) != 0) return -1;
  const pid_t pid = fork();
  if (pid == 0) {
    rusage before{};
    getrusage(RUSAGE_SELF, &before);
    build();
    const long kb = before.ru_maxrss;
    if (write(fds[1], &kb, sizeof kb) != sizeof kb) _exit(1);
    _exit(0);
  }
  long before_kb = 0;
  if (read(fds[0], &before_kb, sizeof before_kb) != sizeof before_kb) before_kb = 0;
  close(fds[0]);
  close(fds[1]);
  int status = 0;
  rusage ru{};
  wait4(pid, &status, 0, &ru);
  return static_cast<double>(ru.ru_maxrss - before_kb) / 1024.0;
}

struct collected {
  std::vector<std::uint64_t> triples;  // (end << 24 | pattern), start checked separately
  std::size_t count = 0, bad_start = 0;
};

struct row {
  std::size_t patterns = 0;
  double mbs[4] = {};           // zhtext, zhtext portable, Vectorscan, plain AC
  double build[3] = {};         // zhtext, Vectorscan, plain AC (s)
  double rss[3] = {};           // MB
  double structure[3] = {};     // MB
  std::size_t matches = 0;
  bool agree = false;
};

std::string fmt(double v, const char* f = "%.0f") {
  char b[64];
  std::snprintf(b, sizeof b, f, v);
  return b;
}

}  // namespace

int main(int argc, char** argv) {
  int runs = 3;
  double mb = 10;
  std::vector<std::size_t> sizes = {100, 1000, 10000, 100000};
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--runs" && i + 1 < argc) runs = std::max(1, std::atoi(argv[++i]));
    else if (a == "--mb" && i + 1 < argc) mb = std::atof(argv[++i]);
    else if (a == "--sizes" && i + 1 < argc) {
      sizes.clear();
      for (std::string s = argv[++i]; !s.empty();) {
        sizes.push_back(std::stoul(s));
        const auto c = s.find(',');
        s = c == std::string::npos ? "" : s.substr(c + 1);
      }
    } else {
      std::fprintf(stderr, "usage: match_bench [--runs N] [--mb N] [--sizes 100,1000,...]\n");
      return 2;
    }
  }
  const std::vector<std::string> all_words = dictionary_words();
  if (all_words.size() < sizes.back()) {
    std::fprintf(stderr, "match_bench: jieba's dict.txt not found or too small (python3-jieba)\n");
    return 1;
  }
  // Memory first, in forked children, before this process holds the text.
  std::vector<row> rows;
  for (std::size_t n : sizes) {
    row r;
    r.patterns = n;
    const std::vector<std::string> words(all_words.begin(), all_words.begin() + static_cast<std::ptrdiff_t>(n));
    r.rss[0] = build_peak_rss_mb([&] {
      zhtext::matcher_builder b;
      for (const auto& w : words) (void)b.add(w);
      bench::keep(b.build().value());
    });
    r.rss[1] = build_peak_rss_mb([&] { vectorscan v(words, 0); bench::keep(v); });
    r.rss[2] = build_peak_rss_mb([&] { plain_ac a(words); bench::keep(a); });
    rows.push_back(r);
  }

  const std::string corpus = bench::corpus_text();
  if (corpus.empty()) {
    std::fprintf(stderr, "match_bench: the news corpus was not found at %s\n", bench::corpus_dir().c_str());
    return 1;
  }
  const std::string text = bench::repeat_to(corpus, static_cast<std::size_t>(mb * 1e6));
  const double megabytes = static_cast<double>(text.size()) / 1e6;

  for (row& r : rows) {
    const std::vector<std::string> words(all_words.begin(), all_words.begin() + static_cast<std::ptrdiff_t>(r.patterns));
    double t0 = cpu_now();
    zhtext::matcher_builder b;
    for (const auto& w : words) (void)b.add(w);
    const zhtext::matcher zh = b.build().value();
    r.build[0] = cpu_now() - t0;
    t0 = cpu_now();
    const vectorscan vs(words, 0);
    r.build[1] = cpu_now() - t0;
    t0 = cpu_now();
    const plain_ac ac(words);
    r.build[2] = cpu_now() - t0;
    r.structure[0] = static_cast<double>(zh.memory_usage()) / 1e6;
    r.structure[1] = static_cast<double>(vs.memory()) / 1e6;
    r.structure[2] = static_cast<double>(ac.memory()) / 1e6;

    // Correctness: the same (start, end, pattern) triples from every engine.
    auto collect = [&](collected& c) {
      return [&c, &words](std::size_t from, std::size_t to, std::uint32_t id) {
        ++c.count;
        c.triples.push_back((std::uint64_t{to} << 24) | id);
        if (from != to - words[id].size()) ++c.bad_start;
      };
    };
    collected czh, cvs, cac, csom;
    {
      auto f = collect(czh);
      zh.for_each_match(text, [&](const zhtext::match& m) { f(m.begin, m.end, m.pattern); });
      auto g = collect(cvs);
      auto g2 = [&](std::size_t, std::size_t to, std::uint32_t id) { g(to - words[id].size(), to, id); };
      vs.scan(text, g2);
      auto h = collect(cac);
      ac.scan(text, h);
      const vectorscan som(words, HS_FLAG_SOM_LEFTMOST);
      auto s = collect(csom);
      som.scan(text, s);
    }
    for (collected* c : {&czh, &cvs, &cac, &csom}) std::sort(c->triples.begin(), c->triples.end());
    r.matches = czh.count;
    r.agree = czh.triples == cvs.triples && czh.triples == cac.triples && czh.triples == csom.triples &&
              czh.bad_start == 0 && csom.bad_start == 0;
    if (!r.agree)
      std::fprintf(stderr, "match_bench: %zu patterns: MATCHES DIFFER (zhtext %zu, Vectorscan %zu, SOM %zu, plain %zu)\n",
                   r.patterns, czh.count, cvs.count, csom.count, cac.count);

    // Speed: best of `runs`, the engines interleaved in each run.
    double best[4] = {1e300, 1e300, 1e300, 1e300};
    for (int run = 0; run < runs; ++run) {
      for (int e = 0; e < 4; ++e) {
        std::uint64_t sum = 0;
        auto count = [&](std::size_t, std::size_t to, std::uint32_t id) { sum += to + id; };
        const double t = cpu_now();
        if (e <= 1) {
          zhtext::detail::match_simd_enabled = e == 0;
          zh.for_each_match(text, [&](const zhtext::match& m) { sum += m.end + m.pattern; });
          zhtext::detail::match_simd_enabled = true;
        } else if (e == 2) {
          vs.scan(text, count);
        } else {
          ac.scan(text, count);
        }
        best[e] = std::min(best[e], cpu_now() - t);
        bench::keep(sum);
      }
    }
    for (int e = 0; e < 4; ++e) r.mbs[e] = megabytes / best[e];
    std::fprintf(stderr, "match_bench: %zu patterns done\n", r.patterns);
  }

  std::printf("All overlapping matches of N dictionary words (>= 2 characters, jieba dict.txt) in %.1f MB of news\n"
              "text; MB/s on thread CPU time, best of %d; one core. zhtext = the default build (AVX2 prefilter\n"
              "where the CPU has it), \"portable\" = the same automaton with AVX2 switched off.\n\n",
              megabytes, runs);
  std::printf("| patterns | zhtext | zhtext portable | Vectorscan | plain AC | zhtext ÷ Vectorscan | matches | same matches |\n");
  std::printf("|---:|---:|---:|---:|---:|---:|---:|:---:|\n");
  for (const row& r : rows)
    std::printf("| %zu | %s | %s | %s | %s | %s | %zu | %s |\n", r.patterns, fmt(r.mbs[0]).c_str(), fmt(r.mbs[1]).c_str(),
                fmt(r.mbs[2]).c_str(), fmt(r.mbs[3]).c_str(), fmt(r.mbs[0] / r.mbs[2], "%.2f").c_str(), r.matches,
                r.agree ? "yes" : "**NO**");
  std::printf("\nBuilding (CPU seconds), peak RSS added while building (MB, forked child) and size of the\n"
              "compiled structure (MB; Vectorscan: database + scratch).\n\n");
  std::printf("| patterns | build zhtext | build Vectorscan | build plain AC | RSS zhtext | RSS Vectorscan | RSS plain AC | size zhtext | size Vectorscan | size plain AC |\n");
  std::printf("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  for (const row& r : rows)
    std::printf("| %zu | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", r.patterns, fmt(r.build[0], "%.3f").c_str(),
                fmt(r.build[1], "%.3f").c_str(), fmt(r.build[2], "%.3f").c_str(), fmt(r.rss[0], "%.1f").c_str(),
                fmt(r.rss[1], "%.1f").c_str(), fmt(r.rss[2], "%.1f").c_str(), fmt(r.structure[0], "%.2f").c_str(),
                fmt(r.structure[1], "%.2f").c_str(), fmt(r.structure[2], "%.2f").c_str());
  bool all_agree = true;
  for (const row& r : rows) all_agree = all_agree && r.agree;
  return all_agree ? 0 : 1;
}
