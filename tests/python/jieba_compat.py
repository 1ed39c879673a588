"""Shared by the zhtext.jieba compatibility tests: runs every function of jieba 0.42.1's
API on both Python jieba (Debian python3-jieba) and zhtext.jieba, line by line, and
reports every difference. Weights are compared with ==, so equal means equal to the bit.
"""

import os
import random
import sys
import time

import jieba as J
import jieba.analyse as JA
import jieba.posseg as JP

import zhtext.jieba as Z
import zhtext.jieba.analyse as ZA
import zhtext.jieba.posseg as ZP

J.setLogLevel(60)


def corpus_lines():
    """The news corpus's lines, or exit 77 (skip, loudly) when it is absent."""
    root = os.environ.get("ZHTEXT_CORPUS") or os.path.join(os.environ.get("ZHTEXT_SOURCE_DIR", "."), "..", "shared",
                                                             "corpus", "news")
    names = sorted(n for n in os.listdir(root) if n.endswith(".txt")) if os.path.isdir(root) else []
    if not names:
        print("*** SKIPPED: news corpus not found at %s (set ZHTEXT_CORPUS) ***" % root, file=sys.stderr)
        sys.exit(77)
    lines = []
    for n in names:
        with open(os.path.join(root, n), encoding="utf-8") as f:
            lines.extend(f.read().splitlines())
    return [l for l in lines if l.strip()], [os.path.join(root, n) for n in names]


def generated_lines(count=120, seed=17):
    """Text written for the tests: dictionary words, unknown Han runs, Latin, digits,
    decimals, percentages, mixed punctuation and white space, full-width forms."""
    rnd = random.Random(seed)
    words = []
    with open(os.path.join(Z._zhtext.jieba_data_dir(), "dict.txt"), encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i % 97 == 0:
                words.append(line.split(" ")[0])
    han = [chr(c) for c in range(0x4E00, 0x9FA5, 37)]
    pieces = ["。", "，", "、", "！", "？", "：", "“", "”", "（", "）", " ", "  ", "\t", ".", ",", "-", "+", "#", "&",
              "%", "_", "\u3000", "Ａ", "１", "NBA", "iPhone", "C++", "3.14", "50%", "2020年", "12:30", "e-mail",
              "a.b", "x_y", "\r", "😀", "\u200b", "\ufffd", "İ", "ß"]
    out = []
    for _ in range(count):
        parts = []
        for _ in range(rnd.randint(1, 30)):
            r = rnd.random()
            if r < 0.7:
                parts.append(rnd.choice(words))
            elif r < 0.76:  # unknown words (jieba's posseg HMM is slow on long unknown runs)
                parts.append("".join(rnd.choice(han) for _ in range(rnd.randint(1, 3))))
            else:
                parts.append(rnd.choice(pieces))
        out.append("".join(parts))
    return out


class Report(object):
    def __init__(self):
        self.failures = []
        self.compared = {}

    def check(self, name, line, want, got):
        self.compared[name] = self.compared.get(name, 0) + 1
        if want != got and len(self.failures) < 20:
            self.failures.append("%s differs on %r:\n  jieba:  %r\n  zhtext: %r" % (name, line[:80], want, got))

    def finish(self, what):
        for f in self.failures:
            print(f, file=sys.stderr)
        total = sum(self.compared.values())
        print("%s: %d comparisons over %d functions/options: %s" % (
            what, total, len(self.compared), "OK" if not self.failures else "%d+ FAILURES" % len(self.failures)))
        for k in sorted(self.compared):
            print("  %-48s %6d" % (k, self.compared[k]))
        return 1 if self.failures else 0


def pairs(ps):
    return [(p.word, p.flag) for p in ps]


def flagged(tags):
    """Keywords with flags (pairs, or (pair, weight)) as plain tuples."""
    out = []
    for t in tags:
        if isinstance(t, tuple):
            out.append(((t[0].word, t[0].flag), t[1]))
        else:
            out.append((t.word, t.flag))
    return out


def compare_segmentation(rep, lines, jt=J.dt, zt=Z.dt, tag=""):
    """cut/lcut (precise, HMM on/off, full), cut_for_search, tokenize (both modes, HMM
    on/off): types and results."""
    for line in lines:
        g = zt.cut(line)
        rep.check("cut returns a generator" + tag, line, "generator", type(g).__name__)
        rep.check("cut" + tag, line, list(jt.cut(line)), list(g))
        rep.check("lcut HMM=False" + tag, line, jt.lcut(line, HMM=False), zt.lcut(line, HMM=False))
        rep.check("lcut cut_all=True" + tag, line, jt.lcut(line, cut_all=True), zt.lcut(line, cut_all=True))
        rep.check("cut_for_search" + tag, line, list(jt.cut_for_search(line)), list(zt.cut_for_search(line)))
        rep.check("lcut_for_search HMM=False" + tag, line, jt.lcut_for_search(line, HMM=False),
                  zt.lcut_for_search(line, HMM=False))
        for mode in ("default", "search"):
            for hmm in (True, False):
                rep.check("tokenize mode=%s HMM=%s%s" % (mode, hmm, tag), line,
                          list(jt.tokenize(line, mode=mode, HMM=hmm)), list(zt.tokenize(line, mode=mode, HMM=hmm)))


def compare_posseg(rep, lines, jp=JP, zp=ZP, tag=""):
    for line in lines:
        rep.check("posseg.cut" + tag, line, pairs(jp.cut(line)), pairs(zp.cut(line)))
        rep.check("posseg.lcut HMM=False" + tag, line, pairs(jp.lcut(line, HMM=False)), pairs(zp.lcut(line, HMM=False)))


def compare_keywords(rep, texts, ja=JA, za=ZA, tag=""):
    for text in texts:
        rep.check("extract_tags" + tag, text, ja.extract_tags(text), za.extract_tags(text))
        rep.check("extract_tags withWeight topK=None" + tag, text, ja.extract_tags(text, topK=None, withWeight=True),
                  za.extract_tags(text, topK=None, withWeight=True))
        rep.check("extract_tags topK=5 allowPOS" + tag, text,
                  ja.extract_tags(text, topK=5, withWeight=True, allowPOS=("n", "ns", "vn", "v", "nr")),
                  za.extract_tags(text, topK=5, withWeight=True, allowPOS=("n", "ns", "vn", "v", "nr")))
        rep.check("extract_tags allowPOS withFlag" + tag, text,
                  flagged(ja.extract_tags(text, withWeight=True, allowPOS=("n", "v", "vn"), withFlag=True)),
                  flagged(za.extract_tags(text, withWeight=True, allowPOS=("n", "v", "vn"), withFlag=True)))
        rep.check("textrank" + tag, text, ja.textrank(text), za.textrank(text))
        rep.check("textrank withWeight topK=0" + tag, text, ja.textrank(text, topK=0, withWeight=True),
                  za.textrank(text, topK=0, withWeight=True))
        rep.check("textrank allowPOS=(n, nr) topK=3" + tag, text,
                  ja.textrank(text, topK=3, withWeight=True, allowPOS=("n", "nr")),
                  za.textrank(text, topK=3, withWeight=True, allowPOS=("n", "nr")))
        rep.check("textrank withFlag" + tag, text, flagged(ja.textrank(text, withWeight=True, withFlag=True)),
                  flagged(za.textrank(text, withWeight=True, withFlag=True)))


class timer(object):
    def __enter__(self):
        self.t = time.perf_counter()
        return self

    def __exit__(self, *a):
        self.seconds = time.perf_counter() - self.t


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def compare_everything(lines, documents, tmp):
    """Every function of the API on `lines` (segmentation, posseg) and `documents`
    (keywords), then again after the same dictionary edits on both sides, with a
    Tokenizer of its own dictionary, another IDF table and more stop words."""
    rep = Report()
    with timer() as t:
        compare_segmentation(rep, lines)
        compare_posseg(rep, lines)
        compare_keywords(rep, documents)
    print("default dictionary: %.1f s" % t.seconds)

    # Dictionary edits, the same on both sides: words glued from neighbours (with and
    # without frequency and tag), deleted words, suggest_freq both ways, a user dictionary.
    words = [w for line in lines[:200] for w in J.lcut(line) if len(w) >= 2 and w.isalpha()]
    glued = sorted({a + b for a, b in zip(words, words[1:]) if len(a + b) <= 5})[:40]
    deleted = sorted(set(words))[:15]
    userdict = write(os.path.join(tmp, "user.txt"), "".join(
        "%s %s\n" % (w, ["3", "20 nz", "", "nt"][i % 4]) if i % 4 != 2 else w + "\n" for i, w in enumerate(glued[20:])))
    for i, w in enumerate(glued[:20]):
        args = [(w,), (w, 10), (w, None, "nz"), (w, 1000, "v")][i % 4]
        J.add_word(*args)
        Z.add_word(*args)
    for w in deleted:
        J.del_word(w)
        Z.del_word(w)
    for i, w in enumerate(glued[:10]):
        rep.check("suggest_freq(word)", w, J.suggest_freq(w), Z.suggest_freq(w))
        seg = (w[:1], w[1:])
        rep.check("suggest_freq(segments, tune)", w, J.suggest_freq(seg, i % 2 == 0), Z.suggest_freq(seg, i % 2 == 0))
    J.load_userdict(userdict)
    with open(userdict, "rb") as f:
        Z.load_userdict(f)
    rep.check("get_FREQ after edits", "", [J.get_FREQ(w) for w in glued + deleted + ["x"]],
              [Z.get_FREQ(w) for w in glued + deleted + ["x"]])
    rep.check("dt.total after edits", "", J.dt.total, Z.dt.total)
    compare_segmentation(rep, lines, tag=" (edited dictionary)")
    compare_posseg(rep, lines, tag=" (edited dictionary)")
    compare_keywords(rep, documents, tag=" (edited dictionary)")

    # A Tokenizer with a dictionary of its own (every third line of jieba's).
    with open(os.path.join(Z._zhtext.jieba_data_dir(), "dict.txt"), encoding="utf-8") as f:
        small = write(os.path.join(tmp, "small_dict.txt"), "".join(l for i, l in enumerate(f) if i % 3 == 0))
    jt, zt = J.Tokenizer(small), Z.Tokenizer(small)
    compare_segmentation(rep, lines, jt, zt, tag=" (Tokenizer(own dict))")
    compare_posseg(rep, lines, JP.POSTokenizer(jt), ZP.POSTokenizer(zt), tag=" (POSTokenizer(own dict))")

    # Another IDF table (every other word of jieba's, weights changed) and stop words.
    with open(os.path.join(Z._zhtext.jieba_data_dir(), "analyse", "idf.txt"), encoding="utf-8") as f:
        idf = write(os.path.join(tmp, "idf.txt"), "".join(
            "%s %r\n" % (l.split(" ")[0], float(l.split(" ")[1]) * 1.37) for i, l in enumerate(f) if i % 2 == 0))
    stop = write(os.path.join(tmp, "stop.txt"), "\n".join(sorted(set(words))[15:60:3]) + "\nThe\n")
    JA.set_idf_path(idf)
    ZA.set_idf_path(idf)
    JA.set_stop_words(stop)
    ZA.set_stop_words(stop)
    compare_keywords(rep, documents, tag=" (own idf, stop words)")
    return rep
