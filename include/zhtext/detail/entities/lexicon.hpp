// zhtext/detail/entities/lexicon.hpp - the word lists the entity scanner reads.
//
// One table of short words, each with a tag saying what it is to the scanner (a
// measure word, a relative time word, a festival, a time-of-day word, a byline role,
// a qualifier, an idiom to leave alone, ...) and up to three small integers of
// payload; each row of the table lists the words that share a tag and payload. The lists were written for zhtext from Chinese usage (they copy no other
// project's data).
//
// Lookup: `entity_lexicon::longest(p, n, i, tag)` finds the longest word with that tag that
// starts at byte i. Representation: the table sorted by (first code point, length
// descending), searched by binary search on the first code point, then compared
// byte-wise: O(log N + words sharing the first character). Built once on first use
// (a function-local static: thread-safe initialisation); immutable afterwards.
#pragma once

#include <algorithm>
#include <cstddef>
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

/// A word of the table with its tag and payload.
struct lex_entry {
  std::string_view word;
  lex_tag tag;
  std::int8_t a = 0;
  std::int8_t b = 0;
  std::int8_t c = 0;
  std::string_view key = {};
};

/// A row of the table: words (separated by single spaces) that share a tag and payload.
struct lex_words {
  lex_tag tag;
  std::string_view words;
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
inline constexpr lex_words lexicon_words[] = {
    // ---- measure words (counts) ----
    {lex_tag::unit, "名 位 个 人 人次 户 户次 家 所 座 栋 幢 间 套 辆 台 部 件 条 张 本 册 份 封 箱 包 袋 瓶 桶 盒 只 头 匹 棵 株 支 把 根 片 "
     "块 双 对 副 批 组 队 项 起 次 场 届 篇 首 幅 顿 餐 层 岁 周岁 周年 例 种 类 处 道 节 枚 粒 颗 剂 针 盏 架 艘 笔 票 卷 串 "
     "遍 趟 步 倍 具 圈 轮次 个人 个百分点 百分点"},
    // ---- durations ----
    {lex_tag::unit, "年 个月 天 周 星期 个星期 小时 个小时 钟头 个钟头 分钟 秒 秒钟 工作日 个工作日", unit_time},
    // ---- money ----
    {lex_tag::unit, "元 美元 欧元 英镑 日元 港元 港币 澳元 人民币 块钱"},
    // ---- measures ----
    {lex_tag::unit, "米 千米 公里 厘米 毫米 平方米 平米 平方公里 平方千米 立方米 亩 公顷 吨 公斤 千克 克 毫克 斤 升 毫升 度 摄氏度 ℃"},
    {lex_tag::unit, "°C", 0, 0, 0, "℃"},
    {lex_tag::unit, "千瓦 千瓦时 分贝"},
    // ---- numbers that name things ----
    {lex_tag::id_unit, "号 单元 号楼 号院 年级 年代 级"},
    // ---- relative time words ----
    {lex_tag::relative, "今天 今日", 0, 0},
    {lex_tag::relative, "今晨 今早", 0, 0, period_morning},
    {lex_tag::relative, "今晚 今夜", 0, 0, period_evening},
    {lex_tag::relative, "昨天 昨日", 0, -1},
    {lex_tag::relative, "昨晚 昨夜", 0, -1, period_evening},
    {lex_tag::relative, "前天", 0, -2},
    {lex_tag::relative, "大前天", 0, -3},
    {lex_tag::relative, "明天 明日", 0, 1},
    {lex_tag::relative, "明早", 0, 1, period_morning},
    {lex_tag::relative, "明晚", 0, 1, period_evening},
    {lex_tag::relative, "后天", 0, 2},
    {lex_tag::relative, "大后天", 0, 3},
    {lex_tag::relative, "本周 这周 本星期", 1, 0},
    {lex_tag::relative, "上周 上星期", 1, -1},
    {lex_tag::relative, "下周 下星期", 1, 1},
    {lex_tag::relative, "本月", 2, 0},
    {lex_tag::relative, "上月 上个月", 2, -1},
    {lex_tag::relative, "下月 下个月", 2, 1},
    {lex_tag::relative, "今年", 3, 0},
    {lex_tag::relative, "去年", 3, -1},
    {lex_tag::relative, "前年", 3, -2},
    {lex_tag::relative, "明年", 3, 1},
    {lex_tag::relative, "后年", 3, 2},
    {lex_tag::relative, "近日 日前 近期 最近 前不久 不久前 前几天 前几日 前些天 前些日子", 4},
    {lex_tag::relative, "连日来 连日 多日来 近来 这些天 这几天 近段时间 近一段时间", 5},
    {lex_tag::relative, "当天 当日", 6},
    {lex_tag::relative, "当晚", 6, 0, period_evening},
    {lex_tag::relative, "同日 同一天", 6},
    {lex_tag::relative, "次日 翌日 第二天 隔天 隔日", 7},
    // ---- festivals and weekdays ----
    {lex_tag::named_day, "春节 大年初一 正月初一", 1, 1, 1, "spring_festival"},
    {lex_tag::named_day, "元宵节 正月十五", 1, 1, 15, "lantern_festival"},
    {lex_tag::named_day, "除夕 大年三十 年三十", 1, 12, 30, "new_years_eve"},
    {lex_tag::named_day, "小年", 1, 12, 23, "little_new_year"},
    {lex_tag::named_day, "端午节 端午", 1, 5, 5, "dragon_boat"},
    {lex_tag::named_day, "七夕", 1, 7, 7, "qixi"},
    {lex_tag::named_day, "中秋节 中秋", 1, 8, 15, "mid_autumn"},
    {lex_tag::named_day, "重阳节", 1, 9, 9, "double_ninth"},
    {lex_tag::named_day, "腊八节 腊八", 1, 12, 8, "laba"},
    {lex_tag::named_day, "元旦", 0, 1, 1, "new_year"},
    {lex_tag::named_day, "情人节", 0, 2, 14, "valentines_day"},
    {lex_tag::named_day, "妇女节 三八妇女节 三八节", 0, 3, 8, "womens_day"},
    {lex_tag::named_day, "植树节", 0, 3, 12, "arbor_day"},
    {lex_tag::named_day, "劳动节 五一劳动节 五一国际劳动节", 0, 5, 1, "labour_day"},
    {lex_tag::named_day, "青年节 五四青年节", 0, 5, 4, "youth_day"},
    {lex_tag::named_day, "儿童节 六一儿童节", 0, 6, 1, "childrens_day"},
    {lex_tag::named_day, "建党节", 0, 7, 1, "party_day"},
    {lex_tag::named_day, "建军节 八一建军节", 0, 8, 1, "army_day"},
    {lex_tag::named_day, "教师节", 0, 9, 10, "teachers_day"},
    {lex_tag::named_day, "国庆节 国庆", 0, 10, 1, "national_day"},
    {lex_tag::named_day, "平安夜", 0, 12, 24, "christmas_eve"},
    {lex_tag::named_day, "圣诞节", 0, 12, 25, "christmas"},
    {lex_tag::named_day, "清明节", 2, 4, 0, "qingming"},
    {lex_tag::named_day, "冬至", 2, 12, 0, "winter_solstice"},
    {lex_tag::named_day_ctx, "十一", 0, 10, 1, "national_day"},
    {lex_tag::named_day_ctx, "五一", 0, 5, 1, "labour_day"},
    {lex_tag::named_day_ctx, "六一", 0, 6, 1, "childrens_day"},
    {lex_tag::named_day_ctx, "七一", 0, 7, 1, "party_day"},
    {lex_tag::named_day, "周一 星期一 礼拜一", 3, 0, 1, "monday"},
    {lex_tag::named_day, "周二 星期二 礼拜二", 3, 0, 2, "tuesday"},
    {lex_tag::named_day, "周三 星期三 礼拜三", 3, 0, 3, "wednesday"},
    {lex_tag::named_day, "周四 星期四 礼拜四", 3, 0, 4, "thursday"},
    {lex_tag::named_day, "周五 星期五 礼拜五", 3, 0, 5, "friday"},
    {lex_tag::named_day, "周六 星期六 礼拜六", 3, 0, 6, "saturday"},
    {lex_tag::named_day, "周日 周天 星期日 星期天 礼拜日 礼拜天", 3, 0, 7, "sunday"},
    {lex_tag::festival_ctx, "长假 小长假 黄金周 假期 期间 前夕 当天 节 假日"},
    // ---- time of day ----
    {lex_tag::period, "凌晨", period_dawn},
    {lex_tag::period, "早上 早晨 清晨 上午 早", period_morning},
    {lex_tag::period, "中午 午间", period_noon},
    {lex_tag::period, "下午 午后", period_afternoon},
    {lex_tag::period, "傍晚", period_dusk},
    {lex_tag::period, "晚上 晚间 夜里 夜间 晚", period_evening},
    {lex_tag::period, "半夜 深夜 午夜", period_midnight},
    // ---- byline roles ----
    {lex_tag::role, "记者 本报记者", 1},
    {lex_tag::role, "特约记者", 2},
    {lex_tag::role, "通讯员 本报通讯员", 3},
    {lex_tag::role, "实习生 实习记者 见习记者", 4},
    {lex_tag::role, "摄影 摄影记者", 5},
    {lex_tag::role, "编辑 责任编辑 责编", 6},
    {lex_tag::role, "文", 7, 1},
    {lex_tag::role, "图 摄", 5, 1},
    {lex_tag::role, "撰稿 撰文", 7},
    // ---- news agencies (credited as （新华社发）, （中新社记者 NAME 摄）) ----
    {lex_tag::agency, "新华社 中新社 中国新闻社 新华网 中新网 人民网 央视网 央视新闻 中国日报 美联社 路透社 法新社 共同社 塔斯社 视觉中国"},
    // ---- bracketed notes that are no byline ----
    {lex_tag::non_credit, "全文另发 全文完 图片 资料图 资料图片 未完待续 待续 完 续完 有删节 节选 摘编 图文 示意图 效果图 视频截图 网络图片 组图"},
    // ---- qualifiers ----
    {lex_tag::prefix_qual, "约 大约 大概", 1},
    {lex_tag::prefix_qual, "近 将近 接近 不到 不足", 3},
    {lex_tag::prefix_qual, "超过 超 逾", 2},
    {lex_tag::prefix_qual, "至少 最少", 4},
    {lex_tag::prefix_qual, "最多 至多", 5},
    {lex_tag::suffix_qual, "左右", 1},
    {lex_tag::suffix_qual, "以上", 4},
    {lex_tag::suffix_qual, "以下 以内", 5},
    // ---- idioms with numerals but no quantity ----
    {lex_tag::idiom, "三番五次 三天两头 四面八方 半斤八两 三言两语 一五一十 五湖四海 三五成群 七上八下 接二连三 乱七八糟 三心二意 九牛一毛 千方百计 千家万户 千辛万苦 "
     "万无一失 一干二净 五花八门 七嘴八舌 三令五申 四分五裂 十拿九稳 一清二楚 五颜六色 六神无主 百里挑一 千军万马 万众一心 一举两得 两全其美 三三两两 "
     "四通八达 十全十美 三长两短 丢三落四 说三道四 颠三倒四 七零八落 横七竖八 一穷二白 三头六臂 三更半夜 三教九流 千千万万 成千上万 一模一样 独一无二"},
    // ---- 点 as a measure word ----
    {lex_tag::dian_noun, "要求 建议 意见 措施 做法 体会 希望 经验 看法 原因 内容 共识 理由 好处 不足 问题 启示 感受 举措 任务 目标 成效 变化 特点 优势 "
     "收获 思考"},
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
    for (const lex_entry& e : entries())
      if (e.tag == tag && e.word.size() <= end && (best == nullptr || e.word.size() > best->word.size()) &&
          std::memcmp(p + end - e.word.size(), e.word.data(), e.word.size()) == 0)
        best = &e;
    if (best == nullptr) return false;
    begin = end - best->word.size();
    return true;
  }

 private:
  /// The rows of lexicon_words, one entry per word, in table order.
  static const std::vector<lex_entry>& entries() {
    static const std::vector<lex_entry> v = [] {
      std::vector<lex_entry> out;
      for (const lex_words& row : lexicon_words) {
        for (std::size_t i = 0; i < row.words.size();) {
          std::size_t end = row.words.find(' ', i);
          if (end == std::string_view::npos) end = row.words.size();
          out.push_back({row.words.substr(i, end - i), row.tag, row.a, row.b, row.c, row.key});
          i = end + 1;
        }
      }
      return out;
    }();
    return v;
  }
  struct item {
    char32_t first;
    const lex_entry* entry;
  };
  static const std::vector<std::uint64_t>& starts() {
    static const std::vector<std::uint64_t> bits = [] {
      // Two bitmaps over the BMP: first characters of all words, then of the words
      // that begin entities.
      std::vector<std::uint64_t> b(2 * 0x10000 / 64, 0);
      for (const lex_entry& e : entries()) {
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
      for (const lex_entry& e : entries()) {
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
