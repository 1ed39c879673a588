// zhtext/discover.hpp - new-word discovery: words a dictionary lacks, from raw text.
//
// A string of characters is a word when it is frequent, holds together, and is free
// to appear in many contexts. discover_words scores every n-gram of 2..max_length
// code points (Han only by default) on three statistics and keeps those above all
// thresholds:
//
//  - count: occurrences in the text (overlapping occurrences count);
//  - cohesion: the pointwise mutual information of its weakest split,
//      min over 0<i<n of ln( p(w) / (p(w[0..i)) p(w[i..n))) ),  p(x) = count(x) / T,
//    T being the number of candidate characters (code points in Han runs) - a
//    string that is merely two neighbours side by side scores about 0;
//  - entropy: the smaller of its left and right branching entropies,
//      H = -sum over neighbours c of (k_c / count) ln(k_c / count),
//    k_c being how often character c precedes (left) or follows (right) it. A
//    fragment of a longer word has one neighbour and scores 0. A neighbour that
//    cannot be part of a candidate (punctuation, space, a line break, the start or
//    end of the text) marks a boundary: each such occurrence counts as a neighbour
//    of its own, so a name always written in quotes, “党员阳光护送队”, is as free as
//    one seen in many contexts.
//
// Candidates whose first or last character is a stop word on its own (都是, 到了; see
// discover_options::edge_stop_words) are dropped, as are those `known` holds.
// Logarithms are natural (nats). The score that ranks the survivors is
// ln(count) * cohesion * entropy. With a dictionary's words left out (pass a set or
// a predicate), what remains are names and terms such as 悦然馨苑, 党员阳光护送队 or
// 核酸检测 in community news.
//
//   zhtext::discover_options opt;
//   opt.min_count = 3;
//   auto found = zhtext::discover_words(text, opt, known_words);  // result<vector<word_candidate>>
//   if (found) for (const auto& w : *found) std::cout << w.text << '\t' << w.score << '\n';
//
// Cost: one pass over the text to count its characters, then, per pass of the index
// (detail/discover/ngram_index.hpp), a pass over the text and a few radix-sort passes
// over the positions it indexes, one scan over their n-grams, a hash lookup per split
// of each n-gram that reaches min_count and a sort of each candidate's neighbours;
// tens of MB/s (see benchmarks/README.md). Memory: the index takes 26 bytes per
// candidate character at its peak; above options.index_memory (64 MiB: 2.6 million
// characters) the text is indexed in several passes, each on the n-grams whose first
// character is in one range of characters (a character with more occurrences than a
// pass holds is split on the characters that follow it, and occurrences alike on
// max_length characters by ranges of offsets; an n-gram's statistics are then gathered
// pass by pass), so memory stays at index_memory whatever the text, plus the table of the n-grams
// that reach min_count, within options.table_memory (32 MiB), and 1 MB of tables; the
// largest pass is checked against options.memory_limit before the index is
// allocated. The result is the same for every index_memory; it is exact as long as
// the table fits in table_memory (else the rarest n-grams are forgotten: see
// discover_options::table_memory and discover_stats). Pure function; thread-safe
// (the result views the input text, which must outlive it).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "chars.hpp"
#include "detail/containers/flat_map.hpp"
#include "detail/discover/candidates.hpp"
#include "detail/discover/ngram_index.hpp"
#include "detail/platform/math.hpp"
#include "result.hpp"
#include "stop_words.hpp"
#include "utf8.hpp"

namespace zhtext {

struct discover_stats;

struct discover_options {
  std::size_t min_length = 2;    ///< shortest candidate, in code points (>= 2)
  std::size_t max_length = 8;    ///< longest candidate, in code points (<= 32)
  /// Fewer occurrences: not a candidate (>= 1). 3 suits an article or a few hundred
  /// KB; raise it with the corpus (roughly one per 100 000 characters): PMI rewards
  /// rare chance co-occurrences, and a larger min_count keeps them out.
  std::size_t min_count = 3;
  double min_cohesion = 3.0;     ///< PMI of the weakest split, nats
  double min_entropy = 1.0;      ///< min(left, right) branching entropy, nats
  bool han_only = true;          ///< candidates of Han characters only; else of letters, digits and Han
  /// Drop candidates whose first or last character alone is in this list (not owned):
  /// with the built-in stop words, 都是 and 到了 go, 核酸检测 stays. nullptr: no check.
  const stop_words* edge_stop_words = &stop_words::builtin();
  std::size_t top = 0;           ///< keep the best `top` (0: all that pass)
  /// Bytes the index of one pass over the text may take (26 per candidate character):
  /// a larger text is indexed in several passes, each on the n-grams whose first
  /// character falls in one range (same result; more time: the text is read again).
  std::size_t index_memory = std::size_t{64} << 20;
  /// Bytes the index of one pass may take at most (with index_memory below 26 bytes
  /// a pass still holds one position); above: errc::limit_exceeded.
  std::size_t memory_limit = std::size_t{4} << 30;
  /// Bytes the table of counted n-grams may take (about table_entry_bytes an n-gram
  /// of two characters or more that reaches min_count; the parts' counts that
  /// cohesion needs). The text's own characters are counted apart, exactly. Past
  /// it, the rarest n-grams are forgotten as word2vec reduces its vocabulary: all
  /// those counted r times or fewer, r = min_count, then min_count + 1, ..., until
  /// the table is at most half full; a forgotten part counts as r (the most it can
  /// have), so a reported candidate's cohesion is a lower bound and every reported
  /// candidate passes the thresholds, but some may be missed (stats->forgotten_max
  /// says so). 32 MiB: about 700,000 n-grams (tens of MB of news text; a 50 MiB line
  /// of random traditional characters has 1.56 million pairs seen 3 times or more).
  std::size_t table_memory = std::size_t{32} << 20;
  /// When not null, filled with what the call did (see discover_stats).
  discover_stats* stats = nullptr;
};

/// What discover_words did: how large its table grew and whether it forgot n-grams.
struct discover_stats {
  std::size_t passes = 0;         ///< passes of the index over the text
  std::size_t table_entries = 0;  ///< n-grams in the table at its largest
  /// 0: every count was exact, the result is exact. Otherwise the table reached
  /// table_memory and n-grams counted at most this many times were forgotten: the
  /// result is approximate (see discover_options::table_memory).
  std::size_t forgotten_max = 0;
  bool approximate() const noexcept { return forgotten_max != 0; }
};

/// Bytes a counted n-gram takes in discover_words's table (a view of its bytes, its
/// count and two slots of the hash index), for discover_options::table_memory.
inline constexpr std::size_t table_entry_bytes = 48;

/// A discovered word: a view of its first occurrence in the text, and its statistics.
struct word_candidate {
  std::string_view text;
  std::size_t offset = 0;  ///< byte offset of the first occurrence
  std::size_t count = 0;
  double cohesion = 0;       ///< PMI of the weakest split (nats)
  double left_entropy = 0;   ///< branching entropy of the preceding characters (nats)
  double right_entropy = 0;  ///< branching entropy of the following characters (nats)
  double score = 0;          ///< ln(count) * cohesion * min(left_entropy, right_entropy)
  double entropy() const noexcept { return std::min(left_entropy, right_entropy); }
};

/// Finds word candidates in `text` (see the top of this header), best first (score
/// descending, then text bytes ascending), leaving out those `known` holds (a
/// predicate bool(std::string_view), an object with contains(std::string_view) such
/// as stop_words, or a set of strings). Any bytes are accepted; ill-formed UTF-8
/// never joins a candidate. Errors: errc::invalid_argument for options out of range,
/// errc::limit_exceeded for text of 4 GiB or more or one pass's index above memory_limit.
template <class Known>
result<std::vector<word_candidate>> discover_words(std::string_view text, const discover_options& options,
                                                   const Known& known) {
  const discover_options& o = options;
  if (o.min_length < 2 || o.max_length < o.min_length || o.max_length > 32 || o.min_count < 1)
    return make_error(errc::invalid_argument,
                      "discover_words: need 2 <= min_length <= max_length <= 32 and min_count >= 1");
  if (text.size() >= 0xFFFFFFFFu) return make_error(errc::limit_exceeded, "discover_words: text of 4 GiB or more");
  const bool han_only = o.han_only;
  const detail::ngram_alphabet alphabet(text, [han_only](char32_t c) {
    return han_only ? is_han(c) : detail::is_word_char(c);
  });
  constexpr std::size_t per_position = detail::ngram_index::bytes_per_position;
  const std::vector<detail::ngram_shard> shards = detail::plan_ngram_shards(
      text, alphabet, o.max_length, std::max<std::size_t>(o.index_memory / per_position, 1));
  std::uint64_t largest = 0;
  for (const detail::ngram_shard& s : shards) largest = std::max(largest, s.positions);
  const std::size_t need = static_cast<std::size_t>(largest) * per_position + (std::size_t{1} << 20);
  if (need > o.memory_limit)
    return make_error(errc::limit_exceeded, "discover_words: the index would take " + std::to_string(need >> 20) +
                                                " MiB, above memory_limit (" + std::to_string(o.memory_limit >> 20) +
                                                " MiB); raise it or sample the text");
  const double total = static_cast<double>(alphabet.positions());

  // Counts of every n-gram of two characters or more that reaches min_count (the
  // parts of a candidate do too, as a part is at least as frequent as the whole),
  // within table_memory: past it the rarest are forgotten (forget_rarest). The
  // characters' own counts come from the alphabet.
  detail::flat_map<std::string_view, std::uint32_t> counts;
  const std::size_t max_entries = std::max<std::size_t>(o.table_memory / table_entry_bytes, 16);
  std::size_t forgotten_max = 0, table_peak = 0;  // counts <= forgotten_max were forgotten
  auto forget_rarest = [&] {
    if (forgotten_max == 0) forgotten_max = o.min_count - 1;
    while (counts.size() > max_entries / 2) {
      const std::size_t r = ++forgotten_max;
      counts.retain_if([r](const auto& e) { return e.value > r; });
    }
  };
  auto count_of = [&](std::string_view w, double fallback) {
    if (detail::ngram_index::char_size(static_cast<unsigned char>(w[0])) == w.size())
      return static_cast<double>(alphabet.positions_of(alphabet.id(detail::decode_at(detail::bytes(w), detail::bytes(w) + w.size()).value)));
    const std::size_t i = counts.find(w, detail::hash_bytes(w));
    return i == counts.npos ? fallback : static_cast<double>(counts[i].value);
  };
  // The PMI of the weakest split of w (n characters, f occurrences). A part not in
  // the table counts as `missing(f)`: f, its least possible count, while shards are
  // counted (the result is then an upper bound, exact once every shard is counted
  // when nothing was forgotten); the most a forgotten part can have at the end.
  std::vector<std::size_t> cuts;  // byte offsets of w's characters
  auto cohesion_of = [&](std::string_view w, double f, auto&& missing) {
    cuts.clear();
    for (std::size_t b = 0; b < w.size(); b += detail::ngram_index::char_size(static_cast<unsigned char>(w[b])))
      cuts.push_back(b);
    double cohesion = 1e300;
    for (std::size_t i = 1; i < cuts.size(); ++i) {
      const double fa = count_of(w.substr(0, cuts[i]), missing(f));
      const double fb = count_of(w.substr(cuts[i]), missing(f));
      cohesion = std::min(cohesion, detail::natural_log(f * total / (fa * fb)));
    }
    return cohesion;
  };
  const auto least = [](double f) { return f; };

  // One shard: its n-grams counted, then its candidates' statistics. With several
  // shards, cohesion is checked against its upper bound here and computed at the end.
  std::vector<word_candidate> out;
  auto count_group = [&](std::string_view w, std::size_t n, std::size_t f) {  // into the table
    if (f < o.min_count || n < 2 || n >= o.max_length) return;  // (n = max_length: a part of nothing)
    if (counts.size() >= max_entries) forget_rarest();
    const auto [i, inserted] = counts.find_or_insert(w, detail::hash_bytes(w), [&] { return w; });
    (void)inserted;
    counts[i].value = static_cast<std::uint32_t>(f);
    table_peak = std::max(table_peak, counts.size());
  };
  // A candidate w of f occurrences, if it passes: first_of() gives the byte offset of
  // its first occurrence, right_of() and left_of() its branching entropies.
  auto consider = [&](std::string_view w, std::size_t f, auto&& first_of, auto&& right_of, auto&& left_of) {
    const double cohesion = cohesion_of(w, static_cast<double>(f), least);
    if (cohesion < o.min_cohesion) return;
    if (o.edge_stop_words != nullptr) {
      std::size_t last = w.size() - 1;
      while (detail::is_continuation(static_cast<unsigned char>(w[last]))) --last;
      if (o.edge_stop_words->contains(w.substr(0, detail::ngram_index::char_size(static_cast<unsigned char>(w[0])))) ||
          o.edge_stop_words->contains(w.substr(last)))
        return;
    }
    if (detail::is_known_word(known, w)) return;
    const double right = right_of();
    if (right < o.min_entropy) return;
    const double left = left_of();
    if (left < o.min_entropy) return;
    const std::size_t first = first_of();
    word_candidate c;
    c.text = text.substr(first, w.size());
    c.offset = first;
    c.count = f;
    c.cohesion = cohesion;
    c.left_entropy = left;
    c.right_entropy = right;
    out.push_back(c);
  };
  struct group {
    std::uint32_t lo, hi, n;
  };
  std::vector<group> groups;
  std::vector<std::uint32_t> neighbours;
  // An n-gram whose occurrences span shards (one character's positions split by the
  // next ones or by offsets: plan_ngram_shards), gathered shard by shard.
  struct spanning {
    std::string_view w;
    std::size_t count = 0;
    std::uint32_t first = 0xFFFFFFFFu;
    detail::neighbour_counts left, right;
  };
  std::vector<spanning> open(o.max_length + 1);  // [n]: the n-gram open at the end of the last shard
  std::size_t open_lengths = 0;                  // open[1..open_lengths] are
  std::uint32_t last_position = 0;               // the last position of the last shard
  std::vector<spanning> closed;                  // spanning n-grams closed in this shard
  auto close_spanning = [&](spanning& g) {
    const std::size_t n = static_cast<std::size_t>(&g - open.data());
    count_group(g.w, n, g.count);
    if (g.count >= o.min_count && n >= o.min_length) closed.push_back(std::move(g));
    g = spanning{};
  };
  auto consider_closed = [&] {
    for (const spanning& g : closed)
      consider(g.w, g.count, [&] { return g.first; }, [&] { return detail::branching_entropy(g.right); },
               [&] { return detail::branching_entropy(g.left); });
    closed.clear();
  };
  auto index_shard = [&](std::size_t k) {
    const detail::ngram_index idx(text, alphabet, o.max_length, shards[k]);
    const std::vector<std::uint32_t>& sorted = idx.sorted();
    // Does an n-gram go on from the previous shard or into the next one (shards of one
    // first character)?
    auto same_first = [&](std::size_t a, std::size_t b) {
      return !shards[a].prefix.empty() && !shards[b].prefix.empty() && shards[a].prefix[0] == shards[b].prefix[0];
    };
    std::size_t continued = 0;
    if (open_lengths != 0) {
      continued = idx.common_prefix(last_position, sorted[0]);
      for (std::size_t n = continued + 1; n <= open_lengths; ++n) close_spanning(open[n]);
      open_lengths = 0;  // (set again below by the n-grams that go on)
    }
    const bool goes_on = k + 1 < shards.size() && same_first(k, k + 1);
    const std::size_t m = sorted.size();
    groups.clear();
    idx.for_each_group(
        [&](std::size_t n, std::size_t lo, std::size_t hi) {
          const bool from_previous = lo == 0 && n <= continued, to_next = hi == m && goes_on;
          if (!from_previous && !to_next) {
            if (hi - lo < o.min_count || n < 2) return;
            count_group(idx.text(sorted[lo], n), n, hi - lo);
            if (n >= o.min_length)
              groups.push_back(group{static_cast<std::uint32_t>(lo), static_cast<std::uint32_t>(hi), static_cast<std::uint32_t>(n)});
            return;
          }
          spanning& g = open[n];
          if (!from_previous) g.w = idx.text(sorted[lo], n);
          g.count += hi - lo;
          if (n >= 2 && n >= o.min_length) {
            neighbours.clear();
            for (std::size_t i = lo; i < hi; ++i) neighbours.push_back(idx.right_of(sorted[i], n));
            detail::add_neighbours(g.right, neighbours);
            neighbours.clear();
            for (std::size_t i = lo; i < hi; ++i) neighbours.push_back(idx.left_of(sorted[i]));
            detail::add_neighbours(g.left, neighbours);
          }
          for (std::size_t i = lo; i < hi; ++i) g.first = std::min(g.first, sorted[i]);
          if (to_next) open_lengths = std::max(open_lengths, n);
          else close_spanning(g);
        },
        continued);
    if (goes_on) last_position = sorted[m - 1];
    for (const group& g : groups) {
      consider(
          idx.text(sorted[g.lo], g.n), g.hi - g.lo,
          [&] { return *std::min_element(sorted.begin() + g.lo, sorted.begin() + g.hi); },
          [&] {
            neighbours.clear();
            for (std::uint32_t i = g.lo; i < g.hi; ++i) neighbours.push_back(idx.right_of(sorted[i], g.n));
            return detail::branching_entropy(neighbours);
          },
          [&] {
            neighbours.clear();
            for (std::uint32_t i = g.lo; i < g.hi; ++i) neighbours.push_back(idx.left_of(sorted[i]));
            return detail::branching_entropy(neighbours);
          });
    }
    consider_closed();
  };
  for (std::size_t k = 0; k < shards.size(); ++k) index_shard(k);
  for (std::size_t n = 1; n <= open_lengths; ++n) close_spanning(open[n]);
  consider_closed();
  if (o.stats != nullptr) *o.stats = discover_stats{shards.size(), table_peak, forgotten_max};
  if (shards.size() > 1 || forgotten_max != 0) {  // every part is counted now: the exact cohesion
    // (a lower bound if parts were forgotten: such a part counts as the most it can have)
    const auto most = [&](double f) { return std::max(f, static_cast<double>(forgotten_max)); };
    std::size_t kept = 0;
    for (const word_candidate& c : out) {
      const double cohesion = cohesion_of(c.text, static_cast<double>(c.count), most);
      if (cohesion < o.min_cohesion) continue;
      out[kept] = c;
      out[kept++].cohesion = cohesion;
    }
    out.resize(kept);
  }
  for (word_candidate& c : out)
    c.score = detail::natural_log(static_cast<double>(c.count)) * c.cohesion * std::min(c.left_entropy, c.right_entropy);
  const auto better = [](const word_candidate& a, const word_candidate& b) {
    return a.score != b.score ? a.score > b.score : a.text < b.text;
  };
  if (o.top != 0 && o.top < out.size()) {
    std::partial_sort(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(o.top), out.end(), better);
    out.resize(o.top);
  } else {
    std::sort(out.begin(), out.end(), better);
  }
  return out;
}

/// discover_words without a dictionary: every candidate that passes the thresholds.
inline result<std::vector<word_candidate>> discover_words(std::string_view text, const discover_options& options = {}) {
  return discover_words(text, options, [](std::string_view) { return false; });
}

/// Deleted: the candidates would view a temporary std::string.
template <class S, detail::if_temporary_string<S> = 0>
result<std::vector<word_candidate>> discover_words(S&&, const discover_options& = {}) = delete;
template <class S, class Known, detail::if_temporary_string<S> = 0>
result<std::vector<word_candidate>> discover_words(S&&, const discover_options&, const Known&) = delete;

}  // namespace zhtext
