// fuzz/match.cpp - zhtext/match.hpp: build, find and stream, with patterns taken from
// the input (slices of the text, so they occur), under random folding options:
//  - add() refuses exactly the ill-formed and the empty (after ignorables) patterns;
//  - every match lies in the text and is where its pattern is: its bytes, decoded,
//    folded and with the ignorable characters dropped, are the folded pattern;
//  - leftmost matches are in order and disjoint, and each is an overlapping match;
//  - the lazy range, the callback, the vector and a stream fed in random chunks
//    (splitting UTF-8 sequences) give the same matches, for every match kind;
//  - replace() by "" removes exactly the leftmost-longest matches' bytes.
// Input: flags, a count k, k patterns as (offset u16, length u8) slices of the text,
// then the text.
#include <algorithm>
#include <set>
#include <tuple>

#include <zhtext/chars.hpp>
#include <zhtext/match.hpp>

#include "fuzz_support.hpp"

namespace {

using zhtext::match;
using zhtext::match_kind;

char32_t fold(char32_t c, const zhtext::match_options& o) {
  if (o.fold_width) c = zhtext::fold_width(c);
  if (o.fold_case && c >= 'A' && c <= 'Z') c += 'a' - 'A';
  return c;
}

// The folded characters of `s` without the ignorable ones; an ill-formed unit is a
// value no pattern holds.
std::u32string folded(std::string_view s, const zhtext::match_options& o, const std::u32string& ignorable) {
  std::u32string out;
  for (const zhtext::code_point& cp : zhtext::code_points(s)) {
    const char32_t c = fold(cp.value, o);
    if (!cp.valid) out += char32_t(0xFFFFFFFF);
    else if (ignorable.find(c) == std::u32string::npos) out += c;
  }
  return out;
}

std::string show(const match& m) {
  return "[" + std::to_string(m.begin) + "," + std::to_string(m.end) + ") pattern " + std::to_string(m.pattern);
}

void seeds(const zhtext_fuzz::seed_texts& t, std::vector<std::string>& out) {
  for (const std::string& l : t.lines) {
    std::string s;
    s += static_cast<char>(l.size() % 32);  // flags vary with the line
    s += '\3';
    for (unsigned off : {0u, 3u, 9u}) {
      s += static_cast<char>(off);
      s += '\0';
      s += static_cast<char>(off == 3 ? 3 : 6);
    }
    out.push_back(s + l + l);
  }
}

}  // namespace

ZHTEXT_FUZZ_TARGET(match, "matcher build + find + stream: matches are where the patterns are; stream = one-shot", seeds) {
  zhtext_fuzz::input_reader in(data);
  const std::uint8_t flags = in.byte();
  std::vector<std::pair<std::uint16_t, std::uint8_t>> slices(in.byte() % 16);
  for (auto& sl : slices) sl = {in.u16(), in.byte()};
  const std::string_view s = in.rest();

  zhtext::match_options o;
  o.fold_case = flags & 1;
  o.fold_width = flags & 2;
  static const char* const ignorables[] = {"", " ", " *·\xE2\x80\x8B", "\xE3\x80\x80\n", "\xE4\xB8\xAD"};
  o.ignorable = ignorables[(flags >> 2) % 5];
  zhtext::matcher_builder b(o);
  std::u32string ign;
  for (const zhtext::code_point& cp : zhtext::code_points(o.ignorable)) ign += fold(cp.value, o);
  std::vector<std::u32string> pattern_folded;
  for (const auto& [offset, length] : slices) {
    const std::string_view p = s.substr(std::min<std::size_t>(offset, s.size()), length);
    const std::u32string f = folded(p, o, ign);
    const bool ok = !p.empty() && zhtext::is_valid_utf8(p) && !f.empty();
    const auto r = b.add(p, static_cast<std::uint32_t>(pattern_folded.size()) * 7 + 1);
    FUZZ_CHECK(r.ok() == ok, "add('" + std::string(p) + "') " + (r ? "accepts it" : "refuses it: " + r.error().message));
    if (r) FUZZ_CHECK(*r == pattern_folded.size(), "add() returns index " + std::to_string(*r));
    if (r) pattern_folded.push_back(f);
  }
  auto built = b.build();
  FUZZ_CHECK(built.ok(), "build() fails: " + built.error().message);
  const zhtext::matcher& m = *built;
  FUZZ_CHECK(m.size() == pattern_folded.size(), "size() " + std::to_string(m.size()));

  zhtext_fuzz::input_rng rng(s);
  std::set<std::tuple<std::size_t, std::size_t, std::uint32_t>> overlapping;
  for (match_kind kind : {match_kind::overlapping, match_kind::leftmost_longest, match_kind::leftmost_first}) {
    const std::string k = zhtext::to_string(kind);
    const std::vector<match> all = m.match_vector(s, kind);
    std::vector<match> lazy, called, streamed;
    for (const match& x : m.matches(s, kind)) lazy.push_back(x);
    m.for_each_match(s, [&](const match& x) { called.push_back(x); }, kind);
    FUZZ_CHECK(lazy == all && called == all, k + ": the lazy range or the callback differs from the vector");
    auto st = m.stream(kind);
    auto keep = [&](const match& x) { streamed.push_back(x); };
    for (std::size_t at = 0; at < s.size();) {
      std::size_t n = rng.below(9);
      if (n == 0) st.feed(std::string_view(), keep);  // empty feeds too
      n = std::min(s.size() - at, n == 0 ? std::size_t{1} : n);
      st.feed(s.substr(at, n), keep);
      at += n;
    }
    st.finish(keep);
    FUZZ_CHECK(streamed == all, k + ": streaming in chunks gives " + std::to_string(streamed.size()) + " matches, one-shot " +
                                    std::to_string(all.size()));

    std::size_t frontier = 0;
    for (const match& x : all) {
      FUZZ_CHECK(x.begin < x.end && x.end <= s.size() && x.pattern < m.size(), k + ": match " + show(x) + " out of range");
      FUZZ_CHECK(x.id == x.pattern * 7 + 1, k + ": match " + show(x) + " has id " + std::to_string(x.id));
      FUZZ_CHECK(m.duplicate_of(x.pattern) < 0, k + ": a duplicate pattern is reported: " + show(x));
      FUZZ_CHECK(folded(s.substr(x.begin, x.end - x.begin), o, ign) == pattern_folded[x.pattern],
                 k + ": match " + show(x) + " is not where its pattern is");
      if (kind == match_kind::overlapping) {
        overlapping.insert({x.begin, x.end, x.pattern});
      } else {
        FUZZ_CHECK(x.begin >= frontier, k + ": match " + show(x) + " overlaps the previous one");
        FUZZ_CHECK(overlapping.count({x.begin, x.end, x.pattern}) == 1, k + ": match " + show(x) + " is no overlapping match");
        frontier = x.end;
      }
    }
    if (kind == match_kind::leftmost_longest) {
      std::size_t removed = 0;
      for (const match& x : all) removed += x.end - x.begin;
      const std::string r = m.replace(s, [](const match&) { return std::string_view(); });
      FUZZ_CHECK(r.size() == s.size() - removed, "replace by \"\" leaves " + std::to_string(r.size()) + " bytes");
      FUZZ_CHECK(m.contains_any(s) == !all.empty(), "contains_any disagrees with match_vector");
    }
  }
}
