"""Query modules: plain .cypher files in queries/ with a header naming the question and parameters.

A header parameter line is Neo4j Browser's own `:param` command, so a Browser user pastes the
header's parameter lines and then the body:

    // :param actor => 'Khalifa Haftar'   // string: the actor's name, any alias, or id
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from ..paths import QUERIES_DIR
from ..store.base import GraphStore, QueryResult

_PARAM_LINE = re.compile(r"^//\s*:param\s+(\w+)\s*=>\s*(.+?)\s*//\s*([\w<>]+):\s*(.*)$")
PARAM_TYPES = ("string", "int", "float", "boolean", "list<string>")


class ModuleError(ValueError):
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
            if self.type == "int":
                return int(text)
            if self.type == "float":
                return float(text)
            if self.type == "boolean":
                return {"true": True, "false": False}[text.strip().lower()]
            if self.type == "list<string>":
                return _parse_list(text)
        except (ValueError, KeyError) as exc:
            raise ModuleError(f"--param {self.name}: {text!r} is not a {self.type}") from exc
        return text


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

    def run(self, store: GraphStore, given: dict[str, str] | None = None) -> QueryResult:
        return store.run_module(self.body, self.bind(given or {}))


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
