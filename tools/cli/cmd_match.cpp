// zhtext match --patterns FILE [options] [FILE|DIR...]: many literal patterns at once
// (see zhtext/match.hpp).
//
// TSV (default), one row per match, no header:
//   LINE <TAB> START <TAB> END <TAB> PATTERN <TAB> TEXT
// LINE is 1-based; START and END (exclusive) are byte offsets within that line of the
// input file (also after --on-invalid replaced bytes or skipped lines; a trailing CR
// is not part of the line); PATTERN is the 0-based index of the pattern, i.e. its line
// in the pattern file minus one; TEXT is the matched text as a TSV field. With several
// inputs, or a directory, each row starts with FILE <TAB>. --mask prints the input
// instead, every matched character (code point) replaced by CHAR. Matches never span
// lines. With --json (--format jsonl) each match is one JSON object per line with the
// same fields: {["file":F,]"line":L,"start":S,"end":E,"pattern":P,"text":T}.
//
// Runs on the block engine (blocks of whole lines on --threads workers, output in
// input order; the matcher is shared read-only). Rows stream: a block's output is
// written in bounded pieces however many matches it holds (see lib/engine.hpp). A
// line longer than the engine's block limit (16 MiB) arrives in pieces: offsets stay
// relative to the real line start (block::line_start_of), but a match cut by the
// piece boundary is not found.
#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

#include <zhtext/file.hpp>
#include <zhtext/match.hpp>

#include "commands.hpp"
#include "lib/engine.hpp"
#include "lib/inputs.hpp"
#include "lib/output.hpp"

namespace cli::match {

// Reads the pattern file into `b`; on error prints "FILE:LINE: message" and returns
// the exit code.
int read_patterns(const cli::args& a, const std::string& path, zhtext::matcher_builder& b) {
  if (const int rc = cli::check_data_file(a, "patterns", path); rc != cli::exit_ok) return rc;
  // Never blocks on opening (a FIFO without a writer reads as empty); a directory or
  // a device is an error naming the path (check_data_file, the loader).
  auto file = zhtext::mapped_file::open(path);
  if (!file) {
    a.error(file.error().message);
    return cli::exit_io;
  }
  std::string_view rest = zhtext::without_utf8_bom(file->bytes());
  for (std::size_t line_no = 1; !rest.empty(); ++line_no) {
    const std::size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest.remove_prefix(nl == std::string_view::npos ? rest.size() : nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const auto r = b.add(line, static_cast<std::uint32_t>(line_no - 1));
    // The builder holds its copy: the lines read are given back (the file is not held
    // whole beside the patterns: 50 MB less on a 50 MiB list).
    if ((line_no & 0xFFFF) == 0) file->discard_before(static_cast<std::size_t>(rest.data() - file->data()));
    if (!r) {
      // The library says "pattern N: ..."; here the line is what the user sees.
      std::string what = r.error().message;
      const std::string prefix = "pattern " + std::to_string(line_no - 1);
      if (what.compare(0, prefix.size(), prefix) == 0) what.erase(0, prefix.size());
      if (what == " is empty") what = "empty pattern";
      else if (what.compare(0, 2, ": ") == 0) what.erase(0, 2);
      else what = "pattern" + what;
      a.error(path + ":" + std::to_string(line_no) + ": " + what);
      return cli::exit_usage;
    }
  }
  std::size_t duplicates = 0;
  for (const auto& [later, earlier] : b.duplicates())
    if (++duplicates <= 10)
      a.warning(path + ":" + std::to_string(later + 1) + ": duplicate of line " + std::to_string(earlier + 1) +
                " (never reported)");
  if (duplicates > 10) a.warning(std::to_string(duplicates - 10) + " more duplicate lines in " + path);
  return cli::exit_ok;
}

// The options besides --patterns.
struct settings {
  zhtext::match_kind kind = zhtext::match_kind::overlapping;
  zhtext::match_options opt;
  bool masking = false;
  char32_t mask = 0;
  cli::output_format format = cli::output_format::plain;  // plain: TSV rows
};

// --kind, --fold, --ignore and --mask; false after printing the error.
bool read_options(const cli::args& a, settings& s) {
  if (!a.get_choice<zhtext::match_kind>("kind",
                                        {{"overlapping", zhtext::match_kind::overlapping},
                                         {"leftmost-longest", zhtext::match_kind::leftmost_longest},
                                         {"leftmost-first", zhtext::match_kind::leftmost_first}},
                                        s.kind))
    return false;
  if (a.has("fold")) {
    for (const std::string& item : cli::split_list(a.get("fold"))) {
      if (item == "case") s.opt.fold_case = true;
      else if (item == "width") s.opt.fold_width = true;
      else {
        a.error("--fold takes case and/or width, comma-separated, not '" + item + "'");
        return false;
      }
    }
  }
  s.opt.ignorable = a.get("ignore");
  if (!zhtext::is_valid_utf8(s.opt.ignorable)) {
    a.error("--ignore is not valid UTF-8");
    return false;
  }
  s.masking = a.has("mask");
  if (s.masking) {
    const std::string m = a.get("mask");
    const zhtext::decoded d = zhtext::decode_utf8(m);
    if (m.empty() || d.error != zhtext::utf8_errc::ok || d.size != m.size()) {
      a.error("--mask takes exactly one character, not '" + m + "'");
      return false;
    }
    s.mask = d.value;
  }
  s.format = a.format();
  if (s.masking && s.format == cli::output_format::jsonl) {
    a.error("--mask writes the text, not records: --json does not apply to it");
    return false;
  }
  return true;
}

// The line with its matched characters masked, its CR and line break kept. Written in
// pieces as the matcher masks them: a long line is never held masked whole (before:
// the masked copy, then its copy in the output; 336 MB on a 50 MiB line at 2 threads).
void write_masked(const zhtext::matcher& m, const settings& s, const cli::text_line& l, cli::block_output& out) {
  const std::string_view line = l.without_cr();
  m.for_each_masked(line, [&](std::string_view piece) {
    out.text() += piece;
    out.record_done();  // written through once the block's output is over its limit
  }, s.mask, s.kind);
  if (line.size() < l.text.size()) out.text() += '\r';
  if (l.has_break) out.text() += '\n';
  out.record_done();
}

// One row per match of the line: [FILE] LINE START END PATTERN TEXT (TSV or JSON).
void write_rows(const zhtext::matcher& m, const settings& s, const cli::block& b, const cli::text_line& l, bool many,
                cli::block_output& out) {
  const std::string_view line = l.without_cr();
  const std::uint64_t line_start = b.line_start_of(l.pos);
  m.for_each_match(line, [&](const zhtext::match& x) {
    cli::record r(out.text(), s.format);
    if (many) r.str("file", b.file);
    r.num("line", l.number)
        .num("start", b.source_offset(l.pos + x.begin) - line_start)
        .num("end", b.source_offset(l.pos + x.end) - line_start)
        .num("pattern", x.pattern)
        .str("text", line.substr(x.begin, x.size()))
        .end();
    out.record_done();
  }, s.kind);
}

int run_match(cli::args& a) {
  if (!a.has("patterns")) {
    a.error("--patterns FILE is required (see 'zhtext match --help')");
    return cli::exit_usage;
  }
  settings s;
  if (!read_options(a, s)) return cli::exit_usage;
  zhtext::matcher_builder builder(s.opt);
  if (const int rc = read_patterns(a, a.get("patterns"), builder); rc != cli::exit_ok) return rc;
  auto built = builder.build();
  if (!built) {
    a.error(built.error().message);
    return cli::exit_usage;
  }
  const zhtext::matcher m = std::move(*built);
  const bool many = cli::names_inputs(a);
  return cli::run_blocks(a, cli::block_options{}, [&](const cli::block& b, cli::block_output& out) {
    cli::for_each_line(b, [&](const cli::text_line& l) {  // worker threads: read only `m` (immutable, shared)
      if (s.masking) write_masked(m, s, l, out);
      else write_rows(m, s, b, l, many, out);
    });
  });
}

}  // namespace cli::match

const cli::command cli::match_command = {
    "match",
    "find many literal patterns at once (TSV matches, or --mask)",
    "--patterns FILE [options] [FILE|DIR...]",
    "Finds every pattern of FILE in the input, line by line, and prints one row per\n"
    "match: line number (from 1), start and end byte offsets within the line, pattern\n"
    "index (0-based line of FILE) and the matched text:\n"
    "  LINE<TAB>START<TAB>END<TAB>PATTERN<TAB>TEXT\n"
    "With several inputs or a directory, rows start with FILE<TAB>. With --mask,\n"
    "prints the input with every matched character (code point) replaced by CHAR\n"
    "instead. With --json (or --format jsonl), each match is one JSON object per line\n"
    "with the same fields:\n"
    "  {[\"file\":F,]\"line\":L,\"start\":S,\"end\":E,\"pattern\":P,\"text\":\"...\"}\n"
    "Errors in FILE are reported as FILE:LINE; of duplicate patterns the first is\n"
    "kept (with a warning).",
    {
        "--patterns FILE           the patterns, one per line (UTF-8; a trailing CR and a leading BOM are dropped)",
        "--kind KIND               overlapping (default), leftmost-longest or leftmost-first",
        "--fold LIST               comma-separated: case (ASCII letters), width (full-width forms)",
        "--ignore CHARS            characters skipped between pattern characters, e.g. ' *'",
        "--mask CHAR               print the text with every matched character replaced by CHAR",
    },
    cli::common_engine | cli::common_formats,
    match::run_match,
};
