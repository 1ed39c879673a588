// zhtext/segment.hpp - Chinese word segmentation, token for token identical to jieba
// 0.42.1 (precise mode with and without HMM, full mode, search mode), with views and
// byte offsets instead of copies.
//
//   auto seg = zhtext::segmenter::load();          // jieba's dict.txt + HMM (cached image)
//   if (!seg) { std::cerr << seg.error().message << '\n'; return 1; }
//   for (const zhtext::token& t : seg->cut("他来到了网易杭研大厦"))
//     std::cout << t.offset << ' ' << t.text << '\n';   // 0 他 / 3 来到 / 9 了 / 12 网易 / 18 杭研 / 24 大厦
//   seg->for_each_token(text, [](const zhtext::token& t) { ... }, {zhtext::cut_mode::search});
//   std::vector<std::string> words = seg->cut_strings(text);        // jieba.lcut(text)
//   seg->add_word("杭研大厦");                                      // jieba.add_word
//
// The rules are in detail/segment/engine.hpp. Tokens cover the input in order in
// precise mode (white space included: one token per space character, "\r\n" is one);
// full and search mode yield overlapping words, as jieba does, and full mode yields the
// empty tokens jieba yields around white space.
//
// Ill-formed UTF-8 never fails: each maximal ill-formed subpart is one character that
// is neither Chinese, Latin nor space - exactly how jieba treats the U+FFFD it would
// see there. In precise and search mode it is a token of its own (its raw bytes); in
// full mode it belongs to the run of symbols around it. Replacing every ill-formed
// subpart by U+FFFD (repair_utf8) changes token bytes but never token boundaries.
//
// Thread safety: every const member function may run concurrently with any other
// member function, writers included. Writers (add_word, del_word, suggest_freq with
// tune, load_userdict, update) are serialised by a mutex; each publishes a new
// immutable state with one pointer swap (a reader sees a state before or after a
// write, never half of one; load_userdict and update() publish once for all their
// words). A token_range keeps the state it started with. Moving or destroying a
// segmenter while other threads use it is not allowed.
//
// Cost: the default dictionary is ready in ~2 ms from its cached image (9.5 MB, mapped
// and checksummed); cutting allocates nothing per token (each thread keeps one scratch
// buffer, as large as the longest run of Chinese/Latin characters it has cut); writers
// copy the user words (O(user words) each; use load_userdict or update() for many).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "detail/segment/engine.hpp"
#include "detail/segment/state.hpp"
#include "dictionary.hpp"
#include "hmm_model.hpp"
#include "jieba_data.hpp"
#include "result.hpp"
#include "utf8.hpp"

namespace zhtext {

/// jieba's three ways of cutting.
enum class cut_mode : std::uint8_t {
  precise,  ///< jieba.cut(s): the most probable segmentation
  full,     ///< jieba.cut(s, cut_all=True): every dictionary word
  search,   ///< jieba.cut_for_search(s): precise, plus the 2- and 3-character words inside long words
};

struct cut_options {
  cut_mode mode = cut_mode::precise;
  bool hmm = true;  ///< find unknown words with the HMM (jieba's HMM=True); full mode ignores it
};

/// A token: its text and the byte offset in the input where it starts. `text` views
/// the input, except for one jieba quirk of full mode (Latin pieces glued across
/// overlapping dictionary words, see detail/segment/engine.hpp), where it views a
/// buffer valid until the next token; `text.data() == input.data() + offset` tells.
struct token {
  std::string_view text;
  std::size_t offset = 0;
  friend bool operator==(const token& a, const token& b) noexcept { return a.offset == b.offset && a.text == b.text; }
  friend bool operator!=(const token& a, const token& b) noexcept { return !(a == b); }
};

/// A word's frequency and POS tag (the user's tag if one was given, else the
/// dictionary's; empty when neither has one).
struct word_info {
  std::int64_t freq = 0;
  std::string tag;
};

/// Where segmenter::load() finds its data; empty strings mean the defaults.
struct segmenter_options {
  std::string jieba_dir;  ///< jieba's directory; default jieba_data_dir()
  std::string dict_path;  ///< main dictionary; default <jieba_dir>/dict.txt
  std::string hmm_dir;    ///< the HMM's prob_*.py; default <jieba_dir>/finalseg
  cache_options cache;    ///< image cache (see jieba_data.hpp)
};

namespace detail {

inline engine_mode to_engine_mode(cut_mode m) noexcept {
  return m == cut_mode::full ? engine_mode::full : m == cut_mode::search ? engine_mode::search : engine_mode::precise;
}

/// The state of a token_range: the segmenter state it cuts with, where it is in the
/// text, and the tokens of the unit(s) cut last.
struct range_state {
  std::shared_ptr<const segment_state> snap;
  lexicon lex;
  cut_options opt;
  std::string_view text;
  std::size_t pos = 0;
  cut_scratch scratch;
  std::vector<token> tokens;
  std::size_t index = 0;
  bool started = false;

  bool done() const noexcept { return index >= tokens.size() && pos >= text.size(); }
  // Moves to the next token, cutting the next unit when the buffer is used up.
  void advance() {
    if (started) ++index;
    started = true;
    if (index < tokens.size()) return;
    tokens.clear();
    index = 0;
    auto sink = [this](std::string_view t, std::size_t offset, std::size_t) { tokens.push_back(token{t, offset}); };
    cutter<decltype(sink)> c(lex, to_engine_mode(opt.mode), opt.hmm, scratch, text, sink);
    while (tokens.empty() && pos < text.size()) pos = c.step(pos);
  }
};

}  // namespace detail

class token_range;

class segmenter {
 public:
  segmenter(segmenter&&) noexcept = default;
  segmenter& operator=(segmenter&&) noexcept = default;
  segmenter(const segmenter&) = delete;
  segmenter& operator=(const segmenter&) = delete;

  /// Loads the dictionary and the HMM (from cached images when possible).
  /// Errors: errc::not_found naming the path tried and how to install jieba's data,
  /// errc::parse_error with file:line, errc::invalid_argument "PATH: ... total
  /// frequency is 0" (an empty dictionary).
  static result<segmenter> load(const segmenter_options& opt = {}) {
    const std::string dir = jieba_data_dir(opt.jieba_dir);
    auto dict = opt.dict_path.empty() ? dictionary::load_default(dir, opt.cache) : dictionary::load(opt.dict_path, opt.cache);
    if (!dict) return dict.error();
    auto hmm = opt.hmm_dir.empty() ? hmm_model::load_default(dir, opt.cache) : hmm_model::load(opt.hmm_dir, opt.cache);
    if (!hmm) return hmm.error();
    if (dict->total() <= 0)  // create's error, naming the file
      return make_error(errc::invalid_argument, (opt.dict_path.empty() ? dir + "/dict.txt" : opt.dict_path) +
                                                    ": the dictionary's total frequency is 0 (no 'word freq' lines?)");
    return create(std::make_shared<const dictionary>(std::move(*dict)), std::make_shared<const hmm_model>(std::move(*hmm)));
  }

  /// A segmenter over a dictionary and an HMM (nullptr: no HMM; `hmm` options are then
  /// ignored). Errors: errc::invalid_argument when the dictionary is missing or its
  /// total frequency is 0 (jieba fails on log(0) there).
  static result<segmenter> create(std::shared_ptr<const dictionary> dict, std::shared_ptr<const hmm_model> hmm) {
    if (!dict) return make_error(errc::invalid_argument, "segmenter: no dictionary");
    if (dict->total() <= 0) return make_error(errc::invalid_argument, "segmenter: the dictionary's total frequency is 0");
    auto state = std::make_shared<detail::segment_state>();
    state->total = dict->total();
    state->dict = std::move(dict);
    state->hmm = std::move(hmm);
    state->lx.dict = &state->dict->view();
    state->lx.hmm = state->hmm ? &state->hmm->view() : nullptr;
    state->seal();
    segmenter s;
    s.shared_->current = std::move(state);
    return s;
  }

  /// The tokens of `text` as a lazy, single-pass range (see token_range). `text` must
  /// outlive it.
  token_range cut(std::string_view text, cut_options opt = {}) const;
  /// Deleted: the range would view a temporary string.
  template <class S, detail::if_temporary_string<S> = 0>
  token_range cut(S&&, cut_options = {}) const = delete;

  /// Calls f(const token&) for each token, in order; no allocation per token. If f
  /// also accepts a byte_range, it gets the input bytes the token was cut from.
  template <class F>
  void for_each_token(std::string_view text, F&& f, cut_options opt = {}) const {
    const auto state = snapshot();
    const detail::lexicon& lx = state->lex();
    // One scratch per thread, reused across calls; a nested call (from inside f) gets
    // its own.
    thread_local detail::cut_scratch scratch;
    thread_local bool busy = false;
    if (busy) {
      detail::cut_scratch own;
      run(lx, text, opt, own, f);
      return;
    }
    busy = true;
    struct release {
      bool& b;
      ~release() { b = false; }
    } guard{busy};
    run(lx, text, opt, scratch, f);
  }

  /// jieba.lcut / lcut_for_search: the tokens as strings.
  std::vector<std::string> cut_strings(std::string_view text, cut_options opt = {}) const {
    std::vector<std::string> out;
    for_each_token(text, [&](const token& t) { out.emplace_back(t.text); }, opt);
    return out;
  }

  /// jieba's add_word(word, freq=None, tag=None): without a frequency, the one
  /// suggest_freq(word) gives. Errors: errc::invalid_argument (empty word, negative
  /// frequency), errc::invalid_utf8.
  result<void> add_word(std::string_view word, std::optional<std::int64_t> freq = std::nullopt, std::string_view tag = {}) {
    return edit([&](detail::segment_editor& e) { return e.add_word(word, freq, tag); });
  }
  /// jieba's del_word(word): add_word(word, 0).
  result<void> del_word(std::string_view word) { return add_word(word, 0); }

  /// jieba's suggest_freq(word, tune): the frequency that keeps `word` whole (and
  /// sets it when `tune`).
  result<std::int64_t> suggest_freq(std::string_view word, bool tune = false) {
    std::int64_t out = 0;
    auto r = edit([&](detail::segment_editor& e) -> result<void> {
      auto f = e.suggest_freq(word, tune);
      if (!f) return f.error();
      out = *f;
      return {};
    }, tune);
    if (!r) return r.error();
    return out;
  }
  /// jieba's suggest_freq((s1, s2, ...), tune): the frequency that makes the
  /// concatenation split into `segments` (and sets it when `tune`).
  result<std::int64_t> suggest_freq(const std::vector<std::string_view>& segments, bool tune = false) {
    std::int64_t out = 0;
    auto r = edit([&](detail::segment_editor& e) -> result<void> {
      auto f = e.suggest_freq(segments, tune);
      if (!f) return f.error();
      out = *f;
      return {};
    }, tune);
    if (!r) return r.error();
    return out;
  }

  /// jieba's load_userdict(path): each line "word [freq] [tag]" is add_word'ed in order
  /// (see detail/segment/dict_text.hpp for the exact reading). All or nothing: on an error
  /// (errc::parse_error with path:line, errc::not_found) nothing is applied.
  result<void> load_userdict(const std::string& path) {
    auto f = detail::mapped_file::open(path);
    if (!f) return f.error();
    return load_userdict_text(f->bytes(), path);
  }
  /// load_userdict on text in memory; `name` is used in errors.
  result<void> load_userdict_text(std::string_view text, std::string_view name = "<memory>") {
    const std::string n(name);
    return edit([&](detail::segment_editor& e) { return e.load_userdict(text, n); });
  }

  /// What update() hands to its function: add_word, suggest_freq (both forms) and
  /// load_userdict(text, name) with the semantics above, on a private copy.
  using editor = detail::segment_editor;

  /// Applies several edits and publishes them at once: f(editor&) returns
  /// result<void>. All or nothing.
  template <class F>
  result<void> update(F&& f) {
    return edit(std::forward<F>(f));
  }

  /// The word's frequency and tag, or nullopt when it is not a word (a string that
  /// is only a prefix of words is not). Deleted words have frequency 0.
  std::optional<word_info> lookup(std::string_view word) const {
    const auto state = snapshot();
    if (!is_valid_utf8(word) || word.empty()) return std::nullopt;
    std::optional<word_info> out;
    if (auto e = state->dict->find(word)) out = word_info{e->freq, std::string(e->tag)};
    if (state->user) {
      const std::uint32_t u = state->user->find(word);
      if (u != detail::user_words::none && state->user->at(u).freq >= 0) {
        if (!out) out = word_info{};
        out->freq = state->user->at(u).freq;
        if (!state->user->tag(u).empty()) out->tag = std::string(state->user->tag(u));
      }
    }
    return out;
  }
  /// jieba's FREQ.get(s): the frequency, 0 for a mere prefix of words, nullopt if absent.
  std::optional<std::int64_t> freq(std::string_view s) const {
    const std::int64_t f = snapshot()->lex().freq_of_string(s);
    return f < 0 ? std::nullopt : std::optional<std::int64_t>(f);
  }
  /// jieba's total: the sum of all frequencies ever added.
  std::int64_t total() const { return snapshot()->total; }
  /// The main dictionary and the HMM (nullptr if none).
  std::shared_ptr<const dictionary> base_dictionary() const { return snapshot()->dict; }
  std::shared_ptr<const hmm_model> hmm() const { return snapshot()->hmm; }

  /// The current state, for code that cuts many texts with one consistent state.
  std::shared_ptr<const detail::segment_state> snapshot() const {
    std::lock_guard<std::mutex> lock(shared_->read_mutex);
    return shared_->current;
  }

  /// Cuts with an explicit state and scratch (what the other cutting functions do).
  template <class F>
  static void run(const detail::lexicon& lx, std::string_view text, cut_options opt, detail::cut_scratch& scratch, F& f) {
    auto sink = [&f](std::string_view t, std::size_t offset, std::size_t end) {
      if constexpr (std::is_invocable_v<F&, const token&, const byte_range&>) f(token{t, offset}, byte_range{offset, end});
      else f(token{t, offset});
    };
    detail::cutter<decltype(sink)> c(lx, detail::to_engine_mode(opt.mode), opt.hmm, scratch, text, sink);
    c.run();
  }

 private:
  struct shared_state {
    mutable std::mutex read_mutex;  // guards `current`
    std::shared_ptr<const detail::segment_state> current;
    std::mutex write_mutex;  // serialises writers
  };

  segmenter() : shared_(std::make_unique<shared_state>()) {}

  template <class F>
  result<void> edit(F&& f, bool publish = true) {
    std::lock_guard<std::mutex> lock(shared_->write_mutex);
    detail::segment_editor ed(*snapshot());
    result<void> r = f(ed);
    if (!r || !publish) return r;
    auto next = ed.finish();
    std::lock_guard<std::mutex> rl(shared_->read_mutex);
    shared_->current = std::move(next);
    return r;
  }

  std::unique_ptr<shared_state> shared_;
};

/// The lazy range segmenter::cut() returns: an input range of `const token&`, cut one
/// block at a time (memory: the tokens of the largest block). Movable, not copyable;
/// begin() may be called once.
class token_range {
 public:
  class iterator {
   public:
    using iterator_category = std::input_iterator_tag;
    using value_type = token;
    using difference_type = std::ptrdiff_t;
    using pointer = const token*;
    using reference = const token&;

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
    friend class token_range;
    explicit iterator(detail::range_state* st) : st_(st) {}
    bool at_end() const noexcept { return st_ == nullptr || st_->done(); }
    detail::range_state* st_ = nullptr;
  };

  token_range(token_range&&) noexcept = default;
  token_range& operator=(token_range&&) noexcept = default;

  iterator begin() {
    st_->advance();
    return iterator(st_.get());
  }
  iterator end() noexcept { return iterator(); }

 private:
  friend class segmenter;
  token_range(std::shared_ptr<const detail::segment_state> state, std::string_view text, cut_options opt);
  std::unique_ptr<detail::range_state> st_;
};

inline token_range::token_range(std::shared_ptr<const detail::segment_state> state, std::string_view text, cut_options opt)
    : st_(std::make_unique<detail::range_state>()) {
  st_->lex = state->lex();
  st_->snap = std::move(state);
  st_->opt = opt;
  st_->text = text;
}

inline token_range segmenter::cut(std::string_view text, cut_options opt) const {
  return token_range(snapshot(), text, opt);
}

}  // namespace zhtext
