// zhtext/detail/dedup/exact_jaccard.hpp - the exact Jaccard similarity of two shingle
// sets, as candidate verification needs it.
//
// A shingle_set is made from a document's kept text (shingle_text in dedup.hpp: the
// folded code points that are not P*, Z* or C*, as UTF-8): one entry per shingle
// with its 64-bit key and its bytes in that text, sorted by (key, bytes) and with
// equal shingles removed. Ordering by the bytes where keys agree makes the order
// total on the shingles themselves (valid UTF-8 is a one-to-one encoding of code
// points), so the merge below counts |A n B| exactly even if two different shingles
// ever share a key: a collision costs a byte comparison, never a wrong count.
//
// Cost: building a set is O(m log m) for m shingles (one pass of the rolling hash,
// one sort; bytes are compared only between equal hashes, i.e. repeated shingles);
// the merge is O(|A| + |B|) with a byte comparison per common shingle. Sets and the
// cache are per-thread scratch (not thread-safe); the functions are pure.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "bucket_sort.hpp"
#include "shingles.hpp"

namespace zhtext::detail {

/// A shingle of a kept text: its key (shingles.hpp) times an odd constant (any
/// one-to-one image of the key gives a total order once equal keys are told apart by
/// the bytes), and where its bytes are (begin << 8 | size).
struct shingle_entry {
  std::uint64_t key;
  std::uint64_t place;
  std::size_t begin() const noexcept { return static_cast<std::size_t>(place >> 8); }
  std::size_t size() const noexcept { return static_cast<std::size_t>(place & 0xFF); }
};

class shingle_set {
 public:
  /// The set of the shingles of size k of `kept` (a kept text: valid UTF-8 of kept
  /// code points; the bytes must outlive the set's use).
  void assign(std::string_view kept, std::size_t k) {
    text_ = kept;
    entries_.clear();
    for_each_shingle_key(kept, k, [&](std::uint64_t key, std::size_t begin, std::size_t end, std::size_t) {
      // key * C (odd: one-to-one) spreads the polynomial key's high bits for the buckets
      entries_.push_back({key * 0x9E3779B97F4A7C15ULL, (static_cast<std::uint64_t>(begin) << 8) | (end - begin)});
    });
    bucket_sort(entries_, tmp_, [](const shingle_entry& e) { return e.key; });
    // Equal keys: order by bytes (almost always the same shingle repeated), then dedupe.
    auto by_bytes = [&](const shingle_entry& a, const shingle_entry& b) { return compare_bytes(a, b) < 0; };
    for (std::size_t i = 0; i + 1 < entries_.size();) {
      std::size_t j = i + 1;
      while (j < entries_.size() && entries_[j].key == entries_[i].key) ++j;
      if (j - i > 1) std::sort(entries_.begin() + static_cast<std::ptrdiff_t>(i), entries_.begin() + static_cast<std::ptrdiff_t>(j), by_bytes);
      i = j;
    }
    entries_.erase(std::unique(entries_.begin(), entries_.end(),
                               [&](const shingle_entry& a, const shingle_entry& b) {
                                 return a.key == b.key && compare_bytes(a, b) == 0;
                               }),
                   entries_.end());
  }

  std::size_t size() const noexcept { return entries_.size(); }
  const std::vector<shingle_entry>& entries() const noexcept { return entries_; }
  /// Frees the sort's scratch (for sets kept in a cache: half their memory).
  void release_scratch() noexcept { std::vector<shingle_entry>().swap(tmp_); }
  std::string_view bytes_of(const shingle_entry& e) const noexcept { return text_.substr(e.begin(), e.size()); }

 private:
  int compare_bytes(const shingle_entry& a, const shingle_entry& b) const noexcept {
    return bytes_of(a).compare(bytes_of(b));
  }
  std::string_view text_;
  std::vector<shingle_entry> entries_, tmp_;
};

/// |A n B| and |A u B| of two shingle sets; similarity() is their ratio (0 when both
/// are empty: documents without shingles are similar to nothing).
struct jaccard_counts {
  std::uint64_t intersection = 0, union_size = 0;
  double similarity() const noexcept {
    return union_size == 0 ? 0.0 : static_cast<double>(intersection) / static_cast<double>(union_size);
  }
};

inline jaccard_counts exact_jaccard(const shingle_set& a, const shingle_set& b) noexcept {
  const auto& x = a.entries();
  const auto& y = b.entries();
  std::size_t i = 0, j = 0;
  std::uint64_t common = 0;
  while (i < x.size() && j < y.size()) {
    if (x[i].key != y[j].key) {
      if (x[i].key < y[j].key) ++i;
      else ++j;
      continue;
    }
    const int c = a.bytes_of(x[i]).compare(b.bytes_of(y[j]));
    if (c == 0) {
      ++common;
      ++i;
      ++j;
    } else if (c < 0) {
      ++i;
    } else {
      ++j;
    }
  }
  return {common, x.size() + y.size() - common};
}

/// A direct-mapped cache of shingle sets by document number, for verifying many
/// candidate pairs that share documents (a cluster of m reprints has m(m-1)/2 pairs).
class shingle_set_cache {
 public:
  explicit shingle_set_cache(std::size_t slots = 1024) : slots_(slots), docs_(slots, npos) {}

  /// True if documents x and y share a slot (getting one may replace the other).
  bool same_slot(std::size_t x, std::size_t y) const noexcept { return x % slots_.size() == y % slots_.size(); }
  /// The set of document `doc`, whose kept text is `kept`, built on a miss.
  const shingle_set& get(std::size_t doc, std::string_view kept, std::size_t k) {
    const std::size_t s = doc % slots_.size();
    if (docs_[s] != doc) {
      slots_[s].assign(kept, k);
      slots_[s].release_scratch();
      docs_[s] = doc;
    }
    return slots_[s];
  }

 private:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  std::vector<shingle_set> slots_;
  std::vector<std::size_t> docs_;
};

}  // namespace zhtext::detail
