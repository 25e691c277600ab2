"""Linguistic analysis per language: sentences, tokens with lemma, case and (English) dependencies, NER spans.

Models load once per process, on first use.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from ..records import Sentence

PARAGRAPH = re.compile(r"[^\n]+")


@cache
def _analyser(lang: str):
    if lang == "ru":
        from .ru import RussianAnalyser
        return RussianAnalyser()
    if lang == "uk":
        from .uk import UkrainianAnalyser
        return UkrainianAnalyser()
    from .en import EnglishAnalyser
    return EnglishAnalyser()


def analyse(text: str, lang: str) -> list[Sentence]:
    """Sentences of the whole text; a line break always ends a sentence (headlines, quotes).

    The paragraphs go to the analyser together, so its models run on batches rather than one line at a time.
    """
    paragraphs = [p for p in PARAGRAPH.finditer(text) if p.group().strip()]
    analysed = _analyser(lang).analyse_paragraphs([p.group() for p in paragraphs])
    return [_shift(s, paragraph.start()) for paragraph, sentences in zip(paragraphs, analysed) for s in sentences]


def _shift(sentence: Sentence, offset: int) -> Sentence:
    if not offset:
        return sentence
    tokens = tuple(replace(t, start=t.start + offset, end=t.end + offset) for t in sentence.tokens)
    return replace(sentence, start=sentence.start + offset, end=sentence.end + offset, tokens=tokens)
