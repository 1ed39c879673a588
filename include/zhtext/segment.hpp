// zhtext/segment.hpp - Chinese word segmentation, token for token identical to jieba
// 0.42.1 (precise mode with and without HMM, full mode, search mode), with views and
// byte offsets instead of copies.
//
//   auto seg = zhtext::segmenter::load();          // jieba's dict.txt + HMM (cached image)
//   if (!seg) { std::cerr << seg.error().message << '\n'; return 1; }
//   for (const zhtext::token& t : seg->tokens("他来到了网易杭研大厦"))
//     std::cout << t.offset << ' ' << t.text << '\n';   // 0 他 / 3 来到 / 9 了 / 12 网易 / 18 杭研 / 24 大厦
//   seg->for_each_token(text, [](const zhtext::token& t) { ... }, {zhtext::cut_mode::search});
//   std::vector<zhtext::token> v = seg->token_vector(text);         // views into text
//   std::vector<std::string> words = seg->word_strings(text);       // jieba.lcut(text)
//   seg->add_word("杭研大厦");                                      // jieba.add_word
//
//   zhtext::segmenter::session s(*seg);   // many texts, one thread: one state, one scratch
//   for (std::string_view doc : docs)
//     s.for_each_token(doc, [&](const zhtext::token& t, zhtext::word_id id) { ... });
//
// The rules are in detail/segment/engine.hpp and word_policy.hpp. Tokens cover the input in order in
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
// Word ids: a callback that takes (const token&, word_id) gets each word's id (see
// word_id.hpp), for counting words without hashing their text again.
//
// Thread safety: every const member function may run concurrently with any other
// member function, writers included. Writers (add_word, del_word, suggest_freq with
// tune, add_user_dictionary, update) are serialised by a mutex; each publishes a new
// immutable state with one pointer swap (a reader sees a state before or after a
// write, never half of one; add_user_dictionary and update() publish once for all
// their words). A token_range and a session keep the state they started with. Moving
// or destroying a segmenter while other threads use it is not allowed.
//
// Cost: the default dictionary is ready in ~2 ms from its cached image (9.5 MB, mapped
// and checksummed); cutting allocates nothing per token (each thread keeps one scratch
// buffer, about 40 bytes per character of the longest run of Chinese/Latin characters it
// has cut, up to 32768 characters; a longer run costs half a byte per character and
// the buffer of a window, plus with HMM its longest run of unknown Han characters; a
// long run of Latin letters is one token viewed in the input, see
// detail/segment/engine.hpp; a session keeps its own); writers
// copy the user words (O(user words) each; use add_user_dictionary or update() for
// many).
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "detail/containers/scratch_slot.hpp"
#include "detail/platform/linkage.hpp"
#include "detail/ranges/buffered_cursor.hpp"
#include "detail/ranges/lazy_range.hpp"
#include "detail/segment/engine.hpp"
#include "detail/segment/state.hpp"
#include "detail/segment/word_policy.hpp"
#include "dictionary.hpp"
#include "hmm_model.hpp"
#include "jieba_data.hpp"
#include "result.hpp"
#include "text_span.hpp"
#include "utf8.hpp"
#include "word_id.hpp"

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

/// True if jieba never joins `c` to a neighbour in precise or search mode, nor
/// jieba.posseg: c is outside re_han_default (U+4E00..U+9FD5, ASCII letters, digits,
/// + # & . _ % -) and is not Python white space (re_skip), so it is a token of its own.
/// Text cut right after such a character segments into the tokens of the whole text
/// (full mode excepted: its pieces between white space can be any length).
constexpr bool is_jieba_break(char32_t c) noexcept {
  return !detail::is_jieba_han(c) && !detail::is_block_ascii(c) && !detail::is_python_space(c);
}

/// A token: its text and the byte offset in the input where it starts. `text` views
/// the input, except for one jieba quirk of full mode (Latin pieces glued across
/// overlapping dictionary words, see detail/segment/engine.hpp), where it views a
/// buffer valid until the next token (token_vector keeps a copy, see there);
/// `text.data() == input.data() + offset` tells.
/// The one {text, offset} type of zhtext (text_span.hpp).
using token = text_span;

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

static_assert(static_cast<std::uint32_t>(word_id::none) == no_word, "word_id::none is the engine's no_word");

/// Runs the cutter with `policy` over `text`, computing the word ids Ids asks for.
template <id_mode Ids, class Policy, class Sink>
void run_cutter(const lexicon& lx, const Policy& policy, bool hmm, cut_scratch& scratch, std::string_view text,
                Sink& sink) {
  cutter<Policy, Sink, Ids> c(lx, policy, hmm, scratch, text, sink);
  c.run();
}

/// The segmenter's cutting: calls f(const token&), f(const token&, const byte_range&)
/// or f(const token&, word_id), whichever f takes, for each token of `text`.
template <class F>
void cut_words(const lexicon& lx, std::string_view text, cut_options opt, cut_scratch& scratch, F& f) {
  const word_policy policy{to_engine_mode(opt.mode)};
  if constexpr (std::is_invocable_v<F&, const token&, const byte_range&>) {
    auto sink = [&f](const cut_piece& p) { f(token{p.text, p.offset}, byte_range{p.offset, p.end}); };
    run_cutter<id_mode::none>(lx, policy, opt.hmm, scratch, text, sink);
  } else if constexpr (std::is_invocable_v<F&, const token&, word_id>) {
    auto sink = [&f](const cut_piece& p) { f(token{p.text, p.offset}, static_cast<word_id>(p.id)); };
    run_cutter<id_mode::all>(lx, policy, opt.hmm, scratch, text, sink);
  } else {
    static_assert(std::is_invocable_v<F&, const token&>,
                  "the callback takes (const token&), (const token&, const byte_range&) or (const token&, word_id)");
    auto sink = [&f](const cut_piece& p) { f(token{p.text, p.offset}); };
    run_cutter<id_mode::none>(lx, policy, opt.hmm, scratch, text, sink);
  }
}

/// Full mode's glued Latin tokens kept by token_vector on this thread (see there).
inline std::deque<std::string>& kept_glued_tokens() {
  thread_local std::deque<std::string> kept;
  return kept;
}

/// token_vector's collector: a token that views `text` is stored as it is; a glued one
/// (its cutting buffer dies with the next unit) views a copy in kept_glued_tokens(),
/// which a full-mode collector empties when it starts.
struct token_collector {
  token_collector(std::string_view t, cut_options opt) : text(t) {
    if (opt.mode == cut_mode::full) kept_glued_tokens().clear();
  }
  void operator()(const token& t) {
    if (t.text.data() == text.data() + t.offset)
      out.push_back(t);
    else
      out.push_back(token{kept_glued_tokens().emplace_back(t.text), t.offset});
  }
  std::string_view text;
  std::vector<token> out;
};

/// What segmenter::tokens cuts with (detail/ranges/buffered_cursor.hpp's Fill): the
/// segmenter state the range started with and a scratch buffer of its own.
struct token_fill {
  std::shared_ptr<const segment_state> snap;
  cut_options opt;
  cut_scratch scratch;

  // Cuts the unit at `pos` (one call per unit; compiled once in zhtext::compiled in
  // compiled mode, after segmenter).
  std::size_t operator()(std::string_view text, std::size_t pos, std::vector<token>& out);
};

/// What the library's own headers (pos.hpp, keywords.hpp, segment_parallel.hpp) take
/// from a segmenter or a session: its state.
struct segment_access;

}  // namespace detail

/// The lazy range segmenter::tokens() returns: a single-pass input range of `const
/// token&`, cut one unit at a time (memory: the tokens of the largest unit); movable,
/// not copyable (detail/ranges/lazy_range.hpp). Moving it after begin() invalidates its
/// iterators.
using token_range = detail::lazy_range<detail::buffered_cursor<token, detail::token_fill>>;

class segmenter {
 public:
  class session;
  class batch;

  segmenter(segmenter&&) noexcept = default;
  segmenter& operator=(segmenter&&) noexcept = default;
  segmenter(const segmenter&) = delete;
  segmenter& operator=(const segmenter&) = delete;

  /// Loads the dictionary and the HMM (from cached images when possible).
  /// Errors: errc::not_found naming the path tried and how to install jieba's data,
  /// errc::parse_error with file:line, errc::invalid_argument "PATH: ... total
  /// frequency is 0" (an empty dictionary).
  static result<segmenter> load(const segmenter_options& opt = {});

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
    state->lineage = detail::unique_serial();
    state->lx.dict = &detail::view_of(*state->dict);
    state->lx.hmm = state->hmm ? &detail::view_of(*state->hmm) : nullptr;
    state->seal();
    segmenter s;
    s.shared_->current = std::move(state);
    return s;
  }

  // ---- cutting: jieba.cut / cut_for_search, in three shapes -------------------------

  /// The tokens of `text` as a lazy, single-pass range (see token_range). `text` must
  /// outlive it.
  token_range tokens(std::string_view text, cut_options opt = {}) const;
  /// Deleted: the range would view a temporary string.
  template <class S, detail::if_temporary_string<S> = 0>
  token_range tokens(S&&, cut_options = {}) const = delete;

  /// Calls f for each token, in order; no allocation per token. f takes
  /// (const token&); or (const token&, const byte_range&): also the input bytes the
  /// token was cut from; or (const token&, word_id): also the word's id (word_id.hpp).
  template <class F>
  void for_each_token(std::string_view text, F&& f, cut_options opt = {}) const {
    const auto state = snapshot();
    detail::with_thread_scratch<detail::cut_scratch>(
        [&](detail::cut_scratch& scratch) { detail::cut_words(state->lex(), text, opt, scratch, f); });
  }

  /// The tokens as a vector (views into `text`). Full mode's glued Latin tokens (see
  /// token) cannot view `text`: theirs view copies kept by this thread until its next
  /// full-mode token_vector call (word_strings gives owned words).
  /// (In compiled mode this, word_strings and the other vector-returning cuts are
  /// compiled once, in zhtext::compiled: one call per text, the same code and speed.)
  std::vector<token> token_vector(std::string_view text, cut_options opt = {}) const;
  /// Deleted: the tokens would view the temporary std::string (use a named string).
  template <class S, detail::if_temporary_string<S> = 0>
  std::vector<token> token_vector(S&&, cut_options = {}) const = delete;

  /// jieba.lcut / lcut_for_search: the tokens as strings.
  std::vector<std::string> word_strings(std::string_view text, cut_options opt = {}) const;

  // ---- words: jieba's add_word & co ------------------------------------------------

  /// jieba's add_word(word, freq=None, tag=None): without a frequency, the one
  /// suggest_freq(word) gives. Errors: errc::invalid_argument (empty word, negative
  /// frequency), errc::invalid_utf8.
  result<void> add_word(std::string_view word, std::optional<std::int64_t> freq = std::nullopt, std::string_view tag = {});
  /// jieba's del_word(word): add_word(word, 0).
  result<void> del_word(std::string_view word) { return add_word(word, 0); }

  /// jieba's suggest_freq(word, tune): the frequency that keeps `word` whole (and
  /// sets it when `tune`).
  result<std::int64_t> suggest_freq(std::string_view word, bool tune = false);
  /// jieba's suggest_freq((s1, s2, ...), tune): the frequency that makes the
  /// concatenation split into `segments` (and sets it when `tune`).
  result<std::int64_t> suggest_freq(const std::vector<std::string_view>& segments, bool tune = false);

  /// jieba's load_userdict(path): each line "word [freq] [tag]" is add_word'ed in order
  /// (see detail/segment/dict_text.hpp for the exact reading). All or nothing: on an error
  /// (errc::parse_error with path:line, errc::not_found) nothing is applied.
  result<void> add_user_dictionary(const std::string& path);
  /// add_user_dictionary on text in memory; `name` is used in errors.
  result<void> add_user_dictionary_text(std::string_view text, std::string_view name = "<memory>");

  /// Applies several edits and publishes them at once: f(batch&) returns
  /// result<void>. All or nothing: when f returns an error, nothing is applied.
  template <class F>
  result<void> update(F&& f);

  // ---- reading ---------------------------------------------------------------------

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

  /// The id the cutter gives `word` (word_id.hpp): word_id::none when it is neither a
  /// dictionary nor a user word. O(length).
  word_id find_word_id(std::string_view word) const {
    return static_cast<word_id>(snapshot()->lex().id_of_string(word));
  }
  /// Every word id handed out so far is below this (it grows when words are added).
  std::uint32_t word_id_bound() const { return snapshot()->lex().id_bound(); }

 private:
  friend struct detail::segment_access;
  struct shared_state {
    mutable std::mutex read_mutex;  // guards `current`
    std::shared_ptr<const detail::segment_state> current;
    std::mutex write_mutex;  // serialises writers
  };

  segmenter() : shared_(std::make_unique<shared_state>()) {}

  // The current state.
  std::shared_ptr<const detail::segment_state> snapshot() const {
    std::lock_guard<std::mutex> lock(shared_->read_mutex);
    return shared_->current;
  }

  template <class F>
  result<void> edit(F&& f, bool publish = true);
  // suggest_freq(word or segments, tune) through a batch.
  template <class Arg>
  result<std::int64_t> suggest(const Arg& arg, bool tune);

  std::unique_ptr<shared_state> shared_;
};

// The loaders: inline, or compiled once into zhtext::compiled (detail/platform/linkage.hpp).
#if ZHTEXT_DEFINITIONS
ZHTEXT_DECL result<segmenter> segmenter::load(const segmenter_options& opt) {
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
#endif

/// A batch of edits for segmenter::update(): jieba's add_word, del_word,
/// suggest_freq and load_userdict with the segmenter's semantics, applied to a
/// private copy of its words and published together when update()'s function returns
/// success. Each function sees the edits made before it in the batch.
class segmenter::batch {
 public:
  /// segmenter::add_word.
  result<void> add_word(std::string_view word, std::optional<std::int64_t> freq = std::nullopt, std::string_view tag = {}) {
    return editor_.add_word(word, freq, tag);
  }
  /// segmenter::del_word.
  result<void> del_word(std::string_view word) { return add_word(word, 0); }
  /// segmenter::suggest_freq (tune: sets it in the batch).
  result<std::int64_t> suggest_freq(std::string_view word, bool tune = false) {
    return editor_.suggest_freq(word, tune);
  }
  result<std::int64_t> suggest_freq(const std::vector<std::string_view>& segments, bool tune = false) {
    return editor_.suggest_freq(segments, tune);
  }
  /// segmenter::add_user_dictionary (jieba's load_userdict); stops at the first error.
  result<void> add_user_dictionary(const std::string& path) {
    auto f = detail::mapped_file::open(path);
    if (!f) return f.error();
    return add_user_dictionary_text(f->bytes(), path);
  }
  /// add_user_dictionary on text in memory; `name` is used in errors.
  result<void> add_user_dictionary_text(std::string_view text, std::string_view name = "<memory>") {
    return editor_.add_user_dictionary(text, std::string(name));
  }

 private:
  friend class segmenter;
  explicit batch(const detail::segment_state& from) : editor_(from) {}
  detail::segment_editor editor_;
};

template <class F>
result<void> segmenter::edit(F&& f, bool publish) {
  std::lock_guard<std::mutex> lock(shared_->write_mutex);
  batch b(*snapshot());
  result<void> r = f(b);
  if (!r || !publish) return r;
  auto next = b.editor_.finish();
  std::lock_guard<std::mutex> rl(shared_->read_mutex);
  shared_->current = std::move(next);
  return r;
}

template <class F>
result<void> segmenter::update(F&& f) {
  return edit(std::forward<F>(f));
}

inline result<void> segmenter::add_word(std::string_view word, std::optional<std::int64_t> freq, std::string_view tag) {
  return edit([&](batch& b) { return b.add_word(word, freq, tag); });
}

template <class Arg>
result<std::int64_t> segmenter::suggest(const Arg& arg, bool tune) {
  std::int64_t out = 0;
  auto r = edit([&](batch& b) -> result<void> {
    auto f = b.suggest_freq(arg, tune);
    if (!f) return f.error();
    out = *f;
    return {};
  }, tune);
  if (!r) return r.error();
  return out;
}

inline result<std::int64_t> segmenter::suggest_freq(std::string_view word, bool tune) { return suggest(word, tune); }

inline result<std::int64_t> segmenter::suggest_freq(const std::vector<std::string_view>& segments, bool tune) {
  return suggest(segments, tune);
}

inline result<void> segmenter::add_user_dictionary(const std::string& path) {
  return edit([&](batch& b) { return b.add_user_dictionary(path); });
}

inline result<void> segmenter::add_user_dictionary_text(std::string_view text, std::string_view name) {
  return edit([&](batch& b) { return b.add_user_dictionary_text(text, name); });
}

/// A segmenter's state at one moment (its dictionary, user words and total) with a
/// scratch buffer of its own: for cutting many texts from one thread with no locking
/// and no thread-local lookup per call, all with the same words (edits made to the
/// segmenter afterwards are not seen; make a new session to see them). Cheap to make
/// (a pointer copy; the scratch grows on first use). Not thread-safe: one session per
/// thread. The segmenter may be edited or destroyed while the session lives.
class segmenter::session {
 public:
  /// A session over `seg`'s current state.
  explicit session(const segmenter& seg) : state_(seg.snapshot()) {}
  session(session&&) noexcept = default;
  session& operator=(session&&) noexcept = default;

  /// segmenter::tokens with this session's state (the range has a scratch of its own).
  token_range tokens(std::string_view text, cut_options opt = {}) const {
    return token_range({text, detail::token_fill{state_, opt, {}}});
  }
  template <class S, detail::if_temporary_string<S> = 0>
  token_range tokens(S&&, cut_options = {}) const = delete;

  /// segmenter::for_each_token with this session's state and scratch.
  template <class F>
  void for_each_token(std::string_view text, F&& f, cut_options opt = {}) {
    scratch_.use([&](detail::cut_scratch& scratch) { detail::cut_words(state_->lex(), text, opt, scratch, f); });
  }

  /// segmenter::token_vector with this session's state and scratch (glued tokens: the
  /// same thread-kept copies).
  std::vector<token> token_vector(std::string_view text, cut_options opt = {});

  /// segmenter::find_word_id and word_id_bound for this session's state.
  word_id find_word_id(std::string_view word) const { return static_cast<word_id>(state_->lex().id_of_string(word)); }
  std::uint32_t word_id_bound() const { return state_->lex().id_bound(); }

 private:
  friend struct detail::segment_access;
  std::shared_ptr<const detail::segment_state> state_;
  detail::scratch_slot<detail::cut_scratch> scratch_;
};

inline token_range segmenter::tokens(std::string_view text, cut_options opt) const {
  return token_range({text, detail::token_fill{snapshot(), opt, {}}});
}

// The vector-returning cuts and the lazy range's unit: inline, or compiled once into
// zhtext::compiled.
#if ZHTEXT_DEFINITIONS
ZHTEXT_DECL std::size_t detail::token_fill::operator()(std::string_view text, std::size_t pos, std::vector<token>& out) {
  auto sink = [&out](const detail::cut_piece& p) { out.push_back(token{p.text, p.offset}); };
  const detail::word_policy policy{detail::to_engine_mode(opt.mode)};
  detail::cutter<detail::word_policy, decltype(sink)> c(snap->lex(), policy, opt.hmm, scratch, text, sink);
  while (out.empty() && pos < text.size()) pos = c.step(pos);
  return pos;
}

ZHTEXT_DECL std::vector<token> segmenter::token_vector(std::string_view text, cut_options opt) const {
  detail::token_collector c(text, opt);
  for_each_token(text, c, opt);
  return std::move(c.out);
}

ZHTEXT_DECL std::vector<std::string> segmenter::word_strings(std::string_view text, cut_options opt) const {
  std::vector<std::string> out;
  for_each_token(text, [&](const token& t) { out.emplace_back(t.text); }, opt);
  return out;
}

ZHTEXT_DECL std::vector<token> segmenter::session::token_vector(std::string_view text, cut_options opt) {
  detail::token_collector c(text, opt);
  for_each_token(text, c, opt);
  return std::move(c.out);
}
#endif

namespace detail {
struct segment_access {
  static std::shared_ptr<const segment_state> state(const segmenter& s) { return s.snapshot(); }
  static const std::shared_ptr<const segment_state>& state(const segmenter::session& s) noexcept { return s.state_; }
};
}  // namespace detail

}  // namespace zhtext
