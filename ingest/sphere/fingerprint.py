"""A hash of the graph's canonical content, to compare two graphs (a crashed-and-resumed ingest
with an uninterrupted one, Neo4j with the embedded store): every node and relationship with its
properties, ignoring internal ids and ingest timestamps."""
from __future__ import annotations

import hashlib
import json

from .model import graph_model
from .store import dialect
from .store.base import GraphStore

IGNORED = {"ingested_at"}


def fingerprint(store: GraphStore) -> tuple[str, dict[str, int]]:
    """The sha256 of the canonical content, and the number of rows hashed per node label and relationship."""
    digest = hashlib.sha256()
    counts: dict[str, int] = {}
    model = graph_model()
    for label in model.nodes:
        counts[label] = _hash_rows(digest, label, store.iter_rows(dialect.all_nodes(label)))
    for rel in model.all_relationships().values():
        for source in rel.sources:
            for target in rel.targets:
                key = f"{source}-{rel.type}->{target}"
                counts[key] = _hash_rows(digest, key, store.iter_rows(dialect.all_relationships(rel, source, target)))
    return digest.hexdigest(), counts


def _hash_rows(digest, key: str, rows) -> int:
    lines = sorted(json.dumps({k: _canonical(v) for k, v in row.items() if k not in IGNORED},
                              sort_keys=True, ensure_ascii=False) for row in rows)
    digest.update(f"{key}\n".encode())
    for line in lines:
        digest.update(line.encode("utf-8") + b"\n")
    return len(lines)


def _canonical(value):
    if isinstance(value, float):
        return round(value, 9)
    if isinstance(value, list):
        return sorted(value) if all(isinstance(v, str) for v in value) else value
    return value
