// A 10-line program against zhtext: prints the sentences of a sentence pair.
#include <iostream>
#include <zhtext/zhtext.hpp>

int main() {
  const char* text = "社区书屋开放了。居民前来借书！";
  int n = 0;
  for (const zhtext::sentence& s : zhtext::sentences(text)) std::cout << ++n << ' ' << s.text << '\n';
  return n == 2 && zhtext::is_valid_utf8(text) ? 0 : 1;
}
