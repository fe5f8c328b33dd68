"""Counts reported with events: "killing at least 23 people", "tens of thousands were displaced"."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from manysides.annotate.event_spans import entity_bounds, span_tuple
from manysides.records import Magnitude

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1,
}  # fmt: skip
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000,
          "dozen": 12}  # fmt: skip
# A plural scale word means at least two of them: "dozens" >= 24, "thousands" >= 2000.
PLURAL_SCALES = {"tens": 10, "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000,
                 "millions": 1_000_000, "billions": 1_000_000_000}  # fmt: skip
VAGUE = frozenset({"several", "many", "few", "some", "numerous", "countless", "multiple"})
# Vague words that still bound a scale from below: "several hundred" >= 300.
VAGUE_FACTORS = {"several": 3, "few": 2, "many": 2, "numerous": 2, "multiple": 2}
NOUN_ARGUMENT_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "appos", "npadvmod"})
ADJECTIVE_CUES = frozenset({"dead", "wounded", "injured", "displaced", "homeless", "missing"})


def parse_count(text: str) -> int | None:
    """The lower bound a count states: "at least 23" -> 23, "tens of thousands" -> 20000."""
    current: float = 0
    seen_number = False
    for word in re.findall(r"[\d.,]+|[a-z]+", text.lower().replace("-", " ")):
        if word[0].isdigit():
            digits = word.replace(",", "").rstrip(".")
            try:
                current += float(digits)
            except ValueError:
                return None
        elif word in UNITS and (word not in ("a", "an") or not seen_number):
            current += UNITS[word]
        elif word in VAGUE_FACTORS and not seen_number:
            current = VAGUE_FACTORS[word]
            continue  # counts only if a scale word follows
        elif word in SCALES:
            current = max(current, 1) * SCALES[word]
        elif word in PLURAL_SCALES:
            current = (current or 2) * PLURAL_SCALES[word]
        else:
            continue
        seen_number = True
    return int(current) if seen_number and current else None  # "several" alone is vague


def _is_count(token: Token) -> bool:
    text = token.lower_
    return token.like_num or text in PLURAL_SCALES or text in VAGUE or text in SCALES


def _count_token(noun: Token) -> Token | None:
    """The number that counts `noun`: itself ("killing 23"), or its numeric modifier."""
    if _is_count(noun):
        return noun
    for child in noun.children:
        if child.dep_ in ("nummod", "quantmod", "amod") and _is_count(child):
            return child
    return None


def _count_bounds(count: Token, sentence: Span) -> tuple[int, int]:
    if count.ent_type_ in ("CARDINAL", "QUANTITY"):
        return entity_bounds(count)
    left = min([count.i] + [c.left_edge.i for c in count.lefts if c.dep_ in ("quantmod",
                                                                           "advmod")])
    return left, count.i


def _nouns_counted(cue: Token) -> list[Token]:
    """Nouns a cue word counts: its subject/object, "toll ... to 23", "23 dead"."""
    found = [c for c in cue.children if c.dep_ in NOUN_ARGUMENT_DEPS]
    found += [g for c in cue.children if c.dep_ == "prep" and c.lower_ != "by"
              for g in c.children if g.dep_ == "pobj"]  # fmt: skip
    if cue.dep_ in ("nsubj", "nsubjpass"):  # "the death toll rose to 23"
        head = cue.head
        found += [g for c in head.children if c.dep_ == "prep" and c.lower_ in ("to", "at")
                  for g in c.children if g.dep_ == "pobj"]  # fmt: skip
        found += [c for c in head.children if c.dep_ in ("dobj", "attr")]
    if cue.lower_ in ADJECTIVE_CUES or cue.pos_ in ("ADJ", "NOUN"):
        found.append(cue)  # "23 dead", "at least 23 deaths"
        if cue.dep_ in ("amod", "acomp", "oprd") and cue.head.pos_ in ("NOUN", "PRON", "NUM"):
            found.append(cue.head)  # "23 people dead"
    return found


def _cue_kind(token: Token, cues: dict[str, str]) -> str | None:
    return cues.get(token.lemma_.lower()) or cues.get(token.lower_)


def find_magnitudes(sentence: Span, cues: dict[str, str]) -> list[tuple[Token, Magnitude]]:
    """Every count in the sentence with the cue word that says what it counts."""
    found: list[tuple[Token, Magnitude]] = []
    seen: set[int] = set()
    for cue in sentence:
        kind = _cue_kind(cue, cues)
        if kind is None:
            continue
        for noun in _nouns_counted(cue):
            count = _count_token(noun)
            if count is None or count.i in seen:
                continue
            seen.add(count.i)
            left, right = _count_bounds(count, sentence)
            start, end, text = span_tuple(sentence.doc, left, right)
            found.append((cue, Magnitude(kind, text, parse_count(text), start, end)))
    return found
