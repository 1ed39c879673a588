#!/usr/bin/env bash
# cli_threads.sh ZHTEXT [COMMAND...]: how the `zhtext` program scales with --threads.
# Builds a >= 10 MB input by repeating the news corpus (one file in a temporary
# directory), runs each command with --threads 1 and --threads N
# (N = 2 and all cores when more), best of $ZHTEXT_BENCH_RUNS (default 5) runs, checks
# the outputs are identical, and prints a Markdown table: wall seconds and MB/s, and
# the speed-up over one thread (the ratio of the best wall times).
#   bash benchmarks/cli_threads.sh build/bench/examples/zhtext validate normalize sentences count
set -euo pipefail
zh=$1; shift
cmds=("$@")
[ ${#cmds[@]} -gt 0 ] || cmds=(validate normalize sentences "sentences --format tsv" count "count --tokens chars"
                               "count --per-line --tokens ngram:2")
runs=${ZHTEXT_BENCH_RUNS:-5}
corpus=${ZHTEXT_CORPUS:-$(cd "$(dirname "$0")/.." && pwd)/../shared/corpus/news}
ls "$corpus"/*.txt > /dev/null 2>&1 || { echo "news corpus not found at $corpus" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# One big file of the corpus articles repeated, blank lines between them.
while [ "$(stat -c %s "$tmp/one.txt" 2>/dev/null || echo 0)" -lt 12000000 ]; do
  for f in "$corpus"/*.txt; do cat "$f"; printf '\n\n'; done >> "$tmp/one.txt"
done
mb=$(python3 -c "import os,sys; print('%.1f' % (os.path.getsize(sys.argv[1]) / 1e6))" "$tmp/one.txt")
cores=$(nproc)
threads=(1 2)
[ "$cores" -gt 2 ] && threads+=("$cores")

best_time() {  # best_time ARGS...: the best wall time of $runs runs, in seconds
  python3 - "$runs" "$@" <<'PY'
import subprocess, sys, time
best = None
runs = int(sys.argv.pop(1))
for _ in range(runs):
    t = time.perf_counter()
    subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    t = time.perf_counter() - t
    best = t if best is None else min(best, t)
print("%.4f" % best)
PY
}

echo "Input: the news corpus repeated to $mb MB (one file). Best of $runs runs; load average $(cut -d' ' -f1 /proc/loadavg) on $cores cores."
echo
header="| command |"; rule="|---|"
for t in "${threads[@]}"; do header+=" --threads $t |"; rule+="---:|"; done
for t in "${threads[@]:1}"; do header+=" speed-up ×$t |"; rule+="---:|"; done
echo "$header"; echo "$rule"
for cmd in "${cmds[@]}"; do
  ref=$("$zh" $cmd --threads 1 "$tmp/one.txt" | md5sum)
  row="| \`zhtext $cmd\` |"; t1=""
  speed=""
  for t in "${threads[@]}"; do
    [ "$("$zh" $cmd --threads "$t" "$tmp/one.txt" | md5sum)" == "$ref" ] || { echo "output differs with --threads $t: $cmd" >&2; exit 1; }
    s=$(best_time "$zh" $cmd --threads "$t" "$tmp/one.txt")
    row+=" $(python3 -c "print('%.3f s (%.1f MB/s)' % ($s, $mb / $s))") |"
    if [ -z "$t1" ]; then t1=$s; else speed+=" $(python3 -c "print('%.2f' % ($t1 / $s))") |"; fi
  done
  echo "$row$speed"
done
