// zhtext/detail/platform/math.hpp - the natural logarithm of the segmentation path
// (log frequencies of the dictionary, user words and total) without <cmath>.
//
// Why: with g++ 12 and C++17, <cmath> is ~10,000 preprocessed lines (the special
// functions of C++17 come with it), an eighth of what <zhtext/segment.hpp> would cost
// its users to compile, for one function. With GCC and Clang, natural_log(x) is
// __builtin_log(x): the builtin that std::log(double) itself is (libstdc++ and libc++
// declare std::log(double) as ::log, which both compilers treat as __builtin_log), so
// it calls the same libm function or folds the same constant: results are identical
// to std::log. Elsewhere it is std::log.
// Thread safety: a pure function.
#pragma once

#if !defined(__GNUC__) && !defined(__clang__)
#include <cmath>
#endif

namespace zhtext::detail {

/// log(x), as std::log(double).
inline double natural_log(double x) noexcept {
#if defined(__GNUC__) || defined(__clang__)
  return __builtin_log(x);
#else
  return std::log(x);
#endif
}

}  // namespace zhtext::detail
