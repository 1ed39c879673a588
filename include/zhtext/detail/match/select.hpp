// zhtext/detail/match/select.hpp - leftmost-longest and leftmost-first selection over
// the stream of all (overlapping) matches, with bounded delay.
//
// The automaton reports every match as soon as its last character is read, ordered
// by end. A leftmost match cannot be known that early: a longer match (or, for
// leftmost-first, an earlier pattern) starting at the same place, or a match starting
// further left, may still end later. No match is longer than W (the longest pattern,
// in bytes for byte-exact matchers, in units otherwise; "keys" below are positions in
// that space), so a candidate starting at key k is final once the scan has passed
// k + W. The selector keeps the best candidate per start key inside that window, in
// start order, and emits the final ones left to right, skipping those that overlap
// the last emitted match. Ignorable characters do not count towards W, so a long run
// of them delays nothing and costs no memory.
//
// Invariants: candidates are sorted by start key, all >= the frontier (end key of the
// last emitted match) when inserted, and fewer than W + 1 distinct keys are held.
// Cost: O(log W) per match plus O(1) amortised per emitted match. Not thread-safe
// (one per scan).
#pragma once

#include <algorithm>
#include <cstdint>
#include <deque>

namespace zhtext::detail {

/// One match as the scanner produces it, with its start and end in key space.
struct match_event {
  std::uint64_t begin = 0, end = 0;
  std::uint64_t begin_key = 0, end_key = 0;
  std::uint32_t pattern = 0;
};

class leftmost_selector {
 public:
  leftmost_selector(bool longest, std::uint64_t window) : longest_(longest), window_(window) {}

  /// Offers a match (matches arrive ordered by end key).
  void add(const match_event& m) {
    if (m.begin_key < frontier_) return;
    auto it = std::lower_bound(cands_.begin(), cands_.end(), m.begin_key,
                               [](const match_event& c, std::uint64_t k) { return c.begin_key < k; });
    if (it != cands_.end() && it->begin_key == m.begin_key) {
      const bool better = longest_ ? m.end_key > it->end_key : m.pattern < it->pattern;
      if (better) *it = m;
      return;
    }
    cands_.insert(it, m);
  }

  /// Emits (left to right) every candidate that no match ending at or after `bound`
  /// can displace: start key + W < bound. `out(const match_event&)`.
  template <class Out>
  void settle(std::uint64_t bound, Out&& out) {
    while (!cands_.empty() && (bound == ~std::uint64_t{0} || cands_.front().begin_key + window_ < bound)) {
      const match_event c = cands_.front();
      cands_.pop_front();
      if (c.begin_key < frontier_) continue;
      frontier_ = c.end_key;
      out(c);
    }
  }
  template <class Out>
  void flush(Out&& out) {
    settle(~std::uint64_t{0}, out);
  }
  bool empty() const noexcept { return cands_.empty(); }

 private:
  bool longest_;
  std::uint64_t window_;
  std::uint64_t frontier_ = 0;
  std::deque<match_event> cands_;
};

}  // namespace zhtext::detail
