"""The short human summary of the influence network printed after an ingest."""
from __future__ import annotations

from rich.console import Console

from .export.network import influence_graph
from .output import wrapping_table
from .store.base import GraphStore

EVENTS_BY_TYPE = "MATCH (e:Event) RETURN e.type AS type, count(e) AS events ORDER BY events DESC, type"


def summary(store: GraphStore, console: Console, top: int = 10) -> None:
    stats = store.stats()
    nodes = stats["nodes"]
    console.print(f"[bold]Influence network[/bold] ({store.name} store): {nodes['Document']} documents, "
                  f"{nodes['Actor']} actors, {nodes['Place']} places, {nodes['Event']} events")
    by_type = wrapping_table("event type", "events", title="Events by type")
    for row in store.query(EVENTS_BY_TYPE).rows:
        by_type.add_row(str(row[0]), str(row[1]))
    console.print(by_type)
    graph = influence_graph(store)
    strength = sorted(graph.degree(weight="weight"), key=lambda kv: (-kv[1], kv[0]))
    central = wrapping_table("actor", "kind", "weighted degree", "partners", title="Most connected actors")
    for node, degree in [kv for kv in strength if graph.nodes[kv[0]]["kind"] != "PLACE"][:top]:
        partners = {n for n in graph.successors(node)} | {n for n in graph.predecessors(node)}
        central.add_row(graph.nodes[node]["label"], graph.nodes[node]["kind"], str(degree), str(len(partners)))
    console.print(central)
