// reader.hpp - the block engine's input side (engine.cpp): file descriptors, the byte
// buffers blocks are read into, cutting an input into blocks, and the validation
// pre-pass of --on-invalid error. Internal to the engine.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include <zhtext/utf8.hpp>

#include "engine.hpp"
#include "inputs.hpp"

namespace cli::detail {

/// A readable file descriptor that closes itself (standard input is never closed).
class file {
 public:
  file() = default;
  file(int fd, bool owned) : fd_(fd), owned_(owned) {}
  file(file&& o) noexcept : fd_(o.fd_), owned_(o.owned_) { o.fd_ = -1; }
  file& operator=(file&& o) noexcept;
  file(const file&) = delete;
  file& operator=(const file&) = delete;
  ~file() { close(); }
  int fd() const { return fd_; }
  void close();
  /// Reads up to n bytes; returns the count (0 at the end) or -1 with errno set.
  long read(char* p, std::size_t n);

 private:
  int fd_ = -1;
  bool owned_ = false;
};

/// The number of '\n' in [p, p + n).
std::uint64_t count_newlines(const char* p, std::size_t n);

/// The outcome of the --on-invalid error pre-pass over one input.
struct prepass_result {
  bool ok = true;
  std::uint64_t byte = 0, line = 1;
  zhtext::utf8_errc kind = zhtext::utf8_errc::ok;
  std::string io_error;  // non-empty on a read/spool failure
  foreign_encoding encoding = foreign_encoding::none;  // not UTF-8 at all (then ok is false)
  std::string head;      // the first bytes (detect_encoding)
};

/// Validates the input behind `f` (first its encoding, from its first bytes: see
/// detect_encoding); leaves `f` ready to be read again from the same start (seeking
/// back, or replacing it by a spooled copy when it cannot seek).
prepass_result prepass(file& f);

/// A growable byte buffer that, unlike std::string, leaves what it allocates
/// uninitialised: read() fills it, so zeroing it first would be a wasted pass. Buffers
/// of 256 KiB or more (blocks) are whole 2 MiB pieces, 2 MiB-aligned and asked to be
/// backed by transparent huge pages where Linux offers them: the first touch of a block
/// buffer then costs one page fault instead of 512, which matters in virtual machines,
/// where faults are dear. A block buffer outgrown by a long line (read whole) becomes a
/// mapping of its own that grows in place or moves its pages (mremap, Linux), so the
/// line is not held twice while it grows; elsewhere realloc.
class byte_buffer {
 public:
  byte_buffer() = default;
  byte_buffer(byte_buffer&& o) noexcept
      : data_(o.data_), size_(o.size_), capacity_(o.capacity_), mapped_(o.mapped_) {
    o.data_ = nullptr;
    o.size_ = o.capacity_ = 0;
    o.mapped_ = false;
  }
  byte_buffer& operator=(byte_buffer&& o) noexcept {
    if (this != &o) {
      release();
      std::swap(data_, o.data_);
      std::swap(size_, o.size_);
      std::swap(capacity_, o.capacity_);
      std::swap(mapped_, o.mapped_);
    }
    return *this;
  }
  byte_buffer(const byte_buffer&) = delete;
  byte_buffer& operator=(const byte_buffer&) = delete;
  ~byte_buffer() { release(); }

  const char* data() const { return data_; }
  std::size_t size() const { return size_; }
  std::size_t capacity() const { return capacity_; }
  std::string_view view() const { return {data_, size_}; }
  void clear() { size_ = 0; }
  void truncate(std::size_t n) { size_ = std::min(size_, n); }
  /// Drops the first n bytes (n <= size()).
  void drop_front(std::size_t n) {
    if (n == 0) return;
    std::memmove(data_, data_ + n, size_ - n);
    size_ -= n;
  }
  /// Frees the storage (size and capacity 0).
  void release() noexcept;
  /// The bytes before `n` are not read again: when the buffer is a mapping of its own
  /// (a long line's, see grow), the whole pages among them go back to the system and
  /// read as zeros from then on; otherwise nothing happens. Size and capacity stay.
  void discard_front(std::size_t n) noexcept;
  /// Room for n more bytes after size(); commit(k) then adds the k written there.
  char* reserve_more(std::size_t n) {
    if (n > capacity_ - size_) grow(std::max(size_ + n, capacity_ + capacity_ / 2));
    return data_ + size_;
  }
  void commit(std::size_t n) { size_ += n; }
  void append(const char* p, std::size_t n);

 private:
  void grow(std::size_t cap);

  char* data_ = nullptr;  // from malloc/aligned_alloc, or mmap when mapped_
  std::size_t size_ = 0, capacity_ = 0;
  bool mapped_ = false;
};

/// Cuts one input into blocks. Cut points depend only on the bytes (engine.hpp). The
/// reader reads each block straight into the buffer of the job that carries it (no
/// intermediate buffer, no zeroing): the bytes read past a block's cut point (less
/// than one small read, except after a forced cut) are carried into the next block.
class block_reader {
 public:
  /// `cut_after`: where a line longer than `max` may be cut (block_options::cut_after);
  /// null: at its last character boundary within `max` bytes.
  block_reader(file& f, cut_at cut, std::size_t target, std::size_t max,
               std::function<bool(std::string_view, std::size_t)> cut_after = {})
      : f_(f), cut_(cut), target_(target), max_(max), cut_after_(std::move(cut_after)) {}

  /// Puts the next block's bytes in `out`; `continues`: it starts inside a line or
  /// paragraph cut for size; `last`: nothing follows in this input. Returns false
  /// when there is no block left (every input gives at least one, possibly empty) or
  /// on a read error (see error()).
  bool next(byte_buffer& out, bool& continues, bool& last);

  const std::string& error() const { return error_; }
  /// The last block was cut inside a line (or paragraph) for size: the next one
  /// continues it.
  bool inside_cut_line() const { return continues_next_; }
  /// The target size of the blocks from the next one on (see block_target).
  void set_target(std::size_t target) { target_ = target; }
  /// What a block of this target size usually needs (the cut follows within a read).
  static std::size_t usual_capacity(std::size_t target) { return target + 2 * tail_read; }

 private:
  static constexpr std::size_t npos = std::string::npos;
  static constexpr std::size_t tail_read = std::size_t(64) << 10;

  bool emit(byte_buffer& out, bool& continues, bool& last, std::size_t cut, bool forced);
  bool read_into(byte_buffer& buf, std::size_t want);
  std::size_t find_cut(const byte_buffer& out, std::size_t& scanned, std::size_t limit) const;
  std::size_t forced_cut(const byte_buffer& out) const;
  std::size_t first_safe_cut(const byte_buffer& out, std::size_t& scanned, std::size_t limit) const;

  file& f_;
  cut_at cut_;
  std::size_t target_, max_;
  std::function<bool(std::string_view, std::size_t)> cut_after_;
  byte_buffer carry_;  // bytes read past the last cut: the start of the next block
  bool eof_ = false, done_ = false, continues_next_ = false;
  std::string error_;
};

/// The target size of the run's next block. The first blocks of a run are small and
/// grow (64 KiB, 128 KiB, ... up to `target`), so that every worker has a block soon;
/// when the inputs' total size is known, the blocks shrink again towards the end (a
/// quarter of what remains, down to 64 KiB), so that the workers finish together
/// rather than one of them finishing a whole block alone. Depends only on the inputs'
/// bytes, never on --threads or timing.
std::size_t block_target(std::size_t target, std::size_t blocks, bool total_known, std::uint64_t total,
                         std::uint64_t done);

}  // namespace cli::detail
