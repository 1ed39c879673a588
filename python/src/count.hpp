// python/src/count.hpp - zhtext.count(): the tokens `zhtext count` counts, in a
// frequency_table, so that to_tsv() gives the program's bytes for the same documents.
//
// What `zhtext count` counts (its --help): tokens never span a line break ('\n');
// words are cut line by line as jieba cuts (segmenter::run with the chosen mode);
// n-grams are taken inside the runs of characters between white space
// (char_ngram_options::space_breaks); tokens that
// are empty or only white space are never counted; each input (here: each document)
// is one document, or each line with per_line. Filters are frequency_options'.
// Uses only the public API (segment.hpp, ngram.hpp, chars.hpp, frequency.hpp).
#pragma once

#include <zhtext/chars.hpp>
#include <zhtext/frequency.hpp>
#include <zhtext/ngram.hpp>
#include <zhtext/segment.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace zhtext_py {

struct count_spec {
  const zhtext::segmenter* words = nullptr;  // null: character n-grams
  zhtext::cut_options cut;
  std::size_t n = 1;
  zhtext::char_ngram_options ngram{false, true};  // n-grams inside the runs between white space
  bool per_line = false;
};

/// True if `t` is empty or only Unicode White_Space (never counted).
inline bool blank_token(std::string_view t) {
  for (const zhtext::code_point& c : zhtext::code_points(t))
    if (!c.valid || !zhtext::is_space(c.value)) return false;
  return true;
}

/// Counts one document's tokens into `table` (a new document, or one per line).
inline void count_document(const count_spec& spec, std::string_view text, zhtext::frequency_table& table) {
  if (!spec.per_line) table.begin_document();
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    const std::string_view line = text.substr(pos, nl - pos);
    const std::uint64_t base = spec.per_line ? pos : 0;  // offsets are in the document
    if (spec.per_line) table.begin_document();
    auto add = [&](std::string_view token, std::size_t at) { table.add(token, pos + at - base); };
    if (spec.words != nullptr) {
      spec.words->for_each_token(line, [&](const zhtext::token& t) {
        if (!blank_token(t.text)) add(t.text, t.offset);
      }, spec.cut);
    } else {
      for (const zhtext::ngram& g : zhtext::char_ngrams(line, spec.n, spec.ngram)) add(g.text, g.offset);
    }
    pos = nl + 1;
  }
}

}  // namespace zhtext_py
