import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from sphere.store.embedded_store import EmbeddedStore

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"

# The live Neo4j of this run (`.ci/run` starts one per run; a user points NEO4J_URI at their own).
LIVE_NEO4J = bool(os.environ.get("NEO4J_URI"))
live_neo4j = pytest.mark.skipif(not LIVE_NEO4J, reason="needs a live Neo4j: set NEO4J_URI (README, Stores)")


def neo4j_env() -> dict[str, str]:
    """The settings that point a `sphere` process at the live Neo4j."""
    return {k: os.environ[k] for k in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE")
            if os.environ.get(k)}


def open_neo4j(uri: str | None = None, password: str | None = None):
    from sphere.store.neo4j_store import Neo4jStore
    return Neo4jStore(uri or os.environ["NEO4J_URI"], os.environ.get("NEO4J_USER", "neo4j"),
                      password if password is not None else os.environ.get("NEO4J_PASSWORD", ""),
                      os.environ.get("NEO4J_DATABASE") or None)


def wipe_neo4j(store) -> None:
    """An empty graph for the next test; the uniqueness constraints stay."""
    store.query("MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS")


def _neo4j_store():
    store = open_neo4j()
    store.ensure_schema()
    wipe_neo4j(store)
    return store


STORES = ["embedded"] + (["neo4j"] if LIVE_NEO4J else [])


@pytest.fixture(params=STORES)
def store(request, tmp_path):
    """One test body, every store: the embedded one always, Neo4j when NEO4J_URI is set."""
    s = EmbeddedStore(tmp_path / "data") if request.param == "embedded" else _neo4j_store()
    s.ensure_schema()
    yield s
    s.close()


@pytest.fixture
def neo4j_store():
    """The live Neo4j, emptied (live tests only)."""
    if not LIVE_NEO4J:
        pytest.skip("needs a live Neo4j: set NEO4J_URI")
    s = _neo4j_store()
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


@pytest.fixture(scope="session")
def seeds_data(tmp_path_factory):
    """An embedded store with the seeds ingested, built once per session; copy it before writing to it."""
    from sphere.pipeline import ingest

    folder = tmp_path_factory.mktemp("seeds-store") / "data"
    store = EmbeddedStore(folder)
    report = ingest([SEEDS], store)
    store.close()
    assert report.ingested == 5 and not report.problems
    return folder


@pytest.fixture
def seeded_runner(seeds_data, tmp_path, monkeypatch):
    """The CLI on a copy of the seeds store of its own (what `sphere ingest seeds/` leaves)."""
    monkeypatch.delenv("NEO4J_URI", raising=False)
    shutil.copytree(seeds_data, tmp_path / "data")
    monkeypatch.setenv("SPHERE_DATA", str(tmp_path / "data"))
    return CliRunner()


def _uses_live_neo4j(item) -> bool:
    return "neo4j" in item.nodeid.lower()     # the store-parametrised tests' [neo4j], test_neo4j_live.py


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """The tests run on one pytest-xdist worker per core; those that use the one live Neo4j server all go to
    the same worker, one after another: they wipe and fill the same database."""
    from xdist.scheduler import LoadScopeScheduling

    class LiveNeo4jTogether(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return "live Neo4j" if "neo4j" in nodeid.lower() else nodeid

    return LiveNeo4jTogether(config, log)


@pytest.fixture(autouse=True)
def _live_neo4j_only_where_named(request, monkeypatch):
    """Any other test sees no NEO4J_URI, so that nothing it runs reaches the live server the Neo4j tests
    fill and wipe on the other worker at the same time."""
    if not _uses_live_neo4j(request.node):
        monkeypatch.delenv("NEO4J_URI", raising=False)
