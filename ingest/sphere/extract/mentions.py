"""Find actor and place mentions in analysed sentences and resolve each to a canonical entity."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..analyse import morph
from ..records import Entity, Mention, Sentence
from ..resolve.gazetteer import Entry, gazetteer, slug
from ..resolve.translit import transliterate
from .lexicon import lexicon, token_keys
from .spans import POSSESSIVE_MARKS, QUOTES

MEDIA = re.compile(r"^(reuters|interfax|интерфакс|інтерфакс|tass|тасс|ріа|риа|ap|afp|bloomberg|кан)$", re.I)


@dataclass
class Unit:
    token: int
    text: str
    keys: frozenset[str]


def sentence_units(sentence: Sentence) -> list[Unit]:
    out = []
    tokens = sentence.tokens
    for index, token in enumerate(tokens):
        if index + 1 < len(tokens) and morph.fold(tokens[index + 1].text) in morph.ENCLITICS and \
                morph.pronominal(token.text, sentence.lang):
            continue        # "Того ж дня": a pronoun, though it could be read as Togo
        words = re.findall(r"\w+", token.text)
        for word in words:
            keys = token.feats.get("nf", frozenset()) if word == token.text else morph.normal_forms(word, sentence.lang)
            out.append(Unit(index, word, keys | {morph.fold(word)}))
    return out


class MentionFinder:
    """Per document: mentions per sentence, and the entities they resolve to."""

    def __init__(self, lang: str):
        self.lang = lang
        self.gaz = gazetteer()
        self.lex = lexicon(lang)
        self.entities: dict[str, Entity] = {}

    def find(self, sentence: Sentence, index: int) -> list[Mention]:
        units = sentence_units(sentence)
        taken = [False] * len(sentence.tokens)
        mentions = self._fit_to_names(sentence, self._gazetteer_mentions(sentence, index, units, taken), taken)
        mentions = [self._region(sentence, m) for m in mentions]
        mentions += self._ner_mentions(sentence, index, taken)
        for i, j, first, second in self._demonym_pairs(sentence, mentions):
            mentions = [m for m in mentions if not i <= m.i < j]
            self.entities.setdefault(second, self.gaz.entries[second].as_entity())
            mentions.append(replace(self._mention(sentence, index, i, j, self.gaz.entries[first]), partner=second))
        return sorted(mentions, key=lambda m: m.i)

    # ---- paired demonyms: "российско-индийские переговоры", "US-Philippine exercises" ------------------
    def _demonym_pairs(self, sentence: Sentence, mentions: list[Mention]) -> list[tuple[int, int, str, str]]:
        """Each compound of two demonyms: its token span and the two countries, in the compound's order."""
        tokens, pairs = sentence.tokens, []
        for k, token in enumerate(tokens):
            if self.lang != "en" and token.pos == "ADJ" and token.text.count("-") == 1:
                head, tail = morph.fold(token.text).split("-")
                tails = {nf.split("-")[1] for nf in token.feats.get("nf", ()) if nf.count("-") == 1} | {tail}
                pair = (k, k + 1, self._combining_country(head), self.gaz.adjective_country(frozenset(tails)))
            elif self.lang == "en" and k + 2 < len(tokens) and tokens[k + 1].text == "-" and tokens[k + 2].pos == "ADJ":
                named = next((m.entity_id for m in mentions if (m.i, m.j) == (k, k + 1)), None)
                first = named if named and self.entities[named].kind == "COUNTRY" else \
                    self._combining_country(morph.fold(token.text), stem=False)
                pair = (k, k + 3, first, self.gaz.adjective_country(token_keys(tokens[k + 2])))
            else:
                continue
            if pair[2] and pair[3] and pair[2] != pair[3]:
                pairs.append(pair)
        return pairs

    def _combining_country(self, head: str, stem: bool = True) -> str | None:
        """"российско" -> Russia (the adjective "российский"), "франко" -> France; "Russian" itself in English."""
        if head in self.lex.combining_forms:
            return self.lex.combining_forms[head]
        if not stem:
            return self.gaz.adjective_country(frozenset({head}))
        return self.gaz.adjective_country(frozenset(head[:-1] + end for end in ("ий", "ский", "ський", "ый")))

    # ---- gazetteer ------------------------------------------------------------------------------
    def _gazetteer_mentions(self, sentence, index, units, taken) -> list[Mention]:
        words = [u.text for u in units]
        keys = [u.keys for u in units]
        mentions, u = [], 0
        while u < len(units):
            found = self.gaz.match_at(words, keys, u)
            inst = self.gaz.institution_at(keys, u)
            if inst and (not found or inst[0] >= found[0]):
                mention = self._institution(sentence, index, units, u, inst, mentions)
                if mention:
                    mentions = [m for m in mentions if m.j <= mention.i]
                    mentions.append(mention)
                    for t in range(mention.i, mention.j):
                        taken[t] = True
                    u = next((k for k, unit in enumerate(units) if unit.token >= mention.j), len(units))
                    continue
            if found and self._names_a_thing(sentence, units[u].token, found[1].kind):
                u += found[0]
            elif found:
                n, entry = found
                i, j = units[u].token, units[u + n - 1].token + 1
                chosen = self._resolve_seat(sentence, i, entry)
                other = None
                if entry.stands_for:
                    other = entry.id if chosen.id != entry.id else entry.stands_for
                mentions.append(self._mention(sentence, index, i, j, chosen, other))
                for t in range(i, j):
                    taken[t] = True
                u += n
            else:
                u += 1
        return mentions

    def _fit_to_names(self, sentence: Sentence, mentions: list[Mention], taken: list[bool]) -> list[Mention]:
        """A full name the tagger found wins over the gazetteer's part of it: "Хасаном Асаадом аш-Шибани" is one
        mention of the known person, and "Абу" in "Мурхафом Абу Касрой" is no city."""
        people = [(span[0], span[1]) for span in sentence.ner if span[2] == "PER"]
        people = [(i, j) for i, j in people if sum(i <= m.i and m.j <= j for m in mentions) == 1]
        kept = []
        for m in mentions:
            span = next(((i, j) for i, j in people if i <= m.i and m.j <= j and (i, j) != (m.i, m.j)), None)
            if span is None:
                kept.append(m)
            elif self.entities[m.entity_id].kind == "PERSON":
                surface = sentence.span_text(*span)
                self.entities[m.entity_id].aliases.add(surface)
                kept.append(replace(m, i=span[0], j=span[1], surface=surface))
                taken[span[0]:span[1]] = [True] * (span[1] - span[0])
            else:
                taken[m.i:m.j] = [False] * (m.j - m.i)
        return kept

    def _region(self, sentence: Sentence, m: Mention) -> Mention:
        """"eastern Libya", "на юго-западе Сирии": a compass word right before a country names a region of it."""
        entry = self.gaz.entries.get(m.entity_id)
        if entry is None or entry.kind != "COUNTRY" or m.role_hint:
            return m
        tokens = sentence.tokens
        for n in (3, 2, 1):
            if m.i < n:
                continue
            before = tokens[m.i - n:m.i]
            joined = morph.fold("".join(t.text for t in before))
            keys = [token_keys(t) for t in before]
            for words, compass in self.lex.regions.items():
                if (len(words) == n and all(w in k for w, k in zip(words, keys))) or (len(words) == 1 and
                                                                                      words[0] == joined):
                    name = f"{compass} {entry.name}"
                    region = Entry(f"place:{slug(name)}", name, "PLACE", entry.country)
                    return self._mention(sentence, m.sentence, m.i - n, m.j, region)
        return m

    def _institution(self, sentence, index, units, u, inst_match, before: list[Mention]) -> Mention | None:
        n, inst = inst_match
        country = None
        i, j = units[u].token, units[u + n - 1].token + 1
        tokens = sentence.tokens
        if tokens[j - 1].pos == "ADJ" and j < len(tokens) and tokens[j].pos in ("NOUN", "ADJ"):
            return None         # "российской военной базе": the word only describes the noun after it
        owner = self._english_owner(sentence, i, before) if self.lang == "en" else None
        demonym = self._demonym_before(sentence, units, u)
        if demonym is not None:
            country, i = demonym
        elif owner is not None:
            i, country = owner.i, owner.entity_id
        elif u + n < len(units):
            k = self._past_service_branch(units, u + n) if inst.personnel else u + n
            after = self._entry_at(units, k)
            if after is None and inst.name is None:
                after = self._seat_after(units, k)
            if after and after[1].kind == "COUNTRY":
                country = after[1].id
                j = units[k + after[0] - 1].token + 1
            elif after and inst.personnel and after[1].kind in ("GROUP", "ORGANIZATION") and self.lang != "en":
                # "инструкторы «Африканского корпуса»", "бойцы группы Вагнера": an armed group's own men
                end = units[k + after[0] - 1].token + 1
                return replace(self._mention(sentence, index, i, end, after[1]), personnel=True)
        if not country:
            return None
        country_entry = self.gaz.entries[country]
        if inst.name is None:
            return replace(self._mention(sentence, index, i, j, country_entry), personnel=inst.personnel)
        name = inst.name.format(adj=self.gaz.english_adjective[country])
        entry = Entry(f"org:{country_entry.country}:{inst.key}", name, "ORGANIZATION", country_entry.country)
        return self._mention(sentence, index, i, j, entry)

    def _entry_at(self, units, u: int) -> tuple[int, Entry] | None:
        """The gazetteer entry whose name starts at unit u, with its length in units."""
        return self.gaz.match_at([x.text for x in units], [x.keys for x in units], u)

    def _seat_after(self, units, u: int) -> tuple[int, Entry] | None:
        """"власти в Дамаске", "the authorities in Kabul": a state's organs named by their seat belong to the
        country it governs (the preposition counts in the match's length)."""
        if u + 1 >= len(units) or morph.fold(units[u].text) not in self.lex.location_prepositions:
            return None
        seat = self._entry_at(units, u + 1)
        if not seat or not seat[1].stands_for:
            return None
        return seat[0] + 1, self.gaz.entries[seat[1].stands_for]

    def _past_service_branch(self, units, u: int) -> int:
        """"эсминцы ВМС США", "отряд кораблей ВМФ России": armed personnel named through their service
        branch belong to the country after it; the unit after the branch, else u."""
        branch = self.gaz.institution_at([x.keys for x in units], u)
        return u + branch[0] if branch and branch[1].personnel else u

    def _demonym_before(self, sentence, units, u: int) -> tuple[str, int] | None:
        """"российские военные", "канадский патрульный корабль": the country of a demonym right before the
        institution word, past up to two other adjectives."""
        for back in range(1, 4):
            if u - back < 0:
                return None
            unit = units[u - back]
            country = self.gaz.adjective_country(unit.keys)
            if country:
                return country, unit.token
            if sentence.tokens[unit.token].pos != "ADJ":
                return None
        return None

    def _english_owner(self, sentence: Sentence, i: int, before: list[Mention]) -> Mention | None:
        """"U.S. troops", "Niger's junta": the country named, or owning, right before the institution word."""
        end = i - 1 if i > 0 and sentence.tokens[i - 1].text in POSSESSIVE_MARKS else i
        owner = next((m for m in before if m.j == end), None)
        if owner is None or self.entities[owner.entity_id].kind != "COUNTRY":
            return None
        return owner

    def _resolve_seat(self, sentence: Sentence, i: int, entry: Entry) -> Entry:
        """A capital or seat stands for its government unless it is a destination or a location."""
        if not entry.stands_for:
            return entry
        before = sentence.tokens[i - 1].text.lower() if i > 0 else ""
        place_noun = i > 0 and token_keys(sentence.tokens[i - 1]) & self.lex.place_nouns     # "столица Триполи"
        if before in self.lex.place_prepositions or place_noun:
            return entry
        cases = sentence.tokens[i].feats.get("cases", frozenset())
        if self.lang != "en" and cases and not cases & {"Nom", "Gen"}:
            return entry      # "відвідав Москву": an object in the accusative is the destination
        return self.gaz.entries[entry.stands_for]

    # ---- named entity spans ---------------------------------------------------------------------
    def _ner_mentions(self, sentence, index, taken) -> list[Mention]:
        mentions = []
        for span in sentence.ner:
            i, j, label = span[0], span[1], span[2]
            if any(taken[i:j]):
                continue
            text = sentence.span_text(i, j)
            if MEDIA.match(text) or self._names_a_thing(sentence, i, "PERSON" if label == "PER" else label):
                continue
            entry = None
            if label == "PER":
                start = self._after_titles(sentence, i, j)       # "Принц Фейсал": the title is no part of the name
                normal = span[3] if len(span) > 3 and start == i else None
                i, entry = start, self._person(sentence, start, j, normal) if start < j else None
            elif self.lang == "en" and label in ("LOC", "ORG"):
                name = re.sub(r"^the\s+", "", text, flags=re.I)
                kind = "PLACE" if label == "LOC" else "ORGANIZATION"
                prefix = "place" if kind == "PLACE" else "org"
                entry = Entry(f"{prefix}:{slug(name)}", name, kind)
            if entry:
                mentions.append(self._mention(sentence, index, i, j, entry))
                for t in range(i, j):
                    taken[t] = True
        return mentions

    def _names_a_thing(self, sentence: Sentence, i: int, kind: str) -> bool:
        """"фрегатом «Адмирал Горшков» и подлодкой «Казань»": a name in quotes after a ship's noun is the ship's, and
        one after any common noun ("операция «Буря в пустыне»") is no person's."""
        tokens = sentence.tokens
        k = i - 1
        while k >= i - 3 and k >= 0 and tokens[k].text[:1].isupper():
            k -= 1          # the quoted name may open with words the name span left out ("«Адмірал Горшков»")
        if k < 1 or tokens[k].text not in QUOTES:
            return False
        noun = tokens[k - 1]
        return bool(token_keys(noun) & self.lex.vessels) or (
            kind == "PERSON" and noun.pos == "NOUN" and noun.text[:1].islower())

    def _after_titles(self, sentence: Sentence, i: int, j: int) -> int:
        """Where the name starts in a person span that opens with title or rank words."""
        while i < j - 1 and token_keys(sentence.tokens[i]) & self.lex.office_words:
            i += 1
        return i

    def _person(self, sentence: Sentence, i: int, j: int, normal: str | None) -> Entry | None:
        tokens = [t for t in sentence.tokens[i:j] if re.search(r"\w", t.text)]
        if not tokens or not all(t.text[:1].isupper() for t in tokens if t.text.isalpha()):
            return None
        if self.lang == "en":
            words = [t.text for t in tokens]
        else:
            words = (normal.split() if normal and len(normal.split()) == len(tokens)
                     else [morph.nominative(t.text, self.lang) for t in tokens])
        words = [w for w in words if not re.fullmatch(r"[()\-]+", w)]
        if all(len(w) < 2 for w in words):
            return None                      # "І", "A": a capitalised conjunction or an initial alone
        known = self._known_person(words) or self.gaz.person_like(" ".join(words))
        if known:
            return known
        name = " ".join(words)
        if self.lang != "en":
            name = transliterate(name, self.lang)
        return Entry(f"person:{slug(name)}", name, "PERSON")

    def _known_person(self, words: list[str]) -> Entry | None:
        for candidate in (words, words[-1:]):
            keys = [morph.normal_forms(w, "ru") | morph.normal_forms(w, "uk") for w in candidate]
            found = self.gaz.match_at(candidate, keys, 0)
            if found and found[0] == len(candidate) and found[1].kind == "PERSON":
                return found[1]
        return None

    # ---- registry -------------------------------------------------------------------------------
    def _mention(self, sentence: Sentence, index: int, i: int, j: int, entry: Entry,
                 other_reading: str | None = None) -> Mention:
        surface = sentence.span_text(i, j)
        entity = self.entities.get(entry.id)
        if entity is None:
            entity = self.entities[entry.id] = entry.as_entity()
        entity.aliases.add(surface)
        return Mention(index, i, j, entry.id, surface, other_reading or "")
