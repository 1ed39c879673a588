// pos_test.cpp - the POS tagger's API: the three output shapes, offsets, invalid UTF-8,
// a segmenter shared with the tagger, user tags that outlive the edit that set them, 4
// threads tagging while a writer adds words, and the model reader's errors (tuples in
// the literal parser, inconsistent models, damaged images). (Agreement with jieba is
// proven by pos_compat_test and pos_corpus_test against Python jieba.posseg.)
#include <catch2/catch.hpp>

#include <atomic>
#include <thread>
#include <type_traits>

#include <zhtext/pos.hpp>

#include "test_support.hpp"

namespace {

zhtext::pos_tagger& shared_tagger() {
  static zhtext::pos_tagger t = [] {
    auto r = zhtext::pos_tagger::load();
    if (!r) FAIL("cannot load the default POS tagger: " << r.error().message);
    return std::move(*r);
  }();
  return t;
}

const std::string sample =
    "新华社北京1月24日电 全市3200多名志愿者参与了N95口罩的分发，增长6.5%。\r\n"
    "  他用C++写了e-mail程序 ，ｉＰｈｏｎｅ和😀表情 \t 𠀀字鑫淼焱垚\n\n末行没有换行";

std::vector<zhtext::tagged_token> by_callback(const zhtext::pos_tagger& t, std::string_view text, bool hmm) {
  std::vector<zhtext::tagged_token> out;
  t.for_each_tagged_token(text, [&](const zhtext::tagged_token& k) { out.push_back(k); }, hmm);
  return out;
}

// The tokens tile the text: in order, adjacent, views of it.
bool tiles(std::string_view text, const std::vector<zhtext::tagged_token>& toks) {
  std::size_t at = 0;
  for (const auto& t : toks) {
    if (t.offset != at || t.text.data() != text.data() + at || t.text.empty() || t.tag.empty()) return false;
    at += t.text.size();
  }
  return at == text.size();
}

template <class T, class = void>
struct can_tag_lazily : std::false_type {};
template <class T>
struct can_tag_lazily<T, std::void_t<decltype(std::declval<const zhtext::pos_tagger&>().tagged_tokens(std::declval<T>()))>>
    : std::true_type {};

}  // namespace

TEST_CASE("the three shapes give the same tagged tokens, which tile the text", "[pos][api]") {
  const zhtext::pos_tagger& t = shared_tagger();
  for (bool hmm : {true, false}) {
    INFO("hmm " << hmm);
    const auto cb = by_callback(t, sample, hmm);
    std::vector<zhtext::tagged_token> range;
    for (const zhtext::tagged_token& k : t.tagged_tokens(sample, hmm)) range.push_back(k);
    CHECK(cb == t.tagged_token_vector(sample, hmm));
    CHECK(cb == range);
    CHECK(tiles(sample, cb));
    const auto strings = t.tagged_strings(sample, hmm);
    REQUIRE(strings.size() == cb.size());
    for (std::size_t i = 0; i < cb.size(); ++i) {
      CHECK(strings[i].first == cb[i].text);
      CHECK(strings[i].second == cb[i].tag);
    }
  }
  static_assert(can_tag_lazily<const std::string&>::value, "a range over an lvalue string");
  static_assert(can_tag_lazily<std::string_view>::value, "a range over a view");
  static_assert(!can_tag_lazily<std::string>::value, "no range over a temporary string");
}

TEST_CASE("sessions tag as the tagger does; word ids are the segmenter's", "[pos][session][word_id]") {
  const zhtext::pos_tagger& t = shared_tagger();
  zhtext::pos_tagger::session s(t);
  for (bool hmm : {true, false}) {
    INFO("hmm " << hmm);
    const auto cb = by_callback(t, sample, hmm);
    CHECK(s.tagged_token_vector(sample, hmm) == cb);
    std::vector<zhtext::tagged_token> range, each;
    for (const zhtext::tagged_token& k : s.tagged_tokens(sample, hmm)) range.push_back(k);
    s.for_each_tagged_token(sample, [&](const zhtext::tagged_token& k) { each.push_back(k); }, hmm);
    CHECK(range == cb);
    CHECK(each == cb);
    std::size_t with_id = 0;
    auto check = [&](const zhtext::tagged_token& k, zhtext::word_id id) {
      INFO("token " << zhtext::repair_utf8(k.text));
      CHECK(id == t.get_segmenter().find_word_id(k.text));
      with_id += id != zhtext::word_id::none;
    };
    t.for_each_tagged_token(sample, check, hmm);
    s.for_each_tagged_token(sample, check, hmm);
    CHECK(with_id > 20);
  }
}

TEST_CASE("tags of known words, of symbols and space, of Latin and numbers", "[pos][api]") {
  const zhtext::pos_tagger& t = shared_tagger();
  const auto toks = t.tagged_token_vector("我爱北京 Qx7 3.5%");
  std::vector<std::string> got;
  for (const auto& k : toks) got.push_back(std::string(k.text) + "/" + std::string(k.tag));
  // 北京's tag is the dictionary's; '%' and '-' end a posseg block and are 'x'.
  const auto bj = t.get_segmenter().lookup("北京");
  REQUIRE(bj);
  CHECK(got == std::vector<std::string>{"我/r", "爱/v", "北京/" + bj->tag, " /x", "Qx7/eng", " /x", "3.5/m", "%/x"});
  CHECK(t.tagged_token_vector("").empty());
  // Without HMM, single Latin characters are glued and tagged 'eng'.
  const auto plain = t.tagged_token_vector("xyz乒乓球q", false);
  REQUIRE(!plain.empty());
  CHECK(plain.front().text == "xyz");
  CHECK(plain.front().tag == "eng");
}

TEST_CASE("invalid UTF-8: raw-byte tokens tagged 'x', the same boundaries and tags as the repaired text", "[pos][utf8]") {
  const zhtext::pos_tagger& t = shared_tagger();
  const std::string bad = "北京\xff\xfe天安门\xe4\xb8" "abc\xed\xa0\x80" "3.5\xc0" "中国\xf0\x9f\x98";
  const std::string fixed = zhtext::repair_utf8(bad);
  for (bool hmm : {true, false}) {
    const auto a = t.tagged_token_vector(bad, hmm);
    const auto b = t.tagged_token_vector(fixed, hmm);
    CHECK(tiles(bad, a));
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
      CHECK(a[i].tag == b[i].tag);
      if (!zhtext::is_valid_utf8(a[i].text)) {
        CHECK(b[i].text == "\xef\xbf\xbd");
        CHECK(a[i].tag == "x");
      } else {
        CHECK(a[i].text == b[i].text);
      }
    }
  }
  // NUL bytes, random bytes: never a crash, always a tiling.
  const std::string nul("中\0国\0\0abc", 10);
  CHECK(tiles(nul, t.tagged_token_vector(nul)));
  zhtext_test::byte_fuzzer fz(42);
  for (int i = 0; i < 2000; ++i) {
    const std::string s = fz.next(200);
    CHECK(tiles(s, t.tagged_token_vector(s, i % 2 == 0)));
  }
}

TEST_CASE("a long run of characters the model does not know", "[pos][hmm]") {
  const zhtext::pos_tagger& t = shared_tagger();
  // U+9FC0..U+9FD5 and CJK characters missing from char_state_tab: the Viterbi over all
  // states; the words still tile the run.
  std::string s;
  for (int k = 0; k < 200; ++k) zhtext::append_utf8(s, static_cast<char32_t>(0x9FC0 + k % 22));
  CHECK(tiles(s, t.tagged_token_vector(s)));
}

TEST_CASE("a shared segmenter; user tags; tags outlive the state that gave them", "[pos][userdict]") {
  auto seg = zhtext::segmenter::load();
  REQUIRE(seg);
  auto shared = std::make_shared<zhtext::segmenter>(std::move(*seg));
  auto tagger = zhtext::pos_tagger::load(shared);
  REQUIRE(tagger);
  CHECK(&tagger->get_segmenter() == shared.get());
  CHECK(!zhtext::pos_tagger::load(std::shared_ptr<zhtext::segmenter>()));

  const std::string text = "他来到了网易杭研大厦";
  REQUIRE(shared->add_word("杭研大厦", std::nullopt, "一个很少见的标签"));
  const auto toks = tagger->tagged_token_vector(text);
  const zhtext::tagged_token* w = nullptr;
  for (const auto& k : toks)
    if (k.text == "杭研大厦") w = &k;
  REQUIRE(w != nullptr);
  CHECK(w->tag == "一个很少见的标签");
  // Re-tag, delete: the old tag view stays valid (the tagger's pool owns it).
  REQUIRE(tagger->add_word("杭研大厦", 10, "nt"));
  REQUIRE(tagger->del_word("杭研大厦"));
  CHECK(w->tag == "一个很少见的标签");
  // del_word keeps the tag (jieba's user_word_tag_tab); the word is cut apart again.
  bool whole = false;
  for (const auto& k : tagger->tagged_token_vector(text)) whole = whole || k.text == "杭研大厦";
  CHECK(!whole);
  REQUIRE(tagger->add_word("杭研大厦", 1000));
  bool tagged_nt = false;
  for (const auto& k : tagger->tagged_token_vector(text)) tagged_nt = tagged_nt || (k.text == "杭研大厦" && k.tag == "nt");
  CHECK(tagged_nt);
}

// Four threads tag the same text again and again while a writer adds words with tags.
// Each result must be exactly the one-thread result after some prefix of the additions.
TEST_CASE("4 threads tag while a writer adds words", "[pos][threads]") {
  auto t = zhtext::pos_tagger::load();
  REQUIRE(t);
  zhtext::pos_tagger& tagger = *t;
  std::vector<std::string> words;
  const std::string syll[] = {"甲", "乙", "丙", "丁", "戊", "己", "庚", "辛"};
  for (int i = 0; i < 24; ++i) words.push_back(syll[i % 8] + syll[i / 8] + "铭" + syll[(i * 3) % 8]);
  std::string text;
  for (const std::string& w : words) text += "今天" + w + "来到北京，";
  auto as_strings = [](const zhtext::pos_tagger& p, const std::string& s) { return p.tagged_strings(s, false); };

  auto ref = zhtext::pos_tagger::load();
  REQUIRE(ref);
  std::vector<std::vector<std::pair<std::string, std::string>>> expected{as_strings(*ref, text)};
  for (std::size_t i = 0; i < words.size(); ++i) {
    REQUIRE(ref->add_word(words[i], 1000, i % 2 ? "nz" : "用户词"));
    expected.push_back(as_strings(*ref, text));
  }
  for (std::size_t k = 1; k < expected.size(); ++k) CHECK(expected[k] != expected[k - 1]);

  std::atomic<bool> done{false};
  std::atomic<int> failures{0}, runs{0};
  std::vector<std::thread> readers;
  for (int r = 0; r < 4; ++r) {
    readers.emplace_back([&, r] {
      std::size_t seen = 0;
      while (!done.load()) {
        std::vector<std::pair<std::string, std::string>> got;
        if (r % 2 == 0) {
          got = as_strings(tagger, text);
        } else {
          for (const auto& k : tagger.tagged_tokens(text, false)) got.emplace_back(k.text, k.tag);
        }
        std::size_t k = seen;
        while (k < expected.size() && expected[k] != got) ++k;
        if (k == expected.size()) ++failures;
        else seen = k;
        ++runs;
      }
    });
  }
  for (std::size_t i = 0; i < words.size(); ++i) {
    REQUIRE(tagger.add_word(words[i], 1000, i % 2 ? "nz" : "用户词"));
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  while (runs.load() < 40) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  done = true;
  for (auto& th : readers) th.join();
  CHECK(failures.load() == 0);
  CHECK(as_strings(tagger, text) == expected.back());
}

TEST_CASE("the literal parser reads tuples and tuple keys, strictly", "[pos][model]") {
  auto v = zhtext::detail::parse_py_assignment("P={('B', 'a'): {('E', 'a'): -0.5,}, 'x': ((), ('S',), (1, 'y'),)}", "t.py");
  REQUIRE(v);
  // The value as a flat token stream: brackets, strings ('s') and numbers ('n').
  std::string kinds;
  for (const auto& t : v->tokens) kinds += t.kind;
  REQUIRE(kinds == "{(ss){(ss)n}s(()(s)(ns))}");
  CHECK(v->next(0) == kinds.size());  // the dict holds everything
  CHECK(v->next(1) == 5);             // the tuple key ('B', 'a'): two elements
  CHECK(v->str(3) == "a");
  CHECK(v->tokens[10].number == -0.5);
  CHECK(v->str(12) == "x");
  // 'x': a tuple of three: (), a one-element tuple, (1, 'y').
  CHECK(v->next(13) == 24);
  CHECK(v->next(14) == 16);
  CHECK(v->next(16) == 19);
  CHECK(v->next(19) == 23);
  CHECK(v->tokens[20].number == 1);
  for (const char* bad : {"P=('a')", "P=(1, 2", "P=(1 2)", "P={(1,): }", "P=[1]", "P=(,)"}) {
    INFO(bad);
    auto r = zhtext::detail::parse_py_assignment(bad, "t.py");
    REQUIRE(!r);
    CHECK(r.error().message.rfind("t.py:1:", 0) == 0);
  }
}

namespace {

// A tiny posseg model: states (B,n) (E,n) (S,n) (S,x); 中 may be B or S, 国 E.
struct tiny_model {
  std::string cs = "P={'中': (('B', 'n'), ('S', 'n')), '国': (('E', 'n'),)}";
  std::string start = "P={('B', 'n'): -1.0, ('E', 'n'): -3.14e100, ('S', 'n'): -2.0, ('S', 'x'): -3.0}";
  std::string trans =
      "P={('B', 'n'): {('E', 'n'): -0.1}, ('E', 'n'): {('B', 'n'): -1.0, ('S', 'n'): -1.0, ('S', 'x'): -2.0},\n"
      " ('S', 'n'): {('B', 'n'): -1.0, ('S', 'n'): -1.0, ('S', 'x'): -2.0},\n"
      " ('S', 'x'): {('B', 'n'): -1.0, ('S', 'n'): -1.0, ('S', 'x'): -2.0}}";
  std::string emit =
      "P={('B', 'n'): {'中': -1.0}, ('E', 'n'): {'国': -1.0}, ('S', 'n'): {'中': -5.0}, ('S', 'x'): {}}";
  zhtext::result<zhtext::pos_model> parse() const {
    const std::string_view files[4] = {cs, start, trans, emit};
    return zhtext::pos_model::parse(files);
  }
};

}  // namespace

TEST_CASE("a small model: parsed, tagged, saved as an image and damaged", "[pos][model]") {
  tiny_model tm;
  auto m = tm.parse();
  REQUIRE(m);
  CHECK(m->states() == 4);
  CHECK(m->tags() == 2);
  CHECK(m->state_tag(0) == "n");  // ('B', 'n') < ('E', 'n') < ('S', 'n') < ('S', 'x')
  CHECK(m->state_position(3) == zhtext::pos_model::S);
  CHECK(m->emit(3, U'中') == zhtext::pos_model::min_float);
  // A tagger over it: 中国 is unknown to this dictionary, so the HMM cuts it: B E -> 中国/n
  // (B: -1 + -1, then E: -2 + -0.1 + -1 beats S -> E, which has no transition).
  auto dict = zhtext::dictionary::parse("的 10 uj\n", "d.txt");
  REQUIRE(dict);
  auto seg = zhtext::segmenter::create(std::make_shared<const zhtext::dictionary>(std::move(*dict)), nullptr);
  REQUIRE(seg);
  auto model = std::make_shared<const zhtext::pos_model>(std::move(*m));
  auto tagger = zhtext::pos_tagger::create(std::make_shared<zhtext::segmenter>(std::move(*seg)), model);
  REQUIRE(tagger);
  const auto toks = tagger->tagged_token_vector("中国 的 中国");
  REQUIRE(toks.size() == 5);
  CHECK(toks[0].text == "中国");
  CHECK(toks[0].tag == "n");
  CHECK(toks[1].tag == "x");
  CHECK(toks[2].tag == "uj");
  CHECK(toks[4].text == "中国");
  CHECK(toks[4].offset == 11);
  // Images: a round trip, and every truncation / a flipped byte is refused.
  auto copy = zhtext::pos_model::from_image(model->image());
  REQUIRE(copy);
  CHECK(copy->image() == model->image());
  std::string img(model->image());
  for (std::size_t cut : {std::size_t{0}, std::size_t{10}, img.size() / 2, img.size() - 1})
    CHECK(!zhtext::pos_model::from_image(img.substr(0, cut)));
  for (std::size_t i = 0; i < img.size(); i += 97) {
    std::string d = img;
    d[i] = static_cast<char>(d[i] ^ 0x40);
    CHECK(!zhtext::pos_model::from_image(d));
  }
}

TEST_CASE("states are numbered in Python's tuple order, NUL bytes and prefixes included", "[pos][model]") {
  // ('A', '\x00') < ('A', 'z') < ('A\x00', 'a'): the positions decide first, a prefix
  // before the longer string; a NUL byte is a character like any other.
  const std::string st[3] = {"('A', '\\x00')", "('A', 'z')", "('A\\x00', 'a')"};
  const std::string row = "{" + st[0] + ": -1.0, " + st[1] + ": -1.0, " + st[2] + ": -1.0}";
  const std::string cs = "P={}";
  const std::string start = "P={" + st[2] + ": -3.0, " + st[0] + ": -1.0, " + st[1] + ": -2.0}";
  const std::string trans = "P={" + st[1] + ": " + row + ", " + st[2] + ": " + row + ", " + st[0] + ": " + row + "}";
  // A character listed twice: the later emission wins, as in a Python dict.
  const std::string emit = "P={" + st[0] + ": {'中': -1.0, '中': -4.0}, " + st[1] + ": {}, " + st[2] + ": {'中': -5.0}}";
  const std::string_view files[4] = {cs, start, trans, emit};
  auto m = zhtext::pos_model::parse(files);
  REQUIRE(m);
  REQUIRE(m->states() == 3);
  CHECK(m->state_tag(0) == std::string_view("\0", 1));
  CHECK(m->state_tag(1) == "z");
  CHECK(m->state_tag(2) == "a");
  CHECK(m->start(0) == -1.0);
  CHECK(m->start(1) == -2.0);
  CHECK(m->start(2) == -3.0);
  CHECK(m->state_position(2) == zhtext::pos_model::other);
  CHECK(m->emit(0, U'中') == -4.0);
  CHECK(m->emit(1, U'中') == zhtext::pos_model::min_float);
  CHECK(m->emit(2, U'中') == -5.0);
}

TEST_CASE("inconsistent models are errors naming the file", "[pos][model]") {
  auto expect_error = [](const tiny_model& tm, const std::string& file, const std::string& what) {
    auto m = tm.parse();
    REQUIRE(!m);
    INFO(m.error().message);
    CHECK(m.error().message.find(file) != std::string::npos);
    CHECK(m.error().message.find(what) != std::string::npos);
  };
  // The file to spoil (a member of tiny_model), its text, and what the error says.
  const struct {
    std::string tiny_model::*file_text;
    const char* text;
    const char* file;
    const char* what;
  } cases[] = {
      {&tiny_model::start, "P={('B', 'n'): -1.0}", "prob_start.py", "no start probability"},
      {&tiny_model::emit, "P={('B', 'n'): {}}", "prob_emit.py", "no emission table"},
      {&tiny_model::cs, "P={'中': (('B', 'q'),)}", "char_state_tab.py", "unknown state"},
      {&tiny_model::trans, "P={('B', 'n'): {('E', 'n'): -0.1}, ('E', 'n'): {}, ('S', 'n'): {}, ('S', 'x'): {}}",
       "prob_trans.py", "no transitions"},
      {&tiny_model::trans, "P={'B': {}}", "prob_trans.py", "not a (position, tag) tuple"},
      {&tiny_model::cs, "P={'中': ((('B', 'n'),),)}", "char_state_tab.py", "unknown state"},
      {&tiny_model::emit, "P={('B', 'n'): {'中': -1.0}, ('E', 'n'): {'国': 'x'}, ('S', 'n'): {}, ('S', 'x'): {}}",
       "prob_emit.py", "not a number"},
      {&tiny_model::start, "P={('B', 'n'): -1.0, ('E', 'n'): -1, ('S', 'n'): -2.0, ('S', 'x'): -3.0",  // unterminated
       "prob_start.py:1:", "unterminated dict"},
  };
  for (const auto& k : cases) {
    INFO(k.file << ": " << k.what);
    tiny_model spoiled;
    spoiled.*k.file_text = k.text;
    expect_error(spoiled, k.file, k.what);
  }
  // Missing files: not_found with the path.
  auto missing = zhtext::pos_model::load("/nonexistent/posseg");
  REQUIRE(!missing);
  CHECK(missing.error().code == zhtext::errc::not_found);
}
