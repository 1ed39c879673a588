// fuzz/uax29.cpp - zhtext/unicode.hpp, sentence.hpp and width.hpp: grapheme clusters,
// UAX #29 words and sentences, and Chinese sentences.
//  - each UAX #29 segmentation tiles the input (non-empty views, in order, no gap);
//    the lazy range, the callback and the vector agree; the boundary functions
//    (is_/next_/previous_*_boundary) agree with the segments at every offset;
//  - Chinese sentences are non-empty views in order, without overlap, trimmed, in
//    the three shapes alike;
//  - display_width is the sum of the clusters' widths; truncate_to_width gives a
//    prefix ending on a cluster boundary that fits.
#include <zhtext/sentence.hpp>
#include <zhtext/unicode.hpp>
#include <zhtext/width.hpp>

#include "fuzz_support.hpp"

namespace {

using zhtext::segment;

template <class Range, class ForEach, class Split, class IsB, class Next, class Prev>
std::vector<segment> check_segmentation(const char* what, std::string_view s, Range range, ForEach for_each,
                                        Split split, IsB is_b, Next next_b, Prev prev_b, zhtext_fuzz::input_rng& rng) {
  const std::string name(what);
  std::vector<segment> lazy;
  for (const segment& x : range) lazy.push_back(x);
  std::size_t at = 0;
  for (const segment& x : lazy) {
    FUZZ_CHECK(x.offset == at && !x.text.empty() && x.text.data() == s.data() + at,
               name + " segments do not tile the input at byte " + std::to_string(at));
    at += x.text.size();
  }
  FUZZ_CHECK(at == s.size(), name + " segments end at " + std::to_string(at) + " of " + std::to_string(s.size()));
  std::vector<segment> called;
  for_each(s, [&](const segment& x) { called.push_back(x); });
  FUZZ_CHECK(called == lazy, name + ": the callback differs from the lazy range");
  FUZZ_CHECK(split(s) == lazy, name + ": the vector differs from the lazy range");

  // Boundary functions at every offset (a sample of offsets for long inputs).
  const std::size_t n = s.size();
  std::vector<std::size_t> next(n + 1, n), prev(n + 1, 0);  // from the segments
  std::vector<bool> boundary(n + 1, false);
  boundary[0] = boundary[n] = true;
  for (const segment& x : lazy) boundary[x.offset] = true;
  for (std::size_t o = n; o-- > 0;) next[o] = boundary[o + 1] ? o + 1 : next[o + 1];
  for (std::size_t o = 1; o <= n; ++o) prev[o] = boundary[o - 1] ? o - 1 : prev[o - 1];
  const std::size_t step = n > 256 ? n / 128 : 1;
  for (std::size_t o = 0; o <= n + 1; o += step == 1 ? 1 : 1 + rng.below(step)) {
    const bool b = o <= n && boundary[o];
    const std::size_t want_next = o < n ? next[o] : n, want_prev = o <= n ? prev[o] : n;
    FUZZ_CHECK(is_b(s, o) == b, name + ": is_boundary(" + std::to_string(o) + ") = " + std::to_string(!b));
    FUZZ_CHECK(next_b(s, o) == want_next, name + ": next_boundary(" + std::to_string(o) + ") = " +
                                              std::to_string(next_b(s, o)) + ", segments say " + std::to_string(want_next));
    FUZZ_CHECK(prev_b(s, o) == want_prev, name + ": previous_boundary(" + std::to_string(o) + ") = " +
                                              std::to_string(prev_b(s, o)) + ", segments say " + std::to_string(want_prev));
  }
  return lazy;
}

void check_sentences(std::string_view s, const zhtext::sentence_options& opt) {
  std::vector<zhtext::sentence> lazy;
  for (const zhtext::sentence& x : zhtext::sentences(s, opt)) lazy.push_back(x);
  std::size_t at = 0;
  for (const zhtext::sentence& x : lazy) {
    FUZZ_CHECK(x.offset >= at && !x.text.empty() && x.text.data() == s.data() + x.offset &&
                   x.offset + x.text.size() <= s.size(),
               "sentence at " + std::to_string(x.offset) + " overlaps the previous one or leaves the input");
    for (std::string_view edge : {x.text.substr(0, 1), x.text.substr(x.text.size() - 1)})
      FUZZ_CHECK(edge != " " && edge != "\n" && edge != "\t" && edge != "\r",
                 "sentence at " + std::to_string(x.offset) + " is not trimmed");
    at = x.offset + x.text.size();
  }
  std::vector<zhtext::sentence> called;
  zhtext::for_each_sentence(s, [&](const zhtext::sentence& x) { called.push_back(x); }, opt);
  FUZZ_CHECK(called == lazy, "sentences: the callback differs from the lazy range");
  FUZZ_CHECK(zhtext::sentence_vector(s, opt) == lazy, "sentences: the vector differs from the lazy range");
}

void seeds(const zhtext_fuzz::seed_texts& t, std::vector<std::string>& out) {
  for (const std::string& l : t.lines) out.push_back(std::string(1, '\0') + l);
  for (const std::string& p : t.paragraphs) out.push_back(std::string(1, '\3') + p);
  for (const std::string& c : t.utf8_cases) out.push_back(std::string(1, '\1') + c);
}

}  // namespace

ZHTEXT_FUZZ_TARGET(uax29, "graphemes/words/sentences tile the input; boundary functions agree; Chinese sentences; width",
                   seeds) {
  const auto [flags, s] = zhtext_fuzz::split_flags(data);
  zhtext_fuzz::input_rng rng(s);

  const std::vector<segment> clusters = check_segmentation(
      "graphemes", s, zhtext::graphemes(s), [](std::string_view t, auto f) { zhtext::for_each_grapheme(t, f); },
      [](std::string_view t) { return zhtext::grapheme_vector(t); }, zhtext::is_grapheme_boundary,
      zhtext::next_grapheme_boundary, zhtext::previous_grapheme_boundary, rng);
  FUZZ_CHECK(zhtext::count_graphemes(s) == clusters.size(), "count_graphemes differs from the segments");
  const std::vector<segment> words = check_segmentation(
      "words", s, zhtext::unicode_words(s), [](std::string_view t, auto f) { zhtext::for_each_unicode_word(t, f); },
      [](std::string_view t) { return zhtext::unicode_word_vector(t); }, zhtext::is_word_boundary,
      zhtext::next_word_boundary, zhtext::previous_word_boundary, rng);
  std::vector<segment> word_like;
  for (const segment& w : words)
    if (zhtext::is_word_like(w.text)) word_like.push_back(w);
  FUZZ_CHECK(zhtext::unicode_word_vector(s, true) == word_like, "unicode_word_vector(word_like_only) differs");
  check_segmentation(
      "UAX #29 sentences", s, zhtext::unicode_sentences(s),
      [](std::string_view t, auto f) { zhtext::for_each_unicode_sentence(t, f); },
      [](std::string_view t) { return zhtext::unicode_sentence_vector(t); }, zhtext::is_sentence_boundary,
      zhtext::next_sentence_boundary, zhtext::previous_sentence_boundary, rng);

  zhtext::sentence_options opt;
  opt.split_on_semicolon = flags & 1;
  opt.line_breaks = flags & 2 ? zhtext::line_break_mode::always : zhtext::line_break_mode::wrap_aware;
  check_sentences(s, opt);

  // Width: per cluster, and truncation on cluster boundaries.
  const unsigned ambiguous = flags & 4 ? 2 : 1;
  std::size_t sum = 0;
  for (const segment& c : clusters) sum += zhtext::display_width(c.text, ambiguous);
  const std::size_t width = zhtext::display_width(s, ambiguous);
  FUZZ_CHECK(width == sum, "display_width " + std::to_string(width) + ", sum over clusters " + std::to_string(sum));
  const std::size_t columns = rng.below(width + 2);
  const std::string_view cut = zhtext::truncate_to_width(s, columns, ambiguous);
  FUZZ_CHECK(cut.data() == s.data() && zhtext::is_grapheme_boundary(s, cut.size()) &&
                 zhtext::display_width(cut, ambiguous) <= columns,
             "truncate_to_width(" + std::to_string(columns) + ") gives " + std::to_string(cut.size()) + " bytes");
}
