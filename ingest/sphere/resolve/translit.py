"""Cyrillic to readable Latin for names (BGN/PCGN-like, English conventions), Russian and Ukrainian."""
from __future__ import annotations

import re

COMMON = {"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ж": "zh", "з": "z", "к": "k", "л": "l", "м": "m",
          "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
          "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ъ": "", "ю": "yu", "я": "ya", "й": "y"}
RU = {**COMMON, "е": "e", "ё": "yo", "и": "i", "ы": "y", "э": "e"}
UK = {**COMMON, "г": "h", "ґ": "g", "е": "e", "є": "ye", "и": "y", "і": "i", "ї": "yi", "щ": "shch"}
WORD_INITIAL = {"е": "ye", "є": "ye", "ї": "yi"}


def transliterate(text: str, lang: str = "ru") -> str:
    table = UK if lang == "uk" else RU
    text = re.sub(r"ий\b", "y", text)
    text = re.sub(r"ИЙ\b", "Y", text)
    out = []
    for i, ch in enumerate(text):
        low = ch.lower()
        prev = text[i - 1] if i else " "
        latin = WORD_INITIAL.get(low) if not prev.isalpha() and low in WORD_INITIAL else table.get(low)
        if latin is None:
            out.append(ch)
        else:
            out.append(latin.capitalize() if ch.isupper() else latin)
    return "".join(out)
