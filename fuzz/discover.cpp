// fuzz/discover.cpp - zhtext/discover.hpp's table budget (discover_options::table_memory)
// on any bytes. The same text and thresholds are run three ways: exactly (a table
// budget far above the input), with a tiny budget (16..79 n-grams: the rarest are
// forgotten, word2vec-style) and with a budget above the input's own size. Checks:
//  - a budget larger than the input gives the exact result (same texts, offsets,
//    counts and statistics, same order) and reports nothing forgotten;
//  - under the tiny budget the table never holds more than its entries, and every
//    candidate printed is one of the exact result: the same text, offset, count and
//    entropies (counted exactly whatever the budget), a cohesion <= the exact one (a
//    forgotten part counts as the most it can have) and >= min_cohesion, so it passes
//    the thresholds computed exactly on the input; nothing forgotten: the exact result;
//  - the index split into passes (index_memory of a few characters) changes nothing.
// Input: flags (bits 0-1: min_count 1..4; 2: letters and digits too; 3-4: max_length
// 2..5; 5: no edge stop words; 6: thresholds 0 (every n-gram reaching min_count);
// 7: several index passes), a byte for the tiny budget, then the text.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>

#include <zhtext/discover.hpp>

#include "fuzz_support.hpp"

namespace {

std::string describe(const zhtext::word_candidate& w) {
  char buf[160];
  std::snprintf(buf, sizeof buf, " @%zu count %zu cohesion %.17g entropies %.17g %.17g", w.offset, w.count, w.cohesion,
                w.left_entropy, w.right_entropy);
  return "'" + std::string(w.text) + "'" + buf;
}

bool same(const zhtext::word_candidate& a, const zhtext::word_candidate& b) {
  return a.text == b.text && a.offset == b.offset && a.count == b.count && a.cohesion == b.cohesion &&
         a.left_entropy == b.left_entropy && a.right_entropy == b.right_entropy && a.score == b.score;
}

void check_same(const std::vector<zhtext::word_candidate>& got, const std::vector<zhtext::word_candidate>& exact,
                const char* what) {
  FUZZ_CHECK(got.size() == exact.size(), std::string(what) + ": " + std::to_string(got.size()) + " candidates, exactly " +
                                             std::to_string(exact.size()));
  for (std::size_t i = 0; i < got.size(); ++i)
    FUZZ_CHECK(same(got[i], exact[i]), std::string(what) + ": candidate " + std::to_string(i) + " " + describe(got[i]) +
                                           ", exactly " + describe(exact[i]));
}

void seeds(const zhtext_fuzz::seed_texts& t, std::vector<std::string>& out) {
  // The project's own texts only (the sample article and its paragraphs), with flags
  // that forget (min_count 1, tiny budgets) and flags that keep the defaults.
  const unsigned char flags[] = {0x00, 0x02, 0x40, 0x41, 0x80, 0xC4, 0x18, 0x2A};
  std::size_t i = 0;
  for (const std::string& p : t.paragraphs) {
    const unsigned char f = flags[i++ % sizeof flags];
    out.push_back(std::string(1, static_cast<char>(f)) + std::string(1, static_cast<char>(i * 7)) + p.substr(0, 4000));
  }
}

}  // namespace

ZHTEXT_FUZZ_TARGET(discover, "discover_words: table budget (forgetting) never reports what fails the exact thresholds", seeds) {
  zhtext_fuzz::input_reader in(data);
  const std::uint8_t flags = in.byte();
  const std::uint8_t tiny = in.byte();
  const std::string_view text = in.rest();

  zhtext::discover_options o;
  o.min_count = 1 + (flags & 3);
  o.han_only = (flags & 4) == 0;
  o.max_length = 2 + ((flags >> 3) & 3);
  if (flags & 32) o.edge_stop_words = nullptr;
  if (flags & 64) o.min_cohesion = o.min_entropy = 0;
  o.table_memory = std::numeric_limits<std::size_t>::max();
  zhtext::discover_stats stats;
  o.stats = &stats;
  auto exact = zhtext::discover_words(text, o);
  FUZZ_CHECK(exact.ok(), "discover_words refuses: " + exact.error().message);
  FUZZ_CHECK(!stats.approximate(), "an unbounded table forgot n-grams counted <= " + std::to_string(stats.forgotten_max));
  const std::size_t exact_entries = stats.table_entries;

  // A budget above the input: what the table can hold exceeds what it ever held.
  o.table_memory = (exact_entries + 16) * zhtext::table_entry_bytes + text.size();
  auto roomy = zhtext::discover_words(text, o);
  FUZZ_CHECK(roomy.ok(), "discover_words refuses with a roomy budget: " + roomy.error().message);
  FUZZ_CHECK(!stats.approximate() && stats.table_entries == exact_entries,
             "a roomy budget forgot (" + std::to_string(stats.forgotten_max) + ") or held " +
                 std::to_string(stats.table_entries) + " n-grams, exactly " + std::to_string(exact_entries));
  check_same(*roomy, *exact, "roomy budget");

  // A tiny budget: 16..79 entries.
  const std::size_t entries = 16 + tiny % 64;
  o.table_memory = entries * zhtext::table_entry_bytes;
  if (flags & 128) o.index_memory = 1;  // a pass per character of the text
  auto small = zhtext::discover_words(text, o);
  FUZZ_CHECK(small.ok(), "discover_words refuses with a tiny budget: " + small.error().message);
  FUZZ_CHECK(stats.table_entries <= entries, "the table held " + std::to_string(stats.table_entries) +
                                                 " n-grams, the budget is " + std::to_string(entries));
  if (!stats.approximate()) {
    check_same(*small, *exact, stats.passes > 1 ? "tiny budget, nothing forgotten, several passes" : "tiny budget, nothing forgotten");
    return;
  }
  std::vector<const zhtext::word_candidate*> by_text;
  for (const auto& w : *exact) by_text.push_back(&w);
  std::sort(by_text.begin(), by_text.end(), [](auto* a, auto* b) { return a->text < b->text; });
  for (std::size_t i = 0; i < small->size(); ++i) {
    const zhtext::word_candidate& w = (*small)[i];
    if (i > 0) {
      const zhtext::word_candidate& p = (*small)[i - 1];
      FUZZ_CHECK(p.score > w.score || (p.score == w.score && p.text < w.text),
                 "tiny budget: candidates out of order at " + std::to_string(i));
    }
    const auto at = std::lower_bound(by_text.begin(), by_text.end(), w.text, [](auto* a, std::string_view t) { return a->text < t; });
    FUZZ_CHECK(at != by_text.end() && (*at)->text == w.text,
               "tiny budget (forgot <= " + std::to_string(stats.forgotten_max) + ") reports " + describe(w) +
                   ", which fails the exact thresholds");
    const zhtext::word_candidate& e = **at;
    FUZZ_CHECK(w.offset == e.offset && w.count == e.count && w.left_entropy == e.left_entropy &&
                   w.right_entropy == e.right_entropy && w.cohesion <= e.cohesion && w.cohesion >= o.min_cohesion &&
                   w.score == std::log(static_cast<double>(w.count)) * w.cohesion * w.entropy(),
               "tiny budget: " + describe(w) + ", exactly " + describe(e));
  }
}
