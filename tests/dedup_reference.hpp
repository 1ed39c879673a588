// dedup_reference.hpp - the near-duplicate definition of issue 16 written out plainly,
// for dedup_test.cpp and dedup_corpus_test.cpp: General_Category read from Debian's
// UnicodeData.txt, shingles as std::u32string windows, Jaccard by set intersection,
// every pair compared with every other. And a generator of documents with known
// edits (dropped, added and swapped lines, new bylines, digits in the other width,
// replaced characters).
#pragma once

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <zhtext/chars.hpp>
#include <zhtext/dedup.hpp>
#include <zhtext/utf8.hpp>

namespace zhtext_test {

/// General_Category per code point from UnicodeData.txt (unlisted: "Cn"); empty if
/// the file cannot be read.
inline const std::vector<std::string>& general_categories() {
  static const std::vector<std::string> gc = [] {
    std::vector<std::string> out(0x110000, "Cn");
    std::ifstream in("/usr/share/unicode/UnicodeData.txt");
    if (!in) return std::vector<std::string>();
    std::string line;
    long range_first = -1;
    while (std::getline(in, line)) {
      std::vector<std::string> f;
      std::stringstream ss(line);
      std::string field;
      while (std::getline(ss, field, ';')) f.push_back(field);
      if (f.size() < 3) continue;
      const long cp = std::stol(f[0], nullptr, 16);
      if (f[1].find(", First>") != std::string::npos) {
        range_first = cp;
        continue;
      }
      if (f[1].find(", Last>") != std::string::npos) {
        for (long c = range_first; c <= cp; ++c) out[static_cast<std::size_t>(c)] = f[2];
        continue;
      }
      out[static_cast<std::size_t>(cp)] = f[2];
    }
    return out;
  }();
  return gc;
}

/// The reference's kept code points: repair_utf8 (an ill-formed subpart is U+FFFD),
/// full-width ASCII and U+3000 folded, P*/Z*/C* removed.
inline std::u32string reference_kept(std::string_view text) {
  const std::vector<std::string>& gc = general_categories();
  const std::string repaired = zhtext::repair_utf8(text);
  std::u32string out;
  for (const zhtext::code_point cp : zhtext::code_points(repaired)) {
    char32_t c = cp.value;
    if (c >= 0xFF01 && c <= 0xFF5E) c = c - 0xFF01 + 0x21;
    if (c == 0x3000) c = 0x20;
    const char major = gc[c][0];
    if (major == 'P' || major == 'Z' || major == 'C') continue;
    out += c;
  }
  return out;
}

/// The windows of k kept code points (the whole kept text if it is shorter), in order.
inline std::vector<std::u32string> reference_windows(std::string_view text, std::size_t k) {
  const std::u32string kept = reference_kept(text);
  std::vector<std::u32string> out;
  if (kept.empty()) return out;
  if (kept.size() < k) out.push_back(kept);
  for (std::size_t i = 0; i + k <= kept.size(); ++i) out.push_back(kept.substr(i, k));
  return out;
}

/// A document's shingle set, sorted.
inline std::vector<std::u32string> reference_set(std::string_view text, std::size_t k) {
  std::vector<std::u32string> w = reference_windows(text, k);
  std::sort(w.begin(), w.end());
  w.erase(std::unique(w.begin(), w.end()), w.end());
  return w;
}

struct reference_counts {
  std::size_t intersection = 0, union_size = 0;
  double similarity() const { return union_size == 0 ? 0.0 : static_cast<double>(intersection) / static_cast<double>(union_size); }
};

inline reference_counts reference_jaccard(const std::vector<std::u32string>& a, const std::vector<std::u32string>& b) {
  std::vector<std::u32string> common;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(common));
  return {common.size(), a.size() + b.size() - common.size()};
}

/// Every pair (i < j) with similarity >= threshold, with its counts: the all-pairs
/// reference.
inline std::map<std::pair<std::uint32_t, std::uint32_t>, reference_counts> reference_pairs(
    const std::vector<std::string>& docs, std::size_t k, double threshold) {
  std::vector<std::vector<std::u32string>> sets;
  for (const std::string& d : docs) sets.push_back(reference_set(d, k));
  std::map<std::pair<std::uint32_t, std::uint32_t>, reference_counts> out;
  for (std::size_t i = 0; i < docs.size(); ++i)
    for (std::size_t j = i + 1; j < docs.size(); ++j) {
      const reference_counts c = reference_jaccard(sets[i], sets[j]);
      if (c.union_size != 0 && c.similarity() >= threshold)
        out[{static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j)}] = c;
    }
  return out;
}

/// Documents as lines, and the edits reprints make.
class edit_generator {
 public:
  explicit edit_generator(std::uint64_t seed) : rng_(seed) {}

  std::size_t pick(std::size_t n) { return static_cast<std::size_t>(rng_() % n); }

  /// A random Han character of the common block.
  char32_t han() { return static_cast<char32_t>(0x4E00 + pick(0x9FA5 - 0x4E00)); }

  static std::string join(const std::vector<std::string>& lines) {
    std::string out;
    for (const std::string& l : lines) out += l + "\n";
    return out;
  }

  /// One edit of kind `kind` (0..6) applied to `lines`.
  void edit(std::vector<std::string>& lines, int kind, const std::vector<std::string>& spare) {
    switch (kind) {
      case 0:  // drop a line
        if (lines.size() > 1) lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(pick(lines.size())));
        break;
      case 1:  // add a line
        lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(pick(lines.size() + 1)), spare[pick(spare.size())]);
        break;
      case 2:  // swap two lines
        if (lines.size() > 1) std::swap(lines[pick(lines.size())], lines[pick(lines.size())]);
        break;
      case 3: {  // a new credit / byline
        static const char* const roles[] = {"（记者 ", "（通讯员 ", "本报讯（实习生 "};
        std::string by = roles[pick(3)];
        for (int i = 0; i < 3; ++i) zhtext::append_utf8(by, han());
        by += "）";
        if (!lines.empty() && lines[0].rfind("（", 0) == 0) lines[0] = by;
        else lines.insert(lines.begin(), by);
        break;
      }
      case 4:  // digits in the other width: 123 <-> １２３
        for (std::string& l : lines) l = flip_digits(l);
        break;
      case 5: {  // replace a few characters
        if (lines.empty()) break;
        std::string& l = lines[pick(lines.size())];
        std::u32string u;
        for (const zhtext::code_point cp : zhtext::code_points(l)) u += cp.value;
        for (int i = 0; i < 2 && !u.empty(); ++i) u[pick(u.size())] = han();
        l.clear();
        for (const char32_t c : u) zhtext::append_utf8(l, c);
        break;
      }
      default: {  // punctuation and spacing only: the shingles do not change
        for (std::string& l : lines) {
          std::string out;
          for (const zhtext::code_point cp : zhtext::code_points(l)) {
            if (cp.value == U'，') out += ", ";
            else if (cp.value == U'。') out += "\u3000。";
            else zhtext::append_utf8(out, cp.value);
          }
          l = out;
        }
        break;
      }
    }
  }

  static std::string flip_digits(const std::string& s) {
    std::string out;
    for (const zhtext::code_point cp : zhtext::code_points(s)) {
      if (cp.value >= '0' && cp.value <= '9') zhtext::append_utf8(out, cp.value - '0' + U'０');
      else if (cp.value >= U'０' && cp.value <= U'９') zhtext::append_utf8(out, cp.value - U'０' + '0');
      else zhtext::append_utf8(out, cp.value);
    }
    return out;
  }

  std::mt19937_64& engine() { return rng_; }

 private:
  std::mt19937_64 rng_;
};

}  // namespace zhtext_test
