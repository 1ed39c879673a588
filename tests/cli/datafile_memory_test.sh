#!/usr/bin/env bash
# datafile_memory_test.sh - hostile data files (issue 14). A data file holding one huge line: a user
# dictionary whose one word is 16 MiB of Han characters, with a frequency, and one
# whose one word is 8 MiB of NUL, without one (jieba then suggests its frequency by
# cutting it: 8 M one-character tokens). jieba takes any word, so nothing is refused:
# the user-word trie (detail/segment/user_words.hpp) costs 8 bytes a character of a
# word's new tail and suggest_freq multiplies as it cuts, so each run stays under 200
# MB peak resident set, one worker thread (release build; before: 29 bytes a byte of
# the Han word, 480 MB at 16 MiB, 1.5 GB at 50 MiB; 90 bytes a NUL, 750 MB at 8 MiB,
# 4.7 GB at 50 MiB). The line after the long one is read too: 社区党员 becomes one word
# tagged nz. (Cutting a 16 MiB line of Han with such a word is another matter: the
# text's line is held whole, see input_memory_test.sh.) The sanitizer build runs the
# same on 1 MiB and checks only the output.
. "$(dirname "$0")/lib.sh"
limit_kb=$((200 * 1024))
han_mib=16 nul_mib=8
if [ "$sanitized" == yes ]; then
  han_mib=1 nul_mib=1
  echo "NOTE: sanitizer build: 1 MiB words, the RSS bound is not checked here (see the release build)"
fi
python3 - "$tmp" "$han_mib" "$nul_mib" <<'PY'
import random, sys
d, han, nul = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
r = random.Random(14)
w = "".join(chr(r.randint(0x4E00, 0x9FA5)) for _ in range(han * 1024 * 1024 // 3))
open(d + "/han.dict", "w", encoding="utf-8").write(w + " 3 nz\n社区党员 1000000000000000 nz\n")
open(d + "/nul.dict", "wb").write(b"\0" * (nul * 1024 * 1024) + b"\n")
PY
printf '社区党员\n' > "$tmp/short.txt"

# rss NAME EXPECTED CMD...: runs CMD (stdout to $tmp/out), checks that it succeeds under
# the bound and that its output is EXPECTED.
rss() {
  local name=$1 want=$2 kb
  shift 2
  kb=$(python3 -c '
import resource, subprocess, sys
with open(sys.argv[1], "wb") as o:
    r = subprocess.run(sys.argv[2:], stdout=o)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss if r.returncode == 0 else "exit_%d" % r.returncode)
' "$tmp/out" "$@")
  check_rss "$name" "$kb"
  check "$name: output" "$want" "$(cat "$tmp/out")"
}
# rss_exit2 CMD...: the peak RSS (KB) of CMD, which must exit 2 (else exit_N); its
# stderr to $tmp/err.
rss_exit2() {
  python3 -c '
import resource, subprocess, sys
r = subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=open(sys.argv[1], "wb"))
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss if r.returncode == 2 else "exit_%d" % r.returncode)
' "$tmp/err" "$@"
}
rss "segment --user-dict, a ${han_mib} MiB word" "社区党员" "$zh" segment --threads 1 --user-dict "$tmp/han.dict" "$tmp/short.txt"
rss "pos --user-dict, a ${han_mib} MiB word" "社区党员/nz" "$zh" pos --threads 1 --user-dict "$tmp/han.dict" "$tmp/short.txt"
rss "segment --user-dict, ${nul_mib} MiB of NUL without a frequency" "社区  党员" \
  "$zh" segment --threads 1 --user-dict "$tmp/nul.dict" "$tmp/short.txt"
rss "pos --user-dict, ${nul_mib} MiB of NUL without a frequency" "社区/n  党员/n" \
  "$zh" pos --threads 1 --user-dict "$tmp/nul.dict" "$tmp/short.txt"

# A main dictionary (--dict) of 8 MiB of random 2-4 character Han words with a
# frequency (699k lines), and 社区党员 with a huge one. Compiling it into the
# double-array trie took 242 MB (dictionary::parse alone; ~350 bytes a line: 40-byte
# entries in doubled vectors, the labels copied three times, a 32-byte job queue per
# node of the widest level, the units copied twice into the image); now 95 MB. Bound
# 200 MB. Its own cache directory, so the image is built (~6 CPU-s; sanitizer: 1 MiB).
main_mib=8
[ "$sanitized" == yes ] && main_mib=1
python3 - "$tmp/words.main" "$main_mib" <<'PY'
import random, sys
r, n, out, size = random.Random(14), int(sys.argv[2]) * 1024 * 1024, [], 0
while size < n:
    line = "".join(chr(r.randint(0x4E00, 0x9FA5)) for _ in range(r.randint(2, 4))) + " %d\n" % r.randint(1, 9)
    out.append(line)
    size += len(line.encode())
out.append("社区党员 1000000000000000 nz\n")
open(sys.argv[1], "w", encoding="utf-8").write("".join(out))
PY
ZHTEXT_CACHE_DIR=$tmp/cache rss "segment --dict, ${main_mib} MiB of random words" "社区党员" \
  "$zh" segment --threads 1 --dict "$tmp/words.main" "$tmp/short.txt"

# 100,000 words with as many distinct tags (4 lowercase letters each): a tag was found
# by a linear search of the tags so far (50 CPU-s here, quadratic); now by a map (0.4
# s). Bound: 10 CPU-s.
python3 - "$tmp/tags.dict" <<'PY'
import itertools, string, sys
with open(sys.argv[1], "w", encoding="utf-8") as f:
    for i, t in zip(range(100000), itertools.product(string.ascii_lowercase, repeat=4)):
        f.write("词%d 3 %s\n" % (i, "".join(t)))
    f.write("社区党员 1000000000000000 zz\n")
PY
cpu=$(python3 -c '
import resource, subprocess, sys
r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, timeout=600)
u = resource.getrusage(resource.RUSAGE_CHILDREN)
print(int(u.ru_utime + u.ru_stime) if r.returncode == 0 else "exit_%d" % r.returncode)
' "$zh" pos --threads 1 --user-dict "$tmp/tags.dict" "$tmp/short.txt")
if [ "$cpu" -le 10 ] 2>/dev/null; then check "pos --user-dict, 100,000 distinct tags ($cpu CPU-s)" yes yes
else check "pos --user-dict, 100,000 distinct tags: CPU-s at most 10" "<= 10" "$cpu"; fi
check "pos --user-dict, 100,000 distinct tags: output" "社区党员/zz" "$("$zh" pos --threads 1 --user-dict "$tmp/tags.dict" "$tmp/short.txt")"

# Lists of millions of short entries (16 MiB each; sanitizer build: 1 MiB, output
# only): the loaders hold the final table and the input, not a map of views plus copies
# of it. Each list ends with the entries the output depends on. Peak RSS, main -> now:
# - keywords --idf, 1.2M 'word weight' lines: 239 -> 87 MB (the image's own tables are
#   built as the file is read and freed as they are copied into the image; bound 150 MB)
# - count --stop-words, 1.2M words: 85 -> 60 MB (a word is 8 bytes of offset and size
#   into one buffer, its entry 12 bytes, was 24; bound 72 MB)
# - keywords --stop-words, same list: 113 -> 88 MB (bound 100 MB)
# - match --patterns, one line of 17 MiB of NUL (17M characters, over the 16M a pattern
#   may have): 170 -> 21 MB, same error (its length is counted before it is folded into
#   4 bytes a character; bound 60 MB)
# About 20 CPU-s in all for the whole file on a busy machine (the lists are made by Python).
list_mib=16 nul_mib=17
[ "$sanitized" == yes ] && list_mib=1 nul_mib=17
python3 - "$tmp" "$list_mib" <<'PY2'
import random, sys
d, mib = sys.argv[1], int(sys.argv[2])
r = random.Random(16)
idf, words, size = [], [], 0
while size < mib * 1024 * 1024:
    w = "".join(chr(r.randint(0x4E00, 0x9FA5)) for _ in range(r.randint(2, 4)))
    idf.append("%s %d\n" % (w, r.randint(1, 20)))
    words.append(w + "\n")
    size += len(words[-1].encode()) + 3
open(d + "/list.idf", "w", encoding="utf-8").write("".join(idf) + "党员 100\n社区 1\n")
open(d + "/list.stop", "w", encoding="utf-8").write("".join(words) + "社区\n")
PY2
printf '社区党员，社区党员。\n' > "$tmp/two.txt"
limit_kb=$((150 * 1024))
rss "keywords --idf, ${list_mib} MiB of short lines" "党员  社区" "$zh" keywords --idf "$tmp/list.idf" "$tmp/two.txt"
limit_kb=$((72 * 1024))
rss "count --stop-words, ${list_mib} MiB of short words" "$(printf '党员\t2\t1\n。\t1\t1\n，\t1\t1')" \
  "$zh" count --threads 1 --stop-words "$tmp/list.stop" "$tmp/two.txt"
limit_kb=$((100 * 1024))
rss "keywords --stop-words, ${list_mib} MiB of short words" "党员" \
  "$zh" keywords --stop-words "$tmp/list.stop" "$tmp/two.txt"
head -c $((nul_mib * 1024 * 1024)) /dev/zero > "$tmp/nul.patterns"
limit_kb=$((60 * 1024))
kb=$(rss_exit2 "$zh" match --patterns "$tmp/nul.patterns" "$tmp/two.txt")
check_rss "match --patterns, a line of ${nul_mib} MiB of NUL (exit 2)" "$kb"
check "match --patterns, a line of ${nul_mib} MiB of NUL: error" "zhtext match: $tmp/nul.patterns:1: pattern is too long" "$(cat "$tmp/err")"
rm -f "$tmp/list.idf" "$tmp/list.stop" "$tmp/nul.patterns"

# A malformed line is quoted in the error with its control bytes escaped (\xHH, as a
# TSV field is), so a NUL flood makes a one-line, NUL-free message (before: 60 raw NUL
# bytes in it).
head -c 1000 /dev/zero > "$tmp/nul.main"
"$zh" segment --dict "$tmp/nul.main" "$tmp/short.txt" > /dev/null 2> "$tmp/err"
check "--dict, a NUL line: one line, no NUL, escaped" "1 0 1" \
  "$(wc -l < "$tmp/err") $(tr -cd '\000' < "$tmp/err" | wc -c) $(grep -c ':1: .*"\\x00\\x00.*\.\.\."' "$tmp/err")"

# (dictmem) A main dictionary (--dict) whose one word is 8 MiB of random Han
# characters (2.8M characters, a chain of 2.8M single-child trie nodes), then 社区党员
# with a huge frequency. The double array held its units beside the node arrays and
# the image they were copied into, and placed the chain with holes (70 % full); now
# the units are written as the node arrays are given back, taken into the image as
# they are copied, and past the 1 Mi-cell layout switch a single child takes the first
# free cell (100 % full). Peak RSS 136 -> 75 MB (50 MiB: 715 -> 409 MB). Bound 100 MB.
# Its own cache directory, so the image is built (~1 CPU-s; sanitizer: 1 MiB, output only).
chain_mib=8
[ "$sanitized" == yes ] && chain_mib=1
python3 - "$tmp/chain.main" "$chain_mib" <<'PY'
import random, sys
r = random.Random(14)
w = "".join(chr(r.randint(0x4E00, 0x9FA5)) for _ in range(int(sys.argv[2]) * 1024 * 1024 // 3))
open(sys.argv[1], "w", encoding="utf-8").write(w + " 3 nz\n社区党员 1000000000000000 nz\n")
PY
limit_kb=$((100 * 1024))
ZHTEXT_CACHE_DIR=$tmp/cache-chain rss "segment --dict, one word of ${chain_mib} MiB" "社区党员" \
  "$zh" segment --threads 1 --dict "$tmp/chain.main" "$tmp/short.txt"
rm -rf "$tmp/chain.main" "$tmp/cache-chain"

# Lists read once, front to back (issue 14, patternmem): the loaders keep their own copy
# and give the lines read back as they go (mapped_file::discard_before), and a pattern
# list is lean (its bytes, an 8-byte end and 8 to 16 bytes of index a pattern; was two
# strings, a u32string and a hash node, ~220 bytes). Lines "词N" (fast to make), peak
# RSS main -> now:
# - match --patterns, 8 MiB (770k patterns) and a last line of invalid UTF-8 (exit 2,
#   the list held whole before the error): 242 -> 30 MB, same error; bound 100 MB
#   (0.3 CPU-s)
# - keywords --stop-words, 24 MiB (2.3M words): 145 -> 122 MB; bound 133 MB (2.8 CPU-s)
# Sanitizer build: 1 MiB, errors and output only.
pat_mib=8 kstop_mib=24
[ "$sanitized" == yes ] && pat_mib=1 kstop_mib=1
python3 - "$tmp" "$pat_mib" "$kstop_mib" <<'PY3'
import sys
d = sys.argv[1]
for name, mib in (("pat", int(sys.argv[2])), ("kstop", int(sys.argv[3]))):
    out, size, i = [], 0, 0
    while size < mib * 1024 * 1024:
        w = "词%d\n" % (i * 7919 % 10000019)
        out.append(w)
        size += len(w.encode())
        i += 1
    open(d + "/" + name + ".list", "w", encoding="utf-8").write("".join(out) + "社区\n")
PY3
printf '\xff\n' >> "$tmp/pat.list"
pat_lines=$(wc -l < "$tmp/pat.list")
limit_kb=$((100 * 1024))
kb=$(rss_exit2 "$zh" match --patterns "$tmp/pat.list" "$tmp/two.txt")
check_rss "match --patterns, ${pat_mib} MiB of short patterns, a bad last line (exit 2)" "$kb"
check "match --patterns, ${pat_mib} MiB of short patterns, a bad last line: error" \
  "zhtext match: $tmp/pat.list:$pat_lines: invalid UTF-8 at byte 0 (invalid byte)" "$(cat "$tmp/err")"
limit_kb=$((133 * 1024))
rss "keywords --stop-words, ${kstop_mib} MiB of short words" "党员" \
  "$zh" keywords --stop-words "$tmp/kstop.list" "$tmp/two.txt"
rm -f "$tmp/pat.list" "$tmp/kstop.list"

finish
