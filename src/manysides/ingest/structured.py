"""Files with one article a record: JSON Lines, a JSON array, CSV."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Iterator, Mapping
from itertools import chain

from manysides.errors import InputError
from manysides.ingest.article import article_from_text
from manysides.ingest.decode import size_limit_cause
from manysides.records import Article, Failure

# Accepted column names for each field, in order of preference.
FIELD_NAMES = {
    "text": ("text", "body", "content"),
    "source_id": ("id",),
    "title": ("title", "headline"),
    "outlet": ("outlet", "source", "site", "sitename"),
    "url": ("url", "link"),
    "published": ("published", "date", "published_at", "pubdate"),
    "author": ("author", "byline"),
}
_CONTAINER_KEYS = ("articles", "records", "items", "data", "documents")


def _field(record: Mapping[str, object], name: str) -> object:
    lowered = {str(key).strip().lower(): value for key, value in record.items()}
    for column in FIELD_NAMES[name]:
        value = lowered.get(column)
        if value not in (None, ""):
            return value
    return None


def record_article(record: object, number: int, source: str) -> Article | Failure:
    """The Nth record of `source` as an Article, or a Failure saying what is wrong with it."""
    try:
        return _record_article(record, number, source)
    except InputError as exc:
        return Failure(source, f"record {number}: {exc.cause}")


def _record_article(record: object, number: int, source: str) -> Article:
    if not isinstance(record, Mapping):
        raise InputError(source, f"not an object with a 'text' field ({type(record).__name__})")
    text = _field(record, "text")
    if text is None:
        raise InputError(source, "empty text" if _has_text_key(record) else "no 'text' field")
    if not isinstance(text, str):
        raise InputError(source, f"'text' is not a string ({type(text).__name__})")
    metadata = {
        name: None if _field(record, name) is None else str(_field(record, name))
        for name in ("source_id", "title", "outlet", "url", "published", "author")
    }
    return article_from_text(text, source=f"{source}#{number}", **metadata)


def _has_text_key(record: Mapping[str, object]) -> bool:
    keys = {str(key).strip().lower() for key in record}
    return bool(keys & set(FIELD_NAMES["text"]))


def iter_jsonl(
    content: str | Iterable[str], source: str, max_bytes: int | None = None
) -> Iterator[Article | Failure]:
    """One JSON object a line; blank lines are skipped, a bad line fails alone.

    `content` is the whole text or its lines (read lazily, so a big file streams); with
    `max_bytes`, a record longer than that fails alone.
    """
    lines = io.StringIO(content, newline="") if isinstance(content, str) else content
    number = 0
    for line_number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        number += 1
        if max_bytes is not None and len(line) > max_bytes:
            yield Failure(source, f"record {number}: {size_limit_cause(max_bytes)}")
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            # Only the last line can lack its newline: a bad one was cut off mid-write.
            truncated = not line.endswith(("\n", "\r"))
            yield Failure(source, _malformed(line_number, exc.msg, truncated))
            continue
        yield record_article(record, number, source)


def _malformed(line_number: int, message: str, truncated: bool) -> str:
    cause = f"malformed JSON on line {line_number}: {message}"
    if truncated:
        cause += " (the last line is cut short: was the file still being written?)"
    return cause


def iter_json(content: str, source: str) -> Iterator[Article | Failure]:
    """A JSON array of records (or an object holding one under 'articles', 'items', ...)."""
    try:
        document = json.loads(content)
    except json.JSONDecodeError as exc:
        yield Failure(source, f"malformed JSON on line {exc.lineno}: {exc.msg}")
        return
    records = _records_in(document)
    if records is None:
        yield Failure(source, "JSON holds no list of article records (expected an array)")
        return
    for number, record in enumerate(records, 1):
        yield record_article(record, number, source)


def _records_in(document: object) -> list[object] | None:
    if isinstance(document, list):
        return document
    if isinstance(document, dict):
        for key in _CONTAINER_KEYS:
            if isinstance(document.get(key), list):
                return document[key]
        if _field(document, "text") is not None:
            return [document]
    return None


def iter_csv(
    content: str | Iterable[str], source: str, max_bytes: int | None = None
) -> Iterator[Article | Failure]:
    """A CSV file with a header row; the 'text' column is required.

    `content` is the whole text or its lines (read lazily); with `max_bytes`, a record
    whose text is longer than that fails alone.
    """
    _allow_large_fields()
    lines = iter(io.StringIO(content, newline="") if isinstance(content, str) else content)
    header = next(lines, "")
    reader = csv.DictReader(chain([header], lines), delimiter=_delimiter(header))
    columns = [str(name).strip().lower() for name in reader.fieldnames or []]
    if not set(columns) & set(FIELD_NAMES["text"]):
        yield Failure(source, f"CSV has no 'text' column (columns: {', '.join(columns) or 'none'})")
        return
    try:
        for number, row in enumerate(reader, 1):
            row.pop(None, None)  # cells beyond the header have no column name
            if max_bytes is not None and len(str(_field(row, "text") or "")) > max_bytes:
                yield Failure(source, f"record {number}: {size_limit_cause(max_bytes)}")
                continue
            yield record_article(row, number, source)
    except csv.Error as exc:
        yield Failure(source, f"malformed CSV on line {reader.line_num}: {exc}")


def _delimiter(header: str) -> str:
    """The separator of the header row (sniffing whole rows trips over commas in the text)."""
    return max(",;\t|", key=lambda candidate: (header.count(candidate), candidate == ","))


def _allow_large_fields() -> None:
    # Article bodies exceed csv's default 128 KB cell limit; the file size limit still applies.
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
