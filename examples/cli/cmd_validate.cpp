// zhtext validate [FILE...]: is the input UTF-8? Streams in 1 MiB blocks.
#include <iostream>
#include <string>

#include <zhtext/utf8.hpp>

#include "commands.hpp"

int cmd_validate(cli::args& a) {
  const std::vector<cli::option> options = {};
  if (!a.parse(options)) return cli::exit_usage;
  if (a.has("help")) {
    a.print_help("[FILE...]",
                 "Checks that each input is well-formed UTF-8. Prints \"OK\", or the byte offset,\n"
                 "line and kind of the first error, e.g.\n"
                 "  invalid UTF-8 at byte 17 (line 2): truncated sequence\n"
                 "With several inputs each line starts with the input's name. Exit status 1 if\n"
                 "any input is invalid.",
                 options);
    return cli::exit_ok;
  }
  const bool many = a.positional().size() > 1;
  return cli::for_each_input(a, [&](const std::string& name, std::istream& in) {
    constexpr std::size_t chunk = 1 << 20;
    std::string buf;
    std::size_t base = 0;   // stream offset of buf[0]
    std::size_t lines = 1;  // line number at buf[0]
    for (;;) {
      const std::size_t keep = buf.size();
      buf.resize(keep + chunk);
      in.read(&buf[keep], static_cast<std::streamsize>(chunk));
      buf.resize(keep + static_cast<std::size_t>(in.gcount()));
      const bool eof = in.gcount() == 0 || !in;
      // Hold back a sequence the next block may complete, unless this is the end.
      const std::size_t n = eof ? buf.size() : zhtext::complete_prefix_length(buf);
      const std::string_view part(buf.data(), n);
      const zhtext::utf8_validation v = zhtext::validate_utf8(part);
      if (!v.ok) {
        for (std::size_t i = 0; i < v.offset; ++i) lines += part[i] == '\n';
        std::cout << (many ? name + ": " : "") << "invalid UTF-8 at byte " << base + v.offset << " (line "
                  << lines << "): " << zhtext::to_string(v.kind) << '\n';
        return cli::exit_check_failed;
      }
      for (char c : part) lines += c == '\n';
      base += n;
      buf.erase(0, n);
      if (eof) break;
    }
    std::cout << (many ? name + ": " : "") << "OK\n";
    return cli::exit_ok;
  });
}
