// zhtext/pos.hpp - part-of-speech tagging, token for token and tag for tag identical to
// jieba 0.42.1's jieba.posseg.cut(s, HMM=True/False), with views and byte offsets.
//
//   auto tagger = zhtext::pos_tagger::load();        // jieba's dict.txt + posseg model (cached images)
//   if (!tagger) { std::cerr << tagger.error().message << '\n'; return 1; }
//   for (const zhtext::tagged_token& t : tagger->tagged_token_vector("我爱北京天安门"))
//     std::cout << t.text << '/' << t.tag << ' ';   // 我/r 爱/v 北京/ns 天安门/ns
//   tagger->for_each_tagged_token(text, [](const zhtext::tagged_token& t) { ... }, /*hmm=*/false);
//   for (const zhtext::tagged_token& t : tagger->tagged_tokens(text)) ...   // lazy
//   tagger->add_word("杭研大厦", std::nullopt, "nt");                  // jieba.add_word
//
// API:
//   struct tagged_token { std::string_view text; std::size_t offset; std::string_view tag; };
//   class pos_tagger (movable, not copyable):
//     static result<pos_tagger> load(const segmenter_options& = {});
//     static result<pos_tagger> load(std::shared_ptr<segmenter>, const segmenter_options& = {});
//     static result<pos_tagger> create(std::shared_ptr<segmenter>, std::shared_ptr<const pos_model>);
//     tagged_range tagged_tokens(std::string_view, bool hmm = true) const;          // lazy, input range
//     void for_each_tagged_token(std::string_view, F&& f, bool hmm = true) const;   // f(const tagged_token&)
//     std::vector<tagged_token> tagged_token_vector(std::string_view, bool hmm = true) const;
//     std::vector<std::pair<std::string, std::string>> tagged_strings(...) const;  // posseg.lcut
//     segmenter& get_segmenter() const; std::shared_ptr<segmenter> segmenter_ptr() const;
//     const pos_model& model() const;
//     add_word / del_word / add_user_dictionary: forwarded to the segmenter.
//   class pos_tagger::session: the tagger with one state of the segmenter's words and a
//     scratch of its own, for tagging many texts from one thread (as segmenter::session).
//
// The tagger cuts with a segmenter, shared by std::shared_ptr: its dictionary, user
// words and total are the ones posseg sees through jieba.dt (add_word with a tag sets
// the word's tag, as jieba's user_word_tag_tab does; del_word keeps it). Words are
// tagged with the tag of their last add_word that gave one, else the dictionary's
// ("word freq tag" lines; a line without a tag gives none - jieba's posseg would
// refuse such a dictionary), else 'x'. The rules are in detail/segment/engine.hpp and
// pos_policy.hpp. A callback that takes (const tagged_token&, word_id) also gets each
// word's id (word_id.hpp; the same ids as the segmenter's).
//
// Tokens cover the input in order (white space included, one token per space
// character, "\r\n" one token); `text` views the input, `tag` views storage that lives
// as long as the tagger (the model image, the dictionary image, a literal, or the
// tagger's pool of user tags).
//
// Ill-formed UTF-8 never fails: each maximal ill-formed subpart is one token of its
// raw bytes tagged 'x', exactly what jieba yields for the U+FFFD it would read there;
// replacing the subparts by U+FFFD (repair_utf8) changes no boundary and no tag.
//
// Thread safety: all const member functions may run concurrently with each other and
// with add_word/del_word/add_user_dictionary (on the tagger or on the shared segmenter):
// a call tags with one consistent snapshot of the user words (a tagged_range and a
// session keep the one they started with). Moving or destroying a tagger while others use it is not
// allowed.
//
// Cost: loading is the segmenter's ~2 ms plus ~1 ms for the model image (740 KB,
// mapped and checksummed); tagging allocates nothing per token (a per-thread scratch
// grows to the longest run). The HMM costs O(candidate states x predecessors) per
// character of an unknown Chinese run (see detail/segment/pos_policy.hpp).
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "detail/containers/scratch_slot.hpp"
#include "detail/platform/linkage.hpp"
#include "detail/ranges/buffered_cursor.hpp"
#include "detail/ranges/lazy_range.hpp"
#include "detail/segment/engine.hpp"
#include "detail/segment/pos_policy.hpp"
#include "pos_model.hpp"
#include "result.hpp"
#include "segment.hpp"
#include "utf8.hpp"
#include "word_id.hpp"

namespace zhtext {

class pos_tagger;

/// A tagged word: its text (a view of the input), the byte offset where it starts, and
/// its jieba POS tag (valid while the tagger lives).
struct tagged_token {
  std::string_view text;
  std::size_t offset = 0;
  std::string_view tag;
  friend bool operator==(const tagged_token& a, const tagged_token& b) noexcept {
    return a.offset == b.offset && a.text == b.text && a.tag == b.tag;
  }
  friend bool operator!=(const tagged_token& a, const tagged_token& b) noexcept { return !(a == b); }
};

namespace detail {

/// The tagger's cutting: calls f(const tagged_token&) or f(const tagged_token&,
/// word_id), whichever f takes, for each token of `text`.
template <class F>
void cut_tagged(const lexicon& lx, const pos_view& model, tag_pool& pool, std::string_view text, bool hmm,
                pos_scratch& scratch, F& f) {
  const pos_policy policy{model, pool, scratch.viterbi};
  if constexpr (std::is_invocable_v<F&, const tagged_token&, word_id>) {
    auto sink = [&f](const cut_piece& p) { f(tagged_token{p.text, p.offset, p.tag}, static_cast<word_id>(p.id)); };
    run_cutter<id_mode::all>(lx, policy, hmm, scratch.cut, text, sink);
  } else {
    static_assert(std::is_invocable_v<F&, const tagged_token&>,
                  "the callback takes (const tagged_token&) or (const tagged_token&, word_id)");
    auto sink = [&f](const cut_piece& p) { f(tagged_token{p.text, p.offset, p.tag}); };
    run_cutter<id_mode::none>(lx, policy, hmm, scratch.cut, text, sink);
  }
}

/// What keywords.hpp takes from a tagger: cutting with a given segmenter state.
struct pos_access;

/// What pos_tagger::tagged_tokens cuts with (detail/ranges/buffered_cursor.hpp's
/// Fill): the tagger, the segmenter state the range started with, a scratch of its own.
template <class Access>  // pos_access, complete when operator() is instantiated
struct basic_tagged_fill {
  const pos_tagger* tagger;
  std::shared_ptr<const segment_state> snap;
  bool hmm;
  pos_scratch scratch;

  std::size_t operator()(std::string_view text, std::size_t pos, std::vector<tagged_token>& out) {
    auto sink = [&out](const cut_piece& p) { out.push_back(tagged_token{p.text, p.offset, p.tag}); };
    const pos_policy policy = Access::policy(*tagger, scratch);
    cutter<pos_policy, decltype(sink)> c(snap->lex(), policy, hmm, scratch.cut, text, sink);
    while (out.empty() && pos < text.size()) pos = c.step(pos);
    return pos;
  }
};
using tagged_fill = basic_tagged_fill<pos_access>;

}  // namespace detail

/// The lazy range pos_tagger::tagged_tokens() returns: a single-pass input range of
/// `const tagged_token&` (memory: the tokens of the largest unit); movable, not
/// copyable (detail/ranges/lazy_range.hpp). The tagger must outlive it.
using tagged_range = detail::lazy_range<detail::buffered_cursor<tagged_token, detail::tagged_fill>>;

class pos_tagger {
 public:
  class session;

  pos_tagger(pos_tagger&&) noexcept = default;
  pos_tagger& operator=(pos_tagger&&) noexcept = default;
  pos_tagger(const pos_tagger&) = delete;
  pos_tagger& operator=(const pos_tagger&) = delete;

  /// Loads a segmenter (segmenter::load(opt)) and posseg's model from
  /// <jieba_data_dir(opt.jieba_dir)>/posseg, both through the image cache. Errors: those
  /// of segmenter::load and pos_model::load.
  static result<pos_tagger> load(const segmenter_options& opt = {});

  /// A tagger over an existing segmenter (shared: words added to it are seen by the
  /// tagger and the other way round); the model is loaded as load() does. Errors:
  /// errc::invalid_argument for nullptr, pos_model::load's.
  static result<pos_tagger> load(std::shared_ptr<segmenter> seg, const segmenter_options& opt = {});

  /// A tagger over a segmenter and a model. Errors: errc::invalid_argument for nullptr.
  static result<pos_tagger> create(std::shared_ptr<segmenter> seg, std::shared_ptr<const pos_model> model) {
    if (!seg || !model) return make_error(errc::invalid_argument, "pos_tagger: no segmenter or no model");
    pos_tagger t;
    t.seg_ = std::move(seg);
    t.model_ = std::move(model);
    t.pool_ = std::make_unique<detail::tag_pool>();
    return t;
  }

  /// The tokens as a lazy, single-pass range, tagged one unit (a run of Chinese/Latin
  /// characters, or one other character) at a time. `text` must outlive it.
  tagged_range tagged_tokens(std::string_view text, bool hmm = true) const;
  /// Deleted: the range would view a temporary string.
  template <class S, detail::if_temporary_string<S> = 0>
  tagged_range tagged_tokens(S&&, bool = true) const = delete;

  /// Calls f for each token of jieba.posseg.cut(text, HMM=hmm), in order; no
  /// allocation per token. f takes (const tagged_token&), or (const tagged_token&,
  /// word_id): also the word's id (word_id.hpp).
  template <class F>
  void for_each_tagged_token(std::string_view text, F&& f, bool hmm = true) const {
    const auto state = detail::segment_access::state(*seg_);
    detail::with_thread_scratch<detail::pos_scratch>([&](detail::pos_scratch& scratch) {
      detail::cut_tagged(state->lex(), detail::view_of(*model_), *pool_, text, hmm, scratch, f);
    });
  }

  /// The tokens as a vector (jieba.posseg.lcut with views).
  /// (In compiled mode this, tagged_strings and the session's tagged_token_vector are
  /// compiled once, in zhtext::compiled: one call per text, the same code and speed.)
  std::vector<tagged_token> tagged_token_vector(std::string_view text, bool hmm = true) const;
  /// Deleted: the tokens would view the temporary std::string.
  template <class S, detail::if_temporary_string<S> = 0>
  std::vector<tagged_token> tagged_token_vector(S&&, bool = true) const = delete;

  /// (word, tag) string pairs, as jieba.posseg.lcut gives them.
  std::vector<std::pair<std::string, std::string>> tagged_strings(std::string_view text, bool hmm = true) const;

  /// jieba.add_word(word, freq, tag) on the segmenter (see segmenter::add_word).
  result<void> add_word(std::string_view word, std::optional<std::int64_t> freq = std::nullopt, std::string_view tag = {}) {
    return seg_->add_word(word, freq, tag);
  }
  /// jieba.del_word(word): frequency 0; the word's tag is kept.
  result<void> del_word(std::string_view word) { return seg_->del_word(word); }
  /// jieba.load_userdict(path) ("word [freq] [tag]" lines) on the segmenter.
  result<void> add_user_dictionary(const std::string& path) { return seg_->add_user_dictionary(path); }

  /// The segmenter the tagger cuts with (shared).
  segmenter& get_segmenter() const noexcept { return *seg_; }
  std::shared_ptr<segmenter> segmenter_ptr() const noexcept { return seg_; }
  const pos_model& model() const noexcept { return *model_; }

 private:
  friend struct detail::pos_access;
  pos_tagger() = default;

  std::shared_ptr<segmenter> seg_;
  std::shared_ptr<const pos_model> model_;
  std::unique_ptr<detail::tag_pool> pool_;
};

// The loaders: inline, or compiled once into zhtext::compiled (detail/platform/linkage.hpp).
#if ZHTEXT_DEFINITIONS
ZHTEXT_DECL result<pos_tagger> pos_tagger::load(const segmenter_options& opt) {
  auto seg = segmenter::load(opt);
  if (!seg) return seg.error();
  return load(std::make_shared<segmenter>(std::move(*seg)), opt);
}

ZHTEXT_DECL result<pos_tagger> pos_tagger::load(std::shared_ptr<segmenter> seg, const segmenter_options& opt) {
  if (!seg) return make_error(errc::invalid_argument, "pos_tagger: no segmenter");
  auto m = pos_model::load_default(opt.jieba_dir, opt.cache);
  if (!m) return m.error();
  return create(std::move(seg), std::make_shared<const pos_model>(std::move(*m)));
}
#endif


namespace detail {
struct pos_access {
  // Runs the cutter with t's policy: sink(const cut_piece&) for each token.
  template <id_mode Ids, class Sink>
  static void cut_pieces(const pos_tagger& t, const lexicon& lx, std::string_view text, bool hmm, pos_scratch& scratch,
                         Sink& sink) {
    run_cutter<Ids>(lx, policy(t, scratch), hmm, scratch.cut, text, sink);
  }
  // t's tagging policy, with `scratch`'s Viterbi buffers.
  static pos_policy policy(const pos_tagger& t, pos_scratch& scratch) {
    return pos_policy{view_of(*t.model_), *t.pool_, scratch.viterbi};
  }
};

}  // namespace detail

inline tagged_range pos_tagger::tagged_tokens(std::string_view text, bool hmm) const {
  return tagged_range({text, detail::tagged_fill{this, detail::segment_access::state(*seg_), hmm, {}}});
}

/// A tagger with one state of its segmenter's words and a scratch buffer of its own,
/// for tagging many texts from one thread (see segmenter::session). Not thread-safe:
/// one session per thread. The tagger must outlive it.
class pos_tagger::session {
 public:
  /// A session over `tagger` and its segmenter's current state.
  explicit session(const pos_tagger& tagger) : tagger_(&tagger), words_(*tagger.seg_) {}
  session(session&&) noexcept = default;
  session& operator=(session&&) noexcept = default;

  /// pos_tagger::tagged_tokens with this session's state (the range has a scratch of its own).
  tagged_range tagged_tokens(std::string_view text, bool hmm = true) const {
    return tagged_range({text, detail::tagged_fill{tagger_, detail::segment_access::state(words_), hmm, {}}});
  }
  template <class S, detail::if_temporary_string<S> = 0>
  tagged_range tagged_tokens(S&&, bool = true) const = delete;

  /// pos_tagger::for_each_tagged_token with this session's state and scratch.
  template <class F>
  void for_each_tagged_token(std::string_view text, F&& f, bool hmm = true) {
    scratch_.use([&](detail::pos_scratch& scratch) {
      detail::cut_tagged(detail::segment_access::state(words_)->lex(), detail::view_of(*tagger_->model_), *tagger_->pool_, text,
                         hmm, scratch, f);
    });
  }

  /// pos_tagger::tagged_token_vector with this session's state and scratch.
  std::vector<tagged_token> tagged_token_vector(std::string_view text, bool hmm = true);

  /// The segmenter session this one cuts with (its state; its word ids).
  const segmenter::session& words() const noexcept { return words_; }

 private:
  const pos_tagger* tagger_;
  segmenter::session words_;
  detail::scratch_slot<detail::pos_scratch> scratch_;
};

// The vector-returning taggings: inline, or compiled once into zhtext::compiled.
#if ZHTEXT_DEFINITIONS
ZHTEXT_DECL std::vector<tagged_token> pos_tagger::tagged_token_vector(std::string_view text, bool hmm) const {
  std::vector<tagged_token> out;
  for_each_tagged_token(text, [&](const tagged_token& t) { out.push_back(t); }, hmm);
  return out;
}

ZHTEXT_DECL std::vector<std::pair<std::string, std::string>> pos_tagger::tagged_strings(std::string_view text,
                                                                                      bool hmm) const {
  std::vector<std::pair<std::string, std::string>> out;
  for_each_tagged_token(text, [&](const tagged_token& t) { out.emplace_back(t.text, t.tag); }, hmm);
  return out;
}

ZHTEXT_DECL std::vector<tagged_token> pos_tagger::session::tagged_token_vector(std::string_view text, bool hmm) {
  std::vector<tagged_token> out;
  for_each_tagged_token(text, [&](const tagged_token& t) { out.push_back(t); }, hmm);
  return out;
}
#endif

}  // namespace zhtext
