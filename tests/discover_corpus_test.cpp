// discover_corpus_test.cpp - new-word discovery on the news corpus: every statistic
// equals the straightforward reference, and with jieba's dictionary left out the
// community names and terms of the corpus come out on top.
#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <string>
#include <unordered_set>

#include <zhtext/discover.hpp>

#include "discover_support.hpp"
#include "test_support.hpp"

namespace {

std::string corpus() {
  std::string text;
  for (const std::string& f : zhtext_test::corpus_files()) text += zhtext_test::read_file(f) + "\n";
  return text;
}

}  // namespace

TEST_CASE("corpus: discovery statistics equal the reference", "[discover][corpus]") {
  const std::string text = corpus();
  const auto none = [](const std::string&) { return false; };
  zhtext::discover_options defaults;
  zhtext::discover_options low;
  low.min_count = 2;
  low.min_cohesion = -100;
  low.min_entropy = 0;
  low.max_length = 5;
  zhtext::discover_options mixed;
  mixed.han_only = false;
  mixed.edge_stop_words = nullptr;
  for (const auto& o : {defaults, low, mixed}) {
    auto found = zhtext::discover_words(text, o);
    REQUIRE(found);
    CHECK(!found->empty());
    std::string report;
    CHECK(zhtext_test::compare_with_reference(text, *found, zhtext_test::reference_discover(text, o, none), &report) == 0);
    INFO(report);
  }
}

TEST_CASE("corpus: with jieba's words left out, names and terms come first", "[discover][corpus]") {
  const std::string text = corpus();
  std::ifstream dict(std::string(ZHTEXT_DEFAULT_JIEBA_DIR) + "/dict.txt");
  REQUIRE(dict);
  std::unordered_set<std::string> known;
  std::string line;
  while (std::getline(dict, line)) known.insert(line.substr(0, line.find(' ')));
  REQUIRE(known.size() > 300000);
  zhtext::discover_options o;
  o.top = 30;
  auto found = zhtext::discover_words(text, o, known);
  REQUIRE(found);
  REQUIRE(found->size() == 30);
  std::set<std::string> top;
  for (const auto& c : *found) {
    CHECK(known.count(std::string(c.text)) == 0);
    top.insert(std::string(c.text));
  }
  // Facts of the corpus (a team, a test, a residential compound) named in issue 5.
  CHECK(top.count("党员阳光护送队") == 1);
  CHECK(top.count("核酸检测") == 1);
  CHECK(top.count("悦然馨苑") == 1);
}
