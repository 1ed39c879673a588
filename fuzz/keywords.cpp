// fuzz/keywords.cpp - zhtext/keywords.hpp with jieba's data (Debian python3-jieba):
// TF-IDF (with and without allowPOS) and TextRank on any text:
//  - every keyword is a word of the text: a view of one of the tokens they rank
//    (jieba.cut's without allowPOS, the POS tagger's with an allowed tag otherwise);
//  - at most `top` keywords, distinct, weights finite and non-increasing (TextRank's
//    at most 1: jieba scales them by the largest);
//  - the callback, the vector and ranking the tokens yourself (for_each_*_of) agree.
// Input: top (byte), span (byte), flags, then the text.
#include <cmath>
#include <set>
#include <utility>

#include <zhtext/keywords.hpp>

#include "fuzz_support.hpp"

namespace {

const zhtext::keyword_extractor& extractor() {
  static const zhtext::keyword_extractor k = [] {
    auto r = zhtext::keyword_extractor::load();
    if (!r) {
      std::fprintf(stderr, "zhtext fuzz keywords: needs jieba's data (Debian python3-jieba): %s\n",
                   r.error().message.c_str());
      std::exit(1);
    }
    return std::move(*r);
  }();
  return k;
}

using span_set = std::set<std::pair<const char*, std::size_t>>;

void check_keywords(const char* what, std::string_view s, const std::vector<zhtext::keyword>& got,
                    const span_set& words, std::size_t top, double max_weight) {
  const std::string name(what);
  FUZZ_CHECK(top == 0 || got.size() <= top, name + ": " + std::to_string(got.size()) + " keywords, top " +
                                                std::to_string(top));
  std::set<std::string_view> seen;
  for (std::size_t i = 0; i < got.size(); ++i) {
    const zhtext::keyword& k = got[i];
    FUZZ_CHECK(zhtext_fuzz::views_into(k.word, s) && words.count({k.word.data(), k.word.size()}) == 1,
               name + ": keyword " + std::to_string(i) + " '" + std::string(k.word) + "' is not a word of the text");
    FUZZ_CHECK(seen.insert(k.word).second, name + ": keyword '" + std::string(k.word) + "' listed twice");
    FUZZ_CHECK(std::isfinite(k.weight) && k.weight <= max_weight,
               name + ": keyword " + std::to_string(i) + " has weight " + std::to_string(k.weight));
    FUZZ_CHECK(i == 0 || k.weight <= got[i - 1].weight, name + ": weights increase at keyword " + std::to_string(i));
  }
}

bool same(const std::vector<zhtext::keyword>& a, const std::vector<zhtext::keyword>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].word != b[i].word || a[i].weight != b[i].weight) return false;
  return true;
}

void seeds(const zhtext_fuzz::seed_texts& t, std::vector<std::string>& out) {
  for (const std::string& p : t.paragraphs) out.push_back(std::string("\x14\x05\x00", 3) + p);
  for (const std::string& l : t.lines) out.push_back(std::string("\x05\x02\x01", 3) + l);
}

}  // namespace

ZHTEXT_FUZZ_TARGET(keywords, "TF-IDF/TextRank give distinct words of the text, ranked (needs jieba)", seeds) {
  const zhtext::keyword_extractor& kw = extractor();
  zhtext_fuzz::input_reader in(data);
  const std::size_t top = in.byte() % 64;
  const std::size_t span = in.byte() % 12;
  const std::uint8_t flags = in.byte();
  const std::string_view s = in.rest();
  const bool hmm = true;  // what jieba.analyse cuts with

  // TF-IDF over jieba.cut's tokens.
  span_set tokens;
  std::vector<zhtext::token> cut;
  kw.tagger().get_segmenter().for_each_token(s, [&](const zhtext::token& t) {
    tokens.insert({t.text.data(), t.text.size()});
    cut.push_back(t);
  });
  zhtext::tfidf_options topt;
  topt.top = top;
  const auto tfidf = kw.tfidf(s, topt);
  check_keywords("tfidf", s, tfidf, tokens, top, HUGE_VAL);
  std::vector<zhtext::keyword> called, own;
  kw.for_each_tfidf(s, [&](const zhtext::keyword& k) { called.push_back(k); }, topt);
  FUZZ_CHECK(same(called, tfidf), "tfidf: the callback differs from the vector");
  zhtext::for_each_tfidf_of(cut, kw.idf(), kw.stop_words(), [&](const zhtext::keyword& k) { own.push_back(k); }, topt);
  FUZZ_CHECK(same(own, tfidf), "tfidf: ranking the cut tokens yourself differs");

  // With allowPOS, and TextRank: words of the POS tagger with an allowed tag.
  const std::vector<zhtext::tagged_token> tagged = kw.tagger().tag(s, hmm);
  zhtext::tfidf_options popt;
  popt.top = top;
  popt.allow_pos = flags & 1 ? std::vector<std::string>{"n", "ns", "v"} : std::vector<std::string>{"x", "m", "eng"};
  span_set allowed;
  for (const zhtext::tagged_token& t : tagged)
    for (const std::string& a : popt.allow_pos)
      if (t.tag == a) allowed.insert({t.text.data(), t.text.size()});
  check_keywords("tfidf allowPOS", s, kw.tfidf(s, popt), allowed, top, HUGE_VAL);

  zhtext::textrank_options ropt;
  ropt.top = top;
  ropt.span = span;
  if (flags & 1) ropt.allow_pos = popt.allow_pos;
  span_set rank_words;
  for (const zhtext::tagged_token& t : tagged)
    for (const std::string& a : ropt.allow_pos)
      if (t.tag == a) rank_words.insert({t.text.data(), t.text.size()});
  const auto textrank = kw.textrank(s, ropt);
  check_keywords("textrank", s, textrank, rank_words, top, 1.0 + 1e-9);
  std::vector<zhtext::keyword> ranked_own;
  zhtext::for_each_textrank_of(tagged, kw.stop_words(), [&](const zhtext::keyword& k) { ranked_own.push_back(k); }, ropt);
  FUZZ_CHECK(same(ranked_own, textrank), "textrank: ranking the tagged tokens yourself differs");
}
