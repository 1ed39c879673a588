// zhtext/match_results.hpp - what a matcher produces: the match type and kinds, the
// lazy range, the chunked stream, and word alignment (used through zhtext/match.hpp).
//
//   for (const zhtext::match& m : matcher.matches(text)) ...         // lazy
//   auto s = matcher.stream(zhtext::match_kind::leftmost_longest);
//   while (read(chunk)) s.feed(chunk, [](const zhtext::match& m) { ... });
//   s.finish([](const zhtext::match& m) { ... });
//   auto whole = matcher.match_vector(text, zhtext::match_kind::overlapping,
//                                     zhtext::word_aligned(tokens));  // .offset/.text
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "detail/match/driver.hpp"
#include "detail/match/image.hpp"
#include "detail/ranges/lazy_range.hpp"
#include "utf8.hpp"

namespace zhtext {

// match_kind (with to_string) and match, the types of this API, are defined with the
// scan driver in detail/match/driver.hpp.

/// A set of token boundaries (byte offsets where a token starts or ends), as a
/// predicate. Built from offsets (any order) or from tokens with `.offset` and `.text`.
class word_boundaries {
 public:
  word_boundaries() = default;
  explicit word_boundaries(std::vector<std::size_t> offsets) : at_(std::move(offsets)) {
    std::sort(at_.begin(), at_.end());
    at_.erase(std::unique(at_.begin(), at_.end()), at_.end());
  }
  /// Boundaries of a segmentation: each token's start and end.
  template <class Tokens>
  static word_boundaries from_tokens(const Tokens& tokens) {
    std::vector<std::size_t> v;
    for (const auto& t : tokens) {
      v.push_back(static_cast<std::size_t>(t.offset));
      v.push_back(static_cast<std::size_t>(t.offset) + std::string_view(t.text).size());
    }
    return word_boundaries(std::move(v));
  }
  bool operator()(std::size_t offset) const { return std::binary_search(at_.begin(), at_.end(), offset); }

 private:
  std::vector<std::size_t> at_;
};

/// A match filter for word-aligned matching: keeps matches that start and end on
/// token boundaries. `b` is a predicate `bool(std::size_t offset)` (e.g.
/// word_boundaries), a range of tokens with `.offset`/`.text`, or a range of offsets.
template <class B>
auto word_aligned(const B& b) {
  if constexpr (std::is_invocable_r_v<bool, const B&, std::size_t>) {
    return detail::aligned_filter<B>{b};
  } else if constexpr (detail::is_token<std::decay_t<decltype(*std::begin(b))>>::value) {
    return detail::aligned_filter<word_boundaries>{word_boundaries::from_tokens(b)};
  } else {
    return detail::aligned_filter<word_boundaries>{word_boundaries(std::vector<std::size_t>(std::begin(b), std::end(b)))};
  }
}

/// The matches of a text as a lazy, single-pass input range (see matcher::matches;
/// detail/ranges/lazy_range.hpp). Iterating scans; the range holds the scan state:
/// iterate it once, and do not move it once iterating.
template <class Accept = detail::accept_all>
using match_range = detail::lazy_range<detail::match_cursor<Accept>>;

/// Matching over text that arrives in chunks (see matcher::stream). Chunks may split
/// a UTF-8 sequence anywhere; the matches, their order and their offsets (into the
/// whole stream) are exactly those of the concatenated text. Overlapping matches are
/// reported in the feed() that completes them; a leftmost match once the stream is
/// past its start by the longest pattern's length (in bytes for byte-exact matchers,
/// in characters, ignorables not counted, otherwise), or at finish(). Memory: at most
/// 3 held-back bytes, a ring of longest-pattern-length offsets and the undecided
/// leftmost candidates in that window.
template <class Accept = detail::accept_all>
class match_stream {
 public:

  /// Scans `chunk`, calling `f(const match&)` for each match it completes.
  template <class F>
  void feed(std::string_view chunk, F&& f) {
    auto out = [&](const match& m) {
      f(m);
      return true;
    };
    if (chunk.empty()) return;  // nothing to scan (and chunk.data() may be null, which memcpy must not see)
    const auto* c = detail::bytes(chunk);
    std::size_t i = 0;
    if (held_ > 0) {  // complete the unit held back from the previous chunk
      unsigned char tmp[8] = {};
      std::memcpy(tmp, hold_, held_);
      const std::size_t take = std::min<std::size_t>(chunk.size(), 4 - held_);
      std::memcpy(tmp + held_, c, take);
      const std::size_t avail = held_ + take;
      const decoded d = detail::decode_at(tmp, tmp + avail);
      if (d.error == utf8_errc::truncated && d.size == avail && avail < 4) {  // still incomplete
        std::memcpy(hold_, tmp, avail);
        held_ = avail;
        offset_ += take;
        return;
      }
      driver_->run(tmp, tmp, tmp + d.size, offset_ - held_, out);
      i = d.size - held_;
      offset_ += i;
      held_ = 0;
    }
    const std::string_view rest = chunk.substr(i);
    const std::size_t full = complete_prefix_length(rest);
    driver_->run(c + i, c + i, c + i + full, offset_, out);
    offset_ += rest.size();
    held_ = rest.size() - full;
    std::memcpy(hold_, rest.data() + full, held_);
    driver_->settle(offset_ - held_, out);
  }
  /// Ends the stream: held-back bytes are read as ill-formed, the last leftmost
  /// matches are emitted. The stream is then reset for a new text.
  template <class F>
  void finish(F&& f) {
    auto out = [&](const match& m) {
      f(m);
      return true;
    };
    if (held_ > 0) driver_->run(hold_, hold_, hold_ + held_, offset_ - held_, out);
    driver_->finish(out);
    reset();
  }
  /// Convenience forms returning the matches.
  std::vector<match> feed(std::string_view chunk) {
    std::vector<match> v;
    feed(chunk, [&](const match& m) { v.push_back(m); });
    return v;
  }
  std::vector<match> finish() {
    std::vector<match> v;
    finish([&](const match& m) { v.push_back(m); });
    return v;
  }
  /// Bytes fed since the start (or the last finish/reset).
  std::uint64_t offset() const noexcept { return offset_; }
  /// Forgets everything fed so far.
  void reset() {
    driver_.emplace(t_, kind_, accept_);
    held_ = 0;
    offset_ = 0;
  }

 private:
  friend class matcher;  // matcher::stream() makes streams
  match_stream(const detail::match_tables& t, match_kind kind, Accept accept)
      : t_(t), kind_(kind), accept_(accept) {
    driver_.emplace(t, kind, std::move(accept));
  }

  detail::match_tables t_;
  match_kind kind_;
  Accept accept_;
  std::optional<detail::match_driver<Accept>> driver_;  // optional: lambdas cannot be assigned
  unsigned char hold_[4] = {};
  std::size_t held_ = 0;
  std::uint64_t offset_ = 0;
};

}  // namespace zhtext
