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

std::string at(std::size_t o) { return " at output byte " + std::to_string(o); }

}  // namespace

ZHTEXT_FUZZ_TARGET(normalize, "the offset map tiles both texts, is monotone and in range; output valid and stable", seeds) {
  zhtext_fuzz::input_reader in(data);
  const std::uint8_t flags = in.byte();
  const std::string_view s = in.rest();
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
  FUZZ_CHECK(map.output_size() == out.size(), "map.output_size() " + std::to_string(map.output_size()) +
                                                  ", output " + std::to_string(out.size()) + " bytes");
  FUZZ_CHECK(map.source_size() == s.size(), "map.source_size() " + std::to_string(map.source_size()) + ", input " +
                                                std::to_string(s.size()) + " bytes");

  std::size_t o = 0, src = 0;
  for (const zhtext::offset_map::piece& p : map.pieces()) {
    FUZZ_CHECK(p.out_begin == o && p.src_begin == src,
               "pieces do not tile: piece at out " + std::to_string(p.out_begin) + " src " + std::to_string(p.src_begin) +
                   ", expected out " + std::to_string(o) + " src " + std::to_string(src));
    if (p.copy)
      FUZZ_CHECK(p.out_size == p.src_size && out.compare(p.out_begin, p.out_size, s.substr(p.src_begin, p.src_size)) == 0,
                 "a copy piece changes its bytes" + at(p.out_begin));
    o += p.out_size;
    src += p.src_size;
  }
  FUZZ_CHECK(o == out.size() && src == s.size(), "pieces end at out " + std::to_string(o) + " src " +
                                                     std::to_string(src));

  zhtext_fuzz::input_rng rng(s);
  std::size_t last_begin = 0, last_end = 0;
  const std::size_t step = out.size() > 1024 ? out.size() / 512 : 1;
  for (std::size_t b = 0; b < out.size(); b += step == 1 ? 1 : 1 + rng.below(step)) {
    const zhtext::byte_range r = map.to_source(b);
    FUZZ_CHECK(r.begin <= r.end && r.end <= s.size(), "to_source out of range" + at(b));
    FUZZ_CHECK(r.begin >= last_begin && r.end >= last_end, "to_source is not monotone" + at(b));
    last_begin = r.begin;
    last_end = r.end;
    const std::size_t e = b + 1 + rng.below(out.size() - b);
    const zhtext::byte_range whole = map.to_source(b, e);
    FUZZ_CHECK(whole.begin == r.begin && whole.end >= r.end && whole.end <= s.size(),
               "to_source(" + std::to_string(b) + ", " + std::to_string(e) + ") does not cover its first byte's source");
    const zhtext::byte_range empty = map.to_source(b, b);
    FUZZ_CHECK(empty.begin == empty.end && empty.begin == r.begin, "to_source of an empty range" + at(b));
  }
  const zhtext::byte_range tail = map.to_source(out.size(), out.size());
  FUZZ_CHECK(tail.begin == s.size() && tail.end == s.size(), "the end of the output maps to " +
                                                                  std::to_string(tail.begin));

  if (!opt.join_lines) {
    const zhtext::normalized_text again = zhtext::normalize(out, opt);
    FUZZ_CHECK(again.text == out, "normalize is not idempotent: a second run changes the output");
  }
}
