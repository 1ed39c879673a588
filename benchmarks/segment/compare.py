#!/usr/bin/python3
"""Runs segmentation benchmark runners and prints the Markdown comparison table.

Called by benchmarks/segment/run.sh, which installs and builds the runners first:

    compare.py --input BIG --agree-input SMALL --out DIR [--runs N] [--modes M,...]
               --impl NAME=COMMAND [--impl NAME=COMMAND ...] [--pending NAME=REASON]
               [--smoke]

Every COMMAND follows the runner interface (see benchmarks/README.md):
    COMMAND --mode MODE --input FILE [--tokens-out FILE]
printing one JSON line with impl, mode, bytes, tokens, load_s, segment_s, peak_rss_kib
(and optionally segment_cpu_s, the process's CPU time in the loop; other keys are
ignored).

- Timing: each runner segments BIG once per mode (without --tokens-out, so writing
  tokens never counts), mode by mode, every implementation back to back; with
  --runs N the sweep is repeated and each figure is the best of N (lowest
  segment_s, segment_cpu_s, load_s and peak RSS, each on its own).
- Agreement: each runner segments SMALL (the corpus once; BIG is SMALL repeated, so
  the share is the same) with --tokens-out; a line agrees when its tokens are
  identical to Python jieba's for the same mode. Lines of SMALL that are blank
  (empty or only White_Space) are not counted.
- The implementation named "zhtext" is the numerator of the ratio columns; the one
  named "jieba" is the reference for agreement.
- --smoke: runs each runner on SMALL only (meant to be a 3-line file), checks that
  its JSON parses with the interface's keys and its tokens file has one line per
  input line, prints one line per check and exits 1 if any failed.
"""
import argparse
import json
import os
import shlex
import subprocess
import sys

MODES = ["precise", "precise-nohmm", "full", "search"]
KEYS = {"impl": str, "mode": str, "bytes": int, "tokens": int, "load_s": (int, float),
        "segment_s": (int, float), "peak_rss_kib": int}
WHITE_SPACE = set("\t\n\x0b\x0c\r \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000" +
                  "".join(chr(c) for c in range(0x2000, 0x200B)))


def parse_pairs(items, what):
    out = {}
    for item in items or []:
        name, sep, value = item.partition("=")
        if not sep or not name:
            sys.exit(f"compare.py: {what} must be NAME=VALUE, got {item!r}")
        out[name] = value
    return out


def run_runner(command, mode, path, tokens_out=None):
    """Runs one runner; returns (result dict or None, error text)."""
    argv = shlex.split(command) + ["--mode", mode, "--input", path]
    if tokens_out:
        argv += ["--tokens-out", tokens_out]
    proc = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines = [l for l in proc.stdout.splitlines() if l.strip()]
    if proc.returncode != 0 or len(lines) != 1:
        err = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        return None, f"exit {proc.returncode}: {err}"
    try:
        result = json.loads(lines[0])
    except ValueError as e:
        return None, f"output is not JSON ({e}): {lines[0][:120]}"
    for key, types in KEYS.items():
        if not isinstance(result.get(key), types):
            return None, f"JSON lacks {key!r} of the right type: {lines[0][:160]}"
    if result["mode"] != mode:
        return None, f"JSON says mode {result['mode']!r}, asked for {mode!r}"
    return result, ""


def read_lines(path):
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        text = f.read()
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def is_blank(line):
    return all(ch in WHITE_SPACE for ch in line)


def agreement(reference, other, input_lines):
    """(agreeing, counted) over the non-blank input lines."""
    agree = counted = 0
    for i, line in enumerate(input_lines):
        if is_blank(line):
            continue
        counted += 1
        if i < len(reference) and i < len(other) and reference[i] == other[i]:
            agree += 1
    return agree, counted


def smoke(args, impls):
    ok = True
    n_in = len(read_lines(args.agree_input))
    for mode in args.modes:
        for name, command in impls.items():
            out = os.path.join(args.out, f"smoke.{name}.{mode}.txt")
            result, err = run_runner(command, mode, args.agree_input, out)
            if result is not None:
                n_out = len(read_lines(out)) if os.path.exists(out) else -1
                if n_out != n_in:
                    err = f"--tokens-out has {n_out} lines for {n_in} input lines"
            status = "ok  " if not err else "FAIL"
            ok = ok and not err
            detail = err or (f"{result['tokens']} tokens, ready in "
                             f"{result['load_s'] * 1e3:.0f} ms")
            print(f"{status} {name:9} {mode:13} {detail}")
    return 0 if ok else 1


def fmt(value, digits):
    return f"{value:.{digits}f}"


def ratio(numerator, denominator):
    if denominator <= 0:
        return "∞"
    r = numerator / denominator
    return fmt(r, 0 if r >= 100 else 1 if r >= 10 else 2)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--input")
    ap.add_argument("--agree-input", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--modes", default=",".join(MODES))
    ap.add_argument("--impl", action="append", required=True)
    ap.add_argument("--pending", action="append")
    ap.add_argument("--smoke", action="store_true")
    args = ap.parse_args()
    args.modes = [m for m in args.modes.split(",") if m]
    for m in args.modes:
        if m not in MODES:
            sys.exit(f"compare.py: unknown mode {m!r} (modes: {', '.join(MODES)})")
    impls = parse_pairs(args.impl, "--impl")
    pending = parse_pairs(args.pending, "--pending")
    os.makedirs(args.out, exist_ok=True)
    if args.smoke:
        return smoke(args, impls)
    if not args.input:
        sys.exit("compare.py: --input is required")

    # Timing sweeps.
    best = {}      # (name, mode) -> result with the best figures of the runs
    errors = {}    # (name, mode) -> error text
    for run in range(args.runs):
        for mode in args.modes:
            for name, command in impls.items():
                result, err = run_runner(command, mode, args.input)
                key = (name, mode)
                print(f"  run {run + 1}/{args.runs} {name} {mode}: "
                      + (json.dumps(result) if result else err), file=sys.stderr)
                if result is None:
                    errors.setdefault(key, err)
                    continue
                if key not in best:
                    best[key] = dict(result)
                else:
                    b = best[key]
                    b["segment_s"] = min(b["segment_s"], result["segment_s"])
                    if "segment_cpu_s" in b and "segment_cpu_s" in result:
                        b["segment_cpu_s"] = min(b["segment_cpu_s"], result["segment_cpu_s"])
                    b["load_s"] = min(b["load_s"], result["load_s"])
                    b["peak_rss_kib"] = min(b["peak_rss_kib"], result["peak_rss_kib"])

    # Agreement with Python jieba on the corpus once.
    input_lines = read_lines(args.agree_input)
    agree = {}
    for mode in args.modes:
        outs = {}
        for name, command in impls.items():
            out = os.path.join(args.out, f"tokens.{name}.{mode}.txt")
            result, err = run_runner(command, mode, args.agree_input, out)
            if result is not None:
                outs[name] = read_lines(out)
            else:
                errors.setdefault((name, mode), err)
        if "jieba" in outs:
            for name, lines in outs.items():
                agree[(name, mode)] = agreement(outs["jieba"], lines, input_lines)

    # The table.
    big_bytes = os.path.getsize(args.input)
    counted = sum(1 for l in input_lines if not is_blank(l))
    print(f"Input: {big_bytes / 1e6:.1f} MB ({big_bytes} bytes), the news corpus repeated; "
          f"agreement over the corpus's {counted} non-blank lines. "
          f"Best of {args.runs} run(s). MB = 10^6 bytes, MiB = 2^20 bytes.")
    print()
    print("| mode | implementation | MB/s | MB/s on CPU time | ready (ms) | peak RSS (MiB) "
          "| same tokens as jieba | zhtext speed × | zhtext ready × | zhtext RSS × |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    names = [n for n in pending if n not in impls] + list(impls)
    notes = []
    for mode in args.modes:
        z = best.get(("zhtext", mode))
        for name in names:
            key = (name, mode)
            if name in pending:
                print(f"| {mode} | {name} | pending | | | | | | | |")
                continue
            r = best.get(key)
            if r is None:
                print(f"| {mode} | {name} | n/a | | | | | | | |")
                notes.append(f"{name} {mode}: {errors.get(key, 'no result')}")
                continue
            mbs = r["bytes"] / 1e6 / r["segment_s"] if r["segment_s"] > 0 else float("inf")
            cpu = r.get("segment_cpu_s")
            cpu_mbs = fmt(r["bytes"] / 1e6 / cpu, 2) if isinstance(cpu, (int, float)) and cpu > 0 else "-"
            ready_ms = r["load_s"] * 1e3
            rss = r["peak_rss_kib"] / 1024
            if key in agree:
                a, c = agree[key]
                same = "reference" if name == "jieba" else f"{100.0 * a / c:.2f} %" if c else "-"
            else:
                same = "n/a"
            if z is not None and name != "zhtext":
                zmbs = z["bytes"] / 1e6 / z["segment_s"]
                ratios = [ratio(zmbs, mbs), ratio(r["load_s"], z["load_s"]),
                          ratio(r["peak_rss_kib"], z["peak_rss_kib"])]
            elif name == "zhtext":
                ratios = ["1", "1", "1"]
            else:
                ratios = ["n/a" if "zhtext" in impls else "pending"] * 3
            print(f"| {mode} | {name} | {fmt(mbs, 2)} | {cpu_mbs} | {fmt(ready_ms, 0)} | {fmt(rss, 1)} "
                  f"| {same} | " + " | ".join(ratios) + " |")
    print()
    print("MB/s is on wall-clock time; MB/s on CPU time divides by the process's CPU time "
          "in the loop (optional segment_cpu_s), less disturbed by other programs on the "
          "machine. zhtext speed × = zhtext MB/s ÷ this MB/s (wall clock); zhtext ready × = "
          "this time to ready ÷ zhtext's; zhtext RSS × = this peak RSS ÷ zhtext's (above 1: "
          "zhtext is better).")
    for name, reason in pending.items():
        print(f"\n{name}: {reason}")
    for note in notes:
        print(f"\nn/a: {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
