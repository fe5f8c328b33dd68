"""Geoparsing quality on GeoWebNews must not fall below the recorded floors.

Floors are the figures measured when the geoparser was written, minus 0.02
(`python -m eval.score_geo` prints the current ones).
"""

from __future__ import annotations

import pytest

F1_FLOOR = 0.80  # measured 0.820 (overlap match)
EXACT_SPAN_F1_FLOOR = 0.775  # measured 0.795
ACC161_FLOOR = 0.94  # measured 0.958


@pytest.fixture(scope="module")
def figures(shared):
    if not (shared / "datasets" / "geowebnews" / "GWN.xml").exists():
        pytest.skip("../shared is not beside the checkout: GeoWebNews is missing")
    from eval.score_geo import score

    result, _tally = score()
    return result


@pytest.mark.slow
def test_toponym_detection_f1_holds(figures):
    assert figures["f1"] >= F1_FLOOR, figures
    assert figures["exact_span_f1"] >= EXACT_SPAN_F1_FLOOR, figures


@pytest.mark.slow
def test_resolution_accuracy_at_161_km_holds(figures):
    assert figures["acc161"] >= ACC161_FLOOR, figures
