"""zhtext.jieba equals Python jieba 0.42.1 on text generated for the test (mixed
scripts, symbols, white space, unknown words), for every function, before and after
dictionary edits; and on the inputs jieba accepts that are not plain str: bytes in
UTF-8 and in GBK, empty text, lone surrogates."""
import sys
import tempfile

import jieba_compat as C

J, Z = C.J, C.Z
lines = C.generated_lines()
rep = C.Report()
odd = ["", " ", "\n", "\r\n\r\n", "\x00\x00中国\x00", "a\ud800b中国\udfff人", "\ud83d", "中" * 300,
       "人民" * 3000 + "abc" * 2000, "１２３ＡＢＣ　中文", "\ufeff文本"]
for s in odd:
    rep.check("lcut (odd input)", s, J.lcut(s), Z.lcut(s))
    rep.check("lcut_for_search (odd input)", s, J.lcut_for_search(s), Z.lcut_for_search(s))
    rep.check("lcut cut_all (odd input)", s, J.lcut(s, cut_all=True), Z.lcut(s, cut_all=True))
    rep.check("tokenize (odd input)", s, list(J.tokenize(s, mode="search")), list(Z.tokenize(s, mode="search")))
    rep.check("posseg (odd input)", s, C.pairs(C.JP.cut(s)), C.pairs(C.ZP.cut(s)))
for s in lines[:50] + ["中文文本", "他来到了网易杭研大厦"]:
    for enc in ("utf-8", "gbk"):
        try:
            b = s.encode(enc)
        except UnicodeEncodeError:
            b = s.encode(enc, "ignore")
        rep.check("lcut(bytes %s)" % enc, s, J.lcut(b), Z.lcut(b))
        rep.check("posseg.lcut(bytes %s)" % enc, s, C.pairs(C.JP.lcut(b)), C.pairs(C.ZP.lcut(b)))
        rep.check("extract_tags(bytes %s)" % enc, s, C.JA.extract_tags(b), C.ZA.extract_tags(b))
rep.check("lcut returns a list", "", "list", type(Z.lcut("中文")).__name__)
rep.check("posseg.cut returns a generator", "", "generator", type(C.ZP.cut("中文")).__name__)
rep.check("tokenize returns a generator", "", "generator", type(Z.tokenize("中文")).__name__)
p = next(C.ZP.cut("北京"))
w, f = p
rep.check("pair", "", ("北京", "ns", "北京/ns", "pair('北京', 'ns')", ["北京", "ns"]), (p.word, p.flag, str(p), repr(p), [w, f]))
for bad, exc in ((lambda: list(Z.tokenize(b"abc")), ValueError), (lambda: Z.lcut(5), AttributeError),
                 (lambda: Z.Tokenizer("/nonexistent/dict.txt").lcut("x"), Exception),
                 (lambda: Z.load_userdict("/nonexistent/user.txt"), FileNotFoundError)):
    try:
        bad()
        rep.check("raises " + exc.__name__, "", exc.__name__, "nothing")
    except exc:
        rep.check("raises " + exc.__name__, "", 1, 1)
with tempfile.TemporaryDirectory() as tmp:
    bad_dict = C.write(tmp + "/bad.txt", "好词 5\n")
    with open(bad_dict, "ab") as f:
        f.write(b"\xff\xfe 3\n")
    try:
        Z.load_userdict(bad_dict)
        rep.check("load_userdict(not UTF-8) raises ValueError naming the file", "", 1, 0)
    except ValueError as e:
        rep.check("load_userdict(not UTF-8) raises ValueError naming the file", "", True, bad_dict in str(e))
    rep.check("nothing added from a bad user dictionary", "", None, Z.get_FREQ("好词"))
    full = C.compare_everything(lines, ["".join(lines[i:i + 10]) for i in range(0, 40, 10)] + lines[:30], tmp)
rep.failures += full.failures
for k, v in full.compared.items():
    rep.compared[k] = rep.compared.get(k, 0) + v
sys.exit(rep.finish("generated text (%d lines)" % len(lines)))
