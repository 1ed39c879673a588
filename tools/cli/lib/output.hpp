// output.hpp - how the `zhtext` program writes: standard output, the TSV and JSON
// Lines record formats, and files it is asked to write (charts).
//
// Every output of the program is well-formed UTF-8; lines end in "\n".
//  - TSV: one record per line, fields separated by TAB, no header; text fields are
//    escaped (append_tsv_field) so a record is always one line;
//  - JSON Lines: one JSON object per line, strings escaped by append_json_string.
// A `record` writes one of either from the same calls:
//
//   cli::record(out, format).str("file", b.file).num("line", 3).str("text", s).end();
//   // tsv:   FILE<TAB>3<TAB>TEXT\n
//   // jsonl: {"file":"FILE","line":3,"text":"TEXT"}\n
//
// Output written by block-engine commands goes through the engine (engine.hpp), which
// keeps it in input order; cli::out is for the calling thread's own writes.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "options.hpp"

namespace cli {

/// Writes `s` to stdout.
inline void out(std::string_view s) { std::fwrite(s.data(), 1, s.size(), stdout); }

/// Appends `s` as one TSV field (lossless, canonical): \ -> \\, TAB -> \t, LF -> \n,
/// CR -> \r, other control bytes and each byte of an ill-formed UTF-8 sequence ->
/// \xHH; everything else as is.
void append_tsv_field(std::string& out, std::string_view s);

/// Appends `s` as a JSON string literal (RFC 8259), quotes included; an ill-formed
/// UTF-8 sequence becomes U+FFFD. Always a valid JSON string.
void append_json_string(std::string& out, std::string_view s);

/// One record appended to `out` field by field: TSV fields (keys unused) or a JSON
/// object (`object` opens it with '{'; end() closes it and ends the line).
class record {
 public:
  record(std::string& out, output_format format) : out_(out), json_(format == output_format::jsonl) {
    if (json_) out_ += '{';
  }
  /// A text field: escaped for the format (a JSON string, a TSV field).
  record& str(std::string_view key, std::string_view value);
  /// A number.
  record& num(std::string_view key, std::uint64_t value) { return raw(key, std::to_string(value)); }
  /// A field written as it is: a formatted number, an ASCII word.
  record& raw(std::string_view key, std::string_view value);
  /// A text field whose value the caller appends next, with a field_writer (a value
  /// written in pieces).
  record& field(std::string_view k) {
    key(k);
    return *this;
  }
  /// Ends the record: "}\n" (JSON) or "\n".
  void end();

 private:
  void key(std::string_view k);
  std::string& out_;
  bool json_;
  bool first_ = true;
};

/// One text field written in pieces, for a value too long to hold twice (a 50 MiB
/// keyword or sentence): add() appends each piece escaped as record::str escapes the
/// whole value (TSV: append_tsv_field; JSON: one string, its quotes once; plain: as
/// it is), end() closes the field. Pieces must be cut at character boundaries (where
/// the escaping of the whole would not look across them). Between pieces the caller
/// may write `out` away and clear it.
class field_writer {
 public:
  field_writer(std::string& out, output_format format) : out_(out), format_(format) {}
  void add(std::string_view piece) {
    if (format_ == output_format::tsv) {
      append_tsv_field(out_, piece);
    } else if (format_ == output_format::jsonl) {
      // The piece as a JSON string without its closing quote; after the first piece,
      // without its opening quote either.
      const std::size_t at = out_.size();
      append_json_string(out_, piece);
      out_.pop_back();
      if (open_) out_.erase(at, 1);
      open_ = true;
    } else {
      out_ += piece;
    }
  }
  void end() {
    if (format_ != output_format::jsonl) return;
    if (!open_) out_ += '"';
    out_ += '"';
  }

 private:
  std::string& out_;
  output_format format_;
  bool open_ = false;  // JSON: the opening quote is written
};

/// The length of the next piece of `value` that append_field_in_pieces writes: at most
/// `piece` bytes, cut at a character boundary (a whole value when it is short).
std::size_t field_piece_length(std::string_view value, std::size_t piece);

/// Appends `value` to `out` as one field (field_writer) in pieces of at most 64 KiB,
/// calling flush() (which writes `out` away and empties it) whenever `out` holds
/// 64 KiB or more: memory does not grow with the value.
template <class Flush>
void append_field_in_pieces(std::string& out, std::string_view value, output_format format, Flush&& flush) {
  constexpr std::size_t piece = std::size_t(1) << 16;
  field_writer field(out, format);
  while (!value.empty()) {
    const std::size_t n = field_piece_length(value, piece);
    field.add(value.substr(0, n));
    value.remove_prefix(n);
    if (out.size() >= piece) flush();
  }
  field.end();
}

/// Flushes stdout and reports a failed write (a full disk, a closed pipe with SIGPIPE
/// ignored) as "cannot write to standard output: REASON", once per process however
/// often it is called (the engine calls it when a block's write fails, main after
/// every command). Returns exit_io when writing failed (now or before), else exit_ok.
int flush_stdout(const args& a);

/// Writes `bytes` to `path` (created or replaced). On failure prints "cannot write
/// 'PATH': REASON" and returns exit_io; else exit_ok. Check the path first with
/// check_output_file.
int write_file(const args& a, const std::string& path, std::string_view bytes);

/// A kind of file an option writes besides stdout (`--svg FILE`; later `--save-index
/// FILE` ...): the name it must end with and how to recognise an existing file of
/// that kind from its first bytes, so that only such a file is ever replaced.
struct output_file_kind {
  std::string_view extension;                 ///< ".svg" (compared without regard to ASCII case)
  std::string_view description;               ///< "an SVG file", for messages
  bool (*recognise)(std::string_view head);   ///< true: the first bytes (up to 4 KiB) are of this kind
};

/// SVG charts: names ending in .svg; an existing file is an SVG when, after an
/// optional UTF-8 BOM, white space, an XML declaration, comments and a DOCTYPE, its
/// first element is <svg.
extern const output_file_kind svg_file;

/// Checks, before anything is read, that the file of `--OPTION FILE` may be written,
/// so a forgotten file name can never destroy a user's file (`count --svg news.txt`
/// once read stdin and replaced news.txt with a chart). Refuses, with one line and
/// exit_usage: a name not ending in kind.extension ("--svg FILE must end in .svg, not
/// 'news.txt' (was the chart's name forgotten?)"); an existing file that is not a
/// regular file of this kind ("refusing to replace 'x.svg': not an SVG file"); a
/// file that is also an input. An existing file that cannot be read: exit_io. Returns
/// exit_ok when the option is absent or the file may be written.
int check_output_file(const args& a, const std::string& option, const output_file_kind& kind);

}  // namespace cli
