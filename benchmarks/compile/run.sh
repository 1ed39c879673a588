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
# preprocessed lines of each program; then each round's ratios to cppjieba (the
# machine's speed moves between rounds more than the programs differ) with their
# median and range, and the bytes of functions in each program's object.
#
#   [ROUNDS=N] [CXX=COMPILER] [FLAGS="..."] [BEFORE=DIR] bash benchmarks/compile/run.sh [--run]
#     ROUNDS   rounds (default 5)     CXX   default g++     FLAGS   default "-std=c++17 -O2"
#     BEFORE   another checkout of zhtext (say main's worktree): its headers join the
#              rotation, header-only and in compiled mode (its library built once too),
#              as "before" rows, to measure a change in the same rounds
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
rounds=${ROUNDS:-5} cxx=${CXX:-g++} flags=${FLAGS:-"-std=c++17 -O2"} before=${BEFORE:-} run=0
[ "${1:-}" = --run ] && run=1
[ $# -le $run ] || { echo "usage: [ROUNDS=N] [CXX=...] [FLAGS=...] bash benchmarks/compile/run.sh [--run]" >&2; exit 2; }
case "$rounds" in ''|*[!0-9]*) echo "compile/run.sh: ROUNDS takes a whole number" >&2; exit 2 ;; esac
if [ -n "$before" ]; then
  before=$(cd "$before" && pwd)
  [ -f "$before/src/zhtext.cpp" ] || { echo "compile/run.sh: BEFORE=$before is not a zhtext checkout with src/zhtext.cpp" >&2; exit 2; }
fi

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
# BEFORE's headers: the same two commands.
bzh_cmd=("$cxx" "${f[@]}" -I"$before/include" -I"$utf8cpp" "$root/benchmarks/compile/zhtext_keywords.cpp")
blib_cmd=("$cxx" "${f[@]}" -DZHTEXT_SEPARATE_COMPILATION -I"$before/include" -I"$utf8cpp" -c "$before/src/zhtext.cpp")
bzc_cmd=("$cxx" "${f[@]}" -DZHTEXT_SEPARATE_COMPILATION -I"$before/include" -I"$utf8cpp"
         "$root/benchmarks/compile/zhtext_keywords.cpp" "$out/before/libzhtext_compiled.a")
# -isystem: warnings in cppjieba's and limonp's headers are not ours to show.
cj_cmd=("$cxx" "${f[@]}" -isystem "$cj_src/include" -isystem "$cj_src/deps/limonp/include"
        "$root/benchmarks/compile/cppjieba_keywords.cpp")

# cpu_seconds CMD...: compiles and links; prints user + sys CPU seconds.
cpu_seconds() {
  /usr/bin/time -f '%U %S' -o "$out/time" "$@" -o "$out/a.out" || { echo "compile failed: $*" >&2; exit 1; }
  awk '{ printf "%.2f\n", $1 + $2 }' "$out/time"
}

# The library, once (what a project pays once, not per program): build_lib DIR CMD...
build_lib() {
  local dir=$1
  shift
  mkdir -p "$dir"
  /usr/bin/time -f '%U %S' -o "$out/time" "$@" -o "$dir/zhtext.o" || { echo "compile failed: $*" >&2; exit 1; }
  rm -f "$dir/libzhtext_compiled.a"
  ar rcs "$dir/libzhtext_compiled.a" "$dir/zhtext.o"
  awk '{ printf "%.2f\n", $1 + $2 }' "$out/time"
}
lib=$(build_lib "$out" "${lib_cmd[@]}")
echo "libzhtext_compiled.a (src/zhtext.cpp, once): $lib s" >&2
if [ -n "$before" ]; then
  blib=$(build_lib "$out/before" "${blib_cmd[@]}")
  echo "before: libzhtext_compiled.a (once): $blib s" >&2
fi

zh=() zc=() cj=() bzh=() bzc=()
run_zh() { zh+=("$(cpu_seconds "${zh_cmd[@]}")"); }
run_zc() { zc+=("$(cpu_seconds "${zc_cmd[@]}")"); }
run_cj() { cj+=("$(cpu_seconds "${cj_cmd[@]}")"); }
run_bzh() { [ -z "$before" ] || bzh+=("$(cpu_seconds "${bzh_cmd[@]}")"); }
run_bzc() { [ -z "$before" ] || bzc+=("$(cpu_seconds "${bzc_cmd[@]}")"); }
# A different program first in each round (the order rotates).
order=(run_zh run_zc run_cj run_bzh run_bzc)
for ((r = 1; r <= rounds; r++)); do
  for ((i = 0; i < ${#order[@]}; i++)); do "${order[(r - 1 + i) % ${#order[@]}]}"; done
  echo "round $r: zhtext header-only ${zh[-1]} s, zhtext compiled ${zc[-1]} s, cppjieba ${cj[-1]} s${before:+, before: header-only ${bzh[-1]} s, compiled ${bzc[-1]} s}" >&2
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

# Each round's ratios to that round's cppjieba, their median and range.
# per_round NAME TIMES...: "| NAME | r1 | r2 | ... | median | min-max |"
per_round() {
  local name=$1 i v=()
  shift
  local t=("$@")
  for ((i = 0; i < rounds; i++)); do v+=("$(awk -v a="${t[i]}" -v b="${cj[i]}" 'BEGIN { printf "%.2f", a / b }')"); done
  printf '| %s |' "$name"
  printf ' %s× |' "${v[@]}"
  printf ' **%.2f×** | %s-%s× |\n' "$(median "${v[@]}")" "$(printf '%s\n' "${v[@]}" | sort -g | head -1)" "$(printf '%s\n' "${v[@]}" | sort -g | tail -1)"
}
echo
printf '| ratio to cppjieba, per round |'
for ((r = 1; r <= rounds; r++)); do printf ' %s |' "$r"; done
echo ' median | range |'
printf '|---|'
for ((r = 1; r <= rounds + 2; r++)); do printf -- '---:|'; done
echo
per_round "zhtext header-only" "${zh[@]}"
per_round "zhtext compiled mode" "${zc[@]}"
if [ -n "$before" ]; then
  per_round "before ($before): header-only" "${bzh[@]}"
  per_round "before: compiled mode" "${bzc[@]}"
  echo "| before: libzhtext_compiled.a, CPU s once | $blib |"
fi

# The bytes of functions (nm -S: T, t, W, w) in each program's object.
fn_bytes() {
  "$@" -c -o "$out/fn.o" || { echo "compile failed: $*" >&2; exit 1; }
  nm -S "$out/fn.o" | while read -r _ size type _; do
    case $type in [TtWw]) echo $((16#$size)) ;; esac
  done | awk '{ s += $1 } END { print s + 0 }'
}
echo
echo "| bytes of functions in the program's object ($flags, nm -S) | header-only | compiled mode |"
echo "|---|---:|---:|"
echo "| zhtext | $(fn_bytes "${zh_cmd[@]}") | $(fn_bytes "${zc_cmd[@]:0:${#zc_cmd[@]}-1}") |"
[ -z "$before" ] || echo "| before | $(fn_bytes "${bzh_cmd[@]}") | $(fn_bytes "${bzc_cmd[@]:0:${#bzc_cmd[@]}-1}") |"

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
