"""The main job end to end on the seeds, through the CLI, on the embedded store (the queries on a copy of
the seeds store the session builds once, conftest.seeds_data)."""
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import xmlschema

from conftest import SEEDS
from sphere.cli import cli
from sphere.model import ontology

GEXF_SCHEMA = xmlschema.XMLSchema(Path(__file__).parent / "schemas" / "gexf-1.2draft.xsd")


def _stats(runner):
    result = runner.invoke(cli, ["stats", "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_ingesting_the_seeds_twice_leaves_every_count_unchanged(runner, seeds_copy, tmp_path):
    gexf = tmp_path / "net.gexf"
    first = runner.invoke(cli, ["ingest", str(seeds_copy), "--gexf", str(gexf)])
    assert first.exit_code == 0, first.output
    assert "Most connected actors" in first.output
    once = _stats(runner)
    second = runner.invoke(cli, ["ingest", str(seeds_copy), "--quiet"])
    assert second.exit_code == 0
    assert _stats(runner) == once
    assert once["nodes"]["Document"] == 5
    assert once["nodes"]["Actor"] > 10 and once["nodes"]["Event"] > 10
    GEXF_SCHEMA.validate(str(gexf))
    graph = nx.read_gexf(gexf)
    assert graph.graph["mode"] == "dynamic"
    assert graph.number_of_nodes() == once["nodes"]["Actor"] + once["nodes"]["Place"]
    exported = {e.get("id") for e in ET.parse(gexf).iter("{http://www.gexf.net/1.2draft}edge")}
    projection = sum(n for t, n in once["relationships"].items() if t in ontology().event_types)
    assert len(exported) == projection > 10
    assert any(data.get("spells") for _, _, data in graph.edges(data=True))


def test_events_come_from_all_three_languages(seeded_runner):
    result = seeded_runner.invoke(cli, ["cypher", "MATCH (e:Event) RETURN DISTINCT e.lang AS lang ORDER BY lang",
                                 "--format", "json"])
    assert [json.loads(line)["lang"] for line in result.output.splitlines()] == ["en", "ru", "uk"]


def test_bad_files_are_reported_and_the_seeds_still_land(runner, seeds_copy):
    (seeds_copy / "empty.txt").write_bytes(b"")
    (seeds_copy / "blob.txt").write_bytes(bytes(range(256)) * 8)
    result = runner.invoke(cli, ["ingest", str(seeds_copy), str(seeds_copy / "nowhere.txt"), "--quiet"])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 3
    assert any("empty.txt: empty file" in e for e in errors)
    assert any("blob.txt" in e and "binary" in e for e in errors)
    assert any("nowhere.txt: no such file" in e for e in errors)
    assert _stats(runner)["nodes"]["Document"] == 5


def test_cypher_params_and_extract_output(seeded_runner):
    result = seeded_runner.invoke(cli, ["cypher", "MATCH (a:Actor) WHERE a.name = $name RETURN a.kind AS kind",
                                 "--param", "name=Russia", "--format", "json"])
    assert json.loads(result.output.splitlines()[0]) == {"kind": "COUNTRY"}
    extracted = seeded_runner.invoke(cli, ["extract", str(SEEDS / "002_5acaf334b89bcec7.txt"), "--format", "jsonl"])
    records = [json.loads(line) for line in extracted.output.splitlines()]
    events = [r for r in records if r["record"] == "event"]
    assert events and all(r["doc"] == "002_5acaf334b89bcec7.txt" and r["evidence"] for r in events)
    assert {"record", "doc", "type", "subject", "object", "object2", "location", "date", "modality", "attrs",
            "evidence", "lang"} <= set(events[0])


def test_haftar_ego_network_on_the_seeds_graph(seeded_runner):
    analyzed = seeded_runner.invoke(cli, ["analyze"])
    assert analyzed.exit_code == 0 and "communities" in analyzed.output
    result = seeded_runner.invoke(cli, ["query", "ego-network", "--param", "actor=Khalifa Haftar", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    meeting = [r for r in rows if r["actor"] == "Sergei Shoigu" and r["type"] == "MEET"]
    assert meeting and meeting[0]["places"] == ["Moscow"]
    assert any("Шойгу" in sentence for sentence in meeting[0]["evidence"])
    russia = [r for r in rows if r["actor"] == "Russia"]
    assert russia and all(r["evidence"] for r in russia)


def test_query_list_csv_and_bad_parameters(seeded_runner):
    listing = seeded_runner.invoke(cli, ["query", "--list"])
    assert listing.exit_code == 0 and "ego-network" in listing.output and "co-presence" in listing.output
    csv_out = seeded_runner.invoke(cli, ["query", "country-matrix", "--format", "csv"])
    assert csv_out.exit_code == 0
    assert csv_out.output.splitlines()[0] == "from_country,to_country,type,events"
    bad = seeded_runner.invoke(cli, ["query", "ego-network", "--param", "min_weight=lots"])
    assert bad.exit_code != 0 and "min_weight" in bad.output
    unknown = seeded_runner.invoke(cli, ["query", "no-such-module"])
    assert unknown.exit_code != 0 and "no query module" in unknown.output
