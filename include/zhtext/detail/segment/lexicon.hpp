// zhtext/detail/segment/lexicon.hpp - what jieba's segmentation reads (the dictionary,
// the user words, the total, the HMM, the force-split words), jieba's character
// classes, word ids, and the scratch buffers a cutting thread reuses (engine.hpp).
//
// Word ids (zhtext::word_id, word_id.hpp): the id of a string is a function of the
// string and the segmenter it was cut with, injective, stable for the segmenter's life:
//  - a dictionary entry (a string the main dictionary lists, with any frequency) has
//    the index of its trie node, below dict->trie.size;
//  - else a user entry (added by add_word & co., deleted ones included) has
//    dict->trie.size + its user_words node (user nodes are only ever appended);
//  - anything else (a prefix of words only, an unknown word) has none (no_word).
// So counting by id where there is one and by string where there is none never splits
// a word in two.
//
// Thread safety: a lexicon is a set of pointers to immutable data, shared by every
// thread; a cut_scratch belongs to one thread at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
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

/// The word id of no word (zhtext::word_id::none).
inline constexpr std::uint32_t no_word = 0xFFFFFFFFu;

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

  /// The word id (see the top of this file) of the characters [0, n) of a block, n > 0.
  std::uint32_t id_of(const char32_t* cps, const std::uint32_t* labels, std::size_t n) const {
    // The walk of block_route (engine.hpp): a label of 0 matches no cell.
    const da_unit* units = dict->trie.units;
    const std::uint64_t size = dict->trie.size;
    std::uint64_t s = 0, base = units[0].base;
    std::size_t i = 0;
    for (; i < n; ++i) {
      const std::uint64_t t = base + labels[i];
      if (t >= size || units[t].check != s) break;
      s = t;
      base = units[t].base;
    }
    if (i == n && (units[s].value & (dict->n_classes - 1)) != 0) return static_cast<std::uint32_t>(s);
    if (user == nullptr) return no_word;
    std::uint32_t u = 0;
    for (i = 0; i < n && u != user_words::none; ++i) u = user->child(u, cps[i]);
    return user_id(u);
  }

  /// The word id of the one-character string cp.
  std::uint32_t id_of_char(char32_t cp) const {
    const std::uint32_t l = dict->label(cp);
    const std::uint32_t s = l != 0 ? dict->trie.child(0, l) : no_node;
    if (s != no_node && dict->freq_class_of(s) != 0) return s;
    if (user == nullptr || !user->may_start(cp)) return no_word;
    return user_id(user->child(0, cp));
  }

  /// The word id of any string (none for the empty string and ill-formed UTF-8).
  std::uint32_t id_of_string(std::string_view s) const {
    if (s.empty()) return no_word;
    const std::uint32_t node = dict->find_node(s);
    if (node != no_node && dict->freq_class_of(node) != 0) return node;
    if (user == nullptr || !is_valid_utf8(s)) return no_word;
    return user_id(user->find(s));
  }

  /// Every word id is below this (it grows as user words are added).
  std::uint32_t id_bound() const noexcept {
    const std::uint64_t n = std::uint64_t{dict->trie.size} + (user != nullptr ? user->nodes() : 0u);
    return n < no_word ? static_cast<std::uint32_t>(n) : no_word;
  }

 private:
  // The id of user node u when it is an entry (none past the id space: 2^32 - 1 ids).
  std::uint32_t user_id(std::uint32_t u) const noexcept {
    if (u == user_words::none || user->at(u).freq < 0) return no_word;
    const std::uint64_t id = std::uint64_t{dict->trie.size} + u;
    return id < no_word ? static_cast<std::uint32_t>(id) : no_word;
  }
};

/// Reusable buffers of one cutting thread.
struct cut_scratch {
  std::vector<char32_t> cps;
  std::vector<std::uint32_t> labels;
  std::vector<std::size_t> offs;  // byte offset of each block character, plus the end
  std::vector<double> route_val;
  std::vector<std::size_t> route_end;
  std::vector<std::uint32_t> route_id;  // the word id of the route's word at k, when asked for
  // A long block's route: the length of the word at each character, 4 bits (15: longer),
  // kept only for the pieces of the block that hold a word of two or more characters:
  // route_piece[i] is 0 for a piece of single-character words, else 1 + its number in
  // route_len.
  std::vector<std::uint8_t> route_len;
  std::vector<std::uint32_t> route_piece;
  std::vector<std::pair<std::size_t, std::size_t>> route_longer;  // (character, length) of its words of 15 or more
  std::vector<std::uint8_t> back;  // finalseg's Viterbi: back pointers, then states, 1 byte per character
  std::vector<std::pair<std::size_t, double>> cands;  // DAG of one position (user-word path)
  // Full mode's cut of the current block (word_policy::cut_full), which goes on from one
  // window of its characters to the next: the byte end of the last word emitted (jieba's
  // old_j), and the Latin buffer: its bytes [latin_b, latin_e) while its pieces are
  // contiguous, else the pieces glued in latin_glued (never longer than the block).
  std::size_t full_end = 0;
  bool full_eng = false;
  std::size_t latin_b = 0, latin_e = 0;
  std::string latin_glued;
  std::deque<std::string> glued;  // full mode's non-contiguous Latin tokens

  // The per-character arrays hold n_chars + 1 entries of the current block; they only
  // grow.
  void grow(std::size_t cap) {
    cps.resize(cap);
    labels.resize(cap);
    offs.resize(cap);
    route_val.resize(cap);
    route_end.resize(cap);
    route_id.resize(cap);
  }
};

}  // namespace zhtext::detail
