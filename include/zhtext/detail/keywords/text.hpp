// zhtext/detail/keywords/text.hpp - the pieces of Python's str semantics that
// jieba.analyse relies on, for keywords.hpp: str.isspace, len(s.strip()),
// str.splitlines, float(), and the reader of jieba's IDF file format.
//
// jieba.analyse reads its files as `content.splitlines()` of the UTF-8 decoded bytes
// and tests words with `len(w.strip()) < 2` and `w.lower() in stop_words`. The
// functions here give the same answers on UTF-8 text; each maximal ill-formed
// subpart of invalid UTF-8 counts as one character that is not white space (the
// U+FFFD Python would see after a lenient decode), so they never fail. Pure
// functions; thread-safe.
#pragma once

#include <charconv>
#include <cstddef>
#include <string>
#include <string_view>
#include <system_error>

#include "../../result.hpp"
#include "../platform/math.hpp"
#include "../unicode/char_classes.hpp"
#include "../unicode/utf8_decode.hpp"

namespace zhtext::detail {

/// The error of a line-based file (`name`: its path or a label) whose `text` is not
/// valid UTF-8 at byte `offset`: errc::parse_error "NAME:LINE: invalid UTF-8 at byte
/// OFFSET" (the IDF and stop-word loaders).
inline error invalid_utf8_line_error(std::string_view name, std::string_view text, std::size_t offset) {
  std::size_t line = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) line += text[i] == '\n';
  return make_error(errc::parse_error, std::string(name) + ":" + std::to_string(line) + ": invalid UTF-8 at byte " +
                                           std::to_string(offset));
}

/// Python's str.isspace() for one character: Unicode White_Space plus the
/// information separators U+001C..U+001F (bidirectional class B or S).
constexpr bool py_isspace(char32_t c) noexcept { return is_space(c) || (c >= 0x1C && c <= 0x1F); }

/// `len(s.strip()) >= 2` in Python: at least two characters between the first and
/// the last one that is not white space. O(size); the common case (a word of
/// two or more non-space characters) stops after two characters.
inline bool py_stripped_length_at_least_2(std::string_view s) noexcept {
  // Fast paths. Printable ASCII and CJK ideographs U+4000..U+9FFF (lead bytes E4..E9
  // + two continuation bytes) are never white space: two of them first -> true; a
  // token that is one of them, or one other 3-byte character, -> false.
  const unsigned char* p = bytes(s);
  const std::size_t n = s.size();
  if (n < 2) return false;
  const auto cont = [](unsigned char c) { return (c & 0xC0) == 0x80; };
  const auto ascii = [](unsigned char c) { return static_cast<unsigned>(c - 0x21) < 0x5Eu; };
  const auto ideograph = [&](std::size_t i) {  // needs i + 2 < n
    return static_cast<unsigned>(p[i] - 0xE4) < 6u && cont(p[i + 1]) && cont(p[i + 2]);
  };
  if (ascii(p[0])) {
    if (ascii(p[1]) || (n >= 4 && ideograph(1))) return true;
  } else if (n >= 3 && static_cast<unsigned>(p[0] - 0xE1) <= 0xEu && p[0] != 0xED && cont(p[1]) && cont(p[2])) {
    if (n == 3) return false;  // one character (E1..EC, EE, EF leads take any continuation)
    if (p[0] >= 0xE4 && p[0] <= 0xE9 && (ascii(p[3]) || (n >= 6 && ideograph(3)))) return true;
  }
  if (s.size() <= 4) {
    const decoded d = decode_at(bytes(s), bytes(s) + s.size());
    if (d.error == utf8_errc::ok && d.size == s.size()) return false;
  }
  // Skip leading white space, then count characters up to the last non-space one.
  std::size_t count = 0;         // characters from the first non-space on
  std::size_t count_to_last = 0; // ... up to and including the last non-space
  bool started = false;
  for (const code_point cp : code_point_range(s)) {
    const bool space = cp.valid && py_isspace(cp.value);
    if (!started) {
      if (space) continue;
      started = true;
    }
    ++count;
    if (!space) {
      count_to_last = count;
      if (count_to_last >= 2) return true;
    }
  }
  return false;
}

/// False when `s` is certainly shorter than two characters (empty, one byte, or one
/// well-formed character): a cheap test per token before counting; the exact test,
/// py_stripped_length_at_least_2, runs once per distinct word.
inline bool may_have_two_characters(std::string_view s) noexcept {
  const std::size_t n = s.size();
  if (n < 2) return false;
  if (n > 4) return true;
  const unsigned char c = static_cast<unsigned char>(s[0]);
  const std::size_t len = c < 0xC2 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF5 ? 4 : 1;
  if (len != n) return true;
  if (n == 3 && c != 0xE0 && c != 0xED && (static_cast<unsigned char>(s[1]) & 0xC0) == 0x80 &&
      (static_cast<unsigned char>(s[2]) & 0xC0) == 0x80)
    return false;  // the common case: one character of the BMP above U+0FFF
  const decoded d = decode_at(bytes(s), bytes(s) + n);
  return !(d.error == utf8_errc::ok && d.size == n);
}

/// True when `s` holds an ASCII capital letter (then Python's s.lower() differs from
/// s; see ascii_lower).
inline bool has_ascii_upper(std::string_view s) noexcept {
  for (char c : s)
    if (c >= 'A' && c <= 'Z') return true;
  return false;
}

/// `s` with ASCII capitals in lower case, into `out`. Equals Python's s.lower() for
/// every word jieba's cutters yield (their multi-character words hold only ASCII
/// [A-Za-z0-9+#&._%-] and Han U+4E00..U+9FD5; one-character words never reach the
/// stop-word test).
inline void ascii_lower(std::string_view s, std::string& out) {
  out.assign(s.data(), s.size());
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
}

/// Python's str.splitlines(): calls f(line, line_number) for each line, without its
/// terminator. Terminators: \n, \r, \r\n, \v, \f, \x1c, \x1d, \x1e, U+0085, U+2028,
/// U+2029. No line after a final terminator. Returns the number of lines.
template <class F>
std::size_t py_splitlines(std::string_view text, F&& f) {
  std::size_t start = 0, line = 0, i = 0;
  while (i < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    std::size_t term = 0;  // bytes of a terminator at i
    if (c == '\n' || c == 0x0B || c == 0x0C || c == 0x1C || c == 0x1D || c == 0x1E) term = 1;
    else if (c == '\r') term = i + 1 < text.size() && text[i + 1] == '\n' ? 2 : 1;
    else if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x85) term = 2;
    else if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
             (static_cast<unsigned char>(text[i + 2]) == 0xA8 || static_cast<unsigned char>(text[i + 2]) == 0xA9))
      term = 3;
    if (term == 0) {
      ++i;
      continue;
    }
    f(text.substr(start, i - start), ++line);
    i += term;
    start = i;
  }
  if (start < text.size()) f(text.substr(start), ++line);
  return line;
}

/// Python's s.strip(): `s` without leading and trailing white space (py_isspace).
inline std::string_view py_strip(std::string_view s) noexcept {
  std::size_t b = 0;
  while (b < s.size()) {
    const decoded d = decode_at(bytes(s) + b, bytes(s) + s.size());
    if (d.error != utf8_errc::ok || !py_isspace(d.value)) break;
    b += d.size;
  }
  std::size_t e = s.size();
  while (e > b) {
    // Step back to the start of the last character (at most 4 bytes back).
    std::size_t p = e - 1;
    while (p > b && e - p < 4 && (static_cast<unsigned char>(s[p]) & 0xC0) == 0x80) --p;
    const decoded d = decode_at(bytes(s) + p, bytes(s) + e);
    if (d.error != utf8_errc::ok || p + d.size != e || !py_isspace(d.value)) break;
    e = p;
  }
  return s.substr(b, e - b);
}

/// Parses a decimal floating-point number as Python's float() does for the forms
/// idf files use: optional sign, digits with an optional fraction ("1", "1.5",
/// "1.", ".5"), optional exponent; correctly rounded. Rejects what Python would
/// also accept but no IDF file needs (underscores, "inf", "nan", non-ASCII digits)
/// and anything else. Returns false on failure.
inline bool parse_py_float(std::string_view s, double& out) noexcept {
  s = py_strip(s);
  if (s.empty()) return false;
  bool negative = false;
  if (s[0] == '+' || s[0] == '-') {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  // Check the syntax first: from_chars accepts more (inf, nan) and less (a sign).
  std::size_t i = 0, digits = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    std::size_t exp_digits = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++exp_digits;
    if (exp_digits == 0) return false;
  }
  if (i != s.size()) return false;
  double v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v, std::chars_format::general);
  // Out of range: Python gives inf (or 0 for tiny numbers); an IDF of inf is no use.
  if (ec != std::errc() || end != s.data() + s.size() || !is_finite(v)) return false;
  out = negative ? -v : v;
  return true;
}

}  // namespace zhtext::detail
