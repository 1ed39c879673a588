// zhtext segment [options] [FILE|DIR...]: word segmentation, token for token as Python
// jieba 0.42.1 cuts (see zhtext/segment.hpp). One output line per input line. Runs on
// the block engine (blocks of whole lines on --threads workers, output in input order);
// a line is never cut, so memory is bounded by the blocks in flight plus the longest
// line.
#include <string>

#include <zhtext/segment.hpp>

#include "commands.hpp"
#include "lib/engine.hpp"
#include "lib/jieba.hpp"
#include "lib/script.hpp"

namespace {

int run_segment(cli::args& a) {
  zhtext::cut_options opt;
  if (!cli::get_cut_mode(a, opt)) return cli::exit_usage;
  const cli::token_format format = cli::get_token_format(a, false);
  cli::script_choice script;
  if (const int rc = cli::get_script(a, script); rc >= 0) return rc;
  int rc = cli::exit_ok;
  const auto seg = cli::load_with_dictionaries<zhtext::segmenter>(a, rc);
  if (!seg) return rc;
  return cli::run_blocks(a, cli::whole_lines(), [&](const cli::block& b, cli::block_output& out) {
    thread_local zhtext::script_text st;
    cli::for_each_line(b, [&](const cli::text_line& l) {
      cli::token_line tokens(b, l, format, out);
      zhtext::for_each_token(*seg, script.prepare(l.text, st), [&](const zhtext::token& t, const zhtext::byte_range& span) {
        tokens.add(t.text, {}, span.begin, span.end);  // the input bytes, also where replaced
      }, opt);
      tokens.finish();
    });
  });
}

}  // namespace

const cli::command cli::segment_command = {
    "segment",
    "cut text into words exactly as jieba does, one output line per input line",
    "[options] [FILE|DIR...]",
    "Cuts each input line into words exactly as Python jieba 0.42.1 does and writes one\n"
    "line per input line: the tokens joined by --sep, tokens that are empty or white\n"
    "space dropped. With --json (or --format jsonl), each line is a JSON array of\n"
    "  {\"word\":\"...\",\"start\":B,\"end\":E}\n"
    "where B and E are byte offsets of the word in the input line; with several\n"
    "inputs (or a directory) {\"file\":F,\"line\":L,\"tokens\":[that array]}. Invalid UTF-8 is\n"
    "handled as --on-invalid says (default: each bad sequence read as U+FFFD; the\n"
    "offsets still count the original bytes). jieba's data is found in\n"
    "$ZHTEXT_JIEBA_DIR or the directory set at build time; its compiled form is\n"
    "cached (see the README). --script traditional cuts traditional text as jieba cuts\n"
    "OpenCC's t2s conversion of it, and writes the words in the original characters.",
    {
        {"mode", "MODE", "precise (default), precise-nohmm, full or search: jieba.cut(HMM=True),\n"
                         "                            jieba.cut(HMM=False), jieba.cut(cut_all=True), jieba.cut_for_search"},
        {"dict", "PATH", "main dictionary in jieba's format (default: jieba's dict.txt)"},
        {"user-dict", "PATH", "user dictionary, read as jieba.load_userdict reads it"},
        {"sep", "STR", "token separator (default: two spaces)"},
        {"json", "", "write each line as a JSON array of {\"word\",\"start\",\"end\"}, byte offsets in the line"},
        cli::script_option(),
    },
    cli::common_engine | cli::common_format_jsonl,
    run_segment,
};
