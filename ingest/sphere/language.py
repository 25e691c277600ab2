"""Language of a document or sentence: en, ru or uk, from script and letters unique to each language;
the language of each paragraph of a mixed article (a Russian report quoting an English statement);
and the languages Sphere does not read (German, Arabic...), so they are skipped, not read as English."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter

UK_LETTERS = set("іїєґІЇЄҐ")
RU_LETTERS = set("ыэъёЫЭЪЁ")
UK_WORDS = {"це", "що", "та", "як", "від", "був", "була", "було", "які", "який", "яка", "але", "він", "вона",
            "вони", "його", "її", "їх", "до", "із", "зі", "між", "щоб", "коли", "також", "тому", "проте"}
RU_WORDS = {"что", "это", "как", "был", "была", "было", "который", "которая", "которые", "но", "он", "она",
            "они", "его", "ее", "их", "между", "чтобы", "когда", "также", "поэтому", "однако", "и", "с"}
WORD = re.compile(r"\w+")
LANGUAGES = ("en", "ru", "uk")


def detect_language(text: str, default: str = "en") -> str:
    latin, cyrillic = _script_letters(text)
    if latin == 0 and cyrillic == 0:
        return default
    if latin > cyrillic:
        return "en"
    uk, ru = _cyrillic_scores(text)
    return "uk" if uk > ru else "ru"


LATIN = re.compile(r"[A-Za-z]")
CYRILLIC = re.compile("[\u0400-\u04ff]")


def _script_letters(text: str) -> tuple[int, int]:
    """How many Latin (a-z) and Cyrillic letters the text has."""
    return len(LATIN.findall(text)), len(CYRILLIC.findall(text))


def _cyrillic_scores(text: str) -> tuple[int, int]:
    """Evidence for Ukrainian and for Russian: letters only one of them has, and (twice) their own short words."""
    uk = sum(ch in UK_LETTERS for ch in text)
    ru = sum(ch in RU_LETTERS for ch in text)
    words = [w.lower() for w in WORD.findall(text)]
    uk += 2 * sum(w in UK_WORDS for w in words)
    ru += 2 * sum(w in RU_WORDS for w in words)
    return uk, ru


# ---- a language per paragraph ---------------------------------------------------------------------
PARAGRAPH = re.compile(r"[^\n]+")
OWN_SCRIPT_SHARE = 0.8      # of a paragraph's Latin and Cyrillic letters, for it to be in one script...
LEAST_PARAGRAPH_WORDS = 4   # ...with this many words, not numbers ("Photo: Reuters" stays with its article)


def paragraph_languages(text: str, lang: str) -> list[tuple[str | None, int, int]]:
    """(language, start, end) of every non-blank line of the text, for an article in `lang`: a paragraph
    is in another language only when it clearly is (its own script and enough words; a Russian paragraph
    of a Ukrainian article has no letter or word of Ukrainian's own, and the reverse); anything short
    or unclear stays in the article's language. None for a paragraph in a language Sphere does not
    read (a German quote, an Arabic one): it is left unread, not read as English."""
    return [(_paragraph_language(m.group(), lang), m.start(), m.end())
            for m in PARAGRAPH.finditer(text) if m.group().strip()]


def _paragraph_language(paragraph: str, lang: str) -> str | None:
    if sum(not w.isdigit() for w in WORD.findall(paragraph)) < LEAST_PARAGRAPH_WORDS:
        return lang
    if unsupported_language(paragraph):
        return None
    latin, cyrillic = _script_letters(paragraph)
    if latin + cyrillic == 0:
        return lang
    if latin >= OWN_SCRIPT_SHARE * (latin + cyrillic):
        return "en"
    if cyrillic < OWN_SCRIPT_SHARE * (latin + cyrillic):
        return lang
    if lang not in ("ru", "uk"):
        return detect_language(paragraph)
    other = "ru" if lang == "uk" else "uk"
    scores = dict(zip(("uk", "ru"), _cyrillic_scores(paragraph)))
    return other if scores[lang] == 0 and scores[other] > 0 else lang


# ---- languages Sphere does not read ---------------------------------------------------------------
# Words frequent in news of one Latin-script language and never (or rarely) English words, so an
# English article quoting a foreign name or title does not score; and the English ones they compete
# with (none that other languages share: in, a, an, is, to, so...).
ENGLISH_WORDS = {"the", "of", "and", "was", "for", "that", "with", "by", "said", "he", "his", "it", "at",
                 "from", "has", "have", "had", "be", "were", "are", "this", "which", "not", "but", "after",
                 "its", "who", "their", "they", "will", "would", "been", "on"}
OTHER_LATIN_WORDS = {
    "German": {"der", "das", "und", "ist", "nicht", "mit", "den", "dem", "des", "ein", "eine", "einen", "sich",
               "auf", "für", "von", "wurde", "wird", "auch", "nach", "bei", "über", "sie", "hat", "haben",
               "werden", "aus", "als", "noch", "wie", "oder", "aber", "sind", "dass", "zum", "zur", "im"},
    "French": {"le", "la", "les", "des", "du", "et", "est", "une", "dans", "pour", "qui", "que", "sur", "avec",
               "pas", "par", "au", "aux", "ce", "cette", "sont", "été", "ont", "il", "elle", "ne", "se",
               "ses", "leur", "selon"},
    "Spanish": {"los", "las", "del", "y", "es", "una", "por", "con", "para", "que", "se", "su", "sus", "lo",
                "como", "más", "pero", "fue", "han", "está", "entre", "sobre", "según"},
    "Italian": {"il", "gli", "della", "delle", "degli", "di", "è", "che", "non", "una", "sono", "nel",
                "nella", "alla", "dal", "anche", "più", "ha", "questo", "secondo"},
    "Portuguese": {"os", "da", "do", "das", "dos", "em", "não", "uma", "com", "para", "que", "foi", "são",
                   "pelo", "pela", "ao", "mais", "também"},
    "Dutch": {"het", "een", "en", "van", "niet", "op", "met", "voor", "zijn", "dat", "te", "er", "werd",
              "ook", "naar", "bij", "heeft"},
    "Turkish": {"ve", "bir", "bu", "ile", "için", "olarak", "olan", "çok", "daha", "gibi", "ama", "kadar",
                "sonra"},
    "Polish": {"w", "z", "na", "się", "nie", "że", "jest", "od", "po", "przez", "jak", "dla", "oraz", "był",
               "była"},
}
LATIN_SHARE = 0.1          # of all words: a foreign language must be this frequent to count...
LATIN_OVER_ENGLISH = 2     # ...and this many times as frequent as English...
LATIN_LEAST_WORDS = 3      # ...and at least this many of its words (a short title proves nothing)


def unsupported_language(text: str) -> str | None:
    """The name of the language or script of a text Sphere cannot read ("German", "Arabic script"),
    or None for Russian, Ukrainian, English, or text too mixed or short to tell."""
    latin, cyrillic = len(LATIN_OR_ACCENTED.findall(text)), len(CYRILLIC.findall(text))
    total = len(LETTER.findall(text))
    others = total - latin - cyrillic
    if total == 0:
        return None
    if others <= max(latin, cyrillic):      # the common case: counted without naming every letter's script
        script, count = ("CYRILLIC", cyrillic) if cyrillic > latin else ("LATIN", latin)
    else:
        script, count = Counter(_script(ch) for ch in text if ch.isalpha()).most_common(1)[0]
    if script not in ("LATIN", "CYRILLIC"):
        name = script.title() if len(script) > 3 else script
        return f"{name} script" if count > total / 2 else None
    return _latin_language(text) if script == "LATIN" else None


LETTER = re.compile(r"[^\W\d_]")
LATIN_OR_ACCENTED = re.compile("[A-Za-z\u00c0-\u024f]")


def _script(ch: str) -> str:
    if "a" <= ch.lower() <= "z" or "\u00c0" <= ch <= "\u024f":
        return "LATIN"
    if "\u0400" <= ch <= "\u04ff":
        return "CYRILLIC"
    return unicodedata.name(ch, "OTHER").split(" ")[0]


def _latin_language(text: str) -> str | None:
    words = [w.lower() for w in WORD.findall(text)]
    english = sum(w in ENGLISH_WORDS for w in words)
    scores = {lang: sum(w in vocabulary for w in words) for lang, vocabulary in OTHER_LATIN_WORDS.items()}
    lang, score = max(scores.items(), key=lambda kv: kv[1])
    if score >= max(LATIN_LEAST_WORDS, LATIN_SHARE * len(words), LATIN_OVER_ENGLISH * english):
        return lang
    return None
