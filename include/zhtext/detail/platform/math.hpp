// zhtext/detail/platform/math.hpp - the few functions of <cmath> the library uses, without
// <cmath>: the natural logarithm (log frequencies of the dictionary, user words and total;
// discover's entropies and cohesion), a power (dedup's LSH probability) and a finiteness
// test (IDF numbers).
//
// Why: with g++ 12 and C++17, <cmath> is ~10,000 preprocessed lines (the special
// functions of C++17 come with it), an eighth of what <zhtext/segment.hpp> would cost
// its users to compile, for three functions. With GCC and Clang, natural_log(x) is
// __builtin_log(x): the builtin that std::log(double) itself is (libstdc++ and libc++
// declare std::log(double) as ::log, which both compilers treat as __builtin_log), so
// it calls the same libm function or folds the same constant: results are identical
// to std::log. power is __builtin_pow (std::pow(double, double)) and is_finite
// __builtin_isfinite (std::isfinite(double)), for the same reason. Elsewhere they are
// the <cmath> functions. Also popcount64 (the bits set in a word), for
// the rank bitmaps of discover/ngram_index.hpp and dedup/doc_offsets.hpp.
// Thread safety: pure functions.
#pragma once

#include <cstdint>

// ZHTEXT_DETAIL_MATH(f): the compiler's builtin for <cmath>'s f, or std::f (undefined
// again at the end of this header).
#if defined(__GNUC__) || defined(__clang__)
#define ZHTEXT_DETAIL_MATH(f) __builtin_##f
#else
#include <cmath>
#define ZHTEXT_DETAIL_MATH(f) std::f
#endif

namespace zhtext::detail {

/// log(x), as std::log(double).
inline double natural_log(double x) noexcept { return ZHTEXT_DETAIL_MATH(log)(x); }

/// pow(x, y), as std::pow(double, double).
inline double power(double x, double y) noexcept { return ZHTEXT_DETAIL_MATH(pow)(x, y); }

/// Whether x is neither infinite nor NaN, as std::isfinite(double).
inline bool is_finite(double x) noexcept { return ZHTEXT_DETAIL_MATH(isfinite)(x); }

#undef ZHTEXT_DETAIL_MATH

/// The bits set in x.
inline std::uint32_t popcount64(std::uint64_t x) noexcept {
#if defined(__GNUC__) || defined(__clang__)
  return static_cast<std::uint32_t>(__builtin_popcountll(x));
#else
  std::uint32_t c = 0;
  for (; x != 0; x &= x - 1) ++c;
  return c;
#endif
}

}  // namespace zhtext::detail
