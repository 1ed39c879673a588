// zhtext sentences [options] [FILE|DIR...]: one sentence per line (see
// zhtext/sentence.hpp). Runs on the block engine with paragraph blocks (sentences
// never cross a blank line); --format tsv/jsonl add the file, line and offsets.
#include <string>

#include <zhtext/normalize.hpp>
#include <zhtext/sentence.hpp>

#include "commands.hpp"
#include "lib/engine.hpp"
#include "lib/output.hpp"

namespace cli::sentences {

int run_sentences(cli::args& a) {
  zhtext::sentence_options opt;
  opt.split_on_semicolon = a.has("semicolon");
  if (!a.get_choice<zhtext::line_break_mode>("line-breaks",
                                             {{"wrap-aware", zhtext::line_break_mode::wrap_aware},
                                              {"always", zhtext::line_break_mode::always},
                                              {"never", zhtext::line_break_mode::never}},
                                             opt.line_breaks))
    return cli::exit_usage;
  const bool offsets = a.has("offsets");
  const cli::output_format format = a.format();
  zhtext::normalize_options flat;  // only joins the sentence's own line breaks
  flat.join_lines = true;
  cli::block_options bo;
  bo.cut = cli::cut_at::paragraph;
  return cli::run_blocks(a, bo, [&](const cli::block& b, cli::block_output& out) {
    cli::line_counter lines(b);
    std::string text;
    zhtext::for_each_sentence(b.text, [&](const zhtext::sentence& s) {
      text = zhtext::normalize_text(s.text, flat);
      // A sentence that only never-mode keeps together may hold kept line breaks.
      for (char& c : text)
        if (c == '\n') c = ' ';
      const std::uint64_t begin = b.source_offset(s.offset);
      const std::uint64_t length = b.source_offset(s.offset + s.text.size()) - begin;
      if (format == cli::output_format::plain) {
        if (offsets) out.text() += std::to_string(begin) + '\t' + std::to_string(length) + '\t';
        out.text() += text;
        out.text() += '\n';
      } else {
        cli::record(out.text(), format)
            .str("file", b.file)
            .num("line", lines.line_of(s.offset))
            .num("offset", begin)
            .num("length", length)
            .str("text", text)
            .end();
      }
      out.record_done();
    }, opt);
  });
}

}  // namespace cli::sentences

const cli::command cli::sentences_command = {
    "sentences",
    "split Chinese text into sentences, one per line",
    "[options] [FILE|DIR...]",
    "Splits Chinese text into sentences and prints one per line. Line breaks inside\n"
    "a sentence (hard wraps) are removed from the printed sentence, or become a space\n"
    "between Latin words; --offsets still refers to the input bytes.\n"
    "--format tsv: FILE, LINE, OFFSET, LENGTH, SENTENCE (TAB-separated, no header);\n"
    "--format jsonl: {\"file\",\"line\",\"offset\",\"length\",\"text\"} per line.\n"
    "LINE is where the sentence starts (1-based), OFFSET/LENGTH are input bytes.",
    {
        "--semicolon               also end sentences at ；and ;",
        "--line-breaks MODE        wrap-aware (default): a line break ends a sentence unless it is a hard wrap;\n"
        "                            always: every line break does; never: only blank lines do",
        "--offsets                 plain format: prefix each sentence with its byte offset and length in the\n"
        "                            input, TAB-separated",
    },
    cli::common_engine | cli::common_formats,
    sentences::run_sentences,
};
