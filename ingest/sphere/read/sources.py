"""Walk the paths a user gives and yield articles, or one clear problem per bad file."""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..records import Article
from .decode import NotText, decode_bytes

TEXT_SUFFIXES = {".txt", ".md"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
DATE_LINE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*\n?")


@dataclass(frozen=True)
class Problem:
    """A file (or JSON Lines line) that could not be read; `fatal` False means it was read with a note."""

    source: str
    reason: str
    fatal: bool = True

    def line(self) -> str:
        return f"{'error' if self.fatal else 'note'}: {self.source}: {self.reason}"


def iter_articles(paths: Iterable[str | Path]) -> Iterator[Article | Problem]:
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            yield Problem(str(path), "no such file or folder")
        elif path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and _is_input(p))
            if not files:
                yield Problem(str(path), "folder holds no .txt, .md or .jsonl files")
            for file in files:
                yield from read_file(file)
        else:
            yield from read_file(path)


def _is_input(path: Path) -> bool:
    return path.suffix.lower() in TEXT_SUFFIXES | JSONL_SUFFIXES and not path.name.startswith(".")


def read_file(path: Path) -> Iterator[Article | Problem]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield Problem(str(path), f"cannot read: {exc.strerror or exc}")
        return
    if not data.strip():
        yield Problem(str(path), "empty file")
        return
    try:
        decoded = decode_bytes(data)
    except NotText as exc:
        yield Problem(str(path), str(exc))
        return
    if decoded.encoding not in ("utf-8", "ascii"):
        yield Problem(str(path), f"decoded from {decoded.encoding}", fatal=False)
    if path.suffix.lower() in JSONL_SUFFIXES:
        yield from _jsonl_articles(path, decoded.text)
    else:
        article = text_article(path.name, decoded.text, str(path))
        yield article if article.text.strip() else Problem(str(path), "no text after the date line")


def text_article(doc: str, text: str, source: str) -> Article:
    """A plain-text article; an optional leading `date YYYY-MM-DD` gives the document date."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    published = None
    match = DATE_LINE.match(text)
    if match:
        published = match.group(1)
        text = text[match.end():]
    return Article(doc=doc, text=text, source=source, published=published)


def _jsonl_articles(path: Path, text: str) -> Iterator[Article | Problem]:
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Problem(where, f"not JSON ({exc.msg})")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str) or not record.get("id"):
            yield Problem(where, 'needs an object with "id" and "text"')
            continue
        if not record["text"].strip():
            yield Problem(where, "empty text")
            continue
        yield Article(
            doc=str(record["id"]),
            text=record["text"].replace("\r\n", "\n"),
            source=where,
            title=_opt_str(record.get("title")),
            url=_opt_str(record.get("url")),
            published=_opt_str(record.get("published")),
            lang=_opt_str(record.get("lang")),
        )


def _opt_str(value) -> str | None:
    return str(value) if value not in (None, "") else None
