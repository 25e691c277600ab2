"""Events from one sentence: dictionary triggers with role frames (PETRARCH-style), roles read from
Slavic case and prepositions (roles.py) or from the English dependency parse (english.py). The phenomena live
beside it: voice.py (passives), coordination.py (conjuncts), implicit.py (roles no pattern names),
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
from .roles import AGAINST_OTHERS, CaseRoles
from .spans import (MAX_ROLE_DISTANCE, Trigger, between_tokens, finite_verb, future_verb, phrase_ends, span_of,
                    trigger_keys)
from .voice import voiced

MILITARY_BODY = re.compile(r"\b(defen[cs]e|army|armed forces|military|navy|air force|guard)\b", re.I)
PHRASE_GAP = 6                   # words of a multiword trigger may stand this far apart ("отправила в Россию 3 тыс. военных")
PREPOSITION_GAP = 2              # ... but a phrase opened by a preposition stays together ("в поддержку")
PLAN_SCOPE = 5                   # tokens before a trigger where "plans to", "готовность" make it planned
FUTURE_VERB_REACH = 4            # tokens between a future verb and the noun trigger it governs ("пройдут переговоры")
DENIAL_SCOPE = 8                 # tokens before a trigger where "denied", "отрицает" make it denied
ADJECTIVE_REACH = 5              # tokens after a trigger where a demonym adjective names its actor
BETWEEN_REACH = 2                # "сотрудничество между X и Y": the between-phrase follows its noun at once
REFUSAL_REACH = 4                # tokens between a refusal and the act refused ("refused to join Western sanctions")
# "X and Y met / agreed / fought / develop military cooperation": one event per pair, in text order
PAIRWISE = {"MEET", "AGREE", "FIGHT", "MILITARY_COOPERATION", "ECONOMIC_COOPERATION"}
INITIATED = {"MEET", "COMMUNICATE"}       # events whose subject is the side that began them
LIST_MARKS = (":", "—", "–", "-")      # "российских баз — Хмеймима и Тартуса": what the noun names follows them
BETWEEN_STATES = {"MILITARY_COOPERATION", "ECONOMIC_COOPERATION"}   # cooperation binds states, not their leaders


class EventExtractor(CaseRoles, ImplicitRoles, Coordination, EnglishRoles):
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
        # a longer trigger hides the shorter ones it contains ("военная база" over "база"), and one with more
        # words the one whose words it has ("оказать военную помощь" over "оказать помощь")
        found.sort(key=lambda t: (-(t.end - t.start), -len(t.words)))
        kept: list[Trigger] = []
        for trig in found:
            if any((k.start <= trig.start and trig.end <= k.end and (k.end - k.start) > (trig.end - trig.start))
                   or set(trig.words) < set(k.words) for k in kept):
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
