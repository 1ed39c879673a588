// normalize_test.cpp - news-text normalisation and its offset map (zhtext/normalize.hpp).
#include <catch2/catch.hpp>

#include <zhtext/normalize.hpp>

#include "test_support.hpp"

using zhtext::normalize;
using zhtext::normalize_options;

namespace {

normalize_options only(bool normalize_options::*flag, bool value = true) {
  normalize_options o;
  o.join_lines = o.clean_whitespace = o.remove_controls = false;
  o.*flag = value;
  return o;
}

// The map's pieces tile output and source in order; copies copy.
void check_map(std::string_view in, const zhtext::normalized_text& n) {
  const auto& pieces = n.map.pieces();
  std::size_t out = 0, src = 0;
  for (const auto& p : pieces) {
    REQUIRE(p.out_begin == out);
    REQUIRE(p.src_begin == src);
    if (p.copy) {
      REQUIRE(p.out_size == p.src_size);
      REQUIRE(n.text.substr(p.out_begin, p.out_size) == in.substr(p.src_begin, p.src_size));
    }
    out += p.out_size;
    src += p.src_size;
  }
  REQUIRE(out == n.text.size());
  REQUIRE(src == in.size());
  REQUIRE(n.map.output_size() == n.text.size());
  REQUIRE(n.map.source_size() == in.size());
}

}  // namespace

TEST_CASE("hard-wrapped lines are joined, paragraphs kept", "[normalize]") {
  CHECK(normalize("群众核酸检\n测工作。").text == "群众核酸检测工作。");
  CHECK(normalize("群众核酸检\r\n测工作。").text == "群众核酸检测工作。");
  CHECK(normalize("第一段结束。\n\n第二段").text == "第一段结束。\n\n第二段");
  CHECK(normalize("第一段结束。\n\n\n\n第二段").text == "第一段结束。\n\n第二段");
  CHECK(normalize("hello\nworld").text == "hello world");
  CHECK(normalize("使用一副\nN95口罩").text == "使用一副N95口罩");
  // Deliberate breaks stay: after a sentence end, before an indented line, a bullet
  // or a heading, after a heading.
  CHECK(normalize("结束了。\n开始").text == "结束了。\n开始");
  CHECK(normalize("他说：“好！”\n然后").text == "他说：“好！”\n然后");
  CHECK(normalize("标题\n\u3000\u3000正文").text == "标题\n正文");
  CHECK(normalize("图片说明\n▲ 居民").text == "图片说明\n▲ 居民");
  CHECK(normalize("# 标题\n正文").text == "# 标题\n正文");
  CHECK(normalize("正文\n## 小标题").text == "正文\n## 小标题");
  // A line never starts with 、，。” in Chinese typesetting: such a break is a wrap.
  CHECK(normalize("故事会”\n、“银龄").text == "故事会”、“银龄");
  CHECK(normalize("占三成\n。开放").text == "占三成。开放");
  CHECK(normalize("群众核酸检\n测工作。", only(&normalize_options::join_lines, false)).text == "群众核酸检\n测工作。");
}

TEST_CASE("white space is trimmed and collapsed", "[normalize]") {
  CHECK(normalize("甲   乙\t丙").text == "甲 乙 丙");
  CHECK(normalize("\n\n  甲  \n\n").text == "甲\n");
  CHECK(normalize("  甲").text == "甲");
  CHECK(normalize("甲\u3000\u3000乙").text == "甲 乙");
  CHECK(normalize("a \r\n\r\n b").text == "a\n\nb");
  CHECK(normalize("   \n\t\n").text.empty());
  CHECK(normalize("").text.empty());
  // Without clean-up, white space stays but line ends are still LF.
  CHECK(normalize("甲  乙\r\n", only(&normalize_options::clean_whitespace)).text == "甲 乙\n");
  CHECK(normalize("甲  乙\r\n丙\r", only(&normalize_options::remove_controls)).text == "甲  乙\n丙\n");
}

TEST_CASE("control and invisible characters are removed", "[normalize]") {
  CHECK(normalize("甲\x01乙\xE2\x80\x8B丙\xEF\xBB\xBF").text == "甲乙丙");
  CHECK(normalize(std::string("甲\0乙", 7)).text == "甲乙");
  CHECK(normalize("\xEF\xBB\xBF标题").text == "标题");
  normalize_options keep;
  keep.remove_controls = false;
  CHECK(normalize("甲\x01乙", keep).text == "甲\x01乙");
}

TEST_CASE("width folding", "[normalize]") {
  normalize_options o;
  o.fold_width = true;
  CHECK(normalize("ＡＢＣ１２３ｘ", o).text == "ABC123x");
  CHECK(normalize("甲\u3000乙", only(&normalize_options::fold_width)).text == "甲 乙");
  CHECK(normalize("（一）", o).text == "(一)");
  CHECK(normalize("ＡＢＣ", normalize_options{}).text == "ＡＢＣ");
}

TEST_CASE("half-width punctuation in Chinese context becomes full-width", "[normalize]") {
  normalize_options o;
  o.cjk_punctuation = true;
  CHECK(normalize("我们,你们;他们:好?是!", o).text == "我们，你们；他们：好？是！");
  CHECK(normalize("家,必须全力守护!”", o).text == "家，必须全力守护！”");
  CHECK(normalize("共3,000人", o).text == "共3,000人");
  CHECK(normalize("Hello, world!", o).text == "Hello, world!");
  CHECK(normalize("时间:6:30", o).text == "时间：6:30");
  CHECK(normalize("本报讯(通讯员 史莉)护送", o).text == "本报讯（通讯员 史莉）护送");
  CHECK(normalize("N95(口罩)", o).text == "N95(口罩)");
  CHECK(normalize("甲 ,乙", o).text == "甲 ,乙");  // not adjacent
  o.fold_width = true;
  CHECK(normalize("我们，ＡＢ，你们（Ｘ）", o).text == "我们，AB,你们（X）");
}

TEST_CASE("invalid UTF-8 becomes U+FFFD, mapped to its bytes", "[normalize]") {
  const std::string in = "a\xFF\xE4\xB8z";
  const auto n = normalize(in);
  CHECK(n.text == "a\xEF\xBF\xBD\xEF\xBF\xBDz");
  CHECK(n.map.to_source(1, 4) == zhtext::byte_range{1, 2});
  CHECK(n.map.to_source(4, 7) == zhtext::byte_range{2, 4});
  CHECK(n.map.to_source(7, 8) == zhtext::byte_range{4, 5});
  check_map(in, n);
}

TEST_CASE("the offset map points back into the original", "[normalize]") {
  const std::string in = "  群众核酸检\n测工作，ＡＢ  完成。";
  normalize_options o;
  o.fold_width = true;
  const auto n = normalize(in, o);
  REQUIRE(n.text == "群众核酸检测工作,AB 完成。");
  check_map(in, n);
  // 测 is output bytes [15, 18), input bytes [18, 21) (two spaces and a newline gone).
  CHECK(n.map.to_source(15, 18) == zhtext::byte_range{18, 21});
  CHECK(in.substr(18, 3) == "测");
  // A range across the removed line break covers it.
  CHECK(n.map.to_source(12, 18) == zhtext::byte_range{14, 21});
  // A folded character maps to its full-width original.
  const std::size_t a = n.text.find('A');
  CHECK(in.substr(n.map.to_source(a, a + 1).begin, n.map.to_source(a, a + 1).size()) == "Ａ");
  // Empty ranges and the end.
  CHECK(n.map.to_source(0, 0) == zhtext::byte_range{2, 2});
  CHECK(n.map.to_source(n.text.size(), n.text.size()).begin == in.size());
}

TEST_CASE("an unchanged text maps one to one in a single piece", "[normalize]") {
  const std::string in = "社区书屋正式开放。\n\n居民前来借书。\n";
  const auto n = normalize(in);
  CHECK(n.text == in);
  CHECK(n.map.pieces().size() == 1);
  for (std::size_t i = 0; i < in.size(); ++i) CHECK(n.map.to_source(i) == zhtext::byte_range{i, i + 1});
}

TEST_CASE("normalisation of random bytes keeps every invariant", "[normalize]") {
  zhtext_test::byte_fuzzer fuzz(2024);
  normalize_options all;
  all.fold_width = all.cjk_punctuation = true;
  for (int i = 0; i < 5000; ++i) {
    const std::string in = fuzz.next(100);
    for (const normalize_options& o : {normalize_options{}, all, only(&normalize_options::join_lines)}) {
      const auto n = normalize(in, o);
      REQUIRE(zhtext::is_valid_utf8(n.text));
      check_map(in, n);
      for (std::size_t b = 0; b < n.text.size(); b += 3) {
        const auto r = n.map.to_source(b, std::min(n.text.size(), b + 5));
        REQUIRE(r.begin <= r.end);
        REQUIRE(r.end <= in.size());
      }
    }
  }
}

namespace {

// An offset map that keeps one piece per add_copy/add_replacement call, never merged,
// and looks up as the map did before pieces were merged: the reference that merged
// maps must agree with byte for byte.
struct unmerged_map {
  struct piece {
    std::size_t out_begin, src_begin, out_size, src_size;
    bool copy;
  };
  std::vector<piece> pieces;
  std::size_t out = 0, src = 0;
  void add_copy(std::size_t b, std::size_t n) {
    if (n == 0) return;
    pieces.push_back({out, b, n, n, true});
    out += n;
    src = b + n;
  }
  void add_replacement(std::size_t b, std::size_t e, std::size_t n) {
    if (b == e && n == 0) return;
    pieces.push_back({out, b, n, e - b, false});
    out += n;
    src = e;
  }
  const piece* at(std::size_t o) const {  // the piece holding output byte o
    auto it = std::upper_bound(pieces.begin(), pieces.end(), o,
                               [](std::size_t v, const piece& p) { return v < p.out_begin; });
    while (it != pieces.begin())
      if (--it, o < it->out_begin + it->out_size) return &*it;
    return nullptr;
  }
  zhtext::byte_range to_source(std::size_t b, std::size_t e) const {
    if (b == e) {
      const piece* p = at(b);
      const std::size_t s = p == nullptr ? src : p->copy ? p->src_begin + (b - p->out_begin) : p->src_begin;
      return {s, s};
    }
    const piece *f = at(b), *l = at(e - 1);
    return {f->copy ? f->src_begin + (b - f->out_begin) : f->src_begin,
            l->copy ? l->src_begin + (e - l->out_begin) : l->src_begin + l->src_size};
  }
};
struct unmerged_result {
  std::string text;
  unmerged_map map;
};

unmerged_map reference_map(std::string_view in, const normalize_options& o) {
  return zhtext::detail::normalizer<normalize_options, unmerged_result>(in, o).run().map;
}

// Every range of output bytes (every one of a short text, a sample of a long one)
// maps to the same source range through the merged map as through the reference.
void check_exact(std::string_view in, const normalize_options& o, std::size_t step = 1) {
  const auto n = normalize(in, o);
  const unmerged_map ref = reference_map(in, o);
  REQUIRE(ref.out == n.text.size());
  check_map(in, n);
  const std::size_t size = n.text.size();
  for (std::size_t b = 0; b <= size; b += step)
    for (std::size_t e = b; e <= size && e <= b + 8; ++e) REQUIRE(n.map.to_source(b, e) == ref.to_source(b, e));
}

}  // namespace

TEST_CASE("a flood of removed or replaced characters keeps the map small (issue 14)", "[normalize]") {
  // Adjacent deletions are one piece, adjacent replacements of one shape are one
  // piece: 785 MB for 16 MB of NUL before (one piece per character).
  const std::string nul(1000000, '\0');
  auto n = normalize(nul);
  CHECK(n.text.empty());
  CHECK(n.map.pieces().size() == 1);
  CHECK(n.map.source_size() == nul.size());
  n = normalize("甲" + nul + "乙\xE2\x80\x8B\xE2\x80\x8B\x01" + nul + "丙");
  CHECK(n.text == "甲乙丙");
  CHECK(n.map.pieces().size() == 5);  // copy, deletion, copy, deletion, copy
  CHECK(n.map.to_source(3, 6) == zhtext::byte_range{1000003, 1000006});

  // 10^6 ill-formed bytes: 10^6 U+FFFD, one piece, each mapped to its own byte.
  const std::string bad(1000000, '\xFF');
  n = normalize("a" + bad + "b");
  REQUIRE(n.text.size() == 2 + 3 * bad.size());
  CHECK(n.map.pieces().size() == 3);
  for (std::size_t k : {std::size_t{0}, std::size_t{1}, std::size_t{777777}, bad.size() - 1}) {
    CHECK(n.map.to_source(1 + 3 * k, 4 + 3 * k) == zhtext::byte_range{1 + k, 2 + k});
    CHECK(n.map.to_source(2 + 3 * k) == zhtext::byte_range{1 + k, 2 + k});  // inside U+FFFD: the whole unit
    CHECK(n.map.to_source(2 + 3 * k, 2 + 3 * k) == zhtext::byte_range{1 + k, 1 + k});
  }
  CHECK(n.map.to_source(1, 1 + 3 * bad.size()) == zhtext::byte_range{1, 1 + bad.size()});

  // Folded full-width letters: 3 bytes -> 1, one piece.
  std::string wide;
  for (int i = 0; i < 100000; ++i) wide += "Ａ";
  normalize_options fold;
  fold.fold_width = true;
  n = normalize(wide, fold);
  CHECK(n.text == std::string(100000, 'A'));
  CHECK(n.map.pieces().size() == 1);
  CHECK(n.map.to_source(5, 7) == zhtext::byte_range{15, 21});

  // Different shapes do not merge: U+FFFD from 1 byte, then from 2 (a truncated
  // sequence), then a fold.
  check_exact("\xFF\xFF\xE4\xB8\xE4\xB8Ａ\xFF", fold);
  CHECK(normalize("\xFF\xFF\xE4\xB8\xE4\xB8Ａ\xFF", fold).map.pieces().size() == 4);
}

TEST_CASE("merged maps are exact: every range maps as it did piece by piece", "[normalize]") {
  normalize_options all;
  all.fold_width = all.cjk_punctuation = true;
  normalize_options keep = all;
  keep.clean_whitespace = false;
  normalize_options raw = only(&normalize_options::fold_width);
  // Runs of the edits normalize makes, side by side.
  const std::vector<std::string> pieces = {"\xFF", "\xE4\xB8", "\0", "\x01", "\xE2\x80\x8B", "Ａ", "Ｂ", "１",
                                           "\xE3\x80\x80", " ", "\t", "\n", "\r\n", "\r", "甲", "a", ",", "(", ")"};
  std::mt19937_64 rng(14);
  for (int i = 0; i < 3000; ++i) {
    std::string in;
    for (std::size_t k = 0, n = rng() % 12; k < n; ++k) {
      const std::string& p = pieces[rng() % pieces.size()];
      for (std::size_t r = 0, reps = 1 + rng() % 4; r < reps; ++r) in += p;
    }
    for (const normalize_options& o : {normalize_options{}, all, keep, raw}) check_exact(in, o);
  }
  zhtext_test::byte_fuzzer fuzz(77);
  for (int i = 0; i < 2000; ++i) {
    const std::string in = fuzz.next(60);
    for (const normalize_options& o : {normalize_options{}, all, keep}) check_exact(in, o);
  }
}

TEST_CASE("normalize_text is normalize's text, without the map", "[normalize]") {
  normalize_options all;
  all.fold_width = all.cjk_punctuation = true;
  normalize_options keep = all;
  keep.clean_whitespace = keep.join_lines = false;
  zhtext_test::byte_fuzzer fuzz(9);
  for (int i = 0; i < 3000; ++i) {
    const std::string in = fuzz.next(100);
    for (const normalize_options& o : {normalize_options{}, all, keep})
      REQUIRE(zhtext::normalize_text(in, o) == normalize(in, o).text);
  }
}

TEST_CASE("white space without clean-up is rendered run by run, however long the gap", "[normalize]") {
  // The pending white space used to be stored run by run: a line of " \t" x N took
  // memory for N runs. It is now read again from the source when rendered.
  normalize_options keep;
  keep.clean_whitespace = keep.join_lines = false;
  keep.fold_width = true;
  std::string gap;
  for (int i = 0; i < 200000; ++i) gap += i % 3 == 0 ? "\xE3\x80\x80" : i % 3 == 1 ? " " : "\t";
  const std::string in = "甲" + gap + "\n" + gap + "乙";
  const auto n = normalize(in, keep);
  std::string folded;
  for (int i = 0; i < 200000; ++i) folded += i % 3 == 0 ? " " : i % 3 == 1 ? " " : "\t";
  CHECK(n.text == "甲" + folded + "\n" + folded + "乙");
  check_exact(in, keep, 9973);
  keep.join_lines = true;  // the line break's fate waits for 乙; the runs still render
  check_exact(in, keep, 9973);
}
