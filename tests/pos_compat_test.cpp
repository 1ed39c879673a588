// pos_compat_test.cpp - zhtext's POS tagging against Debian's Python jieba.posseg, run
// at test time: the segmenter's and the tagger's edge-case text, the same with a user
// dictionary and edits (words added with tags, deleted, re-tagged), generated text that
// mixes every kind of character posseg treats specially, and a custom main dictionary.
// Required: every line identical, word for word and tag for tag, with and without HMM.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>

#include "pos_reference.hpp"

namespace {

using namespace zhtext_test;

std::string temp_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("zhtext_pos_" + std::to_string(::getpid()) + "_" + name)).string();
}

// jieba.posseg's tags of `text` (written to a temporary file `name`), HMM and not.
posseg_reference posseg_of(const std::string& text, const std::string& name) {
  const std::string path = temp_path(name);
  { std::ofstream(path, std::ios::binary) << text; }
  posseg_reference ref = run_posseg(path);
  std::filesystem::remove(path);
  REQUIRE(ref.error.empty());
  return ref;
}

const zhtext::pos_tagger& shared_tagger() {
  static auto t = zhtext::pos_tagger::load();
  REQUIRE(t);
  return *t;
}

// Lines from pieces that stress posseg: dictionary words, runs of rare characters
// (missing from char_state_tab: all states; missing from prob_emit: MIN_FLOAT ties),
// Latin and digit runs with + # & . _ and the % and - that end a posseg block,
// re_skip_detail's number/word alternation, white space, "\r\n", symbols, emoji, CJK
// outside U+4E00..U+9FD5. Runs of at most 3 rare characters: Python's Viterbi is slow
// on them.
std::string generated_text(std::size_t lines, std::uint64_t seed) {
  const std::vector<std::string> specials = {
      " ", "\t", "\r", "\r\n", "\x0b", "\x1c", "\xc2\x85", "\xc2\xa0", "\xe3\x80\x80", "\xe2\x80\xa8", "+", "#", "&",
      ".", "_", "%", "-", "..", "3.5", ".5.", "5.", "6.5%", "3a", "a3", "a.b", "1.2.3", "C++", "c#", "AT&T", "e-mail",
      "4S", "\xef\xbc\x8c", "\xe3\x80\x82", "\xe2\x80\x9c", "!", "?", "/", "@", "\xf0\x9f\x98\x80", "\xf0\xa0\x80\x80",
      "\xe3\x90\x80", "\xe9\xbf\x96", "\xe9\xbf\x95", "\xe4\xb8\x80", "\xef\xbc\xa1", std::string(1, '\0'), "\x01",
      "\xd0\x96"};
  return zhtext_test::generated_text(lines, seed, specials, 3, "abcxyzABC0189._");
}

}  // namespace

TEST_CASE("edge-case text: identical to jieba.posseg", "[pos][jieba]") {
  for (const char* name : {"segment_edge_cases.txt", "pos_edge_cases.txt"}) {
    INFO(name);
    const std::string path = data_path(name);
    const posseg_reference ref = run_posseg(path);
    REQUIRE(ref.error.empty());
    const std::string text = read_file(path);
    require_identical(compare_with_posseg(shared_tagger(), text, ref, name), split_lines(text).size(), posseg_modes);
  }
}

TEST_CASE("edge-case text with user words added with tags, deleted and re-tagged", "[pos][jieba][userdict]") {
  const std::string ops = data_path("pos_user_ops.txt");
  for (const char* name : {"segment_edge_cases.txt", "pos_edge_cases.txt"}) {
    INFO(name);
    auto tagger = zhtext::pos_tagger::load();
    REQUIRE(tagger);
    REQUIRE(apply_ops(tagger->get_segmenter(), ops));
    const std::string path = data_path(name);
    const posseg_reference ref = run_posseg(path, ops);
    REQUIRE(ref.error.empty());
    const std::string text = read_file(path);
    require_identical(compare_with_posseg(*tagger, text, ref, std::string(name) + " + user words"),
                      split_lines(text).size(), posseg_modes);
  }
  // The segmenter's own edit list too (tags given through load_userdict and add_word).
  auto tagger = zhtext::pos_tagger::load();
  REQUIRE(tagger);
  const std::string seg_ops = data_path("segment_user_ops.txt");
  REQUIRE(apply_ops(tagger->get_segmenter(), seg_ops));
  const std::string path = data_path("pos_edge_cases.txt");
  const posseg_reference ref = run_posseg(path, seg_ops);
  REQUIRE(ref.error.empty());
  const std::string text = read_file(path);
  require_identical(compare_with_posseg(*tagger, text, ref, "pos edge cases + segment edits"),
                    split_lines(text).size(), posseg_modes);
}

TEST_CASE("generated text: identical to jieba.posseg", "[pos][jieba][generated]") {
  const std::string path = temp_path("generated.txt");
  const std::string text = generated_text(500, 20240607);
  { std::ofstream(path, std::ios::binary) << text; }
  const posseg_reference ref = run_posseg(path);
  REQUIRE(ref.error.empty());
  require_identical(compare_with_posseg(shared_tagger(), text, ref, "generated text"),
                    split_lines(text).size(), posseg_modes);

  // With user words.
  const std::string ops = data_path("pos_user_ops.txt");
  const posseg_reference ref2 = run_posseg(path, ops);
  std::filesystem::remove(path);
  REQUIRE(ref2.error.empty());
  auto tagger = zhtext::pos_tagger::load();
  REQUIRE(tagger);
  REQUIRE(apply_ops(tagger->get_segmenter(), ops));
  require_identical(compare_with_posseg(*tagger, text, ref2, "generated text + user words"),
                    split_lines(text).size(), posseg_modes);
}

TEST_CASE("a custom main dictionary: its words and tags", "[pos][jieba][dict]") {
  // A small dictionary with tags, written here.
  const std::string dict = temp_path("dict.txt");
  {
    std::ofstream d(dict, std::ios::binary);
    d << "北京 100 ns\n天安门 50 ns\n我 200 r\n爱 80 v\n大厦 30 n\n杭研 10 nz\n来到 40 v\n了 300 ul\n"
         "网易 20 nz\n他 150 r\nabc 5 eng\n的 500 uj\n中国 90 ns\n人民 70 n\n";
  }
  zhtext::segmenter_options so;
  so.dict_path = dict;
  auto tagger = zhtext::pos_tagger::load(so);
  REQUIRE(tagger);
  const std::string path = data_path("pos_edge_cases.txt");
  const posseg_reference ref = run_posseg(path, "", dict);
  std::filesystem::remove(dict);
  REQUIRE(ref.error.empty());
  const std::string text = read_file(path);
  require_identical(compare_with_posseg(*tagger, text, ref, "pos edge cases, small dictionary"),
                    split_lines(text).size(), posseg_modes);
}

TEST_CASE("runs of characters the model does not know: identical to jieba.posseg", "[pos][jieba][unknown]") {
  // Issue 14, defect 7: over such a run every step adds MIN_FLOAT and the scores
  // absorb the transitions, which the Viterbi exploits (detail/segment/pos_policy.hpp,
  // score_absorbed); every tie must still fall as in Python. Runs of random
  // characters of U+9A00..U+9FD5 (mostly unknown to the model), of one character
  // repeated, of two alternating, short and long, alone or between known words,
  // Latin and digits; Python's Viterbi is slow on them, so about 4,000 characters.
  std::mt19937_64 rng(714);
  auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
  auto rare = [&] { return static_cast<char32_t>(0x9A00 + rng() % (0x9FD6 - 0x9A00)); };
  const std::vector<std::string> known = {"中国", "人民", "的", "北京", "发展", "在", "了", "经济", "说", "社区"};
  std::string text;
  for (int line = 0; line < 60; ++line) {
    const std::size_t runs = 1 + pick(4);
    for (std::size_t r = 0; r < runs; ++r) {
      const std::size_t len = pick(5) == 0 ? 40 + pick(120) : 1 + pick(12);
      const char32_t one = rare(), two = rare();
      const std::size_t kind = pick(4);
      for (std::size_t k = 0; k < len; ++k)
        zhtext::append_utf8(text, kind == 0 ? one : kind == 1 ? (k % 2 ? one : two) : rare());
      switch (pick(5)) {
        case 0: text += known[pick(known.size())]; break;
        case 1: text += "abc12"; break;
        case 2: text += "，"; break;
        default: break;
      }
    }
    text += '\n';
  }
  const posseg_reference ref = posseg_of(text, "unknown.txt");
  require_identical(compare_with_posseg(shared_tagger(), text, ref, "runs of unknown characters"),
                    split_lines(text).size(), posseg_modes);
}

// Runs of more than 2048 characters, which the Viterbi cuts from checkpoints when their
// entries outgrow 32 MB (pos_policy.hpp, segment_len: three passes of 2048-character
// segments; run a second time with that bound at 0), and shorter ones: runs of
// U+9FA6..U+9FD5 (in none of the model's tables: every step ties), of U+9A00..U+9FD5
// (some known), of one character repeated, between dictionary words, Latin and digits.
// About 6,000 such characters (Python's Viterbi takes ~6 ms each).
TEST_CASE("long runs of characters the model does not know: identical to jieba.posseg", "[pos][jieba][unknown]") {
  std::mt19937_64 rng(1407);
  auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
  const std::vector<std::string> between = {"北京", "abc12", "3.5", "，", "中华人民共和国", "x", "的"};
  std::string text;
  const std::size_t lens[] = {4500, 300, 700, 520};
  for (std::size_t r = 0; r < std::size(lens); ++r) {
    const char32_t one = static_cast<char32_t>(0x9FA6 + pick(0x9FD6 - 0x9FA6));
    for (std::size_t k = 0; k < lens[r]; ++k) {
      const bool some_known = r == 1 || (r == 0 && k / 700 % 2 == 1);  // the first: 700 of each in turn
      const char32_t c = some_known ? static_cast<char32_t>(0x9A00 + pick(0x9FD6 - 0x9A00))
                         : r == 3 ? one : static_cast<char32_t>(0x9FA6 + pick(0x9FD6 - 0x9FA6));
      zhtext::append_utf8(text, c);
      if (r == 2 && pick(100) == 0) text += between[pick(between.size())];  // known words and Latin inside
    }
    text += between[r % between.size()];
    if (r % 2 == 1) text += '\n';
  }
  text += '\n';
  const posseg_reference ref = posseg_of(text, "long_unknown.txt");
  require_identical(compare_with_posseg(shared_tagger(), text, ref, "long runs of unknown characters"),
                    split_lines(text).size(), posseg_modes);
  // The same with every run of more than 2048 characters cut from checkpoints (this
  // thread's scratch, which for_each_tagged_token uses; 32 MB of entries otherwise).
  auto held_max = [](std::size_t n) {
    zhtext::detail::with_thread_scratch<zhtext::detail::pos_scratch>(
        [n](zhtext::detail::pos_scratch& s) { s.viterbi.held_entries_max = n; });
  };
  held_max(0);
  const auto checkpointed = compare_with_posseg(shared_tagger(), text, ref, "long runs, from checkpoints");
  held_max(std::size_t(1) << 23);
  require_identical(checkpointed, split_lines(text).size(), posseg_modes);
}

// Runs of more than 36864 single-character words are cut piece by piece (engine.hpp,
// cutter::long_run): with HMM their Han runs go to the Viterbi and their ASCII runs to
// re_skip_detail apart, without HMM the Latin letters and digits are glued. Lines of one
// run of 60 000 random letters and digits, of letters and digits with . + # & _ (and
// a few % and -, which end posseg's blocks; no c, C or T, which could make the
// dictionary's C++, c# or AT&T and end the run), and of such Latin with short runs of
// characters the model does not know (Python's Viterbi is slow on long ones) and a few
// dictionary words.
TEST_CASE("long runs of single-character words: identical to jieba.posseg", "[pos][jieba][long]") {
  std::mt19937_64 rng(1416);
  auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
  auto latin = [&](std::size_t n, std::string_view alphabet) { return random_ascii(rng, n, alphabet); };
  const std::string alnum = "abcdefghijklmnopqrstuvwxyz0123456789";
  const std::string other = "abdefghijklmnopqrstuvwxyz0123456789ABD.+#&_...";
  const std::vector<std::string> words = {"北京", "社区", "C++", "中华人民共和国"};
  std::string text = latin(60000, alnum) + "\n" + latin(60000, other) + "\n";
  for (std::size_t n = 0; n < 120000;) {  // characters
    const std::size_t kind = pick(4000);
    if (kind < 10) {
      text += words[pick(words.size())];
    } else if (kind < 200) {
      for (std::size_t k = 1 + pick(3); k-- > 0; ++n) zhtext::append_utf8(text, static_cast<char32_t>(0x9A00 + pick(0x9FD6 - 0x9A00)));
    } else if (kind < 202) {
      text += kind == 200 ? '%' : '-';
    } else {
      const std::string piece = latin(1 + pick(60), other);
      text += piece;
      n += piece.size();
    }
  }
  text += '\n';
  const posseg_reference ref = posseg_of(text, "long_runs.txt");
  require_identical(compare_with_posseg(shared_tagger(), text, ref, "long runs"), 3, posseg_modes);
}
