// zhtext match --patterns FILE [options] [FILE...]: many literal patterns at once
// (see zhtext/match.hpp). Reads the input line by line (memory: the longest line).
#include <fstream>
#include <iostream>
#include <string>

#include <zhtext/match.hpp>

#include "commands.hpp"

namespace {

const std::vector<cli::option> options = {
    {"patterns", "FILE", "the patterns, one per line (UTF-8; a trailing CR and a leading BOM are dropped)"},
    {"kind", "KIND", "overlapping (default), leftmost-longest or leftmost-first"},
    {"fold", "LIST", "comma-separated: case (ASCII letters), width (full-width forms)"},
    {"ignore", "CHARS", "characters skipped between pattern characters, e.g. ' *'"},
    {"mask", "CHAR", "print the text with every matched character replaced by CHAR"},
};

// Reads the pattern file into `b`; on error prints "FILE:LINE: message" and returns
// the exit code.
int read_patterns(const cli::args& a, const std::string& path, zhtext::matcher_builder& b) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    a.error("cannot open '" + path + "'");
    return cli::exit_io;
  }
  std::size_t line_no = 0, duplicates = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line_no == 1 && line.compare(0, 3, "\xEF\xBB\xBF") == 0) line.erase(0, 3);
    const auto r = b.add(line, static_cast<std::uint32_t>(line_no - 1));
    if (!r) {
      // The library says "pattern N: ..."; here the line is what the user sees.
      std::string what = r.error().message;
      const std::string prefix = "pattern " + std::to_string(line_no - 1);
      if (what.compare(0, prefix.size(), prefix) == 0) what.erase(0, prefix.size());
      if (what == " is empty") what = "empty pattern";
      else if (what.compare(0, 2, ": ") == 0) what.erase(0, 2);
      else what = "pattern" + what;
      a.error(path + ":" + std::to_string(line_no) + ": " + what);
      return cli::exit_usage;
    }
  }
  if (in.bad()) {
    a.error("error reading '" + path + "'");
    return cli::exit_io;
  }
  for (const auto& [later, earlier] : b.duplicates()) {
    if (++duplicates <= 10)
      a.error(path + ":" + std::to_string(later + 1) + ": duplicate of line " + std::to_string(earlier + 1) +
              " (never reported)");
  }
  if (duplicates > 10) a.error(std::to_string(duplicates - 10) + " more duplicate lines");
  return cli::exit_ok;
}

}  // namespace

int cmd_match(cli::args& a) {
  if (!a.parse(options)) return cli::exit_usage;
  if (a.has("help")) {
    a.print_help("--patterns FILE [options] [FILE...]",
                 "Finds every pattern of FILE in the input, line by line. Prints one TSV row per\n"
                 "match: line number (from 1), start and end byte offsets within the line, pattern\n"
                 "index (0-based line of FILE) and the matched text. With --mask, prints the input\n"
                 "with every matched character (code point) replaced by CHAR instead.\n"
                 "Errors in FILE are reported as FILE:LINE; duplicate patterns are reported and\n"
                 "the first one is kept.",
                 options);
    return cli::exit_ok;
  }
  if (!a.has("patterns")) {
    a.error("--patterns FILE is required (see 'zhtext match --help')");
    return cli::exit_usage;
  }
  zhtext::match_kind kind = zhtext::match_kind::overlapping;
  const std::string k = a.get("kind", "overlapping");
  if (k == "leftmost-longest") kind = zhtext::match_kind::leftmost_longest;
  else if (k == "leftmost-first") kind = zhtext::match_kind::leftmost_first;
  else if (k != "overlapping") {
    a.error("--kind must be overlapping, leftmost-longest or leftmost-first, not '" + k + "'");
    return cli::exit_usage;
  }
  zhtext::match_options opt;
  for (std::string f = a.get("fold"); a.has("fold");) {
    const std::string item = f.substr(0, f.find(','));
    if (item == "case") opt.fold_case = true;
    else if (item == "width") opt.fold_width = true;
    else {
      a.error("--fold takes case and/or width, comma-separated, not '" + item + "'");
      return cli::exit_usage;
    }
    if (f.find(',') == std::string::npos) break;
    f.erase(0, f.find(',') + 1);
  }
  opt.ignorable = a.get("ignore");
  if (!zhtext::is_valid_utf8(opt.ignorable)) {
    a.error("--ignore is not valid UTF-8");
    return cli::exit_usage;
  }
  char32_t mask = 0;
  if (a.has("mask")) {
    const std::string m = a.get("mask");
    const zhtext::decoded d = zhtext::decode_utf8(m);
    if (m.empty() || d.error != zhtext::utf8_errc::ok || d.size != m.size()) {
      a.error("--mask takes exactly one character, not '" + m + "'");
      return cli::exit_usage;
    }
    mask = d.value;
  }
  zhtext::matcher_builder builder(opt);
  if (const int rc = read_patterns(a, a.get("patterns"), builder); rc != cli::exit_ok) return rc;
  auto built = builder.build();
  if (!built) {
    a.error(built.error().message);
    return cli::exit_usage;
  }
  const zhtext::matcher m = std::move(*built);

  return cli::for_each_input(a, [&](const std::string&, std::istream& in) {
    std::string line, out;
    std::size_t line_no = 0;
    while (std::getline(in, line)) {
      ++line_no;
      const bool newline = !in.eof();
      out.clear();
      if (a.has("mask")) {
        out = m.mask(line, mask, kind);
        if (newline) out += '\n';
      } else {
        m.for_each_match(line, [&](const zhtext::match& x) {
          out += std::to_string(line_no) + '\t' + std::to_string(x.begin) + '\t' + std::to_string(x.end) + '\t' +
                 std::to_string(x.pattern) + '\t';
          out.append(line, x.begin, x.size());
          out += '\n';
        }, kind);
      }
      cli::out(out);
    }
    return cli::exit_ok;
  });
}
