// zhtext/detail/storage/mapped_file.hpp - a read-only view of a whole file: by default a
// private copy read into memory; mmap'ed in place when asked.
//
// Compiled images (the segmentation dictionary, a serialised match automaton) are
// loaded from a byte buffer first; this class is the file-path wrapper. Every user
// reads the whole file right away (a checksum, a parse), so the bytes are read in one
// go. What is at the path is treated as hostile: open() never blocks (O_NONBLOCK, so a
// FIFO cannot hang it), fstat()s before reading, and by default accepts only a regular
// file (a directory, FIFO, socket or device is an error naming the path; a symbolic
// link is refused too when follow_symlinks is off), of at most max_size bytes.
//
// Why a copy by default: a file mapped in place that another process truncates kills
// the reader with SIGBUS at its next access past the new end, MAP_PRIVATE or not; a
// verified copy cannot change under its reader. The copy goes to anonymous memory,
// page-aligned, read-only once filled; on Linux with transparent huge pages, a file of
// 2 MiB or more is read into 2 MiB pages (a few page faults instead of one page-table
// entry per 4 KiB, which measured 3-4 ms less for the 9.5 MB dictionary image in a
// virtual machine: 5.4 -> 2.1 ms). Movable, not copyable; the bytes stay valid until
// the object is destroyed. Thread-safe to read.
#pragma once

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>

#if defined(__unix__) || defined(__APPLE__)
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#define ZHTEXT_HAVE_MMAP 1
#else
#include <fstream>
#include <iterator>
#endif

#include "../../result.hpp"

namespace zhtext::detail {

#if defined(__linux__) && defined(MADV_HUGEPAGE)
/// Whether madvise(MADV_HUGEPAGE) can give transparent huge pages (THP "always" or
/// "madvise"). Without them, filling fresh anonymous memory costs a page fault per
/// 4 KiB, which is dear in virtual machines. Read once; thread-safe.
inline bool huge_pages_enabled() noexcept {
  static const bool enabled = [] {
    const int fd = ::open("/sys/kernel/mm/transparent_hugepage/enabled", O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    char buf[128] = {};
    const ssize_t n = ::read(fd, buf, sizeof buf - 1);
    ::close(fd);
    return n > 0 && (std::strstr(buf, "[always]") != nullptr || std::strstr(buf, "[madvise]") != nullptr);
  }();
  return enabled;
}
#endif

/// How mapped_file::open treats what it finds at a path.
struct file_open_options {
  /// Follow a symbolic link at the path. Off for files zhtext names itself (the image
  /// cache's), where a link is nothing zhtext put there: O_NOFOLLOW, an error.
  bool follow_symlinks = true;
  /// Accept only a regular file. Off: a stream (a pipe, /dev/stdin, a character
  /// device) is read to its end, at most max_size bytes. A directory is always an error.
  bool regular_only = true;
  /// Map the file's pages in place (MAP_PRIVATE) instead of reading a copy: no copy,
  /// but a process that truncates the file meanwhile makes a later access SIGBUS.
  bool map_in_place = false;
  /// A larger file is an error (errc::io_error naming the path and the limit).
  std::uint64_t max_size = std::uint64_t(-1);
};

class mapped_file {
 public:
  mapped_file() = default;
  mapped_file(const mapped_file&) = delete;
  mapped_file& operator=(const mapped_file&) = delete;
  mapped_file(mapped_file&& o) noexcept { *this = std::move(o); }
  mapped_file& operator=(mapped_file&& o) noexcept {
    if (this != &o) {
      release();
      map_ = std::exchange(o.map_, nullptr);
      base_ = std::exchange(o.base_, nullptr);
      base_size_ = std::exchange(o.base_size_, 0);
      size_ = std::exchange(o.size_, 0);
      discarded_ = std::exchange(o.discarded_, 0);
      copy_ = std::move(o.copy_);
      o.copy_.clear();
    }
    return *this;
  }
  ~mapped_file() { release(); }

  /// Opens `path` read-only and reads (or maps, see file_open_options) all of it.
  /// Errors: errc::not_found (no such file), errc::io_error (anything else: not a
  /// regular file, a symbolic link refused, too large, a read error), naming the path.
  static result<mapped_file> open(const std::string& path, const file_open_options& o = {}) {
    mapped_file f;
#ifdef ZHTEXT_HAVE_MMAP
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | (o.follow_symlinks ? 0 : O_NOFOLLOW));
    if (fd < 0) {
      const int e = errno;
      if (e == ELOOP && !o.follow_symlinks)
        return make_error(errc::io_error, "cannot open '" + path + "': a symbolic link (not followed here)");
      return make_error(e == ENOENT ? errc::not_found : errc::io_error,
                        "cannot open '" + path + "': " + std::strerror(e));
    }
    const std::string why = f.read_fd(fd, o);
    ::close(fd);
    if (!why.empty()) return make_error(errc::io_error, "cannot read '" + path + "': " + why);
    return f;
#else
    std::ifstream in(path, std::ios::binary);
    if (!in) return make_error(errc::not_found, "cannot open '" + path + "'");
    f.copy_.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (in.bad()) return make_error(errc::io_error, "error reading '" + path + "'");
    if (f.copy_.size() > o.max_size) return make_error(errc::io_error, "cannot read '" + path + "': too large");
    return f;
#endif
  }

  std::string_view bytes() const noexcept {
    return map_ != nullptr ? std::string_view(static_cast<const char*>(map_), size_) : std::string_view(copy_);
  }
  const char* data() const noexcept { return bytes().data(); }
  std::size_t size() const noexcept { return bytes().size(); }

  /// Gives the memory of the bytes before `offset` back to the system, in whole 2 MiB
  /// steps: for a loader that reads a large file once, front to back, and keeps what
  /// it makes of it, so the file and its result are not held whole at once (a 50 MiB
  /// list of 5.24M patterns: 50 MB less at the peak). Those bytes must not be read
  /// again: a copy read into memory then reads as zeros (a file mapped in place is read
  /// again from the file). A stream read to its end, and systems without madvise, keep
  /// them.
  void discard_before(std::size_t offset) noexcept {
#if defined(ZHTEXT_HAVE_MMAP) && defined(MADV_DONTNEED)
    const std::size_t end = (offset < size_ ? offset : size_) / huge_page * huge_page;
    if (map_ == nullptr || end <= discarded_) return;
    ::madvise(static_cast<char*>(map_) + discarded_, end - discarded_, MADV_DONTNEED);  // a hint
    discarded_ = end;
#else
    (void)offset;
#endif
  }

 private:
  static constexpr std::size_t huge_page = std::size_t(2) << 20;

#ifdef ZHTEXT_HAVE_MMAP
  // What fstat found, for messages: "a directory", "a FIFO", ...
  static const char* file_kind(mode_t m) noexcept {
    if (S_ISDIR(m)) return "a directory";
    if (S_ISFIFO(m)) return "a FIFO";
    if (S_ISCHR(m)) return "a character device";
    if (S_ISBLK(m)) return "a block device";
    if (S_ISSOCK(m)) return "a socket";
    return "not a regular file";
  }

  // Reads (or maps) the open file `fd`. Returns "" or why it cannot.
  std::string read_fd(int fd, const file_open_options& o) {
    struct stat st {};
    if (::fstat(fd, &st) != 0) return std::strerror(errno);
    if (!S_ISREG(st.st_mode)) {
      if (o.regular_only || S_ISDIR(st.st_mode)) return std::string(file_kind(st.st_mode)) + ", not a regular file";
      // A stream the caller accepts (a pipe, /dev/stdin): read to its end, blocking.
      ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
      return read_stream(fd, o.max_size);
    }
    const auto size = static_cast<std::uint64_t>(st.st_size);
    if (size > o.max_size) return std::to_string(size) + " bytes, more than the limit of " + std::to_string(o.max_size);
    if (size == 0) return {};
    if (size > std::uint64_t(std::size_t(-1) / 2)) return std::strerror(EFBIG);
    const auto n = static_cast<std::size_t>(size);
    if (o.map_in_place && !use_huge_pages(n)) {  // huge pages are faster than the page cache's
#if defined(MAP_POPULATE)
      // Every user reads the whole file at once (a checksum, a parse): map its pages in
      // one go rather than one page fault per few pages.
      constexpr int populate = MAP_POPULATE;
#else
      constexpr int populate = 0;
#endif
      void* p = ::mmap(nullptr, n, PROT_READ, MAP_PRIVATE | populate, fd, 0);
      if (p != MAP_FAILED) {
        map_ = p;
        size_ = n;
        return {};
      }
    }
    const int e = read_copy(fd, n);
    return e == 0 ? std::string() : std::strerror(e);
  }

  static bool use_huge_pages(std::size_t n) noexcept {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    return n >= huge_page && huge_pages_enabled();
#else
    (void)n;
    return false;
#endif
  }

  // Reads up to n bytes of `fd` (fewer if the file shrank meanwhile; a file that grew
  // is read to its size at fstat) into page-aligned anonymous memory, on 2 MiB pages
  // when it is that large and the system has transparent huge pages. Returns 0 or an
  // errno value.
  int read_copy(int fd, std::size_t n) noexcept {
    const bool huge = use_huge_pages(n);
    const std::size_t page = huge ? huge_page : 4096;
    const std::size_t len = (n + page - 1) / page * page + (huge ? huge_page : 0);  // + alignment slack
    void* base = ::mmap(nullptr, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (base == MAP_FAILED) return ENOMEM;
    const auto aligned = (reinterpret_cast<std::uintptr_t>(base) + page - 1) / page * page;
    char* p = reinterpret_cast<char*>(aligned);
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    if (huge) ::madvise(p, len - huge_page, MADV_HUGEPAGE);  // a hint: failure only costs speed
#endif
    std::size_t got = 0;
    while (got < n) {
      const ssize_t k = ::read(fd, p + got, n - got);
      if (k < 0 && errno == EINTR) continue;
      if (k < 0) {
        const int e = errno == ENOMEM ? EIO : errno;
        ::munmap(base, len);
        return e;
      }
      if (k == 0) break;  // the file shrank: keep what was there (an image's checks fail)
      got += static_cast<std::size_t>(k);
    }
    ::mprotect(base, len, PROT_READ);  // read-only from now on, as a mapped file is
    base_ = base;
    base_size_ = len;
    map_ = p;
    size_ = got;
    return 0;
  }

  // Reads a stream to its end, at most max_size bytes. Returns "" or why it cannot.
  std::string read_stream(int fd, std::uint64_t max_size) {
    char buf[65536];
    for (;;) {
      const ssize_t k = ::read(fd, buf, sizeof buf);
      if (k < 0 && errno == EINTR) continue;
      if (k < 0) return std::strerror(errno);
      if (k == 0) return {};
      if (copy_.size() + static_cast<std::size_t>(k) > max_size) {
        copy_.clear();
        return "more than the limit of " + std::to_string(max_size) + " bytes";
      }
      copy_.append(buf, static_cast<std::size_t>(k));
    }
  }
#endif

  void release() noexcept {
#ifdef ZHTEXT_HAVE_MMAP
    if (base_ != nullptr) ::munmap(base_, base_size_);
    else if (map_ != nullptr) ::munmap(map_, size_);
#endif
    map_ = base_ = nullptr;
    size_ = base_size_ = discarded_ = 0;
  }
  void* map_ = nullptr;  // the bytes (mapped file, or inside base_)
  std::size_t size_ = 0;
  void* base_ = nullptr;  // anonymous memory the bytes were read into, if so
  std::size_t base_size_ = 0;
  std::size_t discarded_ = 0;  // bytes from the start given back (discard_before)
  std::string copy_;
};

}  // namespace zhtext::detail
