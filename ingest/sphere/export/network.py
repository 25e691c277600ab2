"""The influence projection read from any store as a networkx graph."""
from __future__ import annotations

import networkx as nx

from ..model import graph_model, ontology
from ..store import dialect
from ..store.base import GraphStore


def influence_graph(store: GraphStore) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for label in ("Actor", "Place"):
        for row in store.query(dialect.all_nodes(label)).dicts():
            scores = {k: row[k] for k in graph_model().nodes[label].scores if row.get(k) is not None}
            graph.add_node(row["id"], label=row["name"], kind=row["kind"] or label.upper(), store_label=label,
                           country=row["country"] or "", aliases="|".join(row["aliases"] or []), **scores)
    for event_type, spec in graph_model().projection.items():
        for target in spec.targets:
            for row in store.query(dialect.projection_edges(event_type, target)).dicts():
                graph.add_edge(row["src"], row["dst"], key=event_type, type=event_type,
                               weight=row["weight"] or 1, first_seen=row["first_seen"] or "",
                               last_seen=row["last_seen"] or "", documents=row["documents"] or 0,
                               directed=not ontology().is_symmetric(event_type))
    return graph
