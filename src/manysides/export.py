"""The public output: `analysis.json` (schema manysides/1), built from the store."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

from manysides.records import Article, EntityMention
from manysides.store import Store

SCHEMA = "manysides/1"

_ARTICLE_FIELDS = (
    "id", "source_id", "path", "url", "outlet", "title", "author", "published",
    "published_from", "language", "copy_of", "republished_from", "words",
)


def analysis_document(store: Store, inputs: list[str] | None = None) -> dict:
    """Everything the store knows, in the shape DESIGN.md promises."""
    annotations = list(store.annotations())
    return {
        "schema": SCHEMA,
        "generated": datetime.now(UTC).isoformat(timespec="seconds"),
        "inputs": inputs or [],
        "articles": [_article(a) for a in store.articles()],
        "entities": [
            {
                "id": e.id, "name": e.name, "type": e.type, "aliases": e.aliases,
                "country": e.country, "kb_id": e.kb_id, "mentions": _mentions(e.mentions),
            }
            for e in store.entities()
        ],
        "places": [
            {
                "id": p.id, "name": p.name, "country": p.country, "lat": p.lat, "lon": p.lon,
                "geonameid": p.geonameid, "feature": p.feature, "mentions": _mentions(p.mentions),
            }
            for p in store.places()
        ],
        "timexes": [
            asdict(t) for a in annotations for t in a.timexes
        ],
        "events": store.results("events"),
        "stories": store.results("stories"),
        "claims": store.results("claims"),
        "disagreements": store.results("disagreements"),
        "outlets": store.results("outlets"),
        "quotes": [asdict(q) for a in annotations for q in a.quotes],
        "failures": [{"source": f.source, "cause": f.cause} for f in store.failures()],
    }


def _article(article: Article) -> dict:
    return {name: getattr(article, name) for name in _ARTICLE_FIELDS}


def _mentions(mentions: list[EntityMention]) -> list[dict]:
    return [asdict(m) for m in mentions]


def write_json(document: dict, path: Path) -> None:
    """Write atomically: a reader never sees a half-written file."""
    partial = path.with_suffix(path.suffix + ".partial")
    partial.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    partial.replace(path)
