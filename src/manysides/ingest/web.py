"""Article pages and RSS/Atom feeds over HTTP(S)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import feedparser
import httpx

from manysides import __version__
from manysides.errors import InputError
from manysides.ingest.article import article_from_text
from manysides.ingest.dates import normalise_date
from manysides.ingest.decode import decode, size_limit_cause
from manysides.ingest.htmlpage import html_article, looks_like_html
from manysides.ingest.structured import iter_csv, iter_json, iter_jsonl
from manysides.records import Article, Failure

USER_AGENT = f"manysides/{__version__} (news analysis; reads public article pages and feeds)"
NOT_A_FEED = "not an RSS or Atom feed"
# A feed item with this much text of its own still makes an article when its page is gone.
_MIN_WORDS_IN_FEED_CONTENT = 80


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    content: bytes
    content_type: str


class Fetcher:
    """One HTTP client for a batch: redirects followed, a timeout, a size limit."""

    def __init__(self, timeout: float, max_bytes: int):
        self.timeout = timeout
        self.max_bytes = max_bytes
        self._client: httpx.Client | None = None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._client is not None:
            self._client.close()

    @property
    def client(self) -> httpx.Client:
        if self._client is None:  # most batches are local files: open no client for them
            self._client = httpx.Client(
                follow_redirects=True,
                timeout=self.timeout,
                headers={"User-Agent": USER_AGENT},
            )
        return self._client

    def fetch(self, url: str) -> Fetched:
        """The body at `url`; InputError naming the URL for every way a fetch can fail."""
        try:
            return self._fetch(url)
        except httpx.TimeoutException as exc:
            raise InputError(url, f"could not fetch: timed out after {self.timeout:g} s") from exc
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
            raise InputError(url, f"not a valid URL ({exc})") from exc
        except httpx.TooManyRedirects as exc:
            raise InputError(url, "could not fetch: too many redirects") from exc
        except httpx.HTTPError as exc:
            raise InputError(url, f"could not fetch: {_reason(exc)}") from exc

    def _fetch(self, url: str) -> Fetched:
        with self.client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise InputError(url, f"HTTP {response.status_code}")
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > self.max_bytes:
                raise InputError(url, size_limit_cause(self.max_bytes))
            content = self._read_limited(response, url)
            content_type = response.headers.get("content-type", "").lower()
            return Fetched(str(response.url), content, content_type)

    def _read_limited(self, response: httpx.Response, url: str) -> bytes:
        chunks, total = [], 0
        for chunk in response.iter_bytes():
            total += len(chunk)
            if total > self.max_bytes:
                raise InputError(url, size_limit_cause(self.max_bytes))
            chunks.append(chunk)
        return b"".join(chunks)


def _reason(exc: httpx.HTTPError) -> str:
    message = str(exc) or type(exc).__name__
    if "refused" in message.lower():
        return "connection refused"
    if "name or service not known" in message.lower() or "nodename" in message.lower():
        return "unknown host"
    return message


def iter_url(url: str, fetcher: Fetcher) -> Iterator[Article | Failure]:
    """An article page, a feed (each item's page fetched) or a records file, by what came back."""
    try:
        fetched = fetcher.fetch(url)
        text = decode(fetched.content, url)
        kind = content_kind(fetched.content_type, text, url)
        if kind == "feed":
            yield from iter_feed(fetched.content, url, fetcher)
        elif kind in _RECORD_READERS:
            yield from _RECORD_READERS[kind](text, url)
        else:
            yield _page_article(fetched, text, source=url)
    except InputError as exc:
        yield Failure(exc.source, exc.cause)


_RECORD_READERS = {"jsonl": iter_jsonl, "json": iter_json, "csv": iter_csv}


def content_kind(content_type: str, text: str, url: str = "") -> str:
    """'feed', 'html', 'json', 'jsonl', 'csv' or 'text', from the content type and content."""
    media_type = content_type.split(";", 1)[0].strip()
    if "rss" in media_type or "atom" in media_type:
        return "feed"
    if "html" in media_type:
        return "html"
    if "xml" in media_type or looks_like_feed(text):
        return "html" if looks_like_html(text) else "feed"  # XHTML also starts with <?xml
    if looks_like_html(text):
        return "html"
    if "ndjson" in media_type or "jsonl" in media_type or url.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    if "json" in media_type:
        return "json"
    if "csv" in media_type:
        return "csv"
    return "text"


def looks_like_feed(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith("<?xml") or any(tag in head for tag in ("<rss", "<feed", "<rdf:rdf"))


def _page_article(fetched: Fetched, text: str, source: str, known: dict | None = None) -> Article:
    if content_kind(fetched.content_type, text) == "html":
        return html_article(text, source=source, url=fetched.url, known=known)
    known = dict(known or {})
    known.setdefault("url", fetched.url)
    return article_from_text(text, source=source, **{k: v for k, v in known.items() if v})


def iter_feed(content: bytes, source: str, fetcher: Fetcher) -> Iterator[Article | Failure]:
    """Every item of an RSS or Atom feed, each item's linked page fetched and extracted."""
    parsed = feedparser.parse(content)
    if not parsed.get("version"):
        yield Failure(source, NOT_A_FEED)
        return
    if not parsed.entries:
        yield Failure(source, "the feed has no items")
    for number, entry in enumerate(parsed.entries, 1):
        yield _feed_item(entry, f"{source}#{number}", fetcher)


def _feed_item(entry: dict, item_source: str, fetcher: Fetcher) -> Article | Failure:
    known = {
        "title": entry.get("title"),
        "author": entry.get("author"),
        "published": normalise_date(entry.get("published_parsed") or entry.get("updated_parsed"))
        or entry.get("published"),
    }
    link = entry.get("link")
    try:
        if not link:
            return _article_from_feed_content(entry, item_source, known)
        try:
            fetched = fetcher.fetch(link)
        except InputError:
            if _feed_content(entry) and _words(_feed_content(entry)) >= _MIN_WORDS_IN_FEED_CONTENT:
                return _article_from_feed_content(entry, link, {**known, "url": link})
            raise
        return _page_article(fetched, decode(fetched.content, link), source=link, known=known)
    except InputError as exc:
        return Failure(exc.source, exc.cause)


def _feed_content(entry: dict) -> str:
    contents = entry.get("content") or []
    if contents and contents[0].get("value"):
        return contents[0]["value"]
    return entry.get("summary") or ""


def _words(markup: str) -> int:
    return len(markup.split())


def _article_from_feed_content(entry: dict, source: str, known: dict) -> Article:
    content = _feed_content(entry)
    if not content.strip():
        raise InputError(source, "the feed item has no link and no text")
    page = content if looks_like_html(content) else f"<html><body>{content}</body></html>"
    if "<" not in content:
        return article_from_text(content, source=source, **{k: v for k, v in known.items() if v})
    return html_article(page, source=source, url=known.get("url"), known=known)
