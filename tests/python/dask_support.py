"""Shared by the Dask tests: the documents (the news corpus when present, and the
project's own texts, so the tests run everywhere), `zhtext count` on them, and a
LocalCluster of 2 worker processes on the loopback interface."""
import logging
import os
import subprocess
import sys

SOURCE = os.environ["ZHTEXT_SOURCE_DIR"]
sys.path.insert(0, os.path.join(SOURCE, "examples", "dask"))

import corpus_job  # noqa: E402


def documents():
    corpus = os.environ.get("ZHTEXT_CORPUS") or os.path.join(SOURCE, "..", "shared", "corpus", "news")
    paths = [os.path.join(SOURCE, p) for p in ("README.md", "examples/data/sample_news.txt",
                                               "tests/data/segment_edge_cases.txt", "data/stopwords.txt")]
    if os.path.isdir(corpus):
        paths += corpus_job.list_files([corpus])
    else:
        print("*** news corpus not found at %s: the project's texts only ***" % corpus, file=sys.stderr)
    return paths


def zhtext_count(paths, *args):
    return subprocess.run([os.environ["ZHTEXT_CLI"], "count", "--format", "tsv"] + list(args) + paths,
                          check=True, stdout=subprocess.PIPE).stdout


def cluster():
    from distributed import Client, LocalCluster

    logging.getLogger("distributed").setLevel(logging.ERROR)
    c = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, host="127.0.0.1",
                     silence_logs=logging.ERROR)
    return c, Client(c, timeout=120)
