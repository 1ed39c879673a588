"""zhtext.jieba: jieba 0.42.1's API with jieba's results, on zhtext's C++ segmenter.

    import zhtext.jieba as jieba          # instead of: import jieba
    jieba.lcut("他来到了网易杭研大厦")       # ['他', '来到', '了', '网易', '杭研', '大厦']

Same functions, arguments, return types (generators where jieba returns generators,
lists where it returns lists), same words, offsets and weights, same default
dictionary (jieba's own dict.txt, from Debian's python3-jieba or $ZHTEXT_JIEBA_DIR).
Differences: loading takes milliseconds (a cached compiled image), cutting releases
the GIL (threads run in parallel), and enable_parallel() is a no-op (use threads).
get_DAG/calc and the paddle mode are not provided.

Thread safety: a Tokenizer may cut from many threads, also while words are added
(each cut sees the words before or after an add_word, never half of one).
"""

import logging
import os
import sys
import threading
import weakref

from .. import _zhtext

__version__ = "0.42.1"
__license__ = "MIT"

DEFAULT_DICT = None
DEFAULT_DICT_NAME = "dict.txt"

default_logger = logging.getLogger(__name__)
default_logger.addHandler(logging.NullHandler())

_get_abs_path = lambda path: os.path.normpath(os.path.join(os.getcwd(), path))  # noqa: E731


def setLogLevel(log_level):
    default_logger.setLevel(log_level)


def strdecode(sentence):
    """jieba's decoding of its input: str as is, bytes as UTF-8, else as GBK ignoring errors."""
    if not isinstance(sentence, str):
        try:
            sentence = sentence.decode("utf-8")
        except UnicodeDecodeError:
            sentence = sentence.decode("gbk", "ignore")
    return sentence


def resolve_filename(f):
    try:
        return f.name
    except AttributeError:
        return repr(f)


# jieba's finalseg.Force_Split_Words: a word added with frequency 0 (del_word) is split
# by the HMM in EVERY Tokenizer, not only in the one it was deleted from. zhtext's
# segmenters keep that per segmenter, so the word is also added with frequency 0 to
# the other Tokenizers where it is no word (absent, or only a prefix of words: this
# changes nothing else for them). Where it is a word of their own dictionary, they do
# not split it (jieba would, when its HMM meets it: a rare case).
_force_split = set()
_tokenizers = weakref.WeakSet()


def _share_force_split(seg, words):
    for w in words:
        if not seg.freq(w):
            seg.add_word(w, 0)


def _default_dict_path():
    return os.path.join(_zhtext.jieba_data_dir(), DEFAULT_DICT_NAME)


class _FreqView(object):
    """Tokenizer.FREQ as a read-only mapping: word -> frequency (0 for a prefix of words)."""

    def __init__(self, tokenizer):
        self._tokenizer = tokenizer

    def get(self, word, default=None):
        f = self._tokenizer.segmenter.freq(word) if isinstance(word, str) else None
        return default if f is None else f

    def __getitem__(self, word):
        f = self.get(word)
        if f is None:
            raise KeyError(word)
        return f

    def __contains__(self, word):
        return self.get(word) is not None


class Tokenizer(object):
    """jieba.Tokenizer: a dictionary (jieba's dict.txt by default, or the file named),
    its user words, and the cutting functions."""

    def __init__(self, dictionary=DEFAULT_DICT):
        self.lock = threading.RLock()
        if dictionary == DEFAULT_DICT:
            self.dictionary = dictionary
        else:
            self.dictionary = _get_abs_path(dictionary)
        self.initialized = False
        self.user_word_tag_tab = {}
        self.tmp_dir = None
        self.cache_file = None
        self._seg = None
        self._tagger = None
        _tokenizers.add(self)

    def __repr__(self):
        return "<Tokenizer dictionary=%r>" % self.dictionary

    def initialize(self, dictionary=None):
        if dictionary:
            abs_path = _get_abs_path(dictionary)
            if self.dictionary == abs_path and self.initialized:
                return
            self.dictionary = abs_path
            self.initialized = False
        else:
            abs_path = self.dictionary
        with self.lock:
            if self.initialized:
                return
            if abs_path is not None and not os.path.isfile(abs_path):
                raise Exception("jieba: file does not exist: " + abs_path)
            seg = _zhtext.Segmenter.load(abs_path)
            _share_force_split(seg, sorted(_force_split))
            self._seg = seg
            self._tagger = None
            self.initialized = True
            default_logger.debug("zhtext.jieba: dictionary %s ready", abs_path or _default_dict_path())

    def check_initialized(self):
        if not self.initialized:
            self.initialize()

    @property
    def segmenter(self):
        """The zhtext Segmenter (C++) this tokenizer cuts with."""
        if not self.initialized:
            self.initialize()
        return self._seg

    def _get_tagger(self):
        seg = self.segmenter
        t = self._tagger
        if t is None or t[0] is not seg:
            t = (seg, _zhtext.PosTagger(seg))
            self._tagger = t
        return t[1]

    @property
    def FREQ(self):
        return _FreqView(self)

    @property
    def total(self):
        return self.segmenter.total

    # ---- cutting
    def cut(self, sentence, cut_all=False, HMM=True, use_paddle=False):
        """The words of sentence, as a generator (jieba.cut)."""
        yield from self.lcut(sentence, cut_all, HMM)

    def lcut(self, sentence, cut_all=False, HMM=True, use_paddle=False):
        """The words of sentence, as a list (jieba.lcut)."""
        seg = self._seg if self.initialized else self.segmenter
        return seg.cut(strdecode(sentence), "full" if cut_all else "precise", bool(HMM))

    def cut_for_search(self, sentence, HMM=True):
        yield from self.lcut_for_search(sentence, HMM)

    def lcut_for_search(self, sentence, HMM=True):
        seg = self._seg if self.initialized else self.segmenter
        return seg.cut(strdecode(sentence), "search", bool(HMM))

    def _lcut_no_hmm(self, sentence):
        return self.lcut(sentence, False, False)

    def _lcut_all(self, sentence):
        return self.lcut(sentence, True)

    def _lcut_for_search_no_hmm(self, sentence):
        return self.lcut_for_search(sentence, False)

    _lcut = lcut
    _lcut_for_search = lcut_for_search

    def tokenize(self, unicode_sentence, mode="default", HMM=True):
        """(word, start, end) triples with character offsets (jieba.tokenize)."""
        if not isinstance(unicode_sentence, str):
            raise ValueError("jieba: the input parameter should be unicode.")
        yield from self.segmenter.cut_spans(unicode_sentence, "precise" if mode == "default" else "search", bool(HMM))

    # ---- the dictionary
    def add_word(self, word, freq=None, tag=None):
        self.check_initialized()
        word = strdecode(word)
        freq = int(freq) if freq is not None else None
        self._seg.add_word(word, freq, tag if tag else None)
        if tag:
            self.user_word_tag_tab[word] = tag
        if freq == 0 and word not in _force_split:
            _force_split.add(word)
            for t in list(_tokenizers):
                if t is not self and t.initialized:
                    _share_force_split(t._seg, [word])

    def del_word(self, word):
        self.add_word(word, 0)

    def suggest_freq(self, segment, tune=False):
        self.check_initialized()
        if isinstance(segment, str):
            return self._seg.suggest_freq(segment, bool(tune))
        return self._seg.suggest_freq_segments(list(map(strdecode, segment)), bool(tune))

    def load_userdict(self, f):
        """Adds the words of a user dictionary: a path, or a file object (binary or
        text), lines "word [freq] [tag]" (jieba.load_userdict). All or nothing."""
        self.check_initialized()
        if isinstance(f, str):
            f_name = f
            with open(f, "rb") as fh:
                data = fh.read()
        else:
            f_name = resolve_filename(f)
            data = f.read()
            if isinstance(data, str):
                data = data.encode("utf-8", "surrogatepass")
        self._seg.load_userdict_text(data, str(f_name))

    def set_dictionary(self, dictionary_path):
        with self.lock:
            abs_path = _get_abs_path(dictionary_path)
            if not os.path.isfile(abs_path):
                raise Exception("jieba: file does not exist: " + abs_path)
            self.dictionary = abs_path
            self.initialized = False

    def get_dict_file(self):
        return open(self.dictionary or _default_dict_path(), "rb")


# ---- the default tokenizer and module-level functions, as jieba has them
dt = Tokenizer()

get_FREQ = lambda k, d=None: dt.FREQ.get(k, d)  # noqa: E731
add_word = dt.add_word
cut = dt.cut
lcut = dt.lcut
cut_for_search = dt.cut_for_search
lcut_for_search = dt.lcut_for_search
del_word = dt.del_word
get_dict_file = dt.get_dict_file
initialize = dt.initialize
load_userdict = dt.load_userdict
set_dictionary = dt.set_dictionary
suggest_freq = dt.suggest_freq
tokenize = dt.tokenize
user_word_tag_tab = dt.user_word_tag_tab


def enable_parallel(processnum=None):
    """A no-op: zhtext cuts without the GIL, so threads already run in parallel."""


def disable_parallel():
    """A no-op (see enable_parallel)."""


from . import posseg  # noqa: E402,F401  (jieba.posseg and jieba.analyse, ready to use)
from . import analyse  # noqa: E402,F401
