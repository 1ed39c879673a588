// zhtext/detail/convert/convert_image.hpp - the compiled form of an OpenCC configuration.
//
// An image (container: detail/image.hpp, kind "openccnv") holds seven sections:
//   0 meta      convert_meta, then one matcher_entry per matcher: matcher 0 is the
//               segmentation, matcher k the k-th step of the conversion chain
//   1 char top  u16[0x1100]: page of code point cp >> 8 (page 0 is all zeros)
//   2 pages     u32[256 * pages]: dense label of each code point, 0 = in no key;
//               labels ranked by how often the character occurs in the keys
//   3 units     the double-array tries of all matchers (double_array.hpp), one after
//               the other; a unit's value is its node's result, an index into the
//               matcher's results (0: no match), with bit 31 (leaf_bit) set when the
//               node has no children (a walk stops there without reading on)
//   4 results   match_result per result, the matchers' ranges one after the other;
//               result 0 of each matcher is all zeros
//   5 values    the values' UTF-8 bytes
//   6 name      the configuration's "name"
// A matcher is one dictionary position of the configuration (a dictionary or a group)
// compiled into one trie over the keys of all its dictionaries. A group answers with
// its first dictionary that matches at all, and that dictionary's longest match, so the
// answer depends only on the path walked: each node stores it (the deepest key, on
// the way from the root, of the first dictionary in group order that has a key on the
// way). A walk of the text then ends on the answer, in one table read.
// Identical dictionary lists share one trie. When the segmentation's list begins step
// 1's list, step 1 converts a segmentation match to the segmentation result's value
// (meta.fused): that dictionary is the first to match inside the segment, with all of it.
// If, moreover, every key step 1 takes from its other dictionaries is one character
// long (as in all of OpenCC's configurations that are fused), one walk of step 1's trie
// does both the segmentation and step 1 (meta.single_walk; results from the
// segmentation's dictionaries carry match_result::segmentation): where such a result
// matches, the segmentation matches the same key; elsewhere the segmentation does not
// match, and a one-character match cannot cross the end of the run it is in.
//
// meta.same_characters: every value of every step's dictionaries has as many
// characters as its key (true of OpenCC's t2s, s2t and most of its configurations), so
// character i of the output is the conversion of character i of the input (an
// ill-formed subpart, turned into one U+FFFD, counts as one character).
//
// Invariants checked by open_convert_image(): section sizes, every top entry < pages,
// every matcher's ranges inside the sections, every unit's result inside its
// matcher's results, the root without a result, every result's value inside the values
// and well-formed UTF-8, every key length >= 1. The converter still clamps a match to
// what it walked and bounds every read by the text's end, so a crafted image with a
// valid checksum gives wrong output at worst, never an out-of-bounds read.
// Cost: ~12 bytes per trie cell + 16 per key (s2t: 4.9 MB; t2s: 0.5 MB). Compiling
// holds the image's tables, the dictionaries' entries and, per matcher, 4 bytes a key
// character and 8 a key (see compile_matcher).
// Thread safety: convert_view is read-only; share it freely.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "../../result.hpp"
#include "../containers/double_array.hpp"
#include "../containers/flat_map.hpp"
#include "../containers/growable_array.hpp"
#include "../storage/image.hpp"
#include "../unicode/utf8_decode.hpp"
#include "dict_entries.hpp"

namespace zhtext::detail {

inline constexpr char convert_image_kind[] = "openccnv";
inline constexpr std::uint32_t convert_image_version = 2;  // 2: convert_meta::same_characters
inline constexpr std::size_t convert_char_top_size = 0x1100;

struct convert_meta {
  std::uint32_t matchers = 0;  ///< 1 + conversion steps
  std::uint32_t pages = 0;
  std::uint32_t alphabet = 0;
  std::uint32_t fused = 0;        ///< 1: step 1 converts a segmentation match to its value
  std::uint32_t single_walk = 0;  ///< 1: one walk of step 1's trie also segments
  std::uint32_t same_characters = 0;  ///< 1: every value a step uses has as many characters as its key
  std::uint64_t units = 0;
  std::uint64_t results = 0;
};

struct matcher_entry {
  std::uint32_t unit_begin = 0, unit_count = 0;
  std::uint32_t result_begin = 0, result_count = 0;
  std::uint32_t max_key_chars = 0;  ///< the longest key, in characters
};

/// A key's match: its length in bytes and the value (a range of the values section).
struct match_result {
  enum : std::uint32_t { same = 1, segmentation = 2 };
  std::uint32_t key_size = 0;
  std::uint32_t value_begin = 0;
  std::uint32_t value_size = 0;
  std::uint32_t flags = 0;  ///< same: the value equals the key; segmentation: see the top
};

/// Set in a unit's value when its node has no children.
inline constexpr std::uint32_t leaf_bit = 0x80000000u;

/// Bytes after the last value, so that short values can be copied 8 bytes at a time.
inline constexpr std::size_t convert_value_padding = 8;

/// One compiled matcher: a trie whose units' values index `results`.
struct matcher_view {
  da_view trie;
  const match_result* results = nullptr;
  std::uint32_t max_key_chars = 0;  ///< 1: no match spans two characters (nor a segment's end)
};

/// Read-only access to a converter image's tables.
struct convert_view {
  const std::uint16_t* top = nullptr;
  const std::uint32_t* pages = nullptr;
  std::vector<matcher_view> matchers;  ///< [0] segmentation, [k] step k
  const char* values = nullptr;
  bool fused = false;
  bool single_walk = false;
  bool same_characters = false;  ///< see convert_meta (a crafted image may lie: mappings go wrong, never reads)
  bool ascii_free = false;       ///< no key holds an ASCII character (label 0 for all of U+0000..U+007F)
  std::string_view name;

  /// Where in `pages` the labels of the 64 code points with cp >> 6 == i start, for the
  /// characters of three bytes (i < 1024): see label3().
  std::vector<std::uint32_t> block3;

  /// For single_walk images: what step 1 does at a character of three bytes, read as
  /// label3() reads labels (direct3[direct3_block[cp >> 6] + (cp & 0x3F)]): 0 when it
  /// changes nothing (in no key, in no key's first place, or a key of one character
  /// that no longer key starts with and whose value is itself); direct_value | the 3
  /// bytes of its value (b0 | b1 << 8 | b2 << 16) when it is such a key with a value of
  /// one character of three bytes; direct_walk for anything else (a phrase may start
  /// there). Blocks of 64 code points with no label share the zero block at 0. Empty
  /// for other images.
  std::vector<std::uint32_t> direct3;
  std::vector<std::uint32_t> direct3_block;
  static constexpr std::uint32_t direct_value = 1u << 24, direct_walk = 2u << 24;

  /// Dense label of code point cp (< 0x110000), 0 when no key holds it.
  std::uint32_t label(char32_t cp) const noexcept { return pages[std::size_t{top[cp >> 8]} * 256 + (cp & 0xFF)]; }
  /// label() of the character of three bytes b0 b1 b2 (b0 in E0..EF), read from its
  /// bytes without decoding it: cp >> 6 is ((b0 & 0x0F) << 6) | (b1 & 0x3F).
  std::uint32_t label3(unsigned b0, unsigned b1, unsigned b2) const noexcept {
    return pages[block3[((b0 & 0x0Fu) << 6) | (b1 & 0x3Fu)] + (b2 & 0x3Fu)];
  }
  std::size_t steps() const noexcept { return matchers.size() - 1; }
};

/// Checks the sections of an "openccnv" image and returns a view of them.
inline result<convert_view> make_convert_view(const image_contents& img, const std::string& name) {
  auto fail = [&](const std::string& why) { return make_error(errc::corrupt_data, "'" + name + "': " + why); };
  const auto& s = img.sections;
  if (s.size() != 7 || s[0].size < sizeof(convert_meta)) return fail("bad converter meta section");
  convert_meta m;
  std::memcpy(&m, s[0].data, sizeof m);
  if (m.matchers < 1 || m.matchers > 65 || s[0].size != sizeof m + std::size_t{m.matchers} * sizeof(matcher_entry))
    return fail("bad matcher table");
  if (s[1].size != convert_char_top_size * 2) return fail("bad character table");
  if (m.pages < 1 || m.pages > convert_char_top_size + 1 || s[2].size != std::size_t{m.pages} * 256 * 4)
    return fail("bad character pages");
  if (m.units > 0xFFFFFFFFu || s[3].size != m.units * sizeof(da_unit)) return fail("bad trie section");
  if (m.results > 0xFFFFFFFFu || s[4].size != m.results * sizeof(match_result)) return fail("bad result section");
  if (s[5].size > 0xFFFFFFFFu || s[5].size < convert_value_padding) return fail("bad value section");
  convert_view v;
  v.top = reinterpret_cast<const std::uint16_t*>(s[1].data);
  for (std::size_t i = 0; i < convert_char_top_size; ++i)
    if (v.top[i] >= m.pages) return fail("character table points past its pages");
  v.pages = reinterpret_cast<const std::uint32_t*>(s[2].data);
  const auto* units = reinterpret_cast<const da_unit*>(s[3].data);
  const auto* results = reinterpret_cast<const match_result*>(s[4].data);
  const std::string_view values(reinterpret_cast<const char*>(s[5].data), s[5].size - convert_value_padding);
  for (std::uint64_t r = 0; r < m.results; ++r) {
    const match_result& x = results[r];
    if (x.value_begin > values.size() || x.value_size > values.size() - x.value_begin)
      return fail("a value lies outside the value section");
    if (!is_valid_utf8(values.substr(x.value_begin, x.value_size))) return fail("a value is not valid UTF-8");
  }
  const auto* entries = reinterpret_cast<const matcher_entry*>(s[0].data + sizeof m);
  for (std::uint32_t k = 0; k < m.matchers; ++k) {
    const matcher_entry& e = entries[k];
    if (e.unit_count < 1 || e.unit_begin > m.units || e.unit_count > m.units - e.unit_begin || e.result_count < 1 ||
        e.result_begin > m.results || e.result_count > m.results - e.result_begin)
      return fail("matcher " + std::to_string(k) + " lies outside its sections");
    const da_unit* u = units + e.unit_begin;
    for (std::uint32_t i = 0; i < e.unit_count; ++i)
      if ((u[i].value & ~leaf_bit) >= e.result_count) return fail("a trie node points past its results");
    if ((u[0].value & ~leaf_bit) != 0) return fail("the empty string matches");
    const match_result* r = results + e.result_begin;
    if (r[0].key_size != 0 || r[0].value_size != 0) return fail("bad result 0");
    for (std::uint32_t i = 1; i < e.result_count; ++i)
      if (r[i].key_size == 0) return fail("an empty key");
    v.matchers.push_back({da_view{u, e.unit_count}, r, e.max_key_chars});
  }
  if (!is_valid_utf8(std::string_view(reinterpret_cast<const char*>(s[6].data), s[6].size)))
    return fail("the name is not valid UTF-8");
  v.values = values.data();
  v.fused = m.fused != 0 && m.matchers > 1;
  v.single_walk = v.fused && m.single_walk != 0;
  v.same_characters = m.same_characters != 0;
  v.block3.resize(1024);
  for (std::uint32_t i = 0; i < 1024; ++i) {
    const std::uint32_t cp = i << 6;
    v.block3[i] = std::uint32_t{v.top[cp >> 8]} * 256 + (cp & 0xC0);
  }
  if (v.single_walk) {  // direct3: see convert_view
    const matcher_view& mv = v.matchers[1];
    const std::uint64_t root_base = mv.trie.units[0].base;
    auto direct = [&](std::uint32_t label) -> std::uint32_t {
      if (label == 0) return 0;
      const std::uint64_t t = root_base + label;
      if (t >= mv.trie.size || mv.trie.units[t].check != 0) return 0;  // starts no key
      const std::uint32_t value = mv.trie.units[t].value;
      if ((value & leaf_bit) == 0) return convert_view::direct_walk;  // a longer key may start here
      const match_result& r = mv.results[value & ~leaf_bit];
      if ((value & ~leaf_bit) == 0) return 0;
      if (r.key_size != 3 || r.value_size != 3) return convert_view::direct_walk;
      if ((r.flags & match_result::same) != 0) return 0;
      const auto* b = reinterpret_cast<const unsigned char*>(v.values + r.value_begin);
      if ((b[0] & 0xF0) != 0xE0) return convert_view::direct_walk;  // (a well-formed value: one character)
      return convert_view::direct_value | b[0] | std::uint32_t{b[1]} << 8 | std::uint32_t{b[2]} << 16;
    };
    v.direct3.assign(64, 0);
    v.direct3_block.assign(1024, 0);
    std::uint32_t block[64];
    for (std::uint32_t i = 0; i < 1024; ++i) {
      bool any = false;
      for (std::uint32_t j = 0; j < 64; ++j) any |= (block[j] = direct(v.pages[v.block3[i] + j])) != 0;
      if (!any) continue;
      v.direct3_block[i] = static_cast<std::uint32_t>(v.direct3.size());
      v.direct3.insert(v.direct3.end(), block, block + 64);
    }
  }
  v.ascii_free = std::all_of(v.pages + std::size_t{v.top[0]} * 256, v.pages + std::size_t{v.top[0]} * 256 + 0x80,
                             [](std::uint32_t label) { return label == 0; });
  v.name = std::string_view(reinterpret_cast<const char*>(s[6].data), s[6].size);
  return v;
}

/// What compile_converter() needs: the dictionaries (each file once) and, per matcher,
/// the indexes of its dictionaries in group order.
struct convert_source {
  std::string name;
  std::vector<const opencc_dict*> dicts;
  std::vector<std::vector<std::uint32_t>> matchers;  ///< [0] segmentation, [k] step k
};

namespace convert_compile {

/// The character labels shared by all matchers.
struct alphabet {
  std::vector<std::uint16_t> top = std::vector<std::uint16_t>(convert_char_top_size, 0);
  std::vector<std::uint32_t> pages = std::vector<std::uint32_t>(256, 0);  // page 0: all zeros
  std::uint32_t size = 0;

  std::uint32_t label(char32_t cp) const noexcept { return pages[std::size_t{top[cp >> 8]} * 256 + (cp & 0xFF)]; }

  explicit alphabet(const convert_source& src) {
    std::vector<std::pair<char32_t, std::uint64_t>> ranked;
    {
      flat_map<std::uint32_t, std::uint64_t> count;  // how often each code point occurs in the keys
      for (const opencc_dict* d : src.dicts)
        for (const opencc_dict::entry& e : d->entries())
          for (const code_point& c : code_point_range(d->key(e))) {
            const std::uint32_t cp = c.value;
            ++count[count.find_or_insert(cp, key_hash<std::uint32_t>{}(cp), [&] { return cp; }).first].value;
          }
      for (const auto& e : count.entries()) ranked.emplace_back(e.key, e.value);
    }
    std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
      return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    std::uint32_t n_pages = 1;
    for (std::size_t i = 0; i < ranked.size(); ++i) {
      const char32_t cp = ranked[i].first;
      if (top[cp >> 8] == 0) {
        top[cp >> 8] = static_cast<std::uint16_t>(n_pages++);
        pages.resize(std::size_t{n_pages} * 256, 0);
      }
      pages[std::size_t{top[cp >> 8]} * 256 + (cp & 0xFF)] = static_cast<std::uint32_t>(i + 1);
    }
    size = static_cast<std::uint32_t>(ranked.size());
  }
};

/// The values' bytes, each distinct value once, in the order they were first added.
/// A value is found again by a flat_map of (offset, size) references into `bytes`.
struct value_pool {
  struct ref {
    std::uint32_t begin, size;
  };
  std::string bytes;
  flat_map<ref, bool> at;

  std::uint32_t add(std::string_view v) {
    auto key_of = [this](const ref& r) { return std::string_view(bytes).substr(r.begin, r.size); };
    const auto found = at.find_or_insert(v, hash_bytes(v), [&] {
      const ref r{static_cast<std::uint32_t>(bytes.size()), static_cast<std::uint32_t>(v.size())};
      bytes += v;
      return r;
    }, key_of);
    return at[found.first].key.begin;
  }
  /// Frees the index: the bytes stay.
  void done() { at = flat_map<ref, bool>(); }
};

/// Compiles the matcher of dictionaries `list` (group order): its trie units and
/// results, appended to `units` and `results`. Keys first found in the first
/// `segmentation` dictionaries are flagged match_result::segmentation; `single_char`
/// tells whether all the others are one character long.
///
/// Memory (the dictionaries are hostile input): besides the trie and the results,
/// 4 bytes a character of the keys (their labels) and 8 a key (where its labels start;
/// its place in label order) while the keys are sorted and the trie made; the labels
/// go before the builder places the trie (the answers are then found reading the keys
/// again), the rest before the results are made; `units` takes the first trie as it
/// is, without a copy. (Before: ~200 bytes a key in hash maps, key records and copies
/// of the labels, and 4 bytes a trie cell.) Keys are numbered g in group order (the
/// first dictionary's entries in its order, then the second's...); sorting them by
/// label and g puts a key held by several dictionaries first where the group finds it.
inline result<matcher_entry> compile_matcher(const convert_source& src, const std::vector<std::uint32_t>& list,
                                             std::size_t segmentation, const alphabet& abc, value_pool& pool,
                                             std::vector<da_unit>& units, growable_array<match_result>& results,
                                             bool& single_char) {
  std::vector<std::size_t> first{0};  // key g is in the dictionary of list position o when first[o] <= g < first[o + 1]
  for (std::uint32_t d : list) first.push_back(first.back() + src.dicts[d]->entries().size());
  const std::size_t total = first.back();
  if (total >= 0xFFFFFFF0u) return make_error(errc::limit_exceeded, "too many keys for one matcher");
  auto position_of = [&](std::uint32_t g) {
    return static_cast<std::uint32_t>(std::upper_bound(first.begin(), first.end(), std::size_t{g}) - first.begin() - 1);
  };

  auto for_each_key = [&](auto&& f) {  // f(position, dictionary, entry) for each key, in g order
    for (std::uint32_t o = 0; o < list.size(); ++o)
      for (const opencc_dict::entry& e : src.dicts[list[o]]->entries()) f(o, *src.dicts[list[o]], e);
  };
  // Key g's labels are labels[start[g], start[g + 1]).
  growable_array<std::uint32_t> labels;
  std::vector<std::uint32_t> start(total + 1);
  std::uint32_t next = 0;  // the key for_each_key is at
  for_each_key([&](std::uint32_t, const opencc_dict& dict, const opencc_dict::entry& e) {
    start[next++] = static_cast<std::uint32_t>(labels.size());
    if (labels.size() < 0xFFFFFFF0u)
      for (const code_point& c : code_point_range(dict.key(e))) labels.push_back(abc.label(c.value));
  });
  if (labels.size() >= 0xFFFFFFF0u) return make_error(errc::limit_exceeded, "dictionaries too large");
  start[total] = static_cast<std::uint32_t>(labels.size());
  auto key_labels = [&](std::uint32_t k) -> const std::uint32_t* { return labels.data() + start[k]; };
  auto key_chars = [&](std::uint32_t g) { return std::size_t{start[g + 1] - start[g]}; };

  // The keys in label order, equal keys by g: sorted by their first label (a counting
  // sort, stable), then each run of one first label by the rest (runs are short and
  // stay in cache).
  std::vector<std::uint32_t> order(total);
  {
    std::vector<std::uint32_t> end(std::size_t{abc.size} + 2, 0);  // labels are 1..abc.size
    for (std::uint32_t g = 0; g < total; ++g) ++end[key_labels(g)[0] + 1];
    for (std::size_t l = 1; l < end.size(); ++l) end[l] += end[l - 1];
    for (std::uint32_t g = 0; g < total; ++g) order[end[key_labels(g)[0]]++] = g;
    auto rest_less = [&](std::uint32_t a, std::uint32_t b) {  // a prefix first; equal keys by g
      const std::uint32_t *ea = key_labels(a) + key_chars(a), *eb = key_labels(b) + key_chars(b);
      const auto m = std::mismatch(key_labels(a) + 1, ea, key_labels(b) + 1, eb);
      return m.first == ea ? m.second != eb || a < b : m.second != eb && *m.first < *m.second;
    };
    std::size_t b = 0;
    for (std::size_t l = 0; l + 1 < end.size(); ++l) {
      const std::size_t e = end[l];  // label l's run: [b, e)
      if (e - b > 1) std::sort(order.begin() + static_cast<std::ptrdiff_t>(b), order.begin() + static_cast<std::ptrdiff_t>(e), rest_less);
      b = e;
    }
  }
  // Unique keys: each key's first in g order (the first the group finds it in).
  std::size_t n = 0;
  for (std::size_t i = 0; i < total; ++i) {
    const std::uint32_t g = order[i];
    if (n == 0 || !std::equal(key_labels(g), key_labels(g) + key_chars(g), key_labels(order[n - 1]),
                              key_labels(order[n - 1]) + key_chars(order[n - 1])))
      order[n++] = g;
  }
  order.resize(n);
  // Result of key g (0: a key found earlier in the group): g + 1 unless keys were dropped.
  std::vector<std::uint32_t> rank;
  if (n < total) {
    rank.assign(total, 0);
    for (std::uint32_t g : order) rank[g] = 1;
    std::uint32_t r = 0;
    for (std::uint32_t& x : rank) x = x != 0 ? ++r : 0;
  }
  auto result_of = [&](std::uint32_t g) { return rank.empty() ? g + 1 : rank[g]; };

  matcher_entry entry;
  single_char = true;
  for (std::uint32_t g : order) {
    entry.max_key_chars = std::max(entry.max_key_chars, static_cast<std::uint32_t>(key_chars(g)));
    if (position_of(g) >= segmentation && key_chars(g) != 1) single_char = false;
  }

  // The trie; the labels are freed before it is placed (the walk below reads the keys again).
  da_builder builder;
  builder.add_sorted(n, [&](std::size_t i) { return da_key{key_labels(order[i]), key_chars(order[i]), 1}; });
  labels.release();
  std::vector<std::uint32_t>().swap(start);
  std::vector<da_unit> trie = builder.build();
  if (trie.empty() || units.size() + trie.size() >= 0xFFFFFFF0u)
    return make_error(errc::limit_exceeded, "dictionaries too large for 32-bit tries");

  // Each node's answer, carried down every path: (group position of the answer's
  // dictionary, result). Keys come in label order, so the nodes a key adds below the
  // labels it shares with the key before are new: only the last ends a key.
  for (da_unit& u : trie) u.value = 0;
  struct state {
    std::uint32_t node, position, result;
  };
  std::vector<state> path{{0, UINT32_MAX, 0}};  // path[d]: the node at depth d
  const da_view view{trie.data(), static_cast<std::uint32_t>(trie.size())};
  std::vector<std::uint32_t> key, prev;  // the labels of this key and of the one before
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint32_t k = order[i];
    const std::uint32_t position = position_of(k);
    const opencc_dict& dict = *src.dicts[list[position]];
    key.clear();
    for (const code_point& c : code_point_range(dict.key(dict.entries()[k - first[position]])))
      key.push_back(abc.label(c.value));
    const std::size_t depth = key.size();
    std::size_t shared = 0;  // labels shared with the previous key: nodes already computed
    while (i > 0 && shared < std::min(prev.size(), depth) && prev[shared] == key[shared]) ++shared;
    path.resize(shared + 1);
    for (std::size_t d = shared; d < depth; ++d) {
      state s = path.back();
      s.node = view.child(s.node, key[d]);
      if (d + 1 == depth && position <= s.position) {
        s.position = position;
        s.result = result_of(k);
      }
      trie[s.node].value = s.result;
      path.push_back(s);
    }
    key.swap(prev);
  }
  std::vector<std::uint32_t>().swap(order);

  // Results: 0 (no match), then one per unique key, in g order.
  entry.result_begin = static_cast<std::uint32_t>(results.size());
  results.reserve(results.size() + n + 1);
  results.push_back({});
  next = 0;
  for_each_key([&](std::uint32_t o, const opencc_dict& dict, const opencc_dict::entry& e) {
    if (result_of(next++) == 0) return;
    const std::string_view key_bytes = dict.key(e), value = dict.value(e);
    std::uint32_t flags = key_bytes == value ? std::uint32_t{match_result::same} : 0u;
    if (o < segmentation) flags |= match_result::segmentation;
    results.push_back({static_cast<std::uint32_t>(key_bytes.size()), pool.add(value),
                       static_cast<std::uint32_t>(value.size()), flags});
  });
  if (results.size() - entry.result_begin >= leaf_bit)
    return make_error(errc::limit_exceeded, "too many keys for one matcher");
  std::vector<std::uint32_t>().swap(rank);
  {
    std::vector<bool> has_children(trie.size(), false);
    for (std::size_t t = 1; t < trie.size(); ++t)
      if (trie[t].check < trie.size()) has_children[trie[t].check] = true;
    for (std::size_t t = 0; t < trie.size(); ++t)
      if ((t == 0 || trie[t].check < trie.size()) && !has_children[t]) trie[t].value |= leaf_bit;
  }
  entry.unit_begin = static_cast<std::uint32_t>(units.size());
  entry.unit_count = static_cast<std::uint32_t>(trie.size());
  entry.result_count = static_cast<std::uint32_t>(results.size() - entry.result_begin);
  if (units.empty()) units = std::move(trie);
  else units.insert(units.end(), trie.begin(), trie.end());
  return entry;
}

}  // namespace convert_compile

/// Compiles a configuration's dictionaries into an image (see the top of this file).
/// The large tables (trie units, results, values) are moved into the image, each
/// freed as it is copied in. Errors: errc::limit_exceeded.
inline result<aligned_bytes> compile_converter(const convert_source& src, std::uint64_t fingerprint) {
  const convert_compile::alphabet abc(src);
  convert_compile::value_pool pool;
  std::vector<da_unit> units;
  growable_array<match_result> results;
  std::vector<matcher_entry> entries;
  const std::vector<std::uint32_t>& seg = src.matchers[0];
  const bool fused = src.matchers.size() > 1 && src.matchers[1].size() >= seg.size() &&
                     std::equal(seg.begin(), seg.end(), src.matchers[1].begin());
  bool single_walk = false;
  for (std::size_t k = 0; k < src.matchers.size(); ++k) {
    std::size_t same = k;
    for (std::size_t j = 0; j < k; ++j)
      if (src.matchers[j] == src.matchers[k]) same = j;
    bool single_char = false;
    if (same != k) {
      entries.push_back(entries[same]);
      single_char = k == 1;  // step 1 is the segmentation itself: every key is the segmentation's
    } else {
      const std::size_t segmentation = k == 0 || (k == 1 && fused) ? seg.size() : 0;
      auto e = convert_compile::compile_matcher(src, src.matchers[k], segmentation, abc, pool, units, results,
                                                single_char);
      if (!e) return e.error();
      entries.push_back(*e);
    }
    if (k == 1) single_walk = fused && single_char;
  }
  pool.done();
  pool.bytes.append(convert_value_padding, '\0');
  if (pool.bytes.size() >= 0xFFFFFFF0u || results.size() >= 0xFFFFFFF0u)
    return make_error(errc::limit_exceeded, "dictionaries too large for 32-bit tables");
  convert_meta meta;
  meta.matchers = static_cast<std::uint32_t>(entries.size());
  meta.pages = static_cast<std::uint32_t>(abc.pages.size() / 256);
  meta.alphabet = abc.size;
  meta.fused = fused ? 1 : 0;
  meta.single_walk = single_walk ? 1 : 0;
  // Every entry of every step's dictionaries (keys and values are well-formed UTF-8:
  // characters are the bytes that are not continuation bytes).
  auto characters = [](std::string_view s) {
    return std::count_if(s.begin(), s.end(), [](char c) { return !is_continuation(static_cast<unsigned char>(c)); });
  };
  meta.same_characters = 1;
  for (std::size_t k = 1; k < src.matchers.size() && meta.same_characters; ++k)
    for (std::uint32_t d : src.matchers[k])
      for (const opencc_dict::entry& e : src.dicts[d]->entries())
        if (characters(src.dicts[d]->key(e)) != characters(src.dicts[d]->value(e))) meta.same_characters = 0;
  meta.units = units.size();
  meta.results = results.size();
  std::string head(sizeof meta + entries.size() * sizeof(matcher_entry), '\0');
  std::memcpy(head.data(), &meta, sizeof meta);
  std::memcpy(head.data() + sizeof meta, entries.data(), entries.size() * sizeof(matcher_entry));
  image_writer w(convert_image_kind, convert_image_version, fingerprint);
  w.add(head.data(), head.size());
  w.add_array(abc.top);
  w.add_array(abc.pages);
  w.add_taken(units);
  w.add_taken(results);
  w.add_taken(pool.bytes);
  w.add(src.name.data(), src.name.size());
  return w.finish();
}

}  // namespace zhtext::detail
