// zhtext/segment_parallel.hpp - segmenting one large text on several threads, with
// exactly the tokens of one thread.
//
//   auto seg = zhtext::segmenter::load();
//   zhtext::for_each_token_parallel(*seg, corpus, [&](const zhtext::token& t) {
//     counts[t.text]++;                          // the calling thread, in order
//   });
//
// The text is split into chunks of ~128 KiB where a run of Chinese/Latin characters
// starts after a line break (jieba's result cannot depend on a split there); threads
// cut chunks into token buffers and the calling thread hands them to f in order, so
// the tokens equal those of segmenter::for_each_token (see
// detail/segment/parallel.hpp). This header is apart from segment.hpp because it
// needs <thread> and <condition_variable>, which segment.hpp does not.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string_view>
#include <thread>

#include "detail/segment/parallel.hpp"
#include "segment.hpp"

namespace zhtext {

/// Cuts a large text with `seg` on `threads` threads (0: one per core) and calls
/// f(const token&) on the calling thread, in order: the same tokens as
/// seg.for_each_token(text, f, opt). Texts under 256 KiB, and threads == 1, are cut
/// by for_each_token on the calling thread. Memory: at most 2 x threads chunks of
/// tokens. An exception from f stops the workers and is rethrown.
template <class F>
void for_each_token_parallel(const segmenter& seg, std::string_view text, F&& f, cut_options opt = {},
                             unsigned threads = 0) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  if (threads == 1 || text.size() < 2 * detail::parallel_chunk_size) {
    seg.for_each_token(text, f, opt);
    return;
  }
  const auto state = seg.snapshot();
  auto emit = [&f](std::string_view t, std::size_t offset) { f(token{t, offset}); };
  detail::cut_parallel(state->lex(), detail::to_engine_mode(opt.mode), opt.hmm, text, threads, emit);
}

}  // namespace zhtext
