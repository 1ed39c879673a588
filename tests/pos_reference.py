#!/usr/bin/python3
"""Reference output of Python jieba.posseg (Debian's python3-jieba) for zhtext's POS
tagging tests. Never used by the library; run by the tests at test time.

    /usr/bin/python3 pos_reference.py INPUT [OPS [DICT]]

INPUT is split at b"\\n" (a final empty piece after a trailing newline is not a line)
and each line decoded as UTF-8. OPS (optional, "-" for none) is an edit list in the
format of jieba_reference.py, applied to jieba.dt first (posseg sees it through
jieba.posseg.dt). DICT (optional, only with OPS "-"): a main dictionary; then a
fresh POSTokenizer(jieba.Tokenizer(DICT)) tags (its word tags are read from DICT).

Output: per input line two lines, "P ..." (posseg.cut(line, HMM=True)) and "N ..."
(HMM=False), every token written as "x" + hex(UTF-8 word) + "." + hex(UTF-8 tag).
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import jieba  # noqa: E402
import jieba.posseg  # noqa: E402
from jieba_reference import apply_ops, input_lines  # noqa: E402


def hexed(pairs):
    return " ".join("x%s.%s" % (w.encode("utf-8").hex(), f.encode("utf-8").hex()) for w, f in pairs)


def main():
    jieba.setLogLevel(60)
    if len(sys.argv) > 3:
        if sys.argv[2] != "-":
            raise SystemExit("pos_reference.py: edits apply to the default dictionary only")
        tagger = jieba.posseg.POSTokenizer(jieba.Tokenizer(sys.argv[3]))
    else:
        jieba.initialize()
        tagger = jieba.posseg.dt
    out = []
    if len(sys.argv) > 2 and sys.argv[2] != "-":
        apply_ops(sys.argv[2], out)
    for line in input_lines(sys.argv[1]):
        out.append("P " + hexed(tagger.cut(line, HMM=True)))
        out.append("N " + hexed(tagger.cut(line, HMM=False)))
    sys.stdout.write("\n".join(x for x in out if not x.startswith("R ")) + "\n")


if __name__ == "__main__":
    main()
