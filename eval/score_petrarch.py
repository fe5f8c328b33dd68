"""Score the PLOVER event coder on PETRARCH2's unit-test records (CAMEO-coded, fictional actors).

    python -m eval.score_petrarch [--errors]

Gold: datasets/petrarch2/PETR.UnitTest.records.xml, each <Sentence> with <Text> and
<EventCoding sourcecode= targetcode= eventcode=> (or noevents="True"). Expected CAMEO codes are
turned into PLOVER types with datasets/plover/CAMEO2PLOVER-2021.txt, parsed here at run time:
the code itself, else its longest listed prefix ("0231" -> "023" -> "02"). Codes PLOVER drops
(01, 02: statements and appeals) and PETRARCH's made-up synset test codes map to nothing.

Scored records: those with at least one expected PLOVER type, plus the "no events" records.
- type recall: expected (record, type) pairs that we produce (any of our mentions has the type);
- type precision: the distinct (record, type) pairs we produce that are expected;
- source match: among expected events with a real source code, the share where one of our
  mentions of that type has an actor span naming a PETR.Validate actor (dictionary read only
  here, never by the pipeline) whose code starts like the expected source code.
"""

from __future__ import annotations

import argparse
import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from eval.common import PRF, dataset

CODE_LINE = re.compile(r"^\s*(\d{2,4})\s*:\s*([A-Z]+)")


@dataclass(frozen=True)
class PetrarchRecord:
    id: str
    text: str
    expected: frozenset[str]  # PLOVER types
    sources: tuple[tuple[str, str], ...]  # (PLOVER type, CAMEO source code)
    no_events: bool


def load_cameo_map(path: Path | None = None) -> dict[str, str]:
    """CAMEO code -> PLOVER type from the CAMEO2PLOVER conversion table."""
    path = path or dataset("plover") / "CAMEO2PLOVER-2021.txt"
    table: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = CODE_LINE.match(line)
        if match:
            table.setdefault(match.group(1), match.group(2))
    return table


def plover_type(code: str, table: dict[str, str]) -> str | None:
    for length in range(len(code), 1, -1):
        if code[:length] in table:
            return table[code[:length]]
    return None


def _codings(sentence: ElementTree.Element, table: dict[str, str]) -> list[tuple[str, str]]:
    found = []
    for coding in sentence.findall("EventCoding"):
        kind = plover_type(coding.get("eventcode", ""), table)
        if kind:
            found.append((kind, coding.get("sourcecode", "")))
    return found


def load_records() -> list[PetrarchRecord]:
    table = load_cameo_map()
    root = ElementTree.parse(dataset("petrarch2") / "PETR.UnitTest.records.xml").getroot()
    records = []
    for sentence in root.iter("Sentence"):
        text_node = sentence.find("Text")
        codings = sentence.findall("EventCoding")
        if text_node is None or not text_node.text or any(c.get("error") for c in codings):
            continue
        no_events = any(c.get("noevents") == "True" for c in codings)
        found = _codings(sentence, table)
        if found or no_events:
            records.append(PetrarchRecord(
                sentence.get("id", ""), " ".join(text_node.text.split()),
                frozenset(kind for kind, _ in found), tuple(found), no_events and not found,
            ))  # fmt: skip
    return records


@lru_cache(maxsize=1)
def actor_codes() -> dict[str, str]:
    """Actor name (upper case, spaces) -> 3-letter code from PETR.Validate.actors.txt."""
    path = dataset("petrarch2") / "dictionaries" / "PETR.Validate.actors.txt"
    names: dict[str, str] = {}
    pending: list[str] = []
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip() or line.lstrip().startswith("<"):
            continue
        name = line.split("[", 1)[0].strip().lstrip("+")
        if name and not raw[0].isspace():
            pending = pending if raw.startswith("+") else []
            pending.append(name.replace("_", " ").strip().upper())
        code = re.search(r"\[([A-Za-z]{3})", line)
        if code:
            for alias in pending:
                names.setdefault(alias, code.group(1).upper())
    return names


def codes_in(text: str) -> set[str]:
    upper = f" {re.sub(r'[^A-Z0-9 ]', ' ', text.upper())} "
    return {code for name, code in actor_codes().items() if f" {name} " in upper}


def predict(records: list[PetrarchRecord]) -> list[list]:
    from manysides.annotate.event_coder import code_events
    from manysides.annotate.nlp import load_nlp

    docs = load_nlp().pipe((r.text for r in records), batch_size=64)
    return [code_events(doc) for doc in docs]


@dataclass
class PetrarchScore:
    types: PRF
    source_hits: int
    source_total: int

    @property
    def source_match(self) -> float:
        return self.source_hits / self.source_total if self.source_total else 0.0


def _source_hit(kind: str, source: str, mentions: list) -> bool:
    for mention in (m for m in mentions if m.type == kind):
        if any(source.startswith(code) for a in mention.actors for code in codes_in(a[2])):
            return True
    return False


def score(records: list[PetrarchRecord], predictions: list[list]) -> PetrarchScore:
    types, hits, total = PRF(), 0, 0
    for record, mentions in zip(records, predictions, strict=True):
        produced = {m.type for m in mentions}
        types.gold += len(record.expected)
        types.predicted += len(produced)
        types.true_positives += len(produced & record.expected)
        for kind, source in record.sources:
            if source[:3].isalpha():
                total += 1
                hits += _source_hit(kind, source, mentions)
    return PetrarchScore(types, hits, total)


def run() -> tuple[PetrarchScore, list[PetrarchRecord], list[list]]:
    records = load_records()
    predictions = predict(records)
    return score(records, predictions), records, predictions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list records we miss")
    options = parser.parse_args()
    result, records, predictions = run()
    if options.errors:
        for record, mentions in zip(records, predictions, strict=True):
            produced = {m.type for m in mentions}
            if produced != record.expected:
                print(f"{record.id:14} {sorted(record.expected)} {sorted(produced)} {record.text}")
    print(f"records {len(records)}  type recall {result.types.recall:.3f}  "
          f"type precision {result.types.precision:.3f}  F1 {result.types.f1:.3f}")  # fmt: skip
    print(f"source match {result.source_match:.3f} ({result.source_total} expected events)")


if __name__ == "__main__":
    main()
