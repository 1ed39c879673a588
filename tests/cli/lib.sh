# tests/cli/lib.sh - the plumbing every test of the `zhtext` program shares; each
# tests/cli/<name>_test.sh starts with
#
#   . "$(dirname "$0")/lib.sh"
#
# and ends with `finish`. It sets
#   zh      the program under test ($ZHTEXT_CLI, set by CTest)
#   src     the source tree ($ZHTEXT_SOURCE_DIR, else found from this file)
#   py      the Python that sees Debian's jieba ($ZHTEXT_REFERENCE_PYTHON, else /usr/bin/python3)
#   tmp     a scratch directory, removed on exit
#   fails   the number of failed checks so far
#   corpus  the news corpus directory ($ZHTEXT_CORPUS, else ../shared/corpus/news)
#   sanitized  yes in a sanitizer build (ASan/UBSan or TSan: resident-set bounds are the release build's)
# and offers check, same_file, require_corpus, max_rss, check_json_offsets,
# check_random_bytes and finish (below).
set -uo pipefail
zh=${ZHTEXT_CLI:?ZHTEXT_CLI must point at the zhtext program}
src=${ZHTEXT_SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
py=${ZHTEXT_REFERENCE_PYTHON:-/usr/bin/python3}
corpus=${ZHTEXT_CORPUS:-$src/../shared/corpus/news}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
sanitized=no
if grep -Eq '^ZHTEXT_SANITIZE:[A-Z]*=(ON|thread)$' "${ZHTEXT_BUILD_DIR:-.}/CMakeCache.txt" 2>/dev/null; then sanitized=yes; fi

# check NAME EXPECTED ACTUAL: one line "ok   NAME", or "FAIL NAME" with both values
# (quoted, cut at 2000 bytes) and one more failure counted.
check() {
  if [ "$2" == "$3" ]; then
    echo "ok   $1"
  else
    echo "FAIL $1"
    echo "  expected: $(printf %q "$2" | head -c 2000)"
    echo "  actual:   $(printf %q "$3" | head -c 2000)"
    fails=$((fails + 1))
  fi
}

# same_file NAME EXPECTED_FILE ACTUAL_FILE: the files are equal byte for byte and the
# expected one is not empty (either may be a process substitution, read once).
same_file() {
  cat "$2" > "$tmp/.expected"; cat "$3" > "$tmp/.actual"
  if [ -s "$tmp/.expected" ] && cmp -s "$tmp/.expected" "$tmp/.actual"; then
    echo "ok   $1 ($(wc -l < "$tmp/.actual") lines)"
  else
    echo "FAIL $1 ($(wc -l < "$tmp/.expected") lines expected)"
    diff "$tmp/.expected" "$tmp/.actual" | head -10
    fails=$((fails + 1))
  fi
}

# require_corpus: exits 77 (CTest: skipped) with a loud notice when the news corpus
# is absent.
require_corpus() {
  if ! ls "$corpus"/*.txt > /dev/null 2>&1; then
    echo "*** SKIPPED: news corpus not found at $corpus ***"
    exit 77
  fi
}

# max_rss CMD...: runs CMD with stdout to /dev/null; prints its peak resident set in
# KB, or "exit N" when it fails.
max_rss() {
  python3 -c '
import resource, subprocess, sys
r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss if r.returncode == 0 else "exit %d" % r.returncode)
' "$@"
}

# check_json_offsets INPUT JSON PLAIN [tagged]: one check that the --json output JSON
# (an array per line of INPUT) lists the words of the plain output PLAIN (words joined
# by two spaces; word/tag with `tagged`), and that each word's start and end slice it
# out of its line of INPUT.
check_json_offsets() {
  local got
  got=$("$py" - "$@" <<'PY'
import json, sys
lines = open(sys.argv[1], "rb").read().split(b"\n")[:-1]
arrays = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
plain = open(sys.argv[3], encoding="utf-8").read().split("\n")[:-1]
tagged = len(sys.argv) > 4
bad = 0
for raw, arr, p in zip(lines, arrays, plain):
    if [("%s/%s" % (o["word"], o["tag"])) if tagged else o["word"] for o in arr] != (p.split("  ") if p else []): bad += 1
    for o in arr:
        if raw[o["start"]:o["end"]].decode("utf-8") != o["word"]: bad += 1
print("ok" if bad == 0 and len(arrays) == len(lines) else "bad %d" % bad)
PY
)
  check "--json offsets slice the words out of each line" "ok" "$got"
}

# check_random_bytes COMMAND: 200 KB of random bytes and a line end through `zhtext
# COMMAND`: exit 0, one output line per input line, and --json output that parses.
check_random_bytes() {
  { head -c 200000 /dev/urandom; printf '\n'; } > "$tmp/random.bin"
  "$zh" "$1" --quiet "$tmp/random.bin" > "$tmp/random.out"
  check "random bytes: exit 0" "0" "$?"
  check "random bytes: one line per input line" "$(tr -cd '\n' < "$tmp/random.bin" | wc -c)" "$(wc -l < "$tmp/random.out" | tr -d ' ')"
  if "$zh" "$1" --json --quiet "$tmp/random.bin" | "$py" -c 'import json,sys; [json.loads(l) for l in sys.stdin]'; then
    check "random bytes: --json stays valid JSON" 0 0
  else
    check "random bytes: --json stays valid JSON" 0 1
  fi
}

# finish: the summary line; exits 1 if any check failed, else 0.
finish() {
  echo "$fails failure(s)"
  [ "$fails" -eq 0 ] || exit 1
  exit 0
}
