// keywords_test.cpp - keyword extraction (keywords.hpp) against Python jieba.analyse,
// run at test time, on project-written text: the edge-case text whole, per line and in
// 20-line blocks, with jieba's IDF table and with a custom IDF table + stop words; and
// the ranking rules on generated pre-tagged documents (jieba's tokenizer replaced) with
// many ties. Plus the file readers: Python's splitlines/strip/float semantics and
// FILE:LINE errors; the compiled IDF image (cache, checks, crafted images). Required:
// every document identical (words, order, weights).
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include "keywords_reference.hpp"

namespace {

using namespace zhtext_test;

std::string temp_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("zhtext_" + std::to_string(::getpid()) + "_" + name)).string();
}

const zhtext::keyword_extractor& extractor() {
  static const zhtext::keyword_extractor kw = [] {
    auto k = zhtext::keyword_extractor::load();
    if (!k) FAIL(k.error().message);
    return std::move(*k);
  }();
  return kw;
}

void require_all_identical(const std::vector<keyword_counts>& counts, std::size_t jobs) {
  REQUIRE(counts.size() == jobs + 1);
  for (std::size_t k = 0; k < jobs; ++k) {
    INFO("job " << k);
    CHECK(counts[k].identical == counts[k].documents);
    CHECK(counts[k].exact_weights == counts[k].keywords);
    CHECK(counts[k].documents >= 1);
  }
  std::cerr << "total: " << counts.back().identical << '/' << counts.back().documents << " documents identical ("
            << counts.back().keywords << " keywords, " << counts.back().exact_weights << " weights equal to the bit)\n";
}

}  // namespace

TEST_CASE("keywords of the edge-case text: identical to jieba.analyse (TF-IDF, allowPOS, TextRank)", "[keywords][jieba]") {
  const std::string path = data_path("segment_edge_cases.txt");
  struct variant {
    std::string method, allow;
    std::size_t top;
  };
  const std::vector<variant> variants = {
      {"tfidf", "", 20},       {"tfidf", "", 0},         {"tfidf", "", 3},   {"tfidf", "ns,n,vn,v", 20},
      {"tfidf", "x,m,eng,nr", 0}, {"textrank", "", 20},  {"textrank", "", 0}, {"textrank", "n,x,m,eng,nr,v", 0},
      {"textrank", "-", 0}};
  std::vector<keyword_job> jobs;
  for (const variant& v : variants)
    for (std::size_t lines : {0, 1, 20})
      jobs.push_back({v.method, path, lines, v.top, v.allow,
                      "edge cases " + v.method + " '" + v.allow + "' (lines " + std::to_string(lines) + ", top " +
                          std::to_string(v.top) + ")"});
  const auto counts = compare_keyword_jobs(extractor(), jobs);
  require_all_identical(counts, jobs.size());
  for (std::size_t k = 0; k + 3 < jobs.size(); ++k) CHECK(counts[k].keywords > 0);  // all but allowPOS=()
  CHECK(counts[jobs.size() - 1].keywords == 0);
}

TEST_CASE("TF-IDF with a custom IDF table and stop words: identical to jieba", "[keywords][tfidf][jieba]") {
  auto tagger = zhtext::pos_tagger::load();
  REQUIRE(tagger);
  auto idf = zhtext::idf_table::load(data_path("keywords_idf.txt"));
  REQUIRE(idf);
  CHECK(idf->size() == 9);        // 口罩 twice: the last weight counts
  CHECK(idf->median() == 4.0);    // sorted weights [-1.5, .5, 2.5, 3, 4, 7.75, 9.5, 10, 12.25][4]
  CHECK(idf->idf("口罩") == 12.25);
  CHECK(idf->find("社区") == nullptr);  // the BOM belongs to the first word, as in Python
  CHECK(idf->idf("社区") == 4.0);
  CHECK(idf->idf("\xef\xbb\xbf社区") == 2.5);
  zhtext::keyword_extractor kw(std::make_shared<const zhtext::pos_tagger>(std::move(*tagger)),
                               std::make_shared<const zhtext::idf_table>(std::move(*idf)));
  zhtext::keyword_stop_words sw = zhtext::keyword_stop_words::jieba();
  REQUIRE(sw.add_file(data_path("keywords_stop_words.txt")));
  CHECK(sw.size() == 31 + 7);  // 社区, "我们 ", example, 口罩, ABCD, 12, 000
  std::string buf;
  CHECK(sw.matches("The", buf));
  CHECK(sw.matches("口罩", buf));
  CHECK_FALSE(sw.matches("abcd", buf));   // ABCD is never matched: words are lower-cased
  CHECK_FALSE(sw.matches("我们", buf));   // the line is "我们 ", not stripped
  kw.set_stop_words(std::make_shared<const zhtext::keyword_stop_words>(std::move(sw)));
  const std::string path = data_path("segment_edge_cases.txt");
  std::vector<keyword_job> jobs;
  for (std::size_t lines : {0, 1, 20}) {
    jobs.push_back({"tfidf", path, lines, 0, "", "custom IDF, tfidf (lines " + std::to_string(lines) + ")"});
    jobs.push_back({"textrank", path, lines, 0, "", "custom stop words, textrank (lines " + std::to_string(lines) + ")"});
  }
  require_all_identical(compare_keyword_jobs(kw, jobs, "\t--idf\t" + data_path("keywords_idf.txt") + "\t--stop-words\t" +
                                                           data_path("keywords_stop_words.txt")),
                        jobs.size());
}

namespace {

struct tagged_word {
  std::string text;
  std::string tag;
};

// Documents of pre-tagged words drawn from a small vocabulary (so words repeat, pairs
// repeat, weights tie): Chinese words, ASCII words in several cases, stop words, one-
// character words, white space, "\r\n"; tags from a small set.
std::vector<std::vector<tagged_word>> generated_documents(std::size_t count, std::uint64_t seed) {
  const std::vector<std::string> vocabulary = {
      "社区", "疫情", "防控", "我们", "发展", "经济", "北京", "上海", "的", "了", "，", "。", "the", "The", "THE",
      "of", "And", "data", "Data", "AI", "5G", "2020", "3.5", " ", "\t", "\r\n", "\xe3\x80\x80", " 社区", "社区 ",
      "a b", "x", "中国", "人民", "银行", "新冠肺炎", "口罩", "ab", "abc", "Ab", "龘靐", "\xc2\xa0", "e-mail", "C++"};
  const std::vector<std::string> tags = {"n", "v", "vn", "ns", "nr", "x", "eng", "m", "a", "nz", ""};
  std::mt19937_64 rng(seed);
  std::vector<std::vector<tagged_word>> docs(count);
  for (auto& d : docs) {
    const std::size_t n = rng() % 60;
    const std::size_t vocab = 4 + rng() % (vocabulary.size() - 3);  // small vocabularies tie more
    for (std::size_t i = 0; i < n; ++i)
      d.push_back({vocabulary[rng() % vocab], tags[rng() % tags.size()]});
  }
  return docs;
}

std::string hex(std::string_view s) {
  static const char* digits = "0123456789abcdef";
  std::string h;
  for (unsigned char c : s) {
    h += digits[c >> 4];
    h += digits[c & 15];
  }
  return h;
}

std::string tagged_file(const std::vector<std::vector<tagged_word>>& docs) {
  std::string out;
  for (const auto& d : docs) {
    out += "/-";  // a line is never empty: one word "" (tag "-") that no filter passes
    for (const tagged_word& w : d) out += " " + hex(w.text) + "/" + (w.tag.empty() ? std::string("-") : w.tag);
    out += '\n';
  }
  return out;
}

std::vector<tagged_word> with_leading_empty(const std::vector<tagged_word>& d) {
  std::vector<tagged_word> v = {{"", "-"}};
  v.insert(v.end(), d.begin(), d.end());
  for (tagged_word& w : v)
    if (w.tag.empty()) w.tag = "-";
  return v;
}

}  // namespace

TEST_CASE("ranking rules on generated tagged words: identical to jieba's TFIDF and TextRank", "[keywords][jieba][generated]") {
  const auto docs = generated_documents(400, 2024);
  const std::string path = temp_path("keywords_tagged.txt");
  { std::ofstream(path, std::ios::binary) << tagged_file(docs); }
  const zhtext::keyword_stop_words sw = zhtext::keyword_stop_words::jieba();
  const zhtext::idf_table& idf = extractor().idf();
  struct variant {
    std::string method, allow;  // allow: "" = the method's default, "-" = empty
    std::size_t top;
  };
  const std::vector<variant> variants = {
      {"tfidf", "", 0},         {"tfidf", "", 5},           {"tfidf", "n,vn", 0}, {"tfidf", "x,eng,-", 3},
      {"textrank", "", 0},      {"textrank", "", 4},        {"textrank", "n,v,eng,x,-", 0},
      {"textrank", "-", 0},     {"textrank", "ns,n,vn,v,nr,m,a,nz,eng,x", 2}};
  const std::string jobs_path = temp_path("keywords_tagged_jobs.txt");
  {
    std::ofstream f(jobs_path, std::ios::binary);
    for (const variant& v : variants)
      f << v.method << '\t' << path << "\t--tagged\t--top\t" << v.top << (v.allow.empty() ? "" : "\t--allow-pos\t" + v.allow) << '\n';
  }
  const std::vector<keywords_reference> refs = run_keywords_reference_raw({"--jobs", jobs_path});
  std::filesystem::remove(jobs_path);
  REQUIRE(refs[0].error.empty());
  REQUIRE(refs.size() == variants.size());
  keyword_counts total;
  for (std::size_t k = 0; k < variants.size(); ++k) {
    const variant& v = variants[k];
    const keywords_reference& ref = refs[k];
    INFO(v.method << " allow " << v.allow << " top " << v.top);
    REQUIRE(ref.documents.size() == docs.size());
    std::vector<std::string> allow;
    if (v.allow.empty()) {
      if (v.method == "textrank") allow = {"ns", "n", "vn", "v"};
    } else if (v.allow != "-") {
      std::istringstream in(v.allow);
      for (std::string t; std::getline(in, t, ',');) allow.push_back(t);
    }
    keyword_counts c;
    for (std::size_t i = 0; i < docs.size(); ++i) {
      const std::vector<tagged_word> words = with_leading_empty(docs[i]);
      std::vector<zhtext::keyword> got;
      auto add = [&](const zhtext::keyword& k) { got.push_back(k); };
      if (v.method == "tfidf") {
        zhtext::tfidf_options o;
        o.top = v.top;
        o.allow_pos = allow;
        zhtext::for_each_tfidf_of(words, idf, sw, add, o);
      } else {
        zhtext::textrank_options o;
        o.top = v.top;
        o.allow_pos = allow;
        zhtext::for_each_textrank_of(words, sw, add, o);
      }
      compare_keywords(got, ref.documents[i], v.method == "tfidf" ? 1e-9 : 1e-6,
                       v.method + " " + v.allow + " document " + std::to_string(i + 1), c);
    }
    std::cerr << v.method << " allow '" << v.allow << "' top " << v.top << ": " << c.identical << '/' << c.documents
              << " identical (" << c.keywords << " keywords, " << c.exact_weights << " exact)\n";
    CHECK(c.identical == c.documents);
    CHECK(c.exact_weights == c.keywords);
    if (v.allow != "-") CHECK(c.keywords > 100);
    total.documents += c.documents;
    total.identical += c.identical;
  }
  std::filesystem::remove(path);
  CHECK(total.identical == total.documents);
}

TEST_CASE("IDF files: Python's line and number rules, FILE:LINE errors", "[keywords][idf]") {
  auto t = zhtext::idf_table::parse("a 1\r\nb 2\x0b" "c 3\xc2\x85" "d 4\xe2\x80\xa8" "e 5\x1c" "f 6\rg 7\n\n  \t\nh\xe3\x80\x80 8 \n", "x.txt");
  REQUIRE(t);
  CHECK(t->size() == 8);
  CHECK(t->idf("h\xe3\x80\x80") == 8);  // inner white space stays in the word
  CHECK(t->median() == 5);                // sorted [1..8][4]
  CHECK(t->idf("zz") == 5);
  auto one = zhtext::idf_table::parse("w 0.1");
  REQUIRE(one);
  CHECK(one->median() == 0.1);
  CHECK(one->idf("w") == 0.1);

  const std::vector<std::pair<std::string, std::string>> bad = {
      {"a 1\nb\n", "x.txt:2:"},           {"a 1\nb  2\n", "x.txt:2:"},    {"a 1 2\n", "x.txt:1:"},
      {"a 1\nb x\n", "x.txt:2:"},         {"a nan\n", "x.txt:1:"},        {"a inf\n", "x.txt:1:"},
      {"a 1e999\n", "x.txt:1:"},          {"a 1_0\n", "x.txt:1:"},        {"a 1.2.3\n", "x.txt:1:"},
      {"a 1\r\nb \xff 2\n", "x.txt:2:"},  {"", "x.txt:"},                 {"\n \n", "x.txt:"},
      {"a e5\n", "x.txt:1:"},             {"a 1e\n", "x.txt:1:"},         {"a .\n", "x.txt:1:"},
      {"a\t1\n", "x.txt:1:"}};
  for (const auto& [text, where] : bad) {
    INFO(text);
    auto r = zhtext::idf_table::parse(text, "x.txt");
    REQUIRE_FALSE(r);
    CHECK(r.error().code == zhtext::errc::parse_error);
    CHECK(r.error().message.rfind(where, 0) == 0);
  }
  auto missing = zhtext::idf_table::load("/nonexistent/idf.txt");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == zhtext::errc::not_found);
  // Numbers as Python's float() reads them.
  double v = 0;
  CHECK(zhtext::detail::parse_py_float("1.", v));
  CHECK(v == 1.0);
  CHECK(zhtext::detail::parse_py_float("-.25e+2", v));
  CHECK(v == -25.0);
  CHECK(zhtext::detail::parse_py_float("\t13.900677652", v));
  CHECK(v == 13.900677652);
  CHECK_FALSE(zhtext::detail::parse_py_float("+", v));
  CHECK_FALSE(zhtext::detail::parse_py_float("0x10", v));
}

TEST_CASE("IDF images: cached, checked on opening, safe when crafted", "[keywords][idf][image]") {
  namespace fs = std::filesystem;
  const fs::path dir = temp_path("idf_cache");
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string src = (dir / "idf.txt").string();
  std::string text;
  for (int i = 0; i < 500; ++i) text += "词" + std::to_string(i) + " " + std::to_string(i % 37) + ".5\n";
  text += "词7 99\n";  // listed twice: the last weight wins
  std::ofstream(src, std::ios::binary) << text;
  zhtext::cache_options cache;
  cache.dir = (dir / "cache").string();

  std::vector<double> weights;  // jieba's median: sorted(weights)[n // 2]
  for (int i = 0; i < 500; ++i) weights.push_back(i == 7 ? 99 : i % 37 + 0.5);
  std::sort(weights.begin(), weights.end());
  const double median = weights[250];
  auto check_table = [&](const zhtext::idf_table& t) {
    CHECK(t.size() == 500);
    CHECK(t.idf("词7") == 99);
    CHECK(t.idf("词36") == 36.5);
    CHECK(t.find("词500") == nullptr);
    CHECK(t.median() == median);
    CHECK(t.idf("词500") == median);
  };
  auto built = zhtext::idf_table::load(src, cache);
  REQUIRE(built);
  CHECK(built->report().origin == zhtext::load_report::origin_kind::built);
  check_table(*built);
  const std::string cached = built->report().cache_path;
  REQUIRE(fs::exists(cached));
  auto hit = zhtext::idf_table::load(src, cache);
  REQUIRE(hit);
  CHECK(hit->report().origin == zhtext::load_report::origin_kind::cache_hit);
  check_table(*hit);
  CHECK(hit->image() == built->image());

  // The image's sections: [0] median, count, slot count; [1] slots; [2] entries; [3] words.
  const std::string image(built->image());
  auto section = [&](int k) {
    std::uint64_t at;
    std::memcpy(&at, image.data() + 48 + 16 * k, 8);
    return static_cast<std::size_t>(at);
  };
  auto rewrite = [&](std::string bytes) {  // a crafted image with a valid checksum
    const std::uint64_t sum = zhtext::detail::checksum64(bytes.data() + 40, bytes.size() - 40);
    std::memcpy(&bytes[32], &sum, 8);
    std::ofstream(cached, std::ios::binary | std::ios::trunc) << bytes;
  };
  std::uint64_t slot_count;
  std::memcpy(&slot_count, image.data() + section(0) + 16, 8);
  // A slot naming an entry past the end is refused: the table is rebuilt.
  {
    std::string bad = image;
    for (std::size_t i = 0; i < slot_count; ++i) {
      std::uint64_t s;
      std::memcpy(&s, bad.data() + section(1) + 8 * i, 8);
      if (s != 0) continue;
      s = 501;
      std::memcpy(&bad[section(1) + 8 * i], &s, 8);
      break;
    }
    rewrite(bad);
    auto t = zhtext::idf_table::load(src, cache);
    REQUIRE(t);
    CHECK(t->report().origin == zhtext::load_report::origin_kind::built);
    CHECK_THAT(t->report().note, Catch::Contains("out of bounds"));
    check_table(*t);
  }
  // A word past the end of the words: refused too.
  {
    std::string bad = image;
    const std::uint32_t far = 1u << 30;
    std::memcpy(&bad[section(2) + 16 * 3], &far, 4);
    rewrite(bad);
    auto t = zhtext::idf_table::load(src, cache);
    REQUIRE(t);
    CHECK_THAT(t->report().note, Catch::Contains("out of bounds"));
  }
  // An empty slot section with a slot count whose size in bytes overflows to 0: refused.
  {
    std::string bad = image;
    const std::uint64_t huge = std::uint64_t{1} << 61, none = 0;  // 2^61 * 8 = 2^64 = 0
    std::memcpy(&bad[section(0) + 16], &huge, 8);
    std::memcpy(&bad[48 + 16 * 1 + 8], &none, 8);  // section 1's size
    rewrite(bad);
    auto t = zhtext::idf_table::load(src, cache);
    REQUIRE(t);
    CHECK(t->report().origin == zhtext::load_report::origin_kind::built);
    CHECK_THAT(t->report().note, Catch::Contains("sizes"));
  }
  // Every slot full (no empty slot ends a probe): lookups of absent words still end.
  {
    std::string full = image;
    for (std::size_t i = 0; i < slot_count; ++i) {
      std::uint64_t s;
      std::memcpy(&s, full.data() + section(1) + 8 * i, 8);
      if (s == 0) s = (std::uint64_t{0xABCD1234} << 32) | (1 + i % 500);
      std::memcpy(&full[section(1) + 8 * i], &s, 8);
    }
    rewrite(full);
    auto t = zhtext::idf_table::load(src, cache);
    REQUIRE(t);
    CHECK(t->report().origin == zhtext::load_report::origin_kind::cache_hit);
    CHECK(t->find("not there") == nullptr);
    CHECK(t->idf("词7") == 99);
  }
  // The empty table: every word gets 0.
  const zhtext::idf_table empty;
  CHECK(empty.size() == 0);
  CHECK(empty.find("词7") == nullptr);
  CHECK(empty.idf("词7") == 0);
  fs::remove_all(dir);
}

TEST_CASE("Python string rules: strip, length, splitlines", "[keywords][python]") {
  using zhtext::detail::py_stripped_length_at_least_2;
  CHECK(py_stripped_length_at_least_2("ab"));
  CHECK(py_stripped_length_at_least_2("社区"));
  CHECK(py_stripped_length_at_least_2(" a b "));
  CHECK_FALSE(py_stripped_length_at_least_2("\r\n"));
  CHECK_FALSE(py_stripped_length_at_least_2(" 社 "));
  CHECK_FALSE(py_stripped_length_at_least_2("\xe3\x80\x80x\x1f"));   // U+3000 and U+001F are white space
  CHECK(py_stripped_length_at_least_2("\xff\xfe"));                   // two U+FFFD
  CHECK_FALSE(py_stripped_length_at_least_2(""));
  CHECK(zhtext::detail::py_strip("\xc2\xa0 x y\xe2\x80\x89") == "x y");
  CHECK(zhtext::detail::py_strip("\xe2\x80\x8b") == "\xe2\x80\x8b");  // U+200B is not white space
  std::vector<std::string> lines;
  zhtext::detail::py_splitlines("a\r\rb\r\nc\n", [&](std::string_view l, std::size_t) { lines.emplace_back(l); });
  CHECK(lines == std::vector<std::string>{"a", "", "b", "c"});
}

TEST_CASE("stop words: jieba's set, checked against Python's", "[keywords][jieba]") {
  const reference_output run = run_reference(
      {reference_python(), "-c", "from jieba.analyse.tfidf import KeywordExtractor as K; print(' '.join(sorted(K.STOP_WORDS)))"});
  REQUIRE(run.error.empty());
  const std::string& out = run.out;
  const zhtext::keyword_stop_words sw = zhtext::keyword_stop_words::jieba();
  std::istringstream in(out);
  std::size_t count = 0;
  for (std::string w; in >> w; ++count) CHECK(sw.contains(w));
  CHECK(count == sw.size());
  CHECK_FALSE(sw.contains("The"));
  CHECK_FALSE(sw.contains(""));
}

TEST_CASE("keywords of bad input: empty, invalid UTF-8, NUL bytes, one huge word", "[keywords][bad]") {
  const auto& kw = extractor();
  CHECK(kw.tfidf("").empty());
  CHECK(kw.tfidf("\n\n  \r\n").empty());
  static const char nul_bytes[] = "社区\0社区\0的";
  const std::string nul(nul_bytes, sizeof nul_bytes - 1);
  const auto k = kw.tfidf(nul);
  REQUIRE(k.size() == 1);
  CHECK(k[0].word == "社区");
  // Ill-formed sequences are one-character tokens: never keywords, never a crash.
  const auto bad = kw.tfidf("\xff\xfe\xe4\xb8疫情\xc0\xaf疫情");
  REQUIRE(bad.size() == 1);
  CHECK(bad[0].word == "疫情");
  CHECK(bad[0].weight == kw.idf().idf("疫情"));  // 2 * idf / 2
  std::string huge(1 << 20, 'a');
  const auto h = kw.tfidf(huge);
  REQUIRE(h.size() == 1);
  CHECK(h[0].word.size() == huge.size());
  CHECK(h[0].weight == kw.idf().median());
  // Views into the text, in rank order; top 0 = all.
  const std::string text = "经济发展，经济社区。";
  zhtext::tfidf_options all;
  all.top = 0;
  const auto words = kw.tfidf(text, all);
  REQUIRE(words.size() == 3);
  for (const auto& w : words) CHECK((w.word.data() >= text.data() && w.word.data() < text.data() + text.size()));
  for (std::size_t i = 1; i < words.size(); ++i) CHECK(words[i - 1].weight >= words[i].weight);
}

// for_each_tfidf counts a word with a word id by its id and remembers jieba's filter and
// its IDF per thread; for_each_tfidf_of ranks the same words by their text. Both must
// give the same keywords and the same weights, also after the stop words, the IDF
// table or the segmenter's words change (each change must reach the remembered ids).
TEST_CASE("TF-IDF by word id = TF-IDF by text, across stop-word, IDF and word changes", "[keywords][tfidf][word_id]") {
  auto tagger = zhtext::pos_tagger::load();
  REQUIRE(tagger);
  auto idf = zhtext::idf_table::load_default();
  REQUIRE(idf);
  auto shared_idf = std::make_shared<const zhtext::idf_table>(std::move(*idf));
  zhtext::keyword_extractor kw(std::make_shared<const zhtext::pos_tagger>(std::move(*tagger)), shared_idf);
  const zhtext::segmenter& seg = kw.tagger().get_segmenter();
  std::vector<std::string> docs;
  std::mt19937_64 rng(13);
  const std::vector<std::string> pieces = {"社区居民", "志愿者", "参加", "活动", "C++", " ", "\r\n", "，", "3.5%",
                                           "王小明", "疫情防控", "The", "the", "abc", "　", "的", "了", "\xff",
                                           "北京大学", "霍星澜", "霍星澜霍星澜", "老年人", "服务中心", "2024年"};
  for (int d = 0; d < 40; ++d) {
    std::string doc;
    const std::size_t n = 5 + rng() % 200;
    for (std::size_t i = 0; i < n; ++i) doc += pieces[rng() % pieces.size()];
    docs.push_back(doc);
  }
  auto by_text = [&](const std::string& doc, const zhtext::tfidf_options& o) {
    std::vector<zhtext::keyword> out;
    if (o.allow_pos.empty()) {
      zhtext::for_each_tfidf_of(seg.token_vector(doc), kw.idf(), kw.stop_words(),
                                [&](const zhtext::keyword& k) { out.push_back(k); }, o);
    } else {
      zhtext::for_each_tfidf_of(kw.tagger().tagged_token_vector(doc), kw.idf(), kw.stop_words(),
                                [&](const zhtext::keyword& k) { out.push_back(k); }, o);
    }
    return out;
  };
  auto same = [](const std::vector<zhtext::keyword>& a, const std::vector<zhtext::keyword>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (a[i].word != b[i].word || std::memcmp(&a[i].weight, &b[i].weight, sizeof(double)) != 0) return false;
    return true;
  };
  zhtext::tfidf_options all, pos;
  all.top = 0;
  pos.allow_pos = {"n", "nr", "ns", "vn", "v", "eng", "x"};
  auto check_all = [&](const char* stage) {
    INFO(stage);
    for (int round = 0; round < 2; ++round)  // the second round reads what the first remembered
      for (const std::string& doc : docs) {
        INFO("document " << zhtext::repair_utf8(doc));
        CHECK(same(kw.tfidf(doc, all), by_text(doc, all)));
        CHECK(same(kw.tfidf(doc), by_text(doc, {})));
        CHECK(same(kw.tfidf(doc, pos), by_text(doc, pos)));
      }
  };
  check_all("jieba's stop words");
  REQUIRE_FALSE(kw.tfidf(docs[0], all).empty());
  // New stop words: a word counted before must now be dropped.
  zhtext::keyword_stop_words sw = zhtext::keyword_stop_words::jieba();
  sw.add("志愿者");
  sw.add("社区居民");
  kw.set_stop_words(std::make_shared<const zhtext::keyword_stop_words>(std::move(sw)));
  check_all("more stop words");
  for (const std::string& doc : docs)
    for (const zhtext::keyword& k : kw.tfidf(doc, all)) CHECK(k.word != "志愿者");
  // Another IDF table: every weight changes.
  auto small = zhtext::idf_table::parse("志愿者 1.5\n活动 2.25\n老年人 7\n", "small_idf.txt");
  REQUIRE(small);
  kw.set_idf(std::make_shared<const zhtext::idf_table>(std::move(*small)));
  check_all("another IDF table");
  // New user words on the shared segmenter: new ids.
  REQUIRE(kw.tagger().get_segmenter().add_word("霍星澜", 2000, "nr"));
  REQUIRE(kw.tagger().get_segmenter().add_word("服务中心", 0));
  check_all("user words");
  kw.set_idf(shared_idf);
  check_all("jieba's IDF table again");
}

// One extractor shared by four threads (each with its per-thread scratch): every
// thread gets, for every line, the keywords one thread gets. Run under
// ThreadSanitizer by the test command (the [threads] tests).
TEST_CASE("a keyword extractor is shared by threads: the same keywords as one thread", "[keywords][threads]") {
  const auto& kw = extractor();
  std::vector<std::string> lines;
  {
    std::ifstream in(data_path("segment_edge_cases.txt"));
    for (std::string line; std::getline(in, line);)
      if (!line.empty() && line[0] != '#') lines.push_back(line);
  }
  REQUIRE(lines.size() >= 10);
  auto render = [](const std::vector<zhtext::keyword>& ks) {
    std::string s;
    for (const auto& k : ks) s += std::string(k.word) + "/" + std::to_string(k.weight) + " ";
    return s;
  };
  auto both = [&](const std::string& line) { return render(kw.tfidf(line)) + "|" + render(kw.textrank(line)); };
  std::vector<std::string> want;
  for (const std::string& line : lines) want.push_back(both(line));
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (std::size_t round = 0; round < 3; ++round)
        for (std::size_t i = 0; i < lines.size(); ++i) {
          const std::size_t k = (i * (t + 1) + round) % lines.size();  // each thread its own order
          if (both(lines[k]) != want[k]) ++mismatches;
        }
    });
  for (auto& th : threads) th.join();
  CHECK(mismatches.load() == 0);
}
