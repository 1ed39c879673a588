#!/usr/bin/env bash
# entities_cli_test.sh - `zhtext entities`: the TSV and JSON Lines formats, offsets
# within the line, --kinds, several files, bad input, exit codes.
set -uo pipefail
zh=${ZHTEXT_CLI:?ZHTEXT_CLI must point at the zhtext program}
src=${ZHTEXT_SOURCE_DIR:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
check() {  # check NAME EXPECTED ACTUAL
  if [ "$2" == "$3" ]; then echo "ok   $1"; else echo "FAIL $1"; echo "  expected: $(printf %q "$2")"; echo "  actual:   $(printf %q "$3")"; fails=$((fails + 1)); fi
}
tab=$'\t'

# TSV: KIND LINE START END TEXT VALUE; offsets are bytes within the line.
printf '本报讯（记者 李冉）6月18日，47名队员\n\n晚上6点半至9点，近5000人\n' > "$tmp/a.txt"
check "TSV rows" "byline${tab}1${tab}0${tab}28${tab}本报讯（记者 李冉）${tab}reporter:李冉
date${tab}1${tab}28${tab}37${tab}6月18日${tab}--06-18
quantity${tab}1${tab}40${tab}45${tab}47名${tab}47 名
time${tab}3${tab}0${tab}20${tab}晚上6点半至9点${tab}18:30..21:00
quantity${tab}3${tab}23${tab}33${tab}近5000人${tab}<5000 人" "$("$zh" entities "$tmp/a.txt")"
check "stdin and '-' give the same rows" "$("$zh" entities "$tmp/a.txt")" "$("$zh" entities - < "$tmp/a.txt")"

# CRLF line ends: the CR is not part of the line; offsets are unchanged.
printf '3月6日\r\n47名\r\n' > "$tmp/crlf.txt"
check "CRLF" "date${tab}1${tab}0${tab}8${tab}3月6日${tab}--03-06
quantity${tab}2${tab}0${tab}5${tab}47名${tab}47 名" "$("$zh" entities "$tmp/crlf.txt")"

# JSON Lines: the same fields plus the line number; every line parses as JSON.
check "JSON line" '{"kind":"quantity","line":1,"start":0,"end":10,"text":"5000余名","value":">5000 名"}' \
  "$(printf '5000余名居民' | "$zh" entities --json)"
check "JSON escapes a quote in a byline-free value" '{"kind":"number","line":1,"start":1,"end":4,"text":"5+2","value":"5+2"}' \
  "$(printf '"5+2"' | "$zh" entities --json)"
"$zh" entities --json "$src/examples/data/sample_news.txt" > "$tmp/sample.jsonl"
check "JSON Lines parse, fields in order" "ok" "$(python3 - "$tmp/sample.jsonl" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding='utf-8')]
assert len(rows) >= 10, len(rows)
for r in rows:
    assert list(r) == ["kind", "line", "start", "end", "text", "value"], list(r)
print("ok")
PY
)"

# Offsets: for every row of the sample, bytes [START, END) of line LINE are TEXT.
"$zh" entities "$src/examples/data/sample_news.txt" > "$tmp/sample.tsv"
check "offsets point at the text" "ok" "$(python3 - "$src/examples/data/sample_news.txt" "$tmp/sample.tsv" <<'PY'
import sys
lines = open(sys.argv[1], 'rb').read().split(b'\n')
n = 0
for row in open(sys.argv[2], 'rb').read().decode('utf-8').splitlines():
    kind, line, start, end, text, value = row.split('\t')
    got = lines[int(line) - 1][int(start):int(end)].decode('utf-8')
    assert got == text, (row, got)
    n += 1
assert n >= 10, n
print("ok")
PY
)"

# --kinds filters; filtering never changes what is found (2020年 is a date).
check "--kinds" "date${tab}1${tab}28${tab}37${tab}6月18日${tab}--06-18" "$("$zh" entities --kinds date,time "$tmp/a.txt" | head -1)"
check "--kinds quantity does not turn a year into one" "" "$(printf '2020年' | "$zh" entities --kinds quantity)"
"$zh" entities --kinds money < /dev/null 2> "$tmp/err"; rc=$?
check "unknown kind: exit 2" "2" "$rc"
check "unknown kind: message" "zhtext entities: unknown entity kind 'money' in --kinds (see 'zhtext entities --help')" "$(cat "$tmp/err")"

# Several files: each row starts with the file name; line numbers restart per file.
printf '47名\n' > "$tmp/b.txt"
check "several files" "$tmp/b.txt${tab}quantity${tab}1${tab}0${tab}5${tab}47名${tab}47 名
$tmp/crlf.txt${tab}date${tab}1${tab}0${tab}8${tab}3月6日${tab}--03-06
$tmp/crlf.txt${tab}quantity${tab}2${tab}0${tab}5${tab}47名${tab}47 名" "$("$zh" entities "$tmp/b.txt" "$tmp/crlf.txt")"
check "several files, JSON" '{"file":"'"$tmp"'/b.txt","kind":"quantity","line":1,"start":0,"end":5,"text":"47名","value":"47 名"}' \
  "$("$zh" entities --json "$tmp/b.txt" "$tmp/b.txt" | head -1)"

# Bad input: invalid UTF-8 and NUL bytes are never part of an entity; no crash.
printf '\xff47名\x00\xe5\n' > "$tmp/bad.txt"
check "invalid UTF-8 around an entity" "quantity${tab}1${tab}1${tab}6${tab}47名${tab}47 名" "$("$zh" entities "$tmp/bad.txt")"
head -c 3000000 /dev/urandom > "$tmp/random.bin"
"$zh" entities "$tmp/random.bin" > /dev/null; rc=$?
check "random bytes: exit 0" "0" "$rc"
"$zh" entities --json "$tmp/random.bin" | python3 -c 'import json,sys; [json.loads(l) for l in sys.stdin]' ; rc=$?
check "random bytes: JSON still parses" "0" "$rc"
check "empty input" "" "$("$zh" entities < /dev/null)"

# Exit codes and help.
"$zh" entities "$tmp/missing.txt" > /dev/null 2> "$tmp/err"; rc=$?
check "missing file: exit 3" "3" "$rc"
check "missing file: message" "zhtext entities: cannot open '$tmp/missing.txt'" "$(cat "$tmp/err")"
out=$("$zh" entities --help); rc=$?
check "--help exit 0" "0" "$rc"
case "$out" in "usage: zhtext entities"*) check "--help usage line" "yes" "yes" ;; *) check "--help usage line" "usage: zhtext entities..." "$out" ;; esac
"$zh" entities --frobnicate < /dev/null 2> /dev/null; rc=$?
check "unknown option: exit 2" "2" "$rc"

echo "$fails failure(s)"
[ "$fails" -eq 0 ]
