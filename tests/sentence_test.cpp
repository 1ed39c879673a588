// sentence_test.cpp - Chinese sentence splitting (zhtext/sentence.hpp).
//
// Each case is an input and the sentences a careful reader expects, checked by hand.
#include <catch2/catch.hpp>

#include <zhtext/sentence.hpp>

#include "test_support.hpp"

using zhtext::line_break_mode;
using zhtext::sentence_options;
using svec = std::vector<std::string>;

namespace {

svec split(std::string_view text, const sentence_options& o = {}) {
  svec out;
  for (const zhtext::sentence& s : zhtext::sentences(text, o)) {
    REQUIRE(text.substr(s.offset, s.text.size()) == s.text);  // a view at its offset
    out.emplace_back(s.text);
  }
  return out;
}

struct split_case {
  const char* input;
  svec expected;
};

}  // namespace

TEST_CASE("tricky sentences, default options", "[sentence]") {
  const split_case cases[] = {
      {"今天下雨了。明天晴天。", {"今天下雨了。", "明天晴天。"}},
      {"你好吗？我很好！", {"你好吗？", "我很好！"}},
      {"他说：“今天很好。”然后走了。", {"他说：“今天很好。”", "然后走了。"}},
      {"“好！”他说。", {"“好！”", "他说。"}},
      {"“好！”，他说。", {"“好！”，他说。"}},
      {"真的吗？！太好了。", {"真的吗？！", "太好了。"}},
      {"他问：“你去吗？”我说：“去。”", {"他问：“你去吗？”", "我说：“去。”"}},
      {"他说“好”。", {"他说“好”。"}},
      {"他说：“真好。”（记者 张三）", {"他说：“真好。”", "（记者 张三）"}},
      {"增长了6.5%。", {"增长了6.5%。"}},
      {"共计100.5万元。版本是3.14.15。", {"共计100.5万元。", "版本是3.14.15。"}},
      {"早上6:30出发。晚上到。", {"早上6:30出发。", "晚上到。"}},
      {"他来自U.S.今年回国。", {"他来自U.S.今年回国。"}},
      {"网址是www.example.com/?q=1，请访问。", {"网址是www.example.com/?q=1，请访问。"}},
      {"英文名是Tom.他是老师。", {"英文名是Tom.他是老师。"}},
      {"价格为5元.下周涨价。", {"价格为5元.", "下周涨价。"}},
      {"Hello world. This is English.", {"Hello world. This is English."}},
      {"好的!我们出发吧?", {"好的!", "我们出发吧?"}},
      {"What?你说什么？", {"What?", "你说什么？"}},
      {"他说!", {"他说!"}},
      {"事情就是这样……我们走吧。", {"事情就是这样……", "我们走吧。"}},
      {"等等...我来了。", {"等等...", "我来了。"}},
      {"张三、李四……等人参加了会议。", {"张三、李四……等人参加了会议。"}},
      {"他们——社区的志愿者——来了。", {"他们——社区的志愿者——来了。"}},
      {"好。。。那就这样。", {"好。。。", "那就这样。"}},
      {"！！！", {"！！！"}},
      {"测试．结束", {"测试．", "结束"}},
      {"第一句;第二句。", {"第一句;第二句。"}},
      {"1.加强管理；2.做好服务。", {"1.加强管理；2.做好服务。"}},
      {"太好了😀！下次见。", {"太好了😀！", "下次见。"}},
      {"（完）", {"（完）"}},
      {"结束。   ", {"结束。"}},
      {"   开头有空格。", {"开头有空格。"}},
      {"", {}},
      {"  \n\n \t ", {}},
  };
  for (const split_case& c : cases) {
    INFO("input: " << c.input);
    CHECK(split(c.input) == c.expected);
  }
}

TEST_CASE("line breaks: paragraphs, hard wraps, headings, bullets", "[sentence]") {
  const split_case cases[] = {
      {"这是第一段\n\n这是第二段", {"这是第一段", "这是第二段"}},
      {"群众核酸检\n测工作。", {"群众核酸检\n测工作。"}},
      {"他们说：“我们一定\n会赢！”", {"他们说：“我们一定\n会赢！”"}},
      {"第一行结束。\n第二行", {"第一行结束。", "第二行"}},
      {"标题\n　　正文开始。", {"标题", "正文开始。"}},
      {"▲ 图片说明\n▶ 另一条", {"▲ 图片说明", "▶ 另一条"}},
      {"# 标题\n正文。", {"# 标题", "正文。"}},
      {"故事会”\n、“银龄课”等课程。", {"故事会”\n、“银龄课”等课程。"}},
      {"第一句。\r\n第二句。", {"第一句。", "第二句。"}},
      {"核酸检\r\n测工作。", {"核酸检\r\n测工作。"}},
      {"a wrapped\nEnglish line", {"a wrapped\nEnglish line"}},
  };
  for (const split_case& c : cases) {
    INFO("input: " << c.input);
    CHECK(split(c.input) == c.expected);
  }
}

TEST_CASE("options: semicolons and line-break modes", "[sentence]") {
  sentence_options semi;
  semi.split_on_semicolon = true;
  CHECK(split("甲方；乙方。", semi) == svec{"甲方；", "乙方。"});
  CHECK(split("第一句;第二句。", semi) == svec{"第一句;", "第二句。"});
  CHECK(split("a;b", semi) == svec{"a;b"});

  sentence_options always;
  always.line_breaks = line_break_mode::always;
  CHECK(split("群众核酸检\n测工作。", always) == svec{"群众核酸检", "测工作。"});

  sentence_options never;
  never.line_breaks = line_break_mode::never;
  CHECK(split("第一行\n第二行", never) == svec{"第一行\n第二行"});
  CHECK(split("第一行。\n第二行", never) == svec{"第一行。", "第二行"});
  CHECK(split("第一行\n\n第二行", never) == svec{"第一行", "第二行"});
}

TEST_CASE("ill-formed UTF-8 is ordinary text to the splitter", "[sentence]") {
  CHECK(split("坏\xFF了。好") == svec{"坏\xFF了。", "好"});
  CHECK(split("\xE4\xB8") == svec{"\xE4\xB8"});
  CHECK(split(std::string("甲\0乙。", 10)) == svec{std::string("甲\0乙。", 10)});
}

TEST_CASE("range, callback and vector forms agree and tile the text", "[sentence]") {
  zhtext_test::byte_fuzzer fuzz(5);
  for (int i = 0; i < 3000; ++i) {
    const std::string text = fuzz.next(120);
    const std::vector<zhtext::sentence> v = zhtext::sentence_vector(text);
    std::vector<zhtext::sentence> r(zhtext::sentences(text).begin(), zhtext::sentences(text).end());
    REQUIRE(v == r);
    std::size_t pos = 0;
    for (const zhtext::sentence& s : v) {
      REQUIRE(!s.text.empty());
      REQUIRE(s.offset >= pos);
      // Between sentences there is only white space.
      for (const zhtext::code_point& cp : zhtext::code_points(std::string_view(text).substr(pos, s.offset - pos)))
        REQUIRE((cp.valid && zhtext::is_space(cp.value)));
      pos = s.offset + s.text.size();
    }
    for (const zhtext::code_point& cp : zhtext::code_points(std::string_view(text).substr(pos)))
      REQUIRE((cp.valid && zhtext::is_space(cp.value)));
  }
}

TEST_CASE("a long run of enders costs its length once (issue 14)", "[sentence]") {
  // Each … of a run asks whether the run ends before 等; it used to measure the rest
  // of the run every time (quadratic: a 3 MB run of … took hours).
  CHECK(split("张三、李四……等人") == svec{"张三、李四……等人"});
  CHECK(split("好……。等") == svec{"好……。", "等"});  // 。 always ends, 等 or not
  CHECK(split("好……。。等") == svec{"好……。。", "等"});
  CHECK(split("好……”等。") == svec{"好……”等。"});
  std::string run;
  for (int i = 0; i < 1000000; ++i) run += "…";
  CHECK(split("甲" + run + "等乙") == svec{"甲" + run + "等乙"});
  CHECK(split("甲" + run + "乙") == svec{"甲" + run, "乙"});
  std::string dots(3000000, '.');
  CHECK(split("甲" + dots + "等乙") == svec{"甲" + dots + "等乙"});
}
