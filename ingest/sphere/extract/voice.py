"""Voice: a passive trigger turns its roles around ("оружие поставлено Россией", "were delivered by Russia").

The agent (a Slavic instrumental, an English by-phrase) is the subject; the patient, which the active frame
finds as the direct object, is the grammatical subject of the passive.
"""
from __future__ import annotations

from dataclasses import replace

from ..records import Sentence
from .lexicon import Frame
from .spans import Trigger

# active role pattern -> the pattern that finds the same role in the passive
PASSIVE_SUBJECT = {"nom": "Ins", "nsubj": "agent"}
PASSIVE_OBJECT = {"Acc": "nom", "dobj": "nsubjpass"}


def is_passive(sentence: Sentence, k: int) -> bool:
    """The trigger token k is a passive participle or a passive verb."""
    token = sentence.tokens[k]
    if sentence.lang != "en":
        return token.feats.get("Voice") == "Pass" and token.feats.get("VerbForm") == "Part"
    if token.pos != "VERB":
        return False
    if any(t.head == k and t.dep in ("auxpass", "nsubjpass") for t in sentence.tokens):
        return True
    return token.feats.get("tag") == "VBN" and token.dep == "acl"     # "drones supplied by Iran"


def in_voice(frame: Frame, passive: bool) -> Frame:
    """The frame with its role patterns as the trigger's voice needs them. The active patterns stay as a fallback:
    a frame written for a participle ("связанный с", "адресовано X") already reads it right."""
    if not passive:
        return frame
    return replace(frame, subject=_mapped(frame.subject, PASSIVE_SUBJECT), object=_mapped(frame.object, PASSIVE_OBJECT))


def _mapped(patterns: tuple[str, ...], mapping: dict[str, str]) -> tuple[str, ...]:
    passive = [mapping.get(pattern, pattern) for pattern in patterns]
    return tuple(dict.fromkeys(passive + list(patterns)))


def voiced(sentence: Sentence, trigger: Trigger) -> Trigger:
    """The trigger with its frame read in the voice the sentence gives it."""
    return replace(trigger, frame=in_voice(trigger.frame, is_passive(sentence, trigger.start)))
