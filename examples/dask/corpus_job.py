#!/usr/bin/python3
"""A corpus job on Dask distributed: word counts and keywords over shards of a corpus,
counted on the cluster's workers and tree-merged into one frequency table, the same
bytes `zhtext count` prints for the same files.

    python3 corpus_job.py --local 2 --out counts.tsv --keywords keywords.jsonl CORPUS_DIR
    python3 corpus_job.py --scheduler tcp://10.0.0.5:8786 --out counts.tsv CORPUS_DIR

Each file is one document (as `zhtext count FILE...` counts them); files are read by
the workers (so they must see the paths: a shared file system), ill-formed UTF-8
replaced by U+FFFD as the program does. A shard is a few files: one task counts it
(zhtext.count, without the GIL) and one task extracts its keywords
(zhtext.jieba.analyse.extract_tags, jieba's results). Tables travel between workers
pickled (zhtext's lossless JSON) and are merged pairwise, log2(shards) levels deep,
on the workers. A shard whose worker dies is recomputed elsewhere by Dask; counting is
deterministic, so the output does not change.

Near-duplicate candidates: pass `near_duplicates=(map_shard, reduce)` to run_job (see
its docstring); the hook runs beside counting, over the same shards.
"""

import argparse
import json
import os
import sys


def list_files(inputs):
    """Files named, and the regular files under directories named (sorted)."""
    out = []
    for p in inputs:
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs.sort()
                out.extend(os.path.join(root, f) for f in sorted(files))
        else:
            out.append(p)
    return out


def shards_of(paths, files_per_shard):
    return [paths[i:i + files_per_shard] for i in range(0, len(paths), files_per_shard)]


def read_document(path):
    """A file's text: UTF-8, each ill-formed sequence as U+FFFD (as `zhtext count` reads)."""
    import zhtext

    with open(path, "rb") as f:
        return zhtext.repair_utf8(f.read())


def count_shard(paths, options, hook=None, shard=None):
    """The frequency table of one shard's files (one document each)."""
    import zhtext

    if hook is not None:
        hook(shard)
    return zhtext.count([read_document(p) for p in paths], **options)


def merge_tables(a, b):
    a.merge(b)
    return a


def keywords_shard(paths, top):
    """[(path, [(word, weight), ...])] for the shard's files, as jieba.analyse.extract_tags."""
    import zhtext.jieba.analyse as analyse

    return [(p, analyse.extract_tags(read_document(p), topK=top, withWeight=True)) for p in paths]


def tree_merge(client, futures):
    """Merges tables pairwise on the workers until one is left (a future)."""
    while len(futures) > 1:
        nxt = [client.submit(merge_tables, futures[i], futures[i + 1], pure=False)
               for i in range(0, len(futures) - 1, 2)]
        if len(futures) % 2:
            nxt.append(futures[-1])
        futures = nxt
    return futures[0]


def run_job(client, paths, files_per_shard=4, count_options=None, keywords_top=0, near_duplicates=None, hook=None):
    """Runs the job on `client` (a distributed.Client) over `paths`.

    Returns (table, keywords, candidates): the merged zhtext.FrequencyTable; when
    keywords_top > 0, [(path, [(word, weight)])] in path order (else []); and the
    near-duplicate candidates, when `near_duplicates` = (map_shard, reduce) is given:
    map_shard(list of (path, text)) runs on a worker per shard and returns anything
    picklable (e.g. MinHash signatures), reduce(list of those, in shard order) runs on
    a worker and returns the candidates (else None). `hook(shard_index)`, when given,
    runs in each counting task first (tests use it to stop a worker mid-run).
    count_options: keyword arguments of zhtext.count (default: words, as the program)."""
    from distributed import wait

    opts = dict(count_options or {})
    shards = shards_of(paths, files_per_shard)
    if not shards:
        import zhtext

        return zhtext.FrequencyTable(), [], None
    counted = [client.submit(count_shard, s, opts, hook, i, pure=False) for i, s in enumerate(shards)]
    total = tree_merge(client, counted)
    kw = [client.submit(keywords_shard, s, keywords_top, pure=False) for s in shards] if keywords_top > 0 else []
    dup = None
    if near_duplicates is not None:
        map_shard, reduce = near_duplicates
        mapped = [client.submit(lambda s, f=map_shard: f([(p, read_document(p)) for p in s]), s, pure=False)
                  for s in shards]
        dup = client.submit(lambda parts, f=reduce: f(parts), mapped, pure=False)
    wait([total] + kw + ([dup] if dup is not None else []))
    table = total.result()
    keywords = [row for part in client.gather(kw) for row in part]
    return table, keywords, (dup.result() if dup is not None else None)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("inputs", nargs="+", help="files and directories (each file is a document)")
    where = ap.add_mutually_exclusive_group()
    where.add_argument("--scheduler", help="address of a running Dask scheduler")
    where.add_argument("--local", type=int, default=2, metavar="N",
                       help="start a LocalCluster of N worker processes on this machine (default 2)")
    ap.add_argument("--files-per-shard", type=int, default=4)
    ap.add_argument("--tokens", default="words", help="words (default), chars or ngram:N, as zhtext count --tokens")
    ap.add_argument("--out", default="-", help="the frequency table as TSV (default: standard output)")
    ap.add_argument("--keywords", metavar="FILE", help="also write each file's top keywords as JSON Lines")
    ap.add_argument("--top", type=int, default=10, help="keywords per file (default 10)")
    a = ap.parse_args(argv)

    from distributed import Client, LocalCluster

    paths = list_files(a.inputs)
    cluster = None
    if a.scheduler:
        client = Client(a.scheduler)
    else:
        cluster = LocalCluster(n_workers=a.local, threads_per_worker=1, processes=True, dashboard_address=None,
                               host="127.0.0.1")
        client = Client(cluster)
    try:
        table, keywords, _ = run_job(client, paths, a.files_per_shard, {"tokens": a.tokens},
                                     a.top if a.keywords else 0)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    tsv = table.to_tsv().encode("utf-8")
    if a.out == "-":
        sys.stdout.buffer.write(tsv)
    else:
        with open(a.out, "wb") as f:
            f.write(tsv)
    if a.keywords:
        with open(a.keywords, "w", encoding="utf-8") as f:
            for path, kws in keywords:
                f.write(json.dumps({"path": path, "keywords": kws}, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
