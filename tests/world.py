"""A small influence network written for the tests, with answers worked out by hand.

Three documents, thirteen events between Russian, Libyan and Turkish actors (2019-2021).
It goes through the real writer (build_batch -> store.write -> projection -> analyze).
"""
from __future__ import annotations

import hashlib

from sphere.query.centrality import analyze
from sphere.records import Article, Entity, Event, Extraction
from sphere.store.base import GraphStore
from sphere.write.projection import rebuild_projection
from sphere.write.rows import build_batch

ENTITIES = {e.id: e for e in [
    Entity("country:RU", "Russia", "COUNTRY", "RU", {"Russia", "Россия"}),
    Entity("country:LY", "Libya", "COUNTRY", "LY", {"Libya", "Ливия"}),
    Entity("country:TR", "Turkey", "COUNTRY", "TR", {"Turkey"}),
    Entity("person:haftar", "Khalifa Haftar", "PERSON", "LY", {"Khalifa Haftar", "Хафтар"}),
    Entity("person:shoigu", "Sergei Shoigu", "PERSON", "RU", {"Sergei Shoigu"}),
    Entity("person:lavrov", "Sergey Lavrov", "PERSON", "RU", {"Sergey Lavrov", "Лавров"}),
    Entity("person:erdogan", "Recep Tayyip Erdoğan", "PERSON", "TR", {"Erdogan"}),
    Entity("org:wagner", "Wagner Group", "GROUP", "RU", {"Wagner"}),
    Entity("place:moscow", "Moscow", "PLACE", "RU", {"Moscow", "Москва"}, 55.75, 37.62),
    Entity("place:benghazi", "Benghazi", "PLACE", "LY", {"Benghazi"}, 32.1, 20.07),
    Entity("place:istanbul", "Istanbul", "PLACE", "TR", {"Istanbul"}, 41.01, 28.98),
]}

# (type, subject, object, location, date, modality, start)
DOCUMENTS = {
    "alpha.txt": ("2019-03-01", "ru", [
        ("MEET", "person:haftar", "person:shoigu", "place:moscow", "2019-02-10", "asserted", 0),
        ("VISIT", "person:haftar", "place:moscow", None, "2019-02-10", "asserted", 100),
        ("AFFILIATION", "person:shoigu", "country:RU", None, None, "asserted", 200),
    ]),
    "beta.txt": ("2020-06-01", "en", [
        ("DEPLOY", "org:wagner", "country:LY", None, "2020-05-20", "asserted", 0),
        ("MILITARY_BASE", "country:RU", "place:benghazi", None, "2020-05", "planned", 100),
        ("MEET", "person:haftar", "person:lavrov", "place:moscow", "2020-01-13", "asserted", 200),
        ("MEET", "person:erdogan", "person:lavrov", "place:istanbul", "2020-01-08", "asserted", 300),
        ("OPPOSE", "country:TR", "person:haftar", None, "2020-01-20", "reported_claim", 400),
    ]),
    "gamma.txt": ("2021-02-01", "uk", [
        ("MEET", "person:haftar", "person:shoigu", "place:moscow", "2021-01-15", "asserted", 0),
        ("ARMS_TRANSFER", "country:RU", "person:haftar", None, None, "denied", 100),
        ("AFFILIATION", "person:lavrov", "country:RU", None, None, "asserted", 200),
        ("AFFILIATION", "person:haftar", "country:LY", None, None, "asserted", 300),
        ("MEET", "person:haftar", "person:shoigu", "place:moscow", "2021-01-16", "asserted", 400),
    ]),
}


def sentence(doc: str, start: int) -> str:
    return f"{doc} sentence at {start}."


def extractions() -> list[Extraction]:
    out = []
    for doc, (published, lang, rows) in DOCUMENTS.items():
        events = [Event(type=t, subject=s, object=o, location=loc, date=date, modality=modality,
                        sentence=sentence(doc, start), start=start, end=start + 40, lang=lang, quote=t.lower())
                  for t, s, o, loc, date, modality, start in rows]
        used = {x for e in events for x in (e.subject, e.object, e.location) if x}
        text = " ".join(e.sentence for e in events)
        out.append(Extraction(
            article=Article(doc=doc, text=text, source=doc, title=doc, published=published),
            lang=lang, entities={i: ENTITIES[i] for i in sorted(used)}, events=events,
            mention_counts={i: 1 for i in sorted(used)}, sha256=hashlib.sha256(text.encode()).hexdigest()))
    return out


def build_world(store: GraphStore, scores: bool = True) -> None:
    store.write(build_batch(extractions(), {}))
    rebuild_projection(store, sorted(ENTITIES))
    if scores:
        analyze(store)
