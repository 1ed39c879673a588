// zhtext/detail/keywords/rank.hpp - the two rankings of jieba.analyse (0.42.1) on a
// stream of words: TF-IDF (tfidf.py, TFIDF.extract_tags) and TextRank (textrank.py,
// TextRank.textrank with UndirectWeightedGraph.rank), for keywords.hpp.
//
// TF-IDF. The words of a document are counted in first-occurrence order: words with a
// word id (from the segmenter, see word_id.hpp) in a table indexed by id that the
// thread keeps across documents, words without one in a flat_map keyed by their text
// (the open-addressing map frequency_table counts with), whose entries are those words
// in first-occurrence order; a number per distinct word merges the two kinds back into
// one order. Then, per distinct word, jieba's filter and the IDF lookup; for a word id
// these are asked once per thread and extractor and remembered in the id map, so a
// document's known words cost an integer probe each. weight = count * (idf / total),
// total being the number of counted words - the same operations as jieba, so the
// doubles are bit-identical to Python's.
//
// TextRank (Mihalcea & Tarau 2004, as jieba implements it). The graph: word pairs
// (a, b) where b follows a at most span-1 words later and both pass the filter are
// counted as ordered pairs, in first-occurrence order (jieba's `cm` dict); each
// ordered pair becomes an undirected edge a-b of weight = its count (so a-b and b-a
// are two parallel edges, and a word repeated within the window gives a self loop,
// listed twice at its node). Nodes are numbered in the order the edges first touch
// them (start before end), each node keeps its edges in insertion order (compressed
// sparse rows). Ranking: every node starts at 1/N; 10 sweeps over the nodes in
// code-point order of their words, each updating in place (Gauss-Seidel)
//   ws[n] = (1 - d) + d * sum over edges n-m of w(n,m) / out_sum(m) * ws[m]
// with d = 0.85; then ws[n] = (ws[n] - min/10) / (max - min/10). Again the same
// operations in the same order as Python, so the weights agree bit for bit (unless the
// compiler contracts a*b+c into a fused multiply-add: x86-64 without -mfma never does).
//
// Ordering (both): weight descending; equal weights keep first-occurrence order
// (TF-IDF: the word's first occurrence; TextRank: node order), as Python's stable
// sorted(..., reverse=True) does. Top k <= 64 (keyword lists: 20): a sorted list the
// words pass by, O(n + k * entering words); else a partial sort, O(n log k).
//
// Cost: O(words) hashing for counting; TextRank O(words * span) pairs plus
// 10 * O(edges) for ranking. Memory, in scratch buffers that callers reuse
// (keyword_scratch): TF-IDF per distinct word without id, a map entry of 24 bytes (its
// view and two 32-bit numbers) and 2 to 4 index slots of 4 bytes, nothing more for a
// top k <= 64 (measured: 54.5 bytes a word at peak for 1M and 4M distinct words with
// 8-byte slots, against 105 with a separate item list; 4-byte slots: keywords on a
// 50 MiB line of 3.2M distinct words 262 -> 197 MB); a longer top list (or all: top
// 0) frees the index once the words are counted and ranks 8 bytes a word (a kept item
// and its rank; the weight takes the place of count and number in the map entry:
// --top 0 on that line 246 -> 197 MB); per distinct word with an id in the document,
// 24 bytes; TextRank O(1) entries per distinct word and pair. The id map holds at most
// one entry per word id of the segmenter, and a slot of 4 bytes for every possible id
// (an array of ~2.6 MB for jieba's dictionary, whose pages are backed by memory only
// where touched). Not thread-safe: one scratch per thread.
#pragma once

#include <algorithm>
#include <array>
#include <cfloat>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "../containers/flat_map.hpp"
#include "../containers/zeroed_array.hpp"

namespace zhtext::detail {

inline constexpr std::uint32_t no_id = 0xFFFFFFFFu;

/// What TF-IDF remembers of a word id across documents (for one extractor and one
/// segmenter: see keyword_scratch::id_owner).
struct id_word {
  std::uint64_t document = 0;  // the document that counted it last
  double count = 0;            // its count in that document (long top lists: its weight, once weighted)
  double idf = 0;              // its IDF when accepted
  std::int8_t accepted = -1;   // jieba's filter: -1 not asked yet, 0 no, 1 yes
};

/// A distinct word without a word id in the document TF-IDF ranks: the value of
/// keyword_scratch::words, whose keys are these words in first-occurrence order.
struct tfidf_count {
  std::uint32_t count;  // occurrences; 0 once jieba's filter has dropped the word
  std::uint32_t first;  // its number among the document's distinct words (with and without id)
};
// A long top list (or every word) is ranked with each word's weight in place of its
// count and number, which are not read again (3.2M words: no 26 MB array of weights).
inline void set_weight(tfidf_count& c, double w) noexcept {
  static_assert(sizeof(tfidf_count) == sizeof(double), "the weight takes the place of count and first");
  std::memcpy(&c, &w, sizeof w);
}
inline double weight_of(const tfidf_count& c) noexcept {
  double w;
  std::memcpy(&w, &c, sizeof w);
  return w;
}

/// A distinct word with a word id in the document TF-IDF ranks (its count is in its
/// id_word until the document is counted).
struct tfidf_id_item {
  std::string_view word;
  std::uint32_t entry;  // its entry in keyword_scratch::by_id
};

/// A word of the document waiting to be counted.
struct tfidf_token {
  std::string_view word;
  std::uint32_t id;
};

/// Reusable buffers for one ranking at a time.
struct keyword_scratch {
  std::array<tfidf_token, 256> batch;              // TF-IDF: words to count (a tight loop per batch)
  flat_map<std::string_view, tfidf_count> words;   // TF-IDF: the distinct words without id
  std::vector<tfidf_id_item> id_items;             // TF-IDF: the distinct words with id, in order
  zeroed_array<std::uint32_t> id_slots;            // TF-IDF: word id -> entry of by_id + 1, 0 = none yet
  std::vector<id_word> by_id;                      // TF-IDF: what is known of each word id seen
  std::uint64_t id_owner[2] = {0, 0};              // whose ids these are (extractor, segmenter)
  std::uint64_t document = 0;                      // documents ranked with by_id
  flat_map<std::string_view, std::uint32_t> ids;  // TextRank: word -> word id
  std::vector<std::uint32_t> token_ids;        // TextRank: word id per token of the window, or none
  flat_map<std::uint64_t, std::uint32_t> pairs;  // TextRank: (a << 32 | b) -> count
  std::vector<std::uint32_t> node_of;          // word id -> node, or none
  std::vector<std::string_view> node_word;     // node -> word
  std::vector<std::uint32_t> edge_begin;       // node -> first edge (CSR), size N + 1
  std::vector<std::uint32_t> edge_to;          // edge -> other node
  std::vector<double> edge_weight;             // edge -> weight
  std::vector<double> rank, out_sum;           // node -> ws, outSum
  std::vector<std::uint32_t> sweep;            // TextRank: nodes in code-point order of words; TF-IDF: kept words
  std::vector<std::uint32_t> order;            // ranked items
  std::vector<std::pair<double, std::uint32_t>> best;  // a short top list: (weight, item), best first
  std::string lower;                           // lower-cased word for stop-word tests

  void clear() {
    ids.clear();
    token_ids.clear();
    pairs.clear();
    node_of.clear();
    node_word.clear();
  }
};

/// The longest top list kept while the items pass by (offer_top); a longer one (or
/// every item) is sorted.
inline constexpr std::size_t short_top = 64;

/// Offers `item` of weight `w` to `best`: the best `top` (<= short_top) items offered
/// so far, best first. Items must be offered in their order, so that an item enters a
/// full list only with a weight above the last one's and goes after the items of equal
/// weight (ties keep the order of offering). O(1), plus O(top) for an item that enters.
inline void offer_top(std::vector<std::pair<double, std::uint32_t>>& best, std::size_t top, double w,
                      std::uint32_t item) {
  // (NaN never occurs: weights are finite.)
  if (best.size() == top) {
    if (!(w > best.back().first)) return;
    best.pop_back();
  }
  std::size_t at = best.size();
  while (at > 0 && w > best[at - 1].first) --at;
  best.insert(best.begin() + static_cast<std::ptrdiff_t>(at), {w, item});
}

/// The first min(top, n) of items 0..n-1 (top == 0: all) by weight descending, ties
/// by index, into `order`: a short top list (keyword lists: 20) through offer_top,
/// O(n) plus O(top) per item that enters it; else a (partial) sort, O(n log top).
template <class Weight>
void rank_order(std::size_t n, std::size_t top, Weight&& weight, keyword_scratch& s) {
  auto& order = s.order;
  if (top != 0 && top < n && top <= short_top) {
    s.best.clear();
    for (std::uint32_t i = 0; i < n; ++i) offer_top(s.best, top, weight(i), i);
    order.clear();
    for (const auto& b : s.best) order.push_back(b.second);
    return;
  }
  const auto before = [&](std::uint32_t a, std::uint32_t b) {
    const double wa = weight(a), wb = weight(b);
    return wa > wb || (!(wa < wb) && a < b);
  };
  order.resize(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = static_cast<std::uint32_t>(i);
  if (top != 0 && top < n) {
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(top), order.end(), before);
    order.resize(top);
  } else {
    std::sort(order.begin(), order.end(), before);
  }
}

/// TF-IDF: `produce(sink)` calls sink(word, id) for every word of the text, in order
/// (words that can have fewer than two characters may be left out, see
/// may_have_two_characters), id being its word id (below id_bound) or no_id; `owner`
/// names what the ids and `accept` belong to (two numbers no other extractor setup or
/// segmenter shares). `accept(word)` is jieba's word filter, applied once per distinct word (it
/// depends on the word alone); `idf.idf(word, hash_bytes(word))` gives the IDF and
/// `idf.prefetch(hash)` starts fetching it. Calls f(word, weight) for the top words.
template <class Produce, class Accept, class Idf, class F>
void rank_tfidf(keyword_scratch& s, const std::uint64_t (&owner)[2], std::uint32_t id_bound, Produce&& produce,
                Accept&& accept, const Idf& idf, std::size_t top, F&& f) {
  if (s.id_owner[0] != owner[0] || s.id_owner[1] != owner[1]) {
    s.id_slots.reset();
    s.by_id.clear();
    s.id_owner[0] = owner[0];
    s.id_owner[1] = owner[1];
  }
  s.id_slots.grow(id_bound);
  const std::uint64_t document = ++s.document;
  auto& words = s.words;
  auto& id_items = s.id_items;
  const std::size_t last = words.size();
  words.clear();
  id_items.clear();
  words.reserve(last);  // documents of a run tend to be alike: grow the index once
  // Counts the batch's words: by id (an array read) when they have one, else by text.
  // `distinct` numbers the distinct words of both kinds in first-occurrence order.
  std::uint32_t distinct = 0;
  std::size_t batched = 0;
  auto count_batch = [&] {
    std::uint32_t* slots = s.id_slots.data();
    for (std::size_t b = 0; b < batched; ++b) {
      const tfidf_token t = s.batch[b];
      if (t.id != no_id) {
        std::uint32_t slot = slots[t.id];
        if (slot == 0) {
          s.by_id.emplace_back();
          slot = slots[t.id] = static_cast<std::uint32_t>(s.by_id.size());
        }
        id_word& x = s.by_id[slot - 1];
        if (x.document != document) {
          x.document = document;
          x.count = 0;
          id_items.push_back(tfidf_id_item{t.word, slot - 1});
          ++distinct;
        }
        x.count += 1.0;
        continue;
      }
      const auto [e, fresh] = words.find_or_insert(t.word, hash_bytes(t.word), [&] { return t.word; });
      tfidf_count& c = words[e].value;
      if (fresh) c.first = distinct++;
      ++c.count;  // (2^32 words would take 64 GB of views: no overflow)
    }
    batched = 0;
  };
  produce([&](std::string_view w, std::uint32_t id) {
    s.batch[batched++] = tfidf_token{w, id};
    if (batched == s.batch.size()) count_batch();
  });
  count_batch();
  // jieba's filter once per distinct word (a word id's once per thread and setup,
  // with its IDF), and total = sum(freq.values()) over the words it keeps (exact:
  // integer counts below 2^53, so the order of the sum does not matter).
  double total = 0;
  for (const tfidf_id_item& it : id_items) {
    id_word& x = s.by_id[it.entry];
    if (x.accepted < 0) {
      x.accepted = accept(it.word) ? 1 : 0;
      if (x.accepted != 0) x.idf = idf.idf(it.word, hash_bytes(it.word));
    }
    if (x.accepted != 0) total += x.count;
  }
  for (std::size_t e = 0; e < words.size(); ++e) {
    tfidf_count& c = words[e].value;
    if (accept(words[e].key)) total += c.count;
    else c.count = 0;
  }
  // The kept words in first-occurrence order (words numbered by `first`, the others
  // fill the gaps in order), each weighted count * (idf / total) as jieba does: offered
  // to a short top list as they come, or else given a weight each and sorted. A word
  // is named by its item: e for words[e], id_bit | i for id_items[i]. IDF lookups of
  // words without id go to a table far larger than the caches: prefetch a few ahead.
  constexpr std::uint32_t id_bit = 0x80000000u;
  if (words.size() >= id_bit)  // (2^31 words: 32 GB of views, beyond any text)
    throw_or_abort(std::length_error("zhtext: more than 2^31 distinct words in one document"));
  constexpr std::size_t ahead = 8;
  std::uint64_t hashes[ahead];
  const std::size_t n_words = words.size();
  auto fetch = [&](std::size_t e) {
    if (e < n_words) {
      hashes[e % ahead] = hash_bytes(words[e].key);
      idf.prefetch(hashes[e % ahead]);
    }
  };
  for (std::size_t e = 0; e < ahead; ++e) fetch(e);
  const bool short_list = top != 0 && top <= short_top;
  s.best.clear();
  auto& kept = s.sweep;
  if (!short_list) {
    words.release_index();  // (read by entry from here on: its memory goes to the ranking)
    kept.resize(distinct);
  }
  std::size_t n = 0, next_word = 0, next_id = 0;
  for (std::uint32_t k = 0; k < distinct; ++k) {
    double weight;
    std::uint32_t item;
    if (next_word < n_words && words[next_word].value.first == k) {
      const std::size_t e = next_word++;
      const std::uint64_t h = hashes[e % ahead];
      fetch(e + ahead);  // (into the slot of e's hash)
      auto& x = words[e];
      if (x.value.count == 0) continue;
      weight = x.value.count * (idf.idf(x.key, h) / total);
      item = static_cast<std::uint32_t>(e);
      if (!short_list) set_weight(x.value, weight);
    } else {
      const std::size_t i = next_id++;
      id_word& x = s.by_id[id_items[i].entry];
      if (x.accepted == 0) continue;
      weight = x.count * (x.idf / total);
      item = id_bit | static_cast<std::uint32_t>(i);
      if (!short_list) x.count = weight;
    }
    if (short_list) offer_top(s.best, top, weight, item);
    else kept[n++] = item;
  }
  auto word_of = [&](std::uint32_t item) {
    return (item & id_bit) != 0 ? id_items[item & ~id_bit].word : words[item].key;
  };
  if (short_list) {
    for (const auto& b : s.best) f(word_of(b.second), b.first);
    return;
  }
  auto weight = [&](std::uint32_t item) {
    return (item & id_bit) != 0 ? s.by_id[id_items[item & ~id_bit].entry].count : weight_of(words[item].value);
  };
  rank_order(n, top, [&](std::uint32_t k) { return weight(kept[k]); }, s);
  for (std::uint32_t k : s.order) f(word_of(kept[k]), weight(kept[k]));
}

/// TextRank: `produce(sink)` calls sink(word, passes) for every token of the text in
/// order, passes = jieba's pairfilter. Calls f(word, weight) for the top words.
template <class Produce, class F>
void rank_textrank(keyword_scratch& s, Produce&& produce, std::size_t span, std::size_t top, F&& f) {
  s.clear();
  // Word ids (first-seen order) per token, no_id for tokens the filter drops, and the
  // ordered pairs within the window counted in first-occurrence order (jieba's loop:
  // by first token, then second). A token's pairs are counted as soon as the span - 1
  // tokens after it are known: `window` holds the ids of the tokens from `head` on
  // whose pairs are not yet counted (at most span), so memory does not grow with the
  // text's tokens (a 50 MiB line of NUL is 52 million tokens).
  std::vector<std::uint32_t>& window = s.token_ids;
  std::size_t head = 0;
  const auto count_first = [&] {  // the pairs of window[head], then drops it
    const std::uint32_t a = window[head];
    if (a != no_id) {
      for (std::size_t j = head + 1; j < window.size() && j - head < span; ++j) {
        const std::uint32_t b = window[j];
        if (b == no_id) continue;
        const std::uint64_t key = (std::uint64_t{a} << 32) | b;
        ++s.pairs[s.pairs.find_or_insert(key, key_hash<std::uint64_t>{}(key), [&] { return key; }).first].value;
      }
    }
    if (++head >= 64 && 2 * head >= window.size()) {
      window.erase(window.begin(), window.begin() + static_cast<std::ptrdiff_t>(head));
      head = 0;
    }
  };
  produce([&](std::string_view w, bool passes) {
    std::uint32_t id = no_id;
    if (passes) {
      const auto [e, fresh] = s.ids.find_or_insert(w, hash_bytes(w), [&] { return w; });
      if (fresh) s.ids[e].value = static_cast<std::uint32_t>(e);
      id = static_cast<std::uint32_t>(e);
    }
    window.push_back(id);
    if (window.size() - head >= span) count_first();
  });
  while (head < window.size()) count_first();
  if (s.pairs.empty()) return;
  // Nodes in the order edges touch them; degrees; then edges per node in order.
  s.node_of.assign(s.ids.size(), no_id);
  std::vector<std::uint32_t>& deg = s.sweep;  // reused as degree counts first
  deg.clear();
  auto node = [&](std::uint32_t id) {
    if (s.node_of[id] == no_id) {
      s.node_of[id] = static_cast<std::uint32_t>(s.node_word.size());
      s.node_word.push_back(s.ids[id].key);
      deg.push_back(0);
    }
    return s.node_of[id];
  };
  for (const auto& p : s.pairs.entries()) {
    ++deg[node(static_cast<std::uint32_t>(p.key >> 32))];
    ++deg[node(static_cast<std::uint32_t>(p.key & 0xFFFFFFFFu))];
  }
  const std::size_t n = s.node_word.size();
  s.edge_begin.assign(n + 1, 0);
  for (std::size_t v = 0; v < n; ++v) s.edge_begin[v + 1] = s.edge_begin[v] + deg[v];
  s.edge_to.resize(s.edge_begin[n]);
  s.edge_weight.resize(s.edge_begin[n]);
  for (std::size_t v = 0; v < n; ++v) deg[v] = s.edge_begin[v];  // fill cursors
  for (const auto& p : s.pairs.entries()) {
    const std::uint32_t a = s.node_of[p.key >> 32], b = s.node_of[p.key & 0xFFFFFFFFu];
    const double w = static_cast<double>(p.value);
    s.edge_to[deg[a]] = b;
    s.edge_weight[deg[a]++] = w;
    s.edge_to[deg[b]] = a;
    s.edge_weight[deg[b]++] = w;
  }
  // UndirectWeightedGraph.rank().
  constexpr double d = 0.85;
  const double wsdef = 1.0 / static_cast<double>(n);
  s.rank.assign(n, wsdef);
  s.out_sum.assign(n, 0.0);
  for (std::size_t v = 0; v < n; ++v)
    for (std::uint32_t e = s.edge_begin[v]; e < s.edge_begin[v + 1]; ++e) s.out_sum[v] += s.edge_weight[e];
  std::vector<std::uint32_t>& sweep = s.sweep;
  sweep.resize(n);
  for (std::size_t v = 0; v < n; ++v) sweep[v] = static_cast<std::uint32_t>(v);
  std::sort(sweep.begin(), sweep.end(), [&](std::uint32_t a, std::uint32_t b) { return s.node_word[a] < s.node_word[b]; });
  for (int iteration = 0; iteration < 10; ++iteration) {
    for (std::uint32_t v : sweep) {
      double sum = 0;
      for (std::uint32_t e = s.edge_begin[v]; e < s.edge_begin[v + 1]; ++e) {
        const std::uint32_t m = s.edge_to[e];
        sum += s.edge_weight[e] / s.out_sum[m] * s.rank[m];
      }
      s.rank[v] = (1 - d) + d * sum;
    }
  }
  double min_rank = DBL_MAX, max_rank = DBL_MIN;  // jieba: sys.float_info[0], [3]
  for (double w : s.rank) {
    if (w < min_rank) min_rank = w;
    if (w > max_rank) max_rank = w;
  }
  for (double& w : s.rank) w = (w - min_rank / 10.0) / (max_rank - min_rank / 10.0);
  rank_order(n, top, [&](std::uint32_t v) { return s.rank[v]; }, s);
  for (std::uint32_t v : s.order) f(s.node_word[v], s.rank[v]);
}

}  // namespace zhtext::detail
