// zhtext/detail/dedup/minhash.hpp - MinHash signatures by one-permutation hashing with
// optimal densification, LSH band keys, and the choice of bands x rows.
//
// Signature (n slots, seed s; every step plain 64-bit integer arithmetic, so the same
// on every machine, compiler and run):
//   seed_key      = mix64(s + 0x243F6A8885A308D3)
//   v(shingle)    = mix64(key ^ seed_key)        (key: shingles.hpp, raw ^ m * salt)
//   bin(x)        = ((x >> 32) * n) >> 32                           (0 <= bin < n)
//   slot[i]       = min v over the shingles with bin(v) == i        ("one permutation";
//                   Li, Owen, Zhang, "One Permutation Hashing", NIPS 2012)
// A slot whose bin is empty takes the value of the first non-empty bin in its own
// order of the bins, a permutation pi_i of 0..n-1 made by Fisher-Yates from
// pi_i = identity: for t = 1 .. n-1, swap(pi_i[n-t], pi_i[bin'(x_t)]) with
// x_t = mix64(seed_key ^ (i << 32 | t)) and bin'(x) = ((x >> 32) * (n-t+1)) >> 32.
// This is optimal densification (A. Shrivastava, "Optimal Densification for Fast and
// Accurate Minwise Hashing", ICML 2017) with each slot's probe sequence a permutation:
// for any two sets A and B the first bin of pi_i that is non-empty for A u B is
// uniform among those bins and independent between slots, so every slot agrees with
// probability exactly J(A, B), as n independent hash functions would, at the cost of
// one hash per shingle instead of n. The first non-empty bin is found by walking pi_i
// (about n / m steps for m non-empty bins) or, when m is small, as the non-empty bin of
// least rank in pi_i (m steps): the same bin either way, at most ~sqrt(n) steps a slot.
// A text without shingles has every slot at the sentinel UINT64_MAX and no band keys.
//
// Bands: slots [j*r, j*r + r) form band j (b bands; slots past b*r are unused);
//   k = seed_key + j; for each slot value v of the band: k = rotl64(k ^ v, 29) * C
//   (C = 0x9E3779B97F4A7C15); key_j = mix64(k) >> 32 (32 bits).
// Two documents are candidates when some band key agrees: for similarity J that
// happens with probability 1 - (1 - J^r)^b (plus a 2^-32 chance per band that two
// different bands' values share a key: a spare candidate, removed by verification).
// choose_banding() picks the largest r (fewest false candidates) with b = floor(n/r)
// that keeps this >= 0.999 at the threshold.
//
// The same bins can be found for all slots at once: the non-empty bin of least rank
// in pi_i is the minimum over the non-empty bins b of (rank of b in pi_i) << 8 | b, a
// table row per bin, n slots of 16 bits (n <= 128): m rows of branch-free vector minimums. Short
// texts (m well below n: a 180-byte line fills ~45 of 128 bins) take that path; the
// walk's hard-to-predict branches cost more there.
//
// Cost: signing is O(shingles + n sqrt(n)) at worst (O(shingles + n) for texts with
// many shingles); band keys are n multiply-rotates and b mix64. Tables: 3 n^2 uint16
// (96 KB for n = 128; 2 n^2 above n = 128), made once per minhasher. A minhasher is immutable after
// construction: share it between threads; signing uses the caller's scratch.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "../platform/math.hpp"
#include "../storage/checksum.hpp"

namespace zhtext::detail {

inline constexpr std::uint64_t minhash_empty_slot = ~std::uint64_t{0};
inline constexpr std::size_t minhash_max_hashes = 1024;

constexpr std::uint64_t minhash_seed_key(std::uint64_t seed) noexcept { return mix64(seed + 0x243F6A8885A308D3ULL); }

/// P[candidate] = 1 - (1 - s^rows)^bands for a pair of similarity s.
inline double lsh_probability(double s, std::size_t bands, std::size_t rows) noexcept {
  if (bands == 0 || rows == 0) return 0;
  return 1 - power(1 - power(s, static_cast<double>(rows)), static_cast<double>(bands));
}

struct banding {
  std::size_t bands = 0, rows = 0;
};

/// The largest r such that b = floor(hashes / r) bands of r rows make a pair of
/// similarity `threshold` a candidate with probability >= `target`; r = 1 (b = hashes)
/// when none does.
inline banding choose_banding(double threshold, std::size_t hashes, double target = 0.999) noexcept {
  for (std::size_t r = hashes; r >= 1; --r) {
    const std::size_t b = hashes / r;
    if (lsh_probability(threshold, b, r) >= target) return {b, r};
  }
  return {hashes, 1};
}

/// Scratch for signing: the signature, which bins the current text filled (a bit per
/// bin) and their list (made by finish()).
struct minhash_scratch {
  std::vector<std::uint64_t> sig;
  std::vector<std::uint64_t> filled;  // bit b of word b / 64: bin b has a shingle
  std::vector<std::uint16_t> nonempty;
};

class minhasher {
 public:
  /// hashes in 1..minhash_max_hashes.
  minhasher(std::size_t hashes, std::uint64_t seed)
      : n_(hashes), seed_key_(minhash_seed_key(seed)), order_(n_ * n_), rank_(n_ * n_), head_(n_ * head_size),
        by_bin_stride_((n_ + by_bin_block - 1) / by_bin_block * by_bin_block),
        by_bin_(n_ <= 128 ? n_ * by_bin_stride_ : 0, std::int16_t{0x7FFF}) {
    for (std::size_t i = 0; i < n_; ++i) {
      std::uint16_t* pi = &order_[i * n_];
      for (std::size_t b = 0; b < n_; ++b) pi[b] = static_cast<std::uint16_t>(b);
      for (std::size_t t = 1; t < n_; ++t) {
        const std::uint64_t x = mix64(seed_key_ ^ ((static_cast<std::uint64_t>(i) << 32) | t));
        const std::size_t top = n_ - t;
        std::swap(pi[top], pi[static_cast<std::size_t>(((x >> 32) * (top + 1)) >> 32)]);
      }
      for (std::size_t r = 0; r < n_; ++r) rank_[i * n_ + pi[r]] = static_cast<std::uint16_t>(r);
      for (std::size_t r = 0; r < head_size; ++r) head_[i * head_size + r] = pi[r % n_];
    }
    if (!by_bin_.empty())
      for (std::size_t b = 0; b < n_; ++b)
        for (std::size_t i = 0; i < n_; ++i) by_bin_[b * by_bin_stride_ + i] = static_cast<std::int16_t>(rank_[i * n_ + b] << 8 | b);
  }

  std::size_t size() const noexcept { return n_; }
  std::uint64_t seed_key() const noexcept { return seed_key_; }
  std::size_t bin_of(std::uint64_t v) const noexcept { return static_cast<std::size_t>(((v >> 32) * n_) >> 32); }
  std::uint64_t value_of(std::uint64_t shingle_key) const noexcept { return mix64(shingle_key ^ seed_key_); }
  /// Slot i's order of the bins (n entries).
  const std::uint16_t* order(std::size_t i) const noexcept { return &order_[i * n_]; }

  /// Starts a signature in `s` (n slots).
  void begin(minhash_scratch& s) const {
    if (s.sig.size() != n_ || s.filled.size() != (n_ + 63) / 64) {  // new scratch, or another n
      s.sig.resize(n_);
      s.filled.resize((n_ + 63) / 64);
    }
    std::fill(s.sig.begin(), s.sig.end(), minhash_empty_slot);
    std::fill(s.filled.begin(), s.filled.end(), 0);
  }
  /// Adds the shingle with key `shingle_key` (shingles.hpp) to a signature begun with
  /// begin(). Branch-free: whether a bin is new is unpredictable.
  void add(minhash_scratch& s, std::uint64_t shingle_key) const {
    const std::uint64_t v = value_of(shingle_key);
    const std::size_t b = bin_of(v);
    s.filled[b >> 6] |= std::uint64_t{1} << (b & 63);
    s.sig[b] = std::min(s.sig[b], v);
  }

  /// How finish() finds each empty slot's bin (the same bin every way; tests compare them).
  enum class search { cheapest, walk, least_rank, all_slots };

  /// Fills the empty slots (densification): s.sig is then the signature. Returns false
  /// if no shingle was added (the signature is then all sentinels). `how`: cheapest
  /// chooses; walk / least_rank / all_slots force the walk along pi_i, the least-rank
  /// search per empty slot, or the least rank for every slot at once (n <= 128).
  bool finish(minhash_scratch& s, search how = search::cheapest) const {
    std::uint64_t* sig = s.sig.data();
    const std::uint64_t* filled = s.filled.data();
    s.nonempty.clear();
    for (std::size_t w = 0; w < s.filled.size(); ++w)
      for (std::uint64_t bits = filled[w]; bits != 0; bits &= bits - 1)
        s.nonempty.push_back(static_cast<std::uint16_t>(w * 64 + static_cast<std::size_t>(__builtin_ctzll(bits))));
    const std::size_t m = s.nonempty.size();
    if (m == 0) {
      std::fill(s.sig.begin(), s.sig.end(), minhash_empty_slot);
      return false;
    }
    if (m == n_) return true;
    if (how == search::cheapest) {
      // The walk takes about n / m steps per empty slot, each a hard-to-predict
      // branch; all_slots takes m branch-free passes of n / 8 vector minimums.
      how = m * m < n_ ? search::least_rank : (!by_bin_.empty() && 4 * (n_ - m) > m) ? search::all_slots : search::walk;
    }
    if (how == search::all_slots && !by_bin_.empty()) {
      least_rank_bins(s);
      return true;
    }
    const bool rank_search = how == search::least_rank;
    for (std::size_t w = 0; w * 64 < n_; ++w) {
      std::uint64_t empty = ~filled[w];
      if (n_ - w * 64 < 64) empty &= (std::uint64_t{1} << (n_ - w * 64)) - 1;
      for (; empty != 0; empty &= empty - 1) {
        const std::size_t i = w * 64 + static_cast<std::size_t>(__builtin_ctzll(empty));
        std::size_t bin;
        if (rank_search) {
          const std::uint16_t* rank = &rank_[i * n_];
          bin = s.nonempty[0];
          for (std::size_t k = 1; k < m; ++k)
            if (rank[s.nonempty[k]] < rank[bin]) bin = s.nonempty[k];
        } else {  // the first 16 bins of pi_i from a small table (L1), the rest from pi_i
          auto is_filled = [&](std::size_t b) { return ((filled[b >> 6] >> (b & 63)) & 1) != 0; };
          const std::uint16_t* head = &head_[i * head_size];
          std::size_t r = 0;
          while (r < head_size && !is_filled(head[r])) ++r;
          if (r < head_size) {
            bin = head[r];
          } else {
            const std::uint16_t* pi = &order_[i * n_];
            r = head_size < n_ ? head_size : 0;
            while (!is_filled(pi[r])) ++r;  // m >= 1 bins are filled: ends within n steps
            bin = pi[r];
          }
        }
        sig[i] = sig[bin];
      }
    }
    return true;
  }

  /// For every slot i at once, the non-empty bin of least rank in pi_i: the minimum,
  /// over the non-empty bins b, of by_bin_[b][i] = rank << 8 | b (n <= 128: below
  /// 2^15), in blocks of 64 slots whose minimums stay in eight vector registers (GCC
  /// and Clang vector extensions; a plain loop elsewhere); then empty slots copy it.
  void least_rank_bins(minhash_scratch& s) const {
    std::uint64_t* sig = s.sig.data();
    const std::uint64_t* filled = s.filled.data();
    for (std::size_t first = 0; first < n_; first += by_bin_block) {
      std::int16_t least[by_bin_block];
#if defined(__GNUC__)
      constexpr std::size_t lanes = 8, vectors = by_bin_block / lanes;
      typedef std::int16_t i16x8 __attribute__((vector_size(16)));
      i16x8 v[vectors];
      for (std::size_t k = 0; k < vectors; ++k) v[k] = i16x8{} + std::int16_t{0x7FFF};
      for (const std::uint16_t b : s.nonempty) {
        const std::int16_t* row = &by_bin_[b * by_bin_stride_ + first];
        for (std::size_t k = 0; k < vectors; ++k) {
          i16x8 r;
          std::memcpy(&r, row + k * lanes, sizeof r);
          v[k] = r < v[k] ? r : v[k];
        }
      }
      std::memcpy(least, v, sizeof least);
#else
      for (std::size_t i = 0; i < by_bin_block; ++i) least[i] = 0x7FFF;
      for (const std::uint16_t b : s.nonempty) {
        const std::int16_t* row = &by_bin_[b * by_bin_stride_ + first];
        for (std::size_t i = 0; i < by_bin_block; ++i) least[i] = std::min(least[i], row[i]);
      }
#endif
      const std::size_t len = std::min(by_bin_block, n_ - first);
      for (std::size_t i = 0; i < len; ++i) {  // branch-free: which slots are empty is random
        const std::size_t slot = first + i;
        const std::size_t empty = ((filled[slot >> 6] >> (slot & 63)) & 1) ^ 1;
        const std::size_t mask = std::size_t{0} - empty;  // all ones for an empty slot
        // a filled slot copies itself; an empty one its bin (non-empty: never written here)
        sig[slot] = sig[(slot & ~mask) | (static_cast<std::size_t>(least[i] & 0xFF) & mask)];
      }
    }
  }

  /// The b band keys of a finished signature, written to out[0..b).
  void band_keys(const std::uint64_t* sig, banding bd, std::uint32_t* out) const noexcept {
    for (std::size_t j = 0; j < bd.bands; ++j) {
      std::uint64_t k = seed_key_ + j;
      for (std::size_t r = 0; r < bd.rows; ++r) k = rotl64(k ^ sig[j * bd.rows + r], 29) * 0x9E3779B97F4A7C15ULL;
      out[j] = static_cast<std::uint32_t>(mix64(k) >> 32);
    }
  }

 private:
  std::size_t n_;
  std::uint64_t seed_key_;
  std::vector<std::uint16_t> order_;  // pi_i, slot-major
  std::vector<std::uint16_t> rank_;   // rank_[i * n + b]: position of bin b in pi_i
  std::vector<std::uint16_t> head_;   // the first head_size bins of each pi_i (repeating pi_i if n is smaller)
  static constexpr std::size_t by_bin_block = 64;
  std::size_t by_bin_stride_;         // n rounded up to a block (the rows' padding holds 0x7FFF)
  std::vector<std::int16_t> by_bin_;  // n <= 128: by_bin_[b * stride + i] = rank of bin b in pi_i << 8 | b
  static constexpr std::size_t head_size = 16;
};

}  // namespace zhtext::detail
