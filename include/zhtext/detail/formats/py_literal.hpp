// zhtext/detail/formats/py_literal.hpp - a strict reader for the Python literals jieba ships
// its models in (finalseg/prob_*.py, posseg/*.py): `P = {...}` with nested dicts of
// string or tuple keys, tuples, strings and float values.
//
// Accepted: blank lines, comments, `from __future__ import ...` lines, then one
// assignment `NAME = value` and nothing but comments after it. A value is a dict
// `{key: value, ...}` (trailing comma allowed; later duplicate keys win, as in Python;
// a key is a string or a tuple, as posseg's ('B', 'n') states are), a tuple
// `(value, ...)` (`()`, `(x,)`, trailing comma allowed), a string ('...' or "...",
// optional u prefix; escapes \\ \' \" \a \b \f \n \r \t \v, octal, \xHH, \uHHHH,
// \UHHHHHHHH, and backslash-newline) or a number (int or float, optional sign,
// exponent). Anything else - other statements, lists, sets, raw or byte strings,
// \N{...}, surrogate escapes, '_' in numbers, a parenthesised value without a comma -
// is an error naming name:line:column. Python is never run.
// Cost: one pass, O(size). Pure; thread-safe.
#pragma once

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "../../result.hpp"
#include "../unicode/utf8_decode.hpp"

namespace zhtext::detail {

struct py_value {
  enum class kind : std::uint8_t { number, string, dict, tuple };
  kind type = kind::number;
  double number = 0;
  std::string str;
  std::vector<std::pair<std::string, py_value>> items;  ///< a dict's string-keyed entries in source order
  std::vector<std::pair<py_value, py_value>> keyed;     ///< a dict's tuple-keyed entries in source order
  std::vector<py_value> elements;                      ///< a tuple's elements

  /// A dict's value for `key` (the last one when repeated), or nullptr.
  const py_value* get(std::string_view key) const noexcept {
    const py_value* found = nullptr;
    for (const auto& kv : items)
      if (kv.first == key) found = &kv.second;
    return found;
  }
};

class py_literal_parser {
 public:
  py_literal_parser(std::string_view text, std::string name) : s_(text), name_(std::move(name)) {}

  /// Parses the module; returns the value assigned to `var`.
  result<py_value> parse_assignment(std::string_view var) {
    if (!validate_utf8(s_)) return fail("not valid UTF-8");
    for (;;) {  // header lines
      skip_blank_lines();
      if (at_end()) return fail("no assignment to " + std::string(var) + " found");
      if (starts_with("from __future__ import ")) {
        while (!at_end() && s_[pos_] != '\n') ++pos_;
        continue;
      }
      break;
    }
    const std::size_t name_start = pos_;
    while (!at_end() && (is_ident(s_[pos_]))) ++pos_;
    if (s_.substr(name_start, pos_ - name_start) != var) {
      pos_ = name_start;
      return fail("expected '" + std::string(var) + " = ...'");
    }
    skip_inline_space();
    if (at_end() || s_[pos_] != '=') return fail("expected '=' after " + std::string(var));
    ++pos_;
    skip_inline_space();
    py_value v;
    if (!parse_value(v, 0)) return make_error(errc::parse_error, error_);
    skip_blank_lines();
    if (!at_end()) return fail("unexpected text after the assignment");
    return v;
  }

 private:
  static bool is_ident(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }
  bool at_end() const { return pos_ >= s_.size(); }
  bool starts_with(std::string_view p) const { return s_.substr(pos_, p.size()) == p; }

  std::string where() const {
    std::size_t line = 1, col = 1;
    for (std::size_t i = 0; i < pos_ && i < s_.size(); ++i) {
      if (s_[i] == '\n') {
        ++line;
        col = 1;
      } else if ((static_cast<unsigned char>(s_[i]) & 0xC0) != 0x80) {
        ++col;
      }
    }
    return name_ + ":" + std::to_string(line) + ":" + std::to_string(col);
  }
  error fail(const std::string& why) { return make_error(errc::parse_error, where() + ": " + why); }
  bool set_error(const std::string& why) {
    error_ = where() + ": " + why;
    return false;
  }

  void skip_inline_space() {
    while (!at_end() && (s_[pos_] == ' ' || s_[pos_] == '\t')) ++pos_;
  }
  // Spaces, tabs, line ends and comments (between statements, or inside brackets).
  void skip_blank_lines() {
    while (!at_end()) {
      const char c = s_[pos_];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
        ++pos_;
      } else if (c == '#') {
        while (!at_end() && s_[pos_] != '\n') ++pos_;
      } else {
        break;
      }
    }
  }

  bool parse_value(py_value& out, int depth) {
    if (depth > 32) return set_error("nesting deeper than 32");
    skip_blank_lines();
    if (at_end()) return set_error("unexpected end of file, expected a value");
    const char c = s_[pos_];
    if (c == '{') return parse_dict(out, depth);
    if (c == '(') return parse_tuple(out, depth);
    if (c == '\'' || c == '"' || ((c == 'u' || c == 'U') && pos_ + 1 < s_.size() && (s_[pos_ + 1] == '\'' || s_[pos_ + 1] == '"'))) {
      out.type = py_value::kind::string;
      return parse_string(out.str);
    }
    if (c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9')) {
      out.type = py_value::kind::number;
      return parse_number(out.number);
    }
    return set_error("expected a dict, a tuple, a string or a number");
  }

  bool parse_tuple(py_value& out, int depth) {
    out.type = py_value::kind::tuple;
    ++pos_;  // (
    bool comma = false;
    for (;;) {
      skip_blank_lines();
      if (at_end()) return set_error("unterminated tuple");
      if (s_[pos_] == ')') {
        ++pos_;
        if (out.elements.size() == 1 && !comma) return set_error("a parenthesised value is not a tuple (add a comma)");
        return true;
      }
      py_value v;
      if (!parse_value(v, depth + 1)) return false;
      out.elements.push_back(std::move(v));
      skip_blank_lines();
      if (at_end()) return set_error("unterminated tuple");
      if (s_[pos_] == ',') {
        ++pos_;
        comma = true;
        continue;
      }
      if (s_[pos_] != ')') return set_error("expected ',' or ')'");
    }
  }

  bool parse_dict(py_value& out, int depth) {
    out.type = py_value::kind::dict;
    ++pos_;  // {
    for (;;) {
      skip_blank_lines();
      if (at_end()) return set_error("unterminated dict");
      if (s_[pos_] == '}') {
        ++pos_;
        return true;
      }
      std::string key;
      py_value tuple_key;
      const char c = s_[pos_];
      const bool is_tuple = c == '(';
      if (is_tuple) {
        if (!parse_tuple(tuple_key, depth + 1)) return false;
      } else {
        if (!(c == '\'' || c == '"' || c == 'u' || c == 'U')) return set_error("expected a string or tuple key");
        if (!parse_string(key)) return false;
      }
      skip_blank_lines();
      if (at_end() || s_[pos_] != ':') return set_error("expected ':' after a dict key");
      ++pos_;
      py_value v;
      if (!parse_value(v, depth + 1)) return false;
      if (is_tuple) out.keyed.emplace_back(std::move(tuple_key), std::move(v));
      else out.items.emplace_back(std::move(key), std::move(v));
      skip_blank_lines();
      if (at_end()) return set_error("unterminated dict");
      if (s_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (s_[pos_] != '}') return set_error("expected ',' or '}'");
    }
  }

  bool hex_value(std::size_t digits, std::uint32_t& v) {
    v = 0;
    for (std::size_t i = 0; i < digits; ++i) {
      if (at_end()) return set_error("truncated escape");
      const char h = s_[pos_];
      std::uint32_t d;
      if (h >= '0' && h <= '9') d = static_cast<std::uint32_t>(h - '0');
      else if (h >= 'a' && h <= 'f') d = static_cast<std::uint32_t>(h - 'a' + 10);
      else if (h >= 'A' && h <= 'F') d = static_cast<std::uint32_t>(h - 'A' + 10);
      else return set_error("bad hexadecimal digit in escape");
      v = v * 16 + d;
      ++pos_;
    }
    return true;
  }

  bool parse_string(std::string& out) {
    if (s_[pos_] == 'u' || s_[pos_] == 'U') ++pos_;
    const char quote = s_[pos_];
    if (s_.substr(pos_, 3) == std::string(3, quote)) return set_error("triple-quoted strings are not supported");
    ++pos_;
    for (;;) {
      if (at_end() || s_[pos_] == '\n') return set_error("unterminated string");
      const char c = s_[pos_];
      if (c == quote) {
        ++pos_;
        return true;
      }
      if (c != '\\') {
        out += c;
        ++pos_;
        continue;
      }
      ++pos_;
      if (at_end()) return set_error("unterminated string");
      const char e = s_[pos_++];
      std::uint32_t cp = 0;
      switch (e) {
        case '\n': continue;  // line continuation
        case '\\': out += '\\'; continue;
        case '\'': out += '\''; continue;
        case '"': out += '"'; continue;
        case 'a': out += '\a'; continue;
        case 'b': out += '\b'; continue;
        case 'f': out += '\f'; continue;
        case 'n': out += '\n'; continue;
        case 'r': out += '\r'; continue;
        case 't': out += '\t'; continue;
        case 'v': out += '\v'; continue;
        case 'x': if (!hex_value(2, cp)) return false; break;
        case 'u': if (!hex_value(4, cp)) return false; break;
        case 'U': if (!hex_value(8, cp)) return false; break;
        default:
          if (e >= '0' && e <= '7') {
            cp = static_cast<std::uint32_t>(e - '0');
            for (int i = 0; i < 2 && !at_end() && s_[pos_] >= '0' && s_[pos_] <= '7'; ++i)
              cp = cp * 8 + static_cast<std::uint32_t>(s_[pos_++] - '0');
            break;
          }
          --pos_;
          return set_error(std::string("unsupported escape \\") + e);
      }
      if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return set_error("escape is not a Unicode scalar value");
      append_utf8(out, cp);
    }
  }

  bool parse_number(double& out) {
    bool negative = false;
    if (s_[pos_] == '-' || s_[pos_] == '+') {
      negative = s_[pos_] == '-';
      ++pos_;
      skip_inline_space();
    }
    const std::size_t start = pos_;
    auto digits = [&] {
      const std::size_t b = pos_;
      while (!at_end() && s_[pos_] >= '0' && s_[pos_] <= '9') ++pos_;
      return pos_ - b;
    };
    std::size_t n = digits();
    if (!at_end() && s_[pos_] == '.') {
      ++pos_;
      n += digits();
    }
    if (n == 0) return set_error("expected a number");
    if (!at_end() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
      ++pos_;
      if (!at_end() && (s_[pos_] == '+' || s_[pos_] == '-')) ++pos_;
      if (digits() == 0) return set_error("expected an exponent");
    }
    if (!at_end() && (is_ident(s_[pos_]) || s_[pos_] == '.')) return set_error("malformed number");
    double v = 0;
    const auto r = std::from_chars(s_.data() + start, s_.data() + pos_, v);
    if (r.ec != std::errc() || r.ptr != s_.data() + pos_) return set_error("number out of range");
    out = negative ? -v : v;
    return true;
  }

  std::string_view s_;
  std::string name_;
  std::size_t pos_ = 0;
  std::string error_;
};

/// Parses a Python module holding `var = literal` (see the top of this file).
/// Errors: errc::parse_error with name:line:column.
inline result<py_value> parse_py_assignment(std::string_view text, std::string_view name, std::string_view var = "P") {
  return py_literal_parser(text, std::string(name)).parse_assignment(var);
}

}  // namespace zhtext::detail
