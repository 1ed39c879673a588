// zhtext/detail/entity_scanner.hpp - the recognisers behind zhtext/entities.hpp.
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
// view, so ranges and iterators are cheap to copy.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "../chars.hpp"
#include "../numerals.hpp"
#include "../utf8.hpp"
#include "entity_lexicon.hpp"

namespace zhtext::detail {

class entity_scanner {
 public:
  explicit entity_scanner(std::string_view s) noexcept : p_(bytes(s)), n_(s.size()) {}

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
    return lexicon::may_begin_entity(c) || is_numeral_char(c) || c == U'几' || c == U'数' || c == U'第' ||
           c == U'初' || c == U'上' || c == U'农' || c == U'本';
  }

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
  const lex_entry* word(std::size_t i, lex_tag tag) const noexcept { return lexicon::longest(p_, n_, i, tag); }
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
  void lex(std::size_t j, numeral_run& run, bool ranges = true, bool dian = false) const noexcept {
    numeral_lex_options o;
    o.ranges = ranges;
    o.dian_anywhere = dian;
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

  /// Idioms holding numerals (三番五次) are claimed whole, reporting nothing.
  bool inside_idiom(std::size_t i, std::size_t& idiom_end) const noexcept {
    std::size_t s = i;
    for (int back = 0; back <= 3; ++back) {
      if (const lex_entry* e = word(s, lex_tag::idiom); e && s + e->word.size() > i) {
        idiom_end = s + e->word.size();
        return true;
      }
      if (s == 0) break;
      s = prev_start(s);
    }
    return false;
  }

  static approx combine(approx a, approx b) noexcept {
    if (a == approx::exact) return b;
    if (b == approx::exact || a == b) return a;
    return approx::about;  // 近30多: both markers
  }

  /// Is the character after a bare number one that leaves it a number? Not a Han
  /// word glued to it (84消毒液, 3点建议), unless a function word.
  bool bare_follow_ok(std::size_t k) const noexcept {
    const char32_t f = cp(k);
    if (f == 0) return true;
    if (is_ascii_alpha(fold_width(f))) return false;
    if (!is_han(f)) return true;
    switch (f) {
      case U'的': case U'为': case U'是': case U'和': case U'与': case U'或': case U'及': case U'了':
      case U'在': case U'比': case U'也': case U'都': case U'就': case U'而': case U'并': case U'且':
      case U'等': case U'到': case U'至':
        return true;
      default:
        return false;
    }
  }

  bool qualifier_allowed(std::size_t i, const lex_entry& q) const noexcept {
    const char32_t before = prev(i);
    if (q.word == "近") {
      switch (before) {
        case U'附': case U'靠': case U'临': case U'邻': case U'就': case U'贴': case U'走': case U'亲': case U'最':
        case U'将': case U'接': case U'年':
          return before == U'年';  // 年近80岁 reads as 近80岁; 附近 does not
        default: return true;
      }
    }
    if (q.word == "约") {
      switch (before) {
        case U'预': case U'签': case U'相': case U'合': case U'条': case U'节': case U'违': case U'履': case U'邀':
        case U'特': case U'制': case U'公': case U'契': case U'婚': case U'赴': case U'失': case U'守': case U'大':
          return false;
        default: return true;
      }
    }
    return true;
  }

  void numeric(std::size_t i, char32_t c, found& best) const noexcept {
    if (is_numeral_char(c) || c == U'几' || c == U'数') {
      std::size_t idiom_end;
      if (inside_idiom(i, idiom_end)) {
        offer_skip(best, idiom_end);
        return;
      }
    }
    // Ordinals (第3个, 第一时间) and 初一: claimed, not reported.
    if (c == U'第' || (c == U'初' && is_numeral_char(cp(after(i))))) {
      const std::size_t k = space(after(i));
      if (!starts_number(k)) return;
      numeral_run run;
      lex(k, run);
      std::size_t e = run.end;
      const std::size_t u = space(e);
      if (const lex_entry* w = word(u, lex_tag::unit)) e = u + w->word.size();
      offer_skip(best, e);
      return;
    }
    std::size_t j = i;
    approx pre = approx::exact;
    bool negative = false, shang = false;
    if (const lex_entry* q = word(i, lex_tag::prefix_qual); q != nullptr && qualifier_allowed(i, *q)) {
      pre = static_cast<approx>(q->a);
      j = i + q->word.size();
    } else if (word_at(i, "零下")) {
      negative = true;
      j = i + 6;
    } else if (c == U'上' && chinese_unit_power(cp(after(i))) >= 2) {
      shang = true;  // 上百, 上千, 上万, 上百万: "reaching" = above
      j = after(i);
    }
    if (word_at(j, "百分之")) {
      percent_bai(i, j, pre, best);
      return;
    }
    if (!starts_number(j)) return;
    if (j == i && arabic_digit_value(c) >= 0 && !number_start_ok(i)) return;

    numeral_run run;
    lex(j, run, !shang);
    if (run.end == j || run.count == 0) return;
    std::size_t k = run.end;
    number_value num;
    const bool first_arabic = run.atoms[0].t == numeral_atom::type::arabic;
    const bool only_arabic = run.count == 1 && first_arabic;
    bool unit_char_only = true;  // 百余, 上千: units with no digit
    int unit_power_sum = 0, max_power = 0;
    bool has_digit = false;
    for (std::size_t a = 0; a < run.count; ++a) {
      const numeral_atom& at = run.atoms[a];
      if (at.t == numeral_atom::type::unit) {
        unit_power_sum += at.power;
        if (at.power > max_power) max_power = at.power;
      } else {
        unit_char_only = false;
        has_digit |= at.t == numeral_atom::type::digit || at.t == numeral_atom::type::range ||
                     at.t == numeral_atom::type::arabic;
      }
    }
    if (shang) {
      if (!unit_char_only || run.count > 2) return;
      num.value = num.high = decimal{detail::pow10(static_cast<unsigned>(unit_power_sum)), 0};
      pre = approx::above;
    } else if (unit_char_only && run.count == 1 && max_power >= 2 && max_power <= 4 &&
               (cp(k) == U'余' || cp(k) == U'多')) {
      num.value = num.high = decimal{detail::pow10(static_cast<unsigned>(max_power)), 0};  // 百余人
    } else {
      if (evaluate_numeral(run, false, num.value) != numeral_errc::ok ||
          evaluate_numeral(run, true, num.high) != numeral_errc::ok)
        return;
      if (run.has_range) num.shape = number_shape::range;
    }
    const bool yi_alone = run.count == 1 && run.atoms[0].t == numeral_atom::type::digit &&
                          run.atoms[0].value.mantissa == 1 && !run.atoms[0].liang;
    const bool chinese_only = !run.arabic;

    // Arabic forms: 5+2, 1/4, 3-5 / 3至5.
    if (only_arabic && !shang && pre == approx::exact) {
      const char32_t sc = fold_width(cp(k));
      if ((sc == '+' || sc == '/') && arabic_digit_value(cp(after(k))) >= 0 && run.atoms[0].arabic_integer) {
        numeral_run r2;
        lex(after(k), r2, false);
        const char32_t tail = fold_width(cp(r2.end));
        if (r2.count == 1 && r2.atoms[0].t == numeral_atom::type::arabic && r2.atoms[0].arabic_integer &&
            !r2.arabic_overflow && tail != '+' && tail != '/' && tail != '=' && tail != '%' && tail != '.' &&
            !is_alnum_like(cp(r2.end)) && cp(r2.end) != U'％') {
          num.high = r2.atoms[0].value;
          if (sc == '+') {
            num.shape = number_shape::plus;
            offer(best, i, r2.end, entity_kind::number, num);
            return;
          }
          if (num.value < num.high && !num.high.is_zero() && bare_follow_ok(r2.end)) {
            num.shape = number_shape::fraction;
            offer(best, i, r2.end, entity_kind::number, num);
          }
          return;
        }
      }
    }
    // Chinese fractions: 三分之一.
    if (word_at(k, "分之") && !shang) {
      numeral_run r2;
      lex(k + 6, r2, false);
      decimal v2;
      if (r2.end > k + 6 && evaluate_numeral(r2, false, v2) == numeral_errc::ok && !num.value.is_zero() &&
          run.has_range == false) {
        number_value f;
        f.value = v2;
        f.high = num.value;
        f.shape = number_shape::fraction;
        f.qualifier = pre;
        offer(best, i, r2.end, entity_kind::number, f);
      }
      return;
    }
    // Ranges written with a separator: 3至5, 3-5, 三到五.
    if (num.shape == number_shape::single && !shang) {
      std::size_t e;
      decimal hi;
      if (range_tail(j, k, run, hi, e)) {
        num.high = hi;
        num.shape = number_shape::range;
        k = e;
      }
    }
    // Codes: 010-65123456, 3:2, 1.2.3, 1+1=2 (digits joined to more digits).
    if (first_arabic && num.shape == number_shape::single) {
      auto joiner = [](char32_t x) { return x == '-' || x == '/' || x == ':' || x == '.' || x == '+' || x == '='; };
      if (joiner(fold_width(cp(k))) && arabic_digit_value(cp(after(k))) >= 0) {
        std::size_t e = k;
        for (;;) {
          const char32_t x = fold_width(cp(e));
          if (is_ascii_alnum(x)) e = after(e);
          else if (joiner(x) && is_ascii_alnum(fold_width(cp(after(e)))))
            e = after(e);
          else break;
        }
        offer_skip(best, e);
        return;
      }
    }
    // 多 / 余 / 来 between the number and the measure word.
    approx inner = approx::exact;
    {
      const char32_t ic = cp(k);
      if (ic == U'多' || ic == U'余') {
        inner = approx::above;
        k = after(k);
      } else if (ic == U'来' && word(space(after(k)), lex_tag::unit) != nullptr) {
        inner = approx::about;  // 十来个
        k = after(k);
      }
    }
    // Percent: 6.5%, 5%-10%, 5-10%.
    const char32_t pc = cp(k);
    if (pc == '%' || pc == U'％') {
      std::size_t e = after(k);
      if (num.shape == number_shape::single && inner == approx::exact) {
        // 5%-10%
        std::size_t e2;
        decimal hi;
        if (range_tail(j, e, run, hi, e2) && (cp(e2) == '%' || cp(e2) == U'％')) {
          num.high = hi;
          num.shape = number_shape::range;
          e = after(e2);
        }
      }
      approx post = approx::exact;
      if (const lex_entry* sq = word(e, lex_tag::suffix_qual)) {
        post = static_cast<approx>(sq->a);
        e += sq->word.size();
      }
      num.qualifier = combine(combine(pre, inner), post);
      apply_sign(num, negative);
      offer(best, i, e, entity_kind::percent, num);
      return;
    }
    // 成 (tenths): 三成, 六七成.
    if (pc == U'成' && chinese_only && !shang && run.count == 1 && inner == approx::exact &&
        (run.atoms[0].t == numeral_atom::type::digit || run.atoms[0].t == numeral_atom::type::range) &&
        !run.atoms[0].wildcard && !num.value.is_zero()) {
      std::size_t e = after(k);
      approx post = approx::exact;
      if (const lex_entry* sq = word(e, lex_tag::suffix_qual)) {
        post = static_cast<approx>(sq->a);
        e += sq->word.size();
      } else if (cp(e) == U'多') {
        post = approx::above;
        e = after(e);
      }
      if (post != approx::exact || !is_han(cp(e)) || cp(e) == U'的') {
        num.value = decimal{num.value.mantissa * 10, 0};
        num.high = decimal{num.high.mantissa * 10, 0};
        num.qualifier = combine(pre, post);
        offer(best, i, e, entity_kind::percent, num);
      }
      return;
    }
    // Numbers that name things: 11号楼, 3单元, 三年级, 80年代, 90后.
    const std::size_t u = space(k);
    const lex_entry* unit = word(u, lex_tag::unit);
    if (const lex_entry* id = word(u, lex_tag::id_unit);
        id != nullptr && (unit == nullptr || id->word.size() >= unit->word.size()) && inner == approx::exact &&
        pre == approx::exact) {
      offer_skip(best, u + id->word.size());
      return;
    }
    if (cp(k) == U'后' && num.shape == number_shape::single && num.value.is_integer() &&
        num.value.mantissa % 10 == 0 && num.value.mantissa < 100 && inner == approx::exact) {
      offer_skip(best, after(k));  // 80后, 90后, 00后
      return;
    }
    // The measure word.
    bool half = false;
    std::size_t e = k;
    std::string_view unit_name;
    if (unit != nullptr) {
      e = u + unit->word.size();
      unit_name = unit->key.empty() ? unit->word : unit->key;
      if (unit->word == "个" && (cp(e) == U'多' || cp(e) == U'半')) {
        // 个多月, 个半小时
        const std::size_t v = after(e);
        static constexpr std::string_view nouns[] = {"月", "小时", "钟头", "星期"};
        static constexpr std::string_view names[] = {"个月", "个小时", "个钟头", "个星期"};
        for (std::size_t w = 0; w < 4; ++w)
          if (word_at(v, nouns[w])) {
            if (cp(e) == U'多') inner = combine(inner, approx::above);
            else half = true;
            unit_name = names[w];
            e = v + nouns[w].size();
            break;
          }
      } else if ((unit->a & unit_time) != 0 && (cp(e) == U'多' || cp(e) == U'半')) {
        if (cp(e) == U'多') inner = combine(inner, approx::above);
        else half = true;
        e = after(e);
      }
    }
    approx post = approx::exact;
    if (const lex_entry* sq = word(e, lex_tag::suffix_qual)) {
      post = static_cast<approx>(sq->a);
      e += sq->word.size();
    }
    num.qualifier = combine(combine(pre, inner), post);
    if (half) {
      if (num.shape != number_shape::single) return;
      decimal h;
      if (!dec_add_ok(num.value, decimal{5, 1}, h)) return;
      num.value = num.high = h;
    }
    apply_sign(num, negative);
    if (unit != nullptr && !unit_name.empty()) {
      if (yi_alone && num.qualifier == approx::exact && !half) return;  // 一名, 一次: an article
      quantity_value q;
      q.number = num;
      q.unit = unit_name;
      offer(best, i, e, entity_kind::quantity, q);
      return;
    }
    // A bare number.
    if (!bare_follow_ok(e)) return;
    if (!first_arabic && !shang) {
      // Chinese: needs a digit and a 百/千/万/亿 (三千二百, not 十一 or 千万 alone).
      if (!(has_digit && max_power >= 2) && !(unit_char_only && inner != approx::exact)) return;
    }
    offer(best, i, e, entity_kind::number, num);
  }

  static void apply_sign(number_value& num, bool negative) noexcept {
    if (!negative) return;
    num.value.mantissa = -num.value.mantissa;
    num.high.mantissa = -num.high.mantissa;
    if (num.shape == number_shape::range) std::swap(num.value, num.high);
  }

  static constexpr bool is_range_sep(char32_t c) noexcept {
    return c == U'至' || c == U'到' || c == '-' || c == 0x2013 || c == 0x2014 || c == '~' || c == U'～' ||
           c == U'〜' || c == U'－';
  }
  /// After a number [j, k): a separator and a larger number of the same script.
  bool range_tail(std::size_t j, std::size_t k, const numeral_run& first, decimal& hi, std::size_t& end) const noexcept {
    const char32_t sc = cp(k);
    if (!is_range_sep(sc)) return false;
    const std::size_t t = after(k);
    if (!starts_number(t)) return false;
    numeral_run r2;
    lex(t, r2, false);
    if (r2.end == t || r2.arabic != first.arabic || r2.chinese != first.chinese) return false;
    decimal lo;
    if (evaluate_numeral(first, false, lo) != numeral_errc::ok) return false;
    if (evaluate_numeral(r2, false, hi) != numeral_errc::ok || !(lo < hi)) return false;
    if (fold_width(sc) == '-' || sc == 0x2013 || sc == 0x2014) {
      // 3-5, but not 010-65123456 or 2020-01-24: no leading zeros, no second dash.
      auto leading_zero = [&](std::size_t b, std::size_t e) {
        return arabic_digit_value(cp(b)) == 0 && after(b) < e && arabic_digit_value(cp(after(b))) >= 0;
      };
      if (leading_zero(j, k) || leading_zero(t, r2.end)) return false;
      const char32_t tail = fold_width(cp(r2.end));
      if (tail == '-' || tail == '/' || tail == ':') return false;
    }
    end = r2.end;
    return true;
  }

  void percent_bai(std::size_t i, std::size_t j, approx pre, found& best) const noexcept {
    const std::size_t k = j + 9;  // 百分之
    if (!starts_number(k)) return;
    numeral_run run;
    lex(k, run, true, true);
    number_value num;
    if (run.end == k || evaluate_numeral(run, false, num.value) != numeral_errc::ok ||
        evaluate_numeral(run, true, num.high) != numeral_errc::ok)
      return;
    if (run.has_range) num.shape = number_shape::range;
    std::size_t e = run.end;
    approx post = approx::exact;
    if (const lex_entry* sq = word(e, lex_tag::suffix_qual)) {
      post = static_cast<approx>(sq->a);
      e += sq->word.size();
    } else if (cp(e) == U'多') {
      post = approx::above;
      e = after(e);
    }
    num.qualifier = combine(pre, post);
    offer(best, i, e, entity_kind::percent, num);
  }

  // ---- dates and times -------------------------------------------------------

  static int days_in_month(int year, int month) noexcept {
    static constexpr int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) return 0;
    if (month == 2 && year != 0) return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
    return days[month - 1];
  }

  /// A (possibly partial) date at j: [Y年][M月[D日|号]] or D日, or YYYY-MM-DD.
  /// `day_alone_hao` allows D号 alone (the second date of a range).
  bool read_date(std::size_t j, calendar_date& d, std::size_t& end, bool second) const noexcept {
    d = calendar_date{};
    bool chinese = false;
    int v = 0, nd = 0;
    std::size_t e = 0, k = j;
    // YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD
    if (read_int(j, 9999, 4, v, e, chinese, &nd) && !chinese && nd == 4) {
      const char32_t s1 = fold_width(cp(e));
      if (s1 == '-' || s1 == '/' || s1 == '.') {
        int m = 0, dd = 0, nd2 = 0, nd3 = 0;
        std::size_t e2 = 0, e3 = 0;
        bool c2 = false;
        if (read_int(after(e), 12, 2, m, e2, c2, &nd2) && !c2 && fold_width(cp(e2)) == s1 &&
            read_int(after(e2), 31, 2, dd, e3, c2, &nd3) && !c2 && m >= 1 && dd >= 1 &&
            dd <= days_in_month(v, m) && !is_alnum_like(cp(e3)) && fold_width(cp(e3)) != s1) {
          d.year = static_cast<std::int16_t>(v);
          d.month = static_cast<std::uint8_t>(m);
          d.day = static_cast<std::uint8_t>(dd);
          end = e3;
          return true;
        }
      }
    }
    // Year: four Arabic digits or four Chinese digits read one by one, then 年.
    if (read_int(j, 9999, 4, v, e, chinese, &nd) && nd == 4 && v >= 1000) {
      bool digitwise = true;
      if (chinese) {
        numeral_run run;
        lex(j, run, false);
        for (std::size_t a = 0; a < run.count; ++a)
          if (run.atoms[a].t != numeral_atom::type::digit && run.atoms[a].t != numeral_atom::type::zero)
            digitwise = false;
      }
      const std::size_t y = space(e);
      if (digitwise && word_at(y, "年")) {
        const char32_t next = cp(y + 3);
        if (next != U'来' && next != U'之' && next != U'间' && next != U'多' && next != U'代' && next != U'级') {
          d.year = static_cast<std::int16_t>(v);
          k = y + 3;
          end = k;
        }
      }
    }
    // Month.
    {
      const std::size_t m0 = d.year != 0 ? space(k) : j;
      int m = 0, ndm = 0;
      std::size_t em = 0;
      bool cm = false;
      if (read_int(m0, 12, 2, m, em, cm, &ndm) && m >= 1 && !(cm && cp(m0) == U'两')) {
        const std::size_t mm = space(em);
        if (word_at(mm, "月")) {
          d.month = static_cast<std::uint8_t>(m);
          k = mm + 3;
          end = k;
          if (word_at(k, "份")) end = k = k + 3;
        }
      }
    }
    // Day.
    if (d.month != 0 || (d.year == 0)) {
      const std::size_t d0 = d.month != 0 ? space(k) : j;
      int dd = 0;
      std::size_t ed = 0;
      bool cd = false;
      if (read_int(d0, 31, 2, dd, ed, cd) && dd >= 1) {
        const std::size_t dm = space(ed);
        const bool ri = word_at(dm, "日"), hao = word_at(dm, "号");
        if (d.month != 0 && (ri || hao)) {
          d.day = static_cast<std::uint8_t>(dd);
          end = dm + 3;
        } else if (d.month == 0 && d.year == 0 && (ri || (hao && second)) && (!cd || second)) {
          // D日 alone (Arabic): the 19th. Not 3日内 (within three days).
          const char32_t next = cp(dm + 3);
          if (next != U'内' && !word_at(dm + 3, "以内") && !word_at(dm + 3, "之内")) {
            d.day = static_cast<std::uint8_t>(dd);
            end = dm + 3;
          }
        }
      }
    }
    if (d.year == 0 && d.month == 0 && d.day == 0) return false;
    if (d.day != 0 && d.month != 0 && d.day > days_in_month(d.year, d.month)) {
      d = calendar_date{};  // 2月30日: date-shaped, but no date; `end` covers it
      return false;
    }
    return true;
  }

  void date(std::size_t i, found& best) const noexcept {
    date_value v;
    std::size_t e = 0;
    if (!read_date(i, v.from, e, false)) {
      if (e > i) offer_skip(best, e);  // 2月30日 is claimed, not read as 30日
      return;
    }
    v.to = v.from;
    // 上旬 / 中旬 / 下旬: days 1-10, 11-20, 21-end of the month.
    if (v.from.month != 0 && v.from.day == 0) {
      const char32_t x = cp(e);
      if ((x == U'上' || x == U'中' || x == U'下') && word_at(after(e), "旬")) {
        const int first = x == U'上' ? 1 : x == U'中' ? 11 : 21;
        const int last = x == U'上' ? 10 : x == U'中' ? 20 : days_in_month(v.from.year, v.from.month);
        v.from.day = static_cast<std::uint8_t>(first);
        v.to.day = static_cast<std::uint8_t>(last);
        v.range = true;
        offer(best, i, after(e) + 3, entity_kind::date, v);
        return;
      }
    }
    // A range: 1月24日至2月5日, 6月18日至19日 (the second inherits what it leaves out).
    if (is_range_sep(cp(e))) {
      calendar_date to;
      std::size_t e2;
      if (read_date(after(e), to, e2, true)) {
        const bool day_only = to.year == 0 && to.month == 0;
        bool ok = true;
        if (to.year == 0 && v.from.year != 0 && (to.month != 0 || day_only)) to.year = v.from.year;
        if (day_only) {
          if (v.from.month == 0 || v.from.day == 0) ok = false;
          to.month = v.from.month;
        }
        // Same granularity at the end as at the start.
        if ((to.month != 0) != (v.from.month != 0) || (to.day != 0) != (v.from.day != 0) ||
            (to.year != 0) != (v.from.year != 0))
          ok = false;
        if (ok && to.day != 0 && to.day > days_in_month(to.year, to.month)) ok = false;
        if (ok) {
          v.to = to;
          v.range = true;
          offer(best, i, e2, entity_kind::date, v);
          return;
        }
      }
    }
    if (cp(e) == U'起') {
      v.open_end = true;
      e = after(e);
    }
    offer(best, i, e, entity_kind::date, v);
  }

  static int to_24h(int period, int h) noexcept {
    if (h >= 13) return h;
    switch (period) {
      case period_dawn: return h == 12 ? 0 : h;
      case period_noon: return h <= 4 ? h + 12 : h;
      case period_afternoon:
      case period_dusk: return h == 12 ? 12 : h + 12;
      case period_evening: return h == 12 ? 0 : (h >= 5 ? h + 12 : h);
      case period_midnight: return h == 12 ? 0 : (h >= 9 ? h + 12 : h);
      default: return h;
    }
  }

  /// A clock time at j: H点[半|M分|一刻|三刻|钟|整][多|许|左右], H时[M分], or H:MM.
  bool read_clock(std::size_t j, int period, clock_time& t, std::size_t& end) const noexcept {
    int h = 0, nd = 0;
    std::size_t e = 0;
    bool chinese = false;
    if (!read_int(j, 24, 2, h, e, chinese, &nd)) return false;
    if (chinese && cp(j) == U'两' && nd == 1) chinese = true;  // 两点
    int minute = 0;
    std::size_t k;
    const char32_t sep = fold_width(cp(e));
    if (!chinese && sep == ':') {
      // H:MM, exactly two digits for the minutes.
      const std::size_t m0 = after(e);
      const int d1 = arabic_digit_value(cp(m0)), d2 = arabic_digit_value(cp(after(m0)));
      const std::size_t m2 = after(after(m0));
      if (d1 < 0 || d2 < 0 || arabic_digit_value(cp(m2)) >= 0 || fold_width(cp(m2)) == ':') return false;
      minute = d1 * 10 + d2;
      k = m2;
    } else {
      const std::size_t u = space(e);
      const bool dian = word_at(u, "点"), shi = word_at(u, "时");
      if (!dian && !shi) return false;
      k = u + 3;
      bool explicit_minutes = false;
      const char32_t nx = cp(k);
      if (nx == U'半') {
        minute = 30;
        k = after(k);
        explicit_minutes = true;
      } else if (word_at(k, "一刻") || word_at(k, "三刻")) {
        minute = cp(k) == U'一' ? 15 : 45;
        k += 6;
        explicit_minutes = true;
      } else if (nx == U'钟' || nx == U'整') {
        k = after(k);
        explicit_minutes = true;
      } else if (starts_number(k)) {
        int m = 0, ndm = 0;
        std::size_t em = 0;
        bool cm = false;
        if (read_int(k, 59, 2, m, em, cm, &ndm)) {
          if (word_at(em, "分") && !word_at(em, "分钟")) {
            minute = m;
            k = em + 3;
            explicit_minutes = true;
          } else if (!cm && ndm == 2 && !word_at(em, "分钟") && !is_han(cp(em))) {
            minute = m;  // 6点30
            k = em;
            explicit_minutes = true;
          }
        }
      }
      if (!explicit_minutes) {
        if (chinese && period == period_none) return false;  // 一点 is "a little"
        if (shi && is_han(nx) && nx != U'许' && nx != U'左' && nx != U'前' && nx != U'后' && nx != U'起' &&
            nx != U'至' && nx != U'到' && nx != U'多')
          return false;  // 时间, 时候: not a clock
        if (dian && period == period_none && word(k, lex_tag::dian_noun) != nullptr) return false;  // 3点建议
      }
    }
    if (h > 24 || minute > 59 || (h == 24 && minute != 0)) return false;
    approx q = approx::exact;
    if (cp(k) == U'多') {
      q = approx::above;
      k = after(k);
    } else if (cp(k) == U'许') {
      q = approx::about;
      k = after(k);
    } else if (word_at(k, "左右")) {
      q = approx::about;
      k += 6;
    }
    t.hour = static_cast<std::uint8_t>(to_24h(period, h));
    t.minute = static_cast<std::uint8_t>(minute);
    t.qualifier = q;
    t.has_period = period != period_none;
    end = k;
    return true;
  }

  /// A time-of-day hint from a relative word right before j (今晚8点).
  int period_hint(std::size_t j) const noexcept {
    const char32_t c = prev(j);
    if (c != U'晚' && c != U'早' && c != U'晨' && c != U'夜') return period_none;
    std::size_t b;
    if (lexicon::ends_with(p_, j, lex_tag::relative, b)) {
      if (const lex_entry* r = word(b, lex_tag::relative); r != nullptr && b + r->word.size() == j) return r->c;
    }
    return period_none;
  }

  void clock(std::size_t i, found& best) const noexcept {
    int period = period_none;
    std::size_t j = i;
    if (const lex_entry* pw = word(i, lex_tag::period)) {
      period = pw->a;
      j = space(i + pw->word.size());
      if (!starts_number(j)) return;
    } else {
      period = period_hint(i);
    }
    time_value v;
    std::size_t e;
    if (!read_clock(j, period, v.from, e)) return;
    v.to = v.from;
    // A range; the second time inherits the first's time of day.
    if (is_range_sep(cp(e))) {
      std::size_t k = after(e);
      int p2 = period;
      if (const lex_entry* pw = word(k, lex_tag::period)) {
        p2 = pw->a;
        k = space(k + pw->word.size());
      }
      clock_time to;
      std::size_t e2;
      if (starts_number(k) && read_clock(k, p2, to, e2)) {
        v.to = to;
        v.range = true;
        e = e2;
      }
    }
    offer(best, i, e, entity_kind::time, v);
  }

  void temporal(std::size_t i, char32_t c, found& best) const noexcept {
    if (lexicon::may_start(c) && word(i, lex_tag::period) != nullptr) {
      clock(i, best);
      return;
    }
    if (!starts_number(i)) return;
    if (arabic_digit_value(c) >= 0 && !number_start_ok(i)) return;
    if (prev(i) == U'第') return;
    date(i, best);
    clock(i, best);
  }

  // ---- relative times and named days -----------------------------------------

  void relative(std::size_t i, char32_t c, found& best) const noexcept {
    if (!lexicon::may_start(c)) return;
    const lex_entry* r = word(i, lex_tag::relative);
    if (r == nullptr) return;
    if (r->word == "日前") {
      // 节日前, 生日前, 工作日前: 日 belongs to the word before.
      switch (prev(i)) {
        case U'节': case U'生': case U'假': case U'作': case U'念': case U'周': case U'次': case U'当': case U'每':
        case U'今': case U'昨': case U'明': case U'前': case U'后': case U'某': case U'末': case U'平': case U'终':
        case U'整': case U'多': case U'数': case U'几': case U'近': case U'连': case U'逐': case U'往': case U'昔':
        case U'白': case U'吉': case U'期': case U'星': case U'拜':
          return;
        default:
          if (is_numeral_char(prev(i)) || arabic_digit_value(prev(i)) >= 0) return;
      }
    }
    relative_value v;
    v.unit = static_cast<relative_unit>(r->a);
    v.offset = r->b;
    offer(best, i, i + r->word.size(), entity_kind::relative, v);
  }

  bool festival_context_after(std::size_t k) const noexcept {
    if (word(k, lex_tag::festival_ctx) != nullptr) return true;
    const char32_t c = cp(k);
    if (c == U'、' || c == U'和' || c == U'与' || c == U'及' || c == ',' || c == U'，')
      return word(after(k), lex_tag::named_day) != nullptr;
    return false;
  }
  bool festival_context_before(std::size_t i) const noexcept {
    const char32_t c = prev(i);
    if (c != U'、' && c != U'和' && c != U'与' && c != U'及') return false;
    std::size_t b;
    return lexicon::ends_with(p_, prev_start(i), lex_tag::named_day, b);
  }

  void named_day(std::size_t i, char32_t c, found& best) const noexcept {
    if (!lexicon::may_start(c) && c != U'农') return;
    std::size_t j = i;
    const bool lunar_prefix = word_at(i, "农历");
    if (lunar_prefix) j = i + 6;
    const lex_entry* d = word(j, lex_tag::named_day);
    if (d == nullptr && !lunar_prefix) {
      d = word(j, lex_tag::named_day_ctx);
      if (d != nullptr && !festival_context_after(j + d->word.size()) && !festival_context_before(j)) d = nullptr;
    }
    if (d == nullptr || (lunar_prefix && d->a != 1)) return;
    const std::size_t e = j + d->word.size();
    if (d->a == 3) {
      // 周一 but not 每周一次 / 一周三次: a count follows.
      const char32_t nx = cp(e);
      if (nx == U'次' || nx == U'回' || nx == U'遍' || nx == U'趟' || nx == U'天' || nx == U'个' || nx == U'人' ||
          nx == U'年')
        return;
    }
    named_day_value v;
    v.key = d->key;
    v.calendar = static_cast<day_calendar>(d->a);
    v.month = static_cast<std::uint8_t>(d->b);
    v.day = static_cast<std::uint8_t>(d->c);
    offer(best, i, e, entity_kind::named_day, v);
  }

  // ---- bylines ---------------------------------------------------------------

  /// A run of Han characters (and ·) at j, at most 24; `chars` gets its length.
  std::size_t han_token(std::size_t j, int& chars, bool& dotted) const noexcept {
    chars = 0;
    dotted = false;
    std::size_t k = j;
    while (k < n_ && chars <= 24) {
      const char32_t c = cp(k);
      if (is_han(c)) {
        ++chars;
      } else if ((c == 0x00B7 || c == 0x2022 || c == 0x30FB) && chars > 0 && is_han(cp(after(k)))) {
        dotted = true;
        ++chars;
      } else {
        break;
      }
      k = after(k);
    }
    return k;
  }
  static bool is_name(int chars, bool dotted) noexcept {
    return dotted ? chars >= 3 && chars <= 12 : chars >= 2 && chars <= 4;
  }
  /// A role word covering exactly [k, e), or a role word followed by a name in
  /// [k, e) ("记者李冉"): returns the role entry; `name_begin` is where the name starts
  /// (== e for a bare role word).
  const lex_entry* role_in_token(std::size_t k, std::size_t e, bool allow_slash_only,
                                 std::size_t& name_begin) const noexcept {
    const lex_entry* r = word(k, lex_tag::role);
    if (r == nullptr || (r->b == 1 && !allow_slash_only)) return nullptr;
    const std::size_t re = k + r->word.size();
    if (re > e) return nullptr;
    if (re == e) {
      name_begin = e;
      return r;
    }
    int chars = 0;
    for (std::size_t q = re; q < e; q = after(q)) ++chars;
    if (chars < 2 || chars > 4) return nullptr;
    name_begin = re;
    return r;
  }
  static bool add_name(byline_value& v, std::size_t b, std::size_t e, byline_role role, const unsigned char* p) noexcept {
    if (v.count >= byline_value::capacity) return false;
    v.names[v.count] = std::string_view(reinterpret_cast<const char*>(p) + b, e - b);
    v.roles[v.count] = role;
    ++v.count;
    return true;
  }
  std::size_t separators(std::size_t k) const noexcept {
    for (;;) {
      const char32_t c = cp(k);
      if (is_inline_space(c) || c == U'、' || c == U'，' || c == ',') k = after(k);
      else return k;
    }
  }
  bool sentence_end_before(std::size_t i) const noexcept {
    std::size_t b = i;
    while (b > 0 && is_inline_space(prev(b))) b = prev_start(b);
    switch (prev(b)) {
      case U'。': case U'！': case U'？': case '!': case '?': case U'…': case U'”': case U'’': case U'」':
      case U'』': case '.':
        return true;
      default:
        return false;
    }
  }
  bool line_end_at(std::size_t k) const noexcept {
    k = spaces(k);
    const char32_t c = cp(k);
    return c == 0 || c == '\n' || c == '\r';
  }

  /// ( ROLE NAME [NAME] [ROLE NAME ...] ) at j, or (NAMES), or (ORG供稿).
  bool bracket_credits(std::size_t j, byline_value& v, std::size_t& end, bool& has_role, bool& contributor) const noexcept {
    const char32_t open = cp(j);
    if (open != '(' && open != U'（') return false;
    std::size_t k = spaces(after(j));
    byline_role role = byline_role::author;
    bool pending = false;
    has_role = contributor = false;
    for (int tokens = 0; tokens < 16; ++tokens) {
      const char32_t c = cp(k);
      if (c == ')' || c == U'）') {
        if (pending || v.count == 0) return false;
        end = after(k);
        return true;
      }
      int chars;
      bool dotted;
      const std::size_t e = han_token(k, chars, dotted);
      if (e == k) return false;
      std::size_t nb;
      if (const lex_entry* r = role_in_token(k, e, false, nb)) {
        role = static_cast<byline_role>(r->a);
        has_role = true;
        pending = nb == e;
        if (!pending && !add_name(v, nb, e, role, p_)) return false;
      } else if (tokens == 0 && chars >= 4 && word_at(e - 6, "供稿")) {
        const char32_t close = cp(spaces(e));
        if (close != ')' && close != U'）') return false;
        contributor = true;
        if (!add_name(v, k, e - 6, byline_role::contributor, p_)) return false;
      } else if (is_name(chars, dotted) && !contributor) {
        if (!add_name(v, k, e, role, p_)) return false;
        pending = false;
      } else {
        return false;
      }
      k = separators(e);
    }
    return false;
  }

  /// ROLE NAME [NAME] ... up to the end of the clause: after 文/ or on its own.
  bool loose_credits(std::size_t k, byline_role role, byline_value& v, std::size_t& end) const noexcept {
    bool pending = false;
    for (int tokens = 0; tokens < 8; ++tokens) {
      int chars;
      bool dotted;
      const std::size_t e = han_token(k, chars, dotted);
      if (e == k) return false;
      std::size_t nb;
      if (const lex_entry* r = role_in_token(k, e, false, nb)) {
        role = static_cast<byline_role>(r->a);
        pending = nb == e;
        if (pending && !is_inline_space(cp(e))) return false;  // 记者了解到
        if (!pending && !add_name(v, nb, e, role, p_)) return false;
      } else if (is_name(chars, dotted)) {
        if (!add_name(v, k, e, role, p_)) return false;
        pending = false;
      } else {
        return false;
      }
      if (!pending && boundary_after(e) && !is_inline_space(cp(e))) {
        end = e;
        return v.count > 0;
      }
      const std::size_t s = spaces(e);
      if (s == e) return false;
      if (!pending && (line_end_at(s) || !is_han(cp(s)))) {
        end = e;
        return v.count > 0;
      }
      k = s;
    }
    return false;
  }

  void byline(std::size_t i, char32_t c, found& best) const noexcept {
    byline_value v;
    std::size_t e;
    bool has_role, contributor;
    if (c == U'本' && word_at(i, "本报讯")) {
      if (bracket_credits(spaces(i + 9), v, e, has_role, contributor) && !contributor)
        offer(best, i, e, entity_kind::byline, v);
      return;
    }
    if (c == '(' || c == U'（') {
      if (!bracket_credits(i, v, e, has_role, contributor)) return;
      // Names alone, or an organisation's 供稿, only close a paragraph: "。(田燕节)".
      if ((!has_role || contributor) && !(sentence_end_before(i) && line_end_at(e))) return;
      offer(best, i, e, entity_kind::byline, v);
      return;
    }
    if (!is_han(c) || !boundary_before(i)) return;
    // 文/NAME, 图/NAME, 摄影/NAME, 文/记者 NAME
    if (const lex_entry* r = word(i, lex_tag::role)) {
      const std::size_t k = spaces(i + r->word.size());
      const char32_t s = fold_width(cp(k));
      if (s == '/' && (r->b == 1 || r->a == 5)) {
        if (loose_credits(spaces(after(k)), static_cast<byline_role>(r->a), v, e))
          offer(best, i, e, entity_kind::byline, v);
        return;
      }
      if (r->b == 0 && is_inline_space(cp(i + r->word.size()))) {
        // 记者 李冉 on its own
        if (loose_credits(i, byline_role::author, v, e)) offer(best, i, e, entity_kind::byline, v);
        return;
      }
    }
    // NAME/摄
    int chars;
    bool dotted;
    const std::size_t t = han_token(i, chars, dotted);
    if (!is_name(chars, dotted)) return;
    const std::size_t k = spaces(t);
    if (fold_width(cp(k)) != '/') return;
    const std::size_t m = spaces(after(k));
    std::size_t me = 0;
    if (word_at(m, "摄影")) me = m + 6;
    else if (word_at(m, "摄")) me = m + 3;
    if (me == 0 || !boundary_after(me)) return;
    add_name(v, i, t, byline_role::photographer, p_);
    offer(best, i, me, entity_kind::byline, v);
  }

  const unsigned char* p_;
  std::size_t n_;
};

}  // namespace zhtext::detail
