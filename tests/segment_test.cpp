// segment_test.cpp - the segmenter's API: the three output shapes, offsets, invalid
// UTF-8, user-word edits and their errors, the parallel corpus API, and 4 threads
// cutting while a writer adds words. (Token-for-token agreement with jieba is proven by
// segment_compat_test and segment_corpus_test against Python jieba.)
#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <thread>
#include <type_traits>

#include <zhtext/segment.hpp>
#include <zhtext/segment_parallel.hpp>
#include <zhtext/utf8.hpp>

#include "test_support.hpp"

namespace {

const zhtext::cut_options all_modes[5] = {{zhtext::cut_mode::precise, true},
                                          {zhtext::cut_mode::precise, false},
                                          {zhtext::cut_mode::full, true},
                                          {zhtext::cut_mode::search, true},
                                          {zhtext::cut_mode::search, false}};

zhtext::segmenter& shared_segmenter() {
  static zhtext::segmenter seg = [] {
    auto s = zhtext::segmenter::load();
    if (!s) FAIL("cannot load the default segmenter: " << s.error().message);
    return std::move(*s);
  }();
  return seg;
}

std::vector<zhtext::token> by_callback(const zhtext::segmenter& seg, std::string_view text, zhtext::cut_options o) {
  std::vector<zhtext::token> out;
  seg.for_each_token(text, [&](const zhtext::token& t) { out.push_back(t); }, o);
  return out;
}

const std::string sample =
    "新华社北京1月24日电 全市3200多名志愿者参与了N95口罩的分发，增长6.5%。\r\n"
    "  他用C++写了e-mail程序 ，ｉＰｈｏｎｅ和😀表情 \t 𠀀字\n\n末行没有换行";

// Detection idiom: can seg.tokens() take an argument of type T?
template <class T, class = void>
struct can_cut : std::false_type {};
template <class T>
struct can_cut<T, std::void_t<decltype(std::declval<const zhtext::segmenter&>().tokens(std::declval<T>()))>>
    : std::true_type {};

}  // namespace

TEST_CASE("the three shapes give the same tokens in every mode", "[segment][api]") {
  const zhtext::segmenter& seg = shared_segmenter();
  for (const auto& o : all_modes) {
    INFO("mode " << static_cast<int>(o.mode) << " hmm " << o.hmm);
    const std::vector<zhtext::token> cb = by_callback(seg, sample, o);
    std::vector<zhtext::token> range;
    for (const zhtext::token& t : seg.tokens(sample, o)) range.push_back(t);
    const std::vector<std::string> strings = seg.word_strings(sample, o);
    REQUIRE(cb.size() > 20);
    CHECK(range == cb);
    REQUIRE(strings.size() == cb.size());
    for (std::size_t i = 0; i < cb.size(); ++i) {
      CHECK(strings[i] == cb[i].text);
      // Every token views the input at its offset (no glued tokens without user words).
      CHECK(cb[i].text.data() == sample.data() + cb[i].offset);
    }
  }
  CHECK(can_cut<std::string_view>::value);
  CHECK(can_cut<const std::string&>::value);
  CHECK_FALSE(can_cut<std::string>::value);  // a lazy range over a temporary: does not compile
  CHECK(seg.tokens("").begin() == seg.tokens("").end());
  CHECK(by_callback(seg, "", {}).empty());
}

TEST_CASE("precise tokens cover the input in order; byte spans are reported", "[segment][api]") {
  const zhtext::segmenter& seg = shared_segmenter();
  for (bool hmm : {true, false}) {
    std::size_t at = 0;
    seg.for_each_token(sample, [&](const zhtext::token& t, const zhtext::byte_range& span) {
      CHECK(t.offset == at);
      CHECK(span.begin == t.offset);
      CHECK(span.end == t.offset + t.text.size());
      CHECK_FALSE(t.text.empty());
      at += t.text.size();
    }, {zhtext::cut_mode::precise, hmm});
    CHECK(at == sample.size());
  }
  const auto words = seg.word_strings("他用C++写了\r\n程序");
  CHECK(std::find(words.begin(), words.end(), "\r\n") != words.end());  // jieba keeps "\r\n" as one token
}

TEST_CASE("is_jieba_break: cutting text right after such a character changes no token", "[segment][api]") {
  const zhtext::segmenter& seg = shared_segmenter();
  CHECK(zhtext::is_jieba_break(U'\uFF0C'));   // fullwidth comma
  CHECK(zhtext::is_jieba_break(U'!'));
  CHECK(zhtext::is_jieba_break(U'\u9FD6'));   // CJK, but past jieba's Han range
  CHECK_FALSE(zhtext::is_jieba_break(U'\u4E2D'));
  CHECK_FALSE(zhtext::is_jieba_break(U'%'));
  CHECK_FALSE(zhtext::is_jieba_break(U'\x1C'));  // Python's \s holds U+001C..U+001F
  CHECK_FALSE(zhtext::is_jieba_break(U'\u3000'));
  const std::string text = "\u4ed6\u7528C++\u5199\u4e86\uff0c\u7a0b\u5e8f100%\u5b8c\u6210\u3002\u65b0\u95fb-\u62a5\u9053!\u4eca\u5929";
  for (zhtext::cut_mode mode : {zhtext::cut_mode::precise, zhtext::cut_mode::search}) {
    const auto whole = seg.word_strings(text, {mode, true});
    std::size_t cuts = 0;
    for (const auto& c : zhtext::code_point_vector(text)) {
      if (!zhtext::is_jieba_break(c.value)) continue;
      ++cuts;
      const std::size_t p = c.offset + c.size;
      auto pieces = seg.word_strings(text.substr(0, p), {mode, true});
      const auto rest = seg.word_strings(text.substr(p), {mode, true});
      pieces.insert(pieces.end(), rest.begin(), rest.end());
      CHECK(pieces == whole);
    }
    CHECK(cuts == 3);  // after the fullwidth comma, the ideographic full stop and '!'
  }
}

TEST_CASE("invalid UTF-8: every ill-formed subpart acts like U+FFFD, boundaries unchanged", "[segment][utf8]") {
  const zhtext::segmenter& seg = shared_segmenter();
  // Subparts are tokens of their own in precise mode.
  CHECK(seg.word_strings("\xff") == std::vector<std::string>{"\xff"});
  CHECK(seg.word_strings("中国\xe4\xb8") == std::vector<std::string>{"中国", "\xe4\xb8"});
  CHECK(seg.word_strings("a\xc0\xaf" "b") == std::vector<std::string>{"a", "\xc0", "\xaf", "b"});
  CHECK(seg.word_strings("\xed\xa0\x80人") == std::vector<std::string>{"\xed", "\xa0", "\x80", "人"});
  // Full mode keeps a run of non-space symbols together, ill-formed bytes included.
  CHECK(seg.word_strings("中国\xff!\xfe 人", {zhtext::cut_mode::full}) ==
        std::vector<std::string>{"中国", "\xff!\xfe", " ", "", "人"});

  zhtext_test::byte_fuzzer fuzz(2024);
  for (int i = 0; i < 400; ++i) {
    const std::string bad = fuzz.next(120);
    const std::string repaired = zhtext::repair_utf8(bad);
    for (const auto& o : all_modes) {
      INFO("input " << zhtext::repair_utf8(bad) << " mode " << static_cast<int>(o.mode));
      std::vector<std::string> mapped;
      std::size_t covered = 0;
      seg.for_each_token(bad, [&](const zhtext::token& t) {
        mapped.push_back(zhtext::repair_utf8(t.text));
        covered += t.text.size();
      }, o);
      CHECK(mapped == seg.word_strings(repaired, o));
      if (o.mode == zhtext::cut_mode::precise) CHECK(covered == bad.size());
    }
  }
}

TEST_CASE("user words: add, delete, suggest, tags, lookups and their errors", "[segment][userdict]") {
  auto s = zhtext::segmenter::load();
  REQUIRE(s);
  zhtext::segmenter& seg = *s;
  // 霍星澜 and 柳晓岚 are made-up names that jieba's dictionary does not have.
  const std::string text = "柳晓岚在霍星澜实验室工作";
  const zhtext::cut_options no_hmm{zhtext::cut_mode::precise, false};
  auto has = [](const std::vector<std::string>& v, const char* w) { return std::find(v.begin(), v.end(), w) != v.end(); };
  CHECK_FALSE(has(seg.word_strings(text, no_hmm), "霍星澜"));
  CHECK_FALSE(seg.lookup("霍星澜"));
  const std::int64_t total = seg.total();

  REQUIRE(seg.add_word("霍星澜", std::nullopt, "nr"));  // frequency suggested
  CHECK(has(seg.word_strings(text, no_hmm), "霍星澜"));
  auto info = seg.lookup("霍星澜");
  REQUIRE(info);
  CHECK(info->freq > 0);
  CHECK(info->tag == "nr");
  CHECK(seg.total() == total + info->freq);  // jieba: total grows by the new frequency

  // A tag, once set, stays when the word is changed without one (user_word_tag_tab).
  REQUIRE(seg.add_word("霍星澜", 5));
  CHECK(seg.lookup("霍星澜")->tag == "nr");
  CHECK(seg.lookup("霍星澜")->freq == 5);
  CHECK(seg.lookup("中国")->tag == "ns");  // dictionary tags stay visible

  CHECK(has(seg.word_strings(text, no_hmm), "实验室"));
  REQUIRE(seg.del_word("实验室"));
  CHECK(seg.lookup("实验室")->freq == 0);
  CHECK(seg.freq("实验室") == std::optional<std::int64_t>(0));
  CHECK_FALSE(has(seg.word_strings(text, no_hmm), "实验室"));
  CHECK(seg.freq("霍星") == std::optional<std::int64_t>(0));  // a prefix of a user word is in FREQ
  CHECK_FALSE(seg.freq("星澜实"));
  CHECK_FALSE(seg.lookup("霍星"));

  auto f = seg.suggest_freq("柳晓岚", false);
  REQUIRE(f);
  CHECK(*f > 0);
  CHECK_FALSE(seg.lookup("柳晓岚"));  // tune=false changes nothing
  REQUIRE(seg.suggest_freq("柳晓岚", true));
  CHECK(seg.lookup("柳晓岚")->freq == *f);
  CHECK(has(seg.word_strings(text, no_hmm), "柳晓岚"));

  CHECK(seg.add_word("").error().code == zhtext::errc::invalid_argument);
  CHECK(seg.add_word("\xff").error().code == zhtext::errc::invalid_utf8);
  CHECK(seg.add_word("霍负澜", -1).error().code == zhtext::errc::invalid_argument);
  CHECK(seg.add_word("霍太澜", std::int64_t{1} << 60).error().code == zhtext::errc::invalid_argument);
  CHECK_FALSE(seg.lookup("霍负澜"));
  CHECK_FALSE(seg.lookup("霍太澜"));
}

TEST_CASE("add_user_dictionary (jieba's load_userdict): jieba's line format, file:line errors, all or nothing", "[segment][userdict]") {
  auto s = zhtext::segmenter::load();
  REQUIRE(s);
  zhtext::segmenter& seg = *s;
  REQUIRE(seg.add_user_dictionary_text("\xef\xbb\xbf" "霍晓丙丁 30 nz\nNew York 5 ns\nhello world\na  3\n  \n霍戊己庚", "u.txt"));
  CHECK(seg.lookup("霍晓丙丁")->freq == 30);
  CHECK(seg.lookup("霍晓丙丁")->tag == "nz");
  CHECK(seg.lookup("New York")->freq == 5);  // re_userdict: the shortest word that leaves " freq tag"
  CHECK(seg.lookup("hello")->tag == "world");
  CHECK(seg.lookup("a ")->freq == 3);
  CHECK(seg.lookup("霍戊己庚")->freq > 0);
  const std::int64_t total = seg.total();

  auto bad = seg.add_user_dictionary_text("霍辛壬 3\n霍癸 4\n坏\xff词 5\n", "bad_user.txt");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().code == zhtext::errc::parse_error);
  CHECK_THAT(bad.error().message, Catch::Contains("bad_user.txt:3:") && Catch::Contains("UTF-8"));
  CHECK_FALSE(seg.lookup("霍辛壬"));  // nothing of the failed file was applied
  CHECK(seg.total() == total);
  auto missing = seg.add_user_dictionary("/nonexistent/user.txt");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == zhtext::errc::not_found);

  // update(): several edits, published at once.
  REQUIRE(seg.update([](zhtext::segmenter::batch& e) -> zhtext::result<void> {
    if (auto r = e.add_word("霍子丑寅", 9, "x"); !r) return r;
    return e.add_word("霍辰巳", std::nullopt, "");
  }));
  CHECK(seg.lookup("霍子丑寅")->freq == 9);
  CHECK(seg.lookup("霍辰巳"));
}

TEST_CASE("parallel corpus API: the same tokens as one thread, any thread count", "[segment][parallel][threads]") {
  const zhtext::segmenter& seg = shared_segmenter();
  // ~700 KB of generated text, lines of mixed content, so it splits into several chunks.
  std::string text;
  std::mt19937_64 rng(9);
  const std::vector<std::string> pieces = {"社区居民", "志愿者", "参加", "C++", " ", "\r\n", "，", "3.5%", "\n",
                                           "\n\n", "😀", "王小明", "疫情防控", "abc", "　", "的", "了", "\xff"};
  while (text.size() < 700000) text += pieces[rng() % pieces.size()];
  for (const auto& o : all_modes) {
    const std::vector<zhtext::token> one = by_callback(seg, text, o);
    for (unsigned threads : {2u, 3u, 4u}) {
      INFO("mode " << static_cast<int>(o.mode) << " threads " << threads);
      std::vector<zhtext::token> many;
      many.reserve(one.size());
      zhtext::for_each_token_parallel(seg, text, [&](const zhtext::token& t) { many.push_back(t); }, o, threads);
      CHECK(many == one);
    }
  }
}

// Four threads cut the same text again and again while a writer adds words one by one.
// Each result must be exactly the one-thread result after some prefix of the additions,
// and the prefix a thread sees never goes back.
TEST_CASE("4 threads cut while a writer adds words", "[segment][threads]") {
  auto s = zhtext::segmenter::load();
  REQUIRE(s);
  zhtext::segmenter& seg = *s;
  // Made-up words that the dictionary cuts apart.
  std::vector<std::string> words;
  const std::string syll[] = {"甲", "乙", "丙", "丁", "戊", "己", "庚", "辛"};
  for (int i = 0; i < 24; ++i) words.push_back(syll[i % 8] + syll[i / 8] + "铭" + syll[(i * 3) % 8]);
  const zhtext::cut_options no_hmm{zhtext::cut_mode::precise, false};  // unknown words stay cut apart
  std::string text;
  for (const std::string& w : words) text += "今天" + w + "来到北京，";

  // Expected results after k additions, from a separate segmenter, single-threaded.
  auto ref = zhtext::segmenter::load();
  REQUIRE(ref);
  std::vector<std::vector<std::string>> expected{ref->word_strings(text, no_hmm)};
  for (const std::string& w : words) {
    REQUIRE(ref->add_word(w, 1000));
    expected.push_back(ref->word_strings(text, no_hmm));
  }
  for (std::size_t k = 1; k < expected.size(); ++k) CHECK(expected[k] != expected[k - 1]);

  std::atomic<bool> done{false};
  std::atomic<int> failures{0}, cuts{0};
  std::vector<std::thread> readers;
  for (int r = 0; r < 4; ++r) {
    readers.emplace_back([&] {
      std::size_t seen = 0;
      while (!done.load()) {
        const std::vector<std::string> got = seg.word_strings(text, no_hmm);
        std::size_t k = seen;
        while (k < expected.size() && expected[k] != got) ++k;
        if (k == expected.size()) ++failures;
        else seen = k;
        ++cuts;
      }
    });
  }
  for (const std::string& w : words) {
    REQUIRE(seg.add_word(w, 1000));
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  while (cuts.load() < 200) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  done = true;
  for (std::thread& t : readers) t.join();
  CHECK(failures.load() == 0);
  CHECK(seg.word_strings(text, no_hmm) == expected.back());
}

TEST_CASE("token_vector and sessions give the tokens for_each_token gives", "[segment][session]") {
  const zhtext::segmenter& seg = shared_segmenter();
  zhtext::segmenter::session s(seg);
  for (const auto& o : all_modes) {
    INFO("mode " << static_cast<int>(o.mode) << " hmm " << o.hmm);
    const std::vector<zhtext::token> cb = by_callback(seg, sample, o);
    CHECK(seg.token_vector(sample, o) == cb);
    CHECK(s.token_vector(sample, o) == cb);
    std::vector<zhtext::token> range, each;
    for (const zhtext::token& t : s.tokens(sample, o)) range.push_back(t);
    s.for_each_token(sample, [&](const zhtext::token& t) { each.push_back(t); }, o);
    CHECK(range == cb);
    CHECK(each == cb);
  }
  // A nested call from inside the callback gets scratch buffers of its own.
  std::vector<zhtext::token> outer;
  std::size_t inner_tokens = 0;
  s.for_each_token(sample, [&](const zhtext::token& t) {
    outer.push_back(t);
    inner_tokens += s.token_vector(sample).size();
  });
  CHECK(outer == by_callback(seg, sample, {}));
  CHECK(inner_tokens == outer.size() * outer.size());
}

TEST_CASE("full mode's glued Latin tokens outlive the cut in token_vector", "[segment][session]") {
  // With user words "bc" and "cde", jieba.cut("abcdef", cut_all=True) yields "cde" and
  // the glued "abcf" (single letters gathered across the overlapping words).
  auto seg = zhtext::segmenter::create(shared_segmenter().base_dictionary(), shared_segmenter().hmm());
  REQUIRE(seg);
  REQUIRE(seg->add_word("bc"));
  REQUIRE(seg->add_word("cde"));
  const zhtext::cut_options full{zhtext::cut_mode::full, true};
  const std::string first = "abcdef", second = "xbcdey";
  zhtext::segmenter::session s(*seg);
  for (const bool in_session : {false, true}) {
    INFO("session " << in_session);
    const std::vector<zhtext::token> v = in_session ? s.token_vector(first, full) : seg->token_vector(first, full);
    // Cutting again, in every shape, must not touch the kept glued text.
    std::vector<std::string> again;
    seg->for_each_token(second, [&](const zhtext::token& t) { again.emplace_back(t.text); }, full);
    s.for_each_token(second, [](const zhtext::token&) {}, full);
    for (const zhtext::token& t : seg->tokens(second, full)) again.emplace_back(t.text);
    CHECK(seg->token_vector(second) == by_callback(*seg, second, {}));
    CHECK(again == std::vector<std::string>{"cde", "xbcy", "cde", "xbcy"});
    std::vector<std::string> words;
    for (const zhtext::token& t : v) words.emplace_back(t.text);
    CHECK(words == std::vector<std::string>{"cde", "abcf"});
    CHECK(words == seg->word_strings(first, full));
    REQUIRE(v.size() == 2);
    CHECK(v[1].offset == 0);
    CHECK(v[1].text.data() != first.data());  // glued: a copy, not a view
  }
}

TEST_CASE("a session keeps the words it started with; a batch publishes at once or not at all",
          "[segment][session][userdict]") {
  auto s = zhtext::segmenter::load();
  REQUIRE(s);
  zhtext::segmenter& seg = *s;
  const std::string text = "柳晓岚在霍星澜实验室工作";
  const zhtext::cut_options no_hmm{zhtext::cut_mode::precise, false};
  const auto before = seg.word_strings(text, no_hmm);
  zhtext::segmenter::session old(seg);
  // A batch that fails half-way applies nothing.
  auto failed = seg.update([](zhtext::segmenter::batch& b) -> zhtext::result<void> {
    if (auto r = b.add_word("霍星澜", 1000); !r) return r;
    return b.add_word("", 5);  // an error
  });
  CHECK_FALSE(failed);
  CHECK(seg.word_strings(text, no_hmm) == before);
  REQUIRE(seg.update([](zhtext::segmenter::batch& b) -> zhtext::result<void> {
    if (auto r = b.add_user_dictionary_text("霍星澜 1000 nr\n", "user.txt"); !r) return r;
    if (auto f = b.suggest_freq("柳晓岚", true); !f) return f.error();
    return b.del_word("实验室");
  }));
  const auto after = seg.word_strings(text, no_hmm);
  CHECK(std::find(after.begin(), after.end(), "霍星澜") != after.end());
  CHECK(std::find(after.begin(), after.end(), "柳晓岚") != after.end());
  CHECK(std::find(after.begin(), after.end(), "实验室") == after.end());
  std::vector<std::string> old_words;
  old.for_each_token(text, [&](const zhtext::token& t) { old_words.emplace_back(t.text); }, no_hmm);
  CHECK(old_words == before);  // the session's state is the one it was made with
  zhtext::segmenter::session fresh(seg);
  CHECK(fresh.token_vector(text, no_hmm).size() == after.size());
}

TEST_CASE("word ids: one per word, the same in every mode and in sessions, none for the rest",
          "[segment][word_id]") {
  auto s = zhtext::segmenter::load();
  REQUIRE(s);
  zhtext::segmenter& seg = *s;
  const std::uint32_t dictionary_ids = seg.word_id_bound();  // no user words yet
  REQUIRE(seg.add_word("霍星澜", 1000, "nr"));        // a user word the dictionary lacks
  REQUIRE(seg.add_word("北京", 5));                   // a user entry over a dictionary word
  const std::string text = sample + "霍星澜在北京大学读书，北京的霍星澜。" + "，。 \r\n\xff";
  const std::uint32_t bound = seg.word_id_bound();
  CHECK(seg.find_word_id("北京") != zhtext::word_id::none);
  CHECK(seg.find_word_id("霍星澜") != zhtext::word_id::none);
  CHECK(seg.find_word_id("北京") != seg.find_word_id("霍星澜"));
  CHECK(seg.find_word_id("北京大") == zhtext::word_id::none);  // a prefix of words only
  CHECK(seg.find_word_id("") == zhtext::word_id::none);
  CHECK(seg.find_word_id("\xff") == zhtext::word_id::none);
  CHECK(static_cast<std::uint32_t>(seg.find_word_id("霍星澜")) >= dictionary_ids);
  CHECK(static_cast<std::uint32_t>(seg.find_word_id("北京")) < dictionary_ids);
  std::map<std::string, zhtext::word_id> seen;
  std::size_t with_id = 0;
  auto check = [&](const zhtext::token& t, zhtext::word_id id) {
    INFO("token " << zhtext::repair_utf8(t.text));
    CHECK(id == seg.find_word_id(t.text));  // the id is a function of the string
    if (id == zhtext::word_id::none) return;
    ++with_id;
    CHECK(static_cast<std::uint32_t>(id) < bound);
    auto [it, fresh] = seen.emplace(std::string(t.text), id);
    CHECK(it->second == id);
  };
  for (const auto& o : all_modes) seg.for_each_token(text, check, o);
  zhtext::segmenter::session session(seg);
  session.for_each_token(text, check);
  CHECK(session.find_word_id("北京") == seg.find_word_id("北京"));
  CHECK(with_id > 50);
  // Different strings, different ids.
  std::set<zhtext::word_id> ids;
  for (const auto& [w, id] : seen) ids.insert(id);
  CHECK(ids.size() == seen.size());
  // Ids stay valid across later edits.
  const zhtext::word_id before = seg.find_word_id("霍星澜");
  REQUIRE(seg.add_word("霍月明", 10));
  CHECK(seg.find_word_id("霍星澜") == before);
  CHECK(seg.word_id_bound() > bound);
}

// A block of more than 32768 characters is cut in windows that see 4096 characters
// past their end (engine.hpp, long_block); a longer word that matches there sends the
// block back to the whole-block cut. Here the block is rare characters, a user word
// of 4100 characters placed so that it starts 2 characters before the end of the
// second window from the right (40000 - 32768 = 7232), and more rare characters: its
// tokens are those of the three pieces cut alone (no word crosses their edges).
TEST_CASE("a long block with a word longer than the windows' lookahead", "[segment][long]") {
  auto seg = zhtext::segmenter::load();
  REQUIRE(seg);
  std::mt19937 rng(4100);
  auto rare = [&](std::size_t n) {
    std::string s;
    for (std::size_t i = 0; i < n; ++i) zhtext::append_utf8(s, static_cast<char32_t>(0x9A00 + rng() % (0x9FD5 - 0x9A00 + 1)));
    return s;
  };
  std::string word;
  for (int i = 0; i < 4100; ++i) word += "\xe5\x93\x88";  // 哈
  const std::string left = rare(7230), right = rare(40000 - 7230 - 4100);
  const std::string text = left + word + right;
  REQUIRE(seg->add_word(word, 100000000));
  for (bool hmm : {true, false}) {
    const zhtext::cut_options opt{zhtext::cut_mode::precise, hmm};
    std::vector<std::string> expected = seg->word_strings(left, opt);
    expected.push_back(word);
    for (const std::string& w : seg->word_strings(right, opt)) expected.push_back(w);
    CHECK(seg->word_strings(text, opt) == expected);
  }
}

// A long block's route keeps 4 bits per character (engine.hpp, long_block); words of 15
// or more characters are looked up apart. Rare characters around user words of 14, 15,
// 16 and 300 characters, inside blocks of more than 32768 characters: their tokens are
// those of the pieces cut alone (no word crosses their edges). And a run of 60 000
// Latin letters and digits between words (cutter::long_run): one token, glued from
// the input bytes, in every mode but full.
TEST_CASE("a long block with words of 15 or more characters, and a long Latin run", "[segment][long]") {
  auto seg = zhtext::segmenter::load();
  REQUIRE(seg);
  std::mt19937 rng(1515);
  auto rare = [&](std::size_t n) {
    std::string s;
    for (std::size_t i = 0; i < n; ++i) zhtext::append_utf8(s, static_cast<char32_t>(0x9A00 + rng() % (0x9FD5 - 0x9A00 + 1)));
    return s;
  };
  std::vector<std::string> pieces = {rare(30000)};
  for (std::size_t n : {14, 15, 16, 300}) {
    std::string word;
    for (std::size_t i = 0; i < n; ++i) word += "\xe5\x93\x88";  // 哈
    word += std::to_string(n);  // digits end it: the words are not prefixes of each other
    REQUIRE(seg->add_word(word, 100000000));
    pieces.push_back(word);
    pieces.push_back(rare(5000));
  }
  std::string text;
  for (const std::string& p : pieces) text += p;
  for (bool hmm : {true, false}) {
    const zhtext::cut_options opt{zhtext::cut_mode::precise, hmm};
    std::vector<std::string> expected;
    for (std::size_t i = 0; i < pieces.size(); ++i) {
      if (i % 2 == 1) expected.push_back(pieces[i]);
      else for (const std::string& w : seg->word_strings(pieces[i], opt)) expected.push_back(w);
    }
    CHECK(seg->word_strings(text, opt) == expected);
  }
  std::string latin;
  for (int i = 0; i < 60000; ++i) latin += "abcdefghijklmnopqrstuvwxyz0123456789"[rng() % 36];
  const std::string line = "北京" + latin + "北京";
  for (auto mode : {zhtext::cut_mode::precise, zhtext::cut_mode::search})
    for (bool hmm : {true, false})
      CHECK(seg->word_strings(line, zhtext::cut_options{mode, hmm}) == std::vector<std::string>{"北京", latin, "北京"});
}
