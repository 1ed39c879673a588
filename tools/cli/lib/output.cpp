// output.cpp - record formats and file writes of the `zhtext` program (output.hpp).
#include "output.hpp"

#include <cerrno>
#include <cstring>

#include <zhtext/formats.hpp>

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

int write_file(const args& a, const std::string& path, std::string_view bytes) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  const bool ok = f != nullptr && std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  if (f == nullptr || std::fclose(f) != 0 || !ok) {
    a.error("cannot write '" + path + "': " + std::strerror(errno));
    return exit_io;
  }
  return exit_ok;
}

}  // namespace cli
