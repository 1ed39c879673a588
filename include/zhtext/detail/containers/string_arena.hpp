// zhtext/detail/containers/string_arena.hpp - append-only storage for many short strings.
//
// Tables keyed by tokens keep their keys here and hold `std::string_view`s into it,
// so a key costs its bytes plus a share of a block, never a heap node. A table with
// millions of keys holds an 8-byte `ref` instead (store_ref, view): the block, the
// offset in it and the length, half the size of a view (frequency.hpp: 3.2M keys,
// 26 MB less).
//
// Cost: `store` is O(size) (one memcpy); blocks grow geometrically from 4 KiB to
// 1 MiB, a string of 1 MiB - 1 bytes or more gets a block of its own. `view(ref)` is
// two loads. Invariants: a stored view stays valid until the arena is cleared or
// destroyed; moving the arena keeps every view and ref valid (blocks are separate
// heap allocations). Not thread-safe for writes; movable, not copyable.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string_view>
#include <utility>
#include <vector>

#include "../../result.hpp"  // throw_or_abort

namespace zhtext::detail {

class string_arena {
 public:
  string_arena() = default;
  string_arena(const string_arena&) = delete;
  string_arena& operator=(const string_arena&) = delete;
  string_arena(string_arena&& o) noexcept { *this = std::move(o); }
  string_arena& operator=(string_arena&& o) noexcept {
    if (this != &o) {
      blocks_ = std::move(o.blocks_);
      sizes_ = std::move(o.sizes_);
      o.sizes_.clear();
      cur_ = std::exchange(o.cur_, nullptr);
      cur_block_ = std::exchange(o.cur_block_, 0);
      left_ = std::exchange(o.left_, 0);
      next_block_ = std::exchange(o.next_block_, min_block);
      reserved_ = std::exchange(o.reserved_, 0);
      o.blocks_.clear();
    }
    return *this;
  }

  /// Copies `s` into the arena and returns a view of the copy (empty views need no
  /// storage and are returned as an empty view).
  std::string_view store(std::string_view s) {
    if (s.empty()) return {};
    if (s.size() > left_) grow(s.size());
    char* p = cur_;
    std::memcpy(p, s.data(), s.size());
    cur_ += s.size();
    left_ -= s.size();
    return {p, s.size()};
  }

  /// A stored string in 8 bytes: block (24 bits), offset in the block (20 bits) and
  /// length (20 bits; all ones: the whole block, which holds nothing else).
  using ref = std::uint64_t;

  /// Copies non-empty `s` into the arena and returns its ref. Throws
  /// std::length_error past 2^24 blocks (16 TiB; aborts without exceptions).
  ref store_ref(std::string_view s) {
    if (s.size() >= long_string) {  // a block of its own, of exactly its size
      add_block(s.size());
      std::memcpy(blocks_.back().get(), s.data(), s.size());
      return make_ref(blocks_.size() - 1, 0, long_string);
    }
    if (s.size() > left_) grow(s.size());
    const std::size_t offset = static_cast<std::size_t>(cur_ - blocks_[cur_block_].get());
    store(s);
    return make_ref(cur_block_, offset, s.size());
  }

  /// The string `r` refers to (valid as long as a view store() returns).
  std::string_view view(ref r) const noexcept {
    const std::size_t block = static_cast<std::size_t>(r >> 40);
    const std::size_t offset = static_cast<std::size_t>(r >> 20) & long_string;
    const std::size_t size = static_cast<std::size_t>(r) & long_string;
    return {blocks_[block].get() + offset, size == long_string ? sizes_[block] : size};
  }

  /// Drops every string; views into the arena become dangling.
  void clear() noexcept {
    blocks_.clear();
    sizes_.clear();
    cur_block_ = 0;
    cur_ = nullptr;
    left_ = 0;
    next_block_ = min_block;
    reserved_ = 0;
  }

  /// Bytes allocated for blocks.
  std::size_t memory_bytes() const noexcept { return reserved_; }

 private:
  static constexpr std::size_t min_block = 4096;
  static constexpr std::size_t max_block = 1 << 20;
  static constexpr std::size_t long_string = (std::size_t(1) << 20) - 1;  // also the offset and length mask

  static ref make_ref(std::size_t block, std::size_t offset, std::size_t size) {
    if (block >= (std::size_t(1) << 24)) throw_or_abort(std::length_error("zhtext: string arena past 2^24 blocks"));
    return (ref{block} << 40) | (ref{offset} << 20) | ref{size};
  }

  void add_block(std::size_t size) {
    sizes_.reserve(sizes_.size() + 1);
    blocks_.push_back(std::unique_ptr<char[]>(new char[size]));  // uninitialised: written before read
    sizes_.push_back(size);
    reserved_ += size;
  }

  void grow(std::size_t need) {
    const std::size_t size = std::max(need, next_block_);
    add_block(size);
    cur_block_ = blocks_.size() - 1;
    cur_ = blocks_.back().get();
    left_ = size;
    next_block_ = std::min(next_block_ * 2, max_block);
  }

  std::vector<std::unique_ptr<char[]>> blocks_;
  std::vector<std::size_t> sizes_;  // bytes of each block
  std::size_t cur_block_ = 0;       // the block cur_ points into
  char* cur_ = nullptr;
  std::size_t left_ = 0;
  std::size_t next_block_ = min_block;
  std::size_t reserved_ = 0;
};

}  // namespace zhtext::detail
