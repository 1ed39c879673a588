# mapreduce.sh - sourced by mapreduce_test.sh and mapreduce_corpus_test.sh: runs the
# Hadoop Streaming recipe of the README locally and checks that it prints, byte for
# byte, what one `zhtext count` over the whole input prints.
#   mapreduce_check LABEL INPUT_FILE PARTS [COUNT_OPTIONS...]
# needs $zh (the program), $tmp (a scratch directory) and check/same_file; counts
# failures in $fails.
mapreduce_check() {
  local label=$1 input=$2 parts=$3; shift 3
  local opts=("$@") w="$tmp/mr.$RANDOM"
  mkdir -p "$w"
  "$zh" count --per-line "${opts[@]}" "$input" > "$w/want"
  [ -s "$w/want" ] || { echo "FAIL $label: the single count is empty"; fails=$((fails + 1)); return; }
  # Input splits at line ends, as Hadoop's TextInputFormat makes them.
  split -n "l/$parts" -d "$input" "$w/part."
  check "$label: $parts non-empty input splits" "$parts" "$(find "$w" -name 'part.*' -size +0 | wc -l)"
  # One mapper process per split, reading standard input, all at once.
  local p pids=()
  for p in "$w"/part.*; do
    "$zh" count --per-line --format tsv --quiet "${opts[@]}" < "$p" > "$p.map" & pids+=($!)
  done
  local rc=0
  for p in "${pids[@]}"; do wait "$p" || rc=1; done
  check "$label: every mapper exits 0" "0" "$rc"
  # Combiner on each mapper's sorted output, shuffle (LC_ALL=C sort), one reducer.
  for p in "$w"/part.*.map; do LC_ALL=C sort "$p" | "$zh" merge > "${p%.map}.comb"; done
  same_file "$label: map, sort, combine, sort, reduce = one count" "$w/want" \
    <(cat "$w"/part.*.comb | LC_ALL=C sort | "$zh" merge)
  # No sort and no combiner: merge takes the mappers' rows in any order.
  same_file "$label: map, reduce unsorted = one count" "$w/want" <(cat "$w"/part.*.map | "$zh" merge)
  same_file "$label: map, reduce in reverse order = one count" "$w/want" <(ls -r "$w"/part.*.map | xargs cat | "$zh" merge)
  # Three reducers, each given the keys of its partition (by token length), then the
  # reducers' outputs merged once more into one sorted table.
  cat "$w"/part.*.comb | awk -F'\t' -v dir="$w" '{ print > (dir "/shuffle." (length($1) % 3)) }'
  for p in "$w"/shuffle.*; do LC_ALL=C sort "$p" | "$zh" merge > "$p.out"; done
  check "$label: three reducers hold disjoint tokens" "0" "$(cat "$w"/shuffle.*.out | cut -f1 | LC_ALL=C sort | uniq -d | wc -l)"
  same_file "$label: three reducers, outputs merged = one count" "$w/want" <(cat "$w"/shuffle.*.out | "$zh" merge)
  # The mappers given their splits as files, with several threads and small blocks.
  same_file "$label: mappers on files with --threads 2, small blocks" "$w/want" \
    <(for p in "$w"/part.??; do ZHTEXT_BLOCK_SIZE=4096 "$zh" count --per-line --threads 2 --quiet "${opts[@]}" "$p"; done | "$zh" merge)
  rm -rf "$w"
}
