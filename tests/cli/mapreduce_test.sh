#!/usr/bin/env bash
# mapreduce_test.sh - the Hadoop Streaming / Spark recipe of the README (mapper
# `zhtext count --per-line --format tsv`, combiner and reducer `zhtext merge`) run
# locally on the project's own Chinese text (so it runs everywhere; see
# mapreduce_corpus_test.sh for the news corpus): split, one mapper process per split,
# sort or not, combine, reduce = one `zhtext count`, byte for byte; for words,
# characters and character bigrams; and per-file documents when whole files are mapped.
. "$(dirname "$0")/lib.sh"
. "$src/tests/cli/mapreduce.sh"

# The text: the README (Chinese and English), the sample news, the segmenter's edge
# cases (invalid-looking but valid UTF-8, NULs, emoji, Latin), the stop-word list.
for f in README.md examples/data/sample_news.txt tests/data/segment_edge_cases.txt data/stopwords.txt; do
  cat "$src/$f"; echo
done > "$tmp/text.txt"
mapreduce_check "words" "$tmp/text.txt" 5
mapreduce_check "chars" "$tmp/text.txt" 4 --tokens chars
mapreduce_check "bigrams, Han only" "$tmp/text.txt" 3 --tokens ngram:2 --han-only
mapreduce_check "words, search mode, builtin stop words" "$tmp/text.txt" 7 --mode search --stop-words builtin

# Control: without --per-line each split is one document, so the merged dfs count
# splits, not lines, and the tables differ (the comparisons above can fail).
split -n l/5 -d "$tmp/text.txt" "$tmp/split."
check "control: splits counted as documents give other dfs" "different" \
  "$(cmp -s <("$zh" count --per-line "$tmp/text.txt") <(for p in "$tmp"/split.*; do "$zh" count --quiet < "$p"; done | "$zh" merge) && echo same || echo different)"
check "control: ... but the same counts" "$("$zh" count --per-line "$tmp/text.txt" | cut -f1,2)" \
  "$(for p in "$tmp"/split.*; do "$zh" count --quiet < "$p"; done | "$zh" merge | cut -f1,2)"

# Whole files mapped (a document per file): count each, merge = count them all.
files=("$src/README.md" "$src/examples/data/sample_news.txt" "$src/tests/data/segment_edge_cases.txt")
same_file "a file per mapper, documents = files" <("$zh" count "${files[@]}") \
  <(for f in "${files[@]}"; do "$zh" count "$f"; done | "$zh" merge)

finish
