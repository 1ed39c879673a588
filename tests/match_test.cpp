// match_test.cpp - the multi-pattern matcher (zhtext/match.hpp) against a brute-force
// reference written here from the definitions: every match kind, folding, ignorable
// characters, word alignment, streaming with random chunkings, the three producer
// shapes, replace/mask/contains_any, duplicates and malformed input.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <functional>
#include <map>
#include <random>
#include <thread>

#include <unistd.h>

#include <zhtext/match.hpp>

#include "test_support.hpp"

using zhtext::match;
using zhtext::match_kind;

namespace {

// ---- the reference ------------------------------------------------------------

struct ref_options {
  bool fold_case = false;
  bool fold_width = false;
  std::string ignorable;  // UTF-8
};

char32_t ref_fold(char32_t c, const ref_options& o) {
  if (o.fold_width) {
    if (c >= 0xFF01 && c <= 0xFF5E) c = c - 0xFF01 + 0x21;
    else if (c == 0x3000) c = 0x20;
  }
  if (o.fold_case && c >= 'A' && c <= 'Z') c = c - 'A' + 'a';
  return c;
}

// All matches of `patterns` in `text` by trying every pattern at every position.
std::vector<match> reference(const std::vector<std::string>& patterns, std::string_view text, match_kind kind,
                             const ref_options& o, const std::function<bool(std::size_t, std::size_t)>& accept = {}) {
  std::u32string ign;
  for (const auto& cp : zhtext::code_points(o.ignorable)) ign += ref_fold(cp.value, o);
  auto is_ign = [&](char32_t c) { return ign.find(c) != std::u32string::npos; };
  struct unit {
    char32_t c;
    std::size_t b, e;
    bool valid, ignorable;
  };
  std::vector<unit> u;
  for (const auto& cp : zhtext::code_points(text)) {
    const char32_t f = ref_fold(cp.value, o);
    u.push_back({f, cp.offset, cp.offset + cp.size, cp.valid, cp.valid && is_ign(f)});
  }
  std::vector<std::u32string> folded;
  std::map<std::u32string, std::size_t> first;
  std::vector<bool> dup;
  for (const std::string& p : patterns) {
    std::u32string f;
    for (const auto& cp : zhtext::code_points(p))
      if (!is_ign(ref_fold(cp.value, o))) f += ref_fold(cp.value, o);
    dup.push_back(!first.emplace(f, folded.size()).second);
    folded.push_back(f);
  }
  std::vector<match> all;
  for (std::size_t i = 0; i < u.size(); ++i) {
    if (!u[i].valid || u[i].ignorable) continue;
    for (std::size_t p = 0; p < folded.size(); ++p) {
      if (dup[p] || folded[p].empty()) continue;
      std::size_t j = i, k = 0;
      for (; k < folded[p].size(); ++k, ++j) {
        if (k > 0)
          while (j < u.size() && u[j].ignorable) ++j;
        if (j >= u.size() || !u[j].valid || u[j].c != folded[p][k]) break;
      }
      if (k < folded[p].size()) continue;
      const match m{u[i].b, u[j - 1].e, static_cast<std::uint32_t>(p), static_cast<std::uint32_t>(p) + 1000};
      if (!accept || accept(m.begin, m.end)) all.push_back(m);
    }
  }
  if (kind == match_kind::overlapping) {
    std::sort(all.begin(), all.end(), [](const match& a, const match& b) {
      return a.end != b.end ? a.end < b.end : a.begin < b.begin;
    });
    return all;
  }
  std::sort(all.begin(), all.end(), [&](const match& a, const match& b) {
    if (a.begin != b.begin) return a.begin < b.begin;
    return kind == match_kind::leftmost_longest ? a.end > b.end : a.pattern < b.pattern;
  });
  std::vector<match> out;
  std::size_t frontier = 0;
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (i > 0 && all[i].begin == all[i - 1].begin) continue;  // not the best at this start
    if (all[i].begin < frontier) continue;
    out.push_back(all[i]);
    frontier = all[i].end;
  }
  return out;
}

zhtext::matcher build(const std::vector<std::string>& patterns, const ref_options& o, std::uint32_t inherit = 16,
                      bool prefilter = true) {
  zhtext::matcher_builder b({o.fold_case, o.fold_width, o.ignorable, false});
  b.set_tuning(inherit, prefilter);
  for (std::size_t i = 0; i < patterns.size(); ++i) {
    auto r = b.add(patterns[i], static_cast<std::uint32_t>(i) + 1000);
    REQUIRE(r.ok());
    REQUIRE(*r == i);
  }
  return b.build().value();
}

std::string show(const std::vector<match>& v) {
  std::string s;
  for (const match& m : v)
    s += "[" + std::to_string(m.begin) + "," + std::to_string(m.end) + ")p" + std::to_string(m.pattern) + " ";
  return s;
}

// Every producer shape and a stream with random chunks give the reference's answer.
void check_all_forms(const zhtext::matcher& m, const std::vector<std::string>& patterns, const std::string& text,
                     const ref_options& o, std::mt19937_64& rng) {
  for (match_kind kind : {match_kind::overlapping, match_kind::leftmost_longest, match_kind::leftmost_first}) {
    INFO("kind " << zhtext::to_string(kind) << ", text of " << text.size() << " bytes");
    const std::vector<match> want = reference(patterns, text, kind, o);
    const std::vector<match> got = m.match_vector(text, kind);
    CHECK(show(got) == show(want));
    std::vector<match> lazy;
    for (const match& x : m.matches(text, kind)) lazy.push_back(x);
    CHECK(show(lazy) == show(want));
    // A stream fed in random pieces, some empty, some splitting UTF-8 sequences.
    auto s = m.stream(kind);
    std::vector<match> streamed;
    for (std::size_t at = 0; at < text.size();) {
      const std::size_t n = std::min<std::size_t>(text.size() - at, rng() % 7);
      for (const match& x : s.feed(std::string_view(text).substr(at, n))) streamed.push_back(x);
      at += n;
    }
    for (const match& x : s.finish()) streamed.push_back(x);
    CHECK(show(streamed) == show(want));
    if (kind == match_kind::overlapping) CHECK(m.contains_any(text) == !want.empty());
  }
}

struct alphabet {
  std::vector<std::string> chars;   // pattern and text characters
  std::vector<std::string> noise;   // text only: ill-formed bytes, NUL
};

std::string random_string(std::mt19937_64& rng, const alphabet& a, std::size_t min_len, std::size_t max_len,
                          bool with_noise) {
  std::string s;
  const std::size_t n = min_len + rng() % (max_len - min_len + 1);
  for (std::size_t i = 0; i < n; ++i) {
    if (with_noise && !a.noise.empty() && rng() % 10 == 0) s += a.noise[rng() % a.noise.size()];
    else s += a.chars[rng() % a.chars.size()];
  }
  return s;
}

}  // namespace

TEST_CASE("random pattern sets agree with the reference: every kind, folding, ignorables", "[match]") {
  std::mt19937_64 rng(20240501);
  const alphabet mixed{{"a", "b", "A", "B", " ", "*", "甲", "乙", "丙", "ａ", "Ｂ", "\xE3\x80\x80", "中", "😀", "!", "！"},
                       {"\xE4\xB8", "\xFF", "\x80", std::string(1, '\0'), "\xED\xA0\x80", "\xE0\x80\xAF"}};
  const char* ignorables[] = {"", " *", "\xE3\x80\x80", "!"};
  int cases = 0;
  for (int round = 0; round < 400; ++round) {
    ref_options o;
    o.fold_case = rng() % 2 == 0;
    o.fold_width = rng() % 2 == 0;
    o.ignorable = ignorables[rng() % 4];
    std::vector<std::string> patterns;
    const std::size_t np = 1 + rng() % 12;
    zhtext::matcher_builder probe({o.fold_case, o.fold_width, o.ignorable, false});
    while (patterns.size() < np) {
      std::string p = random_string(rng, mixed, 1, 4, false);
      if (probe.add(p).ok()) patterns.push_back(p);  // skip patterns made only of ignorables
    }
    const std::uint32_t inherit = std::array<std::uint32_t, 4>{0, 1, 16, 1000}[rng() % 4];
    const zhtext::matcher m = build(patterns, o, inherit, rng() % 2 == 0);
    for (int t = 0; t < 5; ++t) {
      const std::string text = random_string(rng, mixed, 0, 40, true);
      INFO(patterns.size() << " patterns, fold_case " << o.fold_case << ", fold_width "
                        << o.fold_width << ", ignorable '" << o.ignorable << "', inherit " << inherit);
      check_all_forms(m, patterns, text, o, rng);
      ++cases;
    }
  }
  CHECK(cases == 2000);
}

TEST_CASE("CJK pattern sets with the prefilter (AVX2 and portable) agree with the reference", "[match]") {
  std::mt19937_64 rng(7);
  const alphabet cjk{{"甲", "乙", "丙", "丁", "中", "国", "人"}, {"a", ",", "\xE4\xB8", "\x80", std::string(1, '\0')}};
  for (bool simd : {true, false}) {
    zhtext::detail::match_simd_enabled = simd;
    for (int round = 0; round < 150; ++round) {
      ref_options o;
      o.fold_case = rng() % 2 == 0;  // byte-exact either way
      std::vector<std::string> patterns;
      const std::size_t np = 1 + rng() % 30;
      for (std::size_t i = 0; i < np; ++i) {
        std::string p = random_string(rng, cjk, 2, 4, false);
        if (rng() % 5 == 0) p += "ab";  // ASCII inside: case variants in the prefilter
        patterns.push_back(p);
      }
      const zhtext::matcher m = build(patterns, o, rng() % 2 == 0 ? 0 : 16, true);
      const auto t = zhtext::detail::read_match_image(m.image()).value();
      REQUIRE(t.filter != nullptr);  // the prefiltered loop is the one under test
      for (int k = 0; k < 4; ++k) {
        std::string text = random_string(rng, cjk, 0, 120, true);
        if (rng() % 3 == 0) text += patterns[rng() % patterns.size()];
        INFO("simd " << simd << ", " << patterns.size() << " patterns, text " << text.size() << " bytes");
        check_all_forms(m, patterns, text, o, rng);
      }
    }
  }
  zhtext::detail::match_simd_enabled = true;
}

TEST_CASE("nested and overlapping patterns, the classic cases", "[match]") {
  const std::vector<std::string> p = {"he", "she", "his", "hers", "中国", "中国人", "国人", "人民", "bcd", "abcde"};
  const zhtext::matcher m = build(p, {});
  auto spans = [&](std::string_view text, match_kind k) {
    std::string s;
    for (const match& x : m.match_vector(text, k)) s += std::string(text.substr(x.begin, x.size())) + "|";
    return s;
  };
  CHECK(spans("ushers", match_kind::overlapping) == "she|he|hers|");
  CHECK(spans("ushers", match_kind::leftmost_longest) == "she|");
  CHECK(spans("中国人民", match_kind::overlapping) == "中国|中国人|国人|人民|");
  CHECK(spans("中国人民", match_kind::leftmost_longest) == "中国人|");
  CHECK(spans("中国人民", match_kind::leftmost_first) == "中国|人民|");
  // A long candidate that fails must not hide the short match inside it.
  CHECK(spans("abcdf", match_kind::leftmost_longest) == "bcd|");
  CHECK(spans("abcde", match_kind::leftmost_longest) == "abcde|");
  const auto all = m.match_vector("中国人民", match_kind::overlapping);
  REQUIRE(all.size() == 4);
  CHECK(all[1].begin == 0);
  CHECK(all[1].end == 9);
  CHECK(all[1].pattern == 5);
  CHECK(all[1].id == 1005);
}

TEST_CASE("ignorable characters between pattern characters: the evasions filters meet", "[match]") {
  zhtext::matcher_builder b({false, true, " *·\u200B", false});
  REQUIRE(b.add("党员", 1).ok());
  REQUIRE(b.add("法 轮", 2).ok());  // ignorables in a pattern are removed too
  const zhtext::matcher m = b.build().value();
  for (const char* text : {"党员", "党 员", "党*员", "党 * 员", "党\u3000员", "党·员", "党\u200B员"}) {
    INFO(text);
    const auto v = m.match_vector(text);
    REQUIRE(v.size() == 1);
    CHECK(v[0].begin == 0);
    CHECK(v[0].end == std::string_view(text).size());
    CHECK(v[0].id == 1);
  }
  CHECK(m.match_vector("党，员").empty());  // only the configured characters are skipped
  CHECK(m.match_vector("法轮").size() == 1);
  const auto lead = m.match_vector("  党员  ");  // a match starts and ends on pattern characters
  REQUIRE(lead.size() == 1);
  CHECK(lead[0].begin == 2);
  CHECK(lead[0].end == 8);
  CHECK(m.mask("他是党 员。") == "他是***。");  // one mask per code point of the match
  CHECK(m.options().ignorable == " *·\u200B");
}

TEST_CASE("ASCII case and width folding apply to patterns and text; offsets are into the text", "[match]") {
  zhtext::matcher_builder b({true, true, "", false});
  REQUIRE(b.add("COVID-19").ok());
  REQUIRE(b.add("ｗｈｏ").ok());
  const zhtext::matcher m = b.build().value();
  const std::string text = "新冠ｃｏｖｉｄ－１９和Who";
  const auto v = m.match_vector(text);
  REQUIRE(v.size() == 2);
  CHECK(text.substr(v[0].begin, v[0].size()) == "ｃｏｖｉｄ－１９");
  CHECK(text.substr(v[1].begin, v[1].size()) == "Who");
  CHECK(m.mask(text, U'×') == "新冠××××××××和×××");
  zhtext::matcher_builder exact;
  REQUIRE(exact.add("COVID").ok());
  CHECK(exact.build().value().match_vector("covid ＣＯＶＩＤ COVID").size() == 1);
}

TEST_CASE("word-aligned matching keeps matches on token boundaries", "[match]") {
  const zhtext::matcher m = build({"文化", "文化馆", "馆里"}, {});
  const std::string text = "文化馆里的文化活动";
  struct token {
    std::size_t offset;
    std::string_view text;
  };
  const std::vector<token> tokens = {{0, "文化馆"}, {9, "里"}, {12, "的"}, {15, "文化"}, {21, "活动"}};
  const std::vector<std::size_t> offsets = {27, 0, 9, 12, 15, 21};  // any order
  auto aligned_pred = [](std::size_t at) { return at == 0 || at == 9 || at == 12 || at == 15 || at == 21 || at == 27; };
  for (const auto& got : {m.match_vector(text, match_kind::overlapping, zhtext::word_aligned(tokens)),
                          m.match_vector(text, match_kind::overlapping, zhtext::word_aligned(offsets)),
                          m.match_vector(text, match_kind::overlapping, zhtext::word_aligned(aligned_pred))}) {
    REQUIRE(got.size() == 2);
    CHECK(text.substr(got[0].begin, got[0].size()) == "文化馆");
    CHECK(got[1].begin == 15);
    CHECK(text.substr(got[1].begin, got[1].size()) == "文化");
  }
  // Unaligned: 文化 inside 文化馆 and 馆里 across two tokens are found.
  CHECK(m.match_vector(text).size() == 4);
  // The leftmost choice is made among aligned matches only: with boundaries 0, 6, 12
  // the longer 文化馆 is not aligned, so 文化 is chosen and 馆里 can follow it.
  const auto lm =
      m.match_vector(text, match_kind::leftmost_longest, zhtext::word_aligned(std::vector<std::size_t>{0, 6, 12}));
  REQUIRE(lm.size() == 2);
  CHECK(lm[0].end == 6);
  CHECK(text.substr(lm[1].begin, lm[1].size()) == "馆里");
  // The random reference check, with a predicate that accepts even offsets only.
  std::mt19937_64 rng(3);
  const alphabet a{{"甲", "乙", "a", "b"}, {}};
  for (int i = 0; i < 200; ++i) {
    std::vector<std::string> p;
    for (int k = 0; k < 5; ++k) p.push_back(random_string(rng, a, 1, 3, false));
    const zhtext::matcher mm = build(p, {});
    const std::string t = random_string(rng, a, 0, 30, false);
    auto even = [](std::size_t at) { return at % 2 == 0; };
    auto acc = [&](std::size_t b2, std::size_t e2) { return even(b2) && even(e2); };
    for (match_kind k : {match_kind::overlapping, match_kind::leftmost_longest, match_kind::leftmost_first}) {
      CHECK(show(mm.match_vector(t, k, zhtext::word_aligned(even))) == show(reference(p, t, k, {}, acc)));
      auto s = mm.stream(k, zhtext::word_aligned(even));
      std::vector<match> v = s.feed(t);
      for (const match& x : s.finish()) v.push_back(x);
      CHECK(show(v) == show(reference(p, t, k, {}, acc)));
    }
  }
}

TEST_CASE("replace, mask, contains_any, stopping early", "[match]") {
  const zhtext::matcher m = build({"疫情", "防控", "疫情防控"}, {});
  const std::string text = "撑起疫情防控“安全伞”，防控到位";
  CHECK(m.mask(text) == "撑起****“安全伞”，**到位");
  CHECK(m.mask(text, U'■', match_kind::leftmost_first) == "撑起■■■■“安全伞”，■■到位");
  CHECK(m.replace(text, [&](const match& x) { return "<" + std::to_string(x.pattern) + ">"; }) ==
        "撑起<2>“安全伞”，<1>到位");
  CHECK(m.replace(text, [](const match&) { return std::string_view("X"); }, match_kind::leftmost_first) ==
        "撑起XX“安全伞”，X到位");
  CHECK(m.contains_any(text));
  CHECK_FALSE(m.contains_any("安全伞"));
  CHECK_FALSE(m.contains_any(""));
  int seen = 0;
  m.for_each_match(text, [&](const match&) { return ++seen < 2; });
  CHECK(seen == 2);
  // The overlapping kind masks the union of all matches.
  const zhtext::matcher o = build({"ab", "bc"}, {});
  CHECK(o.mask("abc", U'*', match_kind::overlapping) == "***");
  CHECK(o.mask("abc") == "**c");
}

TEST_CASE("for_each_masked: mask() in bounded pieces, the union's spans written as they settle", "[match]") {
  // The union of the overlapping matches, masked one code point at a time: the
  // reference (matches by end may start before earlier ones: bcd, then abcde).
  auto reference = [](const zhtext::matcher& m, const std::string& text) {
    std::vector<match> v = m.match_vector(text, match_kind::overlapping);
    std::sort(v.begin(), v.end(), [](const match& a, const match& b) { return a.begin < b.begin; });
    std::string out;
    std::size_t at = 0;
    for (const match& x : v) {
      if (x.end <= at) continue;
      const std::size_t from = std::max(at, x.begin);
      out.append(text, at, from - at);
      out.append(zhtext::count_code_points(std::string_view(text).substr(from, x.end - from)), '#');
      at = x.end;
    }
    return out + text.substr(at);
  };
  std::mt19937 rng(29);
  const std::string letters[] = {"a", "b", "c", "d", "e", "疫", "情", "Ａ", " ", "*", "\xFF"};
  std::string text;
  while (text.size() < (std::size_t(600) << 10)) text += letters[rng() % 11];
  ref_options width;
  width.fold_width = true;
  ref_options ignoring;
  ignoring.ignorable = " *";
  for (const ref_options& o : {ref_options{}, width, ignoring}) {
    const zhtext::matcher m = build({"bcd", "abcde", "e", "疫情", "Ａa", "dd"}, o);
    std::string pieces;
    std::size_t count = 0, largest = 0;
    m.for_each_masked(text, [&](std::string_view p) {
      pieces += p;
      ++count;
      largest = std::max(largest, p.size());
    }, U'#', match_kind::overlapping);
    CHECK(pieces == reference(m, text));
    CHECK(count > 10);                              // in pieces
    CHECK(largest <= (std::size_t(64) << 10) + 1);  // 64 KiB, plus one mask
    for (const match_kind k : {match_kind::leftmost_longest, match_kind::leftmost_first}) {
      std::string v;
      m.for_each_masked(text, [&](std::string_view p) { v += p; }, U'*', k);
      CHECK(v == m.mask(text, U'*', k));
    }
  }
}

TEST_CASE("duplicates, ids and payloads", "[match]") {
  zhtext::matcher_builder b({true, false, "", false});
  REQUIRE(b.add("Beijing", 7, "city").value() == 0);
  REQUIRE(b.add("BEIJING", 8, "dup").value() == 1);  // equal after folding: kept, never reported
  REQUIRE(b.add("上海", 9).value() == 2);
  REQUIRE(b.duplicates().size() == 1);
  CHECK(b.duplicates()[0] == std::make_pair(1u, 0u));
  const zhtext::matcher m = b.build().value();
  CHECK(m.size() == 3);
  CHECK(m.pattern(1) == "BEIJING");
  CHECK(m.payload(0) == "city");
  CHECK(m.payload(2).empty());
  CHECK(m.id(2) == 9);
  CHECK(m.duplicate_of(1) == 0);
  CHECK(m.duplicate_of(0) == -1);
  const auto v = m.match_vector("beijing上海");
  REQUIRE(v.size() == 2);
  CHECK(v[0].pattern == 0);
  CHECK(v[0].id == 7);
  CHECK(v[1].id == 9);
  zhtext::matcher_builder strict({true, false, "", true});
  REQUIRE(strict.add("Beijing").ok());
  const auto e = strict.add("beijing");
  REQUIRE_FALSE(e.ok());
  CHECK(e.error().code == zhtext::errc::invalid_argument);
  CHECK(e.error().message == "pattern 1 duplicates pattern 0");
}

TEST_CASE("bad patterns are errors naming the pattern; bad text is normal input", "[match]") {
  zhtext::matcher_builder b({false, false, " ", false});
  REQUIRE(b.add("ok").ok());
  const auto empty = b.add("");
  REQUIRE_FALSE(empty.ok());
  CHECK(empty.error().code == zhtext::errc::invalid_argument);
  CHECK(empty.error().message == "pattern 1 is empty");
  const auto bad = b.add("ab\xE4\xB8");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().code == zhtext::errc::invalid_utf8);
  CHECK(bad.error().message == "pattern 1: invalid UTF-8 at byte 2 (truncated sequence)");
  const auto spaces = b.add("   ");
  REQUIRE_FALSE(spaces.ok());
  CHECK(spaces.error().message == "pattern 1 has only ignorable characters");
  // A NUL inside a pattern is an ordinary character.
  REQUIRE(b.add(std::string_view("a\0b", 3)).value() == 1);
  const zhtext::matcher m = b.build().value();
  const std::string text("x\0a\0b\xFF\xE4ok\xF0\x9F", 12);
  const auto v = m.match_vector(text);
  REQUIRE(v.size() == 2);
  CHECK(v[0].begin == 2);
  CHECK(v[0].end == 5);
  CHECK(v[1].begin == 7);
  CHECK(v[1].end == 9);
  // Ill-formed bytes never match and never join two halves of a match.
  zhtext::matcher_builder cjk;
  REQUIRE(cjk.add("中国").ok());
  const zhtext::matcher c = cjk.build().value();
  CHECK(c.match_vector("中\xE4国").empty());
  CHECK(c.match_vector("中\x80国").empty());
  CHECK(c.match_vector("\xE4\xB8中国\xE4").size() == 1);
  // Invalid UTF-8 in the ignorable option: every add and build report it.
  zhtext::matcher_builder bad_opt({false, false, "\xC0", false});
  const auto e1 = bad_opt.add("x");
  REQUIRE_FALSE(e1.ok());
  CHECK(e1.error().code == zhtext::errc::invalid_utf8);
  CHECK_FALSE(bad_opt.build().ok());
}

// Found by fuzz/match.cpp: an empty chunk with a null data() (a default string_view)
// reached memcpy(dst, nullptr, 0), undefined behaviour that UBSan reports.
TEST_CASE("empty feeds, a default string_view too, change nothing in a stream", "[match]") {
  const zhtext::matcher m = build({"中国", "国人"}, {});
  const std::string text = "中国人";
  for (match_kind kind : {match_kind::overlapping, match_kind::leftmost_longest, match_kind::leftmost_first}) {
    auto s = m.stream(kind);
    std::vector<match> got;
    auto keep = [&](const match& x) { got.push_back(x); };
    s.feed(std::string_view(), keep);                     // before anything
    s.feed(std::string_view(text).substr(0, 4), keep);    // 中 and the first byte of 国: held back
    s.feed(std::string_view(), keep);                     // while a byte is held back
    s.feed(std::string_view(text).substr(4), keep);
    s.feed(std::string_view(), keep);
    s.finish(keep);
    CHECK(show(got) == show(m.match_vector(text, kind)));
    CHECK(got.size() == (kind == match_kind::overlapping ? 2u : 1u));
  }
}

TEST_CASE("an empty matcher matches nothing; a lazy range cannot view a temporary string", "[match]") {
  const zhtext::matcher empty;
  CHECK(empty.size() == 0);
  CHECK(empty.match_vector("任何文字 any text").empty());
  CHECK_FALSE(empty.contains_any("x"));
  CHECK(empty.mask("abc") == "abc");
  zhtext::matcher_builder none;
  CHECK(none.build().value().match_vector("abc").empty());
}

namespace {
template <class T, class = void>
struct can_find : std::false_type {};
template <class T>
struct can_find<T, std::void_t<decltype(std::declval<const zhtext::matcher&>().matches(std::declval<T>()))>>
    : std::true_type {};
static_assert(can_find<const std::string&>::value, "matches() over a named string compiles");
static_assert(can_find<std::string_view>::value, "matches() over a view compiles");
static_assert(!can_find<std::string>::value, "matches() over a temporary std::string must not compile");
}  // namespace

TEST_CASE("a matcher is shared by threads; ranges and streams survive moving the matcher", "[match][threads]") {
  zhtext::matcher m = build({"甲乙", "乙丙", "丙"}, {});
  const std::string text = "甲乙丙甲乙丙甲乙丙";
  const auto want = m.match_vector(text);
  REQUIRE(want.size() == 9);
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&] {
      for (int k = 0; k < 200; ++k) ok += m.match_vector(text) == want;
    });
  for (auto& t : threads) t.join();
  CHECK(ok == 800);
  auto range = m.matches(text);
  auto stream = m.stream();
  const zhtext::matcher moved = std::move(m);
  std::vector<match> v;
  for (const match& x : range) v.push_back(x);
  CHECK(v == want);
  CHECK(stream.feed(text) == want);
}

TEST_CASE("arbitrary bytes: no crash, and the same matches as the reference", "[match]") {
  zhtext_test::byte_fuzzer fuzz(99);
  const std::vector<std::string> patterns = {"中", "中中", "\xE3\x80\x82中", "a\n", "😀", "\xEF\xBF\xBD"};
  for (const ref_options& o : {ref_options{}, ref_options{true, true, "\n"}}) {
    const zhtext::matcher m = build(patterns, o);
    std::mt19937_64 rng(5);
    for (int i = 0; i < 300; ++i) {
      const std::string text = fuzz.next(200);
      check_all_forms(m, patterns, text, o, rng);
    }
  }
}

TEST_CASE("building is linear on one long periodic pattern (issue 14: 'ab' x N was quadratic)", "[match][build]") {
  // Work is counted, not timed: placement tests candidate bases 64 at a time, and a
  // first fit that restarted its search for every state tested ~N^2 windows here
  // (400 million for N = 20,000: minutes at N = 80,000).
  for (const std::string unit : {"ab", "abc", "甲乙"}) {
    std::string p;
    for (int i = 0; i < 20000; ++i) p += unit;
    zhtext::detail::match_pattern_list s;
    s.add(p, 0, {}, true);
    zhtext::detail::match_build_stats st;
    const auto image = zhtext::detail::compile_matcher(s, {}, &st);
    INFO("unit " << unit);
    REQUIRE_FALSE(image.empty());
    CHECK(st.states == zhtext::count_code_points(p) + 1);
    CHECK(st.placement_probes <= 2 * st.states);
    // The automaton still finds the pattern, and only whole.
    zhtext::matcher_builder b;
    REQUIRE(b.add(p).ok());
    const zhtext::matcher m = b.build().value();
    const auto hits = m.match_vector("x" + p + unit);
    REQUIRE(hits.size() == 2);  // at 1 and one unit later
    CHECK(hits[0].begin == 1);
    CHECK(hits[1].begin == 1 + unit.size());
    CHECK(m.match_vector(p.substr(unit.size())).empty());
  }
}

TEST_CASE("max_mem: a build that would pass the budget fails with a clear error", "[match][build]") {
  CHECK(zhtext::match_options{}.max_mem == std::size_t{1} << 30);
  std::string p;
  for (int i = 0; i < 20000; ++i) p += "ab";
  // The copy of the patterns fits; the automaton (40,001 states) does not.
  zhtext::match_options small;
  small.max_mem = 1 << 20;
  zhtext::matcher_builder b(small);
  REQUIRE(b.add(p).ok());
  const auto m = b.build();
  REQUIRE_FALSE(m.ok());
  CHECK(m.error().code == zhtext::errc::limit_exceeded);
  CHECK_THAT(m.error().message, Catch::StartsWith("matcher build: 1 patterns need more than ") &&
                                    Catch::Contains("over max_mem (1048576 bytes)"));
  // Stopped before the trie, its states counted exactly (sorted prefixes): one per character + the root.
  CHECK_THAT(m.error().message, Catch::Contains("(40001 automaton states)"));
  // The same with room builds, and its estimate stays within the budget.
  zhtext::match_options room;
  room.max_mem = 64 << 20;
  zhtext::matcher_builder ok(room);
  REQUIRE(ok.add(p).ok());
  REQUIRE(ok.build().ok());
  zhtext::detail::match_pattern_list s;
  s.add(p, 0, {}, true);
  zhtext::detail::match_build_options o;
  o.max_mem = 64 << 20;
  zhtext::detail::match_build_stats st;
  REQUIRE_FALSE(zhtext::detail::compile_matcher(s, o, &st).empty());
  CHECK_FALSE(st.over_budget);
  CHECK(st.peak_bytes > st.slots * zhtext::detail::match_slot_bytes);
  CHECK(st.peak_bytes <= o.max_mem);
  // Many patterns: add() itself stops at the budget, naming the pattern.
  zhtext::match_options tiny;
  tiny.max_mem = 256 << 10;
  zhtext::matcher_builder many(tiny);
  std::size_t added = 0;
  zhtext::result<std::uint32_t> r = 0u;
  for (; added < 10000; ++added) {
    r = many.add("词" + std::to_string(added));
    if (!r) break;
  }
  REQUIRE_FALSE(r.ok());
  CHECK(added > 10);
  CHECK(r.error().code == zhtext::errc::limit_exceeded);
  CHECK(r.error().message == "pattern " + std::to_string(added) + ": the patterns need more than max_mem (262144 bytes)");
  CHECK(many.size() == added);
  // The copy took the whole budget: the automaton has no room left, and says so.
  const auto full = many.build();
  REQUIRE_FALSE(full.ok());
  CHECK(full.error().code == zhtext::errc::limit_exceeded);
  // The list is lean (issue 14: 8 bytes a pattern, its bytes and 8 to 16 of index; before,
  // ~220 bytes and a 340-byte estimate): more than 6,500 fit in 256 KiB (8,808; before: 735).
  CHECK(added > 6500);
  // A twentieth of the patterns leaves room for their automaton.
  zhtext::matcher_builder half(tiny);
  for (std::size_t i = 0; i < added / 20; ++i) REQUIRE(half.add("词" + std::to_string(i)).ok());
  const auto built = half.build();
  if (!built) FAIL(built.error().message);
  REQUIRE(built.ok());
  CHECK(built->match_vector("词3").size() == 1);
}

TEST_CASE("matcher_builder::add_file: one pattern per line, id = line - 1; FILE:LINE errors, all or nothing",
          "[match][build]") {
  const std::string dir = std::filesystem::temp_directory_path().string() + "/" + std::to_string(::getpid());
  const std::string good = dir + "_match_add_file_good.txt", bad = dir + "_match_add_file_bad.txt";
  zhtext_test::write_file(good, "\xEF\xBB\xBF" "居民\r\n防控\n新冠");  // a BOM, CRLF and no final line feed
  zhtext_test::write_file(bad, "甲\n\n乙\n");
  zhtext::matcher_builder b;
  const auto added = b.add_file(good);
  REQUIRE(added.ok());
  CHECK(*added == 3);
  const auto failed = b.add_file(bad);
  REQUIRE_FALSE(failed.ok());
  CHECK(failed.error().code == zhtext::errc::invalid_argument);
  CHECK(failed.error().message == bad + ":2: empty pattern");
  const auto missing = b.add_file(dir + "_match_add_file_none.txt");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == zhtext::errc::not_found);
  std::filesystem::remove(good);
  std::filesystem::remove(bad);
  const zhtext::matcher m = b.build().value();
  REQUIRE(m.size() == 3);  // nothing of the bad file was kept
  CHECK(m.pattern(0) == "居民");
  CHECK(m.pattern(1) == "防控");
  CHECK(m.pattern(2) == "新冠");
  CHECK(m.id(2) == 2);
  const std::string text = "新冠防控为居民";
  const auto v = m.match_vector(text);
  REQUIRE(v.size() == 3);
  CHECK(v[0].id == 2);
  CHECK(v[2].id == 0);
}
