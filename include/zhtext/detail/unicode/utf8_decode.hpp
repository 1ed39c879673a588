// zhtext/detail/unicode/utf8_decode.hpp - the UTF-8 decoder and scanners every layer
// shares, and the vocabulary types of zhtext/utf8.hpp.
//
// zhtext/utf8.hpp is the API and its documentation; this file holds what the internals
// (detail/*) need from it, so that they never include a public header: the types
// byte_range, decoded, utf8_errc, utf8_validation, code_point and code_point_range (in
// namespace zhtext: they are public types, documented here), and in namespace
// zhtext::detail the lenient decoder `decode_at`, the scalar and SIMD-dispatched scans
// and the functions utf8.hpp exposes with `using` (decode_utf8, validate_utf8,
// is_valid_utf8, complete_prefix_length, append_utf8, repair_utf8, to_utf8).
//
// The validating scan: on x86 a SIMD validator (utf8_simd.hpp, Keiser & Lemire's lookup
// algorithm, AVX2 or SSSE3 chosen at run time) checks 64-byte blocks and, where a block
// shows an error, the scalar decoder finds its exact offset and kind; short inputs and
// other CPUs use the scalar scan alone. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <string>
#include <string_view>
#include <type_traits>

// utfcpp: only its unchecked encoder (utf8::unchecked::append) is used, so only that
// header is included; <utf8.h> would bring utfcpp's checked API, which throws and does
// not compile with -fno-exceptions.
#include <utf8/unchecked.h>

#include "../ranges/lazy_range.hpp"
#include "utf8_simd.hpp"

namespace zhtext {

/// The replacement character U+FFFD and its UTF-8 encoding.
inline constexpr char32_t replacement_character = 0xFFFD;
inline constexpr std::string_view replacement_utf8 = "\xEF\xBF\xBD";

/// The byte-order mark U+FEFF in UTF-8 (EF BB BF).
inline constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

/// `text` without one UTF-8 byte-order mark at its start (unchanged when it has none).
/// The one rule by which zhtext's own file formats (stop_words lists, OpenCC text
/// dictionaries) and every input and data file of the `zhtext` program drop a BOM: it
/// is a signature, not text. The jieba-compatible loaders do what jieba does (IDF
/// tables and keyword stop words keep it in the first word, dictionaries strip it at
/// every line start); the `zhtext` program drops it before them.
constexpr std::string_view without_utf8_bom(std::string_view text) noexcept {
  return text.substr(0, utf8_bom.size()) == utf8_bom ? text.substr(utf8_bom.size()) : text;
}

/// A byte range [begin, end) in some text.
struct byte_range {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::size_t size() const noexcept { return end - begin; }
  friend bool operator==(const byte_range& a, const byte_range& b) noexcept {
    return a.begin == b.begin && a.end == b.end;
  }
  friend bool operator!=(const byte_range& a, const byte_range& b) noexcept { return !(a == b); }
};

/// Kinds of ill-formed UTF-8, named after what a reader of the bytes sees.
enum class utf8_errc : std::uint8_t {
  ok = 0,
  truncated,           ///< a lead byte not followed by enough continuation bytes (or input ends)
  overlong,            ///< C0, C1, E0 80..9F, F0 80..8F: a longer form than needed
  surrogate,           ///< ED A0..BF: U+D800..U+DFFF, which UTF-8 must not encode
  too_large,           ///< F4 90.., F5..F7: above U+10FFFF
  stray_continuation,  ///< a continuation byte 80..BF with no lead byte before it
  invalid_byte,        ///< F8..FF: bytes that never occur in UTF-8
};

/// Human-readable name of an error kind ("truncated sequence", ...).
constexpr const char* to_string(utf8_errc kind) noexcept {
  switch (kind) {
    case utf8_errc::ok: return "ok";
    case utf8_errc::truncated: return "truncated sequence";
    case utf8_errc::overlong: return "overlong encoding";
    case utf8_errc::surrogate: return "encoded surrogate";
    case utf8_errc::too_large: return "code point above U+10FFFF";
    case utf8_errc::stray_continuation: return "stray continuation byte";
    case utf8_errc::invalid_byte: return "invalid byte";
  }
  return "unknown";
}

/// Outcome of validation: `ok`, or where the first ill-formed sequence starts, how
/// many bytes its maximal subpart covers, and what is wrong with it.
struct utf8_validation {
  bool ok = true;
  std::size_t offset = 0;  ///< byte offset of the first ill-formed sequence (size() when ok)
  std::size_t length = 0;  ///< bytes in its maximal subpart (1..3); 0 when ok
  utf8_errc kind = utf8_errc::ok;
  explicit operator bool() const noexcept { return ok; }
};

/// One decoded code point: the value (U+FFFD for an ill-formed subpart), where it
/// starts in the input, how many bytes it covers, and whether those bytes were valid.
struct code_point {
  char32_t value = 0;
  std::size_t offset = 0;
  std::uint8_t size = 0;   ///< 1..4 bytes; an ill-formed subpart covers 1..3
  bool valid = true;
};

/// Result of decoding one sequence: the code point (U+FFFD if ill-formed), the number
/// of bytes consumed (>= 1 unless the input is empty), and the error kind.
struct decoded {
  char32_t value = 0;
  std::uint8_t size = 0;
  utf8_errc error = utf8_errc::ok;
};

namespace detail {

constexpr bool is_continuation(unsigned char b) noexcept { return (b & 0xC0) == 0x80; }

inline std::uint64_t load_u64(const unsigned char* p) noexcept {
  std::uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

/// Decodes the sequence at p (p < end). Follows Unicode Table 3-7 (well-formed byte
/// sequences) and reports the maximal subpart on error.
inline decoded decode_at(const unsigned char* p, const unsigned char* end) noexcept {
  const unsigned c = p[0];
  const std::size_t avail = static_cast<std::size_t>(end - p);
  if (c < 0x80) return {c, 1, utf8_errc::ok};
  if (c < 0xC0) return {replacement_character, 1, utf8_errc::stray_continuation};
  if (c < 0xC2) return {replacement_character, 1, utf8_errc::overlong};
  if (c < 0xE0) {
    if (avail < 2 || !is_continuation(p[1])) return {replacement_character, 1, utf8_errc::truncated};
    return {static_cast<char32_t>(((c & 0x1F) << 6) | (p[1] & 0x3F)), 2, utf8_errc::ok};
  }
  if (c < 0xF0) {
    if (avail < 2 || !is_continuation(p[1])) return {replacement_character, 1, utf8_errc::truncated};
    if (c == 0xE0 && p[1] < 0xA0) return {replacement_character, 1, utf8_errc::overlong};
    if (c == 0xED && p[1] > 0x9F) return {replacement_character, 1, utf8_errc::surrogate};
    if (avail < 3 || !is_continuation(p[2])) return {replacement_character, 2, utf8_errc::truncated};
    return {static_cast<char32_t>(((c & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F)), 3,
            utf8_errc::ok};
  }
  if (c < 0xF5) {
    if (avail < 2 || !is_continuation(p[1])) return {replacement_character, 1, utf8_errc::truncated};
    if (c == 0xF0 && p[1] < 0x90) return {replacement_character, 1, utf8_errc::overlong};
    if (c == 0xF4 && p[1] > 0x8F) return {replacement_character, 1, utf8_errc::too_large};
    if (avail < 3 || !is_continuation(p[2])) return {replacement_character, 2, utf8_errc::truncated};
    if (avail < 4 || !is_continuation(p[3])) return {replacement_character, 3, utf8_errc::truncated};
    return {static_cast<char32_t>(((c & 0x07) << 18) | ((p[1] & 0x3F) << 12) | ((p[2] & 0x3F) << 6) |
                                  (p[3] & 0x3F)),
            4, utf8_errc::ok};
  }
  if (c < 0xF8) return {replacement_character, 1, utf8_errc::too_large};
  return {replacement_character, 1, utf8_errc::invalid_byte};
}

/// The scalar scan: scans well-formed UTF-8 from s+i (a character boundary) and
/// returns the offset of the first ill-formed sequence, or the first character boundary
/// at or after `limit` (<= n) if there is none before it, adding the number of code
/// points passed to `count`.
///
/// Cost: ~0.1 ns/byte on ASCII (16 bytes per step), one predictable branch chain per
/// code point elsewhere; no per-byte branches inside a multi-byte sequence.
inline std::size_t scan_valid(const unsigned char* s, std::size_t n, std::size_t i, std::size_t& count,
                              std::size_t limit) noexcept {
  constexpr std::uint64_t high_bits = 0x8080808080808080ULL;
  while (i < limit) {
    if (n - i >= 16 && ((load_u64(s + i) | load_u64(s + i + 8)) & high_bits) == 0) {
      i += 16;
      count += 16;
      continue;
    }
    const unsigned c = s[i];
    if (c < 0x80) {
      ++i;
      ++count;
      continue;
    }
    if (c >= 0xE0 && c < 0xF0) {  // 3 bytes: all of CJK and its punctuation
      if (n - i < 3) return i;
      const unsigned b1 = s[i + 1], b2 = s[i + 2];
      const unsigned lo = c == 0xE0 ? 0xA0 : 0x80;
      const unsigned hi = c == 0xED ? 0x9F : 0xBF;
      if (b1 < lo || b1 > hi || !is_continuation(static_cast<unsigned char>(b2))) return i;
      i += 3;
      ++count;
      continue;
    }
    if (c >= 0xC2 && c < 0xE0) {
      if (n - i < 2 || !is_continuation(s[i + 1])) return i;
      i += 2;
      ++count;
      continue;
    }
    if (c >= 0xF0 && c < 0xF5) {
      if (n - i < 4) return i;
      const unsigned b1 = s[i + 1];
      const unsigned lo = c == 0xF0 ? 0x90 : 0x80;
      const unsigned hi = c == 0xF4 ? 0x8F : 0xBF;
      if (b1 < lo || b1 > hi || !is_continuation(s[i + 2]) || !is_continuation(s[i + 3])) return i;
      i += 4;
      ++count;
      continue;
    }
    return i;
  }
  return i;
}

/// The scalar scan of s[i, n): the offset of the first ill-formed sequence, or n.
inline std::size_t scan_valid(const unsigned char* s, std::size_t n, std::size_t i, std::size_t& count) noexcept {
  return scan_valid(s, n, i, count, n);
}

/// Inputs shorter than this skip the SIMD kernels (their set-up costs more than the
/// scalar scan of a few characters).
inline constexpr std::size_t utf8_simd_min_bytes = 32;

/// The start of the last character of s[i, p) if it begins in its last 3 bytes, else
/// p. Given that s[i, p) is well-formed except that its last character may be cut
/// off, the result is a character boundary from which a scan sees the same errors.
inline std::size_t last_boundary(const unsigned char* s, std::size_t i, std::size_t p) noexcept {
  for (std::size_t j = p; j > i && p - j < 3; --j)
    if (!is_continuation(s[j - 1])) return j - 1;
  return p;
}

/// scan_valid(s, n, i, count) with kernel k: the same result (and, with Count, the
/// same count), found by the SIMD kernel block by block; the block where the kernel
/// sees an error is rescanned by the scalar scan from the last character boundary
/// before it (all earlier blocks were valid), so offsets are exact.
template <bool Count>
inline std::size_t scan_valid_using(utf8_kernel k, const unsigned char* s, std::size_t n, std::size_t i,
                                    std::size_t& count) noexcept {
  if (k == utf8_kernel::scalar || n - i < utf8_simd_min_bytes) return scan_valid(s, n, i, count);
  while (i < n) {
    std::size_t valid_count = 0;
    const std::size_t bad = utf8_first_bad_block<Count>(k, s, n, i, valid_count);
    if (bad == utf8_no_error) {
      count += valid_count;
      return n;
    }
    const std::size_t from = last_boundary(s, i, bad);
    if constexpr (Count) count += valid_count - (from < bad ? 1 : 0);  // s[from] was counted
    const std::size_t limit = n - bad > utf8_simd_block ? bad + utf8_simd_block : n;  // the block's end
    i = scan_valid(s, n, from, count, limit);
    if (i < limit || i == n) return i;
    // No error up to the end of the block: a false alarm, which the tests rule out;
    // carry on from the character boundary reached.
  }
  return n;
}

/// SFINAE guard for deleted overloads that catch a temporary std::string, which a
/// returned view or lazy range would outlive.
template <class S>
using if_temporary_string = std::enable_if_t<std::is_same_v<S, std::string>, int>;

inline const unsigned char* bytes(std::string_view s) noexcept {
  return reinterpret_cast<const unsigned char*>(s.data());
}

/// See zhtext::decode_utf8 (utf8.hpp).
inline decoded decode_utf8(std::string_view s) noexcept {
  if (s.empty()) return {replacement_character, 0, utf8_errc::truncated};
  return decode_at(bytes(s), bytes(s) + s.size());
}


// The public functions below with an explicit kernel, so that the tests can run every
// kernel against the scalar one.

inline utf8_validation validate_utf8_using(utf8_kernel k, std::string_view s) noexcept {
  std::size_t count = 0;
  const std::size_t at = scan_valid_using<false>(k, bytes(s), s.size(), 0, count);
  if (at == s.size()) return {true, s.size(), 0, utf8_errc::ok};
  const decoded d = decode_at(bytes(s) + at, bytes(s) + s.size());
  return {false, at, d.size, d.error};
}

/// After an error, the lenient loops go on with the scalar scan for one block before
/// they restart the SIMD scan: errors come in clusters (binary data, a wrong
/// encoding), and each restart costs about one block.
template <bool Count>
inline std::size_t scan_after_error(utf8_kernel k, const unsigned char* s, std::size_t n, std::size_t i,
                                    std::size_t& count) noexcept {
  const std::size_t limit = n - i > utf8_simd_block ? i + utf8_simd_block : n;
  i = scan_valid(s, n, i, count, limit);
  return i < limit || i == n ? i : scan_valid_using<Count>(k, s, n, i, count);
}

inline std::size_t count_code_points_using(utf8_kernel k, std::string_view s) noexcept {
  const unsigned char* p = bytes(s);
  const std::size_t n = s.size();
  std::size_t count = 0;
  std::size_t i = scan_valid_using<true>(k, p, n, 0, count);
  while (i < n) {  // at an ill-formed sequence
    i += decode_at(p + i, p + n).size;
    ++count;
    i = scan_after_error<true>(k, p, n, i, count);
  }
  return count;
}

/// Appends repair_utf8(s) to `out` (the one repair loop: repair_utf8, and the pieces
/// of for_each_repaired_char_ngram in ngram.hpp).
inline void append_repaired_utf8_using(utf8_kernel k, std::string_view s, std::string& out) {
  const unsigned char* p = bytes(s);
  const std::size_t n = s.size();
  std::size_t count = 0, i = 0;
  std::size_t bad = scan_valid_using<false>(k, p, n, 0, count);
  while (true) {
    out.append(s.data() + i, bad - i);
    if (bad == n) break;
    out.append(replacement_utf8);
    i = bad + decode_at(p + bad, p + n).size;
    bad = scan_after_error<false>(k, p, n, i, count);
  }
}

inline std::string repair_utf8_using(utf8_kernel k, std::string_view s) {
  std::string out;
  out.reserve(s.size());
  append_repaired_utf8_using(k, s, out);
  return out;
}


/// See zhtext::validate_utf8 (utf8.hpp).
inline utf8_validation validate_utf8(std::string_view s) noexcept {
  return validate_utf8_using(best_utf8_kernel(), s);
}

/// See zhtext::is_valid_utf8 (utf8.hpp).
inline bool is_valid_utf8(std::string_view s) noexcept { return validate_utf8(s).ok; }

/// See zhtext::complete_prefix_length (utf8.hpp).
inline std::size_t complete_prefix_length(std::string_view s) noexcept {
  const unsigned char* p = bytes(s);
  const std::size_t n = s.size();
  // Look back at most 3 bytes for a lead byte whose sequence runs past the end.
  for (std::size_t back = 1; back <= 3 && back <= n; ++back) {
    const unsigned char c = p[n - back];
    if (is_continuation(c)) continue;
    if (c < 0xC2 || c > 0xF4) return n;  // ASCII or a byte that never leads: complete
    const std::size_t need = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (need <= back) return n;
    // Incomplete so far; only hold it back if the bytes seen could still be valid.
    const decoded d = decode_at(p + n - back, p + n);
    const bool could_complete = d.error == utf8_errc::truncated && d.size == back;
    return could_complete ? n - back : n;
  }
  return n;
}

/// See zhtext::append_utf8 (utf8.hpp).
inline void append_utf8(std::string& out, char32_t cp) {
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = replacement_character;
  utf8::unchecked::append(static_cast<std::uint32_t>(cp), std::back_inserter(out));
}

/// See zhtext::repair_utf8 (utf8.hpp).
inline std::string repair_utf8(std::string_view s) {
  return repair_utf8_using(best_utf8_kernel(), s);
}

/// See zhtext::to_utf8 (utf8.hpp).
inline std::string to_utf8(std::u32string_view s) {
  std::string out;
  out.reserve(s.size() * 3);
  for (char32_t c : s) append_utf8(out, c);
  return out;
}

}  // namespace detail

namespace detail {

/// The cursor of code_point_range (see detail/ranges/lazy_range.hpp): the code points of
/// a text, decoded leniently one at a time.
class code_point_cursor {
 public:
  using value_type = code_point;
  code_point_cursor() = default;
  code_point_cursor(std::string_view s) noexcept : s_(s) {}  // NOLINT: implicit, so code_point_range(s) reads well
  bool next(code_point& out) noexcept {
    if (pos_ >= s_.size()) return false;
    const decoded d = decode_at(bytes(s_) + pos_, bytes(s_) + s_.size());
    out = code_point{d.value, pos_, d.size, d.error == utf8_errc::ok};
    pos_ += d.size;
    return true;
  }
  std::size_t position() const noexcept { return pos_; }

 private:
  std::string_view s_;
  std::size_t pos_ = 0;
};

}  // namespace detail

/// A lazy, zero-copy forward range of the code points of a string_view (lenient
/// decoding; see zhtext::code_points). The view must outlive the range.
///
///   for (zhtext::code_point cp : zhtext::code_points(text)) { ... cp.value, cp.offset ... }
using code_point_range = detail::lazy_range<detail::code_point_cursor>;

}  // namespace zhtext
