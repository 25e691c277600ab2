"""Dates in a sentence: absolute (13 января, December 2018, 2011) and relative to the document date."""
from __future__ import annotations

import re
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from ..analyse import morph
from ..records import Sentence
from .lexicon import Lexicon, token_keys
from .spans import future_near

YEAR = re.compile(r"^(19|20)\d\d$")


def find_date(sentence: Sentence, lex: Lexicon, published: str | None) -> tuple[str | None, str | None]:
    """(ISO date or None, the raw date words or None)."""
    words = [t.text for t in sentence.tokens]
    low = [morph.fold(w) for w in words]
    lemmas = [t.lemma for t in sentence.tokens]
    doc_date = _parse_iso(published)
    for i, word in enumerate(low):
        month = lex.months.get(word) or next((lex.months[k] for k in token_keys(sentence.tokens[i])
                                              if k in lex.months), None)
        if month and word.isalpha() and (lex.lang != "en" or words[i][:1].isupper()):   # not the verb "may"
            day = int(words[i - 1]) if i > 0 and words[i - 1].isdigit() and int(words[i - 1]) <= 31 else None
            if day is None and i + 1 < len(words) and words[i + 1].isdigit() and int(words[i + 1]) <= 31:
                day = int(words[i + 1])
            year = next((int(w) for w in words[i + 1:i + 4] if YEAR.match(w)), None)
            text = " ".join(words[max(0, i - 1) if day and words[i - 1].isdigit() else i:i + 1])
            year = year or (doc_date.year if doc_date else None)
            if year is None:
                return None, text
            if day:
                return f"{year:04d}-{month:02d}-{day:02d}", text
            return f"{year:04d}-{month:02d}", text
    for phrase, rule in sorted(lex.relative.items(), key=lambda kv: -len(kv[0].split())):
        found = _find_phrase(low, phrase.split())
        if found is None:
            continue
        end = found + len(phrase.split())
        if "weekday" in rule:
            # "в Нигер в среду": any occurrence of the phrase may be the one before the weekday
            weekday_at = next((k for start in _phrase_starts(low, phrase.split())
                               for k in range(start + len(phrase.split()), min(start + len(phrase.split()) + 2,
                                                                               len(low)))
                               if low[k] in lex.weekdays or lemmas[k] in lex.weekdays), None)
            if weekday_at is None:
                continue
            found = weekday_at - 1
            text = " ".join(words[found:weekday_at + 1])
            weekday = lex.weekdays.get(low[weekday_at], lex.weekdays.get(lemmas[weekday_at]))
            if doc_date is None:
                return None, text
            direction, today = rule["weekday"], False
            if direction == "by_tense":     # "во вторник" in a Tuesday's article is that day
                direction, today = ("next" if future_near(sentence, weekday_at, lex) else "past"), True
            return _weekday(doc_date, weekday, direction, today).isoformat(), text
        text = " ".join(words[found:end])
        if doc_date is None:
            return None, text
        return _shift(doc_date, rule), text
    for i, word in enumerate(words):
        if YEAR.match(word) and i + 1 < len(low) and low[i + 1][:1] in ("г", "р", "y") or (
                YEAR.match(word) and i > 0 and low[i - 1] in ("в", "у", "in", "since", "з", "с")):
            return word, word
    return None, None


def _find_phrase(words: list[str], phrase: list[str]) -> int | None:
    return next(iter(_phrase_starts(words, phrase)), None)


def _phrase_starts(words: list[str], phrase: list[str]) -> list[int]:
    return [i for i in range(len(words) - len(phrase) + 1) if words[i:i + len(phrase)] == phrase]


def _shift(doc_date: date, rule: dict) -> str:
    if "years" in rule:
        year = doc_date.year + rule["years"]
        return f"{year:04d}-{rule['month']:02d}" if "month" in rule else f"{year:04d}"
    if "months" in rule:
        shifted = doc_date + relativedelta(months=rule["months"])
        return f"{shifted.year:04d}-{shifted.month:02d}"
    return (doc_date + timedelta(days=rule.get("days", 0))).isoformat()


def _weekday(doc_date: date, weekday: int, direction: str, today: bool = False) -> date:
    """The weekday after (next) or before (past) the document's date; the date itself when today counts."""
    if direction == "next":
        delta = (weekday - doc_date.weekday()) % 7 or (0 if today else 7)
        return doc_date + timedelta(days=delta)
    delta = (doc_date.weekday() - weekday) % 7 or (0 if today else 7)
    return doc_date - timedelta(days=delta)


def _parse_iso(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
