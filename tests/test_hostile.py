"""Hostile and careless use (issue 17): a busy store, odd input, bad settings and ordinary mistakes
each give one clear line, never a traceback, and lose or double no article."""
import json
import os
import socket
import subprocess
import sys
import time

import pytest

from sphere import jobs
from sphere.cli import _print_result, cli
from sphere.export.network import ExportError, ExportFilter
from sphere.export.gephi import export_network
from sphere.pipeline import RunReport
from sphere.query.matching import Node, NoSuchName, find_node
from sphere.query.modules import ModuleError, get_module
from sphere.read.sources import Problem, iter_articles
from sphere.resolve.overrides import OverridesError, load_overrides
from sphere.store.base import QueryResult, StoreBusy
from sphere.store.embedded_store import RELEASE_AFTER_IDLE, EmbeddedStore
from world import build_world

HOLD_STORE = """
import sys, time
from sphere.store.embedded_store import RELEASE_AFTER_IDLE, EmbeddedStore
store = EmbeddedStore(sys.argv[1])
with store._using():
    print("holding", flush=True)
    time.sleep(float(sys.argv[2]))
store.close()
"""
GERMAN = ("Die Außenminister Russlands und der Türkei haben sich am Montag in Ankara getroffen. Sie sprachen "
          "über die Lage in Libyen, wie das Ministerium mitteilte, und wollen sich im Herbst wieder treffen.\n")
ARABIC = "التقى وزير الخارجية الروسي نظيره التركي في أنقرة يوم الاثنين لبحث الوضع في ليبيا\n"
ENGLISH = "Sergey Lavrov met the Turkish foreign minister in Ankara on Monday, the ministry said.\n"


def sphere(data, *args, timeout=120, **env_extra):
    env = {k: v for k, v in os.environ.items() if k not in ("NEO4J_URI", "SPHERE_OVERRIDES")}
    env.update({"SPHERE_DATA": str(data), "SPHERE_RETRY_SECONDS": "0.1", **env_extra})
    return subprocess.run([sys.executable, "-m", "sphere.cli", *args], env=env, capture_output=True, text=True,
                          timeout=timeout)


def one_clear_line(result, *words):
    """Failed with one line on stderr that says each of words, and no traceback."""
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert len(lines) == 1, lines
    assert all(w in lines[0] for w in words), lines[0]
    return lines[0]


def hold_store(data, seconds):
    """Another process that opens the embedded store in data and keeps it for seconds."""
    EmbeddedStore(data).ensure_schema()
    holder = subprocess.Popen([sys.executable, "-c", HOLD_STORE, str(data), str(seconds)], stdout=subprocess.PIPE,
                              text=True, env=dict(os.environ))
    assert holder.stdout.readline().strip() == "holding"
    return holder


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def read(tmp_path, name, content):
    path = tmp_path / name
    (path.write_bytes if isinstance(content, bytes) else path.write_text)(content)
    items = list(iter_articles([path]))
    return [i for i in items if not isinstance(i, Problem)], [i for i in items if isinstance(i, Problem)]


# ---- 1. the embedded store's lock ----------------------------------------------------------------
def test_a_second_process_waits_while_the_store_is_held_then_answers(tmp_path):
    holder = hold_store(tmp_path / "data", 3)
    started = time.monotonic()
    result = sphere(tmp_path / "data", "stats", "--json")
    holder.wait()
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["nodes"]["Document"] == 0 and time.monotonic() - started > 1


def test_a_store_held_too_long_is_one_busy_line_not_a_lock_traceback(tmp_path):
    holder = hold_store(tmp_path / "data", 30)
    try:
        result = sphere(tmp_path / "data", "query", "timeline", SPHERE_LOCK_WAIT_SECONDS="1")
    finally:
        holder.kill()
    line = one_clear_line(result, "is busy", str(tmp_path / "data"), "try again")
    assert f"PID {holder.pid}" in line


def test_a_shared_store_lets_go_of_the_file_once_its_calls_stop(tmp_path):
    shared = EmbeddedStore(tmp_path / "data", shared=True)
    shared.ensure_schema()
    opened = shared._db
    assert shared.query("MATCH (d:Document) RETURN count(d)").rows == [[0]]
    assert shared._db is opened                                    # one chunk's calls share one opening
    time.sleep(RELEASE_AFTER_IDLE + 0.5)
    assert shared._db is None
    other = sphere(tmp_path / "data", "stats", "--json", SPHERE_LOCK_WAIT_SECONDS="0")
    assert other.returncode == 0, other.stderr
    assert shared.query("MATCH (d:Document) RETURN count(d)").rows == [[0]]      # and opens again when called
    shared.close()
    held = EmbeddedStore(tmp_path / "data")
    held.ensure_schema()
    assert "is busy" in sphere(tmp_path / "data", "stats", SPHERE_LOCK_WAIT_SECONDS="0").stderr
    held.close()


def test_the_ingest_job_opens_the_store_shared(monkeypatch, tmp_path):
    opened = []
    real = jobs.open_store
    monkeypatch.setattr(jobs, "open_store", lambda **kw: opened.append(kw) or real(str(tmp_path / "data"), **kw))
    (tmp_path / "in").mkdir()
    jobs.run_ingest([tmp_path / "in"], progress=False)
    assert opened == [{"shared": True}]


def test_watch_outlives_a_failed_tick_and_ingests_at_the_next(monkeypatch, tmp_path):
    calls = []

    def run_ingest(paths, **kwargs):
        calls.append(paths)
        if len(calls) == 1:
            raise StoreBusy("the store at x is busy")
        if len(calls) == 2:
            raise RuntimeError("a bug in one run")
        if len(calls) == 3:
            return RunReport(read=1, ingested=1)
        raise KeyboardInterrupt

    monkeypatch.setattr(jobs, "run_ingest", run_ingest)
    messages = []
    monkeypatch.setattr(jobs.log, "error", lambda message, *a, **k: messages.append(message))
    with pytest.raises(KeyboardInterrupt):
        jobs.watch(tmp_path, every=1, once=False)
    assert len(calls) == 4
    assert "is busy" in messages[0] and "trying again" in messages[0]
    assert "RuntimeError: a bug in one run" in messages[1] and len(messages) == 2


# ---- 2. a lone surrogate in JSON Lines -----------------------------------------------------------
def test_a_lone_surrogate_is_repaired_with_a_note_and_the_rest_is_read(tmp_path):
    lines = [json.dumps({"id": "a", "text": "Russia backed Haftar.\ud800", "title": "Half \udc00 pair"}),
             json.dumps({"id": "b", "text": ENGLISH})]
    articles, problems = read(tmp_path, "scraped.jsonl", "\n".join(lines) + "\n")
    assert [a.doc for a in articles] == ["a", "b"]
    assert articles[0].text == "Russia backed Haftar.\ufffd" and articles[0].title == "Half \ufffd pair"
    assert len(articles[0].sha256) == 64
    assert [(p.source.endswith("scraped.jsonl:1"), p.fatal, "surrogate" in p.reason) for p in problems] == [
        (True, False, True)]


# ---- 3. unsupported languages, HTML saved as text --------------------------------------------------
@pytest.mark.parametrize("text, language", [(GERMAN, "German"), (ARABIC, "Arabic")])
def test_a_language_sphere_does_not_read_is_skipped_and_said_so(tmp_path, text, language):
    articles, problems = read(tmp_path, "foreign.txt", text)
    assert articles == []
    assert [(p.kind, language in p.reason, "not supported" in p.reason) for p in problems] == [
        ("skipped", True, True)]
    report = RunReport(problems=problems)
    assert report.failed == 0
    rows = jobs.summary_table(report).columns[2]._cells
    assert any("not supported" in cell for cell in rows)


def test_english_with_foreign_names_is_still_read(tmp_path):
    text = ("Khalifa Haftar told Der Spiegel and Le Monde that the army of El Salvador had not been invited. "
            "He said the talks in Benghazi would go on.")
    articles, problems = read(tmp_path, "en.txt", text)
    assert len(articles) == 1 and problems == []


def test_html_saved_as_text_is_read_as_a_web_page(tmp_path):
    page = ("<!DOCTYPE html><html><head><title>Talks in Ankara</title></head><body><nav>Home | World</nav>"
            f"<article><p>{ENGLISH}</p><p>The two men spoke for two hours, diplomats said.</p></article></body></html>")
    articles, problems = read(tmp_path, "saved.txt", page)
    assert len(articles) == 1 and articles[0].title == "Talks in Ankara"
    assert "<" not in articles[0].text and "Home | World" not in articles[0].text
    assert [p.fatal for p in problems] == [False]


# ---- 4. one clear line for bad settings and paths ------------------------------------------------
def test_an_output_in_a_missing_folder_is_refused_before_any_work(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text(ENGLISH)
    for option in ("--gexf", "--log"):
        result = sphere(tmp_path / "data", "ingest", str(inbox), option, str(tmp_path / "nowhere" / "out"))
        one_clear_line(result, option, "does not exist")
    one_clear_line(sphere(tmp_path / "data", "export", "gephi", str(tmp_path / "nowhere" / "x.gexf")),
                   "does not exist")
    assert not (tmp_path / "data").exists()                        # refused before the store was touched


def test_store_settings_that_cannot_work_are_one_line(tmp_path):
    (tmp_path / "a-file").write_text("x")
    one_clear_line(sphere(tmp_path / "a-file", "stats"), "SPHERE_DATA", "is a file")
    (tmp_path / "corrupt").mkdir()
    (tmp_path / "corrupt" / "graph.lbug").write_bytes(os.urandom(50_000))
    one_clear_line(sphere(tmp_path / "corrupt", "stats"), "graph.lbug", "cannot be opened", "move")
    one_clear_line(sphere(tmp_path / "data", "stats", NEO4J_URI="foo://x"), "NEO4J_URI=foo://x", "bolt://")


def test_an_unreachable_neo4j_fails_fast_in_one_line(tmp_path):
    uri = f"bolt://127.0.0.1:{free_port()}"
    for args in (["stats"], ["query", "timeline"]):
        started = time.monotonic()
        one_clear_line(sphere(tmp_path / "data", *args, NEO4J_URI=uri, NEO4J_PASSWORD="x"), uri, "unreachable")
        assert time.monotonic() - started < 20


def test_a_dead_dask_scheduler_is_one_line(tmp_path):
    address = f"tcp://127.0.0.1:{free_port()}"
    started = time.monotonic()
    one_clear_line(sphere(tmp_path / "data", "ingest", str(tmp_path), "--dask", address), address, "scheduler")
    assert time.monotonic() - started < 25


def test_a_missing_overrides_file_is_refused_before_extraction(tmp_path):
    (tmp_path / "a.txt").write_text(ENGLISH)
    missing = tmp_path / "missing.yaml"
    result = sphere(tmp_path / "data", "ingest", str(tmp_path / "a.txt"), SPHERE_OVERRIDES=str(missing))
    one_clear_line(result, "SPHERE_OVERRIDES", str(missing), "cannot read")
    assert not (tmp_path / "data").exists()


@pytest.mark.parametrize("text, reason", [
    ("merge: [{into: person:a, ids: [person:b]}, [person:c]]", "merge entry 2 must be a mapping"),
    ("merge: [{ids: [person:b]}]", "merge entry 1 lacks 'into'"),
    ("rename: [{id: person:a, name: 7}]", "rename entry 1: 'name' must be a non-empty string"),
    ("rename: {id: person:a}", "'rename' must be a list"),
    ("merges: []", "unknown section merges"),
    ("merge: [{into: a, ids: [b]]", "not YAML at line 1"),
])
def test_a_malformed_overrides_file_names_the_entry_and_the_fault(tmp_path, text, reason):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(OverridesError, match=reason):
        load_overrides(path)


def test_a_fifo_is_skipped_with_one_line_not_waited_on(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    result = sphere(tmp_path / "data", "ingest", str(fifo), "--quiet", timeout=60)
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert len(errors) == 1 and "not a regular file" in errors[0]


# ---- 5. mistakes that passed silently --------------------------------------------------------------
@pytest.mark.parametrize("given, fault", [
    ({"since": "yesterday"}, "'yesterday' is not a date"), ({"until": "2024-13-45"}, "is not a date"),
    ({"types": "MEET,FOO"}, "no event type FOO"),
])
def test_query_parameters_that_mean_nothing_are_refused(given, fault):
    with pytest.raises(ModuleError, match=fault):
        get_module("ego-network").bind(given)
    assert get_module("ego-network").bind({"types": "meet", "since": "2020-05"})["types"] == ["MEET"]


@pytest.mark.parametrize("flt, fault", [
    (dict(since="garbage"), "--since 'garbage' is not a date"), (dict(until="2024-02-30"), "--until"),
    (dict(types=("FOO",)), "no event type FOO"), (dict(kinds=("ROBOT",)), "no node kind ROBOT"),
])
def test_export_filters_that_mean_nothing_are_refused(flt, fault):
    with pytest.raises(ExportError, match=fault):
        ExportFilter(**flt)


def test_an_impossible_date_line_is_noted_and_the_article_read_without_it(tmp_path):
    articles, problems = read(tmp_path, "d.txt", "date 2024-13-45\n" + ENGLISH)
    assert len(articles) == 1 and articles[0].published is None and articles[0].text == ENGLISH
    assert [(p.fatal, "2024-13-45" in p.reason) for p in problems] == [(False, True)]


@pytest.fixture
def world(store):
    build_world(store)
    return store


def test_an_actor_is_found_by_any_case_accent_or_surname(world):
    module = get_module("ego-network")
    expected = module.run(world, {"actor": "Khalifa Haftar"}).rows
    assert expected
    for typed in ("khalifa haftar", "KHALIFA HAFTAR", "haftar", "Хафтар"):
        assert module.run(world, {"actor": typed}).rows == expected, typed
    assert module.run(world, {"actor": "recep tayyip erdogan"}).rows == \
        module.run(world, {"actor": "Recep Tayyip Erdoğan"}).rows
    assert get_module("timeline").run(world, {"actor": "russia"}).rows == \
        get_module("timeline").run(world, {"actor": "Russia"}).rows


def test_an_unknown_actor_says_what_was_meant(world):
    with pytest.raises(ModuleError, match=r"no actor matches 'Haftr'; did you mean .*Khalifa Haftar"):
        get_module("ego-network").run(world, {"actor": "Haftr"})
    with pytest.raises(ExportError, match="no actor or place matches 'Nobody'"):
        export_network(world, "unused.gexf", flt=ExportFilter(actor="Nobody"))


def test_a_surname_two_people_share_asks_which_one():
    nodes = [Node("person:a", "Ivan Ivanov", "PERSON", "Actor"), Node("person:b", "Pyotr Ivanov", "PERSON", "Actor"),
             Node("country:LY", "Libya", "COUNTRY", "Actor", country="LY"), Node("place:ly", "Libya", "PLACE", "Place")]
    with pytest.raises(NoSuchName, match="'ivanov' names more than one actor: Ivan Ivanov"):
        find_node(nodes, "ivanov")
    assert find_node(nodes, "pyotr ivanov").id == "person:b"
    assert find_node(nodes, "libya").name == "Libya" and find_node(nodes, "LY").id == "country:LY"


def test_export_finds_the_ego_actor_by_surname(world, tmp_path):
    by_name = export_network(world, tmp_path / "a.gexf", flt=ExportFilter(actor="Khalifa Haftar"))
    assert export_network(world, tmp_path / "b.gexf", flt=ExportFilter(actor="haftar")) == by_name


# ---- 6. output -------------------------------------------------------------------------------------
def test_every_error_line_is_printed_once(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    result = sphere(tmp_path / "data", "ingest", str(tmp_path / "empty.txt"), "--quiet")
    assert result.returncode == 1
    assert [line for line in result.stderr.splitlines() if "empty.txt" in line] == [
        f"error: {tmp_path / 'empty.txt'}: empty file"]


def test_csv_export_names_both_files_it_wrote(runner, tmp_path):
    result = runner.invoke(cli, ["export", "gephi", str(tmp_path / "o6"), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert f"{tmp_path / 'o6.nodes.csv'} and {tmp_path / 'o6.edges.csv'}" in result.output


def test_tables_wrap_long_names_instead_of_cutting_them(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    names = ["Russian Federation", "Government of National Accord", "Libyan National Army"]
    _print_result(QueryResult(["actor", "kind", "type", "direction", "events", "first_seen", "last_seen"],
                              [[n, "ORGANIZATION", "ARMS_TRANSFER", "outgoing", 3, "2020-01-01", "2021-12-31"]
                               for n in names]), "table")
    out = capsys.readouterr().out
    assert "…" not in out
    first_column = "".join(line.split("│")[1].replace(" ", "") for line in out.splitlines() if line.startswith("│"))
    assert first_column == "".join(n.replace(" ", "") for n in names)
