"""HTML pages to articles: the main text, title and date found by trafilatura (boilerplate removed)."""
from __future__ import annotations

import trafilatura

from ..records import Article

MIN_WORDS = 5          # fewer is a menu or a template, not an article


class NoMainText(ValueError):
    """A page whose main text could not be found (navigation only, an empty template...)."""


def html_article(doc: str, html: str, source: str) -> Article:
    page = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, favor_precision=True)
    text = (page.text or "").strip() if page is not None else ""
    if len(text.split()) < MIN_WORDS:
        raise NoMainText("HTML with no main text")
    published = page.date[:10] if page.date else None
    return Article(doc=doc, text=text, source=source, title=page.title or None, url=page.url or None,
                   published=published)
