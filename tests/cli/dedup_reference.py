#!/usr/bin/env python3
"""The tests' reference for `zhtext dedup`: generated corpora with known edits, and
every pair's exact Jaccard similarity computed the straightforward way.

  dedup_reference.py gen DIR SEED          writes DIR/docs/*.txt (one article a file,
                                           reprints with edits) and DIR/lines.txt (one
                                           document a line)
  dedup_reference.py pairs [--per-line] [--threshold J] [--shingle K] INPUT...
                                           prints A<TAB>B<TAB>S for every pair with
                                           S >= J, as issue 16 defines it

Shingles (issue 16): full-width ASCII U+FF01..U+FF5E folded to ASCII, U+3000 to a
space, then every character whose general category is P*, Z* or C* removed; the
shingles are all windows of K code points, a shorter non-empty text is one shingle.
Python's unicodedata here may be older than the Unicode 15.0 zhtext uses: the
generated text keeps to characters whose category is the same in both (CJK
U+4E00..U+9FA5, ASCII, full-width ASCII, common CJK punctuation).

The text is written for the project (random characters and fixed phrases); nothing of
the news corpus is used.
"""
import os
import random
import sys
import unicodedata

HAN = [chr(c) for c in range(0x4E00, 0x9FA6)]
PUNCT = "，。、；：？！“”（）《》"
CREDITS = ["（记者 王小明 报道）", "（通讯员 李华 摄）", "来源：本报讯", "编辑：张三", "（实习生 赵六）"]


def fold(text):
    out = []
    for ch in text:
        c = ord(ch)
        if 0xFF01 <= c <= 0xFF5E:
            ch = chr(c - 0xFF01 + 0x21)
        elif c == 0x3000:
            ch = " "
        if unicodedata.category(ch)[0] not in "PZC":
            out.append(ch)
    return "".join(out)


def shingles(text, k):
    t = fold(text)
    if not t:
        return frozenset()
    if len(t) < k:
        return frozenset([t])
    return frozenset(t[i:i + k] for i in range(len(t) - k + 1))


# --- generation -----------------------------------------------------------------

def sentence(rng, n):
    s = []
    for _ in range(n):
        r = rng.random()
        if r < 0.06:
            s.append(rng.choice(PUNCT))
        elif r < 0.10:
            s.append(str(rng.randrange(10)))
        elif r < 0.11:
            s.append(rng.choice([" ", "\u3000"]))
        else:
            s.append(rng.choice(HAN))
    return "".join(s) + rng.choice("。！？")


def widen_digits(text):
    return "".join(chr(ord(c) - 0x30 + 0xFF10) if "0" <= c <= "9" else c for c in text)


def replace_chars(rng, text, count):
    chars = list(text)
    spots = [i for i, c in enumerate(chars) if "\u4e00" <= c <= "\u9fa5"]
    for i in rng.sample(spots, min(count, len(spots))):
        chars[i] = rng.choice(HAN)
    return "".join(chars)


def edit_article(rng, lines):
    """One to three of the known edits, each named in the returned list."""
    lines = list(lines)
    done = []
    for _ in range(rng.randint(1, 3)):
        kind = rng.choice(["drop", "add", "swap", "credit", "width", "replace", "headline"])
        if kind == "drop" and len(lines) > 2:
            del lines[rng.randrange(1, len(lines))]
        elif kind == "add":
            lines.insert(rng.randrange(1, len(lines) + 1), sentence(rng, rng.randint(15, 40)))
        elif kind == "swap" and len(lines) > 2:
            i = rng.randrange(1, len(lines) - 1)
            lines[i], lines[i + 1] = lines[i + 1], lines[i]
        elif kind == "credit":
            if lines[-1] in CREDITS:
                lines[-1] = rng.choice(CREDITS)
            else:
                lines.append(rng.choice(CREDITS))
        elif kind == "width":
            lines = [widen_digits(l) for l in lines]
        elif kind == "replace":
            i = rng.randrange(len(lines))
            lines[i] = replace_chars(rng, lines[i], rng.randint(1, 4))
        elif kind == "headline":
            lines[0] = sentence(rng, rng.randint(8, 16))
        else:
            continue
        done.append(kind)
    return lines


def edit_line(rng, line):
    for _ in range(rng.randint(1, 2)):
        kind = rng.choice(["width", "replace", "prefix", "suffix", "punct"])
        if kind == "width":
            line = widen_digits(line)
        elif kind == "replace":
            line = replace_chars(rng, line, rng.randint(1, 3))
        elif kind == "prefix":
            line = rng.choice(["【快讯】", "据报道，", "新华社电 "]) + line
        elif kind == "suffix":
            line = line + rng.choice(CREDITS)
        else:
            chars = list(line)
            chars.insert(rng.randrange(len(chars) + 1), rng.choice(PUNCT))
            line = "".join(chars)
    return line


def generate(directory, seed):
    rng = random.Random(seed)
    docs = os.path.join(directory, "docs")
    os.makedirs(docs, exist_ok=True)
    articles = []
    for i in range(120):
        lines = [sentence(rng, rng.randint(8, 16))]
        lines += [sentence(rng, rng.randint(20, 60)) for _ in range(rng.randint(3, 9))]
        if rng.random() < 0.5:
            lines.append(rng.choice(CREDITS))
        articles.append(lines)
        for _ in range(rng.choice([0, 0, 1, 1, 2, 3])):  # reprints, some of reprints
            articles.append(edit_article(rng, rng.choice(articles[-2:] if len(articles) > 1 else articles)))
    order = list(range(len(articles)))
    rng.shuffle(order)
    for n, i in enumerate(order):
        with open(os.path.join(docs, "a%04d.txt" % n), "w", encoding="utf-8") as f:
            f.write("\n".join(articles[i]) + "\n")
    lines = []
    for i in range(900):
        base = sentence(rng, rng.randint(4, 70)) if rng.random() > 0.03 else rng.choice(["", "。", "——"])
        lines.append(base)
        for _ in range(rng.choice([0, 0, 0, 1, 1, 2])):
            lines.append(edit_line(rng, base))
    rng.shuffle(lines)
    with open(os.path.join(directory, "lines.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


# --- the all-pairs reference ------------------------------------------------------

def inputs_of(paths):
    """(name, path) of each input file as `zhtext` lists them: files as given,
    directories as their *.txt files sorted by path (DIR/name)."""
    out = []
    for p in paths:
        if os.path.isdir(p):
            found = []
            for root, dirs, files in os.walk(p):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                rel = os.path.relpath(root, p)
                for f in files:
                    if f.endswith(".txt") and not f.startswith("."):
                        found.append(f if rel == "." else rel + "/" + f)
            for f in sorted(found, key=lambda s: s.encode()):
                out.append((os.path.join(p, f), os.path.join(p, f)))
        else:
            out.append((p, p))
    return out


def pairs(argv):
    per_line, j, k, paths = False, 0.8, 5, []
    i = 0
    while i < len(argv):
        if argv[i] == "--per-line":
            per_line = True
        elif argv[i] == "--threshold":
            i += 1
            j = float(argv[i])
        elif argv[i] == "--shingle":
            i += 1
            k = int(argv[i])
        else:
            paths.append(argv[i])
        i += 1
    names, sets = [], []
    for name, path in inputs_of(paths):
        with open(path, "rb") as f:
            text = f.read().decode("utf-8", errors="replace")
        if per_line:
            for line in text.split("\n")[:-1] if text.endswith("\n") else text.split("\n") if text else []:
                names.append(str(len(names) + 1))
                sets.append(shingles(line, k))
        else:
            names.append(name)
            sets.append(shingles(text, k))
    out = []
    for a in range(len(sets)):
        sa = sets[a]
        if not sa:
            continue
        for b in range(a + 1, len(sets)):
            sb = sets[b]
            if not sb:
                continue
            small, large = min(len(sa), len(sb)), max(len(sa), len(sb))
            if small < j * large:  # |A n B| / |A u B| <= small / large < J: exact skip
                continue
            inter = len(sa & sb)
            union = len(sa) + len(sb) - inter
            s = inter / union
            if s >= j:
                out.append("%s\t%s\t%.4f\n" % (names[a], names[b], s))
    sys.stdout.write("".join(out))


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "gen":
        generate(sys.argv[2], int(sys.argv[3]))
    elif len(sys.argv) >= 2 and sys.argv[1] == "pairs":
        pairs(sys.argv[2:])
    else:
        sys.exit(__doc__)
