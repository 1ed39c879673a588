// engine.cpp - the block engine of the `zhtext` program (see cli.hpp, run_blocks).
//
// One reader/writer (the calling thread) and `threads` workers:
//
//   calling thread:  open input -> [pre-pass] -> cut block -> submit ---+
//                                                                       | bounded ring of
//   workers:                               prepare (UTF-8) -> map  <----+ job slots
//                                                                       |
//   calling thread:  wait for the oldest job -> warnings -> consume <---+
//
// Invariants: jobs are consumed in the order they were submitted (a ring of slots,
// oldest first), so the output never depends on timing; a slot is reused only after
// its job was consumed, which bounds memory to slots * (block + its result). With
// threads == 1 there are no workers and each block is processed right away.
#include "cli.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <exception>
#include <iostream>
#include <memory>
#include <mutex>
#include <new>
#include <thread>

#include <zhtext/utf8.hpp>

namespace cli {

namespace {

using clock_type = std::chrono::steady_clock;

constexpr std::size_t read_chunk = std::size_t(1) << 20;
constexpr std::size_t warnings_per_file = 10;

// ---------------------------------------------------------------------------------
// Files

// A readable file descriptor that closes itself (standard input is never closed).
class file {
 public:
  file() = default;
  explicit file(int fd, bool owned) : fd_(fd), owned_(owned) {}
  file(file&& o) noexcept : fd_(o.fd_), owned_(o.owned_) { o.fd_ = -1; }
  file& operator=(file&& o) noexcept {
    if (this != &o) {
      close();
      fd_ = o.fd_;
      owned_ = o.owned_;
      o.fd_ = -1;
    }
    return *this;
  }
  file(const file&) = delete;
  file& operator=(const file&) = delete;
  ~file() { close(); }
  int fd() const { return fd_; }
  void close() {
    if (fd_ >= 0 && owned_) ::close(fd_);
    fd_ = -1;
  }

  // Reads up to n bytes; returns the count (0 at the end) or -1 with errno set.
  long read(char* p, std::size_t n) {
    for (;;) {
      const ssize_t r = ::read(fd_, p, n);
      if (r >= 0 || errno != EINTR) return static_cast<long>(r);
    }
  }

 private:
  int fd_ = -1;
  bool owned_ = false;
};

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

// The number of '\n' in [p, p + n), in byte counters the compiler vectorises.
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

struct prepass_result {
  bool ok = true;
  std::uint64_t byte = 0, line = 1;
  zhtext::utf8_errc kind = zhtext::utf8_errc::ok;
  std::string io_error;  // non-empty on a read/spool failure
};

// Validates the input behind `f`; leaves `f` ready to be read again from the same
// start (seeking back, or replacing it by a spooled copy when it cannot seek).
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
  for (;;) {
    const std::size_t keep = buf.size();
    buf.resize(keep + read_chunk);
    const long n = f.read(&buf[keep], read_chunk);
    if (n < 0) {
      r.io_error = std::strerror(errno);
      return r;
    }
    buf.resize(keep + static_cast<std::size_t>(n));
    if (!seekable && n > 0 && !write_all(spool.fd(), buf.data() + keep, static_cast<std::size_t>(n))) {
      r.io_error = std::string("cannot write the temporary file: ") + std::strerror(errno);
      return r;
    }
    const bool eof = n == 0;
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
// Byte buffers the input is read into.

// A growable byte buffer that, unlike std::string, leaves what it allocates
// uninitialised: read() fills it, so zeroing it first would be a wasted pass. Buffers
// of 256 KiB or more (blocks) are whole 2 MiB pieces, 2 MiB-aligned and asked to be
// backed by transparent huge pages where Linux offers them: the first touch of a block
// buffer then costs one page fault instead of 512, which matters in virtual machines,
// where faults are dear.
class byte_buffer {
 public:
  const char* data() const { return data_.get(); }
  std::size_t size() const { return size_; }
  std::size_t capacity() const { return capacity_; }
  std::string_view view() const { return {data_.get(), size_}; }
  void clear() { size_ = 0; }
  void truncate(std::size_t n) { size_ = std::min(size_, n); }
  void release() {
    data_.reset();
    size_ = capacity_ = 0;
  }

  // Room for n more bytes after size(); commit(k) then adds the k written there.
  char* reserve_more(std::size_t n) {
    if (n > capacity_ - size_) grow(std::max(size_ + n, capacity_ + capacity_ / 2));
    return data_.get() + size_;
  }
  void commit(std::size_t n) { size_ += n; }
  void append(const char* p, std::size_t n) {
    if (n == 0) return;
    std::memcpy(reserve_more(n), p, n);
    size_ += n;
  }

 private:
  static constexpr std::size_t huge = std::size_t(2) << 20;
  struct free_deleter {
    void operator()(char* p) const { std::free(p); }
  };

  void grow(std::size_t cap) {
    char* p;
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
    if (size_ > 0) std::memcpy(p, data_.get(), size_);
    data_.reset(p);
    capacity_ = cap;
  }

  std::unique_ptr<char, free_deleter> data_;
  std::size_t size_ = 0, capacity_ = 0;
};

// ---------------------------------------------------------------------------------
// Cutting an input into blocks. Cut points depend only on the bytes (see cli.hpp).
//
// The reader reads each block straight into the buffer of the job that carries it
// (no intermediate buffer, no zeroing): the bytes read past a block's cut point (less
// than one small read, except after a forced cut) are carried into the next block.

class block_reader {
 public:
  block_reader(file& f, cut_at cut, std::size_t target, std::size_t max)
      : f_(f), cut_(cut), target_(target), max_(max) {}

  // Puts the next block's bytes in `out`; `continues`: it starts inside a line or
  // paragraph cut for size; `last`: nothing follows in this input. Returns false
  // when there is no block left (every input gives at least one, possibly empty) or
  // on a read error (see error()).
  bool next(byte_buffer& out, bool& continues, bool& last) {
    if (done_) return false;
    out.clear();
    out.reserve_more(usual_capacity(target_));  // one allocation per job slot, usually
    out.append(carry_.data(), carry_.size());
    carry_.clear();
    std::size_t scanned = 0;  // bytes of `out` before this index hold no cut point
    for (;;) {
      const std::size_t size = out.size();
      if (size >= target_ || eof_) {
        const std::size_t cut = find_cut(out, scanned);
        if (cut != npos) return emit(out, continues, last, cut, false);
      }
      if (size > max_ || (size == max_ && !eof_)) return emit(out, continues, last, forced_cut(out), true);
      if (eof_) return emit(out, continues, last, size, false);  // the rest
      // Up to the target in one read; past it (looking for the cut), small reads, so
      // that little is carried over, growing for a very long line.
      const std::size_t want = size < target_ ? target_ - size : std::max(tail_read, size / 8);
      if (!read_into(out, want)) return false;
    }
  }

  const std::string& error() const { return error_; }
  // The target size of the blocks from the next one on (see block_target).
  void set_target(std::size_t target) { target_ = target; }
  // What a block of this target size usually needs (the cut follows within a read).
  static std::size_t usual_capacity(std::size_t target) { return target + 2 * tail_read; }

 private:
  static constexpr std::size_t npos = std::string::npos;
  static constexpr std::size_t tail_read = std::size_t(64) << 10;

  bool emit(byte_buffer& out, bool& continues, bool& last, std::size_t cut, bool forced) {
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

  bool read_into(byte_buffer& buf, std::size_t want) {
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

  // The first natural cut at or after target_ - 1 within the first max_ bytes of
  // the block, or npos (also when more bytes are needed to decide).
  std::size_t find_cut(const byte_buffer& out, std::size_t& scanned) const {
    const std::size_t limit = std::min(out.size(), max_);
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
  // after target_ (paragraphs), else at the last character boundary.
  std::size_t forced_cut(const byte_buffer& out) const {
    const char* p = out.data();
    if (cut_ == cut_at::paragraph) {
      const std::size_t from = target_ - 1;
      if (const void* hit = std::memchr(p + from, '\n', max_ - from))
        return static_cast<std::size_t>(static_cast<const char*>(hit) - p) + 1;
    }
    return zhtext::complete_prefix_length(std::string_view(p, max_));
  }

  file& f_;
  cut_at cut_;
  std::size_t target_, max_;
  byte_buffer carry_;  // bytes read past the last cut: the start of the next block
  bool eof_ = false, done_ = false, continues_next_ = false;
  std::string error_;
};

// ---------------------------------------------------------------------------------
// Jobs: one block in flight.

struct invalid_record {
  std::uint64_t line, byte;
  zhtext::utf8_errc kind;
};

struct job {
  byte_buffer raw;    // the block's bytes as read
  std::string fixed;  // the text after --on-invalid replace/skip, when it differs
  std::vector<block::edit> edits;
  block b;
  std::vector<invalid_record> invalid;  // the first few
  std::uint64_t invalid_count = 0;
  bool changed = false;  // --on-invalid error: invalid bytes the pre-pass did not see
  bool done = false;
  std::exception_ptr failure;
};

// Applies the --on-invalid policy to the job's bytes and points b.text at the result.
void prepare(job& j, const block_options& opt, invalid_policy policy) {
  j.fixed.clear();
  j.edits.clear();
  j.invalid.clear();
  j.invalid_count = 0;
  j.changed = false;
  const std::string_view raw = j.raw.view();
  j.b.text = raw;
  j.b.edits = nullptr;
  j.b.edit_count = 0;
  if (opt.raw) return;
  zhtext::utf8_validation v = zhtext::validate_utf8(raw);
  if (v.ok) return;
  if (policy == invalid_policy::error) {
    j.changed = true;
    return;
  }
  std::size_t pos = 0;            // raw bytes before pos are done
  std::size_t counted = 0;        // raw line breaks counted up to here
  std::uint64_t breaks = 0;       // ... and their number
  std::uint64_t skipped = 0;      // lines left out so far
  while (!v.ok) {
    const std::size_t at = pos + v.offset;
    breaks += static_cast<std::uint64_t>(std::count(raw.begin() + static_cast<long>(counted),
                                                    raw.begin() + static_cast<long>(at), '\n'));
    counted = at;
    ++j.invalid_count;
    if (j.invalid.size() < warnings_per_file) j.invalid.push_back({j.b.first_line + breaks, j.b.offset + at, v.kind});
    std::size_t resume;
    if (policy == invalid_policy::replace) {
      j.fixed.append(raw, pos, at - pos);
      j.fixed += zhtext::replacement_utf8;
      resume = at + v.length;
      j.edits.push_back({j.fixed.size(), resume, skipped});
    } else {  // skip the line holding it
      std::size_t line_start = pos;
      if (at > pos) {
        const std::size_t nl = raw.rfind('\n', at - 1);
        if (nl != std::string_view::npos && nl + 1 > pos) line_start = nl + 1;
      }
      const std::size_t nl_after = raw.find('\n', at);
      resume = nl_after == std::string_view::npos ? raw.size() : nl_after + 1;
      j.fixed.append(raw, pos, line_start - pos);
      if (nl_after != std::string_view::npos) {
        ++skipped;
        breaks += static_cast<std::uint64_t>(std::count(raw.begin() + static_cast<long>(at),
                                                        raw.begin() + static_cast<long>(resume), '\n'));
        counted = resume;
      }
      j.edits.push_back({j.fixed.size(), resume, skipped});
    }
    pos = resume;
    v = zhtext::validate_utf8(raw.substr(pos));
  }
  j.fixed.append(raw, pos, raw.size() - pos);
  j.b.text = j.fixed;
  j.b.edits = j.edits.data();
  j.b.edit_count = j.edits.size();
}

// ---------------------------------------------------------------------------------
// The progress line.

class progress_line {
 public:
  progress_line(const args& a, std::uint64_t total, bool total_known)
      : a_(a), total_(total), known_(total_known), start_(clock_type::now()) {
    enabled_ = !a.quiet() && ::isatty(STDERR_FILENO) == 1;
    stdout_tty_ = ::isatty(STDOUT_FILENO) == 1;
  }

  bool stdout_is_tty() const { return stdout_tty_; }
  void add(std::uint64_t bytes) { done_ += bytes; }

  // Redraws the line if it is due (large or long work, >= 100 ms since the last).
  void tick() {
    if (!enabled_) return;
    const auto now = clock_type::now();
    const double elapsed = std::chrono::duration<double>(now - start_).count();
    if (!(known_ && total_ > (std::uint64_t(8) << 20)) && elapsed < 1.0) return;
    if (shown_ && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    char line[160];
    const double mb = 1e6;
    const double rate = elapsed > 0 ? static_cast<double>(done_) / elapsed : 0;
    int n;
    if (known_ && total_ > 0) {
      const double pct = 100.0 * static_cast<double>(done_) / static_cast<double>(total_);
      n = std::snprintf(line, sizeof line, "zhtext %s: %.1f MB of %.1f MB (%.0f%%), %.1f MB/s", a_.command().c_str(),
                        static_cast<double>(done_) / mb, static_cast<double>(total_) / mb, pct, rate / mb);
      if (rate > 0 && done_ > 0 && n > 0 && static_cast<std::size_t>(n) < sizeof line) {
        const auto eta = static_cast<long>(static_cast<double>(total_ - std::min(done_, total_)) / rate + 0.5);
        std::snprintf(line + n, sizeof line - static_cast<std::size_t>(n), ", ETA %ld:%02ld:%02ld", eta / 3600,
                      eta / 60 % 60, eta % 60);
      }
    } else {
      n = std::snprintf(line, sizeof line, "zhtext %s: %.1f MB, %.1f MB/s", a_.command().c_str(),
                        static_cast<double>(done_) / mb, rate / mb);
    }
    std::string s = "\r";
    s += line;
    const std::size_t len = s.size() - 1;
    if (len < width_) s.append(width_ - len, ' ');
    width_ = std::max(width_, len);
    if (stdout_tty_) std::fflush(stdout);
    std::fputs(s.c_str(), stderr);
    std::fflush(stderr);
    shown_ = true;
  }

  // Erases the line (before a message, or output to the same terminal).
  void clear() {
    if (!shown_) return;
    std::string s = "\r";
    s.append(width_, ' ');
    s += '\r';
    std::fputs(s.c_str(), stderr);
    std::fflush(stderr);
    shown_ = false;
    width_ = 0;
  }

 private:
  const args& a_;
  std::uint64_t total_, done_ = 0;
  bool known_;
  bool enabled_ = false, stdout_tty_ = false, shown_ = false;
  std::size_t width_ = 0;
  clock_type::time_point start_, last_;
};

// ---------------------------------------------------------------------------------
// Worker threads.

class worker_pool {
 public:
  worker_pool(unsigned n, std::function<void(job&)> work) : work_(std::move(work)) {
    for (unsigned i = 0; i < n; ++i) threads_.emplace_back([this] { run(); });
  }
  ~worker_pool() {
    {
      std::lock_guard<std::mutex> lock(m_);
      stop_ = true;
    }
    work_cv_.notify_all();
    for (std::thread& t : threads_) t.join();
  }
  worker_pool(const worker_pool&) = delete;
  worker_pool& operator=(const worker_pool&) = delete;

  void submit(job& j) {
    {
      std::lock_guard<std::mutex> lock(m_);
      j.done = false;
      queue_.push_back(&j);
    }
    work_cv_.notify_one();
  }

  bool is_done(const job& j) {
    std::lock_guard<std::mutex> lock(m_);
    return j.done;
  }

  // Waits until `j` is done, calling `idle()` every 100 ms meanwhile.
  template <class Idle>
  void wait(job& j, Idle&& idle) {
    std::unique_lock<std::mutex> lock(m_);
    while (!j.done) {
      if (!done_cv_.wait_for(lock, std::chrono::milliseconds(100), [&] { return j.done; })) {
        lock.unlock();
        idle();
        lock.lock();
      }
    }
  }

 private:
  void run() {
    for (;;) {
      job* j;
      {
        std::unique_lock<std::mutex> lock(m_);
        work_cv_.wait(lock, [&] { return stop_ || !queue_.empty(); });
        if (queue_.empty()) return;
        j = queue_.front();
        queue_.pop_front();
      }
      work_(*j);
      {
        std::lock_guard<std::mutex> lock(m_);
        j->done = true;
      }
      done_cv_.notify_all();
    }
  }

  std::function<void(job&)> work_;
  std::mutex m_;
  std::condition_variable work_cv_, done_cv_;
  std::deque<job*> queue_;
  bool stop_ = false;
  std::vector<std::thread> threads_;
};

std::size_t env_block_size(std::size_t fallback) {
  const char* s = std::getenv("ZHTEXT_BLOCK_SIZE");
  if (s == nullptr || *s == '\0') return fallback;
  char* end = nullptr;
  const unsigned long long v = std::strtoull(s, &end, 10);
  if (end == nullptr || *end != '\0' || v == 0 || v > (std::uint64_t(1) << 32)) return fallback;
  return static_cast<std::size_t>(v);
}

// The target size of the run's next block. The first blocks of a run are small and
// grow (64 KiB, 128 KiB, ... up to `target`), so that every worker has a block soon;
// when the inputs' total size is known, the blocks shrink again towards the end (a
// quarter of what remains, down to 64 KiB), so that the workers finish together
// rather than one of them finishing a whole block alone. Depends only on the inputs'
// bytes, never on --threads or timing.
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

std::string kind_text(zhtext::utf8_errc kind) { return zhtext::to_string(kind); }

}  // namespace

namespace detail {

std::size_t engine_slots(const args& a) { return a.threads() <= 1 ? 1 : std::size_t(a.threads()) + 2; }

int run_engine(const args& a, const block_options& opt, const engine_callbacks& cb) {
  int status = exit_ok;
  const std::vector<input> inputs = expand_inputs(a, status);
  const invalid_policy policy = opt.raw ? invalid_policy::replace : a.on_invalid();
  // ZHTEXT_BLOCK_SIZE (tests) sets the target and, at 16 times it, the maximum.
  const std::size_t target = env_block_size(opt.block_size);
  const std::size_t max = target != opt.block_size ? std::max<std::size_t>(16 * target, 16)
                                                   : std::max({opt.max_block_size, 16 * target, std::size_t(16)});

  // The total size, when every input is a regular file, for the progress line.
  std::uint64_t total = 0;
  bool total_known = true;
  for (const input& in : inputs) {
    struct stat st {};
    const int rc = in.path.empty() ? ::fstat(STDIN_FILENO, &st) : ::stat(in.path.c_str(), &st);
    if (rc == 0 && S_ISREG(st.st_mode)) total += static_cast<std::uint64_t>(st.st_size);
    else total_known = false;
  }
  progress_line progress(a, total, total_known);

  const std::size_t slot_count = engine_slots(a);
  std::vector<job> jobs(slot_count);
  auto work = [&](job& j) {
    try {
      prepare(j, opt, policy);
      if (!j.changed) cb.map(j.b, static_cast<std::size_t>(&j - jobs.data()));
    } catch (...) {
      j.failure = std::current_exception();
    }
  };
  std::unique_ptr<worker_pool> pool;
  if (a.threads() > 1) pool = std::make_unique<worker_pool>(a.threads(), work);

  std::uint64_t run_bytes = 0;  // bytes of all inputs cut into blocks so far
  std::size_t run_blocks = 0;   // ... and the blocks
  std::deque<std::size_t> in_flight;  // slots, oldest first
  std::vector<std::size_t> free_slots;
  for (std::size_t i = slot_count; i-- > 0;) free_slots.push_back(i);
  constexpr std::size_t none = static_cast<std::size_t>(-1);
  std::size_t skip_file = none;   // consumer asked to skip the rest of this input
  std::size_t warn_file = none;   // input whose invalid UTF-8 is being counted
  std::uint64_t warn_count = 0;   // ... in total
  std::uint64_t warn_shown = 0;   // ... printed
  bool fatal = false;             // stop reading: a worker failed or the input changed

  auto warn_summary = [&]() {
    if (warn_file == none || warn_count <= warn_shown) return;
    progress.clear();
    const std::uint64_t more = warn_count - warn_shown;
    a.warning(inputs[warn_file].name + ": " + std::to_string(more) +
              (policy == invalid_policy::skip ? " more lines with invalid UTF-8 skipped"
                                              : " more invalid UTF-8 sequences replaced with U+FFFD"));
  };

  // Consumes the oldest job (waiting for it), in input order.
  auto consume_front = [&]() {
    const std::size_t slot = in_flight.front();
    job& j = jobs[slot];
    if (pool) pool->wait(j, [&] { progress.tick(); });
    in_flight.pop_front();
    const bool skipped = j.b.file_index == skip_file || fatal;
    if (j.failure && !fatal) {
      fatal = true;
      try {
        std::rethrow_exception(j.failure);
      } catch (const std::exception& e) {
        progress.clear();
        a.error(std::string("error while processing '") + std::string(j.b.file) + "': " + e.what());
      } catch (...) {
        progress.clear();
        a.error("error while processing '" + std::string(j.b.file) + "'");
      }
      status = std::max(status, int(exit_io));
    } else if (j.changed && !fatal) {
      fatal = true;
      progress.clear();
      a.error("'" + std::string(j.b.file) + "' changed while it was read (invalid UTF-8 at byte " +
              std::to_string(j.b.offset) + "+)");
      status = std::max(status, int(exit_io));
    }
    if (skipped || j.failure || j.changed) {
      cb.discard(slot);
    } else {
      if (j.b.file_index != warn_file) {
        warn_summary();
        warn_file = j.b.file_index;
        warn_count = 0;
        warn_shown = 0;
      }
      for (const invalid_record& r : j.invalid) {
        if (warn_shown >= warnings_per_file) break;
        ++warn_shown;
        progress.clear();
        a.warning(std::string(j.b.file) + ":" + std::to_string(r.line) + ":" + std::to_string(r.byte) +
                  ": invalid UTF-8 (" + kind_text(r.kind) + ")" +
                  (policy == invalid_policy::skip ? ", line skipped" : ", replaced with U+FFFD"));
      }
      warn_count += j.invalid_count;
      if (progress.stdout_is_tty()) progress.clear();
      if (cb.consume(j.b, slot) == flow::skip_rest_of_file) skip_file = j.b.file_index;
      if (progress.stdout_is_tty()) std::fflush(stdout);
      if (std::ferror(stdout)) {
        progress.clear();
        a.error(std::string("cannot write to standard output: ") + std::strerror(errno));
        status = std::max(status, int(exit_io));
        fatal = true;
      }
    }
    progress.add(j.b.source_size);
    progress.tick();
    j.failure = nullptr;
    if (j.raw.capacity() > 4 * block_reader::usual_capacity(target)) j.raw.release();
    if (j.fixed.capacity() > 4 * target) std::string().swap(j.fixed);
    free_slots.push_back(slot);
  };
  auto drain = [&]() {
    while (!in_flight.empty()) consume_front();
  };

  for (std::size_t fi = 0; fi < inputs.size() && !fatal; ++fi) {
    const input& in = inputs[fi];
    file f;
    if (in.path.empty()) {
      f = file(STDIN_FILENO, false);
    } else {
      const int fd = ::open(in.path.c_str(), O_RDONLY | O_CLOEXEC);
      if (fd < 0) {
        const std::string why = std::strerror(errno);
        drain();
        progress.clear();
        a.error("cannot open '" + in.name + "': " + why);
        status = std::max(status, int(exit_io));
        continue;
      }
      f = file(fd, true);
    }
    if (!opt.raw && policy == invalid_policy::error) {
      const prepass_result pr = prepass(f);
      if (!pr.io_error.empty()) {
        drain();
        progress.clear();
        a.error("cannot read '" + in.name + "': " + pr.io_error);
        status = std::max(status, int(exit_io));
        continue;
      }
      if (!pr.ok) {
        drain();
        progress.clear();
        a.error(in.name + ":" + std::to_string(pr.line) + ":" + std::to_string(pr.byte) + ": invalid UTF-8 (" +
                kind_text(pr.kind) + ")");
        status = std::max(status, int(exit_check_failed));
        fatal = true;
        break;
      }
    }
    block_reader reader(f, opt.cut, target, max);
    std::uint64_t offset = 0, line = 1;
    std::size_t index = 0;
    for (;;) {
      if (skip_file == fi || fatal) break;
      if (free_slots.empty()) consume_front();
      if (skip_file == fi || fatal) break;
      const std::size_t slot = free_slots.back();
      job& j = jobs[slot];
      bool continues = false, last = false;
      reader.set_target(block_target(target, run_blocks, total_known, total, run_bytes));
      if (!reader.next(j.raw, continues, last)) break;
      free_slots.pop_back();
      block& b = j.b;
      b = block();
      b.file = in.name;
      b.file_index = fi;
      b.index = index++;
      b.offset = offset;
      b.first_line = line;
      b.source_size = j.raw.size();
      b.last = last;
      b.continues = continues;
      b.text = j.raw.view();
      offset += j.raw.size();
      run_bytes += j.raw.size();
      ++run_blocks;
      line += count_newlines(j.raw.data(), j.raw.size());
      in_flight.push_back(slot);
      if (pool) {
        pool->submit(j);
      } else {
        work(j);
        j.done = true;
      }
      // Write whatever is ready, oldest first, without waiting.
      while (!in_flight.empty() && (!pool || pool->is_done(jobs[in_flight.front()]))) consume_front();
    }
    if (!reader.error().empty()) {
      drain();
      progress.clear();
      a.error("error reading '" + in.name + "': " + reader.error());
      status = std::max(status, int(exit_io));
    }
  }
  drain();
  warn_summary();
  progress.clear();
  if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
    a.error(std::string("cannot write to standard output: ") + std::strerror(errno));
    status = std::max(status, int(exit_io));
  }
  return status;
}

}  // namespace detail

int run_blocks(const args& a, const block_options& opt, const std::function<std::string(const block&)>& process) {
  return run_blocks(a, opt, process, [](const block&, std::string&& s) { out(s); });
}

}  // namespace cli
