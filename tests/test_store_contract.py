"""The store contract, run on the embedded store and on Neo4j when NEO4J_URI is set."""
import pytest

from sphere.store import dialect
from sphere.store.base import GraphBatch, ProjectionChange, RelRows
from sphere.write.projection import rebuild_projection


def _batch(doc="doc:1", aliases=("Россия",)):
    batch = GraphBatch()
    batch.nodes["Actor"] += [
        {"id": "country:RU", "name": "Russia", "kind": "COUNTRY", "aliases": list(aliases), "country": "RU"},
        {"id": "person:x", "name": "Ivan X", "kind": "PERSON", "aliases": ["Иван Икс"], "country": None},
    ]
    batch.nodes["Place"] += [{"id": "place:moscow", "name": "Moscow", "kind": "PLACE", "aliases": ["Москва"],
                              "country": "RU", "lat": 55.75, "lon": 37.62}]
    batch.nodes["Event"] += [{"id": f"ev:{doc}", "type": "MEET", "date": "2024-05-01", "modality": "asserted",
                              "confidence": 0.6, "lang": "ru", "status": None, "role": None, "date_text": None,
                              "attrs": "{}", "day": "2024-05-01"}]
    batch.nodes["Document"] += [{"id": doc, "title": "t", "source": "a.txt", "url": None, "published": "2024-05-02",
                                 "lang": "ru", "sha256": "00", "identity": f"{doc}.txt", "ingested_at": None}]
    batch.relationships = [
        RelRows("SUBJECT_OF", "Actor", "Event", [{"src": "person:x", "dst": f"ev:{doc}"}]),
        RelRows("OBJECT", "Event", "Actor", [{"src": f"ev:{doc}", "dst": "country:RU", "role": None}]),
        RelRows("AT", "Event", "Place", [{"src": f"ev:{doc}", "dst": "place:moscow"}]),
        RelRows("REPORTED_IN", "Event", "Document", [{"src": f"ev:{doc}", "dst": doc, "sentence": "s", "quote": "q",
                                                      "start": 0, "end": 1}]),
        RelRows("MENTIONS", "Document", "Actor", [{"src": doc, "dst": "country:RU", "count": 2}]),
    ]
    batch.documents = [{"id": doc, "ingested_at": "2024-05-02T00:00:00+00:00"}]
    return batch


def test_writing_the_same_batch_twice_changes_nothing(store):
    store.write(_batch())
    first = store.stats()
    store.write(_batch())
    assert store.stats() == first
    assert first["nodes"] == {"Actor": 2, "Place": 1, "Event": 1, "Document": 1}
    assert first["relationships"]["REPORTED_IN"] == 1 and first["relationships"]["MENTIONS"] == 1
    assert store.ingested(["doc:1", "doc:2"]) == {"doc:1"}


def test_a_document_counts_as_ingested_only_once_marked(store):
    batch = _batch()
    batch.documents = []
    store.write(batch)
    assert store.ingested(["doc:1"]) == set()


def test_updated_aliases_replace_the_stored_list(store):
    store.write(_batch())
    store.write(_batch(doc="doc:2", aliases=("Россия", "Росія")))
    assert sorted(store.aliases_of("Actor", ["country:RU"])["country:RU"]) == sorted(["Росія", "Россия"])


def test_projection_is_rebuilt_from_events(store):
    store.write(_batch())
    store.write(_batch(doc="doc:2"))
    rebuild_projection(store, ["person:x"])
    rebuild_projection(store, ["person:x"])
    rows = store.query("MATCH (a:Actor)-[r:MEET]->(b:Actor) RETURN a.id AS a, b.id AS b, r.weight AS w, "
                       "r.documents AS d, r.first_seen AS f").dicts()
    assert rows == [{"a": "person:x", "b": "country:RU", "w": 2, "d": 2, "f": "2024-05-01"}]


def _meet(store):
    return store.query("MATCH (a:Actor)-[r:MEET]->(b:Actor) RETURN a.id AS a, b.id AS b, r.weight AS w, "
                       "r.documents AS d, r.first_seen AS f, r.last_seen AS l").dicts()


def _added(weight, documents, first, last):
    return ProjectionChange(added=[RelRows("MEET", "Actor", "Actor", [
        {"src": "person:x", "dst": "country:RU", "weight": weight, "documents": documents,
         "first_seen": first, "last_seen": last}])])


def test_added_events_sum_into_the_projection_and_widen_its_dates(store):
    batch = _batch()
    batch.documents = []
    store.write(batch)
    store.change_projection(_added(2, 1, "2024-05-01", "2024-05-03"))
    store.change_projection(_added(3, 2, "2023-01", "2024-05-02"))
    store.change_projection(_added(1, 1, None, None))
    assert _meet(store) == [{"a": "person:x", "b": "country:RU", "w": 6, "d": 4, "f": "2023-01", "l": "2024-05-03"}]


def test_the_ledger_is_marked_with_the_projection_and_both_roll_back_together(store, monkeypatch):
    batch = _batch()
    batch.documents = []
    store.write(batch)
    change = _added(1, 1, "2024-05-01", "2024-05-01")
    change.ingested = [{"id": "doc:1", "ingested_at": "2024-05-02T00:00:00+00:00"}]
    monkeypatch.setattr(dialect, "mark_ingested", lambda: "THIS IS NOT CYPHER")
    with pytest.raises(Exception):
        store.change_projection(change)
    assert _meet(store) == [] and store.ingested(["doc:1"]) == set()
    assert store.has_unfinished_documents()
    monkeypatch.undo()
    store.change_projection(change)
    assert _meet(store)[0]["w"] == 1 and store.ingested(["doc:1"]) == {"doc:1"}
    assert not store.has_unfinished_documents()


def test_a_rebuild_deletes_relationships_whose_events_are_gone_and_keeps_the_others(store):
    store.write(_batch())
    store.change_projection(_added(1, 1, "2024-05-01", "2024-05-01"))
    store.change_projection(ProjectionChange(added=[RelRows("VISIT", "Actor", "Place", [
        {"src": "person:x", "dst": "place:moscow", "weight": 1, "documents": 1, "first_seen": None, "last_seen": None}])]))
    rebuild_projection(store, ["person:x"])
    assert _meet(store) == [{"a": "person:x", "b": "country:RU", "w": 1, "d": 1, "f": "2024-05-01", "l": "2024-05-01"}]
    assert store.query("MATCH (:Actor)-[r:VISIT]->(:Place) RETURN count(r)").rows == [[0]]


def test_events_of_documents_not_marked_ingested_are_not_counted(store):
    store.write(_batch())
    unmarked = _batch(doc="doc:2")
    unmarked.documents = []
    store.write(unmarked)
    rebuild_projection(store, ["person:x"])
    assert [row["w"] for row in _meet(store)] == [1]


def test_a_store_written_before_events_had_a_day_gets_it_when_opened(store):
    """An event's day is its date, else its document's publication date; a store whose events were
    written without one (an older Sphere) has them filled in by the schema step every command runs."""
    store.write(_batch())
    undated = _batch(doc="doc:2")
    undated.nodes["Event"][0].update(date=None, day=None)
    store.write(undated)
    if store.name == "embedded":
        store.query("ALTER TABLE Event DROP day")
    else:
        store.query("MATCH (e:Event) REMOVE e.day")
    store.ensure_schema()
    days = store.query("MATCH (e:Event) RETURN e.id AS id, e.day AS day ORDER BY id").rows
    assert days == [["ev:doc:1", "2024-05-01"], ["ev:doc:2", "2024-05-02"]]
