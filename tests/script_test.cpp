// script_test.cpp - zhtext/script.hpp: detection, prepare's text and map (character for
// character with Debian's t2s; through the offset map with a t2s whose entries change
// length), the tools on a script_text, the temporaries it refuses, threads.
#include <catch2/catch.hpp>

#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include <zhtext/script.hpp>

#include "test_support.hpp"

namespace {

const zhtext::simplifier& simp() {
  static const zhtext::simplifier s = [] {
    auto r = zhtext::simplifier::load();
    if (!r) FAIL(r.error().message);
    return *r;
  }();
  return s;
}

// A simplifier whose t2s is one OpenCC text dictionary `dict` (in `dir`), used for
// the segmentation and the one step.
zhtext::result<zhtext::simplifier> own_t2s(const zhtext_test::temp_dir& dir, const std::string& dict) {
  zhtext_test::write_file(dir.file("t2s.json"),
                          "{\"name\":\"t\",\"segmentation\":{\"type\":\"mmseg\",\"dict\":{\"type\":\"text\",\"file\":\"d.txt\"}},"
                          "\"conversion_chain\":[{\"dict\":{\"type\":\"text\",\"file\":\"d.txt\"}}]}\n");
  zhtext_test::write_file(dir.file("d.txt"), dict);
  zhtext::simplifier_options o;
  o.opencc.opencc_dir = dir.path.string();
  o.detection = false;
  return zhtext::simplifier::load(o);
}

}  // namespace

TEST_CASE("script: names", "[script]") {
  zhtext::text_script s = zhtext::text_script::simplified;
  CHECK(zhtext::parse_text_script("auto", s));
  CHECK(s == zhtext::text_script::automatic);
  CHECK(zhtext::parse_text_script("traditional", s));
  CHECK(s == zhtext::text_script::traditional);
  CHECK_FALSE(zhtext::parse_text_script("Auto", s));
  CHECK(zhtext::to_string(zhtext::text_script::simplified) == "simplified");
}

TEST_CASE("script: detection counts traditional-only against simplified-only characters", "[script]") {
  const auto c = simp().count("後來頭髮后");
  CHECK(c.traditional_only == 4);  // 後 來 頭 髮
  CHECK(c.simplified_only == 1);
  CHECK(simp().detect("這位老師傅頭髮已經花白") == zhtext::text_script::traditional);
  CHECK(simp().detect("这位老师傅头发已经花白") == zhtext::text_script::simplified);
  CHECK(simp().detect("后後") == zhtext::text_script::simplified);      // a tie
  CHECK(simp().detect("abc 123") == zhtext::text_script::simplified);   // neither
}

TEST_CASE("script: prepare maps character for character, bytes into the original", "[script]") {
  const std::string text = "頭髮𠀀後來\nabc头发\n";
  const zhtext::script_text st = simp().prepare(text, zhtext::text_script::traditional);
  CHECK(st.original().data() == text.data());
  CHECK(st.analysed() == "头发𠀀后来\nabc头发\n");
  CHECK(st.to_original(0, 6).begin == 0);
  CHECK(st.to_original(0, 6).end == 6);
  CHECK(st.original_of(st.analysed().substr(6, 4)) == "𠀀");
  CHECK(st.original_of(st.analysed().substr(10, 6)) == "後來");
  CHECK(st.original_of("elsewhere") == "elsewhere");

  const zhtext::script_text as_is = simp().prepare(text, zhtext::text_script::simplified);
  CHECK(as_is.analysed().data() == text.data());
  CHECK(as_is.converted_lines() == 0);

  const std::string mixed = "这是简体\n這是繁體\n";
  const zhtext::script_text a = simp().prepare(mixed, zhtext::text_script::automatic);
  CHECK(a.converted_lines() == 1);
  CHECK(a.analysed() == "这是简体\n这是繁体\n");
  CHECK(!std::is_constructible_v<zhtext::script_text, std::string&&>);
}

TEST_CASE("script: the map where characters change byte length, and on ill-formed UTF-8", "[script]") {
  CHECK(simp().t2s().preserves_characters());
  auto s2t = zhtext::converter::load("s2t");
  REQUIRE(s2t);
  CHECK(s2t->preserves_characters());
  // Characters that keep their byte length: the map is the identity, both texts differ.
  const std::string same = "這位老師傅頭髮已經花白";
  const zhtext::script_text a = simp().prepare(same, zhtext::text_script::traditional);
  CHECK(a.analysed() == "这位老师傅头发已经花白");
  for (std::size_t b = 0; b <= same.size(); b += 3)
    for (std::size_t e = b; e <= same.size(); e += 3) {
      CHECK(a.to_original(b, e).begin == b);
      CHECK(a.to_original(b, e).end == e);
    }
  // 䂎 (3 bytes) becomes 𥎝 (4 bytes): the characters after it shift by one byte.
  const std::string longer = "頭䂎髮";
  const zhtext::script_text b = simp().prepare(longer, zhtext::text_script::traditional);
  CHECK(b.analysed() == "头𥎝发");
  CHECK(b.original_of(b.analysed().substr(3, 4)) == "䂎");
  CHECK(b.original_of(b.analysed().substr(7, 3)) == "髮");
  CHECK(b.original_of(b.analysed().substr(0, 10)) == longer);
  // A truncated 4-byte sequence (3 bytes, one U+FFFD of 3 bytes): starts in place.
  const std::string cut = "頭\xF0\x90\x80髮";
  const zhtext::script_text c = simp().prepare(cut, zhtext::text_script::traditional);
  CHECK(c.analysed() == "头\xEF\xBF\xBD发");
  CHECK(c.original_of(c.analysed().substr(3, 3)) == "\xF0\x90\x80");
  CHECK(c.original_of(c.analysed().substr(6, 3)) == "髮");
  // A stray continuation byte (one character, one U+FFFD): every later start moves.
  const std::string stray = "頭\x80髮A";
  const zhtext::script_text d = simp().prepare(stray, zhtext::text_script::traditional);
  CHECK(d.analysed() == "头\xEF\xBF\xBD发A");
  CHECK(d.original_of(d.analysed().substr(3, 3)) == "\x80");
  CHECK(d.original_of(d.analysed().substr(6, 3)) == "髮");
  CHECK(d.original_of(d.analysed().substr(9, 1)) == "A");
}

TEST_CASE("script: the tools report the original characters", "[script]") {
  auto seg = zhtext::segmenter::load();
  REQUIRE(seg);
  const std::string text = "這位老師傅頭髮已經花白";
  const zhtext::script_text st = simp().prepare(text, zhtext::text_script::traditional);
  std::vector<std::string> words;
  zhtext::for_each_token(*seg, st, [&](const zhtext::token& t) {
    CHECK(t.text.data() == text.data() + t.offset);
    words.emplace_back(t.text);
  });
  CHECK(words == std::vector<std::string>{"這位", "老師傅", "頭髮", "已經", "花白"});

  auto kw = zhtext::keyword_extractor::load();
  REQUIRE(kw);
  const std::string two = "頭髮很長，头发很短，頭髮";
  const zhtext::script_text st2 = simp().prepare(two, zhtext::text_script::traditional);
  zhtext::tfidf_options top1;
  top1.top = 1;
  std::string first;
  zhtext::for_each_tfidf(*kw, st2, [&](const zhtext::keyword& k) { first = std::string(k.word); }, top1);
  CHECK(first == "頭髮");  // the first occurrence's spelling

  const std::string q = "三萬五千人";
  std::vector<zhtext::entity> es;
  zhtext::for_each_entity(simp().prepare(q, zhtext::text_script::traditional), [&](const zhtext::entity& e) { es.push_back(e); });
  REQUIRE(es.size() == 1);
  CHECK(es[0].offset == 0);
  CHECK(es[0].text == "三萬五千人");
}

TEST_CASE("script: a t2s whose entries change length maps through the offset map", "[script]") {
  zhtext_test::temp_dir dir("zhtext_script");
  auto s = own_t2s(dir, "甲乙\t丙丁戊\n");
  REQUIRE(s);
  const std::string text = "子甲乙丑";
  const zhtext::script_text st = s->prepare(text, zhtext::text_script::traditional);
  CHECK(st.analysed() == "子丙丁戊丑");
  CHECK(st.to_original(3, 6).begin == 3);   // 丙: a begin inside the phrase goes to its start
  CHECK(st.to_original(3, 6).end == 9);     // ... an end to its end
  CHECK(st.to_original(6, 9).begin == 3);
  CHECK(st.to_original(12, 15).begin == 9);  // 丑
  CHECK(st.to_original(12, 15).end == 12);
}

TEST_CASE("script: entries that change length in characters, same bytes in all", "[script]") {
  // 甲乙 -> 丙 and 丑 -> 寅卯: the conversion has as many characters and bytes as the
  // text, yet 丙 comes from two characters and 寅卯 from one.
  zhtext_test::temp_dir dir("zhtext_script_shift");
  auto s = own_t2s(dir, "甲乙\t丙\n丑\t寅卯\n");
  REQUIRE(s);
  CHECK_FALSE(s->t2s().preserves_characters());
  const std::string text = "甲乙丑";
  const zhtext::script_text st = s->prepare(text, zhtext::text_script::traditional);
  CHECK(st.analysed() == "丙寅卯");
  CHECK(st.original_of(st.analysed().substr(0, 3)) == "甲乙");
  CHECK(st.original_of(st.analysed().substr(3, 6)) == "丑");
  CHECK(st.to_original(3, 6).begin == 6);  // 寅: the start of 丑
  CHECK(st.to_original(3, 6).end == 9);    // ... and its end
}

namespace {

// Every line of `text` through script_lines (batches of `batch` bytes) against
// prepare() of the line alone: the same analysed text, the same map at every pair of
// character boundaries, a view of the text's own bytes. With `without_cr`, a CRLF
// line is asked for without its CR (as `zhtext entities` does). Returns the lines checked.
std::size_t check_lines(const zhtext::simplifier& s, const std::string& text, zhtext::text_script script,
                        std::size_t batch, bool without_cr = false) {
  zhtext::script_lines lines(s, script, batch);
  lines.reset(text);
  std::size_t n = 0;
  for (std::size_t b = 0; b <= text.size();) {
    std::size_t e = text.find('\n', b);
    if (e == std::string::npos) e = text.size();
    const std::size_t next = e + 1;
    if (without_cr && e > b && text[e - 1] == '\r') --e;
    const std::string_view piece = std::string_view(text).substr(b, e - b);
    const zhtext::script_text& got = lines.line(b, e);
    const zhtext::script_text want = s.prepare(piece, script);
    CHECK(got.original().data() == text.data() + b);
    CHECK(got.original().size() == piece.size());
    CHECK(got.analysed() == want.analysed());
    CHECK(got.same_offsets() == want.same_offsets());
    const std::string_view a = want.analysed();
    for (std::size_t i = 0; i <= a.size(); ++i) {
      if (i < a.size() && (static_cast<unsigned char>(a[i]) & 0xC0) == 0x80) continue;
      for (std::size_t j = i; j <= a.size(); ++j) {
        if (j < a.size() && (static_cast<unsigned char>(a[j]) & 0xC0) == 0x80) continue;
        const zhtext::byte_range g = got.to_original(i, j), w = want.to_original(i, j);
        CHECK(g.begin == w.begin);
        CHECK(g.end == w.end);
      }
    }
    ++n;
    if (next > text.size()) break;
    b = next;
  }
  return n;
}

}  // namespace

TEST_CASE("script: script_lines gives each line as prepare() gives it alone", "[script]") {
  // Traditional and simplified lines, empty lines, CRLF, a character that changes its
  // byte length (䂎: the batch's map is not the identity), ill-formed UTF-8, and a last
  // line without a line feed; batches of one byte (one line each) to whole texts.
  const std::string text =
      "這位老師傅頭髮已經花白\n这是简体\n\n頭䂎髮\n後來\r\n頭\xF0\x90\x80髮\n\nabc 123\n"
      "台灣的新聞說，後來頭髮都白了。\n頭\x80髮A\n最後一行沒有換行";
  for (zhtext::text_script script :
       {zhtext::text_script::traditional, zhtext::text_script::automatic, zhtext::text_script::simplified})
    for (std::size_t batch : {std::size_t(1), std::size_t(7), std::size_t(40), std::size_t(1) << 20})
      CHECK(check_lines(simp(), text, script, batch) == 11);
  // CRLF lines without their CR (batched like the others), a CR that ends the text.
  const std::string crlf = "這位老師傅\r\n这是简体\r\n\r\n頭䂎髮\r\n後來\n頭髮\r";
  for (zhtext::text_script script :
       {zhtext::text_script::traditional, zhtext::text_script::automatic, zhtext::text_script::simplified})
    for (std::size_t batch : {std::size_t(1), std::size_t(7), std::size_t(1) << 20}) {
      CHECK(check_lines(simp(), crlf, script, batch, true) == 6);
      CHECK(check_lines(simp(), text, script, batch, true) == 11);
    }

  // A t2s whose entries change length: through the offset map, line by line.
  zhtext_test::temp_dir dir("zhtext_script_lines");
  auto own = own_t2s(dir, "甲乙\t丙丁戊\n");
  REQUIRE(own);
  CHECK(check_lines(*own, "子甲乙丑\n甲乙\n丑\n", zhtext::text_script::traditional, 1 << 20) == 4);

  // A piece that is not a whole line is prepared alone: no match across its ends.
  const std::string phrase = "頭髮\n";
  zhtext::script_lines lines(simp(), zhtext::text_script::traditional);
  lines.reset(phrase);
  CHECK(lines.line(0, 3).analysed() == "头");
  CHECK(lines.line(3, 6).analysed() == "发");
  CHECK(lines.line(3, 6).original().data() == phrase.data() + 3);
}

TEST_CASE("script: one simplifier, several threads", "[script]") {
  const std::string text = "這位老師傅頭髮已經花白\n这是简体\n";
  const std::string want = std::string(simp().prepare(text, zhtext::text_script::automatic).analysed());
  std::vector<std::thread> ts;
  std::vector<int> ok(4, 0);
  for (int i = 0; i < 4; ++i)
    ts.emplace_back([&, i] {
      zhtext::script_text st;
      for (int k = 0; k < 200; ++k) {
        simp().prepare(text, zhtext::text_script::automatic, st);
        ok[i] += st.analysed() == want;
      }
    });
  for (auto& t : ts) t.join();
  CHECK(ok == std::vector<int>(4, 200));
}
