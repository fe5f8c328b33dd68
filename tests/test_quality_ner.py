"""Entity recognition quality on the CoNLL-2003 English dev set must not regress.

Measured with `python -m eval.score_ner`: overall exact-span F1 0.6478 with the actor ruler
(0.6477 for the bare model), 213 documents.
"""

from __future__ import annotations

import pytest

from eval.score_ner import load_documents, pipeline, score

F1_FLOOR = 0.627  # measured 0.6478 minus 0.02


@pytest.fixture(scope="module")
def documents(shared):
    if not (shared / "datasets" / "conll2003" / "eng.testa").exists():
        pytest.skip("../shared is not beside the checkout: CoNLL-2003 dev set missing")
    return load_documents()


def test_overall_f1_stays_above_the_floor(documents):
    results = score(pipeline(with_ruler=True), documents)
    assert results["ALL"].gold == 5942
    assert results["ALL"].f1 >= F1_FLOOR, f"CoNLL F1 {results['ALL'].f1:.4f} < {F1_FLOOR}"


def test_actor_ruler_does_not_hurt_recognition(documents):
    sample = documents[:40]
    with_ruler = score(pipeline(with_ruler=True), sample)["ALL"].f1
    bare = score(pipeline(with_ruler=False), sample)["ALL"].f1
    assert with_ruler >= bare - 0.005, f"ruler {with_ruler:.4f} vs bare model {bare:.4f}"
