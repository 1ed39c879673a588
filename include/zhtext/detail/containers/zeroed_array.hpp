// zhtext/detail/containers/zeroed_array.hpp - an array of unsigned integers that starts
// all zero and costs memory only where it is written.
//
// For tables indexed by a sparse, bounded key (e.g. a word id below ~664,000 of which
// a text uses a few thousand): the array comes from calloc, which for large sizes maps
// fresh zero pages that the system backs with memory only when first touched, so a
// table of 2.6 MB that a short text touches in a few places costs a few pages, and
// making it costs no pass over it (std::vector would write every element).
// Cost: O(1) access; grow() copies the old contents. Not thread-safe; movable.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <type_traits>

#include "../../result.hpp"  // throw_or_abort

namespace zhtext::detail {

template <class T>
class zeroed_array {
  static_assert(std::is_unsigned_v<T>, "zeroed_array holds unsigned integers");

 public:
  std::size_t size() const noexcept { return size_; }
  T* data() noexcept { return data_.get(); }
  T& operator[](std::size_t i) noexcept { return data_[i]; }
  const T& operator[](std::size_t i) const noexcept { return data_[i]; }

  /// Makes the array at least `n` long, zeros beyond the old size. Throws
  /// std::bad_alloc when out of memory (aborts when built without exceptions).
  void grow(std::size_t n) {
    if (n <= size_) return;
    T* p = static_cast<T*>(std::calloc(n, sizeof(T)));
    if (p == nullptr) throw_or_abort(std::bad_alloc());
    if (size_ != 0) std::memcpy(p, data_.get(), size_ * sizeof(T));
    data_.reset(p);
    size_ = n;
  }
  /// Size 0, memory returned.
  void reset() noexcept {
    data_.reset();
    size_ = 0;
  }

 private:
  struct release {
    void operator()(T* p) const noexcept { std::free(p); }
  };
  std::unique_ptr<T[], release> data_;
  std::size_t size_ = 0;
};

}  // namespace zhtext::detail
