"""How the demo corpus's corroborated events come out: found, merged, and how much else is emitted.

The answer key (src/manysides/data/demo_key.md, "Corroborated facts") lists each real-world event
with the files that report it and a verbatim snippet from each. For every fact we look for the
emitted events of the fact's PLOVER type whose evidence sentence in that file contains the
snippet, and report:
  - recall: the share of (fact, file) reports some event of the right type carries;
  - merged: per fact, the largest share of its reports one single event carries (mean over facts);
  - fragments: per fact, how many distinct events carry its reports (1 is ideal);
  - events: how many events the whole corpus yields (fewer, for the same recall, is better).

    python -m eval.score_demo_events
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

from eval.common import REPO, key_table
from manysides import pipeline
from manysides.ingest import iter_articles
from manysides.records import Article

DEMO = REPO / "src" / "manysides" / "data" / "demo"
# The PLOVER type each corroborated fact is coded as; the renaming has no PLOVER type.
FACT_TYPES = {
    "ceasefire-signed": "AGREE",
    "bridge-destroyed": "ASSAULT",
    "convoy-reached-ilave": "AID",
    "market-shelled": "ASSAULT",
}


def gold_reports() -> dict[str, dict[str, str]]:
    """fact -> {file prefix: snippet}, for the facts that have a PLOVER type."""
    gold: dict[str, dict[str, str]] = defaultdict(dict)
    for row in key_table("Corroborated facts"):
        if row["fact"] in FACT_TYPES:
            gold[row["fact"]][row["file"]] = row["evidence"]
    return dict(gold)


def demo_events(folder: Path = DEMO) -> tuple[list[dict], dict[str, str]]:
    """The corpus's events and article id -> file prefix."""
    articles = [a for a in iter_articles([str(folder)]) if isinstance(a, Article)]
    stages = pipeline.run_stages(articles)
    prefix = {a.id: Path(a.path or "").name[:2] for a in articles}
    return stages.events, prefix


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).lower()


def carriers(events: list[dict], prefix: dict[str, str], fact_type: str,
             file: str, snippet: str) -> set[int]:
    """Indexes of the events of the type whose evidence in the file contains the snippet."""
    wanted = _normal(snippet)
    return {
        number
        for number, event in enumerate(events)
        if event["type"] == fact_type
        and any(prefix.get(ev["article"]) == file and wanted in _normal(ev["text"])
                for ev in event["evidence"])
    }  # fmt: skip


def score(events: list[dict], prefix: dict[str, str]) -> dict:
    per_fact, found, total, merged_shares = {}, 0, 0, []
    for fact, reports in gold_reports().items():
        holders = {f: carriers(events, prefix, FACT_TYPES[fact], f, s) for f, s in reports.items()}
        covered = [f for f, h in holders.items() if h]
        counts: dict[int, int] = defaultdict(int)
        for held in holders.values():
            for number in held:
                counts[number] += 1
        best = max(counts.values(), default=0)
        merged_shares.append(best / len(reports))
        found, total = found + len(covered), total + len(reports)
        per_fact[fact] = {"reports": len(reports), "found": len(covered),
                          "best_single_event": best, "fragments": len(counts),
                          "missed": sorted(set(reports) - set(covered))}  # fmt: skip
    return {"recall": round(found / total, 3),
            "merged": round(sum(merged_shares) / len(merged_shares), 3),
            "events": len(events), "facts": per_fact}  # fmt: skip


def main() -> int:
    events, prefix = demo_events()
    print(json.dumps(score(events, prefix), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
