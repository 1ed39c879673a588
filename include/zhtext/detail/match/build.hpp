// zhtext/detail/match/build.hpp - compiles a pattern list into a match image.
//
// The automaton is Aho-Corasick (Aho & Corasick, "Efficient string matching: an aid
// to bibliographic search", CACM 18(6), 1975) over *characters*, not bytes, stored as
// a double array (Aoe, "An efficient digital search algorithm by using a double-array
// structure", IEEE TSE 15(9), 1989) in the spirit of Kanda et al., "Engineering faster
// double-array Aho-Corasick automata" (SPE 2023): one transition per code point.
//
//  1. Character classes. Every folded code point that occurs in a pattern gets a class
//     1..K-1, the most frequent first (small classes keep the double array dense).
//     Folding is compiled into the class table: 'A', 'a', 'Ａ' and 'ａ' share a class
//     when both foldings are on, so the text is never copied or rewritten. Class 0 is
//     "in no pattern"; ignorable characters get one class of their own.
//  2. Trie and failure links (breadth first), dictionary-suffix links for outputs.
//  3. Partial DFA completion. A state whose failure link is not the root would need
//     to follow it at scan time; where that costs little memory (the state inherits at
//     most `inherit_limit` transitions from its failure state, itself completed) the
//     inherited transitions are stored in the double array instead, so the scanner
//     makes exactly one slot lookup. Other states keep the `state_fail_chain` flag.
//     Completion is used only while the array stays cache-sized (`completion_budget`
//     slots): measured on 10,000 and 100,000 dictionary words, the larger array of a
//     completed automaton costs more in cache misses than the failure walks it saves.
//     The root's row is a dense array (root_next), the fallback of every state.
//  4. Placement. States are identified by their base; slot base+c holds {check=base,
//     next=target}. States with most transitions are placed first, first fit, testing
//     64 candidate bases at once (AND of shifted occupancy words, one per transition);
//     single-transition states then fill the holes and leaves take unused base values.
//     100,000 dictionary words fill 94 % of the slots.
//  5. Prefilter (small byte-exact sets, every pattern >= 5 bytes): a bitmap of hashed
//     byte windows, 2 per pattern (offsets 0 and 1, 4 or 5 bytes), so the scanner can
//     test every second byte and run the automaton only near candidates.
//
// Cost: O(total pattern length * log) time plus placement, near-linear: a state's
// search resumes where the last state with the same transition classes was placed
// (one pattern 'ab' x 80,000: 0.4 s, was > 100 s); jieba's 349,046 words take ~10 s on
// a busy 2-vCPU machine. Memory a few times the image, bounded by
// match_build_options::max_mem (an estimate checked before each large allocation).
// Thread safety: a compiler is used by one thread; its output is immutable.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "../containers/flat_map.hpp"  // hash_bytes, bytes_equal
#include "../containers/growable_array.hpp"
#include "../unicode/char_classes.hpp"
#include "../unicode/utf8_decode.hpp"
#include "image.hpp"
#include "scan.hpp"

namespace zhtext::detail {

/// Index of the lowest set bit of x (x != 0).
inline unsigned lowest_bit(std::uint64_t x) noexcept {
#if defined(__GNUC__) || defined(__clang__)
  return static_cast<unsigned>(__builtin_ctzll(x));
#else
  unsigned b = 0;
  while (((x >> b) & 1) == 0) ++b;
  return b;
#endif
}

/// A growable bitset with "next clear bit" search.
class bitset64 {
 public:
  bool test(std::size_t i) const noexcept { return i / 64 < w_.size() && ((w_[i / 64] >> (i % 64)) & 1) != 0; }
  void set(std::size_t i) {
    if (i / 64 >= w_.size()) w_.resize(i / 64 + 1 + w_.size() / 2, 0);
    w_[i / 64] |= std::uint64_t{1} << (i % 64);
  }
  /// The 64 bits from position `at` (bit k = test(at + k)).
  std::uint64_t bits_at(std::size_t at) const noexcept {
    const std::size_t wi = at / 64, sh = at % 64;
    const std::uint64_t lo = wi < w_.size() ? w_[wi] : 0;
    if (sh == 0) return lo;
    const std::uint64_t hi = wi + 1 < w_.size() ? w_[wi + 1] : 0;
    return (lo >> sh) | (hi << (64 - sh));
  }
  /// First i >= from with neither this nor `other` (may be null) set.
  std::size_t next_clear(std::size_t from, const bitset64* other = nullptr) const noexcept {
    for (std::size_t i = from;;) {
      const std::size_t wi = i / 64;
      std::uint64_t used = wi < w_.size() ? w_[wi] : 0;
      if (other != nullptr && wi < other->w_.size()) used |= other->w_[wi];
      used |= (std::uint64_t{1} << (i % 64)) - 1;  // bits below i count as used
      if (used != ~std::uint64_t{0}) return wi * 64 + lowest_bit(~used);
      i = (wi + 1) * 64;
    }
  }

 private:
  std::vector<std::uint64_t> w_;
};

/// Folding of one code point as configured (ASCII case, then full-width/half-width).
inline char32_t match_fold(char32_t c, bool fold_case, bool fold_width_on) noexcept {
  if (fold_width_on) c = detail::fold_width(c);
  if (fold_case && c >= 'A' && c <= 'Z') c += 'a' - 'A';
  return c;
}

/// All code points that fold to `f` (f itself first).
inline std::vector<char32_t> match_preimages(char32_t f, bool fold_case, bool fold_width_on) {
  std::vector<char32_t> out{f};
  if (fold_case && f >= 'a' && f <= 'z') out.push_back(f - ('a' - 'A'));
  if (fold_width_on) {
    const std::size_t n = out.size();
    for (std::size_t i = 0; i < n; ++i) {
      if (out[i] >= 0x21 && out[i] <= 0x7E) out.push_back(out[i] - 0x21 + 0xFF01);
      if (out[i] == 0x20) out.push_back(0x3000);
    }
  }
  return out;
}

/// UTF-8 bytes of code point `c`.
constexpr std::uint32_t match_utf8_size(char32_t c) noexcept { return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4; }

/// The patterns as a matcher_builder keeps them (issue 14: was ~220 bytes a short one):
/// the texts in one buffer, an 8-byte end each, payloads and ids only once used, and an
/// index of the distinct folded forms (4-byte slots, load <= 1/2) that folds a text
/// again to compare it (byte-exact options: the text is its folded form). The arrays
/// grow in place (growable_array.hpp), so memory_bytes() is exact, and bytes_after()
/// says what one more pattern will take before anything is allocated.
class match_pattern_list {
 public:
  match_pattern_list() = default;
  match_pattern_list(bool fold_case, bool fold_width_on, std::u32string ignorable)
      : fold_case_(fold_case), fold_width_(fold_width_on), ignorable_(std::move(ignorable)) {}
  std::size_t size() const noexcept { return text_end_.size(); }
  bool empty() const noexcept { return text_end_.empty(); }
  const std::u32string& ignorable() const noexcept { return ignorable_; }
  bool byte_exact() const noexcept { return !fold_case_ && !fold_width_ && ignorable_.empty(); }
  std::string_view text(std::size_t i) const noexcept { return piece(texts_, text_end_, i); }
  std::string_view payload(std::size_t i) const noexcept { return piece(payloads_, payload_end_, i); }
  std::uint32_t id(std::size_t i) const noexcept { return ids_.empty() ? static_cast<std::uint32_t>(i) : ids_[i]; }
  /// Index of the earlier pattern `i` equals after folding, or match_none.
  std::uint32_t duplicate_of(std::size_t i) const noexcept {
    const auto it = std::lower_bound(duplicates_.begin(), duplicates_.end(), std::make_pair(std::uint32_t(i), 0u));
    return it != duplicates_.end() && it->first == i ? it->second : match_none;
  }
  /// (later, earlier) index pairs of patterns equal after folding, by `later`.
  const std::vector<std::pair<std::uint32_t, std::uint32_t>>& duplicates() const noexcept { return duplicates_; }
  std::size_t text_bytes() const noexcept { return texts_.size() + payloads_.size(); }
  /// Calls f(char32_t) for each code point of `text` (valid UTF-8), folded, ignorables left out.
  template <class F>
  void for_each_folded(std::string_view text, F&& f) const {
    for (const unsigned char *p = bytes(text), *end = p + text.size(); p < end;) {
      const decoded d = decode_at(p, end);
      p += d.size;
      const char32_t c = match_fold(d.value, fold_case_, fold_width_);
      if (ignorable_.empty() || ignorable_.find(c) == std::u32string::npos) f(c);
    }
  }
  /// `text` folded, in UTF-8: itself when byte_exact(), else made in `scratch`.
  std::string_view folded_utf8(std::string_view text, std::string& scratch) const {
    if (byte_exact()) return text;
    scratch.clear();
    for_each_folded(text, [&](char32_t c) { append_utf8(scratch, c); });
    return scratch;
  }
  std::size_t memory_bytes() const noexcept {
    return texts_.size() + payloads_.size() + 8 * (text_end_.size() + payload_end_.size()) + 4 * ids_.size() +
           4 * slots_.capacity() + 8 * duplicates_.capacity() + scratch_.capacity() + other_.capacity();
  }
  /// memory_bytes() once a pattern of these sizes and id is added (the larger of a
  /// duplicate or not; a vector that doubles holds both sizes).
  std::size_t bytes_after(std::size_t text_size, std::size_t payload_size, std::uint32_t pattern_id) const noexcept {
    const std::size_t n = size();
    std::size_t b = memory_bytes() + text_size + payload_size + 8 + (byte_exact() ? 0 : 8 * text_size);
    if (payload_size != 0 || !payload_end_.empty()) b += 8 * (n + 1 - payload_end_.size());
    if (pattern_id != n || !ids_.empty()) b += 4 * (n + 1 - ids_.size());
    if ((distinct_ + 1) * 2 > slots_.size()) b += 4 * (next_slots() - slots_.size());
    return b + (duplicates_.size() == duplicates_.capacity() ? 8 * std::max<std::size_t>(1, duplicates_.size()) : 0);
  }
  /// Adds a pattern (valid UTF-8, not folded to nothing); returns the earlier pattern
  /// it duplicates (it is then added only if `keep_duplicate`), or match_none.
  std::uint32_t add(std::string_view text, std::uint32_t pattern_id, std::string_view payload, bool keep_duplicate) {
    const auto index = static_cast<std::uint32_t>(size());
    if ((distinct_ + 1) * 2 > slots_.size()) rehash(next_slots());
    const std::string_view folded = folded_utf8(text, scratch_);
    std::size_t i = static_cast<std::size_t>(hash_bytes(folded)) & (slots_.size() - 1);
    for (; slots_[i] != 0; i = (i + 1) & (slots_.size() - 1)) {
      const std::uint32_t j = slots_[i] - 1;
      if (!bytes_equal(folded_utf8(this->text(j), other_), folded)) continue;
      if (keep_duplicate) {
        duplicates_.emplace_back(index, j);
        push(text, pattern_id, payload);
      }
      return j;
    }
    slots_[i] = index + 1;
    ++distinct_;
    push(text, pattern_id, payload);
    return match_none;
  }
  /// Removes the patterns from index `n` on.
  void truncate(std::size_t n) {
    if (n >= size()) return;
    texts_.truncate(n == 0 ? 0 : text_end_[n - 1]);
    text_end_.truncate(n);
    if (payload_end_.size() > n) payloads_.truncate(n == 0 ? 0 : payload_end_[n - 1]), payload_end_.truncate(n);
    if (ids_.size() > n) ids_.truncate(n);
    while (!duplicates_.empty() && duplicates_.back().first >= n) duplicates_.pop_back();
    distinct_ = n - duplicates_.size();
    if (!slots_.empty()) rehash(slots_.size());
  }

 private:
  template <class T>
  static std::string_view piece(const growable_array<char>& b, const growable_array<T>& end, std::size_t i) noexcept {
    if (i >= end.size()) return {};
    const std::uint64_t from = i == 0 ? 0 : end[i - 1];
    return {b.data() + from, static_cast<std::size_t>(end[i] - from)};
  }
  std::size_t next_slots() const noexcept {
    std::size_t cap = slots_.empty() ? 16 : slots_.size();
    while (cap < (distinct_ + 1) * 2) cap *= 2;
    return cap;
  }
  void push(std::string_view text, std::uint32_t pattern_id, std::string_view payload) {
    const std::size_t n = size();
    texts_.append(text.data(), text.size());
    text_end_.push_back(texts_.size());
    if (!payload.empty() || !payload_end_.empty()) {  // (the first payload: none before it)
      while (payload_end_.size() < n) payload_end_.push_back(0);
      payloads_.append(payload.data(), payload.size());
      payload_end_.push_back(payloads_.size());
    }
    if (pattern_id != n || !ids_.empty()) {  // (the first other id: the index before it)
      while (ids_.size() < n) ids_.push_back(static_cast<std::uint32_t>(ids_.size()));
      ids_.push_back(pattern_id);
    }
  }
  // A new index of `cap` slots holding the distinct patterns (the old one freed first).
  void rehash(std::size_t cap) {
    std::vector<std::uint32_t>().swap(slots_);
    slots_.assign(cap, 0);
    for (std::size_t j = 0, d = 0; j < size(); ++j) {
      if (d < duplicates_.size() && duplicates_[d].first == j && ++d) continue;
      std::size_t i = static_cast<std::size_t>(hash_bytes(folded_utf8(text(j), scratch_))) & (cap - 1);
      while (slots_[i] != 0) i = (i + 1) & (cap - 1);
      slots_[i] = static_cast<std::uint32_t>(j + 1);
    }
  }

  bool fold_case_ = false, fold_width_ = false;
  std::u32string ignorable_;  // folded
  growable_array<char> texts_, payloads_;
  growable_array<std::uint64_t> text_end_, payload_end_;  // payload_end_, ids_: empty until used
  growable_array<std::uint32_t> ids_;
  std::vector<std::uint32_t> slots_;  // pattern + 1, 0 empty
  std::size_t distinct_ = 0;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> duplicates_;
  std::string scratch_, other_;  // folded forms being compared
};

struct match_build_options {
  bool fold_case = false;
  bool fold_width = false;
  std::u32string ignorable;                    ///< folded ignorable characters
  std::uint32_t inherit_limit = 16;            ///< DFA completion: transitions a state may inherit
  std::size_t completion_budget = 32768;       ///< ... as long as the slots stay below this
  bool prefilter = true;
  std::size_t max_mem = ~std::size_t{0};       ///< budget for the build's own allocations (bytes)
};

/// What compile_matcher did: the sizes, the placement work (tests check it stays
/// linear) and its memory estimate against the budget.
struct match_build_stats {
  std::size_t states = 0;              ///< trie states
  std::size_t slots = 0;               ///< double-array slots
  std::uint64_t placement_probes = 0;  ///< 64-base windows tested while placing states
  std::size_t peak_bytes = 0;          ///< estimated peak of the build's allocations
  bool states_at_least = false;        ///< stopped before the trie: `states` is a lower bound
  bool over_budget = false;            ///< stopped (empty image): the estimate passed max_mem
};

/// Bytes per trie state while the trie is built (edge hash map node and bucket,
/// the state and edge vectors with their growth slack): measured with glibc's malloc.
inline constexpr std::size_t match_trie_state_bytes = 112;
/// Bytes per state of the arrays kept from the trie to placement (children, BFS order,
/// failure and dictionary links, transition ranges, bases, placement lists).
inline constexpr std::size_t match_state_bytes = 72;
/// Bytes per slot of the double-array tables (slot 8, flags 1, fail/own/dict 12).
inline constexpr std::size_t match_slot_bytes = 21;

/// `bytes` for a message, rounded up: "3 KiB", "219 MiB".
inline std::string match_mebibytes(std::size_t bytes) {
  const bool mib = bytes >= (std::size_t{1} << 20);
  const std::size_t unit = mib ? std::size_t{1} << 20 : 1024;
  return std::to_string((bytes + unit - 1) / unit) + (mib ? " MiB" : " KiB");
}

inline std::string as_bytes(const void* p, std::size_t n) { return std::string(static_cast<const char*>(p), n); }
template <class T>
std::string vector_bytes(const std::vector<T>& v) {
  return v.empty() ? std::string() : as_bytes(v.data(), v.size() * sizeof(T));
}
/// The bytes of `v`, which is emptied and its memory released.
template <class T>
std::string take_bytes(std::vector<T>& v) {
  std::string out = vector_bytes(v);
  std::vector<T>().swap(v);
  return out;
}

/// Compiles `patterns` into an image (see the file comment for the steps). When the
/// memory estimate would pass opt.max_mem, stops early and returns an empty image
/// with stats->over_budget set (`stats` may be null only with an unlimited budget).
inline aligned_bytes compile_matcher(const match_pattern_list& patterns, const match_build_options& opt,
                                     match_build_stats* stats = nullptr) {
  match_build_stats local;
  match_build_stats& st = stats != nullptr ? *stats : local;
  st = {};
  // The budget is checked where the big allocations are decided: while the trie grows,
  // before placement and before the final tables; each check adds what is already held.
  auto over = [&](std::size_t bytes) {
    st.peak_bytes = std::max(st.peak_bytes, bytes);
    st.over_budget = bytes > opt.max_mem;
    return st.over_budget;
  };
  const std::size_t n = patterns.size();
  // Calls f(i) for each pattern i that is not a duplicate, in order.
  auto for_each_distinct = [&](auto&& f) {
    const auto& dup = patterns.duplicates();
    std::size_t d = 0;
    for (std::uint32_t i = 0; i < n; ++i) {
      if (d < dup.size() && dup[d].first == i) ++d;
      else f(i);
    }
  };
  // --- 1. classes -------------------------------------------------------------
  std::unordered_map<char32_t, std::uint64_t> freq;
  std::size_t distinct_chars = 0;  // the trie has at most this many states + 1
  for_each_distinct([&](std::uint32_t i) {
    patterns.for_each_folded(patterns.text(i), [&](char32_t c) {
      ++freq[c];
      ++distinct_chars;
    });
  });
  std::vector<std::pair<std::uint64_t, char32_t>> by_freq;
  by_freq.reserve(freq.size());
  for (const auto& [c, f] : freq) by_freq.emplace_back(f, c);
  std::sort(by_freq.begin(), by_freq.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  std::unordered_map<char32_t, std::uint32_t> cls;
  cls.reserve(by_freq.size() * 2);
  for (std::size_t i = 0; i < by_freq.size(); ++i) cls[by_freq[i].second] = static_cast<std::uint32_t>(i + 1);
  const bool has_ign = !opt.ignorable.empty();
  const std::uint32_t K = static_cast<std::uint32_t>(by_freq.size()) + 1 + (has_ign ? 1 : 0);
  const std::uint32_t ign_class = has_ign ? K - 1 : match_none;

  std::vector<std::uint32_t> ascii(128, 0), index2(32, 0), index3(1024, 0), blocks(64, 0);
  std::vector<match_astral> astral;
  auto set_class = [&](char32_t cp, std::uint32_t k) {
    if (cp < 0x80) {
      ascii[cp] = k;
      return;
    }
    if (cp >= 0x10000) {
      astral.push_back({static_cast<std::uint32_t>(cp), k});
      return;
    }
    std::uint32_t& slot = cp < 0x800 ? index2[cp >> 6] : index3[cp >> 6];
    if (slot == 0) {
      slot = static_cast<std::uint32_t>(blocks.size());
      blocks.resize(blocks.size() + 64, 0);
    }
    blocks[slot + (cp & 63)] = k;
  };
  for (const auto& [f, k] : cls)
    for (char32_t cp : match_preimages(f, opt.fold_case, opt.fold_width)) set_class(cp, k);
  for (char32_t f : opt.ignorable)
    for (char32_t cp : match_preimages(f, opt.fold_case, opt.fold_width)) set_class(cp, ign_class);
  std::sort(astral.begin(), astral.end(), [](const match_astral& a, const match_astral& b) { return a.cp < b.cp; });
  // Class tables, and the class maps (hash nodes and buckets).
  const std::size_t class_bytes = 4 * (ascii.size() + index2.size() + index3.size() + blocks.size()) +
                                  8 * astral.size() + 96 * by_freq.size();

  // The budget before the trie: every check below is at least floor_bytes(S) (N >= S
  // slots), so a build whose floor passes max_mem stops here, not after allocating (5.24M
  // patterns: 194 MB peak). S <= 1 + the distinct characters; when that might not fit, S
  // is counted (the distinct prefixes of the sorted folded forms) unless even its lower
  // bound, 1 + the distinct patterns, does not fit.
  const std::size_t distinct = n - patterns.duplicates().size();
  auto floor_bytes = [&](std::size_t states) {
    const std::size_t out = states * match_slot_bytes + 4 * std::size_t{K} + patterns.text_bytes() +
                            n * sizeof(match_pattern) + class_bytes;
    return std::max(class_bytes + states * match_trie_state_bytes, class_bytes + states * match_state_bytes + 2 * out);
  };
  if (floor_bytes(distinct_chars + 1) > opt.max_mem) {
    std::size_t states = distinct + 1;
    const bool count = floor_bytes(states) <= opt.max_mem && class_bytes + 4 * distinct <= opt.max_mem;
    if (count) {
      std::vector<std::uint32_t> sorted;
      sorted.reserve(distinct);
      for_each_distinct([&](std::uint32_t i) { sorted.push_back(i); });
      std::string a, b, prev;
      std::sort(sorted.begin(), sorted.end(), [&](std::uint32_t x, std::uint32_t y) {
        return patterns.folded_utf8(patterns.text(x), a) < patterns.folded_utf8(patterns.text(y), b);
      });
      for (std::uint32_t i : sorted) {  // the characters not shared whole with the one before
        const std::string_view f = patterns.folded_utf8(patterns.text(i), a);
        std::size_t common = 0;
        while (common < f.size() && common < prev.size() && f[common] == prev[common]) ++common;
        for (std::size_t k = 0; k < f.size(); ++k) states += !is_continuation(static_cast<unsigned char>(f[k])) && k >= common;
        states += common < f.size() && is_continuation(static_cast<unsigned char>(f[common]));
        prev.assign(f.data(), f.size());
      }
      states -= distinct;
    }
    st.states = states;
    st.states_at_least = !count;
    if (over(floor_bytes(states))) return {};
    st.states_at_least = false;
  }

  // --- 2. trie ------------------------------------------------------------------
  std::vector<std::uint32_t> own_of{match_none};  // by trie node
  std::unordered_map<std::uint64_t, std::uint32_t> edge;
  std::vector<std::uint64_t> edges;  // (parent << 32 | class), child listed separately
  std::vector<std::uint32_t> edge_child;
  std::uint32_t max_chars = 0, max_bytes = 0, min_bytes = 0xFFFFFFFFu;
  bool stopped = false;
  for_each_distinct([&](std::uint32_t i) {
    if (stopped) return;
    std::uint32_t s = 0;
    patterns.for_each_folded(patterns.text(i), [&](char32_t ch) {
      if (stopped) return;
      const std::uint64_t key = (std::uint64_t{s} << 32) | cls[ch];
      auto it = edge.find(key);
      if (it == edge.end()) {
        const std::uint32_t x = static_cast<std::uint32_t>(own_of.size());
        if ((x & 0xFFFF) == 0) {
          st.states = x;
          if (over(class_bytes + std::size_t{x} * match_trie_state_bytes)) {
            stopped = true;
            return;
          }
        }
        own_of.push_back(match_none);
        it = edge.emplace(key, x).first;
        edges.push_back(key);
        edge_child.push_back(x);
      }
      s = it->second;
    });
    if (!stopped && own_of[s] == match_none) own_of[s] = i;
  });
  if (stopped) return {};
  // Each pattern's folded length in characters and UTF-8 bytes (the pattern table's).
  auto folded_size = [&](std::uint32_t i) {
    std::pair<std::uint32_t, std::uint32_t> cb{0, 0};
    patterns.for_each_folded(patterns.text(i), [&](char32_t c) {
      ++cb.first;
      cb.second += match_utf8_size(c);
    });
    return cb;
  };
  for (std::uint32_t i = 0; i < n; ++i) {
    const auto [chars, utf8_bytes] = folded_size(i);
    max_chars = std::max(max_chars, chars);
    max_bytes = std::max(max_bytes, utf8_bytes);
    min_bytes = std::min(min_bytes, utf8_bytes);
  }
  if (patterns.empty()) min_bytes = 0;
  const std::size_t S = own_of.size();
  st.states = S;
  if (over(class_bytes + S * match_trie_state_bytes)) return {};
  edge = {};
  // Children in CSR form, sorted by class.
  std::vector<std::uint32_t> order_e(edges.size());
  for (std::uint32_t i = 0; i < order_e.size(); ++i) order_e[i] = i;
  std::sort(order_e.begin(), order_e.end(), [&](std::uint32_t a, std::uint32_t b) { return edges[a] < edges[b]; });
  std::vector<std::uint32_t> kid_begin(S + 1, 0), kid_class(edges.size()), kid_node(edges.size());
  for (std::uint32_t e : order_e) ++kid_begin[(edges[e] >> 32) + 1];
  for (std::size_t s = 0; s < S; ++s) kid_begin[s + 1] += kid_begin[s];
  for (std::size_t i = 0; i < order_e.size(); ++i) {
    kid_class[i] = static_cast<std::uint32_t>(edges[order_e[i]] & 0xFFFFFFFFu);
    kid_node[i] = edge_child[order_e[i]];
  }
  edges = {};
  edge_child = {};
  auto go = [&](std::uint32_t s, std::uint32_t c) -> std::uint32_t {
    const auto b = kid_class.begin() + kid_begin[s], e = kid_class.begin() + kid_begin[s + 1];
    const auto it = std::lower_bound(b, e, c);
    return it != e && *it == c ? kid_node[static_cast<std::size_t>(it - kid_class.begin())] : match_none;
  };

  // Breadth-first order, failure links, dictionary links.
  std::vector<std::uint32_t> bfs{0}, fail(S, 0), dict(S, match_none);
  bfs.reserve(S);
  for (std::size_t qi = 0; qi < bfs.size(); ++qi) {
    const std::uint32_t s = bfs[qi];
    for (std::uint32_t k = kid_begin[s]; k < kid_begin[s + 1]; ++k) {
      const std::uint32_t x = kid_node[k], c = kid_class[k];
      bfs.push_back(x);
      std::uint32_t f = 0;
      if (s != 0) {
        for (std::uint32_t y = fail[s];; y = fail[y]) {
          const std::uint32_t g = go(y, c);
          if (g != match_none) {
            f = g;
            break;
          }
          if (y == 0) break;
        }
      }
      fail[x] = f;
      dict[x] = own_of[f] != match_none ? f : dict[f];
    }
  }

  // --- 3. completion: transitions inherited from the failure state --------------
  // Completion pays while the double array stays cache-sized; past `completion_budget`
  // slots the inherited rows cost more in cache misses than the failure walks they
  // save (measured: 10,000 and 100,000 dictionary words scan faster without it), so
  // the build falls back to no inheritance at all.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> ext;  // (class, target), own + inherited, by state
  std::vector<std::uint8_t> chain(S, 0);
  std::vector<std::uint32_t> ext_of_b(S, 0), ext_of_e(S, 0);
  // Returns false (and stops) when inherited rows pass the budget: the caller then
  // completes nothing, as it would have after finishing, without the big detour.
  auto complete = [&](std::uint32_t limit) {
    ext.clear();
    std::vector<std::uint8_t> completed(S, 1);
    std::fill(chain.begin(), chain.end(), 0);
    for (std::uint32_t s : bfs) {
      const std::size_t start = ext.size();
      if (s != 0)  // the root's row is root_next, not slots
        for (std::uint32_t k = kid_begin[s]; k < kid_begin[s + 1]; ++k) ext.emplace_back(kid_class[k], kid_node[k]);
      if (s != 0 && fail[s] != 0) {
        const std::uint32_t f = fail[s];
        std::size_t inherited = 0;
        if (completed[f])
          for (std::uint32_t i = ext_of_b[f]; i < ext_of_e[f] && inherited <= limit; ++i)
            if (go(s, ext[i].first) == match_none) ++inherited;
        if (completed[f] && inherited <= limit) {
          for (std::uint32_t i = ext_of_b[f]; i < ext_of_e[f]; ++i)
            if (go(s, ext[i].first) == match_none) ext.push_back(ext[i]);
          std::sort(ext.begin() + static_cast<std::ptrdiff_t>(start), ext.end());
          if (limit > 0 && ext.size() > opt.completion_budget) return false;
        } else {
          completed[s] = 0;
          chain[s] = 1;
        }
      }
      ext_of_b[s] = static_cast<std::uint32_t>(start);
      ext_of_e[s] = static_cast<std::uint32_t>(ext.size());
    }
    return limit == 0 || ext.size() <= opt.completion_budget;
  };
  if (!complete(opt.inherit_limit)) complete(0);
  // Held from here to the end: the trie's arrays and the rows; the placement bit sets
  // stay below a bit per slot each, and there are fewer slots than rows + states + K.
  const std::size_t work_bytes =
      class_bytes + S * match_state_bytes + ext.capacity() * sizeof ext[0] + (ext.size() + S + K) / 4;
  if (over(work_bytes)) return {};

  // --- 4. placement -------------------------------------------------------------
  std::vector<std::uint32_t> base(S, match_none);
  bitset64 occ, base_used;
  std::uint64_t probes = 0;  // 64-base windows tested
  std::vector<std::uint32_t> multi, single, leaves;
  for (std::uint32_t s = 0; s < S; ++s) {
    const std::uint32_t n = s == 0 ? 0 : ext_of_e[s] - ext_of_b[s];
    (n > 1 ? multi : n == 1 ? single : leaves).push_back(s);
  }
  std::stable_sort(multi.begin(), multi.end(), [&](std::uint32_t a, std::uint32_t b) {
    return ext_of_e[a] - ext_of_b[a] > ext_of_e[b] - ext_of_b[b];
  });
  std::size_t resume_bytes = 8 * std::size_t{K};  // the search cursors below: one per class ...
  for (std::uint32_t s : multi) resume_bytes += 64 + 4 * std::size_t{ext_of_e[s] - ext_of_b[s]};  // ... and class set
  if (over(work_bytes + resume_bytes)) return {};
  auto place = [&](std::uint32_t s, std::size_t b) {
    base[s] = static_cast<std::uint32_t>(b);
    base_used.set(b);
    for (std::uint32_t i = ext_of_b[s]; i < ext_of_e[s]; ++i) occ.set(b + ext[i].first);
  };
  // First fit, 64 candidate bases at a time: a base fits when it is unused and no
  // transition's slot is taken, so the fitting bases of a window are the AND of
  // shifted occupancy words, one per transition (a dense region fails on the first).
  // The search of a state starts at `head` (the first free slot) less its first class,
  // but also no lower than where the last state with the same classes was placed:
  // slots and bases are only ever taken, so a base that did not fit a set of classes
  // never will, and the chosen bases are exactly those of the plain first fit. Without
  // that, each state re-read the holes no state of its kind can use: one pattern
  // 'ab' x 20,000 (40,000 single-transition states) took 1.7 s and grew as N^2.
  std::unordered_map<std::string, std::size_t> resume;   // class set -> first base to try
  std::vector<std::size_t> resume1(K, 0);                // the same for one class
  std::string key;
  std::size_t head = 0;  // every slot below head is occupied
  auto first_fit = [&](std::uint32_t s, std::size_t& from) {
    const std::uint32_t c1 = ext[ext_of_b[s]].first;
    head = occ.next_clear(head);
    for (std::size_t b0 = std::max(head > c1 ? head - c1 : 0, from);; b0 += 64) {
      std::uint64_t fits = ~base_used.bits_at(b0);
      for (std::uint32_t i = ext_of_b[s]; fits != 0 && i < ext_of_e[s]; ++i) fits &= ~occ.bits_at(b0 + ext[i].first);
      ++probes;
      if (fits != 0) {
        const std::size_t b = b0 + lowest_bit(fits);
        place(s, b);
        from = b + 1;
        return;
      }
    }
  };
  for (std::uint32_t s : multi) {
    key.clear();
    for (std::uint32_t i = ext_of_b[s]; i < ext_of_e[s]; ++i)
      key.append(reinterpret_cast<const char*>(&ext[i].first), sizeof ext[i].first);
    first_fit(s, resume[key]);
  }
  resume = {};
  for (std::uint32_t s : single) first_fit(s, resume1[ext[ext_of_b[s]].first]);
  resume1 = {};
  st.placement_probes = probes;
  std::size_t nb = 0;
  for (std::uint32_t s : leaves) {
    nb = base_used.next_clear(nb);
    place(s, nb);
  }
  std::size_t N = 0;
  for (std::uint32_t s = 0; s < S; ++s) {
    N = std::max<std::size_t>(N, std::size_t{base[s]} + K);
    for (std::uint32_t i = ext_of_b[s]; i < ext_of_e[s]; ++i) N = std::max<std::size_t>(N, base[s] + ext[i].first + 1);
  }

  st.slots = N;
  // The tables, then their bytes in sections (each table freed once copied), then the
  // image: at most two copies of the output at once, beside the working arrays.
  const std::size_t text_bytes = patterns.text_bytes();
  // The prefilter's bitmap (step 5): 256 bits per key rounded up to a power of two,
  // 2 keys per pattern (64 with case variants), at most 2^20 bits.
  const bool may_filter = opt.prefilter && !opt.fold_width && !has_ign && min_bytes >= 5 && !patterns.empty();
  const std::size_t filter_bytes =
      !may_filter ? 0 : std::min<std::size_t>(std::size_t{1} << 17, n * (opt.fold_case ? 4096 : 128) + 512);
  const std::size_t out_bytes = N * match_slot_bytes + 4 * std::size_t{K} + text_bytes + n * sizeof(match_pattern) +
                                class_bytes + filter_bytes;
  if (over(work_bytes + 2 * out_bytes)) return {};
  std::vector<match_slot> slots(N, match_slot{match_none, 0});
  std::vector<std::uint8_t> flags(N, 0);
  std::vector<std::uint32_t> failv(N, match_none), ownv(N, match_none), dictv(N, match_none);
  for (std::uint32_t s = 0; s < S; ++s) {
    const std::uint32_t b = base[s];
    flags[b] = static_cast<std::uint8_t>(state_is_state | (chain[s] ? state_fail_chain : 0u) |
                                         (own_of[s] != match_none || dict[s] != match_none ? state_output : 0u));
    failv[b] = s == 0 ? match_none : base[fail[s]];
    ownv[b] = own_of[s];
    dictv[b] = dict[s] == match_none ? match_none : base[dict[s]];
    for (std::uint32_t i = ext_of_b[s]; i < ext_of_e[s]; ++i) slots[b + ext[i].first] = {b, base[ext[i].second]};
  }
  std::vector<std::uint32_t> root_next(K, base[0]);
  for (std::uint32_t k = kid_begin[0]; k < kid_begin[1]; ++k) root_next[kid_class[k]] = base[kid_node[k]];

  // --- 5. prefilter --------------------------------------------------------------
  const bool byte_exact = !opt.fold_width && !has_ign;
  std::uint32_t filter_bits = 0, window = 0;
  std::vector<std::uint32_t> filter;
  if (opt.prefilter && byte_exact && min_bytes >= 5 && !patterns.empty()) {
    window = std::min<std::uint32_t>(5, min_bytes - 1);
    std::vector<std::pair<std::uint32_t, std::uint32_t>> keys;  // (first 4 bytes, 5th byte or 0)
    bool too_many = false;
    std::string folded;
    for (std::uint32_t i = 0; i < n && !too_many; ++i) {
      if (patterns.duplicate_of(i) != match_none) continue;
      const std::string head_bytes(patterns.folded_utf8(patterns.text(i), folded).substr(0, window + 1));
      std::vector<std::string> variants{head_bytes};
      if (opt.fold_case)
        for (std::size_t i = 0; i < head_bytes.size(); ++i)
          if (head_bytes[i] >= 'a' && head_bytes[i] <= 'z') {
            const std::size_t n = variants.size();
            for (std::size_t v = 0; v < n; ++v) {
              variants.push_back(variants[v]);
              variants.back()[i] = static_cast<char>(head_bytes[i] - ('a' - 'A'));
            }
          }
      for (const std::string& v : variants)
        for (std::size_t off = 0; off < 2; ++off) {
          const auto* b = reinterpret_cast<const unsigned char*>(v.data()) + off;
          keys.emplace_back(load_u32(b), window == 5 ? b[4] : 0u);
        }
      too_many = keys.size() > match_filter_max_keys;
    }
    if (!too_many) {
      filter_bits = 12;
      while (filter_bits < 20 && (std::uint64_t{1} << filter_bits) < keys.size() * 256) ++filter_bits;
      filter.assign((std::size_t{1} << filter_bits) / 32, 0);
      for (const auto& [v, b4] : keys) {
        const std::uint32_t h = match_filter_hash(v, b4, filter_bits);
        filter[h >> 5] |= std::uint32_t{1} << (h & 31);
      }
    } else {
      window = 0;
    }
  }

  // --- pattern table and blob ----------------------------------------------------
  std::string blob;
  blob.reserve(text_bytes);
  std::vector<match_pattern> table;
  table.reserve(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    const std::string_view text = patterns.text(i), payload = patterns.payload(i);
    match_pattern e{};
    std::tie(e.chars, e.bytes) = folded_size(i);
    e.id = patterns.id(i);
    e.duplicate_of = patterns.duplicate_of(i);
    e.text_offset = blob.size();
    e.text_size = static_cast<std::uint32_t>(text.size());
    blob += text;
    e.payload_offset = blob.size();
    e.payload_size = static_cast<std::uint32_t>(payload.size());
    blob += payload;
    table.push_back(e);
  }

  match_params m{};
  m.flags = (opt.fold_case ? image_fold_case : 0u) | (opt.fold_width ? image_fold_width : 0u) |
            (has_ign ? image_ignorables : 0u) | (filter_bits != 0 ? image_prefilter : 0u);
  m.classes = K;
  m.ignorable_class = ign_class;
  m.root = base[0];
  m.max_chars = max_chars;
  m.max_bytes = max_bytes;
  m.min_bytes = min_bytes;
  m.filter_bits = filter_bits;
  m.filter_window = window;
  m.pattern_count = static_cast<std::uint32_t>(n);
  m.slot_count = N;
  m.block_count = blocks.size() / 64;
  m.astral_count = astral.size();
  m.blob_size = blob.size();
  m.ignorable_count = opt.ignorable.size();
  std::vector<std::uint32_t> ign(opt.ignorable.begin(), opt.ignorable.end());

  std::vector<std::string> sections(match_section_count);
  auto put = [&](match_section s, std::string bytes) { sections[static_cast<std::uint32_t>(s) - 1] = std::move(bytes); };
  put(match_section::params, as_bytes(&m, sizeof m));
  put(match_section::ascii, take_bytes(ascii));
  put(match_section::index2, take_bytes(index2));
  put(match_section::index3, take_bytes(index3));
  put(match_section::blocks, take_bytes(blocks));
  put(match_section::astral, take_bytes(astral));
  put(match_section::slots, take_bytes(slots));
  put(match_section::flags, take_bytes(flags));
  put(match_section::fail, take_bytes(failv));
  put(match_section::own, take_bytes(ownv));
  put(match_section::dict, take_bytes(dictv));
  put(match_section::root_next, take_bytes(root_next));
  put(match_section::filter, take_bytes(filter));
  put(match_section::patterns, take_bytes(table));
  put(match_section::blob, std::move(blob));
  put(match_section::ignorables, vector_bytes(ign));
  return write_match_image(sections);
}

}  // namespace zhtext::detail
