"""Regression bounds for the Aleppo corpus events, against eval/gold/aleppo_events.yaml.

Measured 2026-12-03: recall 0.943, merge_rate 0.647, merge_coverage 0.706, precision 0.609,
precision_evidence 0.837, conflated 0.179, actor_overlap 0.680, date_exact 0.560,
place_match 0.514.
Reproduce with `python -m eval.score_aleppo_events` (`--errors` lists the misses).
Floors are the measured figure minus about 0.03; `conflated` is lower-is-better, so it has a
ceiling (the measured figure plus 0.03).
"""

from __future__ import annotations

import pytest

from eval.score_aleppo_events import (
    dates_compatible,
    evidence_matches,
    load_gold,
    run_pipeline,
    score,
    snippet_problems,
    types_compatible,
)

FLOORS = {
    "recall": 0.91,
    # Most of the gold's multi-source events are background told in other words weeks apart,
    # and two of the five articles carry no date.
    "merge_rate": 0.62,
    "merge_coverage": 0.68,
    "precision": 0.58,  # a lower bound: correct events the gold does not code count as wrong
    "precision_asserted": 0.64,  # the gold lists what happened, not what only might
    "precision_evidence": 0.81,
    "actor_overlap": 0.65,
    "date_exact": 0.53,  # the gold dates some background events by context, we by publication
    "place_match": 0.48,
}
# Two gold events sharing one snippet (ev-07, ev-08) count as conflated by any match.
CONFLATED_CEILING = 0.21


@pytest.fixture(scope="module")
def figures(aleppo_dir):
    return score(load_gold(), run_pipeline(aleppo_dir))


def test_gold_snippets_are_short_verbatim_pointers(aleppo_dir):
    assert snippet_problems(load_gold(), aleppo_dir) == []


def test_gold_is_a_usable_event_list():
    gold = load_gold()
    assert len({event.id for event in gold}) == len(gold) >= 45
    assert sum(event.multi_source for event in gold) >= len(gold) // 4


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_aleppo_event_figure_stays_above_floor(figures, name):
    assert figures.gold >= 45 and figures.emitted > 0
    assert getattr(figures, name) >= FLOORS[name], figures.as_dict()


def test_distinct_events_are_not_lumped_together_more_than_before(figures):
    assert figures.conflated <= CONFLATED_CEILING, figures.as_dict()


def test_evidence_split_differently_still_matches_the_snippet():
    snippet = "Kerry called on Russia to ground the Syrian Air Force"
    assert evidence_matches("At that time, Kerry called on Russia to ground the jets.", snippet)
    assert not evidence_matches("Kerry called on reporters to wait.", snippet)


def test_dates_compatible_by_overlapping_days():
    assert dates_compatible("2016-W38", {"date": "2016-09-21", "date_granularity": "day"})
    assert not dates_compatible("2016-09-24", {"date": "2016-09-28", "date_granularity": "day"})
    # A date that is only the publication date is no evidence against the gold date.
    assert dates_compatible("2016-02", {"date": "2016-09-28", "date_granularity": "published"})


def test_near_types_are_narrow():
    assert types_compatible("AID", "SUPPORT")
    assert not types_compatible("ASSAULT", "ACCUSE")
