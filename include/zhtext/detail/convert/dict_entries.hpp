// zhtext/detail/convert/dict_entries.hpp - the entries of one OpenCC dictionary, as its
// readers (opencc_text.hpp for the text format, ocd2.hpp for the binary one) return
// them to the compiler (convert_image.hpp).
//
// OpenCC converts with the first value of an entry only (DictEntry::GetDefault), and an
// entry without values (possible in .ocd2 files) converts to its key; so an entry here
// is a key and the one value conversion uses. Keys are non-empty, distinct and, like
// values, well-formed UTF-8 (the readers check).
//
// Memory (dictionaries are hostile input): an entry is 12 bytes - where its key starts
// in the dictionary's bytes, the key's size and the value's size; the value starts
// value_gap bytes after the key. A text dictionary's bytes are its file, which the
// caller keeps (a line is KEY TAB VALUE...: value_gap 1); an .ocd2 dictionary's are
// copied into `bytes`, each key followed by its value (value_gap 0). The entries sit in
// a flat_map by key, in the order they were added, whose index finds a key added twice
// while the dictionary is read and is freed by done(). (Before: each key and value
// copied, 16 bytes an entry, and a std::unordered_map of the keys: ~150 bytes a line.)
// Movable.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "../containers/flat_map.hpp"

namespace zhtext::detail {

class opencc_dict {
 public:
  struct key_ref {  // where a key starts in source(), and its size
    std::uint32_t begin, size;
  };
  using entry = flat_map<key_ref, std::uint32_t>::entry;  ///< a key, and (`value`) its value's size

  /// Entries in `text` (which must outlive them), each value `value_gap` bytes after its key.
  opencc_dict(std::string_view text, std::uint32_t value_gap) : text_(text), gap_(value_gap), borrowed_(true) {}
  opencc_dict() = default;  ///< a dictionary that owns its bytes (add())

  const growable_array<entry>& entries() const noexcept { return table_.entries(); }
  std::string_view source() const noexcept { return borrowed_ ? text_ : std::string_view(bytes_); }
  std::string_view key(const entry& e) const noexcept { return source().substr(e.key.begin, e.key.size); }
  std::string_view value(const entry& e) const noexcept {
    return source().substr(std::size_t{e.key.begin} + e.key.size + gap_, e.value);
  }
  /// Adds key k (in source()) with a value of `value_size` bytes unless k is there (a
  /// borrowing dictionary): the number of k's entry and whether it is new.
  std::pair<std::size_t, bool> insert(key_ref k, std::uint32_t value_size) {
    return put(source().substr(k.begin, k.size), value_size, [&] { return k; });
  }
  /// Adds a copy of key -> value unless the key is there (an owning dictionary; the
  /// caller keeps owned_bytes() under 4 GiB).
  void add(std::string_view key, std::string_view value) {
    put(key, static_cast<std::uint32_t>(value.size()), [&] {
      const key_ref k{static_cast<std::uint32_t>(bytes_.size()), static_cast<std::uint32_t>(key.size())};
      (bytes_ += key) += value;
      return k;
    });
  }
  std::size_t owned_bytes() const noexcept { return bytes_.size(); }
  void done() noexcept { table_.release_index(); }  ///< frees the index: no more adding

 private:
  template <class MakeKey>
  std::pair<std::size_t, bool> put(std::string_view key, std::uint32_t value_size, MakeKey&& make_key) {
    auto key_of = [this](const key_ref& k) { return source().substr(k.begin, k.size); };
    const auto r = table_.find_or_insert(key, hash_bytes(key), make_key, key_of);
    if (r.second) table_[r.first].value = value_size;
    return r;
  }
  std::string bytes_;
  std::string_view text_;
  std::uint32_t gap_ = 0;
  bool borrowed_ = false;
  flat_map<key_ref, std::uint32_t> table_;
};

/// Longest key OpenCC dictionaries may hold here, in bytes (OpenCC's own are at most
/// 48 bytes long; the limit keeps a crafted file from expanding without bound).
inline constexpr std::size_t opencc_max_key_bytes = 4096;

}  // namespace zhtext::detail
