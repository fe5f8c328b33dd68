"""Story grouping quality (B-cubed) must not fall below the recorded floors.

Floors are the figures measured when `group_stories` was written, minus 0.02
(`python -m eval.score_stories` prints the full figures, `--text-only` the words-only ones).
To stay fast, the real annotate and link stages run on a fixed subset only: ECB+ topics 1-5
(127 documents); the whole of ECB+ and WikiRef220 are scored on their words alone.
"""

from __future__ import annotations

import pytest

STAGED_TOPICS = ("1", "2", "3", "4", "5")
ECB_STAGED_SUBTOPIC_F1_FLOOR = 0.904  # measured 0.924 (topics 1-5, annotate + link + events)
ECB_TEXT_SUBTOPIC_F1_FLOOR = 0.877  # measured 0.897 (all 772 documents, words only)
ECB_TEXT_TOPIC_PRECISION_FLOOR = 0.964  # measured 0.984
WIKIREF_TEXT_F1_FLOOR = 0.685  # measured 0.705 (220 documents, noise as singletons)


@pytest.fixture(scope="module")
def gold_data(shared):
    for name in ("ecbplus", "wikiref220"):
        if not (shared / "datasets" / name).exists():
            pytest.skip(f"../shared is not beside the checkout: datasets/{name} is missing")
    return shared


@pytest.mark.slow
def test_ecbplus_subtopics_with_the_real_stages_hold(gold_data):
    from eval.score_stories import score_ecbplus

    figures = score_ecbplus(STAGED_TOPICS)
    assert figures["subtopic"]["f1"] >= ECB_STAGED_SUBTOPIC_F1_FLOOR, figures


def test_ecbplus_subtopics_from_words_alone_hold(gold_data):
    from eval.score_stories import score_ecbplus

    figures = score_ecbplus(text_only=True)
    assert figures["subtopic"]["f1"] >= ECB_TEXT_SUBTOPIC_F1_FLOOR, figures
    # Stories never straddle two ECB+ topics (different kinds of event) by much.
    assert figures["topic"]["precision"] >= ECB_TEXT_TOPIC_PRECISION_FLOOR, figures


def test_wikiref_topics_from_words_alone_hold(gold_data):
    from eval.score_stories import score_wikiref

    figures = score_wikiref(text_only=True)
    assert figures["topic"]["f1"] >= WIKIREF_TEXT_F1_FLOOR, figures


def test_b_cubed_scores_a_known_clustering():
    from eval.score_stories import b_cubed

    gold = {"a": "x", "b": "x", "c": "y"}
    assert b_cubed(gold, gold).f1 == 1.0
    lumped = b_cubed({"a": "1", "b": "1", "c": "1"}, gold)
    assert lumped.recall == 1.0 and lumped.precision == pytest.approx((2 / 3 * 2 + 1 / 3) / 3)
    split = b_cubed({"a": "1", "b": "2"}, gold)  # "c" missing: a cluster of its own
    assert split.precision == 1.0 and split.recall == pytest.approx((0.5 + 0.5 + 1) / 3)
