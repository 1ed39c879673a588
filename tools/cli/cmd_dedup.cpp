// zhtext dedup [--threshold J] [--shingle K] [--per-line] [--clusters] [--index FILE]
// [--save-index FILE] [FILE|DIR...]: near-duplicate documents and reprints (issue 16;
// the definitions and the method are in zhtext/dedup.hpp).
//
// Documents: each input file (files in a directory are named DIR/name, as listed), or
// with --per-line each line, numbered from 1 over all inputs in order (a line left out
// by --on-invalid skip keeps its number: it is an empty document).
//
// Output (TSV; --format jsonl: the same fields as JSON objects):
//   A <TAB> B <TAB> S        one row per pair with exact Jaccard S >= J (4 decimals),
//                            A listed before B; rows in A's order, then B's
//   CLUSTER <TAB> DOC        with --clusters: the groups joined by those pairs (two
//                            documents or more), numbered from 1 in order of their
//                            first document, each group's documents in order
// With --index FILE, the documents of that index follow the inputs: rows pair an input
// document A with an indexed document B written `FILE:NAME` (FILE as given, NAME the
// name stored in the index: the file's name when it was indexed, or `FILE:LINE` for a
// line indexed with --per-line). --merge-index reads index files instead of text and
// prints the pairs among all their documents (by their stored names); with
// --save-index it writes the merged index: index shards separately, merge them, and
// the result is byte for byte the index of all their documents.
//
// How: the inputs run on the block engine; each block's documents are shingled and
// signed on a worker thread (zhtext::dedup_batch) and appended to one index in input
// order (a line longer than the engine's maximum, or a file read in several blocks,
// comes in pieces, whose shingle texts go into the index as they come); without
// --index and --save-index no index is made, only the runs of shared band keys
// (dedup_index_builder::build_candidates: ~100 bytes a line less); the pairs are then
// verified on --threads threads, chunk by chunk, and written in order, so the output
// is the same for every --threads. An input that cannot be read, or fails
// --on-invalid error, stops the command before any row is printed or any index is
// written.
#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <optional>
#include <string>
#include <sys/stat.h>
#include <thread>
#include <vector>

#include <zhtext/dedup.hpp>

#include "commands.hpp"
#include "lib/engine.hpp"
#include "lib/output.hpp"

namespace cli::dedup {

struct settings {
  zhtext::dedup_options opt;
  bool per_line = false, clusters = false, merge = false;
  bool threshold_given = false, shingle_given = false;
  std::string index_path, save_path;
  cli::output_format format = cli::output_format::tsv;
};

bool read_settings(const cli::args& a, settings& s) {
  if (!a.get_real("threshold", s.opt.threshold)) return false;
  if (!(s.opt.threshold > 0 && s.opt.threshold <= 1)) {
    a.error("--threshold must be a number in (0, 1], not '" + a.get("threshold") + "'");
    return false;
  }
  if (!a.get_size("shingle", s.opt.shingle_size, 1, zhtext::max_shingle_size)) return false;
  s.threshold_given = a.has("threshold");
  s.shingle_given = a.has("shingle");
  s.per_line = a.has("per-line");
  s.clusters = a.has("clusters");
  s.merge = a.has("merge-index");
  s.index_path = a.get("index");
  s.save_path = a.get("save-index");
  s.format = a.format() == cli::output_format::jsonl ? cli::output_format::jsonl : cli::output_format::tsv;
  if (a.has("index") && s.index_path.empty()) {
    a.error("--index needs a file name");
    return false;
  }
  if (a.has("save-index") && s.save_path.empty()) {
    a.error("--save-index needs a file name");
    return false;
  }
  if (s.merge && (a.has("index") || s.per_line)) {
    a.error("--merge-index reads index files: it takes neither --index nor --per-line");
    return false;
  }
  if (s.merge && a.positional().empty()) {
    a.error("--merge-index needs the index files to merge");
    return false;
  }
  return true;
}

// An existing, non-empty file at `path` that is not a dedup index is never replaced.
bool may_write_index(const cli::args& a, const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return true;  // a new file
  if (S_ISDIR(st.st_mode)) {
    a.error("--save-index '" + path + "' is a directory");
    return false;
  }
  if (S_ISREG(st.st_mode) && st.st_size == 0) return true;
  if (S_ISREG(st.st_mode) && zhtext::dedup_index::load_image(path)) return true;  // an index: replaced
  a.error("--save-index '" + path + "' exists and is not a dedup index: not overwritten");
  return false;
}

// One block's documents, prepared on a worker. A line longer than the engine's
// maximum block comes in pieces over several blocks (cut between characters); so does
// a file read in several blocks. Such pieces are views of the block, whose text lives
// until it is consumed: the calling thread adds them to the builder (add_piece), which
// keeps only their shingle text, so a flood of removed characters (NUL, spaces) takes
// no memory, and invalid UTF-8 (read as the block's bytes, block_options::
// repair_in_pieces; shingles read it as U+FFFD) is never held repaired beside them.
struct prepared {
  zhtext::dedup_batch batch;     // the documents that begin and end in this block
  std::uint64_t batch_first = 1; // --per-line: the file's line number of batch's first document
  std::string_view head, tail;   // of the block's text: the piece continuing an earlier
                                 // block's line (or file), and the last line's piece going on
  bool has_head = false, head_ends = false, has_tail = false;
  bool whole = false;            // the batch holds the whole file
};

// Indexes the inputs into `builder`; returns the engine's exit code.
int index_inputs(const cli::args& a, const settings& s, zhtext::dedup_index_builder& builder) {
  const zhtext::dedup_batch empty_batch = builder.batch();
  // Batches go back to a pool once added, cleared: their memory serves the next
  // blocks (fresh memory costs a page fault per 4 KiB).
  std::mutex pool_mutex;
  std::vector<zhtext::dedup_batch> pool;
  auto take_batch = [&]() -> zhtext::dedup_batch {
    const std::lock_guard<std::mutex> lock(pool_mutex);
    if (pool.empty()) return empty_batch;
    zhtext::dedup_batch b = std::move(pool.back());
    pool.pop_back();
    return b;
  };
  auto give_back = [&](zhtext::dedup_batch& b) {
    b.clear();
    const std::lock_guard<std::mutex> lock(pool_mutex);
    pool.push_back(std::move(b));
  };
  std::uint64_t next_line = 1;  // --per-line: the file's next line number to add
  // A line (or file) whose end is still to come is a document open in the builder:
  // its pieces' shingle texts go in as they arrive (add_piece), never held whole.
  // Lines longer than the engine's maximum are cut between two characters: the
  // shingle text of a piece never depends on the bytes of the next.
  cli::block_options bo = cli::cut_lines_where([](std::string_view bytes, std::size_t p) {
    char32_t c;
    return cli::repaired_char_before(bytes, p, c);
  });
  bo.repair_in_pieces = true;  // a text shingles as its repair_utf8 does
  std::uint64_t bytes = 0;  // the shingle texts take about the input's size
  for (const std::string& p : a.positional()) {
    struct stat st {};
    if (::stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode)) bytes += static_cast<std::uint64_t>(st.st_size);
  }
  builder.reserve(0, static_cast<std::size_t>(bytes));
  // More when the blocks so far shingle to more than their size (ill-formed bytes: 3
  // bytes of U+FFFD each): reserved early, growing the texts copies little, where
  // growing them by doubling late would hold the old and the new copy at once.
  std::uint64_t reserved = bytes, seen_source = 0;
  auto plan = [&](const cli::block& b) {  // after the block's texts were added
    seen_source += b.source_size;
    const std::uint64_t seen_text = builder.text_bytes();
    if (seen_text <= seen_source || seen_source >= bytes) return;
    const auto expected = static_cast<std::uint64_t>(static_cast<double>(seen_text) / static_cast<double>(seen_source) *
                                                     static_cast<double>(bytes) * 1.0625);
    if (expected <= reserved) return;
    builder.reserve(0, static_cast<std::size_t>(expected - seen_text));
    reserved = expected;
  };
  // Lines are named FILE:LINE in a saved index; rows name them by number, so without
  // --save-index they go unnamed (no name bytes to make and copy).
  const bool named = !s.save_path.empty();
  auto name_line = [named](std::string& name, std::string_view file, std::uint64_t line) -> std::string_view {
    if (!named) return {};
    name.assign(file);
    name += ':';
    name += std::to_string(line);
    return name;
  };
  // The calling thread, in input order: a block's documents and pieces into the builder.
  auto add_block = [&](const cli::block& b, prepared& p) {
    std::string name;
    if (!s.per_line) {
      if (p.whole) {
        builder.add(p.batch).value();
        give_back(p.batch);
        return;
      }
      builder.add_piece(p.head);
      if (b.last) builder.end_document(b.file);
      return;
    }
    if (b.index == 0) next_line = 1;
    auto fill_to = [&](std::uint64_t line) {  // empty documents for lines left out before `line`
      zhtext::dedup_batch gap = builder.batch();
      for (; next_line < line; ++next_line) gap.add({}, name_line(name, b.file, next_line));
      if (!gap.empty()) builder.add(gap).value();
    };
    if (p.has_head) {  // next_line is the number of the line it continues
      builder.add_piece(p.head);
      if (!p.head_ends) return;  // the whole block is a piece of that line
      builder.end_document(name_line(name, b.file, next_line));
      ++next_line;
    }
    fill_to(p.batch_first);
    builder.add(p.batch).value();
    next_line = p.batch_first + p.batch.size();
    give_back(p.batch);
    if (p.has_tail) builder.add_piece(p.tail);  // line next_line, to be continued
    if (b.last) {  // lines skipped at the end of the file still count
      const std::uint64_t after = b.line_of(b.text.size());
      const bool open_line = !b.text.empty() && b.text.back() != '\n';
      fill_to((open_line ? after : after - 1) + 1);
    }
  };
  return cli::run_blocks(
      a, bo,
      [&](const cli::block& b) {  // worker threads: reads only s and empty_batch, takes from the pool
        prepared p{take_batch(), b.first_line, {}, {}, false, false, false, false};
        if (!s.per_line) {
          if (b.index == 0 && b.last) {
            p.batch.add(b.text, b.file);
            p.whole = true;
          } else {
            p.has_head = true;
            p.head = b.text;
          }
          return p;
        }
        std::string name;
        std::uint64_t expected = b.first_line;
        cli::for_each_line(b, [&](const cli::text_line& l) {
          const bool continued = l.pos == 0 && b.continues, goes_on = !l.has_break && !b.last;
          if (continued) {  // the line began in an earlier block
            p.has_head = true;
            p.head_ends = !goes_on;
            p.head = l.text;
            p.batch_first = l.number + 1;
            expected = l.number + 1;
            return;
          }
          for (; expected < l.number; ++expected) p.batch.add({}, name_line(name, b.file, expected));  // left out by --on-invalid skip
          ++expected;
          if (goes_on) {
            p.has_tail = true;
            p.tail = l.text;
            return;
          }
          p.batch.add(l.text, name_line(name, b.file, l.number));
        });
        return p;
      },
      [&](const cli::block& b, prepared&& p) {
        add_block(b, p);
        plan(b);
      });
}

// The documents rows name: the inputs (0 .. inputs-1), then an --index's documents.
struct namer {
  const zhtext::dedup_candidates* inputs = nullptr;  // the pairs among the inputs
  const zhtext::dedup_index* indexed = nullptr;
  std::string index_label;  // "FILE:" for the documents of --index
  bool per_line = false;
  std::size_t input_docs() const { return inputs == nullptr ? 0 : inputs->documents(); }
  std::size_t total() const { return input_docs() + (indexed == nullptr ? 0 : indexed->size()); }

  // Appends document d as a field of `r`.
  void field(cli::record& r, std::string_view key, std::size_t d, std::string& scratch) const {
    if (d < input_docs()) {
      if (per_line) r.num(key, d + 1);
      else r.str(key, inputs->name(d));
      return;
    }
    scratch = index_label;
    scratch += indexed->name(d - input_docs());
    r.str(key, scratch);
  }
};

void append_similarity(std::string& out, double s) {
  char buf[32];
  const int n = std::snprintf(buf, sizeof buf, "%.4f", s);
  out.append(buf, static_cast<std::size_t>(n));
}

void write_pair(const namer& names, cli::output_format f, std::size_t a, std::size_t b, double sim, std::string& out,
                std::string& scratch) {
  cli::record r(out, f);
  names.field(r, "a", a, scratch);
  names.field(r, "b", b, scratch);
  std::string s;
  append_similarity(s, sim);
  r.raw("similarity", s).end();
}

// Runs work(begin, end, out, flush) over documents [0, docs) in chunks of `chunk`, on
// `threads` threads, and writes each chunk's output in chunk order. work appends to
// `out` and calls flush() when out has grown (flush waits until every earlier chunk is
// written, then writes out and clears it), so memory is bounded by the chunks in
// flight (at most 4 per thread), not by the pairs of a chunk: 4,000 near-identical
// lines gave 7 million pairs, held whole before (413 MB).
template <class Work>
void for_each_chunk(std::size_t docs, std::size_t chunk, unsigned threads, Work&& work) {
  const std::size_t chunks = (docs + chunk - 1) / chunk;
  const std::size_t window = threads <= 1 ? 1 : std::size_t(4) * threads;
  std::vector<std::string> outs(window);
  std::vector<char> done(window, 0);
  std::mutex m;
  std::condition_variable cv;
  std::size_t next = 0, turn = 0;  // the next chunk to claim; the chunk whose output is due
  auto run = [&] {
    for (;;) {
      std::size_t c;
      {
        std::unique_lock<std::mutex> lock(m);
        cv.wait(lock, [&] { return next >= chunks || next < turn + window; });
        if (next >= chunks) return;
        c = next++;
      }
      std::string& out = outs[c % window];
      auto flush = [&] {
        std::unique_lock<std::mutex> lock(m);
        cv.wait(lock, [&] { return turn == c; });  // the chunk before c is claimed and will end
        cli::out(out);
        out.clear();
      };
      work(c * chunk, std::min(docs, (c + 1) * chunk), out, flush);
      std::lock_guard<std::mutex> lock(m);
      done[c % window] = 1;
      for (; turn < chunks && done[turn % window]; ++turn) {  // the finished chunks that are due
        cli::out(outs[turn % window]);
        outs[turn % window].clear();
        done[turn % window] = 0;
      }
      cv.notify_all();
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads && t < chunks; ++t) pool.emplace_back(run);
  run();
  for (std::thread& t : pool) t.join();
}

// The pairs to report: the inputs' among themselves and, with --index, the inputs'
// against the indexed documents; candidates gathered once, verified chunk by chunk.
struct pair_source {
  const zhtext::dedup_candidates& own;
  const zhtext::dedup_candidates* cross;  // the inputs against --index's documents
  std::size_t base;  // the number of the first indexed document in rows
  pair_source(const namer& n, const zhtext::dedup_candidates* cross_pairs)
      : own(*n.inputs), cross(cross_pairs), base(n.input_docs()) {}

  // emit(a, b, similarity) for the pairs whose first document is in [a_begin, a_end),
  // in order: for each A, the inputs first, then the indexed documents. Nothing is
  // collected: with an index, one document A at a time.
  template <class Emit>
  void for_each(std::size_t a_begin, std::size_t a_end, Emit&& emit) const {
    auto mine = [&](const zhtext::dedup_pair& p) { emit(p.first, p.second, p.similarity); };
    if (!cross) {
      own.for_each_pair(mine, {a_begin, a_end});
      return;
    }
    auto theirs = [&](const zhtext::dedup_pair& p) { emit(p.first, base + p.second, p.similarity); };
    for (std::size_t a = a_begin; a < a_end; ++a) {
      own.for_each_pair(mine, {a, a + 1});
      cross->for_each_pair(theirs, {a, a + 1});
    }
  }
};

// Replaces `pairs` by as few as join the same groups of documents (a chain per group):
// --clusters needs only who is joined with whom, not every pair.
void keep_groups(std::vector<zhtext::dedup_pair>& pairs, std::size_t docs) {
  const auto groups = zhtext::dedup_clusters(pairs, docs);
  pairs.clear();
  for (const auto& g : groups)
    for (std::size_t i = 1; i < g.size(); ++i) pairs.push_back({g[0], g[i], 0, 0, 0});
}

int report(const cli::args& a, const settings& s, const namer& names, const zhtext::dedup_candidates* cross = nullptr) {
  const std::size_t docs = names.input_docs();
  const std::size_t chunk = s.per_line ? 8192 : 512;
  const unsigned threads = std::max(1u, a.threads());
  constexpr std::size_t flush_bytes = std::size_t(1) << 20;
  const pair_source source(names, cross);
  if (!s.clusters) {
    for_each_chunk(docs, chunk, threads, [&](std::size_t begin, std::size_t end, std::string& out, auto&& flush) {
      std::string scratch;
      source.for_each(begin, end, [&](std::size_t x, std::size_t y, double sim) {
        write_pair(names, s.format, x, y, sim, out, scratch);
        if (out.size() >= flush_bytes) flush();
      });
    });
  } else {
    std::vector<std::vector<zhtext::dedup_pair>> parts((docs + chunk - 1) / chunk);
    const std::size_t total = names.total();
    for_each_chunk(docs, chunk, threads, [&](std::size_t begin, std::size_t end, std::string&, auto&&) {
      auto& v = parts[begin / chunk];
      std::size_t limit = std::size_t(1) << 16;
      source.for_each(begin, end, [&](std::size_t x, std::size_t y, double sim) {
        v.push_back({static_cast<std::uint32_t>(x), static_cast<std::uint32_t>(y), sim, 0, 0});
        if (v.size() >= limit) {
          keep_groups(v, total);
          limit = std::max(limit, 2 * v.size());
        }
      });
    });
    std::vector<zhtext::dedup_pair> pairs;
    for (auto& v : parts) {
      pairs.insert(pairs.end(), v.begin(), v.end());
      std::vector<zhtext::dedup_pair>().swap(v);
    }
    const auto groups = zhtext::dedup_clusters(pairs, total);
    std::string out, scratch;
    for (std::size_t g = 0; g < groups.size(); ++g) {
      for (const std::uint32_t d : groups[g]) {
        cli::record r(out, s.format);
        r.num("cluster", g + 1);
        names.field(r, "doc", d, scratch);
        r.end();
      }
      if (out.size() > (1u << 20)) {
        cli::out(out);
        out.clear();
      }
    }
    cli::out(out);
  }
  return std::fflush(stdout) == 0 ? cli::exit_ok : cli::exit_io;
}

int save_index(const cli::args& a, const settings& s, const zhtext::dedup_index& index) {
  if (s.save_path.empty()) return cli::exit_ok;
  if (!may_write_index(a, s.save_path)) return cli::exit_usage;
  if (auto r = index.save_image(s.save_path); !r) {
    a.error(r.error().message);
    return cli::exit_io;
  }
  return cli::exit_ok;
}

// --merge-index: the index files given, merged in order.
int run_merge_index(const cli::args& a, const settings& s) {
  std::vector<zhtext::dedup_index> parts;
  for (const std::string& path : a.positional()) {
    auto idx = zhtext::dedup_index::load_image(path);
    if (!idx) {
      a.error("cannot use index '" + path + "': " + idx.error().message);
      return cli::exit_check_failed;
    }
    parts.push_back(std::move(*idx));
  }
  std::vector<const zhtext::dedup_index*> ptrs;
  for (const auto& p : parts) ptrs.push_back(&p);
  auto merged = zhtext::dedup_index::merge(ptrs);
  if (!merged) {
    a.error(merged.error().message + " (shards must be indexed with the same --threshold and --shingle)");
    return cli::exit_usage;
  }
  const zhtext::dedup_candidates pairs = merged->candidates();
  if (const int rc = report(a, s, namer{&pairs, nullptr, {}, false}); rc != cli::exit_ok) return rc;
  return save_index(a, s, *merged);
}

int run_dedup(cli::args& a) {
  settings s;
  if (!read_settings(a, s)) return cli::exit_usage;
  if (!s.save_path.empty() && !may_write_index(a, s.save_path)) return cli::exit_usage;
  if (s.merge) return run_merge_index(a, s);
  std::optional<zhtext::dedup_index> old;
  if (!s.index_path.empty()) {
    auto idx = zhtext::dedup_index::load_image(s.index_path);
    if (!idx) {
      a.error("cannot use --index '" + s.index_path + "': " + idx.error().message);
      return cli::exit_check_failed;
    }
    const zhtext::dedup_options& o = idx->options();
    if ((s.threshold_given && s.opt.threshold != o.threshold) || (s.shingle_given && s.opt.shingle_size != o.shingle_size)) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%g", o.threshold);
      a.error("--index '" + s.index_path + "' was built with --threshold " + buf + " --shingle " +
              std::to_string(o.shingle_size) + ": give the same values, or none");
      return cli::exit_usage;
    }
    s.opt = o;
    old = std::move(*idx);
  }
  auto builder = zhtext::dedup_index_builder::create(s.opt);
  if (!builder) {
    a.error(builder.error().message);
    return cli::exit_usage;
  }
  if (const int rc = index_inputs(a, s, *builder); rc != cli::exit_ok) return rc;
  if (!old && s.save_path.empty()) {  // the pairs are all that is wanted: no index, only its runs
    auto pairs = builder->build_candidates();
    if (!pairs) {
      a.error(pairs.error().message);
      return cli::exit_io;
    }
    return report(a, s, namer{&*pairs, nullptr, {}, s.per_line});
  }
  auto index = builder->build();
  if (!index) {
    a.error(index.error().message);
    return cli::exit_io;
  }
  const zhtext::dedup_candidates pairs = index->candidates();
  std::optional<zhtext::dedup_candidates> cross;
  if (old)  // the options agree: the inputs' index was built with the index's
    cross.emplace(old->candidates_with(*index).value());
  namer names{&pairs, old ? &*old : nullptr, s.index_path + ":", s.per_line};
  if (const int rc = report(a, s, names, cross ? &*cross : nullptr); rc != cli::exit_ok) return rc;
  return save_index(a, s, *index);
}

}  // namespace cli::dedup

const cli::command cli::dedup_command = {
    "dedup",
    "near-duplicate documents and reprints (exact Jaccard of shingles, MinHash/LSH)",
    "[--threshold J] [--shingle K] [--per-line] [--clusters] [--index FILE] [--save-index FILE] [FILE|DIR...]",
    "Finds every pair of documents (input files, or lines with --per-line) whose\n"
    "shingle sets have a Jaccard similarity of at least J: shingles are K code points\n"
    "of the text with full-width ASCII folded and punctuation, spaces and controls\n"
    "(P*, Z*, C*) removed. Candidates come from MinHash/LSH, every printed similarity\n"
    "is exact. One row per pair, A listed before B, in A's order, then B's:\n"
    "  A<TAB>B<TAB>S    (S with 4 decimals; with --per-line, line numbers over all inputs)\n"
    "--clusters prints CLUSTER<TAB>DOC rows instead (groups joined by the pairs,\n"
    "numbered from 1 in order of their first document). --index FILE also pairs the\n"
    "inputs with the documents of a saved index, written FILE:NAME (NAME: the file\n"
    "name, or FILE:LINE with --per-line, stored when it was indexed). --merge-index\n"
    "takes index files instead of text, prints the pairs among all their documents\n"
    "and, with --save-index, writes them merged into one index (map/reduce: index\n"
    "shards apart, merge). --save-index never replaces a file that is not an index.",
    {
        "--threshold J             report pairs with similarity >= J (default 0.8), 0 < J <= 1",
        "--shingle K               shingle size in code points (default 5, 1..32)",
        "--per-line                each line is a document (rows name line numbers)",
        "--clusters                print CLUSTER<TAB>DOC rows instead of pairs",
        "--index FILE              also pair the inputs with the documents of this saved index",
        "--save-index FILE         write the inputs' index (checksummed image) to FILE",
        "--merge-index             the inputs are index files: merge them (pairs; --save-index)",
    },
    cli::common_engine | cli::common_formats,
    dedup::run_dedup,
};
