"""What the event rules share: a trigger found in a sentence, and small readings of its tokens and spans."""
from __future__ import annotations

from dataclasses import dataclass

from ..records import Mention, Sentence
from .lexicon import Frame, Lexicon

MAX_ROLE_DISTANCE = 18           # tokens between a trigger and a mention that may fill one of its roles
POSSESSIVE_MARKS = ("'s", "’s", "'", "’")     # "Niger's junta", "Haftar's forces"
QUOTES = {"«", "»", '"', "“", "”", "„", "'"}


@dataclass
class Trigger:
    start: int
    end: int
    frame: Frame
    words: tuple[int, ...] = ()   # the tokens that are trigger words; a multiword trigger may enclose a role
    others: frozenset[int] = frozenset()    # the other triggers' words in the sentence
    other_types: tuple[tuple[int, str], ...] = ()    # (word, event type) of the other triggers' words

    def covers(self, m: Mention) -> bool:
        return any(m.i <= k < m.j for k in self.words or range(self.start, self.end))


def trigger_keys(token) -> frozenset[str]:
    """The forms a trigger word matches in a token: its normal forms and lemma (not its inflected text)."""
    return token.feats.get("nf", frozenset()) | {token.lemma}


def phrase_ends(words: list[str], phrase: tuple[str, ...], lo: int) -> list[int]:
    """Where each occurrence of the phrase in the words, from position lo on, ends."""
    n = len(phrase)
    return [k + n for k in range(lo, len(words) - n + 1) if tuple(words[k:k + n]) == phrase]


def between_tokens(trigger: Trigger, m: Mention) -> tuple[int, int]:
    """The token range between a mention and a trigger, on whichever side the mention is."""
    return (m.j, trigger.start) if m.j <= trigger.start else (trigger.end, m.i)


def span_of(m: Mention) -> tuple[int, int]:
    return m.i, m.j


def finite_verb(token) -> bool:
    return token.pos == "VERB" and token.feats.get("VerbForm", "Fin") == "Fin" and token.feats.get("tag") != "VB"


def phrase_head(sentence: Sentence, trigger: Trigger) -> int:
    """The word of a multiword English trigger whose parent lies outside it ("a security agreement with Fiji":
    "agreement"): the roles hang on it, not on the first word."""
    words = trigger.words or (trigger.start,)
    for k in words:
        parent = sentence.tokens[k].head
        if parent < 0 or parent not in words:
            return k
    return trigger.start


def future_near(sentence: Sentence, k: int, lex: Lexicon) -> bool:
    """Whether the finite verb nearest token k is a future ("во вторник пройдут переговоры", "talks will open on
    Tuesday"): the weekday there is the coming one."""
    tokens = sentence.tokens
    verbs = sorted((abs(i - k), i) for i, t in enumerate(tokens) if finite_verb(t) or t.pos == "AUX")
    return bool(verbs) and future_verb(tokens, verbs[0][1], lex)


def future_verb(tokens, k: int, lex: Lexicon) -> bool:
    """The verb at k is a future: its tense, or a future auxiliary ("will") just before it."""
    return tokens[k].feats.get("Tense") == "Fut" or \
        any(t.text.lower() in lex.future_auxiliaries for t in tokens[max(0, k - 3):k + 1])
