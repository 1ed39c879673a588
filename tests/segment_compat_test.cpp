// segment_compat_test.cpp - zhtext's segmentation against Debian's Python jieba, run at
// test time: the project's edge-case text, the same with a user dictionary and edits,
// and generated text that mixes every kind of character jieba treats specially.
// Required: every line identical, token by token, in all four modes.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>

#include <zhtext/utf8.hpp>

#include "jieba_reference.hpp"

namespace {

using namespace zhtext_test;

std::string temp_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("zhtext_" + std::to_string(::getpid()) + "_" + name)).string();
}

// Python jieba's cuts of `text`, written to a temporary file `name` for it (with the
// edits in `ops`, if not empty).
jieba_reference run_jieba_on(const std::string& text, const std::string& name, const std::string& ops = "") {
  const std::string path = temp_path(name);
  { std::ofstream(path, std::ios::binary) << text; }
  jieba_reference ref = run_jieba(path, ops);
  std::filesystem::remove(path);
  return ref;
}

// Lines from pieces that stress jieba's special cases: dictionary words (so the DAG,
// route ties and buffering matter), runs of rare characters that are missing from the
// HMM tables (Viterbi ties at MIN_FLOAT), Latin/digit runs with the characters of
// re_han_default and re_skip, every Python white-space character, "\r\n", symbols,
// emoji and CJK characters outside jieba's U+4E00..U+9FD5.
std::string generated_text(std::size_t lines, std::uint64_t seed) {
  const std::vector<std::string> specials = {
      " ", "\t", "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x1f", "\xc2\x85", "\xc2\xa0", "\xe3\x80\x80", "\xe2\x80\xa8",
      "\xe2\x80\x89", "\xef\xbb\xbf", "\xe2\x80\x8b", "+", "#", "&", ".", "_", "%", "-", "..", "%%", "a", "Z", "x", "7",
      "0", "3.5", "6.5%", "1.", ".5", "A.", "C++", "c#", "AT&T", "T", "IP", "4S", "e-mail", "\xef\xbc\x8c",
      "\xe3\x80\x82", "\xe2\x80\x9c", "\xe2\x80\x9d", "\xc2\xb7", "!", "?", ",", ":", "/", "@", "\xf0\x9f\x98\x80",
      "\xf0\xa0\x80\x80", "\xe3\x90\x80", "\xe9\xbf\x96", "\xe9\xbf\x95", "\xe4\xb8\x80", "\xef\xbc\xa1", "\xef\xbc\x91",
      std::string(1, '\0'), "\x01", "\xd0\x96", "\xcc\x81"};
  return zhtext_test::generated_text(lines, seed, specials, 6, "abcxyzABC0189");
}

}  // namespace

TEST_CASE("edge-case text: identical to jieba in the four modes", "[segment][jieba]") {
  auto seg = zhtext::segmenter::load();
  REQUIRE(seg);
  const std::string path = data_path("segment_edge_cases.txt");
  const jieba_reference ref = run_jieba(path);
  REQUIRE(ref.error.empty());
  const std::string text = read_file(path);
  require_identical(compare_with_jieba(*seg, text, ref, "edge cases"), split_lines(text).size(), mode_names);
  CHECK(split_lines(text).size() >= 50);
}

TEST_CASE("edge-case text with a user dictionary, added, deleted and tuned words", "[segment][jieba][userdict]") {
  auto seg = zhtext::segmenter::load();
  REQUIRE(seg);
  const std::string path = data_path("segment_edge_cases.txt");
  const std::string ops = data_path("segment_user_ops.txt");
  const jieba_reference ref = run_jieba(path, ops);
  REQUIRE(ref.error.empty());
  auto results = apply_ops(*seg, ops);
  REQUIRE(results);
  CHECK(*results == ref.suggest_results);
  CHECK(ref.suggest_results.size() == 7);
  CHECK(seg->total() > 60101967);
  const std::string text = read_file(path);
  require_identical(compare_with_jieba(*seg, text, ref, "edge cases + user words"),
                    split_lines(text).size(), mode_names);
}

TEST_CASE("generated text: identical to jieba in the four modes", "[segment][jieba][generated]") {
  auto seg = zhtext::segmenter::load();
  REQUIRE(seg);
  const std::string text = generated_text(1500, 20240601);
  const jieba_reference ref = run_jieba_on(text, "generated.txt");
  REQUIRE(ref.error.empty());
  require_identical(compare_with_jieba(*seg, text, ref, "generated text"), split_lines(text).size(), mode_names);
}

TEST_CASE("generated text with user words: identical to jieba", "[segment][jieba][generated][userdict]") {
  auto seg = zhtext::segmenter::load();
  REQUIRE(seg);
  const std::string text = generated_text(800, 77);
  const std::string ops = data_path("segment_user_ops.txt");
  const jieba_reference ref = run_jieba_on(text, "generated_user.txt", ops);
  REQUIRE(ref.error.empty());
  REQUIRE(apply_ops(*seg, ops));
  require_identical(compare_with_jieba(*seg, text, ref, "generated text + user words"),
                    split_lines(text).size(), mode_names);
}

// Blocks of more than 32768 characters are cut in windows (engine.hpp, long_block):
// lines of 100 000 random Han characters (the whole range, where words are rare; only
// characters from 100 common ones, where words overlap and cross the windows' edges;
// and U+9A00..U+9FD5 mixed with Latin, where the unknown runs are long) cut as jieba
// cuts them, in the four modes.
TEST_CASE("long lines of random Han characters: identical to jieba in the four modes", "[segment][jieba][long]") {
  auto seg = zhtext::segmenter::load();
  REQUIRE(seg);
  std::mt19937_64 rng(1414);
  auto han = [&](char32_t first, char32_t last) {
    return static_cast<char32_t>(first + rng() % (last - first + 1));
  };
  const std::u32string common = U"中国人民共和国家大会议员工作用品质量子公司机关心理学生活动力气象";
  std::string text;
  for (int line = 0; line < 3; ++line) {
    for (int i = 0; i < 100000; ++i) {
      char32_t c = line == 0 ? han(0x4E00, 0x9FA5) : line == 1 ? common[rng() % common.size()] : han(0x9A00, 0x9FD5);
      if (line == 2 && rng() % 5000 == 0) c = U"aZ7_"[rng() % 4];
      zhtext::append_utf8(text, c);
    }
    text += '\n';
  }
  const jieba_reference ref = run_jieba_on(text, "long_lines.txt");
  REQUIRE(ref.error.empty());
  require_identical(compare_with_jieba(*seg, text, ref, "long lines"), 3, mode_names);
}

// Runs of more than 36864 single-character words are cut piece by piece (engine.hpp,
// cutter::long_run): with HMM their Han runs and ASCII runs go to finalseg apart, without
// HMM the Latin letters and digits are glued. Lines of one Latin run of 60 000 random
// letters and digits (one token), of Latin with the other block characters (. % + # -
// _ &, where re_skip ends its matches; no c, C or T, which could make the dictionary's
// C++, c# or AT&T and end the run), and of runs of up to 8000 Han characters the dictionary does not know (U+9A00..U+9FD5)
// between Latin runs, with dictionary words that end one long run and start another.
TEST_CASE("long runs of single-character words: identical to jieba in the four modes", "[segment][jieba][long]") {
  auto seg = zhtext::segmenter::load();
  REQUIRE(seg);
  std::mt19937_64 rng(1415);
  auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
  auto latin = [&](std::size_t n, std::string_view alphabet) { return random_ascii(rng, n, alphabet); };
  const std::string alnum = "abcdefghijklmnopqrstuvwxyz0123456789";
  const std::string other = "abdefghijklmnopqrstuvwxyz0123456789ABD.%+#-_&";  // no c, C, T: no C++, c#, AT&T
  const std::vector<std::string> words = {"北京", "中华人民共和国", "研究生", "C++", "3.5%", "AT&T"};
  std::string text = latin(60000, alnum) + "\n" + latin(60000, other + "...%%") + "\n";
  for (int line = 0; line < 2; ++line) {
    for (std::size_t n = 0; n < 150000;) {  // characters
      const std::size_t kind = pick(300);
      if (kind == 0) {
        text += words[pick(words.size())];
        n += 2;
      } else if (kind <= 30) {
        const std::size_t k = 1 + pick(8000);
        for (std::size_t i = 0; i < k; ++i) zhtext::append_utf8(text, static_cast<char32_t>(0x9A00 + pick(0x9FD6 - 0x9A00)));
        n += k;
      } else {
        const std::string piece = latin(1 + pick(line == 0 ? 20 : 6000), other);
        text += piece;
        n += piece.size();
      }
    }
    text += '\n';
  }
  const jieba_reference ref = run_jieba_on(text, "long_runs.txt");
  REQUIRE(ref.error.empty());
  require_identical(compare_with_jieba(*seg, text, ref, "long runs"), 4, mode_names);
}

// A long block keeps its route's word lengths only for its pieces of 4096 characters
// that hold a word of two or more characters (engine.hpp, long_block). Lines of
// 40 000 to 120 000 digits with '.' and '%' (a line of them is what jieba's re_skip
// cuts into numbers), some with letters and + # - _ & among them (no c, C, T), and
// dictionary words that fall into some pieces and not others, at a piece's edges too.
TEST_CASE("long lines of digits with words in some pieces: identical to jieba in the four modes", "[segment][jieba][long]") {
  auto seg = zhtext::segmenter::load();
  REQUIRE(seg);
  std::mt19937_64 rng(1416);
  auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
  const std::vector<std::string> words = {"北京", "研究生", "C++", "AT&T", "4S店", "1号店"};
  const std::vector<std::string> alphabets = {"0123456789.%", "0123456789.%", "0123456789.%abdxyzABD+#-_&"};
  std::string text;
  for (std::size_t line = 0; line < 6; ++line) {
    const std::size_t length = 40000 + pick(80000), every = line % 5 == 0 ? 0 : std::size_t(500) << pick(6);
    const std::string& alphabet = alphabets[line % alphabets.size()];
    for (std::size_t n = 0; n < length;) {  // characters
      if (line == 5 && n % 4096 == 4095) {  // a word across two pieces
        text += words[0];
        n += 2;
      } else if (every != 0 && pick(every) == 0) {
        const std::string& w = words[pick(words.size())];
        text += w;
        n += zhtext::count_code_points(w);
      } else {
        text += alphabet[pick(alphabet.size())];
        ++n;
      }
    }
    text += '\n';
  }
  const jieba_reference ref = run_jieba_on(text, "long_digits.txt");
  REQUIRE(ref.error.empty());
  require_identical(compare_with_jieba(*seg, text, ref, "long digits"), 6, mode_names);
}

// With HMM, a run of Han characters of more than 32768 characters inside such a run
// goes to finalseg's Viterbi from the input bytes (word_policy::unknown_han). Lines of
// random characters of U+4E00..U+9FD5 that are in no dictionary word of two or more
// characters (so the route's words are all single characters and the runs are long),
// where the HMM still finds words of 2 to 9 characters: alone, and between Latin and
// a dictionary word.
TEST_CASE("long runs of Han characters in no word: identical to jieba in the four modes", "[segment][jieba][long]") {
  auto seg = zhtext::segmenter::load();
  REQUIRE(seg);
  std::vector<bool> in_word(0x9FD6 - 0x4E00, false);
  {
    std::istringstream dict(read_file(zhtext::jieba_data_dir() + "/dict.txt"));
    std::string line;
    while (std::getline(dict, line)) {
      const std::string_view w = std::string_view(line).substr(0, line.find(' '));
      std::vector<char32_t> cps;
      for (std::size_t i = 0; i < w.size();) {
        const zhtext::decoded d = zhtext::decode_utf8(w.substr(i));
        cps.push_back(d.value);
        i += d.size == 0 ? 1 : d.size;
      }
      if (cps.size() > 1)
        for (char32_t c : cps)
          if (c >= 0x4E00 && c <= 0x9FD5) in_word[c - 0x4E00] = true;
    }
  }
  std::vector<char32_t> alone;
  for (char32_t c = 0x4E00; c <= 0x9FD5; ++c)
    if (!in_word[c - 0x4E00]) alone.push_back(c);
  REQUIRE(alone.size() > 1000);
  std::mt19937_64 rng(1417);
  auto run = [&](std::size_t n) {
    std::string s;
    for (std::size_t i = 0; i < n; ++i) zhtext::append_utf8(s, alone[rng() % alone.size()]);
    return s;
  };
  const std::string text = run(40000) + "\n" + run(20000) + "abc123" + run(40000) + "北京" + run(35000) + "\n";
  const jieba_reference ref = run_jieba_on(text, "long_han_runs.txt");
  REQUIRE(ref.error.empty());
  require_identical(compare_with_jieba(*seg, text, ref, "long Han runs"), 2, mode_names);
}
