// zhtext/idf.hpp - the IDF table TF-IDF weighs words with (jieba.analyse's idf.txt),
// and its compiled image.
//
//   auto idf = zhtext::idf_table::load_default();     // <jieba dir>/analyse/idf.txt, cached
//   if (!idf) { std::cerr << idf.error().message << '\n'; return 1; }
//   const double* w = idf->find("社区");               // nullptr when not listed
//   double unknown = idf->median();                     // what unlisted words get
//
// keyword_extractor (keywords.hpp) loads one; use this header alone to read or build
// tables, or to check a table file. Thread safety: immutable after loading.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "detail/containers/flat_map.hpp"
#include "detail/keywords/text.hpp"
#include "detail/platform/linkage.hpp"
#include "detail/storage/compiled_image.hpp"
#include "jieba_data.hpp"
#include "result.hpp"
#include "utf8.hpp"

namespace zhtext {

/// An IDF table in jieba's format (analyse/idf.txt): one "word weight" per line.
///
/// Reading follows jieba's IDFLoader: the file is UTF-8, split into lines as Python's
/// str.splitlines() splits, each line stripped of white space and split at single
/// spaces into exactly two fields, the weight read as Python's float() reads it; a
/// word listed twice keeps its last weight; the median is sorted(weights)[n // 2].
/// Where jieba raises an exception zhtext returns errc::parse_error "FILE:LINE: ..."
/// (invalid UTF-8, a line without exactly one space, a weight that is not a finite
/// decimal number, no entries) - except for blank lines, which are skipped.
///
/// The table is a compiled image (kind "jiebaidf"): a hash index of 64-bit slots (the
/// entry number + 1, and the high half of the word's detail::hash_bytes), the entries
/// (word offset, word size, weight) and the words' bytes. load() goes through the image
/// cache (see jieba_data.hpp): the first load parses the file, later ones map the image.
///
/// Cost: parsing jieba's 270,000 lines takes ~30 ms plus ~15 µs a page fault for its
/// ~11 MB of tables (110 ms in all on a virtual machine); a cached image loads in a
/// few ms. A lookup is one hash probe. Immutable; thread-safe; movable.
class idf_table : public detail::compiled_image<idf_table> {
 public:
  /// An empty table: every word gets the median, 0.
  idf_table() = default;
  idf_table(idf_table&&) noexcept = default;
  idf_table& operator=(idf_table&&) noexcept = default;

  /// Parses the text of an IDF file; `name` is used in error messages.
  static result<idf_table> parse(std::string_view text, std::string_view name = "<idf>");

  /// Reads an IDF file (jieba's set_idf_path) through the image cache. Errors:
  /// errc::not_found, errc::io_error, errc::parse_error "PATH:LINE: ...".
  static result<idf_table> load(const std::string& path, const cache_options& cache = {});

  /// jieba's own table: <jieba data dir>/analyse/idf.txt (see jieba_data.hpp).
  static result<idf_table> load_default(std::string_view jieba_dir = {}, const cache_options& cache = {});

  // from_image, from_image_in_place, load_image, save_image, image() (empty for an
  // empty table) and report() are those of every compiled model
  // (detail/storage/compiled_image.hpp).

  /// The IDF of `word`, or nullptr when the table does not list it.
  const double* find(std::string_view word) const noexcept {
    const std::size_t e = find_entry(word, detail::hash_bytes(word));
    return e == npos ? nullptr : &entries_[e].weight;
  }
  /// The IDF of `word`; the median IDF when the table does not list it (as jieba).
  double idf(std::string_view word) const noexcept { return idf(word, detail::hash_bytes(word)); }
  /// idf(word) for a word whose detail::hash_bytes is `hash` (no second hashing).
  double idf(std::string_view word, std::uint64_t hash) const noexcept {
    const std::size_t e = find_entry(word, hash);
    return e == npos ? median_ : entries_[e].weight;
  }
  /// Starts fetching the table's memory for a lookup of `hash` (batches of lookups).
  void prefetch(std::uint64_t hash) const noexcept {
    if (slots_ != nullptr) __builtin_prefetch(&slots_[static_cast<std::size_t>(hash) & mask_]);
  }
  /// sorted(weights)[size() / 2], jieba's median_idf.
  double median() const noexcept { return median_; }
  /// Distinct words.
  std::size_t size() const noexcept { return count_; }

 private:
  // The image's layout. Its lookups depend on detail::hash_bytes: a change there
  // needs a new version (cached images would otherwise miss every word).
  friend class detail::compiled_image<idf_table>;
  static constexpr detail::image_format format{"jiebaidf", 1, 4};
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  struct entry {
    std::uint32_t word_offset, word_size;
    double weight;
  };
  static_assert(sizeof(entry) == 16, "the image stores entries as 16 bytes");

  std::size_t find_entry(std::string_view word, std::uint64_t h) const noexcept {
    if (slots_ == nullptr) return npos;
    const std::uint64_t tag = h >> 32;
    std::size_t i = static_cast<std::size_t>(h) & mask_;
    for (std::size_t n = 0; n <= mask_; ++n, i = (i + 1) & mask_) {  // bounded even in a crafted image
      const std::uint64_t s = slots_[i];
      if (s == 0) return npos;
      if ((s >> 32) != tag) continue;
      const std::size_t e = static_cast<std::size_t>(s & 0xFFFFFFFFu) - 1;  // < count_ (checked on opening)
      const entry& x = entries_[e];
      if (x.word_size == word.size() && detail::bytes_equal(std::string_view(words_ + x.word_offset, x.word_size), word))
        return e;
    }
    return npos;
  }

  explicit idf_table(detail::image_tag) noexcept {}

  result<void> adopt_image(std::string_view bytes, const std::string& name, bool /*built*/) {
    auto img = open_container(bytes, name);
    if (!img) return img.error();
    auto bad = [&](const char* why) { return make_error(errc::corrupt_data, "'" + name + "': " + why); };
    const auto& s = img->sections;
    if (s[0].size != 3 * 8) return bad("bad IDF header");
    std::uint64_t count, slot_count;
    std::memcpy(&median_, s[0].data, 8);
    std::memcpy(&count, s[0].data + 8, 8);
    std::memcpy(&slot_count, s[0].data + 16, 8);
    if (count == 0 || count >= 0xFFFFFFFFu || slot_count <= count || (slot_count & (slot_count - 1)) != 0 ||
        s[1].size % 8 != 0 || s[1].size / 8 != slot_count || s[2].size != count * sizeof(entry))  // no overflow
      return bad("bad IDF table sizes");
    slots_ = reinterpret_cast<const std::uint64_t*>(s[1].data);
    entries_ = reinterpret_cast<const entry*>(s[2].data);
    words_ = reinterpret_cast<const char*>(s[3].data);
    count_ = static_cast<std::size_t>(count);
    mask_ = static_cast<std::size_t>(slot_count - 1);
    for (std::size_t i = 0; i < count_; ++i)
      if (std::uint64_t{entries_[i].word_offset} + entries_[i].word_size > s[3].size) return bad("IDF word out of bounds");
    for (std::size_t i = 0; i <= mask_; ++i)
      if ((slots_[i] & 0xFFFFFFFFu) > count) return bad("IDF index out of bounds");
    return {};
  }

  // Parsing builds the image's own tables as it reads (no map of its own, no second
  // copy): the words' bytes, the entries, and the hash index, kept at the size the
  // final count needs (load <= 2/3, a power of two) by doubling. Linear probing fills a
  // table the same way whether the entries were placed as they came or all at the end,
  // in the same order, so the image is byte for byte what a build from a map gives.
  // Peak: the input, the tables (slot 8-16 B, entry 16 B, the word's bytes) and, while
  // the image is filled, nothing twice (image_writer::add_taken frees each table once
  // copied). The median is found by a radix select on the entries (no copy).
  static result<idf_table> parse_impl(std::string_view text, std::string_view name, std::uint64_t fingerprint) {
    const utf8_validation v = validate_utf8(text);
    if (!v.ok) return detail::invalid_utf8_line_error(name, text, v.offset);
    std::vector<std::uint64_t> slots;  // the image's index: (hash >> 32 << 32) | (entry + 1)
    detail::growable_array<entry> entries;
    detail::growable_array<char> words;
    auto word_of = [&](const entry& e) { return std::string_view(words.data() + e.word_offset, e.word_size); };
    // Places entry e (hash h) in the first free slot of its probe sequence.
    auto place = [&](std::uint64_t h, std::size_t e) {
      const std::size_t mask = slots.size() - 1;
      std::size_t j = static_cast<std::size_t>(h) & mask;
      while (slots[j] != 0) j = (j + 1) & mask;
      slots[j] = (h >> 32 << 32) | (e + 1);
    };
    std::string err;
    bool too_many_words = false;
    detail::py_splitlines(text, [&](std::string_view raw, std::size_t line) {
      if (!err.empty()) return;
      const std::string_view s = detail::py_strip(raw);
      if (s.empty()) return;
      const std::size_t sp = s.find(' ');
      double w = 0;
      if (sp == std::string_view::npos || s.find(' ', sp + 1) != std::string_view::npos) {
        err = std::string(name) + ":" + std::to_string(line) + ": expected 'word weight' separated by one space";
        return;
      }
      if (!detail::parse_py_float(s.substr(sp + 1), w)) {
        err = std::string(name) + ":" + std::to_string(line) + ": '" + std::string(s.substr(sp + 1)) +
              "' is not a finite decimal number";
        return;
      }
      const std::string_view word = s.substr(0, sp);
      const std::uint64_t h = detail::hash_bytes(word);
      if (!slots.empty()) {
        const std::size_t mask = slots.size() - 1;
        for (std::size_t j = static_cast<std::size_t>(h) & mask; slots[j] != 0; j = (j + 1) & mask) {
          const std::uint64_t x = slots[j];
          entry& e = entries[static_cast<std::size_t>(x & 0xFFFFFFFFu) - 1];
          if ((x >> 32) == (h >> 32) && e.word_size == word.size() && detail::bytes_equal(word_of(e), word)) {
            e.weight = w;  // a word listed twice keeps its last weight
            return;
          }
        }
      }
      if (too_many_words || words.size() + word.size() > 0xFFFFFFFFu) {
        too_many_words = true;  // reported after the lines (a later malformed line first)
        return;
      }
      const std::size_t count = entries.size() + 1;
      std::size_t slot_count = slots.empty() ? 2 : slots.size();
      while (slot_count < count + count / 2 + 1) slot_count *= 2;  // load factor <= 2/3
      if (slot_count != slots.size()) {
        std::vector<std::uint64_t>().swap(slots);  // free the old index first
        slots.assign(slot_count, 0);
        for (std::size_t e = 0; e < entries.size(); ++e) place(detail::hash_bytes(word_of(entries[e])), e);
      }
      entries.push_back({static_cast<std::uint32_t>(words.size()), static_cast<std::uint32_t>(word.size()), w});
      words.append(word.data(), word.size());
      place(h, entries.size() - 1);
    });
    if (!err.empty()) return make_error(errc::parse_error, std::move(err));
    if (too_many_words) return make_error(errc::parse_error, std::string(name) + ": more than 4 GB of words");
    if (entries.empty()) return make_error(errc::parse_error, std::string(name) + ": no 'word weight' lines");
    const std::uint64_t sizes[2] = {entries.size(), slots.size()};
    const double median = median_weight(entries);
    unsigned char meta[24];
    std::memcpy(meta, &median, 8);
    std::memcpy(meta + 8, sizes, 16);
    detail::image_writer w(format.kind, format.version, fingerprint);
    w.add(meta, sizeof meta);
    w.add_taken(slots);
    w.add_taken(entries);
    w.add_taken(words);
    return from_built(w.finish());
  }

  // sorted(weights)[n // 2] of the entries' weights, as jieba computes the median, by a
  // radix select on the weights' order (16 bits a round: 4 passes, 256 KiB of counts,
  // no copy of the weights). Equal weights are alike, except 0.0 and -0.0, which
  // compare equal: of those, Python's stable sort puts them in the entries' order.
  static double median_weight(const detail::growable_array<entry>& entries) {
    auto key = [](double d) {  // increasing with d; -0.0 and 0.0 share a key
      if (d == 0) d = 0;
      std::uint64_t u;
      std::memcpy(&u, &d, 8);
      return (u >> 63) != 0 ? ~u : u | (std::uint64_t{1} << 63);
    };
    std::size_t rank = entries.size() / 2;  // rank among the entries whose key has `prefix`
    std::uint64_t prefix = 0;
    std::vector<std::uint32_t> counts(1 << 16);
    for (int shift = 48; shift >= 0; shift -= 16) {
      std::fill(counts.begin(), counts.end(), 0);
      const int known = 48 - shift;  // high bits of the key fixed so far
      for (const entry& e : entries) {
        const std::uint64_t k = key(e.weight);
        if (known == 0 || (k >> (64 - known)) == (prefix >> (64 - known))) ++counts[(k >> shift) & 0xFFFF];
      }
      std::size_t digit = 0;
      while (rank >= counts[digit]) rank -= counts[digit++];
      prefix |= std::uint64_t{digit} << shift;
    }
    for (const entry& e : entries)  // the rank-th (0-based) entry with that key, in order
      if (key(e.weight) == prefix && rank-- == 0) return e.weight;
    return 0;  // not reached
  }

  const std::uint64_t* slots_ = nullptr;  // null: the empty table
  const entry* entries_ = nullptr;
  const char* words_ = nullptr;
  std::size_t count_ = 0, mask_ = 0;
  double median_ = 0;
};

// The loaders: inline, or compiled once into zhtext::compiled (detail/platform/linkage.hpp).
#if ZHTEXT_DEFINITIONS
ZHTEXT_DECL result<idf_table> idf_table::parse(std::string_view text, std::string_view name) {
  return parse_impl(text, name, 0);
}

ZHTEXT_DECL result<idf_table> idf_table::load(const std::string& path, const cache_options& cache) {
  return load_file(path, cache);
}

ZHTEXT_DECL result<idf_table> idf_table::load_default(std::string_view jieba_dir, const cache_options& cache) {
  return load_installed(jieba_data_dir(jieba_dir), "analyse/idf.txt", cache, jieba_install_hint);
}
#endif

}  // namespace zhtext
