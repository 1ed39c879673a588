# tests/header_lib.sh - sourced by the tests that compile zhtext's public headers on
# their own (include_budget_test.sh, no_exceptions_test.sh); not a test itself.
# Sets src (the source tree), cxx (the compiler: $CXX or c++), tmp (a temporary folder,
# removed on exit), inc (the include flags of an installed zhtext) and check NAME RC
# (prints ok/FAIL, counts failures in `fails`). Exits 77 (skip) without a compiler,
# and in the sanitizer build: a check of the headers, not of a build, which the release
# stage of scripts/test.sh runs with the same headers and compiler.
set -uo pipefail
src=${ZHTEXT_SOURCE_DIR:?ZHTEXT_SOURCE_DIR must point at the source tree}
cxx=${CXX:-c++}
command -v "$cxx" > /dev/null 2>&1 || { echo "SKIP: no C++ compiler ($cxx)"; exit 77; }
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
