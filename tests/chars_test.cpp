// chars_test.cpp - character classes for Chinese text (zhtext/chars.hpp).
#include <catch2/catch.hpp>

#include <zhtext/chars.hpp>

using namespace zhtext;

TEST_CASE("Han ideographs cover every CJK block and extension", "[chars]") {
  for (char32_t c : {U'中', U'〇', U'\u3400', U'\u4DBF', U'\u4E00', U'\u9FFF', U'\uF900', U'\uFAFF',
                     U'\U00020000', U'\U0002A6DF', U'\U0002A700', U'\U0002B739', U'\U0002B740',
                     U'\U0002B820', U'\U0002CEB0', U'\U0002EBE0', U'\U00030000', U'\U0003134A',
                     U'\U00031350', U'\U000323AF', U'\U0002F800', U'\U0002FA1D'})
    CHECK(is_han(c));
  for (char32_t c : {U'a', U'。', U'，', U'\u33FF', U'\u4DC0', U'\uA000', U'\U0002A6E0', U'\U0002FA20',
                     U'\U000323B0', U'ぁ', U'한', U'Ａ'})
    CHECK_FALSE(is_han(c));
}

TEST_CASE("CJK punctuation, full-width forms and ASCII classes", "[chars]") {
  for (char32_t c : {U'。', U'，', U'、', U'；', U'：', U'？', U'！', U'“', U'”', U'‘', U'’', U'《', U'》',
                     U'（', U'）', U'【', U'】', U'「', U'」', U'…', U'—', U'·', U'～', U'﹏'})
    CHECK(is_cjk_punctuation(c));
  for (char32_t c : {U'中', U'〇', U'Ａ', U'１', U'ｚ', U'a', U',', U'\u3000'}) CHECK_FALSE(is_cjk_punctuation(c));
  CHECK(is_fullwidth_ascii(U'Ａ'));
  CHECK(is_fullwidth_ascii(U'～'));
  CHECK_FALSE(is_fullwidth_ascii(U'\u3000'));
  CHECK(is_fullwidth_form(U'￥'));
  CHECK(is_ascii_alpha('z'));
  CHECK(is_ascii_alpha('A'));
  CHECK_FALSE(is_ascii_alpha('@'));
  CHECK_FALSE(is_ascii_alpha('['));
  CHECK_FALSE(is_ascii_alpha(U'ａ'));
  CHECK(is_ascii_digit('7'));
  CHECK_FALSE(is_ascii_digit(U'７'));
  CHECK(is_ascii_alnum('q'));
  CHECK(is_ascii_punctuation('~'));
  CHECK_FALSE(is_ascii_punctuation('a'));
}

TEST_CASE("white space includes the ideographic space", "[chars]") {
  for (char32_t c : {U' ', U'\t', U'\n', U'\r', U'\u3000', U'\u00A0', U'\u2003', U'\u202F'}) CHECK(is_space(c));
  for (char32_t c : {U'a', U'\u200B', U'\uFEFF', U'、'}) CHECK_FALSE(is_space(c));
  CHECK(is_invisible_format(U'\u200B'));
  CHECK(is_invisible_format(U'\uFEFF'));
  CHECK(is_control(U'\0'));
  CHECK(is_control(U'\u0085'));
  CHECK_FALSE(is_control(U' '));
}

TEST_CASE("Chinese numerals and their financial forms", "[chars]") {
  const char32_t digits[] = U"零一二三四五六七八九";
  const char32_t financial[] = U"〇壹贰叁肆伍陆柒捌玖";
  for (int i = 0; i < 10; ++i) {
    CHECK(chinese_numeral_value(digits[i]) == i);
    CHECK(chinese_numeral_value(financial[i]) == i);
  }
  CHECK(chinese_numeral_value(U'两') == 2);
  CHECK(chinese_numeral_value(U'十') == 10);
  CHECK(chinese_numeral_value(U'拾') == 10);
  CHECK(chinese_numeral_value(U'佰') == 100);
  CHECK(chinese_numeral_value(U'仟') == 1000);
  CHECK(chinese_numeral_value(U'萬') == 10000);
  CHECK(chinese_numeral_value(U'亿') == 100000000);
  CHECK(chinese_numeral_value(U'億') == 100000000);
  CHECK(chinese_numeral_value(U'个') == -1);
  CHECK(chinese_numeral_value(U'5') == -1);
  CHECK(is_chinese_numeral(U'〇'));
  CHECK_FALSE(is_chinese_numeral(U'元'));
}

TEST_CASE("width folding and Chinese punctuation forms", "[chars]") {
  CHECK(fold_width(U'Ａ') == U'A');
  CHECK(fold_width(U'ｚ') == U'z');
  CHECK(fold_width(U'０') == U'0');
  CHECK(fold_width(U'，') == U',');
  CHECK(fold_width(U'～') == U'~');
  CHECK(fold_width(U'\u3000') == U' ');
  CHECK(fold_width(U'中') == U'中');
  CHECK(cjk_form_of_ascii_punctuation(',') == U'，');
  CHECK(cjk_form_of_ascii_punctuation('?') == U'？');
  CHECK(cjk_form_of_ascii_punctuation('.') == 0);
}

TEST_CASE("every code point has one class", "[chars]") {
  CHECK(char_class_of(U'中') == char_class::han);
  CHECK(char_class_of(U'。') == char_class::cjk_punctuation);
  CHECK(char_class_of(U'Ａ') == char_class::fullwidth_alnum);
  CHECK(char_class_of(U'a') == char_class::ascii_letter);
  CHECK(char_class_of(U'5') == char_class::ascii_digit);
  CHECK(char_class_of(U',') == char_class::ascii_punctuation);
  CHECK(char_class_of(U'\u3000') == char_class::space);
  CHECK(char_class_of(U'\x01') == char_class::control);
  CHECK(char_class_of(U'é') == char_class::other);
  CHECK(std::string(to_string(char_class::han)) == "han");
}
