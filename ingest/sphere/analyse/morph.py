"""pymorphy3 for Russian and Ukrainian: normal forms and cases of single words, cached."""
from __future__ import annotations

from functools import cache, lru_cache

import pymorphy3

# pymorphy3 grammeme -> Universal Dependencies case name
CASES = {"nomn": "Nom", "gent": "Gen", "gen2": "Gen", "datv": "Dat", "accs": "Acc", "ablt": "Ins",
         "loct": "Loc", "loc2": "Loc", "voct": "Voc"}
NAME_TAGS = {"Name", "Surn", "Patr"}
DICTIONARIES = ("ru", "uk")


@cache
def analyzer(lang: str) -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer(lang=lang)


@lru_cache(maxsize=200_000)
def parses(word: str, lang: str) -> tuple:
    """The dictionary's readings of a word, parsed once per process for every helper below; none outside
    Russian and Ukrainian (a Cyrillic word inside an English article)."""
    return tuple(analyzer(lang).parse(word.translate(APOSTROPHES))) if lang in DICTIONARIES else ()


def cyrillic(text: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


# Ukrainian writes its apostrophe ("прем'єр", "перемир'я") as any of these; the dictionaries know the ASCII one
APOSTROPHE_MARKS = ("'", "’", "ʼ")
APOSTROPHES = str.maketrans({mark: "'" for mark in APOSTROPHE_MARKS})


# enclitic particles the Ukrainian dictionary lists first as conjunctions ("того ж дня", "тут же"): they join no
# clauses, and the word before them is a pronoun, not a name ("Того ж дня" is no Togo)
ENCLITICS = frozenset({"ж", "же"})


def pronominal(word: str, lang: str) -> bool:
    """"того", "той", "этот": a word with a pronoun reading, whatever reading the dictionary lists first."""
    return any(parse.tag.POS == "NPRO" or "Apro" in parse.tag.grammemes for parse in parses(word, lang))


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Lower case with ё->е and ґ->г folded and one apostrophe, the matching key for Cyrillic words."""
    return text.lower().replace("ё", "е").replace("ґ", "г").translate(APOSTROPHES)


@lru_cache(maxsize=200_000)
def normal_forms(word: str, lang: str) -> frozenset[str]:
    forms = {fold(word)}
    if cyrillic(word):
        readings = parses(word, lang)
        forms |= {fold(p.normal_form) for p in readings}
        if lang == "uk" and any(p.tag.POS == "GRND" for p in readings):
            forms |= _gerund_infinitives(fold(word))
        if lang == "uk" and passive_participle(word, lang):
            forms |= _participle_infinitives(fold(readings[0].normal_form))
    return frozenset(forms)


def passive_participle(word: str, lang: str) -> bool:
    """A passive participle ("поставленные", "поставлена"): the Ukrainian dictionary files it as an adjective."""
    return any("pssv" in p.tag.grammemes and p.tag.POS in ("PRTF", "PRTS", "ADJF", "ADJS") for p in parses(word, lang))


# The Ukrainian dictionary leaves a passive participle as its own adjective lemma ("поставлений"); its verb's
# infinitive is one of these, with the consonant alternations of the stem undone (розміщений -> розмістити).
PARTICIPLE_ENDINGS = (("ьований", ("ювати",)), ("ований", ("увати", "овати")), ("аний", ("ати",)), ("яний", ("яти",)),
                      ("едений", ("ести",)), ("ений", ("ити", "іти", "ати")), ("єний", ("їти", "ити")), ("тий", ("ти",)))
STEM_ALTERNATIONS = (("дж", "д"), ("бл", "б"), ("пл", "п"), ("вл", "в"), ("мл", "м"), ("фл", "ф"), ("щ", "ст"), ("щ", "ск"),
                     ("ч", "т"), ("ч", "к"), ("ж", "д"), ("ж", "з"), ("ж", "г"), ("ш", "с"), ("ш", "х"), ("жд", "д"))


def _participle_infinitives(adjective: str) -> set[str]:
    for ending, replacements in PARTICIPLE_ENDINGS:
        if adjective.endswith(ending):
            stem = adjective[: -len(ending)]
            stems = {stem} | {stem[: -len(a)] + b for a, b in STEM_ALTERNATIONS if stem.endswith(a)}
            candidates = {s + r for s in stems for r in replacements}
            return {c for c in candidates if any(p.is_known and "infn" in p.tag.grammemes for p in parses(c, "uk"))}
    return set()


# The Ukrainian dictionary leaves a gerund as its own normal form; its infinitive is one of these.
GERUND_ENDINGS = (("вшись", ("тися",)), ("вши", ("ти",)), ("ючись", ("тися", "ватися")), ("ячись", ("итися", "тися")),
                  ("ачись", ("итися", "атися")), ("ючи", ("ти", "вати")), ("ячи", ("ити", "яти")), ("ачи", ("ити", "ати")))


def _gerund_infinitives(word: str) -> set[str]:
    for ending, replacements in GERUND_ENDINGS:
        if word.endswith(ending):
            stem = word[: -len(ending)]
            candidates = {stem + r for r in replacements}
            return {c for c in candidates if any("infn" in p.tag.grammemes for p in parses(c, "uk"))}
    return set()


@lru_cache(maxsize=200_000)
def cases(word: str, lang: str) -> frozenset[str]:
    found = set()
    for parse in parses(word, lang):
        found |= {CASES[g] for g in parse.tag.grammemes if g in CASES}
    return frozenset(found)


@lru_cache(maxsize=100_000)
def name_parse(word: str, lang: str):
    """The analysis of a capitalised word as a first name, surname or patronymic, if it has one."""
    for parse in parses(word, lang):
        if parse.tag.grammemes & NAME_TAGS and parse.tag.POS == "NOUN":
            return parse
    return None


ALL_CASES = frozenset({"Nom", "Gen", "Dat", "Acc", "Ins", "Loc"})
FOREIGN_INDECLINABLE_ENDINGS = tuple("оуеиэю")


@lru_cache(maxsize=100_000)
def indeclinable(word: str, lang: str) -> bool:
    """A name with one form for every case: "Мали", "Шойгу", "НАТО", or an unknown foreign name in a vowel
    ("Мадуро", "Тчиани")."""
    if not word[:1].isupper():
        return False
    readings = parses(word, lang)
    if any(p.is_known and "Fixd" in p.tag.grammemes for p in readings):
        return True
    unknown = not any(p.is_known for p in readings)
    return unknown and fold(word).endswith(FOREIGN_INDECLINABLE_ENDINGS)


def lemma(word: str, lang: str) -> str:
    readings = parses(word, lang)
    return fold(readings[0].normal_form) if readings else fold(word)


NAME_GRAMMEMES = {"Surn", "Name", "Patr"}


def pos(word: str, lang: str) -> str:
    """The part of speech of the first reading that is no imperative; but a past-tense verb form that the dictionary
    also files as a participle used as a noun or adjective ("прибула": прибулий) is the verb, as it is in news."""
    readings = parses(word, lang)
    if not readings:
        return ""
    # news prose has few imperatives: "війни" is the noun (war), not an imperative of "війнути"
    readings = [p for p in readings if "impr" not in p.tag.grammemes] or list(readings)
    if word[:1].islower():      # "турецькі" is the adjective, not the surname Турецький: a name is capitalised
        readings = [p for p in readings if not NAME_GRAMMEMES & p.tag.grammemes] or readings
    first = readings[0]
    if first.tag.POS in ("NOUN", "ADJF") and word[:1].islower() and \
            any(p.tag.POS == "VERB" and "past" in p.tag.grammemes for p in readings) and \
            all(p.normal_form == first.normal_form for p in readings if p.tag.POS in ("NOUN", "ADJF")) and \
            any("actv" in p.tag.grammemes or "pssv" in p.tag.grammemes for p in readings):
        return "VERB"
    return str(first.tag.POS or "")


VERB_FORMS = {"INFN": "Inf", "GRND": "Conv", "PRTF": "Part", "PRTS": "Part"}


def verb_form(word: str, lang: str) -> str:
    """Universal Dependencies VerbForm of the word's first verbal reading: Fin, Inf, Conv or Part."""
    for parse in parses(word, lang):
        if "infn" in parse.tag.grammemes:
            return "Inf"
        if parse.tag.POS in VERB_FORMS or parse.tag.POS == "VERB":
            return VERB_FORMS.get(parse.tag.POS, "Fin")
    return "Fin"


def can_be(word: str, lang: str, pos: str) -> bool:
    return any(parse.tag.POS == pos for parse in parses(word, lang))


def can_be_plural(word: str, lang: str, kinds: tuple[str, ...]) -> bool:
    """"усі" (a pronoun), "сторони" (a noun): a word with a plural reading of one of these parts of speech, whatever
    reading the dictionary lists first."""
    return any(parse.tag.POS in kinds and "plur" in parse.tag.grammemes for parse in parses(word, lang))


def personal_pronoun(word: str, lang: str) -> bool:
    """A personal pronoun ("його", "ему"), whatever reading the dictionary lists first."""
    return any(parse.tag.POS == "NPRO" and parse.tag.grammemes & {"3per", "pers"} for parse in parses(word, lang))


def future(word: str, lang: str) -> bool:
    """The first finite reading is a future ("залишать": the dictionary lists a rare infinitive first) and
    none is a present ("перебувають" is first the rare perfective "перебути", but means "are staying")."""
    finite = [p for p in parses(word, lang) if "infn" not in p.tag.grammemes]
    return bool(finite) and "futr" in finite[0].tag.grammemes and \
        not any("pres" in p.tag.grammemes for p in finite)


def plural(word: str, lang: str) -> bool:
    readings = parses(word, lang)
    return bool(readings) and "plur" in readings[0].tag.grammemes


def nominative(word: str, lang: str) -> str:
    """A name word in the nominative, keeping its capitalisation."""
    parse = name_parse(word, lang)
    if parse is None:
        return word
    inflected = parse.inflect({"nomn"})
    base = inflected.word if inflected else parse.normal_form
    return base[:1].upper() + base[1:] if word[:1].isupper() else base
