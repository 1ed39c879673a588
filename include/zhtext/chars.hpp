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

#include "detail/unicode/char_classes.hpp"

namespace zhtext {

/// Han ideograph: CJK Unified Ideographs and Extensions A-H, CJK Compatibility
/// Ideographs (and Supplement), and U+3007 IDEOGRAPHIC NUMBER ZERO.
using detail::is_han;

/// Full-width forms of ASCII, U+FF01..U+FF5E (！ .. ～).
using detail::is_fullwidth_ascii;

/// Any character of the Halfwidth and Fullwidth Forms block that is full-width:
/// U+FF01..U+FF60 and U+FFE0..U+FFE6 (￠ ￡ ￢ ￣ ￤ ￥ ￦).
using detail::is_fullwidth_form;

/// CJK punctuation and symbols as they occur in Chinese text: the CJK Symbols and
/// Punctuation block (except U+3000 space and the ideographic U+3007/U+3021..3029/
/// U+3038..303A), full-width punctuation (not letters or digits), the vertical and
/// small form variants, and the general punctuation Chinese uses: ‘ ’ “ ” — … · ‧.
using detail::is_cjk_punctuation;

/// Han ideograph or CJK punctuation: the characters that make a context "Chinese".
using detail::is_cjk;

using detail::is_ascii;
using detail::is_ascii_digit;
using detail::is_ascii_alpha;
using detail::is_ascii_alnum;
using detail::is_ascii_punctuation;

/// White space: the Unicode White_Space property (ASCII \t \n \v \f \r and space,
/// U+0085, U+00A0, U+1680, U+2000..U+200A, U+2028, U+2029, U+202F, U+205F and
/// U+3000 IDEOGRAPHIC SPACE).
using detail::is_space;

/// Control characters: C0 (U+0000..U+001F), DEL and C1 (U+007F..U+009F).
using detail::is_control;

/// Invisible format characters news text picks up from the web and office tools:
/// U+200B..U+200F, U+2060..U+2064, U+FEFF (BOM / zero-width no-break space), U+00AD.
using detail::is_invisible_format;

/// Value of a Chinese numeral character, or -1. Digits 零〇一二两三四五六七八九 and
/// their financial forms 壹贰貳叁參肆伍陆陸柒捌玖 (0-9; 两/兩 = 2), units 十拾 (10),
/// 百佰 (100), 千仟 (1000), 万萬 (10^4), 亿億 (10^8).
using detail::chinese_numeral_value;

/// True for the characters chinese_numeral_value() knows.
using detail::is_chinese_numeral;

/// Full-width ASCII variant to ASCII (Ａ -> A, ， -> ,) and U+3000 to space;
/// anything else unchanged.
using detail::fold_width;

/// The full-width form Chinese text uses for the ASCII sentence punctuation
/// , ; : ? ! (，；：？！), or 0 for any other character.
using detail::cjk_form_of_ascii_punctuation;

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
