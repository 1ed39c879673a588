"""zhtext.jieba equals Python jieba 0.42.1 on every line of the news corpus (and its
articles, for keywords), for every function, before and after dictionary edits."""
import sys
import tempfile

import jieba_compat as C

lines, paths = C.corpus_lines()
documents = []
for p in paths:
    with open(p, encoding="utf-8") as f:
        documents.append(f.read())
with tempfile.TemporaryDirectory() as tmp:
    rep = C.compare_everything(lines, documents + lines[::7], tmp)
sys.exit(rep.finish("news corpus (%d lines, %d articles)" % (len(lines), len(documents))))
