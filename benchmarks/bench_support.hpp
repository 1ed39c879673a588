// bench_support.hpp - shared pieces of the zhtext benchmarks: the corpus, timing and
// table output.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace bench {

/// The news corpus directory: $ZHTEXT_CORPUS or ../shared/corpus/news beside the source.
inline std::string corpus_dir() {
  if (const char* env = std::getenv("ZHTEXT_CORPUS"); env != nullptr && *env != '\0') return env;
  return std::string(ZHTEXT_SOURCE_DIR) + "/../shared/corpus/news";
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// All corpus articles concatenated (sorted by name), or empty if absent.
inline std::string corpus_text() {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(corpus_dir(), ec))
    if (e.path().extension() == ".txt") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  std::string all;
  for (const auto& f : files) all += read_file(f);
  return all;
}

/// corpus_text() for the benchmark `name`; without the corpus, says where it was
/// looked for and exits 1.
inline std::string corpus_text_or_exit(const char* name) {
  std::string text = corpus_text();
  if (text.empty()) {
    std::fprintf(stderr, "%s: corpus not found at %s\n", name, corpus_dir().c_str());
    std::exit(1);
  }
  return text;
}

/// `text` repeated until it is at least `min_bytes` long.
inline std::string repeat_to(const std::string& text, std::size_t min_bytes) {
  std::string out;
  if (text.empty()) return out;
  out.reserve(min_bytes + text.size());
  while (out.size() < min_bytes) out += text;
  return out;
}

/// The lines of `text` (split at '\n', without the line ends; no final empty piece).
inline std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  for (std::size_t b = 0; b < text.size();) {
    std::size_t e = text.find('\n', b);
    if (e == std::string_view::npos) e = text.size();
    lines.push_back(text.substr(b, e - b));
    b = e + 1;
  }
  return lines;
}

/// Best wall time in seconds of `runs` calls of f (after one warm-up call).
inline double best_seconds(int runs, const std::function<void()>& f) {
  f();
  double best = 1e300;
  for (int i = 0; i < runs; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    f();
    const auto t1 = std::chrono::steady_clock::now();
    best = std::min(best, std::chrono::duration<double>(t1 - t0).count());
  }
  return best;
}

inline double mb_per_s(std::size_t bytes, double seconds) { return static_cast<double>(bytes) / 1e6 / seconds; }

/// Keeps a value alive so the optimiser cannot drop the work that made it.
template <class T>
inline void keep(const T& value) {
  asm volatile("" : : "g"(&value) : "memory");
}

}  // namespace bench
