#!/usr/bin/env bash
# consumer_test.sh - builds and runs tests/consumer/ against zhtext in every way users
# consume it: find_package after cmake --install, add_subdirectory, FetchContent with
# SOURCE_DIR, and pkg-config --cflags.
set -euo pipefail
src=${ZHTEXT_SOURCE_DIR:?}
build=${ZHTEXT_BUILD_DIR:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
consumer=$src/tests/consumer
expected=$'1 社区书屋开放了。\n2 居民前来借书！'

run() {  # run NAME: checks the consumer's output
  local out
  out=$("$@")
  if [ "$out" != "$expected" ]; then echo "FAIL: unexpected output: $out"; exit 1; fi
}

echo "== install + find_package"
cmake --install "$build" --prefix "$tmp/prefix" > /dev/null
test -f "$tmp/prefix/include/zhtext/zhtext.hpp"
test -f "$tmp/prefix/share/zhtext/cmake/zhtextConfig.cmake"
test -x "$tmp/prefix/bin/zhtext"
cmake -S "$consumer" -B "$tmp/fp" -DZHTEXT_CONSUME=find_package -DCMAKE_PREFIX_PATH="$tmp/prefix" > /dev/null
cmake --build "$tmp/fp" > /dev/null
run "$tmp/fp/consumer"

echo "== add_subdirectory"
cmake -S "$consumer" -B "$tmp/sub" -DZHTEXT_CONSUME=subdirectory -DZHTEXT_SOURCE_DIR="$src" > /dev/null
cmake --build "$tmp/sub" > /dev/null
run "$tmp/sub/consumer"

echo "== FetchContent (SOURCE_DIR)"
cmake -S "$consumer" -B "$tmp/fc" -DZHTEXT_CONSUME=fetchcontent -DZHTEXT_SOURCE_DIR="$src" > /dev/null
cmake --build "$tmp/fc" > /dev/null
run "$tmp/fc/consumer"

echo "== pkg-config"
flags=$(PKG_CONFIG_PATH="$tmp/prefix/share/pkgconfig" pkg-config --cflags zhtext)
# shellcheck disable=SC2086
c++ $flags "$consumer/main.cpp" -o "$tmp/pc"
run "$tmp/pc"
echo "all four ways work"
