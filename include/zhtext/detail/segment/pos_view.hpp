// zhtext/detail/segment/pos_view.hpp - the tables of jieba.posseg's HMM as the POS
// tagger reads them: pointers into a zhtext::pos_model's image, and a few facts the
// model derives from it when it opens it (predecessor bit sets, bounds).
//
// pos_model (pos_model.hpp, which documents the image's sections) parses, compiles,
// caches and checks the image, and hands the tagger (pos_policy.hpp, on the cutter of
// engine.hpp) this view, so the tagger never needs the public class. Every index the
// tagger takes from the tables was checked when the image was opened. Thread safety: a
// view of immutable data.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>

namespace zhtext::detail {

struct pos_view {
  /// jieba's MIN_FLOAT: the emission of a character a state does not list.
  static constexpr double min_float = -3.14e100;
  /// The characters the model tags (posseg's re_han_detail: U+4E00..U+9FD5).
  static constexpr char32_t first_char = 0x4E00, last_char = 0x9FD5;
  /// Position codes of state_position() (the same numbers as pos_model::position).
  enum position : std::uint8_t { B = 0, M = 1, E = 2, S = 3, other = 4 };

  std::uint32_t n_ = 0, t_ = 0, w_ = 0, k_ = 0;  ///< states, tags, set words, emissions
  const std::uint32_t* info_ = nullptr;          ///< per state: position, tag, has-successors bit
  const std::uint32_t* tag_offsets_ = nullptr;   ///< t_ + 1 offsets into tag_bytes_
  const char* tag_bytes_ = nullptr;
  const double* start_ = nullptr;                ///< n_ values
  const double* trans_ = nullptr;                ///< n_ x n_ values, row = from
  const std::uint64_t* succ_ = nullptr;          ///< n_ x w_ bit-set words
  const std::uint32_t* char_index_ = nullptr;    ///< per character + 1, into cs_states_/cs_emit_
  const std::uint16_t* cs_states_ = nullptr;
  const double* cs_emit_ = nullptr;
  const std::uint32_t* emit_keys_ = nullptr;     ///< k_ sorted keys (char - first_char) << 16 | state
  const double* emit_vals_ = nullptr;
  // Derived when the image is opened (pos_model::derive), not stored in it:
  const std::uint64_t* pred_ = nullptr;  ///< n_ x w_ bit-set words: per state, the states whose transition to it is not -inf
  /// Every start, transition and emission (and min_float) is <= 0 or -inf, never NaN:
  /// then no score is NaN or +inf, and a pair whose transition is -inf scores -inf.
  bool log_probs_ = false;
  /// The smallest and largest transition that is not -inf (NaN if one is NaN or +inf).
  double trans_min_ = 0, trans_max_ = 0;

  std::uint32_t states() const noexcept { return n_; }
  std::uint32_t set_words() const noexcept { return w_; }
  position state_position(std::uint32_t s) const noexcept { return static_cast<position>(info_[s] & 0xFF); }
  bool has_successors(std::uint32_t s) const noexcept { return (info_[s] >> 24) & 1; }
  std::string_view state_tag(std::uint32_t s) const noexcept { return tag((info_[s] >> 8) & 0xFFFF); }
  std::uint32_t tags() const noexcept { return t_; }
  std::string_view tag(std::uint32_t i) const noexcept {
    return i < t_ ? std::string_view(tag_bytes_ + tag_offsets_[i], tag_offsets_[i + 1] - tag_offsets_[i]) : std::string_view();
  }
  /// The tag equal to `t`, viewing the image, or an empty view. O(log tags).
  std::string_view find_tag(std::string_view t) const noexcept {
    std::uint32_t lo = 0, hi = t_;
    while (lo < hi) {
      const std::uint32_t mid = lo + (hi - lo) / 2;
      const std::string_view m = tag(mid);
      if (m == t) return m;
      if (m < t) lo = mid + 1;
      else hi = mid;
    }
    return {};
  }

  double start(std::uint32_t s) const noexcept { return start_[s]; }
  const double* trans_row(std::uint32_t from) const noexcept { return trans_ + std::size_t{from} * n_; }
  const std::uint64_t* successors(std::uint32_t from) const noexcept { return succ_ + std::size_t{from} * w_; }
  /// The bit set of the states whose transition to `to` is not -inf.
  const std::uint64_t* predecessors(std::uint32_t to) const noexcept { return pred_ + std::size_t{to} * w_; }
  bool log_probs() const noexcept { return log_probs_; }

  /// char_state_tab's states of cp as [begin, end) indices into char_state()/char_emit();
  /// precondition: cp in [first_char, last_char].
  std::pair<std::uint32_t, std::uint32_t> char_states(char32_t cp) const noexcept {
    const std::size_t i = cp - first_char;
    return {char_index_[i], char_index_[i + 1]};
  }
  std::uint16_t char_state(std::uint32_t i) const noexcept { return cs_states_[i]; }
  double char_emit(std::uint32_t i) const noexcept { return cs_emit_[i]; }

  /// emit_p[state].get(cp, MIN_FLOAT) for cp in [first_char, last_char]. O(log k_).
  double emit(std::uint32_t state, char32_t cp) const noexcept {
    const std::uint32_t key = (static_cast<std::uint32_t>(cp - first_char) << 16) | state;
    const std::uint32_t* it = std::lower_bound(emit_keys_, emit_keys_ + k_, key);
    return it != emit_keys_ + k_ && *it == key ? emit_vals_[it - emit_keys_] : min_float;
  }
};

}  // namespace zhtext::detail
