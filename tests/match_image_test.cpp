// match_image_test.cpp - serialising a matcher and loading it back: round trips
// through memory, a file (mmap) and a zero-copy view; every flipped or missing byte
// is a clear error; structurally corrupt images with a valid checksum never crash.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>

#include <unistd.h>

#include <zhtext/match.hpp>

#include "test_support.hpp"

using zhtext::match;
using zhtext::match_kind;

namespace {

zhtext::matcher sample(bool fold) {
  zhtext::matcher_builder b({fold, fold, fold ? " *" : "", false});
  const char* words[] = {"党员", "疫情防控", "防控", "社区", "志愿者", "Covid", "😀笑", "居民"};
  std::uint32_t id = 100;
  for (const char* w : words) REQUIRE(b.add(w, id++, std::string("payload of ") + w).ok());
  return b.build().value();
}

const std::string text =
    "南苑街道西宏苑社区“党员阳光护送队”为居民撑起疫情防控“安全伞”，党 员志愿者 COVID ＣＯＶＩＤ 😀笑\xE4\xB8";

void same_matches(const zhtext::matcher& a, const zhtext::matcher& b) {
  for (match_kind k : {match_kind::overlapping, match_kind::leftmost_longest, match_kind::leftmost_first})
    CHECK(a.match_vector(text, k) == b.match_vector(text, k));
  REQUIRE(a.size() == b.size());
  for (std::uint32_t i = 0; i < a.size(); ++i) {
    CHECK(a.pattern(i) == b.pattern(i));
    CHECK(a.id(i) == b.id(i));
    CHECK(a.payload(i) == b.payload(i));
  }
  CHECK(a.options().fold_case == b.options().fold_case);
  CHECK(a.options().ignorable == b.options().ignorable);
}

std::string temp_path(const char* name) {
  return (std::filesystem::temp_directory_path() / (std::to_string(::getpid()) + "_" + name)).string();
}

}  // namespace

TEST_CASE("round trip through bytes, a file and a view", "[match][image]") {
  for (bool fold : {false, true}) {
    const zhtext::matcher m = sample(fold);
    REQUIRE(m.match_vector(text).size() >= 6);
    const std::string bytes(m.image());
    CHECK(m.memory_usage() == bytes.size());
    auto loaded = zhtext::matcher::from_image(bytes);
    REQUIRE(loaded.ok());
    same_matches(m, *loaded);
    CHECK(loaded->image() == bytes);  // serialising a loaded matcher gives the same bytes

    const std::string path = temp_path(fold ? "match_image_test_fold.zhm" : "match_image_test.zhm");
    REQUIRE(m.save_image(path).ok());
    auto mapped = zhtext::matcher::load_image(path);
    REQUIRE(mapped.ok());
    same_matches(m, *mapped);
    std::remove(path.c_str());

    std::vector<std::uint64_t> aligned((bytes.size() + 7) / 8);
    std::memcpy(aligned.data(), bytes.data(), bytes.size());
    auto viewed = zhtext::matcher::from_image_in_place(std::string_view(reinterpret_cast<const char*>(aligned.data()), bytes.size()));
    REQUIRE(viewed.ok());
    same_matches(m, *viewed);
    const std::string shifted = " " + bytes;
    const auto misaligned = zhtext::matcher::from_image_in_place(std::string_view(shifted).substr(1));
    if (reinterpret_cast<std::uintptr_t>(shifted.data() + 1) % 8 != 0) {
      REQUIRE_FALSE(misaligned.ok());
      CHECK(misaligned.error().code == zhtext::errc::invalid_argument);
    }
    auto copied = zhtext::matcher::from_image(std::string_view(shifted).substr(1));  // from_image copies: any alignment
    REQUIRE(copied.ok());
    same_matches(m, *copied);
  }
}

TEST_CASE("every flipped byte and every truncation is a clear error", "[match][image]") {
  const zhtext::matcher m = sample(true);
  const std::string good(m.image());
  REQUIRE(good.size() > 1000);
  std::size_t flips = 0;
  for (std::size_t i = 0; i < good.size(); ++i) {
    for (unsigned char x : {0x01, 0x80}) {
      std::string bad = good;
      bad[i] = static_cast<char>(bad[i] ^ x);
      const auto r = zhtext::matcher::from_image(bad);
      INFO("byte " << i << " ^ " << int(x));
      REQUIRE_FALSE(r.ok());
      CHECK(r.error().code == zhtext::errc::corrupt_data);
      ++flips;
    }
  }
  CHECK(flips == 2 * good.size());
  for (std::size_t n = 0; n < good.size(); n += 1 + n / 64) {
    const auto r = zhtext::matcher::from_image(std::string_view(good).substr(0, n));
    INFO("truncated to " << n);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == zhtext::errc::corrupt_data);
  }
  CHECK(zhtext::matcher::from_image(good + std::string(8, '\0')).error().message.find("size mismatch") != std::string::npos);
  CHECK(zhtext::matcher::from_image(std::string_view(good).substr(0, 63)).error().message.find("truncated") !=
        std::string::npos);
  std::string other_version = good;
  other_version[8] = 9;
  CHECK(zhtext::matcher::from_image(other_version).error().message.find("version 9 is not supported") != std::string::npos);
  CHECK(zhtext::matcher::from_image("not an automaton at all, just some text that is long enough to have a header")
            .error()
            .message.find("bad magic") != std::string::npos);
}

TEST_CASE("structurally corrupt images with a valid checksum never crash or hang", "[match][image]") {
  std::mt19937_64 rng(11);
  for (bool fold : {false, true}) {
    const zhtext::matcher m = sample(fold);
    const std::string good(m.image());
    int loaded = 0, rejected = 0;
    for (int round = 0; round < 1500; ++round) {
      std::string bad = good;
      const int n = 1 + static_cast<int>(rng() % 4);
      for (int k = 0; k < n; ++k) {
        const std::size_t at = zhtext::detail::match_header_size + rng() % (good.size() - zhtext::detail::match_header_size);
        bad[at] = static_cast<char>(rng() % 4 == 0 ? 0xFF : bad[at] ^ static_cast<char>(1u << (rng() % 8)));
      }
      const std::uint64_t sum = zhtext::detail::checksum64(bad.data() + zhtext::detail::match_header_size,
                                                           bad.size() - zhtext::detail::match_header_size);
      std::memcpy(&bad[24], &sum, 8);
      auto r = zhtext::matcher::from_image(bad);
      if (!r.ok()) {
        CHECK(r.error().code == zhtext::errc::corrupt_data);
        ++rejected;
        continue;
      }
      ++loaded;  // accepted: whatever it matches, scanning must stay in bounds
      for (match_kind k : {match_kind::overlapping, match_kind::leftmost_longest, match_kind::leftmost_first}) {
        const auto v = r->match_vector(text, k);
        for (const match& x : v) {
          CHECK(x.begin <= x.end);
          CHECK(x.end <= text.size());
          CHECK(x.pattern < r->size());
        }
        auto s = r->stream(k);
        for (std::size_t i = 0; i < text.size(); i += 5) (void)s.feed(std::string_view(text).substr(i, 5));
        (void)s.finish();
      }
      (void)r->mask(text);
    }
    CHECK(loaded > 10);  // both paths exercised
    CHECK(rejected > 100);
    CHECK(loaded + rejected == 1500);
  }
}

TEST_CASE("load_image errors name the file", "[match][image]") {
  const auto missing = zhtext::matcher::load_image(temp_path("no_such_match_image.zhm"));
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == zhtext::errc::not_found);
  const std::string path = temp_path("match_image_test_garbage.zhm");
  {
    std::ofstream out(path, std::ios::binary);
    out << std::string(100, 'x');
  }
  const auto garbage = zhtext::matcher::load_image(path);
  REQUIRE_FALSE(garbage.ok());
  CHECK(garbage.error().code == zhtext::errc::corrupt_data);
  CHECK(garbage.error().message.find(path + ": match automaton image: bad magic") == 0);
  std::remove(path.c_str());
}
