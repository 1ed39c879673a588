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
  std::vector<std::string> args = {input, ops.empty() ? "-" : ops};
  if (!dict.empty()) args.push_back(dict);
  const reference_output run = run_reference_script("pos_reference.py", args);
  ref.error = run.error;
  int mode = 0;
  for (const std::string& line : run.lines()) {
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

using pos_counts = line_counts<2>;
/// The two modes compared, in the order the reference script prints them.
inline constexpr const char* posseg_modes[2] = {"HMM=True", "HMM=False"};

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
  return compare_lines(text, ref.lines.size(), label, posseg_modes, "jieba.posseg", max_diffs,
                       [&](std::string_view line, std::size_t i, std::size_t m, std::string& diff) {
                         tagged_line got;
                         bool tiles = true;
                         std::size_t at = 0;
                         tagger.for_each_tagged_token(line, [&](const zhtext::tagged_token& t) {
                           tiles = tiles && t.offset == at && t.text.data() == line.data() + t.offset;
                           at = t.offset + t.text.size();
                           got.emplace_back(t.text, t.tag);
                         }, m == 0);
                         tiles = tiles && at == line.size();
                         if (got != ref.lines[i][m] || !tiles)
                           diff = std::string(tiles ? "" : " (tokens do not tile the line)") + ":\n  jieba:  " +
                                  show(ref.lines[i][m]) + "\n  zhtext: " + show(got);
                         return got.size();
                       });
}

}  // namespace zhtext_test
