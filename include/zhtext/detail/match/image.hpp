// zhtext/detail/match/image.hpp - the binary image of a compiled match automaton:
// layout, the table views the scanner reads, and validation of untrusted bytes.
//
// A matcher *is* its image (a compiled model, detail/storage/compiled_image.hpp):
// `build()` writes one, `image()`/`save_image()` hand it out, `from_image()`,
// `from_image_in_place()` and `load_image()` check one and read it in place (from
// memory or an mmap), so a loaded automaton costs O(1) extra memory. The image is little-endian and 8-byte
// aligned: a header, a section directory, then the sections.
//
//   header (64 bytes)  magic "zhtxmatc", version, size of the whole image, checksum64
//                      of every byte after the header, section count, endian mark
//   directory          {id, offset, size} per section, offsets 8-aligned
//   sections           params; the character-class tables (ascii, index2, index3,
//                      blocks, astral); the double array (slots, state flags, fail,
//                      own, dict); root_next; the prefilter bitmap; the pattern table;
//                      the string blob (pattern texts and payloads); the ignorables
//
// Invariants checked by `validate_tables` (so that scanning a loaded image can never
// read out of bounds or loop forever, whatever the bytes): every class value is below
// `classes`; every state value s reachable by the scanner (root, slot.next, fail,
// dict, root_next) satisfies s + classes <= slot count; fail and dict chains are
// acyclic; pattern entries point inside the blob. The checksum catches accidental
// damage first, with a clearer message.
//
// Cost: validation is O(image size), one pass plus a chain walk with a byte of memo
// per state. Thread safety: `match_tables` is a read-only view; share it freely.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "../../result.hpp"
#include "../storage/checksum.hpp"
#include "../storage/image.hpp"

namespace zhtext::detail {

inline constexpr std::uint32_t match_none = 0xFFFFFFFFu;
inline constexpr char match_magic[8] = {'z', 'h', 't', 'x', 'm', 'a', 't', 'c'};
inline constexpr std::uint32_t match_image_version = 1;
inline constexpr std::uint32_t match_endian_mark = 0x01020304u;
inline constexpr std::size_t match_header_size = 64;

/// One double-array slot: the state that owns it (`check`, a state's base value) and
/// the state the transition leads to. Free slots have check == match_none.
struct match_slot {
  std::uint32_t check;
  std::uint32_t next;
};

/// A code point above U+FFFF that occurs in some pattern, and its class.
struct match_astral {
  std::uint32_t cp;
  std::uint32_t cls;
};

/// Per pattern: lengths of its folded form, the user's id, and where its original
/// text and payload live in the blob.
struct match_pattern {
  std::uint32_t bytes;       ///< UTF-8 bytes of the folded pattern (what a byte-exact match spans)
  std::uint32_t chars;       ///< code points of the folded pattern (ignorables removed)
  std::uint32_t id;          ///< the id given to add()
  std::uint32_t duplicate_of;  ///< index of the earlier equal pattern, or match_none
  std::uint64_t text_offset;
  std::uint64_t payload_offset;
  std::uint32_t text_size;
  std::uint32_t payload_size;
};

/// State flags (one byte per double-array index).
inline constexpr std::uint8_t state_output = 1;      ///< a pattern ends here (own or on the suffix chain)
inline constexpr std::uint8_t state_fail_chain = 2;  ///< transitions not in the slots follow `fail` (not completed)
inline constexpr std::uint8_t state_is_state = 4;    ///< this base value names a state

/// Matcher-wide flags (params.flags).
inline constexpr std::uint32_t image_fold_case = 1;
inline constexpr std::uint32_t image_fold_width = 2;
inline constexpr std::uint32_t image_ignorables = 4;
inline constexpr std::uint32_t image_prefilter = 8;

/// Scalar parameters of an image (section `params`).
struct match_params {
  std::uint32_t flags;
  std::uint32_t classes;          ///< class values are < classes; 0 = "in no pattern"
  std::uint32_t ignorable_class;  ///< class of ignorable characters, or match_none
  std::uint32_t root;             ///< base value of the root state
  std::uint32_t max_chars;        ///< longest folded pattern, in code points
  std::uint32_t max_bytes;        ///< longest folded pattern, in bytes
  std::uint32_t min_bytes;        ///< shortest folded pattern, in bytes
  std::uint32_t filter_bits;      ///< log2 of the prefilter bitmap size in bits (0 = none)
  std::uint32_t filter_window;    ///< prefilter window, bytes (4 or 5)
  std::uint32_t pattern_count;
  std::uint64_t slot_count;       ///< size of the double array
  std::uint64_t block_count;      ///< 64-entry class blocks
  std::uint64_t astral_count;
  std::uint64_t blob_size;
  std::uint64_t ignorable_count;
};

enum class match_section : std::uint32_t {
  params = 1, ascii, index2, index3, blocks, astral, slots, flags, fail, own, dict, root_next,
  filter, patterns, blob, ignorables,
  count_plus_one
};
inline constexpr std::uint32_t match_section_count = static_cast<std::uint32_t>(match_section::count_plus_one) - 1;

/// Read-only views of an image's tables; what the scanner uses.
struct match_tables {
  match_params params{};
  const std::uint32_t* ascii = nullptr;    ///< [128] class of each ASCII byte
  const std::uint32_t* index2 = nullptr;   ///< [32]  block offset for cp >> 6, cp in U+0080..U+07FF
  const std::uint32_t* index3 = nullptr;   ///< [1024] block offset for cp >> 6, cp < U+10000 (0 below U+0800)
  const std::uint32_t* blocks = nullptr;   ///< block_count * 64 classes; block 0 is all zero
  const match_astral* astral = nullptr;    ///< sorted by cp
  const match_slot* slots = nullptr;       ///< [slot_count]
  const std::uint8_t* flags = nullptr;     ///< [slot_count] state flags by base value
  const std::uint32_t* fail = nullptr;     ///< [slot_count] failure link by base value
  const std::uint32_t* own = nullptr;      ///< [slot_count] pattern ending exactly here, or match_none
  const std::uint32_t* dict = nullptr;     ///< [slot_count] next output state on the suffix chain, or match_none
  const std::uint32_t* root_next = nullptr;  ///< [classes] transitions of the root
  const std::uint32_t* filter = nullptr;   ///< prefilter bitmap, 2^filter_bits bits
  const match_pattern* patterns = nullptr;
  const char* blob = nullptr;
  const std::uint32_t* ignorables = nullptr;

  /// Class of a code point (folding is built into the tables).
  std::uint32_t class_of(char32_t cp) const noexcept {
    if (cp < 0x80) return ascii[cp];
    if (cp < 0x800) return blocks[index2[cp >> 6] + (cp & 63)];
    if (cp < 0x10000) return blocks[index3[cp >> 6] + (cp & 63)];
    std::size_t lo = 0, hi = static_cast<std::size_t>(params.astral_count);
    while (lo < hi) {
      const std::size_t mid = (lo + hi) / 2;
      if (astral[mid].cp < cp) lo = mid + 1;
      else hi = mid;
    }
    return lo < params.astral_count && astral[lo].cp == cp ? astral[lo].cls : 0;
  }
  bool byte_exact() const noexcept { return (params.flags & (image_fold_width | image_ignorables)) == 0; }
  std::string_view pattern_text(std::uint32_t i) const noexcept {
    return {blob + patterns[i].text_offset, patterns[i].text_size};
  }
  std::string_view payload(std::uint32_t i) const noexcept {
    return {blob + patterns[i].payload_offset, patterns[i].payload_size};
  }
};

inline std::uint32_t load_u32(const unsigned char* p) noexcept {
  std::uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}
inline std::uint64_t load_u64_le(const unsigned char* p) noexcept {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

/// Writes an image from its sections (used by the builder). `sections[i]` is the
/// content of section id i+1.
inline aligned_bytes write_match_image(const std::vector<std::string>& sections) {
  const std::size_t dir = match_header_size;
  std::size_t at = dir + sections.size() * 24;
  at = (at + 7) & ~std::size_t{7};
  std::vector<std::size_t> offsets;
  for (const std::string& s : sections) {
    offsets.push_back(at);
    at = (at + s.size() + 7) & ~std::size_t{7};
  }
  aligned_bytes words;
  words.resize(at);  // zero-filled
  unsigned char* out = words.data();
  auto put32 = [&](std::size_t off, std::uint32_t v) { std::memcpy(out + off, &v, 4); };
  auto put64 = [&](std::size_t off, std::uint64_t v) { std::memcpy(out + off, &v, 8); };
  for (std::size_t i = 0; i < sections.size(); ++i) {
    put32(dir + i * 24, static_cast<std::uint32_t>(i + 1));
    put64(dir + i * 24 + 8, offsets[i]);
    put64(dir + i * 24 + 16, sections[i].size());
    if (!sections[i].empty()) std::memcpy(out + offsets[i], sections[i].data(), sections[i].size());
  }
  std::memcpy(out, match_magic, 8);
  put32(8, match_image_version);
  put32(12, static_cast<std::uint32_t>(match_header_size));
  put64(16, at);
  put32(32, static_cast<std::uint32_t>(sections.size()));
  put32(36, match_endian_mark);
  put64(24, checksum64(out + match_header_size, at - match_header_size));
  return words;
}

namespace match_check {
inline error corrupt(const std::string& what) {
  return make_error(errc::corrupt_data, "match automaton image: " + what);
}
}  // namespace match_check

/// Checks an image's header, checksum, directory and every table invariant, and
/// fills `t` with views into `bytes`. `bytes` must be 8-byte aligned. With
/// `trusted` (an image this process just built) the O(n) checks are skipped.
inline result<match_tables> read_match_image(std::string_view bytes, bool trusted = false) {
  using match_check::corrupt;
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t n = bytes.size();
  if (n < match_header_size) return corrupt("truncated (" + std::to_string(n) + " bytes, header needs 64)");
  if (std::memcmp(p, match_magic, 8) != 0) return corrupt("bad magic (not a zhtext match automaton)");
  if (load_u32(p + 36) != match_endian_mark) return corrupt("wrong byte order or damaged header");
  const std::uint32_t version = load_u32(p + 8);
  if (version != match_image_version)
    return make_error(errc::corrupt_data, "match automaton image: version " + std::to_string(version) +
                                              " is not supported (this zhtext reads version " +
                                              std::to_string(match_image_version) + ")");
  if (load_u64_le(p + 16) != n)
    return corrupt("size mismatch: header says " + std::to_string(load_u64_le(p + 16)) + " bytes, got " +
                   std::to_string(n) + " (truncated or padded file)");
  if (load_u32(p + 12) != match_header_size) return corrupt("bad header size");
  for (std::size_t i = 40; i < match_header_size; ++i)
    if (p[i] != 0) return corrupt("damaged header (reserved bytes are not zero)");
  if (!trusted && checksum64(p + match_header_size, n - match_header_size) != load_u64_le(p + 24))
    return corrupt("checksum mismatch (damaged file)");
  const std::uint32_t count = load_u32(p + 32);
  if (count != match_section_count) return corrupt("unexpected section count " + std::to_string(count));
  if (match_header_size + std::size_t{count} * 24 > n) return corrupt("section directory out of bounds");

  std::string_view sec[match_section_count + 1];
  for (std::uint32_t i = 0; i < count; ++i) {
    const unsigned char* d = p + match_header_size + i * 24;
    const std::uint32_t id = load_u32(d);
    const std::uint64_t off = load_u64_le(d + 8), size = load_u64_le(d + 16);
    if (id != i + 1) return corrupt("section directory out of order");
    if (off % 8 != 0 || off > n || size > n - off) return corrupt("section " + std::to_string(id) + " out of bounds");
    sec[id] = bytes.substr(static_cast<std::size_t>(off), static_cast<std::size_t>(size));
  }
  auto get = [&](match_section s) { return sec[static_cast<std::uint32_t>(s)]; };
  match_tables t;
  if (get(match_section::params).size() != sizeof(match_params)) return corrupt("bad params section");
  std::memcpy(&t.params, get(match_section::params).data(), sizeof(match_params));
  const match_params& m = t.params;
  const std::uint64_t N = m.slot_count, K = m.classes;
  if (K == 0 || K > 0x7FFFFFFFu || N == 0 || N > 0xFFFFFFF0u || m.pattern_count == match_none)
    return corrupt("bad parameters");
  if ((m.filter_bits != 0) != ((m.flags & image_prefilter) != 0)) return corrupt("bad prefilter parameters");
  if (m.filter_bits != 0 &&
      (m.filter_bits < 6 || m.filter_bits > 30 || (m.filter_window != 4 && m.filter_window != 5) ||
       m.min_bytes < m.filter_window + 1 || (m.flags & (image_fold_width | image_ignorables)) != 0 ||
       (m.flags & image_prefilter) == 0))
    return corrupt("bad prefilter parameters");
  struct expect { match_section s; std::uint64_t bytes; };
  const std::uint64_t filter_bytes = m.filter_bits == 0 ? 0 : (std::uint64_t{1} << m.filter_bits) / 8;
  const expect sizes[] = {
      {match_section::ascii, 128 * 4},        {match_section::index2, 32 * 4},
      {match_section::index3, 1024 * 4},      {match_section::blocks, m.block_count * 64 * 4},
      {match_section::astral, m.astral_count * sizeof(match_astral)},
      {match_section::slots, N * sizeof(match_slot)}, {match_section::flags, N},
      {match_section::fail, N * 4},           {match_section::own, N * 4},
      {match_section::dict, N * 4},           {match_section::root_next, K * 4},
      {match_section::filter, filter_bytes},  {match_section::patterns, std::uint64_t{m.pattern_count} * sizeof(match_pattern)},
      {match_section::blob, m.blob_size},     {match_section::ignorables, m.ignorable_count * 4},
  };
  for (const expect& e : sizes)
    if (m.block_count > (1u << 26) || m.astral_count > 0x110000 || m.ignorable_count > 0x110000 ||
        get(e.s).size() != e.bytes)
      return corrupt("section " + std::to_string(static_cast<std::uint32_t>(e.s)) + " has the wrong size");
  auto u32s = [&](match_section s) { return reinterpret_cast<const std::uint32_t*>(get(s).data()); };
  t.ascii = u32s(match_section::ascii);
  t.index2 = u32s(match_section::index2);
  t.index3 = u32s(match_section::index3);
  t.blocks = u32s(match_section::blocks);
  t.astral = reinterpret_cast<const match_astral*>(get(match_section::astral).data());
  t.slots = reinterpret_cast<const match_slot*>(get(match_section::slots).data());
  t.flags = reinterpret_cast<const std::uint8_t*>(get(match_section::flags).data());
  t.fail = u32s(match_section::fail);
  t.own = u32s(match_section::own);
  t.dict = u32s(match_section::dict);
  t.root_next = u32s(match_section::root_next);
  t.filter = m.filter_bits == 0 ? nullptr : u32s(match_section::filter);
  t.patterns = reinterpret_cast<const match_pattern*>(get(match_section::patterns).data());
  t.blob = get(match_section::blob).data();
  t.ignorables = u32s(match_section::ignorables);
  if (trusted) return t;

  // Class tables: every class < K (or the ignorable class), every block offset a
  // multiple of 64 inside `blocks`, nothing below U+0800 reachable through index3.
  const bool has_ign = (m.flags & image_ignorables) != 0;
  if (has_ign != (m.ignorable_class != match_none) || (has_ign && m.ignorable_class >= K))
    return corrupt("bad ignorable class");
  if (m.block_count == 0) return corrupt("no class blocks");
  for (std::uint64_t i = 0; i < m.block_count * 64; ++i)
    if (t.blocks[i] >= K) return corrupt("class table value out of range");
  for (std::uint32_t i = 0; i < 64; ++i)
    if (t.blocks[i] != 0) return corrupt("class block 0 must be empty");
  for (std::uint32_t i = 0; i < 128; ++i)
    if (t.ascii[i] >= K) return corrupt("ascii class out of range");
  for (std::uint32_t i = 0; i < 32 + 1024; ++i) {
    const std::uint32_t v = i < 32 ? t.index2[i] : t.index3[i - 32];
    if (v % 64 != 0 || v / 64 >= m.block_count) return corrupt("class index out of range");
  }
  for (std::uint32_t i = 0; i < 32; ++i)
    if (t.index3[i] != 0) return corrupt("class index maps overlong forms");
  for (std::uint64_t i = 0; i < m.astral_count; ++i)
    if (t.astral[i].cls >= K || t.astral[i].cp < 0x10000 || t.astral[i].cp > 0x10FFFF ||
        (i > 0 && t.astral[i].cp <= t.astral[i - 1].cp))
      return corrupt("astral class table malformed");

  // States: anything the scanner can land on must leave room for any class.
  auto state_ok = [&](std::uint64_t s) { return s + K <= N && (t.flags[s] & state_is_state) != 0; };
  if (!state_ok(m.root)) return corrupt("bad root state");
  for (std::uint64_t c = 0; c < K; ++c)
    if (!state_ok(t.root_next[c])) return corrupt("bad root transition");
  for (std::uint64_t i = 0; i < N; ++i) {
    const match_slot s = t.slots[i];
    if (s.check != match_none && (!state_ok(s.check) || !state_ok(s.next))) return corrupt("bad transition slot");
    if ((t.flags[i] & state_is_state) == 0) continue;
    if (i + K > N) return corrupt("state too close to the end of the array");
    if (t.fail[i] != match_none && !state_ok(t.fail[i])) return corrupt("bad failure link");
    if ((t.flags[i] & state_fail_chain) != 0 && t.fail[i] == match_none) return corrupt("missing failure link");
    if (t.own[i] != match_none && t.own[i] >= m.pattern_count) return corrupt("bad output pattern");
    if (t.dict[i] != match_none && (!state_ok(t.dict[i]) || t.own[t.dict[i]] == match_none))
      return corrupt("bad dictionary link");
    if ((t.flags[i] & state_output) != 0 && t.own[i] == match_none && t.dict[i] == match_none)
      return corrupt("output state without output");
  }
  // Fail and dict chains must end (no cycles): memoised walk, 0 = unseen,
  // 1 = on the current path, 2 = known to end.
  for (const std::uint32_t* link : {t.fail, t.dict}) {
    std::vector<std::uint8_t> mark(static_cast<std::size_t>(N), 0);
    std::vector<std::uint32_t> path;
    for (std::uint64_t i = 0; i < N; ++i) {
      if ((t.flags[i] & state_is_state) == 0 || mark[i] != 0) continue;
      std::uint32_t x = static_cast<std::uint32_t>(i);
      while (x != match_none && mark[x] == 0) {
        mark[x] = 1;
        path.push_back(x);
        x = link[x];
      }
      if (x != match_none && mark[x] == 1) return corrupt("cycle in a failure or dictionary chain");
      for (std::uint32_t y : path) mark[y] = 2;
      path.clear();
    }
  }
  for (std::uint32_t i = 0; i < m.pattern_count; ++i) {
    const match_pattern& q = t.patterns[i];
    if (q.text_offset > m.blob_size || q.text_size > m.blob_size - q.text_offset ||
        q.payload_offset > m.blob_size || q.payload_size > m.blob_size - q.payload_offset ||
        q.chars == 0 || q.bytes < q.chars || q.chars > m.max_chars || q.bytes > m.max_bytes || q.bytes < m.min_bytes ||
        (q.duplicate_of != match_none && q.duplicate_of >= i))
      return corrupt("bad pattern entry " + std::to_string(i));
  }
  if (m.max_chars > (1u << 24)) return corrupt("pattern too long");
  for (std::uint64_t i = 0; i < m.ignorable_count; ++i)
    if (t.ignorables[i] > 0x10FFFF) return corrupt("bad ignorable character");
  return t;
}

}  // namespace zhtext::detail
