// zhtext/detail/entities/text.hpp - reading helpers shared by the entity recognisers.
//
// The entity scanner is a chain of classes, one header each, every one adding a
// family of recognisers to the one before:
//   entity_text     (this header)  lenient reading, look-behind, offers, integers
//   entity_numbers                 numbers, percents, quantities
//   entity_dates                   dates, clock times
//   entity_words                   relative times, named days, bylines
//   entity_scanner                 the scan loop (scanner.hpp)
// Every read goes through `at(i)`, which decodes leniently and never reads past the
// end; ill-formed bytes read as U+FFFD, which no grammar accepts. The classes hold
// only a view (pointer + size) and are immutable: `const` methods, no state.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "../unicode/char_classes.hpp"
#include "../unicode/utf8_decode.hpp"
#include "lexicon.hpp"
#include "numeral_lexer.hpp"
#include "types.hpp"

namespace zhtext::detail {

class entity_text {
 public:
  explicit entity_text(std::string_view s) noexcept : p_(bytes(s)), n_(s.size()) {}

 protected:
  struct found {
    std::size_t end = 0;
    bool emit = false;
    entity e{};
  };

  // ---- reading ---------------------------------------------------------------

  decoded at(std::size_t i) const noexcept {
    if (i >= n_) return {0, 0, utf8_errc::truncated};
    return decode_at(p_ + i, p_ + n_);
  }
  /// The code point at i: 0 at the end, U+FFFD for ill-formed bytes.
  char32_t cp(std::size_t i) const noexcept {
    if (i >= n_) return 0;
    const decoded d = at(i);
    return d.error == utf8_errc::ok ? d.value : replacement_character;
  }
  std::size_t after(std::size_t i) const noexcept {
    if (i >= n_) return n_;
    const std::size_t s = at(i).size;
    return i + (s == 0 ? 1 : s);
  }
  /// Start of the code point that ends at i (i itself at the start).
  std::size_t prev_start(std::size_t i) const noexcept {
    if (i == 0 || i > n_) return i > n_ ? n_ : 0;
    std::size_t j = i - 1;
    for (int k = 0; k < 3 && j > 0 && is_continuation(p_[j]); ++k) --j;
    const decoded d = at(j);
    return j + d.size == i ? j : i - 1;
  }
  /// The code point that ends at i (0 at the start of the text).
  char32_t prev(std::size_t i) const noexcept { return i == 0 ? 0 : cp(prev_start(i)); }
  bool word_at(std::size_t i, std::string_view w) const noexcept {
    return i <= n_ && n_ - i >= w.size() && std::memcmp(p_ + i, w.data(), w.size()) == 0;
  }
  static constexpr bool is_inline_space(char32_t c) noexcept { return c == ' ' || c == 0x3000 || c == 0xA0; }
  /// Skips one space character (the parts of an entity may be spaced: "5 月 30 日").
  std::size_t space(std::size_t i) const noexcept { return is_inline_space(cp(i)) ? after(i) : i; }
  std::size_t spaces(std::size_t i) const noexcept {
    while (i < n_ && is_inline_space(cp(i))) i = after(i);
    return i;
  }
  static bool is_alnum_like(char32_t c) noexcept { return is_ascii_alnum(fold_width(c)); }
  const lex_entry* word(std::size_t i, lex_tag tag) const noexcept { return entity_lexicon::longest(p_, n_, i, tag); }
  /// True if a Han character or a letter/digit does not continue the text before i.
  bool boundary_before(std::size_t i) const noexcept {
    const char32_t c = prev(i);
    return c == 0 || (!is_han(c) && !is_alnum_like(c) && c != replacement_character);
  }
  bool boundary_after(std::size_t i) const noexcept {
    const char32_t c = cp(i);
    return c == 0 || (!is_han(c) && !is_alnum_like(c));
  }
  void offer(found& best, std::size_t begin, std::size_t end, entity_kind kind, const entity_value& v) const noexcept {
    if (end <= best.end) return;
    best.end = end;
    best.emit = true;
    best.e.kind = kind;
    best.e.offset = begin;
    best.e.text = std::string_view(reinterpret_cast<const char*>(p_) + begin, end - begin);
    best.e.value = v;
  }
  static void offer_skip(found& best, std::size_t end) noexcept {
    if (end <= best.end) return;
    best.end = end;
    best.emit = false;
  }

  // ---- numbers ---------------------------------------------------------------

  static bool is_numeral_char(char32_t c) noexcept {
    return chinese_digit_value(c) >= 0 || chinese_unit_power(c) > 0 || c == U'廿' || c == U'卅';
  }
  bool starts_number(std::size_t j) const noexcept {
    const char32_t c = cp(j);
    if (arabic_digit_value(c) >= 0 || is_numeral_char(c)) return true;
    return (c == U'几' || c == U'数') && chinese_unit_power(cp(after(j))) > 0;
  }
  /// An Arabic number must not continue a word of letters and digits (N95, v1.2, COVID-19).
  bool number_start_ok(std::size_t i) const noexcept {
    const char32_t c = prev(i);
    if (is_alnum_like(c)) return false;
    const char32_t f = fold_width(c);
    if (f == '.' || f == '-' || f == '_' || f == '/' || f == ':' || f == '+' || f == ',')
      return !is_alnum_like(prev(prev_start(i)));
    return true;
  }
  /// Lexes the numeral run at j. Unless `whole`, a run of more atoms than
  /// numeral_run::capacity (malformed) is read only that far (run.cut_short), which
  /// keeps the scan linear on a long run of mixed numerals: only a claim that spans
  /// the run (an ordinal) needs its end.
  void lex(std::size_t j, numeral_run& run, bool ranges = true, bool dian = false, bool whole = false) const noexcept {
    numeral_lex_options o;
    o.ranges = ranges;
    o.dian_anywhere = dian;
    o.stop_past_capacity = !whole;
    lex_numeral_run(p_, n_, j, o, run);
  }
  /// Reads an integer 0..max at j (Arabic with at most `max_digits` digits, or a Chinese
  /// numeral); `digits` gets the number of Arabic digits or Chinese characters.
  bool read_int(std::size_t j, int max, int max_digits, int& v, std::size_t& end, bool& chinese,
                int* digits = nullptr) const noexcept {
    if (!starts_number(j)) return false;
    numeral_run run;
    lex(j, run, false);
    if (run.end == j || run.count == 0) return false;
    decimal d;
    if (evaluate_numeral(run, false, d) != numeral_errc::ok || !d.is_integer() || d.mantissa < 0 || d.mantissa > max)
      return false;
    chinese = run.chinese;
    if (run.arabic && run.chinese) return false;
    if (!chinese) {
      int nd = 0;
      for (std::size_t k = j; k < run.end; k = after(k)) ++nd;
      if (nd > max_digits) return false;
      if (digits) *digits = nd;
    } else {
      if (run.atoms[0].liang && run.count > 1) return false;
      if (digits) *digits = static_cast<int>(run.count);
    }
    v = static_cast<int>(d.mantissa);
    end = run.end;
    return true;
  }

  static constexpr bool is_range_sep(char32_t c) noexcept {
    return c == U'至' || c == U'到' || c == '-' || c == 0x2013 || c == 0x2014 || c == '~' || c == U'～' ||
           c == U'〜' || c == U'－';
  }
  const unsigned char* p_;
  std::size_t n_;
};

}  // namespace zhtext::detail
