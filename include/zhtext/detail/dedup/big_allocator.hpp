// zhtext/detail/dedup/big_allocator.hpp - an allocator for an index's large arrays
// (shingle texts, band entries): blocks of 1 MiB or more are 2 MiB-aligned and advised
// MADV_HUGEPAGE where Linux offers transparent huge pages.
//
// Why: an index of 300,000 lines fills ~150 MB of fresh memory once. In 4 KiB pages
// that is ~37,000 page faults, which cost ~10 us each in a virtual machine (the
// `zhtext dedup --per-line` benchmark spent about a tenth of its time entering them);
// in 2 MiB pages, a few hundred. Smaller blocks come from operator new as usual.
// (The zhtext program's reader, tools/cli/lib/reader.cpp, does the same for its
// buffers.) Stateless; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <string>
#include <vector>

#include "../storage/mapped_file.hpp"  // huge_pages_enabled, <sys/mman.h>

namespace zhtext::detail {

template <class T>
struct big_allocator {
  using value_type = T;
  static constexpr std::size_t big = std::size_t(1) << 60;
  static constexpr std::size_t huge_page = std::size_t(2) << 20;

  big_allocator() noexcept = default;
  template <class U>
  big_allocator(const big_allocator<U>&) noexcept {}

  T* allocate(std::size_t n) {
    if (n > static_cast<std::size_t>(-1) / sizeof(T)) out_of_memory();
    const std::size_t bytes = n * sizeof(T);
    if (bytes < big) return static_cast<T*>(::operator new(bytes));
    const std::size_t rounded = (bytes + huge_page - 1) / huge_page * huge_page;
    void* p = std::aligned_alloc(huge_page, rounded);
    if (p == nullptr) out_of_memory();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    if (huge_pages_enabled()) ::madvise(p, rounded, MADV_HUGEPAGE);  // a hint: failure is harmless
#endif
    return static_cast<T*>(p);
  }
  void deallocate(T* p, std::size_t n) noexcept {
    if (n * sizeof(T) < big) ::operator delete(p);
    else std::free(p);
  }
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

/// Shingle texts and names of many documents.
using big_string = std::basic_string<char, std::char_traits<char>, big_allocator<char>>;
/// Band entries (key << 32 | document).
using big_u64s = std::vector<std::uint64_t, big_allocator<std::uint64_t>>;

}  // namespace zhtext::detail
