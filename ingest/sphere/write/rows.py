"""Extractions to GraphBatch rows with deterministic ids (same input => same graph)."""
from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone

from ..records import Article, Entity, Event, Extraction
from ..store.base import GraphBatch, RelRows


def document_id(extraction: Extraction | Article) -> str:
    return "doc:" + extraction.sha256[:24]


def event_id(doc_id: str, event: Event) -> str:
    key = "|".join(str(x) for x in (doc_id, event.type, event.subject, event.object, event.object2, event.start))
    return "ev:" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]


def build_batch(extractions: list[Extraction], known_aliases: dict[str, list[str]]) -> GraphBatch:
    """Rows for every extraction; known_aliases are the aliases already stored, so none is lost."""
    batch = GraphBatch()
    entities: dict[str, Entity] = {}
    for extraction in extractions:
        for entity in extraction.entities.values():
            merged = entities.setdefault(entity.id, Entity(entity.id, entity.name, entity.kind, entity.country,
                                                           set(), entity.lat, entity.lon))
            merged.aliases |= entity.aliases
    for entity in sorted(entities.values(), key=lambda e: e.id):
        aliases = sorted(set(known_aliases.get(entity.id, [])) | entity.aliases)
        row = {"id": entity.id, "name": entity.name, "kind": entity.kind, "aliases": aliases, "country": entity.country}
        if entity.is_place:
            batch.nodes["Place"].append({**row, "lat": entity.lat, "lon": entity.lon})
        else:
            batch.nodes["Actor"].append(row)
    rels: dict[tuple[str, str, str], list[dict]] = {}
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    for extraction in extractions:
        doc = document_id(extraction)
        article = extraction.article
        batch.nodes["Document"].append({
            "id": doc, "title": article.title or article.doc, "source": article.doc, "url": article.url,
            "published": article.published, "lang": extraction.lang, "sha256": extraction.sha256,
            "identity": article.lasting_name, "ingested_at": None,
        })
        batch.documents.append({"id": doc, "ingested_at": now})
        for entity_id, count in sorted(extraction.mention_counts.items()):
            target = "Place" if entities[entity_id].is_place else "Actor"
            rels.setdefault(("MENTIONS", "Document", target), []).append({"src": doc, "dst": entity_id, "count": count})
        for event in extraction.events:
            _event_rows(batch, rels, doc, article.published, event, entities)
    batch.relationships = [RelRows(t, s, d, rows) for (t, s, d), rows in rels.items()]
    return batch


def _event_rows(batch: GraphBatch, rels: dict, doc: str, published: str | None, event: Event,
                entities: dict[str, Entity]) -> None:
    eid = event_id(doc, event)
    batch.nodes["Event"].append({
        "id": eid, "type": event.type, "date": event.date, "modality": event.modality,
        "confidence": event.confidence, "lang": event.lang, "status": event.attrs.get("status"),
        "role": event.attrs.get("role"), "date_text": event.attrs.get("date_text"),
        "attrs": json.dumps(event.attrs, ensure_ascii=False, sort_keys=True), "day": event.date or published,
    })

    def label(entity_id: str) -> str:
        return "Place" if entities[entity_id].is_place else "Actor"

    rels.setdefault(("SUBJECT_OF", "Actor", "Event"), []).append({"src": event.subject, "dst": eid})
    if event.object:
        rels.setdefault(("OBJECT", "Event", label(event.object)), []).append(
            {"src": eid, "dst": event.object, "role": None})
    if event.object2:
        rels.setdefault(("OBJECT", "Event", label(event.object2)), []).append(
            {"src": eid, "dst": event.object2, "role": "second"})
    if event.location:
        rels.setdefault(("AT", "Event", label(event.location)), []).append({"src": eid, "dst": event.location})
    rels.setdefault(("REPORTED_IN", "Event", "Document"), []).append({
        "src": eid, "dst": doc, "sentence": event.sentence, "quote": event.quote,
        "start": event.start, "end": event.end,
    })
