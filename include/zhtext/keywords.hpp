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
// setters need exclusive access (configure first, then share). idf_table (idf.hpp) and
// keyword_stop_words (stop_words.hpp) are immutable after loading. Each thread keeps one set of
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
#include "detail/containers/scratch_slot.hpp"
#include "detail/containers/string_arena.hpp"
#include "detail/keywords/rank.hpp"
#include "detail/keywords/text.hpp"
#include "detail/keywords/token_filter.hpp"
#include "detail/platform/linkage.hpp"
#include "idf.hpp"
#include "jieba_data.hpp"
#include "pos.hpp"
#include "result.hpp"
#include "segment.hpp"
#include "stop_words.hpp"
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
// Ranking words you cut yourself. Items: std::string_view / std::string, or structs
// with a `.text` member and optionally a `.tag` member (POS tag).

/// TF-IDF keywords of a sequence of words (items as above), as extract_tags ranks
/// jieba's words: with opt.allow_pos, only items whose tag is listed count. Calls
/// f(const keyword&) for the top opt.top keywords, best first.
template <class Words, class F>
void for_each_tfidf_of(const Words& words, const idf_table& idf, const keyword_stop_words& stop, F&& f,
                       const tfidf_options& opt = {}) {
  detail::with_thread_scratch<detail::keyword_scratch>([&](detail::keyword_scratch& s) {
    detail::rank_tfidf(
        s, {0, 0}, 0,
        [&](auto&& sink) {
          for (const auto& it : words) {
            if (!opt.allow_pos.empty() && !detail::tag_allowed(opt.allow_pos, detail::item_tag(it))) continue;
            const std::string_view w = detail::item_text(it);
            if (detail::may_have_two_characters(w)) sink(w, detail::no_id);
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
  detail::with_thread_scratch<detail::keyword_scratch>([&](detail::keyword_scratch& s) {
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
  /// keyword_stop_words::add_file.
  static result<keyword_extractor> load(const keyword_extractor_options& opt = {});

  /// An extractor over a tagger (its segmenter cuts for TF-IDF without allow_pos) and
  /// an IDF table (neither may be null), with jieba's stop words. User words added to
  /// the tagger's segmenter are seen, as jieba.analyse sees jieba.dt's.
  keyword_extractor(std::shared_ptr<const pos_tagger> tagger, std::shared_ptr<const idf_table> idf)
      : tagger_(std::move(tagger)), idf_(std::move(idf)),
        stop_(std::make_shared<const keyword_stop_words>(keyword_stop_words::jieba())), serial_(detail::unique_serial()) {}

  /// jieba.analyse.set_idf_path: another IDF table (not null).
  void set_idf(std::shared_ptr<const idf_table> idf) {
    idf_ = std::move(idf);
    serial_ = detail::unique_serial();
  }
  /// Another stop-word set (not null). jieba's set_stop_words adds to STOP_WORDS: start
  /// from keyword_stop_words::jieba() for the same effect.
  void set_stop_words(std::shared_ptr<const keyword_stop_words> stop) {
    stop_ = std::move(stop);
    serial_ = detail::unique_serial();
  }

  const pos_tagger& tagger() const noexcept { return *tagger_; }
  const idf_table& idf() const noexcept { return *idf_; }
  const keyword_stop_words& stop_words() const noexcept { return *stop_; }

  /// jieba.analyse.extract_tags(text, topK, withWeight=True, allowPOS): calls
  /// f(const keyword&) for the top opt.top keywords, best first. The words are
  /// jieba.cut(text)'s without allow_pos, jieba.posseg.cut(text)'s with it.
  /// Cost: the cut plus O(1) per word (an integer probe for a word with a word id);
  /// jieba's filter and the IDF lookup once per distinct word without a word id, once
  /// per thread for a word with one. No allocation per word once warm.
  template <class F>
  void for_each_tfidf(std::string_view text, F&& f, const tfidf_options& opt) const {
    ranked_tfidf<true>(text, f, opt.top, opt.allow_pos);
  }
  /// for_each_tfidf(text, f, tfidf_options{}): the top 20 of jieba.cut(text)'s words.
  /// The same keywords; a program that never passes allow_pos does not compile the
  /// POS cutter this way (about a tenth of a keyword program's code, header-only).
  template <class F>
  void for_each_tfidf(std::string_view text, F&& f) const {
    ranked_tfidf<false>(text, f, tfidf_options{}.top, {});
  }

  /// extract_tags(text, topK, withWeight=True, allowPOS): the keywords, best first.
  /// (In compiled mode this and the other vector-returning extractions are compiled
  /// once, in zhtext::compiled: one call per text, the same code and speed.)
  std::vector<keyword> tfidf(std::string_view text, const tfidf_options& opt) const;
  /// tfidf(text, tfidf_options{}): the same keywords, without compiling the POS path.
  std::vector<keyword> tfidf(std::string_view text) const;
  /// Deleted: the keywords would view the temporary std::string (use a named string).
  template <class S, detail::if_temporary_string<S> = 0>
  std::vector<keyword> tfidf(S&&, const tfidf_options& = {}) const = delete;

  /// jieba.analyse.textrank(text, topK, withWeight=True, allowPOS) over
  /// jieba.posseg.cut(text): calls f(const keyword&) for the top opt.top keywords,
  /// best first. Cost: the tagging plus O(words * span) for the graph and 10 sweeps
  /// over its edges.
  template <class F>
  void for_each_textrank(std::string_view text, F&& f, const textrank_options& opt = {}) const {
    const keyword_stop_words& stop = *stop_;
    detail::with_thread_scratch<detail::keyword_scratch>([&](detail::keyword_scratch& s) {
      detail::rank_textrank(
          s,
          [&](auto&& sink) {
            tagger_->for_each_tagged_token(text, [&](const tagged_token& t) {
              sink(t.text, detail::tag_allowed(opt.allow_pos, t.tag) && detail::keyword_candidate(t.text, stop, s.lower));
            });
          },
          opt.span, opt.top, [&](std::string_view w, double weight) { f(keyword{w, weight}); });
    });
  }

  /// textrank(text, topK, withWeight=True, allowPOS): the keywords, best first.
  std::vector<keyword> textrank(std::string_view text, const textrank_options& opt = {}) const;
  /// Deleted: the keywords would view the temporary std::string (use a named string).
  template <class S, detail::if_temporary_string<S> = 0>
  std::vector<keyword> textrank(S&&, const textrank_options& = {}) const = delete;

 private:
  // extract_tags over jieba.cut's words when allow_pos is empty, over jieba.posseg's
  // words whose tag allow_pos lists when it is not. MayPos false: allow_pos is empty
  // (the calls without options), and the POS cutter is not reached, so not compiled.
  template <bool MayPos, class F>
  void ranked_tfidf(std::string_view text, F& f, std::size_t top, const std::vector<std::string>& allow_pos) const {
    const keyword_stop_words& stop = *stop_;
    const idf_table& idf = *idf_;
    const auto state = detail::segment_access::state(tagger_->get_segmenter());
    const detail::lexicon& lx = state->lex();
    const std::uint64_t owner[2] = {serial_, state->lineage};
    detail::with_thread_scratch<detail::keyword_scratch>([&](detail::keyword_scratch& s) {
      detail::rank_tfidf(
          s, owner, lx.id_bound(),
          [&](auto&& sink) {
            // The tokens of two or more characters, with their word ids: a single
            // character never passes jieba's filter.
            if (!MayPos || allow_pos.empty()) {
              auto each = [&](const detail::cut_piece& p) {
                if (p.id != detail::no_word || detail::may_have_two_characters(p.text)) sink(p.text, p.id);
              };
              detail::with_thread_scratch<detail::cut_scratch>([&](detail::cut_scratch& scratch) {
                detail::run_cutter<detail::id_mode::long_words>(lx, detail::word_policy{}, true, scratch, text, each);
              });
            } else if constexpr (MayPos) {
              using sink_t = std::remove_reference_t<decltype(sink)>;
              tagged_candidates(*tagger_, lx, text, allow_pos,
                                [](void* c, std::string_view w, std::uint32_t id) { (*static_cast<sink_t*>(c))(w, id); },
                                const_cast<void*>(static_cast<const void*>(&sink)));
            }
          },
          [&](std::string_view w) { return detail::keyword_candidate(w, stop, s.lower); }, idf, top,
          [&](std::string_view w, double weight) { f(keyword{w, weight}); });
    });
  }

  // TF-IDF's words with allow_pos: jieba.posseg's words that may have two characters
  // and whose tag is allowed, with their word ids, to sink(context, word, id). Not a
  // template over the sink: the POS cutter is compiled once (in zhtext::compiled in
  // compiled mode), not once per callback; the tagging, not the call, costs there.
  static void tagged_candidates(const pos_tagger& tagger, const detail::lexicon& lx, std::string_view text,
                                const std::vector<std::string>& allow_pos,
                                void (*sink)(void*, std::string_view, std::uint32_t), void* context);

  std::shared_ptr<const pos_tagger> tagger_;
  std::shared_ptr<const idf_table> idf_;
  std::shared_ptr<const keyword_stop_words> stop_;
  std::uint64_t serial_;  // names this setup of IDF and stop words (see detail/keywords/rank.hpp)
};

// The loaders and the vector-returning extractions: inline, or compiled once into
// zhtext::compiled (detail/platform/linkage.hpp).
#if ZHTEXT_DEFINITIONS
ZHTEXT_DECL std::vector<keyword> keyword_extractor::tfidf(std::string_view text, const tfidf_options& opt) const {
  std::vector<keyword> out;
  for_each_tfidf(text, [&](const keyword& k) { out.push_back(k); }, opt);
  return out;
}

ZHTEXT_DECL std::vector<keyword> keyword_extractor::tfidf(std::string_view text) const {
  std::vector<keyword> out;
  for_each_tfidf(text, [&](const keyword& k) { out.push_back(k); });
  return out;
}

ZHTEXT_DECL std::vector<keyword> keyword_extractor::textrank(std::string_view text, const textrank_options& opt) const {
  std::vector<keyword> out;
  for_each_textrank(text, [&](const keyword& k) { out.push_back(k); }, opt);
  return out;
}

ZHTEXT_DECL result<keyword_extractor> keyword_extractor::load(const keyword_extractor_options& opt) {
  auto tagger = pos_tagger::load(opt.segmenter);
  if (!tagger) return tagger.error();
  auto idf = opt.idf_path.empty() ? idf_table::load_default(opt.segmenter.jieba_dir, opt.segmenter.cache)
                                   : idf_table::load(opt.idf_path, opt.segmenter.cache);
  if (!idf) return idf.error();
  keyword_extractor k(std::make_shared<const pos_tagger>(std::move(*tagger)),
                      std::make_shared<const idf_table>(std::move(*idf)));
  if (!opt.stop_words_path.empty()) {
    keyword_stop_words sw = keyword_stop_words::jieba();
    if (auto r = sw.add_file(opt.stop_words_path); !r) return r.error();
    k.set_stop_words(std::make_shared<const keyword_stop_words>(std::move(sw)));
  }
  return k;
}

ZHTEXT_DECL void keyword_extractor::tagged_candidates(const pos_tagger& tagger, const detail::lexicon& lx,
                                                      std::string_view text, const std::vector<std::string>& allow_pos,
                                                      void (*sink)(void*, std::string_view, std::uint32_t),
                                                      void* context) {
  auto each = [&](const detail::cut_piece& p) {
    if ((p.id != detail::no_word || detail::may_have_two_characters(p.text)) && detail::tag_allowed(allow_pos, p.tag))
      sink(context, p.text, p.id);
  };
  detail::with_thread_scratch<detail::pos_scratch>([&](detail::pos_scratch& scratch) {
    detail::pos_access::cut_pieces<detail::id_mode::long_words>(tagger, lx, text, true, scratch, each);
  });
}
#endif

}  // namespace zhtext
