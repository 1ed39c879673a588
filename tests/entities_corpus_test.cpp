// entities_corpus_test.cpp - every entity of the news corpus, checked by hand.
//
// For each article the list below holds every entity of every kind (number, percent,
// quantity, date, time, named day, relative time, byline), in text order, as the
// short entity text and its canonical value - written by reading the article, under
// the rules at the top of zhtext/entities.hpp. The test requires exactly this list:
// each expected entity found with its value, and nothing else reported (precision and
// recall both 100%, no tolerance).
//
// The articles are hard-wrapped, so they are normalised first (default options:
// hard wraps joined, white space cleaned) and each entity is mapped back to its bytes
// in the raw file with the offset map - the pipeline the header recommends. Three
// things in the articles the rules deliberately read one way:
//  - 000 "…等活动10余" + a blank line + "场": the paragraph break ends the number,
//    so it is the number ">10", not a quantity;
//  - 001 "十\n几名" and "5月30\n日" are hard wraps, joined by normalize();
//  - 002 "近30多名" carries both 近 and 多: "~30 名".
#include <catch2/catch.hpp>

#include <algorithm>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include <zhtext/entities.hpp>
#include <zhtext/normalize.hpp>

#include "test_support.hpp"

namespace {

struct expected_entity {
  const char* kind;
  const char* text;
  const char* value;
};

std::string file_named(const std::string& prefix) {
  for (const std::string& f : zhtext_test::corpus_files())
    if (f.find("/" + prefix) != std::string::npos) return f;
  FAIL("corpus file " << prefix << "* not found");
  return {};
}

std::string without_space(std::string_view s) {
  std::string out;
  for (const zhtext::code_point& cp : zhtext::code_points(s))
    if (!zhtext::is_space(cp.value)) out.append(s.substr(cp.offset, cp.size));
  return out;
}

std::string row(const std::string& kind, std::string_view text, const std::string& value) {
  return kind + " | " + std::string(text) + " | " + value;
}

void check_article(const std::string& prefix, const std::vector<expected_entity>& expected) {
  const std::string raw = zhtext_test::read_file(file_named(prefix));
  REQUIRE(!raw.empty());
  const zhtext::normalized_text norm = zhtext::normalize(raw);
  std::vector<std::string> got, want;
  for (const zhtext::entity& e : zhtext::entities(norm.text)) {
    got.push_back(row(zhtext::to_string(e.kind), e.text, zhtext::canonical_value(e)));
    // The span maps back onto the same characters in the raw article.
    const zhtext::byte_range src = norm.map.to_source(e.offset, e.end());
    INFO(prefix << " entity " << e.text << " at raw bytes " << src.begin << ".." << src.end);
    CHECK(without_space(std::string_view(raw).substr(src.begin, src.end - src.begin)) == without_space(e.text));
  }
  for (const expected_entity& x : expected) want.push_back(row(x.kind, x.text, x.value));
  // Report the differences both ways before the whole-list comparison.
  std::vector<std::string> missing, unexpected;
  {
    std::vector<std::string> g = got, w = want;
    std::sort(g.begin(), g.end());
    std::sort(w.begin(), w.end());
    std::set_difference(w.begin(), w.end(), g.begin(), g.end(), std::back_inserter(missing));
    std::set_difference(g.begin(), g.end(), w.begin(), w.end(), std::back_inserter(unexpected));
  }
  std::ostringstream diff;
  for (const std::string& m : missing) diff << "  missing:    " << m << '\n';
  for (const std::string& u : unexpected) diff << "  unexpected: " << u << '\n';
  INFO(prefix << ": " << want.size() << " expected, " << got.size() << " found\n" << diff.str());
  CHECK(missing.empty());
  CHECK(unexpected.empty());
  CHECK(got == want);  // and in text order
}

}  // namespace

TEST_CASE("article 000: every entity, by hand", "[entities][corpus]") {
  check_article("000_", {
      {"byline", "本报讯(通讯员 史莉)", "correspondent:史莉"},
      {"quantity", "700多名", ">700 名"},
      {"quantity", "3200多名", ">3200 名"},
      {"quantity", "47名", "47 名"},
      {"quantity", "21名", "21 名"},
      {"quantity", "75岁", "75 岁"},
      {"quantity", "37岁", "37 岁"},
      {"quantity", "67岁", "67 岁"},
      {"quantity", "36年", "36 年"},
      {"date", "1月24日", "--01-24"},
      {"quantity", "58天", "58 天"},
      {"byline", "史莉/摄", "photographer:史莉"},
      {"quantity", "100多名", ">100 名"},
      {"time", "晚上6点半至9点", "18:30..21:00"},
      {"number", "5+2", "5+2"},
      {"quantity", "六七个人", "6..7 个人"},
      {"quantity", "75岁", "75 岁"},
      {"quantity", "8个", "8 个"},
      {"quantity", "14个", "14 个"},
      {"quantity", "5个", "5 个"},
      {"quantity", "14栋", "14 栋"},
      {"byline", "本报讯(通讯员 蔡晖)", "correspondent:蔡晖"},
      {"relative", "近日", "recent"},
      {"quantity", "21个", "21 个"},
      {"number", "10余", ">10"},
      {"relative", "去年", "year-1"},
      {"date", "8月", "--08"},
      {"quantity", "21个", "21 个"},
      {"quantity", "8家", "8 家"},
      {"quantity", "10支", "10 支"},
      {"quantity", "十七年", "17 年"},
      {"quantity", "十七年", "17 年"},
      {"quantity", "上百遍", ">100 遍"},
      {"named_day", "大年三十", "new_years_eve"},
      {"date", "2003年", "2003"},
      {"date", "2020年", "2020"},
      {"byline", "(西罗园社区卫生服务中心供稿)", "contributor:西罗园社区卫生服务中心"},
      {"quantity", "数千名", "2000..9000 名"},
      {"byline", "(田燕节)", "author:田燕节"},
      {"quantity", "四个", "4 个"},
      {"quantity", "68户", "68 户"},
      {"quantity", "200余次", ">200 次"},
      {"byline", "(连颖)", "author:连颖"},
      {"byline", "本报讯(通讯员 蔡旖旎)", "correspondent:蔡旖旎"},
      {"relative", "连日来", "ongoing"},
      {"date", "2月23日", "--02-23"},
      {"quantity", "三天", "3 天"},
      {"quantity", "9名", "9 名"},
      {"quantity", "6人", "6 人"},
      {"date", "3月6日", "--03-06"},
      {"byline", "本报讯(通讯员 张国芬)", "correspondent:张国芬"},
      {"relative", "近日", "recent"},
      {"quantity", "两位", "2 位"},
      {"quantity", "两位", "2 位"},
      {"quantity", "近80岁", "<80 岁"},
      {"byline", "本报讯(通讯员 陈菲)", "correspondent:陈菲"},
      {"relative", "近日", "recent"},
      {"byline", "本报讯(通讯员 王琳)", "correspondent:王琳"},
      {"relative", "近日", "recent"},
      {"quantity", "100箱", "100 箱"},
      {"quantity", "三层", "3 层"},
      {"quantity", "四十分钟", "40 分钟"},
      {"quantity", "七天", "7 天"},
      {"byline", "徐畅/摄", "photographer:徐畅"},
      {"byline", "本报讯(通讯员 徐畅)", "correspondent:徐畅"},
      {"date", "3月21日", "--03-21"},
      {"quantity", "八十多岁", ">80 岁"},
      {"quantity", "两天", "2 天"},
      {"quantity", "三人", "3 人"},
      {"quantity", "三层", "3 层"},
      {"quantity", "三人", "3 人"},
      {"quantity", "40分钟", "40 分钟"},
      {"quantity", "7天", "7 天"},
      {"quantity", "三人", "3 人"},
      {"quantity", "三人", "3 人"},
      {"quantity", "三层", "3 层"},
      {"byline", "本报讯(通讯员 勾军潮)", "correspondent:勾军潮"},
      {"time", "晚上9点多", ">21:00"},
      {"quantity", "两次", "2 次"},
      {"quantity", "两个人", "2 个人"},
      {"quantity", "5家", "5 家"},
      {"quantity", "2家", "2 家"},
      {"quantity", "3起", "3 起"},
      {"quantity", "1次", "1 次"},
      {"quantity", "几十个", "20..90 个"},
      {"quantity", "57岁", "57 岁"},
      {"byline", "(庞彩云 史媛)", "author:庞彩云,史媛"},
      {"relative", "近日", "recent"},
      {"date", "2月5日", "--02-05"},
      {"quantity", "一个多月", ">1 个月"},
      {"byline", "(李晚香)", "author:李晚香"},
      {"relative", "今天", "day+0"},
      {"relative", "最近", "recent"},
      {"quantity", "24小时", "24 小时"},
      {"quantity", "几十条", "20..90 条"},
  });
}

TEST_CASE("article 001: every entity, by hand", "[entities][corpus]") {
  check_article("001_", {
      {"quantity", "十几名", "11..19 名"},
      {"named_day", "端午", "dragon_boat"},
      {"byline", "本报讯（通讯员 张国芬）", "correspondent:张国芬"},
      {"relative", "前几天", "recent"},
      {"relative", "今天", "day+0"},
      {"named_day", "春节", "spring_festival"},
      {"named_day", "十一", "national_day"},
      {"named_day", "中秋", "mid_autumn"},
      {"relative", "昨天", "day-1"},
      {"byline", "本报讯（记者 李冉）", "reporter:李冉"},
      {"date", "6月18日", "--06-18"},
      {"quantity", "两天", "2 天"},
      {"quantity", "5名", "5 名"},
      {"quantity", "500多名", ">500 名"},
      {"date", "19日", "---19"},
      {"time", "早上5点", "05:00"},
      {"byline", "本报讯（通讯员 岳文勇 李爽）", "correspondent:岳文勇,李爽"},
      {"date", "6月中旬", "--06-11..--06-20"},
      {"quantity", "2名", "2 名"},
      {"relative", "次日", "next_day"},
      {"date", "6月19日", "--06-19"},
      {"quantity", "17个", "17 个"},
      {"quantity", "79个", "79 个"},
      {"quantity", "73个", "73 个"},
      {"date", "5月30日", "--05-30"},
      {"quantity", "至少一次", ">=1 次"},
      {"date", "6月中旬", "--06-11..--06-20"},
      {"quantity", "6000个", "6000 个"},
      {"quantity", "60套", "60 套"},
      {"quantity", "40把", "40 把"},
      {"quantity", "180余名", ">180 名"},
      {"quantity", "35名", "35 名"},
      {"date", "6月20日", "--06-20"},
      {"date", "2020年", "2020"},
      {"quantity", "200多名", ">200 名"},
      {"quantity", "11个", "11 个"},
      {"date", "6月19日", "--06-19"},
      {"quantity", "3500余份", ">3500 份"},
      {"quantity", "近40斤", "<40 斤"},
      {"quantity", "3 户", "3 户"},
      {"date", "5 月 30 日", "--05-30"},
      {"quantity", "3户", "3 户"},
      {"quantity", "3户", "3 户"},
      {"quantity", "20 箱", "20 箱"},
      {"relative", "最近", "recent"},
      {"quantity", "17家", "17 家"},
      {"quantity", "6家", "6 家"},
      {"quantity", "11家", "11 家"},
      {"quantity", "65人", "65 人"},
      {"quantity", "不到10分钟", "<10 分钟"},
      {"byline", "（特约记者 孙颖 通讯员 赵晨娟）", "special_reporter:孙颖;correspondent:赵晨娟"},
  });
}

TEST_CASE("article 002: every entity, by hand", "[entities][corpus]") {
  check_article("002_", {
      {"relative", "近日", "recent"},
      {"quantity", "近5000人", "<5000 人"},
      {"quantity", "12人", "12 人"},
      {"quantity", "近30多名", "~30 名"},
      {"relative", "前几日", "recent"},
      {"relative", "不久前", "recent"},
      {"byline", "文/记者 李杨", "reporter:李杨"},
      {"quantity", "三个", "3 个"},
      {"quantity", "近13000人", "<13000 人"},
      {"number", "1/4", "1/4"},
      {"quantity", "三个", "3 个"},
      {"date", "2月2日起", "--02-02.."},
      {"quantity", "24小时", "24 小时"},
      {"date", "2月13日起", "--02-13.."},
      {"byline", "文/记者 李杨", "reporter:李杨"},
  });
}

TEST_CASE("article 003: every entity, by hand", "[entities][corpus]") {
  check_article("003_", {
      {"relative", "去年", "year-1"},
      {"quantity", "1614户", "1614 户"},
      {"quantity", "5000余名", ">5000 名"},
      {"quantity", "两个多月", ">2 个月"},
      {"quantity", "13年", "13 年"},
      {"named_day", "春节", "spring_festival"},
      {"relative", "近期", "recent"},
      {"relative", "连日来", "ongoing"},
      {"relative", "近期", "recent"},
      {"quantity", "24小时", "24 小时"},
      {"time", "半夜12点多", ">00:00"},
      {"relative", "本月", "month+0"},
      {"relative", "近期", "recent"},
      {"byline", "文/王艳静", "writer:王艳静"},
      {"quantity", "400多户", ">400 户"},
      {"quantity", "1500余人", ">1500 人"},
      {"quantity", "150户", "150 户"},
      {"quantity", "两个", "2 个"},
      {"quantity", "两个", "2 个"},
      {"quantity", "53户", "53 户"},
      {"quantity", "六七十岁", "60..70 岁"},
      {"quantity", "60多个", ">60 个"},
      {"quantity", "24小时", "24 小时"},
      {"byline", "文/王艳静", "writer:王艳静"},
  });
}

TEST_CASE("article 004: every entity, by hand", "[entities][corpus]") {
  check_article("004_", {
      {"relative", "今日", "day+0"},
      {"date", "2020年", "2020"},
      {"named_day", "农历春节", "spring_festival"},
      {"quantity", "13位", "13 位"},
      {"quantity", "3个", "3 个"},
      {"quantity", "1个", "1 个"},
      {"quantity", "2100余户", ">2100 户"},
      {"time", "早晨8点多", ">08:00"},
      {"quantity", "两名", "2 名"},
      {"quantity", "6个", "6 个"},
      {"quantity", "7个", "7 个"},
      {"quantity", "7个", "7 个"},
      {"quantity", "2个", "2 个"},
      {"time", "10点", "10:00"},
      {"quantity", "50余位", ">50 位"},
      {"time", "下午3点", "15:00"},
      {"date", "2月", "--02"},
      {"quantity", "5个", "5 个"},
      {"quantity", "42具", "42 具"},
      {"quantity", "46人", "46 人"},
      {"time", "下午6点30分", "18:30"},
      {"relative", "近期", "recent"},
      {"time", "晚上8点", "20:00"},
      {"time", "晚上9点", "21:00"},
      {"quantity", "11年", "11 年"},
      {"time", "早8点到晚8点", "08:00..20:00"},
      {"time", "早8点", "08:00"},
      {"relative", "次日", "next_day"},
      {"time", "早8点", "08:00"},
      {"quantity", "近两个月", "<2 个月"},
      {"quantity", "四幢", "4 幢"},
      {"relative", "最近", "recent"},
      {"quantity", "700多条", ">700 条"},
      {"quantity", "24小时", "24 小时"},
      {"quantity", "139位", "139 位"},
  });
}
