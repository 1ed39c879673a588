#!/usr/bin/env bash
# Compile-time benchmark: the same 12-line program (segment a file, rank its keywords by
# TF-IDF) written with zhtext (zhtext_keywords.cpp) and with cppjieba
# (cppjieba_keywords.cpp), compiled and linked in one translation unit each, -O2, with
# the same compiler. zhtext's program is compiled twice: header-only (zhtext::zhtext)
# and in compiled mode (-DZHTEXT_SEPARATE_COMPILATION, linked against
# libzhtext_compiled.a, zhtext::compiled: the loaders are compiled once, in the
# library). The library itself (src/zhtext.cpp) is built once, before the rounds, and
# its one-time CPU seconds are reported too. The three programs are interleaved (a
# different one first in each round) so that all see the same machine load. Prints a
# Markdown table (the one in benchmarks/README.md): CPU seconds (user + sys of the
# compiler, median and best of the rounds), the ratios to cppjieba, and the
# preprocessed lines of each program.
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
# Compiled mode: the program's own translation unit, then linked with the library.
lib_cmd=("$cxx" "${f[@]}" -DZHTEXT_SEPARATE_COMPILATION -I"$root/include" -I"$utf8cpp" -c "$root/src/zhtext.cpp")
zc_cmd=("$cxx" "${f[@]}" -DZHTEXT_SEPARATE_COMPILATION -I"$root/include" -I"$utf8cpp"
        "$root/benchmarks/compile/zhtext_keywords.cpp" "$out/libzhtext_compiled.a")
# -isystem: warnings in cppjieba's and limonp's headers are not ours to show.
cj_cmd=("$cxx" "${f[@]}" -isystem "$cj_src/include" -isystem "$cj_src/deps/limonp/include"
        "$root/benchmarks/compile/cppjieba_keywords.cpp")

# cpu_seconds CMD...: compiles and links; prints user + sys CPU seconds.
cpu_seconds() {
  /usr/bin/time -f '%U %S' -o "$out/time" "$@" -o "$out/a.out" || { echo "compile failed: $*" >&2; exit 1; }
  awk '{ printf "%.2f\n", $1 + $2 }' "$out/time"
}

# The library, once (what a project pays once, not per program).
/usr/bin/time -f '%U %S' -o "$out/time" "${lib_cmd[@]}" -o "$out/zhtext.o" || { echo "compile failed: ${lib_cmd[*]}" >&2; exit 1; }
lib=$(awk '{ printf "%.2f\n", $1 + $2 }' "$out/time")
rm -f "$out/libzhtext_compiled.a"
ar rcs "$out/libzhtext_compiled.a" "$out/zhtext.o"
echo "libzhtext_compiled.a (src/zhtext.cpp, once): $lib s" >&2

zh=() zc=() cj=()
run_zh() { zh+=("$(cpu_seconds "${zh_cmd[@]}")"); }
run_zc() { zc+=("$(cpu_seconds "${zc_cmd[@]}")"); }
run_cj() { cj+=("$(cpu_seconds "${cj_cmd[@]}")"); }
for ((r = 1; r <= rounds; r++)); do
  case $((r % 3)) in
    1) run_zh; run_zc; run_cj ;;
    2) run_cj; run_zh; run_zc ;;
    0) run_zc; run_cj; run_zh ;;
  esac
  echo "round $r: zhtext header-only ${zh[-1]} s, zhtext compiled ${zc[-1]} s, cppjieba ${cj[-1]} s" >&2
done

lines() { "$@" -E -o - | wc -l; }
zh_lines=$(lines "${zh_cmd[@]}")
zc_lines=$(lines "${zc_cmd[@]:0:${#zc_cmd[@]}-1}")
cj_lines=$(lines "${cj_cmd[@]}")

median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
best() { printf '%s\n' "$@" | sort -g | head -1; }
zm=$(median "${zh[@]}") zcm=$(median "${zc[@]}") cm=$(median "${cj[@]}")
zb=$(best "${zh[@]}") zcb=$(best "${zc[@]}") cb=$(best "${cj[@]}")
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f×", a / b }'; }

echo "| program ($($cxx --version | head -1), $flags, $rounds rounds interleaved) | CPU s, median | CPU s, best | preprocessed lines |"
echo "|---|---:|---:|---:|"
echo "| zhtext header-only: benchmarks/compile/zhtext_keywords.cpp | $zm | $zb | $zh_lines |"
echo "| zhtext compiled mode: the same, -DZHTEXT_SEPARATE_COMPILATION + libzhtext_compiled.a | $zcm | $zcb | $zc_lines |"
echo "| cppjieba: benchmarks/compile/cppjieba_keywords.cpp | $cm | $cb | $cj_lines |"
echo "| ratio header-only / cppjieba | $(ratio "$zm" "$cm") | $(ratio "$zb" "$cb") | $(ratio "$zh_lines" "$cj_lines") |"
echo "| ratio compiled mode / cppjieba | $(ratio "$zcm" "$cm") | $(ratio "$zcb" "$cb") | $(ratio "$zc_lines" "$cj_lines") |"
echo "| libzhtext_compiled.a (src/zhtext.cpp), built once per project, not per program | $lib | | |"

if [ $run = 1 ]; then
  corpus=${ZHTEXT_CORPUS:-$root/../shared/corpus/news}
  shopt -s nullglob
  articles=("$corpus"/*.txt)
  [ ${#articles[@]} -gt 0 ] || { echo "no news corpus at $corpus (set ZHTEXT_CORPUS)" >&2; exit 1; }
  cat "${articles[@]}" > "$out/corpus.txt"
  "${zh_cmd[@]}" -o "$out/zhtext_keywords" && "$out/zhtext_keywords" "$out/corpus.txt" > "$out/zhtext_keywords.out"
  head -6 "$out/zhtext_keywords.out"
  "${zc_cmd[@]}" -o "$out/zhtext_keywords_compiled" && "$out/zhtext_keywords_compiled" "$out/corpus.txt" > "$out/zhtext_keywords_compiled.out"
  cmp -s "$out/zhtext_keywords.out" "$out/zhtext_keywords_compiled.out" ||
    { echo "compiled mode's output differs from header-only's" >&2; exit 1; }
  echo "(compiled mode: the same output)"
  "${cj_cmd[@]}" -o "$out/cppjieba_keywords" && "$out/cppjieba_keywords" "$out/corpus.txt" "$cj_src/dict" | head -6
fi
