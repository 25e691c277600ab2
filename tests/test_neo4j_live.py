"""The Neo4j path against a live server (NEO4J_URI; `.ci/run` starts one per run): the same input gives
the same graph, the same query-module rows, scores and exports as the embedded store; overrides,
a killed and resumed ingest, and refused credentials.

Every test here empties the one Neo4j database it shares with the rest of the suite before it writes.
"""
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import SEEDS, live_neo4j, neo4j_env, open_neo4j, wipe_neo4j
from sphere.cli import cli
from sphere.export.gephi import csv_paths, export_network
from sphere.export.network import ExportFilter
from sphere.fingerprint import fingerprint
from sphere.pipeline import RunReport, ingest, write_extractions
from sphere.query.centrality import analyze
from sphere.query.modules import get_module, load_modules
from sphere.resolve.overrides import apply_overrides, load_overrides
from sphere.store.embedded_store import EmbeddedStore
from test_ingest_job import small_corpus
from test_overrides import DOCUMENTS, OVERRIDES, extraction
import world

pytestmark = live_neo4j

# For every module, its defaults and parameter sets that exercise its filters, on the seeds plus the
# hand-built world of tests/world.py (dated 2019-2021) in one graph. Actors go by name, alias or id.
MODULE_PARAMS = {
    "ego-network": [{}, {"actor": "Хафтар"}, {"actor": "Russia", "since": "2020-01-01", "until": "2021-12-31"},
                    {"actor": "country:RU", "types": "SUPPORT,MILITARY_BASE,ARMS_TRANSFER"},
                    {"actor": "Khalifa Haftar", "types": "MEET", "min_weight": 2}],
    "influential-actors": [{}, {"country": "RU"}, {"since": "2020", "until": "2020-12-31"},
                           {"types": "MEET,VISIT", "limit": 5}, {"country": "LY", "limit": 3}],
    "brokers": [{}, {"min_weight": 2, "limit": 5}],
    "communities": [{}, {"top": 2, "min_size": 1}],
    "paths": [{}, {"source": "Turkey", "target": "Sergei Shoigu"}, {"source": "Erdogan", "target": "Wagner Group"},
              {"source": "Путин", "target": "Khalifa Haftar"}],
    "timeline": [{}, {"actor": "Russia"}, {"actor": "Khalifa Haftar", "other": "Sergei Shoigu"},
                 {"actor": "Россия", "since": "2020", "until": "2021-01", "types": "MILITARY_BASE,MEET"}],
    "foreign-footprint": [{}, {"host": "Ливия"}, {"host": "Benghazi"}, {"host": "SY", "types": "[]"},
                          {"host": "LY", "since": "2020-05-21", "types": "[]"}],
    "what-changed": [{}, {"since": "2021-01-01"}, {"since": "2020", "types": "MEET,MILITARY_BASE"},
                     {"since": "2021-01", "until": "2021-12-31", "min_weight": 2}],
    "evidence": [{}, {"subject": "Sergei Shoigu", "type": "MEET", "object": "Khalifa Haftar"},
                 {"subject": "Russia", "type": "SUPPORT", "object": "Хафтар"}],
    "claims-vs-facts": [{}, {"actor": "Khalifa Haftar", "modalities": "reported_claim"},
                        {"actor": "Russia", "since": "2020", "until": "2020-12-31"}],
    "country-matrix": [{}, {"foreign_only": "false", "types": "AFFILIATION"},
                       {"since": "2020-01-01", "until": "2020-12-31"}, {"min_weight": 2}],
    "co-presence": [{}, {"actor": "Лавров"}, {"place": "Moscow", "since": "2020"}, {"min_weight": 2}],
}
MODULE_CASES = [(name, params) for name, sets in MODULE_PARAMS.items() for params in sets]
SCORES = ("degree", "pagerank", "betweenness", "community", "community_rank")


def test_every_module_has_parameter_sets():
    assert set(MODULE_PARAMS) == set(load_modules())
    for name, sets in MODULE_PARAMS.items():
        assert {} in sets and len(sets) >= 2, name
        declared = {p.name for p in get_module(name).params}
        assert all(set(params) <= declared for params in sets), name


def _cli_on_neo4j(args: list[str], live: dict) -> str:
    with pytest.MonkeyPatch.context() as env:
        for key, value in live.items():
            env.setenv(key, value)
        result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="class")
def both(tmp_path_factory):
    """The seeds ingested into the embedded store and, twice through the CLI, into Neo4j; then the world
    of tests/world.py written through the pipeline into both, and `analyze` run on both."""
    embedded = EmbeddedStore(tmp_path_factory.mktemp("embedded") / "data")
    neo4j = open_neo4j()
    neo4j.ensure_schema()
    wipe_neo4j(neo4j)
    embedded.ensure_schema()
    assert ingest([SEEDS], embedded).ingested == 5
    live = neo4j_env()
    seeds = {"embedded stats": embedded.stats(), "embedded fingerprint": fingerprint(embedded)[0]}
    for run in ("first", "second"):
        seeds[f"{run} ingest"] = _cli_on_neo4j(["ingest", str(SEEDS), "--quiet"], live)
        seeds[f"{run} stats"] = json.loads(_cli_on_neo4j(["stats", "--json"], live))
    seeds["neo4j fingerprint"] = _cli_on_neo4j(["fingerprint"], live).strip()
    for store in (embedded, neo4j):
        write_extractions(store, world.extractions(), RunReport())
        analyze(store)
    yield embedded, neo4j, seeds
    embedded.close()
    neo4j.close()


class TestSameAnswersOnBothStores:
    def test_the_seeds_twice_through_the_cli_same_counts_and_fingerprint_as_embedded(self, both):
        seeds = both[2]
        assert "5 ingested" in seeds["first ingest"] and "5 skipped" in seeds["second ingest"]
        assert seeds["first stats"] == seeds["second stats"] == seeds["embedded stats"]
        assert seeds["first stats"]["nodes"]["Document"] == 5
        assert seeds["neo4j fingerprint"] == seeds["embedded fingerprint"]

    def test_the_same_graph(self, both):
        embedded, neo4j, _ = both
        assert fingerprint(neo4j) == fingerprint(embedded)
        assert neo4j.stats() == embedded.stats()

    @pytest.mark.parametrize("name, params", MODULE_CASES,
                             ids=[f"{n}-{json.dumps(p, ensure_ascii=False)}" for n, p in MODULE_CASES])
    def test_module_rows_are_identical(self, both, name, params):
        embedded, neo4j, _ = both
        module = get_module(name)
        on_embedded = module.run(embedded, {k: str(v) for k, v in params.items()})
        on_neo4j = module.run(neo4j, {k: str(v) for k, v in params.items()})
        assert on_neo4j.rows, f"{name} {params} answers nothing: the parameter set tests no filter"
        assert on_neo4j.columns == on_embedded.columns
        assert on_neo4j.rows == on_embedded.rows

    def test_analyze_writes_the_same_scores_and_communities(self, both):
        embedded, neo4j, _ = both
        for label in ("Actor", "Place"):
            statement = (f"MATCH (n:{label}) RETURN n.id AS id, " + ", ".join(f"n.{s} AS {s}" for s in SCORES)
                         + " ORDER BY id")
            rows = neo4j.query(statement).rows
            assert rows == embedded.query(statement).rows
            assert all(row[2] is not None and row[4] is not None for row in rows), label
        tiers = neo4j.query("MATCH (n:Hub) RETURN count(n) AS hubs").rows[0][0]
        assert tiers >= 1                     # Neo4j also gets the influence labels

    @pytest.mark.parametrize("fmt, flt", [
        ("gexf", ExportFilter()),
        ("gexf", ExportFilter(actor="Хафтар", radius=2, since="2019-06-01")),
        ("graphml", ExportFilter(types=("MEET", "SUPPORT", "AFFILIATION"))),
        ("csv", ExportFilter(kinds=("PERSON", "COUNTRY"), min_weight=1, until="2020-12-31")),
    ])
    def test_gephi_export_is_identical(self, both, tmp_path, fmt, flt):
        embedded, neo4j, _ = both
        out = {}
        for store in (embedded, neo4j):
            path = tmp_path / store.name / f"net.{fmt}"
            path.parent.mkdir()
            counts = export_network(store, path, fmt, flt)
            paths = csv_paths(path) if fmt == "csv" else (path,)
            out[store.name] = (counts, [p.read_bytes() for p in paths])
        assert out["neo4j"][0][1] > 0
        assert out["neo4j"] == out["embedded"]


def test_overrides_give_the_same_graph_on_both(neo4j_store, tmp_path, monkeypatch):
    path = tmp_path / "overrides.yaml"
    path.write_text(OVERRIDES, encoding="utf-8")
    later = extraction("d4.txt", [("SUPPORT", "person:belqasem", "country:RU", None, "Later, Belqasem backed Russia.")])
    prints = {}
    for store in (EmbeddedStore(tmp_path / "embedded"), neo4j_store):
        store.ensure_schema()
        write_extractions(store, [extraction(doc, rows) for doc, rows in DOCUMENTS.items()], RunReport())
        report = apply_overrides(store, load_overrides(path))
        assert (report.merged, report.split_events, report.renamed) == (1, 2, 1)
        corrected = fingerprint(store)
        with monkeypatch.context() as env:
            env.setenv("SPHERE_OVERRIDES", str(path))
            write_extractions(store, [later], RunReport())
        prints[store.name] = (corrected, fingerprint(store))
    assert prints["neo4j"] == prints["embedded"]
    assert prints["neo4j"][0] != prints["neo4j"][1]


def _sphere(*args, **kwargs):
    env = {**os.environ, **neo4j_env()}
    return subprocess.run([sys.executable, "-m", "sphere.cli", *args], env=env, capture_output=True, text=True,
                          **kwargs)


def _documents(store, marked: bool) -> int:
    where = " WHERE d.ingested_at IS NOT NULL" if marked else ""
    return store.query(f"MATCH (d:Document){where} RETURN count(d) AS n").rows[0][0]


@pytest.fixture(scope="module")
def corpus_and_its_graph(tmp_path_factory):
    """60 articles (a chunk of 50 and one of 10) and the fingerprint of their uninterrupted ingest."""
    inbox = small_corpus(tmp_path_factory.mktemp("corpus") / "inbox", 60)
    embedded = EmbeddedStore(tmp_path_factory.mktemp("uninterrupted") / "data")
    assert ingest([inbox], embedded).ingested == 60
    expected = fingerprint(embedded)
    embedded.close()
    return inbox, expected


def _kill_mid_ingest(store, inbox, marked: bool) -> None:
    """Start `sphere ingest` on Neo4j and SIGKILL it as soon as documents are written (marked: and the
    first chunk marked ingested); check it was killed mid-run."""
    run = subprocess.Popen([sys.executable, "-m", "sphere.cli", "ingest", str(inbox), "--quiet"],
                           env={**os.environ, **neo4j_env()}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 600
    while _documents(store, marked) == 0 and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    run.send_signal(signal.SIGKILL)
    run.wait()
    assert 0 < _documents(store, marked=False) and _documents(store, marked=True) < 60, "not killed mid-run"


def test_sigkill_mid_ingest_then_resume_gives_the_uninterrupted_graph(neo4j_store, corpus_and_its_graph):
    """Killed once the first chunk's documents are in Neo4j but not marked ingested; run again (redoing that
    chunk) and killed once a chunk is marked; then resumed: the graph is the one of an uninterrupted run
    (on the embedded store). Both crash points in one test: one resume, one fingerprint."""
    inbox, expected = corpus_and_its_graph
    _kill_mid_ingest(neo4j_store, inbox, marked=False)
    _kill_mid_ingest(neo4j_store, inbox, marked=True)
    resumed = _sphere("ingest", str(inbox), "--quiet")
    assert resumed.returncode == 0, resumed.stderr
    assert fingerprint(neo4j_store) == expected


# ---- refused credentials: a second, throw-away server with authentication on -----------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _auth_server_conf(running: str, work: Path, bolt: int, http: int) -> str:
    """The test server's neo4j.conf (written by ../shared/neo4j/start.sh) with authentication on,
    its own ports and folders, and a small memory budget."""
    text = (Path(running) / "conf" / "neo4j.conf").read_text(encoding="utf-8")
    text = text.replace(running, str(work))
    replace = {"dbms.security.auth_enabled": "true", "server.bolt.listen_address": f":{bolt}",
               "server.http.listen_address": f":{http}", "server.memory.heap.initial_size": "128m",
               "server.memory.heap.max_size": "384m", "server.memory.pagecache.size": "16m"}
    for key, value in replace.items():
        text = re.sub(rf"^{re.escape(key)}=.*$", f"{key}={value}", text, flags=re.M)
    return text


@pytest.fixture(scope="module", autouse=True)
def auth_server(tmp_path_factory):
    """Started as the module begins, so that it comes up while the other live tests run; stopped at
    the end. None where there is no ../shared/neo4j test server to copy the settings of."""
    running = os.environ.get("SPHERE_NEO4J_WORKDIR")
    home = Path(__file__).resolve().parents[2] / "shared" / "neo4j" / "neo4j-community-5.26.0"
    if not running or not (home / "bin" / "neo4j").exists():
        yield None
        return
    work = tmp_path_factory.mktemp("neo4j-auth")
    for folder in ("conf", "data", "logs", "run", "import", "plugins"):
        (work / folder).mkdir()
    for conf in (Path(running) / "conf").iterdir():
        if conf.name != "neo4j.conf":
            (work / "conf" / conf.name).write_bytes(conf.read_bytes())
    bolt, http = _free_port(), _free_port()
    (work / "conf" / "neo4j.conf").write_text(_auth_server_conf(running, work, bolt, http), encoding="utf-8")
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(work / "conf")}
    starting = subprocess.Popen([str(home / "bin" / "neo4j"), "start"], env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)         # not waited for: it comes up meanwhile
    try:
        yield f"bolt://127.0.0.1:{bolt}", work
    finally:
        starting.wait(timeout=300)
        _kill_server(work, home, env)


def _kill_server(work: Path, home: Path, env: dict) -> None:
    """A throw-away server holds nothing worth a graceful stop, which takes it about 12 s: SIGKILL it."""
    pid_file = work / "run" / "neo4j.pid"
    try:
        os.kill(int(pid_file.read_text().strip()), signal.SIGKILL)
    except (OSError, ValueError):      # no pid file (it never started) or gone already: stop it the long way
        subprocess.run([str(home / "bin" / "neo4j"), "stop"], env=env, capture_output=True, timeout=120)


def _wait_until_started(work: Path, seconds: float = 240) -> None:
    deadline = time.monotonic() + seconds
    log = work / "logs" / "neo4j.log"
    while time.monotonic() < deadline:
        if log.exists() and "Started." in log.read_text(encoding="utf-8", errors="replace"):
            return
        time.sleep(0.5)
    pytest.fail(f"the authenticating Neo4j did not start in {seconds:.0f} s; see {work / 'logs'}")


def test_a_wrong_password_is_one_clear_line(auth_server, tmp_path):
    if auth_server is None:
        pytest.skip("no second server with authentication: it is started only next to ../shared/neo4j's "
                    "test server (SPHERE_NEO4J_WORKDIR), whose settings it copies")
    uri, work = auth_server
    _wait_until_started(work)
    inbox = small_corpus(tmp_path / "inbox", 2)
    wrong = {"NEO4J_URI": uri, "NEO4J_USER": "neo4j", "NEO4J_PASSWORD": "not-the-password"}
    for args in (["stats", "--json"], ["ingest", str(inbox), "--quiet"]):
        done = subprocess.run([sys.executable, "-m", "sphere.cli", *args], env={**os.environ, **wrong},
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 1, done.stderr
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1, done.stderr
        assert lines[0].startswith(f"Error: Neo4j at {uri} refused") and "NEO4J_PASSWORD" in lines[0]
        assert "retry" not in done.stderr and "Traceback" not in done.stderr
