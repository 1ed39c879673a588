// zhtext/detail/segment/state.hpp - a segmenter's data at one moment, and the editor
// that makes the next moment with jieba's add_word / del_word / suggest_freq /
// load_userdict semantics.
//
// segment_state is immutable once published: the dictionary and HMM images, the user
// words over them, jieba's Force_Split_Words and the running total. An edit copies the
// user words and the force-split set (O(user words)), applies jieba's rules, and the
// segmenter publishes the result with one pointer swap; readers that hold the old
// state keep using it. load_userdict() and segmenter::update() apply many edits to one
// copy.
//
// jieba rules kept here:
//  - add_word(w, freq, tag): FREQ[w] = freq; total += freq (never minus the old
//    frequency: total only grows); every prefix of w becomes "in FREQ" (with 0 unless
//    it has a frequency); a non-empty tag replaces w's user tag; freq == 0 adds w to
//    Force_Split_Words, which is never emptied again, so an HMM-found word equal to a
//    deleted word is split into characters even after it is added back.
//  - freq omitted: suggest_freq(w, tune=False) first.
//  - suggest_freq(w): P = product over the tokens t of cut(w, HMM=False) of
//    FREQ.get(t, 1) / total (a prefix counts 0); returns max(int(P * total) + 1,
//    FREQ.get(w, 1)). suggest_freq([s1, s2, ...]): min(int(P * total), FREQ.get(w, 0))
//    for w = s1 + s2 + ..., P over the given pieces. tune=True then add_word(w, result).
// Thread safety: segment_state is immutable; an editor belongs to one writer.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "../../result.hpp"
#include "../platform/linkage.hpp"
#include "../platform/math.hpp"
#include "../unicode/utf8_decode.hpp"
#include "dict_text.hpp"
#include "engine.hpp"
#include "word_policy.hpp"
#include "user_words.hpp"

namespace zhtext {
// The models a state owns; this header only holds them (never looks inside), so it
// does not include their public headers: the segmenter (segment.hpp) sets them and
// the views cutting reads (lx.dict, lx.hmm).
class dictionary;
class hmm_model;
}  // namespace zhtext

namespace zhtext::detail {

using word_set = std::set<std::string, std::less<>>;

struct segment_state {
  std::shared_ptr<const dictionary> dict;  ///< owns what lx.dict views
  std::shared_ptr<const hmm_model> hmm;    ///< owns what lx.hmm views (nullptr: no HMM)
  std::shared_ptr<const user_words> user;       ///< nullptr when there are none
  std::shared_ptr<const word_set> force_split;  ///< nullptr when empty
  std::int64_t total = 0;
  /// Names the line of states a segmenter publishes (edits keep it): word ids mean the
  /// same strings in every state of one line (see lexicon.hpp).
  std::uint64_t lineage = 0;
  lexicon lx;  ///< what cutting reads: pointers into the members above (see seal())

  /// Fills `lx` from the members above, except lx.dict and lx.hmm, the views of `dict`
  /// and `hmm`, which whoever sets those sets too; call after changing them.
  void seal() {
    lx.user = user.get();
    lx.total = total;
    lx.log_total = natural_log(static_cast<double>(total));  // Python's math.log(int) for int < 2^53
    lx.force_split = force_split.get();
  }
  const lexicon& lex() const noexcept { return lx; }
};

/// Python's int(x) for a non-negative double below 2^63 (anything else gives 0).
inline std::int64_t python_int(double x) noexcept {
  return (x >= 0 && x < 9.2e18) ? static_cast<std::int64_t>(x) : 0;
}

/// Cuts `text` in precise mode with a lexicon, calling f(token string) for each token
/// in order (nothing is collected: a 50 MiB word of one-character tokens costs no
/// memory per token).
template <class F>
void cut_plain_tokens(const lexicon& lx, std::string_view text, bool hmm, cut_scratch& sc, F&& f) {
  auto sink = [&](const cut_piece& p) { f(p.text); };
  const word_policy policy{engine_mode::precise};
  cutter<word_policy, decltype(sink)> c(lx, policy, hmm, sc, text, sink);
  c.run();
}

class segment_editor {
 public:
  explicit segment_editor(const segment_state& from) : next_(from) {
    user_ = from.user ? std::make_shared<user_words>(*from.user) : std::make_shared<user_words>();
    force_ = from.force_split ? std::make_shared<word_set>(*from.force_split) : std::make_shared<word_set>();
  }

  /// jieba's add_word. Errors: errc::invalid_argument (empty word, negative or too
  /// large frequency, total overflow), errc::invalid_utf8.
  result<void> add_word(std::string_view word, std::optional<std::int64_t> freq, std::string_view tag) {
    if (word.empty()) return make_error(errc::invalid_argument, "add_word: empty word");
    if (!is_valid_utf8(word)) return make_error(errc::invalid_utf8, "add_word: word is not valid UTF-8");
    if (!is_valid_utf8(tag)) return make_error(errc::invalid_utf8, "add_word: tag is not valid UTF-8");
    std::int64_t f = 0;
    if (freq) {
      f = *freq;
    } else {
      auto s = suggest_freq(word, false);
      if (!s) return s.error();
      f = *s;
    }
    if (f < 0) return make_error(errc::invalid_argument, "add_word: negative frequency");
    if (f >= max_frequency || next_.total > max_frequency - f)
      return make_error(errc::invalid_argument, "add_word: frequency or total too large (limit 2^53)");
    user_->set(word, f, tag);
    next_.total += f;
    if (f == 0) force_->emplace(word);
    return {};
  }

  /// jieba's suggest_freq(word) for a word that should be kept whole. (This and
  /// add_user_dictionary, which cut and parse, are compiled once in zhtext::compiled
  /// in compiled mode, after the class.)
  result<std::int64_t> suggest_freq(std::string_view word, bool tune);

  /// jieba's suggest_freq((s1, s2, ...)) for a word that should be cut into `segments`.
  result<std::int64_t> suggest_freq(const std::vector<std::string_view>& segments, bool tune) {
    std::string word;
    for (std::string_view s : segments) {
      if (!is_valid_utf8(s)) return make_error(errc::invalid_utf8, "suggest_freq: segment is not valid UTF-8");
      word += s;
    }
    const lexicon lx = lex();
    const double ftotal = static_cast<double>(next_.total);
    double p = 1.0;
    for (std::string_view s : segments) p *= static_cast<double>(get(lx, s, 1)) / ftotal;
    const std::int64_t f = std::min(python_int(p * static_cast<double>(next_.total)), get(lx, word, 0));
    if (tune) {
      auto r = add_word(word, f, {});
      if (!r) return r.error();
    }
    return f;
  }

  /// jieba's load_userdict on the text of a user dictionary; `name` for file:line
  /// errors. Stops at the first error (the caller then publishes nothing).
  result<void> add_user_dictionary(std::string_view text, const std::string& name);

  /// The state with every edit applied.
  std::shared_ptr<const segment_state> finish() {
    auto s = std::make_shared<segment_state>(next_);
    if (!user_->empty()) s->user = user_;
    else s->user.reset();
    if (!force_->empty()) s->force_split = force_;
    else s->force_split.reset();
    s->seal();
    return s;
  }

  lexicon lex() const {
    lexicon l = next_.lex();
    l.total = next_.total;
    l.log_total = natural_log(static_cast<double>(next_.total));
    l.user = user_->empty() ? nullptr : user_.get();
    l.force_split = force_->empty() ? nullptr : force_.get();
    return l;
  }

 private:
  // jieba's FREQ.get(s, fallback).
  static std::int64_t get(const lexicon& lx, std::string_view s, std::int64_t fallback) {
    const std::int64_t f = lx.freq_of_string(s);
    return f < 0 ? fallback : f;
  }

  segment_state next_;
  std::shared_ptr<user_words> user_;
  std::shared_ptr<word_set> force_;
  cut_scratch scratch_;
};

// The editor's cutting and parsing: inline, or compiled once into zhtext::compiled
// (../platform/linkage.hpp).
#if ZHTEXT_DEFINITIONS
ZHTEXT_DECL result<std::int64_t> segment_editor::suggest_freq(std::string_view word, bool tune) {
  if (!is_valid_utf8(word)) return make_error(errc::invalid_utf8, "suggest_freq: word is not valid UTF-8");
  const lexicon lx = lex();
  const double ftotal = static_cast<double>(next_.total);
  double p = 1.0;
  cut_plain_tokens(lx, word, false, scratch_,
                   [&](std::string_view t) { p *= static_cast<double>(get(lx, t, 1)) / ftotal; });
  const std::int64_t f = std::max(python_int(p * static_cast<double>(next_.total)) + 1, get(lx, word, 1));
  if (tune) {
    auto r = add_word(word, f, {});
    if (!r) return r.error();
  }
  return f;
}

ZHTEXT_DECL result<void> segment_editor::add_user_dictionary(std::string_view text, const std::string& name) {
  std::string failure;
  errc code = errc::parse_error;
  for_each_text_line(text, [&](std::string_view line, std::size_t number) {
    dict_line parsed;
    bool blank = false;
    std::string why = parse_userdict_line(line, parsed, blank);
    if (why.empty() && !blank) {
      auto r = add_word(parsed.word, parsed.has_freq ? std::optional<std::int64_t>(parsed.freq) : std::nullopt,
                        parsed.tag);
      if (!r) {
        why = r.error().message;
        code = r.error().code;
      }
    }
    if (why.empty()) return true;
    failure = name + ":" + std::to_string(number) + ": " + why;
    return false;
  });
  if (!failure.empty()) return make_error(code == errc::invalid_utf8 ? errc::parse_error : code, failure);
  return {};
}
#endif

}  // namespace zhtext::detail
