"""The `extract` JSON Lines records (SPEC section 4) from an Extraction, and the tables the CLI prints."""
from __future__ import annotations

from collections.abc import Iterator

from rich.table import Table

from .records import Extraction


def extraction_records(extraction: Extraction) -> Iterator[dict]:
    doc = extraction.article.doc
    names = {entity_id: entity.name for entity_id, entity in extraction.entities.items()}
    for event in extraction.events:
        yield {
            "record": "event", "doc": doc, "type": event.type,
            "subject": names.get(event.subject), "object": names.get(event.object),
            "object2": names.get(event.object2), "location": names.get(event.location),
            "date": event.date, "modality": event.modality, "attrs": event.attrs,
            "evidence": event.sentence, "start": event.start, "end": event.end,
            "confidence": event.confidence, "lang": event.lang,
        }
    for entity in sorted(extraction.entities.values(), key=lambda e: e.name):
        yield {"record": "entity", "doc": doc, "name": entity.name, "kind": entity.kind,
               "surface_forms": sorted(entity.aliases)}


def wrapping_table(*columns: str, **options) -> Table:
    """A rich Table whose cells wrap, folding a word too long for its column onto the next line,
    instead of cutting it ("Russ…") when the terminal (80 columns when piped) is narrow."""
    table = Table(**options)
    for column in columns:
        table.add_column(column, overflow="fold")
    return table
