// detail_test.cpp - shared internals: mapped files and the image checksum.
#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include <zhtext/detail/checksum.hpp>
#include <zhtext/detail/mapped_file.hpp>

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
