#!/usr/bin/env bash
# count_test.sh - `zhtext count`: the table against a Python reference built on
# Debian's Python jieba (words in four modes, characters, n-grams; documents per file
# and per line), the filters, the three formats (first positions checked against the
# input bytes), merge as the reducer, --threads and block sizes, invalid UTF-8, NUL
# bytes, errors and exit codes.
. "$(dirname "$0")/lib.sh"
"$py" -c 'import jieba' 2>/dev/null || { echo "FAIL: $py cannot import jieba (install python3-jieba)"; exit 1; }

# The reference: what `zhtext count` must print, written from its documentation.
#   ref.py TOKENS MODE per-file|per-line FILE...   (TOKENS: words or ngram:N)
cat > "$tmp/ref.py" <<'EOF'
import collections, sys, jieba
jieba.setLogLevel(60)
kind, mode, docs, paths = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
WHITE = set("\t\n\x0b\x0c\r \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000" + "".join(chr(c) for c in range(0x2000, 0x200B)))
cut = {"precise": lambda s: jieba.cut(s), "precise-nohmm": lambda s: jieba.cut(s, HMM=False),
       "full": lambda s: jieba.cut(s, cut_all=True), "search": lambda s: jieba.cut_for_search(s)}[mode]
def tokens(line):
    if kind == "words":
        return [w for w in cut(line) if w and not all(c in WHITE for c in w)]
    n, out, run = int(kind.split(":")[1]), [], ""
    for c in line + " ":
        if c in WHITE:
            out += [run[i:i + n] for i in range(len(run) - n + 1)]
            run = ""
        else:
            run += c
    return out
def escape(t):
    s = ""
    for c in t:
        if c == "\\": s += "\\\\"
        elif c == "\t": s += "\\t"
        elif c == "\n": s += "\\n"
        elif c == "\r": s += "\\r"
        elif ord(c) < 0x20 or ord(c) == 0x7F: s += "\\x%02X" % ord(c)
        else: s += c
    return s
count, df = collections.Counter(), collections.Counter()
for path in paths:
    lines = open(path, "rb").read().split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    seen = set()
    for raw in lines:
        if docs == "per-line":
            seen = set()
        ts = tokens(raw.decode("utf-8"))
        count.update(ts)
        new = set(ts) - seen
        df.update(new)
        seen |= new
rows = sorted(count, key=lambda t: (-count[t], t.encode("utf-8")))
sys.stdout.buffer.write("".join("%s\t%d\t%d\n" % (escape(t), count[t], df[t]) for t in rows).encode("utf-8"))
EOF

# Inputs: news-like text, the segmenter's edge cases (Latin, digits, e-mail, URLs,
# full-width forms, emoji, extension-B Han), and a file of white space, tabs,
# backslashes, CRLF, blank lines and no final line break.
cp "$src/examples/data/sample_news.txt" "$tmp/a.txt"
cp "$src/tests/data/segment_edge_cases.txt" "$tmp/b.txt"
printf '社区 社区\t居民\\路\r\n\n  \u3000 新闻　新闻新闻\nabc abc ABC 123,456 C:\\dir\nx\x01y 社区' > "$tmp/c.txt"
files=("$tmp/a.txt" "$tmp/b.txt" "$tmp/c.txt")

for mode in precise precise-nohmm full search; do
  reference_output "$py" "$tmp/ref.py" words "$mode" per-file "${files[@]}" > "$tmp/want"
  "$zh" count --mode "$mode" "${files[@]}" > "$tmp/got"
  same_file "words --mode $mode, a document per file = Python jieba" "$tmp/want" "$tmp/got"
done
reference_output "$py" "$tmp/ref.py" words precise per-line "${files[@]}" > "$tmp/want"
"$zh" count --per-line "${files[@]}" > "$tmp/got"
same_file "words --per-line = Python jieba" "$tmp/want" "$tmp/got"
for n in 1 2 3; do
  reference_output "$py" "$tmp/ref.py" "ngram:$n" precise per-file "${files[@]}" > "$tmp/want"
  same_file "--tokens ngram:$n = reference" "$tmp/want" <("$zh" count --tokens "ngram:$n" "${files[@]}")
  reference_output "$py" "$tmp/ref.py" "ngram:$n" precise per-line "${files[@]}" > "$tmp/want"
  same_file "--tokens ngram:$n --per-line = reference" "$tmp/want" <("$zh" count --per-line --tokens "ngram:$n" "${files[@]}")
done
check "--tokens chars = ngram:1" "$("$zh" count --tokens ngram:1 "${files[@]}")" "$("$zh" count --tokens chars "${files[@]}")"
check "documents change df only" "$("$zh" count "${files[@]}" | cut -f1,2 | LC_ALL=C sort)" \
  "$("$zh" count --per-line "${files[@]}" | cut -f1,2 | LC_ALL=C sort)"
check "a document per file: the largest df is 3 (3 files)" "3" "$("$zh" count "${files[@]}" | cut -f3 | sort -n | tail -n 1)"
check "--per-line: every line is a document" \
  "$("$py" -c 'import sys; print(sum(len(open(p, "rb").read().rstrip(b"\n").split(b"\n")) for p in sys.argv[1:]))' "${files[@]}")" \
  "$("$zh" count --per-line --format json "${files[@]}" | grep -o '"documents":[0-9]*' | cut -d: -f2)"

# The table does not depend on threads, block sizes or how inputs are named.
# (ZHTEXT_BLOCK_SIZE=N cuts lines longer than 16 N bytes, a test-only mode: the
# longest line here has 2340 bytes, so N >= 200 cuts none.)
"$zh" count --threads 1 "${files[@]}" > "$tmp/one"
"$zh" count --per-line --tokens ngram:2 --threads 1 "${files[@]}" > "$tmp/one_lines"
for t in 1 2 3; do
  for bs in 200 1000 100000; do
    ZHTEXT_BLOCK_SIZE=$bs "$zh" count --threads $t "${files[@]}" > "$tmp/got"
    same_file "--threads $t, $bs-byte blocks" "$tmp/one" "$tmp/got"
    ZHTEXT_BLOCK_SIZE=$bs "$zh" count --per-line --tokens ngram:2 --threads $t "${files[@]}" > "$tmp/got"
    same_file "--per-line ngram:2 --threads $t, $bs-byte blocks" "$tmp/one_lines" "$tmp/got"
  done
done
ZHTEXT_BLOCK_SIZE=200 "$zh" count --format json --threads 2 "${files[@]}" > "$tmp/got"
same_file "json with first positions: blocks and threads do not matter" <("$zh" count --format json "${files[@]}") "$tmp/got"
mkdir -p "$tmp/dir/sub"; cp "$tmp/a.txt" "$tmp/dir/1.txt"; cp "$tmp/b.txt" "$tmp/dir/sub/2.txt"; cp "$tmp/c.txt" "$tmp/dir/sub/3.txt"
same_file "a directory = its files" "$tmp/one" <("$zh" count "$tmp/dir")
check "standard input is one document" "$("$zh" count "$tmp/a.txt")" "$("$zh" count < "$tmp/a.txt")"

# merge is the reducer: count parts, merge = count all.
"$zh" count "$tmp/a.txt" > "$tmp/pa"; "$zh" count "$tmp/b.txt" "$tmp/c.txt" > "$tmp/pb"
same_file "count a | count b c | merge = count a b c" "$tmp/one" <("$zh" merge "$tmp/pb" "$tmp/pa")
same_file "... unsorted, one stream" "$tmp/one" <(cat "$tmp/pa" "$tmp/pb" | shuf --random-source=<(yes) | "$zh" merge)
same_file "--top 7 = merge --top 7" <("$zh" merge --top 7 "$tmp/pa" "$tmp/pb") <("$zh" count --top 7 "${files[@]}")
same_file "--top 7 = the first 7 rows" <(head -n 7 "$tmp/one") <("$zh" count --top 7 "${files[@]}")
check "--top 0 prints nothing" "" "$("$zh" count --top 0 "${files[@]}")"

# Filters, each against the unfiltered table.
# Token conditions, written from the documentation of the filters.
cat > "$tmp/conds.py" <<'EOF'
import sys
def han(t):  # is_han on the characters these files hold: the CJK ideograph blocks
    return all(0x3400 <= ord(c) <= 0x4DBF or 0x4E00 <= ord(c) <= 0x9FFF or 0xF900 <= ord(c) <= 0xFAFF or
               0x20000 <= ord(c) <= 0x3FFFF for c in t)
PUNCT = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\u2018\u2019\u201c\u201d\u2014\u2015\u2026\u00b7\u2027\u30fb\uffe5")
def punct(t):  # chars.hpp: is_cjk_punctuation, ASCII punctuation, white space, controls
    return all(c in PUNCT or (0x3001 <= ord(c) <= 0x303F and c != "\u3007") or
               (0xFF01 <= ord(c) <= 0xFF65 and not c.isalnum()) or ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0
               for c in t)
for line in sys.stdin.buffer.read().decode("utf-8").splitlines():
    t = line.split("\t")[0].encode("utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")
    if eval(sys.argv[1]):
        print(line)
EOF
filter() { "$py" "$tmp/conds.py" "$1"; }  # filter PYTHON_CONDITION_ON_t < TSV: the rows whose token passes
printf '# my list\n社区\n的\nABC\n' > "$tmp/stop.txt"
same_file "--stop-words FILE" <(filter 't not in ("社区", "的") and t.lower() != "abc"' < "$tmp/one") \
  <("$zh" count --stop-words "$tmp/stop.txt" "${files[@]}")
builtin=$(grep -v '^#' "$src/data/stopwords.txt" | sed 's/[[:space:]]*$//' | grep -v '^$' | tr '\n' '|')
same_file "--stop-words builtin = data/stopwords.txt" \
  <(filter "t.lower() not in set('''$builtin'''.split('|'))" < "$tmp/one") \
  <("$zh" count --stop-words builtin "${files[@]}")
same_file "--min-length 2" <(filter 'len(t) >= 2' < "$tmp/one") <("$zh" count --min-length 2 "${files[@]}")
han='han(t)'
same_file "--han-only" <(filter "$han" < "$tmp/one") <("$zh" count --han-only "${files[@]}")
same_file "--han-only --tokens ngram:2" <("$zh" count --tokens ngram:2 "${files[@]}" | filter "$han") \
  <("$zh" count --han-only --tokens ngram:2 "${files[@]}")
same_file "--no-punct" <(filter 'not punct(t)' < "$tmp/one") <("$zh" count --no-punct "${files[@]}")
check "--no-punct leaves out ， and 。" "" "$("$zh" count --no-punct "${files[@]}" | grep -E $'^(，|。)\t')"

# Formats: JSON Lines and JSON hold the TSV's rows; first positions point at the token.
"$zh" count --format jsonl "${files[@]}" > "$tmp/jsonl"
"$zh" count --format json "${files[@]}" > "$tmp/json"
"$zh" count --format json --per-line "${files[@]}" > "$tmp/json_lines"
out=$("$py" - "$tmp/one" "$tmp/jsonl" "$tmp/json" "$tmp/json_lines" "${files[@]}" <<'EOF'
import json, sys
tsv, jsonl, js, js_lines, paths = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]
def unescape(s):
    return s.encode("utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")
rows = [l.split("\t") for l in open(tsv, encoding="utf-8").read().splitlines()]
rows = [(unescape(t), int(c), int(d)) for t, c, d in rows]
problems = []
got = [json.loads(l) for l in open(jsonl, encoding="utf-8")]
if [(r["token"], r["count"], r["df"]) for r in got] != rows or any(len(r) != 3 for r in got):
    problems.append("jsonl rows differ from the TSV rows")
data = [open(p, "rb").read() for p in paths]
lines = [l for d in data for l in (d.split(b"\n")[:-1] if d.endswith(b"\n") else d.split(b"\n"))]
for path, docs, documents in ((js, data, len(paths)), (js_lines, lines, len(lines))):
    j = json.load(open(path, encoding="utf-8"))
    if j["format"] != "zhtext-frequency" or j["documents"] != documents or j["first_document"] != 0:
        problems.append("%s: header %r" % (path, {k: j[k] for k in j if k != "rows"}))
    for r in j["rows"]:
        d, off = r["first"]
        tok = r["token"].encode("utf-8")
        if docs[d][off:off + len(tok)] != tok:
            problems.append("%s: %r first at %r" % (path, r["token"], r["first"]))
    if path == js and [(r["token"], r["count"], r["df"]) for r in j["rows"]] != rows:
        problems.append("json rows differ from the TSV rows")
print("\n".join(problems[:5]))
EOF
)
check "jsonl and json hold the TSV rows; first positions point at the token" "" "$out"
check "--format json --top 2: two rows, three documents" "2 3" \
  "$("$zh" count --format json --top 2 "${files[@]}" | "$py" -c 'import json,sys; j=json.load(sys.stdin); print(len(j["rows"]), j["documents"])')"

# Bad input: invalid UTF-8 (replaced, skipped, or an error), NUL bytes, empty input.
printf '社区\xff\xfe社区\n\x00\x00社区\n\xe4\xb8\n' > "$tmp/bad.txt"
got=$("$zh" count --tokens chars "$tmp/bad.txt" 2> "$tmp/err"); rc=$?
check "invalid UTF-8 replaced: exit 0 and counted as U+FFFD" "0 区	3	1|社	3	1|�	3	1|\x00	2	1" "$rc $(echo "$got" | tr '\n' '|' | sed 's/|$//')"
check "invalid UTF-8 replaced: warnings" "3" "$(grep -c 'invalid UTF-8' "$tmp/err")"
check "--quiet: no warnings" "" "$("$zh" count --quiet "$tmp/bad.txt" 2>&1 > /dev/null)"
check "--on-invalid skip" "\x00	2	1|区	1	1|社	1	1" "$("$zh" count --quiet --on-invalid skip --tokens chars "$tmp/bad.txt" | tr '\n' '|' | sed 's/|$//')"
out=$("$zh" count --on-invalid error "$tmp/a.txt" "$tmp/bad.txt" 2> "$tmp/err"); rc=$?
check "--on-invalid error: exit 1, nothing printed" "1 " "$rc $out"
check "--on-invalid error: message" "zhtext count: $tmp/bad.txt:1:6: invalid UTF-8 (invalid byte)" "$(cat "$tmp/err")"
check "the table of NULs and U+FFFD reads back with merge" "$("$zh" count --quiet "$tmp/bad.txt")" "$("$zh" count --quiet "$tmp/bad.txt" | "$zh" merge)"
check "empty input: nothing" "0 " "$("$zh" count < /dev/null; echo "$? ")" 
check "empty input, json: no rows" '{"format":"zhtext-frequency","version":1,"documents":1,"first_document":0,"rows":[

]}' "$("$zh" count --format json < /dev/null)"

# Errors and exit codes.
out=$("$zh" count "$tmp/a.txt" "$tmp/missing.txt" 2> "$tmp/err"); rc=$?
check "a missing input: exit 3, nothing printed" "3 " "$rc $out"
check "a missing input: message" "1" "$(grep -c "missing.txt" "$tmp/err")"
for bad in "--tokens word" "--tokens ngram:0" "--tokens ngram:33" "--tokens ngram:" "--tokens chars --mode full" \
           "--tokens ngram:2 --dict x" "--mode fast" "--top x" "--top -1" "--min-length 1.5" "--format tsvx" \
           "--svg-bars 5" "--svg $tmp/x.svg --svg-bars 0" "--threads x" "--on-invalid ignore" "--bogus"; do
  out=$("$zh" count $bad "$tmp/a.txt" 2> "$tmp/err"); rc=$?
  check "usage error $bad: exit 2, one line, nothing printed" "2 1 " "$rc $(wc -l < "$tmp/err") $out"
done
"$zh" count --stop-words "$tmp/missing.txt" "$tmp/a.txt" > /dev/null 2>&1; rc=$?
check "--stop-words missing file: exit 3" "3" "$rc"
printf 'ok\nbad\xff\n' > "$tmp/badstop.txt"
out=$("$zh" count --stop-words "$tmp/badstop.txt" "$tmp/a.txt" 2> "$tmp/err"); rc=$?
check "--stop-words malformed: exit 1, file:line" "1 $tmp/badstop.txt:2" "$rc $(grep -o "$tmp/badstop.txt:[0-9]*" "$tmp/err")"
"$zh" count --dict "$tmp/missing.txt" "$tmp/a.txt" > /dev/null 2>&1; rc=$?
check "--dict missing: exit 3" "3" "$rc"
"$zh" count --svg "$tmp/no/such/dir/x.svg" "$tmp/a.txt" > /dev/null 2> "$tmp/err"; rc=$?
check "--svg unwritable: exit 3" "3 1" "$rc $(grep -c 'cannot write' "$tmp/err")"
"$zh" count --help > "$tmp/help"; rc=$?
check "--help: exit 0, lists the options" "0 1 1 1" "$rc $(grep -c -- '^  --per-line' "$tmp/help") $(grep -c -- '^  --tokens KIND' "$tmp/help") $(grep -c -- '^  --svg FILE' "$tmp/help")"

finish
