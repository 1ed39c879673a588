// zhtext/detail/segment/dict_text.hpp - the lines of jieba's dictionary files.
//
// Two formats, read exactly as jieba 0.42.1 reads them:
//  - a main dictionary (Tokenizer.gen_pfdict): lines split at '\n', ASCII white space
//    stripped at both ends (Python's bytes.strip()), then split at single spaces into
//    "word freq [tag]". The frequency is required there. jieba raises on any malformed
//    line; so do we (with file:line), with two deliberate differences: blank lines are
//    skipped (jieba fails on them), and only ASCII digits with an optional '+' make a
//    frequency (Python's int() also takes '_' separators, Unicode digits and a '-', which
//    would crash jieba later on log() of a negative number).
//  - a user dictionary (Tokenizer.load_userdict): the same stripping, then any leading
//    U+FEFF removed, blank lines skipped, and the rest matched against
//    re_userdict = '^(.+?)( [0-9]+)?( [a-z]+)?$': the word is the SHORTEST prefix after
//    which only " digits", " lowercase letters" or both remain. So "New York 5 ns" is
//    the word "New York" with frequency 5 and tag ns, "hello world" is the word "hello"
//    with tag "world", and "a  3" is the word "a " (trailing space) with frequency 3 -
//    jieba's quirks, reproduced on purpose. Frequency and tag are optional.
// Both require UTF-8 (jieba decodes every line).
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "../formats/tsv.hpp"
#include "../unicode/utf8_decode.hpp"

namespace zhtext::detail {

/// Frequencies are kept below 2^53 so that every one, and jieba's float arithmetic on
/// them, is exact in a double.
inline constexpr std::int64_t max_frequency = std::int64_t{1} << 53;

/// Python's bytes.isspace(): the characters bytes.strip() removes.
constexpr bool is_ascii_strip_space(unsigned char c) noexcept {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

inline std::string_view strip_ascii_space(std::string_view s) noexcept {
  std::size_t b = 0, e = s.size();
  while (b < e && is_ascii_strip_space(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && is_ascii_strip_space(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

/// Calls f(line, line_number) for each '\n'-terminated line (without the '\n'); a final
/// line without '\n' counts, an empty final piece does not. Stops when f returns false.
template <class F>
void for_each_text_line(std::string_view text, F&& f) {
  std::size_t pos = 0, number = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    if (!f(text.substr(pos, nl - pos), ++number)) return;
    pos = nl + 1;
  }
}

/// A parsed dictionary line. Views point into the line.
struct dict_line {
  std::string_view word;
  std::int64_t freq = 0;
  bool has_freq = false;
  std::string_view tag;  ///< empty: no tag
};

/// Parses ASCII digits (an optional leading '+' when `allow_plus`) into `out`.
/// Returns "" or the reason it is not a frequency.
inline std::string parse_frequency(std::string_view s, std::int64_t& out, bool allow_plus) {
  std::string_view digits = s;
  if (allow_plus && !digits.empty() && digits.front() == '+') digits.remove_prefix(1);
  if (!digits.empty() && digits.front() == '-') return "negative frequency '" + std::string(s) + "'";
  if (digits.empty()) return "frequency '" + std::string(s) + "' is not a number";
  std::int64_t v = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return "frequency '" + std::string(s) + "' is not a number";
    v = v * 10 + (c - '0');
    if (v >= max_frequency) return "frequency '" + std::string(s) + "' is too large (limit 2^53)";
  }
  out = v;
  return {};
}

/// Quotes a line for an error message: at most 60 bytes, escaped as a TSV field is
/// (formats/tsv.hpp: control bytes such as NUL as \xHH, ill-formed UTF-8 too), so the
/// message stays one printable line.
inline std::string quote_line(std::string_view line) {
  std::string_view shown = line.substr(0, complete_prefix_length(line.substr(0, 60)));
  std::string q = "\"";
  append_tsv_escaped(q, shown);
  q += shown.size() < line.size() ? "...\"" : "\"";
  return q;
}

/// One line of a main dictionary ("word freq [tag]"). Returns "" on success (with
/// `blank` telling whether the line was blank and skipped) or the reason it is malformed.
inline std::string parse_dict_line(std::string_view raw, dict_line& out, bool& blank) {
  const std::string_view line = strip_ascii_space(raw);
  blank = line.empty();
  if (blank) return {};
  if (const utf8_validation v = validate_utf8(line); !v)
    return std::string("invalid UTF-8 (") + to_string(v.kind) + " at byte " + std::to_string(v.offset) + " of the line)";
  std::string_view fields[4];
  std::size_t n = 0, pos = 0;
  while (n < 4) {
    const std::size_t sp = line.find(' ', pos);
    fields[n++] = line.substr(pos, sp == std::string_view::npos ? std::string_view::npos : sp - pos);
    if (sp == std::string_view::npos) break;
    pos = sp + 1;
  }
  if (n < 2) return "expected 'word frequency [tag]', found no frequency in " + quote_line(line);
  if (n > 3) return "expected 'word frequency [tag]', found more than three space-separated fields in " + quote_line(line);
  out = dict_line{};
  out.word = fields[0];
  std::string why = parse_frequency(fields[1], out.freq, true);
  if (!why.empty()) return why + " in " + quote_line(line);
  out.has_freq = true;
  if (n == 3) {
    if (fields[2].empty()) return "empty tag in " + quote_line(line);
    out.tag = fields[2];
  }
  return {};
}

/// Does `rest` match jieba's `( [0-9]+)?( [a-z]+)?$`? Fills the digits and tag found.
inline bool match_userdict_suffix(std::string_view rest, std::string_view& digits, std::string_view& tag) noexcept {
  digits = tag = {};
  if (rest.empty()) return true;
  if (rest[0] != ' ' || rest.size() < 2) return false;
  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  auto all_lower = [](std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
      if (c < 'a' || c > 'z') return false;
    return true;
  };
  std::size_t p = 1;
  if (is_digit(rest[p])) {
    while (p < rest.size() && is_digit(rest[p])) ++p;
    digits = rest.substr(1, p - 1);
    if (p == rest.size()) return true;
    if (rest[p] != ' ' || !all_lower(rest.substr(p + 1))) return false;
    tag = rest.substr(p + 1);
    return true;
  }
  if (!all_lower(rest.substr(1))) return false;
  tag = rest.substr(1);
  return true;
}

/// One line of a user dictionary (see the top of this file). Returns "" on success,
/// with `blank` set for lines that are skipped, or the reason it cannot be used.
inline std::string parse_userdict_line(std::string_view raw, dict_line& out, bool& blank) {
  std::string_view line = strip_ascii_space(raw);
  if (const utf8_validation v = validate_utf8(line); !v)
    return std::string("invalid UTF-8 (") + to_string(v.kind) + " at byte " + std::to_string(v.offset) +
           " of the line); user dictionaries must be UTF-8";
  while (line.size() >= 3 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);  // lstrip('\ufeff')
  blank = line.empty();
  if (blank) return {};
  out = dict_line{};
  // The lazy (.+?) takes the shortest word, at least one character, after which the
  // rest matches; the whole line always matches as a last resort.
  const std::size_t first = decode_utf8(line).size;
  for (std::size_t i = first; i <= line.size(); ++i) {
    if (i < line.size() && line[i] != ' ') continue;
    std::string_view digits, tag;
    if (!match_userdict_suffix(line.substr(i), digits, tag)) continue;
    out.word = line.substr(0, i);
    out.tag = tag;
    if (!digits.empty()) {
      std::string why = parse_frequency(digits, out.freq, false);
      if (!why.empty()) return why + " in " + quote_line(line);
      out.has_freq = true;
    }
    return {};
  }
  out.word = line;  // not reached: i == size always matches
  return {};
}

}  // namespace zhtext::detail
