#!/usr/bin/env bash
# demo_test.sh - the demo (what `scripts/demo.sh` shows a new user) runs on the sample
# text with every section, its keyword table is jieba.analyse's (TF-IDF and TextRank,
# top 20, as Debian's Python jieba computes them here), and it survives bad input:
# an empty file, NUL bytes and ill-formed UTF-8 (exit 0, no sanitizer report).
. "$(dirname "$0")/cli/lib.sh"  # src, py, tmp (removed on exit), fails
demo=${ZHTEXT_DEMO:?ZHTEXT_DEMO must point at the zhtext-demo program}
ok() { echo "ok   $1"; }
fail() { echo "FAIL $1"; fails=$((fails + 1)); }

if "$demo" > "$tmp/out" 2> "$tmp/err"; then ok "demo on the sample text exits 0"; else fail "demo exited $?: $(head -3 "$tmp/err")"; fi
for section in "characters" "sentences" "words (jieba-compatible" "parts of speech" "entities" \
               "matching a word list" "word frequencies" "keywords (top 20" "reprints" "new words" "traditional Chinese"; do
  if grep -qF "== $section" "$tmp/out"; then ok "section '$section'"; else fail "section '$section' missing"; fi
done

# The reprint example: both reprints found, the unrelated notice not.
if grep -qE '^  0\.9[0-9]{3}  the text ~ reprint: source line' "$tmp/out" &&
   grep -qE '^  0\.8[0-9]{3}  the text ~ reprint: last paragraph dropped' "$tmp/out" &&
   ! grep -q '~ an unrelated notice' "$tmp/out"; then ok "reprints found"; else fail "reprints: $(sed -n '/^== reprints/,/^== new/p' "$tmp/out")"; fi

# The traditional section: every line of the traditional sample is detected as such,
# and its words come back in the original characters (the headline, 老街書店 ...).
if grep -q "^the traditional sample: 4 lines detected as traditional" "$tmp/out"; then ok "traditional sample: 4 lines detected"; else fail "traditional sample: detection line missing or wrong"; fi
words=$(sed -n '/^words (jieba on the t2s text/{n;p}' "$tmp/out")
case "$words" in "  老街"*" / "*) ok "traditional words in the original characters";; *) fail "traditional words line: $words";; esac

# The keyword table: rank, TF-IDF word and weight, TextRank word and weight (6 decimals).
sed -n '/^== keywords/,/^(the same words/p' "$tmp/out" | grep -E '^ +[0-9]+  ' > "$tmp/kw"
"$py" - "$src/examples/data/sample_news.txt" "$tmp/kw" <<'PY'
import sys, logging
import jieba, jieba.analyse
jieba.setLogLevel(logging.ERROR)
text = open(sys.argv[1], encoding="utf-8").read()
rows = [l.split() for l in open(sys.argv[2], encoding="utf-8")]
tfidf = jieba.analyse.extract_tags(text, topK=20, withWeight=True)
tr = jieba.analyse.textrank(text, topK=20, withWeight=True)
got_tfidf = [(r[1], float(r[2])) for r in rows]
got_tr = [(r[3], float(r[4])) for r in rows if len(r) == 5]
def same(a, b):
    return len(a) == len(b) and all(x == y and abs(u - v) <= 5e-7 for (x, u), (y, v) in zip(a, b))
print(("ok   " if same(got_tfidf, tfidf) else "FAIL ") + f"demo TF-IDF top 20 = jieba.analyse.extract_tags ({len(got_tfidf)} rows)")
print(("ok   " if same(got_tr, tr) else "FAIL ") + f"demo TextRank top 20 = jieba.analyse.textrank ({len(got_tr)} rows)")
sys.exit(0 if same(got_tfidf, tfidf) and same(got_tr, tr) else 1)
PY
[ $? -eq 0 ] || fails=$((fails + 1))

: > "$tmp/empty.txt"
printf 'abc\000\000社区\xff\xfe书屋\xe4\xb8\n\xc0\xaf居民 3月15日\n' > "$tmp/bad.txt"
for f in empty bad; do
  if "$demo" "$tmp/$f.txt" > "$tmp/$f.out" 2> "$tmp/$f.err"; then ok "demo on the $f file exits 0"
  else fail "demo on the $f file exited $?: $(head -3 "$tmp/$f.err")"; fi
done
grep -q "U+FFFD" "$tmp/bad.out" && ok "the demo reports the ill-formed sequences" || fail "no U+FFFD report on the bad file"

[ "$fails" -eq 0 ] && echo "demo_test: all passed" || echo "demo_test: $fails failure(s)"
[ "$fails" -eq 0 ]
