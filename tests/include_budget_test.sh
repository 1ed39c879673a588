#!/usr/bin/env bash
# include_budget_test.sh - what including a zhtext header costs a user's compile
# (issue 13, light includes).
#
#   1. No public header pulls in a heavy system header it does not need: the x86
#      intrinsics headers (<immintrin.h> and the rest: the SIMD kernels use compiler
#      builtins, detail/platform/x86_simd.hpp), file and string streams (<fstream>,
#      <iostream>, <sstream>), <regex>, <random>, <future>; and only
#      segment_parallel.hpp (and zhtext.hpp, which includes everything) pulls in
#      <thread> or <condition_variable>.
#   2. With g++ 12 (-std=c++17 -O2, libstdc++ 12), `g++ -E` of `#include <zhtext/X.hpp>`
#      stays within budget: segment.hpp <= 86,000 lines (cppjieba's Jieba.hpp:
#      86,481, nodejieba 3.5.8, same command) and zhtext.hpp <= 110,000. Other compilers print the table and skip
#      this check (their standard headers differ in size).
#
# Prints the preprocessed lines of every public header. The checker checks itself
# first on a header that includes <fstream>.
. "$(dirname "$0")/header_lib.sh"

heavy='(immintrin|[a-z0-9]*intrin)\.h|fstream|iostream|sstream|regex|random|future'
threads='thread|condition_variable'
# heavy_headers FILE: the heavy standard headers named in the line markers of `-E` output.
heavy_headers() {
  grep -oE "^# [0-9]+ \"[^\"]*/($heavy|$threads)\"" "$1" | sed -E 's|.*/([^/"]*)"$|<\1>|; s|<[a-z0-9]*intrin\.h>|<*intrin.h>|' |
    sort -u | tr '\n' ' '
}

# The checker checks itself.
printf '#pragma once\n#include <fstream>\n' > "$tmp/streams.hpp"
echo '#include "streams.hpp"' | "$cxx" -std=c++17 -E -I"$tmp" -x c++ - > "$tmp/streams.i" 2> /dev/null
case "$(heavy_headers "$tmp/streams.i")" in *"<fstream>"*) r=0 ;; *) r=1 ;; esac
check "a header that includes <fstream> is caught" $r

macros=$("$cxx" -dM -E -x c++ /dev/null 2> /dev/null)
is_gcc12=0
if grep -q '^#define __GNUC__ 12$' <<< "$macros" && ! grep -q '__clang__' <<< "$macros"; then
  is_gcc12=1
fi

echo "| header | preprocessed lines ($("$cxx" --version | head -1)) |"
echo "|---|---:|"
declare -A lines
bad=""
for h in "$src"/include/zhtext/*.hpp; do
  name=$(basename "$h")
  if ! echo "#include <zhtext/$name>" | "$cxx" -std=c++17 -O2 -E "${inc[@]}" -x c++ - > "$tmp/out.i" 2> "$tmp/err"; then
    bad="$bad $name(does not preprocess)"
    continue
  fi
  lines[$name]=$(wc -l < "$tmp/out.i")
  echo "| $name | ${lines[$name]} |"
  found=$(heavy_headers "$tmp/out.i")
  case "$name" in
    segment_parallel.hpp | zhtext.hpp) found=$(echo "$found" | tr ' ' '\n' | grep -vE "^<($threads)>$" | tr '\n' ' ') ;;
  esac
  [ -n "${found// /}" ] && bad="$bad $name:$found"
done
[ -z "$bad" ]
check "no public header pulls in a heavy header it does not need${bad:+ (not:$bad)}" $?

if [ $is_gcc12 = 1 ]; then
  [ "${lines[segment.hpp]:-999999}" -le 86000 ]
  check "segment.hpp: ${lines[segment.hpp]:-?} <= 86,000 preprocessed lines" $?
  [ "${lines[zhtext.hpp]:-999999}" -le 110000 ]
  check "zhtext.hpp: ${lines[zhtext.hpp]:-?} <= 110,000 preprocessed lines" $?
else
  echo "SKIP the line budgets: they are set for g++ 12, this is $("$cxx" --version | head -1)"
fi

[ "$fails" -eq 0 ] || { echo "$fails check(s) failed"; exit 1; }
