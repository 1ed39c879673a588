// zhtext/detail/convert/ocd2.hpp - reads OpenCC's binary dictionaries (.ocd2) directly.
//
// An .ocd2 file (OpenCC 1.1, MarisaDict) is three parts, little-endian:
//   1. the header "OPENCC_MARISA_0.2.5" (19 bytes);
//   2. a marisa-trie (Yata's LOUDS trie, marisa 0.2) holding the keys, as marisa
//      writes it: "We love Marisa.\0", then one LOUDS trie whose labels longer than a
//      byte live in a next trie (recursively) or, in the last one, in a tail;
//   3. the values (OpenCC's SerializedValues): u32 item count, u32 byte count, the
//      values as NUL-terminated strings, then per item a u16 value count and a u16
//      size (terminator included) per value. Item i holds the values of marisa key id i.
//
// The LOUDS parts, in order: louds, terminal and link flags (bit vectors: u64 byte
// count + 64-bit words padded to 8 bytes, u32 bit count, u32 ones, then rank and
// select indexes this reader skips), bases (one byte per node), extras (a packed
// vector: words, u32 bits per value, u32 mask, u64 count), the tail (bytes + end flags,
// NUL-terminated strings when the flags are empty), the next trie when some node has a
// link and the tail is empty, the cache (skipped: it only speeds marisa's own
// searches), u32 level-1 node count and u32 flags. Nodes are numbered breadth first;
// the louds bits are "10" then, per node, a 1 per child and a 0. A node's label is the
// byte bases[node] or, when its link flag is set, the string number
// bases[node] | extras[rank of the link] << 8 of the next trie (restored by walking up
// from that node to a child of the root) or the tail's string at that offset. Key ids
// are the ranks of the terminal nodes.
//
// Everything read is hostile: every size and index is checked against the file, keys
// are bounded (opencc_max_key_bytes each, 16x the file size in all), and any
// inconsistency is an error naming the file and what is wrong. Values are read as
// OpenCC reads them: up to the first NUL, the first value of an item only; an item
// without values converts to its key. Cost: linear in the file and its keys.
// Pure; thread-safe.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "../../result.hpp"
#include "../unicode/utf8_decode.hpp"
#include "dict_entries.hpp"

namespace zhtext::detail {

namespace ocd2 {

inline constexpr std::string_view opencc_header = "OPENCC_MARISA_0.2.5";
inline constexpr std::string_view marisa_header{"We love Marisa.\0", 16};
inline constexpr int max_tries = 16;

/// A bounds-checked little-endian reader over the file. After the first failure every
/// read fails and `error` says what was being read.
struct cursor {
  std::string_view s;
  std::size_t pos = 0;
  std::string error;

  bool fail(const std::string& what) {
    if (error.empty()) error = what;
    return false;
  }
  bool take(std::size_t n, std::string_view& out, const char* what) {
    if (!error.empty()) return false;
    if (n > s.size() - pos) return fail(std::string("truncated (") + what + ")");
    out = s.substr(pos, n);
    pos += n;
    return true;
  }
  template <class T>
  bool integer(T& v, const char* what) {
    std::string_view b;
    if (!take(sizeof(T), b, what)) return false;
    v = 0;
    for (std::size_t i = sizeof(T); i-- > 0;) v = static_cast<T>((v << 8) | static_cast<unsigned char>(b[i]));
    return true;
  }
  // marisa's Vector<T>: u64 byte count, the bytes, padding to a multiple of 8.
  bool vector(std::size_t elem, std::string_view& out, const char* what) {
    std::uint64_t n = 0;
    if (!integer(n, what)) return false;
    if (n % elem != 0) return fail(std::string("bad vector size (") + what + ")");
    if (n > s.size()) return fail(std::string("truncated (") + what + ")");
    if (!take(static_cast<std::size_t>(n), out, what)) return false;
    std::string_view pad;
    return take(static_cast<std::size_t>((8 - n % 8) % 8), pad, what);
  }
};

struct bit_vector {
  std::string_view bytes;
  std::size_t size = 0, ones = 0;
  bool operator[](std::size_t i) const noexcept { return (static_cast<unsigned char>(bytes[i >> 3]) >> (i & 7)) & 1; }

  bool read(cursor& c, const char* what) {
    std::uint32_t n = 0, k = 0;
    std::string_view skipped;
    if (!c.vector(8, bytes, what) || !c.integer(n, what) || !c.integer(k, what)) return false;
    if (n > bytes.size() * 8) return c.fail(std::string("bit count past its words (") + what + ")");
    size = n;
    std::size_t counted = 0;
    for (std::size_t i = 0; i < size; ++i) counted += (*this)[i];
    if (counted != k) return c.fail(std::string("wrong count of ones (") + what + ")");
    ones = k;
    // rank index (12-byte entries), select0 and select1 indexes: not needed here
    return c.vector(12, skipped, what) && c.vector(4, skipped, what) && c.vector(4, skipped, what);
  }
};

struct flat_vector {
  std::string_view bytes;
  std::uint32_t width = 0;
  std::uint64_t size = 0;
  std::uint32_t operator[](std::size_t i) const noexcept {
    std::uint32_t v = 0;
    const std::uint64_t bit = std::uint64_t{i} * width;
    for (std::uint32_t k = 0; k < width; ++k) {
      const std::uint64_t b = bit + k;
      v |= static_cast<std::uint32_t>((static_cast<unsigned char>(bytes[b >> 3]) >> (b & 7)) & 1) << k;
    }
    return v;
  }
  bool read(cursor& c, const char* what) {
    std::uint32_t mask = 0;
    if (!c.vector(8, bytes, what) || !c.integer(width, what) || !c.integer(mask, what) || !c.integer(size, what))
      return false;
    if (width > 32) return c.fail(std::string("bad value width (") + what + ")");
    if (width != 0 && size > bytes.size() * 8 / width)
      return c.fail(std::string("values past their words (") + what + ")");
    return true;
  }
};

/// One LOUDS trie of the marisa structure (the first, or a next trie).
struct louds_trie {
  std::vector<std::uint32_t> parent;     // parent[0] = 0
  std::vector<std::uint32_t> first;      // first child id (children are consecutive)
  std::vector<std::uint32_t> children;   // number of children
  std::vector<std::uint32_t> link_rank;  // rank of the node's link among links
  bit_vector louds, terminal, link;
  std::string_view bases;
  flat_vector extras;
  std::string_view tail;
  bit_vector tail_ends;
  std::uint32_t level1 = 0;

  bool read(cursor& c, std::vector<louds_trie>& tries, int level) {
    if (!louds.read(c, "louds bits") || !terminal.read(c, "terminal flags") || !link.read(c, "link flags") ||
        !c.vector(1, bases, "node labels") || !extras.read(c, "link extras") || !c.vector(1, tail, "tail") ||
        !tail_ends.read(c, "tail end flags"))
      return false;
    const std::size_t n = bases.size();
    if (n == 0 || n >= 0xFFFFFFFFu) return c.fail("trie without nodes");
    // Only the first trie has terminal flags (n + 1 of them); next tries have none.
    if (link.size != n || (level == 0 ? terminal.size < n : terminal.size != 0))
      return c.fail("flag vectors do not match the nodes");
    if (extras.size != link.ones) return c.fail("link extras do not match the links");
    if (!tail_ends.bytes.empty() && tail_ends.size != tail.size()) return c.fail("tail end flags do not match the tail");
    if (link.ones != 0 && tail.empty()) {
      if (level + 1 >= max_tries) return c.fail("too many nested tries");
      louds_trie next;
      if (!next.read(c, tries, level + 1)) return false;
      tries.push_back(std::move(next));  // tries[level + 1] once every level has returned
    }
    std::string_view cache;
    std::uint32_t flags = 0;
    if (!c.vector(12, cache, "cache") || !c.integer(level1, "level-1 node count") || !c.integer(flags, "flags"))
      return false;
    // LOUDS: "10" (the root), then per node a 1 per child and a 0; then a final 0.
    if (louds.size < 2 || !louds[0] || louds[1]) return c.fail("bad louds bits");
    parent.assign(n, 0);
    first.assign(n, 0);
    children.assign(n, 0);
    std::size_t node = 0, next_id = 1;
    first[0] = 1;
    for (std::size_t i = 2; i < louds.size && node < n; ++i) {
      if (louds[i]) {
        if (next_id >= n) return c.fail("louds bits hold more nodes than the labels");
        if (node >= next_id) return c.fail("louds bits give a node a later parent");
        parent[next_id++] = static_cast<std::uint32_t>(node);
        ++children[node];
      } else if (++node < n) {
        first[node] = static_cast<std::uint32_t>(next_id);
      }
    }
    if (next_id != n || node != n) return c.fail("louds bits do not describe the nodes");
    if (level1 != children[0]) return c.fail("wrong level-1 node count");
    link_rank.assign(n, 0);
    std::uint32_t r = 0;
    for (std::size_t i = 0; i < n; ++i) {
      link_rank[i] = r;
      r += link[i];
    }
    if (link[0]) return c.fail("the root has a label");
    return true;
  }
};

/// The keys of a marisa structure: tries[0] is the first trie, tries[k] the next of
/// tries[k - 1]; the last one may hold a tail.
struct marisa_keys {
  std::vector<louds_trie> tries;
  std::size_t budget = 0;  // bytes the restored keys may still take
  std::string error;

  // Appends node `id`'s label of trie `t` (forward order).
  bool append_label(std::size_t t, std::size_t id, std::string& out) {
    const louds_trie& tr = tries[t];
    if (!tr.link[id]) return push(out, std::string_view(&tr.bases[id], 1));
    const std::uint64_t target =
        static_cast<unsigned char>(tr.bases[id]) | (std::uint64_t{tr.extras[tr.link_rank[id]]} << 8);
    if (t + 1 < tries.size()) return append_restored(t + 1, target, out);
    if (tr.tail.empty() || target >= tr.tail.size()) return fail("link past the tail");
    std::size_t i = static_cast<std::size_t>(target);
    if (tr.tail_ends.bytes.empty()) {  // NUL-terminated strings
      const std::size_t end = tr.tail.find('\0', i);
      if (end == std::string_view::npos || end == i) return fail("unterminated tail string");
      return push(out, tr.tail.substr(i, end - i));
    }
    const std::size_t start = i;
    while (!tr.tail_ends[i])
      if (++i >= tr.tail.size()) return fail("unterminated tail string");
    return push(out, tr.tail.substr(start, i + 1 - start));
  }
  // Appends the string of node `id` of trie `t` (a next trie): the labels from the node
  // up to a child of the root, in that order (next tries hold their strings reversed).
  bool append_restored(std::size_t t, std::uint64_t id, std::string& out) {
    const louds_trie& tr = tries[t];
    if (id == 0 || id >= tr.parent.size()) return fail("link to a node that does not exist");
    for (std::size_t node = static_cast<std::size_t>(id);;) {
      if (!append_label(t, node, out)) return false;
      const std::size_t up = tr.parent[node];
      if (up == 0) return true;
      node = up;
    }
  }
  bool push(std::string& out, std::string_view s) {
    if (s.size() > budget || out.size() + s.size() > opencc_max_key_bytes)
      return fail("keys longer than " + std::to_string(opencc_max_key_bytes) + " bytes or past 16x the file size");
    budget -= s.size();
    out += s;
    return true;
  }
  bool fail(const std::string& why) {
    if (error.empty()) error = why;
    return false;
  }
};

}  // namespace ocd2

/// Reads an .ocd2 dictionary (see the top of this file), calling
/// on_entry(key, values) for each entry in key id order (`values`: all of the entry's
/// values, as OpenCC reads them). `name` names the file in errors ("name: what is
/// wrong"). Errors: errc::corrupt_data.
template <class OnEntry>
result<void> read_ocd2_entries(std::string_view file, const std::string& name, OnEntry&& on_entry) {
  auto fail = [&](const std::string& why) {
    return make_error(errc::corrupt_data, name + ": " + why + " (not a valid OpenCC .ocd2 dictionary)");
  };
  if (file.substr(0, ocd2::opencc_header.size()) != ocd2::opencc_header) return fail("no OPENCC_MARISA_0.2.5 header");
  ocd2::cursor c{file, ocd2::opencc_header.size(), {}};
  std::string_view magic;
  if (!c.take(ocd2::marisa_header.size(), magic, "marisa header") || magic != ocd2::marisa_header)
    return fail("no marisa-trie header");
  ocd2::marisa_keys keys;
  {
    ocd2::louds_trie first;
    std::vector<ocd2::louds_trie> nested;  // deepest first
    if (!first.read(c, nested, 0)) return fail(c.error);
    keys.tries.push_back(std::move(first));
    for (std::size_t i = nested.size(); i-- > 0;) keys.tries.push_back(std::move(nested[i]));
  }
  keys.budget = 16 * file.size() + 65536;

  // Keys in id order: depth-first over the first trie, key id = rank of the terminal.
  const ocd2::louds_trie& t0 = keys.tries[0];
  const std::size_t n = t0.parent.size();
  std::vector<std::uint32_t> id_of(n, 0);
  std::uint32_t n_keys = 0;
  for (std::size_t i = 0; i < n; ++i)
    if (t0.terminal[i]) id_of[i] = n_keys++;
  if (t0.terminal[0]) return fail("the empty string is a key");
  std::vector<std::uint32_t> key_begin(n_keys, 0), key_size(n_keys, 0);
  std::string key_bytes, path;
  struct frame {
    std::uint32_t node;
    std::size_t path_size;
  };
  std::vector<frame> stack{{0, 0}};
  while (!stack.empty()) {
    const frame f = stack.back();
    stack.pop_back();
    path.resize(f.path_size);
    if (f.node != 0 && !keys.append_label(0, f.node, path)) return fail(keys.error);
    if (t0.terminal[f.node]) {
      key_begin[id_of[f.node]] = static_cast<std::uint32_t>(key_bytes.size());
      key_size[id_of[f.node]] = static_cast<std::uint32_t>(path.size());
      key_bytes += path;
      if (key_bytes.size() > 0xFFFFFFF0u) return fail("keys too large");
    }
    for (std::uint32_t k = t0.children[f.node]; k-- > 0;) stack.push_back({t0.first[f.node] + k, path.size()});
  }

  // The values.
  std::uint32_t items = 0, total = 0;
  std::string_view values;
  if (!c.integer(items, "value count") || !c.integer(total, "value bytes") || !c.take(total, values, "values"))
    return fail(c.error);
  if (items != n_keys)
    return fail("the value table has " + std::to_string(items) + " items for " + std::to_string(n_keys) + " keys");
  std::size_t offset = 0;
  std::vector<std::string_view> item;
  for (std::uint32_t i = 0; i < items; ++i) {
    std::uint16_t count = 0;
    if (!c.integer(count, "value sizes")) return fail(c.error);
    const std::string_view key(key_bytes.data() + key_begin[i], key_size[i]);
    if (!is_valid_utf8(key)) return fail("key " + std::to_string(i) + " is not valid UTF-8");
    item.clear();
    for (std::uint16_t j = 0; j < count; ++j) {
      std::uint16_t size = 0;
      if (!c.integer(size, "value sizes")) return fail(c.error);
      if (size > values.size() - offset) return fail("a value runs past the value bytes");
      const std::string_view v = values.substr(offset, size);
      const std::size_t nul = v.find('\0');
      if (nul == std::string_view::npos) return fail("a value is not NUL-terminated");
      if (!is_valid_utf8(v.substr(0, nul))) return fail("a value of key " + std::to_string(i) + " is not valid UTF-8");
      item.push_back(v.substr(0, nul));
      offset += size;
    }
    on_entry(key, item);
  }
  if (offset != values.size()) return fail("value bytes left over");
  if (c.pos != file.size()) return fail(std::to_string(file.size() - c.pos) + " bytes after the value table");
  return {};
}

/// Reads an .ocd2 dictionary into the entries conversion uses: each key with its first
/// value (an entry without values converts to its key, as in OpenCC; a key read twice,
/// which a real .ocd2 cannot hold, keeps its first entry, as the compiler did). Errors: as
/// read_ocd2_entries().
inline result<opencc_dict> read_ocd2(std::string_view file, const std::string& name) {
  opencc_dict out;
  bool too_large = false;
  auto r = read_ocd2_entries(file, name, [&](std::string_view key, const std::vector<std::string_view>& values) {
    const std::string_view value = values.empty() ? key : values.front();
    if (out.owned_bytes() + key.size() + value.size() >= 0xFFFFFFF0u) too_large = true;
    else out.add(key, value);
  });
  if (!r) return r.error();
  if (too_large) return make_error(errc::limit_exceeded, name + ": more than 4 GiB of keys and values");
  out.done();
  return out;
}

}  // namespace zhtext::detail
