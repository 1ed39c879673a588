#!/usr/bin/python3
"""Python jieba.analyse on the documents keywords_bench measures, for the ratio.

    /usr/bin/python3 keywords_bench.py CORPUS_DIR MIN_BYTES TEXTRANK_FRACTION

Documents: the corpus articles (*.txt, sorted by name) repeated until they hold at
least MIN_BYTES bytes - exactly the list keywords_bench builds. Prints one line per
task, "NAME BYTES SECONDS" (one run each; jieba is too slow for best-of-n at this
size): jieba.lcut per document, extract_tags(topK=20) per document, and posseg.lcut
and textrank(topK=20) per document on the first TEXTRANK_FRACTION of the documents.
"""
import glob
import logging
import sys
import time

import jieba
import jieba.analyse
import jieba.posseg

jieba.setLogLevel(logging.ERROR)
jieba.initialize()
articles = [open(p, "rb").read() for p in sorted(glob.glob(sys.argv[1] + "/*.txt"))]
docs, size = [], 0
while size < int(sys.argv[2]):
    for a in articles:
        docs.append(a.decode("utf-8"))
        size += len(a)
nbytes = sum(len(d.encode("utf-8")) for d in docs)
jieba.analyse.extract_tags("预热")  # load idf.txt outside the timing
jieba.analyse.textrank("预热")


def timed(name, docs, f):
    t0 = time.perf_counter()
    for d in docs:
        f(d)
    print(name, sum(len(d.encode("utf-8")) for d in docs), time.perf_counter() - t0, flush=True)


timed("segment", docs, jieba.lcut)
timed("tfidf", docs, lambda d: jieba.analyse.extract_tags(d, topK=20, withWeight=True))
part = docs[: max(1, int(len(docs) * float(sys.argv[3])))]
timed("pos", part, jieba.posseg.lcut)
timed("textrank", part, lambda d: jieba.analyse.textrank(d, topK=20, withWeight=True))
