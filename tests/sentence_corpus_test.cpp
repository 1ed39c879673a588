// sentence_corpus_test.cpp - sentence splitting on the news corpus.
#include <catch2/catch.hpp>

#include <zhtext/normalize.hpp>
#include <zhtext/sentence.hpp>

#include "test_support.hpp"

namespace {

std::string file_named(const std::string& prefix) {
  for (const std::string& f : zhtext_test::corpus_files())
    if (f.find("/" + prefix) != std::string::npos) return f;
  FAIL("corpus file " << prefix << "* not found");
  return {};
}

}  // namespace

// Article 003 split by hand: the byte range of each sentence in the raw file. Headings
// and bylines without punctuation are sentences of their own; three sentences of the
// article are cut in two by a blank line in the source text (ranges 26/27, 56/57 and
// 59/60), which the splitter treats as a paragraph break, by design; sentences inside
// quotations end at their own 。？！ (ranges 11/12, 47/48).
TEST_CASE("article 003: hand-checked sentence boundaries", "[sentence][corpus]") {
  const std::string text = zhtext_test::read_file(file_named("003_"));
  REQUIRE(text.size() == 7452);
  const std::vector<zhtext::byte_range> expected = {
      {2, 194}, {194, 329}, {329, 447}, {447, 535}, {539, 557}, {559, 589},
      {591, 619}, {621, 704}, {704, 789}, {791, 889}, {889, 926}, {926, 960},
      {960, 1168}, {1170, 1246}, {1246, 1396}, {1396, 1463}, {1463, 1611}, {1611, 1767},
      {1769, 1832}, {1832, 1993}, {1993, 2066}, {2070, 2107}, {2109, 2259}, {2259, 2357},
      {2357, 2419}, {2421, 2467}, {2469, 2577}, {2577, 2767}, {2767, 2856}, {2858, 3029},
      {3031, 3068}, {3070, 3213}, {3213, 3324}, {3326, 3477}, {3477, 3551}, {3553, 3772},
      {3774, 3787}, {3791, 3803}, {3805, 3835}, {3837, 4052}, {4054, 4133}, {4133, 4267},
      {4267, 4499}, {4501, 4528}, {4530, 4745}, {4745, 4935}, {4937, 5010}, {5010, 5105},
      {5105, 5227}, {5227, 5369}, {5369, 5433}, {5433, 5494}, {5494, 5625}, {5629, 5653},
      {5655, 5725}, {5725, 5992}, {5994, 6060}, {6062, 6293}, {6293, 6381}, {6383, 6431},
      {6431, 6471}, {6471, 6495}, {6497, 6634}, {6636, 6660}, {6662, 6806}, {6808, 7108},
      {7108, 7188}, {7188, 7258}, {7260, 7437}, {7439, 7452},
  };
  std::vector<zhtext::byte_range> got;
  for (const zhtext::sentence& s : zhtext::sentences(text)) got.push_back({s.offset, s.offset + s.text.size()});
  CHECK(got == expected);
}

TEST_CASE("every corpus sentence is whole: no sentence starts with closing punctuation", "[sentence][corpus]") {
  for (const std::string& path : zhtext_test::corpus_files()) {
    INFO(path);
    const std::string text = zhtext_test::read_file(path);
    std::size_t count = 0;
    for (const zhtext::sentence& s : zhtext::sentences(text)) {
      ++count;
      const char32_t first = zhtext::decode_utf8(s.text).value;
      INFO("sentence at " << s.offset << ": " << s.text);
      CHECK_FALSE(zhtext::detail::is_sentence_closer(first));
      CHECK_FALSE(zhtext::detail::never_starts_line(first));
    }
    CHECK(count > 20);
  }
}

TEST_CASE("hard-wrapped article 001 gives the same sentences before and after normalisation",
          "[sentence][corpus]") {
  const std::string raw = zhtext_test::read_file(file_named("001_"));
  const auto norm = zhtext::normalize(raw);
  const auto a = zhtext::sentence_vector(raw);
  const auto b = zhtext::sentence_vector(norm.text);
  REQUIRE(a.size() == b.size());
  CHECK(a.size() > 100);
  for (std::size_t i = 0; i < a.size(); ++i) {
    // The normalised sentence maps back exactly onto the raw one.
    const zhtext::byte_range src = norm.map.to_source(b[i].offset, b[i].offset + b[i].text.size());
    CHECK(src == zhtext::byte_range{a[i].offset, a[i].offset + a[i].text.size()});
  }
}
