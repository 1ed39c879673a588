// zhtext entities [--json] [--kinds LIST] [FILE...]: typed news entities, one per row
// (see zhtext/entities.hpp and the README).
//
// TSV (default), one row per entity:
//   KIND <TAB> LINE <TAB> START <TAB> END <TAB> TEXT <TAB> VALUE
// LINE is 1-based; START and END are byte offsets within that line (END exclusive, a
// trailing CR not counted as part of the line); TEXT never holds a tab or line break.
// --json: one JSON object per entity per line (JSON Lines) with the same fields:
//   {"kind":"quantity","line":3,"start":12,"end":17,"text":"47名","value":"47 名"}
// With several FILEs each row starts with the file name (TSV: FILE <TAB> ...; JSON: a
// "file" field first) and line numbers start again at 1 in each file.
#include <iostream>
#include <string>

#include <zhtext/entities.hpp>
#include <zhtext/utf8.hpp>

#include "commands.hpp"

namespace {

const std::vector<cli::option> options = {
    {"json", "", "one JSON object per entity per line (JSON Lines) instead of TSV"},
    {"kinds", "LIST", "only these kinds, comma-separated: number,percent,quantity,date,time,\n"
                      "                            named_day,relative,byline (default: all)"},
};

void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  const std::string valid = zhtext::is_valid_utf8(s) ? std::string(s) : zhtext::repair_utf8(s);
  for (const char ch : valid) {
    const unsigned char c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20 || c == 0x7F) {
          static const char hex[] = "0123456789abcdef";
          out += "\\u00";
          out += hex[c >> 4];
          out += hex[c & 15];
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

bool parse_kinds(const std::string& list, zhtext::entity_options& opt, std::string& bad) {
  opt.kinds = 0;
  std::size_t b = 0;
  while (b <= list.size()) {
    std::size_t e = list.find(',', b);
    if (e == std::string::npos) e = list.size();
    const std::string name = list.substr(b, e - b);
    zhtext::entity_kind k;
    if (!zhtext::parse_entity_kind(name, k)) {
      bad = name;
      return false;
    }
    opt.kinds |= zhtext::entity_options::bit(k);
    b = e + 1;
  }
  return true;
}

}  // namespace

int cmd_entities(cli::args& a) {
  if (!a.parse(options)) return cli::exit_usage;
  if (a.has("help")) {
    a.print_help("[--json] [--kinds LIST] [FILE...]",
                 "Finds typed news entities - numbers, percents, quantities, dates, times, named\n"
                 "days, relative times and bylines - line by line, and prints one row per entity:\n"
                 "  KIND<TAB>LINE<TAB>START<TAB>END<TAB>TEXT<TAB>VALUE\n"
                 "LINE is 1-based, START/END are byte offsets within the line (END exclusive),\n"
                 "VALUE is the normalised value (47 名, --06-18, 18:30..21:00, reporter:李冉).\n"
                 "Entities never span lines: for hard-wrapped text, pipe it through\n"
                 "'zhtext normalize' first. With several FILEs, rows start with FILE<TAB>.",
                 options);
    return cli::exit_ok;
  }
  zhtext::entity_options opt;
  if (a.has("kinds")) {
    std::string bad;
    if (!parse_kinds(a.get("kinds"), opt, bad)) {
      a.error("unknown entity kind '" + bad + "' in --kinds (see 'zhtext entities --help')");
      return cli::exit_usage;
    }
  }
  const bool json = a.has("json");
  const bool with_file = a.positional().size() > 1;
  return cli::for_each_input(a, [&](const std::string& name, std::istream& in) {
    std::string line, out;
    std::size_t number = 0;
    while (std::getline(in, line)) {
      ++number;
      std::string_view text(line);
      if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
      out.clear();
      zhtext::for_each_entity(text, [&](const zhtext::entity& e) {
        const std::string value = zhtext::canonical_value(e);
        if (json) {
          out += '{';
          if (with_file) {
            out += "\"file\":";
            append_json_string(out, name);
            out += ',';
          }
          out += "\"kind\":\"";
          out += zhtext::to_string(e.kind);
          out += "\",\"line\":" + std::to_string(number) + ",\"start\":" + std::to_string(e.offset) +
                 ",\"end\":" + std::to_string(e.end()) + ",\"text\":";
          append_json_string(out, e.text);
          out += ",\"value\":";
          append_json_string(out, value);
          out += "}\n";
        } else {
          if (with_file) {
            out += name;
            out += '\t';
          }
          out += zhtext::to_string(e.kind);
          out += '\t' + std::to_string(number) + '\t' + std::to_string(e.offset) + '\t' + std::to_string(e.end()) + '\t';
          out += e.text;
          out += '\t';
          out += value;
          out += '\n';
        }
      }, opt);
      cli::out(out);
    }
    return cli::exit_ok;
  });
}
