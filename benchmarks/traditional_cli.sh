#!/usr/bin/env bash
# traditional_cli.sh ZHTEXT: the `zhtext` program on traditional Chinese, whole
# processes, wall time.
#  1. `zhtext convert --config C FILE` against `opencc -c C.json -i FILE -o OUT` on a
#     12 MB file (t2s on the traditional text, s2t on the simplified one); the outputs
#     are checked identical first.
#  2. `zhtext segment --script traditional` on the traditional text against
#     `zhtext segment` on the simplified text it was made from (the same articles).
#  3. The same comparison in the library (benchmarks/script_bench.cpp, beside the
#     program in the build tree), interleaved rounds in one process: the traditional
#     text converted 1 MB of lines at a time (script_lines) and line by line; and the
#     whole text as one (prepare of the whole text, then for_each_token).
#  4. Instructions (callgrind, when valgrind is installed) on the first 200 KB of both
#     texts, one thread: the program (minus the same command on empty input: loading)
#     and the library (script_bench, only its cutting function counted).
# The simplified file is the news corpus repeated to ZHTEXT_BENCH_MB (default 12) MB;
# the traditional one is opencc's s2t of it. Rounds are interleaved (each round runs
# every command once, in turn), ZHTEXT_BENCH_RUNS rounds (default 5); prints the best
# and median wall times and the ratios of the best times and the median of per-round
# ratios (each round's runs are seconds apart, so a drifting machine affects both).
#   bash benchmarks/traditional_cli.sh build/bench/tools/cli/zhtext
# ZHTEXT_BENCH_SECTIONS (default "1 2 3 4") picks sections: "3 4" for segmentation only.
set -euo pipefail
zh=$1
runs=${ZHTEXT_BENCH_RUNS:-5}
sections=" ${ZHTEXT_BENCH_SECTIONS:-1 2 3 4} "
bench=$(dirname "$zh")/../../benchmarks/script_bench
. "$(dirname "$0")/corpus_file.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
corpus_file "$tmp/simp.txt"  # one big file: the corpus articles repeated
opencc -c s2t.json -i "$tmp/simp.txt" -o "$tmp/trad.txt"
[[ $sections == *" 1 "* || $sections == *" 2 "* ]] || runs=0
for c in "t2s trad" "s2t simp"; do
  set -- $c
  opencc -c "$1.json" -i "$tmp/$2.txt" -o "$tmp/want"
  "$zh" convert --config "$1" "$tmp/$2.txt" > "$tmp/got"
  cmp -s "$tmp/want" "$tmp/got" || { echo "zhtext convert --config $1 differs from opencc" >&2; exit 1; }
done
"$zh" segment "$tmp/simp.txt" > /dev/null  # warm the image cache

[ "$runs" = 0 ] || python3 - "$zh" "$tmp" "$runs" "$sections" <<'PY'
import statistics, subprocess, sys, time
zh, tmp, runs, sections = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
size = {n: len(open(f"{tmp}/{n}.txt", "rb").read()) for n in ("simp", "trad")}
cmds = {
    "opencc t2s": (["opencc", "-c", "t2s.json", "-i", f"{tmp}/trad.txt", "-o", f"{tmp}/out"], "trad"),
    "zhtext convert t2s": ([zh, "convert", "--config", "t2s", f"{tmp}/trad.txt"], "trad"),
    "zhtext convert t2s --threads 1": ([zh, "convert", "--config", "t2s", "--threads", "1", f"{tmp}/trad.txt"], "trad"),
    "opencc s2t": (["opencc", "-c", "s2t.json", "-i", f"{tmp}/simp.txt", "-o", f"{tmp}/out"], "simp"),
    "zhtext convert s2t": ([zh, "convert", "--config", "s2t", f"{tmp}/simp.txt"], "simp"),
    "zhtext convert s2t --threads 1": ([zh, "convert", "--config", "s2t", "--threads", "1", f"{tmp}/simp.txt"], "simp"),
    "segment (simplified) --threads 1": ([zh, "segment", "--threads", "1", f"{tmp}/simp.txt"], "simp"),
    "segment --script traditional --threads 1": ([zh, "segment", "--script", "traditional", "--threads", "1", f"{tmp}/trad.txt"], "trad"),
    "segment (simplified)": ([zh, "segment", f"{tmp}/simp.txt"], "simp"),
    "segment --script traditional": ([zh, "segment", "--script", "traditional", f"{tmp}/trad.txt"], "trad"),
}
if " 1 " not in sections: cmds = {k: v for k, v in cmds.items() if "segment" in k}
if " 2 " not in sections: cmds = {k: v for k, v in cmds.items() if "segment" not in k}
times = {k: [] for k in cmds}
for r in range(runs):
    for k, (argv, _) in cmds.items():
        if k.startswith("opencc") and r >= 3: continue  # 5-9 s each: three rounds
        t0 = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, check=True)
        times[k].append(time.perf_counter() - t0)
print(f"{size['simp'] / 1e6:.1f} MB simplified, {size['trad'] / 1e6:.1f} MB traditional; {runs} interleaved rounds (opencc: 3)\n")
print("| command | best | median | MB/s (best) |\n|---|---|---|---|")
for k, (argv, f) in cmds.items():
    b, m = min(times[k]), statistics.median(times[k])
    print(f"| `{k}` | {b * 1000:.0f} ms | {m * 1000:.0f} ms | {size[f] / b / 1e6:.1f} |")
def ratio(a, b):
    n = min(len(times[a]), len(times[b]))
    per = [times[a][i] / times[b][i] for i in range(n)]
    return f"{min(times[a]) / min(times[b]):.2f} (median of rounds {statistics.median(per):.2f})"
print()
for a, b in (("opencc t2s", "zhtext convert t2s"), ("opencc t2s", "zhtext convert t2s --threads 1"),
             ("opencc s2t", "zhtext convert s2t"), ("opencc s2t", "zhtext convert s2t --threads 1"),
             ("segment --script traditional --threads 1", "segment (simplified) --threads 1"),
             ("segment --script traditional", "segment (simplified)")):
    if a in times and b in times: print(f"- {a} / {b}: {ratio(a, b)}")
PY

if [[ $sections == *" 3 "* ]]; then
  echo
  "$bench" "$tmp/simp.txt" "$tmp/trad.txt" "${ZHTEXT_BENCH_LIB_RUNS:-7}"
fi

if [[ $sections == *" 4 "* ]] && command -v valgrind > /dev/null; then
  head -c 200000 "$tmp/simp.txt" | sed '$d' > "$tmp/simp200.txt"  # whole lines
  opencc -c s2t.json -i "$tmp/simp200.txt" -o "$tmp/trad200.txt"
  : > "$tmp/empty.txt"
  instructions() {  # instructions ARGV...: what callgrind counts
    valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" "$@" > /dev/null 2> "$tmp/cg.err" || {
      cat "$tmp/cg.err" >&2; exit 1; }
    sed -n 's/^summary: //p; s/^totals: //p' "$tmp/cg.out" | head -1
  }
  s=$(instructions "$zh" segment --threads 1 "$tmp/simp200.txt")
  s0=$(instructions "$zh" segment --threads 1 "$tmp/empty.txt")
  t=$(instructions "$zh" segment --script traditional --threads 1 "$tmp/trad200.txt")
  t0=$(instructions "$zh" segment --script traditional --threads 1 "$tmp/empty.txt")
  ls_=$(instructions --collect-atstart=no --toggle-collect='*cut_lines*' "$bench" "$tmp/simp200.txt" "$tmp/trad200.txt" 1 simplified)
  lt=$(instructions --collect-atstart=no --toggle-collect='*cut_lines*' "$bench" "$tmp/simp200.txt" "$tmp/trad200.txt" 1 traditional)
  ll=$(instructions --collect-atstart=no --toggle-collect='*cut_lines*' "$bench" "$tmp/simp200.txt" "$tmp/trad200.txt" 1 traditional-lines)
  python3 - "$(stat -c %s "$tmp/simp200.txt")" "$(stat -c %s "$tmp/trad200.txt")" "$s" "$s0" "$t" "$t0" "$ls_" "$lt" "$ll" <<'PY'
import sys
bs, bt, s, s0, t, t0, ls, lt, ll = (int(x) for x in sys.argv[1:])
print(f"\nInstructions (callgrind), {bs / 1e3:.0f} KB simplified, {bt / 1e3:.0f} KB traditional, one thread:\n")
print("| what | simplified | traditional | ratio |\n|---|---|---|---|")
print(f"| `zhtext segment` minus loading (empty input) | {(s - s0) / 1e6:.1f} M | {(t - t0) / 1e6:.1f} M | **{(t - t0) / (s - s0):.2f}×** |")
print(f"| `zhtext segment` whole process | {s / 1e6:.1f} M | {t / 1e6:.1f} M | {t / s:.2f}× |")
print(f"| library: for_each_token per line / script_lines (1 MB batches) + for_each_token | {ls / 1e6:.1f} M | {lt / 1e6:.1f} M | **{lt / ls:.2f}×** |")
print(f"| library: for_each_token per line / prepare per line + for_each_token | {ls / 1e6:.1f} M | {ll / 1e6:.1f} M | {ll / ls:.2f}× |")
PY
fi
