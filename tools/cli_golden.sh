#!/usr/bin/env bash
# tools/cli_golden.sh - fingerprints of the `zhtext` program's output: every subcommand
# with its main options, on the project's own texts and on the news corpus.
#
#   bash tools/cli_golden.sh ZHTEXT [CORPUS_DIR]  > tests/cli/golden.tsv
#
# Each row is `CASE<TAB>INPUT_SHA256<TAB>RESULT_SHA256`: CASE names the command line,
# INPUT_SHA256 fingerprints the input files (names below the input's directory and
# bytes), RESULT_SHA256 the program's exit code, stdout and any file it wrote. The
# input fingerprint is part of the key, so tests/cli/golden_test.sh compares only
# cases whose input is the one that was fingerprinted: another corpus beside the
# checkout is reported as not covered, never as a failure.
#
# The rows were made with the program before the renovation of issue 13; a row changes
# only when a behaviour changes on purpose, and the commit that changes it says why.
set -euo pipefail
zh=${1:?usage: cli_golden.sh ZHTEXT [CORPUS_DIR]}
src=$(cd "$(dirname "$0")/.." && pwd)
corpus=${2:-${ZHTEXT_CORPUS:-$src/../shared/corpus/news}}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/rows"
home=$PWD

# Patterns for `match`, written for the project.
printf '%s\n' 社区 居民 口罩 志愿者 党员 书屋 疫情 防控 服务 核酸检测 社区居民 新冠 A B ab 12 > "$tmp/patterns.txt"

# input_sha INPUT: the fingerprint of the input as the program is given it (its
# name, and each file's name below it and bytes, in the order the program reads them).
# The program runs in the input's directory, so names in its output are the same
# wherever the checkout is.
input_sha() {
  local p
  for p in "$@"; do
    if [ -d "$p" ]; then
      printf '%s\0' "$(basename "$p")"
      (cd "$p" && find . -name '*.txt' -type f | LC_ALL=C sort | while read -r f; do printf '%s\0' "$f"; cat "$f"; done)
    else
      printf '%s\0' "$(basename "$p")"; cat "$p"
    fi
  done | sha256sum | cut -d' ' -f1
}
# input_sha_of INPUT: input_sha, computed once per input (every case of an input has
# the same one); sets `sha`.
declare -A input_shas=()
input_sha_of() {
  [ -n "${input_shas[$1]:-}" ] || input_shas[$1]=$(input_sha "$1")
  sha=${input_shas[$1]}
}

# run CASE INPUT -- ARGS...: one row; ARGS may name $tmp/out.* files the program writes.
# The program runs in INPUT's directory and is given its base name. A run starts one
# process, the program: its exit code, stdout and files are kept in $tmp/rows, and one
# Python process fingerprints them all at the end (rows below); before, ~10 processes a
# case (subshells, cat, sha256sum, cut) took most of the script's CPU time.
rows=()
run() {
  local name=$1 input=$2; shift 3
  local dir=${input%/*} n=${#rows[@]} f rc=0
  cd "${dir:-/}" || return 1
  "$zh" "$@" --quiet "${input##*/}" > "$tmp/rows/$n.stdout" 2> /dev/null || rc=$?
  cd "$home" || return 1
  for f in "$tmp"/out.*; do if [ -e "$f" ]; then mv "$f" "$tmp/rows/$n.file.${f##*/}"; fi; done
  input_sha_of "$input"
  rows+=("$name"$'\t'"$sha"$'\t'"$rc")
}

# print_rows: prints every row, `CASE<TAB>INPUT_SHA256<TAB>RESULT_SHA256`, RESULT_SHA256 that of
# "exit RC\n", the program's stdout, and for each file it wrote "file NAME\n" and the file.
print_rows() {
  printf '%s\n' "${rows[@]}" | python3 -c '
import hashlib, os, sys
d = sys.argv[1]
files = sorted(os.listdir(d))
for n, line in enumerate(sys.stdin.read().splitlines()):
    name, sha, rc = line.rsplit("\t", 2)
    h = hashlib.sha256(b"exit %s\n" % rc.encode())
    h.update(open(os.path.join(d, "%d.stdout" % n), "rb").read())
    for f in files:
        if f.startswith("%d.file." % n):
            h.update(b"file %s\n" % f[len("%d.file." % n):].encode())
            h.update(open(os.path.join(d, f), "rb").read())
    print("%s\t%s\t%s" % (name, sha, h.hexdigest()))
' "$tmp/rows"
}

cases() {
  local in=$1
  run "validate" "$in" -- validate
  run "normalize" "$in" -- normalize
  run "normalize --fold-width --cjk-punct" "$in" -- normalize --fold-width --cjk-punct
  run "normalize --no-join --keep-space --keep-controls" "$in" -- normalize --no-join --keep-space --keep-controls
  run "sentences" "$in" -- sentences
  run "sentences --format tsv" "$in" -- sentences --format tsv
  run "sentences --format jsonl --semicolon" "$in" -- sentences --format jsonl --semicolon
  run "sentences --offsets --line-breaks always" "$in" -- sentences --offsets --line-breaks always
  run "sentences --line-breaks never" "$in" -- sentences --line-breaks never
  for m in precise precise-nohmm full search; do
    run "segment --mode $m" "$in" -- segment --mode "$m"
  done
  run "segment --json" "$in" -- segment --json
  run "segment --sep /" "$in" -- segment --sep /
  run "pos" "$in" -- pos
  run "pos --mode precise-nohmm" "$in" -- pos --mode precise-nohmm
  run "pos --json" "$in" -- pos --json
  run "count" "$in" -- count
  run "count --tokens chars" "$in" -- count --tokens chars
  run "count --tokens ngram:2 --han-only" "$in" -- count --tokens ngram:2 --han-only
  run "count --per-line --format jsonl" "$in" -- count --per-line --format jsonl
  run "count --format json" "$in" -- count --format json
  run "count --mode search --stop-words builtin --no-punct --min-length 2 --top 30" "$in" -- count --mode search --stop-words builtin --no-punct --min-length 2 --top 30
  run "count --svg" "$in" -- count --svg "$tmp/out.svg" --svg-bars 8
  run "keywords" "$in" -- keywords
  run "keywords --method textrank --with-weight" "$in" -- keywords --method textrank --with-weight
  run "keywords --per-line --format tsv" "$in" -- keywords --per-line --format tsv
  run "keywords --format jsonl --top 5 --allow-pos ns,n,vn,v" "$in" -- keywords --format jsonl --top 5 --allow-pos ns,n,vn,v
  run "keywords --svg" "$in" -- keywords --svg "$tmp/out.svg"
  run "entities" "$in" -- entities
  run "entities --json --kinds date,time,byline" "$in" -- entities --json --kinds date,time,byline
  for k in overlapping leftmost-longest leftmost-first; do
    run "match --kind $k" "$in" -- match --patterns "$tmp/patterns.txt" --kind "$k"
  done
  run "match --fold case,width --ignore ' *' --mask '*'" "$in" -- match --patterns "$tmp/patterns.txt" --fold case,width --ignore ' *' --mask '*'
  run "discover --min-count 2" "$in" -- discover --min-count 2
  run "discover --all-chars --top 20" "$in" -- discover --all-chars --top 20
  # merge reads tables: the per-line count of the input, fed back.
  (cd "$(dirname "$in")" && "$zh" count --per-line --quiet "$(basename "$in")" > "$tmp/table.tsv" 2> /dev/null) || true
  local rc=0 n=${#rows[@]}
  "$zh" merge --top 50 < "$tmp/table.tsv" > "$tmp/rows/$n.stdout" 2> /dev/null || rc=$?
  input_sha_of "$in"
  rows+=("merge --top 50 (of count --per-line)"$'\t'"$sha"$'\t'"$rc")
}

cases "$src/examples/data/sample_news.txt"
cases "$src/tests/data/segment_edge_cases.txt"
cases "$src/tests/data/pos_edge_cases.txt"
if ls "$corpus"/*.txt > /dev/null 2>&1; then
  cases "$(cd "$corpus" && pwd)"
  for f in "$corpus"/*.txt; do cases "$(cd "$(dirname "$f")" && pwd)/$(basename "$f")"; done
fi
print_rows
