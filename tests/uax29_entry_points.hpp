// uax29_entry_points.hpp - the public entry points of each UAX #29 segmentation
// (unicode.hpp: graphemes, words, sentences) in one form, as the conformance test and
// the fuzz test compare them: the three shapes (lazy range, callback, vector) each
// giving a vector of segments, and the three boundary functions.
#pragma once

#include <cstddef>
#include <functional>
#include <string_view>
#include <vector>

#include <zhtext/unicode.hpp>

namespace zhtext_test {

using segments_fn = std::function<std::vector<zhtext::segment>(std::string_view)>;
using boundary_fn = std::size_t (*)(std::string_view, std::size_t);
using is_boundary_fn = bool (*)(std::string_view, std::size_t);

struct uax29_entry_points {
  const char* name;
  segments_fn range;     ///< the lazy range, collected
  segments_fn callback;  ///< the for_each_* callback's segments
  segments_fn vector;    ///< the *_vector function
  boundary_fn next;
  boundary_fn previous;
  is_boundary_fn is_boundary;
};

/// The entry points made of one segmentation's three shapes and boundary functions.
template <class Range, class ForEach, class Vector>
uax29_entry_points make_uax29_entry_points(const char* name, Range range, ForEach for_each, Vector vector,
                                           boundary_fn next, boundary_fn previous, is_boundary_fn is_boundary) {
  return {name,
          [range](std::string_view s) {
            const auto r = range(s);
            return std::vector<zhtext::segment>(r.begin(), r.end());
          },
          [for_each](std::string_view s) {
            std::vector<zhtext::segment> v;
            for_each(s, [&](const zhtext::segment& x) { v.push_back(x); });
            return v;
          },
          [vector](std::string_view s) { return vector(s); },
          next,
          previous,
          is_boundary};
}

inline uax29_entry_points grapheme_entry_points() {
  return make_uax29_entry_points("grapheme", zhtext::graphemes, zhtext::for_each_grapheme, zhtext::grapheme_vector,
                                 zhtext::next_grapheme_boundary, zhtext::previous_grapheme_boundary,
                                 zhtext::is_grapheme_boundary);
}
inline uax29_entry_points word_entry_points() {
  return make_uax29_entry_points(
      "word", zhtext::unicode_words, zhtext::for_each_unicode_word,
      [](std::string_view s) { return zhtext::unicode_word_vector(s); }, zhtext::next_word_boundary,
      zhtext::previous_word_boundary, zhtext::is_word_boundary);
}
inline uax29_entry_points sentence_entry_points() {
  return make_uax29_entry_points("sentence", zhtext::unicode_sentences, zhtext::for_each_unicode_sentence,
                                 zhtext::unicode_sentence_vector, zhtext::next_sentence_boundary,
                                 zhtext::previous_sentence_boundary, zhtext::is_sentence_boundary);
}

}  // namespace zhtext_test
