// zhtext/pos.hpp - part-of-speech tagging, token for token and tag for tag identical to
// jieba 0.42.1's jieba.posseg.cut(s, HMM=True/False), with views and byte offsets.
//
//   auto tagger = zhtext::pos_tagger::load();        // jieba's dict.txt + posseg model (cached images)
//   if (!tagger) { std::cerr << tagger.error().message << '\n'; return 1; }
//   for (const zhtext::tagged_token& t : tagger->tag("我爱北京天安门"))
//     std::cout << t.text << '/' << t.tag << ' ';   // 我/r 爱/v 北京/ns 天安门/ns
//   tagger->for_each_tagged(text, [](const zhtext::tagged_token& t) { ... }, /*hmm=*/false);
//   for (const zhtext::tagged_token& t : tagger->tagged(text)) ...   // lazy
//   tagger->add_word("杭研大厦", std::nullopt, "nt");                  // jieba.add_word
//
// API:
//   struct tagged_token { std::string_view text; std::size_t offset; std::string_view tag; };
//   class pos_tagger (movable, not copyable):
//     static result<pos_tagger> load(const segmenter_options& = {});
//     static result<pos_tagger> load(std::shared_ptr<segmenter>, const segmenter_options& = {});
//     static result<pos_tagger> create(std::shared_ptr<segmenter>, std::shared_ptr<const pos_model>);
//     void for_each_tagged(std::string_view, F&& f, bool hmm = true) const;   // f(const tagged_token&)
//     std::vector<tagged_token> tag(std::string_view, bool hmm = true) const;
//     tagged_range tagged(std::string_view, bool hmm = true) const;          // lazy, input range
//     std::vector<std::pair<std::string, std::string>> tag_strings(...) const; // posseg.lcut
//     segmenter& get_segmenter() const; std::shared_ptr<segmenter> segmenter_ptr() const;
//     const pos_model& model() const;
//     add_word / del_word / load_userdict: forwarded to the segmenter.
//
// The tagger cuts with a segmenter, shared by std::shared_ptr: its dictionary, user
// words and total are the ones posseg sees through jieba.dt (add_word with a tag sets
// the word's tag, as jieba's user_word_tag_tab does; del_word keeps it). Words are
// tagged with the tag of their last add_word that gave one, else the dictionary's
// ("word freq tag" lines; a line without a tag gives none - jieba's posseg would
// refuse such a dictionary), else 'x'. The rules are in detail/segment/pos_engine.hpp.
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
// with add_word/del_word/load_userdict (on the tagger or on the shared segmenter): a
// call tags with one consistent snapshot of the user words (a tagged_range keeps the
// one it started with). Moving or destroying a tagger while others use it is not
// allowed.
//
// Cost: loading is the segmenter's ~2 ms plus ~1 ms for the model image (740 KB,
// mapped and checksummed); tagging allocates nothing per token (a per-thread scratch
// grows to the longest run). The HMM costs O(candidate states x predecessors) per
// character of an unknown Chinese run (see detail/segment/pos_engine.hpp).
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "detail/segment/pos_engine.hpp"
#include "pos_model.hpp"
#include "result.hpp"
#include "segment.hpp"
#include "utf8.hpp"

namespace zhtext {

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

class tagged_range;

class pos_tagger {
 public:
  pos_tagger(pos_tagger&&) noexcept = default;
  pos_tagger& operator=(pos_tagger&&) noexcept = default;
  pos_tagger(const pos_tagger&) = delete;
  pos_tagger& operator=(const pos_tagger&) = delete;

  /// Loads a segmenter (segmenter::load(opt)) and posseg's model from
  /// <jieba_data_dir(opt.jieba_dir)>/posseg, both through the image cache. Errors: those
  /// of segmenter::load and pos_model::load.
  static result<pos_tagger> load(const segmenter_options& opt = {}) {
    auto seg = segmenter::load(opt);
    if (!seg) return seg.error();
    return load(std::make_shared<segmenter>(std::move(*seg)), opt);
  }

  /// A tagger over an existing segmenter (shared: words added to it are seen by the
  /// tagger and the other way round); the model is loaded as load() does. Errors:
  /// errc::invalid_argument for nullptr, pos_model::load's.
  static result<pos_tagger> load(std::shared_ptr<segmenter> seg, const segmenter_options& opt = {}) {
    if (!seg) return make_error(errc::invalid_argument, "pos_tagger: no segmenter");
    auto m = pos_model::load_default(opt.jieba_dir, opt.cache);
    if (!m) return m.error();
    return create(std::move(seg), std::make_shared<const pos_model>(std::move(*m)));
  }

  /// A tagger over a segmenter and a model. Errors: errc::invalid_argument for nullptr.
  static result<pos_tagger> create(std::shared_ptr<segmenter> seg, std::shared_ptr<const pos_model> model) {
    if (!seg || !model) return make_error(errc::invalid_argument, "pos_tagger: no segmenter or no model");
    pos_tagger t;
    t.seg_ = std::move(seg);
    t.model_ = std::move(model);
    t.pool_ = std::make_unique<detail::tag_pool>();
    return t;
  }

  /// Calls f(const tagged_token&) for each token of jieba.posseg.cut(text, HMM=hmm), in
  /// order; no allocation per token.
  template <class F>
  void for_each_tagged(std::string_view text, F&& f, bool hmm = true) const {
    const auto state = seg_->snapshot();
    thread_local detail::pos_scratch scratch;
    thread_local bool busy = false;
    if (busy) {  // a nested call from inside f
      detail::pos_scratch own;
      run(state->lex(), text, f, hmm, own);
      return;
    }
    busy = true;
    struct release {
      bool& b;
      ~release() { b = false; }
    } guard{busy};
    run(state->lex(), text, f, hmm, scratch);
  }

  /// The tokens as a vector (jieba.posseg.lcut with views).
  std::vector<tagged_token> tag(std::string_view text, bool hmm = true) const {
    std::vector<tagged_token> out;
    for_each_tagged(text, [&](const tagged_token& t) { out.push_back(t); }, hmm);
    return out;
  }
  /// Deleted: the tokens would view the temporary std::string.
  template <class S, detail::if_temporary_string<S> = 0>
  std::vector<tagged_token> tag(S&&, bool = true) const = delete;

  /// (word, tag) string pairs, as jieba.posseg.lcut gives them.
  std::vector<std::pair<std::string, std::string>> tag_strings(std::string_view text, bool hmm = true) const {
    std::vector<std::pair<std::string, std::string>> out;
    for_each_tagged(text, [&](const tagged_token& t) { out.emplace_back(t.text, t.tag); }, hmm);
    return out;
  }

  /// The tokens as a lazy, single-pass range, tagged one unit (a run of Chinese/Latin
  /// characters, or one other character) at a time. `text` must outlive it.
  tagged_range tagged(std::string_view text, bool hmm = true) const;
  /// Deleted: the range would view a temporary string.
  template <class S, detail::if_temporary_string<S> = 0>
  tagged_range tagged(S&&, bool = true) const = delete;

  /// jieba.add_word(word, freq, tag) on the segmenter (see segmenter::add_word).
  result<void> add_word(std::string_view word, std::optional<std::int64_t> freq = std::nullopt, std::string_view tag = {}) {
    return seg_->add_word(word, freq, tag);
  }
  /// jieba.del_word(word): frequency 0; the word's tag is kept.
  result<void> del_word(std::string_view word) { return seg_->del_word(word); }
  /// jieba.load_userdict(path) ("word [freq] [tag]" lines).
  result<void> load_userdict(const std::string& path) { return seg_->load_userdict(path); }

  /// The segmenter the tagger cuts with (shared).
  segmenter& get_segmenter() const noexcept { return *seg_; }
  std::shared_ptr<segmenter> segmenter_ptr() const noexcept { return seg_; }
  const pos_model& model() const noexcept { return *model_; }

 private:
  friend class tagged_range;
  pos_tagger() = default;

  template <class F>
  void run(const detail::lexicon& lx, std::string_view text, F& f, bool hmm, detail::pos_scratch& scratch) const {
    auto sink = [&f](std::string_view t, std::size_t offset, std::string_view tag) { f(tagged_token{t, offset, tag}); };
    detail::pos_cutter<decltype(sink)> c(lx, model_->view(), *pool_, hmm, scratch, text, sink);
    c.run();
  }

  std::shared_ptr<segmenter> seg_;
  std::shared_ptr<const pos_model> model_;
  std::unique_ptr<detail::tag_pool> pool_;
};

/// The lazy range pos_tagger::tagged() returns: an input range of `const
/// tagged_token&` (memory: the tokens of the largest unit). Movable, not copyable;
/// begin() may be called once. The tagger must outlive it.
class tagged_range {
  struct state {
    std::shared_ptr<const detail::segment_state> snap;
    const pos_tagger* tagger = nullptr;
    bool hmm = true;
    std::string_view text;
    std::size_t pos = 0;
    detail::pos_scratch scratch;
    std::vector<tagged_token> tokens;
    std::size_t index = 0;
    bool started = false;

    bool done() const noexcept { return index >= tokens.size() && pos >= text.size(); }
    void advance() {
      if (started) ++index;
      started = true;
      if (index < tokens.size()) return;
      tokens.clear();
      index = 0;
      auto sink = [this](std::string_view t, std::size_t offset, std::string_view tag) {
        tokens.push_back(tagged_token{t, offset, tag});
      };
      detail::pos_cutter<decltype(sink)> c(snap->lex(), tagger->model_->view(), *tagger->pool_, hmm, scratch, text, sink);
      while (tokens.empty() && pos < text.size()) pos = c.step(pos);
    }
  };

 public:
  class iterator {
   public:
    using iterator_category = std::input_iterator_tag;
    using value_type = tagged_token;
    using difference_type = std::ptrdiff_t;
    using pointer = const tagged_token*;
    using reference = const tagged_token&;

    iterator() = default;
    reference operator*() const noexcept { return st_->tokens[st_->index]; }
    pointer operator->() const noexcept { return &st_->tokens[st_->index]; }
    iterator& operator++() {
      st_->advance();
      return *this;
    }
    void operator++(int) { st_->advance(); }
    friend bool operator==(const iterator& a, const iterator& b) noexcept {
      const bool ae = a.at_end(), be = b.at_end();
      return ae == be && (ae || a.st_ == b.st_);
    }
    friend bool operator!=(const iterator& a, const iterator& b) noexcept { return !(a == b); }

   private:
    friend class tagged_range;
    explicit iterator(state* st) : st_(st) {}
    bool at_end() const noexcept { return st_ == nullptr || st_->done(); }
    state* st_ = nullptr;
  };

  tagged_range(tagged_range&&) noexcept = default;
  tagged_range& operator=(tagged_range&&) noexcept = default;

  iterator begin() {
    st_->advance();
    return iterator(st_.get());
  }
  iterator end() noexcept { return iterator(); }

 private:
  friend class pos_tagger;
  tagged_range(const pos_tagger& t, std::string_view text, bool hmm) : st_(std::make_unique<state>()) {
    st_->snap = t.seg_->snapshot();
    st_->tagger = &t;
    st_->hmm = hmm;
    st_->text = text;
  }
  std::unique_ptr<state> st_;
};

inline tagged_range pos_tagger::tagged(std::string_view text, bool hmm) const { return tagged_range(*this, text, hmm); }

}  // namespace zhtext
