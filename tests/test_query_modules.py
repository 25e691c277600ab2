"""The query modules of queries/ on a hand-built network (tests/world.py), answers worked out by hand."""
import hashlib
import random
import re

import networkx as nx
import pytest

from sphere.model import ontology
from sphere.records import Article, Entity, Event, Extraction
from sphere.query.centrality import SAMPLE_ABOVE, network_scores
from sphere.query.modules import ModuleError, get_module, load_modules
from sphere.store import dialect
from sphere.write.projection import rebuild_projection
from sphere.write.rows import build_batch
from world import build_world

EXPECTED_MODULES = {"ego-network", "influential-actors", "brokers", "communities", "paths", "timeline",
                    "foreign-footprint", "what-changed", "evidence", "claims-vs-facts", "country-matrix",
                    "co-presence"}


@pytest.fixture
def world(store):
    build_world(store)
    return store


def run(store, name, **params):
    return get_module(name).run(store, {k: str(v) for k, v in params.items()}).dicts()


def pick(rows, *columns):
    return [tuple(row[c] for c in columns) for row in rows]


def test_every_module_declares_what_it_uses():
    modules = load_modules()
    assert set(modules) >= EXPECTED_MODULES
    for module in modules.values():
        used = set(re.findall(r"\$(\w+)", module.body))
        assert used == {p.name for p in module.params}, module.name
        assert module.title and "?" in module.question, module.name


def test_modules_that_walk_the_projection_name_every_event_type():
    everything = "|".join(ontology().event_types)
    for name in ("brokers", "paths"):
        assert f":{everything}" in get_module(name).body


def test_ego_network(world):
    rows = run(world, "ego-network", actor="Хафтар")
    assert pick(rows, "actor", "type", "direction", "events", "first_seen", "last_seen", "places") == [
        ("Sergei Shoigu", "MEET", "mutual", 3, "2019-02-10", "2021-01-16", ["Moscow"]),
        ("Libya", "AFFILIATION", "outgoing", 1, "2021-02-01", "2021-02-01", []),
        ("Moscow", "VISIT", "outgoing", 1, "2019-02-10", "2019-02-10", []),
        ("Russia", "ARMS_TRANSFER", "incoming", 1, "2021-02-01", "2021-02-01", []),
        ("Sergey Lavrov", "MEET", "mutual", 1, "2020-01-13", "2020-01-13", ["Moscow"]),
        ("Turkey", "OPPOSE", "incoming", 1, "2020-01-20", "2020-01-20", []),
    ]
    assert sorted(rows[0]["evidence"]) == ["alpha.txt sentence at 0.", "gamma.txt sentence at 0.",
                                           "gamma.txt sentence at 400."]
    window = run(world, "ego-network", actor="person:haftar", since="2020-01-01", until="2020-12-31")
    assert pick(window, "actor", "type") == [("Sergey Lavrov", "MEET"), ("Turkey", "OPPOSE")]
    assert pick(run(world, "ego-network", actor="Khalifa Haftar", types="MEET", min_weight=2),
                "actor", "events") == [("Sergei Shoigu", 3)]


def test_influential_actors(world):
    rows = run(world, "influential-actors")
    assert {r["actor"]: r["events"] for r in rows} == {
        "Khalifa Haftar": 8, "Sergei Shoigu": 4, "Russia": 4, "Sergey Lavrov": 3, "Libya": 2,
        "Recep Tayyip Erdoğan": 1, "Turkey": 1, "Wagner Group": 1}
    assert rows[0]["actor"] == "Khalifa Haftar" and all(r["pagerank"] > 0 for r in rows)
    turkish_sphere = run(world, "influential-actors", country="TR")
    assert {r["actor"]: r["events"] for r in turkish_sphere} == {
        "Khalifa Haftar": 1, "Turkey": 1, "Recep Tayyip Erdoğan": 1, "Sergey Lavrov": 1}
    assert [r["actor"] for r in run(world, "influential-actors", limit=1, until="2019-12-31")] == ["Khalifa Haftar"]


def test_brokers_by_hand_counted_betweenness(world):
    # 11 nodes, so betweenness is normalised by 10*9/2 = 45 pairs. Haftar separates {Moscow}, {Turkey},
    # {Libya, Wagner} and the Russian five (25 pairs) and shares Shoigu-Lavrov and Shoigu-Erdogan with
    # Russia (2 x 1/2). Russia: Benghazi to the 8 others, plus those two halves. Libya: Wagner to 8;
    # Lavrov: Erdogan to 8.
    rows = run(world, "brokers")
    assert pick(rows, "actor", "betweenness", "ties") == [
        ("Khalifa Haftar", round(26 / 45, 6), 6), ("Russia", round(9 / 45, 6), 4),
        ("Libya", round(8 / 45, 6), 2), ("Sergey Lavrov", round(8 / 45, 6), 3)]


def test_communities_list_members_by_pagerank(world):
    rows = run(world, "communities", top=2, min_size=1)
    actors = world.query("MATCH (a:Actor) RETURN a.name AS name, a.community AS c, a.pagerank AS p").dicts()
    by_community = {}
    for actor in actors:
        by_community.setdefault(actor["c"], []).append(actor)
    expected = []
    for community, members in sorted(by_community.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        ranked = sorted(members, key=lambda a: (-a["p"], a["name"]))[:2]
        expected += [(community, len(members), rank, a["name"]) for rank, a in enumerate(ranked, start=1)]
    assert pick(rows, "community", "size", "rank", "member") == expected
    assert len({a["c"] for a in actors}) >= 2


def test_paths_show_every_hop_with_its_events(world):
    rows = run(world, "paths", source="Turkey", target="Sergei Shoigu")
    assert {r["hops"] for r in rows} == {2}
    assert pick(rows, "subject", "type", "object", "date") == [
        ("Khalifa Haftar", "MEET", "Sergei Shoigu", "2019-02-10"),
        ("Khalifa Haftar", "MEET", "Sergei Shoigu", "2021-01-15"),
        ("Khalifa Haftar", "MEET", "Sergei Shoigu", "2021-01-16"),
        ("Turkey", "OPPOSE", "Khalifa Haftar", "2020-01-20")]
    far = run(world, "paths", source="Erdogan", target="Wagner Group")
    assert {r["hops"] for r in far} == {4}
    assert pick(far, "subject", "type", "object") == [
        ("Khalifa Haftar", "AFFILIATION", "Libya"), ("Khalifa Haftar", "MEET", "Sergey Lavrov"),
        ("Recep Tayyip Erdoğan", "MEET", "Sergey Lavrov"), ("Wagner Group", "DEPLOY", "Libya")]
    assert all(r["sentence"] for r in far)


def test_paths_through_many_equally_short_chains_show_the_first_ten(store):
    """Two actors joined through fifteen brokers: fifteen chains of two hops. The answer comes (on a
    large graph their number explodes) with the first ten chains by the ids along them."""
    brokers = [f"person:m{i:02d}" for i in range(15)]
    people = {i: Entity(i, i.split(":")[1], "PERSON", "RU", {i.split(":")[1]})
              for i in ("person:a", "person:b", *brokers)}
    events = [Event(type="MEET", subject=subject, object=obj, date="2021-03-01", sentence=f"{subject} met {obj}.",
                    start=i * 100, end=i * 100 + 40, lang="en", quote="met")
              for i, (subject, obj) in enumerate([(p, m) for m in brokers for p in ("person:a", "person:b")])]
    text = " ".join(e.sentence for e in events)
    store.write(build_batch([Extraction(
        article=Article(doc="hub.txt", text=text, source="hub.txt", title="hub.txt", published="2021-03-02"),
        lang="en", entities=people, events=events, mention_counts={i: 1 for i in people},
        sha256=hashlib.sha256(text.encode()).hexdigest())], {}))
    rebuild_projection(store, sorted(people))
    rows = run(store, "paths", source="a", target="b")
    assert {r["hops"] for r in rows} == {2}
    assert sorted({r["object"] for r in rows}) == [f"m{i:02d}" for i in range(10)]
    assert sorted(r["subject"] for r in rows) == ["a"] * 10 + ["b"] * 10


def test_timeline_of_an_actor_and_of_a_pair(world):
    rows = run(world, "timeline", actor="Russia")
    assert pick(rows, "date", "undated", "type", "subject", "object", "modality") == [
        ("2019-03-01", True, "AFFILIATION", "Sergei Shoigu", "Russia", "asserted"),
        ("2020-05", False, "MILITARY_BASE", "Russia", "Benghazi", "planned"),
        ("2021-02-01", True, "ARMS_TRANSFER", "Russia", "Khalifa Haftar", "denied"),
        ("2021-02-01", True, "AFFILIATION", "Sergey Lavrov", "Russia", "asserted")]
    pair = run(world, "timeline", actor="Khalifa Haftar", other="Sergei Shoigu")
    assert pick(pair, "date", "place") == [("2019-02-10", "Moscow"), ("2021-01-15", "Moscow"),
                                          ("2021-01-16", "Moscow")]


def test_foreign_footprint_in_a_country_and_in_a_place(world):
    rows = run(world, "foreign-footprint", host="Ливия")
    assert pick(rows, "actor", "type", "targets", "events") == [
        ("Russia", "ARMS_TRANSFER", ["Khalifa Haftar"], 1), ("Russia", "MILITARY_BASE", ["Benghazi"], 1),
        ("Wagner Group", "DEPLOY", ["Libya"], 1)]
    assert pick(run(world, "foreign-footprint", host="Benghazi"), "actor", "type") == [("Russia", "MILITARY_BASE")]
    assert pick(run(world, "foreign-footprint", host="LY", types="DEPLOY"), "actor") == [("Wagner Group",)]


def test_what_changed_since_a_day(world):
    rows = run(world, "what-changed", since="2020-01-01")
    assert len(rows) == 9
    assert pick(rows, "subject", "type", "object", "before", "recent", "change")[-1] == (
        "Khalifa Haftar", "MEET", "Sergei Shoigu", 1, 2, "intensified")
    assert {r["change"] for r in rows[:-1]} == {"new"}
    assert pick(run(world, "what-changed", since="2021-01-01"), "object", "change") == [
        ("Libya", "new"), ("Khalifa Haftar", "new"), ("Russia", "new"), ("Sergei Shoigu", "intensified")]


def test_evidence_behind_one_relationship(world):
    rows = run(world, "evidence", subject="Sergei Shoigu", type="MEET", object="Khalifa Haftar")
    assert pick(rows, "date", "sentence", "start_offset", "end_offset", "document") == [
        ("2019-02-10", "alpha.txt sentence at 0.", 0, 40, "alpha.txt"),
        ("2021-01-15", "gamma.txt sentence at 0.", 0, 40, "gamma.txt"),
        ("2021-01-16", "gamma.txt sentence at 400.", 400, 440, "gamma.txt")]
    assert len(run(world, "evidence", subject="Russia", type="ARMS_TRANSFER", object="Khalifa Haftar")) == 1
    assert run(world, "evidence", subject="Khalifa Haftar", type="ARMS_TRANSFER", object="Russia") == []


def test_claims_versus_facts(world):
    assert pick(run(world, "claims-vs-facts", actor="Russia"), "modality", "type", "object") == [
        ("denied", "ARMS_TRANSFER", "Khalifa Haftar"), ("planned", "MILITARY_BASE", "Benghazi")]
    assert pick(run(world, "claims-vs-facts", actor="Khalifa Haftar", modalities="reported_claim"),
                "subject", "type") == [("Turkey", "OPPOSE")]


def test_country_matrix(world):
    rows = run(world, "country-matrix")
    assert pick(rows, "from_country", "to_country", "type", "events") == [
        ("LY", "RU", "MEET", 4), ("LY", "RU", "VISIT", 1), ("RU", "LY", "ARMS_TRANSFER", 1),
        ("RU", "LY", "DEPLOY", 1), ("RU", "LY", "MILITARY_BASE", 1), ("TR", "LY", "OPPOSE", 1),
        ("TR", "RU", "MEET", 1)]
    with_home = run(world, "country-matrix", foreign_only="false", types="AFFILIATION")
    assert pick(with_home, "from_country", "to_country", "events") == [("RU", "RU", 2), ("LY", "LY", 1)]


def test_co_presence(world):
    rows = run(world, "co-presence")
    assert pick(rows, "place", "actor", "met", "meetings", "first_seen", "last_seen") == [
        ("Moscow", "Khalifa Haftar", "Sergei Shoigu", 3, "2019-02-10", "2021-01-16"),
        ("Istanbul", "Recep Tayyip Erdoğan", "Sergey Lavrov", 1, "2020-01-08", "2020-01-08"),
        ("Moscow", "Khalifa Haftar", "Sergey Lavrov", 1, "2020-01-13", "2020-01-13")]
    assert pick(run(world, "co-presence", actor="Лавров"), "place") == [("Istanbul",), ("Moscow",)]


def test_parameters_are_typed_and_checked():
    module = get_module("ego-network")
    assert module.bind({"types": "MEET, VISIT", "min_weight": "2"})["types"] == ["MEET", "VISIT"]
    assert module.bind({"types": '["MEET"]'})["types"] == ["MEET"]
    with pytest.raises(ModuleError, match="min_weight"):
        module.bind({"min_weight": "many"})
    with pytest.raises(ModuleError, match="no parameter"):
        module.bind({"actr": "x"})


def test_ladybug_spelling_of_neo4j_constructs():
    statement = "MATCH p = shortestPath((a)-[:MEET|VISIT*..6]-(b)) RETURN type(r), e.type"
    assert dialect.to_ladybug(statement) == "MATCH p = (a)-[:MEET|VISIT* SHORTEST 1..6]-(b) RETURN label(r), e.type"


def test_large_networks_find_the_broker_and_the_blocs():
    """Beyond SAMPLE_ABOVE nodes the scores are estimated (networkit): two dense blocs of 1,100 actors
    joined only through one broker must still come out as two communities with the broker on top."""
    rng = random.Random(3)
    graph = nx.MultiDiGraph()
    blocs = [[f"{side}{i}" for i in range(1100)] for side in "ab"]
    for members in blocs:
        for node in members:
            graph.add_node(node, store_label="Actor")
            for other in rng.sample(members, 6):
                if other != node:
                    graph.add_edge(node, other, key="MEET", weight=1, directed=False)
    graph.add_node("broker", store_label="Actor")
    for members in blocs:
        for node in members[:5]:
            graph.add_edge("broker", node, key="SUPPORT", weight=1, directed=True)
    assert graph.number_of_nodes() > SAMPLE_ABOVE
    scores = network_scores(graph)
    assert max(scores, key=lambda n: scores[n]["betweenness"]) == "broker"
    for members in blocs:
        assert len({scores[n]["community"] for n in members}) == 1
    assert scores["a0"]["community"] != scores["b0"]["community"]
