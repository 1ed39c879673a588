// inputs.cpp - expanding the positional arguments into inputs (inputs.hpp).
#include "inputs.hpp"

#include <fnmatch.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <utility>

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

bool names_inputs(const args& a) {
  const std::vector<std::string>& p = a.positional();
  return p.size() > 1 ||
         std::any_of(p.begin(), p.end(), [](const std::string& s) { return s != "-" && is_directory(s); });
}

}  // namespace cli
