// fuzz/convert.cpp - zhtext/convert.hpp (OpenCC conversion) on any bytes. The first
// byte picks the mode (bits 0-1) and the rest:
//  - mode 0, text: one of Debian's OpenCC configurations (bits 2-5) converts the
//    text. The output is valid UTF-8; convert() gives convert_to()'s text with an
//    offset map that tiles both texts, in range and monotone (check_offset_map); a
//    convert_stream fed the text in random pieces (cut anywhere, inside a character
//    too, empty ones included) gives the one-shot output; a line-independent
//    converter gives the same output line by line.
//  - mode 1, user dictionaries: the input is an OpenCC text dictionary (key TAB
//    values), written with a configuration naming it for both the segmentation and
//    the one step, and loaded with load (a path: no name lookup; no cache). A refusal is
//    errc::parse_error (or limit_exceeded) naming the file; a converter that loads passes mode 0's checks
//    on a fixed text and on the dictionary's own bytes (where every key occurs).
//  - mode 2, images: converter::from_image on the bytes (size and checksum fields
//    rewritten when bit 2 is set, restamp_image, so that the structural checks
//    behind the checksum are fuzzed too): refused with errc::corrupt_data, or usable:
//    converting a fixed text gives valid UTF-8 (every value in an image is checked to
//    be well-formed) and a convert_stream runs to its end. (A crafted image may give
//    another output streamed than one-shot - wrong output at worst, the image format
//    says, never an out-of-bounds read - so the two are not compared.)
// Converters load once per process (through the image cache in mode 0), all of them
// on the empty input, which main.cpp runs at start-up outside libFuzzer's -timeout.
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <unistd.h>

#include <zhtext/convert.hpp>

#include "fuzz_support.hpp"

namespace {

constexpr const char* configs[] = {"s2t", "t2s", "s2tw", "tw2s", "s2twp", "tw2sp", "s2hk", "hk2s",
                                   "t2tw", "tw2t", "t2hk", "hk2t", "t2jp", "jp2t"};
constexpr std::size_t config_count = sizeof(configs) / sizeof(configs[0]);

const zhtext::converter& configured(std::size_t i) {
  static std::unique_ptr<const zhtext::converter> loaded[config_count];
  if (!loaded[i]) {
    auto c = zhtext::converter::load(configs[i]);
    if (!c) {
      std::fprintf(stderr, "zhtext_fuzz convert: %s\n", c.error().message.c_str());
      std::exit(2);
    }
    loaded[i] = std::make_unique<const zhtext::converter>(std::move(*c));
  }
  return *loaded[i];
}

// The text every loaded user dictionary and image converts: traditional and
// simplified characters, punctuation, ASCII, a line break, an ill-formed byte.
constexpr std::string_view fixed_text = "開放中文轉換，头发和頭髮。著作權 ABC 123\n后来\xE4\xB8 里面";

std::string convert_to(const zhtext::converter& c, std::string_view text) {
  std::string out;
  c.convert_to(out, text);
  return out;
}

std::string streamed(const zhtext::converter& c, std::string_view text, zhtext_fuzz::input_rng& rng) {
  zhtext::convert_stream s(c);
  std::string out;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t n = rng.below(4) == 0 ? 0 : 1 + rng.below(std::min<std::size_t>(text.size() - at, 16));
    s.feed(text.substr(at, n), out);
    at += n;
  }
  s.feed({}, out);
  s.finish(out);
  return out;
}

// Mode 0's checks on one converter and text.
void check_conversion(const zhtext::converter& c, std::string_view text, zhtext_fuzz::input_rng& rng) {
  const std::string whole = convert_to(c, text);
  FUZZ_CHECK(zhtext::is_valid_utf8(whole), "the output is not valid UTF-8 (first error at byte " +
                                               std::to_string(zhtext::validate_utf8(whole).offset) + ")");
  const zhtext::converted_text mapped = c.convert(text);
  FUZZ_CHECK(mapped.text == whole, "convert() and convert_to() differ: " + std::to_string(mapped.text.size()) +
                                       " and " + std::to_string(whole.size()) + " bytes");
  zhtext_fuzz::check_offset_map(mapped.map, text, mapped.text);
  // convert_to_aligned's claim: every output character starts where its input one did,
  // so the text has the input's size and its lead bytes at the same places.
  std::string aligned;
  if (c.convert_to_aligned(aligned, text)) {
    FUZZ_CHECK(aligned == whole, "convert_to_aligned() and convert_to() differ");
    bool same_starts = aligned.size() == text.size();
    for (std::size_t i = 0; same_starts && i < text.size(); ++i)
      same_starts = ((static_cast<unsigned char>(aligned[i]) & 0xC0) == 0x80) == ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80);
    FUZZ_CHECK(same_starts, "convert_to_aligned() said aligned, but a character moved");
  }
  const std::string pieces = streamed(c, text, rng);
  FUZZ_CHECK(pieces == whole, "a convert_stream fed in pieces differs from convert_to: " +
                                  std::to_string(pieces.size()) + " and " + std::to_string(whole.size()) + " bytes");
  if (c.line_independent() && text.find('\n') != std::string_view::npos) {
    std::string lines;
    std::size_t at = 0;
    while (at < text.size()) {
      const std::size_t nl = text.find('\n', at);
      const std::size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
      c.convert_to(lines, text.substr(at, end - at));
      at = end;
    }
    FUZZ_CHECK(lines == whole, "a line-independent converter converts line by line otherwise than whole");
  }
}

// A directory of this process for mode 1's files, removed at exit.
const std::string& scratch_dir() {
  static const std::string dir = [] {
    char tmpl[] = "/tmp/zhtext_fuzz_convert.XXXXXX";
    if (::mkdtemp(tmpl) == nullptr) {
      std::perror("zhtext_fuzz convert: mkdtemp");
      std::exit(2);
    }
    std::string d = tmpl;
    static std::string for_exit = d;
    std::atexit([] {
      std::remove((for_exit + "/d.txt").c_str());
      std::remove((for_exit + "/c.json").c_str());
      ::rmdir(for_exit.c_str());
    });
    return d;
  }();
  return dir;
}

void write_file(const std::string& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) {
    std::fprintf(stderr, "zhtext_fuzz convert: cannot write %s\n", path.c_str());
    std::exit(2);
  }
}

void user_dictionary(std::string_view dict, zhtext_fuzz::input_rng& rng) {
  const std::string& dir = scratch_dir();
  write_file(dir + "/d.txt", dict);
  write_file(dir + "/c.json",
             R"({"name": "fuzz", "segmentation": {"type": "mmseg", "dict": {"type": "text", "file": "d.txt"}},)"
             R"( "conversion_chain": [{"dict": {"type": "text", "file": "d.txt"}}]})");
  zhtext::converter_options opt;
  opt.cache.enabled = false;
  auto c = zhtext::converter::load(dir + "/c.json", opt);
  if (!c) {
    const zhtext::error& e = c.error();
    const bool text_error = e.code == zhtext::errc::parse_error || e.code == zhtext::errc::limit_exceeded;
    FUZZ_CHECK(text_error && e.message.find("d.txt") != std::string::npos,
               "a text dictionary is refused with " + std::string(zhtext::to_string(e.code)) + ": " + e.message);
    return;
  }
  check_conversion(*c, fixed_text, rng);
  // Its own lines as text: every key meets the dictionary.
  check_conversion(*c, dict, rng);
}

void image(std::string_view raw, bool restamp) {
  const std::vector<std::uint64_t> restamped = restamp ? zhtext_fuzz::restamp_image(raw) : std::vector<std::uint64_t>();
  const std::string_view bytes = restamp ? zhtext_fuzz::bytes_of(restamped, raw.size()) : raw;
  auto c = zhtext::converter::from_image(bytes, "<fuzz>");
  if (!c) {
    FUZZ_CHECK(c.error().code == zhtext::errc::corrupt_data, "a bad image is refused with " +
                                                                 std::string(zhtext::to_string(c.error().code)) +
                                                                 ": " + c.error().message);
    return;
  }
  const std::string whole = convert_to(*c, fixed_text);
  FUZZ_CHECK(zhtext::is_valid_utf8(whole), "an accepted image converts to invalid UTF-8");
  const zhtext::converted_text mapped = c->convert(fixed_text);
  FUZZ_CHECK(mapped.map.output_size() == mapped.text.size() && mapped.map.source_size() == fixed_text.size(),
             "an accepted image's offset map does not span the texts");
  zhtext::convert_stream s(*c);
  std::string out;
  for (std::size_t at = 0; at < fixed_text.size(); at += 3) s.feed(fixed_text.substr(at, 3), out);
  s.finish(out);
  FUZZ_CHECK(zhtext::is_valid_utf8(out), "an accepted image streams to invalid UTF-8");
}

void seeds(const zhtext_fuzz::seed_texts& t, std::vector<std::string>& out) {
  // Text: the project's lines, each through a few configurations.
  for (std::size_t i = 0; i < t.lines.size(); ++i)
    out.push_back(std::string(1, static_cast<char>((i % config_count) << 2)) + t.lines[i]);
  for (const std::string& p : t.paragraphs) out.push_back(std::string(1, '\x04') + p);
  for (const std::string& c : t.utf8_cases) out.push_back(std::string(1, '\x00') + c);
  // User dictionaries, written for the project.
  out.push_back("\x01" "头发\t頭髮\n发\t發 髮\n后\t後 后\n里\t裏 裡\n干\t幹 乾 干\n中文\t中文\n");
  out.push_back("\x01" "开放\t開放\n转换\t轉換\n# comment\n\n著作权\t著作權\n权\t權\n");
  // An image: a small converter compiled from a user dictionary (no cache).
  char tmpl[] = "/tmp/zhtext_fuzz_seed.XXXXXX";
  if (::mkdtemp(tmpl) != nullptr) {
    const std::string dir = tmpl;
    write_file(dir + "/d.txt", "头发\t頭髮\n发\t發 髮\n后\t後\n著作权\t著作權\n");
    write_file(dir + "/c.json", R"({"segmentation": {"type": "mmseg", "dict": {"type": "text", "file": "d.txt"}},)"
                                R"( "conversion_chain": [{"dict": {"type": "group", "dicts": [)"
                                R"({"type": "text", "file": "d.txt"}, {"type": "text", "file": "d.txt"}]}}]})");
    zhtext::converter_options opt;
    opt.cache.enabled = false;
    if (auto c = zhtext::converter::load(dir + "/c.json", opt)) {
      out.push_back("\x02" + std::string(c->image()));
      out.push_back("\x06" + std::string(c->image()));
    }
    std::remove((dir + "/d.txt").c_str());
    std::remove((dir + "/c.json").c_str());
    ::rmdir(dir.c_str());
  }
}

}  // namespace

ZHTEXT_FUZZ_TARGET(convert, "OpenCC conversion: streamed = one-shot = line by line, mapped; user dictionaries, images",
                   seeds) {
  const auto [flags, rest] = zhtext_fuzz::split_flags(data);
  zhtext_fuzz::input_rng rng(data);
  if (data.empty())  // main.cpp's start-up run, outside -timeout: load every configuration
    for (std::size_t i = 0; i < config_count; ++i) (void)configured(i);
  switch (flags & 3) {
    case 0:
    case 3:
      check_conversion(configured((flags >> 2) % config_count), rest, rng);
      break;
    case 1:
      user_dictionary(rest, rng);
      break;
    case 2:
      image(rest, flags & 4);
      break;
  }
}
