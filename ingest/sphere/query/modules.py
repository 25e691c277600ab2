"""Query modules: plain .cypher files in queries/ with a header naming the question and parameters.

A header parameter line is Neo4j Browser's own `:param` command, so a Browser user pastes the
header's parameter lines and then the body:

    // :param actor => 'Khalifa Haftar'   // string: the actor's name, any alias, or id
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import yaml

from ..errors import SphereError
from ..model import ontology
from ..paths import QUERIES_DIR
from ..store.base import GraphStore, QueryResult
from .matching import NoSuchName, locate, read_nodes

_PARAM_LINE = re.compile(r"^//\s*:param\s+(\w+)\s*=>\s*(.+?)\s*//\s*([\w<>]+):\s*(.*)$")
PARAM_TYPES = ("string", "int", "float", "boolean", "list<string>")
DAY = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
COUNTRY_CODE = re.compile(r"[A-Za-z]{2}")


class ModuleError(SphereError, ValueError):
    """A query module that cannot be found, read or bound to the given parameters."""


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: object
    help: str

    def parse(self, text: str) -> object:
        """A CLI value (always text) as this parameter's type."""
        try:
            value = self._typed(text)
        except (ValueError, KeyError) as exc:
            raise ModuleError(f"--param {self.name}: {text!r} is not a {self.type}") from exc
        return self.checked(value)

    def _typed(self, text: str) -> object:
        if self.type == "int":
            return int(text)
        if self.type == "float":
            return float(text)
        if self.type == "boolean":
            return {"true": True, "false": False}[text.strip().lower()]
        if self.type == "list<string>":
            return _parse_list(text)
        return text

    def checked(self, value: object) -> object:
        """A value of the right type that must also mean something: a real day, a known event type."""
        if self.is_date and value not in ("", "9999") and not _is_day(str(value)):
            raise ModuleError(f"--param {self.name}: {value!r} is not a date; use YYYY-MM-DD, YYYY-MM or YYYY")
        if self.name in ("type", "types"):
            return _known(self.name, value, tuple(ontology().event_types), "event type", "event types")
        if self.name == "modalities":
            return _known(self.name, value, ontology().modalities, "modality", "modalities")
        if self.name == "country" and value and not COUNTRY_CODE.fullmatch(str(value)):
            raise ModuleError(f"--param country: {value!r} is not a two-letter ISO code such as RU")
        return value.upper() if self.name == "country" else value

    @property
    def is_date(self) -> bool:
        return "ISO 8601" in self.help

    @property
    def node_labels(self) -> tuple[str, ...]:
        """The node labels a parameter names by name, alias or id: () for other parameters."""
        if self.type != "string" or "name" not in self.help or "alias" not in self.help:
            return ()
        if "place's name" in self.help:
            return ("Place",)
        return ("Actor", "Place") if "place" in self.help else ("Actor",)


@dataclass(frozen=True)
class QueryModule:
    name: str
    title: str
    question: str
    params: tuple[Param, ...]
    body: str
    path: Path

    def bind(self, given: dict[str, str]) -> dict[str, object]:
        known = {p.name: p for p in self.params}
        unknown = sorted(set(given) - set(known))
        if unknown:
            raise ModuleError(f"{self.name} has no parameter {', '.join(unknown)} (it takes {', '.join(known)})")
        return {name: (p.parse(given[name]) if name in given else p.default) for name, p in known.items()}

    def bind_to(self, store: GraphStore, given: dict[str, str]) -> dict[str, object]:
        """bind(), and every actor or place parameter given by the user read as the name of the node
        it matches (any case, accents, script, or a person's surname): see query/matching.py."""
        bound = self.bind(given)
        nodes = {}

        def everyone(labels: tuple[str, ...]) -> list:
            if labels not in nodes:
                nodes[labels] = read_nodes(store, labels)
            return nodes[labels]

        for p in self.params:
            if p.name in given and p.node_labels and bound[p.name]:
                labels = p.node_labels
                what = "place" if labels == ("Place",) else "actor or place" if len(labels) == 2 else "actor"
                try:
                    node = locate(store, labels, str(bound[p.name]), what, lambda: everyone(labels))
                except NoSuchName as exc:
                    raise ModuleError(f"--param {p.name}: {exc}") from exc
                if not node.exact(str(bound[p.name])):
                    bound[p.name] = node.name
        return bound

    def run(self, store: GraphStore, given: dict[str, str] | None = None) -> QueryResult:
        return store.run_module(self.body, self.bind_to(store, given or {}))


def _is_day(text: str) -> bool:
    if not DAY.fullmatch(text):
        return False
    parts = [int(p) for p in text.split("-")]
    try:
        date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
        return True
    except ValueError:
        return False


def _known(name: str, value, allowed: tuple[str, ...], what: str, plural: str):
    """A value (or list of values) among the allowed ones, matched case-insensitively."""
    by_fold = {a.casefold(): a for a in allowed}
    values = value if isinstance(value, list) else [value]
    unknown = [v for v in values if str(v).casefold() not in by_fold]
    if unknown:
        raise ModuleError(f"--param {name}: no {what} {', '.join(map(str, unknown))}; "
                          f"the {plural} are {', '.join(allowed)}")
    known = [by_fold[str(v).casefold()] for v in values]
    return known if isinstance(value, list) else known[0]


def _parse_list(text: str) -> list[str]:
    text = text.strip()
    if text.startswith("["):
        value = json.loads(text)
        if not isinstance(value, list):
            raise ValueError(text)
        return [str(v) for v in value]
    return [part.strip() for part in text.split(",") if part.strip()]


def parse_module(path: Path) -> QueryModule:
    lines = path.read_text(encoding="utf-8").splitlines()
    header = [line for line in _leading_comments(lines)]
    if not header:
        raise ModuleError(f"{path}: no header comment")
    title = header[0].lstrip("/ ").strip()
    question, params = [], []
    for line in header[1:]:
        match = _PARAM_LINE.match(line)
        if match:
            name, literal, ptype, help_text = match.groups()
            if ptype not in PARAM_TYPES:
                raise ModuleError(f"{path}: parameter {name} has unknown type {ptype}")
            params.append(Param(name, ptype, yaml.safe_load(literal), help_text.strip()))
        elif not params and "Parameters" not in line:
            question.append(line.lstrip("/ ").strip())
    body = "\n".join(lines[len(header):]).strip()
    text = " ".join(question)
    return QueryModule(path.stem, title, text.removeprefix("Question:").strip(), tuple(params), body, path)


def _leading_comments(lines: list[str]):
    for line in lines:
        if not line.startswith("//"):
            return
        yield line


@cache
def load_modules(directory: Path = QUERIES_DIR) -> dict[str, QueryModule]:
    return {path.stem: parse_module(path) for path in sorted(directory.glob("*.cypher"))}


def get_module(name: str) -> QueryModule:
    modules = load_modules()
    if name not in modules:
        raise ModuleError(f"no query module {name!r}; `sphere query --list` shows them")
    return modules[name]
