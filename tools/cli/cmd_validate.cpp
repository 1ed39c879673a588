// zhtext validate [FILE|DIR...]: is the input UTF-8? Blocks are validated in
// parallel; the first error of each input is reported and the rest of it skipped.
#include <sys/stat.h>

#include <algorithm>
#include <optional>
#include <string>

#include <zhtext/utf8.hpp>

#include "commands.hpp"

namespace {

struct first_error {
  std::uint64_t byte, line;
  zhtext::utf8_errc kind;
};

}  // namespace

int cmd_validate(cli::args& a) {
  const std::vector<cli::option> options = {};
  if (!a.parse(options, cli::common_threads)) return cli::exit_usage;
  if (a.has("help")) {
    a.print_help("[FILE|DIR...]",
                 "Checks that each input is well-formed UTF-8. Prints \"OK\", or the byte offset,\n"
                 "line and kind of the first error, e.g.\n"
                 "  invalid UTF-8 at byte 17 (line 2): truncated sequence\n"
                 "With several inputs, or a directory, each line starts with the input's name\n"
                 "and \": \". Exit status 1 if any input is invalid.",
                 options);
    return cli::exit_ok;
  }
  // Name prefixes when there can be more than one input: several arguments, or a
  // directory (even one holding a single file, so the output shape never depends on
  // how many files a directory happens to hold).
  bool many = a.positional().size() > 1;
  for (const std::string& p : a.positional()) {
    struct stat st {};
    if (p != "-" && ::stat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) many = true;
  }
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
