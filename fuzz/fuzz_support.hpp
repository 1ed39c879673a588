// fuzz/fuzz_support.hpp - what zhtext's fuzz targets share: the invariant check, a
// reader of structured inputs, the registry of the multi-call fuzz program, and the
// project texts the seed corpora are made from.
//
// Every target is one file, fuzz/<name>.cpp, that registers itself:
//
//   ZHTEXT_FUZZ_TARGET(utf8, "validate/repair/count/... against a reference", seeds_fn) {
//     ... data is a std::string_view of the input ...
//     FUZZ_CHECK(a == b, "what broke, with numbers");
//   }
//
// All targets link into one program, zhtext_fuzz (one compile of zhtext's headers
// instead of one per target); `zhtext_fuzz NAME [libFuzzer options] [corpus dirs]`,
// or a link named zhtext_fuzz_NAME, runs target NAME (see main.cpp and fuzz/README.md).
// The program runs the target once on the empty input at start-up, before libFuzzer
// times inputs (-timeout): a target loads its data (once per process) on that run.
// The targets use zhtext's public headers only, except fuzz_support's restamp_*
// helpers (image checksums, see below).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include <zhtext/normalize.hpp>  // offset_map

namespace zhtext_fuzz {

/// Prints which invariant broke, where and why, then aborts (libFuzzer saves the
/// input as crash-*).
[[noreturn]] inline void fail(const char* file, int line, const char* cond, const std::string& why) {
  std::fprintf(stderr, "\n*** zhtext fuzz: invariant broken at %s:%d\n***   check: %s\n***   %s\n", file, line, cond,
               why.c_str());
  std::fflush(stderr);
  std::abort();
}

/// Checks an invariant; `why` (a std::string expression) is built only on failure.
#define FUZZ_CHECK(cond, why)                                          \
  do {                                                                 \
    if (!(cond)) ::zhtext_fuzz::fail(__FILE__, __LINE__, #cond, why); \
  } while (0)

/// Reads a structured input front to back; past the end it yields zeros and empty
/// views, so every input is a valid one.
class input_reader {
 public:
  explicit input_reader(std::string_view data) noexcept : s_(data) {}
  std::uint8_t byte() noexcept {
    if (s_.empty()) return 0;
    const auto b = static_cast<std::uint8_t>(s_[0]);
    s_.remove_prefix(1);
    return b;
  }
  std::uint16_t u16() noexcept { return static_cast<std::uint16_t>(byte() | (byte() << 8)); }
  std::string_view take(std::size_t n) noexcept {
    const std::string_view out = s_.substr(0, n);
    s_.remove_prefix(out.size());
    return out;
  }
  /// A part preceded by its 16-bit length (little-endian).
  std::string_view part() noexcept { return take(u16()); }
  std::string_view rest() noexcept { return take(s_.size()); }
  bool empty() const noexcept { return s_.empty(); }

 private:
  std::string_view s_;
};

/// A fuzz input split into its first byte (the target's flags; 0 if the input is empty)
/// and the rest: `const auto [flags, text] = zhtext_fuzz::split_flags(data);`.
struct flagged_input {
  std::uint8_t flags;
  std::string_view rest;
};
inline flagged_input split_flags(std::string_view data) noexcept {
  input_reader in(data);
  const std::uint8_t flags = in.byte();
  return {flags, in.rest()};
}

/// Writes what input_reader::part() reads.
inline void append_part(std::string& out, std::string_view part) {
  const std::size_t n = part.size() > 0xFFFF ? 0xFFFF : part.size();
  out += static_cast<char>(n & 0xFF);
  out += static_cast<char>(n >> 8);
  out.append(part.data(), n);
}

/// A deterministic pseudo-random sequence drawn from the input (chunk sizes, sample
/// offsets), so a saved crash input replays the same way.
class input_rng {
 public:
  explicit input_rng(std::string_view data) noexcept {
    for (unsigned char c : data.substr(0, 64)) state_ = (state_ ^ c) * 0x100000001B3ULL;
  }
  std::uint64_t next() noexcept {
    state_ += 0x9E3779B97F4A7C15ULL;
    std::uint64_t z = state_;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  std::size_t below(std::size_t n) noexcept { return n == 0 ? 0 : static_cast<std::size_t>(next() % n); }

 private:
  std::uint64_t state_ = 0xCBF29CE484222325ULL;
};

/// True if `part` is a view inside `whole` (same memory).
inline bool views_into(std::string_view part, std::string_view whole) noexcept {
  const auto p = reinterpret_cast<std::uintptr_t>(part.data()), w = reinterpret_cast<std::uintptr_t>(whole.data());
  return part.empty() ? p >= w && p <= w + whole.size() : p >= w && p + part.size() <= w + whole.size();
}

// ---- offset maps ---------------------------------------------------------------

/// Checks an offset_map from `source` to `out` (normalize, convert): its sizes are the
/// texts' sizes; its pieces tile both texts in order and copy pieces copy; to_source is
/// in range and monotone, covers a range's first byte, maps an empty range to a point
/// and the end of the output to the end of the source. Every byte is probed in short
/// outputs, ~512 sampled ones (positions drawn from the input) in long ones.
inline void check_offset_map(const zhtext::offset_map& map, std::string_view s, std::string_view out) {
  auto at = [](std::size_t o) { return " at output byte " + std::to_string(o); };
  FUZZ_CHECK(map.output_size() == out.size(), "map.output_size() " + std::to_string(map.output_size()) +
                                                  ", output " + std::to_string(out.size()) + " bytes");
  FUZZ_CHECK(map.source_size() == s.size(), "map.source_size() " + std::to_string(map.source_size()) + ", input " +
                                                std::to_string(s.size()) + " bytes");

  std::size_t o = 0, src = 0;
  for (const zhtext::offset_map::piece& p : map.pieces()) {
    FUZZ_CHECK(p.out_begin == o && p.src_begin == src,
               "pieces do not tile: piece at out " + std::to_string(p.out_begin) + " src " + std::to_string(p.src_begin) +
                   ", expected out " + std::to_string(o) + " src " + std::to_string(src));
    if (p.copy)
      FUZZ_CHECK(p.out_size == p.src_size && out.substr(p.out_begin, p.out_size) == s.substr(p.src_begin, p.src_size),
                 "a copy piece changes its bytes" + at(p.out_begin));
    o += p.out_size;
    src += p.src_size;
  }
  FUZZ_CHECK(o == out.size() && src == s.size(), "pieces end at out " + std::to_string(o) + " src " +
                                                     std::to_string(src));

  input_rng rng(s);
  std::size_t last_begin = 0, last_end = 0;
  const std::size_t step = out.size() > 1024 ? out.size() / 512 : 1;
  for (std::size_t b = 0; b < out.size(); b += step == 1 ? 1 : 1 + rng.below(step)) {
    const zhtext::byte_range r = map.to_source(b);
    FUZZ_CHECK(r.begin <= r.end && r.end <= s.size(), "to_source out of range" + at(b));
    FUZZ_CHECK(r.begin >= last_begin && r.end >= last_end, "to_source is not monotone" + at(b));
    last_begin = r.begin;
    last_end = r.end;
    const std::size_t e = b + 1 + rng.below(out.size() - b);
    const zhtext::byte_range whole = map.to_source(b, e);
    FUZZ_CHECK(whole.begin == r.begin && whole.end >= r.end && whole.end <= s.size(),
               "to_source(" + std::to_string(b) + ", " + std::to_string(e) + ") does not cover its first byte's source");
    const zhtext::byte_range empty = map.to_source(b, b);
    FUZZ_CHECK(empty.begin == empty.end && empty.begin == r.begin, "to_source of an empty range" + at(b));
  }
  const zhtext::byte_range tail = map.to_source(out.size(), out.size());
  FUZZ_CHECK(tail.begin == s.size() && tail.end == s.size(), "the end of the output maps to " +
                                                                  std::to_string(tail.begin));
}

// ---- seeds ---------------------------------------------------------------------

/// Texts to seed the corpora from: the project's example text and test data, read
/// from the source tree when seeds are made, and a few lines of the news corpus when
/// it is there (main.cpp; seeds are written to the build directory only).
struct seed_texts {
  std::vector<std::string> lines;       ///< lines of examples/data and tests/data texts
  std::vector<std::string> paragraphs;  ///< the example text's paragraphs, and the whole of it
  std::string sample;                   ///< examples/data/sample_news.txt
  std::string userdict;                 ///< tests/data/segment_userdict.txt
  std::string idf;                      ///< tests/data/keywords_idf.txt
  std::string stop_words;               ///< tests/data/keywords_stop_words.txt
  std::vector<std::string> utf8_cases;  ///< the byte strings of tests/data/utf8_sequences.txt
};

/// A target's seed maker: adds inputs to `out`.
using seed_fn = void (*)(const seed_texts& texts, std::vector<std::string>& out);
using target_fn = void (*)(std::string_view data);

struct target {
  const char* name;
  const char* what;
  target_fn run;
  seed_fn seeds;
};

inline std::vector<target>& targets() {
  static std::vector<target> all;
  return all;
}

struct registrar {
  registrar(const char* name, const char* what, target_fn run, seed_fn seeds) {
    targets().push_back({name, what, run, seeds});
  }
};

#define ZHTEXT_FUZZ_TARGET(name, what, seeds)                                                           \
  static void zhtext_fuzz_run_##name(std::string_view data);                                           \
  static const ::zhtext_fuzz::registrar zhtext_fuzz_registrar_##name(#name, what, zhtext_fuzz_run_##name, \
                                                                     seeds);                           \
  static void zhtext_fuzz_run_##name(std::string_view data)

// ---- images --------------------------------------------------------------------

/// A mutated image almost never keeps a valid checksum, so the checks behind it
/// (section bounds, table invariants) would go unfuzzed. These write the image's
/// size and checksum fields the way zhtext's writers do (the two header layouts,
/// documented in detail/storage/image.hpp and detail/match/image.hpp), so that the bytes the
/// fuzzer chose reach the structural checks. Returns an 8-byte aligned copy.
std::vector<std::uint64_t> restamp_image(std::string_view bytes);        ///< "ZHTXIMG1" images
std::vector<std::uint64_t> restamp_match_image(std::string_view bytes);  ///< "zhtxmatc" images

/// The bytes of an aligned copy made by restamp_*.
inline std::string_view bytes_of(const std::vector<std::uint64_t>& v, std::size_t size) noexcept {
  return std::string_view(reinterpret_cast<const char*>(v.data()), size);
}

}  // namespace zhtext_fuzz
