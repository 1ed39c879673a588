// zhtext/detail/formats/frequency_io.hpp - the row formats of frequency tables: parsing a TSV
// line, writing and reading the JSON document (formats specified in frequency.hpp).
//
// Pure functions and a reader object that lives for one parse; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

#include "../unicode/utf8_decode.hpp"
#include "json.hpp"
#include "tsv.hpp"

namespace zhtext::detail {

template <class Key, class Count>
struct tsv_row {
  Key token{};
  Count count = 0;
  Count df = 0;
};

template <class Count>
const char* check_counts(Count count, Count df) noexcept {
  if (count == 0) return "count must be at least 1";
  if (df == 0) return "df must be at least 1";
  if (df > count) return "df is greater than count";
  return nullptr;
}

/// Parses one TSV line (without its line end) `token<TAB>count<TAB>df`. For string
/// keys the token is unescaped into `scratch` and `r.token` views it. Returns nullptr
/// on success, else what is wrong.
template <class Key, class Count>
const char* parse_tsv_row(std::string_view line, std::string& scratch, tsv_row<Key, Count>& r) {
  const std::size_t t1 = line.find('\t');
  const std::size_t t2 = t1 == std::string_view::npos ? t1 : line.find('\t', t1 + 1);
  if (t2 == std::string_view::npos || line.find('\t', t2 + 1) != std::string_view::npos)
    return "expected 3 TAB-separated fields: token, count, df";
  const std::string_view token = line.substr(0, t1);
  if constexpr (std::is_same_v<Key, std::string_view>) {
    if (const char* err = tsv_unescape(token, scratch)) return err;
    if (scratch.empty()) return "empty token";
    r.token = scratch;
  } else {
    if (parse_unsigned(token, r.token) != nullptr) return "token is not a decimal number of the key type";
  }
  if (parse_unsigned(line.substr(t1 + 1, t2 - t1 - 1), r.count) != nullptr)
    return "count is not a decimal number of the count type";
  if (parse_unsigned(line.substr(t2 + 1), r.df) != nullptr) return "df is not a decimal number of the count type";
  return check_counts(r.count, r.df);
}

/// Appends one JSON row object (no separator).
template <class Key, class Count>
void append_json_row(std::string& out, const Key& token, Count count, Count df, std::uint64_t first_doc,
                     std::uint64_t first_offset, bool first_known) {
  if constexpr (std::is_same_v<Key, std::string_view>) {
    if (is_valid_utf8(token)) {
      out += "{\"token\":";
      append_json_string(out, token);
    } else {
      constexpr char hex[] = "0123456789abcdef";
      out += "{\"token_hex\":\"";
      for (char c : token) {
        out += hex[static_cast<unsigned char>(c) >> 4];
        out += hex[static_cast<unsigned char>(c) & 15];
      }
      out += '"';
    }
  } else {
    out += "{\"token\":";
    append_unsigned(out, token);
  }
  out += ",\"count\":";
  append_unsigned(out, count);
  out += ",\"df\":";
  append_unsigned(out, df);
  if (first_known) {
    out += ",\"first\":[";
    append_unsigned(out, first_doc);
    out += ',';
    append_unsigned(out, first_offset);
    out += ']';
  }
  out += '}';
}

/// Reads the JSON document of a frequency table, calling
/// `on_row(const tsv_row&, first_doc, first_offset)` per row (first_* are
/// first_position::unknown when absent); on_row returns false for a repeated token.
template <class Key, class Count>
class json_table_reader {
 public:
  json_table_reader(std::string_view text, std::string_view name) : in_(text, name) {}

  template <class OnRow>
  bool read(OnRow&& on_row, std::uint64_t& documents, std::uint64_t& first_document) {
    bool seen_format = false, seen_version = false, seen_docs = false, seen_first = false, seen_rows = false;
    std::string key, value;
    if (!in_.expect('{')) return false;
    if (in_.peek() != '}') {
      do {
        if (!in_.read_string(key) || !in_.expect(':')) return false;
        if (key == "format") {
          if (!once(seen_format, key) || !in_.read_string(value)) return false;
          if (value != "zhtext-frequency") return in_.fail("format is not \"zhtext-frequency\"");
        } else if (key == "version") {
          std::uint64_t v = 0;
          if (!once(seen_version, key) || !in_.read_unsigned(v)) return false;
          if (v != 1) return in_.fail("unsupported version " + std::to_string(v) + " (this reader knows 1)");
        } else if (key == "documents") {
          if (!once(seen_docs, key) || !in_.read_unsigned(documents)) return false;
        } else if (key == "first_document") {
          if (!once(seen_first, key) || !in_.read_unsigned(first_document)) return false;
        } else if (key == "rows") {
          if (!once(seen_rows, key) || !in_.expect('[')) return false;
          if (!in_.accept(']')) {
            do {
              if (!read_row(on_row)) return false;
            } while (in_.accept(','));
            if (!in_.expect(']')) return false;
          }
        } else {
          return in_.fail("unknown key \"" + key + "\"");
        }
      } while (in_.accept(','));
    }
    if (!in_.expect('}')) return false;
    if (!in_.at_end()) return in_.fail("text after the end of the document");
    if (!(seen_format && seen_version && seen_docs && seen_first && seen_rows))
      return in_.fail("missing one of the keys format, version, documents, first_document, rows");
    return true;
  }

  zhtext::error make_error() const { return in_.make(); }

 private:
  bool once(bool& seen, const std::string& key) {
    if (seen) return in_.fail("repeated key \"" + key + "\"");
    seen = true;
    return true;
  }

  template <class OnRow>
  bool read_row(OnRow& on_row) {
    bool has_token = false, has_hex = false, has_count = false, has_df = false, has_first = false;
    tsv_row<Key, Count> r;
    std::uint64_t fd = static_cast<std::uint64_t>(-1), fo = static_cast<std::uint64_t>(-1);
    std::string key;
    if (!in_.expect('{')) return false;
    if (in_.peek() != '}') {
      do {
        if (!in_.read_string(key) || !in_.expect(':')) return false;
        if (key == "token") {
          if (!once(has_token, key)) return false;
          if constexpr (std::is_same_v<Key, std::string_view>) {
            if (!in_.read_string(token_)) return false;
          } else {
            if (!in_.read_unsigned(r.token)) return false;
          }
        } else if (key == "token_hex" && std::is_same_v<Key, std::string_view>) {
          std::string hex;
          if (!once(has_hex, key) || !in_.read_string(hex)) return false;
          if (hex.size() % 2 != 0) return in_.fail("token_hex has an odd number of digits");
          token_.clear();
          for (std::size_t i = 0; i < hex.size(); i += 2) {
            const int hi = hex_value(hex[i]), lo = hex_value(hex[i + 1]);
            if (hi < 0 || lo < 0) return in_.fail("token_hex holds a character that is not a hex digit");
            token_ += static_cast<char>(hi * 16 + lo);
          }
        } else if (key == "count") {
          if (!once(has_count, key) || !in_.read_unsigned(r.count)) return false;
        } else if (key == "df") {
          if (!once(has_df, key) || !in_.read_unsigned(r.df)) return false;
        } else if (key == "first") {
          if (!once(has_first, key) || !in_.expect('[') || !in_.read_unsigned(fd) || !in_.expect(',') ||
              !in_.read_unsigned(fo) || !in_.expect(']'))
            return false;
        } else {
          return in_.fail("unknown key \"" + key + "\" in a row");
        }
      } while (in_.accept(','));
    }
    if (!in_.expect('}')) return false;
    if (has_token == has_hex) return in_.fail("a row needs exactly one of token, token_hex");
    if (!has_count || !has_df) return in_.fail("a row needs count and df");
    if constexpr (std::is_same_v<Key, std::string_view>) {
      if (token_.empty()) return in_.fail("empty token");
      r.token = token_;
    }
    if (const char* err = check_counts(r.count, r.df)) return in_.fail(err);
    if (!on_row(r, fd, fo)) return in_.fail("repeated token");
    return true;
  }

  json_reader in_;
  std::string token_;
};

}  // namespace zhtext::detail
