// table.hpp - how `count` and `merge` write a frequency table (zhtext/frequency.hpp):
// TSV rows token<TAB>count<TAB>df (what `zhtext merge` reads), or JSON Lines with the
// same fields, {"token":T,"count":C,"df":D}; rows by count descending, then token bytes.
#pragma once

#include <cstddef>
#include <string>

#include <zhtext/frequency.hpp>

#include "output.hpp"

namespace cli {

/// Writes the `top` first rows of `t` to stdout as TSV, or as JSON Lines when `jsonl`.
inline void write_frequency_table(const zhtext::frequency_table& t, bool jsonl, std::size_t top) {
  if (!jsonl) {
    t.write_tsv([](std::string_view v) { out(v); }, top);
    return;
  }
  std::string buf;
  t.for_each_top(top, [&](const zhtext::frequency_table::row& r) {  // no list of the rows
    record(buf, output_format::jsonl).str("token", r.token).num("count", r.count).num("df", r.df).end();
    if (buf.size() >= (1 << 16)) {
      out(buf);
      buf.clear();
    }
  });
  out(buf);
}

}  // namespace cli
