#!/usr/bin/env bash
# corpus_test.sh - the `zhtext` program on the news corpus (../shared/corpus/news
# or $ZHTEXT_CORPUS; skipped, exit 77, when absent): every engine command gives the
# same bytes with --threads 1 and --threads 2, with whole-file blocks and with small
# blocks; the directory gives what its files given one by one give.
. "$(dirname "$0")/lib.sh"
require_corpus
files=$(ls "$corpus"/*.txt | LC_ALL=C sort)
for cmd in "validate" "normalize" "normalize --cjk-punct --fold-width" "sentences" "sentences --format tsv" \
           "sentences --format jsonl" "sentences --offsets --line-breaks always"; do
  one=$("$zh" $cmd --threads 1 "$corpus" | md5sum)
  check "$cmd: --threads 2 = --threads 1" "$one" "$("$zh" $cmd --threads 2 "$corpus" | md5sum)"
  check "$cmd: small blocks, --threads 2 = --threads 1" "$(ZHTEXT_BLOCK_SIZE=300 "$zh" $cmd --threads 1 "$corpus" | md5sum)" \
    "$(ZHTEXT_BLOCK_SIZE=300 "$zh" $cmd --threads 2 "$corpus" | md5sum)"
  # Paragraph blocks (normalize, sentences) never change results when no paragraph
  # is cut for size (300-byte blocks allow 4800-byte paragraphs).
  check "$cmd: small blocks = whole files" "$one" "$(ZHTEXT_BLOCK_SIZE=300 "$zh" $cmd --threads 2 "$corpus" | md5sum)"
  check "$cmd: the directory = its files named one by one" "$one" "$("$zh" $cmd --threads 2 $files | md5sum)"
done
check "validate lists every corpus file" "$(echo "$files" | wc -l)" "$("$zh" validate "$corpus" | grep -c ': OK$')"

finish
