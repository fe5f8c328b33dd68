"""Find time expressions in raw text and normalise them to TimeML TIMEX3 values.

A rule-based tagger in the spirit of HeidelTime: each rule is a compiled regular expression
and a function that turns its match into a TimeML value, resolved against the article's
publication date (the anchor). No spaCy: it runs on raw text at several MB a second.

How it works, in three passes over one text:
1. every rule's regex proposes candidate spans (some rules veto their own weak matches,
   e.g. "May" the verb, "2,000 people" the number);
2. overlapping candidates are resolved, the longest span winning ("last Friday morning" over
   "Friday");
3. the chosen spans are normalised left to right, so relative expressions ("two days later",
   "the quarter", "a year earlier") can lean on the last date or quarter the text mentioned.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from manysides.annotate import timex_rules
from manysides.annotate.timex_context import Context, Found
from manysides.records import Timex

__all__ = ["find_timexes"]


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    priority: int
    match: re.Match
    resolve: Callable[[re.Match, Context], Found | None]


def find_timexes(text: str, anchor: dt.date | None, article: str = "") -> list[Timex]:
    """Every time expression in `text`, normalised against `anchor` (the publication date).

    With `anchor=None`, relative expressions keep only what the text says ("XXXX-WXX-3" for
    "Wednesday", "PAST_REF" for "recently"). Offsets are character offsets into `text`.
    """
    if isinstance(anchor, dt.datetime):
        anchor = anchor.date()
    context = Context(text, anchor)
    found: list[Timex] = []
    for candidate in _without_overlaps(_candidates(text), len(text)):
        try:
            result = candidate.resolve(candidate.match, context)
        except (ValueError, OverflowError):
            continue  # the arithmetic left the calendar (year 0 or 10000): no value to give
        if result is None:
            continue
        context.remember(result)
        found.append(
            Timex(
                article=article,
                start=candidate.start,
                end=candidate.end,
                text=text[candidate.start : candidate.end],
                value=result.value,
                granularity=result.granularity,
                type=result.type,
            )
        )
    return found


def _candidates(text: str) -> list[_Candidate]:
    """Try each rule only where one of its key words occurs, at the word starts just before."""
    seen: set[tuple[int, int, int]] = set()
    candidates = []
    keys = _keys(text)
    if not keys:
        return candidates
    words = _words_near(text, keys)
    word_starts = [start for start, _ in words]
    for key_start, key in keys:
        first = bisect.bisect_left(word_starts, key_start - _REACH)
        starts = words[first : bisect.bisect_right(word_starts, key_start, first)]
        for priority in _RULES_BY_KEY.get(key, ()):
            rule = timex_rules.RULES[priority]
            match = _best_match(rule, text, key_start, starts)
            if match is None or (rule.accept is not None and not rule.accept(match, text)):
                continue
            start, end = match.span("t") if "t" in rule.pattern.groupindex else match.span()
            if start < end and (priority, start, end) not in seen:
                seen.add((priority, start, end))
                candidates.append(_Candidate(start, end, priority, match, rule.resolve))
    return candidates


def _words_near(text: str, keys: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """(offset, lower-case head) of each word that starts within reach before some key."""
    words: list[tuple[int, str]] = []
    covered = 0
    for key_start, _ in keys:
        window_start = max(covered, key_start - _REACH)
        if window_start <= key_start:
            words.extend(
                (w.start(), w.group(0).lower())
                for w in _WORD_START.finditer(text, window_start, key_start + 3)
                if w.start() <= key_start
            )
            covered = key_start + 1
    return words


def _best_match(
    rule: timex_rules.Rule, text: str, key_start: int, starts: list[tuple[int, str]]
) -> re.Match | None:
    """The rule's longest match that starts within its reach before the key and covers it."""
    best = None
    earliest = key_start - rule.reach
    for start, head in starts:
        if start < earliest or not (head in rule.heads or head[0] in _NUMBER_HEADS):
            continue
        match = rule.pattern.match(text, start)
        if match is None or match.end() <= key_start:
            continue
        if best is None or match.end() - match.start() > best.end() - best.start():
            best = match
    return best


_WORD_START = re.compile(r"\b\w{1,3}|['’$](?=\d)")  # a word start and the word's head
_NUMBER_HEADS = frozenset("0123456789'’$")


def _keys(text: str) -> list[tuple[int, str]]:
    """(offset, key) for each key word or number shape in the text."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters change length when lower-cased
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    keys = []
    for hit in _KEY_SCAN.finditer(lowered):
        word = hit.group("word")
        if word is not None:
            if word in _CAPITALISED_KEYS and not text[hit.start()].isupper():
                continue
            keys.append((hit.start(), word))
        else:
            keys.extend((hit.start(), shape) for shape in _number_shapes(hit.group(0)))
    return keys


def _number_shapes(token: str) -> list[str]:
    shapes = []
    if re.fullmatch(r"(?:1[5-9]|20)\d\d", token):
        shapes.append("#year")
    if ":" in token or token[-1] in "m.":
        shapes.append("#clock")
    if "/" in token:
        shapes.append("#slash")
    if re.match(r"\d{4}-\d\d-\d\d", token):
        shapes.append("#iso")
    if token.endswith("s"):
        shapes.append("#decade")
    return shapes


def _trie_pattern(words: list[str]) -> str:
    """A regex alternation of the words arranged as a trie, so matching stays fast."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _render_trie(trie)


def _render_trie(node: dict) -> str:
    branches = [
        re.escape(char) + _render_trie(child) for char, child in sorted(node.items()) if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


_REACH = max(rule.reach for rule in timex_rules.RULES)
_RULES_BY_KEY: dict[str, list[int]] = {}
for _priority, _rule in enumerate(timex_rules.RULES):
    for _key in _rule.keys:
        _RULES_BY_KEY.setdefault(_key, []).append(_priority)
_CAPITALISED_KEYS = frozenset(timex_rules.CAPITALISED_KEYS)
_KEY_WORDS = _trie_pattern([key for key in _RULES_BY_KEY if not key.startswith("#")])
_KEY_SCAN = re.compile(  # the look-ahead lets the scan skip spaces and punctuation quickly
    r"(?=[a-z0-9'’])(?:\b(?P<word>" + _KEY_WORDS + r")\b"
    r"|['’]?\d[\d:/.-]*\d(?:['’]?s\b|\s?[ap]\.?\s?m\b)?|\d\s?[ap]\.?\s?m\b|\d0['’]?s\b)"
)


def _without_overlaps(candidates: list[_Candidate], length: int) -> list[_Candidate]:
    """Keep the longest of overlapping spans (the earlier rule on a tie), in text order."""
    candidates.sort(key=lambda c: (c.start - c.end, c.priority, c.start))
    taken = bytearray(length)  # 1 where a kept span already covers the character
    kept = []
    for candidate in candidates:
        if taken.find(1, candidate.start, candidate.end) != -1:
            continue
        taken[candidate.start : candidate.end] = b"\x01" * (candidate.end - candidate.start)
        kept.append(candidate)
    kept.sort(key=lambda c: c.start)
    return kept
