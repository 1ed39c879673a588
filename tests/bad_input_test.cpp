// bad_input_test.cpp - every public function on empty input, NUL bytes, ill-formed
// UTF-8 and a 100 MB line: no crash, no out-of-bounds read (the sanitizer build runs
// this too), sensible results.
#include <catch2/catch.hpp>

#include <zhtext/zhtext.hpp>

#include "test_support.hpp"

namespace {

// A matcher with folding and ignorables (the tracking loop) and one that takes the
// prefiltered loop, built once.
const zhtext::matcher& folded_matcher() {
  static const zhtext::matcher m = [] {
    zhtext::matcher_builder b({true, true, " *", false});
    for (const char* w : {"社区", "志愿者", "n95", "\xEF\xBF\xBD", "新闻"}) (void)b.add(w);
    return b.build().value();
  }();
  return m;
}
const zhtext::matcher& cjk_matcher() {
  static const zhtext::matcher m = [] {
    zhtext::matcher_builder b;
    for (const char* w : {"社区志愿者", "下一句", "新闻。"}) (void)b.add(w);
    return b.build().value();
  }();
  return m;
}

// Runs every text function over `s` and checks the invariants that must always hold.
void exercise(const std::string& s) {
  const auto v = zhtext::validate_utf8(s);
  CHECK(v.ok == zhtext::is_valid_utf8(s));
  const std::size_t cps = zhtext::count_code_points(s);
  CHECK(cps <= s.size());
  const std::string repaired = zhtext::repair_utf8(s);
  CHECK(zhtext::is_valid_utf8(repaired));
  CHECK(zhtext::count_code_points(repaired) == cps);
  CHECK(zhtext::complete_prefix_length(s) <= s.size());
  CHECK(zhtext::byte_offset_of_code_point(s, cps) == s.size());
  CHECK(zhtext::code_point_index_of_byte(s, s.size()) == cps);
  zhtext::normalize_options all;
  all.fold_width = all.cjk_punctuation = true;
  for (const auto& o : {zhtext::normalize_options{}, all}) {
    const auto n = zhtext::normalize(s, o);
    CHECK(zhtext::is_valid_utf8(n.text));
    CHECK(n.map.source_size() == s.size());
    CHECK(n.map.output_size() == n.text.size());
  }
  std::size_t covered = 0;
  zhtext::for_each_sentence(s, [&](const zhtext::sentence& x) {
    CHECK(x.offset + x.text.size() <= s.size());
    covered += x.text.size();
  });
  CHECK(covered <= s.size());
  std::size_t last = 0;
  zhtext::for_each_entity(s, [&](const zhtext::entity& e) {
    CHECK(e.offset >= last);
    CHECK(e.end() <= s.size());
    CHECK(zhtext::is_valid_utf8(e.text));
    last = e.end();
  });
  CHECK(zhtext::parse_number_prefix(s).size <= s.size());
  for (const zhtext::matcher* m : {&folded_matcher(), &cjk_matcher()})
    for (auto kind : {zhtext::match_kind::overlapping, zhtext::match_kind::leftmost_longest}) {
      std::size_t matches = 0;
      m->for_each_match(s, [&](const zhtext::match& x) {
        CHECK(x.begin < x.end);
        CHECK(x.end <= s.size());
        ++matches;
      }, kind);
      CHECK(m->contains_any(s) == (matches > 0));
      CHECK(zhtext::count_code_points(m->mask(s, U'*', kind)) == cps);
    }
}

}  // namespace

TEST_CASE("empty input", "[bad-input]") {
  exercise("");
  CHECK(zhtext::validate_utf8("").ok);
  CHECK(zhtext::count_code_points("") == 0);
  CHECK(zhtext::normalize("").text.empty());
  CHECK(zhtext::sentence_vector("").empty());
  CHECK(zhtext::code_points("").begin() == zhtext::code_points("").end());
}

TEST_CASE("a lone NUL and NULs inside text", "[bad-input]") {
  const std::string nul(1, '\0');
  exercise(nul);
  CHECK(zhtext::validate_utf8(nul).ok);  // U+0000 is well-formed UTF-8
  CHECK(zhtext::count_code_points(nul) == 1);
  CHECK(zhtext::normalize(nul).text.empty());  // a control character: removed
  const std::string mixed = std::string("甲\0乙\0", 8);
  exercise(mixed);
  CHECK(zhtext::normalize(mixed).text == "甲乙");
}

TEST_CASE("every kind of ill-formed sequence, alone and in context", "[bad-input]") {
  for (const char* bad : {"\x80", "\xC0\x80", "\xE0\x80\x80", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xF5",
                          "\xFF", "\xE4\xB8", "\xF0\x9F\x98"}) {
    exercise(bad);
    exercise(std::string("新闻") + bad + "。下一句\n" + bad);
    CHECK_FALSE(zhtext::validate_utf8(bad).ok);
  }
}

TEST_CASE("random bytes", "[bad-input]") {
  zhtext_test::byte_fuzzer fuzz(1);
  for (int i = 0; i < 2000; ++i) exercise(fuzz.next(200));
}

TEST_CASE("a 100 MB line", "[bad-input][huge]") {
  std::string line;
  line.reserve(100u << 20);
  while (line.size() < (100u << 20)) line += "社区志愿者,N95口罩 ";
  const std::size_t cps = zhtext::count_code_points(line);
  CHECK(zhtext::validate_utf8(line).ok);
  CHECK(cps > (30u << 20));
  const auto n = zhtext::normalize(line);
  CHECK(n.text.size() + 1 == line.size());  // only the trailing space goes
  const auto s = zhtext::sentence_vector(line);
  REQUIRE(s.size() == 1);  // no sentence end anywhere
  CHECK(s[0].text.size() + 1 == line.size());
  CHECK(zhtext::entity_vector(line).empty());  // N95 is a name, not a number
  std::size_t found = 0;
  folded_matcher().for_each_match(line, [&](const zhtext::match&) { ++found; });
  CHECK(found == 3 * (line.size() / std::string_view("社区志愿者,N95口罩 ").size()));
  // One ill-formed byte in the middle is found at its offset.
  line[line.size() / 2 + 1] = '\xFF';
  const auto v = zhtext::validate_utf8(line);
  CHECK_FALSE(v.ok);
  CHECK(v.offset <= line.size() / 2 + 1);
  CHECK(zhtext::count_code_points(zhtext::repair_utf8(line)) >= cps - 2);
}
