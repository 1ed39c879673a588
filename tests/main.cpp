// main.cpp - Catch2 entry point shared by every zhtext test executable.
//
// Corpus tests (linked with corpus_marker.cpp, which overrides the weak default
// below) first look for the news corpus; without it they say so loudly and exit 77,
// which CTest reports as skipped.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <cstdio>

#include "test_support.hpp"

extern "C" __attribute__((weak)) bool zhtext_test_needs_corpus() { return false; }

int main(int argc, char* argv[]) {
  if (zhtext_test_needs_corpus() && zhtext_test::corpus_files().empty()) {
    std::fprintf(stderr,
                 "\n*** SKIPPED: the news corpus was not found at '%s'.\n"
                 "*** Put it at ../shared/corpus/news beside the checkout or set ZHTEXT_CORPUS.\n\n",
                 zhtext_test::corpus_dir().c_str());
    return 77;
  }
  return Catch::Session().run(argc, argv);
}
