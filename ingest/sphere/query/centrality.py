"""Network scores over the influence projection, written back onto Actor and Place nodes.

`degree` is the weighted degree (events in all relationships), `pagerank` runs against the
direction of influence (an actor ranks high when it acts on actors that rank high),
`betweenness` is on the undirected network, and `community` is a Louvain community with
`community_rank` its members ordered by PageRank.

Up to SAMPLE_ABOVE nodes betweenness is exact and Louvain is networkx's; beyond it both come from
networkit (C++, parallel): betweenness estimated from SAMPLE_PIVOTS sources, Louvain as PLM. On a
52k-node, 1M-edge network networkx needs minutes for these two; networkit needs seconds.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import networkx as nx
import networkit as nk

from ..export.network import influence_graph
from ..model import graph_model
from ..store.base import GraphStore

SEED = 7
SAMPLE_ABOVE = 2000
SAMPLE_PIVOTS = 200
DIGITS = 6


@dataclass(frozen=True)
class AnalyzeReport:
    nodes: int
    edges: int
    communities: int
    sampled: bool


def analyze(store: GraphStore) -> AnalyzeReport:
    graph = influence_graph(store)
    scores = network_scores(graph)
    labels = {node: data["store_label"] for node, data in graph.nodes(data=True)}
    model = graph_model()
    for label in model.nodes:
        rows = [{"id": node, **values} for node, values in sorted(scores.items()) if labels[node] == label]
        if rows:
            store.write_scores(label, rows)
            store.mark_influence(label, influence_tiers(rows, model.influence_labels))
    communities = len({values["community"] for values in scores.values()})
    return AnalyzeReport(graph.number_of_nodes(), graph.number_of_edges(), communities,
                         graph.number_of_nodes() > SAMPLE_ABOVE)


def influence_tiers(rows: list[dict], shares: dict[str, float]) -> dict[str, list[str]]:
    """The top share of nodes by PageRank for each tier, the smallest share first; a node gets one tier."""
    ranked = [row["id"] for row in sorted(rows, key=lambda r: (-r["pagerank"], r["id"]))]
    tiers, taken = {}, 0
    for tier, share in sorted(shares.items(), key=lambda kv: kv[1]):
        upto = max(taken, math.ceil(share * len(ranked)))
        tiers[tier] = ranked[taken:upto]
        taken = upto
    return tiers


def network_scores(graph: nx.MultiDiGraph) -> dict[str, dict]:
    if graph.number_of_nodes() == 0:
        return {}
    undirected = _weighted_undirected(graph)
    degree = dict(undirected.degree(weight="weight"))
    pagerank = nx.pagerank(_influence_flow(graph), weight="weight")
    if graph.number_of_nodes() > SAMPLE_ABOVE:
        betweenness, communities = _large_network_betweenness_and_communities(undirected)
    else:
        betweenness = nx.betweenness_centrality(undirected)
        communities = nx.community.louvain_communities(undirected, weight="weight", seed=SEED)
    scores = {node: {"degree": float(degree[node]), "pagerank": round(pagerank[node], DIGITS),
                     "betweenness": round(betweenness[node], DIGITS)} for node in graph}
    ordered = sorted(communities, key=lambda members: (-len(members), min(members)))
    for number, members in enumerate(ordered):
        by_label: dict[str, list[str]] = {}
        for node in members:
            by_label.setdefault(graph.nodes[node]["store_label"], []).append(node)
        for nodes in by_label.values():
            for rank, node in enumerate(sorted(nodes, key=lambda n: (-pagerank[n], n)), start=1):
                scores[node].update(community=number, community_rank=rank)
    return scores


def _large_network_betweenness_and_communities(undirected: nx.Graph) -> tuple[dict, list[set]]:
    nodes = list(undirected)
    index = {node: i for i, node in enumerate(nodes)}
    hops, weighted = nk.Graph(len(nodes)), nk.Graph(len(nodes), weighted=True)
    for src, dst, weight in undirected.edges(data="weight"):
        hops.addEdge(index[src], index[dst])
        weighted.addEdge(index[src], index[dst], weight)
    nk.engineering.setSeed(SEED, False)
    estimate = nk.centrality.EstimateBetweenness(hops, SAMPLE_PIVOTS, True, True)
    estimate.run()
    plm = nk.community.PLM(weighted, refine=True)
    plm.run()
    members: dict[int, set] = {}
    for i, block in enumerate(plm.getPartition().getVector()):
        members.setdefault(block, set()).add(nodes[i])
    return dict(zip(nodes, estimate.scores())), list(members.values())


def _weighted_undirected(graph: nx.MultiDiGraph) -> nx.Graph:
    out = nx.Graph()
    out.add_nodes_from(graph)
    for src, dst, data in graph.edges(data=True):
        if src == dst:
            continue
        weight = data.get("weight", 1)
        if out.has_edge(src, dst):
            out[src][dst]["weight"] += weight
        else:
            out.add_edge(src, dst, weight=weight)
    return out


def _influence_flow(graph: nx.MultiDiGraph) -> nx.DiGraph:
    """Edges from object to subject (both ways for mutual types), summed over event types."""
    out = nx.DiGraph()
    out.add_nodes_from(graph)
    for src, dst, data in graph.edges(data=True):
        weight = data.get("weight", 1)
        pairs = [(dst, src)] + ([(src, dst)] if not data.get("directed", True) else [])
        for a, b in pairs:
            if out.has_edge(a, b):
                out[a][b]["weight"] += weight
            else:
                out.add_edge(a, b, weight=weight)
    return out
