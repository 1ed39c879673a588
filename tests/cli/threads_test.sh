#!/usr/bin/env bash
# threads_test.sh - every `zhtext` command that takes --threads, run with 4 threads on
# ~1 MiB (the news corpus repeated, or the project's sample text when the corpus is
# absent) cut into ~2 KB blocks, so hundreds of blocks are in flight across the
# workers: the output equals the one-thread output, byte for byte. The test command
# also runs it on a ThreadSanitizer build of the program (build/tsan), where any data
# race fails the run. ZHTEXT_CLI_THREADS_BYTES sets the input size.
. "$(dirname "$0")/lib.sh"
size=${ZHTEXT_CLI_THREADS_BYTES:-1048576}

if ls "$corpus"/*.txt > /dev/null 2>&1; then
  cat "$corpus"/*.txt > "$tmp/one.txt"
else
  echo "note: no news corpus at $corpus; using examples/data/sample_news.txt"
  cat "$src/examples/data/sample_news.txt" > "$tmp/one.txt"
fi
: > "$tmp/in.txt"
while [ "$(stat -c %s "$tmp/in.txt")" -lt "$size" ]; do cat "$tmp/one.txt" >> "$tmp/in.txt"; done
printf '社区\n志愿者\n疫情防控\n居民\n口罩\n' > "$tmp/patterns.txt"
echo "input: $(stat -c %s "$tmp/in.txt") bytes"

export ZHTEXT_BLOCK_SIZE=2048
# run NAME INPUT ARGS...: `zhtext ARGS --threads 4 INPUT` writes what --threads 1 writes,
# both succeed, and the output is not empty.
run() {
  local name=$1 input=$2; shift 2
  local rc1 rc4
  "$zh" "$@" --threads 1 --quiet "$input" > "$tmp/one.out" 2> "$tmp/one.err"; rc1=$?
  "$zh" "$@" --threads 4 --quiet "$input" > "$tmp/four.out" 2> "$tmp/four.err"; rc4=$?
  check "$name: exit status with 1 and 4 threads" "0 0" "$rc1 $rc4"
  [ $rc4 -eq 0 ] || head -c 2000 "$tmp/four.err"
  same_file "$name: --threads 4 = --threads 1" "$tmp/one.out" "$tmp/four.out"
}
run validate "$tmp/in.txt" validate
run normalize "$tmp/in.txt" normalize
run sentences "$tmp/in.txt" sentences --format tsv
run segment "$tmp/in.txt" segment
run pos "$tmp/in.txt" pos
run count "$tmp/in.txt" count --format tsv
run keywords "$tmp/in.txt" keywords --format tsv --top 50
run "keywords per line" "$tmp/in.txt" keywords --per-line --format tsv
run entities "$tmp/in.txt" entities
run match "$tmp/in.txt" match --patterns "$tmp/patterns.txt"
run "dedup per line" "$tmp/in.txt" dedup --per-line --threshold 0.5
"$zh" count --format tsv --threads 1 --quiet "$tmp/in.txt" > "$tmp/counts.tsv"
run merge "$tmp/counts.tsv" merge
finish
