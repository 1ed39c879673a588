// zhtext/detail/dedup/big_allocator.hpp - the storage of an index's large arrays.
// Band entries and the builder's band keys use big_allocator: operator new,
// except that it default-initialises, so a vector of integers made or resized with it
// is not zeroed first (its values are about to be written: an index of 300,000 lines
// has 60 MB of band entries; zeroing them cost ~5 % of `zhtext dedup --per-line`).
// Measured and not used: transparent huge pages (MADV_HUGEPAGE) cut the page faults
// of those lines from 30,000 to 10,000 but raised the peak RSS from 184 MB to
// 260-280 MB; MAP_POPULATE saved system time and cost as much user time. Stateless;
// thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <type_traits>
#include <utility>
#include <vector>

#include "../containers/growable_array.hpp"

namespace zhtext::detail {

template <class T>
struct big_allocator {
  using value_type = T;

  big_allocator() noexcept = default;
  template <class U>
  big_allocator(const big_allocator<U>&) noexcept {}

  T* allocate(std::size_t n) {
    if (n > static_cast<std::size_t>(-1) / sizeof(T)) out_of_memory();
    return static_cast<T*>(::operator new(n * sizeof(T)));
  }
  /// Default-initialises: a vector of integers made or resized with this allocator
  /// is not zeroed (its values are to be written: an index's arrays are tens of MB).
  template <class U>
  void construct(U* p) noexcept(std::is_nothrow_default_constructible<U>::value) {
    ::new (static_cast<void*>(p)) U;
  }
  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
  void deallocate(T* p, std::size_t) noexcept { ::operator delete(p); }
  [[noreturn]] static void out_of_memory() {
#if defined(__cpp_exceptions) || defined(__EXCEPTIONS) || defined(_CPPUNWIND)
    throw std::bad_alloc();
#else
    std::abort();
#endif
  }
  friend bool operator==(const big_allocator&, const big_allocator&) noexcept { return true; }
  friend bool operator!=(const big_allocator&, const big_allocator&) noexcept { return false; }
};

/// Shingle texts and names of many documents: bytes that grow without holding their
/// old and new storage at once (growable_array: from 1 MiB on a mapping that mremap
/// grows). A document read from standard input has no size known up front: its
/// shingle text grew by doubling in a std::string, the old and the new copy held
/// together (150 MiB of U+FFFD for a 50 MiB line of C0 80: `zhtext dedup` peaked at
/// 328 MB).
using big_chars = growable_array<char>;
/// Band entries (key << 32 | document); resize() leaves new values unset.
using big_u64s = std::vector<std::uint64_t, big_allocator<std::uint64_t>>;

}  // namespace zhtext::detail
