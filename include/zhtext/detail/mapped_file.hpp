// zhtext/detail/mapped_file.hpp - a read-only view of a whole file: mmap when the
// system allows it, else the bytes read into memory.
//
// Compiled images (the segmentation dictionary, a serialised match automaton) are
// loaded from a byte buffer first; this class is the file-path wrapper. Cost: O(1)
// with mmap (pages are read on first touch), O(size) otherwise. Movable, not
// copyable; the bytes stay valid until the object is destroyed. Thread-safe to read.
#pragma once

#include <cerrno>
#include <cstddef>
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

#include "../result.hpp"

namespace zhtext::detail {

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
      size_ = std::exchange(o.size_, 0);
      copy_ = std::move(o.copy_);
      o.copy_.clear();
    }
    return *this;
  }
  ~mapped_file() { release(); }

  /// Opens `path` read-only. Errors: errc::not_found (no such file), errc::io_error.
  static result<mapped_file> open(const std::string& path) {
    mapped_file f;
#ifdef ZHTEXT_HAVE_MMAP
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      const int e = errno;
      return make_error(e == ENOENT ? errc::not_found : errc::io_error,
                        "cannot open '" + path + "': " + std::strerror(e));
    }
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
      void* p = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
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
  void release() noexcept {
#ifdef ZHTEXT_HAVE_MMAP
    if (map_ != nullptr) ::munmap(map_, size_);
#endif
    map_ = nullptr;
    size_ = 0;
  }
  void* map_ = nullptr;
  std::size_t size_ = 0;
  std::string copy_;
};

}  // namespace zhtext::detail
