#!/usr/bin/env bash
# Builds zhtext and runs every test: an optimised build; a build with AddressSanitizer
# and UndefinedBehaviorSanitizer (any report fails the run); the libFuzzer targets of
# fuzz/ (scripts/fuzz.sh: clang, ASan/UBSan), each run for a short budget; and a
# ThreadSanitizer build (clang) of the concurrency tests. The sanitizer builds use
# -O1 -g1, what the sanitizers' documentation suggests: reports keep file:line, and
# the build is faster than at -O2 -g; in the ASan/UBSan stage the test programs and
# examples, which run for seconds, are built at -O0 (ZHTEXT_TEST_PROGRAM_FLAGS), the
# `zhtext` program that the shell tests run at -O1. In the release stage the Catch2
# programs and the examples are built at -O1 (ZHTEXT_TEST_PROGRAM_FLAGS; GCC 12, one
# unity unit of the tests, loaded machine: 46 CPU-s at -O1, 66 at -O2 in one run, 70-97
# at -O3 in others; 8 such units), while the
# `zhtext` program, the Python module and libzhtext_compiled.a keep -O3: the shell tests
# and the Python tests check the optimised library against the same references (jieba,
# OpenCC, the golden outputs). Prints the time of each stage.
# CI runs this on a clean clone, 2 cores, within 30 minutes (1723-1765 s idle before
# these cuts): the reference outputs are computed once for both stages
# (below), the ASan/UBSan stage builds no examples, the Catch2 programs link the
# compiled-mode library (tests/CMakeLists.txt, ZHTEXT_TEST_COMPILED) and Catch2's runner
# is built at -O0, and the sanitizer build runs cli_input_memory on smaller inputs
# (no RSS bound there). A new long test must find its time the same way.
# Installs the Debian packages it needs when they are missing.
#   bash scripts/test.sh
# Environment: ZHTEXT_FUZZ_SECONDS (per fuzz target, default 10; 0 skips fuzzing);
# ZHTEXT_TEST_STAGES (default "release asan fuzz tsan": the stages to run).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
ensure_packages "${ZHTEXT_BUILD_PACKAGES[@]}" "${ZHTEXT_TEST_PACKAGES[@]}" "${ZHTEXT_FUZZ_PACKAGES[@]}"
jobs=$(zhtext_jobs)
corpus=${ZHTEXT_CORPUS:-../shared/corpus/news}
if ! ls "$corpus"/*.txt >/dev/null 2>&1; then
  echo "*** WARNING: news corpus not found at $corpus: the corpus tests will be SKIPPED ***" >&2
fi

# stage NAME COMMAND...: runs COMMAND, recording its wall time and the CPU time of the
# processes it ran (bash's `times`: user + system of the finished children).
stages=()
start=$SECONDS
times_file=$(mktemp)
trap 'rm -f "$times_file"' EXIT
# cpu_seconds VAR: sets VAR to the children's CPU seconds so far (`times` must run in
# this shell, not in a $(...) subshell, which has no children of its own).
cpu_seconds() {
  times > "$times_file"
  printf -v "$1" '%s' "$(tail -1 "$times_file" | awk '{ s = 0; for (i = 1; i <= NF; i++) { split($i, p, "m"); sub("s", "", p[2]); s += p[1] * 60 + p[2] } printf "%.0f", s }')"
}
wanted=" ${ZHTEXT_TEST_STAGES:-release asan fuzz tsan} "
stage() {
  local name=$1 t0=$SECONDS c0 c1; shift
  [[ $wanted == *" ${name%%+*} "* ]] || return 0
  cpu_seconds c0
  echo "== $name" >&2
  "$@"
  cpu_seconds c1
  stages+=("$(printf '%-16s %5d s wall %6d CPU-s' "$name" $((SECONDS - t0)) $((c1 - c0)))")
}

run_suite() {  # run_suite BUILD_DIR TARGETS CMAKE_ARGS...: TARGETS "" builds everything
  local dir=$1 targets=$2; shift 2
  cmake -S . -B "$dir" -DZHTEXT_BUILD_TESTS=ON -DZHTEXT_BUILD_BENCHMARKS=OFF "$@" >/dev/null
  cmake --build "$dir" -j "$jobs" ${targets:+--target $targets}
  ctest --test-dir "$dir" --output-on-failure -j "$jobs" --timeout 1500
}

# The reference programs' outputs (Python jieba, opencc: tests/reference_run.hpp for the
# Catch2 tests, reference_output in tests/cli/lib.sh for the shell tests) are computed
# once per run, by the first stage that needs them, and reused by the next.
reference_cache=$PWD/build/reference-cache
rm -rf "$reference_cache"
stage release run_suite build/release "" -DCMAKE_BUILD_TYPE=Release -DZHTEXT_TEST_PROGRAM_FLAGS=-O1 \
  -DZHTEXT_REFERENCE_CACHE="$reference_cache"
# Without the examples (ZHTEXT_BUILD_EXAMPLES=OFF): the demo and the tour only print what
# the library computes, and their tests (demo, tour: the output checked) run in the
# release stage; every library function they call runs under the sanitizers in the Catch2
# tests and the `zhtext` program. Building them took ~96 of the stage's CPU-seconds
# (demo.cpp 60, tour.cpp 36, GCC 12 at -O0 with ASan/UBSan) for 8 s of tests.
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:halt_on_error=1 \
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  stage "asan+ubsan" run_suite build/sanitize "" -DCMAKE_BUILD_TYPE=None "-DCMAKE_CXX_FLAGS=-O1 -g1" -DZHTEXT_SANITIZE=ON \
  -DZHTEXT_TEST_PROGRAM_FLAGS=-O0 -DZHTEXT_REFERENCE_CACHE="$reference_cache" -DZHTEXT_BUILD_EXAMPLES=OFF
fuzz_seconds=${ZHTEXT_FUZZ_SECONDS:-10}
if [ "$fuzz_seconds" != 0 ]; then
  # The corpus in the build directory (fresh in CI's clean clone), not ~/.cache.
  ZHTEXT_FUZZ_CORPUS=build/fuzz/ci-corpus stage fuzz bash scripts/fuzz.sh "$fuzz_seconds"
fi
# Only the [threads] tests and the program: all that `all` builds in this configuration
# (tests/CMakeLists.txt; examples off). One `all`, not `--target A B`: CMake's Makefiles
# build the targets named on the command line one after the other (.NOTPARALLEL), so
# each would leave a core idle while its last translation unit compiles.
TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 \
  stage tsan run_suite build/tsan "" -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_BUILD_TYPE=None "-DCMAKE_CXX_FLAGS=-O1 -g1" -DZHTEXT_SANITIZE=thread -DZHTEXT_BUILD_EXAMPLES=OFF

echo "zhtext: all tests passed in $((SECONDS - start)) s:" >&2
printf '  %s\n' "${stages[@]}" >&2
