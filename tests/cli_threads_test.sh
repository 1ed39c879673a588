#!/usr/bin/env bash
# cli_threads_test.sh - every `zhtext` command that takes --threads, run with 4 threads
# on a corpus-sized input (the news corpus repeated to ~1 MiB, or the project's sample
# text when the corpus is absent) cut into many small blocks: the output equals the
# one-thread output. The test command also runs it with a ThreadSanitizer build of
# the program (build/tsan), where any data race fails the run.
set -uo pipefail
zh=${ZHTEXT_CLI:?ZHTEXT_CLI must point at the zhtext program}
src=${ZHTEXT_SOURCE_DIR:?}
corpus=${ZHTEXT_CORPUS:-$src/../shared/corpus/news}
size=${ZHTEXT_CLI_THREADS_BYTES:-1048576}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0

if ls "$corpus"/*.txt >/dev/null 2>&1; then
  cat "$corpus"/*.txt > "$tmp/one.txt"
else
  echo "note: no news corpus at $corpus; using examples/data/sample_news.txt"
  cat "$src/examples/data/sample_news.txt" > "$tmp/one.txt"
fi
: > "$tmp/in.txt"
while [ "$(stat -c %s "$tmp/in.txt")" -lt "$size" ]; do cat "$tmp/one.txt" >> "$tmp/in.txt"; done
printf '社区\n志愿者\n疫情防控\n居民\n口罩\n' > "$tmp/patterns.txt"
echo "input: $(stat -c %s "$tmp/in.txt") bytes"

# Blocks of ~2 KB: hundreds of blocks in flight across the workers.
export ZHTEXT_BLOCK_SIZE=2048
run() {  # run NAME ARGS...: --threads 4 against --threads 1
  local name=$1; shift
  "$zh" "$@" --threads 1 --quiet "$tmp/in.txt" > "$tmp/one.out" 2> "$tmp/one.err"; local rc1=$?
  "$zh" "$@" --threads 4 --quiet "$tmp/in.txt" > "$tmp/four.out" 2> "$tmp/four.err"; local rc4=$?
  if [ $rc1 -eq 0 ] && [ $rc4 -eq 0 ] && [ -s "$tmp/one.out" ] && cmp -s "$tmp/one.out" "$tmp/four.out"; then
    echo "ok   $name ($(stat -c %s "$tmp/one.out") bytes out)"
  else
    echo "FAIL $name: exit $rc1 / $rc4, outputs $(stat -c %s "$tmp/one.out") / $(stat -c %s "$tmp/four.out") bytes"
    head -c 2000 "$tmp/four.err"
    fails=$((fails + 1))
  fi
}
run validate validate
run normalize normalize
run sentences sentences --format tsv
run segment segment
run pos pos
run count count --format tsv
run keywords keywords --format tsv --top 50
run "keywords per line" keywords --per-line --format tsv
run entities entities
run match match --patterns "$tmp/patterns.txt"
"$zh" count --format tsv --threads 1 --quiet "$tmp/in.txt" > "$tmp/counts.tsv"
cp "$tmp/counts.tsv" "$tmp/in.txt"  # merge reads TSV tables
run merge merge

[ $fails -eq 0 ] || { echo "$fails failure(s)"; exit 1; }
echo "all passed"
