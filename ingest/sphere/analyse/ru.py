"""Russian: natasha (razdel segmentation, slovnet morphology and NER; models ship inside the wheel)."""
from __future__ import annotations

from natasha import Doc, MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter
from natasha.doc import DocSpan

from ..records import Sentence, Token
from . import morph


class RussianAnalyser:
    lang = "ru"

    def __init__(self):
        self.segmenter = Segmenter()
        self.vocab = MorphVocab()
        embedding = NewsEmbedding()
        self.morph_tagger = NewsMorphTagger(embedding)
        self.ner_tagger = NewsNERTagger(embedding)

    def analyse_paragraphs(self, paragraphs: list[str]) -> list[list[Sentence]]:
        docs = [Doc(paragraph) for paragraph in paragraphs]
        for doc in docs:
            doc.segment(self.segmenter)
        self._tag_morph([sent for doc in docs for sent in doc.sents])
        self._tag_ner(docs)
        return [self._sentences(doc) for doc in docs]

    def _tag_morph(self, sents) -> None:
        """All sentences of the text in one run of the tagger, in batches of similar length (less padding)."""
        sents = sorted(sents, key=lambda sent: len(sent.tokens))
        for sent, markup in zip(sents, self.morph_tagger.map([[t.text for t in sent.tokens] for sent in sents])):
            for token, tagged in zip(sent.tokens, markup.tokens):
                token.pos, token.feats = tagged.pos, tagged.feats

    def _tag_ner(self, docs) -> None:
        """All paragraphs in one run of the NER model, in batches of similar length (less padding)."""
        docs = sorted(docs, key=lambda doc: len(doc.text))
        for doc, markup in zip(docs, self.ner_tagger.map([doc.text for doc in docs])):
            doc.spans = [DocSpan(start, stop, type, doc.text[start:stop]) for start, stop, type in markup.spans]
            doc.envelop_span_tokens()
            doc.envelop_sent_spans()

    def _sentences(self, doc) -> list[Sentence]:
        sentences = []
        for sent in doc.sents:
            tokens = tuple(self._token(tok, k > 0 and sent.tokens[k - 1].pos == "ADP",
                                       k == 0 or sent.tokens[k - 1].pos in ("PUNCT", "SCONJ"))
                           for k, tok in enumerate(sent.tokens))
            ner = tuple(_token_span(tokens, span, self.vocab) for span in doc.spans
                        if sent.start <= span.start and span.stop <= sent.stop)
            sentences.append(Sentence(sent.text, sent.start, sent.stop, self.lang, tokens,
                                      tuple(s for s in ner if s)))
        return sentences

    def _token(self, tok, after_preposition: bool = False, clause_start: bool = False) -> Token:
        tok.lemmatize(self.vocab)
        feats = dict(tok.feats or {})
        case = feats.get("Case")
        feats["cases"] = frozenset({case}) if case else morph.cases(tok.text, self.lang)
        if case in ("Nom", "Acc") and {"Nom", "Acc"} <= morph.cases(tok.text, self.lang):
            feats["cases"] = frozenset({"Nom", "Acc"})      # "Берлин": one form for both; the tagger only guesses
        if case and after_preposition and morph.indeclinable(tok.text, self.lang):
            feats["cases"] = morph.ALL_CASES                # "в Мали": Acc or Loc, the tagger only guesses
        elif case and clause_start and morph.indeclinable(tok.text, self.lang):
            feats["cases"] = feats["cases"] | {"Nom"}       # "США заморозили": the tagger guesses a genitive
        feats["nf"] = morph.normal_forms(tok.text, self.lang) | {morph.fold(tok.lemma or tok.text)}
        return Token(tok.text, tok.start, tok.stop, morph.fold(tok.lemma or tok.text), tok.pos or "", feats)


def _token_span(tokens: tuple[Token, ...], span, vocab):
    inside = [i for i, t in enumerate(tokens) if t.start >= span.start and t.end <= span.stop]
    if not inside:
        return None
    return inside[0], inside[-1] + 1, span.type, _normal_form(span, vocab)


_normal_forms: dict[tuple, str] = {}     # the same names recur across a corpus; inflecting them is the slow part
NORMAL_FORMS_KEPT = 50_000


def _normal_form(span, vocab) -> str:
    """"Халифы Хафтара" -> "Халифа Хафтар": natasha's normal form, which depends only on the span's words and tags."""
    key = (span.type, span.text, tuple((t.pos, tuple(sorted((t.feats or {}).items()))) for t in span.tokens))
    if key not in _normal_forms:
        if len(_normal_forms) >= NORMAL_FORMS_KEPT:
            _normal_forms.clear()
        span.normalize(vocab)
        _normal_forms[key] = span.normal or span.text
    return _normal_forms[key]
