"""The influence projection: one relationship per (subject, event type, object), rebuilt from events."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..model import graph_model, ontology
from ..store import dialect
from ..store.base import GraphStore, RelRows


@dataclass
class Edge:
    source: str
    target: str
    type: str
    mutual: bool
    weight: int = 0
    documents: set[str] = field(default_factory=set)
    days: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.source}__{self.type}__{self.target}"

    @property
    def first_seen(self) -> str | None:
        return min(self.days) if self.days else None

    @property
    def last_seen(self) -> str | None:
        return max(self.days) if self.days else None


def group_events(rows: Iterable[dict], keep: Callable[[str, str | None], bool] = lambda t, d: True
                 ) -> dict[tuple[str, str, str], Edge]:
    """Event rows (src, type, dst, date, doc, published) as projection edges; a day is the event's
    date, else its document's."""
    edges: dict[tuple[str, str, str], Edge] = {}
    symmetric = {t for t in ontology().event_types if ontology().is_symmetric(t)}
    for row in rows:
        day = row["date"] or row["published"]
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


def rebuild_projection(store: GraphStore, actor_ids: list[str]) -> None:
    if not actor_ids:
        return
    ids = sorted(set(actor_ids))
    rels: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for target in graph_model().projection["MEET"].targets:
        for edge in group_events(store.iter_rows(dialect.event_edges(target), {"ids": ids})).values():
            rels[(edge.type, target)].append({
                "src": edge.source, "dst": edge.target, "weight": edge.weight, "documents": len(edge.documents),
                "first_seen": edge.first_seen, "last_seen": edge.last_seen})
    store.replace_projection(ids, [RelRows(t, "Actor", target, rows) for (t, target), rows in sorted(rels.items())])
