// convert_test.cpp - OpenCC conversion: the rules (on small project-made dictionaries),
// configuration and dictionary errors with file:line, the .ocd2 reader against Debian's
// own dictionaries, compiled images (round trip, corruption, crafted images), the
// image cache, data discovery, offset maps, ill-formed input, streaming and threads.
// Comparisons with the `opencc` program itself are in convert_opencc_test.cpp and
// convert_corpus_test.cpp.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <zhtext/convert.hpp>

#include "test_support.hpp"

namespace fs = std::filesystem;
using zhtext_test::temp_dir;
using zhtext_test::write_file;

namespace {

const std::string opencc_dir = zhtext::opencc_data_dir();

zhtext::converter_options no_cache() {
  zhtext::converter_options o;
  o.cache.enabled = false;
  return o;
}

// A configuration in `dir` with text dictionaries: `seg` and each step are lists of
// dictionary names (a group when more than one); `dicts` maps names to their text.
std::string make_config(const temp_dir& dir, const std::map<std::string, std::string>& dicts,
                        const std::vector<std::string>& seg, const std::vector<std::vector<std::string>>& chain) {
  for (const auto& [name, text] : dicts) write_file(dir.file(name), text);
  auto dict = [](const std::vector<std::string>& names) {
    if (names.size() == 1) return "{\"type\": \"text\", \"file\": \"" + names[0] + "\"}";
    std::string s = "{\"type\": \"group\", \"dicts\": [";
    for (std::size_t i = 0; i < names.size(); ++i)
      s += (i ? ", " : "") + std::string("{\"type\": \"text\", \"file\": \"") + names[i] + "\"}";
    return s + "]}";
  };
  std::string json = "{\n  \"name\": \"test\",\n  \"segmentation\": {\"type\": \"mmseg\", \"dict\": " + dict(seg) +
                     "},\n  \"conversion_chain\": [";
  for (std::size_t i = 0; i < chain.size(); ++i) json += (i ? ", " : "") + std::string("{\"dict\": ") + dict(chain[i]) + "}";
  json += "]\n}\n";
  const std::string path = dir.file("config.json");
  write_file(path, json);
  return path;
}

std::string convert(const zhtext::converter& c, std::string_view text) {
  std::string out;
  c.convert_to(out, text);
  return out;
}

// The text `c` makes of `text` fed to a stream in pieces of the given sizes (cycled).
std::string convert_streamed(const zhtext::converter& c, std::string_view text, const std::vector<std::size_t>& sizes) {
  zhtext::convert_stream s(c);
  std::string out;
  std::size_t i = 0, k = 0;
  while (i < text.size()) {
    const std::size_t n = std::min(sizes[k++ % sizes.size()], text.size() - i);
    s.feed(text.substr(i, n), out);
    i += n;
  }
  s.finish(out);
  return out;
}

// Checks that the map tiles both texts, that copied pieces hold the same bytes, and
// that every piece covers whole characters on both sides (a U+FFFD for ill-formed bytes).
void check_map(std::string_view in, const zhtext::converted_text& r) {
  const auto& pieces = r.map.pieces();
  std::size_t out = 0, src = 0;
  for (const auto& p : pieces) {
    REQUIRE(p.out_begin == out);
    REQUIRE(p.src_begin == src);
    const std::string_view o = std::string_view(r.text).substr(p.out_begin, p.out_size);
    const std::string_view s = in.substr(p.src_begin, p.src_size);
    INFO("piece '" << s << "' -> '" << o << "'");
    if (p.copy) CHECK(o == s);
    else if (zhtext::is_valid_utf8(s)) CHECK(zhtext::is_valid_utf8(o));
    else CHECK(o == zhtext::repair_utf8(s));
    out += p.out_size;
    src += p.src_size;
  }
  CHECK(out == r.text.size());
  CHECK(src == in.size());
}

std::size_t characters(std::string_view s) { return zhtext::count_code_points(s); }

// f(src_begin, src_size, out_begin, out_size) for each replacement of the map, one per
// unit of a piece that holds a run of equal replacements.
template <class F>
void for_each_replacement(const zhtext::offset_map& map, F f) {
  for (const auto& p : map.pieces()) {
    if (p.copy) continue;
    const std::size_t s = p.src_size / p.units, o = p.out_size / p.units;
    for (std::size_t k = 0; k < p.units; ++k) f(p.src_begin + k * s, s, p.out_begin + k * o, o);
  }
}

std::string ocd2_file(const std::string& name) { return zhtext::detail::join_path(opencc_dir, name); }

const std::vector<std::string> debian_configs = {"s2t",  "t2s",  "s2tw", "tw2s", "s2twp", "tw2sp", "s2hk",
                                                 "hk2s", "t2tw", "tw2t", "t2hk", "hk2t",  "t2jp",  "jp2t"};

}  // namespace

// ---------------------------------------------------------------------------------
// The rules, each on dictionaries made to show it.

TEST_CASE("rules: the segmentation takes the longest key; a match never crosses a segment", "[convert]") {
  temp_dir dir("zhtext_convert");
  // seg {bc}; step {ab -> Y, bc -> Z}. "abc": "a" is a run (no seg key starts there),
  // "bc" a segment; step 1 cannot use "ab", which would cross into "bc".
  const std::string cfg = make_config(dir, {{"seg.txt", "bc\tBC\n"}, {"step.txt", "ab\tY\nbc\tZ\n"}}, {"seg.txt"},
                                      {{"step.txt"}});
  auto c = zhtext::converter::load(cfg, no_cache());
  REQUIRE(c);
  CHECK(convert(*c, "abc") == "aZ");
  CHECK(convert(*c, "ab") == "Y");     // one run: "ab" matches inside it
  CHECK(convert(*c, "abab") == "YY");  // still one run
  CHECK(convert(*c, "abbc") == "YZ");
  CHECK(c->steps() == 1);
  CHECK(c->name() == "test");
}

TEST_CASE("rules: a group answers with its first dictionary that matches, not the longest match", "[convert]") {
  temp_dir dir("zhtext_convert");
  const std::string cfg = make_config(dir, {{"seg.txt", "x\tx\n"}, {"d1.txt", "a\t1\n"}, {"d2.txt", "ab\t2\nc\t3\n"}},
                                      {"seg.txt"}, {{"d1.txt", "d2.txt"}});
  auto c = zhtext::converter::load(cfg, no_cache());
  REQUIRE(c);
  CHECK(convert(*c, "ab") == "1b");  // d1 matches "a": d2's longer "ab" is not consulted
  CHECK(convert(*c, "cab") == "31b");
  CHECK(convert(*c, "b") == "b");

  // The longest match within the dictionary that answers, and groups inside groups
  // behave as one flat list.
  write_file(dir.file("nested.json"),
             "{\"segmentation\": {\"type\": \"mmseg\", \"dict\": {\"type\": \"text\", \"file\": \"seg.txt\"}},\n"
             " \"conversion_chain\": [{\"dict\": {\"type\": \"group\", \"dicts\": [\n"
             "   {\"type\": \"group\", \"dicts\": [{\"type\": \"text\", \"file\": \"d2.txt\"}]},\n"
             "   {\"type\": \"text\", \"file\": \"d1.txt\"}]}}]}\n");
  auto n = zhtext::converter::load(dir.file("nested.json"), no_cache());
  REQUIRE(n);
  CHECK(convert(*n, "ab") == "2");
  CHECK(convert(*n, "a") == "1");
}

TEST_CASE("rules: each step converts the segments of the previous step's output", "[convert]") {
  temp_dir dir("zhtext_convert");
  // step 1: a -> b; step 2: bb -> Z. With "a" a segmentation key, "aa" is two segments
  // and step 2 sees "b" and "b" apart; with no segmentation key it sees "bb".
  const std::map<std::string, std::string> dicts = {
      {"seg_a.txt", "a\ta\n"}, {"seg_none.txt", "q\tq\n"}, {"one.txt", "a\tb\n"}, {"two.txt", "bb\tZ\n"}};
  auto split = zhtext::converter::load(make_config(dir, dicts, {"seg_a.txt"}, {{"one.txt"}, {"two.txt"}}), no_cache());
  REQUIRE(split);
  CHECK(convert(*split, "aa") == "bb");
  temp_dir dir2("zhtext_convert");
  auto joined = zhtext::converter::load(make_config(dir2, dicts, {"seg_none.txt"}, {{"one.txt"}, {"two.txt"}}),
                                        no_cache());
  REQUIRE(joined);
  CHECK(joined->steps() == 2);
  CHECK(convert(*joined, "aa") == "Z");
  CHECK(convert(*joined, "aqa") == "bqb");  // "q" is a segment of its own between two runs
}

TEST_CASE("rules: first value, empty values, unmatched characters and line ends", "[convert]") {
  temp_dir dir("zhtext_convert");
  const std::string cfg = make_config(
      dir, {{"seg.txt", "中国\t中國 中国\n"}, {"chars.txt", "国\t國\n删\t\n发\t發 髮\n"}}, {"seg.txt"}, {{"seg.txt", "chars.txt"}});
  auto c = zhtext::converter::load(cfg, no_cache());
  REQUIRE(c);
  CHECK(convert(*c, "中国") == "中國");                  // the first of two values
  CHECK(convert(*c, "发国删x") == "發國x");              // "删" has an empty value: it disappears
  CHECK(convert(*c, "中\n国\r\n中国") == "中\n國\r\n中國");  // a key never spans a line end
  CHECK(convert(*c, std::string("中\0国", 7)) == std::string("中\0國", 7));  // NUL is a character
  CHECK(convert(*c, "") == "");
  CHECK(c->line_independent());
  // An empty chain leaves the text alone.
  write_file(dir.file("empty.json"),
             "{\"segmentation\": {\"type\": \"mmseg\", \"dict\": {\"type\": \"text\", \"file\": \"seg.txt\"}}, "
             "\"conversion_chain\": []}");
  auto e = zhtext::converter::load(dir.file("empty.json"), no_cache());
  REQUIRE(e);
  CHECK(e->steps() == 0);
  CHECK(convert(*e, "中国\xff") == "中国\xEF\xBF\xBD");
}

TEST_CASE("rules: OpenCC's configurations on known phrases", "[convert]") {
  auto s2t = zhtext::converter::load("s2t");
  REQUIRE(s2t);
  CHECK(convert(*s2t, "头发干净了，后来他去了里面") == "頭髮乾淨了，後來他去了裏面");
  auto s2twp = zhtext::converter::load("s2twp.json");
  REQUIRE(s2twp);
  CHECK(convert(*s2twp, "鼠标和打印机的内存") == "滑鼠和印表機的記憶體");
  auto t2s = zhtext::converter::load(opencc_dir + "/t2s.json");  // a path
  REQUIRE(t2s);
  CHECK(convert(*t2s, "「開放中文轉換」是完全由程式自動轉換") == "「开放中文转换」是完全由程式自动转换");
  auto t2jp = zhtext::converter::load("t2jp");
  REQUIRE(t2jp);
  CHECK(convert(*t2jp, "國際學校") == "国際学校");
}

TEST_CASE("convert_to_aligned: true exactly when every character kept its place", "[convert]") {
  // Appends what convert_to appends, and whether the converter vouched for the offsets.
  auto aligned = [](const zhtext::converter& c, std::string_view text, std::string& out) {
    std::string plain = "prefix";
    c.convert_to(plain, text);
    out = "prefix";
    const bool a = c.convert_to_aligned(out, text);
    CHECK(out == plain);
    out.erase(0, 6);
    return a;
  };
  auto t2s = zhtext::converter::load("t2s");
  REQUIRE(t2s);
  std::string out;
  CHECK(aligned(*t2s, "「開放中文轉換」是完全由程式自動轉換, 100%", out));
  CHECK(out == "「开放中文转换」是完全由程式自动转换, 100%");
  CHECK(aligned(*t2s, "", out));
  CHECK(aligned(*t2s, "plain ASCII", out));
  // 䂎 becomes 𥎝 (three bytes, then four): the characters after it move.
  CHECK_FALSE(aligned(*t2s, "開䂎放", out));
  CHECK(out == "开\xF0\xA5\x8E\x9D放");
  CHECK_FALSE(aligned(*t2s, "開\xff放", out));  // repaired first: not the input's offsets
  CHECK(out == "开\xEF\xBF\xBD放");
  auto s2twp = zhtext::converter::load("s2twp");  // a chain of steps: not known
  REQUIRE(s2twp);
  CHECK_FALSE(aligned(*s2twp, "鼠标", out));
  CHECK(out == "滑鼠");

  // Project-made dictionaries: ASCII keys, values of other lengths, and a value of the
  // key's length whose characters start elsewhere ("aé" -> "éa").
  temp_dir dir("zhtext_convert");
  const std::string cfg = make_config(dir, {{"seg.txt", "xy\tXY\naé\téa\n"}, {"chars.txt", "a\tb\nq\tqq\n"}},
                                      {"seg.txt"}, {{"seg.txt", "chars.txt"}});
  auto c = zhtext::converter::load(cfg, no_cache());
  REQUIRE(c);
  CHECK(aligned(*c, "xya-xy", out));
  CHECK(out == "XYb-XY");
  CHECK_FALSE(aligned(*c, "xyaé", out));
  CHECK(out == "XYéa");
  CHECK_FALSE(aligned(*c, "aqa", out));  // q -> qq: from there on the output is appended
  CHECK(out == "bqqb");
}

// ---------------------------------------------------------------------------------
// Ill-formed input, offset maps, streaming, threads.

TEST_CASE("ill-formed UTF-8 becomes U+FFFD per maximal subpart, mapped to its bytes", "[convert]") {
  auto t2s = zhtext::converter::load("t2s");
  REQUIRE(t2s);
  const std::string in = "開\xE6\xBC放\x80\xF0\x9F\x98\xFF\xC3";
  const zhtext::converted_text r = t2s->convert(in);
  CHECK(r.text == "开\xEF\xBF\xBD放\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(convert(*t2s, in) == r.text);
  // "\xE6\xBC" (a truncated 3-byte sequence) is one U+FFFD, mapped to its two bytes.
  CHECK(r.map.to_source(3, 6).begin == 3);
  CHECK(r.map.to_source(3, 6).end == 5);
  // "\x80" and "\xFF" each one U+FFFD mapped to its own byte, though the map holds
  // each run of U+FFFD of one shape as one piece (issue 14).
  CHECK(r.map.to_source(9, 12) == zhtext::byte_range{8, 9});
  CHECK(r.map.to_source(15, 18) == zhtext::byte_range{12, 13});
  CHECK(r.map.to_source(18, 21) == zhtext::byte_range{13, 14});
  const zhtext::converted_text flood = t2s->convert("開" + std::string(100000, '\xFF') + "放");
  CHECK(flood.map.pieces().size() == 3);
  CHECK(flood.map.to_source(3 + 3 * 777, 6 + 3 * 777) == zhtext::byte_range{3 + 777, 4 + 777});
  check_map(in, r);
  // Every chunking of it streams to the same text.
  for (std::size_t n = 1; n <= in.size(); ++n) CHECK(convert_streamed(*t2s, in, {n}) == r.text);
  zhtext_test::byte_fuzzer fuzz(15);
  for (int i = 0; i < 300; ++i) {
    const std::string s = fuzz.next(200);
    const zhtext::converted_text x = t2s->convert(s);
    REQUIRE(zhtext::is_valid_utf8(x.text));
    CHECK(convert(*t2s, s) == x.text);
    CHECK(convert_streamed(*t2s, s, {1, 2, 5}) == x.text);
    check_map(s, x);
  }
}

TEST_CASE("offset maps: every output piece maps to the input it came from, in every configuration", "[convert]") {
  const std::string sample = zhtext_test::read_file(zhtext_test::data_path("convert_sample.txt"));
  REQUIRE(!sample.empty());
  for (const std::string& name : debian_configs) {
    INFO(name);
    auto c = zhtext::converter::load(name);
    REQUIRE(c);
    const zhtext::converted_text r = c->convert(sample);
    CHECK(r.text == convert(*c, sample));
    CHECK(c->line_independent());
    check_map(sample, r);
    CHECK(r.map.source_size() == sample.size());
    CHECK(r.map.output_size() == r.text.size());
  }
  // Pieces are per character where a key and its value have as many characters:
  // "計畫" (a phrase of TSPhrases, whose 畫 alone would become 画) maps 计 to 計 and 划
  // to 畫; unchanged text is copied.
  auto t2s = zhtext::converter::load("t2s");
  REQUIRE(t2s);
  const zhtext::converted_text r = t2s->convert("ab計畫頭c");
  CHECK(r.text == "ab计划头c");
  CHECK(r.map.to_source(2, 5).begin == 2);
  CHECK(r.map.to_source(2, 5).end == 5);
  CHECK(r.map.to_source(5, 8).begin == 5);
  CHECK(r.map.to_source(5, 8).end == 8);
  CHECK(r.map.to_source(8, 11).begin == 8);
  CHECK(r.map.to_source(8, 11).end == 11);
  CHECK(r.map.to_source(0, 2).end == 2);
  CHECK(r.map.to_source(11, 12).begin == 11);
  // Where they do not (Taiwan's regional phrases), the match is one piece.
  auto s2twp = zhtext::converter::load("s2twp");
  REQUIRE(s2twp);
  const zhtext::converted_text u = s2twp->convert("用U盘拷");
  CHECK(u.text == "用隨身碟拷");
  CHECK(u.map.to_source(3, 6).begin == 3);  // 隨, like all of 隨身碟, comes from U盘
  CHECK(u.map.to_source(3, 6).end == 7);
  CHECK(u.map.to_source(3, 12).end == 7);
  CHECK(u.map.to_source(12, 15).begin == 7);  // 拷
}

TEST_CASE("offset maps: character by character wherever the dictionaries are", "[convert]") {
  // All of OpenCC's dictionaries but TWPhrases(Rev) map n characters to n characters,
  // so every replaced piece is one character for one; and in single-step
  // configurations each pair is a character of a key and the one at its place in the
  // value.
  const std::string sample = zhtext_test::read_file(zhtext_test::data_path("convert_sample.txt"));
  for (const std::string& name : debian_configs) {
    if (name == "s2twp" || name == "tw2sp") continue;
    INFO(name);
    auto c = zhtext::converter::load(name);
    REQUIRE(c);
    const zhtext::converted_text r = c->convert(sample);
    std::size_t replaced = 0;
    for_each_replacement(r.map, [&](std::size_t src_b, std::size_t src_n, std::size_t out_b, std::size_t out_n) {
      ++replaced;
      CHECK(characters(sample.substr(src_b, src_n)) == 1);
      CHECK(characters(std::string_view(r.text).substr(out_b, out_n)) == 1);
    });
    CHECK(replaced > 0);
  }
  for (const auto& [name, dicts] : std::vector<std::pair<std::string, std::vector<std::string>>>{
           {"t2s", {"TSPhrases.ocd2", "TSCharacters.ocd2"}}, {"s2t", {"STPhrases.ocd2", "STCharacters.ocd2"}}}) {
    std::set<std::pair<std::u32string, std::u32string>> pairs;  // (key character, value character)
    for (const std::string& d : dicts) {
      auto dict = zhtext::detail::read_ocd2(zhtext_test::read_file(ocd2_file(d)), d);
      REQUIRE(dict);
      for (const auto& e : dict->entries()) {
        std::u32string k, v;
        for (const auto& cp : zhtext::code_points(dict->key(e))) k += cp.value;
        for (const auto& cp : zhtext::code_points(dict->value(e))) v += cp.value;
        for (std::size_t i = 0; i < k.size() && i < v.size(); ++i) pairs.insert({k.substr(i, 1), v.substr(i, 1)});
      }
    }
    auto c = zhtext::converter::load(name);
    REQUIRE(c);
    const zhtext::converted_text r = c->convert(sample);
    const std::string& config = name;  // a structured binding cannot be captured in C++17 (clang refuses)
    for_each_replacement(r.map, [&](std::size_t src_b, std::size_t src_n, std::size_t out_b, std::size_t out_n) {
      std::u32string k, v;
      for (const auto& cp : zhtext::code_points(std::string_view(sample).substr(src_b, src_n))) k += cp.value;
      for (const auto& cp : zhtext::code_points(std::string_view(r.text).substr(out_b, out_n))) v += cp.value;
      INFO(config << ": " << std::string_view(sample).substr(src_b, src_n));
      CHECK(pairs.count({k, v}) == 1);
    });
  }
}

TEST_CASE("streaming equals one-shot conversion for any chunking", "[convert]") {
  const std::string sample = zhtext_test::read_file(zhtext_test::data_path("convert_sample.txt"));
  std::mt19937_64 rng(2024);
  for (const std::string& name : debian_configs) {
    INFO(name);
    auto c = zhtext::converter::load(name);
    REQUIRE(c);
    const std::string whole = convert(*c, sample);
    CHECK(convert_streamed(*c, sample, {1}) == whole);
    CHECK(convert_streamed(*c, sample, {2}) == whole);
    CHECK(convert_streamed(*c, sample, {3, 1, 4, 1, 5, 9, 2, 6}) == whole);
    CHECK(convert_streamed(*c, sample, {sample.size()}) == whole);
    for (int i = 0; i < 5; ++i) {
      std::vector<std::size_t> sizes;
      for (int k = 0; k < 16; ++k) sizes.push_back(1 + rng() % 64);
      CHECK(convert_streamed(*c, sample, sizes) == whole);
    }
    // A stream is reusable after finish().
    zhtext::convert_stream s(*c);
    std::string a, b;
    s.feed(sample, a);
    s.finish(a);
    s.feed(sample, b);
    s.finish(b);
    CHECK(a == whole);
    CHECK(b == whole);
  }
  // The rules' own configurations (a segment persisting through two steps, a run
  // growing across chunks).
  temp_dir dir("zhtext_convert");
  auto c = zhtext::converter::load(
      make_config(dir, {{"seg.txt", "bc\tBC\nabcd\tX\n"}, {"one.txt", "a\tb\nab\tY\nbc\tZ\n"}, {"two.txt", "bb\tW\nYb\tV\n"}},
                  {"seg.txt"}, {{"one.txt"}, {"two.txt"}}),
      no_cache());
  REQUIRE(c);
  for (const std::string text : {"aab", "abc", "abcd", "abcabcdaab", "aaaaaaaa", "babcbabcd"}) {
    const std::string whole = convert(*c, text);
    for (std::size_t n = 1; n <= 4; ++n) CHECK(convert_streamed(*c, text, {n}) == whole);
    check_map(text, c->convert(text));
  }
}

TEST_CASE("a converter is shared by threads", "[convert][threads]") {
  auto c = zhtext::converter::load("s2twp");
  REQUIRE(c);
  const std::string sample = zhtext_test::read_file(zhtext_test::data_path("convert_sample.txt"));
  const std::string expected = convert(*c, sample);
  const zhtext::converted_text expected_mapped = c->convert(sample);
  std::vector<std::thread> threads;
  std::vector<int> ok(4, 0);
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      int good = 1;
      for (int i = 0; i < 20; ++i) {
        good &= convert(*c, sample) == expected;
        good &= c->convert(sample).text == expected_mapped.text;
        good &= convert_streamed(*c, sample, {static_cast<std::size_t>(7 + t)}) == expected;
      }
      ok[t] = good;
    });
  for (std::thread& th : threads) th.join();
  CHECK(ok == std::vector<int>(4, 1));
}

// ---------------------------------------------------------------------------------
// Reading OpenCC's files.

TEST_CASE("ocd2: Debian's dictionaries read as opencc_dict dumps them", "[convert]") {
  // Compared with `opencc_dict -f ocd2 -t text` in convert_opencc_test; here: sizes and
  // known entries.
  auto read = [](const std::string& name) {
    const std::string bytes = zhtext_test::read_file(ocd2_file(name));
    REQUIRE(!bytes.empty());
    auto d = zhtext::detail::read_ocd2(bytes, name);
    REQUIRE(d);
    std::map<std::string, std::string> m;
    for (const auto& e : d->entries()) m.emplace(d->key(e), d->value(e));
    return m;
  };
  const auto st = read("STPhrases.ocd2");
  CHECK(st.size() > 40000);
  CHECK(st.at("头发") == "頭髮");
  const auto ts = read("TSCharacters.ocd2");
  CHECK(ts.at("開") == "开");
  const auto tw = read("TWPhrases.ocd2");
  CHECK(tw.at("鼠標") == "滑鼠");
}

TEST_CASE("ocd2: malformed files are errors naming the file, never crashes", "[convert]") {
  const std::string good = zhtext_test::read_file(ocd2_file("TWVariants.ocd2"));
  REQUIRE(!good.empty());
  auto read = [](const std::string& bytes) { return zhtext::detail::read_ocd2(bytes, "x.ocd2"); };
  REQUIRE(read(good));
  for (std::size_t n : {std::size_t{0}, std::size_t{10}, std::size_t{19}, std::size_t{30}, good.size() / 2,
                        good.size() - 1}) {
    auto r = read(good.substr(0, n));
    REQUIRE(!r);
    CHECK(r.error().code == zhtext::errc::corrupt_data);
    CHECK(r.error().message.rfind("x.ocd2: ", 0) == 0);
  }
  CHECK(!read(good + "x"));  // bytes after the value table
  CHECK(read("OPENCC_MARISA_0.2.4" + good.substr(19)).error().message.find("header") != std::string::npos);
  // Random corruption: an error or a dictionary, never a crash (ASan in the sanitizer build).
  std::mt19937_64 rng(7);
  int errors = 0;
  for (int i = 0; i < 2000; ++i) {
    std::string b = good;
    for (int k = 0; k < 1 + static_cast<int>(rng() % 4); ++k)
      b[19 + rng() % (b.size() - 19)] = static_cast<char>(rng());
    auto r = read(b);
    if (!r) ++errors;
    else
      for (const auto& e : r->entries()) REQUIRE(zhtext::is_valid_utf8(r->key(e)));
  }
  CHECK(errors > 0);
}

TEST_CASE("text dictionaries: OpenCC's format and its errors with file:line", "[convert]") {
  auto parse = [](std::string_view text) { return zhtext::detail::parse_opencc_text(text, "d.txt"); };  // entries point into text
  auto ok = parse("\xEF\xBB\xBF" "a\tb c\r\n\nk\t\nt\tx\ty\n");
  REQUIRE(ok);
  REQUIRE(ok->entries().size() == 3);
  CHECK(ok->key(ok->entries()[0]) == "a");
  CHECK(ok->value(ok->entries()[0]) == "b");
  CHECK(ok->value(ok->entries()[1]).empty());
  CHECK(ok->value(ok->entries()[2]) == "x\ty");  // a TAB after the first belongs to the value
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"a\tb\nno tab here\n", "d.txt:2: no TAB"},
      {"a\tb\n\tb\n", "d.txt:2: empty key"},
      {"a\tb\nc\td\na\te\n", "d.txt:3: duplicate key (first on line 1)"},
      {"a\tb\xff\n", "d.txt:1: invalid UTF-8"},
      {std::string("a\tb\0c\n", 6), "d.txt:1: NUL byte"},
      {"a\rb\tc\n", "d.txt:1: carriage return"},
  };
  for (const auto& [text, message] : bad) {
    INFO(text);
    auto r = parse(text);
    REQUIRE(!r);
    CHECK(r.error().code == zhtext::errc::parse_error);
    CHECK(r.error().message.rfind(message, 0) == 0);
  }
}

TEST_CASE("configurations: malformed JSON and structure are errors with file:line", "[convert]") {
  temp_dir dir("zhtext_convert");
  write_file(dir.file("d.txt"), "a\tb\n");
  const std::string dict = "{\"type\": \"text\", \"file\": \"d.txt\"}";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", ":1: a configuration must be a JSON object"},
      {"[]", ":1: a configuration must be a JSON object"},
      {"{\n\"segmentation\": {\"type\": \"mmseg\", \"dict\": " + dict + "},\n\"conversion_chain\": [{\"dict\": " + dict +
           "}],\n}",
       ":4: expected '\"'"},
      {"{\n\"conversion_chain\": []\n}", ":1: no \"segmentation\""},
      {"{\"segmentation\": {\"type\": \"mmseg\", \"dict\": " + dict + "}}", ":1: no \"conversion_chain\""},
      {"{\n\"segmentation\": {\n\"type\": \"maxmatch\", \"dict\": " + dict + "},\n\"conversion_chain\": []}",
       ":3: unknown segmentation type \"maxmatch\""},
      {"{\"segmentation\": {\"type\": \"mmseg\"},\n\"conversion_chain\": []}", ":1: segmentation without \"dict\""},
      {"{\"segmentation\": {\"type\": \"mmseg\", \"dict\": " + dict + "},\n\"conversion_chain\": [\n{\"dict\":\n{\"type\": \"ocd\", \"file\": \"x.ocd\"}}]}",
       ":4: type \"ocd\""},
      {"{\"segmentation\": {\"type\": \"mmseg\", \"dict\": " + dict + "},\n\"conversion_chain\": [\n{\"dict\": {\"type\": \"trie\", \"file\": \"d.txt\"}}]}",
       ":3: unknown dictionary type \"trie\""},
      {"{\"segmentation\": {\"type\": \"mmseg\", \"dict\": " + dict + "},\n\"conversion_chain\": [\n{\"dict\": {\"type\": \"text\"}}]}",
       ":3: dictionary without \"file\""},
      {"{\"segmentation\": {\"type\": \"mmseg\", \"dict\": " + dict + "},\n\"conversion_chain\": [\n{\"dict\": {\"type\": \"group\"}}]}",
       ":3: group without \"dicts\""},
      {"{\"segmentation\": {\"type\": \"mmseg\", \"dict\": " + dict + "},\n\"conversion_chain\": [\n  5]}",
       ":3: a conversion step must be an object"},
      {"{\"segmentation\": {\"type\": \"mmseg\", \"dict\": " + dict + "},\n\"conversion_chain\": [{\"dict\": " + dict +
           "}],\n\"segmentation\": {}}",
       ":3: duplicate member \"segmentation\""},
      {"{\"name\": 3, \"segmentation\": {}}", ":1: \"name\" must be a string"},
      {"{\"segmentation\": {\"type\": \"mmseg\", \"dict\": " + dict + "},\n\"conversion_chain\": [{\"dict\": " + dict +
           "}]} x",
       ":2: text after the configuration object"},
      {"{\"segmentation\": {\"type\": \"mmseg\", \"dict\": " + dict + "},\n\"conversion_chain\": [\n{\"dict\": {\"type\": \"text\", \"file\": \"missing.txt\"}}]}",
       ":3: dictionary 'missing.txt' not found"},
      {"{\"comment\": [1, 2.5e3, true, {\"x\": null}], \"segmentation\": {\"type\": \"mmseg\", \"dict\": " + dict +
           "},\n\"conversion_chain\": [{\"dict\": " + dict + "}], \"extra\": 01}",
       ":2: leading zero in a number"},
  };
  for (const auto& [json, message] : cases) {
    INFO(json);
    const std::string path = dir.file("c.json");
    write_file(path, json);
    auto c = zhtext::converter::load(path, no_cache());
    REQUIRE(!c);
    CHECK(c.error().message.find(path + message) != std::string::npos);
  }
  // Members OpenCC does not read are skipped, as OpenCC skips them.
  write_file(dir.file("c.json"), "{\"comment\": [1, -2.5e3, true, false, null, {\"x\": \"\\u4e2d\"}], \"segmentation\": "
                                 "{\"type\": \"mmseg\", \"dict\": " + dict + ", \"note\": 1},\n\"conversion_chain\": [{\"dict\": " +
                                     dict + "}]}");
  auto c = zhtext::converter::load(dir.file("c.json"), no_cache());
  REQUIRE(c);
  CHECK(convert(*c, "ab") == "bb");
  // A malformed text dictionary named by a configuration: its own file:line.
  write_file(dir.file("d.txt"), "a\tb\nbad line\n");
  auto d = zhtext::converter::load(dir.file("c.json"), no_cache());
  REQUIRE(!d);
  CHECK(d.error().message == dir.file("d.txt") + ":2: no TAB between the key and its values");
}

TEST_CASE("configurations: names, paths and the data directory", "[convert]") {
  auto missing = zhtext::converter::load("no_such_config");
  REQUIRE(!missing);
  CHECK(missing.error().code == zhtext::errc::not_found);
  CHECK(missing.error().message.find("libopencc-data") != std::string::npos);
  CHECK(!zhtext::converter::load(""));
  // The data directory: the option, else $ZHTEXT_OPENCC_DIR, else the configured default.
  temp_dir dir("zhtext_convert");
  write_file(dir.file("mine.txt"), "a\tA\n");
  write_file(dir.file("mine.json"), "{\"segmentation\": {\"type\": \"mmseg\", \"dict\": {\"type\": \"text\", \"file\": "
                                    "\"mine.txt\"}}, \"conversion_chain\": [{\"dict\": {\"type\": \"text\", \"file\": "
                                    "\"mine.txt\"}}]}");
  zhtext::converter_options o = no_cache();
  o.opencc_dir = dir.path.string();
  auto mine = zhtext::converter::load("mine", o);
  REQUIRE(mine);
  CHECK(convert(*mine, "abc") == "Abc");
  CHECK(zhtext::opencc_data_dir("/x") == "/x");
  ::setenv("ZHTEXT_OPENCC_DIR", dir.path.c_str(), 1);
  CHECK(zhtext::opencc_data_dir() == dir.path.string());
  CHECK(zhtext::converter::load("mine.json", no_cache()));
  ::unsetenv("ZHTEXT_OPENCC_DIR");
  CHECK(zhtext::opencc_data_dir() == ZHTEXT_DEFAULT_OPENCC_DIR);
  // Dictionaries: the configuration's directory first, then the data directory (a
  // user's s2t.json beside its own STPhrases.ocd2 uses that one).
  temp_dir user("zhtext_convert");
  write_file(user.file("s2t.json"), zhtext_test::read_file(opencc_dir + "/s2t.json"));
  write_file(user.file("STPhrases.ocd2"), zhtext_test::read_file(ocd2_file("TWPhrases.ocd2")));
  auto local = zhtext::converter::load(user.file("s2t.json"), no_cache());
  REQUIRE(local);
  CHECK(convert(*local, "鼠標") == "滑鼠");  // TWPhrases posing as STPhrases, found first
  fs::remove(user.file("STPhrases.ocd2"));
  auto fallback = zhtext::converter::load(user.file("s2t.json"), no_cache());
  REQUIRE(fallback);
  CHECK(convert(*fallback, "鼠標") == "鼠標");  // the data directory's STPhrases
  // An absolute "file".
  write_file(user.file("abs.json"), "{\"segmentation\": {\"type\": \"mmseg\", \"dict\": {\"type\": \"text\", \"file\": \"" +
                                        dir.file("mine.txt") + "\"}}, \"conversion_chain\": []}");
  CHECK(zhtext::converter::load(user.file("abs.json"), no_cache()));
}

// ---------------------------------------------------------------------------------
// Images and the cache.

TEST_CASE("images: round trip, cache hits, rebuilt when corrupt or when a source changes", "[convert]") {
  temp_dir cache("zhtext_convert_cache");
  zhtext::converter_options o;
  o.cache.dir = cache.path.string();
  auto first = zhtext::converter::load("tw2sp", o);
  REQUIRE(first);
  CHECK(first->report().origin == zhtext::load_report::origin_kind::built);
  const std::string cached = first->report().cache_path;
  REQUIRE(fs::exists(cached));
  auto second = zhtext::converter::load("tw2sp", o);
  REQUIRE(second);
  CHECK(second->report().origin == zhtext::load_report::origin_kind::cache_hit);
  const std::string sample = zhtext_test::read_file(zhtext_test::data_path("convert_sample.txt"));
  CHECK(convert(*second, sample) == convert(*first, sample));

  // A corrupt cached image is rebuilt, and says so.
  std::string bytes = zhtext_test::read_file(cached);
  bytes[bytes.size() / 2] ^= 0x55;
  write_file(cached, bytes);
  auto third = zhtext::converter::load("tw2sp", o);
  REQUIRE(third);
  CHECK(third->report().origin == zhtext::load_report::origin_kind::built);
  CHECK(third->report().note.find("checksum") != std::string::npos);

  // Saved and loaded back, from a file and from memory.
  const std::string saved = cache.file("tw2sp.img");
  REQUIRE(first->save_image(saved));
  auto from_file = zhtext::converter::load_image(saved);
  REQUIRE(from_file);
  CHECK(convert(*from_file, sample) == convert(*first, sample));
  auto from_memory = zhtext::converter::from_image(first->image());
  REQUIRE(from_memory);
  CHECK(from_memory->convert(sample).text == first->convert(sample).text);
  CHECK(!zhtext::converter::from_image(first->image().substr(0, 100)));

  // Editing a dictionary (the cache key covers every file) builds a new image.
  temp_dir dir("zhtext_convert");
  const std::string cfg = make_config(dir, {{"d.txt", "a\tb\n"}}, {"d.txt"}, {{"d.txt"}});
  auto v1 = zhtext::converter::load(cfg, o);
  REQUIRE(v1);
  CHECK(convert(*v1, "a") == "b");
  write_file(dir.file("d.txt"), "a\tc\n");
  auto v2 = zhtext::converter::load(cfg, o);
  REQUIRE(v2);
  CHECK(v2->report().origin == zhtext::load_report::origin_kind::built);
  CHECK(convert(*v2, "a") == "c");
}

TEST_CASE("images: crafted images with a valid checksum never read out of bounds", "[convert]") {
  auto c = zhtext::converter::load("hk2s", no_cache());
  REQUIRE(c);
  const std::string image(c->image());
  const std::string sample = zhtext_test::read_file(zhtext_test::data_path("convert_sample.txt"));
  std::mt19937_64 rng(99);
  int rejected = 0, converted = 0;
  for (int i = 0; i < 300; ++i) {
    std::string b = image;
    // Overwrite a few 4-byte words after the header with small or wild values, then
    // fix the checksum so that only the structure checks stand in the way.
    for (int k = 0; k < 1 + static_cast<int>(rng() % 6); ++k) {
      const std::size_t at = 48 + (rng() % ((b.size() - 52) / 4)) * 4;
      const std::uint32_t v = rng() % 3 == 0 ? static_cast<std::uint32_t>(rng()) : static_cast<std::uint32_t>(rng() % 300);
      std::memcpy(&b[at], &v, 4);
    }
    unsigned char* p = reinterpret_cast<unsigned char*>(&b[0]);
    zhtext::detail::put_u64(p + 32, zhtext::detail::checksum64(p + 40, b.size() - 40));
    auto x = zhtext::converter::from_image(b);
    if (!x) {
      ++rejected;
      CHECK(x.error().code == zhtext::errc::corrupt_data);
      continue;
    }
    ++converted;
    const zhtext::converted_text r = x->convert(sample);  // wrong output is fine; ASan checks the reads
    CHECK(r.map.source_size() == sample.size());
    CHECK(convert_streamed(*x, sample, {13}) == convert(*x, sample));
  }
  CHECK(rejected > 0);
  CHECK(converted > 0);
}
