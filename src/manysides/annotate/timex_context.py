"""What a timex rule may consult while normalising: the anchor, the tense around the match,
and the last day and quarter the text mentioned (for "two days later", "the quarter")."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_FUTURE_WORDS = frozenset(
    # present-tense verbs of schedules ("talks resume Monday") speak of what is coming
    "will won't shall upcoming would 'll begins starts opens meets resumes expires arrives "
    "visits heads convenes reconvenes comes enters takes".split()
)
_FUTURE_BEFORE_TO = frozenset(
    "going plan plans planned planning expected expects expect set due intends intend hopes "
    "hope aims aim wants want is are scheduled".split()
)
_PAST_WORDS = frozenset(
    "said was were had did told went came took made left met held began fell rose won lost saw "
    "gave got ran found became sent struck hit killed been ago since bought sold paid spent led "
    "fought thought brought caught built chose drove flew grew knew shot spoke stole threw wrote "
    "broke fled stood withdrew sought heard meant kept felt earlier previously".split()
)
_NOT_PAST_ED = frozenset(
    "need speed proceed exceed succeed indeed feed seed breed bleed deed weed steed creed greed "
    "hundred kindred sacred wicked naked rugged ragged beloved embed shred scheduled".split()
)
_TOKEN = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
_SENTENCE_MARKS = (". ", "! ", "? ", "\n", '." ', ".” ")
_WINDOW = 120


@dataclass(frozen=True)
class Found:
    """A rule's normalisation of its match."""

    type: str
    value: str
    granularity: str
    day: dt.date | None = None  # the specific day meant, when there is one
    quarter: tuple[int, int] | None = None  # (year, quarter), when a quarter is meant


class Context:
    """One text being tagged: anchor, tense look-up, and what was mentioned so far."""

    def __init__(self, text: str, anchor: dt.date | None):
        self.text = text
        self.anchor = anchor
        self.reference_day: dt.date | None = None
        self.reference_quarter: tuple[int, int] | None = None
        self.reference_year: int | None = None

    def remember(self, found: Found) -> None:
        if found.type == "DATE" and found.value[:4].isdigit() and found.granularity != "decade":
            self.reference_year = int(found.value[:4])
        if found.day is not None:
            self.reference_day = found.day
        if found.quarter is not None:
            self.reference_quarter = found.quarter

    def reference(self) -> dt.date | None:
        """The day relative expressions count from: the last day mentioned, else the anchor."""
        return self.reference_day or self.anchor

    def tense(self, start: int, end: int) -> str | None:
        """The tense ("past", "future" or None) of the verb cue nearest the span in its sentence.

        Nearness counts words, alternating left and right of the span."""
        left, right = self._sentence_bounds(start, end)
        before = _TOKEN.findall(self.text, left, start)
        after = _TOKEN.findall(self.text, end, right)
        for distance in range(max(len(before), len(after))):
            if distance < len(before):
                index = len(before) - 1 - distance
                tense = _cue_at(before, index)
                if tense is not None:
                    return tense
            if distance < len(after):
                tense = _cue_at(after, distance)
                if tense is not None:
                    return tense
        return None

    def _sentence_bounds(self, start: int, end: int) -> tuple[int, int]:
        text = self.text
        low = max(0, start - _WINDOW)
        left = max(text.rfind(mark, low, start) for mark in _SENTENCE_MARKS)
        left = left + 1 if left >= 0 else low
        high = min(len(text), end + _WINDOW)
        ends = [found for mark in _SENTENCE_MARKS if (found := text.find(mark, end, high)) >= 0]
        return left, (min(ends) + 1 if ends else high)


def _cue_at(words: list[str], index: int) -> str | None:
    """The tense cue of words[index], looking at its neighbours."""
    previous = words[index - 1].lower() if index > 0 else ""
    following = words[index + 1].lower() if index + 1 < len(words) else ""
    return _cue(words[index], previous, following)


def _cue(word: str, previous: str, following: str) -> str | None:
    """What tense a word signals, given its neighbours ("expected" + "to" looks ahead)."""
    lower = word.lower()
    if lower in _FUTURE_WORDS or lower.endswith("'ll"):
        return "future"
    if lower in _FUTURE_BEFORE_TO and following == "to":
        return "future"
    if lower in ("soon", "early") and previous == "as" and following == "as":
        return "future"
    if lower in _PAST_WORDS:
        return "past"
    if word.islower() and lower.endswith("ed") and len(lower) >= 5 and lower not in _NOT_PAST_ED:
        return "past"
    return None
