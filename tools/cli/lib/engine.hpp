// engine.hpp - the block engine: how a `zhtext` subcommand becomes corpus-scale.
//
//   cli::block_options bo;                                // cut at line ends, ~1 MiB blocks
//   return cli::run_blocks(a, bo, [&](const cli::block& b, cli::block_output& out) {
//     cli::for_each_line(b, [&](const cli::text_line& l) {   // worker threads: no shared
//       out.text() += ...;                                // mutable state
//       out.record_done();                                // bounded: see block_output
//     });
//   });                                                   // stdout holds it in input order
//
// It reads the inputs one after the other, cuts each into blocks of whole lines (or
// whole paragraphs, block_options::cut), processes the blocks on --threads worker
// threads and writes their output in input order, so the output is byte-identical for
// every --threads value. Block boundaries depend only on the bytes of the inputs,
// never on --threads, read sizes or timing: a block ends at the first cut point at or
// after its target size, which is block_size, except that the first blocks of a run
// are smaller (64 KiB, doubling) so that every worker starts soon, and, when the
// inputs' total size is known up front, so are the last ones (a quarter of what is
// left, at least 64 KiB), so that the workers finish together.
//
// Memory stays bounded: at most threads+2 blocks are in flight (and no more than 16 MiB
// of input unless one block alone is larger: the 16 MiB pieces of a long line are
// processed one at a time), each block_size bytes
// plus at most one line (or paragraph), and each holding at most 8 * block_size bytes
// of output: a block's output past that is written as soon as every block before it
// has been written (the oldest block in flight always writes straight through, so the
// run always progresses). A paragraph longer than max_block_size is cut at a line end,
// a longer line at a UTF-8 character boundary (or where block_options::cut_after says
// a cut changes nothing), and the next block says so (block::continues). A byte of
// invalid UTF-8 that --on-invalid replace turns into U+FFFD whatever follows it is a
// character boundary there (repaired_char_before). Every input gives at least one block (an empty input gives one
// empty block; a block may be empty after --on-invalid skip), so a consumer sees
// every file and its last block (block::last). A command that reads invalid UTF-8 as
// U+FFFD itself gets such a block as read (block_options::repair_in_pieces).
//
// Invalid UTF-8 (--on-invalid, for commands that accept it):
//  - replace (default): each maximal ill-formed subpart becomes U+FFFD in the block's
//    text, with a warning "FILE:LINE:BYTE: invalid UTF-8 (KIND), replaced with U+FFFD"
//    (the first 10 of each file, then a count);
//  - skip: each line holding invalid UTF-8 is left out of the block's text, with a
//    warning "..., line skipped";
//  - error: each input is validated before anything of it is processed (a fast
//    pre-pass; standard input and pipes are spooled to a temporary file); the first
//    invalid one stops the run with "FILE:LINE:BYTE: invalid UTF-8 (KIND)", exit 1,
//    nothing of that file on stdout (the files before it are complete).
// The text a command sees is therefore always valid UTF-8, and block::source_offset()
// and the line numbers map positions in it back to byte offsets and line numbers of
// the file, across replaced bytes and skipped lines. Commands that must see the raw
// bytes (validate) set block_options::raw.
//
// LINE is 1-based, BYTE is the 0-based byte offset in the file. The engine runs on
// the calling thread plus `threads` workers (none when threads == 1). Warnings of a
// block are printed when its processing is done, so when a block's output is larger
// than its limit, part of it may reach stdout before its warnings reach stderr.
#pragma once

#include <cstdint>
#include <cstring>
#include <functional>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "options.hpp"

namespace cli {

/// Where blocks end.
enum class cut_at {
  line,       ///< after a line break ('\n')
  paragraph,  ///< after a paragraph break (a blank line; a run of them stays together)
};

/// How run_blocks cuts and prepares the input.
struct block_options {
  cut_at cut = cut_at::line;
  /// Target block size: a block ends at the first cut point at or after this many
  /// bytes (fewer at the start and the end of a run, see above). The environment
  /// variable ZHTEXT_BLOCK_SIZE=N overrides it and sets the maximum to 16 * N (tests
  /// use it to exercise cuts on small inputs).
  std::size_t block_size = std::size_t(1) << 20;
  /// A block never exceeds max(max_block_size, 16 * block_size): a longer paragraph
  /// is cut after a line end, a longer line at a character boundary, and the next
  /// block has `continues` set.
  std::size_t max_block_size = std::size_t(16) << 20;
  /// Raw bytes: no --on-invalid handling, no warnings (for `validate`).
  bool raw = false;
  /// Where a line longer than the maximum may be cut without changing what the command
  /// computes (see cut_lines_where), or null: at its last character boundary (or, with
  /// whole_lines(), never). cut_after(bytes, p), p > 0, is true when the input may be
  /// cut between bytes[p - 1] and bytes[p]; it may look only at the bytes before p
  /// (they are raw input bytes: possibly invalid UTF-8). A long line is cut at the last
  /// such place within the maximum, or, when there is none, at the first one after it
  /// (the block then grows: a line without such a place stays whole, however long).
  /// Under --on-invalid skip lines are not cut (a line with invalid UTF-8 is left out
  /// whole).
  std::function<bool(std::string_view bytes, std::size_t p)> cut_after;
  /// The command reads invalid UTF-8 as zhtext reads it, one U+FFFD per maximal
  /// ill-formed subpart, without a repaired copy (dedup's shingles; character n-grams
  /// through zhtext::for_each_repaired_char_ngram, which repairs a piece at a time):
  /// under --on-invalid replace a block holding invalid UTF-8 is then handed over as
  /// read, with block::repair set, instead of beside its repaired copy (up to 3 times
  /// its size: a 50 MiB line held 200 MiB). The warnings are the same; --on-invalid
  /// skip and error do not change.
  bool repair_in_pieces = false;
};

/// Lines are never cut (a block holds whole lines however long): for commands whose
/// results would change if a line were cut (segmentation, counting).
inline block_options whole_lines() {
  block_options o;
  o.max_block_size = std::size_t(-1) / 4;
  return o;
}

/// Blocks of whole lines, except that a line longer than the maximum is cut where
/// `cut_after` allows (see block_options::cut_after): for commands whose results do not
/// change when a line is cut there (jieba's segmentation never crosses the boundary
/// between its blocks, see jieba.hpp). With cut_after the maximum is 4 * block_size
/// (4 MiB; 16 * ZHTEXT_BLOCK_SIZE when that is set), so that a NUL flood or a long line
/// is held in small pieces. The pieces of a cut line come in consecutive blocks: the
/// block after a cut has `continues` set.
inline block_options cut_lines_where(std::function<bool(std::string_view, std::size_t)> cut_after) {
  block_options o;
  o.cut_after = std::move(cut_after);
  return o;
}

/// Where a text may be cut near `limit` (from <= limit <= end <= text.size()): the
/// last p in (from, limit] where cut_after(text, p) allows it, else the first p in
/// (limit, end], else npos; the rule of block_options::cut_after, for the block
/// reader's long lines and for pieces of a line (for_each_jieba_piece). With
/// end == limit it only looks back, with from == limit only ahead. O(distance walked).
template <class CutAfter>
std::size_t cut_near(std::string_view text, std::size_t from, std::size_t limit, std::size_t end,
                     CutAfter&& cut_after) {
  for (std::size_t p = limit; p > from; --p)
    if (cut_after(text, p)) return p;
  for (std::size_t p = limit + 1; p <= end; ++p)
    if (cut_after(text, p)) return p;
  return std::string_view::npos;
}

/// For cut_after functions: true when a character of the repaired text (--on-invalid
/// replace) ends at byte p of `bytes` (0 < p <= bytes.size()), stored in `c`: a whole,
/// well-formed UTF-8 character, or an ill-formed byte that becomes U+FFFD whatever
/// follows it (a stray continuation byte, C0, C1, F5..FF; not a lead byte or a
/// truncated sequence that the next bytes may complete: false there). It looks only
/// at the bytes before p; cutting at p changes neither the repaired text nor the
/// replacements found (so a line of invalid bytes is cut like one of U+FFFD).
bool repaired_char_before(std::string_view bytes, std::size_t p, char32_t& c);

namespace detail {
class byte_buffer;
}  // namespace detail

/// A piece of one input handed to a command. Valid during the call that receives it.
struct block {
  std::string_view file;        ///< the input's name ("<stdin>" for standard input)
  std::size_t file_index = 0;   ///< 0-based position of the input in the input list
  std::size_t index = 0;        ///< 0-based block number within the input
  std::size_t worker = 0;       ///< 0-based number of the worker thread processing it
  std::string_view text;        ///< whole lines (or paragraphs); valid UTF-8 unless raw
  std::uint64_t offset = 0;     ///< byte offset in the file of text[0]
  std::uint64_t first_line = 1; ///< 1-based line number in the file of text[0]
  std::uint64_t line_start = 0; ///< byte offset in the file of the line holding text[0]
  std::uint64_t source_size = 0;  ///< bytes of the file this block covers
  bool last = true;             ///< the input's last block
  bool continues = false;       ///< text[0] continues a line/paragraph cut for size
  /// block_options::repair_in_pieces: text is the block's bytes as read and holds
  /// invalid UTF-8, which the command reads as --on-invalid replace would repair it
  /// (positions in text are those of the file: no edits).
  bool repair = false;

  /// One point where text and file positions diverge (a replaced sequence, a
  /// skipped line): from text position `text_pos` on, text[p] is file byte
  /// offset + source_pos + (p - text_pos), on line first_line + (line breaks in
  /// text[0, p)) + lines_skipped.
  /// With --on-invalid replace, not every replaced sequence has its edit: one is kept
  /// at the start, after at most 16 replacements, before a stretch of 256 bytes or
  /// more without one, and after the last; source_offset() finds the replacements in
  /// between again in `source` (a flood of invalid bytes took 24 bytes of edits per
  /// byte of input: 270 MB for an 8 MB line of encoded surrogates).
  struct edit {
    std::size_t text_pos;
    std::uint64_t source_pos;
    std::uint64_t lines_skipped;
    std::size_t clean;  ///< bytes of text from text_pos on that hold no replacement
  };
  const edit* edits = nullptr;  ///< sorted by text_pos; none when text is the file's bytes
  std::size_t edit_count = 0;
  std::string_view source;      ///< the block's bytes as read (where edits point), when edits

  /// Byte offset in the file of text position `pos` (pos at a character boundary,
  /// 0 <= pos <= text.size()). O(log edits).
  std::uint64_t source_offset(std::size_t pos) const;
  /// Lines left out (--on-invalid skip) before text position `pos`. O(log edits).
  std::uint64_t lines_skipped(std::size_t pos) const;
  /// 1-based line number in the file of text position `pos`. O(pos); use a
  /// line_counter for many positions, or for_each_line.
  std::uint64_t line_of(std::size_t pos) const;
  /// Gives the memory of text[0, pos) back to the system where it can: a line longer
  /// than the maximum block, read whole into a buffer of its own (none when text is a
  /// repaired copy or an ordinary block). For a command that reads a long line once,
  /// front to back, keeping nothing of it: it promises never to read text before `pos`
  /// again (nor does the engine), those bytes then reading as zeros. On its worker
  /// thread, during the call that received the block. count's words on a 50 MiB line of
  /// 3.2M distinct words held the whole line beside the table to the end: 224 MB.
  void release_before(std::size_t pos) const;
  detail::byte_buffer* storage = nullptr;  ///< (engine) the buffer text was read into

  /// Byte offset in the file where the line starting at text position `pos` begins
  /// (`pos` at the start of a line of text, or 0: then the line may have begun in an
  /// earlier block, see continues).
  std::uint64_t line_start_of(std::size_t pos) const { return pos == 0 && continues ? line_start : source_offset(pos); }
};

/// Line numbers of increasing positions of one block in amortised O(1) each.
class line_counter {
 public:
  explicit line_counter(const block& b) : b_(&b) {}
  /// 1-based line number in the file of b.text[pos]; cheapest when pos does not
  /// decrease between calls (a smaller pos restarts the count).
  std::uint64_t line_of(std::size_t pos);

 private:
  const block* b_;
  std::size_t pos_ = 0;
  std::uint64_t breaks_ = 0;  // '\n' in text[0, pos_)
};

/// One line of a block's text.
struct text_line {
  std::string_view text;   ///< without its line break
  std::size_t pos;         ///< of text[0] in the block's text
  std::uint64_t number;    ///< 1-based line number in the file
  bool has_break;          ///< a '\n' follows (false for a last line without one)

  /// text without a final CR (a CRLF line's text).
  std::string_view without_cr() const {
    return !text.empty() && text.back() == '\r' ? text.substr(0, text.size() - 1) : text;
  }
};

/// Calls f(const text_line&) for each line of b.text, in order (none for an empty
/// text; a text ending in '\n' has no empty last line).
template <class F>
void for_each_line(const block& b, F&& f) {
  const std::string_view t = b.text;
  std::uint64_t number = b.first_line;
  for (std::size_t pos = 0; pos < t.size(); ++number) {
    const void* nl = std::memchr(t.data() + pos, '\n', t.size() - pos);
    const std::size_t end =
        nl == nullptr ? t.size() : static_cast<std::size_t>(static_cast<const char*>(nl) - t.data());
    f(text_line{t.substr(pos, end - pos), pos, number + (b.edit_count == 0 ? 0 : b.lines_skipped(pos)), nl != nullptr});
    pos = end + 1;
  }
}

namespace detail {
class engine;
class output_gate;
}  // namespace detail

/// The output of one block, written to stdout in input order. A command appends to
/// text() on its worker thread and calls record_done() after each record (a line, a
/// row): when text() holds its limit (8 * block_size bytes) or more, it is written out
/// as soon as every earlier block's output has been (waiting for that if need be), so
/// a block holds at most about its limit of output whatever it produces. What is left
/// when the block is done is written by the engine, in order.
class block_output {
 public:
  std::string& text() { return text_; }
  void record_done() {
    if (text_.size() >= limit_) write_through();
  }

 private:
  friend class detail::engine;
  void write_through();

  std::string text_;
  std::size_t limit_ = std::size_t(-1);
  detail::output_gate* gate_ = nullptr;
  std::uint64_t sequence_ = 0;  // the block's number in the run
};

/// What a consumer asks for after one block.
enum class flow { next, skip_rest_of_file };

namespace detail {
struct engine_callbacks {
  std::function<void(const block&, std::size_t slot, block_output&)> map;  // worker threads
  std::function<flow(const block&, std::size_t slot)> consume;             // calling thread, in order
  std::function<void(std::size_t slot)> discard;                           // result never consumed
};
std::size_t engine_slots(const args& a);
int run_engine(const args& a, const block_options& opt, const engine_callbacks& cb);
}  // namespace detail

/// Runs `process(block, block_output&)` over every block of every input; what it
/// writes to the block_output goes to stdout in input order (the same bytes for every
/// --threads). `process` runs on worker threads, concurrently with itself: it must
/// not touch shared mutable state. Returns the exit code (see options.hpp); every
/// error and warning has already been printed.
int run_blocks(const args& a, const block_options& opt,
               const std::function<void(const block&, block_output&)>& process);

/// The general form: `map(block)` runs on worker threads and returns a result R;
/// `consume(block, R&&)` runs on the calling thread in input order (it may write
/// output with cli::out, merge counts, keep per-file state) and returns void or a
/// `flow` (flow::skip_rest_of_file: the input's remaining blocks are neither read
/// further nor consumed). The block passed to consume is the one map saw.
template <class Map, class Consume>
int run_blocks(const args& a, const block_options& opt, Map&& map, Consume&& consume) {
  using R = std::decay_t<std::invoke_result_t<Map&, const block&>>;
  std::vector<std::optional<R>> results(detail::engine_slots(a));
  detail::engine_callbacks cb;
  cb.map = [&](const block& b, std::size_t slot, block_output&) { results[slot].emplace(map(b)); };
  cb.consume = [&](const block& b, std::size_t slot) -> flow {
    R r = std::move(*results[slot]);
    results[slot].reset();
    if constexpr (std::is_same_v<std::invoke_result_t<Consume&, const block&, R&&>, flow>) {
      return consume(b, std::move(r));
    } else {
      consume(b, std::move(r));
      return flow::next;
    }
  };
  cb.discard = [&](std::size_t slot) { results[slot].reset(); };
  return detail::run_engine(a, opt, cb);
}

/// State a command accumulates over the blocks of inputs cut into several blocks, one
/// T per (worker, input): a worker adds each block into its own T for the block's
/// input (no sharing), and once the input's last block has been consumed (so every
/// block of it has been processed) the calling thread takes the input's T's back.
/// T's are recycled: `reset(T&)` empties one for reuse, so it keeps its memory.
template <class T>
class per_worker_parts {
 public:
  per_worker_parts(std::function<T()> make, std::function<void(T&)> reset)
      : make_(std::move(make)), reset_(std::move(reset)) {}

  /// Worker thread: this worker's T for b's input, `fresh` true when just made.
  T& of(const block& b, bool& fresh) {
    const std::lock_guard<std::mutex> lock(mutex_);
    fresh = false;
    for (part& p : parts_)
      if (p.worker == b.worker && p.file == b.file_index) return p.value;
    fresh = true;
    return parts_.insert(parts_.end(), part{b.worker, b.file_index, acquire_locked()})->value;
  }
  /// A T from the recycled ones (or a new one), for any use; give it back with recycle.
  T acquire() {
    const std::lock_guard<std::mutex> lock(mutex_);
    return acquire_locked();
  }
  void recycle(T&& t) {
    reset_(t);
    const std::lock_guard<std::mutex> lock(mutex_);
    spare_.push_back(std::move(t));
  }
  /// Calling thread, after input `file_index`'s last block was consumed: f(T&) for
  /// each of its T's, which are then recycled.
  template <class F>
  void take(std::size_t file_index, F&& f) {
    std::list<part> mine;
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      for (auto p = parts_.begin(); p != parts_.end();) {
        auto next = std::next(p);
        if (p->file == file_index) mine.splice(mine.end(), parts_, p);
        p = next;
      }
    }
    for (part& p : mine) {
      f(p.value);
      recycle(std::move(p.value));
    }
  }

 private:
  struct part {
    std::size_t worker, file;
    T value;
  };
  T acquire_locked() {
    if (spare_.empty()) return make_();
    T t = std::move(spare_.back());
    spare_.pop_back();
    return t;
  }

  std::function<T()> make_;
  std::function<void(T&)> reset_;
  std::mutex mutex_;     // guards parts_ (the list, not the values) and spare_
  std::list<part> parts_;  // stable: a worker uses its value without the lock
  std::vector<T> spare_;
};

}  // namespace cli
