"""The ingest job as users run it: a progress bar, a summary table, a log file, retries while the
store is unreachable, and `watch` (the scheduled job of docker-compose's scheduler service)."""
from __future__ import annotations

import logging
import os
import re
import socket
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlsplit

import schedule
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from .errors import SphereError
from .output import wrapping_table
from .extract.runner import DaskRunner, make_runner
from .pipeline import RunReport, ingest
from .read.sources import JSONL_SUFFIXES, Problem, input_files
from .resolve.overrides import OVERRIDES_ENV, OverridesError, configured_overrides
from .store import open_store
from .store.base import StoreUnavailable
from .workers import CoreRunner

log = logging.getLogger("sphere")
RETRIES = 4
DASK_CONNECT_SECONDS = 5
_DURATION = re.compile(r"^\s*(\d+)\s*([smhd]?)\s*$")


def parse_every(text: str) -> int:
    """'15m', '1h', '30s', '2d' or plain seconds, as seconds."""
    match = _DURATION.match(text)
    if not match or int(match.group(1)) == 0:
        raise ValueError(f"{text!r} is not a duration like 30s, 15m, 1h or 1d")
    return int(match.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[match.group(2)]


def count_inputs(paths: Sequence[str | Path]) -> int:
    """How many documents the reader will meet: a line per JSON Lines record, one per other file."""
    total = 0
    for raw in paths:
        path = Path(raw)
        for file in input_files(path) if path.is_dir() else [path]:
            jsonl = file.suffix.lower() in JSONL_SUFFIXES and file.is_file()      # never open a pipe
            total += _records_in(file) if jsonl else 1
    return total


def _records_in(jsonl: Path) -> int:
    try:
        with open(jsonl, "rb") as fh:
            return sum(1 for line in fh if line.strip())
    except OSError:
        return 1


def run_ingest(paths: Sequence[str | Path], workers: int | None = None, dask: str | None = None,
               console: Console | None = None, progress: bool = True) -> RunReport:
    """One ingest run against the configured store, retried with backoff while the store is unreachable.
    The overrides file and the Dask scheduler are checked first, before any extraction.
    workers: extraction processes; None is one per core, started once a chunk is big enough (workers.py)."""
    console = console or Console(stderr=True)
    pause = float(os.environ.get("SPHERE_RETRY_SECONDS", "2"))
    check_overrides()
    runner = _runner(workers, dask)
    try:
        for attempt in range(1, RETRIES + 1):
            try:
                return _one_run(paths, runner, console, progress)
            except StoreUnavailable as exc:
                if attempt == RETRIES:
                    raise
                wait = pause * 2 ** (attempt - 1)
                message = f"store unavailable ({exc}); nothing was marked ingested; retry {attempt} in {wait:g} s"
                console.print(f"warning: {message}")
                log.warning(message)
                time.sleep(wait)
    finally:
        runner.close()
    raise AssertionError("unreachable")


def check_overrides() -> None:
    """SPHERE_OVERRIDES, when set, must name a valid overrides file: checked before extraction."""
    try:
        configured_overrides()
    except OverridesError as exc:
        raise OverridesError(f"{OVERRIDES_ENV}: {exc}; fix the file or unset {OVERRIDES_ENV}") from exc


def _runner(workers: int | None, dask: str | None):
    """None: one worker per core from the first large chunk on; 1: this process; N: N workers from the start."""
    if not dask:
        return CoreRunner() if workers is None else CoreRunner(workers, pool_from=1)
    check_scheduler(dask)
    try:
        return make_runner(workers or 1, dask)
    except ImportError as exc:
        raise SphereError("--dask needs the dask extra: pip install -e '.[dask]'") from exc
    except (OSError, TimeoutError) as exc:
        raise SphereError(f"--dask {dask}: the scheduler did not answer ({exc}); start it or leave out --dask") from exc


def check_scheduler(address: str) -> None:
    """A Dask scheduler address that answers within a few seconds, else one clear SphereError."""
    parts = urlsplit(address if "://" in address else f"tcp://{address}")
    try:
        host, port = parts.hostname, parts.port
    except ValueError:
        host = port = None
    if not host or not port:
        raise SphereError(f"--dask {address} is not a scheduler address like tcp://HOST:8786")
    try:
        socket.create_connection((host, port), timeout=DASK_CONNECT_SECONDS).close()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise SphereError(f"--dask {address}: no Dask scheduler answers there ({reason}); start one "
                          "(dask scheduler) or leave out --dask") from exc


def _one_run(paths, runner, console: Console, show: bool) -> RunReport:
    def problem(p: Problem) -> None:
        console.print(p.line(), markup=False, highlight=False, soft_wrap=True)
        (log.error if p.fatal else log.info)(p.line())

    total = count_inputs(paths) if show else None
    columns = [TextColumn("ingest"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[rate]} docs/s"), TimeRemainingColumn()]
    started = time.perf_counter()
    with open_store(shared=True) as store, Progress(*columns, console=console, disable=not show, transient=True) as bar:
        task = bar.add_task("ingest", total=total, rate="-")

        def advance(n: int) -> None:
            bar.advance(task, n)
            done = bar.tasks[0].completed
            bar.update(task, rate=f"{done / max(time.perf_counter() - started, 1e-6):.1f}")

        report = ingest(paths, store, on_problem=problem, runner=runner, on_progress=advance)
    report.seconds = time.perf_counter() - started
    report.extracted_on = extracted_on(runner)
    log.info("run: read %d, ingested %d, skipped %d, failed %d, events %d in %.1f s", report.read,
             report.ingested, report.skipped, report.failed, report.events, report.seconds)
    return report


def extracted_on(runner) -> str:
    """Where a run's extraction ran, for its summary line."""
    if isinstance(runner, DaskRunner):
        return "the Dask cluster"
    return f"{runner.workers} worker processes" if runner.pooled else "this process"


def summary_table(report: RunReport) -> Table:
    table = wrapping_table("outcome", "documents", "why", title="Ingest run")
    table.add_row("ingested", str(report.ingested), f"{report.events} events")
    if report.replaced:
        table.add_row("replaced", str(report.replaced), "older versions of edited documents, their events removed")
    for reason, count in sorted(report.skip_reasons.items()):
        table.add_row("skipped", str(count), reason)
    failures = Counter(_reason_kind(p.reason) for p in report.problems if p.fatal)
    for reason, count in sorted(failures.items()):
        table.add_row("failed", str(count), reason)
    left_out = Counter(_reason_kind(p.reason) for p in report.problems if p.skipped)
    for reason, count in sorted(left_out.items()):
        table.add_row("skipped", str(count), reason)
    notes = Counter(_reason_kind(p.reason) for p in report.problems if not p.fatal and not p.skipped)
    for reason, count in sorted(notes.items()):
        table.add_row("noted", str(count), reason)
    return table


def _reason_kind(reason: str) -> str:
    """A reason without its particulars, so like problems share a row (not cp1251 -> cp…)."""
    kind = re.sub(r"\([^()]*\d[^()]*\)", "(…)", reason)
    return re.sub(r"(?<![\w.])\d[\d,.\-]*\b", "…", kind).strip()


def watch(folder: str | Path, every: int, once: bool, workers: int | None = None, dask: str | None = None,
          console: Console | None = None) -> RunReport | None:
    """Ingest what is new under folder now, then every `every` seconds (unless once). A tick that
    fails (a busy or unreachable store, a bad overrides file...) is one line; the next tick tries again."""
    console = console or Console(stderr=True)

    def job() -> RunReport:
        report = run_ingest([folder], workers=workers, dask=dask, console=console)
        console.print(summary_table(report))
        return report

    if once:
        return job()

    def tick() -> None:
        try:
            job()
        except Exception as exc:  # the scheduler outlives any one failed run
            message = f"this run failed ({_one_line(exc)}); trying again in {every} s"
            console.print(f"error: {message}", markup=False, highlight=False, soft_wrap=True)
            log.error(message, exc_info=not isinstance(exc, SphereError))

    scheduler = schedule.Scheduler()
    tick()
    scheduler.every(every).seconds.do(tick)
    while True:
        scheduler.run_pending()
        time.sleep(min(1.0, every))


def _one_line(exc: Exception) -> str:
    text = " ".join(str(exc).split())
    return text if isinstance(exc, SphereError) else f"{type(exc).__name__}: {text}"
