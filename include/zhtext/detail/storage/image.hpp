// zhtext/detail/storage/image.hpp - the container format of zhtext's binary images (compiled
// dictionaries, HMM models) and their on-disk cache.
//
// Layout (little-endian, every section 64-byte aligned so arrays can be used in place
// from an mmap'ed file):
//
//   0  magic "ZHTXIMG1"            8 bytes
//   8  kind, e.g. "jiebadic"       8 bytes (NUL-padded)
//  16  kind version                u32
//  20  section count n             u32
//  24  total size of the image     u64   (a truncated file fails this check)
//  32  checksum64 of [40, size)    u64   (any corrupted byte after it fails this check)
//  40  fingerprint of the sources  u64   (the cache key; 0 when built from memory)
//  48  n x {offset u64, size u64}  section table, offsets from the start
//
// Invariants checked by open_image(): magic, kind, version, size, checksum, every
// section inside the image and aligned. Each kind then checks its own section sizes;
// readers still bounds-check every index they take from an image, so even a crafted
// image with a valid checksum cannot make them read out of bounds.
// Cost: open_image() is one checksum pass (~10 GB/s). Thread-safe (pure functions).
#pragma once

#include <atomic>
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#if defined(__unix__) || defined(__APPLE__)
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

#include "../../result.hpp"
#include "checksum.hpp"
#include "mapped_file.hpp"

namespace zhtext::detail {

inline constexpr std::size_t image_alignment = 64;
inline constexpr std::size_t image_fixed_header = 48;

inline void put_u32(unsigned char* p, std::uint32_t v) noexcept {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<unsigned char>(v >> (8 * i));
}
inline void put_u64(unsigned char* p, std::uint64_t v) noexcept {
  for (int i = 0; i < 8; ++i) p[i] = static_cast<unsigned char>(v >> (8 * i));
}
inline std::uint32_t get_u32(const unsigned char* p) noexcept {
  std::uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

constexpr bool host_is_little_endian() noexcept {
#if defined(__BYTE_ORDER__)
  return __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__;
#else
  return true;
#endif
}

/// Owned image bytes, 64-byte aligned. Movable, not copyable.
struct aligned_bytes {
  struct alignas(image_alignment) block {
    unsigned char b[image_alignment];
  };
  std::unique_ptr<block[]> blocks;
  std::size_t size = 0;
  bool empty() const noexcept { return size == 0; }
  unsigned char* data() noexcept { return blocks ? blocks[0].b : nullptr; }
  const unsigned char* data() const noexcept { return blocks ? blocks[0].b : nullptr; }
  /// `n` zero bytes (the old contents are dropped).
  void resize(std::size_t n) {
    allocate(n);
    if (n != 0) std::memset(data(), 0, rounded(n));
  }
  /// `n` bytes of unspecified contents (the old contents are dropped): the caller
  /// writes each byte. A large block is mapped by the allocator, so its pages take
  /// memory only once written (an image is never resident twice while it is filled
  /// from sections that are freed as they are copied).
  void allocate(std::size_t n) {
    blocks.reset();
    size = 0;
    if (n != 0) blocks.reset(new block[rounded(n) / image_alignment]);  // default-initialised: not written
    size = n;
  }
  static std::size_t rounded(std::size_t n) noexcept { return (n + image_alignment - 1) / image_alignment * image_alignment; }
  std::string_view view() const noexcept {
    return {reinterpret_cast<const char*>(data()), size};
  }
};

/// Builds an image section by section. Arrays are copied in host order, so images are
/// written on little-endian hosts only (open_image() refuses them elsewhere).
class image_writer {
 public:
  image_writer(std::string_view kind, std::uint32_t version, std::uint64_t fingerprint)
      : kind_(kind), version_(version), fingerprint_(fingerprint) {}

  void add(const void* data, std::size_t n) {
    const auto* p = static_cast<const unsigned char*>(data);
    owned_.emplace_back(p, p + n);
    sections_.push_back({owned_.back().data(), n});
  }
  /// Adds a section without copying it: the n bytes at `data` must stay valid and
  /// unchanged until finish() (large sections are then copied once, into the image).
  void add_view(const void* data, std::size_t n) { sections_.push_back({static_cast<const unsigned char*>(data), n}); }
  template <class T>
  void add_array(const std::vector<T>& v) {
    add(v.data(), v.size() * sizeof(T));
  }
  /// Adds the elements of `v` (a std::vector or growable_array of trivially copyable
  /// values) as a section without copying them now: finish() copies them into the image
  /// and then frees `v` (leaves it empty), so a large section is never held twice. `v`
  /// must stay unchanged until finish().
  template <class Container>
  void add_taken(Container& v) {
    sections_.push_back({reinterpret_cast<const unsigned char*>(v.data()), v.size() * sizeof(*v.data()), &v,
                         [](void* c) { Container().swap(*static_cast<Container*>(c)); }});
  }

  /// The image. Each byte is written once (the image's pages take memory as the
  /// sections are copied in); sections added by add_taken are freed as they are copied.
  aligned_bytes finish() const {
    const std::size_t n = sections_.size();
    std::size_t pos = align(image_fixed_header + 16 * n);
    std::vector<std::size_t> offsets;
    for (const auto& s : sections_) {
      offsets.push_back(pos);
      pos = align(pos + s.size);
    }
    aligned_bytes out;
    out.allocate(pos);
    unsigned char* p = out.data();
    std::memset(p, 0, n != 0 ? offsets[0] : pos);  // the header, its section table and padding
    std::memcpy(p, "ZHTXIMG1", 8);
    std::memcpy(p + 8, kind_.data(), kind_.size() < 8 ? kind_.size() : 8);
    put_u32(p + 16, version_);
    put_u32(p + 20, static_cast<std::uint32_t>(n));
    put_u64(p + 24, pos);
    put_u64(p + 40, fingerprint_);
    for (std::size_t i = 0; i < n; ++i) {
      put_u64(p + image_fixed_header + 16 * i, offsets[i]);
      put_u64(p + image_fixed_header + 16 * i + 8, sections_[i].size);
      copy_section(p + offsets[i], sections_[i]);
      const std::size_t end = offsets[i] + sections_[i].size;
      std::memset(p + end, 0, (i + 1 < n ? offsets[i + 1] : pos) - end);  // padding
      if (sections_[i].release != nullptr) sections_[i].release(sections_[i].owner);
    }
    put_u64(p + 32, checksum64(p + 40, pos - 40));
    return out;
  }

 private:
  struct section_view;
  // Copies a section into the image. A taken one goes 1 MiB at a time, each piece's
  // pages given back once copied (its container is freed next anyway): the image fills
  // as its source empties, so even the largest section is not held twice.
  static void copy_section(unsigned char* to, const section_view& s) {
    if (s.size == 0) return;
    if (s.release == nullptr) {
      std::memcpy(to, s.data, s.size);
      return;
    }
    constexpr std::size_t piece = std::size_t{1} << 20;
    for (std::size_t at = 0; at < s.size; at += piece) {
      const std::size_t n = s.size - at < piece ? s.size - at : piece;
      std::memcpy(to + at, s.data + at, n);
#if defined(__linux__)
      // The whole pages of [s.data, s.data + at + n) not given back yet: never a page
      // the allocator shares with the section's neighbours.
      const std::uintptr_t page = 4096, b = reinterpret_cast<std::uintptr_t>(s.data);
      const std::uintptr_t first = (b + page - 1) / page * page, done = (b + at) / page * page;
      const std::uintptr_t lo = done > first ? done : first, hi = (b + at + n) / page * page;
      if (hi > lo) ::madvise(reinterpret_cast<void*>(lo), hi - lo, MADV_DONTNEED);  // a hint: failure costs memory
#endif
    }
  }
  static std::size_t align(std::size_t n) { return (n + image_alignment - 1) / image_alignment * image_alignment; }
  std::string kind_;
  std::uint32_t version_;
  std::uint64_t fingerprint_;
  struct section_view {
    const unsigned char* data;
    std::size_t size;
    void* owner = nullptr;                 // add_taken's container,
    void (*release)(void*) = nullptr;      // freed by this once copied
  };
  std::vector<std::vector<unsigned char>> owned_;  // copies made by add() (their buffers never move)
  std::vector<section_view> sections_;
};

struct image_section {
  const unsigned char* data = nullptr;
  std::size_t size = 0;
};

struct image_contents {
  std::uint64_t fingerprint = 0;
  std::vector<image_section> sections;
};

/// Checks an image's container (see the top of this file) and returns its sections.
/// `name` is used in error messages (a path or "<memory>"). Errors: errc::corrupt_data.
inline result<image_contents> open_image(std::string_view bytes, std::string_view kind, std::uint32_t version,
                                         std::size_t sections, const std::string& name) {
  auto fail = [&](const std::string& why) {
    return make_error(errc::corrupt_data, "'" + name + "': " + why);
  };
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  if (bytes.size() < image_fixed_header || std::memcmp(p, "ZHTXIMG1", 8) != 0)
    return fail("not a zhtext image (bad magic or shorter than its header)");
  if (!host_is_little_endian()) return fail("zhtext images are little-endian; this host is not");
  char k[9] = {};
  std::memcpy(k, p + 8, 8);
  if (std::string_view(k) != kind) return fail("image holds a '" + std::string(k) + "', not a '" + std::string(kind) + "'");
  const std::uint32_t v = get_u32(p + 16);
  if (v != version)
    return fail("image format version " + std::to_string(v) + ", this zhtext reads version " + std::to_string(version));
  const std::uint64_t size = read_le64(p + 24);
  if (size != bytes.size())
    return fail("truncated or padded: the header says " + std::to_string(size) + " bytes, there are " +
                std::to_string(bytes.size()));
  const std::uint32_t n = get_u32(p + 20);
  if (n != sections || image_fixed_header + 16 * std::uint64_t{n} > size)
    return fail("unexpected section count " + std::to_string(n));
  if (checksum64(p + 40, bytes.size() - 40) != read_le64(p + 32)) return fail("checksum mismatch (the image is corrupt)");
  if (reinterpret_cast<std::uintptr_t>(p) % 8 != 0) return fail("image bytes are not 8-byte aligned");
  image_contents out;
  out.fingerprint = read_le64(p + 40);
  for (std::uint32_t i = 0; i < n; ++i) {
    const std::uint64_t off = read_le64(p + image_fixed_header + 16 * i);
    const std::uint64_t len = read_le64(p + image_fixed_header + 16 * i + 8);
    if (off % 8 != 0 || off > size || len > size - off) return fail("section " + std::to_string(i) + " out of bounds");
    out.sections.push_back({p + off, static_cast<std::size_t>(len)});
  }
  return out;
}

#if defined(__unix__) || defined(__APPLE__)
/// A stat's modification time in nanoseconds since the epoch.
inline std::int64_t mtime_ns(const struct stat& st) noexcept {
#if defined(__APPLE__)
  return static_cast<std::int64_t>(st.st_mtimespec.tv_sec) * 1000000000 + st.st_mtimespec.tv_nsec;
#else
  return static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
#endif
}
#endif

/// Adds the identity of the source file `path` to the cache key `key` (a NUL, its
/// absolute path, a NUL, "size:mtime-ns:inode"): see fingerprint_of. Errors:
/// errc::not_found (with strerror), errc::io_error (also: not a regular file).
inline result<void> append_file_stamp(std::string& key, const std::string& path) {
  key += '\0';
#if defined(__unix__) || defined(__APPLE__)
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    const int e = errno;
    return make_error(e == ENOENT ? errc::not_found : errc::io_error, "cannot open '" + path + "': " + std::strerror(e));
  }
  if (!S_ISREG(st.st_mode)) return make_error(errc::io_error, "cannot read '" + path + "': not a regular file");
  char buf[4096];
  if (!path.empty() && path[0] != '/' && ::getcwd(buf, sizeof buf) != nullptr) key.append(buf).append("/");
  key += path;
  key += '\0';
  std::snprintf(buf, sizeof buf, "%llu:%lld:%llu", static_cast<unsigned long long>(st.st_size),
                static_cast<long long>(mtime_ns(st)), static_cast<unsigned long long>(st.st_ino));
  key += buf;
#else
  auto f = mapped_file::open(path);
  if (!f) return f.error();
  key += path;
  key += '\0';
  key += std::to_string(f->size()) + ":0:0";
#endif
  return {};
}

/// The cache key of an image of `kind`/`version` built from the files `sources`: a hash
/// of kind, version and each file's identity (append_file_stamp); never 0 (0 means
/// "not from files"). Errors: those of append_file_stamp, naming the file.
inline result<std::uint64_t> fingerprint_of(std::string_view kind, std::uint32_t version,
                                             const std::vector<std::string>& sources) {
  char num[16];
  std::snprintf(num, sizeof num, "%u", static_cast<unsigned>(version));
  std::string key(kind);
  key += '\0';
  key += num;
  for (const std::string& path : sources)
    if (auto r = append_file_stamp(key, path); !r) return r.error();
  const std::uint64_t h = checksum64(key.data(), key.size(), 0x7A68746578746361ULL);
  return h == 0 ? 1 : h;
}

inline std::string cache_file_name(std::string_view kind, std::uint64_t fingerprint) {
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(fingerprint));
  return std::string(kind) + "-" + hex + ".zhimg";
}

/// Creates `dir` and its parents (mode 0755). Returns an error message or "".
inline std::string make_directories(const std::string& dir) {
#if defined(__unix__) || defined(__APPLE__)
  std::string partial;
  std::size_t i = 0;
  while (i <= dir.size()) {
    const std::size_t slash = dir.find('/', i);
    const std::size_t end = slash == std::string::npos ? dir.size() : slash;
    partial = dir.substr(0, end);
    i = end + 1;
    if (partial.empty()) continue;
    if (::mkdir(partial.c_str(), 0755) != 0 && errno != EEXIST)
      return "cannot create '" + partial + "': " + std::strerror(errno);
  }
  return {};
#else
  (void)dir;
  return "image cache needs a POSIX system";
#endif
}

#if defined(__unix__) || defined(__APPLE__)
/// Writes n bytes at p to file descriptor fd. Returns errno's message or "".
inline std::string write_all(int fd, const void* p, std::size_t n) {
  const auto* b = static_cast<const char*>(p);
  for (std::size_t done = 0; done < n;) {
    const ssize_t w = ::write(fd, b + done, n - done);
    if (w < 0) {
      if (errno == EINTR) continue;
      return std::strerror(errno);
    }
    done += static_cast<std::size_t>(w);
  }
  return {};
}
#endif

/// Writes a file at `path` atomically: fill(fd) writes the contents to a temporary
/// file in the same directory (returning an error message or ""), then rename().
/// Returns an error message or "".
template <class Fill>
std::string write_file_atomically_by(const std::string& path, Fill&& fill) {
#if defined(__unix__) || defined(__APPLE__)
  const std::size_t slash = path.rfind('/');
  if (slash != std::string::npos) {
    std::string err = make_directories(path.substr(0, slash));
    if (!err.empty()) return err;
  }
  static std::atomic<unsigned> counter{0};
  const std::string tmp = path + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter++);
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return "cannot create '" + tmp + "': " + std::strerror(errno);
  const std::string why = fill(fd);
  if (!why.empty()) {
    ::close(fd);
    ::unlink(tmp.c_str());
    return "cannot write '" + tmp + "': " + why;
  }
  if (::close(fd) != 0 || ::rename(tmp.c_str(), path.c_str()) != 0) {
    const std::string err = "cannot write '" + path + "': " + std::strerror(errno);
    ::unlink(tmp.c_str());
    return err;
  }
  return {};
#else
  (void)path;
  (void)fill;
  return "image cache needs a POSIX system";
#endif
}

/// Writes `bytes` to `path` atomically: a temporary file in the same directory, then
/// rename(). Returns an error message or "".
inline std::string write_file_atomically(const std::string& path, std::string_view bytes) {
#if defined(__unix__) || defined(__APPLE__)
  return write_file_atomically_by(path, [&](int fd) { return write_all(fd, bytes.data(), bytes.size()); });
#else
  (void)bytes;
  return write_file_atomically_by(path, 0);
#endif
}

/// Image bytes that are mapped from a file, owned in memory, or borrowed from the
/// caller (who keeps them valid). Moving it keeps the bytes where they are.
class image_storage {
 public:
  image_storage() = default;
  explicit image_storage(mapped_file f) : file_(std::move(f)) {}
  explicit image_storage(aligned_bytes b) : owned_(std::move(b)) {}
  explicit image_storage(std::string_view borrowed) noexcept : borrowed_(borrowed) {}
  std::string_view bytes() const noexcept {
    return owned_.size != 0 ? owned_.view() : borrowed_.data() != nullptr ? borrowed_ : file_.bytes();
  }

 private:
  mapped_file file_;
  aligned_bytes owned_;
  std::string_view borrowed_;
};

/// Copies `bytes` into 64-byte-aligned storage.
inline aligned_bytes copy_aligned(std::string_view bytes) {
  aligned_bytes b;
  b.allocate(bytes.size());
  if (!bytes.empty()) {
    std::memcpy(b.data(), bytes.data(), bytes.size());
    std::memset(b.data() + bytes.size(), 0, aligned_bytes::rounded(bytes.size()) - bytes.size());
  }
  return b;
}

}  // namespace zhtext::detail
