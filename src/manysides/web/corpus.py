"""What the web app reads: the store's analysis as a snapshot, made again when the store changes.

The store is opened read-only and only while reading, so a run of `manysides analyze` can write
to it between two requests; while a run holds it, the last snapshot read is served.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from manysides.errors import StoreError
from manysides.export import analysis_document
from manysides.records import Annotation, Article
from manysides.store import Store


def store_path(path: Path | str) -> Path:
    """The store file itself, or the one in an output folder."""
    path = Path(path)
    if path.is_dir():
        from manysides.pipeline import STORE_NAME

        path = path / STORE_NAME
    if not path.is_file():
        raise StoreError(f"{path}: no store here; make one with `manysides analyze INPUT -o "
                         "FOLDER` and give the folder or its store file")
    return path


@dataclass
class Snapshot:
    """The analysis document (analysis.json's shape) with the look-ups the pages need."""

    document: dict
    by_id: dict[str, dict[str, dict]] = field(default_factory=dict)  # kind -> id -> record
    story_of: dict[str, str] = field(default_factory=dict)  # article id -> story id
    spans: dict[str, list[dict]] = field(default_factory=dict)  # article id -> linked mentions
    reported_at: dict[tuple[str, int], list[dict]] = field(default_factory=dict)

    @classmethod
    def of(cls, document: dict) -> Snapshot:
        snapshot = cls(document)
        for kind in ("articles", "entities", "places", "events", "stories", "claims",
                     "disagreements"):  # fmt: skip
            snapshot.by_id[kind] = {str(r["id"]): r for r in document.get(kind, [])}
        for story in document.get("stories", []):
            for article in story["articles"]:
                snapshot.story_of[article] = story["id"]
        for kind, key in (("entities", "entity"), ("places", "place")):
            for record in document.get(kind, []):
                for mention in record.get("mentions", []):
                    snapshot.spans.setdefault(mention["article"], []).append(
                        {key: record["id"], "name": record["name"], **mention})
        for event in document.get("events", []):
            for evidence in event.get("evidence", []):
                place = (evidence["article"], evidence.get("start"))
                snapshot.reported_at.setdefault(place, []).append(event)
        return snapshot

    def records(self, kind: str) -> list[dict]:
        return self.document.get(kind, [])

    def get(self, kind: str, record_id: str) -> dict | None:
        return self.by_id[kind].get(record_id)


class CorpusReader:
    """Reads a store for the web app: a cached snapshot, and one article's text on demand."""

    def __init__(self, path: Path | str):
        self.path = store_path(path)
        self._lock = threading.Lock()
        self._snapshot: Snapshot | None = None
        self._stamp: tuple | None = None

    def snapshot(self) -> Snapshot:
        """The analysis as the store now holds it (read again only when the file changed)."""
        with self._lock:
            stamp = self._file_stamp()
            if self._snapshot is None or stamp != self._stamp:
                try:
                    with Store(self.path, read_only=True) as store:
                        document = analysis_document(store)
                except StoreError:
                    if self._snapshot is None:
                        raise
                    return self._snapshot  # being written: the last whole reading stands
                self._snapshot, self._stamp = Snapshot.of(document), stamp
            return self._snapshot

    def article(self, article_id: str) -> tuple[Article, Annotation] | None:
        """One article with its text and its annotations; None when the store has no such one."""
        with Store(self.path, read_only=True) as store:
            article = store.article(article_id)
            if article is None:
                return None
            found = list(store.annotations([article_id]))
        return article, found[0] if found else Annotation(article_id)

    def _file_stamp(self) -> tuple:
        """What changes when a run writes to the store: the file's and its journal's size and
        time."""
        stamp = []
        for path in (self.path, self.path.with_name(self.path.name + ".wal")):
            try:
                status = path.stat()
                stamp.append((status.st_mtime_ns, status.st_size))
            except FileNotFoundError:
                stamp.append(None)
        return tuple(stamp)
