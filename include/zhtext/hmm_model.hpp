// zhtext/hmm_model.hpp - the hidden Markov model jieba uses for unknown words.
//
// jieba's finalseg tags each character of an unknown run B (begins a word), M (middle),
// E (ends a word) or S (single-character word) with a Viterbi search over log
// probabilities read from finalseg/prob_start.py, prob_trans.py and prob_emit.py.
// zhtext parses those Python literals (detail/formats/py_literal.hpp, never running Python;
// detail/segment/hmm_source.hpp reads them, as for pos_model) and
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

#include "detail/platform/linkage.hpp"
#include "detail/storage/compiled_image.hpp"
#include "detail/segment/hmm_source.hpp"
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

  // Compiles the texts of source_files (named `names` in errors).
  static result<hmm_model> parse_impl(const std::string_view* texts, const std::string* names,
                                      std::uint64_t fingerprint) {
    detail::hmm_source src;
    if (auto r = detail::read_hmm_source(texts, names, false, src); !r) return r.error();
    std::vector<double> emit_p(chars * 4, min_float);  // [char][state]
    for (std::size_t i = 0; i < src.emit_keys.size(); ++i)
      emit_p[(src.emit_keys[i] >> 16) * 4 + (src.emit_keys[i] & 0xFFFF)] = src.emit_vals[i];
    detail::image_writer w(format.kind, format.version, fingerprint);
    w.add_array(src.start);
    w.add_array(src.trans);
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
