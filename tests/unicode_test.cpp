// unicode_test.cpp - the API of zhtext/unicode.hpp: ranges, callbacks, vectors,
// boundary functions, word-likeness, invalid UTF-8 and the guard against temporaries.
// (Rule coverage is uax29_conformance_test.cpp; robustness is uax29_fuzz_test.cpp.)
#include <catch2/catch.hpp>

#include <iterator>
#include <string>
#include <type_traits>
#include <vector>

#include <zhtext/unicode.hpp>
#include <zhtext/zhtext.hpp>

namespace {

template <class Range>
std::vector<std::string> texts(Range r) {
  std::vector<std::string> out;
  for (const zhtext::segment& s : r) out.emplace_back(s.text);
  return out;
}

std::vector<std::string> texts_of(const std::vector<zhtext::segment>& v) {
  std::vector<std::string> out;
  for (const auto& s : v) out.emplace_back(s.text);
  return out;
}

template <class T, class = void>
struct has_graphemes : std::false_type {};
template <class T>
struct has_graphemes<T, std::void_t<decltype(zhtext::graphemes(std::declval<T>()))>> : std::true_type {};
template <class T, class = void>
struct has_words : std::false_type {};
template <class T>
struct has_words<T, std::void_t<decltype(zhtext::unicode_words(std::declval<T>()))>> : std::true_type {};
template <class T, class = void>
struct has_sentences : std::false_type {};
template <class T>
struct has_sentences<T, std::void_t<decltype(zhtext::unicode_sentences(std::declval<T>()))>> : std::true_type {};

}  // namespace

// A lazy range over a temporary std::string must not compile.
static_assert(!has_graphemes<std::string>::value && !has_words<std::string>::value && !has_sentences<std::string>::value);
static_assert(has_graphemes<std::string&>::value && has_graphemes<std::string_view>::value &&
              has_graphemes<const char*>::value);
static_assert(has_words<const std::string&>::value && has_sentences<std::string_view>::value);
static_assert(std::is_same_v<std::iterator_traits<zhtext::grapheme_range::iterator>::iterator_category,
                             std::forward_iterator_tag>);

TEST_CASE("the example at the top of unicode.hpp", "[unicode]") {
  const std::string_view s = "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD \xE4\xB8\xAD\xE6\x96\x87 cafe\xCC\x81!";
  CHECK(texts(zhtext::graphemes(s)) == std::vector<std::string>{"\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD", " ", "中", "文",
                                                                " ", "c", "a", "f", "e\xCC\x81", "!"});
  CHECK(texts(zhtext::unicode_words(s)) ==
        std::vector<std::string>{"\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD", " ", "中", "文", " ", "cafe\xCC\x81", "!"});
  CHECK(texts_of(zhtext::unicode_word_vector(s, true)) == std::vector<std::string>{"中", "文", "cafe\xCC\x81"});
  CHECK(zhtext::next_grapheme_boundary(s, 0) == 8);
  CHECK(zhtext::display_width(s) == 13);
}

TEST_CASE("graphemes: user-perceived characters", "[unicode]") {
  const std::string s =
      "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7"  // 👨‍👩‍👧
      "\xF0\x9F\x87\xA8\xF0\x9F\x87\xB3\xF0\x9F\x87\xBA\xF0\x9F\x87\xB8"          // 🇨🇳🇺🇸
      "e\xCC\x81"                                                                 // é (decomposed)
      "\r\n"
      "\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB"                                      // 한 (jamo)
      "中";
  const std::vector<std::string> expected = {
      "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7",
      "\xF0\x9F\x87\xA8\xF0\x9F\x87\xB3", "\xF0\x9F\x87\xBA\xF0\x9F\x87\xB8", "e\xCC\x81", "\r\n",
      "\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB", "中"};
  CHECK(texts(zhtext::graphemes(s)) == expected);
  CHECK(texts_of(zhtext::grapheme_vector(s)) == expected);
  CHECK(zhtext::count_graphemes(s) == 7);
  CHECK(zhtext::count_code_points(s) == 17);
  std::size_t offset = 0;
  zhtext::for_each_grapheme(s, [&](const zhtext::segment& g) {
    CHECK(g.offset == offset);
    CHECK(g.text.data() == s.data() + g.offset);
    offset += g.text.size();
  });
  CHECK(offset == s.size());
  CHECK(zhtext::count_graphemes("") == 0);
  CHECK(zhtext::graphemes("").begin() == zhtext::graphemes("").end());
}

TEST_CASE("grapheme boundaries from any byte offset", "[unicode]") {
  const std::string_view s = "中e\xCC\x81z";  // 中 (0..3) é (3..6) z (6..7)
  CHECK(zhtext::next_grapheme_boundary(s, 0) == 3);
  CHECK(zhtext::next_grapheme_boundary(s, 1) == 3);  // inside 中
  CHECK(zhtext::next_grapheme_boundary(s, 3) == 6);
  CHECK(zhtext::next_grapheme_boundary(s, 4) == 6);  // between e and the accent
  CHECK(zhtext::next_grapheme_boundary(s, 6) == 7);
  CHECK(zhtext::next_grapheme_boundary(s, 7) == 7);
  CHECK(zhtext::next_grapheme_boundary(s, 100) == 7);
  CHECK(zhtext::previous_grapheme_boundary(s, 0) == 0);
  CHECK(zhtext::previous_grapheme_boundary(s, 2) == 0);
  CHECK(zhtext::previous_grapheme_boundary(s, 5) == 3);
  CHECK(zhtext::previous_grapheme_boundary(s, 7) == 6);
  CHECK(zhtext::previous_grapheme_boundary(s, 100) == 7);
  CHECK(zhtext::is_grapheme_boundary(s, 0));
  CHECK_FALSE(zhtext::is_grapheme_boundary(s, 1));
  CHECK(zhtext::is_grapheme_boundary(s, 3));
  CHECK_FALSE(zhtext::is_grapheme_boundary(s, 4));
  CHECK(zhtext::is_grapheme_boundary(s, 7));
  CHECK_FALSE(zhtext::is_grapheme_boundary(s, 8));
  // Flags pair up from the start of the run, even when asked in the middle of it.
  std::string flags;
  for (int i = 0; i < 7; ++i) flags += "\xF0\x9F\x87\xA8";  // 7 regional indicators
  CHECK(zhtext::next_grapheme_boundary(flags, 17) == 24);
  CHECK(zhtext::previous_grapheme_boundary(flags, 17) == 16);
  CHECK(zhtext::is_grapheme_boundary(flags, 24));
  CHECK_FALSE(zhtext::is_grapheme_boundary(flags, 20));
  CHECK(zhtext::grapheme_vector(flags).back().text.size() == 4);  // the odd one out
}

TEST_CASE("unicode_words: segments tile the text; is_word_like picks the words", "[unicode]") {
  const std::string s = "Hello, 世界! can't stop 3.14 U.S.A. e-mail 東京タワー";
  const std::vector<std::string> all = {"Hello", ",", " ", "世", "界", "!", " ", "can't", " ", "stop", " ", "3.14",
                                        " ", "U.S.A", ".", " ", "e", "-", "mail", " ", "東", "京", "タワー"};
  CHECK(texts(zhtext::unicode_words(s)) == all);
  CHECK(texts_of(zhtext::unicode_word_vector(s)) == all);
  const std::vector<std::string> words = {"Hello", "世", "界", "can't", "stop", "3.14", "U.S.A", "e", "mail",
                                          "東", "京", "タワー"};
  CHECK(texts_of(zhtext::unicode_word_vector(s, true)) == words);
  CHECK(zhtext::is_word_like("abc"));
  CHECK(zhtext::is_word_like("中"));
  CHECK(zhtext::is_word_like("42"));
  CHECK(zhtext::is_word_like("Ⅻ"));
  CHECK_FALSE(zhtext::is_word_like(" "));
  CHECK_FALSE(zhtext::is_word_like("，"));
  CHECK_FALSE(zhtext::is_word_like("\xF0\x9F\x98\x80"));
  CHECK_FALSE(zhtext::is_word_like(""));
  CHECK_FALSE(zhtext::is_word_like("\xFF"));
  CHECK(zhtext::next_word_boundary(s, 0) == 5);
  CHECK(zhtext::next_word_boundary(s, 2) == 5);
  CHECK(zhtext::previous_word_boundary(s, 2) == 0);
  CHECK(zhtext::is_word_boundary(s, 5));
  CHECK_FALSE(zhtext::is_word_boundary(s, 3));
}

TEST_CASE("unicode_sentences: the UAX #29 default rules", "[unicode]") {
  const std::string s = "He said \"Hi.\" Then left. etc. is fine. 你好。再见！ (Why?) OK\n\nNext";
  const std::vector<std::string> expected = {"He said \"Hi.\" ", "Then left. etc. is fine. ", "你好。", "再见！ ",
                                             "(Why?) ", "OK\n", "\n", "Next"};
  CHECK(texts(zhtext::unicode_sentences(s)) == expected);
  CHECK(texts_of(zhtext::unicode_sentence_vector(s)) == expected);
  std::vector<std::string> via_callback;
  zhtext::for_each_unicode_sentence(s, [&](const zhtext::segment& x) { via_callback.emplace_back(x.text); });
  CHECK(via_callback == expected);
  CHECK(zhtext::next_sentence_boundary(s, 0) == 14);
  CHECK(zhtext::previous_sentence_boundary(s, 20) == 14);
  CHECK(zhtext::is_sentence_boundary(s, 14));
  CHECK_FALSE(zhtext::is_sentence_boundary(s, 13));
  // Decimal numbers and "U.S. Army"-style upper case after a lower/upper letter stay.
  CHECK(zhtext::unicode_sentence_vector("It costs 3.5 dollars.").size() == 1);
}

TEST_CASE("sentence boundaries far from any terminator", "[unicode]") {
  std::string s;
  for (int i = 0; i < 2000; ++i) s += "中文";
  s += "。";
  s += std::string(3000, 'x');
  CHECK(zhtext::next_sentence_boundary(s, 100) == 12003);
  CHECK(zhtext::previous_sentence_boundary(s, 12003) == 0);
  CHECK(zhtext::previous_sentence_boundary(s, 14000) == 12003);
  CHECK(zhtext::is_sentence_boundary(s, 12003));
  CHECK_FALSE(zhtext::is_sentence_boundary(s, 9000));
}

TEST_CASE("ill-formed UTF-8: one U+FFFD per maximal subpart, never lost bytes", "[unicode]") {
  const std::string s = "a\xE4\xB8" "b\xFF\x80" "\xF0\x9F\x98";  // a, E4 B8, b, FF, 80, F0 9F 98
  const std::vector<std::string> g = {"a", "\xE4\xB8", "b", "\xFF", "\x80", "\xF0\x9F\x98"};
  CHECK(texts(zhtext::graphemes(s)) == g);
  // U+FFFD is a symbol (Word_Break=Other): every subpart is its own word segment.
  CHECK(texts(zhtext::unicode_words(s)) == g);
  CHECK(texts(zhtext::unicode_sentences(s)) == std::vector<std::string>{s});
  // A combining mark after an ill-formed subpart extends it, as it extends U+FFFD.
  CHECK(texts(zhtext::graphemes("\xFF\xCC\x81")) == std::vector<std::string>{"\xFF\xCC\x81"});
  CHECK(zhtext::next_grapheme_boundary(s, 2) == 3);
  CHECK(zhtext::previous_grapheme_boundary(s, 2) == 1);
  CHECK_FALSE(zhtext::is_grapheme_boundary(s, 2));
  const std::string nul("a\0b", 3);
  CHECK(zhtext::count_graphemes(nul) == 3);
}

TEST_CASE("the iterators are ordinary forward iterators", "[unicode]") {
  const std::string s = "ab 中";
  auto r = zhtext::unicode_words(s);
  auto it = r.begin();
  auto copy = it++;
  CHECK(copy->text == "ab");
  CHECK(it->text == " ");
  CHECK(it->offset == 2);
  CHECK(std::distance(r.begin(), r.end()) == 3);
  CHECK(zhtext::segment{"ab", 0} == *r.begin());
  CHECK(zhtext::segment{"ab", 1} != *r.begin());
  CHECK_FALSE(r.empty());
  CHECK(std::string(zhtext::unicode_version()) == "15.0.0");
}
