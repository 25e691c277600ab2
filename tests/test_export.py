"""Gephi export: schema-valid GEXF 1.2 with spells, GraphML and CSV, filters with exact counts."""
import csv
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
import xmlschema

from sphere.export.gephi import csv_paths, export_network
from sphere.export import network as network_module
from sphere.export.network import ExportError, ExportFilter, NetworkStream, merge_spells, read_network
from world import build_world

SCHEMAS = Path(__file__).parent / "schemas"
GEXF_SCHEMA = xmlschema.XMLSchema(SCHEMAS / "gexf-1.2draft.xsd")
GRAPHML_SCHEMA = xmlschema.XMLSchema(SCHEMAS / "graphml.xsd")
GEXF = "{http://www.gexf.net/1.2draft}"


@pytest.fixture
def world(store):
    build_world(store)
    return store


def projection_edge_count(store) -> int:
    return sum(n for rtype, n in store.stats()["relationships"].items()
               if rtype not in {"SUBJECT_OF", "OBJECT", "AT", "REPORTED_IN", "MENTIONS"})


def check_gexf(path: Path) -> nx.MultiDiGraph:
    GEXF_SCHEMA.validate(str(path))
    graph = nx.read_gexf(path)
    assert graph.graph["mode"] == "dynamic"
    return graph


def test_whole_network_validates_and_matches_the_projection(world, tmp_path):
    out = tmp_path / "world.gexf"
    nodes, edges = export_network(world, out)
    stats = world.stats()["nodes"]
    assert (nodes, edges) == (stats["Actor"] + stats["Place"], projection_edge_count(world)) == (11, 11)
    graph = check_gexf(out)
    mutual = [e for e in ET.parse(out).iter(f"{GEXF}edge") if e.get("type") == "mutual"]
    assert len(mutual) == 3                                   # the three MEET relationships
    assert graph.number_of_nodes() == 11
    assert graph.number_of_edges() == 11 + len(mutual)       # networkx reads a mutual edge both ways
    meet = graph.edges["person:haftar", "person:shoigu"]
    assert meet["weight"] == 3 and meet["first_seen"] == "2019-02-10" and meet["last_seen"] == "2021-01-16"
    assert meet["spells"] == [("2019-02-10", "2019-02-10"), ("2021-01-15", "2021-01-16")]
    base = graph.edges["country:RU", "place:benghazi"]
    assert base["spells"] == [("2020-05-01", "2020-05-31")]   # a month-only date covers the month
    haftar = graph.nodes["person:haftar"]
    assert haftar["label"] == "Khalifa Haftar" and haftar["kind"] == "PERSON" and haftar["country"] == "LY"
    assert haftar["pagerank"] > 0 and haftar["community"] >= 0
    assert "Хафтар" in haftar["aliases"]


def test_node_colour_by_kind_and_size_by_influence(world, tmp_path):
    out = tmp_path / "world.gexf"
    export_network(world, out)
    nodes = {n.get("id"): n for n in ET.parse(out).iter(f"{GEXF}node")}
    colour = nodes["place:moscow"].find(f"{GEXF}color").attrib
    assert colour == {"r": "15", "g": "157", "b": "88"}
    size = {k: float(n.find(f"{GEXF}size").get("value")) for k, n in nodes.items()}
    assert max(size, key=size.get) == "person:haftar" and size["person:haftar"] == 50.0


@pytest.mark.parametrize("flt, nodes, edges", [
    (ExportFilter(since="2020-01-01"), 9, 9),
    (ExportFilter(until="2019-12-31"), 4, 3),
    (ExportFilter(actor="Khalifa Haftar"), 7, 8),
    (ExportFilter(actor="Хафтар", radius=2), 10, 11),
    (ExportFilter(types=("MEET",)), 4, 3),
    (ExportFilter(min_weight=2), 2, 1),
    (ExportFilter(kinds=("PERSON",)), 4, 3),
    (ExportFilter(kinds=("COUNTRY", "GROUP"), since="2020-01-01"), 2, 1),
])
def test_filters_give_the_counts_worked_out_by_hand(world, tmp_path, flt, nodes, edges):
    out = tmp_path / "f.gexf"
    assert export_network(world, out, flt=flt) == (nodes, edges)
    graph = check_gexf(out)
    assert graph.number_of_nodes() == nodes


def test_an_unknown_ego_actor_is_a_clear_error(world, tmp_path):
    with pytest.raises(ExportError, match="no actor or place matches 'Nobody'"):
        export_network(world, tmp_path / "x.gexf", flt=ExportFilter(actor="Nobody"))


def test_graphml_validates_and_marks_meetings_undirected(world, tmp_path):
    out = tmp_path / "world.graphml"
    assert export_network(world, out, "graphml") == (11, 11)
    GRAPHML_SCHEMA.validate(str(out))
    edges = list(ET.parse(out).iter("{http://graphml.graphdrawing.org/xmlns}edge"))
    assert len(edges) == 11 and sum(e.get("directed") == "false" for e in edges) == 3


def test_csv_tables_for_gephi_spreadsheet_import(world, tmp_path):
    assert export_network(world, tmp_path / "world.csv", "csv") == (11, 11)
    nodes_path, edges_path = csv_paths(tmp_path / "world.csv")
    nodes = list(csv.DictReader(open(nodes_path, encoding="utf-8")))
    edges = list(csv.DictReader(open(edges_path, encoding="utf-8")))
    assert {"Id", "Label", "Time Interval"} <= set(nodes[0]) and len(nodes) == 11
    assert {"Source", "Target", "Type", "Weight", "Time Interval"} <= set(edges[0]) and len(edges) == 11
    meet = next(e for e in edges if e["Id"] == "person:haftar__MEET__person:shoigu")
    assert meet["Type"] == "Undirected" and meet["Weight"] == "3" and meet["Label"] == "MEET"
    assert meet["Time Interval"] == "<[2019-02-10, 2019-02-10]; [2021-01-15, 2021-01-16]>"


def _streamed_and_in_memory(store, flt):
    stream = NetworkStream(store, flt)
    edges = {e.key: (e.weight, e.documents, e.first_seen, e.last_seen, merge_spells(e.days)) for e in stream.edges()}
    nodes = {n: stream.node_spells(n) for n, _ in stream.nodes()}
    network = read_network(store, flt)
    expected_edges = {e.key: (e.weight, len(e.documents), e.first_seen, e.last_seen, network.spells(edge=e))
                      for e in network.edges.values()}
    return (edges, nodes), (expected_edges, {n: network.spells(node=n) for n in network.nodes})


@pytest.mark.parametrize("flt", [ExportFilter(), ExportFilter(since="2020-01-01"), ExportFilter(actor="Хафтар", radius=2),
                                 ExportFilter(types=("MEET", "AFFILIATION"), min_weight=2),
                                 ExportFilter(kinds=("PERSON", "COUNTRY"), until="2020-12-31")])
def test_the_streamed_network_has_the_edges_and_spells_of_the_network_read_whole(world, flt):
    streamed, whole = _streamed_and_in_memory(world, flt)
    assert streamed == whole and streamed[0]


@pytest.mark.parametrize("fmt", ["gexf", "graphml", "csv"])
@pytest.mark.parametrize("flt", [ExportFilter(), ExportFilter(actor="Khalifa Haftar"), ExportFilter(types=("MEET",)),
                                 ExportFilter(min_weight=2), ExportFilter(kinds=("PERSON",)),
                                 ExportFilter(since="2020-01-01"), ExportFilter(until="2020-12-31", types=("MEET", "DEPLOY"))])
def test_a_large_graph_exports_from_the_projection_what_the_events_say(world, tmp_path, monkeypatch, fmt, flt):
    """Beyond SUMMED_FROM_EVENTS_UP_TO events the edges come from the projection (and the days of an
    edge seen on several days from its events), or for a time window from the events summed one type
    at a time: the same files as summed from all the events at once."""
    files = {}
    for source, limit in (("events", 10**9), ("projection, or the events one type at a time", 0)):
        monkeypatch.setattr(network_module, "SUMMED_FROM_EVENTS_UP_TO", limit)
        out = tmp_path / source / f"net.{fmt}"
        out.parent.mkdir()
        counts = export_network(world, out, fmt, flt)
        paths = csv_paths(out) if fmt == "csv" else (out,)
        files[source] = (counts, [p.read_bytes() for p in paths])
        assert not list(out.parent.glob("*.part"))
    assert files["projection, or the events one type at a time"] == files["events"]
    assert files["events"][0][1] > 0
