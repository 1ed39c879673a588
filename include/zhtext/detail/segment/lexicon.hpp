// zhtext/detail/segment/lexicon.hpp - what jieba's segmentation reads (the dictionary,
// the user words, the total, the HMM, the force-split words), jieba's character
// classes, and the scratch buffers a cutting thread reuses (engine.hpp).
//
// Thread safety: a lexicon is a set of pointers to immutable data, shared by every
// thread; a cut_scratch belongs to one thread at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "../unicode/utf8_decode.hpp"
#include "dict_image.hpp"
#include "hmm_view.hpp"
#include "user_words.hpp"

namespace zhtext::detail {

/// jieba's re_han_default, ASCII part: letters, digits, + # & . _ % -.
constexpr bool is_block_ascii(unsigned c) noexcept {
  // Bit c of (lo, hi): # % & + - . 0-9 below 64; A-Z _ a-z from 64.
  constexpr std::uint64_t lo = (1ULL << '#') | (1ULL << '%') | (1ULL << '&') | (1ULL << '+') | (1ULL << '-') |
                               (1ULL << '.') | (0x3FFULL << '0');
  constexpr std::uint64_t hi = (0x3FFFFFFULL << ('A' - 64)) | (1ULL << ('_' - 64)) | (0x3FFFFFFULL << ('a' - 64));
  return c < 64 ? ((lo >> c) & 1) != 0 : c < 128 && ((hi >> (c - 64)) & 1) != 0;
}
/// jieba's Han range in re_han_default and finalseg: U+4E00..U+9FD5 (not the whole block).
constexpr bool is_jieba_han(char32_t c) noexcept { return c >= 0x4E00 && c <= 0x9FD5; }
/// jieba's re_eng: [a-zA-Z0-9].
constexpr bool is_jieba_eng(char32_t c) noexcept {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}
/// Python's \s on str (str.isspace()): jieba's re_skip_default. Unlike Unicode's
/// White_Space it includes U+001C..U+001F.
constexpr bool is_python_space(char32_t c) noexcept {
  return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

enum class engine_mode : std::uint8_t { precise, full, search };

constexpr std::uint32_t byteswap32(std::uint32_t x) noexcept {
  return (x >> 24) | ((x >> 8) & 0xFF00) | ((x << 8) & 0xFF0000) | (x << 24);
}

/// Everything segmentation reads: the dictionary, the user words over it, the total
/// (which every add_word grows) and the HMM.
struct lexicon {
  const dict_view* dict = nullptr;
  const user_words* user = nullptr;  ///< nullptr when there are none
  const hmm_view* hmm = nullptr;    ///< nullptr: no HMM available
  std::int64_t total = 0;
  double log_total = 0;
  const std::set<std::string, std::less<>>* force_split = nullptr;  ///< nullptr when empty

  /// jieba's FREQ.get(s) for the characters [a, b) of a block: the frequency, 0 for a
  /// prefix, -1 when s is not in FREQ at all.
  std::int64_t freq_of(const char32_t* cps, const std::uint32_t* labels, std::size_t n) const {
    std::int64_t f = -1;
    std::uint32_t s = 0;
    std::size_t i = 0;
    for (; i < n; ++i) {
      if (labels[i] == 0 || (s = dict->trie.child(s, labels[i])) == no_node) break;
    }
    if (i == n) f = static_cast<std::int64_t>(dict->classes[dict->freq_class_of(s)].freq);
    if (user != nullptr) {
      std::uint32_t u = 0;
      for (i = 0; i < n && u != user_words::none; ++i) u = user->child(u, cps[i]);
      if (u != user_words::none) {
        const std::int64_t uf = user->at(u).freq;
        f = uf >= 0 ? uf : (f < 0 ? 0 : f);
      }
    }
    return f;
  }

  /// jieba's FREQ.get(s) for any UTF-8 string: the frequency, 0 for a prefix of
  /// words, -1 when s is not in FREQ (the empty string never is).
  std::int64_t freq_of_string(std::string_view s) const {
    if (s.empty() || !is_valid_utf8(s)) return -1;
    std::int64_t f = -1;
    const std::uint32_t node = dict->find_node(s);
    if (node != no_node) f = static_cast<std::int64_t>(dict->classes[dict->freq_class_of(node)].freq);
    if (user != nullptr) {
      const std::uint32_t u = user->find(s);
      if (u != user_words::none) {
        const std::int64_t uf = user->at(u).freq;
        f = uf >= 0 ? uf : (f < 0 ? 0 : f);
      }
    }
    return f;
  }
};

/// Reusable buffers of one cutting thread.
struct cut_scratch {
  std::vector<char32_t> cps;
  std::vector<std::uint32_t> labels;
  std::vector<std::size_t> offs;  // byte offset of each block character, plus the end
  std::vector<double> route_val;
  std::vector<std::size_t> route_end;
  std::vector<std::uint8_t> back;  // Viterbi back pointers, 4 per character
  std::vector<std::uint8_t> states;
  std::vector<std::pair<std::size_t, double>> cands;  // DAG of one position (user-word path)
  std::vector<std::pair<std::size_t, std::size_t>> pieces;  // full mode's Latin buffer
  std::deque<std::string> glued;  // full mode's non-contiguous Latin tokens

  // The per-character arrays hold n_chars + 1 entries of the current block; they only
  // grow.
  void grow(std::size_t cap) {
    cps.resize(cap);
    labels.resize(cap);
    offs.resize(cap);
    route_val.resize(cap);
    route_end.resize(cap);
  }
};

}  // namespace zhtext::detail
