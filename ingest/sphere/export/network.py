"""The influence network read from any store: Actor and Place nodes, projection edges with the
days of their events, narrowed by the export filters. Exports and `sphere analyze` start here."""
from __future__ import annotations

import calendar
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

import networkx as nx

from ..errors import SphereError
from ..model import graph_model, ontology
from ..query.matching import NoSuchName, locate
from ..store import dialect
from ..store.base import GraphStore
from ..write.projection import Edge, group_events


class ExportError(SphereError, ValueError):
    """A filter that cannot be applied (an unknown actor, a date that is not one, say)."""


@dataclass(frozen=True)
class ExportFilter:
    since: str | None = None
    until: str | None = None
    actor: str | None = None
    radius: int = 1
    types: tuple[str, ...] = ()
    min_weight: int = 1
    kinds: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for option, day in (("--since", self.since), ("--until", self.until)):
            if day is not None and not _is_date(day):
                raise ExportError(f"{option} {day!r} is not a date: use YYYY-MM-DD, YYYY-MM or YYYY")
        unknown = [t for t in self.types if t not in ontology().event_types]
        if unknown:
            raise ExportError(f"--types: no event type {', '.join(unknown)}; the types are "
                              f"{', '.join(ontology().event_types)}")
        kinds = (*ontology().actor_kinds, *ontology().place_kinds)
        unknown = [k for k in self.kinds if k not in kinds]
        if unknown:
            raise ExportError(f"--kinds: no node kind {', '.join(unknown)}; the kinds are {', '.join(kinds)}")

    def narrows(self) -> bool:
        return bool(self.since or self.until or self.actor or self.types or self.kinds or self.min_weight > 1)

    def keeps_event(self, event_type: str, day: str | None) -> bool:
        if self.types and event_type not in self.types:
            return False
        if self.since or self.until:
            return bool(day) and (day >= (self.since or "")) and (day <= (self.until or "9999"))
        return True


PAGE = 2000                 # nodes whose events are read at once


@dataclass(frozen=True)
class NodeEntry:
    id: str
    data: dict                  # label, kind, store_label, country, aliases, scores
    spells: list[tuple[date, date]]
    size: float


class Network:
    """The influence network an export writes, narrowed by the filters and read from the store page by
    page: the events of PAGE nodes at a time become their edges (every event of an edge shares its
    subject, and its object), so memory holds one page and a few numbers per node (kind, PageRank,
    weighted degree), never every edge, event day or spell of a large graph at once.

    `nodes()` yields the nodes (actors by id, then places by id) with their spells (the days of their
    edges' events) and Gephi size; `edges()` yields the edges in (source, type, target) order.
    """

    def __init__(self, store: GraphStore, flt: ExportFilter = ExportFilter()):
        self.store, self.flt = store, flt
        self._ids = {label: [node for node, of in node_ids(store) if of == label] for label in ("Actor", "Place")}
        self._kinds = self._node_column("kind") if flt.kinds else {}
        self.centre = _find_node(store, flt.actor) if flt.actor else None
        self._ego: set[str] | None = None
        if self.centre:
            self._ego = self._ego_nodes(self.centre, flt.radius)
        self.degree: dict[str, float] = defaultdict(float)     # weighted degree over the exported edges
        pagerank = self._node_column("pagerank")
        if flt.narrows() or self._ego is not None or None in pagerank.values():
            self.edge_count = self._count_edges()
        else:                       # the whole network sized by PageRank: no pass over the events needed
            self.edge_count = projection_size(store)
        self._keep = self._ego
        if flt.narrows():
            self._keep = set(self.degree) | ({self.centre} if self.centre else set())
        every = sum(len(ids) for ids in self._ids.values())
        self.node_count = every if self._keep is None else len(self._keep)
        self._influence = self._node_influence(pagerank)
        self._top = max(self._influence.values(), default=0) or 1

    def _count_edges(self) -> int:
        """One pass over the exported edges: their number, and every node's weighted degree."""
        count = 0
        for edge in self.edges():
            count += 1
            self.degree[edge.source] += edge.weight
            self.degree[edge.target] += edge.weight
        return count

    # ---- what the writers read ----------------------------------------------------------------
    def edges(self) -> Iterator[Edge]:
        for page in _pages(_within(self._ids["Actor"], self._ego)):
            yield from self._edges_of(page, "Actor", side="source").values()

    def nodes(self) -> Iterator[NodeEntry]:
        for label in ("Actor", "Place"):
            for page in _pages(_within(self._ids[label], self._keep)):
                rows = {row["id"]: row for row in self.store.iter_rows(node_rows_statement(label), {"ids": page})}
                incident = self._incident_days(page, label)
                for node in page:
                    size = round(5 + 45 * (self._influence.get(node) or 0) / self._top, 3)
                    yield NodeEntry(node, _node_data(rows[node], label), merge_spells(incident.get(node, ())), size)

    @staticmethod
    def spells(edge: Edge) -> list[tuple[date, date]]:
        return merge_spells(edge.days)

    # ---- reading pages ----------------------------------------------------------------------------
    def _edges_of(self, ids: list[str], label: str, side: str) -> dict[tuple[str, str, str], Edge]:
        """The exported edges whose source (side="source") or target is one of ids (nodes of label)."""
        if side == "source":
            statements = [dialect.event_edges(target) for target in graph_model().projection["MEET"].targets]
        else:
            statements = [object_events_statement(label)]
        rows = (row for statement in statements for row in self.store.iter_rows(statement, {"ids": ids}))
        edges = group_events(rows, self.flt.keeps_event)
        return {key: e for key, e in edges.items() if self._exported(e)}

    def _exported(self, edge: Edge) -> bool:
        if edge.weight < self.flt.min_weight:
            return False
        if self.flt.kinds and not (self._kinds[edge.source] in self.flt.kinds and
                                   self._kinds[edge.target] in self.flt.kinds):
            return False
        return self._ego is None or (edge.source in self._ego and edge.target in self._ego)

    def _incident_days(self, ids: list[str], label: str) -> dict[str, list[str]]:
        days: dict[str, list[str]] = defaultdict(list)
        edges = self._edges_of(ids, label, side="target")
        if label == "Actor":
            edges.update(self._edges_of(ids, label, side="source"))
        wanted = set(ids)
        for edge in edges.values():
            for node in {edge.source, edge.target} & wanted:
                days[node].extend(edge.days)
        return days

    def _node_column(self, column: str) -> dict[str, object]:
        values = {}
        for label in ("Actor", "Place"):
            for row in self.store.iter_rows(node_column_statement(label, column)):
                values[row["id"]] = row["value"] if column != "kind" else (row["value"] or label.upper())
        return values

    def _node_influence(self, pagerank: dict[str, float | None]) -> dict[str, float]:
        """PageRank when `sphere analyze` has scored every exported node, else weighted degree."""
        kept = [n for ids in self._ids.values() for n in _within(ids, self._keep)]
        if all(pagerank.get(n) is not None for n in kept):
            return {n: pagerank[n] for n in kept}
        return {n: self.degree.get(n, 0.0) for n in kept}

    def _ego_nodes(self, centre: str, radius: int) -> set[str]:
        """The nodes within radius hops of centre over the exported edges (before the ego cut)."""
        labelled = {label: set(ids) for label, ids in self._ids.items()}
        seen, frontier = {centre}, [centre]
        for _ in range(radius):
            reached = set()
            for label in ("Actor", "Place"):
                wanted = sorted(set(frontier) & labelled[label])
                for page in _pages(wanted):
                    edges = self._edges_of(page, label, side="target")
                    if label == "Actor":
                        edges.update(self._edges_of(page, label, side="source"))
                    reached |= {n for e in edges.values() for n in (e.source, e.target)}
            frontier = sorted(reached - seen)
            seen |= reached
        return seen


def projection_size(store: GraphStore) -> int:
    """The number of projection relationships: the edges of the unfiltered network."""
    event_types = set(ontology().event_types)
    return sum(count for rel_type, count in store.stats()["relationships"].items() if rel_type in event_types)


def _within(ids: list[str], allowed: set[str] | None) -> list[str]:
    return ids if allowed is None else [n for n in ids if n in allowed]


def _pages(ids: list[str]) -> Iterator[list[str]]:
    for i in range(0, len(ids), PAGE):
        yield ids[i:i + PAGE]


def _node_data(row: dict, label: str) -> dict:
    scores = {k: row[k] for k in graph_model().nodes[label].scores if row.get(k) is not None}
    return {"label": row["name"], "kind": row["kind"] or label.upper(), "store_label": label,
            "country": row["country"] or "", "aliases": list(row["aliases"] or []), **scores}


def node_rows_statement(label: str) -> str:
    """The nodes $ids of one label with every column (the writers' node attributes)."""
    spec = graph_model().nodes[label]
    columns = ", ".join(f"n.{dialect.name(p)} AS {dialect.name(p)}" for p in spec.columns())
    return f"UNWIND $ids AS nid MATCH (n:{label} {{id: nid}}) RETURN {columns}"


def node_column_statement(label: str, column: str) -> str:
    return f"MATCH (n:{label}) RETURN n.id AS id, n.{column} AS value"


def object_events_statement(label: str) -> str:
    """The events whose first object is one of the nodes $ids (of one label), as event_edges rows."""
    return (f"UNWIND $ids AS tid MATCH (t:{label} {{id: tid}}) "
            "MATCH (s:Actor)-[:SUBJECT_OF]->(e:Event)-[o:OBJECT]->(t) "
            "MATCH (e)-[:REPORTED_IN]->(d:Document) WHERE o.role IS NULL "
            "RETURN s.id AS src, e.type AS type, t.id AS dst, e.date AS date, d.id AS doc, d.published AS published")


def export_statements() -> list[str]:
    """Every statement the export runs beyond the writers' (for the linter)."""
    out = []
    for label in ("Actor", "Place"):
        out += [node_ids_statement(label), node_rows_statement(label), object_events_statement(label),
                node_column_statement(label, "kind"), node_column_statement(label, "pagerank")]
    return out


def influence_graph(store: GraphStore) -> nx.MultiDiGraph:
    """The whole projection as a networkx graph (for `sphere analyze` of a small network and the
    summary), its edges in (source, type, target) order."""
    graph = nx.MultiDiGraph()
    graph.add_nodes_from(_read_nodes(store).items())
    symmetric = {t for t in ontology().event_types if ontology().is_symmetric(t)}
    for source, event_type, target, weight in sorted(projection_rows(store)):
        graph.add_edge(source, target, key=event_type, type=event_type, weight=weight,
                       directed=event_type not in symmetric)
    return graph


def projection_rows(store: GraphStore) -> Iterator[tuple[str, str, str, int]]:
    """(source, event type, target, weight) of every projection relationship, read as stored: the
    projection is the events grouped by (subject, type, object), so nothing is grouped again here."""
    for event_type, spec in graph_model().projection.items():
        for target in spec.targets:
            for row in store.iter_rows(dialect.projection_edges(event_type, target)):
                yield row["src"], event_type, row["dst"], row["weight"]


def node_ids_statement(label: str) -> str:
    return f"MATCH (n:{label}) RETURN n.id AS id ORDER BY n.id"


def node_ids(store: GraphStore) -> Iterator[tuple[str, str]]:
    """(id, store label) of every actor and place, actors first, each label in id order."""
    for label in ("Actor", "Place"):
        for row in store.iter_rows(node_ids_statement(label)):
            yield row["id"], label


def day_bounds(day: str) -> tuple[date, date]:
    """A full or reduced ISO date as the days it covers: 2020-05 is all of May 2020."""
    parts = [int(p) for p in day.split("-")]
    if len(parts) == 3:
        one = date(*parts)
        return one, one
    if len(parts) == 2:
        return date(parts[0], parts[1], 1), date(parts[0], parts[1], calendar.monthrange(*parts)[1])
    return date(parts[0], 1, 1), date(parts[0], 12, 31)


def merge_spells(days: Iterable[str]) -> list[tuple[date, date]]:
    spells: list[tuple[date, date]] = []
    for start, end in sorted(day_bounds(d) for d in set(days) if _is_date(d)):
        if spells and start <= spells[-1][1] + timedelta(days=1):
            spells[-1] = (spells[-1][0], max(spells[-1][1], end))
        else:
            spells.append((start, end))
    return spells


def _is_date(day: str) -> bool:
    """2020, 2020-05 or 2020-05-17, a real day or month."""
    if not isinstance(day, str) or not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", day):
        return False
    try:
        day_bounds(day)
        return True
    except ValueError:
        return False


def _read_nodes(store: GraphStore) -> dict[str, dict]:
    model = graph_model()
    nodes = {}
    for label in ("Actor", "Place"):
        for row in store.iter_rows(dialect.all_nodes(label)):
            scores = {k: row[k] for k in model.nodes[label].scores if row.get(k) is not None}
            nodes[row["id"]] = {"label": row["name"], "kind": row["kind"] or label.upper(), "store_label": label,
                                "country": row["country"] or "", "aliases": list(row["aliases"] or []), **scores}
    return nodes


def _find_node(store: GraphStore, name: str) -> str:
    """The node --actor names (any case, accents, script, a person's surname: query/matching.py)."""
    try:
        return locate(store, ("Actor", "Place"), name, "actor or place").id
    except NoSuchName as exc:
        raise ExportError(str(exc)) from exc
