"""Start-up time of the `sphere` command: the wall time of fresh processes, median of N runs (default 3).

Times `sphere --help`, `sphere stats` on an empty and on a seeded embedded store, and `sphere extract`
of a one-sentence English file. The gazetteer cache is warmed by one untimed `extract` first, so the
figures are those of every later process. Several code trees can be timed side by side, one column each,
runs interleaved so that a busy machine slows every tree alike:

    python bench/startup.py                                   # the tree on PYTHONPATH
    python bench/startup.py --tree /tmp/main/ingest --tree ingest --runs 5
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ONE_SENTENCE = "date 2024-03-04\nRussian Foreign Minister Sergey Lavrov met Turkish President Erdogan in Ankara.\n"
SEEDS = Path(__file__).resolve().parents[1] / "seeds"
SPHERE = [sys.executable, "-c", "from sphere.cli import main; main()"]


def sphere_env(tree: str, data: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}     # the embedded store
    env.update(PYTHONPATH=tree, SPHERE_DATA=str(data))
    return env


def run(args: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(SPHERE + args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"sphere {' '.join(args)} failed ({done.returncode}): {done.stderr[-500:]}")
    return seconds


def commands(work: Path) -> dict[str, tuple[list[str], str]]:
    """name -> (arguments, store folder)."""
    sentence = work / "one-sentence-en.txt"
    return {
        "sphere --help": (["--help"], "empty"),
        "sphere stats (empty store)": (["stats"], "empty"),
        "sphere stats (seeded store)": (["stats"], "seeded"),
        "sphere extract one-sentence-en.txt": (["extract", str(sentence)], "empty"),
    }


def prepare(work: Path, trees: list[str]) -> None:
    (work / "one-sentence-en.txt").write_text(ONE_SENTENCE, encoding="utf-8")
    for tree in trees:
        folder = work / _slug(tree)
        env = sphere_env(tree, folder / "seeded")
        run(["ingest", "--quiet", str(SEEDS)], env)                  # seeds the store, warms the gazetteer cache
        run(["extract", str(work / "one-sentence-en.txt")], env)


def _slug(tree: str) -> str:
    return str(abs(hash(tree)))


def measure(work: Path, trees: list[str], runs: int) -> dict[str, dict[str, list[float]]]:
    times = {name: {tree: [] for tree in trees} for name in commands(work)}
    for _ in range(runs):
        for name, (args, store) in commands(work).items():
            for tree in trees:
                times[name][tree].append(run(args, sphere_env(tree, work / _slug(tree) / store)))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tree", action="append", help="a PYTHONPATH holding the sphere package (repeatable)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    trees = args.tree or [os.environ.get("PYTHONPATH") or str(Path(__file__).resolve().parents[1] / "ingest")]
    trees = [str(Path(t).resolve()) for t in trees]
    work = Path(tempfile.mkdtemp(prefix="sphere-startup-"))
    try:
        prepare(work, trees)
        times = measure(work, trees, args.runs)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    load = os.getloadavg()[0]
    print(f"median wall seconds of {args.runs} fresh processes; load average {load:.2f} on {os.cpu_count()} cores")
    width = max(len(name) for name in times)
    for i, tree in enumerate(trees):
        print(f"  [{i}] {tree}")
    print(f"{'command':<{width}} " + " ".join(f"{'[' + str(i) + ']':>8}" for i in range(len(trees)))
          + ("   ratio [0]/[1]" if len(trees) == 2 else ""))
    for name, per_tree in times.items():
        medians = [statistics.median(per_tree[tree]) for tree in trees]
        ratio = f"   x{medians[0] / medians[1]:.1f}" if len(trees) == 2 and medians[1] else ""
        print(f"{name:<{width}} " + " ".join(f"{m:>8.2f}" for m in medians) + ratio)


if __name__ == "__main__":
    main()
