// zhtext segment [options] [FILE|DIR...]: word segmentation, token for token as Python
// jieba 0.42.1 cuts (see zhtext/segment.hpp). One output line per input line. Runs on
// the block engine (blocks of whole lines on --threads workers, output in input order);
// a line is never cut, so memory is bounded by the blocks in flight plus the longest
// line.
#include <limits>
#include <string>

#include <zhtext/chars.hpp>
#include <zhtext/segment.hpp>

#include "commands.hpp"

namespace {

const std::vector<cli::option> options = {
    {"mode", "MODE", "precise (default), precise-nohmm, full or search: jieba.cut(HMM=True),\n"
                     "                            jieba.cut(HMM=False), jieba.cut(cut_all=True), jieba.cut_for_search"},
    {"dict", "PATH", "main dictionary in jieba's format (default: jieba's dict.txt)"},
    {"user-dict", "PATH", "user dictionary, read as jieba.load_userdict reads it"},
    {"sep", "STR", "token separator (default: two spaces)"},
    {"json", "", "write each line as a JSON array of {\"word\",\"start\",\"end\"}, byte offsets in the line"},
};

// Tokens that are empty or only white space (Unicode White_Space) are not written.
bool blank(std::string_view t) {
  for (const zhtext::code_point& c : zhtext::code_points(t))
    if (!c.valid || !zhtext::is_space(c.value)) return false;
  return true;
}

}  // namespace

int cmd_segment(cli::args& a) {
  if (!a.parse(options, cli::common_engine)) return cli::exit_usage;
  if (a.has("help")) {
    a.print_help("[options] [FILE|DIR...]",
                 "Cuts each input line into words exactly as Python jieba 0.42.1 does and writes one\n"
                 "line per input line: the tokens joined by --sep, tokens that are empty or white\n"
                 "space dropped. With --json, each line is a JSON array of\n"
                 "  {\"word\":\"...\",\"start\":B,\"end\":E}\n"
                 "where B and E are byte offsets of the word in the input line. Invalid UTF-8 is\n"
                 "handled as --on-invalid says (default: each bad sequence read as U+FFFD; the\n"
                 "offsets still count the original bytes). jieba's data is found in\n"
                 "$ZHTEXT_JIEBA_DIR or the directory set at build time; its compiled form is\n"
                 "cached (see the README).",
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
  const zhtext::segmenter& cutter = *seg;

  cli::block_options bo;
  bo.max_block_size = std::numeric_limits<std::size_t>::max() / 4;  // never cut a line
  return cli::run_blocks(a, bo, [&](const cli::block& b) {
    std::string out;
    out.reserve(b.text.size() + b.text.size() / 2);
    std::size_t pos = 0;
    while (pos < b.text.size()) {
      std::size_t nl = b.text.find('\n', pos);
      if (nl == std::string_view::npos) nl = b.text.size();
      const std::string_view line = b.text.substr(pos, nl - pos);
      const std::uint64_t line_start = json ? b.source_offset(pos) : 0;
      bool first = true;
      if (json) out += '[';
      cutter.for_each_token(line, [&](const zhtext::token& t, const zhtext::byte_range& span) {
        if (blank(t.text)) return;
        if (json) {
          if (!first) out += ',';
          out += "{\"word\":";
          cli::append_json_string(out, t.text);
          // Offsets of the input bytes, also where invalid sequences were replaced.
          out += ",\"start\":" + std::to_string(b.source_offset(pos + span.begin) - line_start) +
                 ",\"end\":" + std::to_string(b.source_offset(pos + span.end) - line_start) + "}";
        } else {
          if (!first) out += sep;
          out += t.text;
        }
        first = false;
      }, opt);
      if (json) out += ']';
      out += '\n';
      pos = nl + 1;
    }
    return out;
  });
}
