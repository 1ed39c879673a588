// zhtext/detail/storage/image_cache.hpp - loading a model compiled from source files through
// the image cache, the one procedure dictionary, hmm_model and pos_model share:
//
//   1. stat the sources; the fingerprint is (kind, version, each source's absolute
//      path, size, mtime and inode) - a missing source is an error naming its path;
//   2. read <cache dir>/<kind>-<fingerprint>.zhimg into memory and use it when it opens
//      and carries that fingerprint (a corrupt or stale image is noted in the report and
//      rebuilt); only a regular file is read (never a symbolic link, FIFO, device or
//      directory: those are a miss, noted), and read rather than mapped, so that a
//      process truncating or rewriting the file cannot crash its users (SIGBUS);
//   3. else map the sources, parse them, and write the image atomically (temporary
//      file + rename); a cache that cannot be written only costs the next load a parse;
//   4. keep the cache bounded: a hit marks the image used (its mtime, once a minute), a
//      write removes the images of the kind beyond the 8 most recently used.
//
// Pure apart from the file system; thread-safe (concurrent writers of the same image
// each rename a complete file).
#pragma once

#include <algorithm>
#include <cstdint>
#include <ctime>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#if defined(__unix__) || defined(__APPLE__)
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#endif

#include "../../result.hpp"
#include "cache_dir.hpp"
#include "image.hpp"
#include "mapped_file.hpp"

namespace zhtext::detail {

/// How many images of one kind the cache keeps: every set of source files (a path, a
/// size, an mtime, an inode) has its own image, so editing a dictionary, or loading
/// dictionaries from temporary files, would otherwise leave images behind forever.
inline constexpr std::size_t cached_images_per_kind = 8;

/// A cache entry larger than this is not one of ours (zhtext's largest image, the
/// default dictionary's, is about 10 MB): a miss, never read.
inline constexpr std::uint64_t max_cached_image_size = std::uint64_t(1) << 30;

/// Marks a cached image as used: its mtime becomes now when it is more than a minute
/// old (so an image in use is not the first to go, and a hit writes the inode once a
/// minute at most). Best effort.
inline void touch_cached_image(const std::string& path) noexcept {
#if defined(__unix__) || defined(__APPLE__)
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && mtime_ns(st) < (static_cast<std::int64_t>(std::time(nullptr)) - 60) * 1000000000)
    ::utimensat(AT_FDCWD, path.c_str(), nullptr, 0);
#else
  (void)path;
#endif
}

/// Removes the images of `kind` in `dir` beyond the `keep` most recently used (by
/// mtime, see touch_cached_image), never `except` (the one just written). Only names
/// of the cache's own form, <kind>-<16 hex digits>.zhimg, are considered. Best effort:
/// a file that cannot be removed stays; another process may prune at the same time.
inline void prune_cached_images(const std::string& dir, std::string_view kind, std::size_t keep,
                                const std::string& except) {
#if defined(__unix__) || defined(__APPLE__)
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr) return;
  std::vector<std::pair<std::int64_t, std::string>> images;  // (mtime in ns, path)
  const std::string prefix = std::string(kind) + "-", suffix = ".zhimg";
  while (const dirent* e = ::readdir(d)) {
    const std::string_view name(e->d_name);
    if (name.size() != prefix.size() + 16 + suffix.size() || name.substr(0, prefix.size()) != prefix ||
        name.substr(prefix.size() + 16) != suffix ||
        name.substr(prefix.size(), 16).find_first_not_of("0123456789abcdef") != std::string_view::npos)
      continue;
    const std::string path = join_path(dir, std::string(name));
    struct stat st {};
    if (path != except && ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode))
      images.emplace_back(mtime_ns(st), path);
  }
  ::closedir(d);
  const std::size_t others = keep > 0 ? keep - 1 : 0;  // `except` is one of the kept
  if (images.size() <= others) return;
  std::sort(images.begin(), images.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t i = others; i < images.size(); ++i) ::unlink(images[i].second.c_str());
#else
  (void)dir;
  (void)kind;
  (void)keep;
  (void)except;
#endif
}

/// `r`, with `hint` (how to install the missing data: jieba_install_hint for jieba's)
/// added to an errc::not_found error (what the load_default functions of the models
/// return).
template <class T>
result<T> with_install_hint(result<T>&& r, std::string_view hint) {
  if (!r && r.error().code == errc::not_found)
    return make_error(errc::not_found, r.error().message + " (" + std::string(hint) + ")");
  return std::move(r);
}

/// Loads a T compiled from `sources` through the cache described above. The model type
/// passes its own pieces as callables (they may reach its private members):
///   open(image_storage, const std::string& name) -> result<T>   an image from the cache
///   parse(const std::vector<mapped_file>& sources, uint64_t fingerprint) -> result<T>
///   fingerprint(const T&) -> uint64_t                             the one in T's image
///   report(T&) -> load_report&
/// T must offer image() (the bytes to cache). `keep`: images of the kind kept (a kind
/// used with many source sets, like OpenCC's 14 configurations, keeps more).
template <class T, class Open, class Parse, class Fingerprint, class Report>
result<T> load_through_cache(std::string_view kind, std::uint32_t version, const std::vector<std::string>& sources,
                             const cache_options& cache, Open open, Parse parse, Fingerprint fingerprint,
                             Report report, std::size_t keep = cached_images_per_kind) {
  std::vector<file_stamp> stamps;
  for (const std::string& path : sources) {
    auto s = stamp_file(path);
    if (!s) return s.error();
    stamps.push_back(std::move(*s));
  }
  const std::uint64_t fp = fingerprint_of(kind, version, stamps);
  load_report how;
  std::string cache_dir, cache_path;
  if (cache.enabled) {
    cache_dir = cache.dir.empty() ? default_cache_dir() : cache.dir;
    if (cache_dir.empty()) how.note = "no cache directory ($HOME is not set)";
    else cache_path = join_path(cache_dir, cache_file_name(kind, fp));
  }
  if (!cache_path.empty()) {
    // Whatever is at the path is hostile: only a regular file (not a link, a FIFO, a
    // device, a directory) of a sane size, read into memory so that nothing done to
    // the file later can reach the loaded object. Anything else is a miss, noted.
    file_open_options cached;
    cached.follow_symlinks = false;
    cached.max_size = max_cached_image_size;
    auto f = mapped_file::open(cache_path, cached);
    if (f) {
      auto m = open(image_storage(std::move(*f)), cache_path);
      if (m && fingerprint(*m) == fp) {
        report(*m).origin = load_report::origin_kind::cache_hit;
        report(*m).cache_path = cache_path;
        touch_cached_image(cache_path);
        return m;
      }
      how.note = m ? "cached image was for other sources; rebuilt" : m.error().message + "; rebuilt";
    } else if (f.error().code != errc::not_found) {
      how.note = f.error().message + "; not used, rebuilt";
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
    if (err.empty()) {
      r.cache_path = cache_path;
      prune_cached_images(cache_dir, kind, keep, cache_path);
    } else {
      r.note = (r.note.empty() ? "" : r.note + "; ") + "image not cached: " + err;
    }
  }
  return m;
}

}  // namespace zhtext::detail
