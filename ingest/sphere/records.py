"""Typed records passed between the pipeline stages: read -> analyse -> extract -> resolve -> write."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Article:
    """One input document as read from disk, before any analysis."""

    doc: str                      # file name, or the JSON Lines record's id
    text: str
    source: str                   # path it came from
    title: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date of the document, when known
    lang: str | None = None       # language hint from the input, if any
    identity: str | None = None   # lasting name: path under the ingested folder, or the JSON Lines id (default: doc)

    @property
    def lasting_name(self) -> str:
        """What names the document across its versions: a new text under it replaces the old one."""
        return self.identity or self.doc

    @property
    def sha256(self) -> str:
        """The content hash: a document's identity, so the same text under two names is one document."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Token:
    text: str
    start: int                    # character offsets in the document
    end: int
    lemma: str
    pos: str = ""
    feats: dict = field(default_factory=dict, hash=False, compare=False)
    head: int = -1                # index of the head token within the sentence, -1 for root/unknown
    dep: str = ""


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int
    lang: str
    tokens: tuple[Token, ...]
    ner: tuple[tuple, ...] = ()   # (i, j, label[, normal form]): token span [i, j) labelled PER/LOC/ORG/NORP

    def span_text(self, i: int, j: int) -> str:
        """The exact text of tokens [i, j)."""
        return self.text[self.tokens[i].start - self.start:self.tokens[j - 1].end - self.start]


@dataclass
class Entity:
    """A canonical actor or place with the surface forms seen for it."""

    id: str
    name: str
    kind: str                     # PERSON, ORGANIZATION, COUNTRY, GROUP or PLACE
    country: str | None = None
    aliases: set[str] = field(default_factory=set)
    lat: float | None = None
    lon: float | None = None

    @property
    def is_place(self) -> bool:
        return self.kind == "PLACE"


@dataclass(frozen=True)
class Mention:
    """An entity found in a sentence: token span [i, j) and the entity it resolves to."""

    sentence: int
    i: int
    j: int
    entity_id: str
    surface: str
    role_hint: str = ""           # a capital or seat: the id of its other reading (government <-> place)
    personnel: bool = False       # troops, instructors, servicemen standing for their state ("российские военные")
    partner: str = ""             # "стороны", "the two": the other party of the pair this mention stands for


@dataclass
class Event:
    type: str
    subject: str                  # entity id
    object: str | None
    sentence: str
    start: int                    # sentence offsets in the document
    end: int
    lang: str
    object2: str | None = None
    location: str | None = None
    date: str | None = None
    modality: str = "asserted"
    confidence: float = 0.5
    attrs: dict = field(default_factory=dict)
    quote: str = ""               # the trigger words that carry the event


@dataclass
class Extraction:
    article: Article
    lang: str
    entities: dict[str, Entity]
    events: list[Event]
    mention_counts: dict[str, int]
    sha256: str
