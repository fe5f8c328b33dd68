"""Dates in the report: TimeML values to calendar periods, and the two charts drawn on a time axis
(the timeline of dated mentions and events, and the strip chart of articles by outlet)."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from manysides.report.svg import (
    TimeScale,
    day_label,
    element,
    esc,
    month_label,
    svg_root,
    time_axis,
    time_scale,
    tooltip,
    truncate,
)

# Granularities a reader can place on a calendar; durations, sets and refs ("now") are left out,
# and years, seasons and decades are too coarse to sit as a point on a days-wide axis.
DATED_GRANULARITIES = frozenset({"day", "time", "week", "month"})

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")

WIDTH = 960.0
LEFT = 130.0
RIGHT = WIDTH - 30.0


@dataclass(frozen=True, order=True)
class Period:
    """The calendar span a TimeML value names: `start` inclusive, `end` exclusive."""

    start: date
    end: date
    granularity: str  # "day" | "week" | "month"

    @property
    def label(self) -> str:
        if self.granularity == "day":
            return day_label(self.start)
        if self.granularity == "month":
            return month_label(self.start)
        last = self.end - timedelta(days=1)
        week = self.start.isocalendar().week
        return f"week {week} ({day_label(self.start, False)} – {day_label(last)})"


def parse_period(value: object, granularity: object = None) -> Period | None:
    """The period of a TimeML date value ("2016-09-28", "2016-W39", "2016-09"), else None."""
    if not isinstance(value, str) or (granularity and granularity not in DATED_GRANULARITIES):
        return None
    try:
        return _period_of(value.strip())
    except ValueError:  # "2016-13", "2016-W60", "2016-02-30": malformed, not a date
        return None


def _period_of(value: str) -> Period | None:
    if match := _DAY.match(value):
        day = date(*map(int, match.groups()[:3]))
        return Period(day, day + timedelta(days=1), "day")
    if match := _WEEK.match(value):
        monday = date.fromisocalendar(int(match[1]), int(match[2]), 1)
        return Period(monday, monday + timedelta(days=7), "week")
    if match := _MONTH.match(value):
        first = date(int(match[1]), int(match[2]), 1)
        following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        return Period(first, following, "month")
    return None


def parse_moment(value: object) -> datetime | None:
    """A publication date or datetime ("2016-09-28", "2016-09-28T16:34Z") as naive UTC."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


def midpoint(period: Period) -> datetime:
    start = datetime.combine(period.start, datetime.min.time())
    return start + (datetime.combine(period.end, datetime.min.time()) - start) / 2


@dataclass
class DateGroup:
    """Every dated mention of one period, across articles."""

    period: Period
    timexes: list[dict] = field(default_factory=list)


def group_timexes(timexes: Iterable[dict]) -> list[DateGroup]:
    """Dated mentions grouped by the period they name, earliest first (days before weeks)."""
    groups: dict[Period, DateGroup] = {}
    for timex in timexes:
        period = parse_period(timex.get("value"), timex.get("granularity"))
        if period is not None:
            groups.setdefault(period, DateGroup(period)).timexes.append(timex)
    return [groups[period] for period in sorted(groups)]


@dataclass(frozen=True)
class DatedEvent:
    period: Period
    lines: list[str]  # tooltip: what happened, who, where


@dataclass(frozen=True)
class Focus:
    """The span the timeline shows, and how many marks fall before and after it."""

    start: datetime
    end: datetime
    before: int
    after: int


def focus(periods: list[tuple[Period, int]]) -> Focus:
    """Where most mentions are: outlying references ("in March 2011") would squash the rest.

    The core holds the middle half of the marks; it grows outwards over every mark that is no
    further than a gap from it, so only marks cut off by a wide gap are left out (and counted).
    """
    ranked = sorted((period, max(count, 1)) for period, count in periods)
    low, high = midpoint(_quantile(ranked, 0.25)), midpoint(_quantile(ranked, 0.75))
    gap = max((high - low) * 0.5, timedelta(days=14))
    middles = sorted({midpoint(period) for period, _ in ranked})
    for moment in reversed([m for m in middles if m < low]):
        if low - moment > gap:
            break
        low = moment
    for moment in [m for m in middles if m > high]:
        if moment - high > gap:
            break
        high = moment
    shown = [period for period, _ in ranked if low <= midpoint(period) <= high]
    start = datetime.combine(min(p.start for p in shown), datetime.min.time())
    end = datetime.combine(max(p.end for p in shown), datetime.min.time())
    before = sum(count for period, count in periods if midpoint(period) < low)
    after = sum(count for period, count in periods if midpoint(period) > high)
    return Focus(start, end, before, after)


def _quantile(ranked: list[tuple[Period, int]], share: float) -> Period:
    """The period below which `share` of the (weighted) marks fall."""
    wanted = share * sum(count for _, count in ranked)
    seen = 0
    for period, count in ranked:
        seen += count
        if seen >= wanted:
            return period
    return ranked[-1][0]


LANE_HEIGHTS = {"Days": 80.0, "Weeks, months": 44.0, "Events": 40.0}


def render_timeline(
    groups: list[DateGroup],
    events: list[DatedEvent],
    describe: Callable[[dict], str],
) -> str:
    """The SVG timeline: a bar per day (as tall as its mentions), weeks and months as spans,
    events as diamonds; marks far from the rest are counted at the ends instead of drawn."""
    periods = [(g.period, len(g.timexes)) for g in groups] + [(e.period, 1) for e in events]
    if not periods:
        return ""
    span = focus(periods)
    scale = time_scale([span.start, span.end], LEFT, RIGHT)
    lanes = _lanes(groups, events)
    axis_y = 16 + sum(LANE_HEIGHTS[name] for name, _ in lanes)
    parts = [time_axis(scale, axis_y, axis_y - 10)]
    top = 16.0
    for name, marks in lanes:
        top += LANE_HEIGHTS[name]
        parts.append(_lane(scale, name, marks, top, describe))
    parts.append(_outside_note(span, scale, axis_y))
    height = axis_y + 44
    return svg_root("".join(parts), WIDTH, height, "Timeline of dated mentions", class_="timeline")


def _lanes(groups: list[DateGroup], events: list[DatedEvent]) -> list[tuple[str, list]]:
    days = [g for g in groups if g.period.granularity == "day"]
    longer = sorted((g for g in groups if g.period.granularity != "day"),
                    key=lambda g: g.period.start - g.period.end)  # widest first: weeks on top
    lanes = [("Days", days), ("Weeks, months", longer), ("Events", events)]
    return [(name, marks) for name, marks in lanes if marks]


def _lane(scale: TimeScale, name: str, marks: list, bottom: float,
          describe: Callable[[dict], str]) -> str:
    """One lane, its marks drawn upwards from `bottom` (days) or centred in it (the others)."""
    middle = bottom - LANE_HEIGHTS[name] / 2 + 4
    base = bottom - 8 if name == "Days" else middle
    parts = [element("text", esc(name), x=LEFT - 14, y=base + 4, class_="lane-label"),
             element("line", x1=LEFT, y1=base, x2=RIGHT, y2=base, class_="lane")]
    visible = [mark for mark in marks if _visible(scale, mark.period)]
    if name == "Events":
        parts += [_event_mark(scale.x(midpoint(m.period)), base, m) for m in visible]
    elif name == "Days":
        parts += _day_bars(scale, base, visible, describe)
    else:
        most = max(len(m.timexes) for m in marks)
        parts += [_period_bar(scale, base, m, most, describe) for m in visible]
    return element("g", "".join(parts), class_="lane-group")


def _visible(scale: TimeScale, period: Period) -> bool:
    """Drawn when its middle is in view; the others are counted at the axis ends instead."""
    return scale.start <= midpoint(period) <= scale.end


def _day_bars(scale: TimeScale, base: float, groups: list[DateGroup],
              describe: Callable[[dict], str]) -> list[str]:
    most = max((len(g.timexes) for g in groups), default=1)
    day_width = scale.x(scale.start + timedelta(days=1)) - scale.x(scale.start)
    width = max(2.5, min(16.0, day_width * 0.7))
    bars = []
    for group in groups:
        count = len(group.timexes)
        tall = 3 + 54 * count / most
        x = scale.x(midpoint(group.period))
        bar = element("rect", tooltip(_group_tooltip(group, describe)), x=x - width / 2,
                      y=base - tall, width=width, height=tall, rx=min(2.0, width / 3),
                      class_="tick-day", data_date=group.period.start.isoformat(),
                      data_count=str(count))
        if width >= 9:  # room to say how many over each bar
            bar += element("text", str(count), x=x, y=base - tall - 4, class_="count")
        bars.append(bar)
    return bars


def _period_bar(scale: TimeScale, middle: float, group: DateGroup, most: int,
                describe: Callable[[dict], str]) -> str:
    start = max(datetime.combine(group.period.start, datetime.min.time()), scale.start)
    end = min(datetime.combine(group.period.end, datetime.min.time()), scale.end)
    x1, x2 = scale.x(start), scale.x(end)
    tall = 8 + 14 * math.sqrt(len(group.timexes) / most)
    return element("rect", tooltip(_group_tooltip(group, describe)), x=x1, y=middle - tall / 2,
                   width=max(x2 - x1, 3.0), height=tall, rx=3.0, class_="tick-period",
                   data_period=group.period.start.isoformat())


def _group_tooltip(group: DateGroup, describe: Callable[[dict], str]) -> list[str]:
    count = len(group.timexes)
    lines = [f"{group.period.label}: {count} mention{'s' if count != 1 else ''}"]
    lines += [describe(timex) for timex in group.timexes[:12]]
    if count > 12:
        lines.append(f"… and {count - 12} more")
    return lines


def _event_mark(x: float, y: float, event: DatedEvent) -> str:
    points = f"{x:.1f},{y - 7:.1f} {x + 7:.1f},{y:.1f} {x:.1f},{y + 7:.1f} {x - 7:.1f},{y:.1f}"
    return element("polygon", tooltip(event.lines), points=points, class_="tick-event")


def _outside_note(span: Focus, scale: TimeScale, axis_y: float) -> str:
    notes = []
    if span.before:
        notes.append(element("text", esc(f"◀ {span.before} earlier (listed below)"), x=scale.left,
                             y=axis_y + 34, class_="note", text_anchor="start"))
    if span.after:
        notes.append(element("text", esc(f"{span.after} later (listed below) ▶"), x=scale.right,
                             y=axis_y + 34, class_="note", text_anchor="end"))
    return "".join(notes)


# --- articles by outlet and date ---------------------------------------------------------------

MAX_OUTLET_ROWS = 20


def render_article_strip(articles: list[dict], outlet_of: Callable[[dict], str]) -> str:
    """Outlets as rows, publication dates on x: who published when, copies drawn hollow."""
    dated = [(a, parse_moment(a.get("published"))) for a in articles]
    dated = [(a, moment) for a, moment in dated if moment is not None]
    if not dated:
        return ""
    rows = _outlet_rows([outlet_of(a) for a, _ in dated])
    label_width = min(220.0, 30 + 7 * max(len(truncate(r, 30)) for r in rows))
    scale = time_scale([moment for _, moment in dated], label_width, WIDTH - 30)
    height = 30 + 28 * len(rows) + 40
    axis_y = height - 40
    parts = [time_axis(scale, axis_y, axis_y - 14)]
    for index, row in enumerate(rows):
        y = 30 + 28 * index
        parts.append(element("line", x1=scale.left, y1=y, x2=scale.right, y2=y, class_="lane"))
        parts.append(element("text", esc(truncate(row, 30)) + tooltip([row]), x=label_width - 12,
                             y=y + 4, class_="lane-label"))
    parts.extend(_article_dots(dated, rows, scale, outlet_of))
    return svg_root("".join(parts), WIDTH, height, "Articles by outlet and date", class_="strip")


def _outlet_rows(outlets: list[str]) -> list[str]:
    counts = Counter(outlets)
    ranked = [name for name, _ in counts.most_common()]
    if len(ranked) <= MAX_OUTLET_ROWS:
        return sorted(ranked, key=str.casefold)
    kept = sorted(ranked[: MAX_OUTLET_ROWS - 1], key=str.casefold)
    return kept + ["other outlets"]


def _article_dots(
    dated: list[tuple[dict, datetime]],
    rows: list[str],
    scale: TimeScale,
    outlet_of: Callable[[dict], str],
) -> list[str]:
    """One dot per article; articles that would overlap in a row share one bigger, counted dot."""
    row_index = {name: i for i, name in enumerate(rows)}
    buckets: dict[tuple[int, int], list[tuple[dict, datetime]]] = {}
    for article, moment in sorted(dated, key=lambda pair: pair[1]):
        row = row_index.get(outlet_of(article), len(rows) - 1)
        buckets.setdefault((row, round(scale.x(moment) / 10)), []).append((article, moment))
    return [_article_dot(row, bucket, scale, outlet_of) for (row, _), bucket in buckets.items()]


def _is_copy(article: dict) -> bool:
    return bool(article.get("copy_of") or article.get("republished_from"))


def _article_dot(row: int, bucket: list[tuple[dict, datetime]], scale: TimeScale,
                 outlet_of: Callable[[dict], str]) -> str:
    articles = [article for article, _ in bucket]
    x = sum(scale.x(moment) for _, moment in bucket) / len(bucket)
    y = 30 + 28 * row
    copy = all(_is_copy(article) for article in articles)
    lines = [outlet_of(articles[0])] if len(articles) == 1 else [f"{len(articles)} articles"]
    lines += [f"{a.get('published')}  {truncate(str(a.get('title') or a.get('id')), 90)}"
              + ("  (copy)" if _is_copy(a) else "") for a in articles[:8]]
    if len(articles) > 8:
        lines.append(f"… and {len(articles) - 8} more")
    radius = 6.0 if len(articles) == 1 else min(13.0, 5.0 + 2.0 * math.sqrt(len(articles)))
    ids = " ".join(str(a.get("id")) for a in articles)
    dot = element("circle", tooltip(lines), cx=x, cy=y, r=radius,
                  class_="dot copy" if copy else "dot", data_article=ids)
    if len(articles) == 1:
        return dot
    count = element("text", str(len(articles)), x=x, y=y + 3.5, class_="dot-count")
    return element("g", dot + count)
