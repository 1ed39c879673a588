// Segments a file and ranks its keywords (TF-IDF): the cppjieba side of compile_bench.sh.
#include <cstdio>
#include <fstream>
#include <sstream>
#include "cppjieba/Jieba.hpp"
int main(int argc, char** argv) {
  const std::string d = argc > 2 ? argv[2] : ".";
  cppjieba::Jieba jieba(d + "/jieba.dict.utf8", d + "/hmm_model.utf8", d + "/user.dict.utf8", d + "/idf.utf8", d + "/stop_words.utf8");
  std::ifstream in(argc > 1 ? argv[1] : "");
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  std::vector<std::string> words;
  jieba.Cut(text, words, true);
  std::printf("%zu tokens\n", words.size());
  std::vector<cppjieba::KeywordExtractor::Word> kws;
  jieba.extractor.Extract(text, kws, 20);
  for (const auto& k : kws) std::printf("%s %.6f\n", k.word.c_str(), k.weight);
}
