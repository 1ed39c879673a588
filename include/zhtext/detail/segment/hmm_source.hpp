// zhtext/detail/segment/hmm_source.hpp - jieba's HMM files read into plain tables: the one
// builder of hmm_model (finalseg/prob_{start,trans,emit}.py, states 'B' 'M' 'E' 'S') and
// pos_model (posseg/char_state_tab.py and prob_*.py, states ('B', 'n') ...).
//
// The files are Python dicts (formats/py_literal.hpp's tokens); a key is a state, given
// as a string (finalseg) or a (position, tag) tuple of strings (posseg). As in Python, a
// key given twice keeps its last value (a whole row for the nested dicts). What the
// builder checks, with name:line:column errors, is what jieba's Viterbi would trip on:
// every state has a start probability, transitions (finalseg) and an emission table;
// the values are numbers; posseg's transition targets and char_state_tab's states are
// states, and none of them lack transitions (jieba's max() over no predecessors).
// Keys that are no state are ignored where jieba never asks for them.
//
// Cost: O(size of the files + states^2); pure; thread-safe.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "../../result.hpp"
#include "../formats/py_literal.hpp"
#include "../unicode/utf8_decode.hpp"
#include "hmm_view.hpp"

namespace zhtext::detail {

/// An HMM's tables, over states numbered 0..n-1 (finalseg: B M E S; posseg: the
/// (position, tag) tuples of prob_trans.py in Python's tuple order).
struct hmm_source {
  static constexpr std::uint32_t max_states = 1024;  ///< the transition table is dense (errors say 1024)
  static constexpr char32_t first_char = hmm_view::first_char, last_char = hmm_view::last_char;
  static constexpr std::size_t chars = last_char - first_char + 1;

  bool posseg = false;
  std::uint32_t n = 0, w = 0;             ///< states; words of a successor set, ceil(n / 64)
  std::vector<std::string> codes;         ///< the states' keys (key_code), sorted (finalseg: SB SE SM SS)
  std::vector<double> start;              ///< [n]
  std::vector<double> trans;              ///< [n * n]; finalseg MIN_FLOAT, posseg -inf where none
  std::vector<std::uint64_t> succ;        ///< [n * w] bit sets of each state's targets
  std::vector<std::uint32_t> emit_keys;   ///< (char - first_char) << 16 | state, sorted
  std::vector<double> emit_vals;          ///< the emission of each of emit_keys
  std::vector<std::uint32_t> char_index;  ///< posseg: [chars + 1], char_state_tab's states of each char
  std::vector<std::uint16_t> char_states; ///< into these two
  std::vector<double> char_emit;

  /// The key at token i as one string that sorts in Python's order among its kind:
  /// 'S' and a string's bytes, or 'T' and each string of a tuple of strings, NUL bytes
  /// written NUL 1, ended by NUL NUL. Empty for any other key.
  static std::string key_code(const py_literal& f, std::size_t i) {
    if (f.tokens[i].kind == 's') return "S" + std::string(f.str(i));
    std::string k = "T";
    for (std::size_t e = i + 1; f.tokens[i].kind == '(' && e + 1 < f.tokens[i].end; ++e) {
      if (f.tokens[e].kind != 's') return {};
      for (const char c : f.str(e)) {
        k += c;
        if (c == '\0') k += '\1';
      }
      k.append(2, '\0');
    }
    return k.size() > 1 ? k : std::string();
  }
  /// Part `part` of a tuple's key_code.
  static std::string code_part(const std::string& code, int part) {
    std::string out;
    std::size_t i = 1;
    for (; part > 0; --part, i += 2)
      while (code[i] != '\0' || code[i + 1] != '\0') i += code[i] == '\0' ? 2 : 1;
    for (; code[i] != '\0' || code[i + 1] != '\0'; i += code[i] == '\0' ? 2 : 1) out += code[i];
    return out;
  }

  /// The state of the key at token i of f, or -1.
  std::int64_t state_of(const py_literal& f, std::size_t i) const {
    const std::string k = key_code(f, i);
    const auto it = std::lower_bound(codes.begin(), codes.end(), k);
    if (it == codes.end() || *it != k || k.empty()) return -1;
    return posseg ? it - codes.begin() : static_cast<std::int64_t>(std::string_view("BMES").find(k[1]));
  }
  /// A state as jieba writes it: B, or ('B', 'n').
  std::string name(std::uint32_t s) const {
    if (!posseg) return std::string(1, "BMES"[s]);
    const std::string& code = codes[s];  // T, each part ended by NUL NUL
    std::string r = "('";
    for (std::size_t i = 1; i < code.size(); i += code[i] == '\0' ? 2 : 1)
      if (code[i] != '\0') r += code[i];
      else r.append(code[i + 1] == '\0' ? (i + 2 < code.size() ? "', '" : "')") : std::string_view("\0", 1));
    return r;
  }
  /// f's error at `offset`: why, the name of state s, tail.
  error state_error(const py_literal& f, std::size_t offset, std::string_view why, std::uint32_t s,
                    std::string_view tail = {}) const {
    return f.error_at(offset, why, name(s), tail);
  }
  /// The nested dict (its '{' token) that is state s's row[s] in f; 0, with `err`, when
  /// s has no row (`missing` and its name) or the row is not a dict.
  std::size_t row_dict(const py_literal& f, const std::vector<std::size_t>& row, std::uint32_t s,
                       std::string_view missing, std::string_view what, error& err) const {
    const std::size_t v = row[s] == 0 ? 0 : f.next(row[s]);
    if (v != 0 && f.tokens[v].kind == '{') return v;
    err = state_error(f, f.tokens[v].offset, v == 0 ? missing : what, s, v == 0 ? "" : " are not a dict");
    return 0;
  }
  bool has_succ(std::uint32_t s) const noexcept {
    for (std::uint32_t i = 0; i < w; ++i)
      if (succ[std::size_t{s} * w + i] != 0) return true;
    return false;
  }
  /// emit_p[s].get(cp, MIN_FLOAT) for cp in [first_char, last_char].
  double emission(std::uint32_t s, char32_t cp) const noexcept {
    const std::uint32_t key = (static_cast<std::uint32_t>(cp - first_char) << 16) | s;
    const auto it = std::lower_bound(emit_keys.begin(), emit_keys.end(), key);
    return it != emit_keys.end() && *it == key ? emit_vals[static_cast<std::size_t>(it - emit_keys.begin())]
                                               : hmm_view::min_float;
  }
  /// The one character of s, or -1.
  static std::int64_t one_char(std::string_view s) noexcept {
    const decoded d = decode_utf8(s);
    return s.empty() || d.size != s.size() ? -1 : std::int64_t{d.value};
  }
  /// row[s]: the row (key token) of state s in the top-level dict of f, the last one
  /// where a key repeats (Python keeps the last); 0 where s has none.
  void rows(const py_literal& f, std::vector<std::size_t>& row) const {
    row.assign(n, 0);
    for (std::size_t k = 1; k + 1 < f.tokens.size(); k = f.next(f.next(k)))
      if (const std::int64_t s = state_of(f, k); s >= 0) row[static_cast<std::size_t>(s)] = k;
  }
};

/// Reads an HMM from the texts of its files (named `names` in errors) into `m`:
/// posseg: char_state_tab, prob_start, prob_trans, prob_emit; finalseg: prob_start,
/// prob_trans, prob_emit. Errors: errc::parse_error (name:line:column: what),
/// errc::limit_exceeded.
inline result<void> read_hmm_source(const std::string_view* texts, const std::string* names, bool posseg,
                                    hmm_source& m) {
  py_literal files[4];
  for (int i = 0; i < 3 + posseg; ++i) {
    if (auto r = py_literal_parser(texts[i], names[i], files[i]).parse_assignment("P"); !r) return r;
    if (files[i].tokens[0].kind != '{') return files[i].error_at(files[i].tokens[0].offset, "P is not a dict");
  }
  const py_literal &start = files[posseg], &trans = files[posseg + 1], &emit = files[posseg + 2];
  m.posseg = posseg;
  if (posseg) {  // the states: prob_trans.py's keys
    for (std::size_t k = 1; k + 1 < trans.tokens.size(); k = trans.next(trans.next(k))) {
      if (trans.tokens[k].kind != '(' || trans.tokens[k].end != k + 4 || trans.tokens[k + 1].kind != 's' ||
          trans.tokens[k + 2].kind != 's')
        return trans.error_at(trans.tokens[k].offset, "a state is not a (position, tag) tuple of strings");
      m.codes.push_back(hmm_source::key_code(trans, k));
    }
    std::sort(m.codes.begin(), m.codes.end());
    m.codes.erase(std::unique(m.codes.begin(), m.codes.end()), m.codes.end());
    if (m.codes.empty()) return trans.error_at(trans.tokens[0].offset, "no states");
    if (m.codes.size() > hmm_source::max_states)
      return make_error(errc::limit_exceeded, trans.name + ": more than 1024 states");
  } else {
    for (const char c : std::string_view("BEMS")) m.codes.push_back(std::string("S") + c);
  }
  const std::uint32_t n = m.n = static_cast<std::uint32_t>(m.codes.size()), w = m.w = (n + 63) / 64;
  // Transitions.
  m.trans.assign(std::size_t{n} * n, posseg ? -std::numeric_limits<double>::infinity() : hmm_view::min_float);
  m.succ.assign(std::size_t{n} * w, 0);
  std::vector<std::size_t> row;  // rows(), then char_state_tab's entry of each character
  error err;
  m.rows(trans, row);
  for (std::uint32_t s = 0; s < n; ++s) {
    const std::size_t v = m.row_dict(trans, row, s, "no transitions from state ", "transitions of ", err);
    if (v == 0) return err;
    for (std::size_t e = v + 1; e + 1 < trans.tokens[v].end; e = trans.next(trans.next(e))) {
      const std::int64_t to = m.state_of(trans, e);
      const py_token& p = trans.tokens[trans.next(e)];
      if (to < 0 && posseg)
        return m.state_error(trans, trans.tokens[e].offset, "a transition of ", s, " goes to an unknown state");
      if (to < 0) continue;  // finalseg: jieba only ever asks for B, M, E, S
      if (p.kind != 'n') return trans.error_at(p.offset, "a transition probability is not a number");
      m.trans[std::size_t{s} * n + static_cast<std::size_t>(to)] = p.number;
      m.succ[std::size_t{s} * w + static_cast<std::size_t>(to) / 64] |= std::uint64_t{1} << (to % 64);
    }
  }
  if (posseg) {
    bool any = false;
    for (std::uint32_t s = 0; s < n; ++s) {
      any = any || m.has_succ(s);
      for (std::uint32_t t = 0; t < n; ++t)
        if (((m.succ[std::size_t{s} * w + t / 64] >> (t % 64)) & 1) && !m.has_succ(t))
          return m.state_error(trans, trans.tokens[0].offset, "state ", t,
                               " has no transitions but follows " + m.name(s) + " (jieba's Viterbi would fail)");
    }
    if (!any) return trans.error_at(trans.tokens[0].offset, "no state has transitions");
  }
  // Start probabilities.
  m.rows(start, row);
  for (std::uint32_t s = 0; s < n; ++s) {
    if (row[s] == 0) return m.state_error(start, start.tokens[0].offset, "no start probability for state ", s);
    const py_token& p = start.tokens[start.next(row[s])];
    if (p.kind != 'n') return start.error_at(p.offset, "a start probability is not a number");
    m.start.push_back(p.number);
  }
  // Emissions of the characters the Viterbi sees: sorted by key; the later of a key given twice wins.
  std::vector<std::uint64_t> order;  // key << 32 | index into em
  std::vector<double> em;
  m.rows(emit, row);
  for (std::uint32_t s = 0; s < n; ++s) {
    const std::size_t v = m.row_dict(emit, row, s, "no emission table for state ", "emissions of ", err);
    if (v == 0) return err;
    for (std::size_t e = v + 1; e + 1 < emit.tokens[v].end; e = emit.next(emit.next(e))) {
      const py_token& p = emit.tokens[emit.next(e)];
      if (p.kind != 'n') return emit.error_at(p.offset, "an emission probability is not a number");
      const std::int64_t c = emit.tokens[e].kind == 's' ? hmm_source::one_char(emit.str(e)) : -1;
      if (c < hmm_source::first_char || c > hmm_source::last_char) continue;  // never looked up
      if (em.size() > 0xFFFFFFFF) return make_error(errc::limit_exceeded, emit.name + ": too many emissions");
      order.push_back(std::uint64_t{(static_cast<std::uint32_t>(c - hmm_source::first_char) << 16) | s} << 32 | em.size());
      em.push_back(p.number);
    }
  }
  std::sort(order.begin(), order.end());
  for (std::size_t i = 0; i < order.size(); ++i) {
    if (i + 1 < order.size() && order[i + 1] >> 32 == order[i] >> 32) continue;
    m.emit_keys.push_back(static_cast<std::uint32_t>(order[i] >> 32));
    m.emit_vals.push_back(em[static_cast<std::uint32_t>(order[i])]);
  }
  if (!posseg) return {};
  // char_state_tab: each character's states (the last entry of a character wins).
  const py_literal& cs = files[0];
  row.assign(hmm_source::chars, 0);
  for (std::size_t k = 1; k + 1 < cs.tokens.size(); k = cs.next(cs.next(k))) {
    const std::int64_t c = cs.tokens[k].kind == 's' ? hmm_source::one_char(cs.str(k)) : -1;
    if (c < 0 && cs.tokens[k].kind != 's') return cs.error_at(cs.tokens[k].offset, "a key is not a string");
    if (c < 0) return cs.error_at(cs.tokens[k].offset, "key '", cs.str(k), "' is not one character");
    const std::size_t v = cs.next(k);
    if (cs.tokens[v].kind != '(') return cs.error_at(cs.tokens[v].offset, "the states of '", cs.str(k), "' are not a tuple");
    if (c < hmm_source::first_char || c > hmm_source::last_char) continue;  // never looked up
    bool any = false;
    for (std::size_t e = v + 1; e + 1 < cs.tokens[v].end; e = cs.next(e)) {
      const std::int64_t s = m.state_of(cs, e);
      if (s < 0) return cs.error_at(cs.tokens[e].offset, "'", cs.str(k), "' has an unknown state");
      any = any || m.has_succ(static_cast<std::uint32_t>(s));
    }
    if (!any)
      return cs.error_at(cs.tokens[v].offset, "no state of '", cs.str(k), "' has transitions (jieba's Viterbi would fail)");
    row[static_cast<std::size_t>(c - hmm_source::first_char)] = k;
  }
  m.char_index.push_back(0);
  for (std::size_t c = 0; c < hmm_source::chars; ++c) {
    if (row[c] != 0) {
      const std::size_t v = cs.next(row[c]);
      for (std::size_t e = v + 1; e + 1 < cs.tokens[v].end; e = cs.next(e)) {
        const auto s = static_cast<std::uint32_t>(m.state_of(cs, e));
        m.char_states.push_back(static_cast<std::uint16_t>(s));
        m.char_emit.push_back(m.emission(s, static_cast<char32_t>(hmm_source::first_char + c)));
      }
    }
    m.char_index.push_back(static_cast<std::uint32_t>(m.char_states.size()));
  }
  return {};
}

}  // namespace zhtext::detail
