// entities_test.cpp - typed news entities (zhtext/entities.hpp): hand-written edge cases,
// the value structures, the three API shapes, and bad input.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <type_traits>
#include <vector>

#include <zhtext/entities.hpp>

#include "test_support.hpp"

namespace {

// "kind|text|value" for every entity of `text`, in order.
std::vector<std::string> rows(std::string_view text) {
  std::vector<std::string> out;
  for (const zhtext::entity& e : zhtext::entities(text))
    out.push_back(std::string(zhtext::to_string(e.kind)) + "|" + std::string(e.text) + "|" + zhtext::canonical_value(e));
  return out;
}

struct edge_case {
  const char* input;
  std::vector<std::string> expected;  // every entity, "kind|text|value"
};

// Each input with the complete list of entities it holds (an empty list: none).
const edge_case edge_cases[] = {
    // ---- numbers ----
    {"三千二百", {"number|三千二百|3200"}},
    {"共计两万五", {"number|两万五|25000"}},
    {"一亿零五十", {"number|一亿零五十|100000050"}},
    {"收入1.2亿", {"number|1.2亿|120000000"}},
    {"总数为3.5万。", {"number|3.5万|35000"}},
    {"人数为1614，", {"number|1614|1614"}},
    {"“5+2”参与值班", {"number|5+2|5+2"}},
    {"其中的1/4为老年人", {"number|1/4|1/4"}},
    {"三分之一的居民", {"number|三分之一|1/3"}},
    {"活动10余\n场", {"number|10余|>10"}},
    {"每户一百多", {"number|一百多|>100"}},
    {"十一", {}},                  // a bare Chinese numeral needs 百/千/万/亿
    {"千万不要大意", {}},          // 千万 = "by all means"
    {"万一出事", {}},              // malformed numeral
    {"购买84消毒液", {}},          // a product name, not a count
    {"一副N95口罩", {}},
    {"COVID-19疫情", {}},
    {"电话010-65123456", {}},
    {"比分3:2", {}},
    {"1+1=2", {}},
    {"三番五次", {}},              // an idiom
    // ---- percents ----
    {"增长6.5%", {"percent|6.5%|6.5%"}},
    {"增长６．５％", {"percent|６．５％|6.5%"}},
    {"百分之三十的人", {"percent|百分之三十|30%"}},
    {"百分之六点五", {"percent|百分之六点五|6.5%"}},
    {"近百分之三十", {"percent|近百分之三十|<30%"}},
    {"占三成。", {"percent|三成|30%"}},
    {"六七成", {"percent|六七成|60%..70%"}},
    {"5%-10%", {"percent|5%-10%|5%..10%"}},
    {"5-10%", {"percent|5-10%|5%..10%"}},
    {"30%以上", {"percent|30%以上|>=30%"}},
    {"三五成群", {}},
    // ---- quantities ----
    {"护送队共有47名队员", {"quantity|47名|47 名"}},
    {"康泽佳苑北区社区共有1614户", {"quantity|1614户|1614 户"}},
    {"5000余名居民", {"quantity|5000余名|>5000 名"}},
    {"3200多名社区居民", {"quantity|3200多名|>3200 名"}},
    {"100多名志愿者", {"quantity|100多名|>100 名"}},
    {"常住人口近5000人", {"quantity|近5000人|<5000 人"}},
    {"面积约120平方米", {"quantity|约120平方米|~120 平方米"}},
    {"图书3600多册", {"quantity|3600多册|>3600 册"}},
    {"有六七个人", {"quantity|六七个人|6..7 个人"}},
    {"十几名青年", {"quantity|十几名|11..19 名"}},
    {"几十个电话", {"quantity|几十个|20..90 个"}},
    {"数千名员工", {"quantity|数千名|2000..9000 名"}},
    {"二三十人", {"quantity|二三十人|20..30 人"}},
    {"六七十岁的老人", {"quantity|六七十岁|60..70 岁"}},
    {"十来个人", {"quantity|十来个人|~10 个人"}},
    {"百余人", {"quantity|百余人|>100 人"}},
    {"上百遍", {"quantity|上百遍|>100 遍"}},
    {"上千万元", {"quantity|上千万元|>10000000 元"}},
    {"3.5万元", {"quantity|3.5万元|35000 元"}},
    {"两万五千人", {"quantity|两万五千人|25000 人"}},
    {"已有近30多名", {"quantity|近30多名|~30 名"}},
    {"两个多月来", {"quantity|两个多月|>2 个月"}},
    {"一个多月来", {"quantity|一个多月|>1 个月"}},
    {"一年半", {"quantity|一年半|1.5 年"}},
    {"两个半小时", {"quantity|两个半小时|2.5 个小时"}},
    {"3至5天", {"quantity|3至5天|3..5 天"}},
    {"3-5天", {"quantity|3-5天|3..5 天"}},
    {"三到五天", {"quantity|三到五天|3..5 天"}},
    {"不到10分钟", {"quantity|不到10分钟|<10 分钟"}},
    {"年近80岁", {"quantity|近80岁|<80 岁"}},
    {"附近5公里", {"quantity|5公里|5 公里"}},  // 附近 is "nearby", not "nearly"
    {"零下5度", {"quantity|零下5度|-5 度"}},
    {"体温３６．５℃", {"quantity|３６．５℃|36.5 ℃"}},
    {"有 3 户人家", {"quantity|3 户|3 户"}},
    {"1,614户", {"quantity|1,614户|1614 户"}},
    {"每日至少一次", {"quantity|至少一次|>=1 次"}},
    {"增长6.5个百分点", {"quantity|6.5个百分点|6.5 个百分点"}},
    {"36年党龄", {"quantity|36年|36 年"}},
    {"十七年前", {"quantity|十七年|17 年"}},
    {"一名党员", {}},      // 一 + measure word: an article, not a count
    {"第32个爱国卫生月", {}},  // ordinals
    {"第一时间", {}},
    {"11号楼", {}},        // names, not counts
    {"4号门", {}},
    {"三年级", {}},
    {"80年代", {}},
    {"90后干部", {}},
    {"三角地社区", {}},    // 角 is no measure word here
    // ---- dates ----
    {"2020年1月24日", {"date|2020年1月24日|2020-01-24"}},
    {"6月18日，", {"date|6月18日|--06-18"}},
    {"自1月24日起", {"date|1月24日起|--01-24.."}},
    {"二○○○年十二月三十一日", {"date|二○○○年十二月三十一日|2000-12-31"}},
    {"2020年", {"date|2020年|2020"}},
    {"2020年3月", {"date|2020年3月|2020-03"}},
    {"3月份", {"date|3月份|--03"}},
    {"19日早上5点", {"date|19日|---19", "time|早上5点|05:00"}},
    {"3月6号", {"date|3月6号|--03-06"}},
    {"5 月 30 日后", {"date|5 月 30 日|--05-30"}},
    {"6月18日至19日", {"date|6月18日至19日|--06-18..--06-19"}},
    {"1月24日至2月5日", {"date|1月24日至2月5日|--01-24..--02-05"}},
    {"2019年至2020年", {"date|2019年至2020年|2019..2020"}},
    {"截至6月中旬", {"date|6月中旬|--06-11..--06-20"}},
    {"2020年2月下旬", {"date|2020年2月下旬|2020-02-21..2020-02-29"}},
    {"2020-01-24", {"date|2020-01-24|2020-01-24"}},
    {"2020/1/24", {"date|2020/1/24|2020-01-24"}},
    {"2020年2月29日", {"date|2020年2月29日|2020-02-29"}},
    {"2019年2月29日", {}},  // no such day
    {"2月30日", {}},
    {"13月", {}},
    {"3日内", {}},          // within three days
    {"自1月24日到社区", {"date|1月24日|--01-24"}},
    {"1000多年", {"quantity|1000多年|>1000 年"}},
    // ---- times ----
    {"早上5点", {"time|早上5点|05:00"}},
    {"晚上6点半至9点", {"time|晚上6点半至9点|18:30..21:00"}},
    {"半夜12点多", {"time|半夜12点多|>00:00"}},
    {"早上8点半至晚上9点", {"time|早上8点半至晚上9点|08:30..21:00"}},
    {"下午6点30分", {"time|下午6点30分|18:30"}},
    {"从早8点到晚8点", {"time|早8点到晚8点|08:00..20:00"}},
    {"晚上11点至1点", {"time|晚上11点至1点|23:00..01:00"}},
    {"中午1点", {"time|中午1点|13:00"}},
    {"凌晨12点", {"time|凌晨12点|00:00"}},
    {"下午两点半", {"time|下午两点半|14:30"}},
    {"8时许", {"time|8时许|~08:00"}},
    {"八点十分", {"time|八点十分|08:10"}},
    {"18:30", {"time|18:30|18:30"}},
    {"今晚8点", {"relative|今晚|day+0", "time|8点|20:00"}},
    {"快一点", {}},
    {"提出3点建议", {}},
    {"24小时", {"quantity|24小时|24 小时"}},
    // ---- named days and relative times ----
    {"农历春节", {"named_day|农历春节|spring_festival"}},
    {"2020年农历春节", {"date|2020年|2020", "named_day|农历春节|spring_festival"}},
    {"春节、十一、中秋等", {"named_day|春节|spring_festival", "named_day|十一|national_day",
                          "named_day|中秋|mid_autumn"}},
    {"十一长假", {"named_day|十一|national_day"}},
    {"五一期间", {"named_day|五一|labour_day"}},
    {"大年三十", {"named_day|大年三十|new_years_eve"}},
    {"周一闭馆", {"named_day|周一|monday"}},
    {"每周一次", {}},
    {"昨天", {"relative|昨天|day-1"}},
    {"今天到货", {"relative|今天|day+0"}},
    {"去年8月", {"relative|去年|year-1", "date|8月|--08"}},
    {"连日来", {"relative|连日来|ongoing"}},
    {"近日，", {"relative|近日|recent"}},
    {"日前，", {"relative|日前|recent"}},
    {"节日前", {}},  // 日前 inside 节日前
    {"次日清晨", {"relative|次日|next_day"}},
    {"第二天", {"relative|第二天|next_day"}},
    {"上周", {"relative|上周|week-1"}},
    // ---- bylines ----
    {"本报讯（通讯员 张国芬）太平桥", {"byline|本报讯（通讯员 张国芬）|correspondent:张国芬"}},
    {"本报讯(记者 李冉)6月18日", {"byline|本报讯(记者 李冉)|reporter:李冉", "date|6月18日|--06-18"}},
    {"本报讯（通讯员 岳文勇 李爽）", {"byline|本报讯（通讯员 岳文勇 李爽）|correspondent:岳文勇,李爽"}},
    {"本报讯（记者李冉）", {"byline|本报讯（记者李冉）|reporter:李冉"}},
    {"（特约记者 孙颖 通讯员 赵晨娟）", {"byline|（特约记者 孙颖 通讯员 赵晨娟）|special_reporter:孙颖;correspondent:赵晨娟"}},
    {"（记者 李冉 报道）", {"byline|（记者 李冉 报道）|reporter:李冉"}},
    {"记者 李冉", {"byline|记者 李冉|reporter:李冉"}},
    {"文/王艳静", {"byline|文/王艳静|writer:王艳静"}},
    {"文/记者 李杨", {"byline|文/记者 李杨|reporter:李杨"}},
    {"史莉/摄", {"byline|史莉/摄|photographer:史莉"}},
    {"阅读。 林晓雯/摄", {"byline|林晓雯/摄|photographer:林晓雯"}},
    {"才能安全。(田燕节)", {"byline|(田燕节)|author:田燕节"}},
    {"（西罗园社区卫生服务中心供稿）", {}},  // a credit only after a sentence
    {"平安归来。（西罗园社区卫生服务中心供稿）", {"byline|（西罗园社区卫生服务中心供稿）|contributor:西罗园社区卫生服务中心"}},
    {"(三乐里居民区)", {}},  // a source line, not a byline
    {"据记者了解", {}},
    {"本报讯 面对疫情", {}},  // no name
    {"（下称“某某”）", {}},
    // ---- the credit grammar (issue 14 defect 2: a national daily's shapes) ----
    {"（本报记者林海摄）", {"byline|（本报记者林海摄）|photographer:林海"}},  // was reporter:林海摄
    {"（林海摄）", {"byline|（林海摄）|photographer:林海"}},                  // was author:林海摄
    {"全部刊出。（全文另发）", {}},                                          // was author:全文另发
    {"（本报记者王芳、李强、陈明报道）", {"byline|（本报记者王芳、李强、陈明报道）|reporter:王芳,李强,陈明"}},
    {"（新华社发）", {"byline|（新华社发）|agency:新华社"}},
    {"合影留念。（图片）", {}},
    {"（本报记者张伟刘洋摄）", {"byline|（本报记者张伟刘洋摄）|photographer:张伟,刘洋"}},  // was missed
    // roles and endings
    {"（新华社记者 赵明 摄）", {"byline|（新华社记者 赵明 摄）|agency:新华社;photographer:赵明"}},
    {"（中新社记者 韩冰 发）", {"byline|（中新社记者 韩冰 发）|agency:中新社;reporter:韩冰"}},
    {"（新华社发 孟琳摄）", {"byline|（新华社发 孟琳摄）|agency:新华社;photographer:孟琳"}},
    {"现场。（中新社供稿）", {"byline|（中新社供稿）|agency:中新社"}},
    {"完成。（新华社）", {"byline|（新华社）|agency:新华社"}},
    {"登录（人民网）查询", {}},  // a bare agency name only closes a paragraph
    {"（记者 蒋涛 苏雪 摄）", {"byline|（记者 蒋涛 苏雪 摄）|photographer:蒋涛,苏雪"}},
    {"（本报记者 何平 通讯员 叶青 报道）", {"byline|（本报记者 何平 通讯员 叶青 报道）|reporter:何平;correspondent:叶青"}},
    {"（通讯员 周洁 摄影记者 韩冰）", {"byline|（通讯员 周洁 摄影记者 韩冰）|correspondent:周洁;photographer:韩冰"}},
    {"（责任编辑 孟琳）", {"byline|（责任编辑 孟琳）|editor:孟琳"}},
    {"（撰稿 罗兰）", {"byline|（撰稿 罗兰）|writer:罗兰"}},
    {"（曹敏撰稿）", {"byline|（曹敏撰稿）|writer:曹敏"}},
    // names run together after a role word: cut where every part starts with a surname
    {"（本报记者 张伟刘小洋）", {"byline|（本报记者 张伟刘小洋）|reporter:张伟,刘小洋"}},
    {"（记者 欧阳娜娜）", {"byline|（记者 欧阳娜娜）|reporter:欧阳娜娜"}},  // compound surname: one name
    {"（通讯员 宋佳何小曼潘越）", {"byline|（通讯员 宋佳何小曼潘越）|correspondent:宋佳,何小曼,潘越"}},
    {"（记者 王小金李华）", {}},  // 王小|金李华 or 王小金|李华: ambiguous, no guess
    {"（记者 张伟么么哒）", {}},  // no cut at all
    {"张伟刘洋/摄", {"byline|张伟刘洋/摄|photographer:张伟,刘洋"}},
    {"记者 张伟刘洋", {"byline|记者 张伟刘洋|reporter:张伟,刘洋"}},
    // names with no role: a surname first, and no note
    {"结束了。（东方明月）", {"byline|（东方明月）|author:东方明月"}},
    {"结束了。（资料图）", {}},
    {"结束了。（完）", {}},
    {"结束了。（待续）", {}},
    {"结束了。（下转第三版）", {}},
    {"结束了。（上接第2版）", {}},
    {"结束了。（视频截图）", {}},
};

}  // namespace

TEST_CASE("hand-written edge cases: every entity with kind, text and value", "[entities]") {
  std::size_t checked = 0;
  for (const edge_case& c : edge_cases) {
    INFO("input: " << c.input);
    CHECK(rows(c.input) == c.expected);
    ++checked;
  }
  CHECK(checked >= 60);
}

TEST_CASE("offsets and views point into the input", "[entities]") {
  const std::string text = "本报讯（记者 李冉）6月18日，47名队员和近5000人。";
  std::size_t n = 0;
  for (const zhtext::entity& e : zhtext::entities(text)) {
    CHECK(e.text.data() == text.data() + e.offset);
    CHECK(text.compare(e.offset, e.text.size(), e.text) == 0);
    ++n;
  }
  CHECK(n == 4);
  const std::vector<zhtext::entity> v = zhtext::entity_vector(text);
  REQUIRE(v.size() == 4);
  CHECK(v[0].offset == 0);
  CHECK(v[1].offset == text.find("6月18日"));
  CHECK(v[2].offset == text.find("47名"));
  CHECK(v[3].offset == text.find("近5000人"));
  // The byline's names are views into the input too.
  const auto& b = std::get<zhtext::byline_value>(v[0].value);
  REQUIRE(b.count == 1);
  CHECK(b.names[0].data() == text.data() + text.find("李冉"));
  CHECK(b.roles[0] == zhtext::byline_role::reporter);
}

TEST_CASE("value structures", "[entities]") {
  const std::string text = "二○○○年十二月三十一日晚上6点半至9点，3200多名居民，六七个人，农历春节，昨天，史莉/摄";
  const std::vector<zhtext::entity> v = zhtext::entity_vector(text);
  REQUIRE(v.size() == 7);
  const auto& d = std::get<zhtext::date_value>(v[0].value);
  CHECK(d.from == zhtext::calendar_date{2000, 12, 31});
  CHECK_FALSE(d.range);
  const auto& t = std::get<zhtext::time_value>(v[1].value);
  CHECK(t.range);
  CHECK(t.from.hour == 18);
  CHECK(t.from.minute == 30);
  CHECK(t.from.has_period);
  CHECK(t.to.hour == 21);
  const auto& q = std::get<zhtext::quantity_value>(v[2].value);
  CHECK(q.number.value == zhtext::decimal::from_int(3200));
  CHECK(q.number.qualifier == zhtext::approx::above);
  CHECK(q.unit == "名");
  const auto& r = std::get<zhtext::quantity_value>(v[3].value);
  CHECK(r.number.shape == zhtext::number_shape::range);
  CHECK(r.number.value == zhtext::decimal::from_int(6));
  CHECK(r.number.high == zhtext::decimal::from_int(7));
  const auto& nd = std::get<zhtext::named_day_value>(v[4].value);
  CHECK(nd.key == "spring_festival");
  CHECK(nd.calendar == zhtext::day_calendar::lunar);
  CHECK(nd.month == 1);
  CHECK(nd.day == 1);
  const auto& rel = std::get<zhtext::relative_value>(v[5].value);
  CHECK(rel.unit == zhtext::relative_unit::day);
  CHECK(rel.offset == -1);
  CHECK(v[6].kind == zhtext::entity_kind::byline);
}

TEST_CASE("range, callback and vector forms agree; filters choose kinds", "[entities]") {
  const std::string text = zhtext_test::read_file(std::string(ZHTEXT_SOURCE_DIR) + "/examples/data/sample_news.txt");
  REQUIRE(!text.empty());
  std::vector<zhtext::entity> by_range, by_callback;
  for (const zhtext::entity& e : zhtext::entities(text)) by_range.push_back(e);
  zhtext::for_each_entity(text, [&](const zhtext::entity& e) { by_callback.push_back(e); });
  const std::vector<zhtext::entity> by_vector = zhtext::entity_vector(text);
  REQUIRE(by_range.size() == by_vector.size());
  REQUIRE(by_callback.size() == by_vector.size());
  for (std::size_t k = 0; k < by_vector.size(); ++k) {
    CHECK(by_range[k].offset == by_vector[k].offset);
    CHECK(by_callback[k].text == by_vector[k].text);
    CHECK(zhtext::canonical_value(by_range[k]) == zhtext::canonical_value(by_vector[k]));
  }
  CHECK(by_vector.size() >= 10);

  zhtext::entity_options only;
  only.kinds = zhtext::entity_options::bit(zhtext::entity_kind::quantity) |
               zhtext::entity_options::bit(zhtext::entity_kind::byline);
  std::vector<zhtext::entity> expect;
  for (const zhtext::entity& e : by_vector)
    if (e.kind == zhtext::entity_kind::quantity || e.kind == zhtext::entity_kind::byline) expect.push_back(e);
  const std::vector<zhtext::entity> got = zhtext::entity_vector(text, only);
  REQUIRE(got.size() == expect.size());
  for (std::size_t k = 0; k < got.size(); ++k) CHECK(got[k].offset == expect[k].offset);
  std::size_t lazy = 0;
  for (const zhtext::entity& e : zhtext::entities(text, only)) {
    CHECK((e.kind == zhtext::entity_kind::quantity || e.kind == zhtext::entity_kind::byline));
    ++lazy;
  }
  CHECK(lazy == expect.size());

  // Filtering never changes what is found: 2020年 stays a date, so no quantity appears.
  zhtext::entity_options quantities;
  quantities.kinds = zhtext::entity_options::bit(zhtext::entity_kind::quantity);
  CHECK(zhtext::entity_vector("2020年", quantities).empty());
}

TEST_CASE("kind names round-trip", "[entities]") {
  for (std::size_t k = 0; k < zhtext::entity_kind_count; ++k) {
    zhtext::entity_kind kind;
    REQUIRE(zhtext::parse_entity_kind(zhtext::to_string(static_cast<zhtext::entity_kind>(k)), kind));
    CHECK(kind == static_cast<zhtext::entity_kind>(k));
  }
  zhtext::entity_kind kind;
  CHECK_FALSE(zhtext::parse_entity_kind("money", kind));
}

namespace {
template <class T, class = void>
struct can_range_over : std::false_type {};
template <class T>
struct can_range_over<T, std::void_t<decltype(zhtext::entities(std::declval<T>()))>> : std::true_type {};
}  // namespace

TEST_CASE("a lazy range over a temporary std::string does not compile", "[entities]") {
  STATIC_REQUIRE(can_range_over<std::string_view>::value);
  STATIC_REQUIRE(can_range_over<const std::string&>::value);
  STATIC_REQUIRE_FALSE(can_range_over<std::string>::value);
  STATIC_REQUIRE_FALSE(can_range_over<std::string&&>::value);
}

TEST_CASE("bad input: invalid UTF-8, NUL, controls never join an entity", "[entities][bad_input]") {
  CHECK(rows("\xff" "47名") == std::vector<std::string>{"quantity|47名|47 名"});
  CHECK(rows("47\xff名") == std::vector<std::string>{"number|47|47"});
  CHECK(rows(std::string("47\0名", 6)) == std::vector<std::string>{"number|47|47"});
  CHECK(rows(std::string("6月\0" "18日", 10)) == std::vector<std::string>{"date|6月|--06", "date|18日|---18"});
  CHECK(rows("本报讯（记者 李\xe5冉）").empty());
  // Never across a line break (normalize() joins hard wraps first).
  CHECK(rows("6月18\n日") == std::vector<std::string>{"date|6月|--06", "number|18|18"});
  CHECK(rows("").empty());
  CHECK(rows("\xe5\xb9").empty());  // truncated 年
  // A megabyte of digits, of 十, of open brackets: one pass, nothing reported.
  CHECK(rows(std::string(1 << 20, '7')).empty());
  std::string tens;
  for (int k = 0; k < 200000; ++k) tens += "十";
  CHECK(rows(tens).empty());
  std::string brackets;
  for (int k = 0; k < 100000; ++k) brackets += "（记者 ";
  CHECK(rows(brackets).empty());
}

TEST_CASE("a long run of mixed numerals is read in bounded pieces: linear time", "[entities][bad_input]") {
  // 1一2二3三4四...: the scanner tries a number at every change between Arabic and
  // Chinese numerals; each try read the rest of the run (quadratic: 64 KiB took 166 s,
  // a megabyte hours). A run of more atoms than a numeral holds is malformed, so the
  // lexer now stops there. 32 KiB: before, tens of seconds; now a fraction of one.
  std::string mixed;
  while (mixed.size() < (32u << 10)) mixed += "1一2二3三4四";
  const auto start = std::chrono::steady_clock::now();
  CHECK(rows(mixed).empty());
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  INFO("32 KiB of mixed numerals took " << seconds << " s");
  CHECK(seconds < 10.0);
  // Where few atoms are left, a try reads a number, as before: 4 + 四名 at the end.
  CHECK(rows(mixed + "名") == std::vector<std::string>{"quantity|四名|4 名"});
  // An ordinal claims its whole run, however long (the scan resumes after it): the
  // run's tail after 41 numerals (十五名) is no quantity of its own.
  std::string ordinal = "第";
  for (int k = 0; k < 40; ++k) ordinal += "一";
  CHECK(rows(ordinal + "三十五名工人").empty());
  CHECK(rows(ordinal + "三十五名，300名") == std::vector<std::string>{"quantity|300名|300 名"});
}

TEST_CASE("fuzz: any bytes give ordered, valid, non-overlapping entities", "[entities][fuzz]") {
  zhtext_test::byte_fuzzer fuzz(6);
  static const char* const pieces[] = {"年", "月", "日", "点", "半", "至", "多", "余", "名", "个", "第", "号", "(",
                                       "（", ")", "）", "本报讯", "记者", " ", "/", "摄", "文", "百分之", "%",
                                       "-", "+", "1", "2", "0", "一", "两", "十", "百", "万", "亿", "零", "几",
                                       "上", "近", "晚上", "周", "成", "分之", "李冉", "。", "、", "十一", "农历",
                                       "春节", ":", ".", "℃", "\n"};
  std::size_t found = 0;
  for (int i = 0; i < 30000; ++i) {
    std::string s = fuzz.next(20);
    const std::size_t extra = fuzz.engine()() % 24;
    for (std::size_t k = 0; k < extra; ++k) s += pieces[fuzz.engine()() % (sizeof pieces / sizeof *pieces)];
    std::size_t last = 0;
    for (const zhtext::entity& e : zhtext::entities(s)) {
      REQUIRE(e.offset >= last);
      REQUIRE(e.end() <= s.size());
      REQUIRE(!e.text.empty());
      REQUIRE(e.text.data() == s.data() + e.offset);
      REQUIRE(zhtext::is_valid_utf8(e.text));
      REQUIRE(e.text.find('\n') == std::string_view::npos);
      REQUIRE(!zhtext::canonical_value(e).empty());
      last = e.end();
      ++found;
    }
  }
  CHECK(found > 1000);  // the pieces do make entities
}
