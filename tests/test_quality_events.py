"""Regression floors for the PLOVER event coder (measured figure minus about 0.02).

Reproduce the figures with `python -m eval.score_plover` and `python -m eval.score_petrarch`.
"""

from __future__ import annotations

import pytest

PLOVER_MACRO_F1_FLOOR = 0.86  # measured 0.880
PLOVER_SOURCE_MATCH_FLOOR = 0.87  # measured 0.894
PLOVER_TARGET_MATCH_FLOOR = 0.735  # measured 0.757
PETRARCH_TYPE_RECALL_FLOOR = 0.32


@pytest.fixture(scope="module")
def plover_result(shared):
    if not (shared / "datasets" / "plover").exists():
        pytest.skip(f"../shared is not beside the checkout: no datasets/plover in {shared}")
    from eval.score_plover import run

    return run()[0]


@pytest.fixture(scope="module")
def petrarch_result(shared):
    if not (shared / "datasets" / "petrarch2").exists():
        pytest.skip(f"../shared is not beside the checkout: no datasets/petrarch2 in {shared}")
    from eval.score_petrarch import run

    return run()[0]


def test_plover_event_type_macro_f1(plover_result):
    assert plover_result.records > 300
    assert plover_result.macro_f1 >= PLOVER_MACRO_F1_FLOOR


def test_plover_source_actor_match(plover_result):
    assert plover_result.source_match >= PLOVER_SOURCE_MATCH_FLOOR


def test_plover_target_actor_match(plover_result):
    assert plover_result.target_match >= PLOVER_TARGET_MATCH_FLOOR


def test_petrarch_type_recall(petrarch_result):
    assert petrarch_result.types.gold > 150
    assert petrarch_result.types.recall >= PETRARCH_TYPE_RECALL_FLOOR
