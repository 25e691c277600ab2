"""GEXF for Gephi: actors and places as nodes, the influence projection as typed weighted edges."""
from __future__ import annotations

from pathlib import Path

import networkx as nx

from ..store.base import GraphStore
from .network import influence_graph

KIND_COLOURS = {"PERSON": (66, 133, 244), "ORGANIZATION": (219, 68, 55), "COUNTRY": (244, 180, 0),
                "GROUP": (156, 39, 176), "PLACE": (15, 157, 88)}


def write_gexf(store: GraphStore, path: str | Path) -> tuple[int, int]:
    graph = influence_graph(store)
    strength = dict(graph.degree(weight="weight"))
    for node, data in graph.nodes(data=True):
        r, g, b = KIND_COLOURS.get(data["kind"], (128, 128, 128))
        data["viz"] = {"color": {"r": r, "g": g, "b": b, "a": 1.0}, "size": 5.0 + 3.0 * strength.get(node, 0)}
    multi = _as_multi(graph)
    nx.write_gexf(multi, path)
    return multi.number_of_nodes(), multi.number_of_edges()


def _as_multi(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    out = nx.MultiDiGraph()
    out.add_nodes_from(graph.nodes(data=True))
    for src, dst, key, data in graph.edges(keys=True, data=True):
        out.add_edge(src, dst, key=f"{src}|{key}|{dst}", label=key,
                     **{k: v for k, v in data.items() if k != "directed"})
    return out
