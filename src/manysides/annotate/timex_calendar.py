"""Calendar arithmetic and TimeML value formatting for the timex tagger.

Every function accepts an unknown anchor (None) and then returns the TimeML "X" form, so
"yesterday" in an undated text becomes "XXXX-XX-XX" rather than a made-up date.
"""

from __future__ import annotations

import datetime as dt

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta

Tense = str | None  # "past" | "future" | None


def day_value(day: dt.date | None) -> str:
    return day.isoformat() if day else "XXXX-XX-XX"


def week_value(day: dt.date | None) -> str:
    if day is None:
        return "XXXX-WXX"
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def month_value(year: int | None, month: int) -> str:
    return f"{year:04d}-{month:02d}" if year is not None else f"XXXX-{month:02d}"


def year_value(year: int | None) -> str:
    return f"{year:04d}" if year is not None else "XXXX"


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def shift(day: dt.date, unit: str, amount: int) -> dt.date:
    """`day` moved by `amount` units ("day", "week", "month", "quarter", "year", "decade")."""
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}
    if unit in ("day", "night"):
        return day + dt.timedelta(days=amount)
    if unit in ("week", "weekend", "fortnight"):
        return day + dt.timedelta(weeks=amount * (2 if unit == "fortnight" else 1))
    return day + relativedelta(months=amount * months.get(unit, 12))


def unit_value(day: dt.date | None, unit: str) -> tuple[str, str]:
    """A date at the granularity a unit implies: (value, granularity)."""
    if unit in ("day", "night", "hour", "minute", "second", "week", "fortnight"):
        return day_value(day), "day"
    if unit == "weekend":
        return weekend_value(day), "week"
    if unit == "month":
        return (month_value(day.year, day.month) if day else "XXXX-XX"), "month"
    if unit == "quarter":
        return (f"{day.year:04d}-Q{quarter_of(day)}" if day else "XXXX-QX"), "quarter"
    if unit == "decade":
        return (f"{day.year // 10:03d}" if day else "XXX"), "decade"
    if unit == "century":
        return (f"{day.year // 100:02d}" if day else "XX"), "century"
    return year_value(day.year if day else None), "year"


def weekend_value(day: dt.date | None) -> str:
    return week_value(day) + "-WE"


def weekday_date(anchor: dt.date, weekday: int, direction: str) -> dt.date:
    """The date of `weekday` near the anchor.

    direction: "before" (most recent, the anchor day itself included), "after" (the anchor day
    included), "strictly_before", "strictly_after".
    """
    back = (anchor.weekday() - weekday) % 7
    ahead = (weekday - anchor.weekday()) % 7
    if direction == "before":
        return anchor - dt.timedelta(days=back)
    if direction == "after":
        return anchor + dt.timedelta(days=ahead)
    if direction == "strictly_before":
        return anchor - dt.timedelta(days=back or 7)
    return anchor + dt.timedelta(days=ahead or 7)


def closest_year(anchor: dt.date, month: int, day: int | None, tense: Tense) -> int:
    """The year that puts month (and day) nearest the anchor, leaning the way the tense points."""
    best_year, best_cost = anchor.year, None
    for year in (anchor.year, anchor.year - 1, anchor.year + 1):
        distance = _months_between(anchor, year, month, day)
        cost = abs(distance)
        # The tense only tips the balance: the cues are rough ("scheduled", "extended" look
        # past) and a date two months ahead is still likelier than ten months back.
        if tense == "past" and distance > 0.5:
            cost += 5
        if tense == "future" and distance < -0.5:
            cost += 5
        if best_cost is None or cost < best_cost:
            best_year, best_cost = year, cost
    return best_year


def _months_between(anchor: dt.date, year: int, month: int, day: int | None) -> float:
    months = (year - anchor.year) * 12 + month - anchor.month
    if day is not None:
        months += (day - anchor.day) / 31
    return months


def month_relative(anchor: dt.date, month: int, relation: str, tense: Tense) -> int:
    """The year of a named month: "last"/"next"/"this" say which, else the tense and distance."""
    if relation == "last":
        return anchor.year if month < anchor.month else anchor.year - 1
    if relation == "next":
        return anchor.year if month > anchor.month else anchor.year + 1
    if relation == "this":
        return anchor.year
    return closest_year(anchor, month, None, tense)


def holiday(name: str, year: int) -> dt.date | None:
    """Date of a fixed or computed holiday in a year (US-centric news conventions)."""
    fixed = {
        "new year's day": (1, 1), "new year's eve": (12, 31), "christmas": (12, 25),
        "christmas day": (12, 25), "christmas eve": (12, 24), "independence day": (7, 4),
        "halloween": (10, 31), "valentine's day": (2, 14), "veterans day": (11, 11),
        "new year's": (1, 1), "boxing day": (12, 26),
    }  # fmt: skip
    key = name.lower().replace("’", "'")
    if key in fixed:
        return dt.date(year, *fixed[key])
    if key.startswith("thanksgiving"):
        return _nth_weekday(year, 11, 3, 4)
    if key == "labor day":
        return _nth_weekday(year, 9, 0, 1)
    if key == "memorial day":
        return _nth_weekday(year, 6, 0, 1) - dt.timedelta(days=7)
    if key in ("easter", "easter sunday"):
        return easter(year)
    return None


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    first = dt.date(year, month, 1)
    offset = (weekday - first.weekday()) % 7
    return first + dt.timedelta(days=offset + 7 * (nth - 1))
