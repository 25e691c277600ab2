"""The influence network for Gephi: GEXF 1.2 (dynamic, with spells), GraphML, or spreadsheet CSV.

Every writer streams: the network is read from the store a page of nodes at a time (network.py)
and one element or row at a time goes to disk, so memory holds neither the document nor the whole
network.
"""
from __future__ import annotations

import csv
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from xml.sax.saxutils import XMLGenerator

from ..model import graph_model
from ..store.base import GraphStore
from .network import ExportFilter, Network, NodeEntry

FORMATS = ("gexf", "graphml", "csv")
GEXF_NS = "http://www.gexf.net/1.2draft"
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
# (id, GEXF type, GraphML type) of the node attributes; scores appear once `sphere analyze` has run
SCORE_ATTRIBUTES = [("degree", "double", "double"), ("pagerank", "double", "double"),
                    ("betweenness", "double", "double"), ("community", "integer", "int")]
NODE_ATTRIBUTES = [("kind", "string", "string"), ("country", "string", "string"), ("aliases", "string", "string"),
                   *SCORE_ATTRIBUTES]
EDGE_ATTRIBUTES = [("event_type", "string", "string"), ("first_seen", "string", "string"),
                   ("last_seen", "string", "string"), ("documents", "integer", "int")]


def export_network(store: GraphStore, out: str | Path, fmt: str = "gexf",
                   flt: ExportFilter = ExportFilter()) -> tuple[int, int]:
    network = Network(store, flt)
    {"gexf": write_gexf, "graphml": write_graphml, "csv": write_csv}[fmt](network, Path(out))
    return network.node_count, network.edge_count


def node_values(node: NodeEntry) -> dict[str, object]:
    data = node.data
    values = {"kind": data["kind"], "country": data["country"], "aliases": " | ".join(data["aliases"])}
    values.update({k: data[k] for k, _, _ in SCORE_ATTRIBUTES if k in data})
    return values


def edge_values(edge) -> dict[str, object]:
    return {"event_type": edge.type, "first_seen": edge.first_seen or "", "last_seen": edge.last_seen or "",
            "documents": len(edge.documents)}


def _rgb(kind: str) -> dict[str, str]:
    colour = graph_model().kind_colours.get(kind, "#808080").lstrip("#")
    return {"r": str(int(colour[0:2], 16)), "g": str(int(colour[2:4], 16)), "b": str(int(colour[4:6], 16))}


# ---- GEXF ----------------------------------------------------------------------------------------
def write_gexf(network: Network, path: Path) -> None:
    """Node sizes run from 5 to 50 by PageRank when `sphere analyze` has run, else by weighted degree."""
    with _xml(path) as xml:
        xml.open("gexf", {"xmlns": GEXF_NS, "version": "1.2"})
        xml.open("meta", {"lastmodifieddate": date.today().isoformat()})
        xml.leaf("creator", text="Sphere")
        xml.leaf("description", text="Influence network: actors and places, one edge per (subject, event type, "
                                     "object), weighted by events, active on the days of its events")
        xml.close("meta")
        xml.open("graph", {"defaultedgetype": "directed", "mode": "dynamic", "timeformat": "date"})
        for cls, attributes in (("node", NODE_ATTRIBUTES), ("edge", EDGE_ATTRIBUTES)):
            xml.open("attributes", {"class": cls, "mode": "static"})
            for name, gexf_type, _ in attributes:
                xml.leaf("attribute", {"id": name, "title": name, "type": gexf_type})
            xml.close("attributes")
        xml.open("nodes", {"count": str(network.node_count)})
        for node in network.nodes():
            xml.open("node", {"id": node.id, "label": node.data["label"]})
            _attvalues(xml, node_values(node))
            _spells(xml, node.spells)
            xml.leaf("color", _rgb(node.data["kind"]))
            xml.leaf("size", {"value": str(node.size)})
            xml.close("node")
        xml.close("nodes")
        xml.open("edges", {"count": str(network.edge_count)})
        for edge in network.edges():
            xml.open("edge", {"id": edge.key, "source": edge.source, "target": edge.target, "label": edge.type,
                              "type": "mutual" if edge.mutual else "directed", "weight": str(float(edge.weight))})
            _attvalues(xml, edge_values(edge))
            _spells(xml, network.spells(edge))
            xml.close("edge")
        xml.close("edges")
        xml.close("graph")
        xml.close("gexf")


def _attvalues(xml: _Writer, values: dict[str, object]) -> None:
    xml.open("attvalues")
    for name, value in values.items():
        xml.leaf("attvalue", {"for": name, "value": str(value)})
    xml.close("attvalues")


def _spells(xml: _Writer, spells: list[tuple[date, date]]) -> None:
    if not spells:
        return
    xml.open("spells")
    for start, end in spells:
        xml.leaf("spell", {"start": start.isoformat(), "end": end.isoformat()})
    xml.close("spells")


# ---- GraphML -------------------------------------------------------------------------------------
def write_graphml(network: Network, path: Path) -> None:
    with _xml(path) as xml:
        xml.open("graphml", {"xmlns": GRAPHML_NS})
        keys = [("node", "label", "string")] + [("node", n, t) for n, _, t in NODE_ATTRIBUTES]
        keys += [("edge", "weight", "double")] + [("edge", n, t) for n, _, t in EDGE_ATTRIBUTES]
        for owner, name, kind in keys:
            xml.leaf("key", {"id": f"{owner[0]}_{name}", "for": owner, "attr.name": name, "attr.type": kind})
        xml.open("graph", {"id": "sphere", "edgedefault": "directed"})
        for node in network.nodes():
            xml.open("node", {"id": node.id})
            _data(xml, "n", {"label": node.data["label"], **node_values(node)})
            xml.close("node")
        for edge in network.edges():
            xml.open("edge", {"id": edge.key, "source": edge.source, "target": edge.target,
                              "directed": "false" if edge.mutual else "true"})
            _data(xml, "e", {"weight": float(edge.weight), **edge_values(edge)})
            xml.close("edge")
        xml.close("graph")
        xml.close("graphml")


def _data(xml: _Writer, prefix: str, values: dict[str, object]) -> None:
    for name, value in values.items():
        xml.leaf("data", {"key": f"{prefix}_{name}"}, text=str(value))


# ---- CSV for Gephi's spreadsheet import ----------------------------------------------------------
def csv_paths(path: Path) -> tuple[Path, Path]:
    stem = path.with_suffix("") if path.suffix == ".csv" else path
    return stem.with_name(stem.name + ".nodes.csv"), stem.with_name(stem.name + ".edges.csv")


def write_csv(network: Network, path: Path) -> None:
    nodes_path, edges_path = csv_paths(path)
    names = [n for n, _, _ in NODE_ATTRIBUTES]
    with open(nodes_path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["Id", "Label", *names, "Time Interval"])
        for node in network.nodes():
            values = node_values(node)
            writer.writerow([node.id, node.data["label"], *(values.get(n, "") for n in names), _interval(node.spells)])
    with open(edges_path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["Source", "Target", "Type", "Id", "Label", "Weight", "first_seen", "last_seen",
                         "documents", "Time Interval"])
        for edge in network.edges():
            writer.writerow([edge.source, edge.target, "Undirected" if edge.mutual else "Directed", edge.key,
                             edge.type, edge.weight, edge.first_seen or "", edge.last_seen or "",
                             len(edge.documents), _interval(network.spells(edge))])


def _interval(spells: list[tuple[date, date]]) -> str:
    """Gephi's spreadsheet form of intervals: <[2020-01-01, 2020-01-31]; [2021-03-02, 2021-03-02]>."""
    if not spells:
        return ""
    return "<" + "; ".join(f"[{a.isoformat()}, {b.isoformat()}]" for a, b in spells) + ">"


# ---- streaming XML -------------------------------------------------------------------------------
class _Writer:
    def __init__(self, generator: XMLGenerator):
        self._xml = generator
        self._depth = 0

    def open(self, tag: str, attrs: dict[str, str] | None = None) -> None:
        self._indent()
        self._xml.startElement(tag, attrs or {})
        self._depth += 1

    def close(self, tag: str) -> None:
        self._depth -= 1
        self._indent()
        self._xml.endElement(tag)

    def leaf(self, tag: str, attrs: dict[str, str] | None = None, text: str = "") -> None:
        self._indent()
        self._xml.startElement(tag, attrs or {})
        if text:
            self._xml.characters(text)
        self._xml.endElement(tag)

    def _indent(self) -> None:
        self._xml.ignorableWhitespace("\n" + "  " * self._depth)


@contextmanager
def _xml(path: Path) -> Iterator[_Writer]:
    with open(path, "w", encoding="utf-8") as fh:
        generator = XMLGenerator(fh, encoding="utf-8", short_empty_elements=True)
        generator.startDocument()
        yield _Writer(generator)
        generator.endDocument()
        fh.write("\n")
