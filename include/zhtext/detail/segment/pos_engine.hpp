// zhtext/detail/segment/pos_engine.hpp - jieba 0.42.1's posseg.cut, re-derived from
// jieba/posseg/__init__.py and viterbi.py ("jieba:" marks a quirk kept on purpose).
//
// 1. Units. A block is a maximal run of re_han_internal characters: U+4E00..U+9FD5,
//    ASCII letters and digits, + # & . _ (unlike plain segmentation, not % and -).
//    Between blocks every character is a token tagged 'x', except that "\r\n" is one
//    (re_skip_internal = (\r\n|\s), Python's \s). An ill-formed UTF-8 subpart is one
//    such character (jieba would read U+FFFD there): a token of its raw bytes, 'x'.
// 2. A block is cut as segmentation cuts it (the same DAG and route, computed over the
//    posseg block), and each word gets word_tag_tab.get(word, 'x'): the tag of the
//    word's last add_word with a tag, else the dictionary's, else 'x'.
//    Without HMM, consecutive one-character ASCII letters/digits are glued into one
//    token tagged 'eng'. With HMM, consecutive single characters are buffered; a buffer
//    of one character is tagged like a word; a buffer that is a word with frequency > 0
//    is split into characters, each tagged like a word; any other buffer goes to
//    __cut_detail (3). There is no Force_Split_Words here (jieba: posseg has none).
// 3. __cut_detail: the buffer's runs of U+4E00..U+9FD5 go to the Viterbi (4); the rest
//    is split by re_skip_detail = ([\.0-9]+|[a-zA-Z0-9]+): a match starting with '.' or
//    a digit is 'm', one starting with a letter is 'eng', the text between is 'x'.
// 4. Viterbi over (position, tag) states (pos_view.hpp). At character t the candidate
//    states are char_state_tab[c] (all states when c has no entry) intersected with the
//    successors of the previous states that have transitions; if that is empty, those
//    successors. Each candidate takes the best predecessor by
//    (V + trans) + emit, ties to the larger state; the last character's best state
//    (any position) ends the path. Words: B opens, E closes [begin, t] with E's tag, S
//    is a word, M nothing; a rest after the last E/S is one word with the tag of its
//    first character's state (jieba: begin is not reset, so a B..E word can start
//    before the previous word ended if the model allowed E after E; the view is still
//    a substring of the input).
//
// Cost: the cut as in segmentation; the Viterbi costs O(|candidates| * |predecessors|)
// per character (typically ~10 x 10; 256 x 128 for a character the model does not
// know), except at "absorbed" steps (inside a run of characters the model does not
// know, see score_absorbed): O(|predecessors| log |predecessors|) and a few probes per
// candidate; it keeps 4 bytes per candidate state per character of the run.
// Thread safety: a pos_cutter uses one pos_scratch; everything else it reads is
// immutable, except the tag pool (internally locked).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "../unicode/utf8_decode.hpp"
#include "engine.hpp"
#include "lexicon.hpp"
#include "pos_view.hpp"

namespace zhtext::detail {

/// posseg's re_han_internal, ASCII part: letters, digits, + # & . _.
constexpr bool is_pos_block_ascii(unsigned c) noexcept { return is_block_ascii(c) && c != '%' && c != '-'; }

/// Keeps user tags alive for as long as the tagger: a tag the model knows views the
/// model's image; any other is copied once into this pool (locked; only reached for
/// user words with an unusual tag).
class tag_pool {
 public:
  std::string_view intern(const pos_view& m, std::string_view t) {
    if (const std::string_view k = m.find_tag(t); !k.empty()) return k;
    std::lock_guard<std::mutex> lock(mutex_);
    return *tags_.emplace(t).first;
  }

 private:
  std::mutex mutex_;
  std::set<std::string, std::less<>> tags_;
};

/// Reusable buffers of one tagging thread.
struct pos_scratch {
  cut_scratch cut;
  std::vector<std::uint16_t> state;  // candidate states, position after position
  std::vector<std::uint16_t> back;   // index of the best predecessor in the previous position's entries
  std::vector<std::uint32_t> begin;  // where each position's entries start (plus the end)
  std::vector<double> v, next_v;     // scores of the previous and current position's entries
  std::vector<std::uint16_t> prev;   // entries of the previous position that have successors
  std::vector<std::uint64_t> expect; // their successors
  std::vector<std::uint16_t> path;   // the best state of each character
  // Absorbed steps (see pos_cutter::score_absorbed):
  std::vector<std::uint16_t> order;      // prev sorted by score, best first
  std::vector<std::uint16_t> group_end;  // per place in order: where its run of equal scores ends
  std::vector<std::uint16_t> first_pred; // per state: the place in order of its first predecessor
  std::vector<std::uint64_t> unclaimed;  // successor bits no predecessor has claimed yet
  const double* bounds_of = nullptr; // the transition table trans_min/trans_max describe
  double trans_min = 0, trans_max = 0;  // over its entries that are not -inf (NaN if any is NaN or +inf)
};

inline constexpr std::string_view tag_x = "x", tag_eng = "eng", tag_m = "m";

/// Tags text, calling sink(std::string_view word, std::size_t offset, std::string_view
/// tag) for each token in jieba's order.
template <class Sink>
class pos_cutter {
 public:
  pos_cutter(const lexicon& lx, const pos_view& m, tag_pool& pool, bool hmm, pos_scratch& sc, std::string_view text,
             Sink& sink) noexcept
      : lx_(lx), m_(m), pool_(pool), hmm_(hmm), sc_(sc), s_(text), p_(reinterpret_cast<const unsigned char*>(text.data())),
        n_(text.size()), sink_(sink) {}

  void run() {
    std::size_t pos = 0;
    while (pos < n_) pos = step(pos);
  }

  /// Tags the unit at pos; returns where it ends.
  std::size_t step(std::size_t pos) {
    const std::size_t end = scan_block(pos);
    if (end == pos) return cut_other(pos);
    if (lx_.user == nullptr) block_route<false>(lx_, sc_.cut, n_chars_);
    else block_route<true>(lx_, sc_.cut, n_chars_);
    hmm_ ? walk_hmm() : walk_plain();
    return end;
  }

 private:
  // The posseg block at pos into the scratch arrays (see segment_engine's scan_block).
  std::size_t scan_block(std::size_t pos) {
    const dict_view& d = *lx_.dict;
    cut_scratch& sc = sc_.cut;
    std::size_t cap = sc.cps.size();
    std::size_t i = pos, k = 0;
    for (;;) {
      char32_t cp;
      std::uint32_t label;
      std::size_t len;
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
      } else if (c < 0x80 && is_pos_block_ascii(c)) {
        cp = c;
        label = d.latin1_labels[c];
        len = 1;
      } else {
        break;
      }
      if (k + 1 >= cap) {
        cap = cap < 64 ? 64 : 2 * cap;
        sc.grow(cap);
      }
      sc.cps[k] = cp;
      sc.labels[k] = label;
      sc.offs[k] = i;
      ++k;
      i += len;
    }
    if (k + 1 >= cap) sc.grow(cap < 64 ? 64 : 2 * cap);
    sc.offs[k] = i;
    n_chars_ = k;
    return i;
  }

  bool starts_block(std::size_t i) const noexcept {
    const unsigned c = p_[i];
    if (c < 0x80) return is_pos_block_ascii(c);
    if (c < 0xE4 || c > 0xE9 || n_ - i < 3 || (p_[i + 1] & 0xC0) != 0x80 || (p_[i + 2] & 0xC0) != 0x80) return false;
    const char32_t cp = static_cast<char32_t>(((c & 0x0F) << 12) | ((p_[i + 1] & 0x3Fu) << 6) | (p_[i + 2] & 0x3Fu));
    return is_jieba_han(cp);
  }

  void emit_bytes(std::size_t b, std::size_t e, std::string_view tag) {
    sink_(std::string_view(s_.data() + b, e - b), b, tag);
  }

  // Between blocks: every character alone, "\r\n" together, all 'x'.
  std::size_t cut_other(std::size_t pos) {
    std::size_t i = pos;
    while (i < n_ && !starts_block(i)) {
      const decoded d = decode_at(p_ + i, p_ + n_);
      const bool crlf = d.value == '\r' && d.error == utf8_errc::ok && i + 1 < n_ && p_[i + 1] == '\n';
      const std::size_t len = crlf ? 2 : d.size;
      emit_bytes(i, i + len, tag_x);
      i += len;
    }
    return i;
  }

  // word_tag_tab.get(word, 'x') for the characters [a, b) of the block.
  std::string_view word_tag(std::size_t a, std::size_t b) {
    const cut_scratch& sc = sc_.cut;
    if (lx_.user != nullptr && lx_.user->may_start(sc.cps[a])) {
      std::uint32_t u = 0;
      for (std::size_t i = a; i < b && u != user_words::none; ++i) u = lx_.user->child(u, sc.cps[i]);
      if (u != user_words::none) {
        const std::string_view t = lx_.user->tag(u);
        if (!t.empty()) return pool_.intern(m_, t);
      }
    }
    const dict_view& d = *lx_.dict;
    std::uint32_t s = 0;
    for (std::size_t i = a; i < b; ++i) {
      const std::uint32_t c = sc.labels[i];
      if (c == 0 || (s = d.trie.child(s, c)) == no_node) return tag_x;
    }
    const std::string_view t = d.tag_of(s);
    return t.empty() ? tag_x : t;
  }

  void emit_word(std::size_t a, std::size_t b, std::string_view tag) {
    emit_bytes(sc_.cut.offs[a], sc_.cut.offs[b], tag);
  }
  void emit_tagged(std::size_t a, std::size_t b) { emit_word(a, b, word_tag(a, b)); }

  // jieba's __cut_DAG_NO_HMM.
  void walk_plain() {
    const cut_scratch& sc = sc_.cut;
    const std::size_t n = n_chars_;
    std::size_t x = 0, buf = n;
    while (x < n) {
      const std::size_t y = sc.route_end[x] + 1;
      if (y - x == 1 && is_jieba_eng(sc.cps[x])) {
        if (buf == n) buf = x;
      } else {
        if (buf != n) emit_word(buf, x, tag_eng);
        buf = n;
        emit_tagged(x, y);
      }
      x = y;
    }
    if (buf != n) emit_word(buf, n, tag_eng);
  }

  // jieba's __cut_DAG.
  void walk_hmm() {
    const cut_scratch& sc = sc_.cut;
    const std::size_t n = n_chars_;
    std::size_t x = 0, buf = n;
    while (x < n) {
      const std::size_t y = sc.route_end[x] + 1;
      if (y - x == 1) {
        if (buf == n) buf = x;
      } else {
        if (buf != n) flush_buffer(buf, x);
        buf = n;
        emit_tagged(x, y);
      }
      x = y;
    }
    if (buf != n) flush_buffer(buf, n);
  }

  void flush_buffer(std::size_t a, std::size_t b) {
    const cut_scratch& sc = sc_.cut;
    if (b - a == 1) {
      emit_tagged(a, b);
    } else if (lx_.freq_of(sc.cps.data() + a, sc.labels.data() + a, b - a) <= 0) {
      cut_detail(a, b);
    } else {  // jieba: a buffer that is a known word is cut into characters
      for (std::size_t i = a; i < b; ++i) emit_tagged(i, i + 1);
    }
  }

  // jieba's __cut_detail on the characters [a, b).
  void cut_detail(std::size_t a, std::size_t b) {
    const char32_t* cps = sc_.cut.cps.data();
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
      // re_skip_detail = ([\.0-9]+|[a-zA-Z0-9]+): matches 'm' / 'eng', the rest 'x'.
      auto num = [](char32_t c) { return c == '.' || (c >= '0' && c <= '9'); };
      for (std::size_t p = i; p < j;) {
        std::size_t q = p;
        std::string_view tag;
        if (num(cps[p])) {
          while (q < j && num(cps[q])) ++q;
          tag = tag_m;
        } else if (is_jieba_eng(cps[p])) {
          while (q < j && is_jieba_eng(cps[q])) ++q;
          tag = tag_eng;
        } else {
          while (q < j && !num(cps[q]) && !is_jieba_eng(cps[q])) ++q;
          tag = tag_x;
        }
        emit_word(p, q, tag);
        p = q;
      }
      i = j;
    }
  }

  // Absorbed steps. Over a run of characters the model does not know, each step adds
  // jieba's MIN_FLOAT (-3.14e100) emission, and the scores soon lie so far below zero
  // that adding a transition (|log p| < 100) rounds back to the same double: then
  // (V[y0] + trans[y0][y]) + e == V[y0] + e exactly for every transition the model has,
  // and -inf for the ones it lacks. So the best predecessor of y is the first of the
  // previous entries, ordered by V (ties: larger state first), that has y as a
  // successor, unless an entry of a lower V rounds to the same V + e (then score()'s
  // plain loop decides, as it always did). One pass over that order finds the first
  // predecessor of every state (a bit set of the states not yet claimed), so a step
  // costs O(P log P + P * W + candidates) instead of O(P * candidates), P the
  // previous entries (up to 256), W the bit-set words (4). The same doubles are
  // compared, so the path is the same, ties included. Whether a step is absorbed is
  // checked exactly, entry by entry, against the smallest and largest transition of
  // the table (rounding is monotone, so every transition in between is absorbed too).
  static constexpr std::size_t absorbed_min_predecessors = 16;  // below: the plain loop is as fast

  // The smallest and largest transition of the model that is not -inf (missing).
  void set_transition_bounds() noexcept {
    const pos_view& m = m_;
    const std::uint32_t N = m.states();
    double lo = 0, hi = 0;
    bool any = false;
    for (std::uint32_t y0 = 0; y0 < N; ++y0)
      for (std::uint32_t y = 0; y < N; ++y) {
        const double x = m.trans_row(y0)[y];
        if (x == -std::numeric_limits<double>::infinity()) continue;
        if (!(x == x) || x == std::numeric_limits<double>::infinity()) {  // never absorbed
          lo = hi = std::numeric_limits<double>::quiet_NaN();
          sc_.trans_min = lo, sc_.trans_max = hi, sc_.bounds_of = m.trans_row(0);
          return;
        }
        lo = any ? std::min(lo, x) : x;
        hi = any ? std::max(hi, x) : x;
        any = true;
      }
    sc_.trans_min = lo, sc_.trans_max = hi, sc_.bounds_of = m.trans_row(0);
  }

  // Sorts the previous entries (sc_.prev, scores sc_.v, states from `pb` in
  // sc_.state) best first, marks the runs of equal scores, and gives every state of
  // `expect` the place in that order of its first predecessor.
  void order_absorbed(std::uint32_t pb) {
    const pos_view& m = m_;
    const auto& st = sc_.state;
    const auto& v = sc_.v;
    auto& order = sc_.order;
    order.assign(sc_.prev.begin(), sc_.prev.end());
    std::sort(order.begin(), order.end(), [&](std::uint16_t i, std::uint16_t j) {
      return v[i] > v[j] || (v[i] == v[j] && st[pb + i] > st[pb + j]);
    });
    const std::size_t P = order.size();
    auto& group_end = sc_.group_end;
    group_end.resize(P);
    for (std::size_t k = P; k-- > 0;)
      group_end[k] = static_cast<std::uint16_t>(k + 1 < P && v[order[k + 1]] == v[order[k]] ? group_end[k + 1] : k + 1);
    const std::uint32_t W = m.set_words();
    auto& open = sc_.unclaimed;
    open.assign(sc_.expect.begin(), sc_.expect.end());
    sc_.first_pred.resize(m.states());
    std::uint64_t left = 0;
    for (std::uint32_t w = 0; w < W; ++w) left |= open[w];
    for (std::size_t k = 0; k < P && left != 0; ++k) {
      const std::uint64_t* su = m.successors(st[pb + order[k]]);
      left = 0;
      for (std::uint32_t w = 0; w < W; ++w) {
        for (std::uint64_t bits = su[w] & open[w]; bits != 0; bits &= bits - 1)
          sc_.first_pred[w * 64 + static_cast<std::uint32_t>(__builtin_ctzll(bits))] = static_cast<std::uint16_t>(k);
        open[w] &= ~su[w];
        left |= open[w];
      }
    }
  }

  // score() of candidate y (a state of `expect`) at an absorbed step, after
  // order_absorbed(): appends y's entry and returns true, or returns false when the
  // plain loop must decide (the best is -inf, or a lower score may tie).
  bool score_absorbed(std::uint16_t y, double e, std::uint32_t pb) {
    const pos_view& m = m_;
    const auto& order = sc_.order;
    const auto& v = sc_.v;
    const std::uint16_t k = sc_.first_pred[y];
    const std::uint16_t pi = order[k];
    const std::uint16_t y0 = sc_.state[pb + pi];
    if (m.trans_row(y0)[y] == -std::numeric_limits<double>::infinity()) return false;
    const double best = v[pi] + e;  // == (v + trans) + e: absorbed
    if (best == -std::numeric_limits<double>::infinity()) return false;
    const std::size_t next = sc_.group_end[k];  // later entries of k's run have smaller states
    if (next < order.size() && v[order[next]] + e == best) return false;  // rounds to a tie
    sc_.state.push_back(y);
    sc_.back.push_back(pi);
    sc_.next_v.push_back(best);
    return true;
  }

  // posseg's viterbi() and __cut() on the Han characters [a, b).
  void viterbi(std::size_t a, std::size_t b) {
    const pos_view& m = m_;
    const std::uint32_t N = m.states(), W = m.set_words();
    const std::size_t len = b - a;
    const char32_t* cps = sc_.cut.cps.data();
    auto& st = sc_.state;
    auto& back = sc_.back;
    auto& begin = sc_.begin;
    auto& v = sc_.v;
    auto& nv = sc_.next_v;
    auto& prev = sc_.prev;
    auto& expect = sc_.expect;
    if (sc_.bounds_of != m.trans_row(0)) set_transition_bounds();
    st.clear();
    back.clear();
    begin.clear();
    v.clear();
    expect.assign(W, 0);

    // t = 0: char_state_tab's states of the character, or all states.
    begin.push_back(0);
    {
      const auto [cb, ce] = m.char_states(cps[a]);
      if (cb != ce) {
        for (std::uint32_t i = cb; i < ce; ++i) {
          st.push_back(m.char_state(i));
          v.push_back(m.start(m.char_state(i)) + m.char_emit(i));
        }
      } else {
        for (std::uint32_t s = 0; s < N; ++s) {
          st.push_back(static_cast<std::uint16_t>(s));
          v.push_back(m.start(s) + m.emit(s, cps[a]));
        }
      }
      back.resize(st.size(), 0);
      begin.push_back(static_cast<std::uint32_t>(st.size()));
    }
    for (std::size_t t = 1; t < len; ++t) {
      const std::uint32_t pb = begin[t - 1], pe = begin[t];
      prev.clear();
      std::fill(expect.begin(), expect.end(), 0);
      for (std::uint32_t i = pb; i < pe; ++i) {
        const std::uint16_t s = st[i];
        if (!m.has_successors(s)) continue;
        prev.push_back(static_cast<std::uint16_t>(i - pb));
        const std::uint64_t* su = m.successors(s);
        for (std::uint32_t k = 0; k < W; ++k) expect[k] |= su[k];
      }
      const char32_t c = cps[a + t];
      nv.clear();
      // Absorbed scores (see the comment above viterbi()): every predecessor's score
      // is so far below zero that adding any transition leaves it unchanged.
      bool absorbed = prev.size() >= absorbed_min_predecessors;
      for (std::size_t k = 0; absorbed && k < prev.size(); ++k) {
        const double x = v[prev[k]];
        absorbed = x + sc_.trans_min == x && x + sc_.trans_max == x;
      }
      if (absorbed) order_absorbed(pb);
      auto score = [&](std::uint16_t y, double e) {
        if (absorbed && score_absorbed(y, e, pb)) return;
        // max over predecessors of ((V + trans) + emit, predecessor): ties go to the
        // larger state; the entries of a position are not sorted, so compare states.
        double best = 0;
        std::uint16_t best_i = 0, best_s = 0;
        bool found = false;
        for (const std::uint16_t pi : prev) {
          const std::uint16_t y0 = st[pb + pi];
          const double x = (v[pi] + m.trans_row(y0)[y]) + e;
          if (!found || x > best || (x == best && y0 > best_s)) {
            best = x;
            best_i = pi;
            best_s = y0;
            found = true;
          }
        }
        st.push_back(y);
        back.push_back(best_i);
        nv.push_back(best);
      };
      const auto [cb, ce] = m.char_states(c);
      for (std::uint32_t i = cb; i < ce; ++i) {
        const std::uint16_t y = m.char_state(i);
        if ((expect[y / 64] >> (y % 64)) & 1) score(y, m.char_emit(i));
      }
      if (st.size() == pe) {  // no candidate (or no entry): the successors themselves
        // Their emissions m.emit(y, c), walking c's keys (sorted by state) as y grows.
        const std::uint32_t key0 = static_cast<std::uint32_t>(c - pos_view::first_char) << 16;
        const std::uint32_t *ek = std::lower_bound(m.emit_keys_, m.emit_keys_ + m.k_, key0), *ee = m.emit_keys_ + m.k_;
        for (std::uint32_t k = 0; k < W; ++k)
          for (std::uint64_t bits = expect[k]; bits != 0; bits &= bits - 1) {
            const auto y = static_cast<std::uint16_t>(k * 64 + static_cast<std::uint32_t>(__builtin_ctzll(bits)));
            while (ek != ee && *ek < (key0 | y)) ++ek;
            score(y, ek != ee && *ek == (key0 | y) ? m.emit_vals_[ek - m.emit_keys_] : pos_view::min_float);
          }
      }
      begin.push_back(static_cast<std::uint32_t>(st.size()));
      v.swap(nv);
    }
    // The best last state, ties to the larger state; then back along the pointers.
    const std::uint32_t lb = begin[len - 1], le = begin[len];
    std::uint32_t best = lb;
    for (std::uint32_t i = lb + 1; i < le; ++i) {
      const double x = v[i - lb], y = v[best - lb];
      if (x > y || (x == y && st[i] > st[best])) best = i;
    }
    auto& path = sc_.path;
    path.resize(len);
    std::uint32_t idx = best;
    for (std::size_t t = len; t-- > 0;) {
      path[t] = st[idx];
      if (t > 0) idx = begin[t - 1] + back[idx];
    }
    // __cut.
    std::size_t word_begin = 0, next = 0;
    for (std::size_t t = 0; t < len; ++t) {
      const std::uint16_t s = path[t];
      switch (m.state_position(s)) {
        case pos_view::B: word_begin = t; break;
        case pos_view::E:
          emit_word(a + word_begin, a + t + 1, m.state_tag(s));
          next = t + 1;
          break;
        case pos_view::S:
          emit_word(a + t, a + t + 1, m.state_tag(s));
          next = t + 1;
          break;
        default: break;
      }
    }
    if (next < len) emit_word(a + next, b, m.state_tag(path[next]));
  }

  const lexicon& lx_;
  const pos_view& m_;
  tag_pool& pool_;
  bool hmm_;
  pos_scratch& sc_;
  std::string_view s_;
  const unsigned char* p_;
  std::size_t n_;
  Sink& sink_;
  std::size_t n_chars_ = 0;
};

}  // namespace zhtext::detail
