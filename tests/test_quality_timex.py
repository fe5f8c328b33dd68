"""Regression floors for the timex tagger on TimeBank + AQUAINT (TempEval-3 protocol).

Floors are the figures measured when the rules were last tuned, minus 0.02; a change that drops
below them made the tagger worse on real news text. Re-measure with `python -m eval.score_timex`.
"""

from __future__ import annotations

import pytest

from eval.score_timex import score

# Measured on all 256 TBAQ-cleaned documents: value F1 0.798, relaxed span F1 0.937,
# strict span F1 0.858, type F1 0.891.
VALUE_F1_FLOOR = 0.778
RELAXED_F1_FLOOR = 0.917
STRICT_F1_FLOOR = 0.838


@pytest.fixture(scope="module")
def figures(shared):
    if not (shared / "datasets" / "tempeval3" / "TBAQ-cleaned").exists():
        pytest.skip("../shared is not beside the checkout: no tempeval3/TBAQ-cleaned")
    measured, _ = score()
    return measured


def test_value_f1_stays_above_its_floor(figures):
    assert figures["value_f1"] >= VALUE_F1_FLOOR, figures


def test_relaxed_span_f1_stays_above_its_floor(figures):
    assert figures["relaxed_f1"] >= RELAXED_F1_FLOOR, figures


def test_strict_span_f1_stays_above_its_floor(figures):
    assert figures["strict_f1"] >= STRICT_F1_FLOOR, figures


def test_every_gold_timex_is_scored(figures):
    # 1,822 TIMEX3s in the text bodies; the creation times are metadata and are left out.
    assert figures["gold"] == 1822
