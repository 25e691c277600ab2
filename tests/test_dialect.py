"""The Neo4j -> Ladybug rewrites of dialect.to_ladybug, and the embedded store counting what Neo4j counts
(no server needed; tests/test_neo4j_live.py compares the two stores row for row)."""
from collections import Counter

from sphere.pipeline import ingest
from sphere.query.modules import get_module
from sphere.store import dialect
from sphere.store.embedded_store import EmbeddedStore
from conftest import SEEDS


def test_a_where_on_a_relationship_and_its_far_end_filters_the_matched_rows_on_ladybug():
    """Ladybug 0.22 loses rows when it pushes a filter on a relationship's property together with one
    on the node at its open end into its joins: such a WHERE filters the matched rows instead. A
    WHERE on the nodes alone, or on the relationship and the node two relationships share, stays in
    the MATCH, where it cuts the rows before the join; OPTIONAL MATCH and EXISTS keep theirs."""
    far_end = ("MATCH (s:Actor)-[:SUBJECT_OF]->(e:Event)-[r:OBJECT]->(o)\nWHERE r.role IS NULL\n"
               "  AND o.country IS NOT NULL\nRETURN s")
    assert dialect.to_ladybug(far_end).splitlines()[1:3] == ["WITH * WHERE r.role IS NULL", "  AND o.country IS NOT NULL"]
    shared = "MATCH (s:Actor)-[:SUBJECT_OF]->(e:Event)-[r:OBJECT]->(o)\nWHERE r.role IS NULL AND e.day >= $since\nRETURN s"
    assert dialect.to_ladybug(shared).splitlines()[1] == "WHERE r.role IS NULL AND e.day >= $since"
    statement = ("MATCH (a:Actor)-[s:SUBJECT_OF]->(e:Event)\nWHERE a.id = $x\nOPTIONAL MATCH (a)-[r:OBJECT]->(o)\n"
                 "WHERE r.role IS NULL\n"
                 "WITH a, o\nWHERE o IS NULL OR EXISTS {\n    MATCH (o)<-[:AT]-(e)\n    WHERE e.type = 'MEET'\n  }\n"
                 "RETURN a")
    assert dialect.to_ladybug(statement) == statement


def test_a_match_walking_out_from_a_node_found_before_filters_what_it_reached_on_ladybug():
    statement = "MATCH (a:Actor)\nWHERE a.id = $x\nMATCH (a)-[:SUBJECT_OF]->(e:Event)\nWHERE e.type = 'MEET'\nRETURN e"
    assert dialect.to_ladybug(statement).splitlines() == [
        "MATCH (a:Actor)", "WHERE a.id = $x", "MATCH (a)-[_h1:SUBJECT_OF]->(e:Event)", "HINT (a JOIN _h1) JOIN e",
        "WITH * WHERE e.type = 'MEET'", "RETURN e"]


def test_a_match_from_a_node_found_before_walks_out_from_it_on_ladybug():
    """A lone node keeps its WHERE in its scan (a shortest path search then starts from it alone), and
    a pattern that reaches a node bound before is joined outward from that node (a HINT naming every
    element): Ladybug would otherwise hash a whole relationship table to extend a few nodes."""
    statement = ("MATCH (a:Actor)\nWHERE a.id = $x\nMATCH (a)-[:SUBJECT_OF]->(e:Event)-[r:OBJECT]->(o)\n"
                 "MATCH (s:Actor)-[:SUBJECT_OF]->(e)\nOPTIONAL MATCH (e)-[:AT]->(p)\nRETURN o, s, p")
    assert dialect.to_ladybug(statement) == (
        "MATCH (a:Actor)\nWHERE a.id = $x\nMATCH (a)-[_h1:SUBJECT_OF]->(e:Event)-[r:OBJECT]->(o)\n"
        "HINT (((a JOIN _h1) JOIN e) JOIN r) JOIN o\nMATCH (s:Actor)-[_h2:SUBJECT_OF]->(e)\nHINT (e JOIN _h2) JOIN s\n"
        "OPTIONAL MATCH (e)-[_h3:AT]->(p)\nHINT (e JOIN _h3) JOIN p\nRETURN o, s, p")


def test_the_ids_along_a_chain_as_one_key_on_ladybug():
    statement = "WITH " + dialect.joined_ids("nodes(p)") + " AS key\nRETURN key"
    assert dialect.to_ladybug(statement) == (
        "WITH list_reduce(list_transform(nodes(p), item -> '|' + item.id), (left, right) -> left + right) AS key\n"
        "RETURN key")


def test_the_modules_list_sort_and_all_shortest_paths_on_ladybug():
    statement = ("MATCH p = allShortestPaths((a)-[:MEET|VISIT*..6]-(b))\nWITH a, "
                 + dialect.sorted_list("collect(DISTINCT b.name)") + " AS names\nRETURN names[0..3] AS first")
    assert dialect.to_ladybug(statement) == (
        "MATCH p = (a)-[:MEET|VISIT* ALL SHORTEST 1..6]-(b)\nWITH a, list_sort(collect(DISTINCT b.name)) AS names\n"
        "RETURN names[0..3] AS first")


def test_the_first_n_of_a_sorted_list_on_ladybug():
    statement = "RETURN " + dialect.sorted_list("collect(DISTINCT e.sentence)", first=3) + " AS evidence"
    assert dialect.to_ladybug(statement) == "RETURN list_sort(collect(DISTINCT e.sentence))[0..3] AS evidence"


def test_every_module_list_is_sorted_the_way_ladybug_can_spell():
    for name in ("ego-network", "co-presence", "foreign-footprint"):
        body = get_module(name).body
        assert "collect(" in body and "list_sort(" in dialect.to_ladybug(body)
        assert "reduce(" not in dialect.to_ladybug(body), name


def test_country_matrix_counts_every_event_between_countries(tmp_path):
    """On the seeds, Ladybug's own pushed-down filters lost events (Vladimir Putin -> Syria SUPPORT,
    Israel -> Syria AGREE); the module must count what the unfiltered events say."""
    store = EmbeddedStore(tmp_path / "data")
    store.ensure_schema()
    assert ingest([SEEDS], store).ingested == 5
    rows = store.query(
        "MATCH (s:Actor)-[:SUBJECT_OF]->(e:Event)-[r:OBJECT]->(o) "
        "RETURN s.country AS a, o.country AS b, e.type AS t, e.id AS e, r.role AS role").rows
    expected = Counter((a, b, t) for a, b, t, _, role in {tuple(r) for r in rows}
                       if role is None and a and b and a != b)
    matrix = get_module("country-matrix").run(store, {}).rows
    assert {(a, b, t): n for a, b, t, n in matrix} == dict(expected)
    assert [n for *_, n in matrix] == sorted((n for *_, n in matrix), reverse=True)
    store.close()


def test_what_changed_counts_every_event_before_and_in_the_window(tmp_path):
    """The module counts the window's events first and then the earlier events of those relationships
    only; both counts must be what the stored events say, whatever the window."""
    store = EmbeddedStore(tmp_path / "data")
    store.ensure_schema()
    assert ingest([SEEDS], store).ingested == 5
    rows = store.query("MATCH (s:Actor)-[:SUBJECT_OF]->(e:Event)-[r:OBJECT]->(o) WHERE r.role IS NULL "
                       "RETURN s.name, e.type, o.name, e.day, e.id").rows
    days = sorted({day for *_, day, _ in rows if day})
    assert len(days) > 3
    for since in (days[0], days[len(days) // 2], days[-1]):
        counts = Counter()
        for s, t, o, day, _ in {tuple(r) for r in rows}:
            if day:
                counts[s, t, o, day >= since] += 1
        expected = {(s, t, o, counts[s, t, o, False], n) for (s, t, o, recent), n in counts.items()
                    if recent and n > counts[s, t, o, False]}
        found = get_module("what-changed").run(store, {"since": since}).rows
        assert {tuple(row[:5]) for row in found} == expected and len(found) == len(expected)
        assert all(change == ("new" if before == 0 else "intensified") for *_, before, _, change in found)
    store.close()
