"""pymorphy3 for Russian and Ukrainian: normal forms and cases of single words, cached."""
from __future__ import annotations

from functools import cache, lru_cache

import pymorphy3

# pymorphy3 grammeme -> Universal Dependencies case name
CASES = {"nomn": "Nom", "gent": "Gen", "gen2": "Gen", "datv": "Dat", "accs": "Acc", "ablt": "Ins",
         "loct": "Loc", "loc2": "Loc", "voct": "Voc"}
NAME_TAGS = {"Name", "Surn", "Patr"}


@cache
def analyzer(lang: str) -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer(lang=lang)


def fold(text: str) -> str:
    """Lower case with ё->е and ґ->г folded, the matching key for Cyrillic words."""
    return text.lower().replace("ё", "е").replace("ґ", "г")


@lru_cache(maxsize=200_000)
def normal_forms(word: str, lang: str) -> frozenset[str]:
    forms = {fold(word)}
    if any("\u0400" <= ch <= "\u04ff" for ch in word):
        parses = analyzer(lang).parse(word)
        forms |= {fold(p.normal_form) for p in parses}
        if lang == "uk" and any(p.tag.POS == "GRND" for p in parses):
            forms |= _gerund_infinitives(fold(word))
    return frozenset(forms)


# The Ukrainian dictionary leaves a gerund as its own normal form; its infinitive is one of these.
GERUND_ENDINGS = (("вшись", ("тися",)), ("вши", ("ти",)), ("ючись", ("тися", "ватися")), ("ячись", ("итися", "тися")),
                  ("ачись", ("итися", "атися")), ("ючи", ("ти", "вати")), ("ячи", ("ити", "яти")), ("ачи", ("ити", "ати")))


def _gerund_infinitives(word: str) -> set[str]:
    for ending, replacements in GERUND_ENDINGS:
        if word.endswith(ending):
            stem = word[: -len(ending)]
            candidates = {stem + r for r in replacements}
            return {c for c in candidates if any("infn" in p.tag.grammemes for p in analyzer("uk").parse(c))}
    return set()


@lru_cache(maxsize=200_000)
def cases(word: str, lang: str) -> frozenset[str]:
    found = set()
    for parse in analyzer(lang).parse(word):
        found |= {CASES[g] for g in parse.tag.grammemes if g in CASES}
    return frozenset(found)


@lru_cache(maxsize=100_000)
def name_parse(word: str, lang: str):
    """The analysis of a capitalised word as a first name, surname or patronymic, if it has one."""
    for parse in analyzer(lang).parse(word):
        if parse.tag.grammemes & NAME_TAGS and parse.tag.POS == "NOUN":
            return parse
    return None


@lru_cache(maxsize=100_000)
def lemma(word: str, lang: str) -> str:
    parses = analyzer(lang).parse(word)
    return fold(parses[0].normal_form) if parses else fold(word)


@lru_cache(maxsize=100_000)
def pos(word: str, lang: str) -> str:
    parses = analyzer(lang).parse(word)
    return str(parses[0].tag.POS or "") if parses else ""


VERB_FORMS = {"INFN": "Inf", "GRND": "Conv", "PRTF": "Part", "PRTS": "Part"}


@lru_cache(maxsize=100_000)
def verb_form(word: str, lang: str) -> str:
    """Universal Dependencies VerbForm of the word's first verbal reading: Fin, Inf, Conv or Part."""
    for parse in analyzer(lang).parse(word):
        if "infn" in parse.tag.grammemes:
            return "Inf"
        if parse.tag.POS in VERB_FORMS or parse.tag.POS == "VERB":
            return VERB_FORMS.get(parse.tag.POS, "Fin")
    return "Fin"


@lru_cache(maxsize=100_000)
def can_be(word: str, lang: str, pos: str) -> bool:
    return any(parse.tag.POS == pos for parse in analyzer(lang).parse(word))


@lru_cache(maxsize=100_000)
def future(word: str, lang: str) -> bool:
    parses = analyzer(lang).parse(word)
    return bool(parses) and "futr" in parses[0].tag.grammemes


@lru_cache(maxsize=100_000)
def plural(word: str, lang: str) -> bool:
    parses = analyzer(lang).parse(word)
    return bool(parses) and "plur" in parses[0].tag.grammemes


def nominative(word: str, lang: str) -> str:
    """A name word in the nominative, keeping its capitalisation."""
    parse = name_parse(word, lang)
    if parse is None:
        return word
    inflected = parse.inflect({"nomn"})
    base = inflected.word if inflected else parse.normal_form
    return base[:1].upper() + base[1:] if word[:1].isupper() else base
