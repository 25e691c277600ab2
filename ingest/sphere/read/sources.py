"""Walk the paths a user gives and yield articles, or one clear problem per bad file."""
from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from ..language import unsupported_language
from ..records import Article
from .decode import NotText, decode_bytes
from .html import NoMainText, html_article, looks_like_html

TEXT_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
MAX_FILE_BYTES = 20_000_000          # one article file; JSON Lines files may be larger
MAX_JSONL_BYTES = 2_000_000_000
MAX_ARTICLE_CHARS = 500_000          # longer is not one news article (a dump, a log, a book)
INPUT_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
DATE_LINE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*\n?")
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
SUPPORTED = "Sphere reads Russian, Ukrainian and English"


@dataclass(frozen=True)
class Problem:
    """A file (or JSON Lines line) that could not be read; `fatal` False means it was read with a note,
    or, when `skipped`, deliberately left out (a language Sphere does not read)."""

    source: str
    reason: str
    fatal: bool = True
    skipped: bool = False

    @property
    def kind(self) -> str:
        return "error" if self.fatal else "skipped" if self.skipped else "note"

    def line(self) -> str:
        return f"{self.kind}: {self.source}: {self.reason}"


def iter_articles(paths: Iterable[str | Path]) -> Iterator[Article | Problem]:
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            yield Problem(str(path), "no such file or folder")
        elif path.is_dir():
            yield from _read_folder(path)
        elif not path.is_file():
            yield Problem(str(path), "not a regular file (a pipe, socket or device); skipped")
        else:
            yield from read_file(path)


def input_files(folder: Path) -> Iterator[Path]:
    """The files under folder that Sphere reads, in order: known suffixes, no hidden files or folders."""
    for root, dirs, names in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            path = Path(root) / name
            if not name.startswith(".") and path.suffix.lower() in INPUT_SUFFIXES:
                yield path


def _read_folder(folder: Path) -> Iterator[Article | Problem]:
    found = False
    for path in input_files(folder):
        found = True
        if path.is_symlink() and not path.exists():
            yield Problem(str(path), "broken or looping symbolic link")
        elif not path.is_file():
            yield Problem(str(path), "not a regular file (a folder, pipe, socket or device); skipped")
        else:
            yield from (_named(item, path.relative_to(folder)) for item in read_file(path))
    if not found:
        yield Problem(str(folder), "folder holds no .txt, .md, .html or .jsonl files")


def _named(item: Article | Problem, relative: Path) -> Article | Problem:
    """A file's article is known across its versions by its path under the folder read (a JSON Lines
    record by its id)."""
    if isinstance(item, Article) and relative.suffix.lower() not in JSONL_SUFFIXES:
        return replace(item, identity=relative.as_posix())
    return item


def read_file(path: Path) -> Iterator[Article | Problem]:
    limit = MAX_JSONL_BYTES if path.suffix.lower() in JSONL_SUFFIXES else MAX_FILE_BYTES
    try:
        size = path.stat().st_size
        if size > limit:
            yield Problem(str(path), f"too large for one article file ({size / 1e6:.1f} MB > {limit / 1e6:.0f} MB)")
            return
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
        yield from (_checked(a) for a in _jsonl_articles(path, decoded.text))
    elif path.suffix.lower() in HTML_SUFFIXES or looks_like_html(decoded.text):
        if path.suffix.lower() not in HTML_SUFFIXES:
            yield Problem(str(path), "HTML content; read as a web page", fatal=False)
        try:
            yield _checked(html_article(path.name, decoded.text, str(path)))
        except NoMainText as exc:
            yield Problem(str(path), str(exc))
    else:
        article = text_article(path.name, decoded.text, str(path))
        if article.published and not _is_day(article.published):
            yield Problem(str(path), f"date line {article.published} is not a real day (YYYY-MM-DD); "
                                     "the article is read without a date", fatal=False)
            article = replace(article, published=None)
        yield _checked(article) if article.text.strip() else Problem(str(path), "no text after the date line")


def _checked(item: Article | Problem) -> Article | Problem:
    if isinstance(item, Article):
        if len(item.text) > MAX_ARTICLE_CHARS:
            return Problem(item.source, f"too long for one article ({len(item.text):,} characters > "
                                        f"{MAX_ARTICLE_CHARS:,})")
        if not any(ch.isalpha() for ch in item.text):
            return Problem(item.source, "no words in the text")
        if language := unsupported_language(item.text):
            return Problem(item.source, f"language not supported ({language}); {SUPPORTED}", fatal=False,
                           skipped=True)
    return item


def text_article(doc: str, text: str, source: str) -> Article:
    """A plain-text article; an optional leading `date YYYY-MM-DD` gives the document date."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    published = None
    match = DATE_LINE.match(text)
    if match:
        published = match.group(1)
        text = text[match.end():]
    return Article(doc=doc, text=text, source=source, published=published)


def _is_day(text: str) -> bool:
    try:
        date.fromisoformat(text)
        return True
    except ValueError:
        return False


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
        if _has_lone_surrogate(record):
            yield Problem(where, "lone surrogate escape (half of a UTF-16 pair) replaced by U+FFFD", fatal=False)
            record = _repaired(record)
        yield Article(
            doc=str(record["id"]),
            text=record["text"].replace("\r\n", "\n"),
            source=where,
            title=_opt_str(record.get("title")),
            url=_opt_str(record.get("url")),
            published=_opt_str(record.get("published")),
            lang=_opt_str(record.get("lang")),
        )


def _has_lone_surrogate(record: dict) -> bool:
    return any(isinstance(v, str) and LONE_SURROGATE.search(v) for v in record.values())


def _repaired(record: dict) -> dict:
    """Valid JSON may escape half a surrogate pair ("\\ud800"), which no UTF-8 text can hold."""
    return {k: LONE_SURROGATE.sub("\ufffd", v) if isinstance(v, str) else v for k, v in record.items()}


def _opt_str(value) -> str | None:
    return str(value) if value not in (None, "") else None
