"""One article in, one Extraction out: language, analysis, mentions, surname linking, events."""
from __future__ import annotations

from collections import Counter

from ..analyse import analyse
from ..language import LANGUAGES, detect_language
from ..records import Article, Extraction
from ..resolve.persons import link_surnames, surname_mentions
from .datelines import dateline_spans, outside_datelines
from .denials import denial_echoes
from .events import EventExtractor
from .mentions import MentionFinder
from .pairs import pair_mentions
from .pronouns import resolve_pronouns


def extract_article(article: Article) -> Extraction:
    lang = article.lang if article.lang in LANGUAGES else detect_language(article.text)
    sentences = analyse(article.text, lang)
    finder = MentionFinder(lang)
    datelines = dateline_spans(article.text)
    mentions = [outside_datelines(sentence, finder.find(sentence, k), datelines) for k, sentence in enumerate(sentences)]
    link_surnames(finder.entities, mentions)
    surname_mentions(sentences, mentions, finder.entities)
    extractor = EventExtractor(lang)
    mentions = resolve_pronouns(sentences, mentions, finder.entities, extractor.lex)
    for sentence, sentence_mentions in zip(sentences, mentions):
        extractor.titles.affiliations(sentence, sentence_mentions, finder.entities)   # office holders, for titles
    events = []
    for index, (sentence, sentence_mentions) in enumerate(zip(sentences, mentions)):
        found = extractor.extract(sentence, sentence_mentions, finder.entities, article.published, datelines)
        paired = pair_mentions(sentence, index, sentence_mentions, events, found, finder.entities, extractor.lex)
        if paired is not sentence_mentions:
            found = extractor.extract(sentence, paired, finder.entities, article.published, datelines)
        events += found
    events += denial_echoes(sentences, mentions, events, finder.entities, extractor.lex, extractor.titles.state_of)
    events = events_once(events)
    counts = Counter(m.role_hint if m.role_hint and (m.sentence, m.i, m.j) in extractor.reread else m.entity_id
                     for sentence_mentions in mentions for m in sentence_mentions)   # a capital read as its state
    return Extraction(
        article=article,
        lang=lang,
        entities=_named(finder.entities, counts, events),
        events=events,
        mention_counts=dict(counts),
        sha256=article.sha256,
    )


def _named(entities: dict, counts: Counter, events: list) -> dict:
    """The entities a mention or an event still names: a dateline's city is neither, nor a capital every mention of
    which stood for its state ("В Москве заявили")."""
    used = set(counts) | {e for event in events for e in (event.subject, event.object, event.object2, event.location)}
    return {key: entity for key, entity in entities.items() if key in used}


def events_once(events: list) -> list:
    """One event per real-world event: an affiliation is a standing fact, kept as first stated; any other event
    told again with the same parties and modality ("Стороны договорились..." after the agreement) is kept once,
    with the first date the document gives it, unless the two give different dates."""
    kept: dict[tuple, object] = {}
    for event in events:
        key = (event.type, event.subject, event.object) if event.type == "AFFILIATION" else \
            (event.type, event.subject, event.object, event.object2, event.modality)
        if key in kept and None not in (kept[key].date, event.date) and kept[key].date != event.date:
            key += (event.date,)        # another date is another event ("signed in 2019 ... signed again in 2024")
        first = kept.setdefault(key, event)
        if first is not event and first.date is None and event.date is not None and event.type != "AFFILIATION":
            first.date = event.date
    return list(kept.values())
