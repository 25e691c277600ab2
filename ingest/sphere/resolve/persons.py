"""Within one document, attach surname-only person mentions ("Хафтар") to the full name seen there."""
from __future__ import annotations

from ..records import Entity, Mention


def link_surnames(entities: dict[str, Entity], mentions: list[list[Mention]]) -> None:
    people = [e for e in entities.values() if e.kind == "PERSON"]
    full = [e for e in people if len(e.name.split()) > 1]
    remap: dict[str, str] = {}
    for short in people:
        if len(short.name.split()) != 1:
            continue
        owners = {e.id for e in full if e.name.split()[-1].casefold() == short.name.casefold()}
        if len(owners) == 1:
            remap[short.id] = owners.pop()
    for old, new in remap.items():
        entities[new].aliases |= entities.pop(old).aliases
    for sentence_mentions in mentions:
        for k, m in enumerate(sentence_mentions):
            if m.entity_id in remap:
                sentence_mentions[k] = Mention(m.sentence, m.i, m.j, remap[m.entity_id], m.surface, m.role_hint)
