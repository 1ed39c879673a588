// Segmentation benchmark runner for cppjieba (our driver; cppjieba itself is not in the
// repository). benchmarks/segment/run.sh takes cppjieba's headers, limonp and
// dictionary from npm's nodejieba@3.5.8 tarball and compiles this file with
//   g++ -std=c++17 -O2 -I.../cppjieba/include -I.../limonp/include
//
//   cppjieba_runner --dict-dir DIR --mode precise|precise-nohmm|full|search
//                   --input FILE [--tokens-out FILE]
//
// DIR holds cppjieba's dictionary files (jieba.dict.utf8, hmm_model.utf8,
// user.dict.utf8, idf.utf8, stop_words.utf8), loaded the way nodejieba does: one
// cppjieba::Jieba object (which also loads the keyword extractor's idf and stop words:
// that is what its users get, and part of the time to ready and the RSS).
// Prints one JSON line, the interface of every runner in benchmarks/segment/:
//   {"impl":"cppjieba","mode":...,"bytes":N,"tokens":T,"load_s":x,"segment_s":y,
//    "segment_cpu_s":c,"peak_rss_kib":z,"token_bytes":b}
// load_s     constructing cppjieba::Jieba (reading and parsing the dictionaries).
// segment_s  the loop over the input's lines only, each line cut into a
//            std::vector<std::string> (Jieba::Cut(s, words, hmm), CutAll,
//            CutForSearch(s, words, true)); file reading and line splitting excluded.
// segment_cpu_s  the process's CPU time during that loop (CLOCK_PROCESS_CPUTIME_ID).
// token_bytes    the bytes of all tokens (keeps the loop's work observable).
// peak_rss_kib  getrusage(RUSAGE_SELF).ru_maxrss after the loop.
// --tokens-out: one line per input line, tokens joined by two spaces, empty tokens and
// tokens made only of Unicode White_Space dropped; written in a second, untimed pass.
#include <sys/resource.h>
#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "cppjieba/Jieba.hpp"

namespace {

int usage(const char* msg) {
  std::fprintf(stderr,
               "cppjieba_runner: %s\nusage: cppjieba_runner --dict-dir DIR --mode "
               "precise|precise-nohmm|full|search --input FILE [--tokens-out FILE]\n",
               msg);
  return 2;
}

// Decodes one UTF-8 sequence at s[i] (the input is trusted to be valid; an invalid
// lead byte is taken as one byte and is not White_Space).
char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto b = static_cast<unsigned char>(s[i]);
  int len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 1;
  if (i + len > s.size()) len = 1;
  char32_t c = len == 1 ? b : (b & (0x7F >> len));
  for (int k = 1; k < len; ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += len;
  return len == 1 && b >= 0x80 ? 0xFFFD : c;
}

// Unicode White_Space, the set zhtext::is_space uses.
bool is_white_space(char32_t c) {
  return c == 0x20 || (c >= 0x09 && c <= 0x0D) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
         c == 0x205F || c == 0x3000;
}

// CPU time of the process so far, in seconds.
double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

bool is_blank(std::string_view token) {
  for (std::size_t i = 0; i < token.size();)
    if (!is_white_space(next_code_point(token, i))) return false;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  std::string mode, input, tokens_out, dict_dir;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (i + 1 >= argc) return usage(("missing value for " + a).c_str());
    if (a == "--mode") mode = argv[++i];
    else if (a == "--input") input = argv[++i];
    else if (a == "--tokens-out") tokens_out = argv[++i];
    else if (a == "--dict-dir") dict_dir = argv[++i];
    else return usage(("unknown argument " + a).c_str());
  }
  if (mode != "precise" && mode != "precise-nohmm" && mode != "full" && mode != "search")
    return usage("--mode must be precise, precise-nohmm, full or search");
  if (input.empty() || dict_dir.empty()) return usage("--input and --dict-dir are required");

  std::vector<std::string> lines;
  std::size_t bytes = 0;
  {
    std::ifstream in(input, std::ios::binary);
    if (!in) return usage(("cannot read " + input).c_str());
    std::string raw;
    {
      std::ostringstream ss;
      ss << in.rdbuf();
      raw = ss.str();
    }
    bytes = raw.size();
    for (std::size_t pos = 0; pos < raw.size();) {
      std::size_t nl = raw.find('\n', pos);
      if (nl == std::string::npos) nl = raw.size();
      lines.emplace_back(raw, pos, nl - pos);
      pos = nl + 1;
    }
  }  // the input is held once, as the lines, when the dictionary is loaded

  using clock = std::chrono::steady_clock;
  auto t0 = clock::now();
  const std::string d = dict_dir + "/";
  cppjieba::Jieba jieba(d + "jieba.dict.utf8", d + "hmm_model.utf8", d + "user.dict.utf8",
                        d + "idf.utf8", d + "stop_words.utf8");
  const double load_s = std::chrono::duration<double>(clock::now() - t0).count();

  std::vector<std::string> words;
  auto cut = [&](const std::string& s) {
    if (mode == "precise") jieba.Cut(s, words, true);
    else if (mode == "precise-nohmm") jieba.Cut(s, words, false);
    else if (mode == "full") jieba.CutAll(s, words);
    else jieba.CutForSearch(s, words, true);
  };

  std::size_t tokens = 0, token_bytes = 0;
  const double c0 = cpu_seconds();
  t0 = clock::now();
  for (const std::string& line : lines) {
    cut(line);
    tokens += words.size();
    for (const std::string& w : words) token_bytes += w.size();
  }
  const double segment_s = std::chrono::duration<double>(clock::now() - t0).count();
  const double segment_cpu_s = cpu_seconds() - c0;
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);

  if (!tokens_out.empty()) {
    std::ofstream out(tokens_out, std::ios::binary);
    if (!out) return usage(("cannot write " + tokens_out).c_str());
    for (const std::string& line : lines) {
      cut(line);
      bool first = true;
      for (const std::string& w : words) {
        if (is_blank(w)) continue;
        if (!first) out << "  ";
        out << w;
        first = false;
      }
      out << '\n';
    }
    if (!out.flush()) return usage(("cannot write " + tokens_out).c_str());
  }

  std::printf(
      "{\"impl\":\"cppjieba\",\"mode\":\"%s\",\"bytes\":%zu,\"tokens\":%zu,\"load_s\":%.6f,"
      "\"segment_s\":%.6f,\"segment_cpu_s\":%.6f,\"peak_rss_kib\":%ld,\"token_bytes\":%zu}\n",
      mode.c_str(), bytes, tokens, load_s, segment_s, segment_cpu_s, ru.ru_maxrss, token_bytes);
  return 0;
}
