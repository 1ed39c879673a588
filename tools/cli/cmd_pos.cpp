// zhtext pos [options] [FILE|DIR...]: part-of-speech tagging, word for word and tag for
// tag as Python jieba.posseg 0.42.1 tags (see zhtext/pos.hpp). One output line per
// input line. Runs on the block engine exactly as `zhtext segment` does (blocks of
// whole lines on --threads workers, output in input order; a long line cut only where
// no token can cross the cut).
#include <string>

#include <zhtext/pos.hpp>

#include "commands.hpp"
#include "lib/jieba.hpp"

namespace cli::pos {

int run_pos(cli::args& a) {
  const std::string mode = a.get("mode", "precise");
  if (mode == "full" || mode == "search") {
    a.error("--mode " + mode + ": jieba.posseg has no " + mode + " mode; use precise or precise-nohmm");
    return cli::exit_usage;
  }
  bool hmm = true;
  if (!a.get_choice<bool>("mode", {{"precise", true}, {"precise-nohmm", false}}, hmm)) return cli::exit_usage;
  return cli::run_token_lines<zhtext::pos_tagger>(
      a, true, false,
      [&](const zhtext::pos_tagger& tagger, const zhtext::script_text& text, std::size_t at, cli::token_line& out) {
        zhtext::for_each_tagged_token(tagger, text, [&](const zhtext::tagged_token& t) {
          out.add(t.text, t.tag, at + t.offset, at + t.offset + t.text.size());
        }, hmm);
      });
}

}  // namespace cli::pos

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
    cli::token_line_options("--mode MODE               precise (default) or precise-nohmm: jieba.posseg.cut(HMM=True / HMM=False)",
                            true),
    cli::common_engine | cli::common_format_jsonl,
    pos::run_pos,
};
