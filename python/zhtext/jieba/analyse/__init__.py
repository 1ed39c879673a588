"""zhtext.jieba.analyse: jieba.analyse 0.42.1's keywords (TF-IDF and TextRank), same
words, same order, weights equal to the bit, ranked by zhtext in C++ without the GIL.

    import zhtext.jieba.analyse as analyse
    analyse.extract_tags(text, topK=10, withWeight=True)
    analyse.textrank(text, topK=10, allowPOS=("ns", "n", "vn", "v"))

set_idf_path and set_stop_words may be called at any time, also while other threads
extract: each extraction runs with one consistent configuration (an immutable C++
extractor, replaced - not changed - when the configuration changes). The stop_words
sets may be changed in place, as in jieba. withFlag=True with allowPOS keys words
by (word, flag), as jieba does; that path ranks in Python.
"""

import os
import threading
from collections import defaultdict
from operator import itemgetter

from ... import _zhtext
from .. import dt as _jieba_dt, strdecode
from .. import posseg as _posseg

_get_abs_path = lambda path: os.path.normpath(os.path.join(os.getcwd(), path))  # noqa: E731

DEFAULT_IDF = os.path.join(_zhtext.jieba_data_dir(), "analyse", "idf.txt")


class _StopWords(set):
    """A set that counts its changes, so the C++ copy is rebuilt only when it changed."""

    version = 0

    def _changed(self):
        self.version += 1


def _mutator(name):
    base = getattr(set, name)

    def method(self, *args):
        r = base(self, *args)
        self._changed()
        return self if name.startswith("__i") else r

    method.__name__ = name
    return method


for _name in ("add", "discard", "remove", "pop", "clear", "update", "difference_update", "intersection_update",
              "symmetric_difference_update", "__ior__", "__iand__", "__isub__", "__ixor__"):
    setattr(_StopWords, _name, _mutator(_name))


class KeywordExtractor(object):
    STOP_WORDS = set((
        "the", "of", "is", "and", "to", "in", "that", "we", "for", "an", "are",
        "by", "be", "as", "on", "with", "can", "if", "from", "which", "you", "it",
        "this", "then", "at", "have", "all", "not", "one", "has", "or", "that"
    ))

    def __init__(self):
        self.stop_words = _StopWords(self.STOP_WORDS)
        self._lock = threading.Lock()
        self._cache = None  # (key, stop words key, C++ KeywordExtractor)

    def set_stop_words(self, stop_words_path):
        abs_path = _get_abs_path(stop_words_path)
        if not os.path.isfile(abs_path):
            raise Exception("jieba: file does not exist: " + abs_path)
        with open(abs_path, "rb") as f:
            content = f.read().decode("utf-8")
        for line in content.splitlines():
            self.stop_words.add(line)

    def extract_tags(self, *args, **kwargs):
        raise NotImplementedError

    # The C++ extractor for the current configuration: tagger, IDF table, stop words.
    def _engine(self, tokenizer, idf):
        stop = self.stop_words
        stop_key = (id(stop), getattr(stop, "version", None), len(stop))
        tagger = tokenizer._get_tagger()
        c = self._cache
        if c is not None and c[0][0] is tagger and c[0][1] is idf and c[1] == stop_key:
            return c[2]
        with self._lock:
            words = list(stop)
            engine = _zhtext.KeywordExtractor(tagger, idf, _zhtext.KeywordStopWords(words))
            if getattr(stop, "version", None) is None or len(words) != len(stop):
                return engine  # a plain set, or changed meanwhile: not cached
            self._cache = ((tagger, idf), stop_key, engine)
        return engine


def _top(tags, topK):
    return tags[:topK] if topK else tags


def _top_argument(topK):
    """What the C++ ranking gets as topK: n > 0, or 0 (all) when Python must cut."""
    return topK if type(topK) is int and topK > 0 else 0


class IDFLoader(object):
    """jieba's IDFLoader: idf_freq is built on first use (zhtext reads the table in C++)."""

    def __init__(self, idf_path=None):
        self.path = ""
        self.table = None
        if idf_path:
            self.set_new_path(idf_path)

    def set_new_path(self, new_idf_path):
        if self.path != new_idf_path:
            self.table = _zhtext.IdfTable.load(new_idf_path)
            self.path = new_idf_path


class TFIDF(KeywordExtractor):
    """jieba.analyse.TFIDF: extract_tags(sentence, topK=20, withWeight=False,
    allowPOS=(), withFlag=False)."""

    def __init__(self, idf_path=None):
        super().__init__()
        self.tokenizer = _jieba_dt
        self.postokenizer = _posseg.dt
        self._idf_path = _get_abs_path(idf_path) if idf_path else None
        self._idf = None

    def _idf_table(self):
        idf = self._idf
        if idf is None:
            with self._lock:
                if self._idf is None:
                    self._idf = _zhtext.IdfTable.load(self._idf_path)
                idf = self._idf
        return idf

    @property
    def median_idf(self):
        return self._idf_table().median

    def set_idf_path(self, idf_path):
        new_abs_path = _get_abs_path(idf_path)
        if not os.path.isfile(new_abs_path):
            raise Exception("jieba: file does not exist: " + new_abs_path)
        table = _zhtext.IdfTable.load(new_abs_path)
        with self._lock:
            self._idf_path, self._idf = new_abs_path, table

    def extract_tags(self, sentence, topK=20, withWeight=False, allowPOS=(), withFlag=False):
        """The keywords of sentence by TF-IDF, best first (jieba.analyse.extract_tags).
        withWeight: (word, weight) tuples; allowPOS: only words with these flags;
        withFlag (with allowPOS): posseg pairs instead of words."""
        sentence = strdecode(sentence)
        if allowPOS and withFlag:
            return self._extract_with_flags(sentence, topK, withWeight, frozenset(allowPOS))
        tokenizer = self.postokenizer.tokenizer if allowPOS else self.tokenizer
        engine = self._engine(tokenizer, self._idf_table())
        tags = engine.tfidf(sentence, _top_argument(topK), list(frozenset(allowPOS)) if allowPOS else [])
        tags = _top(tags, topK) if _top_argument(topK) == 0 else tags
        return tags if withWeight else [w for w, _ in tags]

    def _extract_with_flags(self, sentence, topK, withWeight, allowPOS):
        # (word, flag) pairs are the keys: jieba's algorithm, step for step.
        idf = self._idf_table()
        freq = {}
        for w in self.postokenizer.cut(sentence):
            if w.flag not in allowPOS:
                continue
            if len(w.word.strip()) < 2 or w.word.lower() in self.stop_words:
                continue
            freq[w] = freq.get(w, 0.0) + 1.0
        total = sum(freq.values())
        for k in freq:
            freq[k] *= idf.idf(k.word) / total
        if withWeight:
            tags = sorted(freq.items(), key=itemgetter(1), reverse=True)
        else:
            tags = sorted(freq, key=freq.__getitem__, reverse=True)
        return _top(tags, topK)


class TextRank(KeywordExtractor):
    """jieba.analyse.TextRank: extract_tags(sentence, topK=20, withWeight=False,
    allowPOS=('ns', 'n', 'vn', 'v'), withFlag=False)."""

    def __init__(self):
        super().__init__()
        self.tokenizer = self.postokenizer = _posseg.dt
        self.pos_filt = frozenset(("ns", "n", "vn", "v"))
        self.span = 5

    def pairfilter(self, wp):
        return (wp.flag in self.pos_filt and len(wp.word.strip()) >= 2
                and wp.word.lower() not in self.stop_words)

    def textrank(self, sentence, topK=20, withWeight=False, allowPOS=("ns", "n", "vn", "v"), withFlag=False):
        """The keywords of sentence by TextRank, best first (jieba.analyse.textrank)."""
        sentence = strdecode(sentence)
        self.pos_filt = frozenset(allowPOS)
        if allowPOS and withFlag:
            return self._textrank_with_flags(sentence, topK, withWeight)
        engine = self._engine(self.tokenizer.tokenizer, None)  # TextRank needs no IDF table
        tags = engine.textrank(sentence, _top_argument(topK), list(self.pos_filt), self.span)
        tags = _top(tags, topK) if _top_argument(topK) == 0 else tags
        return tags if withWeight else [w for w, _ in tags]

    extract_tags = textrank

    def _textrank_with_flags(self, sentence, topK, withWeight):
        # pairs (word, flag) are the graph's nodes: jieba's algorithm, step for step.
        words = tuple(self.tokenizer.cut(sentence))
        co = defaultdict(int)
        for i, wp in enumerate(words):
            if not self.pairfilter(wp):
                continue
            for j in range(i + 1, i + self.span):
                if j >= len(words):
                    break
                if self.pairfilter(words[j]):
                    co[(wp, words[j])] += 1
        graph = defaultdict(list)
        for (a, b), w in co.items():
            graph[a].append((a, b, w))
            graph[b].append((b, a, w))
        ranks = _rank(graph)
        if withWeight:
            tags = sorted(ranks.items(), key=itemgetter(1), reverse=True)
        else:
            tags = sorted(ranks, key=ranks.__getitem__, reverse=True)
        return _top(tags, topK)


def _rank(graph, d=0.85):
    """jieba's UndirectWeightedGraph.rank: 10 in-place sweeps over the nodes in sorted
    order, then weights scaled: (w - lo / 10) / (hi - lo / 10), where lo starts from the
    largest float and hi from the smallest positive one, as in jieba."""
    import sys

    ws = defaultdict(float)
    out_sum = defaultdict(float)
    start = 1.0 / (len(graph) or 1.0)
    for n, edges in graph.items():
        ws[n] = start
        out_sum[n] = sum((e[2] for e in edges), 0.0)
    order = sorted(graph.keys())
    for _ in range(10):
        for n in order:
            s = 0
            for e in graph[n]:
                s += e[2] / out_sum[e[1]] * ws[e[1]]
            ws[n] = (1 - d) + d * s
    lo, hi = sys.float_info[0], sys.float_info[3]  # max and min: jieba's starting values
    for w in ws.values():
        if w < lo:
            lo = w
        if w > hi:
            hi = w
    for n, w in ws.items():
        ws[n] = (w - lo / 10.0) / (hi - lo / 10.0)
    return ws


default_tfidf = TFIDF()
default_textrank = TextRank()

extract_tags = tfidf = default_tfidf.extract_tags
set_idf_path = default_tfidf.set_idf_path
textrank = default_textrank.extract_tags


def set_stop_words(stop_words_path):
    default_tfidf.set_stop_words(stop_words_path)
    default_textrank.set_stop_words(stop_words_path)
