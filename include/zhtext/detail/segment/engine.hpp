// zhtext/detail/segment/engine.hpp - the one cutter behind jieba 0.42.1's segmentation
// (jieba.cut) and POS tagging (jieba.posseg.cut), written for speed.
//
// The rules are jieba's (jieba/__init__.py, jieba/posseg/__init__.py); this file and
// its two policies re-derive them and mark where a quirk is kept on purpose ("jieba:").
//
// 1. The input is split into units. A block is a maximal run of Chinese/Latin
//    characters: U+4E00..U+9FD5 and the policy's ASCII characters (re_han_default:
//    letters, digits, + # & . _ % -; posseg's re_han_internal: the same without % and -).
//    Everything else forms the runs in between, which the policy cuts (precise and
//    search mode, posseg: each character is one token, except "\r\n", which is one -
//    re_skip = (\r\n|\s); full mode: pieces between white space). Ill-formed UTF-8 is one
//    character per maximal subpart, neither a block character nor space: exactly what
//    jieba does with the U+FFFD it would read.
// 2. A block: the DAG (every dictionary word with frequency > 0 starting at each
//    character, else the character alone) and, from the right, the route of maximal sum
//    of log(freq) - log(total), ties going to the longer word (jieba compares
//    (probability, end) tuples). Then, without HMM, consecutive single ASCII letters and
//    digits are glued into one token (the policy's latin_run). With HMM, consecutive
//    single characters are buffered; a buffer of one character is a word, a buffer that
//    is itself a word with frequency > 0 is cut into characters (jieba's odd but real
//    rule), anything else is an unknown run the policy cuts (finalseg's BMES Viterbi, or
//    posseg's __cut_detail with its (position, tag) Viterbi).
// 3. The policy emits each word (plain, with search mode's sub-words first, or tagged),
//    and may cut a whole block itself (full mode).
//
// The policy interface (word_policy.hpp, pos_policy.hpp), each a member template taking
// the cutter `c`:
//   static constexpr bool block_ascii(unsigned c)  ASCII characters that belong to blocks
//   bool has_hmm(const lexicon&)  whether unknown() can run (else the cut is HMM=False)
//   bool cuts_whole_blocks()   whether whole_block() cuts blocks (else: route + walk)
//   size_t whole_block(c, to, start, last)  cut the characters [0, to) of the block in c
//                              itself (full mode), a window of it (see cutter::cut_whole);
//                              returns where it stopped
//   void word(c, a, b, id)     a word [a, b) of the block found by the route (or a
//                              character of a buffer); id: its word id when asked for
//   void latin_run(c, b, e)    without HMM: single ASCII letters/digits glued, the
//                              input bytes [b, e) (one byte a character)
//   void unknown(c, a, b)      with HMM: a buffer of single characters that is no word
//   void unknown_ascii(c, b, e)  what unknown() does with the input bytes [b, e), a
//                              run of the block's ASCII characters in such a buffer
//   static constexpr bool streams_han; void unknown_han(c, b, e)  when streams_han:
//                              what unknown() does with the input bytes [b, e), a
//                              long run of Han characters in such a buffer
//   std::size_t between(c, pos)  the run of other characters at pos; returns its end
// and emits through c.emit(byte b, byte e, id, tag) and friends.
//
// Word ids (lexicon.hpp) are computed only when the cutter is asked for them (the
// `Ids` parameter): the route's words get theirs from the route's own trie walk, other
// tokens from a walk over their labels. id_mode::long_words emits only the tokens of
// two or more characters, with their ids: what keyword extraction counts (jieba's
// filter drops every single character).
//
// Cost: O(n * longest word) trie steps, O(unknown run) for the Viterbi, no allocation
// per token. Memory: the scratch vectors grow to the longest block of up to 32768
// characters and are reused; a longer block (cutter::long_block) costs half a byte per
// character of its pieces of 4096 characters that hold a word of two or more
// characters (nothing for the others: a line of digits, '.' and '%') plus the arrays
// of a window (the characters up to the next word of two or more characters after
// 32768 of them; a run of more than 36864 single-character words is cut piece by
// piece, see cutter::long_run, except its runs of Han characters with HMM, which the
// Viterbi takes whole: finalseg's with 1 byte a character, posseg's from checkpoints,
// ~1.3 bytes a character), unless a dictionary word of more than 4096 characters
// matches it: that block is held whole. A policy that cuts blocks itself (full mode)
// holds a window of 32768 characters and the 4096 after it (cutter::cut_whole).
// Thread safety: a cutter uses one cut_scratch; the lexicon it reads is immutable.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "../platform/linkage.hpp"
#include "../unicode/utf8_decode.hpp"
#include "lexicon.hpp"

namespace zhtext::detail {

/// Which tokens the cutter emits and with which word ids: every token without ids (each
/// gets no_word), every token with its id, or only the tokens of two or more characters,
/// with their ids.
enum class id_mode : std::uint8_t { none, all, long_words };

// route_id's mark for a word whose id the route did not see (computed when emitted).
inline constexpr std::uint32_t pending_id = 0xFFFFFFFEu;

/// A token as the cutter hands it to its sink: the text (a view of the input, or of a
/// scratch buffer for full mode's glued Latin pieces), the byte offset where it starts
/// and the end of the input it was cut from, its word id (no_word unless asked for) and
/// its POS tag (empty for segmentation).
struct cut_piece {
  std::string_view text;
  std::size_t offset;
  std::size_t end;
  std::uint32_t id;
  std::string_view tag;
};

/// The code point of the 3-byte UTF-8 sequence at q (a Han character of a block, whose
/// bytes were checked when the block was found).
inline char32_t han_at(const unsigned char* q) noexcept {
  return static_cast<char32_t>(((q[0] & 0x0Fu) << 12) | ((q[1] & 0x3Fu) << 6) | (q[2] & 0x3Fu));
}

/// Splits the characters [a, b) into maximal runs of Han characters (U+4E00..U+9FD5,
/// which go to a policy's Viterbi) and runs of other characters, in order: calls
/// han(i, j) or other(i, j) for each run [i, j). (finalseg.cut and posseg's __cut_detail
/// both split by re_han first.)
template <class Han, class Other>
void split_han_runs(const char32_t* cps, std::size_t a, std::size_t b, Han&& han, Other&& other) {
  for (std::size_t i = a; i < b;) {
    const bool is_han = is_jieba_han(cps[i]);
    std::size_t j = i + 1;
    while (j < b && is_jieba_han(cps[j]) == is_han) ++j;
    if (is_han) han(i, j);
    else other(i, j);
    i = j;
  }
}

// The dictionary's words that start at character k of the block in `sc` (n_chars
// characters): calls f(j, log_freq) for each word [k, j] with freq > 0, in increasing
// j; returns where the trie walk stopped (n_chars: it still matched at the last
// character, and the characters after n_chars, if any, might make longer words).
template <class F>
std::size_t dict_words(const dict_view& d, const cut_scratch& sc, std::size_t n_chars, std::size_t k, F&& f) {
  const std::uint32_t* labels = sc.labels.data();
  std::uint32_t s = 0;
  std::size_t j = k;
  for (; j < n_chars; ++j) {
    const std::uint32_t c = labels[j];
    if (c == 0 || (s = d.trie.child(s, c)) == no_node) break;
    const std::uint32_t cls = d.freq_class_of(s);
    if (cls >= 2) f(j, d.classes[cls].log_freq);
  }
  return j;
}

// The DAG of position k of the block in `sc` (n_chars characters): calls f(j,
// log_freq) for each word [k, j] with freq > 0, in increasing j. Returns whether there
// was any. Sets *ran_off when a trie walk reached the last character still matching
// (the characters after n_chars, if any, might make longer words).
template <bool User, class F>
bool block_dag(const lexicon& lx, cut_scratch& sc, std::size_t n_chars, std::size_t k, F&& f,
               bool* ran_off = nullptr) {
  const dict_view& d = *lx.dict;
  const std::size_t n = n_chars;
  if (!User || !lx.user->may_start(sc.cps[k])) {
    bool any = false;
    const std::size_t j = dict_words(d, sc, n, k, [&](std::size_t e, double log_freq) {
      f(e, log_freq);
      any = true;
    });
    if (j == n && ran_off != nullptr) *ran_off = true;
    return any;
  }
  // With user words: the dictionary's words, overridden by user entries.
  auto& cands = sc.cands;
  cands.clear();
  std::size_t j = dict_words(d, sc, n, k, [&](std::size_t e, double log_freq) { cands.emplace_back(e, log_freq); });
  if (j == n && ran_off != nullptr) *ran_off = true;
  std::uint32_t u = 0;
  std::size_t pos = 0;
  for (j = k; j < n; ++j) {
    if ((u = lx.user->child(u, sc.cps[j])) == user_words::none) break;
    const user_words::node& nd = lx.user->at(u);
    if (nd.freq < 0) continue;
    while (pos < cands.size() && cands[pos].first < j) ++pos;
    const bool have = pos < cands.size() && cands[pos].first == j;
    if (nd.freq > 0) {
      if (have) cands[pos].second = nd.log_freq;
      else cands.insert(cands.begin() + static_cast<std::ptrdiff_t>(pos), {j, nd.log_freq});
    } else if (have) {
      cands.erase(cands.begin() + static_cast<std::ptrdiff_t>(pos));
    }
  }
  if (j == n && ran_off != nullptr) *ran_off = true;
  for (const auto& c : cands) f(c.first, c.second);
  return !cands.empty();
}

// jieba's calc() on the characters [0, k_end) of the n_chars characters in `sc`, from
// the right, given route_val[k_end .. n_chars] (0 at the block's end):
// route_val[k] = the route's log probability from k, route_end[k] = end of the best
// word at k (inclusive); with Ids, route_id[k] = its word id, or pending_id. Returns
// whether a trie walk reached the last character still matching (only the whole
// block's end makes the result certain then; see cutter::long_block).
template <bool User, bool Ids>
bool block_route(const lexicon& lx, cut_scratch& sc, std::size_t n_chars, std::size_t k_end) {
  const std::size_t n = n_chars;
  double* val = sc.route_val.data();
  std::size_t* to = sc.route_end.data();
  std::uint32_t* ids = sc.route_id.data();
  const double log_total = lx.log_total;
  const double alone = 0.0 - log_total;  // jieba: log(FREQ.get(c) or 1) = log 1 for a lone character
  bool ran_off = false;
  if (!User) {
    // The hot loop: one trie walk per position, scoring words as they are found.
    // A label of 0 (unknown character) needs no test: no cell is a child by label 0.
    const dict_view& d = *lx.dict;
    const da_unit* units = d.trie.units;
    const std::uint64_t size = d.trie.size;
    const freq_class* classes = d.classes;
    const std::uint32_t class_mask = d.n_classes - 1;
    const std::uint32_t* labels = sc.labels.data();
    for (std::size_t k = k_end; k-- > 0;) {
      double best = alone + val[k + 1];
      std::size_t best_j = k;
      std::uint32_t best_s = pending_id;
      bool found = false;
      std::uint32_t s = 0;
      std::uint64_t base = units[0].base;
      std::size_t j = k;
      for (; j < n; ++j) {
        const std::uint64_t t = base + labels[j];
        if (t >= size || units[t].check != s) break;
        s = static_cast<std::uint32_t>(t);
        base = units[t].base;
        const std::uint32_t cls = units[t].value & class_mask;
        if (cls >= 2) {
          const double v = (classes[cls].log_freq - log_total) + val[j + 1];
          // jieba: max over (prob, j) tuples, so ties take the larger j. (With Ids, the
          // node doubles as the flag: one register less in this loop.)
          if ((Ids ? best_s == pending_id : !found) || v >= best) {
            best = v;
            best_j = j;
            if constexpr (Ids) best_s = s;  // a dictionary entry: its node is its id
            else found = true;
          }
        }
      }
      ran_off = ran_off || j == n;
      val[k] = best;
      to[k] = best_j;
      if constexpr (Ids) ids[k] = best_s;
    }
    return ran_off;
  }
  for (std::size_t k = k_end; k-- > 0;) {
    double best = 0;
    std::size_t best_j = k;
    bool found = false;
    block_dag<User>(lx, sc, n_chars, k, [&](std::size_t j, double log_freq) {
      const double v = (log_freq - log_total) + val[j + 1];
      if (!found || v >= best) {
        best = v;
        best_j = j;
        found = true;
      }
    }, &ran_off);
    if (!found) best = alone + val[k + 1];
    val[k] = best;
    to[k] = best_j;
    if constexpr (Ids) ids[k] = pending_id;  // user words may override the dictionary's
  }
  return ran_off;
}

/// Cuts text with a lexicon and a policy (see the top of this file), calling
/// sink(const cut_piece&) for each token in jieba's order, with the word ids Ids asks for.
template <class Policy, class Sink, id_mode Ids = id_mode::none>
class cutter {
 public:
  cutter(const lexicon& lx, const Policy& policy, bool hmm, cut_scratch& sc, std::string_view text, Sink& sink) noexcept
      : lx_(lx), policy_(policy), hmm_(hmm && policy.has_hmm(lx)), sc_(sc), s_(text),
        p_(reinterpret_cast<const unsigned char*>(text.data())), n_(text.size()), sink_(sink) {}

  /// Cuts the whole text.
  void run() {
    std::size_t pos = 0;
    while (pos < n_) pos = step(pos);
  }

  /// Cuts the unit (block or run between blocks) at pos; returns where it ends.
  std::size_t step(std::size_t pos) {
    if (!sc_.glued.empty()) sc_.glued.clear();
    const bool whole = policy_.cuts_whole_blocks();
    std::size_t k = fill(pos, 0, whole ? window + lookahead : window + 1);
    if (k == 0) return policy_.between(*this, pos);
    if (whole) return cut_whole(k);
    if (k > window) {
      const std::size_t end = long_block(pos);
      if (end != pos) return end;
      k = fill(pos, 0, unlimited);  // a word longer than the lookahead: the block whole
    }
    n_chars_ = k;
    constexpr bool route_ids = Ids != id_mode::none;
    sc_.route_val[k] = 0.0;
    if (lx_.user == nullptr) block_route<false, route_ids>(lx_, sc_, k, k);
    else block_route<true, route_ids>(lx_, sc_, k, k);
    hmm_ ? walk_hmm() : walk_plain();
    return sc_.offs[k];
  }

  // ---- what policies use ---------------------------------------------------------

  const lexicon& lex() const noexcept { return lx_; }
  cut_scratch& scratch() noexcept { return sc_; }
  std::string_view text() const noexcept { return s_; }
  /// Characters of the current block; the code point and byte offset of character i
  /// (offset(chars()) is the block's end).
  std::size_t chars() const noexcept { return n_chars_; }
  char32_t cp(std::size_t i) const noexcept { return sc_.cps[i]; }
  std::size_t offset(std::size_t i) const noexcept { return sc_.offs[i]; }

  /// Emits the input bytes [b, e).
  void emit(std::size_t b, std::size_t e, std::uint32_t id, std::string_view tag = {}) {
    sink_(cut_piece{std::string_view(s_.data() + b, e - b), b, e, id, tag});  // [b, e) is inside the text
  }
  /// Emits the characters [a, b) of the block.
  void emit_chars(std::size_t a, std::size_t b, std::uint32_t id, std::string_view tag = {}) {
    if (Ids == id_mode::long_words && b - a < 2) return;
    emit(sc_.offs[a], sc_.offs[b], id, tag);
  }
  /// Emits the input bytes [b, e) of block characters (a token: not for long_words
  /// when it is one character).
  void emit_bytes(std::size_t b, std::size_t e, std::uint32_t id, std::string_view tag = {}) {
    if (Ids == id_mode::long_words && (e - b < 2 || decode_at(p_ + b, p_ + e).size == e - b)) return;
    emit(b, e, id, tag);
  }
  /// Emits text that is not a substring of the input (it must live until the next unit),
  /// cut from the input bytes [b, e).
  void emit_other_text(std::string_view t, std::size_t b, std::size_t e) {
    sink_(cut_piece{t, b, e, Ids != id_mode::none ? lx_.id_of_string(t) : no_word, {}});
  }

  /// jieba's FREQ.get for the characters [a, b) of the block (-1: not in FREQ).
  std::int64_t freq(std::size_t a, std::size_t b) const {
    return lx_.freq_of(sc_.cps.data() + a, sc_.labels.data() + a, b - a);
  }
  /// jieba's FREQ.get for the input bytes [b, e) (-1: not in FREQ).
  std::int64_t freq_of_bytes(std::size_t b, std::size_t e) const { return lx_.freq_of_string(s_.substr(b, e - b)); }
  /// The word id of the characters [a, b) of the block (no_word unless asked for).
  std::uint32_t id_of(std::size_t a, std::size_t b) const {
    if (Ids == id_mode::none || (Ids == id_mode::long_words && b - a < 2)) return no_word;
    return lx_.id_of(sc_.cps.data() + a, sc_.labels.data() + a, b - a);
  }
  /// The word id of the input bytes [b, e) (no_word unless asked for).
  std::uint32_t id_of_bytes(std::size_t b, std::size_t e) const {
    if (Ids == id_mode::none || b == e) return no_word;
    if (Ids == id_mode::long_words && decode_at(p_ + b, p_ + e).size == e - b) return no_word;  // one character
    return lx_.id_of_string(s_.substr(b, e - b));
  }
  /// The DAG at character k (see block_dag); User: whether lex().user is set. Sets
  /// *ran_off when a trie walk still matched at the last held character.
  template <bool User, class F>
  bool dag(std::size_t k, F&& f, bool* ran_off = nullptr) {
    return block_dag<User>(lx_, sc_, n_chars_, k, std::forward<F>(f), ran_off);
  }

  /// Whether a block starts at byte i (i < text size).
  bool starts_block(std::size_t i) const noexcept {
    const unsigned c = p_[i];
    if (c < 0x80) return Policy::block_ascii(c);
    if (c < 0xE4 || c > 0xE9 || n_ - i < 3 || (p_[i + 1] & 0xC0) != 0x80 || (p_[i + 2] & 0xC0) != 0x80) return false;
    const char32_t cp = static_cast<char32_t>(((c & 0x0F) << 12) | ((p_[i + 1] & 0x3Fu) << 6) | (p_[i + 2] & 0x3Fu));
    return is_jieba_han(cp);
  }
  /// The character at byte i: its size, where "\r\n" is one character of 2 bytes
  /// (jieba's re_skip keeps it together), whether it is white space, and its word id.
  struct other_char {
    std::size_t size;
    bool space;  // Python's \s
    std::uint32_t id;  // no_word unless asked for
  };
  other_char char_at(std::size_t i) const {
    const decoded d = decode_at(p_ + i, p_ + n_);
    const bool ok = d.error == utf8_errc::ok;
    const bool space = ok && is_python_space(d.value);
    if (space && d.value == '\r' && i + 1 < n_ && p_[i + 1] == '\n') return {2, true, id_of_bytes(i, i + 2)};
    return {d.size, space, Ids == id_mode::all && ok ? lx_.id_of_char(d.value) : no_word};
  }
  /// The run of other characters at pos, each character one token ("\r\n" one) tagged
  /// `tag`; returns its end. (precise and search mode, posseg)
  std::size_t each_char(std::size_t pos, std::string_view tag) {
    std::size_t i = pos;
    if constexpr (Ids == id_mode::long_words) {  // one character each, or "\r\n" (white space): none to emit
      while (i < n_ && !starts_block(i)) i += decode_at(p_ + i, p_ + n_).size;
      return i;
    }
    while (i < n_ && !starts_block(i)) {
      const other_char ch = char_at(i);
      emit(i, i + ch.size, ch.id, tag);
      i += ch.size;
    }
    return i;
  }

 private:
  // ---- units -------------------------------------------------------------------------

  static constexpr std::size_t unlimited = static_cast<std::size_t>(-1);
  // Blocks of more than `window` characters are cut by long_block, which holds the
  // characters of a window and the `lookahead` characters after it.
  static constexpr std::size_t window = std::size_t(1) << 15;
  static constexpr std::size_t lookahead = 4096;
  // A run of single-character words longer than this is no word of the dictionary (see
  // long_run).
  static constexpr std::size_t long_run_min = window + lookahead;

  // Decodes the block characters from byte pos on, at most `limit` of them, into the
  // scratch arrays from index `at`; returns how many (offs[at + count] is the byte after
  // them). The arrays only grow (doubling), so a block costs no allocation once warm.
  std::size_t fill(std::size_t pos, std::size_t at, std::size_t limit) {
    const dict_view& d = *lx_.dict;
    std::size_t cap = sc_.cps.size();
    char32_t* cps = sc_.cps.data();
    std::uint32_t* labels = sc_.labels.data();
    std::size_t* offs = sc_.offs.data();
    std::size_t i = pos, k = at;
    const std::size_t k_end = limit < unlimited - at ? at + limit : unlimited;
    while (k < k_end) {
      char32_t cp;
      std::uint32_t label;
      std::size_t len;
      // The next three bytes (w: byte 0 in the low bits; zero past the end): one
      // 4-byte load where 4 bytes remain (the fast path), else byte by byte.
      std::uint32_t w;
      if (n_ - i >= 4) {
        std::memcpy(&w, p_ + i, 4);
        if (!host_is_little_endian()) w = byteswap32(w);
      } else {
        if (i >= n_) break;
        w = p_[i];
        if (n_ - i > 1) w |= std::uint32_t{p_[i + 1]} << 8;
        if (n_ - i > 2) w |= std::uint32_t{p_[i + 2]} << 16;
      }
      const unsigned c = w & 0xFF;
      if (c - 0xE4 <= 0xE9 - 0xE4) {  // U+4000..U+9FFF, where all of jieba's Han range is
        if ((w & 0xC0C000u) != 0x808000u) break;  // both continuation bytes 10xxxxxx
        cp = static_cast<char32_t>(((c & 0x0F) << 12) | ((w >> 2) & 0xFC0) | ((w >> 16) & 0x3F));
        if (cp - 0x4E00 > 0x9FD5 - 0x4E00) break;
        label = d.han_labels[cp - 0x4E00];
        len = 3;
      } else if (c < 0x80 && Policy::block_ascii(c)) {
        cp = c;
        label = d.latin1_labels[c];
        len = 1;
      } else {
        break;
      }
      if (k + 1 >= cap) {
        cap = cap < 64 ? 64 : 2 * cap;
        sc_.grow(cap);
        cps = sc_.cps.data();
        labels = sc_.labels.data();
        offs = sc_.offs.data();
      }
      cps[k] = cp;
      labels[k] = label;
      offs[k] = i;
      ++k;
      i += len;
    }
    if (k + 1 >= cap) {
      sc_.grow(cap < 64 ? 64 : 2 * cap);
      offs = sc_.offs.data();
    }
    offs[k] = i;
    return k - at;
  }

  // The block whose first k characters fill() put in the arrays (at most window +
  // lookahead), cut by the policy itself (full mode), a window of characters at a time:
  // the arrays hold the window and at least `lookahead` characters after it (or the
  // block's end), so the DAG of each character of the window is whole unless a trie walk
  // still matches at the last held character. The policy stops at such a character; the
  // next window starts there, holding twice as many after it if it is the window's
  // first. Holds the arrays of window + lookahead characters, not of the whole block
  // (40 bytes a character), except around a word of more than `lookahead` characters.
  // Returns the block's end.
  std::size_t cut_whole(std::size_t k) {
    std::size_t extra = lookahead;
    bool start = true;
    for (;;) {
      const bool last = k < window + extra;  // fill() stopped at the block's end
      const std::size_t to = last ? k : window;
      n_chars_ = k;
      const std::size_t done = policy_.whole_block(*this, to, start, last);
      const std::size_t b = sc_.offs[done];
      if (last && done == to) return b;
      start = start && done == 0;
      extra = done == 0 ? 2 * extra : lookahead;
      k = fill(b, 0, window + extra);
    }
  }

  // A block of more than `window` characters at pos, cut exactly as the whole block
  // would be, holding half a byte per character (the length of the route's word; only
  // for the pieces of 4096 characters that hold a word of two or more) and the arrays
  // of a window:
  //  - the route from the right, a window of characters at a time, with the `lookahead`
  //    characters after the window and their route_val (computed by the window before):
  //    every word starting in the window is seen unless a trie walk still matches at
  //    the last held character, and the route_val values are the ones the whole block
  //    gives, bit for bit;
  //  - the walk from the left, in windows that end after a word of two or more
  //    characters: there walk_hmm and walk_plain hold no buffer, so what follows does
  //    not depend on what came before. (A window grows until such a word comes: a long
  //    run of characters that make no word is held whole, as the HMM needs it.)
  // Returns the block's end, or pos when a walk reached past the lookahead (a word of
  // more than `lookahead` characters: the caller cuts the block whole).
  // (Out of line: a cold path, which made step() cost up to 3 % more instructions on
  // ordinary text when it was inlined there.)
  ZHTEXT_NOINLINE std::size_t long_block(std::size_t pos) {
    std::size_t end = pos, n = 0;
    while (end < n_ && starts_block(end)) {
      end += p_[end] < 0x80 ? 1 : 3;  // a block character is ASCII or U+4E00..U+9FD5
      ++n;
    }
    // The length of the route's word at each character, 4 bits each, kept by pieces of
    // `piece` characters (character x in byte x % piece / 2 of its piece's bytes, the
    // high half for odd x); 15: look in `longer`. A piece of single-character words is
    // not kept (route_piece 0): a line the route finds no word in (digits, '.', '%')
    // costs 4 bytes a piece, not half a byte a character.
    constexpr std::size_t piece = 4096, piece_bytes = piece / 2;
    std::vector<std::uint8_t>& len = sc_.route_len;
    std::vector<std::uint32_t>& kept = sc_.route_piece;
    std::vector<std::pair<std::size_t, std::size_t>>& longer = sc_.route_longer;
    len.clear();
    kept.assign(n / piece + 1, 0);
    auto nibble = [&len, &kept](std::size_t x) -> std::size_t {
      const std::uint32_t k = kept[x / piece];
      return k == 0 ? 1 : (len[(k - 1) * piece_bytes + x % piece / 2] >> (x % 2 * 4)) & 0x0Fu;
    };
    auto set_nibble = [&len, &kept, n](std::size_t x, std::size_t l) {
      std::uint32_t& k = kept[x / piece];
      if (k == 0) {
        if (l == 1) return;
        if (len.empty()) len.reserve((n / piece + 1) * piece_bytes);  // at most half a byte a character
        len.resize(len.size() + piece_bytes, 0x11);  // the piece's other characters: 1 until set
        k = static_cast<std::uint32_t>(len.size() / piece_bytes);
      }
      std::uint8_t& b = len[(k - 1) * piece_bytes + x % piece / 2];
      const std::size_t shift = x % 2 * 4;
      b = static_cast<std::uint8_t>((b & (0xF0u >> shift)) | (l << shift));
    };
    longer.clear();
    const std::size_t cap = window + lookahead + 1;
    if (sc_.cps.size() < cap) sc_.grow(cap);
    sc_.offs[0] = end;
    sc_.route_val[0] = 0.0;
    std::size_t s = n, held = 0;  // the arrays hold the characters [s, s + held)
    while (s > 0) {
      const std::size_t w = s < window ? s : window, keep = held < lookahead ? held : lookahead;
      std::memmove(sc_.cps.data() + w, sc_.cps.data(), keep * sizeof(char32_t));
      std::memmove(sc_.labels.data() + w, sc_.labels.data(), keep * sizeof(std::uint32_t));
      std::memmove(sc_.offs.data() + w, sc_.offs.data(), (keep + 1) * sizeof(std::size_t));
      std::memmove(sc_.route_val.data() + w, sc_.route_val.data(), (keep + 1) * sizeof(double));
      std::size_t b = sc_.offs[w];
      for (std::size_t i = 0; i < w; ++i) b -= p_[b - 1] < 0x80 ? 1 : 3;
      fill(b, 0, w);
      const bool ran_off = lx_.user == nullptr ? block_route<false, false>(lx_, sc_, w + keep, w)
                                               : block_route<true, false>(lx_, sc_, w + keep, w);
      if (ran_off && s + keep < n) {
        std::vector<std::uint8_t>().swap(len);
        return pos;
      }
      for (std::size_t k = 0; k < w; ++k) {
        const std::size_t l = sc_.route_end[k] - k + 1, x = s - w + k;
        set_nibble(x, l < 15 ? l : 15);
        if (l >= 15) longer.emplace_back(x, l);
      }
      s -= w;
      held = w + keep;
    }
    std::sort(longer.begin(), longer.end());
    auto length_at = [&](std::size_t x) -> std::size_t {
      if (const std::size_t l = nibble(x); l < 15) return l;
      return std::lower_bound(longer.begin(), longer.end(), std::make_pair(x, std::size_t{0}))->second;
    };
    std::size_t prev_l = 0;  // the length of the route's word before x (0: none)
    for (std::size_t x0 = 0, b0 = pos; x0 < n;) {
      std::size_t x = x0, run = 0;  // run: the characters of a long run of single-character words at x
      for (;;) {
        const std::size_t l = length_at(x);
        if (l == 1 && prev_l != 1) {
          std::size_t r = x + 1;
          while (r < n) {
            if (r % piece == 0 && kept[r / piece] == 0) r += piece;  // a piece of single-character words
            else if (nibble(r) == 1) ++r;
            else break;
          }
          if (r > n) r = n;
          if (r - x > long_run_min) {
            run = r - x;
            break;
          }
        }
        prev_l = l;
        x += l;
        if (x == n || (l > 1 && x - x0 >= window)) break;
      }
      if (const std::size_t m = x - x0; m > 0) {
        fill(b0, 0, m);
        for (std::size_t k = 0; k < m; ++k) {
          sc_.route_end[k] = k + length_at(x0 + k) - 1;
          sc_.route_id[k] = pending_id;
        }
        n_chars_ = m;
        hmm_ ? walk_hmm() : walk_plain();
        b0 = sc_.offs[m];
      }
      x0 = x;
      if (run > 0) {
        std::size_t e = b0;
        for (std::size_t i = 0; i < run; ++i) e += p_[e] < 0x80 ? 1 : 3;
        long_run(b0, e);
        x0 += run;
        b0 = e;
        prev_l = 1;
      }
    }
    if (len.size() > 8 * window) std::vector<std::uint8_t>().swap(len);  // give a huge block's memory back
    return end;
  }

  // The bytes [b, e) of a long block: a run of more than long_run_min characters whose
  // route words are all single characters, between words of two or more characters
  // (or the block's edges). walk_hmm would buffer it whole and hand it to unknown(): it
  // is no word (a trie walk through more than window + lookahead characters sends the
  // block back to the whole-block cut), and unknown() cuts its runs of Han and of ASCII
  // characters apart (jieba's re_han split). walk_plain would glue its ASCII letters
  // and digits and emit every other character alone. So it is cut here piece by piece,
  // without the arrays of the whole run: runs of ASCII characters (without HMM: of
  // letters and digits) go to the policy as input bytes, the other characters through
  // the arrays, a window of them at a time, except that the Viterbi takes a run of Han
  // characters whole: from the input bytes (unknown_han) when the policy streams_han
  // and the run is longer than a window, else in the arrays.
  void long_run(std::size_t b, std::size_t e) {
    auto ascii = [this](std::size_t i) { return p_[i] < 0x80 && (hmm_ || is_jieba_eng(p_[i])); };
    while (b < e) {
      std::size_t q = b;
      if (ascii(b)) {
        while (q < e && ascii(q)) ++q;
        if (hmm_) policy_.unknown_ascii(*this, b, q);
        else policy_.latin_run(*this, b, q);
      } else {
        std::size_t m = 0;
        for (; q < e && !ascii(q) && (hmm_ || m < window); ++m) q += p_[q] < 0x80 ? 1 : 3;
        if constexpr (Policy::streams_han) {
          if (hmm_ && m > window) {
            policy_.unknown_han(*this, b, q);
            b = q;
            continue;
          }
        }
        fill(b, 0, m);
        n_chars_ = m;
        if (hmm_) {
          policy_.unknown(*this, 0, m);
        } else {
          for (std::size_t k = 0; k < m; ++k) {
            sc_.route_end[k] = k;
            sc_.route_id[k] = pending_id;
          }
          walk_plain();
        }
      }
      b = q;
    }
  }

  // ---- the route's words -------------------------------------------------------------

  // The id of the route's word [x, y).
  std::uint32_t route_word_id(std::size_t x, std::size_t y) const {
    if (Ids == id_mode::none || (Ids == id_mode::long_words && y - x < 2)) return no_word;
    const std::uint32_t id = sc_.route_id[x];
    return id != pending_id ? id : id_of(x, y);
  }

  // jieba's __cut_DAG_NO_HMM.
  void walk_plain() {
    const std::size_t n = n_chars_;
    std::size_t x = 0, buf = n;  // buf: start of buffered single Latin characters, n = none
    while (x < n) {
      const std::size_t y = sc_.route_end[x] + 1;
      if (y - x == 1 && is_jieba_eng(sc_.cps[x])) {
        if (buf == n) buf = x;
      } else {
        if (buf != n) policy_.latin_run(*this, sc_.offs[buf], sc_.offs[x]);
        buf = n;
        policy_.word(*this, x, y, route_word_id(x, y));
      }
      x = y;
    }
    if (buf != n) policy_.latin_run(*this, sc_.offs[buf], sc_.offs[n]);
  }

  // jieba's __cut_DAG.
  void walk_hmm() {
    const std::size_t n = n_chars_;
    std::size_t x = 0, buf = n;
    while (x < n) {
      const std::size_t y = sc_.route_end[x] + 1;
      if (y - x == 1) {
        if (buf == n) buf = x;
      } else {
        if (buf != n) flush_buffer(buf, x);
        buf = n;
        policy_.word(*this, x, y, route_word_id(x, y));
      }
      x = y;
    }
    if (buf != n) flush_buffer(buf, n);
  }

  // A buffer [a, b) of single characters.
  void flush_buffer(std::size_t a, std::size_t b) {
    if (b - a == 1) {
      policy_.word(*this, a, b, route_word_id(a, b));
    } else if (freq(a, b) > 0) {  // jieba: a buffer that is a known word is cut into characters
      for (std::size_t i = a; i < b; ++i) policy_.word(*this, i, i + 1, route_word_id(i, i + 1));
    } else {
      policy_.unknown(*this, a, b);
    }
  }

  const lexicon& lx_;
  const Policy& policy_;
  bool hmm_;
  cut_scratch& sc_;
  std::string_view s_;
  const unsigned char* p_;
  std::size_t n_;
  Sink& sink_;
  std::size_t n_chars_ = 0;  // characters in the current block
};

}  // namespace zhtext::detail
