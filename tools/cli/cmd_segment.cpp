// zhtext segment [options] [FILE|DIR...]: word segmentation, token for token as Python
// jieba 0.42.1 cuts (see zhtext/segment.hpp). One output line per input line. Runs on
// the block engine (blocks of whole lines on --threads workers, output in input order);
// a line longer than the block limit is cut only where no token can cross the cut
// (cli::jieba_blocks), so memory is bounded by the blocks in flight, except for a line
// with no such place (one run of Han characters, or any line in full mode or with
// --script), which is held whole (the cutter then keeps 1 byte per character of a
// long run of Han characters, not its ~40 bytes, except in full mode).
#include <string>

#include <zhtext/segment.hpp>

#include "commands.hpp"
#include "lib/jieba.hpp"

namespace cli::segment {

int run_segment(cli::args& a) {
  zhtext::cut_options opt;
  if (!cli::get_cut_mode(a, opt)) return cli::exit_usage;
  return cli::run_token_lines<zhtext::segmenter>(
      a, false, opt.mode == zhtext::cut_mode::full,
      [&](const zhtext::segmenter& seg, const zhtext::script_text& text, std::size_t at, cli::token_line& out) {
        zhtext::for_each_token(seg, text, [&](const zhtext::token& t, const zhtext::byte_range& span) {
          out.add(t.text, {}, at + span.begin, at + span.end);  // the input bytes, also where replaced
        }, opt);
      });
}

}  // namespace cli::segment

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
    cli::token_line_options("--mode MODE               precise (default), precise-nohmm, full or search: jieba.cut(HMM=True),\n"
                            "                            jieba.cut(HMM=False), jieba.cut(cut_all=True), jieba.cut_for_search",
                            false),
    cli::common_engine | cli::common_format_jsonl,
    segment::run_segment,
};
