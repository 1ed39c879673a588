// zhtext/detail/dedup/bucket_sort.hpp - sorting values by 64-bit keys whose high bits
// are uniformly distributed (LSH band keys).
//
// Small inputs (below 2^16 values, which fit in the caches): one counting pass on the
// top bits (about two values per bucket), one scatter into the output, then an
// insertion sort per bucket; a bucket made large by equal keys falls back to
// std::sort. Larger inputs first go 256 ways on the top 8 bits (a counting pass and a
// scatter into 256 sequential streams: cache-friendly, where a scatter into n/2
// buckets misses the cache on nearly every value), then each of the 256 parts is
// sorted that way through a cache-sized scratch and copied back. Expected O(n),
// against O(n log n) comparisons for std::sort. Not stable. Pure function of its
// arguments; thread-safe.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace zhtext::detail {

/// Writes the n values that each(f) passes to f (twice: a counting pass and a
/// scatter) to out[0, n), sorted by key(x) (a std::uint64_t) whose top `skip` bits
/// are the same for all of them (0 <= skip < 64).
template <class T, class Key, class Each>
void bucket_sort_small(Each&& each, std::size_t n, T* out, Key key, unsigned skip = 0) {
  auto less = [&](const T& a, const T& b) { return key(a) < key(b); };
  if (n < 64) {
    std::size_t i = 0;
    each([&](const T& x) { out[i++] = x; });
    std::sort(out, out + n, less);
    return;
  }
  unsigned bits = 1;
  while (bits < 24 && bits + skip < 64 && (std::size_t{1} << (bits + 1)) <= n) ++bits;  // about n/2 buckets
  const unsigned shift = 64 - bits;
  auto bucket = [&](const T& x) { return static_cast<std::size_t>((key(x) << skip) >> shift); };
  std::vector<std::size_t> start((std::size_t{1} << bits) + 1, 0);
  each([&](const T& x) { ++start[bucket(x) + 1]; });
  for (std::size_t b = 1; b < start.size(); ++b) start[b] += start[b - 1];
  std::vector<std::size_t> at(start.begin(), start.end() - 1);
  each([&](const T& x) { out[at[bucket(x)]++] = x; });
  for (std::size_t b = 0; b + 1 < start.size(); ++b) {
    T* first = out + start[b];
    T* last = out + start[b + 1];
    if (last - first > 16) {
      std::sort(first, last, less);
      continue;
    }
    for (T* p = first + 1; p < last; ++p) {  // insertion sort
      const T x = *p;
      T* q = p;
      for (; q > first && key(q[-1]) > key(x); --q) *q = q[-1];
      *q = x;
    }
  }
}

/// Writes the n values that each(f) passes to f (twice: a counting pass and a
/// scatter) to out[0, n), sorted by key(x) (a std::uint64_t).
template <class T, class Key, class Each>
void bucket_sort_to(Each&& each, std::size_t n, T* out, Key key) {
  if (n < (std::size_t{1} << 16)) {
    bucket_sort_small(each, n, out, key);
    return;
  }
  std::size_t start[257] = {};
  each([&](const T& x) { ++start[(key(x) >> 56) + 1]; });
  for (std::size_t b = 1; b <= 256; ++b) start[b] += start[b - 1];
  std::size_t at[256];
  std::copy(start, start + 256, at);
  each([&](const T& x) { out[at[key(x) >> 56]++] = x; });
  std::vector<T> part;
  for (std::size_t b = 0; b < 256; ++b) {
    T* first = out + start[b];
    const std::size_t size = start[b + 1] - start[b];
    part.resize(size);
    bucket_sort_small([&](auto&& f) { for (std::size_t i = 0; i < size; ++i) f(first[i]); }, size, part.data(), key, 8);
    std::copy(part.begin(), part.end(), first);
  }
}

}  // namespace zhtext::detail
