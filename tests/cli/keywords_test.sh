#!/usr/bin/env bash
# keywords_test.sh - `zhtext keywords`: TSV rows equal to Python jieba.analyse's
# (extract_tags and textrank, per file and per line, printed with %.12g), the plain
# and jsonl formats, the same output for every --threads and block size, the SVG
# chart (well-formed XML, the expected labels, renders to a non-blank PNG), errors.
. "$(dirname "$0")/lib.sh"
text="$src/tests/data/segment_edge_cases.txt"

# jieba.analyse's rows: reference METHOD TOP PER_LINE ALLOW FILE... (IDF and STOP in the
# environment: another IDF table, other stop words), through lib.sh's reference_output.
cat > "$tmp/kw_ref.py" <<'PY'
import sys, jieba, jieba.analyse
jieba.setLogLevel(60)
method, top, per_line, allow = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1", sys.argv[4]
docs = []
for path in sys.argv[5:]:
    data = open(path, "rb").read()
    if per_line:
        docs += [l.decode() for l in data.split(b"\n")[:-1 if data.endswith(b"\n") else None]]
    else:
        docs.append(data.decode())
import os
if os.environ.get("IDF"):
    jieba.analyse.set_idf_path(os.environ["IDF"])
if os.environ.get("STOP"):
    jieba.analyse.set_stop_words(os.environ["STOP"])
kwargs = {} if not allow else {"allowPOS": tuple(allow.split(","))}
f = jieba.analyse.extract_tags if method == "tfidf" else jieba.analyse.textrank
for d, doc in enumerate(docs, 1):
    for r, (w, x) in enumerate(f(doc, topK=top, withWeight=True, **kwargs), 1):
        print("%d\t%d\t%s\t%.12g" % (d, r, w, x))
PY
reference() { reference_output "$py" "$tmp/kw_ref.py" "$@"; }
printf '经济发展是社区工作的重点。\n\n社区居民支持经济发展，经济繁荣。\n' > "$tmp/b.txt"

check "tfidf tsv = extract_tags (file)" "$(reference tfidf 20 0 '' "$text")" "$("$zh" keywords --format tsv "$text")"
check "tfidf tsv = extract_tags (two files, top 0)" "$(reference tfidf 0 0 '' "$text" "$tmp/b.txt")" \
      "$("$zh" keywords --format tsv --top 0 "$text" "$tmp/b.txt" | cut -f 2-)"  # FILE<TAB> first (two inputs)
check "tfidf tsv = extract_tags (per line)" "$(reference tfidf 5 1 '' "$text" "$tmp/b.txt")" \
      "$("$zh" keywords --format tsv --top 5 --per-line "$text" "$tmp/b.txt" | cut -f 2-)"
check "tfidf allowPOS tsv = extract_tags" "$(reference tfidf 10 0 'n,nr,eng' "$text")" \
      "$("$zh" keywords --format tsv --top 10 --allow-pos n,nr,eng "$text")"
check "textrank tsv = textrank (file)" "$(reference textrank 20 0 '' "$text")" \
      "$("$zh" keywords --method textrank --format tsv "$text")"
check "textrank tsv = textrank (per line, stdin)" "$(reference textrank 3 1 '' "$text")" \
      "$("$zh" keywords --method textrank --format tsv --top 3 --per-line < "$text")"

# Formats, from jieba's rows: plain joins a document's words with two spaces.
plain() {  # TSV rows -> plain lines for documents 1..N (N = $1), optionally word:weight
  awk -F '\t' -v n="$1" -v ww="${2:-0}" '{ k = ww ? $3 ":" $4 : $3; if (seen[$1]++) line[$1] = line[$1] "  " k; else line[$1] = k }
    END { for (d = 1; d <= n; d++) print line[d] }'
}
check "plain" "$(reference tfidf 3 0 '' "$tmp/b.txt" | plain 1)" "$("$zh" keywords --top 3 "$tmp/b.txt")"
check "plain --with-weight" "$(reference tfidf 4 0 '' "$tmp/b.txt" | plain 1 1)" "$("$zh" keywords --top 4 --with-weight "$tmp/b.txt")"
check "plain --per-line: one line per input line" "$(reference tfidf 2 1 '' "$tmp/b.txt" | plain 3)" \
      "$("$zh" keywords --top 2 --per-line "$tmp/b.txt")"
w=$(reference tfidf 1 0 '' "$tmp/b.txt" | cut -f3,4 | sed 's/\t/","weight":/')
check "jsonl" "{\"doc\":1,\"keywords\":[{\"word\":\"$w}]}" "$("$zh" keywords --top 1 --format jsonl "$tmp/b.txt")"
check "jsonl per line: empty documents kept" '{"doc":2,"keywords":[]}' "$("$zh" keywords --per-line --format jsonl "$tmp/b.txt" | sed -n 2p)"
check "empty input" "" "$("$zh" keywords < /dev/null)"
check "empty input, jsonl" '{"doc":1,"keywords":[]}' "$("$zh" keywords --format jsonl < /dev/null)"

# Threads and block sizes: files larger than a block are gathered whole.
for f in 1 2 3 4 5 6; do cat "$text" "$tmp/b.txt" >> "$tmp/big.txt"; done
one=$("$zh" keywords --format tsv --top 0 --threads 1 "$tmp/big.txt" "$text" "$tmp/b.txt")
check "whole files: --threads 3 and 300-byte blocks give the same output" "$one" \
      "$(ZHTEXT_BLOCK_SIZE=300 "$zh" keywords --format tsv --top 0 --threads 3 "$tmp/big.txt" "$text" "$tmp/b.txt")"
check "whole files = extract_tags" "$(reference tfidf 0 0 '' "$tmp/big.txt" "$text" "$tmp/b.txt")" "$(cut -f 2- <<< "$one")"
one=$("$zh" keywords --method textrank --per-line --format tsv --threads 1 "$tmp/big.txt")
check "per line: --threads 2 and 300-byte blocks give the same output" "$one" \
      "$(ZHTEXT_BLOCK_SIZE=300 "$zh" keywords --method textrank --per-line --format tsv --threads 2 "$tmp/big.txt")"
mkdir "$tmp/dir" && cp "$tmp/b.txt" "$tmp/dir/a.txt" && cp "$text" "$tmp/dir/b.txt"
check "a directory: its files in path order" "$("$zh" keywords "$tmp/dir/a.txt" "$tmp/dir/b.txt")" "$("$zh" keywords "$tmp/dir")"

# Invalid UTF-8: replaced (default), or an error.
printf '社区\xff社区经济\n' > "$tmp/bad.txt"
printf '社区\xef\xbf\xbd社区经济\n' > "$tmp/replaced.txt"
check "invalid UTF-8 replaced with U+FFFD" "$(reference tfidf 20 0 '' "$tmp/replaced.txt" | plain 1)" "$("$zh" keywords --quiet "$tmp/bad.txt")"
"$zh" keywords --on-invalid error "$tmp/bad.txt" > /dev/null 2>&1; rc=$?
check "--on-invalid error: exit 1" "1" "$rc"

# IDF and stop-word files.
printf '经济发展 0.5\n社区 20\n' > "$tmp/idf.txt"
check "--idf = set_idf_path" "$(IDF="$tmp/idf.txt" reference tfidf 0 0 '' "$tmp/b.txt")" \
      "$("$zh" keywords --format tsv --top 0 --idf "$tmp/idf.txt" "$tmp/b.txt")"
printf '社区\n居民\n' > "$tmp/stop.txt"
check "--stop-words = set_stop_words" "$(STOP="$tmp/stop.txt" reference textrank 0 0 '' "$tmp/b.txt")" \
      "$("$zh" keywords --method textrank --format tsv --top 0 --stop-words "$tmp/stop.txt" "$tmp/b.txt")"
check "--stop-words removes them" "0" "$("$zh" keywords --top 0 --stop-words "$tmp/stop.txt" "$tmp/b.txt" | grep -c '社区\|居民')"
printf '经济发展 0.5\n社区 x\n' > "$tmp/badidf.txt"
"$zh" keywords --idf "$tmp/badidf.txt" "$tmp/b.txt" > /dev/null 2> "$tmp/err"; rc=$?
check "malformed IDF file: exit 1" "1" "$rc"
check "malformed IDF file: FILE:LINE" "zhtext keywords: $tmp/badidf.txt:2: 'x' is not a finite decimal number" "$(cat "$tmp/err")"
"$zh" keywords --idf "$tmp/none.txt" "$tmp/b.txt" > /dev/null 2>&1; rc=$?
check "missing IDF file: exit 3" "3" "$rc"
"$zh" keywords "$tmp/none.txt" > /dev/null 2>&1; rc=$?
check "missing input: exit 3" "3" "$rc"
"$zh" keywords --method x "$tmp/b.txt" > /dev/null 2>&1; rc=$?
check "bad --method: exit 2" "2" "$rc"
"$zh" keywords --top -1 "$tmp/b.txt" > /dev/null 2>&1; rc=$?
check "bad --top: exit 2" "2" "$rc"

# SVG chart of the first document.
"$zh" keywords --top 8 --svg "$tmp/kw.svg" "$text" "$tmp/b.txt" > "$tmp/plain.txt"; rc=$?
check "--svg: exit 0" "0" "$rc"
labels=$("$py" - "$tmp/kw.svg" <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
print("\n".join(t.text for t in root.iter("{http://www.w3.org/2000/svg}text")))
PY
)
first=$(head -1 "$tmp/plain.txt" | sed 's/  /\n/g')
check "--svg: XML with the title and the first document's keywords" \
      "TF-IDF keywords of segment_edge_cases.txt
$first" "$(printf '%s\n' "$labels" | grep -v '^[0-9.]*$')"
if command -v rsvg-convert > /dev/null; then
  rsvg-convert -o "$tmp/kw.png" "$tmp/kw.svg" 2> "$tmp/rsvg.log"; rc=$?
  check "--svg: rsvg-convert renders it" "0 " "$rc $(cat "$tmp/rsvg.log")"
  read -r pw ph mean sd dark < <(python3 "$src/tests/cli/png_stats.py" "$tmp/kw.png")
  check "--svg: the PNG is not blank" "yes" "$([ "${dark:-0}" -gt 1000 ] && awk "BEGIN{exit !(${sd:-0} > 20)}" && echo yes)"
else
  echo "FAIL rsvg-convert missing (Debian librsvg2-bin)"; fails=$((fails + 1))
fi
"$zh" keywords --method textrank --svg "$tmp/stdin.svg" < "$tmp/b.txt" > /dev/null
check "--svg: stdin's title" "1" "$(grep -c '<title>TextRank keywords of stdin</title>' "$tmp/stdin.svg")"

finish
