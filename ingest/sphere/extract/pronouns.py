"""Third-person pronouns in the subject case ("додав він", "he said") stand for the person last named ("it" as a
subject for the state or organisation last named), in an object case ("granted him asylum") for the person last
named who is not the subject of the pronoun's own clause, and so
do an unnamed firm of theirs ("his firm did not work with ...") and a statement of theirs ("это заявление")."""
from __future__ import annotations

from collections.abc import Callable

from ..analyse import morph
from ..records import Entity, Mention, Sentence
from .lexicon import Lexicon, token_keys

STATE_KINDS = ("COUNTRY", "ORGANIZATION", "GROUP")
LOOKBACK = 2      # sentences back to look for the person a pronoun stands for


def resolve_pronouns(sentences: list[Sentence], mentions: list[list[Mention]], entities: dict[str, Entity],
                     lex: Lexicon) -> list[list[Mention]]:
    """Each sentence's mentions, with a mention for every subject pronoun whose person is in reach."""
    out = []
    for index, (sentence, found) in enumerate(zip(sentences, mentions)):
        added = []
        for k, token in enumerate(sentence.tokens):
            reach = mentions[max(0, index - LOOKBACK):index]
            if _country_noun(sentence, k, found, lex):
                country = _named_in_reach(found, k, reach, lambda m: entities[m.entity_id].kind == "COUNTRY"
                                          and not m.personnel, first=True)     # by name, not "Russian instructors"
                if country is not None:
                    added.append(Mention(index, k, k + 1, country.entity_id, sentence.span_text(k, k + 1)))
                continue
            end = _pronoun_end(sentence, k, lex)
            if end is None or any(m.i < end and k < m.j for m in found):
                continue
            word = morph.fold(token.text)
            owner = lex.possessive_pronouns.get(word)
            kinds = STATE_KINDS if word in lex.state_pronouns or owner == "state" else ("PERSON",)
            person = _sentence_subject(found, k, entities) if owner == "person" else None
            earlier = found if word not in lex.object_pronouns else \
                [m for m in found if not _clause_subject(sentence, m, k)]
            person = person or _named_in_reach(earlier, k, reach, lambda m: entities[m.entity_id].kind in kinds)
            if person is not None:
                added.append(Mention(index, k, end, person.entity_id, sentence.span_text(k, end)))
        out.append(sorted(found + added, key=lambda m: m.i) if added else found)
    return out


def _sentence_subject(same_sentence: list[Mention], k: int, entities: dict[str, Entity]) -> Mention | None:
    """"al-Sharaa held talks with Putin, his first visit": "his" is the person the sentence is about, named first."""
    return next((m for m in same_sentence if m.j <= k and entities[m.entity_id].kind == "PERSON"), None)


def _named_in_reach(same_sentence: list[Mention], k: int, before: list[list[Mention]],
                    fits: Callable[[Mention], bool], first: bool = False) -> Mention | None:
    """The fitting mention named last before k in the sentence, else in the nearest sentence before it that has one:
    a person for "he", a state for "it"; with first, the first one there ("the country" a sentence is about)."""
    for group in [[m for m in same_sentence if m.j <= k]] + list(reversed(before)):
        fitting = [m for m in group if fits(m)]
        if fitting:
            return fitting[0] if first else fitting[-1]
    return None


def _country_noun(sentence: Sentence, k: int, found: list[Mention], lex: Lexicon) -> bool:
    """"в стране", "у країні", "in the country": one country, with no name of its own after it and no adjective
    making it some other country ("африканская страна", "third countries")."""
    tokens = sentence.tokens
    token = tokens[k]
    if not token_keys(token) & lex.country_nouns or token.feats.get("Number") == "Plur" or \
            morph.plural(token.text, sentence.lang) or any(m.i <= k < m.j or (m.i == k + 1 and not m.personnel)
                                                           for m in found):
        return False        # "страны Африки": a name of its own ("из страны французских военных" is no name)
    if k + 2 < len(tokens) and tokens[k + 1].text.lower() == "of" and any(m.i == k + 2 for m in found):
        return False        # "the Republic of Chad"
    before = morph.fold(tokens[k - 1].text) if k else ""
    pointing = before in lex.demonstratives or before in lex.possessives or before in lex.possessive_pronouns
    if sentence.lang == "en":
        return before == "the" or pointing
    describing = k and (tokens[k - 1].pos == "ADJ" or morph.can_be_plural(tokens[k - 1].text, sentence.lang,
                                                                                     ("ADJF", "NPRO")))
    return pointing or not describing     # "африканская страна", "усі країни"


def _clause_subject(sentence: Sentence, m: Mention, k: int) -> bool:
    """"Putin invited him": the subject of the pronoun's own clause, which an object pronoun never stands for."""
    head = sentence.tokens[m.j - 1]
    subject = head.dep in ("nsubj", "nsubjpass") if sentence.lang == "en" else "Nom" in head.feats.get("cases", ())
    return subject and not any(t.pos in ("PUNCT", "SCONJ") or t.dep == "mark" for t in sentence.tokens[m.j:k])


def _object_pronoun(sentence: Sentence, k: int, lex: Lexicon) -> bool:
    """"granted him asylum", "предоставили ему убежище"; "его визит" is a possessive, "her" before a noun too."""
    token, word = sentence.tokens[k], morph.fold(sentence.tokens[k].text)
    if word not in lex.object_pronouns or token.pos not in ("PRON", "DET"):
        return False
    if sentence.lang == "en":
        return token.dep in ("dobj", "dative", "pobj")
    following = sentence.tokens[k + 1] if k + 1 < len(sentence.tokens) else None
    return word not in lex.possessives or following is None or following.pos not in ("NOUN", "PROPN", "ADJ", "NUM")


def _pronoun_end(sentence: Sentence, k: int, lex: Lexicon) -> int | None:
    """Where the pronoun phrase starting at k ends: "he", or "his firm"; None when none starts there."""
    word = morph.fold(sentence.tokens[k].text)
    if word in lex.pronouns or (word in lex.state_pronouns and sentence.tokens[k].dep in ("nsubj", "nsubjpass")):
        return k + 1
    if _object_pronoun(sentence, k, lex):
        return k + 1
    if word in lex.possessive_pronouns and sentence.tokens[k].dep == "poss":
        return k + 1            # "his first visit to Cuba", "its invasion of Ukraine": the owner of the noun
    following = token_keys(sentence.tokens[k + 1]) if k + 1 < len(sentence.tokens) else frozenset()
    owned = word in lex.possessives and following & lex.firms
    stated = word in lex.demonstratives and following & lex.statements
    return k + 2 if owned or stated else None
