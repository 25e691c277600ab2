"""The store contract, run on the embedded store and on Neo4j when NEO4J_URI is set."""
from sphere.store.base import GraphBatch, RelRows
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
                              "attrs": "{}"}]
    batch.nodes["Document"] += [{"id": doc, "title": "t", "source": "a.txt", "url": None, "published": "2024-05-02",
                                 "lang": "ru", "sha256": "00", "ingested_at": None}]
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
