// zhtext validate [FILE|DIR...]: is the input UTF-8? Blocks are validated in
// parallel; the first error of each input is reported and the rest of it skipped. An
// input in another encoding (cli::detect_encoding on its first bytes: UTF-16/32,
// GB18030, Big5) is reported as every command reports it, with the iconv command that
// converts it.
#include <algorithm>
#include <optional>
#include <string>

#include <zhtext/utf8.hpp>

#include "commands.hpp"
#include "lib/engine.hpp"
#include "lib/inputs.hpp"
#include "lib/output.hpp"

namespace cli::validate {

// What map finds in a block: the first invalid sequence, or (first block) that the
// input is in another encoding.
struct first_error {
  std::uint64_t byte, line;
  zhtext::utf8_errc kind;
  cli::foreign_encoding encoding = cli::foreign_encoding::none;
  std::string head;  // the first bytes, for encoding_message
};

int run_validate(cli::args& a) {
  const bool many = cli::names_inputs(a);
  const bool json = a.format() == cli::output_format::jsonl;
  cli::block_options bo;
  bo.raw = true;  // validate sees the bytes; --on-invalid does not apply
  bool invalid = false;
  const int rc = cli::run_blocks(
      a, bo,
      [](const cli::block& b) -> std::optional<first_error> {
        if (b.index == 0) {
          const std::string_view head = b.text.substr(0, cli::encoding_sniff_bytes);
          if (const cli::foreign_encoding e = cli::detect_encoding(head); e != cli::foreign_encoding::none)
            return first_error{0, 1, zhtext::utf8_errc::ok, e, std::string(head)};
        }
        // A block ends at a line end or at a character boundary (complete_prefix_length),
        // so validating blocks one by one finds what validating the whole input finds.
        const zhtext::utf8_validation v = zhtext::validate_utf8(b.text);
        if (v.ok) return std::nullopt;
        return first_error{b.offset + v.offset, b.line_of(v.offset), v.kind, cli::foreign_encoding::none, {}};
      },
      [&](const cli::block& b, std::optional<first_error>&& e) {
        if (!e && !b.last) return cli::flow::next;
        invalid = invalid || e.has_value();
        const bool foreign = e && e->encoding != cli::foreign_encoding::none;
        if (json) {  // {"file":F,"ok":B[,"byte":N,"line":L],"error":KIND or the encoding message}
          std::string o;
          cli::record r(o, cli::output_format::jsonl);
          r.str("file", b.file).raw("ok", e ? "false" : "true");
          if (e && !foreign) r.num("byte", e->byte).num("line", e->line).str("error", zhtext::to_string(e->kind));
          if (foreign) r.str("error", cli::encoding_message(e->encoding, e->head, std::string(b.file)));
          r.end();
          cli::out(o);
        } else if (foreign) {  // the message names the file
          cli::out(cli::encoding_message(e->encoding, e->head, std::string(b.file)) + "\n");
        } else {
          const std::string prefix = many ? std::string(b.file) + ": " : std::string();
          cli::out(prefix + (e ? "invalid UTF-8 at byte " + std::to_string(e->byte) + " (line " + std::to_string(e->line) +
                                     "): " + zhtext::to_string(e->kind)
                               : std::string("OK")) +
                   "\n");
        }
        return e ? cli::flow::skip_rest_of_file : cli::flow::next;
      });
  return std::max(rc, invalid ? int(cli::exit_check_failed) : int(cli::exit_ok));
}

}  // namespace cli::validate

const cli::command cli::validate_command = {
    "validate",
    "check that input is UTF-8; report the first error's byte offset",
    "[FILE|DIR...]",
    "Checks that each input is well-formed UTF-8. Prints \"OK\", or the byte offset,\n"
    "line and kind of the first error, e.g.\n"
    "  invalid UTF-8 at byte 17 (line 2): truncated sequence\n"
    "With several inputs, or a directory, each line starts with the input's name\n"
    "and \": \". An input in another encoding, recognised from its first bytes\n"
    "(UTF-16 or UTF-32, with or without a byte-order mark; GB18030/GBK; Big5), is reported\n"
    "as every command reports it, with the command that converts it, e.g.\n"
    "  old.txt is GB18030 (GBK) or another legacy Chinese encoding text, not UTF-8\n"
    "  (...); convert it first: iconv -f GB18030 -t UTF-8 old.txt > old.txt.utf8\n"
    "(one line). With --json (or --format jsonl), one JSON object per input:\n"
    "  {\"file\":F,\"ok\":true}\n"
    "  {\"file\":F,\"ok\":false,\"byte\":17,\"line\":2,\"error\":\"truncated sequence\"}\n"
    "  {\"file\":F,\"ok\":false,\"error\":\"F is UTF-16LE text, ... convert it first: ...\"}\n"
    "(F is \"<stdin>\" for standard input). Exit status 1 if any input is invalid.",
    {},
    cli::common_threads | cli::common_format_jsonl,
    validate::run_validate,
};
