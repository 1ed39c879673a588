// zhtext entities [--json] [--kinds LIST] [FILE|DIR...]: typed news entities, one per
// row (see zhtext/entities.hpp and the README, "Entities").
//
// TSV (default), one row per entity, no header:
//   KIND <TAB> LINE <TAB> START <TAB> END <TAB> TEXT <TAB> VALUE
// LINE is 1-based; START and END (exclusive) are byte offsets within that line of the
// input file - also after --on-invalid replaced bytes or skipped lines - and a trailing
// CR is not part of the line. TEXT and VALUE are TSV fields (cli::append_tsv_field;
// an entity's text never holds a tab or a line break, so it is printed as is).
// --json: one JSON object per entity per line (JSON Lines) with the same fields:
//   {"kind":"quantity","line":3,"start":12,"end":17,"text":"47名","value":"47 名"}
// With several inputs, or a directory, each row starts with the input's name (TSV:
// FILE <TAB> ...; JSON: a "file" field first); line numbers are per file.
//
// Runs on the block engine (blocks of whole lines, on --threads workers, output in
// input order). A line longer than the engine's block limit (16 MiB) arrives in
// pieces: offsets stay relative to the real line start (carried from block to
// block), but an entity cut by the piece boundary is not found.
#include <sys/stat.h>

#include <string>
#include <vector>

#include <zhtext/entities.hpp>

#include "commands.hpp"

namespace {

const std::vector<cli::option> options = {
    {"json", "", "one JSON object per entity per line (JSON Lines) instead of TSV"},
    {"kinds", "LIST", "only these kinds, comma-separated: number,percent,quantity,date,time,\n"
                      "                            named_day,relative,byline (default: all)"},
};

bool parse_kinds(const std::string& list, zhtext::entity_options& opt, std::string& bad) {
  opt.kinds = 0;
  std::size_t b = 0;
  for (;;) {
    std::size_t e = list.find(',', b);
    if (e == std::string::npos) e = list.size();
    const std::string name = list.substr(b, e - b);
    zhtext::entity_kind k;
    if (!zhtext::parse_entity_kind(name, k)) {
      bad = name;
      return false;
    }
    opt.kinds |= zhtext::entity_options::bit(k);
    if (e == list.size()) return true;
    b = e + 1;
  }
}

// One entity found by a worker, in file coordinates.
struct row {
  zhtext::entity_kind kind;
  std::uint64_t line;
  std::uint64_t line_start;  // file offset of the line's first byte (see first_line)
  std::uint64_t start, end;  // file offsets of the entity
  bool first_line;           // on the block's first line (which may continue a cut line)
  std::string text, value;
};

struct block_rows {
  std::vector<row> rows;
  std::uint64_t last_line_start = 0;  // file offset where the block's last line begins
  bool last_line_is_first = true;     // the block holds no line break
};

}  // namespace

int cmd_entities(cli::args& a) {
  if (!a.parse(options, cli::common_engine)) return cli::exit_usage;
  if (a.has("help")) {
    a.print_help("[--json] [--kinds LIST] [FILE|DIR...]",
                 "Finds typed news entities - numbers, percents, quantities, dates, times, named\n"
                 "days, relative times and bylines - line by line, and prints one row per entity:\n"
                 "  KIND<TAB>LINE<TAB>START<TAB>END<TAB>TEXT<TAB>VALUE\n"
                 "LINE is 1-based, START/END are byte offsets within the line (END exclusive),\n"
                 "VALUE is the normalised value (47 名, --06-18, 18:30..21:00, reporter:李冉).\n"
                 "With several inputs or a directory, rows start with FILE<TAB>. Entities never\n"
                 "span lines: for hard-wrapped text, pipe it through 'zhtext normalize' first.",
                 options);
    return cli::exit_ok;
  }
  zhtext::entity_options opt;
  if (a.has("kinds")) {
    std::string bad;
    if (!parse_kinds(a.get("kinds"), opt, bad)) {
      a.error("unknown entity kind '" + bad + "' in --kinds (see 'zhtext entities --help')");
      return cli::exit_usage;
    }
  }
  const bool json = a.has("json");
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
      [&](const cli::block& b) {  // worker threads: reads only `opt`
        block_rows r;
        r.last_line_start = b.source_offset(0);
        cli::line_counter lines(b);
        std::size_t ls = 0;
        while (ls < b.text.size()) {
          std::size_t le = b.text.find('\n', ls);
          const bool has_break = le != std::string_view::npos;
          if (!has_break) le = b.text.size();
          std::string_view line = b.text.substr(ls, le - ls);
          if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
          const std::uint64_t line_start = b.source_offset(ls);
          zhtext::for_each_entity(line, [&](const zhtext::entity& e) {
            r.rows.push_back(row{e.kind, lines.line_of(ls), line_start, b.source_offset(ls + e.offset),
                                 b.source_offset(ls + e.end()), ls == 0, std::string(e.text),
                                 zhtext::canonical_value(e)});
          }, opt);
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
        std::string out;
        for (const row& x : r.rows) {
          const std::uint64_t line_start = x.first_line && b.continues ? carried_line_start : x.line_start;
          const std::string start = std::to_string(x.start - line_start), end = std::to_string(x.end - line_start);
          if (json) {
            out += '{';
            if (many) {
              out += "\"file\":";
              cli::append_json_string(out, b.file);
              out += ',';
            }
            out += "\"kind\":\"";
            out += zhtext::to_string(x.kind);
            out += "\",\"line\":" + std::to_string(x.line) + ",\"start\":" + start + ",\"end\":" + end + ",\"text\":";
            cli::append_json_string(out, x.text);
            out += ",\"value\":";
            cli::append_json_string(out, x.value);
            out += "}\n";
          } else {
            if (many) {
              cli::append_tsv_field(out, b.file);
              out += '\t';
            }
            out += zhtext::to_string(x.kind);
            out += '\t' + std::to_string(x.line) + '\t' + start + '\t' + end + '\t';
            cli::append_tsv_field(out, x.text);
            out += '\t';
            cli::append_tsv_field(out, x.value);
            out += '\n';
          }
        }
        // A line still open at the block's end continues in the next block.
        if (!(r.last_line_is_first && b.continues)) carried_line_start = r.last_line_start;
        cli::out(out);
      });
}
