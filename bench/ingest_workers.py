"""Ingest throughput for 1, 2 and 4 extraction workers on a corpus built from the seeds.

Each seed is repeated N times (default 40) with a numbered line appended, so every document is a
distinct text; each worker count ingests the corpus into a fresh embedded store. Prints figures.

Usage: python bench/ingest_workers.py [N]
"""
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from sphere.extract.runner import make_runner
from sphere.pipeline import ingest
from sphere.store.embedded_store import EmbeddedStore

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def build_corpus(folder: Path, repeat: int) -> int:
    count = 0
    for seed in sorted(SEEDS.glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        for i in range(repeat):
            (folder / f"{seed.stem}-{i:04d}.txt").write_text(f"{text}\n\nCopy {i}.\n", encoding="utf-8")
            count += 1
    return count


def main() -> None:
    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    work = Path(tempfile.mkdtemp(prefix="sphere-workers-"))
    corpus = work / "corpus"
    corpus.mkdir()
    total = build_corpus(corpus, repeat)
    print(f"corpus: {total} documents; machine: {os.cpu_count()} cores")
    base = None
    for workers in (1, 2, 4):
        store = EmbeddedStore(work / f"store-{workers}")
        started = time.perf_counter()
        runner = make_runner(workers)
        warm = runner.warm_up()
        print(f"{workers} worker(s): started and loaded models in {warm:.1f} s")
        started = time.perf_counter()
        report = ingest([corpus], store, runner=runner)
        seconds = time.perf_counter() - started
        runner.close()
        store.close()
        rate = report.ingested / seconds
        base = base or rate
        print(f"{workers} worker(s): {report.ingested} documents in {seconds:.1f} s = {rate:.1f} docs/s "
              f"(x{rate / base:.2f})")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
