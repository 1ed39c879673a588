// internals.hpp - every use the `zhtext` program makes of zhtext::detail, in one place.
//
// The program uses the public API everywhere else (TSV and JSON escaping from
// zhtext/formats.hpp, mapped files and huge pages from zhtext/file.hpp). What is here
// waits for public API: the segmenter's per-state fast path (detail::segment_state
// and detail::cut_scratch through segmenter::snapshot() and segmenter::run()). `count`
// takes the segmenter's state once per block instead of once per line (taking it
// locks a mutex and touches a shared count), which the public for_each_token does on
// every call.
#pragma once

#include <memory>
#include <string_view>

#include <zhtext/segment.hpp>

namespace cli::internals {

/// Cuts many lines with one state of a segmenter: take a cutter per block (or other
/// batch of lines), then cut each line; the tokens are those of for_each_token.
class word_cutter {
 public:
  word_cutter(const zhtext::segmenter& s, zhtext::cut_options opt) : state_(s.snapshot()), opt_(opt) {}
  /// Calls f(const zhtext::token&) for each token of `line`, in order.
  template <class F>
  void cut(std::string_view line, F&& f) const {
    thread_local zhtext::detail::cut_scratch scratch;
    zhtext::segmenter::run(state_->lex(), line, opt_, scratch, f);
  }

 private:
  std::shared_ptr<const zhtext::detail::segment_state> state_;
  zhtext::cut_options opt_;
};

}  // namespace cli::internals
