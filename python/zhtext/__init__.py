"""zhtext: Chinese text analysis (segmentation identical to jieba 0.42.1, keywords,
frequency tables, multi-pattern matching, news entities, normalisation, sentences,
UTF-8 checks), from zhtext's header-only C++ library.

Text in, str out. Offsets are CHARACTER (code point) offsets into the str you passed,
unless you ask for offsets="bytes" (offsets into its UTF-8 encoding). Every function
releases the GIL while the C++ code runs, so threads run in parallel.

    import zhtext
    table = zhtext.count(documents)                  # words, as `zhtext count` counts
    print(table.to_tsv())                            # the bytes `zhtext count` prints
    m = zhtext.Matcher(["疫情防控", "党员"])
    m.find(text)                                      # [Match(start, end, pattern, id)]
    zhtext.entities(text)                             # [Entity(kind, text, start, end, value)]

jieba users: `import zhtext.jieba as jieba` (see zhtext.jieba).
"""

import copyreg
import threading
from collections import namedtuple

from . import _zhtext
from ._zhtext import FrequencyTable, Normalized, Segmenter, __version__  # noqa: F401

__all__ = [
    "FrequencyTable", "Matcher", "Match", "Entity", "Utf8Check", "Segmenter", "Normalized",
    "count", "entities", "normalize", "sentences", "validate_utf8", "is_valid_utf8", "repair_utf8",
    "default_segmenter",
]

_default_lock = threading.Lock()
_default_segmenter = None


def default_segmenter():
    """The Segmenter with jieba's dictionary that count() cuts with by default (loaded
    once, shared; thread-safe). zhtext.jieba's Tokenizers have their own."""
    global _default_segmenter
    with _default_lock:
        if _default_segmenter is None:
            _default_segmenter = Segmenter.load()
        return _default_segmenter


def count(text_or_documents, tokens="words", *, mode="precise", hmm=True, stop_words=None, min_length=0,
          han_only=False, no_punct=False, per_line=False, segmenter=None):
    """A FrequencyTable of the tokens of a text (one document) or of an iterable of texts
    (one document each), exactly as `zhtext count` counts files: to_tsv() gives the bytes
    `zhtext count --format tsv` prints for the same documents with the same options.

    tokens: "words" (jieba's segmentation, line by line; `mode` precise/full/search,
    `hmm`), "chars" or "ngram:N" (N characters inside the runs between white space).
    Tokens that are only white space are never counted. stop_words: None, "builtin",
    a file path, or an iterable of words. min_length: leave out tokens of fewer
    characters. han_only, no_punct: as the program's --han-only, --no-punct. per_line:
    each line is a document (df). Texts are str (or bytes, read as UTF-8; ill-formed
    bytes and lone surrogates count as U+FFFD)."""
    if isinstance(text_or_documents, (str, bytes, bytearray)):
        docs = [text_or_documents]
    else:
        docs = list(text_or_documents)
    seg = None
    if tokens == "words":
        seg = segmenter if segmenter is not None else default_segmenter()
    return _zhtext._count(docs, tokens, mode, bool(hmm), seg, stop_words, int(min_length), bool(han_only),
                          bool(no_punct), bool(per_line))


def _table_from_json(text):
    return FrequencyTable.from_json(text)


# Pickling (every protocol): a table travels as its lossless JSON.
copyreg.pickle(FrequencyTable, lambda t: (_table_from_json, (t.to_json(),)))


def merge(tables):
    """One FrequencyTable holding the rows of all `tables` (counts and dfs added)."""
    out = FrequencyTable()
    for t in tables:
        out.merge(t)
    return out


Match = namedtuple("Match", "start end pattern id")
Match.__doc__ = "A match: [start, end) offsets, the pattern's index (order added) and its id."


class Matcher(object):
    """Many literal patterns matched at once (an Aho-Corasick automaton, built once,
    immutable, shareable between threads, picklable through its compiled image).

    patterns: an iterable of str, or of (pattern, id) / (pattern, id, payload) tuples;
    a plain pattern's id is its index. fold_case: ASCII letters in either case;
    fold_width: full-width ASCII forms match ASCII; ignorable: characters skipped in
    the text between pattern characters (e.g. " *"); reject_duplicates: ValueError on
    a pattern equal (after folding) to an earlier one."""

    __slots__ = ("_m",)

    def __init__(self, patterns=(), *, fold_case=False, fold_width=False, ignorable="", reject_duplicates=False):
        texts, ids, payloads = [], [], []
        for i, p in enumerate(patterns):
            if isinstance(p, (str, bytes)):
                texts.append(p)
                ids.append(i)
                payloads.append("")
            else:
                p = tuple(p)
                texts.append(p[0])
                ids.append(int(p[1]) if len(p) > 1 else i)
                payloads.append(p[2] if len(p) > 2 else "")
        self._m = _zhtext.Matcher(texts, ids, payloads, bool(fold_case), bool(fold_width), ignorable,
                                  bool(reject_duplicates))

    @classmethod
    def _wrap(cls, m):
        self = cls.__new__(cls)
        self._m = m
        return self

    def find(self, text, kind="overlapping", *, offsets="chars"):
        """The matches in text, as Match tuples with character offsets (offsets="bytes":
        UTF-8 byte offsets). kind: "overlapping" (every match, by end then start),
        "leftmost_longest" or "leftmost_first" (non-overlapping, left to right)."""
        return [Match(*x) for x in self._m.find(text, kind, offsets)]

    def mask(self, text, mask="*", kind="leftmost_longest"):
        """text with each character of each match replaced by `mask`."""
        return self._m.mask(text, mask, kind)

    def contains_any(self, text):
        return self._m.contains_any(text)

    def pattern(self, index):
        """(pattern, id, payload) of the pattern added at `index`."""
        return self._m.pattern(index)

    def __len__(self):
        return len(self._m)

    def to_bytes(self):
        """The compiled automaton; Matcher.from_bytes() reads it back."""
        return self._m.to_bytes()

    @classmethod
    def from_bytes(cls, data):
        """A Matcher from to_bytes() output (checked: ValueError when corrupt)."""
        return cls._wrap(_zhtext.Matcher.from_bytes(bytes(data)))

    def save(self, path):
        self._m.save(str(path))

    @classmethod
    def load(cls, path):
        """A Matcher from a file written by save() (memory-mapped)."""
        return cls._wrap(_zhtext.Matcher.load(str(path)))

    def __reduce__(self):
        return (Matcher.from_bytes, (self.to_bytes(),))


Entity = namedtuple("Entity", "kind text start end value")
Entity.__doc__ = ("A news entity: kind (number, percent, quantity, date, time, named_day, relative, byline), "
                  "its text, [start, end) offsets and its canonical value.")


def entities(text, kinds=None, *, offsets="chars"):
    """The typed news entities of text (numbers, quantities, dates, times, bylines...),
    in order, with character offsets (offsets="bytes": UTF-8 byte offsets). kinds: an
    iterable of kind names to keep (default all)."""
    return [Entity(*e) for e in _zhtext.entities(text, None if kinds is None else list(kinds), offsets)]


def sentences(text, *, split_on_semicolon=False, line_breaks="wrap_aware", spans=False, offsets="chars"):
    """The sentences of text (Chinese and Western punctuation, blank lines; line_breaks:
    "wrap_aware", "always" or "never"). spans=True: (sentence, start, end) tuples with
    character offsets (offsets="bytes": UTF-8 byte offsets)."""
    out = _zhtext.sentences(text, bool(split_on_semicolon), line_breaks, offsets)
    return out if spans else [s for s, _, _ in out]


def normalize(text, *, fold_width=False, cjk_punctuation=False, join_lines=True, clean_whitespace=True,
              remove_controls=True, with_map=False):
    """text normalised: hard wraps joined, white space cleaned, controls removed, and on
    request full-width forms folded and ASCII punctuation after CJK made Chinese.
    with_map=True: a Normalized object (.text, .to_source(start, end) -> the input's
    character range)."""
    n = _zhtext.normalize(text, bool(fold_width), bool(cjk_punctuation), bool(join_lines), bool(clean_whitespace),
                          bool(remove_controls))
    return n if with_map else n.text


Utf8Check = namedtuple("Utf8Check", "ok offset length kind")
Utf8Check.__doc__ = ("UTF-8 validation: ok, or the BYTE offset of the first ill-formed sequence, the length of "
                     "its maximal subpart and its kind (truncated sequence, overlong encoding, ...).")


def _utf8_bytes(data):
    if isinstance(data, str):
        return data.encode("utf-8", "surrogatepass")  # lone surrogates are ill-formed UTF-8
    return bytes(data)


def validate_utf8(data):
    """Checks bytes (or a str's UTF-8, where lone surrogates are errors): Utf8Check."""
    return Utf8Check(*_zhtext.validate_utf8(_utf8_bytes(data)))


def is_valid_utf8(data):
    return _zhtext.validate_utf8(_utf8_bytes(data))[0]


def repair_utf8(data):
    """bytes decoded as UTF-8 with each maximal ill-formed subpart as U+FFFD (the
    Unicode-recommended practice, as zhtext reads ill-formed input everywhere)."""
    return _zhtext.repair_utf8(_utf8_bytes(data))
