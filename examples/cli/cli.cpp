// cli.cpp - options, inputs and output formats of the `zhtext` program (cli.hpp).
// The block engine is in engine.cpp.
#include "cli.hpp"

#include <fnmatch.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include <zhtext/detail/formats/json.hpp>
#include <zhtext/utf8.hpp>

namespace cli {

namespace {

// The common options, in the order --help lists them.
std::vector<option> common_option_list(unsigned common) {
  std::vector<option> v;
  if (common & common_threads) {
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    v.push_back({"threads", "N", "worker threads (default: all cores, here " + std::to_string(cores) + ")"});
  }
  if (common & common_formats) {
    std::string list = "plain (default)";
    if (common & common_format_tsv) list += ", tsv";
    if (common & common_format_jsonl) list += ", jsonl";
    v.push_back({"format", "FORMAT", "output format: " + list});
  }
  if (common & common_on_invalid)
    v.push_back({"on-invalid", "MODE", "invalid UTF-8: replace (default: U+FFFD and a warning),\n"
                                       "                            skip (the line, with a warning) or error (exit 1)"});
  v.push_back({"glob", "PATTERN", "files to read in directories (default *.txt)"});
  v.push_back({"quiet", "", "no warnings and no progress line"});
  return v;
}

bool parse_count(const std::string& s, unsigned& out) {
  if (s.empty() || s.size() > 6) return false;
  unsigned v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<unsigned>(c - '0');
  }
  out = v;
  return true;
}

}  // namespace

bool args::parse(const std::vector<option>& options, unsigned common) {
  common_ = common;
  const std::vector<option> commons = common_option_list(common);
  auto find = [&](std::string_view name) -> const option* {
    for (const option& o : options)
      if (o.name == name) return &o;
    for (const option& o : commons)
      if (o.name == name) return &o;
    return nullptr;
  };
  bool only_positional = false;
  for (std::size_t i = 0; i < argv_.size(); ++i) {
    const std::string& arg = argv_[i];
    if (only_positional || arg == "-" || arg.size() < 2 || arg[0] != '-') {
      positional_.push_back(arg);
      continue;
    }
    if (arg == "--") {
      only_positional = true;
      continue;
    }
    if (arg == "-h" || arg == "--help") {
      values_["help"] = "";
      continue;
    }
    std::string name = arg.substr(arg[1] == '-' ? 2 : 1);
    std::string value;
    bool has_value = false;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name.resize(eq);
      has_value = true;
    }
    const option* o = find(name);
    if (o == nullptr || arg[1] != '-') {
      error("unknown option '" + arg + "' (see 'zhtext " + command_ + " --help')");
      return false;
    }
    if (o->value_name.empty()) {
      if (has_value) {
        error("option '--" + name + "' takes no value");
        return false;
      }
    } else if (!has_value) {
      if (i + 1 >= argv_.size()) {
        error("option '--" + name + "' needs a value " + o->value_name);
        return false;
      }
      value = argv_[++i];
    }
    values_[name] = value;
  }

  // Values of the common options.
  if (common & common_threads) {
    threads_ = std::max(1u, std::thread::hardware_concurrency());
    if (has("threads")) {
      unsigned n = 0;
      if (!parse_count(get("threads"), n) || n > 1024) {
        error("--threads must be a number from 1 to 1024 (0: all cores), not '" + get("threads") + "'");
        return false;
      }
      if (n != 0) threads_ = n;
    }
  }
  if (common & common_on_invalid) {
    const std::string m = get("on-invalid", "replace");
    if (m == "replace") on_invalid_ = invalid_policy::replace;
    else if (m == "skip") on_invalid_ = invalid_policy::skip;
    else if (m == "error") on_invalid_ = invalid_policy::error;
    else {
      error("--on-invalid must be replace, skip or error, not '" + m + "'");
      return false;
    }
  }
  if (common & common_formats) {
    const std::string f = get("format", "plain");
    if (f == "plain") format_ = output_format::plain;
    else if (f == "tsv" && (common & common_format_tsv)) format_ = output_format::tsv;
    else if (f == "jsonl" && (common & common_format_jsonl)) format_ = output_format::jsonl;
    else {
      std::string list = "plain";
      if (common & common_format_tsv) list += (common & common_format_jsonl) ? ", tsv" : " or tsv";
      if (common & common_format_jsonl) list += " or jsonl";
      error("--format must be " + list + ", not '" + f + "'");
      return false;
    }
  }
  if (has("glob") && get("glob").empty()) {
    error("--glob needs a pattern");
    return false;
  }
  return true;
}

void args::error(const std::string& message) const {
  std::cerr << "zhtext " << command_ << ": " << message << '\n';
}

void args::warning(const std::string& message) const {
  if (!quiet()) std::cerr << "zhtext " << command_ << ": warning: " << message << '\n';
}

void args::print_help(const std::string& synopsis, const std::string& description,
                      const std::vector<option>& options) const {
  auto list = [](const std::vector<option>& opts) {
    for (const option& o : opts) {
      std::string left = "  --" + o.name + (o.value_name.empty() ? "" : " " + o.value_name);
      if (left.size() < 28) left.resize(28, ' ');
      else left += "  ";
      std::cout << left << o.help << '\n';
    }
  };
  std::cout << "usage: zhtext " << command_ << ' ' << synopsis << "\n\n" << description << "\n";
  if (!options.empty()) {
    std::cout << "\noptions:\n";
    list(options);
  }
  std::cout << "\ncommon options:\n";
  list(common_option_list(common_));
  std::cout << "  -h, --help                show this help\n"
               "\nInputs: files, directories (recursively, files matching --glob, in sorted order)\n"
               "or - for standard input (the default). Exit codes: 0 ok, 1 an input failed a\n"
               "check, 2 usage error, 3 I/O error.\n";
}

// ---------------------------------------------------------------------------------
// Inputs

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

}  // namespace

std::vector<input> expand_inputs(const args& a, int& status) {
  std::vector<std::string> names = a.positional();
  if (names.empty()) names.push_back("-");
  const std::string pattern = a.glob();
  std::vector<input> inputs;
  for (const std::string& name : names) {
    if (name == "-") {
      inputs.push_back({"<stdin>", "", false});
      continue;
    }
    struct stat st {};
    if (::stat(name.c_str(), &st) != 0) {
      a.error("cannot open '" + name + "': " + std::strerror(errno));
      status = std::max(status, int(exit_io));
      continue;
    }
    if (!S_ISDIR(st.st_mode)) {
      inputs.push_back({name, name, false});
      continue;
    }
    std::vector<std::pair<std::string, std::string>> found;  // (path below dir, path)
    walk(a, fs::path(name), "", pattern, found, status);
    // Sorted by path below the directory, byte by byte: the same order everywhere.
    std::sort(found.begin(), found.end());
    if (found.empty()) a.warning("no files matching '" + pattern + "' in '" + name + "'");
    for (auto& f : found) inputs.push_back({f.second, f.second, true});
  }
  return inputs;
}

int for_each_input(const args& a, const std::function<int(const std::string&, std::istream&)>& f) {
  int worst = exit_ok;
  for (const input& in : expand_inputs(a, worst)) {
    int rc;
    if (in.path.empty()) {
      rc = f(in.name, std::cin);
    } else {
      std::ifstream is(in.path, std::ios::binary);
      if (!is) {
        a.error("cannot open '" + in.name + "': " + std::strerror(errno));
        worst = std::max(worst, int(exit_io));
        continue;
      }
      rc = f(in.name, is);
      if (is.bad()) {
        a.error("error reading '" + in.name + "'");
        rc = exit_io;
      }
    }
    worst = std::max(worst, rc);
  }
  return worst;
}

void for_each_paragraph_block(std::istream& in, const std::function<void(std::string_view)>& f) {
  constexpr std::size_t chunk = 1 << 20;
  std::string buf;
  std::size_t scanned = 0;  // bytes of buf already searched for a blank line
  for (;;) {
    const std::size_t old = buf.size();
    buf.resize(old + chunk);
    in.read(&buf[old], static_cast<std::streamsize>(chunk));
    buf.resize(old + static_cast<std::size_t>(in.gcount()));
    if (buf.size() == old) break;
    // Cut after the last "\n\n" (or "\n\r\n"): paragraphs never straddle blocks.
    std::size_t cut = std::string::npos;
    for (std::size_t i = buf.size(); i > scanned + 1; --i) {
      if (buf[i - 1] != '\n') continue;
      std::size_t j = i - 1;
      if (j > 0 && buf[j - 1] == '\r') --j;
      if (j > 0 && buf[j - 1] == '\n') {
        cut = i;
        break;
      }
    }
    if (cut == std::string::npos) {
      scanned = buf.size() > 2 ? buf.size() - 2 : 0;
      continue;
    }
    f(std::string_view(buf).substr(0, cut));
    buf.erase(0, cut);
    scanned = 0;
  }
  if (!buf.empty()) f(buf);
}

std::string read_all(std::istream& in) {
  std::string s;
  char tmp[1 << 16];
  while (in.read(tmp, sizeof tmp) || in.gcount() > 0) s.append(tmp, static_cast<std::size_t>(in.gcount()));
  return s;
}

// ---------------------------------------------------------------------------------
// Blocks

std::uint64_t block::source_offset(std::size_t pos) const {
  const edit* end = edits + edit_count;
  const edit* e = std::upper_bound(edits, end, pos, [](std::size_t p, const edit& x) { return p < x.text_pos; });
  if (e == edits) return offset + pos;
  --e;
  return offset + e->source_pos + (pos - e->text_pos);
}

std::uint64_t block::line_of(std::size_t pos) const {
  line_counter c(*this);
  return c.line_of(pos);
}

std::uint64_t line_counter::line_of(std::size_t pos) {
  const block& b = *b_;
  pos = std::min(pos, b.text.size());
  if (pos < pos_) {
    pos_ = 0;
    breaks_ = 0;
  }
  const char* p = b.text.data();
  for (const char* q = p + pos_; q < p + pos;) {
    const void* nl = std::memchr(q, '\n', static_cast<std::size_t>(p + pos - q));
    if (nl == nullptr) break;
    ++breaks_;
    q = static_cast<const char*>(nl) + 1;
  }
  pos_ = pos;
  std::uint64_t skipped = 0;
  const block::edit* end = b.edits + b.edit_count;
  const block::edit* e = std::upper_bound(b.edits, end, pos,
                                          [](std::size_t x, const block::edit& y) { return x < y.text_pos; });
  if (e != b.edits) skipped = (e - 1)->lines_skipped;
  return b.first_line + breaks_ + skipped;
}

// ---------------------------------------------------------------------------------
// Output formats

namespace {

void append_hex_escape(std::string& out, unsigned char b) {
  constexpr char hex[] = "0123456789ABCDEF";
  out += "\\x";
  out += hex[b >> 4];
  out += hex[b & 15];
}

}  // namespace

void append_tsv_field(std::string& out, std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    const unsigned char c = *p;
    if (c >= 0x80) {
      const zhtext::decoded d = zhtext::detail::decode_at(p, end);
      if (d.error != zhtext::utf8_errc::ok) {
        for (std::uint8_t i = 0; i < d.size; ++i) append_hex_escape(out, p[i]);
      } else {
        out.append(reinterpret_cast<const char*>(p), d.size);
      }
      p += d.size;
      continue;
    }
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20 || c == 0x7F) append_hex_escape(out, c);
        else out += static_cast<char>(c);
    }
    ++p;
  }
}

void append_json_string(std::string& out, std::string_view s) { zhtext::detail::append_json_string(out, s); }

}  // namespace cli
