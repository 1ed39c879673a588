// uax29_fuzz_test.cpp - random byte strings and random mixes of the code points the
// UAX #29 rules care about (emoji, ZWJ, regional indicators, combining marks, Hangul
// jamo, CJK, Indic, Hebrew, terminators, quotes, line breaks, ill-formed UTF-8) through
// every entry point of unicode.hpp and width.hpp. Checks, for graphemes, words and
// sentences:
//  - no crash or sanitizer report, and the segments tile the input exactly (each a
//    non-empty view at its offset, concatenation == input);
//  - the callback and vector forms give the same segments as the lazy range;
//  - next/previous/is_*_boundary agree with the range at every byte offset;
//  - ill-formed UTF-8 segments exactly as its repair (one U+FFFD per maximal subpart);
// and that display_width equals the sum over grapheme clusters and truncate_to_width
// returns a grapheme-aligned prefix that fits.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include <zhtext/unicode.hpp>

#include "test_support.hpp"
#include "uax29_entry_points.hpp"

namespace {

using kind = zhtext_test::uax29_entry_points;

const kind kinds[] = {zhtext_test::grapheme_entry_points(), zhtext_test::word_entry_points(),
                      zhtext_test::sentence_entry_points()};

// Pieces the rules treat specially, as UTF-8 (some ill-formed on purpose).
const char* const pieces[] = {
    "a", "Z", "x", "1", "9", ".", "?", "!", " ", " ", "\r", "\n", "\t", ",", "'", "\"", ":", "(", ")", "_", "-",
    "\xC2\x85",          // U+0085 NEL (Newline, Sep)
    "\xC2\xA0",          // NO-BREAK SPACE
    "\xC2\xAD",          // SOFT HYPHEN (Format, Control)
    "\xCC\x81",          // U+0301 combining acute (Extend)
    "\xE2\x80\x8D",      // ZWJ
    "\xE2\x80\x8B",      // ZERO WIDTH SPACE
    "\xE2\x80\xA8",      // LINE SEPARATOR
    "\xE2\x80\x99",      // ’ (MidNumLet)
    "\xE2\x80\x9C",      // “ (Close)
    "\xE2\x84\xB9",      // ℹ (ALetter + Extended_Pictographic)
    "\xE2\x9D\xA4",      // ❤
    "\xEF\xB8\x8F",      // VS16
    "\xF0\x9F\x98\x80",  // 😀
    "\xF0\x9F\x91\x8D",  // 👍
    "\xF0\x9F\x8F\xBD",  // skin tone modifier (Extend)
    "\xF0\x9F\x87\xA8",  // regional indicator C
    "\xF0\x9F\x87\xB3",  // regional indicator N
    "\xE1\x84\x80",      // Hangul L
    "\xE1\x85\xA1",      // Hangul V
    "\xE1\x86\xA8",      // Hangul T
    "\xEA\xB0\x80",      // 가 LV
    "\xEA\xB0\x81",      // 각 LVT
    "\xE0\xA4\x95",      // क
    "\xE0\xA4\xBF",      // ि (SpacingMark)
    "\xE0\xA5\x8D",      // ् virama (Extend)
    "\xD8\x80",          // U+0600 (Prepend, Format)
    "\xD7\x90",          // א Hebrew letter
    "\xE4\xB8\xAD",      // 中
    "\xE6\x96\x87",      // 文
    "\xE3\x80\x82",      // 。 (STerm)
    "\xEF\xBC\x81",      // ！
    "\xEF\xBC\x8E",      // ． (ATerm)
    "\xE3\x80\x8D",      // 」 (Close)
    "\xE3\x80\x80",      // U+3000 ideographic space
    "\xE3\x82\xAB",      // カ Katakana
    "\xE3\x83\xBC",      // ー Katakana
    "\xE0\xB8\x81",      // ก Thai
    "\xFF", "\x80", "\xE4\xB8", "\xF0\x9F\x98", "\xED\xA0\x80", "\xC0\xAF",  // ill-formed
};

std::string mixed_string(std::mt19937_64& rng, std::size_t max_pieces) {
  std::uniform_int_distribution<std::size_t> count(0, max_pieces);
  std::uniform_int_distribution<std::size_t> pick(0, std::size(pieces) - 1);
  std::string s;
  for (std::size_t k = count(rng); k > 0; --k) s += pieces[pick(rng)];
  return s;
}

// Byte offsets where each unit of the lenient decoding starts, and for each the offset
// of the same unit in repair_utf8(s).
void unit_maps(std::string_view s, std::vector<std::size_t>& from, std::vector<std::size_t>& to) {
  from.clear();
  to.clear();
  std::size_t repaired = 0;
  for (const zhtext::code_point& cp : zhtext::code_points(s)) {
    from.push_back(cp.offset);
    to.push_back(repaired);
    repaired += cp.valid ? cp.size : zhtext::replacement_utf8.size();
  }
  from.push_back(s.size());
  to.push_back(repaired);
}

std::vector<std::size_t> boundaries_of(const std::vector<zhtext::segment>& segs, std::size_t n) {
  std::vector<std::size_t> b;
  for (const auto& s : segs) b.push_back(s.offset);
  b.push_back(n);
  return b;
}

// All checks on one string; the first failure is reported with the string in hex.
void check_string(const std::string& s, bool all_offsets) {
  std::vector<std::size_t> from, to;
  unit_maps(s, from, to);
  const std::string repaired = zhtext::repair_utf8(s);
  for (const kind& k : kinds) {
    const auto segs = k.range(s);
    std::string joined;
    std::size_t pos = 0;
    bool tiles = true;
    for (const auto& seg : segs) {
      tiles = tiles && seg.offset == pos && !seg.text.empty() && seg.text.data() == s.data() + seg.offset;
      joined += seg.text;
      pos += seg.text.size();
    }
    const std::vector<std::size_t> b = boundaries_of(segs, s.size());
    // (The three forms share the scanner; comparing them on every 4th string suffices.)
    const bool same_forms = (!all_offsets && s.size() % 4 != 0) || (k.callback(s) == segs && k.vector(s) == segs);
    // Ill-formed input segments as its repair: map the boundaries unit by unit.
    std::vector<std::size_t> mapped;
    bool on_units = true;
    for (std::size_t x : b) {
      auto it = std::lower_bound(from.begin(), from.end(), x);
      on_units = on_units && it != from.end() && *it == x;
      if (it != from.end()) mapped.push_back(to[static_cast<std::size_t>(it - from.begin())]);
    }
    if (s.empty()) mapped = {0};
    const std::vector<std::size_t> b_repaired = boundaries_of(k.range(repaired), repaired.size());
    bool agree = true;
    std::size_t bad_offset = 0;
    const std::size_t step = all_offsets ? 1 : std::max<std::size_t>(1, s.size() / 3);
    for (std::size_t o = 0; o <= s.size() + 1 && agree; o += step) {
      auto up = std::upper_bound(b.begin(), b.end(), o);
      const std::size_t want_next = up == b.end() ? s.size() : *up;
      auto lo = std::lower_bound(b.begin(), b.end(), o);
      const std::size_t want_prev = o == 0 || lo == b.begin() ? 0 : *std::prev(lo);
      const bool want_is = std::binary_search(b.begin(), b.end(), o);
      agree = k.next(s, o) == want_next && k.previous(s, o) == want_prev && k.is_boundary(s, o) == want_is;
      bad_offset = o;
    }
    if (!(tiles && joined == s && same_forms && on_units && mapped == b_repaired && agree)) {
      std::string hex;
      char buf[4];
      for (unsigned char c : s) {
        std::snprintf(buf, sizeof buf, "%02X ", c);
        hex += buf;
      }
      INFO(k.name << " on bytes: " << hex);
      CHECK(tiles);
      CHECK(joined == s);
      CHECK(same_forms);
      CHECK(on_units);
      CHECK(mapped == b_repaired);
      INFO("boundary functions disagree with the range at offset " << bad_offset);
      CHECK(agree);
      FAIL("stopping at the first failing string");
    }
  }
  // Width: the sum over grapheme clusters; truncation is grapheme aligned and fits.
  std::size_t sum = 0;
  for (const zhtext::segment& g : zhtext::graphemes(s)) sum += zhtext::display_width(g.text);
  const std::size_t width = zhtext::display_width(s);
  if (width != sum) {
    INFO("display_width " << width << " != sum over clusters " << sum);
    FAIL();
  }
  const std::size_t columns = s.size() % 7;
  const std::string_view cut = zhtext::truncate_to_width(s, columns);
  if (!zhtext::is_grapheme_boundary(s, cut.size()) || zhtext::display_width(cut) > columns) FAIL("truncate_to_width");
}

}  // namespace

TEST_CASE("100k random byte strings through every segmenter", "[uax29][fuzz]") {
  zhtext_test::byte_fuzzer fuzz(20240611);
  for (int i = 0; i < 100000; ++i) check_string(fuzz.next(24), i % 32 == 0);
  SUCCEED("100000 byte strings");
}

TEST_CASE("20k random mixes of emoji, ZWJ, flags, marks, Hangul, CJK, terminators", "[uax29][fuzz]") {
  std::mt19937_64 rng(7);
  for (int i = 0; i < 20000; ++i) check_string(mixed_string(rng, 16), i % 8 == 0);
}

TEST_CASE("2k long CJK-heavy strings: the eight-byte fast paths", "[uax29][fuzz]") {
  // Mostly 3-byte ideographs and ASCII words, with CJK punctuation, terminators, marks
  // and ill-formed bytes at every alignment, so that skipped windows end anywhere.
  const char* const cjk[] = {"\xE4\xB8\xAD", "\xE6\x96\x87", "\xE9\xBE\x99", "\xE4\xB8\x80", "abc ", "Hello",
                             "\xEF\xBC\x8C", "\xE3\x80\x81", "\xE3\x80\x82", "\xEF\xBC\x81", "\xE2\x80\x9C",
                             ". ", "?", "\n", "\xCC\x81", "\x80", "\xE4\xB8", "\xFF", "\xE4\xE4\xB8\xAD", "U.S."};
  std::mt19937_64 rng(2024);
  std::uniform_int_distribution<std::size_t> heavy(0, 3), any(0, std::size(cjk) - 1), len(0, 120);
  for (int i = 0; i < 2000; ++i) {
    std::string s;
    for (std::size_t k = len(rng); k > 0; --k) s += cjk[rng() % 4 == 0 ? any(rng) : heavy(rng)];
    check_string(s, i % 20 == 0);
  }
}

TEST_CASE("long inputs: runs that stress the backward restart", "[uax29][fuzz]") {
  std::mt19937_64 rng(99);
  const std::string runs[] = {
      std::string(600, 'a'),
      [] { std::string s; for (int i = 0; i < 151; ++i) s += "\xF0\x9F\x87\xA8"; return s; }(),  // 151 RIs
      [] { std::string s = "a"; for (int i = 0; i < 300; ++i) s += "\xCC\x81"; return s; }(),
      [] { std::string s; for (int i = 0; i < 80; ++i) s += "\xF0\x9F\x98\x80\xE2\x80\x8D"; return s; }(),
      std::string(300, ' ') + "." + std::string(300, ' ') + "a",
      std::string(600, '\x80'),
      [] { std::string s; for (int i = 0; i < 200; ++i) s += "a. "; return s; }(),
  };
  for (const std::string& run : runs) {
    check_string(run, true);
    check_string(mixed_string(rng, 8) + run + mixed_string(rng, 8), false);
  }
}
