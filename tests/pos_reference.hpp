// pos_reference.hpp - runs Debian's Python jieba.posseg (tests/pos_reference.py) at
// test time and compares its (word, tag) pairs with zhtext's, line by line.
#pragma once

#include <array>
#include <iostream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <zhtext/pos.hpp>

#include "jieba_reference.hpp"

namespace zhtext_test {

using tagged_line = std::vector<std::pair<std::string, std::string>>;

struct posseg_reference {
  std::vector<std::array<tagged_line, 2>> lines;  ///< [0] HMM=True, [1] HMM=False
  std::string error;                              ///< not empty when the reference could not be run
};

/// Runs tests/pos_reference.py on `input`, with the edits in `ops` or a main
/// dictionary `dict` (not both).
inline posseg_reference run_posseg(const std::string& input, const std::string& ops = "", const std::string& dict = "") {
  posseg_reference ref;
  std::string cmd = shell_quote(reference_python()) + " " +
                    shell_quote(std::string(ZHTEXT_SOURCE_DIR) + "/tests/pos_reference.py") + " " + shell_quote(input) +
                    " " + shell_quote(ops.empty() ? "-" : ops);
  if (!dict.empty()) cmd += " " + shell_quote(dict);
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
    ref.error = "'" + cmd + "' failed (status " + std::to_string(status) + "); is python3-jieba installed for /usr/bin/python3?";
    return ref;
  }
  std::istringstream in(out);
  std::string line;
  int mode = 0;
  while (std::getline(in, line)) {
    if (line.empty()) continue;  // the output of an empty input
    if (mode == 0) ref.lines.emplace_back();
    tagged_line& tokens = ref.lines.back()[mode];
    std::istringstream words(line.substr(2));
    std::string w;
    while (words >> w) {
      const std::size_t dot = w.find('.');
      tokens.emplace_back(from_hex(w.substr(1, dot - 1)), from_hex(w.substr(dot + 1)));
    }
    mode = 1 - mode;
  }
  return ref;
}

struct pos_counts {
  std::size_t lines = 0;
  std::array<std::size_t, 2> identical{};
  std::size_t tokens = 0;
};

inline std::string show(const tagged_line& tokens) {
  std::string s;
  for (const auto& t : tokens) s += "[" + zhtext::repair_utf8(t.first) + "/" + t.second + "]";
  return s;
}

/// Tags every line of `text` with and without HMM and compares with `ref`; also checks
/// that the tokens tile each line with correct offsets. Prints the first `max_diffs`
/// differences to stderr.
inline pos_counts compare_with_posseg(const zhtext::pos_tagger& tagger, std::string_view text, const posseg_reference& ref,
                                      const std::string& label, std::size_t max_diffs = 10) {
  pos_counts c;
  const std::vector<std::string_view> lines = split_lines(text);
  std::size_t shown = 0;
  for (std::size_t i = 0; i < lines.size() && i < ref.lines.size(); ++i) {
    ++c.lines;
    for (int m = 0; m < 2; ++m) {
      tagged_line got;
      bool tiles = true;
      std::size_t at = 0;
      tagger.for_each_tagged_token(lines[i], [&](const zhtext::tagged_token& t) {
        tiles = tiles && t.offset == at && t.text.data() == lines[i].data() + t.offset;
        at = t.offset + t.text.size();
        got.emplace_back(t.text, t.tag);
      }, m == 0);
      tiles = tiles && at == lines[i].size();
      c.tokens += got.size();
      if (got == ref.lines[i][m] && tiles) {
        ++c.identical[m];
      } else if (shown++ < max_diffs) {
        std::cerr << label << " line " << i + 1 << " (HMM=" << (m == 0 ? "True" : "False") << ") differs"
                  << (tiles ? "" : " (tokens do not tile the line)") << ":\n  jieba:  " << show(ref.lines[i][m])
                  << "\n  zhtext: " << show(got) << '\n';
      }
    }
  }
  if (lines.size() != ref.lines.size())
    std::cerr << label << ": " << lines.size() << " lines here, " << ref.lines.size() << " from jieba\n";
  std::cerr << label << ": " << c.lines << " lines; HMM " << c.identical[0] << '/' << c.lines << ", no HMM "
            << c.identical[1] << '/' << c.lines << " identical to jieba.posseg (" << c.tokens << " tokens)\n";
  return c;
}

}  // namespace zhtext_test
