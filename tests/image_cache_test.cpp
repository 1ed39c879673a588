// image_cache_test.cpp - what the image cache and the loaders do with what they find at
// a path (issue 14, defect 6): a FIFO never blocks, a link to /dev/zero is never read,
// a directory is a miss (or an error naming the path), and truncating or rewriting an
// image a process uses cannot crash it (SIGBUS).
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>

#include <zhtext/dictionary.hpp>
#include <zhtext/file.hpp>
#include <zhtext/segment.hpp>

#include "test_support.hpp"

namespace fs = std::filesystem;

namespace {

const char* small_dict = "中国 1000 ns\n中国人 300 n\n人民 800 n\n银行 500 n\n";

// Runs f() in a child process that the alarm kills after `seconds`: "exit 0" when f
// returned true, else what happened (exit N, signal N: a SIGALRM is a hang).
template <class F>
std::string in_child(F f, unsigned seconds = 20) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::alarm(seconds);
    ::_exit(f() ? 0 : 1);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (WIFSIGNALED(status)) return "signal " + std::to_string(WTERMSIG(status));
  return "exit " + std::to_string(WEXITSTATUS(status));
}

zhtext::cache_options cache_in(const zhtext_test::temp_dir& tmp) {
  zhtext::cache_options c;
  c.dir = tmp.file("cache");
  return c;
}

// The cache file of `src`'s dictionary (built once to learn it).
std::string cache_file_of(const std::string& src, const zhtext::cache_options& cache) {
  auto d = zhtext::dictionary::load(src, cache);
  REQUIRE(d);
  REQUIRE_FALSE(d->report().cache_path.empty());
  return d->report().cache_path;
}

}  // namespace

TEST_CASE("mapped_file opens only what it is asked to: never blocks, never reads a device", "[file][cache]") {
  zhtext_test::temp_dir tmp("zhtext_cache_test");
  const std::string fifo = tmp.file("fifo"), dir = tmp.file("dir"), zero = tmp.file("zero"), reg = tmp.file("reg");
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  fs::create_directory(dir);
  fs::create_symlink("/dev/zero", zero);
  zhtext_test::write_file(reg, "0123456789");

  // A FIFO without a writer used to block open() forever; a child with a deadline.
  CHECK(in_child([&] {
          auto f = zhtext::detail::mapped_file::open(fifo);
          return !f && f.error().message.find(fifo) != std::string::npos &&
                 f.error().message.find("FIFO") != std::string::npos;
        }) == "exit 0");
  auto d = zhtext::detail::mapped_file::open(dir);
  REQUIRE_FALSE(d);
  CHECK(d.error().code == zhtext::errc::io_error);
  CHECK_THAT(d.error().message, Catch::Contains(dir) && Catch::Contains("directory"));
  auto z = zhtext::detail::mapped_file::open(zero);  // followed: a device, refused unread
  REQUIRE_FALSE(z);
  CHECK_THAT(z.error().message, Catch::Contains(zero) && Catch::Contains("character device"));
  zhtext::detail::file_open_options no_follow;
  no_follow.follow_symlinks = false;
  auto l = zhtext::detail::mapped_file::open(zero, no_follow);
  REQUIRE_FALSE(l);
  CHECK_THAT(l.error().message, Catch::Contains(zero) && Catch::Contains("symbolic link"));
  zhtext::detail::file_open_options small;
  small.max_size = 9;
  auto big = zhtext::detail::mapped_file::open(reg, small);
  REQUIRE_FALSE(big);
  CHECK_THAT(big.error().message, Catch::Contains(reg) && Catch::Contains("limit of 9"));
  small.max_size = 10;
  auto ok = zhtext::detail::mapped_file::open(reg, small);
  REQUIRE(ok);
  CHECK(ok->bytes() == "0123456789");

  // The public mapped_file reads streams (a FIFO with a writer) but not directories.
  auto pd = zhtext::mapped_file::open(dir);
  REQUIRE_FALSE(pd);
  CHECK_THAT(pd.error().message, Catch::Contains(dir) && Catch::Contains("directory"));
  CHECK(in_child([&] {
          if (::fork() == 0) {  // the writer
            const int fd = ::open(fifo.c_str(), O_WRONLY);
            const bool w = fd >= 0 && ::write(fd, "piped", 5) == 5;
            ::_exit(w ? 0 : 1);
          }
          for (int i = 0; i < 200; ++i) {  // reads what the writer wrote, once it opened
            auto f = zhtext::mapped_file::open(fifo);
            if (f && f->bytes() == "piped") return true;
            if (!f) return false;
            ::usleep(10000);
          }
          return false;
        }) == "exit 0");
}

TEST_CASE("the image cache: a FIFO, a link to /dev/zero or a directory is a miss, noted once", "[dictionary][cache]") {
  zhtext_test::temp_dir tmp("zhtext_cache_test");
  const std::string src = tmp.file("dict.txt");
  zhtext_test::write_file(src, small_dict);
  const zhtext::cache_options cache = cache_in(tmp);
  const std::string cached = cache_file_of(src, cache);

  struct intruder {
    const char* name;
    void (*make)(const std::string&);
    const char* note;  // in the load's note
    bool replaced;     // the rebuilt image takes its place
  };
  const intruder intruders[] = {
      {"FIFO", [](const std::string& p) { REQUIRE(::mkfifo(p.c_str(), 0600) == 0); }, "FIFO", true},
      {"link to /dev/zero", [](const std::string& p) { fs::create_symlink("/dev/zero", p); }, "symbolic link", true},
      {"link to an image", [](const std::string& p) { fs::create_symlink(p + ".elsewhere", p); }, "symbolic link", true},
      {"directory", [](const std::string& p) { fs::create_directory(p); }, "directory", false},
  };
  for (const intruder& x : intruders) {
    INFO(x.name);
    fs::remove_all(cached);
    if (std::string(x.name) == "link to an image") fs::copy_file(cache_file_of(src, cache), cached + ".elsewhere");
    fs::remove_all(cached);
    x.make(cached);
    // In a child with a deadline: a FIFO blocked forever, /dev/zero read without end.
    CHECK(in_child([&] {
            auto d = zhtext::dictionary::load(src, cache);
            return d && d->report().origin == zhtext::load_report::origin_kind::built && d->find("中国人") &&
                   d->report().note.find(x.note) != std::string::npos &&
                   d->report().note.find(cached) != std::string::npos;
          }) == "exit 0");
    auto d = zhtext::dictionary::load(src, cache);
    REQUIRE(d);
    CHECK(d->find("中国人")->freq == 300);
    if (x.replaced) {  // the child's rebuilt image replaced the intruder
      CHECK(fs::is_regular_file(fs::symlink_status(cached)));
      CHECK(d->report().origin == zhtext::load_report::origin_kind::cache_hit);
    } else {  // a directory cannot be replaced: a miss each time, noted
      CHECK(d->report().origin == zhtext::load_report::origin_kind::built);
      CHECK_THAT(d->report().note, Catch::Contains(x.note) && Catch::Contains("image not cached"));
      CHECK(fs::is_directory(cached));
    }
  }
  fs::remove_all(cached);
}

TEST_CASE("a cached image truncated or rewritten while in use cannot crash its user", "[dictionary][cache]") {
  zhtext_test::temp_dir tmp("zhtext_cache_test");
  const std::string src = tmp.file("dict.txt");
  zhtext_test::write_file(src, small_dict);
  const zhtext::cache_options cache = cache_in(tmp);
  const std::string cached = cache_file_of(src, cache);
  const auto size = fs::file_size(cached);
  REQUIRE(size < (std::size_t(2) << 20));  // small images were used in place from a mapping

  for (const char* how : {"truncated", "rewritten"}) {
    INFO(how);
    // Loaded from the cache, then the file changes under it: a mapped image faulted
    // (SIGBUS) at its next use.
    CHECK(in_child([&] {
            auto d = zhtext::dictionary::load(src, cache);
            if (!d || d->report().origin != zhtext::load_report::origin_kind::cache_hit) return false;
            if (std::string(how) == "truncated") {
              if (::truncate(cached.c_str(), 0) != 0) return false;
            } else {
              const int fd = ::open(cached.c_str(), O_WRONLY);
              const std::string junk(size, '\x5a');
              if (fd < 0 || ::write(fd, junk.data(), junk.size()) != static_cast<ssize_t>(junk.size())) return false;
              ::close(fd);
            }
            auto e = d->find("中国人");
            return e && e->freq == 300 && d->find("银行")->freq == 500;
          }) == "exit 0");
    // The damaged image is a miss for the next load, which rebuilds it.
    auto d = zhtext::dictionary::load(src, cache);
    REQUIRE(d);
    CHECK(d->report().origin == zhtext::load_report::origin_kind::built);
    CHECK(d->find("人民")->freq == 800);
  }
}

TEST_CASE("user-given files that are not regular files: a clear error naming the path", "[dictionary][errors]") {
  zhtext_test::temp_dir tmp("zhtext_cache_test");
  const std::string fifo = tmp.file("fifo"), dir = tmp.file("dir"), zero = tmp.file("zero");
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  fs::create_directory(dir);
  fs::create_symlink("/dev/zero", zero);
  const zhtext::cache_options cache = cache_in(tmp);
  for (const std::string& path : {fifo, dir, zero}) {
    INFO(path);
    CHECK(in_child([&] {
            auto d = zhtext::dictionary::load(path, cache);
            auto i = zhtext::dictionary::load_image(path);
            return !d && d.error().message.find(path) != std::string::npos && !i &&
                   i.error().message.find(path) != std::string::npos &&
                   i.error().message.find("not a regular file") != std::string::npos;
          }) == "exit 0");
  }
}
