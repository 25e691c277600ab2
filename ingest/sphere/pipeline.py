"""The pipeline as a Python API: read -> detect language -> analyse -> extract -> resolve -> write.

The ledger is the store itself: a Document's id is its content hash and it counts as ingested
only once `ingested_at` is set, which happens after its nodes, relationships and projection are
written. A crash at any point before that is redone, idempotently, by the next run.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from .extract.runner import SerialRunner, extract_or_problem
from .read.sources import Problem, iter_articles
from .records import Article, Extraction
from .resolve.overrides import configured_overrides, remap_extractions, stored_targets
from .resolve.names import NameIndex
from .resolve.persons import link_across_documents
from .store.base import GraphStore
from .write.projection import rebuild_projection
from .write.rows import build_batch, document_id

WRITE_BATCH_DOCUMENTS = 50


@dataclass
class RunReport:
    read: int = 0
    ingested: int = 0
    skipped: int = 0                       # already in the store, or the same text twice in this run
    events: int = 0
    problems: list[Problem] = field(default_factory=list)
    skip_reasons: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    extracted_on: str = "this process"      # or "N worker processes", "the Dask cluster"

    @property
    def failed(self) -> int:
        return sum(1 for p in self.problems if p.fatal)

    def skip(self, reason: str, count: int = 1) -> None:
        self.skipped += count
        self.skip_reasons[reason] += count


def extract_paths(paths: Iterable[str | Path], on_problem: Callable[[Problem], None]) -> Iterator[Extraction]:
    """Extractions in input order, people linked across the documents read so far."""
    people = NameIndex()
    for item in iter_articles(paths):
        if isinstance(item, Problem):
            on_problem(item)
            continue
        result = extract_or_problem(item)
        if isinstance(result, Problem):
            on_problem(result)
        else:
            link_across_documents([result], people)
            yield result


def ingest(paths: Iterable[str | Path], store: GraphStore,
           on_problem: Callable[[Problem], None] = lambda p: None,
           runner=None, on_progress: Callable[[int], None] = lambda n: None) -> RunReport:
    """Ingest every new document under paths; `runner` decides where extraction runs (serial by default)."""
    report = RunReport()
    runner = runner or SerialRunner()

    def problem(p: Problem) -> None:
        report.problems.append(p)
        on_problem(p)

    store.ensure_schema()
    in_flight = None      # the next chunk is extracted while the previous one is written
    for chunk in _chunks(_articles(paths, problem, report, on_progress), WRITE_BATCH_DOCUMENTS):
        todo = _not_yet_ingested(store, chunk, report, on_progress)
        started = (todo, runner.map(todo))
        if in_flight:
            _collect_and_write(store, *in_flight, report, problem, on_progress)
        in_flight = started
    if in_flight:
        _collect_and_write(store, *in_flight, report, problem, on_progress)
    return report


def _collect_and_write(store: GraphStore, todo: list[Article], results: Iterable, report: RunReport,
                       problem: Callable[[Problem], None], on_progress: Callable[[int], None]) -> None:
    extractions = []
    for result in results:
        if isinstance(result, Problem):
            problem(result)
        else:
            extractions.append(result)
    write_extractions(store, extractions, report)
    on_progress(len(todo))


def _articles(paths, problem, report: RunReport, on_progress) -> Iterator[Article]:
    seen: dict[str, str] = {}
    for item in iter_articles(paths):
        if isinstance(item, Problem):
            problem(item)
            if item.fatal:
                on_progress(1)
            continue
        report.read += 1
        doc_id = document_id(item)
        if doc_id in seen:
            report.skip(f"same text as {seen[doc_id]}")
            on_progress(1)
            continue
        seen[doc_id] = item.source
        yield item


def _not_yet_ingested(store: GraphStore, articles: list[Article], report: RunReport, on_progress) -> list[Article]:
    done = store.ingested([document_id(a) for a in articles])
    if done:
        report.skip("already in the graph", len(done))
        on_progress(len(done))
    return [a for a in articles if document_id(a) not in done]


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def write_extractions(store: GraphStore, extractions: list[Extraction], report: RunReport) -> None:
    """Resolve across documents, apply the overrides, write, rebuild the projection, then mark ingested."""
    if not extractions:
        return
    link_across_documents(extractions, NameIndex(store.people()))
    if overrides := configured_overrides():
        remap_extractions(extractions, overrides, stored_targets(store, overrides))
    entity_ids = sorted({e for x in extractions for e in x.entities})
    known = {**store.aliases_of("Actor", entity_ids), **store.aliases_of("Place", entity_ids)}
    batch = build_batch(extractions, known)
    ledger, batch.documents = batch.documents, []
    store.write(batch)
    rebuild_projection(store, sorted({ev.subject for x in extractions for ev in x.events}))
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    store.mark_ingested([{"id": row["id"], "ingested_at": now} for row in ledger])
    report.ingested += len(extractions)
    report.events += sum(len(x.events) for x in extractions)
