"""Roles no frame pattern names, read from the clause around the trigger: the accused of an accusation, the
author of an opposed act, the speaker of a reported clause, the place an impersonal plural speaks for, the owner
of a purpose phrase, the leaders of a nameless group, the antecedent of a relative pronoun, the side a strike
on a thing hits."""
from __future__ import annotations

from dataclasses import replace

from ..analyse import morph
from ..records import Mention
from .lexicon import token_keys
from .spans import MAX_ROLE_DISTANCE, Trigger, finite_verb, phrase_head, span_of
from .titles import register_state_of
from .voice import voiced

CONTROL_REACH = 5                # tokens from a verb of allowing to its infinitive ("позволит Турции создать")
ACCUSATION_REACH = 8             # tokens between an accusation and the act it names ("accused X of supplying")


class ImplicitRoles:
    """Mixed into the EventExtractor: it reads self.lex, self.lang, self.titles and the extractor's case readings."""

    def _owner_of_what(self, sentence, trigger: Trigger, mentions, used) -> list[Mention]:
        """"rejected a truce plan put forward by the United States", "отклонил предложение США", "condemned
        Washington's decision": what is opposed is an act; its author is the one opposed."""
        tokens = sentence.tokens
        if self.lang == "en":
            head = phrase_head(sentence, trigger)
            noun = next((k for k, tok in enumerate(tokens) if tok.head == head and tok.dep == "dobj"), None)
        else:
            noun = next((k for k in range(trigger.end, min(len(tokens), trigger.end + 4))
                         if tokens[k].pos == "NOUN"), None)
        if noun is None or any(m.i <= noun < m.j for m in mentions):
            return []
        if self.lang == "en":
            authors = [c for c, tok in enumerate(tokens) if tok.head == noun and tok.dep == "poss"]
            authors += [g for c, tok in enumerate(tokens) if tok.head == noun and tok.dep == "acl"
                        for a, agent in enumerate(tokens) if agent.head == c and agent.dep == "agent"
                        for g, child in enumerate(tokens) if child.head == a and child.dep == "pobj"]
            found = [m for k in authors for m in mentions if m.i <= k < m.j]
        else:
            found = [m for m in mentions if m.i == noun + 1 and "Gen" in self._cases(sentence, m)]
        return [m for m in found if span_of(m) not in used][:1]

    def _target_owner(self, sentence, trigger: Trigger, mentions, entities, used) -> tuple[list[Mention], str | None]:
        """"завдав ударів по аеропорту Сани", "удары по объектам Ирана", "struck a hospital in Kyiv": a strike on a
        thing hits the side the thing belongs to, named right after it; a city stands for its state, and is
        where the strike fell."""
        noun = self._struck_thing(sentence, trigger)
        if noun is None or any(m.i <= noun < m.j for m in mentions):
            return [], None
        tokens = sentence.tokens
        after = noun + 1
        if after < len(tokens) and morph.fold(tokens[after].text) in self.lex.location_prepositions:
            after += 1
        elif self.lang == "en" and after < len(tokens) and tokens[after].text.lower() == "of":
            after += 1
        owner = next((m for m in mentions if m.i == after and span_of(m) not in used and
                      (after > noun + 1 or self.lang == "en" or "Gen" in self._cases(sentence, m))), None)
        if self.lang == "en" and owner is None:
            owner = next((m for m in mentions if m.j == noun and tokens[m.j - 1].dep in ("poss", "compound")
                          and span_of(m) not in used), None)
        if owner is None:
            return [], None
        if not entities[owner.entity_id].is_place:
            return [owner], None
        state = register_state_of(entities[owner.entity_id], entities)
        return ([replace(owner, entity_id=state, role_hint="")], owner.entity_id) if state else ([], None)

    def _struck_thing(self, sentence, trigger: Trigger) -> int | None:
        """The common noun a strike is on: "по аеропорту", "struck the airport", "strikes on military sites"."""
        tokens = sentence.tokens
        if self.lang == "en":
            head = phrase_head(sentence, trigger)
            if any(tok.head == head and tok.dep == "prep" and tok.text.lower() in trigger.frame.object
                   for tok in tokens):
                return None     # "seized the city from the army": the side is the one it was taken from
            objects = [k for k, tok in enumerate(tokens) if tok.head == head and tok.dep == "dobj"]
            objects += [c for k, tok in enumerate(tokens) if tok.head == head and tok.dep == "prep" and
                        tok.text.lower() in ("on", "against") for c, child in enumerate(tokens)
                        if child.head == k and child.dep == "pobj"]
            return next((k for k in objects if tokens[k].pos == "NOUN"), None)
        k = trigger.end
        if k >= len(tokens) or tokens[k].pos != "ADP":
            return None
        governed = {case for pattern in trigger.frame.object if "+" in pattern
                    for preposition, case in [pattern.split("+", 1)] if preposition == morph.fold(tokens[k].text)}
        k += 1
        while k < len(tokens) and tokens[k].pos in ("ADJ", "CCONJ", "NUM"):
            k += 1
        noun = k < len(tokens) and tokens[k].pos == "NOUN" and governed & tokens[k].feats.get("cases", frozenset())
        return k if noun else None

    def _accused(self, sentence, trigger: Trigger, mentions, entities) -> list[Mention]:
        """"accused the UAE of supplying the RSF", "обвинил Францию в поддержке боевиков": the act an accusation
        names is the accused's, and only claimed."""
        tokens = sentence.tokens
        for accusation in self._accusations:
            if not accusation.end <= trigger.start or trigger.start - accusation.end > ACCUSATION_REACH:
                continue
            k = trigger.start - 1
            while k >= accusation.end and tokens[k].pos in ("ADJ", "DET", "ADV"):
                k -= 1          # "of directly supplying", "в поддержке" but not "в соучастии в агрессии России"
            if k < accusation.end or morph.fold(tokens[k].text) not in self.lex.accusation_links or \
                    any(t.pos == "ADP" for t in tokens[accusation.end:k]) or \
                    self._clause_in(sentence, trigger, accusation.end, trigger.start):
                continue        # the act must be the first phrase after the accused
            read = voiced(sentence, accusation)
            accused = self._fill(sentence, read, read.frame.object, mentions, entities, role="object",
                                 used=set(), kind="actor")
            accused = [m for m in accused if accusation.end <= m.i and m.j <= k]    # named between the two
            if accused:
                return accused
        return []

    def _speaker_subject(self, sentence, trigger: Trigger, mentions) -> Mention | None:
        """"Министр заявил, что намерен посетить Каир": a reported clause with no subject of its own is the
        speaker's; the speaker is the subject of the clause before "что"."""
        tokens = sentence.tokens
        if tokens[trigger.start].pos != "VERB":
            return None
        boundary = next((k for k in range(trigger.start - 1, -1, -1)
                         if tokens[k].pos == "SCONJ" or tokens[k].text in ";:"), None)
        if boundary is None or morph.fold(tokens[boundary].text) not in self.lex.speech_links:
            return None
        if any(boundary < m.i < trigger.start and "Nom" in self._cases(sentence, m) and
               self._preposition(sentence, m) is None for m in mentions):
            return None         # the reported clause has a subject of its own
        speakers = [m for m in mentions if m.j <= boundary and "Nom" in self._cases(sentence, m)
                    and self._preposition(sentence, m) is None]
        return speakers[-1] if speakers else None

    def _impersonal_subject(self, sentence, trigger: Trigger, mentions) -> Mention | None:
        """"В Кремле подтвердили", "В Азербайджане обвинили Париж": a plural verb with no subject speaks for the
        state or body named in the location phrase before it."""
        tokens = sentence.tokens
        verb = tokens[trigger.start]
        if not finite_verb(verb) or not (verb.feats.get("Number") == "Plur" or morph.plural(verb.text, self.lang)):
            return None
        for m in reversed([m for m in mentions if m.j <= trigger.start]):
            if self._clause_in(sentence, trigger, m.j, trigger.start):
                return None
            if self._preposition(sentence, m) in self.lex.location_prepositions and "Loc" in self._cases(sentence, m):
                return m
        return None

    def _purpose_owner(self, sentence, trigger: Trigger, mentions) -> Mention | None:
        """"планов России по созданию первой военной базы": a noun trigger in a purpose phrase is the act of the
        genitive that the phrase follows; so is an infinitive right after it ("решение США ввести санкции")."""
        tokens = sentence.tokens
        if tokens[trigger.start].feats.get("VerbForm") == "Inf":     # "готовность Москвы содействовать"
            return self._genitive_owner(sentence, trigger.start, mentions)
        if not any(tokens[k].pos == "NOUN" for k in trigger.words):
            return None
        k = trigger.start - 1
        while k >= 0 and tokens[k].pos in ("ADJ", "NUM", "DET"):
            k -= 1
        if k >= 0 and tokens[k].pos == "NOUN":
            k -= 1              # the verbal noun: "по созданию"
        if k < 1 or tokens[k].pos != "ADP" or morph.fold(tokens[k].text) not in self.lex.purpose_prepositions:
            return None
        return self._genitive_owner(sentence, k, mentions)

    def _controlled_doer(self, sentence, trigger: Trigger, mentions) -> Mention | None:
        """"не позволит Турции создать базу", "допомогли Україні відбити атаку": an infinitive after a verb of
        allowing or helping is the act of that verb's dative, named between the two, not of its subject."""
        tokens = sentence.tokens
        if tokens[trigger.start].feats.get("VerbForm") != "Inf":
            return None
        lo = max(0, trigger.start - CONTROL_REACH)
        control = next((k for k in range(trigger.start - 1, lo - 1, -1)
                        if tokens[k].pos == "VERB" and token_keys(tokens[k]) & self.lex.object_control), None)
        if control is None:
            return None
        return next((m for m in mentions if control < m.i and m.j <= trigger.start
                     and "Dat" in self._cases(sentence, m)), None)

    def _genitive_owner(self, sentence, k: int, mentions) -> Mention | None:
        """The genitive mention ending at k that follows a noun ("планов России", "решение США")."""
        owner = next((m for m in mentions if m.j == k), None)
        if owner is None or owner.i == 0 or sentence.tokens[owner.i - 1].pos != "NOUN" or \
                "Gen" not in self._cases(sentence, owner):
            return None
        return owner

    def _group_leaders(self, sentence, trigger: Trigger, mentions) -> list[Mention]:
        """"кілька країн на чолі з Росією та Китаєм захищають": a subject with no name stands for its leaders."""
        for start, end in self.titles.leadership_spans(sentence.tokens):
            leader = next((m for m in mentions if end <= m.i <= end + 1 and m.j <= trigger.start), None)
            if leader is not None and 0 < start and trigger.start - leader.j <= MAX_ROLE_DISTANCE and \
                    sentence.tokens[start - 1].pos == "NOUN" and not self._separated(sentence, trigger, leader):
                return [leader]
        return []

    def _relative_antecedent(self, sentence, trigger: Trigger, mentions) -> Mention | None:
        """"Вашингтон, який ввів ембарго": in a relative clause whose pronoun is the subject, the subject is the
        mention the clause hangs on."""
        tokens = sentence.tokens
        for r in range(trigger.start - 1, 0, -1):
            tok = tokens[r]
            if tok.pos in ("SCONJ", "CCONJ") or tok.text in ";:":
                return None
            if self._relative_pronoun(tok):
                if "Nom" not in tok.feats.get("cases", {"Nom"}) or tokens[r - 1].text != ",":
                    return None
                return next((m for m in mentions if m.j == r - 1), None)
        return None
