#!/usr/bin/python3
"""Reference output of Python jieba (Debian's python3-jieba) for zhtext's
compatibility tests. Never used by the library; run by the tests at test time.

    /usr/bin/python3 jieba_reference.py INPUT [OPS]

INPUT is split at b"\\n" (a final empty piece after a trailing newline is not a
line) and each line decoded as UTF-8. OPS (optional) is a tab-separated list of
dictionary edits applied first, in order:

    userdict<TAB>PATH                      jieba.load_userdict(PATH), PATH relative to OPS
    add<TAB>WORD[<TAB>FREQ|-[<TAB>TAG]]    jieba.add_word(WORD, FREQ or None, TAG or None)
    del<TAB>WORD                           jieba.del_word(WORD)
    suggest<TAB>WORD<TAB>0|1               jieba.suggest_freq(WORD, tune)
    suggest_split<TAB>A|B|...<TAB>0|1      jieba.suggest_freq(("A", "B", ...), tune)
    # comment

Output, one line each: "R VALUE" per suggest op, then per input line four lines
"P ...", "N ...", "F ...", "S ..." (precise, precise without HMM, full, search) with
every token written as "x" + its UTF-8 bytes in hex (so empty tokens show as "x").
"""
import os
import sys

import jieba


def hexed(tokens):
    return " ".join("x" + t.encode("utf-8").hex() for t in tokens)


def apply_ops(path, out):
    base = os.path.dirname(os.path.abspath(path))
    with open(path, encoding="utf-8") as f:
        for raw in f.read().split("\n"):
            if not raw or raw.startswith("#"):
                continue
            op = raw.split("\t")
            if op[0] == "userdict":
                jieba.load_userdict(os.path.join(base, op[1]))
            elif op[0] == "add":
                freq = op[2] if len(op) > 2 and op[2] != "-" else None
                tag = op[3] if len(op) > 3 else None
                jieba.add_word(op[1], int(freq) if freq is not None else None, tag)
            elif op[0] == "del":
                jieba.del_word(op[1])
            elif op[0] == "suggest":
                out.append("R %d" % jieba.suggest_freq(op[1], op[2] == "1"))
            elif op[0] == "suggest_split":
                out.append("R %d" % jieba.suggest_freq(tuple(op[1].split("|")), op[2] == "1"))
            else:
                raise SystemExit("jieba_reference.py: unknown op %r" % op[0])


def input_lines(path):
    """The lines of INPUT: split at b"\\n", no final empty piece, decoded as UTF-8."""
    with open(path, "rb") as f:
        pieces = f.read().split(b"\n")
    if pieces and pieces[-1] == b"":
        pieces.pop()
    return [piece.decode("utf-8") for piece in pieces]


def main():
    jieba.setLogLevel(60)
    jieba.initialize()
    out = []
    if len(sys.argv) > 2:
        apply_ops(sys.argv[2], out)
    for line in input_lines(sys.argv[1]):
        out.append("P " + hexed(jieba.cut(line, HMM=True)))
        out.append("N " + hexed(jieba.cut(line, HMM=False)))
        out.append("F " + hexed(jieba.cut(line, cut_all=True)))
        out.append("S " + hexed(jieba.cut_for_search(line, HMM=True)))
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
