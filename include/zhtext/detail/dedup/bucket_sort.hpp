// zhtext/detail/dedup/bucket_sort.hpp - sorting values by 64-bit keys whose high bits
// are uniformly distributed (hashes, LSH band keys).
//
// One counting pass on the top bits (about two values per bucket), one scatter into
// scratch, then an insertion sort per bucket; a bucket made large by equal keys falls
// back to std::sort. Expected O(n), against O(n log n) comparisons for std::sort:
// several times faster on the index's bands and on a document's few hundred shingles.
// Not stable. Pure function of its arguments; thread-safe with separate scratch.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace zhtext::detail {

/// Writes the n values that each(f) passes to f (twice: a counting pass and a
/// scatter) to out[0, n), sorted by key(x) (a std::uint64_t).
template <class T, class Key, class Each>
void bucket_sort_to(Each&& each, std::size_t n, T* out, Key key) {
  auto less = [&](const T& a, const T& b) { return key(a) < key(b); };
  if (n < 64) {
    std::size_t i = 0;
    each([&](const T& x) { out[i++] = x; });
    std::sort(out, out + n, less);
    return;
  }
  unsigned bits = 1;
  while (bits < 24 && (std::size_t{1} << (bits + 1)) <= n) ++bits;  // about n/2 buckets
  const unsigned shift = 64 - bits;
  std::vector<std::size_t> start((std::size_t{1} << bits) + 1, 0);
  each([&](const T& x) { ++start[(key(x) >> shift) + 1]; });
  for (std::size_t b = 1; b < start.size(); ++b) start[b] += start[b - 1];
  std::vector<std::size_t> at(start.begin(), start.end() - 1);
  each([&](const T& x) { out[at[key(x) >> shift]++] = x; });
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

/// bucket_sort_to into `out` (a std::vector of T, any allocator), resized to n.
template <class Out, class Key, class Each>
void bucket_sort_from(Each&& each, std::size_t n, Out& out, Key key) {
  out.resize(n);
  bucket_sort_to(each, n, out.data(), key);
}

/// Sorts `v` by key(x), using `tmp` as scratch (its contents are lost).
template <class T, class Key>
void bucket_sort(std::vector<T>& v, std::vector<T>& tmp, Key key) {
  bucket_sort_from([&](auto&& f) { for (const T& x : v) f(x); }, v.size(), tmp, key);
  v.swap(tmp);
}

}  // namespace zhtext::detail
