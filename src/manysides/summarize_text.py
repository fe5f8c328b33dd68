"""Text helpers for the brief: numbers, names, content words, neutral wording, citations.

Everything here is plain string work over the sources' own sentences, so the brief stays
deterministic and every word it prints can be traced back to an article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from functools import lru_cache

from anyascii import anyascii

from manysides.numbers import find_numbers
from manysides.records import outlet_name as outlet_name  # the brief names outlets so too

SHORT_ID = 6  # citations use the first six characters of an article id, longer if ambiguous

# Neutral wordings for loaded labels the framing lexicon has no plain word for.
FALLBACK_LOADED = {
    "terrorist ringleader": "leader", "terrorist group": "armed group",
    "terrorist organisation": "armed group", "terrorist organization": "armed group",
    "freedom fighters": "fighters", "freedom fighter": "fighter", "so-called": "",
    "terrorists": "fighters", "terrorist": "armed", "regime": "government",
    "dictatorship": "government", "junta": "government", "martyrs": "dead", "martyr": "dead",
    "massacre": "killing", "ringleader": "leader", "thugs": "fighters", "bandits": "fighters",
    "invaders": "forces", "occupiers": "forces", "neutralised": "killed",
    "neutralized": "killed", "butchers": "attackers", "puppet": "", "heroic": "",
    "cowardly": "", "barbaric": "", "brutal": "", "savage": "", "murderous": "",
    "criminal": "", "despotic": "", "tyrannical": "", "tyrant": "leader",
}  # fmt: skip

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")  # fmt: skip
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
STOP_WORDS = frozenset(
    "a an the and or but of in on at to for from by with as is are was were be been being has "
    "have had it its this that these those there their they them he she his her we our you "
    "not no than then so such into over after before about also which who whom whose what "
    "when where while would will could can may might should said says say told according "
    "since until more most other some any all each both very just only out up down off "
    "again still yet per via across between among".split()
)
WORD_RE = re.compile(r"[A-Za-zÀ-ÿ][\w'’-]*")


# ---------------------------------------------------------------- folding and words


def fold(text: str) -> str:
    """Lower case without accents or curly quotes: "Héctor" and "Hector" compare equal."""
    return anyascii(text).lower()


def words(text: str) -> list[str]:
    return [w.strip("'’-") for w in WORD_RE.findall(fold(text)) if w.strip("'’-")]


def stem(word: str) -> str:
    """A crude stem, enough to match "shelled" with "shelling" and "trucks" with "truck"."""
    for suffix in ("ings", "ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: len(word) - len(suffix)][:7]
    return word[:7]


@lru_cache(maxsize=65536)
def content_stems(text: str) -> frozenset[str]:
    """The stems that carry meaning; cached, since the same sentences are compared many times."""
    return frozenset(stem(w) for w in words(text) if w not in STOP_WORDS and len(w) > 2)


def split_sentences(text: str) -> list[str]:
    """Sentences and list lines of an article; good enough to find the best-matching one."""
    parts = re.split(r"(?:(?<=[.!?])|(?<=[.!?][\"”’)]))\s+(?=[\"“(]?[A-Z0-9])|\n+", text)
    return [p.strip() for p in parts if len(p.strip()) > 3]


# ---------------------------------------------------------------- numbers


def numbers_in(text: str) -> set[float]:
    """Every number the text states, in digits ("40,000", "1.4 million") or in words ("four")."""
    return {number.value for number in find_numbers(text)}


def sentence_numbers(text: str) -> set[float]:
    """Numbers a reader would check: years and day-of-month in dates are checked as dates."""
    return numbers_in(strip_dates(text))


# ---------------------------------------------------------------- dates

DATE_RE = re.compile(
    r"\b(\d{1,2}) (" + "|".join(MONTHS) + r")(?: (\d{4}))?\b|\b(" + "|".join(MONTHS)
    + r") (\d{1,2})(?:, (\d{4}))?\b", re.IGNORECASE
)  # fmt: skip


def strip_dates(text: str) -> str:
    return DATE_RE.sub(" ", text)


def dates_in(text: str) -> list[tuple[int, int, int | None]]:
    """(day, month, year or None) of each "3 October 2024" / "October 3" in the text."""
    found = []
    for m in DATE_RE.finditer(text):
        day, month, year = (m[1], m[2], m[3]) if m[1] else (m[5], m[4], m[6])
        found.append((int(day), MONTHS.index(month.lower()) + 1, int(year) if year else None))
    return found


def format_day(value: str) -> str | None:
    """ "2024-10-03" -> "3 October 2024"; None for anything coarser than a day."""
    try:
        day = date.fromisoformat(value[:10]) if len(value) >= 10 else None
    except ValueError:
        return None
    return f"{day.day} {MONTHS[day.month - 1].title()} {day.year}" if day else None


# ---------------------------------------------------------------- proper nouns


def proper_nouns(text: str) -> list[str]:
    """Runs of capitalised words, skipping the sentence's first word when it is a common one."""
    names: list[str] = []
    for clause in re.split(r"[.;:!?\"“”]\s*|\s[—–]\s", text):
        tokens = clause.split()
        for index, token in enumerate(tokens):
            bare = token.strip(",()'’[]")
            if not bare[:1].isupper() or _is_common_start(bare, index):
                continue
            if fold(bare) in MONTHS or fold(bare) in WEEKDAYS or len(bare) < 2:
                continue
            names.append(re.sub(r"['’]s$", "", bare))
    return names


def _is_common_start(word: str, index: int) -> bool:
    return index == 0 and (fold(word) in STOP_WORDS or fold(word) in COMMON_STARTS)


COMMON_STARTS = frozenset(
    "who responsibility outlets accounts figures reports fighting shells artillery "
    "local officials government forces troops residents aid".split()
)


# ---------------------------------------------------------------- citations


def short_ids(article_ids: Iterable[str]) -> dict[str, str]:
    """Article id -> the shortest prefix of at least SHORT_ID characters unique among them."""
    ids = sorted(set(article_ids))
    size = SHORT_ID
    while size < max((len(i) for i in ids), default=0):
        prefixes = {i[:size] for i in ids}
        if len(prefixes) == len(ids):
            break
        size += 2
    return {i: i[:size] for i in ids}


def citation(sources: Sequence[str], shorts: dict[str, str]) -> str:
    return "[" + ", ".join(shorts.get(s, s[:SHORT_ID]) for s in sources) + "]"


CITATION_RE = re.compile(r"\s*\[[\w, -]+\]\s*$")


def without_citation(text: str) -> str:
    return CITATION_RE.sub("", text).strip()


