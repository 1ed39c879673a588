#!/usr/bin/env bash
# temporaries_compile_test.sh - issue 14 defect 9, compiled as a user would write it:
#   1. `kw.tfidf(std::string(...))` (keywords viewing a destroyed string) must not
#      compile, and the compiler must name the deleted overload; the same line with a
#      named string must compile (so the failure is the temporary, nothing else).
#   2. result<T>::value() on an error in a build without exceptions prints the error
#      (code and message) and aborts.
#   3. (issue 13, compile time) kw.tfidf(text), kw.for_each_tfidf(text, f) and
#      zhtext::for_each_tfidf(kw, st, f), without options, do not reach the POS
#      cutter: compiled in compiled mode (-DZHTEXT_SEPARATE_COMPILATION, where
#      keyword_extractor::tagged_candidates, the POS path's entry, is only declared),
#      the object does not call it. (One -O0 compile of the hot templates, ~6 CPU-s.)
# tests/temporaries_test.cpp checks every view-returning call at compile time.
set -uo pipefail
src=${ZHTEXT_SOURCE_DIR:?ZHTEXT_SOURCE_DIR must point at the source tree}
cxx=$(sed -n 's/^CMAKE_CXX_COMPILER:[A-Z]*=//p' "${ZHTEXT_BUILD_DIR:-.}/CMakeCache.txt" 2>/dev/null)
[ -n "$cxx" ] || cxx=c++
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
check() {  # check NAME CONDITION-EXIT-CODE
  if [ "$2" -eq 0 ]; then echo "ok   $1"; else echo "FAIL $1"; fails=$((fails + 1)); fi
}
flags=(-std=c++17 -I"$src/include" -I"${ZHTEXT_BUILD_DIR:-.}/include" -DZHTEXT_DEFAULT_JIEBA_DIR='""'
       -DZHTEXT_DEFAULT_OPENCC_DIR='""')

cat > "$tmp/temporary.cpp" <<'EOF'
#include <zhtext/keywords.hpp>
#include <string>
std::size_t f(const zhtext::keyword_extractor& kw) {
#ifdef NAMED
  const std::string text = "我们都喜欢自然语言处理";
  return kw.tfidf(text).size();
#else
  return kw.tfidf(std::string("我们都喜欢自然语言处理")).size();
#endif
}
EOF
"$cxx" "${flags[@]}" -fsyntax-only -DNAMED "$tmp/temporary.cpp" 2> "$tmp/named.err"
check "tfidf(named string) compiles" $?
if "$cxx" "${flags[@]}" -fsyntax-only "$tmp/temporary.cpp" 2> "$tmp/temporary.err"; then
  check "tfidf(std::string temporary) does not compile" 1
else
  grep -q "deleted" "$tmp/temporary.err"
  check "tfidf(std::string temporary) does not compile: use of a deleted function" $?
fi

cat > "$tmp/noexcept.cpp" <<'EOF'
#include <zhtext/result.hpp>
int main() {
  zhtext::result<int> r = zhtext::make_error(zhtext::errc::parse_error, "user.dict:3: bad frequency");
  return r.value();
}
EOF
"$cxx" "${flags[@]}" -fno-exceptions -o "$tmp/noexcept" "$tmp/noexcept.cpp" 2> "$tmp/noexcept.err"
check "result.hpp compiles with -fno-exceptions" $?
"$tmp/noexcept" 2> "$tmp/abort.err"
rc=$?
[ "$rc" -ne 0 ]
check "value() on an error without exceptions aborts (exit $rc)" $?
[ "$(cat "$tmp/abort.err")" == "zhtext: result::value() on an error: parse_error: user.dict:3: bad frequency" ]
check "... and prints the error: $(head -c 200 "$tmp/abort.err")" $?

cat > "$tmp/pos_free.cpp" <<'EOF'
#include <zhtext/keywords.hpp>
#include <zhtext/script.hpp>
#include <cstddef>
#include <string_view>
std::size_t keywords_without_options(const zhtext::keyword_extractor& kw, std::string_view text,
                                     const zhtext::script_text& st) {
  std::size_t n = kw.tfidf(text).size();
  kw.for_each_tfidf(text, [&](const zhtext::keyword&) { ++n; });
  zhtext::for_each_tfidf(kw, st, [&](const zhtext::keyword&) { ++n; });
  return n;
}
EOF
"$cxx" "${flags[@]}" -O0 -DZHTEXT_SEPARATE_COMPILATION -c -o "$tmp/pos_free.o" "$tmp/pos_free.cpp" 2> "$tmp/pos_free.err"
check "tfidf(text), for_each_tfidf(text, f), for_each_tfidf(kw, st, f) compile in compiled mode" $?
undefined=$(nm -u -C "$tmp/pos_free.o" 2> /dev/null)
grep -q "zhtext::detail::" <<< "$undefined$(nm -C "$tmp/pos_free.o" 2> /dev/null)"
check "... nm reads the object" $?
! grep -q "keyword_extractor::tagged_candidates" <<< "$undefined"
check "... and it does not call the POS path (keyword_extractor::tagged_candidates)" $?

[ "$fails" -eq 0 ] || { echo "$fails failed"; exit 1; }
echo "all passed"
