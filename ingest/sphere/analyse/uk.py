"""Ukrainian: razdel segmentation and pymorphy3's Ukrainian dictionary (no offline uk NER exists).

Person candidates are runs of capitalised words that the dictionary knows as first names or surnames.
"""
from __future__ import annotations

from razdel import sentenize, tokenize

from ..records import Sentence, Token
from . import morph

POS_MAP = {"NOUN": "NOUN", "ADJF": "ADJ", "ADJS": "ADJ", "VERB": "VERB", "INFN": "VERB", "PREP": "ADP",
           "CONJ": "CCONJ", "PRCL": "PART", "NPRO": "PRON", "ADVB": "ADV", "NUMR": "NUM", "GRND": "VERB",
           "PRTF": "VERB", "PRTS": "VERB"}


# pymorphy3 tags every conjunction CONJ; these open a subordinate clause (Universal Dependencies SCONJ).
SUBORDINATORS = {"що", "щоб", "коли", "якщо", "хоча", "бо", "оскільки", "поки", "ніби", "наче", "якби", "аби"}


# a capitalised preposition or conjunction opening a sentence ("В Азербайджані") starts no name
FUNCTION_POS = {"ADP", "CCONJ", "SCONJ", "PART", "PRON"}


class UkrainianAnalyser:
    lang = "uk"

    def analyse_paragraphs(self, paragraphs: list[str]) -> list[list[Sentence]]:
        return [self._analyse(paragraph) for paragraph in paragraphs]

    def _analyse(self, text: str) -> list[Sentence]:
        sentences = []
        for sent in sentenize(text):
            tokens = tuple(self._token(sent.start + start, sent.start + stop, word)
                           for start, stop, word in _words(sent.text))
            sentences.append(Sentence(sent.text, sent.start, sent.stop, self.lang, tokens, _person_spans(tokens)))
        return sentences

    def _token(self, start: int, end: int, text: str) -> Token:
        feats = {"cases": morph.cases(text, self.lang), "nf": morph.normal_forms(text, self.lang)}
        tag = morph.pos(text, self.lang)
        pos = "PUNCT" if not any(ch.isalnum() for ch in text) else POS_MAP.get(tag, "X")
        if morph.fold(text) in SUBORDINATORS:
            pos = "SCONJ"
        elif morph.fold(text) in morph.ENCLITICS:
            pos = "PART"
        elif _preposition_reading(text, pos, self.lang):
            pos = "ADP"
        elif pos == "NOUN" and text.islower() and morph.personal_pronoun(text, self.lang):
            pos = "PRON"        # "його" is "him" before it is "yoga"
        if pos == "ADJ" and morph.passive_participle(text, self.lang):
            feats["VerbForm"], feats["Voice"] = "Part", "Pass"
        if pos == "VERB":
            feats["VerbForm"] = morph.verb_form(text, self.lang)
            if morph.future(text, self.lang):
                feats["Tense"] = "Fut"
        elif pos == "NOUN" and morph.plural(text, self.lang):
            feats["Number"] = "Plur"
        if text[:1].isupper() and pos in ("NOUN", "X"):
            pos = "PROPN"
        return Token(text, start, end, morph.lemma(text, self.lang), pos, feats)


def _words(text: str) -> list[tuple[int, int, str]]:
    """razdel's tokens, with a word split at an apostrophe joined again ("прем'єр-міністр", "перемир’я")."""
    words: list[tuple[int, int, str]] = []
    for t in tokenize(text):
        if len(words) >= 2 and words[-1][2] in morph.APOSTROPHE_MARKS and words[-2][1] == words[-1][0] and \
                words[-1][1] == t.start and words[-2][2][-1:].isalpha() and t.text[:1].isalpha():
            words.pop()
            start = words[-1][0]
            words[-1] = (start, t.stop, text[start:t.stop])
        else:
            words.append((t.start, t.stop, t.text))
    return words


def _preposition_reading(text: str, pos: str, lang: str) -> bool:
    """"проти", "біля" (adverbs), "на" (a particle), "до" (also the note): before a noun they are prepositions;
    a comparative ("Раніше Путін заявив", an adverb made from an adjective) stays an adverb."""
    function_word = pos in ("ADV", "PART") or (pos == "NOUN" and len(text) <= 2)
    return function_word and morph.can_be(text, lang, "PREP") and not morph.can_be(text, lang, "ADJF")


def _person_spans(tokens: tuple[Token, ...]) -> tuple[tuple[int, int, str], ...]:
    spans, i = [], 0
    while i < len(tokens):
        j = i
        while j < len(tokens) and tokens[j].text[:1].isupper() and tokens[j].pos not in FUNCTION_POS and \
                morph.name_parse(tokens[j].text, "uk"):
            j += 1
        if j > i and j < len(tokens) and tokens[j].text[:1].isupper() and tokens[j].text.isalpha() \
                and tokens[j].feats.get("nf") and not morph.pos(tokens[j].text, "uk") == "VERB":
            j += 1      # a surname the dictionary does not know, after a known first name
        if j > i:
            spans.append((i, j, "PER"))
            i = j
        else:
            i += 1
    return tuple(spans)
