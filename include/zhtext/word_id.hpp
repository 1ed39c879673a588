// zhtext/word_id.hpp - the id the segmenter and the POS tagger hand out with each word.
//
//   seg.for_each_token(text, [&](const zhtext::token& t, zhtext::word_id id) {
//     if (id != zhtext::word_id::none) ++counts[static_cast<std::uint32_t>(id)];
//     else ++other[std::string(t.text)];
//   });
//
// A word id names a string for as long as the segmenter lives: a word the dictionary
// lists (with any frequency) has an id below the dictionary's size in trie cells (about
// twice its word count: jieba's dict.txt, 349,000 words, gives ids below 664,000); a
// user word (add_word & co.) that the dictionary does not list has an id above those,
// which stays the same across later edits; any other token (a string the HMM found,
// punctuation, numbers and Latin words the dictionary does not list) has word_id::none.
// Equal strings get equal ids and different strings different ids, so a table keyed
// by id where there is one and by text where there is none counts every word once.
// Ids of different segmenters (or of a segmenter replaced by move assignment) are
// unrelated. segmenter::word_id_bound() bounds them; segmenter::find_word_id(s) gives
// the id of any string.
#pragma once

#include <cstdint>

namespace zhtext {

/// The id of a word (see the top of this header); word_id::none for a token that is no
/// dictionary or user word.
enum class word_id : std::uint32_t { none = 0xFFFFFFFFu };

}  // namespace zhtext
