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
// per character (typically ~10 x 10; 53 x 51 for 中; 256 x 128 for a character the
// model does not know), of which only the pairs with a transition are scored when the
// model's numbers are log probabilities (score_pruned: ~420 of the 2700 for 中), except
// at "absorbed" steps (inside a run of characters the model does not
// know, see score_absorbed): O(|predecessors| log |predecessors|) and a few probes per
// candidate; it keeps 4 bytes per candidate state per character, up to 32 MB: a run
// with more is cut from checkpoints (see segment_len) in three passes, holding a segment
// of 2048 characters and ~2.5 KB a segment.
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
  std::vector<std::uint16_t> path;   // the best state of each character being cut
  // Checkpoints of a long run (pos_policy::segment_len):
  std::vector<std::uint16_t> ck_state;  // the entries' states, checkpoint after checkpoint
  std::vector<double> ck_v;             // their scores
  std::vector<std::uint32_t> ck_begin;  // where each checkpoint's entries start (plus the end)
  std::vector<std::uint32_t> ck_path;   // the best path's entry at each segment's end
  // Entries held before a run is cut from checkpoints (32 MB of states and back
  // pointers; tests lower it to reach the checkpoints with short runs).
  std::size_t held_entries_max = std::size_t(1) << 23;
  // Absorbed steps (see pos_policy::score_absorbed):
  std::vector<std::uint16_t> order;      // prev sorted by score, best first
  std::vector<std::uint16_t> group_end;  // per place in order: where its run of equal scores ends
  std::vector<std::uint16_t> first_pred; // per state: the place in order of its first predecessor
  std::vector<std::uint64_t> unclaimed;  // successor bits no predecessor has claimed yet
  std::vector<std::uint16_t> by_state;   // per state: its entry in prev, or 0xFFFF (order_absorbed)
  std::vector<std::uint16_t> seed;       // prev by state, larger first
  std::vector<double> values;           // the distinct scores of prev, largest first
  std::vector<std::uint16_t> slot;       // per entry of seed: its score's place in values
  std::vector<std::uint16_t> count;      // per place in values: where its entries go in order
  std::vector<std::uint16_t> claimed_states;   // the states of order when first_pred was last computed
  std::vector<std::uint64_t> claimed_expect;   // and the successors it was computed for
  const double* claimed_of = nullptr;          // and the transition table of the model it was computed for
  // Pruned steps (see pos_policy::score_pruned), per state of the previous entries:
  std::vector<std::uint64_t> prev_bits;  // the states of prev
  std::vector<double> state_v;           // their scores
  std::vector<std::uint16_t> state_entry;  // their entries
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
  static bool has_hmm(const lexicon&) noexcept { return true; }  // the model's own

  template <class C>
  std::size_t between(C& c, std::size_t pos) const {
    return c.each_char(pos, tag_x);
  }
  static constexpr bool cuts_whole_blocks() noexcept { return false; }
  template <class C>
  std::size_t whole_block(C&, std::size_t to, bool, bool) const {
    return to;  // never called
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
    const char32_t* cps = c.scratch().cps.data();
    split_han_runs(cps, a, b,
                   [&](std::size_t i, std::size_t j) {
                     viterbi(j - i, [&](std::size_t t) { return cps[i + t]; },
                             [&](std::size_t x, std::size_t y, std::string_view tag) {
                               c.emit_chars(i + x, i + y, c.id_of(i + x, i + y), tag);
                             });
                   },
                   [&](std::size_t i, std::size_t j) { unknown_ascii(c, c.offset(i), c.offset(j)); });
  }

  // Whether unknown_han() takes a long run of Han characters from the input bytes.
  static constexpr bool streams_han = true;
  // __cut_detail on the input bytes [b, e), Han characters (3 bytes each): the
  // Viterbi reads the characters from the input and holds the steps since its paths
  // last met.
  template <class C>
  void unknown_han(C& c, std::size_t b, std::size_t e) const {
    const unsigned char* p = reinterpret_cast<const unsigned char*>(c.text().data()) + b;
    viterbi((e - b) / 3, [&](std::size_t t) { return han_at(p + 3 * t); },
            [&](std::size_t x, std::size_t y, std::string_view tag) {
              c.emit_bytes(b + 3 * x, b + 3 * y, c.id_of_bytes(b + 3 * x, b + 3 * y), tag);
            });
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
  static constexpr std::size_t few_values_max = 16;  // above: order_absorbed sorts
  static constexpr std::uint16_t none_entry = 0xFFFF;

  // Sorts the previous entries (vs.prev, scores vs.v, states from `pb` in vs.state)
  // best first, marks the runs of equal scores, and gives every state of `expect` the
  // place in that order of its first predecessor.
  void order_absorbed(std::uint32_t pb) const {
    const pos_view& m = model;
    const auto& st = vs.state;
    const auto& v = vs.v;
    auto& order = vs.order;
    auto before = [&](std::uint16_t i, std::uint16_t j) {
      return v[i] > v[j] || (v[i] == v[j] && st[pb + i] > st[pb + j]);
    };
    // Over a run of unknown characters the scores take a few distinct values (they
    // tie): then the entries, taken by state (larger first), are sorted by a counting
    // sort over the sorted distinct values; with many values, by std::sort.
    auto& by_state = vs.by_state;  // (the states of a position differ)
    by_state.resize(m.states(), none_entry);
    for (const std::uint16_t i : vs.prev) by_state[st[pb + i]] = i;
    auto& seed = vs.seed;  // prev by state, larger first
    seed.clear();
    for (std::size_t s = by_state.size(); s-- > 0;)
      if (by_state[s] != none_entry) seed.push_back(by_state[s]), by_state[s] = none_entry;
    auto& values = vs.values;  // the distinct scores, largest first
    const auto larger = [](double a, double b) { return a > b; };
    values.clear();
    bool few = true;
    for (std::size_t k = 0; few && k < seed.size(); ++k) {
      const double x = v[seed[k]];
      const auto at = std::lower_bound(values.begin(), values.end(), x, larger);
      if (at == values.end() || *at != x) {
        values.insert(at, x);
        few = values.size() <= few_values_max;
      }
    }
    if (few) {
      auto& count = vs.count;
      count.assign(values.size() + 1, 0);
      auto& slot = vs.slot;
      slot.resize(seed.size());
      for (std::size_t k = 0; k < seed.size(); ++k) {
        const double x = v[seed[k]];
        slot[k] = static_cast<std::uint16_t>(
            std::lower_bound(values.begin(), values.end(), x, larger) - values.begin());
        ++count[slot[k] + 1u];
      }
      for (std::size_t r = 1; r < count.size(); ++r) count[r] = static_cast<std::uint16_t>(count[r] + count[r - 1]);
      order.resize(seed.size());
      for (std::size_t k = 0; k < seed.size(); ++k) order[count[slot[k]]++] = seed[k];  // stable: states stay larger first
    } else {
      order.assign(seed.begin(), seed.end());
      std::sort(order.begin(), order.end(), before);
    }
    const std::size_t P = order.size();
    auto& group_end = vs.group_end;
    group_end.resize(P);
    for (std::size_t k = P; k-- > 0;)
      group_end[k] = static_cast<std::uint16_t>(k + 1 < P && v[order[k + 1]] == v[order[k]] ? group_end[k + 1] : k + 1);
    const std::uint32_t W = m.set_words();
    // first_pred depends only on the states in order and on expect: a step that repeats
    // the previous one (over a run of unknown characters, most do) keeps it.
    bool same = vs.claimed_of == m.trans_row(0) && vs.claimed_expect == vs.expect && vs.claimed_states.size() == P;
    for (std::size_t k = 0; same && k < P; ++k) same = vs.claimed_states[k] == st[pb + order[k]];
    if (same) return;
    vs.claimed_of = m.trans_row(0);
    vs.claimed_expect = vs.expect;
    vs.claimed_states.resize(P);
    for (std::size_t k = 0; k < P; ++k) vs.claimed_states[k] = st[pb + order[k]];
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

  // Pruned steps. When the model's numbers are log probabilities (pos_view::log_probs:
  // none is NaN or above 0), no score is NaN, so the plain loop of advance() takes the
  // largest (score, state) pair, whatever the order of the predecessors; and a
  // predecessor whose transition to y is -inf scores -inf. So when the best over the
  // others is above -inf, it is the plain loop's best: it is found over the bits of
  // predecessors(y) & prev_bits (on the jieba model ~8 in 50 pairs), in increasing
  // state order, a tie going to the later (larger) state. The same doubles are
  // compared: (V + trans) + emit. Returns false when the plain loop must decide (every
  // pair is -inf: then ties among all the predecessors decide).
  bool score_pruned(std::uint16_t y, double e) const {
    const pos_view& m = model;
    const std::uint32_t W = m.set_words(), N = m.states();
    const std::uint64_t* pred = m.predecessors(y);
    const double* trans = m.trans_ + y;  // trans[y0 * N] is y0's transition to y
    const double* sv = vs.state_v.data();
    double best = -std::numeric_limits<double>::infinity();
    std::uint32_t best_s = 0;
    for (std::uint32_t k = 0; k < W; ++k)
      for (std::uint64_t bits = pred[k] & vs.prev_bits[k]; bits != 0; bits &= bits - 1) {
        const std::uint32_t y0 = k * 64 + static_cast<std::uint32_t>(__builtin_ctzll(bits));
        const double x = (sv[y0] + trans[std::size_t{y0} * N]) + e;
        if (x >= best) best = x, best_s = y0;
      }
    if (best == -std::numeric_limits<double>::infinity()) return false;
    vs.state.push_back(y);
    vs.back.push_back(vs.state_entry[best_s]);
    vs.next_v.push_back(best);
    return true;
  }

  // __cut's state along the path: B opens a word at `begin`, E closes it, S is a word;
  // `next` is the character after the last word and `next_state` its state.
  struct path_cut {
    std::size_t begin = 0, next = 0;
    std::uint16_t next_state = 0;
  };
  template <class Word>
  void cut_step(path_cut& pc, std::size_t t, std::uint16_t s, Word& word) const {
    if (t == pc.next) pc.next_state = s;
    switch (model.state_position(s)) {
      case pos_view::B: pc.begin = t; break;
      case pos_view::E:
        word(pc.begin, t + 1, model.state_tag(s));
        pc.next = t + 1;
        break;
      case pos_view::S:
        word(t, t + 1, model.state_tag(s));
        pc.next = t + 1;
        break;
      default: break;
    }
  }

  // The arrays hold the entries of consecutive positions (the held positions; vs.begin
  // has one more element than them) and the scores of the last one.

  // Holds position 0 only, character ch: char_state_tab's states of it, or all states.
  void first_position(char32_t ch) const {
    const pos_view& m = model;
    auto& st = vs.state;
    auto& v = vs.v;
    st.clear();
    v.clear();
    vs.begin.assign(1, 0);
    const auto [cb, ce] = m.char_states(ch);
    if (cb != ce) {
      for (std::uint32_t i = cb; i < ce; ++i) {
        st.push_back(m.char_state(i));
        v.push_back(m.start(m.char_state(i)) + m.char_emit(i));
      }
    } else {
      for (std::uint32_t s = 0; s < m.states(); ++s) {
        st.push_back(static_cast<std::uint16_t>(s));
        v.push_back(m.start(s) + m.emit(s, ch));
      }
    }
    vs.back.assign(st.size(), 0);
    vs.begin.push_back(static_cast<std::uint32_t>(st.size()));
  }

  // Appends the entries of the next position, character ch, from the last held one.
  void advance(char32_t ch) const {
    const pos_view& m = model;
    const std::uint32_t W = m.set_words();
    auto& st = vs.state;
    auto& back = vs.back;
    auto& v = vs.v;
    auto& nv = vs.next_v;
    auto& prev = vs.prev;
    auto& expect = vs.expect;
    const std::uint32_t pb = vs.begin[vs.begin.size() - 2], pe = vs.begin.back();
    prev.clear();
    expect.assign(W, 0);
    bool pruned = m.log_probs();
    if (pruned) {
      vs.prev_bits.assign(W, 0);
      vs.state_v.resize(m.states());
      vs.state_entry.resize(m.states());
    }
    for (std::uint32_t i = pb; i < pe; ++i) {
      const std::uint16_t s = st[i];
      if (!m.has_successors(s)) continue;
      prev.push_back(static_cast<std::uint16_t>(i - pb));
      const std::uint64_t* su = m.successors(s);
      for (std::uint32_t k = 0; k < W; ++k) expect[k] |= su[k];
      if (pruned) {
        // A state twice at a position (a character listing it twice in an image):
        // the plain loop's first-entry rule decides between its entries.
        pruned = !((vs.prev_bits[s / 64] >> (s % 64)) & 1);
        vs.prev_bits[s / 64] |= std::uint64_t{1} << (s % 64);
        vs.state_v[s] = v[i - pb];
        vs.state_entry[s] = static_cast<std::uint16_t>(i - pb);
      }
    }
    nv.clear();
    // Absorbed scores (see the comment above viterbi()): every predecessor's score
    // is so far below zero that adding any transition leaves it unchanged.
    bool absorbed = prev.size() >= absorbed_min_predecessors;
    for (std::size_t k = 0; absorbed && k < prev.size(); ++k) {
      const double x = v[prev[k]];
      absorbed = x + m.trans_min_ == x && x + m.trans_max_ == x;
    }
    if (absorbed) order_absorbed(pb);
    auto score = [&](std::uint16_t y, double e) {
      if (absorbed && score_absorbed(y, e, pb)) return;
      if (pruned && score_pruned(y, e)) return;
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
    vs.begin.push_back(static_cast<std::uint32_t>(st.size()));
    v.swap(nv);
  }

  // The entry of the last held position that ends the best path: the best score, ties
  // to the larger state (an index into its entries).
  std::uint32_t best_last() const {
    const std::uint32_t lb = vs.begin[vs.begin.size() - 2], le = vs.begin.back();
    std::uint32_t best = lb;
    for (std::uint32_t i = lb + 1; i < le; ++i) {
      const double x = vs.v[i - lb], y = vs.v[best - lb];
      if (x > y || (x == y && vs.state[i] > vs.state[best])) best = i;
    }
    return best - lb;
  }

  // Follows the back pointers from entry i of the last held position to the first
  // held one: vs.path[h] = the state at held position h; returns the entry there.
  std::uint32_t trace(std::uint32_t i) const {
    const std::size_t held = vs.begin.size() - 1;
    vs.path.resize(held);
    std::uint32_t idx = vs.begin[held - 1] + i;
    for (std::size_t h = held; h-- > 0;) {
      vs.path[h] = vs.state[idx];
      if (h > 0) idx = vs.begin[h - 1] + vs.back[idx];
    }
    return idx;
  }

  // Checkpoints (long runs): the entries and scores of the last held position are
  // saved, or become the only held position, or a saved one comes back.
  void save_checkpoint() const {
    const std::uint32_t pb = vs.begin[vs.begin.size() - 2], pe = vs.begin.back();
    vs.ck_state.insert(vs.ck_state.end(), vs.state.begin() + pb, vs.state.begin() + pe);
    vs.ck_v.insert(vs.ck_v.end(), vs.v.begin(), vs.v.end());
    vs.ck_begin.push_back(static_cast<std::uint32_t>(vs.ck_state.size()));
  }
  void restore_checkpoint(std::size_t k) const {
    const std::uint32_t b = vs.ck_begin[k], e = vs.ck_begin[k + 1];
    vs.state.assign(vs.ck_state.begin() + b, vs.ck_state.begin() + e);
    vs.v.assign(vs.ck_v.begin() + b, vs.ck_v.begin() + e);
    vs.back.assign(e - b, 0);
    vs.begin.assign({0, e - b});
  }

  // A run whose entries outgrow vs.held_entries_max is cut in three passes, each step
  // recomputed from a checkpoint exactly as it was first computed (the same doubles):
  // forward, saving the entries of every segment_len-th position (saved from the start,
  // the arrays then hold one segment at most); backward, a segment at a time, to find
  // the entry of the best path at each checkpoint; forward again, a segment at a time,
  // cutting along the path. Memory: a segment's entries and the checkpoints (~2.5 KB
  // each over characters the model does not know) instead of 4 bytes an entry of every
  // position; time: three times the Viterbi's, for such runs only.
  static constexpr std::size_t segment_len = 2048;

  // posseg's viterbi() and __cut() on `len` Han characters, cp(t) the t-th: calls
  // word(x, y, tag) for each word, the characters [x, y).
  template <class Cp, class Word>
  void viterbi(std::size_t len, Cp&& cp, Word&& word) const {
    const pos_view& m = model;
    path_cut pc;
    first_position(cp(0));
    bool whole = true;  // the arrays hold every position
    if (len > segment_len) {
      vs.ck_state.clear();
      vs.ck_v.clear();
      vs.ck_begin.assign(1, 0);
      save_checkpoint();
    }
    for (std::size_t t = 1; t < len; ++t) {
      advance(cp(t));
      if (t % segment_len == 0) {
        save_checkpoint();
        whole = whole && vs.state.size() <= vs.held_entries_max;
        if (!whole) restore_checkpoint(t / segment_len);
      }
    }
    if (whole) {
      trace(best_last());
      for (std::size_t t = 0; t < len; ++t) cut_step(pc, t, vs.path[t], word);
    } else {
      const std::size_t segments = (len - 1 + segment_len - 1) / segment_len;  // segment j: [j L, (j + 1) L]
      auto recompute = [&](std::size_t j) {
        restore_checkpoint(j);
        const std::size_t end = std::min((j + 1) * segment_len, len - 1);
        for (std::size_t t = j * segment_len + 1; t <= end; ++t) advance(cp(t));
      };
      auto& ends = vs.ck_path;  // the best path's entry at the end of segment j
      ends.resize(segments);
      ends[segments - 1] = best_last();
      for (std::size_t j = segments - 1; j > 0; --j) {
        recompute(j);
        ends[j - 1] = trace(ends[j]);
      }
      for (std::size_t j = 0; j < segments; ++j) {
        recompute(j);
        trace(ends[j]);
        const std::size_t held = vs.path.size() - (j + 1 < segments ? 1 : 0);  // the end is the next one's start
        for (std::size_t h = 0; h < held; ++h) cut_step(pc, j * segment_len + h, vs.path[h], word);
      }
    }
    if (pc.next < len) word(pc.next, len, m.state_tag(pc.next_state));
  }
};

}  // namespace zhtext::detail
