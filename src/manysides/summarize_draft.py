"""The brief's candidate sentences, before the checker: facts, contested points, single sources.

Facts come from claims and merged events with the most independent outlets; each event is told
through the best of its evidence sentences (short, no quotes, no first person, few loaded
labels), compressed into our voice. Contested points come from the disagreements, or, when
none are given, from events whose reports give different figures. Numbers in dispute are cut
from fact sentences: the contested sentence states them, side by side, with their range.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from manysides.events import source_origins
from manysides.records import Article
from manysides.summarize_text import (
    content_stems,
    format_day,
    numbers_in,
    outlet_name,
    sentence_numbers,
    split_sentences,
    words,
)
from manysides.summarize_wording import (
    capitalise,
    compress,
    drop_clauses_with,
    loaded_terms,
    neutralise,
    subjectless,
    tidy,
)

MIN_WORDS, MAX_WORDS = 6, 38
MIN_CLAUSE_WORDS = 5  # a statement cut from a longer sentence: "Carter opposed the deal"
DUPLICATE_OVERLAP = 0.5  # Jaccard of content words above which two candidates say one thing
SAME_SOURCES_OVERLAP = 0.5  # ...or this share of the shorter, cited to the same articles
MAX_SIDES = 6  # a contested sentence names at most this many sides
MAX_CANDIDATES = 12  # per kind: the checker may drop some, the brief keeps a few
FIRST_PERSON = frozenset({"i", "we", "my", "our", "me", "us"})
PRONOUN_STARTS = [[w] for w in ("he", "she", "it", "they", "this", "these", "that", "those")]


@dataclass
class Draft:
    facts: list[dict] = field(default_factory=list)
    contested: list[dict] = field(default_factory=list)
    singles: list[dict] = field(default_factory=list)
    context: list[dict] = field(default_factory=list)


@dataclass
class _Story:
    """What the drafting steps need to know about the story and its articles."""

    ids: set[str]
    by_id: dict[str, Article]
    origins: dict[str, str]
    disputed: list[str] = field(default_factory=list)  # number strings in dispute
    contested_facts: list[frozenset[str]] = field(default_factory=list)  # their evidence words

    def independent(self, article_ids) -> int:
        return len({self.origins[a] for a in article_ids if a in self.origins})

    def in_story(self, article_ids) -> list[str]:
        return list(dict.fromkeys(a for a in article_ids if a in self.ids))


def draft_brief(story: dict, claims: list[dict], disagreements: list[dict], events: list[dict],
                articles: Sequence[Article]) -> Draft:  # fmt: skip
    """Every candidate sentence of the brief, best first within each kind, not yet checked."""
    ids = set(story.get("articles") or [a.id for a in articles])
    context = _Story(ids, {a.id: a for a in articles}, source_origins(articles))
    story_id = story.get("id")
    disputes = [d for d in disagreements if d.get("story") in (None, story_id)]
    events = [e for e in events if context.in_story(e.get("articles", []))]
    if not disagreements:
        disputes = _number_disputes(events, context)
    context.disputed = _disputed_numbers(disputes)
    context.contested_facts = _contested_facts(disputes)
    claims = [c for c in claims if c.get("story") in (None, story_id)]
    draft = Draft(contested=[s for d in disputes if (s := _contested(d, context))])
    _add_facts(draft, claims, events, context)
    if not (draft.facts or draft.contested or draft.singles):
        draft.context = _lead(context)
    return draft


# ---------------------------------------------------------------- facts


def _add_facts(draft: Draft, claims: list[dict], events: list[dict], story: _Story) -> None:
    candidates = [c for c in map(lambda c: _claim_sentence(c, story), claims) if c]
    candidates += [c for c in map(lambda e: _event_sentence(e, story), _usable(events)) if c]
    candidates.sort(key=lambda c: (-c["independent"], c["order"]))
    chosen: list[dict] = []
    for candidate in candidates:
        if not any(same_fact(candidate, other) for other in chosen):
            chosen.append(candidate)
    for candidate in chosen:
        del candidate["order"]  # only for sorting; the brief's dicts stay JSON-friendly
    chosen = [c for c in chosen if not _restates_contested(c["text"], story)]
    draft.facts = [{**c, "kind": "corroborated"} for c in chosen if c["independent"] >= 2]
    draft.facts = draft.facts[:MAX_CANDIDATES]
    singles = [_flag_single(c, story) for c in chosen if c["independent"] == 1]
    draft.singles = singles[:MAX_CANDIDATES]


RESTATES = 0.6  # share of a sentence's content words found in a contested fact's evidence


def _contested_facts(disputes: list[dict]) -> list[frozenset[str]]:
    """The content words of every side's evidence in a dispute over what happened."""
    return [content_stems(str(evidence.get("text", "")))
            for dispute in disputes if dispute.get("kind") == "fact"
            for position in dispute.get("positions", [])
            for evidence in position.get("evidence") or [] if isinstance(evidence, dict)]


def _restates_contested(text: str, story: _Story) -> bool:
    """A sentence that repeats one side of a disputed fact is not a corroborated fact."""
    words = content_stems(text)
    return bool(words) and any(len(words & side) >= RESTATES * len(words)
                               for side in story.contested_facts)


def _usable(events: list[dict]) -> list[dict]:
    return [e for e in events if not e.get("negated") and not e.get("hypothetical")]


def _claim_sentence(claim: dict, story: _Story) -> dict | None:
    sources = story.in_story(claim.get("supported_by", []))
    if not sources or claim.get("contradicted_by") or not claim.get("text"):
        return None  # a contradicted claim belongs to the contested part
    raw, lead = _claim_text(claim, sources)
    if subjectless(raw):
        return None  # "ultimately were hampered by ...": not a sentence a reader can follow
    article = story.by_id.get(lead or "")
    published = article.published if article else None
    text = _without_disputed(compress(raw, published=published), story)
    if text is None or not _a_sentence(text, raw):
        return None
    sources = _lead_first(lead, sources) if lead else sources
    independent = claim.get("independent_sources") or story.independent(sources)
    evidence = [{"article": e.get("article"), "text": e.get("text", "")}
                for e in claim.get("evidence") or [] if e.get("article") in sources]  # fmt: skip
    return {"text": text, "sources": sources, "independent": int(independent),
            "order": (0, 0.0, "", str(claim.get("id", ""))),
            "basis": {"claim": claim.get("id")}, "evidence": evidence}  # fmt: skip


BACKING = 0.5  # share of a clause's content words another outlet's clause must hold to state it


def _claim_text(claim: dict, sources: list[str]) -> tuple[str, str | None]:
    """(the clause of the claim that most of its other articles state too, its article): the
    brief then words the fact the way the most outlets can be cited for, shortest first. A
    sentence's own clauses are candidates too: "Carter opposed the ceasefire deal and in doing
    so signed the death warrant for ..." is stated by others only up to "deal"."""
    members = [(str(e["article"]), str(e.get("text") or "")) for e in claim.get("evidence") or []
               if e.get("article") in sources and e.get("text")]  # fmt: skip
    if not members:
        return str(claim["text"]), None
    stems = [content_stems(text) for _, text in members]
    options = [(i, part) for i, (_, text) in enumerate(members) for part in _clauses_of(text)]
    option_stems = [content_stems(part) for _, part in options]

    def backing(k: int) -> int:
        mine, own = option_stems[k], members[options[k][0]][0]
        return sum(1 for (article, _), other in zip(members, stems, strict=True)
                   if article != own and mine and len(mine & other) >= BACKING * len(mine))

    best = max(range(len(options)), key=lambda k: (not subjectless(options[k][1]), backing(k),
                                                   -len(options[k][1])))
    return options[best][1], members[options[best][0]][0]


# Where one sentence joins two statements: "X did A, and in doing so B", "X did A, while Y did B".
CLAUSE_JOINS = re.compile(r",?\s+(?:and in doing so|and thereby|while|whereas)\s+|;\s+|,\s+and\s+")


def _clauses_of(text: str) -> list[str]:
    """The sentence, and its first statement when it joins several and that one can stand
    alone (the later ones have usually lost their subject: "and in doing so signed ...")."""
    parts = [p.strip(" ,;") for p in CLAUSE_JOINS.split(text)]
    alone = [p for p in parts[:1] if len(words(p)) >= MIN_CLAUSE_WORDS and not subjectless(p)]
    return [text] + [p if p.endswith(".") else p + "." for p in alone if p != text]


def _event_sentence(event: dict, story: _Story) -> dict | None:
    sources = story.in_story(event.get("articles", []))
    day = event.get("date") if event.get("date_granularity") == "day" else None
    options = []
    for evidence in event.get("evidence", []):
        if evidence.get("article") in story.ids:
            options += _evidence_options(evidence, day, event, story)
    if not options:
        return None
    penalty, text, article = min(options)
    claimed = event.get("status") == "claimed"
    # each article's report of the event, so the checker can accept one worded otherwise
    evidence = [{"article": e.get("article"), "text": e.get("text", "")}
                for e in event.get("evidence", []) if e.get("article") in sources]  # fmt: skip
    return {"text": text, "sources": _lead_first(article, sources),
            "independent": story.independent(sources),
            "order": (int(claimed), penalty, event.get("date") or "", event.get("id", "")),
            "basis": {"event": event.get("id")}, "evidence": evidence}  # fmt: skip


def _evidence_options(evidence: dict, day, event: dict, story: _Story) -> list[tuple]:
    raw = str(evidence.get("text", ""))
    # a list item keeps its bullet in the evidence; the brief's sentence does not
    lines = [ln.strip().lstrip("-•*–—·▪ ") for ln in raw.splitlines() if ln.strip()]
    article = story.by_id.get(evidence["article"])
    published = article.published if article else None
    others = _other_evidence(event, evidence["article"], story)
    options = []
    for line in lines:
        text = _without_disputed(compress(line, day=day, published=published), story)
        if text is not None and _a_sentence(text, line):
            penalty = _penalty(line, text, event) + 2.0 * (len(lines) > 1)
            penalty -= 3.0 * _centrality(text, others)
            options.append((round(penalty, 4), text, evidence["article"]))
    return options


def _other_evidence(event: dict, article: str, story: _Story) -> list[set[str]]:
    """Content words of the evidence from other outlets: wording they share is consensus."""
    origin = story.origins.get(article)
    return [content_stems(str(e.get("text", ""))) for e in event.get("evidence", [])
            if story.origins.get(e.get("article")) != origin]  # fmt: skip


def _centrality(text: str, others: list[set[str]]) -> float:
    mine = content_stems(text)
    if not others or not mine:
        return 0.0
    return sum(len(mine & o) / len(mine | o) for o in others) / len(others)


def _a_sentence(text: str, raw: str) -> bool:
    """Long enough to state something ("Over the weekend." is not), and not a heading that
    introduces what follows ("Russian-regime attacks on the air force college:")."""
    return len(words(text)) >= MIN_CLAUSE_WORDS and not raw.rstrip().endswith(":")


def _penalty(raw: str, text: str, event: dict) -> float:
    """How poor a source sentence is as a neutral statement of the event (lower is better)."""
    count = len(words(text))
    penalty = 0.0 if MIN_WORDS <= count <= MAX_WORDS else 6.0
    penalty += 3.0 * bool(re.search(r"[\"“”]", raw)) + 4.0 * ("?" in raw)
    penalty += 3.0 * bool(FIRST_PERSON & set(words(re.sub(r"[\"“][^\"”]*[\"”]", "", raw))))
    penalty += 1.0 * len(loaded_terms(raw)) + 4.0 * (words(text)[:1] in PRONOUN_STARTS)
    place = event.get("place_name")
    penalty -= 1.0 if place and place.lower() in text.lower() else 0.0
    return penalty + count / 40  # shorter sentences carry fewer single-outlet details


def _lead_first(article: str, sources: list[str]) -> list[str]:
    return [article] + [s for s in sources if s != article]


def _without_disputed(text: str, story: _Story) -> str | None:
    """The sentence without clauses stating a disputed number; None if the number is its core."""
    disputed = [n for n in story.disputed if _numbers_of(n) & sentence_numbers(text)]
    if not disputed:
        return text
    shorter = drop_clauses_with(text, [_digits(n) for n in disputed] + disputed)
    if any(_numbers_of(n) & sentence_numbers(shorter) for n in disputed):
        return None
    return shorter if len(words(shorter)) >= MIN_WORDS else None


def _numbers_of(text: str) -> set[float]:
    return numbers_in(text)


def _digits(text: str) -> str:
    found = re.search(r"\d[\d,]*", text)
    return found.group() if found else text


def same_fact(a: dict, b: dict) -> bool:
    """Two wordings of one fact: mostly the same words, or the same articles saying, in half
    the words of the shorter, what the other says ("Kerry negotiated a deal with Russia" and
    "Kerry and Lavrov worked for months to negotiate a deal")."""
    first, second = content_stems(a["text"]), content_stems(b["text"])
    shared = len(first & second)
    if shared / (len(first | second) or 1) >= DUPLICATE_OVERLAP:
        return True
    same_articles = len(a["sources"]) >= 2 and set(a["sources"]) == set(b["sources"])
    return same_articles and shared >= SAME_SOURCES_OVERLAP * min(len(first), len(second))


def restates(a: dict, b: dict) -> bool:
    """`a` rests only on sentences `b` also rests on, and cites no article `b` does not: a claim
    made of one outlet's sentence that a merged event already states with more outlets."""
    mine = [e for e in a.get("evidence") or [] if e.get("text")]
    theirs = [e for e in b.get("evidence") or [] if e.get("text")]
    if not mine or not set(a["sources"]) <= set(b["sources"]):
        return False
    return all(any(e["article"] == t["article"] and _within(e["text"], t["text"]) for t in theirs)
               for e in mine)  # fmt: skip


def _within(one: str, other: str) -> bool:
    one, other = one.strip(), other.strip()
    return one in other or other in one


def _flag_single(candidate: dict, story: _Story) -> dict:
    text = flag_single(candidate["text"], candidate["sources"][0], story.by_id, story.origins)
    return {**candidate, "text": text, "kind": "single-source"}


def flag_single(text: str, article_id: str, by_id: dict, origins: dict) -> str:
    """The sentence marked as resting on one outlet: "... (reported only by Meridian Wire)."."""
    article = by_id.get(article_id)
    outlet = _display(origins.get(article_id) or (outlet_name(article) if article else article_id))
    return text.rstrip(".") + f" (reported only by {outlet})."


def _lead(story: _Story) -> list[dict]:
    """Background: the opening sentence of the story's earliest article."""
    members = sorted((story.by_id[i] for i in story.ids if i in story.by_id),
                     key=lambda a: (a.published or "9999", a.id))  # fmt: skip
    for article in members:
        for sentence in split_sentences(article.text)[:3]:
            text = compress(sentence, keep_attribution=True)
            if MIN_WORDS <= len(words(text)) <= MAX_WORDS:
                return [{"text": text, "sources": [article.id], "kind": "context"}]
    return []


# ---------------------------------------------------------------- contested points


def _contested(dispute: dict, story: _Story) -> dict | None:
    positions = [p for p in (_position(p, dispute, story) for p in dispute.get("positions", []))
                 if p]  # fmt: skip
    positions = _varied(positions)[:MAX_SIDES]
    if len({tuple(p["holders"]) for p in positions}) < 2:
        return None
    kind = dispute.get("kind", "fact")
    topic = _topic(dispute)
    lead = _lead_words(kind, topic, positions)
    return {"text": lead + ": " + "; ".join(p["fragment"] for p in positions) + ".",
            "lead": lead, "positions": positions, "kind": "contested",
            "sources": list(dict.fromkeys(a for p in positions for a in p["articles"])),
            "basis": {"disagreement": dispute.get("id"), "kind": kind}}  # fmt: skip


def _varied(positions: list[dict]) -> list[dict]:
    """Each holder's first position before anyone's second: a long list still shows every side."""
    seen: set[tuple] = set()
    first, later = [], []
    for position in positions:
        key = tuple(position["holders"])
        (later if key in seen else first).append(position)
        seen.add(key)
    return first + later


def _position(position: dict, dispute: dict, story: _Story) -> dict | None:
    articles = story.in_story(position.get("articles", []))
    stated = str(position.get("position", "")).strip()
    if not articles or not stated:
        return None
    holders = list(dict.fromkeys(_display(story.origins[a]) for a in articles))
    kind = dispute.get("kind", "fact")
    if position.get("voice"):  # a quoted voice's side: its words, never ours
        reports = "reports" if len(holders) == 1 else "report"
        said = _quoted(stated.rstrip(".,;\"\u201d"))
        fragment = f"{position['voice']}, as {_join(holders)} {reports}, says {said}"
        holders = [f"{position['voice']} ({_join(holders)})"]
    else:
        shown = _quoted(stated) if kind == "characterisation" else neutralise(stated)
        fragment = f"{_join(holders)} {_verb(kind, len(holders), shown)}"
    return {"articles": articles, "position": stated, "holders": holders,
            "fragment": tidy(fragment), "evidence": position.get("evidence")}  # fmt: skip


def _quoted(term: str) -> str:
    """A loaded label shown as the outlet's words, never as ours."""
    return "\u201c" + term.strip('"\u201c\u201d') + "\u201d"


def _verb(kind: str, holders: int, shown: str) -> str:
    singular = holders == 1
    if kind == "blame":
        if re.match(r"(?i)(each|both|neither|either) ", shown):
            return f"{'reports' if singular else 'report'} that {shown}"
        return f"{'attributes' if singular else 'attribute'} it to {shown}"
    if kind == "characterisation":
        return f"{'uses' if singular else 'use'} {shown}"
    if kind == "number":
        return f"{'reports' if singular else 'report'} {shown}"
    # "took place", "did not take place (called off)": what the outlet says of it
    return f"{'says' if singular else 'say'} it {shown}"


def _lead_words(kind: str, topic: str, positions: list[dict]) -> str:
    if kind == "number":
        return f"Outlets disagree on {topic}{_range(positions)}"
    question = re.match(r"(?i)(who|how|whether|what) ", topic) is not None
    if kind == "blame":
        return f"{capitalise(topic)} is disputed" if question else (
            f"Responsibility for {topic} is disputed")  # fmt: skip
    if kind == "characterisation":
        return f"Outlets differ on {topic}" if question else f"Outlets describe {topic} differently"
    return f"Accounts of {topic} differ" if question else f"{capitalise(topic)} is disputed"


def _range(positions: list[dict]) -> str:
    """ " (reported figures range from 400,000 to 430,000)", when every position counts in the
    same unit; a 48-hour and a 7-day truce have no range."""
    values = sorted(set().union(*(numbers_in(p["position"]) for p in positions)))
    units = {tuple(re.findall(r"\d-([a-z]+)", p["position"])) for p in positions}
    if len(values) < 2 or len(units) > 1:
        return ""
    return f" (reported figures range from {_plain(values[0])} to {_plain(values[-1])})"


def _plain(value: float) -> str:
    return f"{int(value):,}" if value == int(value) else f"{value:g}"


def _topic(dispute: dict) -> str:
    topic = str(dispute.get("topic_name") or dispute.get("title") or dispute.get("topic") or "")
    if " " not in topic.strip():  # a slug: "killed-ilave-market"
        topic = re.sub(r"[-_]+", " ", topic)
    topic = re.sub(r"\b\d{4}-\d{2}-\d{2}\b", lambda m: format_day(m.group()) or m.group(), topic)
    topic = neutralise(topic.strip()) or "this point"
    if dispute.get("claimant"):  # "Russia's claim about Nusra" needs no article
        return topic
    return topic if re.match(r"(?i)(the|a|an|who|how|what|whether) ", topic) else f"the {topic}"


def _display(origin: str) -> str:
    """An outlet's name; an article without one is named by its short id, a url by its host."""
    if re.fullmatch(r"[0-9a-f]{8,}", origin):
        return f"article {origin[:6]}"
    host = re.match(r"https?://(?:www\.)?([^/]+)", origin)
    return host.group(1) if host else origin


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _disputed_numbers(disputes: list[dict]) -> list[str]:
    return [str(p.get("position", "")) for d in disputes if d.get("kind") == "number"
            for p in d.get("positions", []) if numbers_in(str(p.get("position", "")))]  # fmt: skip


# ---------------------------------------------------------------- disputes from events


def _number_disputes(events: list[dict], story: _Story) -> list[dict]:
    """Events whose reports give different figures of one kind, as number disagreements."""
    disputes = []
    for event in events:
        for kind, figures in _figures_by_kind(event, story).items():
            values = {value for value, _text, _articles in figures}
            holders = {story.origins[a] for _v, _t, arts in figures for a in arts}
            if len(values) >= 2 and len(holders) >= 2:
                disputes.append(_dispute_of(event, kind, figures))
    return disputes


def _figures_by_kind(event: dict, story: _Story) -> dict[str, list[tuple]]:
    figures: dict[str, list[tuple]] = {}
    for magnitude in event.get("magnitudes", []):
        if magnitude.get("value") is None:
            continue
        articles = [e["article"] for e in event.get("evidence", [])
                    if e.get("article") in story.ids
                    and magnitude["text"].lower() in str(e.get("text", "")).lower()]  # fmt: skip
        if articles:
            figures.setdefault(magnitude.get("kind", "other"), []).append(
                (magnitude["value"], magnitude["text"], list(dict.fromkeys(articles))))
    return figures


def _dispute_of(event: dict, kind: str, figures: list[tuple]) -> dict:
    place = event.get("place_name")
    what = {"killed": "people killed", "injured": "people injured",
            "displaced": "people displaced", "arrested": "people arrested"}.get(kind, "people")
    topic = f"the number of {what}" + (f" in {place}" if place else "")
    positions = [{"articles": arts, "position": text, "evidence": None}
                 for _value, text, arts in sorted(figures, key=lambda f: f[0])]  # fmt: skip
    return {"id": f"{event.get('id')}-{kind}", "story": None, "topic": topic, "kind": "number",
            "positions": positions}  # fmt: skip
