#!/usr/bin/env bash
# no_exceptions_test.sh - zhtext without exceptions: every public header compiles on its
# own with -fno-exceptions, and tests/consumer/no_exceptions.cpp (the main features:
# UTF-8, Unicode, normalisation, sentences, segmentation on one thread and several,
# POS, keywords, frequency tables, matching, entities, discovery) compiles with
# -fno-exceptions -Wall -Wextra -Werror and runs, each of its checks passing.
#
# What still throws with exceptions on (a program's own mistakes, std::bad_alloc) is
# listed in zhtext/result.hpp; without exceptions those end the program.
set -uo pipefail
src=${ZHTEXT_SOURCE_DIR:?ZHTEXT_SOURCE_DIR must point at the source tree}
cxx=${CXX:-c++}
command -v "$cxx" > /dev/null 2>&1 || { echo "SKIP: no C++ compiler ($cxx)"; exit 77; }
# A check of the headers, not of a build: the release stage of scripts/test.sh runs it,
# the sanitizer stage (the same headers, the same compiler) does not repeat it.
if [ -n "${ZHTEXT_BUILD_DIR:-}" ] && grep -qs '^ZHTEXT_SANITIZE:STRING=ON$' "$ZHTEXT_BUILD_DIR/CMakeCache.txt"; then
  echo "SKIP: checked in the release build (this is the sanitizer build)"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
check() {  # check NAME CONDITION-EXIT-CODE
  if [ "$2" -eq 0 ]; then echo "ok   $1"; else echo "FAIL $1"; fails=$((fails + 1)); fi
}

inc=(-I"$src/include")
[ -d /usr/include/utf8cpp ] && inc+=(-I/usr/include/utf8cpp)
[ -n "${ZHTEXT_BUILD_DIR:-}" ] && [ -d "$ZHTEXT_BUILD_DIR/include" ] && inc+=(-I"$ZHTEXT_BUILD_DIR/include")
flags=(-std=c++17 -fno-exceptions -Wall -Wextra -Wpedantic -Werror)

# The checker checks itself: a header that throws must fail the same compile.
printf '#pragma once\ninline void boom() { throw 1; }\n' > "$tmp/throws.hpp"
! echo '#include "throws.hpp"' | "$cxx" "${flags[@]}" -fsyntax-only -I"$tmp" -x c++ - 2> /dev/null
check "a header with a throw fails to compile with -fno-exceptions" $?

bad=""
for h in "$src"/include/zhtext/*.hpp; do
  name=zhtext/$(basename "$h")
  if ! echo "#include <$name>" | "$cxx" "${flags[@]}" -fsyntax-only "${inc[@]}" -x c++ - 2> "$tmp/err"; then
    bad="$bad $name"
    sed 's/^/     | /' "$tmp/err" | head -5
  fi
done
[ -z "$bad" ]
check "every public header compiles alone with -fno-exceptions${bad:+ (not:$bad)}" $?

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
