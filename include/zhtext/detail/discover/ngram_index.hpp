// zhtext/detail/discover/ngram_index.hpp - all n-grams (n <= L) of a text's code points with
// their occurrences, by sorting positions on their next L characters; in one pass or
// in several (shards by first character) when the text is large.
//
// ngram_alphabet reads the text once: candidate characters (Han by default) get dense
// ids 1..sigma by rank of the code point, so id order is code point order is UTF-8 byte
// order; 0 stands for "the run of candidates has ended". It counts the candidate
// positions of each id, which splits the ids into ranges (shards) of a bounded number
// of positions each.
//
// ngram_index indexes the positions whose first character falls in one such range
// [first_id, last_id] (all of them: one shard). A position is the byte offset of a
// candidate character in the text; nothing is stored per character of the text, the
// text itself is decoded again where needed. Positions are sorted by the ids of their
// first L characters - a suffix array truncated at depth L (cf. Manber & Myers 1993
// for the full one):
//   1. the ids of the first D characters (D = 64 / bits per id, at most L) are packed
//      into a 64-bit key per position, in one forward pass over the text that keeps
//      the last L candidate characters in a ring, and the (key, position, run length)
//      triples are LSD radix-sorted with 11-bit digits, stable, so ties stay in text
//      order;
//   2. runs of equal keys that go on past D characters are sorted on the next D
//      characters, and so on up to L.
// In that order every n-gram's occurrences are one contiguous interval and adjacent
// positions share a prefix of lcp characters (read from the keys' XOR when they
// differ), so one scan with a stack of open intervals, one per length, enumerates
// each distinct n-gram of each length once, with its count and occurrences. Every
// n-gram starting in the shard is in it with all its occurrences: the statistics of
// an n-gram never need two shards (only the counts of its parts may).
//
// Cost: O(N) decoding per shard plus O(M (bits / 11 + 1)) for the radix sort of its M
// positions and the refinement of repeated D-grams; memory 13 bytes per position of
// the shard (key, position, run length), 26 at the peak of the sort (29 while a run
// of equal keys as long as the shard is sorted on its next characters), independent of
// L and of the vocabulary, plus 0.7 MB of tables (0.3 MB more while the alphabet is
// counted). Positions are 32-bit: the text must have fewer than 2^32 bytes. Built and
// used by one thread.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "../platform/math.hpp"
#include "../unicode/char_classes.hpp"
#include "../unicode/utf8_decode.hpp"

namespace zhtext::detail {

inline int leading_zeros64(std::uint64_t x) noexcept {  // x != 0
#if defined(__GNUC__) || defined(__clang__)
  return __builtin_clzll(x);
#else
  int n = 0;
  for (std::uint64_t bit = std::uint64_t{1} << 63; (x & bit) == 0; bit >>= 1) ++n;
  return n;
#endif
}

/// The candidate characters of a text, their dense ids and how often each occurs.
class ngram_alphabet {
 public:
  /// Reads `text` once: the characters for which `candidate(code_point)` is true
  /// (never U+FFFD nor ill-formed bytes).
  template <class Candidate>
  ngram_alphabet(std::string_view text, Candidate&& candidate) {
    present_.assign((0x110000 + 63) / 64, 0);
    std::vector<std::uint32_t> bmp_count(0x10000, 0);  // occurrences of each BMP candidate
    bool supplementary = false;
    const auto* p = bytes(text);
    const std::size_t n = text.size();
    for (std::size_t i = 0; i < n;) {
      const decoded d = decode_at(p + i, p + n);
      const char32_t v = d.value;
      if (d.error == utf8_errc::ok && v != replacement_character && candidate(v)) {
        present_[v >> 6] |= std::uint64_t{1} << (v & 63);
        if (v < 0x10000) ++bmp_count[v];
        else supplementary = true;
      }
      i += d.size;
    }
    rank_before_.resize(present_.size());
    std::uint32_t r = 0;
    for (std::size_t w = 0; w < present_.size(); ++w) {
      rank_before_[w] = r;
      r += popcount64(present_[w]);
    }
    positions_per_id_.assign(std::size_t{r} + 1, 0);  // [0]: no character
    bmp_id_.assign(0x10000, 0);  // direct ids for the Basic Multilingual Plane
    for (std::uint32_t v = 0; v < 0x10000; ++v) {
      if (bmp_count[v] == 0) continue;
      bmp_id_[v] = rank_id(v);
      positions_per_id_[bmp_id_[v]] = bmp_count[v];
    }
    if (supplementary) {  // rare: a second pass counts the characters above U+FFFF
      for (std::size_t i = 0; i < n;) {
        const decoded d = decode_at(p + i, p + n);
        if (d.error == utf8_errc::ok && d.value >= 0x10000) {
          const std::uint32_t k = id(d.value);
          if (k != 0) ++positions_per_id_[k];
        }
        i += d.size;
      }
    }
    for (std::uint32_t c : positions_per_id_) positions_ += c;
  }

  std::size_t sigma() const noexcept { return positions_per_id_.size() - 1; }  ///< distinct candidates
  std::uint64_t positions() const noexcept { return positions_; }  ///< candidate characters in the text
  /// Candidate positions whose character has this id (1..sigma).
  std::uint32_t positions_of(std::size_t id) const noexcept { return positions_per_id_[id]; }
  /// The id of code point v (1..sigma), 0 when v is not a candidate of the text.
  std::uint32_t id(std::uint32_t v) const noexcept {
    if (v < 0x10000) return bmp_id_[v];
    if (v >= 0x110000 || ((present_[v >> 6] >> (v & 63)) & 1) == 0) return 0;
    return rank_id(v);
  }

  /// Splits the ids into ranges [first, last] of consecutive ids with at most
  /// `max_positions` positions each (more only where one id alone has more).
  std::vector<std::pair<std::uint32_t, std::uint32_t>> shards(std::uint64_t max_positions) const {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> out;
    std::uint64_t in_shard = 0;
    for (std::uint32_t id = 1; id <= sigma(); ++id) {
      if (out.empty() || (in_shard != 0 && in_shard + positions_per_id_[id] > max_positions)) {
        out.emplace_back(id, id);
        in_shard = 0;
      }
      out.back().second = id;
      in_shard += positions_per_id_[id];
    }
    return out;
  }

 private:
  std::uint32_t rank_id(std::uint32_t v) const noexcept {
    const std::uint64_t below = present_[v >> 6] & ((std::uint64_t{1} << (v & 63)) - 1);
    return rank_before_[v >> 6] + popcount64(below) + 1;
  }

  std::vector<std::uint64_t> present_;           // bitmap of the candidate code points
  std::vector<std::uint32_t> rank_before_;       // candidates below each 64-code-point word of present_
  std::vector<std::uint32_t> bmp_id_;            // id of each BMP code point (0: not a candidate)
  std::vector<std::uint32_t> positions_per_id_;  // [id]: occurrences; [0] = 0
  std::uint64_t positions_ = 0;
};

/// The positions one pass of ngram_index indexes, an interval of the n-gram order:
/// those whose first prefix.size() characters have the ids of `prefix`, whose next
/// character has an id in [first_id, last_id] (0: the run of candidates ends there;
/// no condition when the prefix is max_len long) and whose byte offset is in [begin,
/// end). `positions` of them.
struct ngram_shard {
  std::vector<std::uint32_t> prefix;
  std::uint32_t first_id = 0, last_id = 0xFFFFFFFFu;
  std::uint32_t begin = 0, end = 0xFFFFFFFFu;
  std::uint64_t positions = 0;
};

/// The last max_len candidate characters read: the window of a position.
struct ngram_window {
  const std::uint32_t* ids;  // ring of max_len ids
  std::size_t head, size, run;  // oldest, ring size, candidates from the oldest on (<= size)
  std::uint32_t id(std::size_t i) const noexcept {
    if (i >= run) return 0;
    const std::size_t at = head + i;
    return ids[at < size ? at : at - size];
  }
  /// Is the window's position in `s`'s key range (not checking s.begin, s.end)?
  bool in(const ngram_shard& s) const noexcept {
    const std::size_t d = s.prefix.size();
    for (std::size_t i = 0; i < d; ++i)
      if (id(i) != s.prefix[i]) return false;
    if (d >= size) return true;
    const std::uint32_t next = id(d);
    return next >= s.first_id && next <= s.last_id;
  }
};

/// Calls f(offset, window) for each candidate position of `text` in text order, with
/// the ids of its next max_len characters: one pass, a ring of max_len characters.
template <class F>
void for_each_ngram_window(std::string_view text, const ngram_alphabet& alphabet, std::size_t max_len, F&& f) {
  const std::size_t L = max_len;
  std::vector<std::uint32_t> ring_off(L), ring_id(L);
  std::size_t head = 0, held = 0;  // the oldest held character and how many are held
  auto emit = [&](std::size_t run) {  // the oldest held character, `run` candidates from it on
    f(ring_off[head], ngram_window{ring_id.data(), head, L, run});
    if (++head == L) head = 0;
    --held;
  };
  const auto* s = bytes(text);
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n;) {
    const decoded d = decode_at(s + i, s + n);
    const std::uint32_t id = d.error == utf8_errc::ok && d.value != replacement_character ? alphabet.id(d.value) : 0;
    if (id != 0) {
      const std::size_t at = head + held < L ? head + held : head + held - L;
      ring_off[at] = static_cast<std::uint32_t>(i);
      ring_id[at] = id;
      if (++held == L) emit(L);
    } else {
      while (held > 0) emit(held);
    }
    i += d.size;
  }
  while (held > 0) emit(held);
}

/// The passes of the index over `text` for n-grams of up to max_len characters, in
/// n-gram order, each of at most max_positions positions: ranges of first characters
/// (alphabet.shards); a first character with more is split on its next characters
/// (a pass over the text counts them), ..., and positions whose max_len characters
/// are all alike by ranges of byte offsets. An n-gram may then span consecutive
/// passes (see ngram_index::for_each_group).
inline std::vector<ngram_shard> plan_ngram_shards(std::string_view text, const ngram_alphabet& alphabet,
                                                  std::size_t max_len, std::uint64_t max_positions) {
  std::vector<ngram_shard> out;
  auto by_offset = [&](ngram_shard key) {  // key's positions, all alike: ranges of offsets
    std::vector<std::uint32_t> starts;
    std::uint64_t seen = 0;
    for_each_ngram_window(text, alphabet, max_len, [&](std::uint32_t off, const ngram_window& w) {
      if (w.in(key) && seen++ % max_positions == 0) starts.push_back(off);
    });
    for (std::size_t i = 0; i < starts.size(); ++i) {
      ngram_shard s = key;
      s.begin = starts[i];
      s.end = i + 1 < starts.size() ? starts[i + 1] : 0xFFFFFFFFu;
      s.positions = std::min<std::uint64_t>(max_positions, seen - i * max_positions);
      out.push_back(std::move(s));
    }
  };
  // The positions that start with `prefix` (more than max_positions), by next character.
  auto split = [&](const std::vector<std::uint32_t>& prefix, auto&& self) -> void {
    const std::size_t d = prefix.size();
    if (d >= max_len) return by_offset(ngram_shard{prefix, 0, 0xFFFFFFFFu, 0, 0xFFFFFFFFu, 0});
    std::vector<std::uint64_t> next(alphabet.sigma() + 1, 0);
    const ngram_shard all{prefix, 0, 0xFFFFFFFFu, 0, 0xFFFFFFFFu, 0};
    for_each_ngram_window(text, alphabet, max_len, [&](std::uint32_t, const ngram_window& w) {
      if (w.in(all)) ++next[w.id(d)];
    });
    std::vector<ngram_shard> ranges;
    for (std::uint32_t id = 0; id < next.size(); ++id) {
      if (next[id] == 0) continue;
      if (ranges.empty() || (ranges.back().positions != 0 && ranges.back().positions + next[id] > max_positions))
        ranges.push_back(ngram_shard{prefix, id, id, 0, 0xFFFFFFFFu, 0});
      ranges.back().last_id = id;
      ranges.back().positions += next[id];
    }
    next = {};
    for (ngram_shard& r : ranges) {
      if (r.positions <= max_positions) out.push_back(std::move(r));
      else if (r.first_id == 0) by_offset(r);  // runs that end after the prefix: all alike
      else {
        std::vector<std::uint32_t> longer = prefix;
        longer.push_back(r.first_id);
        self(longer, self);
      }
    }
  };
  for (const auto& [first, last] : alphabet.shards(max_positions)) {
    std::uint64_t m = 0;
    for (std::uint32_t id = first; id <= last; ++id) m += alphabet.positions_of(id);
    if (first == last && m > max_positions) split({first}, split);
    else out.push_back(ngram_shard{{}, first, last, 0, 0xFFFFFFFFu, m});
  }
  return out;
}

class ngram_index {
 public:
  /// Indexes the n-grams of 1..max_len code points (1 <= max_len <= 255) of `text`
  /// made of the candidates of `alphabet` (built on the same text) that start at the
  /// positions of `shard` (see plan_ngram_shards).
  ngram_index(std::string_view text, const ngram_alphabet& alphabet, std::size_t max_len, const ngram_shard& shard)
      : text_(text), alphabet_(alphabet), max_len_(max_len) {
    bits_ = 1;
    while ((std::uint64_t{1} << bits_) <= alphabet.sigma()) ++bits_;  // ids 1..sigma and 0 fit
    digits_ = std::min<std::size_t>(64 / bits_, max_len_);
    collect(shard);
    radix_sort(bits_ * digits_);
    for (std::size_t start = digits_; start < max_len_; start += digits_) refine(start);
  }

  /// Marks a neighbour that is not a candidate character (punctuation, space,
  /// ill-formed bytes, the start or end of the text): a word boundary.
  static constexpr std::uint32_t boundary = 0xFFFFFFFFu;
  /// The code point before the occurrence at p of an n-gram, or `boundary`.
  std::uint32_t left_of(std::uint32_t p) const noexcept {
    // Every byte that is not a continuation byte starts a character (or an ill-formed
    // piece): the character before p starts at the last such byte before p.
    const auto* s = bytes(text_);
    std::uint32_t q = p;
    while (q > 0 && p - q < 4 && is_continuation(s[q - 1])) --q;
    if (q == 0 || p - q >= 4) return boundary;
    --q;
    const decoded d = decode_at(s + q, s + p);
    return d.error == utf8_errc::ok && q + d.size == p ? candidate_or_boundary(d.value) : boundary;
  }
  /// The code point after the occurrence at p of an n-gram of n characters, or `boundary`.
  std::uint32_t right_of(std::uint32_t p, std::size_t n) const noexcept {
    const std::uint32_t q = skip(p, n);
    if (q >= text_.size()) return boundary;
    const auto* s = bytes(text_);
    const decoded d = decode_at(s + q, s + text_.size());
    return d.error == utf8_errc::ok ? candidate_or_boundary(d.value) : boundary;
  }
  std::uint32_t byte_offset(std::uint32_t p) const noexcept { return p; }
  /// The bytes of the n-gram at p.
  std::string_view text(std::uint32_t p, std::size_t n) const noexcept { return text_.substr(p, skip(p, n) - p); }
  /// The positions of the shard in n-gram order.
  const std::vector<std::uint32_t>& sorted() const noexcept { return sorted_; }

  /// Calls f(n, lo, hi) for each distinct n-gram (1 <= n <= max_len) of the shard
  /// whose occurrences are sorted()[lo, hi). A group is reported when it closes, so
  /// an n-gram's extensions come before it. The n-grams of 1..`continued` characters
  /// at sorted()[0] go on from the previous shard (their groups have lo = 0 and
  /// those of the previous shard had hi = its size); a group with hi = sorted().size()
  /// may go on in the next shard.
  template <class F>
  void for_each_group(F&& f, std::size_t continued = 0) const {
    const std::size_t m = sorted_.size();
    std::vector<std::int64_t> open(max_len_ + 1, -1);
    for (std::size_t n = 1; n <= continued && m != 0; ++n) open[n] = 0;
    for (std::size_t j = 0; j <= m; ++j) {
      const std::size_t l = j == 0 ? continued : j == m ? 0 : lcp(j - 1, j);
      for (std::size_t n = max_len_; n > l; --n) {
        if (open[n] >= 0) {
          f(n, static_cast<std::size_t>(open[n]), j);
          open[n] = -1;
        }
      }
      if (j < m) {
        const std::size_t r = runlen_[j];
        for (std::size_t n = l + 1; n <= r; ++n) open[n] = static_cast<std::int64_t>(j);
      }
    }
  }

  /// Characters (at most max_len) shared by the n-grams at byte offsets p and q.
  std::size_t common_prefix(std::uint32_t p, std::uint32_t q) const noexcept {
    const auto* s = bytes(text_);
    const std::size_t n = text_.size();
    std::size_t k = 0;
    for (; k < max_len_ && p < n && q < n; ++k) {
      const decoded a = decode_at(s + p, s + n), b = decode_at(s + q, s + n);
      if (a.error != utf8_errc::ok || b.error != utf8_errc::ok || a.value != b.value ||
          candidate_or_boundary(a.value) == boundary)
        break;
      p += a.size;
      q += b.size;
    }
    return k;
  }

  /// Bytes of the UTF-8 character whose lead byte is c (well-formed text).
  static std::uint32_t char_size(unsigned char c) noexcept { return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4; }

  /// Bytes per position at the peak of the build (keys, positions, run lengths, twice).
  static constexpr std::size_t bytes_per_position = 2 * (8 + 4 + 1);

 private:
  // The byte offset k characters after p, within a run of candidates (well-formed).
  std::uint32_t skip(std::uint32_t p, std::size_t k) const noexcept {
    const auto* s = bytes(text_);
    for (; k > 0; --k) p += char_size(s[p]);
    return p;
  }
  std::uint32_t candidate_or_boundary(char32_t v) const noexcept {
    return v != replacement_character && alphabet_.id(v) != 0 ? static_cast<std::uint32_t>(v) : boundary;
  }
  std::uint64_t id_at(std::uint32_t p) const noexcept {
    const auto* s = bytes(text_);
    return alphabet_.id(decode_at(s + p, s + text_.size()).value);
  }

  // The positions of the shard in text order with the key of their first digits_
  // characters and their run length (candidate characters from there, capped at
  // max_len): one pass over the text (for_each_ngram_window).
  void collect(const ngram_shard& shard) {
    keys_.reserve(shard.positions);
    sorted_.reserve(shard.positions);
    runlen_.reserve(shard.positions);
    for_each_ngram_window(text_, alphabet_, max_len_, [&](std::uint32_t off, const ngram_window& w) {
      if (off < shard.begin || off >= shard.end || !w.in(shard)) return;
      std::uint64_t k = 0;
      for (std::size_t i = 0; i < digits_; ++i) k = (k << bits_) | w.id(i);
      keys_.push_back(k);
      sorted_.push_back(off);
      runlen_.push_back(static_cast<std::uint8_t>(w.run));
    });
  }

  // The key of the digits_ characters from `start` on of the n-gram at p, whose run
  // length is `run` (0 for characters past the run's end): comparing keys compares
  // those characters.
  std::uint64_t key_at(std::uint32_t p, std::size_t run, std::size_t start) const noexcept {
    std::uint64_t k = 0;
    std::uint32_t q = skip(p, std::min(start, run));
    for (std::size_t j = start; j < start + digits_; ++j) {
      std::uint64_t id = 0;
      if (j < run) {
        id = id_at(q);
        q += char_size(bytes(text_)[q]);
      }
      k = (k << bits_) | id;
    }
    return k;
  }

  // LSD radix sort of (keys_, sorted_, runlen_) on the low `bits` bits of the keys; stable.
  void radix_sort(std::size_t bits) {
    constexpr unsigned width = 11;
    const std::size_t m = keys_.size();
    std::vector<std::uint64_t> k2(m);
    std::vector<std::uint32_t> p2(m);
    std::vector<std::uint8_t> r2(m);
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
        r2[at] = runlen_[i];
      }
      keys_.swap(k2);
      sorted_.swap(p2);
      runlen_.swap(r2);
    }
  }

  // Sorts, on the characters from `start` on, each run of positions that agree on
  // all characters before `start` and go on past it.
  void refine(std::size_t start) {
    struct entry {
      std::uint64_t key;
      std::uint32_t position;
      std::uint8_t run;
      bool operator<(const entry& o) const noexcept { return key != o.key ? key < o.key : position < o.position; }
    };
    std::vector<entry> tmp;
    const std::size_t m = sorted_.size();
    for (std::size_t lo = 0; lo < m;) {
      std::size_t hi = lo + 1;
      while (hi < m && keys_[hi] == keys_[lo] && same_prefix(lo, hi, start)) ++hi;
      // Some of the run may end at `start` (run length `start`: key 0 from there, so
      // first) and the others go on: any of them going on sorts the run.
      bool goes_on = false;
      for (std::size_t i = lo; i < hi && !goes_on && hi - lo > 1; ++i) goes_on = runlen_[i] > start;
      if (goes_on) {
        tmp.clear();
        tmp.reserve(hi - lo);  // (grown by push_back: up to 48 bytes a position at once)
        for (std::size_t i = lo; i < hi; ++i) tmp.push_back({key_at(sorted_[i], runlen_[i], start), sorted_[i], runlen_[i]});
        std::sort(tmp.begin(), tmp.end());
        for (std::size_t i = lo; i < hi; ++i) {
          sorted_[i] = tmp[i - lo].position;
          runlen_[i] = tmp[i - lo].run;
        }
      }
      lo = hi;
    }
  }

  // Do the n-grams at sorted indexes i and j, whose keys (first digits_ characters)
  // are equal, agree on their first `len` characters (both ending there or later, or
  // both at the same earlier point)?
  bool same_prefix(std::size_t i, std::size_t j, std::size_t len) const noexcept {
    const std::size_t ra = std::min<std::size_t>(runlen_[i], len), rb = std::min<std::size_t>(runlen_[j], len);
    if (ra != rb) return false;
    if (ra <= digits_) return true;
    const std::uint32_t a = skip(sorted_[i], digits_), b = skip(sorted_[j], digits_);
    const std::uint32_t a_end = skip(a, ra - digits_), b_end = skip(b, ra - digits_);
    return text_.substr(a, a_end - a) == text_.substr(b, b_end - b);
  }

  // Characters shared by the n-grams at sorted indexes i and j (adjacent).
  std::size_t lcp(std::size_t i, std::size_t j) const noexcept {
    const std::size_t lim = std::min(runlen_[i], runlen_[j]);
    const std::uint64_t x = keys_[i] ^ keys_[j];
    if (x != 0) {
      const std::size_t unused = 64 - bits_ * digits_;
      const std::size_t common = (static_cast<std::size_t>(leading_zeros64(x)) - unused) / bits_;
      return std::min(common, lim);
    }
    std::size_t k = std::min(digits_, lim);
    if (k == lim) return k;
    const auto* s = bytes(text_);
    std::uint32_t a = skip(sorted_[i], k), b = skip(sorted_[j], k);
    for (; k < lim; ++k) {
      const std::uint32_t n = char_size(s[a]);
      if (char_size(s[b]) != n || std::char_traits<char>::compare(text_.data() + a, text_.data() + b, n) != 0) break;
      a += n;
      b += n;
    }
    return k;
  }

  std::string_view text_;
  const ngram_alphabet& alphabet_;
  std::size_t max_len_;
  std::size_t bits_ = 1, digits_ = 1;   // bits per character id; characters per key
  std::vector<std::uint64_t> keys_;     // key (first digits_ characters) of each sorted position
  std::vector<std::uint32_t> sorted_;   // the shard's positions (byte offsets) in n-gram order
  std::vector<std::uint8_t> runlen_;    // candidate characters from each sorted position, capped at max_len
};

}  // namespace zhtext::detail
