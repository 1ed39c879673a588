// zhtext/detail/entities/lexicon.hpp - the word lists the entity scanner reads.
//
// One table of short words, each with a tag saying what it is to the scanner (a
// measure word, a relative time word, a festival, a time-of-day word, a byline role,
// a qualifier, an idiom to leave alone, ...) and up to three small integers of
// payload. The lists were written for zhtext from Chinese usage (they copy no other
// project's data).
//
// Lookup: `entity_lexicon::longest(p, n, i, tag)` finds the longest word with that tag that
// starts at byte i. Representation: the table sorted by (first code point, length
// descending), searched by binary search on the first code point, then compared
// byte-wise: O(log N + words sharing the first character). Built once on first use
// (a function-local static: thread-safe initialisation); immutable afterwards.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "../unicode/utf8_decode.hpp"

namespace zhtext::detail {

enum class lex_tag : std::uint8_t {
  unit,         ///< measure word; a: unit flags; key: canonical unit
  id_unit,      ///< 号 单元 号楼: the number before it is a name (楼号), not a count
  relative,     ///< a: relative_unit; b: offset; c: time-of-day hint (period id)
  named_day,    ///< key; a: day_calendar; b: month; c: day
  named_day_ctx,///< like named_day, but only in a festival context (十一, 五一, ...)
  period,       ///< time of day; a: period id
  role,         ///< byline role; a: byline_role; b: 1 = only before '/' (文/ 图/ 摄/)
  prefix_qual,  ///< 约 近 超过 ...; a: approx
  suffix_qual,  ///< 左右 以上 以下 以内; a: approx
  idiom,        ///< numeral idioms that hold no quantity (三番五次)
  dian_noun,    ///< nouns after "N点" that make 点 a measure word (3点建议), not a clock
  festival_ctx, ///< words after 十一/五一 that make them festivals (长假, 黄金周)
  agency,       ///< a news agency credited in brackets (新华社发): the byline names it
  non_credit,   ///< bracketed notes shaped like a name that are no byline (全文另发, 资料图)
};

// unit flags
inline constexpr std::int8_t unit_time = 1;  ///< a duration: 多/半 may follow (一年多, 一年半)

// period ids (time of day), used by the clock reader
enum period_id : std::int8_t {
  period_none = 0,
  period_dawn,       // 凌晨
  period_morning,    // 早上 早晨 清晨 上午 早
  period_noon,       // 中午 午间
  period_afternoon,  // 下午 午后
  period_dusk,       // 傍晚
  period_evening,    // 晚上 晚间 夜里 夜间 晚
  period_midnight,   // 半夜 深夜 午夜
};

struct lex_entry {
  std::string_view word;
  lex_tag tag;
  std::int8_t a = 0;
  std::int8_t b = 0;
  std::int8_t c = 0;
  std::string_view key = {};
};

// relative_unit values (see entities.hpp): day 0, week 1, month 2, year 3, recent 4,
// ongoing 5, same_day 6, next_day 7. byline_role: author 0, reporter 1,
// special_reporter 2, correspondent 3, intern 4, photographer 5, editor 6, writer 7,
// contributor 8, agency 9. day_calendar: gregorian 0, lunar 1, solar_term 2, weekday 3. approx:
// exact 0, about 1, above 2, below 3, at_least 4, at_most 5.
inline constexpr lex_entry lexicon_table[] = {
    // ---- measure words (counts) ----
    {"名", lex_tag::unit}, {"位", lex_tag::unit}, {"个", lex_tag::unit}, {"人", lex_tag::unit},
    {"人次", lex_tag::unit}, {"户", lex_tag::unit}, {"户次", lex_tag::unit}, {"家", lex_tag::unit},
    {"所", lex_tag::unit}, {"座", lex_tag::unit}, {"栋", lex_tag::unit}, {"幢", lex_tag::unit},
    {"间", lex_tag::unit}, {"套", lex_tag::unit}, {"辆", lex_tag::unit}, {"台", lex_tag::unit},
    {"部", lex_tag::unit}, {"件", lex_tag::unit}, {"条", lex_tag::unit}, {"张", lex_tag::unit},
    {"本", lex_tag::unit}, {"册", lex_tag::unit}, {"份", lex_tag::unit}, {"封", lex_tag::unit},
    {"箱", lex_tag::unit}, {"包", lex_tag::unit}, {"袋", lex_tag::unit}, {"瓶", lex_tag::unit},
    {"桶", lex_tag::unit}, {"盒", lex_tag::unit}, {"只", lex_tag::unit}, {"头", lex_tag::unit},
    {"匹", lex_tag::unit}, {"棵", lex_tag::unit}, {"株", lex_tag::unit}, {"支", lex_tag::unit},
    {"把", lex_tag::unit}, {"根", lex_tag::unit}, {"片", lex_tag::unit}, {"块", lex_tag::unit},
    {"双", lex_tag::unit}, {"对", lex_tag::unit}, {"副", lex_tag::unit}, {"批", lex_tag::unit},
    {"组", lex_tag::unit}, {"队", lex_tag::unit}, {"项", lex_tag::unit}, {"起", lex_tag::unit},
    {"次", lex_tag::unit}, {"场", lex_tag::unit}, {"届", lex_tag::unit}, {"篇", lex_tag::unit},
    {"首", lex_tag::unit}, {"幅", lex_tag::unit}, {"顿", lex_tag::unit}, {"餐", lex_tag::unit},
    {"层", lex_tag::unit}, {"岁", lex_tag::unit}, {"周岁", lex_tag::unit}, {"周年", lex_tag::unit}, {"例", lex_tag::unit},
    {"种", lex_tag::unit}, {"类", lex_tag::unit}, {"处", lex_tag::unit}, {"道", lex_tag::unit},
    {"节", lex_tag::unit}, {"枚", lex_tag::unit}, {"粒", lex_tag::unit}, {"颗", lex_tag::unit},
    {"剂", lex_tag::unit}, {"针", lex_tag::unit}, {"盏", lex_tag::unit}, {"架", lex_tag::unit},
    {"艘", lex_tag::unit}, {"笔", lex_tag::unit}, {"票", lex_tag::unit}, {"卷", lex_tag::unit},
    {"串", lex_tag::unit}, {"遍", lex_tag::unit}, {"趟", lex_tag::unit}, {"步", lex_tag::unit},
    {"倍", lex_tag::unit}, {"具", lex_tag::unit}, {"圈", lex_tag::unit}, {"轮次", lex_tag::unit},
    {"个人", lex_tag::unit}, {"个百分点", lex_tag::unit}, {"百分点", lex_tag::unit},
    // ---- durations ----
    {"年", lex_tag::unit, unit_time}, {"个月", lex_tag::unit, unit_time}, {"天", lex_tag::unit, unit_time},
    {"周", lex_tag::unit, unit_time}, {"星期", lex_tag::unit, unit_time}, {"个星期", lex_tag::unit, unit_time},
    {"小时", lex_tag::unit, unit_time}, {"个小时", lex_tag::unit, unit_time}, {"钟头", lex_tag::unit, unit_time},
    {"个钟头", lex_tag::unit, unit_time}, {"分钟", lex_tag::unit, unit_time}, {"秒", lex_tag::unit, unit_time},
    {"秒钟", lex_tag::unit, unit_time}, {"工作日", lex_tag::unit, unit_time},
    {"个工作日", lex_tag::unit, unit_time},
    // ---- money ----
    {"元", lex_tag::unit}, {"美元", lex_tag::unit}, {"欧元", lex_tag::unit}, {"英镑", lex_tag::unit},
    {"日元", lex_tag::unit}, {"港元", lex_tag::unit}, {"港币", lex_tag::unit}, {"澳元", lex_tag::unit},
    {"人民币", lex_tag::unit}, {"块钱", lex_tag::unit},
    // ---- measures ----
    {"米", lex_tag::unit}, {"千米", lex_tag::unit}, {"公里", lex_tag::unit}, {"厘米", lex_tag::unit},
    {"毫米", lex_tag::unit}, {"平方米", lex_tag::unit}, {"平米", lex_tag::unit}, {"平方公里", lex_tag::unit},
    {"平方千米", lex_tag::unit}, {"立方米", lex_tag::unit}, {"亩", lex_tag::unit}, {"公顷", lex_tag::unit},
    {"吨", lex_tag::unit}, {"公斤", lex_tag::unit}, {"千克", lex_tag::unit}, {"克", lex_tag::unit},
    {"毫克", lex_tag::unit}, {"斤", lex_tag::unit}, {"升", lex_tag::unit}, {"毫升", lex_tag::unit},
    {"度", lex_tag::unit}, {"摄氏度", lex_tag::unit}, {"℃", lex_tag::unit}, {"°C", lex_tag::unit, 0, 0, 0, "℃"},
    {"千瓦", lex_tag::unit}, {"千瓦时", lex_tag::unit}, {"分贝", lex_tag::unit},
    // ---- numbers that name things ----
    {"号", lex_tag::id_unit}, {"单元", lex_tag::id_unit}, {"号楼", lex_tag::id_unit}, {"号院", lex_tag::id_unit},
    {"年级", lex_tag::id_unit}, {"年代", lex_tag::id_unit}, {"级", lex_tag::id_unit},
    // ---- relative time words ----
    {"今天", lex_tag::relative, 0, 0}, {"今日", lex_tag::relative, 0, 0},
    {"今晨", lex_tag::relative, 0, 0, period_morning}, {"今早", lex_tag::relative, 0, 0, period_morning},
    {"今晚", lex_tag::relative, 0, 0, period_evening}, {"今夜", lex_tag::relative, 0, 0, period_evening},
    {"昨天", lex_tag::relative, 0, -1}, {"昨日", lex_tag::relative, 0, -1},
    {"昨晚", lex_tag::relative, 0, -1, period_evening}, {"昨夜", lex_tag::relative, 0, -1, period_evening},
    {"前天", lex_tag::relative, 0, -2}, {"大前天", lex_tag::relative, 0, -3},
    {"明天", lex_tag::relative, 0, 1}, {"明日", lex_tag::relative, 0, 1},
    {"明早", lex_tag::relative, 0, 1, period_morning}, {"明晚", lex_tag::relative, 0, 1, period_evening},
    {"后天", lex_tag::relative, 0, 2}, {"大后天", lex_tag::relative, 0, 3},
    {"本周", lex_tag::relative, 1, 0}, {"这周", lex_tag::relative, 1, 0}, {"本星期", lex_tag::relative, 1, 0},
    {"上周", lex_tag::relative, 1, -1}, {"上星期", lex_tag::relative, 1, -1},
    {"下周", lex_tag::relative, 1, 1}, {"下星期", lex_tag::relative, 1, 1},
    {"本月", lex_tag::relative, 2, 0}, {"上月", lex_tag::relative, 2, -1}, {"上个月", lex_tag::relative, 2, -1},
    {"下月", lex_tag::relative, 2, 1}, {"下个月", lex_tag::relative, 2, 1},
    {"今年", lex_tag::relative, 3, 0}, {"去年", lex_tag::relative, 3, -1}, {"前年", lex_tag::relative, 3, -2},
    {"明年", lex_tag::relative, 3, 1}, {"后年", lex_tag::relative, 3, 2},
    {"近日", lex_tag::relative, 4}, {"日前", lex_tag::relative, 4}, {"近期", lex_tag::relative, 4},
    {"最近", lex_tag::relative, 4}, {"前不久", lex_tag::relative, 4}, {"不久前", lex_tag::relative, 4},
    {"前几天", lex_tag::relative, 4}, {"前几日", lex_tag::relative, 4}, {"前些天", lex_tag::relative, 4},
    {"前些日子", lex_tag::relative, 4},
    {"连日来", lex_tag::relative, 5}, {"连日", lex_tag::relative, 5}, {"多日来", lex_tag::relative, 5},
    {"近来", lex_tag::relative, 5}, {"这些天", lex_tag::relative, 5}, {"这几天", lex_tag::relative, 5},
    {"近段时间", lex_tag::relative, 5}, {"近一段时间", lex_tag::relative, 5},
    {"当天", lex_tag::relative, 6}, {"当日", lex_tag::relative, 6}, {"当晚", lex_tag::relative, 6, 0, period_evening},
    {"同日", lex_tag::relative, 6}, {"同一天", lex_tag::relative, 6},
    {"次日", lex_tag::relative, 7}, {"翌日", lex_tag::relative, 7}, {"第二天", lex_tag::relative, 7},
    {"隔天", lex_tag::relative, 7}, {"隔日", lex_tag::relative, 7},
    // ---- festivals and weekdays ----
    {"春节", lex_tag::named_day, 1, 1, 1, "spring_festival"},
    {"大年初一", lex_tag::named_day, 1, 1, 1, "spring_festival"},
    {"正月初一", lex_tag::named_day, 1, 1, 1, "spring_festival"},
    {"元宵节", lex_tag::named_day, 1, 1, 15, "lantern_festival"},
    {"正月十五", lex_tag::named_day, 1, 1, 15, "lantern_festival"},
    {"除夕", lex_tag::named_day, 1, 12, 30, "new_years_eve"},
    {"大年三十", lex_tag::named_day, 1, 12, 30, "new_years_eve"},
    {"年三十", lex_tag::named_day, 1, 12, 30, "new_years_eve"},
    {"小年", lex_tag::named_day, 1, 12, 23, "little_new_year"},
    {"端午节", lex_tag::named_day, 1, 5, 5, "dragon_boat"}, {"端午", lex_tag::named_day, 1, 5, 5, "dragon_boat"},
    {"七夕", lex_tag::named_day, 1, 7, 7, "qixi"},
    {"中秋节", lex_tag::named_day, 1, 8, 15, "mid_autumn"}, {"中秋", lex_tag::named_day, 1, 8, 15, "mid_autumn"},
    {"重阳节", lex_tag::named_day, 1, 9, 9, "double_ninth"},
    {"腊八节", lex_tag::named_day, 1, 12, 8, "laba"}, {"腊八", lex_tag::named_day, 1, 12, 8, "laba"},
    {"元旦", lex_tag::named_day, 0, 1, 1, "new_year"},
    {"情人节", lex_tag::named_day, 0, 2, 14, "valentines_day"},
    {"妇女节", lex_tag::named_day, 0, 3, 8, "womens_day"}, {"三八妇女节", lex_tag::named_day, 0, 3, 8, "womens_day"},
    {"三八节", lex_tag::named_day, 0, 3, 8, "womens_day"},
    {"植树节", lex_tag::named_day, 0, 3, 12, "arbor_day"},
    {"劳动节", lex_tag::named_day, 0, 5, 1, "labour_day"}, {"五一劳动节", lex_tag::named_day, 0, 5, 1, "labour_day"},
    {"五一国际劳动节", lex_tag::named_day, 0, 5, 1, "labour_day"},
    {"青年节", lex_tag::named_day, 0, 5, 4, "youth_day"}, {"五四青年节", lex_tag::named_day, 0, 5, 4, "youth_day"},
    {"儿童节", lex_tag::named_day, 0, 6, 1, "childrens_day"},
    {"六一儿童节", lex_tag::named_day, 0, 6, 1, "childrens_day"},
    {"建党节", lex_tag::named_day, 0, 7, 1, "party_day"},
    {"建军节", lex_tag::named_day, 0, 8, 1, "army_day"}, {"八一建军节", lex_tag::named_day, 0, 8, 1, "army_day"},
    {"教师节", lex_tag::named_day, 0, 9, 10, "teachers_day"},
    {"国庆节", lex_tag::named_day, 0, 10, 1, "national_day"}, {"国庆", lex_tag::named_day, 0, 10, 1, "national_day"},
    {"平安夜", lex_tag::named_day, 0, 12, 24, "christmas_eve"},
    {"圣诞节", lex_tag::named_day, 0, 12, 25, "christmas"},
    {"清明节", lex_tag::named_day, 2, 4, 0, "qingming"}, {"冬至", lex_tag::named_day, 2, 12, 0, "winter_solstice"},
    {"十一", lex_tag::named_day_ctx, 0, 10, 1, "national_day"},
    {"五一", lex_tag::named_day_ctx, 0, 5, 1, "labour_day"},
    {"六一", lex_tag::named_day_ctx, 0, 6, 1, "childrens_day"},
    {"七一", lex_tag::named_day_ctx, 0, 7, 1, "party_day"},
    {"周一", lex_tag::named_day, 3, 0, 1, "monday"}, {"周二", lex_tag::named_day, 3, 0, 2, "tuesday"},
    {"周三", lex_tag::named_day, 3, 0, 3, "wednesday"}, {"周四", lex_tag::named_day, 3, 0, 4, "thursday"},
    {"周五", lex_tag::named_day, 3, 0, 5, "friday"}, {"周六", lex_tag::named_day, 3, 0, 6, "saturday"},
    {"周日", lex_tag::named_day, 3, 0, 7, "sunday"}, {"周天", lex_tag::named_day, 3, 0, 7, "sunday"},
    {"星期一", lex_tag::named_day, 3, 0, 1, "monday"}, {"星期二", lex_tag::named_day, 3, 0, 2, "tuesday"},
    {"星期三", lex_tag::named_day, 3, 0, 3, "wednesday"}, {"星期四", lex_tag::named_day, 3, 0, 4, "thursday"},
    {"星期五", lex_tag::named_day, 3, 0, 5, "friday"}, {"星期六", lex_tag::named_day, 3, 0, 6, "saturday"},
    {"星期日", lex_tag::named_day, 3, 0, 7, "sunday"}, {"星期天", lex_tag::named_day, 3, 0, 7, "sunday"},
    {"礼拜一", lex_tag::named_day, 3, 0, 1, "monday"}, {"礼拜二", lex_tag::named_day, 3, 0, 2, "tuesday"},
    {"礼拜三", lex_tag::named_day, 3, 0, 3, "wednesday"}, {"礼拜四", lex_tag::named_day, 3, 0, 4, "thursday"},
    {"礼拜五", lex_tag::named_day, 3, 0, 5, "friday"}, {"礼拜六", lex_tag::named_day, 3, 0, 6, "saturday"},
    {"礼拜日", lex_tag::named_day, 3, 0, 7, "sunday"}, {"礼拜天", lex_tag::named_day, 3, 0, 7, "sunday"},
    {"长假", lex_tag::festival_ctx}, {"小长假", lex_tag::festival_ctx}, {"黄金周", lex_tag::festival_ctx},
    {"假期", lex_tag::festival_ctx}, {"期间", lex_tag::festival_ctx}, {"前夕", lex_tag::festival_ctx},
    {"当天", lex_tag::festival_ctx}, {"节", lex_tag::festival_ctx}, {"假日", lex_tag::festival_ctx},
    // ---- time of day ----
    {"凌晨", lex_tag::period, period_dawn}, {"早上", lex_tag::period, period_morning},
    {"早晨", lex_tag::period, period_morning}, {"清晨", lex_tag::period, period_morning},
    {"上午", lex_tag::period, period_morning}, {"早", lex_tag::period, period_morning},
    {"中午", lex_tag::period, period_noon}, {"午间", lex_tag::period, period_noon},
    {"下午", lex_tag::period, period_afternoon}, {"午后", lex_tag::period, period_afternoon},
    {"傍晚", lex_tag::period, period_dusk}, {"晚上", lex_tag::period, period_evening},
    {"晚间", lex_tag::period, period_evening}, {"夜里", lex_tag::period, period_evening},
    {"夜间", lex_tag::period, period_evening}, {"晚", lex_tag::period, period_evening},
    {"半夜", lex_tag::period, period_midnight}, {"深夜", lex_tag::period, period_midnight},
    {"午夜", lex_tag::period, period_midnight},
    // ---- byline roles ----
    {"记者", lex_tag::role, 1}, {"本报记者", lex_tag::role, 1}, {"特约记者", lex_tag::role, 2},
    {"通讯员", lex_tag::role, 3}, {"本报通讯员", lex_tag::role, 3}, {"实习生", lex_tag::role, 4},
    {"实习记者", lex_tag::role, 4}, {"见习记者", lex_tag::role, 4}, {"摄影", lex_tag::role, 5},
    {"摄影记者", lex_tag::role, 5}, {"编辑", lex_tag::role, 6}, {"责任编辑", lex_tag::role, 6},
    {"责编", lex_tag::role, 6}, {"文", lex_tag::role, 7, 1}, {"图", lex_tag::role, 5, 1},
    {"摄", lex_tag::role, 5, 1}, {"撰稿", lex_tag::role, 7}, {"撰文", lex_tag::role, 7},
    // ---- news agencies (credited as （新华社发）, （中新社记者 NAME 摄）) ----
    {"新华社", lex_tag::agency}, {"中新社", lex_tag::agency}, {"中国新闻社", lex_tag::agency},
    {"新华网", lex_tag::agency}, {"中新网", lex_tag::agency}, {"人民网", lex_tag::agency},
    {"央视网", lex_tag::agency}, {"央视新闻", lex_tag::agency}, {"中国日报", lex_tag::agency},
    {"美联社", lex_tag::agency}, {"路透社", lex_tag::agency}, {"法新社", lex_tag::agency},
    {"共同社", lex_tag::agency}, {"塔斯社", lex_tag::agency}, {"视觉中国", lex_tag::agency},
    // ---- bracketed notes that are no byline ----
    {"全文另发", lex_tag::non_credit}, {"全文完", lex_tag::non_credit}, {"图片", lex_tag::non_credit},
    {"资料图", lex_tag::non_credit}, {"资料图片", lex_tag::non_credit}, {"未完待续", lex_tag::non_credit},
    {"待续", lex_tag::non_credit}, {"完", lex_tag::non_credit}, {"续完", lex_tag::non_credit},
    {"有删节", lex_tag::non_credit}, {"节选", lex_tag::non_credit}, {"摘编", lex_tag::non_credit},
    {"图文", lex_tag::non_credit}, {"示意图", lex_tag::non_credit}, {"效果图", lex_tag::non_credit},
    {"视频截图", lex_tag::non_credit}, {"网络图片", lex_tag::non_credit}, {"组图", lex_tag::non_credit},
    // ---- qualifiers ----
    {"约", lex_tag::prefix_qual, 1}, {"大约", lex_tag::prefix_qual, 1}, {"大概", lex_tag::prefix_qual, 1},
    {"近", lex_tag::prefix_qual, 3}, {"将近", lex_tag::prefix_qual, 3}, {"接近", lex_tag::prefix_qual, 3},
    {"不到", lex_tag::prefix_qual, 3}, {"不足", lex_tag::prefix_qual, 3}, {"超过", lex_tag::prefix_qual, 2},
    {"超", lex_tag::prefix_qual, 2}, {"逾", lex_tag::prefix_qual, 2}, {"至少", lex_tag::prefix_qual, 4},
    {"最少", lex_tag::prefix_qual, 4}, {"最多", lex_tag::prefix_qual, 5}, {"至多", lex_tag::prefix_qual, 5},
    {"左右", lex_tag::suffix_qual, 1}, {"以上", lex_tag::suffix_qual, 4}, {"以下", lex_tag::suffix_qual, 5},
    {"以内", lex_tag::suffix_qual, 5},
    // ---- idioms with numerals but no quantity ----
    {"三番五次", lex_tag::idiom}, {"三天两头", lex_tag::idiom}, {"四面八方", lex_tag::idiom},
    {"半斤八两", lex_tag::idiom}, {"三言两语", lex_tag::idiom}, {"一五一十", lex_tag::idiom},
    {"五湖四海", lex_tag::idiom}, {"三五成群", lex_tag::idiom}, {"七上八下", lex_tag::idiom},
    {"接二连三", lex_tag::idiom}, {"乱七八糟", lex_tag::idiom}, {"三心二意", lex_tag::idiom},
    {"九牛一毛", lex_tag::idiom}, {"千方百计", lex_tag::idiom}, {"千家万户", lex_tag::idiom},
    {"千辛万苦", lex_tag::idiom}, {"万无一失", lex_tag::idiom}, {"一干二净", lex_tag::idiom},
    {"五花八门", lex_tag::idiom}, {"七嘴八舌", lex_tag::idiom}, {"三令五申", lex_tag::idiom},
    {"四分五裂", lex_tag::idiom}, {"十拿九稳", lex_tag::idiom}, {"一清二楚", lex_tag::idiom},
    {"五颜六色", lex_tag::idiom}, {"六神无主", lex_tag::idiom}, {"百里挑一", lex_tag::idiom},
    {"千军万马", lex_tag::idiom}, {"万众一心", lex_tag::idiom}, {"一举两得", lex_tag::idiom},
    {"两全其美", lex_tag::idiom}, {"三三两两", lex_tag::idiom}, {"四通八达", lex_tag::idiom},
    {"十全十美", lex_tag::idiom}, {"三长两短", lex_tag::idiom}, {"丢三落四", lex_tag::idiom},
    {"说三道四", lex_tag::idiom}, {"颠三倒四", lex_tag::idiom}, {"七零八落", lex_tag::idiom},
    {"横七竖八", lex_tag::idiom}, {"一穷二白", lex_tag::idiom}, {"三头六臂", lex_tag::idiom},
    {"三更半夜", lex_tag::idiom}, {"三教九流", lex_tag::idiom}, {"千千万万", lex_tag::idiom},
    {"成千上万", lex_tag::idiom}, {"一模一样", lex_tag::idiom}, {"独一无二", lex_tag::idiom},
    // ---- 点 as a measure word ----
    {"要求", lex_tag::dian_noun}, {"建议", lex_tag::dian_noun}, {"意见", lex_tag::dian_noun},
    {"措施", lex_tag::dian_noun}, {"做法", lex_tag::dian_noun}, {"体会", lex_tag::dian_noun},
    {"希望", lex_tag::dian_noun}, {"经验", lex_tag::dian_noun}, {"看法", lex_tag::dian_noun},
    {"原因", lex_tag::dian_noun}, {"内容", lex_tag::dian_noun}, {"共识", lex_tag::dian_noun},
    {"理由", lex_tag::dian_noun}, {"好处", lex_tag::dian_noun}, {"不足", lex_tag::dian_noun},
    {"问题", lex_tag::dian_noun}, {"启示", lex_tag::dian_noun}, {"感受", lex_tag::dian_noun},
    {"举措", lex_tag::dian_noun}, {"任务", lex_tag::dian_noun}, {"目标", lex_tag::dian_noun},
    {"成效", lex_tag::dian_noun}, {"变化", lex_tag::dian_noun}, {"特点", lex_tag::dian_noun},
    {"优势", lex_tag::dian_noun}, {"收获", lex_tag::dian_noun}, {"思考", lex_tag::dian_noun},
};

class entity_lexicon {
 public:
  /// The longest word with `tag` starting at byte i of [p, p+n), or nullptr.
  static const lex_entry* longest(const unsigned char* p, std::size_t n, std::size_t i, lex_tag tag) noexcept {
    if (i >= n) return nullptr;
    const decoded d = decode_at(p + i, p + n);
    if (d.error != utf8_errc::ok || !may_start(d.value)) return nullptr;
    const std::vector<item>& v = items();
    auto it = std::lower_bound(v.begin(), v.end(), d.value,
                               [](const item& x, char32_t c) { return x.first < c; });
    for (; it != v.end() && it->first == d.value; ++it) {  // longest first
      const lex_entry& e = *it->entry;
      if (e.tag == tag && n - i >= e.word.size() && std::memcmp(p + i, e.word.data(), e.word.size()) == 0)
        return &e;
    }
    return nullptr;
  }
  /// False if no word of the table starts with `c` (a quick filter: most Han
  /// characters start none).
  static bool may_start(char32_t c) noexcept {
    if (c >= 0x10000) return false;
    return (starts()[c >> 6] >> (c & 63)) & 1u;
  }
  /// False if no entity can start with `c` through a word of the table (the words
  /// that begin entities: relative times, festivals, times of day, roles, qualifiers,
  /// idioms - not measure words, which only follow numbers).
  static bool may_begin_entity(char32_t c) noexcept {
    if (c >= 0x10000) return false;
    return (starts()[0x10000 / 64 + (c >> 6)] >> (c & 63)) & 1u;
  }
  /// True if the bytes before `end` finish a word with `tag`; sets `begin` to its start.
  static bool ends_with(const unsigned char* p, std::size_t end, lex_tag tag, std::size_t& begin) noexcept {
    const lex_entry* best = nullptr;
    for (const lex_entry& e : lexicon_table)
      if (e.tag == tag && e.word.size() <= end && (best == nullptr || e.word.size() > best->word.size()) &&
          std::memcmp(p + end - e.word.size(), e.word.data(), e.word.size()) == 0)
        best = &e;
    if (best == nullptr) return false;
    begin = end - best->word.size();
    return true;
  }

 private:
  struct item {
    char32_t first;
    const lex_entry* entry;
  };
  static const std::vector<std::uint64_t>& starts() {
    static const std::vector<std::uint64_t> bits = [] {
      // Two bitmaps over the BMP: first characters of all words, then of the words
      // that begin entities.
      std::vector<std::uint64_t> b(2 * 0x10000 / 64, 0);
      for (const lex_entry& e : lexicon_table) {
        const char32_t c = decode_utf8(e.word).value;
        if (c >= 0x10000) continue;
        b[c >> 6] |= std::uint64_t{1} << (c & 63);
        const bool begins = e.tag == lex_tag::relative || e.tag == lex_tag::named_day ||
                            e.tag == lex_tag::named_day_ctx || e.tag == lex_tag::period || e.tag == lex_tag::role ||
                            e.tag == lex_tag::prefix_qual || e.tag == lex_tag::idiom;
        if (begins) b[0x10000 / 64 + (c >> 6)] |= std::uint64_t{1} << (c & 63);
      }
      return b;
    }();
    return bits;
  }
  static const std::vector<item>& items() {
    static const std::vector<item> v = [] {
      std::vector<item> out;
      for (const lex_entry& e : lexicon_table) {
        const decoded d = decode_utf8(e.word);
        out.push_back({d.value, &e});
      }
      std::stable_sort(out.begin(), out.end(), [](const item& a, const item& b) {
        if (a.first != b.first) return a.first < b.first;
        return a.entry->word.size() > b.entry->word.size();
      });
      return out;
    }();
    return v;
  }
};

}  // namespace zhtext::detail
