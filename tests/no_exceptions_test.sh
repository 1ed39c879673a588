#!/usr/bin/env bash
# no_exceptions_test.sh - zhtext without exceptions: every public header compiles with
# -fno-exceptions, and tests/consumer/no_exceptions.cpp (the main features:
# UTF-8, Unicode, normalisation, sentences, segmentation on one thread and several,
# POS, keywords, frequency tables, matching, entities, discovery) compiles with
# -fno-exceptions -Wall -Wextra -Werror and runs, each of its checks passing.
#
# What still throws with exceptions on (a program's own mistakes, std::bad_alloc) is
# listed in zhtext/result.hpp; without exceptions those end the program.
#
# The headers compile in one translation unit that includes every public header (a
# throw, or any other error or warning, in any header fails it, as it fails that
# header's own compile), and each header whose code depends on the exception mode
# (ZHTEXT_EXCEPTIONS, __cpp_exceptions) compiles alone: layering_test.sh compiles every
# public header alone with exceptions, and only these headers' code differs without
# them, so each header also compiles alone with -fno-exceptions. One compile instead
# of one a public header (33): ~50 CPU-s of the release stage.
. "$(dirname "$0")/header_lib.sh"
flags=(-std=c++17 -fno-exceptions -Wall -Wextra -Wpedantic -Werror)

# The checker checks itself: a header that throws must fail the same compile.
printf '#pragma once\ninline void boom() { throw 1; }\n' > "$tmp/throws.hpp"
! echo '#include "throws.hpp"' | "$cxx" "${flags[@]}" -fsyntax-only -I"$tmp" -x c++ - 2> /dev/null
check "a header with a throw fails to compile with -fno-exceptions" $?

# compiles NAME SOURCE: SOURCE (text) compiles with -fno-exceptions; else NAME is added to `bad`.
compiles() {
  if ! printf '%s\n' "$2" | "$cxx" "${flags[@]}" -fsyntax-only "${inc[@]}" -x c++ - 2> "$tmp/err"; then
    bad="$bad $1"
    sed 's/^/     | /' "$tmp/err" | head -5
  fi
}
bad=""
all=""
for h in "$src"/include/zhtext/*.hpp; do
  all="$all#include <zhtext/$(basename "$h")>"$'\n'
done
compiles "(all public headers)" "$all"
[ -z "$bad" ]
check "every public header compiles with -fno-exceptions (one unit including them all)${bad:+ (not:$bad)}" $?
bad=""
mode_dependent=$(cd "$src/include" && grep -rlE '\b(ZHTEXT_EXCEPTIONS|__cpp_exceptions|__EXCEPTIONS)\b' zhtext | sort)
for name in $mode_dependent; do
  compiles "$name" "#include <$name>"
done
[ -n "$mode_dependent" ] && [ -z "$bad" ]
check "the headers whose code depends on the exception mode compile alone with -fno-exceptions ($(echo $mode_dependent))${bad:+ (not:$bad)}" $?

# -O0: the compile is what is tested, and it is the fastest.
"$cxx" "${flags[@]}" -O0 "${inc[@]}" "$src/tests/consumer/no_exceptions.cpp" -o "$tmp/no_exceptions" -pthread \
  2> "$tmp/err"
rc=$?
sed 's/^/     | /' "$tmp/err" | head -20
check "tests/consumer/no_exceptions.cpp compiles with -fno-exceptions" $rc
if [ $rc -eq 0 ]; then
  "$tmp/no_exceptions" "$tmp" > "$tmp/out" 2>&1
  rc=$?
  sed 's/^/     | /' "$tmp/out"
  if [ $rc -eq 77 ]; then
    echo "SKIP: jieba's data is not installed (Debian python3-jieba), the program could not run"
    [ "$fails" -eq 0 ] && exit 77
  fi
  check "... and runs, every check passing" $rc
fi

[ "$fails" -eq 0 ] || { echo "$fails check(s) failed"; exit 1; }
