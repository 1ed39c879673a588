// dictionary_test.cpp - jieba-format dictionaries: parsing and its errors (file:line),
// compiled images (round trip, truncation, corruption, crafted images), the image
// cache (and its bound), data discovery and missing files; the HMM model's Python-literal reader.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>

#include <zhtext/dictionary.hpp>
#include <zhtext/hmm_model.hpp>
#include <zhtext/segment.hpp>

#include "test_support.hpp"

namespace fs = std::filesystem;

namespace {

// A fresh directory under the system temp dir, removed at the end of the test.
struct temp_dir {
  fs::path path;
  temp_dir() {
    static int n = 0;
    path = fs::temp_directory_path() / ("zhtext_dict_test_" + std::to_string(::getpid()) + "_" + std::to_string(n++));
    fs::create_directories(path);
  }
  ~temp_dir() {
    std::error_code ec;
    fs::permissions(path, fs::perms::owner_all, ec);
    fs::remove_all(path, ec);
  }
  std::string file(const std::string& name) const { return (path / name).string(); }
};

void write(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

const char* small_dict =
    "中国 1000 ns\n"
    "中国人 300 n\n"
    "人民 800 n\n"
    "AT&T 3 nz\n"
    "\n"                 // blank lines are skipped
    "  空格 5 n  \r\n"   // ASCII space stripped, CRLF
    "零 0 m\n"           // a word with frequency 0
    "人民 200 n\n"       // a duplicate: the last frequency wins, the total counts both
    "无标签 7\n";

std::string message_of(const zhtext::error& e) { return e.message; }

// A temporary directory holding small_dict as `name`, and cache options whose
// directory is `cache_name` in it.
struct cached_source {
  temp_dir tmp;
  std::string src;
  zhtext::cache_options cache;
  cached_source(const std::string& name, const std::string& cache_name) : src(tmp.file(name)) {
    write(src, small_dict);
    cache.dir = tmp.file(cache_name);
  }
};

}  // namespace

TEST_CASE("parse: words, frequencies, tags, prefixes and total", "[dictionary]") {
  auto d = zhtext::dictionary::parse(small_dict, "small.txt");
  REQUIRE(d);
  CHECK(d->size() == 7);
  CHECK(d->total() == 1000 + 300 + 800 + 3 + 5 + 0 + 200 + 7);
  auto e = d->find("中国");
  REQUIRE(e);
  CHECK(e->freq == 1000);
  CHECK(e->tag == "ns");
  CHECK(d->find("人民")->freq == 200);
  CHECK(d->find("AT&T")->tag == "nz");
  CHECK(d->find("空格")->freq == 5);
  CHECK(d->find("零"));
  CHECK(d->find("零")->freq == 0);
  CHECK(d->find("无标签")->tag.empty());
  // jieba's FREQ: a prefix of a word is in it with 0, other strings are not.
  CHECK_FALSE(d->find("中"));
  CHECK(d->freq("中") == std::optional<std::int64_t>(0));
  CHECK(d->freq("中国人") == std::optional<std::int64_t>(300));
  CHECK_FALSE(d->freq("国"));
  CHECK_FALSE(d->freq(""));
  CHECK_FALSE(d->freq("\xff"));
  CHECK_FALSE(d->find("中国人民"));
}

TEST_CASE("parse errors name the file and line and the reason", "[dictionary][errors]") {
  struct bad_case {
    std::string text, where, reason;
  };
  const std::vector<bad_case> cases = {
      {"好 1\n坏\n", "bad.txt:2:", "no frequency"},
      {"好 1\n坏 abc\n", "bad.txt:2:", "not a number"},
      {"a 1\nb 2\n坏 -3 n\n", "bad.txt:3:", "negative frequency"},
      {"坏 99999999999999999999\n", "bad.txt:1:", "too large"},
      {"坏 1 n extra\n", "bad.txt:1:", "more than three"},
      {"坏  1\n", "bad.txt:1:", "not a number"},  // two spaces: an empty field, as jieba splits
      {"好 1\n\n\n坏 1 n\xff\n", "bad.txt:4:", "invalid UTF-8"},
      {"坏 1.5\n", "bad.txt:1:", "not a number"},
  };
  for (const bad_case& c : cases) {
    INFO(c.text);
    auto d = zhtext::dictionary::parse(c.text, "bad.txt");
    REQUIRE_FALSE(d);
    CHECK(d.error().code == zhtext::errc::parse_error);
    CHECK_THAT(d.error().message, Catch::Contains(c.where) && Catch::Contains(c.reason));
  }
}

TEST_CASE("an empty dictionary parses; a segmenter refuses its total of 0", "[dictionary]") {
  auto d = zhtext::dictionary::parse("\n\n", "empty.txt");
  REQUIRE(d);
  CHECK(d->size() == 0);
  CHECK(d->total() == 0);
  auto seg = zhtext::segmenter::create(std::make_shared<const zhtext::dictionary>(std::move(*d)), nullptr);
  REQUIRE_FALSE(seg);
  CHECK(seg.error().code == zhtext::errc::invalid_argument);
}

TEST_CASE("images: round trip through memory and a file", "[dictionary][image]") {
  temp_dir tmp;
  auto d = zhtext::dictionary::parse(small_dict);
  REQUIRE(d);
  auto copy = zhtext::dictionary::from_image(d->image());
  REQUIRE(copy);
  REQUIRE(d->save_image(tmp.file("small.zhimg")));
  auto mapped = zhtext::dictionary::load_image(tmp.file("small.zhimg"));
  REQUIRE(mapped);
  for (const auto* dict : {&*copy, &*mapped}) {
    CHECK(dict->total() == d->total());
    CHECK(dict->size() == d->size());
    CHECK(dict->find("中国人")->freq == 300);
    CHECK(dict->find("中国人")->tag == "n");
    CHECK(dict->freq("中") == std::optional<std::int64_t>(0));
  }
  CHECK(mapped->image() == d->image());
  // Deterministic: the same text compiles to the same bytes.
  CHECK(zhtext::dictionary::parse(small_dict)->image() == d->image());
}

TEST_CASE("images: truncation and corruption are clear errors", "[dictionary][image][errors]") {
  auto d = zhtext::dictionary::parse(small_dict);
  REQUIRE(d);
  const std::string image(d->image());
  for (std::size_t len : {std::size_t{0}, std::size_t{7}, std::size_t{47}, std::size_t{48}, std::size_t{100},
                          image.size() / 2, image.size() - 1}) {
    INFO("truncated to " << len);
    auto t = zhtext::dictionary::from_image(image.substr(0, len), "cut.zhimg");
    REQUIRE_FALSE(t);
    CHECK(t.error().code == zhtext::errc::corrupt_data);
    CHECK_THAT(t.error().message, Catch::Contains("cut.zhimg") &&
                                      (Catch::Contains("truncated") || Catch::Contains("magic")));
  }
  std::mt19937_64 rng(5);
  for (int i = 0; i < 200; ++i) {
    std::string bad = image;
    const std::size_t at = 8 + rng() % (image.size() - 8);  // any byte after the magic
    bad[at] = static_cast<char>(bad[at] ^ (1 + rng() % 255));
    auto c = zhtext::dictionary::from_image(bad);
    INFO("byte " << at);
    REQUIRE_FALSE(c);
    CHECK(c.error().code == zhtext::errc::corrupt_data);
  }
  std::string not_image = "this is not an image, just text long enough for a header......";
  CHECK_THAT(message_of(zhtext::dictionary::from_image(not_image).error()), Catch::Contains("not a zhtext image"));
  auto hmm = zhtext::hmm_model::load_default();
  REQUIRE(hmm);
  auto wrong_kind = zhtext::dictionary::from_image(hmm->image());
  REQUIRE_FALSE(wrong_kind);
  CHECK_THAT(wrong_kind.error().message, Catch::Contains("finalseg") && Catch::Contains("jiebadic"));
  std::string other_version = image;
  other_version[16] = 99;
  CHECK_THAT(message_of(zhtext::dictionary::from_image(other_version).error()), Catch::Contains("version 99"));
}

// A crafted image passes the checksum (recomputed after the damage); readers still
// bounds-check everything they take from it, so using it never crashes (the sanitizer
// build checks every access).
TEST_CASE("images: crafted images with a valid checksum never crash a segmenter", "[dictionary][image][fuzz]") {
  auto d = zhtext::dictionary::parse(small_dict);
  REQUIRE(d);
  auto hmm = zhtext::hmm_model::load_default();
  REQUIRE(hmm);
  auto hmm_ptr = std::make_shared<const zhtext::hmm_model>(std::move(*hmm));
  const std::string image(d->image());
  std::mt19937_64 rng(11);
  zhtext_test::byte_fuzzer fuzz(3);
  int loaded = 0;
  for (int i = 0; i < 300; ++i) {
    std::string bad = image;
    for (int k = 0; k < 4; ++k) {
      const std::size_t at = 48 + rng() % (image.size() - 48);
      bad[at] = static_cast<char>(rng());
    }
    auto* p = reinterpret_cast<unsigned char*>(bad.data());
    zhtext::detail::put_u64(p + 32, zhtext::detail::checksum64(p + 40, bad.size() - 40));
    auto c = zhtext::dictionary::from_image(bad);
    if (!c) {
      CHECK(c.error().code == zhtext::errc::corrupt_data);
      continue;
    }
    ++loaded;
    auto seg = zhtext::segmenter::create(std::make_shared<const zhtext::dictionary>(std::move(*c)), hmm_ptr);
    if (!seg) continue;
    for (int m = 0; m < 3; ++m) {
      const std::string text = "中国人民AT&T空格" + fuzz.next(40) + "中国";
      std::size_t bytes = 0;
      seg->for_each_token(text, [&](const zhtext::token& t) { bytes += t.text.size(); },
                          {static_cast<zhtext::cut_mode>(m), true});
      if (m == 0) CHECK(bytes == text.size());  // precise tokens still cover the input
    }
  }
  CHECK(loaded > 50);  // most damage lands in tables, which load and stay safe
}

TEST_CASE("cache: built once, then mapped; rebuilt when the source or the image changes", "[dictionary][cache]") {
  cached_source s("user_main.txt", "cache");
  const std::string& src = s.src;
  zhtext::cache_options& cache = s.cache;
  auto first = zhtext::dictionary::load(src, cache);
  REQUIRE(first);
  CHECK(first->report().origin == zhtext::load_report::origin_kind::built);
  REQUIRE_FALSE(first->report().cache_path.empty());
  CHECK(fs::exists(first->report().cache_path));
  const std::string cached = first->report().cache_path;

  auto second = zhtext::dictionary::load(src, cache);
  REQUIRE(second);
  CHECK(second->report().origin == zhtext::load_report::origin_kind::cache_hit);
  CHECK(second->find("中国人")->freq == 300);

  // A corrupt cache file is replaced, not reported.
  {
    std::fstream f(cached, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(100);
    f.put('\x5a');
  }
  auto third = zhtext::dictionary::load(src, cache);
  REQUIRE(third);
  CHECK(third->report().origin == zhtext::load_report::origin_kind::built);
  CHECK_THAT(third->report().note, Catch::Contains("checksum"));
  CHECK(zhtext::dictionary::load(src, cache)->report().origin == zhtext::load_report::origin_kind::cache_hit);

  // Editing the source (new size and mtime) gives a new key, so a new image.
  write(src, std::string(small_dict) + "新词 9 n\n");
  auto fourth = zhtext::dictionary::load(src, cache);
  REQUIRE(fourth);
  CHECK(fourth->report().origin == zhtext::load_report::origin_kind::built);
  CHECK(fourth->find("新词")->freq == 9);
  CHECK(fourth->report().cache_path != cached);

  // The cache disabled: built in memory, nothing written.
  zhtext::cache_options off;
  off.enabled = false;
  auto fifth = zhtext::dictionary::load(src, off);
  REQUIRE(fifth);
  CHECK(fifth->report().cache_path.empty());
}

TEST_CASE("cache: keeps the most recently used images of a kind, and nothing else is touched", "[dictionary][cache]") {
  temp_dir tmp;
  zhtext::cache_options cache;
  cache.dir = tmp.file("cache");
  fs::create_directories(cache.dir);
  // Files the cache does not own: never removed.
  const std::string notes = tmp.file("cache/jiebadic-notes.zhimg"), other = tmp.file("cache/other.txt");
  write(notes, "mine");
  write(other, "mine too");
  const std::size_t keep = zhtext::detail::cached_images_per_kind;
  REQUIRE(keep >= 3);
  auto images = [&] {
    std::size_t n = 0;
    for (const auto& e : fs::directory_iterator(cache.dir)) {
      const std::string name = e.path().filename().string();
      n += name.size() == 31 && name.rfind("jiebadic-", 0) == 0;  // jiebadic-<16 hex>.zhimg
    }
    return n;
  };
  // keep + 2 dictionaries, each used a minute after the one before.
  const auto now = fs::file_time_type::clock::now();
  std::vector<std::string> src, img;
  for (std::size_t i = 0; i < keep + 2; ++i) {
    src.push_back(tmp.file("d" + std::to_string(i) + ".txt"));
    write(src[i], std::string(small_dict) + "词" + std::to_string(i) + " 5 n\n");
    auto d = zhtext::dictionary::load(src[i], cache);
    REQUIRE(d);
    CHECK(d->report().origin == zhtext::load_report::origin_kind::built);
    img.push_back(d->report().cache_path);
    fs::last_write_time(img[i], now - std::chrono::minutes(100 - i));
    CHECK(images() == std::min(i + 1, keep));
  }
  // The two used least recently are gone, the others are still hits.
  CHECK_FALSE(fs::exists(img[0]));
  CHECK_FALSE(fs::exists(img[1]));
  for (std::size_t i = 2; i < keep + 2; ++i) CHECK(fs::exists(img[i]));
  CHECK(zhtext::dictionary::load(src[keep + 1], cache)->report().origin == zhtext::load_report::origin_kind::cache_hit);
  CHECK(fs::exists(notes));
  CHECK(fs::exists(other));

  // A hit marks an image used (when it is more than a minute old): it then outlives
  // images used after it was first written.
  fs::last_write_time(img[2], now - std::chrono::hours(72));
  auto hit = zhtext::dictionary::load(src[2], cache);
  REQUIRE(hit);
  CHECK(hit->report().origin == zhtext::load_report::origin_kind::cache_hit);
  CHECK(fs::last_write_time(img[2]) > now - std::chrono::minutes(10));
  auto again = zhtext::dictionary::load(src[0], cache);  // built again: the oldest now is img[3]
  REQUIRE(again);
  CHECK(again->report().origin == zhtext::load_report::origin_kind::built);
  CHECK(fs::exists(img[2]));
  CHECK_FALSE(fs::exists(img[3]));
  CHECK(images() == keep);
}

TEST_CASE("cache: an unwritable cache directory is not an error", "[dictionary][cache]") {
  cached_source s("d.txt", "occupied");
  const std::string& src = s.src;
  const zhtext::cache_options& cache = s.cache;
  write(cache.dir, "a file where the cache directory should be");
  auto d = zhtext::dictionary::load(src, cache);
  REQUIRE(d);
  CHECK(d->report().origin == zhtext::load_report::origin_kind::built);
  CHECK_THAT(d->report().note, Catch::Contains("not cached"));
  CHECK(d->find("中国")->freq == 1000);
}

TEST_CASE("missing files: the error names the path and how to install jieba's data", "[dictionary][errors]") {
  auto d = zhtext::dictionary::load("/nonexistent/dir/dict.txt");
  REQUIRE_FALSE(d);
  CHECK(d.error().code == zhtext::errc::not_found);
  CHECK_THAT(d.error().message, Catch::Contains("/nonexistent/dir/dict.txt"));

  auto def = zhtext::dictionary::load_default("/nonexistent/jieba");
  REQUIRE_FALSE(def);
  CHECK(def.error().code == zhtext::errc::not_found);
  CHECK_THAT(def.error().message,
             Catch::Contains("/nonexistent/jieba/dict.txt") && Catch::Contains("install Debian package python3-jieba"));

  auto seg = zhtext::segmenter::load({"/nonexistent/jieba", "", "", {}});
  REQUIRE_FALSE(seg);
  CHECK_THAT(seg.error().message, Catch::Contains("/nonexistent/jieba/dict.txt"));

  auto hmm = zhtext::hmm_model::load_default("/nonexistent/jieba");
  REQUIRE_FALSE(hmm);
  CHECK_THAT(hmm.error().message,
             Catch::Contains("/nonexistent/jieba/finalseg/prob_start.py") && Catch::Contains("python3-jieba"));
}

// Sets (or unsets, with nullptr) an environment variable for the scope.
struct env_var {
  std::string name;
  bool had = false;
  std::string before;
  env_var(const char* n, const char* value) : name(n) {
    if (const char* v = std::getenv(n)) {
      had = true;
      before = v;
    }
    if (value != nullptr) ::setenv(n, value, 1);
    else ::unsetenv(n);
  }
  ~env_var() {
    if (had) ::setenv(name.c_str(), before.c_str(), 1);
    else ::unsetenv(name.c_str());
  }
};

TEST_CASE("data discovery: API over $ZHTEXT_JIEBA_DIR over the configured default", "[dictionary][discovery]") {
  {
    env_var unset("ZHTEXT_JIEBA_DIR", nullptr);
    CHECK(zhtext::jieba_data_dir() == ZHTEXT_DEFAULT_JIEBA_DIR);
  }
  {
    env_var set("ZHTEXT_JIEBA_DIR", "/from/env");
    CHECK(zhtext::jieba_data_dir() == "/from/env");
    CHECK(zhtext::jieba_data_dir("/from/api") == "/from/api");
    auto d = zhtext::dictionary::load_default();
    REQUIRE_FALSE(d);
    CHECK_THAT(d.error().message, Catch::Contains("/from/env/dict.txt"));
  }
  {
    env_var empty("ZHTEXT_JIEBA_DIR", "");  // empty counts as unset
    CHECK(zhtext::jieba_data_dir() == ZHTEXT_DEFAULT_JIEBA_DIR);
  }
  {
    env_var c1("ZHTEXT_CACHE_DIR", "/c1");
    CHECK(zhtext::default_cache_dir() == "/c1");
  }
  {
    env_var c1("ZHTEXT_CACHE_DIR", nullptr);
    env_var c2("XDG_CACHE_HOME", "/c2");
    CHECK(zhtext::default_cache_dir() == "/c2/zhtext");
  }
  {
    env_var c1("ZHTEXT_CACHE_DIR", nullptr);
    env_var c2("XDG_CACHE_HOME", nullptr);
    env_var home("HOME", "/home/u");
    CHECK(zhtext::default_cache_dir() == "/home/u/.cache/zhtext");
  }
}

TEST_CASE("the default dictionary: jieba's dict.txt", "[dictionary][default]") {
  auto d = zhtext::dictionary::load_default();
  REQUIRE(d);
  // Facts of Debian's dict.txt (checked independently of zhtext with grep/awk).
  CHECK(d->size() == 349045);
  CHECK(d->total() == 60101967);
  CHECK(d->find("AT&T")->tag == "nz");
  CHECK(d->find("γ射线"));
}

TEST_CASE("HMM: the Python literal reader is strict and names line and column", "[hmm][errors]") {
  const std::string start = "P={'B': -0.26, 'E': -3.14e+100, 'M': -3.14e+100, 'S': -1.46}\n";
  const std::string trans = "P={'B': {'E': -0.51, 'M': -0.91},\n 'E': {'B': -0.58, 'S': -0.80},\n"
                            " 'M': {'E': -0.33, 'M': -1.26},\n 'S': {'B': -0.72, 'S': -0.66}}\n";
  const std::string emit = "from __future__ import unicode_literals\n\nP={'B': {'\\u4e00': -3.6, '中': -5.0},\n"
                           " 'E': {}, 'M': {}, 'S': {u'\\u4e00': -4.0,}, # comment\n}\n";
  const std::string names[3] = {"start.py", "trans.py", "emit.py"};
  auto m = zhtext::hmm_model::parse(start, trans, emit, names);
  REQUIRE(m);
  CHECK(m->start(zhtext::hmm_model::B) == -0.26);
  CHECK(m->trans(zhtext::hmm_model::M, zhtext::hmm_model::E) == -0.33);
  CHECK(m->trans(zhtext::hmm_model::B, zhtext::hmm_model::S) == zhtext::hmm_model::min_float);
  CHECK(m->emit(U'一')[zhtext::hmm_model::B] == -3.6);
  CHECK(m->emit(U'中')[zhtext::hmm_model::B] == -5.0);
  CHECK(m->emit(U'一')[zhtext::hmm_model::S] == -4.0);
  CHECK(m->emit(U'中')[zhtext::hmm_model::E] == zhtext::hmm_model::min_float);

  struct bad_case {
    std::string emit, expect;
  };
  const std::vector<bad_case> bad = {
      {"P={'B': {'a': -1.0},\n 'E': oops}", "emit.py:2:7"},
      {"P={'B': {'a': -1.0}", "unterminated dict"},
      {"Q={}", "expected 'P = ...'"},
      {"import os\nP={}", "emit.py:1:1"},
      {"P={'B': {'\\q': 1}}", "unsupported escape"},
      {"P={'B': {'\\ud800': 1}}", "not a Unicode scalar"},
      {"P={'B': {'a': 1_000}}", "malformed number"},
      {"P={'B': {'a': 1}} extra", "after the assignment"},
      {"P={'B': {}, 'E': {}, 'M': {}}", "no emission table for state S"},
      {"P={'B': {'a': 'x'}, 'E': {}, 'M': {}, 'S': {}}", "not a number"},
      {"P={'B': [1]}", "expected a dict"},
  };
  for (const bad_case& b : bad) {
    INFO(b.emit);
    auto r = zhtext::hmm_model::parse(start, trans, b.emit, names);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == zhtext::errc::parse_error);
    CHECK_THAT(r.error().message, Catch::Contains("emit.py") && Catch::Contains(b.expect));
  }
  auto no_start = zhtext::hmm_model::parse("P={'B': 0.0}", trans, emit, names);
  REQUIRE_FALSE(no_start);
  CHECK_THAT(no_start.error().message, Catch::Contains("start.py") && Catch::Contains("state M"));
}

TEST_CASE("HMM: jieba's model loads; its image round-trips and rejects damage", "[hmm][image]") {
  auto m = zhtext::hmm_model::load_default();
  REQUIRE(m);
  // Values from jieba's prob_start.py / prob_trans.py (literal text of the files).
  CHECK(m->start(zhtext::hmm_model::B) == -0.26268660809250016);
  CHECK(m->trans(zhtext::hmm_model::S, zhtext::hmm_model::S) == -0.6658631448798212);
  CHECK(m->emit(U'一')[zhtext::hmm_model::B] == -3.6544978750449433);
  auto copy = zhtext::hmm_model::from_image(m->image());
  REQUIRE(copy);
  CHECK(copy->emit(U'龢')[3] == m->emit(U'龢')[3]);
  std::string bad(m->image());
  bad[bad.size() / 2] ^= 1;
  auto c = zhtext::hmm_model::from_image(bad);
  REQUIRE_FALSE(c);
  CHECK_THAT(c.error().message, Catch::Contains("checksum"));
  auto t = zhtext::hmm_model::from_image(std::string(m->image()).substr(0, 1000));
  REQUIRE_FALSE(t);
  CHECK_THAT(t.error().message, Catch::Contains("truncated"));
}
