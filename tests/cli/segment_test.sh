#!/usr/bin/env bash
# segment_test.sh - `zhtext segment`: the output format (tokens joined by --sep,
# white-space tokens dropped, one line per input line), --json, the four modes and
# --user-dict against Debian's Python jieba run here, --dict, errors, invalid UTF-8,
# and streaming in constant memory.
. "$(dirname "$0")/lib.sh"

# What Python jieba gives, written the way the CLI writes it.
cat > "$tmp/ref.py" <<'EOF'
import sys, jieba
jieba.setLogLevel(60)
mode, path = sys.argv[1], sys.argv[2]
if len(sys.argv) > 3:
    jieba.load_userdict(sys.argv[3])
WHITE = set("\t\n\x0b\x0c\r \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000" + "".join(chr(c) for c in range(0x2000, 0x200B)))
cut = {"precise": lambda s: jieba.cut(s), "precise-nohmm": lambda s: jieba.cut(s, HMM=False),
       "full": lambda s: jieba.cut(s, cut_all=True), "search": lambda s: jieba.cut_for_search(s)}[mode]
lines = open(path, "rb").read().split(b"\n")
if lines and lines[-1] == b"":
    lines.pop()
out = []
for raw in lines:
    out.append("  ".join(w for w in cut(raw.decode("utf-8")) if w and not all(c in WHITE for c in w)))
sys.stdout.buffer.write(("\n".join(out) + "\n").encode("utf-8") if out else b"")
EOF
"$py" -c 'import jieba' 2>/dev/null || { echo "FAIL: $py cannot import jieba (install python3-jieba)"; exit 1; }

# The format.
check "default separator, one line per input line, blank tokens dropped" "$("$py" "$tmp/ref.py" precise <(printf '我来到北京清华大学\n\n  他用C++写了e-mail程序 \r\n结束'))" \
  "$(printf '我来到北京清华大学\n\n  他用C++写了e-mail程序 \r\n结束' | "$zh" segment)"
check "white-space lines give empty lines" "$(printf '\n\n' | od -An -c)" "$(printf '\n \t\n' | "$zh" segment | od -An -c)"
check "line count kept" "4" "$(printf 'a\n\n \n中国' | "$zh" segment | wc -l | tr -d ' ')"
check "--sep" "我/来到/北京/清华大学" "$(printf '我来到北京清华大学\n' | "$zh" segment --sep /)"
check "empty input" "" "$(printf '' | "$zh" segment)"

# The four modes and a user dictionary, on the project's edge-case text, against jieba.
edge="$src/tests/data/segment_edge_cases.txt"
for mode in precise precise-nohmm full search; do
  reference_output "$py" "$tmp/ref.py" "$mode" "$edge" > "$tmp/expected_$mode"
  "$zh" segment --mode "$mode" "$edge" > "$tmp/actual_$mode"
  same_file "--mode $mode = jieba on the edge-case text" "$tmp/expected_$mode" "$tmp/actual_$mode"
done
reference_output "$py" "$tmp/ref.py" precise "$edge" "$src/tests/data/segment_userdict.txt" > "$tmp/expected_user"
"$zh" segment --user-dict "$src/tests/data/segment_userdict.txt" "$edge" > "$tmp/actual_user"
same_file "--user-dict = jieba.load_userdict" "$tmp/expected_user" "$tmp/actual_user"

# --json: valid JSON; start/end are byte offsets of the word in the line; same words.
"$zh" segment --json "$edge" > "$tmp/json"
check "--json: one array per line" "$(wc -l < "$edge")" "$(wc -l < "$tmp/json")"
check "--json shape" '[{"word":"我","start":0,"end":3},{"word":"来到","start":3,"end":9},{"word":"a","start":10,"end":11},{"word":"\"","start":11,"end":12},{"word":"b","start":12,"end":13}]' \
  "$(printf '我来到 a"b\n' | "$zh" segment --json --mode precise-nohmm)"
check "--json escapes controls; an ill-formed byte is U+FFFD with its own offsets" '[{"word":"\u001c","start":0,"end":1},{"word":"�","start":1,"end":2},{"word":"\\","start":2,"end":3}]' \
  "$(printf '\x1c\xff\\\n' | "$zh" segment --json --quiet)"
check_json_offsets "$edge" "$tmp/json" "$tmp/actual_precise"

# --dict: another main dictionary; a malformed one is an error with file:line. With this
# dictionary (total 231) 清华+大学 scores log(50/231)+log(80/231) > log(1/231) for
# 清华大学, and the unknown 我/来/到 stay single characters without the HMM.
printf '北京 100 ns\n清华 50 nz\n大学 80 n\n清华大学 1 nt\n' > "$tmp/small_dict.txt"
check "--dict" "我  来  到  北京  清华  大学" "$(printf '我来到北京清华大学\n' | "$zh" segment --mode precise-nohmm --dict "$tmp/small_dict.txt")"
printf '北京 100 ns\n坏行\n' > "$tmp/bad_dict.txt"
"$zh" segment --dict "$tmp/bad_dict.txt" < /dev/null > /dev/null 2> "$tmp/err"; rc=$?
check "malformed --dict: exit 3" "3" "$rc"
check "malformed --dict: file:line" "zhtext segment: $tmp/bad_dict.txt:2: expected 'word frequency [tag]', found no frequency in \"坏行\"" "$(cat "$tmp/err")"
"$zh" segment --user-dict "$tmp/missing.txt" < /dev/null > /dev/null 2> "$tmp/err"; rc=$?
check "missing --user-dict: exit 3" "3" "$rc"
ZHTEXT_JIEBA_DIR=/nonexistent/jieba "$zh" segment < /dev/null > /dev/null 2> "$tmp/err"; rc=$?
check "missing jieba data: exit 3" "3" "$rc"
check "missing jieba data: says what to install" "1" "$(grep -c 'install Debian package python3-jieba' "$tmp/err")"
"$zh" segment --mode fast < /dev/null 2> /dev/null; rc=$?
check "unknown mode: exit 2" "2" "$rc"

# Invalid UTF-8 never fails and keeps the line structure.
check_random_bytes segment

# Several inputs, "-" for standard input.
check "files and stdin" "北京
清华  大学
北京" "$(printf '清华大学\n' | "$zh" segment --mode precise-nohmm --dict "$tmp/small_dict.txt" <(printf '北京\n') - <(printf '北京'))"

# Threads: the same output for any --threads (blocks of ~1 MiB).
line=$(head -n 3 "$edge" | tr '\n' ' ')
yes "$line" | head -c 3000000 > "$tmp/three.txt"
"$zh" segment --threads 1 "$tmp/three.txt" > "$tmp/t1"
"$zh" segment --threads 2 "$tmp/three.txt" > "$tmp/t2"
same_file "--threads 2 = --threads 1" "$tmp/t1" "$tmp/t2"

# Streaming: memory does not grow with the input (40 MB vs 8 MB).
yes "$line" | head -c 8000000 > "$tmp/small.txt"
yes "$line" | head -c 40000000 > "$tmp/big.txt"
small_rss=$(max_rss "$zh" segment "$tmp/small.txt"); big_rss=$(max_rss "$zh" segment "$tmp/big.txt")
echo "     peak RSS: ${small_rss} KiB for 8 MB, ${big_rss} KiB for 40 MB"
if [ "$sanitized" == yes ]; then
  # ASan's quarantine keeps freed blocks: the bound is checked by the release build.
  echo "NOTE: sanitizer build: the RSS bound is not checked here (see the release build)"
else
  check "constant memory (40 MB input costs < 8 MiB more than 8 MB)" "yes" "$([ $((big_rss - small_rss)) -lt 8192 ] && echo yes || echo no)"
fi

finish
