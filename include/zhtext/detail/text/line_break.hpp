// zhtext/detail/text/line_break.hpp - is a single line break a hard wrap?
//
// Text extracted from PDFs and print layouts breaks lines in the middle of words
// ("群众核酸检\n测工作"). normalize() joins such lines and the sentence splitter does
// not end a sentence there; both ask this one predicate so they always agree.
//
// A single line break (blank lines are paragraph breaks and never get here) is kept
// when it is likely deliberate: the next line is indented, the previous line is a
// markdown heading, the previous line ends a sentence or a quote/bracket, or the next
// line starts with a bullet or heading marker. A next line that starts with
// punctuation Chinese typesetting never puts first (、，。” ...) always continues the
// previous one. Otherwise the break is a wrap: removed between CJK text (Chinese has
// no spaces between words) and turned into a space between Latin text.
#pragma once

#include <string_view>

#include "../unicode/char_classes.hpp"

namespace zhtext::detail {

/// Characters after which a line break is deliberate (end of sentence or of a
/// quotation/bracket that closes one).
inline constexpr std::u32string_view line_enders = U"。！？；…｡.!?;”’」』）】》〕〉)]\"'";
/// Characters that start a new block when they begin a line: bullets, arrows,
/// markdown heading and quote markers.
inline constexpr std::u32string_view block_starters = U"▲△▶►▷▸●○■□◆◇★☆※•#>*-+";
/// Punctuation that Chinese typesetting never puts at the start of a line (the
/// line-start prohibition, 避头点): a line that starts with one continues the
/// previous line.
inline constexpr std::u32string_view line_start_prohibited = U"、，。．！？；：”’」』）》】〕〉％‰";

constexpr bool ends_line_deliberately(char32_t c) noexcept { return c != 0 && line_enders.find(c) != std::u32string_view::npos; }
constexpr bool starts_block(char32_t c) noexcept { return c != 0 && block_starters.find(c) != std::u32string_view::npos; }
constexpr bool never_starts_line(char32_t c) noexcept {
  return c != 0 && line_start_prohibited.find(c) != std::u32string_view::npos;
}

enum class line_break_kind {
  keep,              ///< a deliberate break
  join,              ///< a wrap inside CJK text: remove the break
  join_with_space,   ///< a wrap inside Latin text: the break becomes a space
};

/// Classifies a single line break. `prev`: last non-space character before it;
/// `next`: first non-space character after it; `next_indented`: white space at the
/// start of the next line; `prev_line_is_heading`: the previous line starts with '#'.
constexpr line_break_kind classify_line_break(char32_t prev, char32_t next, bool next_indented,
                                              bool prev_line_is_heading) noexcept {
  if (next_indented || prev_line_is_heading) return line_break_kind::keep;
  if (never_starts_line(next)) return line_break_kind::join;
  if (ends_line_deliberately(prev) || starts_block(next)) return line_break_kind::keep;
  if (is_cjk(prev) || is_cjk(next)) return line_break_kind::join;
  return line_break_kind::join_with_space;
}

}  // namespace zhtext::detail
