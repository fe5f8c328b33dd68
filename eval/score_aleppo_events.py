"""Score the events manysides finds in the Aleppo corpus against a hand-made event gold.

    python -m eval.score_aleppo_events [--errors]

Gold: eval/gold/aleppo_events.yaml (made by hand by reading corpora/aleppo-2016; see its
header). The pipeline (`manysides.pipeline.analyze`) runs on the corpus into a temporary folder
and the `events` of its analysis.json are compared with the gold.

An emitted event matches a gold event when
- the types are compatible: equal, or one of the NEAR_TYPES pairs (material vs verbal backing,
  a siege coded as assault, a conditional demand coded as a threat);
- one of its evidence sentences lies in an article the gold event lists and overlaps one of the
  gold snippets for that article (the snippet is inside the sentence, or they share a run of at
  least half the snippet's words, and at least four, when the sentence was split differently);
- the dates are compatible when both are known (their day ranges overlap; an emitted date that
  is only the publication date does not count as known).

Figures:
- recall: share of gold events matched by at least one emitted event;
- merge_rate / merge_coverage: over gold events that 2+ articles report, the share for which one
  emitted event covers at least two of the reporting articles, and the mean share of reporting
  articles the best single emitted event covers (0 when none matches);
- precision: share of emitted events that match some gold event (a lower bound: the gold codes
  what an analyst would, so a correct extra event counts as wrong); precision_evidence: the same
  without the type and date conditions (is the sentence an event sentence at all);
  precision_asserted: precision over the events we state as having happened (not flagged
  hypothetical or negated), since the gold lists what happened and what was said, not what
  only might happen;
- conflated (lower is better): among emitted events that match a gold event, the share that
  match two or more, i.e. distinct real-world events lumped into one (or one sentence reporting
  two events of compatible types);
- on matched gold events, with the emitted event that covers most reporting articles: actor
  overlap (a content word shared by the gold actors and `actor_names` + `actor_text`, after
  folding common aliases such as "U.S."/"Washington"), date exact (gold events with a date;
  the emitted `date` as shown, even when it is only the publication date),
  place match (gold events with a place: a content word shared with `place_name`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from eval.common import shared_dir

GOLD_FILE = Path(__file__).resolve().parent / "gold" / "aleppo_events.yaml"
NEAR_TYPES = frozenset(
    {frozenset({"AID", "SUPPORT"}), frozenset({"ASSAULT", "COERCE"}),
     frozenset({"REQUEST", "THREATEN"})}
)  # fmt: skip
MAX_SNIPPET_WORDS = 12
MIN_RUN_WORDS = 4
# Phrases folded before tokenising so that "U.S.", "Washington" and "United States" agree.
ALIAS_PHRASES = (
    (r"\bu\.\s?s\.(?=\W|$)", " united_states "), (r"\bunited states\b", " united_states "),
    (r"\bislamic state\b", " isis "), (r"\bal[- ]nusra\b", " nusra "),
)  # fmt: skip
ALIAS_WORDS = {
    "us": "united_states", "usa": "united_states", "america": "united_states",
    "american": "united_states", "americans": "united_states", "washington": "united_states",
    "russian": "russia", "russians": "russia", "moscow": "russia", "kremlin": "russia",
    "syrian": "syria", "syrians": "syria", "damascus": "syria", "iranian": "iran",
    "tehran": "iran", "turkish": "turkey", "ankara": "turkey", "isil": "isis", "daesh": "isis",
    "rebel": "rebels", "sergey": "sergei",
}  # fmt: skip
# Words too generic to show that two actor or place names agree.
GENERIC_WORDS = frozenset(
    {"the", "a", "an", "of", "and", "al", "s", "forces", "force", "government", "officials",
     "official", "administration", "president", "minister", "secretary", "state", "foreign",
     "spokesman", "group", "groups", "city", "summit", "military"}
)  # fmt: skip


@dataclass(frozen=True)
class GoldEvent:
    id: str
    type: str
    actors: tuple[str, ...]
    place: str | None
    date: str | None
    status: str
    reports: dict[str, tuple[str, ...]]  # article file prefix -> snippets

    @property
    def multi_source(self) -> bool:
        return len(self.reports) > 1


@dataclass
class Figures:
    gold: int = 0
    emitted: int = 0
    recall: float = 0.0
    multi_source_gold: int = 0
    merge_rate: float = 0.0
    merge_coverage: float = 0.0
    precision: float = 0.0
    precision_evidence: float = 0.0
    precision_asserted: float = 0.0
    conflated: float = 0.0
    actor_overlap: float = 0.0
    date_exact: float = 0.0
    place_match: float = 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {k: round(v, 3) if isinstance(v, float) else v for k, v in vars(self).items()}


# --- gold ------------------------------------------------------------------------------------


def _as_tuple(value) -> tuple[str, ...]:
    if value is None:
        return ()
    return tuple(str(v) for v in value) if isinstance(value, list) else (str(value),)


def _gold_event(entry: dict) -> GoldEvent:
    date = entry.get("date")
    return GoldEvent(
        id=entry["id"], type=entry["type"], actors=_as_tuple(entry.get("actor")),
        place=entry.get("place"), date=None if date is None else str(date),
        status=entry.get("status", "asserted"),
        reports={str(k): _as_tuple(v) for k, v in entry["reports"].items()},
    )  # fmt: skip


def load_gold(path: Path = GOLD_FILE) -> list[GoldEvent]:
    return [_gold_event(entry) for entry in yaml.safe_load(path.read_text(encoding="utf-8"))]


def corpus_dir() -> Path:
    path = shared_dir() / "corpora" / "aleppo-2016"
    if not path.exists():
        raise FileNotFoundError(f"Aleppo corpus not found: {path} (set MANYSIDES_SHARED)")
    return path


def snippet_problems(gold: list[GoldEvent], corpus: Path) -> list[str]:
    """Gold snippets that are too long or not verbatim in their article (empty when sound)."""
    texts = {p.name.split("_")[0]: normalise(p.read_text(encoding="utf-8"))
             for p in corpus.glob("*.txt")}  # fmt: skip
    problems = []
    for event in gold:
        for prefix, snippets in event.reports.items():
            for snippet in snippets:
                if len(snippet.split()) > MAX_SNIPPET_WORDS:
                    problems.append(f"{event.id}: snippet longer than 12 words: {snippet!r}")
                if normalise(snippet) not in texts.get(prefix, ""):
                    problems.append(f"{event.id}: not in article {prefix}: {snippet!r}")
    return problems


# --- text comparison -------------------------------------------------------------------------


def normalise(text: str) -> str:
    text = text.translate(str.maketrans("‘’“”–—", "''\"\"--"))
    return re.sub(r"\s+", " ", text).strip().lower()


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9$]+", normalise(text))


def _longest_common_run(a: list[str], b: list[str]) -> int:
    best = 0
    previous = [0] * (len(b) + 1)
    for word in a:
        current = [0] * (len(b) + 1)
        for j, other in enumerate(b, start=1):
            if word == other:
                current[j] = previous[j - 1] + 1
                best = max(best, current[j])
        previous = current
    return best


def evidence_matches(evidence: str, snippet: str) -> bool:
    """The snippet lies in the evidence sentence, or a long enough run of it does."""
    if normalise(snippet) in normalise(evidence):
        return True
    snippet_words = _words(snippet)
    needed = min(len(snippet_words), max(MIN_RUN_WORDS, (len(snippet_words) + 1) // 2))
    return _longest_common_run(snippet_words, _words(evidence)) >= needed


def content_words(names: Iterable[str]) -> set[str]:
    """Alias-folded content words of some actor or place names."""
    words: set[str] = set()
    for name in names:
        text = name.lower()
        for pattern, replacement in ALIAS_PHRASES:
            text = re.sub(pattern, replacement, text)
        found = re.findall(r"[a-z0-9_]+", text)
        words |= {ALIAS_WORDS.get(w, w) for w in found} - GENERIC_WORDS
    return words


# --- dates -----------------------------------------------------------------------------------


def date_range(value: str | None) -> tuple[dt.date, dt.date] | None:
    """The days a TimeML-style value covers (day, ISO week, month, year); None when unknown."""
    if not value:
        return None
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value):
        day = dt.date(*map(int, m.groups()))
        return day, day
    if m := re.fullmatch(r"(\d{4})-W(\d{2})(?:-WE)?", value):
        monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
        return monday, monday + dt.timedelta(days=6)
    if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
        first = dt.date(int(m[1]), int(m[2]), 1)
        following = (first + dt.timedelta(days=32)).replace(day=1)
        return first, following - dt.timedelta(days=1)
    if re.fullmatch(r"\d{4}", value):
        return dt.date(int(value), 1, 1), dt.date(int(value), 12, 31)
    return None


def emitted_date(event: dict) -> str | None:
    """The event's own date; a date that is only the publication date is not the event's."""
    return None if event.get("date_granularity") == "published" else event.get("date")


def dates_compatible(gold_date: str | None, event: dict) -> bool:
    gold_days, event_days = date_range(gold_date), date_range(emitted_date(event))
    if gold_days is None or event_days is None:
        return True
    return gold_days[0] <= event_days[1] and event_days[0] <= gold_days[1]


# --- matching --------------------------------------------------------------------------------


def types_compatible(gold_type: str, event_type: str) -> bool:
    return gold_type == event_type or frozenset({gold_type, event_type}) in NEAR_TYPES


def covered_articles(gold: GoldEvent, event: dict, prefixes: dict[str, str]) -> set[str]:
    """The gold event's reporting articles in which an evidence sentence of `event` hits."""
    covered = set()
    for evidence in event.get("evidence", []):
        prefix = prefixes.get(evidence.get("article", ""))
        snippets = gold.reports.get(prefix, ())
        if any(evidence_matches(evidence.get("text", ""), s) for s in snippets):
            covered.add(prefix)
    return covered


def matching_coverage(gold: GoldEvent, event: dict, prefixes: dict[str, str]) -> set[str]:
    """Reporting articles covered when the event matches the gold event, else the empty set."""
    if not types_compatible(gold.type, event["type"]) or not dates_compatible(gold.date, event):
        return set()
    return covered_articles(gold, event, prefixes)


def best_match(gold: GoldEvent, events: list[dict], prefixes: dict[str, str]):
    """(emitted event, covered articles) for the match covering most reporting articles."""
    best, best_covered = None, set()
    for event in events:
        covered = matching_coverage(gold, event, prefixes)
        if len(covered) > len(best_covered):
            best, best_covered = event, covered
    return best, best_covered


def article_prefixes(analysis: dict) -> dict[str, str]:
    """Article id -> the file prefix (000..004) the gold uses."""
    return {a["id"]: Path(a["path"].split("#")[0]).name.split("_")[0]
            for a in analysis["articles"]}  # fmt: skip


# --- figures ---------------------------------------------------------------------------------


def _share(hits: Iterable[bool]) -> float:
    hits = list(hits)
    return sum(hits) / len(hits) if hits else 0.0


def _field_figures(figures: Figures, matched: list[tuple[GoldEvent, dict]]) -> None:
    figures.actor_overlap = _share(
        bool(content_words(g.actors) & content_words(e["actor_names"] + e["actor_text"]))
        for g, e in matched
    )
    # What the user sees counts here, even a date that fell back to the publication date.
    figures.date_exact = _share(e.get("date") == g.date for g, e in matched if g.date)
    figures.place_match = _share(
        bool(content_words([g.place]) & content_words([e.get("place_name") or ""]))
        for g, e in matched
        if g.place
    )


def _merge_figures(figures: Figures, gold: list[GoldEvent], best: dict[str, set[str]]) -> None:
    multi = [g for g in gold if g.multi_source]
    figures.multi_source_gold = len(multi)
    figures.merge_rate = _share(len(best[g.id]) >= 2 for g in multi)
    figures.merge_coverage = sum(len(best[g.id]) / len(g.reports) for g in multi) / max(
        len(multi), 1
    )


def score(gold: list[GoldEvent], analysis: dict) -> Figures:
    events, prefixes = analysis["events"], article_prefixes(analysis)
    figures = Figures(gold=len(gold), emitted=len(events))
    matches = {g.id: best_match(g, events, prefixes) for g in gold}
    matched = [(g, matches[g.id][0]) for g in gold if matches[g.id][0] is not None]
    figures.recall = len(matched) / len(gold) if gold else 0.0
    _merge_figures(figures, gold, {gid: covered for gid, (_, covered) in matches.items()})
    figures.precision = _share(
        any(matching_coverage(g, e, prefixes) for g in gold) for e in events
    )
    figures.precision_evidence = _share(
        any(covered_articles(g, e, prefixes) for g in gold) for e in events
    )
    asserted = [e for e in events if not e.get("hypothetical") and not e.get("negated")]
    figures.precision_asserted = _share(
        any(matching_coverage(g, e, prefixes) for g in gold) for e in asserted
    )
    figures.conflated = _conflated_share(gold, events, prefixes)
    _field_figures(figures, matched)
    return figures


def _conflated_share(gold: list[GoldEvent], events: list[dict], prefixes: dict[str, str]):
    """Among emitted events matching some gold event, the share matching two or more."""
    counts = [sum(bool(matching_coverage(g, e, prefixes)) for g in gold) for e in events]
    return _share(count >= 2 for count in counts if count)


# --- running ---------------------------------------------------------------------------------


def run_pipeline(corpus: Path) -> dict:
    from manysides.pipeline import analyze

    with tempfile.TemporaryDirectory(prefix="manysides-aleppo-") as out_dir:
        return analyze([str(corpus)], Path(out_dir)).analysis


def run() -> tuple[Figures, list[GoldEvent], dict]:
    gold = load_gold()
    analysis = run_pipeline(corpus_dir())
    return score(gold, analysis), gold, analysis


def _start(text: str, words: int = 12) -> str:
    return " ".join(text.split()[:words])


def _miss_cause(gold: GoldEvent, events: list[dict], prefixes: dict[str, str]) -> str:
    same_sentence = [e for e in events if covered_articles(gold, e, prefixes)]
    if not same_sentence:
        return "no event from its sentences"
    typed = [e for e in same_sentence if types_compatible(gold.type, e["type"])]
    if typed:
        return f"date conflict (emitted {emitted_date(typed[0])})"
    return "wrong type (emitted " + ", ".join(sorted({e["type"] for e in same_sentence})) + ")"


def error_lists(gold: list[GoldEvent], analysis: dict) -> dict[str, list[str]]:
    """Missed gold events and unmatched emitted events, each with a likely cause."""
    events, prefixes = analysis["events"], article_prefixes(analysis)
    missed = [
        f"{g.id} {g.type} [{_miss_cause(g, events, prefixes)}] "
        f"{next(iter(g.reports.values()))[0]!r}"
        for g in gold
        if best_match(g, events, prefixes)[0] is None
    ]
    unmatched = []
    for event in events:
        if any(matching_coverage(g, event, prefixes) for g in gold):
            continue
        near = [g.id for g in gold if covered_articles(g, event, prefixes)]
        cause = f"gold sentence of {','.join(near)}" if near else "no gold event"
        evidence = event["evidence"][0]["text"] if event["evidence"] else ""
        actors = ",".join(event["actor_names"] or event["actor_text"])
        unmatched.append(f"{event['type']} actor={actors} [{cause}] {_start(evidence)!r}")
    return {"missed": missed, "unmatched": unmatched}


def unmerged(gold: list[GoldEvent], analysis: dict) -> list[str]:
    """Multi-source gold events matched in some article but by no event covering two."""
    events, prefixes = analysis["events"], article_prefixes(analysis)
    rows = []
    for g in gold:
        if not g.multi_source:
            continue
        event, covered = best_match(g, events, prefixes)
        if event is not None and len(covered) < 2:
            rows.append(f"{g.id} {g.type} reported by {sorted(g.reports)}, best covers "
                        f"{sorted(covered)}")  # fmt: skip
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list misses and extras")
    options = parser.parse_args()
    figures, gold, analysis = run()
    report: dict = {"aleppo_events": figures.as_dict()}
    if options.errors:
        report["errors"] = error_lists(gold, analysis)
        report["errors"]["not_merged"] = unmerged(gold, analysis)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
