#!/usr/bin/env bash
# Fuzzes zhtext: builds the libFuzzer targets of fuzz/ (clang, -fsanitize=fuzzer,
# address,undefined; in build/fuzz) and runs each for SECONDS (default 600), two at a
# time, replaying fuzz/regressions/<target>/ first. The corpus found is kept outside
# the repository, in $ZHTEXT_FUZZ_CORPUS/<target> (default ~/.cache/zhtext/fuzz-corpus),
# and grows from run to run; it starts from seeds made from the project's own texts.
# A crash fails the run and leaves its input in BUILD/fuzz-crashes/<target>/: replay
# it with `BUILD/fuzz/zhtext_fuzz TARGET FILE`, and keep it as a regression under
# fuzz/regressions/<target>/ once fixed. The segment and keywords targets need
# jieba's data (Debian python3-jieba).
#   bash scripts/fuzz.sh [SECONDS] [TARGET...]
# Environment: ZHTEXT_FUZZ_BUILD (a configured build directory with
# ZHTEXT_BUILD_FUZZERS=ON to use instead of build/fuzz: scripts/test.sh passes its
# sanitizer build), ZHTEXT_FUZZ_CORPUS, ZHTEXT_FUZZ_JOBS (default: the core count).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib.sh
seconds=${1:-600}
[ $# -gt 0 ] && shift
jobs=${ZHTEXT_FUZZ_JOBS:-$(zhtext_jobs)}
build=${ZHTEXT_FUZZ_BUILD:-}
corpus_root=${ZHTEXT_FUZZ_CORPUS:-${XDG_CACHE_HOME:-$HOME/.cache}/zhtext/fuzz-corpus}

if [ -z "$build" ]; then
  ensure_packages "${ZHTEXT_BUILD_PACKAGES[@]}" "${ZHTEXT_FUZZ_PACKAGES[@]}"
  build=build/fuzz
  echo "== building the fuzz targets in $build (clang, -fsanitize=fuzzer,address,undefined)" >&2
  cmake -S . -B "$build" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=None "-DCMAKE_CXX_FLAGS=-O1 -g1" \
    -DZHTEXT_BUILD_FUZZERS=ON -DZHTEXT_BUILD_TESTS=OFF -DZHTEXT_BUILD_EXAMPLES=OFF -DZHTEXT_BUILD_CLI=OFF -DZHTEXT_BUILD_BENCHMARKS=OFF \
    -DZHTEXT_INSTALL=OFF >/dev/null
  cmake --build "$build" --target zhtext_fuzz -j "$jobs"
fi
bin=$build/fuzz/zhtext_fuzz
seeds=$build/fuzz-seeds
crashes=$build/fuzz-crashes
logs=$build/fuzz-logs
rm -rf "$seeds" "$logs"
mkdir -p "$seeds" "$crashes" "$logs"
"$bin" --make-seeds "$seeds" >/dev/null
targets=("$@")
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <("$bin" --list | cut -f1)

# One target: its corpus dir first (new inputs go there), then the seeds and the
# regressions. -timeout: an input that takes 25 s is a hang.
run_target() {
  local t=$1
  mkdir -p "$corpus_root/$t" "$crashes/$t"
  local dirs=("$corpus_root/$t" "$seeds/$t")
  [ -d "fuzz/regressions/$t" ] && dirs+=("fuzz/regressions/$t")
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
    "$bin" "$t" -max_total_time="$seconds" -timeout=25 -print_final_stats=1 \
    -artifact_prefix="$crashes/$t/" "${dirs[@]}" > "$logs/$t.log" 2>&1
}
export -f run_target
export bin seeds crashes logs corpus_root seconds

echo "== fuzzing ${#targets[@]} targets for ${seconds} s each, $jobs at a time (corpus: $corpus_root)" >&2
failed=0
printf '%s\n' "${targets[@]}" | xargs -P "$jobs" -I{} bash -c 'run_target {}' || failed=1

printf '%-12s %10s %8s %7s %7s  %s\n' target executions exec/s cov corpus result >&2
for t in "${targets[@]}"; do
  log=$logs/$t.log
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  size=$(find "$corpus_root/$t" -type f | wc -l)
  if grep -q -E 'ERROR: libFuzzer|ERROR: AddressSanitizer|runtime error|zhtext fuzz: invariant broken' "$log"; then
    result="CRASH: $(ls -t "$crashes/$t" | head -1 | sed "s|^|$crashes/$t/|")"
    failed=1
  else
    result=ok
  fi
  printf '%-12s %10s %8s %7s %7s  %s\n' "$t" "${runs:-?}" "${rate:-?}" "${cov:-?}" "$size" "$result" >&2
done
if [ $failed -ne 0 ]; then
  for t in "${targets[@]}"; do
    if grep -q -E 'ERROR: libFuzzer|ERROR: AddressSanitizer|runtime error|zhtext fuzz: invariant broken|^==[0-9]+==' "$logs/$t.log"; then
      echo "---- $t ($logs/$t.log):" >&2
      grep -E -A12 'zhtext fuzz: invariant broken|runtime error|ERROR: ' "$logs/$t.log" | head -40 >&2
    fi
  done
  echo "zhtext fuzz: FAILED (inputs in $crashes/)" >&2
  exit 1
fi
echo "zhtext fuzz: no crash in ${#targets[@]} targets" >&2
