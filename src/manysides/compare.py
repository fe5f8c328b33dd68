"""Compare: what outlets corroborate (claims) and where they contradict each other.

`find_claims` groups the checkable statements of a story's articles; `find_disagreements`
finds numbers, blame, labels and facts that differ across outlets, strongest first.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from manysides import compare_numbers as numbers
from manysides import compare_rebuttals as rebuttals
from manysides import compare_sides as sides
from manysides.compare_context import Context, build_context, evidence, stable_id
from manysides.compare_text import Unit, counts_in, cue, words
from manysides.events import event_to_json
from manysides.link import RENAME_CUE
from manysides.records import Annotation, Article, Entity, Event

STOPWORDS = set("the a an of in on at to for and or but by with from as that this these those "
                "it its is was were are be been has have had said says will would who which "
                "their his her they he she we our after before over into than".split())  # fmt: skip


# ---------------------------------------------------------------- claims
#
# Two clauses of different articles state the same fact when they share its core: a few rare
# words of the story (weighted by how seldom the story's clauses use them), better still a run
# of them in the same order ("bridge over the Ilave River", "re-imposed the siege"), and an
# actor or place; their counts must agree. Clauses that one merged event cites from two outlets
# need less wording in common. Groups grow from the strongest pairs, and two groups join only
# when most of their clauses match across them, so one loose pair cannot chain two facts.

CLAIM_STOPWORDS = STOPWORDS | set(
    "also not no than then there here now just only more most other some any all each both very "
    "about while when where what whom whose can could may might should shall did does do being "
    "told according say including however because since until still even such them us "
    "mr mrs ms one two three many much several between against during within without among "
    "through ago out under over off again back way part time times day days week weeks month "
    "months year years city town area areas place people thing things last first next new "
    "early earlier late later long high end make made take took get got come came went going "
    "know known see seen seem use used help left right well like put set show found must "
    "become became".split())  # fmt: skip
SYNONYMS = {"agreement": "deal", "accord": "deal", "pact": "deal", "truce": "ceasefir",
            "cease-fir": "ceasefir", "air": "", "bomb": "strike", "airstrik": "strike",
            "rebrand": "renam", "dead": "kill", "die": "kill", "death": "kill"}  # fmt: skip
CALENDAR = set("monday tuesday wednesday thursday friday saturday sunday january february march "
               "april june july august september october november december".split())  # fmt: skip
PAIR_SHARE = 0.5  # weighted share of the smaller clause two clauses must have in common
CORE_WORDS = 3.0  # weight of a shared core, in just-rare words, with an actor or place in common
EVENT_CORE = 1.0  # the weight that suffices when one merged event cites both clauses
RARE_SHARE = 0.04  # a word in at most this share of a story's clauses (at least 3) is rare
ARTICLE_REPEATS = 1.5  # ... or in at most this many clauses per article of the story
GROUP_LINK = 0.5  # share of clause pairs across two groups that must match for them to join
WIDEN_LINK = 0.6  # share of a group a clause of another group must match to join it as well
SAME_GROUP = 0.75  # share of a group's clauses in a larger group that makes it a repeat of it
MAX_EVENT_EVIDENCE = 40  # an event citing more clauses than this is too loose to link them


@dataclass(frozen=True)
class _Clause:
    """A clause as the claim matcher sees it."""

    unit: Unit
    story: str | None
    stems: frozenset[str]
    names: frozenset[str]  # the stems that are words of a name: the anchors speak for them
    runs: frozenset[tuple[str, str]]  # neighbouring content stems: word order kept
    anchors: frozenset[str]  # entity groups, places and years it names
    counts: frozenset[tuple[str, int]]  # (what is counted, value)
    strong: bool  # the outlet's own checkable statement, not a quote, an aside or a guess

    @property
    def key(self) -> tuple[str, int]:
        return (self.unit.article, self.unit.start)


def find_claims(articles: Sequence[Article], annotations: Sequence[Annotation],
                entities: Sequence[Entity], events: Sequence[dict | Event],
                story_of: Mapping[str, str]) -> list[dict]:
    """The checkable statements of each story, grouped across the articles that make them."""
    context = build_context(articles, annotations, entities, story_of)
    groups = _group_clauses(context, [_as_dict(e) for e in events])
    claims = [_claim(context, group) for group in groups]
    claims.sort(key=lambda c: (-c["independent_sources"], c["story"], c["id"]))
    return claims


def _as_dict(event: dict | Event) -> dict:
    return event if isinstance(event, dict) else event_to_json(event, {})


def _checkable(unit: Unit, named: bool = False) -> bool:
    text = unit.text.strip()
    if text.endswith("?") or len(words(text)) < 5 or unit.quoted:
        return False
    if re.search(r"\b(?:I|we|my|our|me)\b", text) or cue("hypothetical_cues").search(text):
        return False
    # a number or a name ("Carter opposed the deal": a name the entity stage found counts too)
    return named or bool(re.search(r"\d|[a-z]\s+[A-Z][a-z]", text))


def _usable(unit: Unit) -> bool:
    """A clause that may support a claim others state: a quote or a first-person account may
    repeat a fact, a question or a forecast does not."""
    text = unit.text.strip()
    if text.endswith("?") or len(words(text)) < 4:
        return False
    return not re.search(r"\b(?:if|might|could|may)\b", text, re.IGNORECASE)


def _clauses(context: Context) -> dict[tuple[str, int], _Clause]:
    places = _place_spans(context)
    found = {}
    for article_id, units in context.clauses.items():
        spans = context.spans.get(article_id, []) + places.get(article_id, [])
        for unit in units:
            usable = _usable(unit) and not _copied(context, unit)
            clause = _clause(context, unit, spans) if usable else None
            if clause is not None:
                found[clause.key] = clause
    return found


def _clause(context: Context, unit: Unit, spans: list[tuple[int, int, str]]) -> _Clause | None:
    ordered, names = _content_words(unit, spans)
    if len(set(ordered)) < 2:
        return None
    inside = [ident for s, e, ident in spans if s < unit.end and e > unit.start]
    anchors = {context.group(i) if i in context.entities else i for i in inside}
    anchors |= {f"name:{stem}" for stem in names}  # a name the entity stage left unlinked
    anchors |= {f"year:{y}" for y in re.findall(r"\b(?:19|20)\d\d\b", unit.text)}
    return _Clause(unit, context.story_of.get(unit.article), frozenset(ordered),
                   frozenset(names), frozenset(zip(ordered, ordered[1:], strict=False)),
                   frozenset(anchors), _counts(unit), _checkable(unit, bool(inside)))  # fmt: skip


def _copied(context: Context, unit: Unit) -> bool:
    """A clause a copy takes word for word from its original: it joins its twin's claims."""
    original = context.articles.get(context.articles[unit.article].copy_of or "")
    return original is not None and unit.text in original.text


def _with_copies(context: Context, group: list[Unit]) -> list[Unit]:
    """The group with the same clause of every copy of its articles."""
    copies: dict[str, list[str]] = defaultdict(list)
    for article in context.articles.values():
        if article.copy_of:
            copies[article.copy_of].append(article.id)
    twins = [twin for unit in group for copy in copies.get(unit.article, [])
             for twin in context.clauses.get(copy, []) if twin.text == unit.text]  # fmt: skip
    return group + twins


def _place_spans(context: Context) -> dict[str, list[tuple[int, int, str]]]:
    spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for article_id, annotation in context.annotations.items():
        for place in annotation.places:
            ident = place.geonameid or place.name.lower()
            spans[article_id].append((place.start, place.end, f"place:{ident}"))
    return spans


def _content_words(unit: Unit, spans: list[tuple[int, int, str]]) -> tuple[list, set]:
    """Content words in text order, cut to a rough stem ("re-imposed the siege" and
    "re-imposing the siege" say the same thing), and the stems that belong to a name."""
    ordered, names = [], set()
    for match in re.finditer(r"[A-Za-z0-9]+(?:[-'][A-Za-z0-9]+)*", unit.text):
        word = match.group().lower()
        if word in CLAIM_STOPWORDS or len(word) <= 2 or _is_count(word):
            continue  # counts are compared as counts, not as words
        stem = _stem(word)
        ordered.append(stem)
        start = unit.start + match.start()
        titled = match.group()[0].isupper() and match.start() > 0 and word not in CALENDAR
        if titled or any(s <= start < e for s, e, _ in spans):
            names.add(stem)
    return ordered, names


def _is_count(word: str) -> bool:
    return word.isdigit() and not re.fullmatch(r"(?:19|20)\d\d", word)


def _content(text: str) -> set[str]:
    return {s for w in words(text) if w not in CLAIM_STOPWORDS and len(w) > 2 and (s := _stem(w))}


def _stem(word: str) -> str:
    word = word.removesuffix("'s")
    for suffix, replacement in (("ations", "at"), ("ation", "at"), ("itions", ""), ("ition", ""),
                                ("ments", ""), ("ment", ""), ("ings", ""), ("ing", ""),
                                ("ied", "y"), ("ies", "y"), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)] + replacement
            break
    word = word[:-1] if word.endswith("e") and len(word) > 4 else word
    word = word[:8]
    return SYNONYMS.get(word, word)


def _counts(unit: Unit) -> frozenset[tuple[str, int]]:
    """The clause's counts keyed by what they count: the dead, the displaced, "trucks"."""
    facts = {(f.count.start - unit.start): f.kind for f in numbers.count_facts(unit, None)}
    return frozenset((facts.get(c.start) or c.noun or "", c.value) for c in counts_in(unit.text)
                     if c.value is not None and c.value > 1)  # fmt: skip


def _counts_agree(a: _Clause, b: _Clause) -> bool:
    """Counts of the same thing must share a value; counts of different things do not clash."""
    mine: dict[str, set[int]] = defaultdict(set)
    for what, value in a.counts:
        mine[what].add(value)
    theirs: dict[str, set[int]] = defaultdict(set)
    for what, value in b.counts:
        theirs[what].add(value)
    return all(mine[w] & theirs[w] for w in mine.keys() & theirs.keys())


class _Weights:
    """How rare each stem and each run of two stems is among a story's clauses."""

    def __init__(self, clauses: Sequence[_Clause]):
        self.size = max(len(clauses), 1)
        self.stems = Counter(s for c in clauses for s in c.stems)
        self.runs = Counter(r for c in clauses for r in c.runs)
        # the words of a fact many outlets report recur once an article: still rare
        articles = len({c.unit.article for c in clauses})
        self.rare_limit = max(3, RARE_SHARE * self.size, ARTICLE_REPEATS * articles)
        # pairs are scored many times over: each weight and each clause's mass once
        self._stem_weights: dict[str, float] = {}
        self._run_weights: dict[tuple[str, str], float] = {}
        self._masses: dict[int, float] = {}

    def stem(self, stem: str) -> float:
        weight = self._stem_weights.get(stem)
        if weight is None:
            weight = math.log((self.size + 1) / (self.stems[stem] + 0.5))
            self._stem_weights[stem] = weight
        return weight

    def run(self, run: tuple[str, str]) -> float:
        weight = self._run_weights.get(run)
        if weight is None:
            weight = math.log((self.size + 1) / (self.runs[run] + 0.5))
            self._run_weights[run] = weight
        return weight

    def rare(self, stem: str) -> bool:
        return self.stems[stem] <= self.rare_limit

    def core(self, stems: Iterable[str], runs: Iterable[tuple[str, str]]) -> float:
        """The weight of shared words in units of a just-rare word's weight."""
        unit = math.log((self.size + 1) / (self.rare_limit + 0.5))
        mass = sum(self.stem(s) for s in stems)
        mass += sum(self.run(r) for r in runs if r[0] in stems or r[1] in stems) / 2
        return mass / unit if unit > 0 else 0.0

    def mass(self, clause: _Clause, stems=None, runs=None) -> float:
        """Names count half: the anchors already stand for them."""
        if stems is None and runs is None:
            mass = self._masses.get(id(clause))
            if mass is None:
                mass = self._masses[id(clause)] = self.mass(clause, clause.stems, clause.runs)
            return mass
        stems = clause.stems if stems is None else stems
        runs = clause.runs if runs is None else runs
        return (sum(self.stem(s) * (0.5 if s in clause.names else 1.0) for s in stems)
                + sum(self.run(r) for r in runs) / 2)  # fmt: skip


def _pair_score(a: _Clause, b: _Clause, weights: _Weights, linked: bool,
                same_doer: bool = False) -> float:
    """How surely two clauses state one fact (0 when they do not): a shared core of rare words
    that are not names, weighted by rarity, runs of them counting extra, about an actor, a
    place or a year both name."""
    if not _counts_agree(a, b):
        return 0.0
    shared, runs = a.stems & b.stems, a.runs & b.runs
    share = weights.mass(a, shared, runs) / (min(weights.mass(a), weights.mass(b)) or 1.0)
    own = shared - a.names - b.names
    core, rare = weights.core(own, runs), sum(weights.rare(s) for s in own)
    if a.anchors & b.anchors:
        strong_core = rare >= 2 and core >= CORE_WORDS
    else:
        strong_core = rare >= 3 and core >= CORE_WORDS + 1
    close = share >= PAIR_SHARE and len(own) >= 3
    shared_anchor = bool(a.anchors & b.anchors)
    via_event = linked and ((same_doer and bool(own))
                            or (rare >= 1 and core >= EVENT_CORE and shared_anchor))
    if not (strong_core or close or via_event):
        return 0.0
    return round(share + 0.1 * core + 0.2 * linked, 4)


def _group_clauses(context: Context, events: list[dict]) -> list[list[Unit]]:
    """Clauses of different articles that state one fact, per story, best matches first."""
    clauses = _clauses(context)
    links = _event_links(context, events, clauses)
    by_story: dict[str | None, list[_Clause]] = defaultdict(list)
    for clause in clauses.values():
        by_story[clause.story].append(clause)
    groups = []
    for story in sorted(by_story, key=str):
        members = sorted(by_story[story], key=lambda c: c.key)
        scores = _scored_pairs(members, _Weights(members), links)
        groups += _grow(scores, clauses)
    groups = _with_renames(groups, _rename_groups(context, clauses))
    grouped = {key for group in groups for key in group}
    groups += [{key} for key, clause in clauses.items() if clause.strong and key not in grouped]
    return [_with_copies(context, [clauses[k].unit for k in sorted(g)]) for g in groups
            if any(clauses[k].strong for k in g)]  # fmt: skip


RENAMEABLE = frozenset({"ARMED_GROUP", "ORG"})


def _rename_groups(context: Context, clauses: dict) -> list[set[tuple]]:
    """Clauses of several articles that state one group's change of name ("will call itself
    Fuerza Wayra", "known until this week as the Southern Liberation Front"): one fact, however
    differently worded, about the group the clause names first."""
    by_group: dict[tuple, set[tuple]] = defaultdict(set)
    for key, clause in clauses.items():
        cue_found = None if clause.unit.quoted else RENAME_CUE.search(clause.unit.text)
        renamed = cue_found and _named_next_to(context, clause.unit, cue_found)
        if renamed:
            by_group[(clause.story, renamed)].add(key)
    return [keys for keys in by_group.values() if len({article for article, _ in keys}) >= 2]


def _named_next_to(context: Context, unit: Unit, cue_found: re.Match) -> str | None:
    """The group named nearest a rename cue: the one renamed, whatever else the clause names."""
    start, end = unit.start + cue_found.start(), unit.start + cue_found.end()
    named = [(max(s - end, start - e), eid) for s, e, eid in context.spans.get(unit.article, [])
             if unit.start <= s < unit.end and context.entities[eid].type in RENAMEABLE]
    return context.group(min(named)[1]) if named else None


def _with_renames(groups: list[set[tuple]], renames: list[set[tuple]]) -> list[set[tuple]]:
    """The rename facts as claims of their own, in place of the claims they hold entirely; a
    clause that also states another fact stays in that fact's claim too."""
    for rename in renames:
        groups = [g for g in groups if not g <= rename] + [rename]
    return groups


def _event_links(context: Context, events: list[dict], clauses) -> dict[frozenset, set[str]]:
    """Pairs of clauses of two articles that one merged event cites as its evidence, with the
    entity groups of the doers such events name."""
    links: dict[frozenset, set[str]] = {}
    for event in events:
        evidence = event.get("evidence", [])
        if event.get("hypothetical") or len(evidence) > MAX_EVENT_EVIDENCE:
            continue
        doers = {context.group(a) if a in context.entities else a for a in event.get("actor", [])}
        keys = {key for item in evidence if (key := _unit_key(context, item)) in clauses}
        for pair in {frozenset((a, b)) for a in keys for b in keys if a[0] < b[0]}:
            links.setdefault(pair, set()).update(doers)
    return links


def _unit_key(context: Context, item: dict) -> tuple | None:
    start = item.get("start")
    for unit in context.clauses.get(item.get("article", ""), []):
        if start is not None and unit.start <= start + 2 and start < unit.end:
            return (unit.article, unit.start)
    return None


def _scored_pairs(members: list[_Clause], weights: _Weights,
                  links: Mapping[frozenset, set[str]]) -> dict:
    """Matching pairs of clauses of different articles, found through an index of their
    rarer words, so clauses that share none are never compared."""
    index: dict[str, list[_Clause]] = defaultdict(list)
    limit = max(weights.rare_limit, 0.1 * weights.size)
    for clause in members:
        for stem in clause.stems:
            if weights.stems[stem] <= limit:
                index[stem].append(clause)
    scores: dict[frozenset, float] = {}
    for clause in members:
        shared: Counter = Counter()
        found: dict[tuple, _Clause] = {}
        for stem in clause.stems:
            for other in index.get(stem, ()):
                if other.key > clause.key and other.unit.article != clause.unit.article:
                    shared[other.key] += 1
                    found[other.key] = other
        for key, other in found.items():
            pair = frozenset((clause.key, key))
            doers = links.get(pair)
            linked = doers is not None
            if shared[key] < 2 and not linked:
                continue  # one rarer word in common: no core, and too little to be "close"
            # "Carter opposed the deal", "Carter asserted his opposition to the plan": one
            # merged event whose doer both clauses name needs no rare word in common
            same_doer = bool(doers and doers & clause.anchors & other.anchors)
            score = _pair_score(clause, other, weights, linked, same_doer)
            if score > 0:
                scores[pair] = score
    return scores


def _grow(scores: dict[frozenset, float], clauses: dict) -> list[set[tuple]]:
    """Groups grown from the best pairs down, one clause per article, joined only when most
    clause pairs across them match; then each group takes in, from every article it lacks,
    the clause that matches most of it (a clause may so state two facts)."""
    groups: list[set[tuple]] = []
    owner: dict[tuple, int] = {}
    for pair in sorted(scores, key=lambda p: (-scores[p], sorted(p))):
        a, b = sorted(pair)
        homes = [owner.get(a), owner.get(b)]
        if homes == [None, None]:
            owner[a] = owner[b] = len(groups)
            groups.append({a, b})
            continue
        into, other = (homes[0], b) if homes[0] is not None else (homes[1], a)
        joining = {other} if owner.get(other) is None else groups[owner[other]]
        if into == owner.get(other) or not _may_join(groups[into], joining, scores):
            continue
        groups[into] |= joining
        for key in joining:
            owner[key] = into
        if len(joining) > 1:
            joining.clear()  # emptied: its clauses now live in the other group
    groups = [_pruned(g, scores) for g in groups if g]
    return _distinct([_widen(g, scores) for g in groups if len(g) > 1])


def _pruned(group: set[tuple], scores: dict) -> set[tuple]:
    """The group without clauses that match too few of the others: a clause that joined early,
    through members that state two facts at once, belongs to the other fact."""
    kept = set(group)
    for key in sorted(group):
        others = kept - {key}
        if others and sum(frozenset((key, o)) in scores for o in others) < _needed(len(others)):
            kept.discard(key)
    return kept


def _may_join(group: set[tuple], joining: set[tuple], scores: dict) -> bool:
    if {k[0] for k in group} & {k[0] for k in joining}:
        return False
    matched = sum(frozenset((a, b)) in scores for a in group for b in joining)
    return matched >= _needed(len(group) * len(joining), len(joining) == 1)


def _needed(pairs: int, one_clause: bool = True) -> int:
    """Matches needed among so many clause pairs: all of two; of a clause joining a group,
    WIDEN_LINK of the group; of two groups joining, GROUP_LINK of the pairs across."""
    share = WIDEN_LINK if one_clause else GROUP_LINK
    return min(pairs, max(2, math.ceil(share * pairs)))


def _widen(group: set[tuple], scores: dict) -> set[tuple]:
    articles = {k[0] for k in group}
    candidates: dict[str, dict[tuple, float]] = defaultdict(dict)
    for pair, score in scores.items():
        inside = pair & group
        if len(inside) == 1:
            (outside,) = pair - group
            if outside[0] not in articles:
                bucket = candidates[outside[0]]
                bucket[outside] = bucket.get(outside, 0.0) + score
    widened = set(group)
    for bucket in candidates.values():
        best = max(sorted(bucket), key=lambda k: bucket[k])
        matched = sum(frozenset((best, k)) in scores for k in group)
        if matched >= _needed(len(group)):
            widened.add(best)
    return widened


def _distinct(groups: list[set[tuple]]) -> list[set[tuple]]:
    """Groups that are not mostly another, larger group over again."""
    kept: list[set[tuple]] = []
    for group in sorted(groups, key=lambda g: (-len(g), sorted(g))):
        if not any(len(group & other) >= SAME_GROUP * len(group) for other in kept):
            kept.append(group)
    return kept


def _claim(context: Context, group: list[Unit]) -> dict:
    articles = list(dict.fromkeys(u.article for u in group))
    attributed = [{"article": u.article, "source": _source(u.text) or ("quoted" if u.quoted
                   else None)} for u in group if _source(u.text) or u.quoted]  # fmt: skip
    hedged = list(dict.fromkeys(u.article for u in group if cue("hedge_cues").search(u.text)))
    cited = {u.article: outlet for u in group
             if (outlet := context.cited_outlet(u.article, u.text))}  # fmt: skip
    return {
        "id": stable_id("cl", *sorted((u.article, u.start) for u in group)),
        "story": context.story_of.get(articles[0]),
        "text": _neutral(_spokesman(group).text),
        "supported_by": articles,
        "attributed_by": attributed,
        "hedged_by": hedged,
        "contradicted_by": [],
        "independent_sources": len({cited.get(a) or context.outlet(a) for a in articles}),
        "cited_outlets": [{"article": a, "outlet": o} for a, o in cited.items()],
        "evidence": [evidence(context, u.article, u.start, u.end) for u in group],
    }  # fmt: skip


def _spokesman(group: list[Unit]) -> Unit:
    """The clause that states the claim: the outlets' own checkable words, the one sharing
    most words with the others, shorter on a tie."""
    own = [u for u in group if _checkable(u)] or group
    stems = {(u.article, u.start): _content(u.text) for u in group}

    def agreement(unit: Unit) -> float:
        return sum(len(stems[(unit.article, unit.start)] & stems[(o.article, o.start)])
                   for o in group if o is not unit)

    return max(own, key=lambda u: (agreement(u) / (1 + len(stems[(u.article, u.start)])) ** 0.5,
                                   -len(u.text)))  # fmt: skip


_ATTRIBUTION = re.compile(
    r",?\s*(?:according to ([^,.;]+)|"
    r"((?:[A-Z][\w.'-]*\s?|the\s|two\s|local\s|UN\s)[\w\s.'-]{0,60}?)"
    r"\s+(?:said|say|says|told \w+|reported|announced))\s*[.,]?\s*$"
)


def _source(text: str) -> str | None:
    match = _ATTRIBUTION.search(text.strip())
    if match:
        return (match.group(1) or match.group(2) or "").strip()
    return None


def _neutral(text: str) -> str:
    """The clause without its trailing attribution ("..., officials said.")."""
    stripped = _ATTRIBUTION.sub("", text.strip()).strip(" ,")
    stripped = re.sub(r"^[A-Z][A-Z ,]+(?:\([^)]*\))?\s+—\s+", "", stripped)  # dateline
    return (stripped or text.strip()).rstrip(".") + "."


# ---------------------------------------------------------------- disagreements

def find_disagreements(articles: Sequence[Article], annotations: Sequence[Annotation],
                       entities: Sequence[Entity], events: Sequence[dict | Event],
                       claims: Sequence[dict], story_of: Mapping[str, str]) -> list[dict]:
    """Numbers, blame, labels and facts that differ across a story's outlets, strongest first.

    Marks the claims whose evidence sits on a losing side as `contradicted_by` the other side.
    """
    context = build_context(articles, annotations, entities, story_of)
    sides.merge_renamed(context)
    found = []
    for story, article_ids in sorted(context.stories().items()):
        labels = sides.story_labels(context, article_ids)
        found += _number_disagreements(context, story, article_ids)
        found += _blame_disagreements(context, story, article_ids, labels)
        found += _label_disagreements(context, story, labels)
        found += _fact_disagreements(context, story, article_ids)
        found += _rebuttal_disagreements(context, story, article_ids)
    found.sort(key=lambda d: (-d["strength"], d["kind"], d["id"]))
    _mark_contradictions(claims, found)
    return found


def _outlets(context: Context, articles) -> list[str]:
    return list(dict.fromkeys(context.outlet(a) for a in articles))


def _disagreement(context: Context, story: str, kind: str, topic: str,
                  positions: list[dict]) -> dict | None:
    """The record, or None when fewer than two outlets, or two voices one outlet quotes, take
    different positions."""
    positions = [p for p in positions if p["articles"]]
    outlets = {context.outlet(a) for p in positions for a in p["articles"]}
    holders = {(context.outlet(a), p.get("voice")) for p in positions for a in p["articles"]}
    if len(positions) < 2 or len(holders) < 2:
        return None
    for position in positions:
        position["outlets"] = _outlets(context, position["articles"])
    opposed = [p for p in positions
               if any(not set(p["outlets"]) & set(q["outlets"]) for q in positions if q is not p)]
    strength = len(opposed) + 0.1 * len(outlets)
    return {"id": stable_id("dis", story, kind, topic), "story": story, "topic": topic,
            "kind": kind, "positions": positions, "strength": round(strength, 2),
            "same_outlet_only": not opposed}  # fmt: skip


def _number_disagreements(context: Context, story: str, article_ids: list[str]) -> list[dict]:
    units = [u for a in article_ids for u in context.clauses.get(a, [])]
    facts = [f for u in units
             for f in numbers.count_facts(u, context.dates.get((u.article, u.start)))]  # fmt: skip
    facts += [f for u in units for f in numbers.length_facts(u)]
    found = []
    for scope in numbers.scopes(facts):
        for band in numbers.magnitude_bands(numbers.value_groups(scope)):
            record = _number_record(context, story, band)
            if record:
                found.append(record)
    return found


def _number_record(context: Context, story: str, band) -> dict | None:
    if len(band) < 2:
        return None
    kind, date = band[0][0].kind, band[0][0].date
    positions = [{"articles": list(dict.fromkeys(f.article for f in group)),
                  "position": _position_text(group), "value": _value(group),
                  "evidence": [evidence(context, f.article, f.unit.start, f.unit.end)
                               for f in group]} for group in band]  # fmt: skip
    topic = numbers.topic(kind) + (f" on {date}" if date else "")
    return _disagreement(context, story, "number", topic, positions)


def _value(group) -> int:
    return max(group, key=lambda f: len(f.components)).value


def _position_text(group) -> str:
    kind = group[0].kind
    if kind.endswith(numbers.LENGTH_SUFFIX):
        return numbers.length_text(group[0])
    return f"{_value(group):,} {kind}"


def _blame_disagreements(context, story, article_ids, labels) -> list[dict]:
    by_topic: dict[str, list] = defaultdict(list)
    for blame in sides.story_blames(context, article_ids, labels):
        by_topic[blame.topic].append(blame)
    found = []
    for topic, blames in by_topic.items():
        kept = _own_first(blames)
        by_side: dict[str, list] = defaultdict(list)
        for blame in kept:
            by_side[blame.blamed].append(blame)
        positions = [{"articles": list(dict.fromkeys(b.article for b in group)),
                      "position": _blamed_name(context, side, group), "blamed": side,
                      "evidence": [evidence(context, b.article, b.unit.start, b.unit.end)
                                   for b in group]} for side, group in by_side.items()]  # fmt: skip
        record = _disagreement(context, story, "blame", sides.blame_question(topic), positions)
        if record:
            found.append(record)
    return found


def _own_first(blames: list) -> list:
    """Per article, its own account when it gives one, else the accounts it reports."""
    by_article: dict[str, list] = defaultdict(list)
    for blame in blames:
        by_article[blame.article].append(blame)
    kept = []
    for group in by_article.values():
        own = [b for b in group if b.own]
        kept += own or group
    return kept


def _blamed_name(context: Context, side: str, blames: list) -> str:
    """The side's name; an unnamed group keeps the outlets' own words for it ("the US-backed
    jihadists"), since its referent's name is ours."""
    if side.startswith("each side") or side == sides.ALL_SIDES:
        return side
    if sides.is_collective(side):
        return f"{blames[0].blamed_text} ({context.side_name(side)})"
    return context.side_name(side)


def _label_disagreements(context: Context, story: str, labels) -> list[dict]:
    """Actors the outlets describe with different stances, at least one of them evaluative
    ("terrorist" against "rebel"); jobs and biographies ("former army engineer") are no stance."""
    by_entity: dict[str, list] = defaultdict(list)
    for label in labels:
        by_entity[label.entity].append(label)
    found = []
    for entity_id, entity_labels in by_entity.items():
        stances = sides.stances(entity_labels, context.outlet)
        if len(stances) < 2 or not any(stance.loaded for stance in stances):
            continue
        positions = [_stance_position(context, stance) for stance in stances]
        topic = f"how {context.name(entity_id)} is described"
        record = _disagreement(context, story, "characterisation", topic, positions)
        if record:
            # an unnamed group is no entity of analysis.json: it is named, not linked
            collective = sides.is_collective(entity_id)
            record["entity"] = None if collective else entity_id
            if collective:
                record["referent"] = context.name(entity_id)
            found.append(record)
    return found


def _stance_position(context: Context, stance) -> dict:
    return {"articles": list(dict.fromkeys(lab.article for lab in stance.uses)),
            "position": _as_written(context, stance.label, stance.uses), "loaded": stance.loaded,
            "forms": sorted({_as_written(context, lab.label, [lab]) for lab in stance.uses}),
            "evidence": [_label_evidence(context, lab) for lab in stance.uses]}  # fmt: skip


def _as_written(context: Context, phrase: str, uses) -> str:
    """The label with the capitals its outlets wrote ("US-backed jihadist", "former al Qaeda
    affiliate"), though labels are compared in lower case; a capital only opening a sentence
    is not kept."""
    capitals: dict[str, str] = {}
    for lab in uses:
        text = context.articles[lab.article].text
        start = lab.written_start if lab.written_start >= 0 else lab.start
        opens = re.search(r"(?:^|[.!?\n][\"'\u201d\u2019]?)\s*$", text[max(0, start - 3) : start])
        for index, match in enumerate(re.finditer(r"[\w'-]+", text[start : lab.end])):
            word = match.group()
            if word != word.lower() and (index > 0 or not opens):
                capitals[word.lower()] = word
    return " ".join(capitals.get(word, word) for word in phrase.split())


def _label_evidence(context: Context, label) -> dict:
    for unit in context.clauses.get(label.article, []):
        if unit.start <= label.start < unit.end:
            return evidence(context, label.article, unit.start, unit.end)
    return evidence(context, label.article, label.start, label.end)


def _fact_disagreements(context: Context, story: str, article_ids: list[str]) -> list[dict]:
    occurrences = sides.story_occurrences(context, article_ids)
    found = []
    denied = [o for o in occurrences if not o.happened]
    for event in {o.event for o in denied}:
        said_no = [o for o in denied if o.event == event]
        actors = frozenset().union(*(o.actors for o in said_no))
        said_yes = [o for o in occurrences if o.happened and o.event == event
                    and len(o.actors & actors) >= min(2, len(actors))
                    and o.article not in {n.article for n in said_no}]  # fmt: skip
        positions = [_fact_position(context, said_yes, "took place"),
                     _fact_position(context, said_no, "did not take place (called off)")]
        names = " and ".join(sorted(context.name(a) for a in actors))
        record = _disagreement(context, story, "fact", f"whether the {event} between {names} "
                               "took place", positions)  # fmt: skip
        if record:
            found.append(record)
    return found


def _fact_position(context: Context, occurrences, text: str) -> dict:
    return {"articles": list(dict.fromkeys(o.article for o in occurrences)), "position": text,
            "evidence": [evidence(context, o.article, o.unit.start, o.unit.end)
                         for o in occurrences]}  # fmt: skip


def _rebuttal_disagreements(context: Context, story: str, article_ids: list[str]) -> list[dict]:
    found = []
    claimed = rebuttals.story_rebuttals(context, article_ids)
    for group in rebuttals.by_claim(claimed).values():
        claims = list(dict.fromkeys(r.claim for r in group))
        answers = list(dict.fromkeys(r.answer for r in group))
        by_voice: dict[str | None, list] = defaultdict(list)
        for answer in answers:
            by_voice[answer.voice].append(answer)
        claimant = group[0].claimant_name
        positions = [_voice_position(context, claims, claimant)]
        positions += [_voice_position(context, said, voice) for voice, said in by_voice.items()]
        possessive = claimant + ("'" if claimant.endswith("s") else "'s")
        topic = f"{possessive} claim about {group[0].subject_name}"
        record = _disagreement(context, story, "fact", topic, positions)
        if record:
            found.append({**record, "claimant": claimant})
    return found


def _voice_position(context: Context, statements: list, voice: str | None) -> dict:
    """A side held by a quoted voice (or, with no voice, by the outlet), in its own words."""
    first = statements[0]
    said = context.articles[first.article].text[first.start : first.end].strip()
    units = [u for u in (rebuttals.unit_of(context, s) for s in statements) if u]
    return {"articles": list(dict.fromkeys(s.article for s in statements)),
            "position": re.sub(r"^that\s+", "", said).strip("\"\u201c\u201d ,"), "voice": voice,
            "evidence": [evidence(context, u.article, u.start, u.end) for u in units]}  # fmt: skip


STATES_CLAIM = 0.6  # share of a claim's words a disputed sentence holds when it states the claim


def _mark_contradictions(claims: Sequence[dict], disagreements: list[dict]) -> None:
    """A claim is contradicted by the other sides' articles when a disputed number, blame or
    fact rests on a sentence that states the claim itself, not merely one of its members."""
    where: dict[tuple, list[dict]] = defaultdict(list)
    for claim in claims:
        for item in claim.get("evidence", []):
            where[(item["article"], item["start"])].append(claim)
    for record in disagreements:
        if record["kind"] == "characterisation":
            continue  # calling a group "rebels" or "jihadists" contests no fact the clause states
        for position in record["positions"]:
            others = [a for p in record["positions"] if p is not position for a in p["articles"]]
            for item in position["evidence"]:
                for claim in where.get((item["article"], item["start"]), []):
                    if _states(item["text"], claim["text"]):
                        against = [a for a in others if a not in claim["supported_by"]]
                        claim["contradicted_by"] = list(
                            dict.fromkeys(claim["contradicted_by"] + against))


def _states(sentence: str, claim_text: str) -> bool:
    wanted = _content(claim_text)
    return bool(wanted) and len(wanted & _content(sentence)) >= STATES_CLAIM * len(wanted)
