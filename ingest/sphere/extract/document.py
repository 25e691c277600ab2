"""One article in, one Extraction out: language, analysis, mentions, surname linking, events."""
from __future__ import annotations

from collections import Counter

from ..analyse import analyse
from ..language import LANGUAGES, detect_language
from ..records import Article, Extraction
from ..resolve.persons import link_surnames
from .events import EventExtractor
from .mentions import MentionFinder
from .pronouns import resolve_pronouns


def extract_article(article: Article) -> Extraction:
    lang = article.lang if article.lang in LANGUAGES else detect_language(article.text)
    sentences = analyse(article.text, lang)
    finder = MentionFinder(lang)
    mentions = [finder.find(sentence, k) for k, sentence in enumerate(sentences)]
    link_surnames(finder.entities, mentions)
    extractor = EventExtractor(lang)
    mentions = resolve_pronouns(sentences, mentions, finder.entities, extractor.lex)
    for sentence, sentence_mentions in zip(sentences, mentions):
        extractor.titles.affiliations(sentence, sentence_mentions, finder.entities)   # office holders, for titles
    events = []
    for sentence, sentence_mentions in zip(sentences, mentions):
        events += extractor.extract(sentence, sentence_mentions, finder.entities, article.published)
    events = _affiliations_once(events)
    counts = Counter(m.entity_id for sentence_mentions in mentions for m in sentence_mentions)
    return Extraction(
        article=article,
        lang=lang,
        entities=finder.entities,
        events=events,
        mention_counts=dict(counts),
        sha256=article.sha256,
    )


def _affiliations_once(events: list) -> list:
    """An affiliation is a standing fact: keep its first statement in the document."""
    seen, kept = set(), []
    for event in events:
        key = (event.subject, event.object)
        if event.type == "AFFILIATION":
            if key in seen:
                continue
            seen.add(key)
        kept.append(event)
    return kept
