// zhtext normalize [options] [FILE...]: clean up news text (see zhtext/normalize.hpp).
#include <iostream>
#include <string>

#include <zhtext/normalize.hpp>

#include "commands.hpp"

namespace {

const std::vector<cli::option> options = {
    {"fold-width", "", "full-width letters, digits and punctuation to ASCII; U+3000 to space"},
    {"cjk-punct", "", "half-width , ; : ? ! after Chinese characters to ，；：？！"},
    {"no-join", "", "keep hard-wrapped line breaks"},
    {"keep-space", "", "keep white space as it is (no trimming or collapsing)"},
    {"keep-controls", "", "keep control and invisible format characters"},
};

}  // namespace

int cmd_normalize(cli::args& a) {
  if (!a.parse(options)) return cli::exit_usage;
  if (a.has("help")) {
    a.print_help("[options] [FILE...]",
                 "Writes the normalised text: invalid UTF-8 replaced by U+FFFD, CRLF/CR to LF,\n"
                 "hard-wrapped lines inside paragraphs joined, white space trimmed and collapsed,\n"
                 "control characters removed; width folding and Chinese punctuation on request.",
                 options);
    return cli::exit_ok;
  }
  zhtext::normalize_options opt;
  opt.fold_width = a.has("fold-width");
  opt.cjk_punctuation = a.has("cjk-punct");
  opt.join_lines = !a.has("no-join");
  opt.clean_whitespace = !a.has("keep-space");
  opt.remove_controls = !a.has("keep-controls");
  bool wrote = false;
  return cli::for_each_input(a, [&](const std::string&, std::istream& in) {
    // Blocks end at blank lines, where normalisation has no state to carry over; the
    // blank line that clean-up turns into the block's final "\n" is restored here.
    cli::for_each_paragraph_block(in, [&](std::string_view block) {
      const zhtext::normalized_text n = zhtext::normalize(block, opt);
      if (n.text.empty()) return;
      if (wrote && opt.clean_whitespace) cli::out("\n");
      cli::out(n.text);
      wrote = true;
    });
    return cli::exit_ok;
  });
}
