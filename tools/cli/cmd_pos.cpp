// zhtext pos [options] [FILE|DIR...]: part-of-speech tagging, word for word and tag for
// tag as Python jieba.posseg 0.42.1 tags (see zhtext/pos.hpp). One output line per
// input line. Runs on the block engine exactly as `zhtext segment` does (blocks of
// whole lines on --threads workers, output in input order; a line is never cut).
#include <string>

#include <zhtext/pos.hpp>

#include "commands.hpp"
#include "lib/engine.hpp"
#include "lib/jieba.hpp"
#include "lib/script.hpp"

namespace {

int run_pos(cli::args& a) {
  const std::string mode = a.get("mode", "precise");
  if (mode == "full" || mode == "search") {
    a.error("--mode " + mode + ": jieba.posseg has no " + mode + " mode; use precise or precise-nohmm");
    return cli::exit_usage;
  }
  bool hmm = true;
  if (!a.get_choice<bool>("mode", {{"precise", true}, {"precise-nohmm", false}}, hmm)) return cli::exit_usage;
  const cli::token_format format = cli::get_token_format(a, true);
  cli::script_choice script;
  if (const int rc = cli::get_script(a, script); rc >= 0) return rc;
  int rc = cli::exit_ok;
  const auto tagger = cli::load_with_dictionaries<zhtext::pos_tagger>(a, rc);
  if (!tagger) return rc;
  return cli::run_blocks(a, cli::whole_lines(), [&](const cli::block& b, cli::block_output& out) {
    thread_local zhtext::script_text st;
    cli::for_each_line(b, [&](const cli::text_line& l) {
      cli::token_line tokens(b, l, format, out);
      zhtext::for_each_tagged_token(*tagger, script.prepare(l.text, st), [&](const zhtext::tagged_token& t) {
        tokens.add(t.text, t.tag, t.offset, t.offset + t.text.size());
      }, hmm);
      tokens.finish();
    });
  });
}

}  // namespace

const cli::command cli::pos_command = {
    "pos",
    "tag words with parts of speech exactly as jieba.posseg does, one line per input line",
    "[options] [FILE|DIR...]",
    "Tags each input line with parts of speech exactly as Python jieba.posseg 0.42.1\n"
    "does and writes one line per input line: word/tag pairs joined by --sep, tokens\n"
    "that are white space dropped. With --json (or --format jsonl), each line is a\n"
    "JSON array of\n"
    "  {\"word\":\"...\",\"tag\":\"...\",\"start\":B,\"end\":E}\n"
    "where B and E are byte offsets of the word in the input line; with several\n"
    "inputs (or a directory) {\"file\":F,\"line\":L,\"tokens\":[that array]}. jieba.posseg has\n"
    "only the precise mode, with or without HMM. Invalid UTF-8 is handled as\n"
    "--on-invalid says (default: each bad sequence read as U+FFFD, tagged x; the\n"
    "offsets still count the original bytes). jieba's data is found in\n"
    "$ZHTEXT_JIEBA_DIR or the directory set at build time; its compiled form is\n"
    "cached (see the README). --script traditional tags traditional text as\n"
    "jieba.posseg tags OpenCC's t2s conversion of it, words in the original characters.",
    {
        {"mode", "MODE", "precise (default) or precise-nohmm: jieba.posseg.cut(HMM=True / HMM=False)"},
        {"dict", "PATH", "main dictionary in jieba's format, with tags (default: jieba's dict.txt)"},
        {"user-dict", "PATH", "user dictionary, read as jieba.load_userdict reads it (tags included)"},
        {"sep", "STR", "token separator (default: two spaces)"},
        {"json", "", "write each line as a JSON array of {\"word\",\"tag\",\"start\",\"end\"}, byte offsets in the line"},
        cli::script_option(),
    },
    cli::common_engine | cli::common_format_jsonl,
    run_pos,
};
