"""Counts reported with events: "killing at least 23 people", "tens of thousands were displaced"."""

from __future__ import annotations

from spacy.tokens import Span, Token

from manysides import numbers
from manysides.annotate.event_spans import entity_bounds, span_tuple
from manysides.numbers import PLURAL_SCALES, SCALES, VAGUE
from manysides.records import Magnitude

NOUN_ARGUMENT_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "appos", "npadvmod"})
ADJECTIVE_CUES = frozenset({"dead", "wounded", "injured", "displaced", "homeless", "missing"})


def parse_count(text: str) -> int | None:
    """The lower bound a count states: "at least 23" -> 23, "tens of thousands" -> 20000
    (the project's one number reader, `manysides.numbers`)."""
    return numbers.lower_bound(text)


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
