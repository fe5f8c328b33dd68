"""Events: resolve each sentence-level PLOVER mention, then merge reports across articles.

    build_events(articles, annotations, entities, places) -> [Event]
    event_to_json(event, names) -> the analysis.json form of one Event

A mention's actor and target spans become entity ids (the entity whose mention lies inside the
span, else the one overlapping it most), its location spans a Place, its time spans a date (the
sentence's own expression first; the publication date only when the sentence has none, and then
marked "published"). Reports of one real-world event are merged when they share the type and
the flags (negated, hypothetical), their dates and stated places agree, some report agrees on who
acted on whom (a leader and the country they act for are one side), and enough positive evidence
(shared parties, doer and target words, place, day, mode, toll) links them; a claim joins plain
reports only when it names the same doer. A backer named in the doer's phrase ("US-backed
rebels") is not the doer. Candidates come from an index keyed by type, flags and date bucket, so
merging is linear in the number of mentions rather than all-pairs; a second pass joins clusters
the greedy order kept apart.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from manysides.annotate.event_lexicon import COOPERATIVE_TYPES
from manysides.annotate.event_spans import is_pronoun_word
from manysides.provenance import citation_pattern, cited_outlet
from manysides.records import (
    Annotation,
    Article,
    Entity,
    Event,
    EventMention,
    Place,
    Timex,
    outlet_name,
    published_date,
)

PUBLISHED = "published"
PUBLISHED_SLACK = timedelta(days=3)  # a report without a date may be days after the event
SHORT_INTERVAL = 8  # intervals up to this many days are indexed by day, longer ones by month
SENTENCE_DATE_GRANULARITIES = frozenset({"day", "week", "month", "time"})
SPAN_DATE_GRANULARITIES = SENTENCE_DATE_GRANULARITIES | {"year", "quarter"}
PRONOUNS = frozenset(
    {"i", "we", "you", "he", "she", "it", "they", "me", "us", "him", "her", "them", "who",
     "which", "that", "this", "these", "those", "our", "its", "their", "his", "everyone",
     "anyone", "someone", "nobody", "everybody", "one", "all", "both", "each", "the other"}
)  # fmt: skip
DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "our", "this", "that"})
PRECISION_RANK = {"city": 0, "admin2": 1, "admin1": 2, "region": 3, "country": 4, "continent": 5}
# Heads too common to say two reports are of one event ("killed at least 23 people").
GENERIC_HEADS = frozenset(
    {"people", "civilian", "person", "other", "side", "party", "fighter", "force", "soldier",
     "official", "thing", "member", "resident", "child", "women", "men", "agenda", "media"}
)  # fmt: skip
# The affinity a report needs to join an event, beyond compatibility: more than a shared date
# alone ("Buyers signed orders" that week is not the ceasefire signed that week).
MERGE_THRESHOLD = 1.5
DEED_TYPES = frozenset({"ASSAULT", "AID", "COERCE", "MOBILIZE", "RETREAT"})
# Acts two parties do together: "Kerry met Lavrov" and "Lavrov met Kerry" are one meeting.
MUTUAL_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
# Types one real-world event is coded as by different outlets: "Russia has supported Assad's
# forces" and "Russia has propped up Assad" tell of one backing, verbal or material.
MERGE_FAMILIES = {"AID": "AID", "SUPPORT": "AID"}
# The mode of an agreement that is a promise to act ("will meet" -> "consult"): the coder names
# it after the act promised. Any other mode of an agreement names a deal ("ceasefire deal").
PROMISED_ACTS = frozenset(t.lower() for t in COOPERATIVE_TYPES)
# A directed deed naming this many doers is a list of deeds, not one.
LISTING_ACTORS = 3
# An undated report is compared with this many of its block's latest events, not all of them.
UNDATED_CANDIDATES = 400
# What may stand before a time phrase that opens a sentence and dates all of it ("In 2011, ").
FRONTED = re.compile(r"\W*(?:(?:in|on|by|during|until|from|as of)\s+)?", re.IGNORECASE)
# Openings that tie a sentence to the time of the one before it.
CARRIED_TIME = re.compile(
    r"\W*(?:at (?:that|the) time|at the same time|then|by then|back then"
    r"|(?:he|she|they|[A-Z]\w+) (?:also )?added)\b(?!-)", re.IGNORECASE)
# A preposition that puts the place after it as where something happens ("around Aleppo").
LOCATIVE = re.compile(
    r"\b(?:in|at|near|around|outside|inside|across|throughout|within|into)\s+(?:the\s+)?$",
    re.IGNORECASE)
CARRIED_LOOKBACK = 400  # characters: about the sentence before, not the article's start

Interval = tuple[date, date]


# ---------------------------------------------------------------- resolved reports


@dataclass
class Report:
    """One EventMention with its spans resolved to entities, a place and a date."""

    mention: EventMention
    article: Article
    actors: list[str]
    targets: list[str]
    actor_text: list[str]
    target_text: list[str]
    claimants: list[str]
    claimant_text: list[str]
    place: Place | None
    date_value: str | None
    granularity: str | None
    interval: Interval | None
    heads: set[str] = field(default_factory=set)  # head words of unresolved target spans
    actor_heads: set[str] = field(default_factory=set)  # and of unresolved actor spans
    place_stated: bool = True  # False: the nearest place in the sentence, not the event's own

    @property
    def explicit_date(self) -> bool:
        return self.interval is not None and self.granularity != PUBLISHED

    @property
    def status(self) -> str:
        return "claimed" if self.mention.claimed_by else "asserted"

    @property
    def doers(self) -> set[str]:
        return set(self.actors) | {h for h in map(_head_word, self.actor_text) if h}

    @property
    def block(self) -> tuple[str, bool, bool, bool]:
        """What two reports of one event must share: an outlet's claim and another's plain
        statement of the same deed are one event; a denial or a threat of it is not."""
        m = self.mention
        return (MERGE_FAMILIES.get(m.type, m.type), m.negated, m.hypothetical, self.listing)

    @property
    def listing(self) -> bool:
        """ "their different sponsors (Russia, Iran, Iraq, Turkey ...)" sums up many deeds:
        merged with any one of them it would chain them all into one."""
        return self.mention.type not in MUTUAL_TYPES and len(self.actors) >= LISTING_ACTORS


class _SpanIndex:
    """Spans of one kind per article, sorted by start, for overlap lookups."""

    def __init__(self) -> None:
        self._spans: dict[str, list[tuple[int, int, object]]] = defaultdict(list)
        self._starts: dict[str, list[int]] = {}

    def add(self, article: str, start: int, end: int, item: object) -> None:
        self._spans[article].append((start, end, item))

    def freeze(self) -> _SpanIndex:
        for article, spans in self._spans.items():
            spans.sort(key=lambda s: (s[0], s[1]))
            self._starts[article] = [s[0] for s in spans]
        return self

    def overlapping(self, article: str, start: int, end: int) -> list[tuple[int, int, object]]:
        spans = self._spans.get(article, [])
        last = bisect.bisect_left(self._starts.get(article, []), end)
        # mentions are short: looking back a bounded stretch finds every overlap
        first = bisect.bisect_left(self._starts.get(article, []), start - 200)
        return [s for s in spans[first:last] if s[1] > start and s[0] < end]


def _entity_index(entities: Sequence[Entity]) -> tuple[_SpanIndex, dict[str, Entity]]:
    index = _SpanIndex()
    for entity in entities:
        for mention in entity.mentions:
            index.add(mention.article, mention.start, mention.end, entity.id)
    return index.freeze(), {e.id: e for e in entities}


def _place_index(places: Sequence[Place], entities: Sequence[Entity]) -> _SpanIndex:
    """Place mentions, and mentions the link stage found to name a place ("Ilave", which the
    tagger took for a person)."""
    index = _SpanIndex()
    by_id = {place.id: place for place in places}
    for place in places:
        for mention in place.mentions:
            index.add(mention.article, mention.start, mention.end, place)
    for entity in entities:
        place = by_id.get(entity.id)
        for mention in entity.mentions if place is not None else ():
            index.add(mention.article, mention.start, mention.end, place)
    return index.freeze()


def _timex_index(annotations: Sequence[Annotation]) -> _SpanIndex:
    index = _SpanIndex()
    for annotation in annotations:
        for timex in annotation.timexes:
            index.add(timex.article, timex.start, timex.end, timex)
    return index.freeze()


# ---------------------------------------------------------------- span -> entity ids


def span_entities(index: _SpanIndex, article: str, start: int, end: int) -> list[str]:
    """Entities of the mentions inside the span, else of the mention overlapping it most."""
    found = index.overlapping(article, start, end)
    inside = [s for s in found if s[0] >= start and s[1] <= end]
    if inside:
        outer = [s for s in inside if not any(_nested(s, o) for o in inside)]
        return list(dict.fromkeys(str(s[2]) for s in sorted(outer, key=lambda s: s[0])))
    if not found:
        return []
    best = max(found, key=lambda s: min(s[1], end) - max(s[0], start))
    return [str(best[2])]


def _nested(inner: tuple, outer: tuple) -> bool:
    return inner is not outer and outer[0] <= inner[0] and inner[1] <= outer[1] and (
        (outer[0], outer[1]) != (inner[0], inner[1])
    )


def _is_pronoun(text: str) -> bool:
    return is_pronoun_word(text.strip(), PRONOUNS)


def _head_word(text: str) -> str | None:
    words = [w for w in re.findall(r"[a-z]+", text.lower()) if w not in DETERMINERS]
    if not words:
        return None
    head = words[-1]
    return head[:-1] if head.endswith("s") and len(head) > 3 else head


@dataclass
class _Resolver:
    entities: _SpanIndex
    entity_by_id: dict[str, Entity]
    places: _SpanIndex
    timexes: _SpanIndex
    place_names: dict[str, Place] = field(default_factory=dict)
    owned_spans: dict[tuple[str, int], list[tuple[int, int, int]]] = field(default_factory=dict)
    sentence_mentions: dict[tuple[str, int], list[EventMention]] = field(default_factory=dict)

    def parties(self, mention: EventMention, spans, is_actor: bool) -> tuple[list, list]:
        """(entity ids, texts of the spans no entity resolved) for actor or target spans."""
        ids: list[str] = []
        texts: list[str] = []
        for start, end, text in spans:
            if _is_pronoun(text) or self.timexes.overlapping(mention.article, start, end):
                continue  # "they" says nothing on its own; "Thursday" is a parse slip
            found = span_entities(self.entities, mention.article, start, end)
            if is_actor:  # places do not act: "PUNO, 4 October —" is a dateline
                found = [e for e in found if self.entity_by_id[e].type != "PLACE"]
            if found:
                ids += [e for e in found if e not in ids]
            elif not is_actor or not self.places.overlapping(mention.article, start, end):
                texts.append(text)
        return ids, texts

    def claimants(self, mention: EventMention) -> tuple[list[str], list[str]]:
        if mention.claimed_by is None:
            return [], []
        start, end, text = mention.claimed_by
        found = span_entities(self.entities, mention.article, start, end)
        return (found, []) if found else ([], [text])

    def place(self, mention: EventMention, article_text: str) -> tuple[Place | None, bool]:
        """(the event's place, whether the event's own phrase names it)."""
        for start, end, phrase in mention.location_spans:
            found = self.places.overlapping(mention.article, start, end)
            if found:
                return _most_precise([s[2] for s in found]), True  # type: ignore[misc]
            named = self._place_named_in(phrase)  # "over the Ilave River": no toponym tagged
            if named is not None:
                return named, True
        return self._place_in_sentence(mention, article_text), False

    def _place_in_sentence(self, mention: EventMention, text: str) -> Place | None:
        tagged = self.places.overlapping(mention.article, mention.sentence_start,
                                         mention.sentence_end)
        spans = [s for s in tagged if not _dateline(text, mention.sentence_start, s)]
        spans += [s for s in self._named_places(mention, text)
                  if not any(s[0] < t[1] and t[0] < s[1] for t in tagged)]  # fmt: skip
        in_sentence = [s for s in spans
                       if not self._owned_by_other(mention, s[0], s[1])
                       and not self._names_a_party(mention, s)
                       and not _modifier(text, s)]  # fmt: skip
        if not in_sentence:
            return None
        by_distance = sorted(in_sentence, key=lambda s: abs(s[0] - mention.trigger_start))
        located = [s for s in by_distance if LOCATIVE.search(text[max(0, s[0] - 30) : s[0]])]
        chosen: Place = (located or by_distance)[0][2]  # type: ignore[assignment]
        return _finer_within(chosen, [s[2] for s in by_distance])

    def _names_a_party(self, mention: EventMention, span: tuple) -> bool:
        """A place that acts in any clause of the sentence ("a collaboration between the
        United States and Russia that calls for ...") is a party there, not a location here."""
        others = self.sentence_mentions.get((mention.article, mention.sentence_start), ())
        return any(_in_parties(m, span) for m in (mention, *others))

    def _named_places(self, mention: EventMention, text: str) -> list[tuple[int, int, Place]]:
        """Capitalised words of the sentence that name a place of the corpus, which the tagger
        missed here ("the market of Ilave") though it found them elsewhere: they count beside
        the places it did tag ("the last city in Syria that ISIS holds, Raqqa")."""
        found = []
        start = mention.sentence_start
        for word in re.finditer(r"[A-Z]\w+", text[start : mention.sentence_end]):
            place = self.place_names.get(word.group().lower())
            if place is not None:
                found.append((start + word.start(), start + word.end(), place))
        return found

    def _place_named_in(self, text: str) -> Place | None:
        words = re.findall(r"\w+", text.lower())
        for size in (3, 2, 1):  # the longest name first: "la paz" before "paz"
            for i in range(len(words) - size + 1):
                place = self.place_names.get(" ".join(words[i : i + size]))
                if place is not None:
                    return place
        return None

    def _owned_by_other(self, mention: EventMention, start: int, end: int) -> bool:
        """A place or date another event of the sentence names as its own ("in La Paz")."""
        owned = self.owned_spans.get((mention.article, mention.sentence_start), ())
        return any(s < end and start < e and trigger != mention.trigger_start
                   for s, e, trigger in owned)  # fmt: skip

    def timex(self, mention: EventMention, article_text: str = "") -> Timex | None:
        """The sentence's own time expression for the event, else the one its opening phrase
        sets for every clause, else the previous sentence's when it says it goes on at that
        time; None when the text does not date it."""
        for start, end, _text in mention.time_spans:
            dated = [t for t in self._timexes(mention.article, start, end)
                     if t.granularity in SPAN_DATE_GRANULARITIES]  # fmt: skip
            if dated:
                return min(dated, key=_interval_length)
        near = [t for t in self._timexes(mention.article, mention.sentence_start,
                                         mention.sentence_end)
                if t.granularity in SENTENCE_DATE_GRANULARITIES
                and not self._owned_by_other(mention, t.start, t.end)]  # fmt: skip
        if near:
            return min(near, key=lambda t: abs(t.start - mention.trigger_start))
        sentence = article_text[mention.sentence_start : mention.sentence_end]
        return self._fronted_timex(mention, sentence) or self._carried_timex(mention, sentence)

    def _fronted_timex(self, mention: EventMention, sentence: str) -> Timex | None:
        """ "In 2011, as protests began, Dean forecast ...": a time phrase set before the
        sentence's first comma dates every clause of it, a year as much as a day."""
        for timex in self._timexes(mention.article, mention.sentence_start,
                                   mention.sentence_end):
            before = sentence[: timex.start - mention.sentence_start]
            after = sentence[timex.end - mention.sentence_start :]
            if (timex.granularity in SPAN_DATE_GRANULARITIES and FRONTED.fullmatch(before)
                    and after.lstrip().startswith(",")):  # fmt: skip
                return timex
        return None

    def _carried_timex(self, mention: EventMention, sentence: str) -> Timex | None:
        """ "At that time, Kerry called on Russia ...", "He added, ...": the sentence goes on
        in the time of the one before it, so it takes that sentence's last date."""
        if not CARRIED_TIME.match(sentence):
            return None
        start = max(0, mention.sentence_start - CARRIED_LOOKBACK)
        earlier = [t for t in self._timexes(mention.article, start, mention.sentence_start)
                   if t.end <= mention.sentence_start
                   and t.granularity in SPAN_DATE_GRANULARITIES]  # fmt: skip
        return max(earlier, key=lambda t: t.start) if earlier else None

    def _timexes(self, article: str, start: int, end: int) -> list[Timex]:
        found = [s[2] for s in self.timexes.overlapping(article, start, end)]
        return [t for t in found if date_interval(t.value) is not None]  # type: ignore[union-attr]


def _dateline(text: str, sentence_start: int, span: tuple) -> bool:
    """ "PUNO, Altavera (Meridian Wire) — A convoy reached Ilave": where the story was filed,
    not where the event happened: a place in capitals opening the sentence."""
    name = text[span[0] : span[1]]
    return name.isupper() and not text[sentence_start : span[0]].strip()


def _in_parties(mention: EventMention, span: tuple) -> bool:
    """A place named as the doer or the claimant ("Russia bombed"), or a country as the target
    ("sanctioned Russia"), is not where it happened; a town hit is ("shelled the market of
    Ilave", "bombed Aleppo"), but a capital one talks to or shares with is its government
    ("share information with Moscow")."""
    place: Place = span[2]
    parties = mention.actors + ((mention.claimed_by,) if mention.claimed_by else ())
    wide = PRECISION_RANK.get(place.feature, 3) >= PRECISION_RANK["admin1"]
    if wide or mention.type not in DEED_TYPES:
        parties += mention.targets
    return any(start < span[1] and span[0] < end for start, end, _text in parties)


def _finer_within(chosen: Place, candidates: list[Place]) -> Place:
    """ "The last city in Syria that ISIS holds, Raqqa, is under daily airstrikes": a town of
    the chosen country named in the same sentence says more precisely where."""
    if not chosen.country or PRECISION_RANK.get(chosen.feature, 3) < PRECISION_RANK["country"]:
        return chosen
    inside = [p for p in candidates if p.country == chosen.country
              and PRECISION_RANK.get(p.feature, 3) < PRECISION_RANK["admin1"]]  # fmt: skip
    return inside[0] if inside else chosen


def _modifier(text: str, span: tuple) -> bool:
    """ "US-backed jihadists", "joint US-Russian cooperation": a place fused into a modifier
    says who stands behind someone, not where anything happened."""
    return bool(re.match(r"-[A-Za-z]", text[span[1] : span[1] + 2]))


def _place_names(places: Sequence[Place]) -> dict[str, Place]:
    """Lower-cased names of the corpus's places; the most mentioned wins a shared name."""
    names: dict[str, Place] = {}
    for place in sorted(places, key=lambda p: -len(p.mentions)):
        for name in {place.name, *(m.text for m in place.mentions)}:
            names.setdefault(" ".join(re.findall(r"\w+", name.lower())), place)
    return names


def _owned_spans(annotations: Sequence[Annotation]) -> dict[tuple[str, int], list]:
    owned: dict[tuple[str, int], list[tuple[int, int, int]]] = defaultdict(list)
    for annotation in annotations:
        for m in annotation.events:
            for start, end, _text in m.location_spans + m.time_spans:
                owned[(m.article, m.sentence_start)].append((start, end, m.trigger_start))
    return owned


def _sentence_mentions(annotations: Sequence[Annotation]) -> dict[tuple[str, int], list]:
    by_sentence: dict[tuple[str, int], list[EventMention]] = defaultdict(list)
    for annotation in annotations:
        for m in annotation.events:
            by_sentence[(m.article, m.sentence_start)].append(m)
    return by_sentence


def _most_precise(places: list[Place]) -> Place:
    return min(places, key=lambda p: PRECISION_RANK.get(p.feature, 3))


# ---------------------------------------------------------------- dates


def date_interval(value: str) -> Interval | None:
    """The days a TimeML value covers: "2016-09-28", "2016-W39", "2016-09", "2016-Q3", "2016"."""
    try:
        return _parse_interval(value)
    except ValueError:  # "2016-02-30" from a slip upstream: no date rather than a crash
        return None


def _parse_interval(value: str) -> Interval | None:
    if match := re.match(r"(\d{4})-(\d{2})-(\d{2})", value):
        day = date(*map(int, match.groups()))
        return day, day
    if match := re.match(r"(\d{4})-W(\d{2})", value):
        monday = date.fromisocalendar(int(match[1]), int(match[2]), 1)
        return monday, monday + timedelta(days=6)
    if match := re.fullmatch(r"(\d{4})-(\d{2})", value):
        return _month(int(match[1]), int(match[2]))
    if match := re.fullmatch(r"(\d{4})-Q([1-4])", value):
        first = _month(int(match[1]), 3 * int(match[2]) - 2)[0]
        return first, _month(int(match[1]), 3 * int(match[2]))[1]
    if match := re.fullmatch(r"(\d{4})", value):
        return date(int(value), 1, 1), date(int(value), 12, 31)
    return None


def _month(year: int, month: int) -> Interval:
    first = date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return first, following - timedelta(days=1)


def _interval_length(timex: Timex) -> int:
    interval = date_interval(timex.value)
    return (interval[1] - interval[0]).days if interval else 10_000


DatedValue = tuple[str | None, str | None, Interval | None]


def resolve_date(timex: Timex | None, article: Article) -> DatedValue:
    """(value, granularity, interval): the sentence's expression, else the publication date."""
    if timex is not None:
        counted = date_interval(timex.value)
        interval = approximate(timex.text, counted)
        granularity = "day" if timex.granularity == "time" else timex.granularity
        value = timex.value[:10] if granularity == "day" else timex.value
        if interval != counted and interval is not None and _one_month(interval):
            # "more than a week ago" is some day of those weeks: say the month, not one day
            value, granularity = interval[0].isoformat()[:7], "month"
        return value, granularity, interval
    published = published_date(article)
    if published is None:
        return None, None, None
    return published.isoformat(), PUBLISHED, (published - PUBLISHED_SLACK,
                                              published + PUBLISHED_SLACK)


def _one_month(interval: Interval) -> bool:
    return interval[0].isoformat()[:7] == interval[1].isoformat()[:7]


AGO_UNITS = {"day": 1, "week": 7, "fortnight": 14, "month": 30, "year": 365}
AGO = re.compile(r"\b(day|week|fortnight|month|year)s?\s+ago\b")
AT_LEAST = re.compile(r"\b(more than|over|at least|upwards of)\b")


def approximate(text: str, interval: Interval | None) -> Interval | None:
    """The days "two weeks ago" may mean: the counted day give or take half a unit, and any
    earlier day for "more than a week ago"."""
    match = AGO.search(text.lower())
    if interval is None or match is None or interval[0] != interval[1]:
        return interval
    unit = AGO_UNITS[match[1]]
    slack = timedelta(days=unit // 2)
    start, end = interval[0] - slack, interval[1] + slack
    if AT_LEAST.search(text.lower()):
        start, end = interval[0] - timedelta(days=2 * unit), interval[1]
    return start, end


def dates_compatible(a: Report, b: Report) -> bool:
    """Same day, one inside the other, or a publication-date window overlapping the other."""
    if a.interval is None or b.interval is None:
        return True
    if not (a.explicit_date and b.explicit_date):
        return a.interval[0] <= b.interval[1] and b.interval[0] <= a.interval[1]
    return _inside(a.interval, b.interval) or _inside(b.interval, a.interval)


def _inside(inner: Interval, outer: Interval) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def date_buckets(interval: Interval | None) -> list[str]:
    """Index keys: each day of a short interval, each month of a long one."""
    if interval is None:
        return ["none"]
    first, last = interval
    if (last - first).days <= SHORT_INTERVAL:
        return [f"D{(first + timedelta(days=i)).isoformat()}"
                for i in range((last - first).days + 1)]  # fmt: skip
    months = []
    cursor = first.replace(day=1)
    while cursor <= last and len(months) < 13:
        months.append(f"M{cursor.isoformat()[:7]}")
        cursor = _month(cursor.year, cursor.month)[1] + timedelta(days=1)
    return months


def probe_buckets(interval: Interval | None) -> list[str]:
    """Every key under which a compatible event may have been indexed."""
    if interval is None:
        return ["none"]
    first, last = interval
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    keys = [f"D{d.isoformat()}" for d in days]
    keys += list(dict.fromkeys(f"M{d.isoformat()[:7]}" for d in days))
    return keys + ["none"]


# ---------------------------------------------------------------- places


def places_compatible(a: Place | None, b: Place | None) -> bool:
    """Same place, one missing, or one is the country (or wider area) the other lies in."""
    if a is None or b is None or a.id == b.id:
        return True
    return _contains(a, b) or _contains(b, a)


def _contains(wide: Place, narrow: Place) -> bool:
    wide_rank = PRECISION_RANK.get(wide.feature, 3)
    if wide_rank < PRECISION_RANK["admin1"] or wide_rank <= PRECISION_RANK.get(narrow.feature, 3):
        return False
    return wide.country is None or wide.country == narrow.country


# ---------------------------------------------------------------- merging


@dataclass(eq=False)  # compared by identity: field-wise equality is slow and meaningless
class _Cluster:
    """Reports believed to tell of one event, with what they share."""

    number: int
    block: tuple[str, bool, bool, bool]
    reports: list[Report] = field(default_factory=list)
    actors: set[str] = field(default_factory=set)
    targets: set[str] = field(default_factory=set)
    claimants: set[str] = field(default_factory=set)
    heads: set[str] = field(default_factory=set)
    actor_heads: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)
    sentences: set[tuple[str, int]] = field(default_factory=set)
    modes: set[str] = field(default_factory=set)
    tolls: set[str] = field(default_factory=set)  # kinds of magnitude stated: killed, injured
    statuses: set[str] = field(default_factory=set)
    doers: set[str] = field(default_factory=set)  # actor ids and head words of unresolved actors
    # one report per distinct (date, place, parties): checks cost the distinct ones, not all
    distinct: dict[tuple, Report] = field(default_factory=dict)

    def absorb(self, other: _Cluster) -> None:
        for report in other.reports:
            self.add(report)

    def add(self, report: Report) -> None:
        self.reports.append(report)
        place = report.place.id if report.place else None
        parties = (tuple(report.actors), tuple(report.targets), tuple(report.claimants))
        self.distinct.setdefault((report.interval, report.explicit_date, place, parties), report)
        self.modes.add(report.mention.mode or "")
        self.tolls.update(m.kind for m in report.mention.magnitudes)
        self.statuses.add(report.status)
        self.doers.update(report.doers)
        self.actors.update(report.actors)
        self.targets.update(report.targets)
        self.claimants.update(report.claimants)
        self.heads.update(report.heads)
        self.actor_heads.update(report.actor_heads)
        self.articles.add(report.article.id)
        self.sentences.add((report.article.id, report.mention.sentence_start))


def compatible(cluster: _Cluster, report: Report, book: PartyBook) -> bool:
    """Whether the report may tell of the cluster's event at all.

    Every report of the cluster must agree on date and place (no chaining from day to day),
    while one report agreeing on who acted on whom is enough: a cluster gathers the parties
    each outlet names, and a stray party one sentence adds must not bar the rest.
    """
    if report.status not in cluster.statuses and not _same_doers(cluster.doers, report.doers):
        return False
    if report.mention.type not in MUTUAL_TYPES and _reversed_roles(
            cluster.actors, cluster.targets, report.actors, report.targets):
        return False
    members = cluster.distinct.values()
    if not all(dates_compatible(other, report) and stated_places_compatible(other, report)
               and same_agreement(other, report) for other in members):  # fmt: skip
        return False
    agree = _party_agreement(report.mention.type)
    return agree(parties_compatible(other, report, book) for other in members)


def same_agreement(a: Report, b: Report) -> bool:
    """ "Kerry and Lavrov will meet again on Monday" (a promise to meet) and "Kerry negotiated a
    deal with Russia" are two agreements between the same parties, not one; nor is a promise of
    aid one to meet. Agreements with no mode say nothing either way."""
    if a.mention.type != "AGREE" or b.mention.type != "AGREE":
        return True
    kinds = {_agreement_kind(r.mention.mode) for r in (a, b)} - {None}
    return len(kinds) < 2


def _agreement_kind(mode: str | None) -> str | None:
    if not mode:
        return None
    return mode if mode in PROMISED_ACTS else "deal"


def _party_agreement(kind: str):
    """How many reports of an event a newcomer's parties must agree with: one for talks and
    deals (each outlet names some of the parties), all for a directed deed (so that backings
    of different sides do not chain into one)."""
    return any if kind in MUTUAL_TYPES else all


def _reversed_roles(actors: set[str], targets: set[str], their_actors: Sequence[str],
                    their_targets: Sequence[str]) -> bool:
    """ "Russia accused the US" and "the US accused Russia" are two events, not one."""
    return bool((set(their_actors) & (targets - actors))
                or (set(their_targets) & (actors - targets)))  # fmt: skip


def _same_doers(mine: set[str], theirs: set[str]) -> bool:
    """A claim joins the plain report of a deed only when it blames the same doer (or none):
    "the government said rebels bombed the hospital" is a rival account, not a confirmation."""
    return not mine or not theirs or not mine.isdisjoint(theirs)


def stated_places_compatible(a: Report, b: Report) -> bool:
    """A place only guessed from the sentence ("the agreement signed yesterday lets convoys
    into Ilave") may be another event's: it says where, but cannot rule a report out."""
    return not (a.place_stated and b.place_stated) or places_compatible(a.place, b.place)


@dataclass(frozen=True)
class PartyBook:
    """What merging needs to know of each entity: whether it is a person, and the country a
    person acts for (from the curated actor list: a head of state, a minister)."""

    kinds: Mapping[str, str]  # entity id -> entity type
    countries: Mapping[str, str]  # person id -> the id of the country entity they belong to

    @classmethod
    def of(cls, entities: Sequence[Entity]) -> PartyBook:
        country_ids = {e.country: e.id for e in entities if e.type == "COUNTRY" and e.country}
        countries = {e.id: country_ids[e.country] for e in entities
                     if e.type == "PERSON" and e.country in country_ids}  # fmt: skip
        return cls({e.id: e.type for e in entities}, countries)

    def kind(self, entity: str) -> str:
        return "person" if self.kinds.get(entity) == "PERSON" else "body"

    def people(self, side: Iterable[str]) -> set[str]:
        return {e for e in side if self.kind(e) == "person"}

    def represented(self, side: Iterable[str], other: Iterable[str]) -> set[str]:
        """Countries the other side names that a person of this side acts for: "Syrian forces"
        in one report, "Assad" in another."""
        return {self.countries[e] for e in side if e in self.countries} & set(other)


def parties_compatible(a: Report, b: Report, book: PartyBook) -> bool:
    return not (_sides_conflict(a.actors, b.actors, book)
                or _sides_conflict(a.targets, b.targets, book)
                or _sides_conflict(a.claimants, b.claimants, book))  # fmt: skip


def _sides_conflict(mine: Sequence[str], theirs: Sequence[str], book: PartyBook) -> bool:
    """Two named sides that share nobody, and name the same kind of party.

    A person and an organisation do not conflict: "Foreign Minister Lazcano signed" and "the
    government signed" tell of one signing. Nor do "Russia and Assad" and "Syria", since Assad
    acts for Syria; but "Kerry and Lavrov" and "Obama and Putin" name different people, whatever
    countries they share.
    """
    if not mine or not theirs or not set(mine).isdisjoint(theirs):
        return False
    if book.represented(mine, theirs) or book.represented(theirs, mine):
        return bool(book.people(mine) and book.people(theirs))
    return bool({book.kind(e) for e in mine} & {book.kind(e) for e in theirs})


def affinity(cluster: _Cluster, report: Report, book: PartyBook) -> float:
    """How much positive evidence says the report is of the cluster's event."""
    score = _party_affinity(cluster.actors | cluster.targets, report.actors + report.targets, book)
    score += 1.0 if cluster.heads & report.heads else 0.0
    # "the rebels had punched through" and "rebels opened in their offensive": the same
    # unnamed doer, as a shared target word is the same thing hit
    score += 1.0 if cluster.actor_heads & report.actor_heads else 0.0
    others = cluster.distinct.values()
    score += max((_place_affinity(other.place, report.place) for other in others), default=0.0)
    if report.explicit_date and any(o.explicit_date for o in others):
        score += 1.0 if any(o.interval == report.interval for o in others) else 0.5
    if report.mention.mode and report.mention.mode in cluster.modes:
        # "a convoy of 14 trucks" in one outlet, "a UN convoy reached" in another; a deed's
        # mode says more than a statement's ("allege", "agreement")
        score += 1.0 if report.mention.type in DEED_TYPES else 0.5
    if cluster.tolls & {m.kind for m in report.mention.magnitudes}:
        score += 0.5  # both count the dead (or the injured, the displaced)
    if (report.article.id, report.mention.sentence_start) in cluster.sentences:
        score += 1.0  # one sentence naming one event twice ("struck ... the attack")
    if report.article.copy_of in cluster.articles:
        score += 2.0  # a copy repeats its original's reports
    return score


def _party_affinity(theirs: set[str], mine: list[str], book: PartyBook) -> float:
    """Two points per party both name; half a point per country one names and the other names
    by a person acting for it ("Kerry" against "the US"): a sentence naming the president often
    names his country too, so on its own that says little."""
    shared = theirs & set(mine)
    stood_for = (book.represented(mine, theirs) | book.represented(theirs, mine)) - shared
    return 2.0 * len(shared) + 0.5 * len(stood_for)


def _place_affinity(a: Place | None, b: Place | None) -> float:
    if a is None or b is None:
        return 0.0
    if a.id == b.id:
        return 1.0 if PRECISION_RANK.get(a.feature, 3) < PRECISION_RANK["country"] else 0.5
    return 0.25 if places_compatible(a, b) else 0.0


class _Merger:
    """Greedy merging over an index (block, date bucket) -> clusters."""

    def __init__(self, book: PartyBook) -> None:
        self.book = book
        self.clusters: list[_Cluster] = []
        self.index: dict[tuple, list[_Cluster]] = defaultdict(list)
        self.by_block: dict[tuple, list[_Cluster]] = defaultdict(list)

    def add(self, report: Report) -> None:
        best = self._best_match(report)
        if best is None:
            best = _Cluster(len(self.clusters), report.block)
            self.clusters.append(best)
            self.by_block[report.block].append(best)
        best.add(report)
        for bucket in date_buckets(report.interval):
            key = (report.block, bucket)
            if best not in self.index[key]:
                self.index[key].append(best)

    def _best_match(self, report: Report) -> _Cluster | None:
        scored = [(affinity(c, report, self.book), -_other_doers(c, report), -c.number, c)
                  for c in self._candidates(report) if compatible(c, report, self.book)]
        scored = [s for s in scored if s[0] >= MERGE_THRESHOLD]
        return max(scored, key=lambda s: s[:3])[3] if scored else None

    def _candidates(self, report: Report) -> list[_Cluster]:
        if report.interval is None:
            # a report of unknown date may be of any dated event: the latest of its block
            return self.by_block.get(report.block, [])[-UNDATED_CANDIDATES:]
        seen: dict[int, _Cluster] = {}
        for bucket in probe_buckets(report.interval):
            for cluster in self.index.get((report.block, bucket), ()):
                seen.setdefault(cluster.number, cluster)
        return list(seen.values())

    def join_clusters(self) -> list[_Cluster]:
        """A second pass, since the greedy one depends on order: a report may have gone to a
        cluster of its own sentence ("guarantees provided by the army, a convoy reached the
        town") before the other outlets' reports of its event arrived. Clusters that could be
        one join when some report of one is close enough to the other."""
        absorbed: set[int] = set()
        for cluster in self.clusters:
            if cluster.number in absorbed:
                continue
            for other in self._joinable(cluster, absorbed):
                cluster.absorb(other)
                absorbed.add(other.number)
        return [c for c in self.clusters if c.number not in absorbed]

    def _joinable(self, cluster: _Cluster, absorbed: set[int]) -> list[_Cluster]:
        found: dict[int, _Cluster] = {}
        for report in cluster.distinct.values():
            for other in self._candidates(report):
                if other.number > cluster.number and other.number not in absorbed:
                    found.setdefault(other.number, other)
        return [o for o in found.values() if clusters_joinable(cluster, o, self.book)]


def _other_doers(cluster: _Cluster, report: Report) -> int:
    """How many doers the event names that the report does not: of two events that fit a
    report equally well ("the rebels had punched through"), it joins the one whose doers are
    its own, not one where the rebels' capture lies beside the army's retaking."""
    return len(cluster.doers - report.doers) if report.doers else 0


def clusters_joinable(a: _Cluster, b: _Cluster, book: PartyBook) -> bool:
    """Every report of each agrees on date and place, some pair on the parties, and some
    report of the second is close enough to the first."""
    if len(a.statuses | b.statuses) > 1 and not _same_doers(a.doers, b.doers):
        return False
    if a.block[0] not in MUTUAL_TYPES and _reversed_roles(
            a.actors, a.targets, list(b.actors), list(b.targets)):
        return False
    if not all(dates_compatible(x, y) and stated_places_compatible(x, y) and same_agreement(x, y)
               for x in a.distinct.values() for y in b.distinct.values()):  # fmt: skip
        return False
    agree = _party_agreement(a.block[0])
    if not agree(parties_compatible(x, y, book)
                 for x in a.distinct.values() for y in b.distinct.values()):  # fmt: skip
        return False
    return max(affinity(a, r, book) for r in b.reports) >= MERGE_THRESHOLD


# ---------------------------------------------------------------- the public functions


def build_events(
    articles: Sequence[Article],
    annotations: Sequence[Annotation],
    entities: Sequence[Entity],
    places: Sequence[Place],
) -> list[Event]:
    """One Event per real-world event, with every article that reports it."""
    by_id = {a.id: a for a in articles}
    entity_index, entity_by_id = _entity_index(entities)
    resolver = _Resolver(entity_index, entity_by_id, _place_index(places, entities),
                         _timex_index(annotations), _place_names(places),
                         _owned_spans(annotations), _sentence_mentions(annotations))  # fmt: skip
    reports = [
        resolve_report(mention, by_id[mention.article], resolver)
        for annotation in annotations
        for mention in annotation.events
        if mention.article in by_id
    ]
    reports.sort(key=_report_order)
    merger = _Merger(PartyBook.of(entities))
    for report in reports:
        merger.add(report)
    clusters = [c for c in merger.join_clusters() if _informative(c)]
    origins = _Origins(source_origins(articles))
    events = [_to_event(c, origins) for c in clusters]
    _make_ids_unique(events, clusters)
    return sorted(events, key=lambda e: (e.date or "9999", -len(e.articles), e.id))


def _informative(cluster: _Cluster) -> bool:
    """Whether the event tells who, whom, how many, or where and when: "it was not clear who
    fired the shells" or "she declined to comment" alone tell nobody anything."""
    return any(
        r.actors or r.targets or r.actor_text or r.target_text or r.mention.magnitudes
        or (r.place is not None and r.place_stated and r.explicit_date)
        for r in cluster.reports
    )


def resolve_report(mention: EventMention, article: Article, resolver: _Resolver) -> Report:
    """The mention with its actors, targets, claimant, place and date resolved."""
    actors, actor_text = resolver.parties(mention, _without_backers(mention.actors), is_actor=True)
    targets, target_text = resolver.parties(mention, _without_doers(mention), is_actor=False)
    claimants, claimant_text = resolver.claimants(mention)
    value, granularity, interval = resolve_date(resolver.timex(mention, article.text),
                                                   article)
    heads = _specific_heads(target_text)
    place, stated = resolver.place(mention, article.text)
    return Report(mention, article, actors, targets, actor_text, target_text, claimants,
                  claimant_text, place, value, granularity, interval, heads,
                  _specific_heads(actor_text), stated)


# "US-backed", "Saudi-funded": the named party stands behind the doer, it does not act itself
# (a "US-led coalition" is left whole: it acts under the US's command).
BACKER_MODIFIER = re.compile(
    r"^.*?-(?:backed|funded|financed|armed|trained|sponsored|supported)\s+", re.IGNORECASE)


def _without_backers(spans) -> list:
    """Actor spans with the backer's name cut out: in "the US-backed jihadists destroyed much of
    Syria" the jihadists destroy; the US backing them is an event of its own."""
    trimmed = []
    for start, end, text in spans:
        backer = BACKER_MODIFIER.match(text)
        if backer is not None and text[backer.end() :].strip():
            start, text = start + backer.end(), text[backer.end() :]
        trimmed.append((start, end, text))
    return trimmed


def _specific_heads(texts: list[str]) -> set[str]:
    return {h for h in map(_head_word, texts) if h and h not in GENERIC_HEADS}


def _without_doers(mention: EventMention) -> list:
    """Target spans with the doer's own words cut out: in "US-backed extremists" the US backs,
    and the extremists are backed."""
    spans = []
    for start, end, text in mention.targets:
        inner = [a for a in mention.actors
                 if start <= a[0] and a[1] <= end and (a[0], a[1]) != (start, end)]
        if inner:
            rest = text[max(a[1] for a in inner) - start :]
            rest = re.sub(r"^-\S*\s*", "", rest) if rest.startswith("-") else rest.lstrip()
            start = end - len(rest)
            text = rest
        if text.strip():
            spans.append((start, end, text))
    return spans


def _report_order(report: Report) -> tuple:
    """Reports the text dates come first, so that they found the events: a report with no date
    of its own then joins the event it fits best, not the first one it happens to meet (an
    undated "Russian air strikes on Aleppo" is not February's strikes because the same article
    mentions them first)."""
    m = report.mention
    dating = 0 if report.explicit_date else 1 if report.interval is not None else 2
    return (dating, report.article.published or "", report.article.id, m.sentence_start,
            m.trigger_start, m.type)


def source_origins(articles: Sequence[Article]) -> dict[str, str]:
    """Article id -> the outlet it counts for: copies and republications count for the original."""
    by_id = {a.id: a for a in articles}
    outlets = {outlet_name(a).lower(): outlet_name(a) for a in articles}
    origins = {}
    for article in articles:
        original, hops = article, 0
        while original.copy_of in by_id and hops < 10:  # a chain of copies ends at the first
            original, hops = by_id[original.copy_of], hops + 1
        origin = outlet_name(original)
        stated = (article.republished_from or "").strip().lower()
        origins[article.id] = outlets.get(stated, origin)
    return origins




def _to_event(cluster: _Cluster, origins: _Origins) -> Event:
    reports = cluster.reports
    first = max(reports, key=lambda r: r.mention.confidence)
    articles = list(dict.fromkeys(r.article.id for r in reports))
    sources = len({origins.of(r) for r in reports})
    event = Event(
        id="", type=first.mention.type, mode=_most_common(r.mention.mode for r in reports),
        actor=_ordered(r.actors for r in reports), target=_ordered(r.targets for r in reports),
        actor_text=_ordered(r.actor_text for r in reports),
        target_text=_ordered(r.target_text for r in reports),
        negated=first.mention.negated, hypothetical=first.mention.hypothetical,
        status=_status(reports), claimed_by=_ordered(r.claimants for r in reports),
        claimed_by_text=_ordered(r.claimant_text for r in reports),
        magnitudes=_magnitudes(reports), articles=articles,
        outlets=list(dict.fromkeys(outlet_name(r.article) for r in reports)),
        independent_sources=sources, evidence=_evidence(reports),
        confidence=_confidence(reports, sources),
    )  # fmt: skip
    _set_place(event, reports)
    _set_date(event, reports)
    event.id = event_id(event)
    return event


@dataclass
class _Origins:
    """The outlet each report counts for: its article's (copies and republications folded), or
    the outlet its sentence says it rests on ("according to Reuters")."""

    by_article: Mapping[str, str]
    spelled: dict[str, str] = field(init=False)  # lower-cased outlet -> as written
    pattern: re.Pattern = field(init=False)

    def __post_init__(self) -> None:
        self.spelled = {o.lower(): o for o in self.by_article.values()}
        self.pattern = citation_pattern(tuple(sorted(self.spelled.values())))

    def of(self, report: Report) -> str:
        own = self.by_article[report.article.id]
        m = report.mention
        text = report.article.text[m.sentence_start : m.sentence_end]
        cited = cited_outlet(text, own, self.pattern)
        return own if cited is None else self.spelled.get(cited.lower(), cited)


def _status(reports: list[Report]) -> str:
    """Asserted when any outlet states the deed as fact; claimed when all only report claims."""
    return "asserted" if any(r.status == "asserted" for r in reports) else "claimed"


def _most_common(values) -> str | None:
    counted = Counter(v for v in values if v)
    return counted.most_common(1)[0][0] if counted else None


def _ordered(lists) -> list[str]:
    return list(dict.fromkeys(item for items in lists for item in items))


def _magnitudes(reports: list[Report]) -> list[dict]:
    seen: dict[tuple, dict] = {}
    for report in reports:
        for m in report.mention.magnitudes:
            seen.setdefault((m.kind, m.value, m.text.lower()),
                            {"kind": m.kind, "text": m.text, "value": m.value})  # fmt: skip
    return list(seen.values())


def _evidence(reports: list[Report]) -> list[dict]:
    seen: dict[tuple[str, int], dict] = {}
    for report in reports:
        m = report.mention
        text = report.article.text[m.sentence_start : m.sentence_end].strip()
        seen.setdefault((m.article, m.sentence_start), {
            "article": m.article, "start": m.sentence_start, "end": m.sentence_end, "text": text})
    return list(seen.values())


def _confidence(reports: list[Report], sources: int) -> float:
    """The best report's confidence, raised by each further independent outlet."""
    best = max(r.mention.confidence for r in reports)
    raised = 1 - (1 - best) * 0.75 ** max(0, sources - 1)
    return round(min(0.99, raised), 3)


def _set_place(event: Event, reports: list[Report]) -> None:
    stated = [r.place for r in reports if r.place is not None and r.place_stated]
    placed = stated or [r.place for r in reports if r.place is not None]
    if not placed:
        return
    rank = min(PRECISION_RANK.get(p.feature, 3) for p in placed)
    finest = [p for p in placed if PRECISION_RANK.get(p.feature, 3) == rank]
    place = Counter(p.id for p in finest).most_common(1)[0][0]
    chosen = next(p for p in finest if p.id == place)
    event.place, event.place_name, event.place_precision = chosen.id, chosen.name, chosen.feature
    event.place_country, event.lat, event.lon = chosen.country, chosen.lat, chosen.lon
    event.geonameid = chosen.geonameid


def _set_date(event: Event, reports: list[Report]) -> None:
    """The most precise of the sentences' own dates; else the earliest publication date."""
    explicit = [r for r in reports if r.explicit_date]
    if explicit:
        span = min((r.interval[1] - r.interval[0]).days for r in explicit)  # type: ignore[index]
        finest = [r for r in explicit if (r.interval[1] - r.interval[0]).days == span]  # type: ignore[index]
        value = Counter(r.date_value for r in finest).most_common(1)[0][0]
        event.date = value
        event.date_granularity = next(r.granularity for r in finest if r.date_value == value)
        return
    published = sorted(r.date_value for r in reports if r.date_value)
    if published:
        event.date, event.date_granularity = published[0], PUBLISHED


def event_id(event: Event) -> str:
    """A hash of what the event is, so the same input gives the same id on every run."""
    parts = [event.type, ",".join(sorted(event.actor)), ",".join(sorted(event.target)),
             event.date or "", event.place or "", event.status,
             "neg" if event.negated else "", "hyp" if event.hypothetical else ""]  # fmt: skip
    digest = hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:12]
    return f"ev-{digest}"


def _make_ids_unique(events: list[Event], clusters: list[_Cluster]) -> None:
    """Two events alike in every keyed part get ids told apart by their first report."""
    counts = Counter(e.id for e in events)
    for event, cluster in zip(events, clusters, strict=True):
        if counts[event.id] > 1:
            first = cluster.reports[0].mention
            anchor = f"{event.id}|{first.article}|{first.trigger_start}"
            event.id = f"ev-{hashlib.sha1(anchor.encode('utf-8')).hexdigest()[:12]}"


def event_to_json(event: Event, names: Mapping[str, str]) -> dict:
    """The analysis.json form of an event; `names` maps entity ids to display names."""
    return {
        "id": event.id, "type": event.type, "mode": event.mode,
        "actor": list(event.actor), "target": list(event.target),
        "actor_names": [names.get(e, e) for e in event.actor],
        "target_names": [names.get(e, e) for e in event.target],
        "actor_text": list(event.actor_text), "target_text": list(event.target_text),
        "place": event.place, "place_name": event.place_name,
        "place_precision": event.place_precision, "place_country": event.place_country,
        "lat": event.lat, "lon": event.lon, "geonameid": event.geonameid,
        "date": event.date, "date_granularity": event.date_granularity,
        "negated": event.negated, "hypothetical": event.hypothetical, "status": event.status,
        "claimed_by": list(event.claimed_by), "claimed_by_text": list(event.claimed_by_text),
        "magnitudes": [dict(m) for m in event.magnitudes],
        "articles": list(event.articles), "outlets": list(event.outlets),
        "independent_sources": event.independent_sources,
        "evidence": [dict(e) for e in event.evidence], "confidence": event.confidence,
    }  # fmt: skip
