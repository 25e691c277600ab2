"""The influence projection: one relationship per (subject, event type, object), counted from the
events of ingested documents.

Ingest adds each chunk's own events to it (`chunk_increments`), in the transaction that marks the
chunk's documents ingested, so a document's events are counted exactly once, whatever the point at
which a run was killed. Where counts must go down (a document replaced by a new version, an
override merging actors), the affected relationships are recounted from their events instead.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..model import graph_model, ontology
from ..store import dialect
from ..store.base import GraphBatch, GraphStore, ProjectionChange, RelRows

INCOMPLETE = "the projection is incomplete after an interrupted ingest; run `sphere ingest` again to finish it"


class SpannedEdge:
    """What every edge with a `source`, `type`, `target` and the `days` of its events has: its key, and the first
    and last of those days. A projection relationship being counted and an edge an export streams are such."""

    @property
    def key(self) -> str:
        return f"{self.source}__{self.type}__{self.target}"

    @property
    def first_seen(self) -> str | None:
        return min(self.days) if self.days else None

    @property
    def last_seen(self) -> str | None:
        return max(self.days) if self.days else None


@dataclass
class Edge(SpannedEdge):
    source: str
    target: str
    type: str
    mutual: bool
    weight: int = 0
    documents: set[str] = field(default_factory=set)
    days: list[str] = field(default_factory=list)

    def row(self) -> dict:
        """The relationship's properties as the store writes them."""
        return {"src": self.source, "dst": self.target, "weight": self.weight, "documents": len(self.documents),
                "first_seen": self.first_seen, "last_seen": self.last_seen}


def group_events(rows: Iterable[dict], keep: Callable[[str, str | None], bool] = lambda t, d: True
                 ) -> dict[tuple[str, str, str], Edge]:
    """Event rows (src, type, dst, day, doc) as projection edges."""
    edges: dict[tuple[str, str, str], Edge] = {}
    symmetric = {t for t in ontology().event_types if ontology().is_symmetric(t)}
    for row in rows:
        day = row["day"]
        if not keep(row["type"], day):
            continue
        key = (row["src"], row["type"], row["dst"])
        edge = edges.get(key)
        if edge is None:
            edge = edges[key] = Edge(row["src"], row["dst"], row["type"], row["type"] in symmetric)
        edge.weight += 1
        edge.documents.add(row["doc"])
        if day:
            edge.days.append(day)
    return dict(sorted(edges.items()))


def _targets() -> tuple[str, ...]:
    return graph_model().projection["MEET"].targets


def _rel_rows(rows_by_type: dict[tuple[str, str], list[dict]]) -> list[RelRows]:
    return [RelRows(event_type, "Actor", target, rows) for (event_type, target), rows in sorted(rows_by_type.items())]


# ---- ingest: a chunk's own events ---------------------------------------------------------------
def chunk_increments(batch: GraphBatch) -> list[RelRows]:
    """What the batch's events add to the projection, read from the rows written for them."""
    increments: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for target, rows in _batch_event_rows(batch).items():
        for edge in group_events(rows).values():
            increments[(edge.type, target)].append(edge.row())
    return _rel_rows(increments)


def _batch_event_rows(batch: GraphBatch) -> dict[str, list[dict]]:
    """Per target label, the batch's events as group_events rows (each event once)."""
    events = {row["id"]: row for row in batch.nodes["Event"]}
    subjects = {row["dst"]: row["src"] for rel in batch.relationships if rel.type == "SUBJECT_OF" for row in rel.rows}
    reports = {row["src"]: row["dst"] for rel in batch.relationships if rel.type == "REPORTED_IN" for row in rel.rows}
    by_target: dict[str, dict[str, dict]] = defaultdict(dict)
    for rel in batch.relationships:
        if rel.type != "OBJECT" or rel.target not in _targets():
            continue
        for row in rel.rows:
            event_id = row["src"]
            if row["role"] is None and event_id in subjects:
                by_target[rel.target][event_id] = {
                    "src": subjects[event_id], "type": events[event_id]["type"], "dst": row["dst"],
                    "day": events[event_id]["day"], "doc": reports[event_id]}
    return {target: list(rows.values()) for target, rows in by_target.items()}


# ---- recounts: replaced documents, overrides ------------------------------------------------------
def recount_for_retired(store: GraphStore, retired: list[str]) -> tuple[list[RelRows], list[RelRows]]:
    """(exact, removed): the relationships that the retired documents' events count in, recounted
    without them."""
    exact: dict[tuple[str, str], list[dict]] = defaultdict(list)
    removed: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for target in _targets():
        keys = store.query(dialect.edges_of_documents(target), {"ids": retired}).dicts()
        if not keys:
            continue
        edges = group_events(store.iter_rows(dialect.edge_events(target), {"keys": keys, "retired": retired}))
        for key in keys:
            edge = edges.get((key["src"], key["type"], key["dst"]))
            if edge:
                exact[(edge.type, target)].append(edge.row())
            else:
                removed[(key["type"], target)].append({"src": key["src"], "dst": key["dst"]})
    return _rel_rows(exact), _rel_rows(removed)


def rebuild_projection(store: GraphStore, actor_ids: list[str]) -> None:
    """Recount every projection relationship leaving these actors, in one transaction: relationships
    are set or deleted in place, so no reader meets them missing."""
    if not actor_ids:
        return
    ids = sorted(set(actor_ids))
    exact: dict[tuple[str, str], list[dict]] = defaultdict(list)
    removed: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for target in _targets():
        edges = group_events(store.iter_rows(dialect.event_edges(target), {"ids": ids}))
        for edge in edges.values():
            exact[(edge.type, target)].append(edge.row())
        for row in store.run_module(dialect.projection_leaving(target), {"ids": ids}).dicts():
            if (row["src"], row["type"], row["dst"]) not in edges:
                removed[(row["type"], target)].append({"src": row["src"], "dst": row["dst"]})
    store.change_projection(ProjectionChange(removed=_rel_rows(removed), exact=_rel_rows(exact)))


def projection_warning(store: GraphStore) -> str | None:
    """One line for the user when an interrupted ingest left documents out of the projection."""
    return INCOMPLETE if store.has_unfinished_documents() else None
