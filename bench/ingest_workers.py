"""Ingest throughput for 1, 2 and 4 extraction workers and for the default, and the cost of a pool on
small runs.

Each seed is repeated N times (default 40) with a numbered line appended, so every document is a
distinct text; each worker count ingests the corpus into a fresh embedded store. Then, with --small,
`sphere ingest` of 1 to 50 documents runs in fresh processes with --workers 1, --workers 2 and the
default (no flag), side by side, showing from how many documents a pool of workers pays for itself
(workers.POOL_FROM_DOCUMENTS). Prints figures.

Usage: python bench/ingest_workers.py [N] [--small] [--runs 3]
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sphere.extract.runner import make_runner
from sphere.pipeline import ingest
from sphere.store.embedded_store import EmbeddedStore
from sphere.workers import POOL_FROM_DOCUMENTS, CoreRunner, available_cores

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
SMALL_RUNS = (1, 5, 10, 20, 50)


def build_corpus(folder: Path, repeat: int) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    for seed in sorted(SEEDS.glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        for i in range(repeat):
            (folder / f"{seed.stem}-{i:04d}.txt").write_text(f"{text}\n\nCopy {i}.\n", encoding="utf-8")
            count += 1
    return count


def throughput(work: Path, corpus: Path) -> None:
    base = None
    for label, runner in [("1 worker", make_runner(1)), ("2 workers", make_runner(2)),
                          ("4 workers", make_runner(4)), (f"default ({available_cores()} cores)", CoreRunner())]:
        store = EmbeddedStore(work / f"store-{label.split()[0]}")
        warm = runner.warm_up()
        started = time.perf_counter()
        report = ingest([corpus], store, runner=runner)
        seconds = time.perf_counter() - started
        runner.close()
        store.close()
        rate = report.ingested / seconds
        base = base or rate
        print(f"{label}: models loaded in {warm:.1f} s; {report.ingested} documents in {seconds:.1f} s = "
              f"{rate:.1f} docs/s (x{rate / base:.2f})")


def small_runs(work: Path, runs: int) -> None:
    """Wall time of whole `sphere ingest` processes (models loaded in each) on small inputs."""
    flags = {"--workers 1": ["--workers", "1"], "--workers 2": ["--workers", "2"], "default": []}
    print(f"\nsmall runs: median wall seconds of {runs} fresh `sphere ingest` processes "
          f"(default starts a pool from {POOL_FROM_DOCUMENTS} documents)")
    print(f"{'documents':>9} " + " ".join(f"{name:>12}" for name in flags))
    for size in SMALL_RUNS:
        corpus = work / f"small-{size}"
        repeat = -(-size // 5)
        build_corpus(corpus, repeat)
        for extra in sorted(corpus.iterdir())[size:]:
            extra.unlink()
        times = {name: [] for name in flags}
        for run in range(runs):
            for name, args in flags.items():
                env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
                env["SPHERE_DATA"] = str(work / f"store-small-{size}-{run}-{name.replace(' ', '')}")
                started = time.perf_counter()
                subprocess.run([sys.executable, "-m", "sphere.cli", "ingest", str(corpus), "--quiet", *args],
                               env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                times[name].append(time.perf_counter() - started)
        print(f"{size:>9} " + " ".join(f"{statistics.median(t):>12.1f}" for t in times.values()))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("repeat", nargs="?", type=int, default=40)
    parser.add_argument("--small", action="store_true", help="also time small runs in fresh processes")
    parser.add_argument("--only-small", action="store_true", help="only the small runs")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="sphere-workers-"))
    print(f"machine: {os.cpu_count()} cores, {available_cores()} available; load average {os.getloadavg()[0]:.2f}")
    try:
        if not args.only_small:
            total = build_corpus(work / "corpus", args.repeat)
            print(f"corpus: {total} documents")
            throughput(work, work / "corpus")
        if args.small or args.only_small:
            small_runs(work, args.runs)
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
