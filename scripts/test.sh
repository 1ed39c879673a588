#!/usr/bin/env bash
# Builds zhtext and runs every test twice: an optimised build, then a build with
# AddressSanitizer and UndefinedBehaviorSanitizer (any report fails the run). The
# sanitizer build uses -O1 -g1, what the sanitizers' documentation suggests: reports
# keep file:line, and the build is faster than at -O2 -g.
# Installs the Debian packages it needs when they are missing.
#   bash scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
ensure_packages "${ZHTEXT_BUILD_PACKAGES[@]}" "${ZHTEXT_TEST_PACKAGES[@]}"
jobs=$(zhtext_jobs)
corpus=${ZHTEXT_CORPUS:-../shared/corpus/news}
if ! ls "$corpus"/*.txt >/dev/null 2>&1; then
  echo "*** WARNING: news corpus not found at $corpus: the corpus tests will be SKIPPED ***" >&2
fi

run_suite() {  # run_suite BUILD_DIR CMAKE_ARGS...
  local dir=$1; shift
  echo "== zhtext tests: $dir" >&2
  cmake -S . -B "$dir" -DZHTEXT_BUILD_TESTS=ON -DZHTEXT_BUILD_BENCHMARKS=OFF "$@" >/dev/null
  cmake --build "$dir" -j "$jobs"
  ctest --test-dir "$dir" --output-on-failure -j "$jobs" --timeout 1500
}

run_suite build/release -DCMAKE_BUILD_TYPE=Release
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:halt_on_error=1 \
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  run_suite build/sanitize -DCMAKE_BUILD_TYPE=None "-DCMAKE_CXX_FLAGS=-O1 -g1" -DZHTEXT_SANITIZE=ON
echo "zhtext: all tests passed (release and sanitizer builds)" >&2
