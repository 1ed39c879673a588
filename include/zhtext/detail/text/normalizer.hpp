// zhtext/detail/text/normalizer.hpp - the one pass behind zhtext::normalize()
// (normalize.hpp, which documents the rules).
//
// A template over the public option and result types (zhtext::normalize_options with
// its flags; zhtext::normalized_text: `text` and an offset_map `map` with add_copy /
// add_replacement), so this layer does not include the public header. Any bytes are
// accepted (ill-formed UTF-8 is copied through as it is); O(n) time, output-sized
// memory; no shared state.
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

/// One pass of normalize(). White space is held back as a "gap" until the next
/// visible character shows how to render it (a line break's fate depends on the
/// characters on both sides). The gap is stored as runs, so its memory is bounded by
/// the number of distinct runs, not by its length.
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
  Options opt_;
  Result out_;
  std::vector<ws_run> gap_;
  char32_t prev_ = 0;
  bool any_visible_ = false;
  bool at_line_start_ = true;
  bool line_is_heading_ = false;
  std::size_t paren_depth_ = 0;
  bool converted_parens_[64] = {};
};

}  // namespace zhtext::detail
