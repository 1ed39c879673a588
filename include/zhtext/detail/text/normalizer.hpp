// zhtext/detail/text/normalizer.hpp - the one pass behind zhtext::normalize()
// (normalize.hpp, which documents the rules).
//
// A template over the public option and result types (zhtext::normalize_options with
// its flags; zhtext::normalized_text: `text` and an offset_map `map` with add_copy /
// add_replacement, or text_without_map below), so this layer does not include the
// public header. Any bytes are accepted (ill-formed UTF-8 is copied through as it is);
// O(n) time; memory is the output and its map (O(1) besides: a run of white space of
// any length is held back as its source range); no shared state.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "../unicode/char_classes.hpp"
#include "../unicode/utf8_decode.hpp"
#include "line_break.hpp"
#include "plain_run.hpp"

namespace zhtext::detail {

/// A Result for normalizer that keeps the text only: its map records nothing (for
/// callers that do not map offsets back; see zhtext::normalize_text).
struct text_without_map {
  struct no_map {
    void add_copy(std::size_t, std::size_t) noexcept {}
    void add_replacement(std::size_t, std::size_t, std::size_t) noexcept {}
  };
  std::string text;
  no_map map;
};

/// One pass of normalize(). White space is held back as a "gap" until the next
/// visible character shows how to render it (a line break's fate depends on the
/// characters on both sides). The gap is kept as its source range and a summary (its
/// line breaks, whether white space follows the last one); rendering it run by run
/// reads the source again, so its memory does not depend on its length or content.
template <class Options, class Result>
class normalizer {
 public:
  normalizer(std::string_view in, const Options& opt) : in_(in), opt_(opt) {
    out_.text.reserve(in.size());
  }

  Result run() {
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
      const char32_t c = read_line_end(d, i);
      if (d.error != utf8_errc::ok) {
        visible(b, i, replacement_character, false);
      } else if (const char32_t w = gap_char(c); w != 0) {
        add_space(b, i, w);
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

  // A gap character that is dropped (a control inside white space).
  static constexpr char32_t removed = 0xFFFFFFFF;

  // The character decoded as `d` at i, with i moved past it: CR LF and CR alone are
  // one line end, '\n'.
  char32_t read_line_end(const decoded& d, std::size_t& i) const noexcept {
    i += d.size;
    if (d.value != '\r') return d.value;
    if (i < in_.size() && in_[i] == '\n') ++i;
    return '\n';
  }
  // What a well-formed character `c` is in a gap: '\n', a white-space character (as
  // fold_width renders it), or 0 when it is not white space.
  char32_t gap_char(char32_t c) const noexcept {
    if (c == '\n') return c;
    if (!is_space(c)) return 0;
    return opt_.fold_width ? fold_width(c) : c;
  }

  // The pending white space: source [begin, end), contiguous (see run()).
  struct pending_gap {
    std::size_t begin = 0, end = 0;
    std::size_t newlines = 0;
    bool indented = false;  // white space after the last line break
    bool empty() const noexcept { return begin == end; }
  };

  void add_space(std::size_t b, std::size_t e, char32_t c) {
    if (gap_.empty()) gap_.begin = b;
    gap_.end = e;
    if (c == '\n') {
      ++gap_.newlines;
      gap_.indented = false;
    } else if (c != removed) {
      gap_.indented = gap_.newlines > 0;
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
    const std::size_t src_b = gap_.begin, src_e = gap_.end;
    const std::size_t newlines = gap_.newlines;
    const bool indented = gap_.indented;

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
      render_runs(src_b, src_e, join);
    }
    gap_ = pending_gap{};
  }

  // Without clean-up, each run of one white-space character (or of dropped controls)
  // of the gap [b, e) is written as it is (folded if asked), one map piece per run;
  // a line break that is a hard wrap becomes "" or " " as `join` says. Reads the
  // source again, as run() read it.
  void render_runs(std::size_t b, std::size_t e, line_break_kind join) {
    const unsigned char* p = bytes(in_);
    std::size_t run_begin = b;
    char32_t run_ch = 0;
    for (std::size_t i = b; i <= e;) {
      char32_t w = 0;
      std::size_t next = i;
      if (i < e) {
        const decoded d = decode_at(p + i, p + e);
        w = gap_char(read_line_end(d, next));
        if (w == 0) w = removed;
      }
      if (i == e || (i > run_begin && w != run_ch)) {  // the run [run_begin, i) ends
        const std::size_t out_before = out_.text.size();
        if (run_ch == '\n' && join != line_break_kind::keep) {
          if (join != line_break_kind::join) out_.text += ' ';
        } else if (run_ch != removed) {
          for (std::size_t k = run_begin; k < i;) {
            read_line_end(decode_at(p + k, p + e), k);
            append_utf8(out_.text, run_ch);
          }
        }
        record(run_begin, i, out_before);
        run_begin = i;
      }
      run_ch = w;
      if (i == e) break;
      i = next;
    }
  }

  // Output `s` for source [b, e): a copy piece when the bytes are unchanged.
  void emit(std::size_t b, std::size_t e, std::string_view s) {
    const std::size_t out_before = out_.text.size();
    out_.text.append(s);
    record(b, e, out_before);
  }
  // Maps the output written since `out_before` to source [b, e).
  void record(std::size_t b, std::size_t e, std::size_t out_before) {
    const std::size_t n = out_.text.size() - out_before;
    if (n == e - b && in_.compare(b, e - b, out_.text, out_before, n) == 0) out_.map.add_copy(b, e - b);
    else out_.map.add_replacement(b, e, n);
  }

  std::string_view in_;
  Options opt_;
  Result out_;
  pending_gap gap_;
  char32_t prev_ = 0;
  bool any_visible_ = false;
  bool at_line_start_ = true;
  bool line_is_heading_ = false;
  std::size_t paren_depth_ = 0;
  bool converted_parens_[64] = {};
};

}  // namespace zhtext::detail
