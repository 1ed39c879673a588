// zhtext/detail/storage/mapped_file.hpp - a read-only view of a whole file: mmap when the
// system allows it, else the bytes read into memory.
//
// Compiled images (the segmentation dictionary, a serialised match automaton) are
// loaded from a byte buffer first; this class is the file-path wrapper. Every user
// reads the whole file right away (a checksum, a parse), so the pages are mapped in
// one go (MAP_POPULATE) rather than one page fault at a time. On Linux with
// transparent huge pages, a file of 2 MiB or more is instead read into 2 MiB pages:
// a few page faults instead of one page-table entry per 4 KiB, which measured 3-4 ms
// less for the 9.5 MB dictionary image in a virtual machine (5.4 -> 2.1 ms), at the
// price of a private copy instead of shared page cache. Movable, not copyable; the
// bytes stay valid until the object is destroyed. Thread-safe to read.
#pragma once

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>

#if defined(__unix__) || defined(__APPLE__)
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#define ZHTEXT_HAVE_MMAP 1
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
      copy_ = std::move(o.copy_);
      o.copy_.clear();
    }
    return *this;
  }
  ~mapped_file() { release(); }

  /// Opens `path` read-only. Errors: errc::not_found (no such file), errc::io_error.
  static result<mapped_file> open(const std::string& path) {
#if defined(ZHTEXT_HAVE_MMAP) && defined(MAP_POPULATE)
    // Every user reads the whole file at once (a checksum, a parse): map its pages in
    // one go rather than one page fault per few pages.
    constexpr int populate = MAP_POPULATE;
#elif defined(ZHTEXT_HAVE_MMAP)
    constexpr int populate = 0;
#endif
    mapped_file f;
#ifdef ZHTEXT_HAVE_MMAP
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      const int e = errno;
      return make_error(e == ENOENT ? errc::not_found : errc::io_error,
                        "cannot open '" + path + "': " + std::strerror(e));
    }
    struct stat st {};
    const bool regular = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0;
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    if (regular && static_cast<std::uint64_t>(st.st_size) >= huge_page && huge_pages_enabled()) {
      const int e = f.read_huge(fd, static_cast<std::size_t>(st.st_size));
      if (e != ENOMEM) {
        ::close(fd);
        if (e != 0) return make_error(errc::io_error, "cannot read '" + path + "': " + std::strerror(e));
        return f;
      }
    }
#endif
    if (regular) {
      void* p = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE | populate, fd, 0);
      if (p != MAP_FAILED) {
        ::close(fd);
        f.map_ = p;
        f.size_ = static_cast<std::size_t>(st.st_size);
        return f;
      }
    }
    ::close(fd);
#endif
    std::ifstream in(path, std::ios::binary);
    if (!in) return make_error(errc::not_found, "cannot open '" + path + "'");
    f.copy_.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (in.bad()) return make_error(errc::io_error, "error reading '" + path + "'");
    return f;
  }

  std::string_view bytes() const noexcept {
    return map_ != nullptr ? std::string_view(static_cast<const char*>(map_), size_) : std::string_view(copy_);
  }
  const char* data() const noexcept { return bytes().data(); }
  std::size_t size() const noexcept { return bytes().size(); }

 private:
  static constexpr std::size_t huge_page = std::size_t(2) << 20;

#if defined(__linux__) && defined(MADV_HUGEPAGE)
  // Reads the n bytes of `fd` into 2 MiB-aligned anonymous memory advised to use huge
  // pages. Returns 0 or an errno value (ENOMEM: the caller maps the file instead).
  int read_huge(int fd, std::size_t n) noexcept {
    const std::size_t len = (n + huge_page - 1) / huge_page * huge_page + huge_page;  // + alignment slack
    void* base = ::mmap(nullptr, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (base == MAP_FAILED) return ENOMEM;
    const auto aligned = (reinterpret_cast<std::uintptr_t>(base) + huge_page - 1) / huge_page * huge_page;
    char* p = reinterpret_cast<char*>(aligned);
    ::madvise(p, len - huge_page, MADV_HUGEPAGE);  // a hint: failure only costs speed
    std::size_t got = 0;
    while (got < n) {
      const ssize_t k = ::read(fd, p + got, n - got);
      if (k < 0 && errno == EINTR) continue;
      if (k < 0) {
        const int e = errno == ENOMEM ? EIO : errno;
        ::munmap(base, len);
        return e;
      }
      if (k == 0) break;  // the file shrank: keep what was there
      got += static_cast<std::size_t>(k);
    }
    ::mprotect(base, len, PROT_READ);  // read-only from now on, as a mapped file is
    base_ = base;
    base_size_ = len;
    map_ = p;
    size_ = got;
    return 0;
  }
#endif

  void release() noexcept {
#ifdef ZHTEXT_HAVE_MMAP
    if (base_ != nullptr) ::munmap(base_, base_size_);
    else if (map_ != nullptr) ::munmap(map_, size_);
#endif
    map_ = base_ = nullptr;
    size_ = base_size_ = 0;
  }
  void* map_ = nullptr;  // the bytes (mapped file, or inside base_)
  std::size_t size_ = 0;
  void* base_ = nullptr;  // anonymous memory the bytes were read into, if so
  std::size_t base_size_ = 0;
  std::string copy_;
};

}  // namespace zhtext::detail
