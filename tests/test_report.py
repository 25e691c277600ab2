"""The summary `sphere ingest` prints: dates, strongest relationships (affiliations aside) and next commands."""
import json
import shlex

from rich.console import Console

from sphere.cli import cli
from sphere.export.network import Network, read_network
from sphere.pipeline import ingest
from sphere.report import date_range_line, most_connected, next_commands, strongest_relationships, summary
from sphere.store import open_store
from sphere.write.projection import Edge

from conftest import SEEDS


def _printed_summary() -> str:
    console = Console(record=True, width=200)
    with open_store() as store:
        summary(store, console)
    return console.export_text()


def _network(*edges: Edge) -> Network:
    names = {n for e in edges for n in (e.source, e.target)}
    return Network({n: {"label": n.title(), "kind": "PLACE" if n == "moscow" else "PERSON"} for n in names},
                   {(e.source, e.type, e.target): e for e in edges})


def test_strongest_relationships_leave_affiliations_out_and_rank_by_events():
    edges = [Edge("haftar", "lna", "AFFILIATION", False, weight=9, documents={"a", "b"}),
             Edge("russia", "haftar", "SUPPORT", False, weight=3, documents={"a"}),
             Edge("haftar", "shoigu", "MEET", True, weight=4, documents={"a", "b"}),
             Edge("haftar", "moscow", "VISIT", False, weight=3, documents={"a", "b"})]
    strongest = strongest_relationships(_network(*edges), top=10)
    assert [(e.source, e.type) for e in strongest] == [("haftar", "MEET"), ("haftar", "VISIT"), ("russia", "SUPPORT")]


def test_the_summary_shows_dates_strongest_relationships_and_next_commands(seeded_runner):
    text = _printed_summary()
    assert "Dates: 2018-12 to 2025-12-24" in text
    strongest = text[text.index("Strongest relationships"):text.index("Next")]
    assert "SUPPORT" in strongest and "AFFILIATION" not in strongest.split("\n", 1)[1]
    assert "sphere query ego-network --param" in text and "sphere export gephi" in text


def test_every_suggested_command_runs_and_answers_on_this_graph(seeded_runner, tmp_path):
    with open_store() as store:
        network = read_network(store)
        commands = next_commands(network, most_connected(network, 10), strongest_relationships(network, 10))
    for command, _ in commands:
        args = shlex.split(command)[1:]
        if args[:2] == ["export", "gephi"]:
            args[2] = str(tmp_path / args[2])
        if args[0] == "query" and args[1] != "--list":
            args += ["--format", "json"]
        result = seeded_runner.invoke(cli, args)
        assert result.exit_code == 0, (command, result.output)
        if args[0] == "query" and args[1] != "--list":
            assert [json.loads(line) for line in result.output.splitlines() if line.strip()], command


def test_the_date_range_on_every_store(store):
    ingest([SEEDS / "004_78ab18b5261fcfef.txt"], store)
    line = date_range_line(store)
    assert line.startswith("Dates: ") and "2025-12-24" in line


def test_the_date_range_of_an_empty_graph(store):
    assert date_range_line(store) == "Dates: none of the 0 events has a date (nor its document)"
