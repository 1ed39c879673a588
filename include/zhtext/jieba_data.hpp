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

#include "detail/storage/cache_dir.hpp"
#include "detail/storage/data_dirs.hpp"

namespace zhtext {

/// What missing-file errors for jieba's data suggest.
inline constexpr std::string_view jieba_install_hint = detail::jieba_location.install_hint;

/// The directory holding jieba's data: `override_dir` when not empty, else
/// $ZHTEXT_JIEBA_DIR when set and not empty, else ZHTEXT_DEFAULT_JIEBA_DIR.
inline std::string jieba_data_dir(std::string_view override_dir = {}) {
  return detail::jieba_location.dir(override_dir);
}

// cache_options and load_report, the types of the image cache's API, are defined in
// detail/storage/cache_dir.hpp, which the cache itself (detail/storage/image_cache.hpp)
// shares.

/// $ZHTEXT_CACHE_DIR, else $XDG_CACHE_HOME/zhtext, else $HOME/.cache/zhtext; empty
/// when none of these variables is set (then nothing is cached).
using detail::default_cache_dir;

}  // namespace zhtext
