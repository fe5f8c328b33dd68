"""Labels, blame and disputed occurrences, read from the dependency parse of each clause."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from manysides.compare_context import Context
from manysides.compare_text import Unit, _in_quotes, cue, lexicon, parse, phrase_pattern

LABEL_DEPS = {"amod", "compound", "nmod", "npadvmod", "punct", "hyph", "advmod"}
SPEECH_LEMMAS = {"say", "claim", "tell", "allege", "insist", "state", "announce", "argue"}
NOT_BARE = {"government", "administration", "authorities", "volunteer", "armed group",
            "criminal", "resistance"}  # fmt: skip
GENERIC = {"party", "parties", "hostility", "side", "group", "member", "part", "one", "people",
           "statement", "video", "report", "spokesman", "spokesperson"}
RENAME = re.compile(r"\b(?:call(?:s|ed)? itself|(?:be |now |until \w+ \w+ )?known as|renamed|"
                    r"changed its name)\b", re.IGNORECASE)  # fmt: skip


@dataclass(frozen=True)
class Label:
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

def label_phrase(token) -> str:
    """The descriptive words of a noun: its modifiers and its lemma ("pro-government militia")."""
    left = [t for child in token.lefts if child.dep_ in LABEL_DEPS for t in child.subtree]
    words = [t.text.lower() for t in sorted(left, key=lambda t: t.i)
             if not t.ent_type_ or t.ent_type_ in ("NORP",)]  # fmt: skip
    head = token.lemma_.lower() if token.tag_ in ("NNS", "NNPS") else token.text.lower()
    phrase = " ".join(words + [head]).replace(" - ", "-").replace(" -", "-").strip(" ,-")
    return re.sub(r"^(?:so-called|so called)\s+", "", phrase)


def _is_label_noun(token) -> bool:
    return token.pos_ == "NOUN" and not token.ent_type_


def attached_labels(context: Context, article_id: str) -> list[Label]:
    """Labels the article applies to a named actor: appositions, premodifiers, "X of Y",
    predicate nominals and "described X as Y"."""
    doc = parse(article_id, context.articles[article_id].text)
    found: list[Label] = []
    for start, end, entity_id in context.spans.get(article_id, []):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        for token in _label_tokens(span):
            phrase = label_phrase(token)
            name = context.name(entity_id)
            if phrase and phrase not in GENERIC and not _names_the_entity(phrase, name):
                found.append(Label(article_id, context.group(entity_id), phrase,
                                   token.idx, token.idx + len(token.text)))  # fmt: skip
    return found


def _label_tokens(span) -> list:
    root, found = span.root, []
    found += [c for c in root.children if c.dep_ == "appos" and _is_label_noun(c)]
    if root.dep_ == "appos" and _is_label_noun(root.head):
        found.append(root.head)
    if root.dep_ == "compound" and _is_label_noun(root.head) and root.head.i >= span.end:
        if _family(label_phrase(root.head)):
            found.append(root.head)
    before = [t for t in span.doc[max(0, span.start - 3) : span.start]
              if t.head.i in range(span.start, span.end) and t.dep_ in ("amod", "compound")
              and t.pos_ in ("NOUN", "ADJ") and not t.ent_type_
              and (t.i == 0 or span.doc[t.i - 1].text != "-")]  # fmt: skip
    found += [t for t in before if label_phrase(t) in lexicon()["labels"]]
    if root.dep_ == "pobj" and root.head.lower_ == "of" and _is_label_noun(root.head.head):
        if _family(label_phrase(root.head.head)):
            found.append(root.head.head)
    found += _predicate_nominals(root)
    return found


def _predicate_nominals(root) -> list:
    head = root.head
    if root.dep_ == "nsubj" and head.lemma_ == "be":
        return [c for c in head.children if c.dep_ == "attr" and _is_label_noun(c)]
    if root.dep_ == "dobj" and head.lemma_ in ("describe", "call", "label", "brand"):
        objects = [c for c in head.children if c.dep_ == "oprd" and _is_label_noun(c)]
        for prep in (c for c in head.children if c.lower_ == "as"):
            objects += [c for c in prep.children if c.dep_ == "pobj" and _is_label_noun(c)]
        return objects
    return []


def _names_the_entity(phrase: str, name: str) -> bool:
    return phrase in name.lower() or name.lower() in phrase


def _family(phrase: str) -> str | None:
    labels = lexicon()["labels"]
    if phrase in labels:
        return labels[phrase]
    last = phrase.split()[-1] if phrase else ""
    return labels.get(last)


def bare_labels(context: Context, article_id: str, taken: set[int],
                owners: dict[str, str]) -> list[Label]:
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
                found.append(Label(article_id, owner, phrase, start, unit.start + match.end()))
    return found


def _singular(phrase: str) -> str:
    return phrase[:-1] if phrase.endswith("s") and phrase[:-1] in lexicon()["labels"] else phrase


def story_labels(context: Context, article_ids: list[str]) -> list[Label]:
    """All labels of a story: attached ones, then bare ones given to each family's actor."""
    attached = [lab for a in article_ids for lab in attached_labels(context, a)]
    owners = _family_owners([lab for lab in attached
                             if context.entities[lab.entity].type != "PERSON"])
    found = list(attached)
    for article_id in article_ids:
        taken = {lab.start for lab in attached if lab.article == article_id}
        found += bare_labels(context, article_id, taken, owners)
    return found


def _family_owners(labels: list[Label]) -> dict[str, str]:
    votes: dict[str, Counter] = defaultdict(Counter)
    for label in labels:
        family = _family(label.label)
        if family and family != "person":
            votes[family][label.entity] += 1
    return {family: counter.most_common(1)[0][0] for family, counter in votes.items()}


def label_owner(labels: list[Label], article_id: str, phrase: str) -> str | None:
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


def story_blames(context: Context, article_ids: list[str], labels: list[Label]) -> list[Blame]:
    found = []
    for article_id in article_ids:
        doc = parse(article_id, context.articles[article_id].text)
        clauses = context.clauses.get(article_id, [])
        for index, unit in enumerate(clauses):
            topic = _outcome(unit.text)
            if topic is None and re.search(r"\bblame", unit.text, re.I):
                earlier = [c.text for c in clauses[max(0, index - 3) : index]]
                topic = next((t for t in map(_outcome, reversed(earlier)) if t), None)
            if topic is None:
                continue
            span = doc.char_span(unit.start, unit.end, alignment_mode="expand")
            if span is not None:
                found += _blames_in(context, span, unit, topic, labels)
    return found


def _blames_in(context: Context, span, unit: Unit, topic: str, labels) -> list[Blame]:
    found = []
    if re.search(r"\beach side\b.*\bblame", unit.text, re.I):
        return [Blame(unit.article, topic, "each side blames the other",
                      "each side blames the other", True, unit)]  # fmt: skip
    outcome_words = lexicon()["blame_outcomes"][topic]
    for token in span:
        for agent in _agents(token, outcome_words):
            side = _resolve(context, unit, agent, labels)
            if side:
                own = not unit.quoted and not _reported(token)
                found.append(Blame(unit.article, topic, side, _text(agent), own, unit))
    return found


def _agents(token, outcome_words) -> list:
    lemma = token.lemma_.lower()
    mentions_outcome = phrase_pattern(outcome_words)
    if lemma in lexicon()["blaming_verbs"]:
        return [c for c in token.children if c.dep_ == "dobj"]
    if lemma not in lexicon()["blame_verbs"] and token.lower_ not in ("responsible",):
        return []
    scope = " ".join(t.text for c in token.children if c.dep_ in ("dobj", "nsubjpass", "prep",
                     "xcomp", "nsubj") for t in c.subtree)  # fmt: skip
    if not mentions_outcome.search(scope):
        return []
    passive = [c for c in token.children if c.dep_ == "agent"]
    if passive:
        return [g for a in passive[:1] for g in a.children if g.dep_ == "pobj"]
    subjects = [c for c in token.children if c.dep_ == "nsubj"]
    if not subjects and token.dep_ in ("xcomp", "acomp") and token.head.pos_ in ("VERB", "AUX"):
        subjects = [c for c in token.head.children if c.dep_ == "nsubj"]
    if token.dep_ == "relcl" and (not subjects or subjects[0].lower_ in ("who", "which", "that")):
        subjects = [token.head]
    return [s for s in subjects if not mentions_outcome.search(s.text)]


def _reported(token) -> bool:
    if token.lemma_.lower() in lexicon()["blaming_verbs"]:
        return True
    return any(a.lemma_.lower() in SPEECH_LEMMAS for a in token.ancestors)


def _text(token) -> str:
    return " ".join(t.text for t in token.subtree if t.dep_ not in ("relcl", "acl")).strip()[:80]


def _resolve(context: Context, unit: Unit, token, labels) -> str | None:
    sub = list(token.subtree)
    start, end = sub[0].idx, sub[-1].idx + len(sub[-1].text)
    tail = [t for t in sub if t.dep_ in ("relcl", "acl")]
    if tail:
        end = min(end, tail[0].idx)
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
