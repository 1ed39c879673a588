// reference_run.hpp - runs a reference program (Python jieba through tests/*_reference.py,
// the `opencc` program) at test time and returns what it printed; the one place the
// tests start such programs.
//
// The references cost far more than the code under test (Python's jieba cuts ~100
// times slower), and every build of scripts/test.sh (release, ASan/UBSan) compares
// with the same ones. With $ZHTEXT_REFERENCE_CACHE set (CMake sets it for CTest, see
// tests/CMakeLists.txt: one directory per checkout in scripts/test.sh), an output is
// computed once and kept there, keyed by what determines it: the command's words,
// where a word names a file its contents instead of its name (and the same one level
// down, for the files a job or edit list names), and the reference scripts
// themselves. Only successful runs are kept; a file is written under a temporary name
// and renamed, so tests running at the same time never read half of one.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include <unistd.h>

#include "test_support.hpp"

namespace zhtext_test {

/// The Python with the reference jieba: $ZHTEXT_REFERENCE_PYTHON or /usr/bin/python3.
inline std::string reference_python() {
  const char* env = std::getenv("ZHTEXT_REFERENCE_PYTHON");
  return env != nullptr && *env != '\0' ? env : "/usr/bin/python3";
}

/// Single-quoted for the shell.
inline std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

/// What a reference program printed on its standard output, or why it could not run.
struct reference_output {
  std::string out;
  std::string error;  ///< not empty when the program could not be run or failed

  /// `out` split at '\n' (no final empty piece).
  std::vector<std::string> lines() const {
    const std::vector<std::string_view> v = split_lines(out);
    return {v.begin(), v.end()};
  }
};

namespace detail {

/// FNV-1a, 64 bits: the cache key (not a defence against crafted inputs).
struct key_hash {
  std::uint64_t h = 14695981039346656037ull;
  void add(std::string_view s) {
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    // The length closes each piece: ("ab", "c") and ("a", "bc") differ.
    for (std::size_t n = s.size(), i = 0; i < 8; ++i, n >>= 8) h = (h ^ (n & 0xFF)) * 1099511628211ull;
  }
};

inline bool is_file(const std::filesystem::path& p) {
  std::error_code ec;
  return !p.empty() && std::filesystem::is_regular_file(p, ec);
}

/// Adds `word` to the key: a file by its contents; in those (up to 1 MiB, `depth`
/// levels down), the words (between white space and JSON's punctuation) that name
/// files, relative to the file's folder, by their contents in turn.
inline void add_word(key_hash& key, const std::string& word, const std::filesystem::path& base, int depth) {
  const std::filesystem::path p = std::filesystem::path(word).is_absolute() ? std::filesystem::path(word) : base / word;
  if (word.empty() || !is_file(p)) {
    key.add(word);
    return;
  }
  const std::string text = read_file(p.string());
  key.add("<file>");
  if (depth == 0 || text.size() > (std::size_t{1} << 20)) {
    key.add(text);
    return;
  }
  for (std::size_t b = 0; b <= text.size();) {
    std::size_t e = text.find_first_of("\t\n\r \",:{}[]", b);
    if (e == std::string::npos) e = text.size();
    add_word(key, text.substr(b, e - b), p.parent_path(), depth - 1);
    key.add(e < text.size() ? std::string_view(&text[e], 1) : "");
    b = e + 1;
  }
}

inline std::string run_command(const std::vector<std::string>& argv, reference_output& r) {
  std::string cmd;
  for (const std::string& a : argv) cmd += (cmd.empty() ? "" : " ") + shell_quote(a);
  FILE* p = ::popen(cmd.c_str(), "r");
  if (p == nullptr) {
    r.error = "cannot run " + cmd;
    return cmd;
  }
  char buf[65536];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  const int status = ::pclose(p);
  if (status != 0) r.error = "'" + cmd + "' failed (status " + std::to_string(status) + ")";
  return cmd;
}

}  // namespace detail

/// Runs `argv` (argv[0] found on PATH; each word passed as it is, no shell syntax) and
/// returns its standard output, from $ZHTEXT_REFERENCE_CACHE when an identical run is
/// there (see above; argv[0] counts by its name).
inline reference_output run_reference(const std::vector<std::string>& argv) {
  reference_output r;
  const char* cache = std::getenv("ZHTEXT_REFERENCE_CACHE");
  std::string entry;
  if (cache != nullptr && *cache != '\0') {
    detail::key_hash key;
    for (const char* script : {"jieba_reference.py", "pos_reference.py", "keywords_reference.py"})
      key.add(read_file(std::string(ZHTEXT_SOURCE_DIR) + "/tests/" + script));
    key.add(argv.at(0));
    for (std::size_t i = 1; i < argv.size(); ++i) detail::add_word(key, argv[i], std::filesystem::current_path(), 1);
    char name[32];
    std::snprintf(name, sizeof name, "%016llx.out", static_cast<unsigned long long>(key.h));
    entry = (std::filesystem::path(cache) / name).string();
    if (detail::is_file(entry)) {
      r.out = read_file(entry);
      return r;
    }
  }
  detail::run_command(argv, r);
  if (!entry.empty() && r.error.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(entry).parent_path(), ec);
    const std::string part = entry + "." + std::to_string(static_cast<long>(::getpid())) + ".part";
    std::ofstream f(part, std::ios::binary);
    f << r.out;
    f.close();
    if (f) std::filesystem::rename(part, entry, ec);
    std::filesystem::remove(part, ec);
  }
  return r;
}

/// Runs tests/SCRIPT with the reference Python (see run_reference); the error says
/// what to install.
inline reference_output run_reference_script(const std::string& script, std::vector<std::string> args) {
  args.insert(args.begin(), {reference_python(), std::string(ZHTEXT_SOURCE_DIR) + "/tests/" + script});
  reference_output r = run_reference(args);
  if (!r.error.empty()) r.error += "; is python3-jieba installed for " + reference_python() + "?";
  return r;
}

}  // namespace zhtext_test
