#!/usr/bin/python3
"""Segmentation benchmark runner for Python jieba (Debian's python3-jieba).

Follows the common runner interface of benchmarks/segment/:

    jieba_runner.py --mode precise|precise-nohmm|full|search --input FILE
                    [--tokens-out FILE] [--cache-dir DIR]

and prints one JSON line:
    {"impl":"jieba","mode":...,"bytes":N,"tokens":T,"load_s":x,"segment_s":y,
     "segment_cpu_s":c,"peak_rss_kib":z,"cache":"warm"|"cold"}

load_s     `import jieba` + `jieba.initialize()` (the prefix dictionary is built, or
           read from jieba's marshal cache when the cache file already exists: the
           extra key "cache" says which; jieba writes the cache on a cold start).
segment_s  the loop over the input's lines only, each line cut into a list of str
           (list(jieba.cut(line, ...))); file reading and decoding are excluded.
segment_cpu_s  the CPU time of the process during that loop (time.process_time()):
           less disturbed than segment_s when other programs share the cores.
tokens     every token jieba produced, whitespace and empty ones included.
peak_rss_kib  resource.getrusage(RUSAGE_SELF).ru_maxrss after the loop.

--tokens-out writes one line per input line, tokens joined by two spaces, tokens that
are empty or made only of Unicode White_Space dropped (as `zhtext segment` does). It is written in a
second, untimed pass after the measurement.
--cache-dir makes jieba keep its cache in DIR instead of the system temp dir, so the
benchmark can measure a cold start without touching /tmp/jieba.cache.

Lines are the input split at "\\n" (a final empty piece after a trailing newline is
not a line); the input must be valid UTF-8. The process holds the input once, as
that list of str, when the dictionary is loaded.
"""
import argparse
import json
import os
import resource
import sys
import time

MODES = ("precise", "precise-nohmm", "full", "search")

# Unicode White_Space, the set zhtext::is_space uses (str.isspace() differs: it also
# takes U+001C..U+001F). A token made only of these, or empty, is not written.
WHITE_SPACE = frozenset(
    [chr(c) for c in range(0x09, 0x0E)] + ["\x20", "\x85", "\xa0", "\u1680"] +
    [chr(c) for c in range(0x2000, 0x200B)] +
    ["\u2028", "\u2029", "\u202f", "\u205f", "\u3000"])


def is_blank(token):
    return all(ch in WHITE_SPACE for ch in token)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mode", required=True, choices=MODES)
    ap.add_argument("--input", required=True)
    ap.add_argument("--tokens-out")
    ap.add_argument("--cache-dir")
    args = ap.parse_args()

    with open(args.input, "rb") as f:
        raw = f.read()
    n_bytes = len(raw)
    lines = raw.decode("utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    del raw  # the input is held once, as the list of lines

    t0 = time.perf_counter()
    import jieba
    jieba.setLogLevel(60)  # silence "Building prefix dict ..." on stderr
    if args.cache_dir:
        jieba.dt.tmp_dir = args.cache_dir
    cache_path = os.path.join(jieba.dt.tmp_dir or __import__("tempfile").gettempdir(),
                              "jieba.cache")
    cache = "warm" if os.path.isfile(cache_path) else "cold"
    jieba.initialize()
    load_s = time.perf_counter() - t0

    if args.mode == "precise":
        cut = lambda s: jieba.cut(s, HMM=True)
    elif args.mode == "precise-nohmm":
        cut = lambda s: jieba.cut(s, HMM=False)
    elif args.mode == "full":
        cut = lambda s: jieba.cut(s, cut_all=True)
    else:
        cut = lambda s: jieba.cut_for_search(s, HMM=True)

    tokens = 0
    c0 = time.process_time()
    t0 = time.perf_counter()
    for line in lines:
        words = list(cut(line))
        tokens += len(words)
    segment_s = time.perf_counter() - t0
    segment_cpu_s = time.process_time() - c0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    if args.tokens_out:
        with open(args.tokens_out, "w", encoding="utf-8") as out:
            for line in lines:
                out.write("  ".join(w for w in cut(line) if not is_blank(w)))
                out.write("\n")

    print(json.dumps({"impl": "jieba", "mode": args.mode, "bytes": n_bytes,
                      "tokens": tokens, "load_s": round(load_s, 6),
                      "segment_s": round(segment_s, 6),
                      "segment_cpu_s": round(segment_cpu_s, 6), "peak_rss_kib": peak,
                      "cache": cache}, separators=(",", ":")))


if __name__ == "__main__":
    sys.exit(main())
