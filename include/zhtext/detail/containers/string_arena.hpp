// zhtext/detail/containers/string_arena.hpp - append-only storage for many short strings.
//
// Tables keyed by tokens keep their keys here and hold `std::string_view`s into it,
// so a key costs its bytes plus a share of a block, never a heap node.
//
// Cost: `store` is O(size) (one memcpy); blocks grow geometrically from 4 KiB to
// 1 MiB, a string longer than a block gets a block of its own. Invariants: a stored
// view stays valid until the arena is cleared or destroyed; moving the arena keeps
// every view valid (blocks are separate heap allocations). Not thread-safe for
// writes; movable, not copyable.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

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
      cur_ = std::exchange(o.cur_, nullptr);
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

  /// Drops every string; views into the arena become dangling.
  void clear() noexcept {
    blocks_.clear();
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

  void grow(std::size_t need) {
    const std::size_t size = std::max(need, next_block_);
    blocks_.push_back(std::unique_ptr<char[]>(new char[size]));  // uninitialised: written before read
    cur_ = blocks_.back().get();
    left_ = size;
    reserved_ += size;
    next_block_ = std::min(next_block_ * 2, max_block);
  }

  std::vector<std::unique_ptr<char[]>> blocks_;
  char* cur_ = nullptr;
  std::size_t left_ = 0;
  std::size_t next_block_ = min_block;
  std::size_t reserved_ = 0;
};

}  // namespace zhtext::detail
