// zhtext/normalize.hpp - clean up messy news text, keeping a map to the original.
//
// News text arrives with hard-wrapped lines from PDF extraction, CRLF line ends,
// stray and ideographic spaces, control and zero-width characters, full-width Latin
// letters and half-width punctuation inside Chinese sentences. normalize() fixes what
// the options ask for in one pass and returns the new text with an `offset_map`, so
// anything found in the output (a sentence, a keyword, a match) can be mapped back to
// the byte range it came from in the original.
//
//   zhtext::normalize_options opt;
//   opt.cjk_punctuation = true;
//   auto n = zhtext::normalize("护送队共有47名队员,其中\n有21名", opt);
//   // n.text == "护送队共有47名队员，其中有21名"
//   auto src = n.map.to_source(0, 9);  // bytes [0, 9) of the input: "护送队"
//
// Rules (each one an option, defaults in normalize_options):
//  - invalid UTF-8: each maximal ill-formed subpart becomes U+FFFD (always);
//  - line ends: CRLF and CR become LF (always);
//  - remove_controls: C0/C1 controls other than tab and line ends, and invisible
//    format characters (U+200B..U+200F, U+2060..U+2064, U+FEFF, U+00AD) are removed;
//  - fold_width: full-width ASCII variants (U+FF01..U+FF5E) become ASCII and U+3000
//    a space;
//  - cjk_punctuation: , ; : ? ! ( right after a Han character or CJK punctuation
//    become ， ； ： ？ ！ （, and the ) closing such a ( becomes ） (applied after
//    fold_width, so the two combine: Latin letters and digits end up half-width,
//    Chinese punctuation full-width);
//  - join_lines: a single line break that is a hard wrap (see
//    detail/text/line_break.hpp) is removed between CJK text and becomes a space between
//    Latin text; blank lines (paragraph breaks) always stay;
//  - clean_whitespace: lines are trimmed, each run of white space inside a line
//    becomes one ASCII space, runs of blank lines become one blank line, and the text
//    has no leading blank lines and at most one final line break.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "chars.hpp"
#include "detail/text/line_break.hpp"
#include "detail/text/plain_run.hpp"
#include "utf8.hpp"

namespace zhtext {

/// What normalize() does; every rule can be switched off.
struct normalize_options {
  bool fold_width = false;       ///< Ａ１，→ A1, and U+3000 → space
  bool cjk_punctuation = false;  ///< , ; : ? ! ( ) after CJK → ，；：？！（）
  bool join_lines = true;        ///< remove hard wraps inside paragraphs
  bool clean_whitespace = true;  ///< trim lines, collapse spaces and blank lines
  bool remove_controls = true;   ///< drop control and invisible format characters
};

/// Maps byte offsets of a transformed text back to the original.
///
/// Representation: a sorted list of pieces that tile both texts in order. A piece is
/// either a copy (output bytes equal source bytes, mapped one to one) or a
/// replacement (its output bytes, possibly none, came from its whole source range).
/// Cost: one piece per change, so an unchanged text has one piece; lookups are binary
/// searches, O(log pieces). Immutable once built; safe to share between threads.
class offset_map {
 public:
  struct piece {
    std::size_t out_begin, src_begin;
    std::size_t out_size, src_size;
    bool copy;
  };

  /// The source byte range that output bytes [out_begin, out_end) came from. An empty
  /// output range maps to the empty source range at the corresponding position.
  byte_range to_source(std::size_t out_begin, std::size_t out_end) const noexcept {
    if (out_end < out_begin) std::swap(out_begin, out_end);
    if (out_begin == out_end) {
      const std::size_t s = source_position(out_begin);
      return {s, s};
    }
    const piece* first = piece_at(out_begin);
    const piece* last = piece_at(out_end - 1);
    if (first == nullptr || last == nullptr) return {source_size_, source_size_};
    const std::size_t b = first->copy ? first->src_begin + (out_begin - first->out_begin) : first->src_begin;
    const std::size_t e = last->copy ? last->src_begin + (out_end - last->out_begin) : last->src_begin + last->src_size;
    return {b, e};
  }

  /// The source range of the output byte at `out_offset` (its whole piece if replaced).
  byte_range to_source(std::size_t out_offset) const noexcept { return to_source(out_offset, out_offset + 1); }

  std::size_t source_size() const noexcept { return source_size_; }
  std::size_t output_size() const noexcept { return output_size_; }
  const std::vector<piece>& pieces() const noexcept { return pieces_; }

  // --- building (used by the transformations) ---
  /// Appends output bytes copied unchanged from source [src_begin, src_begin + n).
  void add_copy(std::size_t src_begin, std::size_t n) {
    if (n == 0) return;
    if (!pieces_.empty()) {
      piece& p = pieces_.back();
      if (p.copy && p.src_begin + p.src_size == src_begin) {
        p.out_size += n;
        p.src_size += n;
        output_size_ += n;
        source_size_ = src_begin + n;
        return;
      }
    }
    pieces_.push_back({output_size_, src_begin, n, n, true});
    output_size_ += n;
    source_size_ = src_begin + n;
  }
  /// Appends `out_size` output bytes (possibly 0) made from source [src_begin, src_end).
  void add_replacement(std::size_t src_begin, std::size_t src_end, std::size_t out_size) {
    if (src_end == src_begin && out_size == 0) return;
    pieces_.push_back({output_size_, src_begin, out_size, src_end - src_begin, false});
    output_size_ += out_size;
    source_size_ = src_end;
  }

 private:
  // The piece holding output byte `o`, or nullptr past the end. Zero-size output
  // pieces hold no byte and are skipped.
  const piece* piece_at(std::size_t o) const noexcept {
    auto it = std::upper_bound(pieces_.begin(), pieces_.end(), o,
                               [](std::size_t v, const piece& p) { return v < p.out_begin; });
    while (it != pieces_.begin()) {
      --it;
      if (o < it->out_begin + it->out_size) return &*it;
      if (it->out_size != 0) return nullptr;
    }
    return nullptr;
  }
  std::size_t source_position(std::size_t o) const noexcept {
    if (o >= output_size_) return source_size_;
    const piece* p = piece_at(o);
    if (p == nullptr) return source_size_;
    return p->copy ? p->src_begin + (o - p->out_begin) : p->src_begin;
  }

  std::vector<piece> pieces_;
  std::size_t output_size_ = 0;
  std::size_t source_size_ = 0;
};

/// A normalised text and the map from its offsets back to the input's.
struct normalized_text {
  std::string text;
  offset_map map;
};

namespace detail {

/// One pass of normalize(). White space is held back as a "gap" until the next
/// visible character shows how to render it (a line break's fate depends on the
/// characters on both sides). The gap is stored as runs, so its memory is bounded by
/// the number of distinct runs, not by its length.
class normalizer {
 public:
  normalizer(std::string_view in, const normalize_options& opt) : in_(in), opt_(opt) {
    out_.text.reserve(in.size());
  }

  normalized_text run() {
    const unsigned char* p = bytes(in_);
    const std::size_t n = in_.size();
    std::size_t i = 0;
    while (i < n) {
      if (gap_.empty() && !at_line_start_) {
        // Ideographs, letters and digits after a visible character: no rule applies,
        // copy the run (the same output and map as one character at a time).
        const std::size_t e = plain_run_end(p, i, n);
        if (e != i) {
          out_.text.append(in_.data() + i, e - i);
          out_.map.add_copy(i, e - i);
          prev_ = last_plain_char(p, e);
          i = e;
          continue;
        }
      }
      const decoded d = decode_at(p + i, p + n);
      const std::size_t b = i;
      i += d.size;
      char32_t c = d.value;
      if (c == '\r') {  // CR LF and CR alone are one line end
        if (i < n && p[i] == '\n') ++i;
        c = '\n';
      }
      if (d.error != utf8_errc::ok) {
        visible(b, i, replacement_character, false);
      } else if (c == '\n' || is_space(c)) {
        add_space(b, i, c == '\n' ? U'\n' : (opt_.fold_width ? fold_width(c) : c));
      } else if (opt_.remove_controls && (is_control(c) || is_invisible_format(c))) {
        if (gap_.empty()) out_.map.add_replacement(b, i, 0);
        else add_space(b, i, removed);  // keeps the pending gap's source contiguous
      } else {
        char32_t o = opt_.fold_width ? fold_width(c) : c;
        if (opt_.cjk_punctuation) o = to_cjk_punctuation(o);
        visible(b, i, o, o == c);
      }
    }
    flush_gap(0, true);
    return std::move(out_);
  }

 private:
  // , ; : ? ! and ( right after CJK become full-width, and so does the ")" that
  // closes a converted "(" (a stack of which open parentheses were converted).
  char32_t to_cjk_punctuation(char32_t c) {
    const bool after_cjk = gap_.empty() && is_cjk(prev_);
    if (c == '(') {
      if (paren_depth_ < 64) converted_parens_[paren_depth_] = after_cjk;
      ++paren_depth_;
      return after_cjk ? U'（' : c;
    }
    if (c == ')') {
      if (paren_depth_ == 0) return c;
      --paren_depth_;
      return paren_depth_ < 64 && converted_parens_[paren_depth_] ? U'）' : c;
    }
    const char32_t f = cjk_form_of_ascii_punctuation(c);
    return f != 0 && after_cjk ? f : c;
  }

  // A gap run of characters that are dropped (controls inside white space).
  static constexpr char32_t removed = 0xFFFFFFFF;

  struct ws_run {
    char32_t ch;  ///< the white-space character, or `removed`
    std::size_t count, src_begin, src_end;
  };

  void add_space(std::size_t b, std::size_t e, char32_t c) {
    if (!gap_.empty() && gap_.back().ch == c && gap_.back().src_end == b) {
      ++gap_.back().count;
      gap_.back().src_end = e;
    } else {
      gap_.push_back({c, 1, b, e});
    }
  }

  void visible(std::size_t b, std::size_t e, char32_t c, bool unchanged) {
    flush_gap(c, false);
    if (at_line_start_) {
      line_is_heading_ = c == '#';
      at_line_start_ = false;
    }
    if (unchanged) {
      out_.text.append(in_.data() + b, e - b);
      out_.map.add_copy(b, e - b);
    } else {
      const std::size_t before = out_.text.size();
      append_utf8(out_.text, c);
      out_.map.add_replacement(b, e, out_.text.size() - before);
    }
    prev_ = c;
    any_visible_ = true;
  }

  // Renders the pending white space, now that the next visible character `next` (or
  // the end of the text) is known.
  void flush_gap(char32_t next, bool at_end) {
    if (gap_.empty()) return;
    const std::size_t src_b = gap_.front().src_begin, src_e = gap_.back().src_end;
    std::size_t newlines = 0;
    bool indented = false;  // white space after the last line break
    for (const ws_run& r : gap_) {
      if (r.ch == '\n') {
        newlines += r.count;
        indented = false;
      } else if (r.ch != removed) {
        indented = newlines > 0;
      }
    }

    line_break_kind join = line_break_kind::keep;
    if (opt_.join_lines && newlines == 1 && !at_end && any_visible_)
      join = classify_line_break(prev_, next, indented, line_is_heading_);
    if (newlines > 0 && join == line_break_kind::keep) at_line_start_ = true;

    if (opt_.clean_whitespace) {
      std::string_view s;
      if (!any_visible_) s = "";
      else if (at_end) s = newlines > 0 ? "\n" : "";
      else if (newlines == 0) s = " ";
      else if (newlines >= 2) s = "\n\n";
      else if (join == line_break_kind::keep) s = "\n";
      else if (join == line_break_kind::join) s = "";
      else s = " ";
      emit(src_b, src_e, s);
    } else {
      for (const ws_run& r : gap_) {
        if (r.ch == '\n' && join != line_break_kind::keep) {
          emit(r.src_begin, r.src_end, join == line_break_kind::join ? "" : " ");
          continue;
        }
        std::string s;
        if (r.ch != removed)
          for (std::size_t k = 0; k < r.count; ++k) append_utf8(s, r.ch);
        emit(r.src_begin, r.src_end, s);
      }
    }
    gap_.clear();
  }

  // Output `s` for source [b, e): a copy piece when the bytes are unchanged.
  void emit(std::size_t b, std::size_t e, std::string_view s) {
    out_.text.append(s);
    if (in_.substr(b, e - b) == s) out_.map.add_copy(b, e - b);
    else out_.map.add_replacement(b, e, s.size());
  }

  std::string_view in_;
  normalize_options opt_;
  normalized_text out_;
  std::vector<ws_run> gap_;
  char32_t prev_ = 0;
  bool any_visible_ = false;
  bool at_line_start_ = true;
  bool line_is_heading_ = false;
  std::size_t paren_depth_ = 0;
  bool converted_parens_[64] = {};
};

}  // namespace detail

/// Normalises `text` as `options` say (see the top of this header) and returns the
/// new text with its offset map. Accepts any bytes; O(n) time, output-sized memory.
/// Thread-safe (no shared state).
inline normalized_text normalize(std::string_view text, const normalize_options& options = {}) {
  return detail::normalizer(text, options).run();
}

}  // namespace zhtext
