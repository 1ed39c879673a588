"""zhtext.jieba.posseg: jieba.posseg 0.42.1 (words with their part-of-speech flags).

    import zhtext.jieba.posseg as pseg
    for word, flag in pseg.cut("我爱北京天安门"):   # pair objects: .word, .flag, unpackable
        print(word, flag)

The tagger shares its Tokenizer's dictionary and user words, as jieba's does; it
tags without the GIL.
"""

from .. import Tokenizer, dt as _jieba_dt, strdecode


class pair(object):
    """A word and its flag, as jieba.posseg.pair: iterable (word, flag), equal when both
    are, ordered by word, hashed by word, printed as 'word/flag'."""

    __slots__ = ("word", "flag")

    def __init__(self, word, flag):
        self.word = word
        self.flag = flag

    def __unicode__(self):
        return "%s/%s" % (self.word, self.flag)

    def __repr__(self):
        return "pair(%r, %r)" % (self.word, self.flag)

    def __str__(self):
        return self.__unicode__()

    def __iter__(self):
        return iter((self.word, self.flag))

    def __lt__(self, other):
        return self.word < other.word

    def __eq__(self, other):
        return isinstance(other, pair) and self.word == other.word and self.flag == other.flag

    def __hash__(self):
        return hash(self.word)

    def encode(self, arg):
        return self.__unicode__().encode(arg)


class POSTokenizer(object):
    """jieba.posseg.POSTokenizer over a Tokenizer (a new default one if none is given)."""

    def __init__(self, tokenizer=None):
        self.tokenizer = tokenizer or Tokenizer()

    def __repr__(self):
        return "<POSTokenizer tokenizer=%r>" % self.tokenizer

    def __getattr__(self, name):
        if name in ("cut_for_search", "lcut_for_search", "tokenize"):
            # may be meaningless
            raise NotImplementedError
        return getattr(self.tokenizer, name)

    def initialize(self, dictionary=None):
        self.tokenizer.initialize(dictionary)

    def _pairs(self, sentence, HMM=True):
        return [pair(w, f) for w, f in self.tokenizer._get_tagger().tag(strdecode(sentence), bool(HMM))]

    def cut(self, sentence, HMM=True):
        yield from self._pairs(sentence, HMM)

    def lcut(self, *args, **kwargs):
        return list(self.cut(*args, **kwargs))


# default Tokenizer instance, sharing jieba's
dt = POSTokenizer(_jieba_dt)


def cut(sentence, HMM=True, use_paddle=False):
    """Words and flags of sentence, as a generator of pair (jieba.posseg.cut)."""
    yield from dt._pairs(sentence, HMM)


def lcut(sentence, HMM=True, use_paddle=False):
    return dt._pairs(sentence, HMM)
