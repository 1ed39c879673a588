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
// lines.
//
// Runs on the block engine (blocks of whole lines on --threads workers, output in
// input order; the matcher is shared read-only). A line longer than the engine's block
// limit (16 MiB) arrives in pieces: offsets stay relative to the real line start, but
// a match cut by the piece boundary is not found.
#include <sys/stat.h>

#include <fstream>
#include <string>
#include <vector>

#include <zhtext/match.hpp>

#include "commands.hpp"

namespace {

const std::vector<cli::option> options = {
    {"patterns", "FILE", "the patterns, one per line (UTF-8; a trailing CR and a leading BOM are dropped)"},
    {"kind", "KIND", "overlapping (default), leftmost-longest or leftmost-first"},
    {"fold", "LIST", "comma-separated: case (ASCII letters), width (full-width forms)"},
    {"ignore", "CHARS", "characters skipped between pattern characters, e.g. ' *'"},
    {"mask", "CHAR", "print the text with every matched character replaced by CHAR"},
};

// Reads the pattern file into `b`; on error prints "FILE:LINE: message" and returns
// the exit code.
int read_patterns(const cli::args& a, const std::string& path, zhtext::matcher_builder& b) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    a.error("cannot open '" + path + "'");
    return cli::exit_io;
  }
  std::size_t line_no = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line_no == 1 && line.compare(0, 3, "\xEF\xBB\xBF") == 0) line.erase(0, 3);
    const auto r = b.add(line, static_cast<std::uint32_t>(line_no - 1));
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
  if (in.bad()) {
    a.error("error reading '" + path + "'");
    return cli::exit_io;
  }
  std::size_t duplicates = 0;
  for (const auto& [later, earlier] : b.duplicates())
    if (++duplicates <= 10)
      a.warning(path + ":" + std::to_string(later + 1) + ": duplicate of line " + std::to_string(earlier + 1) +
                " (never reported)");
  if (duplicates > 10) a.warning(std::to_string(duplicates - 10) + " more duplicate lines in " + path);
  return cli::exit_ok;
}

// One match found by a worker, in file coordinates.
struct row {
  std::uint64_t line;
  std::uint64_t line_start;  // file offset of the line's first byte (see first_line)
  std::uint64_t start, end;  // file offsets of the match
  bool first_line;           // on the block's first line (which may continue a cut line)
  std::uint32_t pattern;
  std::string text;
};

struct block_rows {
  std::vector<row> rows;
  std::string masked;                 // --mask: the block's text, masked line by line
  std::uint64_t last_line_start = 0;  // file offset where the block's last line begins
  bool last_line_is_first = true;     // the block holds no line break
};

}  // namespace

int cmd_match(cli::args& a) {
  if (!a.parse(options, cli::common_engine)) return cli::exit_usage;
  if (a.has("help")) {
    a.print_help("--patterns FILE [options] [FILE|DIR...]",
                 "Finds every pattern of FILE in the input, line by line, and prints one row per\n"
                 "match: line number (from 1), start and end byte offsets within the line, pattern\n"
                 "index (0-based line of FILE) and the matched text:\n"
                 "  LINE<TAB>START<TAB>END<TAB>PATTERN<TAB>TEXT\n"
                 "With several inputs or a directory, rows start with FILE<TAB>. With --mask,\n"
                 "prints the input with every matched character (code point) replaced by CHAR\n"
                 "instead. Errors in FILE are reported as FILE:LINE; of duplicate patterns the\n"
                 "first is kept (with a warning).",
                 options);
    return cli::exit_ok;
  }
  if (!a.has("patterns")) {
    a.error("--patterns FILE is required (see 'zhtext match --help')");
    return cli::exit_usage;
  }
  zhtext::match_kind kind = zhtext::match_kind::overlapping;
  const std::string k = a.get("kind", "overlapping");
  if (k == "leftmost-longest") kind = zhtext::match_kind::leftmost_longest;
  else if (k == "leftmost-first") kind = zhtext::match_kind::leftmost_first;
  else if (k != "overlapping") {
    a.error("--kind must be overlapping, leftmost-longest or leftmost-first, not '" + k + "'");
    return cli::exit_usage;
  }
  zhtext::match_options opt;
  if (a.has("fold")) {
    const std::string list = a.get("fold");
    for (std::size_t b = 0;;) {
      const std::size_t e = std::min(list.find(',', b), list.size());
      const std::string item = list.substr(b, e - b);
      if (item == "case") opt.fold_case = true;
      else if (item == "width") opt.fold_width = true;
      else {
        a.error("--fold takes case and/or width, comma-separated, not '" + item + "'");
        return cli::exit_usage;
      }
      if (e == list.size()) break;
      b = e + 1;
    }
  }
  opt.ignorable = a.get("ignore");
  if (!zhtext::is_valid_utf8(opt.ignorable)) {
    a.error("--ignore is not valid UTF-8");
    return cli::exit_usage;
  }
  const bool masking = a.has("mask");
  char32_t mask = 0;
  if (masking) {
    const std::string m = a.get("mask");
    const zhtext::decoded d = zhtext::decode_utf8(m);
    if (m.empty() || d.error != zhtext::utf8_errc::ok || d.size != m.size()) {
      a.error("--mask takes exactly one character, not '" + m + "'");
      return cli::exit_usage;
    }
    mask = d.value;
  }
  zhtext::matcher_builder builder(opt);
  if (const int rc = read_patterns(a, a.get("patterns"), builder); rc != cli::exit_ok) return rc;
  auto built = builder.build();
  if (!built) {
    a.error(built.error().message);
    return cli::exit_usage;
  }
  const zhtext::matcher m = std::move(*built);
  // Name prefixes when there can be more than one input (as `validate` decides).
  bool many = a.positional().size() > 1;
  for (const std::string& p : a.positional()) {
    struct stat st {};
    if (p != "-" && ::stat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) many = true;
  }

  std::size_t file_index = static_cast<std::size_t>(-1);
  std::uint64_t carried_line_start = 0;  // start of a line cut at the previous block's end
  return cli::run_blocks(
      a, cli::block_options{},
      [&](const cli::block& b) {  // worker threads: read only `m` (immutable, shared)
        block_rows r;
        r.last_line_start = b.source_offset(0);
        cli::line_counter lines(b);
        std::size_t ls = 0;
        while (ls < b.text.size()) {
          std::size_t le = b.text.find('\n', ls);
          const bool has_break = le != std::string_view::npos;
          if (!has_break) le = b.text.size();
          std::string_view line = b.text.substr(ls, le - ls);
          const bool cr = !line.empty() && line.back() == '\r';
          if (cr) line.remove_suffix(1);
          const std::uint64_t line_start = b.source_offset(ls);
          if (masking) {
            r.masked += m.mask(line, mask, kind);
            if (cr) r.masked += '\r';
            if (has_break) r.masked += '\n';
          } else {
            m.for_each_match(line, [&](const zhtext::match& x) {
              r.rows.push_back(row{lines.line_of(ls), line_start, b.source_offset(ls + x.begin),
                                   b.source_offset(ls + x.end), ls == 0, x.pattern,
                                   std::string(line.substr(x.begin, x.size()))});
            }, kind);
          }
          r.last_line_start = line_start;
          r.last_line_is_first = ls == 0;
          if (!has_break) break;
          ls = le + 1;
          if (ls == b.text.size()) {  // the block ends with a line break
            r.last_line_start = b.source_offset(ls);
            r.last_line_is_first = false;
          }
        }
        return r;
      },
      [&](const cli::block& b, block_rows&& r) {  // calling thread, input order
        if (b.file_index != file_index) {
          file_index = b.file_index;
          carried_line_start = b.offset;
        }
        if (masking) {
          cli::out(r.masked);
          return;
        }
        std::string out;
        for (const row& x : r.rows) {
          const std::uint64_t line_start = x.first_line && b.continues ? carried_line_start : x.line_start;
          if (many) {
            cli::append_tsv_field(out, b.file);
            out += '\t';
          }
          out += std::to_string(x.line) + '\t' + std::to_string(x.start - line_start) + '\t' +
                 std::to_string(x.end - line_start) + '\t' + std::to_string(x.pattern) + '\t';
          cli::append_tsv_field(out, x.text);
          out += '\n';
        }
        // A line still open at the block's end continues in the next block.
        if (!(r.last_line_is_first && b.continues)) carried_line_start = r.last_line_start;
        cli::out(out);
      });
}
