// zhtext normalize [options] [FILE|DIR...]: clean up news text (see zhtext/normalize.hpp).
// Runs on the block engine with paragraph blocks: normalisation carries no state
// across a blank line, so blocks are normalised in parallel and written in order.
#include <string>

#include <zhtext/normalize.hpp>

#include "commands.hpp"
#include "lib/engine.hpp"
#include "lib/output.hpp"

namespace cli::normalize {

int run_normalize(cli::args& a) {
  zhtext::normalize_options opt;
  opt.fold_width = a.has("fold-width");
  opt.cjk_punctuation = a.has("cjk-punct");
  opt.join_lines = !a.has("no-join");
  opt.clean_whitespace = !a.has("keep-space");
  opt.remove_controls = !a.has("keep-controls");
  cli::block_options bo;
  bo.cut = cli::cut_at::paragraph;
  bool wrote = false, ends_with_newline = false;
  std::size_t last_file = 0;  // input of the last text written
  return cli::run_blocks(
      a, bo, [&](const cli::block& b) { return zhtext::normalize_text(b.text, opt); },
      [&](const cli::block& b, std::string&& text) {
        if (text.empty()) return;
        if (wrote) {
          // A new input starts on a new line (a new paragraph with clean-up).
          if (b.file_index != last_file && !ends_with_newline) cli::out("\n");
          // Clean-up turns the blank line that ends a block into the block's final
          // "\n"; the paragraph break is restored here (not after a block that was
          // cut inside a paragraph for size, see lib/engine.hpp).
          if (opt.clean_whitespace && !b.continues) cli::out("\n");
        }
        cli::out(text);
        wrote = true;
        last_file = b.file_index;
        ends_with_newline = text.back() == '\n';
      });
}

}  // namespace cli::normalize

const cli::command cli::normalize_command = {
    "normalize",
    "clean up news text (line wraps, widths, spaces, controls)",
    "[options] [FILE|DIR...]",
    "Writes the normalised text: invalid UTF-8 replaced by U+FFFD, CRLF/CR to LF,\n"
    "hard-wrapped lines inside paragraphs joined, white space trimmed and collapsed,\n"
    "control characters removed; width folding and Chinese punctuation on request.",
    {
        "--fold-width              full-width letters, digits and punctuation to ASCII; U+3000 to space",
        "--cjk-punct               half-width , ; : ? ! after Chinese characters to ，；：？！",
        "--no-join                 keep hard-wrapped line breaks",
        "--keep-space              keep white space as it is (no trimming or collapsing)",
        "--keep-controls           keep control and invisible format characters",
    },
    cli::common_engine,
    normalize::run_normalize,
};
