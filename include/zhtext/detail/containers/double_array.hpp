// zhtext/detail/containers/double_array.hpp - a double-array trie over small integer labels.
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
#include <utility>
#include <vector>

#include "growable_array.hpp"

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

/// One key given to da_builder: its labels and the value its node gets.
struct da_key {
  const std::uint32_t* labels = nullptr;
  std::size_t size = 0;
  std::uint32_t value = 0;
};

/// Builds a double array from keys given in increasing lexicographic order, without
/// duplicates: add_sorted(n, key_at) makes the trie (key_at(i) -> da_key, i < n), after
/// which the caller may free its keys; build() places it and returns the units.
///
/// Placement is first-fit decreasing: a node's base only decides where its children
/// go, so bases can be chosen in any order and indices assigned afterwards. Nodes with
/// many children (whose labels spread over the whole alphabet) are placed first,
/// while the array is empty; single-child nodes fill the holes last. Bases are found
/// 64 candidates at a time on a bit set of used cells. With jieba's dictionary this
/// fills 75% of the cells (498k nodes in 663k cells), where the usual
/// parent-before-child placement fills 45%; the build takes about a second.
///
/// Memory (keys and dictionaries are hostile input): the trie is made level by level
/// from the sorted keys (a node's children are the distinct next labels of the keys
/// through it, so the nodes come out in breadth-first order with no queue), held as
/// 12 bytes a node (label, child count then first child, value) in arrays that grow
/// without copies; placement adds 4 bytes a node (base) and 4 a cell (free-cell
/// links), freed before the units (12 bytes a cell) are made. A key costs 8 bytes
/// while the trie is made. (Before: ~80 bytes a node, a queue of 32 bytes a node of
/// the widest level, and vectors grown by doubling.)
class da_builder {
 public:
  /// Makes the trie of keys key_at(0) < key_at(1) < ... < key_at(n - 1).
  template <class KeyAt>
  void add_sorted(std::size_t n, KeyAt key_at) {
    label_.clear();
    count_.clear();
    value_.clear();
    label_.push_back(0);
    count_.push_back(0);
    value_.push_back(0);
    // Level d's nodes are the distinct d-label prefixes of the keys, in key order:
    // exactly the order a breadth-first walk numbers them in. `active` holds the keys
    // longer than d - 1 with the node of their (d - 1)-label prefix.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> active;
    if (n >= no_node) {
      too_large_ = true;
      return;
    }
    active.reserve(n);
    for (std::size_t k = 0; k < n; ++k) {
      const da_key key = key_at(k);
      if (key.size == 0) value_[0] = key.value;  // only the first key can be empty
      else active.emplace_back(static_cast<std::uint32_t>(k), 0u);
    }
    for (std::size_t d = 0; !active.empty(); ++d) {
      std::size_t kept = 0;
      std::uint32_t parent = no_node, label = 0, node = 0;
      for (const auto& [k, p] : active) {
        const da_key key = key_at(k);
        const std::uint32_t c = key.labels[d];
        if (p != parent || c != label) {
          if (label_.size() >= no_node - 1) {
            too_large_ = true;
            return;
          }
          parent = p;
          label = c;
          node = static_cast<std::uint32_t>(label_.size());
          label_.push_back(c);
          count_.push_back(0);
          value_.push_back(0);
          ++count_[p];
        }
        if (key.size == d + 1) value_[node] = key.value;
        else active[kept++] = {k, node};
      }
      active.resize(kept);
    }
  }

  /// Places the trie of add_sorted() and returns its units; empty when it needs more
  /// than 32-bit indices (the caller reports it).
  std::vector<da_unit> build() {
    std::vector<da_unit> units;
    build_into(units);
    return units;
  }

  /// build() into `units` (a std::vector or growable_array of da_unit, left empty when
  /// the trie needs more than 32-bit indices). A growable_array's units take memory as
  /// they are written, while the trie's own arrays are given back behind the pass
  /// that writes them: the two are not held whole at once.
  template <class Units>
  void build_into(Units& units) {
    units = Units();
    if (too_large_) return;
    const std::size_t nodes = label_.size();
    // count_[i] becomes the first child of node i; count_[nodes] the end.
    std::uint32_t max_count = 0, at = 1;
    for (std::size_t i = 0; i < nodes; ++i) {
      const std::uint32_t c = count_[i];
      max_count = std::max(max_count, c);
      count_[i] = at;
      at += c;
    }
    count_.push_back(at);
    auto children = [&](std::size_t i) { return count_[i + 1] - count_[i]; };

    // 1. Bases, most children first, ties by node (a counting sort of the nodes with
    // two children or more; those with one, usually the most, then follow in node
    // order straight from the count_ array, not from a list of 4 bytes a node).
    std::vector<std::uint32_t> order;
    {
      std::vector<std::uint32_t> slot(std::size_t{max_count} + 2, 0);
      for (std::size_t i = 0; i < nodes; ++i)
        if (children(i) > 1) ++slot[max_count - children(i) + 1];
      for (std::size_t c = 1; c < slot.size(); ++c) slot[c] += slot[c - 1];
      order.resize(slot.back());
      for (std::size_t i = 0; i < nodes; ++i)
        if (children(i) > 1) order[slot[max_count - children(i)]++] = static_cast<std::uint32_t>(i);
    }
    used_.assign(1024, 0);
    used_[0] = 1;  // cell 0 is the root
    cells_ = 1;
    skip_.clear();
    grow_skip(1024);
    skip_[0] = 1;
    growable_array<std::uint32_t> base;
    base.resize_zeroed(nodes);
    std::size_t run_k = 0, from = 0;
    auto place = [&](std::size_t node) {
      std::uint32_t* ls = label_.data() + count_[node];
      const std::size_t k = children(node);
      // Nodes with few children come in long runs of equal counts; each starts looking
      // where the previous one of its run was placed, instead of crossing the full
      // front of the array again (nodes with many children get an exact first fit:
      // they decide the array's size).
      if (k != run_k) {
        run_k = k;
        from = 0;
      }
      // Past the layout switch, a single child takes the first free cell at or after
      // its label (exact first fit, one find in the skip list): a long chain of
      // single children then fills the array densely (one 50 MiB word: 16.7M nodes in
      // 16.7M cells instead of 23.8M when each started after the previous one).
      const bool past_switch = cells_ >= exact_fit_cells;
      const std::size_t start = k == 1 && past_switch ? 0 : run_k < 32 || past_switch ? from : 0;
      const std::uint32_t b = find_base(ls, k, start);
      from = b;
      base[node] = b;
      for (std::size_t i = 0; i < k; ++i) {
        take(std::size_t{b} + ls[i]);
        ls[i] += b;  // the child's label is not needed any more: it becomes its cell
      }
    };
    for (const std::uint32_t node : order) place(node);
    std::vector<std::uint32_t>().swap(order);
    for (std::size_t i = 0; i < nodes; ++i)
      if (children(i) == 1) place(i);
    skip_.release();

    // 2. The units (label_ now holds each node's cell; the root's is 0). Nodes come in
    // breadth-first order, so a node's children follow it: once node i is written, the
    // node arrays' entries before i are never read again, and are given back as the
    // pass goes. The used bit set (1 bit a cell) then marks the free cells.
    if (cells_ >= no_node) {  // more than 32-bit indices: the caller reports it
      std::vector<std::uint64_t>().swap(used_);
      return;
    }
    resize_units(units, cells_);  // zeros
    for (std::size_t i = 0; i < nodes; ++i) {
      const std::uint32_t cell = i == 0 ? 0 : label_[i];
      units[cell].base = base[i];
      units[cell].value = value_[i];
      for (std::size_t c = count_[i]; c < count_[i + 1]; ++c) units[label_[c]].check = cell;
      if ((i & 0xFFFFF) == 0xFFFFF) {  // every 1 Mi nodes
        label_.discard_prefix(i);
        count_.discard_prefix(i);
        value_.discard_prefix(i);
        base.discard_prefix(i);
      }
    }
    label_.release();
    count_.release();
    value_.release();
    base.release();
    for (std::size_t t = 1; t < cells_; ++t)
      if (((used_[t >> 6] >> (t & 63)) & 1) == 0) units[t].check = free_cell;
    units[0].check = free_cell - 1;  // the root: a check no node can have
    std::vector<std::uint64_t>().swap(used_);
  }

 private:
  static void resize_units(std::vector<da_unit>& u, std::size_t n) { u.resize(n); }
  static void resize_units(growable_array<da_unit>& u, std::size_t n) { u.resize_zeroed(n); }
  static unsigned lowest_bit(std::uint64_t x) noexcept {  // x != 0
#if defined(__GNUC__) || defined(__clang__)
    return static_cast<unsigned>(__builtin_ctzll(x));
#else
    unsigned n = 0;
    while ((x & 1) == 0) {
      x >>= 1;
      ++n;
    }
    return n;
#endif
  }

  // Cell t is used when bit t of used_ is set; the bit set grows on demand and reads
  // as zeros past its end.
  void take(std::size_t t) {
    if ((t >> 6) + 2 >= used_.size()) used_.resize(std::max(used_.size() * 2, (t >> 6) + 3));  // new words are 0
    used_[t >> 6] |= std::uint64_t{1} << (t & 63);
    if (t + 1 > cells_) cells_ = t + 1;
    if (t + 1 >= skip_.size()) grow_skip(t + 2);
    skip_[t] = static_cast<std::uint32_t>(t + 1);
  }
  void grow_skip(std::size_t n) {
    // A growable_array: no old and new copies at once, and only the cells asked for (an
    // eighth more) are written, not twice the array.
    const std::size_t want = std::max(n, skip_.size() + skip_.size() / 8);
    for (std::size_t i = skip_.size(); i < want; ++i) skip_.push_back(static_cast<std::uint32_t>(i));
  }
  // The first free cell >= x: union-find over "next cell to try" with path halving.
  std::size_t next_free(std::size_t x) {
    if (x + 1 >= skip_.size()) grow_skip(x + 2);
    while (skip_[x] != x) {
      const std::uint32_t up = skip_[skip_[x]];
      skip_[x] = up;
      x = up;
      if (x + 1 >= skip_.size()) grow_skip(x + 2);
    }
    return x;
  }
  // Bits x .. x+63 of the used set.
  std::uint64_t bits_at(std::size_t x) const noexcept {
    const std::size_t w = x >> 6, r = x & 63;
    const std::uint64_t lo = w < used_.size() ? used_[w] : 0;
    if (r == 0) return lo;
    const std::uint64_t hi = w + 1 < used_.size() ? used_[w + 1] : 0;
    return (lo >> r) | (hi << (64 - r));
  }

  // The smallest base b >= from such that every b + label is free (first fit). Bases
  // whose first child cell is used are skipped with next_free(); then 64 candidate
  // bases are tested at once with the used set shifted by each label.
  std::uint32_t find_base(const std::uint32_t* ls, std::size_t k, std::size_t from) {
    std::size_t b = from;
    for (;;) {
      b = next_free(b + ls[0]) - ls[0];
      std::uint64_t ok = ~std::uint64_t{0};
      for (std::size_t i = 0; i < k && ok != 0; ++i) ok &= ~bits_at(b + ls[i]);
      if (ok != 0) {
        return static_cast<std::uint32_t>(b + lowest_bit(ok));
      }
      b += 64;
    }
  }

  // Once the array has this many cells (jieba's dictionary has 663k in all, OpenCC's
  // largest configuration 400k), nodes with many children also start looking where
  // the previous one of their run was placed: a hostile trie with thousands of nodes
  // of hundreds of children each (50 MiB of random words: 20k of them) would
  // otherwise make each of them cross the whole array, quadratic. Real dictionaries
  // never reach it, so their images are exactly what they were.
  static constexpr std::size_t exact_fit_cells = std::size_t{1} << 20;

  growable_array<std::uint32_t> label_;  // per node: its label, then (placed) its cell
  growable_array<std::uint32_t> count_;  // per node: its child count, then its first child
  growable_array<std::uint32_t> value_;  // per node
  bool too_large_ = false;
  std::vector<std::uint64_t> used_;
  growable_array<std::uint32_t> skip_;  // skip_[t] == t: free; else a cell after t to try
  std::size_t cells_ = 1;  // one past the last used cell
};

}  // namespace zhtext::detail
