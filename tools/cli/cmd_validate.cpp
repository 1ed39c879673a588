// zhtext validate [FILE|DIR...]: is the input UTF-8? Blocks are validated in
// parallel; the first error of each input is reported and the rest of it skipped.
#include <algorithm>
#include <optional>
#include <string>

#include <zhtext/utf8.hpp>

#include "commands.hpp"
#include "lib/engine.hpp"
#include "lib/inputs.hpp"
#include "lib/output.hpp"

namespace {

struct first_error {
  std::uint64_t byte, line;
  zhtext::utf8_errc kind;
};

int run_validate(cli::args& a) {
  const bool many = cli::names_inputs(a);
  cli::block_options bo;
  bo.raw = true;  // validate sees the bytes; --on-invalid does not apply
  bool invalid = false;
  const int rc = cli::run_blocks(
      a, bo,
      [](const cli::block& b) -> std::optional<first_error> {
        // A block ends at a line end or at a character boundary (complete_prefix_length),
        // so validating blocks one by one finds what validating the whole input finds.
        const zhtext::utf8_validation v = zhtext::validate_utf8(b.text);
        if (v.ok) return std::nullopt;
        return first_error{b.offset + v.offset, b.line_of(v.offset), v.kind};
      },
      [&](const cli::block& b, std::optional<first_error>&& e) {
        const std::string prefix = many ? std::string(b.file) + ": " : std::string();
        if (e) {
          cli::out(prefix + "invalid UTF-8 at byte " + std::to_string(e->byte) + " (line " + std::to_string(e->line) +
                   "): " + zhtext::to_string(e->kind) + "\n");
          invalid = true;
          return cli::flow::skip_rest_of_file;
        }
        if (b.last) cli::out(prefix + "OK\n");
        return cli::flow::next;
      });
  return std::max(rc, invalid ? int(cli::exit_check_failed) : int(cli::exit_ok));
}

}  // namespace

const cli::command cli::validate_command = {
    "validate",
    "check that input is UTF-8; report the first error's byte offset",
    "[FILE|DIR...]",
    "Checks that each input is well-formed UTF-8. Prints \"OK\", or the byte offset,\n"
    "line and kind of the first error, e.g.\n"
    "  invalid UTF-8 at byte 17 (line 2): truncated sequence\n"
    "With several inputs, or a directory, each line starts with the input's name\n"
    "and \": \". Exit status 1 if any input is invalid.",
    {},
    cli::common_threads,
    run_validate,
};
