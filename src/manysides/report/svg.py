"""Small building blocks for the inline SVG charts: escaping, elements and a time axis.

Charts are drawn server-side as plain SVG strings so the report needs no JavaScript library
and prints the same way it shows on screen.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def esc(text: object) -> str:
    """Text from the data, safe inside an element or a quoted attribute."""
    return html.escape("" if text is None else str(text), quote=True)


def num(value: float) -> str:
    """A coordinate short enough to keep the file small, exact enough for the eye."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def attrs(values: dict[str, object]) -> str:
    """Attributes from a dict; `None` drops one, `_` in a key becomes `-`."""
    parts = []
    for key, value in values.items():
        if value is None:
            continue
        shown = num(value) if isinstance(value, float) else value
        parts.append(f' {key.rstrip("_").replace("_", "-")}="{esc(shown)}"')
    return "".join(parts)


def element(tag: str, content: str = "", **values: object) -> str:
    """One SVG element; `content` is markup already escaped by the caller."""
    return f"<{tag}{attrs(values)}>{content}</{tag}>"


def tooltip(lines: Iterable[str]) -> str:
    """A native hover tooltip (and accessible name) for the enclosing shape."""
    return element("title", esc("\n".join(lines)))


def svg_root(content: str, width: float, height: float, label: str, **values: object) -> str:
    """A responsive SVG: scales to the column width and keeps its aspect ratio."""
    return element(
        "svg",
        content,
        xmlns="http://www.w3.org/2000/svg",
        viewBox=f"0 0 {num(width)} {num(height)}",
        role="img",
        aria_label=label,
        **values,
    )


def truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def day_label(day: date, with_year: bool = True) -> str:
    """"28 Sep 2016": one spelling everywhere, whatever the locale."""
    text = f"{day.day} {MONTHS[day.month - 1]}"
    return f"{text} {day.year}" if with_year else text


def month_label(day: date) -> str:
    return f"{MONTHS[day.month - 1]} {day.year}"


@dataclass(frozen=True)
class TimeScale:
    """Maps moments between `start` and `end` onto x positions between `left` and `right`."""

    start: datetime
    end: datetime
    left: float
    right: float

    def x(self, moment: datetime) -> float:
        span = (self.end - self.start).total_seconds() or 1.0
        share = (moment - self.start).total_seconds() / span
        return self.left + share * (self.right - self.left)


def time_scale(moments: list[datetime], left: float, right: float) -> TimeScale:
    """A scale with a little room either side, so no mark sits on the chart's edge."""
    first, last = min(moments), max(moments)
    if last - first < timedelta(hours=1):
        pad = timedelta(hours=12)
    else:
        pad = max((last - first) * 0.05, timedelta(minutes=30))
    start, end = first - pad, last + pad
    if end - start >= timedelta(days=1):  # whole days, so the first day gets its tick too
        start = datetime(start.year, start.month, start.day)
    return TimeScale(start, end, left, right)


# Steps a tick can take, finest first: (unit, how many units)
_TICK_STEPS = (
    ("hour", 1), ("hour", 3), ("hour", 6), ("hour", 12),
    ("day", 1), ("day", 2), ("week", 1), ("week", 2),
    ("month", 1), ("month", 2), ("month", 3), ("month", 6),
    ("year", 1), ("year", 2), ("year", 5), ("year", 10), ("year", 25), ("year", 50),
    ("year", 100),
)  # fmt: skip


def ticks(scale: TimeScale, most: int = 8) -> list[tuple[datetime, str]]:
    """Round moments to label the axis with: the finest step that gives at most `most` ticks."""
    days_wide = (scale.end - scale.start) >= timedelta(days=1)
    for unit, size in _TICK_STEPS:
        if unit == "hour" and days_wide:  # hours only clutter an axis spanning days
            continue
        moments = _tick_moments(scale.start, scale.end, unit, size)
        if len(moments) <= most:
            before = [None, *moments]  # each tick's predecessor; one longer, so not strict
            pairs = zip(moments, before, strict=False)
            return [(now, _tick_label(now, unit, prev)) for now, prev in pairs]
    return []


def _tick_moments(start: datetime, end: datetime, unit: str, size: int) -> list[datetime]:
    moment = _first_tick(start, unit, size)
    moments = []
    while moment <= end and len(moments) < 1000:
        if moment >= start:
            moments.append(moment)
        moment = _advance(moment, unit, size)
    return moments


def _first_tick(start: datetime, unit: str, size: int) -> datetime:
    midnight = datetime(start.year, start.month, start.day)
    if unit == "hour":
        return midnight + timedelta(hours=start.hour - start.hour % size)
    if unit == "day":
        return midnight
    if unit == "week":
        return midnight - timedelta(days=midnight.weekday())
    if unit == "month":
        return datetime(start.year, start.month - (start.month - 1) % size, 1)
    return datetime(start.year - start.year % size, 1, 1)


def _advance(moment: datetime, unit: str, size: int) -> datetime:
    if unit == "hour":
        return moment + timedelta(hours=size)
    if unit in ("day", "week"):
        return moment + timedelta(days=size * (7 if unit == "week" else 1))
    if unit == "month":
        months = moment.month - 1 + size
        return datetime(moment.year + months // 12, months % 12 + 1, 1)
    return datetime(moment.year + size, 1, 1)


def _tick_label(moment: datetime, unit: str, previous: datetime | None) -> str:
    """Short labels; the day or the year is spelled out only where it changes."""
    new_year = previous is None or previous.year != moment.year
    if unit == "hour":
        clock = f"{moment.hour:02d}:00"
        if previous is None or previous.date() != moment.date():
            return f"{day_label(moment.date(), new_year)} {clock}"
        return clock
    if unit in ("day", "week"):
        return day_label(moment.date(), with_year=new_year)
    if unit == "month":
        return month_label(moment.date())
    return str(moment.year)


def time_axis(scale: TimeScale, y: float, height: float) -> str:
    """A horizontal axis at `y` with labelled ticks and faint grid lines `height` tall above it."""
    parts = [element("line", x1=scale.left, y1=y, x2=scale.right, y2=y, class_="axis")]
    for moment, label in ticks(scale):
        x = scale.x(moment)
        parts.append(element("line", x1=x, y1=y - height, x2=x, y2=y, class_="grid"))
        parts.append(element("line", x1=x, y1=y, x2=x, y2=y + 5, class_="axis"))
        parts.append(element("text", esc(label), x=x, y=y + 18, class_="tick"))
    return element("g", "".join(parts), class_="time-axis")
