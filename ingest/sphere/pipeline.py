"""The pipeline as a Python API: read -> detect language -> analyse -> extract -> resolve -> write."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .extract.document import extract_article
from .read.sources import Problem, iter_articles
from .records import Extraction
from .store.base import GraphStore
from .write.projection import rebuild_projection
from .write.rows import build_batch, document_id

WRITE_BATCH_DOCUMENTS = 50


@dataclass
class RunReport:
    read: int = 0
    ingested: int = 0
    skipped: int = 0                       # already in the store
    events: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return sum(1 for p in self.problems if p.fatal)


def extract_paths(paths: Iterable[str | Path], on_problem: Callable[[Problem], None]) -> Iterator[Extraction]:
    for item in iter_articles(paths):
        if isinstance(item, Problem):
            on_problem(item)
            continue
        try:
            yield extract_article(item)
        except Exception as exc:  # one bad article must not stop the run
            on_problem(Problem(item.source, f"extraction failed: {type(exc).__name__}: {exc}"))


def ingest(paths: Iterable[str | Path], store: GraphStore,
           on_problem: Callable[[Problem], None] = lambda p: None) -> RunReport:
    report = RunReport()

    def problem(p: Problem) -> None:
        report.problems.append(p)
        on_problem(p)

    store.ensure_schema()
    pending: list[Extraction] = []
    for extraction in extract_paths(paths, problem):
        report.read += 1
        pending.append(extraction)
        if len(pending) >= WRITE_BATCH_DOCUMENTS:
            _write(store, pending, report)
            pending = []
    _write(store, pending, report)
    return report


def _write(store: GraphStore, extractions: list[Extraction], report: RunReport) -> None:
    unique: dict[str, Extraction] = {}
    for extraction in extractions:
        unique.setdefault(document_id(extraction), extraction)
    done = store.ingested(list(unique))
    report.skipped += len(extractions) - len(unique) + len(done)
    todo = [x for doc_id, x in unique.items() if doc_id not in done]
    if not todo:
        return
    entity_ids = sorted({e for x in todo for e in x.entities})
    known = {**store.aliases_of("Actor", entity_ids), **store.aliases_of("Place", entity_ids)}
    store.write(build_batch(todo, known))
    rebuild_projection(store, sorted({ev.subject for x in todo for ev in x.events}))
    report.ingested += len(todo)
    report.events += sum(len(x.events) for x in todo)
