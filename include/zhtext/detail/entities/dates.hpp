// zhtext/detail/entities/dates.hpp - dates and clock times.
//
// date(i): [Y年][M月[D日|号]], D日 alone, YYYY-MM-DD; then 上旬/中旬/下旬, a range to
// a second date that inherits what it leaves out (6月18日至19日), or 起. Impossible
// dates (2月30日) are claimed and not reported. clock(i): an optional time-of-day word
// (上午, 晚上, ...) or one inherited from 今晚/昨晚 just before, then H点[半|M分|...],
// H时[M分] or H:MM, then 多/许/左右, then an optional range whose second time inherits
// the time-of-day word.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "numbers.hpp"

namespace zhtext::detail {

class entity_dates : public entity_numbers {
 public:
  using entity_numbers::entity_numbers;

 protected:
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
    if (entity_lexicon::ends_with(p_, j, lex_tag::relative, b)) {
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
    if (entity_lexicon::may_start(c) && word(i, lex_tag::period) != nullptr) {
      clock(i, best);
      return;
    }
    if (!starts_number(i)) return;
    if (arabic_digit_value(c) >= 0 && !number_start_ok(i)) return;
    if (prev(i) == U'第') return;
    date(i, best);
    clock(i, best);
  }
};

}  // namespace zhtext::detail
