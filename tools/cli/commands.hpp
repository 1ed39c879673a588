// commands.hpp - the subcommands of the `zhtext` program, one per cmd_<name>.cpp, each
// declared there as a cli::command (lib/options.hpp) and listed in main.cpp.
#pragma once

#include "lib/options.hpp"

namespace cli {

extern const command convert_command;
extern const command count_command;
extern const command dedup_command;
extern const command discover_command;
extern const command entities_command;
extern const command keywords_command;
extern const command match_command;
extern const command merge_command;
extern const command normalize_command;
extern const command pos_command;
extern const command segment_command;
extern const command sentences_command;
extern const command validate_command;

}  // namespace cli
