"""Fact disputes between voices: a party's claim and another's statement that it is untrue.

"Russia has claimed that the bombing campaign is an attempt to go after Jabhat Fateh al-Sham"
and, from a US official, "They are using Nusra as an excuse": two voices, often in one article,
holding opposite accounts of the same thing. The claim is a quotation with its speaker; the
rebuttal is a clause with a rebuttal cue ("as an excuse", "baseless", "denied that") naming an
entity the claim names too.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from manysides.compare_context import Context
from manysides.compare_text import Unit, cue
from manysides.records import Quote

CONTINUATION_GAP = 40  # characters between a quote's attribution and its unattributed sequel


@dataclass(frozen=True)
class Voiced:
    """A statement and who makes it: a speaker, or the outlet itself when `voice` is None."""

    article: str
    start: int
    end: int
    voice: str | None
    voice_side: str | None


@dataclass(frozen=True)
class Rebuttal:
    claimant: str  # the side making the claim (an entity group, or the speaker's words)
    claimant_name: str
    subject_name: str
    subject: str  # the entity both statements are about
    claim: Voiced
    answer: Voiced


def story_rebuttals(context: Context, article_ids: list[str]) -> list[Rebuttal]:
    """Every (claim, rebuttal) pair of the story about a shared entity, voiced apart."""
    claims = [c for a in article_ids for c in _claims(context, a)]
    found = []
    for article_id in article_ids:
        for unit in context.clauses.get(article_id, []):
            if not cue("rebuttal_cues").search(unit.text):
                continue
            answer = _voiced(context, article_id, unit.start, unit.end)
            found += [r for c in claims if (r := _rebuts(context, c, answer))]
    return found


def _claims(context: Context, article_id: str) -> list[tuple[Voiced, str]]:
    """(the claim, its speaker's words) for every attributed quotation of the article."""
    annotation = context.annotations.get(article_id)
    if annotation is None:
        return []
    found = []
    for quote in annotation.quotes:
        if quote.speaker and (quote.verb or "").lower() in _CLAIMING:
            side = _speaker_side(context, article_id, quote)
            speaker = voice_name(quote.speaker, context.articles[article_id].text)
            found.append((Voiced(article_id, quote.start, quote.end, speaker, side), speaker))
    return found


_CLAIMING = frozenset("""claimed claims claim said says say insisted insists alleged alleges
    asserted asserts maintained maintains argued argues told""".split())


def voice_name(speaker: str, text: str) -> str:
    """A speaker as a sentence's middle shows it: "an army spokesman", "health officials", but
    "US officials" and "Colonel Sanca". The first word loses its capital when the article also
    writes it in lower case, so the capital only opened a sentence."""
    first, _, rest = speaker.partition(" ")
    lower_elsewhere = re.search(rf"\b{re.escape(first.lower())}\b", text)
    if first[:1].isupper() and first[1:].islower() and lower_elsewhere:
        return (first.lower() + " " + rest).strip()
    return speaker


def _speaker_side(context: Context, article_id: str, quote: Quote) -> str | None:
    if quote.speaker_start is None or quote.speaker_end is None:
        return None
    named = context.entities_in(article_id, quote.speaker_start, quote.speaker_end)
    return context.side(named[0]) if named else None


def _voiced(context: Context, article_id: str, start: int, end: int) -> Voiced:
    """The clause with the speaker of the quotation it sits in (or continues), if any."""
    quote = _speaking(context, article_id, start, end)
    if quote is None:
        return Voiced(article_id, start, end, None, None)
    speaker = voice_name(quote.speaker or "", context.articles[article_id].text)
    return Voiced(article_id, start, end, speaker,
                  _speaker_side(context, article_id, quote))  # fmt: skip


def _speaking(context: Context, article_id: str, start: int, end: int) -> Quote | None:
    annotation = context.annotations.get(article_id)
    quotes = sorted(annotation.quotes if annotation else [], key=lambda q: q.start)
    text = context.articles[article_id].text
    previous = None
    for quote in quotes:
        if quote.start < end and start < quote.end:
            if quote.speaker:
                return quote
            return previous if previous and _continues(text, previous, quote) else None
        if quote.speaker:
            previous = quote
    return None


def _continues(text: str, attributed: Quote, sequel: Quote) -> bool:
    """'"They are trying to take Aleppo," said a US official. "They are using Nusra ..."'"""
    said_end = max(attributed.end, attributed.speaker_end or 0)
    between = text[said_end : sequel.start]
    return len(between) <= CONTINUATION_GAP and "\n" not in between


def _rebuts(context: Context, claimed: tuple[Voiced, str], answer: Voiced) -> Rebuttal | None:
    claim, speaker = claimed
    if claim.article == answer.article and claim.start < answer.end and answer.start < claim.end:
        return None  # the rebuttal is inside the claim's own words
    if _same_voice(claim, answer):
        return None
    speakers = {claim.voice_side, answer.voice_side} - {None}
    named = set(context.entities_in(claim.article, claim.start, claim.end))
    shared = [e for e in context.entities_in(answer.article, answer.start, answer.end)
              if e in named and context.side(e) not in speakers and _is_party(context, e)]
    if not shared:
        return None
    claimant = claim.voice_side or speaker.lower()
    name = context.side_name(claim.voice_side) if claim.voice_side else speaker
    return Rebuttal(claimant, name, _written(context, answer, shared[0]), shared[0], claim,
                    answer)  # fmt: skip


def _written(context: Context, voiced: Voiced, entity_id: str) -> str:
    """The entity as the rebuttal names it ("Nusra"), which its readers will recognise."""
    text = context.articles[voiced.article].text
    for start, end, mentioned in context.spans.get(voiced.article, []):
        if voiced.start <= start < voiced.end and context.group(mentioned) == entity_id:
            return text[start:end]
    return context.name(entity_id)


def _is_party(context: Context, entity_id: str) -> bool:
    """A claim is about someone: a place both name ("Ilave") says where, not what is disputed."""
    entity = context.entities.get(entity_id)
    return entity is not None and entity.type not in SETTINGS


SETTINGS = frozenset({"PLACE", "OTHER"})


def _same_voice(a: Voiced, b: Voiced) -> bool:
    if a.voice_side and b.voice_side:
        return a.voice_side == b.voice_side
    return (a.voice or "").lower() == (b.voice or "").lower()


def by_claim(rebuttals: list[Rebuttal]) -> dict[tuple[str, str], list[Rebuttal]]:
    """The rebuttals of one claimant's claims about one subject, together."""
    grouped: dict[tuple[str, str], list[Rebuttal]] = defaultdict(list)
    for rebuttal in rebuttals:
        grouped[(rebuttal.claimant, rebuttal.subject)].append(rebuttal)
    return dict(grouped)


def unit_of(context: Context, voiced: Voiced) -> Unit | None:
    """The clause a statement starts in, for its evidence."""
    for unit in context.clauses.get(voiced.article, []):
        if unit.start <= voiced.start < unit.end:
            return unit
    return None
