"""Graph stores: Neo4j (production) and an embedded Ladybug database, behind one interface."""
from __future__ import annotations

import os

from .base import GraphStore


def open_store(data_dir: str | None = None) -> GraphStore:
    """Neo4j when NEO4J_URI is set, else the embedded store in SPHERE_DATA (default ./sphere-data)."""
    uri = os.environ.get("NEO4J_URI")
    if uri:
        from .neo4j_store import Neo4jStore

        return Neo4jStore(
            uri,
            os.environ.get("NEO4J_USER", "neo4j"),
            os.environ.get("NEO4J_PASSWORD", ""),
            os.environ.get("NEO4J_DATABASE") or None,
        )
    from .embedded_store import EmbeddedStore

    return EmbeddedStore(data_dir or os.environ.get("SPHERE_DATA", "sphere-data"))
