"""The influence network read from any store: Actor and Place nodes, projection edges with the
days of their events, narrowed by the export filters. Exports and `sphere analyze` start here."""
from __future__ import annotations

import calendar
import heapq
import re
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

import networkx as nx

from ..errors import SphereError
from ..model import graph_model, ontology
from ..query.matching import Node, NoSuchName, find_node
from ..store import dialect
from ..store.base import GraphStore
from ..write.projection import Edge, SpannedEdge, group_events


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


@dataclass
class Network:
    nodes: dict[str, dict]                      # id -> label, kind, country, aliases, scores, store_label
    edges: dict[tuple[str, str, str], Edge]     # (source, type, target) -> edge

    def spells(self, node: str | None = None, edge: Edge | None = None) -> list[tuple[date, date]]:
        if edge is not None:
            return merge_spells(edge.days)
        return merge_spells(d for e in self._incident[node] for d in e.days)

    def __post_init__(self) -> None:
        self._incident: dict[str, list[Edge]] = defaultdict(list)
        for e in self.edges.values():
            self._incident[e.source].append(e)
            self._incident[e.target].append(e)


def read_network(store: GraphStore, flt: ExportFilter = ExportFilter()) -> Network:
    nodes = _read_nodes(store)
    edges = group_events(_event_rows(store), flt.keeps_event)
    edges = {k: e for k, e in edges.items() if e.weight >= flt.min_weight}
    if flt.kinds:
        edges = {k: e for k, e in edges.items()
                 if nodes[e.source]["kind"] in flt.kinds and nodes[e.target]["kind"] in flt.kinds}
    keep = set(nodes)
    centre = _find_node(nodes, flt.actor) if flt.actor else None
    if centre:
        keep = _ego(centre, edges.values(), flt.radius)
        edges = {k: e for k, e in edges.items() if e.source in keep and e.target in keep}
    if flt.narrows():
        keep &= {n for e in edges.values() for n in (e.source, e.target)} | ({centre} if centre else set())
    return Network({n: data for n, data in nodes.items() if n in keep}, edges)


@dataclass
class EdgeSummary(SpannedEdge):
    """One edge of the network as the store sums it: its events' count, documents and distinct days."""
    source: str
    type: str
    target: str
    weight: int
    documents: int
    days: list[str]

    @property
    def mutual(self) -> bool:
        return ontology().is_symmetric(self.type)


# The store sums a graph's edges from its events in one query up to this many events: its memory for
# that grows with them (about 0.6 GB for a million), so a larger graph's edges come from the projection.
SUMMED_FROM_EVENTS_UP_TO = 200_000


class NetworkStream:
    """The network of read_network, read to be written one element at a time: memory holds the
    nodes and the days of each node's events, never all the edges. edges() streams the kept edges
    (each summed by the store) in (source, type, target) order; once they are through, nodes(),
    node_count() and the nodes' spells and degrees follow from them, as in read_network."""

    def __init__(self, store: GraphStore, flt: ExportFilter = ExportFilter()):
        self.store, self.flt = store, flt
        self.node_data = _read_nodes(store)
        self.centre = _find_node(self.node_data, flt.actor) if flt.actor else None
        self._ego = _ego(self.centre, self._kept(self._summaries()), flt.radius) if self.centre else None
        self._days: dict[str, set[str]] = defaultdict(set)
        self._degree: dict[str, float] = defaultdict(float)
        self._day_names: dict[str, str] = {}
        self.edge_count = 0

    def edges(self) -> Iterator[EdgeSummary]:
        for edge in self._kept(self._summaries()):
            if self._ego is not None and not (edge.source in self._ego and edge.target in self._ego):
                continue
            self._note(edge)
            yield edge

    def nodes(self) -> Iterator[tuple[str, dict]]:
        """The kept nodes (actors, then places, each in id order): call once edges() is through."""
        keep = self._ego if self._ego is not None else self.node_data.keys()
        linked = self._degree.keys()
        for node, data in self.node_data.items():
            if node in keep and (not self.flt.narrows() or node in linked or node == self.centre):
                yield node, data

    def node_count(self) -> int:
        return sum(1 for _ in self.nodes())

    def node_spells(self, node: str) -> list[tuple[date, date]]:
        return merge_spells(self._days.get(node, ()))

    def degree(self, node: str) -> float:
        """Weighted degree over the kept edges (an edge from a node to itself counts twice)."""
        return self._degree.get(node, 0.0)

    def _note(self, edge: EdgeSummary) -> None:
        self.edge_count += 1
        for node in (edge.source, edge.target):
            self._degree[node] += edge.weight
            self._days[node].update(self._day_names.setdefault(d, d) for d in edge.days)

    def _kept(self, edges: Iterable[EdgeSummary]) -> Iterator[EdgeSummary]:
        kinds = self.flt.kinds
        for edge in edges:
            if edge.weight < self.flt.min_weight:
                continue
            if kinds and (self.node_data[edge.source]["kind"] not in kinds
                          or self.node_data[edge.target]["kind"] not in kinds):
                continue
            yield edge

    def _summaries(self) -> Iterator[EdgeSummary]:
        """From the events in one query while they are few (or for a time window, which the projection's
        sums cannot narrow); from the projection, which ingest summed already, on a large graph."""
        large = self._events() > SUMMED_FROM_EVENTS_UP_TO
        if self.flt.since or self.flt.until:
            return event_summaries(self.store, self.flt, one_type_at_a_time=large)
        return projection_summaries(self.store, self.flt.types) if large else event_summaries(self.store, self.flt)

    def _events(self) -> int:
        rows = self.store.query(dialect.count_nodes("Event")).rows
        return int(rows[0][0]) if rows else 0


def event_summaries(store: GraphStore, flt: ExportFilter, one_type_at_a_time: bool = False
                    ) -> Iterator[EdgeSummary]:
    """The edges summed from their events by the store (for a time window, which the projection's
    sums cannot narrow). The store's memory for the sums grows with the events summed at once: on a
    large graph each event type is summed apart (a scan each: slower, a fraction of the memory:
    0.33 GB instead of 1.06 GB for a million events) and the streams merged in order."""
    types = list(flt.types) or list(ontology().event_types)
    if not one_type_at_a_time:
        return _summed(store, flt, list(flt.types))
    return (edge for _, edge in heapq.merge(*(_keyed(_summed(store, flt, [t])) for t in types),
                                            key=lambda item: item[0]))


def _summed(store: GraphStore, flt: ExportFilter, types: list[str]) -> Iterator[EdgeSummary]:
    params = {"types": types, "windowed": bool(flt.since or flt.until), "since": flt.since or "",
              "until": flt.until or "9999"}
    for row in store.iter_rows(dialect.edge_summaries(), params):
        yield EdgeSummary(row["src"], row["type"], row["dst"], row["weight"], row["documents"],
                          [d for d in row["days"] or () if d])


def _keyed(edges: Iterator[EdgeSummary]) -> Iterator[tuple[tuple[str, str, str], EdgeSummary]]:
    for edge in edges:
        yield (edge.source, edge.type, edge.target), edge


def projection_summaries(store: GraphStore, types: tuple[str, ...] = ()) -> Iterator[EdgeSummary]:
    """The edges as the projection stores them (weight, documents, first and last seen: what ingest
    summed), merged in (source, type, target) order from one stream per type and target label; the
    days of an edge seen on one day are that day, those of the few seen on several are read from
    their events."""
    wanted = [(t, target) for t, spec in graph_model().projection.items() if not types or t in types
              for target in spec.targets]
    several = _days_of_multi_day_edges(store, wanted)
    streams = [_projection_stream(store, event_type, target, several) for event_type, target in wanted]
    for _, edge in heapq.merge(*streams, key=lambda item: item[0]):
        yield edge


def _projection_stream(store: GraphStore, event_type: str, target: str, several: dict) -> Iterator[tuple]:
    for row in store.iter_rows(dialect.projection_edges_in_order(event_type, target)):
        key = (row["src"], event_type, row["dst"])
        days = sorted(several[key]) if key in several else [d for d in (row["first_seen"],) if d]
        yield key, EdgeSummary(row["src"], event_type, row["dst"], row["weight"], row["documents"], days)


def _days_of_multi_day_edges(store: GraphStore, wanted: list[tuple[str, str]]) -> dict[tuple, set[str]]:
    """(source, type, target) -> the distinct days of its events, for the projection edges of
    `wanted` (type, target label) whose first and last seen differ."""
    several: dict[tuple, set[str]] = {}
    for event_type, target in wanted:
        for row in store.iter_rows(dialect.multi_day_projection_edges(event_type, target)):
            several[(row["src"], event_type, row["dst"])] = set()
    if several:
        for target in {target for _, target in wanted}:
            for row in store.iter_rows(dialect.event_edges(target, every_subject=True)):
                days = several.get((row["src"], row["type"], row["dst"]))
                day = row["day"]
                if days is not None and day:
                    days.add(day)
    return several


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


def node_ids(store: GraphStore) -> Iterator[tuple[str, str]]:
    """(id, store label) of every actor and place, actors first, each label in id order."""
    for label in ("Actor", "Place"):
        for row in store.iter_rows(dialect.node_ids(label)):
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


def _event_rows(store: GraphStore):
    for target in graph_model().projection["MEET"].targets:
        yield from store.iter_rows(dialect.event_edges(target, every_subject=True))


def _find_node(nodes: dict[str, dict], name: str) -> str:
    """The node --actor names (any case, accents, script, a person's surname: query/matching.py)."""
    candidates = [Node(node, data["label"], data["kind"], data["store_label"], tuple(data["aliases"]),
                       data["country"]) for node, data in nodes.items()]
    try:
        return find_node(candidates, name, "actor or place").id
    except NoSuchName as exc:
        raise ExportError(str(exc)) from exc


def _ego(centre: str, edges: Iterable[Edge], radius: int) -> set[str]:
    neighbours: dict[str, set[str]] = defaultdict(set)
    for e in edges:
        neighbours[e.source].add(e.target)
        neighbours[e.target].add(e.source)
    seen, queue = {centre: 0}, deque([centre])
    while queue:
        node = queue.popleft()
        if seen[node] == radius:
            continue
        for other in sorted(neighbours[node]):
            if other not in seen:
                seen[other] = seen[node] + 1
                queue.append(other)
    return set(seen)
