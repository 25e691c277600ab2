"""Denials that point back ("Moscow has denied the reports", "Пномпень і Пекін це заперечують"): a sentence
whose only content is a party denying something repeats, as denied, the claim made just before about that
party (ANNOTATION decision 21: a party's denial is its own event with modality denied)."""
from __future__ import annotations

from dataclasses import replace

from ..records import Entity, Event, Mention, Sentence
from .lexicon import Lexicon, token_keys

LOOKBACK = 2          # sentences back to find the claim a denial points to
ECHOED = {"DEPLOY", "ARMS_TRANSFER", "MILITARY_BASE", "MILITARY_COOPERATION", "ECONOMIC_COOPERATION", "SUPPORT",
          "FIGHT", "MEET", "VISIT", "AGREE", "SANCTION", "ASYLUM"}


def denial_echoes(sentences: list[Sentence], mentions: list[list[Mention]], events: list[Event],
                  entities: dict[str, Entity], lex: Lexicon, state_of) -> list[Event]:
    """The denied copies of earlier claims, one per denying sentence that states nothing else."""
    by_sentence = [[e for e in events if e.start == s.start] for s in sentences]
    echoes = []
    for k, sentence in enumerate(sentences):
        denial = _denial_word(sentence, lex)
        if denial is None or any(e.type != "AFFILIATION" for e in by_sentence[k]):
            continue
        deniers = _parties(mentions[k], entities, state_of)
        claim = _claim_denied(by_sentence[max(0, k - LOOKBACK):k], deniers, entities)
        if claim is not None:
            echoes.append(replace(claim, sentence=sentence.text, start=sentence.start, end=sentence.end,
                                  modality="denied", date=None, attrs=dict(claim.attrs), quote=denial))
    return echoes


def _denial_word(sentence: Sentence, lex: Lexicon) -> str | None:
    return next((t.text for t in sentence.tokens if token_keys(t) & lex.denials), None)


def _parties(mentions: list[Mention], entities: dict[str, Entity], state_of) -> set[str]:
    """The actors the denying sentence names, with the states of its people and the states behind its capitals."""
    parties = set()
    for m in mentions:
        parties.add(m.entity_id)
        if m.role_hint:
            parties.add(m.role_hint)
        state = state_of(m.entity_id, entities) if entities[m.entity_id].kind == "PERSON" else None
        if state:
            parties.add(state)
    return parties


def _claim_denied(earlier: list[list[Event]], deniers: set[str], entities: dict[str, Entity]) -> Event | None:
    """The latest claim about one of the deniers: by them, to them or on their soil; a reported one first."""
    for group in reversed(earlier):
        claims = [e for e in group if e.type in ECHOED and e.modality != "denied" and deniers & _sides(e, entities)]
        claims.sort(key=lambda e: e.modality != "reported_claim")
        if claims:
            return claims[0]
    return None


def _sides(event: Event, entities: dict[str, Entity]) -> set[str]:
    sides = {event.subject, event.object, event.location}
    place = entities.get(event.object or "")
    if place is not None and place.is_place and place.country:
        sides.add(f"country:{place.country}")
    return sides - {None}
