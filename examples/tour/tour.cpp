// tour.cpp - the README's API tour, compiled and run by the tests (tests/tour_test.sh):
// segmentation, keywords and pattern matching on one sentence written for the project.
//
//   zhtext-tour          prints the tokens (offset, word), the TF-IDF keywords (word,
//                        weight), the matches (begin..end) and the masked sentence
#include <iostream>
#include <string_view>

#include <zhtext/zhtext.hpp>

int main() {
  std::string_view text = "西宏苑社区党员阳光护送队昨天为居民送去3200多份口罩。";

  auto seg = zhtext::segmenter::load();  // jieba's dictionary + HMM (Debian python3-jieba)
  if (!seg) {
    std::cerr << seg.error().message << '\n';
    return 1;
  }
  for (const zhtext::token& t : seg->tokens(text))  // jieba.cut(text): views + byte offsets
    std::cout << t.offset << ' ' << t.text << '\n';

  auto kw = zhtext::keyword_extractor::load();  // + POS model and idf.txt
  if (!kw) {
    std::cerr << kw.error().message << '\n';
    return 1;
  }
  for (const zhtext::keyword& k : kw->tfidf(text))  // jieba.analyse.extract_tags(text, withWeight=True)
    std::cout << k.word << ' ' << k.weight << '\n';

  zhtext::matcher_builder b({/*fold_case*/ true, /*fold_width*/ true, /*ignorable*/ " *"});
  b.add("党员").value();  // "党 员" and "党*员" match too
  b.add("口罩").value();
  zhtext::matcher m = b.build().value();  // immutable: share it between threads
  for (const zhtext::match& x : m.matches(text)) std::cout << x.begin << ".." << x.end << '\n';
  std::cout << m.mask(text, U'*') << '\n';  // 西宏苑社区**阳光护送队...
  return 0;
}
