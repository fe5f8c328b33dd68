"""What every scorer needs: where the shared gold data is, and P/R/F1 arithmetic."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEMO_KEY = REPO / "src" / "manysides" / "data" / "demo_key.md"


def shared_dir() -> Path:
    """The shared data folder: $MANYSIDES_SHARED, else `shared/` beside the checkout."""
    configured = os.environ.get("MANYSIDES_SHARED")
    return Path(configured) if configured else REPO.parent / "shared"


def dataset(name: str) -> Path:
    """A gold dataset folder; raises FileNotFoundError naming what is missing."""
    path = shared_dir() / "datasets" / name
    if not path.exists():
        raise FileNotFoundError(f"gold data not found: {path} (set MANYSIDES_SHARED)")
    return path


class Scores:
    """F1 and a printable dict for anything that has a precision and a recall."""

    precision: float
    recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass
class PRF(Scores):
    """Counts of true positives, predictions and gold items, with the usual ratios."""

    true_positives: float = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 0.0


def _unquote(cell: str) -> str:
    # Key cells quote corpus text in backticks; `\|` is a pipe inside a table cell.
    return cell.strip().strip("`").replace("\\|", "|")


@cache
def key_table(heading: str) -> tuple[dict[str, str], ...]:
    """The rows of the first Markdown table under `## heading` in the demo corpus's answer key,
    its cells unquoted; ValueError when the section has no table rows."""
    lines = DEMO_KEY.read_text(encoding="utf-8").splitlines()
    start = lines.index(f"## {heading}")
    table = []
    for line in lines[start + 1 :]:
        if line.startswith("## "):
            break
        if line.startswith("|"):
            table.append([_unquote(c) for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]])
        elif table:
            break
    if len(table) < 3:
        raise ValueError(f"demo_key.md section {heading!r} has no table rows")
    header, rows = table[0], table[2:]
    return tuple(dict(zip(header, row, strict=True)) for row in rows)
