"""Ingest speed of Neo4j against the embedded store: the same corpus, the same workers, one run.

The corpus is built from the seeds as in bench/ingest_workers.py (each seed repeated N times with a
numbered line appended, so every article is a distinct text; N=60 gives 300 articles). It is
ingested with `--workers W` (default 2) into a fresh embedded store and into the Neo4j at NEO4J_URI
(emptied first), and the time spent inside the store's own write calls is reported beside the whole
run's rate, so extraction and writing can be told apart.

Usage: NEO4J_URI=bolt://... python bench/store_write_speed.py [N] [--workers W]
Target: Neo4j's articles/s at least 0.8x the embedded store's.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from sphere.extract.runner import make_runner
from sphere.pipeline import ingest
from sphere.store.base import GraphStore
from sphere.store.embedded_store import EmbeddedStore

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ingest_workers import build_corpus  # noqa: E402

TIMED_CALLS = ("write", "change_projection", "iter_rows", "query", "run_module")


class StoreTimer:
    """Wraps a store's calls and adds up the seconds spent in them, and the rows they read back."""

    def __init__(self, store: GraphStore):
        self.store = store
        self.seconds = 0.0
        self.rows_read = 0
        self._depth = 0             # a call made from inside another timed call is not counted twice
        for name in TIMED_CALLS:
            setattr(store, name, self._timed(getattr(store, name)))

    def _timed(self, method):
        def call(*args, **kwargs):
            started = time.perf_counter()
            self._depth += 1
            try:
                result = method(*args, **kwargs)
                if hasattr(result, "__next__"):
                    rows = list(result)
                    self.rows_read += len(rows)
                    result = iter(rows)
                elif hasattr(result, "rows"):
                    self.rows_read += len(result.rows)
                return result
            finally:
                self._depth -= 1
                if self._depth == 0:
                    self.seconds += time.perf_counter() - started
        return call


def neo4j_store():
    from sphere.store.neo4j_store import Neo4jStore
    store = Neo4jStore(os.environ["NEO4J_URI"], os.environ.get("NEO4J_USER", "neo4j"),
                       os.environ.get("NEO4J_PASSWORD", ""), os.environ.get("NEO4J_DATABASE") or None)
    store.ensure_schema()
    store.query("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS")
    return store


def measure(label: str, store: GraphStore, corpus: Path, workers: int) -> float:
    timer = StoreTimer(store)
    runner = make_runner(workers)
    runner.warm_up()
    started = time.perf_counter()
    report = ingest([corpus], store, runner=runner)
    seconds = time.perf_counter() - started
    runner.close()
    store.close()
    rate = report.ingested / seconds
    print(f"{label:9s} {report.ingested} articles, {report.events} events in {seconds:.1f} s = "
          f"{rate:.2f} articles/s, {report.events / seconds:.0f} events/s; "
          f"{timer.seconds:.1f} s in the store's calls", flush=True)
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repeat", nargs="?", type=int, default=60, help="copies of each seed")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if not os.environ.get("NEO4J_URI"):
        sys.exit("set NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD) to a Neo4j server whose graph may be emptied")
    work = Path(tempfile.mkdtemp(prefix="sphere-store-speed-"))
    try:
        corpus = work / "corpus"
        corpus.mkdir()
        total = build_corpus(corpus, args.repeat)
        print(f"corpus: {total} articles; {args.workers} workers; machine: {os.cpu_count()} cores", flush=True)
        embedded = measure("embedded", EmbeddedStore(work / "embedded"), corpus, args.workers)
        neo4j = measure("neo4j", neo4j_store(), corpus, args.workers)
        print(f"neo4j / embedded: {neo4j / embedded:.2f}x (target >= 0.80x)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
