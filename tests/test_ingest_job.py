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
from flaky_proxy import FlakyProxy

from sphere.cli import cli

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
    stats = json.loads(runner.invoke(cli, ["stats", "--json"]).output)
    assert stats["nodes"]["Document"] == 7


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


def test_two_workers_build_the_same_graph_as_one(tmp_path):
    inbox = small_corpus(tmp_path / "inbox", 30)
    serial = sphere(tmp_path / "serial", "ingest", str(inbox), "--quiet", "--workers", "1")
    parallel = sphere(tmp_path / "parallel", "ingest", str(inbox), "--quiet", "--workers", "2")
    assert serial.returncode == 0 and parallel.returncode == 0, parallel.stderr
    expected = sphere(tmp_path / "serial", "fingerprint").stdout
    assert len(expected.strip()) == 64 and sphere(tmp_path / "parallel", "fingerprint").stdout == expected


def test_a_local_dask_cluster_builds_the_same_graph_as_one_process(tmp_path):
    distributed = pytest.importorskip("distributed")
    inbox = small_corpus(tmp_path / "inbox", 12)
    assert sphere(tmp_path / "serial", "ingest", str(inbox), "--quiet", "--workers", "1").returncode == 0
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        on_dask = sphere(tmp_path / "dask", "ingest", str(inbox), "--quiet", "--dask", cluster.scheduler_address)
    assert on_dask.returncode == 0, on_dask.stderr
    assert sphere(tmp_path / "dask", "fingerprint").stdout == sphere(tmp_path / "serial", "fingerprint").stdout


def test_sigkill_at_random_points_then_resume_gives_the_uninterrupted_graph(tmp_path):
    inbox = small_corpus(tmp_path / "inbox", 200)
    assert sphere(tmp_path / "clean", "ingest", str(inbox), "--quiet").returncode == 0
    expected = sphere(tmp_path / "clean", "fingerprint").stdout
    assert len(expected.strip()) == 64
    rng = random.Random(13)
    for round_ in range(10):
        data = tmp_path / f"crash{round_}"
        proc = subprocess.Popen([sys.executable, "-m", "sphere.cli", "ingest", str(inbox), "--quiet"], env=cli_env(data),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(2.5, 9.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        resumed = sphere(data, "ingest", str(inbox), "--quiet")
        assert resumed.returncode == 0, resumed.stderr
        assert sphere(data, "fingerprint").stdout == expected, f"round {round_}"


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
    """A live Neo4j behind a proxy that drops every connection for 5 s in the middle of a run."""
    live = urlsplit(os.environ["NEO4J_URI"])
    proxy = FlakyProxy(live.hostname, live.port or 7687)
    via_proxy = {"NEO4J_URI": f"bolt://127.0.0.1:{proxy.port}", "SPHERE_RETRY_SECONDS": "1",
                 "SPHERE_NEO4J_RETRY_SECONDS": "2"}
    inbox = small_corpus(tmp_path / "inbox", 150)
    _wipe_live_graph(via_proxy)
    run = subprocess.Popen([sys.executable, "-m", "sphere.cli", "ingest", str(inbox), "--quiet"],
                           env=cli_env(tmp_path / "unused", via_proxy), stderr=subprocess.PIPE, text=True)
    time.sleep(6)
    proxy.outage(5)
    _, stderr = run.communicate(timeout=900)
    assert run.returncode == 0, stderr
    assert proxy.outages == 1 and "retry" in stderr
    interrupted = sphere(tmp_path / "unused", "fingerprint", env_extra=via_proxy).stdout
    _wipe_live_graph(via_proxy)
    assert sphere(tmp_path / "unused", "ingest", str(inbox), "--quiet", env_extra=via_proxy).returncode == 0
    assert sphere(tmp_path / "unused", "fingerprint", env_extra=via_proxy).stdout == interrupted
    proxy.close()


def _wipe_live_graph(env_extra: dict) -> None:
    wiped = sphere("unused", "cypher", "MATCH (n) DETACH DELETE n", env_extra=env_extra)
    assert wiped.returncode == 0, wiped.stderr


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
