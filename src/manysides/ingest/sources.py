"""Every kind of input to a stream of articles and failures: folders, files, URLs, feeds."""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

from manysides.errors import InputError
from manysides.ingest.article import article_from_text
from manysides.ingest.decode import decode, read_bytes, sniff_encoding
from manysides.ingest.htmlpage import html_article, looks_like_html
from manysides.ingest.structured import iter_csv, iter_json, iter_jsonl
from manysides.ingest.web import Fetcher, iter_feed, iter_url, looks_like_feed
from manysides.records import Article, Failure

ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".ndjson", ".json", ".csv")
FEED_SUFFIXES = (".xml", ".rss", ".atom")
STREAMED_SUFFIXES = (".jsonl", ".ndjson", ".csv")
MANIFEST_NAMES = ("manifest.csv", "manifest.json")
MANIFEST_FIELDS = ("outlet", "url", "title", "published", "author")
MANIFEST_MAX_BYTES = 50_000_000

Known = Mapping[str, str | None]
Result = Iterator[Article | Failure]


def iter_articles(
    inputs: Sequence[str], *, max_bytes: int = 5_000_000, fetch_timeout: float = 20.0
) -> Result:
    """Articles from folders, files, article URLs and feed URLs, in the order given.

    Never raises for a bad input: it yields a `Failure(source, cause)` and goes on.
    """
    if isinstance(inputs, str | os.PathLike):  # one input given bare, not in a list
        inputs = [inputs]
    with Fetcher(fetch_timeout, max_bytes) as fetcher:
        for item in inputs:
            yield from _guarded(str(item), lambda item=item: _iter_input(str(item), fetcher))


def _guarded(source: str, produce: Callable[[], Result]) -> Result:
    """Whatever goes wrong with one input becomes a Failure; the batch goes on."""
    try:
        yield from produce()
    except InputError as exc:
        yield Failure(exc.source, exc.cause)
    except Exception as exc:  # noqa: BLE001 -- a bug on one odd input must not end the batch
        yield Failure(source, f"could not be read ({type(exc).__name__}: {exc})")


def _iter_input(item: str, fetcher: Fetcher) -> Result:
    if item.lower().startswith(("http://", "https://")):
        yield from iter_url(item, fetcher)
        return
    path = Path(item)
    if re.match(r"^[a-z][a-z0-9+.-]*://", item, re.IGNORECASE) and not path.exists():
        yield Failure(item, "unsupported URL scheme (only http and https are fetched)")
    elif path.is_dir():
        yield from _iter_folder(path, fetcher)
    elif path.exists():
        yield from _iter_file(path, fetcher, {}, explicit=True)
    else:
        yield Failure(item, "no such file or folder")


def _iter_folder(folder: Path, fetcher: Fetcher) -> Result:
    manifests, failures = _read_manifests(folder)
    yield from failures
    for path in _folder_files(folder):
        known = manifests.get(path.resolve(), {})
        yield from _guarded(str(path), lambda path=path, known=known: _iter_file(
            path, fetcher, known, explicit=False))


def _folder_files(folder: Path) -> Iterator[Path]:
    """Files under the folder, sorted, skipping hidden files and folders and the manifests."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(name for name in dirs if not name.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and name.lower() not in MANIFEST_NAMES:
                yield Path(root) / name


def _iter_file(path: Path, fetcher: Fetcher, known: Known, *, explicit: bool) -> Result:
    suffix = path.suffix.lower()
    source = str(path)
    if not explicit and suffix not in ARTICLE_SUFFIXES:
        expected = ", ".join(ARTICLE_SUFFIXES)
        kind = suffix or path.name
        yield Failure(source, f"unsupported file type '{kind}' (expected {expected})")
        return
    if suffix in STREAMED_SUFFIXES:
        yield from _iter_record_file(path, fetcher.max_bytes)
        return
    content = read_bytes(path, fetcher.max_bytes)
    text = decode(content, source)
    if suffix == ".json":
        yield from iter_json(text, source)
    elif suffix in FEED_SUFFIXES or (suffix not in ARTICLE_SUFFIXES and looks_like_feed(text)):
        yield from iter_feed(content, source, fetcher)
    elif suffix in (".html", ".htm", ".xhtml") or looks_like_html(text):
        yield html_article(text, source=source, url=known.get("url"), known=known)
    else:
        yield article_from_text(text, source=source, **_text_metadata(known))


def _iter_record_file(path: Path, max_bytes: int) -> Result:
    """JSONL and CSV files stream record by record: the size limit is per record, so a file
    of a million articles is fine."""
    source = str(path)
    encoding = sniff_encoding(path, source)
    # A stray bad byte deep in a huge file should cost one character, not the whole file.
    with path.open(encoding=encoding, errors="replace", newline="") as lines:
        if path.suffix.lower() == ".csv":
            yield from iter_csv(lines, source, max_bytes)
        else:
            yield from iter_jsonl(lines, source, max_bytes)


def _text_metadata(known: Known) -> dict[str, str | None]:
    return {name: known.get(name) for name in MANIFEST_FIELDS}


def _read_manifests(folder: Path) -> tuple[dict[Path, dict[str, str | None]], list[Failure]]:
    """Metadata for files named in every manifest under the folder, keyed by resolved path."""
    found: dict[Path, dict[str, str | None]] = {}
    failures: list[Failure] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        for name in files:
            if name.lower() in MANIFEST_NAMES:
                manifest = Path(root) / name
                try:
                    found.update(_read_manifest(manifest, failures))
                except InputError as exc:
                    failures.append(Failure(exc.source, exc.cause))
    return found, failures


def _read_manifest(manifest: Path, failures: list[Failure]) -> dict[Path, dict[str, str | None]]:
    """The manifest's rows by the file they describe; a row naming no file is a Failure."""
    text = decode(read_bytes(manifest, MANIFEST_MAX_BYTES), str(manifest))
    entries = {}
    for number, row in enumerate(_manifest_rows(text, manifest), 1):
        row = {str(key).strip().lower(): value for key, value in row.items() if key}
        named = str(row.get("path") or "").strip()
        target = (manifest.parent / named).resolve()
        if not named or not target.is_file():
            failures.append(Failure(str(manifest), f"row {number}: no such file '{named}'"))
            continue
        entries[target] = {
            name: str(row[name]).strip() for name in MANIFEST_FIELDS if row.get(name)
        }
    return entries


def _manifest_rows(text: str, manifest: Path) -> list[Mapping[str, object]]:
    if manifest.suffix.lower() == ".csv":
        reader = csv.DictReader(io.StringIO(text, newline=""))
        if "path" not in [str(name).strip().lower() for name in reader.fieldnames or []]:
            raise InputError(str(manifest), "manifest has no 'path' column")
        return list(reader)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(str(manifest), f"malformed JSON on line {exc.lineno}: {exc.msg}") from exc
    if isinstance(document, dict):  # {"a.txt": {"outlet": ...}, ...}
        document = [{"path": key, **value} for key, value in document.items()
                    if isinstance(value, dict)]
    if not isinstance(document, list) or not all(isinstance(row, dict) for row in document):
        raise InputError(str(manifest), "manifest must be a list of objects with a 'path'")
    return document
