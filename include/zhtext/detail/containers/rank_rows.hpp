// zhtext/detail/containers/rank_rows.hpp - the rows of a counting map in rank order: count
// descending, then key ascending (string keys: bytes, unsigned; integers: value).
//
// for_each_best(map, k, f) calls f(entry number) for the best k entries, best first,
// without a list of them: the caller writes each row as it comes (a 3.2M-row table
// needs no 13 MB list of entry numbers, nor 48-byte rows, beside its sort).
// Cost: O(n log k) with a k-heap when k is small; when k is more than a quarter of
// the table, one sort of (8-byte key prefix, count, entry) records of 16 bytes (24 when
// a count needs more than 32 bits), whose integer comparisons settle almost every
// pair without touching the keys. The order is a
// total order on distinct keys, so the result does not depend on insertion order.
// Pure; thread-safe on a map nobody writes.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>
#include <vector>

#include "flat_map.hpp"

namespace zhtext::detail {

/// The first 8 bytes of a string key as a big-endian number (zero-padded), so that
/// integer order is byte order; the value itself for integer keys.
template <class Key>
std::uint64_t key_prefix(const Key& key) noexcept {
  if constexpr (std::is_same_v<Key, std::string_view>) {
    std::uint64_t v = 0;
    const std::size_t m = std::min<std::size_t>(key.size(), 8);
    for (std::size_t i = 0; i < 8; ++i) v = (v << 8) | (i < m ? static_cast<unsigned char>(key[i]) : 0u);
    return v;
  } else {
    return static_cast<std::uint64_t>(key);
  }
}

/// Calls f(entry number) for the `k` best entries of `map`, best first, after one
/// (partial) sort of (8-byte key prefix, count, entry) records: integer comparisons
/// settle almost every pair without touching the keys. Every count must fit in Narrow:
/// with 32-bit counts a record is 16 bytes (24 with 64-bit ones; 3.2M rows: 51 MB
/// instead of 77).
template <class Narrow, class Key, class Value, class F>
void for_each_sorted_entry(const flat_map<Key, Value>& map, std::size_t k, F&& f) {
  struct sort_key {
    std::uint64_t prefix;
    Narrow count;
    std::uint32_t index;
  };
  const auto n = static_cast<std::uint32_t>(map.size());
  std::vector<sort_key> keys(n);
  for (std::uint32_t i = 0; i < n; ++i)
    keys[i] = sort_key{key_prefix(map[i].key), static_cast<Narrow>(map[i].value.count), i};
  const auto key_better = [&map](const sort_key& a, const sort_key& b) {
    if (a.count != b.count) return a.count > b.count;
    if (a.prefix != b.prefix) return a.prefix < b.prefix;
    return map[a.index].key < map[b.index].key;
  };
  if (k == n) std::sort(keys.begin(), keys.end(), key_better);
  else std::partial_sort(keys.begin(), keys.begin() + static_cast<std::ptrdiff_t>(k), keys.end(), key_better);
  for (std::size_t i = 0; i < k; ++i) f(keys[i].index);
}

/// Calls f(entry number) for the `k` best entries of `map` (values with a `.count`),
/// best first.
template <class Key, class Value, class F>
void for_each_best(const flat_map<Key, Value>& map, std::size_t k, F&& f) {
  const auto better = [&map](std::uint32_t a, std::uint32_t b) {
    const auto& x = map[a];
    const auto& y = map[b];
    if (x.value.count != y.value.count) return x.value.count > y.value.count;
    return x.key < y.key;
  };
  k = std::min(k, map.size());
  if (k == 0) return;
  const auto n = static_cast<std::uint32_t>(map.size());
  if (k > n / 4) {  // most of the table: one sort is faster than a heap
    using count_type = std::remove_cv_t<std::remove_reference_t<decltype(map[0].value.count)>>;
    if constexpr (sizeof(count_type) <= 4) {
      return for_each_sorted_entry<std::uint32_t>(map, k, f);
    } else {
      count_type most = 0;
      for (std::uint32_t i = 0; i < n; ++i) most = std::max(most, map[i].value.count);
      if (most <= 0xFFFFFFFFu) return for_each_sorted_entry<std::uint32_t>(map, k, f);  // 16-byte sort keys
      return for_each_sorted_entry<count_type>(map, k, f);
    }
  }
  std::vector<std::uint32_t> heap;
  heap.reserve(k);
  for (std::uint32_t i = 0; i < n; ++i) {
    if (heap.size() < k) {
      heap.push_back(i);
      std::push_heap(heap.begin(), heap.end(), better);  // front: the worst kept entry
    } else if (better(i, heap.front())) {
      std::pop_heap(heap.begin(), heap.end(), better);
      heap.back() = i;
      std::push_heap(heap.begin(), heap.end(), better);
    }
  }
  std::sort_heap(heap.begin(), heap.end(), better);
  for (std::uint32_t i : heap) f(i);
}

}  // namespace zhtext::detail
