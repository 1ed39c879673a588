#!/usr/bin/env bash
# unicode_tables_test.sh - include/zhtext/detail/unicode/tables.hpp is what
# tools/gen_unicode_tables.py makes from the installed UCD (Debian unicode-data): byte
# for byte, under 100 KB; and the generator reports a malformed data file with its
# file:line instead of writing a table.
set -uo pipefail
src=${ZHTEXT_SOURCE_DIR:?ZHTEXT_SOURCE_DIR must point at the source tree}
ucd=/usr/share/unicode
py=$(command -v python3 || echo /usr/bin/python3)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
check() {  # check NAME CONDITION-EXIT-CODE
  if [ "$2" -eq 0 ]; then echo "ok   $1"; else echo "FAIL $1"; fails=$((fails + 1)); fi
}

committed="$src/include/zhtext/detail/unicode/tables.hpp"
"$py" "$src/tools/gen_unicode_tables.py" --ucd "$ucd" --output "$tmp/unicode_tables.hpp"
check "generator runs" $?
cmp "$tmp/unicode_tables.hpp" "$committed"
check "regenerated table is byte-identical to the committed one" $?
grep -q "flag_pzc = 0x80" "$committed"
check "the P*/Z*/C* bit (shingling) is in the records' flags" $?
size=$(wc -c < "$committed")
echo "     size: $size bytes"
[ "$size" -lt 100000 ]
check "generated header is under 100 KB" $?
head -3 "$committed" | grep -q "^// Unicode 15.0.0 "
check "header names the Unicode version" $?
head -3 "$committed" | grep -q "^// Command: python3 tools/gen_unicode_tables.py"
check "header names the generator command" $?

# A malformed property file: the generator names file:line, exits 1, writes nothing.
mkdir -p "$tmp/ucd/auxiliary" "$tmp/ucd/emoji"
for f in "$ucd"/*.txt; do ln -s "$f" "$tmp/ucd/"; done
for f in "$ucd"/auxiliary/*.txt "$ucd"/emoji/*.txt; do ln -s "$f" "$tmp/ucd/${f#"$ucd"/}"; done
rm "$tmp/ucd/auxiliary/WordBreakProperty.txt"
{ head -40 "$ucd/auxiliary/WordBreakProperty.txt"; echo "00ZZ ; ALetter # broken"; } > "$tmp/ucd/auxiliary/WordBreakProperty.txt"
err=$("$py" "$src/tools/gen_unicode_tables.py" --ucd "$tmp/ucd" --output "$tmp/bad.hpp" 2>&1); rc=$?
[ "$rc" -eq 1 ]
check "malformed file: exit 1" $?
echo "$err" | grep -q "WordBreakProperty.txt:41: malformed line"
check "malformed file: message names file:line ($err)" $?
[ ! -e "$tmp/bad.hpp" ]
check "malformed file: no output written" $?
ln -sf "$ucd/auxiliary/WordBreakProperty.txt" "$tmp/ucd/auxiliary/WordBreakProperty.txt"
rm "$tmp/ucd/emoji/emoji-data.txt"
err=$("$py" "$src/tools/gen_unicode_tables.py" --ucd "$tmp/ucd" --output "$tmp/bad.hpp" 2>&1); rc=$?
[ "$rc" -eq 1 ] && echo "$err" | grep -q "emoji-data.txt: cannot read"
check "missing file: exit 1 and a message ($err)" $?

[ "$fails" -eq 0 ] || { echo "$fails check(s) failed"; exit 1; }
