#!/usr/bin/env bash
# input_memory_test.sh - memory does not grow with removed characters (issue 14,
# defect 3): 100 MB of NUL on standard input (no line break: the engine cuts the line
# into 16 MiB blocks for normalize and sentences) and a 50 MiB line of text, one
# worker thread, each under 200 MB peak resident set (release build; before:
# normalize 785 MB on 16 MB of NUL, 1.5 GB on 100 MB: one offset-map piece per
# removed character). The output is checked too: NUL is removed by normalize, kept
# by --keep-controls, never printed by sentences; segment and pos give one token per
# NUL (pos tags it x), count counts them all, convert copies them. segment, pos and count
# cut a line longer than 16 MiB only where the result cannot change (cli::jieba_blocks);
# convert cuts it anywhere and converts its pieces in order with one convert_stream; so
# they too stay under the bound (before: segment 286 MB, pos 290 MB, convert 509 MB on
# the NUL file). A line with no such
# place (one run of random Han characters, 4 MiB) is held whole, but the cutter holds
# half a byte per character of it and a window (engine.hpp, long_block): segment, pos and
# keywords stay under 80 MB there (before: about 84 bytes per character, 115 MB).
# A line of 50 MiB of random letters and digits is one token: segment, pos and count
# stay under the bound there too (cutter::long_run).
# keywords --method textrank counts TextRank's pairs over a window of span tokens
# (rank.hpp; before: 4 bytes a token for the whole text, 397 MB on 50 MB of NUL, 212
# MB on the long line) and gathers at most span - 1 characters of a run of separators.
# discover holds its text (one byte per byte of Han) and indexes it in passes of at
# most 64 MiB (discover_options::index_memory): 122 MB on the long line, 49 MB on the
# random Han (before: 604 MB and 63 MB, 33 bytes per character at once).
# The sanitizer build runs the same on 4 MB (lines of 2 MiB, 1 MiB of Han; discover: 4
# MiB) and checks only the output: there the run is a check for memory errors on every
# shape of input, which a smaller input makes as well (10 MB before: 103 s of the ASan
# stage, the longest test there).
. "$(dirname "$0")/lib.sh"
limit_kb=$((200 * 1024))
nul_mb=100 line_mib=50 han_mib=4
if [ "$sanitized" == yes ]; then
  nul_mb=4 line_mib=2 han_mib=1
  echo "NOTE: sanitizer build: 4 MB inputs, the RSS bound is not checked here (see the release build)"
fi
head -c $((nul_mb * 1000 * 1000)) /dev/zero > "$tmp/nul"
python3 - "$tmp/line" "$line_mib" <<'PY'
import sys
s = "社区党员志愿者轮班巡逻、测体温、逐户排查，为居民健康保驾护航。".encode()
n = int(sys.argv[2]) * 1024 * 1024 // len(s) + 1
open(sys.argv[1], "wb").write(s * n)
PY
# random_han FILE MIB: one line of MIB MiB of random Han (the same text for the same MIB).
random_han() {
  python3 - "$1" "$2" <<'PY'
import random, sys
r = random.Random(14)
n = int(sys.argv[2]) * 1024 * 1024 // 3
open(sys.argv[1], "w", encoding="utf-8").write("".join(chr(r.randint(0x4E00, 0x9FA5)) for _ in range(n)) + "\n")
PY
}
# repeated FILE MIB HEX [END_HEX]: the bytes HEX repeated to fill MIB MiB (whole
# repeats), then the bytes END_HEX (none by default).
repeated() {
  python3 -c 'import sys; b = bytes.fromhex(sys.argv[3]); open(sys.argv[1], "wb").write(b * ((int(sys.argv[2]) << 20) // len(b)) + bytes.fromhex(sys.argv[4]))' \
    "$1" "$2" "$3" "${4-}"
}
random_han "$tmp/han" "$han_mib"
# discover finds candidates in 4 MiB of random Han (pairs that recur by chance), none
# in 1 MiB: its case always takes the 4 MiB line.
if [ "$han_mib" == 4 ]; then cp "$tmp/han" "$tmp/han4"; else random_han "$tmp/han4" 4; fi
echo "inputs: $(wc -c < "$tmp/nul") bytes of NUL, a line of $(wc -c < "$tmp/line") bytes, $(wc -c < "$tmp/han") bytes of random Han"

# measured NAME INPUT PATTERN CMD...: runs CMD with INPUT on stdin and checks its peak
# RSS; sets `bytes` to the size of its stdout and `hits` to the occurrences of the
# byte string PATTERN (given in hex) in it (read as it streams: nothing is stored).
measured() {
  local name=$1 input=$2 pattern=$3 kb
  shift 3
  read -r kb bytes hits < <(python3 -c '
import resource, subprocess, sys
pat = bytes.fromhex(sys.argv[2])
n = hits = 0
tail = b""
with open(sys.argv[1], "rb") as i:
    p = subprocess.Popen(sys.argv[3:], stdin=i, stdout=subprocess.PIPE)
    for chunk in iter(lambda: p.stdout.read(1 << 20), b""):
        n += len(chunk)
        s = tail + chunk
        hits += s.count(pat) - tail.count(pat)
        tail = s[-(len(pat) - 1):] if len(pat) > 1 else b""
    r = p.wait()
kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(kb if r == 0 else "exit_%d" % r, n, hits)
' "$input" "$pattern" "$@")
  if [ "$sanitized" == yes ] || [ "${unbounded:-}" == yes ]; then
    case "$kb" in [0-9]*) check "$name (ran; max RSS $kb KB, not bounded)" yes yes ;; *) check "$name: ran" "a number of KB" "$kb" ;; esac
  elif [ "$kb" -lt "$limit_kb" ] 2>/dev/null; then
    check "$name (max RSS $kb KB)" yes yes
  else
    check "$name: max RSS under $limit_kb KB" "< $limit_kb" "$kb"
  fi
}

hex() { printf %s "$1" | od -An -tx1 | tr -d ' \n'; }
nul=$(wc -c < "$tmp/nul")
line=$(wc -c < "$tmp/line")
enders=$(grep -o '。' "$tmp/line" | wc -l)
measured "normalize, NUL" "$tmp/nul" 78 "$zh" normalize --threads 1
check "normalize removes every NUL" 0 "$bytes"
measured "normalize --keep-controls, NUL" "$tmp/nul" 78 "$zh" normalize --threads 1 --keep-controls
check "normalize --keep-controls keeps them" "$nul" "$bytes"
measured "sentences, NUL" "$tmp/nul" 00 "$zh" sentences --threads 1
check "sentences: no NUL printed" 0 "$hits"
measured "segment, NUL" "$tmp/nul" 002020 "$zh" segment --threads 1
check "segment: one token per NUL, one line" "$((nul - 1)) $((3 * nul - 1))" "$hits $bytes"
measured "pos, NUL" "$tmp/nul" "$(hex /x)" "$zh" pos --threads 1
check "pos: every NUL tagged x" "$nul" "$hits"
measured "segment --json --threads 2, NUL" "$tmp/nul" "$(hex '},{')" "$zh" segment --json --threads 2
check "segment --json: one array, one object per NUL" "$((nul - 1))" "$hits"
measured "count, NUL" "$tmp/nul" "$(hex "	$nul	1")" "$zh" count --threads 2
check "count: every NUL counted, one row (\\x00)" "1 $((8 + ${#nul}))" "$hits $bytes"
measured "keywords --method textrank --threads 2, NUL" "$tmp/nul" 0a "$zh" keywords --method textrank --threads 2
check "keywords --method textrank: no keyword, one line" "1 1" "$bytes $hits"
if "$zh" convert --config t2s < /dev/null > /dev/null 2>&1; then
  measured "convert --config t2s, NUL file" /dev/null 00 "$zh" convert --config t2s --threads 2 "$tmp/nul"
  check "convert: every NUL copied" "$nul $nul" "$hits $bytes"
else
  echo "NOTE: no OpenCC data: convert not measured"
fi

measured "normalize, one long line" "$tmp/line" "$(hex 。)" "$zh" normalize --threads 1
check "normalize keeps the line" "$enders" "$hits"
measured "sentences, one long line" "$tmp/line" "$(hex 。)" "$zh" sentences --threads 1
check "sentences: one per 。" "$enders" "$hits"
measured "segment, one long line" "$tmp/line" "$(hex 健康)" "$zh" segment --threads 1
check "segment: every 健康, one line" "$enders 1" "$hits $("$zh" segment --threads 2 < "$tmp/line" | wc -l)"
measured "pos, one long line" "$tmp/line" "$(hex 健康/a)" "$zh" pos --threads 1
check "pos: every 健康 tagged a" "$enders" "$hits"
measured "count, one long line" "$tmp/line" "$(hex "健康	$enders	1")" "$zh" count --threads 2
check "count: every 健康" "1" "$hits"
# (a file: keywords reserves the gathered text at its size; on standard input the
# gathered string doubles as it grows, 198 MB here)
measured "keywords --method textrank --threads 2, one long line" /dev/null "$(hex 巡逻)" "$zh" keywords --method textrank --threads 2 "$tmp/line"
check "keywords --method textrank: 巡逻 among them" 1 "$hits"
measured "discover, one long line" "$tmp/line" "$(hex "	$enders	")" "$zh" discover
check "discover: 2 candidates (测体温, 逐户排查), once a sentence each" 2 "$hits"

# A line of random letters and digits (50 MiB; 2 in the sanitizer build) is one block
# whose route words are all single characters: jieba's token is the whole line. The
# cutter emits it from the input bytes (engine.hpp, cutter::long_run) and keeps 4 bits
# a character of the route: under the bound (before: segment 734 MB, pos 710 MB on
# 8 MiB; over 4 GB on 50 MiB). keywords views the token in the block's text until it
# is written, in 64 KiB pieces (before: 298 MB, three copies of the line).
python3 - "$tmp/latin" "$line_mib" <<'PY'
import random, sys
table = bytes(b"abcdefghijklmnopqrstuvwxyz0123456789"[b % 36] for b in range(256))
open(sys.argv[1], "wb").write(random.Random(14).randbytes(int(sys.argv[2]) << 20).translate(table) + b"\n")
PY
latin=$(wc -c < "$tmp/latin")
measured "segment, one Latin run" "$tmp/latin" 0a "$zh" segment --threads 1
check "segment: the line is one token" "$latin 1" "$bytes $hits"
measured "segment --mode precise-nohmm --threads 2, one Latin run" "$tmp/latin" 0a "$zh" segment --threads 2 --mode precise-nohmm
check "segment --mode precise-nohmm: the line is one token" "$latin 1" "$bytes $hits"
measured "segment --mode search, one Latin run" "$tmp/latin" 0a "$zh" segment --threads 1 --mode search
check "segment --mode search: the line is one token" "$latin 1" "$bytes $hits"
measured "pos --threads 2, one Latin run" "$tmp/latin" "$(hex /eng)" "$zh" pos --threads 2
check "pos: one token tagged eng" "$((latin + 4)) 1" "$bytes $hits"
measured "pos --mode precise-nohmm, one Latin run" "$tmp/latin" "$(hex /eng)" "$zh" pos --threads 1 --mode precise-nohmm
check "pos --mode precise-nohmm: one token tagged eng" "$((latin + 4)) 1" "$bytes $hits"
measured "count, one Latin run" "$tmp/latin" "$(hex "	1	1")" "$zh" count --threads 1
check "count: one row, counted once" "$((latin + 4)) 1" "$bytes $hits"
measured "keywords, one Latin run" "$tmp/latin" 0a "$zh" keywords --threads 1
check "keywords: the line is the one keyword" "$latin 1" "$bytes $hits"
measured "keywords --json --threads 2, one Latin run" "$tmp/latin" "$(hex '"weight":11.9547675029}]}')" "$zh" keywords --json --threads 2
check "keywords --json: one keyword, the line (jieba's median IDF)" "$((latin + 57)) 1" "$bytes $hits"
# A line of digits with '.' and '%' (50 MiB; 2 in the sanitizer build) is one block that
# jieba cannot cut: the reader reads it whole, its buffer outgrowing the block's. Grown
# by realloc, the heap buffer was copied into a new mapping, the line held twice (segment
# 126 MB); now the buffer moves into a mapping of its own that mremap grows (reader.cpp,
# byte_buffer::grow): under 110 MB (91 measured). The tokens are the line's bytes.
python3 - "$tmp/digits" "$line_mib" <<'PY'
import random, sys
table = bytes(b"0123456789012345678901234567890123456789.%"[b % 42] for b in range(256))
open(sys.argv[1], "wb").write(random.Random(14).randbytes(int(sys.argv[2]) << 20).translate(table) + b"\n")
PY
limit_kb=$((110 * 1024))
measured "segment, one line of digits, '.' and '%'" "$tmp/digits" 0a "$zh" segment --threads 1
check "segment: one line" 1 "$hits"
check "segment --threads 2: the tokens are the line's bytes" same \
  "$("$zh" segment --threads 2 < "$tmp/digits" | tr -d ' ' | cmp -s - "$tmp/digits" && echo same)"
limit_kb=$((200 * 1024))
rm -f "$tmp/digits"
# A denser line of digits, '.' and '%' (16 MiB; 2 in the sanitizer build) cuts into
# ~1.08M distinct words of ~12 bytes: count's table has just doubled its rows there.
# A vector held the old rows and their copy at once (216 MB); the rows now grow in a
# mapping that mremap moves (detail/containers/growable_array.hpp): under 200 MB. Every
# distinct word is a row.
python3 - "$tmp/dense" "$([ "$sanitized" == yes ] && echo 2 || echo 16)" <<'PY'
import random, sys
table = bytes(b"0123456789.%"[b % 12] for b in range(256))
open(sys.argv[1], "wb").write(random.Random(14).randbytes(int(sys.argv[2]) << 20).translate(table) + b"\n")
PY
# count --json and --format json stream the sorted rows (frequency_table::for_each_top,
# write_json; before: 274 and 295 MB, top()'s rows or the whole JSON text beside the
# table), and keywords --top 0 ranks the line as it writes it (before: 299 MB, a list
# of 56-byte keywords of every distinct word). The index of their tables has 4-byte
# slots (flat_map.hpp; before: 8, with a hash tag), and count's rows are 24 bytes
# (frequency.hpp; before: 56) and sorted in runs when there are more than 2^19:
# count and its JSON under 115 MB (before: 135), keywords under 105 (96), --top 0 under
# 105 (before: 113, a kept item, a weight and a rank of 16 bytes a word beside the
# word map's index, now 8 bytes a word in its place).
limit_kb=$((115 * 1024))
"$zh" segment --threads 2 < "$tmp/dense" | tr -s ' ' '\n' | LC_ALL=C sort -u > "$tmp/dense_words"
rows=$(wc -l < "$tmp/dense_words")
measured "count, one dense line of digits, '.' and '%'" "$tmp/dense" 0a "$zh" count --threads 1
check "count: a row per distinct word" "$rows" "$hits"
measured "count --json, one dense line" "$tmp/dense" 0a "$zh" count --threads 1 --json
check "count --json: a row per distinct word" "$rows" "$hits"
measured "count --format json, one dense line" "$tmp/dense" 0a "$zh" count --threads 1 --format json
check "count --format json: a row per distinct word, a line before and after them" "$((rows + 2))" "$hits"
limit_kb=$((105 * 1024))
measured "keywords --top 0 --json, one dense line" "$tmp/dense" "$(hex '"word":')" "$zh" keywords --threads 1 --top 0 --json
check "keywords --top 0: every distinct word of two or more characters" "$(awk 'length >= 2' "$tmp/dense_words" | wc -l)" "$hits"
limit_kb=$((105 * 1024))
measured "keywords --json, one dense line" "$tmp/dense" "$(hex '"word":')" "$zh" keywords --threads 1 --json
check "keywords: 20 of them" 20 "$hits"
limit_kb=$((200 * 1024))
rm -f "$tmp/dense" "$tmp/dense_words"
# sentences and match --mask write a long line in pieces (a sentence without line
# breaks is normalized 1 MiB at a time, cut between two plain characters; the matcher
# masks as it scans, holding the matched spans within the longest pattern's reach): at
# 2 threads under 150 MB (before: sentences 189 MB here, 216 on 50 MiB of random Han;
# match --mask 202 MB on the NUL file, 238 on 50 MiB of digits).
limit_kb=$((150 * 1024))
measured "sentences --threads 2, one Latin run" "$tmp/latin" 0a "$zh" sentences --threads 2
pieces=$(((line_mib + 15) / 16))  # the engine hands sentences a line in 16 MiB blocks
check "sentences: the line is one sentence a 16 MiB piece" "$((latin + pieces - 1)) $pieces" "$bytes $hits"
printf 'a\n7b\n' > "$tmp/patterns"
masked=$(python3 -c 'import sys; d = open(sys.argv[1], "rb").read(); print(d.count(b"a") + 2 * d.count(b"7b"))' "$tmp/latin")
measured "match --mask --threads 2, one Latin run" "$tmp/latin" 2a "$zh" match --patterns "$tmp/patterns" --mask '*' --threads 2
check "match --mask: every a and 7b masked" "$latin $masked" "$bytes $hits"
measured "match --mask --threads 2, NUL" "$tmp/nul" 00 "$zh" match --patterns "$tmp/patterns" --mask '*' --threads 2
check "match --mask: every NUL kept" "$nul $nul" "$bytes $hits"
limit_kb=$((200 * 1024))
rm -f "$tmp/latin"
# keywords gathers a file larger than a block without its long separator runs, each
# kept separator as one byte: random bytes (mostly U+FFFD, 3 bytes each) gather to
# less than the file (before: 1.8 times its size, textrank 245 MB on 50 MiB).
python3 -c 'import random, sys; open(sys.argv[1], "wb").write(random.Random(16).randbytes(int(sys.argv[2]) << 20))' \
  "$tmp/bytes" "$line_mib"
measured "keywords --method textrank --threads 2, random bytes" /dev/null 0a "$zh" keywords --method textrank --threads 2 "$tmp/bytes"
check "keywords --method textrank: no keyword, one line" "1 1" "$bytes $hits"
# dedup reads a file larger than a block in pieces and puts each piece's shingle text
# in the index as it comes (dedup_index_builder::add_piece), reserving more early when
# the pieces shingle to more than their size (U+FFFD, 3 bytes a bad byte): before, the
# file's shingle text was gathered whole and then copied (325 MB on 50 MiB).
measured "dedup --threads 2, random bytes (one document)" /dev/null 0a "$zh" dedup --threads 2 "$tmp/bytes"
check "dedup: no pair" 0 "$bytes"
# With --per-line (200,000 short documents on 50 MiB) and no index to save, dedup keeps
# only the runs of band keys that documents share (build_candidates), not the 200 bytes
# a document of band entries (before: 221 MB, 319 MB on 50 MiB of short Han lines).
# Short lines pair up: the rows are those of one thread.
measured "dedup --per-line --threads 2, random bytes" /dev/null 0a "$zh" dedup --per-line --threads 2 "$tmp/bytes"
check "dedup --per-line: the rows of --threads 1" "$("$zh" dedup --per-line --threads 1 "$tmp/bytes" 2>/dev/null | wc -l)" "$hits"
rm -f "$tmp/bytes"
# A line of the Han characters U+9FA6..U+9FD5 (in no word of jieba's dictionary nor in
# its HMM's tables; 50 MiB, 2 in the sanitizer build): one run of single-character
# words, whose Viterbi reads the characters from the input and keeps 1 byte a character
# (word_policy::unknown_han); every character is a token (before: segment 214 MB on
# 8 MiB).
python3 - "$tmp/unknown" "$line_mib" <<'PY'
import random, sys
chars = [chr(c).encode() for c in range(0x9FA6, 0x9FD6)]
n = (int(sys.argv[2]) << 20) // 3
picks = random.Random(15).randbytes(n)
out = bytearray(3 * n + 1)  # chars[b % 48] for each b of picks, a byte of them at a time
for i in range(3):          # (the same bytes as a join of 17M pieces: 1.5 CPU-s instead of 7.6)
    out[i:3 * n:3] = picks.translate(bytes(chars[b % 48][i] for b in range(256)))
out[-1:] = b"\n"
open(sys.argv[1], "wb").write(out)
PY
unknown=$(( ($(wc -c < "$tmp/unknown") - 1) / 3 ))
measured "segment, one run of unknown Han" "$tmp/unknown" 0a "$zh" segment --threads 1
check "segment: every character a token" "$((5 * unknown - 1)) 1" "$bytes $hits"
measured "segment --mode search --threads 2, one run of unknown Han" "$tmp/unknown" 0a "$zh" segment --threads 2 --mode search
check "segment --mode search: every character a token" "$((5 * unknown - 1)) 1" "$bytes $hits"
measured "keywords, one run of unknown Han" "$tmp/unknown" 0a "$zh" keywords --threads 1
measured "count, one run of unknown Han" "$tmp/unknown" 0a "$zh" count --threads 2
check "count: 48 rows" 48 "$hits"
# pos on its first 349524 characters (1 MiB; 87380 in the sanitizer build): posseg's
# Viterbi has 256 states a character there; past 32 MB of them it cuts from checkpoints
# (three passes at ~15 us a character: the 50 MiB line would take ~10 minutes, so not
# here). Before: 598 MB on 2 MiB, 2.07 GB on 8 MiB; after: 98 MB on 2 MiB. Every
# character a token, tagged x and zg in turn (what jieba.posseg gives over characters
# it has no table entry for).
pos_chars=349524
[ "$sanitized" == yes ] && pos_chars=87380
head -c $((3 * pos_chars)) "$tmp/unknown" > "$tmp/unknown_pos"
echo >> "$tmp/unknown_pos"
measured "pos, one run of unknown Han ($pos_chars characters)" "$tmp/unknown_pos" "$(hex /zg)" "$zh" pos --threads 1
check "pos: every character a token, every other one zg" "$((7 * pos_chars + pos_chars / 2 - 1)) $((pos_chars / 2))" "$bytes $hits"
measured "pos --threads 2, one run of unknown Han ($pos_chars characters)" "$tmp/unknown_pos" "$(hex /x)" "$zh" pos --threads 2
check "pos --threads 2: every other character x" "$((pos_chars / 2))" "$hits"
measured "keywords --method textrank, one run of unknown Han ($pos_chars characters)" "$tmp/unknown_pos" 0a "$zh" keywords --threads 1 --method textrank
rm -f "$tmp/unknown" "$tmp/unknown_pos"

# A line of 1M distinct numbers (9 digits; 40k in the sanitizer build): count holds one
# table of them, about 90 bytes a row plus its bytes (before: 229 MB at one thread,
# the block's table and the total it was appended to; a long line cut into blocks
# held three copies: its parts, the file's merged table and the total).
numbers=$((line_mib * 20000))
python3 - "$tmp/numbers" "$numbers" <<'PY'
import random, sys
n = int(sys.argv[2])
open(sys.argv[1], "w").write(" ".join(str(x) for x in random.Random(16).sample(range(10**8, 10**9), n)) + "\n")
PY
measured "count, 1M distinct numbers" "$tmp/numbers" "$(hex "	1	1")" "$zh" count --threads 1
check "count: one row per number" "$numbers" "$hits"
measured "count --threads 2, 1M distinct numbers" "$tmp/numbers" "$(hex "	1	1")" "$zh" count --threads 2
check "count --threads 2: one row per number" "$numbers" "$hits"
# TF-IDF keywords on them: one entry of 24 bytes per distinct word without a word id
# (detail/keywords/rank.hpp) and its index, under 150 MB at 1 and 2 threads (before:
# 173 MB, ~105 bytes a word). Every number counts once and gets jieba's median IDF: the
# top 20 are the first 20 numbers, in order (ties keep the first occurrence).
limit_kb=$((150 * 1024))
first20=$(tr ' ' '\n' < "$tmp/numbers" | head -20 | awk '{ printf "%s%s", (NR > 1 ? "  " : ""), $0 } END { print "" }')
measured "keywords, 1M distinct numbers" "$tmp/numbers" "$(hex "$first20")" "$zh" keywords --threads 1
check "keywords: the first 20 numbers, in order" "1 $((${#first20} + 1))" "$hits $bytes"
measured "keywords --threads 2, 1M distinct numbers" "$tmp/numbers" "$(hex "$first20")" "$zh" keywords --threads 2
check "keywords --threads 2: the first 20 numbers, in order" "1 $((${#first20} + 1))" "$hits $bytes"
limit_kb=$((200 * 1024))
rm -f "$tmp/numbers"

limit_kb=$((80 * 1024))
measured "segment, one run of random Han" "$tmp/han" 0a "$zh" segment --threads 1
check "segment: every character kept, one line" "$(wc -c < "$tmp/han") 1" \
  "$("$zh" segment --threads 2 < "$tmp/han" | tr -d ' ' | wc -c) $hits"
measured "segment --mode precise-nohmm, one run of random Han" "$tmp/han" 0a "$zh" segment --threads 1 --mode precise-nohmm
measured "pos, one run of random Han" "$tmp/han" 0a "$zh" pos --threads 1
check "pos: one line" 1 "$hits"
measured "keywords, one run of random Han" "$tmp/han" 0a "$zh" keywords --threads 1
check "keywords: some written" yes "$([ "$bytes" -gt 0 ] && echo yes || echo "no ($bytes bytes)")"
measured "discover, one run of random Han (4 MiB)" "$tmp/han4" 0a "$zh" discover
check "discover: candidates written" yes "$([ "$hits" -gt 0 ] && echo yes || echo "no ($hits lines)")"
# discover keeps the counts of the n-grams seen min_count times or more in a table of
# at most --table-memory MiB (discover_options::table_memory, 32 by default); past it
# the rarest are forgotten and a warning says the results are approximate. A line of
# random characters among 1000 (16 MiB; 2 in the sanitizer build) has about a million
# pairs seen 3 times or more: 154 MB before (a table of all of them), 126 after.
python3 - "$tmp/han1000" "$([ "$sanitized" == yes ] && echo 2 || echo 16)" <<'PY'
import random, sys
r = random.Random(17)
chars = [chr(c) for c in range(0x4E00, 0x4E00 + 1000)]
open(sys.argv[1], "w", encoding="utf-8").write("".join(r.choice(chars) for _ in range((int(sys.argv[2]) << 20) // 3)) + "\n")
PY
limit_kb=$((140 * 1024))
measured "discover, a line of random characters among 1000" "$tmp/han1000" "$(hex "	3	")" "$zh" discover
# (triples seen 3 times by chance, 25 of them in 16 MiB)
[ "$sanitized" == yes ] || check "discover: candidates written, each seen 3 times" 25 "$hits"
head -c $((2 << 20)) "$tmp/han1000" > "$tmp/han1000_2"
check "discover --table-memory 1: the results are said to be approximate" 1 \
  "$("$zh" discover --table-memory 1 < "$tmp/han1000_2" 2>&1 >/dev/null | grep -c 'results are approximate')"
rm -f "$tmp/han1000" "$tmp/han1000_2"
# A line of one character (16 MiB; 2 in the sanitizer build): its positions are more
# than one pass of the index holds (index_memory) and all alike, so the passes split
# them on the next characters, then by offsets (plan_ngram_shards); 的的 spans them
# all. Before: one pass of all of them, 162 MB (509 on 50 MiB); after 105 (140).
python3 - "$tmp/one" "$([ "$sanitized" == yes ] && echo 2 || echo 16)" <<'PY'
import sys
open(sys.argv[1], "w", encoding="utf-8").write("的" * ((int(sys.argv[2]) << 20) // 3))
PY
limit_kb=$((130 * 1024))
pairs=$(( $(wc -c < "$tmp/one") / 3 - 1 ))
measured "discover, a line of one character" "$tmp/one" "$(hex "的的	$pairs	")" \
  "$zh" discover --min-entropy 0 --min-cohesion -100 --no-edge-filter --top 0
check "discover: 的的 counted at every position but the last" 1 "$hits"
rm -f "$tmp/one"
limit_kb=$((80 * 1024))
measured "keywords --method textrank, one run of random Han" "$tmp/han" 0a "$zh" keywords --threads 1 --method textrank
# A line of random traditional characters, each a key of t2s's dictionaries (16 MiB; 2
# in the sanitizer build): no place where no key starts, so convert cuts it anywhere and
# converts its blocks in order with one convert_stream (before: held whole and, for a
# file, converted again in opencc's 1 MiB pieces: 88 MB here, 294 MB on 50 MiB).
if "$zh" convert --config t2s < /dev/null > /dev/null 2>&1; then
  python3 - "$tmp/trad" "$([ "$sanitized" == yes ] && echo 2 || echo 16)" <<'PY'
import random, sys
chars = "們個國會學時發說為這來對過後還長開問當實經現頭體見動將與關義點話從進種樣機總應給處間邊陽麼裡聽語辦書車馬門東認識選議員"
r = random.Random(16)
open(sys.argv[1], "w", encoding="utf-8").write("".join(r.choice(chars) for _ in range((int(sys.argv[2]) << 20) // 3)) + "\n")
PY
  measured "convert --config t2s --threads 2, one line of traditional characters (file)" /dev/null "$(hex 们)" \
    "$zh" convert --config t2s --threads 2 "$tmp/trad"
  check "convert: every 們 converted, as long as the input" "$(grep -o 們 "$tmp/trad" | wc -l) $(wc -c < "$tmp/trad")" "$hits $bytes"
  # (blocks of 64 KiB, up to 1 MiB: the line is cut and streamed in both builds)
  check "convert: in 1 MiB blocks on standard input as the line converted whole" \
    "$(ZHTEXT_BLOCK_SIZE=65536 "$zh" convert --config t2s < "$tmp/trad" | cksum)" \
    "$("$zh" convert --config t2s --whole-lines "$tmp/trad" | cksum)"
  rm -f "$tmp/trad"
fi

# A line of invalid UTF-8 (encoded surrogates ED A0 80, three replacements each: 8 MiB;
# 1 in the sanitizer build): the engine kept one edit (24 bytes) per replaced sequence
# to map text positions back to the file, 270 MB here and minutes on 50 MiB; now an
# edit per 16 replacements close together, the rest found again when asked
# (engine.cpp, block::source_offset): under 120 MB. The offsets still count the file's bytes.
limit_kb=$((120 * 1024))
repeated "$tmp/surrogates" "$([ "$sanitized" == yes ] && echo 1 || echo 8)" eda080
surrogates=$(wc -c < "$tmp/surrogates")
measured "normalize --threads 1, a line of encoded surrogates" "$tmp/surrogates" "$(hex �)" "$zh" normalize --threads 1 --quiet
check "normalize: one U+FFFD per byte" "$surrogates" "$hits"
measured "count --threads 2, a line of encoded surrogates" "$tmp/surrogates" "$(hex "�	$surrogates	1")" \
  "$zh" count --threads 2 --quiet
check "count: one U+FFFD per byte" 1 "$hits"
check "segment --json: token i spans file bytes i..i+1 (first 3 and last)" \
  '{"word":"�","start":0,"end":1},{"word":"�","start":1,"end":2},{"word":"�","start":2,"end":3}'" $((surrogates - 1)) $surrogates" \
  "$(head -c $((3 << 10)) "$tmp/surrogates" | "$zh" segment --json --quiet | grep -o '{[^}]*}' | head -3 | paste -sd,) $("$zh" segment --json --threads 2 --quiet < "$tmp/surrogates" | tail -c 40 | grep -o '"start":[0-9]*,"end":[0-9]*' | tr -c '0-9\n' ' ' | awk '{print $1, $2}')"
limit_kb=$((200 * 1024))
rm -f "$tmp/surrogates"

# A line of overlong encodings (C0 80, two U+FFFD: the repaired text is 3 times the line;
# 24 MiB, 4 in the sanitizer build). The cut rules of the engine accept a cut after a
# byte that becomes U+FFFD whatever follows (engine.hpp, repaired_char_before), the
# repaired text is reserved at its size, a line's 16 MiB blocks are processed one at a
# time, and sentences normalizes a sentence of U+FFFD in pieces: at 2 threads under
# 200 MB (before: segment 266 MB here, 485 on 50 MiB; sentences 285, 520 on 50 MiB).
repeated "$tmp/overlong" "$([ "$sanitized" == yes ] && echo 4 || echo 24)" c080 0a
fffd=$(($(wc -c < "$tmp/overlong") - 1))
measured "segment --threads 2, a line of overlong C0 80" "$tmp/overlong" "$(hex �)" "$zh" segment --threads 2 --quiet
check "segment: one token per byte, one line" "$fffd $((5 * fffd - 1))" "$hits $bytes"
measured "sentences --threads 2, a line of overlong C0 80" "$tmp/overlong" "$(hex �)" "$zh" sentences --threads 2 --quiet
pieces=$(((fffd + (16 << 20) - 1) / (16 << 20)))  # the engine hands sentences a line in 16 MiB blocks
check "sentences: every U+FFFD, one sentence a 16 MiB piece" "$fffd $((3 * fffd + pieces))" "$hits $bytes"
# count --tokens ngram:2 holds the line whole (a bigram may hold U+FFFD) and dedup makes
# it one document: they read the invalid bytes as U+FFFD without a repaired copy of the
# line (block_options::repair_in_pieces; zhtext::for_each_repaired_char_ngram repairs
# 64 KiB at a time, dedup's shingles read U+FFFD themselves), and dedup adds a long line's
# pieces as the engine hands them over: count 32 MB, dedup 114 MB (its 72 MiB shingle text)
# at 2 threads (before: 216 and 290 MB here, 376 and 470 on 50 MiB). 2.5 CPU-s.
limit_kb=$((130 * 1024))
measured "count --tokens ngram:2 --threads 2, a line of overlong C0 80" /dev/null "$(hex "��	$((fffd - 1))	1")" \
  "$zh" count --tokens ngram:2 --threads 2 --quiet "$tmp/overlong"
check "count --tokens ngram:2: one row, every pair of U+FFFD" "1 $((6 + 1 + ${#fffd} + 3))" "$hits $bytes"
measured "dedup --threads 2, a line of overlong C0 80" /dev/null 0a "$zh" dedup --threads 2 --quiet "$tmp/overlong"
check "dedup: one document, no pair" 0 "$bytes"
limit_kb=$((200 * 1024))
rm -f "$tmp/overlong"

# dedup reading a line of overlong C0 80 from standard input (11 MiB; 2 in the sanitizer
# build): with no size known up front the index's shingle text (33 MiB of U+FFFD) grew
# by doubling, the old and the new copy held at once; it now grows in a mapping that
# mremap moves (detail/dedup/big_allocator.hpp, big_chars): under 80 MB at 2 threads
# (before: 111 MB here, 328 on 50 MiB; now 53 and 178). 0.4 CPU-s.
limit_kb=$((80 * 1024))
repeated "$tmp/overlong" "$([ "$sanitized" == yes ] && echo 2 || echo 11)" c080 0a
measured "dedup --threads 2, a line of overlong C0 80 on standard input" "$tmp/overlong" 0a "$zh" dedup --threads 2 --quiet
check "dedup (standard input): one document, no pair" 0 "$bytes"
limit_kb=$((200 * 1024))
rm -f "$tmp/overlong"


# Full mode cuts a long block a window of characters at a time (cutter::cut_whole): a
# line of 4 MiB of one letter (one token, the line) and one of 3 MiB of Han stay under
# 64 MB at 2 threads (before: the whole block's arrays, 40 bytes a character doubling,
# and 16 bytes a Latin piece: segment 443 MB, count 122 MB here; 3.5 GB on six 20 MiB
# lines of one letter). 0.3 CPU-s.
limit_kb=$((64 * 1024))
repeated "$tmp/letters" "$([ "$sanitized" == yes ] && echo 1 || echo 4)" 61 0a
measured "segment --mode full --threads 2, a line of one letter" "$tmp/letters" 0a \
  "$zh" segment --mode full --threads 2 --quiet
check "segment --mode full: the line is one token" "1 $(wc -c < "$tmp/letters")" "$hits $bytes"
phrase=中华人民共和国
reps=$([ "$sanitized" == yes ] && echo 20000 || echo 150000)  # 3 MiB (sanitizer: 0.4 MiB)
python3 -c 'import sys; open(sys.argv[1], "wb").write(sys.argv[2].encode() * int(sys.argv[3]) + b"\n")' \
  "$tmp/fullhan" "$phrase" "$reps"
measured "count --mode full --threads 2, a line of Han" /dev/null "$(hex "$phrase	$reps	1
")" "$zh" count --mode full --threads 2 --quiet "$tmp/fullhan"
check "count --mode full: the row of $phrase, once a repeat" 1 "$hits"
limit_kb=$((200 * 1024))
rm -f "$tmp/letters" "$tmp/fullhan"

finish
