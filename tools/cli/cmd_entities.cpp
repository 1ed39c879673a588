// zhtext entities [--json] [--kinds LIST] [FILE|DIR...]: typed news entities, one per
// row (see zhtext/entities.hpp and the README, "Entities").
//
// TSV (default), one row per entity, no header:
//   KIND <TAB> LINE <TAB> START <TAB> END <TAB> TEXT <TAB> VALUE
// LINE is 1-based; START and END (exclusive) are byte offsets within that line of the
// input file - also after --on-invalid replaced bytes or skipped lines - and a trailing
// CR is not part of the line. TEXT and VALUE are TSV fields (an entity's text never
// holds a tab or a line break, so it is printed as is).
// --json: one JSON object per entity per line (JSON Lines) with the same fields:
//   {"kind":"quantity","line":3,"start":12,"end":17,"text":"47名","value":"47 名"}
// With several inputs, or a directory, each row starts with the input's name (TSV:
// FILE <TAB> ...; JSON: a "file" field first); line numbers are per file.
//
// Runs on the block engine (blocks of whole lines, on --threads workers, output in
// input order). A line longer than the engine's block limit (16 MiB) arrives in
// pieces: offsets stay relative to the real line start (block::line_start_of), but
// an entity cut by the piece boundary is not found.
#include <string>

#include <zhtext/entities.hpp>

#include "commands.hpp"
#include "lib/engine.hpp"
#include "lib/inputs.hpp"
#include "lib/output.hpp"
#include "lib/script.hpp"

namespace cli::entities {

// --kinds into opt.kinds; false after printing the error.
bool read_kinds(const cli::args& a, zhtext::entity_options& opt) {
  if (!a.has("kinds")) return true;
  opt.kinds = 0;
  for (const std::string& name : cli::split_list(a.get("kinds"))) {
    zhtext::entity_kind k;
    if (!zhtext::parse_entity_kind(name, k)) {
      a.error("unknown entity kind '" + name + "' in --kinds (see 'zhtext entities --help')");
      return false;
    }
    opt.kinds |= zhtext::entity_options::bit(k);
  }
  return true;
}

int run_entities(cli::args& a) {
  zhtext::entity_options opt;
  if (!read_kinds(a, opt)) return cli::exit_usage;
  // --json is --format jsonl (options.cpp); plain is TSV.
  const cli::output_format format = a.format() == cli::output_format::jsonl ? cli::output_format::jsonl : cli::output_format::tsv;
  const bool many = cli::names_inputs(a);
  cli::script_choice script;
  if (const int rc = cli::get_script(a, script); rc >= 0) return rc;
  return cli::run_blocks(a, cli::block_options{}, [&](const cli::block& b, cli::block_output& out) {
    thread_local zhtext::script_text st;
    // --script: the block's lines converted a batch at a time (CRLF lines without their
    // CR too), then searched one by one.
    std::optional<zhtext::script_lines> lines = script.lines_of(b.text);
    cli::for_each_line(b, [&](const cli::text_line& l) {
      const std::uint64_t line_start = b.line_start_of(l.pos);
      const std::string_view text = l.without_cr();
      const zhtext::script_text& prepared = lines ? lines->line(l.pos, l.pos + text.size()) : script.prepare(text, st);
      zhtext::for_each_entity(prepared, [&](const zhtext::entity& e) {
        cli::record r(out.text(), format);
        if (many) r.str("file", b.file);
        r.str("kind", zhtext::to_string(e.kind))
            .num("line", l.number)
            .num("start", b.source_offset(l.pos + e.offset) - line_start)
            .num("end", b.source_offset(l.pos + e.end()) - line_start)
            .str("text", e.text)
            .str("value", zhtext::canonical_value(e))
            .end();
        out.record_done();
      }, opt);
    });
  });
}

}  // namespace cli::entities

const cli::command cli::entities_command = {
    "entities",
    "typed news entities: numbers, quantities, dates, times, bylines (TSV or JSON)",
    "[--json] [--kinds LIST] [FILE|DIR...]",
    "Finds typed news entities - numbers, percents, quantities, dates, times, named\n"
    "days, relative times and bylines - line by line, and prints one row per entity:\n"
    "  KIND<TAB>LINE<TAB>START<TAB>END<TAB>TEXT<TAB>VALUE\n"
    "LINE is 1-based, START/END are byte offsets within the line (END exclusive),\n"
    "VALUE is the normalised value (47 名, --06-18, 18:30..21:00, reporter:李冉).\n"
    "With several inputs or a directory, rows start with FILE<TAB>. Entities never\n"
    "span lines: for hard-wrapped text, pipe it through 'zhtext normalize' first.\n"
    "--script traditional finds them in OpenCC's t2s conversion of each line: TEXT and\n"
    "the offsets are the original's, VALUE is read from the simplified text.",
    {
        "--json                    one JSON object per entity per line (JSON Lines) instead of TSV",
        "--kinds LIST              only these kinds, comma-separated: number,percent,quantity,date,time,\n"
        "                            named_day,relative,byline (default: all)",
        cli::script_option(),
    },
    cli::common_engine | cli::common_formats,
    entities::run_entities,
};
