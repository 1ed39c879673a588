// zhtext keywords [options] [FILE|DIR...]: keywords of each input (or each input line)
// by TF-IDF or TextRank, exactly as Python jieba.analyse ranks them (see
// zhtext/keywords.hpp). Runs on the block engine: per line, every block is processed
// on a worker thread; per file, a file that fits one block (1 MiB) is processed on a
// worker thread, a larger one is gathered (TF-IDF: without the characters that cannot
// change its keywords, see append_gathered) and processed when its last block arrives.
// A document of more than 1 MiB whose list may be long (--top 0 or above 4096) is
// ranked on the calling thread as it is written, its keywords written as they come
// (settings::rank_when_written): no list of millions of keywords is held.
// Output is in input order and the same for every --threads.
#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <zhtext/file.hpp>
#include <zhtext/keywords.hpp>
#include <zhtext/utf8.hpp>

#include "commands.hpp"
#include "lib/engine.hpp"
#include "lib/inputs.hpp"
#include "lib/jieba.hpp"
#include "lib/output.hpp"
#include "lib/script.hpp"
#include "lib/svg_chart.hpp"

namespace cli::keywords {

// One ranked keyword. Its word is a view of the text it was ranked in when it lies
// there (the block's text, valid until the block is consumed, or the gathered text):
// a keyword that is a 50 MiB token is not copied. Else (a word of a script
// conversion) the word is owned.
struct ranked_keyword {
  std::string_view view;
  std::string owned;
  double weight = 0;
  std::string_view word() const noexcept { return view.data() != nullptr ? view : std::string_view(owned); }
};
using keyword_list = std::vector<ranked_keyword>;

// Appends `word` to `out` (the record being written) as a field of `format`, writing
// `out` to stdout whenever it holds 64 KiB: a huge keyword is never copied whole.
void put_word(std::string& out, std::string_view word, cli::output_format format) {
  cli::append_field_in_pieces(out, word, format, [&] {
    cli::out(out);
    out.clear();
  });
}

// Appends `text` to `out` keeping at most `keep` (> 0) characters of a run of those
// after which jieba's cut may be cut (cli::jieba_cut_after: a character that is neither
// a block character nor white space). jieba cuts each such character into a token of
// its own, one that no keyword filter passes (one character). TF-IDF counts only words
// of two or more characters (in its total too), so of a run of them one (keep 1) keeps
// the words on either side apart as the whole run did; TextRank links a word to the
// span - 1 tokens after it, so span - 1 of them (keep 4) do. The keywords of the
// gathered text are those of the whole text, and a file of NUL bytes or punctuation is
// not held in memory. A kept separator of several bytes is gathered as '!' (a
// separator too, a token of one character tagged x like it): the tokens' order and
// filters are the same, and the gathered text of random bytes (mostly U+FFFD, 3 bytes
// each) is no larger than the input (before: 1.8 times, 229 MB on 50 MiB).
void append_gathered(std::string& out, std::string_view text, std::size_t keep) {
  std::size_t run = 0;  // separators just before i
  for (std::size_t i = 0; i < text.size();) {
    const zhtext::decoded d = zhtext::decode_utf8(text.substr(i));
    const std::size_t n = d.size == 0 ? 1 : d.size;
    const bool separator = cli::jieba_cut_after(text, i + n);
    run = separator ? run + 1 : 0;
    if (run > keep) {
      // dropped: the run's first `keep` separators stand for it
    } else if (separator && n > 1) {
      out += '!';  // a separator of one byte for one of several (U+FFFD: 3)
    } else {
      out.append(text, i, n);
    }
    i += n;
  }
}

// The separators of a run TextRank's gathered text keeps: textrank_options::span - 1.
const std::size_t textrank_gathered_run = zhtext::textrank_options().span - 1;

// What map gives consume for one block: the keywords of its documents, or (a part of
// a file larger than one block, whole-file mode) the text to gather.
struct block_result {
  struct document {
    keyword_list keywords;
    std::string_view text;  // ranked when written (settings::rank_when_written): its text in the block
    bool later = false;
  };
  std::vector<document> documents;
  std::string text;
};

std::string format_weight(double w) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.12g", w);
  return buf;
}

// The command line, read, and the extractor.
struct settings {
  bool textrank = false, per_line = false, with_weight = false;
  bool many = false;  // several inputs: tsv and jsonl name each document's file
  std::size_t top = 20;
  std::vector<std::string> allow_pos;
  cli::output_format format = cli::output_format::plain;
  std::optional<zhtext::keyword_extractor> kw;
  cli::script_choice script;

  // A document whose keyword list may be long (every keyword, or a long top list, of
  // a large text) is ranked when it is written, its keywords written as they come:
  // a list of every distinct word of a 50 MiB line was 3.2M keywords of 56 bytes.
  bool rank_when_written(std::string_view text) const {
    return (top == 0 || top > 4096) && text.size() > (std::size_t(1) << 20);
  }

  keyword_list extract(std::string_view original) const {
    thread_local zhtext::script_text text;
    return extract(script.prepare(original, text));
  }
  keyword_list extract(const zhtext::script_text& text) const {
    keyword_list out;
    const std::string_view original = text.original();
    const auto inside = [&](std::string_view w) {
      return std::less_equal<const char*>()(original.data(), w.data()) &&
             std::less_equal<const char*>()(w.data() + w.size(), original.data() + original.size());
    };
    for_each_keyword(text, [&](const zhtext::keyword& k) {
      if (inside(k.word)) out.push_back({k.word, {}, k.weight});
      else out.push_back({{}, std::string(k.word), k.weight});
    });
    return out;
  }
  // Calls add(const zhtext::keyword&) for the keywords of `text`, best first.
  template <class F>
  void for_each_keyword(std::string_view original, F&& add) const {
    thread_local zhtext::script_text text;
    for_each_keyword(script.prepare(original, text), add);
  }
  template <class F>
  void for_each_keyword(const zhtext::script_text& text, F&& add) const {
    if (textrank) {
      zhtext::textrank_options o;
      o.top = top;
      o.allow_pos = allow_pos;
      zhtext::for_each_textrank(*kw, text, add, o);
    } else {
      zhtext::tfidf_options o;
      o.top = top;
      o.allow_pos = allow_pos;
      zhtext::for_each_tfidf(*kw, text, add, o);
    }
  }
};

// Reads the options and loads the extractor; the exit code on failure.
int read_settings(const cli::args& a, settings& s) {
  if (!a.get_choice<bool>("method", {{"tfidf", false}, {"textrank", true}}, s.textrank) || !a.get_size("top", s.top))
    return cli::exit_usage;
  if (a.has("allow-pos")) {
    for (std::string& tag : cli::split_list(a.get("allow-pos")))
      if (!tag.empty()) s.allow_pos.push_back(std::move(tag));
  } else if (s.textrank) {
    s.allow_pos = {"ns", "n", "vn", "v"};
  }
  s.per_line = a.has("per-line");
  s.with_weight = a.has("with-weight");
  s.format = a.format();
  if (const int rc = cli::get_script(a, s.script); rc >= 0) return rc;
  s.many = cli::names_inputs(a);
  // A file starting with a UTF-8 BOM is read here without it (the library keeps it in
  // the first word, as jieba does); the others go through the library's loaders.
  bool idf_bom = false, stop_bom = false;
  for (const auto& [option, bom] : {std::pair<const char*, bool*>{"idf", &idf_bom}, {"stop-words", &stop_bom}})
    if (a.has(option))
      if (const int rc = cli::check_data_file(a, option, a.get(option), bom); rc != cli::exit_ok) return rc;
  zhtext::keyword_extractor_options ko;
  ko.idf_path = idf_bom ? std::string() : a.get("idf");
  ko.stop_words_path = stop_bom ? std::string() : a.get("stop-words");
  auto loaded = zhtext::keyword_extractor::load(ko);
  auto failed = [&](const zhtext::error& e) -> int {
    a.error(e.message);
    return e.code == zhtext::errc::parse_error ? cli::exit_check_failed : cli::exit_io;
  };
  if (!loaded) return failed(loaded.error());
  s.kw.emplace(std::move(*loaded));
  // Calls use(text without its BOM, path) on --OPTION's file; its exit code.
  auto without_bom = [&](const char* option, const auto& use) {
    const std::string path = a.get(option);
    auto file = zhtext::mapped_file::open(path);
    return file ? use(zhtext::without_utf8_bom(file->bytes()), path) : failed(file.error());
  };
  if (idf_bom) {
    const int rc = without_bom("idf", [&](std::string_view text, const std::string& path) {
      auto idf = zhtext::idf_table::parse(text, path);
      if (!idf) return failed(idf.error());
      s.kw->set_idf(std::make_shared<const zhtext::idf_table>(std::move(*idf)));
      return int(cli::exit_ok);
    });
    if (rc != cli::exit_ok) return rc;
  }
  if (stop_bom) {
    const int rc = without_bom("stop-words", [&](std::string_view text, const std::string& path) {
      zhtext::keyword_stop_words sw = zhtext::keyword_stop_words::jieba();
      if (auto r = sw.add_text(text, path); !r) return failed(r.error());
      s.kw->set_stop_words(std::make_shared<const zhtext::keyword_stop_words>(std::move(sw)));
      return int(cli::exit_ok);
    });
    if (rc != cli::exit_ok) return rc;
  }
  return cli::exit_ok;
}

// Writes the documents' keywords in order, numbering them, and keeps the first
// document's for the chart (when `chart`).
class keyword_writer {
 public:
  keyword_writer(const settings& s, bool chart) : s_(s), chart_wanted_(chart) {}

  void write(const keyword_list& kws, std::string_view source) {
    begin(source);
    for (const ranked_keyword& k : kws) put(k.word(), k.weight);
    end();
  }

  // A document written as its keywords come: begin, put each, best first, then end.
  void begin(std::string_view source) {
    doc_text_ = std::to_string(++doc_);
    rank_ = 0;
    source_ = source;
    charting_ = !charted_;
    if (!charted_) {
      charted_ = true;
      chart_source_ = source == "<stdin>" ? std::string("stdin") : std::string(source.substr(source.rfind('/') + 1));
    }
    if (s_.format == cli::output_format::jsonl) {
      out_ += "{\"doc\":" + doc_text_;
      if (s_.many) {
        out_ += ",\"file\":";
        cli::append_json_string(out_, source);
      }
      out_ += ",\"keywords\":[";
    }
  }
  void put(std::string_view word, double weight) {
    if (charting_ && chart_wanted_) chart_.emplace_back(std::string(word), weight);
    const std::size_t r = rank_++;
    if (s_.format == cli::output_format::tsv) {
      cli::record rec(out_, cli::output_format::tsv);
      if (s_.many) rec.str("file", source_);
      rec.raw("doc", doc_text_)
          .num("rank", r + 1)
          .field("word");
      put_word(out_, word, s_.format);
      rec.raw("weight", format_weight(weight)).end();
    } else if (s_.format == cli::output_format::jsonl) {
      out_ += r ? ",{\"word\":" : "{\"word\":";
      put_word(out_, word, s_.format);
      out_ += ",\"weight\":" + format_weight(weight) + '}';
    } else {
      if (r) out_ += "  ";
      put_word(out_, word, s_.format);
      if (s_.with_weight) out_ += ':' + format_weight(weight);
    }
    if (out_.size() >= (1 << 16)) {
      cli::out(out_);
      out_.clear();
    }
  }
  void end() {
    if (s_.format == cli::output_format::jsonl) out_ += "]}\n";
    else if (s_.format != cli::output_format::tsv) out_ += '\n';
    cli::out(out_);
    out_.clear();
  }

  // The bar chart of the first document's keywords.
  std::string chart() const {
    std::vector<cli::chart_bar> bars;
    for (const auto& [w, weight] : chart_) bars.push_back({w, weight});
    const std::string title = std::string(s_.textrank ? "TextRank" : "TF-IDF") + " keywords of " +
                              (charted_ ? chart_source_ : std::string("(no input)"));
    cli::svg_chart_options so;
    so.title = title;
    return cli::svg_bar_chart(bars, so);
  }

 private:
  const settings& s_;
  bool chart_wanted_;
  std::uint64_t doc_ = 0;
  std::string doc_text_;     // the document being written: its number,
  std::string_view source_;  // its file,
  std::size_t rank_ = 0;     // the keywords written of it
  bool charting_ = false;    // and whether it is the chart's
  std::string out_;
  bool charted_ = false;
  std::vector<std::pair<std::string, double>> chart_;
  std::string chart_source_;
};

int run_keywords(cli::args& a) {
  settings s;
  if (const int rc = cli::check_output_file(a, "svg", cli::svg_file); rc != cli::exit_ok) return rc;
  if (const int rc = read_settings(a, s); rc != cli::exit_ok) return rc;
  keyword_writer writer(s, a.has("svg"));
  std::string gathered;  // a multi-block file, whole-file mode
  auto whole_file = [](const cli::block& b) { return b.index == 0 && b.last; };
  // Ranks a document on this thread, writing its keywords as they come (no list).
  auto write_ranked = [&](std::string_view text, std::string_view file) {
    writer.begin(file);
    s.for_each_keyword(text, [&](const zhtext::keyword& k) { writer.put(k.word, k.weight); });
    writer.end();
  };
  const int rc = cli::run_blocks(
      a, s.per_line ? cli::whole_lines() : cli::cut_lines_where(cli::jieba_cut_after),  // gathered: any cut will do
      [&](const cli::block& b) {
        block_result r;
        if (s.per_line) {  // --script: the block's lines converted a batch at a time
          std::optional<zhtext::script_lines> lines = s.script.lines_of(b.text);
          cli::for_each_line(b, [&](const cli::text_line& l) {
            if (s.rank_when_written(l.text)) r.documents.push_back({{}, l.text, true});
            else r.documents.push_back({lines ? s.extract(lines->line(l.pos, l.pos + l.text.size())) : s.extract(l.text), {}, false});
          });
        } else if (whole_file(b)) {
          if (s.rank_when_written(b.text)) r.documents.push_back({{}, b.text, true});
          else r.documents.push_back({s.extract(b.text), {}, false});
        } else if (s.script.active()) {
          r.text.assign(b.text);
        } else {
          append_gathered(r.text, b.text, s.textrank ? textrank_gathered_run : 1);
        }
        return r;
      },
      [&](const cli::block& b, block_result&& r) {
        for (const block_result::document& d : r.documents) {
          if (d.later) write_ranked(d.text, b.file);
          else writer.write(d.keywords, b.file);
        }
        if (s.per_line || whole_file(b)) return;
        if (b.index == 0) {  // room for the whole file at once (no doubling: 50 MB of text peaked at 150)
          gathered.clear();
          struct stat st {};
          if (b.file != "<stdin>" && ::stat(std::string(b.file).c_str(), &st) == 0 && S_ISREG(st.st_mode))
            gathered.reserve(static_cast<std::size_t>(st.st_size));
        }
        gathered += r.text;
        if (b.last) {
          write_ranked(gathered, b.file);
          gathered.clear();
          gathered.shrink_to_fit();
        }
      });
  if (a.has("svg")) {
    if (const int wrc = cli::write_file(a, a.get("svg"), writer.chart()); wrc != cli::exit_ok) return wrc;
  }
  if (std::fflush(stdout) != 0) return cli::exit_io;
  return rc;
}

}  // namespace cli::keywords

const cli::command cli::keywords_command = {
    "keywords",
    "keywords of each file or line by TF-IDF or TextRank, exactly as jieba.analyse",
    "[options] [FILE|DIR...]",
    "Extracts the keywords of each input file (standard input is one document), or of\n"
    "each input line with --per-line, exactly as Python jieba.analyse 0.42.1 does:\n"
    "the same words, in the same order, with the same weights. Output per document:\n"
    "  plain (default)  the keywords joined by two spaces, one line per document;\n"
    "                   with --with-weight each as word:weight\n"
    "  --format tsv     rows doc<TAB>rank<TAB>word<TAB>weight\n"
    "  --format jsonl   {\"doc\":N,\"keywords\":[{\"word\":\"...\",\"weight\":W},...]}\n"
    "                   (--json is the same)\n"
    "With several inputs or a directory, tsv rows start with FILE<TAB> and jsonl\n"
    "objects have \"file\":F after \"doc\" (plain output has no room for it).\n"
    "doc is the 1-based number of the document in the run (the input file's number;\n"
    "with --per-line the line's number, counted over all inputs), rank is 1-based,\n"
    "weights are printed with 12 significant digits (%.12g). An empty document has\n"
    "an empty plain line, a jsonl line with no keywords, no tsv rows. --svg FILE\n"
    "writes a bar chart of the first document's keywords, titled with its source.\n"
    "--script traditional ranks OpenCC's t2s conversion of the text and writes each\n"
    "keyword in the spelling of its first occurrence in the original.",
    {
        "--method M                tfidf (default; jieba.analyse.extract_tags) or textrank (jieba.analyse.textrank)",
        "--top K                   keywords per document (default 20; 0 = all, as jieba's topK=None)",
        "--with-weight             plain format: write word:weight (weights are always in tsv and jsonl)",
        "--allow-pos LIST          comma-separated POS tags (allowPOS); default: all words for tfidf,\n"
        "                            ns,n,vn,v for textrank",
        "--per-line                one document per input line (default: one per input file)",
        "--idf PATH                IDF table in jieba's format (default: jieba's analyse/idf.txt)",
        "--stop-words PATH         stop-word file added to jieba's stop words (set_stop_words)",
        "--svg FILE                also write an SVG bar chart of the first document's keywords (a name ending\n"
        "                            in .svg; an existing file is replaced only if it is an SVG)",
        cli::script_option(),
    },
    cli::common_engine | cli::common_formats,
    keywords::run_keywords,
};
