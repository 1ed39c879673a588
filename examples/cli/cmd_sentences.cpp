// zhtext sentences [options] [FILE...]: one sentence per line (see zhtext/sentence.hpp).
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
    {"offsets", "", "prefix each sentence with its byte offset and length in the input, TAB-separated"},
};

}  // namespace

int cmd_sentences(cli::args& a) {
  if (!a.parse(options)) return cli::exit_usage;
  if (a.has("help")) {
    a.print_help("[options] [FILE...]",
                 "Splits Chinese text into sentences and prints one per line. Line breaks inside\n"
                 "a sentence (hard wraps) are removed from the printed sentence, or become a space\n"
                 "between Latin words; --offsets still refers to the input bytes.",
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
  zhtext::normalize_options flat;  // only joins the sentence's own line breaks
  flat.join_lines = true;
  return cli::for_each_input(a, [&](const std::string&, std::istream& in) {
    std::size_t base = 0;
    cli::for_each_paragraph_block(in, [&](std::string_view block) {
      std::string line;
      zhtext::for_each_sentence(block, [&](const zhtext::sentence& s) {
        line.clear();
        if (offsets) line += std::to_string(base + s.offset) + '\t' + std::to_string(s.text.size()) + '\t';
        std::string text = zhtext::normalize(s.text, flat).text;
        // A sentence that only never-mode keeps together may hold kept line breaks.
        for (char& c : text)
          if (c == '\n') c = ' ';
        line += text;
        line += '\n';
        cli::out(line);
      }, opt);
      base += block.size();
    });
    return cli::exit_ok;
  });
}
