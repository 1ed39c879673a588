#!/usr/bin/env bash
# dedup_memory_test.sh - `zhtext dedup` keeps what verification needs (the shingle
# texts: folded code points that are not P*, Z* or C*), never the raw documents
# (issue 14's bound, issue 16's command). 60 MB of NUL (no line break: the engine
# cuts the line into pieces, each reduced to its shingle text, which is empty), as a
# file and on standard input, with and without --per-line, one worker thread, stays
# under 40 MB peak resident set (release build; before: 275 MB on 100 MB of NUL,
# every byte held). Then the pieces give the same rows as whole lines and files:
# small blocks (ZHTEXT_BLOCK_SIZE: lines over 16 x that are cut) against the
# default on long lines and on files read in many blocks, rows and saved indexes
# byte for byte, line numbers after a cut line included.
. "$(dirname "$0")/lib.sh"
limit_kb=$((40 * 1024))
nul_mb=60
if [ "$sanitized" == yes ]; then
  nul_mb=6
  echo "NOTE: sanitizer build: 6 MB of NUL, the RSS bound is not checked here (see the release build)"
fi
head -c $((nul_mb * 1000 * 1000)) /dev/zero > "$tmp/nul"

# measured NAME KB: the run succeeded (KB is a number) and, in the release build, KB
# is below the limit.
measured() {
  local ok=yes
  [[ $2 =~ ^[0-9]+$ ]] || ok="no: $2"
  [ "$ok" == yes ] && [ "$sanitized" == no ] && [ "$2" -ge "$limit_kb" ] && ok="no: $2 KB, limit $limit_kb KB"
  check "$1: peak RSS $2 KB$([ "$sanitized" == no ] && echo " < $limit_kb KB")" yes "$ok"
}
measured "dedup FILE of NUL" "$(max_rss "$zh" dedup --threads 1 "$tmp/nul" "$tmp/nul")"
measured "dedup --per-line FILE of NUL" "$(max_rss "$zh" dedup --per-line --threads 1 "$tmp/nul")"
measured "dedup < NUL" "$(max_rss sh -c "'$zh' dedup --threads 1 < '$tmp/nul'")"
measured "dedup --per-line < NUL" "$(max_rss sh -c "'$zh' dedup --per-line --threads 1 < '$tmp/nul'")"
check "NUL documents have no shingles: no pairs" "" "$("$zh" dedup --threads 1 "$tmp/nul" "$tmp/nul" 2>&1)"

# Empty lines cost about a bit each (the offsets of a document with an empty text or
# name are a bit, not 16 bytes, plus 16 bytes a block in flight): 4 million '\n' and
# 2 million '\r\n', --threads 1 and 2, stay under 30 MB (before: 148/179 MB and 76/93
# MB; 100 MB of '\n' would have taken about 3.7 GB). Rows, clusters and a saved index
# of lines mixed with many empty ones are checked in dedup_test.sh and the Catch2 tests.
empty_lines=4000000
[ "$sanitized" == yes ] && empty_lines=200000
head -c "$empty_lines" /dev/zero | tr '\0' '\n' > "$tmp/empty_lf"
head -c "$empty_lines" /dev/zero | tr '\0' '\r' | sed 's/\r\r/\r\n/g' > "$tmp/empty_crlf"
limit_kb=$((30 * 1024))
for t in 1 2; do
  measured "dedup --per-line, $empty_lines empty lines, --threads $t" \
    "$(max_rss "$zh" dedup --per-line --threads "$t" "$tmp/empty_lf")"
  measured "dedup --per-line, $((empty_lines / 2)) CRLF lines, --threads $t" \
    "$(max_rss "$zh" dedup --per-line --threads "$t" "$tmp/empty_crlf")"
done
check "empty lines: no pairs" "" "$("$zh" dedup --per-line "$tmp/empty_lf" "$tmp/empty_crlf" 2>&1)"

# Many pairs: 1000 lines that are shuffles of the same 20 characters, with --shingle 1
# all alike (Jaccard 1): 499,500 rows. They are written as they are verified, a
# chunk's rows flushed in order when they pass 1 MiB, so memory does not grow with the
# pairs (before: every pair of a chunk of 8192 lines held, then its rows: 37 MB here,
# 413 MB for 4,000 lines; now 10 MB). --clusters keeps only a chain per group.
pair_lines=1000
[ "$sanitized" == yes ] && pair_lines=200
"$py" - "$tmp/alike" "$pair_lines" <<'PY2'
import random, sys
r = random.Random(14)
chars = list("社区党员志愿者轮班巡逻测体温逐户排查为居民")
lines = []
for _ in range(int(sys.argv[2])):
    r.shuffle(chars)
    lines.append("".join(chars))
open(sys.argv[1], "w", encoding="utf-8").write("\n".join(lines) + "\n")
PY2
limit_kb=$((20 * 1024))
measured "dedup --per-line --shingle 1, $pair_lines lines all alike" \
  "$(max_rss "$zh" dedup --per-line --shingle 1 --threads 2 "$tmp/alike")"
measured "dedup --clusters, the same" "$(max_rss "$zh" dedup --clusters --per-line --shingle 1 --threads 2 "$tmp/alike")"
check "all alike: every pair, in order, at --threads 1 and 3" \
  "$((pair_lines * (pair_lines - 1) / 2)) yes" \
  "$("$zh" dedup --per-line --shingle 1 --threads 3 "$tmp/alike" | tee "$tmp/alike3.tsv" | wc -l) \
$("$zh" dedup --per-line --shingle 1 --threads 1 "$tmp/alike" | cmp -s - "$tmp/alike3.tsv" && \
   sort -n -k1,1 -k2,2 -s "$tmp/alike3.tsv" | cmp -s - "$tmp/alike3.tsv" && echo yes || echo no)"
check "all alike: one cluster of every line" "$pair_lines 1" \
  "$("$zh" dedup --clusters --per-line --shingle 1 "$tmp/alike" | awk -F'\t' '{n++; c[$1]} END {print n, length(c)}')"

# Long lines and files in many blocks: the same rows, the same index.
"$py" - "$tmp" <<'PY'
import random, sys
random.seed(16)
base = "社区党员志愿者轮班巡逻测体温逐户排查为居民健康保驾护航街道办事处组织开展环境整治行动清理楼道杂物"
han = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
def text(n):
    return "".join(random.choice(han) if random.random() < 0.2 else random.choice(base) for _ in range(n))
def edit(s):
    s = list(s)
    for _ in range(len(s) // 60):
        s[random.randrange(len(s))] = random.choice(han)
    return "".join(s)
lines = []
for i in range(40):
    t = text(random.choice([30, 200, 900, 3000]))  # 3000 characters: 9 KB, cut at 16 x 64 bytes
    lines.append(t)
    if i % 3 == 0:
        lines.append("，".join([edit(t), "１２３"]))  # full-width digits fold
    if i % 5 == 0:
        lines.append("\0" * 5000)  # a long line with no shingles
        lines.append("")
longest = max(range(len(lines)), key=lambda i: len(lines[i].strip("\0")))
lines.append(lines[longest] + "\0" * 3000)  # no line break at the end
with open(sys.argv[1] + "/long.txt", "w", encoding="utf-8") as f:
    f.write("\n".join(lines))
with open(sys.argv[1] + "/expected_row", "w") as f:
    f.write("%d\t%d\t1.0000\n" % (longest + 1, len(lines)))
for d in range(6):  # doc0 and doc1 (edited), doc2 and doc3, ...
    with open(sys.argv[1] + "/doc%d.txt" % d, "w", encoding="utf-8") as f:
        f.write("\n".join(edit(l) if d % 2 else l for l in lines[d // 2 * 10 : d // 2 * 10 + 20]) + "\n")
PY
cd "$tmp" || exit 1
"$zh" dedup --per-line --save-index whole.dedup long.txt > whole.tsv
ZHTEXT_BLOCK_SIZE=64 "$zh" dedup --per-line --threads 2 --save-index cut.dedup long.txt > cut.tsv
same_file "--per-line, long lines cut into pieces: the same rows" whole.tsv cut.tsv
check "--per-line, long lines cut into pieces: the same index" "yes" "$(cmp -s whole.dedup cut.dedup && echo yes || echo no)"
check "--per-line: the longest line and its copy (the last line, no line break)" "yes" \
  "$(grep -qxF "$(cat expected_row)" whole.tsv && echo yes || echo "no: $(cat expected_row)")"
"$zh" dedup --save-index whole.dedup doc*.txt long.txt > whole.tsv
ZHTEXT_BLOCK_SIZE=64 "$zh" dedup --threads 2 --save-index cut.dedup doc*.txt long.txt > cut.tsv
same_file "files read in many blocks: the same rows" whole.tsv cut.tsv
check "files read in many blocks: the same index" "yes" "$(cmp -s whole.dedup cut.dedup && echo yes || echo no)"
ZHTEXT_BLOCK_SIZE=64 "$zh" dedup --threads 2 < long.txt > cut.tsv
check "standard input in many blocks: the file's document" "" "$(cat cut.tsv)"
check "standard input in many blocks: against the file" "<stdin>	long.txt	1.0000" \
  "$(ZHTEXT_BLOCK_SIZE=64 "$zh" dedup --threads 2 - long.txt < long.txt 2>&1)"

finish
