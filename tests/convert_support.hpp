// convert_support.hpp - comparing zhtext's converter with the `opencc` program (Debian
// package opencc 1.1.6): running it, comparing line by line, and generating text that
// stresses the conversion rules from a configuration's own dictionaries.
#pragma once

#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <zhtext/convert.hpp>

#include "reference_run.hpp"
#include "test_support.hpp"

namespace convert_test {

/// The 14 configurations Debian ships.
inline const std::vector<std::string> configs = {"s2t",  "t2s",  "s2tw", "tw2s", "s2twp", "tw2sp", "s2hk",
                                                 "hk2s", "t2tw", "tw2t", "t2hk", "hk2t",  "t2jp",  "jp2t"};

/// Without the `opencc` program these tests cannot run: say so loudly and exit 77,
/// which CTest reports as skipped.
inline void require_opencc_program() {
  if (std::system("opencc --version >/dev/null 2>&1") == 0) return;
  std::fprintf(stderr,
               "\n*** SKIPPED: the `opencc` program (Debian package opencc) is not installed;\n"
               "*** bash scripts/test.sh installs it.\n\n");
  std::exit(77);
}

/// What `opencc -c CONFIG -i FILE` prints for `text` (a file under 1 MiB, which opencc
/// converts in one piece); through tests/reference_run.hpp, so kept for the next build.
inline std::string run_opencc(const std::string& config, const std::string& text, const zhtext_test::temp_dir& dir) {
  REQUIRE(text.size() < (std::size_t{1} << 20));
  const std::string in = dir.file("in.txt");
  zhtext_test::write_file(in, text);
  const zhtext_test::reference_output run = zhtext_test::run_reference({"opencc", "-c", config, "-i", in});
  INFO(run.error);
  REQUIRE(run.error.empty());
  return run.out;
}

inline std::vector<std::string_view> split_lines(std::string_view s) {
  std::vector<std::string_view> lines;
  std::size_t b = 0;
  while (b <= s.size()) {
    std::size_t e = s.find('\n', b);
    if (e == std::string_view::npos) e = s.size();
    lines.push_back(s.substr(b, e - b));
    b = e + 1;
  }
  return lines;
}

/// Compares zhtext's conversion of `text`, line by line and whole, with opencc's
/// output `expected`. Returns the number of lines compared (all must be equal).
inline std::size_t compare_lines(const zhtext::converter& c, const std::string& text, const std::string& expected) {
  const std::vector<std::string_view> in = split_lines(text), want = split_lines(expected);
  REQUIRE(in.size() == want.size());
  std::size_t differ = 0;
  std::string line;
  for (std::size_t i = 0; i < in.size(); ++i) {
    line.clear();
    c.convert_to(line, in[i]);
    if (line != want[i] && ++differ <= 5) {
      INFO("line " << i + 1 << ": " << in[i]);
      CHECK(line == want[i]);
    }
  }
  CHECK(differ == 0);
  std::string whole;
  c.convert_to(whole, text);
  CHECK(whole == expected);
  return in.size();
}

/// The keys of the dictionaries a configuration names (Debian's, read by zhtext).
inline std::vector<std::string> config_keys(const std::string& name) {
  const std::string path = zhtext::opencc_data_dir() + "/" + name + ".json";
  auto cfg = zhtext::detail::parse_opencc_config(zhtext_test::read_file(path), path);
  REQUIRE(cfg);
  REQUIRE(zhtext::detail::resolve_opencc_dicts(*cfg, path, zhtext::opencc_data_dir()));
  std::vector<std::string> keys;
  std::vector<const zhtext::detail::opencc_dict_ref*> refs;
  for (const auto& d : cfg->segmentation) refs.push_back(&d);
  for (const auto& step : cfg->chain)
    for (const auto& d : step) refs.push_back(&d);
  for (const auto* d : refs) {
    auto dict = zhtext::detail::read_ocd2(zhtext_test::read_file(d->path), d->path);
    REQUIRE(dict);
    for (const auto& e : dict->entries()) {
      keys.emplace_back(dict->key(e));
      keys.emplace_back(dict->value(e));  // values of one step are the keys of the next
    }
  }
  return keys;
}

/// Lines that stress the rules: dictionary keys, their prefixes and suffixes, keys
/// that overlap (one's end is another's start), characters in no dictionary, Latin,
/// digits, ASCII and CJK punctuation, emoji, spaces, tabs and carriage returns. Valid
/// UTF-8 without NUL (opencc mishandles those; see convert.hpp).
inline std::string generate_text(const std::vector<std::string>& keys, std::size_t lines, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
  auto chars = [](std::string_view s) {
    std::vector<std::string_view> out;
    for (const zhtext::code_point& c : zhtext::code_points(s)) out.push_back(s.substr(c.offset, c.size));
    return out;
  };
  static const std::vector<std::string> other = {
      "，", "。", "「", "」", "！", "？", "、", ",", ".", " ", "\t", "\r", "(", ")", "\"", "2024", "5G", "SQL", "PN",
      "U", "abc", "OpenCC", "😀", "🎉", "𠀀", "한국", "ｱ", "Ω", "é", "中", "的", "了", "是", "一", "〇", "\xC2\xA0"};
  std::string text;
  for (std::size_t l = 0; l < lines; ++l) {
    const std::size_t tokens = 1 + pick(30);
    for (std::size_t t = 0; t < tokens; ++t) {
      const std::string& k = keys[pick(keys.size())];
      const std::vector<std::string_view> cs = chars(k);
      switch (pick(8)) {
        case 0:
        case 1: text += k; break;
        case 2:  // a proper prefix
          for (std::size_t i = 0; i + 1 < cs.size() || (cs.size() == 1 && i == 0); ++i) text += cs[i];
          break;
        case 3:  // a suffix
          for (std::size_t i = cs.size() / 2; i < cs.size(); ++i) text += cs[i];
          break;
        case 4: {  // an overlap: this key, then a key starting with its last character
          text += k;
          for (std::size_t tries = 0; tries < 50; ++tries) {
            const std::string& k2 = keys[pick(keys.size())];
            if (!cs.empty() && k2.size() > cs.back().size() && k2.compare(0, cs.back().size(), cs.back()) == 0) {
              text += k2.substr(cs.back().size());
              break;
            }
          }
          break;
        }
        case 5: {  // a character of the CJK block, in a dictionary or not
          std::string c;
          zhtext::append_utf8(c, static_cast<char32_t>(0x4E00 + pick(0x9FFF - 0x4E00)));
          text += c;
          break;
        }
        default: text += other[pick(other.size())];
      }
    }
    text += '\n';
  }
  return text;
}

}  // namespace convert_test
