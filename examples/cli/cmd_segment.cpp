// zhtext segment [options] [FILE...]: word segmentation, jieba-compatible (see
// zhtext/segment.hpp). One output line per input line; streams line by line.
#include <iostream>
#include <string>

#include <zhtext/chars.hpp>
#include <zhtext/segment.hpp>

#include "commands.hpp"

namespace {

const std::vector<cli::option> options = {
    {"mode", "MODE", "precise (default), precise-nohmm, full or search: jieba.cut(HMM=True),\n"
                     "                            jieba.cut(HMM=False), jieba.cut(cut_all=True), jieba.cut_for_search"},
    {"dict", "PATH", "main dictionary in jieba's format (default: jieba's dict.txt)"},
    {"user-dict", "PATH", "user dictionary, loaded as jieba.load_userdict does"},
    {"sep", "STR", "token separator (default: two spaces)"},
    {"json", "", "write each line as a JSON array of {\"word\",\"start\",\"end\"} (byte offsets in the line)"},
};

// Tokens that are empty or only white space (Unicode White_Space) are not written.
bool blank(std::string_view t) {
  for (const zhtext::code_point& c : zhtext::code_points(t))
    if (!c.valid || !zhtext::is_space(c.value)) return false;
  return true;
}

// A JSON string: quotes, backslashes and control characters escaped; each ill-formed
// UTF-8 subpart written as \ufffd (the offsets still count its bytes).
void append_json_string(std::string& out, std::string_view s) {
  static const char hex[] = "0123456789abcdef";
  out += '"';
  for (const zhtext::code_point& c : zhtext::code_points(s)) {
    if (!c.valid) {
      out += "\\ufffd";
    } else if (c.value == '"' || c.value == '\\') {
      out += '\\';
      out += static_cast<char>(c.value);
    } else if (c.value < 0x20) {
      out += "\\u00";
      out += hex[c.value >> 4];
      out += hex[c.value & 15];
    } else {
      out.append(s.substr(c.offset, c.size));
    }
  }
  out += '"';
}

}  // namespace

int cmd_segment(cli::args& a) {
  if (!a.parse(options)) return cli::exit_usage;
  if (a.has("help")) {
    a.print_help("[options] [FILE...]",
                 "Cuts each input line into words exactly as Python jieba 0.42.1 does and writes one\n"
                 "line per input line: the tokens joined by --sep, tokens that are empty or white\n"
                 "space dropped. With --json, each line is a JSON array of\n"
                 "  {\"word\":\"...\",\"start\":B,\"end\":E}\n"
                 "where B and E are byte offsets in the input line (ill-formed UTF-8 in a word is\n"
                 "written as \\ufffd). jieba's data is found in $ZHTEXT_JIEBA_DIR or the directory\n"
                 "set at build time; its compiled form is cached (see README).",
                 options);
    return cli::exit_ok;
  }
  const std::string mode = a.get("mode", "precise");
  zhtext::cut_options opt;
  if (mode == "precise") opt = {zhtext::cut_mode::precise, true};
  else if (mode == "precise-nohmm") opt = {zhtext::cut_mode::precise, false};
  else if (mode == "full") opt = {zhtext::cut_mode::full, true};
  else if (mode == "search") opt = {zhtext::cut_mode::search, true};
  else {
    a.error("--mode must be precise, precise-nohmm, full or search, not '" + mode + "'");
    return cli::exit_usage;
  }
  const std::string sep = a.has("sep") ? a.get("sep") : "  ";
  const bool json = a.has("json");

  zhtext::segmenter_options so;
  so.dict_path = a.get("dict");
  auto seg = zhtext::segmenter::load(so);
  if (!seg) {
    a.error(seg.error().message);
    return cli::exit_io;
  }
  if (a.has("user-dict")) {
    if (auto r = seg->load_userdict(a.get("user-dict")); !r) {
      a.error(r.error().message);
      return cli::exit_io;
    }
  }

  std::string line, out;
  return cli::for_each_input(a, [&](const std::string&, std::istream& in) {
    while (std::getline(in, line)) {
      out.clear();
      bool first = true;
      if (json) out += '[';
      seg->for_each_token(line, [&](const zhtext::token& t, const zhtext::byte_range& span) {
        if (blank(t.text)) return;
        if (json) {
          if (!first) out += ',';
          out += "{\"word\":";
          append_json_string(out, t.text);
          out += ",\"start\":" + std::to_string(span.begin) + ",\"end\":" + std::to_string(span.end) + "}";
        } else {
          if (!first) out += sep;
          out += t.text;
        }
        first = false;
      }, opt);
      if (json) out += ']';
      out += '\n';
      cli::out(out);
    }
    return cli::exit_ok;
  });
}
