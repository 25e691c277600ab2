"""Events from one sentence: dictionary triggers with role frames (PETRARCH-style), roles read from
Slavic case and prepositions or from the English dependency parse. The phenomena live beside it: voice.py
(passives), coordination.py (conjuncts), implicit.py (roles no pattern names), english.py (the English parse),
spans.py (the trigger and the span helpers they share), titles.py, pronouns.py, denials.py, dates.py."""
from __future__ import annotations

import re
from dataclasses import replace

from ..analyse import morph
from ..model import ontology
from ..records import Entity, Event, Mention, Sentence
from ..resolve.gazetteer import gazetteer
from .datelines import without_datelines
from .dates import find_date
from .lexicon import Frame, Lexicon, lexicon, token_keys
from .titles import Titles, register_entry, register_state_of
from .coordination import Coordination
from .english import EnglishRoles, english_prep
from .implicit import ImplicitRoles
from .pairs import EXCHANGES as PAIR_SOURCES, partner_of
from .spans import (MAX_ROLE_DISTANCE, Trigger, between_tokens, finite_verb, future_verb, phrase_ends, span_of,
                    trigger_keys)
from .voice import voiced

MILITARY_BODY = re.compile(r"\b(defen[cs]e|army|armed forces|military|navy|air force|guard)\b", re.I)
PREP_VARIANTS = {"со": "с", "во": "в", "ко": "к", "изо": "из", "із": "з", "зі": "з", "у": "в", "обо": "о"}
PHRASE_GAP = 6                   # words of a multiword trigger may stand this far apart ("отправила в Россию 3 тыс. военных")
PREPOSITION_GAP = 2              # ... but a phrase opened by a preposition stays together ("в поддержку")
PLAN_SCOPE = 5                   # tokens before a trigger where "plans to", "готовность" make it planned
FUTURE_VERB_REACH = 4            # tokens between a future verb and the noun trigger it governs ("пройдут переговоры")
DENIAL_SCOPE = 8                 # tokens before a trigger where "denied", "отрицает" make it denied
ADJECTIVE_REACH = 5              # tokens after a trigger where a demonym adjective names its actor
BETWEEN_REACH = 2                # "сотрудничество между X и Y": the between-phrase follows its noun at once
RELATIVE_REACH = 3               # ", вооруженные силы которой": the relative pronoun opens its clause within 3 words
REFUSAL_REACH = 4                # tokens between a refusal and the act refused ("refused to join Western sanctions")
GENITIVE_CHAIN = 5               # tokens of genitive heads and titles between a noun trigger and its actor
# "X and Y met / agreed / fought / develop military cooperation": one event per pair, in text order
PAIRWISE = {"MEET", "AGREE", "FIGHT", "MILITARY_COOPERATION", "ECONOMIC_COOPERATION"}
INITIATED = {"MEET", "COMMUNICATE"}       # events whose subject is the side that began them
PHRASE_ENDS = {",", "—", "–", ":", ";", "(", ")"}     # a noun's phrase does not run past these
LIST_MARKS = (":", "—", "–", "-")      # "российских баз — Хмеймима и Тартуса": what the noun names follows them
AGAINST_OTHERS = {"OPPOSE", "ACCUSE"}     # "осудили удары": what these verbs take as object is someone else's act
BETWEEN_STATES = {"MILITARY_COOPERATION", "ECONOMIC_COOPERATION"}   # cooperation binds states, not their leaders


class EventExtractor(ImplicitRoles, Coordination, EnglishRoles):
    def __init__(self, lang: str):
        self.lang = lang
        self.lex: Lexicon = lexicon(lang)
        self.titles = Titles(lang, self.lex)
        self.title_words = {words[0] for words in self.lex.titles}
        self.all_title_words = self.lex.office_words
        self._correlative_of: tuple = (None, None)      # (sentence, its paired conjunction), computed once
        self._sentence_mentions: list[Mention] = []      # the mentions of the sentence being read
        self._accusations: list[Trigger] = []            # its accusation triggers
        self._last_subjects: list[Mention] = []          # the subjects the last trigger read took
        self.reread: set[tuple[int, int, int]] = set()   # mentions read in their other role (a capital as its state)
        self.date_words = set(self.lex.months) | set(self.lex.weekdays) | self.lex.time_nouns

    def extract(self, sentence: Sentence, mentions: list[Mention], entities: dict[str, Entity],
                published: str | None, datelines: list[tuple[int, int]] = ()) -> list[Event]:
        if not mentions:
            return []
        date, date_text = find_date(without_datelines(sentence, datelines), self.lex, published)
        events: list[Event] = self.titles.affiliations(sentence, mentions, entities)
        mentions, held = self.titles.title_mentions(sentence, mentions, entities)
        mentions = self.titles.forces_mentions(sentence, mentions, entities)
        events += held
        triggers = self.triggers(sentence)
        self._sentence_mentions = mentions
        refusals = [t for t in triggers if t.frame.type == "REFUSE"]
        self._accusations = [t for t in triggers if t.frame.type == "ACCUSE"]
        previous: tuple[Trigger, list[Mention]] | None = None
        for trigger in triggers:
            if self._refused(sentence, trigger, refusals) or self._opens_question(sentence, trigger):
                continue
            self._last_subjects = []
            found = self._events_for(sentence, trigger, mentions, entities)
            if not found and previous and self._listed_after(sentence, previous[0], trigger):
                found = self._events_for(sentence, trigger, mentions, entities, shared=previous[1])
            if found:
                previous = (trigger, self._last_subjects)
            events += found
        seen, unique = set(), []
        for event in events:
            key = (event.type, event.subject, event.object, event.object2)
            if ontology().is_symmetric(event.type):
                key = (event.type, *sorted([event.subject, event.object or ""]), event.object2)
            if key in seen or event.subject == event.object or self._with_its_own_leader(event, entities):
                continue
            seen.add(key)
            if event.type != "AFFILIATION":
                event.date = date
                if date is None and date_text:
                    event.attrs["date_text"] = date_text
            unique.append(event)
        return _located_by_visit(unique, entities)

    def _with_its_own_leader(self, event: Event, entities: dict[str, Entity]) -> bool:
        """"Вучич и Макрон подписали контракт на покупку французских истребителей": France sells to Serbia, not to
        its own president; an event between a state and a person holding its office relates no two sides."""
        if event.type == "AFFILIATION" or not event.object:
            return False
        return any(entities[person].kind == "PERSON" and self.titles.holds_office(person, state)
                   for person, state in ((event.subject, event.object), (event.object, event.subject)))

    # ---- triggers -------------------------------------------------------------------------------
    def triggers(self, sentence: Sentence) -> list[Trigger]:
        found: list[Trigger] = []
        tokens = sentence.tokens
        for i, token in enumerate(tokens):
            keys = trigger_keys(token)
            frames = {id(f): f for key in keys for f in self.lex.frames.get(key, ())}
            for frame in frames.values():
                positions = self._match_rest(tokens, i, frame.words[1:], PREPOSITION_GAP if token.pos == "ADP"
                                             else PHRASE_GAP)
                if positions is not None:
                    found.append(Trigger(i, positions[-1] + 1, frame, positions))
        # a longer trigger hides the shorter ones it contains ("военная база" over "база")
        found.sort(key=lambda t: -(t.end - t.start))
        kept: list[Trigger] = []
        for trig in found:
            if any(k.start <= trig.start and trig.end <= k.end and (k.end - k.start) > (trig.end - trig.start)
                   for k in kept):
                continue
            if any(k.start == trig.start and k.end == trig.end and k.frame == trig.frame for k in kept):
                continue
            kept.append(trig)
        claimed = {k for t in kept for k in t.words}
        types = tuple((k, t.frame.type) for t in kept for k in t.words)
        return sorted((replace(t, others=frozenset(claimed - set(t.words)),
                               other_types=tuple((k, ty) for k, ty in types if k not in t.words)) for t in kept),
                      key=lambda t: t.start)

    def _refused(self, sentence, trigger: Trigger, refusals: list[Trigger]) -> bool:
        """"отказалась присоединиться к санкциям", "refused to sign a deal": what was refused did not happen; the
        REFUSE event says so (ANNOTATION decision 12)."""
        tokens = sentence.tokens
        if finite_verb(tokens[trigger.start]):
            return False        # "отказался подписывать документ и уехал": a verb of its own, not the refused act
        return any(r.end <= trigger.start and trigger.start - r.end <= REFUSAL_REACH and
                   not self._clause_in(sentence, trigger, r.end, trigger.start) and
                   not self.lex.coordinator_in(tokens[r.end:trigger.start]) for r in refusals)

    @staticmethod
    def _match_rest(tokens, i: int, rest: tuple[frozenset[str], ...], gap: int) -> tuple[int, ...] | None:
        positions = [i]
        for word in rest:
            for k in range(positions[-1] + 1, min(positions[-1] + 1 + gap, len(tokens))):
                if word & trigger_keys(tokens[k]):
                    positions.append(k)
                    break
            else:
                return None
        return tuple(positions)

    # ---- roles ----------------------------------------------------------------------------------
    def _listed_after(self, sentence, first: Trigger, trigger: Trigger) -> bool:
        """"российских баз — Хмеймима и пункта обеспечения в Тартусе": a noun listed after another of the same
        type, with only names and a coordinator between, is owned by the same side."""
        tokens = sentence.tokens
        if first.frame.type != trigger.frame.type or tokens[trigger.start].pos not in ("NOUN", "ADJ") or \
                not 0 <= trigger.start - first.end <= MAX_ROLE_DISTANCE:
            return False
        between = tokens[first.end:trigger.start]
        if any(finite_verb(t) for t in between):
            return False
        k = trigger.start - 1
        while k >= first.end and tokens[k].pos == "ADJ":
            k -= 1
        return k >= first.end and (morph.fold(tokens[k].text) in self.lex.coordinators or
                                   tokens[k].text in (",",) + LIST_MARKS)

    def _events_for(self, sentence, trigger: Trigger, mentions, entities, shared: list[Mention] = ()) -> list[Event]:
        trigger = voiced(sentence, trigger)
        frame = trigger.frame
        # "российские военные находятся в Мали": only troops make a presence a deployment
        pool = [m for m in mentions if m.personnel] if frame.subject_kind == "personnel" else mentions
        accused = self._accused(sentence, trigger, mentions, entities)
        if accused:
            trigger = replace(trigger, frame=replace(frame, modality=frame.modality or "reported_claim"))
            frame = trigger.frame
        paired = None if shared or accused else self._paired_modifier(sentence, trigger, pool)
        if paired is not None:      # "российско-индийские переговоры": the first side with the second
            fillers = {span_of(paired)}
            return [self._event(sentence, trigger, (paired, partner_of(paired), None), mentions, entities, fillers)]
        subjects = list(shared) or accused or \
            self._fill(sentence, trigger, frame.subject, pool, entities, role="subject", used=set())
        if frame.subject_kind == "person":   # a person's tie to an organisation, a person (or troops) leaving a city
            subjects = [m for m in subjects if entities[m.entity_id].kind == "PERSON" or
                        (m.personnel and frame.type == "VISIT")]
        if not subjects:
            return self._between_pair(sentence, trigger, mentions, entities)
        self._last_subjects = subjects
        used = {span_of(m) for m in subjects}
        objects = self._fill(sentence, trigger, frame.object, mentions, entities, role="object", used=used,
                             kind=frame.object_kind)
        if not objects and frame.type in AGAINST_OTHERS:
            objects = self._owner_of_what(sentence, trigger, mentions, used)
        partner = next((partner_of(m) for m in subjects if m.partner), None)
        if partner is not None and not objects and frame.type not in PAIR_SOURCES:
            objects = [partner]         # "стороны договорились": the pair the text has just named
        struck_at = None
        if not objects and frame.type == "FIGHT":
            objects, struck_at = self._target_owner(sentence, trigger, mentions, entities, used)
        if len(objects) >= 2 and not frame.object2 and self._between(sentence, objects[0]):
            subjects, objects = objects[:1], objects[1:2]      # "соглашение между Израилем и Сирией"
        object2 = []
        if frame.object2 and len(objects) >= 2:
            objects, object2 = objects[:1], objects[1:2]
        fillers = {span_of(m) for m in subjects + objects + object2}
        if not objects and len(subjects) >= 2 and frame.type in PAIRWISE:
            return [self._event(sentence, trigger, (a, b, None), mentions, entities, fillers)
                    for k, a in enumerate(subjects) for b in subjects[k + 1:]]
        if not objects and not (_object_optional(frame.type) and sentence.tokens[trigger.start].pos == "VERB"):
            return []
        if not objects and frame.type == "AGREE" and any(trigger.end <= k <= trigger.end + REFUSAL_REACH
                                                         for k in trigger.others):
            return []       # "agreed to buy jets", "погодилася поставити": the act agreed to is the event
        targets = objects or [None]
        events = [self._event(sentence, trigger, (s, o, object2[0] if object2 else None), mentions, entities, fillers,
                              at=struck_at)
                  for s in subjects for o in targets if not self._leaving_home(frame, s, o, entities)]
        return self._initiator_first(sentence, events, mentions) if frame.type in INITIATED else events

    @staticmethod
    def _paired_modifier(sentence, trigger: Trigger, mentions) -> Mention | None:
        """A paired demonym describing the noun trigger: right before it, past other adjectives only."""
        if sentence.tokens[trigger.start].pos != "NOUN":
            return None
        for m in mentions:
            if m.partner and m.j <= trigger.start and sentence.tokens[m.j - 1].pos == "ADJ" and \
                    all(t.pos == "ADJ" for t in sentence.tokens[m.j:trigger.start]):
                return m
        return None

    def _leaving_home(self, frame: Frame, subject: Mention, place: Mention | None, entities) -> bool:
        """A visit that ended ("уехал из Москвы") is a visit only away from the person's own country."""
        if frame.type != "VISIT" or dict(frame.attrs).get("status") != "ended" or place is None:
            return False
        home = self.titles.state_of(subject.entity_id, entities)
        return home is not None and home == f"country:{entities[place.entity_id].country}"

    def _initiator_first(self, sentence, events: list[Event], mentions) -> list[Event]:
        """"беседа Путина с Меркель по инициативе Германии": the side that began the call is its subject."""
        words = [morph.fold(t.text) for t in sentence.tokens]
        for phrase in self.lex.initiative:
            for end in phrase_ends(words, phrase, 0):
                initiator = next((m.entity_id for m in mentions if end <= m.i <= end + 1), None)
                for event in events:
                    if initiator and initiator in (event.object, self.titles.affiliated.get(event.object or "")):
                        event.subject, event.object = event.object, event.subject
        return events

    def _between_pair(self, sentence, trigger: Trigger, mentions, entities) -> list[Event]:
        """A relation noun with no actor outside it: "сотрудничество между Россией и Ливией" is Russia's with Libya."""
        frame = trigger.frame
        between = [p for p in frame.object if p.split("+")[0] in self.lex.between_prepositions]
        if frame.object2 or not between:
            return []
        pair = self._fill(sentence, trigger, between, mentions, entities, role="subject", used=set())
        if len(pair) != 2 or pair[0].i - trigger.end > BETWEEN_REACH:
            return []
        return [self._event(sentence, trigger, (pair[0], pair[1], None), mentions, entities, {span_of(m) for m in pair})]

    def _between(self, sentence, m: Mention) -> bool:
        governing = self._preposition(sentence, m) if self.lang != "en" else english_prep(sentence, m)
        return governing in self.lex.between_prepositions

    def _fill(self, sentence, trigger, patterns, mentions, entities, role, used, kind="any") -> list[Mention]:
        titled = {span_of(m) for m in mentions for person in mentions
                  if person.i == m.j and entities[person.entity_id].kind == "PERSON"
                  and entities[m.entity_id].kind != "PERSON"}      # "России" in "президента России Владимира Путина"
        used = used | titled
        if self.lang == "en" and sentence.tokens[trigger.start].pos == "NOUN":
            # "Hungary never blocked EU sanctions": a noun's own owner comes before the subject of its verb
            patterns = sorted(patterns, key=lambda p: p not in ("poss", "compound"))
        if role == "subject" and self.lang != "en":
            doer = self._controlled_doer(sentence, trigger, mentions)
            doer = self._reading(doer, role, kind, entities) if doer and span_of(doer) not in used else None
            if doer:
                return [doer]
        for pattern in patterns:
            found = [self._reading(m, role, kind, entities)
                     for m in self._pattern_candidates(sentence, trigger, pattern, mentions, entities, role)
                     if span_of(m) not in used]
            found = [m for m in found if m is not None]
            if found and self.lang == "en":
                # the parse's conjuncts ("X and Yemen's Houthis"), and no more: ", and Vucic has met" starts a clause
                return list({span_of(m): m for m in found}.values())
            if found:
                return self._coordinated(sentence, found[0], mentions, used, entities, role, kind)
        owner = None
        if role == "subject" and self.lang != "en":
            owner = self._purpose_owner(sentence, trigger, mentions) or \
                self._impersonal_subject(sentence, trigger, mentions) or \
                self._speaker_subject(sentence, trigger, mentions)
        owner = self._reading(owner, role, kind, entities) if owner and span_of(owner) not in used else None
        return [owner] if owner else []

    @staticmethod
    def _verb_of_its_own(sentence, trigger: Trigger, lo: int, hi: int) -> bool:
        """"Россия и Китай осудили удары": a noun trigger whose subject would reach past a verb of condemning or
        accusing is that verb's object, not the subject's act ("не поддержал санкции" keeps its subject)."""
        if sentence.tokens[trigger.start].pos != "NOUN":
            return False
        verbs = [k for k, event_type in trigger.other_types
                 if lo <= k < hi and event_type in AGAINST_OTHERS and finite_verb(sentence.tokens[k])]
        # "Иран отверг обвинения в поставках": the act an accusation names is the rejecter's own
        accused = any(verbs and verbs[-1] < k < trigger.start and event_type == "ACCUSE"
                      for k, event_type in trigger.other_types)
        return bool(verbs) and not accused

    def _agrees(self, sentence, trigger: Trigger, m: Mention, mentions) -> bool:
        """A plural verb takes no lone singular subject: in "В Азербайджане обвинили Париж" Paris is the object."""
        tokens = sentence.tokens
        verb = tokens[trigger.start]
        if self.lang == "en" or not finite_verb(verb) or not self._plural(verb) or m.partner:
            return True
        if any(self._plural(t) for t in tokens[m.i:m.j] if t.pos in ("NOUN", "PROPN", "ADJ")):
            return True
        if any(not t.text[:1].isalpha() or t.pos in ("PROPN", "X") and len(t.feats.get("cases", ())) >= 5
               for t in tokens[m.i:m.j]):
            return True         # an abbreviation or an indeclinable name says nothing of its number
        return any(self._joined(sentence, m, other) or self._joined(sentence, other, m) for other in mentions
                   if other is not m)

    def _plural(self, tok) -> bool:
        number = tok.feats.get("Number")
        return number == "Plur" if number else morph.plural(tok.text, self.lang)

    def _reading(self, m: Mention, role: str, kind: str, entities: dict[str, Entity]) -> Mention | None:
        """The mention as the role needs it: a capital is a place as a destination, a government as an actor."""
        place_reading = kind == "place" and m.role_hint and gazetteer().entries[m.role_hint].kind == "PLACE"
        if self._kind_ok(entities[m.entity_id], role, kind) and not place_reading:
            return m            # a capital as a destination ("посетить Каир") is the city, not its government
        if not m.role_hint:
            return None
        other = gazetteer().entries[m.role_hint].as_entity()
        if not self._kind_ok(other, role, kind):
            return None
        entities.setdefault(other.id, other).aliases.add(m.surface)
        self.reread.add((m.sentence, m.i, m.j))
        return replace(m, entity_id=other.id, role_hint=m.entity_id)

    @staticmethod
    def _kind_ok(entity: Entity, role: str, kind: str) -> bool:
        if role == "subject":
            return not entity.is_place
        if kind == "place":
            return entity.is_place or entity.kind == "COUNTRY"
        if kind == "actor":
            return not entity.is_place
        if kind == "military":      # "worked with the Defence Ministry": generic verbs are military only with such
            return entity.kind == "GROUP" or bool(MILITARY_BODY.search(entity.name))
        return True

    def _pattern_candidates(self, sentence, trigger, pattern, mentions, entities, role) -> list[Mention]:
        if pattern == "adj":
            return self._adjective_actors(sentence, trigger, mentions, entities)
        if pattern == "name_after":      # "база Хмеймим", "баз — Хмеймима и ...": the place named right after the noun
            tokens = sentence.tokens
            starts = {trigger.end}
            if trigger.end + 1 < len(tokens) and tokens[trigger.end].text in LIST_MARKS:
                # "баз: авиабазы Хмеймим": the list may name each item's own kind first
                starts |= {trigger.end + 1} | ({trigger.end + 2} if tokens[trigger.end + 1].pos == "NOUN" else set())
            return [m for m in mentions if m.i in starts and entities[m.entity_id].is_place]
        return self._candidates(sentence, trigger, pattern, mentions, role)

    def _adjective_actors(self, sentence, trigger, mentions, entities) -> list[Mention]:
        """"российских солдат", "російську зброю", "Russian troops": the country behind a demonym adjective at the
        trigger or in the phrase right after it."""
        found = []
        for k in range(max(0, trigger.start - 1), min(len(sentence.tokens), trigger.end + ADJECTIVE_REACH)):
            tok = sentence.tokens[k]
            if k in trigger.words or any(m.i <= k < m.j for m in mentions) or tok.pos not in ("ADJ", "PROPN"):
                continue
            country = gazetteer().adjective_country(token_keys(tok))
            if country:
                register_entry(entities, country)
                found.append(Mention(mentions[0].sentence, k, k + 1, country, tok.text))
        return found

    def _candidates(self, sentence, trigger, pattern, mentions, role="subject") -> list[Mention]:
        if pattern in ("nom", "nsubj") and (self._in_reason_phrase(sentence, trigger) or
                                            self._in_time_phrase(sentence, trigger)):
            return []
        if self.lang == "en":
            return self._english_candidates(sentence, trigger, pattern, mentions)
        prep, _, case = pattern.rpartition("+")
        out = []
        first_verb = self._first_coordinated_verb(sentence, trigger) if pattern == "nom" else None
        for m in mentions:
            if trigger.covers(m) or (first_verb is not None and m.j > first_verb):
                continue
            lo, hi = self._gap(sentence, trigger, m)
            if first_verb is not None:
                hi = first_verb         # the clause that counts is the first verb's
            if pattern == "nom" and role == "subject" and self._verb_of_its_own(sentence, trigger, lo, hi):
                continue
            distance = max(hi - lo, 0)
            if distance > MAX_ROLE_DISTANCE or (pattern != "gen_after" and self._clause_in(sentence, trigger, lo, hi)):
                continue
            if pattern != "nom" and self._after_comma_of_noun(sentence, trigger, m):
                continue
            at = self._preposition_at(sentence, m)
            governing = self._preposition_word(sentence, at)
            cases = self._cases(sentence, m)
            if pattern == "gen_after":
                ok = "Gen" in cases and self._genitive_of(sentence, trigger, m)
            elif pattern == "participle_head":
                ok = governing is None and self._participle_head(sentence, trigger, m, cases)
            elif pattern == "nom":
                ok = "Nom" in cases and governing is None and self._agrees(sentence, trigger, m, mentions) and \
                    not (m.i >= trigger.end and "Acc" in cases and "Acc" in trigger.frame.object) and \
                    not (m.i >= trigger.end and any(t.feats.get("VerbForm") == "Conv"
                                                    for t in sentence.tokens[trigger.end:m.i]))
                # "воює проти хуситів, підтримуючи уряд Ємену": a name after a gerund is the gerund's
                # "намерен посетить Каир": after a transitive verb a Nom/Acc form is its object
            elif prep:
                ok = governing == PREP_VARIANTS.get(prep, prep) and case in cases and (
                    m.i >= trigger.end or prep not in self.lex.place_prepositions or self._fronted_goal(
                        sentence, trigger, case)) and \
                    at not in trigger.others and \
                    not (m.i >= trigger.end and self._slot_taken(sentence, trigger, governing, at, mentions))
                # "связанный с X": the preposition is that trigger's
            else:
                ok = case in cases and governing is None and m.i > trigger.start and \
                    not (case == "Acc" and self._object_noun_before(sentence, trigger, m, mentions))
            if ok:
                after = pattern == "nom" and m.i >= trigger.end
                out.append(((after, distance), m))
        ranked = [m for _, m in sorted(out, key=lambda x: x[0])]
        if pattern == "nom" and not any(m.j <= trigger.start for m in ranked):
            ranked = self._group_leaders(sentence, trigger, mentions) + ranked
        if pattern == "nom":
            antecedent = self._relative_antecedent(sentence, trigger, mentions)
            if antecedent is not None:
                ranked = [antecedent] + [m for m in ranked if m is not antecedent]
        return ranked

    @staticmethod
    def _object_noun_before(sentence, trigger: Trigger, m: Mention, mentions) -> bool:
        """"обвинила сербские предприятия в поставках ... через третьи страны — Чехию": a verb's direct object is
        the first noun after it in that case; a name further on belongs to something else, and so does one after an
        infinitive ("пригласил коллегу посетить Эр-Рияд")."""
        tokens = sentence.tokens
        if any(t.feats.get("VerbForm") == "Inf" for t in tokens[trigger.end:m.i]):
            return True
        if tokens[trigger.start].pos != "VERB":
            return False
        for k in range(trigger.end, m.i):
            tok = tokens[k]
            if tok.pos in ("ADP", "PUNCT") or any(x.i <= k < x.j for x in mentions):
                return False
            appositive = all(t.pos in ("ADJ", "PUNCT") for t in tokens[k + 1:m.i])    # "город Гома"
            if tok.pos == "NOUN" and tok.feats.get("Case") == "Acc" and not appositive:
                return True
        return False

    def _slot_taken(self, sentence, trigger: Trigger, preposition: str, at: int, mentions) -> bool:
        """"санкції проти низки компаній, звинувативши їх у війні проти України": the trigger's phrase with this
        preposition is the first one after it (places chain: "в понедельник в Москву"), and what a gerund after it
        governs is the gerund's."""
        tokens = sentence.tokens
        if any(t.feats.get("VerbForm") == "Conv" for t in tokens[trigger.end:at]):
            return True
        if preposition in self.lex.place_prepositions:
            return False
        return any(morph.fold(tokens[k].text) == preposition and not any(m.i <= k + 1 < m.j for m in mentions)
                   for k in range(trigger.end, at))

    def _first_coordinated_verb(self, sentence, trigger: Trigger) -> int | None:
        """"Дуда призвал НАТО усилить фланг и обвинил Минск": a finite verb right after a coordinator shares the
        subject of the finite verb before it, so its subject stands before that verb. Where that verb is."""
        tokens = sentence.tokens
        k = trigger.start
        if not finite_verb(tokens[k]) or k == 0 or morph.fold(tokens[k - 1].text) not in self.lex.coordinators:
            return None
        for j in range(k - 2, -1, -1):
            if tokens[j].text in ",;:" or tokens[j].pos == "SCONJ" or self._relative_pronoun(tokens[j]):
                return None
            if finite_verb(tokens[j]):
                return j
        return None

    @staticmethod
    def _fronted_goal(sentence, trigger: Trigger, case: str) -> bool:
        """"До Нігеру прибула група інструкторів": before a verb, a place phrase in a case of direction (not the
        locative of where something happened, unless the verb is one of being somewhere) is still its goal."""
        presence = trigger.frame.subject_kind == "personnel"      # "в стране находятся российские военные"
        return sentence.tokens[trigger.start].pos == "VERB" and (case != "Loc" or presence)

    def _participle_head(self, sentence, trigger: Trigger, m: Mention, cases: frozenset[str]) -> bool:
        """"сформированного при поддержке ООН ... Правительства": the noun after the trigger that the participle
        right before it modifies, in the participle's case."""
        if trigger.start == 0 or m.i < trigger.end:
            return False
        participle = sentence.tokens[trigger.start - 1]
        if participle.feats.get("VerbForm") != "Part" and not morph.can_be(participle.text, self.lang, "PRTF"):
            return False
        return bool(cases & participle.feats.get("cases", frozenset()))

    def _names_next(self, k: int) -> bool:
        return any(m.i == k for m in self._sentence_mentions)

    def _after_comma_of_noun(self, sentence, trigger: Trigger, m: Mention) -> bool:
        """"посредничество, между Сирией и Израилем остаются разногласия": a noun's phrase ends at a comma."""
        tokens = sentence.tokens
        if tokens[trigger.start].pos != "NOUN" or m.i < trigger.end:
            return False
        for k in range(trigger.end, m.i):
            if tokens[k].text == "," or (tokens[k].text in PHRASE_ENDS and not self._names_next(k + 1)):
                return True         # "баз — Хмеймима и ...": a dash before a name opens an apposition, not a clause
        return False

    def _in_reason_phrase(self, sentence, trigger: Trigger) -> bool:
        """"с благодарностью за помощь", "thanks for its support": the noun is what the thanks are for, not an
        act of the clause's subject."""
        tokens = sentence.tokens
        if tokens[trigger.start].pos != "NOUN":
            return False
        for tok in reversed(tokens[max(0, trigger.start - 3):trigger.start]):
            if tok.pos == "ADP":
                return morph.fold(tok.text) in self.lex.reason_prepositions
            if tok.pos not in ("ADJ", "DET", "PRON"):
                return False
        return False

    def _in_time_phrase(self, sentence, trigger: Trigger) -> bool:
        """"за роки війни", "за годы войны": a noun trigger in the genitive after a time noun only dates the
        clause."""
        tokens = sentence.tokens
        if self.lang == "en":
            return False        # "a two-day trip": an English time word before a noun only modifies it
        k = trigger.start - 1
        while k >= 0 and tokens[k].pos in ("ADJ", "DET"):
            k -= 1
        return tokens[trigger.start].pos == "NOUN" and k >= 0 and bool(token_keys(tokens[k]) & self.lex.time_nouns)

    @staticmethod
    def _genitive_of(sentence: Sentence, trigger: Trigger, m: Mention) -> bool:
        """The mention is the genitive of a noun trigger, directly or through genitive titles and heads
        ("переговоры президента России Владимира Путина", "переговоров руководства ПНС")."""
        if not trigger.end <= m.i <= trigger.end + GENITIVE_CHAIN:
            return False
        return all(t.pos in ("ADJ", "DET") or (t.pos in ("NOUN", "PROPN") and "Gen" in t.feats.get("cases", ()))
                   for t in sentence.tokens[trigger.end:m.i])

    def _separated(self, sentence: Sentence, trigger: Trigger, m: Mention) -> bool:
        return self._clause_in(sentence, trigger, *self._gap(sentence, trigger, m))

    def _gap(self, sentence: Sentence, trigger: Trigger, m: Mention) -> tuple[int, int]:
        """The tokens between the mention and the trigger, past a relative clause hanging on the mention."""
        lo, hi = between_tokens(trigger, m)
        return (self._after_relative_clause(sentence, m, hi), hi) if lo == m.j else (lo, hi)

    def _clause_in(self, sentence: Sentence, trigger: Trigger, lo: int, hi: int) -> bool:
        """A clause boundary (subordinator, contrastive conjunction, relative pronoun) lies in tokens [lo, hi)."""
        infinitive = sentence.tokens[trigger.start].feats.get("VerbForm") == "Inf"
        correlative = self._correlative(sentence)
        for k, tok in enumerate(sentence.tokens[lo:hi], start=lo):
            if correlative and k == correlative[0]:
                continue        # "адресовано как курдам, ..., так и Израилю": "как" opens a pair, not a clause
            if k in trigger.others and tok.pos == "VERB" and token_keys(tok) & self.lex.request_words:
                return True     # "X призвал стороны сесть за стол переговоров": the asked side does what follows
            word = morph.fold(tok.text)
            if infinitive and word in self.lex.purpose_words:
                continue        # "поехал в Москву, чтобы встретиться с ...": the purpose shares the subject
            if tok.pos == "SCONJ" or (tok.pos == "CCONJ" and word not in self.lex.coordinators):
                return True
            if self._relative_pronoun(tok) or token_keys(tok) & self.lex.clause_words or tok.text in ";:":
                return True
        return False

    def _opens_question(self, sentence: Sentence, trigger: Trigger) -> bool:
        """"отказался сообщить, встречался ли Путин с Асадом": a verb with a question particle after it is asked
        about, not told; it makes no event."""
        after = trigger.start + 1
        return after < len(sentence.tokens) and morph.fold(sentence.tokens[after].text) in self.lex.question_particles

    def _relative_pronoun(self, tok) -> bool:
        return bool(token_keys(tok) & self.lex.relative_pronouns)

    def _after_relative_clause(self, sentence: Sentence, m: Mention, hi: int) -> int:
        """Where a relative clause hanging on the mention ends (after its last comma before `hi`), so that the main
        clause goes on past it: "Вашингтон, який ввів ембарго ..., просив", "президенты России и Турции,
        вооруженные силы которой ..., выработали"."""
        tokens = sentence.tokens
        comma = next((k for k in range(m.j, min(hi, m.j + RELATIVE_REACH)) if tokens[k].text == ","), None)
        if comma is None or any(t.pos in ("VERB", "AUX", "PUNCT") for t in tokens[m.j:comma]):
            return m.j          # the comma may follow a conjunct: "президенты России и Турции, ... которой"
        opening = tokens[comma + 1:min(hi, comma + 1 + RELATIVE_REACH)]
        if not any(self._relative_pronoun(t) for t in opening):
            return m.j
        last_comma = max((k for k in range(comma + 2, hi) if tokens[k].text == ","), default=None)
        return last_comma + 1 if last_comma is not None else m.j

    def _preposition(self, sentence: Sentence, m: Mention) -> str | None:
        return self._preposition_word(sentence, self._preposition_at(sentence, m))

    @staticmethod
    def _preposition_word(sentence: Sentence, at: int | None) -> str | None:
        if at is None:
            return None
        word = morph.fold(sentence.tokens[at].text)
        return PREP_VARIANTS.get(word, word)

    def _preposition_at(self, sentence: Sentence, m: Mention) -> int | None:
        """Where the preposition whose phrase the mention heads is; genitive modifiers, adjectives and a common
        noun in apposition ("в ливийском городе Бенгази") may stand between them."""
        tokens = sentence.tokens
        own_cases = self._cases(sentence, m)
        quantified = False
        for k in range(m.i - 1, max(-1, m.i - 7), -1):
            tok = tokens[k]
            word = morph.fold(tok.text)
            if tok.pos == "ADP":
                # "около двух тысяч военных": the word only rounds the number; the phrase governs itself
                return None if quantified and word in self.lex.approximators else k
            quantified = quantified or self._quantity(tok)
            if word in self.lex.coordinators:
                continue
            if tok.pos in ("PUNCT", "VERB", "AUX", "SCONJ", "CCONJ", "PRON") or tok.text in ",;:—–-\"«»":
                return None
            if token_keys(tok) & self.date_words:
                return None
            if tok.pos in ("NOUN", "PROPN") and not self._may_stand_between(tok, k == m.i - 1, own_cases):
                return None
            if m.personnel and token_keys(tok) & self.lex.country_nouns:
                return None     # "вислав із країни французьких військових": troops are no country's apposition
        return None

    def _may_stand_between(self, tok, adjacent: bool, own_cases: frozenset[str]) -> bool:
        cases = tok.feats.get("cases", frozenset())
        if "Gen" in cases and not self._indeclinable(tok):    # "Мадуро": its case says nothing; it ends the phrase
            return True
        keys = token_keys(tok)
        if keys & self.title_words and cases & own_cases:
            return True
        return adjacent and tok.text[:1].islower() and bool(cases & own_cases)

    def _cases(self, sentence: Sentence, m: Mention) -> frozenset[str]:
        span = sentence.tokens[m.i:m.j]
        heads = [t for t in span if t.pos in ("NOUN", "PROPN")] or list(span)
        if m.i and self._indeclinable(heads[0]) and self._common_noun(sentence.tokens[m.i - 1]):
            return frozenset({"Gen"})       # "режим Мадуро": an indeclinable name after a noun is its genitive
        cases = frozenset()
        for tok in heads[:1] + heads[-1:]:
            cases = cases | tok.feats.get("cases", frozenset())
        if "Gen" in cases and m.i and self._quantity(sentence.tokens[m.i - 1]):
            cases = cases | {"Nom", "Acc"}     # "около двух тысяч российских военных находятся": the quantity's case
        if "Gen" in cases and _animate_accusative(heads[-1]):
            cases = cases | {"Acc"}            # "выслала французских военных": an animate accusative is a genitive
        return cases or frozenset({"Nom", "Gen", "Dat", "Acc", "Ins", "Loc"})

    def _quantity(self, tok) -> bool:
        return tok.pos == "NUM" or tok.text[:1].isdigit() or bool(token_keys(tok) & self.lex.quantities)

    @staticmethod
    def _indeclinable(tok) -> bool:
        return tok.pos == "PROPN" and len(tok.feats.get("cases", ())) >= 5

    def _common_noun(self, tok) -> bool:
        return tok.pos == "NOUN" and tok.text[:1].islower() and not token_keys(tok) & (self.all_title_words |
                                                                                      self.date_words)


    # ---- event assembly -------------------------------------------------------------------------
    def _event(self, sentence, trigger, roles: tuple[Mention, Mention | None, Mention | None],
               mentions, entities, fillers: set[tuple[int, int]], at: str | None = None) -> Event:
        frame = trigger.frame
        subject, obj, obj2 = roles
        location = None if frame.type == "AFFILIATION" else (
            at or self._seat_location(sentence, roles) or self._location(sentence, trigger, mentions, entities, fillers))
        if frame.type == "MILITARY_BASE" and obj is not None:      # "база Хмеймим": where the base's host state is
            location = register_state_of(entities[obj.entity_id], entities) or location
        quote = sentence.span_text(trigger.start, trigger.end)
        subject_id, object_id = subject.entity_id, obj.entity_id if obj else None
        if frame.type in BETWEEN_STATES:     # "Kim Jong Un and Putin signed a defence pact": their states cooperate
            subject_id = self._state_of_person(subject_id, entities)
            object_id = self._state_of_person(object_id, entities) if object_id else None
        return Event(
            type=_type_for(frame.type, subject), subject=subject_id, object=object_id,
            object2=obj2.entity_id if obj2 else None, location=location,
            sentence=sentence.text, start=sentence.start, end=sentence.end, lang=sentence.lang,
            modality=frame.modality or self._modality(sentence, trigger),
            confidence=0.6 if obj else 0.5, attrs=dict(frame.attrs), quote=quote,
        )

    def _state_of_person(self, entity_id: str, entities) -> str:
        if entities[entity_id].kind != "PERSON":
            return entity_id
        state = self.titles.state_of(entity_id, entities)
        if state and state in gazetteer().entries:
            register_entry(entities, state)
        return state or entity_id

    def _seat_location(self, sentence, roles) -> str | None:
        """A capital read as the subject's government ("убежище в Москве") is also where the event happened."""
        subject = roles[0]
        if subject.role_hint and self.lang != "en" and gazetteer().entries[subject.role_hint].kind == "PLACE" and \
                self._preposition(sentence, subject) in self.lex.location_prepositions:
            return subject.role_hint
        return None

    def _location(self, sentence, trigger, mentions, entities, used) -> str | None:
        for m in mentions:
            if span_of(m) in used or not entities[m.entity_id].is_place:
                continue
            lo, hi = between_tokens(trigger, m)
            if hi - lo > 8 or any(t.pos == "PUNCT" for t in sentence.tokens[lo:hi]):
                continue
            prep = self._preposition(sentence, m) if self.lang != "en" else english_prep(sentence, m)
            if prep in self.lex.location_prepositions and (self.lang == "en" or "Loc" in self._cases(sentence, m)):
                return m.entity_id
        return None

    def _modality(self, sentence: Sentence, trigger: Trigger) -> str:
        """Cues in scope of the trigger: a negation or denial just before it, a plan or intention just before it
        (or a future tense), a report or source anywhere in the sentence."""
        tokens = sentence.tokens
        words = [morph.fold(t.text) for t in tokens]
        keys = [token_keys(t) for t in tokens]

        def cued(modality: str, lo: int, hi: int) -> bool:
            return modality in self.lex.modality and self.lex.modality[modality].found_in(words[lo:hi], keys[lo:hi])

        start = trigger.start
        if any(w in self.lex.negations for w in words[max(0, start - 3):start]) or \
                cued("denied", max(0, start - DENIAL_SCOPE), start):
            return "denied"
        if cued("planned", max(0, start - PLAN_SCOPE), start) or tokens[start].feats.get("Tense") == "Fut" or \
                self._future_verb_before(tokens, start):
            return "planned"
        if cued("reported_claim", 0, len(tokens)):
            return "reported_claim"
        return "asserted"

    def _future_verb_before(self, tokens, start: int) -> bool:
        """"в Кремле пройдут официальные переговоры", "will sign a trade deal": a noun trigger right after a future
        verb, in the same phrase, is planned."""
        if tokens[start].pos != "NOUN":
            return False
        for k in range(start - 1, max(-1, start - 1 - FUTURE_VERB_REACH), -1):
            if tokens[k].pos == "PUNCT":
                return False
            if finite_verb(tokens[k]) or tokens[k].pos == "AUX":
                return future_verb(tokens, k, self.lex)
        return False


def _animate_accusative(tok) -> bool:
    """Animate nouns in the plural, and masculine ones in the singular, have one form for both cases."""
    feats = tok.feats
    return feats.get("Animacy") == "Anim" and (feats.get("Number") == "Plur" or feats.get("Gender") == "Masc")


def _type_for(event_type: str, subject: Mention) -> str:
    """Troops that arrive or travel somewhere are deployed there (ANNOTATION decision 14), not visiting."""
    return "DEPLOY" if event_type == "VISIT" and subject.personnel else event_type


def _located_by_visit(events: list[Event], entities: dict[str, Entity]) -> list[Event]:
    """"visited Moscow to talk with Putin": the sentence's other events of the visitor happen at the destination."""
    destinations = {e.subject: e.object for e in events
                    if e.type == "VISIT" and e.modality == "asserted" and e.object and entities[e.object].is_place}
    for event in events:
        if event.type not in ("VISIT", "AFFILIATION") and event.location is None and event.subject in destinations:
            event.location = destinations[event.subject]
    return events


def _object_optional(event_type: str) -> bool:
    return bool(ontology().event_types[event_type].get("object_optional"))
