// inputs.hpp - what a `zhtext` subcommand reads: its positional arguments expanded
// into inputs. Files, directories (read recursively: the files whose name matches
// --glob, default "*.txt", in sorted path order; hidden entries and symbolic links to
// directories are skipped), or "-" for standard input; no argument = standard input.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "options.hpp"

namespace cli {

/// One input after expansion: a file (found in a directory or named on the command
/// line) or standard input.
struct input {
  std::string name;       ///< as shown in messages and outputs; "<stdin>" for "-"
  std::string path;       ///< what to open; empty for standard input
};

/// Expands the positional arguments (none = "-") into inputs: directories become
/// their matching files (recursively, sorted by path). Reports each argument that
/// cannot be read ("cannot open 'x': reason") and sets `status` to exit_io for it.
std::vector<input> expand_inputs(const args& a, int& status);

/// Whether outputs name their input: there can be more than one (several arguments,
/// or a directory, even one holding a single file, so the output's shape never
/// depends on how many files a directory happens to hold).
bool names_inputs(const args& a);

/// A text encoding other than UTF-8, recognised from the first bytes of a file.
enum class foreign_encoding { none, utf16le, utf16be, utf32le, utf32be, gb18030, big5 };

/// How many first bytes detect_encoding looks at.
inline constexpr std::size_t encoding_sniff_bytes = 4096;

/// The encoding of a text whose first bytes (up to encoding_sniff_bytes; fewer for a
/// short text) are `head`, when it is recognisably not UTF-8:
///  - UTF-32/UTF-16 by their byte-order mark (FF FE 00 00, 00 00 FE FF, FF FE, FE FF);
///  - UTF-16 without one by NUL-interleaving (Latin letters, digits and spaces are a
///    byte and a NUL in UTF-16): the first 4 byte pairs are such, or 3 pairs in 4 of
///    the first 256 (a pair of two NULs never counts: a NUL flood is not UTF-16);
///  - GB18030 (and its subsets GBK and GB2312): the head is not valid UTF-8, the bytes
///    before its first invalid sequence are ASCII (a UTF-8 text with a stray bad byte
///    has UTF-8 characters before it), the whole head decodes cleanly as GB18030 (a
///    character cut by the end of the head allowed), and at least 4 of 5 of its
///    non-ASCII characters are GB2312 double-byte Han or full-width punctuation and
///    symbols (lead bytes A1-A9 and B0-F7, trail A1-FE), which is what Chinese text is
///    made of. Latin-1 and other single-byte texts fail the last test;
///  - Big5, when the GB18030 test fails: the same ASCII start, the head decodes cleanly
///    as Big5, and 4 of 5 of its double-byte characters have a lead byte A1-F9 (Big5's
///    symbols and Han; a short Big5 text can pass for GB18030, whose message says "or
///    another legacy Chinese encoding");
///  - UTF-16 without a byte-order mark and without Latin letters (Chinese text), in a
///    head that is not UTF-8: read as UTF-16, 9 in 10 of its first code units (at least
///    4) are CJK ideographs, CJK/full-width/general punctuation or ASCII, half of them
///    CJK, 16 distinct (1 in 16 of fewer), and a fifth of its bytes or more are not ASCII (see
///    utf16_chinese in inputs.cpp).
/// Anything else is foreign_encoding::none (UTF-8, or invalid UTF-8 that --on-invalid
/// handles).
foreign_encoding detect_encoding(std::string_view head);

/// "FILE is UTF-16LE text (byte-order mark FF FE), not UTF-8; convert it first: iconv
/// -f UTF-16 -t UTF-8 FILE > FILE.utf8" and the like, for the input or data file
/// named `name` ("<stdin>": "... -t UTF-8 < INPUT").
std::string encoding_message(foreign_encoding e, std::string_view head, const std::string& name);

/// Checks a file the command reads besides its inputs (--stop-words, --idf,
/// --patterns, --dict, --user-dict ...) with detect_encoding before it is loaded:
/// prints "--OPTION: <encoding_message>" and returns exit_check_failed when it is not
/// UTF-8 (as an input failing the check); "cannot read 'FILE': a character device, not
/// a regular file" and exit_io for a device or socket (/dev/zero would be read without
/// end); exit_ok otherwise, also when the file cannot be read (its loader reports that). `bom`, when given, tells whether the file starts
/// with a UTF-8 BOM: the program drops it (zhtext::without_utf8_bom), as at the start
/// of every input; zhtext's own loaders and jieba's dictionary loaders do, and the
/// commands drop it before the loaders that keep it as jieba does (keywords --idf,
/// --stop-words).
int check_data_file(const args& a, const std::string& option, const std::string& path, bool* bom = nullptr);

}  // namespace cli
