"""The short human summary of the influence network printed after an ingest: what is in the graph, over
which dates, its most connected actors and strongest relationships, and the commands to try next."""
from __future__ import annotations

import shlex
from collections import defaultdict

from rich.console import Console
from rich.markup import escape

from .export.network import Network, read_network
from .output import wrapping_table
from .store.base import GraphStore
from .write.projection import Edge

EVENTS_BY_TYPE = "MATCH (e:Event) RETURN e.type AS type, count(e) AS events ORDER BY events DESC, type"
EVENT_DATES = "MATCH (e:Event) RETURN min(e.day) AS first, max(e.day) AS last, count(e.day) AS dated, count(e) AS events"
STATEMENTS = (EVENTS_BY_TYPE, EVENT_DATES)
# A person's link to the state or body they serve: it says who holds an office, not who influences
# whom, and it inflates the degree of every office holder, so it is left out of the strongest relationships.
NOT_INFLUENCE = {"AFFILIATION"}


def summary(store: GraphStore, console: Console, top: int = 10) -> None:
    stats = store.stats()
    nodes = stats["nodes"]
    console.print(f"[bold]Influence network[/bold] ({store.name} store): {nodes['Document']} documents, "
                  f"{nodes['Actor']} actors, {nodes['Place']} places, {nodes['Event']} events")
    console.print(date_range_line(store))
    by_type = wrapping_table("event type", "events", title="Events by type")
    for row in store.query(EVENTS_BY_TYPE).rows:
        by_type.add_row(str(row[0]), str(row[1]))
    console.print(by_type)
    network = read_network(store)
    central = most_connected(network, top)
    table = wrapping_table("actor", "kind", "weighted degree", "partners", title="Most connected actors")
    for node, degree, partners in central:
        table.add_row(network.nodes[node]["label"], network.nodes[node]["kind"], str(degree), str(partners))
    console.print(table)
    strongest = strongest_relationships(network, top)
    console.print(strongest_table(network, strongest))
    console.print("[bold]Next[/bold]")
    for command, what in next_commands(network, central, strongest):
        console.print(f"  {escape(command)}\n      {escape(what)}")


def date_range_line(store: GraphStore) -> str:
    [[first, last, dated, events]] = store.query(EVENT_DATES).rows
    if not dated:
        return f"Dates: none of the {events} events has a date (nor its document)"
    undated = f"; {events - dated} undated" if dated < events else ""
    return f"Dates: {first} to {last} ({dated} events dated by the text or their document{undated})"


def most_connected(network: Network, top: int) -> list[tuple[str, int, int]]:
    """(actor id, weighted degree, number of partners) of the actors with the highest weighted degree."""
    degree: dict[str, int] = defaultdict(int)
    partners: dict[str, set[str]] = defaultdict(set)
    for edge in network.edges.values():
        for node, other in ((edge.source, edge.target), (edge.target, edge.source)):
            degree[node] += edge.weight
            partners[node].add(other)
    actors = [n for n in degree if network.nodes[n]["kind"] != "PLACE"]
    actors.sort(key=lambda n: (-degree[n], n))
    return [(n, degree[n], len(partners[n])) for n in actors[:top]]


def strongest_relationships(network: Network, top: int) -> list[Edge]:
    """The projection relationships with the most events, affiliations left out."""
    edges = [e for e in network.edges.values() if e.type not in NOT_INFLUENCE]
    edges.sort(key=lambda e: (-e.weight, -len(e.documents), e.source, e.type, e.target))
    return edges[:top]


def strongest_table(network: Network, edges: list[Edge]):
    table = wrapping_table("subject", "relationship", "object", "events", "documents", "first seen", "last seen",
                           title="Strongest relationships (events per subject, type and object; no AFFILIATION)")
    for e in edges:
        table.add_row(network.nodes[e.source]["label"], f"{e.type} (mutual)" if e.mutual else e.type,
                      network.nodes[e.target]["label"],
                      str(e.weight), str(len(e.documents)), e.first_seen or "", e.last_seen or "")
    return table


def next_commands(network: Network, central: list[tuple[str, int, int]], strongest: list[Edge]
                  ) -> list[tuple[str, str]]:
    """Commands worth running next on this graph, with what each answers; names from this graph."""
    commands = []
    if central:
        actor = network.nodes[central[0][0]]["label"]
        commands.append((f"sphere query ego-network --param {shlex.quote(f'actor={actor}')}",
                         f"whom {actor} deals with, how often, and the sentences that say so"))
        commands.append((f"sphere query timeline --param {shlex.quote(f'actor={actor}')}",
                         f"what {actor} did and underwent, in date order"))
    if strongest:
        e = strongest[0]
        subject, target = network.nodes[e.source]["label"], network.nodes[e.target]["label"]
        commands.append((f"sphere query evidence --param {shlex.quote(f'subject={subject}')} --param type={e.type} "
                         f"--param {shlex.quote(f'object={target}')}",
                         f"the sentences behind {subject} -> {e.type} -> {target}"))
    commands.append(("sphere analyze", "PageRank, betweenness and communities, for influential-actors and brokers"))
    commands.append(("sphere query --list", "every question the query modules answer"))
    commands.append(("sphere export gephi sphere.gexf", "the network for Gephi, its timeline playing the events' days"))
    return commands
