"""HTML pages to articles: the main text, title and date found by trafilatura (boilerplate removed)."""
from __future__ import annotations

import re

from ..records import Article

MIN_WORDS = 5          # fewer is a menu or a template, not an article
HTML_START = re.compile(r"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b", re.I | re.S)
TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>")
MANY_TAGS = 20         # a page saved under another name: many tags...
TAG_SHARE = 0.15       # ...that take this share of its characters (a note with a <br> is still text)


class NoMainText(ValueError):
    """A page whose main text could not be found (navigation only, an empty template...)."""


def looks_like_html(text: str) -> bool:
    """A page saved as .txt or .md: it starts as HTML does, or it is mostly tags."""
    if HTML_START.match(text[:2000]):
        return True
    tags = [m.group(0) for m in TAG.finditer(text)]
    return len(tags) >= MANY_TAGS and sum(map(len, tags)) >= TAG_SHARE * len(text)


def html_article(doc: str, html: str, source: str) -> Article:
    import trafilatura                  # 0.3 s to import: only runs that meet a page pay for it

    page = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, favor_precision=True)
    text = (page.text or "").strip() if page is not None else ""
    if len(text.split()) < MIN_WORDS:
        raise NoMainText("HTML with no main text")
    published = page.date[:10] if page.date else None
    return Article(doc=doc, text=text, source=source, title=page.title or None, url=page.url or None,
                   published=published)
