"""The sides: "стороны договорились", "the two discussed security cooperation", "співпраця двох країн" stand for the
two parties of the exchange or tie the text has just reported (a meeting, a call, a letter, an agreement, a
partnership)."""
from __future__ import annotations

from dataclasses import replace

from ..analyse import morph
from ..records import Entity, Event, Mention, Sentence
from .lexicon import Lexicon, token_keys

# "the sides discussed" is the same exchange again, and no new event of these types
EXCHANGES = ("MEET", "COMMUNICATE")
# the events whose two parties "the sides" can be
PAIRED = EXCHANGES + ("AGREE", "MILITARY_COOPERATION", "ECONOMIC_COOPERATION", "MEDIATE")


def pair_mentions(sentence: Sentence, index: int, mentions: list[Mention], before: list[Event], found: list[Event],
                  entities: dict[str, Entity], lex: Lexicon) -> list[Mention]:
    """The sentence's mentions with one for each reference to the sides: the first party, with the second as its
    partner, from the sentence's own events (found) first, then those before it. Unchanged when the sentence has
    none or nothing names a pair."""
    spans = [span for k in range(len(sentence.tokens)) if (span := _pair_span(sentence, k, mentions, lex))]
    pair = (_last_pair(found, entities) or _last_pair(before, entities)) if spans else None
    if pair is None:
        return mentions
    first, second = pair
    added = [Mention(index, i, j, first, sentence.span_text(i, j), partner=second) for i, j in spans]
    return sorted(mentions + added, key=lambda m: m.i)


def _pair_span(sentence: Sentence, k: int, mentions: list[Mention], lex: Lexicon) -> tuple[int, int] | None:
    """"стороны" (plural, with nothing describing it), or "двух стран", "the two (leaders)": the span of it."""
    tokens = sentence.tokens
    word = morph.fold(tokens[k].text)
    if any(m.i <= k < m.j for m in mentions):
        return None
    if word in lex.pair_numerals:
        if k + 1 < len(tokens) and token_keys(tokens[k + 1]) & lex.pair_nouns:
            return (k, k + 2) if not any(m.i == k + 2 for m in mentions) else None
        the_two = sentence.lang == "en" and k and tokens[k - 1].text.lower() == "the" and \
            tokens[k].dep in ("nsubj", "nsubjpass")
        return (k, k + 1) if the_two else None       # "the two discussed"
    if not token_keys(tokens[k]) & lex.sides or not _plural(sentence, k):
        return None
    before = morph.fold(tokens[k - 1].text) if k else ""
    described = k and (tokens[k - 1].pos in ("ADJ", "NUM", "DET") or before in lex.pair_numerals)
    return None if described or any(m.i == k + 1 for m in mentions) else (k, k + 1)


def _plural(sentence: Sentence, k: int) -> bool:
    """The tagger's number in Russian; a plural reading in Ukrainian ("сторони" reads first as a genitive)."""
    token = sentence.tokens[k]
    if sentence.lang == "ru":
        return token.feats.get("Number") == "Plur"
    if sentence.lang == "en":
        return token.text.lower().endswith("s")
    return morph.can_be_plural(token.text, sentence.lang, ("NOUN",))


def _last_pair(reported: list[Event], entities: dict[str, Entity]) -> tuple[str, str] | None:
    for event in reversed(reported):
        if event.type in PAIRED and event.object and not entities[event.object].is_place and \
                event.modality != "denied":
            return event.subject, event.object
    return None


def partner_of(subject: Mention) -> Mention | None:
    """The other party a reference to the sides stands for, as a mention of the same words."""
    return replace(subject, entity_id=subject.partner, partner="") if subject.partner else None
