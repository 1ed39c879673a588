#!/usr/bin/python3
"""zhtext.jieba against Python jieba 0.42.1, in one process on the same text, in
interleaved rounds (the machine is shared: each round times both, the ratio is taken
per round, and the median and the worst round are reported):

  lcut            jieba.lcut over every line of the corpus
  extract_tags    jieba.analyse.extract_tags(article, topK=20, withWeight=True) per article
  threads         zhtext.jieba.lcut over the corpus lines N times: 1 thread vs 2 threads
                  each doing half; against what this machine allows in the same round:
                  2 independent processes each doing half vs 1 process doing all

    PYTHONPATH=build/rel/python /usr/bin/python3 benchmarks/python/jieba_bench.py [--rounds 5]

The corpus is ../shared/corpus/news (or $ZHTEXT_CORPUS). Results are printed as a
Markdown table (benchmarks/README.md has one run).
"""

import argparse
import os
import statistics
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))


def corpus():
    root = os.environ.get("ZHTEXT_CORPUS") or os.path.join(ROOT, "..", "shared", "corpus", "news")
    names = sorted(n for n in os.listdir(root) if n.endswith(".txt"))
    articles = []
    for n in names:
        with open(os.path.join(root, n), encoding="utf-8") as f:
            articles.append(f.read())
    lines = [l for a in articles for l in a.splitlines()]
    return articles, lines


def timed(f):
    t = time.perf_counter()
    f()
    return time.perf_counter() - t


def cut_all(lcut, lines, times):
    for _ in range(times):
        for l in lines:
            lcut(l)


def worker(args):
    """--worker TIMES START: cut the corpus TIMES times from monotonic time START on;
    print the monotonic end time."""
    import zhtext.jieba as Z

    _, lines = corpus()
    Z.lcut(lines[0])
    times, start = int(args[0]), float(args[1])
    while time.monotonic() < start:
        pass
    cut_all(Z.lcut, lines, times)
    print(time.monotonic())


def processes(n, times):
    """Wall time of n processes each cutting the corpus `times` times, started together."""
    start = time.monotonic() + 1.5  # after every process has loaded (about 0.2 s each)
    ps = [subprocess.Popen([sys.executable, __file__, "--worker", str(times), repr(start)], stdout=subprocess.PIPE,
                           text=True) for _ in range(n)]
    ends = [float(p.communicate()[0]) for p in ps]
    return max(ends) - start


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--worker", nargs=2)
    ap.add_argument("--repeat", type=int, default=8, help="corpus passes for the threads test (default 8)")
    a = ap.parse_args()
    if a.worker:
        return worker(a.worker)

    import jieba as J
    import jieba.analyse as JA
    import zhtext.jieba as Z
    import zhtext.jieba.analyse as ZA

    J.setLogLevel(60)
    articles, lines = corpus()
    size = sum(len(x.encode()) for x in articles)
    J.initialize()
    Z.initialize()
    assert [J.lcut(l) for l in lines] == [Z.lcut(l) for l in lines]
    assert [JA.extract_tags(x, withWeight=True) for x in articles] == [ZA.extract_tags(x, withWeight=True) for x in articles]

    rows = {"lcut": [], "extract_tags": [], "threads": []}
    secs = {"lcut": [], "extract_tags": []}
    half = a.repeat // 2
    for r in range(a.rounds):
        tj = timed(lambda: cut_all(J.lcut, lines, 1))
        tz = timed(lambda: cut_all(Z.lcut, lines, 4)) / 4
        rows["lcut"].append(tj / tz)
        secs["lcut"].append((tj, tz))
        kj = timed(lambda: [JA.extract_tags(x, withWeight=True) for x in articles])
        kz = timed(lambda: [[ZA.extract_tags(x, withWeight=True) for x in articles] for _ in range(8)]) / 8
        rows["extract_tags"].append(kj / kz)
        secs["extract_tags"].append((kj, kz))
        # threads vs processes, interleaved in the same round
        t1 = timed(lambda: cut_all(Z.lcut, lines, 2 * half))
        ths = [threading.Thread(target=cut_all, args=(Z.lcut, lines, half)) for _ in range(2)]
        t2 = timed(lambda: ([t.start() for t in ths], [t.join() for t in ths]))
        p1 = processes(1, 2 * half)
        p2 = processes(2, half)
        rows["threads"].append((t1 / t2, p1 / p2))
        print("round %d: lcut %.1fx, extract_tags %.1fx, 2 threads %.2fx, 2 processes %.2fx" % (
            r + 1, tj / tz, kj / kz, t1 / t2, p1 / p2), file=sys.stderr)

    print("Corpus: %d articles, %d lines, %.0f KB; %d interleaved rounds on a shared 2-core machine (load %.1f)\n" % (
        len(articles), len(lines), size / 1024, a.rounds, os.getloadavg()[0]))
    print("| measure | jieba 0.42.1 | zhtext.jieba | ratio (median) | worst round |")
    print("|---|---|---|---|---|")
    for k, unit in (("lcut", "corpus"), ("extract_tags", "articles")):
        j = statistics.median(s[0] for s in secs[k])
        z = statistics.median(s[1] for s in secs[k])
        print("| %s (all %s) | %.1f ms | %.2f ms | %.1fx | %.1fx |" % (
            k, unit, j * 1e3, z * 1e3, statistics.median(rows[k]), min(rows[k])))
    th = [t for t, _ in rows["threads"]]
    pr = [p for _, p in rows["threads"]]
    eff = [t / p for t, p in rows["threads"]]
    print("\n| 2 threads vs 1 (zhtext.jieba.lcut) | 2 processes vs 1 (what the machine allows) | threads / allowed |")
    print("|---|---|---|")
    print("| %.2fx (median) | %.2fx (median) | %.2f (median; per round: %s) |" % (
        statistics.median(th), statistics.median(pr), statistics.median(eff), ", ".join("%.2f" % e for e in eff)))


if __name__ == "__main__":
    main()
