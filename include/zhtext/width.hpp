// zhtext/width.hpp - East_Asian_Width, Script=Han and terminal column width.
//
// Properties from the Unicode Character Database (UAX #11 East Asian Width, Scripts.txt),
// through the generated tables of detail/unicode/tables.hpp.
//
// display_width() counts terminal columns per grapheme cluster (unicode.hpp), the way
// terminals lay text out: a cluster is as wide as its widest code point, where
//  - East Asian Wide (W) and Fullwidth (F) code points take 2 columns (Han, kana,
//    Hangul syllables, full-width forms, emoji with default emoji presentation);
//  - combining and enclosing marks (Mn, Me), format characters (Cf, except U+00AD
//    SOFT HYPHEN), controls (Cc, incl. tab and line breaks), U+2028/U+2029, other
//    Default_Ignorable code points and Hangul medial vowels / final consonants take 0;
//  - East Asian Ambiguous (A) code points take `ambiguous_width` columns: 1 by default,
//    as modern terminals do (xterm, VTE, Windows Terminal, macOS Terminal); pass 2 for
//    a terminal set to "ambiguous = wide" (common in CJK locales). Note that “ ” ‘ ’
//    … — · are Ambiguous, so Chinese text measures differently in such terminals;
//  - everything else takes 1;
//  - a cluster with U+FE0F (emoji presentation) or a pair of regional indicators (a
//    flag) takes 2.
// Controls count 0: expand tabs and split lines before measuring. Ill-formed UTF-8
// reads as U+FFFD (Ambiguous: `ambiguous_width` columns per maximal subpart).
//
//   zhtext::display_width("中文 ok");                // 7
//   zhtext::display_width("“好”", 2);                // 6 (4 with the default)
//   zhtext::east_asian_width(U'Ａ');                 // east_asian_width_class::fullwidth
//   zhtext::is_han_script(U'々');                    // true (zhtext::is_han is false)
//   zhtext::truncate_to_width("新闻标题很长", 7);     // "新闻标" (6 columns)
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "detail/unicode/props.hpp"
#include "detail/unicode/width.hpp"
#include "utf8.hpp"

namespace zhtext {

/// East_Asian_Width property values (UAX #11).
enum class east_asian_width_class : std::uint8_t {
  neutral = detail::ucd::eaw_neutral,      ///< N: not East Asian (most scripts)
  ambiguous = detail::ucd::eaw_ambiguous,  ///< A: wide in East Asian legacy encodings, else narrow
  halfwidth = detail::ucd::eaw_halfwidth,  ///< H: ｱ ￩ and the half-width forms
  wide = detail::ucd::eaw_wide,            ///< W: Han, kana, Hangul, CJK punctuation, most emoji
  fullwidth = detail::ucd::eaw_fullwidth,  ///< F: Ａ ， U+3000 and the full-width forms
  narrow = detail::ucd::eaw_narrow,        ///< Na: ASCII and its narrow relatives
};

/// The East_Asian_Width of `c` (values above U+10FFFF read as U+FFFD: ambiguous).
inline east_asian_width_class east_asian_width(char32_t c) noexcept {
  return static_cast<east_asian_width_class>(detail::ucd_flags(c) & detail::ucd::flag_eaw_mask);
}

/// True if `c` has Script=Han (Scripts.txt): ideographs, but also 々 〇 〡..〩 〸..〻,
/// the CJK and Kangxi radicals (not 〆, which is Common). zhtext::is_han (chars.hpp) is a
/// fast check for the ideograph blocks only.
inline bool is_han_script(char32_t c) noexcept { return (detail::ucd_flags(c) & detail::ucd::flag_han) != 0; }

/// Terminal columns of one code point on its own: 0, 1 or 2 (see the top of this
/// header); Ambiguous code points take `ambiguous_width`.
using detail::code_point_width;

/// Terminal columns `text` takes (see the top of this header). O(n), no allocation.
inline std::size_t display_width(std::string_view text, unsigned ambiguous_width = 1) noexcept {
  std::size_t total = 0;
  detail::for_each_cluster_width(text, ambiguous_width, [&](std::size_t, std::size_t, std::size_t w) noexcept {
    total += w;
    return true;
  });
  return total;
}

/// The longest prefix of `text` that fits in `columns` terminal columns without
/// splitting a grapheme cluster (a view into `text`). Zero-width clusters right
/// after the prefix are kept with it.
inline std::string_view truncate_to_width(std::string_view text, std::size_t columns,
                                          unsigned ambiguous_width = 1) noexcept {
  std::size_t used = 0, end = 0;
  detail::for_each_cluster_width(text, ambiguous_width, [&](std::size_t, std::size_t e, std::size_t w) noexcept {
    if (used + w > columns) return false;
    used += w;
    end = e;
    return true;
  });
  return text.substr(0, end);
}

}  // namespace zhtext
