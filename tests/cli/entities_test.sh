#!/usr/bin/env bash
# entities_test.sh - `zhtext entities`: the TSV and JSON Lines formats, offsets
# within the line, --kinds, several files and directories, the block engine (threads,
# block sizes, a line longer than a block), --on-invalid, bad input, exit codes.
. "$(dirname "$0")/lib.sh"
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

# A directory: its *.txt files in path order, each row with the file name.
mkdir -p "$tmp/dir/sub"
printf '47名\n' > "$tmp/dir/b.txt"
printf '昨天\n' > "$tmp/dir/sub/a.txt"
printf '3月6日\n' > "$tmp/dir/c.md"
check "directory" "$tmp/dir/b.txt${tab}quantity${tab}1${tab}0${tab}5${tab}47名${tab}47 名
$tmp/dir/sub/a.txt${tab}relative${tab}1${tab}0${tab}6${tab}昨天${tab}day-1" "$("$zh" entities "$tmp/dir")"

# The block engine: the same rows for every --threads and block size, on many lines
# and on one line longer than the block limit (ZHTEXT_BLOCK_SIZE=64 cuts it every
# 1024 bytes; offsets stay within the real line).
for k in $(seq 1 400); do printf '第%d行：%d名队员，%d月%d日，晚上6点半至9点。\n' "$k" "$k" $((k % 12 + 1)) $((k % 28 + 1)); done > "$tmp/many.txt"
"$zh" entities --threads 1 "$tmp/many.txt" > "$tmp/many.1"
check "many lines: rows" "1200" "$(wc -l < "$tmp/many.1" | tr -d ' ')"
check "--threads 2 gives the same bytes" "$(cat "$tmp/many.1")" "$("$zh" entities --threads 2 "$tmp/many.txt")"
check "small blocks give the same bytes" "$(cat "$tmp/many.1")" "$(ZHTEXT_BLOCK_SIZE=64 "$zh" entities --threads 2 "$tmp/many.txt")"
python3 - "$tmp/long.txt" <<'PY'
import sys
# "47名" every 128 bytes (5 bytes + 123 spaces), 200 times, in one line; then a second line.
with open(sys.argv[1], 'wb') as f:
    f.write(("47名" + " " * 123).encode() * 200 + "\n昨天\n".encode())
PY
expected=$(python3 -c 'print("\n".join("quantity\t1\t%d\t%d\t47名\t47 名" % (k * 128, k * 128 + 5) for k in range(200)) + "\nrelative\t2\t0\t6\t昨天\tday-1")')
check "one long line, default blocks" "$expected" "$("$zh" entities "$tmp/long.txt")"
check "one long line cut into blocks: offsets carried" "$expected" "$(ZHTEXT_BLOCK_SIZE=64 "$zh" entities --threads 2 --quiet "$tmp/long.txt")"

# --on-invalid: offsets and lines stay those of the file.
printf '\xff\xff昨天\n47名\n' > "$tmp/inv.txt"
check "--on-invalid replace: file offsets" "relative${tab}1${tab}2${tab}8${tab}昨天${tab}day-1
quantity${tab}2${tab}0${tab}5${tab}47名${tab}47 名" "$("$zh" entities --quiet "$tmp/inv.txt")"
check "--on-invalid skip: file line numbers" "quantity${tab}2${tab}0${tab}5${tab}47名${tab}47 名" "$("$zh" entities --quiet --on-invalid skip "$tmp/inv.txt")"
"$zh" entities --on-invalid error "$tmp/inv.txt" > "$tmp/out" 2> /dev/null; rc=$?
check "--on-invalid error: exit 1, nothing written" "1 0" "$rc $(wc -c < "$tmp/out" | tr -d ' ')"

# Bad input: invalid UTF-8 and NUL bytes are never part of an entity; no crash.
printf '\xff47名\x00\xe5\n' > "$tmp/bad.txt"
check "invalid UTF-8 around an entity" "quantity${tab}1${tab}1${tab}6${tab}47名${tab}47 名" "$("$zh" entities --quiet "$tmp/bad.txt")"
head -c 3000000 /dev/urandom > "$tmp/random.bin"
"$zh" entities --quiet "$tmp/random.bin" > /dev/null; rc=$?
check "random bytes: exit 0" "0" "$rc"
"$zh" entities --quiet --json "$tmp/random.bin" | python3 -c 'import json,sys; [json.loads(l) for l in sys.stdin]' ; rc=$?
check "random bytes: JSON still parses" "0" "$rc"
check "empty input" "" "$("$zh" entities < /dev/null)"

# Exit codes and help.
"$zh" entities "$tmp/missing.txt" > /dev/null 2> "$tmp/err"; rc=$?
check "missing file: exit 3" "3" "$rc"
case "$(cat "$tmp/err")" in
  "zhtext entities: cannot open '$tmp/missing.txt'"*) check "missing file: message" yes yes ;;
  *) check "missing file: message" "zhtext entities: cannot open '$tmp/missing.txt'..." "$(cat "$tmp/err")" ;;
esac
out=$("$zh" entities --help); rc=$?
check "--help exit 0" "0" "$rc"
case "$out" in "usage: zhtext entities"*) check "--help usage line" "yes" "yes" ;; *) check "--help usage line" "usage: zhtext entities..." "$out" ;; esac
"$zh" entities --frobnicate < /dev/null 2> /dev/null; rc=$?
check "unknown option: exit 2" "2" "$rc"

finish
