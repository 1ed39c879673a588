// commands.hpp - the subcommands of the `zhtext` program, one per cmd_<name>.cpp.
#pragma once

#include "cli.hpp"

int cmd_count(cli::args& a);
int cmd_discover(cli::args& a);
int cmd_entities(cli::args& a);
int cmd_keywords(cli::args& a);
int cmd_match(cli::args& a);
int cmd_merge(cli::args& a);
int cmd_normalize(cli::args& a);
int cmd_pos(cli::args& a);
int cmd_segment(cli::args& a);
int cmd_sentences(cli::args& a);
int cmd_validate(cli::args& a);
