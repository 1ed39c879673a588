// zhtext/detail/formats/tsv.hpp - escaping tokens for TSV, and strict unsigned numbers.
//
// A TSV field never contains a raw TAB or line break, and zhtext's TSV output is
// always well-formed UTF-8 without control characters, so it survives `sort`, `cut`,
// Hadoop Streaming and editors. The escaping is canonical (one spelling per byte
// string), so equal tables always print as equal bytes:
//
//   \  -> \\        TAB -> \t        LF -> \n        CR -> \r
//   other bytes 00..1F and 7F                  -> \xHH (two upper-case hex digits)
//   each byte of an ill-formed UTF-8 sequence  -> \xHH
//   everything else (well-formed UTF-8)        -> itself
//
// The reader accepts exactly these escapes (hex digits in either case) and any other
// byte verbatim; anything else after a backslash is an error. Pure functions;
// thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "../unicode/utf8_decode.hpp"

namespace zhtext::detail {

inline void append_hex_byte(std::string& out, unsigned char b) {
  constexpr char hex[] = "0123456789ABCDEF";
  out += '\\';
  out += 'x';
  out += hex[b >> 4];
  out += hex[b & 15];
}

/// Appends `token`, escaped for a TSV field (see the top of this header).
inline void append_tsv_escaped(std::string& out, std::string_view token) {
  bool plain = true;
  for (char ch : token) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7F || c == '\\') {
      plain = false;
      break;
    }
  }
  if (plain && is_valid_utf8(token)) {
    out.append(token);
    return;
  }
  const auto* p = bytes(token);
  const auto* end = p + token.size();
  while (p < end) {
    const decoded d = decode_at(p, end);
    if (d.error != utf8_errc::ok) {
      for (std::uint8_t i = 0; i < d.size; ++i) append_hex_byte(out, p[i]);
    } else if (d.size > 1) {
      out.append(reinterpret_cast<const char*>(p), d.size);
    } else {
      const unsigned char c = *p;
      if (c == '\\') out += "\\\\";
      else if (c == '\t') out += "\\t";
      else if (c == '\n') out += "\\n";
      else if (c == '\r') out += "\\r";
      else if (c < 0x20 || c == 0x7F) append_hex_byte(out, c);
      else out += static_cast<char>(c);
    }
    p += d.size;
  }
}

inline int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// Decodes an escaped TSV field into `out` (replacing its content). Returns nullptr
/// on success, else a description of the first bad escape.
inline const char* tsv_unescape(std::string_view field, std::string& out) {
  out.clear();
  std::size_t i = 0;
  while (i < field.size()) {
    const std::size_t bs = field.find('\\', i);
    if (bs == std::string_view::npos) {
      out.append(field.substr(i));
      break;
    }
    out.append(field.substr(i, bs - i));
    if (bs + 1 >= field.size()) return "backslash at the end of a field";
    const char e = field[bs + 1];
    i = bs + 2;
    switch (e) {
      case '\\': out += '\\'; break;
      case 't': out += '\t'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 'x': {
        const int hi = bs + 2 < field.size() ? hex_value(field[bs + 2]) : -1;
        const int lo = bs + 3 < field.size() ? hex_value(field[bs + 3]) : -1;
        if (hi < 0 || lo < 0) return "\\x not followed by two hex digits";
        out += static_cast<char>(hi * 16 + lo);
        i = bs + 4;
        break;
      }
      default: return "unknown escape (only \\\\ \\t \\n \\r \\xHH are defined)";
    }
  }
  return nullptr;
}

/// Parses a decimal unsigned number that must fit in T: digits only, no sign, no
/// spaces. Returns nullptr on success, else what is wrong.
template <class T>
const char* parse_unsigned(std::string_view s, T& value) noexcept {
  if (s.empty()) return "empty number";
  T v = 0;
  constexpr T max = std::numeric_limits<T>::max();
  for (char c : s) {
    if (c < '0' || c > '9') return "not a decimal number";
    const T d = static_cast<T>(c - '0');
    if (v > (max - d) / 10) return "number out of range";
    v = static_cast<T>(v * 10 + d);
  }
  value = v;
  return nullptr;
}

/// Appends the decimal digits of `v`.
inline void append_unsigned(std::string& out, std::uint64_t v) {
  char buf[24];
  char* p = buf + sizeof buf;
  do {
    *--p = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  out.append(p, static_cast<std::size_t>(buf + sizeof buf - p));
}

}  // namespace zhtext::detail
