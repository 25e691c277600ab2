"""Corrections an analyst writes by hand: merge, split or rename actors and places.

`sphere overrides FILE` rewrites the graph (events, mentions, aliases, projection) on either store
without re-extracting; ingest applies the same file to new documents when SPHERE_OVERRIDES names
it, so a correction stays made. The file (YAML):

    merge:                                  # every id in `ids` becomes `into`
      - {into: person:khalifa_haftar, ids: [org:haftar, person:hafter]}
    split:                                  # the events reported with these surface forms move
      - id: place:washington
        new: {id: person:george_washington, name: George Washington, kind: PERSON}
        aliases: [George Washington]
    rename:
      - {id: person:uho_chave, name: Hugo Chávez}
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import SphereError
from ..model import graph_model, ontology
from ..records import Entity, Extraction
from ..store import dialect
from ..store.base import GraphBatch, GraphStore, RelRows
from ..write.projection import rebuild_projection
from .rewrite import rewrite_entities

OVERRIDES_ENV = "SPHERE_OVERRIDES"


class OverridesError(SphereError, ValueError):
    """A file that cannot be used, with the entry at fault and what is wrong with it."""


SECTIONS = ("merge", "split", "rename")


@dataclass(frozen=True)
class Split:
    source: str
    target: str
    name: str
    kind: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Overrides:
    merges: dict[str, str] = field(default_factory=dict)      # id -> the id it becomes
    renames: dict[str, str] = field(default_factory=dict)     # id -> name
    splits: tuple[Split, ...] = ()


@dataclass
class OverridesReport:
    merged: int = 0
    split_events: int = 0
    renamed: int = 0


def label_of(node_id: str) -> str:
    return "Place" if node_id.startswith("place:") else "Actor"


# ---- reading the file ---------------------------------------------------------------------------
def load_overrides(path: str | Path) -> Overrides:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except OSError as exc:
        raise OverridesError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    except UnicodeDecodeError as exc:
        raise OverridesError(f"{path}: not UTF-8 text") from exc
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        line = f" at line {where.line + 1}" if where is not None else ""
        raise OverridesError(f"{path}: not YAML{line} ({getattr(exc, 'problem', None) or type(exc).__name__})") from exc
    try:
        merges, renames, splits = _read_sections(data)
    except OverridesError as exc:
        raise OverridesError(f"{path}: {exc}") from exc
    _check(path, merges, splits)
    return Overrides(merges, renames, splits)


def _read_sections(data) -> tuple[dict[str, str], dict[str, str], tuple[Split, ...]]:
    if not isinstance(data, dict):
        raise OverridesError("expected a mapping with merge, split and rename lists")
    unknown = sorted(str(k) for k in data if k not in SECTIONS)
    if unknown:
        raise OverridesError(f"unknown section {', '.join(unknown)} (the sections are {', '.join(SECTIONS)})")
    merges, renames, splits = {}, {}, []
    for n, item in _entries(data, "merge"):
        into = _text(item, "into", "merge", n)
        for old in _texts(item, "ids", "merge", n):
            merges[old] = into
    for n, item in _entries(data, "rename"):
        renames[_text(item, "id", "rename", n)] = _text(item, "name", "rename", n)
    for n, item in _entries(data, "split"):
        source = _text(item, "id", "split", n)
        new = item.get("new")
        if not isinstance(new, dict):
            raise OverridesError(f"split entry {n} ({source}): lacks 'new' (a mapping with id, name and kind)")
        kind = new.get("kind", "PERSON")
        splits.append(Split(source, _text(new, "id", "split", n), _text(new, "name", "split", n),
                            kind if isinstance(kind, str) else str(kind), tuple(_texts(item, "aliases", "split", n))))
    return merges, renames, tuple(splits)


def _entries(data: dict, section: str):
    items = data.get(section) or []
    if not isinstance(items, list):
        raise OverridesError(f"'{section}' must be a list of entries, not {type(items).__name__}")
    for n, item in enumerate(items, 1):
        if not isinstance(item, dict):
            raise OverridesError(f"{section} entry {n} must be a mapping, not {item!r}")
        yield n, item


def _text(item: dict, key: str, section: str, n: int) -> str:
    value = item.get(key)
    if value is None:
        raise OverridesError(f"{section} entry {n} lacks '{key}'")
    if not isinstance(value, str) or not value.strip():
        raise OverridesError(f"{section} entry {n}: '{key}' must be a non-empty string, not {value!r}")
    return value


def _texts(item: dict, key: str, section: str, n: int) -> list[str]:
    values = item.get(key)
    if values is None:
        raise OverridesError(f"{section} entry {n} lacks '{key}' (a list)")
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        raise OverridesError(f"{section} entry {n}: '{key}' must be a list of strings, not {values!r}")
    return values


def _check(path, merges: dict[str, str], splits: tuple[Split, ...]) -> None:
    kinds = set(ontology().actor_kinds) | set(ontology().place_kinds)
    for old, new in merges.items():
        if label_of(old) != label_of(new):
            raise OverridesError(f"{path}: cannot merge {old} into {new}: one is a place, the other an actor")
        if new in merges:
            raise OverridesError(f"{path}: {new} is merged into {merges[new]}; merge into that id instead")
    for split in splits:
        if label_of(split.source) != label_of(split.target):
            raise OverridesError(f"{path}: cannot split {split.source} into {split.target}: one is a place")
        if split.kind not in kinds:
            raise OverridesError(f"{path}: split of {split.source}: unknown kind {split.kind}")
        if not split.aliases:
            raise OverridesError(f"{path}: split of {split.source} names no aliases")


def configured_overrides() -> Overrides | None:
    path = os.environ.get(OVERRIDES_ENV)
    return load_overrides(path) if path else None


# ---- new documents --------------------------------------------------------------------------------
def remap_extractions(extractions: list[Extraction], overrides: Overrides, stored: dict[str, dict]) -> None:
    """The corrections applied to freshly extracted documents; stored: id -> properties of the
    targets already in the graph (their names and kinds win)."""
    for extraction in extractions:
        remap = {}
        for entity in extraction.entities.values():
            if entity.id in overrides.merges:
                remap[entity.id] = overrides.merges[entity.id]
            for split in overrides.splits:
                if entity.id == split.source and entity.aliases <= set(split.aliases):
                    remap[entity.id] = split.target

        def target(new_id: str, moved: Entity) -> Entity:
            row = stored.get(new_id) or _split_row(overrides, new_id) or {"name": moved.name, "kind": moved.kind,
                                                                           "country": moved.country}
            return Entity(new_id, row["name"], row["kind"], row.get("country"), set(moved.aliases),
                          moved.lat, moved.lon)

        rewrite_entities(extraction, remap, target)
        for entity in extraction.entities.values():
            entity.name = overrides.renames.get(entity.id, entity.name)


def stored_targets(store: GraphStore, overrides: Overrides) -> dict[str, dict]:
    ids = set(overrides.merges.values()) | {s.target for s in overrides.splits}
    found = {node_id: _node(store, label_of(node_id), node_id) for node_id in sorted(ids)}
    return {node_id: row for node_id, row in found.items() if row}


def _split_row(overrides: Overrides, node_id: str) -> dict | None:
    split = next((s for s in overrides.splits if s.target == node_id), None)
    return {"name": split.name, "kind": split.kind, "country": None} if split else None


# ---- the graph ----------------------------------------------------------------------------------
def apply_overrides(store: GraphStore, overrides: Overrides) -> OverridesReport:
    report = OverridesReport()
    touched: set[str] = set()
    for old, new in sorted(overrides.merges.items()):
        moved = _merge(store, old, new)
        if moved is not None:
            report.merged += 1
            touched |= moved
    for split in overrides.splits:
        count, moved = _split(store, split)
        report.split_events += count
        touched |= moved
    for node_id, name in sorted(overrides.renames.items()):
        report.renamed += _rename(store, node_id, name)
    actors = [i for i in sorted(touched) if label_of(i) == "Actor" and _node(store, "Actor", i)]
    rebuild_projection(store, actors)
    return report


def _merge(store: GraphStore, old: str, new: str) -> set[str] | None:
    label = label_of(old)
    old_row = _node(store, label, old)
    if old_row is None:
        return None                                   # merged already, or never there
    new_row = _node(store, label, new) or {**old_row, "id": new}
    aliases = set(new_row.get("aliases") or []) | set(old_row.get("aliases") or []) | {old_row["name"]}
    touched = _subjects_touching(store, label, old) | {new}
    _write_node(store, label, {**new_row, "aliases": sorted(aliases)})
    _move_relationships(store, label, old, new)
    store.query(dialect.delete_node(label), {"id": old})
    return touched


def _split(store: GraphStore, split: Split) -> tuple[int, set[str]]:
    label = label_of(split.source)
    source = _node(store, label, split.source)
    if source is None:
        return 0, set()
    reports = store.query(dialect.event_sentences(label), {"id": split.source}).dicts()
    moved = {r["event"] for r in reports if any(alias in (r["sentence"] or "") for alias in split.aliases)}
    if not moved:
        return 0, set()
    kept_docs = {r["doc"] for r in reports if r["event"] not in moved}
    moved_docs = {r["doc"] for r in reports if r["event"] in moved}
    touched = _subjects_touching(store, label, split.source) | {split.target, split.source}
    target = _node(store, label, split.target) or {p: None for p in graph_model().nodes[label].properties}
    new_aliases = set(target.get("aliases") or []) | set(split.aliases)
    _write_node(store, label, {**target, "id": split.target, "name": split.name, "kind": split.kind,
                               "aliases": sorted(new_aliases)})
    _write_node(store, label, {**source, "aliases": sorted(set(source.get("aliases") or []) - set(split.aliases))})
    _move_relationships(store, label, split.source, split.target, only=moved | (moved_docs - kept_docs))
    _copy_mentions(store, label, split.source, split.target, moved_docs & kept_docs)
    return len(moved), touched


def _rename(store: GraphStore, node_id: str, name: str) -> int:
    label = label_of(node_id)
    row = _node(store, label, node_id)
    if row is None or row["name"] == name:
        return 0
    aliases = sorted(set(row.get("aliases") or []) | {row["name"]})
    _write_node(store, label, {**row, "name": name, "aliases": aliases})
    return 1


def _node(store: GraphStore, label: str, node_id: str) -> dict | None:
    rows = store.query(dialect.node_properties(graph_model().nodes[label]), {"id": node_id}).dicts()
    return rows[0] if rows else None


def _write_node(store: GraphStore, label: str, row: dict) -> None:
    batch = GraphBatch()
    batch.nodes[label].append(row)
    store.write(batch)


def _subjects_touching(store: GraphStore, label: str, node_id: str) -> set[str]:
    return {row[0] for row in store.query(dialect.subjects_touching(label), {"id": node_id}).rows} | {node_id}


def _incident(label: str):
    """(relationship spec, other label, outgoing) for every stored relationship a node of label has."""
    for rel in graph_model().relationships.values():
        if label in rel.targets:
            yield from ((rel, other, False) for other in rel.sources)
        if label in rel.sources:
            yield from ((rel, other, True) for other in rel.targets)


def _move_relationships(store: GraphStore, label: str, old: str, new: str, only: set[str] | None = None) -> None:
    for rel, other, outgoing in _incident(label):
        rows = store.query(dialect.incident(rel, label, other, outgoing), {"id": old}).dicts()
        rows = [r for r in rows if only is None or r["other"] in only]
        if not rows:
            continue
        if "count" in rel.properties:
            already = {r["other"]: r["count"] or 0
                       for r in store.query(dialect.incident(rel, label, other, outgoing), {"id": new}).dicts()}
            rows = [{**r, "count": (r["count"] or 0) + already.get(r["other"], 0)} for r in rows]
        _write_relationships(store, rel.type, label, new, other, outgoing, rows)
        store.query(dialect.delete_incident(rel, label, other, outgoing), {"id": old, "others": [r["other"] for r in rows]})


def _copy_mentions(store: GraphStore, label: str, old: str, new: str, documents: set[str]) -> None:
    for rel, other, outgoing in _incident(label):
        if rel.type == "MENTIONS" and documents:
            rows = [r for r in store.query(dialect.incident(rel, label, other, outgoing), {"id": old}).dicts()
                    if r["other"] in documents]
            _write_relationships(store, rel.type, label, new, other, outgoing, rows)


def _write_relationships(store, rel_type: str, label: str, node_id: str, other: str, outgoing: bool,
                         rows: list[dict]) -> None:
    ends = [{"src": node_id, "dst": r["other"]} if outgoing else {"src": r["other"], "dst": node_id} for r in rows]
    props = [{k: v for k, v in r.items() if k != "other"} for r in rows]
    source, target = (label, other) if outgoing else (other, label)
    store.write(GraphBatch(relationships=[RelRows(rel_type, source, target, [{**e, **p} for e, p in zip(ends, props)])]))
