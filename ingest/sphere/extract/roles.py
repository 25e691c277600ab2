"""Roles read from Slavic case and prepositions: which mention of a sentence a trigger's role pattern
("nom", "Acc", "с+Ins", "gen_after", "participle_head") names, and the clause, phrase and agreement
checks that keep a role inside the trigger's own clause. English roles come from the parse (english.py)."""
from __future__ import annotations

from ..analyse import morph
from ..records import Mention, Sentence
from .lexicon import token_keys
from .spans import MAX_ROLE_DISTANCE, Trigger, between_tokens, finite_verb

PREP_VARIANTS = {"со": "с", "во": "в", "ко": "к", "изо": "из", "із": "з", "зі": "з", "у": "в", "обо": "о"}
RELATIVE_REACH = 3               # ", вооруженные силы которой": the relative pronoun opens its clause within 3 words
GENITIVE_CHAIN = 5               # tokens of genitive heads and titles between a noun trigger and its actor
PHRASE_ENDS = {",", "—", "–", ":", ";", "(", ")"}     # a noun's phrase does not run past these
AGAINST_OTHERS = {"OPPOSE", "ACCUSE"}     # "осудили удары": what these verbs take as object is someone else's act


class CaseRoles:
    """Mixed into the EventExtractor: it reads self.lang, self.lex, self.date_words and the other mixins'
    checks (coordination's _joined, the English parse's candidates)."""

    @staticmethod
    def _verb_of_its_own(sentence, trigger: Trigger, lo: int, hi: int) -> bool:
        """"Россия и Китай осудили удары": a noun trigger whose subject would reach past a verb of condemning or
        accusing is that verb's object, not the subject's act ("не поддержал санкции" keeps its subject)."""
        if sentence.tokens[trigger.start].pos != "NOUN":
            return False
        verbs = [k for k, event_type in trigger.other_types
                 if lo <= k < hi and event_type in AGAINST_OTHERS and finite_verb(sentence.tokens[k])]
        # "Иран отверг обвинения в поставках": the act an accusation names is the rejecter's own
        accused = any(verbs and verbs[-1] < k < trigger.start and event_type == "ACCUSE"
                      for k, event_type in trigger.other_types)
        return bool(verbs) and not accused

    def _agrees(self, sentence, trigger: Trigger, m: Mention, mentions) -> bool:
        """A plural verb takes no lone singular subject: in "В Азербайджане обвинили Париж" Paris is the object."""
        tokens = sentence.tokens
        verb = tokens[trigger.start]
        if self.lang == "en" or not finite_verb(verb) or not self._plural(verb) or m.partner:
            return True
        if any(self._plural(t) for t in tokens[m.i:m.j] if t.pos in ("NOUN", "PROPN", "ADJ")):
            return True
        if any(not t.text[:1].isalpha() or t.pos in ("PROPN", "X") and len(t.feats.get("cases", ())) >= 5
               for t in tokens[m.i:m.j]):
            return True         # an abbreviation or an indeclinable name says nothing of its number
        return any(self._joined(sentence, m, other) or self._joined(sentence, other, m) for other in mentions
                   if other is not m)

    def _plural(self, tok) -> bool:
        number = tok.feats.get("Number")
        return number == "Plur" if number else morph.plural(tok.text, self.lang)

    def _candidates(self, sentence, trigger, pattern, mentions, role="subject") -> list[Mention]:
        if pattern in ("nom", "nsubj") and (self._in_reason_phrase(sentence, trigger) or
                                            self._in_time_phrase(sentence, trigger)):
            return []
        if self.lang == "en":
            return self._english_candidates(sentence, trigger, pattern, mentions)
        prep, _, case = pattern.rpartition("+")
        out = []
        first_verb = self._first_coordinated_verb(sentence, trigger) if pattern == "nom" else None
        for m in mentions:
            if trigger.covers(m) or (first_verb is not None and m.j > first_verb):
                continue
            lo, hi = self._gap(sentence, trigger, m)
            if first_verb is not None:
                hi = first_verb         # the clause that counts is the first verb's
            if pattern == "nom" and role == "subject" and self._verb_of_its_own(sentence, trigger, lo, hi):
                continue
            distance = max(hi - lo, 0)
            if distance > MAX_ROLE_DISTANCE or (pattern != "gen_after" and self._clause_in(sentence, trigger, lo, hi)):
                continue
            if pattern != "nom" and self._after_comma_of_noun(sentence, trigger, m):
                continue
            at = self._preposition_at(sentence, m)
            governing = self._preposition_word(sentence, at)
            cases = self._cases(sentence, m)
            if pattern == "gen_after":
                ok = "Gen" in cases and self._genitive_of(sentence, trigger, m)
            elif pattern == "participle_head":
                ok = governing is None and self._participle_head(sentence, trigger, m, cases)
            elif pattern == "nom":
                ok = "Nom" in cases and governing is None and self._agrees(sentence, trigger, m, mentions) and \
                    not (m.i >= trigger.end and "Acc" in cases and "Acc" in trigger.frame.object) and \
                    not (m.i >= trigger.end and any(t.feats.get("VerbForm") == "Conv"
                                                    for t in sentence.tokens[trigger.end:m.i]))
                # "воює проти хуситів, підтримуючи уряд Ємену": a name after a gerund is the gerund's
                # "намерен посетить Каир": after a transitive verb a Nom/Acc form is its object
            elif prep:
                # a phrase between the trigger's words ("построит в Египте АЭС") follows its verb like one after it
                # an owner's genitive may stand before its trigger ("у Китая есть база"), a place phrase not
                ok = governing == PREP_VARIANTS.get(prep, prep) and case in cases and (
                    m.i > trigger.start or (role == "subject" and case == "Gen") or
                    prep not in self.lex.place_prepositions or self._fronted_goal(
                        sentence, trigger, case)) and \
                    at not in trigger.others and \
                    not (m.i >= trigger.end and self._slot_taken(sentence, trigger, governing, at, mentions))
                # "связанный с X": the preposition is that trigger's
            else:
                ok = case in cases and governing is None and m.i > trigger.start and \
                    not (case == "Acc" and self._object_noun_before(sentence, trigger, m, mentions))
            if ok:
                after = pattern == "nom" and m.i >= trigger.end
                out.append(((after, distance), m))
        ranked = [m for _, m in sorted(out, key=lambda x: x[0])]
        if pattern == "nom" and not any(m.j <= trigger.start for m in ranked):
            ranked = self._group_leaders(sentence, trigger, mentions) + ranked
        if pattern == "nom":
            antecedent = self._relative_antecedent(sentence, trigger, mentions)
            if antecedent is not None:
                ranked = [antecedent] + [m for m in ranked if m is not antecedent]
        return ranked

    @staticmethod
    def _object_noun_before(sentence, trigger: Trigger, m: Mention, mentions) -> bool:
        """"обвинила сербские предприятия в поставках ... через третьи страны — Чехию": a verb's direct object is
        the first noun after it in that case; a name further on belongs to something else, and so does one after an
        infinitive ("пригласил коллегу посетить Эр-Рияд")."""
        tokens = sentence.tokens
        if any(t.feats.get("VerbForm") == "Inf" for t in tokens[trigger.end:m.i]):
            return True
        if tokens[trigger.start].pos != "VERB":
            return False
        for k in range(trigger.end, m.i):
            tok = tokens[k]
            if tok.pos in ("ADP", "PUNCT") or any(x.i <= k < x.j for x in mentions):
                return False
            appositive = all(t.pos in ("ADJ", "PUNCT") for t in tokens[k + 1:m.i])    # "город Гома"
            if tok.pos == "NOUN" and tok.feats.get("Case") == "Acc" and not appositive:
                return True
        return False

    def _slot_taken(self, sentence, trigger: Trigger, preposition: str, at: int, mentions) -> bool:
        """"санкції проти низки компаній, звинувативши їх у війні проти України": the trigger's phrase with this
        preposition is the first one after it (places chain: "в понедельник в Москву"), and what a gerund after it
        governs is the gerund's."""
        tokens = sentence.tokens
        if any(t.feats.get("VerbForm") == "Conv" for t in tokens[trigger.end:at]):
            return True
        if preposition in self.lex.place_prepositions:
            return False
        return any(morph.fold(tokens[k].text) == preposition and not any(m.i <= k + 1 < m.j for m in mentions)
                   for k in range(trigger.end, at))

    def _first_coordinated_verb(self, sentence, trigger: Trigger) -> int | None:
        """"Дуда призвал НАТО усилить фланг и обвинил Минск": a finite verb right after a coordinator shares the
        subject of the finite verb before it, so its subject stands before that verb. Where that verb is."""
        tokens = sentence.tokens
        k = trigger.start
        if not finite_verb(tokens[k]) or k == 0 or morph.fold(tokens[k - 1].text) not in self.lex.coordinators:
            return None
        for j in range(k - 2, -1, -1):
            if tokens[j].text in ",;:" or tokens[j].pos == "SCONJ" or self._relative_pronoun(tokens[j]):
                return None
            if finite_verb(tokens[j]):
                return j
        return None

    @staticmethod
    def _fronted_goal(sentence, trigger: Trigger, case: str) -> bool:
        """"До Нігеру прибула група інструкторів": before a verb, a place phrase in a case of direction (not the
        locative of where something happened, unless the verb is one of being somewhere) is still its goal."""
        presence = trigger.frame.subject_kind == "personnel"      # "в стране находятся российские военные"
        return sentence.tokens[trigger.start].pos == "VERB" and (case != "Loc" or presence)

    def _participle_head(self, sentence, trigger: Trigger, m: Mention, cases: frozenset[str]) -> bool:
        """"сформированного при поддержке ООН ... Правительства": the noun after the trigger that the participle
        right before it modifies, in the participle's case."""
        if trigger.start == 0 or m.i < trigger.end:
            return False
        participle = sentence.tokens[trigger.start - 1]
        if participle.feats.get("VerbForm") != "Part" and not morph.can_be(participle.text, self.lang, "PRTF"):
            return False
        return bool(cases & participle.feats.get("cases", frozenset()))

    def _names_next(self, k: int) -> bool:
        return any(m.i == k for m in self._sentence_mentions)

    def _after_comma_of_noun(self, sentence, trigger: Trigger, m: Mention) -> bool:
        """"посредничество, между Сирией и Израилем остаются разногласия": a noun's phrase ends at a comma."""
        tokens = sentence.tokens
        if tokens[trigger.start].pos != "NOUN" or m.i < trigger.end:
            return False
        for k in range(trigger.end, m.i):
            if tokens[k].text == "," or (tokens[k].text in PHRASE_ENDS and not self._names_next(k + 1)):
                return True         # "баз — Хмеймима и ...": a dash before a name opens an apposition, not a clause
        return False

    def _in_reason_phrase(self, sentence, trigger: Trigger) -> bool:
        """"с благодарностью за помощь", "thanks for its support": the noun is what the thanks are for, not an
        act of the clause's subject."""
        tokens = sentence.tokens
        if tokens[trigger.start].pos != "NOUN":
            return False
        for tok in reversed(tokens[max(0, trigger.start - 3):trigger.start]):
            if tok.pos == "ADP":
                return morph.fold(tok.text) in self.lex.reason_prepositions
            if tok.pos not in ("ADJ", "DET", "PRON"):
                return False
        return False

    def _in_time_phrase(self, sentence, trigger: Trigger) -> bool:
        """"за роки війни", "за годы войны": a noun trigger in the genitive after a time noun only dates the
        clause."""
        tokens = sentence.tokens
        if self.lang == "en":
            return False        # "a two-day trip": an English time word before a noun only modifies it
        k = trigger.start - 1
        while k >= 0 and tokens[k].pos in ("ADJ", "DET"):
            k -= 1
        return tokens[trigger.start].pos == "NOUN" and k >= 0 and bool(token_keys(tokens[k]) & self.lex.time_nouns)

    @staticmethod
    def _genitive_of(sentence: Sentence, trigger: Trigger, m: Mention) -> bool:
        """The mention is the genitive of a noun trigger, directly or through genitive titles and heads
        ("переговоры президента России Владимира Путина", "переговоров руководства ПНС")."""
        if not trigger.end <= m.i <= trigger.end + GENITIVE_CHAIN:
            return False
        return all(t.pos in ("ADJ", "DET") or (t.pos in ("NOUN", "PROPN") and "Gen" in t.feats.get("cases", ()))
                   for t in sentence.tokens[trigger.end:m.i])

    def _separated(self, sentence: Sentence, trigger: Trigger, m: Mention) -> bool:
        return self._clause_in(sentence, trigger, *self._gap(sentence, trigger, m))

    def _gap(self, sentence: Sentence, trigger: Trigger, m: Mention) -> tuple[int, int]:
        """The tokens between the mention and the trigger, past a relative clause hanging on the mention."""
        lo, hi = between_tokens(trigger, m)
        return (self._after_relative_clause(sentence, m, hi), hi) if lo == m.j else (lo, hi)

    def _clause_in(self, sentence: Sentence, trigger: Trigger, lo: int, hi: int) -> bool:
        """A clause boundary (subordinator, contrastive conjunction, relative pronoun) lies in tokens [lo, hi)."""
        infinitive = sentence.tokens[trigger.start].feats.get("VerbForm") == "Inf"
        correlative = self._correlative(sentence)
        for k, tok in enumerate(sentence.tokens[lo:hi], start=lo):
            if correlative and k == correlative[0]:
                continue        # "адресовано как курдам, ..., так и Израилю": "как" opens a pair, not a clause
            if k in trigger.others and tok.pos == "VERB" and token_keys(tok) & self.lex.request_words:
                return True     # "X призвал стороны сесть за стол переговоров": the asked side does what follows
            word = morph.fold(tok.text)
            if infinitive and word in self.lex.purpose_words:
                continue        # "поехал в Москву, чтобы встретиться с ...": the purpose shares the subject
            if tok.pos == "SCONJ" or (tok.pos == "CCONJ" and word not in self.lex.coordinators):
                return True
            if self._relative_pronoun(tok) or token_keys(tok) & self.lex.clause_words or tok.text in ";:":
                return True
        return False

    def _opens_question(self, sentence: Sentence, trigger: Trigger) -> bool:
        """"отказался сообщить, встречался ли Путин с Асадом": a verb with a question particle after it is asked
        about, not told; it makes no event."""
        after = trigger.start + 1
        return after < len(sentence.tokens) and morph.fold(sentence.tokens[after].text) in self.lex.question_particles

    def _relative_pronoun(self, tok) -> bool:
        return bool(token_keys(tok) & self.lex.relative_pronouns)

    def _after_relative_clause(self, sentence: Sentence, m: Mention, hi: int) -> int:
        """Where a relative clause hanging on the mention ends (after its last comma before `hi`), so that the main
        clause goes on past it: "Вашингтон, який ввів ембарго ..., просив", "президенты России и Турции,
        вооруженные силы которой ..., выработали"."""
        tokens = sentence.tokens
        comma = next((k for k in range(m.j, min(hi, m.j + RELATIVE_REACH)) if tokens[k].text == ","), None)
        if comma is None or any(t.pos in ("VERB", "AUX", "PUNCT") for t in tokens[m.j:comma]):
            return m.j          # the comma may follow a conjunct: "президенты России и Турции, ... которой"
        opening = tokens[comma + 1:min(hi, comma + 1 + RELATIVE_REACH)]
        if not any(self._relative_pronoun(t) for t in opening):
            return m.j
        last_comma = max((k for k in range(comma + 2, hi) if tokens[k].text == ","), default=None)
        return last_comma + 1 if last_comma is not None else m.j

    def _preposition(self, sentence: Sentence, m: Mention) -> str | None:
        return self._preposition_word(sentence, self._preposition_at(sentence, m))

    @staticmethod
    def _preposition_word(sentence: Sentence, at: int | None) -> str | None:
        if at is None:
            return None
        word = morph.fold(sentence.tokens[at].text)
        return PREP_VARIANTS.get(word, word)

    def _preposition_at(self, sentence: Sentence, m: Mention) -> int | None:
        """Where the preposition whose phrase the mention heads is; genitive modifiers, adjectives and a common
        noun in apposition ("в ливийском городе Бенгази") may stand between them."""
        tokens = sentence.tokens
        own_cases = self._cases(sentence, m)
        quantified = False
        for k in range(m.i - 1, max(-1, m.i - 7), -1):
            tok = tokens[k]
            word = morph.fold(tok.text)
            if tok.pos == "ADP":
                # "около двух тысяч военных": the word only rounds the number; the phrase governs itself
                return None if quantified and word in self.lex.approximators else k
            quantified = quantified or self._quantity(tok)
            if word in self.lex.coordinators:
                continue
            if tok.pos in ("PUNCT", "VERB", "AUX", "SCONJ", "CCONJ", "PRON") or tok.text in ",;:—–-\"«»":
                return None
            if token_keys(tok) & self.date_words:
                return None
            if tok.pos in ("NOUN", "PROPN") and not self._may_stand_between(tok, k == m.i - 1, own_cases):
                return None
            if m.personnel and token_keys(tok) & self.lex.country_nouns:
                return None     # "вислав із країни французьких військових": troops are no country's apposition
        return None

    def _may_stand_between(self, tok, adjacent: bool, own_cases: frozenset[str]) -> bool:
        cases = tok.feats.get("cases", frozenset())
        if "Gen" in cases and not self._indeclinable(tok):    # "Мадуро": its case says nothing; it ends the phrase
            return True
        keys = token_keys(tok)
        if keys & self.title_words and cases & own_cases:
            return True
        return adjacent and tok.text[:1].islower() and bool(cases & own_cases)

    def _cases(self, sentence: Sentence, m: Mention) -> frozenset[str]:
        span = sentence.tokens[m.i:m.j]
        heads = [t for t in span if t.pos in ("NOUN", "PROPN")] or list(span)
        if m.i and self._indeclinable(heads[0]) and self._common_noun(sentence.tokens[m.i - 1]):
            return frozenset({"Gen"})       # "режим Мадуро": an indeclinable name after a noun is its genitive
        # "бойовиків ІДІЛ": an abbreviation after the head says nothing of the phrase's case
        heads = heads[:1] + [t for t in heads[1:] if not t.text.isupper()]
        cases = frozenset()
        for tok in heads[:1] + heads[-1:]:
            cases = cases | tok.feats.get("cases", frozenset())
        if "Gen" in cases and m.i and self._quantity(sentence.tokens[m.i - 1]):
            cases = cases | {"Nom", "Acc"}     # "около двух тысяч российских военных находятся": the quantity's case
        if "Gen" in cases and (_animate_accusative(heads[0]) or _animate_accusative(heads[-1])):
            # "выслала французских военных", "принял президента Египта": an animate accusative is a genitive
            cases = cases | {"Acc"}
        return cases or frozenset({"Nom", "Gen", "Dat", "Acc", "Ins", "Loc"})

    def _quantity(self, tok) -> bool:
        return tok.pos == "NUM" or tok.text[:1].isdigit() or bool(token_keys(tok) & self.lex.quantities)

    @staticmethod
    def _indeclinable(tok) -> bool:
        return tok.pos == "PROPN" and len(tok.feats.get("cases", ())) >= 5

    def _common_noun(self, tok) -> bool:
        return tok.pos == "NOUN" and tok.text[:1].islower() and not token_keys(tok) & (self.all_title_words |
                                                                                      self.date_words)


def _animate_accusative(tok) -> bool:
    """Animate nouns in the plural, and masculine ones in the singular, have one form for both cases."""
    feats = tok.feats
    return feats.get("Animacy") == "Anim" and (feats.get("Number") == "Plur" or feats.get("Gender") == "Masc")
