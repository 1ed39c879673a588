// dedup_bench.cpp - near-duplicate detection (dedup.hpp) on text generated from the
// news corpus: signatures, index build, pairs and queries in documents/s and MB/s; the
// per-line job `zhtext dedup --per-line` will run; and one million ~1 KB documents
// with time, peak RSS and the all-pairs reference's estimated time.
//
// The documents are generated from the corpus (never stored): sentences of the corpus
// with about a fifth of their Han characters replaced by others drawn from the
// corpus's character frequencies (so that unrelated documents share few shingles, as
// unrelated news does), and reprints of earlier documents with known edits: a dropped,
// added or swapped sentence, a changed byline, digits in the other width, replaced
// characters.
//
//   dedup_bench speed [DOCS]            (default 20000 documents of ~1 KB)
//   dedup_bench write-lines FILE [N]    writes N (default 300000) generated news lines
//   dedup_bench per-line FILE [THREADS] what `zhtext dedup --per-line FILE` computes: the
//                                       lines indexed, the pairs verified and printed
//   dedup_bench million [N]             N (default 1000000) documents of ~1 KB
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <zhtext/chars.hpp>
#include <zhtext/dedup.hpp>
#include <zhtext/utf8.hpp>

#include "../tests/dedup_reference.hpp"  // the edits and the all-pairs reference of the tests
#include "bench_support.hpp"

namespace {

using clock_type = std::chrono::steady_clock;
double since(clock_type::time_point t0) { return std::chrono::duration<double>(clock_type::now() - t0).count(); }

// CPU time of the process (user + system): steadier than wall time on a busy machine.
double cpu_seconds() {
  struct rusage ru {};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
         static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

double peak_rss_mb() {
  struct rusage ru {};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_maxrss) / 1024.0;  // KB on Linux
}

// The corpus as material: its sentences and its Han characters by frequency.
struct corpus_model {
  std::vector<std::string> sentences;
  std::vector<char32_t> han;  // one entry per occurrence: sampling follows frequency

  static corpus_model load() {
    corpus_model m;
    const std::string text = bench::corpus_text();
    std::string cur;
    for (const zhtext::code_point cp : zhtext::code_points(text)) {
      if (cp.value == '\n' || cp.value == '\r') {
        if (cur.size() > 6) m.sentences.push_back(cur);
        cur.clear();
        continue;
      }
      zhtext::append_utf8(cur, cp.value);
      if (zhtext::is_han(cp.value)) m.han.push_back(cp.value);
      if (cp.value == U'。' || cp.value == U'！' || cp.value == U'？') {
        if (cur.size() > 6) m.sentences.push_back(cur);
        cur.clear();
      }
    }
    return m;
  }
};

class generator {
 public:
  generator(const corpus_model& m, std::uint64_t seed) : m_(m), rng_(seed) {}

  // A corpus sentence with ~20% of its Han characters replaced.
  std::string sentence() {
    const std::string& s = m_.sentences[pick(m_.sentences.size())];
    return replace_han(s, 0.2);
  }
  std::vector<std::string> document(std::size_t min_bytes) {
    std::vector<std::string> doc;
    std::size_t bytes = 0;
    while (bytes < min_bytes) {
      doc.push_back(sentence());
      bytes += doc.back().size();
    }
    return doc;
  }
  // A reprint: one to three of the tests' edits (dedup_reference.hpp) of a document.
  std::vector<std::string> reprint(std::vector<std::string> doc) {
    const std::size_t edits = 1 + pick(3);
    std::vector<std::string> spare{sentence(), sentence()};
    for (std::size_t e = 0; e < edits && !doc.empty(); ++e) edits_.edit(doc, static_cast<int>(pick(7)), spare);
    return doc;
  }
  static std::string join(const std::vector<std::string>& doc) {
    std::string out;
    for (const auto& s : doc) out += s;
    return out;
  }
  std::size_t pick(std::size_t n) { return static_cast<std::size_t>(rng_() % n); }

 private:
  std::string replace_han(const std::string& s, double rate) {
    std::string out;
    std::uniform_real_distribution<double> u(0, 1);
    for (const zhtext::code_point cp : zhtext::code_points(s)) {
      if (zhtext::is_han(cp.value) && u(rng_) < rate) zhtext::append_utf8(out, m_.han[pick(m_.han.size())]);
      else zhtext::append_utf8(out, cp.value);
    }
    return out;
  }
  const corpus_model& m_;
  std::mt19937_64 rng_;
  zhtext_test::edit_generator edits_{rng_()};
};

// n documents of ~bytes each; a third of them reprints of an earlier one.
std::vector<std::string> make_documents(const corpus_model& m, std::size_t n, std::size_t bytes, std::uint64_t seed) {
  generator g(m, seed);
  std::vector<std::vector<std::string>> bases;
  std::vector<std::string> out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (!bases.empty() && g.pick(3) == 0) {
      out.push_back(generator::join(g.reprint(bases[g.pick(bases.size())])));
    } else {
      bases.push_back(g.document(bytes));
      out.push_back(generator::join(bases.back()));
    }
  }
  return out;
}

std::size_t total_bytes(const std::vector<std::string>& docs) {
  std::size_t b = 0;
  for (const auto& d : docs) b += d.size();
  return b;
}

int run_speed(std::size_t n) {
  const corpus_model m = corpus_model::load();
  if (m.sentences.empty()) {
    std::fprintf(stderr, "dedup_bench: the news corpus was not found at %s\n", bench::corpus_dir().c_str());
    return 77;
  }
  std::vector<std::string> docs = make_documents(m, n + n / 10, 1000, 1);
  const std::vector<std::string> queries(docs.end() - static_cast<std::ptrdiff_t>(n / 10), docs.end());  // new articles,
  docs.resize(n);  // some of them reprints of indexed ones
  const double mb = static_cast<double>(total_bytes(docs)) / 1e6;
  std::printf("dedup_bench speed: %zu documents, %.1f MB (generated from the corpus), K=5, 128 hashes, J=0.8\n", n, mb);
  std::printf("(busy shared machine: CPU time, best of 3 rounds, the steps interleaved round by round)\n\n");
  const zhtext::minhash_signer signer;
  std::vector<std::uint64_t> sig;
  double best_shingle = 1e300, best_sign = 1e300, best_add = 1e300, best_build = 1e300, best_pairs = 1e300,
         best_query = 1e300, best_bulk = 1e300;
  std::size_t pairs = 0, matches = 0, bulk_pairs = 0;
  for (int round = 0; round < 3; ++round) {
    double t0 = cpu_seconds();
    std::uint64_t x = 0;
    for (const auto& d : docs) zhtext::for_each_shingle(d, [&](const zhtext::shingle& s) { x ^= s.hash; });
    bench::keep(x);
    best_shingle = std::min(best_shingle, cpu_seconds() - t0);
    t0 = cpu_seconds();
    for (const auto& d : docs) signer.sign(d, sig);
    bench::keep(sig);
    best_sign = std::min(best_sign, cpu_seconds() - t0);
    t0 = cpu_seconds();
    auto b = zhtext::dedup_index_builder::create().value();
    for (const auto& d : docs) b.add(d);
    best_add = std::min(best_add, cpu_seconds() - t0);
    t0 = cpu_seconds();
    const zhtext::dedup_index index = b.build().value();
    best_build = std::min(best_build, cpu_seconds() - t0);
    t0 = cpu_seconds();
    pairs = index.pairs().size();
    best_pairs = std::min(best_pairs, cpu_seconds() - t0);
    t0 = cpu_seconds();
    matches = 0;
    for (const auto& q : queries) matches += index.query(q).size();
    best_query = std::min(best_query, cpu_seconds() - t0);
    auto qb = zhtext::dedup_index_builder::create().value();
    for (const auto& q : queries) qb.add(q);
    const zhtext::dedup_index qi = qb.build().value();
    t0 = cpu_seconds();
    bulk_pairs = index.query(qi)->size();
    best_bulk = std::min(best_bulk, cpu_seconds() - t0);
  }
  auto row = [&](const char* what, double s, std::size_t count, double mbytes) {
    std::printf("%-44s %9.3f s %12.0f docs/s %9.1f MB/s\n", what, s, static_cast<double>(count) / s, mbytes / s);
  };
  const double qmb = static_cast<double>(total_bytes(queries)) / 1e6;
  row("shingles (for_each_shingle)", best_shingle, n, mb);
  row("MinHash signatures (minhash_signer::sign)", best_sign, n, mb);
  row("index: add (signature + band keys + text)", best_add, n, mb);
  row("index: build (sort the bands)", best_build, n, mb);
  row("index: pairs (candidates + exact verification)", best_pairs, n, mb);
  row("query: one text at a time (query(text))", best_query, queries.size(), qmb);
  row("query: new index against it (query(index))", best_bulk, queries.size(), qmb);
  std::printf("\npairs >= 0.8 in the index: %zu; matches of the queries: %zu (bulk: %zu)\n", pairs, matches, bulk_pairs);
  return matches == bulk_pairs ? 0 : 1;
}

int write_lines(const char* path, std::size_t n) {
  const corpus_model m = corpus_model::load();
  if (m.sentences.empty()) {
    std::fprintf(stderr, "dedup_bench: the news corpus was not found at %s\n", bench::corpus_dir().c_str());
    return 77;
  }
  generator g(m, 3);
  std::vector<std::vector<std::string>> recent;
  std::FILE* f = std::fopen(path, "wb");
  if (f == nullptr) {
    std::perror(path);
    return 1;
  }
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<std::string> line;
    if (!recent.empty() && g.pick(4) == 0) {
      line = g.reprint(recent[g.pick(recent.size())]);
    } else {
      line = g.document(20 + g.pick(140));
      if (recent.size() < 5000) recent.push_back(line);
      else recent[g.pick(recent.size())] = line;
    }
    const std::string s = generator::join(line) + "\n";
    std::fwrite(s.data(), 1, s.size(), f);
  }
  return std::fclose(f) == 0 ? 0 : 1;
}

// What `zhtext dedup --per-line FILE` computes: read, index every line, verify the
// pairs, format A<TAB>B<TAB>S rows. With threads > 1 as the program would do it: the
// lines cut into one shard per thread, indexed in parallel and merged, the pairs
// verified by ranges of first documents in parallel and the rows concatenated.
int per_line(const char* path, std::size_t threads) {
  const auto t0 = clock_type::now();
  const double c0 = cpu_seconds();
  auto file = zhtext::detail::mapped_file::open(path);
  if (!file) {
    std::fprintf(stderr, "%s\n", file.error().message.c_str());
    return 1;
  }
  const std::string_view text = file->bytes();
  const std::vector<std::string_view> lines = bench::lines_of(text);
  threads = std::max<std::size_t>(1, std::min(threads, lines.size()));
  std::vector<zhtext::dedup_index> shards(threads);
  {
    std::vector<std::thread> pool;
    for (std::size_t t = 0; t < threads; ++t)
      pool.emplace_back([&, t] {
        const std::size_t from = lines.size() * t / threads, to = lines.size() * (t + 1) / threads;
        auto b = zhtext::dedup_index_builder::create().value();
        b.reserve(to - from, static_cast<std::size_t>(lines[to - 1].end() - lines[from].begin()));
        for (std::size_t i = from; i < to; ++i) b.add(lines[i]);
        shards[t] = b.build().value();
      });
    for (auto& th : pool) th.join();
  }
  const auto t1 = clock_type::now();
  std::vector<const zhtext::dedup_index*> parts;
  for (const auto& s : shards) parts.push_back(&s);
  const zhtext::dedup_index index = threads == 1 ? shards[0] : zhtext::dedup_index::merge(parts).value();
  const auto t2 = clock_type::now();
  std::vector<std::string> out(threads);
  std::vector<std::size_t> pairs(threads);
  {
    std::vector<std::thread> pool;
    for (std::size_t t = 0; t < threads; ++t)
      pool.emplace_back([&, t] {
        char row[64];
        const std::size_t from = index.size() * t / threads, to = index.size() * (t + 1) / threads;
        index.for_each_pair(
            [&](const zhtext::dedup_pair& p) {
              const int len = std::snprintf(row, sizeof row, "%u\t%u\t%.4f\n", p.first + 1, p.second + 1, p.similarity);
              out[t].append(row, static_cast<std::size_t>(len));
              ++pairs[t];
            },
            {from, to});
      });
    for (auto& th : pool) th.join();
  }
  const auto t3 = clock_type::now();
  std::size_t total = 0;
  for (const auto& n : pairs) total += n;
  auto secs = [](clock_type::time_point a, clock_type::time_point b) { return std::chrono::duration<double>(b - a).count(); };
  std::fprintf(stderr,
               "per-line, %zu thread(s): %zu lines, %.1f MB: wall s: read+add+build %.3f, merge %.3f, pairs %.3f "
               "(%zu pairs); wall %.3f s, CPU %.3f s, peak RSS %.0f MB\n",
               threads, index.size(), static_cast<double>(text.size()) / 1e6, secs(t0, t1), secs(t1, t2), secs(t2, t3), total,
               since(t0), cpu_seconds() - c0, peak_rss_mb());
  for (const auto& o : out) std::fwrite(o.data(), 1, o.size(), stdout);
  return 0;
}

// The all-pairs reference of the tests (sorted shingle-string sets, one
// set_intersection per pair) on n documents: its CPU time per pair on all pairs of
// `sample`, times n(n-1)/2, plus the sets' making. Returns seconds of CPU.
double reference_estimate(const std::vector<std::string>& sample, std::size_t n, std::size_t& sampled, double& per_pair) {
  std::vector<std::vector<std::u32string>> sets;
  double c0 = cpu_seconds();
  for (const auto& s : sample) sets.push_back(zhtext_test::reference_set(s, 5));
  const double set_s = (cpu_seconds() - c0) / static_cast<double>(sample.size());
  c0 = cpu_seconds();
  double sink = 0;
  sampled = 0;
  for (std::size_t i = 0; i < sets.size(); ++i)
    for (std::size_t j = i + 1; j < sets.size(); ++j, ++sampled)
      sink += zhtext_test::reference_jaccard(sets[i], sets[j]).similarity();
  bench::keep(sink);
  per_pair = (cpu_seconds() - c0) / static_cast<double>(sampled);
  const double all_pairs = static_cast<double>(n) * static_cast<double>(n - 1) / 2;
  return all_pairs * per_pair + static_cast<double>(n) * set_s;
}

// n documents of ~1 KB, one per line, as `million` makes them (a third reprints of
// recent ones), for `zhtext dedup --per-line`; prints the all-pairs reference's
// estimated time on them.
int write_docs(const char* path, std::size_t n) {
  const corpus_model m = corpus_model::load();
  if (m.sentences.empty()) {
    std::fprintf(stderr, "dedup_bench: the news corpus was not found at %s\n", bench::corpus_dir().c_str());
    return 77;
  }
  generator g(m, 4);
  std::vector<std::vector<std::string>> recent;
  std::vector<std::string> sample;
  std::FILE* f = std::fopen(path, "wb");
  if (f == nullptr) {
    std::perror(path);
    return 1;
  }
  std::size_t bytes = 0;
  for (std::size_t i = 0; i < n; ++i) {
    std::string doc;
    if (!recent.empty() && g.pick(3) == 0) {
      doc = generator::join(g.reprint(recent[g.pick(recent.size())]));
    } else {
      std::vector<std::string> d = g.document(1000);
      doc = generator::join(d);
      if (recent.size() < 2000) recent.push_back(std::move(d));
      else recent[g.pick(recent.size())] = std::move(d);
    }
    if (sample.size() < 400) sample.push_back(doc);
    bytes += doc.size() + 1;
    doc += '\n';
    std::fwrite(doc.data(), 1, doc.size(), f);
  }
  if (std::fclose(f) != 0) return 1;
  std::size_t sampled = 0;
  double per_pair = 0;
  const double reference_s = reference_estimate(sample, n, sampled, per_pair);
  std::printf("%zu documents, %.0f MB; all-pairs reference (%zu sampled pairs: %.2f us/pair of CPU): estimated %.3g s of CPU = %.1f days\n",
              n, static_cast<double>(bytes) / 1e6, sampled, per_pair * 1e6, reference_s, reference_s / 86400);
  return 0;
}

int million(std::size_t n) {
  const corpus_model m = corpus_model::load();
  if (m.sentences.empty()) {
    std::fprintf(stderr, "dedup_bench: the news corpus was not found at %s\n", bench::corpus_dir().c_str());
    return 77;
  }
  std::printf("dedup_bench million: %zu documents of ~1 KB generated from the corpus, a third reprints\n", n);
  generator g(m, 4);
  std::vector<std::vector<std::string>> recent;  // the documents reprints copy (bounded)
  std::vector<std::pair<std::uint32_t, std::uint32_t>> planted;  // (original, reprint)
  std::vector<std::uint32_t> recent_id;
  auto b = zhtext::dedup_index_builder::create().value();
  b.reserve(n, n * 1100);  // about what the generator makes
  double add_s = 0, add_cpu = 0;
  std::size_t bytes = 0;
  std::vector<std::string> batch;
  std::vector<std::string> sample_texts;  // a sample for the reference's time per pair
  const auto wall0 = clock_type::now();
  for (std::size_t done = 0; done < n;) {
    batch.clear();
    for (std::size_t i = 0; i < 10000 && done + batch.size() < n; ++i) {
      const std::uint32_t id = static_cast<std::uint32_t>(done + batch.size());
      if (!recent.empty() && g.pick(3) == 0) {
        const std::size_t r = g.pick(recent.size());
        batch.push_back(generator::join(g.reprint(recent[r])));
        planted.emplace_back(recent_id[r], id);
      } else {
        std::vector<std::string> d = g.document(1000);
        batch.push_back(generator::join(d));
        if (recent.size() < 2000) {
          recent.push_back(std::move(d));
          recent_id.push_back(id);
        } else {
          const std::size_t r = g.pick(recent.size());
          recent[r] = std::move(d);
          recent_id[r] = id;
        }
      }
      if (sample_texts.size() < 400) sample_texts.push_back(batch.back());
    }
    const auto t0 = clock_type::now();
    const double c0 = cpu_seconds();
    for (const auto& d : batch) b.add(d);
    add_s += since(t0);
    add_cpu += cpu_seconds() - c0;
    for (const auto& d : batch) bytes += d.size();
    done += batch.size();
  }
  const double gen_and_add = since(wall0);
  auto t0 = clock_type::now();
  double c0 = cpu_seconds();
  const zhtext::dedup_index index = b.build().value();
  const double build_s = since(t0), build_cpu = cpu_seconds() - c0;
  t0 = clock_type::now();
  c0 = cpu_seconds();
  std::vector<zhtext::dedup_pair> pairs = index.pairs();
  const double pairs_s = since(t0), pairs_cpu = cpu_seconds() - c0;
  const double rss = peak_rss_mb();

  // Recall on the planted reprints whose exact similarity is >= 0.8.
  std::set<std::pair<std::uint32_t, std::uint32_t>> found;
  for (const auto& p : pairs) found.emplace(p.first, p.second);
  std::size_t planted_high = 0, planted_found = 0;
  for (const auto& [a, r] : planted) {
    if (zhtext::shingle_similarity(index.shingle_text(a), index.shingle_text(r)) < 0.8) continue;
    ++planted_high;
    planted_found += found.count({a, r});
  }
  std::size_t sampled = 0;
  double per_pair = 0;
  const double all_pairs = static_cast<double>(n) * static_cast<double>(n - 1) / 2;
  const double reference_s = reference_estimate(sample_texts, n, sampled, per_pair);

  std::printf("text: %.0f MB; generate + add %.1f s wall (add alone %.1f s wall, %.1f s CPU: %.0f docs/s, %.1f MB/s of CPU)\n",
              static_cast<double>(bytes) / 1e6, gen_and_add, add_s, add_cpu, static_cast<double>(n) / add_cpu,
              static_cast<double>(bytes) / 1e6 / add_cpu);
  std::printf("build %.1f s wall, %.1f s CPU; pairs %.1f s wall, %.1f s CPU: %zu pairs >= 0.8\n", build_s, build_cpu,
              pairs_s, pairs_cpu, pairs.size());
  std::printf("zhtext total (add + build + pairs): %.1f s wall, %.1f s CPU; peak RSS %.0f MB (index image %.0f MB)\n",
              add_s + build_s + pairs_s, add_cpu + build_cpu + pairs_cpu, rss,
              static_cast<double>(index.to_image().size()) / 1e6);
  std::printf("planted reprints with similarity >= 0.8: %zu, found %zu (recall %.4f)\n", planted_high, planted_found,
              planted_high == 0 ? 1.0 : static_cast<double>(planted_found) / static_cast<double>(planted_high));
  std::printf("all-pairs reference (the tests' sorted shingle sets, %zu sampled pairs: %.2f us/pair of CPU): %.3g pairs, "
              "estimated %.3g s of CPU = %.1f days\n",
              sampled, per_pair * 1e6, all_pairs, reference_s, reference_s / 86400);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc > 1 ? argv[1] : "speed";
  if (mode == "speed") return run_speed(argc > 2 ? std::stoul(argv[2]) : 20000);
  if (mode == "write-lines" && argc > 2) return write_lines(argv[2], argc > 3 ? std::stoul(argv[3]) : 300000);
  if (mode == "per-line" && argc > 2) return per_line(argv[2], argc > 3 ? std::stoul(argv[3]) : 1);
  if (mode == "million") return million(argc > 2 ? std::stoul(argv[2]) : 1000000);
  if (mode == "write-docs" && argc > 2) return write_docs(argv[2], argc > 3 ? std::stoul(argv[3]) : 1000000);
  std::fprintf(stderr, "usage: dedup_bench speed [DOCS] | write-lines FILE [N] | per-line FILE [THREADS] | million [N] | write-docs FILE [N]\n");
  return 2;
}
