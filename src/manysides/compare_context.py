"""What every compare step needs about a story: its articles, clauses, dates, entities, outlets."""

from __future__ import annotations

import bisect
import hashlib
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from manysides.compare_text import Unit, units
from manysides.events import source_origins
from manysides.provenance import citation_pattern, cited_outlet
from manysides.records import Annotation, Article, Entity

FOLDED_TYPES = {"COUNTRY", "PERSON", "ORG"}  # state actors that speak for their country


@dataclass
class Context:
    articles: dict[str, Article]
    annotations: dict[str, Annotation]
    entities: dict[str, Entity]
    origins: dict[str, str]
    story_of: Mapping[str, str]
    spans: dict[str, list[tuple[int, int, str]]] = field(default_factory=dict)
    merged: dict[str, str] = field(default_factory=dict)  # entity id -> its group's id
    clauses: dict[str, list[Unit]] = field(default_factory=dict)
    dates: dict[tuple[str, int], str | None] = field(default_factory=dict)

    def stories(self) -> dict[str, list[str]]:
        grouped: dict[str, list[str]] = defaultdict(list)
        for article_id in self.articles:
            story = self.story_of.get(article_id)
            if story is not None:
                grouped[story].append(article_id)
        return dict(grouped)

    def outlet(self, article_id: str) -> str:
        return self.origins.get(article_id, article_id)

    def cited_outlet(self, article_id: str, text: str) -> str | None:
        """The other news outlet a statement rests on ("according to Reuters", "told CNN").

        Such a report counts as that outlet's, not as another independent source.
        """
        outlets = tuple(sorted({a.outlet for a in self.articles.values() if a.outlet}))
        cited = cited_outlet(text, self.outlet(article_id), citation_pattern(outlets))
        return None if cited is None else self.canonical_outlet(cited)

    def canonical_outlet(self, name: str) -> str:
        """A cited name as the corpus spells the outlet, so citing and cited articles meet."""
        for article in self.articles.values():
            if article.outlet and article.outlet.lower() == name.lower():
                return self.outlet(article.id)
        return name

    def entities_in(self, article_id: str, start: int, end: int) -> list[str]:
        """Entity groups with a mention overlapping [start, end), in text order."""
        spans = self.spans.get(article_id, [])
        first = bisect.bisect_left(spans, (start - 200, 0, ""))
        found = [eid for s, e, eid in spans[first:] if s < end and e > start]
        return list(dict.fromkeys(self.group(eid) for eid in found))

    def group(self, entity_id: str) -> str:
        seen = entity_id
        while self.merged.get(seen, seen) != seen:
            seen = self.merged[seen]
        return seen

    def name(self, entity_id: str) -> str:
        entity = self.entities.get(entity_id)
        return entity.name if entity else entity_id

    def side(self, entity_id: str) -> str:
        """The side an actor speaks for: a country's officials fold into the country."""
        entity = self.entities.get(entity_id)
        if entity and entity.type in FOLDED_TYPES and entity.country:
            return f"country-{entity.country.lower()}"
        return entity_id

    def country_entity(self, code: str | None) -> str | None:
        """The id of the corpus's entity for a country (ISO alpha-2), if it has one."""
        if not code:
            return None
        for entity in self.entities.values():
            if entity.type == "COUNTRY" and (entity.country or "").upper() == code.upper():
                return entity.id
        return None

    def side_name(self, side: str) -> str:
        if side in self.entities:
            return self.entities[side].name
        return side.removeprefix("country-").upper()


def build_context(articles: Sequence[Article], annotations: Sequence[Annotation],
                  entities: Sequence[Entity], story_of: Mapping[str, str]) -> Context:
    """Index the inputs once; clauses and their dates for every article that has a story."""
    context = Context(
        articles={a.id: a for a in articles},
        annotations={a.article: a for a in annotations},
        entities={e.id: e for e in entities},
        origins=source_origins(articles),
        story_of=story_of,
    )  # fmt: skip
    spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for entity in entities:
        for mention in entity.mentions:
            spans[mention.article].append((mention.start, mention.end, entity.id))
    context.spans = {k: sorted(v) for k, v in spans.items()}
    for article_id, article in context.articles.items():
        annotation = context.annotations.get(article_id)
        if annotation is None or article_id not in story_of:
            continue
        found = units(article_id, article.text, annotation.sentences or [(0, len(article.text))])
        context.clauses[article_id] = found
        _date_units(context, annotation, found)
    return context


def _date_units(context: Context, annotation: Annotation, found: list[Unit]) -> None:
    """A clause's day: a day-precise date in its sentence, else the last one in its paragraph."""
    days = sorted((t.start, t.value[:10]) for t in annotation.timexes
                  if t.granularity in ("day", "time") and re.match(r"\d{4}-\d\d-\d\d", t.value))
    last: tuple[int, str | None] = (-1, None)
    for unit in found:
        inside = [value for start, value in days if unit.start <= start < unit.end]
        if unit.paragraph != last[0]:
            last = (unit.paragraph, None)
        context.dates[(unit.article, unit.start)] = inside[-1] if inside else last[1]
        if inside:
            last = (unit.paragraph, inside[-1])


def stable_id(prefix: str, *parts: object) -> str:
    digest = hashlib.sha1("|".join(map(str, parts)).encode("utf-8")).hexdigest()[:12]
    return f"{prefix}-{digest}"


def evidence(context: Context, article_id: str, start: int, end: int) -> dict:
    text = context.articles[article_id].text[start:end].strip()
    return {"article": article_id, "start": start, "end": end, "text": text}
