"""Plain records passed between the stages.

Every span points into an article's clean text by character offsets (`start`, `end`),
the way spaCy's Span points into a Doc. spaCy objects never leave `annotate`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

ENTITY_TYPES = ("PERSON", "ORG", "COUNTRY", "ARMED_GROUP", "PLACE", "OTHER")


@dataclass(frozen=True)
class Article:
    """One news article after ingest: clean text plus what is known about where it came from."""

    id: str  # stable: hash of the normalised text
    text: str  # clean body; all offsets point into it
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    published: str | None = None  # ISO date "2016-09-28" (or datetime "2016-09-28T16:34")
    published_from: str | None = None  # "metadata" | "text" | "inferred" | None
    language: str | None = None
    source_id: str | None = None  # the id the input gave (JSONL/CSV `id`)
    path: str | None = None  # file, "file#N" for the Nth record, or the URL fetched
    copy_of: str | None = None  # id of the article this one duplicates
    republished_from: str | None = None  # outlet or url the text says it republishes
    words: int = 0


def published_date(article: Article) -> date | None:
    """The article's publication day, when it has one that parses."""
    if not article.published:
        return None
    try:
        return date.fromisoformat(article.published[:10])
    except ValueError:
        return None


# How `outlet_name` names an article without an outlet or a web site, for text that must not
# read that name as words or numbers ("reported only by article 4a797d").
UNNAMED_OUTLET = re.compile(r"\barticle [0-9a-f]{6,}\b")


def outlet_name(article: Article) -> str:
    """Who published the article, as a reader would name it."""
    return publisher_name(article.outlet, article.url, article.id)


def publisher_name(outlet: str | None, url: str | None, article_id: str) -> str:
    """The outlet, else the web site, else "article" and the start of the article's id (an
    unnamed outlet counts on its own)."""
    if outlet:
        return outlet
    host = re.match(r"https?://(?:www\.)?([^/:]+)", url or "")
    return host.group(1) if host else f"article {article_id[:6]}"


@dataclass(frozen=True)
class Failure:
    """An input that could not become an article, and why (one line, names the input)."""

    source: str
    cause: str

    def __str__(self) -> str:
        return f"{self.source}: {self.cause}"


@dataclass(frozen=True)
class Mention:
    """A named-entity mention found by annotate (spaCy label or one of ours)."""

    article: str
    start: int
    end: int
    text: str
    label: str  # PERSON ORG GPE NORP LOC FAC ... as tagged
    sentence: int = 0  # index of the sentence in the article


@dataclass(frozen=True)
class PlaceMention:
    """A toponym resolved to a GeoNames-style place."""

    article: str
    start: int
    end: int
    text: str
    name: str  # canonical name of the place
    country: str | None  # ISO 3166-1 alpha-2
    lat: float | None
    lon: float | None
    geonameid: int | None
    feature: str  # "country" | "admin1" | "city" | "region" | ...
    score: float = 1.0


@dataclass(frozen=True)
class Timex:
    """A time expression normalised to a TimeML value."""

    article: str
    start: int
    end: int
    text: str
    value: str  # "2016-09-28", "2016-09", "2016-W39", "P1M", "PRESENT_REF", ...
    # "day" | "week" | "month" | "season" | "quarter" | "year" | "decade" | "time"
    # | "duration" | "set" | "ref"
    granularity: str
    type: str = "DATE"  # TimeML type: DATE TIME DURATION SET


@dataclass(frozen=True)
class Quote:
    """A direct or reported quotation and who said it."""

    article: str
    start: int
    end: int
    text: str
    speaker: str | None
    speaker_start: int | None = None
    speaker_end: int | None = None
    verb: str | None = None  # "said", "claimed", "told"


@dataclass
class Annotation:
    """Everything annotate found in one article."""

    article: str
    mentions: list[Mention] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)  # (start, end) offsets
    events: list[EventMention] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    blame_cues: list[BlameCue] = field(default_factory=list)


@dataclass(frozen=True)
class EntityMention:
    article: str
    start: int
    end: int
    text: str


@dataclass
class Entity:
    """One real-world actor across all articles."""

    id: str
    name: str
    type: str  # one of ENTITY_TYPES
    aliases: list[str] = field(default_factory=list)
    mentions: list[EntityMention] = field(default_factory=list)
    country: str | None = None  # ISO alpha-2 the actor belongs to, when known
    kb_id: str | None = None  # id in our curated actor list, when matched


@dataclass
class Place:
    """One place across all articles, with its mentions."""

    id: str
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    feature: str = "city"
    mentions: list[EntityMention] = field(default_factory=list)


@dataclass(frozen=True)
class Magnitude:
    """A count reported with an event: the dead, the injured, the displaced, the arrested."""

    kind: str  # "killed" | "injured" | "displaced" | "arrested" | "other"
    text: str  # as written: "at least 23", "tens of thousands"
    value: int | None  # parsed lower bound: 23, 20000 ("tens of thousands"); None if vague
    start: int
    end: int


@dataclass(frozen=True)
class EventMention:
    """One PLOVER event as one sentence reports it, with the spans a later stage resolves."""

    article: str
    sentence_start: int  # the evidence sentence, char offsets
    sentence_end: int
    trigger_start: int  # the verb or noun that evokes the event
    trigger_end: int
    trigger: str
    type: str  # one of the 16 PLOVER types
    mode: str | None  # how: "airstrike", "shelling", "phone call", "meeting", ...
    actors: tuple[tuple[int, int, str], ...]  # source actor spans (start, end, text)
    targets: tuple[tuple[int, int, str], ...]
    negated: bool
    hypothetical: bool  # threats, plans, conditions, modals, future
    claimed_by: tuple[int, int, str] | None  # who the sentence says claims it
    magnitudes: tuple[Magnitude, ...] = ()
    location_spans: tuple[tuple[int, int, str], ...] = ()  # "in Aleppo", "near Idlib"
    time_spans: tuple[tuple[int, int, str], ...] = ()  # "on Wednesday" in the same clause
    confidence: float = 0.5


@dataclass
class Event:
    """One real-world event, merged from every report of it across articles."""

    id: str
    type: str  # one of the 16 PLOVER types
    mode: str | None
    actor: list[str] = field(default_factory=list)  # entity ids
    target: list[str] = field(default_factory=list)
    actor_text: list[str] = field(default_factory=list)  # spans no entity resolved
    target_text: list[str] = field(default_factory=list)
    place: str | None = None  # Place id
    place_name: str | None = None
    place_precision: str | None = None  # the Place's feature: "city" | "admin1" | "country" ...
    place_country: str | None = None  # ISO alpha-2
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    date: str | None = None  # TimeML value: "2016-09-26", "2016-W39", "2016-09"
    date_granularity: str | None = None  # "day" | "week" | "month" | ... | "published"
    negated: bool = False
    hypothetical: bool = False
    status: str = "asserted"  # "asserted" | "claimed" (the report attributes it to someone)
    claimed_by: list[str] = field(default_factory=list)  # entity ids
    claimed_by_text: list[str] = field(default_factory=list)
    magnitudes: list[dict] = field(default_factory=list)  # {kind, text, value}
    articles: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    independent_sources: int = 0
    evidence: list[dict] = field(default_factory=list)  # {article, start, end, text}
    confidence: float = 0.0


@dataclass(frozen=True)
class Label:
    """A descriptive noun a sentence applies to a name: "Nusra, a militant group", "Nusra
    fighters", "the jihadist Nusra", "the leader of Nusra", "Nusra is a terrorist group"."""

    article: str
    start: int  # the label as written, its descriptive words included ("pro-government militia")
    end: int
    text: str
    phrase: str  # normalised: lower case, plural noun singular, names and "so-called" left out
    head_start: int  # the label's noun
    head_end: int
    entity_start: int  # the head word of the name it labels (a proper noun or a named entity)
    entity_end: int
    # "apposition" (name, label) | "apposition_to" (label, name) | "compound" (name label)
    # | "premodifier" (label name) | "of" (label of name) | "predicate" (name is a label)
    # | "described_as" (called name a label, described name as a label)
    relation: str


@dataclass(frozen=True)
class BlameCue:
    """A word that holds someone responsible, with the one it holds responsible: the subject or
    "by" agent of a harmful verb ("X broke the truce"), the object of blaming ("Y blamed X")."""

    article: str
    start: int  # the cue word: "broke", "blamed", "responsible"
    end: int
    text: str
    lemma: str
    blamed_start: int  # the phrase held responsible, relative clauses left out
    blamed_end: int
    blamed_text: str
    blamed_head: str  # its head word
    scope: str  # the cue's arguments, as words: where the harmed thing ("the truce") is named
    reported: bool  # someone's account the sentence reports (under "said", or a blaming verb)
