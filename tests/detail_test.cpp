// detail_test.cpp - shared internals: mapped files, the image checksum, plain runs.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include <zhtext/detail/storage/checksum.hpp>
#include <zhtext/detail/containers/flat_map.hpp>
#include <zhtext/detail/containers/growable_array.hpp>
#include <zhtext/detail/storage/mapped_file.hpp>
#include <zhtext/detail/text/plain_run.hpp>
#include <zhtext/sentence.hpp>
#include <zhtext/utf8.hpp>

#include "test_support.hpp"

TEST_CASE("checksum64 sees every byte, the length and the seed", "[detail]") {
  std::string s(1000, 'x');
  const std::uint64_t h = zhtext::detail::checksum64(s.data(), s.size());
  CHECK(h == zhtext::detail::checksum64(s.data(), s.size()));
  CHECK(h != zhtext::detail::checksum64(s.data(), s.size() - 1));
  CHECK(h != zhtext::detail::checksum64(s.data(), s.size(), 1));
  for (std::size_t i = 0; i < s.size(); i += 37) {
    std::string t = s;
    t[i] ^= 1;
    CHECK(zhtext::detail::checksum64(t.data(), t.size()) != h);
  }
  CHECK(zhtext::detail::checksum64("", 0) != zhtext::detail::checksum64("\0", 1));
}

TEST_CASE("mapped_file maps a file and reports missing ones", "[detail]") {
  const std::string path =
      (std::filesystem::temp_directory_path() / ("zhtext-mapped-" + std::to_string(::getpid()))).string();
  {
    std::ofstream out(path, std::ios::binary);
    out << "社区" << std::string(5000, 'z');
  }
  auto f = zhtext::detail::mapped_file::open(path);
  REQUIRE(f.ok());
  CHECK(f->size() == 6 + 5000);
  CHECK(f->bytes().substr(0, 6) == "社区");
  zhtext::detail::mapped_file moved = std::move(*f);
  CHECK(moved.size() == 5006);
  std::remove(path.c_str());

  auto missing = zhtext::detail::mapped_file::open("/nonexistent/zhtext/file");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == zhtext::errc::not_found);
  CHECK(missing.error().message.find("/nonexistent/zhtext/file") != std::string::npos);

  std::ofstream(path + ".empty").close();
  auto empty = zhtext::detail::mapped_file::open(path + ".empty");
  REQUIRE(empty.ok());
  CHECK(empty->size() == 0);
  std::remove((path + ".empty").c_str());
}

TEST_CASE("mapped_file gives every byte of a file of several MiB (read into huge pages on Linux)", "[detail]") {
  // 5 MiB + 3 bytes: more than the 2 MiB threshold, not a multiple of a page.
  const std::string path =
      (std::filesystem::temp_directory_path() / ("zhtext-mapped-big-" + std::to_string(::getpid()))).string();
  std::string content((std::size_t(5) << 20) + 3, '\0');
  for (std::size_t i = 0; i < content.size(); ++i) content[i] = static_cast<char>((i * 131) >> 7);
  {
    std::ofstream out(path, std::ios::binary);
    out << content;
  }
  auto f = zhtext::detail::mapped_file::open(path);
  std::remove(path.c_str());
  REQUIRE(f.ok());
  CHECK(f->size() == content.size());
  CHECK(f->bytes() == content);
  zhtext::detail::mapped_file moved = std::move(*f);
  CHECK(moved.bytes() == content);
  CHECK(f->size() == 0);  // the moved-from file holds nothing
  moved = zhtext::detail::mapped_file();
  CHECK(moved.size() == 0);
}

TEST_CASE("flat_map::clear empties the map, which then fills again as new", "[detail]") {
  zhtext::detail::flat_map<std::uint64_t, int> m;
  const zhtext::detail::key_hash<std::uint64_t> hash;
  for (std::size_t round = 0; round < 3; ++round) {
    // Rounds 0 and 1 fill a large index and clear it well used (the index is kept:
    // round 1 refills the kept one); round 2 puts 10 keys in it and clears it mostly
    // empty (the index is dropped).
    const std::uint64_t n = round == 2 ? 10 : 5000;
    for (std::uint64_t k = 0; k < n; ++k) {
      const auto [e, inserted] = m.find_or_insert(k * 7919, hash(k * 7919), [&] { return k * 7919; });
      CHECK(inserted);
      m[e].value = static_cast<int>(k);
    }
    CHECK(m.size() == n);
    for (std::uint64_t k = 0; k < n; ++k) {
      const std::size_t e = m.find(k * 7919, hash(k * 7919));
      REQUIRE(e != m.npos);
      CHECK(m[e].value == static_cast<int>(k));
    }
    CHECK(m.find(7, hash(7)) == m.npos);
    m.clear();
    CHECK(m.size() == 0);
    CHECK(m.find(0, hash(0)) == m.npos);
    CHECK(m.find(7919, hash(7919)) == m.npos);
  }
}

TEST_CASE("flat_map grows past a mapping of its own, copies and moves keep every entry", "[detail]") {
  // 16-byte entries: 200,000 of them are 3.2 MB, past growable_array's 1 MiB, so the
  // entries grow on the heap, then move into a mapping, then grow by mremap.
  zhtext::detail::flat_map<std::uint64_t, std::uint64_t> m;
  const zhtext::detail::key_hash<std::uint64_t> hash;
  const std::uint64_t n = 200000;
  for (std::uint64_t k = 0; k < n; ++k) {
    const auto [e, inserted] = m.find_or_insert(k * 7919, hash(k * 7919), [&] { return k * 7919; });
    REQUIRE(inserted);
    CHECK(e == k);
    m[e].value = k + 1;
  }
  zhtext::detail::flat_map<std::uint64_t, std::uint64_t> copy = m;
  copy[5].value = 0;  // the copy holds its own entries
  CHECK(m[5].value == 6);
  zhtext::detail::flat_map<std::uint64_t, std::uint64_t> moved = std::move(m);
  std::uint64_t found = 0;
  for (std::uint64_t k = 0; k < n; ++k) {
    const std::size_t e = moved.find(k * 7919, hash(k * 7919));
    const std::size_t c = copy.find(k * 7919, hash(k * 7919));
    found += e == k && moved[e].value == k + 1 && c == k && copy[c].value == (k == 5 ? 0 : k + 1);
  }
  CHECK(found == n);
  std::uint64_t sum = 0;
  for (const auto& e : moved.entries()) sum += e.value;  // in insertion order
  CHECK(sum == n * (n + 1) / 2);
  moved.retain_if([](const auto& e) { return e.value % 2 == 0; });
  CHECK(moved.size() == n / 2);
  CHECK(moved.find(7919, hash(7919)) == 0);  // k = 1 (value 2) is now the first entry
}

TEST_CASE("growable_array: push_back of its own element while it grows", "[detail]") {
  zhtext::detail::growable_array<std::uint64_t> a;
  for (std::uint64_t i = 0; i < 300000; ++i) a.push_back(i == 0 ? 7 : a[i - 1] + 1);  // crosses 1 MiB
  REQUIRE(a.size() == 300000);
  CHECK(a[299999] == 7 + 299999);
  while (a.size() != a.capacity()) a.push_back(a[0]);
  a.push_back(a[0]);  // full: a[0] must be read before the storage moves
  CHECK(a.back() == 7);
  zhtext::detail::growable_array<std::uint64_t> b = a;
  CHECK(b.size() == a.size());
  CHECK(b.back() == 7);
  a.release();
  CHECK(a.empty());
  CHECK(b[1] == 8);
}

TEST_CASE("flat_map::retain_if keeps the chosen entries in order, all found again", "[detail]") {
  zhtext::detail::flat_map<std::uint64_t, int> m;
  const zhtext::detail::key_hash<std::uint64_t> hash;
  for (std::uint64_t k = 0; k < 3000; ++k) m[m.find_or_insert(k * 31, hash(k * 31), [&] { return k * 31; }).first].value = static_cast<int>(k);
  const std::size_t bytes = m.memory_bytes();
  m.retain_if([](const auto& e) { return e.value % 3 == 1; });
  CHECK(m.size() == 1000);
  CHECK(m.memory_bytes() == bytes);  // in place
  for (std::uint64_t k = 0; k < 3000; ++k) {
    const std::size_t e = m.find(k * 31, hash(k * 31));
    if (k % 3 != 1) {
      CHECK(e == m.npos);
      continue;
    }
    REQUIRE(e != m.npos);
    CHECK(e == k / 3);  // the order of insertion
    CHECK(m[e].value == static_cast<int>(k));
  }
  CHECK(m.find_or_insert(0, hash(0), [] { return std::uint64_t{0}; }).second);  // removed: inserted anew
  CHECK(m.size() == 1001);
}

TEST_CASE("plain runs hold only characters that no normalize or sentence rule touches", "[detail]") {
  using namespace zhtext;
  std::size_t plain = 0;
  for (char32_t c = 0; c <= 0x10FFFF; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    std::string enc;
    append_utf8(enc, c);
    const auto* p = reinterpret_cast<const unsigned char*>(enc.data());
    const std::size_t e = detail::plain_run_end(p, 0, enc.size());
    REQUIRE((e == 0 || e == enc.size()));
    if (e == 0) continue;
    INFO("U+" << std::hex << static_cast<unsigned>(c));
    ++plain;
    REQUIRE(detail::last_plain_char(p, e) == c);
    REQUIRE((is_ascii_alnum(c) || is_han(c) || (c >= 0x4DC0 && c <= 0x4DFF)));  // + Yijing hexagrams
    REQUIRE_FALSE(is_space(c));
    REQUIRE_FALSE(is_control(c));
    REQUIRE_FALSE(is_invisible_format(c));
    REQUIRE_FALSE(is_cjk_punctuation(c));
    REQUIRE(fold_width(c) == c);
    REQUIRE(cjk_form_of_ascii_punctuation(c) == 0);
    REQUIRE_FALSE(detail::ends_line_deliberately(c));
    REQUIRE_FALSE(detail::starts_block(c));
    REQUIRE_FALSE(detail::never_starts_line(c));
    REQUIRE_FALSE(detail::is_sentence_closer(c));
    REQUIRE_FALSE(detail::is_comma_like(c));
    REQUIRE_FALSE(detail::is_ellipsis(c));
    // (等 is plain: the ellipsis rule looks ahead at it, the main loop never needs to.)
  }
  CHECK(plain == 62 + (0x9FFF - 0x4000 + 1));
  // Runs: stop at anything else, at a cut or ill-formed sequence, and at the end.
  const std::string s = "abc中文123\xE4\xB8 \xE4\xB8\xAD\xFF";
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  CHECK(detail::plain_run_end(p, 0, s.size()) == 12);  // abc中文123 | E4 B8 ' '
  CHECK(detail::plain_run_end(p, 12, s.size()) == 12);
  CHECK(detail::plain_run_end(p, 15, s.size()) == 18);  // 中 | FF
  CHECK(detail::plain_run_end(p, 15, 17) == 15);        // 中 cut by the end
  CHECK(detail::last_plain_char(p, 12) == U'3');
  CHECK(detail::last_plain_char(p, 9) == U'文');
}
