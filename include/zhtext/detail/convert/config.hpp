// zhtext/detail/convert/config.hpp - OpenCC's JSON configuration files (s2t.json, ...).
//
// A configuration names a segmentation and a conversion chain (OpenCC 1.1.6,
// Config::NewFromFile):
//   { "name": "...",                                          optional
//     "segmentation": { "type": "mmseg", "dict": DICT },
//     "conversion_chain": [ { "dict": DICT }, ... ] }         may be empty
//   DICT = { "type": "ocd2" | "text", "file": "X" } | { "type": "group", "dicts": [DICT, ...] }
// Read strictly (RFC 8259, detail/json.hpp): anything else - a missing or mistyped
// member, a duplicate member, an unknown type, a chain element that is not an object
// (OpenCC skips those silently) - is an error "name:line: what is wrong". Members
// OpenCC does not read are skipped, as OpenCC does, so configurations with extra
// members still work. OpenCC's old "ocd" (Darts) format is refused with a hint.
//
// A group answers with the first of its dictionaries that matches at all (its longest
// match), so nested groups flatten to one ordered list without changing the result:
// each step is an ordered list of dictionary files here.
//
// Dictionary files are found as OpenCC finds them, except that the working directory
// is not searched (OpenCC tries it first; a library should not depend on it): an
// absolute path as is, else in the configuration's directory, else in the OpenCC data
// directory. Pure apart from stat(); thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#if defined(__unix__) || defined(__APPLE__)
#include <sys/stat.h>
#endif

#include "../../result.hpp"
#include "../formats/json.hpp"
#include "../storage/mapped_file.hpp"

namespace zhtext::detail {

/// One dictionary a configuration names: its type ("ocd2" or "text"), its "file" as
/// written, the line of that "file" member, and the path it resolves to.
struct opencc_dict_ref {
  std::string type;
  std::string file;
  std::size_t line = 0;
  std::string path;
};

/// A dictionary position of the configuration (the segmentation, a step of the chain):
/// its dictionaries in the order a group consults them.
using opencc_dict_list = std::vector<opencc_dict_ref>;

struct opencc_config {
  std::string name;
  opencc_dict_list segmentation;
  std::vector<opencc_dict_list> chain;
};

inline constexpr std::size_t opencc_max_steps = 64;       ///< conversion steps
inline constexpr std::size_t opencc_max_group_dicts = 64;  ///< dictionaries of one step, groups flattened
inline constexpr int opencc_max_group_depth = 8;           ///< groups inside groups

namespace opencc_json {

/// Reads the members of an object; calls f(key, line) for each with the reader at its
/// value (f must consume it). Duplicate members are errors.
template <class F>
bool read_object(json_reader& in, F&& f) {
  if (!in.expect('{')) return false;
  std::unordered_set<std::string> seen;
  if (in.accept('}')) return true;
  do {
    const std::size_t line = in.line();
    std::string key;
    if (!in.read_string(key) || !in.expect(':')) return false;
    if (!seen.insert(key).second) return in.fail_at(line, "duplicate member \"" + key + "\"");
    if (!f(key, line)) return false;
  } while (in.accept(','));
  return in.expect('}');
}

/// Reads a string member's value, recording its line.
inline bool read_string_member(json_reader& in, const char* key, std::string& value, std::size_t& line) {
  line = in.line();
  if (in.peek() != '"') return in.fail(std::string("\"") + key + "\" must be a string");
  return in.read_string(value);
}

/// Reads the elements of an array, calling f() with the reader at each.
template <class F>
bool read_array(json_reader& in, const char* key, F&& f) {
  if (in.peek() != '[') return in.fail(std::string("\"") + key + "\" must be an array");
  in.expect('[');
  if (in.accept(']')) return true;
  do {
    if (!f()) return false;
  } while (in.accept(','));
  return in.expect(']');
}

inline bool read_dict(json_reader& in, int depth, opencc_dict_list& out) {
  if (in.peek() != '{') return in.fail("a dictionary must be an object");
  const std::size_t object_line = in.line();
  std::string type, file;
  std::size_t type_line = 0, file_line = 0;
  bool has_dicts = false;
  opencc_dict_list members;
  const bool ok = read_object(in, [&](const std::string& key, std::size_t) {
    if (key == "type") return read_string_member(in, "type", type, type_line);
    if (key == "file") return read_string_member(in, "file", file, file_line);
    if (key != "dicts") return in.skip_value();
    has_dicts = true;
    if (depth >= opencc_max_group_depth) return in.fail("groups nested more than 8 deep");
    return read_array(in, "dicts", [&] { return read_dict(in, depth + 1, members); });
  });
  if (!ok) return false;
  if (type_line == 0) return in.fail_at(object_line, "dictionary without \"type\"");
  if (type == "group") {
    if (!has_dicts) return in.fail_at(object_line, "group without \"dicts\"");
    if (out.size() + members.size() > opencc_max_group_dicts)
      return in.fail_at(object_line, "more than 64 dictionaries in one group");
    for (opencc_dict_ref& m : members) out.push_back(std::move(m));
    return true;
  }
  if (type == "ocd")
    return in.fail_at(type_line,
                      "type \"ocd\" (OpenCC's old Darts format) is not supported; convert the file with "
                      "opencc_dict -f ocd -t ocd2");
  if (type != "ocd2" && type != "text")
    return in.fail_at(type_line,
                      "unknown dictionary type \"" + type + "\" (expected \"ocd2\", \"text\" or \"group\")");
  if (file_line == 0) return in.fail_at(object_line, "dictionary without \"file\"");
  if (file.empty() || file.find('\0') != std::string::npos) return in.fail_at(file_line, "bad \"file\" name");
  if (out.size() >= opencc_max_group_dicts) return in.fail_at(object_line, "more than 64 dictionaries in one group");
  out.push_back({type, file, file_line, {}});
  return true;
}

inline bool read_segmentation(json_reader& in, std::size_t line, opencc_dict_list& out) {
  if (in.peek() != '{') return in.fail("\"segmentation\" must be an object");
  std::string type;
  std::size_t type_line = 0;
  bool has_dict = false;
  const bool ok = read_object(in, [&](const std::string& key, std::size_t) {
    if (key == "type") return read_string_member(in, "type", type, type_line);
    if (key != "dict") return in.skip_value();
    has_dict = true;
    return read_dict(in, 0, out);
  });
  if (!ok) return false;
  if (type_line == 0) return in.fail_at(line, "segmentation without \"type\"");
  if (type != "mmseg")
    return in.fail_at(type_line, "unknown segmentation type \"" + type + "\" (OpenCC has \"mmseg\")");
  if (!has_dict) return in.fail_at(line, "segmentation without \"dict\"");
  return true;
}

inline bool read_step(json_reader& in, std::vector<opencc_dict_list>& chain) {
  if (in.peek() != '{') return in.fail("a conversion step must be an object");
  const std::size_t line = in.line();
  if (chain.size() >= opencc_max_steps) return in.fail("more than 64 conversion steps");
  chain.emplace_back();
  bool has_dict = false;
  const bool ok = read_object(in, [&](const std::string& key, std::size_t) {
    if (key != "dict") return in.skip_value();
    has_dict = true;
    return read_dict(in, 0, chain.back());
  });
  if (!ok) return false;
  return has_dict || in.fail_at(line, "conversion step without \"dict\"");
}

}  // namespace opencc_json

/// Parses a configuration (see the top of this file); dictionary paths are left for
/// resolve_opencc_dicts(). Errors: errc::parse_error, "name:line: why".
inline result<opencc_config> parse_opencc_config(std::string_view json, const std::string& name) {
  json_reader in(json, name);
  opencc_config cfg;
  bool has_segmentation = false, has_chain = false;
  if (in.peek() != '{') {
    in.fail("a configuration must be a JSON object");
    return in.make();
  }
  const bool ok = opencc_json::read_object(in, [&](const std::string& key, std::size_t line) {
    if (key == "name") return opencc_json::read_string_member(in, "name", cfg.name, line);
    if (key == "segmentation") {
      has_segmentation = true;
      return opencc_json::read_segmentation(in, line, cfg.segmentation);
    }
    if (key == "conversion_chain") {
      has_chain = true;
      return opencc_json::read_array(in, "conversion_chain", [&] { return opencc_json::read_step(in, cfg.chain); });
    }
    return in.skip_value();
  });
  if (ok && !in.at_end()) in.fail("text after the configuration object");
  if (ok && !has_segmentation) in.fail_at(1, "no \"segmentation\"");
  if (ok && !has_chain) in.fail_at(1, "no \"conversion_chain\"");
  if (!in.error().empty()) return in.make();
  return cfg;
}

/// Whether `path` names a regular file.
inline bool is_regular_file(const std::string& path) {
#if defined(__unix__) || defined(__APPLE__)
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
#else
  return mapped_file::open(path).ok();
#endif
}

/// The directory part of a path ("" for a bare file name).
inline std::string directory_of(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string::npos ? std::string() : path.substr(0, slash == 0 ? 1 : slash);
}

/// Resolves every dictionary of `cfg` (see the top of this file). `config_path` names
/// the configuration in errors. Errors: errc::not_found, "config:line: ...".
inline result<void> resolve_opencc_dicts(opencc_config& cfg, const std::string& config_path,
                                         const std::string& data_dir) {
  const std::string config_dir = directory_of(config_path);
  auto resolve = [&](opencc_dict_ref& d) -> result<void> {
    if (d.file.front() == '/') {
      if (is_regular_file(d.file)) {
        d.path = d.file;
        return {};
      }
      return make_error(errc::not_found,
                        config_path + ":" + std::to_string(d.line) + ": dictionary '" + d.file + "' not found");
    }
    std::vector<std::string> tried;
    for (const std::string& dir : {config_dir.empty() ? std::string(".") : config_dir, data_dir}) {
      if (dir.empty()) continue;
      std::string p = dir;
      if (p.back() != '/') p += '/';
      p += d.file;
      if (is_regular_file(p)) {
        d.path = std::move(p);
        return {};
      }
      tried.push_back(dir);
    }
    std::string where;
    for (const std::string& t : tried) where += (where.empty() ? "" : " or ") + t;
    return make_error(errc::not_found, config_path + ":" + std::to_string(d.line) + ": dictionary '" + d.file +
                                           "' not found in " + where);
  };
  for (opencc_dict_ref& d : cfg.segmentation)
    if (auto r = resolve(d); !r) return r;
  for (opencc_dict_list& step : cfg.chain)
    for (opencc_dict_ref& d : step)
      if (auto r = resolve(d); !r) return r;
  return {};
}

}  // namespace zhtext::detail
