// zhtext/stop_words.hpp - stop-word lists: the built-in Chinese + English list, or yours.
//
// A stop_words object is an immutable set of words used to drop grammatical noise
// (的, 了, 在, the, of ...) from frequency tables. The built-in list was written for
// zhtext (data/stopwords.txt: pronouns, particles, prepositions, conjunctions,
// auxiliaries, degree and time adverbs, common measure words; 448 words) and is
// compiled into the headers, so it is there however zhtext was installed. Replace it
// with your own file (same format: one word per line, '#' comment lines) or extend
// it with `merged_with`.
//
//   const zhtext::stop_words& sw = zhtext::stop_words::builtin();
//   sw.contains("的");      // true
//   sw.contains("The");     // true: ASCII letters match without regard to case
//   auto mine = zhtext::stop_words::load("my_stopwords.txt");
//   if (!mine) std::cerr << mine.error().message << '\n';   // "my_stopwords.txt:3: ..."
//
// Cost: `contains` is one hash lookup, O(length of the token); memory is the words'
// bytes plus 20 to 28 bytes per word (a 12-byte entry, its 8 or 16 bytes of index). Thread safety: immutable after construction, so
// any number of threads may call `contains` concurrently; `builtin()` is built once,
// on first use, thread-safely. Movable, not copyable.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "detail/containers/flat_map.hpp"
#include "detail/keywords/text.hpp"
#include "detail/platform/linkage.hpp"
#include "detail/storage/mapped_file.hpp"
#include "detail/data/stopwords.hpp"
#include "detail/containers/growable_array.hpp"
#include "result.hpp"
#include "utf8.hpp"

namespace zhtext {
namespace detail {

/// A word of a stop-word list: its bytes in the list's one buffer (8 bytes, where a
/// string_view and a block of an arena took 16 and more).
struct word_ref {
  std::uint32_t offset, size;
};

/// The words of a list: their bytes, one after another, in one buffer that grows
/// without holding its old and new storage at once (growable_array).
class word_bytes {
 public:
  std::string_view operator()(word_ref r) const noexcept { return {bytes_.data() + r.offset, r.size}; }
  /// Appends `w`; throws std::length_error past 4 GiB of words (aborts without exceptions).
  word_ref store(std::string_view w) {
    if (bytes_.size() + w.size() > 0xFFFFFFFFu) throw_or_abort(std::length_error("zhtext: more than 4 GiB of stop words"));
    const word_ref r{static_cast<std::uint32_t>(bytes_.size()), static_cast<std::uint32_t>(w.size())};
    bytes_.append(w.data(), w.size());
    return r;
  }

 private:
  growable_array<char> bytes_;
};

}  // namespace detail

class stop_words {
 public:
  /// An empty list (contains nothing).
  stop_words() = default;
  stop_words(stop_words&&) noexcept = default;
  stop_words& operator=(stop_words&&) noexcept = default;
  stop_words(const stop_words&) = delete;
  stop_words& operator=(const stop_words&) = delete;

  /// The built-in Chinese + English list (data/stopwords.txt), built on first use.
  static const stop_words& builtin() {
    static const stop_words list = [] {
      auto r = parse(detail::builtin_stop_words_text, "<builtin stop words>");
      return r ? std::move(*r) : stop_words();  // the generated list always parses (tested)
    }();
    return list;
  }

  /// Parses a list: UTF-8 text, one word per line; blank lines and lines whose first
  /// non-blank character is '#' are skipped; spaces, tabs, U+3000 and a trailing CR
  /// around a word are trimmed; a UTF-8 BOM at the start is ignored. ASCII letters are
  /// stored in lower case. Errors (errc::parse_error, message "name:line: ..."):
  /// invalid UTF-8, a control character in a word, a word longer than 255 bytes.
  static result<stop_words> parse(std::string_view text, std::string_view name = "<memory>");

  /// Reads and parses a list file (see parse). Errors: errc::not_found / io_error for
  /// the file, errc::parse_error with "path:line: ..." for its content.
  static result<stop_words> load(const std::string& path);

  /// The words of `words`, taken as they are (no trimming, no comments; empty ones
  /// are skipped; ASCII folded to lower case). Errors as for parse, the "line" being
  /// the word's 1-based index.
  template <class Range>
  static result<stop_words> from_words(const Range& words, std::string_view name = "<words>") {
    stop_words sw;
    std::size_t index = 0;
    for (const auto& w : words) {
      const std::string_view sv(w);
      ++index;
      if (sv.empty()) continue;
      if (auto r = sw.add(sv, name, index); !r) return r.error();
    }
    return sw;
  }

  /// A new list holding the words of both.
  stop_words merged_with(const stop_words& other) const {
    stop_words sw;
    for (const auto& e : map_.entries()) sw.insert(bytes_(e.key));
    for (const auto& e : other.map_.entries()) sw.insert(other.bytes_(e.key));
    return sw;
  }

  /// True if `token` is in the list (ASCII letters compared without regard to case).
  /// Never true for the empty string. O(token length).
  bool contains(std::string_view token) const noexcept {
    if (token.empty() || token.size() > max_size_) return false;
    bool upper = false;
    for (char c : token) upper |= (c >= 'A' && c <= 'Z');
    if (!upper) return map_.find(token, detail::hash_bytes(token), bytes_) != map_.npos;
    char buf[256];  // max_size_ <= 255 is guaranteed by add()
    for (std::size_t i = 0; i < token.size(); ++i) {
      const char c = token[i];
      buf[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    const std::string_view folded(buf, token.size());
    return map_.find(folded, detail::hash_bytes(folded), bytes_) != map_.npos;
  }

  std::size_t size() const noexcept { return map_.size(); }
  bool empty() const noexcept { return map_.empty(); }

  /// The words, sorted by their UTF-8 bytes.
  std::vector<std::string_view> words() const {
    std::vector<std::string_view> out;
    out.reserve(map_.size());
    for (const auto& e : map_.entries()) out.push_back(bytes_(e.key));
    std::sort(out.begin(), out.end());
    return out;
  }

 private:
  static std::string_view trim(std::string_view s) noexcept {
    for (;;) {
      if (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
      else if (s.substr(0, 3) == "\xE3\x80\x80") s.remove_prefix(3);  // U+3000
      else break;
    }
    for (;;) {
      if (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
      else if (s.size() >= 3 && s.substr(s.size() - 3) == "\xE3\x80\x80") s.remove_suffix(3);
      else break;
    }
    return s;
  }

  // parse(), giving back to `file` (if not null; `text` is its bytes) the lines read,
  // whose words are copied: the list is not held whole beside its words (5.24M words,
  // 50 MiB: 229 -> 180 MB).
  static result<stop_words> parse_lines(std::string_view text, std::string_view name, detail::mapped_file* file) {
    stop_words sw;
    text = without_utf8_bom(text);
    std::size_t line_no = 0;
    while (!text.empty()) {
      if ((++line_no & 0xFFFF) == 0 && file != nullptr)  // (the lines before this one are done)
        file->discard_before(static_cast<std::size_t>(text.data() - file->data()));
      const std::size_t nl = text.find('\n');
      const std::string_view line = trim(text.substr(0, nl));
      text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
      if (line.empty() || line[0] == '#') continue;
      if (auto r = sw.add(line, name, line_no); !r) return r.error();
    }
    return sw;
  }

  result<void> add(std::string_view w, std::string_view name, std::size_t line) {
    auto fail = [&](const char* what) {
      return make_error(errc::parse_error, std::string(name) + ":" + std::to_string(line) + ": " + what);
    };
    const utf8_validation v = validate_utf8(w);
    if (!v.ok) return fail("invalid UTF-8 in a word");
    if (w.size() > 255) return fail("word longer than 255 bytes");
    std::string folded(w);
    for (char& c : folded) {
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) return fail("control character in a word");
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    insert(folded);
    return {};
  }

  void insert(std::string_view w) {
    map_.find_or_insert(w, detail::hash_bytes(w), [&] { return bytes_.store(w); }, bytes_);
    max_size_ = std::max(max_size_, w.size());
  }

  detail::word_bytes bytes_;
  detail::flat_map<detail::word_ref, char> map_;
  std::size_t max_size_ = 0;
};

// The loaders: inline, or compiled once into zhtext::compiled (detail/platform/linkage.hpp).
#if ZHTEXT_DEFINITIONS
ZHTEXT_DECL result<stop_words> stop_words::parse(std::string_view text, std::string_view name) {
  return parse_lines(text, name, nullptr);
}

ZHTEXT_DECL result<stop_words> stop_words::load(const std::string& path) {
  auto file = detail::mapped_file::open(path);
  if (!file) return file.error();
  return parse_lines(file->bytes(), path, &*file);
}
#endif

// ---------------------------------------------------------------------------------

/// jieba.analyse's stop words: a set of exact strings, tested against each word
/// lower-cased (ASCII; see detail::ascii_lower).
///
/// Cost: a test is one length check and, for words whose byte length some stop word
/// has, one hash probe. Immutable once shared; movable, not copyable.
class keyword_stop_words {
 public:
  /// An empty set.
  keyword_stop_words() = default;
  keyword_stop_words(keyword_stop_words&&) noexcept = default;
  keyword_stop_words& operator=(keyword_stop_words&&) noexcept = default;
  keyword_stop_words(const keyword_stop_words&) = delete;
  keyword_stop_words& operator=(const keyword_stop_words&) = delete;

  /// KeywordExtractor.STOP_WORDS of jieba.analyse: 31 English function words.
  static keyword_stop_words jieba();

  /// Adds one word, as it is (jieba stores the lines of a stop-word file unchanged).
  void add(std::string_view word) {
    words_.find_or_insert(word, detail::hash_bytes(word), [&] { return bytes_.store(word); }, bytes_);
    if (word.size() < 64) lengths_ |= std::uint64_t{1} << word.size();
    else long_words_ = true;
  }

  /// Adds every line of a stop-word file's text, as jieba's set_stop_words does:
  /// UTF-8, lines as str.splitlines() gives them, not stripped (a BOM stays in the
  /// first word, as in Python). Errors: errc::parse_error "NAME:LINE: invalid UTF-8
  /// ..." (nothing is added then).
  result<void> add_text(std::string_view text, std::string_view name = "<stop words>");

  /// jieba.analyse.set_stop_words(path): adds the file's lines (see add_text). Errors:
  /// errc::not_found, errc::io_error, errc::parse_error.
  result<void> add_file(const std::string& path);

  /// True if `word` is in the set, exactly.
  bool contains(std::string_view word) const noexcept {
    if (word.size() < 64 ? ((lengths_ >> word.size()) & 1) == 0 : !long_words_) return false;
    return words_.find(word, detail::hash_bytes(word), bytes_) != words_.npos;
  }
  /// jieba's test `word.lower() in stop_words`; `buffer` holds the lower-cased copy.
  bool matches(std::string_view word, std::string& buffer) const {
    if (!detail::has_ascii_upper(word)) return contains(word);
    detail::ascii_lower(word, buffer);
    return contains(buffer);
  }
  std::size_t size() const noexcept { return words_.size(); }

 private:
  // add_text, giving back to `file` (if not null; `text` is its bytes) the lines added,
  // which are copied: the file is not held whole beside the set (5.24M words, 50 MiB:
  // 257 -> 208 MB).
  result<void> add_lines(std::string_view text, std::string_view name, detail::mapped_file* file) {
    const utf8_validation v = validate_utf8(text);
    if (!v.ok) return detail::invalid_utf8_line_error(name, text, v.offset);
    detail::py_splitlines(text, [&](std::string_view line, std::size_t n) {
      add(line);
      if (file != nullptr && (n & 0xFFFF) == 0) file->discard_before(static_cast<std::size_t>(line.data() - file->data()));
    });
    return {};
  }

  detail::word_bytes bytes_;
  detail::flat_map<detail::word_ref, char> words_;
  std::uint64_t lengths_ = 0;  // bit n: some word has n bytes
  bool long_words_ = false;    // some word has 64 bytes or more
};

// The loaders: inline, or compiled once into zhtext::compiled (detail/platform/linkage.hpp).
#if ZHTEXT_DEFINITIONS
ZHTEXT_DECL keyword_stop_words keyword_stop_words::jieba() {
  keyword_stop_words s;  // the words as lines, through add_text (no second copy of add)
  (void)s.add_text("the\nof\nis\nand\nto\nin\nthat\nwe\nfor\nan\nare\nby\nbe\nas\non\nwith\ncan\nif\nfrom\n"
                   "which\nyou\nit\nthis\nthen\nat\nhave\nall\nnot\none\nhas\nor");
  return s;
}

ZHTEXT_DECL result<void> keyword_stop_words::add_text(std::string_view text, std::string_view name) {
  return add_lines(text, name, nullptr);
}

ZHTEXT_DECL result<void> keyword_stop_words::add_file(const std::string& path) {
  auto f = detail::mapped_file::open(path);
  if (!f) return f.error();
  return add_lines(f->bytes(), path, &*f);
}
#endif

}  // namespace zhtext
