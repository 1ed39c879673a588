#!/usr/bin/env bash
# Word segmentation benchmark: zhtext beside Python jieba (Debian), jieba-rs (npm
# @node-rs/jieba under node) and cppjieba (built from npm's nodejieba tarball), in one
# run, on the same text; prints a Markdown table (the one in benchmarks/README.md).
#
#   bash benchmarks/segment/run.sh [--mb N] [--runs N] [--modes M,M] [--zhtext PATH]
#     --mb N     input size, at least N MB (default 10)    --runs N  best of N (default 3)
#     --modes    a subset of precise,precise-nohmm,full,search
#     --zhtext   zhtext's runner (default build/bench/benchmarks/segment_bench)
#   bash benchmarks/segment/run.sh --smoke      (each runner on a 3-line file, no timing)
#
# `bash benchmarks/run.sh segment` builds zhtext's benchmarks first and calls this.
# Installs what is missing: python3-jieba (apt), node and npm (apt, if absent),
# @node-rs/jieba@2.0.3 (npm) into benchmarks/.peers/node, nodejieba@3.5.8 (npm pack,
# only unpacked: cppjieba's headers, limonp and dictionary) into
# benchmarks/.peers/cppjieba, where our driver cppjieba_runner.cpp is compiled.
# Nothing of it is committed (benchmarks/.peers/ and benchmarks/out/ are git-ignored).
# The input is the news corpus ($ZHTEXT_CORPUS or ../shared/corpus/news), each article
# ending with a newline, repeated a whole number of times to at least N MB (default 10).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
. scripts/lib.sh

mb=10 runs=3 smoke=0 modes=precise,precise-nohmm,full,search
zhtext=build/bench/benchmarks/segment_bench
while [ $# -gt 0 ]; do
  case "$1" in
    --mb) mb=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --modes) modes=$2; shift 2 ;;
    --zhtext) zhtext=$2; shift 2 ;;
    --smoke) smoke=1; shift ;;
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "segment/run.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
case "$mb$runs" in *[!0-9]*) echo "segment/run.sh: --mb and --runs take whole numbers" >&2; exit 2 ;; esac
[ "$mb" -ge 1 ] && [ "$runs" -ge 1 ] || { echo "segment/run.sh: --mb and --runs must be >= 1" >&2; exit 2; }

peers=$root/benchmarks/.peers
out=$root/benchmarks/out/segment
mkdir -p "$peers" "$out"
log() { echo "segment: $*" >&2; }

# --- Python jieba (Debian) -------------------------------------------------------------
ensure_packages python3-jieba
/usr/bin/python3 -c 'import jieba' 2>/dev/null || { log "Debian's python3-jieba does not import"; exit 1; }

# --- node, npm and @node-rs/jieba -------------------------------------------------------
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  ensure_packages nodejs npm
fi
npm_q() { npm --no-audit --no-fund --loglevel=error "$@" 2>&1 | grep -v 'Unknown user config' >&2 || true; }
rs_version=2.0.3
rs_pkg=$peers/node/node_modules/@node-rs/jieba/package.json
if ! grep -qs "\"version\": \"$rs_version\"" "$rs_pkg"; then
  log "installing @node-rs/jieba@$rs_version into $peers/node"
  mkdir -p "$peers/node"
  [ -f "$peers/node/package.json" ] || echo '{"private": true}' >"$peers/node/package.json"
  (cd "$peers/node" && npm_q install --no-save "@node-rs/jieba@$rs_version")
  grep -qs "\"version\": \"$rs_version\"" "$rs_pkg" || { log "npm install @node-rs/jieba@$rs_version failed"; exit 1; }
fi

# --- cppjieba from the nodejieba tarball, and our driver --------------------------------
. "$root/benchmarks/cppjieba.sh"
ensure_cppjieba "$peers" || exit 1
cj=$peers/cppjieba
cj_bin=$cj/cppjieba_runner
if [ ! -x "$cj_bin" ] || [ benchmarks/segment/cppjieba_runner.cpp -nt "$cj_bin" ]; then
  log "compiling cppjieba_runner (g++ -O2)"
  # -isystem: warnings in cppjieba's and limonp's headers are not ours to fix.
  g++ -std=c++17 -O2 -Wall -Wextra -Wpedantic \
    -isystem "$cj_src/include" -isystem "$cj_src/deps/limonp/include" \
    benchmarks/segment/cppjieba_runner.cpp -o "$cj_bin"
fi

# --- inputs ---------------------------------------------------------------------------
corpus=${ZHTEXT_CORPUS:-$root/../shared/corpus/news}
shopt -s nullglob
articles=("$corpus"/*.txt)
[ ${#articles[@]} -gt 0 ] || { log "no news corpus at $corpus (set ZHTEXT_CORPUS)"; exit 1; }
unit=$out/corpus-once.txt
for f in "${articles[@]}"; do cat "$f"; [ -z "$(tail -c1 "$f")" ] || echo; done >"$unit"
if [ $smoke = 1 ]; then
  small=$out/smoke-input.txt
  printf '%s\n' '他来到了网易杭研大厦，我们中出了一个叛徒。' '' \
    'Hello  world! C++ 与 N95口罩，3200多名居民，6.5%。' >"$small"
else
  small=$unit
  big=$out/corpus-${mb}mb.txt
  unit_bytes=$(stat -c %s "$unit")
  reps=$(( (mb * 1000000 + unit_bytes - 1) / unit_bytes ))
  if [ ! -f "$big" ] || [ "$(stat -c %s "$big")" -ne $((reps * unit_bytes)) ] || [ "$unit" -nt "$big" ]; then
    for ((i = 0; i < reps; i++)); do cat "$unit"; done >"$big"
  fi
fi

# --- run ------------------------------------------------------------------------------
impl_args=()
pending_args=()
if [ -x "$zhtext" ]; then
  impl_args+=(--impl "zhtext=$zhtext")
else
  log "zhtext's segment_bench is not built ($zhtext): running the peers only"
  pending_args+=(--pending "zhtext=not measured: $zhtext is not built yet (bash benchmarks/run.sh segment builds it once it exists)")
fi
mkdir -p "$out/jieba-cache"
impl_args+=(--impl "jieba=/usr/bin/python3 $root/benchmarks/segment/jieba_runner.py --cache-dir $out/jieba-cache")
impl_args+=(--impl "jieba-rs=node $root/benchmarks/segment/node_rs_jieba_runner.mjs --modules $peers/node/node_modules")
impl_args+=(--impl "cppjieba=$cj_bin --dict-dir $cj_src/dict")

if [ $smoke = 1 ]; then
  exec /usr/bin/python3 benchmarks/segment/compare.py --smoke --agree-input "$small" \
    --out "$out" --modes "$modes" "${impl_args[@]}"
fi

# Python jieba's cold start: no cache yet (it then writes one, used by every later run).
rm -f "$out/jieba-cache/jieba.cache"
cold=$(/usr/bin/python3 benchmarks/segment/jieba_runner.py --cache-dir "$out/jieba-cache" \
         --mode precise --input /dev/null)
node_base=$(node benchmarks/segment/node_rs_jieba_runner.mjs --baseline)
py_base=$(/usr/bin/python3 -c 'import resource; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)')

/usr/bin/python3 benchmarks/segment/compare.py --input "$big" --agree-input "$small" \
  --out "$out" --runs "$runs" --modes "$modes" "${impl_args[@]}" "${pending_args[@]}"

/usr/bin/python3 - "$cold" "$node_base" "$py_base" <<'EOF'
import json, sys
cold, node, py = json.loads(sys.argv[1]), json.loads(sys.argv[2]), int(sys.argv[3])
print()
print(f"Python jieba's time to ready above is warm (its marshal cache of the prefix "
      f"dictionary exists); cold, building the cache: {cold['load_s'] * 1e3:.0f} ms.")
print(f"Interpreters alone: node {node['node']} {node['peak_rss_kib'] / 1024:.1f} MiB, "
      f"python3 {py / 1024:.1f} MiB peak RSS (included in their rows). Every runner "
      f"holds the input once, as its lines, in its own string type.")
EOF
