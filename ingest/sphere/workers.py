"""How many extraction processes an ingest uses: one per core unless the user says, and a pool
only where it pays.

A pool of processes pays for itself only on enough documents: each worker is a new process that
loads the language models again (3-5 s of CPU each), while a document takes about 0.2 s to extract.
On idle cores the workers load in parallel and a pool wins from a handful of documents; on a busy
machine their loads compete and it wins only when the documents it shares out outweigh one more
model load (some 20-40 documents). So the default runner extracts in this process until it meets a
chunk of at least POOL_FROM_DOCUMENTS new documents (the pipeline hands out chunks of up to 50),
and from then on extracts on one worker per core. A run of a few documents (a `watch` tick, a test
file) never starts a pool; a large run starts it with its first chunk. Either way the graph is the
same as a serial run's: every runner returns results in input order.

A worker exits when the process that started it dies (a killed ingest leaves no workers behind).

This module imports nothing heavy, so `sphere --help` can show the default.
"""
from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator

POOL_FROM_DOCUMENTS = 20
PARENT_CHECK_SECONDS = 1.0


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity, e.g. under taskset or a container's cpuset)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def exit_with_parent() -> None:
    """In a worker process: exit as soon as the process that started it is gone (killed, crashed)."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _start_worker() -> None:
    from .extract.runner import prepare_worker

    exit_with_parent()
    prepare_worker()


class CoreRunner:
    """Extraction on `workers` processes (default: one per core); chunks smaller than `pool_from`
    are extracted in this process until the pool has been started."""

    def __init__(self, workers: int | None = None, pool_from: int = POOL_FROM_DOCUMENTS):
        from .extract.runner import SerialRunner

        self.workers = workers or available_cores()
        self.pool_from = pool_from
        self._serial = SerialRunner()
        self._pool = None

    @property
    def pooled(self) -> bool:
        return self._pool is not None

    def map(self, articles: list) -> Iterator:
        if self._pool is None and (self.workers < 2 or len(articles) < self.pool_from):
            return self._serial.map(articles)
        from .extract.runner import extract_or_problem

        chunk = max(1, len(articles) // (self.workers * 4))
        return self._start_pool().map(extract_or_problem, articles, chunksize=chunk)   # yielded in input order

    def _start_pool(self):
        if self._pool is None:
            from concurrent.futures import ProcessPoolExecutor

            self._pool = ProcessPoolExecutor(max_workers=self.workers, initializer=_start_worker)
        return self._pool

    def warm_up(self) -> float:
        """Start the pool now (when there is more than one worker) and wait until every worker has
        loaded its models; returns the seconds taken."""
        if self.workers < 2:
            return self._serial.warm_up()
        from concurrent.futures import wait

        started = time.perf_counter()
        pool = self._start_pool()
        wait([pool.submit(time.sleep, 0.05) for _ in range(self.workers)])
        return time.perf_counter() - started

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
