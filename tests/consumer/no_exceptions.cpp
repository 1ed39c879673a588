// no_exceptions.cpp - the main features of zhtext in a program built with -fno-exceptions
// (tests/no_exceptions_test.sh compiles it so and runs it): UTF-8, Unicode segmentation,
// normalisation, sentences, segmentation (one thread and several), POS tagging, TF-IDF
// keywords, frequency tables, n-grams, pattern matching (built, saved, loaded back),
// entities and numerals, word discovery, TSV/JSON fields. Every check prints a line;
// the exit code is the number of failed checks. Reads jieba's data (Debian
// python3-jieba) like every zhtext program; exits 77 when it is not installed.
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include <zhtext/zhtext.hpp>

namespace {

int failures = 0;

void check(const char* what, bool ok) {
  std::printf("%s %s\n", ok ? "ok  " : "FAIL", what);
  if (!ok) ++failures;
}

std::string join(const std::vector<std::string_view>& v) {
  std::string s;
  for (std::string_view x : v) s += std::string(x) + '/';
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string tmp = argc > 1 ? argv[1] : "/tmp";
  const std::string_view text = "西宏苑社区党员阳光护送队昨天为居民送去3200多份口罩。居民前来借书！";

  // UTF-8 and Unicode.
  check("validate_utf8 names the error", zhtext::validate_utf8("新闻\xE4").offset == 6);
  check("repair_utf8", zhtext::repair_utf8("新闻\xE4") == "新闻\xEF\xBF\xBD");
  check("count_code_points (SIMD path)", zhtext::count_code_points(std::string(100, 'a') + "中") == 101);
  check("graphemes", zhtext::count_graphemes("👍🏽 中文 cafe\u0301!") == 10);
  check("display_width", zhtext::display_width("中文 ok") == 7);

  // Normalisation and sentences.
  zhtext::normalize_options nopt;
  nopt.cjk_punctuation = true;
  check("normalize", zhtext::normalize("护送队共有47名队员,其中\n有21名", nopt).text == "护送队共有47名队员，其中有21名");
  check("sentences", zhtext::sentence_vector(text).size() == 2);

  // Segmentation, one thread and several.
  auto seg = zhtext::segmenter::load();
  if (!seg) {
    std::printf("skip: %s\n", seg.error().message.c_str());
    return 77;
  }
  std::vector<std::string_view> words;
  for (const zhtext::token& t : seg->tokens("他来到了网易杭研大厦")) words.push_back(t.text);
  check("segmenter::tokens", join(words) == "他/来到/了/网易/杭研/大厦/");
  check("add_word", seg->add_word("杭研大厦").ok() && seg->word_strings("他来到了网易杭研大厦").size() == 5);
  std::string big;
  while (big.size() < 600 * 1024) big += std::string(text) + "\n";
  std::size_t one = 0, many = 0;
  seg->for_each_token(big, [&](const zhtext::token&) { ++one; });
  zhtext::for_each_token_parallel(*seg, big, [&](const zhtext::token&) { ++many; }, {}, 2);
  check("for_each_token_parallel = for_each_token", one == many && one > 0);

  // POS tagging and keywords.
  auto tagger = zhtext::pos_tagger::load();
  check("pos_tagger::load", tagger.ok());
  if (tagger) {
    std::string tags;
    for (const zhtext::tagged_token& t : tagger->tagged_token_vector("我爱北京天安门")) tags += std::string(t.text) + '/' + std::string(t.tag) + ' ';
    check("pos_tagger::tagged_token_vector", tags == "我/r 爱/v 北京/ns 天安门/ns ");
  }
  auto kw = zhtext::keyword_extractor::load();
  check("keyword_extractor::load", kw.ok());
  if (kw) {
    const std::vector<zhtext::keyword> top = kw->tfidf(text);
    check("tfidf", !top.empty() && top.front().weight > 0);
  }

  // Frequency tables and n-grams.
  zhtext::frequency_options fopt;
  fopt.stop_words = &zhtext::stop_words::builtin();
  zhtext::frequency_table table(fopt);
  table.add_document(zhtext::char_ngrams(text, 2));
  table.add_document(zhtext::char_ngrams("居民前来", 2));
  check("frequency_table", !table.top(1).empty() && table.top(1).front().token == "居民" &&
                               table.top(1).front().count == 3);
  check("frequency_table TSV round trip", zhtext::frequency_table::from_tsv(table.to_tsv()).ok());

  // Pattern matching: built, saved and loaded back.
  zhtext::matcher_builder b({/*fold_case*/ true, /*fold_width*/ true, /*ignorable*/ " *"});
  check("matcher_builder::add", b.add("党员").value() == 0 && b.add("口罩").ok());
  auto m = b.build();
  check("matcher_builder::build", m.ok());
  if (m) {
    check("matcher::match_vector", m->match_vector(text).size() == 2);
    check("matcher::mask", m->mask("党 员", U'*') == "***");
    const std::string path = tmp + "/zhtext_no_exceptions.zhm";
    check("matcher::save_image", m->save_image(path).ok());
    auto back = zhtext::matcher::load_image(path);
    check("matcher::load_image", back.ok() && back->match_vector(text).size() == 2);
    std::remove(path.c_str());
  }

  // Errors come back as results, never as exceptions.
  check("load_image of a missing file is an error",
        zhtext::matcher::load_image(tmp + "/zhtext_no_such_file.zhm").error().code == zhtext::errc::not_found);
  check("mapped_file of a directory is an error", !zhtext::mapped_file::open(tmp).ok());

  // Entities, numerals, discovery, formats.
  bool quantity = false;
  for (const zhtext::entity& e : zhtext::entities(text))
    quantity = quantity || zhtext::canonical_value(e) == ">3200 份";
  check("entities", quantity);
  check("parse_number", zhtext::parse_number("三千二百").value.mantissa == 3200);
  check("discover_words", zhtext::discover_words(big).ok());
  std::string line;
  zhtext::append_tsv_field(line, "a\tb");
  check("append_tsv_field", line == "a\\tb");
  return failures;
}
