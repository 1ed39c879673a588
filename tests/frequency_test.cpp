// frequency_test.cpp - frequency tables: counting, df and first positions, filters,
// merging, top-k, TSV and JSON.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include <zhtext/frequency.hpp>
#include <zhtext/ngram.hpp>

#include "test_support.hpp"

namespace {

using table = zhtext::frequency_table;

struct ref_row {
  std::uint64_t count = 0, df = 0;
  zhtext::first_position first;
};
using ref_table = std::map<std::string, ref_row>;

// Straightforward reference counting of documents (each a list of (token, offset)).
ref_table reference(const std::vector<std::vector<std::pair<std::string, std::uint64_t>>>& docs,
                    std::uint64_t first_doc = 0) {
  ref_table t;
  for (std::size_t d = 0; d < docs.size(); ++d) {
    std::map<std::string, bool> seen;
    for (const auto& [tok, off] : docs[d]) {
      if (tok.empty()) continue;
      ref_row& r = t[tok];
      ++r.count;
      if (!seen[tok]) {
        seen[tok] = true;
        ++r.df;
      }
      const zhtext::first_position here{first_doc + d, off};
      if (here < r.first) r.first = here;
    }
  }
  return t;
}

ref_table rows_of(const table& t) {
  ref_table out;
  t.for_each([&](const table::row& r) { out[std::string(r.token)] = ref_row{r.count, r.df, r.first}; });
  return out;
}

bool same(const ref_table& a, const ref_table& b) {
  if (a.size() != b.size()) return false;
  for (const auto& [k, v] : a) {
    auto it = b.find(k);
    if (it == b.end() || it->second.count != v.count || it->second.df != v.df || it->second.first != v.first) return false;
  }
  return true;
}

// Random documents over a small alphabet of tokens, some nasty.
std::vector<std::vector<std::pair<std::string, std::uint64_t>>> random_docs(std::mt19937_64& rng, std::size_t n) {
  static const std::vector<std::string> vocab = {"社区", "居民", "的", "a", "a\tb", "x\ny", "\\", "\xFF", std::string("\0z", 2),
                                                 "核酸检测", "\r", "\x7F", "é", "😀"};
  std::vector<std::vector<std::pair<std::string, std::uint64_t>>> docs(n);
  for (auto& d : docs) {
    const std::size_t len = rng() % 12;
    std::uint64_t off = 0;
    for (std::size_t i = 0; i < len; ++i) {
      const std::string& w = vocab[rng() % vocab.size()];
      d.emplace_back(w, off);
      off += w.size();
    }
  }
  return docs;
}

template <class Docs>
void count_into(table& t, const Docs& docs, std::size_t begin, std::size_t end) {
  for (std::size_t d = begin; d < end; ++d) {
    t.begin_document();
    for (const auto& [tok, off] : docs[d]) t.add(tok, off);
  }
}

// 200 rounds (seed `seed`): random_docs with min_docs + rng() % spread documents, and
// the table that counts all of them; calls f(docs, table, rng).
template <class F>
void for_random_corpora(std::uint64_t seed, std::size_t min_docs, std::size_t spread, F f) {
  std::mt19937_64 rng(seed);
  for (int round = 0; round < 200; ++round) {
    const auto docs = random_docs(rng, min_docs + rng() % spread);
    table t;
    count_into(t, docs, 0, docs.size());
    f(docs, t, rng);
  }
}

struct tagged {
  std::string_view text;
  std::size_t offset;
  std::string_view tag;
};

}  // namespace

TEST_CASE("count, df and first position over documents", "[frequency]") {
  table t;
  t.add_document(zhtext::characters("甲乙甲"));  // doc 0
  t.add_document(zhtext::characters("乙丙"));    // doc 1
  t.add_document(zhtext::characters(""));        // doc 2: empty, still a document
  CHECK(t.documents() == 3);
  CHECK(t.size() == 3);
  CHECK(t.total() == 5);
  const auto a = t.find("甲");
  CHECK(a.count == 2);
  CHECK(a.df == 1);
  CHECK(a.first == zhtext::first_position{0, 0});
  const auto b = t.find("乙");
  CHECK(b.count == 2);
  CHECK(b.df == 2);
  CHECK(b.first == zhtext::first_position{0, 3});
  CHECK(t.find("丙").first == zhtext::first_position{1, 3});
  CHECK(t.count("丁") == 0);
  CHECK_FALSE(t.find("丁").first.known());
}

TEST_CASE("token items: strings tile the text, .offset wins, empty tokens are skipped", "[frequency]") {
  table t;
  const std::vector<std::string_view> words = {"社区", "", "党员", "社区"};  // as a segmenter tiles "社区党员社区"
  t.add_document(words);
  CHECK(t.find("党员").first == zhtext::first_position{0, 6});
  CHECK(t.count("社区") == 2);
  CHECK(t.size() == 2);
  const std::vector<std::string> owned = {"b", "a"};
  t.add_document(owned);
  CHECK(t.find("a").first == zhtext::first_position{1, 1});
  const std::vector<const char*> cstr = {"c"};
  t.add_document(cstr);
  CHECK(t.find("c").first == zhtext::first_position{2, 0});
  const std::vector<zhtext::ngram> grams = {{"x", 40}, {"y", 7}};
  t.add_document(grams);
  CHECK(t.find("x").first == zhtext::first_position{3, 40});
  CHECK(t.find("y").first == zhtext::first_position{3, 7});
  // First position is the smallest (document, offset), whatever order tokens come in.
  t.add(std::string_view("x"), 3);
  CHECK(t.find("x").first == zhtext::first_position{3, 3});
  CHECK(t.find("x").df == 1);
}

TEST_CASE("counting equals a straightforward reference (fuzz)", "[frequency]") {
  for_random_corpora(7, 1, 8, [](const auto& docs, table& t, std::mt19937_64&) {
    CHECK(same(rows_of(t), reference(docs)));
    CHECK(t.documents() == docs.size());
  });
}

TEST_CASE("counting at the edges of a row's 32-bit numbers equals the reference (fuzz)", "[frequency]") {
  // A row keeps count, df and first position in 32 bits while they fit, and the
  // token path counts in place only then: documents that cross 2^32 - 2, offsets that
  // cross 2^32 - 1, offsets out of order in a document, a df above the count (add_row)
  // and Count types narrower than 32 bits must give what 64-bit fields give.
  std::mt19937_64 rng(41);
  for (int round = 0; round < 200; ++round) {
    auto docs = random_docs(rng, 1 + rng() % 8);
    const std::uint64_t offset_base = (round % 2) ? 0xFFFFFFF0u : 0;
    for (auto& d : docs) {
      for (auto& tok : d) tok.second += offset_base;
      std::shuffle(d.begin(), d.end(), rng);
    }
    zhtext::frequency_options o;
    o.first_document = (round % 4 < 2) ? 0xFFFFFFFBu : round;
    table t(o);
    count_into(t, docs, 0, docs.size());
    CHECK(same(rows_of(t), reference(docs, o.first_document)));
  }
  table t;
  t.add_row({"a", 1, 5, {}});  // df above the count: kept as given, then counted on
  t.begin_document();
  t.add(std::string_view("a"), 9);
  t.add(std::string_view("a"), 4);
  CHECK(t.find("a").count == 3);
  CHECK(t.find("a").df == 6);
  CHECK(t.find("a").first == zhtext::first_position{0, 4});
  zhtext::basic_frequency_table<std::string_view, std::uint16_t> t16;
  t16.begin_document();
  for (int i = 0; i < 70000; ++i) t16.add(std::string_view(i % 2 ? "x" : "y"), 70000 - i);
  CHECK(t16.count("x") == 35000);
  CHECK(t16.total() == 65535);  // saturated
  for (int i = 0; i < 40000; ++i) t16.add(std::string_view("x"), i);
  CHECK(t16.count("x") == 65535);
  CHECK(t16.df("x") == 1);
  CHECK(t16.find("x").first == zhtext::first_position{0, 0});
}

TEST_CASE("filters: stop words, minimum length, Han only, punctuation, POS", "[frequency]") {
  const std::vector<std::string_view> words = {"我们", "的", "核酸检测", "The", "COVID", "，", "...", "a", "社区", "1号楼", "\xFF"};
  // A table with the options `set` makes, counting `words` as one document.
  const auto count_with = [&](auto set) {
    zhtext::frequency_options o;
    set(o);
    table t(o);
    t.add_document(words);
    return t;
  };
  const table a = count_with([](zhtext::frequency_options& o) { o.stop_words = &zhtext::stop_words::builtin(); });
  CHECK(a.count("我们") == 0);
  CHECK(a.count("的") == 0);
  CHECK(a.count("The") == 0);
  CHECK(a.count("a") == 0);
  CHECK(a.count("核酸检测") == 1);
  CHECK(a.count("，") == 1);
  CHECK(a.size() == 7);  // 核酸检测 COVID ， ... 社区 1号楼 \xFF
  CHECK(a.count("COVID") == 1);

  const table b = count_with([](zhtext::frequency_options& o) { o.min_length = 2; });
  CHECK(b.count("的") == 0);
  CHECK(b.count("，") == 0);
  CHECK(b.count("社区") == 1);
  CHECK(b.count("...") == 1);

  const table c = count_with([](zhtext::frequency_options& o) { o.han_only = true; });
  CHECK(c.size() == 4);  // 我们 的 核酸检测 社区
  CHECK(c.count("1号楼") == 0);

  const table d = count_with([](zhtext::frequency_options& o) { o.skip_punctuation = true; });
  CHECK(d.count("，") == 0);
  CHECK(d.count("...") == 0);
  CHECK(d.count("\xFF") == 1);  // ill-formed bytes are not punctuation
  CHECK(d.size() == words.size() - 2);

  zhtext::frequency_options pos;
  pos.pos = {"n", "vn"};
  table e(pos);
  const std::vector<tagged> items = {{"社区", 0, "n"}, {"检测", 6, "vn"}, {"进行", 12, "v"}, {"社区", 18, "n"}};
  e.add_document(items);
  CHECK(e.count("社区") == 2);
  CHECK(e.count("检测") == 1);
  CHECK(e.count("进行") == 0);
  e.add_document(words);  // untagged items never pass a POS filter
  CHECK(e.size() == 2);
  e.add(std::string_view("进行"), 0, "vn");
  CHECK(e.count("进行") == 1);
}

TEST_CASE("merge and append equal one pass (fuzz)", "[frequency]") {
  for_random_corpora(11, 2, 10, [](const auto& docs, table& whole, std::mt19937_64& rng) {
    // Split into parts numbered globally, merge in a random order.
    std::vector<std::size_t> cuts = {0, docs.size()};
    for (int k = 0; k < 3; ++k) cuts.push_back(rng() % (docs.size() + 1));
    std::sort(cuts.begin(), cuts.end());
    std::vector<table> parts;
    for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
      zhtext::frequency_options o;
      o.first_document = cuts[i];
      parts.emplace_back(o);
      count_into(parts.back(), docs, cuts[i], cuts[i + 1]);
    }
    std::vector<std::size_t> order(parts.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::shuffle(order.begin(), order.end(), rng);
    table merged;
    for (std::size_t i : order) merged.merge(parts[i]);
    CHECK(same(rows_of(merged), rows_of(whole)));
    CHECK(merged.documents() == whole.documents());
    CHECK(merged.first_document() == 0);
    CHECK(merged.to_tsv() == whole.to_tsv());
    CHECK(merged.to_json() == whole.to_json());
    // append: parts numbered from 0 each, appended in order.
    table appended;
    for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
      table p;
      count_into(p, docs, cuts[i], cuts[i + 1]);
      appended.append(p);
    }
    CHECK(appended.to_json() == whole.to_json());
    // Moving the parts in (the first one's storage is taken, not copied) gives the
    // same tables, leaves the parts empty and keeps their options.
    table merged_moved, appended_moved;
    for (std::size_t i : order) merged_moved.merge(std::move(parts[i]));
    CHECK(merged_moved.to_json() == whole.to_json());
    CHECK(merged_moved.total() == whole.total());
    for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
      CHECK(parts[i].empty());
      CHECK(parts[i].documents() == 0);
      CHECK(parts[i].first_document() == cuts[i]);
      table p;
      count_into(p, docs, cuts[i], cuts[i + 1]);
      appended_moved.append(std::move(p));
    }
    CHECK(appended_moved.to_json() == whole.to_json());
    // A table that took another's storage counts on as the one-pass table does (its
    // document stamps start afresh).
    merged_moved.add_document(zhtext::characters("社区社"));
    appended_moved.add_document(zhtext::characters("社区社"));
    table whole_more;
    whole_more.merge(whole);
    whole_more.add_document(zhtext::characters("社区社"));
    CHECK(merged_moved.to_json() == whole_more.to_json());
    CHECK(appended_moved.to_json() == whole_more.to_json());
    // Counting more documents after a merge numbers them after the merged ones.
    merged.add_document(zhtext::characters("社"));
    whole.add_document(zhtext::characters("社"));
    CHECK(merged.to_json() == whole.to_json());
  });
}

TEST_CASE("merging a table with itself doubles it", "[frequency]") {
  table t;
  t.add_document(zhtext::characters("甲乙甲"));
  t.merge(t);
  CHECK(t.count("甲") == 4);
  CHECK(t.df("甲") == 2);
  CHECK(t.documents() == 2);
  t.append(t);
  CHECK(t.count("甲") == 8);
  CHECK(t.documents() == 4);
  CHECK(t.find("乙").first == zhtext::first_position{0, 3});
}

TEST_CASE("merging a table into itself by move doubles it too", "[frequency]") {
  table t;
  t.add_document(zhtext::characters("甲乙甲"));
  t.merge(std::move(t));  // NOLINT(bugprone-use-after-move): a self-merge keeps the rows
  CHECK(t.count("甲") == 4);
  CHECK(t.documents() == 2);
  t.append(std::move(t));  // NOLINT(bugprone-use-after-move)
  CHECK(t.count("甲") == 8);
  CHECK(t.df("乙") == 4);
  CHECK(t.documents() == 4);
  CHECK(t.total() == 12);
}

TEST_CASE("merge and append saturate counts, documents and renumbered positions", "[frequency]") {
  // Counts and dfs (64 and 32 bits), copied or moved in.
  auto a = table::from_tsv("a\t18446744073709551615\t1\nb\t3\t2\n");
  auto b = table::from_tsv("a\t5\t3\n");
  REQUIRE(a);
  REQUIRE(b);
  a->merge(*b);
  CHECK(a->count("a") == UINT64_MAX);
  CHECK(a->df("a") == 4);
  CHECK(a->total() == UINT64_MAX);
  using table32 = zhtext::basic_frequency_table<std::string_view, std::uint32_t>;
  auto c = table32::from_tsv("x\t4294967290\t4294967290\n");
  auto d = table32::from_tsv("x\t10\t10\n");
  REQUIRE(c);
  REQUIRE(d);
  table32 e;
  e.merge(std::move(*c));
  e.merge(std::move(*d));
  CHECK(e.count("x") == 4294967295U);
  CHECK(e.df("x") == 4294967295U);

  // Documents: a table read from JSON claims 2^64 - 1 of them.
  const std::string big_json =
      "{\"format\":\"zhtext-frequency\",\"version\":1,\"documents\":18446744073709551615,"
      "\"first_document\":0,\"rows\":[{\"token\":\"甲\",\"count\":1,\"df\":1,\"first\":[3,0]}]}";
  table one;
  one.add_document(zhtext::characters("乙"));
  for (bool move : {false, true}) {
    auto big = table::from_json(big_json);
    REQUIRE(big);
    table small;
    small.add_document(zhtext::characters("乙"));
    if (move) big->merge(std::move(small));
    else big->merge(small);
    CHECK(big->documents() == UINT64_MAX);
    CHECK(big->find("乙").first == zhtext::first_position{0, 0});
    // Appended after the last document there is: the largest known index.
    big->append(one);
    CHECK(big->documents() == UINT64_MAX);
    CHECK(big->count("乙") == 2);
    CHECK(big->find("乙").first.known());
    CHECK(big->find("乙").first.document == 0);
  }
  auto big = table::from_json(big_json);
  REQUIRE(big);
  table after;
  after.add_document(zhtext::characters("丙"));
  after.append(*big);  // base 1: its document 3 becomes 4
  CHECK(after.find("甲").first.document == 4);
  after.append(one);   // base 1 + (2^64 - 1) saturates: 乙 at the largest known index
  CHECK(after.documents() == UINT64_MAX);
  CHECK(after.find("乙").first.document == zhtext::first_position::unknown - 1);
  CHECK(after.find("乙").first.known());
  zhtext::frequency_options late;
  late.first_document = UINT64_MAX - 3;
  table empty_late(late);  // rows taken over (append by move), renumbered
  empty_late.begin_document();
  empty_late.begin_document();
  auto moved = table::from_json(big_json);
  REQUIRE(moved);
  empty_late.append(std::move(*moved));
  CHECK(empty_late.find("甲").first.document == zhtext::first_position::unknown - 1);
  CHECK(empty_late.documents() == UINT64_MAX);

  // A first position before its table's first document (inconsistent JSON) is
  // renumbered to the first appended document.
  auto odd = table::from_json(
      "{\"format\":\"zhtext-frequency\",\"version\":1,\"documents\":1,\"first_document\":5,"
      "\"rows\":[{\"token\":\"丁\",\"count\":1,\"df\":1,\"first\":[2,7]}]}");
  REQUIRE(odd);
  table base;
  base.add_document(zhtext::characters("甲"));
  base.append(*odd);
  CHECK(base.find("丁").first == zhtext::first_position{1, 7});
}

TEST_CASE("merge and append keep this table's options, whatever the other's", "[frequency]") {
  auto stop = zhtext::stop_words::from_words(std::vector<std::string>{"的"});
  REQUIRE(stop);
  zhtext::frequency_options filtered;
  filtered.stop_words = &*stop;
  filtered.min_length = 2;
  filtered.first_document = 10;
  zhtext::frequency_options plain;
  plain.first_document = 100;
  const std::vector<std::string> words = {"的", "社区", "甲", "社区"};
  table f(filtered), p(plain);
  f.add_document(words);
  p.add_document(words);
  p.add_document(words);
  CHECK(f.count("的") == 0);
  CHECK(f.count("甲") == 0);
  // The other's rows come in as they are: its filters are not applied, nor taken over.
  table fm(filtered);
  fm.merge(f);
  fm.merge(p);
  CHECK(fm.count("的") == 2);
  CHECK(fm.count("甲") == 2);
  CHECK(fm.count("社区") == 6);
  CHECK(fm.options().stop_words == &*stop);
  CHECK(fm.options().min_length == 2);
  CHECK(fm.first_document() == 10);  // merge: the smaller of the tables that counted documents
  fm.add_document(words);            // and it goes on filtering
  CHECK(fm.count("的") == 2);
  CHECK(fm.count("社区") == 8);
  table pm(plain);
  pm.merge(f);
  CHECK(pm.options().stop_words == nullptr);
  CHECK(pm.first_document() == 10);
  pm.add_document(words);
  CHECK(pm.count("的") == 1);
  // append: the other's first_document is ignored, its documents follow this table's.
  table fa(filtered);
  fa.add_document(words);
  fa.append(p);
  CHECK(fa.first_document() == 10);
  CHECK(fa.documents() == 3);
  CHECK(fa.find("的").first == zhtext::first_position{11, 0});
  CHECK(fa.count("的") == 2);
  table p2(plain);  // taking p2's storage: the same, and this table's options stay
  p2.add_document(words);
  table moved_in(filtered);
  moved_in.append(std::move(p2));
  CHECK(moved_in.first_document() == 10);
  CHECK(moved_in.find("的").first == zhtext::first_position{10, 0});
  CHECK(moved_in.options().stop_words == &*stop);
  moved_in.add_document(words);
  CHECK(moved_in.count("的") == 1);
}

TEST_CASE("top(k) equals a full sort, ties by token bytes, whatever the insertion order", "[frequency]") {
  std::mt19937_64 rng(3);
  for (int round = 0; round < 100; ++round) {
    std::vector<std::pair<std::string, std::uint64_t>> rows;
    const std::size_t n = rng() % 60;
    for (std::size_t i = 0; i < n; ++i) {
      std::string tok;
      for (std::size_t k = 0, len = 1 + rng() % 3; k < len; ++k) tok += static_cast<char>(rng() % 256);
      rows.emplace_back(tok, 1 + rng() % 4);  // many ties
    }
    table a, b;
    for (const auto& [tok, c] : rows)
      for (std::uint64_t k = 0; k < c; ++k) a.add(tok, 0);
    std::shuffle(rows.begin(), rows.end(), rng);
    for (const auto& [tok, c] : rows)
      for (std::uint64_t k = 0; k < c; ++k) b.add(tok, 0);
    // Brute force: all (count, token) pairs, sorted.
    std::vector<std::pair<std::uint64_t, std::string>> all;
    for (const auto& [tok, r] : rows_of(a)) all.emplace_back(r.count, tok);
    std::sort(all.begin(), all.end(), [](const auto& x, const auto& y) {
      if (x.first != y.first) return x.first > y.first;
      return std::lexicographical_compare(x.second.begin(), x.second.end(), y.second.begin(), y.second.end(),
                                          [](char p, char q) { return static_cast<unsigned char>(p) < static_cast<unsigned char>(q); });
    });
    for (std::size_t k : {std::size_t{0}, std::size_t{1}, std::size_t{5}, all.size(), all.size() + 3}) {
      const auto top_a = a.top(k), top_b = b.top(k);
      REQUIRE(top_a.size() == std::min(k, all.size()));
      REQUIRE(top_b.size() == top_a.size());
      for (std::size_t i = 0; i < top_a.size(); ++i) {
        CHECK(std::string(top_a[i].token) == all[i].second);
        CHECK(top_a[i].count == all[i].first);
        CHECK(top_b[i].token == top_a[i].token);
      }
    }
    CHECK(a.to_tsv() == b.to_tsv());
    CHECK(a.to_tsv(5) == b.to_tsv(5));
  }
}

TEST_CASE("sorted rows with counts beyond 32 bits and keys alike in their first 8 bytes", "[frequency]") {
  // The full sort takes 16-byte records (32-bit counts) unless a count needs more bits;
  // ties of count and of the 8-byte key prefix are settled by the whole token.
  const std::string tsv = "prefix__b\t4294967296\t1\nprefix__a\t4294967296\t1\nz\t4294967297\t1\n"
                          "prefix__\t4294967295\t1\nprefix__a\t4294967295\t1\ny\t3\t1\nprefix__c\t3\t1\n";
  const auto t = table::from_tsv(tsv);
  REQUIRE(t);
  const std::string want = "prefix__a\t8589934591\t2\nz\t4294967297\t1\nprefix__b\t4294967296\t1\n"
                           "prefix__\t4294967295\t1\nprefix__c\t3\t1\ny\t3\t1\n";
  CHECK(t->to_tsv() == want);
  CHECK(t->to_tsv(4) == want.substr(0, want.find("prefix__c")));
  table small;  // 32-bit counts: the same order rules
  for (const char* tok : {"prefix__b", "prefix__", "prefix__a", "y", "prefix__a", "x"}) small.add(tok, 0);
  CHECK(small.to_tsv() == "prefix__a\t2\t1\nprefix__\t1\t1\nprefix__b\t1\t1\nx\t1\t1\ny\t1\t1\n");
}

TEST_CASE("a million distinct tokens: compact rows, sorted in runs", "[frequency]") {
  // A row is 24 bytes (an 8-byte reference to its token, 32-bit count, df and first
  // position; main: 56) and the full sort of more than 2^19 rows goes by sorted runs of
  // 2^18, merged. memory_bytes a row, with the index and the token bytes (1M tokens
  // of 12 bytes, 2M index slots, room for 2^20 rows): main 79.8, here 46.3.
  constexpr std::size_t n = 1000000;
  table t;
  std::vector<std::pair<std::uint64_t, std::string>> all;
  std::mt19937_64 rng(11);
  t.begin_document();
  for (std::size_t i = 0; i < n; ++i) {
    std::string tok = "tok" + std::to_string(rng() % 1000000000);
    tok.resize(12, '.');
    const std::uint64_t c = 1 + rng() % 3;  // ties everywhere, across runs
    for (std::uint64_t k = 0; k < c; ++k) t.add(tok, i);
    all.emplace_back(c, tok);
  }
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  std::vector<std::pair<std::uint64_t, std::string>> merged;  // repeated tokens summed
  for (const auto& r : all) {
    if (!merged.empty() && merged.back().second == r.second) merged.back().first += r.first;
    else merged.push_back(r);
  }
  REQUIRE(t.size() == merged.size());
  CHECK(static_cast<double>(t.memory_bytes()) / static_cast<double>(t.size()) < 56);
  std::stable_sort(merged.begin(), merged.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::size_t i = 0, wrong = 0;
  t.for_each_top(n, [&](const table::row& r) {
    if (r.token != merged[i].second || r.count != merged[i].first || r.df != 1) ++wrong;
    ++i;
  });
  CHECK(i == merged.size());
  CHECK(wrong == 0);
  CHECK(t.find(merged[7].second).first.document == 0);
}

TEST_CASE("TSV: exact escaping of nasty tokens", "[frequency][tsv]") {
  table t;
  const std::vector<std::string> toks = {"a\tb", "x\ny", "back\\slash", "cr\r", std::string("nul\0", 4), "\x7F",
                                         "\xFF", "\xE4\xB8", "社区", "\\x41", "\x1F"};
  for (const std::string& s : toks) t.add(s, 0);
  t.add(std::string_view("社区"), 0);  // count 2: first row
  const std::string expected =
      "社区\t2\t1\n"
      "\\x1F\t1\t1\n"
      "\\\\x41\t1\t1\n"
      "a\\tb\t1\t1\n"
      "back\\\\slash\t1\t1\n"
      "cr\\r\t1\t1\n"
      "nul\\x00\t1\t1\n"
      "x\\ny\t1\t1\n"
      "\\x7F\t1\t1\n"
      "\\xE4\\xB8\t1\t1\n"
      "\\xFF\t1\t1\n";
  CHECK(t.to_tsv() == expected);
  CHECK(zhtext::is_valid_utf8(t.to_tsv()));
  auto back = table::from_tsv(expected);
  REQUIRE(back);
  CHECK(same(rows_of(*back), [&] {
    ref_table r = rows_of(t);
    for (auto& [k, v] : r) v.first = {};  // TSV has no positions
    return r;
  }()));
  // Hex digits in either case are read; output is canonical.
  auto lower = table::from_tsv("\\xff\t3\t2\n");
  REQUIRE(lower);
  CHECK(lower->to_tsv() == "\\xFF\t3\t2\n");
}

TEST_CASE("TSV round trip and merge of shuffled, repeated, CRLF lines (fuzz)", "[frequency][tsv]") {
  std::mt19937_64 rng(5);
  zhtext_test::byte_fuzzer fuzz(99);
  for (int round = 0; round < 100; ++round) {
    table t;
    for (int d = 0; d < 4; ++d) {
      t.begin_document();
      for (int i = 0; i < 20; ++i) {
        const std::string tok = fuzz.next(6);
        t.add(tok, 0);
      }
    }
    const std::string tsv = t.to_tsv();
    auto back = table::from_tsv(tsv, "round");
    REQUIRE(back);
    CHECK(back->to_tsv() == tsv);
    // Split every row into two rows (count c -> 1 + (c-1), df likewise when possible),
    // shuffle, use CRLF: the merge still prints the same table.
    std::vector<std::string> lines;
    t.for_each([&](const table::row& r) {
      std::string tok;
      zhtext::detail::append_tsv_escaped(tok, r.token);
      if (r.count >= 2 && r.df >= 2) {
        lines.push_back(tok + "\t1\t1\r\n");
        lines.push_back(tok + "\t" + std::to_string(r.count - 1) + "\t" + std::to_string(r.df - 1) + "\r\n");
      } else {
        lines.push_back(tok + "\t" + std::to_string(r.count) + "\t" + std::to_string(r.df) + "\n");
      }
    });
    std::shuffle(lines.begin(), lines.end(), rng);
    std::string shuffled;
    for (const auto& l : lines) shuffled += l + (rng() % 4 == 0 ? "\n" : "");
    auto merged = table::from_tsv(shuffled);
    REQUIRE(merged);
    CHECK(merged->to_tsv() == tsv);
  }
}

TEST_CASE("TSV errors name the line and keep earlier rows", "[frequency][tsv]") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"a\t1\t1\nb\t1\n", "in:2: expected 3 TAB-separated fields: token, count, df"},
      {"a\t1\t1\t1\n", "in:1: expected 3 TAB-separated fields: token, count, df"},
      {"\t1\t1\n", "in:1: empty token"},
      {"a\\q\t1\t1\n", "in:1: unknown escape (only \\\\ \\t \\n \\r \\xHH are defined)"},
      {"a\\\t1\t1\n", "in:1: backslash at the end of a field"},
      {"a\\xG0\t1\t1\n", "in:1: \\x not followed by two hex digits"},
      {"a\t-1\t1\n", "in:1: count is not a decimal number of the count type"},
      {"a\t1\t\n", "in:1: df is not a decimal number of the count type"},
      {"a\t18446744073709551616\t1\n", "in:1: count is not a decimal number of the count type"},
      {"a\t0\t0\n", "in:1: count must be at least 1"},
      {"a\t1\t0\n", "in:1: df must be at least 1"},
      {"a\t1\t2\n", "in:1: df is greater than count"},
      {"a\t 1\t1\n", "in:1: count is not a decimal number of the count type"},
  };
  for (const auto& [text, message] : cases) {
    INFO(text);
    table t;
    auto r = t.add_tsv(text, "in");
    REQUIRE_FALSE(r);
    CHECK(r.error().code == zhtext::errc::parse_error);
    CHECK(r.error().message == message);
  }
  table t;
  auto r = t.add_tsv("ok\t2\t1\n\nbad\n", "part", 10);
  REQUIRE_FALSE(r);
  CHECK(r.error().message == "part:12: expected 3 TAB-separated fields: token, count, df");
  CHECK(t.count("ok") == 2);
  // The largest count fits; sums saturate instead of wrapping.
  auto big = table::from_tsv("a\t18446744073709551615\t1\na\t5\t1\n");
  REQUIRE(big);
  CHECK(big->count("a") == UINT64_MAX);
}

TEST_CASE("JSON: exact document, round trip with positions, token_hex", "[frequency][json]") {
  zhtext::frequency_options o;
  o.first_document = 5;
  table t(o);
  const std::vector<zhtext::ngram> d1 = {{"社区", 0}, {"\"q\"", 6}, {"\xFF", 9}};
  const std::vector<zhtext::ngram> d2 = {{"社区", 3}, {"a\\b\n", 0}};
  t.add_document(d1);
  t.add_document(d2);
  const std::string expected =
      "{\"format\":\"zhtext-frequency\",\"version\":1,\"documents\":2,\"first_document\":5,\"rows\":[\n"
      "{\"token\":\"社区\",\"count\":2,\"df\":2,\"first\":[5,0]},\n"
      "{\"token\":\"\\\"q\\\"\",\"count\":1,\"df\":1,\"first\":[5,6]},\n"
      "{\"token\":\"a\\\\b\\n\",\"count\":1,\"df\":1,\"first\":[6,0]},\n"
      "{\"token_hex\":\"ff\",\"count\":1,\"df\":1,\"first\":[5,9]}\n"
      "]}\n";
  CHECK(t.to_json() == expected);
  auto back = table::from_json(expected, "doc");
  REQUIRE(back);
  CHECK(back->to_json() == expected);
  CHECK(same(rows_of(*back), rows_of(t)));
  CHECK(back->documents() == 2);
  CHECK(back->first_document() == 5);
  // White space, key order, \u escapes (with a surrogate pair) and no positions.
  auto loose = table::from_json(
      " { \"rows\" : [ { \"df\":1, \"count\":3, \"token\":\"\\u793e\\ud83d\\ude00\" } ] ,\n"
      "\"first_document\":0, \"documents\":0, \"version\":1, \"format\":\"zhtext-frequency\" } \n");
  REQUIRE(loose);
  CHECK(loose->count("社😀") == 3);
  CHECK_FALSE(loose->find("社😀").first.known());
  CHECK(loose->to_json() ==
        "{\"format\":\"zhtext-frequency\",\"version\":1,\"documents\":0,\"first_document\":0,\"rows\":[\n"
        "{\"token\":\"社😀\",\"count\":3,\"df\":1}\n]}\n");
  table empty;
  CHECK(empty.to_json() == "{\"format\":\"zhtext-frequency\",\"version\":1,\"documents\":0,\"first_document\":0,\"rows\":[\n\n]}\n");
  auto e = table::from_json(empty.to_json());
  REQUIRE(e);
  CHECK(e->empty());
}

TEST_CASE("to_json(limit) keeps the first rows, documents and first_document", "[frequency][json]") {
  table t;
  t.add_document(zhtext::characters("甲乙甲丙甲乙"));
  t.add_document(zhtext::characters("丁"));
  const std::string head = "{\"format\":\"zhtext-frequency\",\"version\":1,\"documents\":2,\"first_document\":0,\"rows\":[\n";
  CHECK(t.to_json(2) == head + "{\"token\":\"甲\",\"count\":3,\"df\":1,\"first\":[0,0]},\n"
                               "{\"token\":\"乙\",\"count\":2,\"df\":1,\"first\":[0,3]}\n]}\n");
  CHECK(t.to_json(0) == head + "\n]}\n");
  CHECK(t.to_json(99) == t.to_json());
}

TEST_CASE("for_each_top and write_json stream what top and to_json return", "[frequency][json]") {
  table t;
  std::vector<std::string> words;  // 5003 rows of counts 2 and 3: JSON of ~200 KB
  for (int i = 0; i < 12000; ++i) words.push_back(std::to_string(i * 7919 % 5003));
  t.add_document(words);
  REQUIRE(t.size() == 5003);
  for (const std::size_t k : {std::size_t(0), std::size_t(5), t.size() / 2, t.size(), t.size() + 1}) {
    const auto rows = t.top(k);
    std::size_t seen = 0;
    bool same = true;
    t.for_each_top(k, [&](const table::row& r) {
      same = same && seen < rows.size() && rows[seen].token == r.token && rows[seen].count == r.count &&
             rows[seen].df == r.df && rows[seen].first == r.first;
      ++seen;
    });
    CHECK(same);
    CHECK(seen == rows.size());
    std::string json;
    std::size_t pieces = 0;
    t.write_json([&](std::string_view piece) {
      json += piece;
      ++pieces;
    }, k);
    CHECK(json == t.to_json(k));
    if (k >= t.size()) CHECK(pieces > 1);  // in pieces of about 64 KiB, not one string
  }
}

TEST_CASE("add_row: a document counted in pieces folds back into one", "[frequency]") {
  // One document, "甲乙甲丙" + "乙甲", counted as two pieces (two documents of their own).
  table piece1, piece2;
  piece1.add_document(std::vector<zhtext::ngram>{{"甲", 0}, {"乙", 3}, {"甲", 6}, {"丙", 9}});
  piece2.add_document(std::vector<zhtext::ngram>{{"乙", 12}, {"甲", 15}});
  table pieces;
  pieces.merge(piece1);
  pieces.merge(piece2);
  CHECK(pieces.df("甲") == 2);  // merge: the pieces are different documents
  table whole;
  whole.add_document(zhtext::characters("戊"));
  const std::uint64_t doc = whole.begin_document();
  CHECK(doc == 1);
  pieces.for_each([&](const table::row& r) { whole.add_row({r.token, r.count, 1, {doc, r.first.offset}}); });
  table direct;
  direct.add_document(zhtext::characters("戊"));
  direct.add_document(zhtext::characters("甲乙甲丙乙甲"));
  CHECK(whole.documents() == 2);
  CHECK(whole.to_json() == direct.to_json());
  // add_document_rows does the same, into a table with rows (copied) or without (taken).
  for (const bool first_empty : {false, true}) {
    table into;
    if (!first_empty) into.add_document(zhtext::characters("戊"));
    table p1, p2, moved;
    p1.add_document(std::vector<zhtext::ngram>{{"甲", 0}, {"乙", 3}, {"甲", 6}, {"丙", 9}});
    p2.add_document(std::vector<zhtext::ngram>{{"乙", 12}, {"甲", 15}});
    moved.merge(std::move(p1));
    moved.merge(std::move(p2));
    CHECK(into.add_document_rows(std::move(moved)) == (first_empty ? 0u : 1u));
    CHECK(moved.empty());
    table expect;
    if (!first_empty) expect.add_document(zhtext::characters("戊"));
    expect.add_document(zhtext::characters("甲乙甲丙乙甲"));
    CHECK(into.to_json() == expect.to_json());
    CHECK(into.total() == expect.total());
    into.add("甲", 0);  // a new document: df counts it once more
    CHECK(into.df("甲") == 2);
    CHECK(into.documents() == expect.documents() + 1);
  }
  // Like merge, add_row closes the current document: counting on starts a new one.
  whole.add("甲", 18);
  CHECK(whole.documents() == 3);
  CHECK(whole.df("甲") == 2);
  CHECK(whole.count("甲") == 4);
  CHECK(whole.find("甲").first == zhtext::first_position{1, 0});
  whole.add_row({"", 5, 1, {}});  // ignored
  CHECK(whole.size() == 4);
  whole.add_row({"己", 2, 2, {}});
  CHECK(whole.find("己").count == 2);
  CHECK(whole.find("己").df == 2);
  CHECK_FALSE(whole.find("己").first.known());
  CHECK(whole.documents() == 3);
}

TEST_CASE("JSON round trip of random tables (fuzz)", "[frequency][json]") {
  zhtext_test::byte_fuzzer fuzz(1234);
  for (int round = 0; round < 100; ++round) {
    zhtext::frequency_options o;
    o.first_document = static_cast<std::uint64_t>(round);
    table t(o);
    for (int d = 0; d < 3; ++d) {
      const std::string text = fuzz.next(30);
      t.begin_document();
      for (const zhtext::ngram& g : zhtext::char_ngrams(text, 2)) t.add(g.text, g.offset);
    }
    auto back = table::from_json(t.to_json());
    REQUIRE(back);
    CHECK(back->to_json() == t.to_json());
    CHECK(same(rows_of(*back), rows_of(t)));
  }
}

TEST_CASE("JSON errors name the line", "[frequency][json]") {
  const std::string head = "{\"format\":\"zhtext-frequency\",\"version\":1,\"documents\":1,\"first_document\":0,\"rows\":[\n";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", "j:1: expected '{'"},
      {"{\"format\":\"other\"}", "j:1: format is not \"zhtext-frequency\""},
      {"{\"format\":\"zhtext-frequency\",\"version\":2}", "j:1: unsupported version 2 (this reader knows 1)"},
      {"{\"format\":\"zhtext-frequency\",\"version\":1,\"rows\":[]}",
       "j:1: missing one of the keys format, version, documents, first_document, rows"},
      {head + "{\"token\":\"a\",\"count\":1}\n]}", "j:2: a row needs count and df"},
      {head + "{\"token\":\"a\",\"token_hex\":\"61\",\"count\":1,\"df\":1}\n]}", "j:2: a row needs exactly one of token, token_hex"},
      {head + "{\"token\":\"a\",\"count\":1,\"df\":1},\n{\"token\":\"a\",\"count\":1,\"df\":1}\n]}", "j:3: repeated token"},
      {head + "{\"token\":\"\",\"count\":1,\"df\":1}\n]}", "j:2: empty token"},
      {head + "{\"token\":\"a\",\"count\":1,\"df\":2}\n]}", "j:2: df is greater than count"},
      {head + "{\"token\":\"a\",\"count\":1.5,\"df\":1}\n]}", "j:2: expected an unsigned integer"},
      {head + "{\"token\":\"a\",\"count\":-1,\"df\":1}\n]}", "j:2: expected an unsigned integer"},
      {head + "{\"token\":\"\\ud800\",\"count\":1,\"df\":1}\n]}", "j:2: lone high surrogate in \\u escape"},
      {head + "{\"token\":\"a\tb\",\"count\":1,\"df\":1}\n]}", "j:2: control character in a string (must be escaped)"},
      {head + "{\"token\":\"\xFF\",\"count\":1,\"df\":1}\n]}", "j:2: invalid UTF-8 in a string"},
      {head + "{\"token_hex\":\"6\",\"count\":1,\"df\":1}\n]}", "j:2: token_hex has an odd number of digits"},
      {head + "{\"token\":\"a\",\"count\":1,\"df\":1,\"x\":1}\n]}", "j:2: unknown key \"x\" in a row"},
      {head + "{\"token\":\"a\",\"count\":1,\"df\":1}\n]}x", "j:3: text after the end of the document"},
      {head + "{\"token\":\"a\",\"count\":1,\"df\":1}\n", "j:3: expected ']'"},
  };
  for (const auto& [text, message] : cases) {
    INFO(text);
    auto r = table::from_json(text, "j");
    REQUIRE_FALSE(r);
    CHECK(r.error().code == zhtext::errc::parse_error);
    CHECK(r.error().message == message);
  }
}

TEST_CASE("integer keys and 32-bit counts", "[frequency]") {
  zhtext::basic_frequency_table<std::uint32_t, std::uint32_t> t;
  const std::vector<std::uint32_t> ids = {7, 3, 7, 7};
  t.add_document(ids);
  t.add_document(std::vector<std::uint32_t>{3});
  CHECK(t.count(7) == 3);
  CHECK(t.df(3) == 2);
  CHECK(t.find(3).first == zhtext::first_position{0, 1});  // the token index without .offset
  CHECK(t.to_tsv() == "7\t3\t1\n3\t2\t2\n");
  auto back = decltype(t)::from_tsv(t.to_tsv());
  REQUIRE(back);
  CHECK(back->to_tsv() == t.to_tsv());
  auto j = decltype(t)::from_json(t.to_json());
  REQUIRE(j);
  CHECK(j->to_json() == t.to_json());
  CHECK(t.to_json().find("{\"token\":7,\"count\":3,\"df\":1,\"first\":[0,0]}") != std::string::npos);
  auto overflow = decltype(t)::from_tsv("1\t4294967296\t1\n");
  REQUIRE_FALSE(overflow);
  auto sat = decltype(t)::from_tsv("1\t4294967295\t1\n1\t1\t1\n");
  REQUIRE(sat);
  CHECK(sat->count(1) == 4294967295u);
  zhtext::frequency_options filters;
  filters.han_only = true;
  CHECK_THROWS_AS((zhtext::basic_frequency_table<std::uint32_t>(filters)), std::invalid_argument);
}

TEST_CASE("bad input: empty, NUL bytes, invalid UTF-8, a huge token", "[frequency][bad-input]") {
  table t;
  t.add_document(zhtext::characters(""));
  CHECK(t.empty());
  CHECK(t.to_tsv().empty());
  const std::string nul("\0\0a\0", 4);
  t.add_document(zhtext::characters(nul));
  CHECK(t.count(std::string_view("\0", 1)) == 3);
  CHECK(t.to_tsv() == "\\x00\t3\t1\na\t1\t1\n");
  const std::string huge(8 << 20, '\xE4');  // an 8 MB token of stray lead bytes
  t.add(huge, 0);
  t.add(huge, 5);
  CHECK(t.count(huge) == 2);
  const std::string tsv = t.to_tsv();
  auto back = table::from_tsv(tsv);
  REQUIRE(back);
  CHECK(back->count(huge) == 2);
  CHECK(back->to_tsv() == tsv);
  auto j = table::from_json(t.to_json());
  REQUIRE(j);
  CHECK(j->count(huge) == 2);
}

// add(token, offset, word_id) finds a word counted before by its id; the table must be
// exactly the one add(token, offset) makes, filters included (ids here: the index of the
// word in a vocabulary, as a segmenter's ids name one string each; none for the rest).
TEST_CASE("counting with word ids gives the table counting by text gives", "[frequency][word_id]") {
  const std::vector<std::string> vocab = {"社区", "党员", "的", "志愿者", "，", "a", "The", "社区党员", "！！"};
  auto parsed = zhtext::stop_words::parse("的\n");
  REQUIRE(parsed);
  const zhtext::stop_words& stop = *parsed;
  for (int filters = 0; filters < 3; ++filters) {
    zhtext::frequency_options o;
    if (filters >= 1) o.stop_words = &stop;
    if (filters >= 1) o.skip_punctuation = true;
    if (filters == 2) o.min_length = 2;
    table by_text(o), by_id(o);
    std::mt19937_64 rng(7 + filters);
    for (int doc = 0; doc < 30; ++doc) {
      by_text.begin_document();
      by_id.begin_document();
      std::uint64_t at = 0;
      for (int i = 0; i < 50; ++i) {
        const std::size_t k = rng() % (vocab.size() + 2);
        const std::string w = k < vocab.size() ? vocab[k] : "未知" + std::to_string(k);  // no id
        const zhtext::word_id id = k < vocab.size() ? static_cast<zhtext::word_id>(k * 7) : zhtext::word_id::none;
        by_text.add(w, at);
        by_id.add(w, at, id);
        at += w.size();
      }
    }
    INFO("filters " << filters);
    CHECK(by_id.to_json() == by_text.to_json());
    CHECK(by_id.total() == by_text.total());
    // Cleared tables forget the ids they saw.
    by_id.clear();
    by_id.add("党员", 0, static_cast<zhtext::word_id>(7));
    CHECK(by_id.count("党员") == 1);
    CHECK(by_id.size() == 1);
  }
}
