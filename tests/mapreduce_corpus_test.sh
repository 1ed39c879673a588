#!/usr/bin/env bash
# mapreduce_corpus_test.sh - the Hadoop Streaming / Spark recipe of the README run
# locally on the news corpus (../shared/corpus/news or $ZHTEXT_CORPUS; skipped, exit
# 77, when absent): the corpus split by lines into parts, one mapper process
# (`zhtext count --per-line --format tsv`) per part, LC_ALL=C sort, `zhtext merge` as
# combiner and reducer, sorted or not, one or three reducers = one `zhtext count
# --per-line` over the whole corpus, byte for byte; words and characters. With whole
# files per mapper, the default documents (files) merge to the count of the directory.
set -uo pipefail
zh=${ZHTEXT_CLI:?ZHTEXT_CLI must point at the zhtext program}
src=${ZHTEXT_SOURCE_DIR:-$(cd "$(dirname "$0")/.." && pwd)}
corpus=${ZHTEXT_CORPUS:-$src/../shared/corpus/news}
if ! ls "$corpus"/*.txt > /dev/null 2>&1; then
  echo "*** SKIPPED: news corpus not found at $corpus ***"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
check() {  # check NAME EXPECTED ACTUAL
  if [ "$2" == "$3" ]; then echo "ok   $1"; else echo "FAIL $1"; echo "  expected: $(printf %q "$2" | head -c 400)"; echo "  actual:   $(printf %q "$3" | head -c 400)"; fails=$((fails + 1)); fi
}
same_file() {  # same_file NAME EXPECTED_FILE ACTUAL_FILE (non-empty expected, byte for byte)
  cat "$2" > "$tmp/.expected"; cat "$3" > "$tmp/.actual"
  if [ -s "$tmp/.expected" ] && cmp -s "$tmp/.expected" "$tmp/.actual"; then echo "ok   $1 ($(wc -l < "$tmp/.actual") rows)"
  else echo "FAIL $1 ($(wc -l < "$tmp/.expected") rows expected)"; diff "$tmp/.expected" "$tmp/.actual" | head -10; fails=$((fails + 1)); fi
}
. "$src/tests/tools/mapreduce.sh"

# The corpus as one text (as it would sit in HDFS), each article ending in a line break.
for f in $(ls "$corpus"/*.txt | LC_ALL=C sort); do cat "$f"; [ -z "$(tail -c 1 "$f")" ] || echo; done > "$tmp/corpus.txt"
mapreduce_check "corpus, words" "$tmp/corpus.txt" 5
mapreduce_check "corpus, chars" "$tmp/corpus.txt" 5 --tokens chars
mapreduce_check "corpus, words, 9 splits" "$tmp/corpus.txt" 9
# Per line, the corpus as one text = its files (line documents do not see files).
same_file "corpus: --per-line over the files = over their concatenation" \
  <("$zh" count --per-line "$tmp/corpus.txt") <("$zh" count --per-line "$corpus")
# Whole files per mapper: documents are files.
same_file "corpus: a file per mapper, merged = count of the directory" <("$zh" count "$corpus") \
  <(for f in "$corpus"/*.txt; do "$zh" count "$f"; done | "$zh" merge)

echo "$fails failure(s)"
[ "$fails" -eq 0 ]
