// zhtext merge [--top K] [FILE|DIR...]: sums frequency tables in TSV (token, count,
// df), as `zhtext count` writes them (and writes the sum as TSV or JSON Lines); the combine and reduce step of counting on many
// machines. Blocks of lines are parsed into part tables on the worker threads and
// merged in input order; the sorted result is the same for every --threads.
#include <algorithm>
#include <string>

#include <zhtext/frequency.hpp>

#include "commands.hpp"
#include "lib/engine.hpp"
#include "lib/output.hpp"
#include "lib/table.hpp"

namespace cli::merge {

// A block's rows, or the first thing wrong with them.
struct part {
  zhtext::frequency_table table;
  std::string error;
};

int run_merge(cli::args& a) {
  std::size_t top = static_cast<std::size_t>(-1);
  if (!a.get_size("top", top)) return cli::exit_usage;
  cli::block_options bo;
  bo.raw = true;  // tokens are bytes; TSV escapes what is not UTF-8
  zhtext::frequency_table table;
  std::string error;
  const int rc = cli::run_blocks(
      a, bo,
      [](const cli::block& b) {
        part p;
        const std::string name(b.file);
        if (!b.text.empty() && b.text.back() != '\n' && !b.last) {  // the engine cut a line for size
          p.error = name + ":" + std::to_string(b.line_of(b.text.size())) + ": line longer than the 16 MiB block limit";
        } else if (auto r = p.table.add_tsv(b.text, name, b.first_line); !r) {
          p.error = r.error().message;
        }
        return p;
      },
      [&](const cli::block&, part&& p) {
        if (!error.empty()) return cli::flow::skip_rest_of_file;
        if (!p.error.empty()) {
          error = std::move(p.error);
          return cli::flow::skip_rest_of_file;
        }
        table.merge(p.table);
        return cli::flow::next;
      });
  if (!error.empty()) {
    a.error(error);
    return std::max(rc, static_cast<int>(cli::exit_check_failed));
  }
  if (rc != cli::exit_ok) return rc;
  cli::write_frequency_table(table, a.format() == cli::output_format::jsonl, top);
  return cli::flush_stdout(a);
}

}  // namespace cli::merge

const cli::command cli::merge_command = {
    "merge",
    "merge frequency tables (TSV token, count, df) from files or stdin",
    "[--top K] [FILE|DIR...]",
    "Merges frequency tables in TSV - lines token<TAB>count<TAB>df, as `zhtext count`\n"
    "writes them - from the inputs, in any order (sorted or not, the same token on\n"
    "several lines or in several files): counts and dfs are summed. Prints the merged\n"
    "table in the same format, rows by count descending then token bytes ascending,\n"
    "so merging the tables of parts of a corpus prints exactly what counting the\n"
    "whole corpus prints (dfs add up when the parts hold different documents).\n"
    "Tokens are escaped: \\\\ \\t \\n \\r, and \\xHH for control bytes and invalid\n"
    "UTF-8; the bytes are taken as they are (no --on-invalid). Lines of up to 16 MiB.\n"
    "A malformed line is reported as FILE:LINE with exit status 1, an unreadable\n"
    "input with exit status 3; either way nothing is printed. With --json (or\n"
    "--format jsonl), one JSON object per row with the same fields, as `zhtext count\n"
    "--format jsonl` writes them: {\"token\":T,\"count\":C,\"df\":D}.",
    {
        "--top K                   print only the K rows with the highest counts",
    },
    cli::common_threads | cli::common_formats,
    merge::run_merge,
};
