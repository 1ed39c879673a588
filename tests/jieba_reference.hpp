// jieba_reference.hpp - runs Debian's Python jieba (tests/jieba_reference.py) at test
// time and compares its tokens with zhtext's, line by line and token by token.
#pragma once

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <zhtext/segment.hpp>

#include "test_support.hpp"

namespace zhtext_test {

/// The Python with the reference jieba: $ZHTEXT_REFERENCE_PYTHON or /usr/bin/python3.
inline std::string reference_python() {
  const char* env = std::getenv("ZHTEXT_REFERENCE_PYTHON");
  return env != nullptr && *env != '\0' ? env : "/usr/bin/python3";
}

/// The four modes compared, in the order the reference script prints them.
inline constexpr const char* mode_names[4] = {"precise", "precise-nohmm", "full", "search"};
inline const zhtext::cut_options compared_modes[4] = {
    {zhtext::cut_mode::precise, true}, {zhtext::cut_mode::precise, false},
    {zhtext::cut_mode::full, true}, {zhtext::cut_mode::search, true}};

struct jieba_reference {
  std::vector<std::int64_t> suggest_results;
  std::vector<std::array<std::vector<std::string>, 4>> lines;
  std::string error;  ///< not empty when the reference could not be run
};

inline std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

/// Runs tests/jieba_reference.py on `input` (and the edits in `ops`, if not empty).
inline jieba_reference run_jieba(const std::string& input, const std::string& ops = "") {
  jieba_reference ref;
  const std::string cmd = shell_quote(reference_python()) + " " +
                          shell_quote(std::string(ZHTEXT_SOURCE_DIR) + "/tests/jieba_reference.py") + " " +
                          shell_quote(input) + (ops.empty() ? "" : " " + shell_quote(ops));
  FILE* p = ::popen(cmd.c_str(), "r");
  if (p == nullptr) {
    ref.error = "cannot run " + cmd;
    return ref;
  }
  std::string out;
  char buf[65536];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  const int status = ::pclose(p);
  if (status != 0) {
    ref.error = "'" + cmd + "' failed (status " + std::to_string(status) +
                "); is python3-jieba installed for /usr/bin/python3?";
    return ref;
  }
  std::istringstream in(out);
  std::string line;
  int mode = 0;
  while (std::getline(in, line)) {
    if (line.size() >= 2 && line[0] == 'R') {
      ref.suggest_results.push_back(std::stoll(line.substr(2)));
      continue;
    }
    if (mode == 0) ref.lines.emplace_back();
    std::vector<std::string>& tokens = ref.lines.back()[mode];
    std::istringstream words(line.substr(2));
    std::string w;
    while (words >> w) tokens.push_back(from_hex(w.substr(1)));
    mode = (mode + 1) % 4;
  }
  return ref;
}

/// Applies an edit list (format: tests/jieba_reference.py) to a segmenter; returns the
/// suggest_freq results in order.
inline zhtext::result<std::vector<std::int64_t>> apply_ops(zhtext::segmenter& seg, const std::string& ops_path) {
  std::vector<std::int64_t> results;
  const std::string text = read_file(ops_path);
  const std::string base = ops_path.substr(0, ops_path.rfind('/') + 1);
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f;
    std::size_t pos = 0;
    for (;;) {
      const std::size_t tab = line.find('\t', pos);
      f.push_back(line.substr(pos, tab == std::string::npos ? std::string::npos : tab - pos));
      if (tab == std::string::npos) break;
      pos = tab + 1;
    }
    zhtext::result<void> r;
    if (f[0] == "userdict") {
      r = seg.add_user_dictionary(base + f[1]);
    } else if (f[0] == "add") {
      std::optional<std::int64_t> freq;
      if (f.size() > 2 && f[2] != "-") freq = std::stoll(f[2]);
      r = seg.add_word(f[1], freq, f.size() > 3 ? f[3] : "");
    } else if (f[0] == "del") {
      r = seg.del_word(f[1]);
    } else if (f[0] == "suggest") {
      auto s = seg.suggest_freq(f[1], f[2] == "1");
      if (!s) return s.error();
      results.push_back(*s);
    } else if (f[0] == "suggest_split") {
      std::vector<std::string> parts;
      std::size_t p = 0;
      for (;;) {
        const std::size_t bar = f[1].find('|', p);
        parts.push_back(f[1].substr(p, bar == std::string::npos ? std::string::npos : bar - p));
        if (bar == std::string::npos) break;
        p = bar + 1;
      }
      std::vector<std::string_view> views(parts.begin(), parts.end());
      auto s = seg.suggest_freq(views, f[2] == "1");
      if (!s) return s.error();
      results.push_back(*s);
    }
    if (!r) return r.error();
  }
  return results;
}

/// Lines as the reference script reads them: split at '\n', no final empty piece.
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

struct compat_counts {
  std::size_t lines = 0;
  std::array<std::size_t, 4> identical{};
  std::size_t tokens = 0;
};

inline std::string show(const std::vector<std::string>& tokens) {
  std::string s;
  for (const std::string& t : tokens) s += "[" + zhtext::repair_utf8(t) + "]";
  return s;
}

/// Cuts every line of `text` in the four modes and compares with `ref`. Prints the
/// first `max_diffs` differences to stderr.
inline compat_counts compare_with_jieba(const zhtext::segmenter& seg, std::string_view text, const jieba_reference& ref,
                                        const std::string& label, std::size_t max_diffs = 10) {
  compat_counts c;
  const std::vector<std::string_view> lines = split_lines(text);
  std::size_t shown = 0;
  for (std::size_t i = 0; i < lines.size() && i < ref.lines.size(); ++i) {
    ++c.lines;
    for (int m = 0; m < 4; ++m) {
      const std::vector<std::string> got = seg.word_strings(lines[i], compared_modes[m]);
      c.tokens += got.size();
      if (got == ref.lines[i][m]) {
        ++c.identical[m];
      } else if (shown++ < max_diffs) {
        std::cerr << label << " line " << i + 1 << " (" << mode_names[m] << ") differs:\n  jieba:  "
                  << show(ref.lines[i][m]) << "\n  zhtext: " << show(got) << '\n';
      }
    }
  }
  if (lines.size() != ref.lines.size())
    std::cerr << label << ": " << lines.size() << " lines here, " << ref.lines.size() << " from jieba\n";
  std::cerr << label << ": " << c.lines << " lines;";
  for (int m = 0; m < 4; ++m) std::cerr << ' ' << mode_names[m] << ' ' << c.identical[m] << '/' << c.lines;
  std::cerr << " identical to jieba (" << c.tokens << " tokens)\n";
  return c;
}


}  // namespace zhtext_test
