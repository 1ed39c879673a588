// zhtext/detail/segment/word_policy.hpp - jieba.cut's policy for the cutter
// (engine.hpp): precise, search and full mode, and finalseg's HMM for unknown runs.
// Re-derived from jieba/__init__.py and jieba/finalseg/__init__.py ("jieba:" marks a
// quirk kept on purpose).
//
//  - Blocks: re_han_default (ASCII letters, digits, + # & . _ % -).
//  - Between blocks, precise and search mode: each character is a token, "\r\n" one.
//    Full mode: the run is split at each white-space character (Python's \s: str.isspace,
//    which includes U+001C..U+001F) into pieces and separators, and every piece is a
//    token, empty ones included (jieba: re.split() leaves '' around separators and full
//    mode yields them).
//  - Words: precise mode emits the route's words; search mode precedes each word
//    longer than 2 (3) characters by its 2-grams (then 3-grams) that are words with
//    frequency > 0.
//  - Unknown runs (finalseg.cut): the Han runs (U+4E00..U+9FD5) are tagged B/M/E/S by
//    Viterbi, the rest is split by re_skip = [a-zA-Z0-9]+(\.\d+)?%? into matches and the
//    text between them. An HMM word that add_word(w, 0) deleted is cut into characters
//    (jieba's Force_Split_Words).
//  - Full mode cuts each block itself: for each character k, with L its DAG list: a
//    lone word that starts past the last emitted end is emitted, unless it starts with
//    an ASCII letter or digit, in which case it is appended to a Latin buffer emitted
//    when a non-Latin character comes (jieba: those appended pieces can be non-adjacent
//    when dictionary words overlap inside a Latin run; the glued token is then not a
//    substring of the input and lives in the scratch buffer); otherwise every word of L
//    longer than one character is emitted.
// Thread safety: a policy is a mode; the cutter's scratch belongs to one thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "../platform/linkage.hpp"
#include "engine.hpp"
#include "hmm_view.hpp"
#include "lexicon.hpp"

namespace zhtext::detail {

struct word_policy {
  engine_mode mode = engine_mode::precise;

  static constexpr bool block_ascii(unsigned c) noexcept { return is_block_ascii(c); }
  static bool has_hmm(const lexicon& lx) noexcept { return lx.hmm != nullptr; }  // finalseg's

  template <class C>
  std::size_t between(C& c, std::size_t pos) const {
    return mode == engine_mode::full ? pieces(c, pos) : c.each_char(pos, {});
  }

  bool cuts_whole_blocks() const noexcept { return mode == engine_mode::full; }
  template <class C>
  std::size_t whole_block(C& c, std::size_t to, bool start, bool last) const {
    return c.lex().user == nullptr ? cut_full<false>(c, to, start, last) : cut_full<true>(c, to, start, last);
  }

  // Forced inline: GCC's budget for the whole translation unit decides otherwise, so a
  // program's other code could move this per-word step out of line (+1.4 % instructions
  // in benchmarks/compile's program after an unrelated change to the loaders).
  // Bytes: 0 when [a, b) are characters of the block, else they are input bytes of
  // characters of Bytes bytes each (1: ASCII block characters, 3: Han characters).
  template <unsigned Bytes = 0, class C>
  ZHTEXT_ALWAYS_INLINE void word(C& c, std::size_t a, std::size_t b, std::uint32_t id) const {
    if (mode == engine_mode::search) {
      constexpr std::size_t step = Bytes == 0 ? 1 : Bytes;
      const std::size_t len = (b - a) / step;
      for (std::size_t n = 2; n <= 3; ++n) {
        if (len <= n) break;
        for (std::size_t i = a; i + n * step <= b; i += step) {
          if constexpr (Bytes != 0) {
            if (c.freq_of_bytes(i, i + n * step) > 0) c.emit_bytes(i, i + n * step, c.id_of_bytes(i, i + n * step));
          } else {
            if (c.freq(i, i + n) > 0) c.emit_chars(i, i + n, c.id_of(i, i + n));
          }
        }
      }
    }
    if constexpr (Bytes != 0) c.emit_bytes(a, b, id);
    else c.emit_chars(a, b, id);
  }

  template <class C>
  void latin_run(C& c, std::size_t b, std::size_t e) const {
    word<1>(c, b, e, c.id_of_bytes(b, e));
  }

  // jieba's finalseg.cut() on the characters [a, b).
  template <class C>
  void unknown(C& c, std::size_t a, std::size_t b) const {
    const char32_t* cps = c.scratch().cps.data();
    split_han_runs(cps, a, b,
                   [&](std::size_t i, std::size_t j) {
                     viterbi(c, j - i, [&](std::size_t t) { return cps[i + t]; },
                             [&](std::size_t x, std::size_t y) { hmm_word<0>(c, i + x, i + y); });
                   },
                   [&](std::size_t i, std::size_t j) { unknown_ascii(c, c.offset(i), c.offset(j)); });
  }

  // Whether unknown_han() takes a long run of Han characters from the input bytes.
  static constexpr bool streams_han = true;
  // finalseg.cut() on the input bytes [b, e), Han characters (3 bytes each): the
  // characters are read from the input, the Viterbi keeps 1 byte per character.
  template <class C>
  void unknown_han(C& c, std::size_t b, std::size_t e) const {
    const unsigned char* p = reinterpret_cast<const unsigned char*>(c.text().data()) + b;
    viterbi(c, (e - b) / 3,
            [&](std::size_t t) { return han_at(p + 3 * t); },
            [&](std::size_t x, std::size_t y) { hmm_word<3>(c, b + 3 * x, b + 3 * y); });
  }

  // finalseg.cut() on the input bytes [b, e), ASCII block characters: re_skip =
  // ([a-zA-Z0-9]+(?:\.\d+)?%?), its matches and the text between them.
  template <class C>
  void unknown_ascii(C& c, std::size_t b, std::size_t e) const {
    const char* s = c.text().data();
    auto digit = [](char ch) { return ch >= '0' && ch <= '9'; };
    for (std::size_t p = b; p < e;) {
      std::size_t q = p;
      if (is_jieba_eng(static_cast<unsigned char>(s[p]))) {
        while (q < e && is_jieba_eng(static_cast<unsigned char>(s[q]))) ++q;
        if (q + 1 < e && s[q] == '.' && digit(s[q + 1])) {
          q += 1;
          while (q < e && digit(s[q])) ++q;
        }
        if (q < e && s[q] == '%') ++q;
      } else {
        while (q < e && !is_jieba_eng(static_cast<unsigned char>(s[q]))) ++q;
      }
      word<1>(c, p, q, c.id_of_bytes(p, q));
      p = q;
    }
  }

 private:
  // finalseg's viterbi() and __cut() on `len` Han characters, cp(t) the t-th: calls
  // word(x, y) for each word, the characters [x, y). Keeps 1 byte per character: the
  // back pointers (bit y: state y came from prev[y][1]), then the path's states.
  template <class C, class Cp, class Word>
  void viterbi(C& c, std::size_t len, Cp&& cp, Word&& word) const {
    const hmm_view& m = *c.lex().hmm;
    cut_scratch& sc = c.scratch();
    if (sc.back.size() < len) sc.back.resize(len);  // grows only: no clearing per run
    std::uint8_t* back = sc.back.data();
    // jieba's PrevStatus, and the rank of each state's letter: ties between equal
    // probabilities go to the larger letter (max over (prob, state) tuples).
    static constexpr std::uint8_t prev[4][2] = {{hmm_view::E, hmm_view::S},   // B
                                                {hmm_view::M, hmm_view::B},   // M
                                                {hmm_view::B, hmm_view::M},   // E
                                                {hmm_view::S, hmm_view::E}};  // S
    static constexpr std::uint8_t letter_rank[4] = {0, 2, 1, 3};  // 'B' < 'E' < 'M' < 'S'
    double v[4];
    const double* e = m.emit(cp(0));
    for (int y = 0; y < 4; ++y) v[y] = m.start(y) + e[y];
    for (std::size_t t = 1; t < len; ++t) {
      e = m.emit(cp(t));
      double nv[4];
      std::uint8_t bits = 0;
      for (int y = 0; y < 4; ++y) {
        const std::uint8_t p0 = prev[y][0], p1 = prev[y][1];
        const double v0 = (v[p0] + m.trans(p0, y)) + e[y];
        const double v1 = (v[p1] + m.trans(p1, y)) + e[y];
        const bool take1 = v1 > v0 || (v1 == v0 && letter_rank[p1] > letter_rank[p0]);
        nv[y] = take1 ? v1 : v0;
        bits = static_cast<std::uint8_t>(bits | (take1 ? 1u << y : 0u));
      }
      back[t] = bits;
      for (int y = 0; y < 4; ++y) v[y] = nv[y];
    }
    std::uint8_t st = v[hmm_view::S] >= v[hmm_view::E] ? hmm_view::S : hmm_view::E;  // ties: 'S' > 'E'
    for (std::size_t t = len; t-- > 0;) {
      const std::uint8_t bits = back[t];
      back[t] = st;
      st = prev[st][(bits >> st) & 1u];  // (meaningless at t = 0, and unused)
    }
    // __cut: B starts a word, E ends it, S is a word; jieba starts `begin` at 0, so a
    // path that opens with M or E (possible when every probability is MIN_FLOAT-bound)
    // still yields a partition.
    std::size_t begin = 0, next = 0;
    for (std::size_t t = 0; t < len; ++t) {
      const std::uint8_t s = back[t];
      if (s == hmm_view::B) {
        begin = t;
      } else if (s == hmm_view::E) {
        word(begin, t + 1);
        next = t + 1;
      } else if (s == hmm_view::S) {
        word(t, t + 1);
        next = t + 1;
      }
    }
    if (next < len) word(next, len);
  }

  // An HMM word [a, b): characters of the block (Bytes 0) or input bytes (Bytes 3).
  template <unsigned Bytes, class C>
  void hmm_word(C& c, std::size_t a, std::size_t b) const {
    constexpr std::size_t step = Bytes == 0 ? 1 : Bytes;
    auto id = [&](std::size_t x, std::size_t y) { return Bytes == 0 ? c.id_of(x, y) : c.id_of_bytes(x, y); };
    const auto* force_split = c.lex().force_split;
    if (force_split != nullptr && b - a > step) {
      const std::size_t bo = Bytes == 0 ? c.offset(a) : a, eo = Bytes == 0 ? c.offset(b) : b;
      if (force_split->count(c.text().substr(bo, eo - bo)) != 0) {  // jieba: del_word'ed words stay split
        for (std::size_t i = a; i < b; i += step) word<Bytes>(c, i, i + step, id(i, i + step));
        return;
      }
    }
    word<Bytes>(c, a, b, id(a, b));
  }

  // Full mode's run between blocks: pieces between white-space characters.
  template <class C>
  std::size_t pieces(C& c, std::size_t pos) const {
    const std::size_t n = c.text().size();
    std::size_t i = pos, piece = pos;
    while (i < n && !c.starts_block(i)) {
      const auto ch = c.char_at(i);
      if (ch.space) {
        c.emit(piece, i, c.id_of_bytes(piece, i));  // jieba: may be empty
        c.emit(i, i + ch.size, ch.id);
        piece = i + ch.size;
      }
      i += ch.size;
    }
    c.emit(piece, i, c.id_of_bytes(piece, i));
    return i;
  }

  // Full mode on the characters [0, to) of the held ones [0, c.chars()): the block's
  // first when `start`, its last when `last` (then to == c.chars()). Stops at a
  // character whose DAG may hold words past the held characters (not `last`: a trie
  // walk still matched at the last one) and returns it, else returns `to`.
  template <bool User, class C>
  std::size_t cut_full(C& c, std::size_t to, bool start, bool last) const {
    cut_scratch& sc = c.scratch();
    // The state in locals while cutting (in the scratch: +0.15 % instructions on text).
    std::size_t old_end = start ? 0 : sc.full_end;  // jieba's old_j = -1
    bool eng = start ? false : sc.full_eng;
    for (std::size_t k = 0; k < to; ++k) {
      if (eng && !is_jieba_eng(c.cp(k))) {
        eng = false;
        flush_latin(c);
      }
      std::size_t count = 0, first = k;
      bool ran_off = false;
      c.template dag<User>(k, [&](std::size_t j, double) {
        if (count++ == 0) first = j;
      }, &ran_off);
      if (ran_off && !last) {
        sc.full_end = old_end;
        sc.full_eng = eng;
        return k;
      }
      if (count == 0) count = 1;  // the character alone
      const bool after = c.offset(k) >= old_end;  // jieba: k > old_j
      if (count == 1 && after) {
        if (is_jieba_eng(c.cp(k))) {  // jieba's re_eng.match(word): the first character
          latin_piece(c, eng, c.offset(k), c.offset(first + 1));
          eng = true;
        } else {
          c.emit_chars(k, first + 1, c.id_of(k, first + 1));
        }
        old_end = c.offset(first + 1);
      } else if (count == 1) {
        if (first > k) {
          c.emit_chars(k, first + 1, c.id_of(k, first + 1));
          old_end = c.offset(first + 1);
        }
      } else {
        c.template dag<User>(k, [&](std::size_t j, double) {
          if (j > k) {
            c.emit_chars(k, j + 1, c.id_of(k, j + 1));
            old_end = c.offset(j + 1);
          }
        });
      }
    }
    if (last && eng) {
      eng = false;
      flush_latin(c);
    }
    sc.full_end = old_end;
    sc.full_eng = eng;
    return to;
  }

  // Adds the input bytes [b, e) to the Latin buffer (jieba's buf), which is empty
  // unless `eng`.
  template <class C>
  void latin_piece(C& c, bool eng, std::size_t b, std::size_t e) const {
    cut_scratch& sc = c.scratch();
    if (!eng) {
      sc.latin_b = b;
      sc.latin_glued.clear();
    } else if (b != sc.latin_e || !sc.latin_glued.empty()) {  // not contiguous: glue the bytes
      const std::string_view s = c.text();
      if (sc.latin_glued.empty()) sc.latin_glued.assign(s.substr(sc.latin_b, sc.latin_e - sc.latin_b));
      sc.latin_glued.append(s.substr(b, e - b));
    }
    sc.latin_e = e;
  }

  template <class C>
  void flush_latin(C& c) const {
    cut_scratch& sc = c.scratch();
    if (sc.latin_glued.empty()) {
      c.emit_bytes(sc.latin_b, sc.latin_e, c.id_of_bytes(sc.latin_b, sc.latin_e));
      return;
    }
    const std::string& g = sc.glued.emplace_back(std::move(sc.latin_glued));
    sc.latin_glued.clear();
    c.emit_other_text(g, sc.latin_b, sc.latin_e);
  }
};

}  // namespace zhtext::detail
