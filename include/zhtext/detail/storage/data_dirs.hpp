// zhtext/detail/storage/data_dirs.hpp - where zhtext finds the data it reads but does
// not ship: jieba's model files (zhtext/jieba_data.hpp) and OpenCC's configurations and
// dictionaries (zhtext/convert.hpp). One rule for both, first match wins: the directory
// passed to the API, the environment variable when set and not empty, the default fixed
// at configure time (CMake's target defines it; an installed zhtext has it in the
// generated zhtext/jieba_config.hpp, for pkg-config users; else Debian's path).
#pragma once

#include <string>
#include <string_view>

#include "cache_dir.hpp"  // data_dir

#if (!defined(ZHTEXT_DEFAULT_JIEBA_DIR) || !defined(ZHTEXT_DEFAULT_OPENCC_DIR)) && defined(__has_include)
#if __has_include(<zhtext/jieba_config.hpp>)
#include <zhtext/jieba_config.hpp>
#endif
#endif
#ifndef ZHTEXT_DEFAULT_JIEBA_DIR
#define ZHTEXT_DEFAULT_JIEBA_DIR "/usr/lib/python3/dist-packages/jieba"
#endif
#ifndef ZHTEXT_DEFAULT_OPENCC_DIR
#define ZHTEXT_DEFAULT_OPENCC_DIR "/usr/share/opencc"
#endif

namespace zhtext::detail {

/// Where one kind of outside data lives, and what to say when it is missing.
struct data_location {
  const char* env;                ///< the environment variable that overrides the default
  const char* fallback;           ///< the configure-time default
  std::string_view install_hint;  ///< what missing-file errors suggest

  /// `override_dir` when not empty, else $env when set and not empty, else `fallback`.
  std::string dir(std::string_view override_dir) const { return data_dir(override_dir, env, fallback); }
};

inline constexpr data_location jieba_location{
    "ZHTEXT_JIEBA_DIR", ZHTEXT_DEFAULT_JIEBA_DIR,
    "install Debian package python3-jieba, or set ZHTEXT_JIEBA_DIR to a directory holding "
    "jieba's dict.txt and finalseg/"};
inline constexpr data_location opencc_location{
    "ZHTEXT_OPENCC_DIR", ZHTEXT_DEFAULT_OPENCC_DIR,
    "install Debian package libopencc-data (or opencc), or set ZHTEXT_OPENCC_DIR to a directory holding "
    "OpenCC's *.json configurations and *.ocd2 dictionaries"};

}  // namespace zhtext::detail
