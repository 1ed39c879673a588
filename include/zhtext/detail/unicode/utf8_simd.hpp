// zhtext/detail/unicode/utf8_simd.hpp - SIMD UTF-8 validation (and code point counting) for
// x86, chosen at run time; no compiler flags needed by users.
//
// Algorithm: the "lookup" validator of J. Keiser and D. Lemire, "Validating UTF-8 In
// Less Than One Instruction Per Byte", Software: Practice and Experience 51(5), 2021,
// doi:10.1002/spe.2920.
// Written for zhtext from the paper's description:
//   * Every error of UTF-8 except "a 3rd/4th byte is missing or extra" and "the input
//     ends inside a sequence" shows in two adjacent bytes (b1, b2). Three 16-entry
//     tables, indexed by b1's high nibble, b1's low nibble and b2's high nibble, give
//     one bit per error class (the class's condition on that nibble); a byte pair is
//     in the class iff the bit survives the AND of the three lookups (`pair_rules`).
//   * One class marks "continuation after continuation". Such a pair is legal exactly
//     where the byte two back is E0..FF or the byte three back is F0..FF (the 3rd and
//     4th bytes of a sequence), so that bit is XORed with this must-be-continuation
//     flag: a mismatch in either direction is an error.
//   * The last three bytes of the input must not start a longer sequence
//     ("incomplete"); between blocks this check is carried into the next block, and
//     only matters when that block is ASCII (otherwise the pair checks see it).
//   * A block of 64 ASCII bytes is skipped with one test.
// The kernels answer only "which 64-byte block holds the first error"; utf8.hpp then
// finds the exact offset and kind with the scalar decoder, starting from the last
// character boundary before that block (everything before it was valid).
//
// Cost: a few instructions per 32 bytes, no branch per byte or per character; about
// memory bandwidth on long text. Thread safety: pure functions; the CPU check runs
// once (a function-local static). Memory: reads only [begin, end) of the input: the
// last partial block is checked as the last 64 bytes of the input (overlapping the
// block before, which passes again), or, in inputs too short for that, as a copy in
// a zero-padded 64-byte buffer.
//
// Kernels: `avx2` (AVX2 + POPCNT) and `ssse3` (SSSE3 + POPCNT) on x86 with GCC or
// Clang (function-level `target` attributes, dispatch by `__builtin_cpu_supports`;
// the vector operations are those of ../platform/x86_simd.hpp, which needs no intrinsics
// header); everywhere else only `scalar`, i.e. the code in utf8.hpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "../platform/x86_simd.hpp"  // ZHTEXT_X86_SIMD: GCC or Clang on x86, unless ZHTEXT_NO_SIMD

namespace zhtext::detail {

/// The validation kernels. `scalar` exists everywhere; the others where the compiler
/// can emit them, and run only where the CPU has them (utf8_kernel_supported).
enum class utf8_kernel : std::uint8_t { scalar, ssse3, avx2 };

/// The kernel's name as its instruction set is written ("scalar", "SSSE3", "AVX2"), for
/// benchmark tables and test messages.
constexpr const char* utf8_kernel_name(utf8_kernel k) noexcept {
  constexpr const char* names[] = {"scalar", "SSSE3", "AVX2"};  // in the order of utf8_kernel
  return static_cast<std::size_t>(k) < 3 ? names[static_cast<std::size_t>(k)] : "?";
}

/// Bytes per SIMD block: a kernel reports errors with this granularity.
inline constexpr std::size_t utf8_simd_block = 64;

/// What a kernel returns for valid input.
inline constexpr std::size_t utf8_no_error = ~std::size_t{0};

// ---- the lookup tables ---------------------------------------------------------------

/// One error class of a byte pair (b1, b2): the sets of b1's high nibble, b1's low
/// nibble and b2's high nibble (16-bit masks, bit k = nibble k), and its table bit.
struct pair_rule {
  std::uint16_t byte1_high, byte1_low, byte2_high;
  std::uint8_t bit;
};

constexpr std::uint16_t nibbles(int lo, int hi) noexcept {
  std::uint16_t m = 0;
  for (int k = lo; k <= hi; ++k) m = static_cast<std::uint16_t>(m | (1u << k));
  return m;
}

/// The bit that marks "continuation byte after continuation byte" (legal only as the
/// 3rd or 4th byte of a sequence).
inline constexpr std::uint8_t two_continuations_bit = 0x80;

/// The classes. Classes sharing a bit must have a union that is itself a product of
/// nibble sets (true for the shared bit 6: b1 = F0 or F5..FF, b2 = 80..8F).
inline constexpr pair_rule pair_rules[] = {
    {nibbles(0xC, 0xF), nibbles(0, 15), static_cast<std::uint16_t>(nibbles(0, 7) | nibbles(0xC, 0xF)),
     0x01},                                                           // lead, then no continuation
    {nibbles(0, 7), nibbles(0, 15), nibbles(8, 0xB), 0x02},           // ASCII, then continuation
    {nibbles(0xE, 0xE), nibbles(0, 0), nibbles(8, 9), 0x04},          // E0 80..9F: overlong
    {nibbles(0xF, 0xF), nibbles(4, 15), nibbles(9, 0xB), 0x08},       // F4..FF 90..BF: too large
    {nibbles(0xE, 0xE), nibbles(0xD, 0xD), nibbles(0xA, 0xB), 0x10},  // ED A0..BF: surrogate
    {nibbles(0xC, 0xC), nibbles(0, 1), nibbles(8, 0xB), 0x20},        // C0..C1 80..BF: overlong
    {nibbles(0xF, 0xF), nibbles(0, 0), nibbles(8, 8), 0x40},          // F0 80..8F: overlong
    {nibbles(0xF, 0xF), nibbles(5, 15), nibbles(8, 8), 0x40},         // F5..FF 80..8F: too large
    {nibbles(8, 0xB), nibbles(0, 15), nibbles(8, 0xB), two_continuations_bit},
};

/// The three 16-byte lookup tables built from pair_rules.
struct pair_tables {
  std::uint8_t byte1_high[16] = {};
  std::uint8_t byte1_low[16] = {};
  std::uint8_t byte2_high[16] = {};
};

constexpr pair_tables make_pair_tables() noexcept {
  pair_tables t;
  for (const pair_rule& r : pair_rules)
    for (int k = 0; k < 16; ++k) {
      if (r.byte1_high & (1u << k)) t.byte1_high[k] = static_cast<std::uint8_t>(t.byte1_high[k] | r.bit);
      if (r.byte1_low & (1u << k)) t.byte1_low[k] = static_cast<std::uint8_t>(t.byte1_low[k] | r.bit);
      if (r.byte2_high & (1u << k)) t.byte2_high[k] = static_cast<std::uint8_t>(t.byte2_high[k] | r.bit);
    }
  return t;
}

inline constexpr pair_tables utf8_pair_tables = make_pair_tables();

/// The error bits of the byte pair (b1, b2) as the SIMD lookups compute them
/// (two_continuations_bit included); for tests and the scalar reading of the tables.
constexpr std::uint8_t pair_class(unsigned char b1, unsigned char b2) noexcept {
  return static_cast<std::uint8_t>(utf8_pair_tables.byte1_high[b1 >> 4] & utf8_pair_tables.byte1_low[b1 & 15] &
                                   utf8_pair_tables.byte2_high[b2 >> 4]);
}

// ---- kernels -----------------------------------------------------------------------
//
// A kernel `first_bad_block(s, n, i, count)` scans s[i, n) in 64-byte blocks from i
// (byte i is taken as the start of a character) and returns the start of the first
// block in which an error shows, n if the input ends inside a sequence, or
// utf8_no_error when s[i, n) is valid. An error shows in the block holding its last
// byte, or in the block after an incomplete sequence at a block's end. With Count, it
// adds the number of non-continuation bytes in s[i, returned position) to `count`
// (in all of s[i, n) when valid).

#ifdef ZHTEXT_X86_SIMD

#define ZHTEXT_DETAIL_TARGET_AVX2 __attribute__((target("avx2,popcnt")))
#define ZHTEXT_DETAIL_TARGET_SSSE3 __attribute__((target("ssse3,popcnt")))

// AVX2: two 32-byte registers per block.

struct avx2_consts {
  simd::m256 byte1_high, byte1_low, byte2_high, low_nibble, third_byte, fourth_byte, high_bit, incomplete_max;
};

ZHTEXT_DETAIL_TARGET_AVX2 inline avx2_consts avx2_make_consts() noexcept {
  avx2_consts c;
  c.byte1_high = simd::broadcast16(utf8_pair_tables.byte1_high);
  c.byte1_low = simd::broadcast16(utf8_pair_tables.byte1_low);
  c.byte2_high = simd::broadcast16(utf8_pair_tables.byte2_high);
  c.low_nibble = simd::splat32(0x0F);
  // Saturating b - 0x60 has its top bit set iff b >= E0; b - 0x70 iff b >= F0.
  c.third_byte = simd::splat32(0x60);
  c.fourth_byte = simd::splat32(0x70);
  c.high_bit = simd::splat32(0x80);
  // Saturating b - max is non-zero iff a sequence starting at b runs past the end.
  c.incomplete_max = (simd::m256)simd::u8x32{0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                              0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                              0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xF0 - 1, 0xE0 - 1, 0xC0 - 1};
  return c;
}

ZHTEXT_DETAIL_TARGET_AVX2 inline simd::m256 avx2_errors(const avx2_consts& c, simd::m256 cur,
                                                         simd::m256 prev) noexcept {
  const simd::m256 prev1 = simd::previous32<1>(cur, prev);
  const simd::m256 b1h = simd::lookup32(c.byte1_high, simd::high_nibbles32(prev1, c.low_nibble));
  const simd::m256 b1l = simd::lookup32(c.byte1_low, prev1 & c.low_nibble);
  const simd::m256 b2h = simd::lookup32(c.byte2_high, simd::high_nibbles32(cur, c.low_nibble));
  const simd::m256 pair = b1h & b1l & b2h;
  const simd::m256 third = simd::sub_sat32(simd::previous32<2>(cur, prev), c.third_byte);
  const simd::m256 fourth = simd::sub_sat32(simd::previous32<3>(cur, prev), c.fourth_byte);
  const simd::m256 must_continue = (third | fourth) & c.high_bit;
  return pair ^ must_continue;
}

struct avx2_state {  // set up inside the kernel (no constructor: it would lack the target)
  simd::m256 prev, incomplete;
};

/// Checks one 64-byte block; on success adds its characters (bits of `mask`) to count.
template <bool Count>
ZHTEXT_DETAIL_TARGET_AVX2 inline bool avx2_block(const avx2_consts& c, avx2_state& st, const unsigned char* p,
                                                 std::uint64_t mask, std::size_t& count) noexcept {
  const simd::m256 a = simd::load32(p);
  const simd::m256 b = simd::load32(p + 32);
  if (simd::none32(a | b, c.high_bit)) {  // ASCII
    if (!simd::none32(st.incomplete, st.incomplete)) return false;
    st.prev = b;
    if (Count) count += static_cast<std::size_t>(__builtin_popcountll(mask));
    return true;
  }
  const simd::m256 err = avx2_errors(c, a, st.prev) | avx2_errors(c, b, a);
  st.incomplete = simd::sub_sat32(b, c.incomplete_max);
  st.prev = b;
  if (!simd::none32(err, err)) return false;
  if (Count) {  // bytes > BF as signed bytes (-65): not continuation bytes
    const std::uint32_t lo = simd::movemask32(simd::greater32(a, simd::splat32(0xBF)));
    const std::uint32_t hi = simd::movemask32(simd::greater32(b, simd::splat32(0xBF)));
    count += static_cast<std::size_t>(__builtin_popcountll(((std::uint64_t{hi} << 32) | lo) & mask));
  }
  return true;
}

template <bool Count>
ZHTEXT_DETAIL_TARGET_AVX2 inline std::size_t avx2_first_bad_block(const unsigned char* s, std::size_t n,
                                                                  std::size_t i, std::size_t& count) noexcept {
  const avx2_consts c = avx2_make_consts();
  avx2_state st;
  st.prev = st.incomplete = simd::m256{};
  std::size_t pos = i;
  for (; n - pos >= utf8_simd_block; pos += utf8_simd_block)
    if (!avx2_block<Count>(c, st, s + pos, ~std::uint64_t{0}, count)) return pos;
  if (pos < n) {
    const std::size_t rest = n - pos;
    if (n - i >= utf8_simd_block + 32) {
      // The last 64 bytes again, overlapping checked ones (which pass again), with the
      // 32 bytes before them as context; only the new bytes are counted.
      st.prev = simd::load32(s + n - utf8_simd_block - 32);
      if (!avx2_block<Count>(c, st, s + n - utf8_simd_block, ~std::uint64_t{0} << (utf8_simd_block - rest), count))
        return pos;
    } else {
      alignas(32) unsigned char tail[utf8_simd_block] = {};  // zero padding: ASCII
      std::memcpy(tail, s + pos, rest);
      if (!avx2_block<Count>(c, st, tail, (std::uint64_t{1} << rest) - 1, count)) return pos;
    }
  }
  return simd::none32(st.incomplete, st.incomplete) ? utf8_no_error : n;
}

// SSSE3: four 16-byte registers per block; the same steps on 16 bytes.

struct sse_consts {
  simd::m128 byte1_high, byte1_low, byte2_high, low_nibble, third_byte, fourth_byte, high_bit, incomplete_max;
};

ZHTEXT_DETAIL_TARGET_SSSE3 inline sse_consts sse_make_consts() noexcept {
  sse_consts c;
  c.byte1_high = simd::load16(utf8_pair_tables.byte1_high);
  c.byte1_low = simd::load16(utf8_pair_tables.byte1_low);
  c.byte2_high = simd::load16(utf8_pair_tables.byte2_high);
  c.low_nibble = simd::splat16(0x0F);
  c.third_byte = simd::splat16(0x60);
  c.fourth_byte = simd::splat16(0x70);
  c.high_bit = simd::splat16(0x80);
  c.incomplete_max = (simd::m128)simd::u8x16{0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                              0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xF0 - 1, 0xE0 - 1, 0xC0 - 1};
  return c;
}

ZHTEXT_DETAIL_TARGET_SSSE3 inline simd::m128 sse_errors(const sse_consts& c, simd::m128 cur,
                                                         simd::m128 prev) noexcept {
  const simd::m128 prev1 = simd::previous16<1>(cur, prev);
  const simd::m128 b1h = simd::lookup16(c.byte1_high, simd::high_nibbles16(prev1, c.low_nibble));
  const simd::m128 b1l = simd::lookup16(c.byte1_low, prev1 & c.low_nibble);
  const simd::m128 b2h = simd::lookup16(c.byte2_high, simd::high_nibbles16(cur, c.low_nibble));
  const simd::m128 pair = b1h & b1l & b2h;
  const simd::m128 third = simd::sub_sat16(simd::previous16<2>(cur, prev), c.third_byte);
  const simd::m128 fourth = simd::sub_sat16(simd::previous16<3>(cur, prev), c.fourth_byte);
  const simd::m128 must_continue = (third | fourth) & c.high_bit;
  return pair ^ must_continue;
}

ZHTEXT_DETAIL_TARGET_SSSE3 inline bool sse_any(simd::m128 v) noexcept {
  return simd::movemask16(simd::equal16(v, simd::m128{})) != 0xFFFF;
}

/// One bit per byte of v that starts a character (is not a continuation byte: is
/// greater than BF as a signed byte, -65).
ZHTEXT_DETAIL_TARGET_SSSE3 inline std::uint64_t sse_starts(simd::m128 v) noexcept {
  return simd::movemask16(simd::greater16(v, simd::splat16(0xBF)));
}

struct sse_state {
  simd::m128 prev, incomplete;
};

template <bool Count>
ZHTEXT_DETAIL_TARGET_SSSE3 inline bool sse_block(const sse_consts& c, sse_state& st, const unsigned char* p,
                                                 std::uint64_t mask, std::size_t& count) noexcept {
  const simd::m128 v0 = simd::load16(p);
  const simd::m128 v1 = simd::load16(p + 16);
  const simd::m128 v2 = simd::load16(p + 32);
  const simd::m128 v3 = simd::load16(p + 48);
  if (simd::movemask16((v0 | v1) | (v2 | v3)) == 0) {  // ASCII
    if (sse_any(st.incomplete)) return false;
    st.prev = v3;
    if (Count) count += static_cast<std::size_t>(__builtin_popcountll(mask));
    return true;
  }
  const simd::m128 err = (sse_errors(c, v0, st.prev) | sse_errors(c, v1, v0)) |
                          (sse_errors(c, v2, v1) | sse_errors(c, v3, v2));
  st.incomplete = simd::sub_sat16(v3, c.incomplete_max);
  st.prev = v3;
  if (sse_any(err)) return false;
  if (Count) {
    const std::uint64_t bits = sse_starts(v0) | (sse_starts(v1) << 16) | (sse_starts(v2) << 32) |
                               (sse_starts(v3) << 48);
    count += static_cast<std::size_t>(__builtin_popcountll(bits & mask));
  }
  return true;
}

template <bool Count>
ZHTEXT_DETAIL_TARGET_SSSE3 inline std::size_t ssse3_first_bad_block(const unsigned char* s, std::size_t n,
                                                                   std::size_t i, std::size_t& count) noexcept {
  const sse_consts c = sse_make_consts();
  sse_state st;
  st.prev = st.incomplete = simd::m128{};
  std::size_t pos = i;
  for (; n - pos >= utf8_simd_block; pos += utf8_simd_block)
    if (!sse_block<Count>(c, st, s + pos, ~std::uint64_t{0}, count)) return pos;
  if (pos < n) {
    const std::size_t rest = n - pos;
    if (n - i >= utf8_simd_block + 16) {  // overlapping, as in avx2_first_bad_block
      st.prev = simd::load16(s + n - utf8_simd_block - 16);
      if (!sse_block<Count>(c, st, s + n - utf8_simd_block, ~std::uint64_t{0} << (utf8_simd_block - rest), count))
        return pos;
    } else {
      alignas(16) unsigned char tail[utf8_simd_block] = {};
      std::memcpy(tail, s + pos, rest);
      if (!sse_block<Count>(c, st, tail, (std::uint64_t{1} << rest) - 1, count)) return pos;
    }
  }
  return sse_any(st.incomplete) ? n : utf8_no_error;
}

#undef ZHTEXT_DETAIL_TARGET_AVX2
#undef ZHTEXT_DETAIL_TARGET_SSSE3

#endif  // ZHTEXT_X86_SIMD

/// True if this build and this CPU can run kernel k.
inline bool utf8_kernel_supported(utf8_kernel k) noexcept {
#ifdef ZHTEXT_X86_SIMD
  static const bool avx2 = [] {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("popcnt");
  }();
  static const bool ssse3 = [] {
    __builtin_cpu_init();
    return __builtin_cpu_supports("ssse3") && __builtin_cpu_supports("popcnt");
  }();
  switch (k) {
    case utf8_kernel::scalar: return true;
    case utf8_kernel::ssse3: return ssse3;
    case utf8_kernel::avx2: return avx2;
  }
  return false;
#else
  return k == utf8_kernel::scalar;
#endif
}

/// The fastest kernel this CPU runs; decided once per process.
inline utf8_kernel best_utf8_kernel() noexcept {
  static const utf8_kernel best = utf8_kernel_supported(utf8_kernel::avx2)    ? utf8_kernel::avx2
                                  : utf8_kernel_supported(utf8_kernel::ssse3) ? utf8_kernel::ssse3
                                                                              : utf8_kernel::scalar;
  return best;
}

/// Runs SIMD kernel k (which must be supported and not scalar; otherwise returns i,
/// "the error may be right here"): the start of the first 64-byte block from i that
/// shows an error, n if s[i, n) ends inside a sequence, utf8_no_error if s[i, n) is
/// valid. With Count, adds the characters before the returned position.
template <bool Count>
inline std::size_t utf8_first_bad_block(utf8_kernel k, const unsigned char* s, std::size_t n, std::size_t i,
                                        std::size_t& count) noexcept {
#ifdef ZHTEXT_X86_SIMD
  if (k == utf8_kernel::avx2) return avx2_first_bad_block<Count>(s, n, i, count);
  if (k == utf8_kernel::ssse3) return ssse3_first_bad_block<Count>(s, n, i, count);
#else
  (void)k, (void)s, (void)n, (void)count;
#endif
  return i;
}

}  // namespace zhtext::detail
