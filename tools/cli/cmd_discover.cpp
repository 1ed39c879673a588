// zhtext discover [options] [FILE|DIR...]: new-word candidates of a text (see
// zhtext/discover.hpp), as TSV rows word, count, cohesion, entropy, score.
#include <cstdio>
#include <string>
#include <unordered_set>

#include <zhtext/chars.hpp>
#include <zhtext/discover.hpp>
#include <zhtext/file.hpp>

#include "commands.hpp"
#include "lib/engine.hpp"
#include "lib/inputs.hpp"
#include "lib/output.hpp"

namespace cli::discover {

// The words of --dict FILE: the first field of each line, views into the mapped file.
struct known_words {
  zhtext::mapped_file file;
  std::unordered_set<std::string_view> words;
};

// Appends `text` to `out` without the inside of its runs of characters that no
// candidate holds (with han_only: characters that are not Han): of such a run only
// the first and the last character are kept, the neighbours of the candidates on its
// two sides. The candidates, their counts, the total (candidate positions) and every
// candidate's left and right neighbours are those of the whole text, so the result
// is the same, and a file of NUL bytes or punctuation is not held in memory.
void append_compacted(std::string& out, std::string_view text) {
  bool in_run = false;
  std::string_view last;  // the run's last character so far, not written yet
  for (std::size_t i = 0; i < text.size();) {
    const zhtext::decoded d = zhtext::decode_utf8(text.substr(i));
    const std::string_view c = text.substr(i, d.size == 0 ? 1 : d.size);
    i += c.size();
    if (zhtext::is_han(d.value)) {
      out += last;
      out += c;
      last = {};
      in_run = false;
    } else if (!in_run) {
      out += c;
      in_run = true;
    } else {
      last = c;
    }
  }
  out += last;
}

// Reads --dict into `known`; the exit code on failure, after printing the error.
int read_dictionary(const cli::args& a, known_words& known) {
  const std::string path = a.get("dict");
  if (const int rc = cli::check_data_file(a, "dict", path); rc != cli::exit_ok) return rc;
  auto f = zhtext::mapped_file::open(path);
  if (!f) {
    a.error(f.error().message);
    return cli::exit_io;
  }
  known.file = std::move(*f);
  std::string_view rest = zhtext::without_utf8_bom(known.file.bytes());
  for (std::size_t line = 1; !rest.empty(); ++line) {
    const std::size_t nl = rest.find('\n');
    std::string_view l = rest.substr(0, nl);
    rest.remove_prefix(nl == std::string_view::npos ? rest.size() : nl + 1);
    l = l.substr(0, l.find_first_of(" \t\r"));
    if (l.empty()) continue;
    if (!zhtext::is_valid_utf8(l)) {
      a.error(path + ":" + std::to_string(line) + ": invalid UTF-8");
      return cli::exit_check_failed;
    }
    known.words.insert(l);
  }
  return cli::exit_ok;
}

int run_discover(cli::args& a) {
  zhtext::discover_options opt;
  std::size_t top = 50;
  if (!a.get_size("top", top) || !a.get_size("min-count", opt.min_count) ||
      !a.get_size("min-length", opt.min_length) || !a.get_size("max-length", opt.max_length) ||
      !a.get_real("min-cohesion", opt.min_cohesion) || !a.get_real("min-entropy", opt.min_entropy))
    return cli::exit_usage;
  std::size_t table_mib = opt.table_memory >> 20;
  if (!a.get_size("table-memory", table_mib, 1, std::size_t{1} << 20)) return cli::exit_usage;
  opt.table_memory = table_mib << 20;
  zhtext::discover_stats stats;
  opt.stats = &stats;
  opt.top = top;
  opt.han_only = !a.has("all-chars");
  if (a.has("no-edge-filter")) opt.edge_stop_words = nullptr;
  known_words known;
  if (a.has("dict")) {
    if (const int rc = read_dictionary(a, known); rc != cli::exit_ok) return rc;
  }
  // All inputs as one text (invalid UTF-8 handled by --on-invalid), a line break
  // between inputs so that no n-gram spans two of them.
  std::string text;
  // Han only: the blocks compacted on the workers (append_compacted). A long line
  // comes in pieces cut after any character: the text is their concatenation, and
  // compacting the pieces apart keeps at most two more non-candidate characters per
  // cut, which change nothing (each is a boundary, as the one they join).
  const cli::block_options bo = cli::cut_lines_where([](std::string_view bytes, std::size_t p) {
    char32_t c;
    return cli::repaired_char_before(bytes, p, c);
  });
  const int rc = cli::run_blocks(
      a, bo,
      [&](const cli::block& b) {
        std::string part;
        if (opt.han_only) append_compacted(part, b.text);
        return part;
      },
      [&](const cli::block& b, std::string&& part) {
        if (b.index == 0 && !text.empty() && text.back() != '\n') text += '\n';
        if (opt.han_only) text += part;
        else text.append(b.text);
      });
  if (rc != cli::exit_ok) return rc;
  auto found = zhtext::discover_words(text, opt, [&](std::string_view w) { return known.words.count(w) != 0; });
  if (!found) {
    a.error(found.error().message);
    return found.error().code == zhtext::errc::invalid_argument ? cli::exit_usage : cli::exit_check_failed;
  }
  if (stats.approximate())
    a.warning("the table of counted n-grams reached --table-memory " + std::to_string(table_mib) +
              " MiB: n-grams seen at most " + std::to_string(stats.forgotten_max) +
              " times were forgotten; the results are approximate (some candidates may be missing; "
              "the cohesions printed are lower bounds). Raise --table-memory for exact results");
  std::string out;
  auto real = [](double v) {
    char num[64];
    std::snprintf(num, sizeof num, "%.6f", v);
    return std::string(num);
  };
  for (const zhtext::word_candidate& w : *found)
    cli::record(out, a.format())
        .str("word", w.text)
        .num("count", w.count)
        .raw("cohesion", real(w.cohesion))
        .raw("entropy", real(w.entropy()))
        .raw("score", real(w.score))
        .end();
  cli::out(out);
  return cli::flush_stdout(a);
}

}  // namespace cli::discover

const cli::command cli::discover_command = {
    "discover",
    "find new words (names, terms) in a text: count, cohesion, entropy",
    "[options] [FILE|DIR...]",
    "Finds words that occur in the text but that a dictionary may lack (names, new\n"
    "terms), from the text alone: n-grams that are frequent, cohesive (high pointwise\n"
    "mutual information between their parts) and free (varied neighbours on both\n"
    "sides). All inputs are read as one text. Prints one candidate per line, best\n"
    "first:\n"
    "  word<TAB>count<TAB>cohesion<TAB>entropy<TAB>score\n"
    "cohesion: PMI of the weakest split (nats); entropy: min of left and right\n"
    "branching entropy (nats); score: ln(count) * cohesion * entropy; numbers with 6\n"
    "decimals. With --json (or --format jsonl), one JSON object per candidate and\n"
    "line, with the same fields: {\"word\":W,\"count\":N,\"cohesion\":C,\"entropy\":E,\"score\":S}.\n"
    "To see only words jieba does not know:\n"
    "  zhtext discover --dict /usr/lib/python3/dist-packages/jieba/dict.txt news.txt",
    {
        "--top K                   print the K best candidates (default 50; 0: all)",
        "--min-count N             minimum occurrences (default 3)",
        "--min-length N            shortest candidate in characters (default 2)",
        "--max-length N            longest candidate in characters (default 8, at most 32)",
        "--min-cohesion X          minimum PMI of the weakest split, in nats (default 3)",
        "--min-entropy X           minimum of left and right branching entropy, in nats (default 1)",
        "--all-chars               candidates of letters and digits of any script too, not only Han",
        "--no-edge-filter          keep candidates that begin or end with a one-character stop word",
        "--dict FILE               leave out the words of FILE (first field of each line: a word list, or\n"
        "                            jieba's dict.txt \"word freq tag\")",
        "--table-memory MIB        memory for the counts of n-grams (default 32, about 700,000 n-grams);\n"
        "                            beyond it the rarest are forgotten and a warning says the results are\n"
        "                            approximate",
    },
    cli::common_on_invalid | cli::common_formats,
    discover::run_discover,
};
