"""Coordination: the mentions joined with a role's first filler ("Путин и Эрдоган", "президент России и канцлер
Германии", "как курдам, ..., так и Израилю")."""
from __future__ import annotations

from ..analyse import morph
from ..records import Mention
from .lexicon import token_keys
from .spans import QUOTES, phrase_ends, span_of


class Coordination:
    """Mixed into the EventExtractor: it reads self.lex, self.all_title_words and the extractor's kind checks."""

    def _coordinated(self, sentence, first: Mention, mentions, used, entities, role, kind) -> list[Mention]:
        """`first` with the mentions coordinated with it, in text order: "Путин и Эрдоган", "Shoigu and Lavrov",
        "президент России и канцлер Германии"."""
        def fits(m: Mention) -> bool:
            return span_of(m) not in used and m is not first and self._kind_ok(entities[m.entity_id], role, kind)

        ordered = sorted(mentions, key=lambda m: m.i)
        # "Лекорню и министр обороны Армении Сурен Папикян": Armenia only names the office of the next conjunct
        offices = {m for m in ordered if span_of(m) in used and any(p.i == m.j for p in mentions)}
        skip = frozenset(k for m in offices for k in range(m.i, m.j))
        group, current = [first], first
        correlative = self._correlative(sentence)
        for m in ordered:
            if m.i < current.j or m in offices:
                continue
            paired = correlative is not None and correlative == (first.i - 1, m.i)
            if not (fits(m) and (paired or self._joined(sentence, current, m, skip))):
                break
            group.append(m)
            current = m
        if len(group) == 2 and correlative == (first.i - 1, group[1].i):
            return group
        current = first
        for m in reversed(ordered):
            if m.j > current.i or m in offices:
                continue
            if not (fits(m) and self._joined(sentence, m, current, skip)):
                break
            group.insert(0, m)
            current = m
        if not any(self.lex.coordinator_in(sentence.tokens[a.j:b.i]) for a, b in zip(group, group[1:])):
            return [first]      # "попередник Мадуро, Уго Чавес": commas alone make an apposition, not a list
        return group

    def _correlative(self, sentence) -> tuple[int, int] | None:
        """Where a paired conjunction opens ("как") and where the conjunct after its second half ("так и") starts."""
        if self._correlative_of[0] is not sentence:
            self._correlative_of = (sentence, self._find_correlative(sentence))
        return self._correlative_of[1]

    def _find_correlative(self, sentence) -> tuple[int, int] | None:
        words = [morph.fold(t.text) for t in sentence.tokens]
        for k, word in enumerate(words):
            second = self.lex.correlatives.get(word)
            end = next(iter(phrase_ends(words[:-1], second, k + 2)), None) if second else None
            if end is not None:
                return k, end
        return None

    def _joined(self, sentence, left: Mention, right: Mention, skip: frozenset[int] = frozenset()) -> bool:
        """Only a coordinator (or a comma in a list) and the right conjunct's own title words (and the state its
        office names, `skip`) lie between."""
        between = [t for k, t in enumerate(sentence.tokens[left.j:right.i], start=left.j)
                   if t.text not in QUOTES and k not in skip]     # "рух «Ансар Аллах»"
        words = [morph.fold(t.text) for t in between]
        lead = 2 if " ".join(words[:2]) in self.lex.coordinators else 1
        if not between or len(between) > 6 or (lead == 1 and words[0] not in self.lex.coordinators | {","}):
            return False
        rest = list(zip(words, between))[lead:]
        if words[0] == ",":
            return all(w in self.lex.coordinators for w, _ in rest)
        return all(w in self.lex.coordinators or t.pos in ("ADP", "ADJ", "DET") or
                   (t.pos in ("NOUN", "PROPN") and token_keys(t) & self.all_title_words) or
                   (t.pos == "NOUN" and len(between) <= 3 and t.text[:1].islower())
                   for w, t in rest)
