// options.hpp - the command line of a `zhtext` subcommand: its declaration (one
// `cli::command` per subcommand: name, summary, synopsis, description, options and
// common option groups), parsing, --help, and typed option values.
//
// A subcommand is declared once, in its cmd_<name>.cpp, and listed in main.cpp:
//
//   const cli::command cli::count_command = {         // declared in commands.hpp
//       "count", "frequency table of ...",              // name, summary for `zhtext --help`
//       "[options] [FILE|DIR...]", "Counts the ...",     // synopsis and --help paragraph
//       {"--top K    print only the K rows ..."},       // its own options, as --help lists them
//       cli::common_engine,                              // common option groups
//       count::run_count};                               // int run_count(cli::args&), in namespace cli::count
//
// main.cpp parses the arguments against it before calling run: --help prints the
// usage (exit 0), an unknown option or a bad common value prints one line (exit 2),
// so `run` starts with a parsed command line and reads values with get, get_size,
// get_real and get_choice, which print "zhtext NAME: --OPTION ..." themselves.
//
// Conventions (documented in the README, "CLI reference"): exit codes 0 success;
// 1 an input failed a check; 2 usage error; 3 I/O or system error. Errors and
// warnings are one line each on stderr, "zhtext <command>: ..."; --quiet silences
// warnings and the progress line, never errors.
#pragma once

#include <cstddef>
#include <limits>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cli {

enum exit_code : int { exit_ok = 0, exit_check_failed = 1, exit_usage = 2, exit_io = 3 };

/// One option a subcommand accepts: "--name" alone, or "--name VALUE"/"--name=VALUE".
struct option {
  option(std::string name, std::string value_name, std::string help)
      : name(std::move(name)), value_name(std::move(value_name)), help(std::move(help)) {}
  /// The option from its line as --help prints it (without the two leading spaces):
  /// "--name VALUE", or "--name" for a flag, then two or more spaces and the help,
  /// e.g. "--top K                   print the K best candidates". A declaration
  /// without the dashes or the help is a mistake of the program: it aborts.
  option(const char* line);  // NOLINT(google-explicit-constructor): the table's notation

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
  common_format_jsonl = 1u << 3,  ///< --format plain|jsonl (with the above: all three), and
                                  ///< --json, the same as --format jsonl (also when the
                                  ///< command declares --json itself, to describe it)
  common_engine = common_threads | common_on_invalid,
  common_formats = common_format_tsv | common_format_jsonl,
};

class args;

/// A subcommand, declared once (see the top of this header).
struct command {
  std::string name;
  std::string summary;      ///< one line in `zhtext --help`
  std::string synopsis;     ///< what follows "usage: zhtext NAME "
  std::string description;  ///< the paragraph of --help
  std::vector<option> options;
  unsigned common = common_inputs;
  int (*run)(args&) = nullptr;
};

/// A subcommand's command line.
class args {
 public:
  args(const command& cmd, std::vector<std::string> argv) : cmd_(&cmd), argv_(std::move(argv)) {}

  /// Parses the arguments against the command's options and common groups. Returns
  /// -1 when the command should run, else the exit code to return at once: exit_ok
  /// after printing --help, exit_usage after printing a one-line error (unknown
  /// option, missing or bad value).
  int parse();

  bool has(const std::string& name) const { return values_.count(name) != 0; }
  std::string get(const std::string& name, const std::string& fallback = {}) const {
    auto it = values_.find(name);
    return it == values_.end() ? fallback : it->second;
  }
  const std::vector<std::string>& positional() const { return positional_; }
  const std::string& name() const { return cmd_->name; }

  /// --NAME as an integer in [lo, hi] into `out` (left as is when absent). A bad value
  /// prints "--NAME needs a non-negative integer, not 'X'" (or "an integer from LO to
  /// HI", "from LO up") and returns false.
  bool get_size(const std::string& name, std::size_t& out, std::size_t lo = 0,
                std::size_t hi = std::numeric_limits<std::size_t>::max()) const;
  /// --NAME as a number (strtod, not NaN) into `out` (left as is when absent); false
  /// after printing "--NAME needs a number, not 'X'".
  bool get_real(const std::string& name, double& out) const;
  /// --NAME as one of `choices` (value, result) into `out`; absent: the first choice.
  /// Another value prints "--NAME must be A, B or C, not 'X'" and returns false.
  template <class T>
  bool get_choice(const std::string& name, const std::vector<std::pair<std::string, T>>& choices, T& out) const {
    std::vector<std::string> names;
    for (const auto& c : choices) names.push_back(c.first);
    const std::size_t i = choice_index(name, names);
    if (i == names.size()) return false;
    out = choices[i].second;
    return true;
  }

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

 private:
  int parse_arguments();
  bool parse_common();
  void print_help() const;
  // The index of --NAME's value in `choices` (0 when absent), or choices.size() after
  // printing the error.
  std::size_t choice_index(const std::string& name, const std::vector<std::string>& choices) const;

  const command* cmd_;
  std::vector<std::string> argv_;
  std::map<std::string, std::string> values_;
  std::vector<std::string> positional_;
  unsigned threads_ = 1;
  invalid_policy on_invalid_ = invalid_policy::replace;
  output_format format_ = output_format::plain;
};

/// The items of a comma-separated list, empty ones included ("a,,b" -> a, "", b; ""
/// -> one empty item).
std::vector<std::string> split_list(const std::string& list);

}  // namespace cli
