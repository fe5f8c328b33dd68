"""The vocabulary of English time expressions: regex fragments and their meanings.

Month names are matched case-sensitively ("May"/"March" the month, not the verb); everything
else in timex.py is matched case-insensitively.
"""

from __future__ import annotations

import re

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_MONTH_ABBREVIATIONS = r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
# Capitalised or upper-case month names only: lower-case "may"/"march" are verbs.
MONTH = (
    r"(?-i:(?:" + "|".join(MONTHS) + "|" + "|".join(m.upper() for m in MONTHS) + r")\b"
    r"|(?:" + _MONTH_ABBREVIATIONS + r"|" + _MONTH_ABBREVIATIONS.upper() + r")\b\.?)"
)
WEEKDAY = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?(?=[ ,]))"
)
DAY_OF_MONTH = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d%]|:\d)\b"
YEAR = r"(?:1[6-9]\d\d|20\d\d)(?![\d,.]\d|-\d|%|s\b)"

_UNITS = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "night": "D", "week": "W",
    "fortnight": "W", "month": "M", "quarter": "Q", "year": "Y", "decade": "Y",
    "century": "Y", "weekend": "WE",
}  # fmt: skip
UNIT = (
    r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?|years?"
    r"|decades?|centur(?:y|ies))"
)

_SMALL_NUMBERS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_NUMBER_WORD = (
    r"(?:(?:" + "|".join(_TENS) + r")(?:[- ](?:one|two|three|four|five|six|seven|eight|nine)\b)?"
    r"|" + "|".join(sorted(_SMALL_NUMBERS, key=len, reverse=True)) + r")"
)
_VAGUE = r"(?:a\s+couple\s+of|a\s+few|several|many|few|a\s+dozen|dozens\s+of|hundreds\s+of)"
NUMBER = (
    r"(?:\d{1,3}(?:\.\d+)?(?![\d,])|" + _VAGUE + r"|(?:a|an|one|" + _NUMBER_WORD + r")"
    r"(?:\s+and\s+a\s+half)?)"
)
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21,
}  # fmt: skip
ORDINAL = r"(?:twenty-first|" + "|".join(ORDINALS) + r"|\d{1,2}(?:st|nd|rd|th))"
PARTS_OF_DAY = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "overnight": "NI",
}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
    "eighties": 8, "nineties": 9,
}  # fmt: skip


def month_number(name: str) -> int:
    """1-12 for a month name or abbreviation ("Sept.", "DECEMBER")."""
    key = name.strip(".").lower()[:3]
    return [m.lower()[:3] for m in MONTHS].index(key) + 1


def weekday_number(name: str) -> int:
    """0 (Monday) - 6 (Sunday) for a weekday name or abbreviation."""
    key = name.strip(".").lower()[:3]
    return [w[:3] for w in WEEKDAYS].index(key)


def unit_code(unit: str) -> str:
    """TimeML duration letter for a unit word: "days" -> "D", "hours" -> "H" ("T" added later)."""
    word = unit.lower()
    word = "century" if word.startswith("centur") else word.rstrip("s")
    return _UNITS[word]


def unit_name(unit: str) -> str:
    word = unit.lower()
    return "century" if word.startswith("centur") else word.rstrip("s")


def parse_number(text: str) -> float | None:
    """The value of a number phrase ("twenty four", "a", "12"), None when vague ("several")."""
    words = re.sub(r"\s+", " ", text.lower().replace("-", " ")).strip()
    half = 0.5 if words.endswith(" and a half") else 0.0
    words = words.removesuffix(" and a half")
    if re.fullmatch(r"\d+(?:\.\d+)?", words):
        return float(words) + half
    if words in ("a", "an", "one"):
        return 1 + half
    if words in ("a couple of",):
        return 2
    if words == "a dozen":
        return 12
    total = 0
    for word in words.split():
        if word in _SMALL_NUMBERS:
            total += _SMALL_NUMBERS.index(word)
        elif word in _TENS:
            total += 20 + 10 * _TENS.index(word)
        else:
            return None
    return total + half


def ordinal_number(text: str) -> int:
    word = text.lower()
    if word in ORDINALS:
        return ORDINALS[word]
    return int(re.match(r"\d+", word).group(0))
