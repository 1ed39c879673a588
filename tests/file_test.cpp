// file_test.cpp - zhtext/file.hpp: a whole file's bytes through mapped_file, errors as
// results.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>

#include <zhtext/file.hpp>

namespace {
std::string temp_path(const char* what) {
  return (std::filesystem::temp_directory_path() / ("zhtext-file-" + std::string(what) + "-" + std::to_string(::getpid())))
      .string();
}
}  // namespace

TEST_CASE("mapped_file gives a file's bytes, small and large", "[file]") {
  for (std::size_t size : {std::size_t{0}, std::size_t{7}, std::size_t{5} << 20}) {  // 5 MiB: huge pages where enabled
    INFO(size);
    const std::string path = temp_path("bytes");
    std::string content;
    for (std::size_t i = 0; content.size() < size; ++i) content += static_cast<char>('a' + i % 26);
    content.resize(size);
    std::ofstream(path, std::ios::binary) << content;
    auto f = zhtext::mapped_file::open(path);
    REQUIRE(f.ok());
    CHECK(f->size() == size);
    CHECK(f->empty() == (size == 0));
    CHECK(f->bytes() == content);
    zhtext::mapped_file moved = std::move(*f);  // the bytes move with it
    CHECK(moved.bytes() == content);
    std::remove(path.c_str());
    CHECK(moved.bytes() == content);  // still mapped (or read) after the file is gone
  }
  zhtext::mapped_file none;
  CHECK(none.empty());
  CHECK(none.bytes().empty());
}

TEST_CASE("mapped_file reports a missing file as not_found, naming it", "[file]") {
  auto missing = zhtext::mapped_file::open("/nonexistent/zhtext/file");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().code == zhtext::errc::not_found);
  CHECK(missing.error().message.find("/nonexistent/zhtext/file") != std::string::npos);
}

TEST_CASE("huge_pages_enabled agrees with the kernel's setting", "[file]") {
  std::ifstream in("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string line;
  std::getline(in, line);
  const bool expected = line.find("[always]") != std::string::npos || line.find("[madvise]") != std::string::npos;
#if defined(__linux__)
  CHECK(zhtext::huge_pages_enabled() == expected);
#else
  CHECK_FALSE(zhtext::huge_pages_enabled());
  (void)expected;
#endif
}
