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
#include "detail/text/normalizer.hpp"
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
/// a copy (output bytes equal source bytes, mapped one to one), a deletion (no output
/// bytes) or a run of `units` replacements of one shape: unit k made its out_size /
/// units output bytes from the k-th src_size / units source bytes (an ill-formed byte
/// that became U+FFFD, a full-width letter folded to ASCII, ...).
/// Cost: adjacent copies, adjacent deletions and adjacent replacements of one shape
/// share a piece, so the map has one piece per run of edits, not per edited
/// character: an unchanged text has one piece, and so has a flood of removed control
/// characters. Lookups are binary searches, O(log pieces), and exact: merging pieces
/// never changes what a byte maps to. Immutable once built; safe to share between
/// threads.
class offset_map {
 public:
  struct piece {
    std::size_t out_begin, src_begin;
    std::size_t out_size, src_size;
    bool copy;
    std::size_t units = 1;  ///< a replacement: how many equal replacements the piece holds
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
    return {source_begin(*first, out_begin), source_end(*last, out_end - 1)};
  }

  /// The source range of the output byte at `out_offset` (its whole replacement if
  /// replaced).
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
  /// Joins the last piece when both are deletions, or both replacements of one shape.
  void add_replacement(std::size_t src_begin, std::size_t src_end, std::size_t out_size) {
    if (src_end == src_begin && out_size == 0) return;
    const std::size_t src_size = src_end - src_begin;
    if (!pieces_.empty()) {
      piece& p = pieces_.back();
      const bool joins = !p.copy && p.src_begin + p.src_size == src_begin &&
                         (out_size == 0 ? p.out_size == 0
                                        : p.out_size / p.units == out_size && p.src_size / p.units == src_size);
      if (joins) {
        if (out_size != 0) ++p.units;
        p.out_size += out_size;
        p.src_size += src_size;
        output_size_ += out_size;
        source_size_ = src_end;
        return;
      }
    }
    pieces_.push_back({output_size_, src_begin, out_size, src_size, false});
    output_size_ += out_size;
    source_size_ = src_end;
  }

 private:
  // The piece holding output byte `o`, or nullptr past the end. Deletions hold no
  // byte and are skipped.
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
  // Where the source of output byte `o` (inside piece p) begins and ends.
  static std::size_t source_begin(const piece& p, std::size_t o) noexcept {
    if (p.copy) return p.src_begin + (o - p.out_begin);
    return p.src_begin + (o - p.out_begin) / (p.out_size / p.units) * (p.src_size / p.units);
  }
  static std::size_t source_end(const piece& p, std::size_t o) noexcept {
    if (p.copy) return p.src_begin + (o - p.out_begin) + 1;
    return p.src_begin + ((o - p.out_begin) / (p.out_size / p.units) + 1) * (p.src_size / p.units);
  }
  std::size_t source_position(std::size_t o) const noexcept {
    if (o >= output_size_) return source_size_;
    const piece* p = piece_at(o);
    return p == nullptr ? source_size_ : source_begin(*p, o);
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

/// Normalises `text` as `options` say (see the top of this header) and returns the
/// new text with its offset map. Accepts any bytes; O(n) time, output-sized memory.
/// Thread-safe (no shared state).
inline normalized_text normalize(std::string_view text, const normalize_options& options = {}) {
  return detail::normalizer<normalize_options, normalized_text>(text, options).run();
}

/// normalize(text, options).text without the offset map: the same text, in less time
/// and memory (the text alone), for callers that do not map offsets back. Thread-safe.
inline std::string normalize_text(std::string_view text, const normalize_options& options = {}) {
  return detail::normalizer<normalize_options, detail::text_without_map>(text, options).run().text;
}

}  // namespace zhtext
