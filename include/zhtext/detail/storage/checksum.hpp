// zhtext/detail/storage/checksum.hpp - a fast 64-bit checksum for binary images.
//
// Detects truncation and corruption of compiled dictionaries and automata before
// they are used; not a cryptographic hash. Four independent multiply-rotate lanes
// over 32-byte blocks keep the CPU's multipliers busy (several GB/s), then a tail
// and a final avalanche mix the length in. Same result on every platform
// (little-endian reads). Pure function; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace zhtext::detail {

inline std::uint64_t read_le64(const unsigned char* p) noexcept {
  // One unaligned load (memcpy), swapped on big-endian hosts. A byte-by-byte loop
  // gives the same value but GCC 12 at -O2 keeps it a loop: 3-6x slower overall.
  std::uint64_t v;
  std::memcpy(&v, p, sizeof v);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  v = __builtin_bswap64(v);
#endif
  return v;
}

constexpr std::uint64_t rotl64(std::uint64_t x, int r) noexcept { return (x << r) | (x >> (64 - r)); }

constexpr std::uint64_t mix64(std::uint64_t x) noexcept {
  x ^= x >> 31;
  x *= 0xD6E8FEB86659FD93ULL;
  x ^= x >> 32;
  x *= 0xD6E8FEB86659FD93ULL;
  x ^= x >> 32;
  return x;
}

/// 64-bit checksum of n bytes at p.
inline std::uint64_t checksum64(const void* data, std::size_t n, std::uint64_t seed = 0) noexcept {
  constexpr std::uint64_t k1 = 0x9FB21C651E98DF25ULL, k2 = 0xC2B2AE3D27D4EB4FULL;
  const auto* p = static_cast<const unsigned char*>(data);
  std::uint64_t a = seed ^ k1, b = seed + k2, c = ~seed, d = seed * k1 + 1;
  std::size_t i = 0;
  for (; i + 32 <= n; i += 32) {
    a = rotl64(a ^ (read_le64(p + i) * k2), 29) * k1;
    b = rotl64(b ^ (read_le64(p + i + 8) * k2), 29) * k1;
    c = rotl64(c ^ (read_le64(p + i + 16) * k2), 29) * k1;
    d = rotl64(d ^ (read_le64(p + i + 24) * k2), 29) * k1;
  }
  std::uint64_t h = rotl64(a, 1) + rotl64(b, 7) + rotl64(c, 12) + rotl64(d, 18) + n * k2;
  for (; i + 8 <= n; i += 8) h = rotl64(h ^ (read_le64(p + i) * k2), 27) * k1;
  for (; i < n; ++i) h = rotl64(h ^ (p[i] * k1), 11) * k2;
  return mix64(h);
}

}  // namespace zhtext::detail
