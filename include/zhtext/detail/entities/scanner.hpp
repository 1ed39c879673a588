// zhtext/detail/entities/scanner.hpp - the recognisers behind zhtext/entities.hpp.
//
// entity_scanner::next(pos) finds the first entity at or after byte `pos`. At each
// character it asks five recognisers, in priority order - byline, relative time,
// named day, date/time, number/quantity - and keeps the longest match (the earlier
// recogniser wins a tie, so 2020年 is a date, not 2020 years). A recogniser may also
// claim text without reporting it (ordinals 第3个, building numbers 11号楼, idioms),
// so the scan resumes after it. When nothing matches, a whole run of ASCII letters
// and digits or of Chinese numerals is skipped at once, which keeps the scan linear
// (a megabyte of digits is read once) and keeps "N95" or "万一" from starting a number
// in their middle.
//
// Every read goes through `at(i)`, which decodes leniently and never reads past the
// end; ill-formed bytes are U+FFFD, which no grammar accepts, and line breaks are in
// no grammar, so entities never contain either. Look-ahead is bounded (a numeral run,
// a bracket of at most 16 tokens). Stateless: `next` is const and the scanner is a
// view, so ranges and iterators are cheap to copy. entity_cursor walks a text with it
// for the range, the callback and the vector of entities.hpp.
#pragma once

#include <cstddef>
#include <string_view>

#include "words.hpp"

namespace zhtext::detail {

class entity_scanner : public entity_words {
 public:
  using entity_words::entity_words;

  /// The first entity at or after `pos`; false if there is none.
  bool next(std::size_t pos, entity& out) const noexcept {
    std::size_t i = pos;
    bool after_han = is_han(prev(i));  // is the previous character Han (no boundary)?
    while (i < n_) {
      const decoded d = at(i);
      if (d.error != utf8_errc::ok) {
        i += d.size;
        after_han = false;
        continue;
      }
      const char32_t c = d.value;
      const bool han = is_han(c);
      if (!may_begin(c, han, after_han)) {  // the common case: move on at once
        if (is_alnum_like(c)) {
          i = skip_unmatched(i, c, d.size);
          after_han = false;
        } else {
          i += d.size;
          after_han = han;
        }
        continue;
      }
      found best;
      byline(i, c, best);
      relative(i, c, best);
      named_day(i, c, best);
      temporal(i, c, best);
      numeric(i, c, best);
      if (best.end > i) {
        if (best.emit) {
          out = best.e;
          return true;
        }
        i = best.end;
      } else {
        i = skip_unmatched(i, c, d.size);
      }
      after_han = is_han(prev(i));
    }
    return false;
  }

 private:
  /// Can an entity start at a character `c`? (`after_han`: the one before is Han.)
  static bool may_begin(char32_t c, bool han, bool after_han) noexcept {
    if (c < 0x80) return c == '(' || is_ascii_digit(c);
    if (!han) return c == U'（' || (c >= 0xFF10 && c <= 0xFF19);
    if (!after_han) return true;  // NAME/摄 and 文/NAME start after a boundary
    return entity_lexicon::may_begin_entity(c) || is_numeral_char(c) || c == U'几' || c == U'数' || c == U'第' ||
           c == U'初' || c == U'上' || c == U'农' || c == U'本';
  }

  std::size_t skip_unmatched(std::size_t i, char32_t c, std::size_t size) const noexcept {
    if (is_alnum_like(c)) {
      while (i < n_ && is_alnum_like(cp(i))) i = after(i);
      return i;
    }
    if (is_numeral_char(c)) {
      while (i < n_ && is_numeral_char(cp(i))) i = after(i);
      return i;
    }
    return i + size;
  }
};

/// The cursor of zhtext::entity_range (see detail/ranges/lazy_range.hpp): the entities
/// of a text that `options` asks for, in text order.
class entity_cursor {
 public:
  using value_type = entity;
  entity_cursor() = default;
  entity_cursor(std::string_view text, const entity_options& options) noexcept : text_(text), options_(options) {}
  bool next(entity& out) noexcept {
    const entity_scanner scan(text_);
    while (scan.next(pos_, out)) {
      pos_ = out.end();
      if (options_.wants(out.kind)) return true;
    }
    pos_ = text_.size() + 1;
    return false;
  }
  std::size_t position() const noexcept { return pos_; }

 private:
  std::string_view text_;
  entity_options options_;
  std::size_t pos_ = 0;
};

}  // namespace zhtext::detail
