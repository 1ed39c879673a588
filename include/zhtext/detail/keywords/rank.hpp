// zhtext/detail/keywords/rank.hpp - the two rankings of jieba.analyse (0.42.1) on a
// stream of words: TF-IDF (tfidf.py, TFIDF.extract_tags) and TextRank (textrank.py,
// TextRank.textrank with UndirectWeightedGraph.rank), for keywords.hpp.
//
// TF-IDF. Words that pass the filter are counted in a hash map that keeps first
// occurrence order (flat_map); weight = count * (idf / total), total being the number
// of counted words - the same operations in the same order as jieba, so the doubles
// are bit-identical to Python's.
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
// sorted(..., reverse=True) does. Top k: a partial sort, O(n log k).
//
// Cost: O(words) hashing for counting; TextRank O(words * span) pairs plus
// 10 * O(edges) for ranking. Memory: per distinct word and pair, O(1) entries in
// scratch buffers that callers reuse (keyword_scratch). Not thread-safe: one scratch
// per thread.
#pragma once

#include <algorithm>
#include <cfloat>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "../containers/flat_map.hpp"

namespace zhtext::detail {

/// Reusable buffers for one ranking at a time.
struct keyword_scratch {
  flat_map<std::string_view, double> counts;   // TF-IDF: word -> count, then weight
  std::vector<std::uint64_t> hashes;           // TF-IDF: hash_bytes of each counted word
  flat_map<std::string_view, std::uint32_t> ids;  // TextRank: word -> word id
  std::vector<std::uint32_t> token_ids;        // TextRank: word id per token, or none
  flat_map<std::uint64_t, std::uint32_t> pairs;  // TextRank: (a << 32 | b) -> count
  std::vector<std::uint32_t> node_of;          // word id -> node, or none
  std::vector<std::string_view> node_word;     // node -> word
  std::vector<std::uint32_t> edge_begin;       // node -> first edge (CSR), size N + 1
  std::vector<std::uint32_t> edge_to;          // edge -> other node
  std::vector<double> edge_weight;             // edge -> weight
  std::vector<double> rank, out_sum;           // node -> ws, outSum
  std::vector<std::uint32_t> sweep;            // TextRank: nodes in code-point order of words; TF-IDF: kept words
  std::vector<std::uint32_t> order;            // ranked items
  std::string lower;                           // lower-cased word for stop-word tests

  void clear() {
    counts.clear();
    ids.clear();
    token_ids.clear();
    pairs.clear();
    node_of.clear();
    node_word.clear();
  }
};

inline constexpr std::uint32_t no_id = 0xFFFFFFFFu;

/// The first min(top, n) of items 0..n-1 (top == 0: all) by weight descending,
/// ties by index, into `order`.
template <class Weight>
void rank_order(std::size_t n, std::size_t top, Weight&& weight, std::vector<std::uint32_t>& order) {
  order.resize(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = static_cast<std::uint32_t>(i);
  const auto before = [&](std::uint32_t a, std::uint32_t b) {
    const double wa = weight(a), wb = weight(b);
    return wa > wb || (!(wa < wb) && a < b);  // (NaN never occurs: weights are finite)
  };
  if (top != 0 && top < n) {
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(top), order.end(), before);
    order.resize(top);
  } else {
    std::sort(order.begin(), order.end(), before);
  }
}

/// TF-IDF: `produce(sink)` calls sink(word) for every word of the text, in order
/// (words that can have fewer than two characters may be left out, see
/// may_have_two_characters); `accept(word)` is jieba's word filter, applied once per
/// distinct word (it depends on the word alone); `idf.idf(word, hash_bytes(word))`
/// gives the IDF and `idf.prefetch(hash)` starts fetching it. Calls f(word, weight)
/// for the top words.
template <class Produce, class Accept, class Idf, class F>
void rank_tfidf(keyword_scratch& s, Produce&& produce, Accept&& accept, const Idf& idf, std::size_t top, F&& f) {
  auto& counts = s.counts;
  const std::size_t last = counts.size();
  counts.clear();
  counts.reserve(last);  // documents of a run tend to be alike: grow the index once
  s.hashes.clear();
  produce([&](std::string_view w) {
    const std::uint64_t h = hash_bytes(w);
    const auto [e, fresh] = counts.find_or_insert(w, h, [&] { return w; });
    if (fresh) s.hashes.push_back(h);
    counts[e].value += 1.0;
  });
  // The words jieba counts, in first-occurrence order; total = sum(freq.values())
  // (exact: integer counts below 2^53).
  auto& kept = s.sweep;
  kept.clear();
  double total = 0;
  for (std::size_t i = 0; i < counts.size(); ++i)
    if (accept(counts[i].key)) {
      kept.push_back(static_cast<std::uint32_t>(i));
      total += counts[i].value;
    }
  // IDF lookups go to a table far larger than the caches: prefetch a few ahead.
  constexpr std::size_t ahead = 8;
  const std::size_t n = kept.size();
  for (std::size_t k = 0; k < n && k < ahead; ++k) idf.prefetch(s.hashes[kept[k]]);
  for (std::size_t k = 0; k < n; ++k) {
    if (k + ahead < n) idf.prefetch(s.hashes[kept[k + ahead]]);
    auto& e = counts[kept[k]];
    e.value *= idf.idf(e.key, s.hashes[kept[k]]) / total;
  }
  rank_order(n, top, [&](std::uint32_t k) { return counts[kept[k]].value; }, s.order);
  for (std::uint32_t k : s.order) f(counts[kept[k]].key, counts[kept[k]].value);
}

/// TextRank: `produce(sink)` calls sink(word, passes) for every token of the text in
/// order, passes = jieba's pairfilter. Calls f(word, weight) for the top words.
template <class Produce, class F>
void rank_textrank(keyword_scratch& s, Produce&& produce, std::size_t span, std::size_t top, F&& f) {
  s.clear();
  // Word ids (first-seen order) per token; no_id for tokens the filter drops.
  produce([&](std::string_view w, bool passes) {
    if (!passes) {
      s.token_ids.push_back(no_id);
      return;
    }
    const auto [e, fresh] = s.ids.find_or_insert(w, hash_bytes(w), [&] { return w; });
    if (fresh) s.ids[e].value = static_cast<std::uint32_t>(e);
    s.token_ids.push_back(static_cast<std::uint32_t>(e));
  });
  // Ordered pairs within the window, counted in first-occurrence order.
  const std::size_t n_tokens = s.token_ids.size();
  for (std::size_t i = 0; i < n_tokens; ++i) {
    const std::uint32_t a = s.token_ids[i];
    if (a == no_id) continue;
    for (std::size_t j = i + 1; j < i + span && j < n_tokens; ++j) {
      const std::uint32_t b = s.token_ids[j];
      if (b == no_id) continue;
      const std::uint64_t key = (std::uint64_t{a} << 32) | b;
      ++s.pairs[s.pairs.find_or_insert(key, key_hash<std::uint64_t>{}(key), [&] { return key; }).first].value;
    }
  }
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
  rank_order(n, top, [&](std::uint32_t v) { return s.rank[v]; }, s.order);
  for (std::uint32_t v : s.order) f(s.node_word[v], s.rank[v]);
}

/// Runs `body(scratch)` with this thread's scratch buffers (a nested call from inside
/// a callback gets fresh ones).
template <class Body>
void with_keyword_scratch(Body&& body) {
  thread_local keyword_scratch scratch;
  thread_local bool busy = false;
  if (busy) {
    keyword_scratch own;
    body(own);
    return;
  }
  busy = true;
  struct release {
    bool& b;
    ~release() { b = false; }
  } guard{busy};
  body(scratch);
}

}  // namespace zhtext::detail
