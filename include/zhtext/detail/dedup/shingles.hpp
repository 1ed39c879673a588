// zhtext/detail/dedup/shingles.hpp - the code points shingles are made of, and the
// rolling shingle hash (issue 16's definition; dedup.hpp documents it for users).
//
// kept_unit_at() reads one unit of the text as zhtext reads every text (utf8.hpp's
// lenient decoding through unicode/props.hpp's unit_at: a maximal ill-formed subpart
// is one U+FFFD, General_Category So),
// folds U+FF01..U+FF5E to ASCII and U+3000 to U+0020, and says whether the folded code
// point is kept: it is not when its General_Category is P*, Z* or C* (flag_pzc of the
// property records in detail/unicode/tables.hpp, generated from the UCD).
//
// shingle_roller turns the kept code points into shingle keys, one multiply-add per
// code point (a polynomial rolling hash, exact modulo 2^64):
//
//   raw(c_0 .. c_{m-1}) = sum c_i * P^(m-1-i)  (mod 2^64),  P = 0x100000001B3
//   key                 = raw ^ (m * 0x9E3779B97F4A7C15)
//   shingle_hash        = mix64(key)            (dedup.hpp's shingle::hash)
//
// mix64 is detail/storage/checksum.hpp's finaliser (a bijection). Equal keys of different
// shingles are possible in principle and are resolved by comparing the shingles'
// bytes wherever exactness matters (exact_jaccard.hpp). Plain integer arithmetic:
// the same values on every platform, compiler and run.
//
// Cost: a few ns per code point (ASCII and U+4E00..U+9FFF without a table lookup).
// Pure functions and small value types; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>

#include "../storage/checksum.hpp"
#include "../unicode/props.hpp"
#include "../unicode/utf8_decode.hpp"

namespace zhtext::detail {

/// Largest shingle size K (the rollers keep the last K code points in a ring of 32).
inline constexpr std::size_t max_shingle_size = 32;
inline constexpr std::uint64_t shingle_prime = 0x100000001B3ULL;
inline constexpr std::uint64_t shingle_length_salt = 0x9E3779B97F4A7C15ULL;

/// True if General_Category(c) is P*, Z* or C* (c <= U+10FFFF).
constexpr bool removed_before_shingling(char32_t c) noexcept {
  return (ucd::record_flags[ucd_trie_record(c)] & ucd::flag_pzc) != 0;
}

constexpr bool cjk_ideographs_are_kept() noexcept {
  for (char32_t c = 0x4E00; c <= 0x9FFF; ++c)
    if (removed_before_shingling(c)) return false;
  return true;
}
static_assert(cjk_ideographs_are_kept(), "U+4E00..U+9FFF has a P/Z/C code point: revisit kept_unit_at");

struct ascii_kept_table {
  bool kept[128];
};
constexpr ascii_kept_table make_ascii_kept() noexcept {
  ascii_kept_table t{};
  for (char32_t c = 0; c < 128; ++c) t.kept[c] = !removed_before_shingling(c);
  return t;
}
inline constexpr ascii_kept_table ascii_kept = make_ascii_kept();

/// One unit of the text as shingling reads it: the folded code point, the bytes it
/// covers and whether it is kept.
struct kept_unit {
  char32_t value;
  std::uint32_t size;
  bool kept;
  bool verbatim;  ///< the input bytes are the UTF-8 of value (not folded, not ill-formed)
};

/// Full-width ASCII U+FF01..U+FF5E to ASCII, U+3000 to U+0020 (chars.hpp's fold_width).
constexpr char32_t fold_for_shingles(char32_t c) noexcept {
  if (c - 0xFF01u <= 0xFF5Eu - 0xFF01u) return c - 0xFF01 + 0x21;
  return c == 0x3000 ? char32_t{0x20} : c;
}

/// kept_unit_at() past its fast paths: unicode/props.hpp's unit_at, then the fold and
/// the category bit.
inline kept_unit kept_unit_general(const unsigned char* p, std::size_t n, std::size_t i) noexcept {
  const unit u = unit_at(p, n, i);
  const char32_t c = u.value;
  const char32_t folded = fold_for_shingles(c);
  // U+FFFD is not verbatim: it may stand for an ill-formed subpart (append_utf8 writes
  // EF BF BD either way).
  return {folded, static_cast<std::uint32_t>(u.size), !removed_before_shingling(folded),
          folded == c && c != replacement_character};
}

/// Reads the unit at byte i of p[0, n) (i < n). ASCII and U+4E00..U+9FFF (lead bytes
/// E4..E9) take a few instructions; everything else goes through kept_unit_general.
inline kept_unit kept_unit_at(const unsigned char* p, std::size_t n, std::size_t i) noexcept {
  const unsigned b0 = p[i];
  if (b0 < 0x80) return {b0, 1, ascii_kept.kept[b0], true};
  if (b0 - 0xE4u < 6 && n - i >= 3 && (p[i + 1] & 0xC0u) == 0x80 && (p[i + 2] & 0xC0u) == 0x80) {
    const char32_t c = ((b0 & 0x0Fu) << 12) | ((p[i + 1] & 0x3Fu) << 6) | (p[i + 2] & 0x3Fu);
    if (c >= 0x4E00) return {c, 3, true, true};
  }
  return kept_unit_general(p, n, i);
}

/// Calls f(const kept_unit& u, std::size_t begin) for each kept unit of `text`, with
/// the byte offset where it begins.
template <class F>
void for_each_kept(std::string_view text, F&& f) {
  const unsigned char* p = bytes(text);
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n;) {
    const kept_unit u = kept_unit_at(p, n, i);
    if (u.kept) f(u, i);
    i += u.size;
  }
}

/// Writes the shingle text (the kept units, folded, as UTF-8) of a text to `out` (a
/// std::string or another basic_string of char): add() each kept unit in order, then
/// flush(). Runs of verbatim units are copied with one append each.
template <class String>
class kept_text_writer {
 public:
  kept_text_writer(String& out, std::string_view text) noexcept : out_(out), text_(text) {}
  void add(const kept_unit& u, std::size_t begin) {
    if (u.verbatim) {
      if (begin != run_end_) {
        flush();
        run_begin_ = begin;
      }
      run_end_ = begin + u.size;
      return;
    }
    flush();
    utf8::unchecked::append(static_cast<std::uint32_t>(u.value), std::back_inserter(out_));  // a valid code point
  }
  void flush() {
    if (run_end_ != run_begin_) out_.append(text_.data() + run_begin_, run_end_ - run_begin_);
    run_begin_ = run_end_ = 0;
  }

 private:
  String& out_;
  std::string_view text_;
  std::size_t run_begin_ = 0, run_end_ = 0;
};

/// P^e mod 2^64.
constexpr std::uint64_t shingle_prime_power(std::size_t e) noexcept {
  std::uint64_t r = 1;
  for (std::size_t i = 0; i < e; ++i) r *= shingle_prime;
  return r;
}

/// The key of a shingle whose raw polynomial value is `raw` and which has m code
/// points: raw ^ (m * salt). Its hash is mix64(key); MinHash mixes the seed in first.
constexpr std::uint64_t shingle_key(std::uint64_t raw, std::size_t m) noexcept {
  return raw ^ (static_cast<std::uint64_t>(m) * shingle_length_salt);
}

/// Rolls the shingle hash over a stream of kept code points: push() each one; after
/// the K-th, every push completes a window (window_ready()). With Offsets, also
/// remembers where each of the last K code points began. Small value type.
template <bool Offsets>
class basic_shingle_roller {
 public:
  explicit basic_shingle_roller(std::size_t k) noexcept : k_(k), top_(shingle_prime_power(k)) {}

  /// Adds code point c, which begins at byte `begin` of the input.
  void push(char32_t c, std::size_t begin) noexcept {
    std::uint64_t raw = raw_ * shingle_prime + c;
    if (count_ >= k_) raw -= top_ * ring_[(count_ - k_) & (max_shingle_size - 1)];
    raw_ = raw;
    ring_[count_ & (max_shingle_size - 1)] = c;
    if constexpr (Offsets) begin_[count_ & (max_shingle_size - 1)] = begin;
    ++count_;
  }
  /// True when the last push() completed a window of K code points.
  bool window_ready() const noexcept { return count_ >= k_; }
  /// Key of the window of the last K code points (precondition: window_ready()).
  std::uint64_t window_key() const noexcept { return shingle_key(raw_, k_); }
  /// Where the window's first code point began (Offsets only).
  std::size_t window_begin() const noexcept { return begin_[(count_ - k_) & (max_shingle_size - 1)]; }
  /// Code points pushed so far.
  std::size_t count() const noexcept { return count_; }
  /// The text ended with 0 < count() < K: its one shingle is all the code points.
  bool short_remainder() const noexcept { return count_ > 0 && count_ < k_; }
  /// Key of the short remainder (precondition: short_remainder()).
  std::uint64_t remainder_key() const noexcept { return shingle_key(raw_, count_); }
  /// Where the short remainder began (Offsets only).
  std::size_t remainder_begin() const noexcept { return begin_[0]; }
  std::size_t shingle_size() const noexcept { return k_; }

 private:
  std::size_t k_;
  std::uint64_t top_;  // P^K
  std::uint64_t raw_ = 0;
  std::size_t count_ = 0;
  char32_t ring_[max_shingle_size] = {};
  std::size_t begin_[Offsets ? max_shingle_size : 1] = {};
};
using shingle_roller = basic_shingle_roller<true>;

/// Calls f(std::uint64_t key, std::size_t begin, std::size_t end, std::size_t code_points)
/// for each shingle of `text` in order (repeated shingles repeatedly): every window of
/// K kept code points, or the whole kept text when it is shorter and not empty. begin
/// and end are the bytes of `text` from the first to the end of the last code point.
template <class F>
void for_each_shingle_key(std::string_view text, std::size_t k, F&& f) {
  shingle_roller roll(k);
  std::size_t last_end = 0;
  for_each_kept(text, [&](const kept_unit& u, std::size_t begin) {
    roll.push(u.value, begin);
    last_end = begin + u.size;
    if (roll.window_ready()) f(roll.window_key(), roll.window_begin(), last_end, k);
  });
  if (roll.short_remainder()) f(roll.remainder_key(), roll.remainder_begin(), last_end, roll.count());
}

/// The cursor of zhtext::shingle_range (detail/ranges/lazy_range.hpp): the shingles
/// for_each_shingle_key gives, one at a time, as `Shingle{hash, begin, end, size}`
/// (zhtext::shingle, whose hash is mix64 of the key). A view and a roller (~400 bytes):
/// copyable, so the range is a forward range. Precondition: 1 <= k <= max_shingle_size.
template <class Shingle>
class shingle_cursor {
 public:
  using value_type = Shingle;
  shingle_cursor() = default;
  shingle_cursor(std::string_view text, std::size_t k) noexcept : s_(text), roll_(k) {}

  bool next(Shingle& out) noexcept {
    const unsigned char* p = bytes(s_);
    const std::size_t n = s_.size();
    while (pos_ < n) {
      const kept_unit u = kept_unit_at(p, n, pos_);
      const std::size_t begin = pos_;
      pos_ += u.size;
      if (!u.kept) continue;
      roll_.push(u.value, begin);
      last_end_ = pos_;
      if (roll_.window_ready()) {
        out = Shingle{mix64(roll_.window_key()), roll_.window_begin(), pos_, roll_.shingle_size()};
        return true;
      }
    }
    if (remainder_done_ || !roll_.short_remainder()) return false;
    remainder_done_ = true;
    out = Shingle{mix64(roll_.remainder_key()), roll_.remainder_begin(), last_end_, roll_.count()};
    return true;
  }
  std::size_t position() const noexcept { return pos_ + (remainder_done_ ? 1 : 0); }

 private:
  std::string_view s_;
  std::size_t pos_ = 0, last_end_ = 0;
  shingle_roller roll_{1};
  bool remainder_done_ = false;
};

}  // namespace zhtext::detail
