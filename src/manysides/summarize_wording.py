"""Our own voice: neutral terms and extractive compression of a source sentence.

A source sentence becomes a brief sentence by taking things away (datelines, attribution,
hedges, loaded labels, relative dates) and by swapping loaded labels for neutral ones; nothing
is added except an explicit date where the source said "yesterday" or "on Thursday".
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from manysides import framing
from manysides.summarize_text import FALLBACK_LOADED, WEEKDAYS, format_day

DATELINE_RE = re.compile(
    r"^(?:[A-ZÀ-Ý][A-ZÀ-Ý .'-]+,\s*)(?:[\w .]+?\s*)?(?:\([^)]*\))?\s*[—–-]+\s*"
)
ATTRIBUTION_RES = (
    re.compile(r",?\s*according to [^,.;]+(?:,|(?=[.;]))", re.IGNORECASE),
    re.compile(r",\s*(?:[\w.' -]{2,60}?)\s+(?:said|says|say|reported|added)\s*(?=[.;]|$)"),
    re.compile(r"^(?:[\w.' -]{2,50}?)\s+(?:say|says|said|reported)\s+(?:that\s+)?(?=[a-z\d])"),
)
HEADING_RE = re.compile(r"^(?:[A-Z]{2,}\s+)+(?=[A-Z][a-z])")  # "HUMANITARIAN ACCESS Since ..."
# "Thanks to the security guarantees provided by the Armed Forces, a convoy reached Ilave": the
# credit is one outlet's framing, the convoy's arrival the fact others share.
CREDIT_RE = re.compile(r"^(?:thanks to|owing to|due to the efforts of)\b[^,]{3,150},\s*",
                       re.IGNORECASE)
# Words that tie a sentence to the one before it, or give the outlet's view of it
# ("Unfortunately, ...", "As it turned out, ..."): in a brief they dangle or editorialise.
CONNECTIVE_RE = re.compile(
    r"^(?:(?:but|and|yet|still|so|however|meanwhile|nevertheless|unfortunately|fortunately|"
    r"sadly|ultimately|notably|most notably|indeed|in fact|of course|clearly|obviously|"
    r"as it turned out|as a result|in turn)\b,?\s+)+",
    re.IGNORECASE,
)
# A clause that starts with its verb ("ultimately were hampered by ...") has lost its subject.
SUBJECTLESS_RE = re.compile(
    r"^(?:\w+ly\s+)?(?:was|were|is|are|had|has|have|did|will|would|could)\b", re.IGNORECASE
)
HEDGE_RE = re.compile(r"\b(?:reportedly|allegedly|apparently|purportedly)\s+", re.IGNORECASE)
RELATIVE_DAY_RE = re.compile(
    r"\b(?:(?:on|last|this|next)\s+)?(?:(?:early|late)\s+on\s+)?(?:monday|tuesday|wednesday"
    r"|thursday|friday|saturday|sunday)(?:\s+(?:morning|afternoon|evening|night))?\b"
    r"|\b(?:yesterday|today|tonight|this\s+(?:morning|afternoon|evening))\b",
    re.IGNORECASE,
)
CANDIDATE_TERMS = re.compile(r"[A-Za-z][\w-]*(?:\s+[A-Za-z][\w-]*){0,2}")


def is_loaded(term: str) -> bool:
    return framing.is_loaded(term)


def neutral_term(term: str) -> str:
    """The neutral wording of a loaded term ("" when the term is best left out)."""
    replacement = framing.neutral_term(term)
    if replacement is not None and not is_loaded(replacement):
        return replacement
    return FALLBACK_LOADED.get(term.lower(), "")


def loaded_terms(text: str) -> list[str]:
    """Loaded terms outside quotation marks, longest first at each place."""
    found: list[str] = []
    for match in _unquoted_words(text):
        tokens = match.split()
        index = 0
        while index < len(tokens):
            for size in (3, 2, 1):
                term = " ".join(tokens[index : index + size]).strip(",.;:'’")
                in_name = index > 0 and term[:1].isupper()  # "Southern Liberation Front"
                if len(tokens) - index >= size and not in_name and is_loaded(term.lower()):
                    found.append(term)
                    index += size - 1
                    break
            index += 1
    return found


def _unquoted_words(text: str) -> list[str]:
    without_quotes = re.sub(r"[\"“][^\"”]*[\"”]", " | ", text)
    return [part for part in re.split(r"[|,;:()—–]", without_quotes) if part.strip()]


def neutralise(text: str) -> str:
    """Loaded labels outside quotation marks replaced by neutral ones or left out."""
    for term in sorted(set(loaded_terms(text)), key=len, reverse=True):
        replacement = neutral_term(term)
        pattern = re.compile(r"(?<![\w-])" + re.escape(term) + r"(?![\w-])", re.IGNORECASE)
        text = pattern.sub(lambda m, r=replacement: _same_case(m.group(), r), text)
    return tidy(text)


def _same_case(original: str, replacement: str) -> str:
    if original[:1].isupper() and replacement:
        return replacement[0].upper() + replacement[1:]
    return replacement


def tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([,.;:])", r"\1", text)
    text = re.sub(r"([,;:])\1+", r"\1", text)
    text = re.sub(r"\b(a|the)\s+\1\b", r"\1", text, flags=re.IGNORECASE)
    text = re.sub(r"\b([Aa])\s+(?=[aeiou])", r"\1n ", text)
    text = re.sub(r"\b(an?|the)\s+(?=[,.;]|$)", "", text, flags=re.IGNORECASE)
    return text.strip(" ,;:")


def compress(
    sentence: str, *, day: str | None = None, published: str | None = None,
    keep_attribution: bool = False,
) -> str:
    """A source sentence in our voice: no dateline, attribution, hedge or loaded label."""
    text = DATELINE_RE.sub("", sentence.strip().replace("\n", " "))
    text = HEADING_RE.sub("", text)
    if not keep_attribution:
        for pattern in ATTRIBUTION_RES:
            text = pattern.sub("", text).strip()
    text = HEDGE_RE.sub("", CREDIT_RE.sub("", CONNECTIVE_RE.sub("", text)))
    text = _explicit_dates(text, day, published)
    text = neutralise(text.rstrip(" .") + ".")
    return capitalise(text.rstrip(" .,;:") + ".")


def subjectless(sentence: str) -> bool:
    """Whether the sentence, once its connectives are gone, starts with its verb."""
    return bool(SUBJECTLESS_RE.match(CONNECTIVE_RE.sub("", sentence.strip())))


def _explicit_dates(text: str, day: str | None, published: str | None) -> str:
    """ "on Thursday" -> "on 3 October 2024" when that is the event's day; else left out, as
    are relative periods ("earlier this month")."""
    target = _iso_day(day)
    first = True

    def replace(match: re.Match) -> str:
        nonlocal first
        if target and first and _means(match.group(), target, _iso_day(published)):
            first = False
            bare = match.group()[:3].lower() in {w[:3] for w in WEEKDAYS}
            return format_day(day) if bare else f"on {format_day(day)}"  # "for Friday"
        return ""

    return tidy(RELATIVE_PERIOD_RE.sub("", RELATIVE_DAY_RE.sub(replace, text)))


# "earlier this month", "last week": a brief over many articles has no "this month" of its own,
# and a month we wrote in would be ours, not the source's; so they are left out.
RELATIVE_PERIOD_RE = re.compile(
    r"(?<!the )\b(?:(?:earlier|later|early|late)\s+)?(?:this|last)\s+(?:week|month|year)\b"
    r"(?!['’]s)",
    re.IGNORECASE,
)


def _iso_day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _means(expression: str, target: date, published: date | None) -> bool:
    """Whether a relative expression in an article published on `published` names `target`."""
    lowered = expression.lower()
    if "yesterday" in lowered:
        return published is not None and published - timedelta(days=1) == target
    if any(w in lowered for w in ("today", "tonight", "this ")) and not _weekday_in(lowered):
        return published is not None and published == target
    weekday = _weekday_in(lowered)
    near = published is None or abs((published - target).days) <= 7
    return weekday is not None and weekday == target.weekday() and near


def _weekday_in(text: str) -> int | None:
    return next((i for i, w in enumerate(WEEKDAYS) if w in text), None)


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def drop_clauses_with(text: str, fragments: list[str]) -> str:
    """The sentence without the comma-delimited clauses that carry any of the fragments."""
    body = text.rstrip(".")
    clauses = re.split(r"(,\s+|;\s+)", body)
    kept = []
    for index in range(0, len(clauses), 2):
        clause = clauses[index]
        if index and any(f and f.lower() in clause.lower() for f in fragments):
            continue
        kept.append(clause)
    return capitalise(tidy(", ".join(kept)) + ".")
