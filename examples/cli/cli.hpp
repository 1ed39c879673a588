// cli.hpp - shared plumbing of the `zhtext` program: option parsing, inputs, exits.
//
// Every subcommand lives in cmd_<name>.cpp as `int cmd_<name>(cli::args&)` and is
// registered in main.cpp. Conventions (documented in the README):
//  - inputs are the positional FILE arguments, or standard input when there are none
//    or a FILE is "-";
//  - exit codes: 0 success, 1 the input failed a check (e.g. invalid UTF-8 for
//    `validate`), 2 usage error, 3 I/O error;
//  - errors are one line on stderr, prefixed with "zhtext <command>: ".
#pragma once

#include <cstdio>
#include <functional>
#include <istream>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace cli {

enum exit_code : int { exit_ok = 0, exit_check_failed = 1, exit_usage = 2, exit_io = 3 };

/// One option a subcommand accepts: "--name" alone, or "--name VALUE"/"--name=VALUE".
struct option {
  std::string name;         ///< without the leading dashes
  std::string value_name;   ///< empty for a flag
  std::string help;
};

/// A subcommand's parsed command line.
class args {
 public:
  args(std::string command, std::vector<std::string> argv) : command_(std::move(command)), argv_(std::move(argv)) {}

  /// Parses argv against `options` (plus --help). Returns false after printing a
  /// one-line error (unknown option, missing value) to stderr.
  bool parse(const std::vector<option>& options);

  bool has(const std::string& name) const { return values_.count(name) != 0; }
  std::string get(const std::string& name, const std::string& fallback = {}) const {
    auto it = values_.find(name);
    return it == values_.end() ? fallback : it->second;
  }
  const std::vector<std::string>& positional() const { return positional_; }
  const std::string& command() const { return command_; }

  /// Prints "zhtext <command>: <message>" to stderr.
  void error(const std::string& message) const;
  /// Prints usage: the synopsis line, the description and the option list.
  void print_help(const std::string& synopsis, const std::string& description,
                  const std::vector<option>& options) const;

 private:
  std::string command_;
  std::vector<std::string> argv_;
  std::map<std::string, std::string> values_;
  std::vector<std::string> positional_;
};

/// Calls `f(name, stream)` for each input (files in order, "-" or none = stdin).
/// Returns exit_io after reporting the first file that cannot be opened, else the
/// largest code `f` returned.
int for_each_input(const args& a, const std::function<int(const std::string&, std::istream&)>& f);

/// Reads `in` in blocks that end at a paragraph break (a blank line) or at the end of
/// the input, calling `f(block)` for each; memory is bounded by the longest paragraph
/// plus one read buffer.
void for_each_paragraph_block(std::istream& in, const std::function<void(std::string_view)>& f);

/// Reads all of `in`.
std::string read_all(std::istream& in);

/// Writes `s` to stdout.
inline void out(std::string_view s) { std::fwrite(s.data(), 1, s.size(), stdout); }

}  // namespace cli
