#!/usr/bin/env bash
# zhtext convert: byte for byte what `opencc -c NAME.json -i FILE` writes (Debian's
# opencc 1.1.6), for all 14 configurations Debian ships, on the project's text, on
# generated text made of the configurations' own dictionary keys (phrases, their
# prefixes and overlaps, mixed with Latin, digits, punctuation and emoji), on every
# corpus file and on the corpus converted to traditional (s2t, s2tw, s2hk); through the
# block engine with small blocks and two threads; opencc's 1 MiB pieces on files over
# 1 MiB; standard input, directories, a configuration given as a JSON path; malformed
# configurations and dictionaries (FILE:LINE:); invalid UTF-8 as the CLI's rules say.
. "$(dirname "$0")/lib.sh"
require_corpus
if ! opencc --version > /dev/null 2>&1; then
  echo "*** SKIPPED: the opencc program (Debian package opencc) is not installed ***"
  exit 77
fi
configs="s2t t2s s2tw tw2s s2twp tw2sp s2hk hk2s t2tw tw2t t2hk hk2t t2jp jp2t"
data=${ZHTEXT_OPENCC_DIR:-/usr/share/opencc}

# Generated text: for each configuration's dictionaries, lines of random keys, key
# prefixes and pairs of overlapping keys glued together, among ASCII, digits, CJK
# punctuation, emoji and CRLF ends (seeded: the same text every run).
mkdir -p "$tmp/gen"
for d in "$data"/*.ocd2; do opencc_dict -i "$d" -o "$tmp/gen/$(basename "$d" .ocd2).txt" -f ocd2 -t text; done
"$py" - "$tmp/gen" > "$tmp/generated.txt" <<'EOF'
import os, random, sys
rng = random.Random(15)
keys = []
for name in sorted(os.listdir(sys.argv[1])):
    with open(os.path.join(sys.argv[1], name), encoding="utf-8") as f:
        keys += [line.split("\t", 1)[0] for line in f if "\t" in line]
fill = ["", " ", "abc", "2026", "，", "。", "「", "」", "😀", "\t", "x y", "１２"]
for n in range(3000):
    parts = []
    for _ in range(rng.randint(1, 12)):
        k = rng.choice(keys)
        r = rng.random()
        if r < 0.2 and len(k) > 1: k = k[: rng.randint(1, len(k) - 1)]
        elif r < 0.4: k += rng.choice(keys)[1:]
        parts.append(k + rng.choice(fill))
    print("".join(parts), end="\r\n" if n % 17 == 0 else "\n")
EOF

# The corpus in traditional characters, as opencc writes it.
mkdir -p "$tmp/trad"
for f in "$corpus"/*.txt; do
  for c in s2t s2tw s2hk; do opencc -c "$c.json" -i "$f" -o "$tmp/trad/$c-$(basename "$f")"; done
done

inputs=("$src/tests/data/convert_sample.txt" "$tmp/generated.txt" "$corpus"/*.txt "$tmp/trad"/*.txt)
# One run of the program per configuration on all the inputs (it writes their
# conversions one after the other, as for a directory), and one more through the block
# engine with small blocks and two threads: cut at the sizes of opencc -i's outputs of
# the inputs, each piece must be that output, byte for byte (and the runs end there).
# opencc_each CONFIG FILE...: what `opencc -c CONFIG.json -i FILE` writes for each FILE,
# one after the other, then a line break and a line of their sizes (run through lib.sh's
# reference_output: the ASan/UBSan stage reuses the release stage's 14 x 22 runs).
opencc_each() {
  local c=$1 f sizes="" one
  one=$(mktemp); shift
  for f; do opencc -c "$c.json" -i "$f" > "$one"; sizes+=" $(wc -c < "$one")"; cat "$one"; done
  rm -f "$one"
  printf '\n%s\n' "$sizes"
}
lines=0 equal=0 same=0
for c in $configs; do
  reference_output opencc_each "$c" "${inputs[@]}" > "$tmp/want_sizes"
  read -r -a sizes < <(tail -n 1 "$tmp/want_sizes")
  head -c "$(IFS=+; echo $((${sizes[*]})))" "$tmp/want_sizes" > "$tmp/want"
  "$zh" convert --config "$c" "${inputs[@]}" > "$tmp/got"
  ZHTEXT_BLOCK_SIZE=4096 "$zh" convert --config "$c" --threads 2 "${inputs[@]}" > "$tmp/got2"
  # Per input: lines, lines equal, and "same" when the three pieces are equal and not empty.
  while read -r i n e ok; do
    lines=$((lines + n)); equal=$((equal + e))
    if [ "$ok" = 1 ]; then
      same=$((same + 1))
    else
      echo "FAIL $c $(basename "${inputs[$i]}")"; fails=$((fails + 1))
    fi
  done < <("$py" -c 'import sys
want, got, got2 = (open(p, "rb").read() for p in sys.argv[1:4])
at = 0
sizes = [int(x) for x in sys.argv[4:]]
for i, size in enumerate(sizes):
    w, g, g2 = want[at:at + size], got[at:at + size], got2[at:at + size]
    at += size
    if i == len(sizes) - 1:  # the runs must end where the last output ends
        g, g2 = got[at - size:], got2[at - size:]
    a, b = w.split(b"\n"), g.split(b"\n")
    if a[-1] == b"": a.pop(); b.pop() if b and b[-1] == b"" else None
    print(i, len(a), sum(x == y for x, y in zip(a, b)) if len(a) == len(b) else 0, int(w != b"" and w == g == g2))' \
    "$tmp/want" "$tmp/got" "$tmp/got2" "${sizes[@]}")
  if ! cmp -s "$tmp/want" "$tmp/got" || ! cmp -s "$tmp/want" "$tmp/got2"; then
    diff "$tmp/want" "$tmp/got" | head -6
  fi
done
check "14 configurations x ${#inputs[@]} inputs: files identical to opencc -i ($lines lines, $equal equal)" \
  "$((14 * ${#inputs[@]})) $lines" "$same $equal"

# Standard input (opencc reads it line by line), directories, several files.
for c in t2s s2twp; do
  same_file "stdin $c" <(reference_output --stdin "$tmp/generated.txt" opencc -c "$c.json") \
    <("$zh" convert --config "$c" < "$tmp/generated.txt")
done
same_file "a directory: its files in order" <(cat "$corpus"/*.txt | opencc -c s2hk.json) \
  <("$zh" convert --config s2hk "$corpus")
printf 'no final line feed 头发' > "$tmp/nofinal.txt"
same_file "no final line feed" <(opencc -c s2t.json -i "$tmp/nofinal.txt") <("$zh" convert --config s2t "$tmp/nofinal.txt")
: > "$tmp/empty.txt"
check "empty file: empty output, exit 0" "0:" "$("$zh" convert --config t2s "$tmp/empty.txt"; echo "$?:")"

# A configuration as a JSON path (its dictionaries found in the data directory), and
# its name with .json.
cp "$data/tw2sp.json" "$tmp/mine.json"
same_file "--config PATH.json" <(opencc -c tw2sp.json -i "$tmp/trad/s2tw-$(ls "$corpus" | head -1)") \
  <("$zh" convert --config "$tmp/mine.json" "$tmp/trad/s2tw-$(ls "$corpus" | head -1)")
same_file "--config NAME.json" <(opencc -c s2t.json -i "$tmp/generated.txt") \
  <("$zh" convert --config s2t.json "$tmp/generated.txt")

# opencc's 1 MiB pieces: 头发 with 发 at byte 1 048 576 converts in halves (頭發),
# as opencc -i does; --whole-lines converts the line whole (頭髮). Then files of
# several MiB whose character boundaries drift off the MiB marks (3- and 4-byte
# characters, lines of every length), compared with opencc for s2t and t2s.
"$py" - "$tmp/straddle.txt" <<'EOF'
import sys
head = ("a" * 99 + "\n") * (1048567 // 100)
head += "b" * (1048567 - len(head))  # 他 at 1048567, 头 at 1048573, 发 at 1048576
open(sys.argv[1], "w", encoding="utf-8").write(head + "他的头发很长\n" + "头发\n" * 10)
EOF
"$zh" convert --config s2t "$tmp/straddle.txt" > "$tmp/got"
check "piece end inside 头发: 頭發 as opencc -i writes" "頭發很長" "$(sed -n '10486p' "$tmp/got" | tail -c 13)"
same_file "piece end inside a phrase: identical to opencc -i" <(reference_output opencc -c s2t.json -i "$tmp/straddle.txt") "$tmp/got"
check "--whole-lines: 頭髮" "頭髮很長" "$("$zh" convert --config s2t --whole-lines "$tmp/straddle.txt" | sed -n '10486p' | tail -c 13)"
"$py" - "$tmp/big.txt" "$tmp/generated.txt" "$corpus" <<'EOF'
import os, random, sys
rng = random.Random(7)
gen = open(sys.argv[2], encoding="utf-8").read().split("\n")
news = []
for name in sorted(os.listdir(sys.argv[3])):
    news += open(os.path.join(sys.argv[3], name), encoding="utf-8").read().split("\n")
out, size = [], 0
while size < 5 * 1048576:
    r = rng.random()
    line = rng.choice(gen) if r < 0.5 else rng.choice(news) if r < 0.9 else "𠀀𡈽" * rng.randint(1, 9000)
    out.append(line); size += len(line.encode()) + 1
open(sys.argv[1], "w", encoding="utf-8").write("\n".join(out))
EOF
for c in s2t t2s s2twp; do
  same_file "5 MiB file, $c: identical to opencc -i (pieces)" <(reference_output opencc -c "$c.json" -i "$tmp/big.txt") \
    <("$zh" convert --config "$c" --threads 2 "$tmp/big.txt")
done
same_file "5 MiB file, s2t, small blocks: identical to opencc -i" <(reference_output opencc -c s2t.json -i "$tmp/big.txt") \
  <(ZHTEXT_BLOCK_SIZE=65536 "$zh" convert --config s2t --threads 2 "$tmp/big.txt")
same_file "5 MiB on standard input: identical to opencc reading it" <(reference_output --stdin "$tmp/big.txt" opencc -c s2t.json) \
  <("$zh" convert --config s2t < "$tmp/big.txt")

# Malformed configurations and dictionaries: FILE:LINE: errors, exit 1.
printf '{\n  "name": "x",\n  "segmentation": {\n    "type": "mmseg"\n    "dict": {}\n  }\n}\n' > "$tmp/broken.json"
msg=$("$zh" convert --config "$tmp/broken.json" "$tmp/empty.txt" 2>&1 >/dev/null); rc=$?
check "malformed JSON: exit 1" "1" "$rc"
check "malformed JSON: FILE:LINE:" "yes" "$(echo "$msg" | grep -q "^zhtext convert: $tmp/broken.json:5:" && echo yes || echo "$msg")"
printf '頭髮\t头发\n壞行沒有值\n' > "$tmp/bad.txt"
printf '{"name":"t","segmentation":{"type":"mmseg","dict":{"type":"text","file":"bad.txt"}},\n"conversion_chain":[{"dict":{"type":"text","file":"bad.txt"}}]}\n' > "$tmp/text.json"
msg=$("$zh" convert --config "$tmp/text.json" "$tmp/empty.txt" 2>&1 >/dev/null); rc=$?
check "malformed text dictionary: exit 1" "1" "$rc"
check "malformed text dictionary: FILE:LINE:" "yes" "$(echo "$msg" | grep -q "bad.txt:2:" && echo yes || echo "$msg")"
printf '頭髮\t头发\n' > "$tmp/bad.txt"
same_file "a text dictionary (as opencc reads it)" <(opencc -c "$tmp/text.json" -i "$tmp/straddle.txt" | tail -3) \
  <("$zh" convert --config "$tmp/text.json" "$tmp/straddle.txt" | tail -3)
head -c 1000 "$data/TSPhrases.ocd2" > "$tmp/TSPhrases.ocd2"
sed 's/"file": "TSPhrases.ocd2"/"file": "'"${tmp//\//\\/}"'\/TSPhrases.ocd2"/' "$data/t2s.json" > "$tmp/cut.json"
msg=$("$zh" convert --config "$tmp/cut.json" "$tmp/empty.txt" 2>&1 >/dev/null); rc=$?
check "truncated .ocd2: exit 1, names the file" "1 yes" "$rc $(echo "$msg" | grep -q "TSPhrases.ocd2" && echo yes || echo "$msg")"
"$zh" convert "$tmp/empty.txt" 2>/dev/null; check "no --config: usage error" "2" "$?"
"$zh" convert --config no-such-config "$tmp/empty.txt" 2>/dev/null; check "unknown configuration: exit 3" "3" "$?"

# Invalid UTF-8 follows the CLI's rules (--on-invalid replace, skip, error).
printf '头发\xff好\n第二行\n' > "$tmp/bad-utf8.txt"
check "invalid UTF-8, replace: U+FFFD" "$(printf '頭髮\xef\xbf\xbd好\n第二行')" \
  "$("$zh" convert --config s2t --quiet "$tmp/bad-utf8.txt")"
check "invalid UTF-8, replace: a FILE:LINE:BYTE warning" "yes" \
  "$("$zh" convert --config s2t "$tmp/bad-utf8.txt" 2>&1 >/dev/null | grep -q "bad-utf8.txt:1:6: invalid UTF-8" && echo yes)"
check "invalid UTF-8, skip: the line left out" "第二行" "$("$zh" convert --config s2t --quiet --on-invalid skip "$tmp/bad-utf8.txt")"
"$zh" convert --config s2t --on-invalid error "$tmp/bad-utf8.txt" > "$tmp/got" 2>/dev/null
check "invalid UTF-8, error: exit 1, nothing written" "1:0" "$?:$(wc -c < "$tmp/got")"

echo "convert: $lines lines compared with opencc -i, $equal equal, 14 configurations"
finish
