// internals.hpp - every use the `zhtext` program makes of zhtext::detail, in one place.
//
// The program uses the public API everywhere else. What is here waits for public API:
//  - TSV field escaping and JSON string literals (zhtext/detail/tsv.hpp, json.hpp): the
//    library's own escapers, so the program writes exactly what frequency tables write;
//  - mapped_file (read-only file mapping; `discover --dict` keeps views into it) and
//    huge_pages_enabled (the program's heap is put on huge pages where Linux offers
//    them; main.cpp);
//  - the segmenter's per-state fast path (segment_state, cut_scratch): `count` takes
//    the segmenter's state once per block instead of once per line (taking it locks a
//    mutex and touches a shared count), which the public for_each_token does per call.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <zhtext/detail/json.hpp>
#include <zhtext/detail/mapped_file.hpp>
#include <zhtext/detail/tsv.hpp>
#include <zhtext/segment.hpp>

namespace cli::internals {

/// Appends `s` as one TSV field: \ -> \\, TAB -> \t, LF -> \n, CR -> \r, other control
/// bytes (00..1F, 7F) and each byte of an ill-formed UTF-8 sequence -> \xHH (two
/// upper-case hex digits); everything else as is. Lossless and canonical.
inline void append_tsv_field(std::string& out, std::string_view s) { zhtext::detail::append_tsv_escaped(out, s); }

/// Appends `s` as a JSON string literal (RFC 8259), quotes included: " \ and control
/// characters escaped (\n \t \r \b \f, others \u00XX), each maximal ill-formed UTF-8
/// subpart as U+FFFD; everything else as is. Always a valid JSON string.
inline void append_json_string(std::string& out, std::string_view s) { zhtext::detail::append_json_string(out, s); }

using mapped_file = zhtext::detail::mapped_file;

/// Whether Linux offers transparent huge pages to this process.
inline bool huge_pages_enabled() noexcept { return zhtext::detail::huge_pages_enabled(); }

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
