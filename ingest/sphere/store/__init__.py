"""Graph stores: Neo4j (production) and an embedded Ladybug database, behind one interface."""
from __future__ import annotations

import os

from .base import GraphStore, StoreError, StoreUnavailable

NEO4J_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


def open_store(data_dir: str | None = None, shared: bool = False) -> GraphStore:
    """Neo4j when NEO4J_URI is set, else the embedded store in SPHERE_DATA (default ./sphere-data).

    shared: the caller is a long job (an ingest); the embedded store holds its file only during
    each call so that other processes can use it in between. A Neo4j server is checked once here,
    so an unreachable one is one clear StoreUnavailable, not a retried query."""
    uri = os.environ.get("NEO4J_URI")
    if uri:
        return _neo4j_store(uri)
    from .embedded_store import EmbeddedStore

    return EmbeddedStore(data_dir or os.environ.get("SPHERE_DATA", "sphere-data"), shared=shared)


def _neo4j_store(uri: str) -> GraphStore:
    scheme = uri.split("://", 1)[0].lower() if "://" in uri else ""
    if scheme not in NEO4J_SCHEMES:
        raise StoreError(f"NEO4J_URI={uri} is not a Neo4j address: use bolt://HOST:7687 or neo4j://HOST:7687 "
                         "(or unset NEO4J_URI for the embedded store)")
    from neo4j.exceptions import AuthError, Neo4jError, DriverError

    from .neo4j_store import UNREACHABLE, Neo4jStore

    try:
        store = Neo4jStore(uri, os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", ""),
                           os.environ.get("NEO4J_DATABASE") or None)
    except (DriverError, ValueError) as exc:
        raise StoreError(f"NEO4J_URI={uri} cannot be used: {exc}") from exc
    try:
        store._driver.verify_connectivity()
    except AuthError as exc:
        store.close()
        raise StoreError(f"Neo4j at {uri} refused the login: check NEO4J_USER and NEO4J_PASSWORD") from exc
    except UNREACHABLE as exc:
        store.close()
        raise StoreUnavailable(f"Neo4j at {uri} is unreachable ({_why_unreachable(exc)}); start it, or check "
                               "NEO4J_URI") from exc
    except (Neo4jError, DriverError) as exc:
        store.close()
        raise StoreError(f"Neo4j at {uri} cannot be used: {_first_line(exc)}") from exc
    return store


def _why_unreachable(exc: Exception) -> str:
    text = str(exc)
    for reason in ("refused", "timed out", "Name or service not known", "No route to host"):
        if reason.lower() in text.lower():
            return "connection refused" if reason == "refused" else reason.lower()
    return _first_line(exc).split(" (resolved to")[0].rstrip(":")


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
