// zhtext/hmm_model.hpp - the hidden Markov model jieba uses for unknown words.
//
// jieba's finalseg tags each character of an unknown run B (begins a word), M (middle),
// E (ends a word) or S (single-character word) with a Viterbi search over log
// probabilities read from finalseg/prob_start.py, prob_trans.py and prob_emit.py.
// zhtext parses those Python literals (detail/formats/py_literal.hpp, never running Python) and
// compiles them into a small checksummed image (kind "finalseg", ~670 KB): start[4],
// trans[4][4] and, for every character U+4E00..U+9FD5 (the only ones finalseg ever
// looks at), emit[4]. Missing transitions and emissions hold jieba's MIN_FLOAT,
// -3.14e100, exactly as jieba's `.get(..., MIN_FLOAT)` supplies it; a missing start
// probability or emission state is an error (jieba would raise KeyError).
//
//   auto hmm = zhtext::hmm_model::load_default();   // <jieba dir>/finalseg/prob_*.py
//   if (!hmm) std::cerr << hmm.error().message << '\n';
//
// Thread safety: immutable; share freely. Movable, not copyable.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "detail/formats/py_literal.hpp"
#include "detail/platform/linkage.hpp"
#include "detail/storage/compiled_image.hpp"
#include "detail/segment/hmm_view.hpp"
#include "jieba_data.hpp"
#include "result.hpp"
#include "utf8.hpp"

namespace zhtext {

class hmm_model : public detail::compiled_image<hmm_model> {
 public:
  /// The states in jieba's order 'BMES'.
  enum state : std::uint8_t {
    B = detail::hmm_view::B,  // 0
    M = detail::hmm_view::M,  // 1
    E = detail::hmm_view::E,  // 2
    S = detail::hmm_view::S,  // 3
  };
  /// jieba's MIN_FLOAT, the log probability of anything the model does not list.
  static constexpr double min_float = detail::hmm_view::min_float;
  /// The characters the model is used for (finalseg's re_han: U+4E00..U+9FD5).
  static constexpr char32_t first_char = detail::hmm_view::first_char, last_char = detail::hmm_view::last_char;

  hmm_model(hmm_model&&) noexcept = default;
  hmm_model& operator=(hmm_model&&) noexcept = default;

  /// The files of finalseg's folder that load() reads (in parse()'s order).
  static constexpr const char* source_files[3] = {"prob_start.py", "prob_trans.py", "prob_emit.py"};

  /// Builds a model from the text of the three Python files; `names` name them in
  /// errors (file:line:column). Errors: errc::parse_error.
  static result<hmm_model> parse(std::string_view start_py, std::string_view trans_py, std::string_view emit_py,
                                 const std::string (&names)[3] = default_names());

  /// Loads finalseg_dir/prob_{start,trans,emit}.py, through the image cache (see
  /// jieba_data.hpp). Errors: errc::not_found naming the path, errc::parse_error.
  static result<hmm_model> load(const std::string& finalseg_dir, const cache_options& cache = {});

  /// jieba's own model, <jieba_data_dir(jieba_dir)>/finalseg/prob_*.py.
  static result<hmm_model> load_default(std::string_view jieba_dir = {}, const cache_options& cache = {});

  // from_image, from_image_in_place, load_image, save_image, image() and report() are
  // those of every compiled model (detail/storage/compiled_image.hpp).

  /// log P(first state = s).
  double start(int s) const noexcept { return tables_.start(s); }
  /// log P(next = to | current = from).
  double trans(int from, int to) const noexcept { return tables_.trans(from, to); }
  /// The four emission log probabilities (B, M, E, S) of a character in
  /// [first_char, last_char]; precondition: cp in that range.
  const double* emit(char32_t cp) const noexcept { return tables_.emit(cp); }

 private:
  friend class detail::compiled_image<hmm_model>;
  friend struct detail::image_access;  // detail::view_of(hmm_model) is the segmenter's hmm_view
  static constexpr detail::image_format format{"finalseg", 1, 3};
  static constexpr std::size_t chars = last_char - first_char + 1;

  explicit hmm_model(detail::image_tag) noexcept {}

  result<void> adopt_image(std::string_view bytes, const std::string& name, bool /*built*/) {
    auto img = open_container(bytes, name);
    if (!img) return img.error();
    const auto& s = img->sections;
    if (s[0].size != 4 * sizeof(double) || s[1].size != 16 * sizeof(double) || s[2].size != chars * 4 * sizeof(double))
      return make_error(errc::corrupt_data, "'" + name + "': bad HMM table sizes");
    tables_.start_ = reinterpret_cast<const double*>(s[0].data);
    tables_.trans_ = reinterpret_cast<const double*>(s[1].data);
    tables_.emit_ = reinterpret_cast<const double*>(s[2].data);
    return {};
  }

  static int state_index(std::string_view k) {
    if (k.size() != 1) return -1;
    switch (k[0]) {
      case 'B': return B;
      case 'M': return M;
      case 'E': return E;
      case 'S': return S;
      default: return -1;
    }
  }

  // Compiles the texts of source_files (named `names` in errors).
  static result<hmm_model> parse_impl(const std::string_view* texts, const std::string* names,
                                      std::uint64_t fingerprint) {
    auto start = detail::parse_py_assignment(texts[0], names[0]);
    if (!start) return start.error();
    auto trans = detail::parse_py_assignment(texts[1], names[1]);
    if (!trans) return trans.error();
    auto emit = detail::parse_py_assignment(texts[2], names[2]);
    if (!emit) return emit.error();
    using kind_t = detail::py_value::kind;
    auto bad = [](const std::string& name, const std::string& why) {
      return make_error(errc::parse_error, name + ": " + why);
    };
    static constexpr const char* state_names[4] = {"B", "M", "E", "S"};
    std::vector<double> start_p(4), trans_p(16, min_float), emit_p(chars * 4, min_float);
    if (start->type != kind_t::dict) return bad(names[0], "P is not a dict");
    for (int s = 0; s < 4; ++s) {
      const detail::py_value* v = start->get(state_names[s]);
      if (v == nullptr || v->type != kind_t::number)
        return bad(names[0], std::string("no start probability for state ") + state_names[s]);
      start_p[s] = v->number;
    }
    if (trans->type != kind_t::dict) return bad(names[1], "P is not a dict");
    for (int s = 0; s < 4; ++s)  // every state is some state's predecessor in jieba's Viterbi
      if (trans->get(state_names[s]) == nullptr)
        return bad(names[1], std::string("no transitions from state ") + state_names[s]);
    for (const auto& [from, row] : trans->items) {
      const int f = state_index(from);
      if (f < 0) continue;  // jieba only ever asks for B, M, E, S
      if (row.type != kind_t::dict) return bad(names[1], "transitions of state " + from + " are not a dict");
      for (const auto& [to, p] : row.items) {
        const int t = state_index(to);
        if (t < 0) continue;
        if (p.type != kind_t::number) return bad(names[1], "transition " + from + "->" + to + " is not a number");
        trans_p[f * 4 + t] = p.number;
      }
    }
    if (emit->type != kind_t::dict) return bad(names[2], "P is not a dict");
    for (int s = 0; s < 4; ++s) {
      const detail::py_value* row = emit->get(state_names[s]);
      if (row == nullptr || row->type != kind_t::dict)
        return bad(names[2], std::string("no emission table for state ") + state_names[s]);
      for (const auto& [ch, p] : row->items) {
        if (p.type != kind_t::number) return bad(names[2], "emission of '" + ch + "' is not a number");
        const decoded d = decode_utf8(ch);
        // Keys that are not one character in finalseg's range are never looked up.
        if (ch.empty() || d.size != ch.size() || d.value < first_char || d.value > last_char) continue;
        emit_p[std::size_t{d.value - first_char} * 4 + static_cast<std::size_t>(s)] = p.number;
      }
    }
    detail::image_writer w(format.kind, format.version, fingerprint);
    w.add_array(start_p);
    w.add_array(trans_p);
    w.add_array(emit_p);
    return from_built(w.finish());
  }

  detail::hmm_view tables_;
};

// The loaders: inline, or compiled once into zhtext::compiled (detail/platform/linkage.hpp).
#if ZHTEXT_DEFINITIONS
ZHTEXT_DECL result<hmm_model> hmm_model::parse(std::string_view start_py, std::string_view trans_py,
                                               std::string_view emit_py, const std::string (&names)[3]) {
  const std::string_view texts[3] = {start_py, trans_py, emit_py};
  return parse_impl(texts, names, 0);
}

ZHTEXT_DECL result<hmm_model> hmm_model::load(const std::string& finalseg_dir, const cache_options& cache) {
  return load_folder(finalseg_dir, cache);
}

ZHTEXT_DECL result<hmm_model> hmm_model::load_default(std::string_view jieba_dir, const cache_options& cache) {
  return load_installed(jieba_data_dir(jieba_dir), "finalseg", cache, jieba_install_hint);
}
#endif

}  // namespace zhtext
