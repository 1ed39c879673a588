// match_build_bench.cpp - matcher build time (issue 14 defect 5: the double-array
// placement was quadratic on one long periodic pattern). No peer: the build is
// zhtext's own; compare builds of two checkouts on the same machine, interleaved.
//
//   match_build_bench ab 10000 20000 40000 80000   # one pattern 'ab' x N
//   match_build_bench random 100000                 # N random 2-4 character Han words
//   match_build_bench dict 100000 400000            # N words of jieba's dict.txt (shuffled)
//
// Prints the build time, the image size and an FNV-1a hash of the image (equal hashes:
// byte-identical automata), then the process's peak RSS.
#include <zhtext/match.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include <sys/resource.h>

namespace {

std::uint64_t fnv1a(std::string_view s) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

void build(const std::string& name, const std::vector<std::string>& patterns) {
  const auto t0 = std::chrono::steady_clock::now();
  zhtext::matcher_builder b;
  for (const std::string& p : patterns) (void)b.add(p);
  const auto m = b.build();
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!m) {
    std::printf("%-24s error: %s\n", name.c_str(), m.error().message.c_str());
    return;
  }
  std::printf("%-24s %8.3f s  image %10zu B  hash %016llx\n", name.c_str(), s, m->image().size(),
              static_cast<unsigned long long>(fnv1a(m->image())));
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "";
  std::vector<std::size_t> sizes;
  for (int i = 2; i < argc; ++i) sizes.push_back(std::strtoull(argv[i], nullptr, 10));
  if (sizes.empty() || (mode != "ab" && mode != "random" && mode != "dict")) {
    std::fprintf(stderr, "usage: match_build_bench ab|random|dict N...\n");
    return 2;
  }
  std::vector<std::string> words;
  if (mode == "dict") {
    const char* env = std::getenv("ZHTEXT_JIEBA_DIR");
    std::ifstream f(std::string(env != nullptr && *env != '\0' ? env : ZHTEXT_DEFAULT_JIEBA_DIR) + "/dict.txt");
    for (std::string line; std::getline(f, line);) words.push_back(line.substr(0, line.find(' ')));
    if (words.empty()) {
      std::fprintf(stderr, "match_build_bench: jieba's dict.txt not found (python3-jieba)\n");
      return 1;
    }
    std::shuffle(words.begin(), words.end(), std::mt19937(7));
  }
  for (const std::size_t n : sizes) {
    std::vector<std::string> patterns;
    if (mode == "ab") {
      patterns.emplace_back();
      for (std::size_t k = 0; k < n; ++k) patterns.back() += "ab";
    } else if (mode == "random") {
      std::mt19937 g(42);
      std::uniform_int_distribution<int> cp(0x4E00, 0x9FA5), len(2, 4);
      for (std::size_t i = 0; i < n; ++i) {
        std::string w;
        for (int k = len(g); k > 0; --k) zhtext::append_utf8(w, static_cast<char32_t>(cp(g)));
        patterns.push_back(std::move(w));
      }
    } else {
      patterns.assign(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(std::min(n, words.size())));
    }
    build(mode + " " + std::to_string(patterns.size() == 1 ? n : patterns.size()), patterns);
  }
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  std::printf("peak RSS %ld MB\n", ru.ru_maxrss / 1024);
}
