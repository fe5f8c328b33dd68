"""Finding and normalising publication dates: from metadata values and from article text."""

from __future__ import annotations

import re
import time
from datetime import date, datetime, timedelta

from dateutil import parser as dateutil_parser

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

# "September 28, 2016", "Sept. 28 2016", "28 September 2016", "28th of September, 2016", ISO.
_FULL_DATE_PATTERNS = [
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
]
# "Sept 4" or "4 September" with no year after it.
_PARTIAL_DATE_PATTERNS = [
    re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!,?\s+(?:19|20)\d\d)(?!\d)", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+{_MONTH}\b(?!,?\s+(?:19|20)\d\d)", re.IGNORECASE),
]
# A partial date is only trusted this close after the latest full date of the same text.
_PARTIAL_DATE_WINDOW = timedelta(days=60)


def _month_number(token: str) -> int:
    if token.isdigit():
        return int(token)
    return MONTHS[token.lower().rstrip(".")[:3]]


def _to_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_full_dates(text: str) -> list[date]:
    """Every absolute date (day, month and year) the text states, in order of appearance."""
    found: list[tuple[int, date]] = []
    for pattern in _FULL_DATE_PATTERNS:
        for match in pattern.finditer(text):
            parsed = _to_date(
                int(match["year"]), _month_number(match["month"]), int(match["day"])
            )
            if parsed:
                found.append((match.start(), parsed))
    return [parsed for _, parsed in sorted(found, key=lambda item: item[0])]


def _find_partial_dates(text: str, year: int) -> list[date]:
    found = []
    for pattern in _PARTIAL_DATE_PATTERNS:
        for match in pattern.finditer(text):
            parsed = _to_date(year, _month_number(match["month"]), int(match["day"]))
            if parsed:
                found.append(parsed)
    return found


def infer_date(text: str, today: date | None = None) -> str | None:
    """The latest date the text mentions, as a stand-in for when it was written.

    Full dates count; a month and day without a year ("Sept 4") counts too when it falls
    shortly after the latest full date, since articles often give the year only once.
    Dates in the future (a typo, or a scheduled event) are ignored.
    """
    today = today or date.today()
    full_dates = [found for found in find_full_dates(text) if found <= today]
    if not full_dates:
        return None
    latest = max(full_dates)
    for partial in _find_partial_dates(text, latest.year):
        if latest < partial <= min(latest + _PARTIAL_DATE_WINDOW, today):
            latest = partial
    return latest.isoformat()


def first_full_date(text: str) -> str | None:
    """The first absolute date of a short line, as ISO, or None."""
    dates = find_full_dates(text)
    return dates[0].isoformat() if dates else None


def remove_dates(text: str) -> str:
    """The line without its dates, times and weekday names (to see what else it says)."""
    for pattern in _FULL_DATE_PATTERNS:
        text = pattern.sub(" ", text)
    text = re.sub(r"\b\d{1,2}:\d\d(?::\d\d)?\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4}\b)?", " ", text,
                  flags=re.IGNORECASE)
    text = re.sub(r"\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b\.?", " ", text, flags=re.IGNORECASE)
    return re.sub(r"\s+", " ", text).strip(" ,.;:|-–—")


def normalise_date(value: object) -> str | None:
    """A metadata date (string, datetime, date or time.struct_time) as ISO `YYYY-MM-DD`."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time.struct_time):
        return _to_date(value.tm_year, value.tm_mon, value.tm_mday).isoformat()
    return _parse_date_string(str(value).strip())


def _parse_date_string(value: str) -> str | None:
    iso = re.match(r"^((?:19|20)\d\d)-([01]\d)-([0-3]\d)", value)
    if iso:
        parsed = _to_date(int(iso[1]), int(iso[2]), int(iso[3]))
        return parsed.isoformat() if parsed else None
    stated = first_full_date(value)
    if stated:
        return stated
    try:
        parsed_dt = dateutil_parser.parse(value, fuzzy=True, default=datetime(1, 1, 1))
    except (ValueError, OverflowError):
        return None
    if parsed_dt.year < 1900:  # no year was given: not a usable publication date
        return None
    return parsed_dt.date().isoformat()
