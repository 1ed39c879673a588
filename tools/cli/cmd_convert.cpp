// zhtext convert --config NAME [options] [FILE|DIR...]: traditional <-> simplified
// Chinese conversion, byte for byte what `opencc -c NAME.json -i FILE` writes (see
// zhtext/convert.hpp). Runs on the block engine: blocks of whole lines are converted on
// --threads workers (no dictionary key holds a line feed, so a block converts as its
// lines do) and written in input order. A line longer than the block limit (4 MiB)
// is cut at a character boundary into consecutive blocks, and the calling thread
// converts its pieces in order with one convert_stream (which holds back at most the
// longest key of each step of the chain), so the output is that of the whole line and
// memory stays bounded however long the line (before: a line without a character
// that no key holds, e.g. traditional text, was held whole: 282 MB on a 50 MiB line).
//
// opencc's pieces: `opencc -i FILE` does not convert its input whole. It reads 1 MiB
// (2^20 bytes) at a time, converts the longest prefix of it that ends at a character
// boundary, and carries the rest over into the next read (CommandLine.cpp, OpenCC
// 1.1.6), so a phrase that straddles a piece end is converted in two halves (头发 at
// byte 1 048 573 of a file: 頭發, not 頭髮). For byte identity this command applies
// the same rule to every file by default: piece k+1 starts at the last character
// boundary at or before (start of piece k) + 2^20, and a line that holds such a start
// is converted as two (or more) parts. Only lines holding a piece start are affected,
// one per MiB at most. The blocks are converted in parallel as wholes; the calling
// thread, which sees the blocks in order, follows the piece starts and re-converts the
// few lines they cut. --whole-lines turns the rule off (every line converted whole,
// which is what opencc does line by line when it reads standard input; standard input
// is always converted so). On ill-formed UTF-8, which opencc does not convert at all,
// the piece starts are the file offsets of the repaired text's character boundaries.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <zhtext/convert.hpp>

#include "commands.hpp"
#include "lib/engine.hpp"
#include "lib/output.hpp"

namespace cli::convert {

constexpr std::uint64_t opencc_piece = std::uint64_t(1) << 20;  // CommandLine.cpp's BUFFER_SIZE

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// The largest character boundary of b.text whose file offset is at most `target`
// (b.offset <= target).
std::size_t text_position_at_or_before(const cli::block& b, std::uint64_t target) {
  std::size_t pos;
  if (b.edit_count == 0) {
    pos = static_cast<std::size_t>(std::min<std::uint64_t>(target - b.offset, b.text.size()));
  } else {
    std::size_t lo = 0, hi = b.text.size();  // largest pos with source_offset(pos) <= target
    while (lo < hi) {
      const std::size_t mid = lo + (hi - lo + 1) / 2;
      if (b.source_offset(mid) <= target) lo = mid;
      else hi = mid - 1;
    }
    pos = lo;
  }
  while (pos > 0 && pos < b.text.size() && is_continuation(b.text[pos])) --pos;
  return pos;
}

// Where the line holding text position `pos` starts and ends (without its '\n').
std::pair<std::size_t, std::size_t> line_around(std::string_view t, std::size_t pos) {
  const std::size_t nl_before = pos == 0 ? std::string_view::npos : t.rfind('\n', pos - 1);
  const std::size_t begin = nl_before == std::string_view::npos ? 0 : nl_before + 1;
  const std::size_t end = std::min(t.find('\n', pos), t.size());
  return {begin, end};
}

// True for a block the calling thread converts with a convert_stream: one that starts
// or ends inside a line (a line longer than the block limit, cut into blocks).
bool streamed(const cli::block& b) {
  return b.continues || (!b.last && (b.text.empty() || b.text.back() != '\n'));
}

int run_convert(cli::args& a) {
  if (!a.has("config")) {
    a.error("--config NAME is required (s2t, t2s, s2tw, tw2s, s2twp, tw2sp, s2hk, hk2s, t2tw, tw2t, t2hk, hk2t, "
            "t2jp, jp2t, or the path of an OpenCC JSON configuration)");
    return cli::exit_usage;
  }
  auto conv = zhtext::converter::load(a.get("config"));
  if (!conv) {
    a.error(conv.error().message);
    return conv.error().code == zhtext::errc::parse_error || conv.error().code == zhtext::errc::corrupt_data
               ? cli::exit_check_failed
               : cli::exit_io;
  }
  const zhtext::converter& c = *conv;
  if (!c.line_independent()) {
    a.error(a.get("config") + ": a dictionary key holds a line feed; such a configuration cannot be converted "
                              "line by line");
    return cli::exit_check_failed;
  }
  const bool pieces = !a.has("whole-lines");

  // Calling thread: the next piece start of the current file (opencc's rule, above).
  std::size_t file_index = std::size_t(-1);
  std::uint64_t piece_start = 0;
  std::string parts;  // a re-converted line
  // A line longer than the block limit is cut at a character boundary; its blocks are
  // converted in order on the calling thread by `stream` (see streamed()).
  const cli::block_options bo = cli::cut_lines_where([](std::string_view bytes, std::size_t p) {
    char32_t ch;
    return cli::repaired_char_before(bytes, p, ch);
  });
  zhtext::convert_stream stream(c);
  bool stream_open = false;  // the stream holds the start of a line cut into blocks
  return cli::run_blocks(
      a, bo,
      [&](const cli::block& b) {
        std::string out;
        if (streamed(b)) return out;  // converted by the calling thread
        out.reserve(b.text.size() + b.text.size() / 8);
        c.convert_to(out, b.text);
        return out;
      },
      [&](const cli::block& b, std::string&& out) {
        if (b.file_index != file_index) {
          file_index = b.file_index;
          piece_start = 0;
        }
        const bool whole_file = !pieces || b.file == "<stdin>";
        if (stream_open || streamed(b)) {
          // A piece of a cut line: fed to the stream, which is finished at each
          // piece start (opencc converts each piece on its own) and at the end of the
          // block when the line ends there (a line end is a character no key holds).
          const std::uint64_t block_end = b.offset + b.source_size;
          std::string converted;
          std::size_t from = 0;
          while (!whole_file && piece_start + opencc_piece < block_end) {
            const std::size_t q = text_position_at_or_before(b, piece_start + opencc_piece);
            const std::uint64_t q_file = b.source_offset(q);
            piece_start = q_file > piece_start ? q_file : piece_start + opencc_piece;  // always progresses
            if (q < from) continue;
            stream.feed(b.text.substr(from, q - from), converted);
            stream.finish(converted);
            from = q;
          }
          stream.feed(b.text.substr(from), converted);
          stream_open = !b.last && (b.text.empty() || b.text.back() != '\n');
          if (!stream_open) stream.finish(converted);
          cli::out(converted);
          return;
        }
        if (whole_file) {
          cli::out(out);
          return;
        }
        // The piece starts inside this block: each is the last character boundary at
        // or before the previous one + 2^20, as long as the file goes on past it.
        const std::uint64_t block_end = b.offset + b.source_size;
        std::size_t written = 0;  // of out
        std::size_t out_line_index = 0, out_line_pos = 0;  // a cursor: line index -> start in out
        std::size_t in_lines_before = 0, in_scan = 0;       // '\n' in b.text[0, in_scan)
        while (piece_start + opencc_piece < block_end) {
          const std::uint64_t target = piece_start + opencc_piece;
          if (target < b.offset) {  // cannot happen: blocks are contiguous
            piece_start = target;
            continue;
          }
          std::size_t q = text_position_at_or_before(b, target);
          const std::uint64_t q_file = b.source_offset(q);
          piece_start = q_file > piece_start ? q_file : target;  // always progresses
          if (q == 0 || b.text[q - 1] == '\n') continue;        // a piece starts at a line start: no effect
          // The line holding q, and every piece start inside it.
          const auto [lb, le] = line_around(b.text, q);
          std::vector<std::size_t> cuts{q};
          while (piece_start + opencc_piece < block_end) {
            const std::size_t r = text_position_at_or_before(b, piece_start + opencc_piece);
            if (r >= le) break;
            const std::uint64_t r_file = b.source_offset(r);
            piece_start = r_file > piece_start ? r_file : piece_start + opencc_piece;
            if (r > cuts.back()) cuts.push_back(r);
          }
          parts.clear();
          std::size_t from = lb;
          for (std::size_t cut : cuts) {
            c.convert_to(parts, b.text.substr(from, cut - from));
            from = cut;
          }
          c.convert_to(parts, b.text.substr(from, le - from));
          // The same line in `out`: line feeds are copied one for one (no key holds
          // one), so it starts after as many of them as precede it in the input, unless
          // a dictionary value holds one; then the conversion of the text before the
          // line is as long as the output before it (blocks convert as their lines do).
          for (; in_scan < lb; ++in_scan) in_lines_before += b.text[in_scan] == '\n';
          for (; out_line_index < in_lines_before; ++out_line_index) {
            const std::size_t nl = out.find('\n', out_line_pos);
            out_line_pos = nl == std::string::npos ? out.size() : nl + 1;
          }
          std::string whole;
          c.convert_to(whole, b.text.substr(lb, le - lb));
          std::size_t line_pos = out_line_pos;
          if (line_pos < written || out.compare(line_pos, whole.size(), whole) != 0 ||
              (line_pos + whole.size() < out.size() && out[line_pos + whole.size()] != '\n')) {
            std::string before;
            c.convert_to(before, b.text.substr(0, lb));
            line_pos = before.size();
          }
          cli::out(std::string_view(out).substr(written, line_pos - written));
          cli::out(parts);
          written = line_pos + whole.size();
        }
        cli::out(std::string_view(out).substr(written));
      });
}

}  // namespace cli::convert

const cli::command cli::convert_command = {
    "convert",
    "convert traditional <-> simplified Chinese exactly as OpenCC does",
    "--config NAME [options] [FILE|DIR...]",
    "Converts the text with OpenCC 1.1.6's configuration NAME and writes it: byte for\n"
    "byte what `opencc -c NAME.json -i FILE` writes for each FILE (standard input: what\n"
    "`opencc -c NAME.json` writes reading it). NAME is one of OpenCC's configurations\n"
    "(s2t, t2s, s2tw, tw2s, s2twp, tw2sp, s2hk, hk2s, t2tw, tw2t, t2hk, hk2t, t2jp, jp2t),\n"
    "read from OpenCC's data directory ($ZHTEXT_OPENCC_DIR or the one set at build time,\n"
    "Debian's libopencc-data), or the path of a JSON configuration (it contains a '/').\n"
    "Like `opencc -i`, a file is converted in pieces of 1 MiB (cut at a character\n"
    "boundary), so a phrase that straddles a piece end converts in halves; --whole-lines\n"
    "converts every line whole instead. Invalid UTF-8 is handled as --on-invalid says\n"
    "(opencc stops at it); a NUL byte is an ordinary character. Malformed configuration\n"
    "or dictionary files are errors naming FILE:LINE (exit 1).",
    {
        "--config NAME             the OpenCC configuration: a name (t2s, s2twp, ...) or a JSON path",
        "--whole-lines             convert each line whole, also where `opencc -i` cuts it at a 1 MiB piece end",
    },
    cli::common_engine,
    convert::run_convert,
};
