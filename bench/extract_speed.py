"""Extraction speed and memory on the seed mix repeated N times (default 200), in one process and on the pool
`sphere ingest` uses by default (one worker per core, sphere/workers.py). Prints figures.

A folder given after N is read instead of the seeds: distinct articles (e.g. ../shared/eval/dev/texts) show
the speed on news whose names and sentences do not repeat, where the per-process caches help less.

Usage: .venv/bin/python bench/extract_speed.py [N] [FOLDER]
"""
import resource
import sys
import time
from pathlib import Path

from sphere.extract.document import extract_article
from sphere.read.sources import iter_articles
from sphere.workers import CoreRunner, available_cores

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def main() -> None:
    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    articles = list(iter_articles([Path(sys.argv[2]) if len(sys.argv) > 2 else SEEDS]))
    started = time.perf_counter()
    for article in articles:
        extract_article(article)
    load = time.perf_counter() - started
    corpus = articles * repeat
    started = time.perf_counter()
    for article in corpus:
        extract_article(article)
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"first pass (models load once): {load:.2f} s")
    print(f"{len(corpus)} articles in {elapsed:.2f} s: {len(corpus) / elapsed:.1f} articles/s (one process)")
    print(f"peak memory: {peak:.0f} MB (one process)")
    pooled(corpus, available_cores())


def pooled(corpus, workers: int) -> None:
    runner = CoreRunner(workers, pool_from=1)
    runner.warm_up()
    started = time.perf_counter()
    done = sum(1 for _ in runner.map(corpus))
    elapsed = time.perf_counter() - started
    runner.close()
    worker_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{done} articles in {elapsed:.2f} s: {done / elapsed:.1f} articles/s ({workers} worker processes)")
    print(f"peak memory of one worker: {worker_peak:.0f} MB")


if __name__ == "__main__":
    main()
