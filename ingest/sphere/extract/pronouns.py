"""Third-person pronouns in the subject case ("додав він", "he said") stand for the person last named."""
from __future__ import annotations

from ..analyse import morph
from ..records import Entity, Mention, Sentence
from .lexicon import Lexicon

LOOKBACK = 2      # sentences back to look for the person a pronoun stands for


def resolve_pronouns(sentences: list[Sentence], mentions: list[list[Mention]], entities: dict[str, Entity],
                     lex: Lexicon) -> list[list[Mention]]:
    """Each sentence's mentions, with a mention for every subject pronoun whose person is in reach."""
    out = []
    for index, (sentence, found) in enumerate(zip(sentences, mentions)):
        added = []
        for k, token in enumerate(sentence.tokens):
            if morph.fold(token.text) not in lex.pronouns or any(m.i <= k < m.j for m in found):
                continue
            person = _last_person(found, k, mentions[max(0, index - LOOKBACK):index], entities)
            if person is not None:
                added.append(Mention(index, k, k + 1, person.entity_id, token.text))
        out.append(sorted(found + added, key=lambda m: m.i) if added else found)
    return out


def _last_person(same_sentence: list[Mention], k: int, before: list[list[Mention]],
                 entities: dict[str, Entity]) -> Mention | None:
    earlier = [m for m in same_sentence if m.j <= k]
    for group in [earlier] + list(reversed(before)):
        people = [m for m in group if entities[m.entity_id].kind == "PERSON"]
        if people:
            return people[-1]
    return None
