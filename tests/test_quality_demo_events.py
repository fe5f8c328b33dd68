"""Regression bounds for the demo corpus's corroborated events (eval/score_demo_events.py).

Measured 2026-11-23: recall 0.905, merged 0.929 (the ceasefire, the market shelling and the
convoy each one event over all their reports), 114 events. Floors: measured minus 0.03.
"""

from __future__ import annotations

import pytest

from eval.score_demo_events import demo_events, score

RECALL_FLOOR = 0.87
MERGED_FLOOR = 0.90
MOST_EVENTS = 130  # more events for the same facts means more noise to read through


@pytest.fixture(scope="module")
def figures():
    return score(*demo_events())


def test_corroborated_reports_are_found(figures):
    assert figures["recall"] >= RECALL_FLOOR, figures


def test_each_corroborated_fact_is_one_event(figures):
    assert figures["merged"] >= MERGED_FLOOR, figures
    for fact in ("ceasefire-signed", "market-shelled", "convoy-reached-ilave"):
        found = figures["facts"][fact]
        assert found["best_single_event"] == found["reports"], found


def test_the_corpus_does_not_drown_in_events(figures):
    assert 0 < figures["events"] <= MOST_EVENTS, figures["events"]
