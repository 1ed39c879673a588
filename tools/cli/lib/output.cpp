// output.cpp - record formats and file writes of the `zhtext` program (output.hpp).
#include "output.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <zhtext/formats.hpp>
#include <zhtext/utf8.hpp>

namespace cli {

void append_tsv_field(std::string& out, std::string_view s) { zhtext::append_tsv_field(out, s); }

void append_json_string(std::string& out, std::string_view s) { zhtext::append_json_string(out, s); }

void record::key(std::string_view k) {
  if (!first_) out_ += json_ ? ',' : '\t';
  first_ = false;
  if (json_) {
    out_ += '"';
    out_ += k;
    out_ += "\":";
  }
}

record& record::str(std::string_view k, std::string_view value) {
  key(k);
  if (json_) append_json_string(out_, value);
  else append_tsv_field(out_, value);
  return *this;
}

record& record::raw(std::string_view k, std::string_view value) {
  key(k);
  out_ += value;
  return *this;
}

void record::end() { out_ += json_ ? "}\n" : "\n"; }

std::size_t field_piece_length(std::string_view value, std::size_t piece) {
  if (value.size() <= piece) return value.size();
  const std::size_t n = zhtext::complete_prefix_length(value.substr(0, piece));
  return n != 0 ? n : piece;  // not at a character boundary: never in valid UTF-8
}

int flush_stdout(const args& a) {
  static bool reported = false;
  const int before = errno;  // what the failed write set, unless the flush fails itself
  const bool flushed = std::fflush(stdout) == 0;
  const int why = flushed ? before : errno;
  if (flushed && !std::ferror(stdout)) return exit_ok;
  if (!reported) {
    reported = true;
    a.error(std::string("cannot write to standard output: ") + (why != 0 ? std::strerror(why) : "write error"));
  }
  return exit_io;
}

int write_file(const args& a, const std::string& path, std::string_view bytes) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  const bool ok = f != nullptr && std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  if (f == nullptr || std::fclose(f) != 0 || !ok) {
    a.error("cannot write '" + path + "': " + std::strerror(errno));
    return exit_io;
  }
  return exit_ok;
}

namespace {

bool ends_with_ignoring_case(std::string_view s, std::string_view end) {
  if (s.size() < end.size()) return false;
  s.remove_prefix(s.size() - end.size());
  for (std::size_t i = 0; i < end.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != end[i]) return false;
  }
  return true;
}

// After the XML prolog (BOM, white space, <?xml ...?>, comments, <!DOCTYPE ...>), the
// root element is <svg.
bool looks_like_svg(std::string_view h) {
  if (h.substr(0, 3) == "\xEF\xBB\xBF") h.remove_prefix(3);
  for (;;) {
    const std::size_t start = h.find_first_not_of(" \t\r\n");
    if (start == std::string_view::npos) return false;
    h.remove_prefix(start);
    std::string_view close;
    if (h.substr(0, 2) == "<?") close = "?>";
    else if (h.substr(0, 4) == "<!--") close = "-->";
    else if (h.substr(0, 9) == "<!DOCTYPE") close = ">";
    else return h.substr(0, 4) == "<svg" && h.size() > 4 && std::string_view(" \t\r\n>/").find(h[4]) != std::string_view::npos;
    const std::size_t end = h.find(close);
    if (end == std::string_view::npos) return false;
    h.remove_prefix(end + close.size());
  }
}

}  // namespace

const output_file_kind svg_file = {".svg", "an SVG file", looks_like_svg};

int check_output_file(const args& a, const std::string& option, const output_file_kind& kind) {
  if (!a.has(option)) return exit_ok;
  const std::string path = a.get(option);
  if (!ends_with_ignoring_case(path, kind.extension)) {
    a.error("--" + option + " FILE must end in " + std::string(kind.extension) + ", not '" + path +
            "' (was the file name forgotten?); nothing was read or written");
    return exit_usage;
  }
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return exit_ok;  // a new file (write_file reports what fails)
  for (const std::string& in : a.positional()) {
    struct stat is {};
    if (in != "-" && ::stat(in.c_str(), &is) == 0 && is.st_dev == st.st_dev && is.st_ino == st.st_ino) {
      a.error("--" + option + " '" + path + "' is also an input; nothing was read or written");
      return exit_usage;
    }
  }
  if (!S_ISREG(st.st_mode)) {
    a.error("refusing to replace '" + path + "': not a regular file");
    return exit_usage;
  }
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    a.error("cannot read '" + path + "' (to check it before replacing it): " + std::strerror(errno));
    return exit_io;
  }
  char head[4096];
  const ssize_t n = ::read(fd, head, sizeof head);
  const int read_errno = errno;
  ::close(fd);
  if (n < 0) {
    a.error("cannot read '" + path + "' (to check it before replacing it): " + std::strerror(read_errno));
    return exit_io;
  }
  if (n > 0 && !kind.recognise(std::string_view(head, static_cast<std::size_t>(n)))) {
    a.error("refusing to replace '" + path + "': it is not " + std::string(kind.description) +
            "; nothing was read or written");
    return exit_usage;
  }
  return exit_ok;
}

}  // namespace cli
