#!/usr/bin/env bash
# count_svg_test.sh - `zhtext count --svg FILE`: a well-formed SVG whose texts are the
# title (naming the tokens and the source), then label and value of each of the top
# tokens in the table's order; it renders with rsvg-convert to a non-blank PNG.
. "$(dirname "$0")/lib.sh"
texts() {  # texts SVG: the text of each <text> element, one per line (fails on malformed XML)
  python3 -c '
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
print("\n".join("".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")))' "$1"
}
news=$src/examples/data/sample_news.txt

"$zh" count --svg "$tmp/words.svg" "$news" > "$tmp/table"; rc=$?
check "exit 0" "0" "$rc"
check "stdout is still the table" "$("$zh" count "$news")" "$(cat "$tmp/table")"
want=$(printf 'Top 20 words in %s (zhtext count)\n' "$news"; head -n 20 "$tmp/table" | awk -F'\t' '{print $1; print $2}')
check "title, then label and count of the top 20 words in order" "$want" "$(texts "$tmp/words.svg")"
check "20 bars" "20" "$(grep -c '<rect x=' "$tmp/words.svg")"

"$zh" count --tokens ngram:2 --han-only --svg "$tmp/bigrams.svg" --svg-bars 5 --top 3 "$news" "$news" > /dev/null
want=$(printf 'Top 3 character 2-grams in %s and 1 more input (zhtext count)\n' "$news"
       "$zh" count --tokens ngram:2 --han-only --top 3 "$news" "$news" | awk -F'\t' '{print $1; print $2}')
check "--svg-bars 5 --top 3: three bars, n-grams, two inputs named" "$want" "$(texts "$tmp/bigrams.svg")"
"$zh" count --tokens chars --svg "$tmp/stdin.svg" --svg-bars 1 < "$news" > /dev/null
check "standard input, one character" "Top 1 character in standard input (zhtext count)" "$(texts "$tmp/stdin.svg" | sed -n 1p)"
"$zh" count --svg "$tmp/empty.svg" < /dev/null > /dev/null
check "empty input: a chart that says so" "Top 0 words in standard input (zhtext count)
(no data)" "$(texts "$tmp/empty.svg")"
printf 'A&B <c> "d"\n' | "$zh" count --tokens ngram:3 --svg "$tmp/escaped.svg" > /dev/null
check "labels are escaped (parsed back intact)" "\"d\"
<c>
A&B" "$(texts "$tmp/escaped.svg" | sed -n '2p;4p;6p')"

# Renders to a non-blank PNG (Debian: librsvg2-bin, fonts-noto-cjk).
if ! command -v rsvg-convert > /dev/null; then
  echo "FAIL rsvg-convert not found (install librsvg2-bin)"; fails=$((fails + 1))
else
  log=$(rsvg-convert -o "$tmp/words.png" "$tmp/words.svg" 2>&1); rc=$?
  check "rsvg-convert: exit 0, no messages" "0 " "$rc $log"
  read -r w h mean sd dark < <(python3 "$src/tests/cli/png_stats.py" "$tmp/words.png")
  check "PNG as wide as the SVG" "$(grep -o 'width="[0-9]*"' "$tmp/words.svg" | head -n 1 | tr -dc 0-9)" "$w"
  check "PNG not blank (stddev > 20, > 1000 dark pixels)" "1 1" \
    "$(python3 -c "print(int($sd > 20), int($dark > 1000))")"
fi

finish
