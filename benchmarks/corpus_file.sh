# corpus_file.sh: sourced by the benchmark scripts. Defines
#   corpus_file OUT: writes OUT, the news corpus ($ZHTEXT_CORPUS, default
#   ../shared/corpus/news beside the repository) repeated, blank lines between the
#   articles, until it holds at least $ZHTEXT_BENCH_MB (default 12) MB; exits with a
#   message when the corpus is absent.
corpus_file() {
  local out=$1 f
  local corpus=${ZHTEXT_CORPUS:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/../shared/corpus/news}
  local bytes=$((${ZHTEXT_BENCH_MB:-12} * 1000000))
  ls "$corpus"/*.txt > /dev/null 2>&1 || { echo "news corpus not found at $corpus" >&2; exit 1; }
  : > "$out"
  while [ "$(stat -c %s "$out")" -lt "$bytes" ]; do
    for f in "$corpus"/*.txt; do cat "$f"; printf '\n\n'; done >> "$out"
  done
}
