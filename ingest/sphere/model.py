"""The graph model and the ontology, loaded once from schema/*.yaml (the one place for these facts)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import yaml

from .paths import SCHEMA_DIR


@dataclass(frozen=True)
class NodeSpec:
    label: str
    key: str
    properties: dict[str, str]
    kind_labels: dict[str, str]
    scores: dict[str, str]
    indexes: tuple[str, ...] = ()           # properties looked up by value (Neo4j range indexes)

    def columns(self) -> dict[str, str]:
        """Every stored property: what ingest writes and what `sphere analyze` writes."""
        return {**self.properties, **self.scores}


@dataclass(frozen=True)
class RelSpec:
    type: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    properties: dict[str, str]


@dataclass(frozen=True)
class GraphModel:
    nodes: dict[str, NodeSpec]
    relationships: dict[str, RelSpec]
    projection: dict[str, RelSpec]
    kind_colours: dict[str, str]
    influence_labels: dict[str, float]      # extra Neo4j label -> top share of nodes by PageRank

    def all_relationships(self) -> dict[str, RelSpec]:
        return {**self.relationships, **self.projection}

    def property_keys(self) -> list[str]:
        keys = {k for n in self.nodes.values() for k in n.columns()}
        keys |= {k for r in self.all_relationships().values() for k in r.properties}
        return sorted(keys)


@dataclass(frozen=True)
class Ontology:
    event_types: dict[str, dict]
    modalities: tuple[str, ...]
    actor_kinds: tuple[str, ...]
    place_kinds: tuple[str, ...]

    def is_symmetric(self, event_type: str) -> bool:
        return bool(self.event_types[event_type].get("symmetric"))


def _load_yaml(name: str) -> dict:
    with open(SCHEMA_DIR / name, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@cache
def ontology() -> Ontology:
    raw = _load_yaml("ontology.yaml")
    return Ontology(
        event_types=raw["event_types"],
        modalities=tuple(raw["modalities"]),
        actor_kinds=tuple(raw["actor_kinds"]),
        place_kinds=tuple(raw["place_kinds"]),
    )


@cache
def graph_model() -> GraphModel:
    raw = _load_yaml("graph_model.yaml")
    nodes = {
        label: NodeSpec(label, spec["key"], dict(spec["properties"]), dict(spec.get("kind_labels", {})),
                        dict(spec.get("scores", {})), tuple(spec.get("indexes", ())))
        for label, spec in raw["nodes"].items()
    }
    rels = {
        rtype: RelSpec(rtype, tuple(spec["from"]), tuple(spec["to"]), dict(spec.get("properties") or {}))
        for rtype, spec in raw["relationships"].items()
    }
    proj = raw["projection"]
    projection = {
        etype: RelSpec(etype, tuple(proj["from"]), tuple(proj["to"]), dict(proj["properties"]))
        for etype in ontology().event_types
    }
    return GraphModel(nodes, rels, projection, dict(raw["kind_colours"]), dict(raw["influence_labels"]))
