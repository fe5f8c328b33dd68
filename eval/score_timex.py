"""Score `find_timexes` on TimeBank + AQUAINT (TBAQ-cleaned) with the TempEval-3 protocol.

Each .tml file gives its document creation time (the TIMEX3 with
functionInDocument="CREATION_TIME"), used as the anchor, and gold TIMEX3 elements inline in
<TEXT>. The creation time itself is metadata and is not scored.

Measures (TempEval-3): strict span P/R/F1 (same boundaries), relaxed span P/R/F1 (spans
overlap), value F1 and type F1 (attribute accuracy over relaxed-matched gold timexes times the
relaxed F1), and the plain value / type accuracy.

    python -m eval.score_timex                 # all of TBAQ
    python -m eval.score_timex --split TimeBank
    python -m eval.score_timex --split AQUAINT --errors 40
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from eval.common import PRF, dataset
from manysides.annotate.timex import find_timexes
from manysides.records import Timex

SPLITS = ("TimeBank", "AQUAINT")
_TAG_OR_ENTITY = re.compile(r"<(/?)([A-Za-z0-9]+)([^>]*)>|&#?\w+;")
_ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')
_DCT = re.compile(r"<TIMEX3[^>]*functionInDocument=\"CREATION_TIME\"[^>]*>")
_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    text: str
    value: str
    type: str


@dataclass
class GoldDocument:
    name: str
    anchor: dt.date | None
    text: str
    timexes: list[GoldTimex] = field(default_factory=list)


def read_tml(path: Path) -> GoldDocument:
    """The plain text inside <TEXT>, its gold TIMEX3s with offsets into it, and the anchor."""
    raw = path.read_text(encoding="utf-8")
    body = _TEXT.search(raw)
    if body is None:
        raise ValueError(f"{path}: no <TEXT> element")
    text, timexes = _strip_tags(body.group(1))
    return GoldDocument(path.stem, _creation_date(raw), text, timexes)


def _creation_date(raw: str) -> dt.date | None:
    tag = _DCT.search(raw)
    if tag is None:
        return None
    value = dict(_ATTRIBUTE.findall(tag.group(0))).get("value", "")
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _strip_tags(markup: str) -> tuple[str, list[GoldTimex]]:
    """Drop tags and decode entities, remembering where each TIMEX3 starts and ends."""
    pieces: list[str] = []
    length = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    timexes: list[GoldTimex] = []
    position = 0
    for match in _TAG_OR_ENTITY.finditer(markup):
        chunk = markup[position : match.start()]
        pieces.append(chunk)
        length += len(chunk)
        position = match.end()
        if match.group(2) is None:  # an entity such as &amp;
            decoded = html.unescape(match.group(0))
            pieces.append(decoded)
            length += len(decoded)
        elif match.group(2) == "TIMEX3" and not match.group(1):
            open_timex = (length, dict(_ATTRIBUTE.findall(match.group(3))))
        elif match.group(2) == "TIMEX3" and open_timex is not None:
            start, attributes = open_timex
            text = "".join(pieces)[start:length]
            value, kind = attributes.get("value", ""), attributes.get("type", "")
            timexes.append(GoldTimex(start, length, text, value, kind))
            open_timex = None
    pieces.append(markup[position:])
    return "".join(pieces), timexes


def documents(split: str | None = None) -> list[GoldDocument]:
    root = dataset("tempeval3") / "TBAQ-cleaned"
    folders = [split] if split else list(SPLITS)
    paths = sorted(p for folder in folders for p in (root / folder).glob("*.tml"))
    if not paths:
        raise FileNotFoundError(f"no .tml files for split {split!r} under {root}")
    return [read_tml(p) for p in paths]


@dataclass
class Tally:
    strict: PRF = field(default_factory=PRF)
    # Relaxed matching is not one-to-one (one span may overlap two gold timexes), so precision
    # counts predicted spans that overlap some gold one and recall counts gold spans that
    # overlap some predicted one.
    relaxed_precision: PRF = field(default_factory=PRF)
    relaxed_recall: PRF = field(default_factory=PRF)
    matched: int = 0
    value_correct: int = 0
    type_correct: int = 0
    errors: list[str] = field(default_factory=list)


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def score_document(doc: GoldDocument, tally: Tally) -> None:
    predicted = find_timexes(doc.text, doc.anchor, doc.name)
    gold_spans = {(g.start, g.end) for g in doc.timexes}
    for prf in (tally.strict, tally.relaxed_precision, tally.relaxed_recall):
        prf.predicted += len(predicted)
        prf.gold += len(doc.timexes)
    tally.strict.true_positives += sum((p.start, p.end) in gold_spans for p in predicted)
    tally.relaxed_precision.true_positives += sum(
        any(_overlaps(p.start, p.end, g.start, g.end) for g in doc.timexes) for p in predicted
    )
    for gold in doc.timexes:
        match = _best_overlap(gold, predicted)
        if match is None:
            tally.errors.append(f"{doc.name}\tMISSED\t{gold.text!r}\t{gold.value}")
            continue
        tally.relaxed_recall.true_positives += 1
        tally.matched += 1
        tally.value_correct += match.value == gold.value
        tally.type_correct += match.type == gold.type
        if match.value != gold.value:
            tally.errors.append(
                f"{doc.name}\tVALUE\t{gold.text!r}\tgold={gold.value}\tours={match.value}"
                f" ({match.text!r}, anchor {doc.anchor})"
            )
    for extra in predicted:
        if not any(_overlaps(extra.start, extra.end, g.start, g.end) for g in doc.timexes):
            tally.errors.append(f"{doc.name}\tSPURIOUS\t{extra.text!r}\t{extra.value}")


def _best_overlap(gold: GoldTimex, predicted: list[Timex]) -> Timex | None:
    best, best_overlap = None, 0
    for p in predicted:
        overlap = min(p.end, gold.end) - max(p.start, gold.start)
        if overlap > best_overlap:
            best, best_overlap = p, overlap
    return best


def score(split: str | None = None) -> tuple[dict[str, float], Tally]:
    tally = Tally()
    for doc in documents(split):
        score_document(doc, tally)
    value_accuracy = tally.value_correct / tally.matched if tally.matched else 0.0
    type_accuracy = tally.type_correct / tally.matched if tally.matched else 0.0
    precision = tally.relaxed_precision.precision
    recall = tally.relaxed_recall.recall
    relaxed = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    figures = {
        "strict_precision": tally.strict.precision,
        "strict_recall": tally.strict.recall,
        "strict_f1": tally.strict.f1,
        "relaxed_precision": precision,
        "relaxed_recall": recall,
        "relaxed_f1": relaxed,
        "value_accuracy": value_accuracy,
        "value_f1": value_accuracy * relaxed,
        "type_accuracy": type_accuracy,
        "type_f1": type_accuracy * relaxed,
        "gold": tally.strict.gold,
        "predicted": tally.strict.predicted,
    }
    return figures, tally


def print_table(figures: dict[str, float], title: str) -> None:
    print(
        f"TempEval-3 timex scores on {title} ({figures['gold']} gold, "
        f"{figures['predicted']} predicted)"
    )
    print(f"{'measure':<10} {'P':>7} {'R':>7} {'F1':>7}")
    for kind in ("strict", "relaxed"):
        print(
            f"{kind:<10} {figures[kind + '_precision']:7.4f} {figures[kind + '_recall']:7.4f} "
            f"{figures[kind + '_f1']:7.4f}"
        )
    print(f"value F1 {figures['value_f1']:.4f} (accuracy {figures['value_accuracy']:.4f})")
    print(f"type F1  {figures['type_f1']:.4f} (accuracy {figures['type_accuracy']:.4f})")


def main(argv: list[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=SPLITS, help="score one part of TBAQ only")
    parser.add_argument("--errors", type=int, default=0, help="print this many errors")
    args = parser.parse_args(argv)
    figures, tally = score(args.split)
    print_table(figures, f"TBAQ-cleaned/{args.split}" if args.split else "TBAQ-cleaned")
    for line in tally.errors[: args.errors]:
        print(line)
    return figures


if __name__ == "__main__":
    main()
