// zhtext/formats.hpp - the text formats zhtext writes, for programs that write the
// same: TSV fields and JSON strings.
//
// TSV (the `zhtext` program's output, frequency tables' save_tsv): a field never holds
// a raw TAB or line break and is always well-formed UTF-8 without control characters,
// so it survives `sort`, `cut`, Hadoop Streaming and editors. The escaping is canonical
// (one spelling per byte string), so equal data always prints as equal bytes:
//
//   \  -> \\        TAB -> \t        LF -> \n        CR -> \r
//   other bytes 00..1F and 7F                  -> \xHH (two upper-case hex digits)
//   each byte of an ill-formed UTF-8 sequence  -> \xHH
//   everything else (well-formed UTF-8)        -> itself
//
// unescape_tsv_field reverses it exactly (hex digits in either case; any other byte
// verbatim; anything else after a backslash is an error).
//
// JSON: a string literal, quotes included; JSON text must be UTF-8, so each maximal
// ill-formed subpart of the input is written as U+FFFD (what decode_utf8 reads).
//
//   std::string line;
//   zhtext::append_tsv_field(line, "a\tb");       // a\tb (backslash, t)
//   line += '\t';
//   zhtext::append_json_string(line, "说\"好\"");  // "说\"好\""
//
// Pure functions; thread-safe; they never throw except std::bad_alloc from `out`.
#pragma once

#include <string>
#include <string_view>

#include "detail/formats/json.hpp"
#include "detail/formats/tsv.hpp"
#include "result.hpp"

namespace zhtext {

/// Appends `field` escaped for a TSV field (see the top of this header). O(n).
inline void append_tsv_field(std::string& out, std::string_view field) { detail::append_tsv_escaped(out, field); }

/// Decodes an escaped TSV field into `out` (replacing its content). Errors:
/// errc::parse_error naming the first bad escape (a lone backslash at the end, \x not
/// followed by two hex digits, an unknown escape); `out` then holds the field decoded
/// up to it. O(n).
inline result<void> unescape_tsv_field(std::string_view field, std::string& out) {
  if (const char* why = detail::tsv_unescape(field, out)) return make_error(errc::parse_error, why);
  return {};
}

/// Appends `s` as a JSON string literal, quotes included: " and \ escaped, control
/// characters as \n \t \r \b \f or \u00XX, ill-formed UTF-8 as U+FFFD (see the top of
/// this header). O(n).
inline void append_json_string(std::string& out, std::string_view s) { detail::append_json_string(out, s); }

}  // namespace zhtext
