// discover_test.cpp - new-word discovery: a text built from a known vocabulary gives
// back exactly that vocabulary; every statistic equals a straightforward reference
// computation; dictionaries, options and bad input.
#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <random>
#include <set>
#include <string>
#include <unordered_set>
#include <vector>

#include <zhtext/discover.hpp>

#include "discover_support.hpp"
#include "test_support.hpp"

namespace {

// A vocabulary of made-up words of 2..4 Han characters, no character shared between
// words, and a text of `words` uniform random draws from it, with a comma, a full
// stop or a line break between some of them. (Uniform: PMI is bounded by -ln p(w),
// so a word that is a sixth of the text cannot look cohesive; real words are rarer.)
struct synthetic {
  std::vector<std::string> vocabulary;
  std::string text;
};

synthetic make_synthetic(std::uint64_t seed, std::size_t vocab_size, std::size_t words) {
  std::mt19937_64 rng(seed);
  synthetic s;
  std::set<char32_t> used;
  while (s.vocabulary.size() < vocab_size) {
    std::string w;
    const std::size_t len = 2 + rng() % 3;
    std::vector<char32_t> chars;
    while (chars.size() < len) {
      const char32_t c = static_cast<char32_t>(0x4E00 + rng() % 0x5000);
      if (used.insert(c).second) chars.push_back(c);
    }
    for (char32_t c : chars) zhtext::append_utf8(w, c);
    s.vocabulary.push_back(w);
  }
  for (std::size_t i = 0; i < words; ++i) {
    s.text += s.vocabulary[rng() % vocab_size];
    const auto r = rng() % 20;
    if (r == 0) s.text += "，";
    else if (r == 1) s.text += "。\n";
  }
  return s;
}

std::set<std::string> texts(const std::vector<zhtext::word_candidate>& v) {
  std::set<std::string> out;
  for (const auto& c : v) out.insert(std::string(c.text));
  return out;
}

const auto nothing_known = [](const std::string&) { return false; };

}  // namespace

TEST_CASE("a text made of a known vocabulary gives back exactly that vocabulary", "[discover]") {
  const synthetic s = make_synthetic(42, 40, 20000);
  zhtext::discover_options o;
  o.edge_stop_words = nullptr;  // random characters may be stop words
  o.min_count = 20;             // about 500 each; chance repeats of word pairs stay below
  auto found = zhtext::discover_words(s.text, o);
  REQUIRE(found);
  const std::set<std::string> vocab(s.vocabulary.begin(), s.vocabulary.end());
  CHECK(texts(*found) == vocab);
  // The statistics are what the reference computes.
  std::string report;
  CHECK(zhtext_test::compare_with_reference(s.text, *found, zhtext_test::reference_discover(s.text, o, nothing_known),
                                            &report) == 0);
  INFO(report);
  // Sanity of the scores: every word is cohesive and free, far above the thresholds.
  for (const auto& c : *found) {
    CHECK(c.cohesion > 3.0);
    CHECK(c.entropy() > 2.0);
    CHECK(c.score > 0);
  }
}

TEST_CASE("statistics equal the reference with low thresholds (many candidates, fragments)", "[discover]") {
  for (std::uint64_t seed : {1, 2, 3}) {
    const synthetic s = make_synthetic(seed, 12, 3000);
    for (bool edge : {false, true}) {
      zhtext::discover_options o;
      o.min_count = 2;
      o.min_cohesion = -100;
      o.min_entropy = 0;
      o.max_length = 5;
      if (!edge) o.edge_stop_words = nullptr;
      auto found = zhtext::discover_words(s.text, o);
      REQUIRE(found);
      const auto ref = zhtext_test::reference_discover(s.text, o, nothing_known);
      CHECK(found->size() > 100);
      std::string report;
      CHECK(zhtext_test::compare_with_reference(s.text, *found, ref, &report) == 0);
      INFO(report);
    }
  }
}

TEST_CASE("statistics equal the reference on random mixed text (fuzz)", "[discover]") {
  zhtext_test::byte_fuzzer fuzz(77);
  std::mt19937_64 rng(5);
  const std::vector<std::string> pieces = {"社区", "居民", "核酸", "检测", "，", "的", "ab", "12", "\xFF", std::string(1, '\0'), "\n", "队"};
  for (int round = 0; round < 150; ++round) {
    std::string text;
    const std::size_t n = rng() % 200;
    for (std::size_t i = 0; i < n; ++i) text += rng() % 5 == 0 ? fuzz.next(3) : pieces[rng() % pieces.size()];
    zhtext::discover_options o;
    o.min_count = 1 + rng() % 3;
    o.min_cohesion = rng() % 2 == 0 ? -100 : 0.5;
    o.min_entropy = rng() % 2 == 0 ? 0 : 0.5;
    o.max_length = 2 + rng() % 7;
    o.han_only = rng() % 2 == 0;
    if (rng() % 2 == 0) o.edge_stop_words = nullptr;
    // Half of the rounds index the text in passes of 1..20 positions (shards by first
    // character).
    if (rng() % 2 == 0) o.index_memory = zhtext::detail::ngram_index::bytes_per_position * (1 + rng() % 20);
    auto found = zhtext::discover_words(text, o);
    REQUIRE(found);
    std::string report;
    INFO("round " << round << ", index_memory " << o.index_memory);
    CHECK(zhtext_test::compare_with_reference(text, *found, zhtext_test::reference_discover(text, o, nothing_known),
                                              &report) == 0);
    INFO(report);
  }
}

namespace {

// Results that agree to the last bit: the same candidates in the same order with the
// same statistics.
bool identical(const std::vector<zhtext::word_candidate>& a, const std::vector<zhtext::word_candidate>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto &x = a[i], &y = b[i];
    if (x.text.data() != y.text.data() || x.text.size() != y.text.size() || x.offset != y.offset ||
        x.count != y.count || x.cohesion != y.cohesion || x.left_entropy != y.left_entropy ||
        x.right_entropy != y.right_entropy || x.score != y.score)
      return false;
  }
  return true;
}

// `count` phrases of 2 .. spread + 1 characters drawn with next_char().
template <class Rng, class NextChar>
std::vector<std::string> random_phrases(Rng& rng, int count, std::size_t spread, NextChar&& next_char) {
  std::vector<std::string> phrases;
  for (int i = 0; i < count; ++i) {
    std::string w;
    for (std::size_t k = 0, len = 2 + rng() % spread; k < len; ++k) zhtext::append_utf8(w, next_char());
    phrases.push_back(w);
  }
  return phrases;
}

}  // namespace

TEST_CASE("several passes over the text (index_memory) give exactly the result of one", "[discover]") {
  // 3000 distinct characters (12 bits an id: 5 per key, so n-grams of 6..32 are
  // sorted in several rounds), 4-byte ones (U+20000..) among them, phrases of up to 20
  // characters repeated in varied contexts, commas, spaces and ill-formed bytes.
  std::mt19937_64 rng(14);
  auto random_char = [&] {
    return static_cast<char32_t>(rng() % 4 == 0 ? 0x20000 + rng() % 600 : 0x4E00 + rng() % 2400);
  };
  const std::vector<std::string> phrases = random_phrases(rng, 40, 19, random_char);
  std::string text;
  while (text.size() < 60000) {
    const auto r = rng() % 10;
    if (r < 5) text += phrases[rng() % phrases.size()];
    else if (r < 8) zhtext::append_utf8(text, random_char());
    else text += r == 8 ? "，" : rng() % 2 ? " " : "\xFF";
  }
  const std::size_t per_position = zhtext::detail::ngram_index::bytes_per_position;
  for (std::size_t max_length : {2, 5, 8, 32}) {
    for (int setting = 0; setting < 4; ++setting) {
      // Every repeated n-gram, or those that pass a cohesion (some parts in later
      // passes) and an entropy threshold.
      const bool han_only = setting % 2 == 0, loose = setting < 2;
      zhtext::discover_options o;
      o.min_count = 2;
      o.min_cohesion = loose ? -100 : 3;
      o.min_entropy = loose ? 0 : 0.5;
      o.max_length = max_length;
      o.han_only = han_only;
      auto one = zhtext::discover_words(text, o);
      REQUIRE(one);
      INFO("max_length " << max_length << ", han_only " << han_only << ", loose " << loose);
      CHECK(one->size() > (loose ? 500 : 5));
      if (max_length <= 8 && (setting == 0 || setting == 3)) {  // the reference is slow on long n-grams
        std::string report;
        const std::size_t diffs = zhtext_test::compare_with_reference(
            text, *one, zhtext_test::reference_discover(text, o, nothing_known), &report);
        INFO(report);
        CHECK(diffs == 0);
      }
      for (std::size_t positions : {60, 700, 9000}) {
        o.index_memory = positions * per_position;
        auto passes = zhtext::discover_words(text, o);
        REQUIRE(passes);
        INFO("index_memory " << o.index_memory);
        CHECK(identical(*one, *passes));
      }
      o.index_memory = 500 * per_position;
      o.top = 10;
      auto top = zhtext::discover_words(text, o);
      REQUIRE(top);
      CHECK(identical(std::vector<zhtext::word_candidate>(one->begin(), one->begin() + std::min<std::ptrdiff_t>(10, one->size())), *top));
    }
  }
  // memory_limit bounds one pass: 500 positions a pass fit in 1 MiB + 500 * 26
  // bytes, not the whole text.
  zhtext::discover_options o;
  o.index_memory = 500 * per_position;
  o.memory_limit = (std::size_t{1} << 20) + 600 * per_position;
  CHECK(zhtext::discover_words(text, o));
  o.index_memory = std::size_t{64} << 20;
  auto r = zhtext::discover_words(text, o);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == zhtext::errc::limit_exceeded);
}

TEST_CASE("one character with more positions than a pass holds: passes split on the next characters, then offsets", "[discover]") {
  // Runs of 的 (up to 40: n-grams all alike on max_length characters) among phrases
  // and lines of one 的: 的's positions are split by the next characters and by byte
  // offsets, and n-grams such as 的的 span passes. The result is that of one pass.
  std::mt19937_64 rng(15);
  auto random_char = [&] { return static_cast<char32_t>(0x4E00 + rng() % 300); };
  const std::vector<std::string> phrases = random_phrases(rng, 20, 6, random_char);
  std::string text;
  const std::function<void()> phrase = [&] { text += phrases[rng() % phrases.size()]; },
                              one = [&] { zhtext::append_utf8(text, random_char()); },
                              line = [&] { text += "的\n"; },
                              run = [&] { for (auto k = rng() % 41; k > 0; --k) text += "的"; };
  const std::vector<std::function<void()>> pieces{phrase, phrase, one, line, run, run};
  while (text.size() < 40000) pieces[rng() % pieces.size()]();
  const std::size_t per_position = zhtext::detail::ngram_index::bytes_per_position;
  for (std::size_t max_length : {2, 4, 8}) {
    zhtext::discover_options o;
    o.min_count = 2;
    o.min_cohesion = -100;
    o.min_entropy = 0;
    o.max_length = max_length;
    o.edge_stop_words = nullptr;
    auto one = zhtext::discover_words(text, o);
    REQUIRE(one);
    CHECK(std::any_of(one->begin(), one->end(), [](const auto& c) { return c.text == "的的"; }));
    for (std::size_t positions : {50, 400, 3000}) {
      zhtext::discover_stats stats;
      o.index_memory = positions * per_position;
      o.memory_limit = (std::size_t{1} << 20) + positions * per_position;  // every pass within its share
      o.stats = &stats;
      auto passes = zhtext::discover_words(text, o);
      o.stats = nullptr;
      REQUIRE(passes);
      INFO("max_length " << max_length << ", index_memory " << o.index_memory);
      CHECK(stats.passes > 3);
      CHECK(identical(*one, *passes));
    }
  }
}

TEST_CASE("past table_memory the rarest n-grams are forgotten: each candidate true, cohesions lower bounds", "[discover]") {
  // Phrases of 2..6 characters among 400 random characters, repeated: many n-grams of
  // two characters or more reach min_count.
  std::mt19937_64 rng(22);
  auto random_char = [&] { return static_cast<char32_t>(0x4E00 + rng() % 400); };
  const std::vector<std::string> phrases = random_phrases(rng, 300, 5, random_char);
  std::string text;
  while (text.size() < 200000) {
    if (rng() % 3 != 0) text += phrases[rng() % phrases.size()];
    else zhtext::append_utf8(text, random_char());
    if (rng() % 8 == 0) text += "，";
  }
  zhtext::discover_options o;
  o.min_count = 3;
  o.min_cohesion = 1;
  o.min_entropy = 0.5;
  zhtext::discover_stats stats;
  o.stats = &stats;
  const auto exact = zhtext::discover_words(text, o);
  REQUIRE(exact);
  CHECK_FALSE(stats.approximate());
  CHECK(stats.passes == 1);
  REQUIRE(stats.table_entries > 2000);
  REQUIRE(exact->size() > 200);
  o.stats = nullptr;
  CHECK(identical(*exact, zhtext::discover_words(text, o).value()));  // stats change nothing
  o.stats = &stats;
  const std::size_t entries = stats.table_entries;
  // A budget that just holds the table: exact, identical; in several passes too.
  o.table_memory = entries * zhtext::table_entry_bytes;
  CHECK(identical(*exact, zhtext::discover_words(text, o).value()));
  CHECK_FALSE(stats.approximate());
  o.index_memory = 5000 * zhtext::detail::ngram_index::bytes_per_position;
  CHECK(identical(*exact, zhtext::discover_words(text, o).value()));
  CHECK(stats.passes > 10);
  CHECK_FALSE(stats.approximate());
  // Smaller budgets, one pass or several: counts up to stats.forgotten_max forgotten;
  // every candidate is one of the exact result with its count and entropies, and a
  // cohesion at most the exact one and at least min_cohesion.
  for (const std::size_t index_memory : {std::size_t{64} << 20, 5000 * zhtext::detail::ngram_index::bytes_per_position}) {
    for (const std::size_t divisor : {3, 20}) {
      o.index_memory = index_memory;
      o.table_memory = entries * zhtext::table_entry_bytes / divisor;
      const auto approximate = zhtext::discover_words(text, o);
      REQUIRE(approximate);
      INFO("index_memory " << index_memory << ", table_memory " << o.table_memory);
      CHECK(stats.approximate());
      CHECK(stats.forgotten_max >= o.min_count);
      CHECK(stats.table_entries <= o.table_memory / zhtext::table_entry_bytes);
      CHECK(approximate->size() <= exact->size());
      CHECK(approximate->size() > 0);
      std::size_t lower = 0;
      for (const zhtext::word_candidate& c : *approximate) {
        const auto it = std::find_if(exact->begin(), exact->end(), [&](const auto& e) { return e.text == c.text; });
        REQUIRE(it != exact->end());
        CHECK(c.count == it->count);
        CHECK(c.offset == it->offset);
        CHECK(c.left_entropy == it->left_entropy);
        CHECK(c.right_entropy == it->right_entropy);
        CHECK(c.cohesion >= o.min_cohesion);
        CHECK(c.cohesion <= it->cohesion);
        lower += c.cohesion < it->cohesion;
      }
      CHECK(lower > 0);
    }
  }
}

TEST_CASE("known words are left out: a set, a string_view set, a predicate, a stop-word list", "[discover]") {
  const synthetic s = make_synthetic(9, 30, 6000);
  zhtext::discover_options o;
  o.edge_stop_words = nullptr;
  o.min_count = 20;
  auto all = zhtext::discover_words(s.text, o);
  REQUIRE(all);
  REQUIRE(all->size() == 30);
  const std::set<std::string> known_set = {s.vocabulary[0], s.vocabulary[1]};
  auto a = zhtext::discover_words(s.text, o, known_set);
  REQUIRE(a);
  CHECK(a->size() == 28);
  CHECK(texts(*a).count(s.vocabulary[0]) == 0);
  std::unordered_set<std::string_view> views = {s.vocabulary[2]};
  auto b = zhtext::discover_words(s.text, o, views);
  REQUIRE(b);
  CHECK(b->size() == 29);
  auto c = zhtext::discover_words(s.text, o, [&](std::string_view w) { return w == s.vocabulary[3]; });
  REQUIRE(c);
  CHECK(texts(*c).count(s.vocabulary[3]) == 0);
  auto list = zhtext::stop_words::from_words(std::vector<std::string>{s.vocabulary[4], s.vocabulary[5]});
  REQUIRE(list);
  auto d = zhtext::discover_words(s.text, o, *list);
  REQUIRE(d);
  CHECK(d->size() == 28);
  // top keeps the best, in the same order.
  o.top = 3;
  auto top = zhtext::discover_words(s.text, o);
  REQUIRE(top);
  REQUIRE(top->size() == 3);
  for (std::size_t i = 0; i < 3; ++i) CHECK((*top)[i].text == (*all)[i].text);
}

TEST_CASE("edge stop words drop 都是-like candidates", "[discover]") {
  // 都是 between varied contexts: frequent, cohesive here, free.
  std::string text;
  const std::vector<std::string> left = {"我们", "他们", "大家", "居民", "干部"}, right = {"好人", "党员", "邻居", "朋友"};
  for (int i = 0; i < 40; ++i) text += left[i % 5] + "都是" + right[i % 4] + "。";
  zhtext::discover_options o;
  o.min_cohesion = 0;
  o.edge_stop_words = nullptr;
  auto raw = zhtext::discover_words(text, o);
  REQUIRE(raw);
  CHECK(texts(*raw).count("都是") == 1);
  o.edge_stop_words = &zhtext::stop_words::builtin();
  auto filtered = zhtext::discover_words(text, o);
  REQUIRE(filtered);
  std::set<std::string> expected;  // those that neither begin nor end with a stop word
  for (const std::string& w : texts(*raw)) {
    const auto cps = zhtext::to_utf32(w);
    std::string first, last;
    zhtext::append_utf8(first, cps.front());
    zhtext::append_utf8(last, cps.back());
    if (!zhtext::stop_words::builtin().contains(first) && !zhtext::stop_words::builtin().contains(last)) expected.insert(w);
  }
  CHECK(expected.size() < raw->size());
  CHECK(texts(*filtered) == expected);
}

TEST_CASE("options out of range and the memory limit are errors", "[discover]") {
  const std::string text = "社区社区社区";
  for (auto change : std::vector<std::function<void(zhtext::discover_options&)>>{
           [](auto& o) { o.min_length = 1; }, [](auto& o) { o.max_length = 33; },
           [](auto& o) { o.min_length = 5, o.max_length = 4; }, [](auto& o) { o.min_count = 0; }}) {
    zhtext::discover_options o;
    change(o);
    auto r = zhtext::discover_words(text, o);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == zhtext::errc::invalid_argument);
  }
  zhtext::discover_options small;
  small.memory_limit = 1000;
  auto r = zhtext::discover_words(text, small);
  REQUIRE_FALSE(r);
  CHECK(r.error().code == zhtext::errc::limit_exceeded);
}

TEST_CASE("bad input: empty, NUL bytes, invalid UTF-8, a huge line", "[discover][bad-input]") {
  auto empty = zhtext::discover_words("");
  REQUIRE(empty);
  CHECK(empty->empty());
  // NULs and ill-formed bytes break candidates but are neighbours like any boundary.
  std::string text;
  for (int i = 0; i < 30; ++i) text += std::string(i % 2 ? "\xFF" : std::string(1, '\0')) + "党员阳光护送队" + (i % 3 ? "\xE4\xB8" : "，");
  zhtext::discover_options o;
  o.min_cohesion = 0;  // a text of one phrase: every part is as frequent as the whole
  auto r = zhtext::discover_words(text, o);
  REQUIRE(r);
  CHECK(texts(*r) == std::set<std::string>{"党员阳光护送队"});  // its parts are never free
  CHECK((*r)[0].count == 30);
  o.max_length = 6;
  r = zhtext::discover_words(text, o);
  REQUIRE(r);
  CHECK(r->empty());
  zhtext_test::byte_fuzzer fuzz(3);
  for (int round = 0; round < 200; ++round) {
    const std::string s = fuzz.next(300);
    zhtext::discover_options lo;
    lo.min_count = 2;
    lo.min_cohesion = -100;
    lo.min_entropy = 0;
    auto f = zhtext::discover_words(s, lo);
    REQUIRE(f);
    for (const auto& c : *f) {
      CHECK(zhtext::is_valid_utf8(c.text));
      CHECK(c.offset + c.text.size() <= s.size());
    }
  }
  // A 4 MB line of random Han characters from a small set: many candidates, no crash.
  std::mt19937_64 rng(1);
  std::string huge;
  while (huge.size() < (4u << 20)) zhtext::append_utf8(huge, static_cast<char32_t>(0x4E00 + rng() % 64));
  zhtext::discover_options h;
  h.top = 20;
  auto big = zhtext::discover_words(huge, h);
  REQUIRE(big);
  CHECK(big->size() <= 20);
}
