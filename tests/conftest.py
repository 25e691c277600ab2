import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from sphere.store.embedded_store import EmbeddedStore

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"


def _neo4j_store():
    from sphere.store.neo4j_store import Neo4jStore
    store = Neo4jStore(os.environ["NEO4J_URI"], os.environ.get("NEO4J_USER", "neo4j"),
                       os.environ.get("NEO4J_PASSWORD", ""), os.environ.get("NEO4J_DATABASE") or None)
    store.query("MATCH (n) DETACH DELETE n")
    return store


STORES = ["embedded"] + (["neo4j"] if os.environ.get("NEO4J_URI") else [])


@pytest.fixture(params=STORES)
def store(request, tmp_path):
    """One test body, every store: the embedded one always, Neo4j when NEO4J_URI is set."""
    s = EmbeddedStore(tmp_path / "data") if request.param == "embedded" else _neo4j_store()
    s.ensure_schema()
    yield s
    s.close()


@pytest.fixture
def seeds_copy(tmp_path):
    folder = tmp_path / "inbox"
    shutil.copytree(SEEDS, folder)
    return folder


@pytest.fixture
def runner(tmp_path, monkeypatch):
    """The CLI on an embedded store of its own."""
    monkeypatch.delenv("NEO4J_URI", raising=False)
    monkeypatch.setenv("SPHERE_DATA", str(tmp_path / "data"))
    return CliRunner()
