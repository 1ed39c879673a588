// script.hpp - the --script option of the analysis subcommands (segment, pos, keywords,
// count, entities): traditional text converted to simplified with OpenCC's t2s for the
// analysis, results reported in the original characters (see zhtext/script.hpp).
#pragma once

#include <optional>
#include <string>

#include <zhtext/script.hpp>

#include "options.hpp"

namespace cli {

/// The option as commands list it; `prefix` begins its help ("words: " where it
/// applies to some of the command's tokens only).
inline option script_option(const std::string& prefix = {}) {
  return {"script", "S",
          prefix + "auto, simplified (default) or traditional: traditional text is converted with\n"
          "                            OpenCC's t2s for the analysis and reported in its own characters;\n"
          "                            auto decides line by line (more traditional-only than\n"
          "                            simplified-only characters: traditional)"};
}

/// --script and the simplifier it needs.
struct script_choice {
  zhtext::text_script script = zhtext::text_script::simplified;
  std::optional<zhtext::simplifier> simplifier;  ///< unless simplified

  bool active() const { return script != zhtext::text_script::simplified; }
  /// `text` prepared for analysis into `st` (the text as it is when not active).
  const zhtext::script_text& prepare(std::string_view text, zhtext::script_text& st) const {
    if (simplifier) simplifier->prepare(text, script, st);
    else st.assign(text);
    return st;
  }
  /// When active, the lines of a block's `text` (which must outlive the result)
  /// prepared a batch at a time (zhtext::script_lines: the conversion's tables and the
  /// analyser's stay warm in turn); ask for them in order. Empty when not active.
  std::optional<zhtext::script_lines> lines_of(std::string_view text) const {
    std::optional<zhtext::script_lines> lines;
    if (simplifier) {
      lines.emplace(*simplifier, script);
      lines->reset(text);
    }
    return lines;
  }
};

/// Reads --script and loads OpenCC's t2s (and s2t for auto) when needed. Returns -1
/// when the command can go on, else the exit code after printing the error.
inline int get_script(const args& a, script_choice& out) {
  const std::string name = a.get("script", "simplified");
  if (!zhtext::parse_text_script(name, out.script)) {
    a.error("--script must be auto, simplified or traditional, not '" + name + "'");
    return exit_usage;
  }
  if (!out.active()) return -1;
  zhtext::simplifier_options so;
  so.detection = out.script == zhtext::text_script::automatic;
  auto s = zhtext::simplifier::load(so);
  if (!s) {
    a.error("--script " + name + ": " + s.error().message);
    return s.error().code == zhtext::errc::parse_error || s.error().code == zhtext::errc::corrupt_data
               ? exit_check_failed
               : exit_io;
  }
  out.simplifier.emplace(std::move(*s));
  return -1;
}

}  // namespace cli
