// zhtext/match.hpp - many literal patterns at once: a character-wise Aho-Corasick
// automaton for sensitive-word filters, name lists and dictionaries.
//
// Build once (patterns + ids + optional payloads), then match any number of texts
// from any number of threads. Matches are byte offsets into your text; folding (ASCII
// case, full-width forms) and ignorable characters ("党 员", "党*员" still match 党员)
// are compiled into the automaton, so the text is never copied. Three match kinds:
// every overlapping match, leftmost-longest and leftmost-first (pattern order).
//
//   zhtext::matcher_builder b({/*fold_case*/ true, /*fold_width*/ true, /*ignorable*/ " *"});
//   b.add("党员", 7).value();          // returns the pattern's index; errors: bad UTF-8, empty
//   b.add("疫情防控", 8).value();
//   b.add_file("words.txt").value();   // one pattern per line, id = line - 1; "FILE:LINE: ..." errors
//   zhtext::matcher m = b.build().value();
//   for (const zhtext::match& x : m.matches(text))           // lazy, all overlapping matches
//     std::cout << x.begin << ' ' << x.end << ' ' << x.id << '\n';
//   std::string clean = m.mask(text, U'*');                 // 党员 -> **
//   auto words = m.match_vector(text, zhtext::match_kind::leftmost_longest,
//                               zhtext::word_aligned(token_offsets));  // only whole tokens
//   m.for_each_match(text, [](const zhtext::match& x) { ... });         // callback, no allocation
//   if (!m.save_image("words.zhm")) ...;                      // later: load_image (mmap)
//   auto again = zhtext::matcher::load_image("words.zhm");   // result<matcher>
//
// Design and measurements: detail/match/build.hpp (structure), detail/match/scan.hpp
// (loops), benchmarks/README.md (speed against Vectorscan).
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "detail/match/build.hpp"
#include "detail/match/image.hpp"
#include "detail/storage/compiled_image.hpp"
#include "detail/storage/mapped_file.hpp"
#include "match_results.hpp"
#include "result.hpp"
#include "utf8.hpp"

namespace zhtext {

/// Compile-time options of a matcher; they apply to patterns and text alike.
struct match_options {
  bool fold_case = false;       ///< ASCII letters match in either case
  bool fold_width = false;      ///< full-width ASCII forms (Ａ，１！) match ASCII; U+3000 matches a space
  std::string ignorable;        ///< UTF-8 characters skipped between pattern characters in the text
                                ///< (and removed from patterns), e.g. " *·\u200B"
  bool reject_duplicates = false;  ///< add() fails on a pattern equal (after folding) to an earlier one;
                                   ///< by default the later one is kept but never reported
  /// Memory budget of a matcher_builder, in bytes, like RE2's max_mem: its copy of the
  /// patterns plus what build() allocates (working arrays and the image; the matcher
  /// keeps the image). add() or build() past it fail with errc::limit_exceeded instead
  /// of growing without bound. An estimate from the sizes of the tables, checked before
  /// each large allocation (measured on jieba's 349,046 words: 219 MiB estimated, 218 MB
  /// peak RSS of the whole program). The default, 1 GiB, builds well over a million
  /// dictionary words.
  std::size_t max_mem = std::size_t{1} << 30;
};

/// A pattern list compiled into an automaton. Immutable; share it between threads.
/// Movable, not copyable; ranges and streams made from it must not outlive its image
/// (moving the matcher keeps the image where it is).
class matcher : public detail::compiled_image<matcher> {
 public:
  /// An empty matcher: matches nothing.
  matcher() { (void)adopt_built(detail::compile_matcher({}, {})); }
  matcher(matcher&&) noexcept = default;
  matcher& operator=(matcher&&) noexcept = default;

  /// Number of patterns added (including never-reported duplicates).
  std::size_t size() const noexcept { return t_.params.pattern_count; }
  /// Pattern `i` as it was added, its id and payload. Precondition i < size().
  std::string_view pattern(std::uint32_t i) const noexcept { return t_.pattern_text(i); }
  std::uint32_t id(std::uint32_t i) const noexcept { return t_.patterns[i].id; }
  std::string_view payload(std::uint32_t i) const noexcept { return t_.payload(i); }
  /// Index of the earlier pattern that `i` duplicates (after folding), or -1.
  std::int64_t duplicate_of(std::uint32_t i) const noexcept {
    const std::uint32_t d = t_.patterns[i].duplicate_of;
    return d == detail::match_none ? -1 : static_cast<std::int64_t>(d);
  }
  /// The folding options the automaton was built with (reject_duplicates is not kept).
  match_options options() const {
    match_options o;
    o.fold_case = (t_.params.flags & detail::image_fold_case) != 0;
    o.fold_width = (t_.params.flags & detail::image_fold_width) != 0;
    for (std::uint64_t i = 0; i < t_.params.ignorable_count; ++i) append_utf8(o.ignorable, t_.ignorables[i]);
    return o;
  }

  /// Calls `f(const match&)` for each match, in order (overlapping: by end, then
  /// start; leftmost kinds: left to right). `f` may return bool: false stops. With
  /// `accept(begin, end) -> bool` (e.g. word_aligned(...)) only accepted matches count,
  /// also for the leftmost choice. O(n + matches), no allocation per match.
  template <class F, class Accept = detail::accept_all>
  void for_each_match(std::string_view text, F&& f, match_kind kind = match_kind::overlapping,
                      Accept accept = {}) const {
    detail::match_driver<Accept> d(t_, kind, std::move(accept));
    const auto* p = detail::bytes(text);
    bool go_on = true;
    auto out = [&](const match& m) {
      if constexpr (std::is_same_v<decltype(f(m)), bool>) go_on = go_on && f(m);
      else if (go_on) f(m);
      return go_on;
    };
    d.run(p, p, p + text.size(), 0, out);
    if (go_on) d.finish(out);
  }

  /// All matches as a vector (see for_each_match).
  template <class Accept = detail::accept_all>
  std::vector<match> match_vector(std::string_view text, match_kind kind = match_kind::overlapping,
                              Accept accept = {}) const {
    std::vector<match> v;
    for_each_match(text, [&](const match& m) { v.push_back(m); }, kind, std::move(accept));
    return v;
  }

  /// The matches as a lazy input range; scans only as far as you iterate. Holds a
  /// view of `text`, which must outlive it (a temporary std::string does not compile).
  template <class Accept = detail::accept_all>
  match_range<Accept> matches(std::string_view text, match_kind kind = match_kind::overlapping,
                              Accept accept = {}) const {
    return match_range<Accept>(detail::match_cursor<Accept>(t_, text, kind, std::move(accept)));
  }
  template <class S, detail::if_temporary_string<S> = 0, class... Rest>
  void matches(S&&, Rest&&...) const = delete;

  /// True if any pattern occurs in `text` (stops at the first match).
  template <class Accept = detail::accept_all>
  bool contains_any(std::string_view text, Accept accept = {}) const {
    bool found = false;
    for_each_match(text, [&](const match&) { return !(found = true); }, match_kind::overlapping, std::move(accept));
    return found;
  }

  /// `text` with every code point of every match replaced by `mask_char` (one
  /// mask per code point, ignorables inside a match included). With the overlapping
  /// kind the union of all matches is masked.
  template <class Accept = detail::accept_all>
  std::string mask(std::string_view text, char32_t mask_char = U'*', match_kind kind = match_kind::leftmost_longest,
                   Accept accept = {}) const {
    std::string out;
    out.reserve(text.size());
    for_each_masked(text, [&](std::string_view piece) { out += piece; }, mask_char, kind, std::move(accept));
    return out;
  }

  /// mask() as a callback: calls `f(std::string_view)` with consecutive pieces of the
  /// masked text (each at most 64 KiB, plus one mask character), which together are
  /// mask(text, mask_char, kind, accept). Memory does not grow with the text: it holds
  /// the masked spans within the longest pattern's reach (all of them for a matcher
  /// with ignorable characters, whose matches have no length bound).
  template <class F, class Accept = detail::accept_all>
  void for_each_masked(std::string_view text, F&& f, char32_t mask_char = U'*',
                       match_kind kind = match_kind::leftmost_longest, Accept accept = {}) const {
    std::string m;
    append_utf8(m, mask_char);
    // No match is longer than this many bytes (a folded code point may take up to 4).
    const std::size_t window = (t_.params.flags & detail::image_ignorables) != 0 ? std::string_view::npos
                               : t_.byte_exact() ? std::size_t(t_.params.max_bytes)
                                                 : std::size_t(t_.params.max_chars) * 4;
    detail::mask_writer<F> w(text, m, window, f);
    for_each_match(text, [&](const match& x) { w.add(x); }, kind, std::move(accept));
    w.finish();
  }

  /// `text` with each match replaced by `replacement(const match&)` (anything
  /// convertible to std::string_view). Matches never overlap: the overlapping kind is
  /// read as leftmost-longest.
  template <class F, class Accept = detail::accept_all>
  std::string replace(std::string_view text, F&& replacement, match_kind kind = match_kind::leftmost_longest,
                      Accept accept = {}) const {
    if (kind == match_kind::overlapping) kind = match_kind::leftmost_longest;
    const std::vector<match> v = match_vector(text, kind, std::move(accept));
    return detail::rewrite(text, v, [&](const match& x, std::string& out) {
      out += std::string_view(replacement(x));
    });
  }

  /// A stream: feed text in chunks of any size (even splitting a UTF-8 sequence) and
  /// get exactly the matches of the whole text, with offsets into the whole stream.
  template <class Accept = detail::accept_all>
  match_stream<Accept> stream(match_kind kind = match_kind::overlapping, Accept accept = {}) const {
    return match_stream<Accept>(t_, kind, std::move(accept));
  }

  // The automaton is its image, a compiled model like the dictionary's
  // (detail/storage/compiled_image.hpp): image() is the serialised automaton;
  // save_image(path) writes it; from_image(bytes) (copied), from_image_in_place(bytes)
  // (zero copy, 8-byte aligned) and load_image(path) (mmap) read one back, checking
  // every byte: a damaged or crafted image is errc::corrupt_data, never a crash.

  /// Bytes of memory the automaton uses (its image).
  std::size_t memory_usage() const noexcept { return image().size(); }

 private:
  friend class detail::compiled_image<matcher>;
  friend class matcher_builder;

  explicit matcher(detail::image_tag) noexcept {}

  result<void> adopt_image(std::string_view bytes, const std::string& name, bool built) {
    auto t = detail::read_match_image(bytes, /*trusted*/ built);
    if (!t) return make_error(t.error().code, name + ": " + t.error().message);
    t_ = *t;
    return {};
  }

  detail::match_tables t_;
};

/// Collects patterns and compiles them into a matcher. Not thread-safe; build() does
/// not consume the builder, so you can add more and build again.
class matcher_builder {
 public:
  explicit matcher_builder(match_options options = {}) : options_(std::move(options)) {
    const auto v = validate_utf8(options_.ignorable);
    if (!v.ok)
      error_ = make_error(errc::invalid_utf8, "ignorable characters: invalid UTF-8 at byte " +
                                                  std::to_string(v.offset) + " (" + to_string(v.kind) + ")");
    std::u32string ignorable;
    for (const code_point& cp : code_points(options_.ignorable)) {
      const char32_t f = detail::match_fold(cp.value, options_.fold_case, options_.fold_width);
      if (ignorable.find(f) == std::u32string::npos) ignorable += f;
    }
    patterns_ = detail::match_pattern_list(options_.fold_case, options_.fold_width, std::move(ignorable));
  }

  /// Adds `pattern` (UTF-8) with a user `id` and optional `payload` (any bytes);
  /// returns its index (0, 1, 2, ... in add order). Errors (the pattern is not added):
  /// errc::invalid_utf8 with the byte offset, errc::invalid_argument for an empty
  /// pattern, one made only of ignorable characters, or a duplicate when
  /// reject_duplicates is set. Messages start with "pattern N".
  result<std::uint32_t> add(std::string_view pattern, std::uint32_t id, std::string_view payload = {}) {
    const std::uint32_t index = static_cast<std::uint32_t>(patterns_.size());
    auto who = [&] { return "pattern " + std::to_string(index); };
    if (!error_.message.empty()) return error_;
    if (patterns_.size() >= 0xFFFFFFF0u) return make_error(errc::limit_exceeded, who() + ": too many patterns");
    const auto v = validate_utf8(pattern);
    if (!v.ok)
      return make_error(errc::invalid_utf8, who() + ": invalid UTF-8 at byte " + std::to_string(v.offset) + " (" +
                                                to_string(v.kind) + ")");
    if (pattern.empty()) return make_error(errc::invalid_argument, who() + " is empty");
    // The folded form is counted, never held (a 50 MiB line: 420 MB at 4 bytes a character).
    std::size_t folded_size = 0;
    patterns_.for_each_folded(pattern, [&](char32_t) { ++folded_size; });
    if (folded_size == 0) return make_error(errc::invalid_argument, who() + " has only ignorable characters");
    if (pattern.size() > 0xFFFFFFF0u || payload.size() > 0xFFFFFFF0u || folded_size > (1u << 24))
      return make_error(errc::limit_exceeded, who() + " is too long");
    // Exactly what the list will hold with it, checked before it is allocated.
    if (patterns_.bytes_after(pattern.size(), payload.size(), id) > options_.max_mem)
      return make_error(errc::limit_exceeded, who() + ": the patterns need more than max_mem (" +
                                                  std::to_string(options_.max_mem) + " bytes)");
    const std::uint32_t earlier = patterns_.add(pattern, id, payload, !options_.reject_duplicates);
    if (earlier != detail::match_none && options_.reject_duplicates)
      return make_error(errc::invalid_argument, who() + " duplicates pattern " + std::to_string(earlier));
    return index;
  }
  /// Adds `pattern` with id = its index.
  result<std::uint32_t> add(std::string_view pattern) {
    return add(pattern, static_cast<std::uint32_t>(patterns_.size()));
  }

  /// Adds the patterns of a file: UTF-8, one pattern per line ("\n"; a trailing CR and a
  /// BOM at the start are dropped), each with id = its 0-based line number in the file,
  /// no payload. Returns how many were added. Errors, all or nothing (the builder is as
  /// it was): the file's (errc::not_found, errc::io_error, naming the path) and the
  /// first bad line's, as "PATH:LINE: what" with add()'s codes (an empty line is "empty
  /// pattern"). Duplicates are kept as add() keeps them (see duplicates()).
  result<std::size_t> add_file(const std::string& path) {
    auto f = detail::mapped_file::open(path);
    if (!f) return f.error();
    std::string_view rest = f->bytes();
    if (rest.substr(0, 3) == "\xEF\xBB\xBF") rest.remove_prefix(3);
    const std::size_t before = patterns_.size();
    for (std::size_t line = 1; !rest.empty(); ++line) {
      const std::size_t nl = rest.find('\n');
      std::string_view pattern = rest.substr(0, nl);
      rest.remove_prefix(nl == std::string_view::npos ? rest.size() : nl + 1);
      if (!pattern.empty() && pattern.back() == '\r') pattern.remove_suffix(1);
      const std::size_t index = patterns_.size();
      const auto r = add(pattern, static_cast<std::uint32_t>(line - 1));
      if (r) {
        if ((line & 0xFFFF) == 0) f->discard_before(static_cast<std::size_t>(rest.data() - f->data()));  // (copied)
        continue;
      }
      patterns_.truncate(before);
      // add() says "pattern N ..."; in a file the line is what the reader sees.
      std::string what = r.error().message;
      const std::string prefix = "pattern " + std::to_string(index);
      if (what.compare(0, prefix.size(), prefix) == 0) what.erase(0, prefix.size());
      if (what == " is empty") what = "empty pattern";
      else if (what.compare(0, 2, ": ") == 0) what.erase(0, 2);
      else if (!what.empty() && what[0] == ' ') what = "pattern" + what;
      return make_error(r.error().code, path + ":" + std::to_string(line) + ": " + what);
    }
    return patterns_.size() - before;
  }

  /// Patterns added so far.
  std::size_t size() const noexcept { return patterns_.size(); }
  /// (later, earlier) index pairs of patterns equal after folding; the later is never reported.
  const std::vector<std::pair<std::uint32_t, std::uint32_t>>& duplicates() const noexcept {
    return patterns_.duplicates();
  }

  /// Compiles the automaton. Cost: see detail/match/build.hpp. Errors: the builder's
  /// option error (invalid UTF-8 in `ignorable`), errc::limit_exceeded (too large, or
  /// the build would pass match_options::max_mem: it stops early, message says how much).
  result<matcher> build() const {
    if (!error_.message.empty()) return error_;
    std::size_t total = 0;
    for (std::size_t i = 0; i < patterns_.size() && total <= 0x3FFFFFFFu; ++i)
      patterns_.for_each_folded(patterns_.text(i), [&](char32_t) { ++total; });
    if (total > 0x3FFFFFFFu) return make_error(errc::limit_exceeded, "patterns too large for one automaton");
    detail::match_build_options o;
    o.fold_case = options_.fold_case;
    o.fold_width = options_.fold_width;
    o.ignorable = patterns_.ignorable();
    o.inherit_limit = inherit_limit_;
    o.prefilter = prefilter_;
    const std::size_t stored = patterns_.memory_bytes();
    o.max_mem = options_.max_mem - std::min(options_.max_mem, stored);
    detail::match_build_stats stats;
    detail::aligned_bytes image = detail::compile_matcher(patterns_, o, &stats);
    if (stats.over_budget)
      return make_error(errc::limit_exceeded,
                        "matcher build: " + std::to_string(patterns_.size()) + " patterns need more than " +
                            detail::match_mebibytes(stored + stats.peak_bytes) + " (" +
                            (stats.states_at_least ? "at least " : "") + std::to_string(stats.states) +
                            " automaton states), over max_mem (" +
                            std::to_string(options_.max_mem) + " bytes)");
    return matcher::from_built(std::move(image));
  }

  /// Tuning knobs, for benchmarks and tests: the DFA-completion budget per state and
  /// whether the prefilter may be used. The defaults were chosen by measurement.
  void set_tuning(std::uint32_t inherit_limit, bool prefilter) noexcept {
    inherit_limit_ = inherit_limit;
    prefilter_ = prefilter;
  }

 private:
  match_options options_;
  zhtext::error error_{errc::invalid_argument, ""};
  detail::match_pattern_list patterns_;  // with the folded ignorable characters
  std::uint32_t inherit_limit_ = 16;
  bool prefilter_ = true;
};

}  // namespace zhtext
