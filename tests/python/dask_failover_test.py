"""examples/dask/corpus_job.py on a LocalCluster of 2 worker processes, one of which is
killed (SIGKILL) while it counts a shard: Dask reschedules the shard and the merged
table is still byte for byte what `zhtext count` prints.

The counting task of shard 0 publishes its worker's pid and waits (on a Dask Event,
with a time-out) until the test has killed that process; the rerun finds the pid
already published and goes on. No sleeps: the test waits on the Variable and Event."""
import os
import signal
import sys

import dask_support as S

from distributed import Event, Variable


def hook(shard):
    if shard != 0:
        return
    victim = Variable("victim")
    try:
        victim.get(timeout=0.5)
        return  # the rerun, after the kill
    except Exception:  # noqa: BLE001 - distributed raises TimeoutError (asyncio's or the builtin)
        pass
    victim.set(os.getpid())
    Event("killed").wait(timeout=300)  # the test kills this process meanwhile


def main():
    paths = S.documents()
    cluster, client = S.cluster()
    try:
        job = client.submit(lambda: None)  # the client is ready
        job.result()
        import threading

        result = {}
        runner = threading.Thread(target=lambda: result.update(
            out=S.corpus_job.run_job(client, paths, files_per_shard=2, hook=hook)))
        runner.start()
        pid = Variable("victim", client=client).get(timeout=300)
        workers = client.run(os.getpid)
        assert pid in workers.values(), (pid, workers)
        os.kill(pid, signal.SIGKILL)
        Event("killed", client=client).set()
        runner.join(timeout=600)
        if runner.is_alive() or "out" not in result:
            print("FAILED: the job did not finish after the worker was killed", file=sys.stderr)
            return (1)
        table = result["out"][0]
        alive = client.run(os.getpid)
    finally:
        client.close()
        cluster.close()
    want = S.zhtext_count(paths)
    got = table.to_tsv().encode("utf-8")
    print("killed worker %d (workers after: %s); %d rows: %s" % (pid, sorted(alive.values()), len(table),
                                                                 "same" if got == want else "DIFFERENT"))
    if pid in alive.values():
        print("FAILED: the worker was not killed", file=sys.stderr)
        return (1)
    return (0 if got == want else 1)


if __name__ == "__main__":  # the worker processes are spawned: they import this file
    sys.exit(main())
