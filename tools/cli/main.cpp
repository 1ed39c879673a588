// main.cpp - the `zhtext` program: dispatches to one subcommand per feature.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#if defined(__GLIBC__)
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

#include <zhtext/file.hpp>
#include <zhtext/version.hpp>

#include "commands.hpp"
#include "lib/output.hpp"

namespace {

// Keep alphabetical; each later feature adds its line here and in commands.hpp.
const cli::command* const commands[] = {
    &cli::convert_command, &cli::count_command,  &cli::dedup_command,    &cli::discover_command, &cli::entities_command,
    &cli::keywords_command,
    &cli::match_command,  &cli::merge_command,    &cli::normalize_command, &cli::pos_command,
    &cli::segment_command, &cli::sentences_command, &cli::validate_command,
};

void usage(std::ostream& os) {
  os << "usage: zhtext <command> [options] [FILE...]\n\n"
        "Chinese text analysis (zhtext " << zhtext::version << "). Commands:\n";
  for (const cli::command* c : commands) {
    std::string name = c->name;
    name.resize(12, ' ');
    os << "  " << name << c->summary << '\n';
  }
  os << "\nRun 'zhtext <command> --help' for a command's options. Inputs are files,\n"
        "directories (recursively, *.txt) or standard input. Exit codes: 0 ok, 1 input\n"
        "failed a check, 2 usage, 3 I/O error.\n";
}

// The block engine allocates and frees block-sized memory over and over (each
// block's result: a frequency table, an output string). glibc's malloc hands such
// chunks back to the kernel when they are freed (munmap, or trimming the heap), so
// every block would touch fresh pages again, one page fault per 4 KiB: with
// --threads 2 on 48 MB, 2,000 faults more than needed (4,700 instead of 2,700), and
// faults are dear in a virtual machine. Keeping freed memory for reuse costs nothing
// in peak size (the same blocks are in flight either way).
//
// Where Linux offers transparent huge pages, the heap is also put on them, as
// GLIBC_TUNABLES=glibc.malloc.hugetlb=1 would: one arena for all threads (the
// workers allocate little; glibc's per-thread caches serve the small requests), the
// heap grown 64 MiB at a time and advised MADV_HUGEPAGE, so a growing table faults
// once per 2 MiB instead of once per 4 KiB. With more threads more tables grow at
// once, so --threads 2 gains most: `count --threads 2` on 12 MB took ~840 page faults,
// now ~470 (with the static link; --threads 1: 503 -> 421), on a 2-vCPU VM where a
// fault costs ~15 us. Memory is committed as it is touched, 2 MiB at a time.
void tune_malloc() {
#if defined(__GLIBC__)
  mallopt(M_MMAP_THRESHOLD, 32 << 20);   // blocks come from the heap, not from mmap
  mallopt(M_TRIM_THRESHOLD, 256 << 20);  // and the heap keeps what is freed
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  if (!zhtext::huge_pages_enabled()) return;
  constexpr std::uintptr_t huge = std::uintptr_t(2) << 20;
  mallopt(M_ARENA_MAX, 1);
  mallopt(M_TOP_PAD, 64 << 20);
  const auto lo = reinterpret_cast<std::uintptr_t>(::sbrk(0));
  void* volatile grow = std::malloc(1 << 20);  // grows the heap by the request and the pad
  std::free(grow);                             // (volatile: the pair is not optimised away)
  const auto hi = reinterpret_cast<std::uintptr_t>(::sbrk(0));
  const std::uintptr_t from = (lo + huge - 1) / huge * huge, to = hi / huge * huge;
  if (lo != std::uintptr_t(-1) && to > from)  // sbrk fails as (void*)-1
    ::madvise(reinterpret_cast<void*>(from), to - from, MADV_HUGEPAGE);  // a hint: failure is harmless
#endif
#endif
}

}  // namespace

int main(int argc, char** argv) {
  tune_malloc();
  if (argc < 2) {
    usage(std::cerr);
    return cli::exit_usage;
  }
  const std::string name = argv[1];
  if (name == "-h" || name == "--help" || name == "help") {
    usage(std::cout);
    return cli::exit_ok;
  }
  if (name == "--version") {
    std::cout << "zhtext " << zhtext::version << '\n';
    return cli::exit_ok;
  }
  for (const cli::command* c : commands) {
    if (name == c->name) {
      cli::args a(*c, std::vector<std::string>(argv + 2, argv + argc));
      try {
        if (const int rc = a.parse(); rc >= 0) return rc;  // --help, or a usage error
        const int rc = c->run(a);
        return std::max(rc, cli::flush_stdout(a));  // a failed write is reported once
      } catch (const std::exception& e) {  // e.g. std::bad_alloc: one line, exit 3
        a.error(std::string("error: ") + e.what());
        return cli::exit_io;
      }
    }
  }
  std::cerr << "zhtext: unknown command '" << name << "' (see 'zhtext --help')\n";
  return cli::exit_usage;
}
