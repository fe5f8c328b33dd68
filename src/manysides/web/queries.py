"""The questions the web app answers, over a snapshot: plain dicts in analysis.json's shapes.

The JSON API returns these as they are and the HTML pages draw them, so a record looks the same
everywhere. Bad filters raise BadRequest, unknown ids NotFound; both carry a message for people.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import date

from manysides.annotate.event_lexicon import PLOVER_TYPES
from manysides.events import date_interval
from manysides.records import Annotation, Article
from manysides.web.corpus import CorpusReader, Snapshot

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000


class BadRequest(ValueError):
    """A filter or paging value that cannot be used."""


class NotFound(LookupError):
    """No record has this id."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "not found"


def lookup(snapshot: Snapshot, kind: str, record_id: str) -> dict:
    record = snapshot.get(kind, record_id)
    if record is None:
        raise NotFound(f"no {_singular(kind)} with id {record_id!r}")
    return record


def _singular(kind: str) -> str:
    return {"entities": "actor", "stories": "story"}.get(kind, kind.rstrip("s"))


# --- paging ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    limit: int
    offset: int

    @classmethod
    def of(cls, params: Mapping[str, str], default: int = DEFAULT_LIMIT) -> Page:
        limit = _whole_number(params, "limit", default)
        if not 1 <= limit <= MAX_LIMIT:
            raise BadRequest(f"limit must be between 1 and {MAX_LIMIT}")
        return cls(limit, _whole_number(params, "offset", 0))

    def of_list(self, key: str, records: list[dict]) -> dict:
        """The page's slice of records, with the total and where the page starts."""
        return {"total": len(records), "offset": self.offset, "limit": self.limit,
                key: records[self.offset: self.offset + self.limit]}  # fmt: skip


def _whole_number(params: Mapping[str, str], name: str, default: int) -> int:
    value = params.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit():
        raise BadRequest(f"{name} must be a whole number, not {value!r}")
    return int(value)


# --- events ----------------------------------------------------------------------------------

EVENT_FILTERS = ("type", "actor", "target", "place", "story", "from", "to")


@dataclass(frozen=True)
class EventFilter:
    """Which events to show; every filter given must hold."""

    type: str | None = None
    actor: str | None = None  # entity id, as the doer
    target: str | None = None  # entity id, as the one done to
    place: str | None = None  # place id
    story: str | None = None
    start: date | None = None  # the event's date range must reach into [start, end]
    end: date | None = None

    @classmethod
    def of(cls, params: Mapping[str, str], snapshot: Snapshot) -> EventFilter:
        given = {name: params.get(name, "").strip() for name in EVENT_FILTERS}
        kind = given["type"].upper() or None
        if kind and kind not in PLOVER_TYPES:
            raise BadRequest(f"unknown event type {given['type']!r}; one of "
                             f"{', '.join(PLOVER_TYPES)}")
        for name, kind_of_id in (("actor", "entities"), ("target", "entities"),
                                 ("story", "stories")):  # fmt: skip
            if given[name] and snapshot.get(kind_of_id, given[name]) is None:
                raise BadRequest(f"unknown {name} {given[name]!r}: give an id from "
                                 f"/api/{kind_of_id}")
        start, end = _day(given["from"], "from", 0), _day(given["to"], "to", 1)
        if start and end and start > end:
            raise BadRequest("from is after to")
        return cls(kind, given["actor"] or None, given["target"] or None,
                   _place_id(given["place"], snapshot), given["story"] or None, start, end)

    def matches(self, event: dict, story_events: set[str] | None) -> bool:
        return ((self.type is None or event["type"] == self.type)
                and (self.actor is None or self.actor in event["actor"])
                and (self.target is None or self.target in event["target"])
                and (self.place is None or event["place"] == self.place)
                and (story_events is None or event["id"] in story_events)
                and self._in_range(event.get("date")))  # fmt: skip

    def _in_range(self, value: str | None) -> bool:
        if self.start is None and self.end is None:
            return True
        interval = date_interval(value) if value else None
        if interval is None:
            return False
        return ((self.start is None or interval[1] >= self.start)
                and (self.end is None or interval[0] <= self.end))  # fmt: skip

    def as_params(self) -> dict[str, str]:
        """The filters given, as query parameters."""
        values = {"type": self.type, "actor": self.actor, "target": self.target,
                  "place": self.place, "story": self.story,
                  "from": self.start and self.start.isoformat(),
                  "to": self.end and self.end.isoformat()}  # fmt: skip
        return {name: value for name, value in values.items() if value}


def _day(value: str, name: str, edge: int) -> date | None:
    """A date or the start (edge 0) or end (edge 1) of a month or year: 2016-09-28, 2016-09."""
    if not value:
        return None
    interval = date_interval(value) if len(value) in (4, 7, 10) else None
    if interval is None:
        raise BadRequest(f"{name} must be a date such as 2016-09-28, 2016-09 or 2016, "
                         f"not {value!r}")
    return interval[edge]


def _place_id(value: str, snapshot: Snapshot) -> str | None:
    """A place id, or a place's name in any case."""
    if not value:
        return None
    if snapshot.get("places", value) is not None:
        return value
    wanted = value.casefold()
    named = [p["id"] for p in snapshot.records("places") if p["name"].casefold() == wanted]
    if not named:
        raise BadRequest(f"unknown place {value!r}: give an id or a name from /api/places")
    return named[0]


def find_events(snapshot: Snapshot, wanted: EventFilter) -> list[dict]:
    story_events = None
    if wanted.story:
        story_events = set(lookup(snapshot, "stories", wanted.story)["timeline"])
    return [e for e in snapshot.records("events") if wanted.matches(e, story_events)]


# --- stories, claims, disagreements -----------------------------------------------------------


def story_detail(snapshot: Snapshot, story_id: str) -> dict:
    """A story with its brief, its articles, its claims and disagreements, and its events."""
    story = lookup(snapshot, "stories", story_id)
    events = snapshot.by_id["events"]
    return {
        "story": story,
        "articles": [snapshot.get("articles", a) for a in story["articles"]
                     if snapshot.get("articles", a)],  # fmt: skip
        "claims": in_story(snapshot, "claims", story_id),
        "disagreements": in_story(snapshot, "disagreements", story_id),
        "events": [events[e] for e in story["timeline"] if e in events],
    }


def in_story(snapshot: Snapshot, kind: str, story_id: str | None) -> list[dict]:
    """The claims or disagreements of one story (all when story_id is None)."""
    if story_id and snapshot.get("stories", story_id) is None:
        raise BadRequest(f"unknown story {story_id!r}: give an id from /api/stories")
    return [r for r in snapshot.records(kind) if story_id is None or r["story"] == story_id]


# --- actors ----------------------------------------------------------------------------------


def entity_summary(entity: dict) -> dict:
    """An entity as in analysis.json, its mentions counted instead of listed."""
    mentions = entity.get("mentions", [])
    summary = {key: value for key, value in entity.items() if key != "mentions"}
    summary["mention_count"] = len(mentions)
    summary["article_count"] = len({m["article"] for m in mentions})
    return summary


def find_entities(snapshot: Snapshot, params: Mapping[str, str]) -> list[dict]:
    """Actors, most mentioned first; `type` and `q` (a part of a name or alias) narrow them."""
    kind = params.get("type", "").strip().upper()
    words = params.get("q", "").strip().casefold()
    found = []
    for entity in snapshot.records("entities"):
        names = [entity["name"], *entity.get("aliases", [])]
        if (kind and entity["type"] != kind) or (
                words and not any(words in name.casefold() for name in names)):
            continue
        found.append(entity_summary(entity))
    found.sort(key=lambda e: (-e["mention_count"], e["name"].casefold()))
    return found


def actor_detail(snapshot: Snapshot, entity_id: str) -> dict:
    """An actor: its record, the events it did and those done to it, and each outlet's framing
    of it (loaded terms, tone, whether the outlet quotes it)."""
    entity = lookup(snapshot, "entities", entity_id)
    framing = []
    for outlet in snapshot.records("outlets"):
        terms = [t for t in outlet.get("framing_terms", []) if t.get("refers_to") == entity_id]
        tone = outlet.get("tone_by_actor", {}).get(entity_id)
        quoted = entity_id in outlet.get("quoted", [])
        if terms or tone is not None or quoted:
            framing.append({"outlet": outlet["name"], "framing_terms": terms, "tone": tone,
                            "quoted": quoted})
    events = snapshot.records("events")
    return {
        "entity": entity,
        "events_as_actor": [e for e in events if entity_id in e["actor"]],
        "events_as_target": [e for e in events if entity_id in e["target"]],
        "framing": framing,
    }


# --- articles --------------------------------------------------------------------------------


def find_articles(snapshot: Snapshot, params: Mapping[str, str]) -> list[dict]:
    """Articles in date order; `outlet` and `story` narrow them."""
    outlet = params.get("outlet", "").strip()
    story = params.get("story", "").strip()
    if story and snapshot.get("stories", story) is None:
        raise BadRequest(f"unknown story {story!r}: give an id from /api/stories")
    return [a for a in snapshot.records("articles")
            if (not outlet or a.get("outlet") == outlet)
            and (not story or snapshot.story_of.get(a["id"]) == story)]  # fmt: skip


def read_article(reader: CorpusReader, snapshot: Snapshot, article_id: str) -> dict:
    """The detail of one article (article_detail), its text read from the store."""
    lookup(snapshot, "articles", article_id)
    found = reader.article(article_id)
    if found is None:  # removed from the store since the snapshot was read
        raise NotFound(f"no article with id {article_id!r}")
    return article_detail(snapshot, *found)


def article_detail(snapshot: Snapshot, article: Article, annotation: Annotation) -> dict:
    """An article with its text and every span found in it (character offsets into the text),
    and the merged events it reports."""
    record = lookup(snapshot, "articles", article.id)
    spans = snapshot.spans.get(article.id, [])
    return {
        "article": {**record, "story": snapshot.story_of.get(article.id), "text": article.text},
        "annotations": {
            "entities": [s for s in spans if "entity" in s],
            "places": [s for s in spans if "place" in s],
            "timexes": [asdict(t) for t in annotation.timexes],
            "events": [_event_mention(snapshot, mention) for mention in annotation.events],
            "quotes": [asdict(q) for q in annotation.quotes],
        },
        "events": [e for e in snapshot.records("events") if article.id in e["articles"]],
    }


def _event_mention(snapshot: Snapshot, mention) -> dict:
    """One sentence's report of an event, with the merged event it joined (when one did)."""
    reported = snapshot.reported_at.get((mention.article, mention.sentence_start), [])
    same_type = [e for e in reported if e["type"] == mention.type]
    joined = (same_type or reported or [None])[0]
    return {
        "type": mention.type, "mode": mention.mode, "trigger": mention.trigger,
        "trigger_start": mention.trigger_start, "trigger_end": mention.trigger_end,
        "sentence_start": mention.sentence_start, "sentence_end": mention.sentence_end,
        "negated": mention.negated, "hypothetical": mention.hypothetical,
        "event": joined["id"] if joined else None,
    }  # fmt: skip
