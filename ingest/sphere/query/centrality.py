"""Network scores over the influence projection, written back onto Actor and Place nodes.

`degree` is the weighted degree (events in all relationships), `pagerank` runs against the
direction of influence (an actor ranks high when it acts on actors that rank high),
`betweenness` is on the undirected network, and `community` is a Louvain community with
`community_rank` its members ordered by PageRank.

The network is read from the projection relationships (one per subject, type and object, weighted by
events), never from the events themselves. Up to SAMPLE_ABOVE nodes betweenness is exact and
Louvain is networkx's; beyond it the network is held as arrays, never as networkx objects: PageRank
is networkx's power iteration on a scipy matrix, betweenness is estimated by networkit (C++,
parallel) from SAMPLE_PIVOTS sources and Louvain is networkit's PLM. On a 52k-node, 1M-edge network
networkx needs minutes for these; the arrays and networkit need seconds.
"""
from __future__ import annotations

import math
from array import array
from dataclasses import dataclass

import networkx as nx
import networkit as nk
import numpy as np
import scipy.sparse as sparse

from ..export.network import influence_graph, node_ids, projection_rows
from ..model import graph_model, ontology
from ..store.base import GraphStore

SEED = 7
SAMPLE_ABOVE = 2000
SAMPLE_PIVOTS = 200
DIGITS = 6
PAGERANK_ALPHA = 0.85                      # networkx's defaults, so both sizes of network rank alike
PAGERANK_MAX_ITER = 100
PAGERANK_TOL = 1.0e-6


@dataclass(frozen=True)
class AnalyzeReport:
    nodes: int
    edges: int
    communities: int
    sampled: bool


def analyze(store: GraphStore) -> AnalyzeReport:
    network = projection_arrays(store)
    if len(network.ids) > SAMPLE_ABOVE:
        scores = array_scores(network)
        nodes, edges = len(network.ids), len(network.weight)
    else:
        graph = influence_graph(store)
        scores = network_scores(graph)
        nodes, edges = graph.number_of_nodes(), graph.number_of_edges()
    labels = dict(zip(network.ids, network.labels))
    model = graph_model()
    for label in model.nodes:
        rows = [{"id": node, **values} for node, values in sorted(scores.items()) if labels[node] == label]
        if rows:
            store.write_scores(label, rows)
            store.mark_influence(label, influence_tiers(rows, model.influence_labels))
    communities = len({values["community"] for values in scores.values()})
    return AnalyzeReport(nodes, edges, communities, nodes > SAMPLE_ABOVE)


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
    if graph.number_of_nodes() > SAMPLE_ABOVE:
        return array_scores(NetworkArrays.of_graph(graph))
    undirected = _weighted_undirected(graph)
    degree = dict(undirected.degree(weight="weight"))
    pagerank = nx.pagerank(_influence_flow(graph), weight="weight")
    betweenness = nx.betweenness_centrality(undirected)
    communities = nx.community.louvain_communities(undirected, weight="weight", seed=SEED)
    labels = {node: data["store_label"] for node, data in graph.nodes(data=True)}
    return _scores(list(graph), degree, pagerank, betweenness, communities, labels)


def _scores(nodes: list[str], degree: dict, pagerank: dict, betweenness: dict, communities: list[set],
            labels: dict[str, str]) -> dict[str, dict]:
    scores = {node: {"degree": float(degree[node]), "pagerank": round(pagerank[node], DIGITS),
                     "betweenness": round(betweenness[node], DIGITS)} for node in nodes}
    ordered = sorted(communities, key=lambda members: (-len(members), min(members)))
    for number, members in enumerate(ordered):
        by_label: dict[str, list[str]] = {}
        for node in members:
            by_label.setdefault(labels[node], []).append(node)
        for same_label in by_label.values():
            for rank, node in enumerate(sorted(same_label, key=lambda n: (-pagerank[n], n)), start=1):
                scores[node].update(community=number, community_rank=rank)
    return scores


@dataclass
class NetworkArrays:
    """The influence network as arrays: node i is ids[i]; edge k goes from src[k] to dst[k]."""
    ids: list[str]
    labels: list[str]                      # store label of each node (Actor, Place)
    src: np.ndarray
    dst: np.ndarray
    weight: np.ndarray
    mutual: np.ndarray                     # bool: a mutual event type (MEET)

    @classmethod
    def of_graph(cls, graph: nx.MultiDiGraph) -> NetworkArrays:
        ids = list(graph)
        index = {node: i for i, node in enumerate(ids)}
        edges = list(graph.edges(data=True))
        return cls(ids, [graph.nodes[n]["store_label"] for n in ids],
                   np.array([index[a] for a, _, _ in edges], dtype=np.int64),
                   np.array([index[b] for _, b, _ in edges], dtype=np.int64),
                   np.array([d.get("weight", 1) for _, _, d in edges], dtype=float),
                   np.array([not d.get("directed", True) for _, _, d in edges], dtype=bool))


def projection_arrays(store: GraphStore) -> NetworkArrays:
    """Every actor and place, and the projection relationships between them, as arrays."""
    ids, labels = [], []
    for node, label in node_ids(store):
        ids.append(node)
        labels.append(label)
    index = {node: i for i, node in enumerate(ids)}
    symmetric = {t for t in ontology().event_types if ontology().is_symmetric(t)}
    src, dst, weight, mutual = array("q"), array("q"), array("d"), array("b")
    for source, event_type, target, events in projection_rows(store):
        src.append(index[source])
        dst.append(index[target])
        weight.append(events)
        mutual.append(event_type in symmetric)
    return NetworkArrays(ids, labels, np.frombuffer(src, dtype=np.int64), np.frombuffer(dst, dtype=np.int64),
                         np.frombuffer(weight, dtype=float), np.frombuffer(mutual, dtype=np.int8).astype(bool))


def array_scores(network: NetworkArrays) -> dict[str, dict]:
    """network_scores for a large network: the same measures, betweenness estimated, Louvain as PLM."""
    n = len(network.ids)
    if n == 0:
        return {}
    pairs, pair_weights = _undirected_pairs(network)
    degree = np.bincount(pairs[0], weights=pair_weights, minlength=n) + \
        np.bincount(pairs[1], weights=pair_weights, minlength=n)
    pagerank = _pagerank(_influence_matrix(network))
    nk.engineering.setSeed(SEED, False)
    hops = nk.GraphFromCoo((np.ones(len(pair_weights)), (pairs[0], pairs[1])), n=n, directed=False, weighted=False)
    weighted = nk.GraphFromCoo((pair_weights, (pairs[0], pairs[1])), n=n, directed=False, weighted=True)
    estimate = nk.centrality.EstimateBetweenness(hops, SAMPLE_PIVOTS, True, True)
    estimate.run()
    plm = nk.community.PLM(weighted, refine=True)
    plm.run()
    members: dict[int, set] = {}
    for i, block in enumerate(plm.getPartition().getVector()):
        members.setdefault(block, set()).add(network.ids[i])
    ids = network.ids
    return _scores(ids, dict(zip(ids, degree.tolist())), dict(zip(ids, pagerank.tolist())),
                   dict(zip(ids, estimate.scores())), list(members.values()), dict(zip(ids, network.labels)))


def _undirected_pairs(network: NetworkArrays) -> tuple[np.ndarray, np.ndarray]:
    """Each pair of distinct nodes joined by any relationship once (lower index first), with the
    summed weight of all relationships between them; self-loops left out."""
    n = len(network.ids)
    apart = network.src != network.dst
    low = np.minimum(network.src, network.dst)[apart]
    high = np.maximum(network.src, network.dst)[apart]
    keys, where = np.unique(low * n + high, return_inverse=True)
    return np.stack([keys // n, keys % n]), np.bincount(where, weights=network.weight[apart], minlength=len(keys))


def _influence_matrix(network: NetworkArrays) -> sparse.csr_array:
    """Influence flows from object to subject (both ways for mutual types), summed over event types."""
    n = len(network.ids)
    mutual = network.mutual
    rows = np.concatenate([network.dst, network.src[mutual]])
    cols = np.concatenate([network.src, network.dst[mutual]])
    weights = np.concatenate([network.weight, network.weight[mutual]])
    return sparse.coo_array((weights, (rows, cols)), shape=(n, n)).tocsr()


def _pagerank(matrix: sparse.csr_array) -> np.ndarray:
    """networkx's PageRank power iteration (pagerank_alg._pagerank_scipy, no personalisation) on a matrix."""
    n = matrix.shape[0]
    out = np.asarray(matrix.sum(axis=1)).ravel()
    inverse = np.zeros(n)
    inverse[out != 0] = 1.0 / out[out != 0]
    transition = sparse.dia_array((inverse[np.newaxis, :], 0), shape=(n, n)).tocsr() @ matrix
    uniform = np.repeat(1.0 / n, n)
    dangling = np.where(out == 0)[0]
    x = uniform
    for _ in range(PAGERANK_MAX_ITER):
        last = x
        x = PAGERANK_ALPHA * (x @ transition + sum(x[dangling]) * uniform) + (1 - PAGERANK_ALPHA) * uniform
        if np.absolute(x - last).sum() < n * PAGERANK_TOL:
            return x
    raise nx.PowerIterationFailedConvergence(PAGERANK_MAX_ITER)


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
