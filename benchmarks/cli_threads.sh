#!/usr/bin/env bash
# cli_threads.sh ZHTEXT [COMMAND...]: how the `zhtext` program scales with --threads.
# Builds a >= 10 MB input by repeating the news corpus (one file in a temporary
# directory; ZHTEXT_BENCH_MB sets the size, default 12), checks that each command's
# output is identical for every --threads, then times it in rounds: each round runs
# --threads 1, 2 (and all cores when more) back to back, $ZHTEXT_BENCH_RUNS rounds
# (default 11). Prints a Markdown table: the best wall time of each (seconds, MB/s),
# the speed-up of the best times, and the median of the per-round speed-ups (each
# round's runs are seconds apart, so a machine whose speed drifts, as shared virtual
# machines do, affects both sides of a round alike). The last column is what the
# machine itself allows: two independent `--threads 1` processes, each on one half of
# the input, run at the same time (no shared work, no coordination), as a speed-up
# over one process on the whole; --threads 2 cannot be expected to beat it.
#   bash benchmarks/cli_threads.sh build/bench/tools/cli/zhtext validate normalize sentences count
set -euo pipefail
zh=$1; shift
cmds=("$@")
[ ${#cmds[@]} -gt 0 ] || cmds=(validate normalize sentences "sentences --format tsv" count "count --tokens chars"
                               "count --per-line --tokens ngram:2")
runs=${ZHTEXT_BENCH_RUNS:-11}
. "$(dirname "$0")/corpus_file.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
corpus_file "$tmp/one.txt"  # one big file: the corpus articles repeated
cores=$(nproc)
threads=(1 2)
[ "$cores" -gt 2 ] && threads+=("$cores")
for cmd in "${cmds[@]}"; do
  ref=$("$zh" $cmd --threads 1 "$tmp/one.txt" | md5sum)
  for t in "${threads[@]:1}"; do
    [ "$("$zh" $cmd --threads "$t" "$tmp/one.txt" | md5sum)" == "$ref" ] || { echo "output differs with --threads $t: $cmd" >&2; exit 1; }
  done
done

python3 - "$zh" "$tmp/one.txt" "$runs" "$cores" "${threads[*]}" "${cmds[@]}" <<'PY'
import os, statistics, subprocess, sys, time
zh, path, runs, cores, threads = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], [int(t) for t in sys.argv[5].split()]
cmds = sys.argv[6:]
mb = os.path.getsize(path) / 1e6
data = open(path, "rb").read()
cut = data.index(b"\n", len(data) // 2) + 1
halves = [path + ".1", path + ".2"]
for name, part in zip(halves, (data[:cut], data[cut:])):
    open(name, "wb").write(part)
print("Input: the news corpus repeated to %.1f MB (one file). %d rounds; load average %s on %s cores."
      % (mb, runs, open("/proc/loadavg").read().split()[0], cores))
print()
head = "| command |" + "".join(" --threads %d |" % t for t in threads)
head += "".join(" speed-up ×%d (best) | ×%d (median of rounds) |" % (t, t) for t in threads[1:])
head += " 2 processes on halves (best) |"
print(head)
print("|---|" + "---:|" * (len(threads) + 2 * (len(threads) - 1) + 1))
for cmd in cmds:
    times = {t: [] for t in threads}
    pair = []
    for _ in range(runs):
        for t in threads:
            start = time.perf_counter()
            subprocess.run([zh] + cmd.split() + ["--threads", str(t), path], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, check=True)
            times[t].append(time.perf_counter() - start)
        start = time.perf_counter()
        procs = [subprocess.Popen([zh] + cmd.split() + ["--threads", "1", h], stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL) for h in halves]
        if any(p.wait() != 0 for p in procs):
            sys.exit("failed on a half: " + cmd)
        pair.append(time.perf_counter() - start)
    row = "| `zhtext %s` |" % cmd
    row += "".join(" %.3f s (%.1f MB/s) |" % (min(times[t]), mb / min(times[t])) for t in threads)
    for t in threads[1:]:
        paired = statistics.median(a / b for a, b in zip(times[1], times[t]))
        row += " %.2f | %.2f |" % (min(times[1]) / min(times[t]), paired)
    row += " %.2f |" % (min(times[1]) / min(pair))
    print(row, flush=True)
PY
