"""The influence network for Gephi: GEXF 1.2 (dynamic, with spells), GraphML, or spreadsheet CSV.

Every writer streams: the edges come one at a time from the store (export/network.py:
NetworkStream) and go to disk at once, into a side file when the format puts the nodes first (the
nodes' spells and sizes follow from the edges), which is then copied in after the nodes. Memory
holds the nodes and their days, never the edges or the document.
"""
from __future__ import annotations

import csv
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from xml.sax.saxutils import XMLGenerator

from ..model import graph_model
from ..store.base import GraphStore
from .network import EdgeSummary, ExportFilter, NetworkStream, merge_spells

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
    network = NetworkStream(store, flt)
    return {"gexf": write_gexf, "graphml": write_graphml, "csv": write_csv}[fmt](network, Path(out))


def node_values(data: dict) -> dict[str, object]:
    values = {"kind": data["kind"], "country": data["country"], "aliases": " | ".join(data["aliases"])}
    values.update({k: data[k] for k, _, _ in SCORE_ATTRIBUTES if k in data})
    return values


def edge_values(edge: EdgeSummary) -> dict[str, object]:
    return {"event_type": edge.type, "first_seen": edge.first_seen or "", "last_seen": edge.last_seen or "",
            "documents": edge.documents}


def node_sizes(network: NetworkStream, nodes: list[tuple[str, dict]]) -> dict[str, float]:
    """5 to 50 by PageRank when `sphere analyze` has run, else by weighted degree."""
    influence = {n: d.get("pagerank") for n, d in nodes}
    if any(v is None for v in influence.values()):
        influence = {n: network.degree(n) for n, _ in nodes}
    top = max(influence.values(), default=0) or 1
    return {n: round(5 + 45 * (v or 0) / top, 3) for n, v in influence.items()}


def _rgb(kind: str) -> dict[str, str]:
    colour = graph_model().kind_colours.get(kind, "#808080").lstrip("#")
    return {"r": str(int(colour[0:2], 16)), "g": str(int(colour[2:4], 16)), "b": str(int(colour[4:6], 16))}


# ---- GEXF ----------------------------------------------------------------------------------------
GEXF_EDGE_DEPTH = 3                        # gexf > graph > edges > edge


def write_gexf(network: NetworkStream, path: Path) -> tuple[int, int]:
    with _side_file(path) as edges_part:
        with _xml(edges_part, depth=GEXF_EDGE_DEPTH, document=False) as xml:
            for edge in network.edges():
                _gexf_edge(xml, edge)
        nodes = list(network.nodes())
        sizes = node_sizes(network, nodes)
        with _xml(path) as xml:
            xml.open("gexf", {"xmlns": GEXF_NS, "version": "1.2"})
            xml.open("meta", {"lastmodifieddate": date.today().isoformat()})
            xml.leaf("creator", text="Sphere")
            xml.leaf("description", text="Influence network: actors and places, one edge per (subject, event "
                                         "type, object), weighted by events, active on the days of its events")
            xml.close("meta")
            xml.open("graph", {"defaultedgetype": "directed", "mode": "dynamic", "timeformat": "date"})
            for cls, attributes in (("node", NODE_ATTRIBUTES), ("edge", EDGE_ATTRIBUTES)):
                xml.open("attributes", {"class": cls, "mode": "static"})
                for name, gexf_type, _ in attributes:
                    xml.leaf("attribute", {"id": name, "title": name, "type": gexf_type})
                xml.close("attributes")
            xml.open("nodes", {"count": str(len(nodes))})
            for node, data in nodes:
                xml.open("node", {"id": node, "label": data["label"]})
                _attvalues(xml, node_values(data))
                _spells(xml, network.node_spells(node))
                xml.leaf("color", _rgb(data["kind"]))
                xml.leaf("size", {"value": str(sizes[node])})
                xml.close("node")
            xml.close("nodes")
            xml.open("edges", {"count": str(network.edge_count)})
            xml.splice(edges_part)
            xml.close("edges")
            xml.close("graph")
            xml.close("gexf")
    return len(nodes), network.edge_count


def _gexf_edge(xml: _Writer, edge: EdgeSummary) -> None:
    xml.open("edge", {"id": edge.key, "source": edge.source, "target": edge.target, "label": edge.type,
                      "type": "mutual" if edge.mutual else "directed", "weight": str(float(edge.weight))})
    _attvalues(xml, edge_values(edge))
    _spells(xml, merge_spells(edge.days))
    xml.close("edge")


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
GRAPHML_EDGE_DEPTH = 2                     # graphml > graph > edge


def write_graphml(network: NetworkStream, path: Path) -> tuple[int, int]:
    with _side_file(path) as edges_part:
        with _xml(edges_part, depth=GRAPHML_EDGE_DEPTH, document=False) as xml:
            for edge in network.edges():
                xml.open("edge", {"id": edge.key, "source": edge.source, "target": edge.target,
                                  "directed": "false" if edge.mutual else "true"})
                _data(xml, "e", {"weight": float(edge.weight), **edge_values(edge)})
                xml.close("edge")
        nodes = 0
        with _xml(path) as xml:
            xml.open("graphml", {"xmlns": GRAPHML_NS})
            keys = [("node", "label", "string")] + [("node", n, t) for n, _, t in NODE_ATTRIBUTES]
            keys += [("edge", "weight", "double")] + [("edge", n, t) for n, _, t in EDGE_ATTRIBUTES]
            for owner, name, kind in keys:
                xml.leaf("key", {"id": f"{owner[0]}_{name}", "for": owner, "attr.name": name, "attr.type": kind})
            xml.open("graph", {"id": "sphere", "edgedefault": "directed"})
            for node, data in network.nodes():
                nodes += 1
                xml.open("node", {"id": node})
                _data(xml, "n", {"label": data["label"], **node_values(data)})
                xml.close("node")
            xml.splice(edges_part)
            xml.close("graph")
            xml.close("graphml")
    return nodes, network.edge_count


def _data(xml: _Writer, prefix: str, values: dict[str, object]) -> None:
    for name, value in values.items():
        xml.leaf("data", {"key": f"{prefix}_{name}"}, text=str(value))


# ---- CSV for Gephi's spreadsheet import ----------------------------------------------------------
def csv_paths(path: Path) -> tuple[Path, Path]:
    stem = path.with_suffix("") if path.suffix == ".csv" else path
    return stem.with_name(stem.name + ".nodes.csv"), stem.with_name(stem.name + ".edges.csv")


def write_csv(network: NetworkStream, path: Path) -> tuple[int, int]:
    nodes_path, edges_path = csv_paths(path)
    with open(edges_path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["Source", "Target", "Type", "Id", "Label", "Weight", "first_seen", "last_seen",
                         "documents", "Time Interval"])
        for edge in network.edges():
            writer.writerow([edge.source, edge.target, "Undirected" if edge.mutual else "Directed", edge.key,
                             edge.type, edge.weight, edge.first_seen or "", edge.last_seen or "",
                             edge.documents, _interval(merge_spells(edge.days))])
    names = [n for n, _, _ in NODE_ATTRIBUTES]
    nodes = 0
    with open(nodes_path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["Id", "Label", *names, "Time Interval"])
        for node, data in network.nodes():
            nodes += 1
            values = node_values(data)
            writer.writerow([node, data["label"], *(values.get(n, "") for n in names),
                             _interval(network.node_spells(node))])
    return nodes, network.edge_count


def _interval(spells: list[tuple[date, date]]) -> str:
    """Gephi's spreadsheet form of intervals: <[2020-01-01, 2020-01-31]; [2021-03-02, 2021-03-02]>."""
    if not spells:
        return ""
    return "<" + "; ".join(f"[{a.isoformat()}, {b.isoformat()}]" for a, b in spells) + ">"


# ---- streaming XML -------------------------------------------------------------------------------
class _Writer:
    def __init__(self, generator: XMLGenerator, out, depth: int = 0):
        self._xml = generator
        self._out = out
        self._depth = depth

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

    def splice(self, part: Path) -> None:
        """The elements a writer of this depth wrote into `part` (see _xml(document=False)), copied here
        as if written here."""
        with open(part, encoding="utf-8") as fh:
            lead = fh.read(len(self._indentation()))
            if not lead:
                return
            self._indent()                  # closes the open start tag, as the first element would
            shutil.copyfileobj(fh, self._out)

    def _indent(self) -> None:
        self._xml.ignorableWhitespace(self._indentation())

    def _indentation(self) -> str:
        return "\n" + "  " * self._depth


@contextmanager
def _xml(path: Path, depth: int = 0, document: bool = True) -> Iterator[_Writer]:
    """A streaming XML writer; document=False: elements only, at `depth`, for splicing into a document."""
    with open(path, "w", encoding="utf-8") as fh:
        generator = XMLGenerator(fh, encoding="utf-8", short_empty_elements=True)
        if document:
            generator.startDocument()
        yield _Writer(generator, fh, depth)
        if document:
            generator.endDocument()
            fh.write("\n")


@contextmanager
def _side_file(path: Path) -> Iterator[Path]:
    """A file beside `path` for a part written before its place in the document, removed after."""
    part = path.with_name(path.name + ".edges.part")
    try:
        yield part
    finally:
        part.unlink(missing_ok=True)
