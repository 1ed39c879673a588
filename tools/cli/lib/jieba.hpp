// jieba.hpp - what the jieba-compatible subcommands (segment, pos, count) share: the
// --mode, --dict and --user-dict options, loading the segmenter or tagger they name,
// which tokens are dropped, and the line format of `segment` and `pos`.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <zhtext/chars.hpp>
#include <zhtext/segment.hpp>
#include <zhtext/utf8.hpp>

#include "engine.hpp"
#include "inputs.hpp"
#include "options.hpp"
#include "output.hpp"
#include "script.hpp"

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

/// --dict and --user-dict as `segment`, `pos` and `count` list them: `prefix` starts
/// the help ("words: " in count), `tags`: the dictionaries' tags are read too (pos).
inline option dict_option(const std::string& prefix, bool tags) {
  return {"dict", "PATH",
          prefix + "main dictionary in jieba's format" + (tags ? ", with tags" : "") + " (default: jieba's dict.txt)"};
}
inline option user_dict_option(const std::string& prefix, bool tags) {
  return {"user-dict", "PATH",
          prefix + "user dictionary, read as jieba.load_userdict reads it" + (tags ? " (tags included)" : "")};
}

/// The options of `segment` and `pos` (`tagged`: pos), which write one line of tokens
/// per input line: their own --mode, then --dict, --user-dict, --sep, --json, --script.
inline std::vector<option> token_line_options(option mode, bool tagged) {
  return {std::move(mode),
          dict_option("", tagged),
          user_dict_option("", tagged),
          {"sep", "STR", "token separator (default: two spaces)"},
          {"json", "",
           std::string("write each line as a JSON array of {\"word\",") + (tagged ? "\"tag\"," : "") +
               "\"start\",\"end\"}, byte offsets in the line"},
          script_option()};
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

/// Where a long line may be cut for jieba's precise and search mode and for
/// jieba.posseg (block_options::cut_after; not full mode, not --script): after a
/// character that is neither a block character (U+4E00..U+9FD5, ASCII letters, digits,
/// + # & . _ % -: re_han_default, which holds posseg's re_han_internal) nor Python
/// white space (re_skip). jieba splits the text into blocks by re_han before anything
/// else and cuts the text between blocks into single characters ("\r\n" aside), so
/// no token crosses such a place and cutting there changes no token, tag or offset;
/// and the character is a token of its own that is not blank, so a line cut there
/// always has a token written before the cut (token_line relies on it). An invalid byte
/// that the repair turns into U+FFFD (repaired_char_before) is such a character, so a
/// line of invalid UTF-8 is cut as its repaired text would be.
inline bool jieba_cut_after(std::string_view s, std::size_t p) {
  char32_t c;
  return repaired_char_before(s, p, c) && zhtext::is_jieba_break(c);
}

/// Calls f(piece, offset) for consecutive pieces of `text` that together are the text,
/// cut where jieba_cut_after allows, each at most about `size` bytes where the text
/// has such a place (else the rest is one piece). jieba's tokens of the pieces are its
/// tokens of the text, and the cutter's per-character state (a NUL flood is one run of
/// 100 million characters) is bounded by the piece.
template <class F>
void for_each_jieba_piece(std::string_view text, F&& f, std::size_t size = std::size_t(64) << 10) {
  std::size_t begin = 0;
  while (text.size() - begin > size) {
    const std::size_t cut = cut_near(text, begin, begin + size, text.size() - 1, jieba_cut_after);
    if (cut == std::string_view::npos) break;
    f(text.substr(begin, cut - begin), begin);
    begin = cut;
  }
  f(text.substr(begin), begin);
}

/// The blocks of `segment`, `pos` and `count`'s words: whole lines, except that a line
/// longer than the block limit is cut where jieba_cut_after allows; whole lines
/// however long when `whole`: full mode (its pieces between white space can be as
/// long as the line) and --script (converted and judged line by line).
inline block_options jieba_blocks(bool whole) { return whole ? whole_lines() : cut_lines_where(jieba_cut_after); }

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
/// A line cut into several blocks (cut_lines_where(jieba_cut_after)) is written as one:
/// its first piece opens it, the last one ends it, and every piece after the first
/// joins its first token to the tokens before it (jieba_cut_after guarantees there is
/// one).
class token_line {
 public:
  token_line(const block& b, const text_line& line, const token_format& f, block_output& out)
      : b_(b), line_(line), f_(f), out_(out), first_(!(line.pos == 0 && b.continues)) {
    if (f_.json) line_start_ = b.line_start_of(line.pos);
    if (f_.json && first_) {
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
    // A huge token (a long line's run of Latin letters): room for it and what follows
    // at once, so that a few bytes more do not copy it into a buffer twice its size.
    if (word.size() > (std::size_t(1) << 20)) o.reserve(o.size() + word.size() + f_.sep.size() + tag.size() + 64);
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
  /// Ends the line (unless it continues in the next block).
  void finish() {
    if (!line_.has_break && !b_.last) return;
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
  bool first_;  // no token written on this line yet
};

/// The whole of `segment` and `pos` after their own options: reads --json/--sep and
/// --script, loads T (zhtext::segmenter or zhtext::pos_tagger) with --dict and
/// --user-dict, and writes each input line's tokens (token_line) on the block engine;
/// `tokens(const T&, const zhtext::script_text& text, std::size_t at, token_line& out)`
/// adds the tokens of `text`, which starts at byte `at` of the line (the line is cut
/// into pieces by for_each_jieba_piece unless `whole`: full mode, --script; with
/// --script the lines come from a zhtext::script_lines). Returns the exit code.
template <class T, class Tokens>
int run_token_lines(const args& a, bool tagged, bool whole, Tokens&& tokens) {
  const token_format format = get_token_format(a, tagged);
  script_choice script;
  if (const int rc = get_script(a, script); rc >= 0) return rc;
  int rc = exit_ok;
  const std::optional<T> analyser = load_with_dictionaries<T>(a, rc);
  if (!analyser) return rc;
  whole = whole || script.active();
  return run_blocks(a, jieba_blocks(whole), [&](const block& b, block_output& out) {
    thread_local zhtext::script_text st;
    // --script: the block's lines converted a batch at a time, then analysed one by one.
    std::optional<zhtext::script_lines> lines = script.lines_of(b.text);
    for_each_line(b, [&](const text_line& l) {
      token_line line(b, l, format, out);
      if (lines) tokens(*analyser, lines->line(l.pos, l.pos + l.text.size()), 0, line);
      else if (whole) tokens(*analyser, script.prepare(l.text, st), 0, line);
      else for_each_jieba_piece(l.text, [&](std::string_view piece, std::size_t at) {
        tokens(*analyser, script.prepare(piece, st), at, line);
      });
      line.finish();
    });
  });
}

}  // namespace cli
