// cli.hpp - shared plumbing of the `zhtext` program: options, inputs, the block
// engine that runs a subcommand over a corpus on all cores, output formats, exits.
//
// Every subcommand lives in cmd_<name>.cpp as `int cmd_<name>(cli::args&)` and is
// registered in main.cpp. Conventions (documented in the README, "CLI reference"):
//  - inputs are the positional arguments: files, directories (read recursively: the
//    files whose name matches --glob, default "*.txt", in sorted path order; hidden
//    entries are skipped), or "-" for standard input; no argument = standard input;
//  - exit codes: 0 success; 1 an input failed a check (`validate` on invalid UTF-8,
//    `--on-invalid error`); 2 usage error; 3 I/O or system error (unreadable input,
//    failed write, out of memory). An unreadable input is reported and the others are
//    still processed; `--on-invalid error` stops the run at the failing file;
//  - errors and warnings are one line each on stderr, "zhtext <command>: ...";
//    `--quiet` silences warnings and the progress line, never errors.
//
// The block engine (run_blocks) is how a subcommand becomes corpus-scale:
//
//   cli::block_options bo;                     // cut at line ends, ~1 MiB blocks
//   return cli::run_blocks(a, bo, [&](const cli::block& b) {
//     std::string out;                         // runs on worker threads: no shared
//     cli::line_counter lines(b);              // mutable state
//     for (...each result at text position p...)
//       out += std::string(b.file) + ":" + std::to_string(lines.line_of(p)) + ...;
//     return out;                              // written to stdout in input order
//   });
//
// It reads the inputs one after the other, cuts each into blocks of whole lines (or
// whole paragraphs, block_options::cut), processes the blocks on --threads worker
// threads and writes the results in input order, so the output is byte-identical for
// every --threads value. Block boundaries depend only on the bytes of the inputs,
// never on --threads, read sizes or timing: a block ends at the first cut point at or
// after its target size, which is block_size, except that the first blocks of a run
// are smaller (64 KiB, doubling) so that every worker starts soon, and, when the
// inputs' total size is known up front, so are the last ones (a quarter of what is
// left, at least 64 KiB), so that the workers finish together. Memory stays
// bounded: at most threads+2 blocks are in flight, each block_size bytes plus at
// most one line (or paragraph); a paragraph longer
// than max_block_size is cut at a line end, a longer line at a UTF-8 character
// boundary, and the next block says so (block::continues). Every input gives at
// least one block (an empty input gives one empty block; a block may be empty after
// --on-invalid skip), so a consumer sees every file and its last block (block::last).
//
// Invalid UTF-8 (--on-invalid, for commands that accept it):
//  - replace (default): each maximal ill-formed subpart becomes U+FFFD in the block's
//    text, with a warning "FILE:LINE:BYTE: invalid UTF-8 (KIND), replaced with U+FFFD"
//    (the first 10 of each file, then a count);
//  - skip: each line holding invalid UTF-8 is left out of the block's text, with a
//    warning "..., line skipped";
//  - error: each input is validated before anything of it is processed (a fast
//    pre-pass; standard input and pipes are spooled to a temporary file); the first
//    invalid one stops the run with "FILE:LINE:BYTE: invalid UTF-8 (KIND)", exit 1,
//    nothing of that file on stdout (the files before it are complete).
// The text a command sees is therefore always valid UTF-8, and block::source_offset()
// and block::line_of() map positions in it back to byte offsets and line numbers of
// the file, across replaced bytes and skipped lines. Commands that must see the raw
// bytes (validate) set block_options::raw.
//
// LINE is 1-based, BYTE is the 0-based byte offset in the file. The engine runs on
// the calling thread plus `threads` workers (none when threads == 1).
#pragma once

#include <cstdint>
#include <cstdio>
#include <functional>
#include <istream>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace cli {

enum exit_code : int { exit_ok = 0, exit_check_failed = 1, exit_usage = 2, exit_io = 3 };

/// One option a subcommand accepts: "--name" alone, or "--name VALUE"/"--name=VALUE".
struct option {
  std::string name;         ///< without the leading dashes
  std::string value_name;   ///< empty for a flag
  std::string help;
};

/// Output formats a command can offer with --format.
enum class output_format { plain, tsv, jsonl };

/// What to do with invalid UTF-8 in the input (--on-invalid).
enum class invalid_policy { replace, skip, error };

/// Common option groups, accepted besides a command's own options (bit set).
/// --glob and --quiet are always accepted; the others when the command asks.
enum common_options : unsigned {
  common_inputs = 0,              ///< --glob PATTERN, --quiet (always on)
  common_threads = 1u << 0,       ///< --threads N
  common_on_invalid = 1u << 1,    ///< --on-invalid error|replace|skip
  common_format_tsv = 1u << 2,    ///< --format plain|tsv
  common_format_jsonl = 1u << 3,  ///< --format plain|jsonl (with the above: all three)
  common_engine = common_threads | common_on_invalid,
  common_formats = common_format_tsv | common_format_jsonl,
};

/// A subcommand's parsed command line.
class args {
 public:
  args(std::string command, std::vector<std::string> argv) : command_(std::move(command)), argv_(std::move(argv)) {}

  /// Parses argv against `options` (plus --help and the `common` option groups).
  /// Returns false after printing a one-line error (unknown option, missing or bad
  /// value) to stderr; the command then returns exit_usage.
  bool parse(const std::vector<option>& options, unsigned common = common_inputs);

  bool has(const std::string& name) const { return values_.count(name) != 0; }
  std::string get(const std::string& name, const std::string& fallback = {}) const {
    auto it = values_.find(name);
    return it == values_.end() ? fallback : it->second;
  }
  const std::vector<std::string>& positional() const { return positional_; }
  const std::string& command() const { return command_; }

  /// --threads (default: all cores); 1 when the command did not ask for it.
  unsigned threads() const { return threads_; }
  /// --quiet: no warnings, no progress line.
  bool quiet() const { return has("quiet"); }
  /// --glob (default "*.txt").
  std::string glob() const { return get("glob", "*.txt"); }
  /// --on-invalid (default replace).
  invalid_policy on_invalid() const { return on_invalid_; }
  /// --format (default plain).
  output_format format() const { return format_; }

  /// Prints "zhtext <command>: <message>" to stderr.
  void error(const std::string& message) const;
  /// Prints "zhtext <command>: warning: <message>" to stderr unless --quiet.
  void warning(const std::string& message) const;
  /// Prints usage: the synopsis line, the description, the option list and the
  /// common options the command accepts.
  void print_help(const std::string& synopsis, const std::string& description,
                  const std::vector<option>& options) const;

 private:
  std::string command_;
  std::vector<std::string> argv_;
  std::map<std::string, std::string> values_;
  std::vector<std::string> positional_;
  unsigned common_ = common_inputs;
  unsigned threads_ = 1;
  invalid_policy on_invalid_ = invalid_policy::replace;
  output_format format_ = output_format::plain;
};

// ---------------------------------------------------------------------------------
// Inputs

/// One input after expansion: a file (found in a directory or named on the command
/// line) or standard input.
struct input {
  std::string name;       ///< as shown in messages and outputs; "<stdin>" for "-"
  std::string path;       ///< what to open; empty for standard input
  bool from_directory = false;
};

/// Expands the positional arguments (none = "-") into inputs: directories become
/// their matching files (recursively, sorted by path). Reports each argument that
/// cannot be read ("cannot open 'x': reason") and sets `status` to exit_io for it.
std::vector<input> expand_inputs(const args& a, int& status);

/// Calls `f(name, stream)` for each input (files in order, directories expanded,
/// "-" or none = stdin). An input that cannot be opened is reported on stderr and
/// skipped (exit_io). Returns the largest of exit_io (if any) and what `f` returned.
/// The simple, sequential interface; prefer run_blocks for anything corpus-sized.
int for_each_input(const args& a, const std::function<int(const std::string&, std::istream&)>& f);

/// Reads `in` in blocks that end at a paragraph break (a blank line) or at the end of
/// the input, calling `f(block)` for each; memory is bounded by the longest paragraph
/// plus one read buffer.
void for_each_paragraph_block(std::istream& in, const std::function<void(std::string_view)>& f);

/// Reads all of `in`.
std::string read_all(std::istream& in);

/// Writes `s` to stdout.
inline void out(std::string_view s) { std::fwrite(s.data(), 1, s.size(), stdout); }

// ---------------------------------------------------------------------------------
// The block engine

/// Where blocks end.
enum class cut_at {
  line,       ///< after a line break ('\n')
  paragraph,  ///< after a paragraph break (a blank line; a run of them stays together)
};

/// How run_blocks cuts and prepares the input.
struct block_options {
  cut_at cut = cut_at::line;
  /// Target block size: a block ends at the first cut point at or after this many
  /// bytes (fewer at the start and the end of a run, see above). The environment
  /// variable ZHTEXT_BLOCK_SIZE=N overrides it and sets the maximum to 16 * N (tests
  /// use it to exercise cuts on small inputs).
  std::size_t block_size = std::size_t(1) << 20;
  /// A block never exceeds max(max_block_size, 16 * block_size): a longer paragraph
  /// is cut after a line end, a longer line at a character boundary, and the next
  /// block has `continues` set.
  std::size_t max_block_size = std::size_t(16) << 20;
  /// Raw bytes: no --on-invalid handling, no warnings (for `validate`).
  bool raw = false;
};

/// A piece of one input handed to a command. Valid during the call that receives it.
struct block {
  std::string_view file;        ///< the input's name ("<stdin>" for standard input)
  std::size_t file_index = 0;   ///< 0-based position of the input in the input list
  std::size_t index = 0;        ///< 0-based block number within the input
  std::string_view text;        ///< whole lines (or paragraphs); valid UTF-8 unless raw
  std::uint64_t offset = 0;     ///< byte offset in the file of text[0]
  std::uint64_t first_line = 1; ///< 1-based line number in the file of text[0]
  std::uint64_t source_size = 0;  ///< bytes of the file this block covers
  bool last = true;             ///< the input's last block
  bool continues = false;       ///< text[0] continues a line/paragraph cut for size

  /// One point where text and file positions diverge (a replaced sequence, a
  /// skipped line): from text position `text_pos` on, text[p] is file byte
  /// offset + source_pos + (p - text_pos), on line first_line + (line breaks in
  /// text[0, p)) + lines_skipped.
  struct edit {
    std::size_t text_pos;
    std::uint64_t source_pos;
    std::uint64_t lines_skipped;
  };
  const edit* edits = nullptr;  ///< sorted by text_pos; none when text is the file's bytes
  std::size_t edit_count = 0;

  /// Byte offset in the file of text position `pos` (pos at a character boundary,
  /// 0 <= pos <= text.size()). O(log edits).
  std::uint64_t source_offset(std::size_t pos) const;
  /// 1-based line number in the file of text position `pos`. O(pos); use a
  /// line_counter for many positions.
  std::uint64_t line_of(std::size_t pos) const;
};

/// Line numbers of increasing positions of one block in amortised O(1) each.
class line_counter {
 public:
  explicit line_counter(const block& b) : b_(&b) {}
  /// 1-based line number in the file of b.text[pos]; cheapest when pos does not
  /// decrease between calls (a smaller pos restarts the count).
  std::uint64_t line_of(std::size_t pos);

 private:
  const block* b_;
  std::size_t pos_ = 0;
  std::uint64_t breaks_ = 0;  // '\n' in text[0, pos_)
};

/// What a consumer asks for after one block.
enum class flow { next, skip_rest_of_file };

namespace detail {
struct engine_callbacks {
  std::function<void(const block&, std::size_t slot)> map;       // worker threads
  std::function<flow(const block&, std::size_t slot)> consume;   // calling thread, in order
  std::function<void(std::size_t slot)> discard;                 // result never consumed
};
std::size_t engine_slots(const args& a);
int run_engine(const args& a, const block_options& opt, const engine_callbacks& cb);
}  // namespace detail

/// Runs `process` over every block of every input and writes what it returns to
/// stdout, in input order (the same bytes for every --threads). `process` runs on
/// worker threads, concurrently with itself: it must not touch shared mutable state.
/// Returns the exit code (see the top of this header); every error and warning has
/// already been printed.
int run_blocks(const args& a, const block_options& opt, const std::function<std::string(const block&)>& process);

/// The general form: `map(block)` runs on worker threads and returns a result R;
/// `consume(block, R&&)` runs on the calling thread in input order (it may write
/// output, merge counts, keep per-file state) and returns void or a `flow`
/// (flow::skip_rest_of_file: the input's remaining blocks are neither read further
/// nor consumed). The block passed to consume is the one map saw.
template <class Map, class Consume>
int run_blocks(const args& a, const block_options& opt, Map&& map, Consume&& consume) {
  using R = std::decay_t<std::invoke_result_t<Map&, const block&>>;
  std::vector<std::optional<R>> results(detail::engine_slots(a));
  detail::engine_callbacks cb;
  cb.map = [&](const block& b, std::size_t slot) { results[slot].emplace(map(b)); };
  cb.consume = [&](const block& b, std::size_t slot) -> flow {
    R r = std::move(*results[slot]);
    results[slot].reset();
    if constexpr (std::is_same_v<std::invoke_result_t<Consume&, const block&, R&&>, flow>) {
      return consume(b, std::move(r));
    } else {
      consume(b, std::move(r));
      return flow::next;
    }
  };
  cb.discard = [&](std::size_t slot) { results[slot].reset(); };
  return detail::run_engine(a, opt, cb);
}

// ---------------------------------------------------------------------------------
// Output formats. Every output of the program is well-formed UTF-8.

/// Appends `s` as one TSV field: \ -> \\, TAB -> \t, LF -> \n, CR -> \r, other
/// control bytes (00..1F, 7F) and each byte of an ill-formed UTF-8 sequence -> \xHH
/// (two upper-case hex digits); everything else as is. Lossless and canonical.
void append_tsv_field(std::string& out, std::string_view s);

/// Appends `s` as a JSON string literal (RFC 8259), quotes included: " \ and control
/// characters escaped (\n \t \r \b \f, others \u00XX), each maximal ill-formed UTF-8
/// subpart as U+FFFD; everything else as is. Always a valid JSON string.
void append_json_string(std::string& out, std::string_view s);

}  // namespace cli
