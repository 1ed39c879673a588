// zhtext/detail/containers/rank_rows.hpp - the rows of a counting map in rank order: count
// descending, then key ascending (string keys: bytes, unsigned; integers: value).
//
// for_each_best(n, k, count_of, key_of, f) calls f(entry number) for the best k of
// entries 0..n-1 (a counting map's, or any rows numbered so), best first,
// without a list of them: the caller writes each row as it comes (a 3.2M-row table
// needs no 13 MB list of entry numbers, nor 48-byte rows, beside its sort).
// Cost: O(n log k) with a k-heap when k is small; when k is more than a quarter of
// the table, one sort of (8-byte key prefix, count, entry) records of 16 bytes (24 when
// a count needs more than 32 bits), whose integer comparisons settle almost every
// pair without touching the keys; beyond 2^19 rows, sorted runs of 2^18 rows merged
// (4 bytes a row, plus one run's records). The order is a
// total order on distinct keys, so the result does not depend on insertion order.
// Pure; thread-safe on a map nobody writes.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>
#include <vector>


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

/// Entries sorted a run at a time: a table of more than two runs is sorted in runs of
/// this many consecutive entries, then the runs are merged.
inline constexpr std::uint32_t sort_run_rows = std::uint32_t{1} << 18;

/// Calls f(entry number) for the `k` best of entries 0..n-1, best first, after one
/// (partial) sort of (8-byte key prefix, count, entry) records: integer comparisons
/// settle almost every pair without touching the keys. Every count must fit in Narrow:
/// with 32-bit counts a record is 16 bytes (24 with 64-bit ones). Beyond two runs
/// (sort_run_rows), each run is sorted on its own and keeps only its entry numbers,
/// then the runs are merged (a heap of their first records): 4 bytes a row and one
/// run's records (3.2M rows: 17 MB instead of 51), at the cost of a second read of each
/// row's count and key prefix while merging.
template <class Narrow, class CountOf, class KeyOf, class F>
void for_each_sorted_entry(std::uint32_t n, std::size_t k, const CountOf& count_of, const KeyOf& key_of, F&& f) {
  struct sort_key {
    std::uint64_t prefix;
    Narrow count;
    std::uint32_t index;
  };
  const auto record = [&](std::uint32_t i) { return sort_key{key_prefix(key_of(i)), static_cast<Narrow>(count_of(i)), i}; };
  const auto key_better = [&key_of](const sort_key& a, const sort_key& b) {
    if (a.count != b.count) return a.count > b.count;
    if (a.prefix != b.prefix) return a.prefix < b.prefix;
    return key_of(a.index) < key_of(b.index);
  };
  if (n <= 2 * sort_run_rows) {
    std::vector<sort_key> keys(n);
    for (std::uint32_t i = 0; i < n; ++i) keys[i] = record(i);
    if (k == n) std::sort(keys.begin(), keys.end(), key_better);
    else std::partial_sort(keys.begin(), keys.begin() + static_cast<std::ptrdiff_t>(k), keys.end(), key_better);
    for (std::size_t i = 0; i < k; ++i) f(keys[i].index);
    return;
  }
  std::vector<std::uint32_t> sorted(n);  // the runs, each in order
  {
    std::vector<sort_key> keys(sort_run_rows);
    for (std::uint32_t begin = 0; begin < n; begin += sort_run_rows) {
      const std::uint32_t size = std::min(n - begin, sort_run_rows);
      for (std::uint32_t i = 0; i < size; ++i) keys[i] = record(begin + i);
      std::sort(keys.begin(), keys.begin() + size, key_better);
      for (std::uint32_t i = 0; i < size; ++i) sorted[begin + i] = keys[i].index;
    }
  }
  struct head {
    sort_key key;
    std::uint32_t next, end;  // the rest of its run in `sorted`
  };
  const auto worse = [&](const head& a, const head& b) { return key_better(b.key, a.key); };
  std::vector<head> heap;  // front: the best first record of a run
  for (std::uint32_t begin = 0; begin < n; begin += sort_run_rows)
    heap.push_back(head{record(sorted[begin]), begin + 1, begin + std::min(n - begin, sort_run_rows)});
  std::make_heap(heap.begin(), heap.end(), worse);
  for (std::size_t i = 0; i < k; ++i) {
    std::pop_heap(heap.begin(), heap.end(), worse);
    head& h = heap.back();
    f(h.key.index);
    if (h.next == h.end) {
      heap.pop_back();
      continue;
    }
    h.key = record(sorted[h.next++]);
    std::push_heap(heap.begin(), heap.end(), worse);
  }
}

/// Calls f(entry number) for the `k` best of entries 0..n-1, best first: entry i has
/// the count count_of(i) (an unsigned integer) and the key key_of(i).
template <class CountOf, class KeyOf, class F>
void for_each_best(std::size_t size, std::size_t k, const CountOf& count_of, const KeyOf& key_of, F&& f) {
  const auto better = [&](std::uint32_t a, std::uint32_t b) {
    const auto x = count_of(a), y = count_of(b);
    if (x != y) return x > y;
    return key_of(a) < key_of(b);
  };
  k = std::min(k, size);
  if (k == 0) return;
  const auto n = static_cast<std::uint32_t>(size);
  if (k > n / 4) {  // most of the table: one sort is faster than a heap
    using count_type = std::decay_t<decltype(count_of(0))>;
    if constexpr (sizeof(count_type) <= 4) {
      return for_each_sorted_entry<std::uint32_t>(n, k, count_of, key_of, f);
    } else {
      count_type most = 0;
      for (std::uint32_t i = 0; i < n; ++i) most = std::max(most, count_of(i));
      if (most <= 0xFFFFFFFFu) return for_each_sorted_entry<std::uint32_t>(n, k, count_of, key_of, f);  // 16-byte sort keys
      return for_each_sorted_entry<count_type>(n, k, count_of, key_of, f);
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
