// fuzz/match_image.cpp - matcher::from_image and matcher::from_image_in_place on arbitrary bytes: refused
// with errc::corrupt_data, or a matcher that works - its patterns, options and
// payloads can be read, and finding, streaming, masking and replacing in a text
// stay in bounds (matches inside the text, pattern numbers below size()); matches()
// and match_vector() agree. from_image() and from_image_in_place() accept the same images. (A stream may
// differ from match_vector on a crafted image: a prefilter bitmap that does not fit the
// patterns is accepted - only its size is checked - and one-shot scans consult it.
// Wrong matches, never a memory error; the checksum catches accidental damage.) Half the inputs get
// their size and checksum fields rewritten (restamp_match_image), so that the
// structural checks behind the checksum are fuzzed too.
// Input: flags, then the image.
#include <cstring>

#include <zhtext/match.hpp>

#include "fuzz_support.hpp"

namespace {

void seeds(const zhtext_fuzz::seed_texts& t, std::vector<std::string>& out) {
  // Images of small pattern lists cut from the project's lines, one per option set.
  for (std::size_t i = 0; i < t.lines.size() && i < 24; ++i) {
    zhtext::match_options o;
    o.fold_case = i & 1;
    o.fold_width = i & 2;
    if (i & 4) o.ignorable = " *";
    zhtext::matcher_builder b(o);
    const std::string& line = t.lines[i];
    for (std::size_t at = 0; at + 6 <= line.size(); at += 9)
      (void)b.add(std::string_view(line).substr(at, 6), static_cast<std::uint32_t>(at), i & 8 ? "payload" : "");
    auto m = b.build();
    if (m) out.push_back(std::string(1, static_cast<char>(i & 1)) + std::string(m->image()));
  }
}

}  // namespace

ZHTEXT_FUZZ_TARGET(match_image, "matcher images from arbitrary bytes: refused, or usable and in bounds", seeds) {
  zhtext_fuzz::input_reader in(data);
  const std::uint8_t flags = in.byte();
  const std::string_view raw = in.rest();
  const std::vector<std::uint64_t> restamped = flags & 1 ? zhtext_fuzz::restamp_match_image(raw) : std::vector<std::uint64_t>();
  const std::string_view image = flags & 1 ? zhtext_fuzz::bytes_of(restamped, raw.size()) : raw;

  auto loaded = zhtext::matcher::from_image(image);
  std::vector<std::uint64_t> aligned(image.size() / 8 + 1);
  if (!image.empty()) std::memcpy(aligned.data(), image.data(), image.size());
  auto viewed = zhtext::matcher::from_image_in_place(zhtext_fuzz::bytes_of(aligned, image.size()));
  FUZZ_CHECK(loaded.ok() == viewed.ok(), "from_image() and from_image_in_place() disagree on an image");
  if (!loaded) {
    FUZZ_CHECK(loaded.error().code == zhtext::errc::corrupt_data && !loaded.error().message.empty(),
               "a bad image gives error " + std::string(zhtext::to_string(loaded.error().code)) + ": " +
                   loaded.error().message);
    return;
  }
  const zhtext::matcher& m = *loaded;
  FUZZ_CHECK(m.image() == image, "image() is not the image loaded");

  // Read the tables: every pattern's text, id, payload and duplicate link.
  std::string text = "中文 Text ＡＢＣ，123。";
  const std::size_t n = m.size();
  for (std::uint32_t i = 0; i < n && i < 256; ++i) {
    const std::string_view p = m.pattern(i);
    (void)m.id(i);
    (void)m.payload(i);
    const std::int64_t d = m.duplicate_of(i);
    FUZZ_CHECK(d < static_cast<std::int64_t>(n), "duplicate_of(" + std::to_string(i) + ") = " + std::to_string(d));
    if (text.size() < 4096) text.append(p.data(), p.size()).append(i % 3 == 0 ? " " : "");
  }
  (void)m.options();

  auto in_bounds = [&](const zhtext::match& x) {
    FUZZ_CHECK(x.begin <= x.end && x.end <= text.size() && x.pattern < n,
               "match [" + std::to_string(x.begin) + "," + std::to_string(x.end) + ") of pattern " +
                   std::to_string(x.pattern) + " out of bounds");
  };
  for (zhtext::match_kind kind :
       {zhtext::match_kind::overlapping, zhtext::match_kind::leftmost_longest, zhtext::match_kind::leftmost_first}) {
    const std::vector<zhtext::match> all = m.match_vector(text, kind);
    std::vector<zhtext::match> lazy;
    for (const zhtext::match& x : m.matches(text, kind)) lazy.push_back(x);
    FUZZ_CHECK(lazy == all, "the lazy range differs from match_vector");
    for (const zhtext::match& x : all) in_bounds(x);
    auto st = m.stream(kind);
    for (std::size_t at = 0; at < text.size(); at += 5) st.feed(std::string_view(text).substr(at, 5), in_bounds);
    st.finish(in_bounds);
  }
  (void)m.mask(text);
  (void)m.replace(text, [](const zhtext::match&) { return "x"; });
}
