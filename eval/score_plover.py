"""Score the PLOVER event coder on the PLOVER gold-standard records (CAMEO manual examples).

    python -m eval.score_plover [--errors] [--target-errors]

Gold: datasets/plover/PLOVER_GSR_CAMEO.txt, a JSON array of records with `text`, `event`
(the older 18-type list), `source` and `target` (lists of {"actorText": ...}). Gold types are
mapped to POLECAT's 16: DEMAND->REQUEST, DISAPPROVE->ACCUSE, FIGHT->ASSAULT; records typed
INVESTIGATE or DOCUMENT, and records without text, are left out.

Per record our predicted type is the type of our highest-confidence event mention in the text
(NONE when there is none). Reported:
- type accuracy, and macro-F1 over the 16 types (a NONE prediction counts as a miss for the
  gold type and as no prediction);
- source match: among records whose gold source is non-empty, the share where some gold source
  text shares at least one content token (case-insensitive; "the", "of", "and" ... ignored)
  with some actor span of that top mention; target match likewise with its target spans.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from eval.common import PRF, dataset
from manysides.annotate.event_lexicon import PLOVER_TYPES

TYPE_MAP = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT"}
LEFT_OUT = {"INVESTIGATE", "DOCUMENT"}
STOPWORDS = frozenset(
    {"the", "a", "an", "of", "and", "in", "on", "for", "to", "its", "their", "his", "her", "'s",
     "s", "by", "with", "from", "at"}
)  # fmt: skip


@dataclass(frozen=True)
class GoldRecord:
    id: str
    text: str
    type: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]


@dataclass
class PloverScore:
    records: int = 0
    correct: int = 0
    per_type: dict[str, PRF] = field(default_factory=lambda: {t: PRF() for t in PLOVER_TYPES})
    source_hits: int = 0
    source_total: int = 0
    target_hits: int = 0
    target_total: int = 0

    @property
    def accuracy(self) -> float:
        return self.correct / self.records if self.records else 0.0

    @property
    def macro_f1(self) -> float:
        return sum(prf.f1 for prf in self.per_type.values()) / len(self.per_type)

    @property
    def source_match(self) -> float:
        return self.source_hits / self.source_total if self.source_total else 0.0

    @property
    def target_match(self) -> float:
        return self.target_hits / self.target_total if self.target_total else 0.0


def _actor_texts(value) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(a["actorText"] for a in value if isinstance(a, dict) and a.get("actorText"))


def load_gold() -> list[GoldRecord]:
    raw = json.loads((dataset("plover") / "PLOVER_GSR_CAMEO.txt").read_text(encoding="utf-8"))
    records = []
    for item in raw:
        kind = TYPE_MAP.get(item.get("event", ""), item.get("event", ""))
        if not item.get("text") or kind in LEFT_OUT or kind not in PLOVER_TYPES:
            continue
        records.append(
            GoldRecord(item["id"], item["text"], kind, _actor_texts(item.get("source")),
                       _actor_texts(item.get("target")))
        )  # fmt: skip
    return records


def content_tokens(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOPWORDS}


def overlaps(gold_texts: Iterable[str], predicted: Iterable[str]) -> bool:
    """True when some gold text shares a content token with some predicted span."""
    predicted_tokens = set().union(*(content_tokens(p) for p in predicted))
    return any(content_tokens(g) & predicted_tokens for g in gold_texts)


def top_mention(mentions):
    return max(mentions, key=lambda m: m.confidence, default=None)


def score(records: list[GoldRecord], predictions: list) -> PloverScore:
    """`predictions[i]` is the top EventMention for records[i], or None."""
    result = PloverScore()
    for gold, top in zip(records, predictions, strict=True):
        predicted = top.type if top is not None else "NONE"
        result.records += 1
        result.correct += predicted == gold.type
        result.per_type[gold.type].gold += 1
        if predicted in result.per_type:
            result.per_type[predicted].predicted += 1
            result.per_type[predicted].true_positives += predicted == gold.type
        actors = [a[2] for a in top.actors] if top is not None else []
        targets = [t[2] for t in top.targets] if top is not None else []
        if gold.sources:
            result.source_total += 1
            result.source_hits += overlaps(gold.sources, actors)
        if gold.targets:
            result.target_total += 1
            result.target_hits += overlaps(gold.targets, targets)
    return result


def predict(records: list[GoldRecord]) -> list:
    from manysides.annotate.event_coder import code_events
    from manysides.annotate.nlp import load_nlp

    nlp = load_nlp()
    docs = nlp.pipe((r.text for r in records), batch_size=64)
    return [top_mention(code_events(doc)) for doc in docs]


def run() -> tuple[PloverScore, list[GoldRecord], list]:
    records = load_gold()
    predictions = predict(records)
    return score(records, predictions), records, predictions


def _print_errors(records: list[GoldRecord], predictions: list) -> None:
    for gold, top in zip(records, predictions, strict=True):
        predicted = top.type if top is not None else "NONE"
        if predicted != gold.type:
            trigger = top.trigger if top is not None else "-"
            print(f"{gold.type:10} {predicted:10} [{trigger}] {gold.text}")


def _print_target_errors(records: list[GoldRecord], predictions: list) -> None:
    for gold, top in zip(records, predictions, strict=True):
        targets = [t[2] for t in top.targets] if top is not None else []
        if gold.targets and not overlaps(gold.targets, targets):
            print(f"{'|'.join(gold.targets)[:30]:30} {'|'.join(targets)[:30]:30} {gold.text}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list the mistyped records")
    parser.add_argument("--target-errors", action="store_true",
                        help="list the records whose gold target our top event misses")
    options = parser.parse_args()
    result, records, predictions = run()
    if options.errors:
        _print_errors(records, predictions)
    if options.target_errors:
        _print_target_errors(records, predictions)
    print(f"records {result.records}  type accuracy {result.accuracy:.3f}  "
          f"macro-F1 {result.macro_f1:.3f}")  # fmt: skip
    print(f"source match {result.source_match:.3f} ({result.source_total} records)  "
          f"target match {result.target_match:.3f} ({result.target_total} records)")  # fmt: skip
    for kind, prf in result.per_type.items():
        print(f"  {kind:10} P {prf.precision:.2f} R {prf.recall:.2f} F1 {prf.f1:.2f} "
              f"(gold {prf.gold})")  # fmt: skip


if __name__ == "__main__":
    main()
