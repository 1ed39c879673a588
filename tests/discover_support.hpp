// discover_support.hpp - a straightforward reference implementation of new-word
// discovery (zhtext/discover.hpp's definitions, computed the obvious way with maps),
// shared by discover_test.cpp and discover_corpus_test.cpp.
#pragma once

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <zhtext/discover.hpp>

namespace zhtext_test {

struct ref_candidate {
  std::string text;
  std::size_t offset = 0, count = 0;
  double cohesion = 0, left = 0, right = 0, score = 0;
};

inline double ref_entropy(const std::vector<long long>& symbols) {  // -1: a boundary, unique
  std::map<long long, std::size_t> k;
  std::size_t boundaries = 0;
  for (long long s : symbols) {
    if (s < 0) ++boundaries;
    else ++k[s];
  }
  const double n = static_cast<double>(symbols.size());
  double h = 0;
  for (const auto& [s, c] : k) h -= (c / n) * std::log(c / n);
  for (std::size_t i = 0; i < boundaries; ++i) h -= (1 / n) * std::log(1 / n);
  return h;
}

inline std::vector<ref_candidate> reference_discover(const std::string& text, const zhtext::discover_options& o,
                                                     const std::function<bool(const std::string&)>& known) {
  std::vector<zhtext::code_point> cps(zhtext::code_points(text).begin(), zhtext::code_points(text).end());
  auto cand = [&](std::size_t i) {
    const auto& c = cps[i];
    if (!c.valid) return false;
    return o.han_only ? zhtext::is_han(c.value) : zhtext::detail::is_word_char(c.value);
  };
  const std::size_t n = cps.size();
  auto bytes = [&](std::size_t i, std::size_t len) {
    const std::size_t b = cps[i].offset, e = cps[i + len - 1].offset + cps[i + len - 1].size;
    return text.substr(b, e - b);
  };
  std::map<std::string, std::vector<std::size_t>> occ;
  std::size_t total = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!cand(i)) continue;
    ++total;
    for (std::size_t len = 1; len <= o.max_length && i + len <= n && cand(i + len - 1); ++len) occ[bytes(i, len)].push_back(i);
  }
  std::vector<ref_candidate> out;
  for (const auto& [w, pos] : occ) {
    const std::size_t len = zhtext::count_code_points(w);
    if (len < o.min_length || pos.size() < o.min_count) continue;
    const double f = static_cast<double>(pos.size());
    double cohesion = 1e300;
    for (std::size_t i = 1; i < len; ++i) {
      const std::size_t split = cps[pos[0] + i].offset - cps[pos[0]].offset;
      const double fa = static_cast<double>(occ.at(w.substr(0, split)).size());
      const double fb = static_cast<double>(occ.at(w.substr(split)).size());
      cohesion = std::min(cohesion, std::log(f * static_cast<double>(total) / (fa * fb)));
    }
    if (cohesion < o.min_cohesion) continue;
    if (o.edge_stop_words != nullptr) {
      const std::string first = bytes(pos[0], 1), last = bytes(pos[0] + len - 1, 1);
      if (o.edge_stop_words->contains(first) || o.edge_stop_words->contains(last)) continue;
    }
    if (known(w)) continue;
    std::vector<long long> left, right;
    for (std::size_t p : pos) {
      left.push_back(p == 0 || !cand(p - 1) ? -1 : static_cast<long long>(cps[p - 1].value));
      right.push_back(p + len >= n || !cand(p + len) ? -1 : static_cast<long long>(cps[p + len].value));
    }
    ref_candidate c;
    c.text = w;
    c.offset = cps[*std::min_element(pos.begin(), pos.end())].offset;
    c.count = pos.size();
    c.cohesion = cohesion;
    c.left = ref_entropy(left);
    c.right = ref_entropy(right);
    if (std::min(c.left, c.right) < o.min_entropy) continue;
    c.score = std::log(f) * cohesion * std::min(c.left, c.right);
    out.push_back(c);
  }
  return out;
}

/// Relative (or, near zero, absolute) closeness.
inline bool close(double a, double b, double tol = 1e-9) {
  return std::fabs(a - b) <= tol * std::max(1.0, std::max(std::fabs(a), std::fabs(b)));
}

/// Number of differences between discover_words' result and the reference (as sets
/// keyed by text, every statistic compared); also checks the result's own order.
inline std::size_t compare_with_reference(std::string_view text, const std::vector<zhtext::word_candidate>& got,
                                          const std::vector<ref_candidate>& ref, std::string* report = nullptr) {
  std::map<std::string, const ref_candidate*> by_text;
  for (const auto& r : ref) by_text[r.text] = &r;
  std::size_t diffs = got.size() > ref.size() ? got.size() - ref.size() : ref.size() - got.size();
  for (std::size_t i = 0; i < got.size(); ++i) {
    const auto& g = got[i];
    if (i > 0 && (got[i - 1].score < g.score || (got[i - 1].score == g.score && !(got[i - 1].text < g.text)))) ++diffs;
    if (g.text.data() < text.data() || g.text.data() + g.text.size() > text.data() + text.size() ||
        g.offset != static_cast<std::size_t>(g.text.data() - text.data()))
      ++diffs;
    auto it = by_text.find(std::string(g.text));
    if (it == by_text.end()) {
      ++diffs;
      if (report) *report += "unexpected " + std::string(g.text) + "\n";
      continue;
    }
    const ref_candidate& r = *it->second;
    const bool ok = g.count == r.count && g.offset == r.offset && close(g.cohesion, r.cohesion) &&
                    close(g.left_entropy, r.left) && close(g.right_entropy, r.right) && close(g.score, r.score);
    if (!ok) {
      ++diffs;
      if (report) *report += "differs " + r.text + "\n";
    }
  }
  return diffs;
}

}  // namespace zhtext_test
