// zhtext/detail/segment/parallel.hpp - cutting one text on several threads with the
// same tokens as one thread (zhtext::for_each_token_parallel, segment_parallel.hpp).
//
// The text is cut into chunks of ~128 KiB that end where a block (a run of jieba's
// Chinese/Latin characters) starts right after the run of other characters that
// follows a '\n'. jieba's result is a concatenation of per-unit results (blocks and the
// runs between them are cut independently, and "\r\n" never straddles such a point),
// so chunk results concatenated in order equal the one-thread result. threads - 1
// workers and the calling thread cut chunks into token buffers; the calling thread also
// hands finished chunks to emit in order and frees them. At most 2 x threads chunks are in
// flight (memory bound).
// Thread safety: emit runs on the calling thread only.
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "../../result.hpp"  // ZHTEXT_EXCEPTIONS
#include "engine.hpp"
#include "lexicon.hpp"
#include "word_policy.hpp"

namespace zhtext::detail {

/// The size of a chunk before it is extended to the next split point.
inline constexpr std::size_t parallel_chunk_size = 128 * 1024;

/// The first split point at or after `from` (see the top of this file), or text.size().
inline std::size_t next_chunk_boundary(std::string_view text, std::size_t from) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  for (std::size_t nl = text.find('\n', from); nl != std::string_view::npos; nl = text.find('\n', nl + 1)) {
    std::size_t i = nl + 1;  // '\n' is ASCII: decoding from here is in step with decoding from 0
    while (i < n) {
      const unsigned c = p[i];
      if (c < 0x80) {
        if (is_block_ascii(c)) return i;
        ++i;
        continue;
      }
      const decoded d = decode_at(p + i, p + n);
      if (d.error == utf8_errc::ok && is_jieba_han(d.value)) return i;
      i += d.size;
    }
    return n;
  }
  return n;
}

// A chunk's tokens, packed (8 bytes each: the buffers cross from a worker's cache to the
// calling thread's): offset from the chunk's start and length; a length with the top
// bit set is full mode's glued Latin token number (length & 0x7FFFFFFF) in `glued`.
struct packed_token {
  std::uint32_t offset;
  std::uint32_t length;
};
inline constexpr std::uint32_t glued_bit = 0x80000000u;

struct parallel_chunk {
  std::vector<packed_token> tokens;
  std::deque<std::string> glued;  // full mode's glued Latin tokens (rare)
  bool direct = false;            // too large to pack (>= 2 GiB): cut by the calling thread
  bool ready = false;
};

/// Cuts `text` with `lx` on `threads` threads (>= 2; the text is at least 2 x
/// parallel_chunk_size bytes, else one thread is faster) and calls emit(token text,
/// byte offset) on the calling thread, in order: the tokens one cutter gives.
template <class Emit>
void cut_parallel(const lexicon& lx, engine_mode mode, bool hmm, std::string_view text, unsigned threads, Emit& emit) {
  std::vector<std::size_t> bounds{0};
  while (bounds.back() < text.size())
    bounds.push_back(next_chunk_boundary(text, std::min(text.size(), bounds.back() + parallel_chunk_size)));
  const std::size_t chunks = bounds.size() - 1;

  std::mutex m;
  std::condition_variable cv;
  std::vector<parallel_chunk> slots(chunks);
  std::size_t next = 0, consumed = 0;
  bool stop = false;
  const std::size_t window = 2 * std::size_t{threads};
  const word_policy policy{mode};

  // Cuts chunk i into its slot (any thread).
  auto cut_chunk = [&](std::size_t i, cut_scratch& scratch) {
    parallel_chunk& out = slots[i];
    const std::string_view piece = text.substr(bounds[i], bounds[i + 1] - bounds[i]);
    if (piece.size() >= glued_bit) {
      out.direct = true;
    } else {
      out.tokens.reserve(piece.size() / 3 + 16);
      auto sink = [&](const cut_piece& p) {
        std::uint32_t length = static_cast<std::uint32_t>(p.text.size());
        if (p.text.data() != piece.data() + p.offset) {  // glued: the scratch dies with the unit
          length = glued_bit | static_cast<std::uint32_t>(out.glued.size());
          out.glued.emplace_back(p.text);
        }
        out.tokens.push_back({static_cast<std::uint32_t>(p.offset), length});
      };
      cutter<word_policy, decltype(sink)> c(lx, policy, hmm, scratch, piece, sink);
      c.run();
    }
    {
      std::lock_guard<std::mutex> lock(m);
      out.ready = true;
    }
    cv.notify_all();
  };
  // Hands chunk i's tokens to f (calling thread).
  auto consume = [&](std::size_t i, cut_scratch& scratch) {
    const parallel_chunk& in = slots[i];
    const std::size_t base = bounds[i];
    if (in.direct) {
      const std::string_view piece = text.substr(base, bounds[i + 1] - base);
      auto sink = [&](const cut_piece& p) { emit(p.text, base + p.offset); };
      cutter<word_policy, decltype(sink)> c(lx, policy, hmm, scratch, piece, sink);
      c.run();
      return;
    }
    for (const packed_token& p : in.tokens) {
      const std::string_view t = (p.length & glued_bit) != 0
                                     ? std::string_view(in.glued[p.length & ~glued_bit])
                                     : std::string_view(text.data() + base + p.offset, p.length);
      emit(t, base + p.offset);
    }
  };
  auto can_take = [&] { return next < chunks && next < consumed + window; };

  // threads - 1 workers; the calling thread is the last worker between handing
  // finished chunks to f, so exactly `threads` threads cut.
  auto worker = [&] {
    cut_scratch scratch;
    for (;;) {
      std::size_t i;
      {
        std::unique_lock<std::mutex> lock(m);
        cv.wait(lock, [&] { return stop || next >= chunks || can_take(); });
        if (stop || next >= chunks) return;
        i = next++;
      }
      cut_chunk(i, scratch);
    }
  };

  std::vector<std::thread> pool;
  pool.reserve(threads - 1);
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
  // The calling thread's part; an exception (from emit) is kept until the workers
  // are stopped and joined, then rethrown (there is none without exceptions).
  auto hand_out = [&] {
    cut_scratch scratch;
    for (std::size_t i = 0; i < chunks; ++i) {
      for (;;) {
        std::unique_lock<std::mutex> lock(m);
        if (slots[i].ready) break;
        if (can_take()) {
          const std::size_t j = next++;
          lock.unlock();
          cut_chunk(j, scratch);
          continue;
        }
        cv.wait(lock, [&] { return slots[i].ready || can_take(); });
      }
      consume(i, scratch);
      slots[i] = parallel_chunk{};
      {
        std::lock_guard<std::mutex> lock(m);
        ++consumed;
      }
      cv.notify_all();
    }
  };
#ifdef ZHTEXT_EXCEPTIONS
  std::exception_ptr failure;
  try {
    hand_out();
  } catch (...) {
    failure = std::current_exception();
  }
#else
  hand_out();
#endif
  {
    std::lock_guard<std::mutex> lock(m);
    stop = true;
  }
  cv.notify_all();
  for (std::thread& th : pool) th.join();
#ifdef ZHTEXT_EXCEPTIONS
  if (failure) std::rethrow_exception(failure);
#endif
}

}  // namespace zhtext::detail
