// zhtext/detail/platform/x86_simd.hpp - the x86 vector operations of zhtext's SIMD
// kernels (UTF-8 validation: detail/unicode/utf8_simd.hpp; the match prefilter:
// detail/match/scan.hpp), written with GCC/Clang vector extensions and the compiler's
// builtins, without <immintrin.h>.
//
// Why not the intrinsics header: with g++ 12, <immintrin.h> and the AVX-512 headers it
// includes add ~61,000 preprocessed lines to <zhtext/segment.hpp> (80,000 without them),
// and to every other header that validates UTF-8, for the ~20 operations below. Each operation here is what the
// compiler's own intrinsic does (GCC 12 and Clang 14 headers read side by side: the same
// builtin, or the same vector-extension expression), so the kernels compile to the same
// instructions (pshufb, palignr, vperm2i128, psubusb, pmovmskb, vptest, vpgatherdd ...).
// The two compilers spell a few builtins differently (palignr counts bits in GCC and
// bytes in Clang; the gather's name; saturating subtraction is generic from Clang 15 on);
// those operations have one branch per compiler.
//
// Every operation carries the target attribute of the instruction set it needs, so it
// is inlined only into kernels compiled for that set (or a superset); the kernels run
// only where __builtin_cpu_supports says the CPU has it.
//
// ZHTEXT_X86_SIMD is defined where this works: x86 with GCC or Clang (not clang-cl,
// whose __builtin_cpu_supports needs compiler-rt). Define ZHTEXT_NO_SIMD to build
// zhtext's scalar code only.
#pragma once

#include <cstring>

#if (defined(__x86_64__) || defined(__i386__)) && (defined(__GNUC__) || defined(__clang__)) && \
    !defined(_MSC_VER) && !defined(ZHTEXT_NO_SIMD)
#define ZHTEXT_X86_SIMD 1
#endif

#ifdef ZHTEXT_X86_SIMD

#define ZHTEXT_TARGET_SSSE3 __attribute__((target("ssse3"), always_inline, artificial))
#define ZHTEXT_TARGET_AVX2 __attribute__((target("avx2"), always_inline, artificial))

namespace zhtext::detail::simd {

// The register types, as the intrinsics define __m128i and __m256i (64-bit lanes, may
// alias anything), and the lane views the builtins take.
typedef long long m128 __attribute__((vector_size(16), may_alias));
typedef long long m128_unaligned __attribute__((vector_size(16), may_alias, aligned(1)));
typedef long long m256 __attribute__((vector_size(32), may_alias));
typedef long long m256_unaligned __attribute__((vector_size(32), may_alias, aligned(1)));
typedef char i8x16 __attribute__((vector_size(16)));
typedef signed char s8x16 __attribute__((vector_size(16)));
typedef unsigned char u8x16 __attribute__((vector_size(16)));
typedef short i16x8 __attribute__((vector_size(16)));
typedef int i32x4 __attribute__((vector_size(16)));
typedef char i8x32 __attribute__((vector_size(32)));
typedef signed char s8x32 __attribute__((vector_size(32)));
typedef unsigned char u8x32 __attribute__((vector_size(32)));
typedef short i16x16 __attribute__((vector_size(32)));
typedef int i32x8 __attribute__((vector_size(32)));
typedef unsigned u32x8 __attribute__((vector_size(32)));

// ---- SSSE3: 16 bytes -------------------------------------------------------------------

/// 16 bytes from p, any alignment (_mm_loadu_si128).
ZHTEXT_TARGET_SSSE3 inline m128 load16(const void* p) noexcept { return *static_cast<const m128_unaligned*>(p); }
/// Byte b in every lane (_mm_set1_epi8).
ZHTEXT_TARGET_SSSE3 inline m128 splat16(unsigned char b) noexcept { return (m128)(u8x16{} + b); }
/// table[idx & 15] per byte, 0 where idx has its top bit set (_mm_shuffle_epi8).
ZHTEXT_TARGET_SSSE3 inline m128 lookup16(m128 table, m128 idx) noexcept {
  return (m128)__builtin_ia32_pshufb128((i8x16)table, (i8x16)idx);
}
/// The 16 bytes that end K bytes before the end of cur, the first K from the end of
/// prev (_mm_alignr_epi8(cur, prev, 16 - K)).
template <int K>
ZHTEXT_TARGET_SSSE3 inline m128 previous16(m128 cur, m128 prev) noexcept {
#ifdef __clang__
  return (m128)__builtin_ia32_palignr128((i8x16)cur, (i8x16)prev, 16 - K);
#else
  return (m128)__builtin_ia32_palignr128(cur, prev, (16 - K) * 8);
#endif
}
/// Each byte's high nibble (_mm_srli_epi16(v, 4) & 0x0F per byte).
ZHTEXT_TARGET_SSSE3 inline m128 high_nibbles16(m128 v, m128 low_nibble) noexcept {
  return (m128)__builtin_ia32_psrlwi128((i16x8)v, 4) & low_nibble;
}
/// a - b per unsigned byte, 0 where b > a (_mm_subs_epu8).
ZHTEXT_TARGET_SSSE3 inline m128 sub_sat16(m128 a, m128 b) noexcept {
#if defined(__clang__) && __has_builtin(__builtin_elementwise_sub_sat)
  return (m128)__builtin_elementwise_sub_sat((u8x16)a, (u8x16)b);
#else
  return (m128)__builtin_ia32_psubusb128((i8x16)a, (i8x16)b);
#endif
}
/// 0xFF where a > b as signed bytes, else 0 (_mm_cmpgt_epi8).
ZHTEXT_TARGET_SSSE3 inline m128 greater16(m128 a, m128 b) noexcept { return (m128)((s8x16)a > (s8x16)b); }
/// 0xFF where a == b, else 0 (_mm_cmpeq_epi8).
ZHTEXT_TARGET_SSSE3 inline m128 equal16(m128 a, m128 b) noexcept { return (m128)((i8x16)a == (i8x16)b); }
/// The top bit of each byte, byte i in bit i (_mm_movemask_epi8).
ZHTEXT_TARGET_SSSE3 inline unsigned movemask16(m128 v) noexcept {
  return static_cast<unsigned>(__builtin_ia32_pmovmskb128((i8x16)v));
}

// ---- AVX2: 32 bytes --------------------------------------------------------------------

/// 32 bytes from p, any alignment (_mm256_loadu_si256).
ZHTEXT_TARGET_AVX2 inline m256 load32(const void* p) noexcept { return *static_cast<const m256_unaligned*>(p); }
/// Byte b in every lane (_mm256_set1_epi8).
ZHTEXT_TARGET_AVX2 inline m256 splat32(unsigned char b) noexcept { return (m256)(u8x32{} + b); }
/// 32-bit value v in every lane (_mm256_set1_epi32).
ZHTEXT_TARGET_AVX2 inline m256 splat32_u32(unsigned v) noexcept { return (m256)(u32x8{} + v); }
/// The 16 bytes at p in both halves (_mm256_broadcastsi128_si256(_mm_loadu_si128(p))).
ZHTEXT_TARGET_AVX2 inline m256 broadcast16(const void* p) noexcept {
  const m128 v = *static_cast<const m128_unaligned*>(p);
#ifdef __clang__
  return (m256)__builtin_shufflevector(v, v, 0, 1, 0, 1);
#else
  return (m256)__builtin_ia32_vbroadcastsi256(v);
#endif
}
/// The 16 bytes at lo in the low half, those at hi in the high half
/// (_mm256_inserti128_si256(_mm256_castsi128_si256(load lo), load hi, 1)).
ZHTEXT_TARGET_AVX2 inline m256 load16x2(const void* lo, const void* hi) noexcept {
  const m128 a = *static_cast<const m128_unaligned*>(lo), b = *static_cast<const m128_unaligned*>(hi);
#ifdef __clang__
  return (m256)__builtin_ia32_insert128i256(__builtin_shufflevector(a, a, 0, 1, -1, -1), b, 1);
#else
  return (m256)__builtin_ia32_insert128i256((m256)__builtin_ia32_si256_si((i32x4)a), b, 1);
#endif
}
/// In each 16-byte half: table[idx & 15] per byte from that half of table, 0 where idx
/// has its top bit set (_mm256_shuffle_epi8).
ZHTEXT_TARGET_AVX2 inline m256 lookup32(m256 table, m256 idx) noexcept {
  return (m256)__builtin_ia32_pshufb256((i8x32)table, (i8x32)idx);
}
/// The 32 bytes that end K bytes before the end of cur, the first K from the end of
/// prev (_mm256_alignr_epi8(cur, _mm256_permute2x128_si256(prev, cur, 0x21), 16 - K)).
template <int K>
ZHTEXT_TARGET_AVX2 inline m256 previous32(m256 cur, m256 prev) noexcept {
  const m256 mid = (m256)__builtin_ia32_permti256(prev, cur, 0x21);  // prev's high half, cur's low half
#ifdef __clang__
  return (m256)__builtin_ia32_palignr256((i8x32)cur, (i8x32)mid, 16 - K);
#else
  return (m256)__builtin_ia32_palignr256(cur, mid, (16 - K) * 8);
#endif
}
/// Each byte's high nibble (_mm256_srli_epi16(v, 4) & 0x0F per byte).
ZHTEXT_TARGET_AVX2 inline m256 high_nibbles32(m256 v, m256 low_nibble) noexcept {
  return (m256)__builtin_ia32_psrlwi256((i16x16)v, 4) & low_nibble;
}
/// a - b per unsigned byte, 0 where b > a (_mm256_subs_epu8).
ZHTEXT_TARGET_AVX2 inline m256 sub_sat32(m256 a, m256 b) noexcept {
#if defined(__clang__) && __has_builtin(__builtin_elementwise_sub_sat)
  return (m256)__builtin_elementwise_sub_sat((u8x32)a, (u8x32)b);
#else
  return (m256)__builtin_ia32_psubusb256((i8x32)a, (i8x32)b);
#endif
}
/// 0xFF where a > b as signed bytes, else 0 (_mm256_cmpgt_epi8).
ZHTEXT_TARGET_AVX2 inline m256 greater32(m256 a, m256 b) noexcept { return (m256)((s8x32)a > (s8x32)b); }
/// The top bit of each byte, byte i in bit i (_mm256_movemask_epi8).
ZHTEXT_TARGET_AVX2 inline unsigned movemask32(m256 v) noexcept {
  return static_cast<unsigned>(__builtin_ia32_pmovmskb256((i8x32)v));
}
/// True if a & b is all zero (_mm256_testz_si256).
ZHTEXT_TARGET_AVX2 inline bool none32(m256 a, m256 b) noexcept { return __builtin_ia32_ptestz256(a, b) != 0; }
/// Per 32-bit lane: a * b, low 32 bits (_mm256_mullo_epi32); a + b (_mm256_add_epi32).
ZHTEXT_TARGET_AVX2 inline m256 mul32(m256 a, m256 b) noexcept { return (m256)((u32x8)a * (u32x8)b); }
ZHTEXT_TARGET_AVX2 inline m256 add32(m256 a, m256 b) noexcept { return (m256)((u32x8)a + (u32x8)b); }
/// Per 32-bit lane: a >> n, n the same for all lanes (_mm256_srl_epi32 with n in an
/// __m128i) and n a constant (_mm256_srli_epi32).
ZHTEXT_TARGET_AVX2 inline m256 shift_right32(m256 a, unsigned n) noexcept {
  return (m256)__builtin_ia32_psrld256((i32x8)a, i32x4{static_cast<int>(n), 0, 0, 0});
}
template <int N>
ZHTEXT_TARGET_AVX2 inline m256 shift_right32(m256 a) noexcept {
  return (m256)__builtin_ia32_psrldi256((i32x8)a, N);
}
/// Per 32-bit lane: a >> n (_mm256_srlv_epi32).
ZHTEXT_TARGET_AVX2 inline m256 shift_right_lanes32(m256 a, m256 n) noexcept {
  return (m256)__builtin_ia32_psrlv8si((i32x8)a, (i32x8)n);
}
/// base[idx] for the 8 32-bit lanes (_mm256_i32gather_epi32(base, idx, 4)).
ZHTEXT_TARGET_AVX2 inline m256 gather32(const void* base, m256 idx) noexcept {
  const i32x8 all = i32x8{} - 1;
#ifdef __clang__
  return (m256)__builtin_ia32_gatherd_d256(i32x8{}, static_cast<const int*>(base), (i32x8)idx, all, 4);
#else
  return (m256)__builtin_ia32_gathersiv8si(i32x8{}, static_cast<const int*>(base), (i32x8)idx, all, 4);
#endif
}

}  // namespace zhtext::detail::simd

#endif  // ZHTEXT_X86_SIMD
