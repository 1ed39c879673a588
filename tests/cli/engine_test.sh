#!/usr/bin/env bash
# engine_test.sh - the `zhtext` program at corpus scale, on generated inputs:
# directories and --glob, --threads N output identical to --threads 1 (and to any
# block size), line numbers and offsets after replaced or skipped bytes,
# --on-invalid replace|skip|error with their messages, nothing half-written for a
# failing file, usage errors, I/O errors. (The news corpus: corpus_test.sh; the
# progress line: progress_test.sh; memory: memory_test.sh.)
. "$(dirname "$0")/lib.sh"

# --- directories and --glob ---------------------------------------------------
d=$tmp/tree
mkdir -p "$d/sub/deeper" "$d/.hidden" "$d/empty"
printf '乙\n' > "$d/b.txt"
printf '甲\n' > "$d/a.txt"
printf 'B\n' > "$d/B.txt"
printf '丙\n' > "$d/sub/c.txt"
printf '丁\n' > "$d/sub/deeper/d.txt"
printf '# md\n' > "$d/x.md"
printf 'h\n' > "$d/.hidden/h.txt"
printf 'h\n' > "$d/.h.txt"
: > "$d/sub/zero.txt"
out=$("$zh" validate "$d"); rc=$?
check "directory: sorted paths, recursive, hidden skipped, name prefixes" "$d/B.txt: OK
$d/a.txt: OK
$d/b.txt: OK
$d/sub/c.txt: OK
$d/sub/deeper/d.txt: OK
$d/sub/zero.txt: OK" "$out"
check "directory: exit 0" "0" "$rc"
check "directory with one file still gets prefixes" "$d/sub/deeper/d.txt: OK" "$("$zh" validate "$d/sub/deeper")"
check "--glob on the name" "$d/x.md: OK" "$("$zh" validate --glob '*.md' "$d")"
check "--glob with a / matches the path below the directory" "$d/sub/c.txt: OK
$d/sub/zero.txt: OK" "$("$zh" validate --glob 'sub/*.txt' "$d")"
check "--glob=PATTERN form" "$d/sub/c.txt: OK
$d/sub/deeper/d.txt: OK" "$("$zh" validate --glob='[cd].txt' "$d")"
check "a file named on the command line is read whatever --glob says" "OK" "$("$zh" validate --glob '*.txt' "$d/x.md")"
check "directories and files mix, in argument order" "$d/x.md: OK
$d/sub/deeper/d.txt: OK
<stdin>: OK" "$(printf 'x' | "$zh" validate "$d/x.md" "$d/sub/deeper" -)"
"$zh" validate "$d/empty" > "$tmp/out" 2> "$tmp/err"; rc=$?
check "empty directory: warning, exit 0" "0:zhtext validate: warning: no files matching '*.txt' in '$d/empty'" "$rc:$(cat "$tmp/err")"
"$zh" validate --quiet "$d/empty" > "$tmp/out" 2> "$tmp/err"
check "empty directory --quiet: silent" "" "$(cat "$tmp/err")"
check "sentences over a directory" "甲
乙
丙
丁" "$("$zh" sentences "$d/a.txt" "$d/b.txt" "$d/sub")"
check "normalize separates inputs by a blank line, even without a final newline" "甲乙

丙丁" "$(printf '甲\n乙' > "$tmp/n1.txt"; printf '\n\n丙\n丁\n' > "$tmp/n2.txt"; "$zh" normalize "$tmp/n1.txt" "$tmp/n2.txt")"

# --- generated input: paragraphs, long lines, CRLF, invalid bytes -------------
python3 - "$tmp/gen.txt" "$tmp/bad.txt" <<'PY'
import random, sys
random.seed(7)
han = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处府"
lines = []
for p in range(400):
    para = []
    for l in range(random.randint(1, 6)):
        n = random.choice([3, 10, 30, 80, 200])
        s = "".join(random.choice(han) for _ in range(n))
        s = s[: n // 2] + random.choice(["。", "，", "！", "？", "", "……"]) + s[n // 2:] + random.choice(["。", "", "”。", "！"])
        para.append(s)
    if p % 37 == 5:
        para.append("x" * 5000)        # a long line
    lines.append("\n".join(para))
text = "\n\n".join(lines).replace("\n\n\n", "\n\n").encode()
text = text.replace("。\n".encode(), "。\r\n".encode(), 50)
open(sys.argv[1], "wb").write(text + b"\n")
# The same with invalid bytes: a stray continuation byte, a truncated sequence, an
# overlong form, at line starts, line ends and mid-line.
b = bytearray(text)
for i, junk in enumerate([b"\x80", b"\xe4\xb8", b"\xc0\xaf", b"\xff", b"\xed\xa0\x80"] * 4):
    pos = (len(b) * (i + 1)) // 21
    while (b[pos] & 0xC0) == 0x80:
        pos += 1
    b[pos:pos] = junk
open(sys.argv[2], "wb").write(bytes(b) + b"\n")
PY
gen=$tmp/gen.txt; bad=$tmp/bad.txt
for cmd in "validate" "normalize" "sentences" "sentences --format tsv" "sentences --format jsonl --semicolon" "sentences --offsets"; do
  for f in "$gen" "$bad"; do
    # Same block size, any number of threads: the same bytes. Block size 1 and 64
    # force cuts inside paragraphs and lines (max 16 and 1024 bytes).
    same=yes
    for bs in 1 64 1000 100000; do
      ref=$(ZHTEXT_BLOCK_SIZE=$bs "$zh" $cmd --threads 1 --quiet "$f" | md5sum)
      for t in 2 8; do
        got=$(ZHTEXT_BLOCK_SIZE=$bs "$zh" $cmd --threads $t --quiet "$f" | md5sum)
        [ "$got" == "$ref" ] || { same="no: threads $t, block size $bs"; break 2; }
      done
    done
    check "$cmd $(basename "$f"): --threads 2/8 = --threads 1" "yes" "$same"
    # Blocks that hold whole paragraphs give what one block for the whole file gives.
    ref=$("$zh" $cmd --quiet "$f" | md5sum)
    check "$cmd $(basename "$f"): block size does not matter without forced cuts" "$ref $ref" \
      "$(ZHTEXT_BLOCK_SIZE=1000 "$zh" $cmd --quiet "$f" | md5sum) $(ZHTEXT_BLOCK_SIZE=100000 "$zh" $cmd --quiet "$f" | md5sum)"
  done
done
# Warnings, too, are identical and in input order.
check "warnings identical across threads" "$("$zh" normalize --threads 1 "$bad" 2>&1 >/dev/null)" \
  "$(ZHTEXT_BLOCK_SIZE=64 "$zh" normalize --threads 3 "$bad" 2>&1 >/dev/null)"

# Line numbers and offsets of `sentences --format tsv` agree with the file, also
# after replaced bytes and skipped lines and across blocks: checked independently.
verify_tsv() {  # verify_tsv FILE TSV: prints "N rows M bad"
  python3 - "$1" "$2" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
rows = open(sys.argv[2], "rb").read().decode("utf-8").splitlines()
bad = 0
for row in rows:
    f, line, off, length, text = row.split("\t")
    line, off, length = int(line), int(off), int(length)
    src = data[off:off + length].decode("utf-8", errors="replace").lstrip()
    # The sentence starts on LINE, at OFFSET, with the character it prints first.
    if line != data.count(b"\n", 0, off) + 1 or off + length > len(data) or not src or src[0] != text[0]:
        bad += 1
        print("bad row:", row[:60])
print(len(rows), "rows", bad, "bad")
PY
}
for mode in replace skip; do
  ZHTEXT_BLOCK_SIZE=200 "$zh" sentences --format tsv --on-invalid $mode --quiet --threads 2 "$bad" > "$tmp/s.tsv"
  res=$(verify_tsv "$bad" "$tmp/s.tsv" | tail -1)
  check "sentences tsv line numbers match the file ($mode)" "0 bad" "${res#* rows }"
done

# --- --on-invalid ----------------------------------------------------------------
printf 'ab\n\xff\xfe中\n好\xe4\xb8\n完\n' > "$tmp/inv.txt"
"$zh" sentences --format tsv "$tmp/inv.txt" > "$tmp/out" 2> "$tmp/err"; rc=$?
check "replace: output" "$tmp/inv.txt	1	0	18	ab ��中好�完" "$(cat "$tmp/out")"
check "replace: one warning per sequence, FILE:LINE:BYTE" "zhtext sentences: warning: $tmp/inv.txt:2:3: invalid UTF-8 (invalid byte), replaced with U+FFFD
zhtext sentences: warning: $tmp/inv.txt:2:4: invalid UTF-8 (invalid byte), replaced with U+FFFD
zhtext sentences: warning: $tmp/inv.txt:3:12: invalid UTF-8 (truncated sequence), replaced with U+FFFD" "$(cat "$tmp/err")"
check "replace: exit 0" "0" "$rc"
"$zh" sentences --format tsv --on-invalid skip "$tmp/inv.txt" > "$tmp/out" 2> "$tmp/err"; rc=$?
check "skip: the lines are gone, offsets still the file's" "$tmp/inv.txt	1	0	18	ab完" "$(cat "$tmp/out")"
check "skip: one warning per line" "zhtext sentences: warning: $tmp/inv.txt:2:3: invalid UTF-8 (invalid byte), line skipped
zhtext sentences: warning: $tmp/inv.txt:3:12: invalid UTF-8 (truncated sequence), line skipped" "$(cat "$tmp/err")"
check "skip: exit 0" "0" "$rc"
printf '第一行。\n第二行。\n' > "$tmp/good.txt"
"$zh" sentences --on-invalid error "$tmp/good.txt" "$tmp/inv.txt" "$tmp/good.txt" > "$tmp/out" 2> "$tmp/err"; rc=$?
check "error: exit 1" "1" "$rc"
check "error: one line naming FILE:LINE:BYTE" "zhtext sentences: $tmp/inv.txt:2:3: invalid UTF-8 (invalid byte)" "$(cat "$tmp/err")"
check "error: the file before is complete, nothing of the failing one, the run stops" "第一行。
第二行。" "$(cat "$tmp/out")"
# The error is late in a file of many blocks: still nothing of it is written.
{ cat "$gen"; printf '\xc3'; } > "$tmp/late.txt"
ZHTEXT_BLOCK_SIZE=100 "$zh" normalize --on-invalid error --threads 2 "$tmp/late.txt" > "$tmp/out" 2> "$tmp/err"; rc=$?
lines=$(wc -l < "$gen")
check "error late in a big file: nothing written, exit 1" "0 1" "$(wc -c < "$tmp/out") $rc"
check "error late in a big file: the message" "zhtext normalize: $tmp/late.txt:$((lines + 1)):$(wc -c < "$gen"): invalid UTF-8 (truncated sequence)" "$(cat "$tmp/err")"
# Standard input is spooled for the pre-pass: valid input comes out as without it.
check "error mode on a valid pipe = replace mode" "$("$zh" normalize < "$gen" | md5sum)" "$(cat "$gen" | "$zh" normalize --on-invalid error | md5sum)"
check "error mode on a valid redirected file" "$("$zh" normalize < "$gen" | md5sum)" "$("$zh" normalize --on-invalid error < "$gen" | md5sum)"
out=$(cat "$tmp/late.txt" | "$zh" normalize --on-invalid error 2> "$tmp/err"); rc=$?
check "error mode on an invalid pipe: nothing written, exit 1" "0 1" "${#out} $rc"
check "error mode on an invalid pipe: message" "zhtext normalize: <stdin>:$((lines + 1)):$(wc -c < "$gen"): invalid UTF-8 (truncated sequence)" "$(cat "$tmp/err")"
# Many invalid sequences: the first 10 of each file, then a count.
head -c 15 /dev/zero | tr '\0' '\377' > "$tmp/ff.txt"
"$zh" normalize "$tmp/ff.txt" "$tmp/ff.txt" > /dev/null 2> "$tmp/err"
check "warnings: 10 per file, then a count" "20 2" "$(grep -c "ff.txt:1:" "$tmp/err") $(grep -c "5 more invalid UTF-8 sequences replaced with U+FFFD" "$tmp/err")"
check "warnings: the count line" "zhtext normalize: warning: $tmp/ff.txt: 5 more invalid UTF-8 sequences replaced with U+FFFD" "$(sed -n 11p "$tmp/err")"
"$zh" normalize --quiet "$tmp/inv.txt" > /dev/null 2> "$tmp/err"
check "--quiet: no warnings" "" "$(cat "$tmp/err")"
check "validate does not take --on-invalid" "2" "$("$zh" validate --on-invalid skip "$tmp/inv.txt" > /dev/null 2>&1; echo $?)"

# --- blocks cut for size ------------------------------------------------------------
# A line longer than the largest block is cut at a character boundary: validation
# still finds the right byte, the character across the cut is not an error.
{ head -c 3000 /dev/zero | tr '\0' 'a'; printf '\xe4\xb8\xad'; head -c 3000 /dev/zero | tr '\0' 'b'; printf '\xe4\xb8\xadc\xe4\n'; } > "$tmp/longline.txt"
check "validate across a forced cut (block size 64, max 1024)" "invalid UTF-8 at byte 6007 (line 1): truncated sequence" \
  "$(ZHTEXT_BLOCK_SIZE=64 "$zh" validate --threads 2 "$tmp/longline.txt")"
check "validate without forced cuts agrees" "invalid UTF-8 at byte 6007 (line 1): truncated sequence" "$("$zh" validate "$tmp/longline.txt")"

# --- usage errors: one line, exit 2 -----------------------------------------------------
usage() {  # usage NAME EXPECTED_MESSAGE ARGS...
  local name=$1 msg=$2; shift 2
  "$zh" "$@" < /dev/null > "$tmp/out" 2> "$tmp/err"; local rc=$?
  check "$name" "2|$msg|0" "$rc|$(cat "$tmp/err")|$(wc -c < "$tmp/out")"
}
usage "unknown option" "zhtext normalize: unknown option '--frobnicate' (see 'zhtext normalize --help')" normalize --frobnicate
usage "bad --threads" "zhtext sentences: --threads must be a number from 1 to 1024 (0: all cores), not 'x'" sentences --threads x
usage "--threads too large" "zhtext sentences: --threads must be a number from 1 to 1024 (0: all cores), not '5000'" sentences --threads 5000
usage "bad --on-invalid" "zhtext normalize: --on-invalid must be replace, skip or error, not 'ignore'" normalize --on-invalid ignore
usage "bad --format" "zhtext sentences: --format must be plain, tsv or jsonl, not 'csv'" sentences --format csv
usage "--format where there is none" "zhtext normalize: unknown option '--format' (see 'zhtext normalize --help')" normalize --format tsv
usage "missing value" "zhtext sentences: option '--threads' needs a value N" sentences --threads
check "--threads 0 = all cores" "OK" "$(printf 'a' | "$zh" validate --threads 0)"
help=$("$zh" normalize --help)
case "$help" in *"--threads N"*"--on-invalid MODE"*"--glob PATTERN"*"--quiet"*) r=yes ;; *) r=no ;; esac
check "--help lists the common options" "yes" "$r"

# --- I/O errors: reported, the other inputs still processed, exit 3 --------------------
"$zh" normalize "$tmp/good.txt" "$tmp/missing.txt" "$tmp/good.txt" > "$tmp/out" 2> "$tmp/err"; rc=$?
check "missing file: exit 3" "3" "$rc"
check "missing file: one line" "zhtext normalize: cannot open '$tmp/missing.txt': No such file or directory" "$(cat "$tmp/err")"
check "missing file: the others are processed" "第一行。
第二行。

第一行。
第二行。" "$(cat "$tmp/out")"
ln -s "$tmp/nowhere" "$tmp/dangling.txt"
"$zh" validate "$tmp/dangling.txt" > /dev/null 2> "$tmp/err"; rc=$?
check "dangling link: exit 3" "3" "$rc"
if [ -w /dev/full ]; then
  "$zh" normalize "$gen" > /dev/full 2> "$tmp/err"; rc=$?
  check "write error: exit 3" "3" "$rc"
  check "write error: message" "zhtext normalize: cannot write to standard output: No space left on device" "$(head -1 "$tmp/err")"
fi
check "empty input: one empty block, no output" "0" "$("$zh" normalize < /dev/null | wc -c)"

finish
