// zhtext/jieba_data.hpp - where zhtext finds jieba's model files and where it keeps
// the compiled images it builds from them.
//
// Data directory (jieba's dict.txt, finalseg/prob_*.py), first match wins:
//   1. the directory passed to the API (segmenter_options::jieba_dir, ...);
//   2. the environment variable ZHTEXT_JIEBA_DIR, when set and not empty;
//   3. ZHTEXT_DEFAULT_JIEBA_DIR, fixed at configure time (CMake cache variable
//      ZHTEXT_JIEBA_DIR; Debian's python3-jieba path by default).
//
// Image cache (compiled dictionaries and HMM models; see dictionary.hpp):
//   $ZHTEXT_CACHE_DIR, else $XDG_CACHE_HOME/zhtext, else $HOME/.cache/zhtext.
// A cached image is named after a 64-bit key of its source files' absolute paths,
// sizes, modification times (ns) and inode numbers, and carries that key in its
// header, so editing or replacing a source file makes zhtext build a new image.
// Images are written to a temporary file and renamed (atomic; concurrent processes
// are safe). When the directory cannot be created or written, zhtext uses the image it
// built in memory and says so in the load report, never fails because of the cache.
//
//   std::string dir = zhtext::jieba_data_dir();             // e.g. /usr/lib/python3/dist-packages/jieba
//   std::string cache = zhtext::default_cache_dir();        // e.g. /root/.cache/zhtext
#pragma once

#include <cstdlib>
#include <string>
#include <string_view>

// The configured default: CMake's target defines it; an installed zhtext also has it
// in the generated zhtext/jieba_config.hpp (for pkg-config users); else Debian's path.
#if !defined(ZHTEXT_DEFAULT_JIEBA_DIR) && defined(__has_include)
#if __has_include(<zhtext/jieba_config.hpp>)
#include <zhtext/jieba_config.hpp>
#endif
#endif
#ifndef ZHTEXT_DEFAULT_JIEBA_DIR
#define ZHTEXT_DEFAULT_JIEBA_DIR "/usr/lib/python3/dist-packages/jieba"
#endif

namespace zhtext {

/// What missing-file errors for jieba's data suggest.
inline constexpr std::string_view jieba_install_hint =
    "install Debian package python3-jieba, or set ZHTEXT_JIEBA_DIR to a directory holding "
    "jieba's dict.txt and finalseg/";

namespace detail {
inline std::string getenv_string(const char* name) {
  const char* v = std::getenv(name);  // NOLINT(concurrency-mt-unsafe): read-only use
  return v != nullptr ? std::string(v) : std::string();
}
/// A data directory: `override_dir` when not empty, else $`env` when set and not
/// empty, else `fallback` (the configure-time default).
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
}  // namespace detail

/// The directory holding jieba's data: `override_dir` when not empty, else
/// $ZHTEXT_JIEBA_DIR when set and not empty, else ZHTEXT_DEFAULT_JIEBA_DIR.
inline std::string jieba_data_dir(std::string_view override_dir = {}) {
  return detail::data_dir(override_dir, "ZHTEXT_JIEBA_DIR", ZHTEXT_DEFAULT_JIEBA_DIR);
}

/// Where compiled images are cached.
struct cache_options {
  bool enabled = true;  ///< false: build in memory every time; never read or write the cache
  std::string dir;      ///< empty: default_cache_dir()
};

/// $ZHTEXT_CACHE_DIR, else $XDG_CACHE_HOME/zhtext, else $HOME/.cache/zhtext; empty
/// when none of these variables is set (then nothing is cached).
inline std::string default_cache_dir() {
  std::string dir = detail::getenv_string("ZHTEXT_CACHE_DIR");
  if (!dir.empty()) return dir;
  dir = detail::getenv_string("XDG_CACHE_HOME");
  if (!dir.empty()) return detail::join_path(dir, "zhtext");
  dir = detail::getenv_string("HOME");
  if (!dir.empty()) return detail::join_path(dir, ".cache/zhtext");
  return {};
}

/// How a dictionary or model was obtained, for diagnostics (the demo prints it).
struct load_report {
  enum class origin_kind { built, cache_hit, image_file, memory } origin = origin_kind::memory;
  std::string cache_path;  ///< the cache file read or written (empty if none)
  std::string note;        ///< why the cache was not used or could not be written (empty if fine)
};

}  // namespace zhtext
