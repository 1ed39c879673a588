// zhtext/detail/containers/growable_array.hpp - a vector of trivially copyable values
// that grows without holding its old and new storage at once.
//
// A std::vector that doubles copies its elements into new storage while the old one
// is still held: a table of 2M rows of 56 bytes peaks at 117 + 117 MB while it grows
// to 4M. This array keeps small contents on the heap (realloc) and, from 1 MiB on, in
// a mapping of its own that grows with mremap(MREMAP_MAYMOVE): the kernel moves the
// pages, nothing is copied and nothing is held twice (Linux; elsewhere realloc, which
// moves a large block the allocator mapped the same way). Capacity beyond the size is
// address space, not memory: pages are resident once written.
//
// Cost: push_back O(1) amortised (capacity doubles); indexing is one load, as in a
// vector. Invariants: elements are trivially copyable (moved by memcpy, realloc or
// mremap; never constructed or destroyed); element addresses change when it grows.
// Not thread-safe for writes; const member functions may run concurrently. Movable
// and copyable (a copy holds the elements only: capacity = size).
#pragma once

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <new>
#include <type_traits>
#include <utility>

#include "../../result.hpp"  // throw_or_abort

#if defined(__linux__)
#include <sys/mman.h>
#define ZHTEXT_GROWABLE_MREMAP 1
#else
#define ZHTEXT_GROWABLE_MREMAP 0
#endif

namespace zhtext::detail {

template <class T>
class growable_array {
  static_assert(std::is_trivially_copyable_v<T>, "growable_array moves its elements as bytes");

 public:
  using value_type = T;
  using iterator = T*;
  using const_iterator = const T*;

  growable_array() noexcept = default;
  growable_array(const growable_array& o) { *this = o; }
  growable_array(growable_array&& o) noexcept { swap(o); }
  growable_array& operator=(const growable_array& o) {
    if (this != &o) {
      clear();
      reserve(o.size_);
      if (o.size_ != 0) std::memcpy(static_cast<void*>(data_), o.data_, o.size_ * sizeof(T));
      size_ = o.size_;
    }
    return *this;
  }
  growable_array& operator=(growable_array&& o) noexcept {
    if (this != &o) {
      release();
      swap(o);
    }
    return *this;
  }
  ~growable_array() { release(); }

  std::size_t size() const noexcept { return size_; }
  std::size_t capacity() const noexcept { return capacity_; }
  bool empty() const noexcept { return size_ == 0; }
  T* data() noexcept { return data_; }
  const T* data() const noexcept { return data_; }
  T& operator[](std::size_t i) noexcept { return data_[i]; }
  const T& operator[](std::size_t i) const noexcept { return data_[i]; }
  T& back() noexcept { return data_[size_ - 1]; }
  iterator begin() noexcept { return data_; }
  iterator end() noexcept { return data_ + size_; }
  const_iterator begin() const noexcept { return data_; }
  const_iterator end() const noexcept { return data_ + size_; }

  void push_back(const T& v) {
    if (size_ == capacity_) return grow_and_push(v);
    std::memcpy(static_cast<void*>(data_ + size_), &v, sizeof(T));
    ++size_;
  }
  /// Appends the `n` elements at `p` (which must not point into this array).
  void append(const T* p, std::size_t n) {
    if (n > capacity_ - size_) grow(size_ + n);
    if (n != 0) std::memcpy(static_cast<void*>(data_ + size_), p, n * sizeof(T));
    size_ += n;
  }
  /// Makes room for `n` elements.
  void reserve(std::size_t n) {
    if (n > capacity_) grow(n);
  }
  /// Makes the array `n` long (n >= size()), the new elements zero. The pages a large
  /// array gets by growing are fresh, so they take memory only once written.
  void resize_zeroed(std::size_t n) {
    const std::size_t old_capacity = capacity_;
    if (n > capacity_) grow(n);
    const std::size_t dirty = mapped_ && old_capacity < n ? old_capacity : n;  // fresh mapped pages are zero
    if (dirty > size_) std::memset(static_cast<void*>(data_ + size_), 0, (dirty - size_) * sizeof(T));
    size_ = n;
  }
  /// Gives back the memory of the first `n` elements, which the caller will not read
  /// again (they then hold unspecified values): the whole pages they fill, when the
  /// array is a mapping of its own (elsewhere nothing happens).
  void discard_prefix(std::size_t n) noexcept {
#if ZHTEXT_GROWABLE_MREMAP
    constexpr std::size_t page_bytes = 4096;
    if (mapped_ && n * sizeof(T) >= page_bytes)
      ::madvise(static_cast<void*>(data_), n * sizeof(T) / page_bytes * page_bytes, MADV_DONTNEED);  // a hint
#else
    (void)n;
#endif
  }
  /// Keeps the first `n` elements (n <= size()).
  void truncate(std::size_t n) noexcept { size_ = n; }
  /// Removes every element; keeps the storage.
  void clear() noexcept { size_ = 0; }
  /// Removes every element and gives the storage back.
  void release() noexcept {
    if (data_ != nullptr) {
#if ZHTEXT_GROWABLE_MREMAP
      if (mapped_) ::munmap(data_, capacity_ * sizeof(T));
      else
#endif
        std::free(data_);
    }
    data_ = nullptr;
    size_ = capacity_ = 0;
    mapped_ = false;
  }
  void swap(growable_array& o) noexcept {
    std::swap(data_, o.data_);
    std::swap(size_, o.size_);
    std::swap(capacity_, o.capacity_);
    std::swap(mapped_, o.mapped_);
  }

 private:
  static constexpr std::size_t map_bytes = std::size_t(1) << 20;  // from here on: a mapping of its own
  static constexpr std::size_t page = std::size_t(1) << 16;      // mappings grow by multiples of this

  // push_back when full: `v` is copied first (it may live in this array, which moves).
  void grow_and_push(T v) {
    grow(size_ + 1);
    std::memcpy(static_cast<void*>(data_ + size_), &v, sizeof(T));
    ++size_;
  }
  // Capacity for at least `need` elements: doubles (at least 16 elements).
  void grow(std::size_t need) {
    std::size_t cap = capacity_ < 8 ? 16 : capacity_ * 2;
    if (cap < need) cap = need;
    if (cap > static_cast<std::size_t>(-1) / 2 / sizeof(T)) throw_or_abort(std::bad_alloc());
    std::size_t bytes = cap * sizeof(T);
#if ZHTEXT_GROWABLE_MREMAP
    if (bytes >= map_bytes) {
      bytes = (bytes + page - 1) / page * page;
      void* m;
      if (mapped_) {
        m = ::mremap(data_, capacity_ * sizeof(T), bytes, MREMAP_MAYMOVE);
      } else {
        m = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (m != MAP_FAILED && size_ != 0) std::memcpy(m, data_, size_ * sizeof(T));  // once: < 1 MiB
      }
      if (m == MAP_FAILED) throw_or_abort(std::bad_alloc());  // the old storage is still data_'s
      if (!mapped_) std::free(data_);
      data_ = static_cast<T*>(m);
      capacity_ = bytes / sizeof(T);
      mapped_ = true;
      return;
    }
#endif
    void* p = std::realloc(data_, bytes);
    if (p == nullptr) throw_or_abort(std::bad_alloc());  // the old storage is still data_'s
    data_ = static_cast<T*>(p);
    capacity_ = cap;
  }

  T* data_ = nullptr;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
  bool mapped_ = false;
};

}  // namespace zhtext::detail
