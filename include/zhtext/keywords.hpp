// zhtext/keywords.hpp - keyword extraction identical to jieba.analyse 0.42.1: TF-IDF
// (extract_tags) and TextRank (textrank), same words, same order, same weights.
//
//   auto kw = zhtext::keyword_extractor::load();      // segmenter, POS tagger, jieba's idf.txt
//   if (!kw) { std::cerr << kw.error().message << '\n'; return 1; }
//   for (const zhtext::keyword& k : kw->tfidf(text))   // jieba.analyse.extract_tags(text, withWeight=True)
//     std::cout << k.word << ' ' << k.weight << '\n';
//   zhtext::tfidf_options top5;
//   top5.top = 5;
//   kw->for_each_tfidf(text, [](const zhtext::keyword& k) { ... }, top5);   // no allocation per keyword
//   auto tr = kw->textrank(text);                      // jieba.analyse.textrank(text, withWeight=True)
//
// TF-IDF: the words of jieba.cut(text) that have at least two characters once white
// space is stripped and are not stop words, weighted count * idf / total, where idf
// comes from the IDF table (median IDF for unknown words) and total is the number of
// such words. TextRank: the same filter plus a POS filter on jieba.posseg's words,
// a co-occurrence graph over a window of 5 words, ranked as jieba ranks it (see
// detail/keywords/rank.hpp for both algorithms step by step). Both sort by weight
// descending, ties in order of first occurrence, as Python's stable sort does.
//
// Stop words are jieba.analyse's (31 English words: the, of, is, ...) plus the lines
// of the files you add, compared with the word lower-cased (ASCII) as jieba does.
//
// Keywords are views into the text: valid while the text is. Thread safety: an
// extractor's const member functions (the extractions) may run concurrently; the
// setters need exclusive access (configure first, then share). idf_table and
// keyword_stop_words are immutable after loading. Each thread keeps one set of
// scratch buffers, so extracting allocates nothing per keyword once warm.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "detail/containers/flat_map.hpp"
#include "detail/storage/image.hpp"
#include "detail/storage/image_cache.hpp"
#include "detail/keywords/rank.hpp"
#include "detail/keywords/text.hpp"
#include "detail/storage/mapped_file.hpp"
#include "detail/containers/string_arena.hpp"
#include "detail/keywords/token_filter.hpp"
#include "jieba_data.hpp"
#include "pos.hpp"
#include "result.hpp"
#include "segment.hpp"
#include "utf8.hpp"

namespace zhtext {

/// A keyword and its weight; `word` views the text it was extracted from.
struct keyword {
  std::string_view word;
  double weight = 0;
};

/// jieba.analyse.extract_tags's parameters.
struct tfidf_options {
  std::size_t top = 20;                ///< topK; 0 = every word (jieba's topK=None or 0)
  std::vector<std::string> allow_pos;  ///< allowPOS; empty = every word of jieba.cut (needs no tagger)
};

/// jieba.analyse.textrank's parameters.
struct textrank_options {
  std::size_t top = 20;                                        ///< topK; 0 = every word
  std::vector<std::string> allow_pos = {"ns", "n", "vn", "v"};  ///< allowPOS (empty: no word passes, as in jieba)
  std::size_t span = 5;  ///< TextRank.span: a word is linked to the span - 1 words after it
};

// ---------------------------------------------------------------------------------

/// An IDF table in jieba's format (analyse/idf.txt): one "word weight" per line.
///
/// Reading follows jieba's IDFLoader: the file is UTF-8, split into lines as Python's
/// str.splitlines() splits, each line stripped of white space and split at single
/// spaces into exactly two fields, the weight read as Python's float() reads it; a
/// word listed twice keeps its last weight; the median is sorted(weights)[n // 2].
/// Where jieba raises an exception zhtext returns errc::parse_error "FILE:LINE: ..."
/// (invalid UTF-8, a line without exactly one space, a weight that is not a finite
/// decimal number, no entries) - except for blank lines, which are skipped.
///
/// The table is a compiled image (kind "jiebaidf"): a hash index of 64-bit slots (the
/// entry number + 1, and the high half of the word's detail::hash_bytes), the entries
/// (word offset, word size, weight) and the words' bytes. load() goes through the image
/// cache (see jieba_data.hpp): the first load parses the file, later ones map the image.
///
/// Cost: parsing jieba's 270,000 lines takes ~30 ms plus ~15 µs a page fault for its
/// ~11 MB of tables (110 ms in all on a virtual machine); a cached image loads in a
/// few ms. A lookup is one hash probe. Immutable; thread-safe; movable.
class idf_table {
 public:
  /// An empty table: every word gets the median, 0.
  idf_table() = default;
  idf_table(idf_table&&) noexcept = default;
  idf_table& operator=(idf_table&&) noexcept = default;
  idf_table(const idf_table&) = delete;
  idf_table& operator=(const idf_table&) = delete;

  /// Parses the text of an IDF file; `name` is used in error messages.
  static result<idf_table> parse(std::string_view text, std::string_view name = "<idf>") {
    return parse_impl(text, name, 0);
  }

  /// Reads an IDF file (jieba's set_idf_path) through the image cache. Errors:
  /// errc::not_found, errc::io_error, errc::parse_error "PATH:LINE: ...".
  static result<idf_table> load(const std::string& path, const cache_options& cache = {}) {
    return detail::load_through_cache<idf_table>(
        kind, version, {path}, cache, from_storage,
        [&](const std::vector<detail::mapped_file>& f, std::uint64_t fp) { return parse_impl(f[0].bytes(), path, fp); },
        [](const idf_table& t) { return t.fingerprint_; }, [](idf_table& t) -> load_report& { return t.report_; });
  }

  /// jieba's own table: <jieba data dir>/analyse/idf.txt (see jieba_data.hpp).
  static result<idf_table> load_default(std::string_view jieba_dir = {}, const cache_options& cache = {}) {
    const std::string path = detail::join_path(jieba_data_dir(jieba_dir), "analyse/idf.txt");
    return detail::with_install_hint(load(path, cache), jieba_install_hint);
  }

  /// The compiled image (empty for an empty table) and how the table was obtained.
  std::string_view image() const noexcept { return storage_.bytes(); }
  const load_report& report() const noexcept { return report_; }

  /// The IDF of `word`, or nullptr when the table does not list it.
  const double* find(std::string_view word) const noexcept {
    const std::size_t e = find_entry(word, detail::hash_bytes(word));
    return e == npos ? nullptr : &entries_[e].weight;
  }
  /// The IDF of `word`; the median IDF when the table does not list it (as jieba).
  double idf(std::string_view word) const noexcept { return idf(word, detail::hash_bytes(word)); }
  /// idf(word) for a word whose detail::hash_bytes is `hash` (no second hashing).
  double idf(std::string_view word, std::uint64_t hash) const noexcept {
    const std::size_t e = find_entry(word, hash);
    return e == npos ? median_ : entries_[e].weight;
  }
  /// Starts fetching the table's memory for a lookup of `hash` (batches of lookups).
  void prefetch(std::uint64_t hash) const noexcept {
    if (slots_ != nullptr) __builtin_prefetch(&slots_[static_cast<std::size_t>(hash) & mask_]);
  }
  /// sorted(weights)[size() / 2], jieba's median_idf.
  double median() const noexcept { return median_; }
  /// Distinct words.
  std::size_t size() const noexcept { return count_; }

 private:
  // The image's layout. Its lookups depend on detail::hash_bytes: a change there
  // needs a new version (cached images would otherwise miss every word).
  static constexpr char kind[] = "jiebaidf";
  static constexpr std::uint32_t version = 1;
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  struct entry {
    std::uint32_t word_offset, word_size;
    double weight;
  };
  static_assert(sizeof(entry) == 16, "the image stores entries as 16 bytes");

  std::size_t find_entry(std::string_view word, std::uint64_t h) const noexcept {
    if (slots_ == nullptr) return npos;
    const std::uint64_t tag = h >> 32;
    std::size_t i = static_cast<std::size_t>(h) & mask_;
    for (std::size_t n = 0; n <= mask_; ++n, i = (i + 1) & mask_) {  // bounded even in a crafted image
      const std::uint64_t s = slots_[i];
      if (s == 0) return npos;
      if ((s >> 32) != tag) continue;
      const std::size_t e = static_cast<std::size_t>(s & 0xFFFFFFFFu) - 1;  // < count_ (checked on opening)
      const entry& x = entries_[e];
      if (x.word_size == word.size() && detail::bytes_equal(std::string_view(words_ + x.word_offset, x.word_size), word))
        return e;
    }
    return npos;
  }

  static result<idf_table> from_storage(detail::image_storage storage, const std::string& name) {
    idf_table t;
    t.storage_ = std::move(storage);
    auto img = detail::open_image(t.storage_.bytes(), kind, version, 4, name);
    if (!img) return img.error();
    auto bad = [&](const char* why) { return make_error(errc::corrupt_data, "'" + name + "': " + why); };
    const auto& s = img->sections;
    if (s[0].size != 3 * 8) return bad("bad IDF header");
    std::uint64_t count, slot_count;
    std::memcpy(&t.median_, s[0].data, 8);
    std::memcpy(&count, s[0].data + 8, 8);
    std::memcpy(&slot_count, s[0].data + 16, 8);
    if (count == 0 || count >= 0xFFFFFFFFu || slot_count <= count || (slot_count & (slot_count - 1)) != 0 ||
        s[1].size % 8 != 0 || s[1].size / 8 != slot_count || s[2].size != count * sizeof(entry))  // no overflow
      return bad("bad IDF table sizes");
    t.slots_ = reinterpret_cast<const std::uint64_t*>(s[1].data);
    t.entries_ = reinterpret_cast<const entry*>(s[2].data);
    t.words_ = reinterpret_cast<const char*>(s[3].data);
    t.count_ = static_cast<std::size_t>(count);
    t.mask_ = static_cast<std::size_t>(slot_count - 1);
    for (std::size_t i = 0; i < t.count_; ++i)
      if (std::uint64_t{t.entries_[i].word_offset} + t.entries_[i].word_size > s[3].size) return bad("IDF word out of bounds");
    for (std::size_t i = 0; i <= t.mask_; ++i)
      if ((t.slots_[i] & 0xFFFFFFFFu) > count) return bad("IDF index out of bounds");
    t.fingerprint_ = img->fingerprint;
    return t;
  }

  static result<idf_table> parse_impl(std::string_view text, std::string_view name, std::uint64_t fingerprint) {
    const utf8_validation v = validate_utf8(text);
    if (!v.ok) {
      const std::size_t line = 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(v.offset), '\n'));
      return make_error(errc::parse_error, std::string(name) + ":" + std::to_string(line) + ": invalid UTF-8 at byte " + std::to_string(v.offset));
    }
    detail::flat_map<std::string_view, double> map;  // words point into `text`
    map.reserve(text.size() / 24);
    std::string err;
    detail::py_splitlines(text, [&](std::string_view raw, std::size_t line) {
      if (!err.empty()) return;
      const std::string_view s = detail::py_strip(raw);
      if (s.empty()) return;
      const std::size_t sp = s.find(' ');
      double w = 0;
      if (sp == std::string_view::npos || s.find(' ', sp + 1) != std::string_view::npos) {
        err = std::string(name) + ":" + std::to_string(line) + ": expected 'word weight' separated by one space";
      } else if (!detail::parse_py_float(s.substr(sp + 1), w)) {
        err = std::string(name) + ":" + std::to_string(line) + ": '" + std::string(s.substr(sp + 1)) +
              "' is not a finite decimal number";
      } else {
        const std::string_view word = s.substr(0, sp);
        map[map.find_or_insert(word, detail::hash_bytes(word), [&] { return word; }).first].value = w;
      }
    });
    if (!err.empty()) return make_error(errc::parse_error, std::move(err));
    if (map.empty()) return make_error(errc::parse_error, std::string(name) + ": no 'word weight' lines");
    const std::size_t count = map.size();
    std::vector<entry> entries;
    entries.reserve(count);
    std::vector<double> weights;
    weights.reserve(count);
    std::string words;
    for (const auto& e : map.entries()) {
      if (words.size() + e.key.size() > 0xFFFFFFFFu)
        return make_error(errc::parse_error, std::string(name) + ": more than 4 GB of words");
      entries.push_back({static_cast<std::uint32_t>(words.size()), static_cast<std::uint32_t>(e.key.size()), e.value});
      words += e.key;
      weights.push_back(e.value);
    }
    std::size_t slot_count = 2;
    while (slot_count < count + count / 2 + 1) slot_count *= 2;  // load factor <= 2/3
    std::vector<std::uint64_t> slots(slot_count);
    for (std::size_t i = 0; i < count; ++i) {
      const std::uint64_t h = detail::hash_bytes(std::string_view(words.data() + entries[i].word_offset, entries[i].word_size));
      std::size_t j = static_cast<std::size_t>(h) & (slot_count - 1);
      while (slots[j] != 0) j = (j + 1) & (slot_count - 1);
      slots[j] = (h >> 32 << 32) | (i + 1);
    }
    const auto mid = weights.begin() + static_cast<std::ptrdiff_t>(weights.size() / 2);
    std::nth_element(weights.begin(), mid, weights.end());
    const double median = *mid;
    unsigned char meta[24];
    const std::uint64_t sizes[2] = {count, slot_count};
    std::memcpy(meta, &median, 8);
    std::memcpy(meta + 8, sizes, 16);
    detail::image_writer w(kind, version, fingerprint);
    w.add(meta, sizeof meta);
    w.add_array(slots);
    w.add_array(entries);
    w.add(words.data(), words.size());
    return from_storage(detail::image_storage(w.finish()), "<memory>");
  }

  detail::image_storage storage_;
  const std::uint64_t* slots_ = nullptr;  // null: the empty table
  const entry* entries_ = nullptr;
  const char* words_ = nullptr;
  std::size_t count_ = 0, mask_ = 0;
  double median_ = 0;
  std::uint64_t fingerprint_ = 0;
  load_report report_;
};

// ---------------------------------------------------------------------------------

/// jieba.analyse's stop words: a set of exact strings, tested against each word
/// lower-cased (ASCII; see detail::ascii_lower).
///
/// Cost: a test is one length check and, for words whose byte length some stop word
/// has, one hash probe. Immutable once shared; movable, not copyable.
class keyword_stop_words {
 public:
  /// An empty set.
  keyword_stop_words() = default;
  keyword_stop_words(keyword_stop_words&&) noexcept = default;
  keyword_stop_words& operator=(keyword_stop_words&&) noexcept = default;
  keyword_stop_words(const keyword_stop_words&) = delete;
  keyword_stop_words& operator=(const keyword_stop_words&) = delete;

  /// KeywordExtractor.STOP_WORDS of jieba.analyse: 31 English function words.
  static keyword_stop_words jieba() {
    keyword_stop_words s;
    for (std::string_view w : {"the", "of", "is", "and", "to", "in", "that", "we", "for", "an", "are",
                               "by", "be", "as", "on", "with", "can", "if", "from", "which", "you", "it",
                               "this", "then", "at", "have", "all", "not", "one", "has", "or"})
      s.add(w);
    return s;
  }

  /// Adds one word, as it is (jieba stores the lines of a stop-word file unchanged).
  void add(std::string_view word) {
    words_.find_or_insert(word, detail::hash_bytes(word), [&] { return arena_.store(word); });
    if (word.size() < 64) lengths_ |= std::uint64_t{1} << word.size();
    else long_words_ = true;
  }

  /// Adds every line of a stop-word file's text, as jieba's set_stop_words does:
  /// UTF-8, lines as str.splitlines() gives them, not stripped. Errors:
  /// errc::parse_error "NAME:LINE: invalid UTF-8 ..." (nothing is added then).
  result<void> add_text(std::string_view text, std::string_view name = "<stop words>") {
    const utf8_validation v = validate_utf8(text);
    if (!v.ok) {
      const std::size_t line = 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(v.offset), '\n'));
      return make_error(errc::parse_error, std::string(name) + ":" + std::to_string(line) + ": invalid UTF-8 at byte " + std::to_string(v.offset));
    }
    detail::py_splitlines(text, [&](std::string_view line, std::size_t) { add(line); });
    return {};
  }

  /// jieba.analyse.set_stop_words(path): adds the file's lines. Errors: errc::not_found,
  /// errc::io_error, errc::parse_error.
  result<void> load(const std::string& path) {
    auto f = detail::mapped_file::open(path);
    if (!f) return f.error();
    return add_text(f->bytes(), path);
  }

  /// True if `word` is in the set, exactly.
  bool contains(std::string_view word) const noexcept {
    if (word.size() < 64 ? ((lengths_ >> word.size()) & 1) == 0 : !long_words_) return false;
    return words_.find(word, detail::hash_bytes(word)) != words_.npos;
  }
  /// jieba's test `word.lower() in stop_words`; `buffer` holds the lower-cased copy.
  bool matches(std::string_view word, std::string& buffer) const {
    if (!detail::has_ascii_upper(word)) return contains(word);
    detail::ascii_lower(word, buffer);
    return contains(buffer);
  }
  std::size_t size() const noexcept { return words_.size(); }

 private:
  detail::string_arena arena_;
  detail::flat_map<std::string_view, char> words_;
  std::uint64_t lengths_ = 0;  // bit n: some word has n bytes
  bool long_words_ = false;    // some word has 64 bytes or more
};

// ---------------------------------------------------------------------------------
// Ranking words you cut yourself. Items: std::string_view / std::string, or structs
// with a `.text` member and optionally a `.tag` member (POS tag).

namespace detail {
template <class Item>
std::string_view item_text(const Item& it) {
  if constexpr (has_text_member<Item>::value) return std::string_view(it.text);
  else return std::string_view(it);
}
template <class Item>
std::string_view item_tag(const Item& it) {
  if constexpr (has_tag_member<Item>::value) return std::string_view(it.tag);
  else return {};
}
inline bool tag_allowed(const std::vector<std::string>& allow, std::string_view tag) noexcept {
  for (const std::string& a : allow)
    if (a == tag) return true;
  return false;
}
/// jieba's word filter: len(w.strip()) >= 2 and w.lower() not in stop_words.
inline bool keyword_candidate(std::string_view w, const keyword_stop_words& stop, std::string& buffer) {
  return py_stripped_length_at_least_2(w) && !stop.matches(w, buffer);
}
}  // namespace detail

/// TF-IDF keywords of a sequence of words (items as above), as extract_tags ranks
/// jieba's words: with opt.allow_pos, only items whose tag is listed count. Calls
/// f(const keyword&) for the top opt.top keywords, best first.
template <class Words, class F>
void for_each_tfidf_of(const Words& words, const idf_table& idf, const keyword_stop_words& stop, F&& f,
                       const tfidf_options& opt = {}) {
  detail::with_keyword_scratch([&](detail::keyword_scratch& s) {
    detail::rank_tfidf(
        s,
        [&](auto&& sink) {
          for (const auto& it : words) {
            if (!opt.allow_pos.empty() && !detail::tag_allowed(opt.allow_pos, detail::item_tag(it))) continue;
            const std::string_view w = detail::item_text(it);
            if (detail::may_have_two_characters(w)) sink(w);
          }
        },
        [&](std::string_view w) { return detail::keyword_candidate(w, stop, s.lower); }, idf, opt.top,
        [&](std::string_view w, double weight) { f(keyword{w, weight}); });
  });
}

/// TextRank keywords of a sequence of POS-tagged words (items with .text and .tag),
/// as jieba.analyse.textrank ranks jieba.posseg's words. Calls f(const keyword&) for
/// the top opt.top keywords, best first.
template <class Words, class F>
void for_each_textrank_of(const Words& words, const keyword_stop_words& stop, F&& f, const textrank_options& opt = {}) {
  detail::with_keyword_scratch([&](detail::keyword_scratch& s) {
    detail::rank_textrank(
        s,
        [&](auto&& sink) {
          for (const auto& it : words) {
            const std::string_view w = detail::item_text(it);
            sink(w, detail::tag_allowed(opt.allow_pos, detail::item_tag(it)) &&
                        detail::keyword_candidate(w, stop, s.lower));
          }
        },
        opt.span, opt.top, [&](std::string_view w, double weight) { f(keyword{w, weight}); });
  });
}

// ---------------------------------------------------------------------------------

/// Where keyword_extractor::load() finds its data; empty strings mean the defaults.
struct keyword_extractor_options {
  segmenter_options segmenter;  ///< jieba's dictionary, HMM and posseg model (see segment.hpp, pos.hpp)
  std::string idf_path;         ///< default <jieba dir>/analyse/idf.txt
  std::string stop_words_path;  ///< added to jieba's 31 stop words (set_stop_words)
};

/// jieba.analyse's default TFIDF and TextRank objects in one: a POS tagger (and its
/// segmenter), an IDF table and stop words, shared (shared_ptr to const), so copies
/// are cheap and see the same data.
class keyword_extractor {
 public:
  /// Loads the tagger (segmenter + posseg model), the IDF table and the stop words
  /// `opt` names. Errors: those of pos_tagger::load, idf_table::load,
  /// keyword_stop_words::load.
  static result<keyword_extractor> load(const keyword_extractor_options& opt = {}) {
    auto tagger = pos_tagger::load(opt.segmenter);
    if (!tagger) return tagger.error();
    auto idf = opt.idf_path.empty() ? idf_table::load_default(opt.segmenter.jieba_dir, opt.segmenter.cache)
                                     : idf_table::load(opt.idf_path, opt.segmenter.cache);
    if (!idf) return idf.error();
    keyword_extractor k(std::make_shared<const pos_tagger>(std::move(*tagger)),
                        std::make_shared<const idf_table>(std::move(*idf)));
    if (!opt.stop_words_path.empty()) {
      keyword_stop_words sw = keyword_stop_words::jieba();
      if (auto r = sw.load(opt.stop_words_path); !r) return r.error();
      k.set_stop_words(std::make_shared<const keyword_stop_words>(std::move(sw)));
    }
    return k;
  }

  /// An extractor over a tagger (its segmenter cuts for TF-IDF without allow_pos) and
  /// an IDF table (neither may be null), with jieba's stop words. User words added to
  /// the tagger's segmenter are seen, as jieba.analyse sees jieba.dt's.
  keyword_extractor(std::shared_ptr<const pos_tagger> tagger, std::shared_ptr<const idf_table> idf)
      : tagger_(std::move(tagger)), idf_(std::move(idf)),
        stop_(std::make_shared<const keyword_stop_words>(keyword_stop_words::jieba())) {}

  /// jieba.analyse.set_idf_path: another IDF table (not null).
  void set_idf(std::shared_ptr<const idf_table> idf) { idf_ = std::move(idf); }
  /// Another stop-word set (not null). jieba's set_stop_words adds to STOP_WORDS: start
  /// from keyword_stop_words::jieba() for the same effect.
  void set_stop_words(std::shared_ptr<const keyword_stop_words> stop) { stop_ = std::move(stop); }

  const pos_tagger& tagger() const noexcept { return *tagger_; }
  const idf_table& idf() const noexcept { return *idf_; }
  const keyword_stop_words& stop_words() const noexcept { return *stop_; }

  /// jieba.analyse.extract_tags(text, topK, withWeight=True, allowPOS): calls
  /// f(const keyword&) for the top opt.top keywords, best first. The words are
  /// jieba.cut(text)'s without allow_pos, jieba.posseg.cut(text)'s with it.
  /// Cost: the cut plus O(1) per word; no allocation per word once warm.
  template <class F>
  void for_each_tfidf(std::string_view text, F&& f, const tfidf_options& opt = {}) const {
    const keyword_stop_words& stop = *stop_;
    const idf_table& idf = *idf_;
    detail::with_keyword_scratch([&](detail::keyword_scratch& s) {
      detail::rank_tfidf(
          s,
          [&](auto&& sink) {
            if (opt.allow_pos.empty()) {
              tagger_->get_segmenter().for_each_token(text, [&](const token& t) {
                if (detail::may_have_two_characters(t.text)) sink(t.text);
              });
            } else {
              tagger_->for_each_tagged(text, [&](const tagged_token& t) {
                if (detail::may_have_two_characters(t.text) && detail::tag_allowed(opt.allow_pos, t.tag)) sink(t.text);
              });
            }
          },
          [&](std::string_view w) { return detail::keyword_candidate(w, stop, s.lower); }, idf, opt.top,
          [&](std::string_view w, double weight) { f(keyword{w, weight}); });
    });
  }

  /// extract_tags(text, topK, withWeight=True, allowPOS): the keywords, best first.
  std::vector<keyword> tfidf(std::string_view text, const tfidf_options& opt = {}) const {
    std::vector<keyword> out;
    for_each_tfidf(text, [&](const keyword& k) { out.push_back(k); }, opt);
    return out;
  }

  /// jieba.analyse.textrank(text, topK, withWeight=True, allowPOS) over
  /// jieba.posseg.cut(text): calls f(const keyword&) for the top opt.top keywords,
  /// best first. Cost: the tagging plus O(words * span) for the graph and 10 sweeps
  /// over its edges.
  template <class F>
  void for_each_textrank(std::string_view text, F&& f, const textrank_options& opt = {}) const {
    const keyword_stop_words& stop = *stop_;
    detail::with_keyword_scratch([&](detail::keyword_scratch& s) {
      detail::rank_textrank(
          s,
          [&](auto&& sink) {
            tagger_->for_each_tagged(text, [&](const tagged_token& t) {
              sink(t.text, detail::tag_allowed(opt.allow_pos, t.tag) && detail::keyword_candidate(t.text, stop, s.lower));
            });
          },
          opt.span, opt.top, [&](std::string_view w, double weight) { f(keyword{w, weight}); });
    });
  }

  /// textrank(text, topK, withWeight=True, allowPOS): the keywords, best first.
  std::vector<keyword> textrank(std::string_view text, const textrank_options& opt = {}) const {
    std::vector<keyword> out;
    for_each_textrank(text, [&](const keyword& k) { out.push_back(k); }, opt);
    return out;
  }

 private:
  std::shared_ptr<const pos_tagger> tagger_;
  std::shared_ptr<const idf_table> idf_;
  std::shared_ptr<const keyword_stop_words> stop_;
};

}  // namespace zhtext
