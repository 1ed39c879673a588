// fuzz/entities.cpp - zhtext/entities.hpp and numerals.hpp on any bytes:
//  - entities are non-empty views of the text, in order, disjoint, well-formed
//    UTF-8 without control bytes (no line break, tab or NUL inside);
//  - each value has the alternative its kind names, and is sane: numbers normalised
//    (no trailing zero digits), months 1-12, days 1-31, times up to 24:00, byline
//    names views inside the entity; the canonical value is never empty;
//  - asking for some kinds gives exactly those entities of the full list; the lazy
//    range, the callback and the vector agree;
//  - numbers parse back: parse_number(value.to_string()) is the value, and
//    parse_number_prefix agrees with parse_number on the numeral it found.
// Input: a kinds mask byte, then the text.
#include <zhtext/entities.hpp>
#include <zhtext/numerals.hpp>

#include "fuzz_support.hpp"

namespace {

std::string where(const zhtext::entity& e) {
  return std::string(zhtext::to_string(e.kind)) + " at byte " + std::to_string(e.offset) + " '" + std::string(e.text) + "'";
}

void check_decimal(const zhtext::decimal& d, const std::string& what) {
  FUZZ_CHECK(d.scale <= 18 && (d.scale == 0 || d.mantissa % 10 != 0), what + ": decimal " + d.to_string() +
                                                                           " is not normalised (scale " +
                                                                           std::to_string(d.scale) + ")");
  if (d.mantissa < 0) return;  // numerals have no sign
  const zhtext::number_parse back = zhtext::parse_number(d.to_string());
  FUZZ_CHECK(back && back.value == d, what + ": '" + d.to_string() + "' does not parse back (" +
                                          zhtext::to_string(back.error) + ")");
}

void check_number(const zhtext::number_value& v, const std::string& what) {
  check_decimal(v.value, what);
  check_decimal(v.high, what);
  if (v.shape == zhtext::number_shape::single) FUZZ_CHECK(v.high == v.value, what + ": a single number with a high end");
}

void check_date(const zhtext::calendar_date& d, const std::string& what) {
  FUZZ_CHECK(d.month <= 12 && d.day <= 31, what + ": date month " + std::to_string(d.month) + " day " +
                                               std::to_string(d.day));
}

void check_time(const zhtext::clock_time& t, const std::string& what) {
  FUZZ_CHECK(t.minute < 60 && (t.hour < 24 || (t.hour == 24 && t.minute == 0)),
             what + ": time " + std::to_string(t.hour) + ":" + std::to_string(t.minute));
}

void check_value(const zhtext::entity& e) {
  const std::string what = where(e);
  using k = zhtext::entity_kind;
  const std::size_t want = e.kind == k::number || e.kind == k::percent ? 0
                           : e.kind == k::quantity                     ? 1
                           : e.kind == k::date                         ? 2
                           : e.kind == k::time                         ? 3
                           : e.kind == k::named_day                    ? 4
                           : e.kind == k::relative                     ? 5
                                                                       : 6;
  FUZZ_CHECK(e.value.index() == want, what + ": value alternative " + std::to_string(e.value.index()));
  FUZZ_CHECK(!zhtext::canonical_value(e).empty(), what + ": empty canonical value");
  if (const auto* n = std::get_if<zhtext::number_value>(&e.value)) check_number(*n, what);
  if (const auto* q = std::get_if<zhtext::quantity_value>(&e.value)) {
    check_number(q->number, what);
    FUZZ_CHECK(!q->unit.empty(), what + ": quantity without a unit");
  }
  if (const auto* d = std::get_if<zhtext::date_value>(&e.value)) {
    check_date(d->from, what);
    check_date(d->to, what);
  }
  if (const auto* t = std::get_if<zhtext::time_value>(&e.value)) {
    check_time(t->from, what);
    check_time(t->to, what);
  }
  if (const auto* b = std::get_if<zhtext::byline_value>(&e.value)) {
    FUZZ_CHECK(b->count >= 1 && b->count <= zhtext::byline_value::capacity, what + ": " + std::to_string(b->count) +
                                                                              " names");
    for (std::size_t i = 0; i < b->count; ++i)
      FUZZ_CHECK(!b->names[i].empty() && zhtext_fuzz::views_into(b->names[i], e.text),
                 what + ": byline name " + std::to_string(i) + " is not inside the entity");
  }
}

bool same(const std::vector<zhtext::entity>& a, const std::vector<zhtext::entity>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].kind != b[i].kind || a[i].offset != b[i].offset || a[i].text != b[i].text ||
        zhtext::canonical_value(a[i]) != zhtext::canonical_value(b[i]))
      return false;
  return true;
}

void seeds(const zhtext_fuzz::seed_texts& t, std::vector<std::string>& out) {
  for (const std::string& l : t.lines) out.push_back("\xFF" + l);
  for (const std::string& p : t.paragraphs) out.push_back("\x15" + p);
}

}  // namespace

ZHTEXT_FUZZ_TARGET(entities, "entities lie in the text with sane values; numerals parse back", seeds) {
  zhtext_fuzz::input_reader in(data);
  zhtext::entity_options some;
  some.kinds = in.byte();
  const std::string_view s = in.rest();

  const std::vector<zhtext::entity> all = zhtext::entity_vector(s);
  std::size_t end = 0;
  for (const zhtext::entity& e : all) {
    FUZZ_CHECK(e.offset >= end && !e.text.empty() && e.text.data() == s.data() + e.offset && e.end() <= s.size(),
               where(e) + " overlaps the previous entity or leaves the text");
    FUZZ_CHECK(zhtext::is_valid_utf8(e.text), where(e) + " holds ill-formed UTF-8");
    for (char c : e.text) FUZZ_CHECK(static_cast<unsigned char>(c) >= 0x20, where(e) + " holds a control byte");
    check_value(e);
    end = e.end();
  }
  std::vector<zhtext::entity> lazy, called, filtered;
  for (const zhtext::entity& e : zhtext::entities(s)) lazy.push_back(e);
  zhtext::for_each_entity(s, [&](const zhtext::entity& e) { called.push_back(e); });
  FUZZ_CHECK(same(lazy, all) && same(called, all), "the lazy range or the callback differs from the vector");
  for (const zhtext::entity& e : all)
    if (some.wants(e.kind)) filtered.push_back(e);
  FUZZ_CHECK(same(zhtext::entity_vector(s, some), filtered), "asking for kinds " + std::to_string(some.kinds) +
                                                                    " changes what is found");

  // Numerals at a sample of character starts.
  zhtext_fuzz::input_rng rng(s);
  for (int probe = 0; probe < 16 && !s.empty(); ++probe) {
    std::size_t at = rng.below(s.size());
    while (at > 0 && (static_cast<unsigned char>(s[at]) & 0xC0) == 0x80) --at;
    const std::string_view rest = s.substr(at);
    const zhtext::number_parse p = zhtext::parse_number_prefix(rest);
    FUZZ_CHECK(p.size <= rest.size(), "parse_number_prefix reads past the text at byte " + std::to_string(at));
    if (p.size == 0) continue;
    const zhtext::number_parse whole = zhtext::parse_number(rest.substr(0, p.size));
    FUZZ_CHECK(whole.error == p.error && whole.value == p.value && whole.size == p.size,
               "parse_number and parse_number_prefix disagree on '" + std::string(rest.substr(0, p.size)) + "'");
    if (p) check_decimal(p.value, "numeral at byte " + std::to_string(at));
  }
}
