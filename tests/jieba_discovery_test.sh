#!/usr/bin/env bash
# jieba_discovery_test.sh - cmake/jieba_data.cmake, which finds jieba's data at
# configure time (issue 14, defect 10: outside Debian, a pip-installed jieba): in
# $ZHTEXT_JIEBA_DIR, else Debian's python3-jieba, else the jieba module of the
# configure-time Python; run here in CMake's script mode on directories made for it.
set -uo pipefail
src=${ZHTEXT_SOURCE_DIR:-$(cd "$(dirname "$0")/.." && pwd)}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
check() {
  if [ "$2" == "$3" ]; then echo "ok   $1"; else echo "FAIL $1"; echo "  expected: $2"; echo "  actual:   $3"; fails=$((fails + 1)); fi
}
mkdir -p "$tmp/env" "$tmp/debian" "$tmp/pip/jieba" "$tmp/none"
touch "$tmp/env/dict.txt" "$tmp/debian/dict.txt" "$tmp/pip/jieba/dict.txt" "$tmp/pip/jieba/__init__.py"
# A Python whose jieba is the one in $tmp/pip (as `pip install jieba` leaves it).
cat > "$tmp/python" <<PY
#!/bin/sh
PYTHONPATH="$tmp/pip" exec /usr/bin/python3 "\$@"
PY
chmod +x "$tmp/python"
cat > "$tmp/find.cmake" <<CM
include("$src/cmake/jieba_data.cmake")
zhtext_find_jieba_data(dir how DEBIAN_DIR "\${DEBIAN}" PYTHONS \${PYTHONS})
message(STATUS "\${dir}|\${how}")
CM
find() {  # find DEBIAN_DIR PYTHONS: "dir|how" (and warnings)
  cmake -DDEBIAN="$1" "-DPYTHONS=$2" -P "$tmp/find.cmake" 2>&1 | sed -n 's/^-- //p'
}

check "the environment first" "$tmp/env|environment variable ZHTEXT_JIEBA_DIR" \
  "$(ZHTEXT_JIEBA_DIR=$tmp/env find "$tmp/debian" "$tmp/python")"
check "then Debian's python3-jieba" "$tmp/debian|Debian package python3-jieba" \
  "$(env -u ZHTEXT_JIEBA_DIR bash -c "$(declare -f find); tmp=$tmp; find $tmp/debian $tmp/python")"
check "then the jieba of the configure-time Python (pip)" "$tmp/pip/jieba|the jieba module of $tmp/python" \
  "$(ZHTEXT_JIEBA_DIR= find "$tmp/none" "/nonexistent/python;$tmp/python")"
check "an environment directory without dict.txt is ignored, with a warning" "$tmp/pip/jieba|the jieba module of $tmp/python" \
  "$(ZHTEXT_JIEBA_DIR=$tmp/none find "$tmp/none" "$tmp/python" | tail -n 1)"
check "... the warning" "1" "$(ZHTEXT_JIEBA_DIR=$tmp/none cmake -DDEBIAN="$tmp/none" -DPYTHONS= -P "$tmp/find.cmake" 2>&1 | tr -s '\n ' '  ' | grep -c 'which has no dict.txt; ignored')"
check "nothing found: the Debian path, no 'how'" "$tmp/none|" "$(ZHTEXT_JIEBA_DIR= find "$tmp/none" "/nonexistent/python")"
if /usr/bin/python3 -c 'import jieba' 2> /dev/null; then
  check "Debian's own Python finds Debian's jieba" "$(/usr/bin/python3 -c 'import os, jieba; print(os.path.dirname(os.path.abspath(jieba.__file__)))')|the jieba module of /usr/bin/python3" \
    "$(ZHTEXT_JIEBA_DIR= find "$tmp/none" /usr/bin/python3)"
fi
# The configure step reports what it found (this build's cache, when it was configured
# with the default, empty ZHTEXT_JIEBA_DIR).
check "the top-level CMakeLists.txt reports it" "1" "$(grep -c 'message(STATUS "zhtext: jieba.s data: ${ZHTEXT_JIEBA_DIR} (${zhtext_jieba_how})")' "$src/CMakeLists.txt")"
echo "$fails failure(s)"
[ "$fails" -eq 0 ]
