// zhtext/utf8.hpp - UTF-8 validation, lenient decoding, code point iteration.
//
// Everything here works on `std::string_view` and never reads outside it. Ill-formed
// input is normal input: validation reports the byte offset and the kind of the first
// error, and the lenient decoder turns each *maximal subpart* of an ill-formed
// sequence into one U+FFFD (Unicode 15.0 §3.9, "U+FFFD Substitution of Maximal
// Subparts"; the WHATWG Encoding Standard does the same), so every byte string has
// exactly one decoding.
//
// Relation to utfcpp (our dependency): encoding goes through utfcpp
// (`utf8::unchecked::append`); the validating scan is zhtext's own because it must name
// the error kind (utfcpp folds surrogates and > U+10FFFF into one code) and because
// it is several times faster: on x86 a SIMD validator (detail/unicode/utf8_simd.hpp, Keiser &
// Lemire's lookup algorithm, AVX2 or SSSE3 chosen at run time) checks 64-byte blocks
// and, where a block shows an error, the scalar decoder below finds its exact offset
// and kind; short inputs and other CPUs use the scalar scan alone (see
// benchmarks/README.md, which measures both beside `utf8::is_valid` and
// `utf8::distance`). The tests check all paths and utfcpp agree.
//
//   std::string_view text = "新闻\xE4";
//   auto v = zhtext::validate_utf8(text);        // v.ok == false, v.offset == 6,
//                                                // v.kind == utf8_errc::truncated
//   for (auto cp : zhtext::code_points(text))    // 新 闻 U+FFFD (lazy; also
//     std::printf("%zu U+%04X\n", cp.offset, unsigned(cp.value));  // for_each_code_point,
//                                                // code_point_vector)
//   std::string clean = zhtext::repair_utf8(text); // "新闻\uFFFD"
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "detail/unicode/utf8_decode.hpp"

namespace zhtext {

// The types of this API - replacement_character, replacement_utf8, utf8_bom and
// without_utf8_bom (the one rule for dropping a byte-order mark), byte_range,
// utf8_errc (and to_string), utf8_validation, code_point, decoded and code_point_range -
// are defined with the decoder in detail/unicode/utf8_decode.hpp, which the internals
// share.

/// Decodes the code point at the start of `s` leniently. `s` must not be empty.
/// Returns U+FFFD with the maximal subpart's size and the error kind if ill-formed.
using detail::decode_utf8;

/// Validates `s`. O(n), no allocation. On failure reports the first error's byte
/// offset, maximal-subpart length and kind.
using detail::validate_utf8;

/// True if `s` is well-formed UTF-8 (the empty string is).
using detail::is_valid_utf8;

/// Number of code points in the lenient decoding of `s` (each ill-formed maximal
/// subpart counts as one U+FFFD). One pass, same speed as validation on valid text.
inline std::size_t count_code_points(std::string_view s) noexcept {
  return detail::count_code_points_using(detail::best_utf8_kernel(), s);
}

/// Length of the longest prefix of `s` that does not end inside a sequence that the
/// next bytes could still complete. Streaming readers process this prefix and carry
/// the rest (at most 3 bytes) into the next chunk, so chunking never changes results.
using detail::complete_prefix_length;

/// Byte offset of code point number `index` in the lenient decoding of `s`, or
/// s.size() if `s` has fewer code points. O(index).
inline std::size_t byte_offset_of_code_point(std::string_view s, std::size_t index) noexcept {
  const unsigned char* p = detail::bytes(s);
  const std::size_t n = s.size();
  std::size_t i = 0;
  for (std::size_t k = 0; k < index && i < n; ++k) i += detail::decode_at(p + i, p + n).size;
  return i;
}

/// Number of code points (lenient decoding) that start before byte `offset`; an
/// offset inside a sequence counts that sequence. O(offset).
inline std::size_t code_point_index_of_byte(std::string_view s, std::size_t offset) noexcept {
  if (offset > s.size()) offset = s.size();
  const unsigned char* p = detail::bytes(s);
  std::size_t i = 0, k = 0;
  while (i < offset) {
    i += detail::decode_at(p + i, p + s.size()).size;
    ++k;
  }
  return k;
}

/// Appends the UTF-8 encoding of `cp` to `out`; surrogates and values above
/// U+10FFFF are written as U+FFFD. Uses utfcpp.
using detail::append_utf8;

/// Returns `s` with each maximal ill-formed subpart replaced by U+FFFD (EF BF BD).
/// Valid input is returned unchanged. O(n).
using detail::repair_utf8;

/// The code points of `s` as a lazy forward range of `code_point` (lenient decoding:
/// one U+FFFD per maximal ill-formed subpart). No allocation; O(n) for a full pass.
inline code_point_range code_points(std::string_view s) noexcept { return code_point_range(s); }
/// Deleted: the range would outlive the temporary std::string it views.
template <class S, detail::if_temporary_string<S> = 0>
code_point_range code_points(S&&) = delete;

/// Calls `f(const code_point&)` for each code point of `s` (lenient decoding); no
/// allocation.
template <class F>
void for_each_code_point(std::string_view s, F&& f) {
  detail::for_each_item(detail::code_point_cursor(s), f);
}

/// The code points of `s` in a vector (lenient decoding).
inline std::vector<code_point> code_point_vector(std::string_view s) { return detail::collect_items(detail::code_point_cursor(s)); }

/// Decodes all of `s` leniently into UTF-32.
inline std::u32string to_utf32(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for_each_code_point(s, [&](const code_point& cp) { out.push_back(cp.value); });
  return out;
}

/// Encodes UTF-32 as UTF-8 (invalid scalar values become U+FFFD).
using detail::to_utf8;

}  // namespace zhtext
