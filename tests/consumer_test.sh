#!/usr/bin/env bash
# consumer_test.sh - builds and runs tests/consumer/ against zhtext in every way users
# consume it: find_package after cmake --install, add_subdirectory, FetchContent with
# SOURCE_DIR, and pkg-config --cflags; each way also builds and runs the program that
# uses zhtext/segment_parallel.hpp through zhtext::parallel (pkg-config: zhtext-parallel),
# and checks that zhtext::zhtext (pkg-config: zhtext) imposes no thread library. The
# installed package also builds keywords.cpp (it loads every model) header-only and in
# compiled mode (zhtext::compiled, pkg-config zhtext-compiled): same output, and the
# compiled-mode object defines none of the loaders (it calls libzhtext_compiled.a's).
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

run_keywords() {  # run_keywords HEADER_ONLY_PROGRAM COMPILED_PROGRAM
  local a b
  a=$("$1") || { echo "FAIL: $1 failed"; exit 1; }
  b=$("$2") || { echo "FAIL: $2 failed"; exit 1; }
  case "$a" in "社区/n 书屋/n 开放/v "*$'\n'"书屋 "*"'/nonexistent/zhtext/dict.txt'"*) ;;
    *) echo "FAIL: unexpected output of $1: $a"; exit 1 ;; esac
  if [ "$a" != "$b" ]; then echo "FAIL: compiled mode differs from header-only:"; diff <(echo "$a") <(echo "$b"); exit 1; fi
}
no_loaders() {  # no_loaders OBJECT: compiled mode, the loaders are undefined references
  local symbols defined
  symbols=$(nm -C "$1")
  defined=$(grep -E ' [TtWw] .*(keyword_extractor::load|pos_model::parse_impl|compile_dictionary)' <<< "$symbols") || true
  if [ -n "$defined" ] || ! grep -q ' U zhtext::keyword_extractor::load' <<< "$symbols"; then
    echo "FAIL: $1 is not a compiled-mode object: ${defined:-keyword_extractor::load is not an undefined reference}" | head -3; exit 1
  fi
}

echo "== install + find_package"
cmake --install "$build" --prefix "$tmp/prefix" > /dev/null
test -f "$tmp/prefix/include/zhtext/zhtext.hpp"
ls "$tmp"/prefix/lib*/cmake/zhtext/zhtextConfig.cmake > /dev/null
test -x "$tmp/prefix/bin/zhtext"
ls "$tmp"/prefix/lib*/libzhtext_compiled.a "$tmp"/prefix/lib*/pkgconfig/zhtext-compiled.pc > /dev/null
cmake -S "$consumer" -B "$tmp/fp" -DZHTEXT_CONSUME=find_package -DCMAKE_PREFIX_PATH="$tmp/prefix" \
  -DZHTEXT_CONSUMER_COMPILED=ON > /dev/null
cmake --build "$tmp/fp" -j2 > /dev/null
run "$tmp/fp/consumer"
run_parallel "$tmp/fp/consumer_parallel"
echo "== zhtext::compiled (same output as header-only)"
run_keywords "$tmp/fp/consumer_keywords" "$tmp/fp/consumer_keywords_compiled"
no_loaders "$tmp/fp/CMakeFiles/consumer_keywords_compiled.dir/keywords.cpp.o"

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
PKG_CONFIG_PATH=$(printf '%s:' "$tmp/prefix/share/pkgconfig" "$tmp"/prefix/lib*/pkgconfig)
export PKG_CONFIG_PATH
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
# shellcheck disable=SC2086
c++ -c "$consumer/keywords.cpp" $(pkg-config --cflags zhtext-compiled) -o "$tmp/pc_keywords.o"
no_loaders "$tmp/pc_keywords.o"
# shellcheck disable=SC2086
c++ "$tmp/pc_keywords.o" $(pkg-config --libs zhtext-compiled) -o "$tmp/pc_keywords_compiled"
run_keywords "$tmp/fp/consumer_keywords" "$tmp/pc_keywords_compiled"
echo "all four ways work"
