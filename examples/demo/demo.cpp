// demo.cpp - what zhtext does to a news text, end to end.
//
//   zhtext-demo              the sample article shipped with the project
//   zhtext-demo FILE         your own text ("-" for standard input)
//
// Prints the text's character statistics, its normalised form, its sentences, its
// words and entities (numbers, quantities, dates, times, bylines), matches of a word
// list, its most frequent Han bigrams, its keywords (TF-IDF and TextRank, as
// jieba.analyse), reprints of it found by the near-duplicate index, and new-word
// candidates (of the news corpus when it is present and no FILE is given), then
// traditional Chinese: OpenCC conversion and the project's traditional sample analysed
// in its own script.
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <unordered_set>
#include <vector>

#include <zhtext/zhtext.hpp>

namespace {

bool read_text(const std::string& path, std::string& text) {
  if (path == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    return true;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  text = ss.str();
  return true;
}

void section(const char* title) { std::cout << "\n== " << title << " ==\n"; }

void print_statistics(std::string_view text) {
  constexpr std::size_t kinds = static_cast<std::size_t>(zhtext::char_class::other) + 1;
  std::array<std::size_t, kinds> count{};
  std::size_t code_points = 0, invalid = 0, lines = 0;
  for (const zhtext::code_point& cp : zhtext::code_points(text)) {
    ++code_points;
    if (!cp.valid) ++invalid;
    if (cp.value == '\n') ++lines;
    ++count[static_cast<std::size_t>(zhtext::char_class_of(cp.value))];
  }
  const zhtext::utf8_validation v = zhtext::validate_utf8(text);
  std::cout << "bytes: " << text.size() << ", code points: " << code_points << ", lines: " << lines << '\n';
  if (v.ok) std::cout << "UTF-8: valid\n";
  else std::cout << "UTF-8: invalid at byte " << v.offset << " (" << zhtext::to_string(v.kind) << "), "
                 << invalid << " ill-formed sequence(s) read as U+FFFD\n";
  for (std::size_t k = 0; k < kinds; ++k)
    if (count[k] != 0) std::cout << "  " << zhtext::to_string(static_cast<zhtext::char_class>(k)) << ": " << count[k] << '\n';
}

// Runs `load` (segmenter::load, pos_tagger::load) and sets `ms` to the milliseconds it
// took; prints why when it fails.
template <class Load>
auto timed_load(const char* what, Load load, double& ms) {
  const auto t0 = std::chrono::steady_clock::now();
  auto loaded = load();
  ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  if (!loaded) std::cout << "cannot load the " << what << ": " << loaded.error().message << '\n';
  return loaded;
}

// Loads jieba's dictionary and HMM (from zhtext's image cache after the first run) and
// prints the text cut into words (jieba's precise mode; tokens joined by two spaces, the
// SIGHAN convention), one line per input line.
void print_segmentation(std::string_view text) {
  double ms = 0;
  auto seg = timed_load("segmenter", [] { return zhtext::segmenter::load(); }, ms);
  if (!seg) return;
  const zhtext::load_report& r = seg->base_dictionary()->report();
  const char* how = r.origin == zhtext::load_report::origin_kind::cache_hit ? "mapped from the image cache"
                                                                             : "compiled from dict.txt (cached for next time)";
  std::cout << "dictionary: " << seg->base_dictionary()->size() << " words, ready in " << ms << " ms (" << how
            << ")\n";
  std::size_t words = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string line;
    seg->for_each_token(text.substr(pos, nl - pos), [&](const zhtext::token& t) {
      for (const zhtext::code_point& c : zhtext::code_points(t.text))
        if (!c.valid || !zhtext::is_space(c.value)) {
          line += line.empty() ? "" : "  ";
          line += t.text;
          ++words;
          break;
        }
    });
    if (!line.empty()) std::cout << line << '\n';
    pos = nl + 1;
  }
  std::cout << "(" << words << " words)\n";
}

// Tags the first sentences with parts of speech, as jieba.posseg does (word/tag).
void print_pos(std::string_view text) {
  double ms = 0;
  auto tagger = timed_load("POS tagger", [] { return zhtext::pos_tagger::load(); }, ms);
  if (!tagger) return;
  std::cout << "tagger ready in " << ms << " ms ("
            << tagger->model().states() << " HMM states, " << tagger->model().tags() << " tags)\n";
  std::size_t n = 0;
  for (const zhtext::sentence& s : zhtext::sentences(text)) {
    if (++n > 2) break;
    std::string line;
    for (const zhtext::tagged_token& t : tagger->tagged_tokens(s.text)) {
      if (t.text.find_first_not_of(" \t\r\n") == std::string_view::npos) continue;
      line += line.empty() ? "" : "  ";
      line += std::string(t.text) + "/" + std::string(t.tag);
    }
    std::cout << line << '\n';
  }
}

// Entities of the normalised text (hard wraps joined), with their bytes in the input.
void print_entities(const zhtext::normalized_text& norm) {
  std::size_t counts[zhtext::entity_kind_count] = {};
  for (const zhtext::entity& e : zhtext::entities(norm.text)) {
    const zhtext::byte_range src = norm.map.to_source(e.offset, e.end());
    std::string kind = zhtext::to_string(e.kind);
    kind.resize(10, ' ');
    std::cout << kind << "[" << src.begin << ".." << src.end << "] " << e.text << "  ->  "
              << zhtext::canonical_value(e) << '\n';
    ++counts[static_cast<std::size_t>(e.kind)];
  }
  std::cout << "(";
  for (std::size_t k = 0, shown = 0; k < zhtext::entity_kind_count; ++k)
    if (counts[k] != 0) std::cout << (shown++ ? ", " : "") << counts[k] << ' ' << zhtext::to_string(static_cast<zhtext::entity_kind>(k));
  std::cout << ")\n";
}

void print_unicode(std::string_view text) {
  std::size_t words = 0;
  zhtext::for_each_unicode_word(text, [&](const zhtext::segment& w) { words += zhtext::is_word_like(w.text); });
  std::cout << "code points: " << zhtext::count_code_points(text) << ", grapheme clusters: "
            << zhtext::count_graphemes(text) << ", UAX #29 words: " << words
            << ", UAX #29 sentences: " << zhtext::unicode_sentence_vector(text).size() << '\n';
  std::string_view headline = text.substr(0, text.find('\n'));
  std::cout << "headline: " << zhtext::display_width(headline) << " terminal columns ("
            << zhtext::display_width(headline, 2) << " with East Asian Ambiguous as wide), "
            << headline.size() << " bytes\n";
  std::cout << "headline in 20 columns: " << zhtext::truncate_to_width(headline, 20) << '\n';
}

// A small filter list over the text: ASCII case and width folded, spaces and '*'
// between the characters of a word ignored.
void print_matches(std::string_view text) {
  zhtext::matcher_builder b({/*fold_case*/ true, /*fold_width*/ true, /*ignorable*/ " *", false});
  for (const char* w : {"党员", "志愿者", "书屋", "abc科技", "图书馆", "居民"}) (void)b.add(w);
  const auto m = b.build();
  if (!m) return;
  std::size_t n = 0;
  std::vector<bool> shown(m->size());
  for (const zhtext::match& x : m->matches(text, zhtext::match_kind::leftmost_longest)) {
    ++n;
    if (shown[x.pattern]) continue;  // the first match of each word
    shown[x.pattern] = true;
    std::cout << "[" << x.begin << ".." << x.end << "] " << text.substr(x.begin, x.size()) << "  <- "
              << m->pattern(x.pattern) << '\n';
  }
  std::cout << n << " matches in all; the first paragraph masked:\n";
  const std::string_view first = text.substr(0, text.find("\n\n", text.find("\n\n") + 2));
  std::cout << m->mask(first, U'＊') << '\n';
}

// Paragraphs: pieces between blank lines.
std::vector<std::string_view> paragraphs(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t b = 0;
  while (b < text.size()) {
    std::size_t e = text.find("\n\n", b);
    if (e == std::string_view::npos) e = text.size();
    if (e > b) out.push_back(text.substr(b, e - b));
    b = e + 2;
  }
  return out;
}

// The news corpus (all files, sorted), or empty when it is absent.
std::string read_corpus() {
  const char* env = std::getenv("ZHTEXT_CORPUS");
  const std::string dir = env != nullptr && *env != '\0' ? env : ZHTEXT_DEFAULT_CORPUS;
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec))
    if (e.path().extension() == ".txt") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  std::string all, one;
  for (const auto& f : files)
    if (read_text(f, one)) all += one + "\n";
  return all;
}

void print_frequencies(std::string_view text) {
  zhtext::frequency_table table;
  zhtext::char_ngram_options han;
  han.han_only = true;
  for (std::string_view para : paragraphs(text)) table.add_document(zhtext::char_ngrams(para, 2, han));
  std::cout << table.size() << " distinct Han bigrams, " << table.total() << " in all, " << table.documents()
            << " paragraphs\nbigram  count  df  first (paragraph, byte)\n";
  for (const auto& r : table.top(10))
    std::cout << r.token << "  " << r.count << "  " << r.df << "  " << r.first.document << ", " << r.first.offset << '\n';
}

void print_new_words(std::string_view own_text, bool own) {
  // jieba's dictionary, to tell new words from known ones (if installed).
  std::unordered_set<std::string> dict;
  std::string dict_text;
  if (read_text(std::string(ZHTEXT_DEFAULT_JIEBA_DIR) + "/dict.txt", dict_text)) {
    std::size_t b = 0;
    while (b < dict_text.size()) {
      std::size_t e = dict_text.find('\n', b);
      if (e == std::string::npos) e = dict_text.size();
      dict.insert(dict_text.substr(b, std::min(e, dict_text.find(' ', b)) - b));
      b = e + 1;
    }
  }
  const std::string corpus = own ? std::string() : read_corpus();
  const std::string_view text = corpus.empty() ? own_text : std::string_view(corpus);
  zhtext::discover_options opt;
  opt.top = 20;
  if (text.size() < 20000) opt.min_count = 2;  // a single article: words repeat less
  const bool exclude = !corpus.empty() && !dict.empty();
  std::cout << "on " << (corpus.empty() ? "this text" : "the news corpus (" + std::to_string(corpus.size()) + " bytes)")
            << (exclude ? ", leaving out the words of jieba's dictionary" : "") << ", min_count " << opt.min_count << '\n';
  const auto t0 = std::chrono::steady_clock::now();
  auto found = zhtext::discover_words(text, opt, [&](std::string_view w) { return exclude && dict.count(std::string(w)) != 0; });
  const auto t1 = std::chrono::steady_clock::now();
  if (!found) {
    std::cout << "error: " << found.error().message << '\n';
    return;
  }
  std::cout << "word  count  cohesion  entropy  score" << (exclude || dict.empty() ? "" : "  (in jieba's dictionary?)") << '\n';
  for (const zhtext::word_candidate& w : *found) {
    char nums[96];
    std::snprintf(nums, sizeof nums, "  %zu  %.2f  %.2f  %.1f", w.count, w.cohesion, w.entropy(), w.score);
    std::cout << w.text << nums;
    if (!exclude && !dict.empty()) std::cout << (dict.count(std::string(w.text)) ? "  known" : "  NEW");
    std::cout << '\n';
  }
  std::cout << "(" << found->size() << " candidates in "
            << std::chrono::duration<double, std::milli>(t1 - t0).count() << " ms)\n";
}

void print_keywords(std::string_view text) {
  // The sample file is one article; so is a FILE given on the command line.
  auto kw = zhtext::keyword_extractor::load();
  if (!kw) {
    std::cout << "error: " << kw.error().message << '\n';
    return;
  }
  const auto t0 = std::chrono::steady_clock::now();
  const std::vector<zhtext::keyword> tfidf = kw->tfidf(text);
  const auto t1 = std::chrono::steady_clock::now();
  const std::vector<zhtext::keyword> textrank = kw->textrank(text);
  const auto t2 = std::chrono::steady_clock::now();
  std::cout << "rank  TF-IDF (extract_tags)     TextRank (textrank)\n";
  for (std::size_t i = 0; i < std::max(tfidf.size(), textrank.size()); ++i) {
    char line[160];
    std::string left = i < tfidf.size() ? std::string(tfidf[i].word) : std::string();
    std::string right = i < textrank.size() ? std::string(textrank[i].word) : std::string();
    // Pad by display columns: a Han character takes two.
    const std::size_t cols = zhtext::display_width(left);
    left.append(cols < 12 ? 12 - cols : 0, ' ');
    std::snprintf(line, sizeof line, "%4zu  %s %9.6f     ", i + 1, left.c_str(), i < tfidf.size() ? tfidf[i].weight : 0.0);
    std::cout << line << right;
    if (i < textrank.size()) {
      std::snprintf(line, sizeof line, "  %.6f", textrank[i].weight);
      std::cout << line;
    }
    std::cout << '\n';
  }
  std::cout << "(the same words, order and weights as jieba.analyse; "
            << std::chrono::duration<double, std::milli>(t1 - t0).count() << " ms TF-IDF, "
            << std::chrono::duration<double, std::milli>(t2 - t1).count() << " ms TextRank)\n";
}

// Reprints: the text as other outlets might run it, and an unrelated notice written for
// the demo; an index finds the reprints and their exact similarity (as `zhtext dedup`
// does over files).
void print_reprints(std::string_view text) {
  const std::vector<std::string_view> paras = paragraphs(text);
  std::string wide;  // reprint 1: a source line on top, every ASCII digit in full width
  wide += "（来源：晚报）\n";
  for (const char c : text) {
    if (c >= '0' && c <= '9') wide += "\xEF\xBC" + std::string(1, static_cast<char>('\x90' + (c - '0')));
    else wide += c;
  }
  std::string dropped;  // reprint 2: the last paragraph dropped, another byline added
  const std::size_t keep = paras.size() > 1 ? paras.size() - 1 : paras.size();
  for (std::size_t i = 0; i < keep; ++i) dropped.append(paras[i]) += "\n\n";
  dropped += "（编辑：周一鸣）\n";
  const std::string notice = "停水通知：因管网维修，明天上午九点至下午五点，东河街道部分小区暂停供水，请居民提前储水。\n";
  const std::vector<std::pair<const char*, std::string_view>> docs = {
      {"the text", text}, {"reprint: source line, full-width digits", wide},
      {"reprint: last paragraph dropped, new byline", dropped}, {"an unrelated notice", notice}};
  auto builder = zhtext::dedup_index_builder::create().value();  // J = 0.8, K = 5
  for (const auto& d : docs) builder.add(d.second, d.first);
  const zhtext::dedup_index index = builder.build().value();
  std::cout << "similarity to the text (exact Jaccard of 5-character shingles):\n";
  for (std::size_t i = 1; i < docs.size(); ++i)
    std::printf("  %.4f  %s\n", zhtext::shingle_similarity(text, docs[i].second), docs[i].first);
  std::cout << "pairs >= 0.8 found by the index (MinHash/LSH candidates, verified exactly):\n";
  for (const zhtext::dedup_pair& p : index.pairs())
    std::printf("  %.4f  %s ~ %s\n", p.similarity, std::string(index.name(p.first)).c_str(),
                std::string(index.name(p.second)).c_str());
  std::cout << index.clusters().size() << " cluster(s) of reprints\n";
}

// OpenCC conversion (convert.hpp) and analysis in the text's own script (script.hpp):
// the sample's headline in Taiwan's standard with its phrases, then the project's
// traditional sample cut and ranked as jieba cuts and ranks its t2s conversion, every
// word and keyword in the original characters.
void print_traditional(std::string_view simplified_text) {
  const auto t0 = std::chrono::steady_clock::now();
  auto s2twp = zhtext::converter::load("s2twp");
  auto simp = zhtext::simplifier::load();
  auto seg = zhtext::segmenter::load();
  auto kw = zhtext::keyword_extractor::load();
  const auto t1 = std::chrono::steady_clock::now();
  if (!s2twp || !simp || !seg || !kw) {
    std::cout << "cannot load OpenCC's data or jieba's: "
              << (!s2twp ? s2twp.error().message : !simp ? simp.error().message : !seg ? seg.error().message
                                                                                       : kw.error().message)
              << '\n';
    return;
  }
  std::cout << "OpenCC s2twp, t2s and s2t ready in " << std::chrono::duration<double, std::milli>(t1 - t0).count()
            << " ms (with jieba's data)\n";
  const std::string_view headline = simplified_text.substr(0, simplified_text.find('\n'));
  std::string tw;
  s2twp->convert_to(tw, headline);
  std::cout << "s2twp: " << headline << "\n    -> " << tw << '\n';

  std::string text;
  if (!read_text(ZHTEXT_SAMPLE_TRADITIONAL, text)) {
    std::cout << "cannot open " << ZHTEXT_SAMPLE_TRADITIONAL << '\n';
    return;
  }
  const zhtext::script_text st = simp->prepare(text, zhtext::text_script::automatic);
  std::cout << "the traditional sample: " << st.converted_lines() << " lines detected as traditional, analysed as\n";
  const std::string_view analysed = st.analysed();
  std::cout << analysed.substr(0, analysed.find('\n')) << " ...\n";
  std::cout << "words (jieba on the t2s text, in the original characters):\n";
  bool line_start = true;
  zhtext::for_each_token(*seg, st, [&](const zhtext::token& t) {
    if (t.text == "\n") {
      std::cout << '\n';
      line_start = true;
      return;
    }
    if (t.text == " ") return;
    std::cout << (line_start ? "  " : " / ") << t.text;
    line_start = false;
  });
  std::cout << "keywords (TF-IDF on the t2s text, first spelling):";
  zhtext::tfidf_options top;
  top.top = 8;
  zhtext::for_each_tfidf(*kw, st, [](const zhtext::keyword& k) { std::cout << "  " << k.word; }, top);
  std::cout << '\n';
}

}  // namespace

int main(int argc, char** argv) {
  const std::string path = argc > 1 ? argv[1] : ZHTEXT_SAMPLE_TEXT;
  std::string text;
  if (!read_text(path, text)) {
    std::cerr << "zhtext-demo: cannot open '" << path << "'\n";
    return 3;
  }
  std::cout << "zhtext " << zhtext::version << " demo on " << (argc > 1 ? path : "the sample news text") << '\n';

  section("characters");
  print_statistics(text);

  section("Unicode segmentation (UAX #29) and width");
  print_unicode(text);

  section("normalised text (joined wraps, Chinese punctuation, folded widths)");
  zhtext::normalize_options opt;
  opt.fold_width = true;
  opt.cjk_punctuation = true;
  const auto t0 = std::chrono::steady_clock::now();
  const zhtext::normalized_text norm = zhtext::normalize(text, opt);
  const auto t1 = std::chrono::steady_clock::now();
  std::cout << norm.text;
  if (!norm.text.empty() && norm.text.back() != '\n') std::cout << '\n';
  std::cout << "(" << norm.map.pieces().size() << " offset-map pieces, "
            << std::chrono::duration<double, std::micro>(t1 - t0).count() << " us)\n";

  section("sentences");
  std::size_t n = 0;
  for (const zhtext::sentence& s : zhtext::sentences(norm.text)) {
    const zhtext::byte_range src = norm.map.to_source(s.offset, s.offset + s.text.size());
    std::cout << ++n << ". [" << src.begin << ".." << src.end << "] " << s.text << '\n';
  }

  section("words (jieba-compatible segmentation, precise mode)");
  print_segmentation(norm.text);
  section("parts of speech (jieba.posseg-compatible, first sentences)");
  print_pos(norm.text);
  section("entities (kind, input bytes, text -> normalised value)");
  print_entities(norm);

  section("matching a word list (folded, ignoring ' ' and '*'), then masking");
  print_matches(text);
  section("word frequencies (Han character bigrams, one document per paragraph)");
  print_frequencies(text);

  section("keywords (top 20 by TF-IDF and by TextRank, with weights)");
  print_keywords(text);

  section("reprints (near-duplicates: shingles, MinHash/LSH, exact Jaccard)");
  print_reprints(text);

  section("new words (discover_words: frequent, cohesive, free n-grams)");
  print_new_words(text, argc > 1);

  section("traditional Chinese (OpenCC conversion; analysis in the text's own script)");
  print_traditional(text);
  return 0;
}
