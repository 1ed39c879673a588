// zhtext count [options] [FILE|DIR...]: a frequency table of the inputs' words,
// characters or character n-grams, as TSV rows token, count, df (the format `zhtext
// merge` reads and writes, so merge is its combiner and reducer), JSON Lines or the
// lossless JSON of zhtext/frequency.hpp; optionally an SVG bar chart of the top tokens.
//
// Tokens are taken line by line (a token never spans a line break), so where the block
// engine cuts the input never changes them. Blocks are counted on worker threads and
// folded on the calling thread in input order. With --per-line every line is a
// document and each block's table is appended as it is; a file that is one block is
// one table, one document. A file cut into several blocks is one document too, so
// each worker counts its blocks of it into a table of its own (one merge per thread,
// not per block), and the file's rows are added with df 1 when its last block is
// consumed. The output is sorted (count descending, token bytes ascending), so it is
// the same for every --threads and every block size.
#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <cstdio>
#include <limits>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <zhtext/chars.hpp>
#include <zhtext/frequency.hpp>
#include <zhtext/ngram.hpp>
#include <zhtext/segment.hpp>
#include <zhtext/stop_words.hpp>
#include <zhtext/svg_chart.hpp>

#include "commands.hpp"

namespace {

const std::vector<cli::option> options = {
    {"tokens", "KIND", "what to count: words (default; jieba's segmentation), chars, or ngram:N\n"
                       "                            (N consecutive characters, 1 <= N <= 32; chars = ngram:1)"},
    {"per-line", "", "each line is a document (for df); default: each input is one"},
    {"mode", "MODE", "words: precise (default), precise-nohmm, full or search (as `zhtext segment`)"},
    {"dict", "PATH", "words: main dictionary in jieba's format (default: jieba's dict.txt)"},
    {"user-dict", "PATH", "words: user dictionary, read as jieba.load_userdict reads it"},
    {"stop-words", "LIST", "leave out stop words: 'builtin' (zhtext's list of 448 Chinese and\n"
                           "                            English function words) or a file, one word per line (default: none)"},
    {"min-length", "N", "leave out tokens of fewer than N characters"},
    {"han-only", "", "count only tokens made entirely of Han characters"},
    {"no-punct", "", "leave out tokens made only of punctuation (and spaces, controls)"},
    {"top", "K", "print only the K rows with the highest counts"},
    {"format", "FORMAT", "tsv (default): token<TAB>count<TAB>df; jsonl: {\"token\",\"count\",\"df\"} per line;\n"
                         "                            json: zhtext's lossless table with documents and first positions"},
    {"svg", "FILE", "also write an SVG bar chart of the top tokens by count to FILE"},
    {"svg-bars", "N", "bars in the chart (default 20)"},
};

enum class out_format { tsv, jsonl, json };

// Tokens that are empty or only white space (Unicode White_Space) are not counted.
bool blank(std::string_view t) {
  if (t.empty()) return true;
  // Fast path: White_Space is ASCII 09..0D and 20, or starts with byte C2 (U+0085,
  // U+00A0), E1 (U+1680), E2 (U+2000..U+205F) or E3 (U+3000).
  const unsigned char c = static_cast<unsigned char>(t[0]);
  if (c < 0x80 ? c != ' ' && (c < 0x09 || c > 0x0D) : c != 0xC2 && (c < 0xE1 || c > 0xE3)) return false;
  for (const zhtext::code_point& c : zhtext::code_points(t))
    if (!c.valid || !zhtext::is_space(c.value)) return false;
  return true;
}

bool parse_number(cli::args& a, const std::string& name, std::size_t& out, std::size_t lo = 0,
                  std::size_t hi = std::numeric_limits<std::size_t>::max()) {
  if (!a.has(name)) return true;
  const std::string v = a.get(name);
  std::size_t n = 0;
  const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (v.empty() || ec != std::errc() || end != v.data() + v.size() || n < lo || n > hi) {
    a.error("--" + name + " needs an integer from " + std::to_string(lo) +
            (hi == std::numeric_limits<std::size_t>::max() ? " up" : " to " + std::to_string(hi)) + ", not '" + v + "'");
    return false;
  }
  out = n;
  return true;
}

// What one line yields: f(token, byte offset in the line) for each token.
struct tokenizer {
  const zhtext::segmenter* words = nullptr;  // null: character n-grams
  zhtext::cut_options cut;
  std::size_t n = 1;
  zhtext::char_ngram_options ngram;

  // The segmenter's state for a block: taken once per block, not per line (taking it
  // locks a mutex and touches a shared count, which costs when threads do it often).
  using state = std::shared_ptr<const zhtext::detail::segment_state>;
  state snapshot() const { return words != nullptr ? words->snapshot() : nullptr; }

  template <class F>
  void operator()(const state& st, std::string_view line, F&& f) const {
    if (words != nullptr) {
      thread_local zhtext::detail::cut_scratch scratch;
      auto sink = [&](const zhtext::token& t) {
        if (!blank(t.text)) f(t.text, t.offset);
      };
      zhtext::segmenter::run(st->lex(), line, cut, scratch, sink);
      return;
    }
    // N-grams of the runs of characters between white space.
    std::size_t run = std::string_view::npos;
    auto flush = [&](std::size_t end) {
      for (const zhtext::ngram& g : zhtext::char_ngrams(line.substr(run, end - run), n, ngram))
        f(g.text, run + g.offset);
      run = std::string_view::npos;
    };
    for (const zhtext::code_point& c : zhtext::code_points(line)) {
      if (zhtext::is_space(c.value)) {
        if (run != std::string_view::npos) flush(c.offset);
      } else if (run == std::string_view::npos) {
        run = c.offset;
      }
    }
    if (run != std::string_view::npos) flush(line.size());
  }
};

std::string describe_tokens(const tokenizer& tk, std::size_t bars) {
  const bool one = bars == 1;
  if (tk.words != nullptr) return one ? "word" : "words";
  if (tk.n == 1) return one ? "character" : "characters";
  return "character " + std::to_string(tk.n) + "-gram" + (one ? "" : "s");
}

// "news/000.txt", "news/000.txt and 2 more inputs", "standard input".
std::string describe_source(const cli::args& a) {
  const auto& p = a.positional();
  if (p.empty() || (p.size() == 1 && p[0] == "-")) return "standard input";
  std::string s = p[0] == "-" ? "standard input" : p[0];
  if (p.size() > 1) s += " and " + std::to_string(p.size() - 1) + (p.size() == 2 ? " more input" : " more inputs");
  return s;
}

}  // namespace

int cmd_count(cli::args& a) {
  if (!a.parse(options, cli::common_engine)) return cli::exit_usage;
  if (a.has("help")) {
    a.print_help("[options] [FILE|DIR...]",
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
                 "as jieba counts). Invalid UTF-8 is handled as --on-invalid says. When the run\n"
                 "fails (exit 1 or 3) nothing is printed and no chart is written.",
                 options);
    return cli::exit_ok;
  }

  // ---- options
  tokenizer tk;
  const std::string kind = a.get("tokens", "words");
  std::optional<zhtext::segmenter> seg;
  if (kind == "chars") {
    tk.n = 1;
  } else if (kind.rfind("ngram:", 0) == 0) {
    const std::string v = kind.substr(6);
    const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), tk.n);
    if (v.empty() || ec != std::errc() || end != v.data() + v.size() || tk.n < 1 || tk.n > 32) {
      a.error("--tokens ngram:N needs N from 1 to 32, not '" + v + "'");
      return cli::exit_usage;
    }
  } else if (kind != "words") {
    a.error("--tokens must be words, chars or ngram:N, not '" + kind + "'");
    return cli::exit_usage;
  }
  const bool words = kind == "words";
  if (!words && (a.has("mode") || a.has("dict") || a.has("user-dict"))) {
    a.error("--mode, --dict and --user-dict apply to --tokens words only");
    return cli::exit_usage;
  }
  const std::string mode = a.get("mode", "precise");
  if (mode == "precise") tk.cut = {zhtext::cut_mode::precise, true};
  else if (mode == "precise-nohmm") tk.cut = {zhtext::cut_mode::precise, false};
  else if (mode == "full") tk.cut = {zhtext::cut_mode::full, true};
  else if (mode == "search") tk.cut = {zhtext::cut_mode::search, true};
  else {
    a.error("--mode must be precise, precise-nohmm, full or search, not '" + mode + "'");
    return cli::exit_usage;
  }
  const std::string fmt = a.get("format", "tsv");
  out_format format = out_format::tsv;
  if (fmt == "jsonl") format = out_format::jsonl;
  else if (fmt == "json") format = out_format::json;
  else if (fmt != "tsv") {
    a.error("--format must be tsv, jsonl or json, not '" + fmt + "'");
    return cli::exit_usage;
  }
  std::size_t top = std::numeric_limits<std::size_t>::max(), min_length = 0, svg_bars = 20;
  if (!parse_number(a, "top", top) || !parse_number(a, "min-length", min_length) ||
      !parse_number(a, "svg-bars", svg_bars, 1, 1000))
    return cli::exit_usage;
  if (a.has("svg-bars") && !a.has("svg")) {
    a.error("--svg-bars needs --svg FILE");
    return cli::exit_usage;
  }
  const bool per_line = a.has("per-line");

  // ---- data: stop words, the segmenter
  std::optional<zhtext::stop_words> own_stop_words;
  zhtext::frequency_options fo;
  if (a.has("stop-words")) {
    const std::string list = a.get("stop-words");
    if (list == "builtin") {
      fo.stop_words = &zhtext::stop_words::builtin();
    } else {
      auto sw = zhtext::stop_words::load_file(list);
      if (!sw) {
        a.error(sw.error().message);
        const zhtext::errc e = sw.error().code;
        return e == zhtext::errc::io_error || e == zhtext::errc::not_found ? cli::exit_io : cli::exit_check_failed;
      }
      own_stop_words.emplace(std::move(*sw));
      fo.stop_words = &*own_stop_words;
    }
  }
  fo.min_length = min_length;
  fo.skip_punctuation = a.has("no-punct");
  if (words) {
    fo.han_only = a.has("han-only");
    zhtext::segmenter_options so;
    so.dict_path = a.get("dict");
    auto s = zhtext::segmenter::load(so);
    if (!s) {
      a.error(s.error().message);
      return cli::exit_io;
    }
    seg.emplace(std::move(*s));
    if (a.has("user-dict")) {
      if (auto r = seg->load_userdict(a.get("user-dict")); !r) {
        a.error(r.error().message);
        return cli::exit_io;
      }
    }
    tk.words = &*seg;
  } else {
    tk.ngram.han_only = a.has("han-only");  // the same as the filter, without making the n-grams
  }

  // ---- count: blocks on the workers, folded in input order
  cli::block_options bo;
  bo.max_block_size = std::numeric_limits<std::size_t>::max() / 4;  // never cut a line
  zhtext::frequency_table total, file;  // file: the pieces so far of a file cut into blocks
  // A file cut into several blocks is one document: its counts add up whatever the
  // order, and first positions take the earliest, so each worker thread counts its
  // blocks of such a file into one table of its own (a "piece"), and the file's pieces
  // are merged when its last block is consumed (by then every block of the file has
  // been counted). A block of a new file, or with --per-line, gets a table of its own,
  // folded in input order. Pieces and block tables are recycled once folded in:
  // cleared, they keep their memory, so they neither grow nor touch fresh pages again.
  struct piece {
    std::thread::id owner;
    std::size_t file;
    zhtext::frequency_table table;
  };
  std::mutex tables_mutex;             // guards pieces and spare
  std::list<piece> pieces;             // a worker adds to its own piece without the lock
  std::vector<zhtext::frequency_table> spare;
  auto fresh_table = [&] {  // with the lock held
    if (spare.empty()) return zhtext::frequency_table(fo);
    zhtext::frequency_table r = std::move(spare.back());
    spare.pop_back();
    return r;
  };
  auto recycle = [&](zhtext::frequency_table&& t) {  // with the lock held
    t.clear();
    spare.push_back(std::move(t));
  };
  // A table of whole documents: each line with --per-line, else a file that is one block.
  auto whole_documents = [&](const cli::block& b) { return per_line || (b.index == 0 && b.last); };
  const int rc = cli::run_blocks(
      a, bo,
      [&](const cli::block& b) {
        const bool whole = whole_documents(b);
        zhtext::frequency_table own;
        zhtext::frequency_table* t = &own;
        {
          const std::lock_guard<std::mutex> lock(tables_mutex);
          if (whole) {
            own = fresh_table();
          } else {
            const std::thread::id me = std::this_thread::get_id();
            auto p = std::find_if(pieces.begin(), pieces.end(),
                                  [&](const piece& x) { return x.owner == me && x.file == b.file_index; });
            if (p == pieces.end()) {
              p = pieces.insert(pieces.end(), piece{me, b.file_index, fresh_table()});
              p->table.begin_document();
            }
            t = &p->table;
          }
        }
        // Byte offset in the file of text position p (positions differ after replaced
        // or skipped invalid UTF-8).
        auto source = [&](std::size_t p) { return b.edit_count == 0 ? b.offset + p : b.source_offset(p); };
        if (whole && !per_line) t->begin_document();
        const tokenizer::state st = tk.snapshot();
        std::size_t pos = 0;
        while (pos < b.text.size()) {
          std::size_t nl = b.text.find('\n', pos);
          if (nl == std::string_view::npos) nl = b.text.size();
          const std::string_view line = b.text.substr(pos, nl - pos);
          const std::uint64_t base = per_line ? source(pos) : 0;  // offsets are in the document
          if (per_line) t->begin_document();
          tk(st, line, [&](std::string_view token, std::size_t at) { t->add(token, source(pos + at) - base); });
          pos = nl + 1;
        }
        return own;  // empty for a piece
      },
      [&](const cli::block& b, zhtext::frequency_table&& t) {
        if (whole_documents(b)) {  // number them after the others
          total.append(t);
          const std::lock_guard<std::mutex> lock(tables_mutex);
          recycle(std::move(t));
          return;
        }
        if (!b.last) return;
        {
          const std::lock_guard<std::mutex> lock(tables_mutex);
          for (auto p = pieces.begin(); p != pieces.end();) {
            if (p->file != b.file_index) {
              ++p;
              continue;
            }
            file.merge(p->table);  // counts add up, df is fixed below
            recycle(std::move(p->table));
            p = pieces.erase(p);
          }
        }
        const std::uint64_t doc = total.begin_document();
        file.for_each([&](const zhtext::frequency_table::row& r) {
          total.add_row({r.token, r.count, 1, {doc, r.first.offset}});
        });
        file.clear();
      });
  if (rc != cli::exit_ok) return rc;

  // ---- output
  if (a.has("svg")) {
    const auto rows = total.top(std::min(svg_bars, top));
    std::vector<zhtext::chart_bar> bars;
    for (const auto& r : rows) bars.push_back({r.token, static_cast<double>(r.count)});
    const std::string title = "Top " + std::to_string(bars.size()) + " " + describe_tokens(tk, bars.size()) +
                              " in " + describe_source(a) + " (zhtext count)";
    zhtext::svg_chart_options so;
    so.title = title;
    const std::string svg = zhtext::svg_bar_chart(bars, so);
    const std::string path = a.get("svg");
    std::FILE* f = std::fopen(path.c_str(), "wb");
    const bool ok = f != nullptr && std::fwrite(svg.data(), 1, svg.size(), f) == svg.size();
    if (f == nullptr || std::fclose(f) != 0 || !ok) {
      a.error("cannot write '" + path + "': " + std::strerror(errno));
      return cli::exit_io;
    }
  }
  if (format == out_format::tsv) {
    total.write_tsv([](std::string_view s) { cli::out(s); }, top);
  } else if (format == out_format::json) {
    cli::out(total.to_json(top));
  } else {
    std::string buf;
    for (const auto& r : total.top(top)) {
      buf += "{\"token\":";
      cli::append_json_string(buf, r.token);
      buf += ",\"count\":" + std::to_string(r.count) + ",\"df\":" + std::to_string(r.df) + "}\n";
      if (buf.size() >= (1 << 16)) {
        cli::out(buf);
        buf.clear();
      }
    }
    cli::out(buf);
  }
  return std::fflush(stdout) == 0 ? cli::exit_ok : cli::exit_io;
}
