// A program that uses zhtext/segment_parallel.hpp, the part of zhtext that starts
// threads: it links zhtext::parallel (CMake) or pkg-config's zhtext-parallel. A
// dictionary written here, no jieba data needed. Prints "parallel: N tokens".
#include <cstdio>
#include <string>

#include <zhtext/segment_parallel.hpp>

int main() {
  auto dict = zhtext::dictionary::parse("社区 10\n书屋 10\n开放 10\n居民 10\n前来 10\n借书 10\n");
  if (!dict) return 1;
  auto seg = zhtext::segmenter::create(std::make_shared<const zhtext::dictionary>(std::move(*dict)), nullptr);
  if (!seg) return 1;
  std::string text;
  while (text.size() < 600 * 1024) text += "社区书屋开放了。居民前来借书！\n";
  std::size_t one = 0, two = 0;
  seg->for_each_token(text, [&](const zhtext::token&) { ++one; });
  zhtext::for_each_token_parallel(*seg, text, [&](const zhtext::token&) { ++two; }, {}, 2);
  std::printf("parallel: %zu tokens\n", two);
  return one == two && one > 0 ? 0 : 1;
}
