// zhtext/detail/double_array.hpp - a double-array trie over small integer labels.
//
// The classic structure of Aoe (1989), "An efficient digital search algorithm by
// using a double-array structure": node s has its children at base[s] + label, and a
// cell t belongs to s when check[t] == s. One transition is one 12-byte load plus a
// compare, whatever the alphabet size, so zhtext walks code points (mapped to dense
// labels, most frequent first) instead of UTF-8 bytes: a Chinese word of n characters
// is n steps, not 3n.
//
// Unit layout (12 bytes, stored as is in dictionary images):
//   base   where the children of this node start (label 1 goes to base + 1)
//   check  the parent's index; `free_cell` for an unused cell; the root is cell 0
//   value  payload of the node, 0 when the node is only a prefix
//
// Invariants: labels are >= 1; every child satisfies t = base[parent] + label < size.
// A reader must still bounds-check t (images may be crafted); child() does.
// Cost: build O(total key length + free-cell search); lookup O(key length).
// Thread safety: the view is read-only and safe to share; the builder is not.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <vector>

namespace zhtext::detail {

struct da_unit {
  std::uint32_t base = 0;
  std::uint32_t check = 0;
  std::uint32_t value = 0;
};
static_assert(sizeof(da_unit) == 12, "da_unit is stored in images as 12 bytes");

inline constexpr std::uint32_t free_cell = 0xFFFFFFFFu;
inline constexpr std::uint32_t no_node = 0xFFFFFFFFu;

/// Read-only view of the units of a double array.
struct da_view {
  const da_unit* units = nullptr;
  std::uint32_t size = 0;

  /// The child of node s (< size) by `label`, or no_node.
  std::uint32_t child(std::uint32_t s, std::uint32_t label) const noexcept {
    const std::uint64_t t = std::uint64_t{units[s].base} + label;
    return (t < size && units[t].check == s) ? static_cast<std::uint32_t>(t) : no_node;
  }
  std::uint32_t value(std::uint32_t s) const noexcept { return units[s].value; }
};

/// Builds a double array from keys given in increasing lexicographic order, without
/// duplicates. Key i is labels[starts[i] .. starts[i+1]) and gets values[i].
class da_builder {
 public:
  std::vector<da_unit> build(const std::vector<std::uint32_t>& labels, const std::vector<std::size_t>& starts,
                             const std::vector<std::uint32_t>& values) {
    units_.assign(1, da_unit{0, free_cell - 1, 0});  // the root: a check no node can have
    next_.assign(1, 0);
    prev_.assign(1, 0);
    fails_.assign(1, 0);
    head_ = none;
    cursor_ = 1;
    struct job {
      std::uint32_t node;
      std::size_t lo, hi, depth;
    };
    const std::size_t keys = starts.empty() ? 0 : starts.size() - 1;
    std::deque<job> queue;  // breadth first: frequent short prefixes end up close together
    queue.push_back({0, 0, keys, 0});
    std::vector<std::uint32_t> child_labels;
    std::vector<std::size_t> child_lo;
    while (!queue.empty()) {
      const job j = queue.front();
      queue.pop_front();
      std::size_t lo = j.lo;
      if (lo < j.hi && starts[lo + 1] - starts[lo] == j.depth) {  // the key that ends here
        units_[j.node].value = values[lo];
        ++lo;
      }
      child_labels.clear();
      child_lo.clear();
      for (std::size_t k = lo; k < j.hi; ++k) {
        const std::uint32_t c = labels[starts[k] + j.depth];
        if (child_labels.empty() || child_labels.back() != c) {
          child_labels.push_back(c);
          child_lo.push_back(k);
        }
      }
      if (child_labels.empty()) continue;
      const std::uint32_t b = find_base(child_labels);
      units_[j.node].base = b;
      for (std::size_t i = 0; i < child_labels.size(); ++i) {
        const std::uint32_t t = b + child_labels[i];
        take(t, j.node);
        queue.push_back({t, child_lo[i], i + 1 < child_lo.size() ? child_lo[i + 1] : j.hi, j.depth + 1});
      }
    }
    // Drop trailing free cells; free cells inside keep check == free_cell.
    std::size_t n = units_.size();
    while (n > 1 && units_[n - 1].check == free_cell) --n;
    units_.resize(n);
    std::vector<da_unit> out;
    out.swap(units_);
    return out;
  }

 private:
  static constexpr std::uint32_t none = 0xFFFFFFFFu;

  void grow(std::size_t to) {
    const std::size_t old = units_.size();
    if (to <= old) return;
    units_.resize(to, da_unit{0, free_cell, 0});
    next_.resize(to);
    prev_.resize(to);
    fails_.resize(to, 0);
    for (std::size_t i = old; i < to; ++i) link_back(static_cast<std::uint32_t>(i));
  }

  // The free list is circular and doubly linked; head_ is its first cell.
  void link_back(std::uint32_t i) {
    if (head_ == none) {
      head_ = next_[i] = prev_[i] = i;
      return;
    }
    const std::uint32_t last = prev_[head_];
    next_[last] = i;
    prev_[i] = last;
    next_[i] = head_;
    prev_[head_] = i;
  }
  void unlink(std::uint32_t i) {
    if (next_[i] == none) return;  // not in the list (given up as a start cell)
    if (next_[i] == i) {
      head_ = none;
    } else {
      next_[prev_[i]] = next_[i];
      prev_[next_[i]] = prev_[i];
      if (head_ == i) head_ = next_[i];
    }
    next_[i] = prev_[i] = none;
  }
  void take(std::uint32_t t, std::uint32_t parent) {
    grow(std::size_t{t} + 1);
    units_[t].check = parent;
    unlink(t);
  }

  // Smallest base b found by a scan of the free list such that every b + label is free.
  std::uint32_t find_base(const std::vector<std::uint32_t>& labels) {
    const std::uint32_t first = labels.front();
    const std::uint32_t span = labels.back();
    if (labels.size() == 1) {  // any free cell at or after the label will do
      while (cursor_ < units_.size() && units_[cursor_].check != free_cell) ++cursor_;
      std::size_t p = std::max<std::size_t>(cursor_, first);
      while (p < units_.size() && units_[p].check != free_cell) ++p;
      grow(p + 1);
      return static_cast<std::uint32_t>(p - first);
    }
    if (head_ == none) grow(units_.size() + span + 1);
    std::uint32_t p = head_;
    for (;;) {
      if (p >= first) {
        const std::uint32_t b = p - first;
        bool ok = true;
        for (std::uint32_t c : labels) {
          const std::size_t t = std::size_t{b} + c;
          if (t < units_.size() && units_[t].check != free_cell) {
            ok = false;
            break;
          }
        }
        if (ok) {
          grow(std::size_t{b} + span + 1);
          return b;
        }
        // A free cell that keeps failing sits in a crowded region: stop trying it as a
        // start (it stays free for other labels). Keeps the build near linear.
        if (++fails_[p] >= 16 && p != prev_[head_]) {
          const std::uint32_t nx = next_[p];
          unlink(p);
          p = nx;
          continue;
        }
      }
      if (next_[p] == head_) {  // end of the list: extend the array
        const std::uint32_t end = static_cast<std::uint32_t>(units_.size());
        grow(std::size_t{end} + span + 1);
        p = std::max(end, first);
        continue;
      }
      p = next_[p];
    }
  }

  std::vector<da_unit> units_;
  std::vector<std::uint32_t> next_, prev_;
  std::vector<std::uint8_t> fails_;
  std::uint32_t head_ = none;
  std::size_t cursor_ = 1;  // no free cell before it (for single-child nodes)
};

}  // namespace zhtext::detail
