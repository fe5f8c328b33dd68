"""Number disagreements: the same quantity (the dead, the displaced...) given different values."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

from manysides.compare_text import Count, Unit, counts_in, cue, lexicon, phrase_pattern
from manysides.numbers import NUMBER_PHRASE, parse_number

WINDOW_AFTER = 60  # characters after a count in which its kind word must appear
WINDOW_BEFORE = 30  # "killed 62 soldiers", "displaced over 7 million"
MAX_RATIO = 10  # values further apart than this are counts of different things
INCIDENT_KINDS = {"killed", "injured", "arrested"}  # counted per incident, so dated
# A kind word must be in the count's own clause: not after a sentence end ("lost two of his
# pupils on Thursday. 'They want us to die ...'"), a comma, a dash or "while".
_CUT_AFTER = re.compile(r"[,;:—(]|\band\s+\d|\bwhile\b|[.!?][\"”’]?\s|[\"“]")
_POSSESSIVE = r"(?:his|her|their|its|our|my|your|whose)"
# "his two sons", "among them 12 children": one family's loss or a share of a larger count.
_PART_BEFORE = re.compile(rf"(?:\b{_POSSESSIVE}(?:\s+own)?|\bamong(?:\s+\w+){{1,3}},?)\s+$")
# "two of his pupils", "two of them", "12 of whom", "three of the dead".
_PART_AFTER = re.compile(rf"\s+of\s+(?:{_POSSESSIVE}|them|whom|those|these|the)\b",
                         re.IGNORECASE)
# "12 children were among the dead".
_AMONG_AFTER = re.compile(r"(?:\s+[a-z-]+){0,2}\s+(?:were|was|are|is)\s+among\b", re.IGNORECASE)


@dataclass
class CountFact:
    article: str
    unit: Unit
    kind: str
    count: Count
    date: str | None
    components: dict[str, int] = field(default_factory=dict)

    @property
    def value(self) -> int:
        return self.count.value or 0


def _kind_patterns() -> dict[str, re.Pattern]:
    return {k: phrase_pattern(v) for k, v in lexicon()["magnitude_kinds"].items()}


def _kind_near(text: str, start: int, end: int, patterns) -> str | None:
    """The kind whose cue is nearest the count: after it first, then just before it."""
    best = None
    after = text[end : end + WINDOW_AFTER]
    after = _CUT_AFTER.split(after)[0] + " "
    for kind, pattern in patterns.items():
        match = pattern.search(after)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), kind)
    if best:
        return best[1]
    before = text[max(0, start - WINDOW_BEFORE) : start]
    for kind, pattern in patterns.items():
        if re.search(rf"(?:{pattern.pattern})\s*(?:\w+\s+)?$", before, re.IGNORECASE):
            return kind
    return None


def count_facts(unit: Unit, date: str | None) -> list[CountFact]:
    """The reported counts in one clause, with their kind; parts and forecasts left out."""
    text = unit.text
    if cue("hypothetical_cues").search(text):
        return []
    patterns = _kind_patterns()
    facts: list[CountFact] = []
    for count in counts_in(text):
        if _is_part(text, count.start, count.end):
            continue
        kind = _kind_near(text, count.start, count.end, patterns)
        if kind is None:
            continue
        shifted = Count(unit.start + count.start, unit.start + count.end, count.text,
                        count.value, count.bound, count.noun)  # fmt: skip
        facts.append(CountFact(unit.article, unit, kind, shifted, date))
    return _join_conjoined(facts, text, unit.start)


# ---------------------------------------------------------------- lengths of truces

HOURS_IN = {"hour": 1, "day": 24, "week": 7 * 24, "month": 30 * 24}
LENGTH_SUFFIX = " length"  # a duration's kind is its arrangement's: "ceasefire length"


def _length(group: str) -> str:
    return rf"(?P<{group}>{NUMBER_PHRASE})[\s-]+(?P<{group}_unit>hour|day|week|month)s?"


@cache
def _length_patterns() -> tuple[tuple[str, re.Pattern], ...]:
    """Per arrangement, its length written before it ("a seven day ceasefire", "48-hour
    truces") or after it ("a truce of 72 hours", "a ceasefire lasting two weeks")."""
    found = []
    for name, words in lexicon()["timed_arrangements"].items():
        arrangement = phrase_pattern(words).pattern
        found.append((name, re.compile(
            rf"(?<![\w-]){_length('before')}(?:[\s-]+long)?[\s-]+(?:[a-z]+\s+)?{arrangement}"
            rf"|{arrangement}\s+(?:of|lasting|for)\s+(?:up\s+to\s+)?{_length('after')}",
            re.IGNORECASE)))  # fmt: skip
    return tuple(found)


def length_facts(unit: Unit) -> list[CountFact]:
    """The stated lengths of truces in one clause, in hours, as facts of kind "<name> length".
    A proposed truce's length is kept: outlets describing one plan should agree on it."""
    facts = []
    for name, pattern in _length_patterns():
        for match in pattern.finditer(unit.text):
            side = "before" if match.group("before") else "after"
            number, period = match.group(side), match.group(side + "_unit").lower()
            value = parse_number(number)
            if not value:
                continue
            hours = int(round(value * HOURS_IN[period]))
            count = Count(unit.start + match.start(), unit.start + match.end(), match.group(0),
                          hours, "exact", period)  # fmt: skip
            facts.append(CountFact(unit.article, unit, name + LENGTH_SUFFIX, count, None))
    return facts


def topic(kind: str) -> str:
    """ "number killed", "length of the ceasefire": what the outlets' figures answer."""
    if kind.endswith(LENGTH_SUFFIX):
        return f"length of the {kind.removesuffix(LENGTH_SUFFIX)}"
    return f"number {kind}"


def length_text(fact: CountFact) -> str:
    """ "a 7-day ceasefire", "an 8-hour truce": in the unit the outlet wrote."""
    period = fact.count.noun or "hour"
    number = f"{fact.value / HOURS_IN[period]:g}"
    article = "an" if re.match(r"(?:8|11|18)(?!\d)|8\d", number) else "a"
    return f"{article} {number}-{period} {fact.kind.removesuffix(LENGTH_SUFFIX)}"


def _is_part(text: str, start: int, end: int) -> bool:
    """A part of another count, or of one person's losses, is not a toll: "including 12
    children", "two of them", "two of his pupils", "her three sons", "12 were among the dead"."""
    before = text[max(0, start - WINDOW_BEFORE) : start].lower()
    if re.search(rf"(?:{cue('part_cues').pattern})\s*$", before, re.IGNORECASE):
        return True
    if _PART_BEFORE.search(before) or _PART_AFTER.match(text, end):
        return True
    return bool(_AMONG_AFTER.match(text[end : end + WINDOW_AFTER]))


def _join_conjoined(facts: list[CountFact], text: str, offset: int) -> list[CountFact]:
    """"Three civilians and two soldiers were killed" is one count of five, in two parts."""
    joined: list[CountFact] = []
    for fact in facts:
        previous = joined[-1] if joined else None
        if previous and previous.kind == fact.kind and _conjoined(previous, fact, text, offset):
            parts = previous.components or {previous.count.noun or "": previous.value}
            parts = {**parts, fact.count.noun or "": fact.value}
            total = sum(parts.values())
            count = Count(previous.count.start, fact.count.end,
                          text[previous.count.start - offset : fact.count.end - offset], total,
                          previous.count.bound, "people")  # fmt: skip
            joined[-1] = CountFact(fact.article, fact.unit, fact.kind, count, fact.date, parts)
            continue
        joined.append(fact)
    return joined


def _conjoined(first: CountFact, second: CountFact, text: str, offset: int) -> bool:
    between = text[first.count.end - offset : second.count.start - offset]
    return bool(re.fullmatch(r"\s+[a-z-]+\s+and\s+", between))


# ---------------------------------------------------------------- comparing

def compatible(a: CountFact, b: CountFact) -> bool:
    """Same value, or one is a named part of the other ("two soldiers" of "three civilians and
    two soldiers")."""
    if a.value == b.value:
        return True
    for one, other in ((a, b), (b, a)):
        if other.components and one.count.noun in other.components:
            if other.components[one.count.noun] == one.value:
                return True
    return False


def scopes(facts: list[CountFact]) -> list[list[CountFact]]:
    """Facts that count the same thing: same kind; for incidents also the same day.

    An undated count joins the dated scope in which a compatible count already sits (the
    headline "23 killed" joins the lead's "23 killed on Thursday").
    """
    keyed: dict[tuple, list[CountFact]] = defaultdict(list)
    undated = []
    for fact in facts:
        if fact.kind in INCIDENT_KINDS and fact.date is None:
            undated.append(fact)
        else:
            date = fact.date if fact.kind in INCIDENT_KINDS else None
            keyed[(fact.kind, date)].append(fact)
    for fact in undated:
        home = _dated_home(fact, keyed)
        keyed[home or (fact.kind, None)].append(fact)
    return [group for group in keyed.values() if group]


def _dated_home(fact: CountFact, keyed) -> tuple | None:
    for key, group in keyed.items():
        if key[0] == fact.kind and key[1] and any(compatible(fact, g) for g in group):
            return key
    return None


def value_groups(scope: list[CountFact]) -> list[list[CountFact]]:
    """Split a scope into groups of mutually compatible values (union of compatible pairs)."""
    groups: list[list[CountFact]] = []
    for fact in sorted(scope, key=lambda f: f.value):
        home = [g for g in groups if any(compatible(fact, other) for other in g)]
        if home:
            merged = [f for g in home for f in g] + [fact]
            groups = [g for g in groups if g not in home] + [merged]
        else:
            groups.append([fact])
    return groups


def magnitude_bands(groups: list[list[CountFact]]) -> list[list[list[CountFact]]]:
    """Value groups chained while neighbours are within MAX_RATIO: 62 soldiers and 400,000
    dead are not two answers to one question."""
    ordered = sorted(groups, key=lambda g: min(f.value for f in g))
    bands: list[list[list[CountFact]]] = []
    for group in ordered:
        low = min(f.value for f in group)
        if bands and low <= MAX_RATIO * max(f.value for f in bands[-1][-1]):
            bands[-1].append(group)
        else:
            bands.append([group])
    return bands
