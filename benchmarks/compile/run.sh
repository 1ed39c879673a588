#!/usr/bin/env bash
# Compile-time benchmark: the same 12-line program (segment a file, rank its keywords by
# TF-IDF) written with zhtext (zhtext_keywords.cpp) and with cppjieba
# (cppjieba_keywords.cpp), compiled in one translation unit each, -O2, with the same
# compiler, interleaved (zhtext first in odd rounds, cppjieba first in even ones) so
# that both see the same machine load. Prints a Markdown table (the one in
# benchmarks/README.md): CPU seconds (user + sys of the compiler, median and best of the
# rounds), their ratio, and the preprocessed lines of each program.
#
#   [ROUNDS=N] [CXX=COMPILER] [FLAGS="..."] bash benchmarks/compile/run.sh [--run]
#     ROUNDS   rounds (default 5)     CXX   default g++     FLAGS   default "-std=c++17 -O2"
#     --run    also run both programs on the news corpus (a check that they work)
#
# cppjieba's headers come from npm's nodejieba@3.5.8 tarball (benchmarks/cppjieba.sh),
# unpacked into benchmarks/.peers/cppjieba (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
. scripts/lib.sh
. benchmarks/cppjieba.sh

# Settings come from the environment (ROUNDS, CXX, FLAGS); the one argument is --run.
rounds=${ROUNDS:-5} cxx=${CXX:-g++} flags=${FLAGS:-"-std=c++17 -O2"} run=0
[ "${1:-}" = --run ] && run=1
[ $# -le $run ] || { echo "usage: [ROUNDS=N] [CXX=...] [FLAGS=...] bash benchmarks/compile/run.sh [--run]" >&2; exit 2; }
case "$rounds" in ''|*[!0-9]*) echo "compile/run.sh: ROUNDS takes a whole number" >&2; exit 2 ;; esac

ensure_packages "${ZHTEXT_BUILD_PACKAGES[@]}" time
if ! command -v npm >/dev/null; then ensure_packages nodejs npm; fi
ensure_cppjieba "$root/benchmarks/.peers"
out=$root/benchmarks/out/compile
mkdir -p "$out"

utf8cpp=/usr/include/utf8cpp
# shellcheck disable=SC2206
f=($flags)
zh_cmd=("$cxx" "${f[@]}" -I"$root/include" -I"$utf8cpp" "$root/benchmarks/compile/zhtext_keywords.cpp")
# -isystem: warnings in cppjieba's and limonp's headers are not ours to show.
cj_cmd=("$cxx" "${f[@]}" -isystem "$cj_src/include" -isystem "$cj_src/deps/limonp/include"
        "$root/benchmarks/compile/cppjieba_keywords.cpp")

# cpu_seconds CMD...: compiles and links; prints user + sys CPU seconds.
cpu_seconds() {
  /usr/bin/time -f '%U %S' -o "$out/time" "$@" -o "$out/a.out" || { echo "compile failed: $*" >&2; exit 1; }
  awk '{ printf "%.2f\n", $1 + $2 }' "$out/time"
}

zh=() cj=()
for ((r = 1; r <= rounds; r++)); do
  if ((r % 2)); then
    zh+=("$(cpu_seconds "${zh_cmd[@]}")"); cj+=("$(cpu_seconds "${cj_cmd[@]}")")
  else
    cj+=("$(cpu_seconds "${cj_cmd[@]}")"); zh+=("$(cpu_seconds "${zh_cmd[@]}")")
  fi
  echo "round $r: zhtext ${zh[-1]} s, cppjieba ${cj[-1]} s" >&2
done

lines() { "$@" -E -o - | wc -l; }
zh_lines=$(lines "${zh_cmd[@]}")
cj_lines=$(lines "${cj_cmd[@]}")

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
best() { printf '%s\n' "$@" | sort -g | head -1; }
zm=$(median "${zh[@]}") cm=$(median "${cj[@]}") zb=$(best "${zh[@]}") cb=$(best "${cj[@]}")

echo "| program ($($cxx --version | head -1), $flags, $rounds rounds interleaved) | CPU s, median | CPU s, best | preprocessed lines |"
echo "|---|---:|---:|---:|"
echo "| zhtext: benchmarks/compile/zhtext_keywords.cpp | $zm | $zb | $zh_lines |"
echo "| cppjieba: benchmarks/compile/cppjieba_keywords.cpp | $cm | $cb | $cj_lines |"
echo "| ratio zhtext / cppjieba | $(awk -v a="$zm" -v b="$cm" 'BEGIN { printf "%.2f×", a / b }') | $(awk -v a="$zb" -v b="$cb" 'BEGIN { printf "%.2f×", a / b }') | $(awk -v a="$zh_lines" -v b="$cj_lines" 'BEGIN { printf "%.2f×", a / b }') |"

if [ $run = 1 ]; then
  corpus=${ZHTEXT_CORPUS:-$root/../shared/corpus/news}
  shopt -s nullglob
  articles=("$corpus"/*.txt)
  [ ${#articles[@]} -gt 0 ] || { echo "no news corpus at $corpus (set ZHTEXT_CORPUS)" >&2; exit 1; }
  cat "${articles[@]}" > "$out/corpus.txt"
  "${zh_cmd[@]}" -o "$out/zhtext_keywords" && "$out/zhtext_keywords" "$out/corpus.txt" | head -6
  "${cj_cmd[@]}" -o "$out/cppjieba_keywords" && "$out/cppjieba_keywords" "$out/corpus.txt" "$cj_src/dict" | head -6
fi
