// ngrams.cpp - character n-grams of text holding invalid UTF-8 (ngrams.hpp).
#include "ngrams.hpp"

namespace cli {

void for_each_repaired_ngram(std::string_view text, std::size_t n, const zhtext::char_ngram_options& options,
                             const std::function<void(std::string_view, std::size_t)>& f) {
  zhtext::for_each_repaired_char_ngram(text, n, [&](const zhtext::ngram& g) { f(g.text, g.offset); }, options);
}

}  // namespace cli
