"""Move an extraction's mentions, events and counts from some entity ids onto others."""
from __future__ import annotations

from collections.abc import Callable

from ..records import Entity, Extraction


def rewrite_entities(extraction: Extraction, remap: dict[str, str],
                     make_target: Callable[[str, Entity], Entity]) -> None:
    """remap: old id -> new id; make_target builds the new entity when the document lacks it."""
    if not remap:
        return
    entities = extraction.entities
    for old, new in remap.items():
        moved = entities.pop(old)
        if new in entities:
            entities[new].aliases |= moved.aliases
        else:
            entities[new] = make_target(new, moved)
    for event in extraction.events:
        for field in ("subject", "object", "object2", "location"):
            value = getattr(event, field)
            if value in remap:
                setattr(event, field, remap[value])
    extraction.events = [e for e in extraction.events if e.subject != e.object]   # "Haftar met Haftar"
    counts: dict[str, int] = {}
    for entity_id, count in extraction.mention_counts.items():
        key = remap.get(entity_id, entity_id)
        counts[key] = counts.get(key, 0) + count
    extraction.mention_counts = counts
