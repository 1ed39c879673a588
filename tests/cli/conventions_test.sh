#!/usr/bin/env bash
# conventions_test.sh - messages and conventions of the `zhtext` program (issue 14,
# defect 10): errors give their reason and file; a broken pipe with SIGPIPE ignored is
# one error (exit 3), never silence or two; --json and --format jsonl are one thing
# everywhere; several inputs' records name their file where the format has room;
# count --content-words; the demo says what it builds; the README says how to install.
. "$(dirname "$0")/lib.sh"
cd "$tmp" || exit 1
printf '社区居民今天参加了新闻发布会，2024年共有35位居民发言。\n本报记者报道：街道举办了文化活动。\n' > a.txt
printf '居民很高兴，活动12.5%%的时间在户外。\n' > b.txt

# Reasons and names.
"$zh" match --patterns nosuch.txt a.txt > /dev/null 2> err; rc=$?
check "--patterns nosuch.txt: the reason" "3 zhtext match: cannot open 'nosuch.txt': No such file or directory" "$rc $(cat err)"
: > empty.txt
for cmd in segment pos count; do
  "$zh" $cmd --dict empty.txt a.txt > /dev/null 2> err; rc=$?
  check "$cmd: an empty --dict is named" "3 zhtext $cmd: empty.txt: the dictionary's total frequency is 0 (no 'word freq' lines?)" "$rc $(cat err)"
done

# A data file that is a device is refused at once (it would be read without end: 640 MB
# in 8 s before); a FIFO without a writer does not hang (read as empty, as the library's
# mapped_file reads it); a pipe still works.
for args in "match --patterns" "discover --dict" "count --stop-words" "keywords --idf" "segment --user-dict"; do
  timeout 20 "$zh" $args /dev/zero a.txt > out 2> err; rc=$?
  check "$args /dev/zero: exit 3 at once, the reason" \
    "3 0 zhtext ${args%% *}: cannot read '/dev/zero': a character device, not a regular file" "$rc $(wc -c < out) $(cat err)"
done
mkfifo nowriter
timeout 20 "$zh" match --patterns nowriter a.txt > out 2> err; rc=$?
check "match --patterns FIFO without a writer: no hang, nothing found" "0 0" "$rc $(wc -c < out)"
echo 居民 > pat1.txt
check "match --patterns from a pipe: read as the file is (3 matches)" "3 $("$zh" match --patterns pat1.txt a.txt b.txt)" \
  "$("$zh" match --patterns <(echo 居民) a.txt b.txt | grep -c 居民) $("$zh" match --patterns <(echo 居民) a.txt b.txt)"
mkdir pdir
"$zh" match --patterns pdir a.txt > /dev/null 2> err; rc=$?
check "match --patterns DIR: the reason" "3 zhtext match: cannot read 'pdir': a directory, not a regular file" "$rc $(cat err)"

# A closed pipe with SIGPIPE ignored: exit 3 and exactly one error line.
"$py" -c '
import random
random.seed(7)
for _ in range(20000): print("".join(chr(random.randint(0x4E00, 0x9FA5)) for _ in range(40)))' > many.txt
"$zh" count --tokens ngram:2 many.txt > table.tsv
echo 一 > one.txt
for _ in $(seq 2000); do echo 一一一一一一一一一一一一一一一一一一一一一一一一一一一一一一一一一一一一一一一; done > ones.txt
for args in "segment many.txt" "segment --threads 2 many.txt" "count --tokens ngram:2 many.txt" "keywords --per-line many.txt" \
            "merge table.tsv" "match --patterns one.txt ones.txt" \
            "count --tokens ngram:2 --format jsonl many.txt"; do
  out=$( (trap '' PIPE; "$zh" $args 2> err | head -c 1 > /dev/null; echo "${PIPESTATUS[0]}") )
  check "broken pipe, SIGPIPE ignored: $args: exit 3, one error" \
    "3 zhtext ${args%% *}: cannot write to standard output: Broken pipe" "$out $(cat err)"
done

# --json is --format jsonl on every command that writes JSON Lines.
for cmd in segment pos entities sentences keywords count; do
  a=$("$zh" $cmd --json a.txt b.txt 2>&1); b=$("$zh" $cmd --format jsonl a.txt b.txt 2>&1)
  check "$cmd: --json = --format jsonl" "$a" "$b"
  check "$cmd: ... JSON Lines" "0" "$(printf '%s\n' "$b" | "$py" -c 'import json, sys; [json.loads(l) for l in sys.stdin]; print(0)' 2>&1)"
  "$zh" $cmd --json --format tsv a.txt > /dev/null 2> err; rc=$?
  check "$cmd: --json with --format tsv: exit 2" "2" "$rc"
done
check "entities --format tsv = the default" "$("$zh" entities a.txt)" "$("$zh" entities --format tsv a.txt)"

# The commands whose output is TSV rows (match, discover, merge) write the same records
# as JSON Lines with --json / --format jsonl: one object per row, the TSV's fields in
# order under the names their --help gives; --format tsv is the default.
"$py" -c '
import random
random.seed(3)
han = [chr(c) for c in range(0x4E00, 0x4E00 + 300)]
for i in range(40): print(random.choice(han) + "社区服务站" + random.choice(han) + "，" + random.choice(han) * 2)' > d.txt
echo 居民 > pat.txt; echo 社区 >> pat.txt
"$zh" count a.txt > t1.tsv; "$zh" count b.txt > t2.tsv
as_tsv() { "$py" -c '
import json, sys
for l in sys.stdin:
    o = json.loads(l, parse_float=str)
    if list(o) != sys.argv[1:]: print("fields", list(o)); continue
    print("\t".join(str(v) for v in o.values()))' "$@"; }
for args in "match --patterns pat.txt a.txt d.txt|file line start end pattern text" \
            "match --patterns pat.txt d.txt|line start end pattern text" \
            "discover --min-cohesion 1 d.txt|word count cohesion entropy score" \
            "merge t1.tsv t2.tsv|token count df"; do
  cmd=${args%%|*}; fields=${args#*|}
  tsv=$("$zh" $cmd); json=$("$zh" $cmd --json); jsonl=$("$zh" $cmd --format jsonl)
  check "${cmd%% *} --json = --format jsonl" "$json" "$jsonl"
  check "$cmd --json: the TSV rows' fields ($(printf '%s\n' "$tsv" | wc -l) rows)" "$tsv" "$(printf '%s\n' "$json" | as_tsv $fields)"
  check "$cmd --format tsv = the default" "$tsv" "$("$zh" $cmd --format tsv)"
  check "$cmd: rows to compare" yes "$([ -n "$tsv" ] && echo yes)"
done
"$zh" match --patterns pat.txt --mask '*' --json a.txt > /dev/null 2> err; rc=$?
check "match --mask --json: exit 2 (text, not records)" "2" "$rc"

# Several inputs: the file of each record.
jsonf() { "$py" -c 'import json, sys; [print(*[json.dumps(json.loads(l)[k], ensure_ascii=False) for k in sys.argv[1:]]) for l in sys.stdin]' "$@"; }
check "segment --json, two inputs: file, line and the tokens of one input" \
  "$( { "$zh" segment --json a.txt | sed 's/^/"a.txt" /' | awk '{ $1 = $1 " " NR; print }'; "$zh" segment --json b.txt | sed 's/^/"b.txt" 1 /'; } )" \
  "$("$zh" segment --json a.txt b.txt | jsonf file line tokens | sed 's/, /,/g; s/": /":/g')"
check "pos --format jsonl, a directory: file names" "\"d/a.txt\"
\"d/a.txt\"
\"d/b.txt\"" "$(mkdir -p d && cp a.txt b.txt d/ && "$zh" pos --format jsonl d | jsonf file)"
check "keywords --json, two inputs: doc and file" "1 \"a.txt\"
2 \"b.txt\"" "$("$zh" keywords --json a.txt b.txt | jsonf doc file)"
check "keywords --format tsv, two inputs: FILE first" "a.txt	1	1
b.txt	2	1" "$("$zh" keywords --format tsv a.txt b.txt | awk -F'\t' '$3 == 1 { print $1 "\t" $2 "\t" $3 }')"
check "one input: no file field (as before)" "['doc', 'keywords']" "$("$zh" keywords --json a.txt | "$py" -c 'import json, sys; print(list(json.loads(sys.stdin.readline())))')"
check "one input: segment --json is an array" "[" "$("$zh" segment --json a.txt | head -c 1)"

# count --content-words: no punctuation, stop words or numbers; plain count keeps them.
plain=$("$zh" count a.txt b.txt | cut -f1)
content=$("$zh" count --content-words a.txt b.txt | cut -f1)
check "count keeps punctuation, stop words, numbers by default" "1 1 1 1" \
  "$(grep -cx '，' <<< "$plain") $(grep -cx '了' <<< "$plain") $(grep -cx '2024' <<< "$plain") $(grep -cx '12.5%' <<< "$plain")"
check "--content-words leaves them out" "0 0 0 0 0" \
  "$(grep -cx '，' <<< "$content") $(grep -cx '了' <<< "$content") $(grep -cx '2024' <<< "$content") $(grep -cx '12.5' <<< "$content") $(grep -cx '35' <<< "$content")"
check "--content-words keeps the content words" "3 2" "$("$zh" count --content-words a.txt b.txt | awk -F'\t' '$1 == "居民" || $1 == "活动" { print $2 }' | tr '\n' ' ' | sed 's/ $//')"
check "--content-words with --stop-words FILE: that list" "0 1" \
  "$(printf '居民\n' > sw.txt; "$zh" count --content-words --stop-words sw.txt a.txt | cut -f1 | grep -cx 居民) $("$zh" count --content-words --stop-words sw.txt a.txt | cut -f1 | grep -cx 了)"
check "--content-words in the help" "1" "$("$zh" count --help | grep -c -- '--content-words  ')"

# The demo says what it builds before building; the README says how to install zhtext.
check "demo.sh: one line before the build" "1" \
  "$(awk '/^echo .*building/ { said = NR } /^cmake --build/ { print (said && said < NR) ? 1 : 0; exit }' "$src/scripts/demo.sh")"
check "README quick start: how to install zhtext" "1" \
  "$(sed -n '/^## Quick start/,/^## /p' "$src/README.md" | grep -c 'cmake --install build/release --component cli')"

finish
