"""Framing per outlet: the loaded words it uses and for whom, its tone toward each actor, whose
voices it quotes and with which verbs.

    outlet_framing(articles, annotations, entities, events) -> [outlet record]
    neutral_term(term) -> the plain word for a loaded one (None if not in the lexicon)
    is_loaded(term) -> bool

An outlet is judged on the articles it wrote: a copy or stated republication of another outlet's
text is listed under `republished` and left out of the counts (those are the original's words).
Words inside quotation marks are the speaker's, not the outlet's: they are counted apart
(`count` is every use, `own_voice` the outlet's own) and weigh half in tone.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml

from manysides.errors import ConfigError
from manysides.events import source_origins
from manysides.records import Annotation, Article, Entity, Event, Quote, outlet_name
from manysides.tone import raw_polarity, squash, tokens

LEXICON_FILE = "framing_terms.yaml"
ROLES = ("government", "insurgent", "militia", "person", "act", "qualifier")
# Which entity types a term of each role may be applied to.
ROLE_TYPES = {
    "government": {"COUNTRY", "ORG", "PERSON"},
    "insurgent": {"ARMED_GROUP", "ORG", "PERSON"},
    "militia": {"ARMED_GROUP", "ORG"},
    "person": {"PERSON"},
    "act": {"COUNTRY", "ORG", "ARMED_GROUP", "PERSON"},
    "qualifier": {"COUNTRY", "ORG", "ARMED_GROUP", "PERSON", "OTHER"},
}
# Roles whose bare use ("the regime") may take the referent of another use in the same article.
COREFERRING_ROLES = frozenset({"government", "insurgent", "militia"})
ACTOR_TYPES = frozenset({"PERSON", "ORG", "COUNTRY", "ARMED_GROUP", "OTHER"})
QUOTED_WEIGHT = 0.5  # words in quotation marks are the speaker's: they colour tone half as much
TERM_WEIGHT = 3.0  # a loaded term counts like a strongly evaluative word, for its referent only

_POSSESSIVE_GAP = re.compile(r"(?:['’]s)?\s*")
_FORWARD_GAP = re.compile(r"\s+(?:the\s+)?")
_OF_GAP = re.compile(r"\s+of\s+(?:the\s+)?(?:(?:so-called|self-styled|self-proclaimed)\s+)?")
_APPOSITION_GAP = re.compile(r",\s+(?:the|a|an)\s+")
_ACRONYM_GAP = re.compile(r"\s*\(\s*")
_BACKER_GAP = re.compile(
    r"-\s?(?:backed|trained|funded|sponsored|supported|armed|allied)\s+"
    r"(?:[\"“'‘]?[a-z-]+[\"”'’]?\s+)?"
)
_QUOTATION = re.compile(r"“[^”]{1,1200}”|\"[^\"\n]{1,1200}\"|«[^»]{1,1200}»")


# ---------------------------------------------------------------- the lexicon


@dataclass(frozen=True)
class Term:
    term: str
    polarity: float
    role: str
    neutral: str
    pos: str = "noun"

    @property
    def loaded(self) -> bool:
        return self.polarity != 0


@lru_cache(maxsize=1)
def load_lexicon() -> dict[str, Term]:
    """Base form -> Term, from the YAML lexicon bundled with the package."""
    try:
        raw = resources.files("manysides.data").joinpath(LEXICON_FILE).read_text("utf-8")
        entries = yaml.safe_load(raw)["terms"]
        return {e["term"].lower(): _term(e) for e in entries}
    except (OSError, KeyError, TypeError, ValueError, yaml.YAMLError) as exc:
        raise ConfigError(f"{LEXICON_FILE}: the framing lexicon cannot be read ({exc})") from exc


def _term(entry: dict) -> Term:
    role = entry["role"]
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r} for {entry['term']!r}")
    return Term(entry["term"].lower(), float(entry["polarity"]), role,
                str(entry.get("neutral", "")), entry.get("pos", "noun"))  # fmt: skip


def _inflections(word: str, pos: str) -> set[str]:
    if pos == "adj":
        return {word}
    if pos == "verb":
        stem = word[:-1] if word.endswith("e") else word
        return {word, word + "s", stem + "ed", stem + "ing"}
    plural = word[:-1] + "ies" if word.endswith("y") else word + ("es" if word[-1] in "sx" else "s")
    possessives = {word + "'s", word + "’s", plural + "'", plural + "’"}
    return {word, plural} | possessives


@lru_cache(maxsize=1)
def _surface_forms() -> dict[str, str]:
    """Every matched spelling (lower case) -> base form of its term."""
    forms: dict[str, str] = {}
    for base, term in load_lexicon().items():
        head, _, last = base.rpartition(" ")
        for form in _inflections(last, term.pos):
            for spelling in {f"{head} {form}".strip(), f"{head}-{form}" if head else form}:
                forms.setdefault(spelling, base)
    return forms


@lru_cache(maxsize=1)
def _term_pattern() -> re.Pattern:
    spellings = sorted(_surface_forms(), key=len, reverse=True)  # longest first wins
    body = "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in spellings)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


def _base_form(term: str) -> str | None:
    return _surface_forms().get(re.sub(r"\s+", " ", term.strip().lower()))


def neutral_term(term: str) -> str | None:
    """The plain word for `term` ("terrorists" -> "fighters"); "" means drop the word; None if
    the term is not in the lexicon. Descriptive terms ("rebels") come back as they are."""
    base = _base_form(term)
    if base is None:
        return None
    entry = load_lexicon()[base]
    if not entry.loaded:
        return term.strip()
    bare = re.sub(r"['’]s?$", "", re.sub(r"\s+", " ", term.strip().lower()))
    plural = entry.pos == "noun" and bare != base
    return _pluralise(entry.neutral) if plural and entry.neutral else entry.neutral


_IRREGULAR_PLURALS = {"man": "men", "person killed": "people killed", "killing": "killings",
                      "deaths": "deaths", "control": "control", "violence": "violence",
                      "statements": "statements", "civilians nearby": "civilians nearby"}


def _pluralise(phrase: str) -> str:
    if phrase in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[phrase]
    head, _, last = phrase.rpartition(" ")
    if last in _IRREGULAR_PLURALS:
        last = _IRREGULAR_PLURALS[last]
    else:
        last = last[:-1] + "ies" if last.endswith("y") else last + "s"
    return f"{head} {last}".strip()


def is_loaded(term: str) -> bool:
    """True for a lexicon term with a polarity: "regime" yes, "rebels" and "bridge" no."""
    base = _base_form(term)
    return base is not None and load_lexicon()[base].loaded


# ---------------------------------------------------------------- spans in one article


@dataclass
class _Span:
    start: int
    end: int
    entity: str


@dataclass
class TermUse:
    """One occurrence of a lexicon term and what it was found to be applied to."""

    article: str
    start: int
    end: int
    surface: str
    term: Term
    quoted: bool
    refers_to: str | None = None
    backers: list[str] = field(default_factory=list)


class _ArticleView:
    """One article's text with its entity mentions sorted, for adjacency lookups."""

    def __init__(self, article: Article, spans: list[_Span], entities: Mapping[str, Entity],
                 sentences: Sequence[tuple[int, int]] = ()):
        self.article = article
        self.sentences = list(sentences) or [
            (m.start(), m.end()) for m in re.finditer(r"[^.!?\n]+[.!?]*", article.text)]
        self.text = article.text
        self.spans = sorted(spans, key=lambda s: (s.start, -s.end))
        self.starts = [s.start for s in self.spans]
        self.entities = entities
        self.quotations = [(m.start(), m.end()) for m in _QUOTATION.finditer(self.text)]

    def ending_before(self, position: int, gap: re.Pattern) -> _Span | None:
        """The mention whose end is joined to `position` by exactly `gap`."""
        index = bisect.bisect_left(self.starts, position)
        for span in reversed(self.spans[max(0, index - 6) : index]):
            if span.end <= position and gap.fullmatch(self.text, span.end, position):
                return span
        return None

    def starting_after(self, position: int, gap: re.Pattern) -> _Span | None:
        """The mention joined to `position` by `gap`; a mention may take in the gap's article
        ("of" + "the Frente de Liberación del Sur")."""
        found = gap.match(self.text, position)
        if not found:
            return None
        first = bisect.bisect_left(self.starts, position)
        for span in self.spans[first : first + 6]:
            if span.start > found.end():
                break
            if span.start == found.end() or gap.fullmatch(self.text, position, span.start):
                return span
        return None

    def inside_mention(self, start: int, end: int) -> bool:
        index = bisect.bisect_right(self.starts, start)
        return any(s.start <= start and end <= s.end for s in self.spans[max(0, index - 6) : index])

    def sentence_of(self, position: int) -> tuple[int, int]:
        index = max(0, bisect.bisect_right([s for s, _ in self.sentences], position) - 1)
        return self.sentences[index] if self.sentences else (0, len(self.text))

    def in_quotation(self, position: int) -> bool:
        return any(a < position < b for a, b in self.quotations)

    def type_of(self, span: _Span) -> str:
        return self.entities[span.entity].type


def _article_spans(entities: Sequence[Entity]) -> dict[str, list[_Span]]:
    spans: dict[str, list[_Span]] = defaultdict(list)
    for entity in entities:
        for m in entity.mentions:
            spans[m.article].append(_Span(m.start, m.end, entity.id))
    return spans


# ---------------------------------------------------------------- finding and resolving terms


def find_terms(view: _ArticleView) -> list[TermUse]:
    """Every lexicon term in the article, with what it refers to where the text shows it."""
    lexicon, forms = load_lexicon(), _surface_forms()
    uses = []
    for match in _term_pattern().finditer(view.text):
        surface = match.group(0)
        if surface[0].isupper() and view.inside_mention(match.start(), match.end()):
            continue  # part of a name: "Southern Liberation Front", "Free Syrian Army"
        base = forms[re.sub(r"\s+", " ", surface.lower())]
        uses.append(TermUse(view.article.id, match.start(), match.end(), surface, lexicon[base],
                            view.in_quotation(match.start())))  # fmt: skip
    for use in uses:
        use.refers_to = _attached_entity(view, use)
        use.backers = _backers(view, use)
    _resolve_qualifiers(uses)
    _resolve_bare_uses(view, uses)
    return uses


def _attached_entity(view: _ArticleView, use: TermUse) -> str | None:
    """The entity a term is syntactically attached to: "the Assad regime", "terrorists of the
    so-called Fuerza Wayra", "Huanca, the terrorist ringleader", "so-called Fuerza Wayra"."""
    role = use.term.role
    candidates = [view.ending_before(use.start, _POSSESSIVE_GAP)]
    if role in {"person", "qualifier"}:
        candidates.append(view.starting_after(use.end, _FORWARD_GAP))
    if role != "qualifier":
        candidates.extend(_of_phrase(view, use.end))
    if role in {"government", "insurgent", "militia", "person"}:
        candidates.append(view.ending_before(use.start, _APPOSITION_GAP))
    for span in candidates:
        if span is not None and view.type_of(span) in ROLE_TYPES[role]:
            return _as_government(view, span) if role == "government" else span.entity
    return None


def _of_phrase(view: _ArticleView, position: int) -> list[_Span]:
    """Mentions naming the object of "<term> of the X (XY)": the name, then its acronym."""
    first = view.starting_after(position, _OF_GAP)
    if first is None:
        return []
    return [first, view.starting_after(first.end, _ACRONYM_GAP)]


def _as_government(view: _ArticleView, span: _Span) -> str:
    """"The Assad regime" is the Syrian state when the corpus has it as an entity."""
    entity = view.entities[span.entity]
    if entity.type == "PERSON" and entity.country:
        for other in view.entities.values():
            if other.type == "COUNTRY" and other.country == entity.country:
                return other.id
    return span.entity


def _backers(view: _ArticleView, use: TermUse) -> list[str]:
    """Who a term's group is said to be backed by: "US-backed jihadists", "CIA-trained rebels"."""
    span = view.ending_before(use.start, _BACKER_GAP)
    return [span.entity] if span is not None else []


def _resolve_qualifiers(uses: list[TermUse]) -> None:
    """A qualifier with no name after it colours the next term: "brutal regime", "so-called
    moderate rebels" take that term's referent."""
    for index, use in enumerate(uses[:-1]):
        following = uses[index + 1]
        if use.term.role == "qualifier" and use.refers_to is None and following.start - use.end < 3:
            use.refers_to = following.refers_to
            use.backers = use.backers or following.backers


def _resolve_bare_uses(view: _ArticleView, uses: list[TermUse]) -> None:
    """ "The regime", "the terrorists" with no name: the referent of the nearest earlier (else
    later) use of the same role in the article; for an insurgent term, else the article's only
    armed group. Left unresolved when none of these holds.

    A bare "the regime" is a state: it takes a country or organisation, never the person of
    "the Mamani regime" (that one stands for the state only where the person's country is
    known, see `_as_government`)."""
    resolved = [u for u in uses if u.refers_to and u.term.role in COREFERRING_ROLES
                and not _person_as_government(view, u)]  # fmt: skip
    sole_group = _sole_armed_group(view)
    for use in uses:
        if use.refers_to or use.term.role not in COREFERRING_ROLES:
            continue
        same_role = [u for u in resolved if u.term.role == use.term.role]
        before = [u for u in same_role if u.start < use.start]
        if before or same_role:
            use.refers_to = (before[-1] if before else same_role[0]).refers_to
        elif use.term.role == "insurgent":
            use.refers_to = sole_group


def _person_as_government(view: _ArticleView, use: TermUse) -> bool:
    entity = view.entities.get(use.refers_to or "")
    return use.term.role == "government" and entity is not None and entity.type == "PERSON"


def _sole_armed_group(view: _ArticleView) -> str | None:
    """The one armed group an article names (at least twice), if it names exactly one."""
    counts = Counter(s.entity for s in view.spans if view.type_of(s) == "ARMED_GROUP")
    if len(counts) == 1:
        entity, count = counts.most_common(1)[0]
        return entity if count >= 2 else None
    return None


# ---------------------------------------------------------------- tone toward actors


def _sentence_tone(view: _ArticleView, start: int, end: int) -> float:
    """Tone of one sentence, words inside quotation marks weighing half."""
    total, cursor = 0.0, start
    for q_start, q_end in view.quotations:
        if q_end <= start or q_start >= end:
            continue
        total += raw_polarity(tokens(view.text[cursor:max(cursor, q_start)]))
        quoted = view.text[max(q_start, start) : min(q_end, end)]
        total += QUOTED_WEIGHT * raw_polarity(tokens(quoted))
        cursor = min(q_end, end)
    total += raw_polarity(tokens(view.text[cursor:end]))
    return total


def article_tone(view: _ArticleView, uses: Sequence[TermUse]) -> dict[str, list[float]]:
    """Entity id -> the tone of each sentence of the article that names it or applies a term to
    it; a loaded term applied to the entity adds its polarity to that entity's score only."""
    sentences = view.sentences
    starts = [s for s, _ in sentences]
    per_sentence: dict[int, dict[str, float]] = defaultdict(dict)
    for span in view.spans:
        if view.type_of(span) in ACTOR_TYPES:
            per_sentence[_sentence_index(starts, span.start)].setdefault(span.entity, 0.0)
    for use in uses:
        if use.refers_to and use.term.loaded:
            weight = TERM_WEIGHT * (QUOTED_WEIGHT if use.quoted else 1.0)
            bucket = per_sentence[_sentence_index(starts, use.start)]
            bucket[use.refers_to] = bucket.get(use.refers_to, 0.0) + weight * use.term.polarity
    scores: dict[str, list[float]] = defaultdict(list)
    for index, bucket in per_sentence.items():
        base = _sentence_tone(view, *sentences[index]) if index < len(sentences) else 0.0
        for entity, extra in bucket.items():
            scores[entity].append(squash(base + extra))
    return scores


def _sentence_index(starts: list[int], position: int) -> int:
    return max(0, bisect.bisect_right(starts, position) - 1)


# ---------------------------------------------------------------- voices


KIND_CUES = {
    "official": "minister|ministry|president|government|general|colonel|major|army|military|"
    "defence|defense|ambassador|diplomat|secretary|senator|governor|mayor|police|head of state|"
    "chancellor|premier|king|prime minister|adviser|advisor|presidency|cabinet|lawmaker|"
    "parliament|authorities|pentagon|kremlin|white house|state department|security services|"
    "soldier|officer|foreign office|embassy",
    "analyst": "analyst|professor|researcher|expert|scholar|economist|fellow|academic|historian|"
    "specialist|think tank|institute|university|commentator",
    "resident": "resident|witness|doctor|dr|nurse|teacher|villager|farmer|trader|shopkeeper|"
    "survivor|refugee|mother|father|porter|vendor|surgeon|driver|student|citizen|neighbou?r|"
    "breeder|grandmother|hospital|clinic|displaced",
    "organisation": "aid|agency|relief|charity|ngo|programme|program|un|united nations|red cross|"
    "monitor|envoy|coordinator|humanitarian|organi[sz]er|chamber|federation|association|"
    "alliance|observatory|watch|amnesty|logistics",
    "armed group": "rebel|fighter|militia|insurgent|guerrilla|militant|terrorist|ringleader|"
    "jihadist|jihadi|warlord",
}
# Generic words that take the kind of whoever they work for ("a spokesman for the SLF").
WEAK_CUES = "spokesman|spokeswoman|spokesperson|official|director|officer|representative|" \
    "head|chief|sources?|commander|leader"
_CUE = re.compile(
    "|".join(rf"\b(?P<{kind.replace(' ', '_')}>(?:{cues})(?:e?s)?)\b"
             for kind, cues in {**KIND_CUES, "weak": WEAK_CUES}.items()),
    re.IGNORECASE,
)
_GOVERNMENT_ORG = re.compile(
    r"\b(?:ministry|government|army|armed forces|military|department|police|presidency|"
    r"parliament|council of state|defen[cs]e|security)\b", re.IGNORECASE)
_PRONOUNS = frozenset({"he", "she"})
_UNUSABLE_SPEAKERS = frozenset({"i", "we", "it", "they", "who", "one", "nobody", "you", "this",
                                "which", "that", "someone", "everyone"})
_LEADING = re.compile(r"^(?:the|a|an|two|three|four|several|some|many|other|one|of)\s+", re.I)
_APPOSITION = re.compile(r",\s+")
CONTEXT_BEFORE, CONTEXT_AFTER = 80, 120


@dataclass
class _Voice:
    key: str
    entity: str | None
    name: str
    count: int = 0
    kind: str = "unknown"
    government: str | None = None


def _speaker_entity(view: _ArticleView, quote: Quote) -> str | None:
    """The entity a quote's speaker span names: overlapping it, named in apposition ("the
    group's spokesman, Rufino Layme"), a surname of a person named earlier, or for he/she the
    last person named before."""
    start, end = quote.speaker_start, quote.speaker_end
    if start is None or end is None:
        return None
    speaker = (quote.speaker or "").strip()
    if speaker.lower() in _PRONOUNS:
        return _last_person_before(view, start)
    actors = [s for s in view.spans if s.start < end and s.end > start
              and view.type_of(s) in ACTOR_TYPES]  # fmt: skip
    if actors:
        return max(actors, key=lambda s: s.end - s.start).entity
    apposed = view.starting_after(end, _APPOSITION)
    if apposed is not None and view.type_of(apposed) == "PERSON":
        return apposed.entity
    return _person_by_surname(view, speaker, start)


def _last_person_before(view: _ArticleView, position: int) -> str | None:
    earlier = [s for s in view.spans if s.end <= position and view.type_of(s) == "PERSON"]
    return earlier[-1].entity if earlier else None


def _person_by_surname(view: _ArticleView, speaker: str, position: int) -> str | None:
    if not speaker[:1].isupper() or " " in speaker:
        return None
    for span in reversed([s for s in view.spans if s.end <= position]):
        entity = view.entities[span.entity]
        if entity.type == "PERSON" and entity.name.split()[-1] == speaker:
            return entity.id
    return None


def _voice_key(view: _ArticleView, quote: Quote) -> tuple[str, str | None, str] | None:
    """(group key, entity id, display name) of a quote's speaker; None when nobody usable."""
    speaker = (quote.speaker or "").strip()
    if not speaker or speaker.lower() in _UNUSABLE_SPEAKERS:
        return None
    entity = _speaker_entity(view, quote)
    if entity is not None:
        return entity, entity, view.entities[entity].name
    if speaker.lower() in _PRONOUNS:
        return None
    name = speaker
    while _LEADING.match(name):
        name = _LEADING.sub("", name, count=1)
    return name.lower(), None, name


def classify_voice(view: _ArticleView, quote: Quote, entity: str | None) -> tuple[str, str | None]:
    """(kind, government) of a speaker: official (of which country, when known), analyst,
    resident, organisation, armed group or unknown, from the entity's type and the words
    around its mentions ("Defence Minister ...", "..., a secondary-school teacher")."""
    record = view.entities.get(entity) if entity else None
    if record is not None and record.type not in {"PERSON", "OTHER"}:
        return _kind_of_actor(record), record.country if record.type != "ARMED_GROUP" else None
    windows = _speaker_windows(view, quote, entity)
    cues = sorted(c for window in windows for c in _cues_in(view, *window))
    strong = [c for c in cues if c[1] != "weak"]
    kind = strong[0][1] if strong else ("official" if any(c[2].lower().startswith("official")
                                                          for c in cues) else "unknown")
    government = None
    if kind == "official":
        government = (record.country if record else None) or _nearest_country(view, windows)
    return kind, government


def _kind_of_actor(entity: Entity) -> str:
    if entity.type == "COUNTRY" or _GOVERNMENT_ORG.search(entity.name):
        return "official"
    if entity.type == "ARMED_GROUP":
        return "armed group"
    return "organisation" if entity.type == "ORG" else "unknown"


def _speaker_windows(view: _ArticleView, quote: Quote, entity: str | None) -> list[tuple]:
    """(start, end, anchor start, anchor end): the speaker and each mention of it, with the
    words around it in its sentence."""
    anchors = [(quote.speaker_start, quote.speaker_end)] if quote.speaker_start is not None else []
    anchors += [(s.start, s.end) for s in view.spans if entity and s.entity == entity]
    windows = []
    for a, b in anchors:
        sentence_start, sentence_end = view.sentence_of(a)
        windows.append((max(sentence_start, a - CONTEXT_BEFORE),
                        min(sentence_end, b + CONTEXT_AFTER), a, b))  # fmt: skip
    return windows


def _cues_in(view: _ArticleView, start: int, end: int, anchor_start: int, anchor_end: int):
    """(distance from the speaker, kind, word) for each cue in the window outside quotations,
    and for each organisation or armed group named there."""
    for match in _CUE.finditer(view.text, start, end):
        if view.in_quotation(match.start()):
            continue  # what the speaker says is not who the speaker is
        distance = max(anchor_start - match.end(), match.start() - anchor_end, 0)
        yield distance, match.lastgroup.replace("_", " "), match.group(0)
    for span in view.spans:
        inside_anchor = span.start >= anchor_start and span.end <= anchor_end
        if not start <= span.start < end or inside_anchor or view.in_quotation(span.start):
            continue
        kind = _kind_of_actor(view.entities[span.entity])
        if kind in {"organisation", "armed group"} or view.type_of(span) == "ORG":
            distance = max(anchor_start - span.end, span.start - anchor_end, 0)
            yield distance, kind, view.entities[span.entity].name


def _nearest_country(view: _ArticleView, windows: list[tuple]) -> str | None:
    """The country named nearest a speaker ("Bolivian border officials"), as ISO alpha-2."""
    best: tuple[int, str] | None = None
    for start, end, anchor_start, anchor_end in windows:
        for span in view.spans:
            entity = view.entities[span.entity]
            if start <= span.start < end and entity.type == "COUNTRY" and entity.country:
                distance = max(anchor_start - span.end, span.start - anchor_end, 0)
                if best is None or distance < best[0]:
                    best = (distance, entity.country)
    return best[1] if best else None


# ---------------------------------------------------------------- attribution verbs


_VERB_FORMS = {"says": "said", "say": "said", "tells": "told", "tell": "told",
               "claims": "claimed", "claim": "claimed", "insists": "insisted",
               "admits": "admitted", "reports": "reported", "report": "reported",
               "adds": "added", "notes": "noted", "warns": "warned", "writes": "wrote",
               "acknowledges": "acknowledged", "alleges": "alleged", "argues": "argued",
               "explains": "explained", "announces": "announced", "accuses": "accused",
               "denies": "denied", "stresses": "stressed", "urges": "urged"}  # fmt: skip


def attribution_verb(verb: str | None) -> str | None:
    """A quote's verb in the past form used for counting: "says" -> "said"."""
    if not verb:
        return None
    verb = re.sub(r"\s+", " ", verb.strip().lower())
    return _VERB_FORMS.get(verb, verb)


# ---------------------------------------------------------------- per outlet


@dataclass
class _OutletTally:
    name: str
    articles: list[str] = field(default_factory=list)
    republished: list[str] = field(default_factory=list)
    words: int = 0
    loaded_own: int = 0
    terms: dict[tuple[str, str | None], dict] = field(default_factory=dict)
    tone: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    voices: dict[str, _Voice] = field(default_factory=dict)
    verbs: Counter = field(default_factory=Counter)
    violence: Counter = field(default_factory=Counter)


def outlet_framing(articles: Sequence[Article], annotations: Sequence[Annotation],
                   entities: Sequence[Entity], events: Sequence[Event] = ()) -> list[dict]:
    """One record per outlet: the loaded terms it uses and for whom, its tone toward each actor,
    whose voices it quotes and how it attributes them, and (from `events`) the violence it
    attributes to each actor in its own voice. Outlets are listed by name."""
    by_entity = {e.id: e for e in entities}
    spans, by_article = _article_spans(entities), {a.article: a for a in annotations}
    origins, tallies = source_origins(articles), {}
    for article in articles:
        name = outlet_name(article)
        tally = tallies.setdefault(name, _OutletTally(name))
        tally.articles.append(article.id)
        if origins.get(article.id, name) != name:
            tally.republished.append(article.id)
            continue
        annotation = by_article.get(article.id)
        view = _ArticleView(article, spans.get(article.id, []), by_entity,
                            annotation.sentences if annotation else ())
        _tally_article(tally, view, annotation)
    _tally_events(tallies, articles, events, origins)
    return [_outlet_record(tallies[name], by_entity) for name in sorted(tallies)]


def _tally_article(tally: _OutletTally, view: _ArticleView, annotation: Annotation | None) -> None:
    uses = find_terms(view)
    tally.words += view.article.words or len(view.text.split())
    for use in uses:
        _count_term(tally, use, view.text)
    for entity, scores in article_tone(view, uses).items():
        tally.tone[entity].extend(scores)
    for quote in annotation.quotes if annotation else []:
        _count_quote(tally, view, quote)


def _count_term(tally: _OutletTally, use: TermUse, text: str) -> None:
    key = (use.term.term, use.refers_to)
    entry = tally.terms.setdefault(key, {"count": 0, "own_voice": 0, "surfaces": Counter(),
                                         "backed_by": Counter(), "evidence": None})  # fmt: skip
    entry["count"] += 1
    entry["surfaces"][use.surface.lower()] += 1
    entry["backed_by"].update(use.backers)
    if not use.quoted:
        entry["own_voice"] += 1
        tally.loaded_own += use.term.loaded
    if entry["evidence"] is None:
        entry["evidence"] = {"article": use.article, "text": _snippet(text, use.start, use.end)}


def _snippet(text: str, start: int, end: int, reach: int = 70) -> str:
    left, right = max(0, start - reach), min(len(text), end + reach)
    return " ".join(text[left:right].split())


def _count_quote(tally: _OutletTally, view: _ArticleView, quote: Quote) -> None:
    verb = attribution_verb(quote.verb)
    if verb:
        tally.verbs[verb] += 1
    found = _voice_key(view, quote)
    if found is None:
        return
    key, entity, name = found
    voice = tally.voices.get(key)
    if voice is None:
        kind, government = classify_voice(view, quote, entity)
        voice = tally.voices[key] = _Voice(key, entity, name, kind=kind, government=government)
    voice.count += 1


VIOLENT_TYPES = frozenset({"ASSAULT", "COERCE"})


def _tally_events(tallies: dict[str, _OutletTally], articles: Sequence[Article],
                  events: Iterable[Event], origins: Mapping[str, str]) -> None:
    """Violence an outlet states in its own voice (not negated, not hypothetical, not only
    claimed by someone) counts against the event's actors."""
    outlet_of = {a.id: outlet_name(a) for a in articles if origins.get(a.id) == outlet_name(a)}
    for event in events:
        if event.type not in VIOLENT_TYPES or event.negated or event.hypothetical:
            continue
        if event.status != "asserted":
            continue
        for outlet in {outlet_of[a] for a in event.articles if a in outlet_of}:
            tallies[outlet].violence.update(event.actor)


def _outlet_record(tally: _OutletTally, entities: Mapping[str, Entity]) -> dict:
    voices = sorted(tally.voices.values(), key=lambda v: (-v.count, v.name))
    return {
        "name": tally.name,
        "articles": tally.articles,
        "republished": tally.republished,
        "words": tally.words,
        "framing_terms": _term_records(tally, entities),
        "tone_by_actor": {e: round(sum(s) / len(s), 2) for e, s in sorted(tally.tone.items())
                          if e in entities},  # fmt: skip
        "quoted": _ordered_unique(v.entity for v in voices if v.entity),
        "quotes_by_speaker": [{"entity": v.entity, "name": v.name, "count": v.count,
                               "kind": v.kind, "government": v.government} for v in voices],
        "attribution_verbs": dict(tally.verbs.most_common()),
        "loaded_share": round(1000 * tally.loaded_own / tally.words, 2) if tally.words else 0.0,
        "violence_attributed": dict(tally.violence.most_common()),
    }


def _term_records(tally: _OutletTally, entities: Mapping[str, Entity]) -> list[dict]:
    lexicon, records = load_lexicon(), []
    for (base, refers_to), entry in tally.terms.items():
        term = lexicon[base]
        records.append({
            "term": base, "refers_to": refers_to,
            "refers_to_name": entities[refers_to].name if refers_to in entities else None,
            "count": entry["count"], "own_voice": entry["own_voice"],
            "polarity": term.polarity, "loaded": term.loaded, "role": term.role,
            "neutral": term.neutral if term.loaded else base,
            "forms": sorted(entry["surfaces"]),
            "backed_by": [e for e, _ in entry["backed_by"].most_common()],
            "evidence": entry["evidence"],
        })  # fmt: skip
    records.sort(key=lambda r: (-r["loaded"], -r["count"], r["term"], r["refers_to"] or ""))
    return records


def _ordered_unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))
