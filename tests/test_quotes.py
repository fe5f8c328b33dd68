"""Quotes and their speakers, on text parsed by the real spaCy pipeline."""

from __future__ import annotations

import pytest

from manysides.annotate.nlp import load_nlp
from manysides.annotate.quotes import find_quotes


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def test_direct_quote_after_the_speaker(nlp):
    text = 'Kerry said: "We will not accept the assault on Aleppo as normal."'
    (quote,) = find_quotes(nlp(text), "a1")
    assert quote.text == "We will not accept the assault on Aleppo as normal."
    assert text[quote.start : quote.end] == quote.text
    assert quote.speaker == "Kerry"
    assert text[quote.speaker_start : quote.speaker_end] == "Kerry"


def test_direct_quote_before_the_speaker_with_curly_quotes(nlp):
    text = ("“The ceasefire has collapsed because of the rebels,” "
            "Russian officials claimed on Monday.")
    (quote,) = find_quotes(nlp(text), "a1")
    assert quote.text.startswith("The ceasefire has collapsed")
    assert "officials" in quote.speaker
    assert quote.verb == "claimed"


def test_reported_speech_and_according_to(nlp):
    text = ("Sergei Lavrov said that the United States had failed to separate the groups. "
            "The convoy was hit by airstrikes, according to the United Nations.")
    quotes = find_quotes(nlp(text), "a1")
    speakers = {q.speaker: q for q in quotes}
    assert "Sergei Lavrov" in speakers
    assert "failed to separate" in speakers["Sergei Lavrov"].text
    assert any("United Nations" in s for s in speakers if s)


def test_scare_quotes_are_not_quotations(nlp):
    text = 'The outlet called them "moderate rebels" in every report.'
    assert find_quotes(nlp(text), "a1") == []
