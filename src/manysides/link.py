"""Cross-document linking: mentions from every article become entities and places.

Each mention is resolved to a target, in this order: a seat of government ("the Kremlin"),
the curated actor list (every alias and spelling), a country name or demonym ("Russian
airstrikes" -> Russia), a capital used as an actor ("Moscow said" -> Russia; "in Moscow" stays
a place), a place, and finally a name cluster keyed by the normalised name. Within an article a
surname after the full name ("Lavrov" after "Sergei Lavrov") and an acronym after its expansion
("FSA" after "Free Syrian Army (FSA)") join the full name; across articles a bare surname or
acronym joins the one full name that owns it, when only one does. Office titles ("the Russian
foreign minister", "the Secretary of State") are found in the text and resolved by the
article's publication date. All indexes are keyed dictionaries: linking is linear in mentions.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from manysides.actors import ActorBase, Title, load_actors, name_key
from manysides.records import (
    Annotation,
    Article,
    Entity,
    EntityMention,
    Mention,
    Place,
    PlaceMention,
)

IGNORED_LABELS = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
NAME_LIKE_LABELS = {"PERSON", "ORG", "NORP"}  # labels spaCy gives bare surnames ("Lavrov": ORG)
OTHER_LABELS = {"NORP", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART", "LANGUAGE"}
ARMED_GROUP_CUES = {
    "brigade", "brigades", "front", "army", "militia", "militias", "battalion", "battalions",
    "liwa", "jaish", "jaysh", "ahrar", "harakat", "kataib", "jund", "ansar", "mujahideen",
    "legion", "regiment", "jihad", "fighters", "insurgents", "rebels", "guerrillas",
}
# A capital after these words is a place ("in Moscow"); before these words an actor.
LOCATIVE_WORDS = {
    "in", "at", "near", "into", "outside", "around", "across", "via", "within", "through",
    "visit", "visited", "visiting", "visits", "inside", "downtown", "central", "throughout",
    "flew", "arrived", "returned", "based",
}
# After these a capital is a place unless its possessive follows ("opposite of Moscow's").
WEAK_LOCATIVE_WORDS = {"of", "to", "from", "over", "toward", "towards", "for"}
ACTOR_BEFORE = {"by", "with", "against", "urged", "warned", "accused", "told", "blamed",
                "pressed", "asked", "than", "criticised", "criticized"}
ACTOR_AFTER = {
    "has", "had", "have", "is", "was", "will", "would", "said", "says", "say", "wants", "want",
    "must", "should", "can", "could", "may", "might", "did", "does", "insists", "insisted",
    "believes", "hopes", "sees", "denies", "accuses", "warns", "claims", "argues", "maintains",
    "appears", "seems", "announces", "rejects", "supports", "backs", "condemns", "demands",
    "responds", "refuses", "agrees", "threatens", "blames", "calls", "urges",
}
# Words before an office that say its holder is not the office holder of the day.
NOT_CURRENT = {"former", "ex", "late", "deputy", "assistant", "vice", "under", "acting",
               "future", "next", "then", "incoming", "shadow", "first", "a", "an", "another"}
ORG_QUALIFIERS = {
    "un": "UN", "united nations": "UN", "nato": "NATO", "eu": "EU", "european": "EU",
    "european union": "EU", "arab league": "ARAB_LEAGUE",
}
ACRONYM_STOPWORDS = {"of", "the", "for", "and", "in", "on", "de", "des", "du", "la", "le", "&"}


# -- what a mention resolves to
@dataclass
class _Resolved:
    """A mention and the target key it was resolved to ("kb:..", "country:..", ...)."""

    mention: Mention
    target: str
    order: tuple[int, int]  # (article position, start) for stable output order
    label: str = ""


@dataclass
class _ArticleState:
    """What one article tells the resolver: its text, date, places and known names."""

    index: int
    article: Article | None
    annotation: Annotation
    place_starts: list[int] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    surnames: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    acronyms: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    named_people: list[tuple[int, str]] = field(default_factory=list)  # (start, kb target)
    place_names: dict[str, str] = field(default_factory=dict)  # name key -> place target

    @property
    def text(self) -> str:
        return self.article.text if self.article else ""

    @property
    def date(self) -> str | None:
        return self.article.published[:10] if self.article and self.article.published else None


def link_entities(
    articles: Sequence[Article], annotations: Sequence[Annotation]
) -> tuple[list[Entity], list[Place]]:
    """One Entity per actor across all articles, and one Place per distinct resolved place."""
    linker = _Linker(load_actors(), {a.id: a for a in articles})
    for index, annotation in enumerate(annotations):
        linker.add(index, annotation)
    return linker.entities(), group_places(annotations)


class _Linker:
    def __init__(self, base: ActorBase, articles: dict[str, Article]):
        self.base = base
        self.articles = articles
        self.resolved: list[_Resolved] = []
        self.place_info: dict[str, PlaceMention] = {}
        self.global_surnames: dict[str, set[str]] = defaultdict(set)
        self.global_acronyms: dict[str, set[str]] = defaultdict(set)
        self.places_by_name: dict[str, set[str]] = defaultdict(set)  # name key -> place targets
        self.renames: list[tuple[str, str]] = []  # (old name target, new name target)

    # -- per article ----------------------------------------------------------------------
    def add(self, index: int, annotation: Annotation) -> None:
        state = self._state(index, annotation)
        roles = find_role_mentions(state.text, annotation.article) if state.text else []
        offices = _Cover(_office_spans(state.text) + [(r.mention.start, r.mention.end)
                                                      for r in roles])
        mentions = [m for m in _usable(annotation.mentions) if not offices.contains(m)]
        full, bare = _split_bare(mentions)
        for mention in full:
            self._keep(state, mention, self._resolve(state, mention))
        self._define_acronyms(state)
        for mention in bare:
            self._keep(state, mention, self._resolve_bare(state, mention))
        for role in roles:
            target = self._resolve_role(state, role)
            if target:
                self._keep(state, role.mention, [target])
        self._publish(state)
        self._note_renames(state)

    def _note_renames(self, state: _ArticleState) -> None:
        """ "the X, which now calls itself Y": the group named before and the one after are one."""
        for cue in RENAME_CUE.finditer(state.text):
            start, end = _sentence_around(state.text, cue.start(), cue.end())
            items = [i for i in self.resolved_in(state)
                     if start <= i.mention.start < end and i.target.startswith(("name:", "kb:"))]
            before = [i for i in items if i.mention.end <= cue.start()
                      and not names_a_relation(state.text, i.mention.end)]
            after = [i for i in items if i.mention.start >= cue.end()]
            if before and after:
                old = max(before, key=lambda i: i.mention.end).target
                new = min(after, key=lambda i: i.mention.start).target
                if old != new:
                    self.renames.append((old, new))

    def _state(self, index: int, annotation: Annotation) -> _ArticleState:
        places = sorted(annotation.places, key=lambda p: p.start)
        for place in places:
            target = self._place_target(place.text, place)
            self.places_by_name[name_key(place.text)].add(target)
        return _ArticleState(index, self.articles.get(annotation.article), annotation,
                             [p.start for p in places], places)

    def _keep(self, state: _ArticleState, mention: Mention, targets: list[str]) -> None:
        for target in targets:
            self.resolved.append(_Resolved(mention, target, (state.index, mention.start),
                                           mention.label))
            if self._is_person(target, mention):
                self._note_person(state, mention, target)

    def _is_person(self, target: str, mention: Mention) -> bool:
        if target.startswith("kb:"):
            return self.base.actors[target[3:]].type == "PERSON"
        return target.startswith("name:") and mention.label == "PERSON"

    def _note_person(self, state: _ArticleState, mention: Mention, target: str) -> None:
        tokens = name_key(mention.text, drop_titles=True).split()
        if len(tokens) >= 2:
            state.surnames[tokens[-1]].add(target)
        if target.startswith("kb:"):
            state.named_people.append((mention.start, target))

    def _publish(self, state: _ArticleState) -> None:
        """Article-level evidence that helps other articles: full names and acronyms."""
        for surname, targets in state.surnames.items():
            self.global_surnames[surname].update(targets)
        for acronym, targets in state.acronyms.items():
            self.global_acronyms[acronym].update(targets)

    # -- resolving one mention ----------------------------------------------------------------
    def _resolve(self, state: _ArticleState, mention: Mention) -> list[str]:
        text = _surface(mention.text)
        place = _overlapping_place(state, mention)
        seat = self.base.seat(text)
        if seat:
            return [_actor_target(seat)]
        actor = self._curated(text, mention.label)
        if actor:
            return [f"kb:{actor}"]
        countries = self._countries(text, mention.label, place)
        if countries:
            return [f"country:{code}" for code in countries]
        metonym = self.base.metonym(text) if mention.label != "PERSON" else None
        if metonym and _used_as_actor(state.text, mention.start, mention.end):
            return [_actor_target(metonym)]
        previous_word = _word_before(state.text, mention.start) if state.text else ""
        if place is not None or self._is_place(text, mention.label, previous_word):
            target = self._place_target(text, place)
            state.place_names.setdefault(name_key(text), target)
            return [target]
        known_place = state.place_names.get(name_key(text))
        if known_place and mention.label != "PERSON":  # "Deir Ezzor" tagged ORG after a GPE
            return [known_place]
        return [f"name:{name_key(text, drop_titles=True)}"]

    def _curated(self, text: str, label: str) -> str | None:
        actor = self.base.match(text)
        if actor is None:
            return None
        single = len(name_key(text).split()) == 1
        if actor.type == "PERSON" and single and label in PLACE_LABELS:
            return None  # "Kerry" the Irish county, "Jordan" the country
        return actor.id

    def _countries(self, text: str, label: str, place: PlaceMention | None) -> list[str]:
        if place is not None and place.feature == "country" and place.country:
            return [place.country]
        if label not in PLACE_LABELS | {"NORP", "ORG"}:
            return []
        code = self.base.country_code(text)
        if code:
            return [code]
        parts = [p for p in re.split(r"[-/–]", text) if p.strip()]
        if len(parts) > 1 and label in {"NORP", "GPE"}:  # "US-Russian", "Russian-regime"
            codes = [self.base.country_code(p) for p in parts]
            if codes[0]:
                return list(dict.fromkeys(c for c in codes if c))
        return []

    def _is_place(self, text: str, label: str, previous_word: str) -> bool:
        """GPE/LOC/FAC, and known place names spaCy calls a nationality or an organisation."""
        if label in PLACE_LABELS:
            return True
        if self.base.is_demonym(text):
            return False
        locative = previous_word in LOCATIVE_WORDS | WEAK_LOCATIVE_WORDS | {"on"}
        if label != "NORP" and not locative:
            return False
        words = text.split()
        return _known_place(text) or (len(words) > 1 and _known_place(words[-1]))

    def _place_target(self, text: str, place: PlaceMention | None) -> str:
        if place is not None and place.geonameid is not None:
            target = f"place:{place.geonameid}"
        elif place is not None:
            target = f"place:{name_key(place.name)}|{place.country or ''}"
        else:
            target = f"place:{name_key(text)}|"
        if place is not None:
            self.place_info.setdefault(target, place)
        return target

    # -- surnames and acronyms ------------------------------------------------------------------
    def _resolve_bare(self, state: _ArticleState, mention: Mention) -> list[str]:
        token = name_key(mention.text, drop_titles=True)
        owners = state.surnames.get(token, set())
        if len(owners) == 1 and mention.label not in PLACE_LABELS:
            return list(owners)
        acronym = _surface(mention.text)
        owners = state.acronyms.get(acronym, set())
        if len(owners) == 1 and _is_acronym(acronym):
            return list(owners)
        return self._resolve(state, mention)

    def _define_acronyms(self, state: _ArticleState) -> None:
        """Acronyms an article defines: "Free Syrian Army (FSA)", or initials of its names."""
        for item in self.resolved_in(state):
            if item.target.startswith(("country:", "place:")):
                continue
            text = _surface(item.mention.text)
            if item.mention.label == "PERSON":
                continue
            defined = re.match(r"\s*\(([A-Z][A-Za-z&.-]{1,9})\)", state.text[item.mention.end:])
            if defined:
                state.acronyms[defined.group(1).replace(".", "")].add(item.target)
            initials = _initials(text)
            if initials:
                state.acronyms[initials].add(item.target)

    def resolved_in(self, state: _ArticleState) -> Iterable[_Resolved]:
        article = state.annotation.article
        for item in reversed(self.resolved):
            if item.mention.article != article:
                break
            yield item

    # -- offices ----------------------------------------------------------------------------
    def _resolve_role(self, state: _ArticleState, role: RoleMention) -> str | None:
        title = self.base.titles[role.title]
        qualifier = self._qualifier_code(role.qualifier) if role.qualifier else None
        if role.qualifier and qualifier is None:
            return None  # somebody else's office ("the president of the company")
        if qualifier is None and _may_use_default(title, role.phrase):
            qualifier = title.default
        holders = self.base.holders(title.name, qualifier, state.date)
        targets = [f"kb:{actor.id}" for actor in holders]
        if qualifier is not None and state.date is not None and len(targets) == 1:
            return targets[0]
        return _nearest_named(state, targets, role.mention.start)

    def _qualifier_code(self, qualifier: str) -> str | None:
        return qualifier_code(self.base, qualifier)

    # -- output ----------------------------------------------------------------------------------
    def entities(self) -> list[Entity]:
        self._link_bare_across_articles()
        self._link_unresolved_places()
        self._join_renamed()
        groups: dict[str, list[_Resolved]] = defaultdict(list)
        for item in self.resolved:
            groups[item.target].append(item)
        entities = [self._entity(target, items) for target, items in groups.items()]
        entities.sort(key=lambda e: (-len(e.mentions), e.id))
        return entities

    def _link_bare_across_articles(self) -> None:
        """A bare surname or acronym left alone joins the one full name that owns it."""
        for item in self.resolved:
            if not item.target.startswith("name:"):
                continue
            key = item.target[5:]
            if " " in key:
                continue
            owners = self.global_surnames.get(key, set())
            if item.label in NAME_LIKE_LABELS and len(owners) == 1:
                item.target = next(iter(owners))
                continue
            owners = self.global_acronyms.get(_surface(item.mention.text), set())
            if len(owners) == 1 and _is_acronym(_surface(item.mention.text)):
                item.target = next(iter(owners))

    def _join_renamed(self) -> None:
        """A group and its new name become one entity, under the curated or the older name."""
        joined: dict[str, str] = {}

        def root(target: str) -> str:
            while target in joined:
                target = joined[target]
            return target

        for old, new in self.renames:
            old, new = root(old), root(new)
            if old != new:
                keep, drop = (new, old) if new.startswith("kb:") else (old, new)
                joined[drop] = keep
        for item in self.resolved:
            item.target = root(item.target)

    def _link_unresolved_places(self) -> None:
        """A place name the geoparser missed once joins the place it resolved elsewhere.

        That holds too for a lone word spaCy took for a person or an organisation ("Ilave")
        when no full name in the corpus owns it as a surname and it is a place elsewhere: one
        the geoparser resolved, or one spaCy tagged as a place in another sentence.
        """
        unresolved = {item.target[6:-1] for item in self.resolved
                      if item.target.startswith("place:") and item.target.endswith("|")}
        for item in self.resolved:
            if item.target.startswith("place:") and item.target.endswith("|"):
                key = item.target[6:-1]
            elif item.target.startswith("name:") and " " not in item.target[5:]:
                key = item.target[5:]
            else:
                continue
            owners = self.places_by_name.get(key, set())
            if len(owners) == 1:
                item.target = next(iter(owners))
            elif key in unresolved:  # a place only spaCy knows, called a place elsewhere
                item.target = f"place:{key}|"

    def _entity(self, target: str, items: list[_Resolved]) -> Entity:
        items.sort(key=lambda i: i.order)
        mentions = list(dict.fromkeys(
            EntityMention(i.mention.article, i.mention.start, i.mention.end, i.mention.text)
            for i in items
        ))
        aliases = list(dict.fromkeys(_surface(i.mention.text) for i in items))
        kind, _, value = target.partition(":")
        if kind == "kb":
            actor = self.base.actors[value]
            return Entity(actor.id, actor.name, actor.type, aliases, mentions, actor.country,
                          actor.id)
        if kind == "country":
            name = self.base.country_name(value)
            return Entity(f"country-{value.lower()}", name, "COUNTRY", aliases, mentions, value)
        if kind == "place":
            return self._place_entity(target, value, items, aliases, mentions)
        return Entity(_hashed_id("ent", target), _best_name(items), _cluster_type(items),
                      aliases, mentions)

    def _place_entity(self, target, value, items, aliases, mentions) -> Entity:
        info = self.place_info.get(target)
        if info is not None and info.geonameid is not None:
            entity_id = f"place-{info.geonameid}"
        else:
            entity_id = _hashed_id("place", target)
        name = info.name if info is not None else _best_name(items)
        country = info.country if info is not None else None
        return Entity(entity_id, name, "PLACE", aliases, mentions, country)


# -- offices in the text
@dataclass(frozen=True)
class RoleMention:
    """An office named without its holder's name ("the Russian foreign minister")."""

    mention: Mention
    title: str
    phrase: str
    qualifier: str | None  # "Russian", "UN", "Syria" ... as written


def find_role_mentions(text: str, article: str = "") -> list[RoleMention]:
    """Offices named in running text without the holder's name right after them."""
    pattern, phrase_titles = _title_pattern()
    found = []
    for match in pattern.finditer(text):
        role = _role_at(text, match, phrase_titles, article)
        if role is not None:
            found.append(role)
    return found


def _title_pattern() -> tuple[re.Pattern, dict[str, str]]:
    base = load_actors()
    return _compiled_titles(id(base), tuple(base.titles.values()))


_TITLE_CACHE: dict[int, tuple[re.Pattern, dict[str, str]]] = {}


def _compiled_titles(key: int, titles: tuple[Title, ...]) -> tuple[re.Pattern, dict[str, str]]:
    if key not in _TITLE_CACHE:
        phrase_titles = {p.lower(): t.name for t in titles for p in t.phrases}
        alternation = "|".join(re.escape(p) for p in sorted(phrase_titles, key=len, reverse=True))
        _TITLE_CACHE[key] = (re.compile(rf"\b(?:{alternation})\b", re.IGNORECASE), phrase_titles)
    return _TITLE_CACHE[key]


_BEFORE = re.compile(
    r"(?:(?P<det>\b(?:[Tt]he|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir)\s+))?"
    r"(?P<qual>(?:(?:[A-Z][\w.]*|U\.[SN]\.)(?:['’]s)?\s+){0,3})$"
)
_AFTER_OF = re.compile(r"\s+of\s+(?:the\s+)?(?P<qual>[A-Za-z][\w.]*(?:\s+[A-Z][\w.]*){0,2})")


def _role_at(text: str, match: re.Match, phrase_titles: dict[str, str], article: str):
    start, end = match.start(), match.end()
    if re.match(r"\s+[A-Z][a-z]", text[end:end + 3]) or re.match(r"-\w", text[end:end + 2]):
        return None  # "Secretary of State John Kerry": the name is the mention
    before = _BEFORE.search(text[max(0, start - 80):start])
    if _word_before(text, start - len(before.group(0))) in NOT_CURRENT:
        return None  # "the former foreign minister", "a deputy foreign minister"
    qualifier, span_start = _qualifier_before(before.group("qual"), start)
    after = _AFTER_OF.match(text, end)
    if after:
        qualifier, end = after.group("qual"), after.end()
    if qualifier is None and not before.group("det"):
        return None
    mention = Mention(article, span_start, end, text[span_start:end], "ROLE")
    phrase = match.group(0).lower()
    return RoleMention(mention, phrase_titles[phrase], phrase, qualifier)


def _qualifier_before(words: str, title_start: int) -> tuple[str | None, int]:
    """The longest run of words before an office that names whose office it is."""
    if not words.strip():
        return None, title_start
    tokens = words.split()
    base = load_actors()
    for first in range(len(tokens)):
        candidate = " ".join(tokens[first:])
        if qualifier_code(base, candidate):
            return candidate, title_start - len(words) + words.index(candidate)
    return words.strip(), title_start - len(words)


def qualifier_code(base: ActorBase, qualifier: str) -> str | None:
    """ISO2 code or organisation ("UN", "NATO") an office qualifier names ("Russia's")."""
    plain = re.sub(r"['’]s$", "", qualifier.strip())
    return ORG_QUALIFIERS.get(name_key(plain)) or base.country_code(plain)


def _word_before(text: str, position: int) -> str:
    found = re.search(r"([A-Za-z]+)[\s-]*$", text[max(0, position - 30):position])
    return found.group(1).lower() if found else ""


def _may_use_default(title: Title, phrase: str) -> bool:
    """A one-word office ("the envoy", "the chancellor") is too vague for a default owner."""
    return title.default is not None and " " in phrase.strip().replace("-", " ")


def _nearest_named(state: _ArticleState, targets: list[str], position: int) -> str | None:
    """Of several office holders, the one the article names most, then the one named last."""
    wanted = set(targets)
    counts = Counter(t for _, t in state.named_people if t in wanted)
    if not counts:
        return None
    top = max(counts.values())
    leaders = {t for t, n in counts.items() if n == top}
    if len(leaders) == 1:
        return next(iter(leaders))
    before = [(s, t) for s, t in state.named_people if t in leaders and s < position]
    return max(before)[1] if before else None


# -- mention helpers
def _usable(mentions: Iterable[Mention]) -> list[Mention]:
    seen = set()
    kept = []
    for mention in mentions:
        span = (mention.start, mention.end, mention.text)
        if span in seen or mention.label in IGNORED_LABELS or _is_junk(mention.text):
            continue
        seen.add(span)
        kept.append(mention)
    return kept


def _is_junk(text: str) -> bool:
    surface = _surface(text)
    if not surface or "\n" in text or not any(ch.isalpha() for ch in surface):
        return True
    if len(surface) < 2 or len(surface) > 80:
        return True
    return " " not in surface and surface.islower() and not surface.startswith(("al-", "el-"))


@lru_cache(maxsize=1 << 18)
def _surface(text: str) -> str:
    """The name as written, without surrounding quotes, brackets, markup or a leading 'the'."""
    cleaned = text.strip().strip("\"'“”‘’()[]{}#*_:;,|<>/\\-–")
    cleaned = re.sub(r"(?:['’]s?)$", "", cleaned)
    if cleaned.endswith(".") and cleaned.count(".") == 1:
        cleaned = cleaned[:-1]
    if cleaned[:4].lower() == "the ":
        cleaned = cleaned[4:]
    return " ".join(cleaned.split())


def _split_bare(mentions: list[Mention]) -> tuple[list[Mention], list[Mention]]:
    """Multi-word names first; one-word names wait until the article's full names are known."""
    full, bare = [], []
    for mention in mentions:
        is_bare = len(name_key(mention.text, drop_titles=True).split()) <= 1
        (bare if is_bare else full).append(mention)
    return full, bare


class _Cover:
    """Spans that swallow the mentions inside them ("State" in "Secretary of State")."""

    def __init__(self, spans: list[tuple[int, int]]):
        spans = sorted(spans)
        self.starts = [start for start, _ in spans]
        self.reach = []  # the furthest end of any span starting at or before each start
        for _, end in spans:
            self.reach.append(max(end, self.reach[-1]) if self.reach else end)

    def contains(self, mention: Mention) -> bool:
        position = bisect.bisect_right(self.starts, mention.start) - 1
        return position >= 0 and self.reach[position] >= mention.end


def _office_spans(text: str) -> list[tuple[int, int]]:
    if not text:
        return []
    pattern, _ = _title_pattern()
    return [m.span() for m in pattern.finditer(text) if " " in m.group(0)]


# A group's change of name: "the X, which now calls itself Y", "Y, previously known as X",
# "X, rebranded as Y", "the group known until this week as X".
RENAME_CUE = re.compile(
    r"\b(?:call(?:s|ed|ing)? (?:itself|themselves)|(?:now |previously |formerly |to be |"
    r"would be |will be |be |until \w+ \w+ )?known(?: until \w+ \w+)? as|"
    r"renamed(?: itself)?(?: as)?|changed its name(?: to)?|rebranded(?: itself)?(?: as)?)\b",
    re.IGNORECASE,
)
# "the former al Qaeda affiliate, now rebranded as ...": the affiliate is renamed, not al Qaeda.
_RELATION_AFTER = re.compile(r"\s*(?:affiliate|branch|offshoot|wing|arm|franchise|ally|allies|"
                             r"proxy|proxies|splinter|faction|partner)s?\b", re.IGNORECASE)


def names_a_relation(text: str, name_end: int) -> bool:
    """The name only qualifies a relation noun after it ("al Qaeda affiliate")."""
    return _RELATION_AFTER.match(text, name_end) is not None


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence holding text[start:end], by its end punctuation or line breaks."""
    before = max(text.rfind(mark, 0, start) for mark in (". ", "\n", "? ", "! "))
    after = [i for i in (text.find(mark, end) for mark in (". ", "\n", "? ", "! ")) if i != -1]
    return before + 1, min(after) if after else len(text)


def _overlapping_place(state: _ArticleState, mention: Mention) -> PlaceMention | None:
    position = bisect.bisect_right(state.place_starts, mention.end) - 1
    while position >= 0:
        place = state.places[position]
        overlap = min(place.end, mention.end) - max(place.start, mention.start)
        if overlap > 0 and overlap >= 0.6 * (mention.end - mention.start):
            return place
        if place.start < mention.start - 200:
            break
        position -= 1
    return None


def _used_as_actor(text: str, start: int, end: int) -> bool:
    """"Moscow said", "Washington's reaction", "shot down by Moscow" - not "in Moscow"."""
    if not text:
        return False
    previous = _word_before(text, start)
    if previous in LOCATIVE_WORDS:
        return False
    following = text[end:end + 60]
    if re.match(r"['’]s?\b", following):
        return True
    if previous in WEAK_LOCATIVE_WORDS:
        return False
    next_word = _ACTOR_NEXT.match(following)
    if next_word and (next_word.group(1) in ACTOR_AFTER or next_word.group(1).endswith("ed")):
        return True
    return previous in ACTOR_BEFORE


# The verb after a capital, also past a coordinated name ("Moscow and Damascus have").
_ACTOR_NEXT = re.compile(r"(?:\s+and\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)?\s+([a-z]+)")


def _actor_target(target: str) -> str:
    return target if target.startswith("country:") else f"kb:{target}"


def _initials(text: str) -> str | None:
    words = [w for w in re.split(r"[\s-]+", text) if w and w.lower() not in ACRONYM_STOPWORDS]
    if len(words) < 2 or not all(w[0].isupper() for w in words):
        return None
    return "".join(w[0] for w in words)


def _is_acronym(text: str) -> bool:
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()


def _known_place(text: str) -> bool:
    """Whether a name is a known place (spaCy sm calls "Aleppo" a nationality)."""
    try:
        from manysides.annotate.gazetteer import gazetteer
    except ImportError:
        return False
    gaz = gazetteer()
    return gaz.is_notable_name(text) if hasattr(gaz, "is_notable_name") else bool(
        gaz.candidates(text))


# -- cluster naming and typing
def _best_name(items: list[_Resolved]) -> str:
    counts = Counter(_surface(i.mention.text) for i in items)
    return max(counts, key=lambda name: (len(name.split()), counts[name], name))


def _cluster_type(items: list[_Resolved]) -> str:
    labels = Counter(i.label for i in items)
    if any(i.label == "PERSON" and len(name_key(i.mention.text).split()) > 1 for i in items):
        return "PERSON"
    label = max(labels, key=lambda lab: (labels[lab], lab))
    if label == "PERSON":
        return "PERSON"
    if label in PLACE_LABELS:
        return "PLACE"
    words = {w for i in items for w in name_key(i.mention.text).split()}
    if label == "ORG":
        return "ARMED_GROUP" if words & ARMED_GROUP_CUES else "ORG"
    return "OTHER"


def _hashed_id(prefix: str, target: str) -> str:
    return f"{prefix}-{hashlib.sha1(target.encode('utf-8')).hexdigest()[:12]}"


# -- places
def group_places(annotations: Sequence[Annotation]) -> list[Place]:
    """One Place per GeoNames id (else per name and country) with all its mentions."""
    places: dict[str, Place] = {}
    for annotation in annotations:
        for mention in sorted(annotation.places, key=lambda p: p.start):
            key = _place_key(mention)
            place = places.get(key)
            if place is None:
                place = places[key] = _new_place(key, mention)
            place.mentions.append(
                EntityMention(mention.article, mention.start, mention.end, mention.text)
            )
    return sorted(places.values(), key=lambda p: (-len(p.mentions), p.id))


def _place_key(mention: PlaceMention) -> str:
    if mention.geonameid is not None:
        return f"place:{mention.geonameid}"
    return f"place:{name_key(mention.name)}|{mention.country or ''}"


def _new_place(key: str, mention: PlaceMention) -> Place:
    place_id = (f"place-{mention.geonameid}" if mention.geonameid is not None
                else _hashed_id("place", key))
    return Place(place_id, mention.name, mention.country, mention.lat, mention.lon,
                 mention.geonameid, mention.feature)
