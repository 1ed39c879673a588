#!/usr/bin/env bash
# mapreduce_corpus_test.sh - the Hadoop Streaming / Spark recipe of the README run
# locally on the news corpus (../shared/corpus/news or $ZHTEXT_CORPUS; skipped, exit
# 77, when absent): the corpus split by lines into parts, one mapper process
# (`zhtext count --per-line --format tsv`) per part, LC_ALL=C sort, `zhtext merge` as
# combiner and reducer, sorted or not, one or three reducers = one `zhtext count
# --per-line` over the whole corpus, byte for byte; words and characters. With whole
# files per mapper, the default documents (files) merge to the count of the directory.
. "$(dirname "$0")/lib.sh"
require_corpus
. "$src/tests/cli/mapreduce.sh"

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

finish
