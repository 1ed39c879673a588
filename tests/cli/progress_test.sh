#!/usr/bin/env bash
# progress_test.sh - the progress line: drawn on stderr when it is a terminal and
# the work is large (here > 8 MiB known up front, or running > 1 s), redrawn with \r,
# cleared at the end; never when stderr is piped or with --quiet; stdout untouched.
# The terminal is a pseudo-terminal from script(1) (util-linux/bsdutils).
. "$(dirname "$0")/lib.sh"
command -v script > /dev/null || { echo "SKIP: script(1) not found (Debian bsdutils)"; exit 77; }
has() { grep -q -- "$2" "$1" && echo yes || echo no; }  # has FILE PATTERN
# in_pty CMD: runs CMD (a shell command line) with stdin, stdout and stderr on a
# pseudo-terminal; what the terminal showed is on stdout.
in_pty() { script -qec "$1" /dev/null < /dev/null; }

# 12 MB of lines (more than 8 MiB, known up front).
python3 -c "
import sys
line = ('社区党员志愿者为居民服务。' * 6 + '\n').encode()
with open(sys.argv[1], 'wb') as f:
    f.write(line * (12_000_000 // len(line)))
" "$tmp/big.txt"
size=$(wc -c < "$tmp/big.txt")

in_pty "'$zh' validate '$tmp/big.txt' > '$tmp/out'" > "$tmp/tty" 2>&1
check "pty: stdout is just the result" "OK" "$(cat "$tmp/out")"
check "pty: a progress line on stderr" "yes" "$(has "$tmp/tty" "zhtext validate: .* MB of 12.0 MB (.*%), .* MB/s")"
check "pty: it starts with \\r (redrawn in place)" "yes" "$(grep -q $'\rzhtext validate: ' "$tmp/tty" && echo yes || echo no)"
check "pty: ETA when the total is known" "yes" "$(has "$tmp/tty" "ETA [0-9]*:[0-9][0-9]:[0-9][0-9]")"
# Cleared at the end: the last thing on the terminal is \r, spaces, \r.
last=$(tail -c 200 "$tmp/tty" | tr -d '\n' | sed 's/.*\(\r *\r\)$/CLEARED/')
check "pty: cleared at the end" "CLEARED" "${last: -7}"
in_pty "'$zh' normalize --threads 2 '$tmp/big.txt' > '$tmp/out'" > "$tmp/tty" 2>&1
check "pty: normalize shows it too" "yes" "$(has "$tmp/tty" "zhtext normalize: .* MB/s")"
check "pty: normalize output unaffected" "$("$zh" normalize "$tmp/big.txt" | md5sum)" "$(md5sum < "$tmp/out")"

in_pty "'$zh' validate --quiet '$tmp/big.txt' > '$tmp/out'" > "$tmp/tty" 2>&1
check "pty --quiet: nothing on the terminal" "0" "$(wc -c < "$tmp/tty")"
printf '中文\n' > "$tmp/small.txt"
in_pty "'$zh' validate '$tmp/small.txt' > '$tmp/out'" > "$tmp/tty" 2>&1
check "pty, small quick input: no progress line" "0" "$(wc -c < "$tmp/tty")"

# Unknown total (a pipe) but running longer than a second: bytes and rate, no ETA.
in_pty "{ head -c 3000000 '$tmp/big.txt'; sleep 1.3; head -c 3000000 '$tmp/big.txt'; } | '$zh' validate > '$tmp/out'" > "$tmp/tty" 2>&1
check "pty, pipe running > 1 s: a progress line" "yes" "$(has "$tmp/tty" "zhtext validate: [0-9.]* MB, [0-9.]* MB/s")"
check "pty, pipe: no ETA without a total" "no" "$(has "$tmp/tty" "ETA")"
check "pty, pipe: result" "OK" "$(cat "$tmp/out")"

# Piped stderr: never.
"$zh" validate "$tmp/big.txt" 2> "$tmp/err" > /dev/null
check "stderr to a file: no progress line" "0" "$(wc -c < "$tmp/err")"
"$zh" normalize "$tmp/big.txt" 2>&1 > /dev/null | cat > "$tmp/err"
check "stderr to a pipe: no progress line" "0" "$(wc -c < "$tmp/err")"

# A warning in the middle of progress starts on a line of its own.
{ cat "$tmp/big.txt"; printf '\xff\n'; } > "$tmp/bad.txt"
in_pty "'$zh' normalize '$tmp/bad.txt' > /dev/null" > "$tmp/tty" 2>&1
check "pty: the warning is on its own line" "yes" "$(tr '\r' '\n' < "$tmp/tty" | grep -q "^ *zhtext normalize: warning: $tmp/bad.txt:[0-9]*:$size: invalid UTF-8 (invalid byte), replaced with U+FFFD" && echo yes || echo no)"

finish
