"""Titles in one document: who holds which office (AFFILIATION events), and which holder a title that
names no one stands for ("президент России" after "президент России Владимир Путин" is Putin)."""
from __future__ import annotations

from dataclasses import dataclass

from ..analyse import morph
from ..records import Entity, Event, Mention, Sentence
from ..resolve.gazetteer import gazetteer
from .lexicon import Lexicon, token_keys
from .spans import POSSESSIVE_MARKS

TITLE_REACH = 20      # tokens between a title ("командующий ЛНА, ...") and the person it names
NAME_GAP = 2          # tokens between a title phrase and a name that makes it a named person
STATE_KINDS = ("COUNTRY", "ORGANIZATION", "GROUP")
TITLE_POS = {"NOUN", "PROPN", "ADJ", "X"}       # "после" is also a form of "посол"; a title is a noun
RELATIONAL_ROLES = {"Predecessor", "Successor"}     # "попередник Мадуро, Уго Чавес": the principal's office
# Offices that make their holder the one "leader" of a state or armed group, whatever the word used.
LEADER_ROLES = {"President", "Leader", "Interim Leader", "Dictator", "King", "Emir", "Head", "Commander",
                "Commander-in-Chief", "Chairman", "Supreme Leader"}


@dataclass(frozen=True)
class TitlePhrase:
    start: int
    end: int              # token span of the title words, plus the state right after them
    state: str            # entity id of the state or organisation the office belongs to
    role: str
    plural: bool


class Titles:
    def __init__(self, lang: str, lex: Lexicon):
        self.lang = lang
        self.lex = lex
        self.longest_first = sorted(lex.titles.items(), key=lambda kv: -len(kv[0]))
        self.forms = {words: tuple(self._word_forms(w) for w in words) for words in [*lex.titles, *lex.leadership]}
        self._keyed: tuple = ()
        self._keys: list[frozenset[str]] = []
        self._present: list = []
        self._led_spans: tuple = (None, [])
        self.holders: dict[tuple[str, str], str] = {}       # (state, office) -> person
        self.affiliated: dict[str, str] = {}                 # person -> the state of their first office
        self.offices: dict[str, str] = {}                    # person -> the role of their first office
        self.titled: dict[str, str] = {}                     # office -> the person last named with its title

    # ---- named people: "министр иностранных дел России Сергей Лавров" ---------------------------
    def affiliations(self, sentence: Sentence, mentions: list[Mention], entities: dict[str, Entity]) -> list[Event]:
        events = []
        for person in mentions:
            if entities[person.entity_id].kind == "PERSON" and not self._pronoun(sentence, person):
                self._note_rank(sentence.tokens, person)
                found = self._titled(sentence, person, mentions, entities)
                if found is not None:
                    events.append(self._affiliation(sentence, person.entity_id, *found))
        for person, state, at in self._led_by(sentence, mentions, entities):
            events.append(self._affiliation(sentence, person, state, "Leader", at))
        return events

    def _titled(self, sentence, person, mentions, entities) -> tuple[str, str, tuple[int, int]] | None:
        tokens = sentence.tokens
        for title_words, role in self._titles_in(tokens):
            at = self._find(tokens, title_words, max(0, person.i - TITLE_REACH), person.i)
            if at is None or self._clause_between(tokens, at[1], person.i) or self._in_leadership(tokens, at) or \
                    self.lex.coordinator_in(tokens[at[1]:person.i]) or self._place_phrase_after(tokens, at[1], person.i):
                continue
            principals = [m for m in mentions if at[1] <= m.i < person.i and entities[m.entity_id].kind == "PERSON"]
            if principals:
                # "речник президента Путіна Пєсков": the spokesman of Putin serves Putin's state;
                # "попередник Мадуро, Уго Чавес": the predecessor held Maduro's office
                principal = principals[0]
                relational = role in RELATIONAL_ROLES and principal.i == at[1] and tokens[principal.j].text == ","
                if len(principals) > 1 or not (relational or 0 < principal.i - at[1] <= NAME_GAP):
                    continue
                if person.i - principal.j > NAME_GAP or any(
                        t.pos in ("ADP", "VERB", "AUX") for t in tokens[principal.j:person.i]):
                    continue    # "лідер хунти Тчіані досяг із Путіним": Putin is no one's spokesman here
                state = self.state_of(principal.entity_id, entities)
                if relational:
                    role = self.offices.get(principal.entity_id, "Leader")
                target = (state, role) if state else None
            else:
                target = self._office_state(sentence, at, person, mentions, entities, role)
            if target is not None:
                return target[0], target[1], at
            if not principals and person.i == at[1]:
                self.titled[_role_key(role)] = person.entity_id     # "President Ruto" with no state still names him
        return None

    def _place_phrase_after(self, tokens, end: int, name: int) -> bool:
        """"после поездки венгерского премьера в Киев Путин позвонил": a prepositional phrase right after the title
        ends it; the name after that phrase is someone else. (English titles take "of": "President of Russia".)"""
        return self.lang != "en" and end < name and tokens[end].pos == "ADP"

    def _pronoun(self, sentence: Sentence, m: Mention) -> bool:
        """A pronoun standing for a person ("thanked the Belarusian leader for his mediation") bears no title."""
        word = morph.fold(sentence.tokens[m.i].text)
        return m.j - m.i == 1 and (word in self.lex.pronouns or word in self.lex.possessive_pronouns)

    def leadership_spans(self, tokens) -> list[tuple[int, int]]:
        """Where the sentence's leadership phrases ("во главе с", "led by") are, found once per sentence."""
        if self._led_spans[0] is not tokens:
            self._led_spans = (tokens, self._find_leadership(tokens))
        return self._led_spans[1]

    def _find_leadership(self, tokens) -> list[tuple[int, int]]:
        spans = []
        for phrase in self.lex.leadership:
            at = self._find(tokens, phrase, 0, len(tokens), any_pos=True)
            while at is not None:
                spans.append(at)
                at = self._find(tokens, phrase, at[1], len(tokens), any_pos=True)
        return spans

    def _in_leadership(self, tokens, at: tuple[int, int]) -> bool:
        """The title word is part of a leadership phrase ("во главе с"), which names no office."""
        return any(start <= at[0] < end for start, end in self.leadership_spans(tokens))

    def holds_office(self, person: str, state: str) -> bool:
        """The person holds an office of the state: as the document titles them, or as the gazetteer lists them (a
        citizen with no office, "Prigozhin", is no part of the state)."""
        return self.affiliated.get(person) == state or any(
            person in people for (owner, _), people in gazetteer().office_holders.items() if owner == state)

    def state_of(self, person: str, entities: dict[str, Entity]) -> str | None:
        """The state of the person's first office in the document, else their country in the gazetteer."""
        return self.affiliated.get(person) or _known_country(entities[person])

    def _led_by(self, sentence, mentions, entities) -> list[tuple[str, str, tuple[int, int]]]:
        """"ПНС под руководством Сарраджа", "forces led by Haftar": the person leads the body named before."""
        found = []
        for at in self.leadership_spans(sentence.tokens):
            person = next((m for m in mentions if at[1] <= m.i <= at[1] + 1
                           and entities[m.entity_id].kind == "PERSON"), None)
            body = next((m for m in mentions if at[0] - 2 <= m.j <= at[0]
                         and entities[m.entity_id].kind in STATE_KINDS), None)
            if person and body:
                found.append((person.entity_id, body.entity_id, at))
        return found

    def _affiliation(self, sentence, person: str, state: str, role: str, at: tuple[int, int]) -> Event:
        self.holders[(state, _role_key(role))] = person
        self.titled[_role_key(role)] = person
        self.affiliated.setdefault(person, state)
        self.offices.setdefault(person, role)
        return Event(
            type="AFFILIATION", subject=person, object=state,
            sentence=sentence.text, start=sentence.start, end=sentence.end, lang=sentence.lang,
            confidence=0.7, attrs={"role": role}, quote=sentence.span_text(*at),
        )

    def _office_state(self, sentence, at, person, mentions, entities, role) -> tuple[str, str] | None:
        """The state or organisation whose office the title names, and the role within it."""
        start, end = at
        tokens = sentence.tokens
        org = next((m for m in mentions if end <= m.i < person.i and
                    (person.i - m.j <= NAME_GAP or (m.i - end <= 1 and self._nominative(sentence, person))) and
                    entities[m.entity_id].kind in STATE_KINDS), None)
        if org is None:
            org = next((m for m in mentions if m.j == start and entities[m.entity_id].kind in STATE_KINDS[:2]), None)
        if org is None and end < len(tokens) and token_keys(tokens[end]) & self.lex.relative_pronouns:
            org = next((m for m in mentions if m.j == start - 1 and tokens[m.j].text == ","
                        and entities[m.entity_id].kind in STATE_KINDS), None)   # "ЛНА, командующий которой, ..."
        if org is not None:
            return affiliation_target(entities[org.entity_id], role)
        country = gazetteer().adjective_country(token_keys(tokens[start - 1])) if start else None
        body_noun = self._body_noun(tokens, start, end)
        if country is None and body_noun is not None:
            body = self._led_body(person.entity_id)      # "army leader Haftar": the army he is known to lead
            if body and token_keys(tokens[body_noun]) & set(morph.fold(gazetteer().entries[body].name).split()):
                register_entry(entities, body)
                return body, role
            return None
        country = country or _known_country(entities[person.entity_id])
        if country is None:
            return None
        register_entry(entities, country)
        return country, role

    # ---- unnamed holders: "президент России заявил" ---------------------------------------------
    def title_mentions(self, sentence: Sentence, mentions: list[Mention],
                       entities: dict[str, Entity]) -> tuple[list[Mention], list[Event]]:
        """The mentions with each unnamed title phrase standing for its holder (when the document named one)
        or for its state; the phrase carries the title's case, so "президенты России и Турции" is a subject.
        A holder known from the gazetteer's offices also gets the AFFILIATION the title states."""
        out, events = list(mentions), []
        if not mentions:
            return out, events
        for phrase in self._phrases(sentence, mentions, entities):
            holder = None
            if not phrase.plural:
                holder = self._titled_holder(phrase.state, phrase.role)
                known = None if holder else self._known_holder(phrase.state, phrase.role, entities)
                if known:
                    events.append(self._affiliation(sentence, known, phrase.state, phrase.role,
                                                    (phrase.start, phrase.end)))
                holder = holder or known
            out = [m for m in out if not (phrase.start <= m.i and m.j <= phrase.end)]
            if not holder:
                register_entry(entities, phrase.state)     # "глава МИД России": the state no mention named
            out.append(Mention(mentions[0].sentence, phrase.start, phrase.end, holder or phrase.state,
                               sentence.span_text(phrase.start, phrase.end)))
        out += self._bare_titles(sentence, out, entities)
        return sorted(out, key=lambda m: m.i), events

    def _note_rank(self, tokens, person: Mention) -> None:
        """"фельдмаршал Халифа Хафтар": the rank right before a name (or that the name's span begins with) is that
        person's, for a later bare rank."""
        for k in (person.i - 1, person.i):
            if k >= 0 and (rank := token_keys(tokens[k]) & self.lex.ranks):
                self.titled[f"rank:{min(rank)}"] = person.entity_id

    def _bare_titles(self, sentence: Sentence, mentions: list[Mention], entities: dict[str, Entity]) -> list[Mention]:
        """"Президент заявил", "the president said", "фельдмаршал зустрічався": a title or rank with neither a state
        nor a name, as a subject, stands for the person the document last named with it."""
        tokens = sentence.tokens
        found: list[Mention] = []
        for title_words, role in self._titles_in(tokens):
            holder = self.titled.get(_role_key(role))
            at = self._find(tokens, title_words, 0, len(tokens)) if holder in entities else None
            while at is not None:
                if self._bare(tokens, at, mentions + found, entities):
                    found.append(Mention(mentions[0].sentence, at[0], at[1], holder, sentence.span_text(*at)))
                at = self._find(tokens, title_words, at[1], len(tokens))
        for k, token in enumerate(tokens):
            rank = token_keys(token) & self.lex.ranks
            holder = self.titled.get(f"rank:{min(rank)}") if rank else None
            if holder in entities and self._bare(tokens, (k, k + 1), mentions + found, entities):
                found.append(Mention(mentions[0].sentence, k, k + 1, holder, token.text))
        return found

    @staticmethod
    def _named_after(tokens, end: int, m: Mention, entities: dict[str, Entity]) -> bool:
        """A person named right after the title, past nothing but nouns or a comma ("глава хунты Тчиани"); not one
        past a verb ("президент Египта встретился с Путиным")."""
        return end <= m.i <= end + NAME_GAP and entities[m.entity_id].kind == "PERSON" and \
            all(t.pos in ("NOUN", "PROPN", "ADJ") or t.text == "," for t in tokens[end:m.i])

    def _bare(self, tokens, at: tuple[int, int], mentions: list[Mention], entities: dict[str, Entity]) -> bool:
        start, end = at
        if any(m.i <= end and m.j >= start - 2 or self._named_after(tokens, end, m, entities) for m in mentions) or \
                self._in_leadership(tokens, at):
            return False        # a name or state beside it: "президент России", "глава хунты Тчиани", "Russia's president"
        if start and (gazetteer().adjective_country(token_keys(tokens[start - 1])) or tokens[start - 1].pos == "ADJ"):
            return False        # "российский президент", "the former president": another or a described holder
        if tokens[end - 1].feats.get("Number") == "Plur":
            return False
        if self.lang == "en":
            return start > 0 and tokens[start - 1].text.lower() == "the" and not tokens[end - 1].text.endswith("s")
        return "Nom" in tokens[start].feats.get("cases", ())

    # ---- a leader's forces: "Haftar's forces", "войска Асада" ----------------------------------------
    def forces_mentions(self, sentence: Sentence, mentions: list[Mention],
                        entities: dict[str, Entity]) -> list[Mention]:
        """The mentions with a leader's forces standing for the body the leader commands, and a leader's government
        ("Orban's government", "правительство Орбана") for the leader's state."""
        out = []
        for m in mentions:
            person = entities[m.entity_id].kind == "PERSON"
            span = self._forces_span(sentence.tokens, m, self.lex.forces) if person else None
            body = self._led_body(m.entity_id) if span else None
            if body is None and person:
                span = self._forces_span(sentence.tokens, m, self.lex.governments)
                body = self.state_of(m.entity_id, entities) if span else None
            if body is None:
                out.append(m)
                continue
            register_entry(entities, body)
            out.append(Mention(m.sentence, span[0], span[1], body, sentence.span_text(*span)))
        return out

    def _forces_span(self, tokens, m: Mention, nouns: frozenset[str]) -> tuple[int, int] | None:
        if self.lang == "en":
            possessive = m.j + 1 < len(tokens) and tokens[m.j].text in POSSESSIVE_MARKS
            if possessive and morph.fold(tokens[m.j + 1].text) in nouns:
                return m.i, m.j + 2
            pronoun = m.j - m.i == 1 and tokens[m.i].dep == "poss" and m.j < len(tokens)    # "his forces"
            return (m.i, m.j + 1) if pronoun and morph.fold(tokens[m.j].text) in nouns else None
        genitive = "Gen" in tokens[m.i].feats.get("cases", ())
        if m.i > 0 and genitive and token_keys(tokens[m.i - 1]) & nouns:
            return m.i - 1, m.j
        return None

    def _led_body(self, person: str) -> str | None:
        """The organisation or state the person leads: as the document says, else as the gazetteer knows."""
        for (state, key), holder in self.holders.items():
            if holder == person and key == "leader":
                return state
        for (owner, office), people in gazetteer().office_holders.items():
            if person in people and (owner.startswith("org:") or _role_key(office) == "leader"):
                return owner
        return None

    def _titled_holder(self, state: str, role: str) -> str | None:
        """The person the document titled with this office of the state; for a general title ("российский министр")
        the one it titled with a narrower office of it ("министр иностранных дел России")."""
        holder = self.holders.get((state, _role_key(role)))
        narrower = {person for (owner, office), person in self.holders.items()
                    if owner == state and _narrower(office, role)}
        return holder or (narrower.pop() if len(narrower) == 1 else None)

    @staticmethod
    def _known_holder(state: str, role: str, entities: dict[str, Entity]) -> str | None:
        """The one person the document names whom the gazetteer knows as a holder of this office (or, for a general
        title, of a narrower office of the state)."""
        key = _role_key(role)
        named = {person for (owner, office), people in gazetteer().office_holders.items()
                 if owner == state and (_role_key(office) == key or _narrower(office, role))
                 for person in people if person in entities}
        return named.pop() if len(named) == 1 else None

    def _phrases(self, sentence, mentions, entities) -> list[TitlePhrase]:
        tokens = sentence.tokens
        found, taken = [], set()
        for title_words, role in self._titles_in(tokens):
            at = self._find(tokens, title_words, 0, len(tokens))
            while at is not None:
                start, end = at
                free = not taken & set(range(start, end)) and not any(m.i < end and m.j > start for m in mentions)
                if free and not self._in_leadership(tokens, at):
                    phrase = self._phrase(sentence, start, end, role, mentions, entities)
                    if phrase is not None:
                        found.append(phrase)
                        taken |= set(range(phrase.start, phrase.end))
                at = self._find(tokens, title_words, end, len(tokens))
        return found

    def _phrase(self, sentence, start, end, role, mentions, entities) -> TitlePhrase | None:
        tokens = sentence.tokens
        org = next((m for m in mentions if end <= m.i <= end + 1 and entities[m.entity_id].kind in STATE_KINDS
                    and self._state_of_title(tokens, end, m)), None)
        if org is not None:
            state, role = affiliation_target(entities[org.entity_id], role)
            phrase_start, phrase_end = start, org.j
        elif start and (country := gazetteer().adjective_country(token_keys(tokens[start - 1]))):
            register_entry(entities, country)
            state, phrase_start, phrase_end = country, start - 1, end
        else:
            return None
        if any(self._named_after(tokens, phrase_end, m, entities) and not self.lex.coordinator_in(tokens[phrase_end:m.i])
               for m in mentions):
            return None
        plural = tokens[end - 1].feats.get("Number") == "Plur" or (
            self.lang == "en" and tokens[end - 1].text.lower().endswith("s"))
        return TitlePhrase(phrase_start, phrase_end, state, role, plural)

    def _state_of_title(self, tokens, end: int, m: Mention) -> bool:
        """"лидер Венесуэлы", not "лидер назвал Венесуэлу": in Russian and Ukrainian the state follows its title in
        the genitive, with no verb between."""
        if self.lang == "en":
            return True
        if any(t.pos == "ADP" for t in tokens[end:m.i]):
            return False        # "советников в Мали": a place the holders are in, not their state
        return "Gen" in tokens[m.i].feats.get("cases", ()) and not self._clause_between(tokens, end, m.i)

    # ---- helpers --------------------------------------------------------------------------------
    def _find(self, tokens, title_words: tuple[str, ...], lo: int, hi: int,
              any_pos: bool = False) -> tuple[int, int] | None:
        forms, keys = self.forms[title_words], self._token_keys(tokens)
        for i in range(lo, hi):
            if tokens[i].pos not in TITLE_POS and not any_pos:
                continue
            k, position = 0, i
            while k < len(title_words) and position < hi:
                if forms[k] & keys[position]:
                    k += 1
                    position += 1
                else:
                    break
            if k == len(title_words):
                return i, position
        return None

    def _word_forms(self, word: str) -> frozenset[str]:
        return frozenset({word}) if self.lang == "en" else morph.normal_forms(word, self.lang) | {word}

    def _token_keys(self, tokens) -> list[frozenset[str]]:
        """Every token's keys, computed once per sentence for all the titles searched in it."""
        if tokens is not self._keyed:
            self._keyed, self._keys = tokens, [token_keys(t) for t in tokens]
            present = frozenset().union(*self._keys)
            self._present = [(words, role) for words, role in self.longest_first
                             if all(form & present for form in self.forms[words])]
        return self._keys

    def _titles_in(self, tokens) -> list[tuple[tuple[str, ...], str]]:
        """The titles (longest first) whose every word occurs somewhere in the sentence: the only ones worth a search."""
        self._token_keys(tokens)
        return self._present

    def _body_noun(self, tokens, start: int, end: int) -> int | None:
        """"army leader Haftar", "лидер оппозиции X": where the common noun naming the body whose office the title
        is stands; such an office is not the person's country's."""
        if self.lang == "en":
            hyphenated = start > 1 and tokens[start - 2].text in ("-", "–")     # "long-time leader" names no body
            return start - 1 if start > 0 and tokens[start - 1].pos == "NOUN" and not hyphenated else None
        if end < len(tokens) and tokens[end].pos == "NOUN" and tokens[end].text[:1].islower() and \
                "Gen" in tokens[end].feats.get("cases", ()):
            return end
        return None

    @staticmethod
    def _clause_between(tokens, lo: int, hi: int) -> bool:
        """A finite verb between a title and a name: the name belongs to another clause."""
        return any(t.pos in ("VERB", "AUX") and t.feats.get("VerbForm", "Fin") == "Fin" for t in tokens[lo:hi])

    def _nominative(self, sentence: Sentence, m: Mention) -> bool:
        if self.lang == "en":
            return False
        span = [t for t in sentence.tokens[m.i:m.j] if t.pos in ("NOUN", "PROPN")] or list(sentence.tokens[m.i:m.j])
        return any("Nom" in t.feats.get("cases", ()) for t in span[:1])


def affiliation_target(org: Entity, role: str) -> tuple[str, str]:
    """A state institution's officer is affiliated with the state; the institution goes into the role."""
    if org.id.startswith("org:") and org.id.count(":") == 2 and org.country:
        institution = org.name.split(" ", 1)[1] if " " in org.name else org.name
        role = role if role not in ("Head", "Representative") else f"{role} of {institution}"
        return f"country:{org.country}", role
    return org.id, role


def _narrower(office: str, role: str) -> bool:
    """"Minister of Foreign Affairs" is a narrower office than "Minister"."""
    return office.lower().startswith(f"{role.lower()} ")


def _role_key(role: str) -> str:
    return "leader" if role in LEADER_ROLES else role


def _known_country(person: Entity) -> str | None:
    """The country the gazetteer lists a well-known person under ("президент Путин" -> Russia)."""
    return f"country:{person.country}" if person.country and f"country:{person.country}" in gazetteer().entries \
        else None


def register_entry(entities: dict[str, Entity], entity_id: str) -> None:
    """Make a gazetteer entry that no mention named (a country behind an adjective) a document entity; one the
    document named already (an organisation only the tagger found) stays as it is."""
    if entity_id not in entities:
        entities[entity_id] = gazetteer().entries[entity_id].as_entity()


def register_state_of(place: Entity, entities: dict[str, Entity]) -> str | None:
    """The state a place lies in ("Хмеймим" -> Syria), made a document entity; None for no place or no known state."""
    state = f"country:{place.country}"
    if not place.is_place or not place.country or state not in gazetteer().entries:
        return None
    register_entry(entities, state)
    return state
