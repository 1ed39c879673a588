// zhtext/detail/convert/dict_entries.hpp - the entries of one OpenCC dictionary, as its
// readers (dict_text.hpp for the text format, ocd2.hpp for the binary one) return
// them to the compiler (convert_image.hpp).
//
// OpenCC converts with the first value of an entry only (DictEntry::GetDefault), and an
// entry without values (possible in .ocd2 files) converts to its key; so an entry here
// is a key and the one value conversion uses. Keys are non-empty and, like values,
// well-formed UTF-8 (the readers check). Owns its bytes; movable.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace zhtext::detail {

struct opencc_dict {
  struct entry {
    std::uint32_t key_begin, key_size, value_begin, value_size;
  };
  std::string bytes;           ///< keys and values, concatenated
  std::vector<entry> entries;  ///< in the file's order

  void add(std::string_view key, std::string_view value) {
    const auto kb = static_cast<std::uint32_t>(bytes.size());
    bytes += key;
    const auto vb = static_cast<std::uint32_t>(bytes.size());
    bytes += value;
    entries.push_back({kb, static_cast<std::uint32_t>(key.size()), vb, static_cast<std::uint32_t>(value.size())});
  }
  std::string_view key(const entry& e) const noexcept { return std::string_view(bytes).substr(e.key_begin, e.key_size); }
  std::string_view value(const entry& e) const noexcept {
    return std::string_view(bytes).substr(e.value_begin, e.value_size);
  }
};

/// Longest key OpenCC dictionaries may hold here, in bytes (OpenCC's own are at most
/// 48 bytes long; the limit keeps a crafted file from expanding without bound).
inline constexpr std::size_t opencc_max_key_bytes = 4096;

}  // namespace zhtext::detail
