// zhtext/detail/formats/json.hpp - just enough JSON (RFC 8259) to write and read
// zhtext's own documents and OpenCC's configuration files: string escaping, and a
// strict pull reader for objects, arrays, strings, unsigned integers and null, which
// can also skip any value (members a reader does not know).
//
// The reader never builds a tree: the caller walks the document it expects, which
// keeps memory at one token and gives precise errors ("name:line: expected ':'").
// Strings must be well-formed UTF-8; \uXXXX escapes (with surrogate pairs) are
// decoded, a lone surrogate is an error. Pure and re-entrant; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "../../result.hpp"
#include "../unicode/utf8_decode.hpp"
#include "tsv.hpp"  // hex_value, parse_unsigned

namespace zhtext::detail {

/// Appends `s` as a JSON string literal, quotes included. JSON text must be UTF-8, so
/// each maximal ill-formed subpart of `s` is written as U+FFFD (what decode_utf8 does).
inline void append_json_string(std::string& out, std::string_view s) {
  constexpr char hex[] = "0123456789abcdef";
  out += '"';
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* const end = p + s.size();
  while (p < end) {
    const unsigned char c = *p;
    if (c >= 0x80) {
      const decoded d = decode_at(p, end);
      if (d.error != utf8_errc::ok) out += replacement_utf8;
      else out.append(reinterpret_cast<const char*>(p), d.size);
      p += d.size;
      continue;
    }
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += hex[c >> 4];
          out += hex[c & 15];
        } else {
          out += static_cast<char>(c);
        }
    }
    ++p;
  }
  out += '"';
}

/// A strict pull reader over one JSON text. Every method returns false after
/// recording the first error (see error()); later calls keep failing.
class json_reader {
 public:
  json_reader(std::string_view text, std::string_view name) : s_(text), name_(name) {}

  /// Skips white space and returns the next character (0 at the end).
  char peek() {
    skip_ws();
    return i_ < s_.size() ? s_[i_] : '\0';
  }
  /// Consumes `c` (after white space) or fails with "expected 'c'".
  bool expect(char c) {
    if (peek() == c) {
      ++i_;
      return true;
    }
    return fail(std::string("expected '") + c + "'");
  }
  /// Consumes `c` if it comes next.
  bool accept(char c) {
    if (peek() != c) return false;
    ++i_;
    return true;
  }
  bool at_end() { return peek() == '\0' && i_ >= s_.size(); }

  bool read_string(std::string& out) {
    out.clear();
    if (!expect('"')) return false;
    for (;;) {
      if (i_ >= s_.size()) return fail("unterminated string");
      const auto c = static_cast<unsigned char>(s_[i_]);
      if (c == '"') {
        ++i_;
        return true;
      }
      if (c < 0x20) return fail("control character in a string (must be escaped)");
      if (c != '\\') {
        const decoded d = decode_at(bytes(s_) + i_, bytes(s_) + s_.size());
        if (d.error != utf8_errc::ok) return fail("invalid UTF-8 in a string");
        out.append(s_.substr(i_, d.size));
        i_ += d.size;
        continue;
      }
      if (++i_ >= s_.size()) return fail("unterminated string");
      const char e = s_[i_++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          char32_t cp;
          if (!read_hex4(cp)) return false;
          if (cp >= 0xDC00 && cp <= 0xDFFF) return fail("lone low surrogate in \\u escape");
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            char32_t lo;
            if (i_ + 1 >= s_.size() || s_[i_] != '\\' || s_[i_ + 1] != 'u') return fail("lone high surrogate in \\u escape");
            i_ += 2;
            if (!read_hex4(lo)) return false;
            if (lo < 0xDC00 || lo > 0xDFFF) return fail("lone high surrogate in \\u escape");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          }
          append_utf8(out, cp);
          break;
        }
        default: return fail("unknown escape in a string");
      }
    }
  }

  /// Reads an unsigned integer that fits in T (no sign, fraction or exponent).
  template <class T>
  bool read_unsigned(T& value) {
    skip_ws();
    const std::size_t start = i_;
    while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
    if (i_ == start) return fail("expected an unsigned integer");
    if (i_ < s_.size() && (s_[i_] == '.' || s_[i_] == 'e' || s_[i_] == 'E')) return fail("expected an unsigned integer");
    if (i_ - start > 1 && s_[start] == '0') return fail("leading zero in a number");
    if (const char* err = parse_unsigned(s_.substr(start, i_ - start), value)) return fail(err);
    return true;
  }

  /// Skips one JSON value of any kind (nested at most `max_depth` arrays/objects
  /// deep), checking its syntax as strictly as the typed readers do.
  bool skip_value(int max_depth = 64) {
    const char c = peek();
    if (c == '"') {
      std::string ignored;
      return read_string(ignored);
    }
    if (c == '{' || c == '[') {
      if (max_depth <= 0) return fail("values nested too deeply");
      ++i_;
      const char close = c == '{' ? '}' : ']';
      if (accept(close)) return true;
      do {
        if (c == '{') {
          std::string key;
          if (!read_string(key) || !expect(':')) return false;
        }
        if (!skip_value(max_depth - 1)) return false;
      } while (accept(','));
      return expect(close);
    }
    for (std::string_view word : {std::string_view("true"), std::string_view("false"), std::string_view("null")})
      if (s_.substr(i_, word.size()) == word) {
        i_ += word.size();
        return true;
      }
    return skip_number();
  }

  /// The line (1-based) of the next token, for messages about the value read next.
  std::size_t line() {
    skip_ws();
    return line_at(i_);
  }

  /// Fails with "name:line: message" unless an error was already recorded.
  bool fail(const std::string& message) { return fail_at(line_at(i_), message); }
  /// Fails naming `line` (of something read earlier, from line()) instead of the
  /// current position.
  bool fail_at(std::size_t line, const std::string& message) {
    if (error_.empty()) error_ = std::string(name_) + ":" + std::to_string(line) + ": " + message;
    return false;
  }
  const std::string& error() const noexcept { return error_; }
  zhtext::error make() const { return make_error(errc::parse_error, error_); }

 private:
  void skip_ws() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) ++i_;
  }
  // Counted from the last position asked for (positions only move forward), so asking
  // for the line of every value stays linear in the document.
  std::size_t line_at(std::size_t end) {
    if (end < line_pos_) {
      line_pos_ = 0;
      line_no_ = 1;
    }
    for (; line_pos_ < end && line_pos_ < s_.size(); ++line_pos_) line_no_ += s_[line_pos_] == '\n';
    return line_no_;
  }
  // RFC 8259 number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
  bool skip_number() {
    auto digits = [&] {
      const std::size_t start = i_;
      while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
      return i_ - start;
    };
    const std::size_t start = i_;
    if (i_ < s_.size() && s_[i_] == '-') ++i_;
    const std::size_t int_start = i_;
    const std::size_t n = digits();
    if (n == 0) return fail("expected a value");
    if (n > 1 && s_[int_start] == '0') return fail("leading zero in a number");
    if (i_ < s_.size() && s_[i_] == '.') {
      ++i_;
      if (digits() == 0) return fail("expected digits after '.' in a number");
    }
    if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
      ++i_;
      if (i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-')) ++i_;
      if (digits() == 0) return fail("expected digits in a number's exponent");
    }
    return i_ > start;
  }
  bool read_hex4(char32_t& cp) {
    if (i_ + 4 > s_.size()) return fail("\\u not followed by four hex digits");
    cp = 0;
    for (int k = 0; k < 4; ++k) {
      const int h = hex_value(s_[i_ + k]);
      if (h < 0) return fail("\\u not followed by four hex digits");
      cp = cp * 16 + static_cast<char32_t>(h);
    }
    i_ += 4;
    return true;
  }

  std::string_view s_;
  std::string_view name_;
  std::size_t i_ = 0;
  std::string error_;
  std::size_t line_pos_ = 0, line_no_ = 1;
};

}  // namespace zhtext::detail
