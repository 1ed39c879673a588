// engine.cpp - the block engine of the `zhtext` program (see engine.hpp).
//
// One reader/writer (the calling thread) and `threads` workers:
//
//   calling thread:  open input -> [pre-pass] -> cut block -> submit ---+
//                                                                       | bounded ring of
//   workers:                               prepare (UTF-8) -> map  <----+ job slots
//                                            | output past its limit:   |
//                                            +-> gate: wait for its turn, write
//   calling thread:  wait for the oldest job -> warnings -> rest of its output,
//                    consume -> the next job's turn                <---+
//
// Invariants: jobs are consumed in the order they were submitted (a ring of slots,
// oldest first), so the output never depends on timing; a slot is reused only after
// its job was consumed, which bounds memory to slots * (block + output limit + its
// result). Only the job whose turn it is (every earlier job's output written) writes
// to stdout; the oldest job in flight always has the turn, and workers take jobs in
// submission order, so the oldest job is always running or done: no deadlock. With
// threads == 1 there are no workers and each block is processed right away.
#include "engine.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <deque>
#include <exception>
#include <memory>
#include <thread>

#include "inputs.hpp"
#include "output.hpp"
#include "progress.hpp"
#include "reader.hpp"

namespace cli {

// ---------------------------------------------------------------------------------
// Blocks

bool repaired_char_before(std::string_view bytes, std::size_t p, char32_t& c) {
  std::size_t q = p - 1;  // the lead byte of the character ending at p, if one does
  while (q > 0 && p - q < 4 && (static_cast<unsigned char>(bytes[q]) & 0xC0) == 0x80) --q;
  const zhtext::decoded d = zhtext::decode_utf8(bytes.substr(q, p - q));
  if (d.error == zhtext::utf8_errc::ok && d.size == p - q) {
    c = d.value;
    return true;
  }
  // Not a character: bytes[p - 1] ends a maximal ill-formed subpart whatever follows
  // unless the last bytes are a lead byte and continuations that the next ones may
  // complete (complete_prefix_length holds those back).
  c = zhtext::replacement_character;
  return zhtext::complete_prefix_length(bytes.substr(0, p)) == p;
}

std::uint64_t block::source_offset(std::size_t pos) const {
  const edit* end = edits + edit_count;
  const edit* e = std::upper_bound(edits, end, pos, [](std::size_t p, const edit& x) { return p < x.text_pos; });
  if (e == edits) return offset + pos;
  --e;
  if (pos - e->text_pos <= e->clean) return offset + e->source_pos + (pos - e->text_pos);
  // The replacements after the edit's clean stretch that kept none (see edit): found
  // again as prepare found them, each U+FFFD (3 bytes of text) standing for a maximal
  // ill-formed subpart of the source; at most 15, less than 256 bytes apart. A window
  // of pos - t + 3 bytes holds every character that starts before pos whole.
  std::size_t t = e->text_pos + e->clean;
  std::uint64_t s = e->source_pos + e->clean;
  while (t < pos && s < source.size()) {
    const zhtext::utf8_validation v = zhtext::validate_utf8(source.substr(s, pos - t + 3));
    if (v.ok || pos < t + v.offset + zhtext::replacement_utf8.size()) break;
    t += v.offset + zhtext::replacement_utf8.size();
    s += v.offset + zhtext::validate_utf8(source.substr(s + v.offset, 4)).length;
  }
  return offset + s + (pos - t);
}

void block::release_before(std::size_t pos) const {
  if (storage != nullptr)
    storage->discard_front(static_cast<std::size_t>(text.data() - storage->data()) + std::min(pos, text.size()));
}

std::uint64_t block::lines_skipped(std::size_t pos) const {
  const edit* end = edits + edit_count;
  const edit* e = std::upper_bound(edits, end, pos, [](std::size_t p, const edit& x) { return p < x.text_pos; });
  return e == edits ? 0 : (e - 1)->lines_skipped;
}

std::uint64_t block::line_of(std::size_t pos) const {
  line_counter c(*this);
  return c.line_of(pos);
}

std::uint64_t line_counter::line_of(std::size_t pos) {
  const block& b = *b_;
  pos = std::min(pos, b.text.size());
  if (pos < pos_) {
    pos_ = 0;
    breaks_ = 0;
  }
  breaks_ += detail::count_newlines(b.text.data() + pos_, pos - pos_);
  pos_ = pos;
  return b.first_line + breaks_ + b.lines_skipped(pos);
}

namespace detail {

// Not in an anonymous namespace: job (below) holds them, and in a unity build this
// file is an included one, where GCC warns of a type with a member of an anonymous
// namespace's type (-Wsubobject-linkage).
constexpr std::size_t warnings_per_file = 10;

struct invalid_record {
  std::uint64_t line, byte;
  zhtext::utf8_errc kind;
};

// ---------------------------------------------------------------------------------
// The order of output: which block may write to stdout now.

class output_gate {
 public:
  explicit output_gate(progress_line& progress) : progress_(progress) {}

  // Worker: waits until block `sequence` has the turn, then writes `text` (unless the
  // block's output is discarded) and clears it.
  void write_through(std::uint64_t sequence, std::string& text) {
    bool discard;
    {
      std::unique_lock<std::mutex> lock(m_);
      cv_.wait(lock, [&] { return turn_ == sequence; });
      discard = discard_;
    }
    if (!discard) progress_.write_stdout(text);
    text.clear();
  }

  // Calling thread: every block before `sequence` has been written; `discard`: what
  // that block writes is dropped (its input is skipped, or the run failed).
  void open(std::uint64_t sequence, bool discard) {
    {
      const std::lock_guard<std::mutex> lock(m_);
      turn_ = sequence;
      discard_ = discard;
    }
    cv_.notify_all();
  }

 private:
  progress_line& progress_;
  std::mutex m_;
  std::condition_variable cv_;
  std::uint64_t turn_ = 0;
  bool discard_ = false;
};

// ---------------------------------------------------------------------------------
// Jobs: one block in flight.

struct job {
  byte_buffer raw;    // the block's bytes as read
  std::string fixed;  // the text after --on-invalid replace/skip, when it differs
  std::vector<block::edit> edits;
  block b;
  block_output out;
  std::vector<invalid_record> invalid;  // the first few
  std::uint64_t invalid_count = 0;
  bool changed = false;  // --on-invalid error: invalid bytes the pre-pass did not see
  bool done = false;
  std::exception_ptr failure;
};

namespace {

// Skips the line holding the invalid sequence at raw position `at` (raw bytes before
// `pos` are done): appends the text before that line to j.fixed and returns where the
// text resumes (after the line's '\n', or at the end). A skipped line with a line
// break counts in `skipped`, its breaks in `breaks` (counted up to `counted`).
std::size_t skip_line(job& j, std::string_view raw, std::size_t pos, std::size_t at, std::uint64_t& skipped,
                      std::uint64_t& breaks, std::size_t& counted) {
  std::size_t line_start = pos;
  if (at > pos) {
    const std::size_t nl = raw.rfind('\n', at - 1);
    if (nl != std::string_view::npos && nl + 1 > pos) line_start = nl + 1;
  }
  const std::size_t nl_after = raw.find('\n', at);
  const std::size_t resume = nl_after == std::string_view::npos ? raw.size() : nl_after + 1;
  j.fixed.append(raw, pos, line_start - pos);
  if (nl_after != std::string_view::npos) {
    ++skipped;
    breaks += count_newlines(raw.data() + at, resume - at);
    counted = resume;
  }
  return resume;
}

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
  j.b.repair = false;
  if (opt.raw) return;
  zhtext::utf8_validation v = zhtext::validate_utf8(raw);
  if (v.ok) return;
  if (policy == invalid_policy::error) {
    j.changed = true;
    return;
  }
  std::size_t pos = 0;        // raw bytes before pos are done
  std::size_t counted = 0;    // raw line breaks counted up to here
  std::uint64_t breaks = 0;   // ... and their number
  std::uint64_t skipped = 0;  // lines left out so far
  std::size_t unkept = 0;     // replacements since the last edit kept (see block::edit)
  const bool replace = policy == invalid_policy::replace;
  // The command reads the invalid bytes as U+FFFD itself: only the warnings are made.
  const bool copy = !(replace && opt.repair_in_pieces);
  if (replace && copy) {
    // The repaired text at its exact size, counted first: a line of invalid bytes
    // repairs to up to 3 times its size, and a string doubling up to that held the old
    // and the new copy at once (up to 6 times the block; 485 MB peak for `segment` on
    // a 50 MiB line of C0 80).
    std::size_t size = raw.size(), q = 0;
    for (zhtext::utf8_validation w = v; !w.ok; w = zhtext::validate_utf8(raw.substr(q))) {
      q += w.offset + w.length;
      size = size - w.length + zhtext::replacement_utf8.size();
    }
    j.fixed.reserve(size);
    j.edits.push_back({0, 0, 0, 0});
  }
  while (!v.ok) {
    // The edit of the previous replacement (or the start): kept unless
    // block::source_offset can find it again cheaply (a few replacements close
    // together). Skipped lines keep theirs.
    if (replace && copy) {
      j.edits.back().clean = v.offset;
      if (j.edits.size() > 1 && ++unkept < 16 && v.offset < 256) j.edits.pop_back();
      else unkept = 0;
    }
    const std::size_t at = pos + v.offset;
    breaks += count_newlines(raw.data() + counted, at - counted);
    ++j.invalid_count;
    if (j.invalid.size() < warnings_per_file) j.invalid.push_back({j.b.first_line + breaks, j.b.offset + at, v.kind});
    counted = at;
    if (!copy) {
      pos = at + v.length;
    } else if (replace) {
      j.fixed.append(raw, pos, at - pos);
      j.fixed += zhtext::replacement_utf8;
      pos = at + v.length;
    } else {
      pos = skip_line(j, raw, pos, at, skipped, breaks, counted);
    }
    if (copy) j.edits.push_back({j.fixed.size(), pos, skipped, replace ? 0 : std::size_t(-1)});
    v = zhtext::validate_utf8(raw.substr(pos));
  }
  if (!copy) {
    j.b.repair = true;
    return;
  }
  if (replace) j.edits.back().clean = raw.size() - pos;
  j.fixed.append(raw, pos, raw.size() - pos);
  j.b.text = j.fixed;
  j.b.edits = j.edits.data();
  j.b.edit_count = j.edits.size();
  j.b.source = raw;
}

}  // namespace

// ---------------------------------------------------------------------------------
// Worker threads.

class worker_pool {
 public:
  worker_pool(unsigned n, std::function<void(job&, std::size_t worker)> work) : work_(std::move(work)) {
    for (unsigned i = 0; i < n; ++i) threads_.emplace_back([this, i] { run(i); });
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
  // Jobs are taken in submission order (the queue is FIFO): see the top of this file.
  void run(std::size_t worker) {
    for (;;) {
      job* j;
      {
        std::unique_lock<std::mutex> lock(m_);
        work_cv_.wait(lock, [&] { return stop_ || !queue_.empty(); });
        if (queue_.empty()) return;
        j = queue_.front();
        queue_.pop_front();
      }
      work_(*j, worker);
      {
        std::lock_guard<std::mutex> lock(m_);
        j->done = true;
      }
      done_cv_.notify_all();
    }
  }

  std::function<void(job&, std::size_t)> work_;
  std::mutex m_;
  std::condition_variable work_cv_, done_cv_;
  std::deque<job*> queue_;
  bool stop_ = false;
  std::vector<std::thread> threads_;
};

namespace {

std::size_t env_block_size(std::size_t fallback) {
  const char* s = std::getenv("ZHTEXT_BLOCK_SIZE");
  if (s == nullptr || *s == '\0') return fallback;
  char* end = nullptr;
  const unsigned long long v = std::strtoull(s, &end, 10);
  if (end == nullptr || *end != '\0' || v == 0 || v > (std::uint64_t(1) << 32)) return fallback;
  return static_cast<std::size_t>(v);
}

// The inputs' total size, when every input is a regular file (for the progress line).
bool total_size(const std::vector<input>& inputs, std::uint64_t& total) {
  total = 0;
  bool known = true;
  for (const input& in : inputs) {
    struct stat st {};
    const int rc = in.path.empty() ? ::fstat(STDIN_FILENO, &st) : ::stat(in.path.c_str(), &st);
    if (rc == 0 && S_ISREG(st.st_mode)) total += static_cast<std::uint64_t>(st.st_size);
    else known = false;
  }
  return known;
}

}  // namespace

// ---------------------------------------------------------------------------------
// The run.

class engine {
 public:
  engine(const args& a, const block_options& opt, const engine_callbacks& cb);
  int run();

 private:
  void process(job& j, std::size_t worker);
  void read_input(std::size_t fi);
  bool open_input(const input& in, file& f);
  bool submit(block_reader& reader, std::size_t fi, std::uint64_t& offset, std::uint64_t& line,
              std::uint64_t& line_start, std::size_t& index);
  bool first_block(job& j, std::size_t fi, std::uint64_t& offset);
  void consume_ready();
  void consume_front();
  bool report_failure(const job& j);
  void write_block(job& j, std::size_t slot);
  void warn_invalid(const job& j);
  void warn_summary();
  void drain();
  void fail(const std::string& message, int code);

  const args& a_;
  const block_options& opt_;
  const engine_callbacks& cb_;
  int status_ = exit_ok;
  std::vector<input> inputs_;
  invalid_policy policy_;
  std::size_t target_, max_;  // block sizes: target and limit
  std::function<bool(std::string_view, std::size_t)> cut_after_;  // where a long line may be cut
  std::uint64_t total_ = 0;   // bytes of all inputs, when known up front
  bool total_known_;
  progress_line progress_;
  output_gate gate_;
  std::vector<job> jobs_;
  std::unique_ptr<worker_pool> pool_;

  static constexpr std::size_t none = static_cast<std::size_t>(-1);
  std::uint64_t run_bytes_ = 0;       // bytes of all inputs cut into blocks so far
  std::size_t run_blocks_ = 0;        // ... and the blocks
  std::deque<std::size_t> in_flight_; // slots, oldest first
  std::uint64_t in_flight_bytes_ = 0; // ... and their bytes as read
  std::uint64_t in_flight_limit_;     // at most this many unless one block is larger
  std::vector<std::size_t> free_slots_;
  std::size_t skip_file_ = none;      // consumer asked to skip the rest of this input
  std::size_t warn_file_ = none;      // input whose invalid UTF-8 is being counted
  std::uint64_t warn_count_ = 0;      // ... in total
  std::uint64_t warn_shown_ = 0;      // ... printed
  bool fatal_ = false;                // stop reading: a worker failed or the input changed
  bool write_failed_ = false;         // stdout failed (reported once)
};

engine::engine(const args& a, const block_options& opt, const engine_callbacks& cb)
    : a_(a),
      opt_(opt),
      cb_(cb),
      inputs_(expand_inputs(a, status_)),
      policy_(opt.raw ? invalid_policy::replace : a.on_invalid()),
      // ZHTEXT_BLOCK_SIZE (tests) sets the target and, at 16 times it, the maximum.
      target_(env_block_size(opt.block_size)),
      max_(target_ != opt.block_size ? std::max<std::size_t>(16 * target_, 16)
                                     : std::max({opt.max_block_size, 16 * target_, std::size_t(16)})),
      // --on-invalid skip leaves out whole lines: it must see them whole.
      cut_after_(policy_ == invalid_policy::skip && !opt.raw ? decltype(opt.cut_after)() : opt.cut_after),
      total_known_(total_size(inputs_, total_)),
      progress_(a, total_, total_known_),
      gate_(progress_),
      jobs_(engine_slots(a)) {
  // A command that cuts long lines where its result cannot change gets them in pieces
  // of at most 4 blocks (4 MiB): the pieces of a NUL flood or of a long line are as
  // small as the blocks in flight allow, whatever the line's length.
  if (cut_after_ && target_ == opt.block_size) max_ = std::min(max_, std::max<std::size_t>(4 * target_, 16));
  if (opt.cut_after && !cut_after_ && target_ == opt.block_size)
    max_ = whole_lines().max_block_size;  // --on-invalid skip: lines stay whole
  // 16 MiB: every block of 1 MiB in flight, or 4 of 4 MiB (a line cut by cut_after),
  // or one of 16 MiB (a line cut at the default maximum): 48 MiB once repaired.
  in_flight_limit_ = std::max<std::uint64_t>(max_, std::size_t(16) << 20);
  for (std::size_t i = jobs_.size(); i-- > 0;) free_slots_.push_back(i);
  for (job& j : jobs_) {
    j.out.gate_ = &gate_;
    j.out.limit_ = 8 * target_;  // a block's output held before it streams
  }
  if (a.threads() > 1)
    pool_ = std::make_unique<worker_pool>(a.threads(), [this](job& j, std::size_t w) { process(j, w); });
}

int engine::run() {
  for (std::size_t fi = 0; fi < inputs_.size() && !fatal_; ++fi) read_input(fi);
  drain();
  warn_summary();
  progress_.clear();
  status_ = std::max(status_, flush_stdout(a_));  // reports a failed write once
  return status_;
}

// Worker thread (or the calling thread when there are no workers).
void engine::process(job& j, std::size_t worker) {
  try {
    prepare(j, opt_, policy_);
    j.b.worker = worker;
    j.b.storage = j.b.text.data() == j.raw.data() ? &j.raw : nullptr;  // not a repaired copy
    if (!j.changed) cb_.map(j.b, static_cast<std::size_t>(&j - jobs_.data()), j.out);
  } catch (...) {
    j.failure = std::current_exception();
  }
}

// Cuts input `fi` into blocks and submits them, consuming what is done meanwhile.
void engine::read_input(std::size_t fi) {
  const input& in = inputs_[fi];
  file f;
  if (!open_input(in, f)) return;
  block_reader reader(f, opt_.cut, target_, max_, cut_after_);
  std::uint64_t offset = 0, line = 1, line_start = 0;
  std::size_t index = 0;
  while (skip_file_ != fi && !fatal_) {
    if (free_slots_.empty()) consume_front();
    // Inside a line cut for size the next block is likely as large: wait before reading
    // it (see submit), so that no more blocks than that are held.
    while (!in_flight_.empty() && reader.inside_cut_line() && in_flight_bytes_ + max_ > in_flight_limit_)
      consume_front();
    if (skip_file_ == fi || fatal_) break;
    reader.set_target(block_target(target_, run_blocks_, total_known_, total_, run_bytes_));
    if (!submit(reader, fi, offset, line, line_start, index)) break;
    consume_ready();
  }
  if (!reader.error().empty()) {
    drain();
    fail("error reading '" + in.name + "': " + reader.error(), exit_io);
  }
}

// Opens an input (and validates it first under --on-invalid error); false when it is
// skipped or the run stops.
bool engine::open_input(const input& in, file& f) {
  if (in.path.empty()) {
    f = file(STDIN_FILENO, false);
    if (::isatty(STDIN_FILENO) == 1)
      a_.warning("reading the text from the terminal (end it with Ctrl-D; name a FILE to read a file)");
  } else {
    const int fd = ::open(in.path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      const std::string why = std::strerror(errno);
      drain();
      fail("cannot open '" + in.name + "': " + why, exit_io);
      return false;
    }
    f = file(fd, true);
  }
  if (opt_.raw || policy_ != invalid_policy::error) return true;
  const prepass_result pr = prepass(f);
  if (!pr.io_error.empty() || !pr.ok) drain();
  if (!pr.io_error.empty()) {
    fail("cannot read '" + in.name + "': " + pr.io_error, exit_io);
    return false;
  }
  if (pr.encoding != foreign_encoding::none) {
    fail(encoding_message(pr.encoding, pr.head, in.name), exit_check_failed);
    fatal_ = true;
    return false;
  }
  if (!pr.ok) {
    fail(in.name + ":" + std::to_string(pr.line) + ":" + std::to_string(pr.byte) + ": invalid UTF-8 (" +
             zhtext::to_string(pr.kind) + ")",
         exit_check_failed);
    fatal_ = true;
    return false;
  }
  return true;
}

// Reads the input's next block into a free slot and hands it to a worker; false when
// the input has no block left (or a read failed).
bool engine::submit(block_reader& reader, std::size_t fi, std::uint64_t& offset, std::uint64_t& line,
                    std::uint64_t& line_start, std::size_t& index) {
  const std::size_t slot = free_slots_.back();
  job& j = jobs_[slot];
  bool continues = false, last = false;
  if (!reader.next(j.raw, continues, last)) return false;
  const std::size_t source_size = j.raw.size();
  if (index == 0 && !opt_.raw && !first_block(j, fi, offset)) return false;
  free_slots_.pop_back();
  // A long line's blocks (up to max_, up to 3 times that repaired) are processed one at
  // a time: the blocks in flight hold at most in_flight_limit_ bytes of input, unless one
  // alone is larger. Only when jobs run is changed, never a cut or the output.
  while (!in_flight_.empty() && in_flight_bytes_ + j.raw.size() > in_flight_limit_) consume_front();
  if (skip_file_ == fi || fatal_) {
    free_slots_.push_back(slot);
    return false;
  }
  block& b = j.b;
  b = block();
  b.file = inputs_[fi].name;
  b.file_index = fi;
  b.index = index++;
  b.offset = offset;
  b.first_line = line;
  b.line_start = continues ? line_start : offset;
  b.source_size = source_size;
  b.last = last;
  b.continues = continues;
  b.text = j.raw.view();
  const char* p = j.raw.data();
  const void* nl = j.raw.size() == 0 ? nullptr : ::memrchr(p, '\n', j.raw.size());
  line_start = nl != nullptr ? offset + static_cast<std::uint64_t>(static_cast<const char*>(nl) - p) + 1 : b.line_start;
  offset += j.raw.size();
  run_bytes_ += source_size;
  line += count_newlines(p, j.raw.size());
  j.out.sequence_ = run_blocks_++;
  in_flight_.push_back(slot);
  in_flight_bytes_ += j.raw.size();
  if (pool_) {
    pool_->submit(j);
  } else {
    process(j, 0);
    j.done = true;
  }
  return true;
}

// The start of an input: one not in UTF-8 (detect_encoding) fails the check (exit 1:
// it is skipped, and with --on-invalid error the run stops); a UTF-8 BOM is dropped,
// the text starting after it (`offset` 3). False when the input is not to be read.
bool engine::first_block(job& j, std::size_t fi, std::uint64_t& offset) {
  const std::string_view head = j.raw.view().substr(0, encoding_sniff_bytes);
  if (const foreign_encoding e = detect_encoding(head); e != foreign_encoding::none) {
    drain();
    fail(encoding_message(e, head, inputs_[fi].name), exit_check_failed);
    if (policy_ == invalid_policy::error) fatal_ = true;
    return false;
  }
  const std::size_t bom = j.raw.size() - zhtext::without_utf8_bom(j.raw.view()).size();
  j.raw.drop_front(bom);
  offset += bom;
  return true;
}

// Consumes the jobs that are done, oldest first, without waiting.
void engine::consume_ready() {
  while (!in_flight_.empty() && (!pool_ || pool_->is_done(jobs_[in_flight_.front()]))) consume_front();
}

// Consumes the oldest job (waiting for it), in input order, and gives the next one
// the turn to write.
void engine::consume_front() {
  const std::size_t slot = in_flight_.front();
  job& j = jobs_[slot];
  if (pool_) pool_->wait(j, [&] { progress_.tick(); });
  in_flight_.pop_front();
  in_flight_bytes_ -= j.raw.size();
  const bool skipped = j.b.file_index == skip_file_ || fatal_;
  if (!fatal_ && report_failure(j)) fatal_ = true;
  if (skipped || j.failure || j.changed) {
    cb_.discard(slot);
    j.out.text().clear();
  } else {
    write_block(j, slot);
  }
  progress_.add(j.b.source_size);
  progress_.tick();
  j.failure = nullptr;
  // A slot keeps its buffer for its next block up to what a block of the maximum size
  // needs (a line longer than that comes in pieces of that size: freeing the buffer
  // after every piece and growing it again step by step left the freed steps resident,
  // 180 MB for one thread on 100 MB of NUL); a larger one (a line that could not be
  // cut) is released. Where lines are never cut (whole_lines) a long line's buffer is
  // released too: every slot kept one of up to 32 MiB, and long lines are processed one
  // at a time (in_flight_limit_), so the others sat idle (count --per-line, 2 threads,
  // lines of 20 MiB: 267 MB, 190 at 1 thread).
  const std::size_t keep = max_ <= std::size_t(16) << 20 ? 2 * max_ : 0;
  if (j.raw.capacity() > std::max(keep, 4 * block_reader::usual_capacity(target_))) j.raw.release();
  if (j.fixed.capacity() > 4 * target_) std::string().swap(j.fixed);
  free_slots_.push_back(slot);
  const bool next_skipped = !in_flight_.empty() && jobs_[in_flight_.front()].b.file_index == skip_file_;
  gate_.open(j.out.sequence_ + 1, fatal_ || next_skipped);
}

// Reports a job that failed (an exception in the command, or its input changed under
// --on-invalid error); true if it did.
bool engine::report_failure(const job& j) {
  if (j.failure) {
    try {
      std::rethrow_exception(j.failure);
    } catch (const std::exception& e) {
      fail(std::string("error while processing '") + std::string(j.b.file) + "': " + e.what(), exit_io);
    } catch (...) {
      fail("error while processing '" + std::string(j.b.file) + "'", exit_io);
    }
    return true;
  }
  if (j.changed) {
    fail("'" + std::string(j.b.file) + "' changed while it was read (invalid UTF-8 at byte " +
             std::to_string(j.b.offset) + "+)",
         exit_io);
    return true;
  }
  return false;
}

// The job's warnings, the rest of its output, then the command's consume.
void engine::write_block(job& j, std::size_t slot) {
  warn_invalid(j);
  if (progress_.stdout_is_tty()) progress_.clear();
  progress_.write_stdout(j.out.text());
  j.out.text().clear();
  if (cb_.consume(j.b, slot) == flow::skip_rest_of_file) skip_file_ = j.b.file_index;
  if (progress_.stdout_is_tty()) std::fflush(stdout);
  if (std::ferror(stdout) && !write_failed_) {
    progress_.clear();
    status_ = std::max(status_, flush_stdout(a_));
    write_failed_ = true;
    fatal_ = true;
  }
}

// The job's invalid-UTF-8 warnings (the first few of each input).
void engine::warn_invalid(const job& j) {
  if (j.b.file_index != warn_file_) {
    warn_summary();
    warn_file_ = j.b.file_index;
    warn_count_ = 0;
    warn_shown_ = 0;
  }
  for (const invalid_record& r : j.invalid) {
    if (warn_shown_ >= warnings_per_file) break;
    ++warn_shown_;
    progress_.clear();
    a_.warning(std::string(j.b.file) + ":" + std::to_string(r.line) + ":" + std::to_string(r.byte) +
               ": invalid UTF-8 (" + zhtext::to_string(r.kind) + ")" +
               (policy_ == invalid_policy::skip ? ", line skipped" : ", replaced with U+FFFD"));
  }
  warn_count_ += j.invalid_count;
}

// "FILE: N more ..." for the input whose warnings were cut short.
void engine::warn_summary() {
  if (warn_file_ == none || warn_count_ <= warn_shown_) return;
  progress_.clear();
  const std::uint64_t more = warn_count_ - warn_shown_;
  a_.warning(inputs_[warn_file_].name + ": " + std::to_string(more) +
             (policy_ == invalid_policy::skip ? " more lines with invalid UTF-8 skipped"
                                              : " more invalid UTF-8 sequences replaced with U+FFFD"));
}

void engine::drain() {
  while (!in_flight_.empty()) consume_front();
}

void engine::fail(const std::string& message, int code) {
  progress_.clear();
  a_.error(message);
  status_ = std::max(status_, code);
}

std::size_t engine_slots(const args& a) { return a.threads() <= 1 ? 1 : std::size_t(a.threads()) + 2; }

int run_engine(const args& a, const block_options& opt, const engine_callbacks& cb) {
  engine e(a, opt, cb);
  return e.run();
}

}  // namespace detail

void block_output::write_through() { gate_->write_through(sequence_, text_); }

int run_blocks(const args& a, const block_options& opt,
               const std::function<void(const block&, block_output&)>& process) {
  detail::engine_callbacks cb;
  cb.map = [&](const block& b, std::size_t, block_output& out) { process(b, out); };
  cb.consume = [](const block&, std::size_t) { return flow::next; };
  cb.discard = [](std::size_t) {};
  return detail::run_engine(a, opt, cb);
}

}  // namespace cli
