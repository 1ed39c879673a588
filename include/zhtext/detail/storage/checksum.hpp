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

/// The lanes of checksum64: 32-byte blocks, then the tail (fewer than 32 bytes) and
/// the total length.
struct checksum64_lanes {
  static constexpr std::uint64_t k1 = 0x9FB21C651E98DF25ULL, k2 = 0xC2B2AE3D27D4EB4FULL;
  std::uint64_t a, b, c, d;
  explicit checksum64_lanes(std::uint64_t seed) noexcept : a(seed ^ k1), b(seed + k2), c(~seed), d(seed * k1 + 1) {}
  void block(const unsigned char* p) noexcept {
    a = rotl64(a ^ (read_le64(p) * k2), 29) * k1;
    b = rotl64(b ^ (read_le64(p + 8) * k2), 29) * k1;
    c = rotl64(c ^ (read_le64(p + 16) * k2), 29) * k1;
    d = rotl64(d ^ (read_le64(p + 24) * k2), 29) * k1;
  }
  std::uint64_t finish(const unsigned char* tail, std::size_t tail_size, std::uint64_t total) const noexcept {
    std::uint64_t h = rotl64(a, 1) + rotl64(b, 7) + rotl64(c, 12) + rotl64(d, 18) + total * k2;
    std::size_t i = 0;
    for (; i + 8 <= tail_size; i += 8) h = rotl64(h ^ (read_le64(tail + i) * k2), 27) * k1;
    for (; i < tail_size; ++i) h = rotl64(h ^ (tail[i] * k1), 11) * k2;
    return mix64(h);
  }
};

/// 64-bit checksum of n bytes at p.
inline std::uint64_t checksum64(const void* data, std::size_t n, std::uint64_t seed = 0) noexcept {
  const auto* p = static_cast<const unsigned char*>(data);
  checksum64_lanes lanes(seed);
  std::size_t i = 0;
  for (; i + 32 <= n; i += 32) lanes.block(p + i);
  return lanes.finish(p + i, n - i, n);
}

/// checksum64 of bytes given in pieces: update() each piece in order, then value()
/// (the checksum of their concatenation). Small value type.
class checksum64_stream {
 public:
  explicit checksum64_stream(std::uint64_t seed = 0) noexcept : lanes_(seed) {}
  void update(const void* data, std::size_t n) noexcept {
    if (n == 0) return;
    const auto* p = static_cast<const unsigned char*>(data);
    total_ += n;
    if (held_ != 0) {  // complete the held block first
      const std::size_t take = n < 32 - held_ ? n : 32 - held_;
      std::memcpy(buf_ + held_, p, take);
      held_ += take;
      p += take;
      n -= take;
      if (held_ < 32) return;
      lanes_.block(buf_);
      held_ = 0;
    }
    for (; n >= 32; p += 32, n -= 32) lanes_.block(p);
    if (n != 0) std::memcpy(buf_, p, n);
    held_ = n;
  }
  std::uint64_t value() const noexcept { return lanes_.finish(buf_, held_, total_); }

 private:
  checksum64_lanes lanes_;
  unsigned char buf_[32] = {};
  std::size_t held_ = 0;
  std::uint64_t total_ = 0;
};

}  // namespace zhtext::detail
