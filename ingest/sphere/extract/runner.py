"""Where extraction runs: in this process, on a pool of processes, or on a Dask cluster.

Every runner returns results in input order, so a parallel run writes the same graph as a serial
one. Models load once per process (the analysers cache them), so a worker pays for them once.
A worker's numeric libraries get one thread each: N workers on N cores, not N x N threads.
"""
from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, wait

from threadpoolctl import threadpool_limits

from ..multilingual import extract_by_language
from ..read.sources import Problem
from ..records import Article, Extraction
from .document import extract_article


def extract_or_problem(article: Article) -> Extraction | Problem:
    try:
        return extract_by_language(article)
    except Exception as exc:  # one bad article must not stop the run
        return Problem(article.source, f"extraction failed: {type(exc).__name__}: {exc}")


def prepare_worker() -> None:
    """Run once in each worker process: one BLAS/OpenMP thread, models loaded."""
    threadpool_limits(limits=1)
    extract_article(Article(doc="warm-up", text="Warm up.", source="warm-up", lang="en"))


class SerialRunner:
    def map(self, articles: list[Article]) -> Iterator[Extraction | Problem]:
        return map(extract_or_problem, articles)

    def warm_up(self) -> float:
        started = time.perf_counter()
        prepare_worker()
        return time.perf_counter() - started

    def close(self) -> None:
        return None


class PoolRunner:
    """A process pool; each worker loads the models once, when it starts."""

    def __init__(self, workers: int):
        self._pool = ProcessPoolExecutor(max_workers=workers, initializer=prepare_worker)
        self.workers = workers

    def map(self, articles: list[Article]) -> Iterator[Extraction | Problem]:
        """Submits at once and yields lazily, so the caller can write while workers extract."""
        chunk = max(1, len(articles) // (self.workers * 4))
        return self._pool.map(extract_or_problem, articles, chunksize=chunk)

    def warm_up(self) -> float:
        """Wait until every worker has started and loaded its models; returns the seconds taken."""
        started = time.perf_counter()
        wait([self._pool.submit(time.sleep, 0.05) for _ in range(self.workers)])
        return time.perf_counter() - started

    def close(self) -> None:
        self._pool.shutdown(cancel_futures=True)


class DaskRunner:
    """Extraction on an existing Dask cluster (`distributed` must be installed)."""

    def __init__(self, address: str):
        from distributed import Client

        self._client = Client(address)
        self._client.run(prepare_worker)

    def map(self, articles: list[Article]) -> Iterator[Extraction | Problem]:
        futures = self._client.map(extract_or_problem, articles, pure=False)
        return (future.result() for future in futures)

    def warm_up(self) -> float:
        return 0.0          # workers were prepared on connecting

    def close(self) -> None:
        self._client.close()


def make_runner(workers: int = 1, dask: str | None = None):
    if dask:
        return DaskRunner(dask)
    return PoolRunner(workers) if workers > 1 else SerialRunner()
