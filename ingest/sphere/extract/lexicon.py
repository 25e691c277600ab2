"""Per-language lexicons (schema/lexicons/<lang>.yaml): event triggers, role frames, modality cues,
titles, prepositions and date words. Data a user can read and extend."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, cached_property

import yaml

from ..analyse import morph
from ..model import ontology
from ..paths import LEXICON_DIR


@dataclass(frozen=True)
class Frame:
    type: str
    words: tuple[frozenset[str], ...]    # trigger words in order, each as written and as lemma
    subject: tuple[str, ...]             # role patterns in order of preference
    object: tuple[str, ...]
    object2: tuple[str, ...] = ()
    object_kind: str = "any"             # any | actor | place | military (an armed group or defence body)
    subject_kind: str = "actor"          # actor | person
    modality: str | None = None          # a trigger that fixes modality (e.g. "seek" -> planned)
    attrs: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Cues:
    """The cue words and phrases of one modality, split so a sentence is searched for all single words at once."""
    words: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]

    @classmethod
    def of(cls, cues) -> Cues:
        folded = [morph.fold(cue).split() for cue in cues]
        return cls(frozenset(parts[0] for parts in folded if len(parts) == 1),
                   tuple(tuple(parts) for parts in folded if len(parts) > 1))

    def found_in(self, words: list[str], keys: list[frozenset[str]]) -> bool:
        """Whether a cue occurs among tokens with these folded texts and keys (a phrase word matches either)."""
        if any(not self.words.isdisjoint(k) for k in keys):
            return True
        return any(all(parts[n] in keys[i + n] or parts[n] == words[i + n] for n in range(len(parts)))
                   for parts in self.phrases for i in range(len(words) - len(parts) + 1))


@dataclass(frozen=True)
class Lexicon:
    lang: str
    frames: dict[str, list[Frame]]       # first trigger lemma -> frames
    place_prepositions: frozenset[str]
    place_nouns: frozenset[str]          # "столица Триполи": the city itself
    vessels: frozenset[str]              # "фрегат «Адмирал Горшков»": the quoted name after it is a ship's
    combining_forms: dict[str, str]      # "франко-", "sino-": first parts of paired demonyms not made from an adjective
    location_prepositions: frozenset[str]
    coordinators: frozenset[str]
    correlatives: dict[str, tuple[str, ...]]   # "как" -> ("так", "и"): paired conjunctions
    relative_pronouns: frozenset[str]    # lemmas: "который", "який", "which"
    purpose_words: frozenset[str]        # "чтобы": its infinitive clause shares the main subject
    question_particles: frozenset[str]   # "встречался ли Путин": the verb before it is asked about, not told
    future_auxiliaries: frozenset[str]   # "will": the verb after it is a future
    object_control: frozenset[str]       # "позволить", "допомогти": their dative does the infinitive after them
    accusation_links: frozenset[str]     # "accused X of ...", "обвинил X в ...": the act named is the accused's
    speech_links: frozenset[str]         # "что": a reported clause with no subject of its own is the speaker's
    clause_words: frozenset[str]         # "однако", "while": another clause begins
    between_prepositions: frozenset[str]
    reason_prepositions: frozenset[str]  # "за помощь": a noun trigger there is not the clause subject's act
    initiative: tuple[tuple[str, ...], ...]   # "по инициативе X": X began the call or meeting
    purpose_prepositions: frozenset[str]  # "планы России по созданию базы": Russia's act
    negations: frozenset[str]
    denials: frozenset[str]              # "отрицать", "deny": a sentence that only denies repeats the claim before it
    modality: dict[str, Cues]            # modality -> cue lemmas (single words or phrases)
    titles: dict[tuple[str, ...], str]   # title lemmas -> English role
    possessive_pronouns: dict[str, str]  # "his" -> person, "its" -> state: whose the noun after it is
    state_pronouns: frozenset[str]       # "it" as a subject: the state or organisation named last
    pronouns: frozenset[str]             # third-person subject pronouns that stand for a named person
    object_pronouns: frozenset[str]      # "him", "ему", "йому": a person named before, not the clause's subject
    regions: dict[tuple[str, ...], str]  # compass words before a country -> "Eastern" of "Eastern Libya"
    demonstratives: frozenset[str]       # "это заявление": with a statement noun, its author named last
    statements: frozenset[str]
    possessives: frozenset[str]          # "his", "його": with a firm noun after it, the owner stands for the firm
    firms: frozenset[str]
    country_nouns: frozenset[str]        # "в стране", "in the country": the country the sentence or text is about
    pair_nouns: frozenset[str]           # "двух стран", "the two leaders": after a pair numeral, the two parties
    pair_numerals: frozenset[str]        # "две страны", "the two": a pair of parties
    sides: frozenset[str]                # "стороны": alone, in the plural, the two parties just reported
    governments: frozenset[str]          # "Orban's government", "правительство Орбана": the leader's state
    forces: frozenset[str]               # "Haftar's forces": nouns for the armed body a leader commands
    quantities: frozenset[str]           # "тысячи", "несколько": a genitive after them heads a subject or object
    approximators: frozenset[str]        # "около двух тысяч": a preposition that only rounds the number after it
    ranks: frozenset[str]                # "генерал-майор": a word of a person's name phrase that is no office
    leadership: tuple[tuple[str, ...], ...]   # "под руководством": the person after it leads the body before it
    months: dict[str, int]
    weekdays: dict[str, int]
    time_nouns: frozenset[str]           # "год", "рік": with months and weekdays, words that end a noun phrase
    relative: dict[str, dict]            # phrase -> {"days": -1} / {"months": -1} / {"years": -1} / {"weekday_past": true}
    defaults: dict

    @cached_property
    def office_words(self) -> frozenset[str]:
        """Every word of a title or rank ("министр", "обороны", "генерал"): words of how a person is named."""
        return frozenset(word for words in self.titles for word in words) | self.ranks

    @cached_property
    def request_words(self) -> frozenset[str]:
        """The first words of the triggers of requests and demands ("призвать", "urge")."""
        return frozenset(w for frames in self.frames.values() for f in frames
                         if dict(f.attrs).get("mode") in ("request", "demand") for w in f.words[0])

    def coordinator_in(self, tokens) -> bool:
        """A coordinator among the tokens, or a two-word one ("а также") opening them."""
        words = [morph.fold(t.text) for t in tokens]
        return any(w in self.coordinators for w in words) or " ".join(words[:2]) in self.coordinators


def _fold_words(text: str) -> tuple[str, ...]:
    return tuple(morph.fold(w) for w in text.split())


def _folded_set(raw: dict, key: str) -> frozenset[str]:
    return frozenset(morph.fold(w) for w in raw.get(key, []))


def _trigger_words(text: str, lang: str) -> tuple[frozenset[str], ...]:
    """Each trigger word as written and as its lemma, so "военная база" finds "военной базы"."""
    if lang == "en":
        return tuple(frozenset({w}) for w in _fold_words(text))
    return tuple(frozenset({w, morph.lemma(w, lang)}) for w in _fold_words(text))


class _UniqueKeyLoader(yaml.SafeLoader):
    """A lexicon entry written twice would silently replace the first; say so instead."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise ValueError(f"{node.start_mark.name}: line {key_node.start_mark.line + 1}: {key!r} is listed twice")
            seen.add(key)
        return super().construct_mapping(node, deep)


def _check_patterns(lang: str, trigger, spec: dict) -> None:
    for role in ("subject", "object", "object2"):
        for pattern in spec.get(role, []):
            if not isinstance(pattern, str):
                raise ValueError(f"lexicons/{lang}.yaml: trigger {trigger!r}: {role} pattern {pattern!r} is not text "
                                 "(quote YAML words such as \"on\", \"no\", \"yes\")")


def _triggers(raw: dict) -> Iterator[tuple[str, dict | list]]:
    """The lexicon's triggers; every verb with every noun of each combination ("направить" with "войска",
    "инструктор", ...: one frame for them all); and the verbs of being somewhere ("находиться", "are
    stationed"), which with armed personnel as their subject are a deployment to the place named (ANNOTATION
    decision 14: presence is DEPLOY)."""
    yield from raw["triggers"].items()
    for combination in raw.get("combinations", []):
        for verb in combination["verbs"]:
            for noun in combination["nouns"]:
                yield f"{verb} {noun}", combination["frame"]
    presence = raw.get("presence") or {}
    for verb in presence.get("verbs", []):
        yield verb, {"type": "DEPLOY", "object": presence.get("object", []), "object_kind": "place",
                     "subject_kind": "personnel"}


@cache
def lexicon(lang: str) -> Lexicon:
    with open(LEXICON_DIR / f"{lang}.yaml", encoding="utf-8") as fh:
        raw = yaml.load(fh, Loader=_UniqueKeyLoader)
    defaults = raw.get("defaults", {})
    frames: dict[str, list[Frame]] = {}
    for trigger, specs in _triggers(raw):
        for spec in specs if isinstance(specs, list) else [specs]:
            words = _trigger_words(str(trigger), lang)
            _check_patterns(lang, trigger, spec)
            event_type = ontology().event_types[spec["type"]]
            frame = Frame(
                type=spec["type"], words=words,
                subject=tuple(spec.get("subject", defaults.get("subject", []))),
                object=tuple(spec.get("object", defaults.get("object", []))),
                object2=tuple(spec.get("object2", [])),
                object_kind=spec.get("object_kind", event_type.get("object_kind", "actor")),
                subject_kind=spec.get("subject_kind", event_type.get("subject_kind", "actor")),
                modality=spec.get("modality"),
                attrs=tuple(sorted((spec.get("attrs") or {}).items())),
            )
            for key in words[0]:
                frames.setdefault(key, []).append(frame)
    return Lexicon(
        lang=lang,
        frames=frames,
        place_prepositions=frozenset(raw.get("place_prepositions", [])),
        place_nouns=frozenset(raw.get("place_nouns", [])),
        vessels=_folded_set(raw, "vessels"),
        combining_forms={morph.fold(k): f"country:{v}" for k, v in raw.get("combining_forms", {}).items()},
        location_prepositions=frozenset(raw.get("location_prepositions", [])),
        coordinators=frozenset(raw.get("coordinators", [])),
        correlatives={morph.fold(k): _fold_words(v) for k, v in raw.get("correlatives", {}).items()},
        relative_pronouns=_folded_set(raw, "relative_pronouns"),
        purpose_words=_folded_set(raw, "purpose_words"),
        question_particles=_folded_set(raw, "question_particles"),
        future_auxiliaries=_folded_set(raw, "future_auxiliaries"),
        object_control=_folded_set(raw, "object_control"),
        speech_links=_folded_set(raw, "speech_links"),
        accusation_links=_folded_set(raw, "accusation_links"),
        clause_words=_folded_set(raw, "clause_words"),
        between_prepositions=frozenset(raw.get("between_prepositions", [])),
        reason_prepositions=frozenset(raw.get("reason_prepositions", [])),
        initiative=tuple(_fold_words(k) for k in raw.get("initiative", [])),
        purpose_prepositions=frozenset(raw.get("purpose_prepositions", [])),
        negations=frozenset(raw.get("negations", [])),
        denials=_folded_set(raw, "denials"),
        modality={k: Cues.of(v) for k, v in raw.get("modality", {}).items()},
        titles={_fold_words(k): v for k, v in raw.get("titles", {}).items()},
        pronouns=_folded_set(raw, "pronouns"),
        object_pronouns=_folded_set(raw, "object_pronouns"),
        state_pronouns=_folded_set(raw, "state_pronouns"),
        possessive_pronouns={morph.fold(k): v for k, v in raw.get("possessive_pronouns", {}).items()},
        regions={_fold_words(k): v for k, v in raw.get("regions", {}).items()},
        demonstratives=_folded_set(raw, "demonstratives"),
        statements=_folded_set(raw, "statements"),
        possessives=_folded_set(raw, "possessives"),
        firms=_folded_set(raw, "firms"),
        country_nouns=_folded_set(raw, "country_nouns"),
        pair_nouns=_folded_set(raw, "pair_nouns"),
        pair_numerals=_folded_set(raw, "pair_numerals"),
        sides=_folded_set(raw, "sides"),
        forces=_folded_set(raw, "forces"),
        governments=_folded_set(raw, "governments"),
        ranks=_folded_set(raw, "ranks"),
        quantities=_folded_set(raw, "quantities"),
        approximators=_folded_set(raw, "approximators"),
        leadership=tuple(_fold_words(k) for k in raw.get("leadership", [])),
        months={morph.fold(k): v for k, v in raw.get("months", {}).items()},
        time_nouns=_folded_set(raw, "time_nouns"),
        weekdays={morph.fold(k): v for k, v in raw.get("weekdays", {}).items()},
        relative={morph.fold(k): v for k, v in raw.get("relative_dates", {}).items()},
        defaults=defaults,
    )


def token_keys(token) -> frozenset[str]:
    """Every form a lexicon word may match in a token: normal forms, lemma and the folded text.

    Kept in the token's features after the first call: the rules ask for them many times per token.
    """
    keys = token.feats.get("keys")
    if keys is None:
        keys = token.feats["keys"] = token.feats.get("nf", frozenset()) | {token.lemma, morph.fold(token.text)}
    return keys
