"""Hand corrections (merge, split, rename) rewrite the graph consistently on both stores, and
new documents follow them."""
import copy
import hashlib

import pytest

from sphere.fingerprint import fingerprint
from sphere.pipeline import RunReport, write_extractions
from sphere.records import Article, Entity, Event, Extraction
from sphere.resolve.overrides import OverridesError, apply_overrides, load_overrides

PEOPLE = {e.id: e for e in [
    Entity("person:omar_belkacem", "Omar Belkacem", "PERSON", None, {"Omar Belkacem"}),
    Entity("person:belqasem", "Belqasem", "PERSON", None, {"Belqasem"}),
    Entity("person:ivanov", "Ivanov", "PERSON", None, {"Ivan Ivanov", "Pyotr Ivanov"}),
    Entity("country:RU", "Russia", "COUNTRY", "RU", {"Russia"}),
    Entity("place:moscow", "Moscow", "PLACE", "RU", {"Moscow"}),
]}

# document: [(type, subject, object, location, sentence)]
DOCUMENTS = {
    "d1.txt": [("MEET", "person:omar_belkacem", "person:ivanov", "place:moscow", "Omar Belkacem met Ivan Ivanov in Moscow.")],
    "d2.txt": [("SUPPORT", "person:belqasem", "country:RU", None, "Belqasem backed Russia."),
               ("VISIT", "person:ivanov", "place:moscow", None, "Pyotr Ivanov visited Moscow.")],
    "d3.txt": [("MEET", "person:belqasem", "person:ivanov", None, "Belqasem met Pyotr Ivanov.")],
}

OVERRIDES = """
merge:
  - {into: person:omar_belkacem, ids: [person:belqasem]}
split:
  - id: person:ivanov
    new: {id: person:pyotr_ivanov, name: Pyotr Ivanov, kind: PERSON}
    aliases: [Pyotr Ivanov]
rename:
  - {id: person:ivanov, name: Ivan Ivanov}
"""


def extraction(doc: str, rows) -> Extraction:
    text = " ".join(r[4] for r in rows)
    events, start = [], 0
    for event_type, subject, obj, location, sentence in rows:
        events.append(Event(type=event_type, subject=subject, object=obj, location=location, sentence=sentence,
                            start=start, end=start + len(sentence), lang="en", date="2024-05-01"))
        start += len(sentence) + 1
    used = sorted({x for r in rows for x in r[1:4] if x})
    entities = {i: copy.deepcopy(PEOPLE[i]) for i in used}
    for entity in entities.values():
        entity.aliases = {a for a in entity.aliases if a in text} or {entity.name}
    return Extraction(Article(doc=doc, text=text, source=doc, published="2024-05-02"), "en", entities, events,
                      {i: 1 for i in used}, hashlib.sha256(text.encode()).hexdigest())


@pytest.fixture
def corrected(store, tmp_path):
    write_extractions(store, [extraction(doc, rows) for doc, rows in DOCUMENTS.items()], RunReport())
    path = tmp_path / "overrides.yaml"
    path.write_text(OVERRIDES, encoding="utf-8")
    report = apply_overrides(store, load_overrides(path))
    assert (report.merged, report.split_events, report.renamed) == (1, 2, 1)
    return store, path


def events(store):
    return [tuple(r) for r in store.query(
        "MATCH (s:Actor)-[:SUBJECT_OF]->(e:Event)-[:OBJECT]->(o) RETURN s.name, e.type, o.name "
        "ORDER BY s.name, e.type, o.name").rows]


def test_merge_split_and_rename_rewrite_events_mentions_aliases_and_projection(corrected):
    store, _ = corrected
    assert events(store) == [("Omar Belkacem", "MEET", "Ivan Ivanov"), ("Omar Belkacem", "MEET", "Pyotr Ivanov"),
                             ("Omar Belkacem", "SUPPORT", "Russia"), ("Pyotr Ivanov", "VISIT", "Moscow")]
    people = {r[0]: (r[1], sorted(r[2])) for r in store.query(
        "MATCH (a:Actor) WHERE a.kind = 'PERSON' RETURN a.id, a.name, a.aliases").rows}
    assert people == {"person:omar_belkacem": ("Omar Belkacem", ["Belqasem", "Omar Belkacem"]),
                      "person:ivanov": ("Ivan Ivanov", ["Ivan Ivanov", "Ivanov"]),
                      "person:pyotr_ivanov": ("Pyotr Ivanov", ["Pyotr Ivanov"])}
    mentions = [tuple(r) for r in store.query(
        "MATCH (d:Document)-[m:MENTIONS]->(a:Actor) WHERE a.kind = 'PERSON' RETURN d.source, a.id, m.count "
        "ORDER BY d.source, a.id").rows]
    assert mentions == [("d1.txt", "person:ivanov", 1), ("d1.txt", "person:omar_belkacem", 1),
                        ("d2.txt", "person:omar_belkacem", 1), ("d2.txt", "person:pyotr_ivanov", 1),
                        ("d3.txt", "person:omar_belkacem", 1), ("d3.txt", "person:pyotr_ivanov", 1)]
    projection = [tuple(r) for r in store.query(
        "MATCH (a:Actor)-[r]->(b:Actor) RETURN a.name, b.name, r.weight ORDER BY a.name, b.name").rows]
    assert projection == [("Omar Belkacem", "Ivan Ivanov", 1), ("Omar Belkacem", "Pyotr Ivanov", 1),
                          ("Omar Belkacem", "Russia", 1)]


def test_applying_the_same_overrides_again_changes_nothing(corrected):
    store, path = corrected
    before = fingerprint(store)
    report = apply_overrides(store, load_overrides(path))
    assert (report.merged, report.split_events, report.renamed) == (0, 0, 0)
    assert fingerprint(store) == before


def test_new_documents_follow_the_overrides(corrected, monkeypatch):
    store, path = corrected
    monkeypatch.setenv("SPHERE_OVERRIDES", str(path))
    later = extraction("d4.txt", [("SUPPORT", "person:belqasem", "country:RU", None, "Later, Belqasem backed Russia.")])
    write_extractions(store, [later], RunReport())
    assert ("Omar Belkacem", "SUPPORT", "Russia") in events(store)
    names = [r[0] for r in store.query("MATCH (a:Actor) WHERE a.kind = 'PERSON' RETURN a.name ORDER BY a.name").rows]
    assert names == ["Ivan Ivanov", "Omar Belkacem", "Pyotr Ivanov"]


@pytest.mark.parametrize("text, reason", [
    ("merge: [{into: place:moscow, ids: [person:x]}]", "one is a place"),
    ("split: [{id: person:x, new: {id: person:y, name: Y}}]", "lacks 'aliases'"),
    ("- just a list", "expected a mapping"),
    ("merge: [{into: a, ids: [b]}, {into: c, ids: [a]}]", "merge into that id instead"),
])
def test_a_bad_overrides_file_is_one_clear_error(tmp_path, text, reason):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(OverridesError, match=reason):
        load_overrides(path)


def test_the_overrides_command_reports_a_bad_file_in_one_line(runner, tmp_path):
    from sphere.cli import cli
    path = tmp_path / "bad.yaml"
    path.write_text("merge: [{into: place:moscow, ids: [person:x]}]", encoding="utf-8")
    result = runner.invoke(cli, ["overrides", str(path)])
    assert result.exit_code == 1
    assert result.output.strip().count("\n") == 0 and "bad.yaml" in result.output and "place" in result.output
