#!/usr/bin/env bash
# --script auto|simplified|traditional on segment, pos, keywords, count and entities:
# traditional text is analysed as Python jieba 0.42.1 (Debian's) analyses the `opencc
# -c t2s.json` output of it, and every word, tag, keyword and entity is reported in the
# original characters with byte offsets into the original line. Inputs: the project's
# traditional text (tests/data/convert_sample.txt, tests/data/script_sample.txt) and
# every corpus file converted with s2t, s2tw and s2hk. `auto` against a reference that
# applies the documented rule with the opencc program: a line is traditional when it
# holds more traditional-only characters (t2s changes them alone, s2t does not) than
# simplified-only ones (s2t changes them, t2s does not).
. "$(dirname "$0")/lib.sh"
require_corpus
if ! opencc --version > /dev/null 2>&1; then
  echo "*** SKIPPED: the opencc program (Debian package opencc) is not installed ***"
  exit 77
fi
"$py" -c 'import jieba' 2>/dev/null || { echo "FAIL: $py cannot import jieba (install python3-jieba)"; exit 1; }
data=${ZHTEXT_OPENCC_DIR:-/usr/share/opencc}

# The premise of the map: every entry of t2s's dictionaries has as many characters in
# its value as in its key, so character i of the t2s output comes from character i of
# the input.
for d in TSPhrases TSCharacters; do opencc_dict -i "$data/$d.ocd2" -o "$tmp/$d.txt" -f ocd2 -t text; done
check "t2s entries keep their length in characters" "0" "$("$py" -c '
import sys
bad = 0
for p in sys.argv[1:]:
    for line in open(p, encoding="utf-8"):
        k, v = line.rstrip("\n").split("\t")
        bad += any(len(x) != len(k) for x in v.split(" "))
print(bad)' "$tmp/TSPhrases.txt" "$tmp/TSCharacters.txt")"

# The reference, written from the documentation:
#   ref.py JOBS    (each line: TOOL<TAB>ORIGINAL<TAB>ANALYSED<TAB>OUT[<TAB>ARG], one process)
# ANALYSED is the text jieba sees, line for line and character for character the
# original (asserted); results are mapped back by character position. TOOL: segment,
# segment-json, pos, tfidf-line, textrank-line, tfidf-doc, count, entities (ARG: the
# TSV of `zhtext entities` on ANALYSED, mapped back).
cat > "$tmp/ref.py" <<'EOF'
import collections, sys, jieba, jieba.posseg, jieba.analyse
jieba.setLogLevel(60)
WHITE = set("\t\n\x0b\x0c\r \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000" + "".join(chr(c) for c in range(0x2000, 0x200B)))
def lines_of(p):
    ls = open(p, "rb").read().split(b"\n")
    if ls and ls[-1] == b"": ls.pop()
    return [l.decode("utf-8") for l in ls]
def run(tool, orig_path, simp_path, arg=None):
    orig, simp = lines_of(orig_path), lines_of(simp_path)
    assert len(orig) == len(simp), "line counts differ"
    for o, s in zip(orig, simp): assert len(o) == len(s), "character counts differ: " + o
    blank = lambda w: not w or all(c in WHITE for c in w)
    nbytes = lambda s: len(s.encode("utf-8"))
    out = []
    def spans(words):  # (start, end) character positions of consecutive words
        p = 0
        for w in words:
            yield p, p + len(w)
            p += len(w)
    def first_spelling(o, words, word, ok=lambda i: True):
        for i, (a, b) in enumerate(spans(words)):
            if words[i] == word and ok(i): return o[a:b]
        return word
    def weight(w): return "%.12g" % w
    if tool in ("segment", "segment-json", "pos", "count"):
        counts = collections.Counter(); df = collections.Counter()
        for o, s in zip(orig, simp):
            if tool == "pos":
                pairs = [(p.word, p.flag) for p in jieba.posseg.cut(s)]
                ws = [w for w, _ in pairs]
                out.append("  ".join(o[a:b] + "/" + pairs[i][1] for i, (a, b) in enumerate(spans(ws)) if not blank(ws[i])))
                continue
            ws = list(jieba.cut(s))
            got = [(o[a:b], a, b) for i, (a, b) in enumerate(spans(ws)) if not blank(ws[i])]
            if tool == "segment":
                out.append("  ".join(w for w, _, _ in got))
            elif tool == "segment-json":
                out.append("[" + ",".join('{"start":%d,"end":%d}' % (nbytes(o[:a]), nbytes(o[:b])) for _, a, b in got) + "]")
            else:
                counts.update(w for w, _, _ in got)
        if tool == "count":
            df.update(set(counts))
            rows = sorted(counts, key=lambda t: (-counts[t], t.encode("utf-8")))
            out = ["%s\t%d\t1" % (t, counts[t]) for t in rows]
    elif tool in ("tfidf-line", "textrank-line"):
        for o, s in zip(orig, simp):
            if tool == "tfidf-line":
                ws = list(jieba.cut(s))
                kws = jieba.analyse.extract_tags(s, topK=20, withWeight=True)
                out.append("  ".join(first_spelling(o, ws, w) + ":" + weight(x) for w, x in kws))
            else:
                pairs = [(p.word, p.flag) for p in jieba.posseg.cut(s)]
                ws = [w for w, _ in pairs]
                kws = jieba.analyse.textrank(s, topK=20, withWeight=True)
                allow = ("ns", "n", "vn", "v")
                out.append("  ".join(first_spelling(o, ws, w, lambda i: pairs[i][1] in allow) + ":" + weight(x) for w, x in kws))
    elif tool == "tfidf-doc":
        o, s = "\n".join(orig) + "\n", "\n".join(simp) + "\n"
        ws = list(jieba.cut(s))
        out.append("  ".join(first_spelling(o, ws, w) + ":" + weight(x) for w, x in jieba.analyse.extract_tags(s, topK=20, withWeight=True)))
    elif tool == "entities":
        for row in open(arg, encoding="utf-8"):
            kind, line, start, end, text, value = row.rstrip("\n").split("\t")
            o, s = orig[int(line) - 1], simp[int(line) - 1]
            sb = s.encode("utf-8")
            a, b = len(sb[:int(start)].decode("utf-8")), len(sb[:int(end)].decode("utf-8"))
            out.append("\t".join([kind, line, str(nbytes(o[:a])), str(nbytes(o[:b])), o[a:b], value]))
    return ("\n".join(out) + "\n").encode("utf-8") if out else b""
# Jobs, one per line of the file argv[1]: TOOL<TAB>ORIGINAL<TAB>ANALYSED<TAB>OUT[<TAB>ARG]
for job in open(sys.argv[1], encoding="utf-8").read().split("\n"):
    if job:
        f = job.split("\t")
        open(f[3], "wb").write(run(f[0], f[1], f[2], f[4] if len(f) > 4 else None))
EOF

# ref1 TOOL ORIGINAL ANALYSED: one job, its output on stdout.
ref1() {
  printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$tmp/ref1.out" > "$tmp/ref1.jobs"
  "$py" "$tmp/ref.py" "$tmp/ref1.jobs" && cat "$tmp/ref1.out"
}

# The inputs: the project's traditional text, and the corpus in three traditional
# standards (as opencc writes them); each with its t2s conversion.
mkdir -p "$tmp/in"
cp "$src/tests/data/convert_sample.txt" "$src/tests/data/script_sample.txt" "$tmp/in/"
for f in "$corpus"/*.txt; do
  for c in s2t s2tw s2hk; do opencc -c "$c.json" -i "$f" -o "$tmp/in/$c-$(basename "$f")"; done
done
inputs=("$tmp/in"/*.txt)
lines=0
for f in "${inputs[@]}"; do
  opencc -c t2s.json -i "$f" -o "$f.t2s"
  lines=$((lines + $(wc -l < "$f")))
done

# segment, pos, count, keywords, entities with --script traditional, every input:
# zhtext's outputs, then the reference's (one Python process), then compared.
mkdir -p "$tmp/out"
: > "$tmp/jobs"
i=0
for f in "${inputs[@]}"; do
  i=$((i + 1)); o="$tmp/out/$i"
  "$zh" segment --script traditional "$f" > "$o.segment.got"
  "$zh" segment --script traditional --json "$f" | sed 's/"word":"\([^"\\]\|\\.\)*",//g' > "$o.segment-json.got"
  "$zh" pos --script traditional "$f" > "$o.pos.got"
  "$zh" keywords --script traditional --per-line --with-weight "$f" > "$o.tfidf-line.got"
  "$zh" keywords --script traditional --method textrank --per-line --with-weight "$f" > "$o.textrank-line.got"
  "$zh" keywords --script traditional --with-weight "$f" > "$o.tfidf-doc.got"
  "$zh" count --script traditional "$f" > "$o.count.got"
  "$zh" entities "$f.t2s" > "$o.ent"
  "$zh" entities --script traditional "$f" > "$o.entities.got"
  for t in segment segment-json pos tfidf-line textrank-line tfidf-doc count; do
    printf '%s\t%s\t%s\t%s\n' "$t" "$f" "$f.t2s" "$o.$t.want" >> "$tmp/jobs"
  done
  printf 'entities\t%s\t%s\t%s\t%s\n' "$f" "$f.t2s" "$o.entities.want" "$o.ent" >> "$tmp/jobs"
done
"$py" "$tmp/ref.py" "$tmp/jobs" || { echo "FAIL the reference failed"; fails=$((fails + 1)); }
tools_ok=0 tools_run=0 seg_lines=0 seg_equal=0
for want in "$tmp/out"/*.want; do
  got=${want%.want}.got
  case $want in *entities.want) [ -s "${want%.entities.want}.ent" ] || continue ;; esac
  tools_run=$((tools_run + 1))
  if [ -s "$want" ] && cmp -s "$want" "$got"; then tools_ok=$((tools_ok + 1)); else
    echo "FAIL $(basename "$want")"; diff "$want" "$got" | head -6; fails=$((fails + 1)); fi
done
read -r seg_lines seg_equal < <("$py" -c 'import sys
n = e = 0
for w in sys.argv[1:]:
    a, b = (open(x, "rb").read().split(b"\n")[:-1] for x in (w, w[:-5] + ".got"))
    n += len(a); e += sum(x == y for x, y in zip(a, b)) if len(a) == len(b) else 0
print(n, e)' "$tmp/out"/*.segment.want)
check "segment --script traditional = jieba on t2s, mapped back: $seg_equal of $seg_lines lines" "$seg_lines" "$seg_equal"
check "segment, --json, pos, keywords (3 ways), count, entities on ${#inputs[@]} inputs ($lines lines): $tools_ok of $tools_run" \
  "$tools_run" "$tools_ok"
check "the same with --threads 2 and small blocks" "$(cat "${inputs[@]}" | "$zh" pos --script traditional)" \
  "$(cat "${inputs[@]}" | ZHTEXT_BLOCK_SIZE=4096 "$zh" pos --script traditional --threads 2)"

# Words come back in the original characters, offsets are the original's bytes.
check "words in the original characters" "這位  老師傅  頭髮  已經  花白" \
  "$(printf '這位老師傅頭髮已經花白\n' | "$zh" segment --script traditional)"
check "--json offsets into the original bytes (𠀀 is 4 bytes, its t2s 4)" \
  '[{"word":"頭髮","start":0,"end":6},{"word":"𠀀","start":6,"end":10},{"word":"後來","start":10,"end":16}]' \
  "$(printf '頭髮𠀀後來\n' | "$zh" segment --script traditional --json)"
check "keywords: one simplified word, two spellings: the first occurrence's" "頭髮" \
  "$(printf '頭髮很長，头发很短，頭髮\n' | "$zh" keywords --script traditional --top 1)"
check "entities: the original text and offsets" "$(printf 'quantity\t1\t0\t15\t三萬五千人\t35000 人')" \
  "$(printf '三萬五千人\n' | "$zh" entities --script traditional --kinds quantity)"

# Invalid UTF-8 follows the CLI's rules with --script as without: replaced (each bad
# sequence one U+FFFD, offsets still the input's bytes), the line skipped, or an error.
printf '頭髮\xff後來\xf0\x90\x80說\n第二行\n' > "$tmp/bad-trad.txt"
printf '头发\xff后来\xf0\x90\x80说\n第二行\n' > "$tmp/bad-simp.txt"
check "invalid UTF-8, replace: the words and offsets of the simplified line, in the original" \
  "$("$zh" segment --json --quiet "$tmp/bad-simp.txt" | sed 's/头发/頭髮/; s/后来/後來/; s/说/說/')" \
  "$("$zh" segment --script traditional --json --quiet "$tmp/bad-trad.txt")"
check "invalid UTF-8, skip: the line left out" "第二行" \
  "$("$zh" segment --script traditional --quiet --on-invalid skip "$tmp/bad-trad.txt")"
"$zh" segment --script traditional --on-invalid error "$tmp/bad-trad.txt" > "$tmp/got" 2>/dev/null
check "invalid UTF-8, error: exit 1, nothing written" "1:0" "$?:$(wc -c < "$tmp/got")"

# auto: the rule, applied by the reference with the opencc program (each CJK
# character converted alone by t2s and s2t), on a file mixing the corpus, its
# traditional versions and the project's text, line by line.
"$py" - "$tmp/probe" <<'EOF'
import sys
with open(sys.argv[1], "w", encoding="utf-8") as f:
    for lo, hi in ((0x3400, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2FA1F)):
        for c in range(lo, hi + 1): f.write(chr(c) + "\n")
EOF
opencc -c t2s.json -i "$tmp/probe" -o "$tmp/probe.t2s"
opencc -c s2t.json -i "$tmp/probe" -o "$tmp/probe.s2t"
"$py" - "$tmp/mixed" "$corpus" "$tmp/in" <<'EOF'
import os, random, sys
rng = random.Random(3)
pool = []
for d in sys.argv[2:]:
    for n in sorted(os.listdir(d)):
        if n.endswith(".txt"): pool += open(os.path.join(d, n), encoding="utf-8").read().split("\n")
rng.shuffle(pool)
open(sys.argv[1], "w", encoding="utf-8").write("\n".join(pool) + "\n")
EOF
opencc -c t2s.json -i "$tmp/mixed" -o "$tmp/mixed.t2s"
stats=$("$py" - "$tmp/probe" "$tmp/probe.t2s" "$tmp/probe.s2t" "$tmp/mixed" "$tmp/mixed.t2s" "$tmp/mixed.auto" <<'EOF'
import sys
p, t, s = (open(x, encoding="utf-8").read().split("\n") for x in sys.argv[1:4])
trad = {c for c, a, b in zip(p, t, s) if c and a != c and b == c}
simp = {c for c, a, b in zip(p, t, s) if c and b != c and a == c}
orig = open(sys.argv[4], encoding="utf-8").read().split("\n")
conv = open(sys.argv[5], encoding="utf-8").read().split("\n")
out, n = [], 0
for o, c in zip(orig, conv):
    is_trad = sum(ch in trad for ch in o) > sum(ch in simp for ch in o)
    out.append(c if is_trad else o)
    n += is_trad
open(sys.argv[6], "w", encoding="utf-8").write("\n".join(out))
print(len(trad), len(simp), n, len(orig) - 1)
EOF
)
echo "auto: $stats (traditional-only, simplified-only characters; lines traditional, lines)"
ref1 segment "$tmp/mixed" "$tmp/mixed.auto" > "$tmp/want"
"$zh" segment --script auto "$tmp/mixed" > "$tmp/got"
same_file "segment --script auto = the rule, line by line, with jieba" "$tmp/want" "$tmp/got"
ref1 pos "$tmp/mixed" "$tmp/mixed.auto" > "$tmp/want"
"$zh" pos --script auto "$tmp/mixed" > "$tmp/got"
same_file "pos --script auto" "$tmp/want" "$tmp/got"
# Every line of the corpus (simplified) stays as it is; every line of its traditional
# versions with a traditional-only character is converted.
for f in "$corpus"/*.txt; do cat "$f"; done > "$tmp/simp-all"
check "auto: the simplified corpus is analysed as it is (segment = plain segment)" \
  "$("$zh" segment "$tmp/simp-all")" "$("$zh" segment --script auto "$tmp/simp-all")"
check "auto: the traditional corpus is converted (segment = --script traditional)" \
  "$(cat "$tmp/in"/s2t-*.txt | "$zh" segment --script traditional)" "$(cat "$tmp/in"/s2t-*.txt | "$zh" segment --script auto)"
check "auto: a tie is simplified" "后  後" "$(printf '后後\n' | "$zh" segment --script auto)"
check "--script simplified: the text as it is" "$("$zh" segment "$tmp/mixed")" "$("$zh" segment --script simplified "$tmp/mixed")"

# Errors.
"$zh" segment --script klingon < /dev/null 2>/dev/null; check "bad --script: usage error" "2" "$?"
# count: characters and n-grams are counted as written, whatever the script, so
# --script (which would change nothing) is refused there, as --mode and --dict are.
for t in chars ngram:2; do
  for s in traditional auto simplified; do
    printf '頭髮\n' | "$zh" count --tokens "$t" --script "$s" > "$tmp/count.out" 2> "$tmp/count.err"
    check "count --tokens $t --script $s: usage error, says why, prints nothing" "2 yes 0" \
      "$? $(grep -q -- '--script applies to --tokens words only' "$tmp/count.err" && echo yes) $(wc -c < "$tmp/count.out")"
  done
done
check "count --tokens chars: the characters as written" "$(printf '頭\t1\t1\n髮\t1\t1')" \
  "$(printf '頭髮\n' | "$zh" count --tokens chars)"
check "count --script traditional: words in the original characters" "$(printf '頭髮\t2\t1\n很\t1\t1')" \
  "$(printf '頭髮很頭髮\n' | "$zh" count --script traditional)"
check "no OpenCC data: exit 3, names it" "3 yes" "$(ZHTEXT_OPENCC_DIR=$tmp/none "$zh" segment --script traditional < /dev/null 2>"$tmp/err"; echo "$? $(grep -q "t2s" "$tmp/err" && echo yes)")"
finish
