"""Finding the actor or place a user means by a name typed at the command line.

A query parameter or `--actor` names a node the way a person would type it: any case, with or
without accents, in another script or spelling, or a person's surname alone ("russia", "putin",
"khalifa haftar"). The tiers are tried in order and the first that finds anything decides:
the exact id, name, alias (or ISO code of a country); the same letters ignoring case and accents;
the same matching key (resolve/names.py: across scripts and spellings); a person's surname.
When nothing matches, the nearest names are offered.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from ..errors import SphereError
from ..resolve.names import match_key, surname_key
from ..store import dialect
from ..store.base import GraphStore

SUGGESTIONS = 3
SUGGEST_FROM = 60           # rapidfuzz score (0-100) from which a name is offered as "did you mean"


class NoSuchName(SphereError, ValueError):
    """A name that matches no node, or several equally well."""


@dataclass(frozen=True)
class Node:
    id: str
    name: str
    kind: str
    label: str                          # Actor or Place
    aliases: tuple[str, ...] = ()
    country: str = ""

    def spellings(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def exact(self, text: str) -> bool:
        codes = (self.country,) if self.kind == "COUNTRY" and self.country else ()
        return text in (self.id, *self.spellings(), *codes)


def fold(text: str) -> str:
    """Lower case, no accents, single spaces: 'Recep Tayyip  Erdoğan' -> 'recep tayyip erdogan'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).split())


def read_nodes(store: GraphStore, labels: Iterable[str] = ("Actor", "Place")) -> list[Node]:
    nodes = []
    for label in labels:
        for row in store.iter_rows(dialect.all_nodes(label)):
            nodes.append(Node(row["id"], row["name"] or row["id"], row.get("kind") or label.upper(), label,
                              tuple(row.get("aliases") or ()), row.get("country") or ""))
    return nodes


def exactly_named(store: GraphStore, labels: Iterable[str], wanted: str) -> list[Node]:
    """The nodes whose id, name or alias (or a country's ISO code) is `wanted` as typed: the first
    tier of find_node, asked of the store, so that an exact name never reads every node of a large graph."""
    nodes = []
    for label in labels:
        for row in store.iter_rows(dialect.node_named(label), {"name": wanted}):
            nodes.append(Node(row["id"], row["name"] or row["id"], row.get("kind") or label.upper(), label,
                              tuple(row.get("aliases") or ()), row.get("country") or ""))
    return [node for node in nodes if node.exact(wanted)]


def locate(store: GraphStore, labels: tuple[str, ...], wanted: str, what: str = "actor",
           everyone: Callable[[], list[Node]] | None = None) -> Node:
    """find_node over the store's nodes of these labels: an exact name is looked up in the store;
    only a name that is not exact reads every node (`everyone`, default read_nodes) for the looser tiers."""
    exact = exactly_named(store, labels, wanted)
    if exact:
        return find_node(exact, wanted, what)
    return find_node(everyone() if everyone else read_nodes(store, labels), wanted, what)


def _tiers(wanted: str) -> list[Callable[[Node], bool]]:
    folded, key = fold(wanted), match_key(wanted)
    single_word = len(key.split()) == 1
    return [
        lambda n: n.exact(wanted),
        lambda n: any(fold(s) == folded for s in n.spellings()),
        lambda n: bool(key) and any(match_key(s) == key for s in n.spellings()),
        lambda n: single_word and n.kind == "PERSON" and any(surname_key(s) == key for s in n.spellings()),
    ]


def find_node(nodes: list[Node], wanted: str, what: str = "actor") -> Node:
    """The one node that `wanted` names; NoSuchName (with suggestions) when none or several do."""
    for rank, tier in enumerate(_tiers(wanted)):
        found = {n.id: n for n in nodes if tier(n)}
        if found and (rank == 0 or len({n.name for n in found.values()}) == 1):
            return min(found.values(), key=lambda n: (n.label, n.id))      # one name: the query matches it
        if found:
            named = ", ".join(f"{n.name} ({n.id})" for n in sorted(found.values(), key=lambda n: n.id)[:5])
            raise NoSuchName(f"{wanted!r} names more than one {what}: {named}; give the full name or the id")
    raise NoSuchName(no_match_message(nodes, wanted, what))


def no_match_message(nodes: list[Node], wanted: str, what: str) -> str:
    names = sorted({n.name for n in nodes})
    best = process.extract(fold(wanted), [fold(n) for n in names], scorer=fuzz.WRatio, limit=SUGGESTIONS,
                           score_cutoff=SUGGEST_FROM)
    if not best:
        return f"no {what} matches {wanted!r} in the graph"
    offered = [names[index] for _, _, index in best]
    return f"no {what} matches {wanted!r}; did you mean {', '.join(offered)}?"
