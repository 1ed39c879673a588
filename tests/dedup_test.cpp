// dedup_test.cpp - near-duplicates (dedup.hpp): shingles against the definition written
// out plainly (dedup_reference.hpp, General_Category from Debian's UnicodeData.txt);
// exact similarities and recall against the all-pairs reference on generated
// documents with known edits; signatures against their specification; merged shards
// against one index; the image refused when a byte flips or it is cut short; queries,
// clusters, options, threads and SimHash. All text here is written for the project.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <thread>
#include <tuple>

#include <zhtext/dedup.hpp>
#include <zhtext/keywords.hpp>

#include "dedup_reference.hpp"
#include "test_support.hpp"

namespace {

using namespace zhtext_test;
using pair_key = std::pair<std::uint32_t, std::uint32_t>;

std::string temp_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("zhtext_" + std::to_string(::getpid()) + "_" + name)).string();
}

std::u32string u32(std::string_view s) {
  std::u32string out;
  for (const zhtext::code_point cp : zhtext::code_points(s)) out += cp.value;
  return out;
}

// Phrases written for these tests, the material of the generated articles.
const std::vector<std::string>& phrases() {
  static const std::vector<std::string> p = {
      "社区服务中心", "居民代表大会", "志愿者服务队", "街道办事处", "老年活动室", "垃圾分类", "文明城市创建",
      "便民服务点", "小区物业", "党员先锋岗", "社区图书室", "健康讲座", "消防安全演练", "邻里节活动",
      "助老食堂", "儿童托管班", "环境卫生整治", "停车位改造", "雨污分流工程", "加装电梯", "夜间巡逻",
      "防汛物资", "文艺汇演", "书法展览", "义诊活动", "疫苗接种点", "网格员走访", "矛盾纠纷调解",
      "就业招聘会", "技能培训班", "社区议事会", "公共绿地", "健身步道", "老旧小区", "电动车充电桩",
  };
  return p;
}

// An article: lines of phrases, random Han characters and numbers, with punctuation.
std::vector<std::string> article(edit_generator& g, std::size_t lines) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < lines; ++i) {
    std::string l;
    const std::size_t parts = 3 + g.pick(4);
    for (std::size_t k = 0; k < parts; ++k) {
      l += phrases()[g.pick(phrases().size())];
      for (std::size_t c = 0; c < 4 + g.pick(6); ++c) zhtext::append_utf8(l, g.han());
      if (g.pick(4) == 0) l += std::to_string(10 + g.pick(5000));
      l += k + 1 < parts ? "，" : "。";
    }
    out.push_back(l);
  }
  return out;
}

// Base articles and reprints of them with 1-3 known edits each; the spare lines are
// what edits add.
std::vector<std::string> generated_corpus(std::uint64_t seed, std::size_t bases, std::size_t reprints_per_base,
                                          std::size_t lines = 8) {
  edit_generator g(seed);
  std::vector<std::string> spare;
  for (const std::string& l : article(g, 40)) spare.push_back(l);
  std::vector<std::vector<std::string>> base;
  for (std::size_t i = 0; i < bases; ++i) base.push_back(article(g, lines + g.pick(4)));
  std::vector<std::string> docs;
  for (std::size_t i = 0; i < bases; ++i) {
    docs.push_back(edit_generator::join(base[i]));
    for (std::size_t r = 0; r < reprints_per_base; ++r) {
      std::vector<std::string> copy = base[i];
      const std::size_t edits = 1 + g.pick(3);
      for (std::size_t e = 0; e < edits; ++e) g.edit(copy, static_cast<int>(g.pick(7)), spare);
      docs.push_back(edit_generator::join(copy));
    }
  }
  std::shuffle(docs.begin(), docs.end(), g.engine());
  return docs;
}

zhtext::dedup_index build(const std::vector<std::string>& docs, const zhtext::dedup_options& opt = {}) {
  auto b = zhtext::dedup_index_builder::create(opt);
  REQUIRE(b.ok());
  for (std::size_t i = 0; i < docs.size(); ++i) REQUIRE(b->add(docs[i], "doc" + std::to_string(i)) == i);
  auto idx = b->build();
  REQUIRE(idx.ok());
  return std::move(*idx);
}

// Every reported pair is exact (same counts as the reference) and >= the threshold;
// returns the recall of the reference's pairs.
double check_against_reference(const std::vector<std::string>& docs, const zhtext::dedup_options& opt) {
  const auto ref = reference_pairs(docs, opt.shingle_size, opt.threshold);
  const zhtext::dedup_index idx = build(docs, opt);
  const std::vector<zhtext::dedup_pair> pairs = idx.pairs();
  std::size_t found = 0;
  pair_key last{0, 0};
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    const zhtext::dedup_pair& p = pairs[i];
    INFO("pair " << p.first << " " << p.second);
    REQUIRE(p.first < p.second);
    if (i > 0) REQUIRE(last < pair_key{p.first, p.second});  // ordered by first, then second, no repeats
    last = {p.first, p.second};
    CHECK(p.similarity >= opt.threshold);
    const auto it = ref.find({p.first, p.second});
    REQUIRE(it != ref.end());  // the reference has every reported pair
    CHECK(p.intersection == it->second.intersection);
    CHECK(p.union_size == it->second.union_size);
    CHECK(p.similarity == it->second.similarity());
    ++found;
  }
  INFO("reference pairs " << ref.size() << ", found " << found);
  return ref.empty() ? 1.0 : static_cast<double>(found) / static_cast<double>(ref.size());
}

}  // namespace

TEST_CASE("the P*/Z*/C* table is UnicodeData.txt's General_Category for every code point", "[dedup][shingle]") {
  const auto& gc = general_categories();
  REQUIRE(gc.size() == 0x110000);  // Debian unicode-data is a dependency of the tests
  std::size_t mismatches = 0, removed = 0;
  for (char32_t c = 0; c < 0x110000; ++c) {
    const bool ref = gc[c][0] == 'P' || gc[c][0] == 'Z' || gc[c][0] == 'C';
    removed += ref;
    if (zhtext::detail::removed_before_shingling(c) != ref) ++mismatches;
  }
  CHECK(mismatches == 0);
  CHECK(removed > 900000);  // Cn and Co are most of the code space
}

TEST_CASE("shingling edge cases", "[dedup][shingle]") {
  SECTION("empty text, and text with nothing kept, have no shingles") {
    CHECK(zhtext::shingle_vector("").empty());
    CHECK(zhtext::shingle_text("").empty());
    for (const char* s : {"，。！？、；：“”‘’（）《》…—", " \t\r\n\u3000\u00A0\u2028\u200B\uFEFF", "!?.,;:-_()[]{}\"'",
                          "\x01\x02\x7F\u0085", "\uE000\uF8FF", "\u0378\u0379"}) {
      INFO(s);
      CHECK(zhtext::shingle_vector(s).empty());
      CHECK(zhtext::shingle_text(s).empty());
      CHECK(zhtext::shingles(std::string_view(s)).begin() == zhtext::shingles(std::string_view(s)).end());
    }
  }
  SECTION("a text shorter than K is one shingle") {
    const auto s = zhtext::shingle_vector("社区，新");
    REQUIRE(s.size() == 1);
    CHECK(s[0].size == 3);
    CHECK(s[0].begin == 0);
    CHECK(s[0].end == std::string_view("社区，新").size());
    CHECK(s[0].hash == zhtext::shingle_hash(U"社区新"));
  }
  SECTION("every window of K code points, spans over removed characters") {
    const std::string t = "a,b,c,d,e,f,g";
    const auto s = zhtext::shingle_vector(t);
    REQUIRE(s.size() == 3);
    CHECK(s[0].begin == 0);
    CHECK(s[0].end == 9);
    CHECK(s[1].begin == 2);
    CHECK(s[2].end == 13);
    CHECK(s[0].hash == zhtext::shingle_hash(U"abcde"));
    CHECK(s[1].hash == zhtext::shingle_hash(U"bcdef"));
    CHECK(s[2].hash == zhtext::shingle_hash(U"cdefg"));
    CHECK(zhtext::shingle_text(t.substr(s[1].begin, s[1].end - s[1].begin)) == "bcdef");
  }
  SECTION("full-width forms fold: １２３ and 123 are the same shingles") {
    CHECK(zhtext::shingle_text("第１２３期ＡＢＣ！") == "第123期ABC");
    CHECK(zhtext::shingle_similarity("第１２３期社区报", "第123期社区报") == 1.0);
    const auto a = zhtext::shingle_vector("居民１２３４５户");
    const auto b = zhtext::shingle_vector("居民12345户");
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) CHECK(a[i].hash == b[i].hash);
    CHECK(zhtext::shingle_text("社区\u3000新闻") == "社区新闻");
    CHECK(zhtext::shingle_text("￥１００元") == "￥100元");  // U+FFE5 is Sc: kept, not folded
  }
  SECTION("kept: letters, numbers, marks and symbols; removed: P, Z and C") {
    CHECK(zhtext::shingle_text("e\u0301+1=2 😀 ©") == "e\u0301+1=2😀©");
    CHECK(zhtext::shingle_text("〇一二") == "〇一二");
  }
  SECTION("ill-formed UTF-8 reads as U+FFFD per maximal subpart, as repair_utf8") {
    CHECK(zhtext::shingle_text("\xFF社\xE4\xB8区") == "\uFFFD社\uFFFD区");
    CHECK(zhtext::shingle_text("\xF0\x9F\x98") == "\uFFFD");
    CHECK(zhtext::shingle_text("\xED\xA0\x80") == "\uFFFD\uFFFD\uFFFD");
    CHECK(zhtext::shingle_vector("\xC0\xAF").size() == 1);
    CHECK(zhtext::shingle_vector("\xC0\xAF")[0].hash == zhtext::shingle_hash(U"\uFFFD\uFFFD"));
    byte_fuzzer fuzz(16);
    for (int i = 0; i < 300; ++i) {
      const std::string s = fuzz.next(80);
      const std::string fixed = zhtext::repair_utf8(s);
      CHECK(zhtext::shingle_text(s) == zhtext::shingle_text(fixed));
      const auto a = zhtext::shingle_vector(s), b = zhtext::shingle_vector(fixed);
      REQUIRE(a.size() == b.size());
      for (std::size_t k = 0; k < a.size(); ++k) CHECK(a[k].hash == b[k].hash);
    }
  }
  SECTION("K = 1, K = 32 and out-of-range K") {
    CHECK(zhtext::shingle_vector("社区新闻", 1).size() == 4);
    CHECK(zhtext::shingle_vector("社区新闻", 0).size() == 4);  // clamped to 1
    const std::string long_text(100, 'x');
    CHECK(zhtext::shingle_vector(long_text, 32).size() == 69);
    CHECK(zhtext::shingle_vector(long_text, 1000).size() == 69);  // clamped to 32
    CHECK(zhtext::shingle_vector(long_text, 32)[0].hash == zhtext::shingle_hash(std::u32string(32, U'x')));
  }
}

TEST_CASE("shingles match the plain definition on random text; the three shapes agree", "[dedup][shingle]") {
  byte_fuzzer fuzz(7);
  edit_generator g(3);
  for (int i = 0; i < 400; ++i) {
    std::string s = i % 2 == 0 ? fuzz.next(120) : edit_generator::join(article(g, 2));
    if (i % 5 == 0) s = edit_generator::flip_digits(s);
    for (const std::size_t k : {std::size_t{1}, std::size_t{3}, std::size_t{5}, std::size_t{9}}) {
      const std::vector<std::u32string> windows = reference_windows(s, k);
      const std::vector<zhtext::shingle> list = zhtext::shingle_vector(s, k);
      REQUIRE(list.size() == windows.size());
      std::vector<zhtext::shingle> ranged, called;
      for (const zhtext::shingle& x : zhtext::shingles(s, k)) ranged.push_back(x);
      zhtext::for_each_shingle(s, [&](const zhtext::shingle& x) { called.push_back(x); }, k);
      CHECK(ranged == list);
      CHECK(called == list);
      for (std::size_t w = 0; w < list.size(); ++w) {
        CHECK(list[w].hash == zhtext::shingle_hash(windows[w]));
        CHECK(list[w].size == windows[w].size());
        CHECK(u32(zhtext::shingle_text(s.substr(list[w].begin, list[w].end - list[w].begin))) == windows[w]);
      }
    }
    CHECK(u32(zhtext::shingle_text(s)) == reference_kept(s));
  }
}

TEST_CASE("shingle_similarity is the exact Jaccard index", "[dedup]") {
  edit_generator g(11);
  std::vector<std::string> docs;
  for (int i = 0; i < 30; ++i) docs.push_back(edit_generator::join(article(g, 3)));
  for (int i = 0; i < 30; ++i) {
    std::vector<std::string> lines = article(g, 3);
    g.edit(lines, 5, lines);
    docs.push_back(edit_generator::join(lines));
  }
  for (std::size_t i = 0; i < docs.size(); ++i)
    for (std::size_t j = i; j < docs.size(); j += 7) {
      const reference_counts c = reference_jaccard(reference_set(docs[i], 5), reference_set(docs[j], 5));
      CHECK(zhtext::shingle_similarity(docs[i], docs[j]) == c.similarity());
    }
  CHECK(zhtext::shingle_similarity("", "") == 0.0);
  CHECK(zhtext::shingle_similarity("。", "社区") == 0.0);
  CHECK(zhtext::shingle_similarity("社区", "社区") == 1.0);
}

TEST_CASE("pairs are exact and recall >= 98% against the all-pairs reference", "[dedup][pairs]") {
  SECTION("defaults: J = 0.8, K = 5, 128 hashes") {
    const std::vector<std::string> docs = generated_corpus(42, 70, 3);
    const double recall = check_against_reference(docs, {});
    CHECK(recall >= 0.98);
  }
  SECTION("J = 0.5, K = 3") {
    zhtext::dedup_options opt;
    opt.threshold = 0.5;
    opt.shingle_size = 3;
    const std::vector<std::string> docs = generated_corpus(43, 50, 3);
    CHECK(check_against_reference(docs, opt) >= 0.98);
  }
  SECTION("J = 0.9, 256 hashes, another seed") {
    zhtext::dedup_options opt;
    opt.threshold = 0.9;
    opt.hashes = 256;
    opt.seed = 12345;
    const std::vector<std::string> docs = generated_corpus(44, 50, 3);
    CHECK(check_against_reference(docs, opt) >= 0.98);
  }
  SECTION("short documents (one line each)") {
    const std::vector<std::string> docs = generated_corpus(45, 150, 2, 1);
    CHECK(check_against_reference(docs, {}) >= 0.98);
  }
}

TEST_CASE("each kind of edit: the similarity the definition gives", "[dedup][pairs]") {
  edit_generator g(5);
  std::vector<std::string> spare;
  for (const std::string& l : article(g, 10)) spare.push_back(l);
  std::size_t above = 0, found = 0;
  for (int kind = 0; kind <= 6; ++kind) {
    INFO("edit kind " << kind);
    for (int trial = 0; trial < 10; ++trial) {
      const std::vector<std::string> base = article(g, 10);
      std::vector<std::string> copy = base;
      g.edit(copy, kind, spare);
      const std::string a = edit_generator::join(base), b = edit_generator::join(copy);
      const double ref = reference_jaccard(reference_set(a, 5), reference_set(b, 5)).similarity();
      CHECK(zhtext::shingle_similarity(a, b) == ref);
      if (kind == 4 || kind == 6) CHECK(ref == 1.0);  // width of digits, punctuation and spaces: same shingles
      const zhtext::dedup_index idx = build({a, b});
      const auto pairs = idx.pairs();
      REQUIRE(pairs.size() <= 1);
      if (ref >= 0.8) {
        ++above;
        found += pairs.size();
        if (!pairs.empty()) CHECK(pairs[0].similarity == ref);
      } else {
        CHECK(pairs.empty());
      }
    }
  }
  CHECK(above >= 40);  // most single edits of a ten-line article keep it above 0.8
  CHECK(found == above);
}

TEST_CASE("documents without shingles pair with nothing", "[dedup][pairs]") {
  const zhtext::dedup_index idx = build({"", "。。", "", "社区新闻发布会", "\n", "社区新闻发布会", "！"});
  const auto pairs = idx.pairs();
  REQUIRE(pairs.size() == 1);
  CHECK(pairs[0].first == 3);
  CHECK(pairs[0].second == 5);
  CHECK(pairs[0].similarity == 1.0);
  CHECK(idx.query("").empty());
  CHECK(idx.query("，").empty());
}

TEST_CASE("runs of empty texts and names: every document keeps its text, name and number", "[dedup][offsets]") {
  // Empty texts and names are stored as a bit each (detail/dedup/doc_offsets.hpp):
  // runs across blocks of 64 documents, from the builder, from batches, in images and
  // merged, give back exactly what was added.
  std::vector<std::string> texts, names;
  for (std::size_t d = 0; d < 700; ++d) {
    const bool text = d % 67 == 5 || d % 130 < 3 || (d >= 200 && d < 260), name = d % 3 == 0 || d > 600;
    texts.push_back(text ? "社区新闻" + std::to_string(d % 7) + "发布会" : (d % 2 ? "" : "，"));
    names.push_back(name ? "n" + std::to_string(d) : "");
  }
  auto b = zhtext::dedup_index_builder::create().value();
  zhtext::dedup_batch batch = b.batch();
  for (std::size_t d = 0; d < 700; ++d) {
    if (d < 300) {
      CHECK(b.add(texts[d], names[d]) == d);
      continue;
    }
    batch.add(texts[d], names[d]);
    if (d % 100 == 99 || d == 699) {
      b.add(batch).value();
      batch.clear();
    }
  }
  REQUIRE(b.size() == 700);
  const zhtext::dedup_index idx = b.build().value();
  const auto loaded = zhtext::dedup_index::from_image(idx.to_image()).value();
  for (const zhtext::dedup_index* x : {&idx, &loaded}) {
    REQUIRE(x->size() == 700);
    for (std::size_t d = 0; d < 700; ++d) {
      CHECK(x->shingle_text(d) == zhtext::shingle_text(texts[d]));
      CHECK(x->name(d) == names[d]);
    }
  }
  const auto pairs = idx.pairs(), loaded_pairs = loaded.pairs();
  CHECK(pairs.size() > 100);
  REQUIRE(loaded_pairs.size() == pairs.size());
  for (std::size_t i = 0; i < pairs.size(); ++i)
    CHECK(std::tie(loaded_pairs[i].first, loaded_pairs[i].second) == std::tie(pairs[i].first, pairs[i].second));
  auto half = [&](std::size_t from, std::size_t to) {
    auto h = zhtext::dedup_index_builder::create().value();
    for (std::size_t d = from; d < to; ++d) h.add(texts[d], names[d]);
    return h.build().value();
  };
  const zhtext::dedup_index h1 = half(0, 333), h2 = half(333, 700);
  CHECK(zhtext::dedup_index::merge({&h1, &h2}).value().to_image() == idx.to_image());
}

TEST_CASE("merged shards give exactly the index, and the pairs, of one index", "[dedup][merge]") {
  const std::vector<std::string> docs = generated_corpus(46, 60, 3);
  const zhtext::dedup_index whole = build(docs);
  const std::size_t cut1 = docs.size() / 3, cut2 = docs.size() * 3 / 4;
  auto shard = [&](std::size_t from, std::size_t to) {
    auto b = zhtext::dedup_index_builder::create().value();
    for (std::size_t i = from; i < to; ++i) b.add(docs[i], "doc" + std::to_string(i));
    return b.build().value();
  };
  const zhtext::dedup_index s1 = shard(0, cut1), s2 = shard(cut1, cut2), s3 = shard(cut2, docs.size());
  auto merged = zhtext::dedup_index::merge({&s1, &s2, &s3});
  REQUIRE(merged.ok());
  REQUIRE(merged->size() == docs.size());
  const auto a = whole.pairs(), b = merged->pairs();
  REQUIRE(a.size() == b.size());
  CHECK(a.size() > 100);
  for (std::size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].first == b[i].first);
    CHECK(a[i].second == b[i].second);
    CHECK(a[i].similarity == b[i].similarity);
  }
  CHECK(merged->to_image() == whole.to_image());  // byte for byte the same index
  // Pairs by ranges of first documents (threads), concatenated: the same pairs.
  std::vector<zhtext::dedup_pair> ranged;
  for (std::size_t from = 0; from < docs.size(); from += 37)
    whole.for_each_pair([&](const zhtext::dedup_pair& p) { ranged.push_back(p); }, {from, from + 37});
  REQUIRE(ranged.size() == a.size());
  for (std::size_t i = 0; i < a.size(); ++i) CHECK((ranged[i].first == a[i].first && ranged[i].second == a[i].second));
  // Candidates gathered once, verified by ranges (from several threads): the same pairs.
  const zhtext::dedup_candidates cands = whole.candidates();
  CHECK(cands.hits() > 0);
  std::vector<std::vector<zhtext::dedup_pair>> parts((docs.size() + 36) / 37);
  std::vector<std::thread> pool;
  for (std::size_t r = 0; r < parts.size(); ++r)
    pool.emplace_back([&, r] { cands.for_each_pair([&](const zhtext::dedup_pair& p) { parts[r].push_back(p); }, {r * 37, r * 37 + 37}); });
  for (std::thread& t : pool) t.join();
  std::vector<zhtext::dedup_pair> from_cands;
  for (const auto& part : parts) from_cands.insert(from_cands.end(), part.begin(), part.end());
  REQUIRE(from_cands.size() == a.size());
  for (std::size_t i = 0; i < a.size(); ++i)
    CHECK((from_cands[i].first == a[i].first && from_cands[i].second == a[i].second && from_cands[i].similarity == a[i].similarity));
  // Candidates straight from a builder (no index): the same pairs, documents and names.
  {
    auto direct_builder = zhtext::dedup_index_builder::create().value();
    for (std::size_t i = 0; i < docs.size(); ++i) direct_builder.add(docs[i], "doc" + std::to_string(i));
    auto direct = direct_builder.build_candidates();
    REQUIRE(direct.ok());
    CHECK(direct->documents() == docs.size());
    CHECK(direct->name(cut1) == "doc" + std::to_string(cut1));
    CHECK(direct->hits() == cands.hits());
    std::vector<zhtext::dedup_pair> d;
    direct->for_each_pair([&](const zhtext::dedup_pair& p) { d.push_back(p); });
    REQUIRE(d.size() == a.size());
    for (std::size_t i = 0; i < a.size(); ++i)
      CHECK((d[i].first == a[i].first && d[i].second == a[i].second && d[i].similarity == a[i].similarity));
    CHECK(direct_builder.build().value().size() == 0);  // the builder was left empty
  }
  // ... and between two indexes, as for_each_pair_with.
  auto with = s1.candidates_with(s3);
  REQUIRE(with.ok());
  std::vector<zhtext::dedup_pair> x, y;
  with->for_each_pair([&](const zhtext::dedup_pair& p) { x.push_back(p); });
  REQUIRE(s1.for_each_pair_with(s3, [&](const zhtext::dedup_pair& p) { y.push_back(p); }).ok());
  REQUIRE(x.size() == y.size());
  for (std::size_t i = 0; i < x.size(); ++i) CHECK((x[i].first == y[i].first && x[i].second == y[i].second));
  zhtext::dedup_options other;
  other.shingle_size = 4;
  auto b4 = zhtext::dedup_index_builder::create(other).value();
  b4.add("社区书屋开进老旧小区");
  CHECK(s1.candidates_with(b4.build().value()).error().code == zhtext::errc::invalid_argument);
  // Merging in two steps, and merging loaded images, give the same again.
  auto s12 = zhtext::dedup_index::merge(s1, s2);
  REQUIRE(s12.ok());
  auto again = zhtext::dedup_index::merge(*s12, s3);
  REQUIRE(again.ok());
  CHECK(again->to_image() == whole.to_image());
  auto l1 = zhtext::dedup_index::from_image(s1.to_image()), l2 = zhtext::dedup_index::from_image(s2.to_image()),
       l3 = zhtext::dedup_index::from_image(s3.to_image());
  REQUIRE((l1.ok() && l2.ok() && l3.ok()));
  auto loaded = zhtext::dedup_index::merge({&*l1, &*l2, &*l3});
  REQUIRE(loaded.ok());
  CHECK(loaded->to_image() == whole.to_image());
  CHECK(loaded->name(cut2) == "doc" + std::to_string(cut2));
  CHECK(loaded->shingle_text(7) == zhtext::shingle_text(docs[7]));

  SECTION("indexes of other options are not merged") {
    zhtext::dedup_options other;
    other.seed = 9;
    const zhtext::dedup_index x = build({docs[0]}, other);
    auto bad = zhtext::dedup_index::merge(s1, x);
    REQUIRE(!bad.ok());
    CHECK(bad.error().code == zhtext::errc::invalid_argument);
    CHECK(!zhtext::dedup_index::merge({}).ok());
    CHECK(!s1.query(x).ok());
  }
}

TEST_CASE("batches prepared on other threads add exactly what add() adds", "[dedup][batch]") {
  const std::vector<std::string> docs = generated_corpus(47, 40, 2);
  const zhtext::dedup_index whole = build(docs);
  auto b = zhtext::dedup_index_builder::create().value();
  // Batches of 7 documents, each filled on its own thread, added in order.
  std::vector<zhtext::dedup_batch> batches;
  for (std::size_t from = 0; from < docs.size(); from += 7) batches.push_back(b.batch());
  std::vector<std::thread> pool;
  for (std::size_t i = 0; i < batches.size(); ++i)
    pool.emplace_back([&, i] {
      for (std::size_t d = i * 7; d < docs.size() && d < i * 7 + 7; ++d) batches[i].add(docs[d], "doc" + std::to_string(d));
    });
  for (std::thread& t : pool) t.join();
  std::size_t expected_first = 0;
  for (const zhtext::dedup_batch& batch : batches) {
    auto first = b.add(batch);
    REQUIRE(first.ok());
    CHECK(*first == expected_first);
    expected_first += batch.size();
  }
  b.add(std::string_view{}, "empty");  // documents without shingles, both ways
  zhtext::dedup_batch last = b.batch();
  last.add("，。", "punctuation");
  CHECK(last.size() == 1);
  b.add(last).value();
  const zhtext::dedup_index from_batches = b.build().value();
  auto plain = zhtext::dedup_index_builder::create().value();
  for (std::size_t d = 0; d < docs.size(); ++d) plain.add(docs[d], "doc" + std::to_string(d));
  plain.add(std::string_view{}, "empty");
  plain.add("，。", "punctuation");
  CHECK(from_batches.to_image() == plain.build().value().to_image());
  CHECK(from_batches.pairs().size() == whole.pairs().size());
  last.clear();
  CHECK(last.empty());
  // A batch of a builder with other options is refused.
  zhtext::dedup_options other;
  other.shingle_size = 4;
  auto b4 = zhtext::dedup_index_builder::create(other).value();
  CHECK(b4.add(b.batch()).error().code == zhtext::errc::invalid_argument);
}

TEST_CASE("a document given in pieces cut anywhere indexes exactly as the whole", "[dedup][pieces]") {
  std::vector<std::string> docs = generated_corpus(53, 30, 2);
  // Ill-formed and incomplete sequences, full-width letters, removed characters and a
  // U+FFFD written out, at the ends of pieces too.
  docs.push_back("\xE4\xB8\xAD\xE4\xB8\xE5\x9B\xBD\xF0\x9F\x98\xC3\xA9\xFF\xEF\xBC\xA1\xEF\xBF\xBD\xE3\x80\x80\xE6\x96\x87\xE5");
  docs.push_back("\xF0\x9F\x98\x80\xF0\x9F\x98\xED\x9F\xBF\xE0\x80\xC2\xE6\x96\x87" "abc\xE6");
  docs.push_back(docs[0] + "\xE6\x96" + docs[1]);
  auto plain = zhtext::dedup_index_builder::create().value();
  for (std::size_t d = 0; d < docs.size(); ++d) plain.add(docs[d], "doc" + std::to_string(d));
  const auto expected = plain.build().value().to_image();
  std::mt19937_64 rng(53);
  for (int round = 0; round < 4; ++round) {
    auto b = zhtext::dedup_index_builder::create().value();
    for (std::size_t d = 0; d < docs.size(); ++d) {
      const std::string& t = docs[d];
      for (std::size_t at = 0; at < t.size();) {  // pieces of 0..(1, 3, 7, 40) bytes
        const std::size_t n = std::min<std::size_t>(t.size() - at, rng() % (round == 3 ? 41 : (2u << round)));
        b.add_piece(std::string_view(t).substr(at, n));
        at += n;
      }
      CHECK(b.end_document("doc" + std::to_string(d)) == d);
    }
    INFO("round " << round);
    CHECK(b.build().value().to_image() == expected);
  }
  // Each byte alone, and a document of no pieces: as add() of the same.
  auto bytewise = zhtext::dedup_index_builder::create().value();
  auto whole = zhtext::dedup_index_builder::create().value();
  for (const std::string& t : {docs[docs.size() - 3], docs[docs.size() - 2], docs[2]}) {
    for (const char c : t) bytewise.add_piece(std::string_view(&c, 1));
    bytewise.end_document();
    whole.add(t);
  }
  bytewise.end_document("none");
  whole.add({}, "none");
  CHECK(bytewise.build().value().to_image() == whole.build().value().to_image());
  // A batch, build() or build_candidates() while a document is open: refused.
  auto open = zhtext::dedup_index_builder::create().value();
  open.add_piece("\xE4\xB8");
  CHECK(open.add(open.batch()).error().code == zhtext::errc::invalid_argument);
  CHECK(open.build().error().code == zhtext::errc::invalid_argument);
  CHECK(open.build_candidates().error().code == zhtext::errc::invalid_argument);
  open.add_piece("\xAD");
  CHECK(open.end_document() == 0);
  const auto one = open.build().value();
  CHECK(one.shingle_text(0) == "\xE4\xB8\xAD");
}

TEST_CASE("queries: a text, and a newer index, against an index", "[dedup][query]") {
  const std::vector<std::string> docs = generated_corpus(47, 60, 3);
  const std::size_t old_count = docs.size() * 2 / 3;
  const std::vector<std::string> old_docs(docs.begin(), docs.begin() + static_cast<std::ptrdiff_t>(old_count));
  const std::vector<std::string> new_docs(docs.begin() + static_cast<std::ptrdiff_t>(old_count), docs.end());
  const zhtext::dedup_index old_index = build(old_docs), new_index = build(new_docs), all = build(docs);

  // Between the indexes: exactly the cross pairs of one index of everything.
  std::vector<std::tuple<std::uint32_t, std::uint32_t, double>> expect, got;
  for (const auto& p : all.pairs())
    if (p.first < old_count && p.second >= old_count)
      expect.emplace_back(static_cast<std::uint32_t>(p.second - old_count), p.first, p.similarity);
  std::sort(expect.begin(), expect.end());
  auto cross = old_index.query(new_index);
  REQUIRE(cross.ok());
  for (const auto& p : *cross) got.emplace_back(p.first, p.second, p.similarity);
  CHECK(std::is_sorted(got.begin(), got.end()));
  CHECK(got == expect);
  CHECK(!expect.empty());

  // One text at a time: exact matches >= the threshold, and recall against the reference.
  std::size_t ref_total = 0, found = 0;
  std::vector<std::vector<std::u32string>> old_sets;
  for (const std::string& d : old_docs) old_sets.push_back(reference_set(d, 5));
  for (std::size_t q = 0; q < new_docs.size(); ++q) {
    const auto qs = reference_set(new_docs[q], 5);
    std::map<std::uint32_t, double> ref;
    for (std::size_t i = 0; i < old_docs.size(); ++i) {
      const reference_counts c = reference_jaccard(qs, old_sets[i]);
      if (c.union_size != 0 && c.similarity() >= 0.8) ref[static_cast<std::uint32_t>(i)] = c.similarity();
    }
    ref_total += ref.size();
    const auto matches = old_index.query(new_docs[q]);
    for (std::size_t m = 0; m < matches.size(); ++m) {
      if (m > 0) CHECK(matches[m - 1].doc < matches[m].doc);
      REQUIRE(ref.count(matches[m].doc) == 1);
      CHECK(matches[m].similarity == ref[matches[m].doc]);
      ++found;
    }
  }
  CHECK(ref_total > 20);
  CHECK(static_cast<double>(found) >= 0.98 * static_cast<double>(ref_total));
}

TEST_CASE("save_image streams: checksum64_stream over any split is checksum64; the file is to_image()'s bytes", "[dedup][image]") {
  std::mt19937_64 rng(7);
  std::string bytes(3000, '\0');
  for (char& c : bytes) c = static_cast<char>(rng());
  for (int trial = 0; trial < 200; ++trial) {
    const std::size_t n = rng() % bytes.size();
    zhtext::detail::checksum64_stream sum(trial);
    for (std::size_t at = 0; at < n;) {  // pieces of 0..70 bytes
      const std::size_t take = std::min<std::size_t>(n - at, rng() % 71);
      sum.update(bytes.data() + at, take);
      at += take;
    }
    CHECK(sum.value() == zhtext::detail::checksum64(bytes.data(), n, static_cast<std::uint64_t>(trial)));
  }
  // Sections of every size, empty ones included: no document; documents without
  // shingles or names; named documents.
  const std::string path = temp_path("dedup_stream_test.idx");
  for (int kind = 0; kind < 3; ++kind) {
    auto b = zhtext::dedup_index_builder::create().value();
    if (kind >= 1) b.add("，。", "");
    if (kind == 2) b.add("社区居民参加了活动", "named");
    const zhtext::dedup_index idx = b.build().value();
    REQUIRE(idx.save_image(path).ok());
    CHECK(read_file(path) == idx.to_image());
    auto loaded = zhtext::dedup_index::load_image(path);
    REQUIRE(loaded.ok());
    CHECK(loaded->size() == idx.size());
  }
  const auto under_a_file = zhtext::dedup_index().save_image(path + "/x.idx");  // path is a file: no directory there
  REQUIRE(!under_a_file.ok());
  CHECK(under_a_file.error().code == zhtext::errc::io_error);
  std::remove(path.c_str());
}

TEST_CASE("an index image: round trip; flipped bytes, truncation and crafted images refused", "[dedup][image]") {
  const std::vector<std::string> docs = generated_corpus(48, 20, 2);
  const zhtext::dedup_index idx = build(docs);
  const std::string path = temp_path("dedup_test.idx");
  REQUIRE(idx.save_image(path).ok());
  auto loaded = zhtext::dedup_index::load_image(path);
  REQUIRE(loaded.ok());
  CHECK(loaded->size() == docs.size());
  CHECK(loaded->name(3) == "doc3");
  const auto a = idx.pairs(), b = loaded->pairs();
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) CHECK((a[i].first == b[i].first && a[i].second == b[i].second));
  CHECK(loaded->query(docs[5]).size() >= 1);

  const std::string image = read_file(path);
  REQUIRE(image == idx.to_image());
  auto expect_refused = [&](const std::string& bytes, const std::string& what) {
    INFO(what);
    const std::string bad_path = temp_path("dedup_test_bad.idx");
    {
      std::ofstream out(bad_path, std::ios::binary);
      out << bytes;
    }
    auto r = zhtext::dedup_index::load_image(bad_path);
    REQUIRE(!r.ok());
    CHECK(r.error().code == zhtext::errc::corrupt_data);
    CHECK(r.error().message.find(bad_path) != std::string::npos);  // names the file
    std::remove(bad_path.c_str());
    auto m = zhtext::dedup_index::from_image(bytes, "mem");
    CHECK(!m.ok());
    return r.error().message;
  };
  // A flipped byte anywhere: header, section table, parameters, bands, texts, the end.
  std::mt19937_64 rng(1);
  std::vector<std::size_t> positions = {0, 9, 17, 25, 33, 41, 48, 64, 70, 130, image.size() / 2, image.size() - 1};
  for (int i = 0; i < 40; ++i) positions.push_back(static_cast<std::size_t>(rng() % image.size()));
  for (const std::size_t pos : positions) {
    std::string bad = image;
    bad[pos] = static_cast<char>(bad[pos] ^ 0x20);
    expect_refused(bad, "byte " + std::to_string(pos) + " flipped");
  }
  // Truncated anywhere, and empty.
  for (const std::size_t len : {std::size_t{0}, std::size_t{7}, std::size_t{47}, std::size_t{200}, image.size() / 2, image.size() - 1}) {
    const std::string msg = expect_refused(image.substr(0, len), "cut to " + std::to_string(len) + " bytes");
    if (len >= 48) CHECK(msg.find("truncated") != std::string::npos);
  }
  // A valid checksum over inconsistent contents: a band's document out of range, a
  // band out of order, a text offset past the end.
  auto with_checksum = [](std::string bytes) {
    auto* p = reinterpret_cast<unsigned char*>(bytes.data());
    zhtext::detail::put_u64(p + 32, zhtext::detail::checksum64(p + 40, bytes.size() - 40));
    return bytes;
  };
  auto section = [&](std::size_t i) {
    const auto* p = reinterpret_cast<const unsigned char*>(image.data()) + 48 + 16 * i;
    return zhtext::detail::read_le64(p);
  };
  {
    std::string bad = image;
    const std::size_t band0 = section(1);
    std::memset(&bad[band0], 0xFF, 4);  // the first entry's document: 0xFFFFFFFF
    CHECK(expect_refused(with_checksum(bad), "document out of range").find("out of range") != std::string::npos);
  }
  {
    std::string bad = image;
    const std::size_t band0 = section(1);
    std::memset(&bad[band0 + 4], 0xFF, 4);  // the first entry's key: the largest
    CHECK(expect_refused(with_checksum(bad), "band out of order").find("not sorted") != std::string::npos);
  }
  {
    std::string bad = image;
    const std::size_t offsets = section(2);
    bad[offsets + 15] = static_cast<char>(0x7F);  // the second offset's top byte: past the end
    expect_refused(with_checksum(bad), "text offset out of bounds");
  }
  // Not an index, and no file.
  CHECK(expect_refused(std::string(4096, 'x'), "garbage").find("not a zhtext image") != std::string::npos);
  auto missing = zhtext::dedup_index::load_image(temp_path("no_such_index.idx"));
  REQUIRE(!missing.ok());
  CHECK(missing.error().code == zhtext::errc::not_found);
  std::remove(path.c_str());
}

TEST_CASE("MinHash signatures follow their specification", "[dedup][minhash]") {
  using zhtext::detail::mix64;
  // The specification of detail/dedup/minhash.hpp, written out with no tables.
  auto spec = [](std::string_view text, std::size_t n, std::uint64_t seed, std::size_t k) {
    const std::uint64_t seed_key = mix64(seed + 0x243F6A8885A308D3ULL);
    std::vector<std::uint64_t> slot(n, ~std::uint64_t{0});
    std::vector<bool> filled(n, false);
    auto bin = [&](std::uint64_t x, std::size_t range) { return static_cast<std::size_t>(((x >> 32) * range) >> 32); };
    for (const std::u32string& w : reference_windows(text, k)) {
      std::uint64_t raw = 0;
      for (const char32_t c : w) raw = raw * 0x100000001B3ULL + c;
      const std::uint64_t v = mix64((raw ^ (w.size() * 0x9E3779B97F4A7C15ULL)) ^ seed_key);
      const std::size_t b = bin(v, n);
      if (!filled[b] || v < slot[b]) slot[b] = v;
      filled[b] = true;
    }
    if (std::find(filled.begin(), filled.end(), true) == filled.end()) return slot;
    std::vector<std::uint64_t> out = slot;
    for (std::size_t i = 0; i < n; ++i) {
      if (filled[i]) continue;
      std::vector<std::size_t> pi(n);
      for (std::size_t b = 0; b < n; ++b) pi[b] = b;
      for (std::size_t t = 1; t < n; ++t) {
        const std::uint64_t x = mix64(seed_key ^ ((static_cast<std::uint64_t>(i) << 32) | t));
        std::swap(pi[n - t], pi[bin(x, n - t + 1)]);
      }
      for (const std::size_t b : pi)
        if (filled[b]) {
          out[i] = slot[b];
          break;
        }
    }
    return out;
  };
  edit_generator g(9);
  std::vector<std::string> texts = {"", "。", "社区", "社区新闻发布", edit_generator::join(article(g, 1)),
                                    edit_generator::join(article(g, 12))};
  for (int i = 0; i < 20; ++i) texts.push_back(edit_generator::join(article(g, 1 + g.pick(3))).substr(0, 6 + g.pick(60)));
  for (const std::size_t n : {std::size_t{128}, std::size_t{7}, std::size_t{200}}) {
    for (const std::uint64_t seed : {std::uint64_t{0}, std::uint64_t{99}}) {
      zhtext::dedup_options opt;
      opt.hashes = n;
      opt.seed = seed;
      const zhtext::minhash_signer signer(opt);
      for (const std::string& t : texts) {
        INFO("n " << n << " seed " << seed << " text " << t);
        CHECK(signer.sign(t) == spec(t, n, seed, 5));
        CHECK(zhtext::minhash_signature(t, opt) == signer.sign(t));
        std::vector<std::uint64_t> reused(n, 42);  // signing into a vector that has a signature
        signer.sign(t, reused);
        CHECK(reused == signer.sign(t));
      }
    }
  }
  SECTION("the walk along pi_i, the least-rank search and all slots at once give the same slots") {
    using search = zhtext::detail::minhasher::search;
    for (const std::size_t n : {128, 200, 37}) {  // 37: a last block of 5 slots
      const zhtext::detail::minhasher mh(n, 5);
      std::mt19937_64 rng(2);
      for (int trial = 0; trial < 200; ++trial) {
        zhtext::detail::minhash_scratch s1, s2, s3, s4;
        for (auto* s : {&s1, &s2, &s3, &s4}) mh.begin(*s);
        const std::size_t count = 1 + rng() % 150;
        for (std::size_t i = 0; i < count; ++i) {
          const std::uint64_t key = rng();
          for (auto* s : {&s1, &s2, &s3, &s4}) mh.add(*s, key);
        }
        mh.finish(s1, search::walk);
        mh.finish(s2, search::least_rank);
        mh.finish(s3, search::all_slots);
        mh.finish(s4);
        CHECK(s1.sig == s2.sig);
        CHECK(s1.sig == s3.sig);
        CHECK(s1.sig == s4.sig);
      }
    }
  }
  SECTION("the seed changes the functions; the estimate is near the exact similarity") {
    const std::string a = edit_generator::join(article(g, 10));
    std::vector<std::string> lines = article(g, 10);
    const std::string b = edit_generator::join(lines);
    lines.erase(lines.begin());
    const std::string c = edit_generator::join(lines);
    zhtext::dedup_options other;
    other.seed = 1;
    CHECK(zhtext::minhash_signature(a) != zhtext::minhash_signature(a, other));
    CHECK(zhtext::minhash_signature(a) == zhtext::minhash_signature(a));
    CHECK(std::fabs(zhtext::minhash_estimate(zhtext::minhash_signature(b), zhtext::minhash_signature(c)) -
                    zhtext::shingle_similarity(b, c)) < 0.2);
    CHECK(std::fabs(zhtext::minhash_estimate(zhtext::minhash_signature(a), zhtext::minhash_signature(b)) -
                    zhtext::shingle_similarity(a, b)) < 0.2);
    CHECK(zhtext::minhash_estimate(zhtext::minhash_signature(""), zhtext::minhash_signature("")) == 0.0);
  }
}

TEST_CASE("LSH banding meets 0.999 at the threshold with the fewest false candidates", "[dedup][lsh]") {
  const zhtext::lsh_bands d = zhtext::lsh_banding(0.8, 128);
  CHECK(d.bands == 25);
  CHECK(d.rows == 5);
  CHECK(zhtext::lsh_candidate_probability(0.8, 25, 5) > 0.9999);
  CHECK(zhtext::lsh_candidate_probability(0.5, 25, 5) < 0.6);
  for (const std::size_t n : {std::size_t{64}, std::size_t{128}, std::size_t{256}}) {
    for (double j = 0.3; j <= 0.96; j += 0.05) {
      INFO("J " << j << " hashes " << n);
      const zhtext::lsh_bands b = zhtext::lsh_banding(j, n);
      CHECK(b.bands * b.rows <= n);
      CHECK(zhtext::lsh_candidate_probability(j, b.bands, b.rows) >= 0.999);
      CHECK(zhtext::lsh_candidate_probability(j, n / (b.rows + 1), b.rows + 1) < 0.999);  // r is the largest
    }
  }
}

TEST_CASE("options are checked", "[dedup]") {
  auto bad = [](auto change) {
    zhtext::dedup_options o;
    change(o);
    auto b = zhtext::dedup_index_builder::create(o);
    CHECK(!b.ok());
    if (!b.ok()) CHECK(b.error().code == zhtext::errc::invalid_argument);
  };
  bad([](zhtext::dedup_options& o) { o.threshold = 0; });
  bad([](zhtext::dedup_options& o) { o.threshold = 1.5; });
  bad([](zhtext::dedup_options& o) { o.threshold = std::nan(""); });
  bad([](zhtext::dedup_options& o) { o.shingle_size = 0; });
  bad([](zhtext::dedup_options& o) { o.shingle_size = 33; });
  bad([](zhtext::dedup_options& o) { o.hashes = 0; });
  bad([](zhtext::dedup_options& o) { o.hashes = 5000; });
  bad([](zhtext::dedup_options& o) { o.bands = 10; });
  bad([](zhtext::dedup_options& o) { o.bands = 30, o.rows = 5; });
  zhtext::dedup_options ok;
  ok.bands = 20;
  ok.rows = 6;
  auto b = zhtext::dedup_index_builder::create(ok);
  REQUIRE(b.ok());
  CHECK(b->options().bands == 20);
  CHECK(zhtext::dedup_index_builder::create().value().options().bands == 25);
}

TEST_CASE("clusters: union-find over the pairs, numbered by first document", "[dedup][clusters]") {
  std::vector<zhtext::dedup_pair> pairs(4);
  pairs[0].first = 5, pairs[0].second = 7;
  pairs[1].first = 1, pairs[1].second = 7;
  pairs[2].first = 2, pairs[2].second = 3;
  pairs[3].first = 8, pairs[3].second = 99;  // out of range: ignored
  const auto groups = zhtext::dedup_clusters(pairs, 9);
  REQUIRE(groups.size() == 2);
  CHECK(groups[0] == std::vector<std::uint32_t>{1, 5, 7});
  CHECK(groups[1] == std::vector<std::uint32_t>{2, 3});
  const auto all = zhtext::dedup_clusters(pairs, 9, 1);
  CHECK(all.size() == 6);  // {0} {1,5,7} {2,3} {4} {6} {8}
  CHECK(all[0] == std::vector<std::uint32_t>{0});
  CHECK(all[1] == std::vector<std::uint32_t>{1, 5, 7});

  const std::vector<std::string> docs = generated_corpus(49, 30, 3);
  const zhtext::dedup_index idx = build(docs);
  const auto c = idx.clusters();
  std::set<std::uint32_t> seen;
  for (std::size_t i = 0; i < c.size(); ++i) {
    CHECK(c[i].size() >= 2);
    CHECK(std::is_sorted(c[i].begin(), c[i].end()));
    if (i > 0) CHECK(c[i - 1][0] < c[i][0]);
    for (const auto d : c[i]) CHECK(seen.insert(d).second);
  }
  for (const auto& p : idx.pairs()) {  // both ends of every pair in one cluster
    bool together = false;
    for (const auto& g : c)
      together |= std::binary_search(g.begin(), g.end(), p.first) && std::binary_search(g.begin(), g.end(), p.second);
    CHECK(together);
  }
}

TEST_CASE("an index is shared by threads", "[dedup][threads]") {
  const std::vector<std::string> docs = generated_corpus(50, 40, 3);
  const zhtext::dedup_index idx = build(docs);
  const auto pairs = idx.pairs();
  std::vector<std::size_t> matches(docs.size());
  for (std::size_t i = 0; i < docs.size(); ++i) matches[i] = idx.query(docs[i]).size();
  std::vector<int> ok(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      const zhtext::dedup_index copy = idx;  // copies share the data
      bool same = copy.pairs().size() == pairs.size();
      for (std::size_t i = static_cast<std::size_t>(t); i < docs.size(); i += 2) same &= copy.query(docs[i]).size() == matches[i];
      ok[static_cast<std::size_t>(t)] = same;
    });
  for (auto& th : threads) th.join();
  CHECK(ok == std::vector<int>(4, 1));
}

TEST_CASE("SimHash of TF-IDF keywords", "[dedup][simhash]") {
  // The convention, written out: weighted bit sums of the keywords' hashes.
  struct kw {
    std::string word;
    double weight;
  };
  const std::vector<kw> kws = {{"社区", 1.5}, {"居民", 0.7}, {"志愿者", 0.9}};
  std::uint64_t expect = 0;
  for (int bit = 0; bit < 64; ++bit) {
    double sum = 0;
    for (const kw& k : kws) sum += ((zhtext::simhash_keyword_hash(k.word) >> bit) & 1) ? k.weight : -k.weight;
    if (sum > 0) expect |= std::uint64_t{1} << bit;
  }
  CHECK(zhtext::simhash_of(kws) == expect);
  CHECK(zhtext::simhash_of(std::vector<kw>{}) == 0);
  CHECK(zhtext::simhash_keyword_hash("社区") == zhtext::detail::checksum64("社区", 6, 0x53696D48617368ULL));
  CHECK(zhtext::simhash_distance(0, 0) == 0);
  CHECK(zhtext::simhash_distance(0xF0, 0x0F) == 8);
  CHECK(zhtext::simhash_near(0b1011, 0b0000));
  CHECK(!zhtext::simhash_near(0b1111, 0b0000));

  auto extractor = zhtext::keyword_extractor::load();
  REQUIRE(extractor.ok());
  const std::string story =
      "本报讯（记者 林晓）西湖街道社区服务中心昨天启动老旧小区加装电梯工程，首批六个小区的居民代表大会投票通过方案。"
      "街道办事处负责人介绍，加装电梯采取居民自愿、政府补贴的方式，每部电梯补贴二十万元。"
      "社区志愿者服务队将协助居民办理申请，网格员逐户走访，听取老年居民的意见。"
      "据了解，这批小区大多建于上世纪九十年代，楼高六层，没有电梯，老年居民上下楼十分不便。"
      "今年以来，街道先后召开十余次协调会，邀请设计单位现场勘察，逐一解决管线迁移、采光遮挡等难题。"
      "施工期间，施工单位将设置安全围挡，合理安排作业时间，尽量减少对居民生活的影响。"
      "街道计划年底前完成首批电梯安装，明年在全街道推广加装电梯工作。";
  // A reprint with another byline: a new name among the keywords. (On a three-sentence
  // story the same change moves the fingerprint by 4 bits: SimHash needs longer text.)
  std::string reprint = story;
  reprint.replace(0, std::string("本报讯（记者 林晓）").size(), "（通讯员 王海）");
  const std::string other =
      "市图书馆本周末举办少儿绘本阅读节，现场设置亲子共读区、绘本剧表演和作者签售活动，预计接待读者三千人次。";
  const std::uint64_t a = zhtext::simhash(*extractor, story), b = zhtext::simhash(*extractor, reprint),
                      c = zhtext::simhash(*extractor, other);
  CHECK(a == zhtext::simhash_of(extractor->tfidf(story)));
  CHECK(a == zhtext::simhash(*extractor, story));
  CHECK(zhtext::simhash_near(a, b));
  CHECK(!zhtext::simhash_near(a, c));
  zhtext::simhash_options top5;
  top5.top = 5;
  CHECK(zhtext::simhash(*extractor, story, top5) == zhtext::simhash_of(extractor->tfidf(story, {5, {}})));
}
