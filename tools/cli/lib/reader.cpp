// reader.cpp - the block engine's input side (reader.hpp).
#include "reader.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <new>

// mremap (Linux): a mapped buffer grows without a copy (byte_buffer::grow).
#if defined(__linux__) && defined(MREMAP_MAYMOVE)
#define ZHTEXT_CLI_MREMAP 1
#else
#define ZHTEXT_CLI_MREMAP 0
#endif

namespace cli::detail {

namespace {

constexpr std::size_t read_chunk = std::size_t(1) << 20;

bool write_all(int fd, const char* p, std::size_t n) {
  while (n > 0) {
    const ssize_t w = ::write(fd, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    p += w;
    n -= static_cast<std::size_t>(w);
  }
  return true;
}

// An unlinked temporary file for spooling a pipe ($TMPDIR, else /tmp).
file make_spool(std::string& error) {
  const char* dir = std::getenv("TMPDIR");
  std::string path = std::string(dir != nullptr && *dir != '\0' ? dir : "/tmp") + "/zhtext-spool-XXXXXX";
  const int fd = ::mkstemp(&path[0]);
  if (fd < 0) {
    error = "cannot create a temporary file in '" + path.substr(0, path.rfind('/')) + "': " + std::strerror(errno);
    return file();
  }
  ::unlink(path.c_str());
  return file(fd, true);
}

}  // namespace

// ---------------------------------------------------------------------------------
// file

file& file::operator=(file&& o) noexcept {
  if (this != &o) {
    close();
    fd_ = o.fd_;
    owned_ = o.owned_;
    o.fd_ = -1;
  }
  return *this;
}

void file::close() {
  if (fd_ >= 0 && owned_) ::close(fd_);
  fd_ = -1;
}

long file::read(char* p, std::size_t n) {
  for (;;) {
    const ssize_t r = ::read(fd_, p, n);
    if (r >= 0 || errno != EINTR) return static_cast<long>(r);
  }
}

// In byte counters the compiler vectorises.
std::uint64_t count_newlines(const char* p, std::size_t n) {
  std::uint64_t total = 0;
  while (n > 0) {
    const std::size_t k = std::min<std::size_t>(n, 255);
    unsigned char c = 0;
    for (std::size_t i = 0; i < k; ++i) c = static_cast<unsigned char>(c + (p[i] == '\n'));
    total += c;
    p += k;
    n -= k;
  }
  return total;
}

// ---------------------------------------------------------------------------------
// The pre-pass of --on-invalid error: validates a whole input, streaming.

prepass_result prepass(file& f) {
  prepass_result r;
  struct stat st {};
  const off_t start = ::lseek(f.fd(), 0, SEEK_CUR);
  const bool seekable = start >= 0 && ::fstat(f.fd(), &st) == 0 && S_ISREG(st.st_mode);
  file spool;
  if (!seekable) {
    spool = make_spool(r.io_error);
    if (spool.fd() < 0) return r;
  }
  std::string buf;
  std::uint64_t base = 0;
  bool sniffed = false;
  for (;;) {
    const std::size_t keep = buf.size();
    buf.resize(keep + read_chunk);
    const long n = f.read(&buf[keep], read_chunk);
    if (n < 0) {
      r.io_error = std::strerror(errno);
      return r;
    }
    buf.resize(keep + static_cast<std::size_t>(n));
    const bool eof = n == 0;
    if (!sniffed) {  // the encoding, from the first bytes (or as soon as they are not UTF-8)
      r.head.append(buf, keep, std::min(static_cast<std::size_t>(n), encoding_sniff_bytes - r.head.size()));
      sniffed = r.head.size() == encoding_sniff_bytes || eof ||
                !zhtext::is_valid_utf8(std::string_view(r.head).substr(0, zhtext::complete_prefix_length(r.head)));
      if (sniffed && (r.encoding = detect_encoding(r.head)) != foreign_encoding::none) {
        r.ok = false;
        return r;
      }
    }
    if (!seekable && n > 0 && !write_all(spool.fd(), buf.data() + keep, static_cast<std::size_t>(n))) {
      r.io_error = std::string("cannot write the temporary file: ") + std::strerror(errno);
      return r;
    }
    const std::size_t len = eof ? buf.size() : zhtext::complete_prefix_length(buf);
    const std::string_view part(buf.data(), len);
    const zhtext::utf8_validation v = zhtext::validate_utf8(part);
    if (!v.ok) {
      r.ok = false;
      r.byte = base + v.offset;
      r.line += count_newlines(part.data(), v.offset);
      r.kind = v.kind;
      return r;
    }
    r.line += count_newlines(part.data(), part.size());
    base += len;
    buf.erase(0, len);
    if (eof) break;
  }
  r.line = 1;
  if (seekable) {
    if (::lseek(f.fd(), start, SEEK_SET) < 0) r.io_error = std::strerror(errno);
  } else {
    if (::lseek(spool.fd(), 0, SEEK_SET) < 0) r.io_error = std::strerror(errno);
    f = std::move(spool);
  }
  return r;
}

// ---------------------------------------------------------------------------------
// byte_buffer

void byte_buffer::append(const char* p, std::size_t n) {
  if (n == 0) return;
  std::memcpy(reserve_more(n), p, n);
  size_ += n;
}

void byte_buffer::release() noexcept {
  if (data_ != nullptr) {
#if ZHTEXT_CLI_MREMAP
    if (mapped_) ::munmap(data_, capacity_);
    else
#endif
      std::free(data_);
  }
  data_ = nullptr;
  size_ = capacity_ = 0;
  mapped_ = false;
}

void byte_buffer::discard_front(std::size_t n) noexcept {
#if ZHTEXT_CLI_MREMAP
  static const std::size_t page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  n = std::min(n, size_) / page * page;  // the mapping starts at a page
  if (mapped_ && n != 0) ::madvise(data_, n, MADV_DONTNEED);
#else
  (void)n;
#endif
}

void byte_buffer::grow(std::size_t cap) {
  constexpr std::size_t huge = std::size_t(2) << 20;
  char* p;
  if (capacity_ >= huge && size_ > 0) {
    // A block buffer outgrown by a long line: it must not be held twice while it grows
    // (realloc copies a heap buffer into its new place: a 50 MiB line peaked at twice
    // its size, 125 MB). No huge-page hint here: the bytes are already there.
    cap = (cap + huge - 1) / huge * huge;
#if ZHTEXT_CLI_MREMAP
    // A mapping of our own: mremap grows it in place or moves its pages (no copy,
    // nothing held twice); the block buffer's bytes are copied into it once.
    if (mapped_) {
      void* m = ::mremap(data_, capacity_, cap, MREMAP_MAYMOVE);
      if (m == MAP_FAILED) throw std::bad_alloc();  // the old mapping is still data_'s
      data_ = static_cast<char*>(m);
      capacity_ = cap;
      return;
    }
    void* m = ::mmap(nullptr, cap, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED) throw std::bad_alloc();
    std::memcpy(m, data_, size_);
    std::free(data_);
    data_ = static_cast<char*>(m);
    capacity_ = cap;
    mapped_ = true;
    return;
#else
    // realloc moves a buffer glibc mapped (mremap), but copies one from the heap.
    p = static_cast<char*>(std::realloc(data_, cap));
    if (p == nullptr) throw std::bad_alloc();  // the old buffer is still data_'s
    data_ = p;
    capacity_ = cap;
    return;
#endif
  }
  if (cap >= huge / 8) {
    cap = (cap + huge - 1) / huge * huge;
    p = static_cast<char*>(std::aligned_alloc(huge, cap));
#if defined(MADV_HUGEPAGE)
    if (p != nullptr) ::madvise(p, cap, MADV_HUGEPAGE);  // a hint: failure is harmless
#endif
  } else {
    p = static_cast<char*>(std::malloc(cap));
  }
  if (p == nullptr) throw std::bad_alloc();
  const std::size_t size = size_;
  if (size > 0) std::memcpy(p, data_, size);
  release();
  data_ = p;
  size_ = size;
  capacity_ = cap;
}

// ---------------------------------------------------------------------------------
// block_reader

bool block_reader::next(byte_buffer& out, bool& continues, bool& last) {
  if (done_) return false;
  out.clear();
  out.reserve_more(usual_capacity(target_));  // one allocation per job slot, usually
  out.append(carry_.data(), carry_.size());
  carry_.clear();
  std::size_t scanned = 0;       // bytes of `out` before this index hold no cut point
  std::size_t safe_scanned = 0;  // stretched: no place for cut_after_ up to this index
  bool stretched = false;  // a line longer than max_ with no place to cut in its first max_ bytes
  for (;;) {
    const std::size_t size = out.size();
    if (size >= target_ || eof_) {
      const std::size_t cut = find_cut(out, scanned, stretched ? size : std::min(size, max_));
      if (stretched) {  // the first place after max_ where the line ends or may be cut (a
                        // line end first: never cut right before a '\n')
        const std::size_t safe = first_safe_cut(out, safe_scanned, cut == npos ? size : cut - 2);
        if (safe != npos) return emit(out, continues, last, safe, true);
      }
      if (cut != npos) return emit(out, continues, last, cut, false);
    }
    if (!stretched && (size > max_ || (size == max_ && !eof_))) {
      const std::size_t cut = forced_cut(out);
      if (cut != npos) return emit(out, continues, last, cut, true);
      stretched = true;  // the line grows until it ends or may be cut
      safe_scanned = max_;
      continue;
    }
    if (eof_) return emit(out, continues, last, size, false);  // the rest
    // Up to the target in one read; past it (looking for the cut), small reads, so
    // that little is carried over, growing for a very long line.
    const std::size_t want = size < target_ ? target_ - size : std::max(tail_read, size / 8);
    if (!read_into(out, want)) return false;
  }
}

bool block_reader::emit(byte_buffer& out, bool& continues, bool& last, std::size_t cut, bool forced) {
  carry_.append(out.data() + cut, out.size() - cut);
  out.truncate(cut);
  continues = continues_next_;
  continues_next_ = forced;
  // Is this the input's last block? Look ahead one read when nothing is carried.
  if (carry_.size() == 0 && !eof_) read_into(carry_, tail_read);
  last = eof_ && carry_.size() == 0;
  if (last) done_ = true;
  return true;
}

bool block_reader::read_into(byte_buffer& buf, std::size_t want) {
  const long n = f_.read(buf.reserve_more(want), want);
  if (n < 0) {
    error_ = std::strerror(errno);
    done_ = true;
    return false;
  }
  buf.commit(static_cast<std::size_t>(n));
  if (n == 0) eof_ = true;
  return true;
}

// The first natural cut at or after target_ - 1 within the first `limit` bytes of the
// block, or npos (also when more bytes are needed to decide).
std::size_t block_reader::find_cut(const byte_buffer& out, std::size_t& scanned, std::size_t limit) const {
  std::size_t from = std::max(target_ - 1, scanned);
  const char* p = out.data();
  while (from < limit) {
    const void* hit = std::memchr(p + from, '\n', limit - from);
    if (hit == nullptr) break;
    const std::size_t i = static_cast<std::size_t>(static_cast<const char*>(hit) - p);
    if (cut_ == cut_at::line) return i + 1;
    // A blank line ends at i: "\n\n" or "\n\r\n" inside this block.
    if ((i >= 1 && p[i - 1] == '\n') || (i >= 2 && p[i - 1] == '\r' && p[i - 2] == '\n')) return i + 1;
    from = i + 1;
  }
  // Nothing up to `limit`; resume the scan there (less two bytes of a pattern).
  scanned = std::max(scanned, limit >= 2 ? limit - 2 : 0);
  return npos;
}

// A block of max_ bytes without a natural cut: cut after its first line end at or
// after target_ (paragraphs), else at the last place cut_after_ allows within max_
// bytes (npos: none), else at the last character boundary.
std::size_t block_reader::forced_cut(const byte_buffer& out) const {
  const char* p = out.data();
  if (cut_ == cut_at::paragraph) {
    const std::size_t from = target_ - 1;
    if (const void* hit = std::memchr(p + from, '\n', max_ - from))
      return static_cast<std::size_t>(static_cast<const char*>(hit) - p) + 1;
  }
  if (cut_after_ != nullptr) return cut_near(out.view(), 0, max_, max_, cut_after_);
  return zhtext::complete_prefix_length(std::string_view(p, max_));
}

// The first place in (scanned, limit] where cut_after_ allows a cut, or npos (then
// `scanned` moves to limit).
std::size_t block_reader::first_safe_cut(const byte_buffer& out, std::size_t& scanned, std::size_t limit) const {
  const std::size_t cut = limit > scanned ? cut_near(out.view(), scanned, scanned, limit, cut_after_) : npos;
  if (cut == npos) scanned = std::max(scanned, limit);
  return cut;
}

std::size_t block_target(std::size_t target, std::size_t blocks, bool total_known, std::uint64_t total,
                         std::uint64_t done) {
  constexpr std::size_t ramp = std::size_t(64) << 10;
  if (blocks < 16) target = std::min(target, ramp << blocks);
  if (total_known) {
    const std::uint64_t left = total > done ? total - done : 0;
    target = static_cast<std::size_t>(std::min<std::uint64_t>(target, std::max<std::uint64_t>(ramp, left / 4)));
  }
  return target;
}

}  // namespace cli::detail
