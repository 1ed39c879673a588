// zhtext/detail/ranges/buffered_cursor.hpp - a cursor (lazy_range.hpp) for producers
// that make their items a batch at a time: the segmenter's tokens and the tagger's
// tagged tokens, cut one unit (a run of Chinese/Latin characters, or one other
// character) at a time.
//
// `Fill` is a callable `std::size_t fill(std::string_view text, std::size_t pos,
// std::vector<Item>& out)` that appends the items of the text from byte `pos` on, at
// least one unless it reaches the end, and returns where it stopped. The cursor hands
// the batch out item by item and asks for the next batch when it is used up; memory is
// the largest batch. Move-only (it owns the batch and Fill's state: a scratch buffer,
// a snapshot), so the range is a single-pass input range.
#pragma once

#include <cstddef>
#include <string_view>
#include <utility>
#include <vector>

namespace zhtext::detail {

template <class Item, class Fill>
class buffered_cursor {
 public:
  using value_type = Item;
  buffered_cursor(std::string_view text, Fill fill) : text_(text), fill_(std::move(fill)) {}
  buffered_cursor(buffered_cursor&&) noexcept = default;
  buffered_cursor& operator=(buffered_cursor&&) noexcept = default;
  buffered_cursor(const buffered_cursor&) = delete;
  buffered_cursor& operator=(const buffered_cursor&) = delete;

  bool next(Item& out) {
    while (index_ >= items_.size()) {
      if (pos_ >= text_.size()) return false;
      items_.clear();
      index_ = 0;
      pos_ = fill_(text_, pos_, items_);
    }
    out = items_[index_++];
    return true;
  }

 private:
  std::string_view text_;
  Fill fill_;
  std::vector<Item> items_;
  std::size_t index_ = 0, pos_ = 0;
};

}  // namespace zhtext::detail
