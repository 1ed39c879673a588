// jieba_reference.hpp - runs Debian's Python jieba (tests/jieba_reference.py) at test
// time and compares its tokens with zhtext's, line by line and token by token.
#pragma once

#include <array>
#include <cstdint>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <catch2/catch.hpp>

#include <zhtext/segment.hpp>

#include "reference_run.hpp"
#include "test_support.hpp"

namespace zhtext_test {

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

/// Runs tests/jieba_reference.py on `input` (and the edits in `ops`, if not empty).
inline jieba_reference run_jieba(const std::string& input, const std::string& ops = "") {
  jieba_reference ref;
  const reference_output run = run_reference_script("jieba_reference.py", ops.empty() ? std::vector<std::string>{input}
                                                                                      : std::vector<std::string>{input, ops});
  ref.error = run.error;
  int mode = 0;
  for (const std::string& line : run.lines()) {
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

/// `n` characters drawn from `alphabet` (ASCII) with `rng`: the long Latin runs of the
/// compatibility tests.
inline std::string random_ascii(std::mt19937_64& rng, std::size_t n, std::string_view alphabet) {
  std::string s;
  for (std::size_t i = 0; i < n; ++i) s += alphabet[static_cast<std::size_t>(rng() % alphabet.size())];
  return s;
}

/// Lines for the compatibility tests, generated from `seed`: up to 39 pieces each,
/// chosen among jieba's dictionary words (4 in 10), runs of 1 to `max_han` random
/// Han characters of U+4E00..U+9FD5 (1 in 10: often missing from the HMM's tables),
/// `specials` (2 in 10), runs of 1 to 8 characters of `latin` (1 in 10) and a word's
/// first character (2 in 10).
inline std::string generated_text(std::size_t lines, std::uint64_t seed, const std::vector<std::string>& specials,
                                  std::size_t max_han, std::string_view latin) {
  std::vector<std::string> words;
  {
    std::istringstream dict(read_file(zhtext::jieba_data_dir() + "/dict.txt"));
    std::string line;
    while (std::getline(dict, line)) words.push_back(line.substr(0, line.find(' ')));
  }
  REQUIRE(words.size() > 1000);
  std::mt19937_64 rng(seed);
  auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
  std::string out;
  for (std::size_t l = 0; l < lines; ++l) {
    const std::size_t pieces = pick(40);
    for (std::size_t i = 0; i < pieces; ++i) {
      switch (pick(10)) {
        case 0: case 1: case 2: case 3: out += words[pick(words.size())]; break;
        case 4:
          for (std::size_t k = 0, n = 1 + pick(max_han); k < n; ++k)
            zhtext::append_utf8(out, static_cast<char32_t>(0x4E00 + rng() % (0x9FD6 - 0x4E00)));
          break;
        case 5: case 6: out += specials[pick(specials.size())]; break;
        case 7: for (std::size_t k = 0, n = 1 + pick(8); k < n; ++k) out += latin[pick(latin.size())]; break;
        default: {  // a word's first character
          const std::string& w = words[pick(words.size())];
          out += w.substr(0, zhtext::decode_utf8(w).size);
          break;
        }
      }
    }
    out += '\n';
  }
  return out;
}

/// How many lines a compatibility test compared, how many of them were identical to
/// the reference in each of its MODES modes, and how many tokens zhtext gave.
template <std::size_t Modes>
struct line_counts {
  std::size_t lines = 0;
  std::array<std::size_t, Modes> identical{};
  std::size_t tokens = 0;

  line_counts& operator+=(const line_counts& o) {
    lines += o.lines;
    tokens += o.tokens;
    for (std::size_t m = 0; m < Modes; ++m) identical[m] += o.identical[m];
    return *this;
  }
};
using compat_counts = line_counts<4>;

/// Prints "LABEL: N lines; MODE k/N ... identical to REF_NAME (T tokens)" to stderr.
template <std::size_t Modes>
void print_counts(const std::string& label, const line_counts<Modes>& c, const char* const (&mode_label)[Modes],
                  const char* ref_name) {
  std::cerr << label << ": " << c.lines << " lines;";
  for (std::size_t m = 0; m < Modes; ++m) std::cerr << ' ' << mode_label[m] << ' ' << c.identical[m] << '/' << c.lines;
  std::cerr << " identical to " << ref_name << " (" << c.tokens << " tokens)\n";
}

/// Requires `expected_lines` lines compared, each identical in every mode.
template <std::size_t Modes>
void require_identical(const line_counts<Modes>& c, std::size_t expected_lines, const char* const (&mode_label)[Modes]) {
  CHECK(c.lines == expected_lines);
  for (std::size_t m = 0; m < Modes; ++m) {
    INFO("mode " << mode_label[m]);
    CHECK(c.identical[m] == c.lines);
  }
}

/// The corpus tests' loop: `compare_file(path, text, label)` for every corpus file
/// (at least one), each of whose lines must be compared; returns the sums.
template <std::size_t Modes, class CompareFile>
line_counts<Modes> compare_corpus(CompareFile&& compare_file) {
  line_counts<Modes> total;
  const std::vector<std::string> files = corpus_files();
  REQUIRE(!files.empty());
  for (const std::string& path : files) {
    INFO(path);
    const std::string text = read_file(path);
    const line_counts<Modes> c = compare_file(path, text, path.substr(path.rfind('/') + 1));
    CHECK(c.lines == split_lines(text).size());
    total += c;
  }
  return total;
}

/// The loop of the compatibility tests: every line of `text` (split_lines) that the
/// reference has (`ref_lines` of them), in each mode m < MODES. `compare(line, i, m,
/// diff)` returns zhtext's token count and leaves `diff` empty when the result is
/// identical to the reference's, else the difference, shown for the first `max_diffs`.
/// Prints a summary: `label`, the identical lines per mode (`mode_label[m]`), `ref_name`.
template <std::size_t Modes, class Compare>
line_counts<Modes> compare_lines(std::string_view text, std::size_t ref_lines, const std::string& label,
                                 const char* const (&mode_label)[Modes], const char* ref_name, std::size_t max_diffs,
                                 Compare&& compare) {
  line_counts<Modes> c;
  const std::vector<std::string_view> lines = split_lines(text);
  std::size_t shown = 0;
  std::string diff;
  for (std::size_t i = 0; i < lines.size() && i < ref_lines; ++i) {
    ++c.lines;
    for (std::size_t m = 0; m < Modes; ++m) {
      diff.clear();
      c.tokens += compare(lines[i], i, m, diff);
      if (diff.empty()) {
        ++c.identical[m];
      } else if (shown++ < max_diffs) {
        std::cerr << label << " line " << i + 1 << " (" << mode_label[m] << ") differs" << diff << '\n';
      }
    }
  }
  if (lines.size() != ref_lines)
    std::cerr << label << ": " << lines.size() << " lines here, " << ref_lines << " from " << ref_name << '\n';
  print_counts(label, c, mode_label, ref_name);
  return c;
}

inline std::string show(const std::vector<std::string>& tokens) {
  std::string s;
  for (const std::string& t : tokens) s += "[" + zhtext::repair_utf8(t) + "]";
  return s;
}

/// Cuts every line of `text` in the four modes and compares with `ref`. Prints the
/// first `max_diffs` differences to stderr.
inline compat_counts compare_with_jieba(const zhtext::segmenter& seg, std::string_view text, const jieba_reference& ref,
                                        const std::string& label, std::size_t max_diffs = 10) {
  return compare_lines(text, ref.lines.size(), label, mode_names, "jieba", max_diffs,
                       [&](std::string_view line, std::size_t i, std::size_t m, std::string& diff) {
                         const std::vector<std::string> got = seg.word_strings(line, compared_modes[m]);
                         if (got != ref.lines[i][m])
                           diff = ":\n  jieba:  " + show(ref.lines[i][m]) + "\n  zhtext: " + show(got);
                         return got.size();
                       });
}

}  // namespace zhtext_test
