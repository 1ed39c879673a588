// keywords_reference.hpp - runs Python jieba.analyse (tests/keywords_reference.py) at
// test time and compares its keywords with zhtext's, document by document.
#pragma once

#include <cmath>
#include <cstdio>
#include <cstdlib>
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

/// Runs tests/keywords_reference.py METHOD INPUT ARGS (ARGS already shell-quoted).
inline keywords_reference run_keywords_reference(const std::string& method, const std::string& input,
                                                 const std::string& args = "") {
  keywords_reference ref;
  const std::string cmd = shell_quote(reference_python()) + " " +
                          shell_quote(std::string(ZHTEXT_SOURCE_DIR) + "/tests/keywords_reference.py") + " " + method +
                          " " + shell_quote(input) + " " + args;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (p == nullptr) {
    ref.error = "cannot run " + cmd;
    return ref;
  }
  std::string out;
  char buf[65536];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  const int status = ::pclose(p);
  if (status != 0) {
    ref.error = "'" + cmd + "' failed (status " + std::to_string(status) +
                "); is python3-jieba installed for /usr/bin/python3?";
    return ref;
  }
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) {
    if (line == "D") {
      ref.documents.emplace_back();
      continue;
    }
    if (ref.documents.empty()) continue;
    const std::size_t sp = line.find(' ');
    ref.documents.back().push_back({from_hex(line.substr(0, sp)), std::strtod(line.c_str() + sp + 1, nullptr)});
  }
  return ref;
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

}  // namespace zhtext_test
