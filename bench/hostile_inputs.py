"""Hostile and careless inputs, each through the real CLI (`python -m sphere.cli` in a subprocess,
in a temporary folder): prints what each case got (exit code, first line of stderr) and flags any
traceback, hang or doubled error line. Exit status 1 if any case printed a traceback or hung.

    PYTHONPATH=ingest .venv/bin/python bench/hostile_inputs.py [--only WORD]

Takes a few minutes: several cases run an ingest, which loads the language models.
"""
from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

TIMEOUT = 240
STORY = ("date 2020-03-01\nVladimir Putin met Khalifa Haftar in Moscow on Monday. Russia supplied weapons "
         "to the Libyan National Army, officials said.\n")
GERMAN = ("Der russische Außenminister Sergej Lawrow hat sich am Montag in Ankara mit seinem türkischen "
          "Amtskollegen getroffen. Die beiden Minister sprachen über die Lage in Libyen, wie das Ministerium "
          "in Moskau mitteilte. Es war das dritte Treffen in diesem Jahr.\n")
ARABIC = "وزير الخارجية الروسي سيرغي لافروف التقى نظيره التركي في أنقرة لبحث الوضع في ليبيا\n"
HTML_AS_TEXT = ("<!DOCTYPE html><html><head><title>Talks</title></head><body><nav>Home | World</nav><article>"
                "<p>Sergey Lavrov met Recep Tayyip Erdogan in Ankara on Friday to discuss Libya.</p>"
                "<p>The two ministers spoke for two hours, diplomats said afterwards.</p></article></body></html>")
HOLD_STORE = """
import sys, time
from sphere.store.embedded_store import EmbeddedStore
store = EmbeddedStore(sys.argv[1])
with store._using():
    print("holding", flush=True)
    time.sleep(float(sys.argv[2]))
store.close()
"""


@dataclass
class Outcome:
    case: str
    code: int | None
    first: str
    traceback: bool
    doubled: bool
    seconds: float

    def line(self) -> str:
        flags = " TRACEBACK" * self.traceback + " DOUBLED-LINES" * self.doubled + " HUNG" * (self.code is None)
        return f"{self.case:<38} exit={self.code!s:<4} {self.seconds:5.1f}s{flags}  {self.first}"


class Bench:
    def __init__(self, root: Path):
        self.root = root
        self.data = root / "data"
        self.outcomes: list[Outcome] = []

    def env(self, **extra: str) -> dict:
        env = {k: v for k, v in os.environ.items() if k not in ("NEO4J_URI", "SPHERE_OVERRIDES")}
        env.update({"SPHERE_DATA": str(self.data), "COLUMNS": "80", "SPHERE_RETRY_SECONDS": "0.2"})
        env.update(extra)
        return env

    def start(self, *args: str, **extra: str) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-m", "sphere.cli", *args], env=self.env(**extra), cwd=self.root,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def run(self, case: str, *args: str, **extra: str) -> subprocess.CompletedProcess | None:
        started = time.perf_counter()
        try:
            done = subprocess.run([sys.executable, "-m", "sphere.cli", *args], env=self.env(**extra), cwd=self.root,
                                  capture_output=True, text=True, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            self.report(Outcome(case, None, f"no answer in {TIMEOUT} s", False, False, TIMEOUT))
            return None
        self.record(case, done.returncode, done.stdout, done.stderr, time.perf_counter() - started)
        return done

    def record(self, case: str, code: int | None, stdout: str, stderr: str, seconds: float) -> None:
        lines = [line for line in stderr.splitlines() if line.strip()]
        errors = [line for line in lines if line.lower().startswith("error")]
        first = (errors or lines or stdout.splitlines() or ["(no output)"])[0]
        self.report(Outcome(case, code, first[:160], "Traceback (most recent call last)" in stderr + stdout,
                            len(errors) != len(set(errors)), seconds))

    def report(self, outcome: Outcome) -> None:
        self.outcomes.append(outcome)
        print(outcome.line(), flush=True)

    def write(self, name: str, text: str | bytes) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        (path.write_bytes if isinstance(text, bytes) else path.write_text)(text)
        return path

    def hold_store(self, seconds: float, data: Path | None = None) -> subprocess.Popen:
        holder = subprocess.Popen([sys.executable, "-c", HOLD_STORE, str(data or self.data), str(seconds)],
                                  env=self.env(), stdout=subprocess.PIPE, text=True)
        holder.stdout.readline()
        return holder


# ---- the cases ----------------------------------------------------------------------------------
def store_cases(b: Bench) -> None:
    holder = b.hold_store(8)
    b.run("stats while the store is held (2 s)", "stats", SPHERE_LOCK_WAIT_SECONDS="2")
    b.run("query waits for a 8 s hold", "query", "ego-network", "--param", "actor=putin")
    holder.wait()
    corpus = b.root / "many"
    for i in range(150):
        b.write(f"many/a{i:03d}.txt", STORY.replace("Monday", f"day {i}").replace("officials", f"source {i}"))
    ingest = b.start("ingest", str(corpus), "--quiet")
    time.sleep(15)
    for args in (["stats", "--json"], ["query", "timeline", "--param", "actor=russia"],
                 ["cypher", "MATCH (d:Document) RETURN count(d) AS documents"], ["fingerprint"]):
        running = "during" if ingest.poll() is None else "AFTER (too late to test)"
        b.run(f"{args[0]} {running} an ingest", *args)
    out, err = ingest.communicate(timeout=TIMEOUT * 3)
    b.record("the ingest itself", ingest.returncode, out, err, 0.0)
    watch_survives_a_failed_tick(b)


def watch_survives_a_failed_tick(b: Bench) -> None:
    inbox = b.root / "inbox"
    b.write("inbox/b.txt", STORY.replace("Moscow", "Benghazi"))
    holder = b.hold_store(30)
    started = time.perf_counter()
    watch = b.start("watch", str(inbox), "--every", "5s", SPHERE_LOCK_WAIT_SECONDS="1")
    holder.wait()
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline and watch.poll() is None:
        found = subprocess.run([sys.executable, "-m", "sphere.cli", "cypher",
                                "MATCH (d:Document) WHERE d.source ENDS WITH 'b.txt' AND d.ingested_at IS NOT NULL "
                                "RETURN count(d) AS n", "--format", "json"],
                               env=b.env(), capture_output=True, text=True)
        if '"n": 1' in found.stdout:
            break
        time.sleep(3)
    ingested = '"n": 1' in found.stdout
    alive = watch.poll() is None
    watch.terminate()
    out, err = watch.communicate(timeout=30)
    failed_tick = next((line for line in err.splitlines() if "run failed" in line), "no failed tick seen")
    verdict = "alive, ingested at a later tick" if alive and ingested else "DIED or never ingested"
    failures = sum("run failed" in line for line in err.splitlines())
    b.report(Outcome("watch: failed ticks, then the next", 0 if alive and ingested else 1,
                     f"{verdict} after {failures} failed tick(s): {failed_tick}"[:160],
                     "Traceback (most recent call last)" in err + out, False, time.perf_counter() - started))


def input_cases(b: Bench) -> None:
    surrogate = json.dumps({"id": "s1", "text": "Russia supplied weapons to Libya.\ud800"}) + "\n" + json.dumps(
        {"id": "s2", "text": STORY.replace("Monday", "Tuesday")}) + "\n"
    b.run("JSON Lines with a lone surrogate", "ingest", str(b.write("in/surrogate.jsonl", surrogate)), "--quiet")
    b.run("German text", "ingest", str(b.write("in/de.txt", GERMAN)), "--quiet")
    b.run("Arabic text", "ingest", str(b.write("in/ar.txt", ARABIC)), "--quiet")
    b.run("HTML saved as .txt", "ingest", str(b.write("in/page.txt", HTML_AS_TEXT)), "--quiet")
    b.run("date line 2024-13-45", "ingest", str(b.write("in/date.txt", STORY.replace("2020-03-01", "2024-13-45")
                                                         .replace("Monday", "Sunday"))), "--quiet")
    fifo = b.root / "in" / "pipe.txt"
    os.mkfifo(fifo)
    b.run("a FIFO given as a path", "ingest", str(fifo), "--quiet")


def setting_cases(b: Bench) -> None:
    story = str(b.root / "story" / "a.txt")
    b.run("--gexf into a missing folder", "ingest", story, "--gexf", str(b.root / "nowhere" / "x.gexf"))
    b.run("--log into a missing folder", "ingest", story, "--log", str(b.root / "nowhere" / "x.log"))
    b.run("export into a missing folder", "export", "gephi", str(b.root / "nowhere" / "x.gexf"))
    b.run("SPHERE_DATA names a file", "stats", SPHERE_DATA=str(b.write("a-file", "x")))
    b.write("corrupt/graph.lbug", os.urandom(100_000))
    b.run("a corrupt store file", "stats", SPHERE_DATA=str(b.root / "corrupt"))
    b.run("NEO4J_URI=foo://x", "stats", NEO4J_URI="foo://x")
    b.run("unreachable Neo4j: stats", "stats", NEO4J_URI=f"bolt://127.0.0.1:{_free_port()}")
    b.run("unreachable Neo4j: query", "query", "timeline", NEO4J_URI=f"bolt://127.0.0.1:{_free_port()}")
    b.run("--dask to a dead scheduler", "ingest", story, "--dask", f"tcp://127.0.0.1:{_free_port()}")
    b.run("SPHERE_OVERRIDES names no file", "ingest", story, SPHERE_OVERRIDES=str(b.root / "missing.yaml"))
    bad = b.write("bad-overrides.yaml", "merge:\n  - {into: person:a, ids: [person:b]}\n  - [person:c]\n")
    b.run("a malformed overrides file", "overrides", str(bad))


def mistake_cases(b: Bench) -> None:
    b.run("--param since=yesterday", "query", "ego-network", "--param", "since=yesterday")
    b.run("--param types=FOO", "query", "ego-network", "--param", "types=FOO")
    b.run("export --since garbage", "export", "gephi", str(b.root / "x.gexf"), "--since", "garbage")
    for name in ("russia", "putin", "khalifa haftar"):
        done = b.run(f"actor={name}", "query", "ego-network", "--param", f"actor={name}", "--format", "json")
        if done is not None and done.returncode == 0 and not done.stdout.strip():
            b.report(Outcome(f"actor={name}: rows", 1, "no rows", False, False, 0))
    b.run("actor=Haftr (a typo)", "query", "ego-network", "--param", "actor=Haftr")
    csv = b.run("export --format csv", "export", "gephi", str(b.root / "o6"), "--format", "csv")
    if csv is not None and not all((b.root / f"o6.{part}.csv").exists() for part in ("nodes", "edges")):
        b.report(Outcome("export --format csv: files", 1, "o6.nodes.csv or o6.edges.csv missing", False, False, 0))
    table = b.run("a table at 80 columns", "query", "ego-network", "--param", "actor=Khalifa Haftar")
    if table is not None and "…" in table.stdout:
        b.report(Outcome("a table at 80 columns: cut", 1, "a cell was cut with …", False, False, 0))
    b.run("errors printed once", "ingest", str(b.write("twice/empty.txt", "")), str(b.root / "twice" / "none.txt"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


GROUPS = {"store": store_cases, "input": input_cases, "setting": setting_cases, "mistake": mistake_cases}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=sorted(GROUPS), help="Run one group of cases.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sphere-hostile-") as folder:
        bench = Bench(Path(folder))
        bench.run("setup: ingest one story", "ingest", str(bench.write("story/a.txt", STORY)), "--quiet")
        for name, group in GROUPS.items():
            if args.only in (None, name):
                group(bench)
    bad = [o for o in bench.outcomes if o.traceback or o.code is None or o.doubled]
    print(f"\n{len(bench.outcomes)} cases, {len(bad)} with a traceback, a hang or a doubled line")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
