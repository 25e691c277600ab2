"""The scheduled ingest job: ledger, formats, workers, crash safety, outages and a corpus of bad files."""
import gzip
import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from urllib.parse import urlsplit

import pytest
from conftest import open_neo4j, wipe_neo4j
from flaky_proxy import FlakyProxy

from sphere import pipeline
from sphere.cli import cli
from sphere.fingerprint import fingerprint as graph_fingerprint
from sphere.store import dialect
from sphere.store.embedded_store import EmbeddedStore
from sphere.write.projection import rebuild_projection

PEOPLE = ["Khalifa Haftar", "Sergei Shoigu", "Sergey Lavrov", "Recep Tayyip Erdogan", "Vladimir Putin"]
PLACES = ["Moscow", "Ankara", "Benghazi", "Tripoli", "Istanbul"]


def small_corpus(folder, n):
    """n short English articles written for the tests, every one a distinct text."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(5)
    for i in range(n):
        a, b = rng.sample(PEOPLE, 2)
        text = (f"date 2020-{1 + i % 12:02d}-{1 + i % 27:02d}\n{a} met {b} in {rng.choice(PLACES)} on Monday. "
                f"Report number {i}: Russia supplied weapons to the Libyan National Army.\n")
        (folder / f"a{i:04d}.txt").write_text(text, encoding="utf-8")
    return folder


def cli_env(data, env_extra=None) -> dict:
    """The environment of a `sphere` subprocess on the embedded store in data (unless env_extra says Neo4j)."""
    env = {k: v for k, v in os.environ.items() if k != "NEO4J_URI"}
    return {**env, "SPHERE_DATA": str(data), **(env_extra or {})}


def sphere(data, *args, env_extra=None, **kwargs):
    return subprocess.run([sys.executable, "-m", "sphere.cli", *args], env=cli_env(data, env_extra),
                          capture_output=True, text=True, **kwargs)


def fingerprint(runner):
    result = runner.invoke(cli, ["fingerprint"])
    assert result.exit_code == 0, result.output
    return result.output.strip()


def test_watch_once_ingests_only_new_or_changed_text(runner, tmp_path):
    inbox = small_corpus(tmp_path / "inbox", 6)
    first = runner.invoke(cli, ["watch", str(inbox), "--once"])
    assert first.exit_code == 0, first.output
    before = fingerprint(runner)
    (inbox / "a0000.txt").rename(inbox / "renamed.txt")                       # same text, new name
    (inbox / "copy.md").write_text((inbox / "a0001.txt").read_text(encoding="utf-8"), encoding="utf-8")
    again = runner.invoke(cli, ["watch", str(inbox), "--once"])
    assert again.exit_code == 0 and "already in the graph" in again.output
    assert fingerprint(runner) == before
    (inbox / "a0002.txt").write_text("date 2021-03-03\nSergey Lavrov met Recep Tayyip Erdogan in Ankara.\n",
                                     encoding="utf-8")
    changed = runner.invoke(cli, ["watch", str(inbox), "--once"])
    assert changed.exit_code == 0 and fingerprint(runner) != before
    assert "older versions of edited documents" in changed.output
    stats = json.loads(runner.invoke(cli, ["stats", "--json"]).output)
    assert stats["nodes"]["Document"] == 6                                    # the edit replaced a0002.txt


def test_html_pages_are_read_for_their_main_text(runner, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "page.html").write_text(
        "<html><head><title>Talks in Moscow</title></head><body><nav>Home | World | Sport</nav><article>"
        "<p>Khalifa Haftar met Sergei Shoigu in Moscow on Monday to discuss a ceasefire in Libya.</p>"
        "<p>The two men spoke for three hours, officials said after the meeting ended.</p></article>"
        "<footer>Subscribe to our newsletter</footer></body></html>", encoding="utf-8")
    assert runner.invoke(cli, ["ingest", str(inbox), "--quiet"]).exit_code == 0
    rows = runner.invoke(cli, ["cypher", "MATCH (d:Document) RETURN d.title AS title", "--format", "json"]).output
    assert json.loads(rows.splitlines()[0]) == {"title": "Talks in Moscow"}
    sentences = runner.invoke(cli, ["cypher", "MATCH ()-[r:REPORTED_IN]->() RETURN r.sentence AS s",
                                    "--format", "json"]).output
    assert "Shoigu" in sentences and "newsletter" not in sentences


@pytest.fixture(scope="module")
def corpus_and_serial_graph(tmp_path_factory):
    """30 articles and the fingerprint of their ingest in this process, one at a time (models loaded once)."""
    inbox = small_corpus(tmp_path_factory.mktemp("corpus") / "inbox", 30)
    return inbox, _fingerprint_and_resume(tmp_path_factory.mktemp("serial") / "data", inbox)[1]


def _fingerprint_of_store(data) -> str:
    store = EmbeddedStore(data)
    try:
        return graph_fingerprint(store)[0]
    finally:
        store.close()


def test_two_workers_build_the_same_graph_as_one(tmp_path, corpus_and_serial_graph):
    inbox, expected = corpus_and_serial_graph
    parallel = sphere(tmp_path / "parallel", "ingest", str(inbox), "--quiet", "--workers", "2")
    assert parallel.returncode == 0, parallel.stderr
    assert len(expected) == 64 and _fingerprint_of_store(tmp_path / "parallel") == expected


def test_a_local_dask_cluster_builds_the_same_graph_as_one_process(tmp_path, corpus_and_serial_graph):
    distributed = pytest.importorskip("distributed")
    inbox, expected = corpus_and_serial_graph
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        on_dask = sphere(tmp_path / "dask", "ingest", str(inbox), "--quiet", "--dask", cluster.scheduler_address)
    assert on_dask.returncode == 0, on_dask.stderr
    assert _fingerprint_of_store(tmp_path / "dask") == expected


KILL_FRACTIONS = (0.1, 0.0, 0.2, 0.4, 0.6, 0.8)   # first: of the loading time; then: of the writing time
KILL_CORPUS = 110           # three write chunks (50, 50, 10): kills between chunks, inside one, at the end


def _store_files(data) -> tuple:
    try:
        return tuple(sorted((f.name, f.stat().st_size) for f in data.iterdir()))
    except FileNotFoundError:      # the folder, or a lock file, came or went while listed
        return ("changing",)


class Run:
    """A `sphere ingest` subprocess on the embedded store in data, watched through its files: when it
    created its store, and when it began writing (the first change after the schema's checkpoint left
    the database file alone)."""

    def __init__(self, data, inbox):
        self.data = data
        self.started = time.monotonic()
        self.proc = subprocess.Popen([sys.executable, "-m", "sphere.cli", "ingest", str(inbox), "--quiet"],
                                     env=cli_env(data), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.store_at = self.settled_at = self.writing_at = None
        self._settled = None

    def watch_until(self, moment: str, timeout: float = 600) -> float | None:
        """Poll until the schema is in place and the database file settled ("settled") or writing began
        ("writing"); the time, or None if the run ended first."""
        deadline = time.monotonic() + timeout
        while self.proc.poll() is None and time.monotonic() < deadline:
            self._look()
            if (self.settled_at if moment == "settled" else self.writing_at) is not None:
                return self.settled_at if moment == "settled" else self.writing_at
            time.sleep(0.01)
        return None

    def _look(self) -> None:
        if self.store_at is None and self.data.exists():
            self.store_at = time.monotonic()
        files = _store_files(self.data) if self.store_at else ()
        if self._settled is None and len(files) == 1 and files[0][0] == "graph.lbug" and files[0][1] > 4096:
            self._settled, self.settled_at = files, time.monotonic()
        elif self._settled is not None and self.writing_at is None and files != self._settled:
            self.writing_at = time.monotonic()

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()


def _fingerprint_and_resume(data, inbox) -> tuple[tuple[int, int], str]:
    """The documents (written, marked) a run left in the embedded store in data; then, ingesting inbox
    again in this process (models loaded once per session), the fingerprint of the graph."""
    store = EmbeddedStore(data)
    try:
        store.ensure_schema()
        found = tuple(store.query(f"MATCH (d:Document){where} RETURN count(d)").rows[0][0]
                      for where in ("", " WHERE d.ingested_at IS NOT NULL"))
        assert pipeline.ingest([inbox], store).failed == 0
        return found, graph_fingerprint(store)[0]
    finally:
        store.close()


def test_sigkill_at_points_spread_over_the_run_then_resume_gives_the_uninterrupted_graph(tmp_path):
    """A `sphere ingest` killed while it loads and extracts, and at points spread over its writing
    (chunks, projection, marking), then resumed, gives the graph of an uninterrupted ingest. The kill
    points follow the timeline of an uninterrupted run watched first, so they land where meant whatever
    the machine's load; the resumes and fingerprints run in this process."""
    inbox = small_corpus(tmp_path / "inbox", KILL_CORPUS)
    clean = Run(tmp_path / "clean", inbox)
    clean.watch_until("writing")
    assert clean.proc.wait() == 0 and clean.writing_at is not None
    loading, writing = clean.writing_at - clean.settled_at, time.monotonic() - clean.writing_at
    expected = _fingerprint_and_resume(tmp_path / "clean", inbox)[1]
    rng = random.Random(13)
    states = []
    for round_, fraction in enumerate(KILL_FRACTIONS):
        run = Run(tmp_path / f"crash{round_}", inbox)
        anchor, span = ("settled", loading) if round_ == 0 else ("writing", writing)
        if run.watch_until(anchor) is not None:
            time.sleep(span * (fraction + rng.uniform(0, 0.2 if round_ else 0.1)))
        run.kill()
        found, resumed = _fingerprint_and_resume(run.data, inbox)
        states.append(found)
        assert resumed == expected, f"round {round_}: killed with (written, marked) documents {found}"
    assert states[0] == (0, 0), f"the first kill was meant to land before any write: {states}"
    assert any(0 < written and marked < KILL_CORPUS for written, marked in states[1:]), \
        f"no kill landed while the run wrote: (written, marked) at each kill {states}"


def test_unreachable_neo4j_is_retried_then_reported_and_nothing_is_marked(tmp_path):
    inbox = small_corpus(tmp_path / "inbox", 2)
    result = sphere(tmp_path / "unused", "watch", str(inbox), "--once",
                    env_extra={"NEO4J_URI": "bolt://127.0.0.1:9", "NEO4J_PASSWORD": "x",
                               "SPHERE_RETRY_SECONDS": "0.05", "SPHERE_NEO4J_RETRY_SECONDS": "0.2"}, timeout=120)
    assert result.returncode == 1
    assert "unreachable" in result.stderr and "retry 1" in result.stderr and "gave up" in result.stderr
    assert not (tmp_path / "unused").exists()


def _echo_server() -> int:
    server = socket.create_server(("127.0.0.1", 0))

    def serve():
        while True:
            conn, _ = server.accept()
            threading.Thread(target=lambda c=conn: [c.sendall(d) for d in iter(lambda: c.recv(1024), b"")],
                             daemon=True).start()

    threading.Thread(target=serve, daemon=True).start()
    return server.getsockname()[1]


def test_the_outage_proxy_forwards_then_drops_and_refuses_then_forwards_again():
    proxy = FlakyProxy("127.0.0.1", _echo_server())
    with socket.create_connection(("127.0.0.1", proxy.port), timeout=5) as before:
        before.sendall(b"ping")
        assert before.recv(4) == b"ping"
        proxy.outage(1.0)
        assert before.recv(4) == b""                                   # the open connection was dropped
    with socket.create_connection(("127.0.0.1", proxy.port), timeout=5) as during:
        during.sendall(b"ping")
        assert during.recv(4) == b""                                   # refused while down
    time.sleep(1.1)
    with socket.create_connection(("127.0.0.1", proxy.port), timeout=5) as after:
        after.sendall(b"pong")
        assert after.recv(4) == b"pong"
    proxy.close()


@pytest.mark.skipif(not os.environ.get("NEO4J_URI"), reason="needs a live Neo4j (NEO4J_URI)")
def test_live_neo4j_outage_mid_run_loses_and_doubles_nothing(tmp_path):
    """A live Neo4j behind a proxy that drops every connection for 5 s as soon as the run has written its
    first documents (so the outage meets its writes whatever the machine's load); the graph is then the
    one an uninterrupted ingest makes (built, like the fingerprints, in this process)."""
    live = urlsplit(os.environ["NEO4J_URI"])
    proxy = FlakyProxy(live.hostname, live.port or 7687)
    via_proxy = {"NEO4J_URI": f"bolt://127.0.0.1:{proxy.port}", "SPHERE_RETRY_SECONDS": "1",
                 "SPHERE_NEO4J_RETRY_SECONDS": "2"}
    inbox = small_corpus(tmp_path / "inbox", 150)
    store = open_neo4j()
    try:
        store.ensure_schema()
        wipe_neo4j(store)
        run = subprocess.Popen([sys.executable, "-m", "sphere.cli", "ingest", str(inbox), "--quiet"],
                               env=cli_env(tmp_path / "unused", via_proxy), stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 600
        while _document_count(store) == 0 and run.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        proxy.outage(5)
        _, stderr = run.communicate(timeout=900)
        assert run.returncode == 0, stderr
        assert proxy.outages == 1 and "retry" in stderr
        interrupted = graph_fingerprint(store)
        wipe_neo4j(store)
        assert pipeline.ingest([inbox], store).failed == 0
        assert graph_fingerprint(store) == interrupted
    finally:
        store.close()
        proxy.close()


def _document_count(store) -> int:
    return store.query("MATCH (d:Document) RETURN count(d) AS n").rows[0][0]


def bad_corpus(folder):
    """At least 25 kinds of bad or odd input, each to be ingested or skipped with one clear line."""
    folder.mkdir()
    good = "Sergey Lavrov met Recep Tayyip Erdogan in Ankara on Friday."
    files = {
        "empty.txt": b"",
        "spaces.txt": b"   \n\t\n",
        "binary.txt": bytes(range(256)) * 40,
        "truncated-utf8.txt": ("Лавров встретился с Эрдоганом в Анкаре. " * 3).encode()[:-1],
        "pdf-named-txt.txt": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n" + bytes(range(200)) * 10,
        "gzip-named-txt.txt": gzip.compress(good.encode()),
        "html-no-text.html": b"<html><head><title>x</title></head><body><nav>Home</nav></body></html>",
        "broken.html": b"<html><body><p>" + good.encode() + b"</p>",
        "lines.jsonl": (json.dumps({"id": "j1", "text": good}) + "\n{broken\n" + json.dumps([1, 2]) + "\n"
                        + json.dumps({"id": "j2"}) + "\n" + json.dumps({"id": "j3", "text": "  "}) + "\n").encode(),
        "not-json.jsonl": b"just a line of prose\n",
        "dup-one.txt": good.encode(),
        "dup-two.md": good.encode(),
        "bom.txt": b"\xef\xbb\xbf" + "Путин встретился с Эрдоганом в Москве.".encode(),
        "utf16.txt": "Путин встретился с Эрдоганом в Москве в пятницу.".encode("utf-16"),
        "cp1251.txt": "Президент России Владимир Путин встретился с Эрдоганом в Москве.".encode("cp1251"),
        "koi8u.txt": "Президент України зустрівся з прем'єр-міністром у Києві.".encode("koi8_u"),
        "emoji.txt": "🙂🙃🎉 🚀🚀 🔥".encode(),
        "zero-width.txt": "\u200b\u200c\u200d\ufeff".encode(),
        "rtl.txt": "وزير الخارجية الروسي سيرغي لافروف التقى نظيره التركي في أنقرة".encode(),
        "only-date.txt": b"date 2020-01-01\n",
        "nul-middle.txt": good.encode() + b"\x00\x00" + good.encode(),
        "crlf.txt": "Sergey Lavrov met Recep Tayyip Erdogan in Ankara.\r\nThey spoke for an hour.\r\n".encode(),
        "one-line-5mb.txt": b"word " * 1_000_000,
        "big-50mb.txt": b"a" * 50_000_001,
        ".hidden.txt": good.encode(),
        "ignored.pdf": b"%PDF-1.4",
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    (folder / "folder.txt").mkdir()
    (folder / "loop-a.txt").symlink_to(folder / "loop-b.txt")
    (folder / "loop-b.txt").symlink_to(folder / "loop-a.txt")
    (folder / "dangling.txt").symlink_to(folder / "nowhere.txt")
    return folder


def test_a_corpus_of_bad_files_is_processed_or_skipped_with_one_line_each(runner, tmp_path):
    corpus = bad_corpus(tmp_path / "bad")
    log_file = tmp_path / "ingest.log"
    result = runner.invoke(cli, ["ingest", str(corpus), "--quiet", "--log", str(log_file)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    errors = [line for line in lines if line.startswith("error:")]
    for name, why in [("empty.txt", "empty file"), ("spaces.txt", "empty file"), ("binary.txt", "binary"),
                      ("pdf-named-txt.txt", "binary"), ("gzip-named-txt.txt", "binary"),
                      ("html-no-text.html", "no main text"), ("lines.jsonl:2", "not JSON"),
                      ("lines.jsonl:3", '"id" and "text"'), ("lines.jsonl:4", '"id" and "text"'),
                      ("lines.jsonl:5", "empty text"), ("not-json.jsonl:1", "not JSON"),
                      ("emoji.txt", "no words"), ("zero-width.txt", "no words"), ("only-date.txt", "no text"),
                      ("one-line-5mb.txt", "too long"), ("big-50mb.txt", "too large"),
                      ("loop-a.txt", "symbolic link"), ("loop-b.txt", "symbolic link"),
                      ("dangling.txt", "symbolic link")]:
        assert sum(f"{name}:" in e and why in e for e in errors) == 1, (name, errors)
    assert any("same text as" in line for line in lines)
    assert "Ingest run" in result.output and "ingested" in result.output
    stats = json.loads(runner.invoke(cli, ["stats", "--json"]).output)
    # one text for j1, dup-one, dup-two and broken.html; truncated, bom, utf16, cp1251, koi8u, nul-middle, crlf
    assert stats["nodes"]["Document"] == 8
    assert sum("rtl.txt:" in line and "language not supported (Arabic script)" in line for line in lines) == 1
    logged = log_file.read_text(encoding="utf-8")
    assert "big-50mb.txt" in logged and "run: read" in logged
    again = runner.invoke(cli, ["ingest", str(corpus), "--quiet"])
    assert json.loads(runner.invoke(cli, ["stats", "--json"]).output) == stats
    assert "already in the graph" in again.output


# ---- incremental writes: the projection and the person index --------------------------------------
def _all_actor_ids(store) -> list[str]:
    return [row[0] for row in store.query("MATCH (a:Actor) RETURN a.id").rows]


def _wipe(store) -> None:
    store.query("MATCH (n) DETACH DELETE n")


def _dies_at_projection(store, monkeypatch, call: int, where: str) -> None:
    """The run dies at its call-th projection transaction: before it, or inside it (rolled back)."""
    calls = []
    original = store.change_projection

    def dying(change):
        calls.append(change)
        if len(calls) == call:
            if where.startswith("inside"):
                monkeypatch.setattr(dialect, "mark_ingested", lambda: "THIS IS NOT CYPHER")
                original(change)
            raise RuntimeError("killed")
        original(change)

    monkeypatch.setattr(store, "change_projection", dying)


def test_the_projection_added_chunk_by_chunk_equals_a_recount_from_every_event(store, tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "WRITE_BATCH_DOCUMENTS", 4)
    corpus = small_corpus(tmp_path / "inbox", 14)
    first = tmp_path / "first"
    first.mkdir()
    for path in sorted(corpus.iterdir())[:6]:
        path.rename(first / path.name)
    assert pipeline.ingest([first], store).ingested == 6
    assert pipeline.ingest([corpus], store).ingested == 8
    added, _ = graph_fingerprint(store)
    assert store.query("MATCH (:Actor)-[r:MEET]->(:Actor) RETURN max(r.weight)").rows[0][0] > 1
    rebuild_projection(store, _all_actor_ids(store))
    assert graph_fingerprint(store)[0] == added


@pytest.mark.parametrize("where", ["before the projection transaction", "inside the projection transaction"])
def test_a_run_that_dies_at_a_chunk_resumes_to_the_clean_graph(store, tmp_path, monkeypatch, where):
    monkeypatch.setattr(pipeline, "WRITE_BATCH_DOCUMENTS", 3)
    corpus = small_corpus(tmp_path / "inbox", 9)
    pipeline.ingest([corpus], store)
    clean = graph_fingerprint(store)
    _wipe(store)
    _dies_at_projection(store, monkeypatch, 2, where)
    with pytest.raises(Exception):
        pipeline.ingest([corpus], store)
    monkeypatch.undo()
    assert store.has_unfinished_documents()
    assert pipeline.ingest([corpus], store).ingested == 6
    assert graph_fingerprint(store) == clean and not store.has_unfinished_documents()


def test_the_person_index_is_read_once_per_run_and_grows_with_each_chunk(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "WRITE_BATCH_DOCUMENTS", 1)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text("Samuel Dunmore met Gary Kendrick in Lisbon on Monday.\n", encoding="utf-8")
    (inbox / "b.txt").write_text("On Tuesday Dunmore met Peter Langley in Madrid.\n", encoding="utf-8")
    store = EmbeddedStore(tmp_path / "data")
    reads = []
    people = store.people
    monkeypatch.setattr(store, "people", lambda: reads.append(1) or people())
    assert pipeline.ingest([inbox], store).ingested == 2
    assert len(reads) == 1
    rows = store.query("MATCH (a:Actor)-[r:MEET]->(b:Actor) RETURN a.id, b.id, r.weight ORDER BY b.id").rows
    assert [row[:2] for row in rows] == [["person:samuel_dunmore", "person:gary_kendrick"],
                                         ["person:samuel_dunmore", "person:peter_langley"]]
    store.close()


# ---- a document's lasting identity -------------------------------------------------------------------
def _meets(store) -> list[list]:
    return store.query("MATCH (a:Actor)-[r:MEET]->(b:Actor) RETURN a.name, b.name, r.weight, r.documents, "
                       "r.first_seen ORDER BY b.name").rows


def _two_versions(tmp_path):
    inbox = tmp_path / "inbox"
    (inbox / "sub").mkdir(parents=True, exist_ok=True)
    (inbox / "b.txt").write_text("date 2021-05-07\nSamuel Dunmore met Gary Kendrick in Paris.\n", encoding="utf-8")
    (inbox / "sub" / "a.txt").write_text("date 2020-03-02\nSamuel Dunmore met Gary Kendrick in Lisbon.\n",
                                         encoding="utf-8")
    return inbox


def _edit(inbox) -> None:
    (inbox / "sub" / "a.txt").write_text("date 2020-03-02\nSamuel Dunmore met Peter Langley in Madrid.\n",
                                         encoding="utf-8")


def test_an_edited_file_replaces_its_old_version_and_the_projection_follows(store, tmp_path):
    inbox = _two_versions(tmp_path)
    assert pipeline.ingest([inbox], store).ingested == 2
    assert _meets(store) == [["Samuel Dunmore", "Gary Kendrick", 2, 2, "2020-03-02"]]
    _edit(inbox)
    report = pipeline.ingest([inbox], store)
    assert report.ingested == 1 and report.replaced == 1
    assert _meets(store) == [["Samuel Dunmore", "Gary Kendrick", 1, 1, "2021-05-07"],
                             ["Samuel Dunmore", "Peter Langley", 1, 1, "2020-03-02"]]
    documents = store.query("MATCH (d:Document) RETURN d.identity ORDER BY d.identity").rows
    assert documents == [["b.txt"], ["sub/a.txt"]]
    sentences = [row[0] for row in store.query("MATCH ()-[r:REPORTED_IN]->() RETURN r.sentence").rows]
    assert not any("Lisbon" in s for s in sentences) and any("Madrid" in s for s in sentences)
    mentioned = store.query("MATCH (:Document)-[:MENTIONS]->(p:Place) RETURN p.name ORDER BY p.name").rows
    assert mentioned == [["Madrid"], ["Paris"]]
    recounted = graph_fingerprint(store)
    rebuild_projection(store, _all_actor_ids(store))
    assert graph_fingerprint(store) == recounted


def test_the_same_text_under_a_new_name_is_still_skipped(store, tmp_path):
    inbox = _two_versions(tmp_path)
    pipeline.ingest([inbox], store)
    (inbox / "copy.txt").write_text((inbox / "b.txt").read_text(encoding="utf-8"), encoding="utf-8")
    report = pipeline.ingest([inbox], store)
    assert report.ingested == 0 and report.skipped == 3
    assert store.query("MATCH (d:Document) RETURN count(d)").rows == [[2]]


def test_a_json_lines_record_is_known_by_its_id(store, tmp_path):
    feed = tmp_path / "feed.jsonl"
    record = {"id": "item-7", "published": "2022-01-01"}
    feed.write_text(json.dumps({**record, "text": "Samuel Dunmore met Gary Kendrick in Paris."}) + "\n",
                    encoding="utf-8")
    pipeline.ingest([feed], store)
    later = tmp_path / "later.jsonl"
    later.write_text(json.dumps({**record, "text": "Samuel Dunmore met Peter Langley in Paris."}) + "\n",
                     encoding="utf-8")
    assert pipeline.ingest([later], store).ingested == 1
    assert [row[1] for row in _meets(store)] == ["Peter Langley"]
    assert store.query("MATCH (d:Document) RETURN d.identity").rows == [["item-7"]]


@pytest.mark.parametrize("where", ["before the projection transaction", "inside the projection transaction"])
def test_a_run_that_dies_while_replacing_a_version_resumes_to_the_clean_graph(store, tmp_path, monkeypatch, where):
    inbox = _two_versions(tmp_path)
    pipeline.ingest([inbox], store)
    _edit(inbox)
    pipeline.ingest([inbox], store)
    clean = graph_fingerprint(store)
    _wipe(store)
    _two_versions(tmp_path)
    pipeline.ingest([inbox], store)
    _edit(inbox)
    _dies_at_projection(store, monkeypatch, 1, where)
    with pytest.raises(Exception):
        pipeline.ingest([inbox], store)
    monkeypatch.undo()
    assert pipeline.ingest([inbox], store).ingested == 1
    assert graph_fingerprint(store) == clean


def test_a_query_warns_once_while_an_interrupted_ingest_leaves_the_projection_incomplete(runner, tmp_path,
                                                                                         monkeypatch):
    monkeypatch.setattr(pipeline, "WRITE_BATCH_DOCUMENTS", 2)
    inbox = small_corpus(tmp_path / "inbox", 4)
    store = EmbeddedStore(os.environ["SPHERE_DATA"])
    _dies_at_projection(store, monkeypatch, 2, "before the projection transaction")
    with pytest.raises(RuntimeError):
        pipeline.ingest([inbox], store)
    store.close()
    interrupted = runner.invoke(cli, ["query", "brokers"])
    assert interrupted.exit_code == 0
    assert interrupted.stderr.count("the projection is incomplete after an interrupted ingest") == 1
    assert runner.invoke(cli, ["ingest", str(inbox), "--quiet"]).exit_code == 0
    finished = runner.invoke(cli, ["query", "brokers"])
    assert finished.exit_code == 0 and "incomplete" not in finished.stderr


def test_two_versions_of_a_record_in_one_run_keep_the_later(store, tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"id": "item-9", "text": text}) + "\n" for text in (
        "Samuel Dunmore met Gary Kendrick in Paris.", "Samuel Dunmore met Peter Langley in Paris.")), encoding="utf-8")
    report = pipeline.ingest([feed], store)
    assert report.ingested == 1 and report.skip_reasons["replaced by a later version in the same run"] == 1
    assert [row[1] for row in _meets(store)] == ["Peter Langley"]
