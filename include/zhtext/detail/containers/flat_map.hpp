// zhtext/detail/containers/flat_map.hpp - an open-addressing hash map for counting tokens.
//
// Layout: the entries (key + value) live in one array, in insertion order; the
// index is a power-of-two array of 32-bit slots, each holding an entry number + 1
// (0 = empty). A lookup probes slots linearly and compares the key of each entry it
// meets (string keys: their sizes first, the bytes only when the sizes agree). At a
// load of at most 1/2 a probe meets 0.5 other entries on average for a hit, 1.5 for a
// miss. (64-bit slots that also held 32 bits of the hash spared those compares but
// took 67 MB for 3.2M keys, a fifth of a table's memory.) String keys are
// `std::string_view`s whose bytes the owner keeps (see ../containers/string_arena.hpp), integer
// keys are stored inline; a stored key may also stand for bytes the owner keeps (a
// string_arena ref, or an offset and a size into one buffer: 8 bytes, not a view's 16),
// looked up by those bytes through a `key_of` projection (find and find_or_insert with
// key_of: the frequency table's tokens, the stop-word lists).
//
// Cost: expected O(1) lookups and inserts (load factor <= 1/2; growth doubles the
// index and re-inserts the entries, amortised O(1)); 4 bytes per slot, 8 to 16 per
// entry, plus the entries. The entries grow without a second copy of them
// (growable_array.hpp: a 3.2M-word table peaked at its old and new rows, +117 MB), so
// Key and Value must be trivially copyable. Invariants: entries never move relative to each other
// and are never erased (except by retain_if, which keeps the order of those it keeps),
// so entry numbers are stable and iteration order is the insertion order
// (deterministic for a given input). Not thread-safe for writes;
// const member functions may run concurrently. Movable and copyable (a copy of a
// string-keyed map still points at the original key bytes).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "../../result.hpp"          // throw_or_abort
#include "../platform/linkage.hpp"  // ZHTEXT_NOINLINE
#include "../storage/checksum.hpp"  // rotl64, mix64
#include "growable_array.hpp"

namespace zhtext::detail {

inline std::uint64_t load_le32(const char* p) noexcept {
  std::uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}
inline std::uint64_t load_le64(const char* p) noexcept {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

/// Hash of a byte string, tuned for tokens (mostly 3 to 12 bytes): short keys are
/// read with at most two overlapping loads, longer ones 16 bytes per step. Not
/// cryptographic; same value on every little-endian platform.
inline std::uint64_t hash_bytes(std::string_view s) noexcept {
  constexpr std::uint64_t k1 = 0x9E3779B97F4A7C15ULL, k2 = 0xD1B54A32D192ED03ULL;
  const char* p = s.data();
  const std::size_t n = s.size();
  std::uint64_t a, b;
  if (n <= 16) {
    if (n >= 8) {
      a = load_le64(p);
      b = load_le64(p + n - 8);
    } else if (n >= 4) {
      a = load_le32(p);
      b = load_le32(p + n - 4);
    } else if (n > 0) {
      const auto* u = reinterpret_cast<const unsigned char*>(p);
      a = (std::uint64_t{u[0]} << 16) | (std::uint64_t{u[n / 2]} << 8) | u[n - 1];
      b = 0;
    } else {
      a = b = 0;
    }
  } else {
    a = b = 0;
    std::size_t i = 0;
    for (; i + 16 < n; i += 16) {
      a = rotl64((a ^ load_le64(p + i)) * k1, 31);
      b = rotl64((b ^ load_le64(p + i + 8)) * k2, 29);
    }
    a ^= load_le64(p + n - 16);
    b ^= load_le64(p + n - 8);
  }
  return mix64((a * k1) ^ rotl64(b * k2, 32) ^ (n * k1 + k2));
}

/// Byte equality tuned for short keys: at most two overlapping loads up to 16 bytes.
inline bool bytes_equal(std::string_view a, std::string_view b) noexcept {
  const std::size_t n = a.size();
  if (n != b.size()) return false;
  const char* p = a.data();
  const char* q = b.data();
  if (n >= 8 && n <= 16) return load_le64(p) == load_le64(q) && load_le64(p + n - 8) == load_le64(q + n - 8);
  if (n >= 4 && n < 8) return load_le32(p) == load_le32(q) && load_le32(p + n - 4) == load_le32(q + n - 4);
  if (n < 4) {
    for (std::size_t i = 0; i < n; ++i)
      if (p[i] != q[i]) return false;
    return true;
  }
  return std::memcmp(p, q, n) == 0;
}
inline bool keys_equal(std::string_view a, std::string_view b) noexcept { return bytes_equal(a, b); }
template <class Key>
bool keys_equal(const Key& a, const Key& b) noexcept { return a == b; }

/// The hash used for keys of type Key: bytes for string views, a mixed value for
/// unsigned integers.
template <class Key, class = void>
struct key_hash;
template <>
struct key_hash<std::string_view> {
  std::uint64_t operator()(std::string_view s) const noexcept { return hash_bytes(s); }
};
template <class Key>
struct key_hash<Key, std::enable_if_t<std::is_unsigned_v<Key>>> {
  std::uint64_t operator()(Key k) const noexcept { return mix64(static_cast<std::uint64_t>(k) + 0x9E3779B97F4A7C15ULL); }
};

template <class Key, class Value>
class flat_map {
 public:
  struct entry {
    Key key;
    Value value;
  };
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  std::size_t size() const noexcept { return entries_.size(); }
  bool empty() const noexcept { return entries_.empty(); }
  const growable_array<entry>& entries() const noexcept { return entries_; }
  entry& operator[](std::size_t i) noexcept { return entries_[i]; }
  const entry& operator[](std::size_t i) const noexcept { return entries_[i]; }

  /// The entry number of `key` (whose hash is `h`), or npos.
  std::size_t find(const Key& key, std::uint64_t h) const noexcept { return find(key, h, same_key{}); }
  /// find(key, h) in a map whose stored keys stand for other keys: `key_of(stored)`
  /// gives the key a stored key stands for (e.g. a string_arena ref -> its bytes), of
  /// the type of `key`.
  template <class Q, class KeyOf>
  std::size_t find(const Q& key, std::uint64_t h, const KeyOf& key_of) const noexcept {
    if (slots_.empty()) return npos;
    for (std::size_t i = static_cast<std::size_t>(h) & mask_;; i = (i + 1) & mask_) {
      const std::uint32_t s = slots_[i];
      if (s == 0) return npos;
      if (keys_equal(key_of(entries_[s - 1].key), key)) return s - 1;
    }
  }

  /// Asks the CPU to fetch the index slot where a lookup of hash `h` starts (for
  /// batches of lookups in a table larger than the caches).
  void prefetch(std::uint64_t h) const noexcept {
    if (!slots_.empty()) __builtin_prefetch(&slots_[static_cast<std::size_t>(h) & mask_]);
  }

  /// The entry number of `key` and whether it was inserted now. A new entry gets
  /// the key `make_key()` returns (equal to `key`; e.g. a copy in an arena) and a
  /// value-initialised Value. Throws std::length_error beyond 2^32 - 2 entries
  /// (aborts when built without exceptions).
  template <class MakeKey>
  std::pair<std::size_t, bool> find_or_insert(const Key& key, std::uint64_t h, MakeKey&& make_key) {
    return find_or_insert(key, h, make_key, same_key{});
  }
  /// find_or_insert(key, h, make_key) with stored keys that stand for others (see find).
  template <class Q, class MakeKey, class KeyOf>
  std::pair<std::size_t, bool> find_or_insert(const Q& key, std::uint64_t h, MakeKey&& make_key,
                                              const KeyOf& key_of) {
    if ((entries_.size() + 1) * 2 > slots_.size()) grow(key_of);
    std::size_t i = static_cast<std::size_t>(h) & mask_;
    for (;; i = (i + 1) & mask_) {
      const std::uint32_t s = slots_[i];
      if (s == 0) break;
      if (keys_equal(key_of(entries_[s - 1].key), key)) return {s - 1, false};
    }
    if (entries_.size() >= 0xFFFFFFFEu)
      throw_or_abort(std::length_error("zhtext: more than 2^32 - 2 distinct keys"));
    entries_.push_back(entry{make_key(), Value{}});
    slots_[i] = static_cast<std::uint32_t>(entries_.size());
    return {entries_.size() - 1, true};
  }

  /// Makes room for `n` entries without growing the index again.
  void reserve(std::size_t n) {
    entries_.reserve(n);
    std::size_t cap = slots_.empty() ? 16 : slots_.size();
    while (cap < std::max(n, entries_.size()) * 2) cap *= 2;
    if (cap != slots_.size()) rehash(cap, same_key{});
  }

  /// Removes every entry; keeps the memory. The index keeps its size too (a map
  /// filled again need not grow again) unless it was mostly empty: clearing costs
  /// O(entries), never O(index) for a few entries after a large map.
  void clear() noexcept {
    if (entries_.size() * 8 >= slots_.size()) {
      std::fill(slots_.begin(), slots_.end(), std::uint32_t(0));
    } else {
      slots_.clear();
      mask_ = 0;
    }
    entries_.clear();
  }

  /// Keeps the entries for which keep(const entry&) is true, in their order (entry
  /// numbers change), and rebuilds the index in place: no memory is allocated.
  template <class Keep>
  void retain_if(Keep&& keep) {
    std::size_t kept = 0;
    for (std::size_t e = 0; e < entries_.size(); ++e)
      if (keep(static_cast<const entry&>(entries_[e]))) entries_[kept++] = std::move(entries_[e]);
    entries_.truncate(kept);
    std::fill(slots_.begin(), slots_.end(), std::uint32_t(0));
    place_all(same_key{});
  }

  /// Frees the index and keeps the entries, for a map that is only read by entry
  /// number from now on: find finds nothing until the next insert (or reserve)
  /// rebuilds the index. (keywords: 3.2M words, 34 MB freed before they are ranked.)
  void release_index() noexcept {
    std::vector<std::uint32_t>().swap(slots_);
    mask_ = 0;
  }

  /// Bytes held by the entries and the index (not the key bytes of string keys).
  std::size_t memory_bytes() const noexcept {
    return entries_.capacity() * sizeof(entry) + slots_.capacity() * sizeof(std::uint32_t);
  }

 private:
  struct same_key {
    const Key& operator()(const Key& k) const noexcept { return k; }
  };

  template <class KeyOf>
  ZHTEXT_NOINLINE void grow(const KeyOf& key_of) {  // (out of line: find_or_insert stays small)
    std::size_t cap = slots_.empty() ? 16 : slots_.size() * 2;
    while (cap < (entries_.size() + 1) * 2) cap *= 2;  // (after release_index)
    rehash(cap, key_of);
  }

  template <class KeyOf>
  void rehash(std::size_t cap, const KeyOf& key_of) {
    std::vector<std::uint32_t>().swap(slots_);  // the old index is not read: free it first
    slots_.assign(cap, 0);
    mask_ = cap - 1;
    place_all(key_of);
  }
  // Puts every entry in an empty index.
  template <class KeyOf>
  void place_all(const KeyOf& key_of) noexcept {
    using view = std::decay_t<decltype(key_of(std::declval<const Key&>()))>;
    const key_hash<view> hash;
    for (std::size_t e = 0; e < entries_.size(); ++e) place(hash(key_of(entries_[e].key)), e);
  }
  // Puts entry e, whose key hashes to h, in the first free slot of its probe sequence.
  void place(std::uint64_t h, std::size_t e) noexcept {
    std::size_t i = static_cast<std::size_t>(h) & mask_;
    while (slots_[i] != 0) i = (i + 1) & mask_;
    slots_[i] = static_cast<std::uint32_t>(e + 1);
  }

  growable_array<entry> entries_;
  std::vector<std::uint32_t> slots_;
  std::size_t mask_ = 0;
};

}  // namespace zhtext::detail
