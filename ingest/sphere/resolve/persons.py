"""People resolved from the text: a surname alone ("Хафтар", "Krinitsyn") is the one full name with
that surname, in the same document first and then across the graph; full names spelt another way
(Сергій Лавров, Sergey Lavrov) are one person across documents.
"""
from __future__ import annotations

from dataclasses import replace

from ..analyse import morph
from ..records import Entity, Extraction, Mention, Sentence
from .cities import is_common_word
from .gazetteer import gazetteer
from .names import NameIndex, surname_key
from .rewrite import rewrite_entities


def link_surnames(entities: dict[str, Entity], mentions: list[list[Mention]]) -> None:
    """Within one document: surname-only people, and one-word organisations the English tagger took
    for one ("Haftar's forces"), become the document's one full-named person with that surname."""
    people = [e for e in entities.values() if e.kind == "PERSON" and len(e.name.split()) > 1]
    remap: dict[str, str] = {}
    for short in list(entities.values()):
        if not _surname_only(short):
            continue
        owners = {e.id for e in people if surname_key(e.name) == surname_key(short.name)}
        if len(owners) == 1:
            remap[short.id] = owners.pop()
    for old, new in remap.items():
        entities[new].aliases |= entities.pop(old).aliases
    _remap_mentions(mentions, remap)


def surname_mentions(sentences: list[Sentence], mentions: list[list[Mention]], entities: dict[str, Entity]) -> None:
    """A surname the tagger missed ("Modi also pressed Putin", "Хафтаром") is a mention of the one person of the
    document whose full name ends with it."""
    people = NameIndex({e.id: e.name for e in entities.values() if e.kind == "PERSON"})
    if not people.names:
        return
    for index, (sentence, found) in enumerate(zip(sentences, mentions)):
        for k, token in enumerate(sentence.tokens):
            if not _name_like(sentence, k) or any(m.i <= k < m.j for m in found):
                continue
            word = token.text if sentence.lang == "en" else morph.nominative(token.text, sentence.lang)
            owners = people.with_surname(word)
            if len(owners) == 1:
                person = owners.pop()
                entities[person].aliases.add(token.text)
                found.append(Mention(index, k, k + 1, person, token.text))
        found.sort(key=lambda m: m.i)


def _name_like(sentence: Sentence, k: int) -> bool:
    token = sentence.tokens[k]
    if not token.text[:1].isupper() or not token.text.isalpha() or len(token.text) < 3:
        return False
    if sentence.lang == "en":
        return token.pos == "PROPN"
    return token.pos in ("PROPN", "X") or not is_common_word(token.text)


def link_across_documents(extractions: list[Extraction], people: NameIndex) -> None:
    """Rewrite the extractions' person ids onto people already known (the index grows with the new
    full names met): the same full name in another spelling, or a surname alone that only one full
    name carries."""
    for extraction in extractions:
        remap = {}
        for entity in extraction.entities.values():
            target = _known_as(entity, people)
            if target and target != entity.id:
                remap[entity.id] = target
            elif entity.kind == "PERSON":
                people.add(entity.id, entity.name)
        rewrite_entities(extraction, remap,
                         lambda new, moved: Entity(new, people.names[new], "PERSON", None, set(moved.aliases)))


def _surname_only(entity: Entity) -> bool:
    one_word = len(entity.name.split()) == 1
    tagged_org = entity.kind == "ORGANIZATION" and entity.id.startswith("org:") and entity.id not in gazetteer().entries
    return one_word and (entity.kind == "PERSON" or tagged_org)


def _known_as(entity: Entity, people: NameIndex) -> str | None:
    if entity.id in people.names or entity.id in gazetteer().entries:
        return None
    if _surname_only(entity):
        owners = people.with_surname(entity.name)
    elif entity.kind == "PERSON":
        owners = people.same_person(entity.name)
    else:
        return None
    return owners.pop() if len(owners) == 1 else None


def _remap_mentions(mentions: list[list[Mention]], remap: dict[str, str]) -> None:
    for sentence_mentions in mentions:
        for k, m in enumerate(sentence_mentions):
            if m.entity_id in remap:
                sentence_mentions[k] = replace(m, entity_id=remap[m.entity_id])
