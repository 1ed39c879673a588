// zhtext/detail/discover/ngram_index.hpp - all n-grams (n <= L) of a text's code points with
// their occurrences, by sorting positions on their next L characters.
//
// The text is decoded once into code points. Candidate characters (Han by default)
// get dense ids 1..sigma by rank of the code point, so id order is code point order
// is UTF-8 byte order; 0 stands for "the run of candidates has ended". Positions that
// start a candidate are sorted by the ids of their first L characters - a suffix
// array truncated at depth L (cf. Manber & Myers 1993 for the full one):
//   1. the ids of the first D characters (D = 64 / bits per id, at most L) are packed
//      into a 64-bit key per position, in one backward pass (key(i) = id(i) shifted
//      up | key(i + 1) shifted down), and the (key, position) pairs are LSD
//      radix-sorted with 11-bit digits, stable, so ties stay in text order;
//   2. runs of equal keys that go on past D characters are sorted on the next D
//      characters, and so on up to L.
// In that order every n-gram's occurrences are one contiguous interval and adjacent
// positions share a prefix of lcp characters (read from the keys' XOR when they
// differ), so one scan with a stack of open intervals, one per length, enumerates
// each distinct n-gram of each length once, with its count and occurrences.
//
// Cost: O(N (bits / 11 + 1)) for the radix sort of N code points plus the
// refinement of repeated D-grams; memory 21 bytes per code point (code points, byte
// offsets, run lengths, keys, positions), 33 at the peak of the sort, independent of
// L and of the vocabulary, plus 0.5 MB of tables. Positions are 32-bit: the text must
// have fewer than 2^32 bytes. Built and used by one thread.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "../unicode/char_classes.hpp"
#include "../unicode/utf8_decode.hpp"

namespace zhtext::detail {

inline std::uint32_t popcount64(std::uint64_t x) noexcept {
#if defined(__GNUC__) || defined(__clang__)
  return static_cast<std::uint32_t>(__builtin_popcountll(x));
#else
  std::uint32_t c = 0;
  for (; x != 0; x &= x - 1) ++c;
  return c;
#endif
}

inline int leading_zeros64(std::uint64_t x) noexcept {  // x != 0
#if defined(__GNUC__) || defined(__clang__)
  return __builtin_clzll(x);
#else
  int n = 0;
  for (std::uint64_t bit = std::uint64_t{1} << 63; (x & bit) == 0; bit >>= 1) ++n;
  return n;
#endif
}

class ngram_index {
 public:
  /// Indexes `text` for n-grams of 1..max_len code points (1 <= max_len <= 255) made
  /// of characters for which `candidate(code_point)` is true (never U+FFFD).
  template <class Candidate>
  ngram_index(std::string_view text, std::size_t max_len, Candidate&& candidate) : text_(text), max_len_(max_len) {
    decode(candidate);
    sort_positions();
  }

  std::size_t size() const noexcept { return runlen_.size(); }  ///< code points in the text
  std::uint64_t candidate_positions() const noexcept { return sorted_.size(); }
  /// Marks a neighbour that is not a candidate character (punctuation, space,
  /// ill-formed bytes, the start or end of the text): a word boundary.
  static constexpr std::uint32_t boundary = 0xFFFFFFFFu;
  /// The code point before / after the occurrence at p of an n-gram, or `boundary`.
  std::uint32_t left_of(std::uint32_t p) const noexcept {
    return p == 0 || runlen_[p - 1] == 0 ? boundary : cp_[p - 1];
  }
  std::uint32_t right_of(std::uint32_t p, std::size_t n) const noexcept {
    return p + n >= cp_.size() || runlen_[p + n] == 0 ? boundary : cp_[p + n];
  }
  std::uint32_t byte_offset(std::uint32_t p) const noexcept { return off_[p]; }
  /// The bytes of the n-gram at p.
  std::string_view text(std::uint32_t p, std::size_t n) const noexcept {
    return text_.substr(off_[p], off_[p + n] - off_[p]);
  }
  const std::vector<std::uint32_t>& sorted() const noexcept { return sorted_; }

  /// Calls f(n, lo, hi) for each distinct n-gram (1 <= n <= max_len) whose
  /// occurrences are sorted()[lo, hi). A group is reported when it closes, so an
  /// n-gram's extensions come before it.
  template <class F>
  void for_each_group(F&& f) const {
    const std::size_t m = sorted_.size();
    std::vector<std::int64_t> open(max_len_ + 1, -1);
    for (std::size_t j = 0; j <= m; ++j) {
      const std::size_t l = (j == 0 || j == m) ? 0 : lcp(j - 1, j);
      for (std::size_t n = max_len_; n > l; --n) {
        if (open[n] >= 0) {
          f(n, static_cast<std::size_t>(open[n]), j);
          open[n] = -1;
        }
      }
      if (j < m) {
        const std::size_t r = runlen_[sorted_[j]];
        for (std::size_t n = l + 1; n <= r; ++n) open[n] = static_cast<std::int64_t>(j);
      }
    }
  }

 private:
  template <class Candidate>
  void decode(Candidate& candidate) {
    const auto* p = bytes(text_);
    const std::size_t n = text_.size();
    cp_.reserve(n / 2 + 1);
    off_.reserve(n / 2 + 2);
    std::vector<std::uint64_t> present((0x110000 + 63) / 64, 0);  // candidate code points seen
    for (std::size_t i = 0; i < n;) {
      const decoded d = decode_at(p + i, p + n);
      const char32_t v = d.error == utf8_errc::ok ? d.value : replacement_character;
      cp_.push_back(static_cast<std::uint32_t>(v));
      off_.push_back(static_cast<std::uint32_t>(i));
      if (v != replacement_character && candidate(v)) present[v >> 6] |= std::uint64_t{1} << (v & 63);
      i += d.size;
    }
    off_.push_back(static_cast<std::uint32_t>(n));
    // Dense ids 1..sigma of the candidate characters, by rank of the code point.
    rank_before_.resize(present.size());
    std::uint32_t r = 0;
    for (std::size_t w = 0; w < present.size(); ++w) {
      rank_before_[w] = r;
      r += popcount64(present[w]);
    }
    present_ = std::move(present);
    bmp_id_.assign(0x10000, 0);  // direct ids for the Basic Multilingual Plane
    for (std::uint32_t v = 0; v < 0x10000; ++v)
      if (is_candidate(v)) bmp_id_[v] = static_cast<std::uint32_t>(rank_id(v));
    const std::size_t sigma = r;
    bits_ = 1;
    while ((std::uint64_t{1} << bits_) <= sigma) ++bits_;  // ids 1..sigma and 0 fit
    digits_ = std::min<std::size_t>(64 / bits_, max_len_);
    runlen_.assign(cp_.size(), 0);
    std::size_t run = 0;
    for (std::size_t i = cp_.size(); i-- > 0;) {
      run = is_candidate(cp_[i]) ? std::min(run + 1, max_len_) : 0;
      runlen_[i] = static_cast<std::uint8_t>(run);
    }
  }

  bool is_candidate(std::uint32_t v) const noexcept { return (present_[v >> 6] >> (v & 63)) & 1; }
  std::uint64_t id(std::uint32_t v) const noexcept { return v < 0x10000 ? bmp_id_[v] : rank_id(v); }
  std::uint64_t rank_id(std::uint32_t v) const noexcept {
    const std::uint64_t below = present_[v >> 6] & ((std::uint64_t{1} << (v & 63)) - 1);
    return rank_before_[v >> 6] + popcount64(below) + 1;
  }
  // The key of the digits_ characters from p + start (0 for characters past the
  // n-gram's end): comparing keys compares those characters.
  std::uint64_t key_at(std::uint32_t p, std::size_t start) const noexcept {
    std::uint64_t k = 0;
    for (std::size_t i = 0; i < digits_; ++i) {
      const std::size_t j = start + i;
      k = (k << bits_) | (j < runlen_[p] ? id(cp_[p + j]) : 0);
    }
    return k;
  }

  // Sorts the candidate positions by their first max_len characters: an LSD radix
  // sort on keys of the first digits_ characters (computed in one backward pass), then
  // each run of equal keys that continues is sorted on the next digits_ characters.
  void sort_positions() {
    const std::size_t n = cp_.size();
    std::size_t m = 0;
    for (std::size_t i = 0; i < n; ++i) m += runlen_[i] != 0;
    keys_.resize(m);
    sorted_.resize(m);
    {
      std::uint64_t next = 0;  // key of position i + 1
      const unsigned top = static_cast<unsigned>(bits_ * (digits_ - 1));
      std::size_t j = m;
      for (std::size_t i = n; i-- > 0;) {
        next = runlen_[i] == 0 ? 0 : (id(cp_[i]) << top) | (next >> bits_);
        if (runlen_[i] != 0) {
          keys_[--j] = next;
          sorted_[j] = static_cast<std::uint32_t>(i);
        }
      }
    }
    radix_sort(bits_ * digits_);
    for (std::size_t start = digits_; start < max_len_; start += digits_) refine(start);
  }

  // LSD radix sort of (keys_, sorted_) on the low `bits` bits of the keys; stable.
  void radix_sort(std::size_t bits) {
    constexpr unsigned width = 11;
    const std::size_t m = keys_.size();
    std::vector<std::uint64_t> k2(m);
    std::vector<std::uint32_t> p2(m);
    std::vector<std::uint32_t> count(std::size_t{1} << width);
    for (unsigned shift = 0; shift < bits; shift += width) {
      std::fill(count.begin(), count.end(), 0);
      for (std::uint64_t k : keys_) ++count[(k >> shift) & ((1u << width) - 1)];
      if (m == 0 || count[(keys_[0] >> shift) & ((1u << width) - 1)] == m) continue;  // one bucket
      std::uint32_t sum = 0;
      for (std::uint32_t& c : count) sum += std::exchange(c, sum);
      for (std::size_t i = 0; i < m; ++i) {
        const std::uint32_t at = count[(keys_[i] >> shift) & ((1u << width) - 1)]++;
        k2[at] = keys_[i];
        p2[at] = sorted_[i];
      }
      keys_.swap(k2);
      sorted_.swap(p2);
    }
  }

  // Sorts, on the characters from `start` on, each run of positions that agree on
  // all characters before `start` and go on past it.
  void refine(std::size_t start) {
    std::vector<std::pair<std::uint64_t, std::uint32_t>> tmp;
    const std::size_t m = sorted_.size();
    for (std::size_t lo = 0; lo < m;) {
      std::size_t hi = lo + 1;
      while (hi < m && keys_[hi] == keys_[lo] && same_prefix(sorted_[lo], sorted_[hi], start)) ++hi;
      if (hi - lo > 1 && runlen_[sorted_[lo]] > start) {
        tmp.clear();
        for (std::size_t i = lo; i < hi; ++i) tmp.emplace_back(key_at(sorted_[i], start), sorted_[i]);
        std::sort(tmp.begin(), tmp.end());
        for (std::size_t i = lo; i < hi; ++i) sorted_[i] = tmp[i - lo].second;
      }
      lo = hi;
    }
  }

  // Do the n-grams at a and b, whose keys (first digits_ characters) are equal,
  // agree on their first `len` characters (both ending there or later, or both at
  // the same earlier point)?
  bool same_prefix(std::uint32_t a, std::uint32_t b, std::size_t len) const noexcept {
    const std::size_t ra = std::min<std::size_t>(runlen_[a], len), rb = std::min<std::size_t>(runlen_[b], len);
    if (ra != rb) return false;
    for (std::size_t k = digits_; k < ra; ++k)
      if (cp_[a + k] != cp_[b + k]) return false;
    return true;
  }

  // Characters shared by the n-grams at sorted positions i and j (adjacent).
  std::size_t lcp(std::size_t i, std::size_t j) const noexcept {
    const std::uint32_t a = sorted_[i], b = sorted_[j];
    const std::size_t lim = std::min(runlen_[a], runlen_[b]);
    const std::uint64_t x = keys_[i] ^ keys_[j];
    if (x != 0) {
      const std::size_t unused = 64 - bits_ * digits_;
      const std::size_t common = (static_cast<std::size_t>(leading_zeros64(x)) - unused) / bits_;
      return std::min(common, lim);
    }
    std::size_t k = std::min(digits_, lim);
    while (k < lim && cp_[a + k] == cp_[b + k]) ++k;
    return k;
  }

  std::string_view text_;
  std::size_t max_len_;
  std::vector<std::uint32_t> cp_;      // code point at each position (U+FFFD for ill-formed bytes)
  std::vector<std::uint32_t> off_;     // byte offset of each position, + the text size
  std::vector<std::uint8_t> runlen_;   // candidate characters from here on, capped at max_len
  std::vector<std::uint64_t> present_;       // bitmap of the candidate code points
  std::vector<std::uint32_t> rank_before_;   // candidates below each 64-code-point word of present_
  std::vector<std::uint32_t> bmp_id_;        // id of each BMP code point (0: not a candidate)
  std::size_t bits_ = 1, digits_ = 1;  // bits per character id; characters per key
  std::vector<std::uint64_t> keys_;    // key (first digits_ characters) of each sorted position
  std::vector<std::uint32_t> sorted_;  // candidate positions in n-gram order
};

}  // namespace zhtext::detail
