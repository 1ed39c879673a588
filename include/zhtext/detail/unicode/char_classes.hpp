// zhtext/detail/unicode/char_classes.hpp - the character-class predicates of
// zhtext/chars.hpp (Han, CJK punctuation, full-width forms, ASCII classes, Chinese
// numerals, white space), here so that the internals can use them without including a
// public header; chars.hpp documents them and exposes them with `using`.
//
// constexpr, noexcept, no tables: each is a few range compares.
#pragma once

#include <cstdint>

namespace zhtext::detail {

constexpr bool is_han(char32_t c) noexcept {
  return (c >= 0x4E00 && c <= 0x9FFF)       // CJK Unified Ideographs
         || (c >= 0x3400 && c <= 0x4DBF)    // Extension A
         || (c >= 0x20000 && c <= 0x2A6DF)  // Extension B
         || (c >= 0x2A700 && c <= 0x2EBEF)  // Extensions C, D, E, F (contiguous)
         || (c >= 0x30000 && c <= 0x323AF)  // Extensions G, H
         || (c >= 0xF900 && c <= 0xFAFF)    // Compatibility Ideographs
         || (c >= 0x2F800 && c <= 0x2FA1F)  // Compatibility Ideographs Supplement
         || c == 0x3007;                    // 〇
}

constexpr bool is_fullwidth_ascii(char32_t c) noexcept { return c >= 0xFF01 && c <= 0xFF5E; }

constexpr bool is_fullwidth_form(char32_t c) noexcept {
  return (c >= 0xFF01 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6);
}

constexpr bool is_cjk_punctuation(char32_t c) noexcept {
  if (c >= 0x3001 && c <= 0x303F)
    return c != 0x3007 && !(c >= 0x3021 && c <= 0x3029) && !(c >= 0x3038 && c <= 0x303A);
  if (c >= 0xFF01 && c <= 0xFF65)
    return !(c >= 0xFF10 && c <= 0xFF19) && !(c >= 0xFF21 && c <= 0xFF3A) && !(c >= 0xFF41 && c <= 0xFF5A);
  if (c >= 0xFE10 && c <= 0xFE19) return true;  // vertical forms
  if (c >= 0xFE30 && c <= 0xFE6B) return true;  // CJK compatibility and small form variants
  switch (c) {
    case 0x2018: case 0x2019: case 0x201C: case 0x201D:  // ‘ ’ “ ”
    case 0x2014: case 0x2015: case 0x2026:               // — ― …
    case 0x00B7: case 0x2027: case 0x30FB:               // · ‧ ・
    case 0xFFE5:                                         // ￥
      return true;
    default:
      return false;
  }
}

constexpr bool is_cjk(char32_t c) noexcept { return is_han(c) || is_cjk_punctuation(c); }

constexpr bool is_ascii(char32_t c) noexcept { return c < 0x80; }
constexpr bool is_ascii_digit(char32_t c) noexcept { return c >= '0' && c <= '9'; }
constexpr bool is_ascii_alpha(char32_t c) noexcept { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
constexpr bool is_ascii_alnum(char32_t c) noexcept { return is_ascii_digit(c) || is_ascii_alpha(c); }
constexpr bool is_ascii_punctuation(char32_t c) noexcept {
  return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) ||
         (c >= 0x7B && c <= 0x7E);
}

constexpr bool is_space(char32_t c) noexcept {
  return c == 0x20 || (c >= 0x09 && c <= 0x0D) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000;
}

constexpr bool is_control(char32_t c) noexcept { return c < 0x20 || (c >= 0x7F && c <= 0x9F); }

constexpr bool is_invisible_format(char32_t c) noexcept {
  return (c >= 0x200B && c <= 0x200F) || (c >= 0x2060 && c <= 0x2064) || c == 0xFEFF || c == 0xAD;
}

constexpr std::int64_t chinese_numeral_value(char32_t c) noexcept {
  switch (c) {
    case U'零': case U'〇': return 0;
    case U'一': case U'壹': return 1;
    case U'二': case U'贰': case U'貳': case U'两': case U'兩': return 2;
    case U'三': case U'叁': case U'參': return 3;
    case U'四': case U'肆': return 4;
    case U'五': case U'伍': return 5;
    case U'六': case U'陆': case U'陸': return 6;
    case U'七': case U'柒': return 7;
    case U'八': case U'捌': return 8;
    case U'九': case U'玖': return 9;
    case U'十': case U'拾': return 10;
    case U'百': case U'佰': return 100;
    case U'千': case U'仟': return 1000;
    case U'万': case U'萬': return 10000;
    case U'亿': case U'億': return 100000000;
    default: return -1;
  }
}

constexpr bool is_chinese_numeral(char32_t c) noexcept { return chinese_numeral_value(c) >= 0; }

constexpr char32_t fold_width(char32_t c) noexcept {
  if (is_fullwidth_ascii(c)) return c - 0xFF01 + 0x21;
  if (c == 0x3000) return 0x20;
  return c;
}

constexpr char32_t cjk_form_of_ascii_punctuation(char32_t c) noexcept {
  switch (c) {
    case ',': return U'，';
    case ';': return U'；';
    case ':': return U'：';
    case '?': return U'？';
    case '!': return U'！';
    default: return 0;
  }
}

}  // namespace zhtext::detail
