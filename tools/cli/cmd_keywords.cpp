// zhtext keywords [options] [FILE|DIR...]: keywords of each input (or each input line)
// by TF-IDF or TextRank, exactly as Python jieba.analyse ranks them (see
// zhtext/keywords.hpp). Runs on the block engine: per line, every block is processed
// on a worker thread; per file, a file that fits one block (1 MiB) is processed on a
// worker thread, a larger one is gathered and processed when its last block arrives.
// Output is in input order and the same for every --threads.
#include <charconv>
#include <cstdio>
#include <fstream>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include <zhtext/keywords.hpp>
#include <zhtext/svg_chart.hpp>

#include "commands.hpp"

namespace {

const std::vector<cli::option> options = {
    {"method", "M", "tfidf (default; jieba.analyse.extract_tags) or textrank (jieba.analyse.textrank)"},
    {"top", "K", "keywords per document (default 20; 0 = all, as jieba's topK=None)"},
    {"with-weight", "", "plain format: write word:weight (weights are always in tsv and jsonl)"},
    {"allow-pos", "LIST", "comma-separated POS tags (allowPOS); default: all words for tfidf,\n"
                          "                            ns,n,vn,v for textrank"},
    {"per-line", "", "one document per input line (default: one per input file)"},
    {"idf", "PATH", "IDF table in jieba's format (default: jieba's analyse/idf.txt)"},
    {"stop-words", "PATH", "stop-word file added to jieba's stop words (set_stop_words)"},
    {"svg", "FILE", "also write an SVG bar chart of the first document's keywords"},
};

using keyword_list = std::vector<std::pair<std::string, double>>;

// What map gives consume for one block: the keywords of its documents, or (a part of
// a file larger than one block, whole-file mode) the text to gather.
struct block_result {
  std::vector<keyword_list> documents;
  std::string text;
};

std::string format_weight(double w) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.12g", w);
  return buf;
}

}  // namespace

int cmd_keywords(cli::args& a) {
  if (!a.parse(options, cli::common_engine | cli::common_formats)) return cli::exit_usage;
  if (a.has("help")) {
    a.print_help("[options] [FILE|DIR...]",
                 "Extracts the keywords of each input file (standard input is one document), or of\n"
                 "each input line with --per-line, exactly as Python jieba.analyse 0.42.1 does:\n"
                 "the same words, in the same order, with the same weights. Output per document:\n"
                 "  plain (default)  the keywords joined by two spaces, one line per document;\n"
                 "                   with --with-weight each as word:weight\n"
                 "  --format tsv     rows doc<TAB>rank<TAB>word<TAB>weight\n"
                 "  --format jsonl   {\"doc\":N,\"keywords\":[{\"word\":\"...\",\"weight\":W},...]}\n"
                 "doc is the 1-based number of the document in the run (the input file's number;\n"
                 "with --per-line the line's number, counted over all inputs), rank is 1-based,\n"
                 "weights are printed with 12 significant digits (%.12g). An empty document has\n"
                 "an empty plain line, a jsonl line with no keywords, no tsv rows. --svg FILE\n"
                 "writes a bar chart of the first document's keywords, titled with its source.",
                 options);
    return cli::exit_ok;
  }
  const std::string method = a.get("method", "tfidf");
  if (method != "tfidf" && method != "textrank") {
    a.error("--method must be tfidf or textrank, not '" + method + "'");
    return cli::exit_usage;
  }
  const bool textrank = method == "textrank";
  std::size_t top = 20;
  if (a.has("top")) {
    const std::string v = a.get("top");
    const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), top);
    if (ec != std::errc() || end != v.data() + v.size() || v.empty()) {
      a.error("--top needs a non-negative integer, not '" + v + "'");
      return cli::exit_usage;
    }
  }
  std::vector<std::string> allow_pos;
  if (a.has("allow-pos")) {
    const std::string list = a.get("allow-pos");
    std::size_t pos = 0;
    while (pos < list.size()) {
      std::size_t comma = list.find(',', pos);
      if (comma == std::string::npos) comma = list.size();
      if (comma > pos) allow_pos.push_back(list.substr(pos, comma - pos));
      pos = comma + 1;
    }
  } else if (textrank) {
    allow_pos = {"ns", "n", "vn", "v"};
  }
  const bool per_line = a.has("per-line");
  const bool with_weight = a.has("with-weight");
  const cli::output_format format = a.format();

  zhtext::keyword_extractor_options ko;
  ko.idf_path = a.get("idf");
  ko.stop_words_path = a.get("stop-words");
  auto loaded = zhtext::keyword_extractor::load(ko);
  if (!loaded) {
    a.error(loaded.error().message);
    return loaded.error().code == zhtext::errc::parse_error ? cli::exit_check_failed : cli::exit_io;
  }
  const zhtext::keyword_extractor& kw = *loaded;

  auto extract = [&](std::string_view text) {
    keyword_list out;
    auto add = [&](const zhtext::keyword& k) { out.emplace_back(std::string(k.word), k.weight); };
    if (textrank) {
      zhtext::textrank_options o;
      o.top = top;
      o.allow_pos = allow_pos;
      kw.for_each_textrank(text, add, o);
    } else {
      zhtext::tfidf_options o;
      o.top = top;
      o.allow_pos = allow_pos;
      kw.for_each_tfidf(text, add, o);
    }
    return out;
  };

  std::uint64_t doc = 0;
  bool charted = false;
  keyword_list chart;
  std::string chart_source;
  std::string gathered;  // a multi-block file, whole-file mode
  auto write = [&](const keyword_list& kws, std::string_view source) {
    ++doc;
    if (!charted) {
      charted = true;
      chart = kws;
      chart_source = source == "<stdin>" ? std::string("stdin") : std::string(source.substr(source.rfind('/') + 1));
    }
    std::string out;
    const std::string d = std::to_string(doc);
    if (format == cli::output_format::tsv) {
      for (std::size_t r = 0; r < kws.size(); ++r) {
        out += d + '\t' + std::to_string(r + 1) + '\t';
        cli::append_tsv_field(out, kws[r].first);
        out += '\t' + format_weight(kws[r].second) + '\n';
      }
    } else if (format == cli::output_format::jsonl) {
      out += "{\"doc\":" + d + ",\"keywords\":[";
      for (std::size_t r = 0; r < kws.size(); ++r) {
        out += r ? ",{\"word\":" : "{\"word\":";
        cli::append_json_string(out, kws[r].first);
        out += ",\"weight\":" + format_weight(kws[r].second) + '}';
      }
      out += "]}\n";
    } else {
      for (std::size_t r = 0; r < kws.size(); ++r) {
        if (r) out += "  ";
        out += kws[r].first;
        if (with_weight) out += ':' + format_weight(kws[r].second);
      }
      out += '\n';
    }
    cli::out(out);
  };

  cli::block_options bo;
  if (per_line) bo.max_block_size = std::numeric_limits<std::size_t>::max() / 4;  // never cut a line
  const int rc = cli::run_blocks(
      a, bo,
      [&](const cli::block& b) {
        block_result r;
        if (per_line) {
          std::size_t pos = 0;
          while (pos < b.text.size()) {
            std::size_t nl = b.text.find('\n', pos);
            if (nl == std::string_view::npos) nl = b.text.size();
            r.documents.push_back(extract(b.text.substr(pos, nl - pos)));
            pos = nl + 1;
          }
        } else if (b.index == 0 && b.last) {
          r.documents.push_back(extract(b.text));
        } else {
          r.text.assign(b.text);
        }
        return r;
      },
      [&](const cli::block& b, block_result&& r) {
        for (const keyword_list& k : r.documents) write(k, b.file);
        if (!per_line && !(b.index == 0 && b.last)) {
          if (b.index == 0) gathered.clear();
          gathered += r.text;
          if (b.last) {
            write(extract(gathered), b.file);
            gathered.clear();
            gathered.shrink_to_fit();
          }
        }
      });
  if (a.has("svg")) {
    std::vector<zhtext::chart_bar> bars;
    for (const auto& [w, weight] : chart) bars.push_back({w, weight});
    const std::string title = std::string(textrank ? "TextRank" : "TF-IDF") + " keywords of " +
                              (charted ? chart_source : std::string("(no input)"));
    zhtext::svg_chart_options so;
    so.title = title;
    const std::string path = a.get("svg");
    std::ofstream f(path, std::ios::binary);
    f << zhtext::svg_bar_chart(bars, so);
    f.close();
    if (!f) {
      a.error("cannot write '" + path + "'");
      return cli::exit_io;
    }
  }
  if (std::fflush(stdout) != 0) return cli::exit_io;
  return rc;
}
