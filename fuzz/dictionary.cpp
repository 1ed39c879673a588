// fuzz/dictionary.cpp - the word-list loaders on arbitrary bytes (the first byte picks
// one): dictionary::parse and dictionary::from_image, segmenter::add_user_dictionary_text,
// idf_table::parse, stop_words::parse and keyword_stop_words::add_text.
//  - text that is refused gets errc::parse_error (or limit_exceeded) with a message
//    "<fuzz>:LINE: ..."; an image that is refused gets errc::corrupt_data;
//  - a parsed dictionary knows each line's word, and its image loads back to the
//    same dictionary; an IDF table knows each line's word with a finite weight; a
//    stop-word list contains each of its words, lower-cased and valid;
//  - whatever loads can be used: a segmenter over any accepted dictionary or image,
//    or with any accepted user dictionary, cuts text into tokens that tile it.
// Image inputs get their size and checksum rewritten when bit 7 of the first byte is
// set (restamp_image), so that the checks behind the checksum are fuzzed too.
#include <cmath>

#include <zhtext/dictionary.hpp>
#include <zhtext/idf.hpp>
#include <zhtext/keywords.hpp>
#include <zhtext/segment.hpp>
#include <zhtext/stop_words.hpp>

#include "fuzz_support.hpp"

namespace {

// A small dictionary written for these tests: the base of the user-dictionary runs.
constexpr std::string_view base_dictionary_text =
    "社区 120 n\n居民 90 n\n志愿者 60 n\n志愿 30 n\n服务 80 vn\n口罩 20 n\n今天 70 t\n"
    "来到 40 v\n北京 100 ns\n的 500 uj\n了 300 ul\n是 400 v\n一 200 m\n中 150 f\n";

const std::shared_ptr<const zhtext::dictionary>& base_dictionary() {
  static const std::shared_ptr<const zhtext::dictionary> d =
      std::make_shared<const zhtext::dictionary>(*zhtext::dictionary::parse(base_dictionary_text, "<base>"));
  return d;
}

constexpr std::string_view sample_text = "今天社区志愿者来到北京，为居民服务。ABC 123\r\n中\xE4\xB8";

// Python's bytes.strip(): ASCII white space at both ends.
std::string_view strip(std::string_view s) {
  const char* ws = " \t\n\r\x0b\x0c";
  const std::size_t b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(ws) - b + 1);
}

// The first field of each non-blank line (stripped, cut at the first space).
std::vector<std::string_view> line_words(std::string_view text) {
  std::vector<std::string_view> out;
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    const std::string_view line = strip(text.substr(0, nl));
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    if (!line.empty()) out.push_back(line.substr(0, line.find(' ')));
  }
  return out;
}

void check_refusal(const char* what, const zhtext::error& e) {
  const bool text_error = e.code == zhtext::errc::parse_error || e.code == zhtext::errc::limit_exceeded;
  FUZZ_CHECK(text_error && e.message.rfind("<fuzz>:", 0) == 0,
             std::string(what) + " refuses with " + zhtext::to_string(e.code) + " '" + e.message +
                 "' (want parse_error \"<fuzz>:LINE: ...\")");
}

void check_cuts(const zhtext::segmenter& seg, std::string_view text) {
  for (zhtext::cut_mode mode : {zhtext::cut_mode::precise, zhtext::cut_mode::full, zhtext::cut_mode::search}) {
    std::size_t at = 0;
    seg.for_each_token(text, [&](const zhtext::token& t) {
      FUZZ_CHECK(t.offset <= text.size(), "a token starts past the text");
      if (mode != zhtext::cut_mode::precise) return;
      FUZZ_CHECK(t.offset == at && t.text.data() == text.data() + at && !t.text.empty(),
                 "precise tokens do not tile the text at byte " + std::to_string(at));
      at += t.text.size();
    }, {mode, false});
    FUZZ_CHECK(mode != zhtext::cut_mode::precise || at == text.size(), "precise tokens end at " + std::to_string(at));
  }
}

void use_dictionary(const zhtext::dictionary& d, std::string_view input) {
  (void)d.size();
  for (std::string_view w : line_words(input.substr(0, 512))) {
    (void)d.find(w);
    (void)d.freq(w);
  }
  if (d.total() <= 0) return;
  // A segmenter over a copy (the segmenter shares it).
  auto copy = zhtext::dictionary::from_image(d.image(), "<copy>");
  FUZZ_CHECK(copy.ok(), "an accepted image does not load from its own bytes: " + copy.error().message);
  auto seg = zhtext::segmenter::create(std::make_shared<const zhtext::dictionary>(std::move(*copy)), nullptr);
  FUZZ_CHECK(seg.ok(), "no segmenter over an accepted dictionary: " + seg.error().message);
  check_cuts(*seg, sample_text);
  check_cuts(*seg, input.substr(0, 1024));
}

void seeds(const zhtext_fuzz::seed_texts& t, std::vector<std::string>& out) {
  auto add = [&](char kind, std::string_view body) { out.push_back(std::string(1, kind) + std::string(body)); };
  add(0, base_dictionary_text);
  add(0, "社区 12 n\n社区服务 3\n\n  北京 7 ns  \r\n");
  auto d = zhtext::dictionary::parse(base_dictionary_text, "<base>");
  add(1, d->image());
  add(static_cast<char>(0x81), d->image());
  add(2, t.userdict);
  add(3, t.idf);
  add(4, t.stop_words);
  add(5, t.stop_words);
  for (std::size_t i = 0; i < t.lines.size() && i < 16; ++i) add(static_cast<char>(i % 6), t.lines[i]);
}

}  // namespace

ZHTEXT_FUZZ_TARGET(dictionary, "dictionary text/images, user dictionaries, IDF tables, stop words: refused or usable",
                   seeds) {
  const auto [flags, text] = zhtext_fuzz::split_flags(data);
  switch (flags % 6) {
    case 0: {  // jieba's dict.txt format
      auto d = zhtext::dictionary::parse(text, "<fuzz>");
      if (!d) return check_refusal("dictionary::parse", d.error());
      for (std::string_view w : line_words(text))
        FUZZ_CHECK(d->freq(w).has_value(), "the parsed dictionary lacks the word '" + std::string(w) + "' of a line");
      auto again = zhtext::dictionary::parse(text, "<fuzz>");
      FUZZ_CHECK(again.ok() && again->image() == d->image(), "parsing the same text twice gives different images");
      auto back = zhtext::dictionary::from_image(d->image());
      FUZZ_CHECK(back.ok() && back->size() == d->size() && back->total() == d->total(),
                 "a parsed dictionary's image does not load back to it");
      use_dictionary(*d, text);
      return;
    }
    case 1: {  // a compiled dictionary image
      const auto restamped = flags & 0x80 ? zhtext_fuzz::restamp_image(text) : std::vector<std::uint64_t>();
      const std::string_view image = flags & 0x80 ? zhtext_fuzz::bytes_of(restamped, text.size()) : text;
      auto d = zhtext::dictionary::from_image(image, "<fuzz>");
      if (!d) {
        FUZZ_CHECK(d.error().code == zhtext::errc::corrupt_data, "a bad image gives " +
                                                                     std::string(zhtext::to_string(d.error().code)));
        return;
      }
      use_dictionary(*d, text);
      return;
    }
    case 2: {  // a user dictionary (jieba.load_userdict) over the base dictionary
      auto seg = zhtext::segmenter::create(base_dictionary(), nullptr);
      if (auto r = seg->add_user_dictionary_text(text, "<fuzz>"); !r) {
        check_refusal("add_user_dictionary_text", r.error());
        FUZZ_CHECK(seg->total() == base_dictionary()->total(), "a refused user dictionary changed the segmenter");
        return;
      }
      check_cuts(*seg, sample_text);
      check_cuts(*seg, text.substr(0, 1024));
      return;
    }
    case 3: {  // jieba's idf.txt format
      auto t = zhtext::idf_table::parse(text, "<fuzz>");
      if (!t) return check_refusal("idf_table::parse", t.error());
      FUZZ_CHECK(std::isfinite(t->median()), "the median IDF is " + std::to_string(t->median()));
      FUZZ_CHECK(t->size() == 0 || !t->image().empty(), "a table with words has no image");
      // jieba's idf.txt is read as Python text: str.splitlines() and str.strip(), which
      // also take Unicode white space (U+3000, U+2028, \x1c...), unlike dict.txt's bytes.
      zhtext::detail::py_splitlines(text, [&](std::string_view raw, std::size_t) {
        const std::string_view line = zhtext::detail::py_strip(raw);
        if (line.empty()) return;
        const std::string_view w = line.substr(0, line.find(' '));
        const double* v = t->find(w);
        FUZZ_CHECK(v != nullptr && std::isfinite(*v), "the IDF table lacks the word '" + std::string(w) + "' of a line");
      });
      return;
    }
    case 4: {  // a stop-word list
      auto sw = zhtext::stop_words::parse(text, "<fuzz>");
      if (!sw) return check_refusal("stop_words::parse", sw.error());
      const std::vector<std::string_view> words = sw->words();
      FUZZ_CHECK(words.size() == sw->size(), "words() lists " + std::to_string(words.size()) + " of " +
                                                 std::to_string(sw->size()));
      for (std::string_view w : words) {
        FUZZ_CHECK(sw->contains(w) && zhtext::is_valid_utf8(w) && w.size() <= 255, "stop word '" + std::string(w) + "'");
        for (char c : w) FUZZ_CHECK(!(c >= 'A' && c <= 'Z'), "stop word '" + std::string(w) + "' is not lower-cased");
      }
      auto same = zhtext::stop_words::from_words(words);
      FUZZ_CHECK(same.ok() && same->size() == sw->size(), "from_words(words()) differs");
      FUZZ_CHECK(sw->merged_with(zhtext::stop_words::builtin()).size() >= zhtext::stop_words::builtin().size(),
                 "merged_with loses words");
      return;
    }
    default: {  // jieba.analyse's set_stop_words
      zhtext::keyword_stop_words sw;
      if (auto r = sw.add_text(text, "<fuzz>"); !r) {
        check_refusal("keyword_stop_words::add_text", r.error());
        FUZZ_CHECK(sw.size() == 0, "a refused stop-word text added words");
        return;
      }
      std::string buffer;
      for (std::string_view w : line_words(text.substr(0, 512))) (void)sw.matches(w, buffer);
      return;
    }
  }
}
