// zhtext/detail/dedup/exact_jaccard.hpp - the exact Jaccard similarity of shingle
// sets, as candidate verification needs it: one document (a) against many (b).
//
// The sets come from kept texts (shingle_text in dedup.hpp: the folded code points
// that are not P*, Z* or C*, as UTF-8). assign() puts a's distinct shingles into an
// open-addressing hash table once: the slot of a shingle is found from its 64-bit
// key (shingles.hpp), and where keys agree the shingles' bytes are compared, so two
// different shingles that share a key stay two (valid UTF-8 is a one-to-one encoding
// of code points): a key collision costs a byte comparison, never a wrong count.
// compare() streams b's shingles through that table: a shingle of a not seen before
// for this b counts towards |A n B|; one that a lacks goes into a second table (b's
// own repeats are counted once). Nothing is sorted and no set is built for b.
//
// compare() stops as soon as the pair cannot reach the threshold: with c <= |A| common
// shingles and u >= |A| + (b's distinct shingles missing from a), c / u <= |A| / (|A| +
// misses) (correctly rounded division is monotonic, so this holds for the doubles
// too); the exact counts are computed for every pair that reaches it.
//
// Cost: assign() O(m) for m shingles; compare() O(m_b) expected, a probe per shingle
// of b. Memory: 32 bytes per slot, twice the shingles of the largest text seen. Not
// thread-safe (per-thread scratch); results are pure functions of the texts.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "shingles.hpp"

namespace zhtext::detail {

/// Shingle positions of a kept text: its code points less K - 1 (1 for a shorter,
/// non-empty one): an upper bound on its distinct shingles.
inline std::size_t shingle_positions(std::string_view kept, std::size_t k) noexcept {
  std::size_t cps = 0;  // a kept text is valid UTF-8: its code points are its non-continuation bytes
  for (const char c : kept) cps += (static_cast<unsigned char>(c) & 0xC0u) != 0x80u;
  return cps == 0 ? 0 : cps < k ? 1 : cps - k + 1;
}

/// |A n B| and |A u B| of two shingle sets; similarity() is their ratio (0 when both
/// are empty: documents without shingles are similar to nothing).
struct jaccard_counts {
  std::uint64_t intersection = 0, union_size = 0;
  double similarity() const noexcept {
    return union_size == 0 ? 0.0 : static_cast<double>(intersection) / static_cast<double>(union_size);
  }
};

class jaccard_prober {
 public:
  /// Makes the shingles of size k of `kept` (its bytes must outlive the comparisons)
  /// the set A. Returns |A|.
  std::size_t assign(std::string_view kept, std::size_t k) {
    a_text_ = kept;
    k_ = k;
    a_.prepare(shingle_positions(kept, k));
    a_size_ = 0;
    for_each_shingle_key(kept, k, [&](std::uint64_t key, std::size_t begin, std::size_t end, std::size_t) {
      a_size_ += a_.insert(kept, key, begin, end);
    });
    return a_size_;
  }
  /// |A|.
  std::size_t size() const noexcept { return a_size_; }

  /// The counts of A against the shingles of `kept_b` (the same k) into `out`; true
  /// when the similarity is >= threshold (and the pair has shingles). False as soon
  /// as it cannot be (`out` is then incomplete).
  bool compare(std::string_view kept_b, double threshold, jaccard_counts& out) {
    if (b_.prepare(shingle_positions(kept_b, k_)))  // b's gens start again: so do a's marks
      for (slot& s : a_.slots) s.seen = 0;
    const std::uint32_t seen = b_.gen;  // marks a's slots met by this b
    std::uint64_t common = 0, distinct = 0, misses = 0;
    const double a_size = static_cast<double>(a_size_);
    const bool whole = for_each_shingle_key_while(kept_b, k_, [&](std::uint64_t key, std::size_t begin, std::size_t end, std::size_t) {
      slot* s = a_.find(a_text_, key, kept_b.substr(begin, end - begin));
      if (s != nullptr) {
        if (s->seen != seen) {
          s->seen = seen;
          ++common;
          ++distinct;
        }
        return true;
      }
      if (!b_.insert(kept_b, key, begin, end)) return true;  // a repeat of b's
      ++distinct;
      ++misses;
      return !(a_size / (a_size + static_cast<double>(misses)) < threshold);
    });
    if (!whole) return false;
    out = {common, a_size_ + distinct - common};
    return out.union_size != 0 && out.similarity() >= threshold;
  }

 private:
  struct slot {
    std::uint64_t key;
    std::uint64_t begin, size;  // the shingle's bytes in its text
    std::uint32_t gen;          // the slot is full when gen == its table's gen
    std::uint32_t seen;         // a's slots: the gen of the last b that had this shingle
  };
  struct table {
    std::vector<slot> slots;
    std::size_t mask = 0;
    unsigned shift = 64;
    std::uint32_t gen = 0;

    // Empties the table (a new gen) with room for n shingles at most half full.
    // True when the gens wrapped (every mark was reset).
    bool prepare(std::size_t n) {
      unsigned bits = 4;
      while ((std::size_t{1} << bits) < 2 * n) ++bits;
      const std::size_t cap = std::size_t{1} << bits;
      if (slots.size() < cap) slots.assign(cap, slot{0, 0, 0, 0, 0});  // gen 0: empty
      mask = cap - 1;
      shift = 64 - bits;
      if (++gen != 0) return false;
      for (slot& s : slots) s.gen = s.seen = 0;  // wrapped: forget every old mark
      gen = 1;
      return true;
    }
    std::size_t home(std::uint64_t key) const noexcept {
      return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> shift);  // the key's low bits are poor
    }
    slot* find(std::string_view text, std::uint64_t key, std::string_view bytes) noexcept {
      for (std::size_t i = home(key);; i = (i + 1) & mask) {
        slot& s = slots[i];
        if (s.gen != gen) return nullptr;
        if (s.key == key && s.size == bytes.size() && std::memcmp(text.data() + s.begin, bytes.data(), bytes.size()) == 0)
          return &s;
      }
    }
    // Adds the shingle text[begin, end) with `key`; false if it is there already.
    bool insert(std::string_view text, std::uint64_t key, std::size_t begin, std::size_t end) noexcept {
      const std::size_t size = end - begin;
      std::size_t i = home(key);
      for (;; i = (i + 1) & mask) {
        slot& s = slots[i];
        if (s.gen != gen) break;
        if (s.key == key && s.size == size && std::memcmp(text.data() + s.begin, text.data() + begin, size) == 0)
          return false;
      }
      slots[i] = slot{key, begin, size, gen, 0};
      return true;
    }
  };

  table a_, b_;
  std::string_view a_text_;
  std::size_t k_ = 5, a_size_ = 0;
};

/// The exact Jaccard counts of the shingle sets (size k) of two kept texts.
inline jaccard_counts exact_jaccard(std::string_view kept_a, std::string_view kept_b, std::size_t k) {
  jaccard_prober p;
  p.assign(kept_a, k);
  jaccard_counts c;
  p.compare(kept_b, 0.0, c);  // threshold 0: never stops early
  return c;
}

}  // namespace zhtext::detail
