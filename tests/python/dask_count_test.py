"""examples/dask/corpus_job.py on a LocalCluster of 2 worker processes: the merged
table is byte for byte what `zhtext count` prints for the same files (words, and
character bigrams), the keywords are zhtext.jieba.analyse's, and the near-duplicate
hook gets every shard."""
import sys

import dask_support as S

import zhtext.jieba.analyse as analyse

def main():
    paths = S.documents()
    failures = []
    cluster, client = S.cluster()
    try:
        for opts, args in (({}, []), ({"tokens": "ngram:2"}, ["--tokens", "ngram:2"])):
            table, keywords, dups = S.corpus_job.run_job(
                client, paths, files_per_shard=2, count_options=opts, keywords_top=5 if not opts else 0,
                near_duplicates=(lambda docs: [p for p, _ in docs], lambda parts: [p for part in parts for p in part]))
            want = S.zhtext_count(paths, *args)
            got = table.to_tsv().encode("utf-8")
            print("%s: %d rows, %d bytes: %s" % (args or "words", len(table), len(got), "same" if got == want else "DIFFERENT"))
            if got != want:
                failures.append("table of %s differs from zhtext count" % (args or "words"))
            if dups != paths:
                failures.append("the near-duplicate hook saw %r" % dups)
            if not opts:
                local = [(p, analyse.extract_tags(S.corpus_job.read_document(p), topK=5, withWeight=True)) for p in paths]
                if keywords != local:
                    failures.append("keywords differ from zhtext.jieba.analyse's")
    finally:
        client.close()
        cluster.close()
    for f in failures:
        print("FAILED:", f, file=sys.stderr)
    return (1 if failures else 0)


if __name__ == "__main__":  # the worker processes are spawned: they import this file
    sys.exit(main())
