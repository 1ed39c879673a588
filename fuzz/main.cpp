// fuzz/main.cpp - the multi-call fuzz program: picks the target, makes seed corpora,
// and hands each input to the target.
//
//   zhtext_fuzz --list                        the targets, one per line, with what they check
//   zhtext_fuzz --make-seeds DIR              writes DIR/<target>/seed-N from the project's texts
//                                             (and a few news corpus lines when it is there)
//   zhtext_fuzz TARGET [libFuzzer args...]    fuzzes TARGET (or run it as zhtext_fuzz_TARGET)
//
// The target name is taken from the program's name (zhtext_fuzz_TARGET), else from
// the first argument (then removed, so libFuzzer never sees it), else from
// $ZHTEXT_FUZZ_TARGET; it is exported in $ZHTEXT_FUZZ_TARGET so that the processes
// libFuzzer starts itself (-fork, -jobs) run the same target.
#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/stat.h>

#include <zhtext/detail/storage/checksum.hpp>  // the one detail header: see restamp_image

#include "fuzz_support.hpp"

namespace zhtext_fuzz {
namespace {

const target* chosen = nullptr;

const target* find_target(std::string_view name) {
  for (const target& t : targets())
    if (name == t.name) return &t;
  return nullptr;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "zhtext_fuzz: cannot read %s (seeds are made from the source tree; set ZHTEXT_SOURCE_DIR)\n",
                 path.c_str());
    std::exit(2);
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t nl = text.find('\n', at);
    if (nl == std::string::npos) nl = text.size();
    if (nl > at) out.push_back(text.substr(at, nl - at));
    at = nl + 1;
  }
  return out;
}

std::string from_hex(std::string_view hex) {
  std::string out;
  int high = -1;
  for (char c : hex) {
    int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    if (v < 0) continue;
    if (high < 0) {
      high = v;
    } else {
      out += static_cast<char>(high * 16 + v);
      high = -1;
    }
  }
  return out;
}

// Real news text improves the seeds of the text targets: when the news corpus is
// there ($ZHTEXT_CORPUS, else ../shared/corpus/news beside the source tree), a few of
// its lines (the first 8 of at most 24 files, each cut to 400 bytes) join the seed
// lines. The seeds live in the build directory, never in the repository.
void add_corpus_lines(const std::string& src, std::vector<std::string>& lines) {
  const char* env = std::getenv("ZHTEXT_CORPUS");
  const std::filesystem::path dir = env != nullptr && *env != '\0' ? std::filesystem::path(env)
                                                                   : std::filesystem::path(src) / "../shared/corpus/news";
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".txt") files.push_back(it->path());
  std::sort(files.begin(), files.end());
  if (files.size() > 24) files.resize(24);
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::string line;
    for (int n = 0; n < 8 && std::getline(in, line);)
      if (!line.empty()) {
        lines.push_back(line.substr(0, 400));
        ++n;
      }
  }
}

seed_texts load_seed_texts() {
  const char* env = std::getenv("ZHTEXT_SOURCE_DIR");
  const std::string src = env != nullptr && *env != '\0' ? env : ZHTEXT_SOURCE_DIR;
  seed_texts t;
  t.sample = read_file(src + "/examples/data/sample_news.txt");
  t.userdict = read_file(src + "/tests/data/segment_userdict.txt");
  t.idf = read_file(src + "/tests/data/keywords_idf.txt");
  t.stop_words = read_file(src + "/tests/data/keywords_stop_words.txt");
  for (const char* f : {"/tests/data/segment_edge_cases.txt", "/tests/data/pos_edge_cases.txt"})
    for (std::string& line : split_lines(read_file(src + f)))
      if (line[0] != '#') t.lines.push_back(std::move(line));
  for (std::string& line : split_lines(t.sample)) t.lines.push_back(std::move(line));
  std::size_t at = 0;
  while (at < t.sample.size()) {
    std::size_t end = t.sample.find("\n\n", at);
    if (end == std::string::npos) end = t.sample.size();
    t.paragraphs.push_back(t.sample.substr(at, end - at));
    at = end + 2;
  }
  t.paragraphs.push_back(t.sample);
  for (const std::string& line : split_lines(read_file(src + "/tests/data/utf8_sequences.txt")))
    if (line[0] != '#') t.utf8_cases.push_back(from_hex(line.substr(0, line.find('|'))));
  add_corpus_lines(src, t.lines);
  return t;
}

void make_seeds(const std::string& dir) {
  const seed_texts texts = load_seed_texts();
  ::mkdir(dir.c_str(), 0755);
  for (const target& t : targets()) {
    std::vector<std::string> seeds;
    t.seeds(texts, seeds);
    const std::string sub = dir + "/" + t.name;
    if (::mkdir(sub.c_str(), 0755) != 0 && errno != EEXIST) {
      std::fprintf(stderr, "zhtext_fuzz: cannot create %s: %s\n", sub.c_str(), std::strerror(errno));
      std::exit(2);
    }
    for (std::size_t i = 0; i < seeds.size(); ++i) {
      std::ofstream out(sub + "/seed-" + std::to_string(i), std::ios::binary | std::ios::trunc);
      out.write(seeds[i].data(), static_cast<std::streamsize>(seeds[i].size()));
      if (!out) {
        std::fprintf(stderr, "zhtext_fuzz: cannot write %s/seed-%zu\n", sub.c_str(), i);
        std::exit(2);
      }
    }
    std::printf("%-12s %zu seeds\n", t.name, seeds.size());
  }
}

[[noreturn]] void usage() {
  std::fprintf(stderr,
               "usage: zhtext_fuzz TARGET [libFuzzer options] [corpus dirs]   (or run it as zhtext_fuzz_TARGET)\n"
               "       zhtext_fuzz --list | --make-seeds DIR\ntargets:\n");
  for (const target& t : targets()) std::fprintf(stderr, "  %-12s %s\n", t.name, t.what);
  std::exit(2);
}

void restamp(std::vector<std::uint64_t>& v, std::size_t n, std::size_t size_at, std::size_t sum_at,
             std::size_t sum_from) {
  auto* p = reinterpret_cast<unsigned char*>(v.data());
  if (n < sum_from) return;
  const std::uint64_t size = n;
  std::memcpy(p + size_at, &size, 8);  // little-endian hosts only, as the images themselves
  const std::uint64_t sum = zhtext::detail::checksum64(p + sum_from, n - sum_from);
  std::memcpy(p + sum_at, &sum, 8);
}

std::vector<std::uint64_t> aligned_copy(std::string_view bytes) {
  std::vector<std::uint64_t> v(bytes.size() / 8 + 1, 0);
  if (!bytes.empty()) std::memcpy(v.data(), bytes.data(), bytes.size());
  return v;
}

}  // namespace

// detail/storage/image.hpp: size at 24, checksum64 of [40, size) at 32.
std::vector<std::uint64_t> restamp_image(std::string_view bytes) {
  std::vector<std::uint64_t> v = aligned_copy(bytes);
  restamp(v, bytes.size(), 24, 32, 40);
  return v;
}

// detail/match/image.hpp: size at 16, checksum64 of [64, size) at 24.
std::vector<std::uint64_t> restamp_match_image(std::string_view bytes) {
  std::vector<std::uint64_t> v = aligned_copy(bytes);
  restamp(v, bytes.size(), 16, 24, 64);
  return v;
}

}  // namespace zhtext_fuzz

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
  using namespace zhtext_fuzz;
  const std::string_view self = (*argv)[0];
  const std::string_view base = self.substr(self.rfind('/') == std::string_view::npos ? 0 : self.rfind('/') + 1);
  if (base.substr(0, 12) == "zhtext_fuzz_") chosen = find_target(base.substr(12));
  if (chosen == nullptr && *argc > 1) {
    const std::string_view a = (*argv)[1];
    if (a == "--list") {
      for (const target& t : targets()) std::printf("%s\t%s\n", t.name, t.what);
      std::exit(0);
    }
    if (a == "--make-seeds") {
      if (*argc < 3) usage();
      make_seeds((*argv)[2]);
      std::exit(0);
    }
    if (a.empty() || a[0] != '-') {
      chosen = find_target(a);
      if (chosen == nullptr) usage();
      for (int i = 1; i + 1 < *argc; ++i) (*argv)[i] = (*argv)[i + 1];
      --*argc;
    }
  }
  if (chosen == nullptr)
    if (const char* env = std::getenv("ZHTEXT_FUZZ_TARGET"); env != nullptr) chosen = find_target(env);
  if (chosen == nullptr) usage();
  setenv("ZHTEXT_FUZZ_TARGET", chosen->name, 1);
  // One run on the empty input here, before libFuzzer arms its -timeout: the targets
  // load their data once per process on first use (jieba's dictionary and models,
  // OpenCC's configurations), which with a cold image cache means compiling them,
  // a minute under ASan on a busy machine, and would count as a hang of the first input.
  chosen->run(std::string_view());
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  zhtext_fuzz::chosen->run(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
