#!/usr/bin/env bash
# frequency_test.sh - `zhtext merge` and `zhtext discover`: formats, order
# independence, errors and exit codes.
. "$(dirname "$0")/lib.sh"

# ---- merge
printf '社区\t3\t2\na\\tb\t1\t1\n居民\t2\t1\n' > "$tmp/a.tsv"
printf '居民\t4\t2\r\n社区\t1\t1\n\n\\xFF\t2\t1\n' > "$tmp/b.tsv"
expected='居民	6	3
社区	4	3
\xFF	2	1
a\tb	1	1'
check "merge two files" "$expected" "$("$zh" merge "$tmp/a.tsv" "$tmp/b.tsv")"
check "merge order of files does not matter" "$expected" "$("$zh" merge "$tmp/b.tsv" "$tmp/a.tsv")"
check "merge sorted stdin" "$expected" "$(cat "$tmp/a.tsv" "$tmp/b.tsv" | LC_ALL=C sort | "$zh" merge)"
check "merge of a merge" "$expected" "$("$zh" merge "$tmp/a.tsv" "$tmp/b.tsv" | "$zh" merge - )"
check "merge --top 2" "居民	6	3
社区	4	3" "$("$zh" merge --top 2 "$tmp/a.tsv" "$tmp/b.tsv")"
check "merge empty input" "" "$("$zh" merge < /dev/null)"
check "merge --top 0" "" "$("$zh" merge --top 0 "$tmp/a.tsv")"

printf '甲\t1\t1\n乙\t2\n' > "$tmp/bad.tsv"
out=$("$zh" merge "$tmp/a.tsv" "$tmp/bad.tsv" 2> "$tmp/err"); rc=$?
check "merge malformed: exit 1" "1" "$rc"
check "merge malformed: nothing on stdout" "" "$out"
check "merge malformed: file and line" "zhtext merge: $tmp/bad.tsv:2: expected 3 TAB-separated fields: token, count, df" "$(cat "$tmp/err")"
printf 'x\t1\t2\n' | "$zh" merge 2> "$tmp/err" > /dev/null; rc=$?
check "merge df > count: exit 1" "1" "$rc"
check "merge df > count: message" "zhtext merge: <stdin>:1: df is greater than count" "$(cat "$tmp/err")"
"$zh" merge "$tmp/missing.tsv" > /dev/null 2>&1; rc=$?
check "merge missing file: exit 3" "3" "$rc"
"$zh" merge --top x "$tmp/a.tsv" > /dev/null 2>&1; rc=$?
check "merge --top x: exit 2" "2" "$rc"

# Threads, small blocks and directories do not change the result.
mkdir -p "$tmp/parts/sub"
cp "$tmp/a.tsv" "$tmp/parts/a.txt"; cp "$tmp/b.tsv" "$tmp/parts/sub/b.txt"
check "merge a directory" "$expected" "$("$zh" merge "$tmp/parts")"
check "merge --threads 2, 16-byte blocks" "$expected" "$(ZHTEXT_BLOCK_SIZE=16 "$zh" merge --threads 2 "$tmp/a.tsv" "$tmp/b.tsv")"
out=$("$zh" merge "$tmp/a.tsv" "$tmp/missing.tsv" 2> "$tmp/err"); rc=$?
check "merge with an unreadable input: exit 3, nothing printed" "3 " "$rc $out"
printf '%s\t1\t1\n' "$(head -c 300 /dev/zero | tr '\0' x)" > "$tmp/longrow.tsv"
ZHTEXT_BLOCK_SIZE=16 "$zh" merge "$tmp/longrow.tsv" > /dev/null 2> "$tmp/err"; rc=$?
check "merge: a row longer than the block limit is an error" \
  "1 zhtext merge: $tmp/longrow.tsv:1: line longer than the 16 MiB block limit" "$rc $(cat "$tmp/err")"

# Lines across the 1 MiB read blocks: sums and line numbers stay right.
python3 - "$tmp/big.tsv" <<'PY'
import sys
with open(sys.argv[1], "w", encoding="utf-8") as f:
    for i in range(120000):
        f.write("词%d\t%d\t1\n" % (i % 1000, 1 + i % 3))
    f.write("oops\n")
PY
"$zh" merge "$tmp/big.tsv" > /dev/null 2> "$tmp/err"
check "merge big file: error line" "zhtext merge: $tmp/big.tsv:120001: expected 3 TAB-separated fields: token, count, df" "$(cat "$tmp/err")"
head -n 120000 "$tmp/big.tsv" > "$tmp/big_ok.tsv"
want=$(python3 - "$tmp/big_ok.tsv" <<'PY'
import sys, collections
c = collections.Counter(); d = collections.Counter()
for line in open(sys.argv[1], encoding="utf-8"):
    t, n, df = line.rstrip("\n").split("\t")
    c[t] += int(n); d[t] += int(df)
rows = sorted(c, key=lambda t: (-c[t], t.encode()))
print("\n".join("%s\t%d\t%d" % (t, c[t], d[t]) for t in rows))
PY
)
check "merge big file: sums and order (vs Python)" "$want" "$("$zh" merge "$tmp/big_ok.tsv")"
# A 3 MB token on one line survives.
python3 -c 'import sys; sys.stdout.write("社" * 1000000 + "\t2\t1\n")' > "$tmp/long.tsv"
check "merge a huge line" "$(cat "$tmp/long.tsv")" "$("$zh" merge "$tmp/long.tsv" "$tmp/long.tsv" | sed 's/\t4\t2$/\t2\t1/')"

# ---- discover
# A text from a made-up vocabulary: discover must return exactly that vocabulary.
python3 - "$tmp/vocab.txt" "$tmp/text.txt" <<'PY'
import random, sys
random.seed(7)
used, vocab = set(), []
while len(vocab) < 40:
    n = random.randint(2, 4)
    chars = []
    while len(chars) < n:
        c = chr(0x4E00 + random.randrange(0x5000))
        if c not in used:
            used.add(c); chars.append(c)
    vocab.append("".join(chars))
open(sys.argv[1], "w", encoding="utf-8").write("\n".join(sorted(vocab)) + "\n")
with open(sys.argv[2], "w", encoding="utf-8") as f:
    for i in range(20000):
        f.write(random.choice(vocab))
        r = random.randrange(20)
        f.write("，" if r == 0 else "。\n" if r == 1 else "")
PY
"$zh" discover --top 0 --min-count 20 --no-edge-filter "$tmp/text.txt" > "$tmp/found.tsv"; rc=$?
check "discover: exit 0" "0" "$rc"
check "discover: exactly the vocabulary" "$(cat "$tmp/vocab.txt")" "$(cut -f1 "$tmp/found.tsv" | LC_ALL=C sort)"
check "discover: 5 columns, numbers with 6 decimals" "" \
  "$(grep -vP '^[^\t]+\t[0-9]+\t-?[0-9]+\.[0-9]{6}\t[0-9]+\.[0-9]{6}\t-?[0-9]+\.[0-9]{6}$' "$tmp/found.tsv")"
check "discover: best first" "$(sort -t$'\t' -k5,5gr -s "$tmp/found.tsv" | cut -f1)" "$(cut -f1 "$tmp/found.tsv")"
check "discover --top 3" "$(head -n 3 "$tmp/found.tsv")" "$("$zh" discover --top 3 --min-count 20 --no-edge-filter < "$tmp/text.txt")"
head -n 5 "$tmp/vocab.txt" | sed 's/$/ 10 n/' > "$tmp/dict.txt"
check "discover --dict leaves dictionary words out" "$(tail -n +6 "$tmp/vocab.txt")" \
  "$("$zh" discover --top 0 --min-count 20 --no-edge-filter --dict "$tmp/dict.txt" "$tmp/text.txt" | cut -f1 | LC_ALL=C sort)"
check "discover empty input" "" "$("$zh" discover < /dev/null)"
check "discover invalid UTF-8 and NULs" "" "$(printf '\xff\x00\xe4\xb8' | "$zh" discover)"
"$zh" discover --max-length 40 < /dev/null > /dev/null 2> "$tmp/err"; rc=$?
check "discover --max-length 40: exit 2" "2" "$rc"
check "discover --max-length 40: message" \
  "zhtext discover: discover_words: need 2 <= min_length <= max_length <= 32 and min_count >= 1" "$(cat "$tmp/err")"
"$zh" discover --min-entropy abc < /dev/null > /dev/null 2>&1; rc=$?
check "discover --min-entropy abc: exit 2" "2" "$rc"
"$zh" discover --dict "$tmp/missing.txt" < /dev/null > /dev/null 2>&1; rc=$?
check "discover --dict missing: exit 3" "3" "$rc"
printf 'ok 1 n\n\xff 1 n\n' > "$tmp/baddict.txt"
"$zh" discover --dict "$tmp/baddict.txt" < /dev/null > /dev/null 2> "$tmp/err"; rc=$?
check "discover --dict invalid UTF-8: exit 1 and line" "1 zhtext discover: $tmp/baddict.txt:2: invalid UTF-8" "$rc $(cat "$tmp/err")"
"$zh" discover --help > /dev/null; rc=$?
check "discover --help" "0" "$rc"
"$zh" merge --help > /dev/null; rc=$?
check "merge --help" "0" "$rc"

finish
