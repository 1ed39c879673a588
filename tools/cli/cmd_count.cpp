// zhtext count [options] [FILE|DIR...]: a frequency table of the inputs' words,
// characters or character n-grams, as TSV rows token, count, df (the format `zhtext
// merge` reads and writes, so merge is its combiner and reducer), JSON Lines or the
// lossless JSON of zhtext/frequency.hpp; optionally an SVG bar chart of the top tokens.
//
// Tokens are taken line by line (a token never spans a line break), so where the block
// engine cuts the input never changes them; a line longer than the block limit is cut
// only where no token can cross the cut (see blocks()). Blocks are counted on worker threads and
// folded on the calling thread in input order. With --per-line every line is a
// document and each block's table is appended as it is; a file that is one block is
// one table, one document. A file cut into several blocks is one document too, so
// each worker counts its blocks of it into a table of its own (cli::per_worker_parts:
// one merge per thread, not per block), and the file's rows are added with df 1 when
// its last block is consumed. The output is sorted (count descending, token bytes
// ascending), so it is the same for every --threads and every block size.
#include <algorithm>
#include <charconv>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include <zhtext/chars.hpp>
#include <zhtext/frequency.hpp>
#include <zhtext/ngram.hpp>
#include <zhtext/segment.hpp>
#include <zhtext/stop_words.hpp>
#include <zhtext/utf8.hpp>

#include "commands.hpp"
#include "lib/engine.hpp"
#include "lib/inputs.hpp"
#include "lib/jieba.hpp"
#include "lib/ngrams.hpp"
#include "lib/output.hpp"
#include "lib/script.hpp"
#include "lib/svg_chart.hpp"
#include "lib/table.hpp"

namespace cli::count {

enum class out_format { tsv, jsonl, json };

// What one line yields: f(token, byte offset in the line, word id) for each token.
struct tokenizer {
  const zhtext::segmenter* words = nullptr;  // null: character n-grams
  zhtext::cut_options cut;
  std::size_t n = 1;
  zhtext::char_ngram_options ngram{false, true};  // n-grams inside the runs between white space
  cli::script_choice script;  // words: traditional lines cut as their t2s conversion

  // Words are cut with one session (state and scratch) of the segmenter per block, not
  // per line: taking the state locks a mutex and touches a shared count.
  std::optional<zhtext::segmenter::session> session() const {
    if (words == nullptr) return std::nullopt;
    return zhtext::segmenter::session(*words);
  }

  // `prepared`, with --script: the line prepared for analysis (script_choice::lines_of),
  // else it is prepared here. `repair` (n-grams): the line holds invalid UTF-8, read as
  // U+FFFD a piece at a time (cli::block::repair).
  template <class F>
  void operator()(std::optional<zhtext::segmenter::session>& session, std::string_view line, F&& f,
                  const zhtext::script_text* prepared = nullptr, bool repair = false) const {
    if (session) {
      if (script.active()) {  // words in their original spelling: no word ids
        thread_local zhtext::script_text own;
        const zhtext::script_text& st = prepared != nullptr ? *prepared : script.prepare(line, own);
        const std::string_view original = st.original();
        session->for_each_token(st.analysed(), [&](const zhtext::token&, const zhtext::byte_range& r) {
          const zhtext::byte_range o = st.to_original(r.begin, r.end);
          const std::string_view word = original.substr(o.begin, o.end - o.begin);
          if (!cli::blank_token(word)) f(word, o.begin, zhtext::word_id::none);
        }, cut);
        return;
      }
      auto words_of = [&](std::string_view piece, std::size_t at) {
        session->for_each_token(piece, [&](const zhtext::token& t, zhtext::word_id id) {
          if (!cli::blank_token(t.text)) f(t.text, at + t.offset, id);
        }, cut);
      };
      if (cut.mode == zhtext::cut_mode::full) words_of(line, 0);
      else cli::for_each_jieba_piece(line, words_of);  // bounded state, the same words
      return;
    }
    if (repair) {  // never a repaired copy of a long line
      cli::for_each_repaired_ngram(line, n, ngram, [&](std::string_view g, std::size_t at) { f(g, at, zhtext::word_id::none); });
      return;
    }
    for (const zhtext::ngram& g : zhtext::char_ngrams(line, n, ngram))  // ngram.space_breaks
      f(g.text, g.offset, zhtext::word_id::none);
  }
};

// A number: digits (ASCII or full-width), with . , % among them (2024, 12.5, ３０%).
bool is_number(std::string_view token) {
  bool digit = false;
  for (const zhtext::code_point& cp : zhtext::code_points(token)) {
    const char32_t c = zhtext::fold_width(cp.value);
    if (c >= U'0' && c <= U'9') digit = true;
    else if (c != U'.' && c != U',' && c != U'%') return false;
  }
  return digit;
}

// The command line, read.
struct settings {
  tokenizer tk;
  bool words = true, per_line = false;
  bool content_words = false;  // --content-words: also no numbers
  out_format format = out_format::tsv;
  std::size_t top = std::numeric_limits<std::size_t>::max(), svg_bars = 20;
  zhtext::frequency_options fo;
  std::optional<zhtext::stop_words> own_stop_words;
  std::optional<zhtext::segmenter> seg;
};

// --tokens words|chars|ngram:N; false after printing the error.
bool read_tokens(const cli::args& a, settings& s) {
  const std::string kind = a.get("tokens", "words");
  s.words = kind == "words";
  if (kind == "chars") {
    s.tk.n = 1;
  } else if (kind.rfind("ngram:", 0) == 0) {
    const std::string v = kind.substr(6);
    const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), s.tk.n);
    if (v.empty() || ec != std::errc() || end != v.data() + v.size() || s.tk.n < 1 || s.tk.n > 32) {
      a.error("--tokens ngram:N needs N from 1 to 32, not '" + v + "'");
      return false;
    }
  } else if (!s.words) {
    a.error("--tokens must be words, chars or ngram:N, not '" + kind + "'");
    return false;
  }
  if (!s.words && (a.has("mode") || a.has("dict") || a.has("user-dict"))) {
    a.error("--mode, --dict and --user-dict apply to --tokens words only");
    return false;
  }
  // Characters and n-grams are the input's own, in whatever script it is written: there
  // is no analysis to do in another script, so --script could only be ignored.
  if (!s.words && a.has("script")) {
    a.error("--script applies to --tokens words only (characters and n-grams are always counted as written)");
    return false;
  }
  return true;
}

// The options that need no data; false after printing the error.
bool read_options(const cli::args& a, settings& s) {
  if (!read_tokens(a, s) || !cli::get_cut_mode(a, s.tk.cut) ||
      !a.get_choice<out_format>("format",
                                {{"tsv", out_format::tsv}, {"jsonl", out_format::jsonl}, {"json", out_format::json}},
                                s.format) ||
      !a.get_size("top", s.top) || !a.get_size("min-length", s.fo.min_length) ||
      !a.get_size("svg-bars", s.svg_bars, 1, 1000))
    return false;
  if (a.has("json")) {  // --json is --format jsonl, as on every command
    if (a.has("format") && s.format != out_format::jsonl) {
      a.error("--json contradicts --format " + a.get("format"));
      return false;
    }
    s.format = out_format::jsonl;
  }
  if (a.has("svg-bars") && !a.has("svg")) {
    a.error("--svg-bars needs --svg FILE");
    return false;
  }
  s.per_line = a.has("per-line");
  s.content_words = a.has("content-words");
  s.fo.skip_punctuation = a.has("no-punct") || s.content_words;
  if (s.words) s.fo.han_only = a.has("han-only");
  else s.tk.ngram.han_only = a.has("han-only");  // the same as the filter, without making the n-grams
  return true;
}

// Stop words and the segmenter; the exit code on failure, after printing the error.
int load_data(const cli::args& a, settings& s) {
  if (a.has("stop-words") || s.content_words) {
    const std::string list = a.get("stop-words", "builtin");
    if (list == "builtin") {
      s.fo.stop_words = &zhtext::stop_words::builtin();
    } else {
      if (const int rc = cli::check_data_file(a, "stop-words", list); rc != cli::exit_ok) return rc;
      auto sw = zhtext::stop_words::load(list);
      if (!sw) {
        a.error(sw.error().message);
        const zhtext::errc e = sw.error().code;
        return e == zhtext::errc::io_error || e == zhtext::errc::not_found ? cli::exit_io : cli::exit_check_failed;
      }
      s.own_stop_words.emplace(std::move(*sw));
      s.fo.stop_words = &*s.own_stop_words;
    }
  }
  if (s.words) {
    if (const int rc = cli::get_script(a, s.tk.script); rc >= 0) return rc;
    int rc = cli::exit_ok;
    s.seg = cli::load_with_dictionaries<zhtext::segmenter>(a, rc);
    if (!s.seg) return rc;
    s.tk.words = &*s.seg;
  }
  return cli::exit_ok;
}

// count_block's byte offset in the file of text position p when the block is not plain:
// positions differ after replaced or skipped invalid UTF-8, or, in a long line read in
// order, the text before p is given back every 4 MiB (block::release_before). Out of
// line, behind the one test the offset of a plain block takes anyway: a test of its own
// per token cost 1.2 % of `count` (callgrind, the corpus; 5 % inline).
constexpr std::size_t release_step = std::size_t(4) << 20;
[[gnu::noinline]] std::uint64_t offset_releasing(const cli::block& b, std::size_t p, std::size_t& release_at) {
  if (p >= release_at) {
    b.release_before(p);
    release_at = p + release_step;
  }
  return b.edit_count == 0 ? b.offset + p : b.source_offset(p);
}

// Counts the tokens of one block into `t`.
void count_block(const settings& s, const cli::block& b, zhtext::frequency_table& t, bool whole) {
  if (whole && !s.per_line) t.begin_document();
  auto session = s.tk.session();
  // --script (words): the block's lines converted a batch at a time, then cut one by one.
  std::optional<zhtext::script_lines> lines;
  if (session) lines = s.tk.script.lines_of(b.text);
  // Words in precise and full mode come in text order, and nothing before a word is
  // read once it has come (the table copies it): a long line held whole (no place to
  // cut it, e.g. 50 MiB of digits, '.' and '%') gives its text back as it is counted,
  // instead of holding it beside the table to the end (224 MB, now 189, for 3.2M
  // distinct words). Search mode gives a long word after the shorter words inside it;
  // --script counts words of a converted copy.
  const bool in_order = s.words && !lines && s.tk.cut.mode != zhtext::cut_mode::search;
  std::size_t release_at = in_order && b.text.size() > release_step ? release_step : std::size_t(-1);
  const bool plain = b.edit_count == 0 && release_at == std::size_t(-1);
  // Byte offset in the file of text position p.
  auto source = [&](std::size_t p) { return plain ? b.offset + p : offset_releasing(b, p, release_at); };
  cli::for_each_line(b, [&](const cli::text_line& l) {
    const std::uint64_t base = s.per_line ? source(l.pos) : 0;  // offsets are in the document
    if (s.per_line) t.begin_document();
    s.tk(session, l.text, [&](std::string_view token, std::size_t at, zhtext::word_id id) {
      // a word id: no re-hashing, no re-filtering
      if (!s.content_words || !is_number(token)) t.add(token, source(l.pos + at) - base, id);
    }, lines ? &lines->line(l.pos, l.pos + l.text.size()) : nullptr, b.repair);
  });
}

// Where a line longer than the block limit may be cut (block_options::cut_after) for
// character n-grams: anywhere between characters (n = 1), else after white space,
// which no n-gram holds.
bool after_char(std::string_view s, std::size_t p) {
  char32_t c;
  return cli::repaired_char_before(s, p, c);
}
bool after_space(std::string_view s, std::size_t p) {
  char32_t c;
  return cli::repaired_char_before(s, p, c) && zhtext::is_space(c);
}

// How the inputs are cut: whole lines, except that a long line is cut where no token
// can cross the cut; with --per-line (a line is a document) lines stay whole.
// Character n-grams read invalid UTF-8 repaired a piece at a time (repair_in_pieces):
// a line may be held whole (ngram:2 holds U+FFFD pairs), and its repaired copy would be
// up to 3 times its size.
cli::block_options blocks(const settings& s) {
  if (s.words) return s.per_line ? cli::whole_lines() : cli::jieba_blocks(s.tk.cut.mode == zhtext::cut_mode::full || s.tk.script.active());
  cli::block_options o = s.per_line ? cli::whole_lines() : cli::cut_lines_where(s.tk.n == 1 ? after_char : after_space);
  o.repair_in_pieces = true;
  return o;
}

// The table of all inputs; the exit code of the run.
int count_all(const cli::args& a, const settings& s, zhtext::frequency_table& total) {
  cli::per_worker_parts<zhtext::frequency_table> parts([&] { return zhtext::frequency_table(s.fo); },
                                                       [](zhtext::frequency_table& t) { t.clear(); });
  zhtext::frequency_table file;  // the parts of a file cut into blocks, merged
  // A table of whole documents: each line with --per-line, else a file that is one block.
  auto whole_documents = [&](const cli::block& b) { return s.per_line || (b.index == 0 && b.last); };
  return cli::run_blocks(
      a, blocks(s),
      [&](const cli::block& b) {
        const bool whole = whole_documents(b);
        zhtext::frequency_table own;  // stays empty for a part
        zhtext::frequency_table* t = &own;
        bool fresh = false;
        if (whole) own = parts.acquire();
        else t = &parts.of(b, fresh);
        if (fresh) t->begin_document();
        count_block(s, b, *t, whole);
        return own;
      },
      [&](const cli::block& b, zhtext::frequency_table&& t) {
        if (whole_documents(b)) {  // number them after the others
          total.append(std::move(t));  // the first one becomes the total: no copy
          parts.recycle(std::move(t));
          return;
        }
        if (!b.last) return;
        // One copy of the rows at a time: the first part becomes the file's table (its
        // storage, not a copy), the others are merged into it; the file's table becomes
        // the total's rows when the total has none (add_document_rows: df 1, one document).
        parts.take(b.file_index, [&](zhtext::frequency_table& p) { file.merge(std::move(p)); });
        total.add_document_rows(std::move(file));
      });
}

// "news/000.txt", "news/000.txt and 2 more inputs", "standard input".
std::string describe_source(const cli::args& a) {
  const auto& p = a.positional();
  if (p.empty() || (p.size() == 1 && p[0] == "-")) return "standard input";
  std::string s = p[0] == "-" ? "standard input" : p[0];
  if (p.size() > 1) s += " and " + std::to_string(p.size() - 1) + (p.size() == 2 ? " more input" : " more inputs");
  return s;
}

std::string describe_tokens(const settings& s, std::size_t bars) {
  const bool one = bars == 1;
  if (s.words) return one ? "word" : "words";
  if (s.tk.n == 1) return one ? "character" : "characters";
  return "character " + std::to_string(s.tk.n) + "-gram" + (one ? "" : "s");
}

int write_chart(const cli::args& a, const settings& s, const zhtext::frequency_table& total) {
  const auto rows = total.top(std::min(s.svg_bars, s.top));
  std::vector<cli::chart_bar> bars;
  for (const auto& r : rows) bars.push_back({r.token, static_cast<double>(r.count)});
  const std::string title = "Top " + std::to_string(bars.size()) + " " + describe_tokens(s, bars.size()) + " in " +
                            describe_source(a) + " (zhtext count)";
  cli::svg_chart_options so;
  so.title = title;
  return cli::write_file(a, a.get("svg"), cli::svg_bar_chart(bars, so));
}

void write_table(const settings& s, const zhtext::frequency_table& total) {
  if (s.format == out_format::json) total.write_json([](std::string_view v) { cli::out(v); }, s.top);
  else cli::write_frequency_table(total, s.format == out_format::jsonl, s.top);
}

int run_count(cli::args& a) {
  settings s;
  if (!read_options(a, s)) return cli::exit_usage;
  if (const int rc = cli::check_output_file(a, "svg", cli::svg_file); rc != cli::exit_ok) return rc;
  if (const int rc = load_data(a, s); rc != cli::exit_ok) return rc;
  zhtext::frequency_table total;
  if (const int rc = count_all(a, s, total); rc != cli::exit_ok) return rc;
  if (a.has("svg")) {
    if (const int rc = write_chart(a, s, total); rc != cli::exit_ok) return rc;
  }
  write_table(s, total);
  return cli::flush_stdout(a);
}

}  // namespace cli::count

const cli::command cli::count_command = {
    "count",
    "frequency table of words, characters or n-grams (TSV token, count, df; SVG chart)",
    "[options] [FILE|DIR...]",
    "Counts the tokens of the inputs and prints a frequency table, one row per\n"
    "token: token<TAB>count<TAB>df, where count is the number of occurrences and df\n"
    "the number of documents (each input, or each line with --per-line) holding the\n"
    "token; rows by count descending then token bytes ascending; tokens escaped as\n"
    "`zhtext merge` escapes them (\\\\ \\t \\n \\r \\xHH). `zhtext merge` sums such tables,\n"
    "so counting parts of a corpus and merging prints what counting it whole prints.\n"
    "Tokens never span a line break: words are cut line by line exactly as Python\n"
    "jieba 0.42.1 cuts (precise mode by default), n-grams are taken inside the runs of\n"
    "characters between white space; tokens of white space are never counted. All\n"
    "tokens are counted unless a filter says otherwise (no stop words by default,\n"
    "as jieba counts; --content-words for the words that tell what a text is about,\n"
    "e.g. with --svg). Invalid UTF-8 is handled as --on-invalid says. When the run\n"
    "fails (exit 1 or 3) nothing is printed and no chart is written.",
    {
        "--tokens KIND             what to count: words (default; jieba's segmentation), chars, or ngram:N\n"
        "                            (N consecutive characters, 1 <= N <= 32; chars = ngram:1)",
        "--per-line                each line is a document (for df); default: each input is one",
        "--mode MODE               words: precise (default), precise-nohmm, full or search (as `zhtext segment`)",
        cli::script_option("words only (characters and n-grams are counted as written):\n"
                           "                            "),
        cli::dict_option("words: ", false),
        cli::user_dict_option("words: ", false),
        "--stop-words LIST         leave out stop words: 'builtin' (zhtext's list of 448 Chinese and\n"
        "                            English function words) or a file, one word per line (default: none)",
        "--min-length N            leave out tokens of fewer than N characters",
        "--han-only                count only tokens made entirely of Han characters",
        "--no-punct                leave out tokens made only of punctuation (and spaces, controls)",
        "--content-words           a first picture of what the text is about: leave out punctuation, stop\n"
        "                            words (builtin, or --stop-words LIST) and numbers (2024, 12.5%)",
        "--top K                   print only the K rows with the highest counts",
        "--format FORMAT           tsv (default): token<TAB>count<TAB>df; jsonl: {\"token\",\"count\",\"df\"} per line;\n"
        "                            json: zhtext's lossless table with documents and first positions",
        "--json                    the same as --format jsonl",
        "--svg FILE                also write an SVG bar chart of the top tokens by count to FILE (a name ending\n"
        "                            in .svg; an existing file is replaced only if it is an SVG)",
        "--svg-bars N              bars in the chart (default 20)",
    },
    cli::common_engine,
    count::run_count,
};
