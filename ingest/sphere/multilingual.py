"""Articles in more than one language: each language's paragraphs go to that language's analyser and
extractor, and the results are merged into the one document's extraction.

A part is the article with the other languages' paragraphs blanked out (spaces, line breaks kept), so
every offset, evidence sentence and dateline of a part is the original article's. An article all in
one language is extracted exactly as before, in one piece.
"""
from __future__ import annotations

from dataclasses import replace

from .extract.document import events_once, extract_article
from .language import LANGUAGES, detect_language, paragraph_languages
from .records import Article, Entity, Extraction
from .resolve.names import NameIndex
from .resolve.persons import link_across_documents


def extract_by_language(article: Article) -> Extraction:
    lang = article.lang if article.lang in LANGUAGES else detect_language(article.text)
    parts = language_parts(article.text, lang)
    if parts == [(lang, article.text)]:
        return extract_article(article)
    extractions = [extract_article(replace(article, text=text, lang=part_lang)) for part_lang, text in parts]
    return merge_extractions(article, lang, extractions)


def language_parts(text: str, lang: str) -> list[tuple[str, str]]:
    """(language, the text with only that language's paragraphs left) for each language of the article,
    the article's own language first; paragraphs in a language Sphere does not read are in no part."""
    spans: dict[str, list[tuple[int, int]]] = {lang: []}
    unread = False
    for paragraph_lang, start, end in paragraph_languages(text, lang):
        if paragraph_lang is None:
            unread = True
        else:
            spans.setdefault(paragraph_lang, []).append((start, end))
    if len(spans) == 1 and not unread:
        return [(lang, text)]
    return [(part_lang, _keep_only(text, kept)) for part_lang, kept in spans.items() if kept]


def _keep_only(text: str, kept: list[tuple[int, int]]) -> str:
    """The text with every character outside the kept spans blanked, line breaks kept, so offsets hold."""
    chars = [ch if ch == "\n" else " " for ch in text]
    for start, end in kept:
        chars[start:end] = text[start:end]
    return "".join(chars)


def merge_extractions(article: Article, lang: str, parts: list[Extraction]) -> Extraction:
    """One extraction of the whole article: events in the order of the text, entities met in several
    parts joined (their surface forms united), a surname alone in one language's paragraphs joined to
    the one full name another language's paragraphs give."""
    entities: dict[str, Entity] = {}
    counts: dict[str, int] = {}
    for part in parts:
        for entity_id, entity in part.entities.items():
            if entity_id in entities:
                entities[entity_id].aliases |= entity.aliases
            else:
                entities[entity_id] = entity
        for entity_id, count in part.mention_counts.items():
            counts[entity_id] = counts.get(entity_id, 0) + count
    events = sorted((event for part in parts for event in part.events), key=lambda event: event.start)
    merged = Extraction(article=article, lang=lang, entities=entities, events=events_once(events),
                        mention_counts=counts, sha256=article.sha256)
    full_names = {e.id: e.name for e in entities.values() if e.kind == "PERSON" and len(e.name.split()) > 1}
    link_across_documents([merged], NameIndex(full_names))
    return merged
