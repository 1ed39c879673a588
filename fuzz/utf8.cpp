// fuzz/utf8.cpp - zhtext/utf8.hpp against a reference decoder written here from
// Unicode 15.0 Table 3-7 (well-formed sequences) and §3.9's maximal subparts:
// validate_utf8, count_code_points, repair_utf8, code_points, decode_utf8,
// to_utf32/to_utf8, byte_offset_of_code_point, code_point_index_of_byte and
// complete_prefix_length (a chunk ending at that length decodes as the whole text does).
#include <zhtext/utf8.hpp>

#include "fuzz_support.hpp"

namespace {

using zhtext::utf8_errc;

struct ref_unit {
  char32_t value;
  std::size_t offset, size;
  utf8_errc error;
};

// Table 3-7: for each lead byte, the length of the sequence and the range of its
// second byte; later bytes are 80..BF.
struct lead_rule {
  unsigned char first, last;  // lead byte range
  unsigned length;
  unsigned char lo, hi;       // allowed second byte
  utf8_errc below, above;     // what a continuation byte outside [lo, hi] means
};
constexpr lead_rule rules[] = {
    {0xC2, 0xDF, 2, 0x80, 0xBF, utf8_errc::ok, utf8_errc::ok},
    {0xE0, 0xE0, 3, 0xA0, 0xBF, utf8_errc::overlong, utf8_errc::ok},
    {0xE1, 0xEC, 3, 0x80, 0xBF, utf8_errc::ok, utf8_errc::ok},
    {0xED, 0xED, 3, 0x80, 0x9F, utf8_errc::ok, utf8_errc::surrogate},
    {0xEE, 0xEF, 3, 0x80, 0xBF, utf8_errc::ok, utf8_errc::ok},
    {0xF0, 0xF0, 4, 0x90, 0xBF, utf8_errc::overlong, utf8_errc::ok},
    {0xF1, 0xF3, 4, 0x80, 0xBF, utf8_errc::ok, utf8_errc::ok},
    {0xF4, 0xF4, 4, 0x80, 0x8F, utf8_errc::ok, utf8_errc::too_large},
};

bool is_cont(unsigned char b) { return b >= 0x80 && b <= 0xBF; }

ref_unit ref_decode(std::string_view s, std::size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return {b0, i, 1, utf8_errc::ok};
  if (b0 <= 0xBF) return {0xFFFD, i, 1, utf8_errc::stray_continuation};
  if (b0 <= 0xC1) return {0xFFFD, i, 1, utf8_errc::overlong};
  if (b0 >= 0xF8) return {0xFFFD, i, 1, utf8_errc::invalid_byte};
  if (b0 >= 0xF5) return {0xFFFD, i, 1, utf8_errc::too_large};
  for (const lead_rule& r : rules) {
    if (b0 < r.first || b0 > r.last) continue;
    char32_t v = b0 & (r.length == 2 ? 0x1F : r.length == 3 ? 0x0F : 0x07);
    for (unsigned k = 1; k < r.length; ++k) {
      if (i + k >= s.size() || !is_cont(static_cast<unsigned char>(s[i + k])))
        return {0xFFFD, i, k, utf8_errc::truncated};
      const auto b = static_cast<unsigned char>(s[i + k]);
      if (k == 1 && b < r.lo) return {0xFFFD, i, 1, r.below};
      if (k == 1 && b > r.hi) return {0xFFFD, i, 1, r.above};
      v = (v << 6) | (b & 0x3F);
    }
    return {v, i, r.length, utf8_errc::ok};
  }
  return {0xFFFD, i, 1, utf8_errc::invalid_byte};  // unreachable: every lead byte has a rule
}

std::vector<ref_unit> ref_decode_all(std::string_view s) {
  std::vector<ref_unit> out;
  for (std::size_t i = 0; i < s.size(); i += out.back().size) out.push_back(ref_decode(s, i));
  return out;
}

std::string at(std::size_t i) { return "at byte " + std::to_string(i); }

void seeds(const zhtext_fuzz::seed_texts& t, std::vector<std::string>& out) {
  out = t.utf8_cases;
  for (const std::string& p : t.paragraphs) out.push_back(p);
  for (const std::string& c : t.utf8_cases) out.push_back(t.paragraphs[0] + c + t.paragraphs[0]);  // SIMD paths
}

}  // namespace

ZHTEXT_FUZZ_TARGET(utf8, "validate/repair/count/decode/complete_prefix against a reference decoder", seeds) {
  const std::string_view s = data;
  const std::vector<ref_unit> ref = ref_decode_all(s);

  // validate_utf8 and is_valid_utf8: the first ill-formed unit.
  const zhtext::utf8_validation v = zhtext::validate_utf8(s);
  const ref_unit* first_bad = nullptr;
  for (const ref_unit& u : ref)
    if (u.error != utf8_errc::ok) {
      first_bad = &u;
      break;
    }
  FUZZ_CHECK(v.ok == (first_bad == nullptr), "validate_utf8 says ok=" + std::to_string(v.ok));
  FUZZ_CHECK(zhtext::is_valid_utf8(s) == v.ok, "is_valid_utf8 differs from validate_utf8");
  if (first_bad != nullptr) {
    FUZZ_CHECK(v.offset == first_bad->offset, "validate_utf8 offset " + std::to_string(v.offset) + ", reference " +
                                                  std::to_string(first_bad->offset));
    FUZZ_CHECK(v.length == first_bad->size && v.kind == first_bad->error,
               "validate_utf8 " + std::string(zhtext::to_string(v.kind)) + " of " + std::to_string(v.length) +
                   " bytes, reference " + zhtext::to_string(first_bad->error) + " of " +
                   std::to_string(first_bad->size) + " " + at(v.offset));
  } else {
    FUZZ_CHECK(v.offset == s.size() && v.length == 0, "validate_utf8 of valid text: offset " + std::to_string(v.offset));
  }

  // count_code_points, code_points, decode_utf8, to_utf32.
  FUZZ_CHECK(zhtext::count_code_points(s) == ref.size(), "count_code_points " +
                                                             std::to_string(zhtext::count_code_points(s)) +
                                                             ", reference " + std::to_string(ref.size()));
  std::size_t k = 0;
  for (const zhtext::code_point& cp : zhtext::code_points(s)) {
    FUZZ_CHECK(k < ref.size(), "code_points yields more than the reference's " + std::to_string(ref.size()));
    const ref_unit& u = ref[k++];
    FUZZ_CHECK(cp.offset == u.offset && cp.size == u.size && cp.value == u.value &&
                   cp.valid == (u.error == utf8_errc::ok),
               "code_points differs from the reference " + at(u.offset));
    const zhtext::decoded d = zhtext::decode_utf8(s.substr(u.offset));
    FUZZ_CHECK(d.value == u.value && d.size == u.size && d.error == u.error, "decode_utf8 differs " + at(u.offset));
  }
  FUZZ_CHECK(k == ref.size(), "code_points yields " + std::to_string(k) + " units, reference " +
                                  std::to_string(ref.size()));
  const std::u32string u32 = zhtext::to_utf32(s);
  FUZZ_CHECK(u32.size() == ref.size(), "to_utf32 length");

  // repair_utf8: each ill-formed unit becomes U+FFFD; the result is valid and a
  // fixed point; to_utf8(to_utf32(s)) is the same text.
  std::string want;
  for (const ref_unit& u : ref) {
    if (u.error == utf8_errc::ok) want.append(s.substr(u.offset, u.size));
    else want += "\xEF\xBF\xBD";
  }
  const std::string repaired = zhtext::repair_utf8(s);
  FUZZ_CHECK(repaired == want, "repair_utf8 differs from the reference");
  FUZZ_CHECK(zhtext::is_valid_utf8(repaired) && zhtext::repair_utf8(repaired) == repaired, "repair is not a fixed point");
  FUZZ_CHECK(zhtext::to_utf8(u32) == repaired, "to_utf8(to_utf32(s)) != repair_utf8(s)");

  // Code point index <-> byte offset.
  zhtext_fuzz::input_rng rng(s);
  for (int probe = 0; probe < 8 && !s.empty(); ++probe) {
    const std::size_t i = rng.below(ref.size() + 2);
    const std::size_t want_off = i < ref.size() ? ref[i].offset : s.size();
    FUZZ_CHECK(zhtext::byte_offset_of_code_point(s, i) == want_off, "byte_offset_of_code_point(" + std::to_string(i) + ")");
    const std::size_t off = rng.below(s.size() + 2);
    std::size_t before = 0;
    for (const ref_unit& u : ref) before += u.offset < off;
    FUZZ_CHECK(zhtext::code_point_index_of_byte(s, off) == before, "code_point_index_of_byte(" + std::to_string(off) + ")");
  }

  // complete_prefix_length: a streaming reader that decodes s[0, p) of a chunk
  // s[0, n) and carries the rest sees the units the whole text has (p is a unit
  // boundary of the whole text, and the units before it are the same). Chunks end
  // at the last 8 bytes and at 8 random places.
  std::vector<std::size_t> ends;
  for (std::size_t n = s.size() > 8 ? s.size() - 8 : 0; n <= s.size(); ++n) ends.push_back(n);
  for (int i = 0; i < 8; ++i) ends.push_back(rng.below(s.size() + 1));
  for (std::size_t n : ends) {
    const std::string_view chunk = s.substr(0, n);
    const std::size_t p = zhtext::complete_prefix_length(chunk);
    FUZZ_CHECK(p <= n && n - p <= 3, "complete_prefix_length " + std::to_string(p) + " of " + std::to_string(n));
    std::size_t j = 0;
    while (j < ref.size() && ref[j].offset < p) ++j;
    FUZZ_CHECK(j == ref.size() || ref[j].offset == p,
               "complete_prefix_length(" + std::to_string(n) + ") = " + std::to_string(p) + " cuts a unit of the whole text");
    // The units before p, decoded from the chunk alone, are the whole text's: only
    // the last one can differ (the others end before the chunk's last 4 bytes).
    if (j > 0) {
      const ref_unit last = ref_decode(chunk.substr(0, p), ref[j - 1].offset);
      FUZZ_CHECK(last.size == ref[j - 1].size && last.error == ref[j - 1].error,
                 "the chunk decodes its last unit differently " + at(last.offset));
    }
  }
}
