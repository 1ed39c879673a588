// main.cpp - Catch2 entry point shared by every zhtext test executable.
//
// Corpus tests (compiled with ZHTEXT_TEST_NEEDS_CORPUS) first look for the news
// corpus; without it they say so loudly and exit 77, which CTest reports as skipped.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <cstdio>

#include "test_support.hpp"

int main(int argc, char* argv[]) {
#ifdef ZHTEXT_TEST_NEEDS_CORPUS
  if (zhtext_test::corpus_files().empty()) {
    std::fprintf(stderr,
                 "\n*** SKIPPED: the news corpus was not found at '%s'.\n"
                 "*** Put it at ../shared/corpus/news beside the checkout or set ZHTEXT_CORPUS.\n\n",
                 zhtext_test::corpus_dir().c_str());
    return 77;
  }
#endif
  return Catch::Session().run(argc, argv);
}
