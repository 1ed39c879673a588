// zhtext merge [--top K] [FILE...]: sums frequency tables in TSV (token, count, df),
// as `zhtext count` writes them; the reduce step of counting on many machines.
#include <charconv>
#include <iostream>
#include <string>

#include <zhtext/frequency.hpp>

#include "commands.hpp"

namespace {

const std::vector<cli::option> options = {
    {"top", "K", "print only the K rows with the highest counts"},
};

}  // namespace

int cmd_merge(cli::args& a) {
  if (!a.parse(options)) return cli::exit_usage;
  if (a.has("help")) {
    a.print_help("[--top K] [FILE...]",
                 "Merges frequency tables in TSV - lines token<TAB>count<TAB>df, as `zhtext count`\n"
                 "writes them - from the FILEs or standard input, in any order (sorted or not, the\n"
                 "same token on several lines): counts and dfs are summed. Prints the merged table in\n"
                 "the same format, rows by count descending then token bytes ascending, so merging\n"
                 "the tables of parts of a corpus prints exactly what counting the whole corpus\n"
                 "prints (dfs add up when the parts hold different documents). Tokens are escaped:\n"
                 "\\\\ \\t \\n \\r, and \\xHH for control bytes and invalid UTF-8. Malformed input is\n"
                 "reported as FILE:LINE on stderr with exit status 1, and nothing is printed.",
                 options);
    return cli::exit_ok;
  }
  std::size_t top = static_cast<std::size_t>(-1);
  if (a.has("top")) {
    const std::string v = a.get("top");
    std::size_t k = 0;
    const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), k);
    if (ec != std::errc() || end != v.data() + v.size() || v.empty()) {
      a.error("--top needs a non-negative integer, not '" + v + "'");
      return cli::exit_usage;
    }
    top = k;
  }
  zhtext::frequency_table table;
  const int rc = cli::for_each_input(a, [&](const std::string& name, std::istream& in) {
    constexpr std::size_t chunk = 1 << 20;
    std::string buf;
    std::size_t line = 1;  // number of the first line in buf
    for (;;) {
      const std::size_t keep = buf.size();
      buf.resize(keep + chunk);
      in.read(&buf[keep], static_cast<std::streamsize>(chunk));
      buf.resize(keep + static_cast<std::size_t>(in.gcount()));
      const bool eof = in.gcount() == 0 || !in;
      // Parse whole lines; carry a partial last line into the next block.
      const std::size_t cut = eof ? buf.size() : buf.rfind('\n') + 1;  // npos + 1 == 0: no full line yet
      const std::string_view part(buf.data(), cut);
      if (auto r = table.add_tsv(part, name, line); !r) {
        a.error(r.error().message);
        return cli::exit_check_failed;
      }
      for (char c : part) line += c == '\n';
      buf.erase(0, cut);
      if (eof) break;
    }
    return cli::exit_ok;
  });
  if (rc != cli::exit_ok) return rc;
  table.write_tsv([](std::string_view s) { cli::out(s); }, top);
  return std::fflush(stdout) == 0 ? cli::exit_ok : cli::exit_io;
}
