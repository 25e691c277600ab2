"""Matching keys for people's names across scripts and spellings, compared with rapidfuzz.

A key is only for matching, never shown: Cyrillic is transliterated (Russian and Ukrainian letters
both), Latin loses its diacritics, and the letters that the conventions spell differently
(g/h/kh, y/i/j, e/ye, doubled letters) are folded, so Хафтар, Hafter and Haftar, or Уго Чавес and
Hugo Chávez, come out close.
"""
from __future__ import annotations

import re
import unicodedata

from rapidfuzz import fuzz, process

from .translit import transliterate

SAME_PERSON = 85            # rapidfuzz ratio of two keys (0-100) from which two names are one person
_FOLDS = [("kh", "h"), ("g", "h"), ("ye", "e"), ("yi", "i"), ("y", "i"), ("j", "i"), ("w", "v"),
          ("ts", "c"), ("z", "s"), ("ou", "u")]


def match_key(name: str) -> str:
    text = transliterate(name, "uk" if re.search("[іїєґ]", name, re.I) else "ru")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"\b(al|el|ash|as|ad|ar|an)[\s-]+", "", text)      # Arabic article: al-Assad = Assad
    text = re.sub(r"[^a-z ]+", " ", text)
    for source, target in _FOLDS:
        text = text.replace(source, target)
    text = re.sub(r"\bh", "", text)                                  # Hugo / Уго
    text = re.sub(r"(.)\1+", r"\1", text)
    return " ".join(text.split())


def surname_key(name: str) -> str:
    words = match_key(name).split()
    return words[-1] if words else ""


def same_person(a: str, b: str) -> bool:
    """Two full names of one person: their keys nearly equal, and their surnames too."""
    return same_person_keys(match_key(a), match_key(b))


def same_person_keys(key_a: str, key_b: str) -> bool:
    if not key_a or not key_b:
        return False
    return fuzz.ratio(key_a, key_b) >= SAME_PERSON and fuzz.ratio(key_a.split()[-1], key_b.split()[-1]) >= SAME_PERSON


class NameIndex:
    """Full names of people by matching key, each key computed once, for finding a person under
    another spelling or by a surname alone."""

    def __init__(self, people: dict[str, str] | None = None):
        self.names: dict[str, str] = {}                 # id -> the first full name added for it
        self._keys: list[str] = []
        self._ids: list[str] = []
        self._by_surname: dict[str, set[str]] = {}
        for person_id, name in (people or {}).items():
            self.add(person_id, name)

    def add(self, person_id: str, name: str) -> None:
        key = match_key(name)
        if len(name.split()) < 2 or not key:
            return
        self.names.setdefault(person_id, name)
        self._keys.append(key)
        self._ids.append(person_id)
        self._by_surname.setdefault(key.split()[-1], set()).add(person_id)

    def same_person(self, name: str) -> set[str]:
        """Ids whose full name is this one spelt another way."""
        key = match_key(name)
        if not key:
            return set()
        near = process.extract(key, self._keys, scorer=fuzz.ratio, score_cutoff=SAME_PERSON, limit=None)
        return {self._ids[i] for _, _, i in near if same_person_keys(key, self._keys[i])}

    def with_surname(self, name: str) -> set[str]:
        return set(self._by_surname.get(surname_key(name), ()))
