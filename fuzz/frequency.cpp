// fuzz/frequency.cpp - zhtext/frequency.hpp's serialisations on any bytes:
//  - TSV read from the input either fails with errc::parse_error "<fuzz>:LINE: ..."
//    or round-trips: parse -> write -> parse gives the same rows and the same bytes;
//  - a table counted from the input (lines are documents, spaces separate tokens:
//    any bytes, ill-formed UTF-8 and control bytes included) survives write_tsv ->
//    from_tsv (tokens, counts, dfs) and to_json -> from_json (also first positions
//    and the document count).
// Input: flags (bit 0: the input is TSV; else tokens), then the text.
#include <zhtext/frequency.hpp>

#include "fuzz_support.hpp"

namespace {

std::string tsv_of(const zhtext::frequency_table& t) {
  std::string out;
  t.write_tsv([&](std::string_view piece) { out.append(piece); });
  return out;
}

bool same_rows(const zhtext::frequency_table& a, const zhtext::frequency_table& b, bool positions) {
  const auto ra = a.sorted(), rb = b.sorted();
  if (ra.size() != rb.size()) return false;
  for (std::size_t i = 0; i < ra.size(); ++i) {
    if (ra[i].token != rb[i].token || ra[i].count != rb[i].count || ra[i].df != rb[i].df) return false;
    if (positions && (ra[i].first.document != rb[i].first.document || ra[i].first.offset != rb[i].first.offset))
      return false;
  }
  return true;
}

void seeds(const zhtext_fuzz::seed_texts& t, std::vector<std::string>& out) {
  out.push_back("\x01社区\t12\t3\n居民\t5\t5\na\\tb\t1\t1\n\\x80\t2\t1\r\n\n");
  for (const std::string& p : t.paragraphs) out.push_back(std::string(1, '\0') + p);
  for (const std::string& l : t.lines) out.push_back(std::string(1, '\0') + l + "\n" + l);
}

}  // namespace

ZHTEXT_FUZZ_TARGET(frequency, "frequency TSV/JSON: parse -> write -> parse round trips", seeds) {
  const auto [flags, s] = zhtext_fuzz::split_flags(data);

  if (flags & 1) {
    auto t = zhtext::frequency_table::from_tsv(s, "<fuzz>");
    if (!t) {
      FUZZ_CHECK(t.error().code == zhtext::errc::parse_error && t.error().message.rfind("<fuzz>:", 0) == 0,
                 "from_tsv refuses with " + std::string(zhtext::to_string(t.error().code)) + " '" + t.error().message + "'");
      return;
    }
    const std::string written = tsv_of(*t);
    auto back = zhtext::frequency_table::from_tsv(written, "<written>");
    FUZZ_CHECK(back.ok(), "write_tsv's output does not parse: " + back.error().message);
    FUZZ_CHECK(same_rows(*t, *back, false), "TSV parse -> write -> parse changes the rows");
    FUZZ_CHECK(tsv_of(*back) == written, "TSV parse -> write -> parse -> write changes the bytes");
    return;
  }

  zhtext::frequency_table t;
  std::size_t line_start = 0;
  while (line_start <= s.size()) {
    std::size_t nl = s.find('\n', line_start);
    if (nl == std::string_view::npos) nl = s.size();
    t.begin_document();
    for (std::size_t at = line_start; at < nl;) {
      std::size_t sp = s.find(' ', at);
      if (sp == std::string_view::npos || sp > nl) sp = nl;
      t.add(s.substr(at, sp - at), at - line_start);
      at = sp + 1;
    }
    line_start = nl + 1;
  }
  const std::string written = tsv_of(t);
  auto back = zhtext::frequency_table::from_tsv(written, "<written>");
  FUZZ_CHECK(back.ok(), "write_tsv's output does not parse: " + back.error().message);
  FUZZ_CHECK(same_rows(t, *back, false), "count -> TSV -> table changes the rows");
  auto json = zhtext::frequency_table::from_json(t.to_json(), "<written>");
  FUZZ_CHECK(json.ok(), "to_json's output does not parse: " + json.error().message);
  FUZZ_CHECK(same_rows(t, *json, true) && json->documents() == t.documents(),
             "count -> JSON -> table changes the rows, first positions or document count");
}
