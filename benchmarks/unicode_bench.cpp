// unicode_bench.cpp - UAX #29 grapheme, word and sentence iteration: zhtext beside
// ICU's BreakIterator in the same program, on the news corpus (mostly CJK) and on a
// mixed Latin/emoji text, each repeated to at least MIN_MB.
//
//   unicode_bench [MIN_MB]      (default 16 MB per text)
//
// zhtext iterates its lazy ranges (zhtext::graphemes / unicode_words /
// unicode_sentences) over the UTF-8 bytes. ICU runs twice: on the same UTF-8 through
// a UText (utext_openUTF8: no copy, what a UTF-8 program would do), and on UTF-16
// converted beforehand (conversion not timed: ICU's native and fastest case). Ratios
// are zhtext ÷ ICU. Times are the best of 5 interleaved rounds, in CPU time of the
// benchmark thread (robust on a busy machine). The program also counts the boundaries each finds
// and prints the difference: grapheme and sentence counts should agree (ICU 72 and
// zhtext both implement Unicode 15.0); ICU's word iterator also runs its CJK
// dictionary, so its word counts on Chinese text differ by design.
#include <array>
#include <cstdio>
#include <ctime>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>
#include <unicode/uversion.h>
#include <zhtext/unicode.hpp>

#include "bench_support.hpp"

namespace {

enum class kind { grapheme, word, sentence };

const char* name_of(kind k) {
  switch (k) {
    case kind::grapheme: return "graphemes";
    case kind::word: return "words";
    case kind::sentence: return "sentences";
  }
  return "?";
}

std::size_t zhtext_count(kind k, const std::string& s) {
  std::size_t n = 0;
  switch (k) {
    case kind::grapheme:
      for (const zhtext::segment& g : zhtext::graphemes(s)) n += g.text.size() != 0;
      break;
    case kind::word:
      for (const zhtext::segment& w : zhtext::unicode_words(s)) n += w.text.size() != 0;
      break;
    case kind::sentence:
      for (const zhtext::segment& x : zhtext::unicode_sentences(s)) n += x.text.size() != 0;
      break;
  }
  return n;  // segments = boundaries after the start
}

std::unique_ptr<icu::BreakIterator> icu_iterator(kind k) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> bi;
  const icu::Locale& root = icu::Locale::getRoot();
  switch (k) {
    case kind::grapheme: bi.reset(icu::BreakIterator::createCharacterInstance(root, status)); break;
    case kind::word: bi.reset(icu::BreakIterator::createWordInstance(root, status)); break;
    case kind::sentence: bi.reset(icu::BreakIterator::createSentenceInstance(root, status)); break;
  }
  if (U_FAILURE(status) || !bi) {
    std::fprintf(stderr, "unicode_bench: ICU break iterator: %s\n", u_errorName(status));
    std::exit(1);
  }
  return bi;
}

std::size_t icu_count_boundaries(icu::BreakIterator& bi) {
  std::size_t n = 0;
  bi.first();
  while (bi.next() != icu::BreakIterator::DONE) ++n;
  return n;  // boundaries after the start
}

std::size_t icu_count_utf8(icu::BreakIterator& bi, const std::string& s) {
  UErrorCode status = U_ZERO_ERROR;
  UText* ut = utext_openUTF8(nullptr, s.data(), static_cast<int64_t>(s.size()), &status);
  bi.setText(ut, status);
  const std::size_t n = U_SUCCESS(status) ? icu_count_boundaries(bi) : 0;
  utext_close(ut);
  return n;
}

std::size_t icu_count_utf16(icu::BreakIterator& bi, const icu::UnicodeString& s) {
  bi.setText(s);
  return icu_count_boundaries(bi);
}

struct input {
  const char* name;
  std::string text;
};

// CPU time of this thread: on a shared, busy machine it leaves out the time the
// thread waits for a core, which wall time would add to whichever run was unlucky.
double thread_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// Runs the functions in turn, `rounds` times after one warm-up round, and returns the
// best time of each: interleaving spreads any disturbance over all contenders.
template <std::size_t N>
std::array<double, N> best_interleaved(int rounds, const std::array<std::function<void()>, N>& fs) {
  std::array<double, N> best;
  best.fill(1e300);
  for (int r = -1; r < rounds; ++r) {
    for (std::size_t k = 0; k < N; ++k) {
      const double t0 = thread_seconds();
      fs[k]();
      const double t = thread_seconds() - t0;
      if (r >= 0 && t < best[k]) best[k] = t;
    }
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t min_bytes = (argc > 1 ? std::stoul(argv[1]) : 16) << 20;
  const std::string corpus = bench::corpus_text_or_exit("unicode_bench");
  // Written for this benchmark: Latin prose with accents, abbreviations, numbers,
  // quotes, emoji with skin tones, ZWJ families, flags, and a little CJK.
  const std::string mixed_paragraph =
      "The quick brown fox 🦊 jumps over the lazy dog. Dr. Smith's café serves crème brûlée "
      "at 3.50 € — isn't that naïve? \"Yes!\" she said 👍🏽. The family 👨‍👩‍👧‍👦 flew from 🇨🇳 to 🇺🇸 "
      "on 2020-01-24 (flight CA981)... Then: e-mail me at test@example.com! ❤️🎉 Über-cool "
      "résumé, Ελληνικά and русский text; 中文混排 works too. ";
  const std::vector<input> inputs = {
      {"news corpus (CJK)", bench::repeat_to(corpus, min_bytes)},
      {"mixed Latin/emoji", bench::repeat_to(mixed_paragraph, min_bytes)},
  };

  std::printf("ICU %s (Unicode %s) vs zhtext (Unicode %s)\n\n", U_ICU_VERSION, U_UNICODE_VERSION,
              zhtext::unicode_version());
  std::printf("| text | MB | unit | zhtext | ICU UTF-8 (UText) | ratio | ICU UTF-16 | ratio | segments zhtext | ICU | diff |\n");
  std::printf("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  bool mismatch = false;
  for (const input& in : inputs) {
    const std::string& s = in.text;
    const icu::UnicodeString s16 = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
    for (kind k : {kind::grapheme, kind::word, kind::sentence}) {
      auto bi = icu_iterator(k);
      std::size_t nz = 0, n8 = 0, n16 = 0;
      const int rounds = k == kind::word ? 3 : 5;  // ICU's dictionary word breaking is slow
      const auto t = best_interleaved<3>(rounds, {[&] { nz = zhtext_count(k, s); }, [&] { n8 = icu_count_utf8(*bi, s); },
                                             [&] { n16 = icu_count_utf16(*bi, s16); }});
      const double tz = t[0], t8 = t[1], t16 = t[2];
      bench::keep(nz);
      const double z = bench::mb_per_s(s.size(), tz), u8 = bench::mb_per_s(s.size(), t8),
                   u16 = bench::mb_per_s(s.size(), t16);
      if (n8 != n16) std::fprintf(stderr, "unicode_bench: ICU UTF-8 and UTF-16 disagree (%zu vs %zu)\n", n8, n16);
      const long long diff = static_cast<long long>(nz) - static_cast<long long>(n8);
      if (diff != 0 && k != kind::word) mismatch = true;
      std::printf("| %s | %.0f | %s | %.0f MB/s | %.0f MB/s | %.1f× | %.0f MB/s | %.1f× | %zu | %zu | %+lld |\n",
                  in.name, s.size() / 1e6, name_of(k), z, u8, z / u8, u16, z / u16, nz, n8, diff);
      std::fflush(stdout);
    }
  }
  if (mismatch) std::printf("\nNote: grapheme or sentence counts differ from ICU (see the diff column).\n");
  return 0;
}
