#!/usr/bin/env bash
# pos_test.sh - `zhtext pos`: the output format (word/tag joined by two spaces,
# white-space tokens dropped, one line per input line), --json, both modes and
# --user-dict / --dict against Debian's Python jieba.posseg run here, errors (full and
# search rejected), invalid UTF-8, several inputs, threads.
. "$(dirname "$0")/lib.sh"

# What Python jieba.posseg gives, written the way the CLI writes it.
cat > "$tmp/ref.py" <<'PY'
import sys, jieba, jieba.posseg
jieba.setLogLevel(60)
mode, path = sys.argv[1], sys.argv[2]
tagger = jieba.posseg.dt
if len(sys.argv) > 4 and sys.argv[4]:
    tagger = jieba.posseg.POSTokenizer(jieba.Tokenizer(sys.argv[4]))
if len(sys.argv) > 3 and sys.argv[3]:
    tagger.tokenizer.load_userdict(sys.argv[3])
WHITE = set("\t\n\x0b\x0c\r \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000" + "".join(chr(c) for c in range(0x2000, 0x200B)))
lines = open(path, "rb").read().split(b"\n")
if lines and lines[-1] == b"":
    lines.pop()
out = []
for raw in lines:
    pairs = tagger.cut(raw.decode("utf-8"), HMM=(mode == "precise"))
    out.append("  ".join("%s/%s" % (w, t) for w, t in pairs if w and not all(c in WHITE for c in w)))
sys.stdout.buffer.write(("\n".join(out) + "\n").encode("utf-8") if out else b"")
PY
"$py" -c 'import jieba.posseg' 2>/dev/null || { echo "FAIL: $py cannot import jieba.posseg (install python3-jieba)"; exit 1; }

# The format.
check "word/tag joined by two spaces" "我/r  爱/v  北京/ns  天安门/ns" "$(printf '我爱北京天安门\n' | "$zh" pos)"
check "one line per input line, blank tokens dropped" "$("$py" "$tmp/ref.py" precise <(printf '我来到北京清华大学\n\n  他用C++写了e-mail程序 \r\n结束'))" \
  "$(printf '我来到北京清华大学\n\n  他用C++写了e-mail程序 \r\n结束' | "$zh" pos)"
check "line count kept" "4" "$(printf 'a\n\n \n中国' | "$zh" pos | wc -l | tr -d ' ')"
check "--sep" "我/r|爱/v" "$(printf '我爱\n' | "$zh" pos --sep '|')"
check "empty input" "" "$(printf '' | "$zh" pos)"

# Both modes, with and without a user dictionary, on the edge-case text, against jieba.posseg.
for edge in "$src/tests/data/segment_edge_cases.txt" "$src/tests/data/pos_edge_cases.txt"; do
  name=$(basename "$edge" .txt)
  for mode in precise precise-nohmm; do
    reference_output "$py" "$tmp/ref.py" "$mode" "$edge" > "$tmp/expected"
    "$zh" pos --mode "$mode" "$edge" > "$tmp/actual"
    same_file "$name: --mode $mode = jieba.posseg" "$tmp/expected" "$tmp/actual"
    reference_output "$py" "$tmp/ref.py" "$mode" "$edge" "$src/tests/data/segment_userdict.txt" > "$tmp/expected"
    "$zh" pos --mode "$mode" --user-dict "$src/tests/data/segment_userdict.txt" "$edge" > "$tmp/actual"
    same_file "$name: --mode $mode --user-dict = jieba.posseg after load_userdict" "$tmp/expected" "$tmp/actual"
  done
done
corpus="$src/../shared/corpus/news"
if [ -d "$corpus" ]; then
  : > "$tmp/expected"
  for f in "$corpus"/*.txt; do reference_output "$py" "$tmp/ref.py" precise "$f" >> "$tmp/expected"; done
  "$zh" pos "$corpus" > "$tmp/actual"
  same_file "the news corpus directory = jieba.posseg" "$tmp/expected" "$tmp/actual"
fi

# --dict: another main dictionary, its tags.
printf '北京 100 ns\n清华 50 nz\n大学 80 n\n清华大学 1 nt\n我 10 r\n' > "$tmp/small_dict.txt"
"$py" "$tmp/ref.py" precise-nohmm <(printf '我来到北京清华大学\n') "" "$tmp/small_dict.txt" > "$tmp/expected"
check "--dict = POSTokenizer(Tokenizer(dict))" "$(cat "$tmp/expected")" "$(printf '我来到北京清华大学\n' | "$zh" pos --mode precise-nohmm --dict "$tmp/small_dict.txt")"
check "--dict (literal)" "我/r  来/x  到/x  北京/ns  清华/nz  大学/n" "$(printf '我来到北京清华大学\n' | "$zh" pos --mode precise-nohmm --dict "$tmp/small_dict.txt")"

# --json: valid JSON; start/end slice the word out of the line; same words and tags.
edge="$src/tests/data/pos_edge_cases.txt"
"$zh" pos --json "$edge" > "$tmp/json"
"$zh" pos "$edge" > "$tmp/plain"
check "--json shape" '[{"word":"我","tag":"r","start":0,"end":3},{"word":"爱","tag":"v","start":3,"end":6},{"word":"%","tag":"x","start":7,"end":8}]' \
  "$(printf '我爱 %%\n' | "$zh" pos --json)"
check "--json: an ill-formed byte is U+FFFD tagged x, with its own offsets" '[{"word":"\u001c","tag":"x","start":0,"end":1},{"word":"�","tag":"x","start":1,"end":2}]' \
  "$(printf '\x1c\xff\n' | "$zh" pos --json --quiet)"
check_json_offsets "$edge" "$tmp/json" "$tmp/plain" tagged

# Errors: posseg has no full or search mode; unknown modes; bad dictionaries; no data.
for m in full search; do
  "$zh" pos --mode $m < /dev/null > /dev/null 2> "$tmp/err"; rc=$?
  check "--mode $m: exit 2" "2" "$rc"
  check "--mode $m: says why" "1" "$(grep -c 'jieba.posseg has no' "$tmp/err")"
done
"$zh" pos --mode fast < /dev/null 2> /dev/null; rc=$?
check "unknown mode: exit 2" "2" "$rc"
printf '北京 100 ns\n坏行\n' > "$tmp/bad_dict.txt"
"$zh" pos --dict "$tmp/bad_dict.txt" < /dev/null > /dev/null 2> "$tmp/err"; rc=$?
check "malformed --dict: exit 3" "3" "$rc"
check "malformed --dict: file:line" "1" "$(grep -c "$tmp/bad_dict.txt:2:" "$tmp/err")"
ZHTEXT_JIEBA_DIR=/nonexistent/jieba "$zh" pos < /dev/null > /dev/null 2> "$tmp/err"; rc=$?
check "missing jieba data: exit 3" "3" "$rc"

# Invalid UTF-8 never fails and keeps the line structure; --on-invalid skip drops lines.
check_random_bytes pos

# Several inputs, "-" for standard input; threads give the same output.
check "files and stdin" "北京/ns
清华/nz  大学/n
北京/ns" "$(printf '清华大学\n' | "$zh" pos --mode precise-nohmm --dict "$tmp/small_dict.txt" <(printf '北京\n') - <(printf '北京'))"
line=$(head -n 8 "$edge" | tr '\n' ' ')
yes "$line" | head -c 3000000 > "$tmp/three.txt"
"$zh" pos --threads 1 "$tmp/three.txt" > "$tmp/t1"
"$zh" pos --threads 2 "$tmp/three.txt" > "$tmp/t2"
same_file "--threads 2 = --threads 1" "$tmp/t1" "$tmp/t2"

finish
