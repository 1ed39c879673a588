#!/usr/bin/env bash
# memory_test.sh - the block engine streams: on a generated 200 MB input
# (release build; the sanitizer build runs the same on 24 MB) normalize, sentences and
# validate keep their maximum resident set small: with four threads, from a pipe
# with --on-invalid error, and when the reader of stdout is slow (the bounded queue
# must hold back reading).
. "$(dirname "$0")/lib.sh"
size_mb=200
limit_kb=$((80 * 1024))
if [ "$sanitized" == yes ]; then
  # Under ASan the resident set is ASan's (shadow memory, quarantine, allocator
  # caches) and the run ~10x slower: the same streaming runs on 24 MB check for
  # memory errors; the bound itself is measured by the release build only.
  size_mb=24
  echo "NOTE: sanitizer build: the RSS bound is not checked here (see the release build)"
fi
python3 - "$tmp/big.txt" "$size_mb" <<'PY'
import sys
para = ("社区党员志愿者轮班巡逻、测体温、逐户排查,为居民健康保驾护航。\n" * 3 + "\n").encode()
n = int(sys.argv[2]) * 1000 * 1000 // len(para)
with open(sys.argv[1], "wb") as f:
    f.write(para * n)
PY
echo "input: $(wc -c < "$tmp/big.txt") bytes, limit ${limit_kb} KB"

check_rss "normalize --threads 4" "$(max_rss "$zh" normalize --threads 4 "$tmp/big.txt")"
check_rss "sentences --format tsv --threads 4" "$(max_rss "$zh" sentences --format tsv --threads 4 "$tmp/big.txt")"
check_rss "validate --threads 4" "$(max_rss "$zh" validate --threads 4 "$tmp/big.txt")"
# From a pipe with --on-invalid error (validated first: the pipe is spooled to a
# temporary file, not to memory), to a slow reader (output blocks, so reading must
# stop too).
check_rss "normalize --on-invalid error --threads 4, pipe in, slow reader" \
  "$(max_rss sh -c "cat '$tmp/big.txt' | '$zh' normalize --on-invalid error --threads 4 | { sleep 1; cat > /dev/null; }")"
# The sanity of the measurement itself: reading everything at once is not small.
if [ "$sanitized" == no ]; then
  big=$(max_rss python3 -c "import sys; d = open(sys.argv[1], 'rb').read(); print(len(d))" "$tmp/big.txt")
  check "control: holding the input in memory exceeds the limit" "yes" "$([ "$big" -gt "$limit_kb" ] && echo yes || echo "no ($big KB)")"
fi

finish
