// test_support.hpp - helpers for zhtext's tests: files, the corpus, random bytes.
#pragma once

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <unistd.h>

namespace zhtext_test {

/// The news corpus directory: $ZHTEXT_CORPUS, else ../shared/corpus/news beside the
/// source tree.
inline std::string corpus_dir() {
  if (const char* env = std::getenv("ZHTEXT_CORPUS"); env != nullptr && *env != '\0') return env;
  return std::string(ZHTEXT_SOURCE_DIR) + "/../shared/corpus/news";
}

/// The corpus's *.txt files, sorted; empty if the corpus is absent.
inline std::vector<std::string> corpus_files() {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(corpus_dir(), ec))
    if (e.is_regular_file() && e.path().extension() == ".txt") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

/// The whole content of a file (empty if it cannot be read).
inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// The lines of `text`, as the reference scripts read them: split at '\n', no final
/// empty piece.
inline std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    lines.push_back(text.substr(pos, nl - pos));
    pos = nl + 1;
  }
  return lines;
}

/// A fresh directory under the system temp dir, removed (with its files) at the end.
struct temp_dir {
  std::filesystem::path path;
  explicit temp_dir(const std::string& tag = "zhtext_test") {
    static int n = 0;
    path = std::filesystem::temp_directory_path() /
           (tag + "_" + std::to_string(static_cast<long>(::getpid())) + "_" + std::to_string(n++));
    std::filesystem::create_directories(path);
  }
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;
  ~temp_dir() {
    std::error_code ec;
    std::filesystem::permissions(path, std::filesystem::perms::owner_all, ec);
    std::filesystem::remove_all(path, ec);
  }
  std::string file(const std::string& name) const { return (path / name).string(); }
};

/// Writes `text` to `path` (binary).
inline void write_file(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

/// A file in tests/data.
inline std::string data_path(const std::string& name) { return std::string(ZHTEXT_TEST_DATA_DIR) + "/" + name; }

/// The rows of a table in tests/data (columns separated by `sep`, white space around
/// them dropped; blank lines and lines starting with '#' skipped).
inline std::vector<std::vector<std::string>> data_table(const std::string& name, char sep = '|') {
  std::vector<std::vector<std::string>> rows;
  std::istringstream table(read_file(data_path(name)));
  for (std::string line; std::getline(table, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string>& cols = rows.emplace_back();
    std::istringstream ls(line);
    for (std::string c; std::getline(ls, c, sep);) {
      const std::size_t b = c.find_first_not_of(" \t");
      cols.push_back(b == std::string::npos ? "" : c.substr(b, c.find_last_not_of(" \t") - b + 1));
    }
  }
  return rows;
}

/// Random byte strings biased towards (broken) UTF-8: ASCII, lead bytes, continuation
/// bytes, whole CJK characters and the bytes that trip decoders.
class byte_fuzzer {
 public:
  explicit byte_fuzzer(std::uint64_t seed) : rng_(seed) {}
  std::string next(std::size_t max_len) {
    std::uniform_int_distribution<std::size_t> len(0, max_len);
    std::string s;
    const std::size_t n = len(rng_);
    while (s.size() < n) {
      switch (rng_() % 8) {
        case 0: s += static_cast<char>(rng_() % 0x80); break;
        case 1: s += static_cast<char>(0x80 + rng_() % 0x40); break;
        case 2: s += static_cast<char>(0xC0 + rng_() % 0x40); break;
        case 3: s += "\xE4\xB8\xAD"; break;                       // 中
        case 4: s += "\xF0\x9F\x98\x80"; break;                   // 😀
        case 5: s += static_cast<char>(rng_() % 256); break;
        case 6: s += "\xE3\x80\x82"; break;                       // 。
        default: s += "\n"; break;
      }
    }
    return s;
  }
  std::mt19937_64& engine() { return rng_; }

 private:
  std::mt19937_64 rng_;
};

/// Bytes from a hex string ("E4 B8 AD" or "e4b8ad").
inline std::string from_hex(const std::string& hex) {
  std::string out, digits;
  for (char c : hex)
    if (std::isxdigit(static_cast<unsigned char>(c))) digits += c;
  for (std::size_t i = 0; i + 1 < digits.size(); i += 2)
    out += static_cast<char>(std::stoi(digits.substr(i, 2), nullptr, 16));
  return out;
}

}  // namespace zhtext_test
