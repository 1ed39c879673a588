#!/usr/bin/env bash
# match_test.sh - `zhtext match`: the TSV format, kinds, folding, ignorables,
# --mask, pattern-file errors (FILE:LINE), exit codes; and a Python reference
# (byte-string search, written here) on generated text for the overlapping and
# leftmost-longest kinds.
. "$(dirname "$0")/lib.sh"
tab=$'\t'

printf '党员\n疫情防控\n防控\nCOVID\n' > "$tmp/p.txt"
printf '转岗不离岗 “党员阳光护送队”\n为居民撑起疫情防控“安全伞”\n' > "$tmp/in.txt"
check "overlapping TSV rows" "1${tab}19${tab}25${tab}0${tab}党员
2${tab}15${tab}27${tab}1${tab}疫情防控
2${tab}21${tab}27${tab}2${tab}防控" "$("$zh" match --patterns "$tmp/p.txt" "$tmp/in.txt")"
check "leftmost-longest" "1${tab}15${tab}27${tab}1${tab}疫情防控" \
  "$(printf '为居民撑起疫情防控' | "$zh" match --patterns "$tmp/p.txt" --kind leftmost-longest)"
printf '中国\n中国人\n人民\n' > "$tmp/nested.txt"
check "leftmost-first keeps pattern order" "1${tab}0${tab}6${tab}0${tab}中国
1${tab}6${tab}12${tab}2${tab}人民" "$(printf '中国人民' | "$zh" match --patterns "$tmp/nested.txt" --kind=leftmost-first)"
check "no match, no output, exit 0" "" "$(printf '没有' | "$zh" match --patterns "$tmp/p.txt"; echo -n "$?" | grep -v '^0$')"
check "fold case,width: offsets into the original text" "1${tab}3${tab}18${tab}3${tab}ｃｏｖｉｄ" \
  "$(printf '新ｃｏｖｉｄ' | "$zh" match --patterns "$tmp/p.txt" --fold case,width)"
check "fold: exact by default" "" "$(printf 'covid' | "$zh" match --patterns "$tmp/p.txt")"
check "ignore: 党 员 and 党*员" "1${tab}0${tab}7${tab}0${tab}党 员
2${tab}0${tab}7${tab}0${tab}党*员" "$(printf '党 员\n党*员\n党，员\n' | "$zh" match --patterns "$tmp/p.txt" --ignore ' *')"
check "mask per character, lines kept" "***阳光 ******
*** 安全" "$(printf '党 员阳光 疫情防控防控\n党*员 安全\n' | "$zh" match --patterns "$tmp/p.txt" --ignore ' *' --mask '*' --kind leftmost-longest)"
check "mask: no newline added at the end" "■■。|" "$(printf '党员。' | "$zh" match --patterns "$tmp/p.txt" --mask '■'; echo -n '|')"
check "mask: the overlapping kind masks the union" "ab疫×××c" \
  "$(printf 'ab疫情防控c' | "$zh" match --patterns <(printf '情防\n防控\n') --mask '×')"
printf '党员' > "$tmp/one.txt"
check "several inputs and stdin ('-'): FILE column" "$tmp/one.txt${tab}1${tab}0${tab}6${tab}0${tab}党员
<stdin>${tab}1${tab}0${tab}6${tab}2${tab}防控" "$(printf '防控' | "$zh" match --patterns "$tmp/p.txt" "$tmp/one.txt" -)"
mkdir -p "$tmp/dir/sub"
printf '党员\n' > "$tmp/dir/a.txt"; printf 'x防控\n' > "$tmp/dir/sub/b.txt"; printf '党员' > "$tmp/dir/skip.md"
check "a directory: its *.txt files, sorted" "$tmp/dir/a.txt${tab}1${tab}0${tab}6${tab}0${tab}党员
$tmp/dir/sub/b.txt${tab}1${tab}1${tab}7${tab}2${tab}防控" "$("$zh" match --patterns "$tmp/p.txt" "$tmp/dir")"
# The matched text is a TSV field: a TAB inside a match (an ignorable one) is escaped.
check "TSV escaping of the matched text" "1${tab}0${tab}7${tab}0${tab}党\\t员" \
  "$(printf '党\t员' | "$zh" match --patterns "$tmp/p.txt" --ignore "$tab")"
# Bad text is normal input: ill-formed bytes and NUL around a match.
printf 'x\x00\xff党员\xe4\xb8\n' > "$tmp/bad_text.txt"
check "ill-formed input text: file offsets" "1${tab}3${tab}9${tab}0${tab}党员" "$("$zh" match --quiet --patterns "$tmp/p.txt" "$tmp/bad_text.txt")"
check "--on-invalid skip" "2${tab}0${tab}6${tab}2${tab}防控" \
  "$(printf '党员\xff\n防控\n' | "$zh" match --quiet --on-invalid skip --patterns "$tmp/p.txt")"
check "--mask keeps lines, replaces ill-formed bytes" "**a�
**" "$(printf '防控a\xff\n党员\n' | "$zh" match --quiet --patterns "$tmp/p.txt" --mask '*')"
# CRLF and a BOM in the pattern file.
printf '\xef\xbb\xbf党员\r\n防控\r\n' > "$tmp/crlf.txt"
check "CRLF and BOM in the pattern file" "1${tab}0${tab}6${tab}0${tab}党员
1${tab}6${tab}12${tab}1${tab}防控" "$(printf '党员防控' | "$zh" match --patterns "$tmp/crlf.txt")"

# Pattern-file errors: FILE:LINE, exit 2; duplicates are reported, the first is kept.
printf '党员\n\n防控\n' > "$tmp/empty_line.txt"
out=$("$zh" match --patterns "$tmp/empty_line.txt" < /dev/null 2>&1); rc=$?
check "empty line: message" "zhtext match: $tmp/empty_line.txt:2: empty pattern" "$out"
check "empty line: exit 2" "2" "$rc"
printf '党员\n防\xe6\x8e\n' > "$tmp/bad_utf8.txt"
check "invalid UTF-8: message" "zhtext match: $tmp/bad_utf8.txt:2: invalid UTF-8 at byte 3 (truncated sequence)" \
  "$("$zh" match --patterns "$tmp/bad_utf8.txt" < /dev/null 2>&1)"
check "only ignorable characters" "zhtext match: $tmp/p.txt:1: pattern has only ignorable characters" \
  "$("$zh" match --patterns "$tmp/p.txt" --ignore '党员' < /dev/null 2>&1)"
printf '党员\n防控\n党员\n' > "$tmp/dup.txt"
"$zh" match --patterns "$tmp/dup.txt" <(printf '党员') > "$tmp/out" 2> "$tmp/err"; rc=$?
check "duplicate: warning" "zhtext match: warning: $tmp/dup.txt:3: duplicate of line 1 (never reported)" "$(cat "$tmp/err")"
check "duplicate: first index reported, exit 0" "1${tab}0${tab}6${tab}0${tab}党员 0" "$(cat "$tmp/out") $rc"
"$zh" match --patterns "$tmp/missing.txt" < /dev/null 2> /dev/null; check "missing pattern file: exit 3" "3" "$?"
"$zh" match < /dev/null 2> /dev/null; check "no --patterns: exit 2" "2" "$?"
"$zh" match --patterns "$tmp/p.txt" --kind longest < /dev/null 2> /dev/null; check "bad --kind: exit 2" "2" "$?"
"$zh" match --patterns "$tmp/p.txt" --fold case,accents < /dev/null 2> /dev/null; check "bad --fold: exit 2" "2" "$?"
"$zh" match --patterns "$tmp/p.txt" --mask '**' < /dev/null 2> /dev/null; check "bad --mask: exit 2" "2" "$?"
"$zh" match --patterns "$tmp/p.txt" "$tmp/missing_input.txt" 2> /dev/null; check "missing input: exit 3" "3" "$?"
check "help mentions the TSV columns" "1" "$("$zh" match --help | grep -c 'line number (from 1), start and end byte offsets')"

# Reference: Python finds every occurrence of every pattern's bytes in every line (in
# valid UTF-8 a byte occurrence is a character occurrence); overlapping rows sorted by
# end then start, leftmost-longest by a greedy left-to-right scan.
python3 - "$tmp" <<'PY'
import random, sys
d = sys.argv[1]
rng = random.Random(5)
alpha = "甲乙丙丁中国人a,。"
pats = []
while len(pats) < 40:
    p = "".join(rng.choice(alpha) for _ in range(rng.randint(1, 4)))
    if p not in pats:
        pats.append(p)
lines = ["".join(rng.choice(alpha) for _ in range(rng.randint(0, 80))) for _ in range(300)]
open(f"{d}/ref_p.txt", "w", encoding="utf-8").write("\n".join(pats) + "\n")
open(f"{d}/ref_in.txt", "w", encoding="utf-8").write("\n".join(lines) + "\n")
bp = [p.encode() for p in pats]
over, left = [], []
for n, line in enumerate(lines, 1):
    b = line.encode()
    found = []
    for i, p in enumerate(bp):
        at = b.find(p)
        while at >= 0:
            found.append((at + len(p), at, i))
            at = b.find(p, at + 1)
    found.sort()
    over += [f"{n}\t{s}\t{e}\t{i}\t{b[s:e].decode()}" for e, s, i in found]
    pos = 0
    for s in range(len(b)):
        if s < pos:
            continue
        here = [(e, i) for e, s2, i in found if s2 == s]
        if here:
            e, i = max(here)
            left.append(f"{n}\t{s}\t{e}\t{i}\t{b[s:e].decode()}")
            pos = e
open(f"{d}/ref_over.txt", "w", encoding="utf-8").write("".join(r + "\n" for r in over))
open(f"{d}/ref_left.txt", "w", encoding="utf-8").write("".join(r + "\n" for r in left))
PY
"$zh" match --patterns "$tmp/ref_p.txt" "$tmp/ref_in.txt" > "$tmp/got_over.txt"
"$zh" match --patterns "$tmp/ref_p.txt" --kind leftmost-longest "$tmp/ref_in.txt" > "$tmp/got_left.txt"
check "reference: overlapping ($(wc -l < "$tmp/ref_over.txt") rows)" "same" \
  "$(cmp -s "$tmp/ref_over.txt" "$tmp/got_over.txt" && echo same || diff "$tmp/ref_over.txt" "$tmp/got_over.txt" | head -5)"
check "reference: leftmost-longest ($(wc -l < "$tmp/ref_left.txt") rows)" "same" \
  "$(cmp -s "$tmp/ref_left.txt" "$tmp/got_left.txt" && echo same || diff "$tmp/ref_left.txt" "$tmp/got_left.txt" | head -5)"

# Threads and blocks: small blocks (ZHTEXT_BLOCK_SIZE) cut the input, and lines longer
# than 16 blocks into pieces; the rows are the same for every --threads, and offsets
# stay relative to the real line start.
"$zh" match --patterns "$tmp/ref_p.txt" --threads 1 "$tmp/ref_in.txt" > "$tmp/t1.txt"
ZHTEXT_BLOCK_SIZE=64 "$zh" match --patterns "$tmp/ref_p.txt" --threads 2 "$tmp/ref_in.txt" > "$tmp/t2.txt"
check "--threads 2 with 64-byte blocks: same rows" "same" "$(cmp -s "$tmp/t1.txt" "$tmp/t2.txt" && echo same)"
python3 -c "print('甲' * 3000 + '党员' + '乙' * 10)" > "$tmp/long.txt"
check "a line cut into pieces keeps its offsets" "1${tab}9000${tab}9006${tab}0${tab}党员" \
  "$(ZHTEXT_BLOCK_SIZE=100 "$zh" match --quiet --patterns "$tmp/p.txt" "$tmp/long.txt")"

finish
