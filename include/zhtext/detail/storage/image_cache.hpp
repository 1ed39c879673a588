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
  // (~mtime as an ordered unsigned number, index into paths): in plain ascending
  // order, the most recently used first.
  std::vector<std::pair<std::uint64_t, std::uint64_t>> images;
  std::vector<std::string> paths;
  const std::string prefix = std::string(kind) + "-", suffix = ".zhimg";
  while (const dirent* e = ::readdir(d)) {
    const std::string_view name(e->d_name);
    if (name.size() != prefix.size() + 16 + suffix.size() || name.substr(0, prefix.size()) != prefix ||
        name.substr(prefix.size() + 16) != suffix ||
        name.substr(prefix.size(), 16).find_first_not_of("0123456789abcdef") != std::string_view::npos)
      continue;
    const std::string path = join_path(dir, std::string(name));
    struct stat st {};
    if (path != except && ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode)) {
      images.emplace_back(~(static_cast<std::uint64_t>(mtime_ns(st)) ^ (std::uint64_t{1} << 63)), paths.size());
      paths.push_back(path);
    }
  }
  ::closedir(d);
  const std::size_t others = keep > 0 ? keep - 1 : 0;  // `except` is one of the kept
  if (images.size() <= others) return;
  std::sort(images.begin(), images.end());
  for (std::size_t i = others; i < images.size(); ++i) ::unlink(paths[static_cast<std::size_t>(images[i].second)].c_str());
#else
  (void)dir;
  (void)kind;
  (void)keep;
  (void)except;
#endif
}

/// Adds `hint` (how to install the missing data: jieba_install_hint for jieba's) to an
/// errc::not_found error `e` (what the load_default functions of the models return).
/// Not a template: the models' load_installed change their result's error in place.
inline void add_install_hint(error& e, std::string_view hint) {
  if (e.code == errc::not_found) e.message.append(" (").append(hint).append(")");
}

/// What image_holder::load_cached (compiled_image.hpp) learns before it opens or
/// parses anything of a model's: the fingerprint of the sources, where their image
/// would be cached, the cached file when one is there (not checked yet), and the notes
/// so far.
struct cache_probe {
  std::uint64_t fingerprint = 0;
  std::string dir, path;     ///< the cache directory and the image's path (empty: no cache)
  load_report how;           ///< notes for the report of a model built from the sources
  bool has_cached = false;   ///< `cached` holds the bytes of the file at `path`
  image_storage cached;
};

/// Steps 1 and 2 of the procedure above, up to a cached file read into memory: stats
/// the sources (a missing one is an error naming its path) and looks in the cache.
/// Fills `p` (a fresh cache_probe) in place.
inline result<void> probe_image_cache(cache_probe& p, std::string_view kind, std::uint32_t version,
                                      const std::vector<std::string>& sources, const cache_options& cache) {
  auto fp = fingerprint_of(kind, version, sources);
  if (!fp) return fp.error();
  p.fingerprint = *fp;
  if (!cache.enabled) return {};
  p.dir = cache.dir.empty() ? default_cache_dir() : cache.dir;
  if (p.dir.empty()) {
    p.how.note = "no cache directory ($HOME is not set)";
    return {};
  }
  p.path = join_path(p.dir, cache_file_name(kind, p.fingerprint));
  // Whatever is at the path is hostile: only a regular file (not a link, a FIFO, a
  // device, a directory) of a sane size, read into memory so that nothing done to the
  // file later can reach the loaded object. Anything else is a miss, noted.
  file_open_options cached;
  cached.follow_symlinks = false;
  cached.max_size = max_cached_image_size;
  auto f = mapped_file::open(p.path, cached);
  if (f) {
    p.cached = image_storage(std::move(*f));
    p.has_cached = true;
  } else if (f.error().code != errc::not_found) {
    p.how.note = f.error().message + "; not used, rebuilt";
  }
  return {};
}

/// A cached image was opened and carries the sources' fingerprint: `r` says so.
inline void note_cache_hit(load_report& r, const std::string& path) {
  r.origin = load_report::origin_kind::cache_hit;
  r.cache_path = path;
  touch_cached_image(path);
}

/// The source files, mapped, in order (step 3); an error names the first that fails.
inline result<std::vector<mapped_file>> map_source_files(const std::vector<std::string>& sources) {
  std::vector<mapped_file> files(sources.size());
  for (std::size_t i = 0; i < sources.size(); ++i) {
    auto f = mapped_file::open(sources[i]);
    if (!f) return f.error();
    files[i] = std::move(*f);
  }
  return files;
}

/// Steps 3 and 4 after a parse: `r` (the new model's report) gets the probe's notes and
/// origin "built"; `image` is written to the cache atomically and the kind's images
/// beyond `keep` are pruned (a write that fails is noted, not an error).
inline void store_in_image_cache(load_report& r, const cache_probe& p, std::string_view kind, std::string_view image,
                                 std::size_t keep) {
  r = p.how;
  r.origin = load_report::origin_kind::built;
  if (p.path.empty()) return;
  const std::string err = write_file_atomically(p.path, image);
  if (err.empty()) {
    r.cache_path = p.path;
    prune_cached_images(p.dir, kind, keep, p.path);
  } else {
    r.note = (r.note.empty() ? "" : r.note + "; ") + "image not cached: " + err;
  }
}

}  // namespace zhtext::detail
