"""Geoparsing: find the toponyms of an article and resolve each to a place.

Detection takes spaCy's GPE/LOC/FAC entities, NORP entities that are really places (the small
model calls "Aleppo" a nationality), known place names spaCy missed, and US state abbreviations
in "City, St." patterns. Resolution is two-pass: names that can only mean places in one
country or state set the article's context, then each ambiguous name picks the candidate that
fits that context best, falling back on feature type (a country name is a country) and
population. Demonyms ("Russian airstrikes") are not place mentions; the link stage reads them
through `gazetteer().country_by_name`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from manysides.annotate.gazetteer import Candidate, CountryInfo, Gazetteer, gazetteer, name_key
from manysides.records import PlaceMention

__all__ = ["CountryInfo", "find_places", "gazetteer"]

STRONG_LABELS = {"GPE", "LOC"}
PLACE_LABELS = {"GPE", "LOC", "FAC", "NORP"}
# Entities whose words may still hold a place spaCy missed ("Huntsville Fire Department").
OPEN_LABELS = {"ORG"}
# Labels the small model gives to some places; taken when the whole entity is a known place.
MISTAGGED_LABELS = {"PERSON", "ORG"}
# After a place name these words make it the name of something else ("Washington Square").
FACILITY_WORDS = {
    "square", "street", "st", "st.", "avenue", "ave", "road", "rd", "boulevard", "lane",
    "drive", "way", "university", "college", "academy", "school", "castle", "chapel",
    "church", "cathedral", "hospital", "airport", "park", "township", "county", "bridge",
    "hall", "center", "centre", "mall", "stadium", "station", "hotel", "tower", "palace",
    "garden", "gardens", "heights", "place", "court", "library", "museum", "institute",
}
# "Orange County", "Oaxaca State": a division we do not list, placed at its namesake.
DIVISION_WORDS = {"county", "state", "city", "province", "district", "region", "governorate",
                  "oblast", "prefecture", "parish", "borough"}
# After these words a capitalised known name is a place even when it is small or mistagged.
LOCATIVE_WORDS = {"in", "at", "near", "outside", "around", "across", "into", "towards",
                  "toward", "from", "to", "between"}
# Titles that follow a town's name in local news ("Huntsville Fire Chief", "Austin Mayor").
ROLE_WORDS = {"fire", "police", "sheriff", "mayor", "governor", "gov.", "chief", "council",
              "councilman", "councilwoman", "commissioner", "superintendent", "coroner"}
# "University of X", "Embassy of X": X names the institution, not where something happens.
INSTITUTION_WORDS = {
    "university", "college", "embassy", "bank", "museum", "institute", "mall", "school",
    "consulate", "port", "archdiocese", "diocese",
}
MAX_NAME_TOKENS = 4

# A city scores 2 * log10(population); a country outranks any city of the same name, and
# being in a country the article talks about is worth a factor of ~30 in population.
FEATURE_BASE = {"country": 14.0, "continent": 14.0, "region": 11.0, "water": 11.0,
                "admin1": 11.5, "landmark": 9.0}
ALTERNATE_PENALTY = 2.5
CAPITAL_BONUS = 2.0
COUNTRY_CONTEXT_BONUS = 3.0
STATE_CONTEXT_BONUS = 4.0
QUALIFIER_BONUS = 20.0


@dataclass
class _Span:
    """A toponym found in the text, before resolution."""

    start: int
    end: int
    text: str
    candidates: list[Candidate]
    qualifier: list[Candidate] = field(default_factory=list)  # from "Paris, Texas"


@dataclass
class _Context:
    countries: set[str] = field(default_factory=set)
    states: set[str] = field(default_factory=set)


def find_places(
    doc, article: str = "", context_countries: Sequence[str] = (), *, keep_unresolved: bool = False
) -> list[PlaceMention]:
    """Every toponym in `doc` with its character offsets and resolved place, in text order.

    `context_countries` (ISO2 codes, e.g. the outlet's country) tip ambiguous names their way.
    With `keep_unresolved`, GPE/LOC entities the gazetteer does not know are returned too,
    with feature "unknown" and no coordinates.
    """
    gaz = gazetteer()
    text = doc.text  # spaCy rebuilds it from the tokens on every access
    spans = _detect(doc, text, gaz, keep_unresolved)
    _attach_qualifiers(spans, text)
    context = _build_context(spans, doc, gaz, context_countries)
    chosen: dict[str, tuple[Candidate, float]] = {}
    mentions = []
    for span in spans:
        key = name_key(span.text)
        if span.qualifier or key not in chosen:
            picked = _pick(span, context, gaz)
            if not span.qualifier:
                chosen[key] = picked
        else:
            picked = chosen[key]
        mentions.append(_to_mention(span, *picked, article))
    return mentions


# -- detection -----------------------------------------------------------------------------


def _detect(doc, text: str, gaz: Gazetteer, keep_unresolved: bool) -> list[_Span]:
    taken = [False] * len(text)
    spans: list[_Span] = []
    for span in _entity_spans(doc, gaz):
        if not span.candidates and not keep_unresolved:
            continue
        _claim(span, spans, taken)
    for span in _gazetteer_spans(doc, gaz):
        _claim(span, spans, taken)
    for span in _abbreviation_spans(doc, text, gaz, spans):
        _claim(span, spans, taken)
    return sorted(spans, key=lambda span: span.start)


def _claim(span: _Span, spans: list[_Span], taken: list[bool]) -> None:
    if any(taken[span.start : span.end]):
        return
    taken[span.start : span.end] = [True] * (span.end - span.start)
    spans.append(span)


def _entity_spans(doc, gaz: Gazetteer) -> Iterable[_Span]:
    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS:
            yield from _place_entity_spans(ent, gaz)
        elif ent.label_ in MISTAGGED_LABELS and _is_mistagged_place(ent, gaz):
            yield from _place_entity_spans(ent, gaz)
        elif ent.label_ == "PERSON":
            yield from _place_before_role(ent, gaz)


def _place_before_role(ent, gaz: Gazetteer) -> Iterable[_Span]:
    """"Huntsville Fire Chief Howard McFarlen": the town is a place inside a person's title."""
    tokens = _trim(list(ent))
    for size in range(min(MAX_NAME_TOKENS, len(tokens) - 1), 0, -1):
        if tokens[size].lower_ in ROLE_WORDS:
            found = _lookup(tokens[:size], gaz, strong=False)
            if found is not None:
                yield found
            return


def _place_entity_spans(ent, gaz: Gazetteer) -> Iterable[_Span]:
    strong = ent.label_ in STRONG_LABELS
    for part in _parts(_trim(list(ent))):
        whole = _lookup(part, gaz, strong=strong)
        if whole is not None:
            yield whole
            continue
        inner = []
        if all(token.is_lower or token.is_punct for token in part[1:]):
            inner = list(_modified_name(part, gaz))
        elif strong and len(part) > 1 and part[-1].lower_ in DIVISION_WORDS:
            inner = list(_division_of(part, gaz))
        if inner:
            yield from inner
        elif strong and _looks_like_name(part, gaz):
            yield _unresolved(part)


def _division_of(tokens: list, gaz: Gazetteer) -> Iterable[_Span]:
    """"Orange County", "Oaxaca State": the division named after a place we know."""
    head = _lookup(tokens[:-1], gaz, strong=True)
    if head is not None:
        end = tokens[-1].idx + len(tokens[-1].text)
        yield _Span(head.start, end, _span_text(tokens), head.candidates)


def _looks_like_name(tokens: list, gaz: Gazetteer) -> bool:
    text = _span_text(tokens)
    capitalised = tokens[0].is_title or tokens[0].is_upper
    return capitalised and not gaz.is_demonym(text) and not _names_something_else(tokens)


def _unresolved(tokens: list) -> _Span:
    """A toponym spaCy is sure of that the gazetteer does not know: kept, without a point."""
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    return _Span(start, end, _span_text(tokens), [])


def _parts(tokens: list) -> list[list]:
    """An entity split at commas, "and" and slashes: "Paris, Texas" -> Paris | Texas."""
    parts, current = [], []
    for token in tokens:
        if token.text in {",", "and", "&", "/", ";"}:
            parts.append(current)
            current = []
        else:
            current.append(token)
    parts.append(current)
    return [trimmed for part in parts if (trimmed := _trim(part))]


def _is_mistagged_place(ent, gaz: Gazetteer) -> bool:
    """spaCy sm calls some places people or organisations ("Tamil Nadu", "Ghouta")."""
    tokens = _trim(list(ent))
    text = _span_text(tokens) if tokens else ""
    if not text or gaz.is_demonym(text) or not gaz.candidates(text):
        return False
    if not (gaz.is_notable_name(text) or _after_locative(tokens[0])):
        return False
    if ent.label_ == "PERSON":
        return not _used_as_surname(ent, text)
    return True


def _after_locative(token) -> bool:
    return token.i > 0 and token.doc[token.i - 1].lower_ in LOCATIVE_WORDS


def _used_as_surname(ent, text: str) -> bool:
    """True when the doc also names a person "... <text>" (Andrew Jackson -> Jackson)."""
    suffix = " " + text
    return any(
        other.label_ == "PERSON" and other.text.endswith(suffix) for other in ent.doc.ents
    )


def _trim(tokens: list) -> list:
    """Drop a leading "the" and trailing possessives or punctuation from an entity."""
    while tokens and (tokens[0].lower_ == "the" or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].lower_ in {"'s", "\u2019s", "'"}):
        tokens = tokens[:-1]
    return tokens


def _span_text(tokens: list) -> str:
    """The text the tokens cover (as `Span.text`, without building a Span or `doc.text`)."""
    return "".join([token.text_with_ws for token in tokens[:-1]] + [tokens[-1].text])


def _lookup(tokens: list, gaz: Gazetteer, strong: bool) -> _Span | None:
    """The tokens as one toponym, if the gazetteer knows them (strictly, on weak evidence)."""
    text = _span_text(tokens)
    # the dictionary lookup first: most windows name nothing, and the other checks cost more
    candidates = gaz.candidates(text)
    if not candidates or not text[0].isupper():
        return None
    if gaz.is_demonym(text) or _names_something_else(tokens):
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    if text.isupper() and len(text) <= 4:
        # acronyms: "UAE", "US" and "EU" are places, "CHU" is not the Vietnamese town Chu
        candidates = [c for c in candidates if c.feature != "city" and not c.alternate]
    if not candidates or (not strong and not gaz.is_notable_name(text)):
        return None
    return _Span(start, end, text, candidates)


def _names_something_else(tokens: list) -> bool:
    """A place name that is part of a longer name: "Washington Square", "University of Iowa"."""
    doc = tokens[0].doc
    after = doc[tokens[-1].i + 1] if tokens[-1].i + 1 < len(doc) else None
    if after is not None and after.is_title and after.lower_ in FACILITY_WORDS:
        return True
    if after is not None and after.lower_ == "state" and after.i + 1 < len(doc):
        return doc[after.i + 1].lower_ in {"university", "college"}  # "Ohio State University"
    first = tokens[0].i
    if first >= 2 and doc[first - 1].lower_ == "of":
        return doc[first - 2].lower_ in INSTITUTION_WORDS
    return False


def _modified_name(tokens: list, gaz: Gazetteer) -> Iterable[_Span]:
    """The known place in an entity like "northern Syria" or "Aleppo province"."""
    for size in range(min(MAX_NAME_TOKENS, len(tokens)), 0, -1):
        for position in range(0, len(tokens) - size + 1):
            window = tokens[position : position + size]
            if not (window[0].is_title or window[0].is_upper):
                continue
            found = _lookup(window, gaz, strong=False)
            if found:
                yield found
                return


def _gazetteer_spans(doc, gaz: Gazetteer) -> Iterable[_Span]:
    """Notable place names spaCy did not tag: proper nouns outside other entities."""
    blocked = _blocked_tokens(doc)
    next_free = 0
    for position in _name_starts(doc, blocked):
        if position < next_free:
            continue  # inside the name found just before
        found, size = _longest_known_name(doc, position, blocked, gaz)
        if found:
            yield found
            next_free = position + size


def _name_starts(doc, blocked: set[int]) -> list[int]:
    """Token positions where a name may begin: capitalised proper nouns outside entities.

    Read from one array, as making a Token object for every word costs more than the lookups.
    """
    import numpy
    from spacy.attrs import IS_TITLE, IS_UPPER, POS
    from spacy.symbols import PROPN

    if len(doc) == 0:
        return []
    rows = doc.to_array([POS, IS_TITLE, IS_UPPER])
    capitalised_proper = (rows[:, 0] == PROPN) & ((rows[:, 1] | rows[:, 2]) != 0)
    return [int(p) for p in numpy.flatnonzero(capitalised_proper) if int(p) not in blocked]


def _blocked_tokens(doc) -> set[int]:
    blocked = set()
    for ent in doc.ents:
        if ent.label_ not in OPEN_LABELS:
            blocked.update(range(ent.start, ent.end))
    return blocked


def _longest_known_name(doc, position: int, blocked: set[int], gaz: Gazetteer):
    """The longest known name starting at `position` (a capitalised proper noun), and its size."""
    tokens = list(doc[position : position + MAX_NAME_TOKENS])
    for size in range(len(tokens), 0, -1):
        window = tokens[:size]
        if any(token.i in blocked for token in window) or window[-1].is_punct:
            continue
        found = _lookup(window, gaz, strong=False) or _after_locative_lookup(window, gaz)
        if found:
            return (None, 0) if _inside_unknown_name(window) else (found, size)
    return None, 0


def _after_locative_lookup(window: list, gaz: Gazetteer) -> _Span | None:
    """"in Riverdale": after a locative preposition any town we list is taken by its own name."""
    if not _after_locative(window[0]):
        return None
    found = _lookup(window, gaz, strong=True)
    if found is not None:
        found.candidates = [c for c in found.candidates if not c.alternate]
    return found if found is not None and found.candidates else None


def _inside_unknown_name(window: list) -> bool:
    """"San" in "San Marcos", "Vista" in "Boa Vista": a piece of a name we do not know.

    Inside an organisation's name a place stays a place ("Chicago Police Department").
    """
    doc = window[0].doc
    if window[0].ent_type_ in OPEN_LABELS:
        return False
    neighbours = []
    if window[0].i > 0:
        neighbours.append(doc[window[0].i - 1])
    if window[-1].i + 1 < len(doc):
        neighbours.append(doc[window[-1].i + 1])
    return any(t.pos_ == "PROPN" and (t.is_title or t.is_upper) for t in neighbours)


def _abbreviation_spans(doc, text: str, gaz: Gazetteer, spans: list[_Span]) -> Iterable[_Span]:
    """State abbreviations right after a place and a comma: "Charleston, W.Va."."""
    for span in list(spans):
        after = span.end
        if text[after : after + 2] != ", ":
            continue
        token = _token_starting_at(doc, after + 2)
        if token is None:
            continue
        state, end = _abbreviation_at(doc, token, gaz)
        if state is not None:
            yield _Span(token.idx, end, text[token.idx : end], [state])


def _token_starting_at(doc, char: int):
    token = doc.char_span(char, char + 1, alignment_mode="expand")
    return token[0] if token is not None and token[0].idx == char else None


def _abbreviation_at(doc, token, gaz: Gazetteer) -> tuple[Candidate | None, int]:
    """The state abbreviation starting at `token`, which may span two tokens ("W. Va.")."""
    options = [token.text]
    if token.i + 1 < len(doc):
        options.insert(0, doc[token.i : token.i + 2].text)
    for option in options:
        state = gaz.state_abbreviation(option)
        looks_abbreviated = "." in option or (option.isupper() and len(option) == 2)
        if state is not None and looks_abbreviated:
            return state, token.idx + len(option)
    return None, 0


# -- resolution ----------------------------------------------------------------------------


def _attach_qualifiers(spans: list[_Span], text: str) -> None:
    """In "Paris, Texas" the state narrows down which Paris is meant."""
    for span, following in zip(spans, spans[1:], strict=False):
        if text[span.end : following.start].strip() != ",":
            continue
        broader = [c for c in following.candidates if c.feature in {"country", "admin1"}]
        if broader and any(c.feature not in {"country", "continent"} for c in span.candidates):
            span.qualifier = broader


def _build_context(spans: list[_Span], doc, gaz: Gazetteer, given: Sequence[str]) -> _Context:
    """Countries and US states the article is unambiguously about."""
    context = _Context(countries={code.upper() for code in given})
    for span in spans:
        place = _unambiguous(span.candidates)
        if place is None:
            continue
        if place.country:
            context.countries.add(place.country)
        if place.country == "US" and place.admin1:
            context.states.add(place.admin1)
    for ent in doc.ents:
        if ent.label_ == "NORP" and gaz.is_demonym(ent.text):
            info = gaz.country_by_name(ent.text)
            context.countries.add(info.iso2)
    return context


def _unambiguous(candidates: list[Candidate]) -> Candidate | None:
    primary = [c for c in candidates if not c.alternate] or candidates
    countries = {c.country for c in primary}
    return primary[0] if len(countries) == 1 and None not in countries else None


def _pick(span: _Span, context: _Context, gaz: Gazetteer) -> tuple[Candidate | None, float]:
    if not span.candidates:
        return None, 0.0
    scored = sorted(
        ((_score(c, span, context, gaz), c) for c in span.candidates),
        key=lambda pair: pair[0],
        reverse=True,
    )
    best_score, best = scored[0]
    margin = best_score - scored[1][0] if len(scored) > 1 else 10.0
    return best, round(1 - 0.5 * math.exp(-margin), 3)


def _score(candidate: Candidate, span: _Span, context: _Context, gaz: Gazetteer) -> float:
    score = FEATURE_BASE.get(candidate.feature) or 2 * candidate.prominence
    if candidate.alternate:
        score -= ALTERNATE_PENALTY
    if candidate.feature == "city" and _is_capital(candidate, gaz):
        score += CAPITAL_BONUS
    if candidate.country in context.countries:
        score += COUNTRY_CONTEXT_BONUS
    if candidate.feature in {"city", "admin1"} and candidate.admin1 in context.states:
        score += STATE_CONTEXT_BONUS
    if span.qualifier and _within(candidate, span.qualifier):
        score += QUALIFIER_BONUS
    return score


def _is_capital(candidate: Candidate, gaz: Gazetteer) -> bool:
    capital = gaz.country_by_capital(candidate.name)
    return capital is not None and capital.iso2 == candidate.country


def _within(candidate: Candidate, broader: list[Candidate]) -> bool:
    for place in broader:
        if place.feature == "country" and candidate.country == place.country:
            return True
        if place.feature == "admin1" and candidate.admin1 == place.admin1:
            return True
    return False


def _display_name(span: _Span, place: Candidate) -> str:
    """The place's name, or the article's spelling when that is one of its GeoNames names.

    A city found through an alternate name is shown as the article writes it ("Raqqa", not
    "Ar Raqqah"); a transliteration variant GeoNames does not list ("Deir Ezzor") is not.
    """
    written = " ".join(span.text.split())
    if (
        place.alternate
        and not place.variant
        and place.feature == "city"
        and written.isascii()
        and not written.isupper()
        # the span is that name itself, not "Halab Province" or "Soochow, China"
        and any(c.geonameid == place.geonameid for c in gazetteer().candidates(written))
    ):
        return written
    return place.name


def _to_mention(
    span: _Span, place: Candidate | None, score: float, article: str
) -> PlaceMention:
    if place is None:
        return PlaceMention(article, span.start, span.end, span.text, span.text, None, None,
                            None, None, "unknown", 0.0)
    return PlaceMention(
        article=article,
        start=span.start,
        end=span.end,
        text=span.text,
        name=_display_name(span, place),
        country=place.country,
        lat=place.lat,
        lon=place.lon,
        geonameid=place.geonameid,
        feature=place.feature,
        score=score,
    )
