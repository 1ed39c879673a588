// zhtext/detail/storage/cache_dir.hpp - where the image cache lives, and the types of
// its API: cache_options (what a loader is asked to do) and load_report (what it did).
//
// The types are public (namespace zhtext; zhtext/jieba_data.hpp documents the cache and
// exposes default_cache_dir()); they are defined here because the cache itself
// (image_cache.hpp) uses them. Pure functions of the environment; thread-safe as far as
// std::getenv is (zhtext never sets variables).
#pragma once

#include <cstdlib>
#include <string>
#include <string_view>

namespace zhtext {

/// Where compiled images are cached.
struct cache_options {
  bool enabled = true;  ///< false: build in memory every time; never read or write the cache
  std::string dir;      ///< empty: default_cache_dir()
};

/// How a dictionary or model was obtained, for diagnostics (the demo prints it).
struct load_report {
  enum class origin_kind { built, cache_hit, image_file, memory } origin = origin_kind::memory;
  std::string cache_path;  ///< the cache file read or written (empty if none)
  std::string note;        ///< why the cache was not used or could not be written (empty if fine)
};

namespace detail {

inline std::string getenv_string(const char* name) {
  const char* v = std::getenv(name);  // NOLINT(concurrency-mt-unsafe): read-only use
  return v != nullptr ? std::string(v) : std::string();
}
/// A data directory: `override_dir` when not empty, else $`env` when set and not
/// empty, else `fallback` (the configure-time default): jieba's (jieba_data.hpp) and
/// OpenCC's (convert.hpp).
inline std::string data_dir(std::string_view override_dir, const char* env, const char* fallback) {
  if (!override_dir.empty()) return std::string(override_dir);
  std::string from_env = getenv_string(env);
  if (!from_env.empty()) return from_env;
  return fallback;
}
inline std::string join_path(std::string_view dir, std::string_view name) {
  std::string p(dir);
  if (!p.empty() && p.back() != '/') p += '/';
  p += name;
  return p;
}

/// See zhtext::default_cache_dir (jieba_data.hpp).
inline std::string default_cache_dir() {
  std::string dir = getenv_string("ZHTEXT_CACHE_DIR");
  if (!dir.empty()) return dir;
  dir = getenv_string("XDG_CACHE_HOME");
  if (!dir.empty()) return join_path(dir, "zhtext");
  dir = getenv_string("HOME");
  if (!dir.empty()) return join_path(dir, ".cache/zhtext");
  return {};
}

}  // namespace detail
}  // namespace zhtext
