"""The influence network read from any store: Actor and Place nodes, projection edges with the
days of their events, narrowed by the export filters. Exports and `sphere analyze` start here."""
from __future__ import annotations

import calendar
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
