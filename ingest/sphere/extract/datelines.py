"""Datelines ("NIAMEY, April 12 (Reuters) - ", "МОСКВА, 5 июля — ") name where a report was filed, not an actor
or a place of the events (ANNOTATION decision 7): the names in them are not mentions."""
from __future__ import annotations

import re
from dataclasses import replace

from ..records import Mention, Sentence

DATELINE = re.compile(
    r"^[ \t]*[A-ZА-ЯЁІЇЄҐ][A-ZА-ЯЁІЇЄҐ'’ ./]{2,40}"       # the city (or cities), in capitals
    r"(?:,[^\n\-–—(]{1,30})?"                            # the date
    r"(?:\s*\([^)\n]{1,40}\))?"                          # the agency
    r"\s*[-–—]+\s", re.M)


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the datelines opening the text's paragraphs."""
    return [(m.start(), m.end()) for m in DATELINE.finditer(text) if not m.group(0).strip()[:1].isdigit()]


def outside_datelines(sentence: Sentence, mentions: list[Mention], spans: list[tuple[int, int]]) -> list[Mention]:
    return [m for m in mentions if not _inside(spans, sentence.tokens[m.i].start, sentence.tokens[m.j - 1].end)]


def without_datelines(sentence: Sentence, spans: list[tuple[int, int]]) -> Sentence:
    """The sentence without its dateline's words: the filing date is not the date of the events."""
    kept = tuple(t for t in sentence.tokens if not _inside(spans, t.start, t.end))
    return replace(sentence, tokens=kept) if len(kept) < len(sentence.tokens) else sentence


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in spans)
