// Segments a file and ranks its keywords (TF-IDF): the zhtext side of compile_bench.sh.
#include <cstdio>
#include <zhtext/file.hpp>
#include <zhtext/keywords.hpp>
int main(int argc, char** argv) {
  auto file = zhtext::mapped_file::open(argc > 1 ? argv[1] : "");
  auto kw = zhtext::keyword_extractor::load();
  if (!file || !kw) return 1;
  std::size_t tokens = 0;
  kw->tagger().get_segmenter().for_each_token(file->bytes(), [&](const zhtext::token&) { ++tokens; });
  std::printf("%zu tokens\n", tokens);
  for (const zhtext::keyword& k : kw->tfidf(file->bytes())) std::printf("%.*s %.6f\n", int(k.word.size()), k.word.data(), k.weight);
}
