// zhtext/detail/image_cache.hpp - loading a model compiled from source files through
// the image cache, the one procedure dictionary, hmm_model and pos_model share:
//
//   1. stat the sources; the fingerprint is (kind, version, each source's absolute
//      path, size, mtime and inode) - a missing source is an error naming its path;
//   2. map <cache dir>/<kind>-<fingerprint>.zhimg and use it when it opens and carries
//      that fingerprint (a corrupt or stale image is noted in the report and rebuilt);
//   3. else map the sources, parse them, and write the image atomically (temporary
//      file + rename); a cache that cannot be written only costs the next load a parse.
//
// Pure apart from the file system; thread-safe (concurrent writers of the same image
// each rename a complete file).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "../jieba_data.hpp"
#include "../result.hpp"
#include "image.hpp"
#include "mapped_file.hpp"

namespace zhtext::detail {

/// Loads a T compiled from `sources` through the cache described above. The model type
/// passes its own pieces as callables (they may reach its private members):
///   open(image_storage, const std::string& name) -> result<T>   an image from the cache
///   parse(const std::vector<mapped_file>& sources, uint64_t fingerprint) -> result<T>
///   fingerprint(const T&) -> uint64_t                             the one in T's image
///   report(T&) -> load_report&
/// T must offer image() (the bytes to cache).
template <class T, class Open, class Parse, class Fingerprint, class Report>
result<T> load_through_cache(std::string_view kind, std::uint32_t version, const std::vector<std::string>& sources,
                             const cache_options& cache, Open open, Parse parse, Fingerprint fingerprint,
                             Report report) {
  std::vector<file_stamp> stamps;
  for (const std::string& path : sources) {
    auto s = stamp_file(path);
    if (!s) return s.error();
    stamps.push_back(std::move(*s));
  }
  const std::uint64_t fp = fingerprint_of(kind, version, stamps);
  load_report how;
  std::string cache_path;
  if (cache.enabled) {
    const std::string dir = cache.dir.empty() ? default_cache_dir() : cache.dir;
    if (dir.empty()) how.note = "no cache directory ($HOME is not set)";
    else cache_path = join_path(dir, cache_file_name(kind, fp));
  }
  if (!cache_path.empty()) {
    if (auto f = mapped_file::open(cache_path)) {
      auto m = open(image_storage(std::move(*f)), cache_path);
      if (m && fingerprint(*m) == fp) {
        report(*m).origin = load_report::origin_kind::cache_hit;
        report(*m).cache_path = cache_path;
        return m;
      }
      how.note = m ? "cached image was for other sources; rebuilt" : m.error().message + "; rebuilt";
    }
  }
  std::vector<mapped_file> files;
  for (const std::string& path : sources) {
    auto f = mapped_file::open(path);
    if (!f) return f.error();
    files.push_back(std::move(*f));
  }
  auto m = parse(files, fp);
  if (!m) return m;
  load_report& r = report(*m);
  r = how;
  r.origin = load_report::origin_kind::built;
  if (!cache_path.empty()) {
    const std::string err = write_file_atomically(cache_path, m->image());
    if (err.empty()) r.cache_path = cache_path;
    else r.note = "image not cached: " + err;
  }
  return m;
}

}  // namespace zhtext::detail
