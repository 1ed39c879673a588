#!/usr/bin/python3
"""Reference output of Python jieba.analyse (Debian's python3-jieba) for zhtext's
keyword tests. Never used by the library; run by the tests at test time.

    /usr/bin/python3 keywords_reference.py METHOD INPUT [options]

METHOD is tfidf (jieba.analyse.extract_tags) or textrank (jieba.analyse.textrank).
INPUT is read as bytes and cut into documents: the whole file (default), or with
--lines N blocks of N lines (a line ends after b"\\n"); each document is decoded as
UTF-8. With --tagged, INPUT holds pre-cut words instead: one document per line,
words separated by spaces, each word "HEXWORD/FLAG" (the word's UTF-8 bytes in hex);
the methods then rank these words (jieba's tokenizers are replaced), which tests the
ranking rules apart from segmentation and tagging.

Options: --top K (topK, default 20; 0 = all), --allow-pos a,b,... (allowPOS;
for textrank the default is jieba's ns,n,vn,v; "-" = the empty tuple),
--idf PATH (set_idf_path), --stop-words PATH (set_stop_words).

Output: per document a line "D" followed by one line per keyword,
"HEXWORD WEIGHT" with WEIGHT as repr(float) (round-trips exactly).

    /usr/bin/python3 keywords_reference.py --jobs FILE

runs many such commands in one process (jieba loads once): FILE holds one command
line per line, arguments separated by tabs; the output of each is preceded by "J".
"""
import argparse
import re
import sys

import jieba
import jieba.analyse
import jieba.posseg


class FakeTokenizer:
    """Yields prepared words (posseg pairs, or plain strings) in place of a cutter."""

    def __init__(self):
        self.words = []

    def cut(self, sentence, *args, **kwargs):
        return iter(self.words)


_extractors = {}


def extractors(idf, stop_words):
    """TFIDF and TextRank objects configured once per (idf, stop words)."""
    key = (idf, stop_words)
    if key not in _extractors:
        tfidf = jieba.analyse.TFIDF()
        textrank = jieba.analyse.TextRank()
        if idf:
            tfidf.set_idf_path(idf)
        if stop_words:
            tfidf.set_stop_words(stop_words)
            textrank.set_stop_words(stop_words)
        _extractors[key] = (tfidf, textrank)
    return _extractors[key]


def run(argv, out):
    ap = argparse.ArgumentParser()
    ap.add_argument("method", choices=["tfidf", "textrank"])
    ap.add_argument("input")
    ap.add_argument("--lines", type=int, default=0)
    ap.add_argument("--top", type=int, default=20)
    ap.add_argument("--allow-pos", default=None)
    ap.add_argument("--idf")
    ap.add_argument("--stop-words")
    ap.add_argument("--tagged", action="store_true")
    a = ap.parse_args(argv)
    tfidf, textrank = extractors(a.idf, a.stop_words)
    saved = (tfidf.tokenizer, tfidf.postokenizer, textrank.tokenizer, textrank.postokenizer)
    if a.allow_pos is None:
        allow = () if a.method == "tfidf" else ("ns", "n", "vn", "v")
    elif a.allow_pos == "-":
        allow = ()
    else:
        allow = tuple(a.allow_pos.split(","))

    with open(a.input, "rb") as f:
        data = f.read()
    if a.tagged:
        fake = FakeTokenizer()
        tfidf.tokenizer = tfidf.postokenizer = fake
        textrank.tokenizer = textrank.postokenizer = fake
        docs = []
        for line in data.split(b"\n"):
            if not line:
                continue
            words = []
            for item in line.decode("ascii").split(" "):
                hexword, flag = item.split("/", 1)
                words.append(jieba.posseg.pair(bytes.fromhex(hexword).decode("utf-8"), flag))
            docs.append(words)
    elif a.lines > 0:
        lines = re.findall(b"[^\n]*\n|[^\n]+$", data)
        docs = [b"".join(lines[i:i + a.lines]).decode("utf-8") for i in range(0, len(lines), a.lines)]
    else:
        docs = [data.decode("utf-8")]

    for doc in docs:
        if a.tagged:
            # jieba.cut yields plain strings, posseg.cut pairs: give each what it expects.
            fake.words = doc if (allow or a.method == "textrank") else [w.word for w in doc]
            doc = ""
        if a.method == "tfidf":
            tags = tfidf.extract_tags(doc, topK=a.top, withWeight=True, allowPOS=allow)
        else:
            tags = textrank.textrank(doc, topK=a.top, withWeight=True, allowPOS=allow)
        out.append("D")
        for word, weight in tags:
            out.append("%s %r" % (word.encode("utf-8").hex(), weight))
    tfidf.tokenizer, tfidf.postokenizer, textrank.tokenizer, textrank.postokenizer = saved


def main():
    jieba.setLogLevel(60)
    jieba.initialize()
    out = []
    if len(sys.argv) == 3 and sys.argv[1] == "--jobs":
        with open(sys.argv[2], encoding="utf-8") as f:
            for line in f.read().split("\n"):
                if line:
                    out.append("J")
                    run(line.split("\t"), out)
    else:
        run(sys.argv[1:], out)
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
