// zhtext/detail/match/driver.hpp - one scan in progress (automaton state, match filter,
// leftmost selection) as matcher::matches (through match_cursor), for_each_match and
// the stream drive it, the
// match filters, and helpers on match lists; with `match_kind` and `match`, the types
// of zhtext/match_results.hpp (public, namespace zhtext), which the driver produces.
//
// Cost: the scan (scan.hpp) plus O(log pending) per match for leftmost selection
// (select.hpp). A driver belongs to one scan (one thread); the tables it reads are
// immutable.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "../unicode/utf8_decode.hpp"
#include "image.hpp"
#include "scan.hpp"
#include "select.hpp"

namespace zhtext {

/// Which matches to report.
enum class match_kind : std::uint8_t {
  overlapping,       ///< every occurrence of every pattern, nested and overlapping ones too
  leftmost_longest,  ///< left to right, non-overlapping; at each start the longest pattern
  leftmost_first,    ///< left to right, non-overlapping; at each start the earliest-added pattern
};

constexpr const char* to_string(match_kind k) noexcept {
  switch (k) {
    case match_kind::overlapping: return "overlapping";
    case match_kind::leftmost_longest: return "leftmost-longest";
    case match_kind::leftmost_first: return "leftmost-first";
  }
  return "overlapping";
}

/// One match: bytes [begin, end) of the text (or of the whole stream), the pattern's
/// index in add() order and the id given with it.
struct match {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::uint32_t pattern = 0;
  std::uint32_t id = 0;
  std::size_t size() const noexcept { return end - begin; }
  friend bool operator==(const match& a, const match& b) noexcept {
    return a.begin == b.begin && a.end == b.end && a.pattern == b.pattern && a.id == b.id;
  }
  friend bool operator!=(const match& a, const match& b) noexcept { return !(a == b); }
};

namespace detail {

/// The default match filter: accepts every match.
struct accept_all {
  constexpr bool operator()(std::size_t, std::size_t) const noexcept { return true; }
};

/// One scan in progress: automaton state, filter, leftmost selection. Routes each
/// match to `out(const match&) -> bool` (false: stop after the current unit).
template <class Accept>
class match_driver {
 public:
  match_driver(const match_tables& t, match_kind kind, Accept accept)
      : t_(t), kind_(kind), accept_(std::move(accept)), st_(t),
        sel_(kind == match_kind::leftmost_longest, t.byte_exact() ? t.params.max_bytes : t.params.max_chars) {}

  /// Scans [p, end) of `buf` (stream offset `origin`); returns where it stopped.
  template <class Out>
  const unsigned char* run(const unsigned char* buf, const unsigned char* p, const unsigned char* end,
                           std::uint64_t origin, Out& out) {
    auto emit = [&](std::uint32_t pat, std::uint64_t b, std::uint64_t e, std::uint64_t bk, std::uint64_t ek) {
      if (!accept_(static_cast<std::size_t>(b), static_cast<std::size_t>(e))) return true;
      if (kind_ == match_kind::overlapping) return static_cast<bool>(out(make(pat, b, e)));
      sel_.add(match_event{b, e, bk, ek, pat});
      bool go_on = true;
      sel_.settle(ek, [&](const match_event& c) { go_on = static_cast<bool>(out(make(c.pattern, c.begin, c.end))) && go_on; });
      return go_on;
    };
    return match_scan(t_, st_, buf, p, end, origin, emit);
  }
  /// Emits the leftmost matches that are final once every unit before stream offset
  /// `offset` has been scanned.
  template <class Out>
  void settle(std::uint64_t offset, Out& out) {
    if (kind_ != match_kind::overlapping)
      sel_.settle(st_.key(t_, offset) + 1, [&](const match_event& c) { out(make(c.pattern, c.begin, c.end)); });
  }
  /// Emits what is left at the end of the text.
  template <class Out>
  void finish(Out& out) {
    if (kind_ != match_kind::overlapping)
      sel_.flush([&](const match_event& c) { out(make(c.pattern, c.begin, c.end)); });
  }

 private:
  match make(std::uint32_t pat, std::uint64_t b, std::uint64_t e) const noexcept {
    return match{static_cast<std::size_t>(b), static_cast<std::size_t>(e), pat, t_.patterns[pat].id};
  }
  match_tables t_;
  match_kind kind_;
  Accept accept_;
  match_scan_state st_;
  leftmost_selector sel_;
};

/// The cursor of zhtext::match_range (see detail/ranges/lazy_range.hpp): scans the text
/// a unit at a time, as far as the items asked for need, queueing the matches a unit
/// completes. Move-only (it holds the scan state), so the range is single-pass.
template <class Accept>
class match_cursor {
 public:
  using value_type = match;
  match_cursor(const match_tables& t, std::string_view text, match_kind kind, Accept accept)
      : text_(text), driver_(t, kind, std::move(accept)) {}
  match_cursor(match_cursor&&) = default;
  match_cursor& operator=(match_cursor&&) = default;
  match_cursor(const match_cursor&) = delete;
  match_cursor& operator=(const match_cursor&) = delete;

  bool next(match& out) {
    auto push = [&](const match& m) {
      queue_.push_back(m);
      return false;
    };
    const auto* buf = reinterpret_cast<const unsigned char*>(text_.data());
    while (queue_.empty() && !done_) {
      if (pos_ < text_.size()) {
        pos_ = static_cast<std::size_t>(driver_.run(buf, buf + pos_, buf + text_.size(), 0, push) - buf);
      } else {
        driver_.finish(push);
        done_ = true;
      }
    }
    if (queue_.empty()) return false;
    out = queue_.front();
    queue_.pop_front();
    return true;
  }

 private:
  std::string_view text_;
  match_driver<Accept> driver_;
  std::deque<match> queue_;
  std::size_t pos_ = 0;
  bool done_ = false;
};

/// Adds `m` to `spans`, the sorted, merged spans of matches that arrive in order of
/// their end (as for_each_match gives overlapping matches): `m` is merged with the
/// spans it overlaps or touches, so `spans` holds the union of the matches so far in
/// as many entries as it has pieces, however many matches there are.
inline void add_to_union(std::vector<match>& spans, match m) {
  while (!spans.empty() && spans.back().end >= m.begin) {
    const std::size_t end = std::max(spans.back().end, m.end);
    if (spans.back().begin <= m.begin) m = spans.back();
    m.end = end;
    spans.pop_back();
  }
  spans.push_back(m);
}

/// Writes `text` with every code point of the union of the matches it is given
/// replaced by `mask`, as consecutive pieces `sink(std::string_view)` (at most
/// `piece` bytes each, plus one mask). Matches come as for_each_match gives them (by
/// end; left to right for the leftmost kinds). No match is longer than `window`
/// bytes (npos: unknown), so a piece of the union that ends more than `window` bytes
/// before the latest match's end can grow no more and is written at once: memory is
/// the pieces within the window, not the text or every piece of it.
template <class Sink>
class mask_writer {
 public:
  mask_writer(std::string_view text, std::string_view mask, std::size_t window, Sink& sink)
      : text_(text), mask_(mask), window_(window), sink_(sink) {}

  void add(const match& m) {
    add_to_union(spans_, m);
    if (window_ == std::string_view::npos || m.end <= window_) return;
    while (head_ < spans_.size() && spans_[head_].end < m.end - window_) write_span(spans_[head_++]);
    if (head_ >= 1024 && head_ * 2 >= spans_.size()) {  // drop the written ones
      spans_.erase(spans_.begin(), spans_.begin() + static_cast<std::ptrdiff_t>(head_));
      head_ = 0;
    }
  }
  void finish() {
    for (; head_ < spans_.size(); ++head_) write_span(spans_[head_]);
    write_text(text_.size());
  }

 private:
  static constexpr std::size_t piece = std::size_t(64) << 10;
  void write_text(std::size_t to) {
    for (; at_ < to; at_ += std::min(piece, to - at_)) sink_(text_.substr(at_, std::min(piece, to - at_)));
  }
  void write_span(const match& x) {
    write_text(x.begin);
    // One mask per code point (each ill-formed subpart one, as count_code_points).
    for (std::size_t n = count_code_points_using(best_utf8_kernel(), text_.substr(x.begin, x.size())); n > 0; --n) {
      masks_ += mask_;
      if (masks_.size() >= piece) {
        sink_(std::string_view(masks_));
        masks_.clear();
      }
    }
    if (!masks_.empty()) sink_(std::string_view(masks_));
    masks_.clear();
    at_ = x.end;
  }

  std::string_view text_, mask_;
  std::size_t window_;
  Sink& sink_;
  std::vector<match> spans_;  // the union so far; [head_, end) not yet written
  std::size_t head_ = 0;
  std::size_t at_ = 0;  // text before it is written
  std::string masks_;
};

/// `text` with each of the sorted, disjoint spans `v` replaced by what `f(match, out)` appends.
template <class F>
std::string rewrite(std::string_view text, const std::vector<match>& v, F&& f) {
  std::string out;
  out.reserve(text.size());
  std::size_t at = 0;
  for (const match& m : v) {
    out.append(text.substr(at, m.begin - at));
    f(m, out);
    at = m.end;
  }
  out.append(text.substr(at));
  return out;
}

template <class T, class = void>
struct is_token : std::false_type {};
template <class T>
struct is_token<T, std::void_t<decltype(std::declval<const T&>().offset), decltype(std::declval<const T&>().text)>>
    : std::true_type {};

/// Keeps a match when both its ends satisfy `is_boundary(offset)`.
template <class Pred>
struct aligned_filter {
  Pred is_boundary;
  bool operator()(std::size_t begin, std::size_t end) const { return is_boundary(begin) && is_boundary(end); }
};

}  // namespace detail
}  // namespace zhtext
