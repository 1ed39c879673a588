// keywords_reference.hpp - runs Python jieba.analyse (tests/keywords_reference.py) at
// test time and compares its keywords with zhtext's, document by document.
#pragma once

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <zhtext/keywords.hpp>

#include "jieba_reference.hpp"
#include "test_support.hpp"

namespace zhtext_test {

struct ref_keyword {
  std::string word;
  double weight = 0;
};
using ref_document = std::vector<ref_keyword>;

struct keywords_reference {
  std::vector<ref_document> documents;
  std::string error;  ///< not empty when the reference could not be run
};

/// Runs tests/keywords_reference.py with `args`; the documents of every job ("J"
/// lines start a new one) in one list per job.
inline std::vector<keywords_reference> run_keywords_reference_raw(const std::vector<std::string>& args) {
  std::vector<keywords_reference> jobs(1);
  const reference_output run = run_reference_script("keywords_reference.py", args);
  jobs[0].error = run.error;
  if (!run.error.empty()) return jobs;
  bool first_job = true;
  for (const std::string& line : run.lines()) {
    if (line == "J") {
      if (!first_job) jobs.emplace_back();
      first_job = false;
      continue;
    }
    std::vector<ref_document>& docs = jobs.back().documents;
    if (line == "D") {
      docs.emplace_back();
      continue;
    }
    if (docs.empty()) continue;
    const std::size_t sp = line.find(' ');
    docs.back().push_back({from_hex(line.substr(0, sp)), std::strtod(line.c_str() + sp + 1, nullptr)});
  }
  return jobs;
}

struct keyword_counts {
  std::size_t documents = 0;
  std::size_t identical = 0;  ///< same words, same order, weights within the tolerance
  std::size_t keywords = 0;
  std::size_t exact_weights = 0;  ///< weights equal to the last bit
};

inline std::string show(const std::vector<zhtext::keyword>& got) {
  std::string s;
  for (const auto& k : got) s += "[" + zhtext::repair_utf8(k.word) + " " + std::to_string(k.weight) + "]";
  return s;
}
inline std::string show(const ref_document& ref) {
  std::string s;
  for (const auto& k : ref) s += "[" + zhtext::repair_utf8(k.word) + " " + std::to_string(k.weight) + "]";
  return s;
}

/// Compares one document; prints it when it differs (up to `shown_max` per counter).
inline void compare_keywords(const std::vector<zhtext::keyword>& got, const ref_document& ref, double tolerance,
                             const std::string& label, keyword_counts& c, std::size_t shown_max = 5) {
  ++c.documents;
  bool same = got.size() == ref.size();
  for (std::size_t i = 0; i < got.size() && i < ref.size(); ++i) {
    ++c.keywords;
    if (got[i].word != ref[i].word) same = false;
    const double scale = std::max(std::fabs(ref[i].weight), 1e-300);
    if (!(std::fabs(got[i].weight - ref[i].weight) <= tolerance * scale)) same = false;
    if (got[i].weight == ref[i].weight) ++c.exact_weights;
  }
  if (same) {
    ++c.identical;
  } else if (c.documents - c.identical <= shown_max) {
    std::cerr << label << " differs:\n  jieba:  " << show(ref) << "\n  zhtext: " << show(got) << '\n';
  }
}

/// Documents as the reference script cuts INPUT with --lines N (0: the whole text).
inline std::vector<std::string_view> line_blocks(std::string_view text, std::size_t n) {
  std::vector<std::string_view> docs;
  if (n == 0) {
    docs.push_back(text);
    return docs;
  }
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = pos;
    for (std::size_t k = 0; k < n && end < text.size(); ++k) {
      const std::size_t nl = text.find('\n', end);
      end = nl == std::string_view::npos ? text.size() : nl + 1;
    }
    docs.push_back(text.substr(pos, end - pos));
    pos = end;
  }
  return docs;
}

/// One comparison: a method on a file cut into documents, with jieba's options.
struct keyword_job {
  std::string method;      ///< tfidf or textrank
  std::string path;
  std::size_t lines = 0;   ///< documents of this many lines; 0 = the whole file
  std::size_t top = 20;
  std::string allow;       ///< --allow-pos: "" = the method's default, "-" = none, else a,b,c
  std::string label;
};

/// Runs every job in one Python process and compares each document with `kw`'s
/// result (TF-IDF: 1e-9 relative, TextRank: 1e-6). Returns the counts per job (the
/// last entry is the total); prints a summary line per job.
inline std::vector<keyword_counts> compare_keyword_jobs(const zhtext::keyword_extractor& kw,
                                                       const std::vector<keyword_job>& jobs,
                                                       const std::string& extra_args = {}) {
  const std::string jobs_path = (std::filesystem::temp_directory_path() /
                                 ("zhtext_" + std::to_string(::getpid()) + "_keyword_jobs.txt")).string();
  {
    std::ofstream f(jobs_path, std::ios::binary);
    for (const keyword_job& j : jobs) {
      f << j.method << '\t' << j.path << "\t--lines\t" << j.lines << "\t--top\t" << j.top;
      if (!j.allow.empty()) f << "\t--allow-pos\t" << j.allow;
      f << extra_args << '\n';
    }
  }
  const std::vector<keywords_reference> refs = run_keywords_reference_raw({"--jobs", jobs_path});
  std::filesystem::remove(jobs_path);
  std::vector<keyword_counts> counts(jobs.size() + 1);
  if (!refs[0].error.empty()) {
    std::cerr << refs[0].error << '\n';
    return {};
  }
  if (refs.size() != jobs.size()) {
    std::cerr << "keywords_reference.py answered " << refs.size() << " jobs of " << jobs.size() << '\n';
    return {};
  }
  keyword_counts& total = counts.back();
  for (std::size_t k = 0; k < jobs.size(); ++k) {
    const keyword_job& j = jobs[k];
    const std::string text = read_file(j.path);
    const std::vector<std::string_view> docs = line_blocks(text, j.lines);
    keyword_counts& c = counts[k];
    if (docs.size() != refs[k].documents.size()) {
      std::cerr << j.label << ": " << docs.size() << " documents here, " << refs[k].documents.size() << " from jieba\n";
      c.documents = docs.size() + 1;  // never identical
      continue;
    }
    std::vector<std::string> allow_pos;
    if (j.allow.empty() && j.method == "textrank") allow_pos = {"ns", "n", "vn", "v"};
    std::istringstream in(j.allow == "-" ? "" : j.allow);
    for (std::string t; std::getline(in, t, ',');) allow_pos.push_back(t);
    for (std::size_t i = 0; i < docs.size(); ++i) {
      std::vector<zhtext::keyword> got;
      if (j.method == "tfidf") {
        zhtext::tfidf_options opt;
        opt.top = j.top;
        opt.allow_pos = allow_pos;
        got = kw.tfidf(docs[i], opt);
      } else {
        zhtext::textrank_options opt;
        opt.top = j.top;
        opt.allow_pos = allow_pos;
        got = kw.textrank(docs[i], opt);
      }
      compare_keywords(got, refs[k].documents[i], j.method == "tfidf" ? 1e-9 : 1e-6,
                       j.label + " document " + std::to_string(i + 1), c);
    }
    std::cerr << j.label << ": " << c.identical << '/' << c.documents << " documents identical to jieba ("
              << c.keywords << " keywords, " << c.exact_weights << " weights equal to the bit)\n";
    total.documents += c.documents;
    total.identical += c.identical;
    total.keywords += c.keywords;
    total.exact_weights += c.exact_weights;
  }
  return counts;
}

}  // namespace zhtext_test
