// zhtext/detail/segment/hmm_view.hpp - the tables of jieba's finalseg HMM as the
// segmentation engine reads them: pointers into a zhtext::hmm_model's image.
//
// hmm_model (hmm_model.hpp) parses, compiles, caches and checks the image, and hands
// the engine (engine.hpp) this view, so the engine never needs the public class.
// Layout: start[4], trans[4][4] and emit[4] for each character U+4E00..U+9FD5, log
// probabilities in jieba's state order B, M, E, S; what jieba does not list holds its
// MIN_FLOAT. Thread safety: a view of immutable data; share freely.
#pragma once

#include <cstddef>
#include <cstdint>

namespace zhtext::detail {

struct hmm_view {
  /// The states in jieba's order 'BMES' (the same numbers as hmm_model::state).
  enum state : std::uint8_t { B = 0, M = 1, E = 2, S = 3 };
  /// jieba's MIN_FLOAT, the log probability of anything the model does not list.
  static constexpr double min_float = -3.14e100;
  /// The characters the model is used for (finalseg's re_han: U+4E00..U+9FD5).
  static constexpr char32_t first_char = 0x4E00, last_char = 0x9FD5;

  const double* start_ = nullptr;  ///< 4 values
  const double* trans_ = nullptr;  ///< 4 x 4 values, row = from
  const double* emit_ = nullptr;   ///< 4 values per character of [first_char, last_char]

  /// log P(first state = s).
  double start(int s) const noexcept { return start_[s & 3]; }
  /// log P(next = to | current = from).
  double trans(int from, int to) const noexcept { return trans_[(from & 3) * 4 + (to & 3)]; }
  /// The four emission log probabilities (B, M, E, S) of a character in
  /// [first_char, last_char]; precondition: cp in that range.
  const double* emit(char32_t cp) const noexcept { return emit_ + std::size_t{cp - first_char} * 4; }
};

}  // namespace zhtext::detail
