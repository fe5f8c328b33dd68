"""Compare: what outlets corroborate (claims) and where they contradict each other.

`find_claims` groups the checkable statements of a story's articles; `find_disagreements`
finds numbers, blame, labels and facts that differ across outlets, strongest first.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence

from manysides import compare_numbers as numbers
from manysides import compare_sides as sides
from manysides.compare_context import Context, build_context, evidence, stable_id
from manysides.compare_text import Unit, cue, words
from manysides.events import event_to_json
from manysides.records import Annotation, Article, Entity, Event

STOPWORDS = set("the a an of in on at to for and or but by with from as that this these those "
                "it its is was were are be been has have had said says will would who which "
                "their his her they he she we our after before over into than".split())  # fmt: skip
SIMILARITY = 0.5  # share of content words two clauses must share to say the same thing


# ---------------------------------------------------------------- claims

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


def _checkable(unit: Unit) -> bool:
    text = unit.text.strip()
    if text.endswith("?") or len(words(text)) < 5 or unit.quoted:
        return False
    if re.search(r"\b(?:I|we|my|our|me)\b", text) or cue("hypothetical_cues").search(text):
        return False
    return bool(re.search(r"\d|[a-z]\s+[A-Z][a-z]", text))  # a number or a name


def _group_clauses(context: Context, events: list[dict]) -> list[list[Unit]]:
    """Clauses joined when one event cites both, or when their content words mostly agree."""
    checkable = {(u.article, u.start): u for us in context.clauses.values() for u in us
                 if _checkable(u)}  # fmt: skip
    parent = {key: key for key in checkable}

    def find(key):
        while parent[key] != key:
            key = parent[key]
        return key

    for key_a, key_b in _event_links(context, events, checkable):
        parent[find(key_a)] = find(key_b)
    for key_a, key_b in _similar_pairs(context, checkable):
        parent[find(key_a)] = find(key_b)
    grouped: dict[tuple, list[Unit]] = defaultdict(list)
    for key, unit in checkable.items():
        grouped[find(key)].append(unit)
    return [g for g in grouped.values() if len({u.article for u in g}) >= 1]


def _event_links(context: Context, events: list[dict], checkable) -> list[tuple]:
    """Pairs of clauses two articles give as evidence of one event (one evidence per article)."""
    links = []
    for event in events:
        if event.get("hypothetical") or len(event.get("articles", [])) < 2:
            continue
        keys = []
        for item in event.get("evidence", []):
            key = _unit_key(context, item)
            if key in checkable and key[0] not in {k[0] for k in keys}:
                keys.append(key)
        if len(keys) >= 2 and _close_enough([checkable[k] for k in keys]):
            links += [(keys[0], other) for other in keys[1:]]
    return links


def _close_enough(clauses: list[Unit]) -> bool:
    first = _content(clauses[0].text)
    return all(_overlap(first, _content(c.text)) >= 0.2 for c in clauses[1:])


def _unit_key(context: Context, item: dict) -> tuple | None:
    start = item.get("start")
    for unit in context.clauses.get(item.get("article", ""), []):
        if start is not None and unit.start <= start + 2 and start < unit.end:
            return (unit.article, unit.start)
    return None


def _content(text: str) -> set[str]:
    """Content words cut to a rough stem: "re-imposed the siege" and "re-imposing the siege"
    say the same thing."""
    return {_stem(w) for w in words(text) if w not in STOPWORDS and len(w) > 2}


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def _similar_pairs(context: Context, checkable) -> list[tuple]:
    """Clauses of different articles of one story whose content words mostly agree. Candidates
    come from an index of content words per story, so clauses that share nothing are never
    compared."""
    content = {key: _content(unit.text) for key, unit in checkable.items()}
    index: dict[tuple[str | None, str], list[tuple]] = defaultdict(list)
    for key in sorted(checkable):
        for word in content[key]:
            index[(context.story_of.get(key[0]), word)].append(key)
    pairs = set()
    for key in sorted(checkable):
        story = context.story_of.get(key[0])
        candidates = {other for word in content[key] for other in index[(story, word)]
                      if other > key and other[0] != key[0]}  # fmt: skip
        for other in sorted(candidates):
            if _overlap(content[key], content[other]) >= SIMILARITY and _same_numbers(
                    checkable[key].text, checkable[other].text):
                pairs.add((key, other))
    return sorted(pairs)


def _same_numbers(a: str, b: str) -> bool:
    return set(re.findall(r"\d[\d,]*", a)) == set(re.findall(r"\d[\d,]*", b))


def _claim(context: Context, group: list[Unit]) -> dict:
    articles = list(dict.fromkeys(u.article for u in group))
    attributed = [{"article": u.article, "source": _source(u.text)} for u in group
                  if _source(u.text)]  # fmt: skip
    hedged = list(dict.fromkeys(u.article for u in group if cue("hedge_cues").search(u.text)))
    cited = {u.article: outlet for u in group
             if (outlet := context.cited_outlet(u.article, u.text))}  # fmt: skip
    shortest = min(group, key=lambda u: len(u.text))
    return {
        "id": stable_id("cl", *sorted((u.article, u.start) for u in group)),
        "story": context.story_of.get(articles[0]),
        "text": _neutral(shortest.text),
        "supported_by": articles,
        "attributed_by": attributed,
        "hedged_by": hedged,
        "contradicted_by": [],
        "independent_sources": len({cited.get(a) or context.outlet(a) for a in articles}),
        "cited_outlets": [{"article": a, "outlet": o} for a, o in cited.items()],
        "evidence": [evidence(context, u.article, u.start, u.end) for u in group],
    }  # fmt: skip


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
    found.sort(key=lambda d: (-d["strength"], d["kind"], d["id"]))
    _mark_contradictions(claims, found)
    return found


def _outlets(context: Context, articles) -> list[str]:
    return list(dict.fromkeys(context.outlet(a) for a in articles))


def _disagreement(context: Context, story: str, kind: str, topic: str,
                  positions: list[dict]) -> dict | None:
    """The record, or None when fewer than two outlets take different positions."""
    positions = [p for p in positions if p["articles"]]
    outlets = {context.outlet(a) for p in positions for a in p["articles"]}
    if len(positions) < 2 or len(outlets) < 2:
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
    facts = [f for a in article_ids for u in context.clauses.get(a, [])
             for f in numbers.count_facts(u, context.dates.get((u.article, u.start)))]  # fmt: skip
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
                  "position": f"{_value_text(group)} {kind}", "value": _value(group),
                  "evidence": [evidence(context, f.article, f.unit.start, f.unit.end)
                               for f in group]} for group in band]  # fmt: skip
    topic = f"number {kind}" + (f" on {date}" if date else "")
    return _disagreement(context, story, "number", topic, positions)


def _value(group) -> int:
    return max(group, key=lambda f: len(f.components)).value


def _value_text(group) -> str:
    return f"{_value(group):,}"


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
                      "position": _blamed_name(context, side), "blamed": side,
                      "evidence": [evidence(context, b.article, b.unit.start, b.unit.end)
                                   for b in group]} for side, group in by_side.items()]  # fmt: skip
        record = _disagreement(context, story, "blame", f"who is to blame for the {topic}",
                               positions)  # fmt: skip
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


def _blamed_name(context: Context, side: str) -> str:
    if side.startswith("each side"):
        return side
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
            record["entity"] = entity_id
            found.append(record)
    return found


def _stance_position(context: Context, stance) -> dict:
    return {"articles": list(dict.fromkeys(lab.article for lab in stance.uses)),
            "position": stance.label, "loaded": stance.loaded,
            "forms": sorted({lab.label for lab in stance.uses}),
            "evidence": [_label_evidence(context, lab) for lab in stance.uses]}  # fmt: skip


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


def _mark_contradictions(claims: Sequence[dict], disagreements: list[dict]) -> None:
    where = {(e["article"], e["start"]): c for c in claims for e in c.get("evidence", [])}
    for record in disagreements:
        for position in record["positions"]:
            others = [a for p in record["positions"] if p is not position for a in p["articles"]]
            for item in position["evidence"]:
                claim = where.get((item["article"], item["start"]))
                if claim is None:
                    continue
                against = [a for a in others if a not in claim["supported_by"]]
                claim["contradicted_by"] = list(dict.fromkeys(claim["contradicted_by"] + against))
