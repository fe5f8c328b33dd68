"""Labels, blame and disputed occurrences, from annotate's label and blame-cue records."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from manysides.annotate.labels import OFFICE_TITLES
from manysides.compare_context import Context, stable_id
from manysides.compare_text import Unit, _in_quotes, cue, lexicon, phrase_pattern
from manysides.framing import is_loaded, neutral_term
from manysides.link import RENAME_CUE, names_a_relation
from manysides.records import BlameCue, Entity, Label

NOT_BARE = {"government", "administration", "authorities", "volunteer", "armed group",
            "criminal", "resistance"}  # fmt: skip
GENERIC = {"party", "parties", "hostility", "side", "group", "member", "part", "one", "people",
           "statement", "video", "report", "spokesman", "spokesperson"}
TOKEN = re.compile(r"\w+|[^\w\s]")  # roughly spaCy's tokens, to count words


@dataclass(frozen=True)
class ActorLabel:
    """A label phrase one article applies to one actor (group), at the label noun's offsets."""

    article: str
    entity: str
    label: str
    start: int
    end: int
    written_start: int = -1  # where the label as written begins ("pro-government militia")
    relation: str = "bare"  # annotate's relation, or "bare" for a label used instead of a name


# ---------------------------------------------------------------- entity groups

def merge_renamed(context: Context) -> None:
    """One group for an actor and its new name, or its name with a label noun after it."""
    for clauses in context.clauses.values():
        for unit in clauses:
            for match in RENAME_CUE.finditer(unit.text):
                _merge_around(context, unit, unit.start + match.start(), unit.start + match.end())
    names = {e.name.lower(): e.id for e in context.entities.values()}
    for entity in context.entities.values():
        head, _, last = entity.name.lower().rpartition(" ")
        if head in names and last in lexicon()["labels"]:
            _union(context, names[head], entity.id)


def _merge_around(context: Context, unit: Unit, cue_start: int, cue_end: int) -> None:
    """The last group named before a rename cue and the first named after it are one actor."""
    kinds = ("ARMED_GROUP", "ORG", "PLACE")
    spans = [(s, e, eid) for s, e, eid in context.spans.get(unit.article, [])
             if unit.start <= s < unit.end and context.entities[eid].type in kinds]
    text = context.articles[unit.article].text
    before = [eid for s, e, eid in spans if e <= cue_start and not names_a_relation(text, e)]
    after = [eid for s, e, eid in spans if s >= cue_end]
    if before and after:
        _union(context, before[-1], after[0])


def _union(context: Context, a: str, b: str) -> None:
    a, b = context.group(a), context.group(b)
    if a == b:
        return
    keep, drop = sorted((a, b), key=lambda e: -len(context.entities[e].mentions))
    context.merged[drop] = keep


# ---------------------------------------------------------------- labels

# The order the relations were read in when compare walked the parse itself; votes between
# equally frequent labels are settled by it.
RELATION_ORDER = ("apposition", "apposition_to", "compound", "premodifier", "of", "predicate",
                  "described_as")  # fmt: skip
NEEDS_FAMILY = {"compound", "of"}  # "Nusra fighters", "leader of Nusra": only known label words


def attached_labels(context: Context, article_id: str) -> list[ActorLabel]:
    """Labels the article applies to a named actor: appositions, premodifiers, "X of Y",
    predicate nominals and "described X as Y" (found by annotate, matched here by offsets)."""
    annotation = context.annotations.get(article_id)
    candidates = annotation.labels if annotation else []
    text = context.articles[article_id].text
    found: list[ActorLabel] = []
    for start, end, entity_id in context.spans.get(article_id, []):
        name = context.name(entity_id)
        for label in _labels_of_span(candidates, text, start, end):
            phrase = label.phrase
            if not phrase or phrase in GENERIC or _names_the_entity(phrase, name):
                continue
            target = _labelled_actor(context, context.group(entity_id), label)
            if target is not None:
                found.append(ActorLabel(article_id, target, phrase, label.head_start,
                                        label.head_end, label.start, label.relation))  # fmt: skip
    return found


def _labelled_actor(context: Context, entity_id: str, label: Label) -> str | None:
    """Who a label describes. "The Mamani regime" and "the government of President Mamani"
    describe a state, not the person: the label goes to the person's country when the corpus
    knows it; else a loaded one stays with the person only where the name qualifies it
    ("the Mamani regime"), and a plain one ("government of ...") describes nobody."""
    entity = context.entities[entity_id]
    if entity.type != "PERSON" and _family(label.phrase) == "person":
        return None  # "Pentagon warlord": the warlord is someone at the Pentagon
    if entity.type != "PERSON" or _family(label.phrase) != "government":
        return entity_id
    country = context.country_entity(entity.country)
    if country is not None:
        return country
    loaded = label.phrase not in NOT_BARE
    return entity_id if loaded and label.relation in ("compound", "premodifier") else None


def _labels_of_span(candidates: list[Label], text: str, start: int, end: int) -> list[Label]:
    """The labels anchored on a word of the mention that fit their relation's conditions, once
    each (a parse may hang one label on several words of a name)."""
    found = {(lab.relation, lab.head_start): lab for lab in candidates
             if lab.entity_start < end and lab.entity_end > start
             and _fits(lab, text, start, end)}  # fmt: skip
    return [found[key] for key in sorted(found, key=lambda k: (RELATION_ORDER.index(k[0]), k[1]))]


def _fits(label: Label, text: str, start: int, end: int) -> bool:
    if label.relation in NEEDS_FAMILY and not _family(label.phrase):
        return False
    if label.relation == "compound":
        return label.head_start >= end
    if label.relation == "premodifier":
        gap = text[label.head_end : start] if label.head_end <= start else None
        close = gap is not None and len(TOKEN.findall(gap)) <= 2  # within three words
        return close and label.phrase in lexicon()["labels"]
    return label.relation in RELATION_ORDER


def _names_the_entity(phrase: str, name: str) -> bool:
    return phrase in name.lower() or name.lower() in phrase


def _family(phrase: str) -> str | None:
    labels = lexicon()["labels"]
    if phrase in labels:
        return labels[phrase]
    last = phrase.split()[-1] if phrase else ""
    return labels.get(last)


def bare_labels(context: Context, article_id: str, taken: list[tuple[int, int]],
                owners: dict[str, str], skip_cued: bool = False) -> list[ActorLabel]:
    """Label nouns used instead of a name ("the rebels"), given to the actor its family names;
    "the Syrian regime" (a state's word right after its name) to that state.

    `taken`: spans of labels already attached to a name; no bare label starts inside one
    ("terrorist" of "the terrorist ringleader Ernesto Huanca" is said of Huanca).
    `skip_cued`: leave out the opposition's words, which the collective referent takes."""
    labels = [lab for lab in lexicon()["labels"] if lab not in NOT_BARE]
    pattern = phrase_pattern([f"{lab}s" for lab in labels] + labels)
    found = []
    for unit in context.clauses.get(article_id, []):
        for match in pattern.finditer(unit.text):
            start, end = unit.start + match.start(), unit.start + match.end()
            phrase = _singular(match.group(0).lower())
            if skip_cued and _family(phrase) == COLLECTIVE_FAMILY and _opposition_cued(phrase):
                continue
            owner = (_named_state(context, article_id, start, phrase)
                     or owners.get(_family(phrase) or ""))  # fmt: skip
            if _in_quotes(context.articles[article_id].text, start):
                continue
            if any(a <= start < b for a, b in taken):
                continue
            if owner and not context.entities_in(article_id, start, start + len(phrase)):
                found.append(ActorLabel(article_id, owner, phrase, start, end, start))
    return found


def _named_state(context: Context, article_id: str, start: int, phrase: str) -> str | None:
    """The country a government word follows: "the Syrian regime", "Russia's government"."""
    if _family(phrase) != "government":
        return None
    text = context.articles[article_id].text
    for _, e, entity_id in context.spans.get(article_id, []):
        if e <= start and start - e <= 3 and re.fullmatch(r"(?:['’]s)?\s*", text[e:start]):
            entity = context.entities[context.group(entity_id)]
            if entity.type == "COUNTRY":
                return entity.id
            if entity.type == "PERSON":
                return context.country_entity(entity.country)
    return None


def _singular(phrase: str) -> str:
    return phrase[:-1] if phrase.endswith("s") and phrase[:-1] in lexicon()["labels"] else phrase


def story_labels(context: Context, article_ids: list[str]) -> list[ActorLabel]:
    """All labels of a story: attached ones, then bare ones given to each family's actor, and
    the opposition's words given to an unnamed collective referent when no named actor of the
    story is called by them."""
    attached = [lab for a in article_ids for lab in attached_labels(context, a)]
    owners = _family_owners([lab for lab in attached
                             if context.entities[lab.entity].type != "PERSON"])
    collective = None
    if not _opposition_owner(owners.get(COLLECTIVE_FAMILY), attached):
        collective = collective_referent(context, article_ids)
    found = list(attached)
    for article_id in article_ids:
        here = [lab for lab in attached if lab.article == article_id]
        taken = [_taken_span(context, lab) for lab in here]
        found += bare_labels(context, article_id, taken, owners, skip_cued=bool(collective))
        if collective:
            found += collective_labels(context, article_id, taken, collective)
    return found


def _taken_span(context: Context, label: ActorLabel) -> tuple[int, int]:
    """Where a bare reading of an attached label may not start: anywhere in it when it
    describes a person ("the terrorist ringleader Huanca" is no label of the group), else at
    its noun only (a group's "freedom fighters of the FLS" read again goes to the family's
    actor, which may be the same group under a name the linker kept apart)."""
    start = label.written_start if label.written_start >= 0 else label.start
    if context.entities[label.entity].type == "PERSON":
        return min(start, label.start), label.end
    return label.start, label.start + 1


def _family_owners(labels: list[ActorLabel]) -> dict[str, str]:
    """Family -> the actor most often named with its words, in at least two articles (one
    apposition does not make every "terrorist" of a story that group). Words never read bare
    ("the government", "the administration": every state has one) do not vote, or the US
    "administration" would take the "regime" of a Syria story."""
    votes: dict[str, Counter] = defaultdict(Counter)
    articles: dict[tuple[str, str], set[str]] = defaultdict(set)
    for label in labels:
        family = _family(label.label)
        if family and family != "person" and label.label not in NOT_BARE:
            votes[family][label.entity] += 1
            articles[(family, label.entity)].add(label.article)
    owners = {}
    for family, counter in votes.items():
        entity = counter.most_common(1)[0][0]
        if len(articles[(family, entity)]) >= 2 or family != COLLECTIVE_FAMILY:
            owners[family] = entity
    return owners


# ---------------------------------------------------------------- unnamed collective actors

COLLECTIVE_FAMILY = "armed_opposition"
COLLECTIVE_NAME = "the unnamed opposition"
_BACKED = r"[\w.]+-(?:backed|trained|funded|sponsored|supported|armed|allied)"
_POSSESSIVE_BEFORE = re.compile(r"\b(?:their|its|his|her|our|my|your)\s+$", re.IGNORECASE)
_NOT_A_GROUP_AFTER = re.compile(r"\s+(?:to|of|from|against|between)\b", re.IGNORECASE)
_PROXY_BEFORE = re.compile(r"\bprox(?:y|ies)(?:\s+\w+)?\s+of\s+$", re.IGNORECASE)


@cache
def _collective_pattern() -> re.Pattern:
    """A group noun ("rebels", "opposition forces") with the stance words before it
    ("US-backed", "CIA-trained 'moderate'", "Islamist")."""
    words = lexicon()["collective"]
    heads = sorted({*words["heads"], *(f"{h}s" for h in words["heads"])}, key=len, reverse=True)
    mods = sorted(words["modifiers"], key=len, reverse=True)
    quote = "[\"“”'‘’]?"
    modifier = rf"(?:{_BACKED}|{quote}(?:{'|'.join(map(re.escape, mods))}){quote})"
    head = "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in heads)
    return re.compile(rf"(?<![\w-])(?:{modifier}\s+)*(?:{head})(?![\w-])", re.IGNORECASE)


def _opposition_cued(phrase: str) -> bool:
    """The phrase itself places the group against the state: "rebels", "moderate
    opposition", "US-backed jihadists"; a bare "terrorists" or "extremists" may be anyone."""
    cues = lexicon()["collective"]["opposition_cues"]
    return bool(re.search(_BACKED, phrase)) or any(c in phrase.split() for c in cues)


def _opposition_owner(owner: str | None, labels: list[ActorLabel]) -> bool:
    """A named actor of the story is called by the opposition's words ("the SLF rebels")."""
    return owner is not None and any(
        lab.entity == owner and _opposition_cued(lab.label) for lab in labels)


def collective_referent(context: Context, article_ids: list[str]) -> str:
    """The id of the story's unnamed opposition, added to the context's entities so that
    names and sides resolve like any actor's."""
    referent = stable_id("collective", COLLECTIVE_FAMILY, *sorted(article_ids))
    context.entities.setdefault(referent, Entity(referent, COLLECTIVE_NAME, "ARMED_GROUP"))
    return referent


def is_collective(entity_id: str) -> bool:
    return entity_id.startswith("collective-")


def collective_labels(context: Context, article_id: str, taken: list[tuple[int, int]],
                      referent: str) -> list[ActorLabel]:
    """The opposition's words used without a name ("the rebels", "US-backed jihadists",
    "a proxy army of Islamic extremists"), given to the collective referent. Left out: a
    noun a name qualifies ("ISIS fighters"), "opposition to/of ..." and "their opposition"
    (the stance, not the group), and words with no cue of the opposition ("terrorists")."""
    text = context.articles[article_id].text
    found = []
    for unit in context.clauses.get(article_id, []):
        for match in _collective_pattern().finditer(unit.text):
            start, end = unit.start + match.start(), unit.start + match.end()
            phrase = _collective_phrase(match.group(0))
            head_start = end - len(match.group(0).split()[-1])
            if not _collective_use(context, article_id, text, start, end, head_start, phrase):
                continue
            if any(a <= start < b or a <= head_start < b for a, b in taken):
                continue
            found.append(ActorLabel(article_id, referent, phrase, head_start, end, start))
    return found


def _collective_phrase(written: str) -> str:
    words = re.sub(r"[\"“”'‘’]", "", written.lower()).split()
    nouns = {head.split()[-1] for head in lexicon()["collective"]["heads"]}
    if words[-1].endswith("s") and words[-1][:-1] in {*nouns, "group", "force"}:
        words[-1] = words[-1][:-1]
    return " ".join(words)


def _collective_use(context: Context, article_id: str, text: str, start: int, end: int,
                    head_start: int, phrase: str) -> bool:
    before = text[max(0, start - 40) : start]
    cued = _opposition_cued(phrase) or bool(_PROXY_BEFORE.search(before))
    if not cued or _in_quotes(text, start) or _NOT_A_GROUP_AFTER.match(text, end):
        return False
    if phrase.split()[-1] == "opposition" and _POSSESSIVE_BEFORE.search(before):
        return False
    if context.entities_in(article_id, head_start, end):
        return False
    return not _named_before(context, article_id, start)


def _named_before(context: Context, article_id: str, start: int) -> bool:
    """A group, organisation or person named right before the words qualifies them ("ISIS
    fighters", "Hezbollah's militants"): those are that actor's, not the unnamed one's."""
    text = context.articles[article_id].text
    for _, e, entity_id in context.spans.get(article_id, []):
        if e <= start and start - e <= 3 and re.fullmatch(r"(?:['’]s)?\s*", text[e:start]):
            kind = context.entities[context.group(entity_id)].type
            if kind in ("ARMED_GROUP", "ORG", "PERSON"):
                return True
    return False


def label_owner(labels: list[ActorLabel], article_id: str, phrase: str) -> str | None:
    """The actor a label phrase stands for: in this article first, then in the story."""
    words = set(re.findall(r"[a-z-]+", phrase.lower()))
    for scope in ([lab for lab in labels if lab.article == article_id], labels):
        hits = Counter(lab.entity for lab in scope if _singular(lab.label.split()[-1]) in
                       {_singular(w) for w in words})  # fmt: skip
        if hits:
            return hits.most_common(1)[0][0]
    return None


# ---------------------------------------------------------------- characterisations

@dataclass
class Stance:
    """One position on how an actor is described: a label and the variants folded into it."""

    label: str
    uses: list[ActorLabel]
    loaded: bool  # evaluative ("terrorist", "regime"), not only descriptive ("rebel")


def _sub_phrases(phrase: str) -> list[str]:
    parts = phrase.split()
    return [" ".join(parts[i:j]) for i in range(len(parts)) for j in range(i + 1, len(parts) + 1)]


def stance_terms(phrase: str) -> list[str]:
    """The parts of a label that take a stance on an actor: words of the compare labels or the
    framing lexicon. "former army engineer", "commander", "spokesman" have none."""
    words = lexicon()
    known = {*words["labels"], *words["collective"]["heads"], *words["stance_nouns"]}
    return [p for p in _sub_phrases(phrase) if p in known or neutral_term(p) is not None]


def _is_office(phrase: str) -> bool:
    """ "secretary of defense", "foreign minister": the neutral way to name a person, a
    position against an epithet ("warlord") another outlet uses for the same person."""
    return any(word in OFFICE_TITLES for word in phrase.split()[:3])


def _is_loaded_label(phrase: str) -> bool:
    return any(is_loaded(p) for p in _sub_phrases(phrase))


def _folds_into(longer: str, shorter: str) -> bool:
    """ "pro-government militia" holds "militia" and adds no stance of its own: one position.
    "moderate rebel" and "terrorist ringleader" add one ("moderate", "ringleader"): two."""
    long_words, short_words = longer.split(), shorter.split()
    size = len(short_words)
    for i in range(len(long_words) - size + 1):
        if long_words[i : i + size] == short_words:
            left, right = " ".join(long_words[:i]), " ".join(long_words[i + size :])
            return not stance_terms(left) and not stance_terms(right)
    return False


def stances(labels: list[ActorLabel], outlet_of: Callable[[str], str]) -> list[Stance]:
    """How one actor is described, as positions: only labels that take a stance (not jobs or
    biographies), a label and the longer ones holding it without a stance of their own folded
    together, each named by the wording most outlets use."""
    usable = [lab for lab in labels if stance_terms(lab.label)]
    if any(_is_loaded_label(lab.label) for lab in usable):
        usable += [lab for lab in labels if _is_office(lab.label) and lab not in usable]
    phrases = sorted({lab.label for lab in usable}, key=lambda p: (len(p.split()), p))
    parent = {p: p for p in phrases}

    def root(phrase: str) -> str:
        while parent[phrase] != phrase:
            phrase = parent[phrase]
        return phrase

    for index, shorter in enumerate(phrases):
        for longer in phrases[index + 1 :]:
            if _folds_into(longer, shorter):
                parent[root(longer)] = root(shorter)
    grouped: dict[str, list[ActorLabel]] = defaultdict(list)
    for lab in usable:
        grouped[root(lab.label)].append(lab)
    return [_stance(group, outlet_of) for group in grouped.values()]


def _stance(group: list[ActorLabel], outlet_of: Callable[[str], str]) -> Stance:
    outlets: dict[str, set[str]] = defaultdict(set)
    for lab in group:
        outlets[lab.label].add(outlet_of(lab.article))
    name = min(outlets, key=lambda p: (-len(outlets[p]), len(p.split()), p))
    return Stance(name, group, any(_is_loaded_label(lab.label) for lab in group))


# ---------------------------------------------------------------- blame

ALL_SIDES = "all sides"
WAR_TOPIC = "destruction"
WAR_ONLY_VERBS = frozenset({"commit"})
_EVERY_SIDE = re.compile(
    r"^(?:the\s+)?(?:all|both|each of the|every)\s+(?:sides|parties|factions)\b", re.IGNORECASE)
# What the war's destruction is of: a whole country or city ("much of Syria"), or crimes.
_WAR_SCALE = re.compile(r"\b(?:much|most|large parts|swathes|whole|entire|all) of\b|"
                        r"\b(?:crimes?|atrocities|country|countries|cities|towns|villages)\b",
                        re.IGNORECASE)


@dataclass(frozen=True)
class Blame:
    article: str
    topic: str
    blamed: str  # a side (entity or country id) or "each side blames the other"
    blamed_text: str
    own: bool  # the outlet's own account, not one it reports from a party
    unit: Unit


def _outcome(text: str) -> str | None:
    for topic, words_ in lexicon()["blame_outcomes"].items():
        if phrase_pattern(words_).search(text):
            return topic
    return None


def story_blames(context: Context, article_ids: list[str],
                 labels: list[ActorLabel]) -> list[Blame]:
    found = []
    for article_id in article_ids:
        annotation = context.annotations.get(article_id)
        cues = annotation.blame_cues if annotation else []
        clauses = context.clauses.get(article_id, [])
        for index, unit in enumerate(clauses):
            topic = _outcome(unit.text)
            if topic is None and re.search(r"\bblame", unit.text, re.I):
                earlier = [c.text for c in clauses[max(0, index - 3) : index]]
                topic = next((t for t in map(_outcome, reversed(earlier)) if t), None)
            if topic is not None:
                inside = [c for c in cues if c.start < unit.end and c.end > unit.start]
                found += _blames_in(context, inside, unit, topic, labels)
    return found


def blame_question(topic: str) -> str:
    """ "who broke the ceasefire": how a blame topic is asked."""
    return lexicon().get("blame_questions", {}).get(topic, f"who is to blame for the {topic}")


def _blames_in(context: Context, cues: list[BlameCue], unit: Unit, topic: str,
               labels) -> list[Blame]:
    if re.search(r"\beach side\b.*\bblame", unit.text, re.I):
        return [Blame(unit.article, topic, "each side blames the other",
                      "each side blames the other", True, unit)]  # fmt: skip
    mentions_outcome = phrase_pattern(lexicon()["blame_outcomes"][topic])
    found = []
    for blame_cue in cues:
        if not _holds_responsible(blame_cue, mentions_outcome, topic):
            continue
        side = _resolve(context, unit, blame_cue, labels)
        if side:
            own = not unit.quoted and not blame_cue.reported
            written = context.articles[unit.article].text[blame_cue.blamed_start:
                                                          blame_cue.blamed_end].strip(" ,")
            found.append(Blame(unit.article, topic, side, written, own, unit))
    return found


def _holds_responsible(blame_cue: BlameCue, mentions_outcome: re.Pattern, topic: str) -> bool:
    """A blaming verb always does; a harmful one when it harms the outcome ("broke the truce")
    and the one held responsible is not the outcome itself ("the truce collapsed"). The
    war's destruction is the verb itself ("destroyed much of Syria", "war crimes committed
    by"), and only of a whole place or of crimes, not of one house."""
    if blame_cue.lemma in lexicon()["blaming_verbs"]:
        return True
    if blame_cue.lemma in WAR_ONLY_VERBS and topic != WAR_TOPIC:
        return False  # "committed to the truce" holds nobody responsible for it
    harmed = f"{blame_cue.text} {blame_cue.scope}" if topic == WAR_TOPIC else blame_cue.scope
    if not mentions_outcome.search(harmed) or mentions_outcome.search(blame_cue.blamed_head):
        return False
    return topic != WAR_TOPIC or bool(_WAR_SCALE.search(blame_cue.scope))


def _resolve(context: Context, unit: Unit, blame_cue: BlameCue, labels) -> str | None:
    start, end = blame_cue.blamed_start, blame_cue.blamed_end
    if _EVERY_SIDE.search(context.articles[unit.article].text[start:end]):
        return ALL_SIDES
    entities = _blamed_entities(context, unit.article, start, end)
    if entities:
        return context.side(entities[0])
    owner = label_owner(labels, unit.article, context.articles[unit.article].text[start:end])
    return context.side(owner) if owner else None


def _blamed_entities(context: Context, article_id: str, start: int, end: int) -> list[str]:
    """Actors named in the phrase held responsible, less those that only qualify it: the US of
    "the US-backed jihadists" is their backer, not the one who did it."""
    text = context.articles[article_id].text
    found = []
    for s, e, entity_id in context.spans.get(article_id, []):
        if s < end and e > start and not _BACKER_AFTER.match(text, e):
            found.append(context.group(entity_id))
    return list(dict.fromkeys(found))


_BACKER_AFTER = re.compile(r"-\s?(?:backed|trained|funded|sponsored|supported|armed|allied|led)\b")


# ---------------------------------------------------------------- disputed occurrences

@dataclass(frozen=True)
class Occurrence:
    article: str
    event: str  # "meeting"
    happened: bool
    actors: frozenset[str]
    unit: Unit


def story_occurrences(context: Context, article_ids: list[str]) -> list[Occurrence]:
    """Clauses that say an event (a meeting, a visit) took place or was called off."""
    found = []
    for article_id in article_ids:
        for unit in context.clauses.get(article_id, []):
            event = _occurrence_event(unit.text)
            if event is None or unit.quoted or cue("hypothetical_cues").search(unit.text):
                continue
            actors = frozenset(e for e in context.entities_in(article_id, unit.start, unit.end)
                               if context.entities[e].type == "PERSON")  # fmt: skip
            if len(actors) >= 2 or (actors and event == "meeting"):
                happened = not cue("cancel_cues").search(unit.text)
                found.append(Occurrence(article_id, event, happened, actors, unit))
    return found


def _occurrence_event(text: str) -> str | None:
    for event, forms in lexicon()["occurrence_events"].items():
        if phrase_pattern([event, *forms]).search(text):
            return event
    return None
