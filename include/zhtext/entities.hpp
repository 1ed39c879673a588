// zhtext/entities.hpp - typed news entities: numbers, quantities, dates, times, bylines.
//
// Finds the facts a news article states in figures and names, each with its kind, its
// byte span in the caller's text (a view, no copy) and a normalised value:
//
//   kind        example text                    canonical value
//   number      3200 / 1/4 / 5+2 / 10余         3200 / 1/4 / 5+2 / >10
//   percent     6.5% / 百分之三十 / 三成          6.5% / 30% / 30%
//   quantity    47名 / 3200多名 / 近5000人 /     47 名 / >3200 名 / <5000 人 /
//               六七个人 / 3.5万元 / 两个多月     6..7 个人 / 35000 元 / >2 个月
//   date        2020年1月24日 / 6月18日 / 19日 /  2020-01-24 / --06-18 / ---19 /
//               1月24日起 / 6月中旬               --01-24.. / --06-11..--06-20
//   time        早上5点 / 晚上6点半至9点 /         05:00 / 18:30..21:00 /
//               半夜12点多                        >00:00
//   named_day   农历春节 / 端午 / 周一             spring_festival / dragon_boat / monday
//   relative    昨天 / 去年 / 近日 / 连日来        day-1 / year-1 / recent / ongoing
//   byline      本报讯（通讯员 张国芬）/ 史莉/摄   correspondent:张国芬 / photographer:史莉
//
// The value formats, precisely:
//  - a number is written with no exponent and no trailing zeros (6.5, 35000, -5),
//    prefixed by its qualifier: "~" about (约, 左右), ">" above (多, 余, 超过, 逾, 上百),
//    "<" below (近, 将近, 不到, 不足), ">=" at least (至少, 以上), "<=" at most (最多,
//    以下, 以内). A range is "A..B" (六七 → 6..7, 十几 → 11..19, 几十 → 20..90, 3至5 →
//    3..5), a sum "A+B" (5+2), a fraction "A/B" (1/4, 三分之一 → 1/3). 近30多 (both
//    markers) is "~30". Percents put % after each number: ~30%, 60%..70%.
//  - a quantity is the number, a space, and the measure word as written (名, 平方米,
//    个月; 万/亿 belong to the number: 3.5万元 → "35000 元"; 两个多月 → ">2 个月").
//  - a date is ISO 8601 with the unknown parts left out the ISO way: YYYY-MM-DD,
//    YYYY-MM, YYYY, --MM-DD, --MM, ---DD. A range is "A..B" (6月18日至19日 →
//    --06-18..--06-19; 上旬/中旬/下旬 are days 1-10/11-20/21-end), 起 an open range "A..".
//  - a time is HH:MM on the 24-hour clock after its time-of-day word (下午3点 → 15:00,
//    晚上12点 / 半夜12点 → 00:00), with the number qualifiers (12点多 → >00:00, 8时许 →
//    ~08:00); a range is "A..B" and the second time inherits the first's time-of-day
//    word (晚上6点半至9点 → 18:30..21:00).
//  - a named day is an English key (spring_festival, mid_autumn, national_day, monday,
//    ...; `named_day_value` also gives the calendar and, where fixed, month and day).
//  - a relative time is UNIT±N for day, week, month and year (昨天 day-1, 今天 day+0,
//    去年 year-1, 上周 week-1), or one of recent (近日, 日前, 近期, 最近, 前几天),
//    ongoing (连日来, 连日, 近来, 这几天), same_day (当天, 当日), next_day (次日, 第二天).
//  - a byline is ROLE:NAME[,NAME][;ROLE:NAME...] with roles reporter (记者, 本报记者),
//    special_reporter (特约记者), correspondent (通讯员), intern (实习生), photographer
//    (摄影, 摄影记者, 图/, and any names ending in 摄: （本报记者林海摄） photographer:林海),
//    editor (编辑, 责任编辑, 责编), writer (文/, 撰稿, 撰文), agency (新华社, 中新社, ...
//    （新华社发） agency:新华社), contributor (an organisation's …供稿) and author (names
//    in brackets after the last sentence, with no role: "。(田燕节)"; such a name must
//    start with a Chinese surname, so （全文另发） and （图片） are no bylines). The
//    endings 报道, 供稿, 发 and 电 are dropped from the names. Names run together after a
//    role word are cut where every part is a name after a surname (本报记者张伟刘洋摄 →
//    photographer:张伟,刘洋); where no cut or several fit, no byline is given.
//
// What is deliberately not an entity: ordinals and their counts (第一, 第32个), numbers
// that name things (11号楼, 4号门, 3单元, 三年级, 80年代, 90后, N95, 84消毒液, 5G),
// "一" alone before a measure word (一名党员, 一次: an article, not a count; 至少一次 and
// 一个多月 are counts), numerals inside idioms (三番五次), bare Chinese numerals without
// a 百/千/万/亿 (十一 is a number only in "十一个"), 几 and 数 alone (几名, 数名), an
// Arabic number glued to a following Han word that is not a measure word (84消毒液)
// unless it is a function word (的 为 是 和 与 ...), and 本报讯 with no name.
//
// An entity never spans a line break and never holds a tab or an ill-formed byte:
// run normalize() first on hard-wrapped text and map spans back with its offset_map
// (tests/entities_corpus_test.cpp does). Single spaces between the parts are allowed
// ("3 户", "5 月 30 日"; a space or U+3000).
//
//   for (const zhtext::entity& e : zhtext::entities("本报讯（记者 李冉）6月18日，47名队员…"))
//     std::cout << zhtext::to_string(e.kind) << ' ' << e.text << ' ' << zhtext::canonical_value(e) << '\n';
//   // byline 本报讯（记者 李冉） reporter:李冉
//   // date 6月18日 --06-18
//   // quantity 47名 47 名
//
// Any bytes are accepted: ill-formed UTF-8, NUL and control bytes end whatever they
// touch and are never part of an entity. Cost: O(n) for a whole text (bounded look-
// ahead at each character; a rejected run of digits is skipped as a whole). Pure
// functions, no global state except the immutable word table (detail/entities/lexicon.hpp).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "detail/entities/canonical.hpp"
#include "detail/ranges/lazy_range.hpp"
#include "detail/entities/scanner.hpp"
#include "detail/entities/types.hpp"
#include "numerals.hpp"
#include "utf8.hpp"

namespace zhtext {

// The types of this API - entity_kind (with to_string and entity_kind_count), approx
// (with approx_prefix), number_shape, number_value, quantity_value, calendar_date,
// date_value, clock_time, time_value, day_calendar, named_day_value, relative_unit,
// relative_value, byline_role, byline_value, entity_value, entity and entity_options -
// are defined in detail/entities/types.hpp, which the recognisers share.

/// The kind named `name` (as to_string writes it); false if there is none.
inline bool parse_entity_kind(std::string_view name, entity_kind& out) noexcept {
  for (std::size_t k = 0; k < entity_kind_count; ++k)
    if (name == to_string(static_cast<entity_kind>(k))) {
      out = static_cast<entity_kind>(k);
      return true;
    }
  return false;
}

// ---- canonical values ------------------------------------------------------------

/// Appends the canonical value of `e` (the formats at the top of this header).
inline void append_canonical_value(std::string& out, const entity& e) {
  struct visitor {
    std::string& out;
    entity_kind kind;
    void operator()(const number_value& v) const { detail::append_number(out, v, kind == entity_kind::percent); }
    void operator()(const quantity_value& v) const {
      detail::append_number(out, v.number, false);
      out += ' ';
      out += v.unit;
    }
    void operator()(const date_value& v) const {
      detail::append_date(out, v.from);
      if (v.range) {
        out += "..";
        detail::append_date(out, v.to);
      } else if (v.open_end) {
        out += "..";
      }
    }
    void operator()(const time_value& v) const {
      detail::append_clock(out, v.from);
      if (v.range) {
        out += "..";
        detail::append_clock(out, v.to);
      }
    }
    void operator()(const named_day_value& v) const { out += v.key; }
    void operator()(const relative_value& v) const {
      out += detail::relative_unit_name(v.unit);
      if (v.unit <= relative_unit::year) {
        out += v.offset < 0 ? '-' : '+';
        out += std::to_string(v.offset < 0 ? -v.offset : v.offset);
      }
    }
    void operator()(const byline_value& v) const {
      for (std::size_t k = 0; k < v.count; ++k) {
        if (k == 0 || v.roles[k] != v.roles[k - 1]) {
          if (k != 0) out += ';';
          out += to_string(v.roles[k]);
          out += ':';
        } else {
          out += ',';
        }
        out += v.names[k];
      }
    }
  };
  std::visit(visitor{out, e.kind}, e.value);
}

/// The canonical value of `e` as a string.
inline std::string canonical_value(const entity& e) {
  std::string out;
  append_canonical_value(out, e);
  return out;
}


/// A lazy, zero-copy forward range of the entities of a text, in text order, never
/// overlapping (detail/ranges/lazy_range.hpp). Holds a view: the text must outlive the
/// range and its iterators.
using entity_range = detail::lazy_range<detail::entity_cursor>;

/// The entities of `text`, lazily (see the top of this header).
inline entity_range entities(std::string_view text, const entity_options& options = {}) noexcept {
  return entity_range(detail::entity_cursor(text, options));
}
/// Deleted: the range would outlive the temporary std::string it views.
template <class S, detail::if_temporary_string<S> = 0>
entity_range entities(S&&, const entity_options& = {}) = delete;

/// Calls `f(const entity&)` for each entity of `text`, in order; no allocation.
template <class F>
void for_each_entity(std::string_view text, F&& f, const entity_options& options = {}) {
  detail::for_each_item(detail::entity_cursor(text, options), f);
}

/// The entities of `text` in a vector.
inline std::vector<entity> entity_vector(std::string_view text, const entity_options& options = {}) {
  return detail::collect_items(detail::entity_cursor(text, options));
}
/// Deleted: the entities would view the temporary std::string.
template <class S, detail::if_temporary_string<S> = 0>
std::vector<entity> entity_vector(S&&, const entity_options& = {}) = delete;

}  // namespace zhtext
