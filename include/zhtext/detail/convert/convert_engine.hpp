// zhtext/detail/convert/convert_engine.hpp - conversion as OpenCC 1.1.6 converts, over a
// compiled image (convert_image.hpp).
//
// OpenCC's rules (Converter::Convert, MaxMatchSegmentation::Segment,
// Conversion::Convert, DictGroup::MatchPrefix, MarisaDict::MatchPrefix):
//  1. Segmentation: from the start, the longest key of the segmentation dictionary
//     that is a byte prefix of the rest of the text is a segment; where no key matches,
//     the character joins a run of such characters, and the run is one segment (it ends
//     where the next match starts).
//  2. Each step of the chain converts each segment on its own, left to right: the
//     longest key (of the step's dictionary; of a group, the first dictionary that has
//     a match) that is a prefix of the rest of the segment becomes the entry's first
//     value; an unmatched character is copied. A match never crosses a segment's end,
//     and step k+1 sees the segments of step k's output, one per segment of the input.
//  3. The output is the concatenation of the last step's segments.
// Keys are matched on bytes, so on well-formed text a match always ends on a character
// boundary. Line ends are ordinary characters that no key holds, so converting line by
// line (opencc reading stdin) and converting a whole text give the same output.
//
// The engine works on well-formed UTF-8 only (convert.hpp repairs the input first:
// each maximal ill-formed subpart becomes U+FFFD). Every read is still bounded by the
// text's end, so a crafted image cannot make it read out of bounds.
//
// Shapes: convert_text() (appends to a string), convert_mapped() (with an offset_map
// back to the input: character by character where a key and its value have as many
// characters, see mapped_sink), convert_pipeline (streaming: the segmentation and each
// step keep the part whose matches could still grow; bounded by the longest key). All
// use the same loops - segment_span() or, when the image allows, single_walk_span() for
// the segmentation and step 1, convert_span() for a step on a segment - so they agree
// by construction on every decision taken; the tests check it for any chunking.
// Cost: one trie walk per character position of the segmentation and of each step (a
// walk is one table read and one unit per character), plus the output. Thread-safe:
// the functions are pure; a convert_pipeline is one stream's state.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "../platform/linkage.hpp"  // ZHTEXT_ALWAYS_INLINE, ZHTEXT_LAMBDA_INLINE
#include "../unicode/utf8_decode.hpp"
#include "convert_image.hpp"

namespace zhtext::detail {

/// The character at s[q] (q < n) of well-formed text: its code point in `cp` and its
/// size. Never reads past n: a byte that does not start a complete sequence (only in
/// text a crafted image produced) is one character U+FFFD.
ZHTEXT_ALWAYS_INLINE std::size_t convert_char_at(const unsigned char* s, std::size_t q, std::size_t n, char32_t& cp) noexcept {
  const unsigned c = s[q];
  if (c < 0x80) {
    cp = c;
    return 1;
  }
  if (c >= 0xE0 && c < 0xF0 && n - q >= 3) {
    cp = ((c & 0x0Fu) << 12) | ((s[q + 1] & 0x3Fu) << 6) | (s[q + 2] & 0x3Fu);
    return 3;
  }
  if (c >= 0xC0 && c < 0xE0 && n - q >= 2) {
    cp = ((c & 0x1Fu) << 6) | (s[q + 1] & 0x3Fu);
    return 2;
  }
  if (c >= 0xF0 && c < 0xF5 && n - q >= 4) {
    cp = ((c & 0x07u) << 18) | ((s[q + 1] & 0x3Fu) << 12) | ((s[q + 2] & 0x3Fu) << 6) | (s[q + 3] & 0x3Fu);
    if (cp > 0x10FFFF) cp = replacement_character;
    return 4;
  }
  cp = replacement_character;
  return 1;
}

/// The end of a walk: the node's result (0: no key matches), the bytes walked, the
/// size of the first character (to step over it when nothing matches), and whether the
/// walk stopped at the end of the text (more text could extend it).
struct convert_walk {
  std::uint32_t result;
  std::size_t walked;
  std::size_t first;
  bool open;
};

/// The longest match of matcher `m` at s[p] in s[p, n), p < n.
ZHTEXT_ALWAYS_INLINE convert_walk longest_match(const convert_view& v, const matcher_view& m, const unsigned char* s, std::size_t p,
                                  std::size_t n) noexcept {
  char32_t cp;
  const std::size_t first = convert_char_at(s, p, n, cp);
  std::uint32_t label = v.label(cp);
  if (label == 0) return {0, 0, first, false};  // most characters: in no key at all
  std::uint32_t node = 0, value = 0;
  std::size_t q = p, size = first;
  for (;;) {
    const std::uint32_t next = m.trie.child(node, label);
    if (next == no_node) break;
    node = next;
    q += size;
    value = m.trie.units[node].value;
    if ((value & leaf_bit) != 0) return {value & ~leaf_bit, q - p, first, false};
    if (q == n) break;
    size = convert_char_at(s, q, n, cp);
    label = v.label(cp);
    if (label == 0) break;
  }
  return {value, q - p, first, q == n};
}

/// Appends to a string through a raw pointer (no size check per byte): room is made in
/// steps, and the string is cut to what was written by done() or the destructor.
class text_writer {
 public:
  text_writer(std::string& out, std::size_t expect) : s_(out), n_(out.size()) { reserve(expect); }
  text_writer(const text_writer&) = delete;
  text_writer& operator=(const text_writer&) = delete;
  ~text_writer() { done(); }

  void put(const char* src, std::size_t k) {
    if (k > room_) reserve(k);
    std::memcpy(s_.data() + n_, src, k);
    n_ += k;
    room_ -= k;
  }
  /// Like put(), for k <= 8 from a source with 8 readable bytes at `src` (padded values).
  void put_short(const char* src, std::size_t k) {
    if (room_ < 8) reserve(8);
    std::memcpy(s_.data() + n_, src, 8);
    n_ += k;
    room_ -= k;
  }
  std::size_t size() const noexcept { return n_; }
  void done() { s_.resize(n_); room_ = 0; }

 private:
  void reserve(std::size_t k) {
    s_.resize(std::max(n_ + k + 8, s_.size() + s_.size() / 2 + 64));
    room_ = s_.size() - n_ - 8;  // 8 bytes of slack for put_short
  }
  std::string& s_;
  std::size_t n_;
  std::size_t room_ = 0;
};

/// Writes converted text. Sinks receive, in order, copies of the text's bytes, values
/// that replace matched bytes, and the ends of the segments they belong to (recorded
/// in `ends` when it is set: the next step of a chain needs them).
struct string_sink {
  text_writer& out;
  const char* text;
  const char* values;
  std::vector<std::size_t>* ends = nullptr;
  void copy(std::size_t begin, std::size_t n) { out.put(text + begin, n); }
  void value(std::size_t, std::size_t, const match_result& r) {
    if (r.value_size <= 8) out.put_short(values + r.value_begin, r.value_size);
    else out.put(values + r.value_begin, r.value_size);
  }
  void end_segment() {
    if (ends != nullptr && (ends->empty() || ends->back() != out.size())) ends->push_back(out.size());
  }
};

/// Writes step 1's output over a copy of the text while every value has the byte length
/// of its key (t2s and s2t: almost every line), so that a copy costs nothing and a value
/// is one store; at the first value of another length it goes on by appending. Knows
/// at the end whether every output character starts where its input character did
/// (same_starts(): offsets need no map).
class overwrite_sink {
 public:
  overwrite_sink(std::string& out, std::string_view text, const char* values)
      : out_(out), base_(out.size()), text_(text.data()), n_(text.size()), values_(values) {
    out.append(text_, n_);
    at_ = &out[base_];
  }
  overwrite_sink(const overwrite_sink&) = delete;
  overwrite_sink& operator=(const overwrite_sink&) = delete;

  void copy(std::size_t begin, std::size_t n) {
    if (!in_place_) out_.append(text_ + begin, n);
  }
  void value(std::size_t begin, std::size_t n, const match_result& r) {
    const char* v = values_ + r.value_begin;
    if (in_place_ && r.value_size == n) {
      if ((r.flags & match_result::same) != 0) return;
      // Well-formed key and value (checked when the image was opened): of three bytes
      // each, led by E0..EF, they are one character each.
      if (same_starts_ && !(n == 3 && (static_cast<unsigned char>(v[0]) & 0xF0) == 0xE0 &&
                            (static_cast<unsigned char>(text_[begin]) & 0xF0) == 0xE0))
        same_starts_ = same_continuations(text_ + begin, v, n);
      char* at = at_ + begin;
      if (n == 3) {  // a CJK character: inline stores, no call
        std::memcpy(at, v, 2);
        at[2] = v[2];
      } else {
        std::memcpy(at, v, n);
      }
      return;
    }
    if (in_place_) {  // from here on, append
      in_place_ = false;
      same_starts_ = false;
      out_.resize(base_ + begin);
    }
    out_.append(v, r.value_size);
  }
  void end_segment() {}
  bool same_starts() const noexcept { return in_place_ && same_starts_; }
  /// Whether the output is still the text overwritten in place, and where: at()[i] is
  /// the output of input byte i (direct_walk_text writes there).
  bool in_place() const noexcept { return in_place_; }
  char* at() const noexcept { return at_; }

 private:
  // Whether a[0, n) and b[0, n) have their continuation bytes at the same places (b is
  // readable 8 bytes on: a value).
  static bool same_continuations(const char* a, const char* b, std::size_t n) noexcept {
    for (std::size_t i = 0; i < n; ++i)
      if (is_continuation(static_cast<unsigned char>(a[i])) != is_continuation(static_cast<unsigned char>(b[i])))
        return false;
    return true;
  }

  std::string& out_;
  std::size_t base_;
  const char* text_;
  std::size_t n_;
  const char* values_;
  char* at_;  // the output of input byte 0 while in place
  bool in_place_ = true;
  bool same_starts_ = true;
};

/// Writes converted text and records where each piece came from, and where segments end.
/// A match whose key and value have as many characters (all entries of OpenCC's
/// dictionaries but the regional phrases of TWPhrases*) maps character by character:
/// 計畫 -> 计划 is 計 -> 计 and 畫 -> 划, so that a boundary between any two output
/// characters maps to a boundary of the input.
template <class Map>
struct mapped_sink {
  std::string& out;
  Map& map;
  std::vector<std::size_t>& ends;
  const char* text;
  const char* values;
  void copy(std::size_t begin, std::size_t n) {
    out.append(text + begin, n);
    map.add_copy(begin, n);
  }
  void value(std::size_t begin, std::size_t n, const match_result& r) {
    const char* v = values + r.value_begin;
    out.append(v, r.value_size);
    if ((r.flags & match_result::same) != 0 && r.value_size == n) {
      map.add_copy(begin, n);
      return;
    }
    const auto* k = reinterpret_cast<const unsigned char*>(text + begin);
    const auto* w = reinterpret_cast<const unsigned char*>(v);
    char32_t cp;
    if (convert_char_at(k, 0, n, cp) < n && aligned(text + begin, n, v, r.value_size)) {  // 2+ characters
      std::size_t i = 0, j = 0;
      while (i < n) {
        const std::size_t a = convert_char_at(k, i, n, cp), b = convert_char_at(w, j, r.value_size, cp);
        if (a == b && std::memcmp(k + i, w + j, a) == 0) map.add_copy(begin + i, a);
        else map.add_replacement(begin + i, begin + i + a, b);
        i += a;
        j += b;
      }
      return;
    }
    map.add_replacement(begin, begin + n, r.value_size);
  }
  // Whether the two strings have as many characters.
  static bool aligned(const char* a, std::size_t na, const char* b, std::size_t nb) {
    const auto* x = reinterpret_cast<const unsigned char*>(a);
    const auto* y = reinterpret_cast<const unsigned char*>(b);
    std::size_t i = 0, j = 0;
    char32_t cp;
    while (i < na && j < nb) {
      i += convert_char_at(x, i, na, cp);
      j += convert_char_at(y, j, nb, cp);
    }
    return i == na && j == nb;
  }
  void end_segment() {
    if (ends.empty() || ends.back() != out.size()) ends.push_back(out.size());
  }
};

/// Converts text[b, e) (one segment, or the decided part of one) with matcher `m`, left
/// to right by longest match, into `sink`. Unless `final`, stops before the first
/// position whose match could still grow with text after e. Returns where it stopped.
template <class Sink>
std::size_t convert_span(const convert_view& v, const matcher_view& m, std::string_view text, std::size_t b,
                         std::size_t e, bool final, Sink& sink) {
  const unsigned char* s = bytes(text);
  std::size_t p = b, copy_from = b;
  while (p < e) {
    const convert_walk w = longest_match(v, m, s, p, e);
    if (w.open && !final) break;
    if (w.result != 0) {
      const match_result& r = m.results[w.result];
      const std::size_t n = std::min<std::size_t>(r.key_size, w.walked);
      if (copy_from < p) sink.copy(copy_from, p - copy_from);
      sink.value(p, n, r);
      p += n;
      copy_from = p;
    } else {
      p += w.first;
    }
  }
  if (copy_from < p) sink.copy(copy_from, p - copy_from);
  return p;
}

/// Segments text[b, size) as OpenCC's mmseg does: calls on_key(begin, size, result) for
/// each match of the segmentation and on_run(begin, end, closed) for the unmatched
/// characters between them (closed: the run's segment ends there; an empty closed run
/// ends a run reported open before). Unless `final`, stops before the first position
/// whose match could still grow, reporting the run so far as open. Returns where it
/// stopped.
template <class OnRun, class OnKey>
std::size_t segment_span(const convert_view& v, std::string_view text, std::size_t b, bool final, OnRun&& on_run,
                         OnKey&& on_key) {
  const unsigned char* s = bytes(text);
  const std::size_t n = text.size();
  const matcher_view& seg = v.matchers[0];
  std::size_t p = b, run_from = b;
  while (p < n) {
    const convert_walk w = longest_match(v, seg, s, p, n);
    if (w.open && !final) break;
    if (w.result != 0) {
      const match_result& r = seg.results[w.result];
      const std::size_t size = std::min<std::size_t>(r.key_size, w.walked);
      on_run(run_from, p, true);
      on_key(p, size, r);
      p += size;
      run_from = p;
    } else {
      p += w.first;
    }
  }
  on_run(run_from, p, final);
  return p;
}

/// Segmentation and step 1 in one walk of step 1's trie (convert_view::single_walk,
/// see convert_image.hpp): writes step 1's output of text[b, size) into `sink`, with
/// the segment ends. `open_run`: a run segment is open (in: from earlier text; out: at
/// the stop). Unless `final`, stops where a match could still grow; and it stops at the
/// first step that ends at or after `stop` (direct_walk_text: one phrase). Returns
/// where it stopped.
///
/// The same decisions as longest_match() at every position, taken with each character
/// decoded and labelled once: most characters are in no key, or end their walk at
/// depth 1 (a leaf, or a next character that continues no key), and the next
/// character, read to rule out a longer key, is where the next walk starts. A walk
/// that goes deeper (a phrase, or a prefix of one) is done by longest_match().
template <class Sink>
std::size_t single_walk_span(const convert_view& v, std::string_view text, std::size_t b, bool final, Sink& sink,
                             bool& open_run_io, std::size_t stop = std::size_t(-1)) {
  const unsigned char* const s = bytes(text);
  const std::size_t n = text.size();
  const matcher_view& m = v.matchers[1];
  // Locals, not members read through `v` and `m`: the sink writes chars, which may
  // alias anything, so the compiler would reload them after every write.
  const da_unit* const units = m.trie.units;
  const std::uint64_t units_size = m.trie.size;
  const std::uint64_t root_base = units[0].base;
  const std::uint16_t* const top = v.top;
  const std::uint32_t* const pages = v.pages;
  const std::uint32_t* const block3 = v.block3.data();
  const bool ascii_free = v.ascii_free;
  auto child = [&](std::uint32_t node, std::uint64_t base, std::uint32_t lab) ZHTEXT_LAMBDA_INLINE {
    const std::uint64_t t = base + lab;
    return t < units_size && units[t].check == node ? static_cast<std::uint32_t>(t) : no_node;
  };
  // The character at `at` (< n): its size and label.
  auto read = [&](std::size_t at, std::size_t& size) ZHTEXT_LAMBDA_INLINE -> std::uint32_t {
    const unsigned c = s[at];
    if (c < 0x80 && ascii_free) {
      size = 1;
      return 0;
    }
    if (c >= 0xE0 && c < 0xF0 && n - at >= 3) {  // all of CJK: convert_view::label3
      size = 3;
      return pages[block3[((c & 0x0Fu) << 6) | (s[at + 1] & 0x3Fu)] + (s[at + 2] & 0x3Fu)];
    }
    char32_t cp;
    size = convert_char_at(s, at, n, cp);
    return pages[std::size_t{top[cp >> 8]} * 256 + (cp & 0xFF)];
  };
  bool open_run = open_run_io;  // a local: see above
  std::size_t p = b, copy_from = b;
  std::size_t len = 0;       // the character at p: its size,
  std::uint32_t label = 0;   // its label
  bool read_ahead = false;   // and whether they are known
  while (p < n && p < stop) {
    if (!read_ahead) {  // characters in no key join the run: skip them
      const std::size_t from = p;
      while ((label = read(p, len)) == 0 && (p += len) < n) {
      }
      if (p != from) open_run = true;
      if (p >= n) break;
    }
    read_ahead = false;
    std::uint32_t result = 0;
    std::size_t walked = len;
    std::size_t next_len = 0;  // > 0: the character at p + len is read
    std::uint32_t next_label = 0;
    const std::uint32_t node = child(0, root_base, label);
    if (node != no_node) {
      const std::uint32_t value = units[node].value;
      if ((value & leaf_bit) != 0) {
        result = value & ~leaf_bit;
      } else if (p + len == n) {  // more text could extend the match
        if (!final) break;
        result = value;
      } else {
        next_label = read(p + len, next_len);
        if (next_label == 0 || child(node, units[node].base, next_label) == no_node) {
          result = value;
        } else {  // a longer key may match: the whole walk
          const convert_walk w = longest_match(v, m, s, p, n);
          if (w.open && !final) break;
          result = w.result;
          walked = w.walked;
          next_len = 0;
        }
      }
    }
    std::size_t step = len;
    if (result == 0) {
      open_run = true;
    } else {
      const match_result& r = m.results[result];
      step = std::min<std::size_t>(r.key_size, walked);
      if (copy_from < p) sink.copy(copy_from, p - copy_from);
      if ((r.flags & match_result::segmentation) != 0) {
        if (open_run) sink.end_segment();
        sink.value(p, step, r);
        sink.end_segment();
        open_run = false;
      } else {
        sink.value(p, step, r);
        open_run = true;
      }
      copy_from = p + step;
    }
    p += step;
    if (next_len != 0 && step == len) {  // the next walk starts at the character read
      if (next_label != 0) {
        len = next_len;
        label = next_label;
        read_ahead = true;
      } else {
        p += next_len;
        open_run = true;
      }
    }
  }
  if (copy_from < p) sink.copy(copy_from, p - copy_from);
  if (final && p >= n && open_run) {
    sink.end_segment();
    open_run = false;
  }
  open_run_io = open_run;
  return p;
}

/// Step 1 of a single_walk image with direct3 (see convert_image.hpp), in place: each
/// character of three bytes is looked up in direct3 (two table reads, no trie) and
/// overwritten or left as it is; where a phrase may start (direct_walk), or at a
/// character of another size that is not ASCII in no key, single_walk_span() takes a
/// window of the text from there (as convert_stream() does, not final: it stops where
/// a match could reach past the window, and the window grows when that is at once)
/// for one step (the match or character at that place; the direct table goes on after
/// it), so every decision is the one single_walk_span() takes on the whole text. Once the
/// output leaves the text's place (a value of another byte length), the rest is
/// single_walk_span()'s.
inline void direct_walk_text(const convert_view& v, std::string_view text, overwrite_sink& sink, bool& open_run) {
  const unsigned char* const s = bytes(text);
  const std::size_t n = text.size();
  const std::uint32_t* const d = v.direct3.data();
  const std::uint32_t* const db = v.direct3_block.data();
  const bool ascii_free = v.ascii_free;
  const std::size_t window = std::size_t{v.matchers[1].max_key_chars} * 4 + 4;
  char* const out = sink.at();
  std::size_t p = 0;
  while (p < n) {
    const unsigned c = s[p];
    if (c < 0x80 && ascii_free) {
      ++p;
      continue;
    }
    if (c >= 0xE0 && c < 0xF0 && n - p >= 3) {
      const std::uint32_t e = d[db[((c & 0x0Fu) << 6) | (s[p + 1] & 0x3Fu)] + (s[p + 2] & 0x3Fu)];
      if (e < convert_view::direct_walk) {
        if (e != 0) {
          out[p] = static_cast<char>(e & 0xFF);
          out[p + 1] = static_cast<char>((e >> 8) & 0xFF);
          out[p + 2] = static_cast<char>((e >> 16) & 0xFF);
        }
        p += 3;
        continue;
      }
    }
    std::size_t size = window;
    std::size_t q = p;
    for (;;) {
      std::size_t end = n - p > size ? p + size : n;
      while (end < n && is_continuation(s[end])) --end;  // whole characters
      q = single_walk_span(v, text.substr(0, end), p, end == n, sink, open_run, p + 1);
      if (q > p || end == n) break;
      size *= 2;
    }
    if (!sink.in_place()) {
      single_walk_span(v, text, q, true, sink, open_run);
      return;
    }
    p = q;
  }
  if (open_run) {
    sink.end_segment();
    open_run = false;
  }
}

/// Segmentation and step 1 of well-formed text[b, size), final, into `sink` (step 1's
/// output with the segment ends).
template <class Sink>
void first_step(const convert_view& v, std::string_view text, Sink& sink) {
  if (v.single_walk) {
    bool open_run = false;
    single_walk_span(v, text, 0, true, sink, open_run);
    return;
  }
  segment_span(
      v, text, 0, true,
      [&](std::size_t b, std::size_t e, bool) {
        if (b == e) return;
        convert_span(v, v.matchers[1], text, b, e, true, sink);
        sink.end_segment();
      },
      [&](std::size_t p, std::size_t size, const match_result& r) {
        if (v.fused) sink.value(p, size, r);
        else convert_span(v, v.matchers[1], text, p, p + size, true, sink);
        sink.end_segment();
      });
}

/// Converts well-formed `text` (see the top of this file), appending to `out`. Returns
/// whether every character of the conversion is known to start at the same offset
/// (from out's old end) as in `text`, so that offsets need no map: true when the
/// conversion is one step done in place (overwrite_sink) and kept each character's
/// byte length; false when it is not known.
inline bool convert_text(const convert_view& v, std::string_view text, std::string& out) {
  const std::size_t steps = v.steps();
  if (steps == 0) {
    out.append(text);
    return true;
  }
  if (steps == 1 && v.single_walk) {
    overwrite_sink sink(out, text, v.values);
    bool open_run = false;
    if (!v.direct3.empty()) direct_walk_text(v, text, sink, open_run);
    else single_walk_span(v, text, 0, true, sink, open_run);
    return sink.same_starts();
  }
  if (steps == 1) {
    text_writer w(out, text.size() + text.size() / 8);
    string_sink sink{w, text.data(), v.values};
    first_step(v, text, sink);
    return false;
  }
  // Step 1 into `cur` with its segment ends, then each further step over the segments
  // of the previous output, the last one into `out`. Once every remaining step has
  // one-character keys only, segment ends no longer matter: the rest is one span each.
  std::string cur, next;
  std::vector<std::size_t> ends, next_ends;
  {
    text_writer w(cur, text.size() + text.size() / 8);
    string_sink sink{w, text.data(), v.values, &ends};
    first_step(v, text, sink);
  }
  std::size_t boundary_free = steps + 1;  // steps from here on never match across a segment's end
  while (boundary_free > 2 && v.matchers[boundary_free - 1].max_key_chars <= 1) --boundary_free;
  for (std::size_t k = 2; k <= steps; ++k) {
    std::string& target = k == steps ? out : next;
    if (k != steps) target.clear();
    next_ends.clear();
    {
      text_writer w(target, cur.size() + cur.size() / 8);
      string_sink sink{w, cur.data(), v.values, &next_ends};
      if (k >= boundary_free) {
        convert_span(v, v.matchers[k], cur, 0, cur.size(), true, sink);
      } else {
        std::size_t b = 0;
        for (std::size_t e : ends) {
          convert_span(v, v.matchers[k], cur, b, e, true, sink);
          sink.end_segment();
          b = e;
        }
      }
    }
    if (k != steps) {
      cur.swap(next);
      ends.swap(next_ends);
    }
  }
  return false;
}

/// `inner` (source -> middle) followed by `outer` (middle -> output): a map from the
/// source to the output. Where a replacement of one map overlaps pieces of the other,
/// they merge into one replacement, so every piece still maps output bytes to exactly
/// the source bytes they came from; a run of equal replacements is taken one unit at a
/// time. O(pieces of both + replacement units).
template <class Map>
Map compose_offset_maps(const Map& outer, const Map& inner) {
  const auto& I = inner.pieces();
  const auto& O = outer.pieces();
  Map out;
  // Consumed of the current piece of each map: bytes of a copy, units of a replacement.
  std::size_t i = 0, o = 0, i_used = 0, o_used = 0;
  std::size_t src = 0;
  bool consistent = true;  // the two maps agree on the middle text's size
  // Takes up to `limit` middle bytes of piece k of P (one whole unit of a replacement),
  // adding its size on the middle text's side to `mid` and on the other side to `far`.
  auto take = [](const auto& P, bool mid_is_out, std::size_t& k, std::size_t& used, std::size_t limit,
                 std::size_t& far, std::size_t& mid) {
    const auto& p = P[k];
    const std::size_t p_mid = mid_is_out ? p.out_size : p.src_size;
    if (p.copy) {
      const std::size_t n = std::min(p_mid - used, limit);
      far += n;
      mid += n;
      if ((used += n) == p_mid) ++k, used = 0;
    } else {  // one unit of a run of equal replacements (see offset_map::piece)
      far += (mid_is_out ? p.src_size : p.out_size) / p.units;
      mid += p_mid / p.units;
      if (++used == p.units) ++k, used = 0;
    }
  };
  auto take_inner = [&](std::size_t limit, std::size_t& src_size, std::size_t& mid) {
    take(I, true, i, i_used, limit, src_size, mid);
  };
  auto take_outer = [&](std::size_t limit, std::size_t& out_size, std::size_t& mid) {
    take(O, false, o, o_used, limit, out_size, mid);
  };
  while (consistent && (i < I.size() || o < O.size())) {
    const bool inner_copy = i < I.size() && I[i].copy, outer_copy = o < O.size() && O[o].copy;
    if (inner_copy && outer_copy) {  // both copy: copy as far as both go
      const std::size_t k = std::min(I[i].out_size - i_used, O[o].src_size - o_used);
      out.add_copy(src, k);
      src += k;
      if ((i_used += k) == I[i].out_size) ++i, i_used = 0;
      if ((o_used += k) == O[o].src_size) ++o, o_used = 0;
      continue;
    }
    // A replacement starts here: take pieces until both maps stand at the same middle
    // offset again; the side behind moves (copies only as far as the other side).
    std::size_t src_size = 0, out_size = 0, mid_in = 0, mid_out = 0;
    do {
      if (mid_in < mid_out) {
        if (i >= I.size()) consistent = false;
        else take_inner(mid_out - mid_in, src_size, mid_in);
      } else if (mid_out < mid_in) {
        if (o >= O.size()) consistent = false;
        else take_outer(mid_in - mid_out, out_size, mid_out);
      } else if (i < I.size() && !I[i].copy) {
        take_inner(0, src_size, mid_in);
      } else if (o < O.size() && !O[o].copy) {
        take_outer(0, out_size, mid_out);
      } else {
        consistent = false;  // a copy facing the end of the other map
      }
    } while (consistent && mid_in != mid_out);
    out.add_replacement(src, src + src_size, out_size);
    src += src_size;
  }
  return out;
}

/// `text` with each maximal ill-formed subpart replaced by U+FFFD, and the map back.
template <class Result>
Result repair_utf8_mapped(std::string_view text) {
  Result r;
  r.text.reserve(text.size() + 16);
  std::size_t i = 0;
  while (i < text.size()) {
    const utf8_validation bad = validate_utf8(text.substr(i));
    if (bad.ok) {
      r.text.append(text.substr(i));
      r.map.add_copy(i, text.size() - i);
      break;
    }
    r.text.append(text.substr(i, bad.offset));
    r.map.add_copy(i, bad.offset);
    r.text.append(replacement_utf8);
    r.map.add_replacement(i + bad.offset, i + bad.offset + bad.length, replacement_utf8.size());
    i += bad.offset + bad.length;
  }
  return r;
}

/// Converts well-formed `text` with an offset map back to it.
template <class Result>
Result convert_mapped(const convert_view& v, std::string_view text) {
  Result r;
  if (v.steps() == 0) {
    r.text = std::string(text);
    r.map.add_copy(0, text.size());
    return r;
  }
  // Step 1 (with the segmentation), then each further step over the segments of the
  // previous step's output (their ends in `ends`).
  std::vector<std::size_t> ends;
  r.text.reserve(text.size() + text.size() / 8);
  {
    mapped_sink<decltype(r.map)> sink{r.text, r.map, ends, text.data(), v.values};
    first_step(v, text, sink);
  }
  for (std::size_t k = 2; k <= v.steps(); ++k) {
    Result next;
    next.text.reserve(r.text.size() + r.text.size() / 8);
    std::vector<std::size_t> next_ends;
    mapped_sink<decltype(next.map)> sink{next.text, next.map, next_ends, r.text.data(), v.values};
    std::size_t b = 0;
    for (std::size_t e : ends) {
      convert_span(v, v.matchers[k], r.text, b, e, true, sink);
      next_ends.push_back(next.text.size());
      b = e;
    }
    next.map = compose_offset_maps(next.map, r.map);
    r = std::move(next);
    ends = std::move(next_ends);
  }
  return r;
}

/// The state of a streaming conversion (see convert_stream in convert.hpp): the input
/// not yet decided by the segmentation, and per step the part of its current segment
/// whose matches could still grow.
class convert_pipeline {
 public:
  explicit convert_pipeline(const convert_view* v) : v_(v), pending_(v->steps() + 1), scratch_(v->steps() + 1) {}

  /// Converts what `chunk` decides, appending it to `out`.
  void feed(std::string_view chunk, std::string& out) {
    std::string_view fresh = chunk;
    if (!tail_.empty()) {
      tail_ += chunk;
      fresh = tail_;
    }
    const std::size_t complete = complete_prefix_length(fresh);
    append_repaired(fresh.substr(0, complete));
    std::string rest(fresh.substr(complete));
    tail_ = std::move(rest);
    run(false, out);
  }

  /// Converts the rest, appending it to `out`; the pipeline is then ready for a new text.
  void finish(std::string& out) {
    append_repaired(tail_);
    tail_.clear();
    run(true, out);
    text_.clear();
    for (std::string& p : pending_) p.clear();
    open_run_ = false;
  }

 private:
  // Step 1's output for the single walk: sent on to step 2 at each segment end.
  struct first_sink {
    convert_pipeline& p;
    std::string& out;
    void copy(std::size_t begin, std::size_t n) { p.first_.append(p.text_, begin, n); }
    void value(std::size_t, std::size_t, const match_result& r) {
      p.first_.append(p.v_->values + r.value_begin, r.value_size);
    }
    void end_segment() {
      p.push(2, p.first_, true, out);
      p.first_.clear();
    }
  };

  // Appends to a plain string (a step's output before it moves on).
  struct append_sink {
    std::string& out;
    const char* text;
    const char* values;
    void copy(std::size_t begin, std::size_t n) { out.append(text + begin, n); }
    void value(std::size_t, std::size_t, const match_result& r) { out.append(values + r.value_begin, r.value_size); }
    void end_segment() {}
  };

  void append_repaired(std::string_view s) {
    if (is_valid_utf8(s)) text_ += s;
    else text_ += repair_utf8(s);
  }

  void run(bool final, std::string& out) {
    std::size_t done = 0;
    if (v_->steps() == 0) {
      out += text_;
      done = text_.size();
    } else if (v_->single_walk) {
      first_sink sink{*this, out};
      done = single_walk_span(*v_, text_, 0, final, sink, open_run_);
      if (open_run_) push(2, first_, false, out);  // the open run's decided part
      first_.clear();
    } else {
      done = segment_span(
          *v_, text_, 0, final,
          [&](std::size_t b, std::size_t e, bool closed) {
            if (b < e || (closed && open_run_)) push(1, std::string_view(text_).substr(b, e - b), closed, out);
            open_run_ = !closed && (open_run_ || b < e);
          },
          [&](std::size_t p, std::size_t size, const match_result& r) {
            if (v_->fused) push(2, std::string_view(v_->values + r.value_begin, r.value_size), true, out);
            else push(1, std::string_view(text_).substr(p, size), true, out);
          });
    }
    text_.erase(0, done);
  }

  // Gives step k the next piece of its current segment (closed: the segment ends).
  void push(std::size_t k, std::string_view piece, bool closed, std::string& out) {
    if (k > v_->steps()) {
      out += piece;
      return;
    }
    std::string& in = pending_[k];
    in += piece;
    std::string& converted = scratch_[k];
    converted.clear();
    append_sink sink{converted, in.data(), v_->values};
    const std::size_t done = convert_span(*v_, v_->matchers[k], in, 0, in.size(), closed, sink);
    in.erase(0, done);
    push(k + 1, converted, closed, out);
  }

  const convert_view* v_;
  std::string tail_;   // bytes of an incomplete UTF-8 sequence at the end of the input so far
  std::string text_;   // input the segmentation has not decided yet (well-formed)
  std::string first_;  // step 1's output of the current segment (single walk)
  bool open_run_ = false;
  std::vector<std::string> pending_;  // [k]: step k's undecided part of its segment
  std::vector<std::string> scratch_;
};

}  // namespace zhtext::detail
