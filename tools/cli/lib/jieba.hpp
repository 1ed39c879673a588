// jieba.hpp - what the jieba-compatible subcommands (segment, pos, count) share: the
// --mode, --dict and --user-dict options, loading the segmenter or tagger they name,
// which tokens are dropped, and the line format of `segment` and `pos`.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <zhtext/chars.hpp>
#include <zhtext/segment.hpp>
#include <zhtext/utf8.hpp>

#include "engine.hpp"
#include "options.hpp"
#include "output.hpp"

namespace cli {

/// --mode as the segmenter's cut options: precise (default), precise-nohmm, full or
/// search. False after printing the error.
inline bool get_cut_mode(const args& a, zhtext::cut_options& out) {
  return a.get_choice<zhtext::cut_options>("mode",
                                           {{"precise", {zhtext::cut_mode::precise, true}},
                                            {"precise-nohmm", {zhtext::cut_mode::precise, false}},
                                            {"full", {zhtext::cut_mode::full, true}},
                                            {"search", {zhtext::cut_mode::search, true}}},
                                           out);
}

/// A zhtext::segmenter or zhtext::pos_tagger loaded from --dict (default: jieba's
/// dict.txt) with --user-dict added; nullopt after printing the error (exit_io).
template <class T>
std::optional<T> load_with_dictionaries(const args& a) {
  zhtext::segmenter_options so;
  so.dict_path = a.get("dict");
  auto loaded = T::load(so);
  if (!loaded) {
    a.error(loaded.error().message);
    return std::nullopt;
  }
  if (a.has("user-dict")) {
    if (auto r = loaded->load_userdict(a.get("user-dict")); !r) {
      a.error(r.error().message);
      return std::nullopt;
    }
  }
  return std::optional<T>(std::move(*loaded));
}

/// Tokens that are empty or only white space (Unicode White_Space) are neither written
/// nor counted.
inline bool blank_token(std::string_view t) {
  if (t.empty()) return true;
  // Fast path: White_Space is ASCII 09..0D and 20, or starts with byte C2 (U+0085,
  // U+00A0), E1 (U+1680), E2 (U+2000..U+205F) or E3 (U+3000).
  const unsigned char c = static_cast<unsigned char>(t[0]);
  if (c < 0x80 ? c != ' ' && (c < 0x09 || c > 0x0D) : c != 0xC2 && (c < 0xE1 || c > 0xE3)) return false;
  for (const zhtext::code_point& cp : zhtext::code_points(t))
    if (!cp.valid || !zhtext::is_space(cp.value)) return false;
  return true;
}

/// How `segment` and `pos` write a line's tokens.
struct token_format {
  bool json = false;       ///< a JSON array per line instead of the joined words
  std::string sep = "  ";  ///< between words (plain)
  bool tagged = false;     ///< word/tag (plain), a "tag" field (JSON): pos
};

/// One input line's tokens as `segment` and `pos` write them: the words joined by
/// `sep` (pos: word/tag), or a JSON array of {"word":W,["tag":T,]"start":B,"end":E},
/// B and E byte offsets of the word in the input line (counting the original bytes of
/// a replaced invalid sequence). Blank tokens are dropped.
class token_line {
 public:
  token_line(const block& b, const text_line& line, const token_format& f, block_output& out)
      : b_(b), line_(line), f_(f), out_(out) {
    if (f_.json) {
      line_start_ = b.source_offset(line.pos);
      out_.text() += '[';
    }
  }
  /// Adds the token `word` (tagged `tag`) at [begin, end) of the line.
  void add(std::string_view word, std::string_view tag, std::size_t begin, std::size_t end) {
    if (blank_token(word)) return;
    std::string& o = out_.text();
    if (f_.json) {
      o += first_ ? "{\"word\":" : ",{\"word\":";
      append_json_string(o, word);
      if (f_.tagged) {
        o += ",\"tag\":";
        append_json_string(o, tag);
      }
      o += ",\"start\":" + std::to_string(b_.source_offset(line_.pos + begin) - line_start_) +
           ",\"end\":" + std::to_string(b_.source_offset(line_.pos + end) - line_start_) + "}";
    } else {
      if (!first_) o += f_.sep;
      o += word;
      if (f_.tagged) {
        o += '/';
        o += tag;
      }
    }
    first_ = false;
    out_.record_done();
  }
  /// Ends the line.
  void finish() {
    if (f_.json) out_.text() += ']';
    out_.text() += '\n';
    out_.record_done();
  }

 private:
  const block& b_;
  const text_line& line_;
  const token_format& f_;
  block_output& out_;
  std::uint64_t line_start_ = 0;
  bool first_ = true;
};

}  // namespace cli
