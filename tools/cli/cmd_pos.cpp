// zhtext pos [options] [FILE|DIR...]: part-of-speech tagging, word for word and tag for
// tag as Python jieba.posseg 0.42.1 tags (see zhtext/pos.hpp). One output line per
// input line. Runs on the block engine exactly as `zhtext segment` does (blocks of
// whole lines on --threads workers, output in input order; a line is never cut).
#include <limits>
#include <string>

#include <zhtext/chars.hpp>
#include <zhtext/pos.hpp>

#include "commands.hpp"

namespace {

const std::vector<cli::option> options = {
    {"mode", "MODE", "precise (default) or precise-nohmm: jieba.posseg.cut(HMM=True / HMM=False)"},
    {"dict", "PATH", "main dictionary in jieba's format, with tags (default: jieba's dict.txt)"},
    {"user-dict", "PATH", "user dictionary, read as jieba.load_userdict reads it (tags included)"},
    {"sep", "STR", "token separator (default: two spaces)"},
    {"json", "", "write each line as a JSON array of {\"word\",\"tag\",\"start\",\"end\"}, byte offsets in the line"},
};

// Tokens that are only white space (Unicode White_Space) are not written, as in segment.
bool blank(std::string_view t) {
  for (const zhtext::code_point& c : zhtext::code_points(t))
    if (!c.valid || !zhtext::is_space(c.value)) return false;
  return true;
}

}  // namespace

int cmd_pos(cli::args& a) {
  if (!a.parse(options, cli::common_engine)) return cli::exit_usage;
  if (a.has("help")) {
    a.print_help("[options] [FILE|DIR...]",
                 "Tags each input line with parts of speech exactly as Python jieba.posseg 0.42.1\n"
                 "does and writes one line per input line: word/tag pairs joined by --sep, tokens\n"
                 "that are white space dropped. With --json, each line is a JSON array of\n"
                 "  {\"word\":\"...\",\"tag\":\"...\",\"start\":B,\"end\":E}\n"
                 "where B and E are byte offsets of the word in the input line. jieba.posseg has\n"
                 "only the precise mode, with or without HMM. Invalid UTF-8 is handled as\n"
                 "--on-invalid says (default: each bad sequence read as U+FFFD, tagged x; the\n"
                 "offsets still count the original bytes). jieba's data is found in\n"
                 "$ZHTEXT_JIEBA_DIR or the directory set at build time; its compiled form is\n"
                 "cached (see the README).",
                 options);
    return cli::exit_ok;
  }
  const std::string mode = a.get("mode", "precise");
  bool hmm = true;
  if (mode == "precise") hmm = true;
  else if (mode == "precise-nohmm") hmm = false;
  else if (mode == "full" || mode == "search") {
    a.error("--mode " + mode + ": jieba.posseg has no " + mode + " mode; use precise or precise-nohmm");
    return cli::exit_usage;
  } else {
    a.error("--mode must be precise or precise-nohmm, not '" + mode + "'");
    return cli::exit_usage;
  }
  const std::string sep = a.has("sep") ? a.get("sep") : "  ";
  const bool json = a.has("json");

  zhtext::segmenter_options so;
  so.dict_path = a.get("dict");
  auto tagger = zhtext::pos_tagger::load(so);
  if (!tagger) {
    a.error(tagger.error().message);
    return cli::exit_io;
  }
  if (a.has("user-dict")) {
    if (auto r = tagger->load_userdict(a.get("user-dict")); !r) {
      a.error(r.error().message);
      return cli::exit_io;
    }
  }
  const zhtext::pos_tagger& pos = *tagger;

  cli::block_options bo;
  bo.max_block_size = std::numeric_limits<std::size_t>::max() / 4;  // never cut a line
  return cli::run_blocks(a, bo, [&](const cli::block& b) {
    std::string out;
    out.reserve(b.text.size() * 2);
    std::size_t pos_in_block = 0;
    while (pos_in_block < b.text.size()) {
      std::size_t nl = b.text.find('\n', pos_in_block);
      if (nl == std::string_view::npos) nl = b.text.size();
      const std::string_view line = b.text.substr(pos_in_block, nl - pos_in_block);
      const std::size_t at = pos_in_block;
      const std::uint64_t line_start = json ? b.source_offset(at) : 0;
      bool first = true;
      if (json) out += '[';
      pos.for_each_tagged(line, [&](const zhtext::tagged_token& t) {
        if (blank(t.text)) return;
        if (json) {
          if (!first) out += ',';
          out += "{\"word\":";
          cli::append_json_string(out, t.text);
          out += ",\"tag\":";
          cli::append_json_string(out, t.tag);
          // Offsets of the input bytes, also where invalid sequences were replaced.
          out += ",\"start\":" + std::to_string(b.source_offset(at + t.offset) - line_start) +
                 ",\"end\":" + std::to_string(b.source_offset(at + t.offset + t.text.size()) - line_start) + "}";
        } else {
          if (!first) out += sep;
          out += t.text;
          out += '/';
          out += t.tag;
        }
        first = false;
      }, hmm);
      if (json) out += ']';
      out += '\n';
      pos_in_block = nl + 1;
    }
    return out;
  });
}
