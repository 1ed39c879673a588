#!/usr/bin/env bash
# dedup_test.sh - `zhtext dedup` against the straightforward all-pairs reference
# (tests/cli/dedup_reference.py: issue 16's shingles with Python's unicodedata, every
# pair's exact Jaccard) on generated corpora with known edits (dropped, added and
# swapped lines, changed credits, width-changed digits, replaced characters, new
# headlines): every printed row is a reference row (same names, same 4-decimal
# similarity, so none below J), in the reference's order, and recall >= 98 %; then
# --clusters, --threads, --format jsonl, --on-invalid, index shards saved apart and
# merged, --index, and damaged or foreign index files.
. "$(dirname "$0")/lib.sh"
ref="$src/tests/cli/dedup_reference.py"
"$py" "$ref" gen "$tmp/c" 16 || { echo "FAIL generator"; exit 1; }
docs="$tmp/c/docs" lines="$tmp/c/lines.txt"

# compare NAME REFERENCE_FILE ACTUAL_FILE: ACTUAL is REFERENCE's rows minus at most
# 2 %, in the same order (so every printed row, its similarity included, is exact).
compare() {
  local ref_rows got_rows kept
  ref_rows=$(wc -l < "$2"); got_rows=$(wc -l < "$3")
  kept=$(awk 'NR == FNR { want[$0] = 1; next } ($0 in want)' "$3" "$2")
  check "$1: every row is a reference row, in order" "$kept" "$(cat "$3")"
  check "$1: recall >= 98 % of $ref_rows pairs" "yes" \
    "$([ "$ref_rows" -gt 20 ] && [ $((got_rows * 100)) -ge $((ref_rows * 98)) ] && echo yes || echo "no: $got_rows")"
}

for j in 0.8 0.5 0.95; do
  "$py" "$ref" pairs --threshold "$j" "$docs" > "$tmp/ref.tsv"
  "$zh" dedup --threshold "$j" "$docs" > "$tmp/got.tsv"
  compare "files, J=$j" "$tmp/ref.tsv" "$tmp/got.tsv"
  "$py" "$ref" pairs --per-line --threshold "$j" "$lines" > "$tmp/ref.tsv"
  "$zh" dedup --per-line --threshold "$j" "$lines" > "$tmp/got.tsv"
  compare "lines, J=$j" "$tmp/ref.tsv" "$tmp/got.tsv"
done
"$py" "$ref" pairs --shingle 3 "$docs" > "$tmp/ref.tsv"
"$zh" dedup --shingle 3 "$docs" > "$tmp/got.tsv"
compare "files, K=3" "$tmp/ref.tsv" "$tmp/got.tsv"

# Lines over several inputs are numbered over all of them; a directory lists DIR/name.
head -700 "$lines" > "$tmp/l1.txt"; tail -n +701 "$lines" > "$tmp/l2.txt"
same_file "line numbers run over all inputs" <("$zh" dedup --per-line "$lines") \
  <("$zh" dedup --per-line "$tmp/l1.txt" "$tmp/l2.txt")
check "names as listed: DIR/name" "$docs/a0000.txt" "$("$zh" dedup "$docs" | head -1 | cut -f1 | sed 's/a[0-9]*\.txt$/a0000.txt/')"

# Threads and block sizes change nothing.
for t in 1 2 3; do
  same_file "--threads $t, small blocks" <("$zh" dedup --per-line "$lines") \
    <(ZHTEXT_BLOCK_SIZE=4096 "$zh" dedup --threads "$t" --per-line "$lines")
  same_file "--threads $t, files" <("$zh" dedup "$docs") <("$zh" dedup --threads "$t" "$docs")
done

# --clusters: the union-find groups of the pairs, numbered in order of first documents.
"$zh" dedup --per-line --threshold 0.5 "$lines" > "$tmp/pairs.tsv"
"$zh" dedup --per-line --threshold 0.5 --clusters "$lines" > "$tmp/clusters.tsv"
check "clusters = connected components of the pairs" "$("$py" - "$tmp/pairs.tsv" <<'EOF'
import sys
parent = {}
def find(x):
    while parent.setdefault(x, x) != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x
for line in open(sys.argv[1]):
    a, b, _ = line.split("\t")
    parent[find(int(a))] = find(int(b))
groups = {}
for d in sorted(parent):
    groups.setdefault(find(d), []).append(d)
order = sorted(groups.values(), key=lambda g: g[0])
for n, g in enumerate(order, 1):
    for d in g:
        print("%d\t%d" % (n, d))
EOF
)" "$(cat "$tmp/clusters.tsv")"
check "clusters: more than one" "yes" "$([ "$(cut -f1 "$tmp/clusters.tsv" | sort -u | wc -l)" -gt 10 ] && echo yes)"

# JSON Lines: the same pairs.
check "jsonl rows" "$(sed -E 's/^([^\t]*)\t([^\t]*)\t(.*)$/{"a":"\1","b":"\2","similarity":\3}/' < <("$zh" dedup "$docs"))" \
  "$("$zh" dedup --format jsonl "$docs")"
check "jsonl per line: numbers" '{"a":1,"b":2,"similarity":1.0000}' \
  "$(printf '今天天气很好。\n今天，天气很好！\n' | "$zh" dedup --per-line --format jsonl)"

# Definition corner cases: width-folded digits, punctuation and spaces removed, a short
# remainder is one shingle, empty documents pair with nothing.
printf '２０２３年５月\n2023年5月。\n短句\n短句\n\n\n。，\n' > "$tmp/corner.txt"
check "corner cases" "$(printf '1\t2\t1.0000\n3\t4\t1.0000')" "$("$zh" dedup --per-line "$tmp/corner.txt")"

# --on-invalid: replace (U+FFFD kept), skip (the line keeps its number), error.
printf '甲乙丙丁戊己庚\n\xff\xfe甲乙丙丁戊己庚\n甲乙丙丁戊己庚\n' > "$tmp/bad.txt"
check "on-invalid replace" "1	3	1.0000" "$("$zh" dedup --quiet --per-line "$tmp/bad.txt" | head -1)"
check "on-invalid skip keeps line numbers" "1	3	1.0000" "$("$zh" dedup --quiet --per-line --on-invalid skip "$tmp/bad.txt")"
out=$("$zh" dedup --per-line --on-invalid error "$tmp/bad.txt" 2>"$tmp/err"); rc=$?
check "on-invalid error: exit 1, nothing printed" "1:" "$rc:$out"
check "on-invalid error: FILE:LINE:BYTE" "yes" "$(grep -q "bad.txt:2:22: invalid UTF-8" "$tmp/err" && echo yes)"

# Index shards saved apart and merged: byte for byte the index of all the documents,
# the same pairs; --index pairs new documents with indexed ones (FILE:NAME).
mkdir -p "$tmp/s1" "$tmp/s2"
for f in "$docs"/*.txt; do n=${f##*/}; if [[ $n < a0120 ]]; then cp "$f" "$tmp/s1/"; else cp "$f" "$tmp/s2/"; fi; done
"$zh" dedup --save-index "$tmp/one.idx" "$tmp/s1" "$tmp/s2" > "$tmp/one.tsv"
"$zh" dedup --save-index "$tmp/p1.idx" "$tmp/s1" > /dev/null
"$zh" dedup --save-index "$tmp/p2.idx" "$tmp/s2" > /dev/null
"$zh" dedup --merge-index --save-index "$tmp/merged.idx" "$tmp/p1.idx" "$tmp/p2.idx" > "$tmp/merged.tsv"
check "merged shards = one index, byte for byte" "same" "$(cmp -s "$tmp/one.idx" "$tmp/merged.idx" && echo same)"
same_file "merged shards: the same pairs" "$tmp/one.tsv" "$tmp/merged.tsv"
same_file "merged shards: the same clusters" <("$zh" dedup --clusters "$tmp/s1" "$tmp/s2") \
  <("$zh" dedup --clusters --merge-index "$tmp/p1.idx" "$tmp/p2.idx")
"$zh" dedup --per-line --save-index "$tmp/l1.idx" "$tmp/l1.txt" > /dev/null
"$zh" dedup --per-line --save-index "$tmp/l2.idx" "$tmp/l2.txt" > /dev/null
"$zh" dedup --per-line --save-index "$tmp/l12.idx" "$tmp/l1.txt" "$tmp/l2.txt" > /dev/null
"$zh" dedup --merge-index --save-index "$tmp/lm.idx" "$tmp/l1.idx" "$tmp/l2.idx" > "$tmp/lm.tsv"
check "merged line shards = one index" "same" "$(cmp -s "$tmp/l12.idx" "$tmp/lm.idx" && echo same)"
# Stored names of lines are FILE:LINE; numbered over all inputs they are the direct rows.
same_file "merged line shards: the same pairs" <("$zh" dedup --per-line "$tmp/l1.txt" "$tmp/l2.txt") \
  <(awk -F'\t' -v n="$(wc -l < "$tmp/l1.txt")" 'function num(s) { split(s, p, ":"); return p[2] + (p[1] ~ /l2.txt$/ ? n : 0) }
      { printf "%d\t%d\t%s\n", num($1), num($2), $3 }' "$tmp/lm.tsv")
# --index: s2's articles against s1's index = the cross rows of the whole run.
"$zh" dedup --index "$tmp/p1.idx" "$tmp/s2" > "$tmp/cross.tsv"
expected=$(awk -F'\t' -v s1="$tmp/s1/" -v s2="$tmp/s2/" 'index($1, s1) == 1 && index($2, s2) == 1 { print $2 "\t" $1 "\t" $3 }
  index($1, s2) == 1 && index($2, s2) == 1' "$tmp/one.tsv" | sort -t$'\t' -k1,1 -k2,2 -s)
check "--index: input pairs and pairs with indexed documents" "$expected" \
  "$(sed "s|$tmp/p1.idx:||" "$tmp/cross.tsv" | sort -t$'\t' -k1,1 -k2,2 -s)"
check "--index: indexed documents are written FILE:NAME" "yes" \
  "$(grep -q "	$tmp/p1.idx:$tmp/s1/a0" "$tmp/cross.tsv" && echo yes)"
check "--index rows: A's order, inputs before indexed" "$(cat "$tmp/cross.tsv")" \
  "$(awk -F'\t' -v p="$tmp/p1.idx:" '{ print (index($2, p) == 1 ? 1 : 0) "\t" $0 }' "$tmp/cross.tsv" |
     sort -t$'\t' -k2,2 -k1,1n -s | cut -f2-)"
"$zh" dedup --per-line --index "$tmp/l1.idx" "$tmp/l2.txt" > "$tmp/cross_lines.tsv"
check "--index per line: FILE:LINE names" "yes" \
  "$(grep -q "^[0-9]*	$tmp/l1.idx:$tmp/l1.txt:[0-9]*	" "$tmp/cross_lines.tsv" && echo yes)"
# ... and they are the cross rows of one run over both files (line numbers of l2 shifted).
check "--index per line: the cross pairs of one run" \
  "$("$zh" dedup --per-line "$tmp/l1.txt" "$tmp/l2.txt" | awk -F'\t' -v n=700 '$1 <= n && $2 > n { print ($2 - n) "\t" $1 "\t" $3 } $1 > n { print ($1 - n) "\t" ($2 - n) "\t" $3 }' | sort)" \
  "$(sed -E "s|$tmp/l1.idx:$tmp/l1.txt:||" "$tmp/cross_lines.tsv" | sort)"
check "--index with another --threshold: usage error" "2" \
  "$("$zh" dedup --threshold 0.7 --index "$tmp/p1.idx" "$tmp/s2" > /dev/null 2>&1; echo $?)"

# Damaged index files are refused with a clear error; foreign files are never replaced.
size=$(stat -c %s "$tmp/p1.idx")
cp "$tmp/p1.idx" "$tmp/flip.idx"
printf '\x5a' | dd of="$tmp/flip.idx" bs=1 seek=$((size / 2)) conv=notrunc status=none
head -c $((size - 100)) "$tmp/p1.idx" > "$tmp/trunc.idx"
for bad in flip trunc; do
  out=$("$zh" dedup --index "$tmp/$bad.idx" "$tmp/s2" 2>"$tmp/err"); rc=$?
  check "$bad index refused: exit 1, nothing printed" "1:" "$rc:$out"
  check "$bad index refused: message names the file" "yes" \
    "$(grep -q "cannot use --index '$tmp/$bad.idx': .*$bad.idx" "$tmp/err" && echo yes || cat "$tmp/err")"
  out=$("$zh" dedup --merge-index "$tmp/p2.idx" "$tmp/$bad.idx" 2>/dev/null); rc=$?
  check "$bad index refused by --merge-index" "1:" "$rc:$out"
done
echo "my notes" > "$tmp/notes.txt"
out=$("$zh" dedup --save-index "$tmp/notes.txt" "$docs" 2>"$tmp/err"); rc=$?
check "--save-index over a text file: refused" "2:my notes" "$rc:$(cat "$tmp/notes.txt")"
check "--save-index refusal message" "yes" "$(grep -q "exists and is not a dedup index: not overwritten" "$tmp/err" && echo yes)"
cp "$tmp/flip.idx" "$tmp/flip2.idx"
"$zh" dedup --save-index "$tmp/flip2.idx" "$docs" > /dev/null 2>&1
check "--save-index over a damaged index: refused" "same" "$(cmp -s "$tmp/flip.idx" "$tmp/flip2.idx" && echo same)"
"$zh" dedup --save-index "$tmp/p1.idx" "$tmp/s2" > /dev/null
check "--save-index over an index: replaced" "$("$zh" dedup "$tmp/s2")" "$("$zh" dedup --merge-index "$tmp/p1.idx")"

# Usage errors.
for bad in "--threshold 0" "--threshold 1.5" "--threshold x" "--shingle 0" "--shingle 33" "--merge-index" \
           "--merge-index --per-line $tmp/p1.idx"; do
  # shellcheck disable=SC2086
  check "usage: $bad" "2" "$("$zh" dedup $bad < /dev/null > /dev/null 2>&1; echo $?)"
done
check "empty input: no rows" "0:" "$(out=$("$zh" dedup --per-line < /dev/null); echo "$?:$out")"

finish
