// zhtext/detail/entities/numbers.hpp - numbers, percents and quantities.
//
// numeric(i) reads, at byte i: an optional prefix qualifier (约, 近, 超过, 至少, ...),
// 零下 or 上 (上百), a numeral run (numeral_lexer.hpp; ranges such as 六七 and 几十
// allowed), then Arabic-only shapes (5+2, 1/4, codes such as 010-6512 which are
// claimed and not reported), 分之 fractions, separator ranges (3至5), 多/余/来, a
// percent sign or 成, and finally a measure word (lexicon.hpp) with 多/半 and
// suffix qualifiers (左右, 以上). Without a measure word the number is reported only
// when it stands on its own (see bare_follow_ok and the rules in entities.hpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "text.hpp"

namespace zhtext::detail {

class entity_numbers : public entity_text {
 public:
  using entity_text::entity_text;

 protected:
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

  /// The qualifier written after a number at `e` (左右 以上 以下 以内; with `more`, also
  /// 多), moving `e` past it; approx::exact when there is none.
  approx suffix_qualifier(std::size_t& e, bool more) const noexcept {
    if (const lex_entry* sq = word(e, lex_tag::suffix_qual)) {
      e += sq->word.size();
      return static_cast<approx>(sq->a);
    }
    if (more && cp(e) == U'多') {
      e = after(e);
      return approx::above;
    }
    return approx::exact;
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
      // 附近 靠近 临近 ... are "near", not "nearly"; 年近80岁 reads as 近80岁.
      switch (before) {
        case U'附': case U'靠': case U'临': case U'邻': case U'就': case U'贴': case U'走': case U'亲':
        case U'最': case U'将': case U'接':
          return false;
        default:
          return true;
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
      lex(k, run, true, false, true);  // claimed to its end: the scan resumes after it
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
      const approx post = suffix_qualifier(e, false);
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
      const approx post = suffix_qualifier(e, true);
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
    const approx post = suffix_qualifier(e, false);
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
    const approx post = suffix_qualifier(e, true);
    num.qualifier = combine(pre, post);
    offer(best, i, e, entity_kind::percent, num);
  }
};

}  // namespace zhtext::detail
