// zhtext/detail/convert/opencc_text.hpp - OpenCC's text dictionaries ("type": "text",
// the format of OpenCC's data/dictionary/*.txt and of opencc_dict -t text).
//
// One entry per line: the key, a TAB, then the values separated by single spaces
// (OpenCC converts with the first value only). Read as OpenCC 1.1.6 reads them
// (Lexicon::ParseLexiconFromFile, TextDict::NewFromFile), checked with opencc_dict:
//  - a UTF-8 byte order mark at the start is skipped;
//  - lines end at '\n'; one '\r' before it is dropped (CRLF files); empty lines are
//    skipped;
//  - the key ends at the first TAB; everything after it, TABs included, is values;
//    the first value ends at the first space and may be empty ("a\t" converts "a" to
//    nothing, as OpenCC does);
//  - a line without a TAB and a key that appears twice are errors (OpenCC's too).
// Stricter than OpenCC, because its readings would be silent garbage: an empty key
// (OpenCC would loop forever on it), invalid UTF-8, a NUL byte and a '\r' inside a line
// are errors. Every error is "name:line: what is wrong".
// Memory: the entries point into `text` (dict_entries.hpp: 12 bytes a line, and the
// index of the keys while reading, 8 to 16 bytes a line), which the caller keeps while
// it uses them. Pure; thread-safe.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>

#include "../../result.hpp"
#include "../segment/dict_text.hpp"  // for_each_text_line
#include "../unicode/utf8_decode.hpp"
#include "dict_entries.hpp"

namespace zhtext::detail {

/// Parses an OpenCC text dictionary; its entries point into `text`, which must outlive
/// them. Errors: errc::parse_error ("name:line: why"), errc::limit_exceeded (a key over
/// opencc_max_key_bytes, or 4 GiB of text).
inline result<opencc_dict> parse_opencc_text(std::string_view text, const std::string& name) {
  text = without_utf8_bom(text);
  if (text.size() >= 0xFFFFFFF0u) return make_error(errc::limit_exceeded, name + ": larger than 4 GiB");
  opencc_dict out(text, 1);  // a value starts after the TAB that ends its key
  error failure{errc::parse_error, {}};
  for_each_text_line(text, [&](std::string_view line, std::size_t number) {
    auto fail = [&](errc code, const std::string& why) {
      failure = {code, name + ":" + std::to_string(number) + ": " + why};
      return false;
    };
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) return true;
    if (line.find('\0') != std::string_view::npos) return fail(errc::parse_error, "NUL byte in the line");
    if (line.find('\r') != std::string_view::npos) return fail(errc::parse_error, "carriage return inside the line");
    if (!is_valid_utf8(line)) return fail(errc::parse_error, "invalid UTF-8");
    const std::size_t tab = line.find('\t');
    if (tab == std::string_view::npos) return fail(errc::parse_error, "no TAB between the key and its values");
    if (tab == 0) return fail(errc::parse_error, "empty key");
    if (tab > opencc_max_key_bytes)
      return fail(errc::limit_exceeded, "key longer than " + std::to_string(opencc_max_key_bytes) + " bytes");
    const std::string_view values = line.substr(tab + 1);
    const std::size_t value_size = std::min(values.find(' '), values.size());
    const auto begin = static_cast<std::uint32_t>(line.data() - text.data());
    const auto [first, fresh] =
        out.insert({begin, static_cast<std::uint32_t>(tab)}, static_cast<std::uint32_t>(value_size));
    if (!fresh) {  // the first entry's line: the line ends before its key, plus one
      const std::size_t at = out.entries()[first].key.begin;
      const auto first_line = 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n');
      return fail(errc::parse_error, "duplicate key (first on line " + std::to_string(first_line) + ")");
    }
    return true;
  });
  if (!failure.message.empty()) return failure;
  out.done();
  return out;
}

}  // namespace zhtext::detail
