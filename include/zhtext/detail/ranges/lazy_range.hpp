// zhtext/detail/ranges/lazy_range.hpp - the one template behind every lazy range of
// zhtext: code_points, graphemes, unicode_words, unicode_sentences, sentences,
// entities, char_ngrams / characters, shingles, matcher::matches, segmenter::tokens and
// pos_tagger::tagged_tokens (the last two through buffered_cursor.hpp).
//
// A range is a *cursor*, a small class that knows how to produce the next item, plus
// this template, which gives it iterators, begin()/end() and one set of semantics.
//
// The cursor interface:
//
//   class my_cursor {
//    public:
//     using value_type = item;                // what the range yields (as const item&)
//     bool next(item& out);                   // writes the next item to `out` and moves
//                                             // past it; false when there is none (then
//                                             // `out` is unspecified and next() is not
//                                             // called again)
//     std::size_t position() const noexcept;  // copyable cursors only: a number that grows
//                                             // with every item produced (the byte offset
//                                             // after it, say); iterators compare by it
//   };
//
// The kind of range follows from the cursor:
//
//  - A copyable cursor (light state: a view of the text, a position, options) gives a
//    FORWARD range. Each iterator holds its own copy of the cursor and its current
//    item, so iterators copy freely and compare by position(); begin() is const and
//    may be called any number of times (each call starts over); the range is copyable
//    and allocates nothing the cursor does not. Such a cursor must be default-
//    constructible (the end iterator holds one).
//  - A move-only cursor (heavy state: buffers, a scan driver, a snapshot) gives a
//    single-pass INPUT range. The range holds the cursor and the current item; its
//    iterators point at the range, so moving the range after begin() invalidates them.
//    begin() produces the first item on its first call and afterwards returns an
//    iterator at the current item. The range is movable, not copyable.
//
// In both, `*it` is `const value_type&`, valid until `it` advances; every iterator that
// has run off the end equals end() (also the end() of another range of the same type),
// so `std::vector<T>(r.begin(), r.end())` and range-for work on either kind.
//
// The other two shapes of a producer are written with the same cursor, so a range, its
// callback and its vector can never disagree: for_each_item(cursor, f) calls
// f(const value_type&) for each item with no allocation per item, and
// collect_items(cursor) returns them in a std::vector.
//
// Cost: an iteration step is one call of next(); the iterator adds a bool to the cursor
// and its item. Thread safety: a range and its iterators belong to one thread at a time;
// distinct ranges over the same text are independent.
#pragma once

#include <cstddef>
#include <iterator>
#include <type_traits>
#include <utility>
#include <vector>

namespace zhtext::detail {

template <class Cursor, bool Forward = std::is_copy_constructible_v<Cursor>>
class lazy_range;

/// The member types of both kinds of iterator.
template <class Cursor, class Category>
struct cursor_iterator_types {
  using iterator_category = Category;
  using value_type = typename Cursor::value_type;
  using difference_type = std::ptrdiff_t;
  using pointer = const value_type*;
  using reference = const value_type&;
};

/// The forward kind (a copyable cursor): see the top of this file.
template <class Cursor>
class lazy_range<Cursor, true> {
 public:
  using value_type = typename Cursor::value_type;

  class iterator : public cursor_iterator_types<Cursor, std::forward_iterator_tag> {
   public:
    iterator() = default;
    const value_type& operator*() const noexcept { return item_; }
    const value_type* operator->() const noexcept { return &item_; }
    iterator& operator++() {
      if (!cursor_.next(item_)) done_ = true;
      return *this;
    }
    iterator operator++(int) {
      iterator t = *this;
      ++*this;
      return t;
    }
    friend bool operator==(const iterator& a, const iterator& b) noexcept {
      return a.done_ == b.done_ && (a.done_ || a.cursor_.position() == b.cursor_.position());
    }
    friend bool operator!=(const iterator& a, const iterator& b) noexcept { return !(a == b); }

   private:
    friend class lazy_range;
    explicit iterator(const Cursor& c) : cursor_(c), done_(false) { ++*this; }
    Cursor cursor_{};
    value_type item_{};
    bool done_ = true;
  };

  explicit lazy_range(Cursor c) noexcept(std::is_nothrow_move_constructible_v<Cursor>) : cursor_(std::move(c)) {}

  /// An iterator at the first item (each call starts over).
  iterator begin() const { return iterator(cursor_); }
  /// The end iterator.
  iterator end() const noexcept { return iterator(); }
  /// True if the range yields no item (produces the first one to find out).
  bool empty() const { return begin() == end(); }

 private:
  Cursor cursor_;
};

/// The input kind (a move-only cursor): see the top of this file.
template <class Cursor>
class lazy_range<Cursor, false> {
 public:
  using value_type = typename Cursor::value_type;

  class iterator : public cursor_iterator_types<Cursor, std::input_iterator_tag> {
   public:
    iterator() = default;
    const value_type& operator*() const noexcept { return r_->item_; }
    const value_type* operator->() const noexcept { return &r_->item_; }
    iterator& operator++() {
      r_->advance();
      return *this;
    }
    void operator++(int) { r_->advance(); }
    friend bool operator==(const iterator& a, const iterator& b) noexcept { return a.at_end() == b.at_end(); }
    friend bool operator!=(const iterator& a, const iterator& b) noexcept { return !(a == b); }

   private:
    friend class lazy_range;
    explicit iterator(lazy_range* r) noexcept : r_(r) {}
    bool at_end() const noexcept { return r_ == nullptr || r_->done_; }
    lazy_range* r_ = nullptr;
  };

  explicit lazy_range(Cursor c) noexcept(std::is_nothrow_move_constructible_v<Cursor>) : cursor_(std::move(c)) {}
  lazy_range(lazy_range&&) = default;
  lazy_range& operator=(lazy_range&&) = default;
  lazy_range(const lazy_range&) = delete;
  lazy_range& operator=(const lazy_range&) = delete;

  /// An iterator at the current item; the first call produces the first item.
  iterator begin() {
    if (!started_) {
      started_ = true;
      advance();
    }
    return iterator(this);
  }
  /// The end iterator.
  iterator end() noexcept { return iterator(); }

 private:
  void advance() { done_ = !cursor_.next(item_); }

  Cursor cursor_;
  value_type item_{};
  bool started_ = false, done_ = false;
};

/// True for a cursor (the interface at the top of this file). The two helpers below are
/// constrained by it, so that argument-dependent lookup from a range (a detail type)
/// never offers them for a caller's own functions of the same name.
template <class C, class = void>
struct is_cursor : std::false_type {};
template <class C>
struct is_cursor<C, std::void_t<decltype(std::declval<C&>().next(std::declval<typename C::value_type&>()))>>
    : std::true_type {};

/// The callback shape: calls f(const value_type&) for each item `c` produces.
template <class Cursor, class F, std::enable_if_t<is_cursor<Cursor>::value, int> = 0>
void for_each_item(Cursor c, F&& f) {
  for (;;) {
    typename Cursor::value_type item;
    if (!c.next(item)) return;
    f(static_cast<const typename Cursor::value_type&>(item));
  }
}

/// The vector shape: the items `c` produces.
template <class Cursor, std::enable_if_t<is_cursor<Cursor>::value, int> = 0>
std::vector<typename Cursor::value_type> collect_items(Cursor c) {
  std::vector<typename Cursor::value_type> out;
  typename Cursor::value_type item{};
  while (c.next(item)) out.push_back(item);
  return out;
}

}  // namespace zhtext::detail
