// utf8_simd_test.cpp - the SIMD validation kernels (zhtext/detail/unicode/utf8_simd.hpp)
// against the scalar scan and utfcpp: the lookup tables on every byte pair, the
// kernels' block reports, and validate/count/repair through every kernel on inputs
// with errors at every offset around the 16/32/64-byte block boundaries.
//
// Inputs are copied into heap buffers of exactly their size, so the sanitizer build
// catches any read before or past them.
#include <catch2/catch.hpp>

#include <memory>
#include <random>
#include <vector>

#include <utf8.h>  // utfcpp, the reference these tests compare with
#include <zhtext/utf8.hpp>

#include "test_support.hpp"

using zhtext::utf8_errc;
using zhtext::detail::utf8_kernel;
using zhtext::detail::utf8_kernel_name;

namespace {

/// The kernels this CPU runs, scalar first.
std::vector<utf8_kernel> kernels() {
  std::vector<utf8_kernel> ks;
  for (utf8_kernel k : {utf8_kernel::scalar, utf8_kernel::ssse3, utf8_kernel::avx2})
    if (zhtext::detail::utf8_kernel_supported(k)) ks.push_back(k);
  return ks;
}

/// The SIMD kernels this CPU runs.
std::vector<utf8_kernel> simd_kernels() {
  std::vector<utf8_kernel> ks = kernels();
  ks.erase(ks.begin());
  return ks;
}

/// A heap copy of exactly s.size() bytes (ASan sees any read outside it).
class exact_copy {
 public:
  explicit exact_copy(const std::string& s) : data_(new char[s.size()]), size_(s.size()) {
    if (!s.empty()) std::memcpy(data_.get(), s.data(), s.size());
  }
  std::string_view view() const { return {data_.get(), size_}; }
  const unsigned char* bytes() const { return reinterpret_cast<const unsigned char*>(data_.get()); }

 private:
  std::unique_ptr<char[]> data_;
  std::size_t size_;
};

std::size_t non_continuation_bytes(std::string_view s, std::size_t from, std::size_t to) {
  std::size_t k = 0;
  for (std::size_t j = from; j < to; ++j) k += (static_cast<unsigned char>(s[j]) & 0xC0) != 0x80;
  return k;
}

/// Checks every kernel against the scalar one (and utfcpp) on `s`; returns the
/// scalar validation.
zhtext::utf8_validation check_all_kernels(const std::string& s) {
  const exact_copy copy(s);
  const std::string_view v = copy.view();
  const zhtext::utf8_validation ref = zhtext::detail::validate_utf8_using(utf8_kernel::scalar, v);
  const std::size_t ref_count = zhtext::detail::count_code_points_using(utf8_kernel::scalar, v);
  const std::string ref_repair = zhtext::detail::repair_utf8_using(utf8_kernel::scalar, v);
  // The scalar path agrees with utfcpp.
  REQUIRE(utf8::is_valid(s.begin(), s.end()) == ref.ok);
  REQUIRE(static_cast<std::size_t>(utf8::find_invalid(s.begin(), s.end()) - s.begin()) == ref.offset);
  if (ref.ok) REQUIRE(static_cast<std::size_t>(utf8::distance(s.begin(), s.end())) == ref_count);
  for (utf8_kernel k : simd_kernels()) {
    INFO("kernel " << utf8_kernel_name(k));
    const zhtext::utf8_validation got = zhtext::detail::validate_utf8_using(k, v);
    REQUIRE(got.ok == ref.ok);
    REQUIRE(got.offset == ref.offset);
    REQUIRE(got.length == ref.length);
    REQUIRE(got.kind == ref.kind);
    REQUIRE(zhtext::detail::count_code_points_using(k, v) == ref_count);
    REQUIRE(zhtext::detail::repair_utf8_using(k, v) == ref_repair);
  }
  // The public functions (the best kernel, with the short-input shortcut).
  const zhtext::utf8_validation pub = zhtext::validate_utf8(v);
  REQUIRE(pub.ok == ref.ok);
  REQUIRE(pub.offset == ref.offset);
  REQUIRE(pub.kind == ref.kind);
  REQUIRE(zhtext::count_code_points(v) == ref_count);
  REQUIRE(zhtext::repair_utf8(v) == ref_repair);
  return ref;
}

/// Checks the raw kernels on s[i, n): the block they report must hold the first
/// error's detection point (its bytes e..e+3, or the end of input for a sequence cut
/// off there), and the count must be the characters before it.
void check_kernel_blocks(const std::string& s, std::size_t i) {
  const exact_copy copy(s);
  const std::size_t n = s.size();
  std::size_t ref_count = 0;
  const std::size_t e = zhtext::detail::scan_valid(copy.bytes(), n, i, ref_count);
  for (utf8_kernel k : simd_kernels()) {
    INFO("kernel " << utf8_kernel_name(k) << ", size " << n << ", from " << i << ", first error at " << e);
    std::size_t count = 0, plain = 0;
    const std::size_t bad = zhtext::detail::utf8_first_bad_block<true>(k, copy.bytes(), n, i, count);
    REQUIRE(zhtext::detail::utf8_first_bad_block<false>(k, copy.bytes(), n, i, plain) == bad);
    CHECK(plain == 0);
    if (e == n) {
      REQUIRE(bad == zhtext::detail::utf8_no_error);
      REQUIRE(count == ref_count);
      continue;
    }
    REQUIRE(bad != zhtext::detail::utf8_no_error);
    REQUIRE(count == non_continuation_bytes(copy.view(), i, bad));
    const std::size_t block = zhtext::detail::utf8_simd_block;
    const auto block_of = [&](std::size_t p) { return i + (p - i) / block * block; };
    if (bad == n) {  // ends inside a sequence
      const zhtext::decoded d = zhtext::detail::decode_at(copy.bytes() + e, copy.bytes() + n);
      REQUIRE(d.error == utf8_errc::truncated);
      REQUIRE(e + d.size == n);
    } else {
      REQUIRE((bad - i) % block == 0);
      REQUIRE(bad >= block_of(e));
      REQUIRE(bad <= block_of(std::min(e + 3, n - 1)));
    }
  }
}

/// Valid pieces of every length, and ill-formed ones of every kind.
const std::vector<std::string> valid_pieces = {
    "a", " ", "\n", "7", "\xC3\xA9", "\xD0\x96", "\xE4\xB8\xAD", "\xE3\x80\x82", "\xEF\xBC\x8C",
    "\xE0\xA0\x80", "\xED\x9F\xBF", "\xEE\x80\x80", "\xF0\x9F\x98\x80", "\xF0\x90\x80\x80", "\xF4\x8F\xBF\xBF"};
const std::vector<std::string> bad_pieces = {
    "\x80", "\xBF", "\xC0\x80", "\xC1\xBF", "\xE0\x80\x80", "\xE0\x9F\xBF", "\xED\xA0\x80", "\xED\xBF\xBF",
    "\xF0\x80\x80\x80", "\xF0\x8F\xBF\xBF", "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xF8", "\xFF",
    "\xC3", "\xE4\xB8", "\xE4", "\xF0\x9F\x98", "\xF0\x9F", "\xF0", "\xE4\xB8\xAD\xAD", "\xC3\xA9\x80\x80"};

std::string random_valid(std::mt19937_64& rng, std::size_t min_size) {
  std::string s;
  while (s.size() < min_size) s += valid_pieces[rng() % valid_pieces.size()];
  return s;
}

utf8_errc kind_from_name(const std::string& n) {
  if (n == "truncated") return utf8_errc::truncated;
  if (n == "overlong") return utf8_errc::overlong;
  if (n == "surrogate") return utf8_errc::surrogate;
  if (n == "too_large") return utf8_errc::too_large;
  if (n == "stray_continuation") return utf8_errc::stray_continuation;
  if (n == "invalid_byte") return utf8_errc::invalid_byte;
  return utf8_errc::ok;
}

}  // namespace

TEST_CASE("the kernels this CPU runs", "[utf8][simd]") {
  const std::vector<utf8_kernel> ks = kernels();
  std::string list;
  for (utf8_kernel k : ks) list += std::string(" ") + utf8_kernel_name(k);
  WARN("UTF-8 kernels tested:" << list << "; public functions use " << utf8_kernel_name(zhtext::detail::best_utf8_kernel()));
  CHECK(zhtext::detail::utf8_kernel_supported(zhtext::detail::best_utf8_kernel()));
  CHECK(zhtext::detail::best_utf8_kernel() == ks.back());
#if defined(ZHTEXT_X86_SIMD) && defined(__x86_64__)
  // Every x86-64 CPU of the last decade has SSSE3 and POPCNT; without them these tests
  // would check the scalar path only, so say so by failing.
  CHECK(ks.size() >= 2);
#endif
}

TEST_CASE("the nibble tables flag exactly the byte pairs that never occur in UTF-8", "[utf8][simd]") {
  // Oracle: a pair (a, b) occurs in well-formed UTF-8 iff some context P a b S is
  // valid, with P up to three bytes before a and S up to three continuation bytes.
  // A byte b that never occurs (C0, C1, F5..FF) is judged like any lead byte (C2)
  // here: it is caught by the pair it starts, or by the end-of-input check.
  const std::vector<std::string> before = {"", "\xC2", "\xE1", "\xE1\x80", "\xF1", "\xF1\x80", "\xF1\x80\x80"};
  const std::vector<std::string> after = {"", "\x80", "\x80\x80", "\x80\x80\x80", "\xA0\x80", "\x90\x80\x80"};
  int flagged = 0;
  for (int a = 0; a < 256; ++a)
    for (int b = 0; b < 256; ++b) {
      const int lead_like = b == 0xC0 || b == 0xC1 || b >= 0xF5 ? 0xC2 : b;
      bool occurs = false;
      for (const std::string& p : before)
        for (const std::string& q : after)
          occurs = occurs || zhtext::detail::validate_utf8_using(utf8_kernel::scalar,
                                                                 p + char(a) + char(lead_like) + q)
                                 .ok;
      const std::uint8_t cls = zhtext::detail::pair_class(static_cast<unsigned char>(a), static_cast<unsigned char>(b));
      const bool both_continuations = (a & 0xC0) == 0x80 && (b & 0xC0) == 0x80;
      INFO("pair " << a << " " << b);
      REQUIRE(((cls & ~zhtext::detail::two_continuations_bit) == 0) == occurs);
      REQUIRE(((cls & zhtext::detail::two_continuations_bit) != 0) == both_continuations);
      flagged += !occurs;
    }
  CHECK(flagged > 128 * 64 + 64 * 192);  // at least ASCII + continuation, lead + non-continuation
}

TEST_CASE("kernels report the block of the first error, from any start", "[utf8][simd]") {
  std::mt19937_64 rng(2024);
  for (std::size_t len = 0; len <= 300; ++len)
    for (int rep = 0; rep < 12; ++rep) {
      std::string s = random_valid(rng, len);
      s.resize(len);  // may cut the last character: an error at the end
      if (rep % 3 != 0 && len > 0) {
        const std::string& bad = bad_pieces[rng() % bad_pieces.size()];
        s.replace(rng() % len, std::min(bad.size(), len), bad);
        s.resize(len);
      }
      check_kernel_blocks(s, 0);
      if (len > 5) check_kernel_blocks(s, rng() % 5);  // an arbitrary start: a boundary or not
    }
}

TEST_CASE("every kernel equals the scalar scan on random text, lengths 0..300", "[utf8][simd]") {
  std::mt19937_64 rng(7);
  int invalid = 0;
  for (std::size_t len = 0; len <= 300; ++len)
    for (int rep = 0; rep < 20; ++rep) {
      std::string s = random_valid(rng, len);
      const int errors = rep % 4;  // 0..3 ill-formed pieces at random places
      for (int k = 0; k < errors && !s.empty(); ++k) {
        const std::string& bad = bad_pieces[rng() % bad_pieces.size()];
        s.insert(rng() % (s.size() + 1), bad);
      }
      if (rep % 5 == 4 && !s.empty()) s.resize(s.size() - 1 - rng() % std::min<std::size_t>(s.size(), 3));
      invalid += !check_all_kernels(s).ok;
    }
  CHECK(invalid > 3000);
}

TEST_CASE("an error at every offset around the block boundaries", "[utf8][simd]") {
  // Before the error: ASCII, CJK or emoji runs, so multi-byte characters straddle
  // every 16/32/64-byte boundary; the error at every offset 0..200; then more text
  // or the end of input (truncated sequences at the very end).
  const std::vector<std::string> fills = {"a", "\xE4\xB8\xAD", "\xF0\x9F\x98\x80", "\xC3\xA9"};
  int checked = 0;
  for (const std::string& fill : fills)
    for (std::size_t at = 0; at <= 200; ++at) {
      std::string prefix;
      while (prefix.size() + fill.size() <= at) prefix += fill;
      prefix.append(at - prefix.size(), 'x');  // exactly `at` bytes
      for (const std::string& bad : bad_pieces)
        for (const char* tail : {"", "\xE4\xB8\xAD\xE6\x96\x87 tail text, long enough to fill a block. \xE3\x80\x82"}) {
          const std::string s = prefix + bad + tail;
          const zhtext::utf8_validation v = check_all_kernels(s);
          INFO("fill " << fill.size() << " offset " << at << " bad piece of " << bad.size());
          REQUIRE_FALSE(v.ok);
          // The error is at the piece (or at its third byte for E4 B8 AD AD etc.).
          REQUIRE(v.offset >= at);
          REQUIRE(v.offset < at + bad.size());
          ++checked;
        }
      // A valid character straddling each boundary, truncated at the end by one byte.
      const std::string whole = prefix + fill + "\xF0\x9F\x98\x80";
      check_all_kernels(whole);
      check_all_kernels(whole.substr(0, whole.size() - 1));
    }
  CHECK(checked == static_cast<int>(fills.size() * 201 * bad_pieces.size() * 2));
}

TEST_CASE("the sequence table through every kernel at every block offset", "[utf8][simd]") {
  int cases = 0;
  for (const std::vector<std::string>& col : zhtext_test::data_table("utf8_sequences.txt")) {
    REQUIRE(col.size() == 4);
    const std::string input = zhtext_test::from_hex(col[0]);
    const bool valid = col[1] == "valid";
    for (std::size_t pad = 0; pad < 140; ++pad) {
      std::string prefix(pad % 3, 'a');  // then CJK: 新新新...
      while (prefix.size() < pad) prefix += "\xE6\x96\xB0";
      REQUIRE(prefix.size() == pad);
      for (const std::string& s : {prefix + input, prefix + input + "\xE9\x97\xBB and more text after it"}) {
        INFO("input " << col[0] << " after " << pad << " bytes");
        const zhtext::utf8_validation v = check_all_kernels(s);
        REQUIRE(v.ok == valid);
        if (!valid) {
          REQUIRE(v.offset == pad + std::stoul(col[1]));
          REQUIRE(v.kind == kind_from_name(col[2]));
        }
      }
    }
    ++cases;
  }
  CHECK(cases >= 40);
}

TEST_CASE("kernels on byte soup from the fuzzer", "[utf8][simd]") {
  zhtext_test::byte_fuzzer fuzz(31337);
  for (int i = 0; i < 6000; ++i) {
    const std::string s = fuzz.next(i % 2 ? 300 : 1000);
    check_all_kernels(s);
    check_kernel_blocks(s, 0);
  }
}

TEST_CASE("huge inputs: counts, one error near the end, a cut at the very end", "[utf8][simd][huge]") {
  std::string text;
  text.reserve((24u << 20) + 64);
  while (text.size() < (24u << 20)) text += "社区志愿者,N95口罩 😀 café ";
  const std::size_t expected = static_cast<std::size_t>(utf8::distance(text.begin(), text.end()));
  for (utf8_kernel k : kernels()) {
    INFO("kernel " << utf8_kernel_name(k));
    CHECK(zhtext::detail::validate_utf8_using(k, text).ok);
    CHECK(zhtext::detail::count_code_points_using(k, text) == expected);
  }
  // A single error far into the text is found at its offset; so is a cut at the end.
  std::string broken = text;
  const std::size_t at = broken.size() - 1000;
  const std::size_t start = zhtext::detail::last_boundary(reinterpret_cast<const unsigned char*>(broken.data()), 0, at);
  broken.insert(start, "\xED\xA0\x80");
  std::string cut = text + "\xF0\x9F\x98";
  for (utf8_kernel k : kernels()) {
    INFO("kernel " << utf8_kernel_name(k));
    const auto v = zhtext::detail::validate_utf8_using(k, broken);
    CHECK(v.offset == start);
    CHECK(v.kind == utf8_errc::surrogate);
    CHECK(zhtext::detail::count_code_points_using(k, broken) == expected + 3);
    const auto c = zhtext::detail::validate_utf8_using(k, cut);
    CHECK(c.offset == text.size());
    CHECK(c.kind == utf8_errc::truncated);
    CHECK(zhtext::detail::count_code_points_using(k, cut) == expected + 1);
  }
}
