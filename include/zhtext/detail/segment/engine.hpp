// zhtext/detail/segment/engine.hpp - jieba 0.42.1's segmentation, written for speed.
//
// The rules are jieba's (jieba/__init__.py and jieba/finalseg/__init__.py); this file
// re-derives them and marks where a quirk is kept on purpose ("jieba:").
//
// 1. The input is split into units. A block is a maximal run of re_han_default
//    characters: U+4E00..U+9FD5, ASCII letters and digits, + # & . _ % -. Everything
//    else forms the runs in between. In precise and search mode each character of such
//    a run is one token, except "\r\n", which is one (re_skip_default = (\r\n|\s)). In
//    full mode the run is split at each white-space character (Python's \s: str.isspace,
//    which includes U+001C..U+001F) into pieces and separators, and every piece is a
//    token, empty ones included (jieba: re.split() leaves '' around separators and full
//    mode yields them). Ill-formed UTF-8 is one character per maximal subpart, neither a
//    block character nor space: exactly what jieba does with the U+FFFD it would read.
// 2. Precise mode on a block: the DAG (every dictionary word with frequency > 0 starting
//    at each character, else the character alone) and, from the right, the route of
//    maximal sum of log(freq) - log(total), ties going to the longer word (jieba
//    compares (probability, end) tuples). Without HMM, consecutive single ASCII letters
//    and digits are glued into one token. With HMM, consecutive single characters are
//    buffered; a buffer of one character is a token, a buffer that is itself a word
//    with frequency > 0 is cut into characters (jieba's odd but real rule), anything
//    else goes to finalseg: its Han runs (U+4E00..U+9FD5) are tagged B/M/E/S by Viterbi,
//    the rest is split by re_skip = [a-zA-Z0-9]+(\.\d+)?%? into matches and the text
//    between them.
// 3. Full mode: for each character k, with L its DAG list: a lone word that starts
//    past the last emitted end is emitted, unless it starts with an ASCII letter or
//    digit, in which case it is appended to a Latin buffer emitted when a non-Latin
//    character comes (jieba: those appended pieces can be non-adjacent when dictionary
//    words overlap inside a Latin run; the glued token is then not a substring of the
//    input and lives in the scratch buffer); otherwise every word of L longer than one
//    character is emitted.
// 4. Search mode: precise tokens, each preceded by its 2-grams and then 3-grams that are
//    words with frequency > 0 (for tokens longer than 2 and 3 characters).
//
// Cost: O(n * longest word) trie steps, O(unknown run) for Viterbi, no allocation per
// token (the scratch vectors grow to the longest block and are reused).
// Thread safety: a cutter uses one cut_scratch; the lexicon it reads is immutable.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>

#include "../unicode/utf8_decode.hpp"
#include "lexicon.hpp"

namespace zhtext::detail {

// The DAG of position k of the block in `sc` (n_chars characters): calls f(j,
// log_freq) for each word [k, j] with freq > 0, in increasing j. Returns whether there
// was any. Shared by cutter and the POS tagger (pos_engine.hpp).
template <bool User, class F>
bool block_dag(const lexicon& lx, cut_scratch& sc, std::size_t n_chars, std::size_t k, F&& f) {
  const dict_view& d = *lx.dict;
  const std::size_t n = n_chars;
  const std::uint32_t* labels = sc.labels.data();
  if (!User || !lx.user->may_start(sc.cps[k])) {
    bool any = false;
    std::uint32_t s = 0;
    for (std::size_t j = k; j < n; ++j) {
      const std::uint32_t c = labels[j];
      if (c == 0 || (s = d.trie.child(s, c)) == no_node) break;
      const std::uint32_t cls = d.freq_class_of(s);
      if (cls >= 2) {
        f(j, d.classes[cls].log_freq);
        any = true;
      }
    }
    return any;
  }
  // With user words: the dictionary's words, overridden by user entries.
  auto& cands = sc.cands;
  cands.clear();
  std::uint32_t s = 0;
  for (std::size_t j = k; j < n; ++j) {
    const std::uint32_t c = labels[j];
    if (c == 0 || (s = d.trie.child(s, c)) == no_node) break;
    const std::uint32_t cls = d.freq_class_of(s);
    if (cls >= 2) cands.emplace_back(j, d.classes[cls].log_freq);
  }
  std::uint32_t u = 0;
  std::size_t pos = 0;
  for (std::size_t j = k; j < n; ++j) {
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
  for (const auto& c : cands) f(c.first, c.second);
  return !cands.empty();
}

// jieba's calc() on the block in `sc`: route_end[k] = end of the best word at k (inclusive).
template <bool User>
void block_route(const lexicon& lx, cut_scratch& sc, std::size_t n_chars) {
  const std::size_t n = n_chars;
  double* val = sc.route_val.data();
  std::size_t* to = sc.route_end.data();
  const double log_total = lx.log_total;
  const double alone = 0.0 - log_total;  // jieba: log(FREQ.get(c) or 1) = log 1 for a lone character
  val[n] = 0.0;
  if (!User) {
    // The hot loop: one trie walk per position, scoring words as they are found.
    // A label of 0 (unknown character) needs no test: no cell is a child by label 0.
    const dict_view& d = *lx.dict;
    const da_unit* units = d.trie.units;
    const std::uint64_t size = d.trie.size;
    const freq_class* classes = d.classes;
    const std::uint32_t class_mask = d.n_classes - 1;
    const std::uint32_t* labels = sc.labels.data();
    for (std::size_t k = n; k-- > 0;) {
      double best = alone + val[k + 1];
      std::size_t best_j = k;
      bool found = false;
      std::uint32_t s = 0;
      std::uint64_t base = units[0].base;
      for (std::size_t j = k; j < n; ++j) {
        const std::uint64_t t = base + labels[j];
        if (t >= size || units[t].check != s) break;
        s = static_cast<std::uint32_t>(t);
        base = units[t].base;
        const std::uint32_t cls = units[t].value & class_mask;
        if (cls >= 2) {
          const double v = (classes[cls].log_freq - log_total) + val[j + 1];
          if (!found || v >= best) {  // jieba: max over (prob, j) tuples, so ties take the larger j
            best = v;
            best_j = j;
            found = true;
          }
        }
      }
      val[k] = best;
      to[k] = best_j;
    }
    return;
  }
  for (std::size_t k = n; k-- > 0;) {
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
    });
    if (!found) best = alone + val[k + 1];
    val[k] = best;
    to[k] = best_j;
  }
}

/// Cuts text with a lexicon, calling sink(std::string_view text, size_t offset,
/// size_t end) for each token in jieba's order; `end` is where the token's input span
/// ends (offset + size except for glued full-mode tokens).
template <class Sink>
class cutter {
 public:
  cutter(const lexicon& lx, engine_mode mode, bool hmm, cut_scratch& sc, std::string_view text, Sink& sink) noexcept
      : lx_(lx), mode_(mode), hmm_(hmm && lx.hmm != nullptr), sc_(sc), s_(text),
        p_(reinterpret_cast<const unsigned char*>(text.data())), n_(text.size()), sink_(sink) {}

  /// Cuts the whole text.
  void run() {
    std::size_t pos = 0;
    while (pos < n_) pos = step(pos);
  }

  /// Cuts the unit (block or run between blocks) at pos; returns where it ends.
  std::size_t step(std::size_t pos) {
    if (!sc_.glued.empty()) sc_.glued.clear();
    const std::size_t end = scan_block(pos);
    if (end == pos) return cut_other(pos);
    if (mode_ == engine_mode::full) {
      cut_full();
    } else if (lx_.user == nullptr) {
      route<false>();
      hmm_ ? walk_hmm() : walk_plain();
    } else {
      route<true>();
      hmm_ ? walk_hmm() : walk_plain();
    }
    return end;
  }

 private:
  // ---- units -------------------------------------------------------------------------

  // Collects the block at pos into the scratch arrays; returns its end (pos if none).
  // The arrays only grow (doubling), so a block costs no allocation once warm.
  std::size_t scan_block(std::size_t pos) {
    const dict_view& d = *lx_.dict;
    std::size_t cap = sc_.cps.size();
    char32_t* cps = sc_.cps.data();
    std::uint32_t* labels = sc_.labels.data();
    std::size_t* offs = sc_.offs.data();
    std::size_t i = pos, k = 0;
    for (;;) {
      char32_t cp;
      std::uint32_t label;
      std::size_t len;
      if (n_ - i >= 4) {  // fast path: one 4-byte load decodes a 3-byte character
        std::uint32_t w;
        std::memcpy(&w, p_ + i, 4);
        if (!host_is_little_endian()) w = byteswap32(w);
        const unsigned c = w & 0xFF;
        if (c - 0xE4 <= 0xE9 - 0xE4) {  // U+4000..U+9FFF, where all of jieba's Han range is
          if ((w & 0xC0C000u) != 0x808000u) break;  // both continuation bytes 10xxxxxx
          cp = static_cast<char32_t>(((c & 0x0F) << 12) | ((w >> 2) & 0xFC0) | ((w >> 16) & 0x3F));
          if (cp - 0x4E00 > 0x9FD5 - 0x4E00) break;
          label = d.han_labels[cp - 0x4E00];
          len = 3;
        } else if (c < 0x80 && is_block_ascii(c)) {
          cp = c;
          label = d.latin1_labels[c];
          len = 1;
        } else {
          break;
        }
      } else {
        if (i >= n_) break;
        const unsigned c = p_[i];
        if (c - 0xE4 <= 0xE9 - 0xE4) {
          if (n_ - i < 3) break;
          const unsigned b1 = p_[i + 1], b2 = p_[i + 2];
          if ((b1 & 0xC0) != 0x80 || (b2 & 0xC0) != 0x80) break;
          cp = static_cast<char32_t>(((c & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x3F));
          if (cp - 0x4E00 > 0x9FD5 - 0x4E00) break;
          label = d.han_labels[cp - 0x4E00];
          len = 3;
        } else if (c < 0x80 && is_block_ascii(c)) {
          cp = c;
          label = d.latin1_labels[c];
          len = 1;
        } else {
          break;
        }
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
    n_chars_ = k;
    return i;
  }

  bool starts_block(std::size_t i) const noexcept {
    const unsigned c = p_[i];
    if (c < 0x80) return is_block_ascii(c);
    if (c < 0xE4 || c > 0xE9 || n_ - i < 3 || (p_[i + 1] & 0xC0) != 0x80 || (p_[i + 2] & 0xC0) != 0x80) return false;
    const char32_t cp = static_cast<char32_t>(((c & 0x0F) << 12) | ((p_[i + 1] & 0x3Fu) << 6) | (p_[i + 2] & 0x3Fu));
    return is_jieba_han(cp);
  }

  // [b, e) is always inside the text: no checked substr() on the hot path.
  void emit_bytes(std::size_t b, std::size_t e) { sink_(std::string_view(s_.data() + b, e - b), b, e); }

  // The run of non-block characters at pos.
  std::size_t cut_other(std::size_t pos) {
    std::size_t i = pos, piece = pos;
    const bool full = mode_ == engine_mode::full;
    while (i < n_ && !starts_block(i)) {
      const decoded d = decode_at(p_ + i, p_ + n_);
      const bool space = d.error == utf8_errc::ok && is_python_space(d.value);
      const std::size_t len = (d.value == '\r' && i + 1 < n_ && p_[i + 1] == '\n') ? 2 : d.size;
      if (!full) {
        emit_bytes(i, i + (space ? len : d.size));  // jieba: every character alone, "\r\n" together
        i += space ? len : d.size;
        continue;
      }
      if (space) {
        emit_bytes(piece, i);  // jieba: may be empty
        emit_bytes(i, i + len);
        piece = i + len;
        i += len;
      } else {
        i += d.size;
      }
    }
    if (full) emit_bytes(piece, i);
    return i;
  }

  // ---- words of a block --------------------------------------------------------------

  void emit_word(std::size_t a, std::size_t b) {
    if (mode_ == engine_mode::search) {
      const std::size_t len = b - a;
      if (len > 2)
        for (std::size_t i = a; i + 2 <= b; ++i)
          if (freq(i, i + 2) > 0) emit_chars(i, i + 2);
      if (len > 3)
        for (std::size_t i = a; i + 3 <= b; ++i)
          if (freq(i, i + 3) > 0) emit_chars(i, i + 3);
    }
    emit_chars(a, b);
  }
  void emit_chars(std::size_t a, std::size_t b) { emit_bytes(sc_.offs[a], sc_.offs[b]); }

  std::int64_t freq(std::size_t a, std::size_t b) const {
    return lx_.freq_of(sc_.cps.data() + a, sc_.labels.data() + a, b - a);
  }

  template <bool User, class F>
  bool dag(std::size_t k, F&& f) {
    return block_dag<User>(lx_, sc_, n_chars_, k, std::forward<F>(f));
  }
  template <bool User>
  void route() {
    block_route<User>(lx_, sc_, n_chars_);
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
        if (buf != n) emit_word(buf, x);
        buf = n;
        emit_word(x, y);
      }
      x = y;
    }
    if (buf != n) emit_word(buf, n);
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
        emit_word(x, y);
      }
      x = y;
    }
    if (buf != n) flush_buffer(buf, n);
  }

  void flush_buffer(std::size_t a, std::size_t b) {
    if (b - a == 1) {
      emit_word(a, b);
    } else if (freq(a, b) > 0) {  // jieba: a buffer that is a known word is cut into characters
      for (std::size_t i = a; i < b; ++i) emit_word(i, i + 1);
    } else {
      finalseg(a, b);
    }
  }

  // jieba's finalseg.cut() on the characters [a, b).
  void finalseg(std::size_t a, std::size_t b) {
    const char32_t* cps = sc_.cps.data();
    std::size_t i = a;
    while (i < b) {
      std::size_t j = i;
      if (is_jieba_han(cps[i])) {
        while (j < b && is_jieba_han(cps[j])) ++j;
        viterbi(i, j);
        i = j;
        continue;
      }
      while (j < b && !is_jieba_han(cps[j])) ++j;
      // re_skip = ([a-zA-Z0-9]+(?:\.\d+)?%?): matches and the text between them.
      for (std::size_t p = i; p < j;) {
        std::size_t q = p;
        if (is_jieba_eng(cps[p])) {
          while (q < j && is_jieba_eng(cps[q])) ++q;
          if (q + 1 < j && cps[q] == '.' && cps[q + 1] >= '0' && cps[q + 1] <= '9') {
            q += 1;
            while (q < j && cps[q] >= '0' && cps[q] <= '9') ++q;
          }
          if (q < j && cps[q] == '%') ++q;
        } else {
          while (q < j && !is_jieba_eng(cps[q])) ++q;
        }
        emit_word(p, q);
        p = q;
      }
      i = j;
    }
  }

  // finalseg's viterbi() and __cut() on the Han characters [a, b).
  void viterbi(std::size_t a, std::size_t b) {
    const hmm_view& m = *lx_.hmm;
    const std::size_t len = b - a;
    if (sc_.back.size() < len * 4) sc_.back.resize(len * 4);  // grows only: no clearing per run
    if (sc_.states.size() < len) sc_.states.resize(len);
    std::uint8_t* back = sc_.back.data();
    // jieba's PrevStatus, and the rank of each state's letter: ties between equal
    // probabilities go to the larger letter (max over (prob, state) tuples).
    static constexpr std::uint8_t prev[4][2] = {{hmm_view::E, hmm_view::S},   // B
                                                {hmm_view::M, hmm_view::B},   // M
                                                {hmm_view::B, hmm_view::M},   // E
                                                {hmm_view::S, hmm_view::E}};  // S
    static constexpr std::uint8_t letter_rank[4] = {0, 2, 1, 3};  // 'B' < 'E' < 'M' < 'S'
    double v[4];
    const double* e = m.emit(sc_.cps[a]);
    for (int y = 0; y < 4; ++y) v[y] = m.start(y) + e[y];
    for (std::size_t t = 1; t < len; ++t) {
      e = m.emit(sc_.cps[a + t]);
      double nv[4];
      for (int y = 0; y < 4; ++y) {
        const std::uint8_t p0 = prev[y][0], p1 = prev[y][1];
        const double v0 = (v[p0] + m.trans(p0, y)) + e[y];
        const double v1 = (v[p1] + m.trans(p1, y)) + e[y];
        const bool take1 = v1 > v0 || (v1 == v0 && letter_rank[p1] > letter_rank[p0]);
        nv[y] = take1 ? v1 : v0;
        back[t * 4 + static_cast<std::size_t>(y)] = take1 ? p1 : p0;
      }
      for (int y = 0; y < 4; ++y) v[y] = nv[y];
    }
    std::uint8_t st = v[hmm_view::S] >= v[hmm_view::E] ? hmm_view::S : hmm_view::E;  // ties: 'S' > 'E'
    for (std::size_t t = len; t-- > 0;) {
      sc_.states[t] = st;
      st = back[t * 4 + st];
    }
    // __cut: B starts a word, E ends it, S is a word; jieba starts `begin` at 0, so a
    // path that opens with M or E (possible when every probability is MIN_FLOAT-bound)
    // still yields a partition.
    std::size_t begin = a, next = a;
    for (std::size_t t = 0; t < len; ++t) {
      const std::uint8_t s = sc_.states[t];
      if (s == hmm_view::B) {
        begin = a + t;
      } else if (s == hmm_view::E) {
        hmm_word(begin, a + t + 1);
        next = a + t + 1;
      } else if (s == hmm_view::S) {
        hmm_word(a + t, a + t + 1);
        next = a + t + 1;
      }
    }
    if (next < b) hmm_word(next, b);
  }

  void hmm_word(std::size_t a, std::size_t b) {
    if (lx_.force_split != nullptr && b - a > 1) {
      const std::size_t bo = sc_.offs[a], eo = sc_.offs[b];
      if (lx_.force_split->count(s_.substr(bo, eo - bo)) != 0) {  // jieba: del_word'ed words stay split
        for (std::size_t i = a; i < b; ++i) emit_word(i, i + 1);
        return;
      }
    }
    emit_word(a, b);
  }

  // ---- full mode ---------------------------------------------------------------------

  void cut_full() {
    if (lx_.user == nullptr) cut_full_impl<false>();
    else cut_full_impl<true>();
  }

  template <bool User>
  void cut_full_impl() {
    const std::size_t n = n_chars_;
    const std::size_t none = static_cast<std::size_t>(-1);
    std::size_t old_j = none;  // jieba's old_j = -1
    bool eng = false;
    auto& pieces = sc_.pieces;
    for (std::size_t k = 0; k < n; ++k) {
      if (eng && !is_jieba_eng(sc_.cps[k])) {
        eng = false;
        flush_latin();
      }
      std::size_t count = 0, first = k;
      dag<User>(k, [&](std::size_t j, double) {
        if (count++ == 0) first = j;
      });
      if (count == 0) count = 1;  // the character alone
      const bool after = old_j == none || k > old_j;
      if (count == 1 && after) {
        if (is_jieba_eng(sc_.cps[k])) {  // jieba's re_eng.match(word): the first character
          if (!eng) pieces.clear();
          eng = true;
          pieces.emplace_back(k, first + 1);
        }
        if (!eng) emit_chars(k, first + 1);
        old_j = first;
      } else if (count == 1) {
        if (first > k) {
          emit_chars(k, first + 1);
          old_j = first;
        }
      } else {
        dag<User>(k, [&](std::size_t j, double) {
          if (j > k) {
            emit_chars(k, j + 1);
            old_j = j;
          }
        });
      }
    }
    if (eng) flush_latin();
  }

  void flush_latin() {
    const auto& pieces = sc_.pieces;
    bool contiguous = true;
    for (std::size_t i = 1; i < pieces.size(); ++i) contiguous = contiguous && pieces[i].first == pieces[i - 1].second;
    const std::size_t b = sc_.offs[pieces.front().first], e = sc_.offs[pieces.back().second];
    if (contiguous) {
      emit_bytes(b, e);
      return;
    }
    std::string& g = sc_.glued.emplace_back();
    for (const auto& pc : pieces) g.append(s_.substr(sc_.offs[pc.first], sc_.offs[pc.second] - sc_.offs[pc.first]));
    sink_(std::string_view(g), b, e);
  }

  const lexicon& lx_;
  engine_mode mode_;
  bool hmm_;
  cut_scratch& sc_;
  std::string_view s_;
  const unsigned char* p_;
  std::size_t n_;
  Sink& sink_;
  std::size_t n_chars_ = 0;  // characters in the current block
};

}  // namespace zhtext::detail
