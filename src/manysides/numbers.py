"""Numbers as news writes them: "23", "40,000", "1.2 million", "forty-five", "a dozen", "two
hundred and fifty", and the vague ones that only bound a count from below ("dozens", "tens of
thousands", "several hundred").

    parse_number(phrase) -> the value a phrase states exactly (None when vague or no number)
    lower_bound(phrase) -> the least value a count phrase allows ("tens of thousands" -> 20000)
    find_numbers(text) -> every number written in the text, with its offsets and value
    NUMBER_PHRASE -> regex source matching one exact number phrase, for callers' own patterns

Dates and durations are the time expressions' business (annotate.timex has its own reader).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SMALL_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
# Multiply the group before them and stay in it: "two hundred", "three dozen".
GROUP_SCALES = {"hundred": 100, "dozen": 12}
# Close a group: "two hundred thousand", "1.2 million".
LARGE_SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
                "trillion": 1_000_000_000_000}  # fmt: skip
SCALES = {**GROUP_SCALES, **LARGE_SCALES}
# A plural scale word means at least two of them: "dozens" >= 24, "thousands" >= 2000.
PLURAL_SCALES = {"tens": 10, "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1_000,
                 "millions": 1_000_000, "billions": 1_000_000_000}  # fmt: skip
VAGUE = frozenset({"several", "many", "few", "some", "numerous", "countless", "multiple"})
# Vague words that still bound a following scale from below: "several hundred" >= 300.
VAGUE_FACTORS = {"several": 3, "few": 2, "many": 2, "numerous": 2, "multiple": 2}

_NUMBER_WORDS = sorted([*SMALL_NUMBERS, *SCALES], key=len, reverse=True)
_SCALE_WORDS = "|".join(sorted(SCALES, key=len, reverse=True))
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORD = rf"\b(?:{'|'.join(_NUMBER_WORDS)})\b"
# "and" joins only after a scale: "two hundred and fifty", never "three and two".
_AND = r"(?:(?<=hundred)|(?<=thousand)|(?<=million)|(?<=billion))\s+and\s+"
_WORD_RUN = rf"(?:\ban?\s+(?=(?:{_SCALE_WORDS})\b))?{_WORD}(?:(?:-|[ \t]+|{_AND}){_WORD})*"
_DIGIT_RUN = rf"(?:{_DIGITS})(?:[ \t]+(?:{_SCALE_WORDS})\b)*"
NUMBER_PHRASE = rf"(?:{_DIGIT_RUN}|{_WORD_RUN})"
VAGUE_PHRASE = (
    r"\b(?:(?:several|a\s+few|few|many)\s+)?(?:tens|dozens|scores|hundreds|thousands|millions"
    r"|billions)\b(?:\s+(?:of\s+)?(?:hundreds|thousands|millions|billions)\b)?"
    r"|\b(?:several|a\s+few)\s+(?:hundred|thousand|million|dozen)\b"
)
_EXACT = re.compile(NUMBER_PHRASE, re.IGNORECASE)
_VAGUE = re.compile(VAGUE_PHRASE, re.IGNORECASE)
_TOKEN = re.compile(r"\d[\d.,]*|[a-z]+")


@dataclass(frozen=True)
class NumberSpan:
    """One number as written: its offsets, its text and its value (a lower bound if vague)."""

    start: int
    end: int
    text: str
    value: float
    vague: bool = False


@dataclass
class _Reading:
    total: float = 0.0  # closed groups ("two hundred thousand" -> 200000)
    group: float = 0.0  # the group being read ("two hundred" of "two hundred thousand")
    pending: float = 0.0  # "a", "several": count only if a scale word follows
    seen: bool = False
    vague: bool = False

    @property
    def value(self) -> float:
        return self.total + self.group


def _read(phrase: str) -> _Reading | None:
    """Walk the phrase's words; None when a digit run is malformed ("1.2.3")."""
    reading = _Reading()
    for word in _TOKEN.findall(phrase.lower().replace("-", " ")):
        if word[0].isdigit():
            try:
                reading.group += float(word.replace(",", "").rstrip("."))
            except ValueError:
                return None
            reading.seen = True
        else:
            _read_word(reading, word)
    return reading


def _read_word(reading: _Reading, word: str) -> None:
    if word in SMALL_NUMBERS:
        reading.group += SMALL_NUMBERS[word]
    elif word in ("a", "an") and not reading.seen:
        reading.pending = 1
        return
    elif word in VAGUE_FACTORS and not reading.seen:
        reading.pending, reading.vague = VAGUE_FACTORS[word], True
        return
    elif word in GROUP_SCALES:
        reading.group = (reading.group or reading.pending or 1) * GROUP_SCALES[word]
    elif word in LARGE_SCALES:
        base = reading.group or reading.pending or 1
        reading.total, reading.group = reading.total + base * LARGE_SCALES[word], 0.0
    elif word in PLURAL_SCALES:
        _read_plural(reading, word)
    else:
        return  # "at least", "more than", "of", "and": not part of the value
    reading.seen, reading.pending = True, 0.0


def _read_plural(reading: _Reading, word: str) -> None:
    base = reading.group or reading.pending or 2
    reading.vague = True
    if PLURAL_SCALES[word] >= 1_000:  # "tens of thousands": the tens are counted in thousands
        reading.total, reading.group = reading.total + base * PLURAL_SCALES[word], 0.0
    else:
        reading.group = base * PLURAL_SCALES[word]


def parse_number(phrase: str) -> float | None:
    """The value a number phrase states: "forty-five" -> 45, "1.2 million" -> 1200000,
    "two hundred and fifty" -> 250, "a dozen" -> 12. None for a vague phrase ("dozens",
    "tens of thousands", "several") or one with no number in it."""
    reading = _read(phrase)
    if reading is None or not reading.seen or reading.vague:
        return None
    return reading.value


def lower_bound(phrase: str) -> int | None:
    """The least value a count phrase allows: "at least 23" -> 23, "tens of thousands" ->
    20000, "dozens" -> 24, "several hundred" -> 300; None for "several" or no number."""
    reading = _read(phrase)
    if reading is None or not reading.seen or not reading.value:
        return None
    return int(reading.value)


def find_numbers(text: str, *, vague: bool = False) -> list[NumberSpan]:
    """Every number written in the text, in text order: digits (with a scale word after them)
    and number words; with `vague`, also the vague quantities, valued at their lower bound."""
    vague_found = _vague_numbers(text) if vague else []
    found = list(vague_found)
    for match in _EXACT.finditer(text):
        value = parse_number(match.group(0))
        inside = any(v.start <= match.start() and match.end() <= v.end for v in vague_found)
        if value is not None and not inside:  # "hundred" of "several hundred" is not 100
            found.append(NumberSpan(match.start(), match.end(), match.group(0), value))
    return sorted(found, key=lambda n: n.start)


def _vague_numbers(text: str) -> list[NumberSpan]:
    found = []
    for match in _VAGUE.finditer(text):
        bound = lower_bound(match.group(0))
        if bound is not None:
            found.append(NumberSpan(match.start(), match.end(), match.group(0), bound, True))
    return found


def vague_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each vague quantity: "tens of thousands", "dozens", "several hundred"."""
    return [(m.start(), m.end()) for m in _VAGUE.finditer(text)]
