"""HTML pages (saved files or fetched) to articles, with trafilatura."""

from __future__ import annotations

from collections.abc import Mapping

import trafilatura

from manysides.errors import InputError
from manysides.ingest.article import article_from_text
from manysides.records import Article

NO_TEXT = "no article text could be extracted from the HTML"
# Fewer words than this is a menu or a cookie notice, not an article.
MIN_WORDS = 10
# Only dates the page's markup states count as metadata; dates in the text are ours to read.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in head or "<head" in head


def html_article(
    page: str,
    *,
    source: str,
    url: str | None = None,
    known: Mapping[str, str | None] | None = None,
) -> Article:
    """The page's main text and metadata as an Article; `known` metadata (from a manifest or
    a feed entry) wins over what the page says."""
    extracted = _extract(page, url, source)
    known = {key: value for key, value in (known or {}).items() if value}
    page_url = url or extracted.url
    return article_from_text(
        _paragraphs(extracted.text),
        source=source,
        outlet=known.get("outlet") or extracted.sitename,
        url=known.get("url") or page_url,
        title=known.get("title") or extracted.title,
        published=known.get("published") or extracted.date,
        author=known.get("author") or extracted.author,
        source_id=known.get("source_id"),
    )


def _extract(page: str, url: str | None, source: str):
    try:
        extracted = trafilatura.bare_extraction(
            page,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params=_DATE_PARAMS,
        )
    except (ValueError, TypeError) as exc:  # lxml refuses some malformed documents
        raise InputError(source, f"{NO_TEXT} ({exc})") from exc
    if extracted is None or len((extracted.text or "").split()) < MIN_WORDS:
        raise InputError(source, NO_TEXT)
    return extracted


def _paragraphs(text: str) -> str:
    # trafilatura puts one newline between paragraphs; our cleaner reads a blank line as one.
    return "\n\n".join(line for line in text.split("\n") if line.strip())
