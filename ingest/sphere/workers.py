"""How many extraction processes an ingest uses when the user does not say: one per core.

A pool of processes pays for itself only on enough documents: each worker is a new process that
loads the language models again (3-5 s of CPU each), while a document takes about 0.2 s to extract.
On idle cores the workers load in parallel and a pool wins from a handful of documents; on a busy
machine their loads compete and it wins only when the documents it shares out outweigh one more
model load (some 20-40 documents). So the default runner extracts in this process until it meets a
chunk of at least POOL_FROM_DOCUMENTS new documents (the pipeline hands out chunks of up to 50),
and from then on extracts on one worker per core. A run of a few documents (a `watch` tick, a test
file) never starts a pool; a large run starts it with its first chunk. Either way the graph is the
same as a serial run's: every runner returns results in input order.

This module imports nothing heavy, so `sphere --help` can show the default.
"""
from __future__ import annotations

import os
from collections.abc import Iterator

POOL_FROM_DOCUMENTS = 20


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity, e.g. under taskset or a container's cpuset)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


class CoreRunner:
    """The default runner: serial for small chunks, one worker per core from the first large chunk on."""

    def __init__(self, cores: int | None = None, pool_from: int = POOL_FROM_DOCUMENTS):
        from .extract.runner import SerialRunner

        self.workers = cores or available_cores()
        self.pool_from = pool_from
        self._serial = SerialRunner()
        self._pool = None

    @property
    def pooled(self) -> bool:
        return self._pool is not None

    def map(self, articles: list) -> Iterator:
        if self._pool is None and (self.workers < 2 or len(articles) < self.pool_from):
            return self._serial.map(articles)
        return self._start_pool().map(articles)

    def _start_pool(self):
        if self._pool is None:
            from .extract.runner import PoolRunner

            self._pool = PoolRunner(self.workers)
        return self._pool

    def warm_up(self) -> float:
        """Start the pool now (when there is more than one core) and wait for its workers' models."""
        return self._start_pool().warm_up() if self.workers > 1 else self._serial.warm_up()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
