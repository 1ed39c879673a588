// zhtext/detail/segment/dict_image.hpp - the compiled form of a jieba dictionary.
//
// An image (container: detail/storage/image.hpp, kind "jiebadic") holds eight sections:
//   0 meta        total, word count, table sizes (dict_meta)
//   1 char top    u16[0x1100]: page of code point cp >> 8 (page 0 is all zeros)
//   2 char pages  u32[256 * pages]: the dense label of each code point, 0 = unknown;
//                 labels are ranked by how often the character occurs in the words.
//                 Page 1 is U+0000..U+00FF and pages 2..83 are U+4E00..U+9FFF in
//                 order, so the segmenter indexes Latin and Han labels directly.
//   3 units       the double-array trie over labels (../containers/double_array.hpp); a unit's
//                 value is its frequency class, 0 for a prefix that is not a word
//   4 classes     {u64 freq, f64 log(freq)} per class; class 0 is unused, class 1
//                 is frequency 0, classes 2.. are the distinct positive frequencies;
//                 padded with frequency-0 classes to a power of two (readers mask)
//   5 unit tags   u16 per unit: the POS tag's index, 0 = none
//   6 tag offsets u32[tags + 1] into section 7
//   7 tag bytes   the tag strings, concatenated
// jieba's FREQ table is exactly this trie: a string is "in FREQ" when it is a node
// (every prefix of a word is, with frequency 0); its frequency is its class's.
// log(freq) is computed once here with std::log (as natural_log, detail/platform/math.hpp),
// the same libm call Python's math.log makes, so route probabilities are bit-identical to jieba's.
// Cost: ~14 bytes per trie cell (jieba's dict.txt: 498k nodes in 663k cells, a 9.7 MB
// image); a lookup is one table read plus one unit per character.
// Thread safety: dict_view is read-only; share it freely.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <numeric>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "../../result.hpp"
#include "../platform/math.hpp"
#include "../unicode/utf8_decode.hpp"
#include "../containers/double_array.hpp"
#include "../containers/flat_map.hpp"
#include "../containers/growable_array.hpp"
#include "../storage/image.hpp"

namespace zhtext::detail {

inline constexpr char dict_image_kind[] = "jiebadic";
inline constexpr std::uint32_t dict_image_version = 2;
inline constexpr std::size_t char_top_size = 0x1100;
inline constexpr std::uint16_t han_first_page = 2;                  // U+4E00
inline constexpr std::size_t han_pages = (0xA000 - 0x4E00) / 256;   // through U+9FFF

struct dict_meta {
  std::uint64_t total = 0;
  std::uint64_t words = 0;
  std::uint32_t alphabet = 0;
  std::uint32_t units = 0;
  std::uint32_t classes = 0;
  std::uint32_t tags = 0;
  std::uint32_t pages = 0;
  std::uint32_t reserved = 0;
};

struct freq_class {
  std::uint64_t freq = 0;
  double log_freq = 0;
};

/// Read-only access to a dictionary image's tables (pointers into the image).
struct dict_view {
  da_view trie;
  const std::uint16_t* top = nullptr;
  const std::uint32_t* pages = nullptr;
  const std::uint32_t* latin1_labels = nullptr;  // U+0000..U+00FF
  const std::uint32_t* han_labels = nullptr;     // U+4E00..U+9FFF
  const freq_class* classes = nullptr;
  std::uint32_t n_classes = 0;
  const std::uint16_t* unit_tags = nullptr;
  const std::uint32_t* tag_offsets = nullptr;
  const char* tag_bytes = nullptr;
  std::uint32_t n_tags = 0;
  std::int64_t total = 0;
  std::uint64_t words = 0;

  /// Dense label of a code point, 0 when no word contains it.
  std::uint32_t label(char32_t cp) const noexcept {
    return cp > 0x10FFFF ? 0 : pages[std::size_t{top[cp >> 8]} * 256 + (cp & 0xFF)];
  }
  /// Frequency class of node s (0 when s is only a prefix). n_classes is a power of
  /// two, so any value of a crafted image lands in the table.
  std::uint32_t freq_class_of(std::uint32_t s) const noexcept { return trie.value(s) & (n_classes - 1); }
  std::string_view tag_of(std::uint32_t s) const noexcept {
    const std::uint32_t t = unit_tags[s];
    if (t == 0 || t > n_tags) return {};
    return {tag_bytes + tag_offsets[t - 1], tag_offsets[t] - tag_offsets[t - 1]};
  }
  /// The node reached by the UTF-8 string s, or no_node (also for ill-formed UTF-8).
  std::uint32_t find_node(std::string_view s) const noexcept {
    std::uint32_t node = 0;
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const auto* end = p + s.size();
    while (p < end) {
      const decoded d = decode_at(p, end);
      if (d.error != utf8_errc::ok) return no_node;
      const std::uint32_t c = label(d.value);
      if (c == 0) return no_node;
      node = trie.child(node, c);
      if (node == no_node) return no_node;
      p += d.size;
    }
    return node;
  }
};

/// Checks the sections of a "jiebadic" image and returns a view of them.
inline result<dict_view> make_dict_view(const image_contents& img, const std::string& name) {
  auto fail = [&](const std::string& why) { return make_error(errc::corrupt_data, "'" + name + "': " + why); };
  const auto& s = img.sections;
  if (s.size() != 8 || s[0].size != sizeof(dict_meta)) return fail("bad dictionary meta section");
  dict_meta m;
  std::memcpy(&m, s[0].data, sizeof m);
  if (s[1].size != char_top_size * 2) return fail("bad character table");
  if (m.pages < han_first_page + han_pages || m.pages > char_top_size + 1 || s[2].size != std::size_t{m.pages} * 256 * 4)
    return fail("bad character pages");
  if (m.units < 1 || s[3].size != std::size_t{m.units} * sizeof(da_unit)) return fail("bad trie section");
  if (m.classes < 2 || (m.classes & (m.classes - 1)) != 0 || s[4].size != std::size_t{m.classes} * sizeof(freq_class))
    return fail("bad frequency table");
  if (s[5].size != std::size_t{m.units} * 2) return fail("bad tag index");
  if (s[6].size != (std::size_t{m.tags} + 1) * 4) return fail("bad tag offsets");
  if (m.total > static_cast<std::uint64_t>(INT64_MAX)) return fail("bad total");
  dict_view v;
  v.top = reinterpret_cast<const std::uint16_t*>(s[1].data);
  for (std::size_t i = 0; i < char_top_size; ++i)
    if (v.top[i] >= m.pages) return fail("character table points past its pages");
  if (v.top[0] != 1) return fail("character table: Latin-1 page misplaced");
  for (std::size_t i = 0; i < han_pages; ++i)
    if (v.top[0x4E + i] != han_first_page + i) return fail("character table: Han pages misplaced");
  v.pages = reinterpret_cast<const std::uint32_t*>(s[2].data);
  v.latin1_labels = v.pages + 256;
  v.han_labels = v.pages + 256 * std::size_t{han_first_page};
  v.trie = da_view{reinterpret_cast<const da_unit*>(s[3].data), m.units};
  v.classes = reinterpret_cast<const freq_class*>(s[4].data);
  v.n_classes = m.classes;
  v.unit_tags = reinterpret_cast<const std::uint16_t*>(s[5].data);
  v.tag_offsets = reinterpret_cast<const std::uint32_t*>(s[6].data);
  v.tag_bytes = reinterpret_cast<const char*>(s[7].data);
  v.n_tags = m.tags;
  if (v.tag_offsets[0] != 0) return fail("bad tag offsets");
  for (std::uint32_t i = 0; i < m.tags; ++i)
    if (v.tag_offsets[i + 1] < v.tag_offsets[i]) return fail("bad tag offsets");
  if (v.tag_offsets[m.tags] != s[7].size) return fail("bad tag strings");
  v.total = static_cast<std::int64_t>(m.total);
  v.words = m.words;
  return v;
}

/// The words of a dictionary being compiled, in file order, held compactly because a
/// dictionary file is hostile input: 4 bytes a character (its code point, later its
/// label) and 16 a word (where it ends, its frequency, its tag's number), in arrays
/// that grow without copies. Tags are views: the text they point into must outlive
/// compile_dictionary(). (Before: 40 bytes a word in a vector grown by doubling, and
/// the characters copied three times over.)
class dict_source {
 public:
  /// Adds a word (non-empty, valid UTF-8). Returns false, adding nothing, when the
  /// words would pass 2^32 - 2 characters in all (32-bit positions; the trie's cells
  /// are 32-bit too).
  bool add(std::string_view word, std::int64_t freq, std::string_view tag) {
    const std::size_t before = chars_.size();
    for (const code_point& c : code_point_range(word)) {
      if (chars_.size() >= 0xFFFFFFFEu) {
        chars_.truncate(before);
        return false;
      }
      chars_.push_back(static_cast<std::uint32_t>(c.value));
    }
    end_.push_back(static_cast<std::uint32_t>(chars_.size()));
    freq_.push_back(freq);
    std::uint32_t t = 0;  // 0: no tag
    if (!tag.empty())
      t = static_cast<std::uint32_t>(tag_ids_.find_or_insert(tag, hash_bytes(tag), [&] { return tag; }).first + 1);
    tag_.push_back(t);
    return true;
  }
  std::size_t size() const noexcept { return end_.size(); }

 private:
  friend result<aligned_bytes> compile_dictionary(dict_source&, std::int64_t, std::uint64_t);
  std::uint32_t begin(std::size_t w) const noexcept { return w == 0 ? 0 : end_[w - 1]; }

  growable_array<std::uint32_t> chars_;  // code points; compile_dictionary() makes them labels
  growable_array<std::uint32_t> end_;    // per word: one past its last character in chars_
  growable_array<std::int64_t> freq_;    // per word
  growable_array<std::uint32_t> tag_;    // per word: 0, or its tag's number in tag_ids_
  flat_map<std::string_view, char> tag_ids_;  // the distinct tags: a tag's number is its entry number + 1
};

/// Compiles the words of `src` (in file order; a later duplicate overrides an earlier
/// one, while `total` counts both, as jieba does) into an image. Consumes `src`.
/// Memory: the trie is made from the words, which are then freed (da_builder), so the
/// peak is about the words, or the trie under construction and the image's units; the
/// units, their tags and the character pages are freed as they are copied into the
/// image (image_writer::add_taken), so the image and its largest sections are never
/// all held at once (50 MiB of random 2-4 character words: 1646 -> 936 MB; the image
/// itself is 758 MB there: such a trie fills ~16% of its cells, see double_array.hpp).
inline result<aligned_bytes> compile_dictionary(dict_source& src, std::int64_t total, std::uint64_t fingerprint) {
  const std::size_t words = src.size();
  growable_array<std::uint32_t>& chars = src.chars_;
  // Characters, ranked by frequency of occurrence (ties by code point).
  std::vector<std::uint32_t> char_count(0x110000, 0);  // at most 2^32 - 2 characters in all
  for (const std::uint32_t c : chars) ++char_count[c];
  // (~count, code point) pairs in plain ascending order: counts descending, ties by code point.
  std::vector<std::pair<std::uint64_t, std::uint64_t>> ranked;
  for (char32_t c = 0; c < 0x110000; ++c)
    if (char_count[c] != 0) ranked.emplace_back(~std::uint64_t{char_count[c]}, c);
  std::vector<std::uint32_t>().swap(char_count);
  std::sort(ranked.begin(), ranked.end());
  std::vector<std::uint16_t> top(char_top_size, 0);
  std::vector<std::uint32_t> pages(256, 0);  // page 0: all zeros
  std::uint32_t n_pages = 1;
  auto new_page = [&](std::size_t hi) {
    top[hi] = static_cast<std::uint16_t>(n_pages++);
    pages.resize(std::size_t{n_pages} * 256);  // new entries are 0
  };
  new_page(0);  // page 1: U+0000..U+00FF
  for (std::size_t i = 0; i < han_pages; ++i) new_page(0x4E + i);  // pages 2..: U+4E00..U+9FFF
  for (std::size_t i = 0; i < ranked.size(); ++i) {
    const auto cp = static_cast<char32_t>(ranked[i].second);
    if (top[cp >> 8] == 0) new_page(cp >> 8);
    pages[std::size_t{top[cp >> 8]} * 256 + (cp & 0xFF)] = static_cast<std::uint32_t>(i + 1);
  }
  const auto alphabet = static_cast<std::uint32_t>(ranked.size());
  std::vector<std::pair<std::uint64_t, std::uint64_t>>().swap(ranked);
  for (std::uint32_t& c : chars) c = pages[std::size_t{top[c >> 8]} * 256 + (c & 0xFF)];  // labels, in place
  auto key = [&](std::size_t w) {
    return std::pair<const std::uint32_t*, const std::uint32_t*>(chars.data() + src.begin(w), chars.data() + src.end_[w]);
  };

  // Keys in label order; of equal keys the last entry wins. Equal keys are ordered by
  // entry (what a stable sort would give) with a plain sort: no stable sort's merge
  // machinery in every program that loads a dictionary.
  auto key_compare = [&](std::size_t a, std::size_t b) {  // <0, 0, >0
    auto [x, x_end] = key(a);
    auto [y, y_end] = key(b);
    for (; x != x_end && y != y_end; ++x, ++y)
      if (*x != *y) return *x < *y ? -1 : 1;
    return (x == x_end ? 0 : 1) - (y == y_end ? 0 : 1);
  };
  std::vector<std::uint32_t> unique(words);  // word numbers: below 2^32 - 2, as characters are
  std::iota(unique.begin(), unique.end(), 0u);
  std::sort(unique.begin(), unique.end(), [&](std::uint32_t a, std::uint32_t b) {
    const int c = key_compare(a, b);
    return c < 0 || (c == 0 && a < b);
  });
  std::size_t n_unique = 0;
  for (std::size_t i = 0; i < words; ++i) {
    if (i + 1 < words && key_compare(unique[i], unique[i + 1]) == 0) continue;  // a later equal key follows
    unique[n_unique++] = unique[i];
  }
  unique.resize(n_unique);
  unique.shrink_to_fit();

  // Frequency classes and tags.
  std::vector<std::uint64_t> freqs{0, 0};  // class 0 unused, class 1 = frequency 0
  for (std::uint32_t w : unique)
    if (src.freq_[w] > 0) freqs.push_back(static_cast<std::uint64_t>(src.freq_[w]));
  std::sort(freqs.begin() + 2, freqs.end());
  freqs.erase(std::unique(freqs.begin() + 2, freqs.end()), freqs.end());
  freqs.shrink_to_fit();
  // The tags the kept words use, sorted with the string sort the loaders share; then
  // each tag number's index among them (+ 1).
  std::vector<std::string_view> tag_of_id(src.tag_ids_.size() + 1);
  for (std::size_t e = 0; e < src.tag_ids_.size(); ++e) tag_of_id[e + 1] = src.tag_ids_[e].key;
  src.tag_ids_ = flat_map<std::string_view, char>();
  std::vector<std::uint32_t> tag_index(tag_of_id.size(), 0);
  for (std::uint32_t w : unique) tag_index[src.tag_[w]] = 1;
  tag_index[0] = 0;  // no tag
  std::vector<std::string_view> tag_names;
  for (std::size_t id = 1; id < tag_of_id.size(); ++id)
    if (tag_index[id] != 0) tag_names.push_back(tag_of_id[id]);
  std::sort(tag_names.begin(), tag_names.end());
  if (tag_names.size() > 0xFFFE) return make_error(errc::limit_exceeded, "more than 65534 distinct tags");
  for (std::size_t id = 1; id < tag_of_id.size(); ++id)
    if (tag_index[id] != 0)
      tag_index[id] = static_cast<std::uint32_t>(
          std::lower_bound(tag_names.begin(), tag_names.end(), tag_of_id[id]) - tag_names.begin() + 1);
  std::vector<std::string_view>().swap(tag_of_id);

  // The trie: word i of `unique` is key i; its node's value is i + 1 until the units
  // are made, then its frequency class. Each kept word's class and tag index wait in
  // `word_class` and `word_tag`; the rest of `src` is freed before placement.
  std::vector<std::uint32_t> word_class(n_unique);
  std::vector<std::uint16_t> word_tag(n_unique);
  for (std::size_t i = 0; i < n_unique; ++i) {
    const std::int64_t f = src.freq_[unique[i]];
    word_class[i] = f == 0 ? 1u
                           : static_cast<std::uint32_t>(std::lower_bound(freqs.begin() + 2, freqs.end(),
                                                                         static_cast<std::uint64_t>(f)) -
                                                        freqs.begin());
    word_tag[i] = static_cast<std::uint16_t>(tag_index[src.tag_[unique[i]]]);
  }
  std::vector<std::uint32_t>().swap(tag_index);
  src.freq_.release();
  src.tag_.release();
  da_builder builder;
  builder.add_sorted(n_unique, [&](std::size_t i) {
    const auto [b, e] = key(unique[i]);
    return da_key{b, static_cast<std::size_t>(e - b), static_cast<std::uint32_t>(i + 1)};
  });
  chars.release();
  src.end_.release();
  std::vector<std::uint32_t>().swap(unique);
  growable_array<da_unit> units;  // memory only where written (a sparse trie leaves most cells free)
  builder.build_into(units);
  if (units.empty()) return make_error(errc::limit_exceeded, "dictionary too large for a 32-bit trie");

  growable_array<std::uint16_t> unit_tags;  // likewise: mostly zeros
  unit_tags.resize_zeroed(units.size());
  for (std::size_t t = 0; t < units.size(); ++t)
    if (const std::uint32_t v = units[t].value; v != 0) {
      units[t].value = word_class[v - 1];
      unit_tags[t] = word_tag[v - 1];
    }
  std::vector<std::uint32_t>().swap(word_class);
  std::vector<std::uint16_t>().swap(word_tag);
  std::size_t n_classes = 2;
  while (n_classes < freqs.size()) n_classes *= 2;
  std::vector<freq_class> classes(n_classes);
  for (std::size_t i = 2; i < freqs.size(); ++i)
    classes[i] = {freqs[i], natural_log(static_cast<double>(freqs[i]))};
  std::vector<std::uint32_t> tag_offsets{0};
  std::string tag_bytes;
  for (const std::string_view t : tag_names) {
    tag_bytes += t;
    tag_offsets.push_back(static_cast<std::uint32_t>(tag_bytes.size()));
  }

  dict_meta meta;
  meta.total = static_cast<std::uint64_t>(total);
  meta.words = n_unique;
  meta.alphabet = alphabet;
  meta.units = static_cast<std::uint32_t>(units.size());
  meta.classes = static_cast<std::uint32_t>(classes.size());
  meta.tags = static_cast<std::uint32_t>(tag_names.size());
  meta.pages = n_pages;
  image_writer w(dict_image_kind, dict_image_version, fingerprint);
  w.add(&meta, sizeof meta);
  w.add_view(top.data(), top.size() * sizeof top[0]);
  w.add_taken(pages);
  w.add_taken(units);  // taken: freed as they are copied into the image, never held twice
  w.add_view(classes.data(), classes.size() * sizeof classes[0]);
  w.add_taken(unit_tags);
  w.add_view(tag_offsets.data(), tag_offsets.size() * sizeof tag_offsets[0]);
  w.add(tag_bytes.data(), tag_bytes.size());
  return w.finish();
}

}  // namespace zhtext::detail
