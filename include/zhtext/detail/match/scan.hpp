// zhtext/detail/match/scan.hpp - the scanning loops of the match automaton.
//
// One transition per code point. A unit of text (a valid character, or one maximal
// ill-formed subpart read as U+FFFD) is classified with at most two table loads: ASCII
// through a 128-entry table, three-byte characters (all of CJK) straight from their
// bytes, anything else through the lenient decoder. Ill-formed units get class 0 and
// send the automaton to the root, so no match spans one. The transition is one slot
// load `slots[cur + class]`; a miss falls back to the root's dense row, or, for the
// few states that were not completed at build time, to their failure chain.
//
// Three loops share that step:
//  - byte-exact (no width folding, no ignorables): a match's start is its end minus the
//    pattern's byte length;
//  - tracking (width folding or ignorables): a ring of the start offsets of the last
//    max_chars units gives the start; ignorable units leave the state unchanged;
//  - prefiltered (byte-exact, small pattern sets whose patterns all have >= 5 bytes):
//    every second byte position is tested against a bitmap of hashed 4- or 5-byte
//    windows (each pattern's windows at offsets 0 and 1), so a pattern starting at s
//    is flagged at s or s+1. The automaton runs from the root only near a flagged
//    position (from the unit holding the byte before it) and hands back to the
//    prefilter once it is at the root again past the flagged position. Matches are
//    the same as without the prefilter: no pattern starts at an unflagged position,
//    and every match in progress keeps the automaton away from the root. With AVX2
//    (detected at run time) 8 windows are hashed per step and their bitmap words
//    fetched with one gather; the portable loop tests 4 windows per step. Measured on
//    300 to 2,000 dictionary words (benchmarks/README.md): 2-4x faster than the
//    automaton alone; past 8,192 windows the bitmap fills up and is not built.
//
// All loops are resumable (a sink may ask to stop after the current unit; the state
// is kept in `match_scan_state`) and never read outside [p, end): 4- and 8-byte loads
// happen only when that many bytes remain. Matches come out ordered by end offset,
// then by start offset (longest first).
//
// Thread safety: the tables are shared read-only; each scan owns its state.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <vector>

#include "../platform/linkage.hpp"   // ZHTEXT_ALWAYS_INLINE
#include "../platform/x86_simd.hpp"  // ZHTEXT_X86_SIMD: GCC or Clang on x86, unless ZHTEXT_NO_SIMD
#include "../unicode/utf8_decode.hpp"
#include "image.hpp"

#if defined(__GNUC__) || defined(__clang__)
#define ZHTEXT_UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define ZHTEXT_UNLIKELY(x) (x)
#endif

namespace zhtext::detail {

/// Prefilter hash of a window: its first 4 bytes `v` and its fifth byte `b4` (0 for
/// 4-byte windows); the top `bits` bits of a multiplicative hash.
inline constexpr std::uint32_t match_hash_m1 = 0x9E3779B1u, match_hash_m2 = 0x85EBCA77u;
inline constexpr std::size_t match_filter_max_keys = 8192;
constexpr std::uint32_t match_filter_hash(std::uint32_t v, std::uint32_t b4, unsigned bits) noexcept {
  return (v * match_hash_m1 + b4 * match_hash_m2) >> (32 - bits);
}

/// Where a scan stands: the automaton state and what the loops need to resume.
struct match_scan_state {
  std::uint32_t cur = 0;                ///< current state (its base value)
  std::uint64_t symbols = 0;            ///< units consumed, ignorables excluded (tracking loop)
  std::vector<std::uint64_t> ring;      ///< start offsets of the last units (tracking loop)
  bool filtering = true;                ///< prefiltered loop: in the prefilter (else in the automaton)
  std::uint64_t must_pass = 0;          ///< prefiltered loop: stay in the automaton until past this offset

  explicit match_scan_state(const match_tables& t) : cur(t.params.root) {
    if (!t.byte_exact()) {
      std::size_t r = 1;
      while (r < std::size_t{t.params.max_chars} + 1) r *= 2;
      ring.assign(r, 0);
    }
  }
  /// Position in "key" space: bytes consumed (byte-exact) or units consumed (tracking).
  std::uint64_t key(const match_tables& t, std::uint64_t offset) const noexcept {
    return t.byte_exact() ? offset : symbols;
  }
};

/// Class of the unit at p (p < end) and its length in bytes.
ZHTEXT_ALWAYS_INLINE std::uint32_t match_classify(const match_tables& t, const unsigned char* p, const unsigned char* end,
                                    unsigned& len) noexcept {
  if (end - p >= 4) {
    const std::uint32_t w = load_u32(p);  // little-endian: byte 0 in the low bits
    const std::uint32_t b0 = w & 0xFF;
    if (b0 < 0x80) {
      len = 1;
      return t.ascii[b0];
    }
    // E0..EF followed by two continuation bytes. Overlong (E0 80..9F) forms land in
    // the empty index3 entries below U+0800 and surrogates (ED A0..BF) in empty
    // blocks: class 0, like the ill-formed subparts they consist of.
    if ((w & 0xC0C0F0u) == 0x8080E0u) {
      len = 3;
      return t.blocks[t.index3[((w & 0x0F) << 6) | ((w >> 8) & 0x3F)] + ((w >> 16) & 0x3F)];
    }
  }
  const decoded d = decode_at(p, end);
  len = d.size;
  return d.error == utf8_errc::ok ? t.class_of(d.value) : 0;
}

/// Transition for a state that is not completed: walk its failure chain.
inline std::uint32_t match_follow(const match_tables& t, std::uint32_t cur, std::uint32_t c) noexcept {
  const std::uint32_t root = t.params.root;
  for (std::uint32_t x = t.fail[cur];; x = t.fail[x]) {
    if (x == root) return t.root_next[c];
    const match_slot s = t.slots[x + c];
    if (s.check == x) return s.next;
    if ((t.flags[x] & state_fail_chain) == 0) return t.root_next[c];
  }
}

/// Reports every pattern that ends in state `cur` (own, then the dictionary-suffix
/// chain: longest first). Returns false if `emit` asked to stop.
template <bool kTrack, class Emit>
inline bool match_report(const match_tables& t, const match_scan_state& st, std::uint32_t cur, std::uint64_t end,
                         Emit& emit) {
  std::uint32_t x = t.own[cur] != match_none ? cur : t.dict[cur];
  bool go_on = true;
  for (; x != match_none; x = t.dict[x]) {
    const std::uint32_t pat = t.own[x];
    const match_pattern& q = t.patterns[pat];
    // A valid image never reports a pattern longer than what was read; the min()
    // keeps a damaged one that passed validation from producing begin > end.
    if constexpr (kTrack) {
      const std::uint64_t first = st.symbols - q.chars;
      go_on &= emit(pat, std::min(st.ring[first & (st.ring.size() - 1)], end), end, first, st.symbols);
    } else {
      const std::uint64_t begin = end - std::min<std::uint64_t>(q.bytes, end);
      go_on &= emit(pat, begin, end, begin, end);
    }
  }
  return go_on;
}

/// The automaton loop over [p, end). `buf` has stream offset `origin`. Returns where it
/// stopped: end, after a unit whose outputs asked to stop (`stopped` set), or (kHybrid)
/// at the root past st.must_pass (st.filtering set).
template <bool kTrack, bool kHybrid, class Emit>
inline const unsigned char* match_automaton_loop(const match_tables& t, match_scan_state& st,
                                                 const unsigned char* buf, const unsigned char* p,
                                                 const unsigned char* end, std::uint64_t origin, Emit& emit,
                                                 bool& stopped) {
  const std::uint32_t root = t.params.root, ign = t.params.ignorable_class;
  const match_slot* slots = t.slots;
  const std::uint8_t* flags = t.flags;
  const std::uint32_t* root_next = t.root_next;
  std::uint32_t cur = st.cur;
  std::uint8_t flg = flags[cur];
  while (p < end) {
    unsigned len;
    const std::uint32_t c = match_classify(t, p, end, len);
    if constexpr (kTrack) {
      if (c == ign) {
        p += len;
        continue;
      }
      st.ring[st.symbols & (st.ring.size() - 1)] = origin + static_cast<std::uint64_t>(p - buf);
      ++st.symbols;
    }
    p += len;
    const match_slot s = slots[cur + c];
    const bool hit = s.check == cur;
    if (ZHTEXT_UNLIKELY(!hit && (flg & state_fail_chain) != 0)) cur = match_follow(t, cur, c);
    else cur = hit ? s.next : root_next[c];
    flg = flags[cur];
    if (ZHTEXT_UNLIKELY((flg & state_output) != 0)) {
      if (!match_report<kTrack>(t, st, cur, origin + static_cast<std::uint64_t>(p - buf), emit)) {
        stopped = true;
        break;
      }
    }
    if constexpr (kHybrid) {
      if (cur == root && origin + static_cast<std::uint64_t>(p - buf) > st.must_pass) {
        st.filtering = true;
        break;
      }
    }
  }
  st.cur = cur;
  return p;
}

/// The prefilter may use AVX2 when the CPU has it (checked once at run time). Tests
/// and benchmarks turn this off to exercise the portable path.
inline std::atomic<bool> match_simd_enabled{true};

inline bool match_use_avx2() noexcept {
#ifdef ZHTEXT_X86_SIMD
  static const bool has = __builtin_cpu_supports("avx2") != 0;
  return has && match_simd_enabled.load(std::memory_order_relaxed);
#else
  return false;
#endif
}

#ifdef ZHTEXT_X86_SIMD
/// AVX2 prefilter: 8 windows (every second byte of 16) per step, bitmap words
/// fetched with one gather. Returns the start of the first 16-byte block with a
/// flagged window, or where fewer than 24 bytes remain. Same hash as the scalar path.
__attribute__((target("avx2"))) inline const unsigned char* match_prefilter_avx2(
    const std::uint32_t* bits, unsigned filter_bits, std::uint32_t m2, const unsigned char* q,
    const unsigned char* end) noexcept {
  const simd::m256 k1 = simd::splat32_u32(match_hash_m1);
  const simd::m256 k2 = simd::splat32_u32(m2);
  const simd::m256 low5 = simd::splat32_u32(31), one = simd::splat32_u32(1);
  // Per 128-bit lane (bytes q..q+15, then q+8..q+23): windows at 0, 2, 4, 6.
  const simd::m256 first4 = (simd::m256)simd::u8x32{0, 1, 2, 3, 2, 3, 4, 5, 4, 5, 6, 7, 6, 7, 8, 9,  //
                                                    0, 1, 2, 3, 2, 3, 4, 5, 4, 5, 6, 7, 6, 7, 8, 9};
  const simd::m256 fifth = (simd::m256)simd::u8x32{4, 0xFF, 0xFF, 0xFF, 6, 0xFF, 0xFF, 0xFF, 8, 0xFF, 0xFF, 0xFF,
                                                   10, 0xFF, 0xFF, 0xFF,  //
                                                   4, 0xFF, 0xFF, 0xFF, 6, 0xFF, 0xFF, 0xFF, 8, 0xFF, 0xFF, 0xFF,
                                                   10, 0xFF, 0xFF, 0xFF};
  const unsigned drop = 32 - filter_bits;
  for (; end - q >= 24; q += 16) {
    const simd::m256 x = simd::load16x2(q, q + 8);
    const simd::m256 v = simd::lookup32(x, first4), b = simd::lookup32(x, fifth);
    const simd::m256 h = simd::shift_right32(simd::add32(simd::mul32(v, k1), simd::mul32(b, k2)), drop);
    const simd::m256 w = simd::gather32(bits, simd::shift_right32<5>(h));
    const simd::m256 hit = simd::shift_right_lanes32(w, h & low5) & one;
    if (!simd::none32(hit, hit)) break;
  }
  return q;
}
#endif

/// First position q' >= q, q' - q even, whose window is flagged, or the first one
/// with fewer than 8 bytes left.
inline const unsigned char* match_prefilter(const match_tables& t, const unsigned char* q,
                                            const unsigned char* end) noexcept {
  const unsigned bits_log = t.params.filter_bits;
  const std::uint32_t m2 = t.params.filter_window == 5 ? match_hash_m2 : 0;
  const std::uint32_t* bits = t.filter;
#ifdef ZHTEXT_X86_SIMD
  if (match_use_avx2()) q = match_prefilter_avx2(bits, bits_log, m2, q, end);
#endif
  auto flagged = [&](const unsigned char* w) {
    const std::uint32_t h = (load_u32(w) * match_hash_m1 + std::uint32_t{w[4]} * m2) >> (32 - bits_log);
    return (bits[h >> 5] >> (h & 31)) & 1;
  };
  for (; end - q >= 14; q += 8)
    if ((flagged(q) | flagged(q + 2) | flagged(q + 4) | flagged(q + 6)) != 0) break;
  for (; end - q >= 8; q += 2)
    if (flagged(q) != 0) break;
  return q;
}

/// Scans [p, end) of `buf` (stream offset `origin`), calling
/// `emit(pattern, begin, end, begin_key, end_key) -> bool` for every match (false:
/// stop after the current unit). Returns where it stopped (end when not stopped).
/// [p, end) must start at a unit boundary and end at one (or at the end of the text).
template <class Emit>
inline const unsigned char* match_scan(const match_tables& t, match_scan_state& st, const unsigned char* buf,
                                       const unsigned char* p, const unsigned char* end, std::uint64_t origin,
                                       Emit& emit) {
  bool stopped = false;
  if (!t.byte_exact()) return match_automaton_loop<true, false>(t, st, buf, p, end, origin, emit, stopped);
  if (t.filter == nullptr) return match_automaton_loop<false, false>(t, st, buf, p, end, origin, emit, stopped);
  while (p < end) {
    if (st.filtering) {
      // No pattern starts in [p, q - 1): the automaton restarts at the root at the
      // unit holding q - 1 (found by skipping back over continuation bytes; a stray
      // run of them just reads as ill-formed units, as it would anyway).
      const unsigned char* q = match_prefilter(t, p, end);
      st.must_pass = origin + static_cast<std::uint64_t>(q - buf);
      const unsigned char* j = q > p ? q - 1 : p;
      for (int back = 0; back < 3 && j > p && (*j & 0xC0) == 0x80; ++back) --j;
      p = j;
      st.cur = t.params.root;
      st.filtering = false;
    }
    p = match_automaton_loop<false, true>(t, st, buf, p, end, origin, emit, stopped);
    if (stopped) break;
  }
  return p;
}

}  // namespace zhtext::detail
