"""What every scorer needs: where the shared gold data is, and P/R/F1 arithmetic."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


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
