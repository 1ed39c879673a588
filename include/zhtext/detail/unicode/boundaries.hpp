// zhtext/detail/unicode/boundaries.hpp - UAX #29 segments and boundaries of a text
// with any of the scanners (uax29_grapheme.hpp, uax29_word.hpp, uax29_sentence.hpp):
// what zhtext::graphemes / for_each_unicode_word / next_word_boundary /
// is_sentence_boundary and their siblings (unicode.hpp) run.
//
// A scanner restarts at a safe point before an offset (restart_before), so a boundary
// query costs the scan from there, not from the start of the text; previous_boundary
// widens its restart window (64, 256, ... bytes) until a boundary turns up. Pure; no
// allocation.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "../../text_span.hpp"
#include "../ranges/lazy_range.hpp"
#include "props.hpp"
#include "utf8_decode.hpp"

namespace zhtext::detail {

/// The cursor of the UAX #29 ranges (see detail/ranges/lazy_range.hpp): the segments
/// Scanner finds in a text, one boundary search per step.
template <class Scanner>
class segment_cursor {
 public:
  using value_type = text_span;
  segment_cursor() = default;
  explicit segment_cursor(std::string_view text) noexcept : text_(text), scan_(bytes(text), text.size()) {}
  bool next(text_span& out) noexcept {
    if (pos_ >= text_.size()) return false;
    const std::size_t end = scan_.next(scan_start{pos_});
    out = text_span{std::string_view(text_.data() + pos_, end - pos_), pos_};
    pos_ = end;
    return true;
  }
  std::size_t position() const noexcept { return pos_; }

 private:
  std::string_view text_;
  Scanner scan_{nullptr, 0};
  std::size_t pos_ = 0;
};

/// The three shapes of one UAX #29 segmentation, as the function objects unicode.hpp
/// names (graphemes, for_each_grapheme, grapheme_vector, and the word and sentence
/// siblings): each written once for the three scanners. The range and the vector refuse
/// a temporary std::string (their segments would view it).
template <class Scanner>
struct uax29_range_fn {
  using range = lazy_range<segment_cursor<Scanner>>;
  range operator()(std::string_view text) const noexcept { return range(segment_cursor<Scanner>(text)); }
  template <class S, if_temporary_string<S> = 0>
  range operator()(S&&) const = delete;
};
template <class Scanner>
struct uax29_for_each_fn {
  template <class F>
  void operator()(std::string_view text, F&& f) const {
    for_each_item(segment_cursor<Scanner>(text), f);
  }
};
template <class Scanner>
struct uax29_vector_fn {
  std::vector<text_span> operator()(std::string_view text) const {
    return collect_items(segment_cursor<Scanner>(text));
  }
  template <class S, if_temporary_string<S> = 0>
  std::vector<text_span> operator()(S&&) const = delete;
};

/// The first boundary after `offset` (text.size() at the end).
template <class Scanner>
std::size_t next_boundary(std::string_view text, std::size_t offset) noexcept {
  const std::size_t n = text.size();
  if (offset >= n) return n;
  const Scanner scan(bytes(text), n);
  std::size_t b = scan.next(scan.restart_before(offset));
  while (b <= offset) b = scan.next(scan_start{b});
  return b;
}

/// The last boundary before `offset` (0 at the start).
template <class Scanner>
std::size_t previous_boundary(std::string_view text, std::size_t offset) noexcept {
  const std::size_t n = text.size();
  if (offset == 0) return 0;
  if (offset > n) return n;
  const Scanner scan(bytes(text), n);
  // Restart further and further back until a boundary below `offset` turns up.
  for (std::size_t back = 64;; back *= 4) {
    const scan_start st = scan.restart_before(offset > back ? offset - back : 0);
    constexpr std::size_t none = static_cast<std::size_t>(-1);
    std::size_t best = st.boundary ? st.pos : none;
    for (std::size_t b = scan.next(st, offset); b < offset; b = scan.next(scan_start{b}, offset)) best = b;
    if (best != none) return best;
  }
}

/// Whether `offset` is a boundary (0 and text.size() are).
template <class Scanner>
bool is_boundary(std::string_view text, std::size_t offset) noexcept {
  const std::size_t n = text.size();
  if (offset == 0 || offset == n) return true;
  if (offset > n) return false;
  const Scanner scan(bytes(text), n);
  const scan_start st = scan.restart_before(offset);
  if (st.boundary && st.pos == offset) return true;
  std::size_t b = scan.next(st, offset);
  while (b < offset) b = scan.next(scan_start{b}, offset);
  return b == offset;
}

}  // namespace zhtext::detail
