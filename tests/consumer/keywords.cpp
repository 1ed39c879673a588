// A program that loads jieba's models (the functions zhtext::compiled compiles once):
// tags a text and ranks its keywords, and reports a dictionary that does not exist.
// consumer_test.sh builds it header-only (zhtext::zhtext, pkg-config zhtext) and in
// compiled mode (zhtext::compiled, pkg-config zhtext-compiled): the outputs must match.
#include <cstdio>
#include <string>
#include <zhtext/keywords.hpp>

int main() {
  auto kw = zhtext::keyword_extractor::load();
  if (!kw) {
    std::fprintf(stderr, "%s\n", kw.error().message.c_str());
    return 1;
  }
  const std::string text = "社区书屋开放了，居民前来借书。书屋的书由居民捐赠，社区书屋每天开放。";
  for (const zhtext::tagged_token& t : kw->tagger().tagged_token_vector(text))
    std::printf("%.*s/%.*s ", int(t.text.size()), t.text.data(), int(t.tag.size()), t.tag.data());
  std::printf("\n");
  for (const zhtext::keyword& k : kw->tfidf(text)) std::printf("%.*s %.6f\n", int(k.word.size()), k.word.data(), k.weight);
  auto missing = zhtext::dictionary::load("/nonexistent/zhtext/dict.txt");
  std::printf("%s\n", missing ? "loaded?" : missing.error().message.c_str());
  return missing ? 1 : 0;
}
