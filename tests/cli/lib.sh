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
# check_random_bytes, reference_output and finish (below).
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

# check_rss NAME KB: a check that a run's peak RSS KB (from max_rss, or "exit N") is under
# $limit_kb KB; in a sanitizer build only that it ran (the bounds are the release build's).
check_rss() {
  if [ "$sanitized" == yes ]; then
    case "$2" in [0-9]*) check "$1 (ran; max RSS $2 KB, not bounded)" yes yes ;; *) check "$1: ran" "a number of KB" "$2" ;; esac
  elif [ "$2" -lt "$limit_kb" ] 2>/dev/null; then
    check "$1 (max RSS $2 KB)" yes yes
  else
    check "$1: max RSS under $limit_kb KB" "< $limit_kb" "$2"
  fi
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

# reference_output [--stdin FILE] CMD [ARG...]: runs a reference program (opencc, Python
# jieba through a script file, or a shell function that runs them) with FILE (else
# /dev/null) on standard input and prints its standard output; its exit status is the
# program's. The shell side of tests/reference_run.hpp: with $ZHTEXT_REFERENCE_CACHE set
# (CTest sets it; scripts/test.sh gives its stages one directory, so the ASan/UBSan stage
# reuses what the release stage computed) the output of a successful run is kept there
# and reused, keyed by what determines it: the command's words (a function by its text),
# a word naming a file by its contents (a folder by its files' names and contents), one
# level down for the files that a file of up to 1 MiB names (a job list), the files named
# by $IDF and $STOP (keywords' reference), and FILE. Only a successful run with some
# output is kept. A command whose input cannot be keyed (a word naming a pipe, such as
# <(...)) runs uncached. An entry is written under a temporary name and renamed (tests
# run at the same time never read half of one). Not for a reference whose output names
# its input files (their paths differ from stage to stage).
reference_output() {
  local input=/dev/null
  if [ "$1" == --stdin ]; then input=$2; shift 2; fi
  local cache=${ZHTEXT_REFERENCE_CACHE:-} key="" body=""
  if declare -F "$1" > /dev/null; then body=$(declare -f "$1"); fi
  [ -n "$cache" ] && key=$(ZHTEXT_REFERENCE_BODY=$body "$py" -c '
import hashlib, os, re, stat, sys
h = hashlib.sha256()
def add(b):
    h.update(len(b).to_bytes(8, "little")); h.update(b)
def word(w, base, depth):
    p = os.path.join(base, w)
    if not w or not os.path.exists(p):
        add(w.encode()); return
    if os.path.isdir(p):
        add(b"<dir>")
        for d, dirs, files in os.walk(p):
            dirs.sort()
            for f in sorted(files):
                add(os.path.relpath(os.path.join(d, f), p).encode()); add(open(os.path.join(d, f), "rb").read())
        return
    if not stat.S_ISREG(os.stat(p).st_mode):
        sys.exit(1)  # a pipe, a device: not keyed
    data = open(p, "rb").read()
    add(b"<file>"); add(data)
    if depth and len(data) <= 1 << 20:
        for piece in re.split(rb"[\t\n\r \",:{}\[\]]", data):
            if piece and os.path.exists(os.path.join(os.path.dirname(p), os.fsdecode(piece))):
                word(os.fsdecode(piece), os.path.dirname(p), depth - 1)
add(b"<null>") if sys.argv[1] == "/dev/null" else word(sys.argv[1], os.getcwd(), 0)
for w in sys.argv[2:3]:
    word(w, os.getcwd(), 0)
for w in sys.argv[3:]:
    word(w, os.getcwd(), 1)
add(os.environ["ZHTEXT_REFERENCE_BODY"].encode())
for v in ("IDF", "STOP"):
    add(v.encode()); word(os.environ.get(v, ""), os.getcwd(), 0)
print(h.hexdigest())
' "$input" "$@")
  if [ -z "$key" ]; then
    "$@" < "$input"
    return
  fi
  local entry="$cache/sh-$key.out" rc
  if [ ! -f "$entry" ]; then
    mkdir -p "$cache"
    "$@" < "$input" > "$entry.$$"
    rc=$?
    # (not kept: a failure, and an empty output, which is what opencc gives, with exit
    # status 0, when it cannot read its configuration)
    if [ $rc -ne 0 ] || [ ! -s "$entry.$$" ]; then cat "$entry.$$"; rm -f "$entry.$$"; return $rc; fi
    mv -f "$entry.$$" "$entry"
  fi
  cat "$entry"
}

# finish: the summary line; exits 1 if any check failed, else 0.
finish() {
  echo "$fails failure(s)"
  [ "$fails" -eq 0 ] || exit 1
  exit 0
}
