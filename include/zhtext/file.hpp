// zhtext/file.hpp - reading a whole file as bytes, the way zhtext's loaders do.
//
// mapped_file::open maps the file read-only (mmap with MAP_POPULATE where the system
// allows it; on Linux with transparent huge pages, a file of 2 MiB or more is read into
// 2 MiB pages instead, a few page faults instead of one per 4 KiB) or else reads it
// into memory. Errors come back as a result (no exceptions): a missing file is
// errc::not_found, anything else errc::io_error, with the path in the message.
//
//   auto f = zhtext::mapped_file::open("news.txt");
//   if (!f) { std::cerr << f.error().message << '\n'; return 1; }
//   std::string_view text = f->bytes();      // valid while *f lives
//
// Movable, not copyable; reading from several threads is safe. See
// detail/storage/mapped_file.hpp for the measurements behind the huge-page choice.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

#include "detail/platform/linkage.hpp"
#include "detail/storage/mapped_file.hpp"
#include "result.hpp"

namespace zhtext {

/// A read-only view of a whole file's bytes (see the top of this header).
class mapped_file {
 public:
  /// An empty view (no file).
  mapped_file() = default;
  mapped_file(mapped_file&&) noexcept = default;
  mapped_file& operator=(mapped_file&&) noexcept = default;
  mapped_file(const mapped_file&) = delete;
  mapped_file& operator=(const mapped_file&) = delete;

  /// Opens `path` and maps (or reads) all of it; a pipe or other stream is read to its
  /// end. Never blocks on opening (a FIFO without a writer reads as empty). Errors:
  /// errc::not_found (no such file), errc::io_error (a directory, any other failure to
  /// open, map or read), each naming the path.
  static result<mapped_file> open(const std::string& path);

  /// The file's bytes; valid until this object is destroyed or assigned to.
  std::string_view bytes() const noexcept { return file_.bytes(); }
  const char* data() const noexcept { return file_.data(); }
  std::size_t size() const noexcept { return file_.size(); }
  bool empty() const noexcept { return file_.size() == 0; }
  /// For a reader that goes through the file once, front to back: gives the memory of
  /// the bytes before `offset` back to the system (whole 2 MiB steps), so a large file
  /// is not held whole beside what is made of it. Those bytes must not be read again
  /// (they may read as zeros); a stream's copy is kept whole.
  void discard_before(std::size_t offset) noexcept { file_.discard_before(offset); }

 private:
  detail::mapped_file file_;
};

// The loaders: inline, or compiled once into zhtext::compiled (detail/platform/linkage.hpp).
#if ZHTEXT_DEFINITIONS
ZHTEXT_DECL result<mapped_file> mapped_file::open(const std::string& path) {
  detail::file_open_options o;
  o.map_in_place = true;
  o.regular_only = false;
  auto f = detail::mapped_file::open(path, o);
  if (!f) return f.error();
  mapped_file m;
  m.file_ = std::move(*f);
  return m;
}
#endif

/// True if the system has transparent huge pages enabled ("always" or "madvise" in
/// /sys/kernel/mm/transparent_hugepage/enabled): then mapped_file reads large files
/// into huge pages, and a program may madvise(MADV_HUGEPAGE) its heap. Read once;
/// always false where the system has no MADV_HUGEPAGE.
inline bool huge_pages_enabled() noexcept {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  return detail::huge_pages_enabled();
#else
  return false;
#endif
}

}  // namespace zhtext
