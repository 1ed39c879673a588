// zhtext/detail/dedup/union_find.hpp - disjoint sets over document numbers 0..n-1.
//
// Union by size and path halving (Tarjan and van Leeuwen, "Worst-case analysis of set
// union algorithms", JACM 1984): O(alpha(n)) amortised per operation, 8 bytes per
// element. Not thread-safe (find() compresses paths).
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace zhtext::detail {

class union_find {
 public:
  explicit union_find(std::size_t n) : parent_(n), size_(n, 1) {
    for (std::size_t i = 0; i < n; ++i) parent_[i] = static_cast<std::uint32_t>(i);
  }

  std::uint32_t find(std::uint32_t x) noexcept {
    while (parent_[x] != x) {
      parent_[x] = parent_[parent_[x]];
      x = parent_[x];
    }
    return x;
  }

  /// Joins the sets of a and b; returns false if they were one set already.
  bool unite(std::uint32_t a, std::uint32_t b) noexcept {
    a = find(a);
    b = find(b);
    if (a == b) return false;
    if (size_[a] < size_[b]) std::swap(a, b);
    parent_[b] = a;
    size_[a] += size_[b];
    return true;
  }

  std::size_t size() const noexcept { return parent_.size(); }

 private:
  std::vector<std::uint32_t> parent_;
  std::vector<std::uint32_t> size_;
};

}  // namespace zhtext::detail
