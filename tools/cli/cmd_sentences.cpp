// zhtext sentences [options] [FILE|DIR...]: one sentence per line (see
// zhtext/sentence.hpp). Runs on the block engine with paragraph blocks (sentences
// never cross a blank line); --format tsv/jsonl add the file, line and offsets.
#include <algorithm>
#include <string>
#include <string_view>

#include <zhtext/normalize.hpp>
#include <zhtext/sentence.hpp>

#include "commands.hpp"
#include "lib/engine.hpp"
#include "lib/output.hpp"

namespace cli::sentences {

// True when normalization (the `flat` options below) leaves `c` as it is and never
// looks past it: an ASCII graphic character or a CJK ideograph (no space, control,
// format character or line break), or U+FFFD (a symbol it keeps: a huge line of
// invalid UTF-8 is one sentence of them, normalized in pieces too).
bool plain_char(char32_t c) {
  return (c >= 0x21 && c <= 0x7E) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
         c == zhtext::replacement_character;
}

// The end of the first piece of `text` at or after `at`: a position between two plain
// characters (cutting there changes nothing that normalization does on a text without
// line breaks), or text.size() when there is none.
std::size_t piece_end(std::string_view text, std::size_t at) {
  bool before = false;  // the character before `p` is plain
  for (std::size_t p = at; p < text.size();) {
    while (p < text.size() && (static_cast<unsigned char>(text[p]) & 0xC0) == 0x80) ++p;  // to a boundary
    if (p >= text.size()) break;
    const zhtext::decoded d = zhtext::decode_utf8(text.substr(p));
    const bool plain = d.error == zhtext::utf8_errc::ok && plain_char(d.value);
    if (before && plain && p > at) return p;
    before = plain;
    p += d.size == 0 ? 1 : d.size;
  }
  return text.size();
}

// Sentences longer than this are normalized and written in pieces (write_flat).
constexpr std::size_t flat_piece = std::size_t(1) << 20;

// `text` normalized with `flat`, every kept line break as a space.
std::string flat_text(std::string_view text, const zhtext::normalize_options& flat) {
  std::string s = zhtext::normalize_text(text, flat);
  // A sentence that only never-mode keeps together may hold kept line breaks.
  std::replace(s.begin(), s.end(), '\n', ' ');
  return s;
}

// Writes `text` normalized with `flat`, every kept line break as a space, as a field
// of `field`'s format. A long sentence without line breaks (a huge line) is
// normalized in pieces of about 1 MiB, each written through as it is done: memory
// does not grow with the sentence, in any format.
void write_flat(std::string_view text, const zhtext::normalize_options& flat, cli::block_output& out,
                cli::output_format format) {
  const bool cuttable = text.size() > flat_piece && text.find_first_of("\r\n") == std::string_view::npos;
  cli::field_writer field(out.text(), format);
  std::size_t at = 0;
  do {
    const std::size_t end = cuttable ? piece_end(text, at + flat_piece) : text.size();
    field.add(flat_text(text.substr(at, end - at), flat));
    at = end;
    if (at < text.size()) out.record_done();  // written through once the block's output is over its limit
  } while (at < text.size());
  field.end();
}

int run_sentences(cli::args& a) {
  zhtext::sentence_options opt;
  opt.split_on_semicolon = a.has("semicolon");
  if (!a.get_choice<zhtext::line_break_mode>("line-breaks",
                                             {{"wrap-aware", zhtext::line_break_mode::wrap_aware},
                                              {"always", zhtext::line_break_mode::always},
                                              {"never", zhtext::line_break_mode::never}},
                                             opt.line_breaks))
    return cli::exit_usage;
  const bool offsets = a.has("offsets");
  const cli::output_format format = a.format();
  zhtext::normalize_options flat;  // only joins the sentence's own line breaks
  flat.join_lines = true;
  cli::block_options bo;
  bo.cut = cli::cut_at::paragraph;
  return cli::run_blocks(a, bo, [&](const cli::block& b, cli::block_output& out) {
    cli::line_counter lines(b);
    zhtext::for_each_sentence(b.text, [&](const zhtext::sentence& s) {
      const std::uint64_t begin = b.source_offset(s.offset);
      const std::uint64_t length = b.source_offset(s.offset + s.text.size()) - begin;
      if (format == cli::output_format::plain) {
        if (offsets) out.text() += std::to_string(begin) + '\t' + std::to_string(length) + '\t';
        write_flat(s.text, flat, out, format);
        out.text() += '\n';
      } else {
        cli::record r(out.text(), format);
        r.str("file", b.file)
            .num("line", lines.line_of(s.offset))
            .num("offset", begin)
            .num("length", length);
        if (s.text.size() <= flat_piece) {
          r.str("text", flat_text(s.text, flat));  // the usual sentence: in one piece
        } else {
          r.field("text");
          write_flat(s.text, flat, out, format);
        }
        r.end();
      }
      out.record_done();
    }, opt);
  });
}

}  // namespace cli::sentences

const cli::command cli::sentences_command = {
    "sentences",
    "split Chinese text into sentences, one per line",
    "[options] [FILE|DIR...]",
    "Splits Chinese text into sentences and prints one per line. Line breaks inside\n"
    "a sentence (hard wraps) are removed from the printed sentence, or become a space\n"
    "between Latin words; --offsets still refers to the input bytes.\n"
    "--format tsv: FILE, LINE, OFFSET, LENGTH, SENTENCE (TAB-separated, no header);\n"
    "--format jsonl: {\"file\",\"line\",\"offset\",\"length\",\"text\"} per line.\n"
    "LINE is where the sentence starts (1-based), OFFSET/LENGTH are input bytes.",
    {
        "--semicolon               also end sentences at ；and ;",
        "--line-breaks MODE        wrap-aware (default): a line break ends a sentence unless it is a hard wrap;\n"
        "                            always: every line break does; never: only blank lines do",
        "--offsets                 plain format: prefix each sentence with its byte offset and length in the\n"
        "                            input, TAB-separated",
    },
    cli::common_engine | cli::common_formats,
    sentences::run_sentences,
};
