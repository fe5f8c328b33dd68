"""The timex rules: one regex and one normaliser each, ordered by priority on equal spans.

A pattern's named group "t", when present, is the timex extent; the rest of the match is
context ("for years" tags "years" only). Normalisers return None to drop a match.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from manysides.annotate import timex_calendar as cal
from manysides.annotate.timex_context import Context, Found
from manysides.annotate.timex_words import (
    DAY_OF_MONTH,
    DECADE_WORDS,
    MONTH,
    NUMBER,
    ORDINAL,
    PARTS_OF_DAY,
    SEASONS,
    UNIT,
    WEEKDAY,
    YEAR,
    month_number,
    ordinal_number,
    parse_number,
    unit_code,
    unit_name,
    weekday_number,
)

Resolver = Callable[[re.Match, Context], Found | None]
Acceptor = Callable[[re.Match, str], bool]


@dataclass(frozen=True)
class Rule:
    """A rule is only tried where one of its `keys` occurs (a lower-case word, or one of the
    number shapes "#year" "#clock" "#slash" "#iso" "#decade"), starting at most `reach`
    characters before the key: that keeps the tagger fast on long texts."""

    keys: frozenset[str]
    reach: int
    pattern: re.Pattern
    resolve: Resolver
    accept: Acceptor | None = None
    heads: frozenset[str] = frozenset()  # first three letters of words a match can begin with


def _rule(keys: str, reach: int, pattern: str, resolve: Resolver, accept: Acceptor | None = None):
    # Every word a match can start with is spelled out in the pattern: collect their heads.
    heads = frozenset(word[:3] for word in re.findall(r"[a-z]+", pattern.lower()))
    return Rule(frozenset(keys.split()), reach, _compile(pattern), resolve, accept, heads)


_FULL_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_PART = r"(?:morning|afternoon|evening|night)"
_EDGE = r"(?:early|late|mid|the\s+(?:end|beginning|start|middle|rest|close)\s+of)"


_FISCAL_END = re.compile(r"\s+(?:that\s+)?end(?:ed|ing|s)\b")
_AGE = re.compile(r"[\s-]*old\b")
_CLAUSE_END = re.compile(r"\s*(?:[.,;:!?)]|$|and\b|or\b|but\b)")


def _squash(text: str) -> str:
    """Collapse whitespace runs to single spaces ("last  week" -> "last week")."""
    return " ".join(text.split())


def _compile(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.IGNORECASE)


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _day_found(day: dt.date | None, part: str | None = None) -> Found:
    """A day (or a part of a day: TIME "2016-09-28TMO")."""
    value = cal.day_value(day)
    if part:
        return Found("TIME", f"{value}T{PARTS_OF_DAY[part.lower()]}", "time", day)
    return Found("DATE", value, "day", day)


# --- absolute dates -------------------------------------------------------------------------


def _month_day(match: re.Match, ctx: Context) -> Found | None:
    month = month_number(match["mon"])
    day = int(re.match(r"\d+", match["day"]).group(0))
    relation = (match.groupdict().get("rel") or "").lower()
    if match["year"]:
        year = int(match["year"])
    elif ctx.anchor is not None and relation in ("last", "next"):
        year = ctx.anchor.year
        if relation == "last" and (month, day) >= (ctx.anchor.month, ctx.anchor.day):
            year -= 1
        if relation == "next" and (month, day) <= (ctx.anchor.month, ctx.anchor.day):
            year += 1
    elif ctx.anchor is not None:
        year = cal.closest_year(ctx.anchor, month, day, ctx.tense(*match.span("t")))
    else:
        return Found("DATE", f"XXXX-{month:02d}-{day:02d}", "day") if day <= 31 else None
    date = _date(year, month, day)
    return _day_found(date) if date else None


_MONTH_DAY = (
    rf"\b(?P<t>(?:(?P<rel>last|next)\s+)?(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<mon>{MONTH})\s*"
    rf"(?P<day>{DAY_OF_MONTH})(?!,\d)"
    rf"(?:(?:,\s*|\s+)(?P<year>{YEAR})\b)?)"
)
_DAY_MONTH = (
    rf"\b(?P<t>(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?(?P<day>{DAY_OF_MONTH})\s+(?:of\s+)?"
    rf"(?P<mon>{MONTH})(?:,?\s+(?P<year>{YEAR})\b)?)"
)


def _iso_date(match: re.Match, ctx: Context) -> Found | None:
    date = _date(int(match["y"]), int(match["m"]), int(match["d"]))
    if date is None:
        return None
    if match["h"]:
        return Found("TIME", f"{date.isoformat()}T{match['h']}:{match['mi']}", "time", date)
    return _day_found(date)


_ISO_DATE = (
    r"\b(?P<y>(?:1[6-9]|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])"
    r"(?:[T ](?P<h>[01]\d|2[0-3]):(?P<mi>[0-5]\d)(?::\d\d)?)?\b"
)


def _slash_date(match: re.Match, ctx: Context) -> Found | None:
    year = int(match["y"])
    if year < 100:
        pivot = (ctx.anchor.year if ctx.anchor else 2030) % 100 + 1
        year += 2000 if year <= pivot else 1900
    first, second = int(match["a"]), int(match["b"])
    month, day = (first, second) if first <= 12 else (second, first)  # US order unless impossible
    date = _date(year, month, day)
    return _day_found(date) if date else None


_SLASH_DATE = r"(?<![\d/.])\b(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<y>(?:19|20)\d\d|\d\d)\b(?![/\d])"


def _month_year(match: re.Match, ctx: Context) -> Found:
    month = month_number(match["mon"])
    if match["year"]:
        return Found("DATE", cal.month_value(int(match["year"]), month), "month")
    if ctx.anchor is None:  # "June last year" with no publication date
        return Found("DATE", cal.month_value(None, month), "month")
    offset = {"last": -1, "this": 0, "next": 1}[match["rel"].lower()]
    return Found("DATE", cal.month_value(ctx.anchor.year + offset, month), "month")


_MONTH_YEAR = (
    rf"\b(?P<t>(?:{_EDGE}(?:\s+|-))?(?P<mon>{MONTH})\s*,?\s+(?:of\s+)?(?:(?P<year>{YEAR})\b"
    r"|(?P<rel>last|this|next)\s+year\b))"
)

# --- named months, years, decades, centuries -------------------------------------------------

_MONTH_CONTEXT_WORDS = frozenset(
    "in on by since until till through throughout during of from to early late mid last next "
    "this before after between and or since around about until at".split()
)
_AMBIGUOUS_MONTHS = frozenset({"may", "march", "april", "june", "august"})


def _accept_bare_month(match: re.Match, text: str) -> bool:
    if match["rel"]:
        return True
    name = match["mon"]
    if not name[0].isupper():
        return False
    if len(name.rstrip(".")) <= 4 and name.lower() not in ("may", "june", "july"):
        return False  # bare abbreviations ("Mar", "Dec") are too often something else
    if name.lower() not in _AMBIGUOUS_MONTHS:
        return True
    previous = re.search(r"(\w+)\W*$", text[max(0, match.start() - 30) : match.start()])
    following = text[match.end() : match.end() + 20]
    if re.match(r"\s+[A-Z][a-z]", following):
        return False  # "April Ryan", "June Carter": a name
    return previous is not None and previous.group(1).lower() in _MONTH_CONTEXT_WORDS


def _bare_month(match: re.Match, ctx: Context) -> Found:
    month = month_number(match["mon"])
    if ctx.anchor is None:
        return Found("DATE", cal.month_value(None, month), "month")
    relation = (match["rel"] or "").lower()
    relation = relation if relation in ("last", "next", "this") else ""
    tense = None if relation else ctx.tense(*match.span("t"))
    year = cal.month_relative(ctx.anchor, month, relation, tense)
    return Found("DATE", cal.month_value(year, month), "month")


_BARE_MONTH = (
    rf"\b(?P<t>(?:(?P<rel>last|next|this|{_EDGE})(?:\s+|-))?(?P<mon>{MONTH}))"
    r"(?!\.?\s*\d|\s*-\s*\d)(?!['’]s\s+[a-z]+\s+\d)"
)

_COUNTED_NOUNS = (
    "people|persons|men|women|children|troops|soldiers|workers|employees|jobs|students|"
    "residents|civilians|refugees|cases|deaths|votes|units|shares|cars|homes|houses|acres|tons|"
    "tonnes|miles|feet|meters|metres|kilometers|kilometres|km|barrels|points|dollars|euros|"
    "pounds|members|fighters|militants|police|officers|delegates|protesters|patients|"
    "passengers|prisoners|migrants|families|villages|buildings|words|pages|calories|seats|"
    "rounds|times|hours|minutes|days|weeks|months|years|feet|yards|pieces|copies|items"
)
_YEAR_WORDS_BEFORE = frozenset(
    "about some nearly approximately almost roughly than around over under exactly only "
    "number no. flight route room page".split()
)


def _accept_year(match: re.Match, text: str) -> bool:
    if match["pre"]:
        return True
    before = text[max(0, match.start() - 25) : match.start()]
    previous = re.search(r"(\S+)\s*$", before)
    if previous and previous.group(1).lower() in _YEAR_WORDS_BEFORE:
        return False
    if re.search(r"[$£€#]\s*$", before):
        return False
    after = text[match.end() : match.end() + 20]
    return re.match(rf"\s+(?:{_COUNTED_NOUNS})\b|\s*(?:%|percent)", after, re.IGNORECASE) is None


def _year(match: re.Match, ctx: Context) -> Found:
    year = int(match["year"])
    pre = (match["pre"] or "").lower()
    if "first half" in pre:
        return Found("DATE", f"{year:04d}-H1", "year")
    if "second half" in pre or "last half" in pre:
        return Found("DATE", f"{year:04d}-H2", "year")
    return Found("DATE", cal.year_value(year), "year")


_YEAR_RULE = (
    r"(?<![\w$£€#.,/-])(?P<t>(?:(?P<pre>fiscal(?:\s+year)?|FY|calendar(?:\s+year)?|the\s+year"
    rf"|(?:{_EDGE}|the\s+(?:first|second|last)\s+half\s+of)(?:\s+|-))\s*)?(?P<year>{YEAR})\b)"
    r"(?![.,]\d)"
)


def _decade(match: re.Match, ctx: Context) -> Found | None:
    if match["full"]:
        century, digit = int(match["full"][:2]), int(match["full"][2])
    else:
        digit = int(match["short"][0]) if match["short"] else DECADE_WORDS[match["word"].lower()]
        anchor_year = ctx.anchor.year if ctx.anchor else 2099
        century = 20 if 2000 + 10 * digit <= anchor_year else 19
    return Found("DATE", f"{century:02d}{digit}", "decade")


_DECADE = (
    r"\b(?P<t>(?:the\s+)?(?:(?:early|late|mid)(?:\s+|-))?(?:(?P<full>1[5-9]\d0|20\d0)['’]?s"
    r"|(?<=the )['’]?(?P<short>[2-9]0)['’]?s|['’](?P<short2>[0-9]0)s"
    r"|(?<=the )(?P<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)))"
    r"\b"
)


def _decade_resolve(match: re.Match, ctx: Context) -> Found | None:
    if match["short2"] and not match["short"]:
        digit = int(match["short2"][0])
        anchor_year = ctx.anchor.year if ctx.anchor else 2099
        century = 20 if 2000 + 10 * digit <= anchor_year else 19
        return Found("DATE", f"{century:02d}{digit}", "decade")
    return _decade(match, ctx)


def _century(match: re.Match, ctx: Context) -> Found:
    number = ordinal_number(match["ord"])
    return Found("DATE", f"{number - 1:02d}", "century")


_CENTURY = rf"\b(?P<t>(?:the\s+)?(?:(?:early|late|mid)(?:\s+|-))?(?P<ord>{ORDINAL})[\s-]+century)\b"

# --- weekdays and today ------------------------------------------------------------------


def _weekday(match: re.Match, ctx: Context) -> Found:
    weekday = weekday_number(match["wd"])
    part = match["part"]
    if ctx.anchor is None:
        value = f"XXXX-WXX-{weekday + 1}"
        if part:
            return Found("TIME", f"{value}T{PARTS_OF_DAY[part.lower()]}", "time")
        return Found("DATE", value, "day")
    direction = _weekday_direction(match, ctx)
    # "the previous Friday" counts from the day the text is talking about, not from today
    base = ctx.reference() if (match["rel"] or "").lower().startswith("the") else ctx.anchor
    return _day_found(cal.weekday_date(base, weekday, direction), part)


def _weekday_direction(match: re.Match, ctx: Context) -> str:
    relation = _squash((match["rel"] or "").lower())
    if relation in ("last", "past", "this past", "the previous", "the preceding"):
        return "strictly_before"
    if relation in ("next", "coming", "this coming", "the following", "the next"):
        return "strictly_after"
    if (match["prep"] or "").lower() == "since" or match["possessive"]:
        return "before"  # "since Friday"; "Friday's attack" is news of what happened
    tense = ctx.tense(*match.span("t"))
    if relation == "this":
        return "before" if tense == "past" else "after"
    return "after" if tense == "future" else "before"


_WEEKDAY_RULE = (
    rf"\b(?:(?P<prep>on|since|by|until|till|from)\s+)?(?P<t>(?:(?P<rel>last|next|this\s+past"
    rf"|this\s+coming|this|past|coming|the\s+previous|the\s+preceding|the\s+following"
    rf"|the\s+next)\s+)?(?:(?:early|late)\s+)?(?P<wd>{_FULL_WEEKDAY})"
    rf"(?:\s+(?P<part>{_PART})\b)?)\b(?P<possessive>['’]s\b)?"
)

_TODAY_OFFSETS = {
    "today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
    "the day after tomorrow": 2, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "last night": -1, "overnight": -1,
}  # fmt: skip


def _today(match: re.Match, ctx: Context) -> Found:
    word = _squash(match["word"].lower())
    part = match["part"] or _implied_part(word)
    if ctx.anchor is None:
        if part:
            return Found("TIME", f"XXXX-XX-XXT{PARTS_OF_DAY[part]}", "time")
        return Found("DATE", "PRESENT_REF" if word == "today" else "XXXX-XX-XX", "ref")
    day = ctx.anchor + dt.timedelta(days=_TODAY_OFFSETS[word])
    return _day_found(day, part)


def _implied_part(word: str) -> str | None:
    if word in ("tonight", "last night", "overnight"):
        return "night"
    if word.startswith("this "):
        return word.split()[1]
    return None


_TODAY = (
    r"\b(?P<t>(?:(?:early|late|earlier|later)\s+)?(?P<word>the\s+day\s+before\s+yesterday"
    r"|the\s+day\s+after\s+tomorrow|today|yesterday|tomorrow|tonight|this\s+morning"
    r"|this\s+afternoon|this\s+evening|last\s+night)"
    rf"(?:\s+(?P<part>{_PART})\b)?)\b"
)

# --- this/last/next week, month, year ... ------------------------------------------------

_OFFSETS = {
    "this": 0, "the current": 0, "the present": 0, "current": 0, "last": -1, "the previous": -1,
    "the prior": -1, "the preceding": -1, "previous": -1, "next": 1, "the coming": 1,
    "the following": 1, "the next": 1, "the upcoming": 1, "coming": 1, "the same": 0, "that": 0,
    "the": 0, "the latest": 0, "the past": -1, "past": -1, "the last": -1, "the full": 0,
    "the whole": 0, "the entire": 0,
}  # fmt: skip
_FROM_REFERENCE = frozenset(
    {"the previous", "the following", "the next", "the same", "that", "the preceding", "the prior"}
)
_UNIT_WORDS = r"week|weekend|month|year|decade|century|day"


def _accept_relative_unit(match: re.Match, text: str) -> bool:
    relation = _squash(match["rel"].lower())
    unit = match["unit"].lower()
    if unit == "day":
        return relation in _FROM_REFERENCE
    if relation in ("the", "that") and unit in ("decade", "century"):
        return False
    return not (relation == "the" and unit == "day")


def _relative_unit(match: re.Match, ctx: Context) -> Found | None:
    relation = _squash(match["rel"].lower())
    unit = match["unit"].lower()
    if relation in ("the past", "past", "the last"):
        return _duration_found(1, unit)
    if relation == "the" and _FISCAL_END.match(ctx.text, match.end()):
        return _duration_found(1, unit)  # "the year ended March 31": a fiscal year, a span
    base = ctx.reference() if relation in _FROM_REFERENCE else ctx.anchor
    if unit == "year" and relation in _FROM_REFERENCE and ctx.reference_year is not None:
        year = ctx.reference_year + _OFFSETS[relation]
        return Found("DATE", cal.year_value(year), "year")
    if base is None:
        return Found("DATE", *cal.unit_value(None, unit))
    if unit == "weekend":
        return _weekend(base, _OFFSETS[relation], ctx.tense(*match.span("t")))
    day = cal.shift(base, unit, _OFFSETS[relation])
    half = _half(match["pre"])
    if unit == "year" and half:
        return Found("DATE", f"{day.year:04d}-{half}", "year")
    if unit == "week":
        return Found("DATE", cal.week_value(day), "week")
    value, granularity = cal.unit_value(day, unit)
    return Found("DATE", value, granularity, day if unit == "day" else None)


def _half(pre: str | None) -> str | None:
    text = (pre or "").lower()
    if "first half" in text:
        return "H1"
    if "second half" in text or "last half" in text:
        return "H2"
    return None


def _weekend(base: dt.date, offset: int, tense: str | None) -> Found:
    # "the weekend" in the past tense, or early in the week, is the one just gone
    if offset == 0 and tense != "future" and base.weekday() < 5:
        if tense == "past" or base.weekday() < 3:
            offset = -1
    return Found("DATE", cal.weekend_value(base + dt.timedelta(weeks=offset)), "week")


_RELATIVE_UNIT = (
    rf"\b(?P<t>(?:(?P<pre>earlier|later|early|late|{_EDGE}|the\s+(?:first|second|last)\s+half"
    r"\s+of|mid)(?:\s+|-))?(?P<rel>this|last|next|the\s+coming|the\s+past|the\s+previous"
    r"|the\s+following|the\s+current|the\s+same|the\s+prior|the\s+latest|the\s+preceding"
    r"|the\s+next|the\s+last|the\s+present|the\s+upcoming|the\s+full|the\s+whole|the\s+entire"
    r"|the|that|coming|past|previous)\s+"
    rf"(?:(?:fiscal|calendar)\s+)?(?P<unit>{_UNIT_WORDS}))(?:['’]s)?\b(?!-)"
)


def _season(match: re.Match, ctx: Context) -> Found | None:
    code = SEASONS[match["season"].lower()]
    if match["year"]:
        return Found("DATE", f"{match['year']}-{code}", "season")
    if ctx.anchor is None:
        return Found("DATE", f"XXXX-{code}", "season")
    relation = _squash((match["rel"] or "").lower())
    year = ctx.anchor.year
    if relation in ("last", "the past"):
        year -= 1
    elif relation in ("next", "the coming"):
        year += 1
    elif relation == "this":
        pass
    elif _season_start(code) > ctx.anchor.month and ctx.tense(*match.span("t")) == "past":
        year -= 1
    return Found("DATE", f"{year:04d}-{code}", "season")


def _season_start(code: str) -> int:
    return {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]


def _accept_season(match: re.Match, text: str) -> bool:
    relation = (match["rel"] or "").lower()
    if match["year"] or match["mod"]:
        return True
    if not relation:
        return False
    return not (relation == "the" and match["season"].lower() == "fall")


_SEASON = (
    r"\b(?P<t>(?:(?P<mod>early|late|mid)(?:\s+|-))?(?:(?P<rel>this|last|next|the\s+coming"
    r"|the\s+past|the)\s+)?(?P<season>spring|summer|fall|autumn|winter)"
    rf"(?:\s+(?:of\s+)?(?P<year>{YEAR}))?)\b(?!-)"
)

# --- quarters and financial periods -------------------------------------------------------


def _quarter_found(year: int, quarter: int, remember: bool = True) -> Found:
    """A quarter; `remember` makes it the quarter later "the quarter"s refer to."""
    while quarter < 1:
        year, quarter = year - 1, quarter + 4
    while quarter > 4:
        year, quarter = year + 1, quarter - 4
    memory = (year, quarter) if remember else None
    return Found("DATE", f"{year:04d}-Q{quarter}", "quarter", quarter=memory)


def _ordinal_quarter(match: re.Match, ctx: Context) -> Found:
    quarter = ordinal_number(match["ord"])
    year = _quarter_year(match, ctx, quarter)
    if year is None:
        return Found("DATE", f"XXXX-Q{quarter}", "quarter")
    return _quarter_found(year, quarter)


def _quarter_year(match: re.Match, ctx: Context, quarter: int) -> int | None:
    if match["year"] and match["year"][0].isdigit():
        return int(match["year"])
    if match["pyear"]:
        return int(match["pyear"])
    if ctx.anchor is None:
        return None
    said = " ".join(filter(None, (match["owner"], match["year"], match["adj"]))).lower()
    year = ctx.anchor.year
    if "last" in said or "year-earlier" in said or "year-ago" in said:
        return year - 1
    if "next" in said:
        return year + 1
    if "this" in said:
        return year
    current = cal.quarter_of(ctx.anchor)
    if quarter > current and ctx.tense(*match.span("t")) != "future":
        return year - 1
    return year


_ORDINAL_QUARTER = (
    rf"\b(?P<t>(?:(?:the|(?P<owner>this|last|next)\s+year['’]s|(?P<pyear>{YEAR})['’]?s?)\s+)?"
    r"(?:(?P<adj>fiscal|calendar|current|latest|same|year-earlier|year-ago)[\s-]+)?"
    r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)(?:[\s-]+(?:fiscal|calendar))?"
    rf"[\s-]+quarter(?:\s+(?:of|in)\s+(?:fiscal\s+)?(?P<year>{YEAR}|this\s+year|last\s+year"
    r"|next\s+year))?)\b(?!-\w)"
)


def _named_quarter(match: re.Match, ctx: Context) -> Found | None:
    words = _squash(match.group("t").lower())
    if ctx.anchor is None and ctx.reference_quarter is None:
        return Found("DATE", "XXXX-QX", "quarter")
    if ctx.anchor is None and not words.startswith(("the", "that")):
        return Found("DATE", "XXXX-QX", "quarter")
    if words.startswith("this") or "current" in words:
        return _anchor_quarter(ctx, 0)
    if words.startswith("next"):
        return _anchor_quarter(ctx, 1)
    if words.startswith("last") or re.search(r"previous|prior\b|preceding", words):
        return _anchor_quarter(ctx, -1)
    year, quarter = ctx.reference_quarter or _last_completed_quarter(ctx.anchor)
    if match["pyear"]:
        return _quarter_found(int(match["pyear"]), quarter, remember=False)
    if re.search(r"year-(?:earlier|ago|before)|prior-year|last\s+year", words):
        return _quarter_found(year - 1, quarter, remember=False)
    return _quarter_found(year, quarter)


def _anchor_quarter(ctx: Context, offset: int) -> Found:
    if ctx.anchor is None:
        return Found("DATE", "XXXX-QX", "quarter")
    return _quarter_found(ctx.anchor.year, cal.quarter_of(ctx.anchor) + offset)


def _last_completed_quarter(anchor: dt.date) -> tuple[int, int]:
    quarter = cal.quarter_of(anchor) - 1
    return (anchor.year, quarter) if quarter else (anchor.year - 1, 4)


def _accept_named_quarter(match: re.Match, text: str) -> bool:
    if match["unit"].lower() == "quarter":
        following = text[match.end() : match.end() + 20]
        return not re.match(r"\s+(?:of\s+(?:a|an|the)\b|century|mile|hour|point)", following)
    # "the period" alone is too vague; "the latest period", "the 1988 period" are not
    return bool(match["adj"] or match["pyear"] or "year" in match.group("t").lower())


_NAMED_QUARTER = (
    rf"\b(?P<t>(?:(?:the\s+(?P<pyear>{YEAR})|last\s+year['’]s|the|this|last|next|that)\s+"
    r"|(?=year-))(?P<adj>(?:(?:latest|current|most\s+recent"
    r"|recent|previous|prior|same|comparable|year-earlier|year-ago|year-before|prior-year"
    r"|just-ended|just-completed|fiscal|corresponding)[\s-]+)+)?(?P<unit>quarter|period)(?:\s+(?:a\s+year"
    r"\s+(?:ago|earlier)|last\s+year))?)\b(?!-)"
)


def _year_earlier(match: re.Match, ctx: Context) -> Found:
    if ctx.reference_quarter is not None:
        year, quarter = ctx.reference_quarter
        return Found("DATE", f"{year - 1:04d}-Q{quarter}", "quarter")
    if ctx.anchor is None:
        return Found("DATE", "XXXX", "year")
    return Found("DATE", cal.year_value(ctx.anchor.year - 1), "year")


_YEAR_EARLIER = r"\b(?P<t>year-(?:earlier|ago|before))\b(?![\s-]+(?:quarter|period))"


def _year_end(match: re.Match, ctx: Context) -> Found:
    if ctx.anchor is None:
        return Found("DATE", "XXXX-12-31", "day")
    return _day_found(dt.date(ctx.anchor.year, 12, 31))


_YEAR_END = r"\b(?P<t>year[-\s]end)\b"

# --- durations and dates counted from now -------------------------------------------------

_MODIFIERS = (
    r"(?:more\s+than|less\s+than|fewer\s+than|nearly|almost|about|around|roughly|some|over"
    r"|at\s+least|at\s+most|just|only|up\s+to|approximately|under|the\s+better\s+part\s+of"
    r"|well\s+over|close\s+to|barely)"
)


def _duration_value(amount: float | None, unit: str) -> str:
    name = unit_name(unit)
    code = unit_code(unit)
    if name == "decade":
        amount, code = (amount * 10 if amount is not None else None), "Y"
        if amount is None:
            return "PXDE"
    if name == "century":
        amount, code = (amount * 100 if amount is not None else None), "Y"
        if amount is None:
            return "PXCE"
    number = "X" if amount is None else f"{amount:g}"
    prefix = "PT" if code in ("H", "S") or name == "minute" else "P"
    return f"{prefix}{number}{code}"


def _duration_found(amount: float | None, unit: str) -> Found:
    return Found("DURATION", _duration_value(amount, unit), "duration")


def _accept_duration(match: re.Match, text: str) -> bool:
    number = _squash(match["num"].lower())
    unit = unit_name(match["unit"])
    if number in ("a", "an", "one") and unit in ("second", "quarter") and not match["rel"]:
        return False  # "a second term", "a quarter of the vote"
    return not _AGE.match(text, match.end())  # "a five-year-old boy"


def _duration(match: re.Match, ctx: Context) -> Found:
    return _duration_found(parse_number(match["num"]), match["unit"])


_DURATION = (
    rf"\b(?P<t>(?:{_MODIFIERS}\s+)?(?:(?:the|these|those|its|their|his|her|our)\s+)?"
    r"(?:(?P<rel>past|last|next|first|final|previous|coming|following|remaining|initial"
    r"|latest|same|full|entire|whole|additional|other|extra|recent|ensuing|subsequent)\s+)?"
    rf"(?P<num>{NUMBER})[\s-]+(?:(?:more|additional|full|consecutive|straight|long)\s+)?"
    rf"(?P<unit>{UNIT}))(?![\w-])"
)


def _counted_date(match: re.Match, ctx: Context) -> Found | None:
    amount = parse_number(match["num"]) if match["num"] else None
    unit = unit_name(match["unit"])
    direction = _squash(match["dir"].lower())
    if amount is None or amount != int(amount):
        return Found("DATE", "FUTURE_REF" if _is_forward(direction) else "PAST_REF", "ref")
    sign = 1 if _is_forward(direction) else -1
    if unit == "year" and amount == 1 and direction != "from now" and ctx.reference_quarter:
        year, quarter = ctx.reference_quarter  # "a year earlier" in a quarterly report
        return Found("DATE", f"{year - 1:04d}-Q{quarter}", "quarter")
    base = ctx.anchor if direction in ("ago", "from now", "hence") else ctx.reference()
    if base is None:
        return Found("DATE", *cal.unit_value(None, unit))
    if unit in ("hour", "minute", "second"):
        return _day_found(base)
    try:
        day = cal.shift(base, unit, sign * int(amount))
    except (ValueError, OverflowError):  # "ninety centuries ago" leaves the calendar
        return Found("DATE", "FUTURE_REF" if sign > 0 else "PAST_REF", "ref")
    value, granularity = cal.unit_value(day, unit)
    return Found("DATE", value, granularity, day if granularity == "day" else None)


def _is_forward(direction: str) -> bool:
    return direction in ("later", "after", "from now", "hence", "afterwards", "afterward")


_COUNTED_DATE = (
    rf"\b(?P<t>(?:{_MODIFIERS}\s+)?(?:(?P<num>{NUMBER})[\s-]+)?(?P<unit>{UNIT})\s+"
    r"(?P<dir>ago|earlier|later|afterwards?|from\s+now|hence"
    r"|before(?=\s*[,.;])|after(?=\s*[,.;])))\b"
)


def _bare_units(match: re.Match, ctx: Context) -> Found:
    return _duration_found(None, match["unit"])


_BARE_UNITS = (
    r"\b(?:for|in|over|within|after|took|take|takes|taking|lasted|lasting|spent|spend|spends"
    r"|spending)\s+(?P<t>(?P<unit>seconds|minutes|hours|days|weeks|months|years|decades"
    r"|centuries))\b(?!\s+(?:ago|earlier|later|of|to\s+come)\b)"
)

# --- references to the present, past and future ------------------------------------------

_REF_VALUES = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "presently": "PRESENT_REF", "at present": "PRESENT_REF", "at the moment": "PRESENT_REF",
    "these days": "PRESENT_REF", "recently": "PAST_REF", "lately": "PAST_REF",
    "previously": "PAST_REF", "formerly": "PAST_REF", "the past": "PAST_REF",
    "soon": "FUTURE_REF", "the future": "FUTURE_REF", "the near future": "FUTURE_REF",
    "the distant future": "FUTURE_REF", "the foreseeable future": "FUTURE_REF",
    "recent years": "PAST_REF", "recent months": "PAST_REF", "recent weeks": "PAST_REF",
    "recent days": "PAST_REF", "the recent past": "PAST_REF", "the distant past": "PAST_REF",
}  # fmt: skip


def _reference(match: re.Match, ctx: Context) -> Found:
    word = _squash(match.group("t").lower())
    if word in ("recent months", "recent weeks", "recent days"):
        # a stretch of time up to now, as TimeML annotates "in recent months"
        return _duration_found(None, word.split()[1])
    return Found("DATE", _REF_VALUES[word], "ref")


def _accept_reference(match: re.Match, text: str) -> bool:
    if match.group("t").lower() != "the past":
        return True
    return _CLAUSE_END.match(text, match.end()) is not None


_REFERENCE = (
    r"\b(?P<t>now|currently|nowadays|presently|at\s+present|at\s+the\s+moment|these\s+days"
    r"|recently|lately|the\s+(?:recent\s+|distant\s+)?past"
    r"|the\s+(?:near\s+|distant\s+|foreseeable\s+)?future|recent\s+(?:years|months|weeks|days))"
    r"\b(?!-)"
)

# --- times of day -------------------------------------------------------------------------


def _clock_time(match: re.Match, ctx: Context) -> Found | None:
    hour = int(match["h"]) if match["h"] else (12 if match["word"].lower() != "midnight" else 24)
    minute = int(match["mi"]) if match["mi"] else 0
    meridiem = (match["ap"] or "").lower()
    if meridiem.startswith("p") and hour < 12:
        hour += 12
    elif meridiem.startswith("a") and hour == 12:
        hour = 0
    if hour > 24 or (meridiem and int(match["h"] or 12) > 12):
        return None
    day = _clock_day(match, ctx)
    return Found("TIME", f"{cal.day_value(day)}T{hour:02d}:{minute:02d}", "time", day)


def _clock_day(match: re.Match, ctx: Context) -> dt.date | None:
    """The day a clock time is on: the day it names, else the last day the text mentioned."""
    groups = match.groupdict()  # the 24-hour clock pattern names no day
    word = groups.get("day")
    if groups.get("mon") and ctx.anchor is not None:
        month, day = month_number(groups["mon"]), int(re.match(r"\d+", groups["mday"]).group(0))
        year = cal.closest_year(ctx.anchor, month, day, ctx.tense(*match.span("t")))
        return _date(year, month, day)
    if ctx.anchor is None or not word:
        return ctx.reference()
    key = word.lower()
    if key in _TODAY_OFFSETS:
        return ctx.anchor + dt.timedelta(days=_TODAY_OFFSETS[key])
    direction = "after" if ctx.tense(*match.span("t")) == "future" else "before"
    return cal.weekday_date(ctx.anchor, weekday_number(key), direction)


_CLOCK_DAY = (
    rf"(?:,?\s+(?:on\s+)?(?:(?P<day>{_FULL_WEEKDAY}|today|yesterday|tomorrow|tonight)\b"
    rf"|(?P<mon>{MONTH})\s*(?P<mday>{DAY_OF_MONTH})))?"
)
_CLOCK_TIME = (
    r"\b(?P<t>(?:(?:about|around|approximately|shortly\s+(?:before|after)|just\s+(?:before"
    r"|after))\s+)?(?:(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>[ap]\.\s?m\.?"
    r"|[ap]m\b)|(?P<word>noon|midnight|midday))(?:\s+(?:[ECMP][SD]?T|GMT|UTC|local\s+time)\b)?"
    rf"{_CLOCK_DAY})"
)
_CLOCK_24 = (
    r"\b(?P<t>(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?P<ap>)(?P<word>)\s*"
    r"(?:GMT|UTC|[ECMP][SD]?T|local\s+time|hours|hrs)\b)"
)

# --- sets: daily, every week --------------------------------------------------------------

_SET_WORDS = {
    "daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
    "hourly": "PT1H", "nightly": "XXXX-XX-XXTNI", "biweekly": "P2W",
}  # fmt: skip


def _set(match: re.Match, ctx: Context) -> Found:
    if match["word"]:
        return Found("SET", _SET_WORDS[match["word"].lower()], "set")
    unit = match["unit"]
    amount = parse_number(match["num"]) if match["num"] else 1
    return Found("SET", _set_value(unit, amount), "set")


def _set_value(unit: str, amount: float | None) -> str:
    key = unit.lower().rstrip(".")
    if re.fullmatch(_FULL_WEEKDAY, key):
        return f"XXXX-WXX-{weekday_number(key) + 1}"
    if key in PARTS_OF_DAY:
        return f"XXXX-XX-XXT{PARTS_OF_DAY[key]}"
    if key in SEASONS:
        return f"XXXX-{SEASONS[key]}"
    if key == "weekend":
        return "XXXX-WXX-WE"
    if re.fullmatch(MONTH, unit):
        return f"XXXX-{month_number(unit):02d}"
    return _duration_value(amount, unit)


_SET_RULE = (
    r"\b(?P<t>(?P<word>daily|weekly|monthly|annually|yearly|hourly|nightly|biweekly)"
    rf"|(?:every|each)\s+(?:other\s+|single\s+)?(?:(?P<num>{NUMBER})\s+)?(?P<unit>{UNIT}|{_PART}"
    rf"|weekend|{_FULL_WEEKDAY}|spring|summer|fall|autumn|winter|{MONTH}))\b"
)
_PER_UNIT = (
    r"(?:\d|percent|%|\btimes|\bonce|\btwice)[^.;:\n\d]{0,25}?\s(?P<t>(?:a|an|per)\s+"
    r"(?P<unit>day|week|month|year|hour)(?P<num>)(?P<word>))\b"
    r"(?!\s+(?:ago|earlier|later|before|after|or\s+so)\b)(?![\w-])"
)

# --- holidays -----------------------------------------------------------------------------


def _holiday(match: re.Match, ctx: Context) -> Found | None:
    name = _squash(match["name"])
    if match["year"]:
        day = cal.holiday(name, int(match["year"]))
        return _day_found(day) if day else None
    if ctx.anchor is None:
        return None
    relation = (match["rel"] or "").lower()
    tense = ctx.tense(*match.span("t"))
    options = [cal.holiday(name, ctx.anchor.year + delta) for delta in (-1, 0, 1)]
    day = min(options, key=lambda d: _holiday_cost(d, ctx.anchor, relation, tense))
    return _day_found(day)


def _holiday_cost(day: dt.date, anchor: dt.date, relation: str, tense: str | None) -> float:
    days = (day - anchor).days
    cost = abs(days)
    if (relation == "last" or tense == "past") and days > 0:
        cost += 400 if relation == "last" else 150
    if (relation == "next" or tense == "future") and days < 0:
        cost += 400 if relation == "next" else 150
    return cost


_HOLIDAY = (
    r"\b(?P<t>(?:(?P<rel>last|next|this)\s+)?(?P<name>(?-i:New\s+Year['’]s(?:\s+(?:Day|Eve))?"
    r"|Christmas(?:\s+(?:Day|Eve))?|Thanksgiving(?:\s+Day)?|Independence\s+Day|Halloween"
    r"|Valentine['’]s\s+Day|Veterans\s+Day|Labor\s+Day|Memorial\s+Day|Easter(?:\s+Sunday)?"
    rf"|Boxing\s+Day))(?:\s+(?P<year>{YEAR}))?)\b"
)

_UNIT_KEYS = (
    "second seconds minute minutes hour hours day days night nights week weeks fortnight "
    "fortnights month months quarter quarters year years decade decades century centuries"
)
_MONTH_KEYS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
CAPITALISED_KEYS = _MONTH_KEYS.split() + "christmas thanksgiving halloween easter".split()
_WEEKDAY_KEYS = "monday tuesday wednesday thursday friday saturday sunday"
_WEEKDAY_PREFIX_KEYS = _WEEKDAY_KEYS + " mon tue tues wed thu thur thurs fri sat sun"

_SPELLED_UNITS = "one two three four five six seven eight nine".split()
_SPELLED_TENS = "ten twenty thirty forty fifty sixty seventy eighty ninety".split()
_SPELLED_TEENS = (
    "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
)


def _spelled_year(match: re.Match, ctx: Context) -> Found | None:
    words = re.sub(r"[\s-]+", " ", match["y"].lower()).replace(" and ", " ").split()
    if words[:2] == ["two", "thousand"]:
        rest = words[2:]
        year = 2000 + (_spelled_number(rest) if rest else 0)
    else:
        year = (19 if words[0] == "nineteen" else 18) * 100 + _spelled_number(words[1:])
    return Found("DATE", cal.year_value(year), "year")


def _spelled_number(words: list[str]) -> int:
    total = 0
    for word in words:
        if word in _SPELLED_TEENS:
            total += 10 + _SPELLED_TEENS.index(word)
        elif word in _SPELLED_TENS:
            total += 10 * (_SPELLED_TENS.index(word) + 1)
        elif word in _SPELLED_UNITS:
            total += _SPELLED_UNITS.index(word) + 1
    return total


_SPELLED_TWO_DIGITS = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four"
    r"|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
    r"|seventeen|eighteen|nineteen)"
)
_SPELLED_YEAR = (
    r"\b(?P<t>(?:the\s+year\s+)?(?P<y>(?:nineteen|eighteen)\s+"
    + _SPELLED_TWO_DIGITS
    + r"|two\s+thousand(?:\s+(?:and\s+)?(?:"
    + _SPELLED_TWO_DIGITS
    + r"|one|two|three|four|five|six|seven|eight|nine))?))\b(?![\s-]+(?:years?|people|dollars)\b)"
)


RULES: tuple[Rule, ...] = (
    _rule(
        "daily weekly monthly annually yearly hourly nightly biweekly every each",
        4,
        _SET_RULE,
        _set,
    ),
    _rule("day week month year hour", 40, _PER_UNIT, _set),
    _rule("#iso", 0, _ISO_DATE, _iso_date),
    _rule(_MONTH_KEYS, 16, _MONTH_DAY, _month_day),
    _rule(_MONTH_KEYS, 30, _DAY_MONTH, _month_day),
    _rule("#slash", 0, _SLASH_DATE, _slash_date),
    _rule(_MONTH_KEYS, 30, _MONTH_YEAR, _month_year),
    _rule("#clock noon midnight midday", 35, _CLOCK_TIME, _clock_time),
    _rule("#clock", 0, _CLOCK_24, _clock_time),
    _rule("today yesterday tomorrow tonight morning afternoon evening night", 20, _TODAY, _today),
    _rule(_WEEKDAY_KEYS, 30, _WEEKDAY_RULE, _weekday),
    _rule("year christmas thanksgiving day halloween easter", 20, _HOLIDAY, _holiday),
    _rule("quarter", 45, _ORDINAL_QUARTER, _ordinal_quarter),
    _rule("quarter period", 50, _NAMED_QUARTER, _named_quarter, _accept_named_quarter),
    _rule("year", 0, _YEAR_EARLIER, _year_earlier),
    _rule("year", 0, _YEAR_END, _year_end),
    _rule(
        "ago earlier later afterwards afterward now hence before after",
        60,
        _COUNTED_DATE,
        _counted_date,
    ),
    _rule(_UNIT_KEYS, 60, _DURATION, _duration, _accept_duration),
    _rule(
        "week weekend month year decade century day",
        40,
        _RELATIVE_UNIT,
        _relative_unit,
        _accept_relative_unit,
    ),
    _rule("spring summer fall autumn winter", 22, _SEASON, _season, _accept_season),
    _rule("century", 30, _CENTURY, _century),
    _rule(
        "#decade twenties thirties forties fifties sixties seventies eighties nineties",
        20,
        _DECADE,
        _decade_resolve,
    ),
    _rule("#year", 40, _YEAR_RULE, _year, _accept_year),
    _rule("nineteen eighteen thousand", 20, _SPELLED_YEAR, _spelled_year),
    _rule(_MONTH_KEYS, 30, _BARE_MONTH, _bare_month, _accept_bare_month),
    _rule(
        "seconds minutes hours days weeks months years decades centuries",
        20,
        _BARE_UNITS,
        _bare_units,
    ),
    _rule(
        "now currently nowadays presently present moment days recently lately past future recent",
        20,
        _REFERENCE,
        _reference,
        _accept_reference,
    ),
)
