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
#include "inputs.hpp"
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
/// dict.txt) with --user-dict added; nullopt after printing the error, `status` then
/// the exit code (exit_check_failed for a file not in UTF-8, see check_data_file;
/// else exit_io).
template <class T>
std::optional<T> load_with_dictionaries(const args& a, int& status) {
  status = exit_io;
  for (const char* option : {"dict", "user-dict"})
    if (a.has(option) && (status = check_data_file(a, option, a.get(option))) != exit_ok) return std::nullopt;
  status = exit_io;
  zhtext::segmenter_options so;
  so.dict_path = a.get("dict");
  auto loaded = T::load(so);
  if (!loaded) {
    a.error(loaded.error().message);
    return std::nullopt;
  }
  if (a.has("user-dict")) {
    if (auto r = loaded->add_user_dictionary(a.get("user-dict")); !r) {
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
  bool file = false;       ///< JSON with several inputs: {"file":F,"line":L,"tokens":[...]}
};

/// The token_format of --json/--format jsonl and --sep; with several inputs (see
/// names_inputs) a JSON line names its file and line.
inline token_format get_token_format(const args& a, bool tagged) {
  token_format f;
  f.json = a.format() == output_format::jsonl;
  f.sep = a.get("sep", "  ");
  f.tagged = tagged;
  f.file = f.json && names_inputs(a);
  return f;
}

/// One input line's tokens as `segment` and `pos` write them: the words joined by
/// `sep` (pos: word/tag), or a JSON array of {"word":W,["tag":T,]"start":B,"end":E},
/// B and E byte offsets of the word in the input line (counting the original bytes of
/// a replaced invalid sequence); with several inputs that array is the "tokens" field
/// of {"file":F,"line":L,"tokens":[...]} (L 1-based). Blank tokens are dropped.
class token_line {
 public:
  token_line(const block& b, const text_line& line, const token_format& f, block_output& out)
      : b_(b), line_(line), f_(f), out_(out) {
    if (f_.json) {
      line_start_ = b.source_offset(line.pos);
      if (f_.file) {
        out_.text() += "{\"file\":";
        append_json_string(out_.text(), b.file);
        out_.text() += ",\"line\":" + std::to_string(line.number) + ",\"tokens\":";
      }
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
    if (f_.json) out_.text() += f_.file ? "]}" : "]";
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
