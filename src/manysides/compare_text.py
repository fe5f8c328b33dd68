"""Shared text helpers for `manysides.compare`: the lexicon, clauses, counts, spans.

Everything here works on an article's clean text by character offsets; what compare needs
from the parse (labels, blame cues, sentences) comes from annotate's records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from manysides.errors import ManysidesError
from manysides.numbers import NUMBER_PHRASE, parse_number


class CompareError(ManysidesError):
    """The compare stage could not run (a broken lexicon file)."""


@cache
def lexicon() -> dict[str, Any]:
    """The cue lists in data/compare_lexicon.yaml."""
    source = resources.files("manysides") / "data" / "compare_lexicon.yaml"
    try:
        return yaml.safe_load(source.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise CompareError(f"compare_lexicon.yaml: cannot be read ({exc})") from exc


def phrase_pattern(phrases) -> re.Pattern:
    """One regex matching any of the phrases as whole words, longest first."""
    return _phrase_pattern(frozenset(p.lower() for p in phrases))


@cache
def _phrase_pattern(phrases: frozenset[str]) -> re.Pattern:
    ordered = sorted(phrases, key=len, reverse=True)
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


@cache
def cue(name: str) -> re.Pattern:
    return phrase_pattern(lexicon()[name])


# ---------------------------------------------------------------- sentence units

_CLAUSE_BREAK = re.compile(r";\s+|\n+|\s+-\s+(?=[A-Z0-9])|^\s*-\s+", re.MULTILINE)


@dataclass(frozen=True)
class Unit:
    """A sentence or a clause of one ("; " and bulleted lists split a sentence)."""

    article: str
    start: int
    end: int
    text: str
    paragraph: int
    quoted: bool = False  # inside quotation marks: someone's words, not the outlet's


def units(article_id: str, text: str, sentences) -> list[Unit]:
    """The article's clauses, from annotate's sentence offsets, with their paragraph index."""
    breaks = [m.start() for m in re.finditer(r"\n\s*\n", text)]
    found = []
    for s_start, s_end in sentences:
        for start, end in _split(text, s_start, s_end):
            paragraph = sum(1 for b in breaks if b < start)
            piece = text[start:end]
            found.append(Unit(article_id, start, end, piece, paragraph, _in_quotes(text, start)))
    return found


def _split(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces, cursor = [], start
    for match in _CLAUSE_BREAK.finditer(text, start, end):
        pieces.append((cursor, match.start()))
        cursor = match.end()
    pieces.append((cursor, end))
    return [_trim(text, a, b) for a, b in pieces if text[a:b].strip(" -\n\t\"“”") and b - a > 3]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \n\t-":
        start += 1
    while end > start and text[end - 1] in " \n\t":
        end -= 1
    return start, end


def _in_quotes(text: str, offset: int) -> bool:
    """True when an odd number of quotation marks open before the offset in its paragraph."""
    paragraph_start = text.rfind("\n", 0, offset) + 1
    before = text[paragraph_start:offset]
    opened = before.count("“") - before.count("”")
    return opened > 0 or (before.count('"') % 2 == 1)


# ---------------------------------------------------------------- counts

_QUALIFIER = (
    r"(?:(?:at\s+least|more\s+than|over|about|around|some|nearly|almost|up\s+to|as\s+many\s+as|"
    r"an\s+estimated|approximately|roughly|fewer\s+than|less\s+than|well\s+over|close\s+to)\s+)?"
)
_NUMBER = re.compile(
    rf"(?<![\w.$€£-]){_QUALIFIER}(?P<num>{NUMBER_PHRASE})(?![\w%$])", re.IGNORECASE
)
LOWER_BOUND = re.compile(r"^(?:at least|more than|over|well over|as many as|up to)\b", re.I)


@dataclass(frozen=True)
class Count:
    """A number as written in the text."""

    start: int
    end: int
    text: str
    value: int | None  # None when vague ("tens of thousands")
    bound: str = "exact"  # "exact" | "lower" | "about"
    noun: str | None = None  # the counted noun right after it: "civilians", "trucks"
    components: dict[str, int] = field(default_factory=dict)


def counts_in(text: str, offset: int = 0) -> list[Count]:
    """The counts written in `text` (offsets shifted by `offset`); years and money left out."""
    found = []
    for match in _NUMBER.finditer(text):
        number = parse_number(match.group("num"))
        value = None if number is None else int(round(number))
        if value is None or _is_year_or_money(text, match, value):
            continue
        qualifier = match.group(0)[: match.start("num") - match.start()].strip().lower()
        bound = "lower" if LOWER_BOUND.match(qualifier) else ("about" if qualifier else "exact")
        found.append(Count(offset + match.start(), offset + match.end(), match.group(0), value,
                           bound, _noun_after(text, match.end())))  # fmt: skip
    return found


def _is_year_or_money(text: str, match: re.Match, value: int) -> bool:
    raw = match.group("num")
    if re.fullmatch(r"(1[89]|20)\d\d", raw):
        return True
    before = text[max(0, match.start() - 2) : match.start()]
    after = text[match.end() : match.end() + 12].lower()
    if "$" in before or "€" in before or "£" in before:
        return True
    return bool(re.match(r"\s*(?:%|percent|per cent|years?|months?|days?|hours?|minutes?|"
                         r"km|kilomet|metres|meters|miles|degrees|a\.m|p\.m|altavos|dollars|"
                         r"euros|weeks?)", after))  # fmt: skip


def _noun_after(text: str, end: int) -> str | None:
    match = re.match(r"\s+(?:of\s+)?(?:[A-Z][a-z]+\s+)?([a-z][a-z-]+)", text[end : end + 40])
    return match.group(1).lower() if match else None


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+(?:[-'][a-z0-9]+)*", text.lower())
