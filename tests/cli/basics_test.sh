#!/usr/bin/env bash
# basics_test.sh - the `zhtext` program's foundation subcommands: validate, normalize,
# sentences; help, exit codes, stdin and files, errors.
. "$(dirname "$0")/lib.sh"

# validate
check "validate OK on stdin" "OK" "$(printf '社区新闻\n' | "$zh" validate)"
printf 'ab\n\xe4\xb8\xad\xe4\xb8' > "$tmp/trunc.txt"
out=$("$zh" validate "$tmp/trunc.txt"); rc=$?
check "validate truncated: message" "invalid UTF-8 at byte 6 (line 2): truncated sequence" "$out"
check "validate truncated: exit 1" "1" "$rc"
printf '\xed\xa0\x80' > "$tmp/surrogate.txt"
check "validate surrogate" "invalid UTF-8 at byte 0 (line 1): encoded surrogate" "$("$zh" validate < "$tmp/surrogate.txt")"
printf 'ok' > "$tmp/ok.txt"
out=$("$zh" validate "$tmp/ok.txt" "$tmp/surrogate.txt"); rc=$?
check "validate several files" "$tmp/ok.txt: OK
$tmp/surrogate.txt: invalid UTF-8 at byte 0 (line 1): encoded surrogate" "$out"
check "validate several files: exit 1" "1" "$rc"
# A character that straddles the 1 MiB read block is still valid; an error after it
# is reported at its stream offset.
{ head -c 1048575 /dev/zero | tr '\0' 'a'; printf '\xe4\xb8\xad\n\xc0'; } > "$tmp/big.txt"
check "validate across blocks" "invalid UTF-8 at byte 1048579 (line 2): overlong encoding" "$("$zh" validate "$tmp/big.txt")"
check "validate empty input" "OK" "$("$zh" validate < /dev/null)"
# --json (and --format jsonl): one object per input, the fields of the text output;
# the text output of the same inputs is unchanged (above).
out=$("$zh" validate --json "$tmp/ok.txt" "$tmp/trunc.txt"); rc=$?
check "validate --json: one object per input" "{\"file\":\"$tmp/ok.txt\",\"ok\":true}
{\"file\":\"$tmp/trunc.txt\",\"ok\":false,\"byte\":6,\"line\":2,\"error\":\"truncated sequence\"}" "$out"
check "validate --json: exit 1" "1" "$rc"
check "validate --format jsonl, stdin" '{"file":"<stdin>","ok":false,"byte":0,"line":1,"error":"encoded surrogate"}' \
  "$("$zh" validate --format jsonl < "$tmp/surrogate.txt")"
printf '\xff\xfea\x00b\x00' > "$tmp/utf16.txt"
check "validate --json, another encoding: the message as the error" \
  "false;$("$zh" validate "$tmp/utf16.txt")" \
  "$("$zh" validate --json "$tmp/utf16.txt" | python3 -c 'import json, sys; o = json.load(sys.stdin); print(str(o["ok"]).lower() + ";" + o["error"])')"
"$zh" validate "$tmp/missing.txt" > /dev/null 2> "$tmp/err"; rc=$?
check "missing file: exit 3" "3" "$rc"
check "missing file: one line on stderr" "zhtext validate: cannot open '$tmp/missing.txt': No such file or directory" "$(cat "$tmp/err")"

# normalize
check "normalize joins wraps, cleans" "群众核酸检测工作。

第二段 有空格" "$(printf '  群众核酸检\r\n测工作。\r\n\r\n\r\n第二段   有空格  \n' | "$zh" normalize)"
check "normalize --cjk-punct --fold-width" "我们，ABC你们（甲）" "$(printf '我们,ＡＢＣ你们(甲)' | "$zh" normalize --cjk-punct --fold-width)"
check "normalize --no-join" "核酸检
测" "$(printf '核酸检\n测' | "$zh" normalize --no-join)"
check "normalize replaces invalid UTF-8" "a�b" "$(printf 'a\xffb' | "$zh" normalize)"
# Paragraph blocks larger than the 1 MiB read buffer keep their blank lines.
python3 - "$tmp/paras.txt" <<'PY'
import sys
with open(sys.argv[1], 'w') as f:
    for i in range(30000):
        f.write(f"第{i}段文字，这是一段测试文字。\n\n")
PY
# 30000 paragraphs and the 29999 blank lines between them (the last blank line goes).
check "normalize keeps paragraphs across read blocks" "59999 30000" "$("$zh" normalize "$tmp/paras.txt" | wc -l) $("$zh" normalize "$tmp/paras.txt" | grep -c .)"

# sentences
check "sentences one per line" "他说：“好！”
然后走了。
群众核酸检测工作。" "$(printf '他说：“好！”然后走了。\n群众核酸检\n测工作。' | "$zh" sentences)"
check "sentences --offsets" "0	12	甲乙丙。
13	6	丁戊" "$(printf '甲乙丙。\n丁戊' | "$zh" sentences --offsets)"
check "sentences --semicolon" "甲；
乙。" "$(printf '甲；乙。' | "$zh" sentences --semicolon)"
check "sentences --line-breaks always" "核酸检
测" "$(printf '核酸检\n测' | "$zh" sentences --line-breaks always)"
"$zh" sentences --line-breaks sometimes < /dev/null 2> "$tmp/err"; rc=$?
check "bad option value: exit 2" "2" "$rc"

# help and usage errors
for cmd in validate normalize sentences; do
  out=$("$zh" "$cmd" --help); rc=$?
  check "$cmd --help exit 0" "0" "$rc"
  case "$out" in "usage: zhtext $cmd"*) check "$cmd --help usage line" "yes" "yes" ;; *) check "$cmd --help usage line" "usage: zhtext $cmd..." "$out" ;; esac
done
"$zh" validate --frobnicate < /dev/null 2> "$tmp/err"; rc=$?
check "unknown option: exit 2" "2" "$rc"
check "unknown option: message" "zhtext validate: unknown option '--frobnicate' (see 'zhtext validate --help')" "$(cat "$tmp/err")"
"$zh" frobnicate 2> /dev/null; rc=$?
check "unknown command: exit 2" "2" "$rc"
"$zh" --help > /dev/null; rc=$?
check "zhtext --help exit 0" "0" "$rc"

finish
