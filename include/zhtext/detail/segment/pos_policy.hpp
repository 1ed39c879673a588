// zhtext/detail/segment/pos_policy.hpp - jieba.posseg.cut's policy for the cutter
// (engine.hpp), re-derived from jieba/posseg/__init__.py and viterbi.py ("jieba:" marks
// a quirk kept on purpose).
//
// 1. Units. Blocks are runs of re_han_internal characters: U+4E00..U+9FD5, ASCII
//    letters and digits, + # & . _ (unlike plain segmentation, not % and -). Between
//    blocks every character is a token tagged 'x', "\r\n" one (re_skip_internal =
//    (\r\n|\s)). An ill-formed UTF-8 subpart is one such character (jieba would read
//    U+FFFD there): a token of its raw bytes, 'x'.
// 2. A block is cut as segmentation cuts it (the same DAG and route, over the posseg
//    block), and each word gets word_tag_tab.get(word, 'x'): the tag of the word's last
//    add_word with a tag, else the dictionary's, else 'x'. Without HMM, glued single
//    ASCII letters/digits are tagged 'eng'. With HMM, a buffer of single characters that
//    is no word goes to __cut_detail (3). There is no Force_Split_Words here (jieba:
//    posseg has none).
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
// Thread safety: a policy uses one pos_scratch; everything else it reads is
// immutable, except the tag pool (internally locked).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

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

/// The POS Viterbi's buffers.
struct pos_viterbi_scratch {
  std::vector<std::uint16_t> state;  // candidate states, position after position
  std::vector<std::uint16_t> back;   // index of the best predecessor in the previous position's entries
  std::vector<std::uint32_t> begin;  // where each position's entries start (plus the end)
  std::vector<double> v, next_v;     // scores of the previous and current position's entries
  std::vector<std::uint16_t> prev;   // entries of the previous position that have successors
  std::vector<std::uint64_t> expect; // their successors
  std::vector<std::uint16_t> path;   // the best state of each character
  // Absorbed steps (see pos_policy::score_absorbed):
  std::vector<std::uint16_t> order;      // prev sorted by score, best first
  std::vector<std::uint16_t> group_end;  // per place in order: where its run of equal scores ends
  std::vector<std::uint16_t> first_pred; // per state: the place in order of its first predecessor
  std::vector<std::uint64_t> unclaimed;  // successor bits no predecessor has claimed yet
  const double* bounds_of = nullptr; // the transition table trans_min/trans_max describe
  double trans_min = 0, trans_max = 0;  // over its entries that are not -inf (NaN if any is NaN or +inf)
};

/// Reusable buffers of one tagging thread.
struct pos_scratch {
  cut_scratch cut;
  pos_viterbi_scratch viterbi;
};

inline constexpr std::string_view tag_x = "x", tag_eng = "eng", tag_m = "m";

struct pos_policy {
  const pos_view& model;
  tag_pool& pool;
  pos_viterbi_scratch& vs;

  static constexpr bool block_ascii(unsigned c) noexcept { return is_pos_block_ascii(c); }
  static constexpr bool streams_han = false;  // the Viterbi reads the block's arrays
  static bool has_hmm(const lexicon&) noexcept { return true; }  // the model's own

  template <class C>
  std::size_t between(C& c, std::size_t pos) const {
    return c.each_char(pos, tag_x);
  }
  static constexpr bool cuts_whole_blocks() noexcept { return false; }
  template <class C>
  bool whole_block(C&) const {
    return false;
  }
  template <class C>
  void word(C& c, std::size_t a, std::size_t b, std::uint32_t id) const {
    c.emit_chars(a, b, id, word_tag(c, a, b));
  }
  template <class C>
  void latin_run(C& c, std::size_t b, std::size_t e) const {
    c.emit_bytes(b, e, c.id_of_bytes(b, e), tag_eng);
  }

  // jieba's __cut_detail on the characters [a, b).
  template <class C>
  void unknown(C& c, std::size_t a, std::size_t b) const {
    split_han_runs(c.scratch().cps.data(), a, b, [&](std::size_t i, std::size_t j) { viterbi(c, i, j); },
                   [&](std::size_t i, std::size_t j) { unknown_ascii(c, c.offset(i), c.offset(j)); });
  }

  // __cut_detail on the input bytes [b, e), ASCII block characters: re_skip_detail =
  // ([\.0-9]+|[a-zA-Z0-9]+), matches 'm' / 'eng', the text between them 'x'.
  template <class C>
  void unknown_ascii(C& c, std::size_t b, std::size_t e) const {
    const char* s = c.text().data();
    auto num = [](char ch) { return ch == '.' || (ch >= '0' && ch <= '9'); };
    auto eng = [](char ch) { return is_jieba_eng(static_cast<unsigned char>(ch)); };
    for (std::size_t p = b; p < e;) {
      std::size_t q = p;
      std::string_view tag;
      if (num(s[p])) {
        while (q < e && num(s[q])) ++q;
        tag = tag_m;
      } else if (eng(s[p])) {
        while (q < e && eng(s[q])) ++q;
        tag = tag_eng;
      } else {
        while (q < e && !num(s[q]) && !eng(s[q])) ++q;
        tag = tag_x;
      }
      c.emit_bytes(p, q, c.id_of_bytes(p, q), tag);
      p = q;
    }
  }

 private:
  // word_tag_tab.get(word, 'x') for the characters [a, b) of the block.
  template <class C>
  std::string_view word_tag(C& c, std::size_t a, std::size_t b) const {
    const lexicon& lx = c.lex();
    const cut_scratch& sc = c.scratch();
    if (lx.user != nullptr && lx.user->may_start(sc.cps[a])) {
      std::uint32_t u = 0;
      for (std::size_t i = a; i < b && u != user_words::none; ++i) u = lx.user->child(u, sc.cps[i]);
      if (u != user_words::none) {
        const std::string_view t = lx.user->tag(u);
        if (!t.empty()) return pool.intern(model, t);
      }
    }
    const dict_view& d = *lx.dict;
    std::uint32_t s = 0;
    for (std::size_t i = a; i < b; ++i) {
      const std::uint32_t l = sc.labels[i];
      if (l == 0 || (s = d.trie.child(s, l)) == no_node) return tag_x;
    }
    const std::string_view t = d.tag_of(s);
    return t.empty() ? tag_x : t;
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
  void set_transition_bounds() const noexcept {
    const pos_view& m = model;
    const std::uint32_t N = m.states();
    double lo = 0, hi = 0;
    bool any = false;
    for (std::uint32_t y0 = 0; y0 < N; ++y0)
      for (std::uint32_t y = 0; y < N; ++y) {
        const double x = m.trans_row(y0)[y];
        if (x == -std::numeric_limits<double>::infinity()) continue;
        if (!(x == x) || x == std::numeric_limits<double>::infinity()) {  // never absorbed
          lo = hi = std::numeric_limits<double>::quiet_NaN();
          vs.trans_min = lo, vs.trans_max = hi, vs.bounds_of = m.trans_row(0);
          return;
        }
        lo = any ? std::min(lo, x) : x;
        hi = any ? std::max(hi, x) : x;
        any = true;
      }
    vs.trans_min = lo, vs.trans_max = hi, vs.bounds_of = m.trans_row(0);
  }

  // Sorts the previous entries (vs.prev, scores vs.v, states from `pb` in vs.state)
  // best first, marks the runs of equal scores, and gives every state of `expect` the
  // place in that order of its first predecessor.
  void order_absorbed(std::uint32_t pb) const {
    const pos_view& m = model;
    const auto& st = vs.state;
    const auto& v = vs.v;
    auto& order = vs.order;
    order.assign(vs.prev.begin(), vs.prev.end());
    std::sort(order.begin(), order.end(), [&](std::uint16_t i, std::uint16_t j) {
      return v[i] > v[j] || (v[i] == v[j] && st[pb + i] > st[pb + j]);
    });
    const std::size_t P = order.size();
    auto& group_end = vs.group_end;
    group_end.resize(P);
    for (std::size_t k = P; k-- > 0;)
      group_end[k] = static_cast<std::uint16_t>(k + 1 < P && v[order[k + 1]] == v[order[k]] ? group_end[k + 1] : k + 1);
    const std::uint32_t W = m.set_words();
    auto& open = vs.unclaimed;
    open.assign(vs.expect.begin(), vs.expect.end());
    vs.first_pred.resize(m.states());
    std::uint64_t left = 0;
    for (std::uint32_t w = 0; w < W; ++w) left |= open[w];
    for (std::size_t k = 0; k < P && left != 0; ++k) {
      const std::uint64_t* su = m.successors(st[pb + order[k]]);
      left = 0;
      for (std::uint32_t w = 0; w < W; ++w) {
        for (std::uint64_t bits = su[w] & open[w]; bits != 0; bits &= bits - 1)
          vs.first_pred[w * 64 + static_cast<std::uint32_t>(__builtin_ctzll(bits))] = static_cast<std::uint16_t>(k);
        open[w] &= ~su[w];
        left |= open[w];
      }
    }
  }

  // score() of candidate y (a state of `expect`) at an absorbed step, after
  // order_absorbed(): appends y's entry and returns true, or returns false when the
  // plain loop must decide (the best is -inf, or a lower score may tie).
  bool score_absorbed(std::uint16_t y, double e, std::uint32_t pb) const {
    const pos_view& m = model;
    const auto& order = vs.order;
    const auto& v = vs.v;
    const std::uint16_t k = vs.first_pred[y];
    const std::uint16_t pi = order[k];
    const std::uint16_t y0 = vs.state[pb + pi];
    if (m.trans_row(y0)[y] == -std::numeric_limits<double>::infinity()) return false;
    const double best = v[pi] + e;  // == (v + trans) + e: absorbed
    if (best == -std::numeric_limits<double>::infinity()) return false;
    const std::size_t next = vs.group_end[k];  // later entries of k's run have smaller states
    if (next < order.size() && v[order[next]] + e == best) return false;  // rounds to a tie
    vs.state.push_back(y);
    vs.back.push_back(pi);
    vs.next_v.push_back(best);
    return true;
  }

  // posseg's viterbi() and __cut() on the Han characters [a, b).
  template <class C>
  void viterbi(C& c, std::size_t a, std::size_t b) const {
    const pos_view& m = model;
    const std::uint32_t N = m.states(), W = m.set_words();
    const std::size_t len = b - a;
    const char32_t* cps = c.scratch().cps.data();
    auto& st = vs.state;
    auto& back = vs.back;
    auto& begin = vs.begin;
    auto& v = vs.v;
    auto& nv = vs.next_v;
    auto& prev = vs.prev;
    auto& expect = vs.expect;
    if (vs.bounds_of != m.trans_row(0)) set_transition_bounds();
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
      const char32_t ch = cps[a + t];
      nv.clear();
      // Absorbed scores (see the comment above viterbi()): every predecessor's score
      // is so far below zero that adding any transition leaves it unchanged.
      bool absorbed = prev.size() >= absorbed_min_predecessors;
      for (std::size_t k = 0; absorbed && k < prev.size(); ++k) {
        const double x = v[prev[k]];
        absorbed = x + vs.trans_min == x && x + vs.trans_max == x;
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
      const auto [cb, ce] = m.char_states(ch);
      for (std::uint32_t i = cb; i < ce; ++i) {
        const std::uint16_t y = m.char_state(i);
        if ((expect[y / 64] >> (y % 64)) & 1) score(y, m.char_emit(i));
      }
      if (st.size() == pe) {  // no candidate (or no entry): the successors themselves
        // Their emissions m.emit(y, ch), walking ch's keys (sorted by state) as y grows.
        const std::uint32_t key0 = static_cast<std::uint32_t>(ch - pos_view::first_char) << 16;
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
    auto& path = vs.path;
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
          c.emit_chars(a + word_begin, a + t + 1, c.id_of(a + word_begin, a + t + 1), m.state_tag(s));
          next = t + 1;
          break;
        case pos_view::S:
          c.emit_chars(a + t, a + t + 1, c.id_of(a + t, a + t + 1), m.state_tag(s));
          next = t + 1;
          break;
        default: break;
      }
    }
    if (next < len) c.emit_chars(a + next, b, c.id_of(a + next, b), m.state_tag(path[next]));
  }
};

}  // namespace zhtext::detail
