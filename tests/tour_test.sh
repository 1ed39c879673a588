#!/usr/bin/env bash
# tour_test.sh - the README's API tour (examples/tour/tour.cpp) runs and prints what
# Debian's Python jieba and a plain substring search say it should: jieba.tokenize's
# tokens with byte offsets, jieba.analyse.extract_tags's keywords and weights, the
# byte spans of the two patterns and the masked sentence.
. "$(dirname "$0")/cli/lib.sh"  # src, py, tmp (removed on exit), fails
tour=${ZHTEXT_TOUR:?ZHTEXT_TOUR must point at the zhtext-tour program}

"$tour" > "$tmp/actual" 2> "$tmp/err" || { echo "FAIL zhtext-tour exited $?: $(cat "$tmp/err")"; exit 1; }
# The sentence is the one in the tour's source, read from there.
sed -n 's/^ *std::string_view text = "\(.*\)";$/\1/p' "$src/examples/tour/tour.cpp" > "$tmp/text"
[ -s "$tmp/text" ] || { echo "FAIL cannot find the tour's sentence in tour.cpp"; exit 1; }

"$py" - "$tmp/text" "$tmp/actual" <<'PY'
import sys, logging
import jieba, jieba.analyse
jieba.setLogLevel(logging.ERROR)
text = open(sys.argv[1], encoding="utf-8").read().rstrip("\n")
actual = open(sys.argv[2], encoding="utf-8").read().split("\n")
b = lambda i: len(text[:i].encode())
want = [f"{b(s)} {w}" for w, s, e in jieba.tokenize(text)]
kws = jieba.analyse.extract_tags(text, withWeight=True)
fails = 0
def check(name, ok, detail=""):
    global fails
    print(("ok   " if ok else "FAIL ") + name + ("" if ok else ": " + detail))
    fails += not ok
n = len(want)
check("tokens = jieba.tokenize (byte offsets)", actual[:n] == want, f"{actual[:n]} != {want}")
got = [l.rsplit(" ", 1) for l in actual[n:n + len(kws)]]
check("keywords = jieba.analyse.extract_tags", [g[0] for g in got] == [w for w, _ in kws], f"{got} vs {kws}")
check("keyword weights (6 digits)", all(len(g) == 2 and abs(float(g[1]) - w) <= 1e-5 * w for g, (_, w) in zip(got, kws)))
spans = sorted((b(i), b(i + len(p))) for p in ("党员", "口罩") for i in range(len(text)) if text.startswith(p, i))
rest = actual[n + len(kws):]
check("matches", rest[:len(spans)] == [f"{s}..{e}" for s, e in spans], f"{rest[:len(spans)]} vs {spans}")
masked = text.replace("党员", "**").replace("口罩", "**")
check("masked sentence", rest[len(spans):len(spans) + 1] == [masked], f"{rest[len(spans):]} vs {masked}")
sys.exit(1 if fails else 0)
PY
