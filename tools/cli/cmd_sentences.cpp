// zhtext sentences [options] [FILE|DIR...]: one sentence per line (see
// zhtext/sentence.hpp). Runs on the block engine with paragraph blocks (sentences
// never cross a blank line); --format tsv/jsonl add the file, line and offsets.
#include <iostream>
#include <string>

#include <zhtext/normalize.hpp>
#include <zhtext/sentence.hpp>

#include "commands.hpp"

namespace {

const std::vector<cli::option> options = {
    {"semicolon", "", "also end sentences at ；and ;"},
    {"line-breaks", "MODE", "wrap-aware (default): a line break ends a sentence unless it is a hard wrap;\n"
                            "                            always: every line break does; never: only blank lines do"},
    {"offsets", "", "plain format: prefix each sentence with its byte offset and length in the\n"
                    "                            input, TAB-separated"},
};

}  // namespace

int cmd_sentences(cli::args& a) {
  if (!a.parse(options, cli::common_engine | cli::common_formats)) return cli::exit_usage;
  if (a.has("help")) {
    a.print_help("[options] [FILE|DIR...]",
                 "Splits Chinese text into sentences and prints one per line. Line breaks inside\n"
                 "a sentence (hard wraps) are removed from the printed sentence, or become a space\n"
                 "between Latin words; --offsets still refers to the input bytes.\n"
                 "--format tsv: FILE, LINE, OFFSET, LENGTH, SENTENCE (TAB-separated, no header);\n"
                 "--format jsonl: {\"file\",\"line\",\"offset\",\"length\",\"text\"} per line.\n"
                 "LINE is where the sentence starts (1-based), OFFSET/LENGTH are input bytes.",
                 options);
    return cli::exit_ok;
  }
  zhtext::sentence_options opt;
  opt.split_on_semicolon = a.has("semicolon");
  const std::string mode = a.get("line-breaks", "wrap-aware");
  if (mode == "wrap-aware") opt.line_breaks = zhtext::line_break_mode::wrap_aware;
  else if (mode == "always") opt.line_breaks = zhtext::line_break_mode::always;
  else if (mode == "never") opt.line_breaks = zhtext::line_break_mode::never;
  else {
    a.error("--line-breaks must be wrap-aware, always or never, not '" + mode + "'");
    return cli::exit_usage;
  }
  const bool offsets = a.has("offsets");
  const cli::output_format format = a.format();
  zhtext::normalize_options flat;  // only joins the sentence's own line breaks
  flat.join_lines = true;
  cli::block_options bo;
  bo.cut = cli::cut_at::paragraph;
  return cli::run_blocks(a, bo, [&](const cli::block& b) {
    std::string out;
    cli::line_counter lines(b);
    std::string text;
    zhtext::for_each_sentence(b.text, [&](const zhtext::sentence& s) {
      text = zhtext::normalize(s.text, flat).text;
      // A sentence that only never-mode keeps together may hold kept line breaks.
      for (char& c : text)
        if (c == '\n') c = ' ';
      const std::uint64_t begin = b.source_offset(s.offset);
      const std::uint64_t length = b.source_offset(s.offset + s.text.size()) - begin;
      switch (format) {
        case cli::output_format::plain:
          if (offsets) out += std::to_string(begin) + '\t' + std::to_string(length) + '\t';
          out += text;
          break;
        case cli::output_format::tsv:
          cli::append_tsv_field(out, b.file);
          out += '\t' + std::to_string(lines.line_of(s.offset)) + '\t' + std::to_string(begin) + '\t' +
                 std::to_string(length) + '\t';
          cli::append_tsv_field(out, text);
          break;
        case cli::output_format::jsonl:
          out += "{\"file\":";
          cli::append_json_string(out, b.file);
          out += ",\"line\":" + std::to_string(lines.line_of(s.offset)) + ",\"offset\":" + std::to_string(begin) +
                 ",\"length\":" + std::to_string(length) + ",\"text\":";
          cli::append_json_string(out, text);
          out += '}';
          break;
      }
      out += '\n';
    }, opt);
    return out;
  });
}
