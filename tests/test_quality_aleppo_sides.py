"""Who says what on the Aleppo corpus stays as good as measured against the hand-made gold.

Floors are the figures measured with `python -m eval.score_aleppo_sides` minus 0.03; the gold is
eval/gold/aleppo_sides.yaml. One pipeline run serves every figure.
"""

from __future__ import annotations

import pytest

from eval.score_aleppo_sides import (
    FactSource,
    fact_found,
    finds,
    load_gold,
    overlaps,
    run_pipeline,
    score,
    snippets,
    words,
)

KINDS = {"number", "blame", "characterisation", "fact"}
DISAGREEMENT_RECALL_FLOOR = 0.80  # measured 0.833 (10 of 12)
DISAGREEMENT_PRECISION_FLOOR = 0.97  # measured 1.0 (10 of 10)
FACT_RECALL_FLOOR = 0.41  # measured 0.438 (7 of 16)
BRIEF_SUPPORT_FLOOR = 0.97  # measured 1.0


@pytest.fixture(scope="module")
def figures(aleppo_dir):
    return score(run_pipeline(aleppo_dir), load_gold())


def test_disagreement_recall_holds(figures):
    assert figures["disagreement_recall"] >= DISAGREEMENT_RECALL_FLOOR, figures


def test_disagreement_precision_holds(figures):
    assert figures["disagreement_precision"] >= DISAGREEMENT_PRECISION_FLOOR, figures


def test_corroborated_fact_recall_holds(figures):
    assert figures["fact_recall"] >= FACT_RECALL_FLOOR, figures


def test_brief_support_holds(figures):
    assert figures["brief_support"] >= BRIEF_SUPPORT_FLOOR, figures


def _gold_pointers(gold: dict):
    for item in gold["disagreements"]:
        for position in item["positions"]:
            yield item["id"], position["reports"]
    for item in gold["corroborated"]:
        yield item["id"], item["reports"]


def test_every_gold_snippet_is_a_short_quote_of_its_article(aleppo_dir):
    texts = {path.name[:3]: " ".join(words(path.read_text(encoding="utf-8")))
             for path in aleppo_dir.glob("*.txt")}  # fmt: skip
    for item_id, reports in _gold_pointers(load_gold()):
        for prefix in reports:
            for snippet in snippets(reports, prefix):
                assert len(snippet.split()) <= 12, (item_id, snippet)
                assert " ".join(words(snippet)) in texts[prefix], (item_id, prefix, snippet)


def test_gold_disagreements_have_a_known_kind_and_two_sides():
    gold = load_gold()
    for item in gold["disagreements"]:
        assert item["kind"] in KINDS, item["id"]
        assert len(item["positions"]) >= 2, item["id"]
    assert all(len(fact["reports"]) >= 2 for fact in gold["corroborated"])


def test_overlap_ignores_curly_quotes_and_spacing_but_not_other_words():
    sentence = "Obama cited \u201cgaps  of trust\u201d between the United States and Russia."
    assert overlaps(sentence, 'cited "gaps of trust" between')
    assert not overlaps(sentence, "gaps of mistrust between Moscow and Kyiv")


def test_a_disagreement_needs_two_sides_with_matching_labels_and_evidence():
    gold = {"kind": "number", "positions": [
        {"position": "430,000 dead", "reports": {"002": "as many as 430,000 casualties"}},
        {"position": "400,000 dead", "reports": {"004": "400,000 have been killed"}},
    ]}  # fmt: skip
    prefixes = {"a2": "002", "a4": "004"}
    low = {
        "position": "400,000 killed",
        "articles": ["a4"],
        "evidence": [{"article": "a4", "text": "In all 400,000 have been killed."}],
    }
    high = {
        "position": "430,000 killed",
        "articles": ["a2"],
        "evidence": [{"article": "a2", "text": "marked by as many as 430,000 casualties"}],
    }
    assert finds({"kind": "number", "positions": [low, high]}, gold, prefixes)
    assert not finds({"kind": "blame", "positions": [low, high]}, gold, prefixes)
    assert not finds({"kind": "number", "positions": [low]}, gold, prefixes)
    mislabelled = dict(high, position="regime")
    assert not finds({"kind": "number", "positions": [low, mislabelled]}, gold, prefixes)


def test_a_fact_needs_two_cited_articles_whose_evidence_states_it():
    fact = {"reports": {"003": "re-imposed the siege on Aleppo",
                        "004": "re-imposing the siege of Aleppo"}}  # fmt: skip
    prefixes = {"a3": "003", "a4": "004"}
    evidence = (
        {
            "article": "a3",
            "text": "Russia and the regime effectively re-imposed the siege on Aleppo.",
        },
        {
            "article": "a4",
            "text": "Syrian forces regained control, re-imposing the siege of Aleppo.",
        },
    )
    assert fact_found(fact, [FactSource(frozenset({"a3", "a4"}), evidence)], prefixes)
    assert not fact_found(fact, [FactSource(frozenset({"a3"}), evidence)], prefixes)
    off_topic = FactSource(frozenset({"a3", "a4"}), evidence, text="Kerry will meet Lavrov.")
    assert not fact_found(fact, [off_topic], prefixes)
