"""The zhtext Python API: count() against the `zhtext count` program (byte for byte),
FrequencyTable merging and pickling, the Matcher (offsets, kinds, mask, image round
trips, corrupt images), entities, sentences, normalize, UTF-8 checks, and bad input
(lone surrogates, bytes that are not UTF-8, empty and huge text)."""

import os
import pickle
import random
import subprocess
import sys
import tempfile

import zhtext

failures = []
checks = 0


def check(name, want, got):
    global checks
    checks += 1
    if want != got:
        failures.append("%s:\n  want: %r\n  got:  %r" % (name, want if len(repr(want)) < 600 else repr(want)[:600],
                                                         got if len(repr(got)) < 600 else repr(got)[:600]))


def raises(name, exc, f):
    global checks
    checks += 1
    try:
        f()
    except exc:
        return
    except Exception as e:  # noqa: BLE001
        failures.append("%s: raised %r, not %s" % (name, e, exc.__name__))
        return
    failures.append("%s: did not raise %s" % (name, exc.__name__))


def documents():
    """Text written for the tests (mixed scripts, blank lines, CRLF, white space runs)
    and the project's sample article."""
    rnd = random.Random(5)
    words = ["社区", "居民", "疫情防控", "志愿者", "我们", "的", "了", "在", "工作", "服务", "北京", "2020年", "6月18日",
             "47名", "NBA", "iPhone", "3.5万元", "，", "。", "、", "！", "（", "）", " ", "  ", "\t", "\u3000", "Ａ１",
             "是", "和", "有", "不", "The", "of", "a-b", "x_y", "😀", "İstanbul"]
    docs = []
    for d in range(4):
        lines = []
        for _ in range(rnd.randint(5, 40)):
            lines.append("".join(rnd.choice(words) for _ in range(rnd.randint(0, 25))))
        docs.append(("\r\n" if d == 2 else "\n").join(lines) + ("\n" if d % 2 == 0 else ""))
    with open(os.path.join(os.environ["ZHTEXT_SOURCE_DIR"], "examples", "data", "sample_news.txt"), encoding="utf-8") as f:
        docs.append(f.read())
    docs.append("")
    return docs


def cli_count(paths, *args):
    cli = os.environ["ZHTEXT_CLI"]
    return subprocess.run([cli, "count", "--format", "tsv"] + list(args) + paths, check=True,
                          stdout=subprocess.PIPE).stdout


docs = documents()
with tempfile.TemporaryDirectory() as tmp:
    paths = []
    for i, d in enumerate(docs):
        paths.append(os.path.join(tmp, "doc%d.txt" % i))
        with open(paths[-1], "wb") as f:
            f.write(d.encode("utf-8"))
    stop = os.path.join(tmp, "stop.txt")
    with open(stop, "w", encoding="utf-8") as f:
        f.write("社区\n的\n")
    cases = [
        ({}, []),
        ({"mode": "search"}, ["--mode", "search"]),
        ({"mode": "full"}, ["--mode", "full"]),
        ({"hmm": False}, ["--mode", "precise-nohmm"]),
        ({"tokens": "chars"}, ["--tokens", "chars"]),
        ({"tokens": "ngram:2"}, ["--tokens", "ngram:2"]),
        ({"tokens": "ngram:3", "han_only": True}, ["--tokens", "ngram:3", "--han-only"]),
        ({"stop_words": "builtin", "min_length": 2, "no_punct": True},
         ["--stop-words", "builtin", "--min-length", "2", "--no-punct"]),
        ({"stop_words": stop, "han_only": True}, ["--stop-words", stop, "--han-only"]),
        ({"per_line": True, "tokens": "chars"}, ["--per-line", "--tokens", "chars"]),
        ({"per_line": True}, ["--per-line"]),
    ]
    for kwargs, args in cases:
        want = cli_count(paths, *args)
        got = zhtext.count(docs, **kwargs).to_tsv().encode("utf-8")
        check("count(%r) == zhtext count %s" % (kwargs, " ".join(args)), want, got)
    check("count(stop_words=[...]) == count(stop_words=file)", zhtext.count(docs, stop_words=stop).to_tsv(),
          zhtext.count(docs, stop_words=["社区", "的"]).to_tsv())
    check("count(one str) == count([str])", zhtext.count(docs[0]).to_tsv(), zhtext.count([docs[0]]).to_tsv())
    check("count(bytes) == count(str)", zhtext.count([d.encode() for d in docs]).to_tsv(), zhtext.count(docs).to_tsv())

    # merging, the formats, pickling
    whole = zhtext.count(docs)
    a, b = zhtext.count(docs[:2]), zhtext.count(docs[2:])
    a.merge(b)
    check("merge of parts == whole (TSV)", whole.to_tsv(), a.to_tsv())
    check("zhtext.merge", whole.to_tsv(), zhtext.merge([zhtext.count(d) for d in docs]).to_tsv())
    check("documents", len(docs), whole.documents)
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        check("pickle protocol %d" % proto, whole.to_json(), pickle.loads(pickle.dumps(whole, proto)).to_json())
    check("pickle keeps equality", True, pickle.loads(pickle.dumps(whole)) == whole)
    check("from_tsv(to_tsv())", whole.to_tsv(), zhtext.FrequencyTable.from_tsv(whole.to_tsv()).to_tsv())
    check("from_json(to_json())", whole.to_json(), zhtext.FrequencyTable.from_json(whole.to_json()).to_json())
    top = whole.top(3)
    check("top(3) rows", [(t, whole[t], whole.df(t)) for t, _, _ in top], top)
    check("top order", sorted(top, key=lambda r: (-r[1], r[0].encode())), top)
    check("to_tsv(limit) == first rows", "".join(whole.to_tsv().splitlines(True)[:3]), whole.to_tsv(3))
    check("missing token counts 0", (0, False), (whole["不在表里的词"], "不在表里的词" in whole))
    raises("from_tsv(garbage)", ValueError, lambda: zhtext.FrequencyTable.from_tsv("a\tb\n"))
    raises("from_json(garbage)", ValueError, lambda: zhtext.FrequencyTable.from_json("{"))
    raises("count(tokens='ngram:0')", ValueError, lambda: zhtext.count("x", tokens="ngram:0"))
    raises("count(tokens='bad')", ValueError, lambda: zhtext.count("x", tokens="bad"))
    raises("count(stop_words=missing file)", FileNotFoundError, lambda: zhtext.count("x", stop_words=tmp + "/none"))

# ---- the matcher
text = "本报讯（记者 李冉）6月18日，ＮＢＡ球迷😀在北京 社区党 员与党员志愿者参加疫情防控。iPhone疫情防控"
m = zhtext.Matcher(["党员", ("疫情防控", 7, "epidemic"), ("nba", 9), "北京", "社区党员"], fold_case=True, fold_width=True,
                   ignorable=" ")
found = m.find(text)
check("find: the matches", ["北京", "社区党 员", "党 员", "党员", "疫情防控", "疫情防控"], [text[x.start:x.end] for x in found][1:])
check("find: full-width NBA folded", "ＮＢＡ", text[found[0].start:found[0].end])
check("find: ids", [9, 3, 4, 0, 0, 7, 7], [x.id for x in found])
utf8 = text.encode()
check("offsets='bytes'", [text[x.start:x.end] for x in found],
      [utf8[x.start:x.end].decode() for x in m.find(text, offsets="bytes")])
check("leftmost_longest", ["ＮＢＡ", "北京", "社区党 员", "党员", "疫情防控", "疫情防控"],
      [text[x.start:x.end] for x in m.find(text, "leftmost_longest")])
check("pattern(1)", ("疫情防控", 7, "epidemic"), m.pattern(1))
check("mask", text.replace("ＮＢＡ", "###").replace("社区党 员", "#####").replace("党员", "##").replace("北京", "##")
      .replace("疫情防控", "####"), m.mask(text, "#"))
for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    check("Matcher pickle protocol %d" % proto, found, pickle.loads(pickle.dumps(m, proto)).find(text))
check("from_bytes(to_bytes())", found, zhtext.Matcher.from_bytes(m.to_bytes()).find(text))
with tempfile.TemporaryDirectory() as tmp:
    m.save(tmp + "/m.zhm")
    check("save/load", found, zhtext.Matcher.load(tmp + "/m.zhm").find(text))
    raises("load(missing)", FileNotFoundError, lambda: zhtext.Matcher.load(tmp + "/none.zhm"))
image = bytearray(m.to_bytes())
for i in (0, 8, len(image) // 2, len(image) - 1):
    bad = bytearray(image)
    bad[i] ^= 0x55
    raises("from_bytes(corrupt at %d)" % i, ValueError, lambda: zhtext.Matcher.from_bytes(bytes(bad)))
raises("from_bytes(truncated)", ValueError, lambda: zhtext.Matcher.from_bytes(bytes(image[:len(image) // 2])))
raises("Matcher(empty pattern)", ValueError, lambda: zhtext.Matcher([""]))
raises("Matcher(reject_duplicates)", ValueError, lambda: zhtext.Matcher(["a", "A"], fold_case=True, reject_duplicates=True))
raises("find(kind='bad')", ValueError, lambda: m.find(text, "bad"))
check("contains_any", (True, False), (m.contains_any(text), m.contains_any("无关")))

# ---- entities, sentences, normalize
es = zhtext.entities(text)
check("entities: kinds", ["byline", "date"], [e.kind for e in es][:2])
check("entities: text at character offsets", [e.text for e in es], [text[e.start:e.end] for e in es])
check("entities: byte offsets", [e.text for e in es],
      [utf8[e.start:e.end].decode() for e in zhtext.entities(text, offsets="bytes")])
check("entities: value", "--06-18", es[1].value)
check("entities(kinds=['date'])", [e for e in es if e.kind == "date"], zhtext.entities(text, kinds=["date"]))
raises("entities(kinds=['bad'])", ValueError, lambda: zhtext.entities(text, kinds=["bad"]))
para = "第一句话。第二句话！\n\n第三句？最后一句"
ss = zhtext.sentences(para, spans=True)
check("sentences", ["第一句话。", "第二句话！", "第三句？", "最后一句"], [s.strip() for s, _, _ in ss])
check("sentence spans", [s for s, _, _ in ss], [para[b:e] for _, b, e in ss])
raw = "  社区ＡＢＣ\n新闻\x07报道  "
n = zhtext.normalize(raw, fold_width=True, with_map=True)
check("normalize", zhtext.normalize(raw, fold_width=True), n.text)
i = n.text.index("ABC")
check("normalize map", "ＡＢＣ", raw[slice(*n.to_source(i, i + 3))])

# ---- UTF-8
check("validate_utf8(ok)", (True, 9), tuple(zhtext.validate_utf8("中文字".encode()))[:2])
check("validate_utf8(bad)", zhtext.Utf8Check(False, 3, 1, "stray continuation byte"),
      zhtext.validate_utf8(b"abc\x80def"))
check("validate_utf8(truncated)", (False, 1, 2), tuple(zhtext.validate_utf8(b"a\xe4\xb8"))[:3])
check("validate_utf8(lone surrogate in str)", (False, 1), tuple(zhtext.validate_utf8("a\ud800b"))[:2])
check("repair_utf8", "ab\ufffd\ufffdc", zhtext.repair_utf8(b"ab\xff\xfec"))
check("is_valid_utf8", (True, False), (zhtext.is_valid_utf8(b"ok"), zhtext.is_valid_utf8(b"\xc0\xaf")))

# ---- bad input: lone surrogates, empty, huge, not text
sur = "社区\ud800居民\udfff" + "党员"
check("count with surrogates", ["\ufffd"], [t for t, _, _ in zhtext.count(sur, tokens="chars").top() if t == "\ufffd"])
check("find with surrogates", [(6, 8)], [(x.start, x.end) for x in zhtext.Matcher(["党员"]).find(sur)])
check("mask keeps surrogates", "社区\ud800居民\udfff**", zhtext.Matcher(["党员"]).mask(sur))
check("empty", (0, [], [], [], ""), (len(zhtext.count("")), m.find(""), zhtext.entities(""), zhtext.sentences(""),
                                     zhtext.normalize("")))
huge = "社区居民参加志愿服务。" * 200000 + "\x00" * 100000
t = zhtext.count(huge, tokens="chars")
check("huge text: counts", (200000, 100000), (t["社"], t["\x00"]))
check("huge text: one line of words", 200000, zhtext.count(huge)["社区"])
raises("count(int)", TypeError, lambda: zhtext.count([5]))
raises("find(None)", TypeError, lambda: m.find(None))
raises("offsets='bad'", ValueError, lambda: m.find(text, offsets="bad"))

for f in failures:
    print(f, file=sys.stderr)
print("zhtext module: %d checks, %d failures" % (checks, len(failures)))
sys.exit(1 if failures else 0)
