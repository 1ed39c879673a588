// fuzz/normalize.cpp - zhtext/normalize.hpp under every combination of options:
//  - the output is valid UTF-8;
//  - the offset map's pieces tile the output and the input in order, copies copy
//    (same bytes on both sides), and its sizes are the texts' sizes;
//  - to_source is in range and monotone (a later output byte never maps to an
//    earlier source position), and maps each copied byte to the same byte;
//  - without join_lines, normalising the output again gives the output. (With it,
//    normalize is not idempotent: a line break kept because the next line is
//    indented loses the indentation, so a second run joins the lines: "5\n  5" ->
//    "5\n5" -> "5 5". Reported; not asserted.)
#include <zhtext/normalize.hpp>

#include "fuzz_support.hpp"

namespace {

void seeds(const zhtext_fuzz::seed_texts& t, std::vector<std::string>& out) {
  for (const std::string& p : t.paragraphs) {
    out.push_back(std::string(1, '\x1F') + p);  // every rule on
    out.push_back(std::string(1, '\x1C') + p);  // the defaults
  }
  for (const std::string& l : t.lines) out.push_back(std::string(1, '\x1F') + l + "\n  " + l + "\r\n\r\n" + l);
  for (const std::string& c : t.utf8_cases) out.push_back(std::string(1, '\x1F') + c);
}

}  // namespace

ZHTEXT_FUZZ_TARGET(normalize, "the offset map tiles both texts, is monotone and in range; output valid and stable", seeds) {
  const auto [flags, s] = zhtext_fuzz::split_flags(data);
  zhtext::normalize_options opt;
  opt.fold_width = flags & 1;
  opt.cjk_punctuation = flags & 2;
  opt.join_lines = flags & 4;
  opt.clean_whitespace = flags & 8;
  opt.remove_controls = flags & 16;

  const zhtext::normalized_text n = zhtext::normalize(s, opt);
  const std::string& out = n.text;
  const zhtext::offset_map& map = n.map;
  FUZZ_CHECK(zhtext::is_valid_utf8(out), "the output is not valid UTF-8 (first error at byte " +
                                             std::to_string(zhtext::validate_utf8(out).offset) + ")");
  zhtext_fuzz::check_offset_map(map, s, out);

  if (!opt.join_lines) {
    const zhtext::normalized_text again = zhtext::normalize(out, opt);
    FUZZ_CHECK(again.text == out, "normalize is not idempotent: a second run changes the output");
  }
}
