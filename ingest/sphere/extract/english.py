"""English roles from the dependency parse: subjects, objects, agents and prepositional objects of a trigger."""
from __future__ import annotations

from ..records import Mention, Sentence
from .spans import phrase_head

# English role patterns that name a dependency (or a frame reading), not a preposition
ROLE_DEPS = {"nsubj", "nsubjpass", "dobj", "poss", "compound", "npadvmod", "agent", "amod_head", "adj"}


class EnglishRoles:
    """Mixed into the EventExtractor: it reads self._relative_pronoun."""

    def _english_candidates(self, sentence, trigger, pattern, mentions) -> list[Mention]:
        tokens = sentence.tokens
        head = phrase_head(sentence, trigger)
        found = []
        for level in range(4):      # "adopted a package of restrictive measures": the noun, "of", "package", the verb
            for k, tok in enumerate(tokens):
                # "war of aggression against", "froze Russia's assets": a phrase on another word of the trigger
                inner = level == 0 and tok.dep in ("prep", "poss") and tok.head in trigger.words
                if tok.head != head and not inner:
                    continue
                if pattern in ("nsubj", "nsubjpass") and tok.dep in ("nsubj", "nsubjpass"):
                    found.append(k)
                elif pattern == "dobj" and tok.dep in ("dobj", "attr") and level == 0:
                    found.append(k)
                elif pattern in ("poss", "compound", "npadvmod") and tok.dep == pattern and level == 0:
                    found.append(k)
                elif pattern == "agent" and tok.dep == "agent" and level == 0:
                    found += [c for c, child in enumerate(tokens) if child.head == k and child.dep == "pobj"]
                elif tok.dep in ("prep", "dative") and tok.text.lower() == pattern and level == 0:
                    found += [c for c, child in enumerate(tokens) if child.head == k and child.dep == "pobj"]
                elif pattern == "to" and tok.dep == "dative" and tok.pos in ("PROPN", "NOUN", "PRON") and level == 0:
                    found.append(k)         # "granted him asylum", "sold India jets": the bare indirect object
            if not found and level == 0 and pattern not in ROLE_DEPS and tokens[head].pos == "VERB":
                # "signed a deal with Fiji": the phrase hangs on the verb's object
                found = [c for d, obj in enumerate(tokens) if obj.head == head and obj.dep == "dobj"
                         for k, tok in enumerate(tokens) if tok.head == d and tok.dep == "prep"
                         and tok.text.lower() == pattern
                         for c, child in enumerate(tokens) if child.head == k and child.dep == "pobj"]
            if found or pattern not in ("nsubj", "nsubjpass") or tokens[head].head < 0:
                break
            if tokens[head].dep == "acl" and (tokens[head].feats.get("tag") in ("VBG", "VBN") or
                                              _mention_at(tokens, tokens[head].head, mentions)):
                # "the resolution condemning Russia", "troops deployed in Mali", "Sri Lanka's decision to
                # lease": the noun a participle modifies is its subject, not the subject of the clause around
                # it; an infinitive's only when the noun names someone ("a contract to buy" is the signer's)
                found = [tokens[head].head]
                break
            head = tokens[head].head
        if pattern == "amod_head" and tokens[trigger.start].dep == "amod":
            found.append(tokens[trigger.start].head)
        found = [k for k in found if not trigger.start <= k < trigger.end or k not in trigger.words]
        found = [self._english_antecedent(tokens, k) for k in found]
        out = []
        for k in found + [c for k in found for c, child in enumerate(tokens)
                          if child.head == k and child.dep in ("appos", "conj")]:
            m = _mention_at(tokens, k, mentions)
            if m is not None:
                out.append(m)
        return out

    def _english_antecedent(self, tokens, k: int) -> int:
        """"Washington, which imposed ...": the relative pronoun stands for the noun its clause modifies."""
        if self._relative_pronoun(tokens[k]) and 0 <= tokens[k].head and tokens[tokens[k].head].dep == "relcl":
            return tokens[tokens[k].head].head
        return k


def _mention_at(tokens, k: int, mentions) -> Mention | None:
    """The mention at token k, or a name inside the phrase k heads, unless it only modifies it ("UN-backed")."""
    m = next((m for m in mentions if m.i <= k < m.j), None)
    if m is None:
        m = next((m for m in mentions if tokens[k].head >= 0 and m.i <= k and
                  any(tokens[c].head == k for c in range(m.i, m.j)) and
                  not (m.j < len(tokens) and tokens[m.j].text in ("-", "–"))), None)
    return m


def english_prep(sentence: Sentence, m: Mention) -> str | None:
    if m.i == 0:
        return None
    prev = sentence.tokens[m.i - 1]
    if prev.dep == "prep" or prev.pos == "ADP":
        return prev.text.lower()
    if m.i >= 2 and prev.text.lower() == "the" and sentence.tokens[m.i - 2].pos == "ADP":
        return sentence.tokens[m.i - 2].text.lower()
    return None
