#!/usr/bin/env bash
# encodings_test.sh - inputs and data files that are not UTF-8 (issue 14, defect 8): a
# GB18030/GBK file (made here with iconv from text written for the test) or a UTF-16
# file is recognised from its first bytes (cli::detect_encoding) and reported with the
# fix (iconv -f ... -t UTF-8), exit 1, nothing of it written; other inputs are still
# processed (with --on-invalid error the run stops there). A UTF-8 BOM at the start of
# an input or data file is dropped (zhtext::without_utf8_bom), one rule everywhere.
. "$(dirname "$0")/lib.sh"
cd "$tmp" || exit 1
printf '社区居民今天参加了新闻发布会。\n本报记者报道，街道举办了文化活动，居民很高兴。\n' > utf8.txt
iconv -f UTF-8 -t GB18030 utf8.txt > gbk.txt
iconv -f UTF-8 -t UTF-16 utf8.txt > utf16.txt        # with a BOM
printf 'News 2024: ' | cat - utf8.txt | iconv -f UTF-8 -t UTF-16LE > utf16le.txt   # no BOM, Latin first
printf 'News 2024: ' | cat - utf8.txt | iconv -f UTF-8 -t UTF-16BE > utf16be.txt
printf '\xEF\xBB\xBF' | cat - utf8.txt > bom.txt
check "the GB18030 file is really not UTF-8" "1" "$("$zh" validate gbk.txt > /dev/null; echo $?)"
# validate names the encoding and the fix, as every other command does (on stdout: its report).
"$zh" validate gbk.txt > out 2> err; rc=$?
check "validate GB18030 file: exit 1, the encoding and the fix" \
  "1 gbk.txt is GB18030 (GBK) or another legacy Chinese encoding text, not UTF-8 (its bytes are Chinese in GB18030, not UTF-8); convert it first: iconv -f GB18030 -t UTF-8 gbk.txt > gbk.txt.utf8" \
  "$rc $(cat out)"
"$zh" validate utf8.txt utf16.txt utf16le.txt < /dev/null > out 2> err; rc=$?
check "validate UTF-16 with and without BOM among good files: exit 1, one line each" \
  "1 utf8.txt: OK|utf16.txt is UTF-16LE text, not UTF-8 (it starts with a byte-order mark); convert it first: iconv -f UTF-16 -t UTF-8 utf16.txt > utf16.txt.utf8|utf16le.txt is UTF-16LE text, not UTF-8 (NUL bytes between its letters); convert it first: iconv -f UTF-16LE -t UTF-8 utf16le.txt > utf16le.txt.utf8" \
  "$rc $(paste -sd'|' out)"
check "validate UTF-32 on standard input: the fix reads from INPUT" "1 1" \
  "$(iconv -f UTF-8 -t UTF-32 utf8.txt | "$zh" validate > out; echo $?) $(grep -c '^<stdin> is UTF-32LE text.*iconv -f UTF-32 -t UTF-8 < INPUT' out)"

fix_gbk="iconv -f GB18030 -t UTF-8 gbk.txt > gbk.txt.utf8"
for cmd in segment pos count keywords normalize sentences entities discover; do
  "$zh" $cmd gbk.txt > out 2> err; rc=$?
  check "$cmd GB18030 file: exit 1, nothing written" "1 0" "$rc $(wc -c < out)"
  check "$cmd GB18030 file: says what it is and how to convert it" \
    "zhtext $cmd: gbk.txt is GB18030 (GBK) or another legacy Chinese encoding text, not UTF-8 (its bytes are Chinese in GB18030, not UTF-8); convert it first: $fix_gbk" \
    "$(cat err)"
done
"$zh" match --patterns <(echo 居民) gbk.txt > out 2> err; rc=$?
check "match GB18030 file: exit 1, the fix" "1 0 1" "$rc $(wc -c < out) $(grep -c "$fix_gbk" err)"

# The other inputs are processed; with --on-invalid error the run stops at it.
"$zh" segment utf8.txt gbk.txt utf8.txt > out 2> err; rc=$?
check "segment good, GB18030, good: exit 1, both good files cut" "1 $("$zh" segment utf8.txt utf8.txt)" "$rc $(cat out)"
"$zh" segment --on-invalid error utf8.txt gbk.txt utf8.txt > out 2> err; rc=$?
check "--on-invalid error: the run stops at it" "1 $("$zh" segment utf8.txt)" "$rc $(cat out)"
check "--on-invalid error: the same message" "1" "$(grep -c "gbk.txt is GB18030.*$fix_gbk" err)"
"$zh" count --on-invalid skip < gbk.txt > out 2> err; rc=$?
check "standard input: exit 1, the fix reads from INPUT" \
  "1 0 zhtext count: <stdin> is GB18030 (GBK) or another legacy Chinese encoding text, not UTF-8 (its bytes are Chinese in GB18030, not UTF-8); convert it first: iconv -f GB18030 -t UTF-8 < INPUT | zhtext ..." \
  "$rc $(wc -c < out) $(cat err)"
cat gbk.txt | "$zh" count --on-invalid error > out 2> err; rc=$?
check "piped, --on-invalid error (pre-pass): the same" "1 0 1" "$rc $(wc -c < out) $(grep -c 'iconv -f GB18030' err)"
# The converted file is the text again.
iconv -f GB18030 -t UTF-8 gbk.txt > gbk.txt.utf8
check "the fix works" "$("$zh" segment utf8.txt)" "$("$zh" segment gbk.txt.utf8)"

# UTF-16 and UTF-32, with and without a byte-order mark.
"$zh" segment utf16.txt > out 2> err; rc=$?
check "UTF-16 with BOM FF FE: exit 1" \
  "1 0 zhtext segment: utf16.txt is UTF-16LE text, not UTF-8 (it starts with a byte-order mark); convert it first: iconv -f UTF-16 -t UTF-8 utf16.txt > utf16.txt.utf8" \
  "$rc $(wc -c < out) $(cat err)"
"$zh" segment utf16le.txt 2> err > /dev/null; rc=$?
check "UTF-16LE without BOM (NUL-interleaved)" \
  "1 zhtext segment: utf16le.txt is UTF-16LE text, not UTF-8 (NUL bytes between its letters); convert it first: iconv -f UTF-16LE -t UTF-8 utf16le.txt > utf16le.txt.utf8" \
  "$rc $(cat err)"
"$zh" count --on-invalid error utf16be.txt 2> err > /dev/null; rc=$?
check "UTF-16BE without BOM, --on-invalid error" "1 1" "$rc $(grep -c 'UTF-16BE text.*iconv -f UTF-16BE -t UTF-8' err)"
iconv -f UTF-8 -t UTF-16BE utf8.txt | cat <(printf '\xFE\xFF') - > u16be_bom.txt
iconv -f UTF-8 -t UTF-32 utf8.txt > utf32.txt
"$zh" segment u16be_bom.txt utf32.txt 2> err > /dev/null; rc=$?
check "UTF-16BE and UTF-32 with BOMs" "1 1 1" "$rc $(grep -c 'u16be_bom.txt is UTF-16BE.*iconv -f UTF-16 -t UTF-8' err) $(grep -c 'utf32.txt is UTF-32LE.*iconv -f UTF-32 -t UTF-8' err)"

# UTF-16 without a byte-order mark and without Latin letters (no NUL bytes to see): the
# byte pairs are Chinese characters; and Big5 (made with iconv from traditional text).
for e in UTF-16LE UTF-16BE; do
  iconv -f UTF-8 -t $e utf8.txt > cjk_$e.txt
  for cmd in segment count normalize; do
    "$zh" $cmd cjk_$e.txt > out 2> err; rc=$?
    check "$cmd $e Chinese text without BOM: exit 1, nothing written, the fix" \
      "1 0 zhtext $cmd: cjk_$e.txt is $e text, not UTF-8 (its byte pairs are Chinese characters in UTF-16); convert it first: iconv -f $e -t UTF-8 cjk_$e.txt > cjk_$e.txt.utf8" \
      "$rc $(wc -c < out) $(cat err)"
  done
done
for _ in $(seq 100); do cat utf8.txt; done | iconv -f UTF-8 -t UTF-16LE > rep16.txt   # 40 distinct characters
check "UTF-16LE Chinese text without BOM, a line repeated: recognised" "1 1" \
  "$("$zh" count rep16.txt > /dev/null 2> err; echo $?) $(grep -c 'rep16.txt is UTF-16LE text.*iconv -f UTF-16LE' err)"
printf '社區居民今天參加了新聞發佈會。\n本報記者報導，這個街道舉辦了文化活動，他們說居民很高興。\n' > trad.txt
iconv -f UTF-8 -t BIG5 trad.txt > big5.txt; printf '居民\n' > pat.txt
for cmd in segment match validate; do
  [ $cmd = match ] && set -- --patterns pat.txt || set --
  "$zh" $cmd "$@" big5.txt > out 2> err; rc=$?
  check "$cmd Big5 file: exit 1, the fix" "1 1" \
    "$rc $(cat out err | grep -c 'big5.txt is Big5 text, not UTF-8 (its bytes are Chinese in Big5, not UTF-8); convert it first: iconv -f BIG5 -t UTF-8 big5.txt > big5.txt.utf8')"
done
iconv -f BIG5 -t UTF-8 big5.txt > big5.txt.utf8
check "the Big5 fix works" "$("$zh" segment trad.txt)" "$("$zh" segment big5.txt.utf8)"
check "--stop-words Big5: exit 1" "1 1" "$("$zh" count --stop-words big5.txt utf8.txt > /dev/null 2> err; echo $?) $(grep -c 'stop-words: big5.txt is Big5' err)"
check "GB18030 is still GB18030, not Big5" "1" "$("$zh" validate gbk.txt | grep -c 'GB18030 (GBK)')"

# Not mistaken: Latin-1, a UTF-8 text with one stray bad byte, a NUL flood, plain ASCII.
printf 'caf\xe9 na\xefve r\xe9sum\xe9 \xe0 la carte\n' > latin1.txt
{ cat utf8.txt; printf '坏\xff字节\n'; } > stray.txt
head -c 5000 /dev/zero > nul.txt
printf 'caf\xe9 ab cd ef gh ij kl mn op qr st uv wx yz\n' > latin1b.txt   # ASCII pairs read as UTF-16 are Han
head -c 6000 /dev/zero | tr '\0' '\200' > cont.txt      # floods of one invalid sequence: one "Han" unit
{ printf 'a'; for _ in $(seq 3000); do printf '\x81\xcc'; done; } > comb.txt   # in UTF-16 (U+8080, U+81CC)
for f in latin1.txt latin1b.txt stray.txt nul.txt cont.txt comb.txt; do
  "$zh" segment "$f" > /dev/null 2> err; rc=$?
  check "$f is not taken for another encoding (exit 0, U+FFFD warnings only)" "0 0" "$rc $(grep -c iconv err)"
done

# A UTF-8 BOM at the start of an input is dropped: no invisible token, same output.
for cmd in segment count pos keywords; do
  check "$cmd: a BOM is not text" "$("$zh" $cmd utf8.txt)" "$("$zh" $cmd bom.txt)"
done
check "count: no U+FEFF token" "0" "$("$zh" count bom.txt | grep -c $'\xEF\xBB\xBF')"
check "standard input too" "$("$zh" count < utf8.txt)" "$("$zh" count < bom.txt)"
check "offsets stay those of the file (sentence 1 at byte 3)" "3" "$("$zh" sentences --format tsv bom.txt | head -n 1 | cut -f 3)"
check "only the first BOM of an input" "1" "$(printf '\xEF\xBB\xBF\xEF\xBB\xBF社区\n' | "$zh" count | grep -c $'^\xEF\xBB\xBF\t1\t1$')"

# Data files: the same detection (exit 1, the fix) and the same BOM rule.
printf '居民\n' | iconv -f UTF-8 -t GB18030 > sw_gbk.txt
printf '\xEF\xBB\xBF居民\n' > sw_bom.txt; printf '居民\n' > sw.txt
for args in "count --stop-words sw_gbk.txt" "keywords --stop-words sw_gbk.txt" "keywords --idf sw_gbk.txt" \
            "segment --dict sw_gbk.txt" "pos --user-dict sw_gbk.txt" "count --user-dict sw_gbk.txt" \
            "match --patterns sw_gbk.txt" "discover --dict sw_gbk.txt"; do
  opt=${args#* }; opt=${opt%% *}
  "$zh" $args utf8.txt > out 2> err; rc=$?
  check "$args: exit 1, nothing written, the fix" \
    "1 0 zhtext ${args%% *}: $opt: sw_gbk.txt is GB18030 (GBK) or another legacy Chinese encoding text, not UTF-8 (its bytes are Chinese in GB18030, not UTF-8); convert it first: iconv -f GB18030 -t UTF-8 sw_gbk.txt > sw_gbk.txt.utf8" \
    "$rc $(wc -c < out) $(cat err)"
done
iconv -f UTF-8 -t UTF-16 sw.txt > sw16.txt
"$zh" match --patterns sw16.txt utf8.txt > /dev/null 2> err; rc=$?
check "--patterns UTF-16: exit 1" "1 1" "$rc $(grep -c 'patterns: sw16.txt is UTF-16LE' err)"
check "keywords --stop-words: a BOM is dropped (居民 is a stop word)" \
  "$("$zh" keywords --stop-words sw.txt utf8.txt)" "$("$zh" keywords --stop-words sw_bom.txt utf8.txt)"
check "... so 居民 is left out" "0" "$("$zh" keywords --stop-words sw_bom.txt utf8.txt | grep -c 居民)"
check "count --stop-words: a BOM is dropped" "$("$zh" count --stop-words sw.txt utf8.txt)" "$("$zh" count --stop-words sw_bom.txt utf8.txt)"
check "match --patterns: a BOM is dropped" "$("$zh" match --patterns sw.txt utf8.txt)" "$("$zh" match --patterns sw_bom.txt utf8.txt)"
check "discover --dict: a BOM is dropped" "$("$zh" discover --min-count 1 --dict sw.txt utf8.txt)" "$("$zh" discover --min-count 1 --dict sw_bom.txt utf8.txt)"
printf '居民 20\n社区 1\n新闻 2\n' > idf.txt; printf '\xEF\xBB\xBF' | cat - idf.txt > idf_bom.txt
check "keywords --idf: a BOM is dropped (居民 keeps its weight 20)" \
  "$("$zh" keywords --with-weight --idf idf.txt utf8.txt)" "$("$zh" keywords --with-weight --idf idf_bom.txt utf8.txt)"
check "... so 居民 ranks first" "居民" "$("$zh" keywords --top 1 --idf idf_bom.txt utf8.txt)"
printf '\xEF\xBB\xBF社区\n' > sw2_bom.txt
check "keywords --idf and --stop-words both with a BOM: 居民 first, 社区 left out" "居民 0" \
  "$("$zh" keywords --top 1 --idf idf_bom.txt --stop-words sw2_bom.txt utf8.txt) $("$zh" keywords --top 0 --idf idf_bom.txt --stop-words sw2_bom.txt utf8.txt | grep -c 社区)"
printf '居民高兴 5\n' > ud.txt; printf '\xEF\xBB\xBF' | cat - ud.txt > ud_bom.txt
check "--user-dict: a BOM is dropped" "$("$zh" segment --user-dict ud.txt utf8.txt)" "$("$zh" segment --user-dict ud_bom.txt utf8.txt)"

finish
