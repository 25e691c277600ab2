"""Language of a document or sentence: en, ru or uk, from script and letters unique to each language."""
from __future__ import annotations

import re

UK_LETTERS = set("іїєґІЇЄҐ")
RU_LETTERS = set("ыэъёЫЭЪЁ")
UK_WORDS = {"це", "що", "та", "як", "від", "був", "була", "було", "які", "який", "яка", "але", "він", "вона",
            "вони", "його", "її", "їх", "до", "із", "зі", "між", "щоб", "коли", "також", "тому", "проте"}
RU_WORDS = {"что", "это", "как", "был", "была", "было", "который", "которая", "которые", "но", "он", "она",
            "они", "его", "ее", "их", "между", "чтобы", "когда", "также", "поэтому", "однако", "и", "с"}
WORD = re.compile(r"\w+")
LANGUAGES = ("en", "ru", "uk")


def detect_language(text: str, default: str = "en") -> str:
    latin = cyrillic = 0
    uk = ru = 0
    for ch in text:
        if "a" <= ch.lower() <= "z":
            latin += 1
        elif "\u0400" <= ch <= "\u04ff":
            cyrillic += 1
            if ch in UK_LETTERS:
                uk += 1
            elif ch in RU_LETTERS:
                ru += 1
    if latin == 0 and cyrillic == 0:
        return default
    if latin > cyrillic:
        return "en"
    words = [w.lower() for w in WORD.findall(text)]
    uk += 2 * sum(w in UK_WORDS for w in words)
    ru += 2 * sum(w in RU_WORDS for w in words)
    return "uk" if uk > ru else "ru"
