"""The pipeline as a Python API: read -> detect language -> analyse -> extract -> resolve -> write.

The ledger is the store itself: a Document's id is its content hash and it counts as ingested
only once `ingested_at` is set. A chunk's nodes and relationships are written first (idempotent
MERGEs); then one transaction adds the chunk's events to the projection and marks its documents
ingested, so a run killed at any point is redone by the next one without counting anything twice.
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
from .store.base import GraphStore, ProjectionChange
from .write.projection import chunk_increments, recount_for_retired
from .write.rows import build_batch, document_id

WRITE_BATCH_DOCUMENTS = 50


@dataclass
class RunReport:
    read: int = 0
    ingested: int = 0
    skipped: int = 0                       # already in the store, or the same text twice in this run
    events: int = 0
    replaced: int = 0                      # older versions of edited documents, retired with their events
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
    people = NameIndex(store.people())       # loaded once, then extended with each chunk's new people
    in_flight = None      # the next chunk is extracted while the previous one is written
    for chunk in _chunks(_articles(paths, problem, report, on_progress), WRITE_BATCH_DOCUMENTS):
        todo = _not_yet_ingested(store, chunk, report, on_progress)
        started = (todo, runner.map(todo))
        if in_flight:
            _collect_and_write(store, *in_flight, report, problem, on_progress, people)
        in_flight = started
    if in_flight:
        _collect_and_write(store, *in_flight, report, problem, on_progress, people)
    return report


def _collect_and_write(store: GraphStore, todo: list[Article], results: Iterable, report: RunReport,
                       problem: Callable[[Problem], None], on_progress: Callable[[int], None],
                       people: NameIndex) -> None:
    extractions = []
    for result in results:
        if isinstance(result, Problem):
            problem(result)
        else:
            extractions.append(result)
    write_extractions(store, extractions, report, people)
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


def write_extractions(store: GraphStore, extractions: list[Extraction], report: RunReport,
                      people: NameIndex | None = None) -> None:
    """Resolve across documents (people: the run's index of known people, extended here; read from
    the store when not given), apply the overrides, write; then add the events to the projection and
    mark the documents ingested, in one transaction."""
    extractions = _latest_versions(extractions, report)
    if not extractions:
        return
    link_across_documents(extractions, people if people is not None else NameIndex(store.people()))
    if overrides := configured_overrides():
        remap_extractions(extractions, overrides, stored_targets(store, overrides))
    entity_ids = sorted({e for x in extractions for e in x.entities})
    known = {**store.aliases_of("Actor", entity_ids), **store.aliases_of("Place", entity_ids)}
    batch = build_batch(extractions, known)
    ledger, batch.documents = batch.documents, []
    store.write(batch)
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    change = _replacing_old_versions(store, extractions)
    report.replaced += len(change.retired)
    change.added = chunk_increments(batch)
    change.ingested = [{"id": row["id"], "ingested_at": now} for row in ledger]
    store.change_projection(change)
    report.ingested += len(extractions)
    report.events += sum(len(x.events) for x in extractions)


def _latest_versions(extractions: list[Extraction], report: RunReport) -> list[Extraction]:
    """Two texts under one lasting name in one chunk: the later is the document's version."""
    latest = {x.article.lasting_name: x for x in extractions}
    if len(latest) < len(extractions):
        report.skip("replaced by a later version in the same run", len(extractions) - len(latest))
    return [x for x in extractions if latest[x.article.lasting_name] is x]


def _replacing_old_versions(store: GraphStore, extractions: list[Extraction]) -> ProjectionChange:
    """The stored documents that these ones replace (same lasting name, other text), to be retired
    with their events, and the projection relationships they counted in, recounted without them."""
    new = {document_id(x) for x in extractions}
    versions = store.versions(sorted({x.article.lasting_name for x in extractions}))
    retired = sorted(doc for doc in versions if doc not in new)
    if not retired:
        return ProjectionChange()
    exact, removed = recount_for_retired(store, retired)
    return ProjectionChange(retired=retired, exact=exact, removed=removed)
