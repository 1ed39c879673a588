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
//
// The value is read into a flat token stream (py_literal::tokens, in source order:
// brackets, strings, numbers; the commas and colons checked and dropped), not a tree:
// the model builders (hmm_source.hpp) walk it with one loop, and one vector of tokens
// is all the code a program instantiates for it.
// Cost: one pass, O(size). Pure; thread-safe.
#pragma once

#include <charconv>
#include <cstdio>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "../../result.hpp"
#include "../unicode/utf8_decode.hpp"

namespace zhtext::detail {

/// One token of a Python literal: a bracket, a string or a number.
struct py_token {
  char kind = 0;           ///< '{' '}' '(' ')', 's' a string, 'n' a number
  std::size_t offset = 0;  ///< its first byte in the text (py_literal::error_at names its line:column)
  std::size_t begin = 0;   ///< 's': its first byte in py_literal::strings
  std::size_t end = 0;     ///< 's': one past its last byte there; '{' '(': one past its closing token's index
  double number = 0;       ///< 'n'
};

/// A parsed literal: the value's tokens in source order. A value at index i ends
/// (one past its last token) at next(i).
struct py_literal {
  std::vector<py_token> tokens;
  std::string strings;  ///< the strings' bytes, escapes decoded
  std::string_view text;
  std::string name;

  std::size_t next(std::size_t i) const noexcept {
    const char k = tokens[i].kind;
    return k == '{' || k == '(' ? tokens[i].end : i + 1;
  }
  /// A string token's bytes.
  std::string_view str(std::size_t i) const noexcept {
    return std::string_view(strings).substr(tokens[i].begin, tokens[i].end - tokens[i].begin);
  }
  /// "name:line:column: " and the pieces of the message, the position of byte `offset`
  /// of the text (columns count characters).
  error error_at(std::size_t offset, std::string_view why, std::string_view arg = {}, std::string_view tail = {}) const {
    unsigned long long line = 1, col = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
      if (text[i] == '\n') {
        ++line;
        col = 1;
      } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
        ++col;
      }
    }
    char at[48];
    std::snprintf(at, sizeof at, ":%llu:%llu: ", line, col);
    std::string m = name + at;
    return make_error(errc::parse_error, m.append(why).append(arg).append(tail));
  }
};

class py_literal_parser {
 public:
  /// Reads `text` (named `name` in errors) into `out`.
  py_literal_parser(std::string_view text, std::string_view name, py_literal& out) : s_(text), out_(out) {
    out_ = py_literal();
    out_.text = text;
    out_.name = std::string(name);
  }

  /// Parses the module: the tokens of the value assigned to `var`.
  result<void> parse_assignment(std::string_view var) {
    if (!validate_utf8(s_)) return fail("not valid UTF-8");
    for (;;) {  // header lines
      skip_blank_lines();
      if (at_end()) return fail("no assignment to ", var, " found");
      if (!starts_with("from __future__ import ")) break;
      while (!at_end() && s_[pos_] != '\n') ++pos_;
    }
    const std::size_t name_start = pos_;
    while (!at_end() && is_ident(s_[pos_])) ++pos_;
    if (s_.substr(name_start, pos_ - name_start) != var) {
      pos_ = name_start;
      return fail("expected '", var, " = ...'");
    }
    skip_inline_space();
    if (at_end() || s_[pos_] != '=') return fail("expected '=' after ", var);
    ++pos_;
    if (const char* why = parse_value()) return fail(why);
    skip_blank_lines();
    if (!at_end()) return fail("unexpected text after the assignment");
    return {};
  }

 private:
  // An open dict or tuple: its token, the values read in it (a dict's keys and values
  // alternate), whether a comma followed one.
  static constexpr std::size_t max_depth = 32;
  struct open_bracket {
    std::size_t token;
    std::size_t values;
    bool comma;
  };

  static bool is_ident(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }
  bool at_end() const { return pos_ >= s_.size(); }
  bool starts_with(std::string_view p) const { return s_.substr(pos_, p.size()) == p; }
  error fail(std::string_view why, std::string_view arg = {}, std::string_view tail = {}) const {
    return out_.error_at(pos_, why, arg, tail);
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
  void push(char kind) {
    py_token t;
    t.kind = kind;
    t.offset = pos_;
    out_.tokens.push_back(t);
  }

  // One value, iteratively (brackets on a stack); nullptr or what is wrong at pos_.
  const char* parse_value() {
    open_bracket stack[max_depth];
    std::size_t depth = 0;
    // What comes next: 0 a value or a closing bracket (after an opening one or a
    // comma), 1 a value (the start, after a colon), 2 a comma, colon or closing bracket.
    int next = 1;
    for (;;) {
      skip_blank_lines();
      if (depth == 0 && next == 2) return nullptr;
      open_bracket* top = depth == 0 ? nullptr : &stack[depth - 1];
      const bool dict = top != nullptr && out_.tokens[top->token].kind == '{';
      if (at_end())
        return top == nullptr ? "unexpected end of file, expected a value" : dict ? "unterminated dict" : "unterminated tuple";
      const char c = s_[pos_];
      if (top != nullptr && c == (dict ? '}' : ')') && next != 1 && !(dict && top->values % 2 == 1)) {
        if (!dict && top->values == 1 && !top->comma) return "a parenthesised value is not a tuple (add a comma)";
        out_.tokens[top->token].end = out_.tokens.size() + 1;
        push(c);
        ++pos_;
        --depth;
        next = 2;
        if (depth != 0) ++stack[depth - 1].values;
        continue;
      }
      if (next == 2) {  // a separator
        const bool colon = dict && top->values % 2 == 1;
        if (c != (colon ? ':' : ',')) return colon ? "expected ':' after a dict key" : dict ? "expected ',' or '}'" : "expected ',' or ')'";
        ++pos_;
        top->comma = !colon;
        next = colon ? 1 : 0;
        continue;
      }
      const bool quote = c == '\'' || c == '"';
      const bool string = quote || ((c == 'u' || c == 'U') && pos_ + 1 < s_.size() && (s_[pos_ + 1] == '\'' || s_[pos_ + 1] == '"'));
      if (dict && top->values % 2 == 0 && !string && c != '(') return "expected a string or tuple key";
      if (c == '{' || c == '(') {
        if (depth == max_depth) return "nesting deeper than 32";
        stack[depth++] = {out_.tokens.size(), 0, false};
        push(c);
        ++pos_;
        next = 0;
        continue;
      }
      if (string) {
        if (const char* why = parse_string()) return why;
      } else if (c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9')) {
        if (const char* why = parse_number()) return why;
      } else {
        return "expected a dict, a tuple, a string or a number";
      }
      next = 2;
      if (top != nullptr) ++top->values;
    }
  }

  const char* hex_value(std::size_t digits, std::uint32_t& v) {
    v = 0;
    for (std::size_t i = 0; i < digits; ++i) {
      if (at_end()) return "truncated escape";
      const char h = s_[pos_];
      std::uint32_t d;
      if (h >= '0' && h <= '9') d = static_cast<std::uint32_t>(h - '0');
      else if (h >= 'a' && h <= 'f') d = static_cast<std::uint32_t>(h - 'a' + 10);
      else if (h >= 'A' && h <= 'F') d = static_cast<std::uint32_t>(h - 'A' + 10);
      else return "bad hexadecimal digit in escape";
      v = v * 16 + d;
      ++pos_;
    }
    return nullptr;
  }

  const char* parse_string() {
    push('s');
    std::string& out = out_.strings;
    out_.tokens.back().begin = out.size();
    if (s_[pos_] == 'u' || s_[pos_] == 'U') ++pos_;
    const char quote = s_[pos_];
    if (s_.substr(pos_, 3) == std::string(3, quote)) return "triple-quoted strings are not supported";
    ++pos_;
    for (;;) {
      if (at_end() || s_[pos_] == '\n') return "unterminated string";
      const char c = s_[pos_];
      if (c == quote) {
        ++pos_;
        out_.tokens.back().end = out.size();
        return nullptr;
      }
      if (c != '\\') {
        out += c;
        ++pos_;
        continue;
      }
      ++pos_;
      if (at_end()) return "unterminated string";
      const char e = s_[pos_++];
      static constexpr std::string_view simple = "\n\\'\"abfnrtv", decoded("\0\\'\"\a\b\f\n\r\t\v", 11);
      if (const std::size_t k = simple.find(e); k != std::string_view::npos) {
        if (k != 0) out += decoded[k];  // k == 0: backslash-newline, a line continuation
        continue;
      }
      std::uint32_t cp = 0;
      const char* why = nullptr;
      if (e == 'x' || e == 'u' || e == 'U') {
        why = hex_value(e == 'x' ? 2 : e == 'u' ? 4 : 8, cp);
      } else if (e >= '0' && e <= '7') {
        cp = static_cast<std::uint32_t>(e - '0');
        for (int i = 0; i < 2 && !at_end() && s_[pos_] >= '0' && s_[pos_] <= '7'; ++i)
          cp = cp * 8 + static_cast<std::uint32_t>(s_[pos_++] - '0');
      } else {
        --pos_;
        return "unsupported escape";
      }
      if (why != nullptr) return why;
      if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return "escape is not a Unicode scalar value";
      append_utf8(out, cp);
    }
  }

  const char* parse_number() {
    push('n');
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
    if (n == 0) return "expected a number";
    if (!at_end() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
      ++pos_;
      if (!at_end() && (s_[pos_] == '+' || s_[pos_] == '-')) ++pos_;
      if (digits() == 0) return "expected an exponent";
    }
    if (!at_end() && (is_ident(s_[pos_]) || s_[pos_] == '.')) return "malformed number";
    double v = 0;
    const auto r = std::from_chars(s_.data() + start, s_.data() + pos_, v);
    if (r.ec != std::errc() || r.ptr != s_.data() + pos_) return "number out of range";
    out_.tokens.back().number = negative ? -v : v;
    return nullptr;
  }

  std::string_view s_;
  std::size_t pos_ = 0;
  py_literal& out_;
};

/// Parses a Python module holding `var = literal` (see the top of this file) into its
/// tokens. Errors: errc::parse_error with name:line:column.
inline result<py_literal> parse_py_assignment(std::string_view text, std::string_view name, std::string_view var = "P") {
  py_literal out;
  if (auto r = py_literal_parser(text, name, out).parse_assignment(var); !r) return r.error();
  return out;
}

}  // namespace zhtext::detail
