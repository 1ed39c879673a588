// zhtext/match_results.hpp - what a matcher produces: the match type and kinds, the
// lazy range, the chunked stream, and word alignment (used through zhtext/match.hpp).
//
//   for (const zhtext::match& m : matcher.find(text)) ...            // lazy
//   auto s = matcher.stream(zhtext::match_kind::leftmost_longest);
//   while (read(chunk)) s.feed(chunk, [](const zhtext::match& m) { ... });
//   s.finish([](const zhtext::match& m) { ... });
//   auto whole = matcher.find_all(text, zhtext::match_kind::overlapping,
//                                 zhtext::word_aligned(tokens));     // .offset/.text
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "detail/match/driver.hpp"
#include "detail/match/image.hpp"
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

/// The matches of a text as a lazy input range (see matcher::find). Iterating scans;
/// the range holds the scan state, so iterate it once.
template <class Accept = detail::accept_all>
class match_range {
 public:
  class iterator {
   public:
    using iterator_category = std::input_iterator_tag;
    using value_type = match;
    using difference_type = std::ptrdiff_t;
    using pointer = const match*;
    using reference = const match&;
    iterator() = default;
    reference operator*() const { return r_->queue_.front(); }
    pointer operator->() const { return &r_->queue_.front(); }
    iterator& operator++() {
      r_->queue_.pop_front();
      r_->advance();
      return *this;
    }
    void operator++(int) { ++*this; }
    friend bool operator==(const iterator& a, const iterator& b) noexcept { return a.done() == b.done(); }
    friend bool operator!=(const iterator& a, const iterator& b) noexcept { return !(a == b); }

   private:
    friend class match_range;
    explicit iterator(match_range* r) : r_(r) {}
    bool done() const noexcept { return r_ == nullptr || r_->queue_.empty(); }
    match_range* r_ = nullptr;
  };

  match_range(const detail::match_tables& t, std::string_view text, match_kind kind, Accept accept)
      : text_(text), driver_(t, kind, std::move(accept)) {}
  iterator begin() {
    if (!started_) {
      started_ = true;
      advance();
    }
    return iterator(this);
  }
  iterator end() { return iterator(); }

 private:
  void advance() {
    auto push = [&](const match& m) {
      queue_.push_back(m);
      return false;
    };
    const auto* buf = detail::bytes(text_);
    while (queue_.empty() && !done_) {
      if (pos_ < text_.size()) {
        pos_ = static_cast<std::size_t>(driver_.run(buf, buf + pos_, buf + text_.size(), 0, push) - buf);
      } else {
        driver_.finish(push);
        done_ = true;
      }
    }
  }
  std::string_view text_;
  detail::match_driver<Accept> driver_;
  std::deque<match> queue_;
  std::size_t pos_ = 0;
  bool started_ = false, done_ = false;
};

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
  match_stream(const detail::match_tables& t, match_kind kind, Accept accept)
      : t_(t), kind_(kind), accept_(accept) {
    driver_.emplace(t, kind, std::move(accept));
  }

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
  detail::match_tables t_;
  match_kind kind_;
  Accept accept_;
  std::optional<detail::match_driver<Accept>> driver_;  // optional: lambdas cannot be assigned
  unsigned char hold_[4] = {};
  std::size_t held_ = 0;
  std::uint64_t offset_ = 0;
};

}  // namespace zhtext
