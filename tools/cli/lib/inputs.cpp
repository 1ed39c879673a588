// inputs.cpp - expanding the positional arguments into inputs (inputs.hpp).
#include "inputs.hpp"

#include <fcntl.h>
#include <fnmatch.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <utility>

#include <zhtext/utf8.hpp>

namespace cli {

namespace {

namespace fs = std::filesystem;

bool hidden(const fs::path& p) {
  const std::string n = p.filename().string();
  return !n.empty() && n[0] == '.';
}

// Appends the files below `dir` that match `pattern`, reporting unreadable
// directories. `rel` is the path below the top directory argument.
void walk(const args& a, const fs::path& dir, const std::string& rel, const std::string& pattern,
          std::vector<std::pair<std::string, std::string>>& found, int& status) {
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  if (ec) {
    a.error("cannot read directory '" + dir.string() + "': " + ec.message());
    status = std::max(status, int(exit_io));
    return;
  }
  const bool on_path = pattern.find('/') != std::string::npos;
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec) break;
    const fs::path& p = it->path();
    if (hidden(p)) continue;
    const std::string name = p.filename().string();
    const std::string sub = rel.empty() ? name : rel + "/" + name;
    std::error_code ec2;
    const fs::file_status st = it->status(ec2);  // follows symbolic links
    if (ec2) continue;                           // a dangling link: not a file
    if (fs::is_directory(st)) {
      if (it->is_symlink(ec2)) continue;  // no loops through linked directories
      walk(a, p, sub, pattern, found, status);
    } else if (fs::is_regular_file(st)) {
      const std::string& subject = on_path ? sub : name;
      if (fnmatch(pattern.c_str(), subject.c_str(), on_path ? FNM_PATHNAME : 0) == 0)
        found.emplace_back(sub, p.string());
    }
  }
  if (ec) {
    a.error("cannot read directory '" + dir.string() + "': " + ec.message());
    status = std::max(status, int(exit_io));
  }
}

bool is_directory(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

}  // namespace

std::vector<input> expand_inputs(const args& a, int& status) {
  std::vector<std::string> names = a.positional();
  if (names.empty()) names.push_back("-");
  const std::string pattern = a.glob();
  std::vector<input> inputs;
  for (const std::string& name : names) {
    if (name == "-") {
      inputs.push_back({"<stdin>", ""});
      continue;
    }
    struct stat st {};
    if (::stat(name.c_str(), &st) != 0) {
      a.error("cannot open '" + name + "': " + std::strerror(errno));
      status = std::max(status, int(exit_io));
      continue;
    }
    if (!S_ISDIR(st.st_mode)) {
      inputs.push_back({name, name});
      continue;
    }
    std::vector<std::pair<std::string, std::string>> found;  // (path below dir, path)
    walk(a, fs::path(name), "", pattern, found, status);
    // Sorted by path below the directory, byte by byte: the same order everywhere.
    std::sort(found.begin(), found.end());
    if (found.empty()) a.warning("no files matching '" + pattern + "' in '" + name + "'");
    for (auto& f : found) inputs.push_back({f.second, f.second});
  }
  return inputs;
}

namespace {

// UTF-16 without a byte-order mark: Latin letters, digits and spaces are a byte and a
// NUL. `odd`: the NUL is the second byte of a pair (little endian). True when the
// first 4 pairs are such characters (a NUL-interleaved start), or 3 pairs in 4 among
// the first 256; a pair of two NULs never counts (a NUL flood is not UTF-16).
bool nul_interleaved(std::string_view h, bool odd) {
  const std::size_t pairs = std::min<std::size_t>(h.size() / 2, 256);
  if (pairs < 4) return false;
  std::size_t latin = 0, start = 0;
  for (std::size_t i = 0; i < pairs; ++i) {
    const bool is_latin = h[2 * i + (odd ? 1 : 0)] == '\0' && h[2 * i + (odd ? 0 : 1)] != '\0';
    latin += is_latin;
    if (is_latin && start == i) ++start;
  }
  return start >= 4 || 4 * latin >= 3 * pairs;
}

// UTF-16 without a byte-order mark whose text is Chinese (no NUL bytes to see): read as
// UTF-16 (`le`: little endian), at least 4 code units and 9 in 10 of them are text: CJK
// ideographs (U+3400-9FFF), CJK or full-width punctuation and forms (U+3000-303F,
// U+FF00-FFEF), general punctuation (U+2000-206F), ASCII letters, digits, spaces and
// line breaks (a NUL high byte), surrogate pairs; at least half are ideographs or CJK
// punctuation; and a fifth of the bytes or more are not ASCII. Only asked of a head that
// is not UTF-8 (ASCII text read as UTF-16 is "ideographs": U+6261 is "ab"); the last
// test keeps out single-byte texts with a few accented letters, the 9 in 10 random bytes,
// GB18030 and Big5 (their pairs read as U+A1xx-FExx, or Han a third of the time); and
// 16 units are distinct (or 1 in 16 of a short head, at least 2), which floods of one invalid sequence
// (80 80 ..., 61 81 CC 81 CC 81 ...: "Han" U+8080, U+81CC) are not.
bool utf16_chinese(std::string_view h, bool le) {
  const auto* p = reinterpret_cast<const unsigned char*>(h.data());
  const std::size_t units = std::min<std::size_t>(h.size() / 2, 2048);
  if (units < 4) return false;
  std::size_t text = 0, chinese = 0, high = 0, distinct = 0;
  std::vector<bool> seen(0x10000);
  for (std::size_t i = 0; i < units; ++i) {
    const unsigned a = p[2 * i], b = p[2 * i + 1];
    high += (a >= 0x80) + (b >= 0x80);
    const unsigned u = le ? (b << 8 | a) : (a << 8 | b);
    if (!seen[u]) {
      seen[u] = true;
      ++distinct;
    }
    const bool cjk = (u >= 0x3400 && u <= 0x9FFF) || (u >= 0x3000 && u <= 0x303F) || (u >= 0xFF00 && u <= 0xFFEF);
    const bool ascii = u < 0x80 && (u >= 0x20 || u == '\t' || u == '\n' || u == '\r');
    const bool other = (u >= 0x2000 && u <= 0x206F) || (u >= 0xD800 && u <= 0xDFFF);
    chinese += cjk;
    text += cjk || ascii || other;
  }
  return 10 * text >= 9 * units && 2 * chinese >= units && 5 * high >= 2 * units &&
         distinct >= std::min<std::size_t>(16, std::max<std::size_t>(2, units / 16));
}

// The head decodes cleanly as a double-byte Chinese encoding and 4 of 5 of its
// non-ASCII characters are what Chinese text is made of (see detect_encoding).
// GB18030 (`big5` false): 2 or 4 bytes, Chinese = GB2312 Han or full-width symbols.
// Big5 (`big5` true; asked after GB18030 failed): lead 81-FE, trail 40-7E or A1-FE,
// Chinese = a lead byte of Big5's symbols and Han (A1-F9); Big5 text has trail bytes
// under A1 a third of the time, which GB2312's Han never have.
bool looks_like_legacy_chinese(std::string_view h, bool big5) {
  std::size_t multi = 0, chinese = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(h.data());
  const std::size_t n = h.size();
  for (std::size_t i = 0; i < n;) {
    const unsigned c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    if (c == 0x80 || c == 0xFF) return false;
    if (i + 1 >= n) break;  // a character cut by the end of the head
    const unsigned t = p[i + 1];
    if (big5) {
      if (!((t >= 0x40 && t <= 0x7E) || (t >= 0xA1 && t <= 0xFE))) return false;
      chinese += c >= 0xA1 && c <= 0xF9;
    } else if (t >= 0x30 && t <= 0x39) {  // four bytes: 81-FE 30-39 81-FE 30-39
      if (i + 3 >= n) break;
      if (p[i + 2] < 0x81 || p[i + 2] == 0xFF || p[i + 3] < 0x30 || p[i + 3] > 0x39) return false;
      ++multi;
      i += 4;
      continue;
    } else {
      if (t < 0x40 || t == 0x7F || t == 0xFF) return false;
      chinese += t >= 0xA1 && ((c >= 0xA1 && c <= 0xA9) || (c >= 0xB0 && c <= 0xF7));
    }
    ++multi;
    i += 2;
  }
  return multi > 0 && 5 * chinese >= 4 * multi;
}

std::string quoted_for_shell(const std::string& s) {
  if (!s.empty() && s.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./+,:@%") ==
                        std::string::npos)
    return s;
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

}  // namespace

foreign_encoding detect_encoding(std::string_view h) {
  h = h.substr(0, encoding_sniff_bytes);
  if (h.substr(0, 4) == std::string_view("\xFF\xFE\0\0", 4)) return foreign_encoding::utf32le;
  if (h.substr(0, 4) == std::string_view("\0\0\xFE\xFF", 4)) return foreign_encoding::utf32be;
  if (h.substr(0, 2) == "\xFF\xFE") return foreign_encoding::utf16le;
  if (h.substr(0, 2) == "\xFE\xFF") return foreign_encoding::utf16be;
  if (nul_interleaved(h, true)) return foreign_encoding::utf16le;
  if (nul_interleaved(h, false)) return foreign_encoding::utf16be;
  // A character cut by the end of the head is not an error.
  const std::string_view whole = h.size() < encoding_sniff_bytes ? h : h.substr(0, zhtext::complete_prefix_length(h));
  const zhtext::utf8_validation v = zhtext::validate_utf8(whole);
  if (v.ok) return foreign_encoding::none;
  if (utf16_chinese(h, true)) return foreign_encoding::utf16le;
  if (utf16_chinese(h, false)) return foreign_encoding::utf16be;
  for (std::size_t i = 0; i < v.offset; ++i)
    if (static_cast<unsigned char>(h[i]) >= 0x80) return foreign_encoding::none;
  if (looks_like_legacy_chinese(h, false)) return foreign_encoding::gb18030;
  return looks_like_legacy_chinese(h, true) ? foreign_encoding::big5 : foreign_encoding::none;
}

std::string encoding_message(foreign_encoding e, std::string_view head, const std::string& name) {
  std::string what, from;
  const bool bom = head.substr(0, 2) == "\xFF\xFE" || head.substr(0, 2) == "\xFE\xFF" ||
                   head.substr(0, 4) == std::string_view("\0\0\xFE\xFF", 4);
  switch (e) {
    case foreign_encoding::utf16le: what = "UTF-16LE"; from = bom ? "UTF-16" : "UTF-16LE"; break;
    case foreign_encoding::utf16be: what = "UTF-16BE"; from = bom ? "UTF-16" : "UTF-16BE"; break;
    case foreign_encoding::utf32le: what = "UTF-32LE"; from = "UTF-32"; break;
    case foreign_encoding::utf32be: what = "UTF-32BE"; from = "UTF-32"; break;
    case foreign_encoding::gb18030: what = "GB18030 (GBK) or another legacy Chinese encoding"; from = "GB18030"; break;
    case foreign_encoding::big5: what = "Big5"; from = "BIG5"; break;
    case foreign_encoding::none: return name + " is UTF-8";
  }
  std::string why;
  if (e == foreign_encoding::gb18030) why = " (its bytes are Chinese in GB18030, not UTF-8)";
  else if (e == foreign_encoding::big5) why = " (its bytes are Chinese in Big5, not UTF-8)";
  else if (bom) why = " (it starts with a byte-order mark)";
  else if (nul_interleaved(head.substr(0, encoding_sniff_bytes), e == foreign_encoding::utf16le))
    why = " (NUL bytes between its letters)";
  else why = " (its byte pairs are Chinese characters in UTF-16)";
  const std::string cmd = "iconv -f " + from + " -t UTF-8 ";
  const std::string fix = name == "<stdin>" ? cmd + "< INPUT | zhtext ..."
                                            : cmd + quoted_for_shell(name) + " > " + quoted_for_shell(name + ".utf8");
  return name + " is " + what + " text, not UTF-8" + why + "; convert it first: " + fix;
}

int check_data_file(const args& a, const std::string& option, const std::string& path, bool* bom) {
  if (bom != nullptr) *bom = false;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return exit_ok;  // the loader reports it
  struct stat st {};
  std::string head(encoding_sniff_bytes, '\0');
  ssize_t n = -1;
  const bool stat_ok = ::fstat(fd, &st) == 0;
  if (stat_ok && S_ISREG(st.st_mode)) n = ::read(fd, &head[0], head.size());
  ::close(fd);
  // A device (/dev/zero, /dev/urandom, a terminal) or a socket never ends or blocks:
  // the loaders read streams to their end, so refuse it here. Pipes stay welcome
  // (--patterns <(...)); directories are the loaders' to report.
  if (stat_ok && (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) || S_ISSOCK(st.st_mode))) {
    a.error("cannot read '" + path + "': " +
            (S_ISCHR(st.st_mode) ? "a character device" : S_ISBLK(st.st_mode) ? "a block device" : "a socket") +
            ", not a regular file");
    return exit_io;
  }
  if (n <= 0) return exit_ok;
  head.resize(static_cast<std::size_t>(n));
  if (bom != nullptr) *bom = zhtext::without_utf8_bom(head).size() != head.size();
  const foreign_encoding e = detect_encoding(head);
  if (e == foreign_encoding::none) return exit_ok;
  a.error("--" + option + ": " + encoding_message(e, head, path));
  return exit_check_failed;
}

bool names_inputs(const args& a) {
  const std::vector<std::string>& p = a.positional();
  return p.size() > 1 ||
         std::any_of(p.begin(), p.end(), [](const std::string& s) { return s != "-" && is_directory(s); });
}

}  // namespace cli
