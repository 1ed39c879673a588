// inputs.hpp - what a `zhtext` subcommand reads: its positional arguments expanded
// into inputs. Files, directories (read recursively: the files whose name matches
// --glob, default "*.txt", in sorted path order; hidden entries and symbolic links to
// directories are skipped), or "-" for standard input; no argument = standard input.
#pragma once

#include <string>
#include <vector>

#include "options.hpp"

namespace cli {

/// One input after expansion: a file (found in a directory or named on the command
/// line) or standard input.
struct input {
  std::string name;       ///< as shown in messages and outputs; "<stdin>" for "-"
  std::string path;       ///< what to open; empty for standard input
};

/// Expands the positional arguments (none = "-") into inputs: directories become
/// their matching files (recursively, sorted by path). Reports each argument that
/// cannot be read ("cannot open 'x': reason") and sets `status` to exit_io for it.
std::vector<input> expand_inputs(const args& a, int& status);

/// Whether outputs name their input: there can be more than one (several arguments,
/// or a directory, even one holding a single file, so the output's shape never
/// depends on how many files a directory happens to hold).
bool names_inputs(const args& a);

}  // namespace cli
