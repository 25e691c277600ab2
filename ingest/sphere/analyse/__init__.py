"""Linguistic analysis per language: sentences, tokens with lemma, case and (English) dependencies, NER spans.

Models load once per process, on first use.
"""
from __future__ import annotations

from functools import cache

from ..records import Sentence


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
    return _analyser(lang).analyse(text)
