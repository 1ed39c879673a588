// zhtext/chars.hpp - character classes for Chinese text.
//
// Small constexpr predicates on code points: Han ideographs (every CJK Unified
// Ideographs block and extension through H, Unicode 15.0, plus the compatibility
// ideographs and U+3007 〇), CJK punctuation, full-width forms, ASCII classes,
// Chinese numerals (with their financial forms) and whitespace including U+3000.
// Script and width properties from the full Unicode database are in unicode.hpp.
//
//   zhtext::is_han(U'社')                  // true
//   zhtext::chinese_numeral_value(U'贰')   // 2
//   zhtext::fold_width(U'Ａ')              // U'A'
#pragma once

#include <cstdint>

namespace zhtext {

/// Han ideograph: CJK Unified Ideographs and Extensions A-H, CJK Compatibility
/// Ideographs (and Supplement), and U+3007 IDEOGRAPHIC NUMBER ZERO.
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

/// Full-width forms of ASCII, U+FF01..U+FF5E (！ .. ～).
constexpr bool is_fullwidth_ascii(char32_t c) noexcept { return c >= 0xFF01 && c <= 0xFF5E; }

/// Any character of the Halfwidth and Fullwidth Forms block that is full-width:
/// U+FF01..U+FF60 and U+FFE0..U+FFE6 (￠ ￡ ￢ ￣ ￤ ￥ ￦).
constexpr bool is_fullwidth_form(char32_t c) noexcept {
  return (c >= 0xFF01 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6);
}

/// CJK punctuation and symbols as they occur in Chinese text: the CJK Symbols and
/// Punctuation block (except U+3000 space and the ideographic U+3007/U+3021..3029/
/// U+3038..303A), full-width punctuation (not letters or digits), the vertical and
/// small form variants, and the general punctuation Chinese uses: ‘ ’ “ ” — … · ‧.
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

/// Han ideograph or CJK punctuation: the characters that make a context "Chinese".
constexpr bool is_cjk(char32_t c) noexcept { return is_han(c) || is_cjk_punctuation(c); }

constexpr bool is_ascii(char32_t c) noexcept { return c < 0x80; }
constexpr bool is_ascii_digit(char32_t c) noexcept { return c >= '0' && c <= '9'; }
constexpr bool is_ascii_alpha(char32_t c) noexcept { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
constexpr bool is_ascii_alnum(char32_t c) noexcept { return is_ascii_digit(c) || is_ascii_alpha(c); }
constexpr bool is_ascii_punctuation(char32_t c) noexcept {
  return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) ||
         (c >= 0x7B && c <= 0x7E);
}

/// White space: the Unicode White_Space property (ASCII \t \n \v \f \r and space,
/// U+0085, U+00A0, U+1680, U+2000..U+200A, U+2028, U+2029, U+202F, U+205F and
/// U+3000 IDEOGRAPHIC SPACE).
constexpr bool is_space(char32_t c) noexcept {
  return c == 0x20 || (c >= 0x09 && c <= 0x0D) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000;
}

/// Control characters: C0 (U+0000..U+001F), DEL and C1 (U+007F..U+009F).
constexpr bool is_control(char32_t c) noexcept { return c < 0x20 || (c >= 0x7F && c <= 0x9F); }

/// Invisible format characters news text picks up from the web and office tools:
/// U+200B..U+200F, U+2060..U+2064, U+FEFF (BOM / zero-width no-break space), U+00AD.
constexpr bool is_invisible_format(char32_t c) noexcept {
  return (c >= 0x200B && c <= 0x200F) || (c >= 0x2060 && c <= 0x2064) || c == 0xFEFF || c == 0xAD;
}

/// Value of a Chinese numeral character, or -1. Digits 零〇一二两三四五六七八九 and
/// their financial forms 壹贰貳叁參肆伍陆陸柒捌玖 (0-9; 两/兩 = 2), units 十拾 (10),
/// 百佰 (100), 千仟 (1000), 万萬 (10^4), 亿億 (10^8).
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

/// True for the characters chinese_numeral_value() knows.
constexpr bool is_chinese_numeral(char32_t c) noexcept { return chinese_numeral_value(c) >= 0; }

/// Full-width ASCII variant to ASCII (Ａ -> A, ， -> ,) and U+3000 to space;
/// anything else unchanged.
constexpr char32_t fold_width(char32_t c) noexcept {
  if (is_fullwidth_ascii(c)) return c - 0xFF01 + 0x21;
  if (c == 0x3000) return 0x20;
  return c;
}

/// The full-width form Chinese text uses for the ASCII sentence punctuation
/// , ; : ? ! (，；：？！), or 0 for any other character.
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

/// Coarse class of a code point, for statistics (see `char_class_of`).
enum class char_class : std::uint8_t {
  han,
  cjk_punctuation,
  fullwidth_alnum,  ///< full-width ASCII letters and digits (Ａ, １)
  ascii_letter,
  ascii_digit,
  ascii_punctuation,
  space,
  control,
  other,
};

constexpr const char* to_string(char_class k) noexcept {
  switch (k) {
    case char_class::han: return "han";
    case char_class::cjk_punctuation: return "cjk_punctuation";
    case char_class::fullwidth_alnum: return "fullwidth_alnum";
    case char_class::ascii_letter: return "ascii_letter";
    case char_class::ascii_digit: return "ascii_digit";
    case char_class::ascii_punctuation: return "ascii_punctuation";
    case char_class::space: return "space";
    case char_class::control: return "control";
    case char_class::other: return "other";
  }
  return "other";
}

/// The class of `c`; every code point has exactly one.
constexpr char_class char_class_of(char32_t c) noexcept {
  if (is_han(c)) return char_class::han;
  if (is_space(c)) return char_class::space;
  if (is_control(c)) return char_class::control;
  if (is_ascii_alpha(c)) return char_class::ascii_letter;
  if (is_ascii_digit(c)) return char_class::ascii_digit;
  if (is_ascii_punctuation(c)) return char_class::ascii_punctuation;
  if (is_cjk_punctuation(c)) return char_class::cjk_punctuation;
  if (is_fullwidth_ascii(c) && is_ascii_alnum(fold_width(c))) return char_class::fullwidth_alnum;
  return char_class::other;
}

}  // namespace zhtext
