#!/usr/bin/env bash
# output_files_test.sh - files the program writes besides stdout (`--svg FILE` of count
# and keywords, through cli::check_output_file) can never destroy a user's file
# (issue 14, defect 1: `count --svg m3.txt` once read stdin and replaced the news file
# m3.txt with an empty chart, exit 0). A name not ending in .svg, an existing file that
# is not an SVG, a directory or an input named as the chart: exit 2, nothing read or
# written. Reading the text from a terminal gives a warning.
. "$(dirname "$0")/lib.sh"
news=$src/examples/data/sample_news.txt
cp "$news" "$tmp/m3.txt"
printf '<p>notes, not a chart</p>\n' > "$tmp/notes.svg"

for cmd in count keywords; do
  echo 社区新闻 | "$zh" $cmd --svg "$tmp/m3.txt" > "$tmp/out" 2> "$tmp/err"; rc=$?
  check "$cmd --svg m3.txt: exit 2" "2" "$rc"
  check "$cmd --svg m3.txt: the news file is untouched" "" "$(cmp "$news" "$tmp/m3.txt" 2>&1)"
  check "$cmd --svg m3.txt: nothing on stdout" "" "$(cat "$tmp/out")"
  check "$cmd --svg m3.txt: says why" \
    "zhtext $cmd: --svg FILE must end in .svg, not '$tmp/m3.txt' (was the file name forgotten?); nothing was read or written" \
    "$(cat "$tmp/err")"
  # The forgotten name followed by inputs: the first input is not taken as the chart.
  "$zh" $cmd --svg "$tmp/m3.txt" "$news" > /dev/null 2>&1; rc=$?
  check "$cmd --svg m3.txt FILE: exit 2, m3.txt untouched" "2 " "$rc $(cmp "$news" "$tmp/m3.txt" 2>&1)"

  echo 社区 | "$zh" $cmd --svg "$tmp/notes.svg" > "$tmp/out" 2> "$tmp/err"; rc=$?
  check "$cmd: an existing .svg that is not an SVG: exit 2, kept" "2 <p>notes, not a chart</p>" "$rc $(cat "$tmp/notes.svg")"
  check "$cmd: ... and says so" "zhtext $cmd: refusing to replace '$tmp/notes.svg': it is not an SVG file; nothing was read or written" "$(cat "$tmp/err")"

  mkdir -p "$tmp/dir.svg"
  echo 社区 | "$zh" $cmd --svg "$tmp/dir.svg" > /dev/null 2> "$tmp/err"; rc=$?
  check "$cmd: a directory named .svg: exit 2" "2 zhtext $cmd: refusing to replace '$tmp/dir.svg': not a regular file" "$rc $(cat "$tmp/err")"

  # A chart is replaced by a chart (the previous run's output); .SVG in capitals too.
  echo 社区 | "$zh" $cmd --svg "$tmp/$cmd.svg" > /dev/null; rc1=$?
  echo 新闻 | "$zh" $cmd --svg "$tmp/$cmd.svg" > /dev/null; rc2=$?
  check "$cmd: an SVG is replaced by the new chart" "0 0 1" "$rc1 $rc2 $(grep -c 新闻 "$tmp/$cmd.svg")"
  echo 社区 | "$zh" $cmd --svg "$tmp/$cmd.SVG" > /dev/null; rc=$?
  check "$cmd: .SVG accepted" "0 1" "$rc $(grep -c '<svg' "$tmp/$cmd.SVG")"
  # An SVG written by someone else, with comments and a DOCTYPE before <svg>.
  printf '\xEF\xBB\xBF<?xml version="1.0"?>\n<!-- drawn by hand -->\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x">\n<svg xmlns="http://www.w3.org/2000/svg"/>\n' > "$tmp/hand.svg"
  echo 社区 | "$zh" $cmd --svg "$tmp/hand.svg" > /dev/null; rc=$?
  check "$cmd: an SVG with BOM, declaration, comment, DOCTYPE is an SVG" "0 1" "$rc $(grep -c 社区 "$tmp/hand.svg")"

  # The chart named as an input too: refused, even though it is an SVG.
  "$zh" $cmd --svg "$tmp/$cmd.svg" "$tmp/$cmd.svg" > /dev/null 2> "$tmp/err"; rc=$?
  check "$cmd: the chart is also an input: exit 2" "2 zhtext $cmd: --svg '$tmp/$cmd.svg' is also an input; nothing was read or written" "$rc $(cat "$tmp/err")"
done

# An HTML page holding an inline <svg> is not an SVG file.
printf '<!DOCTYPE html>\n<html><body><svg></svg></body></html>\n' > "$tmp/page.svg"
echo 社区 | "$zh" count --svg "$tmp/page.svg" > /dev/null 2>&1; rc=$?
check "HTML with an inline <svg>: exit 2, kept" "2 1" "$rc $(grep -c '<html>' "$tmp/page.svg")"

# Standard input from a terminal: a warning (the forgotten name once made count wait
# for the terminal silently). A pseudo-terminal types a line and Ctrl-D.
warn=$(python3 - "$zh" "$tmp/tty.svg" <<'PY'
import os, pty, subprocess, sys
master, slave = pty.openpty()
p = subprocess.Popen([sys.argv[1], "count", "--svg", sys.argv[2]], stdin=slave,
                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
os.close(slave)
os.write(master, "社区\n".encode() + b"\x04")
out, err = p.communicate(timeout=30)
print(p.returncode, out.decode().strip(), err.decode().strip())
PY
)
check "stdin a terminal: counted, with a warning" \
  "0 社区	1	1 zhtext count: warning: reading the text from the terminal (end it with Ctrl-D; name a FILE to read a file)" "$warn"
python3 - "$zh" <<'PY' > "$tmp/quiet"
import os, pty, subprocess, sys
master, slave = pty.openpty()
p = subprocess.Popen([sys.argv[1], "segment", "--quiet"], stdin=slave, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
os.close(slave)
os.write(master, b"\x04")
out, err = p.communicate(timeout=30)
print(p.returncode, repr(err.decode()))
PY
check "--quiet: no warning" "0 ''" "$(cat "$tmp/quiet")"

finish
