#!/usr/bin/env bash
# consumer_test.sh - builds and runs tests/consumer/ against zhtext in every way users
# consume it: find_package after cmake --install, add_subdirectory, FetchContent with
# SOURCE_DIR, and pkg-config --cflags; each way also builds and runs the program that
# uses zhtext/segment_parallel.hpp through zhtext::parallel (pkg-config: zhtext-parallel),
# and checks that zhtext::zhtext (pkg-config: zhtext) imposes no thread library.
set -euo pipefail
src=${ZHTEXT_SOURCE_DIR:?}
build=${ZHTEXT_BUILD_DIR:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
consumer=$src/tests/consumer
expected=$'1 社区书屋开放了。\n2 居民前来借书！'

run() {  # run PROGRAM: checks the consumer's output
  local out
  out=$("$@")
  if [ "$out" != "$expected" ]; then echo "FAIL: unexpected output: $out"; exit 1; fi
}
run_parallel() {  # run_parallel PROGRAM: checks the parallel consumer (segment_parallel.hpp)
  local out
  out=$("$@")  # 13357 lines of 10 tokens (社区 书屋 开放 了 。 居民 前来 借书 ！ \n), = one thread
  if [ "$out" != "parallel: 133570 tokens" ]; then echo "FAIL: unexpected output: $out"; exit 1; fi
}

echo "== install + find_package"
cmake --install "$build" --prefix "$tmp/prefix" > /dev/null
test -f "$tmp/prefix/include/zhtext/zhtext.hpp"
test -f "$tmp/prefix/share/zhtext/cmake/zhtextConfig.cmake"
test -x "$tmp/prefix/bin/zhtext"
cmake -S "$consumer" -B "$tmp/fp" -DZHTEXT_CONSUME=find_package -DCMAKE_PREFIX_PATH="$tmp/prefix" > /dev/null
cmake --build "$tmp/fp" > /dev/null
run "$tmp/fp/consumer"
run_parallel "$tmp/fp/consumer_parallel"

echo "== add_subdirectory"
cmake -S "$consumer" -B "$tmp/sub" -DZHTEXT_CONSUME=subdirectory -DZHTEXT_SOURCE_DIR="$src" > /dev/null
cmake --build "$tmp/sub" > /dev/null
run "$tmp/sub/consumer"
run_parallel "$tmp/sub/consumer_parallel"

echo "== FetchContent (SOURCE_DIR)"
cmake -S "$consumer" -B "$tmp/fc" -DZHTEXT_CONSUME=fetchcontent -DZHTEXT_SOURCE_DIR="$src" > /dev/null
cmake --build "$tmp/fc" > /dev/null
run "$tmp/fc/consumer"
run_parallel "$tmp/fc/consumer_parallel"

echo "== pkg-config"
export PKG_CONFIG_PATH="$tmp/prefix/share/pkgconfig"
flags=$(pkg-config --cflags --libs zhtext)
case " $flags " in *pthread*) echo "FAIL: pkg-config zhtext imposes a thread library: $flags"; exit 1 ;; esac
# shellcheck disable=SC2086
c++ $flags "$consumer/main.cpp" -o "$tmp/pc"
run "$tmp/pc"
flags=$(pkg-config --cflags --libs zhtext-parallel)
case " $flags " in *" -pthread "*) ;; *) echo "FAIL: pkg-config zhtext-parallel lacks -pthread: $flags"; exit 1 ;; esac
# shellcheck disable=SC2086
c++ "$consumer/parallel.cpp" $flags -o "$tmp/pc_parallel"
run_parallel "$tmp/pc_parallel"
echo "all four ways work"
