"""Labels, blame and disputed occurrences, from annotate's label and blame-cue records."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from manysides.compare_context import Context
from manysides.compare_text import Unit, _in_quotes, cue, lexicon, phrase_pattern
from manysides.records import BlameCue, Label

NOT_BARE = {"government", "administration", "authorities", "volunteer", "armed group",
            "criminal", "resistance"}  # fmt: skip
GENERIC = {"party", "parties", "hostility", "side", "group", "member", "part", "one", "people",
           "statement", "video", "report", "spokesman", "spokesperson"}
RENAME = re.compile(r"\b(?:call(?:s|ed)? itself|(?:be |now |until \w+ \w+ )?known as|renamed|"
                    r"changed its name)\b", re.IGNORECASE)  # fmt: skip
TOKEN = re.compile(r"\w+|[^\w\s]")  # roughly spaCy's tokens, to count words


@dataclass(frozen=True)
class ActorLabel:
    """A label phrase one article applies to one actor (group), at the label noun's offsets."""

    article: str
    entity: str
    label: str
    start: int
    end: int


# ---------------------------------------------------------------- entity groups

def merge_renamed(context: Context) -> None:
    """One group for an actor and its new name, or its name with a label noun after it."""
    for clauses in context.clauses.values():
        for unit in clauses:
            for match in RENAME.finditer(unit.text):
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
    before = [eid for s, e, eid in spans if e <= cue_start]
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
            if phrase and phrase not in GENERIC and not _names_the_entity(phrase, name):
                found.append(ActorLabel(article_id, context.group(entity_id), phrase,
                                        label.head_start, label.head_end))  # fmt: skip
    return found


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


def bare_labels(context: Context, article_id: str, taken: set[int],
                owners: dict[str, str]) -> list[ActorLabel]:
    """Label nouns used instead of a name ("the rebels"), given to the actor its family names."""
    labels = [lab for lab in lexicon()["labels"] if lab not in NOT_BARE]
    pattern = phrase_pattern([f"{lab}s" for lab in labels] + labels)
    found = []
    for unit in context.clauses.get(article_id, []):
        for match in pattern.finditer(unit.text):
            start = unit.start + match.start()
            phrase = _singular(match.group(0).lower())
            owner = owners.get(_family(phrase) or "")
            if _in_quotes(context.articles[article_id].text, start):
                continue
            if owner and start not in taken and not context.entities_in(article_id, start,
                                                                        start + len(phrase)):
                found.append(ActorLabel(article_id, owner, phrase, start, unit.start + match.end()))
    return found


def _singular(phrase: str) -> str:
    return phrase[:-1] if phrase.endswith("s") and phrase[:-1] in lexicon()["labels"] else phrase


def story_labels(context: Context, article_ids: list[str]) -> list[ActorLabel]:
    """All labels of a story: attached ones, then bare ones given to each family's actor."""
    attached = [lab for a in article_ids for lab in attached_labels(context, a)]
    owners = _family_owners([lab for lab in attached
                             if context.entities[lab.entity].type != "PERSON"])
    found = list(attached)
    for article_id in article_ids:
        taken = {lab.start for lab in attached if lab.article == article_id}
        found += bare_labels(context, article_id, taken, owners)
    return found


def _family_owners(labels: list[ActorLabel]) -> dict[str, str]:
    votes: dict[str, Counter] = defaultdict(Counter)
    for label in labels:
        family = _family(label.label)
        if family and family != "person":
            votes[family][label.entity] += 1
    return {family: counter.most_common(1)[0][0] for family, counter in votes.items()}


def label_owner(labels: list[ActorLabel], article_id: str, phrase: str) -> str | None:
    """The actor a label phrase stands for: in this article first, then in the story."""
    words = set(re.findall(r"[a-z-]+", phrase.lower()))
    for scope in ([lab for lab in labels if lab.article == article_id], labels):
        hits = Counter(lab.entity for lab in scope if _singular(lab.label.split()[-1]) in
                       {_singular(w) for w in words})  # fmt: skip
        if hits:
            return hits.most_common(1)[0][0]
    return None


# ---------------------------------------------------------------- blame

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


def _blames_in(context: Context, cues: list[BlameCue], unit: Unit, topic: str,
               labels) -> list[Blame]:
    if re.search(r"\beach side\b.*\bblame", unit.text, re.I):
        return [Blame(unit.article, topic, "each side blames the other",
                      "each side blames the other", True, unit)]  # fmt: skip
    mentions_outcome = phrase_pattern(lexicon()["blame_outcomes"][topic])
    found = []
    for blame_cue in cues:
        if not _holds_responsible(blame_cue, mentions_outcome):
            continue
        side = _resolve(context, unit, blame_cue, labels)
        if side:
            own = not unit.quoted and not blame_cue.reported
            found.append(Blame(unit.article, topic, side, blame_cue.blamed_text, own, unit))
    return found


def _holds_responsible(blame_cue: BlameCue, mentions_outcome: re.Pattern) -> bool:
    """A blaming verb always does; a harmful one when it harms the outcome ("broke the truce")
    and the one held responsible is not the outcome itself ("the truce collapsed")."""
    if blame_cue.lemma in lexicon()["blaming_verbs"]:
        return True
    if not mentions_outcome.search(blame_cue.scope):
        return False
    return not mentions_outcome.search(blame_cue.blamed_head)


def _resolve(context: Context, unit: Unit, blame_cue: BlameCue, labels) -> str | None:
    start, end = blame_cue.blamed_start, blame_cue.blamed_end
    entities = context.entities_in(unit.article, start, end)
    if entities:
        return context.side(entities[0])
    owner = label_owner(labels, unit.article, context.articles[unit.article].text[start:end])
    return context.side(owner) if owner else None


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
