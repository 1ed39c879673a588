// zhtext/pos_model.hpp - the hidden Markov model jieba.posseg uses to cut and tag
// unknown Chinese runs.
//
// posseg's states are (position, tag) pairs such as ('B', 'n'): 4 positions (B begins a
// word, M is inside, E ends it, S is a one-character word) times 64 tags, 256 states.
// The model is read from jieba's posseg/char_state_tab.py, prob_start.py,
// prob_trans.py and prob_emit.py by the strict literal parser (detail/formats/py_literal.hpp;
// Python is never run; detail/segment/hmm_source.hpp reads them, as for hmm_model) and
// compiled into a checksummed image (kind "posseg", ~740 KB) that is cached like the
// dictionary (jieba_data.hpp), so loading is one mmap and one checksum pass:
//
//   0 meta        u32[4]: states N, tags T, 0, 0
//   1 state info  u32[N]: position code (bits 0-7: 0 B, 1 M, 2 E, 3 S, 4 other), tag
//                 index (bits 8-23), bit 24 set when the state has transitions
//   2-3 tags      u32[T + 1] offsets into the concatenated tag strings
//   4 start       f64[N]             log P(first state)
//   5 trans       f64[N * N]         log P(to | from), -inf where jieba has none
//   6 successors  u64[N * W]         bit sets (W = ceil(N / 64)) of each state's targets
//   7 char index  u32[C + 1]         C = U+4E00..U+9FD5, into sections 8-9
//   8-9 char states u16[M], f64[M]   char_state_tab's states of each character, with
//                                    emit_p[state].get(char, MIN_FLOAT)
//   10-11 emissions u32[K], f64[K]   every emission of a character of that range, keyed
//                                    (char - U+4E00) << 16 | state, sorted
//
// Opening an image also derives, in memory, each state's predecessors (N x W bit-set
// words: the states whose transition to it is not -inf; 8 KB for jieba's model) and
// whether every number is a log probability (<= 0, not NaN), for the tagger's Viterbi
// (detail/segment/pos_policy.hpp, score_pruned): O(N^2 + emissions) at each load.
//
// States are numbered in Python's tuple order (position string, then tag string), so
// "the larger state" of jieba's max((prob, state)) ties is the larger number. Checked
// at build time, since jieba's Viterbi would raise on them: every state has a start
// probability and an emission table; every state in char_state_tab and every
// transition target is a state; no character's states, and no transition target, lack
// transitions (jieba's max() over no predecessors).
//
//   auto m = zhtext::pos_model::load_default();     // <jieba dir>/posseg/*.py
//   if (!m) std::cerr << m.error().message << '\n';
//
// Thread safety: immutable; share freely. Movable, not copyable.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "detail/platform/linkage.hpp"
#include "detail/storage/compiled_image.hpp"
#include "detail/segment/hmm_source.hpp"
#include "detail/segment/pos_view.hpp"
#include "jieba_data.hpp"
#include "result.hpp"
#include "utf8.hpp"

namespace zhtext {

class pos_model : public detail::compiled_image<pos_model> {
 public:
  /// jieba's MIN_FLOAT: the emission of a character a state does not list.
  static constexpr double min_float = detail::pos_view::min_float;
  /// The characters the model tags (posseg's re_han_detail: U+4E00..U+9FD5).
  static constexpr char32_t first_char = detail::pos_view::first_char, last_char = detail::pos_view::last_char;
  /// Position codes of state_position().
  enum position : std::uint8_t {
    B = detail::pos_view::B,  // 0
    M = detail::pos_view::M,  // 1
    E = detail::pos_view::E,  // 2
    S = detail::pos_view::S,  // 3
    other = detail::pos_view::other,  // 4
  };
  /// At most this many states (the transition table is dense).
  static constexpr std::uint32_t max_states = detail::hmm_source::max_states;

  pos_model(pos_model&&) noexcept = default;
  pos_model& operator=(pos_model&&) noexcept = default;

  /// The files of posseg's folder that load() reads (in parse()'s order).
  static constexpr const char* source_files[4] = {"char_state_tab.py", "prob_start.py", "prob_trans.py",
                                                  "prob_emit.py"};

  /// Builds a model from the text of char_state_tab.py, prob_start.py, prob_trans.py
  /// and prob_emit.py (in that order); `names` name them in errors. Errors:
  /// errc::parse_error (file:line:column, or file: what is inconsistent),
  /// errc::limit_exceeded.
  static result<pos_model> parse(const std::string_view (&files)[4], const std::string (&names)[4] = default_names());

  /// Loads posseg_dir/{char_state_tab,prob_start,prob_trans,prob_emit}.py through the
  /// image cache. Errors: errc::not_found naming the path, errc::parse_error.
  static result<pos_model> load(const std::string& posseg_dir, const cache_options& cache = {});

  /// jieba's own model, <jieba_data_dir(jieba_dir)>/posseg/*.py.
  static result<pos_model> load_default(std::string_view jieba_dir = {}, const cache_options& cache = {});

  // from_image, from_image_in_place, load_image, save_image, image() and report() are
  // those of every compiled model (detail/storage/compiled_image.hpp).

  std::uint32_t states() const noexcept { return tables_.states(); }
  /// Words of bit sets per state (ceil(states / 64)).
  std::uint32_t set_words() const noexcept { return tables_.set_words(); }
  position state_position(std::uint32_t s) const noexcept { return static_cast<position>(tables_.state_position(s)); }
  bool has_successors(std::uint32_t s) const noexcept { return tables_.has_successors(s); }
  /// The state's tag; views the image (valid while the model lives).
  std::string_view state_tag(std::uint32_t s) const noexcept { return tables_.state_tag(s); }
  std::uint32_t tags() const noexcept { return tables_.tags(); }
  std::string_view tag(std::uint32_t i) const noexcept { return tables_.tag(i); }
  /// The model's tag equal to `t`, viewing the image, or an empty view.
  std::string_view find_tag(std::string_view t) const noexcept { return tables_.find_tag(t); }

  double start(std::uint32_t s) const noexcept { return tables_.start(s); }
  /// The transition row of state `from` (N values).
  const double* trans_row(std::uint32_t from) const noexcept { return tables_.trans_row(from); }
  /// The bit set of the states `from` has transitions to (set_words() words).
  const std::uint64_t* successors(std::uint32_t from) const noexcept { return tables_.successors(from); }

  /// char_state_tab's states of cp (with their emissions) as [begin, end) indices into
  /// char_state()/char_emit(); begin == end when cp has no entry (then jieba uses all
  /// states). Precondition: cp in [first_char, last_char].
  std::pair<std::uint32_t, std::uint32_t> char_states(char32_t cp) const noexcept { return tables_.char_states(cp); }
  std::uint16_t char_state(std::uint32_t i) const noexcept { return tables_.char_state(i); }
  double char_emit(std::uint32_t i) const noexcept { return tables_.char_emit(i); }

  /// emit_p[state].get(cp, MIN_FLOAT) for cp in [first_char, last_char]. O(log K).
  double emit(std::uint32_t state, char32_t cp) const noexcept { return tables_.emit(state, cp); }

 private:
  friend class detail::compiled_image<pos_model>;
  friend struct detail::image_access;  // detail::view_of(pos_model) is the tagger's pos_view
  static constexpr detail::image_format format{"posseg", 1, 12};
  static constexpr std::size_t chars = last_char - first_char + 1;

  explicit pos_model(detail::image_tag) noexcept {}

  result<void> adopt_image(std::string_view bytes, const std::string& name, bool /*built*/) {
    auto img = open_container(bytes, name);
    if (!img) return img.error();
    const auto& s = img->sections;
    auto bad = [&](const char* why) { return make_error(errc::corrupt_data, "'" + name + "': " + why); };
    if (s[0].size != 16) return bad("bad POS model header");
    std::uint32_t meta[4];
    std::memcpy(meta, s[0].data, 16);
    const std::uint32_t n = meta[0], t = meta[1], w = (n + 63) / 64;
    if (n == 0 || n > max_states || t > 0xFFFF) return bad("bad POS model sizes");
    if (s[1].size != n * 4u || s[2].size != (t + 1) * 4u || s[4].size != n * 8u ||
        s[5].size != std::size_t{n} * n * 8 || s[6].size != std::size_t{n} * w * 8 || s[7].size != (chars + 1) * 4 ||
        s[8].size % 2 != 0 || s[9].size != s[8].size * 4 || s[10].size % 4 != 0 || s[11].size != s[10].size * 2)
      return bad("bad POS model table sizes");
    tables_.n_ = n;
    tables_.t_ = t;
    tables_.w_ = w;
    tables_.info_ = reinterpret_cast<const std::uint32_t*>(s[1].data);
    tables_.tag_offsets_ = reinterpret_cast<const std::uint32_t*>(s[2].data);
    tables_.tag_bytes_ = reinterpret_cast<const char*>(s[3].data);
    tables_.start_ = reinterpret_cast<const double*>(s[4].data);
    tables_.trans_ = reinterpret_cast<const double*>(s[5].data);
    tables_.succ_ = reinterpret_cast<const std::uint64_t*>(s[6].data);
    tables_.char_index_ = reinterpret_cast<const std::uint32_t*>(s[7].data);
    tables_.cs_states_ = reinterpret_cast<const std::uint16_t*>(s[8].data);
    tables_.cs_emit_ = reinterpret_cast<const double*>(s[9].data);
    tables_.emit_keys_ = reinterpret_cast<const std::uint32_t*>(s[10].data);
    tables_.emit_vals_ = reinterpret_cast<const double*>(s[11].data);
    tables_.k_ = static_cast<std::uint32_t>(s[10].size / 4);
    // Every index the tagger takes from the image is checked here, once.
    if (tables_.tag_offsets_[0] != 0 || tables_.tag_offsets_[t] != s[3].size) return bad("bad POS tag strings");
    for (std::uint32_t i = 0; i < t; ++i)
      if (tables_.tag_offsets_[i + 1] < tables_.tag_offsets_[i]) return bad("bad POS tag strings");
    for (std::uint32_t i = 0; i < n; ++i)
      if ((tables_.info_[i] & 0xFF) > other || ((tables_.info_[i] >> 8) & 0xFFFF) >= t) return bad("bad POS state");
    if (n % 64 != 0)
      for (std::uint32_t i = 0; i < n; ++i)
        if (tables_.succ_[std::size_t{i} * w + w - 1] >> (n % 64) != 0) return bad("bad POS successor set");
    const std::uint32_t cs_count = static_cast<std::uint32_t>(s[8].size / 2);
    if (tables_.char_index_[0] != 0 || tables_.char_index_[chars] != cs_count) return bad("bad POS character index");
    for (std::size_t i = 0; i < chars; ++i)
      if (tables_.char_index_[i + 1] < tables_.char_index_[i]) return bad("bad POS character index");
    for (std::uint32_t i = 0; i < cs_count; ++i)
      if (tables_.cs_states_[i] >= n) return bad("bad POS character state");
    // The invariants the Viterbi relies on to always have a predecessor.
    bool any = false;
    for (std::uint32_t s = 0; s < n; ++s) {
      const bool has = has_successors(s);
      bool bits = false;
      for (std::uint32_t k = 0; k < w; ++k) bits = bits || tables_.succ_[std::size_t{s} * w + k] != 0;
      if (has != bits) return bad("bad POS successor set");
      any = any || has;
      for (std::uint32_t t = 0; t < n && has; ++t)
        if (((tables_.succ_[std::size_t{s} * w + t / 64] >> (t % 64)) & 1) && !has_successors(t))
          return bad("bad POS successor set");
    }
    if (!any) return bad("no POS state has transitions");
    for (std::size_t c = 0; c < chars; ++c) {
      bool ok = tables_.char_index_[c] == tables_.char_index_[c + 1];
      for (std::uint32_t i = tables_.char_index_[c]; i < tables_.char_index_[c + 1] && !ok; ++i) ok = has_successors(tables_.cs_states_[i]);
      if (!ok) return bad("bad POS character states");
    }
    derive(cs_count);
    return {};
  }

  // The tables the Viterbi derives from the image (pos_view's pred_, log_probs_,
  // trans_min_, trans_max_): O(N^2 + emissions), once per model.
  void derive(std::uint32_t cs_count) {
    constexpr double inf = std::numeric_limits<double>::infinity();
    const std::uint32_t n = tables_.n_, w = tables_.w_;
    auto log_prob = [](double x) { return x <= 0; };  // -inf too; not NaN
    bool logs = log_prob(min_float);
    for (std::uint32_t s = 0; s < n; ++s) logs = logs && log_prob(tables_.start_[s]);
    for (std::uint32_t i = 0; i < cs_count; ++i) logs = logs && log_prob(tables_.cs_emit_[i]);
    for (std::uint32_t i = 0; i < tables_.k_; ++i) logs = logs && log_prob(tables_.emit_vals_[i]);
    pred_.assign(std::size_t{n} * w, 0);
    double lo = inf, hi = -inf;
    bool finite = true;  // no transition is NaN or +inf
    for (std::uint32_t y0 = 0; y0 < n; ++y0)
      for (std::uint32_t y = 0; y < n; ++y) {
        const double x = tables_.trans_row(y0)[y];
        if (x == -inf) continue;
        pred_[std::size_t{y} * w + y0 / 64] |= std::uint64_t{1} << (y0 % 64);
        logs = logs && log_prob(x);
        finite = finite && x == x && x != inf;
        lo = std::min(lo, x);
        hi = std::max(hi, x);
      }
    if (lo > hi) lo = hi = 0;  // no transition at all (adopt_image refuses such a model)
    if (!finite) lo = hi = std::numeric_limits<double>::quiet_NaN();
    tables_.pred_ = pred_.data();
    tables_.log_probs_ = logs;
    tables_.trans_min_ = lo;
    tables_.trans_max_ = hi;
  }

  static result<pos_model> parse_impl(const std::string_view* texts, const std::string* names,
                                      std::uint64_t fingerprint) {
    detail::hmm_source src;
    if (auto r = detail::read_hmm_source(texts, names, true, src); !r) return r.error();
    // The tags, sorted; each state's position code, tag and whether it has transitions.
    std::vector<std::string> tag_list;
    for (const std::string& code : src.codes) tag_list.push_back(src.code_part(code, 1));
    std::sort(tag_list.begin(), tag_list.end());
    tag_list.erase(std::unique(tag_list.begin(), tag_list.end()), tag_list.end());
    std::vector<std::uint32_t> tag_offsets{0}, info;
    std::string tag_bytes;
    for (const std::string& t : tag_list) tag_offsets.push_back(static_cast<std::uint32_t>((tag_bytes += t).size()));
    for (std::uint32_t s = 0; s < src.n; ++s) {
      const std::string p = src.code_part(src.codes[s], 0);
      const std::size_t code = std::string_view("BMES").find(p.size() == 1 ? p[0] : 'x');
      const std::string t = src.code_part(src.codes[s], 1);
      const auto tag = static_cast<std::uint32_t>(std::lower_bound(tag_list.begin(), tag_list.end(), t) - tag_list.begin());
      info.push_back((code == std::string_view::npos ? std::uint32_t{other} : static_cast<std::uint32_t>(code)) | (tag << 8) |
                     (src.has_succ(s) ? 1u << 24 : 0u));
    }
    detail::image_writer wr(format.kind, format.version, fingerprint);
    const std::vector<std::uint32_t> meta = {src.n, static_cast<std::uint32_t>(tag_list.size()), 0, 0};
    wr.add_array(meta);
    wr.add_array(info);
    wr.add_array(tag_offsets);
    wr.add(tag_bytes.data(), tag_bytes.size());
    wr.add_array(src.start);
    wr.add_array(src.trans);
    wr.add_array(src.succ);
    wr.add_array(src.char_index);
    wr.add_array(src.char_states);
    wr.add_array(src.char_emit);
    wr.add_array(src.emit_keys);
    wr.add_array(src.emit_vals);
    return from_built(wr.finish());
  }

  detail::pos_view tables_;
  std::vector<std::uint64_t> pred_;  // tables_.pred_ (derive); a move keeps its buffer
};

// The loaders: inline, or compiled once into zhtext::compiled (detail/platform/linkage.hpp).
#if ZHTEXT_DEFINITIONS
ZHTEXT_DECL result<pos_model> pos_model::parse(const std::string_view (&files)[4], const std::string (&names)[4]) {
  return parse_impl(files, names, 0);
}

ZHTEXT_DECL result<pos_model> pos_model::load(const std::string& posseg_dir, const cache_options& cache) {
  return load_folder(posseg_dir, cache);
}

ZHTEXT_DECL result<pos_model> pos_model::load_default(std::string_view jieba_dir, const cache_options& cache) {
  return load_installed(jieba_data_dir(jieba_dir), "posseg", cache, jieba_install_hint);
}
#endif

}  // namespace zhtext
